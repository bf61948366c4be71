//! Where everything of the picture goes, in pixels: the title block, the label column,
//! each strip's rows and the lanes its rule labels take, the year axis and the footer;
//! and which strips fit the size asked for (sub-judgements give way first, then the
//! last strips, down to the first one at its smallest readable rows).

use super::super::{ExportError, PictureSize, font};
use super::legend::{LegendItem, flow, legend};
use super::sources::footer;
use super::writer::clean;
use super::{MAX_SIDE, MIN_SIDE};
use crate::chart::{Chart, Plot, RuleKind, Span};
use crate::data::{Dataset, Date};

// Geometry, in pixels.
pub(super) const MARGIN: f32 = 24.0;
pub(super) const TITLE_SIZE: f32 = 20.0;
pub(super) const TITLE_LINE: f32 = 26.0;
pub(super) const SUBTITLE_SIZE: f32 = 12.0;
pub(super) const SUBTITLE_LINE: f32 = 20.0;
pub(super) const LEGEND_SIZE: f32 = 11.0;
pub(super) const LEGEND_LINE: f32 = 18.0;
pub(super) const STRIP_TITLE_SIZE: f32 = 13.0;
pub(super) const NESTED_TITLE_SIZE: f32 = 11.0;
const STRIP_TITLE_ROW: f32 = 20.0;
const NESTED_TITLE_ROW: f32 = 17.0;
pub(super) const LANE: f32 = 14.0;
pub(super) const RULE_SIZE: f32 = 10.0;
const LABEL_SIZE: f32 = 11.0;
const NESTED_LABEL_SIZE: f32 = 9.5;
/// A level row of a main strip when the height is not given.
const ROW: f32 = 24.0;
/// A sub-judgement's rows are this much of a main strip's.
const NESTED_SCALE: f32 = 0.55;
/// Below this, level rows cannot be told apart.
const MIN_ROW: f32 = 10.0;
const STRIP_GAP: f32 = 14.0;
pub(super) const NESTED_INDENT: f32 = 14.0;
/// The year axis with one row of labels; a second row adds [`YEAR_LINE`].
const AXIS_HEIGHT: f32 = 24.0;
pub(super) const YEAR_LINE: f32 = 12.0;
pub(super) const YEAR_SIZE: f32 = 10.0;
pub(super) const SOURCE_SIZE: f32 = 10.0;
pub(super) const SOURCE_LINE: f32 = 13.0;
/// The space between the y axis and the first year's start, so a marker there stays
/// clear of the level swatches.
pub(super) const PLOT_PAD: f32 = 8.0;
/// The plot is never narrower than this.
const MIN_PLOT: f32 = 200.0;
/// The gap between a strip title and the note of what is folded under it.
pub(super) const FOLD_GAP: f32 = 6.0;

/// The chart's time span laid over the plot's pixels.
#[derive(Clone, Copy, Debug)]
pub(super) struct XMap {
    pub span: Span,
    pub x0: f32,
    pub x1: f32,
}

impl XMap {
    pub fn x_of_day(&self, day: i32) -> f32 {
        let along =
            (day - self.span.start) as f32 / (self.span.end - self.span.start).max(1) as f32;
        self.x0 + along.clamp(0.0, 1.0) * (self.x1 - self.x0)
    }

    /// The x of `date`'s first day.
    pub fn x(&self, date: Date) -> f32 {
        self.x_of_day(date.first_day())
    }

    /// Where a rating's run starts and ends: from its date to the next rating, or to
    /// `today` while it still holds (a point for a last measurement).
    pub fn run(&self, segment: &crate::data::timeline::Segment, today: Date) -> (f32, f32) {
        let end = segment.to.unwrap_or(today).first_day();
        (
            self.x(segment.from),
            self.x_of_day(end.max(segment.from.first_day())),
        )
    }

    /// The years whose start is on the axis: one tick each.
    pub fn ticks(&self) -> std::ops::Range<u16> {
        self.span.years()
    }

    /// The years wholly on the axis: one label each, centred in its year.
    pub fn years(&self) -> std::ops::Range<u16> {
        let ticks = self.ticks();
        ticks.start..ticks.end.saturating_sub(1).max(ticks.start)
    }
}

