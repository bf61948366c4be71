//! National context: how councils were spread across a scheme's levels at a date, from
//! each council's rating in force then, beside any published summary for that time.

use super::date::Date;
use super::model::{Council, Dataset, Grade, SchemeIx, Summary};
use super::timeline::{Reading, Timeline};

/// Councils by what held for them in one scheme at one date: only councils that
/// existed then count, each once.
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
    /// Councils not rated yet by this date.
    pub not_yet: u32,
    /// Councils whose rating at this date the dataset does not hold: a round it lacks,
    /// or a measurement it never had.
    pub unknown: u32,
    /// Councils that existed on the date.
    pub existing: u32,
    /// Whether the scheme had ended by this date.
    pub ended: bool,
}

impl Distribution {
    /// The spread of `scheme` across the councils of `dataset` that existed on `date`.
    pub fn at(dataset: &Dataset, scheme: SchemeIx, date: Date) -> Self {
        Self::among(dataset, scheme, date, |_| true)
    }

    /// The spread of `scheme` across the councils that `keep` chooses and that existed
    /// on `date` (read on its period's last day, as every reading is).
    pub fn among(
        dataset: &Dataset,
        scheme: SchemeIx,
        date: Date,
        keep: impl Fn(&Council) -> bool,
    ) -> Self {
        let def = dataset.scheme(scheme);
        let mut out = Self {
            scheme,
            date,
            counts: vec![0; def.levels().len()],
            valued: 0,
            ungraded: 0,
            not_yet: 0,
            unknown: 0,
            existing: 0,
            ended: def.ended_by(date),
        };
        for council in dataset
            .councils
            .iter()
            .filter(|c| c.existed(date) && keep(c))
        {
            out.existing += 1;
            match Timeline::standing(dataset, council, scheme, date) {
                Reading::Holds(segment) => match segment.grade {
                    Grade::Level(rank) => out.counts[usize::from(rank)] += 1,
                    _ => out.valued += 1,
                },
                // A measurement counts between two of the council's measurements only.
                Reading::LastMeasured(segment) if segment.joined() => out.valued += 1,
                Reading::Ungraded { .. } => out.ungraded += 1,
                Reading::NotYet => out.not_yet += 1,
                Reading::Unknown { .. }
                | Reading::Beyond(_)
                | Reading::Changing { .. }
                | Reading::LastMeasured(_) => out.unknown += 1,
                Reading::SchemeEnded(_) | Reading::CouncilEnded(_) => {}
            }
        }
        out
    }

    /// Councils with a graded rating in force: the K of "known for K of N councils".
    pub fn rated(&self) -> u32 {
        self.counts.iter().sum::<u32>() + self.valued
    }

    /// Where a council rated at `rank` stands among the councils rated: the same
    /// place (and "top N%" percentile) the league table gives it.
    pub fn place(&self, rank: usize) -> super::league::Place {
        super::league::Place {
            first: 1 + self.counts.iter().skip(rank + 1).sum::<u32>(),
            last: self.counts.iter().skip(rank).sum(),
            of: self.rated(),
        }
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

    /// Councils at the two best levels (the best one, on a scale of one level).
    pub fn top_two(&self) -> u32 {
        self.counts.iter().rev().take(2).sum()
    }

    /// [`Distribution::top_two`] as a percentage of the councils rated.
    pub fn top_two_share(&self) -> f64 {
        let rated = self.rated();
        if rated == 0 {
            0.0
        } else {
            f64::from(self.top_two()) * 100.0 / f64::from(rated)
        }
    }

    /// How far the dataset's picture reaches, against the published figures in force.
    pub fn coverage(&self, published: &[&Summary]) -> Coverage {
        let stated = published.iter().filter_map(|s| s.total).max();
        let covered = published
            .iter()
            .map(|s| s.total.unwrap_or_else(|| s.counts.iter().flatten().sum()))
            .max()
            .unwrap_or(0);
        let known = self.rated();
        Coverage {
            known,
            // A stated total smaller than the councils known counts only some (those
            // inspected so far, say): then the councils that existed are the N.
            of: stated.filter(|&t| t >= known).unwrap_or(self.existing),
            partial: self.unknown > 0 || known < covered,
        }
    }
}

/// The spread of a scheme among the councils of one region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionDistribution {
    /// The region as the dataset names it; `None` for councils that name none.
    pub region: Option<String>,
    pub distribution: Distribution,
}

