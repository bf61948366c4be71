//! Transitions: each graded rating against the same council's next rating in the same
//! scheme, under the timeline's rules, so a rating that the scheme's end, the
//! council's end, an ungraded report or a round the dataset lacks cut short is never
//! paired with a grade that came after.

use super::date::Date;
use super::model::{Council, Dataset, Grade, SchemeIx};
use super::timeline::{Timeline, Why};

/// Complete calendar months from `from` to `to`, each read on its first day
/// (2017-04-07 to 2019-07-22 is 27; a date known only to its month counts from the 1st).
/// Negative when `to` is earlier.
pub fn months_between(from: Date, to: Date) -> i32 {
    let (a, b) = (civil(from), civil(to));
    let mut months = (i32::from(b.year()) - i32::from(a.year())) * 12 + i32::from(b.month())
        - i32::from(a.month());
    if months > 0 && b.day() < a.day() {
        months -= 1;
    } else if months < 0 && b.day() > a.day() {
        months += 1;
    }
    months
}

/// Whether `to` falls no later than `months` calendar months after `from` (each read
/// on its first day; a month without the day, like 31 February, ends on its last day).
pub fn within_months(from: Date, to: Date, months: u32) -> bool {
    let start = civil(from);
    let span = jiff::Span::new().months(i64::from(months));
    match start.checked_add(span) {
        Ok(limit) => civil(to) <= limit,
        // Beyond the calendar jiff knows: no date in a dataset is that far.
        Err(_) => true,
    }
}

/// The first day of `date` as a calendar date.
fn civil(date: Date) -> jiff::civil::Date {
    let epoch = jiff::civil::date(1970, 1, 1);
    epoch
        .checked_add(jiff::Span::new().days(i64::from(date.first_day())))
        .unwrap_or(epoch)
}

/// What followed a graded rating in its scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// The council's next rating in the scheme, graded at `rank`, `months` later; it
    /// is `council.ratings[rating]`.
    Grade {
        rank: u8,
        rating: usize,
        months: i32,
    },
    /// Nothing yet: the rating still held (on the last date asked about).
    NotYet,
    /// No grade followed: the rating was ended by the scheme's end, the council's end,
    /// an ungraded report or a round whose result the dataset lacks.
    Ended(Why),
}

/// One graded rating of a council and what followed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// Index into the council's `ratings`.
    pub rating: usize,
    /// The rating's level, by rank (0 is the worst).
    pub rank: u8,
    pub next: Next,
}

/// The graded ratings of `council` in `scheme` dated from `from` (its first day) to
/// `to` (its last day), each with what followed it as it stood on `to`'s last day:
/// a next rating, or an end, after that day is not yet known then. `None` leaves that
/// side open.
pub fn steps(
    dataset: &Dataset,
    council: &Council,
    scheme: SchemeIx,
    from: Option<Date>,
    to: Option<Date>,
) -> Vec<Step> {
    let timeline = Timeline::new(dataset, council, scheme);
    let last_day = to.map(|t| t.last_day());
    let in_window = |date: Date| {
        from.is_none_or(|f| date.last_day() >= f.first_day())
            && last_day.is_none_or(|l| date.first_day() <= l)
    };
    let mut out = Vec::new();
    for segment in &timeline.segments {
        let Grade::Level(rank) = segment.grade else {
            continue;
        };
        let rating = &council.ratings[segment.rating];
        if !in_window(rating.date) {
            continue;
        }
        let next = match segment.to {
            None => Next::NotYet,
            Some(stop) if last_day.is_some_and(|l| stop.first_day() > l) => Next::NotYet,
            Some(stop) => follower(dataset, council, &timeline, segment.rating, stop),
        };
        out.push(Step {
            rating: segment.rating,
            rank,
            next,
        });
    }
    out
}

