//! Where each pane goes for a given terminal size: one pure function, used by drawing,
//! by page moves and by mouse hit-testing alike.
//!
//! Wide: list left, chart right above the events. Narrow (under 80 columns): one pane
//! at a time, the focused one, full width. Short (under 24 rows): the events fold away.

use ratatui::layout::Rect;

use crate::app::{App, Mode, Pane};

/// The smallest terminal the explorer draws in; below it a message says so.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// Below this width the list and the chart take turns at the whole screen.
const NARROW: u16 = 80;
/// Below this height the events pane folds away.
const SHORT: u16 = 24;

/// The panes' places. `None` for a pane that is not shown at this size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    pub list: Option<Rect>,
    pub chart: Option<Rect>,
    pub events: Option<Rect>,
    pub footer: Rect,
    pub too_small: bool,
}

impl Layout {
    pub fn new(area: Rect, app: &App) -> Self {
        Self::with_focus(area, app.focus)
    }

    /// The place of `pane`, `None` when it is not shown.
    pub fn area(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::List => self.list,
            Pane::Chart => self.chart,
            Pane::Events => self.events,
        }
    }

    /// The layout with `focus` focused (which pane a narrow screen shows).
    pub fn with_focus(area: Rect, focus: Pane) -> Self {
        let too_small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
        let footer = Rect {
            y: area.bottom().saturating_sub(1),
            height: area.height.min(1),
            ..area
        };
        let body = Rect {
            height: area.height.saturating_sub(1),
            ..area
        };
        if too_small {
            return Self {
                list: None,
                chart: None,
                events: None,
                footer,
                too_small,
            };
        }
        let (list, right) = if area.width < NARROW {
            if focus == Pane::List {
                (Some(body), None)
            } else {
                (None, Some(body))
            }
        } else {
            let list_width = (body.width / 4).clamp(26, 36);
            let list = Rect {
                width: list_width,
                ..body
            };
            (
                Some(list),
                Some(Rect {
                    x: body.x + list_width,
                    width: body.width - list_width,
                    ..body
                }),
            )
        };
        let (chart, events) = match right {
            None => (None, None),
            Some(right) if area.height < SHORT => (Some(right), None),
            Some(right) => {
                let events_height = (right.height / 3).clamp(6, 14);
                let chart = Rect {
                    height: right.height - events_height,
                    ..right
                };
                (
                    Some(chart),
                    Some(Rect {
                        y: chart.bottom(),
                        height: events_height,
                        ..right
                    }),
                )
            }
        };
        Self {
            list,
            chart,
            events,
            footer,
            too_small,
        }
    }
}

/// The room inside a pane's border.
pub fn inner(area: Rect) -> Rect {
    area.inner(ratatui::layout::Margin::new(1, 1))
}

/// The list's filter line shows: while typing a query, or once one is kept.
pub fn filtering(app: &App) -> bool {
    app.mode == Mode::Filter || !app.list.query.is_empty()
}

/// Where the list's rows go inside its border: the first row's y, how many fit, and
/// the first council shown (scrolled so the selected one shows).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListRows {
    pub top: u16,
    pub count: usize,
    pub offset: usize,
}

pub fn list_rows(app: &App, inner: Rect) -> ListRows {
    let top = inner.y + u16::from(filtering(app));
    let count = usize::from(inner.bottom().saturating_sub(top));
    let position = app.list.position().unwrap_or(0);
    ListRows {
        top,
        count,
        offset: position.saturating_sub(count.saturating_sub(1)),
    }
}

/// The council on screen row `y` of the list drawn in `area`, for mouse clicks.
pub fn council_at(app: &App, area: Rect, y: u16) -> Option<usize> {
    let rows = list_rows(app, inner(area));
    let row = usize::from(y.checked_sub(rows.top)?);
    (row < rows.count)
        .then(|| app.list.visible.get(rows.offset + row).copied())
        .flatten()
}

/// The first event shown when `rows` fit: scrolled so the selected one shows.
pub fn events_offset(app: &App, rows: usize) -> usize {
    app.events.selected.saturating_sub(rows.saturating_sub(1))
}

/// The event (index into the selected council's ratings) on screen row `y` of the
/// pane drawn in `area`, for mouse clicks.
pub fn event_at(app: &App, area: Rect, y: u16) -> Option<usize> {
    let inner = inner(area);
    let row = usize::from(y.checked_sub(inner.y)?);
    let count = app
        .list
        .selected
        .map_or(0, |c| app.dataset.councils[c].ratings.len());
    let index = events_offset(app, usize::from(inner.height)) + row;
    (row < usize::from(inner.height) && index < count).then_some(index)
}
