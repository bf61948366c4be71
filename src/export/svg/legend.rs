//! The legend above the strips: for several councils, each with its colour and marker,
//! every one named; for one, what a marker means; then the kinds of rule the strips draw.

use super::super::font;
use super::layout::{LEGEND_SIZE, StripLayout};
use super::look::{DIM_LOOK, Look, council_look};
use crate::chart::{Chart, RuleKind};
use crate::data::Dataset;

/// An entry of the legend.
pub(super) struct LegendItem {
    pub look: Look,
    /// Draw a line sample (a council), or a rule sample of this kind.
    pub rule: Option<RuleKind>,
    pub label: String,
}

/// The legend of `chart` drawn as `strips`.
pub(super) fn legend(dataset: &Dataset, chart: &Chart, strips: &[StripLayout]) -> Vec<LegendItem> {
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
    let rules: Vec<RuleKind> = strips
        .iter()
        .flat_map(|s| s.rules.iter().map(|r| r.kind))
        .collect();
    items.extend(rule_items(&rules));
    items
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
