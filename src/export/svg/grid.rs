//! Small multiples: many councils as a grid of panels, one per council, each showing the
//! chart's first strip (its main scheme) on a time axis shared by every panel, with the
//! level names once per grid row. Overlaid, a hundred councils would be a tangle; side by
//! side each stays readable.

use super::super::{ExportError, PictureSize, font};
use super::draw::{draw_footer, draw_legend, draw_years, label_lines};
use super::layout::*;
use super::legend::{LegendItem, abbreviate, flow, rule_items};
use super::look::*;
use super::sources::footer;
use super::writer::{Anchor, Svg, clean};
use super::{MAX_SIDE, MIN_SIDE};
use crate::chart::{Chart, Plot, RuleKind};
use crate::data::{Dataset, Date};

/// A panel is never narrower than this.
const MIN_PANEL: f32 = 170.0;
/// Space between panels, across and down.
const PANEL_GAP: f32 = 12.0;
const NAME_SIZE: f32 = 10.0;
const NAME_ROW: f32 = 14.0;
const PANEL_LABEL_SIZE: f32 = 9.0;
/// A level row of a panel when the height is not given, and the least it may be.
const PANEL_ROW: f32 = 10.0;
const MIN_PANEL_ROW: f32 = 4.0;

/// The grid picture of `chart`'s first strip, one panel per council.
pub(super) fn render(
    dataset: &Dataset,
    chart: &Chart,
    size: PictureSize,
    embed_font: bool,
) -> Result<String, ExportError> {
    let Some(plot) = chart.plots.first() else {
        // Nothing to draw in any panel: the ordinary picture says so.
        let layout = Layout::new(dataset, chart, size)?;
        let mut svg = Svg::default();
        super::draw::draw(&mut svg, &layout, dataset, chart);
        let title = layout.title.join(" ");
        return Ok(svg.finish(layout.width, layout.height, &title, embed_font));
    };
    let width = size.width as f32;
    let room = width - 2.0 * MARGIN;
    let widest = plot
        .labels
        .iter()
        .map(|l| font::width(l, PANEL_LABEL_SIZE, false))
        .fold(0.0f32, f32::max);
    let label_width = widest.min((width * 0.14).clamp(50.0, 160.0)).ceil();
    let left = MARGIN + label_width + 8.0;
    let across = width - MARGIN - left;
    if across < MIN_PANEL {
        return Err(ExportError::NarrowPicture {
            width: size.width,
            needed: ((width + MIN_PANEL - across).ceil() as u32).max(MIN_SIDE),
        });
    }
    let n = chart.councils.len();
    let columns = (((across + PANEL_GAP) / (MIN_PANEL + PANEL_GAP)).floor() as usize).clamp(1, n);
    let rows = n.div_ceil(columns);
    let panel_width = (across - (columns - 1) as f32 * PANEL_GAP) / columns as f32;
    // The panels' own strip sets the axis: no empty years of the councils' other schemes.
    let span = crate::chart::Span::of_plot(plot, chart.today).unwrap_or(chart.span);
    let xmap_of = |column: usize| {
        let x0 = left + column as f32 * (panel_width + PANEL_GAP);
        XMap {
            span,
            x0,
            x1: x0 + panel_width,
        }
    };
    let years = YearLabels::for_axis(&xmap_of(0));

    // Heading, the strip every panel shows, legend; footer.
    let (title, subtitle) = heading(dataset, chart, room);
    let strip_title = font::ellipsize(
        &clean(&format!("{}, one panel per council", plot.title)),
        STRIP_TITLE_SIZE,
        true,
        room,
    );
    let kinds: Vec<RuleKind> = plot.rules.iter().map(|r| r.kind).collect();
    let mut legend = vec![LegendItem {
        look: DIM_LOOK,
        rule: None,
        label: "a rating, which holds until the next (colour and marker by level)".to_owned(),
    }];
    // Level names too long for the label column go by their initials, each spelt out
    // in the legend beside its colour and marker.
    let fits = |text: &str| font::width(&clean(text), PANEL_LABEL_SIZE, false) <= label_width;
    let level_names = abbreviate(dataset, plot, fits, true, &mut legend);
    legend.extend(rule_items(&kinds));
    let legend_at = flow(&legend, room);
    let legend_rows = legend_at.last().map_or(0, |(row, _)| row + 1);
    let footer = footer(dataset, chart, &[0], None, room);

    let top_axis = MARGIN
        + title.len() as f32 * TITLE_LINE
        + SUBTITLE_LINE
        + legend_rows as f32 * LEGEND_LINE
        + 8.0
        + 20.0;
    // Era and end labels sit in a lane above the top axis.
    let grid_top = top_axis + LANE + years.height();
    let levels = plot.rows() as f32;
    let fixed = grid_top
        + rows as f32 * (NAME_ROW + PANEL_GAP)
        + 4.0
        + years.height()
        + 6.0
        + footer.len() as f32 * SOURCE_LINE
        + MARGIN * 0.75;
    let units = rows as f32 * levels;
    let (height, row) = match size.height {
        None => {
            let natural = fixed + units * PANEL_ROW;
            if natural <= MAX_SIDE as f32 {
                (natural.ceil(), PANEL_ROW)
            } else if fixed + units * MIN_PANEL_ROW <= MAX_SIDE as f32 {
                (MAX_SIDE as f32, (MAX_SIDE as f32 - fixed) / units)
            } else {
                return Err(ExportError::TallPicture {
                    height: (fixed + units * MIN_PANEL_ROW).ceil() as u32,
                    max: MAX_SIDE,
                });
            }
        }
        Some(h) => {
            let row = (h as f32 - fixed) / units;
            if row < MIN_PANEL_ROW {
                return Err(ExportError::ShortPicture {
                    height: h,
                    needed: (fixed + units * MIN_PANEL_ROW).ceil() as u32,
                });
            }
            (h as f32, row)
        }
    };
    let panel_height = NAME_ROW + levels * row;
    let labels = LevelLabels::for_row(row);

    let mut svg = Svg::default();
    svg.rect(0.0, 0.0, width, height, "#ffffff");
    let mut y = super::draw::heading(&mut svg, &title, &subtitle);
    draw_legend(&mut svg, &legend, &legend_at, y);
    y += legend_rows as f32 * LEGEND_LINE + 8.0;
    svg.class("strip-title").text(
        MARGIN,
        y + 14.0,
        STRIP_TITLE_SIZE,
        true,
        Anchor::Start,
        INK,
        &strip_title,
    );

    // The shared axis above the first row and below the last, in every column; the
    // labels of eras and ends once, above the top axis.
    let bottom_axis = grid_top + rows as f32 * (panel_height + PANEL_GAP) - PANEL_GAP + 4.0;
    for column in 0..columns.min(n) {
        let xmap = xmap_of(column);
        draw_years(&mut svg, &xmap, years, top_axis + LANE);
        draw_years(&mut svg, &xmap, years, bottom_axis);
        for rule in plot.rules.iter().filter(|r| shared(r.kind)) {
            let x = xmap.x(rule.date);
            let text = font::ellipsize(&clean(&rule.label), RULE_SIZE, false, panel_width / 3.0);
            svg.class("rule").text(
                x + 2.0,
                top_axis + LANE * 0.75,
                RULE_SIZE,
                false,
                Anchor::Start,
                DIM,
                &text,
            );
        }
    }

    for (k, &council) in chart.councils.iter().enumerate() {
        let (grid_row, column) = (k / columns, k % columns);
        let xmap = xmap_of(column);
        let top = grid_top + grid_row as f32 * (panel_height + PANEL_GAP);
        let name = font::ellipsize(
            &clean(&dataset.councils[council].name),
            NAME_SIZE,
            true,
            panel_width,
        );
        svg.class("panel").text(
            xmap.x0,
            top + NAME_ROW * 0.75,
            NAME_SIZE,
            true,
            Anchor::Start,
            INK,
            &name,
        );
        let plot_top = top + NAME_ROW;
        draw_panel(&mut svg, dataset, chart, plot, k, &xmap, plot_top, row);
        if column == 0 {
            for (r, label) in level_names.iter().enumerate() {
                // Rows too low for a label each get one every `every` rows, counted
                // from the best level down.
                if r % labels.every != 0 {
                    continue;
                }
                let y = plot_top + (r as f32 + 0.5) * row;
                let lines = label_lines(label, labels.size, label_width, 0.0);
                svg.class("level").text(
                    left - 6.0,
                    y + labels.size * 0.36,
                    labels.size,
                    false,
                    Anchor::End,
                    INK,
                    &lines[0],
                );
            }
        }
    }

    draw_footer(&mut svg, &footer, bottom_axis + years.height() + 6.0);
    let heading = format!("{}: {} ({})", title.join(" "), plot.title, dataset.title);
    Ok(svg.finish(width, height, &heading, embed_font))
}

