//! What the council list needs at every keystroke, worked out once per dataset: each
//! council's names folded for the fuzzy filter, the name order, its trajectory and
//! list row in the main scheme; and the last filter's result, which a longer query
//! narrows instead of searching every council again.

use nucleo_matcher::pattern::Pattern;
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::data::find::{self, letters, pattern};
use crate::data::metrics::Trajectory;
use crate::data::model::{Dataset, Grade, SchemeIx};
use crate::data::{Date, Timeline};

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
    /// Every council's names as the filter matches them ([`find::filter_names`]),
    /// councils in name order, in one block so a search reads memory in order.
    names: Names,
    /// Council indices by lowercase name (ties in dataset order): a council's place
    /// here is its rank, by which the filter knows it.
    by_name: Vec<usize>,
    /// Each council's region, by rank, as a place in `regions` (`u32::MAX` for none):
    /// a region filter then never reads the councils themselves.
    region_by_rank: Vec<u32>,
    /// The regions, sorted.
    regions: Vec<String>,
    /// The main scheme the list shows and sorts by.
    pub main_scheme: Option<SchemeIx>,
    /// Each council's trajectory in the main scheme.
    pub trajectories: Vec<Trajectory>,
    /// Each council's list row grade in the main scheme.
    pub rows: Vec<Option<RowGrade>>,
    /// The matcher's scratch space (some 135 KB), made at the first search and kept
    /// between keystrokes.
    matcher: Option<Matcher>,
    /// The last filter: its folded query, region, and the ranks of the councils it
    /// kept, ascending.
    last: Option<(String, Option<String>, Vec<u32>)>,
}

/// Names for the matcher, stored as it reads them: ASCII names as bytes, the others
/// as `char`s (the matcher's indices count `char`s, as the highlighter does).
#[derive(Debug, Default)]
struct Names {
    ascii: Vec<u8>,
    wide: Vec<char>,
    /// Each name: its start in `ascii` or `wide`, its length, whether it is wide.
    spans: Vec<(u32, u32, bool)>,
    /// Each name's [`letters`]: a query needing a letter a name lacks skips it.
    letters: Vec<u64>,
    /// Where each council's names start in `spans`, by rank; one more than councils.
    starts: Vec<u32>,
}

impl Names {
    fn push(&mut self, name: &str) {
        let span = if name.is_ascii() {
            let start = self.ascii.len();
            self.ascii.extend_from_slice(name.as_bytes());
            self.letters.push(letters(name));
            (start, self.ascii.len() - start, false)
        } else {
            let start = self.wide.len();
            self.wide.extend(name.chars());
            // Matched with accents read as plain letters: no letter is ruled out.
            self.letters.push(u64::MAX);
            (start, self.wide.len() - start, true)
        };
        self.spans.push((span.0 as u32, span.1 as u32, span.2));
    }

    /// The best score `pattern` (which needs `needs`) gets against the names of the
    /// council of `rank`.
    fn best(&self, rank: u32, pattern: &Pattern, needs: u64, matcher: &mut Matcher) -> Option<u32> {
        let rank = rank as usize;
        let names = self.starts[rank] as usize..self.starts[rank + 1] as usize;
        let haystacks = names
            .filter(|&n| self.letters[n] & needs == needs)
            .map(|n| {
                let (start, len, wide) = self.spans[n];
                let (start, end) = (start as usize, (start + len) as usize);
                if wide {
                    Utf32Str::Unicode(&self.wide[start..end])
                } else {
                    Utf32Str::Ascii(&self.ascii[start..end])
                }
            });
        find::best_score(haystacks, pattern, matcher)
    }
}

impl CouncilIndex {
    /// Works out the index of `dataset` as of `today`.
    pub fn new(dataset: &Dataset, today: Date) -> Self {
        // The lookup and the trajectories are independent: on a large dataset they
        // are worked out on two threads.
        let (lookup, trajectories) = if dataset.councils.len() >= PARALLEL_COUNCILS {
            std::thread::scope(|scope| {
                let lookup = scope.spawn(|| lookup(dataset));
                let trajectories = trajectories(dataset, today);
                let lookup = match lookup.join() {
                    Ok(lookup) => lookup,
                    Err(panic) => std::panic::resume_unwind(panic),
                };
                (lookup, trajectories)
            })
        } else {
            (lookup(dataset), trajectories(dataset, today))
        };
        let Lookup {
            names,
            by_name,
            region_by_rank,
            regions,
        } = lookup;
        let (main_scheme, trajectories, rows) = trajectories;
        Self {
            names,
            by_name,
            region_by_rank,
            regions,
            main_scheme,
            trajectories,
            rows,
            matcher: None,
            last: None,
        }
    }

