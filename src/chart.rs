//! One chart model for every picture: the terminal chart, the text chart of `show` and
//! Markdown, the SVG and the PNG all paint a [`Chart`] and work out nothing of their
//! own. It holds what the data says, in order: the time axis's span, the strips shown
//! (which are folded), each strip's labels and value range, every council's timeline
//! (segments, markers, gaps and why), and every rule (eras, ends, ungraded assessments)
//! with its label. Where a thing lands in columns or pixels is the painter's business.

use std::collections::BTreeSet;

use crate::data::model::{Better, Council, Dataset, Grade, Scale, SchemeIx, format_value};
use crate::data::timeline::Why;
use crate::data::{Date, Timeline};

/// The characters the text charts draw with. The terminal chart paints with these and
/// the help's legend shows these, so the legend can never show a mark the chart does
/// not draw.
pub mod glyph {
    /// A rating, where it was given (the selected council's; a pin has its own shape).
    pub const MARKER: &str = "●";
    /// The selected council's rating while it holds.
    pub const RUN: &str = "─";
    /// A pinned council's rating while it holds.
    pub const PIN_RUN: &str = "╌";
    /// The month or year a rating changed in, whose day is not known (drawn dim).
    pub const CHANGING: &str = "╌";
    /// A rule: a framework starts, a scheme or a council ends.
    pub const RULE: &str = "┆";
    /// An assessment that gave no grade.
    pub const UNGRADED: &str = "┊";
    /// A stretch whose rating the dataset does not know.
    pub const UNKNOWN: &str = "·";
    /// A stretch with no grade given.
    pub const NO_GRADE: &str = "╱";
    /// A step from one level to the next.
    pub const RISER: &str = "│";
    /// The time cursor.
    pub const CURSOR: &str = "│";
    /// A strip whose sub-judgements are folded under it.
    pub const FOLDED: &str = "▸";
    /// A strip whose sub-judgements are shown below it.
    pub const UNFOLDED: &str = "▾";
    /// A sub-judgement's strip (and, in the events pane, a sub-judgement's event).
    pub const NESTED: &str = "·";
    /// The selected strip, when the chart has focus.
    pub const POINTER: &str = "▶";
}

/// One strip chosen for the chart: a scheme, and how it folds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Strip {
    pub scheme: SchemeIx,
    /// A sub-judgement shown under its parent.
    pub nested: bool,
    /// Sub-judgements folded under this strip (0 for a sub-judgement).
    pub children: usize,
    /// Its sub-judgements are shown below it.
    pub unfolded: bool,
}

/// Which strips a chart shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choice {
    /// Only these schemes (and, when unfolded, their sub-judgements); `None` for every
    /// scheme the councils have.
    pub only: Option<Vec<SchemeIx>>,
    /// Parents whose sub-judgements are shown.
    pub unfolded: BTreeSet<SchemeIx>,
    /// Every parent unfolded.
    pub unfold_all: bool,
}

impl Choice {
    /// Every strip, every sub-judgement shown.
    pub fn everything() -> Self {
        Self {
            unfold_all: true,
            ..Self::default()
        }
    }

    fn unfolds(&self, scheme: SchemeIx) -> bool {
        self.unfold_all || self.unfolded.contains(&scheme)
    }
}

/// The strips `councils` call for under `choice`: every top-level scheme any of them
/// has, in dataset order (a sub-judgement whose parent none has counts as top-level),
/// each followed by its sub-judgements when unfolded.
pub fn strips(dataset: &Dataset, councils: &[usize], choice: &Choice) -> Vec<Strip> {
    let mut has = vec![false; dataset.schemes.len()];
    for &c in councils {
        for r in &dataset.councils[c].ratings {
            has[usize::from(r.scheme)] = true;
        }
    }
    let parent = |s: usize| dataset.schemes[s].parent.map(usize::from);
    let picked = |s: usize| {
        choice
            .only
            .as_ref()
            .is_none_or(|only| only.contains(&(s as SchemeIx)))
    };
    let mut strips = Vec::new();
    for top in (0..has.len()).filter(|&s| has[s] && parent(s).is_none_or(|p| !has[p])) {
        let children: Vec<usize> = (0..has.len())
            .filter(|&s| has[s] && parent(s) == Some(top))
            .collect();
        let unfolded = choice.unfolds(top as SchemeIx);
        if picked(top) {
            strips.push(Strip {
                scheme: top as SchemeIx,
                nested: false,
                children: children.len(),
                unfolded,
            });
        }
        // A sub-judgement shows under its unfolded parent, or on its own when picked.
        let shown = |s: &usize| (picked(top) && unfolded) || (choice.only.is_some() && picked(*s));
        strips.extend(children.iter().filter(|s| shown(s)).map(|&s| Strip {
            scheme: s as SchemeIx,
            nested: true,
            children: 0,
            unfolded: false,
        }));
    }
    strips
}