/// How the level names beside a grid row are set: their size, and every how many rows
/// one is written, so that no two touch however low the rows are.
struct LevelLabels {
    size: f32,
    every: usize,
}

/// The smallest level name drawn: smaller, names are skipped instead.
const MIN_LABEL_SIZE: f32 = 6.0;

impl LevelLabels {
    /// A name's ink (capitals to descenders) is about its size tall: with a pixel
    /// between names, as large as the rows allow, up to the panel label size.
    fn for_row(row: f32) -> Self {
        let size = (row - 1.0).clamp(MIN_LABEL_SIZE, PANEL_LABEL_SIZE);
        let every = ((size + 1.0) / row.max(0.1)).ceil().max(1.0) as usize;
        Self { size, every }
    }
}

/// Whether a rule is the same in every panel (an era, the scheme's end), so it is
/// labelled once above the grid; a council's own rules are drawn in its panel alone.
fn shared(kind: RuleKind) -> bool {
    matches!(
        kind,
        RuleKind::Era | RuleKind::EraCarried | RuleKind::SchemeEnd
    )
}

/// One council's panel: the level grid, the shared rules, the council's own rules, its
/// step line and markers.
#[allow(clippy::too_many_arguments)]
fn draw_panel(
    svg: &mut Svg,
    dataset: &Dataset,
    chart: &Chart,
    plot: &Plot,
    k: usize,
    xmap: &XMap,
    top: f32,
    row: f32,
) {
    let bottom = top + plot.rows() as f32 * row;
    svg.rect(xmap.x0, top, xmap.x1 - xmap.x0, bottom - top, "#fafafa");
    for r in 0..plot.rows() {
        let y = top + (r as f32 + 0.5) * row;
        svg.line(xmap.x0, y, xmap.x1, y, GRID, 1.0, None);
    }
    for rule in &plot.rules {
        let mine = match rule.kind {
            RuleKind::Ungraded(c) | RuleKind::CouncilEnd(c) => c == k,
            RuleKind::EraCarried => false,
            _ => true,
        };
        if mine {
            let (stroke, w, dash) = rule_style(rule.kind, DIM_LOOK);
            let x = xmap.x(rule.date);
            svg.line(x, top, x, bottom, stroke, w * 0.8, dash);
        }
    }
    let levels = dataset.scheme(plot.strip.scheme).levels().len();
    let mut markers = Vec::new();
    for series in plot.series.iter().filter(|s| s.council == k) {
        let mut previous: Option<(f32, Date)> = None;
        for segment in &series.timeline.segments {
            let Some(p) = plot.position(segment.grade) else {
                continue;
            };
            let y = top + (p as f32 + 0.5) * row;
            let look = grade_look(segment.grade, levels);
            let (a, b) = xmap.run(segment, chart.today);
            if let Some((was, to)) = previous
                && series.timeline.joins(to, segment.from)
                && (was - y).abs() > 0.1
            {
                svg.line(a, was, a, y, RISER, 1.0, None);
            }
            svg.line(a, y, b, y, look.colour, 2.0, None);
            markers.push((look, a, y));
            previous = segment.to.map(|to| (y, to));
        }
    }
    for (look, x, y) in markers {
        svg.class("rating")
            .marker(look.shape, x, y, 2.8, look.colour);
    }
}
