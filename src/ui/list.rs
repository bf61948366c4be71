//! The council list: the live filter line, then one row per council: its name (the
//! letters the filter matched highlighted), the value the list is sorted by when that
//! is not already on the row, and the latest grade of the main scheme as a glyph and
//! its trend.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::theme::Theme;
use crate::app::index::{Highlighter, RowGrade};
use crate::app::{App, Mode, Pane, Sort, layout};
use crate::text::{fit, fit_first, pad, visible};

/// Where the rows go: the first row's y, how many fit, and the first council shown.
/// The list's frame: how many councils it shows on top; below, the dataset's title
/// (so a synthetic set is never taken for real data) in the room the region, sort and
/// pins leave.
fn block(app: &App, width: u16) -> Block<'static> {
    let position = app.list.position().map_or(0, |p| p + 1);
    let mut count = format!("{position}/{}", app.list.visible.len());
    if app.list.visible.len() != app.dataset.councils.len() {
        count.push_str(&format!(" of {}", app.dataset.councils.len()));
    }
    // Inside the corners, with a space either side.
    let room = usize::from(width).saturating_sub(4);
    let title = format!(
        " {}",
        fit_first(&[format!("Councils {count}"), count], room)
    );
    let mut bottom = Vec::new();
    if let Some(region) = &app.list.region {
        bottom.push(visible(region).into_owned());
    }
    if app.list.sort != Sort::Name {
        bottom.push(app.list.sort.label().to_owned());
    }
    if !app.list.pins.is_empty() {
        bottom.push(format!("{} pinned", app.list.pins.len()));
    }
    let taken: usize = bottom.iter().map(|b| b.width() + 3).sum();
    let room = usize::from(width).saturating_sub(taken + 6);
    if room >= 8 {
        bottom.insert(0, fit(&app.dataset.title, room));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!("{title} "));
    if bottom.is_empty() {
        block
    } else {
        let room = usize::from(width).saturating_sub(4);
        block.title_bottom(format!(" {} ", fit(&bottom.join(" · "), room)))
    }
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let focused = app.focus == Pane::List && matches!(app.mode, Mode::Normal | Mode::Filter);
    let block = block(app, area.width).border_style(theme.border(focused));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let width = usize::from(inner.width);
    if layout::filtering(app) {
        let mut spans = vec![ratatui::text::Span::styled("/ ", theme.key())];
        spans.extend(super::field::spans(
            &app.list.query,
            width.saturating_sub(2),
            app.mode == Mode::Filter,
            theme.key(),
        ));
        ratatui::text::Line::from(spans).render(Rect { height: 1, ..inner }, buf);
    }
    let layout::ListRows {
        top: y,
        count: rows,
        offset,
    } = layout::list_rows(app, inner);
    if app.list.visible.is_empty() {
        let why = if app.dataset.councils.is_empty() {
            "this dataset has no councils"
        } else {
            "no council matches"
        };
        buf.set_string(inner.x, y, fit(why, width), theme.dim());
        return;
    }
    let scheme = app.index.main_scheme;
    // The glyph and trend take the last 4 columns; the sort value, when shown, the
    // VALUE_WIDTH before them; the name what is left.
    let value_width = if shows_sort_value(app) && width >= 4 + VALUE_WIDTH + 10 {
        VALUE_WIDTH
    } else {
        0
    };
    let name_width = width.saturating_sub(4 + value_width);
    let mut highlighter = Highlighter::new(app.list.query.value());
    for (row, &ix) in app.list.visible.iter().skip(offset).take(rows).enumerate() {
        let council = &app.dataset.councils[ix];
        let selected = app.list.selected == Some(ix);
        let line_y = y + row as u16;
        // A pinned row's marker, as the chart marks it (the selected row shows ▶).
        let pin = theme.council_mark(&app.list.pins, 1, ix);
        let pointer = match (selected, pin) {
            (true, _) => "▶ ".to_owned(),
            (false, Some((mark, _))) => format!("{mark} "),
            (false, None) => "  ".to_owned(),
        };
        let latest = app.index.rows.get(ix).copied().flatten();
        let name = pad(&format!("{pointer}{}", council.name), name_width);
        let style = if selected {
            theme.selected(focused)
        } else {
            Style::default()
        };
        buf.set_stringn(inner.x, line_y, &name, name_width, style);
        if let Some(highlighter) = highlighter.as_mut() {
            let mark = matched(theme, style, selected);
            let matched = highlighter.name_chars(&council.name);
            for (column, cells) in name_columns(&pointer, &council.name, &matched, name_width) {
                for cell in column..column + cells {
                    buf[(inner.x + cell as u16, line_y)].set_style(mark);
                }
            }
        }
        if value_width > 0 {
            let value = sort_value(app, ix).unwrap_or_default();
            buf.set_stringn(
                inner.x + name_width as u16,
                line_y,
                format!("{value:>value_width$}"),
                value_width,
                style,
            );
        }
        if let Some(RowGrade { glyph, rank, trend }) = latest {
            let glyph = glyph.map(String::from).unwrap_or_default();
            let levels = scheme.map_or(1, |s| app.dataset.scheme(s).levels().len());
            let glyph_style = rank.map_or(theme.dim(), |r| theme.level(r, levels));
            let x = inner.x + inner.width - 4;
            buf.set_string(x, line_y, " ", style);
            buf.set_string(
                x + 1,
                line_y,
                fit(&glyph, 1),
                glyph_style.patch(if selected { style } else { Default::default() }),
            );
            buf.set_string(x + 2, line_y, format!(" {trend}"), style);
        } else {
            buf.set_string(inner.x + inner.width - 4, line_y, "    ", style);
        }
    }
}

