//! Timeline maths shared by every view: how long each rating holds, why there is no
//! rating where there is none, what holds at a date, and how each rating changed on
//! the one before it.
//!
//! Reading a date is one rule, here, that every view calls:
//! - a date asked about (the cursor, `--at`, `--date`) is read on the last day of its
//!   period, so `2004-11` takes in everything published in November 2004;
//! - a rating dated to a month holds from the day of its scheme's round published that
//!   month, where the round has a day (a year names no round); else from its own day,
//!   or for certain from the day after its month or year: inside that period it is not
//!   known which rating held, and the reading says the rating changed during it;
//! - a rating holds until the first of: the council's next rating in the same scheme;
//!   for a scheme published in rounds, the round after its own; for a sub-judgement,
//!   the council's next rating in the parent scheme (unknown after a graded one, no
//!   grade after an ungraded one); the scheme's end; the council's end;
//! - a numeric rating is a measurement: it is joined to the next measurement and never
//!   drawn past the last one, and read as "last measured" at any later date.
//! - after a scheme's `covered_until`, a council it never rated is unknown, not "not
//!   yet rated".

use super::date::{Date, Precision};
use super::model::{Council, Dataset, Grade, Rating, Scale, SchemeIx};

/// A stretch of time over which one rating held (or, for a measurement, the stretch
/// to the next measurement). A point (`to == Some(from)`) is a council's last
/// measurement, or a rating stopped before any day it held for certain: drawn as a
/// marker only.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    /// The first day it held for certain (a measurement: its date).
    pub from: Date,
    /// Exclusive end; `None` while the rating still holds. A council's last numeric
    /// measurement has `to == Some(from)`: a point, drawn no further.
    pub to: Option<Date>,
    /// The date a reader is told it held since: its round's day, else its own date.
    pub since: Date,
    pub grade: Grade,
    /// Index into the council's `ratings`.
    pub rating: usize,
}

impl Segment {
    /// A measurement joined to a later one (not the council's last).
    pub fn joined(&self) -> bool {
        self.to != Some(self.from)
    }
}

/// Why a council has no rating in a scheme over some stretch of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// Before its first rating.
    NotYet,
    /// The latest assessment gave no grade here: its own, or an assessment in the
    /// parent scheme that gave no grade at all.
    Ungraded,
    /// A result the dataset does not hold: a round it lacks, a sub-judgement a graded
    /// parent inspection gave, any rating after the scheme's `covered_until`.
    Unknown,
    /// A rating dated to a month or a year changed on a day its source does not give:
    /// inside that period, which rating held is unknown.
    Changing,
    SchemeEnded,
    CouncilEnded,
}

impl Why {
    /// Whether the dataset does not know what held (drawn as a dotted stretch, counted
    /// as unknown in national figures).
    pub fn is_unknown(self) -> bool {
        matches!(self, Why::Unknown | Why::Changing)
    }
}

/// A stretch of time with no rating, and why.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gap {
    pub from: Date,
    /// Exclusive end; `None` for good (an end) or while it lasts.
    pub to: Option<Date>,
    pub why: Why,
    /// The rating behind the gap: the assessment that gave no grade ([`Why::Ungraded`]),
    /// the graded parent inspection ([`Why::Unknown`]), the rating whose day is not
    /// known ([`Why::Changing`]).
    pub rating: Option<usize>,
    /// The date a reader is told: the assessment's date (its round's day), else `from`.
    pub since: Date,
}

/// One council's history in one scheme.
#[derive(Clone, Debug)]
pub struct Timeline {
    pub scheme: SchemeIx,
    /// Indices into the council's `ratings`, oldest first.
    pub ratings: Vec<usize>,
    pub segments: Vec<Segment>,
    /// Every stretch after the first rating (or the first round the council missed,
    /// or the first graded parent inspection) with no rating, oldest first; the time
    /// before it is [`Why::NotYet`].
    pub gaps: Vec<Gap>,
}

