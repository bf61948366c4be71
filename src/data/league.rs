//! League tables: every council's standing in one scheme at one date, best first, with
//! the rank band and percentile of those rated then.
//!
//! Only councils that existed on the date are ranked, each once, from the rating in
//! force under the timeline's rules; the rest follow, with the reading that says why
//! they have no rating.

use super::date::Date;
use super::model::{Better, Dataset, Grade, Scale, SchemeIx};
use super::timeline::{Reading, Timeline, Why};

/// Where a rated council stood among the councils rated on the date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    /// The best position its level shares: 1 + the councils rated better.
    pub first: u32,
    /// The worst position its level shares: the councils rated at its level or better.
    pub last: u32,
    /// Councils rated on the date.
    pub of: u32,
}

impl Place {
    /// The share of the rated councils at its level or better, as a percentage.
    pub fn percentile(&self) -> f64 {
        if self.of == 0 {
            0.0
        } else {
            f64::from(self.last) * 100.0 / f64::from(self.of)
        }
    }

    /// The places its level shares, as a reader says them: "joint 28th-91st of 151",
    /// or "5th of 151" for a level one council holds alone.
    pub fn rank(&self) -> String {
        if self.first == self.last {
            format!("{} of {}", ordinal(self.first), self.of)
        } else {
            format!(
                "joint {}-{} of {}",
                ordinal(self.first),
                ordinal(self.last),
                self.of
            )
        }
    }

    /// Its percentile from the nearer end, with the direction named: "top 18%" (the
    /// share of the rated at its level or better) or "bottom 11%" (at its level or
    /// worse), whichever is smaller, to the whole per cent and at least 1%. A level
    /// every rated council shares is neither: "all rated alike". So the lowest level
    /// is never "top 100%".
    pub fn percentile_label(&self) -> String {
        if self.of == 0 {
            return String::new();
        }
        if self.first == 1 && self.last == self.of {
            return "all rated alike".to_owned();
        }
        let of = f64::from(self.of);
        let top = f64::from(self.last) * 100.0 / of;
        let bottom = f64::from(self.of + 1 - self.first) * 100.0 / of;
        let whole = |x: f64| x.round().max(1.0);
        if top <= bottom {
            format!("top {}%", whole(top))
        } else {
            format!("bottom {}%", whole(bottom))
        }
    }
}

/// `n` with its English ordinal suffix: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st,
/// 101st, 111th.
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// One council's line in a league table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Standing {
    /// Index into the dataset's `councils`.
    pub council: usize,
    /// What held for it on the date ([`Timeline::standing`]).
    pub reading: Reading,
    /// Its place, when a rating held.
    pub place: Option<Place>,
}

