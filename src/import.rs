//! `import`: the tidy CSV that `export --format csv` writes, read back into a dataset.
//! Councils and ratings come from the rows; schemes, sources and national summaries come
//! by id from a catalogue dataset (a `--schemes` file, else the dataset in use).
//!
//! The columns and the formula neutralisation are the export's own ([`COLUMNS`],
//! [`restore`]), so the two can never drift: export, import and export again gives the
//! same bytes. Files written before `date_start` and `source_title` were added import
//! as they always did; `date_start` only has to agree with `date`, which is what is
//! read, and `source_title` titles a source the catalogue lacks.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::data::Date;
use crate::data::load::Problem;
use crate::data::model::{Council, Dataset, Grade, Rating, Scale, SchemeIx, Source, SourceIx};
use crate::export::csv::{COLUMNS, date_start, restore};
use crate::export::{self, ExportError, Format};

/// The most problems one report lists: a systematic mistake (the wrong catalogue, a
/// reformatted date column) would otherwise print one line per row.
const MAX_SHOWN: usize = 50;

/// The position of `name` in [`COLUMNS`], checked when trajex is compiled.
const fn column(name: &str) -> usize {
    let mut i = 0;
    while i < COLUMNS.len() {
        if same(COLUMNS[i].as_bytes(), name.as_bytes()) {
            return i;
        }
        i += 1;
    }
    panic!("not a column of the CSV export")
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const COUNCIL_ID: usize = column("council_id");
const COUNCIL_NAME: usize = column("council_name");
const CODE: usize = column("code");
const REGION: usize = column("region");
const SCHEME_ID: usize = column("scheme_id");
const SCHEME_NAME: usize = column("scheme_name");
const DATE: usize = column("date");
const LEVEL: usize = column("level");
const RANK: usize = column("rank");
const VALUE: usize = column("value");
const NOTE: usize = column("note");
const SOURCE_ID: usize = column("source_id");
const SOURCE_URL: usize = column("source_url");
const DATE_START: usize = column("date_start");
const SOURCE_TITLE: usize = column("source_title");

/// Columns a row cannot do without; any other column may be left out of the header.
const REQUIRED: [usize; 4] = [COUNCIL_ID, COUNCIL_NAME, SCHEME_ID, DATE];

/// Columns the export writes as numbers and dates, never neutralised.
const UNQUOTED: [usize; 4] = [DATE, RANK, VALUE, DATE_START];

/// A dataset built from a CSV.
#[derive(Debug)]
pub struct Imported {
    /// The CSV's councils, in the order they first appear, and their ratings (oldest
    /// first, as a loaded dataset holds them); the catalogue's schemes, summaries and
    /// sources whole, plus a source for each unknown id the CSV gives a URL for.
    pub dataset: Dataset,
    /// `PATH:LINE:COL: warning: message` lines: the CSV disagrees with the catalogue on
    /// something the dataset takes from the catalogue.
    pub warnings: Vec<String>,
}

impl Imported {
    /// The dataset as the RON export writes it: every council, the schemes their ratings
    /// use (with their parents), those schemes' summaries and the sources cited.
    pub fn to_ron(&self) -> Result<Vec<u8>, ExportError> {
        let all: Vec<usize> = (0..self.dataset.councils.len()).collect();
        export::render(&self.dataset, &all, Format::Ron)
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

fn report(path: &str, problems: &[Problem]) -> String {
    let mut lines: Vec<String> = problems
        .iter()
        .take(MAX_SHOWN)
        .map(|p| format!("{path}:{}:{}: {}", p.line, p.col, p.message))
        .collect();
    if problems.len() > MAX_SHOWN {
        lines.push(format!(
            "{path}: {} not shown",
            crate::text::count(problems.len() - MAX_SHOWN, "more problem", "more problems")
        ));
    }
    lines.join("\n")
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
        problems: Vec::new(),
        warnings: Vec::new(),
        warned: HashSet::new(),
        schemes_listed: false,
    };
    let records = reader.records(bytes);
    let dataset = reader.dataset(&records);
    if reader.problems.is_empty() {
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

/// One row as read: the line it starts on and its cells.
struct Record {
    line: usize,
    cells: Vec<String>,
}

impl Record {
    /// The line a cell starts on: cells before it may hold line breaks.
    fn line_of(&self, field: usize) -> usize {
        self.line
            + self.cells[..field]
                .iter()
                .map(|c| line_breaks(c.as_bytes()))
                .sum::<usize>()
    }
}

/// How many line ends `bytes` holds: `\r\n`, `\n` or a lone `\r`, each counted once.
fn line_breaks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// The line each record starts on, worked out from its byte offset. The csv crate's own
/// line count is one short after a `\r\n` line end (what spreadsheets save): it ends the
/// record at the `\r` and only counts the `\n` while reading the next one.
struct Lines<'b> {
    bytes: &'b [u8],
    /// The byte counted up to, always the start of a record or the end of the file.
    at: usize,
    line: usize,
}

impl<'b> Lines<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        Lines {
            bytes,
            at: 0,
            line: 1,
        }
    }

    /// The line of the record the csv crate places at `byte`: line ends still unread
    /// there (the `\n` of a `\r\n`, blank lines the crate skips) come before the record.
    fn at(&mut self, byte: u64) -> usize {
        let mut start = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .clamp(self.at, self.bytes.len());
        while matches!(self.bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        self.line += line_breaks(&self.bytes[self.at..start]);
        self.at = start;
        self.line
    }
}

/// Where each of the export's columns sits in this file.
struct Layout {
    fields: [Option<usize>; COLUMNS.len()],
    width: usize,
}

/// One data row, read through the header's layout.
struct Row<'r> {
    record: &'r Record,
    layout: &'r Layout,
}

