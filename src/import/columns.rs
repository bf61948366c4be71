//! Where each column of the CSV export sits, by name, worked out when trajex is compiled.

use crate::export::csv::COLUMNS;

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

pub(super) const COUNCIL_ID: usize = column("council_id");
pub(super) const COUNCIL_NAME: usize = column("council_name");
pub(super) const CODE: usize = column("code");
pub(super) const REGION: usize = column("region");
pub(super) const SCHEME_ID: usize = column("scheme_id");
pub(super) const SCHEME_NAME: usize = column("scheme_name");
pub(super) const DATE: usize = column("date");
pub(super) const LEVEL: usize = column("level");
pub(super) const RANK: usize = column("rank");
pub(super) const VALUE: usize = column("value");
pub(super) const NOTE: usize = column("note");
pub(super) const SOURCE_ID: usize = column("source_id");
pub(super) const SOURCE_URL: usize = column("source_url");
pub(super) const DATE_START: usize = column("date_start");
pub(super) const SOURCE_TITLE: usize = column("source_title");

/// Columns a row cannot do without; any other column may be left out of the header.
pub(super) const REQUIRED: [usize; 4] = [COUNCIL_ID, COUNCIL_NAME, SCHEME_ID, DATE];

/// Columns the export writes as numbers and dates, never neutralised.
pub(super) const UNQUOTED: [usize; 4] = [DATE, RANK, VALUE, DATE_START];