    /// The last query [`filter`](Self::filter) was given, folded as it folds queries.
    pub fn last_query(&self) -> Option<&str> {
        self.last.as_ref().map(|(key, _, _)| key.as_str())
    }

    /// The councils of `region` (any, for `None`) that `query` finds, best match
    /// first.
    ///
    /// The query is folded as names are (case, punctuation and `&` ignored) and each
    /// word of it is matched fuzzily (its letters in order, gaps allowed: `bham` finds
    /// Birmingham) against one of a council's names (name, aliases, ONS code, and
    /// abbreviated or written-out forms: `saint` finds St. Helens); every word must
    /// match the same name, in any order (`hamlets tower`). A council scores its best
    /// name; equal scores, and the empty query (every council), go in name order. A
    /// query that holds the last one (same region) searches only what the last one
    /// kept: each of the last query's words is then part of one of the new query's
    /// words, and a word matches wherever a longer word holding it does.
    pub fn filter(&mut self, query: &str, region: Option<&str>) -> Vec<usize> {
        let key = find::filter_key(query);
        let by_name = &self.by_name;
        // A region no council is in keeps none.
        let wanted = region.map(|r| {
            self.regions
                .binary_search_by(|x| x.as_str().cmp(r))
                .map_or(u32::MAX - 1, |at| at as u32)
        });
        let region_by_rank = &self.region_by_rank;
        let in_region = |rank: u32| wanted.is_none_or(|w| region_by_rank[rank as usize] == w);
        if key.is_empty() {
            self.last = None;
            return (0..by_name.len() as u32)
                .filter(|&rank| in_region(rank))
                .map(|rank| by_name[rank as usize])
                .collect();
        }
        let region_owned = region.map(str::to_owned);
        let from: Vec<u32> = match self.last.take() {
            Some((last, last_region, kept))
                if last_region == region_owned && key.contains(last.as_str()) =>
            {
                kept
            }
            _ => (0..by_name.len() as u32).collect(),
        };
        let pattern = pattern(&key);
        let needs = letters(&key);
        let names = &self.names;
        let matcher = self
            .matcher
            .get_or_insert_with(|| Matcher::new(Config::DEFAULT));
        // Each council found, with its score, in rank order.
        let found: Vec<(u32, u32)> = from
            .iter()
            .filter(|&&rank| in_region(rank))
            .filter_map(|&rank| Some((names.best(rank, &pattern, needs, matcher)?, rank)))
            .collect();
        let listed = best_first(&found)
            .into_iter()
            .map(|rank| by_name[rank as usize])
            .collect();
        let kept = found.into_iter().map(|(_, rank)| rank).collect();
        self.last = Some((key, region_owned, kept));
        listed
    }
}

/// The ranks of `found` (score and rank, in rank order) by score, best first, equal
/// scores in rank order. Scores are few and small, so they are counted into place
/// rather than compared.
fn best_first(found: &[(u32, u32)]) -> Vec<u32> {
    let top = found.iter().map(|&(score, _)| score).max().unwrap_or(0) as usize;
    if top >= 1 << 20 {
        let mut sorted = found.to_vec();
        // Stable: equal scores stay in rank order.
        sorted.sort_by_key(|&(score, _)| std::cmp::Reverse(score));
        return sorted.into_iter().map(|(_, rank)| rank).collect();
    }
    // Where each score's councils start in the result, the best score first.
    let mut next = vec![0u32; top + 1];
    for &(score, _) in found {
        next[score as usize] += 1;
    }
    let mut at = 0;
    for slot in next.iter_mut().rev() {
        let count = *slot;
        *slot = at;
        at += count;
    }
    let mut out = vec![0; found.len()];
    for &(score, rank) in found {
        let slot = &mut next[score as usize];
        out[*slot as usize] = rank;
        *slot += 1;
    }
    out
}

/// The characters of a council's name that the live filter matched, for the list to
/// highlight: made once per frame, asked only about the rows drawn.
pub struct Highlighter {
    pattern: Pattern,
    matcher: Matcher,
}

impl Highlighter {
    /// A highlighter for `query`; `None` when the query has no word to highlight.
    pub fn new(query: &str) -> Option<Self> {
        let pattern = pattern(&find::filter_key(query));
        (!pattern.atoms.is_empty()).then(|| Self {
            pattern,
            matcher: Matcher::new(Config::DEFAULT),
        })
    }

