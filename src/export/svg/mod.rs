//! The SVG export: the councils' strips on one dated time axis, as a picture for a report.
//!
//! It says what the terminal chart says, from the same timeline maths: one strip per
//! scheme (sub-judgements as smaller strips under their parent), level names on the y
//! axis, a step line that holds each rating until the next one and never past the
//! scheme's end, open ratings running to today, framework eras and scheme ends as
//! labelled rules, and an ungraded assessment as a labelled gap, never the lowest level.
//! One council is coloured and marked by level; several are overlaid, each in its own
//! colour and marker shape, all named in the legend. Below the chart: the sources cited.
//!
//! Labels are measured with the embedded font ([`super::font`]) so they never overlap,
//! and every text is real `<text>`, XML-escaped.

use std::fmt::Write;

use super::font;
use super::selection::Selection;
use super::{ExportError, OGL, PictureSize, carries_ogl};
use crate::data::model::{Better, Council, Dataset, Grade, Scale, SchemeIx, format_value};
use crate::data::{Date, Timeline};

/// The largest side a picture may have, in pixels: room for any chart, small enough to
/// rasterise (a 5000 x 5000 PNG needs 100 MB while it is drawn).
pub const MAX_SIDE: u32 = 5000;
/// The smallest side a user may ask for.
pub const MIN_SIDE: u32 = 100;

// Geometry, in pixels.
const MARGIN: f32 = 24.0;
const TITLE_SIZE: f32 = 20.0;
const TITLE_LINE: f32 = 26.0;
const SUBTITLE_SIZE: f32 = 12.0;
const SUBTITLE_LINE: f32 = 20.0;
const LEGEND_SIZE: f32 = 11.0;
const LEGEND_LINE: f32 = 18.0;
const STRIP_TITLE_SIZE: f32 = 13.0;
const NESTED_TITLE_SIZE: f32 = 11.0;
const STRIP_TITLE_ROW: f32 = 20.0;
const NESTED_TITLE_ROW: f32 = 17.0;
const LANE: f32 = 14.0;
const RULE_SIZE: f32 = 10.0;
const LABEL_SIZE: f32 = 11.0;
const NESTED_LABEL_SIZE: f32 = 9.5;
/// A level row of a main strip when the height is not given.
const ROW: f32 = 24.0;
/// A sub-judgement's rows are this much of a main strip's.
const NESTED_SCALE: f32 = 0.55;
/// Below this, level rows cannot be told apart.
const MIN_ROW: f32 = 10.0;
const STRIP_GAP: f32 = 14.0;
const NESTED_INDENT: f32 = 14.0;
/// The year axis with one row of labels; a second row adds [`YEAR_LINE`].
const AXIS_HEIGHT: f32 = 24.0;
const YEAR_LINE: f32 = 12.0;
const YEAR_SIZE: f32 = 10.0;
const SOURCE_SIZE: f32 = 10.0;
const SOURCE_LINE: f32 = 13.0;
/// The indent of a source's second and later lines.
const CONTINUED: f32 = 10.0;
/// The space between the y axis and the first year's start, so a marker there stays
/// clear of the level swatches.
const PLOT_PAD: f32 = 8.0;
/// The plot is never narrower than this.
const MIN_PLOT: f32 = 200.0;

const INK: &str = "#222222";
const DIM: &str = "#5f5f5f";
const GRID: &str = "#e6e6e6";
const YEAR_GRID: &str = "#f1f1f1";
const RISER: &str = "#9a9a9a";
const NUMERIC: &str = "#34495e";

/// Level colours, worst to best: the terminal's red, light red, yellow, green, cyan,
/// darkened where needed to read on white.
const LEVEL_COLOURS: [&str; 5] = ["#c0392b", "#e67e22", "#b7950b", "#27ae60", "#1a8fb0"];
/// Level markers, worst to best, so levels differ in print without colour too.
const LEVEL_SHAPES: [Shape; 5] = [
    Shape::TriangleDown,
    Shape::Square,
    Shape::Diamond,
    Shape::Circle,
    Shape::TriangleUp,
];
/// Council colours when several are overlaid (Okabe and Ito's colour-blind-safe set,
/// without its yellow, which does not read on white).
const COUNCIL_COLOURS: [&str; 7] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000",
];
const COUNCIL_SHAPES: [Shape; 7] = [
    Shape::Circle,
    Shape::Square,
    Shape::TriangleUp,
    Shape::Diamond,
    Shape::TriangleDown,
    Shape::Cross,
    Shape::Plus,
];
/// Line dashes, for councils beyond every colour and shape pairing: 294 councils look
/// different before any look repeats (England has about 150 councils with social care
/// duties).
const COUNCIL_DASHES: [Option<&str>; 6] = [
    None,
    Some("7 3"),
    Some("2 2"),
    Some("9 3 2 3"),
    Some("14 4"),
    Some("4 4"),
];

/// A marker's outline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Circle,
    Square,
    Diamond,
    TriangleUp,
    TriangleDown,
    Cross,
    Plus,
}

/// How a line and its markers look.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Look {
    colour: &'static str,
    shape: Shape,
    dash: Option<&'static str>,
}

/// The look of level `rank` of `levels`, on the ramp the terminal theme uses.
fn level_look(rank: usize, levels: usize) -> Look {
    let top = LEVEL_COLOURS.len() - 1;
    let at = if levels <= 1 {
        top
    } else {
        ((rank * top + (levels - 1) / 2) / (levels - 1)).min(top)
    };
    Look {
        colour: LEVEL_COLOURS[at],
        shape: LEVEL_SHAPES[at],
        dash: None,
    }
}

/// The look of the `k`th council overlaid: every colour with every shape before a dash.
fn council_look(k: usize) -> Look {
    let n = COUNCIL_COLOURS.len();
    Look {
        colour: COUNCIL_COLOURS[k % n],
        shape: COUNCIL_SHAPES[(k + k / n) % n],
        dash: COUNCIL_DASHES[(k / (n * n)) % COUNCIL_DASHES.len()],
    }
}

/// Maps dates to x positions over the plot.
#[derive(Clone, Copy, Debug)]
struct Axis {
    /// Day numbers of the first day shown and of the day after the last.
    start: i32,
    end: i32,
    x0: f32,
    x1: f32,
}

impl Axis {
    /// From January of the first rating's year to the end of the year in which the last
    /// rating, the last scheme end, or (for a rating still holding) today falls: the
    /// span the terminal chart shows.
    fn new(dataset: &Dataset, councils: &[&Council], today: Date, x0: f32, x1: f32) -> Self {
        let dates = councils
            .iter()
            .flat_map(|c| c.ratings.iter().map(|r| r.date));
        let first = dates.clone().min().unwrap_or(today);
        let mut last = dates.max().unwrap_or(today);
        for council in councils {
            for timeline in Timeline::all(dataset, council) {
                for segment in &timeline.segments {
                    last = last.max(segment.to.unwrap_or(today));
                }
            }
        }
        let start = Date::year(first.year_number()).first_day();
        let end = Date::year(last.year_number().saturating_add(1))
            .first_day()
            .max(start + 366);
        Self { start, end, x0, x1 }
    }

