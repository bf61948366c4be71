//! The events pane: every rating of the selected council, oldest first, with its
//! change on the one before, its note and its source.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};

use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::{App, Mode, Pane, layout};
use crate::data::model::{Council, Dataset, Grade};
use crate::data::timeline::change_label;
use crate::text::{fit, pad, visible};

/// A scheme's name for a column: a sub-judgement goes by its own part ("· care
/// leavers"), since it follows its parent's row.
pub fn scheme_label(dataset: &Dataset, scheme: crate::data::model::SchemeIx) -> String {
    let scheme = dataset.scheme(scheme);
    match (scheme.parent, scheme.name.split_once(": ")) {
        (Some(_), Some((_, part))) => format!("{} {part}", crate::chart::glyph::NESTED),
        _ => scheme.name.clone(),
    }
}

/// The note and source of a rating, as one line.
pub fn note_and_source(dataset: &Dataset, council: &Council, index: usize) -> String {
    let rating = &council.ratings[index];
    let source = rating.source.map(|s| dataset.source(s));
    let source = source.map(|s| match &s.publisher {
        Some(p) => format!("{p}: {}", s.title),
        None => s.title.clone(),
    });
    match (&rating.note, source) {
        (Some(n), Some(s)) => format!("{n} · {s}"),
        (Some(n), None) => n.clone(),
        (None, Some(s)) => s,
        (None, None) => String::new(),
    }
}

/// The events pane's column widths, each with its one column of air.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Columns {
    scheme: usize,
    level: usize,
    note: usize,
}

impl Columns {
    /// The pointer and the date, as long as `▶2017-04-07`.
    const DATE: usize = 12;
    /// The change on the rating before, as long as `▲ better by 9`.
    const CHANGE: usize = 14;
    /// The longest level shown whole; a longer one is cut with `…`.
    const MAX_LEVEL: usize = 32;
    /// The scheme column's width while the note still has room.
    const SCHEME: std::ops::RangeInclusive<usize> = 12..=32;
    /// The narrowest scheme column: enough to tell schemes apart by their first words.
    const MIN_SCHEME: usize = 8;
    /// A note narrower than this says nothing: its room goes to the scheme.
    const MIN_NOTE: usize = 6;
    /// The narrowest level column, when the level needs that much.
    const MIN_LEVEL: usize = 18;

    /// Columns for a pane `width` wide whose longest level is `longest` columns: the
    /// level whole (up to [`Self::MAX_LEVEL`]), then the scheme three fifths of what
    /// is left and the note the rest. On a narrow pane the note gives way first, then
    /// the scheme, then the level down to [`Self::MIN_LEVEL`] so that the change stays
    /// whole; past that the cells are cut at the pane's edge.
    fn fit(width: usize, longest: usize) -> Self {
        let whole = longest.min(Self::MAX_LEVEL) + 1;
        let spare = width.saturating_sub(Self::DATE + Self::MIN_SCHEME + Self::CHANGE);
        let level = whole.min(spare.max(Self::MIN_LEVEL));
        let room = width.saturating_sub(Self::DATE + level + Self::CHANGE);
        let wanted = (room * 3 / 5).clamp(*Self::SCHEME.start(), *Self::SCHEME.end());
        let mut scheme = wanted.min(room).max(Self::MIN_SCHEME);
        let mut note = room.saturating_sub(scheme);
        if note < Self::MIN_NOTE {
            scheme += note;
            note = 0;
        }
        Self {
            scheme,
            level,
            note,
        }
    }
}

