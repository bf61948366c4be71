//! The chart pane: one strip per scheme on a shared time axis, each a step line with a
//! marker at every rating, level names on the y axis, eras and scheme ends as rules.
//! Pinned councils overlay every strip with their own marker and colour; the time
//! cursor reads every strip at its date. Drawn straight into the buffer: ratatui's
//! `Chart` has no step line and spaces its x labels evenly rather than by date.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::text::{fit, pad, visible};
use super::theme::Theme;
use crate::app::Strip;
use crate::data::model::{Council, Dataset, Grade, Scale, SchemeIx};
use crate::data::timeline::Why;
use crate::data::{Date, Timeline};

/// The widest y-axis label, in columns; longer level names are cut with `…`.
const MAX_LABEL: usize = 14;

/// What the chart draws: the councils (selected first), their strips, and the view.
pub struct ChartView<'a> {
    pub dataset: &'a Dataset,
    /// Dataset indices; the first is the selected council, the rest pinned, in order.
    pub councils: &'a [usize],
    /// The pinned councils in pinning order: a pin's place gives its marker, the same
    /// in the list, the legend and the chart.
    pub pins: &'a [usize],
    pub strips: &'a [Strip],
    /// The strip to keep in view and mark, when the chart has focus.
    pub selected: Option<usize>,
    pub today: Date,
    pub cursor: Option<Date>,
    pub zoom: u8,
    pub theme: Theme,
}

impl ChartView<'_> {
    /// The marker and style of the `k`th council drawn: `●` for the selected one,
    /// else its pin's.
    fn mark(&self, k: usize) -> (&'static str, Option<Style>) {
        let c = self.councils[k];
        match self.pins.iter().position(|&p| p == c) {
            Some(pin) if k > 0 => {
                let (mark, style) = self.theme.pin(pin);
                (mark, Some(style))
            }
            _ => ("●", None),
        }
    }
}

/// Maps dates to columns of the plot.
#[derive(Clone, Copy, Debug)]
pub struct Axis {
    start: i32,
    end: i32,
    x0: u16,
    width: u16,
}

impl Axis {
    /// Whole years around every rating of `councils` (folded strips too, so unfolding
    /// never moves the axis), up to `today` or the last scheme end; zoomed `zoom`
    /// halvings around `centre`.
    fn new(view: &ChartView<'_>, x0: u16, width: u16) -> Self {
        let councils = view.councils.iter().map(|&c| &view.dataset.councils[c]);
        let mut first: Option<Date> = None;
        let mut last: Option<Date> = None;
        for council in councils {
            for r in &council.ratings {
                first = Some(first.map_or(r.date, |f| f.min(r.date)));
                last = Some(last.map_or(r.date, |l| l.max(r.date)));
            }
            for timeline in Timeline::all(view.dataset, council) {
                for segment in &timeline.segments {
                    let end = segment.to.unwrap_or(view.today);
                    last = Some(last.map_or(end, |l| l.max(end)));
                }
            }
        }
        let first = first.unwrap_or(view.today);
        let last = last.unwrap_or(view.today);
        let start = Date::year(first.year_number()).first_day();
        let end = Date::year(last.year_number().saturating_add(1))
            .first_day()
            .max(start + 366);
        let span = ((end - start) >> view.zoom).max(180);
        let centre = view.cursor.unwrap_or(last).first_day();
        let from = (centre - span / 2).clamp(start, (end - span).max(start));
        Self {
            start: from,
            end: from + span,
            x0,
            width: width.max(2),
        }
    }