    fn x_of_day(&self, day: i32) -> f32 {
        let along = (day - self.start) as f32 / (self.end - self.start).max(1) as f32;
        self.x0 + along.clamp(0.0, 1.0) * (self.x1 - self.x0)
    }

    /// The x of `date`'s first day.
    fn x(&self, date: Date) -> f32 {
        self.x_of_day(date.first_day())
    }

    fn contains(&self, date: Date) -> bool {
        (self.start..=self.end).contains(&date.first_day())
    }

    /// The years shown, first to last.
    fn years(&self) -> std::ops::Range<u16> {
        Date::from_days(self.start).year_number()..Date::from_days(self.end).year_number()
    }
}

/// Why a rule is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
enum RuleKind {
    /// A framework starts.
    Era,
    /// A framework already in force where the axis starts: a label, no line.
    EraCarried,
    /// The scheme ended.
    End,
    /// An assessment gave no grade: a gap starts, in the look of the council it is for.
    Ungraded(Look),
}

/// A vertical rule with its label, placed in a lane above the plot.
#[derive(Clone, Debug)]
struct Rule {
    x: f32,
    kind: RuleKind,
    label: String,
    /// 0 is the strip's title row; 1.. the lanes under it.
    lane: usize,
    /// Where the label text starts and ends.
    from: f32,
    to: f32,
}

/// One strip: a scheme, every drawn council's timeline in it, and where it sits.
struct Strip {
    scheme: SchemeIx,
    /// A sub-judgement drawn small under its parent.
    nested: bool,
    title: String,
    /// (position of the council among those drawn, its timeline)
    timelines: Vec<(usize, Timeline)>,
    /// The y labels, top row first.
    labels: Vec<String>,
    /// The value range of a numeric scheme.
    range: (f64, f64),
    rules: Vec<Rule>,
    lanes: usize,
}

impl Strip {
    fn rows(&self) -> usize {
        self.labels.len()
    }

    fn scale(&self) -> f32 {
        if self.nested { NESTED_SCALE } else { 1.0 }
    }

    fn title_row(&self) -> f32 {
        if self.nested {
            NESTED_TITLE_ROW
        } else {
            STRIP_TITLE_ROW
        }
    }

    fn label_size(&self) -> f32 {
        if self.nested {
            NESTED_LABEL_SIZE
        } else {
            LABEL_SIZE
        }
    }

    /// The space under the strip, before the next one.
    fn gap(&self) -> f32 {
        if self.nested {
            STRIP_GAP * 0.7
        } else {
            STRIP_GAP
        }
    }

    /// Everything but the level rows.
    fn fixed_height(&self) -> f32 {
        self.title_row() + self.lanes as f32 * LANE + 4.0 + self.gap()
    }

    /// The strip's height in units of a main strip's row.
    fn row_units(&self) -> f32 {
        self.rows() as f32 * self.scale()
    }

    /// The y of `grade` from the plot's top, `row` pixels a row; `None` for no grade.
    fn y(&self, grade: Grade, row: f32) -> Option<f32> {
        let n = self.rows();
        match grade {
            Grade::Level(rank) => {
                Some((n.saturating_sub(1 + usize::from(rank)) as f32 + 0.5) * row)
            }
            Grade::Value(v) => {
                let (lo, hi) = self.range;
                let along = if hi > lo {
                    ((hi - v) / (hi - lo)) as f32
                } else {
                    0.5
                };
                Some((0.5 + along * (n.saturating_sub(1)) as f32) * row)
            }
            Grade::Ungraded => None,
        }
    }
}

/// The strips for `councils`: every scheme any of them has, in dataset order, each
/// sub-judgement right under its parent (or on its own where the parent is absent).
fn strips(dataset: &Dataset, councils: &[&Council]) -> Vec<Strip> {
    let mut has = vec![false; dataset.schemes.len()];
    for council in councils {
        for rating in &council.ratings {
            has[usize::from(rating.scheme)] = true;
        }
    }
    let parent = |s: usize| dataset.schemes[s].parent.map(usize::from);
    let mut order = Vec::new();
    for top in (0..has.len()).filter(|&s| has[s] && parent(s).is_none_or(|p| !has[p])) {
        order.push((top as SchemeIx, false));
        for child in (0..has.len()).filter(|&s| has[s] && parent(s) == Some(top)) {
            order.push((child as SchemeIx, true));
        }
    }
    order
        .into_iter()
        .map(|(scheme, nested)| strip(dataset, councils, scheme, nested))
        .collect()
}

