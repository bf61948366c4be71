//! National context: how councils were spread across a scheme's levels at a date, from
//! each council's rating in force then, beside any published summary for that time.

use super::date::Date;
use super::model::{Council, Dataset, Grade, SchemeIx, Summary, format_value};
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
    /// Read from the scheme's [`Tally`](super::tally::Tally) (built on first use), not
    /// by walking every council.
    pub fn at(dataset: &Dataset, scheme: SchemeIx, date: Date) -> Self {
        Self::tallied(dataset, scheme, date)
    }

    /// [`Distribution::at`] from the scheme's running counts: one binary search.
    fn tallied(dataset: &Dataset, scheme: SchemeIx, date: Date) -> Self {
        let def = dataset.scheme(scheme);
        let counts = dataset.tally(scheme).at(date);
        let mut levels = vec![0; def.levels().len()];
        for (out, &n) in levels.iter_mut().zip(counts.levels) {
            *out = n;
        }
        Self {
            scheme,
            date,
            counts: levels,
            valued: counts.valued,
            ungraded: counts.ungraded,
            not_yet: counts.not_yet,
            unknown: counts.unknown,
            existing: counts.existing,
            ended: def.ended_by(date),
        }
    }

    /// The spread of `scheme` across the councils that `keep` chooses and that existed
    /// on `date` (read on its period's last day, as every reading is).
    pub fn among(
        dataset: &Dataset,
        scheme: SchemeIx,
        date: Date,
        keep: impl Fn(&Council) -> bool,
    ) -> Self {
        Self::counted(dataset, scheme, date, keep, true)
    }

    /// [`Distribution::among`], with or without the common case read quickly
    /// ([`Quick`]): the two must agree.
    fn counted(
        dataset: &Dataset,
        scheme: SchemeIx,
        date: Date,
        keep: impl Fn(&Council) -> bool,
        quickly: bool,
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
        let quick = Quick::new(dataset, scheme, date).filter(|_| quickly);
        for council in dataset
            .councils
            .iter()
            .filter(|c| c.existed(date) && keep(c))
        {
            out.existing += 1;
            if let Some(rank) = quick.and_then(|q| q.level(council)) {
                out.counts[usize::from(rank)] += 1;
                continue;
            }
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

    /// A level's share of the councils rated, as a percentage, rounded to one decimal
    /// so that the levels' shares add to exactly 100.0 ([`tenths`]).
    pub fn share(&self, rank: usize) -> f64 {
        f64::from(tenths(&self.counts)[rank]) / 10.0
    }

    /// Councils at the two best levels (the best one, on a scale of one level).
    pub fn top_two(&self) -> u32 {
        self.counts.iter().rev().take(2).sum()
    }

    /// [`Distribution::top_two`] as a percentage of the councils rated: the sum of
    /// the two levels' shares as printed, so the figures printed agree.
    pub fn top_two_share(&self) -> f64 {
        f64::from(tenths(&self.counts).iter().rev().take(2).sum::<u32>()) / 10.0
    }

    /// How far the dataset's picture reaches, against the published figures in force.
    /// N is always the councils that existed on the date; a summary's stated total is
    /// what its source counted. The computed figure is partial where the dataset lacks
    /// a rating that was given (a council unknown), or holds fewer councils than the
    /// source counted; a council the dataset knows to be not yet rated (or given no
    /// grade) is accounted for.
    pub fn coverage(&self, published: &[&Summary]) -> Coverage {
        let covered = published
            .iter()
            .map(|s| s.total.unwrap_or_else(|| s.counts.iter().flatten().sum()))
            .max()
            .unwrap_or(0);
        let known = self.rated();
        Coverage {
            known,
            of: self.existing,
            partial: self.unknown > 0 || self.existing < covered,
        }
    }
}

/// The reading of the common case, found without walking the timeline: in an ordinal
/// scheme with no rounds and no parent, a rating given on a day, or dated to a month
/// or year that has passed, holds from then (for certain) until the council's next
/// rating in the scheme begins, the scheme's `until` or the council's end: exactly
/// the segment `timeline::walk` makes, with nothing between. Any other case (no
/// rating yet, inside the month of a change, an ungraded assessment, an end passed)
/// is left to [`Timeline::standing`]. A test holds the two to the same counts.
#[derive(Clone, Copy)]
struct Quick {
    scheme: SchemeIx,
    /// The day read.
    day: Date,
    until: Option<Date>,
}

impl Quick {
    fn new(dataset: &Dataset, scheme: SchemeIx, date: Date) -> Option<Self> {
        let def = dataset.scheme(scheme);
        let simple = def.rounds.is_empty()
            && def.parent.is_none()
            && matches!(def.scale, super::model::Scale::Ordinal(_));
        simple.then_some(Self {
            scheme,
            day: date.reading_day(),
            until: def.until,
        })
    }

    /// The level `council` (which existed on the day) held, where the common case
    /// tells it; `None` to ask [`Timeline::standing`].
    fn level(self, council: &Council) -> Option<u8> {
        let day = self.day;
        if self.until.is_some_and(|u| day >= u) || council.ended.is_some_and(|e| day >= e) {
            return None;
        }
        // The last rating in the scheme begun by the day, and when the next begins.
        let mut held = None;
        let mut next = None;
        for rating in council.ratings.iter().filter(|r| r.scheme == self.scheme) {
            if rating.date <= day {
                held = Some(rating);
            } else {
                next = Some(rating.date);
                break;
            }
        }
        let rating = held?;
        let certain = match rating.date.precision() {
            super::date::Precision::Day => rating.date,
            _ => Date::from_days(rating.date.last_day() + 1),
        };
        match rating.grade {
            Grade::Level(rank) if certain <= day && next.is_none_or(|n| day < n) => Some(rank),
            _ => None,
        }
    }
}

/// Each count's share of their sum in tenths of a per cent, rounded by largest
/// remainder so that they add to exactly 1000 (100.0%) whenever the sum is not zero:
/// the shares of one distribution add to 100.0 as printed. Ties in the remainder go
/// to the larger count, then the better (later) rank.
pub fn tenths(counts: &[u32]) -> Vec<u32> {
    let total: u64 = counts.iter().map(|&n| u64::from(n)).sum();
    if total == 0 {
        return vec![0; counts.len()];
    }
    let exact: Vec<(u64, u64)> = counts
        .iter()
        .map(|&n| {
            let scaled = u64::from(n) * 1000;
            (scaled / total, scaled % total)
        })
        .collect();
    let mut out: Vec<u32> = exact.iter().map(|&(q, _)| q as u32).collect();
    let short = 1000 - out.iter().sum::<u32>();
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by(|&a, &b| {
        exact[b]
            .1
            .cmp(&exact[a].1)
            .then(counts[b].cmp(&counts[a]))
            .then(b.cmp(&a))
    });
    for &i in order.iter().take(short as usize) {
        out[i] += 1;
    }
    out
}

/// The name of the two best levels together, one wording for every view: "Good or
/// better", "2 stars or better". `None` on a scale of two levels or fewer, where
/// the two best are every level.
pub fn top_two_label(levels: &[String]) -> Option<String> {
    (levels.len() > 2).then(|| format!("{} or better", levels[levels.len() - 2]))
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
    /// The councils that existed on the date ([`Distribution::existing`]); never a
    /// published total.
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
/// latest on or before `date`, if less than a year before it, and any dated to a month
/// or a year that holds `date`. Several sources may give
/// figures for one round; each is kept apart, never added up.
pub fn published(dataset: &Dataset, scheme: SchemeIx, date: Date) -> Vec<&Summary> {
    let date = date.reading_day();
    // An ended scheme's last figures are not current.
    if dataset.scheme(scheme).ended_by(date) {
        return Vec::new();
    }
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
        // The latest figures; and a figure for a whole month or year (Ofsted's over
        // its first framework, dated 2017) through that period.
        .filter(|s| {
            !rounds.is_empty()
                || s.date == latest
                || (s.date.first_day()..=s.date.last_day()).contains(&date.first_day())
        })
        .collect()
}

/// What kind of figure a row of the national context is: published by a source, or
/// computed from the dataset, from every council or only from those it knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureKind {
    Published,
    /// Computed from every council that existed: a national figure.
    Computed,
    /// Computed from only the councils the dataset knows: not a national figure.
    ComputedPartial,
}

impl FigureKind {
    /// As a table's `figure` column writes it: `published`, `computed`,
    /// `computed (partial)`.
    pub fn label(self) -> &'static str {
        match self {
            FigureKind::Published => "published",
            FigureKind::Computed => "computed",
            FigureKind::ComputedPartial => "computed (partial)",
        }
    }
}

