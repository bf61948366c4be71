//! What the council list needs at every keystroke, worked out once per dataset: each
//! council's folded names for the filter, the name order, its trajectory and list row
//! in the main scheme; and the last filter's result, which a longer query narrows
//! instead of searching every council again.

use crate::data::metrics::Trajectory;
use crate::data::model::{Dataset, Grade, SchemeIx};
use crate::data::{Date, Timeline, find};

/// The latest grade a list row shows for a council in the main scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowGrade {
    /// The initial of the latest level, `#` for a figure, `·` for no grade.
    pub glyph: Option<char>,
    /// The latest level's rank, for its colour.
    pub rank: Option<usize>,
    /// `↑`, `↓`, `→` against the grade before, or a space.
    pub trend: &'static str,
}

/// The precomputed facts about every council, by dataset index.
#[derive(Debug, Default)]
pub struct CouncilIndex {
    /// Every council's folded names, one per line, councils one after another.
    haystack: String,
    /// Where each council's names start in `haystack`; one more entry than councils.
    starts: Vec<usize>,
    /// Council indices by lowercase name (ties in dataset order).
    by_name: Vec<usize>,
    /// The main scheme the list shows and sorts by.
    pub main_scheme: Option<SchemeIx>,
    /// Each council's trajectory in the main scheme.
    pub trajectories: Vec<Trajectory>,
    /// Each council's list row grade in the main scheme.
    pub rows: Vec<Option<RowGrade>>,
    /// The last filter: its folded query, region, and the councils it kept, in name order.
    last: Option<(String, Option<String>, Vec<usize>)>,
}

impl CouncilIndex {
    /// Works out the index of `dataset` as of `today`.
    pub fn new(dataset: &Dataset, today: Date) -> Self {
        // Names and trajectories are independent: on a large dataset they are worked
        // out on two threads.
        let (names, trajectories) = if dataset.councils.len() >= PARALLEL_COUNCILS {
            std::thread::scope(|scope| {
                let names = scope.spawn(|| names(dataset));
                let trajectories = trajectories(dataset, today);
                let names = match names.join() {
                    Ok(names) => names,
                    Err(panic) => std::panic::resume_unwind(panic),
                };
                (names, trajectories)
            })
        } else {
            (names(dataset), trajectories(dataset, today))
        };
        let (haystack, starts, by_name) = names;
        let (main_scheme, trajectories, rows) = trajectories;
        Self {
            haystack,
            starts,
            by_name,
            main_scheme,
            trajectories,
            rows,
            last: None,
        }
    }

    fn names(&self, council: usize) -> &str {
        &self.haystack[self.starts[council]..self.starts[council + 1]]
    }

    /// The councils of `region` (any, for `None`) whose names hold `query`, in name
    /// order. A query that extends the last one (same region) searches only what the
    /// last one kept.
    pub fn filter(&mut self, dataset: &Dataset, query: &str, region: Option<&str>) -> Vec<usize> {
        let key = find::filter_key(query);
        let region_owned = region.map(str::to_owned);
        let from: &[usize] = match &self.last {
            Some((last, last_region, kept))
                if *last_region == region_owned && key.contains(last.as_str()) =>
            {
                kept
            }
            _ => &self.by_name,
        };
        let kept: Vec<usize> = from
            .iter()
            .copied()
            .filter(|&i| {
                (region.is_none() || dataset.councils[i].region.as_deref() == region)
                    && (key.is_empty() || self.names(i).contains(key.as_str()))
            })
            .collect();
        self.last = Some((key, region_owned, kept.clone()));
        kept
    }
}

/// Councils past which the index is worked out on two threads.
const PARALLEL_COUNCILS: usize = 5000;

/// Every council's folded names (one string, and where each council's start), and the
/// councils in name order.
fn names(dataset: &Dataset) -> (String, Vec<usize>, Vec<usize>) {
    let mut haystack = String::new();
    let mut starts = Vec::with_capacity(dataset.councils.len() + 1);
    for council in &dataset.councils {
        starts.push(haystack.len());
        haystack.push_str(&find::haystack(council));
        // Keeps one council's last name from running into the next one's first.
        haystack.push('\n');
    }
    starts.push(haystack.len());
    let mut by_name: Vec<usize> = (0..dataset.councils.len()).collect();
    by_name.sort_by_cached_key(|&i| dataset.councils[i].name.to_lowercase());
    (haystack, starts, by_name)
}

/// The main scheme, and each council's trajectory and list row grade in it.
#[allow(clippy::type_complexity)]
fn trajectories(
    dataset: &Dataset,
    today: Date,
) -> (Option<SchemeIx>, Vec<Trajectory>, Vec<Option<RowGrade>>) {
    let main_scheme = crate::ui::list::main_scheme(dataset);
    let (trajectories, rows) = match main_scheme {
        Some(scheme) => dataset
            .councils
            .iter()
            .map(|council| {
                let timeline = Timeline::new(dataset, council, scheme);
                (
                    Trajectory::from_timeline(dataset, council, &timeline, today),
                    row_grade(dataset, council, &timeline),
                )
            })
            .unzip(),
        None => (
            vec![Trajectory::default(); dataset.councils.len()],
            vec![None; dataset.councils.len()],
        ),
    };
    (main_scheme, trajectories, rows)
}

/// The glyph (initial of the latest level), its rank and the trend arrow.
fn row_grade(
    dataset: &Dataset,
    council: &crate::data::Council,
    timeline: &Timeline,
) -> Option<RowGrade> {
    let scheme = timeline.scheme;
    let last = timeline.latest(council)?;
    let (glyph, rank) = match last.grade {
        Grade::Level(rank) => {
            let name = &dataset.scheme(scheme).levels()[usize::from(rank)];
            (name.chars().next(), Some(usize::from(rank)))
        }
        Grade::Value(_) => (Some('#'), None),
        Grade::Ungraded => (Some('·'), None),
    };
    let graded: Vec<Grade> = timeline.segments.iter().map(|s| s.grade).collect();
    let trend = match graded.as_slice() {
        [.., a, b] if last.grade != Grade::Ungraded => {
            match dataset.scheme(scheme).change(*a, *b) {
                Some(d) if d > 0.0 => "↑",
                Some(d) if d < 0.0 => "↓",
                _ => "→",
            }
        }
        _ => " ",
    };
    Some(RowGrade { glyph, rank, trend })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrowing_and_widening_give_what_a_fresh_search_gives() {
        let data = crate::generate::dataset(500, 9);
        let today = Date::parse("2026-11-22").unwrap();
        let mut index = CouncilIndex::new(&data, today);
        for (query, region) in [
            ("", None),
            ("s", None),
            ("synthetic council 00", None),
            ("synthetic council 001", None),
            ("synthetic council 0012", Some("Synthetic region 3")),
            ("synthetic council 001", Some("Synthetic region 3")),
            ("synthetic council 001", None),
            ("co", None),
            ("& district", None),
        ] {
            let fresh = CouncilIndex::new(&data, today).filter(&data, query, region);
            let mut expected: Vec<usize> = (0..data.councils.len())
                .filter(|&i| {
                    let c = &data.councils[i];
                    (region.is_none() || c.region.as_deref() == region)
                        && find::matches_filter(c, query)
                })
                .collect();
            expected.sort_by_cached_key(|&i| data.councils[i].name.to_lowercase());
            assert_eq!(fresh, expected, "{query}");
            assert_eq!(index.filter(&data, query, region), expected, "{query}");
        }
    }
}
