//! What the help screen says, worked out from the key tables in force: every mode's
//! keys, then what the list's glyphs and sort figures mean, a legend of the chart's
//! marks (the characters the chart draws with, from `chart::glyph`), and a glossary of
//! the abbreviations the dataset's schemes use. `ui` styles it; `update` scrolls it,
//! so both count the same lines.

use super::App;
use super::keymap::Scope;
use crate::chart::glyph;
use crate::data::Dataset;
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
    /// Marks of the chart, each styled as the chart styles it.
    Chart(Vec<(String, Look)>),
}

/// How the chart styles a mark, so the legend can style it the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// A level's colour (the legend shows the best level's).
    Level,
    /// The first pin's colour.
    Pin,
    /// The first pin's marker, as the theme draws it (the text is left empty).
    PinMarker,
    /// Rules, stretches, dashes: dim.
    Dim,
    /// The time cursor.
    Cursor,
    /// Strip titles.
    Title,
}

/// A chart mark: `glyph` repeated `n` times, in `look`.
fn mark(glyph: &str, n: usize, look: Look) -> (String, Look) {
    (glyph.repeat(n), look)
}

/// The chart's legend: every mark the terminal chart draws, with the chart's own
/// characters.
fn chart_legend() -> Vec<(Glyph, String)> {
    use Look::*;
    let chart =
        |marks: Vec<(String, Look)>, meaning: &str| (Glyph::Chart(marks), meaning.to_owned());
    vec![
        chart(
            vec![mark(glyph::MARKER, 1, Level), mark(glyph::RUN, 3, Level)],
            "a rating where it was given, and the line while it held; colour by level",
        ),
        chart(
            vec![
                mark(glyph::RUN, 1, Level),
                mark(glyph::RISER, 1, Level),
                mark(glyph::MARKER, 1, Level),
            ],
            "a step to the next rating",
        ),
        chart(
            vec![(String::new(), PinMarker), mark(glyph::PIN_RUN, 3, Pin)],
            "a pinned council's rating, dashed, with its own marker",
        ),
        chart(
            vec![mark(glyph::CHANGING, 4, Dim)],
            "dim dashes: the month or year a rating changed in; the day is not known",
        ),
        chart(
            vec![mark(glyph::UNKNOWN, 4, Dim)],
            "dots, \"unknown\": a round whose result for the council the dataset does not hold, \
             the month or year a rating changed in, or a date after the dataset's data ends",
        ),
        chart(
            vec![mark(glyph::NO_GRADE, 4, Dim)],
            "hatching, \"no grade\": an assessment that gave no grade in this scheme",
        ),
        chart(
            vec![mark(glyph::RULE, 1, Dim)],
            "a rule: a framework starts (its name beside it), a scheme or a council ended",
        ),
        chart(
            vec![mark(glyph::UNGRADED, 1, Dim)],
            "an assessment that gave no grade",
        ),
        chart(
            vec![mark(glyph::CURSOR, 1, Cursor)],
            "the time cursor: each strip's reading at its date is under the strip's title",
        ),
        chart(
            vec![
                mark(glyph::FOLDED, 1, Title),
                (" ".to_owned(), Title),
                mark(glyph::UNFOLDED, 1, Title),
            ],
            "a scheme with sub-judgements, folded or unfolded (Enter on the strip)",
        ),
        chart(
            vec![mark(glyph::NESTED, 1, Title)],
            "a sub-judgement, in the chart and the events pane",
        ),
        chart(
            vec![mark(glyph::POINTER, 1, Title)],
            "the selected strip, when the chart has the focus",
        ),
    ]
}

/// Words joined by spaces that a run of initials might stand for: the letters of a
/// word, apostrophes kept.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The words `abbreviation` stands for in `text`: a part of it (between `:`, `/`,
/// brackets) whose words' initials spell it, small joining words ("of", "for",
/// "and", "the") aside: "CSCI" in "… / Commission for Social Care Inspection".
fn expansion(abbreviation: &str, text: &str) -> Option<String> {
    const JOINING: [&str; 5] = ["of", "for", "and", "the", "to"];
    text.split([':', '/', '(', ')', ';', ','])
        .map(str::trim)
        .find(|part| {
            let words = words(part);
            let initials: String = words
                .iter()
                .filter(|w| !JOINING.contains(&w.to_lowercase().as_str()))
                .filter_map(|w| w.chars().next())
                .collect();
            words.len() > 1 && initials.eq_ignore_ascii_case(abbreviation)
        })
        .map(str::to_owned)
}

