//! Timeline maths shared by every view: how long each rating holds, why there is no
//! rating where there is none, what holds at a date, and how each rating changed on
//! the one before it.
//!
//! A rating holds from its date until the first of: the council's next rating in the
//! same scheme; for a scheme published in rounds, the round after its own; for a
//! sub-judgement, the council's next rating in the parent scheme; the scheme's end;
//! the council's end. A numeric rating is a measurement: it is joined to the next
//! measurement and never drawn past the last one.

use super::date::Date;
use super::model::{Council, Dataset, Grade, Rating, SchemeIx};

/// A stretch of time over which one graded rating held.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    pub from: Date,
    /// Exclusive end; `None` while the rating still holds. A council's last numeric
    /// measurement has `to == Some(from)`: a point, drawn no further.
    pub to: Option<Date>,
    pub grade: Grade,
    /// Index into the council's `ratings`.
    pub rating: usize,
}

/// Why a council has no rating in a scheme over some stretch of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// Before its first rating.
    NotYet,
    /// The latest assessment gave no grade here: its own, or an assessment in the
    /// parent scheme that did not grade this part.
    Ungraded,
    /// A round whose result for this council the dataset does not hold.
    Unknown,
    SchemeEnded,
    CouncilEnded,
}

/// A stretch of time with no rating, and why.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gap {
    pub from: Date,
    /// Exclusive end; `None` for good (an end) or while it lasts.
    pub to: Option<Date>,
    pub why: Why,
    /// The assessment that gave no grade, for [`Why::Ungraded`].
    pub rating: Option<usize>,
}

/// One council's history in one scheme.
#[derive(Clone, Debug)]
pub struct Timeline {
    pub scheme: SchemeIx,
    /// Indices into the council's `ratings`, oldest first.
    pub ratings: Vec<usize>,
    pub segments: Vec<Segment>,
    /// Every stretch after the first rating (or the first round the council missed)
    /// with no rating, oldest first; the time before it is [`Why::NotYet`].
    pub gaps: Vec<Gap>,
    /// The scheme's rounds, for naming the round a [`Reading::Unknown`] falls in.
    rounds: Vec<Date>,
}

/// What a timeline says about one date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reading {
    /// A graded rating holds (for a numeric scheme: between two measurements).
    Holds(Segment),
    /// After a council's last numeric measurement: the figure is not carried on.
    LastMeasured(Segment),
    /// The latest assessment gave no grade here (a gap, not the lowest level).
    Ungraded { since: Date, rating: usize },
    /// The round in force on this date, whose result the dataset does not hold.
    Unknown { round: Option<Date> },
    /// The scheme ended on this date or before.
    SchemeEnded(Date),
    /// The council ended on this date or before.
    CouncilEnded(Date),
    /// No rating yet.
    NotYet,
}

impl Reading {
    /// The reading in words: "Good since 2019-07-22", "unknown: no 2006 rating in this
    /// dataset", "no rating: council ended 2021-04".
    pub fn describe(self, dataset: &Dataset, council: &Council, scheme: SchemeIx) -> String {
        let grade = |s: Segment| dataset.scheme(scheme).describe(s.grade);
        match self {
            Reading::Holds(s) => format!("{} since {}", grade(s), s.from),
            Reading::LastMeasured(s) => format!("last measured {} on {}", grade(s), s.from),
            Reading::Ungraded { since, .. } => format!("no grade given since {since}"),
            Reading::Unknown { round: Some(round) } => format!(
                "unknown: no {} rating in this dataset",
                round_name(&dataset.scheme(scheme).rounds, round)
            ),
            Reading::Unknown { round: None } => "unknown: not in this dataset".to_owned(),
            Reading::SchemeEnded(until) => format!("no rating: scheme ended {until}"),
            Reading::CouncilEnded(ended) => format!("no rating: council ended {ended}"),
            Reading::NotYet => match council.started {
                Some(start) if council.ratings.iter().all(|r| r.scheme != scheme) => {
                    format!("not yet rated (council began {start})")
                }
                _ => "not yet rated".to_owned(),
            },
        }
    }

