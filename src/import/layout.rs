//! The header row: which of the export's columns the file has, and where; data rows
//! read through it.

use super::Reader;
use super::columns::{REQUIRED, UNQUOTED};
use super::records::Record;
use crate::data::load::Problem;
use crate::export::csv::{COLUMNS, restore};

/// Where each of the export's columns sits in this file.
pub(super) struct Layout {
    pub(super) fields: [Option<usize>; COLUMNS.len()],
    pub(super) width: usize,
}

/// One data row, read through the header's layout.
pub(super) struct Row<'r> {
    pub(super) record: &'r Record,
    pub(super) layout: &'r Layout,
}

impl<'r> Row<'r> {
    /// The cell as the dataset holds it: an export's formula neutralisation undone.
    pub(super) fn cell(&self, column: usize) -> &'r str {
        match self.layout.fields[column] {
            Some(field) if UNQUOTED.contains(&column) => &self.record.cells[field],
            Some(field) => restore(&self.record.cells[field]),
            None => "",
        }
    }

    pub(super) fn optional(&self, column: usize) -> Option<String> {
        Some(self.cell(column))
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
    }

    pub(super) fn problem(&self, column: usize, message: impl std::fmt::Display) -> Problem {
        let field = self.layout.fields[column].unwrap_or(0);
        Problem {
            column: Some(COLUMNS[column].into()),
            ..Problem::error(self.record.line_of(field), field + 1, message.to_string())
        }
    }
}

impl Reader<'_> {
    /// The header row's layout: every column named once, none unknown, the required
    /// ones present.
    pub(super) fn layout(&mut self, header: Option<&Record>) -> Option<Layout> {
        let Some(header) = header else {
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
            width: header.cells.len(),
        };
        for (field, name) in header.cells.iter().enumerate() {
            let at = |message: String| Problem::error(header.line_of(field), field + 1, message);
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