/// What a timeline says about one date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reading {
    /// A graded rating holds.
    Holds(Segment),
    /// A numeric scheme: the council's latest measurement on or before the date, which
    /// is never a value in force ([`Segment::joined`] when a later one follows).
    LastMeasured(Segment),
    /// The latest assessment gave no grade here (a gap, not the lowest level).
    Ungraded { since: Date, rating: usize },
    /// The rating dated `during` (a month or a year) changed on a day inside it.
    Changing { during: Date, rating: usize },
    /// The round in force on this date, whose result the dataset does not hold; or
    /// (`round: None`) a result it does not hold otherwise (a sub-judgement of a graded
    /// inspection, a measurement it never had).
    Unknown { round: Option<Date> },
    /// After the scheme's `covered_until`, a council with no rating in the dataset.
    Beyond(Date),
    /// The scheme ended on this date or before.
    SchemeEnded(Date),
    /// The council ended on this date or before.
    CouncilEnded(Date),
    /// No rating yet.
    NotYet,
}

impl Reading {
    /// The reading in words: "Good since 2019-07-22", "unknown: no 2006 rating in this
    /// dataset", "unknown: changed during 2017", "last measured 2017-04: more than 25",
    /// "no rating: council ended 2021-04".
    pub fn describe(self, dataset: &Dataset, council: &Council, scheme: SchemeIx) -> String {
        let def = dataset.scheme(scheme);
        match self {
            Reading::Holds(s) => format!("{} since {}", def.describe(s.grade), s.since),
            Reading::LastMeasured(s) => last_measured(dataset, &council.ratings[s.rating]),
            Reading::Ungraded { since, .. } => format!("no grade given since {since}"),
            Reading::Changing { during, .. } => format!("unknown: changed during {during}"),
            Reading::Unknown { round: Some(round) } => format!(
                "unknown: no {} rating in this dataset",
                round_name(&def.rounds, round)
            ),
            Reading::Unknown { round: None } => "unknown: not in this dataset".to_owned(),
            Reading::Beyond(until) => {
                format!("unknown: this dataset holds ratings published up to {until}")
            }
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

    /// Why there is no rating, for any reading but a rating in force (a measurement
    /// has none either: it is a figure, not a rating).
    pub fn why(self) -> Option<Why> {
        match self {
            Reading::Holds(_) | Reading::LastMeasured(_) => None,
            Reading::Ungraded { .. } => Some(Why::Ungraded),
            Reading::Changing { .. } => Some(Why::Changing),
            Reading::Unknown { .. } | Reading::Beyond(_) => Some(Why::Unknown),
            Reading::SchemeEnded(_) => Some(Why::SchemeEnded),
            Reading::CouncilEnded(_) => Some(Why::CouncilEnded),
            Reading::NotYet => Some(Why::NotYet),
        }
    }
}

/// A measurement as read at any later date: "last measured 2017-04: more than 25" (what
/// the source said, in its note, else the figure), never a value in force.
pub fn last_measured(dataset: &Dataset, rating: &Rating) -> String {
    let figure = rating
        .note
        .clone()
        .unwrap_or_else(|| dataset.scheme(rating.scheme).describe(rating.grade));
    format!("last measured {}: {figure}", rating.date)
}

/// What a council's latest rating in a scheme reads as: its level, or for a measurement
/// [`last_measured`].
pub fn latest_reads(dataset: &Dataset, rating: &Rating) -> String {
    match rating.grade {
        Grade::Value(_) => last_measured(dataset, rating),
        grade => dataset.scheme(rating.scheme).describe(grade),
    }
}

/// A round as people name it: its year, or its month where one year had two rounds
/// (the 2002 star ratings came in May and November).
fn round_name(rounds: &[Date], round: Date) -> String {
    let year = round.year_number();
    let same_year = rounds.iter().filter(|r| r.year_number() == year).count();
    if same_year > 1 && round.precision() != Precision::Year {
        round.to_string().get(..7).unwrap_or_default().to_owned()
    } else {
        year.to_string()
    }
}

/// When a rating took effect, as far as its date and its scheme's rounds tell.
#[derive(Clone, Copy, Debug)]
struct Start {
    /// The first day it may have held.
    begins: Date,
    /// The first day it held for certain.
    certain: Date,
}

impl Start {
    /// A rating dated `date` in a scheme with `rounds`: a month's rating from the day
    /// of the one round published that month, where the round has a day; else from
    /// `date`, for certain from the day after its month or year. (A year names no
    /// round: a rating given only a year may have come apart from the round, as
    /// Herefordshire's 2005 star rating did.)
    fn of(rounds: &[Date], date: Date) -> Self {
        if date.precision() == Precision::Day {
            return Self {
                begins: date,
                certain: date,
            };
        }
        let (first, last) = (date.first_day(), date.last_day());
        let mut inside = rounds
            .iter()
            .filter(|r| first <= r.first_day() && r.last_day() <= last);
        if let (Some(&round), None) = (inside.next(), inside.next())
            && date.precision() == Precision::Month
            && round.precision() == Precision::Day
        {
            return Self {
                begins: round,
                certain: round,
            };
        }
        Self {
            begins: date,
            certain: Date::from_days(last + 1),
        }
    }

    /// The date a reader is told the rating (dated `rating.date`) held since: its
    /// round's day, else its own date.
    fn since(self, rating: &Rating) -> Date {
        if self.uncertain() {
            rating.date
        } else {
            self.begins
        }
    }

    /// Whether the rating's day is not known: inside [`Start::begins`]..[`Start::certain`]
    /// which rating held is unknown.
    fn uncertain(self) -> bool {
        self.begins != self.certain
    }
}

/// The date a reader is told a rating held since: its round's day where that is more
/// precise than its own date, else its own date.
pub fn since(dataset: &Dataset, rating: &Rating) -> Date {
    Start::of(&dataset.scheme(rating.scheme).rounds, rating.date).since(rating)
}

/// The round after the one `date` falls in: the first round starting after `date`'s
/// period ends (a rating dated "2002-05" belongs to the round of 2002-05-30).
fn next_round(rounds: &[Date], date: Date) -> Option<Date> {
    let last = date.last_day();
    rounds.iter().copied().find(|r| r.first_day() > last)
}

/// What stops a rating: when, why (`None`: the next rating takes over), the rating
/// behind that, and the date a reader is told.
#[derive(Clone, Copy)]
struct Stop {
    at: Date,
    why: Option<Why>,
    rating: Option<usize>,
    since: Date,
}

impl Stop {
    /// The gap this stop opens until `to`, if it opens one that lasts.
    fn gap(self, to: Option<Date>) -> Option<Gap> {
        let why = self.why?;
        to.is_none_or(|t| self.at < t).then_some(Gap {
            from: self.at,
            to,
            why,
            rating: self.rating,
            since: self.since,
        })
    }

    /// Hands the gap this stop opens until `to` (if any) to `emit`; true when `emit`
    /// asked to stop.
    fn emit(self, to: Option<Date>, emit: &mut impl FnMut(Piece) -> bool) -> bool {
        self.gap(to).is_some_and(|g| emit(Piece::Gap(g)))
    }
}

/// The rules that end a council's ratings in one scheme (see the module docs).
struct Rules<'a> {
    dataset: &'a Dataset,
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
            dataset,
            council,
            rounds: &def.rounds,
            parent: def.parent,
            end: hard_end(dataset, council, scheme),
        }
    }

    fn start(&self, rating: &Rating) -> Start {
        Start::of(&self.dataset.scheme(rating.scheme).rounds, rating.date)
    }

    /// The council's ratings in the parent scheme, with when each took effect.
    fn parent_ratings(&self) -> impl Iterator<Item = (usize, &'a Rating, Start)> + '_ {
        let parent = self.parent;
        // A scheme with no parent has nothing to look through.
        let ratings: &'a [Rating] = match parent {
            Some(_) => &self.council.ratings,
            None => &[],
        };
        ratings
            .iter()
            .enumerate()
            .filter(move |(_, r)| Some(r.scheme) == parent)
            .map(|(i, r)| (i, r, self.start(r)))
    }

    /// The stops that the parent scheme's inspections make after `after` and before
    /// `until`, oldest first.
    fn parent_stops(&self, after: Date, until: Option<Date>) -> impl Iterator<Item = Stop> + '_ {
        self.parent_ratings()
            .filter(move |(_, _, s)| s.begins > after && until.is_none_or(|u| s.begins < u))
            .map(|(by, p, s)| Stop {
                at: s.begins,
                why: Some(self.parent_gap(p)),
                rating: Some(by),
                since: since(self.dataset, p),
            })
    }

    /// The gaps from `first` until `until`, a new one at each parent inspection
    /// in between (each says what that inspection left: unknown or no grade).
    /// Each goes to `emit`; returns true when `emit` asked to stop.
    fn gaps(&self, first: Stop, until: Option<Date>, emit: &mut impl FnMut(Piece) -> bool) -> bool {
        let mut stop = first;
        for later in self.parent_stops(first.at, until) {
            if stop.emit(Some(later.at), emit) {
                return true;
            }
            stop = later;
        }
        stop.emit(until, emit)
    }

    /// The gap a parent inspection opens in a sub-judgement it does not hold: unknown
    /// after a graded one (or any, in a scheme of rounds), no grade after an ungraded one.
    fn parent_gap(&self, rating: &Rating) -> Why {
        match rating.grade {
            Grade::Ungraded if self.rounds.is_empty() => Why::Ungraded,
            _ => Why::Unknown,
        }
    }

    /// The first thing to stop `rating` (taking effect at `start`), whose scheme's next
    /// rating takes effect at `next`.
    fn stop(&self, rating: &Rating, start: Start, next: Option<Date>) -> Option<Stop> {
        let mut stop: Option<Stop> = next.map(|at| Stop {
            at,
            why: None,
            rating: None,
            since: at,
        });
        let mut consider = |candidate: Stop| {
            if stop.is_none_or(|s| candidate.at < s.at) {
                stop = Some(candidate);
            }
        };
        if let Some(round) = next_round(self.rounds, rating.date) {
            consider(Stop {
                at: round,
                why: Some(Why::Unknown),
                rating: None,
                since: round,
            });
        }
        // The parent scheme's next inspection ends a sub-judgement older than it.
        if let Some(parent) = self.parent_stops(start.begins, None).next() {
            consider(parent);
        }
        if let Some((at, why)) = self.end {
            consider(Stop {
                at,
                why: Some(why),
                rating: None,
                since: at,
            });
        }
        stop
    }

    /// Where a council with ratings here was unknown before its first one (taking
    /// effect at `first`): from the first round it existed for before its own, or
    /// from its first parent inspection before it, whichever came first.
    fn unknown_before(&self, first: Date) -> Option<Stop> {
        let own = self
            .rounds
            .partition_point(|r| r.first_day() <= first.last_day());
        let round = rounds_lived(&self.rounds[..own.saturating_sub(1)], self.council)
            .next()
            .map(|at| Stop {
                at,
                why: Some(Why::Unknown),
                rating: None,
                since: at,
            });
        let parent = self
            .parent_ratings()
            .find(|(_, _, s)| s.begins < first)
            .map(|(by, p, s)| Stop {
                at: s.begins,
                why: Some(self.parent_gap(p)),
                rating: Some(by),
                since: since(self.dataset, p),
            });
        // Before its first rating: the first round or parent inspection it missed.
        match (round, parent) {
            (Some(r), Some(p)) => Some(if p.at < r.at { p } else { r }),
            (r, p) => r.or(p),
        }
    }

    /// Where a stretch without news ends: the council's next rating, else the end.
    fn until(&self, next: Option<Date>) -> Option<Date> {
        match (next, self.end) {
            (Some(n), Some((e, _))) => Some(n.min(e)),
            (n, e) => n.or(e.map(|(e, _)| e)),
        }
    }
}