    /// Why there is no rating, for any reading but a rating in force.
    pub fn why(self) -> Option<Why> {
        match self {
            Reading::Holds(_) | Reading::LastMeasured(_) => None,
            Reading::Ungraded { .. } => Some(Why::Ungraded),
            Reading::Unknown { .. } => Some(Why::Unknown),
            Reading::SchemeEnded(_) => Some(Why::SchemeEnded),
            Reading::CouncilEnded(_) => Some(Why::CouncilEnded),
            Reading::NotYet => Some(Why::NotYet),
        }
    }
}

/// A round as people name it: its year, or its month where one year had two rounds
/// (the 2002 star ratings came in May and November).
fn round_name(rounds: &[Date], round: Date) -> String {
    let year = round.year_number();
    let same_year = rounds.iter().filter(|r| r.year_number() == year).count();
    if same_year > 1 && round.precision() != super::date::Precision::Year {
        round.to_string().get(..7).unwrap_or_default().to_owned()
    } else {
        year.to_string()
    }
}

/// The round after the one `date` falls in: the first round starting after `date`'s
/// period ends (a rating dated "2002-05" belongs to the round of 2002-05-30).
fn next_round(rounds: &[Date], date: Date) -> Option<Date> {
    let last = date.last_day();
    rounds.iter().copied().find(|r| r.first_day() > last)
}

impl Timeline {
    /// The timeline of `council` in `scheme`.
    pub fn new(dataset: &Dataset, council: &Council, scheme: SchemeIx) -> Self {
        let def = dataset.scheme(scheme);
        let ratings: Vec<usize> = council
            .ratings
            .iter()
            .enumerate()
            .filter(|(_, r)| r.scheme == scheme)
            .map(|(i, _)| i)
            .collect();
        let end = hard_end(dataset, council, scheme);
        let rounds = &def.rounds;
        // Each rating in the parent scheme ends a sub-judgement older than it.
        let parent: Vec<(Date, usize)> = def.parent.map_or_else(Vec::new, |p| {
            council
                .ratings
                .iter()
                .enumerate()
                .filter(|(_, r)| r.scheme == p)
                .map(|(i, r)| (r.date, i))
                .collect()
        });
        // Where a stretch without news ends: the council's next rating, else the end.
        let until_next = |k: usize| -> Option<Date> {
            let next = ratings.get(k + 1).map(|&j| council.ratings[j].date);
            match (next, end) {
                (Some(n), Some((e, _))) => Some(n.min(e)),
                (n, e) => n.or(e.map(|(e, _)| e)),
            }
        };
        let mut segments = Vec::new();
        let mut gaps = Vec::new();

        // A scheme published in rounds: the rounds before the first rating that the
        // council existed for are unknown, not "not yet rated".
        if let Some(&first) = ratings.first() {
            let date = council.ratings[first].date;
            // The rounds before the one the first rating falls in.
            let own = rounds.partition_point(|r| r.first_day() <= date.last_day());
            let missed = rounds[..own.saturating_sub(1)]
                .iter()
                .copied()
                .find(|&r| council.started.is_none_or(|s| s <= r));
            if let Some(round) = missed {
                gaps.push(Gap {
                    from: round,
                    to: Some(date),
                    why: Why::Unknown,
                    rating: None,
                });
            }
        }

        for (k, &i) in ratings.iter().enumerate() {
            let rating = &council.ratings[i];
            if end.is_some_and(|(e, _)| rating.date >= e) {
                break;
            }
            let next = ratings.get(k + 1).map(|&j| council.ratings[j].date);
            // The first thing to stop this rating: when, and the gap it opens (`None`:
            // the next rating takes over) with the assessment behind that gap.
            let mut stop: Option<(Date, Option<Why>, Option<usize>)> =
                next.map(|n| (n, None, None));
            let mut consider = |date: Date, why: Why, by: Option<usize>| {
                if stop.is_none_or(|(s, _, _)| date < s) {
                    stop = Some((date, Some(why), by));
                }
            };
            if let Some(round) = next_round(rounds, rating.date) {
                consider(round, Why::Unknown, None);
            }
            if let Some(&(p, by)) = parent.iter().find(|(p, _)| *p > rating.date) {
                // In a scheme with rounds, the parent's next round may well have graded
                // this part: the dataset just does not hold it.
                match rounds.is_empty() {
                    true => consider(p, Why::Ungraded, Some(by)),
                    false => consider(p, Why::Unknown, None),
                }
            }
            if let Some((e, why)) = end {
                consider(e, why, None);
            }
            let to = stop.map(|(d, _, _)| d);
            match rating.grade {
                Grade::Ungraded => gaps.push(Gap {
                    from: rating.date,
                    to,
                    why: Why::Ungraded,
                    rating: Some(i),
                }),
                Grade::Value(_) if next.is_none() => {
                    segments.push(Segment {
                        from: rating.date,
                        to: Some(rating.date),
                        grade: rating.grade,
                        rating: i,
                    });
                    continue;
                }
                grade => segments.push(Segment {
                    from: rating.date,
                    to,
                    grade,
                    rating: i,
                }),
            }
            if let Some((from, Some(why), by)) = stop
                && !matches!(why, Why::SchemeEnded | Why::CouncilEnded)
            {
                gaps.push(Gap {
                    from,
                    to: until_next(k),
                    why,
                    rating: by,
                });
            }
        }
        if let (Some((e, why)), Some(&first)) = (end, ratings.first())
            && council.ratings[first].date < e
        {
            gaps.push(Gap {
                from: e,
                to: None,
                why,
                rating: None,
            });
        }
        Self {
            scheme,
            ratings,
            segments,
            gaps,
            rounds: rounds.clone(),
        }
    }