/// One figure a source states: for a level, a set of levels, or the councils it
/// gave no rating.
#[derive(Clone, Debug, PartialEq)]
pub struct Stated {
    /// The level, the set's label as the source words it, or `not rated`.
    pub label: String,
    pub count: Option<u32>,
    /// Per cent, as the source gives it.
    pub share: Option<f64>,
}

/// A published summary as the national context shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Published {
    /// The date the figures are for (the round's).
    pub date: Date,
    /// The councils the source says it counted ("of 142 rated"): never the councils
    /// that existed.
    pub total: Option<u32>,
    /// Levels best first, then sets of levels, then the councils not rated.
    pub figures: Vec<Stated>,
    /// The source's title.
    pub source: Option<String>,
    /// The source's own date, where it differs from [`Published::date`]: a later
    /// report looking back, say.
    pub source_date: Option<Date>,
    /// What the dataset notes about the figures ("only the councils inspected under
    /// this framework by then").
    pub note: Option<String>,
}

impl Published {
    fn of(dataset: &Dataset, summary: &Summary) -> Self {
        let levels = dataset.scheme(summary.scheme).levels();
        let mut figures: Vec<Stated> = (0..levels.len())
            .rev()
            .map(|rank| Stated {
                label: levels[rank].clone(),
                count: summary.counts.get(rank).copied().flatten(),
                share: summary.shares.get(rank).copied().flatten(),
            })
            .filter(|f| f.count.is_some() || f.share.is_some())
            .collect();
        figures.extend(summary.sets.iter().map(|set| Stated {
            label: set.label.clone(),
            count: set.count,
            share: set.share,
        }));
        figures.extend(summary.unrated.map(|n| Stated {
            label: "not rated".to_owned(),
            count: Some(n),
            share: None,
        }));
        let source = summary.source.map(|s| dataset.source(s));
        Self {
            date: summary.date,
            total: summary.total,
            figures,
            source: source.map(|s| s.title.clone()),
            source_date: source
                .and_then(|s| s.date)
                .filter(|&d| !overlaps(d, summary.date)),
            note: summary.note.clone(),
        }
    }