/// The time axis: day numbers of its first day and of the day after its last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: i32,
    pub end: i32,
}

impl Span {
    /// Whole years around every rating of `councils` (folded strips too, so unfolding
    /// never moves the axis), up to the end of the year in which the last rating, the
    /// last end (of a rating or of a gap that closes), or (for a rating still holding)
    /// `today` falls.
    pub fn of(dataset: &Dataset, councils: &[usize], today: Date) -> Self {
        Self::of_schemes(dataset, councils, None, today)
    }

    /// [`Span::of`] the ratings of `only` these schemes and their sub-judgements (all
    /// schemes for `None`): a picture of some schemes spans their years, not the
    /// councils' whole history (`--schemes csci-stars`: 2002 to 2009).
    pub fn of_schemes(
        dataset: &Dataset,
        councils: &[usize],
        only: Option<&[SchemeIx]>,
        today: Date,
    ) -> Self {
        let shown = |scheme: SchemeIx| {
            only.is_none_or(|only| {
                only.contains(&scheme)
                    || dataset
                        .scheme(scheme)
                        .parent
                        .is_some_and(|p| only.contains(&p))
            })
        };
        let mut first: Option<Date> = None;
        let mut last: Option<Date> = None;
        for &c in councils {
            let council = &dataset.councils[c];
            for r in council.ratings.iter().filter(|r| shown(r.scheme)) {
                first = Some(first.map_or(r.date, |f| f.min(r.date)));
                last = Some(last.map_or(r.date, |l| l.max(r.date)));
            }
            let timelines = Timeline::all(dataset, council);
            for timeline in timelines.iter().filter(|t| shown(t.scheme)) {
                // A gap that closes (unknown until the scheme ended) is drawn whole.
                let closed = timeline.gaps.iter().filter_map(|gap| gap.to);
                for end in timeline
                    .segments
                    .iter()
                    .map(|s| s.to.unwrap_or(today))
                    .chain(closed)
                {
                    last = Some(last.map_or(end, |l| l.max(end)));
                }
            }
        }
        let (first, last) = (first.unwrap_or(today), last.unwrap_or(today));
        let start = Date::year(first.year_number()).first_day();
        let end = Date::year(last.year_number().saturating_add(1))
            .first_day()
            .max(start + 366);
        Self { start, end }
    }

    /// Whole years around `plot`'s own ratings, up to the end of the year its last
    /// rating holds to (`today` for one still holding): for a picture of that strip
    /// alone, which need not start where the councils' other schemes do.
    pub fn of_plot(plot: &Plot, today: Date) -> Option<Self> {
        let segments = plot.series.iter().flat_map(|s| &s.timeline.segments);
        let first = segments.clone().map(|s| s.from).min()?;
        let last = segments.map(|s| s.to.unwrap_or(today).max(s.from)).max()?;
        let start = Date::year(first.year_number()).first_day();
        let end = Date::year(last.year_number().saturating_add(1))
            .first_day()
            .max(start + 366);
        Some(Self { start, end })
    }

    /// The span `zoom` halvings narrower (at least half a year), around `centre`, kept
    /// within this one.
    pub fn zoomed(self, zoom: u8, centre: Date) -> Self {
        let span = ((self.end - self.start) >> zoom).max(180);
        let from =
            (centre.first_day() - span / 2).clamp(self.start, (self.end - span).max(self.start));
        Self {
            start: from,
            end: from + span,
        }
    }

    /// How far along the axis `date`'s first day falls: 0 at the start, 1 at the end;
    /// outside 0..=1 off the axis.
    pub fn along(&self, date: Date) -> f64 {
        f64::from(date.first_day() - self.start) / f64::from((self.end - self.start).max(1))
    }

    pub fn contains(&self, date: Date) -> bool {
        (self.start..=self.end).contains(&date.first_day())
    }

    /// The years whose first day falls on the axis.
    pub fn years(&self) -> std::ops::Range<u16> {
        let first = Date::from_days(self.start).year_number();
        let first = if Date::year(first).first_day() < self.start {
            first + 1
        } else {
            first
        };
        first..Date::from_days(self.end).year_number().saturating_add(1)
    }
}

/// Why a rule is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleKind {
    /// A framework starts.
    Era,
    /// A framework already in force where the axis starts: a label, no line.
    EraCarried,
    /// The scheme ended.
    SchemeEnd,
    /// A council ended (the `k`th drawn).
    CouncilEnd(usize),
    /// An assessment of the `k`th council drawn gave no grade: a gap starts.
    Ungraded(usize),
}

