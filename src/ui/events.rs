//! The events pane: every rating of the selected council, oldest first, with its
//! change on the one before, its note and its source.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};

use super::text::{fit, pad};
use super::theme::Theme;
use crate::app::{App, Mode, Pane};
use crate::data::model::{Council, Dataset, Grade};
use crate::data::timeline::change_label;

/// A scheme's name for a column: a sub-judgement goes by its own part ("· care
/// leavers"), since it follows its parent's row.
pub fn scheme_label(dataset: &Dataset, scheme: crate::data::model::SchemeIx) -> String {
    let scheme = dataset.scheme(scheme);
    match (scheme.parent, scheme.name.split_once(": ")) {
        (Some(_), Some((_, part))) => format!("· {part}"),
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

fn block() -> Block<'static> {
    Block::default().borders(Borders::ALL).title(" Events ")
}

/// The first event shown when `rows` fit: scrolled so the selected one shows.
fn offset(app: &App, rows: usize) -> usize {
    app.event.saturating_sub(rows.saturating_sub(1))
}

/// The event (index into the selected council's ratings) on screen row `y` of the
/// pane drawn in `area`, for mouse clicks.
pub fn event_at(app: &App, area: Rect, y: u16) -> Option<usize> {
    let inner = block().inner(area);
    let row = usize::from(y.checked_sub(inner.y)?);
    let count = app
        .selected
        .map_or(0, |c| app.dataset.councils[c].ratings.len());
    let index = offset(app, usize::from(inner.height)) + row;
    (row < usize::from(inner.height) && index < count).then_some(index)
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let focused = app.focus == Pane::Events && app.mode == Mode::Normal;
    let block = block().border_style(theme.border(focused));
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(council) = app.selected.map(|i| &app.dataset.councils[i]) else {
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
    let offset = offset(app, rows);
    let width = usize::from(inner.width);
    for (row, (i, rating)) in council
        .ratings
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .enumerate()
    {
        let y = inner.y + row as u16;
        let selected = i == app.event && app.focus == Pane::Events;
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
        // The scheme column gives way to the note on narrow screens.
        let scheme_width = (width.saturating_sub(12 + 18 + 14) * 3 / 5).clamp(12, 32);
        let cells = [
            (format!("{pointer}{}", rating.date), 12, Style::default()),
            (
                scheme_label(&app.dataset, rating.scheme),
                scheme_width,
                Style::default(),
            ),
            (scheme.describe(rating.grade), 18, level_style),
            (change, 14, change_style),
            (
                note_and_source(&app.dataset, council, i),
                width,
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