/// What ended the rating `council.ratings[index]` on `stop`: the next rating in the
/// scheme when it is graded and took over on that date, else the gap opened then.
fn follower(
    dataset: &Dataset,
    council: &Council,
    timeline: &Timeline,
    index: usize,
    stop: Date,
) -> Next {
    let position = timeline.ratings.iter().position(|&i| i == index);
    let next = position.and_then(|p| timeline.ratings.get(p + 1)).copied();
    // The next rating took over at `stop`, its day known or (a gap of its month or
    // year opening there) not.
    let gap = timeline.gaps.iter().find(|g| g.from == stop);
    if let Some(j) = next {
        let rating = &council.ratings[j];
        let took_over = match gap {
            None => super::timeline::since(dataset, rating) == stop,
            Some(g) => g.why == Why::Changing && g.rating == Some(j),
        };
        match rating.grade {
            Grade::Level(rank) if took_over => {
                return Next::Grade {
                    rank,
                    rating: j,
                    months: months_between(council.ratings[index].date, rating.date),
                };
            }
            Grade::Ungraded if took_over => return Next::Ended(Why::Ungraded),
            _ => {}
        }
    }
    // Every other stop opens a gap on its date (an end, an ungraded report, a missing
    // round), which says why.
    Next::Ended(gap.map_or(Why::Unknown, |g| g.why))
}

/// The ratings at one level and what followed them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// For each next level, by rank: the months from each rating to the next, one
    /// entry per pair, in no particular order.
    pub next: Vec<Vec<i32>>,
    /// Ratings that still held.
    pub not_yet: u32,
    /// Ratings that no grade followed, by what ended them.
    pub ended_by_scheme: u32,
    pub ended_by_council: u32,
    pub ended_by_ungraded: u32,
    pub ended_by_unknown: u32,
}

impl Row {
    /// Pairs from this level to the level of rank `to`.
    pub fn count(&self, to: usize) -> u32 {
        self.next.get(to).map_or(0, |m| m.len() as u32)
    }

    /// Ratings that no grade followed.
    pub fn ended(&self) -> u32 {
        self.ended_by_scheme
            + self.ended_by_council
            + self.ended_by_ungraded
            + self.ended_by_unknown
    }

    /// Every rating at this level: followed by a grade, still holding, or ended.
    pub fn total(&self) -> u32 {
        self.next.iter().map(|m| m.len() as u32).sum::<u32>() + self.not_yet + self.ended()
    }

    /// `n` as a percentage of [`Row::total`]; 0 for an empty row.
    pub fn share(&self, n: u32) -> f64 {
        match self.total() {
            0 => 0.0,
            total => f64::from(n) * 100.0 / f64::from(total),
        }
    }

    /// The median months from a rating at this level to a next one at rank `to`: the
    /// middle value, or the mean of the two middle ones; `None` without a pair.
    pub fn median_months(&self, to: usize) -> Option<f64> {
        let mut months = self.next.get(to)?.clone();
        months.sort_unstable();
        let n = months.len();
        match n {
            0 => None,
            _ if n % 2 == 1 => Some(f64::from(months[n / 2])),
            _ => Some(f64::from(months[n / 2 - 1] + months[n / 2]) / 2.0),
        }
    }
}

/// Each level of a scheme against the same council's next rating in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transitions {
    pub scheme: SchemeIx,
    /// By the rank of the earlier rating's level, worst first.
    pub rows: Vec<Row>,
    /// Councils with at least one graded rating counted.
    pub councils: u32,
}

impl Transitions {
    /// Every rating counted.
    pub fn total(&self) -> u32 {
        self.rows.iter().map(Row::total).sum()
    }
}