    /// As a line reads it: `2004-11-18 ('Mixed progress' for social care; source
    /// dated 2005-12-01): 2 stars 78, 1 star 36`, then `2 or 3 stars 102`, `8 not
    /// rated`, `of 142 rated`; a share as `3 stars 37%`.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self
            .figures
            .iter()
            .map(|f| {
                let share = f
                    .share
                    .map(|p| format!("{}%", format_value((p * 10.0).round() / 10.0)));
                let figures = match (f.count, share) {
                    (Some(n), Some(p)) => format!("{n} ({p})"),
                    (Some(n), None) => n.to_string(),
                    (None, Some(p)) => p,
                    (None, None) => String::new(),
                };
                if f.label == "not rated" {
                    format!("{figures} {}", f.label)
                } else {
                    format!("{} {figures}", f.label)
                }
            })
            .collect();
        if let Some(total) = self.total {
            parts.push(format!("of {total} rated"));
        }
        let source = match (&self.source, self.source_date) {
            (Some(title), Some(date)) => format!(" ({title}; source dated {date})"),
            (Some(title), None) => format!(" ({title})"),
            (None, Some(date)) => format!(" (source dated {date})"),
            (None, None) => String::new(),
        };
        let figures = if parts.is_empty() {
            "no figures given".to_owned()
        } else {
            parts.join(", ")
        };
        format!("{}{source}: {figures}", self.date)
    }
}

