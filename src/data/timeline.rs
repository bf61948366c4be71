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

/// What stops a rating: when, and the gap it opens (`None`: the next rating takes
/// over) with the assessment behind that gap.
type Stop = (Date, Option<Why>, Option<usize>);

/// The rules that end a council's ratings in one scheme (see the module docs), read
/// straight from its ratings, so that one date can be read without a whole timeline.
struct Rules<'a> {
    council: &'a Council,
    rounds: &'a [Date],
    parent: Option<SchemeIx>,
    /// The earlier of the scheme's end and the council's.
    end: Option<(Date, Why)>,
}

impl<'a> Rules<'a> {
    fn new(dataset: &'a Dataset, council: &'a Council, scheme: SchemeIx) -> Self {
        let def = dataset.scheme(scheme);
        Self {
            council,
            rounds: &def.rounds,
            parent: def.parent,
            end: hard_end(dataset, council, scheme),
        }
    }

    /// The first thing to stop `rating`, whose scheme's next rating is dated `next`.
    fn stop(&self, rating: &Rating, next: Option<Date>) -> Option<Stop> {
        let mut stop: Option<Stop> = next.map(|n| (n, None, None));
        let mut consider = |date: Date, why: Why, by: Option<usize>| {
            if stop.is_none_or(|(s, _, _)| date < s) {
                stop = Some((date, Some(why), by));
            }
        };
        if let Some(round) = next_round(self.rounds, rating.date) {
            consider(round, Why::Unknown, None);
        }
        // Each rating in the parent scheme ends a sub-judgement older than it.
        let parent = self.parent.and_then(|p| {
            self.council
                .ratings
                .iter()
                .enumerate()
                .find(|(_, r)| r.scheme == p && r.date > rating.date)
        });
        if let Some((by, p)) = parent {
            // In a scheme with rounds, the parent's next round may well have graded
            // this part: the dataset just does not hold it.
            match self.rounds.is_empty() {
                true => consider(p.date, Why::Ungraded, Some(by)),
                false => consider(p.date, Why::Unknown, None),
            }
        }
        if let Some((e, why)) = self.end {
            consider(e, why, None);
        }
        stop
    }

    /// For a scheme published in rounds, the first round before the council's first
    /// rating here (dated `first`) that it existed for: from then on it is unknown,
    /// not "not yet rated".
    fn missed_round(&self, first: Date) -> Option<Date> {
        let own = self
            .rounds
            .partition_point(|r| r.first_day() <= first.last_day());
        rounds_lived(&self.rounds[..own.saturating_sub(1)], self.council).next()
    }

    /// Where a stretch without news ends: the council's next rating, else the end.
    fn until(&self, next: Option<Date>) -> Option<Date> {
        match (next, self.end) {
            (Some(n), Some((e, _))) => Some(n.min(e)),
            (n, e) => n.or(e.map(|(e, _)| e)),
        }
    }
}

