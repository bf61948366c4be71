//! What the help screen says, worked out from the key tables in force: every mode's
//! keys, then what the list's glyphs mean. `ui` styles it; `update` scrolls it, so
//! both count the same lines.

use super::App;
use super::keymap::Scope;
use crate::text::{fit, wrap};

/// The help's widest box.
pub const WIDTH: u16 = 86;

/// Below this inner width a key's description goes on its own line under it.
const ONE_LINE: usize = 70;

/// How a date of each precision is read: the help's last section and, word for word,
/// the README's.
pub const READING_DATES: &str = "A date is read on its last day: 2004-11 on 30 November 2004, 2017 on 31 December. \
A rating holds from its round's publication day where that is known, else from its own day; \
one dated only to a month or a year holds for certain from the day after, and inside that month \
or year reads \"unknown: changed during 2017\". After a graded inspection, a sub-judgement the \
dataset does not hold is unknown. A measurement is never in force: later it reads \
\"last measured 2017-04: more than 25\".";

/// One line of the help.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpLine {
    /// A mode's heading, fitted.
    Heading(String),
    /// A key table's row: the keys as bound, the action's name, what it does (empty
    /// when it goes on the lines under it).
    Key {
        keys: String,
        name: &'static str,
        does: String,
    },
    /// A description (or the rest of a legend's text) under the line before.
    Under(String),
    /// A glyph of the council list and what it means.
    Legend {
        glyph: Glyph,
        text: String,
    },
    Blank,
}

/// A glyph the legend explains.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Glyph {
    Text(String),
    /// The markers of the first pinned councils, as the theme draws them.
    Pins,
}

/// The help's lines for a box `inner` columns wide: each fits, none wraps, so a scroll
/// position is a line number.
pub fn lines(app: &App, inner: usize) -> Vec<HelpLine> {
    let mut lines = Vec::new();
    for scope in Scope::ALL {
        let mut title = format!(" {}", scope.title());
        if let Some((intent, phrase)) = scope.opened_by() {
            let key = app.keymap.first(Scope::Main, intent);
            title.push_str(&format!(" ({})", phrase.replace("{}", &key)));
        }
        if scope != Scope::Main {
            title.push_str(&format!(" · in the config: {}.<action>", scope.name()));
        }
        if scope.typing().is_some() {
            title.push_str(" · other keys are typed");
        }
        lines.push(HelpLine::Heading(fit(&title, inner)));
        for binding in scope.bindings() {
            let keys = app.keymap.label(scope, binding.intent);
            if inner >= ONE_LINE {
                lines.push(HelpLine::Key {
                    keys,
                    name: binding.name,
                    does: fit(binding.does, inner - 36),
                });
            } else {
                lines.push(HelpLine::Key {
                    keys,
                    name: binding.name,
                    does: String::new(),
                });
                lines.extend(
                    wrap(binding.does, inner.saturating_sub(4))
                        .into_iter()
                        .map(|chunk| HelpLine::Under(format!("    {chunk}"))),
                );
            }
        }
        lines.push(HelpLine::Blank);
    }
    lines.push(HelpLine::Heading(" The council list".to_owned()));
    let mut legend: Vec<(Glyph, String)> = Vec::new();
    if let Some(scheme) = app.index.main_scheme {
        let def = app.dataset.scheme(scheme);
        let initials: Vec<String> = def
            .levels()
            .iter()
            .rev()
            .map(|l| format!("{} {l}", l.chars().next().unwrap_or('?')))
            .collect();
        legend.push((
            Glyph::Text("letter".to_owned()),
            format!("latest {} level: {}", def.name, initials.join(", ")),
        ));
    }
    let text = |glyph: &str, meaning: &str| (Glyph::Text(glyph.to_owned()), meaning.to_owned());
    legend.extend([
        text("#", "the latest rating is a figure, not a level"),
        text("·", "the latest inspection gave no grade"),
        text("↑ ↓ →", "up, down or level against the rating before"),
        text("▶", "the selected council"),
        (
            Glyph::Pins,
            "pinned councils, as the chart's legend marks them".to_owned(),
        ),
    ]);
    for (glyph, meaning) in legend {
        let mut chunks = wrap(&meaning, inner.saturating_sub(20).max(10)).into_iter();
        lines.push(HelpLine::Legend {
            glyph,
            text: chunks.next().unwrap_or_default(),
        });
        lines.extend(chunks.map(|chunk| HelpLine::Under(format!("{}{chunk}", " ".repeat(19)))));
    }
    lines.push(HelpLine::Blank);
    lines.push(HelpLine::Heading(" Reading a date".to_owned()));
    lines.extend(
        wrap(READING_DATES, inner.saturating_sub(2))
            .into_iter()
            .map(|chunk| HelpLine::Under(format!(" {chunk}"))),
    );
    lines
}

/// The help's box in a terminal `size` (the footer's row left free): its width, its
/// lines and how many of them show at once.
pub fn extent(app: &App, size: (u16, u16)) -> (u16, Vec<HelpLine>, usize) {
    let width = WIDTH.min(size.0);
    let lines = lines(app, usize::from(width.saturating_sub(2)));
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(size.1.saturating_sub(1));
    (width, lines, usize::from(height.saturating_sub(2)))
}
