//! The chart pane: one strip per scheme on a shared time axis, each a step line with a
//! marker at every rating, level names on the y axis, eras and scheme ends as rules.
//! Drawn straight into the buffer: ratatui's `Chart` has no step line and spaces its
//! x labels evenly rather than by date.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use super::text::{fit, pad};
use super::theme::Theme;
use crate::app::Strip;
use crate::data::model::{Council, Dataset, Grade, Scale};
use crate::data::{Date, Timeline};

/// The widest y-axis label, in columns; longer level names are cut with `…`.
const MAX_LABEL: usize = 14;

/// Maps dates to columns over the plot's width.
#[derive(Clone, Copy, Debug)]
pub struct Axis {
    start: i32,
    end: i32,
    x0: u16,
    width: u16,
}

impl Axis {
    /// An axis covering every rating of `council` (folded strips too, so unfolding
    /// never moves the axis), from January of the first year to `today` or the last
    /// scheme end, rounded out to whole years.
    pub fn for_council(dataset: &Dataset, council: &Council, today: Date, x0: u16, width: u16) -> Self {
        let first = council.ratings.iter().map(|r| r.date).min().unwrap_or(today);
        let mut last = council.ratings.iter().map(|r| r.date).max().unwrap_or(today);
        for timeline in Timeline::all(dataset, council) {
            for segment in &timeline.segments {
                last = last.max(segment.to.unwrap_or(today));
            }
        }
        let start = Date::year(first.year_number()).first_day();
        let end = Date::year(last.year_number().saturating_add(1)).first_day().max(start + 366);
        Self { start, end, x0, width: width.max(1) }
    }

    /// The column of `date`'s first day.
    pub fn x(&self, date: Date) -> u16 {
        let span = i64::from(self.end - self.start).max(1);
        let along = i64::from(date.first_day() - self.start).clamp(0, span);
        self.x0 + (along * i64::from(self.width - 1) / span) as u16
    }

    fn years(&self) -> std::ops::RangeInclusive<u16> {
        Date::from_days(self.start).year_number()..=Date::from_days(self.end).year_number()
    }
}

/// Rows a strip takes: a title row, then one row per level (three for a numeric scale).
pub fn strip_height(dataset: &Dataset, strip: &Strip) -> u16 {
    1 + rows(dataset, &strip.timeline) as u16
}

fn rows(dataset: &Dataset, timeline: &Timeline) -> usize {
    match &dataset.scheme(timeline.scheme).scale {
        Scale::Ordinal(levels) => levels.len().max(1),
        Scale::Numeric { .. } => 3,
    }
}

/// Draws `strips` of `council` into `area`, scrolled so strip `selected` shows, with
/// the year axis on the last row.
#[allow(clippy::too_many_arguments)]
pub fn draw(
    buf: &mut Buffer,
    area: Rect,
    dataset: &Dataset,
    council: &Council,
    strips: &[Strip],
    selected: Option<usize>,
    today: Date,
    theme: Theme,
) {
    if area.height < 2 || area.width < 10 {
        return;
    }
    let label_width = strips
        .iter()
        .flat_map(|s| labels(dataset, &s.timeline, council))
        .map(|l| l.width())
        .max()
        .unwrap_or(0)
        .min(MAX_LABEL);
    let plot_x = area.x + label_width as u16 + 2;
    let plot_width = area.right().saturating_sub(plot_x + 1);
    if plot_width < 4 {
        return;
    }
    let axis = Axis::for_council(dataset, council, today, plot_x, plot_width);
    let room = area.height - 1;

    // Scroll: start at the first strip from which the selected one still fits.
    let heights: Vec<u16> = strips.iter().map(|s| strip_height(dataset, s)).collect();
    let mut first = 0;
    if let Some(sel) = selected {
        while first < sel && heights[first..=sel].iter().sum::<u16>() > room {
            first += 1;
        }
    }
    let mut y = area.y;
    for (i, strip) in strips.iter().enumerate().skip(first) {
        if y >= area.y + room {
            break;
        }
        let band = Rect { x: area.x, y, width: area.width, height: heights[i].min(area.y + room - y) };
        draw_strip(buf, band, dataset, council, strip, selected == Some(i), label_width, &axis, today, theme);
        y += heights[i];
    }
    draw_years(buf, Rect { y: area.y + room, height: 1, ..area }, &axis, theme);
}

/// The y-axis labels of a strip, top row first.
fn labels(dataset: &Dataset, timeline: &Timeline, council: &Council) -> Vec<String> {
    match &dataset.scheme(timeline.scheme).scale {
        Scale::Ordinal(levels) => levels.iter().rev().cloned().collect(),
        Scale::Numeric { .. } => {
            let (lo, hi) = value_range(timeline, council);
            let f = crate::data::model::format_value;
            if lo == hi { vec![String::new(), f(lo), String::new()] } else { vec![f(hi), String::new(), f(lo)] }
        }
    }
}