    /// Every scheme `council` has a rating in, in the dataset's scheme order.
    pub fn all(dataset: &Dataset, council: &Council) -> Vec<Self> {
        let mut schemes: Vec<SchemeIx> = council.ratings.iter().map(|r| r.scheme).collect();
        schemes.sort_unstable();
        schemes.dedup();
        schemes
            .into_iter()
            .map(|s| Self::new(dataset, council, s))
            .collect()
    }

    /// What held on `date`.
    pub fn at(&self, dataset: &Dataset, council: &Council, date: Date) -> Reading {
        if let Some((e, why)) = hard_end(dataset, council, self.scheme)
            && date >= e
        {
            return match why {
                Why::CouncilEnded => Reading::CouncilEnded(e),
                _ => Reading::SchemeEnded(e),
            };
        }
        let within = |from: Date, to: Option<Date>| from <= date && to.is_none_or(|t| date < t);
        if let Some(segment) = self.segments.iter().find(|s| within(s.from, s.to)) {
            return Reading::Holds(*segment);
        }
        if let Some(gap) = self.gaps.iter().find(|g| within(g.from, g.to)) {
            return match gap.why {
                Why::Ungraded => Reading::Ungraded {
                    since: gap.from,
                    rating: gap.rating.unwrap_or_default(),
                },
                Why::Unknown => Reading::Unknown {
                    round: self.rounds.iter().copied().rfind(|r| *r <= date),
                },
                Why::NotYet => Reading::NotYet,
                Why::SchemeEnded => Reading::SchemeEnded(gap.from),
                Why::CouncilEnded => Reading::CouncilEnded(gap.from),
            };
        }
        match self.segments.last() {
            Some(last) if last.to == Some(last.from) && last.from <= date => {
                Reading::LastMeasured(*last)
            }
            _ => Reading::NotYet,
        }
    }

    /// What held for `council` in `scheme` on `date`, for views that read one date
    /// across many councils.
    pub fn reading(dataset: &Dataset, council: &Council, scheme: SchemeIx, date: Date) -> Reading {
        Self::new(dataset, council, scheme).at(dataset, council, date)
    }

    /// Where `council` stood in `scheme` on `date`, whether or not it was ever rated
    /// there: ended, not yet begun, unknown (a round it existed for, or a figure every
    /// council has, that the dataset lacks) or not yet rated.
    pub fn standing(dataset: &Dataset, council: &Council, scheme: SchemeIx, date: Date) -> Reading {
        let def = dataset.scheme(scheme);
        if let Some(ended) = council.ended
            && date >= ended
            && def.until.is_none_or(|u| ended < u)
        {
            return Reading::CouncilEnded(ended);
        }
        if let Some(until) = def.until
            && date >= until
        {
            return Reading::SchemeEnded(until);
        }
        if !council.existed(date) {
            return Reading::NotYet;
        }
        if council.ratings.iter().any(|r| r.scheme == scheme) {
            return Self::reading(dataset, council, scheme, date);
        }
        let round = def.rounds.iter().copied().rfind(|&r| r <= date);
        let missed = def
            .rounds
            .iter()
            .any(|&r| r <= date && council.started.is_none_or(|s| s <= r));
        if missed || matches!(def.scale, super::model::Scale::Numeric { .. }) {
            Reading::Unknown { round }
        } else {
            Reading::NotYet
        }
    }