impl Timeline {
    /// The timeline of `council` in `scheme`.
    pub fn new(dataset: &Dataset, council: &Council, scheme: SchemeIx) -> Self {
        let rules = Rules::new(dataset, council, scheme);
        let ratings: Vec<usize> = council
            .ratings
            .iter()
            .enumerate()
            .filter(|(_, r)| r.scheme == scheme)
            .map(|(i, _)| i)
            .collect();
        let mut segments = Vec::new();
        let mut gaps = Vec::new();
        if let Some(&first) = ratings.first() {
            let date = council.ratings[first].date;
            if let Some(round) = rules.missed_round(date) {
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
            if rules.end.is_some_and(|(e, _)| rating.date >= e) {
                break;
            }
            let next = ratings.get(k + 1).map(|&j| council.ratings[j].date);
            let stop = rules.stop(rating, next);
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
                    to: rules.until(next),
                    why,
                    rating: by,
                });
            }
        }
        if let (Some((e, why)), Some(&first)) = (rules.end, ratings.first())
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
        if let Some(end) = hard_end(dataset, council, self.scheme)
            && date >= end.0
        {
            return ended(end);
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
                    round: round_at(&dataset.scheme(self.scheme).rounds, date),
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

    /// What held for `council` in `scheme` on `date`: the same answer as
    /// `Timeline::new(dataset, council, scheme).at(dataset, council, date)`, without
    /// building the timeline, for views that read one date across many councils.
    pub fn reading(dataset: &Dataset, council: &Council, scheme: SchemeIx, date: Date) -> Reading {
        let rules = Rules::new(dataset, council, scheme);
        if let Some(end) = rules.end
            && date >= end.0
        {
            return ended(end);
        }
        // The scheme's first rating, the last on or before `date`, and the next after.
        let (mut first, mut latest, mut next) = (None, None, None);
        for (i, r) in council.ratings.iter().enumerate() {
            if r.scheme != scheme {
                continue;
            }
            first = first.or(Some(r.date));
            if r.date <= date {
                (latest, next) = (Some(i), None);
            } else if next.is_none() {
                next = Some(r.date);
            }
        }
        let Some(i) = latest else {
            return match first.and_then(|f| rules.missed_round(f)) {
                Some(round) if round <= date => Reading::Unknown {
                    round: round_at(rules.rounds, date),
                },
                _ => Reading::NotYet,
            };
        };
        let rating = &council.ratings[i];
        let stop = rules.stop(rating, next);
        let to = stop.map(|(d, _, _)| d);
        let segment = |to| Segment {
            from: rating.date,
            to,
            grade: rating.grade,
            rating: i,
        };
        match (rating.grade, stop) {
            (Grade::Value(_), _) if next.is_none() => {
                Reading::LastMeasured(segment(Some(rating.date)))
            }
            _ if to.is_some_and(|t| date >= t) => match stop {
                // Past its stop: in the gap it opened, which lasts to the next rating.
                Some((_, Some(Why::Unknown), _)) => Reading::Unknown {
                    round: round_at(rules.rounds, date),
                },
                Some((since, Some(Why::Ungraded), by)) => Reading::Ungraded {
                    since,
                    rating: by.unwrap_or_default(),
                },
                Some((end, Some(why), _)) => ended((end, why)),
                _ => Reading::NotYet,
            },
            (Grade::Ungraded, _) => Reading::Ungraded {
                since: rating.date,
                rating: i,
            },
            _ => Reading::Holds(segment(to)),
        }
    }

    /// Where `council` stood in `scheme` on `date`, whether or not it was ever rated
    /// there: ended, not yet begun, unknown (a round it existed for, or a figure every
    /// council has, that the dataset lacks) or not yet rated.
    pub fn standing(dataset: &Dataset, council: &Council, scheme: SchemeIx, date: Date) -> Reading {
        let def = dataset.scheme(scheme);
        if let Some(end) = hard_end(dataset, council, scheme)
            && date >= end.0
        {
            return ended(end);
        }
        if !council.existed(date) {
            return Reading::NotYet;
        }
        if council.ratings.iter().any(|r| r.scheme == scheme) {
            return Self::reading(dataset, council, scheme, date);
        }
        let missed = rounds_lived(&def.rounds, council).any(|r| r <= date);
        if missed || matches!(def.scale, super::model::Scale::Numeric { .. }) {
            Reading::Unknown {
                round: round_at(&def.rounds, date),
            }
        } else {
            Reading::NotYet
        }
    }

    /// The most recent rating, graded or not.
    pub fn latest<'c>(&self, council: &'c Council) -> Option<&'c Rating> {
        self.ratings.last().map(|&i| &council.ratings[i])
    }
}

/// The reading past an end: the scheme's or the council's.
fn ended((date, why): (Date, Why)) -> Reading {
    match why {
        Why::CouncilEnded => Reading::CouncilEnded(date),
        _ => Reading::SchemeEnded(date),
    }
}

/// The round in force on `date`: the latest on or before it.
pub fn round_at(rounds: &[Date], date: Date) -> Option<Date> {
    rounds.iter().copied().rfind(|&r| r <= date)
}

/// The rounds `council` existed for, as far as the file tells.
fn rounds_lived<'a>(rounds: &'a [Date], council: &'a Council) -> impl Iterator<Item = Date> + 'a {
    rounds
        .iter()
        .copied()
        .filter(|&r| council.started.is_none_or(|s| s <= r))
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
    fn a_reading_without_a_timeline_agrees_with_the_timeline_at_every_date() {
        let embedded = parse(crate::data::EMBEDDED, "embedded").unwrap().dataset;
        let datasets = [
            fixture(),
            rules(),
            crate::generate::dataset(60, 3),
            embedded,
        ];
        for data in &datasets {
            for council in &data.councils {
                for scheme in 0..data.schemes.len() as SchemeIx {
                    let timeline = Timeline::new(data, council, scheme);
                    // Each rating's date and the day after its period, each round, each end.
                    let mut dates: Vec<Date> = council.ratings.iter().map(|r| r.date).collect();
                    dates.extend(
                        council
                            .ratings
                            .iter()
                            .map(|r| Date::from_days(r.date.last_day() + 1)),
                    );
                    dates.extend(council.ended);
                    dates.extend(data.scheme(scheme).rounds.iter().copied());
                    dates.extend(
                        [
                            "2001", "2002-06", "2006-01", "2009-04", "2013-06", "2019-04", "2030",
                        ]
                        .map(d),
                    );
                    for date in dates {
                        assert_eq!(
                            Timeline::reading(data, council, scheme, date),
                            timeline.at(data, council, date),
                            "{} {scheme} {date}",
                            council.id
                        );
                    }
                }
            }
        }
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
