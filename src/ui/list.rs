//! The council list: the live filter line, then one row per council with the latest
//! grade of the main scheme as a glyph and its trend.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Widget};

use super::text::{fit, pad};
use super::theme::Theme;
use crate::app::{App, Mode, Pane};
use crate::data::Timeline;
use crate::data::model::{Council, Dataset, Grade, SchemeIx};

/// The scheme whose latest grade the list shows: Ofsted's overall effectiveness when
/// the dataset has it, else the first top-level scheme.
pub fn main_scheme(dataset: &Dataset) -> Option<SchemeIx> {
    dataset
        .scheme_by_id("ofsted-cs")
        .or_else(|| dataset.schemes.iter().position(|s| s.parent.is_none()).map(|i| i as SchemeIx))
}

/// The glyph (initial of the latest level), its rank and the trend arrow.
fn latest(dataset: &Dataset, council: &Council, scheme: SchemeIx) -> Option<(String, Option<usize>, &'static str)> {
    let timeline = Timeline::new(dataset, council, scheme);
    let last = timeline.latest(council)?;
    let (glyph, rank) = match last.grade {
        Grade::Level(rank) => {
            let name = &dataset.scheme(scheme).levels()[usize::from(rank)];
            (name.chars().next().map(String::from).unwrap_or_default(), Some(usize::from(rank)))
        }
        Grade::Value(_) => ("#".to_owned(), None),
        Grade::Ungraded => ("·".to_owned(), None),
    };
    let graded: Vec<Grade> = timeline.segments.iter().map(|s| s.grade).collect();
    let trend = match graded.as_slice() {
        [.., a, b] if last.grade != Grade::Ungraded => match dataset.scheme(scheme).change(*a, *b) {
            Some(d) if d > 0.0 => "↑",
            Some(d) if d < 0.0 => "↓",
            _ => "→",
        },
        _ => " ",
    };
    Some((glyph, rank, trend))
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let focused = app.focus == Pane::List && matches!(app.mode, Mode::Normal | Mode::Filter);
    let title = format!(" Councils {}/{} ", app.list_position().map_or(0, |p| p + 1), app.visible.len());
    let title = if app.visible.len() == app.dataset.councils.len() {
        title
    } else {
        format!(" Councils {}/{} of {} ", app.list_position().map_or(0, |p| p + 1), app.visible.len(), app.dataset.councils.len())
    };
    let block = Block::default().borders(Borders::ALL).title(title).border_style(theme.border(focused));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let width = usize::from(inner.width);
    let mut y = inner.y;
    if app.mode == Mode::Filter || !app.query.is_empty() {
        let cursor = if app.mode == Mode::Filter { "█" } else { "" };
        buf.set_string(inner.x, y, fit(&format!("/ {}{cursor}", app.query), width), theme.key());
        y += 1;
    }
    let rows = usize::from(inner.bottom().saturating_sub(y));
    if app.visible.is_empty() {
        buf.set_string(inner.x, y, fit("no council matches", width), theme.dim());
        return;
    }
    let position = app.list_position().unwrap_or(0);
    let offset = position.saturating_sub(rows.saturating_sub(1));
    let scheme = main_scheme(&app.dataset);
    for (row, &ix) in app.visible.iter().skip(offset).take(rows).enumerate() {
        let council = &app.dataset.councils[ix];
        let selected = app.selected == Some(ix);
        let line_y = y + row as u16;
        let pointer = if selected { "▶ " } else { "  " };
        let latest = scheme.and_then(|s| latest(&app.dataset, council, s));
        let name = pad(&format!("{pointer}{}", council.name), width.saturating_sub(4));
        let style = if selected { theme.selected(focused) } else { ratatui::style::Style::default() };
        buf.set_string(inner.x, line_y, &name, style);
        if let Some((glyph, rank, trend)) = latest {
            let levels = scheme.map_or(1, |s| app.dataset.scheme(s).levels().len());
            let glyph_style = rank.map_or(theme.dim(), |r| theme.level(r, levels));
            let x = inner.x + inner.width - 4;
            buf.set_string(x, line_y, " ", style);
            buf.set_string(x + 1, line_y, fit(&glyph, 1), glyph_style.patch(if selected { style } else { Default::default() }));
            buf.set_string(x + 2, line_y, format!(" {trend}"), style);
        } else {
            buf.set_string(inner.x + inner.width - 4, line_y, "    ", style);
        }
    }
}