/// The abbreviations the dataset's schemes use (in names, bodies, framework names and
/// ids), each with what the dataset says it stands for: the words its initials spell
/// in a scheme's name or body, and for a framework the scheme and date it starts. An
/// abbreviation the dataset spells out nowhere gets only what the dataset knows of
/// it; nothing is written from outside the dataset.
pub fn glossary(dataset: &Dataset) -> Vec<(String, String)> {
    let is_abbreviation =
        |w: &str| (2..=6).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase());
    let mut found: Vec<String> = Vec::new();
    let mut note = |w: &str| {
        if !found.iter().any(|f| f == w) {
            found.push(w.to_owned());
        }
    };
    for scheme in &dataset.schemes {
        for era in &scheme.eras {
            words(&era.name)
                .into_iter()
                .filter(|w| is_abbreviation(w))
                .for_each(&mut note);
        }
        for text in [&scheme.name, &scheme.body] {
            words(text)
                .into_iter()
                .filter(|w| is_abbreviation(w))
                .for_each(&mut note);
        }
    }
    let texts: Vec<&str> = dataset
        .schemes
        .iter()
        .flat_map(|s| [s.body.as_str(), s.name.as_str()])
        .collect();
    let spelt = |abbreviation: &str| texts.iter().find_map(|t| expansion(abbreviation, t));
    // A scheme id's first part names the scheme where the dataset spells it out ("apa").
    for scheme in &dataset.schemes {
        let head = scheme
            .id
            .split('-')
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        if is_abbreviation(&head) && spelt(&head).is_some() {
            note(&head);
        }
    }
    found
        .into_iter()
        .map(|abbreviation| {
            let mut says: Vec<String> = spelt(&abbreviation).into_iter().collect();
            // Frameworks: the first top-level scheme with an era of that name.
            let era = dataset
                .schemes
                .iter()
                .filter(|s| s.parent.is_none())
                .find_map(|s| {
                    s.eras
                        .iter()
                        .find(|e| words(&e.name).first() == Some(&abbreviation.as_str()))
                        .map(|e| (s, e))
                });
            if let Some((scheme, era)) = era {
                says.push(format!("a framework of {} from {}", scheme.name, era.start));
            }
            let ids: Vec<&str> = dataset
                .schemes
                .iter()
                .filter(|s| s.parent.is_none())
                .map(|s| s.id.as_str())
                .filter(|id| {
                    id.split('-')
                        .next()
                        .is_some_and(|h| h.eq_ignore_ascii_case(&abbreviation))
                })
                .collect();
            if !ids.is_empty() {
                let noun = if ids.len() == 1 { "scheme" } else { "schemes" };
                says.push(format!("{noun} {}", ids.join(", ")));
            }
            if says.is_empty() {
                says.push("the dataset does not spell it out".to_owned());
            }
            (abbreviation, says.join("; "))
        })
        .collect()
}

/// The help's lines for a box `inner` columns wide: each fits, none wraps, so a scroll
/// position is a line number.
pub fn lines(app: &App, inner: usize) -> Vec<HelpLine> {
    let mut lines = Vec::new();
    for scope in Scope::ALL {
        lines.extend(scope_lines(app, scope, inner));
        lines.push(HelpLine::Blank);
    }
    lines.extend(legends(app, inner));
    lines
}

/// One scope's keys as the help shows them: its heading, then each binding in force.
pub fn scope_lines(app: &App, scope: Scope, inner: usize) -> Vec<HelpLine> {
    let mut lines = Vec::new();
    {
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
    }
    lines
}

/// What the glyphs of the list and the chart mean, the glossary, and how a date is read.
fn legends(app: &App, inner: usize) -> Vec<HelpLine> {
    let mut lines = Vec::new();
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
    legend.extend([
        text(
            "+3 0 -1",
            "sorted by improvement: grades risen from the first graded rating to the latest",
        ),
        text(
            "7m 4.2y",
            "sorted by time at the lowest level: months, or years to a tenth",
        ),
        text(
            "–",
            "nothing to sort by: no graded rating, or never at the lowest",
        ),
    ]);
    push_legend(&mut lines, legend, inner);
    lines.push(HelpLine::Blank);
    lines.push(HelpLine::Heading(" The chart".to_owned()));
    push_legend(&mut lines, chart_legend(), inner);
    lines.push(HelpLine::Blank);
    lines.push(HelpLine::Heading(" The events pane".to_owned()));
    push_legend(
        &mut lines,
        vec![
            text(
                "▲ ▼ =",
                "against the council's rating before in the scheme: up or down so many \
                 levels (better or worse by so much for a measurement), or the same",
            ),
            text(
                &format!("{} part", glyph::NESTED),
                "a sub-judgement, named by its part, under its parent's row",
            ),
        ],
        inner,
    );
    lines.push(HelpLine::Blank);
    let glossary = glossary(&app.dataset);
    if !glossary.is_empty() {
        lines.push(HelpLine::Heading(
            " Schemes and frameworks, as the dataset names them".to_owned(),
        ));
        push_legend(
            &mut lines,
            glossary
                .into_iter()
                .map(|(a, says)| (Glyph::Text(a), says))
                .collect(),
            inner,
        );
        lines.push(HelpLine::Blank);
    }
    lines.push(HelpLine::Heading(" Reading a date".to_owned()));
    lines.extend(
        wrap(READING_DATES, inner.saturating_sub(2))
            .into_iter()
            .map(|chunk| HelpLine::Under(format!(" {chunk}"))),
    );
    lines
}

/// Legend rows: a glyph column, then its meaning wrapped under itself.
fn push_legend(lines: &mut Vec<HelpLine>, legend: Vec<(Glyph, String)>, inner: usize) {
    for (glyph, meaning) in legend {
        let mut chunks = wrap(&meaning, inner.saturating_sub(20).max(10)).into_iter();
        lines.push(HelpLine::Legend {
            glyph,
            text: chunks.next().unwrap_or_default(),
        });
        lines.extend(chunks.map(|chunk| HelpLine::Under(format!("{}{chunk}", " ".repeat(19)))));
    }
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
