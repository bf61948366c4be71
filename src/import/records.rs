//! Reading the CSV into records, each with the file line it starts on.

use super::Reader;
use crate::data::load::Problem;

/// One row as read: the line it starts on and its cells.
pub(super) struct Record {
    pub(super) line: usize,
    pub(super) cells: Vec<String>,
}

impl Record {
    /// The line a cell starts on: cells before it may hold line breaks.
    pub(super) fn line_of(&self, field: usize) -> usize {
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

impl Reader<'_> {
    /// Every row of the file, cells decoded as UTF-8 (a cell that is not is reported and
    /// read lossily, so the rest of the file is still checked).
    pub(super) fn records(&mut self, bytes: &[u8]) -> Vec<Record> {
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
                    self.problems.push(Problem::error(
                        line,
                        1,
                        format!("cannot read this row: {e}"),
                    ));
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
                        self.problems.push(Problem::error(
                            read.line_of(field),
                            field + 1,
                            "this cell is not UTF-8 text: save the file as \"CSV UTF-8\""
                                .to_owned(),
                        ));
                        String::from_utf8_lossy(bytes).into_owned()
                    }
                };
                read.cells.push(cell);
            }
            records.push(read);
        }
        records
    }
}