/// A vertical rule across a strip, with its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub date: Date,
    pub kind: RuleKind,
    pub label: String,
}

/// One council's timeline in one strip.
#[derive(Clone, Debug)]
pub struct Series {
    /// The council's place among those drawn: 0 the selected one.
    pub council: usize,
    pub timeline: Timeline,
}

/// One strip with everything a picture shows of it.
#[derive(Clone, Debug)]
pub struct Plot {
    pub strip: Strip,
    /// "name · body", with a numeric scale's unit and which way is better.
    pub title: String,
    /// The y axis's labels, top row first: the levels best first, or for a numeric
    /// scale the highest value, a blank and the lowest.
    pub labels: Vec<String>,
    /// The smallest and largest value of a numeric scale among the councils drawn.
    pub range: Option<(f64, f64)>,
    /// Every drawn council with ratings in the scheme, the selected one first.
    pub series: Vec<Series>,
    /// Eras, ends and ungraded assessments, by date.
    pub rules: Vec<Rule>,
}

impl Plot {
    /// Rows of the y axis: one per level, three for a numeric scale.
    pub fn rows(&self) -> usize {
        self.labels.len()
    }

    /// Where `grade` sits, in rows from the top row (0) to the bottom one; `None` for
    /// no grade.
    pub fn position(&self, grade: Grade) -> Option<f64> {
        let last = self.rows().saturating_sub(1) as f64;
        match grade {
            Grade::Level(rank) => Some((last - f64::from(rank)).max(0.0)),
            Grade::Value(v) => Some(match self.range {
                Some((lo, hi)) if hi > lo => (hi - v) / (hi - lo) * last,
                _ => last / 2.0,
            }),
            Grade::Ungraded => None,
        }
    }

    /// The selected council's gaps that are drawn as stretches (unknown, changing, no grade).
    pub fn stretches(&self) -> impl Iterator<Item = &crate::data::timeline::Gap> {
        self.series
            .iter()
            .filter(|s| s.council == 0)
            .flat_map(|s| &s.timeline.gaps)
            .filter(|g| g.why.is_unknown() || g.why == Why::Ungraded)
    }
}

/// A chart of some councils' timelines: the model every picture paints.
#[derive(Clone, Debug)]
pub struct Chart {
    /// Dataset indices of the councils drawn: the selected one first, then the pinned.
    pub councils: Vec<usize>,
    pub span: Span,
    pub plots: Vec<Plot>,
    pub today: Date,
}

impl Chart {
    /// The chart of `councils` (selected first) with the strips `choice` calls for.
    pub fn new(dataset: &Dataset, councils: &[usize], choice: &Choice, today: Date) -> Self {
        let chosen = strips(dataset, councils, choice);
        // Some schemes chosen: the axis spans theirs alone.
        let span = Span::of_schemes(dataset, councils, choice.only.as_deref(), today);
        Self::on_span(dataset, councils, &chosen, span, today)
    }

    /// The chart of `councils` with these strips, in this order.
    pub fn with_strips(
        dataset: &Dataset,
        councils: &[usize],
        strips: &[Strip],
        today: Date,
    ) -> Self {
        Self::on_span(
            dataset,
            councils,
            strips,
            Span::of(dataset, councils, today),
            today,
        )
    }

    /// The chart of `councils` with these strips on the time axis `span`.
    fn on_span(
        dataset: &Dataset,
        councils: &[usize],
        strips: &[Strip],
        span: Span,
        today: Date,
    ) -> Self {
        let plots = strips
            .iter()
            .map(|strip| plot(dataset, councils, strip, span))
            .collect();
        Self {
            councils: councils.to_vec(),
            span,
            plots,
            today,
        }
    }
}

