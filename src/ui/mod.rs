//! Drawing the explorer: one file per pane, all reading `&App`, never changing it.

pub mod chart;
pub mod compare;
pub mod events;
pub mod field;
pub mod list;
pub mod loading;
pub mod popup;
pub mod theme;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::app::keymap::Scope;
use crate::app::layout::{Layout, MIN_HEIGHT, MIN_WIDTH};
use crate::app::{Action, App, Effect, Mode, Pane, keys::parse_keys};
use crate::data::{Dataset, Date};
use crate::text;
use theme::Theme;

/// The whole explorer frame.
pub struct View<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

impl Widget for View<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let View { app, theme } = self;
        let layout = Layout::new(area, app);
        if layout.too_small {
            let message = format!(
                "Terminal too small: {}x{}. trajex needs at least {MIN_WIDTH}x{MIN_HEIGHT}.",
                area.width, area.height
            );
            Paragraph::new(message)
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        if let Some(list) = layout.list {
            list::draw(app, list, buf, theme);
        }
        if let Some(chart) = layout.chart {
            draw_chart(app, chart, buf, theme);
        }
        if let Some(events) = layout.events {
            events::draw(app, events, buf, theme);
        }
        draw_footer(app, layout.footer, buf, theme);
        draw_mode(app, &app.mode, area, buf, theme);
        if app.popup_keys {
            popup::keys(app, app.scope(), area, buf, theme);
        }
    }
}

/// The popup of `mode` over the panes; the date field over the popup it came from.
fn draw_mode(app: &App, mode: &Mode, area: Rect, buf: &mut Buffer, theme: Theme) {
    match mode {
        Mode::Help(scroll) => popup::help(app, *scroll, area, buf, theme),
        Mode::Details(_) | Mode::Council | Mode::Transitions(_) => {
            popup::record(app, mode, app.scroll, area, buf, theme)
        }
        Mode::Export(dialog) => {
            // A popup's table is exported over the popup, which shows what is written.
            if let Some(back) = &dialog.back {
                draw_mode(app, back, area, buf, theme);
            }
            popup::export(app, dialog, area, buf, theme);
        }
        Mode::Context(view) if view.regions.is_none() => {
            popup::context(app, view, area, buf, theme)
        }
        Mode::Context(view) => popup::regions(app, view, area, buf, theme),
        Mode::Compare(view) => compare::draw(app, view, area, buf, theme),
        Mode::GoTo(go) => {
            draw_mode(app, &go.back, area, buf, theme);
            compare::go_to(go, area, buf, theme);
        }
        Mode::Normal | Mode::Filter => {}
    }
}

fn draw_chart(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let focused = app.focus == Pane::Chart && app.mode == Mode::Normal;
    let council = app.list.selected.map(|i| &app.dataset.councils[i]);
    let title = match council {
        Some(c) => {
            // The region gives way first, then the code: a code is never cut, which
            // would make it another council's.
            let join = |parts: &[Option<&str>]| {
                parts
                    .iter()
                    .flatten()
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" · ")
            };
            let (name, region, code) = (
                Some(c.name.as_str()),
                c.region.as_deref(),
                c.code.as_deref(),
            );
            let choices = [
                join(&[name, region, code]),
                join(&[name, code]),
                join(&[name]),
            ];
            let room = usize::from(area.width).saturating_sub(4);
            format!(" {} ", text::fit_first(&choices, room))
        }
        None => " No council ".to_owned(),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .border_style(theme.border(focused));
    let inner = block.inner(area);
    block.render(area, buf);
    if council.is_none() {
        return;
    }
    let strips = app.strips();
    if strips.is_empty() {
        buf.set_string(inner.x, inner.y, "no ratings for this council", theme.dim());
        return;
    }
    let model =
        crate::chart::Chart::with_strips(&app.dataset, &app.list.shown(), &strips, app.today);
    chart::ChartView {
        dataset: &app.dataset,
        chart: &model,
        pins: &app.list.pins,
        selected: (app.focus == Pane::Chart).then_some(app.chart.strip),
        cursor: app.chart.cursor,
        zoom: app.chart.zoom,
        theme,
    }
    .render(inner, buf);
}

