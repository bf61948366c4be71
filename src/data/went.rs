//! Trajectory search: the councils whose graded ratings in a scheme passed through
//! given levels in order (not necessarily one straight after another), and level names
//! as a user types them (`inadequate`, `outst`).

use super::date::Date;
use super::model::{Dataset, Grade, Scheme, SchemeIx};
use super::timeline::Timeline;
use super::transitions::{months_between, within_months};

/// Why a level a user typed names no level of the scheme.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LevelError {
    #[error("{scheme} has no named levels: it is a numeric scheme")]
    Numeric { scheme: String },
    #[error("no level of {scheme} is called \"{given}\"; levels: {levels}")]
    Unknown {
        scheme: String,
        given: String,
        levels: String,
    },
    #[error("\"{given}\" could be any of {candidates} in {scheme}: type more of the name")]
    Ambiguous {
        scheme: String,
        given: String,
        candidates: String,
    },
    #[error("name at least two levels, separated by commas, e.g. inadequate,outstanding")]
    TooFew,
}

/// The rank of the level `given` names in `scheme`: its name in any case, else the one
/// level whose name starts with it.
pub fn find_level(scheme: &Scheme, given: &str) -> Result<u8, LevelError> {
    let levels = scheme.levels();
    if levels.is_empty() {
        return Err(LevelError::Numeric {
            scheme: scheme.id.clone(),
        });
    }
    let wanted = given.trim().to_lowercase();
    let names: Vec<String> = levels.iter().map(|l| l.to_lowercase()).collect();
    if let Some(rank) = names.iter().position(|n| *n == wanted) {
        return Ok(rank as u8);
    }
    let matches: Vec<usize> = (0..names.len())
        .filter(|&i| !wanted.is_empty() && names[i].starts_with(&wanted))
        .collect();
    match matches[..] {
        [rank] => Ok(rank as u8),
        [] => Err(LevelError::Unknown {
            scheme: scheme.id.clone(),
            given: given.to_owned(),
            levels: levels.join(", "),
        }),
        _ => Err(LevelError::Ambiguous {
            scheme: scheme.id.clone(),
            given: given.to_owned(),
            candidates: matches
                .iter()
                .map(|&i| levels[i].as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// The ranks of the comma-separated levels in `text` (`inadequate,outstanding`), at
/// least two.
pub fn parse_path(scheme: &Scheme, text: &str) -> Result<Vec<u8>, LevelError> {
    let ranks = text
        .split(',')
        .map(|part| find_level(scheme, part))
        .collect::<Result<Vec<u8>, _>>()?;
    if ranks.len() < 2 {
        return Err(LevelError::TooFew);
    }
    Ok(ranks)
}

/// One council's way through the levels asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path {
    /// Index into the dataset's `councils`.
    pub council: usize,
    /// The rating of each step, as indices into the council's `ratings`.
    pub steps: Vec<usize>,
    /// Complete months from the first step to the last.
    pub months: i32,
}

/// The councils whose graded ratings in `scheme` (those the timeline keeps: none after
/// the council's or the scheme's end) passed through `levels` in that order, each with
/// its shortest such path (the earliest of equals); with `within`, only those whose
/// path took no more than that many months. In dataset order.
pub fn went(dataset: &Dataset, scheme: SchemeIx, levels: &[u8], within: Option<u32>) -> Vec<Path> {
    let mut out = Vec::new();
    let Some(&first_level) = levels.first() else {
        return out;
    };
    for (c, council) in dataset.councils.iter().enumerate() {
        let graded: Vec<(usize, u8, Date)> = Timeline::new(dataset, council, scheme)
            .segments
            .iter()
            .filter_map(|s| match s.grade {
                Grade::Level(rank) => Some((s.rating, rank, s.from)),
                _ => None,
            })
            .collect();
        let mut best: Option<(i32, Vec<usize>, Date, Date)> = None;
        for start in (0..graded.len()).filter(|&i| graded[i].1 == first_level) {
            // From this start, the earliest rating at each later level ends soonest.
            let mut steps = vec![start];
            for &level in &levels[1..] {
                let after = steps.last().copied().unwrap_or(start) + 1;
                match (after..graded.len()).find(|&i| graded[i].1 == level) {
                    Some(i) => steps.push(i),
                    None => break,
                }
            }
            if steps.len() < levels.len() {
                break;
            }
            let (from, to) = (graded[start].2, graded[steps[steps.len() - 1]].2);
            let days = to.first_day() - from.first_day();
            if best.as_ref().is_none_or(|b| days < b.0) {
                best = Some((days, steps, from, to));
            }
        }
        let Some((_, steps, from, to)) = best else {
            continue;
        };
        if within.is_some_and(|m| !within_months(from, to, m)) {
            continue;
        }
        out.push(Path {
            council: c,
            steps: steps.iter().map(|&i| graded[i].0).collect(),
            months: months_between(from, to),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::parse;

    const DATA: &str = r#"Dataset(
        title: "t",
        schemes: [
            Scheme(id: "cs", name: "CS", body: "Ofsted", scale: Ordinal(["Inadequate", "Requires improvement to be good", "Good", "Outstanding"])),
            Scheme(id: "load", name: "Load", body: "C", scale: Numeric(unit: "children", better: Lower)),
            Scheme(id: "g", name: "G", body: "C", scale: Ordinal(["Good", "Great"])),
        ],
        councils: [
            Council(id: "a", name: "A", ratings: [
                Rating(scheme: "cs", date: "2010-01-01", level: "Inadequate"),
                Rating(scheme: "cs", date: "2014-01-01", level: "Inadequate"),
                Rating(scheme: "cs", date: "2016-01-01", level: "Good"),
                Rating(scheme: "cs", date: "2020-03-01", level: "Outstanding"),
            ]),
            Council(id: "b", name: "B", ratings: [
                Rating(scheme: "cs", date: "2012", level: "Outstanding"),
                Rating(scheme: "cs", date: "2015", level: "Inadequate"),
            ]),
            Council(id: "c", name: "C", ratings: [
                Rating(scheme: "cs", date: "2015-06-01", level: "Inadequate"),
                Rating(scheme: "cs", date: "2017-06-01", level: "Outstanding"),
            ]),
        ],
    )"#;

    #[test]
    fn levels_are_named_in_any_case_or_by_an_unambiguous_prefix() {
        let data = parse(DATA, "t").unwrap().dataset;
        let cs = data.scheme(0);
        assert_eq!(find_level(cs, "OUTSTANDING"), Ok(3));
        assert_eq!(find_level(cs, "req"), Ok(1));
        assert_eq!(find_level(cs, " good "), Ok(2));
        assert_eq!(find_level(cs, "in"), Ok(0));
        assert!(matches!(
            find_level(data.scheme(2), "g"),
            Err(LevelError::Ambiguous { .. })
        ));
        assert_eq!(find_level(data.scheme(2), "gre"), Ok(1));
        assert!(matches!(
            find_level(cs, "bad"),
            Err(LevelError::Unknown { .. })
        ));
        assert!(matches!(
            find_level(data.scheme(1), "good"),
            Err(LevelError::Numeric { .. })
        ));
        assert_eq!(parse_path(cs, "inad"), Err(LevelError::TooFew));
        assert_eq!(parse_path(cs, "inad,g,o"), Ok(vec![0, 2, 3]));
    }

    #[test]
    fn a_path_passes_through_the_levels_in_order_by_its_shortest_way() {
        let data = parse(DATA, "t").unwrap().dataset;
        let found = went(&data, 0, &[0, 3], None);
        let ids: Vec<(&str, i32)> = found
            .iter()
            .map(|p| (data.councils[p.council].id.as_str(), p.months))
            .collect();
        assert_eq!(ids, [("a", 74), ("c", 24)], "B went the other way");
        assert_eq!(found[0].steps, [1, 3], "from the later Inadequate");
        let quick = went(&data, 0, &[0, 3], Some(24));
        assert_eq!(quick.len(), 1);
        assert_eq!(data.councils[quick[0].council].id, "c");
        assert_eq!(went(&data, 0, &[0, 2, 3], None).len(), 1);
    }
}