fn block() -> Block<'static> {
    Block::default().borders(Borders::ALL).title(" Events ")
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let focused = app.focus == Pane::Events && app.mode == Mode::Normal;
    let block = block().border_style(theme.border(focused));
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(council) = app.list.selected.map(|i| &app.dataset.councils[i]) else {
        return;
    };
    if inner.height == 0 {
        return;
    }
    if council.ratings.is_empty() {
        buf.set_string(
            inner.x,
            inner.y,
            fit("no ratings", usize::from(inner.width)),
            theme.dim(),
        );
        return;
    }
    let rows = usize::from(inner.height);
    let offset = layout::events_offset(app, rows);
    let width = usize::from(inner.width);
    // Measured over every rating, not just those in view, so scrolling never moves
    // the columns.
    let longest = council
        .ratings
        .iter()
        .map(|r| visible(&app.dataset.scheme(r.scheme).describe(r.grade)).width())
        .max()
        .unwrap_or(0);
    let columns = Columns::fit(width, longest);
    for (row, (i, rating)) in council
        .ratings
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .enumerate()
    {
        let y = inner.y + row as u16;
        let selected = i == app.events.selected && app.focus == Pane::Events;
        let scheme = app.dataset.scheme(rating.scheme);
        let pointer = if selected { "▶" } else { " " };
        let base = if selected {
            theme.selected(focused)
        } else {
            Style::default()
        };
        let level_style = match rating.grade {
            Grade::Level(r) => theme.level(usize::from(r), scheme.levels().len()),
            _ => theme.dim(),
        };
        let change = change_label(&app.dataset, council, i).unwrap_or_default();
        let change_style = if change.starts_with('▲') {
            theme.up()
        } else if change.starts_with('▼') {
            theme.down()
        } else {
            Style::default()
        };
        let cells = [
            (
                format!("{pointer}{}", rating.date),
                Columns::DATE,
                Style::default(),
            ),
            (
                scheme_label(&app.dataset, rating.scheme),
                columns.scheme,
                Style::default(),
            ),
            (scheme.describe(rating.grade), columns.level, level_style),
            (change, Columns::CHANGE, change_style),
            (
                note_and_source(&app.dataset, council, i),
                columns.note,
                theme.dim(),
            ),
        ];
        let mut x = inner.x;
        for (text, w, style) in cells {
            let w = w.min(usize::from(inner.right().saturating_sub(x)));
            if w == 0 {
                // Out of room: even the one column of air would land on the border.
                break;
            }
            // One column of air between cells, so a cut name never runs into the next.
            let text = format!("{} ", pad(&text, w.saturating_sub(1)));
            // Held to the cell's width as the buffer measures it (by grapheme), so text
            // our column count and the terminal's disagree on can never reach the border.
            buf.set_stringn(x, y, text, w, style.patch(base));
            x += w as u16;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_level_gets_its_full_width_before_the_note_and_the_scheme() {
        let ri = "Requires improvement to be good".len();
        // Wide: everything whole, the note taking what the scheme leaves.
        assert_eq!(
            Columns::fit(120, ri),
            Columns {
                scheme: 32,
                level: ri + 1,
                note: 120 - 12 - 32 - 32 - 14
            }
        );
        // The events pane of a 100-column screen: the note gives way first.
        assert_eq!(
            Columns::fit(72, ri),
            Columns {
                scheme: 14,
                level: ri + 1,
                note: 0
            }
        );
        // Narrower: the scheme shrinks, never below its minimum; the level stays whole.
        assert_eq!(
            Columns::fit(68, ri),
            Columns {
                scheme: 10,
                level: ri + 1,
                note: 0
            }
        );
        assert_eq!(Columns::fit(66, ri).scheme, Columns::MIN_SCHEME);
        assert_eq!(Columns::fit(66, ri).level, ri + 1);
        // Narrower still: the level gives way, down to what it always had, so the
        // change on the rating before stays whole.
        assert_eq!(Columns::fit(57, ri).level, 23);
        assert_eq!(Columns::fit(40, ri).level, Columns::MIN_LEVEL);
        assert_eq!(Columns::fit(40, 6).level, 7);
        // Short levels leave the room they do not need to the others.
        assert_eq!(Columns::fit(72, "1 star".len()).level, 7);
        assert_eq!(Columns::fit(72, "1 star".len()).note, 16);
        // A level longer than the cap is cut rather than crowding out the rest.
        assert_eq!(Columns::fit(120, 80).level, Columns::MAX_LEVEL + 1);
    }
}
