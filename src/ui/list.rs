//! The council list: the live filter line, then one row per council with the latest
//! grade of the main scheme as a glyph and its trend.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Widget};

use super::text::{fit, pad};
use super::theme::Theme;
use crate::app::index::RowGrade;
use crate::app::{App, Mode, Pane, Sort};
use crate::data::model::{Dataset, SchemeIx};

/// The scheme whose latest grade the list shows: Ofsted's overall effectiveness when
/// the dataset has it, else the first top-level scheme.
pub fn main_scheme(dataset: &Dataset) -> Option<SchemeIx> {
    dataset.scheme_by_id("ofsted-cs").or_else(|| {
        dataset
            .schemes
            .iter()
            .position(|s| s.parent.is_none())
            .map(|i| i as SchemeIx)
    })
}

/// Where the rows go: the first row's y, how many fit, and the first council shown.
struct Rows {
    top: u16,
    count: usize,
    offset: usize,
}

fn block(app: &App) -> Block<'static> {
    let position = app.list_position().map_or(0, |p| p + 1);
    let mut title = format!(" Councils {position}/{}", app.visible.len());
    if app.visible.len() != app.dataset.councils.len() {
        title.push_str(&format!(" of {}", app.dataset.councils.len()));
    }
    let mut bottom = Vec::new();
    if let Some(region) = &app.region {
        bottom.push(region.clone());
    }
    if app.sort != Sort::Name {
        bottom.push(app.sort.label().to_owned());
    }
    if !app.pins.is_empty() {
        bottom.push(format!("{} pinned", app.pins.len()));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!("{title} "));
    if bottom.is_empty() {
        block
    } else {
        block.title_bottom(format!(" {} ", bottom.join(" · ")))
    }
}

fn filtering(app: &App) -> bool {
    app.mode == Mode::Filter || !app.query.is_empty()
}

fn rows(app: &App, inner: Rect) -> Rows {
    let top = inner.y + u16::from(filtering(app));
    let count = usize::from(inner.bottom().saturating_sub(top));
    let position = app.list_position().unwrap_or(0);
    Rows {
        top,
        count,
        offset: position.saturating_sub(count.saturating_sub(1)),
    }
}

/// The council on screen row `y` of the list drawn in `area`, for mouse clicks.
pub fn council_at(app: &App, area: Rect, y: u16) -> Option<usize> {
    let rows = rows(app, block(app).inner(area));
    let row = usize::from(y.checked_sub(rows.top)?);
    (row < rows.count)
        .then(|| app.visible.get(rows.offset + row).copied())
        .flatten()
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let focused = app.focus == Pane::List && matches!(app.mode, Mode::Normal | Mode::Filter);
    let block = block(app).border_style(theme.border(focused));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let width = usize::from(inner.width);
    if filtering(app) {
        let cursor = if app.mode == Mode::Filter { "█" } else { "" };
        buf.set_string(
            inner.x,
            inner.y,
            fit(&format!("/ {}{cursor}", app.query), width),
            theme.key(),
        );
    }
    let Rows {
        top: y,
        count: rows,
        offset,
    } = rows(app, inner);
    if app.visible.is_empty() {
        buf.set_string(inner.x, y, fit("no council matches", width), theme.dim());
        return;
    }
    let scheme = app.index.main_scheme;
    for (row, &ix) in app.visible.iter().skip(offset).take(rows).enumerate() {
        let council = &app.dataset.councils[ix];
        let selected = app.selected == Some(ix);
        let line_y = y + row as u16;
        let pin = app.pins.iter().position(|&p| p == ix).map(|k| theme.pin(k));
        let pointer = match (selected, pin) {
            (true, _) => "▶ ".to_owned(),
            (false, Some((mark, _))) => format!("{mark} "),
            (false, None) => "  ".to_owned(),
        };
        let latest = app.index.rows.get(ix).copied().flatten();
        let name = pad(
            &format!("{pointer}{}", council.name),
            width.saturating_sub(4),
        );
        let style = if selected {
            theme.selected(focused)
        } else {
            ratatui::style::Style::default()
        };
        buf.set_stringn(inner.x, line_y, &name, width.saturating_sub(4), style);
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