/// Whether one date's period holds the other's: `2004-11` and `2004-11-18` say the
/// same, `2004-11-19` and `2004-11-18` do not.
fn overlaps(a: Date, b: Date) -> bool {
    let within = |x: Date, y: Date| y.first_day() <= x.first_day() && x.last_day() <= y.last_day();
    within(a, b) || within(b, a)
}

/// Whether the computed figures can be given at all on the date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Each council's rating in force was counted.
    Counted,
    /// The scheme had ended (its `until`): no rating holds.
    Ended { until: Date },
    /// The scheme is published in rounds and its first round came out after the date:
    /// no council had a rating yet, so there is no share to give.
    BeforeFirstRound { first: Date },
}

/// One row of the national context as a table writes it (`figure,level,count,share,
/// known,councils,date,source`).
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub kind: FigureKind,
    /// A level, a set's label, `not rated` (published), or why councils have no
    /// rating (computed: `not yet rated`, `no grade given`, `unknown`, `scheme
    /// ended`).
    pub level: String,
    pub count: Option<u32>,
    /// Per cent: of the councils rated for a computed row, as stated for a published.
    pub share: Option<f64>,
    /// Councils whose rating is known (computed rows).
    pub known: Option<u32>,
    /// Councils that existed on the date (computed rows); the total the source
    /// states (published rows).
    pub councils: Option<u32>,
    pub date: Date,
    /// The source's title (published rows).
    pub source: Option<String>,
}

/// The national context of one scheme at one date, built once and shown by every
/// view (the `n` popup, `trajex context` and its tables): the published figures for
/// the round in force, then the distribution computed from each council's rating in
/// force, how many councils it knows of those that existed, and why the rest are
/// unknown.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub scheme: SchemeIx,
    /// The day the ratings were read.
    pub date: Date,
    /// The scheme's levels, worst first; empty for a numeric scheme.
    pub levels: Vec<String>,
    pub published: Vec<Published>,
    pub distribution: Distribution,
    pub coverage: Coverage,
    pub basis: Basis,
    /// A numeric scheme's values in force.
    pub spread: Option<Spread>,
    /// How far the dataset's ratings of the scheme reach, where the date is past it.
    pub covered_until: Option<Date>,
}

impl Report {
    /// The national context of `scheme` on `date`.
    pub fn at(dataset: &Dataset, scheme: SchemeIx, date: Date) -> Self {
        let def = dataset.scheme(scheme);
        let distribution = Distribution::at(dataset, scheme, date);
        let summaries = published(dataset, scheme, date);
        let coverage = distribution.coverage(&summaries);
        let basis = match (def.until, def.rounds.first()) {
            (Some(until), _) if def.ended_by(date) => Basis::Ended { until },
            // A month or a year is before the first round only if all of it is.
            (_, Some(&first)) if date.last_day() < first.first_day() => {
                Basis::BeforeFirstRound { first }
            }
            _ => Basis::Counted,
        };
        let levels = def.levels().to_vec();
        Self {
            scheme,
            date,
            spread: (levels.is_empty() && basis == Basis::Counted)
                .then(|| Spread::at(dataset, scheme, date))
                .flatten(),
            levels,
            published: summaries
                .iter()
                .map(|s| Published::of(dataset, s))
                .collect(),
            distribution,
            coverage,
            basis,
            covered_until: def
                .covered_until
                .filter(|until| date.first_day() > until.last_day()),
        }
    }

