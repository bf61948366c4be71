//! The compare table: chosen councils side by side, each scheme read at one date (by
//! the one reading rule, [`Timeline::standing`] through [`league`]), with each
//! council's rank band among the councils rated then.

use super::date::Date;
use super::league::{Standing, league};
use super::model::{Dataset, SchemeIx};
use super::timeline::{Reading, Timeline};

/// Councils as rows, schemes as columns, read at `date`.
#[derive(Clone, Debug, PartialEq)]
pub struct Compare {
    pub date: Date,
    pub schemes: Vec<SchemeIx>,
    /// Per scheme: the councils rated at the date (whom a rank band is among), and
    /// those that existed then.
    pub known: Vec<(u32, u32)>,
    /// Best first in the sorting scheme, ties (and the unrated) by name.
    pub rows: Vec<Row>,
}

/// One council's readings, one per scheme column.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Index into the dataset's `councils`.
    pub council: usize,
    /// What held in each of [`Compare::schemes`], with its place when rated.
    pub cells: Vec<Standing>,
}

impl Compare {
    /// `councils` read in each of `schemes` at `date`, sorted by `sort_by` (a scheme
    /// among `schemes`; else the first): best place first, councils with no rating in
    /// force after those with one, ties by name. The schemes in which no council holds
    /// a rating then go last.
    pub fn new(
        dataset: &Dataset,
        councils: &[usize],
        schemes: &[SchemeIx],
        sort_by: Option<SchemeIx>,
        date: Date,
    ) -> Self {
        let mut rows: Vec<Row> = councils
            .iter()
            .map(|&council| Row {
                council,
                cells: Vec::with_capacity(schemes.len()),
            })
            .collect();
        let existed = dataset.councils.iter().filter(|c| c.existed(date)).count() as u32;
        let mut known = Vec::with_capacity(schemes.len());
        for &scheme in schemes {
            // A scheme that had ended for every row ranks no one: no league is needed
            // (reading every council is what a column costs on a large dataset).
            let readings: Vec<Reading> = rows
                .iter()
                .map(|r| Timeline::standing(dataset, &dataset.councils[r.council], scheme, date))
                .collect();
            if readings
                .iter()
                .all(|r| matches!(r, Reading::SchemeEnded(_)))
            {
                known.push((0, existed));
                for (row, reading) in rows.iter_mut().zip(readings) {
                    row.cells.push(Standing {
                        council: row.council,
                        reading,
                        place: None,
                    });
                }
                continue;
            }
            // One league per scheme: every council's place, of which the rows take theirs.
            let table = league(dataset, scheme, date);
            let rated = table.iter().filter(|s| s.place.is_some()).count() as u32;
            known.push((rated, existed));
            for row in &mut rows {
                if let Some(standing) = table.iter().find(|s| s.council == row.council) {
                    row.cells.push(*standing);
                }
            }
        }
        // Schemes in which some row holds a rating come first (in the order given), so
        // the columns a narrow screen shows are the ones that say something.
        let mut order: Vec<usize> = (0..schemes.len()).collect();
        order.sort_by_key(|&k| rows.iter().all(|r| r.cells[k].place.is_none()));
        let schemes: Vec<SchemeIx> = order.iter().map(|&k| schemes[k]).collect();
        let known: Vec<(u32, u32)> = order.iter().map(|&k| known[k]).collect();
        for row in &mut rows {
            row.cells = order.iter().map(|&k| row.cells[k]).collect();
        }
        let column = sort_by
            .and_then(|s| schemes.iter().position(|&x| x == s))
            .unwrap_or(0);
        rows.sort_by_cached_key(|row| {
            let place = row.cells.get(column).and_then(|c| c.place);
            (
                place.map_or(u32::MAX, |p| p.first),
                dataset.councils[row.council].name.to_lowercase(),
            )
        });
        Self {
            date,
            schemes,
            known,
            rows,
        }
    }
}
