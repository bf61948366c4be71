//! How things look in the picture: ink, level and council colours, marker shapes and
//! line dashes, and the style of each kind of rule.

use crate::chart::RuleKind;

pub(super) const INK: &str = "#222222";
pub(super) const DIM: &str = "#5f5f5f";
pub(super) const GRID: &str = "#e6e6e6";
pub(super) const YEAR_GRID: &str = "#f1f1f1";
pub(super) const RISER: &str = "#9a9a9a";
pub(super) const NUMERIC: &str = "#34495e";

/// Level colours, worst to best: the terminal's red, light red, yellow, green, cyan,
/// darkened where needed to read on white.
pub(super) const LEVEL_COLOURS: [&str; 5] = ["#c0392b", "#e67e22", "#b7950b", "#27ae60", "#1a8fb0"];
/// Level markers, worst to best, so levels differ in print without colour too.
pub(super) const LEVEL_SHAPES: [Shape; 5] = [
    Shape::TriangleDown,
    Shape::Square,
    Shape::Diamond,
    Shape::Circle,
    Shape::TriangleUp,
];
/// Council colours when several are overlaid (Okabe and Ito's colour-blind-safe set,
/// without its yellow, which does not read on white).
pub(super) const COUNCIL_COLOURS: [&str; 7] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000",
];
pub(super) const COUNCIL_SHAPES: [Shape; 7] = [
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
pub(super) const COUNCIL_DASHES: [Option<&str>; 6] = [
    None,
    Some("7 3"),
    Some("2 2"),
    Some("9 3 2 3"),
    Some("14 4"),
    Some("4 4"),
];

/// A marker's outline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
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
pub(super) struct Look {
    pub colour: &'static str,
    pub shape: Shape,
    pub dash: Option<&'static str>,
}

/// The look of level `rank` of `levels`, on the ramp the terminal theme uses.
/// The look of a grade: its level's, or the one look of a measurement.
pub(super) fn grade_look(grade: crate::data::model::Grade, levels: usize) -> Look {
    match grade {
        crate::data::model::Grade::Level(rank) => level_look(usize::from(rank), levels),
        _ => Look {
            colour: NUMERIC,
            shape: Shape::Circle,
            dash: None,
        },
    }
}

pub(super) fn level_look(rank: usize, levels: usize) -> Look {
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
pub(super) fn council_look(k: usize) -> Look {
    let n = COUNCIL_COLOURS.len();
    Look {
        colour: COUNCIL_COLOURS[k % n],
        shape: COUNCIL_SHAPES[(k + k / n) % n],
        dash: COUNCIL_DASHES[(k / (n * n)) % COUNCIL_DASHES.len()],
    }
}

/// A dim look, for rules and samples that belong to no council.
pub(super) const DIM_LOOK: Look = Look {
    colour: DIM,
    shape: Shape::Circle,
    dash: None,
};

/// The look of a rule of `kind`'s council: its own when several are overlaid.
pub(super) fn rule_look(kind: RuleKind, several: bool) -> Look {
    match kind {
        RuleKind::Ungraded(k) | RuleKind::CouncilEnd(k) if several => council_look(k),
        _ => DIM_LOOK,
    }
}

/// Stroke colour, width and dash of a rule of `kind`, in `look`.
pub(super) fn rule_style(kind: RuleKind, look: Look) -> (&'static str, f32, Option<&'static str>) {
    match kind {
        RuleKind::Era | RuleKind::EraCarried => ("#8a8a8a", 1.0, Some("4 3")),
        RuleKind::SchemeEnd => ("#444444", 1.5, None),
        RuleKind::CouncilEnd(_) if look == DIM_LOOK => ("#444444", 1.5, Some("6 2")),
        RuleKind::CouncilEnd(_) => (look.colour, 1.5, Some("6 2")),
        RuleKind::Ungraded(_) => (look.colour, 1.5, Some("1.5 2.5")),
    }
}