/// A stretch of a timeline: a rating held, or a gap and why.
#[derive(Clone, Copy, Debug)]
enum Piece {
    Segment(Segment),
    Gap(Gap),
}

impl Piece {
    fn from(&self) -> Date {
        match self {
            Piece::Segment(s) => s.from,
            Piece::Gap(g) => g.from,
        }
    }
}

/// Walks the timeline of `council` in `scheme` (see the module docs), handing each
/// segment and gap to `emit` in order of their start, until `emit` returns true.
/// With `skip_to`, the pieces that end by that day are passed over unworked.
/// Building a whole timeline and reading one date both go through here, so the two
/// can never disagree; a reading skips to the date and stops there, with nothing
/// allocated. Returns whether the council has a rating in `scheme`.
fn walk(
    dataset: &Dataset,
    council: &Council,
    scheme: SchemeIx,
    skip_to: Option<Date>,
    mut emit: impl FnMut(Piece) -> bool,
) -> bool {
    // Every piece of a rating ends by the next rating's start.
    let passed = |end: Date| skip_to.is_some_and(|day| end <= day);
    let rules = Rules::new(dataset, council, scheme);
    let numeric = matches!(dataset.scheme(scheme).scale, Scale::Numeric { .. });
    let start_of = |rating: &Rating| match numeric {
        // A measurement is a figure at its date, not a rating taking effect.
        true => Start {
            begins: rating.date,
            certain: rating.date,
        },
        false => rules.start(rating),
    };
    // Each rating here with when it took effect, worked out once.
    let mut own = council
        .ratings
        .iter()
        .enumerate()
        .filter(|(_, r)| r.scheme == scheme)
        .map(|(i, r)| (i, r, start_of(r)))
        .peekable();
    let Some(&(_, _, first)) = own.peek() else {
        return false;
    };
    if !passed(first.begins)
        && let Some(stop) = rules.unknown_before(first.begins)
        && rules.gaps(stop, Some(first.begins), &mut emit)
    {
        return true;
    }
    while let Some((i, rating, start)) = own.next() {
        if rules.end.is_some_and(|(e, _)| start.begins >= e) {
            return true;
        }
        let next = own.peek().map(|&(_, _, s)| s.begins);
        if next.is_some_and(passed) {
            continue;
        }
        let stop = rules.stop(rating, start, next);
        let to = stop.map(|s| s.at);
        if start.uncertain() {
            let until = to.map_or(start.certain, |t| t.min(start.certain));
            let changing = Stop {
                at: start.begins,
                why: Some(Why::Changing),
                rating: Some(i),
                since: rating.date,
            };
            if changing.emit(Some(until), &mut emit) {
                return true;
            }
        }
        let from = start.certain;
        let since = start.since(rating);
        let segment = |from: Date, to: Option<Date>| {
            Piece::Segment(Segment {
                from,
                to,
                since,
                grade: rating.grade,
                rating: i,
            })
        };
        let done = match rating.grade {
            // A council's last measurement: a point, carried no further.
            Grade::Value(_) if next.is_none() => {
                emit(segment(from, Some(from)));
                return true;
            }
            Grade::Ungraded => {
                let ungraded = Stop {
                    at: from,
                    why: Some(Why::Ungraded),
                    rating: Some(i),
                    since,
                };
                ungraded.emit(to, &mut emit)
            }
            _ if to.is_none_or(|t| from < t) => emit(segment(from, to)),
            // Stopped before it held for certain (a year's rating in a yearly round): a
            // point at its date, so a chart still marks it.
            _ => emit(segment(start.begins, Some(start.begins))),
        };
        if done {
            return true;
        }
        if let Some(stop) = stop
            && !matches!(stop.why, None | Some(Why::SchemeEnded | Why::CouncilEnded))
        {
            let stop = Stop {
                at: stop.at.max(from),
                ..stop
            };
            if rules.gaps(stop, rules.until(next), &mut emit) {
                return true;
            }
        }
    }
    if let Some((at, why)) = rules.end
        && first.begins < at
    {
        let end = Stop {
            at,
            why: Some(why),
            rating: None,
            since: at,
        };
        end.emit(None, &mut emit);
    }
    true
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
        let (mut segments, mut gaps) = (Vec::new(), Vec::new());
        walk(dataset, council, scheme, None, |piece| {
            match piece {
                Piece::Segment(s) => segments.push(s),
                Piece::Gap(g) => gaps.push(g),
            }
            false
        });
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

    /// What held on `date`, read on the last day of its period.
    pub fn at(&self, dataset: &Dataset, council: &Council, date: Date) -> Reading {
        let mut reader = Reader::new(dataset, council, self.scheme, date);
        if reader.found.is_none() {
            let segments = self.segments.iter().map(|&s| Piece::Segment(s));
            let gaps = self.gaps.iter().map(|&g| Piece::Gap(g));
            for piece in segments.chain(gaps) {
                if reader.take(piece) {
                    break;
                }
            }
        }
        reader.finish()
    }

    /// What held for `council` in `scheme` on `date` (read on the last day of its
    /// period): what `Timeline::new(dataset, council, scheme).at(dataset, council, date)`
    /// says, walking the timeline only as far as the date.
    pub fn reading(dataset: &Dataset, council: &Council, scheme: SchemeIx, date: Date) -> Reading {
        Self::rated_reading(dataset, council, scheme, date).unwrap_or(Reading::NotYet)
    }

    /// [`Timeline::reading`], or `None` when the council has no rating in `scheme`
    /// (and the date is not past an end).
    fn rated_reading(
        dataset: &Dataset,
        council: &Council,
        scheme: SchemeIx,
        date: Date,
    ) -> Option<Reading> {
        let mut reader = Reader::new(dataset, council, scheme, date);
        if reader.found.is_none() {
            let day = reader.date;
            let rated = walk(dataset, council, scheme, Some(day), |piece| {
                reader.take(piece) || piece.from() > day
            });
            if !rated {
                return None;
            }
        }
        Some(reader.finish())
    }

    /// Where `council` stood in `scheme` on `date` (read on the last day of its
    /// period), whether or not it was ever rated there: ended, not yet begun, unknown
    /// (a round it existed for, a graded parent inspection, a figure every council has,
    /// or a date past what the dataset covers) or not yet rated.
    pub fn standing(dataset: &Dataset, council: &Council, scheme: SchemeIx, date: Date) -> Reading {
        let date = date.reading_day();
        let def = dataset.scheme(scheme);
        if let Some(end) = hard_end(dataset, council, scheme)
            && date >= end.0
        {
            return ended(end);
        }
        if !council.existed(date) {
            return Reading::NotYet;
        }
        if let Some(reading) = Self::rated_reading(dataset, council, scheme, date) {
            return reading;
        }
        let rules = Rules::new(dataset, council, scheme);
        let mut gaps = Vec::new();
        if let Some(stop) = rules.unknown_before(Date::from_days(date.first_day() + 1)) {
            rules.gaps(stop, None, &mut |piece| {
                if let Piece::Gap(g) = piece {
                    gaps.push(g);
                }
                false
            });
        }
        if let Some(stop) = gaps.iter().rfind(|g| g.from <= date) {
            return match stop.why {
                Why::Ungraded => Reading::Ungraded {
                    since: stop.since,
                    rating: stop.rating.unwrap_or_default(),
                },
                _ => Reading::Unknown {
                    round: round_at(&def.rounds, date),
                },
            };
        }
        let missed = rounds_lived(&def.rounds, council).any(|r| r <= date);
        if missed || matches!(def.scale, Scale::Numeric { .. }) {
            return Reading::Unknown {
                round: round_at(&def.rounds, date),
            };
        }
        match def.covered_until {
            Some(until) if date.first_day() > until.last_day() => Reading::Beyond(until),
            _ => Reading::NotYet,
        }
    }

    /// Whether a rating that stopped at `end` steps straight to the one held for certain
    /// from `start`: the next took over on that day, or on a day of the month or year
    /// between them (a [`Why::Changing`] gap), so a chart joins the two.
    pub fn joins(&self, end: Date, start: Date) -> bool {
        end == start
            || self
                .gaps
                .iter()
                .any(|g| g.why == Why::Changing && g.from == end && g.to == Some(start))
    }

    /// The most recent rating, graded or not.
    pub fn latest<'c>(&self, council: &'c Council) -> Option<&'c Rating> {
        self.ratings.last().map(|&i| &council.ratings[i])
    }
}