impl<'r> Row<'r> {
    /// The cell as the dataset holds it: an export's formula neutralisation undone.
    fn cell(&self, column: usize) -> &'r str {
        match self.layout.fields[column] {
            Some(field) if UNQUOTED.contains(&column) => &self.record.cells[field],
            Some(field) => restore(&self.record.cells[field]),
            None => "",
        }
    }

    fn optional(&self, column: usize) -> Option<String> {
        Some(self.cell(column))
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
    }

    fn problem(&self, column: usize, message: impl std::fmt::Display) -> Problem {
        let field = self.layout.fields[column].unwrap_or(0);
        Problem {
            line: self.record.line_of(field),
            col: field + 1,
            message: format!("in column {}, {message}", COLUMNS[column]),
        }
    }
}

struct Reader<'c> {
    path: &'c str,
    catalogue: &'c Dataset,
    catalogue_name: &'c str,
    problems: Vec<Problem>,
    warnings: Vec<String>,
    /// The scheme and source ids warned about: once each is enough.
    warned: HashSet<(usize, String)>,
    /// Whether a problem has listed the catalogue's scheme ids yet.
    schemes_listed: bool,
}

/// A source the catalogue lacks, as the file describes it: the first URL and title
/// given, each with the line that gave it.
#[derive(Default)]
struct Made {
    url: Option<(String, usize)>,
    title: Option<(String, usize)>,
}

/// A council's first row, which later rows must agree with.
struct FirstRow {
    council: usize,
    line: usize,
}