/// [`Distribution::at`] for each region that had a council on `date`, in the order of
/// the regions' names, councils naming no region last: every council that counts
/// nationally counts in exactly one region, so the regions add up to the nation.
pub fn by_region(dataset: &Dataset, scheme: SchemeIx, date: Date) -> Vec<RegionDistribution> {
    let mut regions: Vec<Option<&str>> = dataset
        .councils
        .iter()
        .filter(|c| c.existed(date))
        .map(|c| c.region.as_deref())
        .collect();
    // `None` sorts first: move it last, where a reader looks for "the rest".
    regions.sort_unstable_by(|a, b| match (a, b) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (Some(_), None) => std::cmp::Ordering::Less,
        (Some(a), Some(b)) => a.cmp(b),
    });
    regions.dedup();
    regions
        .into_iter()
        .map(|region| RegionDistribution {
            region: region.map(str::to_owned),
            distribution: Distribution::among(dataset, scheme, date, |c| {
                c.region.as_deref() == region
            }),
        })
        .collect()
}

/// "Known for K of N councils": how many councils a computed figure rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Coverage {
    /// Councils with a rating in force in the dataset.
    pub known: u32,
    /// The councils there were: the published total where a summary states one (and
    /// it is no smaller than the councils known), else those in the dataset that
    /// existed on the date.
    pub of: u32,
    /// Whether the dataset lacks ratings that were given: its shares are then not
    /// national figures.
    pub partial: bool,
}

