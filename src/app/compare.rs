//! The compare popup (`c`): the selected and pinned councils as rows, each scheme as a
//! column, read at the cursor's date (today with no cursor): level, since when, rank
//! band. Its state, its keys and its geometry live here; `ui::compare` draws it.

use super::keymap::Intent;
use super::{App, Mode, TableExport};
use crate::data::compare::Compare;

/// Columns a council's name takes (cut with `…`).
pub const NAME_WIDTH: usize = 18;
/// Columns a scheme's column takes, its gap included.
pub const COLUMN_WIDTH: usize = 26;
/// Lines a council's row takes: level, since when, rank band, percentile.
pub const ROW_LINES: usize = 4;
/// Lines above the rows inside the box: the title, where the view is, the column
/// heads (the scheme's id, then its name).
const HEAD_LINES: usize = 4;

/// The table on screen and how far it is scrolled, down (councils) and across
/// (scheme columns).
#[derive(Clone, Debug, PartialEq)]
pub struct CompareView {
    pub table: Compare,
    /// The first council row shown.
    pub row: usize,
    /// The first scheme column shown.
    pub column: usize,
}

/// The box the popup takes on a `width` x `height` screen, the footer's row left free:
/// its outer width and height.
pub fn box_size(width: u16, height: u16, schemes: usize) -> (u16, u16) {
    let wanted = 2 + 1 + NAME_WIDTH + schemes.max(1) * COLUMN_WIDTH;
    let width = u16::try_from(wanted).unwrap_or(u16::MAX).min(width);
    (width, height.saturating_sub(1))
}

/// How many scheme columns and council rows fit in a box of that outer size.
pub fn fits(width: u16, height: u16) -> (usize, usize) {
    let inner_w = usize::from(width.saturating_sub(2));
    let inner_h = usize::from(height.saturating_sub(2));
    let columns = (inner_w.saturating_sub(1 + NAME_WIDTH) / COLUMN_WIDTH).max(1);
    // One line below the rows says where the view is when it does not show them all.
    let rows = (inner_h.saturating_sub(HEAD_LINES + 1) / ROW_LINES).max(1);
    (columns, rows)
}

impl App {
    /// Opens the compare table of the councils the chart shows, at the cursor's date.
    pub(super) fn open_compare(&mut self) {
        let councils = self.list.shown();
        if councils.is_empty() {
            self.status = Some("No council selected: nothing to compare.".to_owned());
            return;
        }
        let schemes: Vec<_> =
            crate::chart::strips(&self.dataset, &councils, &crate::chart::Choice::default())
                .into_iter()
                .map(|s| s.scheme)
                .collect();
        if schemes.is_empty() {
            self.status = Some("The shown councils have no ratings to compare.".to_owned());
            return;
        }
        let date = self.chart.cursor.unwrap_or(self.today);
        let table = Compare::new(
            &self.dataset,
            &councils,
            &schemes,
            self.index.main_scheme,
            date,
        );
        // Moving the date keeps where the user had scrolled to.
        let (row, column) = match &self.mode {
            Mode::Compare(view) => (view.row, view.column),
            _ => (0, 0),
        };
        let mut view = CompareView { table, row, column };
        self.clamp_compare(&mut view);
        self.mode = Mode::Compare(Box::new(view));
    }

    /// Keeps the view's scroll inside the table at the screen's size.
    fn clamp_compare(&self, view: &mut CompareView) {
        let (w, h) = box_size(self.size.0, self.size.1, view.table.schemes.len());
        let (columns, rows) = fits(w, h);
        view.row = view.row.min(view.table.rows.len().saturating_sub(rows));
        view.column = view
            .column
            .min(view.table.schemes.len().saturating_sub(columns));
    }

    /// The compare popup's intents.
    pub(super) fn compare_intent(&mut self, mut view: CompareView, intent: Intent) {
        let (w, h) = box_size(self.size.0, self.size.1, view.table.schemes.len());
        let (_, page) = fits(w, h);
        match intent {
            Intent::Close => {
                self.mode = Mode::Normal;
                return;
            }
            Intent::Help => self.popup_keys = true,
            Intent::Up => view.row = view.row.saturating_sub(1),
            Intent::Down => view.row += 1,
            Intent::PageUp => view.row = view.row.saturating_sub(page),
            Intent::PageDown => view.row += page,
            Intent::ColumnLeft => view.column = view.column.saturating_sub(1),
            Intent::ColumnRight => view.column += 1,
            Intent::Earlier | Intent::Later => {
                self.mode = Mode::Compare(Box::new(view));
                self.move_cursor(if intent == Intent::Later { 1 } else { -1 });
                self.open_compare();
                return;
            }
            Intent::GoTo => {
                let date = view.table.date;
                self.mode = Mode::Compare(Box::new(view));
                self.open_go_to(Some(date));
                return;
            }
            Intent::Export => {
                let table = TableExport::Compare(Box::new(view.table.clone()));
                self.mode = Mode::Compare(Box::new(view));
                self.open_table_export(table);
                return;
            }
            _ => {}
        }
        self.clamp_compare(&mut view);
        self.mode = Mode::Compare(Box::new(view));
    }
}
