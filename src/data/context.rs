//! National context: how councils were spread across a scheme's levels at a date, from
//! each council's rating in force then, beside any published summary for that time.

use super::date::Date;
use super::model::{Dataset, Grade, SchemeIx, Summary};
use super::timeline::{Reading, Timeline};

/// Councils by what held for them in one scheme at one date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Distribution {
    pub scheme: SchemeIx,
    pub date: Date,
    /// Councils at each level, by rank (worst first). Empty for a numeric scheme.
    pub counts: Vec<u32>,
    /// Councils whose rating in force is numeric (numeric schemes).
    pub valued: u32,
    /// Councils whose latest assessment gave no grade.
    pub ungraded: u32,
    /// Councils rated in this scheme at some time, but not yet by this date.
    pub not_yet: u32,
    /// Whether the scheme had ended by this date.
    pub ended: bool,
}

impl Distribution {
    /// The spread of `scheme` across every council of `dataset` on `date`.
    pub fn at(dataset: &Dataset, scheme: SchemeIx, date: Date) -> Self {
        let levels = dataset.scheme(scheme).levels().len();
        let mut out = Self {
            scheme,
            date,
            counts: vec![0; levels],
            valued: 0,
            ungraded: 0,
            not_yet: 0,
            ended: dataset.scheme(scheme).until.is_some_and(|u| date >= u),
        };
        for council in &dataset.councils {
            if !council.ratings.iter().any(|r| r.scheme == scheme) {
                continue;
            }
            match Timeline::reading(dataset, council, scheme, date) {
                Reading::Holds(segment) => match segment.grade {
                    Grade::Level(rank) => out.counts[usize::from(rank)] += 1,
                    _ => out.valued += 1,
                },
                Reading::Ungraded { .. } => out.ungraded += 1,
                Reading::NotYet => out.not_yet += 1,
                Reading::Ended(_) => {}
            }
        }
        out
    }

    /// Councils with a graded rating in force.
    pub fn rated(&self) -> u32 {
        self.counts.iter().sum::<u32>() + self.valued
    }

    /// A level's share of the councils rated, as a percentage.
    pub fn share(&self, rank: usize) -> f64 {
        let rated = self.rated();
        if rated == 0 {
            0.0
        } else {
            f64::from(self.counts[rank]) * 100.0 / f64::from(rated)
        }
    }
}

/// How the values in force on a numeric scheme were spread at a date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    /// Councils with a value in force: [`Distribution::valued`] for the same date.
    pub count: u32,
    pub min: f64,
    /// The middle value; the mean of the two middle ones for an even count.
    pub median: f64,
    pub max: f64,
}

impl Spread {
    /// The values of `scheme` in force on `date`, one per council; `None` when no
    /// council has one.
    pub fn at(dataset: &Dataset, scheme: SchemeIx, date: Date) -> Option<Self> {
        let mut values: Vec<f64> = dataset
            .councils
            .iter()
            .filter(|c| c.ratings.iter().any(|r| r.scheme == scheme))
            .filter_map(
                |council| match Timeline::reading(dataset, council, scheme, date) {
                    Reading::Holds(segment) => match segment.grade {
                        Grade::Value(value) => Some(value),
                        _ => None,
                    },
                    _ => None,
                },
            )
            .collect();
        values.sort_by(f64::total_cmp);
        let n = values.len();
        let median = match n {
            0 => return None,
            _ if n % 2 == 1 => values[n / 2],
            _ => (values[n / 2 - 1] + values[n / 2]) / 2.0,
        };
        Some(Self {
            count: n as u32,
            min: values[0],
            median,
            max: values[n - 1],
        })
    }
}

/// The published summaries for `scheme` from the latest date on or before `date`, if
/// that is less than a year before it: national figures are published per round, and
/// an older one would describe another round. Several sources may give figures for
/// one round; each is kept apart, never added up.
pub fn published(dataset: &Dataset, scheme: SchemeIx, date: Date) -> Vec<&Summary> {
    let in_force = |s: &&Summary| {
        s.scheme == scheme && s.date <= date && date.first_day() - s.date.first_day() < 366
    };
    let Some(latest) = dataset
        .summaries
        .iter()
        .filter(in_force)
        .map(|s| s.date)
        .max()
    else {
        return Vec::new();
    };
    dataset
        .summaries
        .iter()
        .filter(in_force)
        .filter(|s| s.date == latest)
        .collect()
}

