//! Trajectory metrics for ordering councils: where a council stands now, how far it
//! has come, how long it spent at the bottom. All read from the timeline maths.

use super::date::Date;
use super::model::{Council, Dataset, Grade};
use super::timeline::Timeline;

/// One council's trajectory in one ordinal scheme, summed up.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Trajectory {
    /// Rank of the latest grade in force today (0 is worst); `None` when none holds.
    pub latest: Option<u8>,
    /// Latest graded rank minus the first graded rank: positive is an improvement.
    pub improvement: Option<i16>,
    /// Days spent at the lowest level, up to `today` or the scheme's end.
    pub days_at_lowest: i32,
}

impl Trajectory {
    /// The trajectory a council's `timeline` (already built) shows.
    pub fn from_timeline(
        dataset: &Dataset,
        council: &Council,
        timeline: &Timeline,
        today: Date,
    ) -> Self {
        let ranks: Vec<u8> = timeline
            .segments
            .iter()
            .filter_map(|s| match s.grade {
                Grade::Level(r) => Some(r),
                _ => None,
            })
            .collect();
        let latest = match timeline.at(dataset, council, today) {
            super::timeline::Reading::Holds(s) => match s.grade {
                Grade::Level(r) => Some(r),
                _ => None,
            },
            _ => None,
        };
        let improvement = match (ranks.first(), ranks.last()) {
            (Some(&a), Some(&b)) => Some(i16::from(b) - i16::from(a)),
            _ => None,
        };
        let days_at_lowest = timeline
            .segments
            .iter()
            .filter(|s| s.grade == Grade::Level(0))
            .map(|s| s.to.unwrap_or(today).min(today).first_day() - s.from.first_day())
            .filter(|d| *d > 0)
            .sum();
        Self {
            latest,
            improvement,
            days_at_lowest,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::parse;

    #[test]
    fn inadequate_to_outstanding_is_an_improvement_of_three() {
        let data = parse(
            r#"Dataset(title: "t",
            schemes: [Scheme(id: "cs", name: "CS", body: "Ofsted", scale: Ordinal(["Inadequate", "RI", "Good", "Outstanding"]))],
            councils: [Council(id: "th", name: "TH", ratings: [
                Rating(scheme: "cs", date: "2017-04-07", level: "Inadequate"),
                Rating(scheme: "cs", date: "2019-07-22", level: "Good"),
                Rating(scheme: "cs", date: "2025-01-13", level: "Outstanding"),
            ])])"#,
            "t",
        )
        .unwrap()
        .dataset;
        let today = Date::parse("2026-11-22").unwrap();
        let council = &data.councils[0];
        let t = Trajectory::from_timeline(&data, council, &Timeline::new(&data, council, 0), today);
        assert_eq!(t.latest, Some(3));
        assert_eq!(t.improvement, Some(3));
        let inadequate_days = Date::parse("2019-07-22").unwrap().first_day()
            - Date::parse("2017-04-07").unwrap().first_day();
        assert_eq!(t.days_at_lowest, inadequate_days);
    }
}
