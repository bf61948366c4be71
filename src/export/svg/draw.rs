//! Painting a laid-out chart: the title block and legend, each strip (grid, level
//! labels with their swatches, rules and their labels, step lines and markers), the
//! year axis and the footer.

use super::super::font;
use super::layout::*;
use super::legend::{LEGEND_SAMPLE, LegendItem};
use super::look::*;
use super::writer::{Anchor, Svg, clean};
use crate::chart::{Chart, RuleKind};
use crate::data::{Dataset, Date};

/// Paints `layout` of `chart`: title, legend, strips, year axis, footer.
/// The picture's title lines and subtitle from the top margin; the y under them.
pub(super) fn heading(svg: &mut Svg, title: &[String], subtitle: &str) -> f32 {
    let mut y = MARGIN;
    for line in title {
        svg.text(
            MARGIN,
            y + TITLE_SIZE * 0.8,
            TITLE_SIZE,
            true,
            Anchor::Start,
            INK,
            line,
        );
        y += TITLE_LINE;
    }
    svg.text(
        MARGIN,
        y + SUBTITLE_SIZE * 0.8,
        SUBTITLE_SIZE,
        false,
        Anchor::Start,
        DIM,
        subtitle,
    );
    y + SUBTITLE_LINE
}

pub(super) fn draw(svg: &mut Svg, layout: &Layout, dataset: &Dataset, chart: &Chart) {
    let width = layout.width;
    svg.rect(0.0, 0.0, width, layout.height, "#ffffff");

    // Title, subtitle, legend.
    let y = heading(svg, &layout.title, &layout.subtitle);
    draw_legend(svg, &layout.legend, &layout.legend_at, y);

    // Strips.
    let axis = &layout.xmap;
    let mut top = layout.strips_top;
    if layout.strips.is_empty() {
        svg.text(
            MARGIN,
            top + LEGEND_SIZE,
            LEGEND_SIZE,
            false,
            Anchor::Start,
            DIM,
            "No ratings recorded.",
        );
        top += LEGEND_LINE;
    }
    let mut bottom = top;
    for strip in &layout.strips {
        bottom = draw_strip(svg, layout, strip, dataset, chart, top);
        top = bottom + strip.gap();
    }

    // The time axis: a tick at each year's start, each year's label centred in it.
    if !layout.strips.is_empty() {
        let base = bottom + 4.0;
        draw_years(svg, axis, layout.years, base);
        top = base + layout.years.height();
    }

    // Sources, licence, what this is.
    draw_footer(svg, &layout.footer, top + 6.0);
}

/// The footer lines from `y` down.
pub(super) fn draw_footer(svg: &mut Svg, footer: &[(f32, String)], mut y: f32) {
    for (indent, line) in footer {
        svg.text(
            MARGIN + indent,
            y + SOURCE_SIZE,
            SOURCE_SIZE,
            false,
            Anchor::Start,
            DIM,
            line,
        );
        y += SOURCE_LINE;
    }
}

/// The legend items at their (row, x) places, rows from `y` down.
pub(super) fn draw_legend(svg: &mut Svg, items: &[LegendItem], at: &[(usize, f32)], y: f32) {
    for (item, &(row, x)) in items.iter().zip(at) {
        let top = y + row as f32 * LEGEND_LINE;
        let mid = top + LEGEND_LINE * 0.45;
        let x = MARGIN + x;
        match item.rule {
            None => {
                svg.line(
                    x,
                    mid,
                    x + LEGEND_SAMPLE,
                    mid,
                    item.look.colour,
                    2.5,
                    item.look.dash,
                );
                svg.marker(
                    item.look.shape,
                    x + LEGEND_SAMPLE / 2.0,
                    mid,
                    4.5,
                    item.look.colour,
                );
            }
            Some(kind) => {
                let (stroke, w, dash) = rule_style(kind, item.look);
                svg.line(
                    x + LEGEND_SAMPLE / 2.0,
                    top + 2.0,
                    x + LEGEND_SAMPLE / 2.0,
                    top + LEGEND_LINE - 4.0,
                    stroke,
                    w,
                    dash,
                );
            }
        }
        svg.text(
            x + LEGEND_SAMPLE + 6.0,
            mid + LEGEND_SIZE * 0.36,
            LEGEND_SIZE,
            false,
            Anchor::Start,
            INK,
            &item.label,
        );
    }
}

/// Draws one strip with its top at `top`; returns the bottom of its plot.
/// The shade of a stretch the dataset does not hold (a missed round).
const UNKNOWN_FILL: &str = "#efefef";
/// The shade of a stretch after an assessment that gave no grade.
const UNGRADED_FILL: &str = "#f7ece6";

