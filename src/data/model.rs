//! The validated dataset: councils, schemes, ratings and sources, cross-referenced by index.

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::tally::Tally;

/// Index of a scheme in [`Dataset::schemes`].
pub type SchemeIx = u16;
/// Index of a source in [`Dataset::sources`].
pub type SourceIx = u32;

/// A whole dataset, validated: every reference resolves, every level belongs to its scheme.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Dataset {
    pub title: String,
    pub description: Option<String>,
    pub schemes: Vec<Scheme>,
    pub councils: Vec<Council>,
    pub summaries: Vec<Summary>,
    pub sources: Vec<Source>,
}

/// One rating scheme: who rates, on what scale, and when it ran.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Scheme {
    pub id: String,
    pub name: String,
    pub body: String,
    /// The scheme this is a sub-judgement of.
    pub parent: Option<SchemeIx>,
    pub scale: Scale,
    /// The scheme ended: no rating holds on or after this date.
    pub until: Option<Date>,
    /// Assessment frameworks within the scheme, by start date.
    pub eras: Vec<Era>,
    /// Publication dates of a scheme published in rounds, oldest first: a rating holds
    /// only until the round after its own. Empty for a scheme with no rounds.
    pub rounds: Vec<Date>,
    /// How far the dataset's ratings reach: it holds those published up to this date.
    /// After it, a council with no rating reads "unknown", never "not yet rated".
    pub covered_until: Option<Date>,
    /// Where the rounds and the end come from.
    pub source: Option<SourceIx>,
    pub note: Option<String>,
    /// The scheme's national counts by day, built on first use ([`Scheme::tally`]).
    #[serde(skip)]
    pub tally: TallyCell,
}

/// A scheme's [`Tally`], built the first time a national figure asks for it and kept
/// with the dataset. A copy of the dataset starts without it (the copy may be changed),
/// and the councils must not change once it is built.
#[derive(Default)]
pub struct TallyCell(std::sync::OnceLock<Tally>);

impl Clone for TallyCell {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl std::fmt::Debug for TallyCell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0.get() {
            Some(_) => "TallyCell(built)",
            None => "TallyCell(not built)",
        })
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Scale {
    /// Named levels, worst first.
    Ordinal(Vec<String>),
    Numeric {
        unit: String,
        better: Better,
    },
}

/// Which way a numeric scale improves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Better {
    Higher,
    Lower,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Era {
    pub name: String,
    pub start: Date,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Council {
    pub id: String,
    pub name: String,
    pub code: Option<String>,
    pub aliases: Vec<String>,
    pub region: Option<String>,
    pub kind: Option<String>,
    /// Statistical neighbours by id; ids naming no council in the file are kept.
    pub neighbours: Vec<String>,
    pub succeeded_by: Vec<String>,
    /// The council ceased on this date: no rating of it holds on or after.
    pub ended: Option<Date>,
    /// When the council began, as far as the file tells: the earliest `ended` of the
    /// councils it succeeded. Not written in the file; see [`Dataset::link_successions`].
    pub started: Option<Date>,
    /// Oldest first.
    pub ratings: Vec<Rating>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Rating {
    pub scheme: SchemeIx,
    pub date: Date,
    pub grade: Grade,
    pub note: Option<String>,
    pub source: Option<SourceIx>,
}

/// What an assessment concluded.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Grade {
    /// A level of an ordinal scheme, by rank: 0 is the worst.
    Level(u8),
    /// A figure on a numeric scheme.
    Value(f64),
    /// An assessment that gave no grade in this scheme: it ends the rating before it.
    Ungraded,
}

/// Published national figures for a scheme at a date.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Summary {
    pub scheme: SchemeIx,
    pub date: Date,
    pub total: Option<u32>,
    /// Councils at each level, by rank; levels the source does not state are `None`.
    pub counts: Vec<Option<u32>>,
    /// Per cent at each level, by rank, where the source gives shares.
    pub shares: Vec<Option<f64>>,
    /// Figures for sets of levels ("good or outstanding").
    pub sets: Vec<LevelSet>,
    /// Councils the source counts as given no rating.
    pub unrated: Option<u32>,
    pub source: Option<SourceIx>,
    pub note: Option<String>,
}

/// A published figure for a set of levels: "good or outstanding: 60%".
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LevelSet {
    /// As the source words it.
    pub label: String,
    /// The levels it takes in, by rank, worst first.
    pub ranks: Vec<u8>,
    pub count: Option<u32>,
    /// Per cent.
    pub share: Option<f64>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<Date>,
    pub url: Option<String>,
}

impl Scheme {
    /// The scheme had ended by `date` (read on its period's last day): its end
    /// (`until`) is on or before it, so no rating of it holds that day.
    pub fn ended_by(&self, date: Date) -> bool {
        let day = date.reading_day();
        self.until.is_some_and(|until| day >= until)
    }