    /// The indices of the characters of `name` (counted in `char`s) that the query's
    /// best match in the name covers, ascending; none when every word of the query is
    /// not found in the name itself (the council was found by an alias or its code).
    pub fn name_chars(&mut self, name: &str) -> Vec<usize> {
        let mut best: Option<(u32, Vec<usize>)> = None;
        let mut indices = Vec::new();
        for form in find::filter_forms(name) {
            // The forms' characters, not graphemes, so indices line up with `from`.
            let chars: Vec<char> = form.text.chars().collect();
            let haystack = if form.text.is_ascii() {
                Utf32Str::Ascii(form.text.as_bytes())
            } else {
                Utf32Str::Unicode(&chars)
            };
            indices.clear();
            let Some(score) = self
                .pattern
                .indices(haystack, &mut self.matcher, &mut indices)
            else {
                continue;
            };
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                let mut covered: Vec<usize> = indices
                    .iter()
                    .filter_map(|&k| form.from.get(k as usize).copied().flatten())
                    .collect();
                covered.sort_unstable();
                covered.dedup();
                best = Some((score, covered));
            }
        }
        best.map(|(_, covered)| covered).unwrap_or_default()
    }
}

/// Councils past which the index is worked out on two threads.
const PARALLEL_COUNCILS: usize = 5000;

/// What the filter looks councils up by: see [`CouncilIndex`]'s fields.
struct Lookup {
    names: Names,
    by_name: Vec<usize>,
    region_by_rank: Vec<u32>,
    regions: Vec<String>,
}

/// Every council's names as the filter matches them and its region, by rank, and the
/// councils in name order.
fn lookup(dataset: &Dataset) -> Lookup {
    let councils = dataset.councils.len();
    // First in dataset order, reading the councils from memory in order: each one's
    // names, one after another in `folded`, and its region's number.
    let (mut folded, mut ends, mut starts) = (String::new(), Vec::new(), Vec::new());
    let (mut text, mut council_ends) = (String::new(), Vec::new());
    let mut numbers: std::collections::HashMap<&str, u32> = Default::default();
    let mut region_of = Vec::with_capacity(councils);
    starts.reserve(councils + 1);
    for council in &dataset.councils {
        starts.push(ends.len());
        find::filter_names_into(council, &mut text, &mut council_ends);
        let base = folded.len();
        folded.push_str(&text);
        ends.extend(council_ends.iter().map(|&end| base + end));
        region_of.push(council.region.as_deref().map_or(u32::MAX, |region| {
            let next = numbers.len() as u32;
            *numbers.entry(region).or_insert(next)
        }));
    }
    starts.push(ends.len());
    // The regions sorted, and each number's place among them.
    let mut regions: Vec<(&str, u32)> = numbers.into_iter().collect();
    regions.sort_unstable();
    let mut place = vec![0; regions.len()];
    for (at, &(_, number)) in regions.iter().enumerate() {
        place[number as usize] = at as u32;
    }
    let mut by_name: Vec<usize> = (0..councils).collect();
    by_name.sort_by_cached_key(|&i| dataset.councils[i].name.to_lowercase());
    // Then by rank, as the filter reads them.
    let mut names = Names::default();
    names.starts.reserve(councils + 1);
    let mut region_by_rank = Vec::with_capacity(councils);
    for &i in &by_name {
        names.starts.push(names.spans.len() as u32);
        let mut start = if starts[i] == 0 {
            0
        } else {
            ends[starts[i] - 1]
        };
        for &end in &ends[starts[i]..starts[i + 1]] {
            names.push(&folded[start..end]);
            start = end;
        }
        region_by_rank.push(match region_of[i] {
            u32::MAX => u32::MAX,
            number => place[number as usize],
        });
    }
    names.starts.push(names.spans.len() as u32);
    Lookup {
        names,
        by_name,
        region_by_rank,
        regions: regions.into_iter().map(|(r, _)| r.to_owned()).collect(),
    }
}