impl std::fmt::Display for Coverage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let councils = if self.of == 1 { "council" } else { "councils" };
        write!(f, "known for {} of {} {councils}", self.known, self.of)
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
                    Reading::LastMeasured(segment) if segment.joined() => match segment.grade {
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

/// The published summaries for the round in force on `date`: for a scheme published
/// in rounds, those dated within the latest round on or before `date`; otherwise the
/// latest on or before `date`, if less than a year before it. Several sources may give
/// figures for one round; each is kept apart, never added up.
pub fn published(dataset: &Dataset, scheme: SchemeIx, date: Date) -> Vec<&Summary> {
    let date = date.reading_day();
    let rounds = &dataset.scheme(scheme).rounds;
    let round = super::timeline::round_at(rounds, date);
    let in_force = |s: &&Summary| {
        s.scheme == scheme
            && s.date <= date
            && match round {
                Some(r) => s.date.last_day() >= r.first_day(),
                None if rounds.is_empty() => date.first_day() - s.date.first_day() < 366,
                None => false,
            }
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
        .filter(|s| !rounds.is_empty() || s.date == latest)
        .collect()
}

/// A summary as a user reads it: `2004-11 (source title): 3 stars 20, 1 star 40, of
/// 150 councils`, levels best first; a share as `3 stars 37%`.
pub fn describe_summary(dataset: &Dataset, summary: &Summary) -> String {
    let levels = dataset.scheme(summary.scheme).levels();
    let mut parts: Vec<String> =
        (0..summary.counts.len())
            .rev()
            .filter_map(|rank| {
                let count = summary.counts[rank].map(|n| n.to_string());
                let share =
                    summary.shares.get(rank).copied().flatten().map(|p| {
                        format!("{}%", super::model::format_value((p * 10.0).round() / 10.0))
                    });
                let figures = match (count, share) {
                    (Some(n), Some(p)) => format!("{n} ({p})"),
                    (n, p) => n.or(p)?,
                };
                Some(format!("{} {figures}", levels[rank]))
            })
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
            Council(id: "b", name: "B", ratings: [Rating(scheme: "cs", date: "2018-02-01", level: "Good"), Rating(scheme: "cs", date: "2026-06", note: "no grade")]),
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
            (vec![0, 2, 0], 2, 0),
            "C and D (never rated) are not yet rated"
        );
        assert_eq!(d2019.existing, 4);
        let d2018 = at("2018-06");
        assert_eq!(d2018.counts, [1, 1, 0]);
        assert!((d2018.share(0) - 50.0).abs() < 1e-9);
        let d2026 = at("2026-07");
        assert_eq!(
            (d2026.counts.clone(), d2026.ungraded),
            (vec![0, 1, 1], 1),
            "an ungraded council is a gap, not a level"
        );
        let d2020 = at("2020-06");
        assert_eq!(
            (d2020.counts.clone(), d2020.unknown),
            (vec![0, 2, 0], 1),
            "C, rated Outstanding on some day of 2020, is unknown inside 2020"
        );
        assert_eq!(at("2021-01-01").counts, [0, 2, 1]);
        assert!(at("2030").ended);
        assert_eq!(at("2030").rated(), 0);
    }

    #[test]
    fn the_regions_add_up_to_the_nation() {
        let text = r#"Dataset(
            title: "t",
            schemes: [Scheme(id: "cs", name: "CS", body: "Ofsted", scale: Ordinal(["Inadequate", "Good", "Outstanding"]))],
            councils: [
                Council(id: "a", name: "A", region: "North", ratings: [Rating(scheme: "cs", date: "2017", level: "Good")]),
                Council(id: "b", name: "B", region: "South", ratings: [Rating(scheme: "cs", date: "2018", level: "Outstanding")]),
                Council(id: "c", name: "C", region: "North", ratings: [Rating(scheme: "cs", date: "2018", level: "Inadequate")]),
                Council(id: "d", name: "D"),
                Council(id: "old", name: "Old", region: "East", ended: "2016", ratings: [Rating(scheme: "cs", date: "2015", level: "Good")]),
            ],
        )"#;
        let data = parse(text, "t").unwrap().dataset;
        let date = Date::parse("2019").unwrap();
        let regions = by_region(&data, 0, date);
        let names: Vec<Option<&str>> = regions.iter().map(|r| r.region.as_deref()).collect();
        assert_eq!(
            names,
            [Some("North"), Some("South"), None],
            "East had ended"
        );
        assert_eq!(regions[0].distribution.counts, [1, 1, 0]);
        assert_eq!(regions[0].distribution.top_two(), 1);
        assert!((regions[0].distribution.top_two_share() - 50.0).abs() < 1e-9);
        assert_eq!(regions[2].distribution.not_yet, 1);
        let national = Distribution::at(&data, 0, date);
        let mut sum = vec![0; 3];
        for r in &regions {
            for (s, n) in sum.iter_mut().zip(&r.distribution.counts) {
                *s += n;
            }
        }
        assert_eq!(sum, national.counts);
    }

    #[test]
    fn a_numeric_scheme_spreads_from_min_through_median_to_max() {
        let text = r#"Dataset(
            title: "t",
            schemes: [Scheme(id: "load", name: "Caseload", body: "Council", scale: Numeric(unit: "children", better: Lower))],
            councils: [
                Council(id: "a", name: "A", ratings: [Rating(scheme: "load", date: "2017", value: 30.0), Rating(scheme: "load", date: "2019", value: 18.0), Rating(scheme: "load", date: "2021", value: 20.0)]),
                Council(id: "b", name: "B", ratings: [Rating(scheme: "load", date: "2018", value: 25.5), Rating(scheme: "load", date: "2020", value: 22.0)]),
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
            at("2020-06"),
            Some(Spread {
                count: 1,
                min: 18.0,
                median: 18.0,
                max: 18.0
            }),
            "B's last measurement is not carried on, and C's ungraded report has no value"
        );
        assert_eq!(at("2016"), None);
        assert_eq!(at("2022"), None, "no council measured since");
        let dist = Distribution::at(&data, 0, Date::parse("2020-06").unwrap());
        assert_eq!((dist.valued, dist.unknown, dist.ungraded), (1, 1, 1));
    }

    #[test]
    fn coverage_counts_the_councils_known_of_those_that_existed() {
        let data = parse(
            r#"Dataset(
            title: "t",
            schemes: [Scheme(id: "stars", name: "S", body: "B", scale: Ordinal(["0", "1"]), rounds: ["2004-11", "2005-12"])],
            councils: [
                Council(id: "a", name: "A", ratings: [Rating(scheme: "stars", date: "2004-11", level: "1")]),
                Council(id: "b", name: "B", ratings: [Rating(scheme: "stars", date: "2004-11", level: "0"), Rating(scheme: "stars", date: "2005-12", level: "1")]),
                Council(id: "c", name: "C"),
                Council(id: "gone", name: "Gone", ended: "2005-04", succeeded_by: ["d"], ratings: [Rating(scheme: "stars", date: "2004-11", level: "0")]),
                Council(id: "d", name: "D"),
            ],
            summaries: [Summary(scheme: "stars", date: "2004-11", total: 150, counts: {"0": 8})],
        )"#,
            "t",
        )
        .unwrap()
        .dataset;
        let at = |text: &str| {
            let date = Date::parse(text).unwrap();
            let dist = Distribution::at(&data, 0, date);
            (dist.clone(), dist.coverage(&published(&data, 0, date)))
        };
        let (dist, coverage) = at("2004-12");
        assert_eq!((dist.counts.clone(), dist.unknown), (vec![2, 1], 1));
        assert_eq!(coverage.to_string(), "known for 3 of 150 councils");
        assert!(coverage.partial);
        // A's 2004 rating does not carry into 2005; Gone has ended; D began in 2005-04
        // and missed no round it existed for until 2005-12.
        let (dist, coverage) = at("2006-01");
        assert_eq!(
            (dist.counts.clone(), dist.unknown, dist.existing),
            (vec![0, 1], 3, 4)
        );
        assert_eq!(coverage.to_string(), "known for 1 of 4 councils");
        assert!(coverage.partial);
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