fn draw_strip(
    svg: &mut Svg,
    layout: &Layout,
    strip: &StripLayout,
    dataset: &Dataset,
    chart: &Chart,
    top: f32,
) -> f32 {
    let axis = &layout.xmap;
    let drawn = chart.councils.len();
    let multi = drawn > 1;
    let indent = strip.indent();
    let title_size = strip.title_size();
    let row = layout.row * strip.scale();
    let title_row = strip.title_row();
    let plot_top = top + title_row + strip.lanes as f32 * LANE + 4.0;
    let plot_bottom = plot_top + strip.rows() as f32 * row;
    let lane_top = |lane: usize| {
        if lane == 0 {
            top + 2.0
        } else {
            top + title_row + (lane - 1) as f32 * LANE
        }
    };
    let lane_base = |lane: usize| {
        if lane == 0 {
            top + title_row * 0.72
        } else {
            lane_top(lane) + LANE * 0.75
        }
    };

    svg.class("strip-title").text(
        MARGIN + indent,
        top + title_row * 0.72,
        title_size,
        true,
        Anchor::Start,
        INK,
        &strip.title,
    );
    if let Some(note) = &strip.folded {
        let x = MARGIN + indent + font::width(&strip.title, title_size, true) + FOLD_GAP;
        svg.text(
            x,
            top + title_row * 0.72,
            RULE_SIZE,
            false,
            Anchor::Start,
            DIM,
            note,
        );
    }

    // Grid: year starts, then one line per level.
    for year in axis.years().skip(1) {
        let x = axis.x(Date::year(year));
        svg.line(x, plot_top, x, plot_bottom, YEAR_GRID, 1.0, None);
    }
    for r in 0..strip.rows() {
        let y = plot_top + (r as f32 + 0.5) * row;
        svg.line(axis.x0 - PLOT_PAD, y, axis.x1, y, GRID, 1.0, None);
    }
    let y_axis = axis.x0 - PLOT_PAD;
    svg.line(y_axis, plot_top, y_axis, plot_bottom, "#b0b0b0", 1.0, None);

    // Where the selected council has no rating and the data says why, as the terminal
    // chart shows it: a round the dataset does not hold is shaded and says "unknown",
    // an assessment that gave no grade is shaded warmer (its rule names it).
    for gap in strip.plot.stretches() {
        let (from, to) = (
            axis.x(gap.from),
            axis.x(gap.to.unwrap_or(chart.today).max(gap.from)),
        );
        let unknown = gap.why.is_unknown();
        let fill = if unknown { UNKNOWN_FILL } else { UNGRADED_FILL };
        // However short, a stretch stays visible.
        let width = (to - from).max(1.0);
        svg.class("gap")
            .rect(from, plot_top, width, plot_bottom - plot_top, fill);
        let word = "unknown";
        if unknown && font::width(word, RULE_SIZE, false) + 6.0 < to - from {
            let y = plot_top + (plot_bottom - plot_top) / 2.0 + RULE_SIZE * 0.36;
            svg.text(
                (from + to) / 2.0,
                y,
                RULE_SIZE,
                false,
                Anchor::Middle,
                DIM,
                word,
            );
        }
    }

    // Y labels, each with the marker of its level when one council is drawn.
    let scheme = dataset.scheme(strip.plot.strip.scheme);
    let size = strip.label_size();
    let label_right = y_axis - if multi { 8.0 } else { 18.0 };
    let levels = scheme.levels().len();
    for (r, label) in strip.labels.iter().enumerate() {
        let y = plot_top + (r as f32 + 0.5) * row;
        let lines = label_lines(label, size, layout.label_width, row);
        let lead = size * 1.05;
        let first = y + size * 0.36 - (lines.len() as f32 - 1.0) * lead / 2.0;
        for (n, line) in lines.iter().enumerate() {
            svg.class("level").text(
                label_right,
                first + n as f32 * lead,
                size,
                false,
                Anchor::End,
                INK,
                line,
            );
        }
        if !multi && levels > 0 {
            let look = level_look(levels - 1 - r, levels);
            svg.marker(look.shape, y_axis - 9.0, y, 3.5, look.colour);
        }
    }

    // Rules and their labels.
    for rule in &strip.rules {
        let look = rule_look(rule.kind, multi);
        let (stroke, w, dash) = rule_style(rule.kind, look);
        if rule.kind != RuleKind::EraCarried {
            svg.line(
                rule.x,
                lane_top(rule.lane) + 1.0,
                rule.x,
                plot_bottom,
                stroke,
                w,
                dash,
            );
        }
        let colour = match rule.kind {
            RuleKind::Ungraded(_) | RuleKind::CouncilEnd(_) => look.colour,
            _ => DIM,
        };
        svg.class("rule").text(
            rule.from,
            lane_base(rule.lane),
            RULE_SIZE,
            false,
            Anchor::Start,
            colour,
            &rule.label,
        );
    }

    // Step lines: each rating holds from its date to the next (or the scheme's end, or
    // today); a riser joins two ratings that follow on; a marker at each rating. Several
    // councils are spread a little apart so equal ratings stay visible.
    let spread = if multi {
        (row * 0.5 / drawn as f32).min(3.0)
    } else {
        0.0
    };
    let mut markers = Vec::new();
    for series in &strip.plot.series {
        let (k, timeline) = (series.council, &series.timeline);
        let offset = (k as f32 - (drawn as f32 - 1.0) / 2.0) * spread;
        let mut previous: Option<(f32, Date)> = None;
        for segment in &timeline.segments {
            let Some(y) = strip.y(segment.grade, row) else {
                continue;
            };
            let y = plot_top + y + offset;
            let look = if multi {
                council_look(k)
            } else {
                grade_look(segment.grade, levels)
            };
            let (a, b) = axis.run(segment, chart.today);
            if let Some((was, to)) = previous
                && timeline.joins(to, segment.from)
                && (was - y).abs() > 0.1
            {
                let stroke = if multi { look.colour } else { RISER };
                svg.line(a, was, a, y, stroke, 1.5, look.dash);
            }
            svg.line(a, y, b, y, look.colour, 2.5, look.dash);
            markers.push((look, a, y));
            previous = segment.to.map(|to| (y, to));
        }
    }
    for (look, x, y) in markers {
        svg.class("rating").marker(
            look.shape,
            x,
            y,
            if strip.nested() { 3.5 } else { 4.5 },
            look.colour,
        );
    }
    plot_bottom
}

