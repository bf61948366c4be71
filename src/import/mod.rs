//! `import`: the tidy CSV that `export --format csv` writes, read back into a dataset.
//! Councils and ratings come from the rows; schemes, sources and national summaries come
//! by id from a catalogue dataset (a `--schemes` file, else the dataset in use).
//!
//! The rows become the records a RON file holds ([`RawDataset`](crate::data::raw::RawDataset)),
//! borrowing the CSV's cells, and the loader's checker checks them: a rule a RON
//! dataset has is checked once, in `data::load`, and worded the same for both. Each
//! problem is placed at its CSV cell (`layout::Cells` tells the checker where a cell
//! sits). Only what a RON file cannot say is checked here (`checks.rs`, the header in
//! `layout.rs`): a council's rows agreeing, ranks, `date_start`, source columns, and
//! where the file and the catalogue disagree (warnings).
//!
//! The columns and the formula neutralisation are the export's own ([`COLUMNS`](crate::export::csv::COLUMNS),
//! [`restore`](crate::export::csv::restore)), so the two can never drift: export, import and export again gives the
//! same bytes. Files written before `date_start` and `source_title` were added import
//! as they always did; `date_start` only has to agree with `date`, which is what is
//! read, and `source_title` titles a source the catalogue lacks.

mod checks;
mod columns;
mod dataset;
mod layout;
mod records;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use crate::data::load::{Problem, Severity};
use crate::data::model::{Dataset, Scheme, Source};
use crate::export::{self, ExportError};
use layout::Row;

/// A dataset built from a CSV.
#[derive(Debug)]
pub struct Imported {
    /// The CSV's councils, in the order they first appear, and their ratings (oldest
    /// first, as a loaded dataset holds them); the catalogue's schemes, summaries and
    /// sources whole, plus a source for each unknown id the CSV gives a URL for.
    pub dataset: Dataset,
    /// Where the CSV disagrees with the catalogue on something the dataset takes from
    /// the catalogue, each a [`Severity::Warning`].
    pub warnings: Vec<Problem>,
}

impl Imported {
    /// The dataset as the RON export writes it: every council, the schemes their ratings
    /// use (with their parents), those schemes' summaries and the sources cited.
    pub fn to_ron(&self) -> Result<Vec<u8>, ExportError> {
        let all: Vec<usize> = (0..self.dataset.councils.len()).collect();
        export::dataset_ron(&self.dataset, &all)
    }
}

/// Why a CSV could not become a dataset.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Every problem found, each at its line and column (the column's number in the
    /// file, 1 for the first).
    #[error("{}", report(path, problems))]
    Invalid {
        path: String,
        problems: Vec<Problem>,
    },
}

/// Every problem, but at most [`PER_KIND`](crate::data::load::PER_KIND) of a kind, the
/// rest counted: a systematic mistake (the wrong catalogue, a reformatted date column)
/// would otherwise print one line per row.
fn report(path: &str, problems: &[Problem]) -> String {
    crate::data::load::limit_per_kind(problems.to_vec())
        .iter()
        .map(|p| p.located(path).to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Builds a dataset from the CSV `bytes`; `path` names the file in messages and the
/// dataset's title. Schemes and sources are looked up by id in `catalogue`, named
/// `catalogue_name` in messages; a source id the catalogue lacks becomes a source with
/// the URL and the title the CSV gives it (titled by its URL when no title is given).
pub fn from_csv(
    bytes: &[u8],
    path: &str,
    catalogue: &Dataset,
    catalogue_name: &str,
) -> Result<Imported, ImportError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut reader = Reader {
        path,
        catalogue,
        catalogue_name,
        schemes: catalogue
            .schemes
            .iter()
            .map(|s| (s.id.as_str(), s))
            .collect(),
        sources: catalogue
            .sources
            .iter()
            .map(|s| (s.id.as_str(), s))
            .collect(),
        problems: Vec::new(),
        warnings: Vec::new(),
        warned: HashSet::new(),
    };
    let sheet = reader.records(bytes);
    let dataset = reader.dataset(&sheet);
    if let (Some(dataset), true) = (dataset, reader.problems.is_empty()) {
        Ok(Imported {
            dataset,
            warnings: reader.warnings,
        })
    } else {
        reader.problems.sort();
        reader.problems.dedup();
        Err(ImportError::Invalid {
            path: path.to_owned(),
            problems: reader.problems,
        })
    }
}

struct Reader<'c> {
    path: &'c str,
    catalogue: &'c Dataset,
    catalogue_name: &'c str,
    /// The catalogue's schemes and sources by id.
    schemes: HashMap<&'c str, &'c Scheme>,
    sources: HashMap<&'c str, &'c Source>,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
    /// The scheme and source ids warned about: once each is enough.
    warned: HashSet<(usize, String)>,
}

impl Reader<'_> {
    /// Warns about `column` for `id` at this row, unless it was warned about already.
    fn warn(&mut self, row: &Row<'_>, column: usize, id: &str, message: String) {
        if self.warned.insert((column, id.to_owned())) {
            let warning = Problem {
                severity: Severity::Warning,
                ..row.problem(column, message)
            };
            self.warnings.push(warning);
        }
    }
}