/// The footer: the last message until the user moves on, else the hints of the mode
/// in force, drawn from its key table. When they do not fit, the least important go
/// first; help and quit (in a popup: close and quit) stay longest.
fn draw_footer(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    if let Some(status) = &app.status {
        buf.set_string(
            area.x,
            area.y,
            text::fit(&format!(" {status}"), usize::from(area.width)),
            theme.key(),
        );
        return;
    }
    let line = hint_line(app, app.scope(), usize::from(area.width), theme);
    line.render(area, buf);
}

/// The hints of `scope`'s keys as one line of at most `width` columns, the least
/// important dropped first.
pub fn hint_line(app: &App, scope: Scope, width: usize, theme: Theme) -> Line<'static> {
    use unicode_width::UnicodeWidthStr;
    let mut hints = app.keymap.hints(scope);
    if let Some(what) = scope.typing() {
        hints.insert(0, ("type".to_owned(), what, 3));
    }
    let shown = |hints: &[(String, &str, u8)]| -> usize {
        hints
            .iter()
            .map(|(k, w, _)| k.width() + w.width() + 3)
            .sum()
    };
    while shown(&hints) > width && !hints.is_empty() {
        // The least important; of equals, the rightmost. Whole hints go, never half.
        let drop = hints
            .iter()
            .enumerate()
            .max_by_key(|(i, h)| (h.2, *i))
            .map_or(0, |(i, _)| i);
        hints.remove(drop);
    }
    let spans: Vec<Span> = hints
        .into_iter()
        .flat_map(|(keys, word, _)| {
            [
                Span::styled(format!(" {keys}"), theme.key()),
                Span::raw(format!(" {word} ")),
            ]
        })
        .collect();
    Line::from(spans)
}

/// A buffer's text, one line per row, trailing spaces trimmed, no escape codes. A wide
/// character covers the cell after it, as on a terminal, so columns stay aligned.
pub fn buffer_text(buf: &Buffer) -> String {
    use unicode_width::UnicodeWidthStr;
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut covered = 0;
        for x in area.left()..area.right() {
            if covered > 0 {
                covered -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            covered = symbol.width().saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Draws `app` into a `width` x `height` buffer.
pub fn draw_to_buffer(app: &App, width: u16, height: u16, theme: Theme) -> Buffer {
    let mut terminal = match Terminal::new(TestBackend::new(width, height)) {
        Ok(t) => t,
        Err(never) => match never {},
    };
    let drawn = terminal.draw(|frame| frame.render_widget(View { app, theme }, frame.area()));
    match drawn {
        Ok(_) => terminal.backend().buffer().clone(),
        Err(never) => match never {},
    }
}

/// Feeds `keys` to `app` at a `width` x `height` terminal, stopping at a quit;
/// effects such as exports are not carried out.
pub fn feed_keys(app: &mut App, width: u16, height: u16, keys: &str) -> Result<(), String> {
    app.update(Action::Resize(width, height));
    for key in parse_keys(keys)? {
        if app.press(key).contains(&Effect::Quit) {
            break;
        }
    }
    Ok(())
}

/// A fresh explorer on `dataset` after `keys` (the default key bindings).
pub fn app_after_keys(
    dataset: Dataset,
    today: Date,
    width: u16,
    height: u16,
    keys: &str,
) -> Result<App, String> {
    let mut app = App::new(dataset, today);
    feed_keys(&mut app, width, height, keys)?;
    Ok(app)
}

/// `trajex render`: the frame of `app` after `keys`, as plain text lines.
pub fn render_command(
    app: &mut App,
    width: u16,
    height: u16,
    keys: &str,
) -> Result<String, String> {
    feed_keys(app, width, height, keys)?;
    Ok(buffer_text(&draw_to_buffer(
        app,
        width,
        height,
        Theme::MONO,
    )))
}

/// A council's timeline charts as plain text, `width` columns wide (for `show`), every
/// sub-judgement unfolded, ratings still in force drawn to `today`.
pub fn chart_text(dataset: &Dataset, council: usize, width: u16, today: Date) -> String {
    let model = crate::chart::Chart::new(
        dataset,
        &[council],
        &crate::chart::Choice::everything(),
        today,
    );
    chart::plain(dataset, &model, width)
}
