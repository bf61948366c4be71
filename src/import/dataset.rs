//! Building the dataset: the rows made into the records a RON file holds (the
//! catalogue's schemes, summaries and sources, sources the file makes, each row's
//! council and rating), then checked by the loader's own rules.

use std::collections::HashMap;
use std::path::Path;

use super::Reader;
use super::columns::{
    CODE, COUNCIL_ID, COUNCIL_NAME, DATE, LEVEL, NOTE, REGION, SCHEME_ID, SOURCE_ID, SOURCE_TITLE,
    SOURCE_URL,
};
use super::layout::{Cells, Layout, Row};
use super::records::Sheet;
use crate::data::load::{self, Definitions, Problem};
use crate::data::model::Dataset;
use crate::data::raw::{RawCouncil, RawRating, RawSource, Text};

/// A source the catalogue lacks, as the file describes it: the first URL and title
/// given, each with the line that gave it.
#[derive(Default)]
struct Made<'r> {
    url: Option<(&'r str, usize)>,
    title: Option<(&'r str, usize)>,
}

impl Reader<'_> {
    /// The dataset the file's rows make, when every row is sound.
    pub(super) fn dataset(&mut self, sheet: &Sheet) -> Option<Dataset> {
        let layout = self.layout(sheet)?;
        let rows = self.rows(sheet, &layout);
        let made = self.made_sources(&rows);
        let councils = self.councils(&rows);

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
        let mut raw = crate::export::catalogue_records(catalogue);
        raw.title = Text(format!("Imported from {file}").into());
        raw.description = Some(Text(description.into()));
        raw.councils = councils;
        raw.sources.extend(made);

        // A file without the source_title column is told only of the column it has.
        let columns = if layout.fields[SOURCE_TITLE].is_some() {
            "source_url or source_title"
        } else {
            "source_url"
        };
        let defined = Definitions {
            schemes: self.catalogue_name.to_owned().into(),
            sources: format!(
                "{} and no row gives its {columns} to make one from",
                self.catalogue_name
            )
            .into(),
            list_schemes: true,
        };
        let cells = Cells {
            sheet,
            layout: &layout,
        };
        // The checker's warnings are `check`'s to give (a rating that names no source
        // is allowed): the import reports what is wrong with the file.
        match load::check_records(raw, &cells, &defined) {
            Ok((dataset, _)) => Some(dataset),
            Err(problems) => {
                self.problems.extend(problems);
                None
            }
        }
    }

    /// The data rows: blank ones skipped, ones of the wrong width reported.
    fn rows<'r>(&mut self, sheet: &'r Sheet, layout: &'r Layout) -> Vec<Row<'r>> {
        let rows: Vec<Row<'r>> = sheet.records[1..]
            .iter()
            .filter(|r| sheet.cells(r).any(|c| !c.is_empty()))
            .filter_map(|record| {
                let width = sheet.width(record);
                if width == layout.width {
                    return Some(Row {
                        record,
                        sheet,
                        layout,
                    });
                }
                self.problems.push(Problem::error(
                    record.line,
                    1,
                    format!(
                        "this row has {} but the header names {} columns",
                        crate::text::count(width, "cell", "cells"),
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
        rows
    }

    /// Sources the catalogue lacks, made from the first URL and the first title the
    /// file gives each, so a row may cite one before the rows that describe it.
    fn made_sources<'r>(&mut self, rows: &[Row<'r>]) -> Vec<RawSource<'r>> {
        let mut made: HashMap<&str, Made<'r>> = HashMap::new();
        let mut order: Vec<&'r str> = Vec::new();
        for row in rows {
            let (id, url, title) = (
                row.cell(SOURCE_ID),
                row.cell(SOURCE_URL),
                row.cell(SOURCE_TITLE),
            );
            if id.is_empty()
                || (url.is_empty() && title.is_empty())
                || self.sources.contains_key(id)
            {
                continue;
            }
            let entry = made.entry(id).or_insert_with(|| {
                order.push(id);
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
                    None => *kept = Some((given, row.record.line)),
                    Some((first, line)) if *first != given => {
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
        order
            .into_iter()
            .map(|id| {
                let Made { url, title } = made.remove(id).unwrap_or_default();
                let url = url.map(|(url, _)| Text::from(url));
                let title = title.map(|(title, _)| Text::from(title));
                RawSource {
                    id: Text::from(id),
                    title: title.or_else(|| url.clone()).unwrap_or(Text::from("")),
                    publisher: None,
                    date: None,
                    url,
                }
            })
            .collect()
    }

    /// The councils, in the order they first appear, each made from its first row and
    /// holding a rating for each of its rows.
    fn councils<'r>(&mut self, rows: &[Row<'r>]) -> Vec<RawCouncil<'r>> {
        let mut councils: Vec<RawCouncil<'r>> = Vec::new();
        let mut first: HashMap<&str, (usize, Row<'r>)> = HashMap::new();
        for row in rows {
            let id = row.cell(COUNCIL_ID);
            let council = match first.get(id) {
                Some(&(council, first)) => {
                    self.agrees(row, &first);
                    council
                }
                None => {
                    first.insert(id, (councils.len(), *row));
                    councils.push(RawCouncil {
                        id: Text::from(id),
                        name: Text::from(row.cell(COUNCIL_NAME)),
                        code: row.text(CODE),
                        aliases: Vec::new(),
                        region: row.text(REGION),
                        kind: None,
                        neighbours: Vec::new(),
                        succeeded_by: Vec::new(),
                        ended: None,
                        ratings: Vec::new(),
                    });
                    councils.len() - 1
                }
            };
            self.row(row);
            councils[council].ratings.push(RawRating {
                scheme: Text::from(row.cell(SCHEME_ID)),
                date: Text::from(row.cell(DATE)),
                level: row.text(LEVEL),
                value: self.value(row),
                note: row.text(NOTE),
                source: row.text(SOURCE_ID),
            });
        }
        councils
    }
}