    /// The column of `date`'s first day, counted from the plot's left edge; may lie
    /// outside the plot.
    fn col(&self, date: Date) -> i64 {
        let span = i64::from(self.end - self.start).max(1);
        i64::from(date.first_day() - self.start) * i64::from(self.width - 1) / span
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

/// Rows a strip takes: a title row, then one row per level (three for a numeric scale).
pub fn strip_height(dataset: &Dataset, strip: &Strip) -> u16 {
    1 + rows(dataset, strip.scheme) as u16
}

fn rows(dataset: &Dataset, scheme: SchemeIx) -> usize {
    match &dataset.scheme(scheme).scale {
        Scale::Ordinal(levels) => levels.len().max(1),
        Scale::Numeric { .. } => 3,
    }
}

/// The legend's lines: every shown council with its marker, wrapped to `width`.
fn legend<'a>(view: &ChartView<'a>, width: usize) -> Vec<Line<'a>> {
    if view.councils.len() < 2 {
        return Vec::new();
    }
    let mut lines = vec![Line::default()];
    let mut used = 0;
    for (k, &c) in view.councils.iter().enumerate() {
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
        if area.height < 3 || area.width < 12 || view.councils.is_empty() {
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
        let main = &view.dataset.councils[view.councils[0]];
        let label_width = view
            .strips
            .iter()
            .flat_map(|s| labels(view.dataset, s.scheme, view.councils))
            .map(|l| l.width())
            .max()
            .unwrap_or(0)
            .min(MAX_LABEL);
        let plot_x = area.x + label_width as u16 + 2;
        let plot_width = area.right().saturating_sub(plot_x + 1);
        if plot_width < 4 {
            return;
        }
        let axis = Axis::new(view, plot_x, plot_width);
        let room = area.height - 1;

        // Scroll: start at the first strip from which the selected one still fits.
        let heights: Vec<u16> = view
            .strips
            .iter()
            .map(|s| strip_height(view.dataset, s))
            .collect();
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
        let mut y = area.y;
        for (i, strip) in view.strips.iter().enumerate().skip(first) {
            if y >= area.y + room {
                break;
            }
            let band = Rect {
                x: area.x,
                y,
                width: area.width,
                height: heights[i].min(area.y + room - y),
            };
            draw_strip(
                view,
                buf,
                band,
                main,
                strip,
                view.selected == Some(i),
                label_width,
                &axis,
            );
            y = y.saturating_add(heights[i]);
        }
        draw_years(
            buf,
            Rect {
                y: area.y + room,
                height: 1,
                ..area
            },
            &axis,
            view.theme,
        );
    }
}

/// The y-axis labels of a strip, top row first.
fn labels(dataset: &Dataset, scheme: SchemeIx, councils: &[usize]) -> Vec<String> {
    match &dataset.scheme(scheme).scale {
        Scale::Ordinal(levels) => levels.iter().rev().cloned().collect(),
        Scale::Numeric { .. } => {
            let (lo, hi) = value_range(dataset, scheme, councils);
            let f = crate::data::model::format_value;
            if lo > hi {
                vec![String::new(); 3]
            } else if lo == hi {
                vec![String::new(), f(lo), String::new()]
            } else {
                vec![f(hi), String::new(), f(lo)]
            }
        }
    }
}

/// The smallest and largest value any shown council has in a numeric scheme.
fn value_range(dataset: &Dataset, scheme: SchemeIx, councils: &[usize]) -> (f64, f64) {
    let values = councils
        .iter()
        .flat_map(|&c| &dataset.councils[c].ratings)
        .filter_map(|r| match r.grade {
            Grade::Value(v) if r.scheme == scheme => Some(v),
            _ => None,
        });
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    })
}