fn value_range(timeline: &Timeline, council: &Council) -> (f64, f64) {
    let values = timeline.ratings.iter().filter_map(|&i| match council.ratings[i].grade {
        Grade::Value(v) => Some(v),
        _ => None,
    });
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

/// The row (from the top of the plot) and style of a grade.
fn place(dataset: &Dataset, timeline: &Timeline, council: &Council, grade: Grade, theme: Theme) -> Option<(u16, Style)> {
    let n = rows(dataset, timeline);
    match grade {
        Grade::Level(rank) => Some(((n - 1 - usize::from(rank)) as u16, theme.level(usize::from(rank), n))),
        Grade::Value(v) => {
            let (lo, hi) = value_range(timeline, council);
            let row = if hi > lo { ((hi - v) / (hi - lo) * (n - 1) as f64).round() as u16 } else { 1 };
            Some((row, theme.level(0, 1)))
        }
        Grade::Ungraded => None,
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_strip(
    buf: &mut Buffer,
    band: Rect,
    dataset: &Dataset,
    council: &Council,
    strip: &Strip,
    selected: bool,
    label_width: usize,
    axis: &Axis,
    today: Date,
    theme: Theme,
) {
    let timeline = &strip.timeline;
    let scheme = dataset.scheme(timeline.scheme);
    let plot_top = band.y + 1;
    let plot_rows = band.height.saturating_sub(1);
    let right = axis.x0 + axis.width - 1;

    // Title row: fold mark, name, body; eras and the scheme end placed by date.
    let fold = match (strip.children, strip.nested) {
        (0, true) => "  · ",
        (0, false) => "  ",
        _ => "",
    };
    let mark = match (strip.children, strip.unfolded) {
        (0, _) => "",
        (_, true) => "▾ ",
        (_, false) => "▸ ",
    };
    let pointer = if selected { "▶" } else { " " };
    let title = format!("{pointer}{fold}{mark}{} · {}", scheme.name, scheme.body);
    let title_style = if selected { theme.title().add_modifier(Modifier::UNDERLINED) } else { theme.title() };
    let title = fit(&title, usize::from(band.width));
    buf.set_string(band.x, band.y, &title, title_style);
    let mut taken = band.x + title.width() as u16 + 1;
    let mut rule = |buf: &mut Buffer, date: Date, label: String, glyph: &str| {
        let x = axis.x(date);
        for row in 0..plot_rows {
            if let Some(cell) = buf.cell_mut((x, plot_top + row)) {
                cell.set_symbol(glyph).set_style(theme.dim());
            }
        }
        // The label goes beside the rule, right of it if there is room, else left;
        // on the title row when that is clear, else on the first plot row that is.
        let width = label.width() as u16;
        let right_side = (usize::from(right.saturating_sub(x)) > label.width()).then_some(x + 1);
        let left_side = (x > band.x + width).then(|| x - width);
        let clear = |buf: &Buffer, y: u16, from: u16| {
            (from..from + width).all(|c| buf.cell((c, y)).is_some_and(|cell| cell.symbol() == " "))
        };
        for from in [right_side, left_side].into_iter().flatten() {
            if from > taken && from + width <= band.right() {
                buf.set_string(from, band.y, &label, theme.dim());
                if from > x {
                    buf.set_string(x, band.y, glyph, theme.dim());
                }
                taken = from + width + 1;
                return;
            }
            if let Some(y) = (plot_top..plot_top + plot_rows).find(|&y| clear(buf, y, from)) {
                buf.set_string(from, y, &label, theme.dim());
                return;
            }
        }
    };
    for era in &scheme.eras {
        rule(buf, era.start, era.name.clone(), "┆");
    }
    if let Some(until) = scheme.until {
        rule(buf, until, format!("ended {until}"), "┆");
    }
    for &i in &timeline.ratings {
        let rating = &council.ratings[i];
        if rating.grade == Grade::Ungraded {
            rule(buf, rating.date, "no grade".to_owned(), "┊");
        }
    }

    // Y axis.
    for (row, label) in labels(dataset, timeline, council).iter().enumerate().take(usize::from(plot_rows)) {
        let y = plot_top + row as u16;
        buf.set_string(band.x, y, pad(label, label_width), theme.dim());
        buf.set_string(band.x + label_width as u16 + 1, y, "┤", theme.dim());
    }

    // Step line: a marker at each rating, a run while it holds, a riser to the next.
    let mut previous: Option<(u16, Date)> = None;
    for segment in &timeline.segments {
        let Some((row, style)) = place(dataset, timeline, council, segment.grade, theme) else { continue };
        if row >= plot_rows {
            continue;
        }
        let y = plot_top + row;
        let a = axis.x(segment.from);
        let (b, open) = match segment.to {
            Some(to) => (axis.x(to), false),
            None => (axis.x(today).max(a), true),
        };
        let stop = if open { b + 1 } else { b };
        for x in a + 1..stop.min(right + 1) {
            set(buf, x, y, "─", style);
        }
        if let Some((prev_row, prev_to)) = previous
            && prev_to == segment.from
            && prev_row != row
        {
            let (top, bottom) = (prev_row.min(row), prev_row.max(row));
            for r in top + 1..bottom {
                set(buf, a, plot_top + r, "│", style);
            }
            let corner = if row < prev_row { "┘" } else { "┐" };
            set(buf, a, plot_top + prev_row, corner, style);
        }
        set(buf, a, y, "●", style);
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
    let years = axis.years();
    let step = [1u16, 2, 5, 10, 20, 50]
        .into_iter()
        .find(|&step| {
            let a = axis.x(Date::year(*years.start()));
            let b = axis.x(Date::year(years.start() + step));
            b.saturating_sub(a) >= 5
        })
        .unwrap_or(100);
    let mut year = *years.start();
    while year < *years.end() {
        let x = axis.x(Date::year(year));
        if x + 4 <= row.right() {
            buf.set_string(x, row.y, format!("{year}"), theme.dim());
        }
        year += step;
    }
}

/// A council's strips as plain text, `width` columns wide: the chart `show` prints.
pub fn plain(dataset: &Dataset, council: usize, strips: &[Strip], today: Date, width: u16) -> String {
    let council = &dataset.councils[council];
    let height = strips.iter().map(|s| strip_height(dataset, s)).sum::<u16>() + 1;
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    draw(&mut buf, area, dataset, council, strips, None, today, Theme { mono: true });
    super::buffer_text(&buf)
}