    /// Where the date is past what the dataset holds of the scheme, that it is: "The
    /// dataset holds ratings published up to 2025-11: councils not rated since are
    /// unknown."
    pub fn coverage_note(&self) -> Option<String> {
        self.covered_until.map(|until| {
            format!(
                "The dataset holds ratings published up to {until}: councils not rated since are unknown."
            )
        })
    }

    /// What the computed figures are: national, or from only the councils known.
    pub fn kind(&self) -> FigureKind {
        if self.coverage.partial && self.basis == Basis::Counted {
            FigureKind::ComputedPartial
        } else {
            FigureKind::Computed
        }
    }

    /// Whether there are computed counts and shares to show: the ratings were counted
    /// and some council's is known.
    pub fn has_shares(&self) -> bool {
        self.basis == Basis::Counted && self.coverage.known > 0
    }

    /// Where the computed figures cover only the councils the dataset knows, what they
    /// are: "Computed (partial): from the 23 councils this dataset knows, not all 150".
    pub fn caveat(&self) -> Option<String> {
        (self.kind() == FigureKind::ComputedPartial && self.coverage.known > 0).then(|| {
            let known = self.coverage.known;
            let councils = if known == 1 { "council" } else { "councils" };
            format!(
                "Computed (partial): from the {known} {councils} this dataset knows, not all {}",
                self.coverage.of
            )
        })
    }

    /// The line over the computed figures where published ones come before them: the
    /// caveat when they are partial, else that every council was counted.
    pub fn heading(&self) -> Option<String> {
        if !self.has_shares() && self.spread.is_none() {
            return None;
        }
        self.caveat().or_else(|| {
            (!self.published.is_empty()).then(|| {
                format!(
                    "Computed from every council that existed ({})",
                    self.coverage.of
                )
            })
        })
    }

    /// Why no computed share is given, where none is: the scheme had ended, or its
    /// first round was not yet out.
    pub fn why_no_figures(&self) -> Option<String> {
        match self.basis {
            Basis::Counted => None,
            Basis::Ended { until } => Some(format!(
                "The scheme ended in {until}: no rating holds then."
            )),
            Basis::BeforeFirstRound { first } => Some(format!(
                "No round had been published yet: the first came out on {first}, so no council had a rating."
            )),
        }
    }

    /// Councils with no rating in force, by why, as the tally and the tables name
    /// them, those with none left out.
    pub fn unrated(&self) -> Vec<(&'static str, u32)> {
        let d = &self.distribution;
        match self.basis {
            Basis::Counted => [
                ("no grade given", d.ungraded),
                ("unknown", d.unknown),
                ("not yet rated", d.not_yet),
            ]
            .into_iter()
            .filter(|&(_, n)| n > 0)
            .collect(),
            Basis::Ended { .. } => vec![("scheme ended", d.existing)],
            Basis::BeforeFirstRound { .. } => vec![("not yet rated", d.existing)],
        }
    }

    /// Whom the computed figures rest on: "Known for 23 of 150 councils; 127 unknown
    /// (not in this dataset)."
    pub fn tally(&self) -> String {
        if let Basis::Ended { .. } = self.basis {
            let of = self.coverage.of;
            let councils = if of == 1 { "council" } else { "councils" };
            return format!("{of} {councils} existed then.");
        }
        let known = match self.basis {
            Basis::Counted => self.coverage.known,
            _ => 0,
        };
        let councils = if self.coverage.of == 1 {
            "council"
        } else {
            "councils"
        };
        let mut tally = format!("Known for {known} of {} {councils}", self.coverage.of);
        for (why, n) in self.unrated() {
            let why = match why {
                "unknown" => "unknown (not in this dataset)",
                "no grade given" => "with no grade given",
                other => other,
            };
            tally.push_str(&format!("; {n} {why}"));
        }
        tally.push('.');
        tally
    }