/// The row (from the top of the plot) of a grade.
fn row_of(dataset: &Dataset, scheme: SchemeIx, councils: &[usize], grade: Grade) -> Option<u16> {
    let n = rows(dataset, scheme);
    match grade {
        Grade::Level(rank) => Some((n - 1).saturating_sub(usize::from(rank)) as u16),
        Grade::Value(v) => {
            let (lo, hi) = value_range(dataset, scheme, councils);
            Some(if hi > lo {
                ((hi - v) / (hi - lo) * (n - 1) as f64).round() as u16
            } else {
                1
            })
        }
        Grade::Ungraded => None,
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_strip(
    view: &ChartView<'_>,
    buf: &mut Buffer,
    band: Rect,
    main: &Council,
    strip: &Strip,
    selected: bool,
    label_width: usize,
    axis: &Axis,
) {
    let (dataset, theme) = (view.dataset, view.theme);
    let scheme = dataset.scheme(strip.scheme);
    let plot_top = band.y + 1;
    let plot_rows = band.height.saturating_sub(1);
    let right = axis.x0 + axis.width - 1;

    // Title row: fold mark, name, body, what the cursor reads; then eras and the scheme
    // end placed by date where there is room.
    let fold = match (strip.children, strip.nested, strip.unfolded) {
        (0, true, _) => "  · ",
        (0, false, _) => "  ",
        (_, _, true) => "▾ ",
        (_, _, false) => "▸ ",
    };
    let pointer = if selected { "▶" } else { " " };
    let mut readings = String::new();
    if let Some(cursor) = view.cursor {
        for (k, &c) in view.councils.iter().enumerate() {
            let council = &dataset.councils[c];
            if !council.ratings.iter().any(|r| r.scheme == strip.scheme) {
                continue;
            }
            let reading = Timeline::reading(dataset, council, strip.scheme, cursor);
            let text = reading.describe(dataset, council, strip.scheme);
            if k == 0 {
                readings.push_str(&format!(" — {text}"));
            } else {
                readings.push_str(&format!("  {} {text}", view.mark(k).0));
            }
        }
    }
    // What the cursor reads matters more than the scheme's full name: the name gives
    // way first.
    let head = format!("{pointer}{fold}");
    let name = format!("{} · {}", scheme.name, scheme.body);
    let room = usize::from(band.width)
        .saturating_sub(head.width() + readings.width())
        .max(12);
    let title = format!("{head}{}{readings}", fit(&name, room));
    let title_style = if selected {
        theme.title().add_modifier(Modifier::UNDERLINED)
    } else {
        theme.title()
    };
    let title = fit(&title, usize::from(band.width));
    buf.set_string(band.x, band.y, &title, title_style);
    // Y axis.
    for (row, label) in labels(dataset, strip.scheme, view.councils)
        .iter()
        .enumerate()
        .take(usize::from(plot_rows))
    {
        let y = plot_top + row as u16;
        buf.set_string(band.x, y, pad(label, label_width), theme.dim());
        buf.set_string(band.x + label_width as u16 + 1, y, "┤", theme.dim());
    }

    // Pinned councils first, so the selected council's line stays on top.
    for (k, &c) in view.councils.iter().enumerate().skip(1).rev() {
        let (mark, style) = view.mark(k);
        draw_series(
            view,
            buf,
            axis,
            plot_top,
            plot_rows,
            &Timeline::new(dataset, &dataset.councils[c], strip.scheme),
            mark,
            style,
            "╌",
        );
    }
    let timeline = Timeline::new(dataset, main, strip.scheme);
    draw_series(
        view, buf, axis, plot_top, plot_rows, &timeline, "●", None, "─",
    );

    // Eras, the scheme's end and ungraded assessments as rules, drawn after the lines
    // so their labels only take empty room.
    let mut rules: Vec<(Date, String, &str)> = Vec::new();
    rules.extend(
        scheme
            .eras
            .iter()
            .map(|era| (era.start, visible(&era.name).into_owned(), "┆")),
    );
    rules.extend(
        scheme
            .until
            .map(|until| (until, format!("ended {until}"), "┆")),
    );
    // Why the selected council has no rating where it has none: stretches of unknown
    // rounds dotted, of no grade hatched (never drawn as a level), ends as rules.
    for gap in &timeline.gaps {
        let (fill, label) = match gap.why {
            Why::Unknown => ("·", "unknown"),
            Why::Ungraded => ("╱", "no grade"),
            Why::CouncilEnded => {
                rules.push((gap.from, format!("council ended {}", gap.from), "┆"));
                continue;
            }
            Why::SchemeEnded | Why::NotYet => continue,
        };
        if gap.why == Why::Ungraded {
            rules.push((gap.from, label.to_owned(), "┊"));
        }
        let a = axis.col(gap.from) + 1;
        let b = axis.col(gap.to.unwrap_or(view.today).max(gap.from));
        let (from, to) = (a.max(0), b.min(i64::from(axis.width)));
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
        if gap.why == Why::Unknown && to - from >= width + 2 && plot_rows > 0 {
            let x = axis.screen(from + (to - from - width) / 2);
            buf.set_string(x, plot_top + (plot_rows - 1) / 2, label, theme.dim());
        }
    }
    let rules: Vec<(u16, String, &str)> = rules
        .into_iter()
        .filter_map(|(date, label, glyph)| Some((axis.x(date)?, label, glyph)))
        .collect();
    // Rules go under the lines (only on empty cells), all before any label, so a
    // label never hides a rule.
    for (x, _, glyph) in &rules {
        for y in plot_top..plot_top + plot_rows {
            if let Some(cell) = buf.cell_mut((*x, y))
                && cell.symbol() == " "
            {
                cell.set_symbol(glyph).set_style(theme.dim());
            }
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
        for from in [right_side, left_side].into_iter().flatten() {
            if from > taken && from + width <= band.right() {
                buf.set_string(from, band.y, &label, theme.dim());
                if from > x {
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
                && matches!(cell.symbol(), " " | "┆" | "┊")
            {
                cell.set_symbol("│").set_style(theme.key());
            }
        }
    }
}

/// One council's step line in one strip: a marker at each rating, a run while it
/// holds, a riser to the next. `style` `None` colours by level.
#[allow(clippy::too_many_arguments)]
fn draw_series(
    view: &ChartView<'_>,
    buf: &mut Buffer,
    axis: &Axis,
    plot_top: u16,
    plot_rows: u16,
    timeline: &Timeline,
    mark: &str,
    style: Option<Style>,
    run: &str,
) {
    let (dataset, theme, scheme) = (view.dataset, view.theme, timeline.scheme);
    let levels = rows(dataset, scheme);
    let mut previous: Option<(u16, Date)> = None;
    for segment in &timeline.segments {
        let Some(row) = row_of(dataset, scheme, view.councils, segment.grade) else {
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
            None => (axis.col(view.today).max(a), true),
        };
        let stop = if open { b + 1 } else { b };
        let from = (a + 1).max(0);
        let to = stop.min(i64::from(axis.width));
        for col in from..to {
            set(buf, axis.screen(col), y, run, style);
        }
        let visible = (0..i64::from(axis.width)).contains(&a);
        if let Some((prev_row, prev_to)) = previous
            && prev_to == segment.from
            && prev_row != row
            && visible
        {
            let x = axis.screen(a);
            let (top, bottom) = (prev_row.min(row), prev_row.max(row));
            for r in top + 1..bottom {
                set(buf, x, plot_top + r, "│", style);
            }
            let corner = if row < prev_row { "┘" } else { "┐" };
            set(buf, x, plot_top + prev_row, corner, style);
        }
        if visible {
            set(buf, axis.screen(a), y, mark, style);
        }
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
    let first = Date::from_days(axis.start).year_number();
    let last = Date::from_days(axis.end).year_number();
    let step = [1u16, 2, 5, 10, 20, 50]
        .into_iter()
        .find(|&step| {
            let a = axis.col(Date::year(first));
            let b = axis.col(Date::year(first + step));
            b - a >= 5
        })
        .unwrap_or(100);
    let mut year = first - first % step;
    while year <= last {
        if let Some(x) = axis.x(Date::year(year))
            && x + 4 <= row.right()
        {
            buf.set_string(x, row.y, format!("{year}"), theme.dim());
        }
        year += step;
    }
}

/// A council's strips as plain text, `width` columns wide: the chart `show` prints.
pub fn plain(
    dataset: &Dataset,
    council: usize,
    strips: &[Strip],
    today: Date,
    width: u16,
) -> String {
    // Saturating: a file may hold more level rows than a buffer can count.
    let height = strips
        .iter()
        .map(|s| strip_height(dataset, s))
        .fold(1, u16::saturating_add);
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    let view = ChartView {
        dataset,
        councils: &[council],
        pins: &[],
        strips,
        selected: None,
        today,
        cursor: None,
        zoom: 0,
        theme: Theme::MONO,
    };
    view.render(area, &mut buf);
    super::buffer_text(&buf)
}
