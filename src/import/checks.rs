//! The checks only a CSV needs: a council's later rows agree with its first, each row
//! names its council, its rank and `date_start` agree with its level and date, its
//! value is a number, its source columns name a source, and what the catalogue keeps
//! is what the file says (else a warning). Every rule a RON dataset has too is the
//! loader's, checked on the records the rows make (see `dataset.rs`).

use super::Reader;
use super::columns::{
    CODE, COUNCIL_ID, COUNCIL_NAME, DATE, DATE_START, LEVEL, RANK, REGION, SCHEME_ID, SCHEME_NAME,
    SOURCE_ID, SOURCE_TITLE, SOURCE_URL, VALUE,
};
use super::layout::Row;
use crate::data::Date;
use crate::data::model::Scale;
use crate::export::csv::date_start;

impl Reader<'_> {
    /// A council's later row says what its first row says.
    pub(super) fn agrees(&mut self, row: &Row<'_>, first: &Row<'_>) {
        let id = row.cell(COUNCIL_ID);
        for column in [COUNCIL_NAME, CODE, REGION] {
            let (given, known) = (row.cell(column), first.cell(column));
            if given != known && !(column == COUNCIL_NAME && given.is_empty()) {
                let message = format!(
                    "council \"{id}\" has \"{given}\" here but \"{known}\" on line {}, its first row",
                    first.record.line
                );
                self.problems.push(row.problem(column, message));
            }
        }
    }

    /// The row's own checks, beside the dataset's rules.
    pub(super) fn row(&mut self, row: &Row<'_>) {
        let id = row.cell(COUNCIL_ID);
        if row.cell(COUNCIL_NAME).is_empty() {
            self.problems
                .push(row.problem(COUNCIL_NAME, format!("council \"{id}\" has no name")));
        }
        self.scheme_name(row);
        self.rank(row);
        self.date_start(row);
        self.source(row);
    }

    /// The value cell as a number, reporting text that is not one.
    pub(super) fn value(&mut self, row: &Row<'_>) -> Option<f64> {
        let value = row.cell(VALUE);
        if value.is_empty() {
            return None;
        }
        match value.parse::<f64>() {
            Ok(v) => Some(v),
            Err(_) => {
                let message = format!("\"{value}\" is not a number");
                self.problems.push(row.problem(VALUE, message));
                None
            }
        }
    }

    /// A scheme name unlike the catalogue's: the catalogue's is kept.
    fn scheme_name(&mut self, row: &Row<'_>) {
        let id = row.cell(SCHEME_ID);
        let Some(&scheme) = self.schemes.get(id) else {
            return;
        };
        let given = row.cell(SCHEME_NAME);
        if !given.is_empty() && given != scheme.name {
            let message = format!(
                "\"{given}\" is not the name of scheme \"{id}\" in {}; the dataset keeps \"{}\"",
                self.catalogue_name, scheme.name
            );
            self.warn(row, SCHEME_NAME, id, message);
        }
    }

    /// The rank of the row's level on its scheme's scale (1 = worst), when it gives one.
    fn rank(&mut self, row: &Row<'_>) {
        let (level, rank) = (row.cell(LEVEL), row.cell(RANK));
        if rank.is_empty() {
            return;
        }
        if level.is_empty() {
            let message = "a rank is given but no level";
            self.problems.push(row.problem(RANK, message));
            return;
        }
        let scheme = row.cell(SCHEME_ID);
        // A level the scheme lacks is the dataset checker's to report.
        let Some(Scale::Ordinal(levels)) = self.schemes.get(scheme).map(|s| &s.scale) else {
            return;
        };
        let Some(found) = levels.iter().position(|l| l == level) else {
            return;
        };
        if rank.parse::<usize>().ok() != Some(found + 1) {
            let message = format!(
                "\"{rank}\" is not the rank of \"{level}\", which is {} (1 = worst)",
                found + 1
            );
            self.problems.push(row.problem(RANK, message));
        }
    }

    /// `date` is what is read; a `date_start` beside it must say the same.
    fn date_start(&mut self, row: &Row<'_>) {
        let given = row.cell(DATE_START);
        // A bad date is the dataset checker's to report.
        let Ok(date) = Date::parse(row.cell(DATE)) else {
            return;
        };
        let start = date_start(date);
        if !given.is_empty() && given != start {
            let message =
                format!("\"{given}\" is not the first day of the date {date}, which is {start}");
            self.problems.push(row.problem(DATE_START, message));
        }
    }

    /// A URL or title names a source; one unlike the catalogue's is a warning (the
    /// catalogue's is kept). A source the file makes is checked where it is made.
    fn source(&mut self, row: &Row<'_>) {
        let (id, url, title) = (
            row.cell(SOURCE_ID),
            row.cell(SOURCE_URL),
            row.cell(SOURCE_TITLE),
        );
        if id.is_empty() {
            if !url.is_empty() {
                let message = "a URL is given but no source_id to name its source";
                self.problems.push(row.problem(SOURCE_URL, message));
            }
            if !title.is_empty() {
                let message = "a title is given but no source_id to name its source";
                self.problems.push(row.problem(SOURCE_TITLE, message));
            }
            return;
        }
        let Some(&source) = self.sources.get(id) else {
            return;
        };
        let known = source.url.as_deref().unwrap_or("");
        if !url.is_empty() && url != known {
            let message = format!(
                "\"{url}\" is not the URL of source \"{id}\" in {}; the dataset keeps {}",
                self.catalogue_name,
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    format!("\"{known}\"")
                }
            );
            self.warn(row, SOURCE_URL, id, message);
        }
        if !title.is_empty() && title != source.title {
            let message = format!(
                "\"{title}\" is not the title of source \"{id}\" in {}; the dataset keeps \"{}\"",
                self.catalogue_name, source.title
            );
            self.warn(row, SOURCE_TITLE, id, message);
        }
    }
}
