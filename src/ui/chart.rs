//! The chart pane: paints the [`Chart`] model (one strip per scheme on a shared time
//! axis, each a step line with a marker at every rating, level names on the y axis,
//! eras and ends as rules) into the buffer. It works out no timeline fact of its own:
//! only columns and rows. Pinned councils overlay every strip with their own marker
//! and colour; the time cursor reads every strip at its date, on a line of its own.
//! Drawn straight into the buffer: ratatui's `Chart` has no step line and spaces its x
//! labels evenly rather than by date.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::chart::glyph;
use crate::chart::{Chart, Plot, RuleKind, Span as AxisSpan};
use crate::data::model::{Dataset, Grade};
use crate::data::{Date, Timeline};
use crate::text::{fit, pad, visible};

/// The narrowest y-axis label column a long level name is cut to, in columns.
const MIN_LABEL: usize = 8;
/// At large heights a level may take up to this many rows.
const MAX_ROWS_PER_LEVEL: u16 = 3;

/// What the chart draws: the model, and the view's own state.
pub struct ChartView<'a> {
    pub dataset: &'a Dataset,
    pub chart: &'a Chart,
    /// The pinned councils in pinning order: a pin's place gives its marker, the same
    /// in the list, the legend and the chart.
    pub pins: &'a [usize],
    /// The strip to keep in view and mark, when the chart has focus.
    pub selected: Option<usize>,
    pub cursor: Option<Date>,
    pub zoom: u8,
    pub theme: Theme,
}

impl ChartView<'_> {
    /// The marker and style of the `k`th council drawn: `●` for the selected one,
    /// else its pin's.
    fn mark(&self, k: usize) -> (&'static str, Option<Style>) {
        match self
            .theme
            .council_mark(self.pins, k, self.chart.councils[k])
        {
            Some((mark, style)) => (mark, Some(style)),
            None => (glyph::MARKER, None),
        }
    }

    /// Rows of a strip's band: its title, the cursor's reading when there is a
    /// cursor, and `per_level` rows for each level.
    fn band_height(&self, plot: &Plot, per_level: u16) -> u16 {
        let reading = u16::from(self.cursor.is_some());
        let rows = u16::try_from(plot.rows()).unwrap_or(u16::MAX);
        rows.saturating_mul(per_level).saturating_add(1 + reading)
    }
}

/// Maps the model's span (zoomed around the cursor) to columns of the plot.
#[derive(Clone, Copy, Debug)]
pub struct Axis {
    span: AxisSpan,
    x0: u16,
    width: u16,
}

impl Axis {
    fn new(view: &ChartView<'_>, x0: u16, width: u16) -> Self {
        let whole = view.chart.span;
        let centre = view
            .cursor
            .unwrap_or_else(|| Date::from_days(whole.end - 1));
        Self {
            span: whole.zoomed(view.zoom, centre),
            x0,
            width: width.max(2),
        }
    }

    /// The column of `date`'s first day, counted from the plot's left edge; may lie
    /// outside the plot.
    fn col(&self, date: Date) -> i64 {
        (self.span.along(date) * f64::from(self.width - 1)).floor() as i64
    }

    /// The screen column of `date`, when it falls inside the plot.
    fn x(&self, date: Date) -> Option<u16> {
        let col = self.col(date);
        (0..i64::from(self.width))
            .contains(&col)
            .then(|| self.x0 + col as u16)
    }

    fn screen(&self, col: i64) -> u16 {
        self.x0 + col.clamp(0, i64::from(self.width) - 1) as u16
    }
}

/// The legend's lines: every shown council with its marker, wrapped to `width`.
fn legend<'a>(view: &ChartView<'a>, width: usize) -> Vec<Line<'a>> {
    if view.chart.councils.len() < 2 {
        return Vec::new();
    }
    let mut lines = vec![Line::default()];
    let mut used = 0;
    for (k, &c) in view.chart.councils.iter().enumerate() {
        let (mark, style) = view.mark(k);
        let style = style.unwrap_or(view.theme.title());
        let text = format!("{mark} {}  ", visible(&view.dataset.councils[c].name));
        let w = text.width();
        if used + w > width && used > 0 {
            lines.push(Line::default());
            used = 0;
        }
        used += w;
        if let Some(line) = lines.last_mut() {
            line.spans.push(Span::styled(text, style));
        }
    }
    lines
}

