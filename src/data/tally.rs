//! The national counts of one scheme on any day, built once per scheme: every
//! council's standing over time as pieces with one state each, folded into one sorted
//! array of the days on which some count changes, with the running counts after each.
//! A reading at a day is then one binary search, not a walk over every council.
//!
//! The states are what [`super::context::Distribution`] counts: a level, a value in
//! force, ungraded, not yet rated, unknown (or nothing, once an end has passed), and
//! whether the council existed. Each council's state is read with the one reading
//! rule ([`Timeline::at`], or [`Timeline::standing`] for a council never rated in the
//! scheme) on each day where it may change: every boundary of its timeline's pieces
//! and every date the rule compares the day with (its ratings' and its parent
//! scheme's, rounds, ends, its start, how far the dataset reaches), each taken on its
//! period's first day and on the day after its period. Between two such days no
//! comparison the rule makes can change, so the state cannot either.

use super::date::Date;
use super::model::{Council, Dataset, Grade, SchemeIx};
use super::timeline::{Reading, Timeline};

/// The running counts of one scheme, by day.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    /// Days (as [`Date::first_day`] numbers) on which some count changes, ascending.
    days: Vec<i32>,
    /// For each of `days`, the counts from that day on: `width` slots each, as
    /// [`Slot`] lays them out.
    rows: Vec<u32>,
    /// Slots per row: the scheme's levels, then valued, ungraded, not yet, unknown,
    /// existing.
    width: usize,
}

/// The counts a [`Tally`] gives for one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts<'t> {
    /// Councils at each level, worst first.
    pub levels: &'t [u32],
    pub valued: u32,
    pub ungraded: u32,
    pub not_yet: u32,
    pub unknown: u32,
    pub existing: u32,
}

/// Where a state is counted in a row, past the levels.
#[derive(Clone, Copy)]
enum Slot {
    Valued = 0,
    Ungraded = 1,
    NotYet = 2,
    Unknown = 3,
    Existing = 4,
}

const EXTRA: usize = 5;

impl Tally {
    /// The counts of `scheme` over all time, from every council of `dataset`.
    pub fn build(dataset: &Dataset, scheme: SchemeIx) -> Self {
        let levels = dataset.scheme(scheme).levels().len();
        let width = levels + EXTRA;
        // (day, slot, +1 or -1): a council entering or leaving a state on that day.
        let mut events: Vec<(i32, u16, i32)> = Vec::new();
        let mut days = Vec::new();
        for council in &dataset.councils {
            council_events(dataset, council, scheme, levels, &mut days, &mut events);
        }
        events.sort_unstable_by_key(|&(day, _, _)| day);
        let mut out = Self {
            days: Vec::new(),
            rows: Vec::new(),
            width,
        };
        let mut running = vec![0i64; width];
        let mut at = 0;
        while at < events.len() {
            let day = events[at].0;
            while at < events.len() && events[at].0 == day {
                let (_, slot, delta) = events[at];
                running[usize::from(slot)] += i64::from(delta);
                at += 1;
            }
            out.days.push(day);
            out.rows
                .extend(running.iter().map(|&n| u32::try_from(n).unwrap_or(0)));
        }
        out.days.shrink_to_fit();
        out.rows.shrink_to_fit();
        out
    }

    /// The counts on `date`, read on its period's last day.
    pub fn at(&self, date: Date) -> Counts<'_> {
        let day = date.reading_day().first_day();
        let after = self.days.partition_point(|&d| d <= day);
        let levels = self.width - EXTRA;
        let row = match after {
            0 => None,
            n => Some(&self.rows[(n - 1) * self.width..n * self.width]),
        };
        let slot = |s: Slot| row.map_or(0, |r| r[levels + s as usize]);
        Counts {
            levels: row.map_or(&[][..], |r| &r[..levels]),
            valued: slot(Slot::Valued),
            ungraded: slot(Slot::Ungraded),
            not_yet: slot(Slot::NotYet),
            unknown: slot(Slot::Unknown),
            existing: slot(Slot::Existing),
        }
    }

    /// The bytes the arrays hold.
    pub fn bytes(&self) -> usize {
        self.days.capacity() * std::mem::size_of::<i32>()
            + self.rows.capacity() * std::mem::size_of::<u32>()
    }

    /// Days on which some count changes.
    pub fn len(&self) -> usize {
        self.days.len()
    }

    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }
}

