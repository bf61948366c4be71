//! The compare table (the explorer's `c`) as a file: one row per council and scheme,
//! in the columns `trajex list --at` gives a council's standing.

use super::list::{identity, standing_cells};
use super::table::{Cell, Table};
use crate::data::compare::Compare;
use crate::data::model::Dataset;

/// `council_id,council_name,region,scheme_id,at,level,date,rank,percentile,known,
/// councils`: the councils in the table's order, each scheme in its column order;
/// `date` is since when the level held, or why there is none; `known` the councils
/// rated at `at`, whom the rank is among, of the `councils` that existed.
pub fn table(dataset: &Dataset, compare: &Compare) -> Table {
    let mut table = Table::new(&[
        "council_id",
        "council_name",
        "region",
        "scheme_id",
        "at",
        "level",
        "date",
        "rank",
        "percentile",
        "known",
        "councils",
    ]);
    for row in &compare.rows {
        let council = &dataset.councils[row.council];
        for ((&scheme, standing), &(known, councils)) in
            compare.schemes.iter().zip(&row.cells).zip(&compare.known)
        {
            let mut cells = identity(council);
            cells.push(Cell::text(&dataset.scheme(scheme).id));
            cells.push(Cell::Text(compare.date.to_string()));
            cells.extend(standing_cells(dataset, scheme, standing));
            cells.push(Cell::Count(u64::from(known)));
            cells.push(Cell::Count(u64::from(councils)));
            table.rows.push(cells);
        }
    }
    table
}