impl Widget for ChartView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let view = &self;
        let plots = &view.chart.plots;
        if area.height < 3 || area.width < 12 || view.chart.councils.is_empty() {
            return;
        }
        let legend = legend(view, usize::from(area.width));
        let legend_rows = (legend.len() as u16).min(area.height / 3);
        for (i, line) in legend
            .into_iter()
            .take(usize::from(legend_rows))
            .enumerate()
        {
            line.render(
                Rect {
                    y: area.y + i as u16,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
        let area = Rect {
            y: area.y + legend_rows,
            height: area.height - legend_rows,
            ..area
        };
        let label_cap = (usize::from(area.width) / 4).max(MIN_LABEL);
        let label_width = plots
            .iter()
            .flat_map(|p| &p.labels)
            .map(|l| l.width())
            .max()
            .unwrap_or(0)
            .min(label_cap);
        let plot_x = area.x + label_width as u16 + 2;
        let plot_width = area.right().saturating_sub(plot_x + 1);
        if plot_width < 4 {
            return;
        }
        let axis = Axis::new(view, plot_x, plot_width);

        // The years take the last row; a header (the cursor's date, the zoom, strips
        // out of view) the first when there is something to say.
        let natural: u32 = plots
            .iter()
            .map(|p| u32::from(view.band_height(p, 1)))
            .sum();
        let wants_header = view.cursor.is_some() || view.zoom > 0;
        let header = wants_header || natural > u32::from(area.height.saturating_sub(1));
        let room = area.height.saturating_sub(1 + u16::from(header));
        let top = area.y + u16::from(header);
        // At large heights the levels grow by whole rows: every strip by as many as fit
        // for all, then the first strips one row more while the room lasts.
        let level_rows: u32 = plots.iter().map(|p| p.rows() as u32).sum();
        let fixed: u32 = plots
            .iter()
            .map(|p| u32::from(view.band_height(p, 0)))
            .sum();
        let spare = u32::from(room).saturating_sub(fixed);
        let even = spare
            .checked_div(level_rows)
            .map_or(1, |n| n.clamp(1, u32::from(MAX_ROWS_PER_LEVEL)));
        let mut left = spare.saturating_sub(even * level_rows);
        let per_level: Vec<u16> = plots
            .iter()
            .map(|p| {
                let rows = p.rows() as u32;
                if even < u32::from(MAX_ROWS_PER_LEVEL) && left >= rows && rows > 0 {
                    left -= rows;
                    even as u16 + 1
                } else {
                    even as u16
                }
            })
            .collect();
        let heights: Vec<u16> = plots
            .iter()
            .zip(&per_level)
            .map(|(p, &n)| view.band_height(p, n))
            .collect();

        // Scroll: start at the first strip from which the selected one still fits.
        let mut first = 0;
        if let Some(sel) = view.selected.filter(|&s| s < heights.len()) {
            let span = |from: usize| {
                heights[from..=sel]
                    .iter()
                    .map(|&h| u32::from(h))
                    .sum::<u32>()
            };
            while first < sel && span(first) > u32::from(room) {
                first += 1;
            }
        }
        let mut y = top;
        let mut shown = 0;
        for (i, plot) in plots.iter().enumerate().skip(first) {
            if y >= top + room {
                break;
            }
            let band = Rect {
                x: area.x,
                y,
                width: area.width,
                height: heights[i].min(top + room - y),
            };
            if band.height == heights[i] {
                shown += 1;
            }
            draw_strip(
                view,
                buf,
                band,
                plot,
                view.selected == Some(i),
                label_width,
                per_level[i],
                &axis,
            );
            y = y.saturating_add(heights[i]);
        }
        if header {
            let mut parts = Vec::new();
            if let Some(cursor) = view.cursor {
                parts.push(format!("at {cursor}"));
            }
            if view.zoom > 0 {
                parts.push(format!("zoom ×{}", 1u32 << view.zoom));
            }
            let below = plots.len().saturating_sub(first + shown);
            // Strips out of view, so none goes unnoticed.
            let strips = |n: usize| match n {
                1 => "1 more strip".to_owned(),
                n => format!("{n} more strips"),
            };
            match (first, below) {
                (0, 0) => {}
                (0, b) => parts.push(format!("{} below ↓", strips(b))),
                (a, 0) => parts.push(format!("{} above ↑", strips(a))),
                (a, b) => parts.push(format!("{} above ↑, {b} below ↓", strips(a))),
            }
            buf.set_string(
                area.x,
                area.y,
                fit(&format!(" {}", parts.join(" · ")), usize::from(area.width)),
                view.theme.key(),
            );
        }
        draw_years(
            buf,
            Rect {
                y: top + room,
                height: 1,
                ..area
            },
            &axis,
            view.theme,
        );
    }
}

/// The row of `grade` counted from the plot's top, `per_level` rows a level: the middle
/// row of its level.
fn row_of(plot: &Plot, grade: Grade, per_level: u16) -> Option<u16> {
    let position = plot.position(grade)?;
    Some((position * f64::from(per_level)).round() as u16 + (per_level - 1) / 2)
}

#[allow(clippy::too_many_arguments)]
fn draw_strip(
    view: &ChartView<'_>,
    buf: &mut Buffer,
    band: Rect,
    plot: &Plot,
    selected: bool,
    label_width: usize,
    per_level: u16,
    axis: &Axis,
) {
    let (dataset, theme) = (view.dataset, view.theme);
    let strip = &plot.strip;
    let reading_row = u16::from(view.cursor.is_some());
    let plot_top = band.y + 1 + reading_row;
    let plot_rows = band.height.saturating_sub(1 + reading_row);
    let right = axis.x0 + axis.width - 1;

    // Title row: the pointer, the fold mark, the scheme's name and body.
    let fold = match (strip.children, strip.nested, strip.unfolded) {
        (0, true, _) => format!("  {} ", glyph::NESTED),
        (0, false, _) => "  ".to_owned(),
        (_, _, true) => format!("{} ", glyph::UNFOLDED),
        (_, _, false) => format!("{} ", glyph::FOLDED),
    };
    let pointer = if selected { glyph::POINTER } else { " " };
    let title = fit(
        &format!("{pointer}{fold}{}", plot.title),
        usize::from(band.width),
    );
    let title_style = if selected {
        theme.title().add_modifier(Modifier::UNDERLINED)
    } else {
        theme.title()
    };
    buf.set_string(band.x, band.y, &title, title_style);
    // The cursor's reading, on its own row: what held for each council then.
    if let Some(cursor) = view.cursor
        && band.height > 1
    {
        let mut readings = Vec::new();
        for series in &plot.series {
            let council = &dataset.councils[view.chart.councils[series.council]];
            let text = Timeline::reading(dataset, council, strip.scheme, cursor).describe(
                dataset,
                council,
                strip.scheme,
            );
            readings.push(if series.council == 0 {
                text
            } else {
                format!("{} {text}", view.mark(series.council).0)
            });
        }
        let line = format!("    {}", readings.join("  "));
        buf.set_string(
            band.x,
            band.y + 1,
            fit(&line, usize::from(band.width)),
            theme.key(),
        );
    }
    // Y axis: each label at its level's middle row, with a tick there.
    let axis_x = band.x + label_width as u16 + 1;
    for y in plot_top..plot_top + plot_rows {
        buf.set_string(axis_x, y, "│", theme.dim());
    }
    for (row, label) in plot.labels.iter().enumerate() {
        let y = (row as u16).saturating_mul(per_level) + (per_level - 1) / 2;
        if y >= plot_rows {
            break;
        }
        buf.set_string(band.x, plot_top + y, pad(label, label_width), theme.dim());
        buf.set_string(axis_x, plot_top + y, "┤", theme.dim());
    }

    // Every line first, then every marker, so no line ever covers a rating; pinned
    // councils before the selected one, so its line and markers stay on top.
    for markers in [false, true] {
        for series in plot.series.iter().rev() {
            let (mark, style) = view.mark(series.council);
            let run = if series.council == 0 {
                glyph::RUN
            } else {
                glyph::PIN_RUN
            };
            draw_series(
                view,
                buf,
                axis,
                plot,
                (plot_top, plot_rows, per_level),
                &series.timeline,
                if markers {
                    Stroke::Markers(mark)
                } else {
                    Stroke::Lines(run)
                },
                style,
            );
        }
    }

    // The model's rules go first, so no stretch hides one (they take empty cells only).
    let rules = rule_marks(plot, axis);
    for (x, _, glyph) in &rules {
        let Some(glyph) = glyph else { continue };
        for y in plot_top..plot_top + plot_rows {
            if let Some(cell) = buf.cell_mut((*x, y))
                && cell.symbol() == " "
            {
                cell.set_symbol(glyph).set_style(theme.dim());
            }
        }
    }
    // Why the selected council has no rating where it has none: stretches of unknown
    // rounds (and of the month or year a rating changed in) dotted, of no grade
    // hatched (never drawn as a level). Each takes at least the column it starts in,
    // so a short one still shows however narrow the chart.
    for gap in plot.stretches() {
        let (fill, label) = if gap.why.is_unknown() {
            (glyph::UNKNOWN, "unknown")
        } else {
            (glyph::NO_GRADE, "no grade")
        };
        let a = axis.col(gap.from);
        let b = axis.col(gap.to.unwrap_or(view.chart.today).max(gap.from));
        let (from, to) = (a.max(0), b.max(a + 1).min(i64::from(axis.width)));
        for y in plot_top..plot_top + plot_rows {
            for col in from..to {
                if let Some(cell) = buf.cell_mut((axis.screen(col), y))
                    && cell.symbol() == " "
                {
                    cell.set_symbol(fill).set_style(theme.dim());
                }
            }
        }
        // The word, in the middle of the stretch, where it fits.
        let width = label.width() as i64;
        if gap.why.is_unknown() && to - from >= width + 2 && plot_rows > 0 {
            let x = axis.screen(from + (to - from - width) / 2);
            buf.set_string(x, plot_top + (plot_rows - 1) / 2, label, theme.dim());
        }
    }
    // Each label goes beside its rule, right of it if there is room, else left; on
    // the title row when that is clear, else on the first plot row with room. A label
    // needs its cells and one beyond free, so two never run together.
    let clear = |buf: &Buffer, y: u16, from: u16, width: u16| {
        (from..=from + width).all(|c| buf.cell((c, y)).is_none_or(|cell| cell.symbol() == " "))
    };
    let mut taken = band.x + title.width() as u16 + 1;
    'labels: for (x, label, glyph) in rules {
        let width = label.width() as u16;
        let right_side = (usize::from(right.saturating_sub(x)) > label.width()).then_some(x + 1);
        let left_side = (x > band.x + width).then(|| x - width);
        let sides = match glyph {
            Some(_) => [right_side, left_side],
            None => [Some(x), None],
        };
        for from in sides.into_iter().flatten() {
            if from > taken && from + width <= band.right() {
                buf.set_string(from, band.y, &label, theme.dim());
                if let Some(glyph) = glyph.filter(|_| from > x) {
                    buf.set_string(x, band.y, glyph, theme.dim());
                }
                taken = from + width + 1;
                continue 'labels;
            }
            if let Some(y) = (plot_top..plot_top + plot_rows).find(|&y| clear(buf, y, from, width))
            {
                buf.set_string(from, y, &label, theme.dim());
                continue 'labels;
            }
        }
    }
    // The time cursor crosses the plot wherever no line is drawn.
    if let Some(x) = view.cursor.and_then(|c| axis.x(c)) {
        for y in plot_top..plot_top + plot_rows {
            if let Some(cell) = buf.cell_mut((x, y))
                && [" ", glyph::RULE, glyph::UNGRADED].contains(&cell.symbol())
            {
                cell.set_symbol(glyph::CURSOR).set_style(theme.key());
            }
        }
    }
}

