//! Building the dataset: the catalogue's schemes and sources, sources the file makes,
//! then each row's council and rating.

use std::collections::HashMap;
use std::path::Path;

use super::Reader;
use super::columns::{DATE, DATE_START, NOTE, SOURCE_ID, SOURCE_TITLE, SOURCE_URL};
use super::layout::Row;
use super::records::Record;
use crate::data::Date;
use crate::data::load::Problem;
use crate::data::model::{Dataset, Rating, SchemeIx, Source, SourceIx};
use crate::export::csv::date_start;

/// A source the catalogue lacks, as the file describes it: the first URL and title
/// given, each with the line that gave it.
#[derive(Default)]
struct Made {
    url: Option<(String, usize)>,
    title: Option<(String, usize)>,
}

/// A council's first row, which later rows must agree with.
pub(super) struct FirstRow {
    pub(super) council: usize,
    pub(super) line: usize,
}

impl Reader<'_> {
    pub(super) fn dataset(&mut self, records: &[Record]) -> Dataset {
        let catalogue = self.catalogue;
        let file = Path::new(self.path)
            .file_name()
            .map_or(self.path.into(), |f| f.to_string_lossy());
        let mut description = format!(
            "Built by trajex import from {file}, with schemes, sources and summaries from \"{}\".",
            catalogue.title
        );
        if let Some(more) = &catalogue.description {
            description.push(' ');
            description.push_str(more);
        }
        let mut out = Dataset {
            title: format!("Imported from {file}"),
            description: Some(description),
            schemes: catalogue.schemes.clone(),
            councils: Vec::new(),
            summaries: catalogue.summaries.clone(),
            sources: catalogue.sources.clone(),
        };
        let Some(layout) = self.layout(records.first()) else {
            return out;
        };
        let rows: Vec<Row<'_>> = records[1..]
            .iter()
            .filter(|r| r.cells.iter().any(|c| !c.is_empty()))
            .filter_map(|record| {
                if record.cells.len() == layout.width {
                    return Some(Row {
                        record,
                        layout: &layout,
                    });
                }
                self.problems.push(Problem::error(
                    record.line,
                    1,
                    format!(
                        "this row has {} but the header names {} columns",
                        crate::text::count(record.cells.len(), "cell", "cells"),
                        layout.width
                    ),
                ));
                None
            })
            .collect();
        if rows.is_empty() && self.problems.is_empty() {
            self.problems.push(Problem::error(
                2,
                1,
                "the file holds no ratings, only a header".to_owned(),
            ));
        }

        let schemes: HashMap<&str, SchemeIx> = catalogue
            .schemes
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i as SchemeIx))
            .collect();
        let mut sources: HashMap<String, SourceIx> = catalogue
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i as SourceIx))
            .collect();
        // Sources the catalogue lacks, made from the first URL and the first title the
        // file gives each, so a row may cite one before the rows that describe it.
        let mut made: HashMap<String, Made> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        for row in &rows {
            let (id, url, title) = (
                row.cell(SOURCE_ID),
                row.cell(SOURCE_URL),
                row.cell(SOURCE_TITLE),
            );
            if id.is_empty()
                || (url.is_empty() && title.is_empty())
                || catalogue.sources.iter().any(|s| s.id == id)
            {
                continue;
            }
            let entry = made.entry(id.to_owned()).or_insert_with(|| {
                order.push(id.to_owned());
                Made::default()
            });
            for (column, given, kept) in [
                (SOURCE_URL, url, &mut entry.url),
                (SOURCE_TITLE, title, &mut entry.title),
            ] {
                if given.is_empty() {
                    continue;
                }
                match kept {
                    None => *kept = Some((given.to_owned(), row.record.line)),
                    Some((first, line)) if first != given => {
                        let what = if column == SOURCE_URL { "URL" } else { "title" };
                        let message = format!(
                            "source \"{id}\" was given the {what} \"{first}\" on line {line}"
                        );
                        self.problems.push(row.problem(column, message));
                    }
                    Some(_) => {}
                }
            }
        }
        for id in order {
            let Made { url, title } = made.remove(&id).unwrap_or_default();
            let url = url.map(|(url, _)| url);
            let title = title.map(|(title, _)| title);
            sources.insert(id.clone(), out.sources.len() as SourceIx);
            out.sources.push(Source {
                title: title.or_else(|| url.clone()).unwrap_or_default(),
                id,
                publisher: None,
                date: None,
                url,
            });
        }

        let mut councils: HashMap<String, FirstRow> = HashMap::new();
        let mut dated: HashMap<(usize, SchemeIx, Date), usize> = HashMap::new();
        for row in &rows {
            let council = self.council(row, &mut out, &mut councils);
            let scheme = self.scheme(row, &schemes);
            let date = match Date::parse(row.cell(DATE)) {
                Ok(date) => Some(date),
                Err(e) => {
                    self.problems.push(row.problem(DATE, e));
                    None
                }
            };
            // `date` is what is read; a `date_start` beside it must say the same.
            if let Some(date) = date {
                let (given, start) = (row.cell(DATE_START), date_start(date));
                if !given.is_empty() && given != start {
                    let message = format!(
                        "\"{given}\" is not the first day of the date {date}, which is {start}"
                    );
                    self.problems.push(row.problem(DATE_START, message));
                }
            }
            // A second rating on one date is a problem whatever the two say.
            if let (Some(council), Some(scheme), Some(date)) = (council, scheme, date)
                && let Some(first) = dated.insert((council, scheme, date), row.record.line)
            {
                let message = format!(
                    "council \"{}\" already has a rating in scheme \"{}\" dated {date}, on line {first}",
                    out.councils[council].id,
                    out.scheme(scheme).id
                );
                self.problems.push(row.problem(DATE, message));
            }
            let grade = scheme.and_then(|s| self.grade(row, &out, s));
            let source = self.source(row, &out, &sources);
            let (Some(council), Some(scheme), Some(date), Some(grade), Ok(source)) =
                (council, scheme, date, grade, source)
            else {
                continue;
            };
            out.councils[council].ratings.push(Rating {
                scheme,
                date,
                grade,
                note: row.optional(NOTE),
                source,
            });
        }
        // As loading does, so the dataset reads the same before and after it is written.
        for council in &mut out.councils {
            council
                .ratings
                .sort_by(|a, b| a.date.cmp(&b.date).then(a.scheme.cmp(&b.scheme)));
        }
        out
    }
}