/// Where a reading is counted (`None`: not at all, as past an end), as
/// `Distribution` counts it.
fn slot_of(reading: Reading, levels: usize) -> Option<u16> {
    let extra = |s: Slot| Some((levels + s as usize) as u16);
    match reading {
        Reading::Holds(segment) => match segment.grade {
            Grade::Level(rank) => Some(u16::from(rank)),
            _ => extra(Slot::Valued),
        },
        Reading::LastMeasured(segment) if segment.joined() => extra(Slot::Valued),
        Reading::Ungraded { .. } => extra(Slot::Ungraded),
        Reading::NotYet => extra(Slot::NotYet),
        Reading::Unknown { .. }
        | Reading::Beyond(_)
        | Reading::Changing { .. }
        | Reading::LastMeasured(_) => extra(Slot::Unknown),
        Reading::SchemeEnded(_) | Reading::CouncilEnded(_) => None,
    }
}

/// Adds to `events` the days on which `council`'s state in `scheme` changes.
fn council_events(
    dataset: &Dataset,
    council: &Council,
    scheme: SchemeIx,
    levels: usize,
    days: &mut Vec<i32>,
    events: &mut Vec<(i32, u16, i32)>,
) {
    let def = dataset.scheme(scheme);
    let parent = def.parent;
    let rated = council.ratings.iter().any(|r| r.scheme == scheme);
    let timeline = rated.then(|| Timeline::new(dataset, council, scheme));
    days.clear();
    let mut mention = |date: Date| {
        days.push(date.first_day());
        days.push(date.last_day() + 1);
    };
    for def in std::iter::once(def).chain(parent.map(|p| dataset.scheme(p))) {
        def.rounds.iter().copied().for_each(&mut mention);
        def.until.into_iter().for_each(&mut mention);
        def.covered_until.into_iter().for_each(&mut mention);
    }
    council
        .ratings
        .iter()
        .filter(|r| r.scheme == scheme || Some(r.scheme) == parent)
        .for_each(|r| mention(r.date));
    council.started.into_iter().for_each(&mut mention);
    council.ended.into_iter().for_each(&mut mention);
    if let Some(timeline) = &timeline {
        for s in &timeline.segments {
            mention(s.from);
            s.to.into_iter().for_each(&mut mention);
        }
        for g in &timeline.gaps {
            mention(g.from);
            g.to.into_iter().for_each(&mut mention);
        }
    }
    days.sort_unstable();
    days.dedup();
    let state = |day: i32| {
        let date = Date::from_days(day);
        if !council.existed(date) {
            return (false, None);
        }
        let reading = match &timeline {
            Some(t) => t.at(dataset, council, date),
            None => Timeline::standing(dataset, council, scheme, date),
        };
        (true, slot_of(reading, levels))
    };
    let existing = (levels + Slot::Existing as usize) as u16;
    // Before every day mentioned: the state of the far past, from the start of time.
    let mut before = match days.first() {
        Some(&first) => state(first - 1),
        None => state(Date::year(2000).first_day()),
    };
    let mut enter = |day: i32, (exists, slot): (bool, Option<u16>), delta: i32| {
        if exists {
            events.push((day, existing, delta));
            if let Some(slot) = slot {
                events.push((day, slot, delta));
            }
        }
    };
    enter(i32::MIN, before, 1);
    for &day in days.iter() {
        let now = state(day);
        if now != before {
            enter(day, before, -1);
            enter(day, now, 1);
            before = now;
        }
    }
}