    /// The computed levels, best first: (rank, count, share as printed). The shares add
    /// to exactly 100.0.
    pub fn level_shares(&self) -> Vec<(usize, u32, f64)> {
        let tenths = tenths(&self.distribution.counts);
        (0..self.levels.len())
            .rev()
            .map(|rank| {
                (
                    rank,
                    self.distribution.counts[rank],
                    f64::from(tenths[rank]) / 10.0,
                )
            })
            .collect()
    }

    /// Every figure as a table row: the published ones first, each summary's levels,
    /// sets and councils not rated; then the computed levels best first, the two best
    /// together ([`top_two_label`]) and the councils with no rating in force by why.
    pub fn figures(&self) -> Vec<Figure> {
        let mut rows: Vec<Figure> = self
            .published
            .iter()
            .flat_map(|p| {
                p.figures.iter().map(|f| Figure {
                    kind: FigureKind::Published,
                    level: f.label.clone(),
                    count: f.count,
                    share: f.share,
                    known: None,
                    councils: p.total,
                    date: p.date,
                    source: p.source.clone(),
                })
            })
            .collect();
        let computed = |level: String, count: u32, share: Option<f64>| Figure {
            kind: self.kind(),
            level,
            count: Some(count),
            share,
            known: Some(match self.basis {
                Basis::Counted => self.coverage.known,
                _ => 0,
            }),
            councils: Some(self.coverage.of),
            date: self.date,
            source: None,
        };
        if self.has_shares() && !self.levels.is_empty() {
            for (rank, count, share) in self.level_shares() {
                rows.push(computed(self.levels[rank].clone(), count, Some(share)));
            }
            if let Some(label) = top_two_label(&self.levels) {
                rows.push(computed(
                    label,
                    self.distribution.top_two(),
                    Some(self.distribution.top_two_share()),
                ));
            }
        }
        for (why, n) in self.unrated() {
            rows.push(computed(why.to_owned(), n, None));
        }
        rows
    }
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
    fn the_quick_reading_of_the_common_case_counts_as_the_timeline_does() {
        let embedded = parse(crate::data::EMBEDDED, "embedded").unwrap().dataset;
        let mut datasets = vec![embedded];
        datasets.extend((1..=3).map(|seed| crate::generate::dataset(1_500, seed)));
        let mut quick_schemes = 0;
        for data in &datasets {
            for scheme in 0..data.schemes.len() as SchemeIx {
                quick_schemes += usize::from(Quick::new(data, scheme, Date::year(2020)).is_some());
                for year in 1999..=2027 {
                    for date in [
                        format!("{year}"),
                        format!("{year}-03"),
                        format!("{year}-11-30"),
                        format!("{year}-06-15"),
                        format!("{year}-01-01"),
                    ] {
                        let date = Date::parse(&date).unwrap();
                        let quick = Distribution::counted(data, scheme, date, |_| true, true);
                        let walked = Distribution::counted(data, scheme, date, |_| true, false);
                        assert_eq!(quick, walked, "{} at {date}", data.scheme(scheme).id);
                        let tallied = Distribution::tallied(data, scheme, date);
                        assert_eq!(
                            tallied,
                            walked,
                            "tallied: {} at {date}",
                            data.scheme(scheme).id
                        );
                    }
                }
            }
        }
        assert!(
            quick_schemes >= 4,
            "the quick path is tried: {quick_schemes}"
        );
    }