/// A rule of the model with its label placed in a lane above the plot.
#[derive(Clone, Debug)]
pub(super) struct PlacedRule {
    pub x: f32,
    pub kind: RuleKind,
    pub label: String,
    /// 0 is the strip's title row; 1.. the lanes under it.
    pub lane: usize,
    /// Where the label text starts and ends.
    pub from: f32,
    pub to: f32,
}

/// One strip of the model as laid out.
pub(super) struct StripLayout<'c> {
    pub plot: &'c Plot,
    /// The title, cut to fit.
    pub title: String,
    /// What is folded under the strip ("5 sub-judgements folded"), drawn after the title.
    pub folded: Option<String>,
    /// The level names as the label column shows them: whole, or by initials that the
    /// legend spells out.
    pub labels: Vec<String>,
    pub rules: Vec<PlacedRule>,
    pub lanes: usize,
}

impl StripLayout<'_> {
    pub fn nested(&self) -> bool {
        self.plot.strip.nested
    }

    pub fn rows(&self) -> usize {
        self.plot.rows()
    }

    pub fn scale(&self) -> f32 {
        if self.nested() { NESTED_SCALE } else { 1.0 }
    }

    pub fn title_row(&self) -> f32 {
        if self.nested() {
            NESTED_TITLE_ROW
        } else {
            STRIP_TITLE_ROW
        }
    }

    pub fn title_size(&self) -> f32 {
        if self.nested() {
            NESTED_TITLE_SIZE
        } else {
            STRIP_TITLE_SIZE
        }
    }

    pub fn indent(&self) -> f32 {
        if self.nested() { NESTED_INDENT } else { 0.0 }
    }

    pub fn label_size(&self) -> f32 {
        label_size(self.plot)
    }

    /// The space under the strip, before the next one.
    pub fn gap(&self) -> f32 {
        if self.nested() {
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
    pub fn y(&self, grade: crate::data::model::Grade, row: f32) -> Option<f32> {
        self.plot.position(grade).map(|p| (p as f32 + 0.5) * row)
    }
}

fn label_size(plot: &Plot) -> f32 {
    if plot.strip.nested {
        NESTED_LABEL_SIZE
    } else {
        LABEL_SIZE
    }
}

/// How the year labels are set: every year where they fit side by side, every year on
/// two alternating rows where they fit so, else every `step`th year (and the last).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct YearLabels {
    pub step: u16,
    pub staggered: bool,
}

impl YearLabels {
    /// A year label's width with the space it needs beside the next one.
    pub fn label() -> f32 {
        font::width("0000", YEAR_SIZE, false) + 5.0
    }

    pub fn for_axis(xmap: &XMap) -> Self {
        let years = xmap.years();
        let year_width = (xmap.x1 - xmap.x0) / f32::from(years.end - years.start).max(1.0);
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

    pub fn height(self) -> f32 {
        if self.staggered {
            AXIS_HEIGHT + YEAR_LINE
        } else {
            AXIS_HEIGHT
        }
    }
}

/// The rules of `plot` (eras, scheme end, council ends, ungraded assessments), each
/// given a lane and a side of its line so that no label overlaps the title, another
/// label or another rule's line.
fn place_rules(plot: &Plot, xmap: &XMap, title_end: f32, width: f32) -> Vec<PlacedRule> {
    const PAD: f32 = 4.0;
    let overlaps = |a: (f32, f32), b: (f32, f32)| a.0 < b.1 + PAD && b.0 < a.1 + PAD;
    let mut placed: Vec<PlacedRule> = Vec::new();
    for rule in &plot.rules {
        let x = if rule.kind == RuleKind::EraCarried {
            xmap.x0
        } else {
            xmap.x(rule.date)
        };
        let label = clean(&rule.label);
        let text = font::width(&label, RULE_SIZE, false);
        let right = (x + 3.0, x + 3.0 + text);
        let left = (x - 3.0 - text, x - 3.0);
        let sides: Vec<(f32, f32)> = [right, left]
            .into_iter()
            .filter(|&(from, to)| from >= MARGIN && to <= width - MARGIN)
            .collect();
        let sides = if sides.is_empty() { vec![right] } else { sides };
        let draws_line = rule.kind != RuleKind::EraCarried;
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
        placed.push(PlacedRule {
            x,
            kind: rule.kind,
            label: rule.label.clone(),
            lane: spot.0,
            from: spot.1.0,
            to: spot.1.1,
        });
    }
    placed
}

/// "A", "A and B", "A, B and C".
pub(super) fn name_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The picture's title lines and subtitle, `room` pixels wide.
pub(super) fn heading(dataset: &Dataset, chart: &Chart, room: f32) -> (Vec<String>, String) {
    let councils: Vec<&crate::data::Council> = chart
        .councils
        .iter()
        .map(|&i| &dataset.councils[i])
        .collect();
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
    (title, subtitle)
}

/// The whole picture, laid out.
pub(super) struct Layout<'c> {
    pub width: f32,
    pub height: f32,
    pub title: Vec<String>,
    pub subtitle: String,
    pub legend: Vec<LegendItem>,
    pub legend_at: Vec<(usize, f32)>,
    pub strips: Vec<StripLayout<'c>>,
    pub xmap: XMap,
    pub years: YearLabels,
    pub label_width: f32,
    pub row: f32,
    pub footer: Vec<(f32, String)>,
    /// y of the first strip's top.
    pub strips_top: f32,
}