/// Every council of `dataset` in `scheme` on `date`: those with a rating in force best
/// first (by level, or by value in the direction the scheme counts as better), each
/// level in dataset order; then those that existed with no rating in force (no grade
/// given, unknown, not yet rated); then those that had ended or not yet begun.
pub fn league(dataset: &Dataset, scheme: SchemeIx, date: Date) -> Vec<Standing> {
    let sign = match dataset.scheme(scheme).scale {
        Scale::Numeric {
            better: Better::Lower,
            ..
        } => -1.0,
        _ => 1.0,
    };
    let score = |reading: &Reading| match reading {
        // A measurement ranks between two of the council's measurements only.
        Reading::Holds(segment) | Reading::LastMeasured(segment) if segment.joined() => {
            match segment.grade {
                Grade::Level(rank) => Some(f64::from(rank)),
                Grade::Value(value) => Some(sign * value),
                Grade::Ungraded => None,
            }
        }
        _ => None,
    };
    let mut standings: Vec<(Standing, Option<f64>, u8)> = dataset
        .councils
        .iter()
        .enumerate()
        .map(|(i, council)| {
            let reading = Timeline::standing(dataset, council, scheme, date);
            let existed = council.existed(date);
            let group = match (score(&reading), reading.why()) {
                (Some(_), _) if existed => 0,
                _ if !existed => 5,
                (_, Some(Why::Ungraded)) => 1,
                (_, Some(Why::Unknown | Why::Changing) | None) => 2,
                (_, Some(Why::NotYet)) => 3,
                (_, Some(_)) => 4,
            };
            let standing = Standing {
                council: i,
                reading,
                place: None,
            };
            (standing, score(&reading).filter(|_| existed), group)
        })
        .collect();
    // Best first, so the councils better than a score, or as good, are a prefix.
    let mut rated: Vec<f64> = standings.iter().filter_map(|s| s.1).collect();
    rated.sort_by(|a, b| b.total_cmp(a));
    let of = rated.len() as u32;
    for (standing, score, _) in &mut standings {
        if let Some(score) = *score {
            let better = rated.partition_point(|&s| s > score) as u32;
            let at_or_better = rated.partition_point(|&s| s >= score) as u32;
            standing.place = Some(Place {
                first: better + 1,
                last: at_or_better,
                of,
            });
        }
    }
    standings.sort_by(|a, b| {
        a.2.cmp(&b.2)
            .then_with(|| b.1.unwrap_or(0.0).total_cmp(&a.1.unwrap_or(0.0)))
    });
    standings.into_iter().map(|(s, _, _)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::parse;

    const DATA: &str = r#"Dataset(
        title: "t",
        schemes: [Scheme(id: "cs", name: "CS", body: "Ofsted", scale: Ordinal(["Inadequate", "Good", "Outstanding"]))],
        councils: [
            Council(id: "a", name: "A", ratings: [Rating(scheme: "cs", date: "2017", level: "Good")]),
            Council(id: "b", name: "B", ratings: [Rating(scheme: "cs", date: "2018", level: "Outstanding")]),
            Council(id: "c", name: "C", ratings: [Rating(scheme: "cs", date: "2018", level: "Good")]),
            Council(id: "d", name: "D", ratings: [Rating(scheme: "cs", date: "2019-03-01", level: "Inadequate"), Rating(scheme: "cs", date: "2021", note: "no grade")]),
            Council(id: "e", name: "E"),
            Council(id: "old", name: "Old", ended: "2020", succeeded_by: ["e"], ratings: [Rating(scheme: "cs", date: "2016", level: "Outstanding")]),
        ],
    )"#;

    /// Each council's id and (first, last, of) place.
    type Places = Vec<(String, Option<(u32, u32, u32)>)>;

    fn table(date: &str) -> Places {
        let data = parse(DATA, "t").unwrap().dataset;
        league(&data, 0, Date::parse(date).unwrap())
            .into_iter()
            .map(|s| {
                (
                    data.councils[s.council].id.clone(),
                    s.place.map(|p| (p.first, p.last, p.of)),
                )
            })
            .collect()
    }

    #[test]
    fn rated_councils_come_best_first_sharing_the_band_of_their_level() {
        assert_eq!(
            table("2019-06"),
            [
                ("b".into(), Some((1, 2, 5))),
                ("old".into(), Some((1, 2, 5))),
                ("a".into(), Some((3, 4, 5))),
                ("c".into(), Some((3, 4, 5))),
                ("d".into(), Some((5, 5, 5))),
                ("e".into(), None),
            ]
        );
        let place = Place {
            first: 3,
            last: 4,
            of: 5,
        };
        assert!((place.percentile() - 80.0).abs() < 1e-9);
    }

    #[test]
    fn ordinals_take_the_suffix_english_gives_them() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112, 151]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th", "112th", "151st"
            ]
        );
    }

    #[test]
    fn a_place_reads_as_a_joint_rank_and_a_percentile_from_the_nearer_end() {
        let place = |first, last, of| Place { first, last, of };
        assert_eq!(place(28, 91, 151).rank(), "joint 28th-91st of 151");
        assert_eq!(place(5, 5, 151).rank(), "5th of 151");
        assert_eq!(place(1, 27, 151).percentile_label(), "top 18%");
        assert_eq!(
            place(136, 151, 151).percentile_label(),
            "bottom 11%",
            "the lowest level is never top 100%"
        );
        assert_eq!(place(28, 91, 151).percentile_label(), "top 60%");
        assert_eq!(place(92, 135, 151).percentile_label(), "bottom 40%");
        assert_eq!(place(151, 151, 151).percentile_label(), "bottom 1%");
        assert_eq!(place(1, 1, 300).percentile_label(), "top 1%");
        assert_eq!(place(1, 4, 4).percentile_label(), "all rated alike");
    }

    #[test]
    fn an_ungraded_or_ended_council_is_listed_after_the_rated_and_unranked() {
        assert_eq!(
            table("2022"),
            [
                ("b".into(), Some((1, 1, 3))),
                ("a".into(), Some((2, 3, 3))),
                ("c".into(), Some((2, 3, 3))),
                ("d".into(), None),
                ("e".into(), None),
                ("old".into(), None),
            ]
        );
    }
}
