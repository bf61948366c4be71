//! Reading the CSV into a [`Sheet`]: every cell's text, and the file line it starts on.

use std::ops::Range;

use super::Reader;
use crate::data::load::Problem;

/// The file's cells as read. Their text sits end to end in one string, each cell
/// followed by a line break, so that every cell, even an empty one, starts at an
/// address of its own: the dataset checker finds a value by its address (see
/// [`Cells`](super::layout::Cells)).
pub(super) struct Sheet {
    text: String,
    cells: Vec<Cell>,
    /// The rows, the header first.
    pub(super) records: Vec<Record>,
}

/// Where one cell's text sits in [`Sheet::text`], and where it was in the file.
struct Cell {
    start: usize,
    end: usize,
    /// The line the cell starts on: cells before it in its row may hold line breaks.
    line: usize,
    /// Its place in its row, 0 for the first.
    field: usize,
}

/// One row as read: the line it starts on and its cells.
pub(super) struct Record {
    pub(super) line: usize,
    cells: Range<usize>,
}

impl Sheet {
    /// How many cells `record` has.
    pub(super) fn width(&self, record: &Record) -> usize {
        record.cells.len()
    }

    /// The text of cell `field` of `record`, as the file holds it.
    pub(super) fn cell(&self, record: &Record, field: usize) -> &str {
        let cell = &self.cells[record.cells.start + field];
        &self.text[cell.start..cell.end]
    }

    /// The cells of `record`, in order.
    pub(super) fn cells<'s>(&'s self, record: &Record) -> impl Iterator<Item = &'s str> {
        let cells = &self.cells[record.cells.clone()];
        cells.iter().map(|c| &self.text[c.start..c.end])
    }

    /// The line cell `field` of `record` starts on.
    pub(super) fn line_of(&self, record: &Record, field: usize) -> usize {
        self.cells[record.cells.start + field].line
    }

    /// The number of the cell that `s`, a slice of one of the sheet's cells, was taken
    /// from; `None` for a string from elsewhere.
    pub(super) fn find(&self, s: &str) -> Option<usize> {
        let base = self.text.as_ptr() as usize;
        let offset = (s.as_ptr() as usize).checked_sub(base)?;
        if offset > self.text.len() {
            return None;
        }
        let after = self.cells.partition_point(|c| c.start <= offset);
        let cell = after.checked_sub(1)?;
        (offset <= self.cells[cell].end).then_some(cell)
    }

    /// The line and the place in its row of the cell numbered `cell` (see [`Sheet::find`]).
    pub(super) fn position(&self, cell: usize) -> (usize, usize) {
        let cell = &self.cells[cell];
        (cell.line, cell.field)
    }

    /// The number of the cell at place `field` of the row that cell `cell` is in.
    pub(super) fn sibling(&self, cell: usize, field: usize) -> usize {
        cell - self.cells[cell].field + field
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

impl Reader<'_> {
    /// Every row of the file, cells decoded as UTF-8 (a cell that is not is reported and
    /// read lossily, so the rest of the file is still checked).
    pub(super) fn records(&mut self, bytes: &[u8]) -> Sheet {
        let mut csv = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut sheet = Sheet {
            text: String::with_capacity(bytes.len() + bytes.len() / 4),
            cells: Vec::new(),
            records: Vec::new(),
        };
        let mut record = ::csv::ByteRecord::new();
        let mut lines = Lines::new(bytes);
        loop {
            match csv.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let line = e.position().map_or(1, |p| lines.at(p.byte()));
                    let message = format!("cannot read this row: {e}");
                    self.problems.push(Problem::error(line, 1, message));
                    break;
                }
            }
            let first_line = record.position().map_or(1, |p| lines.at(p.byte()));
            let first = sheet.cells.len();
            let mut line = first_line;
            for (field, bytes) in record.iter().enumerate() {
                let start = sheet.text.len();
                match std::str::from_utf8(bytes) {
                    Ok(cell) => sheet.text.push_str(cell),
                    Err(_) => {
                        let message = "this cell is not UTF-8 text: save the file as \"CSV UTF-8\"";
                        self.problems
                            .push(Problem::error(line, field + 1, message.to_owned()));
                        sheet.text.push_str(&String::from_utf8_lossy(bytes));
                    }
                }
                sheet.cells.push(Cell {
                    start,
                    end: sheet.text.len(),
                    line,
                    field,
                });
                sheet.text.push('\n');
                line += line_breaks(bytes);
            }
            sheet.records.push(Record {
                line: first_line,
                cells: first..sheet.cells.len(),
            });
        }
        sheet
    }
}