/// The model's rules in columns: eras and ends as `┆`, ungraded assessments as `┊`;
/// an era carried in from before the axis is a label at its left edge, with no line.
/// Rules go under the lines (only on empty cells), all before any label, so a label
/// never hides a rule.
fn rule_marks(plot: &Plot, axis: &Axis) -> Vec<(u16, String, Option<&'static str>)> {
    plot.rules
        .iter()
        .filter_map(|rule| {
            let glyph = match rule.kind {
                RuleKind::EraCarried => None,
                RuleKind::Ungraded(_) => Some(glyph::UNGRADED),
                RuleKind::Era | RuleKind::SchemeEnd | RuleKind::CouncilEnd(_) => Some(glyph::RULE),
            };
            let x = match rule.kind {
                RuleKind::EraCarried => axis.x0,
                _ => axis.x(rule.date)?,
            };
            Some((x, visible(&rule.label).into_owned(), glyph))
        })
        .collect()
}

/// What one pass over a series draws: its lines (runs with this glyph, risers,
/// corners, the dashes of a month of change), or its markers.
#[derive(Clone, Copy)]
enum Stroke<'a> {
    Lines(&'a str),
    Markers(&'a str),
}

/// One council's step line in one strip: a marker at each rating, a run while it
/// holds, a riser to the next; the lines or the markers, as `stroke` says. `style`
/// `None` colours by level. `rows` is the plot's top, its height and the rows a level
/// takes.
#[allow(clippy::too_many_arguments)]
fn draw_series(
    view: &ChartView<'_>,
    buf: &mut Buffer,
    axis: &Axis,
    plot: &Plot,
    rows: (u16, u16, u16),
    timeline: &Timeline,
    stroke: Stroke<'_>,
    style: Option<Style>,
) {
    let (run, mark) = match stroke {
        Stroke::Lines(run) => (Some(run), None),
        Stroke::Markers(mark) => (None, Some(mark)),
    };
    let (plot_top, plot_rows, per_level) = rows;
    let theme = view.theme;
    let levels = plot.rows();
    // The row and end of the segment before, and the column of its marker.
    let mut previous: Option<(u16, Date)> = None;
    let mut marked = i64::MIN;
    for segment in &timeline.segments {
        let Some(row) = row_of(plot, segment.grade, per_level) else {
            continue;
        };
        if row >= plot_rows {
            continue;
        }
        let style = style.unwrap_or_else(|| match segment.grade {
            Grade::Level(rank) => theme.level(usize::from(rank), levels),
            _ => theme.level(0, 1),
        });
        let y = plot_top + row;
        let a = axis.col(segment.from);
        let (b, open) = match segment.to {
            Some(to) => (axis.col(to), false),
            None => (axis.col(view.chart.today).max(a), true),
        };
        let stop = if open { b + 1 } else { b };
        let from = (a + 1).max(0);
        let to = stop.min(i64::from(axis.width));
        let visible = (0..i64::from(axis.width)).contains(&a);
        if let Some(mark) = mark {
            if visible {
                set(buf, axis.screen(a), y, mark, style);
            }
            previous = segment.to.map(|to| (row, to));
            continue;
        }
        let run = run.unwrap_or(glyph::RUN);
        for col in from..to {
            set(buf, axis.screen(col), y, run, style);
        }
        // The month or year the rating changed in, whose day is not known: dashed.
        if let Some((prev_row, prev_to)) = previous
            && prev_to != segment.from
            && timeline.joins(prev_to, segment.from)
        {
            // Never over the marker before, which may share the column.
            let from = axis.col(prev_to).max(marked + 1).max(0);
            for col in from..a.min(i64::from(axis.width)) {
                set(
                    buf,
                    axis.screen(col),
                    plot_top + prev_row,
                    glyph::CHANGING,
                    theme.dim(),
                );
            }
        }
        if let Some((prev_row, prev_to)) = previous
            && timeline.joins(prev_to, segment.from)
            && prev_row != row
            && visible
        {
            let x = axis.screen(a);
            let (top, bottom) = (prev_row.min(row), prev_row.max(row));
            for r in top + 1..bottom {
                set(buf, x, plot_top + r, glyph::RISER, style);
            }
            // Where two ratings share a column, the first keeps its marker.
            if a != marked {
                let corner = if row < prev_row { "┘" } else { "┐" };
                set(buf, x, plot_top + prev_row, corner, style);
            }
        }
        marked = a;
        previous = segment.to.map(|to| (row, to));
    }
}

fn set(buf: &mut Buffer, x: u16, y: u16, symbol: &str, style: Style) {
    if let Some(cell) = buf.cell_mut((x, y)) {
        cell.set_symbol(symbol).set_style(style);
    }
}

/// The year labels, placed at each year's first day, every year that fits.
fn draw_years(buf: &mut Buffer, row: Rect, axis: &Axis, theme: Theme) {
    let years = axis.span.years();
    let first = years.start;
    let step = [1u16, 2, 5, 10, 20, 50]
        .into_iter()
        .find(|&step| {
            let a = axis.col(Date::year(first));
            let b = axis.col(Date::year(first + step));
            b - a >= 5
        })
        .unwrap_or(100);
    let mut year = first.div_ceil(step) * step;
    while year < years.end {
        if let Some(x) = axis.x(Date::year(year))
            && x + 4 <= row.right()
        {
            buf.set_string(x, row.y, format!("{year}"), theme.dim());
        }
        year += step;
    }
}

/// A chart as plain text, `width` columns wide, every strip at its natural height:
/// the chart `show` and Markdown print.
pub fn plain(dataset: &Dataset, chart: &Chart, width: u16) -> String {
    let view = ChartView {
        dataset,
        chart,
        pins: &[],
        selected: None,
        cursor: None,
        zoom: 0,
        theme: Theme::MONO,
    };
    // Saturating: a file may hold more level rows than a buffer can count.
    let height = chart
        .plots
        .iter()
        .map(|p| view.band_height(p, 1))
        .fold(1, u16::saturating_add);
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    view.render(area, &mut buf);
    super::buffer_text(&buf)
}