    /// The most recent rating, graded or not.
    pub fn latest<'c>(&self, council: &'c Council) -> Option<&'c Rating> {
        self.ratings.last().map(|&i| &council.ratings[i])
    }
}

/// The earlier of the scheme's end and the council's, and which it is.
fn hard_end(dataset: &Dataset, council: &Council, scheme: SchemeIx) -> Option<(Date, Why)> {
    let scheme_end = dataset.scheme(scheme).until.map(|d| (d, Why::SchemeEnded));
    let council_end = council.ended.map(|d| (d, Why::CouncilEnded));
    match (scheme_end, council_end) {
        (Some(s), Some(c)) => Some(if c.0 < s.0 { c } else { s }),
        (s, c) => s.or(c),
    }
}

/// How `council.ratings[index]` moved against the previous rating in its scheme:
/// positive is better. `None` for a first rating, or next to an ungraded one.
pub fn change(dataset: &Dataset, council: &Council, index: usize) -> Option<f64> {
    let rating = council.ratings.get(index)?;
    let previous = council.ratings[..index]
        .iter()
        .rev()
        .find(|r| r.scheme == rating.scheme)?;
    dataset
        .scheme(rating.scheme)
        .change(previous.grade, rating.grade)
}

/// How a change reads next to a rating: `▲ up 2` / `▼ down 1` / `= same` on named
/// levels; `▲ better by 9` / `▼ worse by 3` on a numeric scheme (whichever way it
/// counts as better). `None` where [`change`] is `None`.
pub fn change_label(dataset: &Dataset, council: &Council, index: usize) -> Option<String> {
    let by = change(dataset, council, index)?;
    let rating = &council.ratings[index];
    // Round away float noise such as 9.300000000000001 before printing.
    let amount = super::model::format_value((by.abs() * 1e6).round() / 1e6);
    let numeric = matches!(rating.grade, Grade::Value(_));
    Some(match (by.partial_cmp(&0.0)?, numeric) {
        (std::cmp::Ordering::Equal, _) => "= same".to_owned(),
        (std::cmp::Ordering::Greater, false) => format!("▲ up {amount}"),
        (std::cmp::Ordering::Less, false) => format!("▼ down {amount}"),
        (std::cmp::Ordering::Greater, true) => format!("▲ better by {amount}"),
        (std::cmp::Ordering::Less, true) => format!("▼ worse by {amount}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::parse;

    const DATA: &str = r#"Dataset(
        title: "t",
        schemes: [
            Scheme(id: "stars", name: "Stars", body: "CSCI",
                   scale: Ordinal(["0 stars", "1 star", "2 stars", "3 stars"]), until: "2009-04"),
            Scheme(id: "cs", name: "CS", body: "Ofsted",
                   scale: Ordinal(["Inadequate", "Requires improvement to be good", "Good", "Outstanding"])),
        ],
        councils: [Council(id: "th", name: "Tower Hamlets", ratings: [
            Rating(scheme: "cs", date: "2025-01-13", level: "Outstanding"),
            Rating(scheme: "stars", date: "2002-05", level: "1 star"),
            Rating(scheme: "stars", date: "2004-11", level: "3 stars"),
            Rating(scheme: "cs", date: "2017-04-07", level: "Inadequate"),
            Rating(scheme: "cs", date: "2019-07-22", level: "Good"),
            Rating(scheme: "cs", date: "2026-05", note: "no overall grade"),
        ])],
    )"#;

    fn fixture() -> Dataset {
        parse(DATA, "t.ron").unwrap().dataset
    }

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn a_rating_holds_until_the_next_one_in_its_scheme() {
        let data = fixture();
        let council = &data.councils[0];
        let cs = Timeline::new(&data, council, data.scheme_by_id("cs").unwrap());
        let spans: Vec<(String, Option<String>)> = cs
            .segments
            .iter()
            .map(|s| (s.from.to_string(), s.to.map(|t| t.to_string())))
            .collect();
        assert_eq!(
            spans,
            [
                ("2017-04-07".into(), Some("2019-07-22".into())),
                ("2019-07-22".into(), Some("2025-01-13".into())),
                ("2025-01-13".into(), Some("2026-05".into())),
            ]
        );
    }

    #[test]
    fn the_last_rating_stops_at_the_scheme_end() {
        let data = fixture();
        let council = &data.councils[0];
        let stars = Timeline::new(&data, council, data.scheme_by_id("stars").unwrap());
        assert_eq!(stars.segments.last().unwrap().to, Some(d("2009-04")));
        assert_eq!(
            stars.at(&data, council, d("2009-04")),
            Reading::SchemeEnded(d("2009-04"))
        );
        assert!(
            matches!(stars.at(&data, council, d("2008-12")), Reading::Holds(s) if s.grade == Grade::Level(3))
        );
        assert_eq!(stars.at(&data, council, d("2001")), Reading::NotYet);
    }

    #[test]
    fn an_ungraded_assessment_is_a_gap_not_the_lowest_level() {
        let data = fixture();
        let council = &data.councils[0];
        let cs = Timeline::new(&data, council, data.scheme_by_id("cs").unwrap());
        assert!(
            matches!(cs.at(&data, council, d("2026-06")), Reading::Ungraded { since, .. } if since == d("2026-05"))
        );
        assert!(cs.segments.iter().all(|s| s.grade != Grade::Ungraded));
    }

    /// A dataset in rounds, with a sub-judgement, a council that ended and its
    /// successor, and a measurement.
    const RULES: &str = r#"Dataset(
        title: "t",
        schemes: [
            Scheme(id: "stars", name: "Stars", body: "CSCI", scale: Ordinal(["0 stars", "1 star", "2 stars", "3 stars"]),
                   until: "2009-04", rounds: ["2002-05-30", "2002-11", "2003-11", "2004-11-18", "2005-12-01", "2006-11", "2007-11", "2008-11-26"]),
            Scheme(id: "cs", name: "CS", body: "Ofsted", scale: Ordinal(["Inadequate", "RI", "Good", "Outstanding"])),
            Scheme(id: "cs-leavers", name: "Care leavers", body: "Ofsted", parent: "cs", scale: Ordinal(["Inadequate", "RI", "Good", "Outstanding"])),
            Scheme(id: "caseload", name: "Caseload", body: "Council", scale: Numeric(unit: "children", better: Lower)),
        ],
        councils: [
            Council(id: "hackney", name: "Hackney", ratings: [
                Rating(scheme: "stars", date: "2002-05", level: "1 star"),
                Rating(scheme: "stars", date: "2008-11", level: "3 stars"),
                Rating(scheme: "cs", date: "2014-03", level: "RI"),
                Rating(scheme: "cs-leavers", date: "2014-03", level: "Good"),
                Rating(scheme: "cs", date: "2018-05", level: "Good"),
                Rating(scheme: "caseload", date: "2017-04", value: 25.0),
                Rating(scheme: "caseload", date: "2019-05", value: 16.0),
            ]),
            Council(id: "old", name: "Old", ended: "2019-04", succeeded_by: ["new"], ratings: [
                Rating(scheme: "stars", date: "2004-11", level: "2 stars"),
                Rating(scheme: "cs", date: "2016-06", level: "Inadequate"),
            ]),
            Council(id: "new", name: "New", ratings: [Rating(scheme: "cs", date: "2021-02", level: "Good")]),
        ],
    )"#;

    fn rules() -> Dataset {
        parse(RULES, "t.ron").unwrap().dataset
    }

    fn read(data: &Dataset, council: &str, scheme: &str, date: &str) -> Reading {
        let council = &data.councils[data.council_by_id(council).unwrap()];
        Timeline::reading(data, council, data.scheme_by_id(scheme).unwrap(), d(date))
    }

    #[test]
    fn a_rating_in_rounds_holds_until_the_next_round_then_is_unknown() {
        let data = rules();
        assert!(
            matches!(read(&data, "hackney", "stars", "2002-10"), Reading::Holds(s) if s.grade == Grade::Level(1) && s.to == Some(d("2002-11")))
        );
        assert_eq!(
            read(&data, "hackney", "stars", "2006-01"),
            Reading::Unknown {
                round: Some(d("2005-12-01"))
            },
            "a May 2002 rating says nothing of 2006"
        );
        assert!(
            matches!(read(&data, "hackney", "stars", "2008-12"), Reading::Holds(s) if s.grade == Grade::Level(3))
        );
        let hackney = &data.councils[0];
        let stars = Timeline::new(&data, hackney, 0);
        let gaps: Vec<(String, Option<String>, Why)> = stars
            .gaps
            .iter()
            .map(|g| (g.from.to_string(), g.to.map(|t| t.to_string()), g.why))
            .collect();
        assert_eq!(
            gaps,
            [
                ("2002-11".into(), Some("2008-11".into()), Why::Unknown),
                ("2009-04".into(), None, Why::SchemeEnded),
            ]
        );
    }

    #[test]
    fn rounds_before_the_first_known_rating_are_unknown_and_before_the_first_round_not_yet() {
        let data = rules();
        assert_eq!(read(&data, "old", "stars", "2002-01"), Reading::NotYet);
        assert_eq!(
            read(&data, "old", "stars", "2003-12"),
            Reading::Unknown {
                round: Some(d("2003-11"))
            }
        );
    }

    #[test]
    fn a_sub_judgement_ends_at_the_next_inspection_that_did_not_grade_it() {
        let data = rules();
        assert!(
            matches!(read(&data, "hackney", "cs-leavers", "2017-01"), Reading::Holds(s) if s.grade == Grade::Level(2))
        );
        assert!(
            matches!(read(&data, "hackney", "cs-leavers", "2026-06"), Reading::Ungraded { since, rating } if since == d("2018-05") && data.councils[0].ratings[rating].scheme == 1),
            "the 2018 inspection gave no care leavers grade: {:?}",
            read(&data, "hackney", "cs-leavers", "2026-06")
        );
    }

    #[test]
    fn no_rating_holds_past_the_councils_end_and_its_successor_starts_then() {
        let data = rules();
        assert!(
            matches!(read(&data, "old", "cs", "2019-03"), Reading::Holds(s) if s.to == Some(d("2019-04")))
        );
        assert_eq!(
            read(&data, "old", "cs", "2020"),
            Reading::CouncilEnded(d("2019-04"))
        );
        let new = &data.councils[2];
        assert_eq!(new.started, Some(d("2019-04")));
        assert!(!new.existed(d("2019-03")) && new.existed(d("2019-04")));
        assert!(!data.councils[1].existed(d("2019-04")));
    }

    #[test]
    fn a_measurement_is_joined_to_the_next_and_never_carried_past_the_last() {
        let data = rules();
        assert!(
            matches!(read(&data, "hackney", "caseload", "2018"), Reading::Holds(s) if s.grade == Grade::Value(25.0))
        );
        assert!(
            matches!(read(&data, "hackney", "caseload", "2026"), Reading::LastMeasured(s) if s.grade == Grade::Value(16.0) && s.from == d("2019-05"))
        );
        let caseload = Timeline::new(&data, &data.councils[0], 3);
        assert_eq!(caseload.segments.last().unwrap().to, Some(d("2019-05")));
    }

    #[test]
    fn change_labels_read_up_and_down_by_levels() {
        let data = fixture();
        let council = &data.councils[0];
        let labels: Vec<Option<String>> = (0..council.ratings.len())
            .map(|i| change_label(&data, council, i))
            .collect();
        assert_eq!(
            labels,
            [
                None,
                Some("▲ up 2".into()),
                None,
                Some("▲ up 2".into()),
                Some("▲ up 1".into()),
                None
            ]
        );
    }

    #[test]
    fn change_compares_with_the_previous_rating_of_the_same_scheme() {
        let data = fixture();
        let council = &data.councils[0];
        let changes: Vec<(String, Option<f64>)> = (0..council.ratings.len())
            .map(|i| {
                (
                    council.ratings[i].date.to_string(),
                    change(&data, council, i),
                )
            })
            .collect();
        assert_eq!(
            changes,
            [
                ("2002-05".into(), None),
                ("2004-11".into(), Some(2.0)),
                ("2017-04-07".into(), None),
                ("2019-07-22".into(), Some(2.0)),
                ("2025-01-13".into(), Some(1.0)),
                ("2026-05".into(), None),
            ]
        );
    }
}