fn strip(dataset: &Dataset, councils: &[&Council], ix: SchemeIx, nested: bool) -> Strip {
    let scheme = dataset.scheme(ix);
    let timelines: Vec<(usize, Timeline)> = councils
        .iter()
        .enumerate()
        .filter(|(_, c)| c.ratings.iter().any(|r| r.scheme == ix))
        .map(|(k, c)| (k, Timeline::new(dataset, c, ix)))
        .collect();
    let values = timelines.iter().flat_map(|(k, t)| {
        t.ratings
            .iter()
            .filter_map(move |&i| match councils[*k].ratings[i].grade {
                Grade::Value(v) => Some(v),
                _ => None,
            })
    });
    let range = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (labels, title) = match &scheme.scale {
        Scale::Ordinal(levels) => (
            levels.iter().rev().cloned().collect(),
            format!("{} · {}", scheme.name, scheme.body),
        ),
        Scale::Numeric { unit, better } => {
            let (lo, hi) = range;
            let labels = if lo.is_finite() && hi > lo {
                vec![format_value(hi), String::new(), format_value(lo)]
            } else if lo.is_finite() {
                vec![String::new(), format_value(lo), String::new()]
            } else {
                vec![String::new(); 3]
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
    Strip {
        scheme: ix,
        nested,
        title,
        timelines,
        labels,
        range,
        rules: Vec::new(),
        lanes: 0,
    }
}

/// The rules of `strip` (eras, scheme end, ungraded assessments), each given a lane
/// and a side of its line so that no label overlaps the title, another label or
/// another rule's line.
fn place_rules(
    strip: &mut Strip,
    dataset: &Dataset,
    councils: &[&Council],
    axis: &Axis,
    title_end: f32,
    width: f32,
) {
    let scheme = dataset.scheme(strip.scheme);
    let multi = councils.len() > 1;
    let mut wanted: Vec<(f32, RuleKind, String)> = Vec::new();
    let carried = scheme
        .eras
        .iter()
        .filter(|e| e.start.first_day() < axis.start)
        .max_by_key(|e| e.start);
    if let Some(era) = carried {
        wanted.push((axis.x0, RuleKind::EraCarried, era.name.clone()));
    }
    for era in scheme.eras.iter().filter(|e| axis.contains(e.start)) {
        wanted.push((axis.x(era.start), RuleKind::Era, era.name.clone()));
    }
    if let Some(until) = scheme.until.filter(|u| axis.contains(*u)) {
        wanted.push((axis.x(until), RuleKind::End, format!("ended {until}")));
    }
    for (k, timeline) in &strip.timelines {
        let council = councils[*k];
        for &i in &timeline.ratings {
            let rating = &council.ratings[i];
            if rating.grade == Grade::Ungraded && axis.contains(rating.date) {
                let (look, label) = if multi {
                    (council_look(*k), format!("{}: no grade", council.name))
                } else {
                    (
                        Look {
                            colour: DIM,
                            shape: Shape::Circle,
                            dash: None,
                        },
                        "no grade".to_owned(),
                    )
                };
                wanted.push((axis.x(rating.date), RuleKind::Ungraded(look), label));
            }
        }
    }
    wanted.sort_by(|a, b| a.0.total_cmp(&b.0));

    const PAD: f32 = 4.0;
    let overlaps = |a: (f32, f32), b: (f32, f32)| a.0 < b.1 + PAD && b.0 < a.1 + PAD;
    let mut placed: Vec<Rule> = Vec::new();
    for (x, kind, label) in wanted {
        let text = font::width(&label, RULE_SIZE, false);
        let right = (x + 3.0, x + 3.0 + text);
        let left = (x - 3.0 - text, x - 3.0);
        let sides: Vec<(f32, f32)> = [right, left]
            .into_iter()
            .filter(|&(from, to)| from >= MARGIN && to <= width - MARGIN)
            .collect();
        let sides = if sides.is_empty() { vec![right] } else { sides };
        let draws_line = kind != RuleKind::EraCarried;
        let mut lane = 0;
        let spot = loop {
            let free = |span: (f32, f32)| {
                let clear_of_title = lane > 0 || span.0 > title_end + PAD;
                let clear_of_labels = placed
                    .iter()
                    .filter(|r| r.lane == lane)
                    .all(|r| !overlaps(span, (r.from, r.to)));
                // A line runs down from its label's lane: it must not cross a label
                // below, and no label may sit on a line from above.
                let clear_of_lines = placed
                    .iter()
                    .filter(|r| r.lane < lane && r.kind != RuleKind::EraCarried)
                    .all(|r| !overlaps(span, (r.x, r.x)));
                let line_clear = !draws_line
                    || placed
                        .iter()
                        .filter(|r| r.lane > lane)
                        .all(|r| !overlaps((x, x), (r.from, r.to)));
                clear_of_title && clear_of_labels && clear_of_lines && line_clear
            };
            if let Some(&span) = sides.iter().find(|&&span| free(span)) {
                break (lane, span);
            }
            // Rules on (nearly) the same date block each other in every lane: give the
            // label the first lane below all others rather than search forever.
            if lane > placed.iter().map(|r| r.lane).max().unwrap_or(0) {
                break (lane, sides[0]);
            }
            lane += 1;
        };
        placed.push(Rule {
            x,
            kind,
            label,
            lane: spot.0,
            from: spot.1.0,
            to: spot.1.1,
        });
    }
    strip.lanes = placed.iter().map(|r| r.lane).max().unwrap_or(0);
    strip.rules = placed;
}

/// An entry of the legend.
struct LegendItem {
    look: Look,
    /// Draw a line sample (a council), or a rule sample of this kind.
    rule: Option<RuleKind>,
    label: String,
}

/// The legend: for several councils, each with its colour and marker, every one named;
/// then the rules the chart uses.
fn legend(councils: &[&Council], strips: &[Strip]) -> Vec<LegendItem> {
    let mut items = Vec::new();
    if councils.len() > 1 {
        for (k, council) in councils.iter().enumerate() {
            items.push(LegendItem {
                look: council_look(k),
                rule: None,
                label: council.name.clone(),
            });
        }
    } else {
        items.push(LegendItem {
            look: Look {
                colour: DIM,
                shape: Shape::Circle,
                dash: None,
            },
            rule: None,
            label: "a rating, which holds until the next (colour and marker by level)".to_owned(),
        });
    }
    let rules: Vec<RuleKind> = strips
        .iter()
        .flat_map(|s| s.rules.iter().map(|r| r.kind))
        .collect();
    let dim = Look {
        colour: DIM,
        shape: Shape::Circle,
        dash: None,
    };
    if rules
        .iter()
        .any(|k| matches!(k, RuleKind::Era | RuleKind::EraCarried))
    {
        items.push(LegendItem {
            look: dim,
            rule: Some(RuleKind::Era),
            label: "a framework starts".to_owned(),
        });
    }
    if rules.contains(&RuleKind::End) {
        items.push(LegendItem {
            look: dim,
            rule: Some(RuleKind::End),
            label: "the scheme ended".to_owned(),
        });
    }
    if rules.iter().any(|k| matches!(k, RuleKind::Ungraded(_))) {
        items.push(LegendItem {
            look: dim,
            rule: Some(RuleKind::Ungraded(dim)),
            label: "no grade given: a gap until the next rating".to_owned(),
        });
    }
    items
}

const LEGEND_SAMPLE: f32 = 26.0;

fn legend_item_width(item: &LegendItem) -> f32 {
    LEGEND_SAMPLE + 6.0 + font::width(&item.label, LEGEND_SIZE, false) + 18.0
}

/// The legend items laid out in rows that fit `room`: (row, x) of each.
fn flow(items: &[LegendItem], room: f32) -> Vec<(usize, f32)> {
    let mut at = Vec::with_capacity(items.len());
    let (mut row, mut x) = (0, 0.0);
    for item in items {
        let w = legend_item_width(item);
        if x > 0.0 && x + w > room {
            row += 1;
            x = 0.0;
        }
        at.push((row, x));
        x += w;
    }
    at
}

/// "A", "A and B", "A, B and C".
fn name_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Up to this many sources are listed one by one under the chart; more are summed up
/// by publisher, so a picture of many councils is not mostly a list of reports.
const LISTED_SOURCES: usize = 30;

/// The source lines under the chart: the sources cited, the licence line when the
/// dataset carries it, and what the picture is. Each line comes with its indent: a
/// source that runs over a line goes on indented.
fn footer(dataset: &Dataset, councils: &[usize], today: Date, room: f32) -> Vec<(f32, String)> {
    let used = Selection::of(dataset, councils);
    let mut lines = Vec::new();
    let entries: Vec<String> = used
        .sources
        .iter()
        .map(|&ix| {
            let s = dataset.source(ix);
            let mut about: Vec<String> = Vec::new();
            if let Some(p) = &s.publisher {
                about.push(p.clone());
            }
            if let Some(d) = s.date {
                about.push(d.to_string());
            }
            let mut entry = s.title.clone();
            if !about.is_empty() {
                entry.push_str(&format!(" ({})", about.join(", ")));
            }
            if let Some(url) = &s.url {
                entry.push(' ');
                entry.push_str(url);
            }
            entry
        })
        .collect();
    let mut paragraph = |text: &str| {
        let wrapped = font::wrap(&clean(text), SOURCE_SIZE, false, room - CONTINUED);
        for (n, line) in wrapped.into_iter().enumerate() {
            lines.push((if n == 0 { 0.0 } else { CONTINUED }, line));
        }
    };
    if entries.is_empty() {
        paragraph("Sources: none cited for these ratings.");
    }
    if entries.len() > LISTED_SOURCES {
        paragraph(&publishers(dataset, &used.sources));
    } else {
        for (n, entry) in entries.iter().enumerate() {
            paragraph(&if n == 0 {
                format!("Sources: {entry}")
            } else {
                format!("· {entry}")
            });
        }
    }
    if carries_ogl(dataset) {
        paragraph(OGL);
    }
    let data = format!(
        "Data: {}. Drawn by trajex {}; a rating holds until the next one, and one still in force runs to {today}.",
        dataset.title,
        env!("CARGO_PKG_VERSION")
    );
    paragraph(&data);
    lines
}

/// Many sources summed up: how many, from which publishers (most cited first), and
/// where each is listed.
fn publishers(dataset: &Dataset, sources: &[crate::data::model::SourceIx]) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut unnamed = 0;
    for &ix in sources {
        match &dataset.source(ix).publisher {
            Some(name) => match counts.iter_mut().find(|(n, _)| n == name) {
                Some((_, count)) => *count += 1,
                None => counts.push((name.clone(), 1)),
            },
            None => unnamed += 1,
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut named: Vec<String> = counts
        .iter()
        .map(|(name, n)| format!("{name} ({n})"))
        .collect();
    if unnamed > 0 {
        named.push(format!("{unnamed} with no publisher named"));
    }
    format!(
        "Sources: {} reports and articles: {}. Each is listed with its link in the csv, json or md export of these councils.",
        sources.len(),
        named.join(", ")
    )
}

/// The whole picture, laid out.
struct Layout {
    width: f32,
    height: f32,
    title: Vec<String>,
    subtitle: String,
    legend: Vec<LegendItem>,
    legend_at: Vec<(usize, f32)>,
    strips: Vec<Strip>,
    axis: Axis,
    years: YearLabels,
    label_width: f32,
    row: f32,
    footer: Vec<(f32, String)>,
    /// y of the first strip's top.
    strips_top: f32,
}

impl Layout {
    fn new(
        dataset: &Dataset,
        indices: &[usize],
        size: PictureSize,
        today: Date,
    ) -> Result<Self, ExportError> {
        let councils: Vec<&Council> = indices.iter().map(|&i| &dataset.councils[i]).collect();
        let width = size.width as f32;
        let room = width - 2.0 * MARGIN;
        let mut strips = strips(dataset, &councils);

        // The label column: the widest level name, up to a sixth of the width (longer
        // names wrap onto two lines, or are cut with an ellipsis).
        let widest = strips
            .iter()
            .flat_map(|s| {
                s.labels
                    .iter()
                    .map(move |l| font::width(l, s.label_size(), false))
            })
            .fold(0.0f32, f32::max);
        let label_width = widest.min((width * 0.16).clamp(70.0, 200.0)).ceil();
        let x0 = MARGIN + label_width + 22.0 + PLOT_PAD;
        let x1 = width - MARGIN;
        if x1 - x0 < MIN_PLOT {
            let needed = (width + MIN_PLOT - (x1 - x0)).ceil() as u32;
            return Err(ExportError::NarrowPicture {
                width: size.width,
                needed: needed.max(MIN_SIDE),
            });
        }
        let axis = Axis::new(dataset, &councils, today, x0, x1);
        let years = YearLabels::for_axis(&axis);

        let names: Vec<&str> = councils.iter().map(|c| c.name.as_str()).collect();
        let mut title = font::wrap(&clean(&name_list(&names)), TITLE_SIZE, true, room);
        if title.len() > 2 {
            title = vec![format!("{} councils", councils.len())];
        }
        let subtitle = match councils.as_slice() {
            [one] => {
                let facts: Vec<&str> = [
                    one.region.as_deref(),
                    one.code.as_deref(),
                    one.kind.as_deref(),
                ]
                .into_iter()
                .flatten()
                .collect();
                if facts.is_empty() {
                    dataset.title.clone()
                } else {
                    format!("{} — {}", facts.join(" · "), dataset.title)
                }
            }
            _ => dataset.title.clone(),
        };
        let subtitle = font::ellipsize(&clean(&subtitle), SUBTITLE_SIZE, false, room);

        for strip in &mut strips {
            let indent = if strip.nested { NESTED_INDENT } else { 0.0 };
            let size = if strip.nested {
                NESTED_TITLE_SIZE
            } else {
                STRIP_TITLE_SIZE
            };
            strip.title = font::ellipsize(&clean(&strip.title), size, true, room - indent);
            let title_end = MARGIN + indent + font::width(&strip.title, size, true);
            place_rules(strip, dataset, &councils, &axis, title_end, width);
        }
        // With nothing drawn there is nothing to explain.
        let legend = if strips.is_empty() {
            Vec::new()
        } else {
            legend(&councils, &strips)
        };
        let legend_at = flow(&legend, room);
        let legend_rows = legend_at.last().map_or(0, |(row, _)| row + 1);
        let footer = footer(dataset, indices, today, room);

        let strips_top = MARGIN
            + title.len() as f32 * TITLE_LINE
            + SUBTITLE_LINE
            + legend_rows as f32 * LEGEND_LINE
            + 8.0;
        let fixed = strips_top
            + strips.iter().map(Strip::fixed_height).sum::<f32>()
            + if strips.is_empty() {
                LEGEND_LINE
            } else {
                years.height()
            }
            + 6.0
            + footer.len() as f32 * SOURCE_LINE
            + MARGIN * 0.75;
        let units: f32 = strips.iter().map(Strip::row_units).sum();
        let (height, row) = match size.height {
            None => ((fixed + units * ROW).ceil(), ROW),
            Some(h) if units == 0.0 => {
                let needed = fixed.ceil() as u32;
                if h < needed {
                    return Err(ExportError::ShortPicture { height: h, needed });
                }
                (h as f32, ROW)
            }
            Some(h) => {
                let row = (h as f32 - fixed) / units;
                if row < MIN_ROW {
                    let needed = (fixed + units * MIN_ROW).ceil() as u32;
                    return Err(ExportError::ShortPicture { height: h, needed });
                }
                (h as f32, row)
            }
        };
        if height > MAX_SIDE as f32 {
            return Err(ExportError::TallPicture {
                height: height as u32,
                max: MAX_SIDE,
            });
        }
        Ok(Self {
            width,
            height,
            title,
            subtitle,
            legend,
            legend_at,
            strips,
            axis,
            years,
            label_width,
            row,
            footer,
            strips_top,
        })
    }
}

/// The SVG picture of `councils`, `size.width` pixels wide and `size.height` tall (when
/// not given: as tall as the strips need).
pub fn render(
    dataset: &Dataset,
    councils: &[usize],
    size: PictureSize,
    today: Date,
) -> Result<String, ExportError> {
    let layout = Layout::new(dataset, councils, size, today)?;
    let drawn: Vec<&Council> = councils.iter().map(|&i| &dataset.councils[i]).collect();
    let mut svg = Svg::default();
    draw(&mut svg, &layout, dataset, &drawn, today);
    Ok(svg.finish(&layout, dataset))
}

fn draw(svg: &mut Svg, layout: &Layout, dataset: &Dataset, councils: &[&Council], today: Date) {
    let width = layout.width;
    svg.rect(0.0, 0.0, width, layout.height, "#ffffff");

    // Title, subtitle, legend.
    let mut y = MARGIN;
    for line in &layout.title {
        svg.text(
            MARGIN,
            y + TITLE_SIZE * 0.8,
            TITLE_SIZE,
            true,
            Anchor::Start,
            INK,
            line,
        );
        y += TITLE_LINE;
    }
    svg.text(
        MARGIN,
        y + SUBTITLE_SIZE * 0.8,
        SUBTITLE_SIZE,
        false,
        Anchor::Start,
        DIM,
        &layout.subtitle,
    );
    y += SUBTITLE_LINE;
    for (item, &(row, x)) in layout.legend.iter().zip(&layout.legend_at) {
        let top = y + row as f32 * LEGEND_LINE;
        let mid = top + LEGEND_LINE * 0.45;
        let x = MARGIN + x;
        match item.rule {
            None => {
                svg.line(
                    x,
                    mid,
                    x + LEGEND_SAMPLE,
                    mid,
                    item.look.colour,
                    2.5,
                    item.look.dash,
                );
                svg.marker(
                    item.look.shape,
                    x + LEGEND_SAMPLE / 2.0,
                    mid,
                    4.5,
                    item.look.colour,
                );
            }
            Some(kind) => {
                let (stroke, w, dash) = rule_style(kind);
                svg.line(
                    x + LEGEND_SAMPLE / 2.0,
                    top + 2.0,
                    x + LEGEND_SAMPLE / 2.0,
                    top + LEGEND_LINE - 4.0,
                    stroke,
                    w,
                    dash,
                );
            }
        }
        svg.text(
            x + LEGEND_SAMPLE + 6.0,
            mid + LEGEND_SIZE * 0.36,
            LEGEND_SIZE,
            false,
            Anchor::Start,
            INK,
            &item.label,
        );
    }

    // Strips.
    let axis = &layout.axis;
    let mut top = layout.strips_top;
    if layout.strips.is_empty() {
        svg.text(
            MARGIN,
            top + LEGEND_SIZE,
            LEGEND_SIZE,
            false,
            Anchor::Start,
            DIM,
            "No ratings recorded.",
        );
        top += LEGEND_LINE;
    }
    let mut bottom = top;
    for strip in &layout.strips {
        bottom = draw_strip(svg, layout, strip, dataset, councils, today, top);
        top = bottom + strip.gap();
    }

    // The time axis: a tick at each year's start, each year's label centred in it.
    if !layout.strips.is_empty() {
        let base = bottom + 4.0;
        draw_years(svg, axis, layout.years, base);
        top = base + layout.years.height();
    }

    // Sources, licence, what this is.
    let mut y = top + 6.0;
    for (indent, line) in &layout.footer {
        svg.text(
            MARGIN + indent,
            y + SOURCE_SIZE,
            SOURCE_SIZE,
            false,
            Anchor::Start,
            DIM,
            line,
        );
        y += SOURCE_LINE;
    }
}

/// Draws one strip with its top at `top`; returns the bottom of its plot.
fn draw_strip(
    svg: &mut Svg,
    layout: &Layout,
    strip: &Strip,
    dataset: &Dataset,
    councils: &[&Council],
    today: Date,
    top: f32,
) -> f32 {
    let axis = &layout.axis;
    let multi = councils.len() > 1;
    let indent = if strip.nested { NESTED_INDENT } else { 0.0 };
    let title_size = if strip.nested {
        NESTED_TITLE_SIZE
    } else {
        STRIP_TITLE_SIZE
    };
    let row = layout.row * strip.scale();
    let title_row = strip.title_row();
    let plot_top = top + title_row + strip.lanes as f32 * LANE + 4.0;
    let plot_bottom = plot_top + strip.rows() as f32 * row;
    let lane_top = |lane: usize| {
        if lane == 0 {
            top + 2.0
        } else {
            top + title_row + (lane - 1) as f32 * LANE
        }
    };
    let lane_base = |lane: usize| {
        if lane == 0 {
            top + title_row * 0.72
        } else {
            lane_top(lane) + LANE * 0.75
        }
    };

    svg.text(
        MARGIN + indent,
        top + title_row * 0.72,
        title_size,
        true,
        Anchor::Start,
        INK,
        &strip.title,
    );

    // Grid: year starts, then one line per level.
    for year in axis.years().skip(1) {
        let x = axis.x(Date::year(year));
        svg.line(x, plot_top, x, plot_bottom, YEAR_GRID, 1.0, None);
    }
    for r in 0..strip.rows() {
        let y = plot_top + (r as f32 + 0.5) * row;
        svg.line(axis.x0 - PLOT_PAD, y, axis.x1, y, GRID, 1.0, None);
    }
    let y_axis = axis.x0 - PLOT_PAD;
    svg.line(y_axis, plot_top, y_axis, plot_bottom, "#b0b0b0", 1.0, None);

    // Y labels, each with the marker of its level when one council is drawn.
    let scheme = dataset.scheme(strip.scheme);
    let size = strip.label_size();
    let label_right = y_axis - if multi { 8.0 } else { 18.0 };
    let levels = scheme.levels().len();
    for (r, label) in strip.labels.iter().enumerate() {
        let y = plot_top + (r as f32 + 0.5) * row;
        let lines = label_lines(label, size, layout.label_width, row);
        let lead = size * 1.05;
        let first = y + size * 0.36 - (lines.len() as f32 - 1.0) * lead / 2.0;
        for (n, line) in lines.iter().enumerate() {
            svg.text(
                label_right,
                first + n as f32 * lead,
                size,
                false,
                Anchor::End,
                INK,
                line,
            );
        }
        if !multi && levels > 0 {
            let look = level_look(levels - 1 - r, levels);
            svg.marker(look.shape, y_axis - 9.0, y, 3.5, look.colour);
        }
    }

    // Rules and their labels.
    for rule in &strip.rules {
        let (stroke, w, dash) = rule_style(rule.kind);
        if rule.kind != RuleKind::EraCarried {
            svg.line(
                rule.x,
                lane_top(rule.lane) + 1.0,
                rule.x,
                plot_bottom,
                stroke,
                w,
                dash,
            );
        }
        let colour = match rule.kind {
            RuleKind::Ungraded(look) => look.colour,
            _ => DIM,
        };
        svg.text(
            rule.from,
            lane_base(rule.lane),
            RULE_SIZE,
            false,
            Anchor::Start,
            colour,
            &rule.label,
        );
    }

    // Step lines: each rating holds from its date to the next (or the scheme's end, or
    // today); a riser joins two ratings that follow on; a marker at each rating. Several
    // councils are spread a little apart so equal ratings stay visible.
    let spread = if multi {
        (row * 0.5 / councils.len() as f32).min(3.0)
    } else {
        0.0
    };
    let mut markers = Vec::new();
    for (k, timeline) in &strip.timelines {
        let offset = (*k as f32 - (councils.len() as f32 - 1.0) / 2.0) * spread;
        let mut previous: Option<(f32, Date)> = None;
        for segment in &timeline.segments {
            let Some(y) = strip.y(segment.grade, row) else {
                continue;
            };
            let y = plot_top + y + offset;
            let look = match segment.grade {
                _ if multi => council_look(*k),
                Grade::Level(rank) => level_look(usize::from(rank), levels),
                _ => Look {
                    colour: NUMERIC,
                    shape: Shape::Circle,
                    dash: None,
                },
            };
            let a = axis.x(segment.from);
            let b = axis.x_of_day(
                segment
                    .to
                    .unwrap_or(today)
                    .first_day()
                    .max(segment.from.first_day()),
            );
            if let Some((was, to)) = previous
                && to == segment.from
                && (was - y).abs() > 0.1
            {
                let stroke = if multi { look.colour } else { RISER };
                svg.line(a, was, a, y, stroke, 1.5, look.dash);
            }
            svg.line(a, y, b, y, look.colour, 2.5, look.dash);
            markers.push((look, a, y));
            previous = segment.to.map(|to| (y, to));
        }
    }
    for (look, x, y) in markers {
        svg.marker(
            look.shape,
            x,
            y,
            if strip.nested { 3.5 } else { 4.5 },
            look.colour,
        );
    }
    plot_bottom
}

/// A level name as the lines it is drawn in: whole if it fits, else on two lines when
/// the row is tall enough, else cut with an ellipsis.
fn label_lines(label: &str, size: f32, room: f32, row: f32) -> Vec<String> {
    let label = clean(label);
    if font::width(&label, size, false) <= room {
        return vec![label];
    }
    if row >= 2.0 * size * 1.05 {
        // The break that leaves the two lines most even, when both fit.
        let words: Vec<&str> = label.split(' ').collect();
        let even = (1..words.len())
            .map(|k| (words[..k].join(" "), words[k..].join(" ")))
            .map(|(a, b)| {
                let widest = font::width(&a, size, false).max(font::width(&b, size, false));
                (widest, a, b)
            })
            .filter(|(widest, _, _)| *widest <= room)
            .min_by(|x, y| x.0.total_cmp(&y.0));
        if let Some((_, a, b)) = even {
            return vec![a, b];
        }
        let lines = font::wrap(&label, size, false, room);
        if let [first, rest @ ..] = lines.as_slice() {
            return vec![
                first.clone(),
                font::ellipsize(&rest.join(" "), size, false, room),
            ];
        }
    }
    vec![font::ellipsize(&label, size, false, room)]
}

/// Stroke colour, width and dash of a rule.
fn rule_style(kind: RuleKind) -> (&'static str, f32, Option<&'static str>) {
    match kind {
        RuleKind::Era | RuleKind::EraCarried => ("#8a8a8a", 1.0, Some("4 3")),
        RuleKind::End => ("#444444", 1.5, None),
        RuleKind::Ungraded(look) => (look.colour, 1.5, Some("1.5 2.5")),
    }
}

/// How the year labels are set: every year where they fit side by side, every year on
/// two alternating rows where they fit so, else every `step`th year (and the last).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct YearLabels {
    step: u16,
    staggered: bool,
}

impl YearLabels {
    /// A year label's width with the space it needs beside the next one.
    fn label() -> f32 {
        font::width("0000", YEAR_SIZE, false) + 5.0
    }

    fn for_axis(axis: &Axis) -> Self {
        let years = axis.years();
        let year_width = (axis.x1 - axis.x0) / f32::from(years.end - years.start).max(1.0);
        let label = Self::label();
        if year_width >= label {
            return Self {
                step: 1,
                staggered: false,
            };
        }
        if 2.0 * year_width >= label {
            return Self {
                step: 1,
                staggered: true,
            };
        }
        let step = [2u16, 5, 10, 20, 50, 100]
            .into_iter()
            .find(|&s| f32::from(s) * year_width >= label)
            .unwrap_or(100);
        Self {
            step,
            staggered: false,
        }
    }

    fn height(self) -> f32 {
        if self.staggered {
            AXIS_HEIGHT + YEAR_LINE
        } else {
            AXIS_HEIGHT
        }
    }
}

/// The year axis along `y`: a tick at every year's start, labels centred in their year,
/// as many as fit but always the first and the last.
fn draw_years(svg: &mut Svg, axis: &Axis, labels: YearLabels, y: f32) {
    let years = axis.years();
    svg.line(axis.x0 - PLOT_PAD, y, axis.x1, y, "#808080", 1.0, None);
    for year in years.start..=years.end {
        let x = axis.x(Date::year(year));
        svg.line(x, y, x, y + 5.0, "#808080", 1.0, None);
    }
    let label = YearLabels::label();
    let centre = |year: u16| (axis.x(Date::year(year)) + axis.x(Date::year(year + 1))) / 2.0;
    let last = years.end - 1;
    for year in years.clone() {
        let offset = year - years.start;
        let ends = year == years.start || year == last;
        let on_step = offset.is_multiple_of(labels.step)
            && (labels.step == 1 || centre(last) - centre(year) >= label);
        if ends || on_step {
            let lower = labels.staggered && offset % 2 == 1;
            let baseline = y + 17.0 + if lower { YEAR_LINE } else { 0.0 };
            svg.text(
                centre(year),
                baseline,
                YEAR_SIZE,
                false,
                Anchor::Middle,
                INK,
                &year.to_string(),
            );
        }
    }
}

/// Text as it may appear in the picture: one line, and no character XML 1.0 cannot
/// carry (control characters become U+FFFD).
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => ' ',
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// `text` escaped for XML character data and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[derive(Clone, Copy)]
enum Anchor {
    Start,
    Middle,
    End,
}

/// A coordinate as written: one decimal, and never `-0.0`.
fn n(v: f32) -> String {
    let v = (v * 10.0).round() / 10.0;
    if v == 0.0 {
        "0".to_owned()
    } else {
        format!("{v:.1}").trim_end_matches(".0").to_owned()
    }
}

/// The SVG body under construction.
#[derive(Default)]
struct Svg {
    body: String,
}

impl Svg {
    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: &str) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}"/>"#,
            n(x),
            n(y),
            n(w),
            n(h)
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn line(
        &mut self,
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        stroke: &str,
        width: f32,
        dash: Option<&str>,
    ) {
        let dash = dash
            .map(|d| format!(r#" stroke-dasharray="{d}""#))
            .unwrap_or_default();
        let _ = writeln!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}" stroke-width="{}"{dash}/>"#,
            n(x1),
            n(y1),
            n(x2),
            n(y2),
            n(width)
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        anchor: Anchor,
        fill: &str,
        text: &str,
    ) {
        let anchor = match anchor {
            Anchor::Start => "",
            Anchor::Middle => r#" text-anchor="middle""#,
            Anchor::End => r#" text-anchor="end""#,
        };
        let weight = if bold { r#" font-weight="bold""# } else { "" };
        let _ = writeln!(
            self.body,
            r#"<text x="{}" y="{}" font-size="{}"{weight}{anchor} fill="{fill}">{}</text>"#,
            n(x),
            n(y),
            n(size),
            escape(text)
        );
    }

    /// A marker centred on (x, y), `r` pixels from centre to edge, with a white rim so
    /// it stands out from the line it sits on.
    fn marker(&mut self, shape: Shape, x: f32, y: f32, r: f32, fill: &str) {
        let rim = r##" stroke="#ffffff" stroke-width="1""##;
        let polygon = |points: &[(f32, f32)]| {
            let points: Vec<String> = points
                .iter()
                .map(|(dx, dy)| format!("{},{}", n(x + dx * r), n(y + dy * r)))
                .collect();
            format!(
                r#"<polygon points="{}" fill="{fill}"{rim}/>"#,
                points.join(" ")
            )
        };
        let element = match shape {
            Shape::Circle => format!(
                r#"<circle cx="{}" cy="{}" r="{}" fill="{fill}"{rim}/>"#,
                n(x),
                n(y),
                n(r)
            ),
            Shape::Square => polygon(&[(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)]),
            Shape::Diamond => polygon(&[(0.0, -1.2), (1.2, 0.0), (0.0, 1.2), (-1.2, 0.0)]),
            Shape::TriangleUp => polygon(&[(0.0, -1.2), (1.1, 0.9), (-1.1, 0.9)]),
            Shape::TriangleDown => polygon(&[(0.0, 1.2), (1.1, -0.9), (-1.1, -0.9)]),
            Shape::Plus => polygon(&[
                (-0.35, -1.1),
                (0.35, -1.1),
                (0.35, -0.35),
                (1.1, -0.35),
                (1.1, 0.35),
                (0.35, 0.35),
                (0.35, 1.1),
                (-0.35, 1.1),
                (-0.35, 0.35),
                (-1.1, 0.35),
                (-1.1, -0.35),
                (-0.35, -0.35),
            ]),
            Shape::Cross => polygon(&[
                (-0.95, -0.45),
                (-0.45, -0.95),
                (0.0, -0.5),
                (0.45, -0.95),
                (0.95, -0.45),
                (0.5, 0.0),
                (0.95, 0.45),
                (0.45, 0.95),
                (0.0, 0.5),
                (-0.45, 0.95),
                (-0.95, 0.45),
                (-0.5, 0.0),
            ]),
        };
        self.body.push_str(&element);
        self.body.push('\n');
    }

    fn finish(self, layout: &Layout, dataset: &Dataset) -> String {
        let (w, h) = (n(layout.width), n(layout.height));
        let title = format!(
            "{}: ratings over time ({})",
            layout.title.join(" "),
            dataset.title
        );
        format!(
            concat!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" ",
                "font-family=\"{family}\">\n",
                "<title>{title}</title>\n",
                "{body}",
                "</svg>\n"
            ),
            w = w,
            h = h,
            family = font::FAMILY_LIST,
            title = escape(&title),
            body = self.body
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;

    fn today() -> Date {
        Date::parse("2026-11-22").unwrap()
    }

    fn picture(councils: &[usize]) -> String {
        render(
            &fixture::dataset(),
            councils,
            PictureSize::default(),
            today(),
        )
        .unwrap()
    }

    /// Every `<text>`'s content, in document order.
    fn texts(svg: &str) -> Vec<String> {
        let doc = resvg::usvg::roxmltree::Document::parse(svg).expect("well-formed XML");
        doc.descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.text().unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn one_council_shows_its_name_every_level_name_and_the_years() {
        let svg = picture(&[0]);
        let texts = texts(&svg);
        assert_eq!(texts[0], "Tower Hamlets");
        for level in [
            "0 stars",
            "1 star",
            "2 stars",
            "3 stars",
            "Inadequate",
            "Good",
            "Outstanding",
        ] {
            assert!(
                texts.iter().any(|t| t == level),
                "{level} missing from {texts:?}"
            );
        }
        assert!(
            texts.iter().any(|t| t.starts_with("Requires improvement")),
            "{texts:?}"
        );
        for year in 2002..=2026 {
            assert!(
                texts.contains(&year.to_string()),
                "{year} missing from {texts:?}"
            );
        }
        assert!(
            !texts.contains(&"2027".to_owned()),
            "the axis ends with 2026"
        );
    }

    #[test]
    fn eras_scheme_ends_and_ungraded_assessments_are_labelled_rules() {
        let texts = texts(&picture(&[0]));
        for label in ["SIF", "ILACS", "ended 2009-04", "no grade"] {
            assert!(
                texts.iter().any(|t| t == label),
                "{label} missing from {texts:?}"
            );
        }
    }

    #[test]
    fn a_rating_is_drawn_until_the_next_and_never_past_the_scheme_end() {
        let data = fixture::dataset();
        let layout = Layout::new(&data, &[0], PictureSize::default(), today()).unwrap();
        let svg = picture(&[0]);
        let end = n(layout.axis.x(Date::parse("2009-04").unwrap()));
        let three_stars = n(layout.axis.x(Date::parse("2004-11").unwrap()));
        // The 3-star line runs from 2004-11 to the scheme's end and no further.
        let run = format!(r#"x1="{three_stars}" "#);
        let line = svg
            .lines()
            .find(|l| {
                l.starts_with("<line") && l.contains(&run) && l.contains("stroke-width=\"2.5\"")
            })
            .unwrap();
        assert!(line.contains(&format!(r#"x2="{end}""#)), "{line}");
    }

    #[test]
    fn an_ungraded_assessment_is_a_gap_not_the_lowest_level() {
        let data = fixture::dataset();
        let layout = Layout::new(&data, &[0], PictureSize::default(), today()).unwrap();
        let svg = picture(&[0]);
        let gap = n(layout.axis.x(Date::parse("2026-05").unwrap()));
        // The Good line stops at the ungraded date; nothing starts there but the rule.
        let from_gap: Vec<&str> = svg
            .lines()
            .filter(|l| l.starts_with("<line") && l.contains(&format!(r#"x1="{gap}" "#)))
            .collect();
        assert_eq!(from_gap.len(), 1, "{from_gap:?}");
        assert!(
            from_gap[0].contains("stroke-dasharray=\"1.5 2.5\""),
            "{from_gap:?}"
        );
        assert!(
            svg.lines().any(
                |l| l.contains(&format!(r#"x2="{gap}""#)) && l.contains("stroke-width=\"2.5\"")
            )
        );
    }

    #[test]
    fn several_councils_each_get_a_colour_and_a_shape_and_are_all_named() {
        let svg = picture(&[0, 1]);
        let texts = texts(&svg);
        assert_eq!(texts[0], "Tower Hamlets and Newham");
        assert!(
            texts.contains(&"Tower Hamlets".to_owned()) && texts.contains(&"Newham".to_owned()),
            "{texts:?}"
        );
        assert!(svg.contains(COUNCIL_COLOURS[0]) && svg.contains(COUNCIL_COLOURS[1]));
        let looks: Vec<(&str, Shape, Option<&str>)> = (0..294)
            .map(council_look)
            .map(|l| (l.colour, l.shape, l.dash))
            .collect();
        for (i, a) in looks.iter().enumerate() {
            assert!(
                !looks[..i].contains(a),
                "council {i} looks like an earlier one"
            );
        }
    }

    #[test]
    fn sources_and_the_data_line_close_the_picture() {
        let texts = texts(&picture(&[0]));
        assert!(
            texts
                .iter()
                .any(|t| t
                    .starts_with("Sources: Then there were three (Community Care, 2004-11-19)")),
            "{texts:?}"
        );
        assert!(
            texts
                .iter()
                .any(|t| t.contains("Tower Hamlets [inspection] 2017")),
            "{texts:?}"
        );
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("Data: Test councils. Drawn by trajex")),
            "{texts:?}"
        );
        assert!(
            !texts.iter().any(|t| t == OGL),
            "the fixture does not carry the licence"
        );
    }

    #[test]
    fn many_sources_are_summed_up_by_publisher() {
        let mut data = fixture::dataset();
        let cited = data.sources[1].clone();
        for k in 0..40 {
            let mut source = cited.clone();
            source.id = format!("extra-{k}");
            source.publisher = Some(
                if k % 4 == 0 {
                    "Community Care"
                } else {
                    "Ofsted"
                }
                .to_owned(),
            );
            data.sources.push(source);
            let rating = data.councils[1].ratings[0].clone();
            data.councils[1].ratings.push(crate::data::Rating {
                date: Date::year(1990 + k as u16),
                source: Some((data.sources.len() - 1) as crate::data::model::SourceIx),
                ..rating
            });
        }
        let svg = render(&data, &[0, 1], PictureSize::default(), today()).unwrap();
        let texts = texts(&svg);
        let sources = texts.iter().find(|t| t.starts_with("Sources: ")).unwrap();
        assert!(
            sources.starts_with("Sources: 43 reports and articles: Ofsted (30), Community Care (11), 2 with no publisher named."),
            "{sources}"
        );
    }

    #[test]
    fn the_licence_line_appears_when_the_description_carries_it() {
        let mut data = fixture::dataset();
        data.description = Some(format!("Ratings. {OGL}"));
        let svg = render(&data, &[0], PictureSize::default(), today()).unwrap();
        assert!(texts(&svg).iter().any(|t| t == OGL));
    }

    #[test]
    fn text_is_escaped_and_control_characters_replaced() {
        let mut data = fixture::dataset();
        data.councils[0].name = "<script>alert(\"&\")</script>\u{1}\u{7f}".into();
        data.councils[0].region = Some("a ' b".into());
        let svg = render(&data, &[0], PictureSize::default(), today()).unwrap();
        assert!(!svg.contains("<script>"));
        assert!(!svg.contains('\u{1}') && !svg.contains('\u{7f}'));
        let texts = texts(&svg);
        assert_eq!(texts[0], "<script>alert(\"&\")</script>\u{FFFD}\u{FFFD}");
        assert!(texts[1].starts_with("a ' b"), "{texts:?}");
        assert_eq!(clean("a\tb\nc\u{0}"), "a b c\u{FFFD}");
    }

    #[test]
    fn a_given_height_stretches_the_rows_and_too_small_a_size_is_refused() {
        let data = fixture::dataset();
        let svg = render(
            &data,
            &[0],
            PictureSize {
                width: 900,
                height: Some(700),
            },
            today(),
        )
        .unwrap();
        assert!(
            svg.contains(r#"width="900" height="700" viewBox="0 0 900 700""#),
            "{}",
            &svg[..300]
        );
        let short = render(
            &data,
            &[0],
            PictureSize {
                width: 900,
                height: Some(150),
            },
            today(),
        )
        .unwrap_err();
        assert!(
            matches!(short, ExportError::ShortPicture { height: 150, needed } if needed > 150),
            "{short}"
        );
        let narrow = render(
            &data,
            &[0],
            PictureSize {
                width: 150,
                height: None,
            },
            today(),
        )
        .unwrap_err();
        assert!(
            matches!(narrow, ExportError::NarrowPicture { width: 150, needed } if needed > 150),
            "{narrow}"
        );
    }

    #[test]
    fn sub_judgements_are_smaller_strips_under_their_parent() {
        let data = fixture::dataset();
        let councils = [&data.councils[0]];
        let order: Vec<(String, bool)> = strips(&data, &councils)
            .iter()
            .map(|s| (data.scheme(s.scheme).id.clone(), s.nested))
            .collect();
        assert_eq!(
            order,
            [
                ("csci-stars".into(), false),
                ("ofsted-cs".into(), false),
                ("ofsted-cs-care-leavers".into(), true),
                ("caseload".into(), false)
            ]
        );
    }

    #[test]
    fn rule_labels_never_overlap_each_other_or_the_title() {
        let data = fixture::dataset();
        for width in [400, 700, 1000, 1600] {
            let layout = Layout::new(
                &data,
                &[0, 1],
                PictureSize {
                    width,
                    height: None,
                },
                today(),
            )
            .unwrap();
            for strip in &layout.strips {
                for (i, a) in strip.rules.iter().enumerate() {
                    for b in &strip.rules[..i] {
                        assert!(
                            a.lane != b.lane || a.to <= b.from || b.to <= a.from,
                            "{a:?} overlaps {b:?} at {width}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_council_without_ratings_says_so_and_nothing_overlaps() {
        let mut data = fixture::dataset();
        data.councils[1].ratings.clear();
        let svg = render(&data, &[1], PictureSize::default(), today()).unwrap();
        let doc = resvg::usvg::roxmltree::Document::parse(&svg).unwrap();
        let texts: Vec<(f32, String)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| {
                (
                    n.attribute("y").unwrap().parse().unwrap(),
                    n.text().unwrap().to_owned(),
                )
            })
            .collect();
        let said: Vec<&str> = texts.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            said[..3],
            ["Newham", "London — Test councils", "No ratings recorded."]
        );
        for pair in texts.windows(2) {
            assert!(pair[1].0 - pair[0].0 >= 12.0, "{pair:?} overlap");
        }
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        assert_eq!(picture(&[0, 1]), picture(&[0, 1]));
    }

    #[test]
    fn coordinates_are_written_short_and_never_negative_zero() {
        assert_eq!(n(-0.01), "0");
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.345), "12.3");
    }
}
