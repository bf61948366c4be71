//! The compare table: chosen councils side by side, each scheme read at one date (by
//! the one reading rule, [`Timeline::standing`] through [`league`]), with each
//! council's rank band among the councils rated then.

use super::context::Distribution;
use super::date::Date;
use super::league::{Standing, league};
use super::model::{Dataset, Grade, Scale, SchemeIx};
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
            // A scale of levels: the rows' places come from the scheme's counts at the
            // date (as the national context's do), not from ranking every council.
            if let Scale::Ordinal(_) = dataset.scheme(scheme).scale {
                let counts = Distribution::at(dataset, scheme, date);
                known.push((counts.rated(), existed));
                for (row, reading) in rows.iter_mut().zip(readings) {
                    let place = match reading {
                        Reading::Holds(segment) if segment.joined() => match segment.grade {
                            Grade::Level(rank) => Some(counts.place(usize::from(rank))),
                            _ => None,
                        },
                        _ => None,
                    };
                    row.cells.push(Standing {
                        council: row.council,
                        reading,
                        place,
                    });
                }
                continue;
            }
            // Measurements: one league per scheme, of which the rows take their places.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::parse;

    /// Every council's row in every scheme, at every quarter end and rating date, reads
    /// and ranks as `list --at`'s league table does.
    #[test]
    fn every_row_reads_and_ranks_as_the_league_table_does() {
        let embedded = parse(crate::data::EMBEDDED, "embedded").unwrap().dataset;
        let data = [embedded, crate::generate::dataset(300, 7)];
        for dataset in &data {
            let councils: Vec<usize> = (0..dataset.councils.len()).collect();
            let schemes: Vec<SchemeIx> = (0..dataset.schemes.len() as SchemeIx).collect();
            let mut dates: Vec<Date> = dataset
                .councils
                .iter()
                .flat_map(|c| c.ratings.iter().map(|r| r.date))
                .collect();
            dates.extend((2000..=2026).map(|y| Date::parse(&format!("{y}-06-30")).unwrap()));
            dates.sort_unstable();
            dates.dedup();
            for &date in dates.iter().step_by(7) {
                let table = Compare::new(dataset, &councils, &schemes, None, date);
                for (k, &scheme) in table.schemes.iter().enumerate() {
                    let league = league(dataset, scheme, date);
                    for row in &table.rows {
                        let expected = league.iter().find(|s| s.council == row.council).unwrap();
                        assert_eq!(&row.cells[k], expected, "scheme {scheme} at {date}");
                    }
                }
            }
        }
    }
}