/// A level name as the lines it is drawn in: whole if it fits, else on two lines when
/// the row is tall enough, else cut with an ellipsis.
pub(super) fn label_lines(label: &str, size: f32, room: f32, row: f32) -> Vec<String> {
    let label = clean(label);
    if font::width(&label, size, false) <= room {
        return vec![label];
    }
    if row >= 2.0 * size * 1.05 {
        // The break that leaves the two lines most even, when both fit.
        let words: Vec<&str> = label.split(' ').collect();
        let even = (1..words.len())
            .map(|k| (words[..k].join(" "), words[k..].join(" ")))
            .map(|(a, b)| {
                let widest = font::width(&a, size, false).max(font::width(&b, size, false));
                (widest, a, b)
            })
            .filter(|(widest, _, _)| *widest <= room)
            .min_by(|x, y| x.0.total_cmp(&y.0));
        if let Some((_, a, b)) = even {
            return vec![a, b];
        }
        let lines = font::wrap(&label, size, false, room);
        if let [first, rest @ ..] = lines.as_slice() {
            return vec![
                first.clone(),
                font::ellipsize(&rest.join(" "), size, false, room),
            ];
        }
    }
    vec![font::ellipsize(&label, size, false, room)]
}

/// The year axis along `y`: a tick at every year's start, labels centred in their year,
/// as many as fit but always the first and the last.
pub(super) fn draw_years(svg: &mut Svg, axis: &XMap, labels: YearLabels, y: f32) {
    let years = axis.years();
    svg.line(axis.x0 - PLOT_PAD, y, axis.x1, y, "#808080", 1.0, None);
    for year in axis.ticks() {
        let x = axis.x(Date::year(year));
        svg.line(x, y, x, y + 5.0, "#808080", 1.0, None);
    }
    let label = YearLabels::label();
    let centre = |year: u16| (axis.x(Date::year(year)) + axis.x(Date::year(year + 1))) / 2.0;
    // A label stays over its own axis, so an axis beside it (a grid's next panel)
    // never reads on from it ("20262014").
    let half = font::width("0000", YEAR_SIZE, false) / 2.0;
    let inside = |x: f32| x.clamp(axis.x0 + half, (axis.x1 - half).max(axis.x0 + half));
    let last = years.end - 1;
    let row = |year: u16| labels.staggered && (year - years.start) % 2 == 1;
    // The first and last years are always labelled; another only where it keeps a
    // label's room from every label of its row.
    let mut shown: Vec<(u16, f32)> = Vec::new();
    for year in [years.start, last] {
        if !shown.iter().any(|&(y, _)| y == year) {
            shown.push((year, inside(centre(year))));
        }
    }
    for year in years.clone() {
        let offset = year - years.start;
        let x = inside(centre(year));
        let clear = shown
            .iter()
            .filter(|&&(other, _)| row(other) == row(year))
            .all(|&(other, at)| other == year || (at - x).abs() >= label);
        if offset.is_multiple_of(labels.step) && clear && !shown.iter().any(|&(y, _)| y == year) {
            shown.push((year, x));
        }
    }
    shown.sort_by_key(|&(year, _)| year);
    for (year, x) in shown {
        let baseline = y + 17.0 + if row(year) { YEAR_LINE } else { 0.0 };
        svg.text(
            x,
            baseline,
            YEAR_SIZE,
            false,
            Anchor::Middle,
            INK,
            &year.to_string(),
        );
    }
}
