//! Reading a dataset: RON parsing, then validation that reports every problem at its
//! position in the file (`PATH:LINE:COL: message`). A valid file in the usual order
//! takes the streaming fast path (`stream.rs`); any other is parsed whole, then checked
//! (`check.rs`), so that every problem is reported; RON's own errors become positioned
//! sentences in `syntax.rs`.

mod check;
mod fast;
mod stream;
mod syntax;

use std::borrow::Cow;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use ron::extensions::Extensions;

pub use syntax::{problem_at, syntax_problem};

use super::model::Dataset;
use super::progress::{Progress, Stage};
use super::raw::{RawDataset, Text};
pub(crate) use check::{At, Definitions, Locate, Place};
use check::{Checker, IN_THE_FILE};
use syntax::RonText;

/// One thing wrong with a dataset (or worth a look), at a 1-based line and column.
/// It is written out only where it is shown ([`Problem::located`]).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    pub line: usize,
    pub col: usize,
    /// The CSV column the value sits in, named before the message; none in a RON file.
    pub column: Option<Cow<'static, str>>,
    pub severity: Severity,
    pub message: String,
}

/// Whether a problem stops the file from being used.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    /// The file is refused.
    Error,
    /// Allowed, but worth a look (`check` shows it).
    Warning,
}

impl Problem {
    /// A broken rule at `line`, `col`.
    pub fn error(line: usize, col: usize, message: String) -> Self {
        Problem {
            line,
            col,
            column: None,
            severity: Severity::Error,
            message,
        }
    }

    /// `PATH:LINE:COL: message` (with `warning: ` and `in column C, ` before the
    /// message where they apply), as the user reads it.
    pub fn located<'a>(&'a self, path: &'a str) -> impl fmt::Display + 'a {
        struct Located<'a>(&'a str, &'a Problem);
        impl fmt::Display for Located<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}:{}", self.0, self.1)
            }
        }
        Located(path, self)
    }
}

/// Why a dataset could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("{}", format_problems(path, problems))]
    Invalid {
        path: String,
        problems: Vec<Problem>,
    },
}

/// A dataset that loaded, with what `check` should warn about.
#[derive(Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    /// Things that are allowed but worth a look, each a [`Severity::Warning`].
    pub warnings: Vec<Problem>,
}

fn owned(text: Text<'_>) -> String {
    text.0.into_owned()
}

fn format_problems(path: &str, problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.located(path).to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The largest dataset file trajex reads: above any real dataset and what `generate`
/// writes for a million councils (1.48 GB), below what would exhaust memory once
/// parsed (about twice the file).
pub const MAX_FILE_BYTES: u64 = 2 << 30;

/// Reads and validates the dataset at `path`, without the load cache (for that, see
/// [`crate::data::cache::load_file`]).
pub fn parse_file(path: &Path) -> Result<Loaded, LoadError> {
    read_file(path, &Arc::new(Progress::default()))
}

/// [`parse_file`], reporting how far it has got to `progress`. A valid file in the
/// usual order is read a chunk at a time and never held whole (the peak is the dataset
/// and a chunk); any other is read whole, so that every problem can be placed.
pub fn read_file(path: &Path, progress: &Arc<Progress>) -> Result<Loaded, LoadError> {
    if let Some((mut dataset, warnings)) = stream::from_file(path, progress) {
        dataset.link_successions();
        return Ok(Loaded { dataset, warnings });
    }
    let shown = path.display().to_string();
    progress.set(Stage::Reading, 0, 0);
    let text = read_text(path).map_err(|reason| LoadError::Read {
        path: shown.clone(),
        reason,
    })?;
    let (dataset, warnings) = validate(&text, &shown, progress)?;
    Ok(Loaded { dataset, warnings })
}

/// The dataset file's text: refused before it is opened when it is no regular file
/// (a named pipe, a device, a folder), and before it is read when it is larger than
/// [`MAX_FILE_BYTES`]; a leading byte order mark is skipped.
pub fn read_text(path: &Path) -> Result<String, String> {
    crate::files::read_text_capped(path, MAX_FILE_BYTES, "a dataset").map_err(|e| e.to_string())
}

/// Parses and validates dataset `text`; `path` is only used in messages.
pub fn parse(text: &str, path: &str) -> Result<Loaded, LoadError> {
    let (dataset, warnings) = validate(text, path, &Arc::new(Progress::default()))?;
    Ok(Loaded { dataset, warnings })
}

/// [`parse`], reporting how far it has got to `progress`.
pub fn validate(
    text: &str,
    path: &str,
    progress: &Arc<Progress>,
) -> Result<(Dataset, Vec<Problem>), LoadError> {
    let (mut dataset, warnings) = match stream::streamed(text, progress) {
        Some(done) => done,
        None => thorough(text, path, progress)?,
    };
    dataset.link_successions();
    Ok((dataset, warnings))
}

/// [`parse`] by `ron` alone, never the fast path: the reference the fast path is held
/// to (the property test, the benchmarks).
pub fn parse_thorough(text: &str, path: &str) -> Result<Loaded, LoadError> {
    let (mut dataset, warnings) = thorough(text, path, &Arc::new(Progress::default()))?;
    dataset.link_successions();
    Ok(Loaded { dataset, warnings })
}

/// The byte-level scanner alone, without the checks: the raw records of `text` as
/// `ron` would read them, or `None` where the scanner leaves the file to `ron` (the
/// property test, the benchmarks).
pub fn scan_raw(text: &str) -> Option<RawDataset<'_>> {
    fast::raw(text)
}