/// Reads one date off the pieces of a timeline: the segment or gap that holds it.
struct Reader<'d> {
    dataset: &'d Dataset,
    scheme: SchemeIx,
    numeric: bool,
    /// The day read.
    date: Date,
    found: Option<Reading>,
    /// A measurement on or before the date, not joined to a later one.
    last_point: Option<Segment>,
}

impl<'d> Reader<'d> {
    /// A reader of `date` (on its period's last day); past the scheme's or the
    /// council's end, it has its answer already.
    fn new(dataset: &'d Dataset, council: &Council, scheme: SchemeIx, date: Date) -> Self {
        let date = date.reading_day();
        let found = hard_end(dataset, council, scheme)
            .filter(|end| date >= end.0)
            .map(ended);
        Self {
            dataset,
            scheme,
            numeric: matches!(dataset.scheme(scheme).scale, Scale::Numeric { .. }),
            date,
            found,
            last_point: None,
        }
    }

    /// Takes one piece; true once the reading is found.
    fn take(&mut self, piece: Piece) -> bool {
        let date = self.date;
        let within = |from: Date, to: Option<Date>| from <= date && to.is_none_or(|t| date < t);
        self.found = match piece {
            Piece::Segment(s) if within(s.from, s.to) => Some(match self.numeric {
                true => Reading::LastMeasured(s),
                false => Reading::Holds(s),
            }),
            Piece::Segment(s) => {
                if self.numeric && !s.joined() && s.from <= date {
                    self.last_point = Some(s);
                }
                None
            }
            Piece::Gap(g) if within(g.from, g.to) => Some(match g.why {
                Why::Ungraded => Reading::Ungraded {
                    since: g.since,
                    rating: g.rating.unwrap_or_default(),
                },
                Why::Changing => Reading::Changing {
                    during: g.since,
                    rating: g.rating.unwrap_or_default(),
                },
                Why::Unknown => Reading::Unknown {
                    round: round_at(&self.dataset.scheme(self.scheme).rounds, date),
                },
                Why::NotYet => Reading::NotYet,
                Why::SchemeEnded => Reading::SchemeEnded(g.from),
                Why::CouncilEnded => Reading::CouncilEnded(g.from),
            }),
            Piece::Gap(_) => None,
        };
        self.found.is_some()
    }