/// A summary as a user reads it: `2004-11 (source title): 3 stars 20, 1 star 40, of
/// 150 councils`, levels best first.
pub fn describe_summary(dataset: &Dataset, summary: &Summary) -> String {
    let levels = dataset.scheme(summary.scheme).levels();
    let mut parts: Vec<String> = (0..summary.counts.len())
        .rev()
        .filter_map(|rank| summary.counts[rank].map(|n| format!("{} {n}", levels[rank])))
        .collect();
    if let Some(total) = summary.total {
        parts.push(format!("of {total} councils"));
    }
    let source = summary
        .source
        .map(|s| format!(" ({})", dataset.source(s).title))
        .unwrap_or_default();
    let figures = if parts.is_empty() {
        "no figures given".to_owned()
    } else {
        parts.join(", ")
    };
    format!("{}{source}: {figures}", summary.date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::parse;

    const DATA: &str = r#"Dataset(
        title: "t",
        schemes: [Scheme(id: "cs", name: "CS", body: "Ofsted", scale: Ordinal(["Inadequate", "Good", "Outstanding"]), until: "2030")],
        councils: [
            Council(id: "a", name: "A", ratings: [Rating(scheme: "cs", date: "2017-04-07", level: "Inadequate"), Rating(scheme: "cs", date: "2019-07-22", level: "Good")]),
            Council(id: "b", name: "B", ratings: [Rating(scheme: "cs", date: "2018", level: "Good"), Rating(scheme: "cs", date: "2026-06", note: "no grade")]),
            Council(id: "c", name: "C", ratings: [Rating(scheme: "cs", date: "2020", level: "Outstanding")]),
            Council(id: "d", name: "D"),
        ],
        summaries: [Summary(scheme: "cs", date: "2019-03", total: 3, counts: {"Good": 1})],
    )"#;

    #[test]
    fn each_council_counts_at_the_level_in_force_on_the_date() {
        let data = parse(DATA, "t").unwrap().dataset;
        let at = |d: &str| Distribution::at(&data, 0, Date::parse(d).unwrap());
        let d2019 = at("2019-08");
        assert_eq!(
            (d2019.counts.clone(), d2019.not_yet, d2019.ungraded),
            (vec![0, 2, 0], 1, 0)
        );
        let d2018 = at("2018-06");
        assert_eq!(d2018.counts, [1, 1, 0]);
        assert!((d2018.share(0) - 50.0).abs() < 1e-9);
        let d2026 = at("2026-07");
        assert_eq!(
            (d2026.counts.clone(), d2026.ungraded),
            (vec![0, 1, 1], 1),
            "an ungraded council is a gap, not a level"
        );
        assert!(at("2030").ended);
        assert_eq!(at("2030").rated(), 0);
    }

    #[test]
    fn a_numeric_scheme_spreads_from_min_through_median_to_max() {
        let text = r#"Dataset(
            title: "t",
            schemes: [Scheme(id: "load", name: "Caseload", body: "Council", scale: Numeric(unit: "children", better: Lower))],
            councils: [
                Council(id: "a", name: "A", ratings: [Rating(scheme: "load", date: "2017", value: 30.0), Rating(scheme: "load", date: "2019", value: 18.0)]),
                Council(id: "b", name: "B", ratings: [Rating(scheme: "load", date: "2018", value: 25.5)]),
                Council(id: "c", name: "C", ratings: [Rating(scheme: "load", date: "2018", value: 12.0), Rating(scheme: "load", date: "2020", note: "not published")]),
            ],
        )"#;
        let data = parse(text, "t").unwrap().dataset;
        let at = |d: &str| Spread::at(&data, 0, Date::parse(d).unwrap());
        assert_eq!(
            at("2019-06"),
            Some(Spread {
                count: 3,
                min: 12.0,
                median: 18.0,
                max: 25.5
            })
        );
        assert_eq!(
            at("2018-06"),
            Some(Spread {
                count: 3,
                min: 12.0,
                median: 25.5,
                max: 30.0
            })
        );
        assert_eq!(
            at("2021"),
            Some(Spread {
                count: 2,
                min: 18.0,
                median: 21.75,
                max: 25.5
            }),
            "an ungraded council has no value"
        );
        assert_eq!(at("2016"), None);
        assert_eq!(
            at("2021").map(|s| s.count),
            Some(Distribution::at(&data, 0, Date::parse("2021").unwrap()).valued)
        );
    }

    #[test]
    fn a_published_summary_applies_for_up_to_a_year() {
        let data = parse(DATA, "t").unwrap().dataset;
        let at = |d: &str| {
            published(&data, 0, Date::parse(d).unwrap())
                .first()
                .map(|s| s.date.to_string())
        };
        assert_eq!(at("2019-03"), Some("2019-03".into()));
        assert_eq!(at("2019-12"), Some("2019-03".into()));
        assert_eq!(at("2020-06"), None);
        assert_eq!(at("2019-02"), None);
    }
}