/// The transitions in `scheme` of the councils in `region` (every council for `None`),
/// for ratings dated from `from` to `to` as [`steps`] reads them.
pub fn transitions(
    dataset: &Dataset,
    scheme: SchemeIx,
    from: Option<Date>,
    to: Option<Date>,
    region: Option<&str>,
) -> Transitions {
    let levels = dataset.scheme(scheme).levels().len();
    let mut rows = vec![
        Row {
            next: vec![Vec::new(); levels],
            ..Row::default()
        };
        levels
    ];
    let mut councils = 0;
    for council in dataset
        .councils
        .iter()
        .filter(|c| region.is_none_or(|r| c.region.as_deref() == Some(r)))
    {
        let steps = steps(dataset, council, scheme, from, to);
        if !steps.is_empty() {
            councils += 1;
        }
        for step in steps {
            let Some(row) = rows.get_mut(usize::from(step.rank)) else {
                continue;
            };
            match step.next {
                Next::Grade { rank, months, .. } => {
                    if let Some(next) = row.next.get_mut(usize::from(rank)) {
                        next.push(months);
                    }
                }
                Next::NotYet => row.not_yet += 1,
                Next::Ended(Why::SchemeEnded) => row.ended_by_scheme += 1,
                Next::Ended(Why::CouncilEnded) => row.ended_by_council += 1,
                Next::Ended(Why::Ungraded) => row.ended_by_ungraded += 1,
                Next::Ended(_) => row.ended_by_unknown += 1,
            }
        }
    }
    Transitions {
        scheme,
        rows,
        councils,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::parse;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn months_are_complete_calendar_months() {
        assert_eq!(months_between(d("2017-04-07"), d("2019-07-22")), 27);
        assert_eq!(months_between(d("2017-04-22"), d("2019-07-07")), 26);
        assert_eq!(months_between(d("2002-05"), d("2002-11")), 6);
        assert_eq!(months_between(d("2019-01-31"), d("2019-02-28")), 0);
        assert_eq!(months_between(d("2019-07-22"), d("2017-04-07")), -27);
        assert!(within_months(d("2017-04-07"), d("2019-04-07"), 24));
        assert!(!within_months(d("2017-04-07"), d("2019-04-08"), 24));
        assert!(within_months(d("2019-01-31"), d("2019-02-28"), 1));
    }

    const DATA: &str = r#"Dataset(
        title: "t",
        schemes: [
            Scheme(id: "cs", name: "CS", body: "Ofsted", scale: Ordinal(["Inadequate", "RI", "Good", "Outstanding"])),
            Scheme(id: "stars", name: "Stars", body: "CSCI", scale: Ordinal(["0", "1", "2", "3"]),
                   until: "2009-04", rounds: ["2002-05", "2002-11", "2003-11", "2004-11"]),
        ],
        councils: [
            Council(id: "a", name: "A", region: "North", ratings: [
                Rating(scheme: "cs", date: "2015-03-10", level: "Inadequate"),
                Rating(scheme: "cs", date: "2017-06-01", level: "Good"),
                Rating(scheme: "cs", date: "2022-01-15", level: "Outstanding"),
                Rating(scheme: "stars", date: "2002-05", level: "1"),
                Rating(scheme: "stars", date: "2002-11", level: "2"),
                Rating(scheme: "stars", date: "2004-11", level: "3"),
            ]),
            Council(id: "b", name: "B", region: "South", ended: "2019-04", succeeded_by: ["c"], ratings: [
                Rating(scheme: "cs", date: "2014-05", level: "Inadequate"),
                Rating(scheme: "cs", date: "2016-05", level: "RI"),
            ]),
            Council(id: "c", name: "C", region: "South", ratings: [
                Rating(scheme: "cs", date: "2020-02", level: "Inadequate"),
                Rating(scheme: "cs", date: "2026-06", note: "no grade"),
            ]),
        ],
    )"#;

    #[test]
    fn each_rating_meets_the_next_grade_only_when_nothing_ended_it_first() {
        let data = parse(DATA, "t").unwrap().dataset;
        let t = transitions(&data, 0, None, None, None);
        let inadequate = &t.rows[0];
        assert_eq!(inadequate.count(1), 1, "B: Inadequate then RI");
        assert_eq!(inadequate.count(2), 1, "A: Inadequate then Good");
        assert_eq!(inadequate.ended_by_ungraded, 1, "C: then no grade");
        assert_eq!(inadequate.total(), 3);
        assert_eq!(inadequate.median_months(2), Some(26.0));
        assert_eq!(t.rows[1].ended_by_council, 1, "B ended in 2019");
        assert_eq!(t.rows[2].count(3), 1);
        assert_eq!(t.rows[3].not_yet, 1);
        assert_eq!(t.total(), 6);
        assert_eq!(t.councils, 3);
        let stars = transitions(&data, 1, None, None, None);
        assert_eq!(stars.rows[1].count(2), 1);
        assert_eq!(
            stars.rows[2].ended_by_unknown, 1,
            "the 2003 round is missing: 2002's 2 stars is not followed by 2004's 3"
        );
        assert_eq!(stars.rows[3].ended_by_scheme, 1);
    }

    #[test]
    fn dates_bound_the_ratings_counted_and_what_was_known_then() {
        let data = parse(DATA, "t").unwrap().dataset;
        let t = transitions(&data, 0, Some(d("2015")), Some(d("2016")), None);
        assert_eq!(t.total(), 2, "A's 2015 rating and B's of 2016");
        assert_eq!(t.rows[0].not_yet, 1, "A's next rating came in 2017");
        assert_eq!(t.rows[1].not_yet, 1, "B ended in 2019, after 2016");
        let south = transitions(&data, 0, None, None, Some("South"));
        assert_eq!((south.total(), south.councils), (3, 2));
    }
}
