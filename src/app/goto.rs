//! The date field (`@`): a year, a month or a day typed, and the time cursor (or the
//! popup the field was opened from) moved there. A month or a year is read on its last
//! day, as every reading is (`Date::reading_day`); the date is kept as typed.

use super::field::TextField;
use super::keymap::Intent;
use super::{App, Mode};
use crate::data::Date;

/// The field, and the mode to go back to: the main screen or a popup with a date.
#[derive(Clone, Debug, PartialEq)]
pub struct GoTo {
    pub field: TextField,
    /// The date read now, if any: shown beside the empty field.
    pub now: Option<Date>,
    pub back: Mode,
}

impl App {
    /// Opens an empty date field over the mode in force, which says the date now read.
    pub(super) fn open_go_to(&mut self, current: Option<Date>) {
        let back = std::mem::replace(&mut self.mode, Mode::Normal);
        self.mode = Mode::GoTo(Box::new(GoTo {
            field: TextField::default(),
            now: current,
            back,
        }));
    }

    /// The date field's intents: go, cancel, or edit.
    pub(super) fn go_to_intent(&mut self, mut go: GoTo, intent: Intent) {
        match intent {
            Intent::Close => self.mode = go.back,
            Intent::Go if go.field.value().trim().is_empty() => {
                self.status =
                    Some("Type a year, a month or a day: 2024, 2024-03 or 2024-03-31.".to_owned());
                self.mode = Mode::GoTo(Box::new(go));
            }
            Intent::Go => match Date::parse(go.field.value().trim()) {
                Ok(date) => {
                    self.mode = go.back;
                    self.go_to(date);
                }
                Err(e) => {
                    self.status = Some(format!("Not a date: {e}; the cursor stays."));
                    self.mode = Mode::GoTo(Box::new(go));
                }
            },
            _ => {
                go.field.edit(intent);
                self.mode = Mode::GoTo(Box::new(go));
            }
        }
    }

    /// Moves the time cursor to `date`, and the popup in view with it; a date after the
    /// dataset's last rating is read as things stood then, and the status line says so
    /// (as the command line warns).
    fn go_to(&mut self, date: Date) {
        self.chart.cursor = Some(date);
        if let Some(last) = self.dataset.beyond_data(date) {
            self.status = Some(format!(
                "{date} is after the last rating in this dataset ({last}): read as things stood then."
            ));
        }
        match &self.mode {
            Mode::Context(view) => {
                let (scheme, regions) = (view.scheme, view.regions.is_some());
                self.show_context(scheme, date, regions);
            }
            Mode::Compare(_) => self.open_compare(),
            _ => {}
        }
    }
}