/// Columns the sort value takes, a space before it included.
const VALUE_WIDTH: usize = 6;

/// Whether the list shows the value it is sorted by: for improvement and time at the
/// lowest level, which the row does not otherwise show (the latest grade is always
/// there as the glyph).
fn shows_sort_value(app: &App) -> bool {
    app.index.main_scheme.is_some()
        && matches!(app.list.sort, Sort::Improvement | Sort::LongestAtLowest)
}

/// The value the list is sorted by for `council`, as its row shows it: by
/// improvement, how many grades the council rose from its first graded rating to its
/// latest in the main scheme (`+3`, `0`, `-1`); by time at the lowest level, how long
/// it spent there up to today (months under a year, `7m`; else years to a tenth,
/// `4.2y`; whole years past 99). `–` when there is nothing to show: no graded rating,
/// or never at the lowest level. `None` for the sorts that show no value.
pub fn sort_value(app: &App, council: usize) -> Option<String> {
    let trajectory = app.index.trajectories.get(council)?;
    match app.list.sort {
        Sort::Improvement => Some(match trajectory.improvement {
            Some(rise) if rise > 0 => format!("+{rise}"),
            Some(rise) => rise.to_string(),
            None => "–".to_owned(),
        }),
        Sort::LongestAtLowest => Some(duration(trajectory.days_at_lowest)),
        Sort::Name | Sort::Latest => None,
    }
}

/// `days` compactly: `–` for none, `<1m`, whole months under a year, then years to a
/// tenth (whole years from 100).
fn duration(days: i32) -> String {
    const MONTH: f64 = 365.25 / 12.0;
    let days = f64::from(days.max(0));
    let months = (days / MONTH).round();
    let years = days / 365.25;
    if days == 0.0 {
        "–".to_owned()
    } else if months < 1.0 {
        "<1m".to_owned()
    } else if months < 12.0 {
        format!("{months}m")
    } else if years < 99.95 {
        format!("{years:.1}y")
    } else {
        format!("{years:.0}y")
    }
}

/// The style of a letter the filter matched: underlined in the key colour; on the
/// selected row underlined in the row's own colours (the key colour can match the
/// selection's background). In mono, bold and underlined, and reversed on the
/// selected row, which is already bold and underlined.
fn matched(theme: Theme, row: Style, selected: bool) -> Style {
    match (theme.mono, selected) {
        (true, true) => row.add_modifier(Modifier::REVERSED),
        (true, false) => row.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        (false, true) => row.add_modifier(Modifier::UNDERLINED),
        (false, false) => row.patch(theme.key()).add_modifier(Modifier::UNDERLINED),
    }
}

/// Where the `matched` characters of `name` (char indices) fall on a row that starts
/// with `pointer` and is cut to `width` columns: (first column, columns) of each one
/// still shown, counted as [`pad`] lays the row out (by display width, control
/// characters written out, a cut row ending in `…`).
fn name_columns(pointer: &str, name: &str, matched: &[usize], width: usize) -> Vec<(usize, usize)> {
    if matched.is_empty() {
        return Vec::new();
    }
    let cells = |c: char| {
        if crate::text::is_hidden(c) {
            visible(c.encode_utf8(&mut [0; 4])).width()
        } else {
            c.width().unwrap_or(0)
        }
    };
    let total = pointer.width() + name.chars().map(cells).sum::<usize>();
    let limit = if total <= width {
        width
    } else {
        width.saturating_sub(1)
    };
    let mut out = Vec::new();
    let mut column = pointer.width();
    let mut next = matched.iter().peekable();
    for (k, c) in name.chars().enumerate() {
        let w = cells(c);
        if column + w > limit {
            break;
        }
        while next.next_if(|&&m| m < k).is_some() {}
        if next.next_if(|&&m| m == k).is_some() && w > 0 {
            out.push((column, w));
        }
        column += w;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_in_months_then_years() {
        assert_eq!(duration(0), "–");
        assert_eq!(duration(10), "<1m");
        assert_eq!(duration(45), "1m");
        assert_eq!(duration(200), "7m");
        assert_eq!(duration(364), "1.0y");
        assert_eq!(duration(1534), "4.2y");
        assert_eq!(duration(40_000), "110y");
    }

    #[test]
    fn matched_columns_follow_display_width_and_stop_at_the_cut() {
        // "Ynys Môn": every character one column, after a two-column pointer.
        assert_eq!(
            name_columns("▶ ", "Ynys Môn", &[0, 5, 6], 20),
            [(2, 1), (7, 1), (8, 1)]
        );
        // Wide characters take two columns each.
        assert_eq!(
            name_columns("  ", "東京都庁", &[1, 2], 20),
            [(4, 2), (6, 2)]
        );
        // Cut to 8 columns: "  Tower…" shows five letters; the sixth is under `…`.
        assert_eq!(
            name_columns("  ", "Tower Hamlets", &[0, 4, 6], 8),
            [(2, 1), (6, 1)]
        );
        // A control character is written out (`\x07`, four columns).
        assert_eq!(name_columns("", "a\u{7}b", &[2], 20), [(5, 1)]);
    }
}