/// [`validate`] with every problem reported: the whole file parsed, then checked.
fn thorough(
    text: &str,
    path: &str,
    progress: &Arc<Progress>,
) -> Result<(Dataset, Vec<Problem>), LoadError> {
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    let total = text.len() as u64;
    progress.set(Stage::Parsing, 0, total);
    let raw: RawDataset = super::progress::while_parsing(text, progress, || options.from_str(text))
        .map_err(|e| LoadError::Invalid {
            path: path.to_owned(),
            problems: vec![syntax_problem(text, &e)],
        })?;
    progress.set(Stage::Validating, total, total);
    check_records(raw, &RonText::new(text), &IN_THE_FILE).map_err(|problems| LoadError::Invalid {
        path: path.to_owned(),
        problems,
    })
}

/// Every rule of a dataset checked on `raw`, records read from any file (a RON text, a
/// CSV's rows), each problem at the place `locate` finds for it: the dataset with its
/// warnings, or every problem, in order.
pub(crate) fn check_records<L: Locate>(
    raw: RawDataset<'_>,
    locate: &L,
    defined: &Definitions,
) -> Result<(Dataset, Vec<Problem>), Vec<Problem>> {
    let mut check = Checker::new(locate, defined);
    let dataset = check.dataset(raw);
    if check.problems.is_empty() {
        check.warnings.sort();
        Ok((dataset, limit_per_kind(check.warnings)))
    } else {
        check.problems.sort();
        check.problems.dedup();
        Err(limit_per_kind(check.problems))
    }
}

/// How many problems of one kind are reported one by one; the rest are counted.
pub const PER_KIND: usize = 50;

/// `problems` (in order) with at most [`PER_KIND`] of each kind; where a kind has more,
/// the next one stands for the rest: "… and 79,950 more like this: MESSAGE", at its
/// place. A kind is a message with what it quotes and its numbers taken out, so
/// `"Bad" is not a level of scheme "cs"` and `"Worse" is not a level of scheme "cs"`
/// are one kind. One pass, in time linear in the problems.
pub(crate) fn limit_per_kind(problems: Vec<Problem>) -> Vec<Problem> {
    if problems.len() <= PER_KIND {
        return problems;
    }
    let mut kinds: rustc_hash::FxHashMap<String, (usize, Option<usize>)> = Default::default();
    let mut kept = Vec::new();
    for problem in problems {
        let (count, summary) = kinds.entry(kind(&problem.message)).or_default();
        *count += 1;
        if *count <= PER_KIND {
            kept.push(problem);
        } else if *count == PER_KIND + 1 {
            *summary = Some(kept.len());
            kept.push(problem);
        }
    }
    for (count, summary) in kinds.into_values() {
        if let Some(at) = summary {
            let problem = &mut kept[at];
            problem.message = format!(
                "… and {} more like this: {}",
                thousands(count - PER_KIND),
                problem.message
            );
        }
    }
    kept
}

