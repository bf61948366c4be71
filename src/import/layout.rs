//! The header row: which of the export's columns the file has, and where; data rows
//! read through it, and the cells' places for the dataset checker.

use super::Reader;
use super::columns::{REQUIRED, UNQUOTED, VALUE};
use super::records::{Record, Sheet};
use crate::data::load::{At, Locate, Place, Problem};
use crate::data::raw::Text;
use crate::export::csv::{COLUMNS, restore};

/// Where each of the export's columns sits in this file.
pub(super) struct Layout {
    pub(super) fields: [Option<usize>; COLUMNS.len()],
    pub(super) width: usize,
}

impl Layout {
    /// The export's name for the column at place `field` of a row.
    fn name_of(&self, field: usize) -> Option<&'static str> {
        let column = self.fields.iter().position(|&f| f == Some(field))?;
        Some(COLUMNS[column])
    }
}

/// One data row, read through the header's layout.
#[derive(Clone, Copy)]
pub(super) struct Row<'r> {
    pub(super) record: &'r Record,
    pub(super) sheet: &'r Sheet,
    pub(super) layout: &'r Layout,
}

impl<'r> Row<'r> {
    /// The cell as the dataset holds it: an export's formula neutralisation undone.
    pub(super) fn cell(&self, column: usize) -> &'r str {
        match self.layout.fields[column] {
            Some(field) if UNQUOTED.contains(&column) => self.sheet.cell(self.record, field),
            Some(field) => restore(self.sheet.cell(self.record, field)),
            None => "",
        }
    }

    /// The cell as a record's text, `None` when it is empty.
    pub(super) fn text(&self, column: usize) -> Option<Text<'r>> {
        Some(self.cell(column))
            .filter(|c| !c.is_empty())
            .map(Text::from)
    }

    /// A problem with the cell in `column`, which the file has.
    pub(super) fn problem(&self, column: usize, message: impl std::fmt::Display) -> Problem {
        let field = self.layout.fields[column].unwrap_or(0);
        Problem {
            column: Some(COLUMNS[column].into()),
            ..Problem::error(
                self.sheet.line_of(self.record, field),
                field + 1,
                message.to_string(),
            )
        }
    }
}

/// The places of a CSV's cells, for the dataset checker: a place is a cell's number.
pub(super) struct Cells<'s> {
    pub(super) sheet: &'s Sheet,
    pub(super) layout: &'s Layout,
}

impl Locate for Cells<'_> {
    fn at(&self, s: &str) -> At {
        At(self.sheet.find(s))
    }

    /// The value cell of the rating's row, when the file has the column.
    fn value_of(&self, scheme: At) -> At {
        match (scheme.0, self.layout.fields[VALUE]) {
            (Some(cell), Some(field)) => At(Some(self.sheet.sibling(cell, field))),
            _ => scheme,
        }
    }

    fn place(&self, at: At) -> Place {
        match at.0 {
            Some(cell) => {
                let (line, field) = self.sheet.position(cell);
                Place {
                    line,
                    col: field + 1,
                    column: self.layout.name_of(field),
                }
            }
            None => Place {
                line: 1,
                col: 1,
                column: None,
            },
        }
    }
}

impl Reader<'_> {
    /// The header row's layout: every column named once, none unknown, the required
    /// ones present.
    pub(super) fn layout(&mut self, sheet: &Sheet) -> Option<Layout> {
        let Some(header) = sheet.records.first() else {
            self.problems.push(Problem::error(
                1,
                1,
                format!(
                    "the file is empty: its first row must name the columns {}",
                    COLUMNS.join(",")
                ),
            ));
            return None;
        };
        let mut layout = Layout {
            fields: [None; COLUMNS.len()],
            width: sheet.width(header),
        };
        for (field, name) in sheet.cells(header).enumerate() {
            let at =
                |message: String| Problem::error(sheet.line_of(header, field), field + 1, message);
            match COLUMNS
                .iter()
                .position(|c| c.eq_ignore_ascii_case(name.trim()))
            {
                Some(column) if layout.fields[column].is_some() => {
                    self.problems.push(at(format!(
                        "the header names column {} twice",
                        COLUMNS[column]
                    )));
                }
                Some(column) => layout.fields[column] = Some(field),
                None => self.problems.push(at(format!(
                    "the header names an unknown column \"{name}\"; the columns are {}",
                    COLUMNS.join(", ")
                ))),
            }
        }
        let missing: Vec<&str> = REQUIRED
            .iter()
            .filter(|&&c| layout.fields[c].is_none())
            .map(|&c| COLUMNS[c])
            .collect();
        if !missing.is_empty() {
            self.problems.push(Problem::error(
                header.line,
                1,
                format!(
                    "the header lacks the column{} {}",
                    if missing.len() == 1 { "" } else { "s" },
                    missing.join(", ")
                ),
            ));
            return None;
        }
        Some(layout)
    }
}
