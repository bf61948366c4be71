//! The command line as a user meets it: the real `trajex` binary, run in a sandbox whose
//! home, data, config and cache folders are temporary, with today fixed at 2026-11-22.

use std::io::Read;
use std::process::Stdio;

use unicode_width::UnicodeWidthStr;

use crate::common::{Run, Sandbox};

mod check;
mod config;
mod context;
mod export;
mod import;
mod list;
mod questions;
mod render;
mod show;
mod untrusted;

use context::*;
use questions::*;

/// The example dataset of the product contract's dataset format, made consistent: every
/// source it names exists, and the aliases and neighbours are real names (the neighbour is
/// absent, so `check` warns).
const DESIGN_EXAMPLE: &str = r#"Dataset(
    title: "English councils: social care inspection ratings",
    description: "The example from the dataset format contract",
    schemes: [
        Scheme(
            id: "csci-stars",
            name: "Social services star rating",
            body: "Commission for Social Care Inspection",
            scale: Ordinal(["0 stars", "1 star", "2 stars", "3 stars"]),   // worst → best
            until: Some("2009-04"),
        ),
        Scheme(
            id: "ofsted-cs",
            name: "Children's services: overall effectiveness",
            body: "Ofsted",
            scale: Ordinal(["Inadequate", "Requires improvement to be good", "Good", "Outstanding"]),
            eras: [("SIF", "2013-11"), ("ILACS", "2018-01")],
        ),
        Scheme(
            id: "ofsted-cs-care-leavers",
            name: "Children's services: care leavers",
            body: "Ofsted",
            parent: Some("ofsted-cs"),
            scale: Ordinal(["Inadequate", "Requires improvement to be good", "Good", "Outstanding"]),
        ),
        Scheme(
            id: "caseload",
            name: "Average caseload per social worker",
            body: "Council",
            scale: Numeric(unit: "children", better: Lower),
        ),
    ],
    councils: [
        Council(
            id: "tower-hamlets",
            name: "Tower Hamlets",
            code: Some("E09000030"),
            aliases: ["London Borough of Tower Hamlets"],
            region: Some("London"),
            kind: Some("London Borough"),
            neighbours: ["newham"],
            succeeded_by: [],
            ratings: [
                Rating(scheme: "csci-stars", date: "2002-05", level: "1 star",
                       note: Some("prospects: promising / excellent"),
                       source: Some("community-care-2004")),
                Rating(scheme: "caseload", date: "2017-04", value: 25.0,
                       note: Some("more than 25"), source: Some("news-2019-ofsted-good")),
            ],
        ),
    ],
    summaries: [
        Summary(scheme: "csci-stars", date: "2004-11", total: 150,
                counts: {"0 stars": 8, "1 star": 40, "3 stars": 20},
                source: Some("csci-2004-headlines")),
    ],
    sources: [
        Source(id: "community-care-2004", title: "Then there were three",
               publisher: "Community Care", date: "2004-11-19",
               url: Some("https://www.communitycare.co.uk/2004/11/19/then-there-were-three/")),
        Source(id: "news-2019-ofsted-good", title: "Tower Hamlets children's services rated good"),
        Source(id: "csci-2004-headlines", title: "Social services performance ratings 2004"),
    ],
)
"#;

/// Three councils with histories that exercise every column: two named alike for an
/// ambiguous query, an ungraded assessment, a numeric scheme and a formula-like note.
const THREE_COUNCILS: &str = r#"Dataset(
    title: "Three councils",
    schemes: [
        Scheme(id: "stars", name: "Star rating", body: "CSCI",
               scale: Ordinal(["0 stars", "1 star", "2 stars", "3 stars"]), until: "2009-04"),
        Scheme(id: "cs", name: "Children's services", body: "Ofsted",
               scale: Ordinal(["Inadequate", "Requires improvement to be good", "Good", "Outstanding"])),
        Scheme(id: "caseload", name: "Caseload", body: "Council",
               scale: Numeric(unit: "children", better: Lower)),
    ],
    councils: [
        Council(id: "north-tyneside", name: "North Tyneside", code: "E08000022", region: "North East", ratings: [
            Rating(scheme: "stars", date: "2002-05", level: "1 star", source: "cc"),
            Rating(scheme: "stars", date: "2004-11", level: "3 stars", source: "cc"),
            Rating(scheme: "cs", date: "2019-07-22", level: "Good", note: "=HYPERLINK(\"x\")", source: "of"),
            Rating(scheme: "cs", date: "2026-05", note: "no overall grade under the 2026 framework"),
        ]),
        Council(id: "north-somerset", name: "North Somerset", region: "South West", ratings: [
            Rating(scheme: "cs", date: "2018", level: "Inadequate"),
            Rating(scheme: "caseload", date: "2018-03", value: 22.5),
        ]),
        Council(id: "york", name: "York", region: "Yorkshire and the Humber", ratings: []),
    ],
    sources: [
        Source(id: "cc", title: "Then there were three", url: "https://example.org/three"),
        Source(id: "of", title: "Inspection report"),
    ],
)
"#;

/// The 1-based line and column where `marker` last occurs in `text`.
fn position_of(text: &str, marker: &str) -> (usize, usize) {
    let offset = text
        .rfind(marker)
        .unwrap_or_else(|| panic!("{marker} is not in the text"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