    /// The reading: what held, else the last measurement before, else not yet rated.
    fn finish(self) -> Reading {
        self.found
            .or(self.last_point.map(Reading::LastMeasured))
            .unwrap_or(Reading::NotYet)
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
            Scheme(id: "cqc", name: "CQC", body: "CQC", scale: Ordinal(["Inadequate", "RI", "Good", "Outstanding"]), covered_until: "2025-11"),
        ],
        councils: [
            Council(id: "hackney", name: "Hackney", ratings: [
                Rating(scheme: "stars", date: "2002-05", level: "1 star"),
                Rating(scheme: "stars", date: "2008-11", level: "3 stars"),
                Rating(scheme: "cs", date: "2014-03", level: "RI"),
                Rating(scheme: "cs-leavers", date: "2014-03", level: "Good"),
                Rating(scheme: "cs", date: "2018-05", level: "Good"),
                Rating(scheme: "caseload", date: "2017-04", value: 25.0, note: "more than 25"),
                Rating(scheme: "caseload", date: "2019-05", value: 16.0),
                Rating(scheme: "cs", date: "2026-06-10", note: "no overall grade"),
            ]),
            Council(id: "old", name: "Old", ended: "2019-04", succeeded_by: ["new"], ratings: [
                Rating(scheme: "stars", date: "2004-11", level: "2 stars"),
                Rating(scheme: "cs", date: "2016-06", level: "Inadequate"),
            ]),
            Council(id: "new", name: "New", ratings: [
                Rating(scheme: "cs", date: "2021-02", level: "Good"),
                Rating(scheme: "cqc", date: "2025-03-01", level: "Good"),
            ]),
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
                ("2002-11".into(), Some("2008-11-26".into()), Why::Unknown),
                ("2009-04".into(), None, Why::SchemeEnded),
            ]
        );
    }

    #[test]
    fn a_rating_in_a_round_holds_from_the_rounds_day_and_a_month_asked_about_reads_at_its_end() {
        let data = rules();
        assert_eq!(
            read(&data, "hackney", "stars", "2008-11-10"),
            Reading::Unknown {
                round: Some(d("2007-11"))
            },
            "the 2008 round came out on 26 November"
        );
        let since_26th = |r: Reading| matches!(r, Reading::Holds(s) if s.grade == Grade::Level(3) && s.since == d("2008-11-26"));
        assert!(since_26th(read(&data, "hackney", "stars", "2008-11-26")));
        assert!(since_26th(read(&data, "hackney", "stars", "2008-11")));
        let hackney = &data.councils[0];
        assert_eq!(
            read(&data, "hackney", "stars", "2008-11").describe(&data, hackney, 0),
            "3 stars since 2008-11-26"
        );
    }

    #[test]
    fn inside_the_month_or_year_a_rating_is_dated_to_what_held_is_unknown() {
        let data = rules();
        let hackney = &data.councils[0];
        for date in ["2014-03-01", "2014-03-20", "2014-03", "2014-03-31"] {
            let reading = read(&data, "hackney", "cs", date);
            assert!(
                matches!(reading, Reading::Changing { during, .. } if during == d("2014-03")),
                "{date}: {reading:?}"
            );
            assert_eq!(
                reading.describe(&data, hackney, 1),
                "unknown: changed during 2014-03"
            );
        }
        assert!(
            matches!(read(&data, "hackney", "cs", "2014-04-01"), Reading::Holds(s) if s.grade == Grade::Level(1) && s.since == d("2014-03") && s.from == d("2014-04-01"))
        );
        assert_eq!(read(&data, "hackney", "cs", "2014-02-28"), Reading::NotYet);
        let cs = Timeline::new(&data, hackney, 1);
        assert_eq!(
            (cs.gaps[0].from, cs.gaps[0].to, cs.gaps[0].why),
            (d("2014-03"), Some(d("2014-04-01")), Why::Changing)
        );
    }

    #[test]
    fn after_its_covered_until_a_council_never_rated_is_unknown_not_unrated() {
        let data = rules();
        let hackney = &data.councils[0];
        let standing = |date: &str| Timeline::standing(&data, hackney, 4, d(date));
        assert_eq!(standing("2025-10"), Reading::NotYet);
        assert_eq!(standing("2025-11"), Reading::NotYet);
        assert_eq!(standing("2025-12-01"), Reading::Beyond(d("2025-11")));
        assert_eq!(
            standing("2026").describe(&data, hackney, 4),
            "unknown: this dataset holds ratings published up to 2025-11"
        );
        let new = &data.councils[2];
        assert!(matches!(
            Timeline::standing(&data, new, 4, d("2026")),
            Reading::Holds(_)
        ));
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
    fn a_sub_judgement_ends_at_the_next_inspection_unknown_after_a_graded_one() {
        let data = rules();
        assert!(
            matches!(read(&data, "hackney", "cs-leavers", "2017-01"), Reading::Holds(s) if s.grade == Grade::Level(2))
        );
        assert_eq!(
            read(&data, "hackney", "cs-leavers", "2018-06-30"),
            Reading::Unknown { round: None },
            "the 2018 inspection was graded: its care leavers grade is not in the dataset"
        );
        assert!(
            matches!(read(&data, "hackney", "cs-leavers", "2026-07"), Reading::Ungraded { since, rating } if since == d("2026-06-10") && data.councils[0].ratings[rating].scheme == 1),
            "the 2026 inspection gave no grade at all: {:?}",
            read(&data, "hackney", "cs-leavers", "2026-07")
        );
        // A council never graded here but inspected: unknown, not "not yet rated".
        let old = &data.councils[1];
        assert_eq!(
            Timeline::standing(&data, old, 2, d("2016-06-30")),
            Reading::Unknown { round: None }
        );
        assert_eq!(
            Timeline::standing(&data, old, 2, d("2016-05-31")),
            Reading::NotYet
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
        let at_2018 = read(&data, "hackney", "caseload", "2018-06-30");
        assert!(
            matches!(at_2018, Reading::LastMeasured(s) if s.grade == Grade::Value(25.0) && s.joined())
        );
        assert_eq!(
            at_2018.describe(&data, &data.councils[0], 3),
            "last measured 2017-04: more than 25",
            "a measurement is never a value in force"
        );
        assert!(
            matches!(read(&data, "hackney", "caseload", "2026"), Reading::LastMeasured(s) if s.grade == Grade::Value(16.0) && s.from == d("2019-05"))
        );
        let caseload = Timeline::new(&data, &data.councils[0], 3);
        assert_eq!(caseload.segments.last().unwrap().to, Some(d("2019-05")));
    }

    #[test]
    fn a_reading_that_stops_at_its_date_agrees_with_the_whole_timeline() {
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
                    // Each rating's date, the day before it and the day after its
                    // period, each round, each end, and some years.
                    let mut dates: Vec<Date> = Vec::new();
                    for r in &council.ratings {
                        dates.extend([
                            r.date,
                            Date::from_days(r.date.first_day() - 1),
                            Date::from_days(r.date.last_day() + 1),
                        ]);
                    }
                    dates.extend(council.ended);
                    dates.extend(data.scheme(scheme).rounds.iter().copied());
                    dates.extend(
                        ["2001", "2006-01", "2009-04", "2013-06", "2019-04", "2030"].map(d),
                    );
                    for date in dates {
                        assert_eq!(
                            Timeline::reading(data, council, scheme, date),
                            timeline.at(data, council, date),
                            "{} {} {date}",
                            council.id,
                            data.scheme(scheme).id
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