    #[test]
    fn the_tally_counts_as_the_timeline_does_around_every_rating_date() {
        let embedded = parse(crate::data::EMBEDDED, "embedded").unwrap().dataset;
        let mut datasets = vec![embedded];
        datasets.extend((1..=2).map(|seed| crate::generate::dataset(400, seed)));
        for data in &datasets {
            for scheme in 0..data.schemes.len() as SchemeIx {
                let def = data.scheme(scheme);
                // Every date the scheme's figures may turn on, at its own precision
                // and the days around it.
                let mut dates: Vec<Date> = data
                    .councils
                    .iter()
                    .flat_map(|c| {
                        c.ratings
                            .iter()
                            .filter(|r| r.scheme == scheme || Some(r.scheme) == def.parent)
                            .map(|r| r.date)
                            .chain(c.ended)
                            .chain(c.started)
                    })
                    .chain(def.rounds.iter().copied())
                    .chain(def.until)
                    .chain(def.covered_until)
                    .collect();
                dates.sort_unstable();
                dates.dedup();
                let around = dates.iter().flat_map(|&d| {
                    [
                        d,
                        Date::from_days(d.first_day() - 1),
                        Date::from_days(d.first_day()),
                        Date::from_days(d.last_day()),
                        Date::from_days(d.last_day() + 1),
                    ]
                });
                let mut days: Vec<Date> = around.collect();
                days.sort_unstable();
                days.dedup();
                for date in days {
                    let walked = Distribution::counted(data, scheme, date, |_| true, false);
                    let tallied = Distribution::tallied(data, scheme, date);
                    assert_eq!(tallied, walked, "{} at {date}", def.id);
                }
            }
        }
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
        assert_eq!(
            coverage.to_string(),
            "known for 3 of 4 councils",
            "N is the councils that existed (D began in 2005-04), never the 150 the summary counted"
        );
        assert!(
            coverage.partial,
            "the summary counted more councils than known"
        );
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

    #[test]
    fn shares_rounded_by_largest_remainder_add_to_exactly_one_hundred() {
        for counts in [
            vec![1, 1, 1],
            vec![3, 3, 3, 4],
            vec![27, 64, 44, 16],
            vec![1, 2, 3, 5, 7],
            vec![0, 0, 1],
            vec![1, 0, 0, 6],
        ] {
            let t = tenths(&counts);
            assert_eq!(t.iter().sum::<u32>(), 1000, "{counts:?} -> {t:?}");
            let total: u32 = counts.iter().sum();
            for (n, share) in counts.iter().zip(&t) {
                let exact = f64::from(*n) * 1000.0 / f64::from(total);
                assert!(
                    (f64::from(*share) - exact).abs() < 1.0,
                    "{counts:?} -> {t:?}"
                );
            }
        }
        assert_eq!(
            tenths(&[1, 1, 1]),
            [333, 333, 334],
            "the tie goes to the best"
        );
        assert_eq!(tenths(&[0, 0]), [0, 0], "nothing rated, no share");
    }

    /// A round of 2004-11-18 whose summaries state a total of rated councils, a set,
    /// councils not rated, and a source looking back a year later; D's result in the
    /// round is not in the dataset.
    const ROUNDS: &str = r#"Dataset(
        title: "t",
        schemes: [Scheme(id: "stars", name: "Stars", body: "CSCI", scale: Ordinal(["0 stars", "1 star", "2 stars", "3 stars"]), rounds: ["2004-11-18", "2005-12-01"])],
        councils: [
            Council(id: "a", name: "A", ratings: [Rating(scheme: "stars", date: "2004-11-18", level: "3 stars"), Rating(scheme: "stars", date: "2005-12-01", level: "3 stars")]),
            Council(id: "b", name: "B", ratings: [Rating(scheme: "stars", date: "2004-11-18", level: "1 star")]),
            Council(id: "c", name: "C", ratings: [Rating(scheme: "stars", date: "2004-11-18", level: "1 star")]),
            Council(id: "d", name: "D"),
        ],
        summaries: [
            Summary(scheme: "stars", date: "2004-11-18", total: 142, counts: {"3 stars": 26, "0 stars": 3},
                    sets: [(label: "2 or 3 stars", levels: ["2 stars", "3 stars"], count: Some(109), share: Some(76.0))],
                    unrated: Some(8), source: "bbc"),
            Summary(scheme: "stars", date: "2004-11-18", counts: {"2 stars": 78}, source: "later"),
        ],
        sources: [
            Source(id: "bbc", title: "Social care steadily improving", date: "2004-11-18"),
            Source(id: "later", title: "Mixed progress", publisher: "BBC News", date: "2005-12-01"),
        ],
    )"#;