fn plot(dataset: &Dataset, councils: &[usize], strip: &Strip, span: Span) -> Plot {
    let ix = strip.scheme;
    let scheme = dataset.scheme(ix);
    let drawn: Vec<&Council> = councils.iter().map(|&c| &dataset.councils[c]).collect();
    let series: Vec<Series> = drawn
        .iter()
        .enumerate()
        .filter(|(_, c)| c.ratings.iter().any(|r| r.scheme == ix))
        .map(|(k, c)| Series {
            council: k,
            timeline: Timeline::new(dataset, c, ix),
        })
        .collect();
    let values = series.iter().flat_map(|s| {
        s.timeline
            .ratings
            .iter()
            .filter_map(|&i| match drawn[s.council].ratings[i].grade {
                Grade::Value(v) => Some(v),
                _ => None,
            })
    });
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let range = (lo <= hi).then_some((lo, hi));
    let (labels, title) = match &scheme.scale {
        Scale::Ordinal(levels) => (
            levels.iter().rev().cloned().collect(),
            format!("{} · {}", scheme.name, scheme.body),
        ),
        Scale::Numeric { unit, better } => {
            let labels = match range {
                Some((lo, hi)) if hi > lo => {
                    vec![format_value(hi), String::new(), format_value(lo)]
                }
                Some((lo, _)) => vec![String::new(), format_value(lo), String::new()],
                None => vec![String::new(); 3],
            };
            let way = if *better == Better::Higher {
                "higher"
            } else {
                "lower"
            };
            (
                labels,
                format!(
                    "{} · {} ({unit}; {way} is better)",
                    scheme.name, scheme.body
                ),
            )
        }
    };
    let mut rules = Vec::new();
    let carried = scheme
        .eras
        .iter()
        .filter(|e| e.start.first_day() < span.start)
        .max_by_key(|e| e.start);
    if let Some(era) = carried {
        rules.push(Rule {
            date: Date::from_days(span.start),
            kind: RuleKind::EraCarried,
            label: era.name.clone(),
        });
    }
    for era in scheme.eras.iter().filter(|e| span.contains(e.start)) {
        rules.push(Rule {
            date: era.start,
            kind: RuleKind::Era,
            label: era.name.clone(),
        });
    }
    if let Some(until) = scheme.until.filter(|u| span.contains(*u)) {
        rules.push(Rule {
            date: until,
            kind: RuleKind::SchemeEnd,
            label: format!("ended {until}"),
        });
    }
    let several = councils.len() > 1;
    for s in &series {
        let name = &drawn[s.council].name;
        let whose = |what: String| {
            if several {
                format!("{name}: {what}")
            } else {
                what
            }
        };
        for gap in &s.timeline.gaps {
            let kind = match gap.why {
                Why::Ungraded => RuleKind::Ungraded(s.council),
                Why::CouncilEnded => RuleKind::CouncilEnd(s.council),
                _ => continue,
            };
            // At the assessment's date (its own, or the parent inspection's), where a
            // month or a year opens the gap only once the month or year is out.
            if !span.contains(gap.since) {
                continue;
            }
            let label = match kind {
                RuleKind::CouncilEnd(_) => whose(format!("council ended {}", gap.since)),
                _ => whose("no grade".to_owned()),
            };
            rules.push(Rule {
                date: gap.since,
                kind,
                label,
            });
        }
    }
    rules.sort_by_key(|r| r.date.first_day());
    Plot {
        strip: strip.clone(),
        title,
        labels,
        range,
        series,
        rules,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn embedded() -> Dataset {
        crate::data::load::parse(crate::data::EMBEDDED, "<embedded>")
            .expect("the embedded dataset loads")
            .dataset
    }

    #[test]
    fn the_explorers_strips_fold_sub_judgements_and_a_choice_picks_them() {
        let data = embedded();
        let tower = data.council_by_id("tower-hamlets").unwrap();
        let ofsted = data.scheme_by_id("ofsted-cs").unwrap();
        let folded = strips(&data, &[tower], &Choice::default());
        assert!(folded.iter().all(|s| !s.nested));
        let parent = folded.iter().find(|s| s.scheme == ofsted).unwrap();
        assert!(parent.children > 0);
        let only = Choice {
            only: Some(vec![ofsted]),
            ..Choice::default()
        };
        assert_eq!(strips(&data, &[tower], &only).len(), 1);
        let unfolded = Choice {
            only: Some(vec![ofsted]),
            unfold_all: true,
            ..Choice::default()
        };
        let with_children = strips(&data, &[tower], &unfolded);
        assert_eq!(with_children.len(), 1 + parent.children);
        assert!(with_children[1..].iter().all(|s| s.nested));
    }

    #[test]
    fn a_plot_places_levels_best_at_the_top_and_rules_by_date() {
        let data = embedded();
        let tower = data.council_by_id("tower-hamlets").unwrap();
        let today = Date::parse("2026-11-22").unwrap();
        let chart = Chart::new(&data, &[tower], &Choice::default(), today);
        let ofsted = &chart.plots[chart
            .plots
            .iter()
            .position(|p| data.scheme(p.strip.scheme).id == "ofsted-cs")
            .unwrap()];
        assert_eq!(
            ofsted.labels.first().map(String::as_str),
            Some("Outstanding")
        );
        assert_eq!(ofsted.position(Grade::Level(3)), Some(0.0));
        assert_eq!(ofsted.position(Grade::Level(0)), Some(3.0));
        let eras: Vec<&str> = ofsted
            .rules
            .iter()
            .filter(|r| r.kind == RuleKind::Era)
            .map(|r| r.label.as_str())
            .collect();
        assert_eq!(eras, ["SIF", "ILACS"]);
        assert!(chart.span.contains(Date::parse("2002-05").unwrap()));
        assert!(chart.span.years().contains(&2026));
    }
}