impl Reader<'_> {
    /// Warns about `column` for `id` at this row, unless it was warned about already.
    fn warn(&mut self, row: &Row<'_>, column: usize, id: &str, message: String) {
        if self.warned.insert((column, id.to_owned())) {
            let p = row.problem(column, message);
            self.warnings.push(format!(
                "{}:{}:{}: warning: {}",
                self.path, p.line, p.col, p.message
            ));
        }
    }

    /// Every row of the file, cells decoded as UTF-8 (a cell that is not is reported and
    /// read lossily, so the rest of the file is still checked).
    fn records(&mut self, bytes: &[u8]) -> Vec<Record> {
        let mut csv = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut records = Vec::new();
        let mut record = ::csv::ByteRecord::new();
        let mut lines = Lines::new(bytes);
        loop {
            match csv.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let line = e.position().map_or(1, |p| lines.at(p.byte()));
                    self.problems.push(Problem {
                        line,
                        col: 1,
                        message: format!("cannot read this row: {e}"),
                    });
                    break;
                }
            }
            let line = record.position().map_or(1, |p| lines.at(p.byte()));
            let mut read = Record {
                line,
                cells: Vec::with_capacity(record.len()),
            };
            for (field, bytes) in record.iter().enumerate() {
                let cell = match std::str::from_utf8(bytes) {
                    Ok(cell) => cell.to_owned(),
                    Err(_) => {
                        self.problems.push(Problem {
                            line: read.line_of(field),
                            col: field + 1,
                            message: "this cell is not UTF-8 text: save the file as \"CSV UTF-8\""
                                .to_owned(),
                        });
                        String::from_utf8_lossy(bytes).into_owned()
                    }
                };
                read.cells.push(cell);
            }
            records.push(read);
        }
        records
    }

    /// The header row's layout: every column named once, none unknown, the required
    /// ones present.
    fn layout(&mut self, header: Option<&Record>) -> Option<Layout> {
        let Some(header) = header else {
            self.problems.push(Problem {
                line: 1,
                col: 1,
                message: format!(
                    "the file is empty: its first row must name the columns {}",
                    COLUMNS.join(",")
                ),
            });
            return None;
        };
        let mut layout = Layout {
            fields: [None; COLUMNS.len()],
            width: header.cells.len(),
        };
        for (field, name) in header.cells.iter().enumerate() {
            let at = |message: String| Problem {
                line: header.line_of(field),
                col: field + 1,
                message,
            };
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
            self.problems.push(Problem {
                line: header.line,
                col: 1,
                message: format!(
                    "the header lacks the column{} {}",
                    if missing.len() == 1 { "" } else { "s" },
                    missing.join(", ")
                ),
            });
            return None;
        }
        Some(layout)
    }

    fn dataset(&mut self, records: &[Record]) -> Dataset {
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
                self.problems.push(Problem {
                    line: record.line,
                    col: 1,
                    message: format!(
                        "this row has {} but the header names {} columns",
                        crate::text::count(record.cells.len(), "cell", "cells"),
                        layout.width
                    ),
                });
                None
            })
            .collect();
        if rows.is_empty() && self.problems.is_empty() {
            self.problems.push(Problem {
                line: 2,
                col: 1,
                message: "the file holds no ratings, only a header".to_owned(),
            });
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

    /// The council a row rates, made from its first row; later rows must agree with it.
    fn council(
        &mut self,
        row: &Row<'_>,
        out: &mut Dataset,
        seen: &mut HashMap<String, FirstRow>,
    ) -> Option<usize> {
        let id = row.cell(COUNCIL_ID);
        if id.is_empty()
            || !id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            let message = format!("council id \"{id}\" must be lowercase letters, digits and `-`");
            self.problems.push(row.problem(COUNCIL_ID, message));
            return None;
        }
        let name = row.cell(COUNCIL_NAME);
        if name.is_empty() {
            self.problems
                .push(row.problem(COUNCIL_NAME, format!("council \"{id}\" has no name")));
        }
        let Some(first) = seen.get(id) else {
            seen.insert(
                id.to_owned(),
                FirstRow {
                    council: out.councils.len(),
                    line: row.record.line,
                },
            );
            out.councils.push(Council {
                id: id.to_owned(),
                name: name.to_owned(),
                code: row.optional(CODE),
                region: row.optional(REGION),
                ..Council::default()
            });
            return Some(out.councils.len() - 1);
        };
        let council = &out.councils[first.council];
        for (column, known) in [
            (COUNCIL_NAME, council.name.as_str()),
            (CODE, council.code.as_deref().unwrap_or("")),
            (REGION, council.region.as_deref().unwrap_or("")),
        ] {
            let given = row.cell(column);
            if given != known && !(column == COUNCIL_NAME && given.is_empty()) {
                let message = format!(
                    "council \"{id}\" has \"{given}\" here but \"{known}\" on line {}, its first row",
                    first.line
                );
                self.problems.push(row.problem(column, message));
            }
        }
        Some(first.council)
    }

    /// The scheme a row names, from the catalogue.
    fn scheme(&mut self, row: &Row<'_>, schemes: &HashMap<&str, SchemeIx>) -> Option<SchemeIx> {
        let id = row.cell(SCHEME_ID);
        let Some(&ix) = schemes.get(id) else {
            let nearest = self.nearest_scheme(id);
            let message = format!("scheme \"{id}\" is not in {}{nearest}", self.catalogue_name);
            self.problems.push(row.problem(SCHEME_ID, message));
            return None;
        };
        let known = &self.catalogue.scheme(ix).name;
        let given = row.cell(SCHEME_NAME);
        if !given.is_empty() && given != known {
            let message = format!(
                "\"{given}\" is not the name of scheme \"{id}\" in {}; the dataset keeps \"{known}\"",
                self.catalogue_name
            );
            self.warn(row, SCHEME_NAME, id, message);
        }
        Some(ix)
    }

    /// `; did you mean "x"?` for a near miss, else the ids there are (once per file:
    /// a CSV from another dataset misses on every row).
    fn nearest_scheme(&mut self, id: &str) -> String {
        let ids = self.catalogue.schemes.iter().map(|s| s.id.as_str());
        let best = ids
            .clone()
            .map(|s| (strsim::jaro_winkler(s, id), s))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        match best {
            Some((score, near)) if score > 0.85 => format!("; did you mean \"{near}\"?"),
            _ if self.catalogue.schemes.is_empty() => "; it defines no schemes".to_owned(),
            _ if self.schemes_listed => String::new(),
            _ => {
                self.schemes_listed = true;
                format!("; its schemes are {}", ids.collect::<Vec<_>>().join(", "))
            }
        }
    }

    /// What the row's level, rank and value say on `scheme`'s scale.
    fn grade(&mut self, row: &Row<'_>, out: &Dataset, scheme: SchemeIx) -> Option<Grade> {
        let def = out.scheme(scheme);
        let (level, rank, value) = (row.cell(LEVEL), row.cell(RANK), row.cell(VALUE));
        let mut fail = |column: usize, message: String| {
            self.problems.push(row.problem(column, message));
            None
        };
        match &def.scale {
            Scale::Numeric { .. } if !level.is_empty() => fail(
                LEVEL,
                format!(
                    "scheme \"{}\" is numeric: give a value, not a level",
                    def.id
                ),
            ),
            Scale::Ordinal(_) if !value.is_empty() => fail(
                VALUE,
                format!(
                    "scheme \"{}\" has named levels: give a level, not a value",
                    def.id
                ),
            ),
            _ if level.is_empty() && !rank.is_empty() => {
                fail(RANK, "a rank is given but no level".to_owned())
            }
            Scale::Ordinal(levels) if !level.is_empty() => {
                let Some(found) = levels.iter().position(|l| l == level) else {
                    return fail(
                        LEVEL,
                        format!(
                            "\"{level}\" is not a level of scheme \"{}\" ({})",
                            def.id,
                            levels.join(", ")
                        ),
                    );
                };
                if !rank.is_empty() && rank.parse::<usize>().ok() != Some(found + 1) {
                    return fail(
                        RANK,
                        format!(
                            "\"{rank}\" is not the rank of \"{level}\", which is {} (1 = worst)",
                            found + 1
                        ),
                    );
                }
                Some(Grade::Level(found as u8))
            }
            Scale::Numeric { .. } if !value.is_empty() => match value.parse::<f64>() {
                Ok(v) if v.is_finite() => Some(Grade::Value(v)),
                _ => fail(VALUE, format!("\"{value}\" is not a number")),
            },
            _ => Some(Grade::Ungraded),
        }
    }

    /// The source a row cites: `Ok(None)` for none, `Err` when it cannot be found.
    fn source(
        &mut self,
        row: &Row<'_>,
        out: &Dataset,
        sources: &HashMap<String, SourceIx>,
    ) -> Result<Option<SourceIx>, ()> {
        let (id, url, title) = (
            row.cell(SOURCE_ID),
            row.cell(SOURCE_URL),
            row.cell(SOURCE_TITLE),
        );
        if id.is_empty() {
            if !url.is_empty() {
                self.problems.push(row.problem(
                    SOURCE_URL,
                    "a URL is given but no source_id to name its source",
                ));
            }
            if !title.is_empty() {
                self.problems.push(row.problem(
                    SOURCE_TITLE,
                    "a title is given but no source_id to name its source",
                ));
            }
            return if url.is_empty() && title.is_empty() {
                Ok(None)
            } else {
                Err(())
            };
        }
        let Some(&ix) = sources.get(id) else {
            // A file without the source_title column is told only of the column it has.
            let columns = if row.layout.fields[SOURCE_TITLE].is_some() {
                "source_url or source_title"
            } else {
                "source_url"
            };
            let message = format!(
                "source \"{id}\" is not in {} and no row gives its {columns} to make one from",
                self.catalogue_name
            );
            self.problems.push(row.problem(SOURCE_ID, message));
            return Err(());
        };
        let known = out.source(ix).url.as_deref().unwrap_or("");
        if (ix as usize) < self.catalogue.sources.len() && !url.is_empty() && url != known {
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
        let known = &out.source(ix).title;
        if (ix as usize) < self.catalogue.sources.len() && !title.is_empty() && title != known {
            let message = format!(
                "\"{title}\" is not the title of source \"{id}\" in {}; the dataset keeps \"{known}\"",
                self.catalogue_name
            );
            self.warn(row, SOURCE_TITLE, id, message);
        }
        Ok(Some(ix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::parse;
    use crate::export::fixture;

    fn csv_of(dataset: &Dataset, councils: &[usize]) -> String {
        let bytes = export::render(dataset, councils, Format::Csv).unwrap();
        String::from_utf8(bytes).unwrap()
    }

    /// The CSV imported against `catalogue`, written as RON and loaded again.
    fn through_ron(csv: &str, catalogue: &Dataset) -> Dataset {
        let imported = match from_csv(csv.as_bytes(), "in.csv", catalogue, "the catalogue") {
            Ok(imported) => imported,
            Err(e) => panic!("the CSV does not import:\n{e}\n\n{csv}"),
        };
        let ron = String::from_utf8(imported.to_ron().unwrap()).unwrap();
        match parse(&ron, "out.ron") {
            Ok(loaded) => loaded.dataset,
            Err(e) => panic!("the import does not load:\n{e}\n\n{ron}"),
        }
    }

    fn problems(csv: &str) -> Vec<String> {
        match from_csv(
            csv.as_bytes(),
            "in.csv",
            &fixture::dataset(),
            "the catalogue",
        ) {
            Ok(_) => panic!("imported:\n{csv}"),
            Err(e) => e.to_string().lines().map(str::to_owned).collect(),
        }
    }

    const HEADER: &str = "council_id,council_name,code,region,scheme_id,scheme_name,date,level,rank,value,note,source_id,source_url\n";

    #[test]
    fn every_embedded_council_comes_back_byte_for_byte() {
        let embedded = parse(crate::data::EMBEDDED, "embedded").unwrap().dataset;
        let mut checked = 0;
        for (i, council) in embedded.councils.iter().enumerate() {
            if council.ratings.is_empty() {
                continue;
            }
            let csv = csv_of(&embedded, &[i]);
            let back = through_ron(&csv, &embedded);
            assert_eq!(csv_of(&back, &[0]), csv, "{}", council.id);
            checked += 1;
        }
        assert!(checked > 100, "only {checked} councils have ratings");
    }

    #[test]
    fn the_fixture_comes_back_with_its_formula_note_as_it_was() {
        let original = fixture::dataset();
        let csv = csv_of(&original, &[0, 1]);
        assert!(csv.contains("'=HYPERLINK"), "{csv}");
        let back = through_ron(&csv, &original);
        assert_eq!(csv_of(&back, &[0, 1]), csv);
        let notes: Vec<&str> = back.councils[0]
            .ratings
            .iter()
            .filter_map(|r| r.note.as_deref())
            .collect();
        assert!(notes.contains(&"=HYPERLINK(\"x\")"), "{notes:?}");
        let schemes: Vec<&str> = back.schemes.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            schemes,
            [
                "csci-stars",
                "ofsted-cs",
                "ofsted-cs-care-leavers",
                "caseload"
            ],
            "only the schemes used"
        );
        assert_eq!(
            back.summaries.len(),
            1,
            "the used scheme's summary is carried"
        );
        assert_eq!(back.title, "Imported from in.csv");
    }

    #[test]
    fn columns_may_come_in_any_order_and_optional_ones_may_be_missing() {
        let csv = "\u{feff}date,scheme_id,council_name,council_id,level\n2019,ofsted-cs,Newham,newham,Good\n2021-03,ofsted-cs,Newham,newham,\n";
        let back = through_ron(csv, &fixture::dataset());
        let newham = &back.councils[0];
        assert_eq!(
            (
                newham.id.as_str(),
                newham.code.as_deref(),
                newham.ratings.len()
            ),
            ("newham", None, 2)
        );
        assert_eq!(newham.ratings[0].grade, Grade::Level(2));
        assert_eq!(newham.ratings[1].grade, Grade::Ungraded);
    }

    #[test]
    fn a_row_citing_a_new_source_before_the_row_giving_its_url_still_finds_it() {
        let csv = format!(
            "{HEADER}newham,Newham,,,ofsted-cs,,2019,Good,,,,mine,\nnewham,Newham,,,ofsted-cs,,2021,Outstanding,,,,mine,https://example.org/mine\n"
        );
        let back = through_ron(&csv, &fixture::dataset());
        assert_eq!(back.sources.len(), 1);
        let mine = &back.sources[0];
        assert_eq!(
            (mine.id.as_str(), mine.title.as_str()),
            ("mine", "https://example.org/mine")
        );
        assert_eq!(mine.url.as_deref(), Some("https://example.org/mine"));
        assert!(back.councils[0].ratings.iter().all(|r| r.source == Some(0)));
    }

    #[test]
    fn each_problem_names_its_line_and_column_and_all_come_at_once() {
        let csv = format!(
            "{HEADER}\
             newham,Newham,,London,ofsted-cs,,2019,Good,4,,,,\n\
             newham,Newham,,London,ofsted-cs,,2020,,,,\"two\nlines\",nowhere,\n\
             newham,Newham,,Londres,caseload,,2021,,,twelve,,,\n\
             newham,Newham,,London,ofsted-cs,,2019,Good,,,,,\n\
             a,b,c\n"
        );
        assert_eq!(
            problems(&csv),
            [
                "in.csv:2:9: in column rank, \"4\" is not the rank of \"Good\", which is 3 (1 = worst)",
                "in.csv:4:12: in column source_id, source \"nowhere\" is not in the catalogue and no row gives its source_url to make one from",
                "in.csv:5:4: in column region, council \"newham\" has \"Londres\" here but \"London\" on line 2, its first row",
                "in.csv:5:10: in column value, \"twelve\" is not a number",
                "in.csv:6:7: in column date, council \"newham\" already has a rating in scheme \"ofsted-cs\" dated 2019, on line 2",
                "in.csv:7:1: this row has 3 cells but the header names 13 columns",
            ]
        );
    }

    #[test]
    fn a_cell_that_is_not_utf8_is_named_and_a_flood_of_problems_is_cut_short() {
        let mut csv = HEADER.as_bytes().to_vec();
        csv.extend_from_slice(b"newham,Newh\xe2m,,,ofsted-cs,,2019,Good,,,,,\n");
        let err = from_csv(&csv, "in.csv", &fixture::dataset(), "the catalogue")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "in.csv:2:2: this cell is not UTF-8 text: save the file as \"CSV UTF-8\""
        );

        let rows: String = (0..60)
            .map(|i| format!("c{i},C,,,nope,,2019,Good,,,,,\n"))
            .collect();
        let lines = problems(&format!("{HEADER}{rows}"));
        assert_eq!(lines.len(), MAX_SHOWN + 1);
        assert_eq!(lines[MAX_SHOWN], "in.csv: 10 more problems not shown");
    }

    #[test]
    fn a_scheme_name_or_url_unlike_the_catalogues_is_a_warning_once() {
        let csv = format!(
            "{HEADER}newham,Newham,,,ofsted-cs,Renamed,2019,Good,,,,ofsted-2019,https://elsewhere\nnewham,Newham,,,ofsted-cs,Renamed,2020,Good,,,,,\n"
        );
        let imported = from_csv(
            csv.as_bytes(),
            "in.csv",
            &fixture::dataset(),
            "the catalogue",
        )
        .unwrap();
        assert_eq!(
            imported.warnings,
            [
                "in.csv:2:6: warning: in column scheme_name, \"Renamed\" is not the name of scheme \"ofsted-cs\" in the catalogue; the dataset keeps \"Children's services: overall effectiveness\"",
                "in.csv:2:13: warning: in column source_url, \"https://elsewhere\" is not the URL of source \"ofsted-2019\" in the catalogue; the dataset keeps none",
            ]
        );
    }

    const HEADER_15: &str = "council_id,council_name,code,region,scheme_id,scheme_name,date,level,rank,value,note,source_id,source_url,date_start,source_title\n";

    #[test]
    fn the_fixture_with_the_new_columns_comes_back_and_an_old_file_still_imports() {
        let original = fixture::dataset();
        let csv = csv_of(&original, &[0, 1]);
        assert!(csv.starts_with(HEADER_15), "{csv}");
        let back = through_ron(&csv, &original);
        assert_eq!(csv_of(&back, &[0, 1]), csv);

        // The same rows without the two trailing columns, as files were written before.
        let old: String = csv
            .lines()
            .map(|line| {
                let mut reader = ::csv::ReaderBuilder::new()
                    .has_headers(false)
                    .from_reader(line.as_bytes());
                let record = reader.records().next().unwrap().unwrap();
                let mut out = ::csv::Writer::from_writer(Vec::new());
                out.write_record(record.iter().take(13)).unwrap();
                String::from_utf8(out.into_inner().unwrap()).unwrap()
            })
            .collect();
        assert!(old.starts_with(HEADER), "{old}");
        let back = through_ron(&old, &original);
        assert_eq!(csv_of(&back, &[0, 1]), csv, "the same dataset either way");
    }

    #[test]
    fn a_source_the_catalogue_lacks_is_titled_by_source_title_and_comes_back_byte_for_byte() {
        let mut original = fixture::dataset();
        let at = original
            .sources
            .iter()
            .position(|s| s.id == "ofsted-2017")
            .unwrap();
        original.sources[at].title = "=Tower Hamlets, \"ILACS\" 2017".into();
        let csv = csv_of(&original, &[0]);
        assert!(
            csv.contains("\"'=Tower Hamlets, \"\"ILACS\"\" 2017\""),
            "{csv}"
        );
        let mut catalogue = fixture::dataset();
        catalogue.sources.retain(|s| s.id != "ofsted-2017");
        let back = through_ron(&csv, &catalogue);
        let made = back.sources.iter().find(|s| s.id == "ofsted-2017").unwrap();
        assert_eq!(made.title, "=Tower Hamlets, \"ILACS\" 2017");
        assert_eq!(made.url.as_deref(), Some("https://example.org/a (b)"));
        assert_eq!(csv_of(&back, &[0]), csv);

        // A title alone makes a source too, with no URL; a URL alone still titles it.
        let csv = format!(
            "{HEADER_15}newham,Newham,,,ofsted-cs,,2019,Good,,,,mine,,,My report\n\
             newham,Newham,,,ofsted-cs,,2021,Good,,,,theirs,https://example.org/t,,\n"
        );
        let back = through_ron(&csv, &fixture::dataset());
        let made: Vec<(&str, &str, Option<&str>)> = back
            .sources
            .iter()
            .map(|s| (s.id.as_str(), s.title.as_str(), s.url.as_deref()))
            .collect();
        assert_eq!(
            made,
            [
                ("mine", "My report", None),
                (
                    "theirs",
                    "https://example.org/t",
                    Some("https://example.org/t")
                )
            ]
        );
    }

    #[test]
    fn a_date_start_that_is_not_the_dates_first_day_is_a_problem_at_its_cell() {
        let csv = format!(
            "{HEADER_15}newham,Newham,,,ofsted-cs,,2019,Good,3,,,,,2019-01-01,\n\
             newham,Newham,,,ofsted-cs,,2020-11,Good,3,,,,,2020-11-02,\n\
             newham,Newham,,,ofsted-cs,,2021-03-04,Good,3,,,,,,\n\
             newham,Newham,,,ofsted-cs,,2022,Good,3,,,,,soon,\n"
        );
        assert_eq!(
            problems(&csv),
            [
                "in.csv:3:14: in column date_start, \"2020-11-02\" is not the first day of the date 2020-11, which is 2020-11-01",
                "in.csv:5:14: in column date_start, \"soon\" is not the first day of the date 2022, which is 2022-01-01",
            ]
        );
        // An empty date_start is left to the date column.
        let csv = format!("{HEADER_15}newham,Newham,,,ofsted-cs,,2021-03-04,Good,3,,,,,,\n");
        assert_eq!(
            through_ron(&csv, &fixture::dataset()).councils[0]
                .ratings
                .len(),
            1
        );
    }

    #[test]
    fn source_titles_that_disagree_or_name_no_source_are_problems() {
        let csv = format!(
            "{HEADER_15}newham,Newham,,,ofsted-cs,,2019,Good,,,,mine,,,Mine\n\
             newham,Newham,,,ofsted-cs,,2020,Good,,,,mine,,,Not mine\n\
             newham,Newham,,,ofsted-cs,,2021,Good,,,,,,,A title\n\
             newham,Newham,,,ofsted-cs,,2022,Good,,,,gone,,,\n"
        );
        assert_eq!(
            problems(&csv),
            [
                "in.csv:3:15: in column source_title, source \"mine\" was given the title \"Mine\" on line 2",
                "in.csv:4:15: in column source_title, a title is given but no source_id to name its source",
                "in.csv:5:12: in column source_id, source \"gone\" is not in the catalogue and no row gives its source_url or source_title to make one from",
            ]
        );
        let csv = format!(
            "{HEADER_15}newham,Newham,,,ofsted-cs,,2019,Good,,,,ofsted-2019,,,Renamed\n\
             newham,Newham,,,ofsted-cs,,2020,Good,,,,ofsted-2019,,,Renamed again\n"
        );
        let imported = from_csv(
            csv.as_bytes(),
            "in.csv",
            &fixture::dataset(),
            "the catalogue",
        )
        .unwrap();
        assert_eq!(
            imported.warnings,
            [
                "in.csv:2:15: warning: in column source_title, \"Renamed\" is not the title of source \"ofsted-2019\" in the catalogue; the dataset keeps \"Tower Hamlets inspection 2019\""
            ]
        );
    }

    #[test]
    fn crlf_line_ends_and_blank_lines_point_at_the_same_lines_as_lf() {
        let lf = format!(
            "{HEADER}\
             newham,Newham,,London,ofsted-cs,,2019,Good,,,,,\n\
             newham,Newham,,London,ofsted-cs,,2020,,,,\"two\nlines\",,\n\
             newham,Newham,,London,ofsted-cs,,2021,Great,,,,,\n\
             \n\
             newham,Newham,,London,ofsted-cs,,2022,Grand,,,,,\n"
        );
        let expected = [
            "in.csv:5:8: in column level, \"Great\" is not a level of scheme \"ofsted-cs\" (Inadequate, Requires improvement to be good, Good, Outstanding)",
            "in.csv:7:8: in column level, \"Grand\" is not a level of scheme \"ofsted-cs\" (Inadequate, Requires improvement to be good, Good, Outstanding)",
        ];
        assert_eq!(problems(&lf), expected, "LF");
        assert_eq!(problems(&lf.replace('\n', "\r\n")), expected, "CRLF");
        assert_eq!(problems(&lf.replace('\n', "\r")), expected, "CR");
    }
}
