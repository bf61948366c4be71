//! The national context popup (`n`): its keys (dates by rating change, month and year,
//! a typed date; nation-wide or by region; scrolling; exporting its table) beside its
//! state, [`ContextView`].

use super::keymap::Intent;
use super::{App, ContextView, Mode, TableExport};
use crate::data::Date;
use crate::data::date::Precision;
use crate::data::model::SchemeIx;

impl App {
    /// The national context popup's intents.
    pub(super) fn context_intent(&mut self, mut view: ContextView, intent: Intent) {
        let (scheme, date, by_region) = (view.scheme, view.date, view.regions.is_some());
        let page = usize::from(self.size.1.saturating_sub(4)).max(1);
        match intent {
            Intent::Close => self.mode = Mode::Normal,
            Intent::Help => self.popup_keys = true,
            Intent::Earlier | Intent::Later => {
                let later = intent == Intent::Later;
                match self.change_date(scheme, date, later) {
                    Some(next) => self.show_context(scheme, next, by_region),
                    None => {
                        let way = if later { "after" } else { "before" };
                        self.mode = Mode::Context(Box::new(view));
                        self.status =
                            Some(format!("No rating in this scheme changed {way} {date}."));
                    }
                }
            }
            Intent::MonthBefore | Intent::MonthAfter | Intent::YearBefore | Intent::YearAfter => {
                let months = match intent {
                    Intent::MonthBefore => -1,
                    Intent::MonthAfter => 1,
                    Intent::YearBefore => -12,
                    _ => 12,
                };
                self.show_context(scheme, shift_months(date, months), by_region);
            }
            Intent::GoTo => {
                self.mode = Mode::Context(Box::new(view));
                self.open_go_to(Some(date));
            }
            Intent::ByRegion => self.show_context(scheme, date, !by_region),
            Intent::Export => {
                self.mode = Mode::Context(Box::new(view));
                self.open_table_export(TableExport::Context { scheme, date });
            }
            Intent::Up
            | Intent::Down
            | Intent::PageUp
            | Intent::PageDown
            | Intent::Top
            | Intent::Bottom => {
                view.scroll = match intent {
                    Intent::Up => view.scroll.saturating_sub(1),
                    Intent::Down => view.scroll + 1,
                    Intent::PageUp => view.scroll.saturating_sub(page),
                    Intent::PageDown => view.scroll + page,
                    Intent::Top => 0,
                    _ => usize::MAX,
                };
                // The drawing stops at the last line; this keeps `↑` from having to
                // climb back from far past it.
                view.scroll = view.scroll.min(context_lines_at_most(self, &view));
                self.mode = Mode::Context(Box::new(view));
            }
            _ => self.mode = Mode::Context(Box::new(view)),
        }
    }

    /// Counts the national context of `scheme` at `date` (and region by region when
    /// asked) once, and shows it.
    pub(super) fn show_context(&mut self, scheme: SchemeIx, date: Date, by_region: bool) {
        use crate::data::context::{Report, by_region as regions};
        self.mode = Mode::Context(Box::new(ContextView {
            scheme,
            date,
            report: Report::at(&self.dataset, scheme, date),
            regions: by_region.then(|| regions(&self.dataset, scheme, date)),
            scroll: 0,
        }));
    }

    /// The date before (or after) `date` on which any council's rating in `scheme`
    /// changed: so the national picture can be watched moving.
    fn change_date(&self, scheme: SchemeIx, date: Date, later: bool) -> Option<Date> {
        let day = date.first_day();
        let dates = self
            .dataset
            .councils
            .iter()
            .flat_map(|c| &c.ratings)
            .filter(|r| r.scheme == scheme)
            .map(|r| r.date);
        if later {
            dates
                .filter(|d| d.first_day() > day)
                .min_by_key(|d| d.first_day())
        } else {
            dates
                .filter(|d| d.first_day() < day)
                .max_by_key(|d| d.first_day())
        }
    }
}

/// The most lines the context popup can have: every published figure wrapped three
/// times, every level and shown council, the title, tally, notes and blank lines.
fn context_lines_at_most(app: &App, view: &ContextView) -> usize {
    let regions = view.regions.as_ref().map_or(0, Vec::len);
    3 * view.report.published.len()
        + view.report.levels.len()
        + app.list.shown().len()
        + regions
        + 16
}

/// `date` moved by `months`, at its own precision: a day keeps its day (the month's
/// last when the month is shorter), a month stays a month, and a year moved by less
/// than a year becomes the month it is read in (December) moved.
pub fn shift_months(date: Date, months: i32) -> Date {
    let (year, month, day) = match date.precision() {
        Precision::Year if months % 12 == 0 => {
            let year = i32::from(date.year_number()) + months / 12;
            return Date::year(year.clamp(1, 9999) as u16);
        }
        Precision::Year => (i32::from(date.year_number()), 12, None),
        Precision::Month => {
            let last = date.reading_day();
            (
                i32::from(date.year_number()),
                i32::from(last.month_number()),
                None,
            )
        }
        Precision::Day => (
            i32::from(date.year_number()),
            i32::from(date.month_number()),
            Some(date.day_number()),
        ),
    };
    let index = year * 12 + (month - 1) + months;
    let (year, month) = (
        index.div_euclid(12).clamp(1, 9999) as u16,
        (index.rem_euclid(12) + 1) as u8,
    );
    match day {
        None => Date::month_start(year, month),
        Some(day) => (1..=day)
            .rev()
            .find_map(|d| Date::ymd(year, month, d))
            .unwrap_or_else(|| Date::month_start(year, month)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn a_date_moves_by_months_and_years_at_its_own_precision() {
        assert_eq!(shift_months(d("2024-03-31"), -1), d("2024-02-29"));
        assert_eq!(shift_months(d("2024-01-15"), -1), d("2023-12-15"));
        assert_eq!(shift_months(d("2024-03"), 12), d("2025-03"));
        assert_eq!(shift_months(d("2024-12"), 1), d("2025-01"));
        assert_eq!(shift_months(d("2024"), -12), d("2023"));
        assert_eq!(shift_months(d("2024"), 1), d("2025-01"));
        assert_eq!(shift_months(d("2024-02-29"), 12), d("2025-02-28"));
    }
}