/// What kind of problem `message` tells of: the message with its quoted text
/// (`"…"`, `` `…` ``) and its digits taken out.
fn kind(message: &str) -> String {
    let mut shape = String::with_capacity(message.len());
    let mut quote = None;
    for c in message.chars() {
        match (quote, c) {
            (None, '"' | '`') => {
                quote = Some(c);
                shape.push(c);
            }
            (Some(q), c) if c == q => {
                quote = None;
                shape.push(c);
            }
            (Some(_), _) => {}
            (None, c) if c.is_ascii_digit() => {}
            (None, c) => shape.push(c),
        }
    }
    shape
}

/// `n` with its thousands grouped by commas: 79,950.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// `LINE:COL: message`, with `warning: ` and the CSV column before the message.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.line, self.col)?;
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        if let Some(column) = &self.column {
            write!(f, "in column {column}, ")?;
        }
        f.write_str(&self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::check::PARALLEL_COUNCILS;
    use super::stream::streamed;
    use super::*;

    /// A valid dataset in DESIGN's shape; each test breaks one thing in it.
    const GOOD: &str = r#"Dataset(
    title: "t",
    schemes: [
        Scheme(id: "stars", name: "Stars", body: "CSCI", scale: Ordinal(["0 stars", "1 star"]), until: Some("2009-04"), rounds: ["2002-05-30", "2002-11"], source: "r", note: "n", covered_until: "2008-11"),
        Scheme(id: "caseload", name: "Caseload", body: "Council", scale: Numeric(unit: "children", better: Lower)),
    ],
    councils: [
        Council(id: "th", name: "Tower Hamlets", neighbours: ["nowhere"], ended: "2021-04", ratings: [
            Rating(scheme: "stars", date: "2002-05", level: "1 star", source: "cc"),
            Rating(scheme: "caseload", date: "2017-04", value: 25.0, source: Some("cc")),
        ]),
    ],
    summaries: [Summary(scheme: "stars", date: "2002-05", shares: {"1 star": 40.0}, counts: {"0 stars": 10},
                        sets: [(label: "one star or more", levels: ["1 star"], count: Some(30), share: None)], unrated: 2)],
    sources: [Source(id: "cc", title: "Then there were three"), Source(id: "r", title: "Rounds")],
)"#;

    /// The single problem reported for `GOOD` with `from` replaced by `to`.
    fn problem(from: &str, to: &str) -> String {
        assert!(GOOD.contains(from), "fixture lacks {from}");
        match parse(&GOOD.replacen(from, to, 1), "x.ron") {
            Ok(_) => panic!("accepted {to}"),
            Err(e) => e.to_string(),
        }
    }

    /// The quick way gives what the thorough way gives, or gives up.
    fn same_both_ways(text: &str, quick: bool) {
        let progress = Arc::new(Progress::default());
        let streamed = streamed(text, &progress);
        assert_eq!(streamed.is_some(), quick, "{text}");
        let thorough = thorough(text, "x.ron", &progress);
        if let Some(streamed) = streamed {
            assert_eq!(format!("{streamed:?}"), format!("{:?}", thorough.unwrap()));
        }
    }

    #[test]
    fn the_quick_way_matches_the_thorough_way_or_gives_up() {
        same_both_ways(GOOD, true);
        // Sources first, and used out of their order.
        let two = GOOD
            .replace(
                r#"    sources: [Source(id: "cc", title: "Then there were three"), Source(id: "r", title: "Rounds")],
"#,
                "",
            )
            .replace(
                "    councils:",
                r#"    sources: [Source(id: "a", title: "A"), Source(id: "r", title: "R"), Source(id: "cc", title: "C")],
    councils:"#,
            )
            .replace(r#"source: Some("cc")"#, r#"source: "a""#);
        same_both_ways(&two, true);
        // Schemes after the councils: read the thorough way.
        let (head, rest) = GOOD.split_once("    schemes:").unwrap();
        let (schemes, tail) = rest.split_once("    councils:").unwrap();
        let tail = tail.strip_suffix(')').unwrap();
        let late = format!("{head}    councils:{tail}    schemes:{schemes})");
        same_both_ways(&late, false);
        assert_eq!(parse(&late, "x.ron").unwrap().dataset.councils.len(), 1);
        // Many councils (several batches), some ratings unsourced, a summary.
        let mut many = String::from(
            r#"Dataset(title: "m", schemes: [Scheme(id: "s", name: "S", body: "B", scale: Ordinal(["a", "b"]))], councils: ["#,
        );
        for i in 0..300 {
            let source = ["", r#", source: "y""#, r#", source: "x""#][i % 3];
            many.push_str(&format!(
                r#"Council(id: "c{i}", name: "C", neighbours: ["c{}"], ratings: [Rating(scheme: "s", date: "2001-01", level: "b"{source})]),"#,
                i + 250
            ));
        }
        many.push_str(
            r#"], summaries: [Summary(scheme: "s", date: "2001-01", counts: {"a": 1}, source: "x")], sources: [Source(id: "x", title: "X"), Source(id: "y", title: "Y")])"#,
        );
        same_both_ways(&many, true);
        // A problem anywhere: read the thorough way.
        same_both_ways(
            &many.replace(r#"counts: {"a": 1}"#, r#"counts: {"c": 1}"#),
            false,
        );
    }

    /// `text` loaded from a file as `parse_file` does, and whether it was read a
    /// chunk at a time.
    fn from_a_file(text: &[u8]) -> (String, bool) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        std::fs::write(&path, text).unwrap();
        let chunked = stream::from_file(&path, &Progress::default()).is_some();
        let shown = path.display().to_string();
        (
            format!("{:?}", parse_file(&path)).replace(&shown, "d.ron"),
            chunked,
        )
    }

    #[test]
    fn a_file_read_a_chunk_at_a_time_loads_as_its_whole_text_does() {
        let data = crate::generate::dataset(120, 3);
        let all: Vec<usize> = (0..120).collect();
        let text = String::from_utf8(crate::export::dataset_ron(&data, &all).unwrap()).unwrap();
        let whole = |text: &str| format!("{:?}", parse(text, "d.ron"));
        let cases = [
            (text.clone(), true),
            (format!("\u{feff}{text}"), true),
            (
                text.replace("    ],\n    sources", "    ], // the end\n    sources"),
                true,
            ),
            // A council named but not in the file: a warning, placed from the whole text.
            (
                text.replacen("\"synthetic-00007\",", "\"nowhere\",", 1),
                false,
            ),
            // A duplicate id, chunks apart.
            (
                text.replacen("id: \"synthetic-00100\"", "id: \"synthetic-00002\"", 1),
                false,
            ),
            // A syntax error late in the file.
            (text.replacen("Source(", "Sorce(", 1), false),
            (text.replacen("ratings: [", "ratings: [\"", 1), false),
            (text[..text.len() - 3].to_owned(), false),
        ];
        for (i, (case, chunked)) in cases.into_iter().enumerate() {
            assert!(i < 2 || case != text, "case {i} changes nothing");
            let (loaded, was_chunked) = from_a_file(case.as_bytes());
            assert_eq!(was_chunked, chunked, "case {i}");
            let expected = whole(case.strip_prefix('\u{feff}').unwrap_or(&case));
            assert_eq!(loaded, expected, "case {i}");
        }
        let (loaded, chunked) = from_a_file(&[0xff, b'D']);
        assert!(!chunked && loaded.contains("not UTF-8"), "{loaded}");
    }

    #[test]
    fn the_fixture_loads_and_warns_about_an_unknown_neighbour() {
        let loaded = parse(GOOD, "x.ron").unwrap();
        assert_eq!(loaded.dataset.rating_count(), 2);
        let stars = &loaded.dataset.schemes[0];
        assert_eq!(
            stars.covered_until.map(|d| d.to_string()).as_deref(),
            Some("2008-11")
        );
        let summary = &loaded.dataset.summaries[0];
        assert_eq!(
            (
                summary.sets[0].label.as_str(),
                summary.sets[0].ranks.as_slice(),
                summary.sets[0].count,
                summary.unrated
            ),
            ("one star or more", &[1u8][..], Some(30), Some(2))
        );
        let shown: Vec<String> = loaded
            .warnings
            .iter()
            .map(|w| w.located("x.ron").to_string())
            .collect();
        assert_eq!(
            shown,
            ["x.ron:8:63: warning: council \"nowhere\" is named but not in this file; ignored"]
        );
    }

    #[test]
    fn each_problem_is_reported_at_the_value_at_fault() {
        let cases = [
            ("\"t\",", "\"t,", "x.ron:2:12: unterminated string"),
            ("title:", "titel:", "x.ron:2:5: unknown field `titel`"),
            (
                "level: \"1 star\"",
                "level: \"4 stars\"",
                "x.ron:9:61: \"4 stars\" is not a level of scheme \"stars\"",
            ),
            (
                "scheme: \"stars\"",
                "scheme: \"starz\"",
                "x.ron:9:28: scheme \"starz\" is not defined",
            ),
            (
                "source: \"cc\"",
                "source: \"cx\"",
                "x.ron:9:79: source \"cx\" is not defined",
            ),
            (
                "date: \"2002-05\"",
                "date: \"2002-13\"",
                "x.ron:9:43: \"2002-13\" is not a real calendar date",
            ),
            (
                "date: \"2002-05\"",
                "date: \"May 2002\"",
                "x.ron:9:43: a date must be written YYYY, YYYY-MM or YYYY-MM-DD",
            ),
            (
                "value: 25.0",
                "level: \"high\"",
                "x.ron:10:64: scheme \"caseload\" is numeric: give a `value`, not a `level`",
            ),
            (
                "level: \"1 star\"",
                "value: 1.0",
                "x.ron:9:28: scheme \"stars\" has named levels: give a `level`, not a `value`",
            ),
            (
                r#"["2002-05-30", "2002-11"]"#,
                r#"["2002-11", "2002-05-30"]"#,
                "x.ron:4:141: round 2002-05-30 must come after round 2002-11",
            ),
            (
                r#""2002-11"]"#,
                r#""2009-04"]"#,
                "x.ron:4:144: round 2009-04 is not before the scheme's end (2009-04)",
            ),
            (
                r#"source: "r", note"#,
                r#"source: "zz", note"#,
                "x.ron:4:164: source \"zz\" is not defined",
            ),
            (
                r#"ended: "2021-04""#,
                r#"ended: "2017-04""#,
                "x.ron:10:46: a rating dated 2017-04 comes on or after the council's end (2017-04)",
            ),
            (
                r#"ended: "2021-04""#,
                r#"ended: "2021-14""#,
                "x.ron:8:82: \"2021-14\" is not a real calendar date",
            ),
            (
                r#"{"1 star": 40.0}"#,
                r#"{"1 star": 140.0}"#,
                "x.ron:13:68: share 140 is not a percentage from 0 to 100",
            ),
            (
                r#"{"1 star": 40.0}"#,
                r#"{"2 stars": 40.0}"#,
                "x.ron:13:68: \"2 stars\" is not a level of scheme \"stars\"",
            ),
        ];
        for (from, to, expected) in cases {
            let got = problem(from, to);
            assert!(
                got.starts_with(expected),
                "{from} -> {to}\n  got:      {got}\n  expected: {expected}"
            );
            assert_eq!(got.lines().count(), 1, "one problem for {to}: {got}");
        }
    }

    #[test]
    fn two_ratings_on_one_date_point_at_the_second() {
        let text = GOOD
            .replace("date: \"2017-04\"", "date: \"2002-05\"")
            .replace("\"caseload\", date", "\"stars\", date");
        let text = text.replace("value: 25.0", "level: \"0 stars\"");
        let err = parse(&text, "x.ron").unwrap_err().to_string();
        assert_eq!(
            err,
            "x.ron:10:43: council \"th\" has two ratings in scheme \"stars\" dated 2002-05 (the other on line 9)"
        );
    }

    #[test]
    fn a_scheme_id_near_a_defined_one_is_suggested() {
        assert_eq!(
            problem("scheme: \"stars\"", "scheme: \"starz\""),
            "x.ron:9:28: scheme \"starz\" is not defined in `schemes`; did you mean \"stars\"?"
        );
    }

    #[test]
    fn a_duplicate_council_id_points_at_the_second_and_all_problems_come_at_once() {
        let text = GOOD.replace(
            "    ],\n    summaries",
            "        Council(id: \"th\", name: \"Again\", ratings: [Rating(scheme: \"nope\", date: \"2002\")]),\n    ],\n    summaries",
        );
        let err = parse(&text, "x.ron").unwrap_err().to_string();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(
            lines,
            [
                "x.ron:12:21: council id \"th\" is used twice",
                "x.ron:12:67: scheme \"nope\" is not defined in `schemes`",
            ]
        );
    }

    #[test]
    fn a_large_file_checked_on_two_threads_reports_every_problem_in_order() {
        let councils = PARALLEL_COUNCILS + 500;
        let data = crate::generate::dataset(councils, 5);
        let all: Vec<usize> = (0..councils).collect();
        let bytes = crate::export::dataset_ron(&data, &all).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(parse(&text, "big.ron").unwrap().warnings.is_empty());
        // One problem early, one late (each half of the councils), one duplicate id.
        let early = text.replacen("scheme: \"ofsted-cs\"", "scheme: \"nope\"", 1);
        let at = early.rfind("scheme: \"ofsted-cs\"").unwrap();
        let broken = format!(
            "{}scheme: \"nope2\"{}",
            &early[..at],
            &early[at + "scheme: \"ofsted-cs\"".len()..]
        )
        .replacen("\"synthetic-00002\",\n", "\"synthetic-00001\",\n", 1);
        let err = parse(&broken, "big.ron").unwrap_err().to_string();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 3, "{err}");
        assert!(lines[0].contains("scheme \"nope\" is not defined"), "{err}");
        assert!(
            lines[1].contains("council id \"synthetic-00001\" is used twice"),
            "{err}"
        );
        assert!(
            lines[2].contains("scheme \"nope2\" is not defined"),
            "{err}"
        );
    }

    #[test]
    fn escaped_strings_fall_back_to_the_enclosing_record() {
        let text = GOOD.replacen(
            "scheme: \"stars\", date",
            "scheme: \"st\\u{61}rz\", date",
            1,
        );
        let err = parse(&text, "x.ron").unwrap_err().to_string();
        assert!(
            err.starts_with("x.ron:8:21: scheme \"starz\" is not defined"),
            "{err}"
        );
    }

    #[test]
    fn past_fifty_problems_of_a_kind_the_rest_are_counted_in_one_line() {
        let text = crate::generate::bad_ratings_on_one_line(3000);
        let Err(LoadError::Invalid { problems, .. }) = parse(&text, "x.ron") else {
            panic!("accepted");
        };
        assert_eq!(problems.len(), PER_KIND + 1, "{problems:#?}");
        let first = text.find(r#""Bad""#).unwrap();
        assert_eq!((problems[0].line, problems[0].col), (1, first + 1));
        assert_eq!(
            problems[0].message,
            r#""Bad" is not a level of scheme "cs" (A, B)"#
        );
        let rest = &problems[PER_KIND];
        assert_eq!(
            rest.message,
            r#"… and 2,950 more like this: "Bad" is not a level of scheme "cs" (A, B)"#
        );
        let fifty_first = text.match_indices(r#""Bad""#).nth(PER_KIND).unwrap().0;
        assert_eq!((rest.line, rest.col), (1, fifty_first + 1));
    }

    #[test]
    fn problems_of_other_kinds_are_each_kept_up_to_the_limit() {
        let many: Vec<Problem> = (0..120)
            .map(|i| {
                Problem::error(
                    1,
                    i,
                    format!("\"{i}\" is {} kind", ["one", "another"][i % 2]),
                )
            })
            .collect();
        let kept = limit_per_kind(many);
        assert_eq!(kept.len(), 2 * (PER_KIND + 1));
        assert_eq!(
            kept.iter()
                .filter(|p| p.message.starts_with("… and 10 more like this: "))
                .count(),
            2
        );
        assert_eq!(thousands(79_950), "79,950");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(999), "999");
    }
}
