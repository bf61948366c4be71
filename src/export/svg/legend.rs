//! The legend above the strips: for several councils, each with its colour and marker,
//! every one named; for one, what a marker means; then the kinds of rule the strips draw.

use super::super::font;
use super::draw::label_lines;
use super::layout::{LEGEND_SIZE, StripLayout};
use super::look::{DIM_LOOK, Look, council_look, grade_look};
use super::writer::clean;
use crate::chart::{Chart, Plot, RuleKind};
use crate::data::Dataset;
use crate::data::model::Grade;

/// An entry of the legend.
pub(super) struct LegendItem {
    pub look: Look,
    /// Draw a line sample (a council), or a rule sample of this kind.
    pub rule: Option<RuleKind>,
    pub label: String,
}

/// The legend of `chart` drawn as `strips`, level rows `row` pixels high (a main
/// strip's) and level names in a column `label_width` wide. A level name that cannot
/// be shown whole in its lines goes by its initials in its strip's `labels`, spelt out
/// here.
pub(super) fn legend(
    dataset: &Dataset,
    chart: &Chart,
    strips: &mut [StripLayout],
    row: f32,
    label_width: f32,
) -> Vec<LegendItem> {
    let mut items = Vec::new();
    let several = chart.councils.len() > 1;
    if several {
        for (k, &c) in chart.councils.iter().enumerate() {
            items.push(LegendItem {
                look: council_look(k),
                rule: None,
                label: dataset.councils[c].name.clone(),
            });
        }
    } else {
        items.push(LegendItem {
            look: DIM_LOOK,
            rule: None,
            label: "a rating, which holds until the next (colour and marker by level)".to_owned(),
        });
    }
    for strip in strips.iter_mut() {
        let (size, row) = (strip.label_size(), row * strip.scale());
        // Whole means on its lines (two where the row is tall enough), nothing cut.
        let whole = |text: &str| label_lines(text, size, label_width, row).join(" ") == clean(text);
        strip.labels = abbreviate(dataset, strip.plot, whole, !several, &mut items);
    }
    let rules: Vec<RuleKind> = strips
        .iter()
        .flat_map(|s| s.rules.iter().map(|r| r.kind))
        .collect();
    items.extend(rule_items(&rules));
    items
}

/// `plot`'s level names as its label column shows them ([`short_labels`]), each one
/// abbreviated spelt out in `legend` ("RI: Requires improvement to be good") beside its
/// level's colour and marker when `by_level` (else the plain rating sample), once
/// however many strips use it. An abbreviation the legend already gives another name
/// is not used: that name stays whole.
pub(super) fn abbreviate(
    dataset: &Dataset,
    plot: &Plot,
    whole: impl Fn(&str) -> bool,
    by_level: bool,
    legend: &mut Vec<LegendItem>,
) -> Vec<String> {
    let levels = dataset.scheme(plot.strip.scheme).levels();
    let mut names = short_labels(&plot.labels, whole);
    for (label, short) in plot.labels.iter().zip(names.iter_mut()) {
        if short == label {
            continue;
        }
        let spelt = if clean(label).starts_with(&format!("{short}:")) {
            clean(label)
        } else {
            format!("{short}: {}", clean(label))
        };
        let key = format!("{short}: ");
        if legend.iter().any(|item| item.label == spelt) {
            continue;
        }
        if legend.iter().any(|item| item.label.starts_with(&key)) {
            *short = label.clone();
            continue;
        }
        let look = levels
            .iter()
            .position(|l| l == label)
            .and_then(|rank| u8::try_from(rank).ok())
            .filter(|_| by_level)
            .map_or(DIM_LOOK, |rank| {
                grade_look(Grade::Level(rank), levels.len())
            });
        legend.push(LegendItem {
            look,
            rule: None,
            label: spelt,
        });
    }
    names
}

/// Each level name as a label column shows it: whole where `whole` says it can be
/// shown whole, else its initials (`RI` for "Requires improvement to be good": the
/// words up to the first of two letters or fewer; `grade 1` for "grade 1: inadequate",
/// what comes before a colon), when they can be shown whole and
/// no other level has the same; else whole, to be cut with `…`.
fn short_labels(labels: &[String], whole: impl Fn(&str) -> bool) -> Vec<String> {
    let initials = |label: &str| -> String {
        // "grade 1: inadequate" goes by what comes before its colon, "grade 1".
        if let Some((head, _)) = label.split_once(':')
            && !head.trim().is_empty()
        {
            return head.trim().to_owned();
        }
        let words: Vec<&str> = label.split_whitespace().collect();
        let lead: Vec<&str> = words
            .iter()
            .take_while(|w| w.chars().count() > 2)
            .copied()
            .collect();
        let lead = if lead.is_empty() { words } else { lead };
        lead.iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    };
    let short: Vec<String> = labels
        .iter()
        .map(|l| if whole(l) { l.clone() } else { initials(l) })
        .collect();
    short
        .iter()
        .zip(labels)
        .map(|(s, l)| {
            let unique = short.iter().filter(|o| *o == s).count() == 1
                && !labels.iter().any(|other| other != l && other == s);
            if s != l && (s.chars().count() < 2 || !unique || !whole(s)) {
                l.clone()
            } else {
                s.clone()
            }
        })
        .collect()
}

/// A legend entry for each kind among `rules`.
pub(super) fn rule_items(rules: &[RuleKind]) -> Vec<LegendItem> {
    let mut items = Vec::new();
    let mut rule = |kind: RuleKind, label: &str| {
        items.push(LegendItem {
            look: DIM_LOOK,
            rule: Some(kind),
            label: label.to_owned(),
        });
    };
    if rules
        .iter()
        .any(|k| matches!(k, RuleKind::Era | RuleKind::EraCarried))
    {
        rule(RuleKind::Era, "a framework starts");
    }
    if rules.contains(&RuleKind::SchemeEnd) {
        rule(RuleKind::SchemeEnd, "the scheme ended");
    }
    if rules.iter().any(|k| matches!(k, RuleKind::CouncilEnd(_))) {
        rule(RuleKind::CouncilEnd(0), "the council ended");
    }
    if rules.iter().any(|k| matches!(k, RuleKind::Ungraded(_))) {
        rule(
            RuleKind::Ungraded(0),
            "no grade given: a gap until the next rating",
        );
    }
    items
}

pub(super) const LEGEND_SAMPLE: f32 = 26.0;

fn legend_item_width(item: &LegendItem) -> f32 {
    LEGEND_SAMPLE + 6.0 + font::width(&item.label, LEGEND_SIZE, false) + 18.0
}

/// The legend items laid out in rows that fit `room`: (row, x) of each.
pub(super) fn flow(items: &[LegendItem], room: f32) -> Vec<(usize, f32)> {
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