    /// A figure's kind, level, count, known and councils.
    type Row = (String, String, Option<u32>, Option<u32>, Option<u32>);

    #[test]
    fn a_report_gives_published_figures_first_and_computed_ones_of_the_councils_that_existed() {
        let data = parse(ROUNDS, "t").unwrap().dataset;
        let report = Report::at(&data, 0, Date::parse("2004-11-30").unwrap());
        assert_eq!(
            report
                .published
                .iter()
                .map(Published::describe)
                .collect::<Vec<_>>(),
            [
                "2004-11-18 (Social care steadily improving): 3 stars 26, 0 stars 3, 2 or 3 stars 109 (76%), 8 not rated, of 142 rated",
                "2004-11-18 (Mixed progress; source dated 2005-12-01): 2 stars 78",
            ],
            "the later source's own date is shown; the earlier one's, the same, is not"
        );
        assert_eq!(report.kind(), FigureKind::ComputedPartial);
        assert_eq!(report.coverage.to_string(), "known for 3 of 4 councils");
        assert_eq!(
            report.caveat().as_deref(),
            Some("Computed (partial): from the 3 councils this dataset knows, not all 4")
        );
        let rows: Vec<Row> = report
            .figures()
            .into_iter()
            .map(|f| {
                (
                    f.kind.label().to_owned(),
                    f.level,
                    f.count,
                    f.known,
                    f.councils,
                )
            })
            .collect();
        let row = |k: &str, l: &str, n, known, of| (k.to_owned(), l.to_owned(), n, known, of);
        assert_eq!(
            rows,
            [
                row("published", "3 stars", Some(26), None, Some(142)),
                row("published", "0 stars", Some(3), None, Some(142)),
                row("published", "2 or 3 stars", Some(109), None, Some(142)),
                row("published", "not rated", Some(8), None, Some(142)),
                row("published", "2 stars", Some(78), None, None),
                row("computed (partial)", "3 stars", Some(1), Some(3), Some(4)),
                row("computed (partial)", "2 stars", Some(0), Some(3), Some(4)),
                row("computed (partial)", "1 star", Some(2), Some(3), Some(4)),
                row("computed (partial)", "0 stars", Some(0), Some(3), Some(4)),
                row(
                    "computed (partial)",
                    "2 stars or better",
                    Some(1),
                    Some(3),
                    Some(4)
                ),
                row("computed (partial)", "unknown", Some(1), Some(3), Some(4)),
            ],
            "the published total is what the source counted; N is the 4 councils that existed"
        );
        let shares: f64 = report.level_shares().iter().map(|&(_, _, s)| s).sum();
        assert!((shares - 100.0).abs() < 1e-9, "{shares}");
    }

    #[test]
    fn before_a_schemes_first_round_no_share_is_given() {
        let data = parse(ROUNDS, "t").unwrap().dataset;
        let report = Report::at(&data, 0, Date::parse("2004-11-10").unwrap());
        assert_eq!(
            report.basis,
            Basis::BeforeFirstRound {
                first: Date::parse("2004-11-18").unwrap()
            }
        );
        assert!(!report.has_shares());
        assert!(report.published.is_empty());
        let figures = report.figures();
        assert_eq!(figures.len(), 1, "{figures:?}");
        assert_eq!(
            (
                figures[0].level.as_str(),
                figures[0].count,
                figures[0].share
            ),
            ("not yet rated", Some(4), None)
        );
        assert_eq!(
            report.tally(),
            "Known for 0 of 4 councils; 4 not yet rated."
        );
        let month = Report::at(&data, 0, Date::parse("2004-11").unwrap());
        assert_eq!(
            month.basis,
            Basis::Counted,
            "November 2004 takes in the round of the 18th"
        );
    }
}