    /// The level names of an ordinal scheme, worst first; empty for a numeric one.
    pub fn levels(&self) -> &[String] {
        match &self.scale {
            Scale::Ordinal(levels) => levels,
            Scale::Numeric { .. } => &[],
        }
    }

    /// The name a user reads for a grade on this scheme, e.g. "Good", "16 children".
    pub fn describe(&self, grade: Grade) -> String {
        match grade {
            Grade::Level(rank) => self
                .levels()
                .get(usize::from(rank))
                .cloned()
                .unwrap_or_default(),
            Grade::Value(value) => match &self.scale {
                Scale::Numeric { unit, .. } => format!("{} {unit}", format_value(value)),
                Scale::Ordinal(_) => format_value(value),
            },
            Grade::Ungraded => "no grade".to_owned(),
        }
    }

    /// Whether `later` is better (+), worse (-) or level (0) against `earlier`.
    pub fn change(&self, earlier: Grade, later: Grade) -> Option<f64> {
        match (earlier, later, &self.scale) {
            (Grade::Level(a), Grade::Level(b), _) => Some(f64::from(b) - f64::from(a)),
            (Grade::Value(a), Grade::Value(b), Scale::Numeric { better, .. }) => {
                Some(if *better == Better::Higher {
                    b - a
                } else {
                    a - b
                })
            }
            _ => None,
        }
    }
}

/// A number as a person writes it: no trailing `.0`.
pub fn format_value(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

impl Council {
    /// Whether the council existed on `date` (read on its period's last day): begun
    /// (as far as the file tells) and not yet ended.
    pub fn existed(&self, date: Date) -> bool {
        let day = date.reading_day();
        self.started.is_none_or(|s| s <= day) && self.ended.is_none_or(|e| day < e)
    }
}

impl Dataset {
    /// The national counts of `scheme` by day, built on first use.
    pub fn tally(&self, scheme: SchemeIx) -> &Tally {
        self.scheme(scheme)
            .tally
            .0
            .get_or_init(|| Tally::build(self, scheme))
    }

    pub fn scheme(&self, ix: SchemeIx) -> &Scheme {
        &self.schemes[usize::from(ix)]
    }

    pub fn source(&self, ix: SourceIx) -> &Source {
        &self.sources[ix as usize]
    }

    /// The scheme a council's list row, sorting and trajectory filters read: Ofsted's
    /// overall effectiveness when the dataset has it, else its first top-level scheme.
    pub fn main_scheme(&self) -> Option<SchemeIx> {
        self.scheme_by_id("ofsted-cs").or_else(|| {
            self.schemes
                .iter()
                .position(|s| s.parent.is_none())
                .map(|i| i as SchemeIx)
        })
    }

    pub fn scheme_by_id(&self, id: &str) -> Option<SchemeIx> {
        self.schemes
            .iter()
            .position(|s| s.id == id)
            .map(|i| i as SchemeIx)
    }

    pub fn council_by_id(&self, id: &str) -> Option<usize> {
        self.councils.iter().position(|c| c.id == id)
    }

    /// The councils that name `council` among their successors.
    pub fn predecessors<'d>(&'d self, council: &'d Council) -> impl Iterator<Item = &'d Council> {
        self.councils
            .iter()
            .filter(|c| c.succeeded_by.contains(&council.id))
    }

    /// Sets each council's `started` from the councils that name it in `succeeded_by`:
    /// a successor begins when the first of its predecessors ends.
    pub fn link_successions(&mut self) {
        let mut starts: std::collections::HashMap<&str, Date> = std::collections::HashMap::new();
        for council in &self.councils {
            let Some(end) = council.ended else { continue };
            for successor in &council.succeeded_by {
                starts
                    .entry(successor.as_str())
                    .and_modify(|d| *d = (*d).min(end))
                    .or_insert(end);
            }
        }
        let starts: Vec<Option<Date>> = self
            .councils
            .iter()
            .map(|c| starts.get(c.id.as_str()).copied())
            .collect();
        for (council, start) in self.councils.iter_mut().zip(starts) {
            council.started = start;
        }
    }

    /// The date of the dataset's latest rating: past it, a reading is only what stood then.
    pub fn last_rating_date(&self) -> Option<Date> {
        self.councils
            .iter()
            .flat_map(|c| &c.ratings)
            .map(|r| r.date)
            .max_by_key(|d| d.last_day())
    }

    /// The latest rating's date when `date` (read on its period's last day) falls
    /// after it: a reading then is the dataset's last word, not news of that date.
    pub fn beyond_data(&self, date: Date) -> Option<Date> {
        self.last_rating_date()
            .filter(|last| date.reading_day().first_day() > last.last_day())
    }

    pub fn rating_count(&self) -> usize {
        self.councils.iter().map(|c| c.ratings.len()).sum()
    }
}
