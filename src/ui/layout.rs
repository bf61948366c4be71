//! Where each pane goes for a given terminal size: one pure function, used by drawing
//! and by the app's page moves alike.

use ratatui::layout::Rect;

use crate::app::App;

/// The smallest terminal the explorer draws in; below it a message says so.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// The panes' places. `None` for a pane that does not fit at this size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    pub list: Option<Rect>,
    pub chart: Rect,
    pub events: Option<Rect>,
    pub footer: Rect,
    pub too_small: bool,
}

impl Layout {
    pub fn new(area: Rect, _app: &App) -> Self {
        let too_small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
        let footer = Rect { y: area.bottom().saturating_sub(1), height: area.height.min(1), ..area };
        let body = Rect { height: area.height.saturating_sub(1), ..area };
        let list_width = (body.width / 4).clamp(26, 36).min(body.width);
        let list = Rect { width: list_width, ..body };
        let right = Rect { x: body.x + list_width, width: body.width - list_width, ..body };
        let events_height = if right.height >= 22 { (right.height / 3).clamp(6, 14) } else { 0 };
        let chart = Rect { height: right.height - events_height, ..right };
        let events = Rect { y: chart.bottom(), height: events_height, ..right };
        Self {
            list: Some(list),
            chart,
            events: (events_height > 0).then_some(events),
            footer,
            too_small,
        }
    }
}