/// The main scheme, and each council's trajectory and list row grade in it.
#[allow(clippy::type_complexity)]
fn trajectories(
    dataset: &Dataset,
    today: Date,
) -> (Option<SchemeIx>, Vec<Trajectory>, Vec<Option<RowGrade>>) {
    let main_scheme = dataset.main_scheme();
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
    // The events pane's change, one definition: against the council's rating just
    // before in the scheme, none across an assessment that gave no grade.
    let latest = timeline.ratings.last().copied();
    let trend = match latest.and_then(|i| crate::data::timeline::change(dataset, council, i)) {
        Some(d) if d > 0.0 => "↑",
        Some(d) if d < 0.0 => "↓",
        Some(_) => "→",
        None => " ",
    };
    Some(RowGrade { glyph, rank, trend })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the filter should give, worked out the plain way by the command line's
    /// matcher ([`find::ranked`]): the index is a faster road to the same list.
    fn reference(data: &Dataset, query: &str, region: Option<&str>) -> Vec<usize> {
        let all: Vec<usize> = if find::filter_key(query).is_empty() {
            let mut all: Vec<usize> = (0..data.councils.len()).collect();
            all.sort_by_cached_key(|&i| data.councils[i].name.to_lowercase());
            all
        } else {
            find::ranked(data, query)
                .into_iter()
                .map(|(i, _)| i)
                .collect()
        };
        all.into_iter()
            .filter(|&i| region.is_none() || data.councils[i].region.as_deref() == region)
            .collect()
    }

    #[test]
    fn narrowing_and_widening_give_what_a_fresh_search_gives() {
        let data = crate::generate::dataset(500, 9);
        let today = Date::parse("2026-11-22").unwrap();
        let mut index = CouncilIndex::new(&data, today);
        let mut queries: Vec<(String, Option<&str>)> = Vec::new();
        // Typed a character at a time, then taken back, in and out of a region: a
        // council's name, a second word from another's, then part of an ONS code.
        let name = |i: usize| data.councils[i].name.to_lowercase();
        let code = data.councils[7].code.clone().unwrap_or_default();
        let typed = format!(
            "{} {} & {}",
            &name(3)[..4],
            &name(11)[2..],
            &code[code.len() - 3..]
        );
        let steps: Vec<usize> = typed.char_indices().map(|(at, _)| at).collect();
        for &end in steps.iter().chain(steps.iter().rev()) {
            let region = (end % 7 < 3).then_some("Synthetic region 3");
            queries.push((typed[..end].to_owned(), region));
        }
        queries.push((typed.clone(), None));
        queries.push((typed.clone(), Some("Nowhere")));
        for query in [
            "s".to_owned(),
            name(5),
            format!("{} {}", &name(9)[3..], &name(9)[..2]),
            "co".to_owned(),
            "0012".to_owned(),
            "zzzz".to_owned(),
        ] {
            queries.push((query, None));
        }
        for (query, region) in &queries {
            let expected = reference(&data, query, *region);
            let fresh = CouncilIndex::new(&data, today).filter(query, *region);
            assert_eq!(fresh, expected, "{query:?} in {region:?}");
            assert_eq!(
                index.filter(query, *region),
                expected,
                "{query:?} in {region:?}, after the query before"
            );
        }
    }

    #[test]
    fn the_empty_query_lists_every_council_in_name_order() {
        let data = crate::generate::dataset(50, 3);
        let today = Date::parse("2026-11-22").unwrap();
        let listed = CouncilIndex::new(&data, today).filter("", None);
        let mut expected: Vec<usize> = (0..data.councils.len()).collect();
        expected.sort_by_cached_key(|&i| data.councils[i].name.to_lowercase());
        assert_eq!(listed, expected);
    }

    #[test]
    fn the_highlighter_marks_the_letters_of_the_name_it_matched() {
        let mut words = Highlighter::new("twr ham").unwrap();
        assert_eq!(words.name_chars("Tower Hamlets"), [0, 2, 4, 6, 7, 8]);
        let mut saint = Highlighter::new("saint helens").unwrap();
        let chars = saint.name_chars("St. Helens");
        assert_eq!(chars, [0, 1, 4, 5, 6, 7, 8, 9], "S, t and Helens");
        // Found by its alias only: nothing of the name is marked.
        let mut alias = Highlighter::new("city of bristol").unwrap();
        assert!(alias.name_chars("Bristol").is_empty());
        assert!(Highlighter::new(" .. ").is_none());
    }
}

#[cfg(test)]
mod trend {
    use super::*;

    /// Good, then an assessment with no grade, then Outstanding: the list's arrow and
    /// the events pane's change agree that nothing is compared across the gap.
    #[test]
    fn the_list_trend_is_the_events_change() {
        let data = crate::data::load::parse(
            r#"Dataset(title: "t", schemes: [Scheme(id: "cs", name: "CS", body: "Ofsted",
                scale: Ordinal(["Inadequate", "Requires improvement to be good", "Good", "Outstanding"]))],
            councils: [Council(id: "a", name: "A", ratings: [
                Rating(scheme: "cs", date: "2015", level: "Good"),
                Rating(scheme: "cs", date: "2019", level: None),
                Rating(scheme: "cs", date: "2024", level: "Outstanding"),
            ]), Council(id: "b", name: "B", ratings: [
                Rating(scheme: "cs", date: "2015", level: "Good"),
                Rating(scheme: "cs", date: "2024", level: "Outstanding"),
            ])])"#,
            "t",
        )
        .unwrap()
        .dataset;
        let index = CouncilIndex::new(&data, Date::parse("2026-11-22").unwrap());
        let trend = |c: usize| index.rows[c].map(|r| r.trend);
        assert_eq!(
            crate::data::timeline::change(&data, &data.councils[0], 2),
            None
        );
        assert_eq!(trend(0), Some(" "));
        assert_eq!(trend(1), Some("↑"));
    }
}
