//! Timeline maths shared by every view: how long each rating holds, what holds at a
//! date, and how each rating changed on the one before it.
//!
//! A rating holds from its date until the council's next rating in the same scheme
//! (graded or not), or until the scheme's `until`, whichever comes first.

use super::date::Date;
use super::model::{Council, Dataset, Grade, Rating, SchemeIx};

/// A stretch of time over which one graded rating held.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    pub from: Date,
    /// Exclusive end; `None` while the rating still holds.
    pub to: Option<Date>,
    pub grade: Grade,
    /// Index into the council's `ratings`.
    pub rating: usize,
}

/// One council's history in one scheme.
#[derive(Clone, Debug)]
pub struct Timeline {
    pub scheme: SchemeIx,
    /// Indices into the council's `ratings`, oldest first.
    pub ratings: Vec<usize>,
    pub segments: Vec<Segment>,
}

/// What a timeline says about one date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reading {
    /// A graded rating holds.
    Holds(Segment),
    /// The latest assessment gave no grade (a gap, not the lowest level).
    Ungraded { since: Date, rating: usize },
    /// The scheme ended on this date or before.
    Ended(Date),
    /// No rating yet.
    NotYet,
}

impl Timeline {
    /// The timeline of `council` in `scheme`.
    pub fn new(dataset: &Dataset, council: &Council, scheme: SchemeIx) -> Self {
        let ratings: Vec<usize> = council
            .ratings
            .iter()
            .enumerate()
            .filter(|(_, r)| r.scheme == scheme)
            .map(|(i, _)| i)
            .collect();
        let until = dataset.scheme(scheme).until;
        let mut segments = Vec::new();
        for (k, &i) in ratings.iter().enumerate() {
            let rating = &council.ratings[i];
            if matches!(rating.grade, Grade::Ungraded) || until.is_some_and(|u| rating.date >= u) {
                continue;
            }
            let next = ratings.get(k + 1).map(|&j| council.ratings[j].date);
            let to = match (next, until) {
                (Some(n), Some(u)) => Some(n.min(u)),
                (n, u) => n.or(u),
            };
            segments.push(Segment {
                from: rating.date,
                to,
                grade: rating.grade,
                rating: i,
            });
        }
        Self {
            scheme,
            ratings,
            segments,
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
        let until = dataset.scheme(self.scheme).until;
        if let Some(u) = until
            && date >= u
        {
            return Reading::Ended(u);
        }
        let latest = self
            .ratings
            .iter()
            .rev()
            .find(|&&i| council.ratings[i].date <= date);
        match latest {
            None => Reading::NotYet,
            Some(&i) => match self.segments.iter().find(|s| s.rating == i) {
                Some(segment) => Reading::Holds(*segment),
                None => Reading::Ungraded {
                    since: council.ratings[i].date,
                    rating: i,
                },
            },
        }
    }

    /// What held for `council` in `scheme` on `date`: the same answer as
    /// `Timeline::new(dataset, council, scheme).at(dataset, council, date)`, without
    /// building the timeline, for views that read one date across many councils.
    pub fn reading(dataset: &Dataset, council: &Council, scheme: SchemeIx, date: Date) -> Reading {
        let until = dataset.scheme(scheme).until;
        if let Some(u) = until
            && date >= u
        {
            return Reading::Ended(u);
        }
        // The last rating in the scheme dated on or before `date`, and the date of the
        // scheme's rating that follows it in the list (where its segment ends).
        let (mut latest, mut next) = (None, None);
        for (i, r) in council.ratings.iter().enumerate() {
            if r.scheme != scheme {
                continue;
            }
            if r.date <= date {
                latest = Some(i);
                next = None;
            } else if latest.is_some() && next.is_none() {
                next = Some(r.date);
            }
        }
        let Some(i) = latest else {
            return Reading::NotYet;
        };
        let rating = &council.ratings[i];
        if matches!(rating.grade, Grade::Ungraded) || until.is_some_and(|u| rating.date >= u) {
            return Reading::Ungraded {
                since: rating.date,
                rating: i,
            };
        }
        let to = match (next, until) {
            (Some(n), Some(u)) => Some(n.min(u)),
            (n, u) => n.or(u),
        };
        Reading::Holds(Segment {
            from: rating.date,
            to,
            grade: rating.grade,
            rating: i,
        })
    }

    /// The most recent rating, graded or not.
    pub fn latest<'c>(&self, council: &'c Council) -> Option<&'c Rating> {
        self.ratings.last().map(|&i| &council.ratings[i])
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
            Reading::Ended(d("2009-04"))
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

    #[test]
    fn a_reading_without_a_timeline_agrees_with_the_timeline_at_every_date() {
        let mut datasets = vec![fixture()];
        datasets.push(crate::generate::dataset(60, 3));
        for data in &datasets {
            for council in &data.councils {
                for scheme in 0..data.schemes.len() as SchemeIx {
                    let timeline = Timeline::new(data, council, scheme);
                    let mut dates: Vec<Date> = council.ratings.iter().map(|r| r.date).collect();
                    dates.extend(["2001", "2009-04", "2013-06", "2030"].map(d));
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