/// The strips to try, most first: every strip of the model; without the sub-judgements;
/// then one strip fewer each time, down to the first.
fn candidates(plots: &[Plot]) -> Vec<Vec<usize>> {
    let all: Vec<usize> = (0..plots.len()).collect();
    let main: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&i| !plots[i].strip.nested)
        .collect();
    let mut out = vec![all.clone()];
    if main.len() < all.len() && !main.is_empty() {
        out.push(main.clone());
    }
    let base = if main.is_empty() { all } else { main };
    for keep in (1..base.len()).rev() {
        out.push(base[..keep].to_vec());
    }
    out
}

impl<'c> Layout<'c> {
    /// The layout of `chart` in `size`: every strip if they fit, else as many as fit
    /// (sub-judgements left out first, then the last strips), with a footer line saying
    /// what was left out. Refused only when even the first strip does not fit.
    pub fn new(
        dataset: &Dataset,
        chart: &'c Chart,
        size: PictureSize,
    ) -> Result<Self, ExportError> {
        let width = size.width as f32;
        // The label column: the widest level name, up to a sixth of the width (longer
        // names wrap onto two lines, or are cut with an ellipsis).
        let widest = chart
            .plots
            .iter()
            .flat_map(|p| {
                p.labels
                    .iter()
                    .map(move |l| font::width(l, label_size(p), false))
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
        let xmap = XMap {
            span: chart.span,
            x0,
            x1,
        };
        let candidates = candidates(&chart.plots);
        let mut smallest = None;
        for shown in &candidates {
            match Self::with_strips(dataset, chart, size, xmap, label_width, shown)? {
                Ok(layout) => return Ok(layout),
                Err(needed) => smallest = Some(needed),
            }
        }
        Err(smallest.unwrap_or(ExportError::ShortPicture {
            height: size.height.unwrap_or(MAX_SIDE),
            needed: MAX_SIDE,
        }))
    }

    /// The layout with the strips `shown` (indices into the chart's plots), or the
    /// error that says what size it would need.
    #[allow(clippy::type_complexity)]
    fn with_strips(
        dataset: &Dataset,
        chart: &'c Chart,
        size: PictureSize,
        xmap: XMap,
        label_width: f32,
        shown: &[usize],
    ) -> Result<Result<Self, ExportError>, ExportError> {
        let width = size.width as f32;
        let room = width - 2.0 * MARGIN;
        let (title, subtitle) = heading(dataset, chart, room);
        let years = YearLabels::for_axis(&xmap);
        let mut strips: Vec<StripLayout<'c>> = shown
            .iter()
            .map(|&i| {
                let plot = &chart.plots[i];
                let (indent, size) = if plot.strip.nested {
                    (NESTED_INDENT, NESTED_TITLE_SIZE)
                } else {
                    (0.0, STRIP_TITLE_SIZE)
                };
                let title = font::ellipsize(&clean(&plot.title), size, true, room - indent);
                let mut title_end = MARGIN + indent + font::width(&title, size, true);
                let children = plot.strip.children;
                let folded = (children > 0 && !plot.strip.unfolded).then(|| {
                    format!(
                        "{children} sub-judgement{} folded",
                        if children == 1 { "" } else { "s" }
                    )
                });
                // The note of what is folded goes after the title where it fits.
                let folded = folded.filter(|note| {
                    let end = title_end + FOLD_GAP + font::width(note, RULE_SIZE, false);
                    end <= width - MARGIN
                });
                if let Some(note) = &folded {
                    title_end += FOLD_GAP + font::width(note, RULE_SIZE, false);
                }
                let rules = place_rules(plot, &xmap, title_end, width);
                let lanes = rules.iter().map(|r| r.lane).max().unwrap_or(0);
                StripLayout {
                    plot,
                    title,
                    folded,
                    labels: plot.labels.clone(),
                    rules,
                    lanes,
                }
            })
            .collect();
        let left_out = left_out(dataset, chart, shown);
        let footer = footer(dataset, chart, shown, left_out.as_deref(), room);
        let fixed_of = |strips: &[StripLayout], legend_rows: usize| {
            MARGIN
                + title.len() as f32 * TITLE_LINE
                + SUBTITLE_LINE
                + legend_rows as f32 * LEGEND_LINE
                + 8.0
                + strips.iter().map(StripLayout::fixed_height).sum::<f32>()
                + if strips.is_empty() {
                    LEGEND_LINE
                } else {
                    years.height()
                }
                + 6.0
                + footer.len() as f32 * SOURCE_LINE
                + MARGIN * 0.75
        };
        let units: f32 = strips.iter().map(StripLayout::row_units).sum();
        // Which level names go by their initials depends on the rows' height, which
        // (for a given height) depends on the legend's rows: start from the rows of a
        // legend with none, and shorten more names while the rows come out lower.
        let row_of = |fixed: f32| match size.height {
            Some(h) if units > 0.0 => (h as f32 - fixed) / units,
            _ => ROW,
        };
        let mut row = row_of(fixed_of(&strips, 1));
        let mut items = Vec::new();
        let mut legend_at = Vec::new();
        for _ in 0..4 {
            // With nothing drawn there is nothing to explain.
            items = if strips.is_empty() {
                Vec::new()
            } else {
                legend(dataset, chart, &mut strips, row, label_width)
            };
            legend_at = flow(&items, room);
            let legend_rows = legend_at.last().map_or(0, |(row, _)| row + 1);
            let next = row_of(fixed_of(&strips, legend_rows));
            if next >= row {
                break;
            }
            row = next;
        }
        let legend_rows = legend_at.last().map_or(0, |(row, _)| row + 1);

        let strips_top = MARGIN
            + title.len() as f32 * TITLE_LINE
            + SUBTITLE_LINE
            + legend_rows as f32 * LEGEND_LINE
            + 8.0;
        let fixed = fixed_of(&strips, legend_rows);
        let (height, row) = match size.height {
            None => {
                let height = (fixed + units * ROW).ceil();
                if height > MAX_SIDE as f32 {
                    return Ok(Err(ExportError::TallPicture {
                        height: height as u32,
                        max: MAX_SIDE,
                    }));
                }
                (height, ROW)
            }
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
                    return Ok(Err(ExportError::ShortPicture { height: h, needed }));
                }
                (h as f32, row)
            }
        };
        Ok(Ok(Self {
            width,
            height,
            title,
            subtitle,
            legend: items,
            legend_at,
            strips,
            xmap,
            years,
            label_width,
            row,
            footer,
            strips_top,
        }))
    }
}

/// What the picture leaves out of the model for room, as a sentence; `None` when it
/// shows every strip.
fn left_out(dataset: &Dataset, chart: &Chart, shown: &[usize]) -> Option<String> {
    let missing: Vec<&Plot> = (0..chart.plots.len())
        .filter(|i| !shown.contains(i))
        .map(|i| &chart.plots[i])
        .collect();
    if missing.is_empty() {
        return None;
    }
    let subs = missing.iter().filter(|p| p.strip.nested).count();
    let mains: Vec<&str> = missing
        .iter()
        .filter(|p| !p.strip.nested)
        .map(|p| dataset.scheme(p.strip.scheme).name.as_str())
        .collect();
    let mut parts = Vec::new();
    if !mains.is_empty() {
        parts.push(name_list(&mains));
    }
    if subs > 0 {
        parts.push(format!(
            "{subs} sub-judgement{}",
            if subs == 1 { "" } else { "s" }
        ));
    }
    Some(format!(
        "Left out for room: {}. A taller picture, or --schemes, shows them.",
        name_list(&parts.iter().map(String::as_str).collect::<Vec<_>>())
    ))
}
