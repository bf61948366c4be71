//! Reading a dataset: RON parsing, then validation that reports every problem at its
//! position in the file (`PATH:LINE:COL: message`).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use ron::extensions::Extensions;

use super::date::Date;
use super::model::{Better, Council, Dataset, Era, Grade, Rating, Scale, Scheme, Source, Summary};
use super::progress::{Progress, Stage};
use super::raw::{
    RawBetter, RawCouncil, RawDataset, RawScale, RawScheme, RawSource, RawSummary, Text,
};

/// One thing wrong with a dataset, at a 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    pub line: usize,
    pub col: usize,
    pub message: String,
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
    /// `PATH:LINE:COL: message` lines for things that are allowed but worth a look.
    pub warnings: Vec<String>,
}

fn owned(text: Text<'_>) -> String {
    text.0.into_owned()
}

fn format_problems(path: &str, problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("{path}:{}:{}: {}", p.line, p.col, p.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The largest dataset file trajex reads: far above any real or generated dataset,
/// far below what would exhaust memory once parsed.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Reads and validates the dataset at `path`.
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    let shown = path.display().to_string();
    let text = read_text(path).map_err(|reason| LoadError::Read {
        path: shown.clone(),
        reason,
    })?;
    parse(&text, &shown)
}

/// The file's text, refused before it is read when it is larger than
/// [`MAX_FILE_BYTES`] (and cut off there when its size is unknown, as for a pipe).
pub fn read_text(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let too_large = || {
        format!(
            "it is larger than {} MiB, too large to be a dataset",
            MAX_FILE_BYTES >> 20
        )
    };
    let file = std::fs::File::open(path).map_err(|e| crate::io_reason(&e))?;
    if file.metadata().is_ok_and(|m| m.len() > MAX_FILE_BYTES) {
        return Err(too_large());
    }
    let mut text = String::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| crate::io_reason(&e))?;
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(text)
}

/// Parses and validates dataset `text`; `path` is only used in messages.
pub fn parse(text: &str, path: &str) -> Result<Loaded, LoadError> {
    let (dataset, warnings) = validate(text, path, &Arc::new(Progress::default()))?;
    Ok(Loaded {
        dataset,
        warnings: format_warnings(path, &warnings),
    })
}

/// `PATH:LINE:COL: message` lines for `warnings`.
pub fn format_warnings(path: &str, warnings: &[Problem]) -> Vec<String> {
    format_problems(path, warnings)
        .lines()
        .map(str::to_owned)
        .collect()
}

/// [`parse`], reporting how far it has got to `progress`, with the warnings as problems.
pub fn validate(
    text: &str,
    path: &str,
    progress: &Arc<Progress>,
) -> Result<(Dataset, Vec<Problem>), LoadError> {
    let (mut dataset, warnings) = match streamed(text, progress) {
        Some(done) => done,
        None => thorough(text, path, progress)?,
    };
    dataset.link_successions();
    Ok((dataset, warnings))
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
    let mut check = Checker::new(text);
    let dataset = check.dataset(raw);
    if check.problems.is_empty() {
        check.warnings.sort();
        Ok((dataset, check.warnings))
    } else {
        check.problems.sort();
        check.problems.dedup();
        Err(LoadError::Invalid {
            path: path.to_owned(),
            problems: check.problems,
        })
    }
}

/// The quick way to load a valid dataset: each batch of councils is converted on a
/// second thread while the parser reads on, so the parsed councils are still in cache
/// when converted and no parsed copy of the whole file is ever held. It takes the
/// usual file only (`schemes` before `councils`, every field once) and gives up, with
/// `None`, at the first problem of any kind: [`validate`] then reads the file again
/// the thorough way, which reports every problem at its position.
fn streamed(text: &str, progress: &Arc<Progress>) -> Option<(Dataset, Vec<Problem>)> {
    use std::sync::atomic::AtomicBool;
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    let total = text.len() as u64;
    progress.set(Stage::Parsing, 0, total);
    let failed = AtomicBool::new(false);
    let (parts, worked) = std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel(16);
        let failed = &failed;
        let worker = scope.spawn(move || convert(text, rx, failed));
        let parts = super::progress::while_parsing(text, progress, || {
            options.from_str_seed(text, stream::DatasetSeed { tx, failed })
        });
        let worked = match worker.join() {
            Ok(done) => done,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (parts, worked)
    });
    let (parts, worked) = (parts.ok()?, worked?);
    progress.set(Stage::Validating, total, total);

    let mut check = Checker::new(text);
    let (sources, source_ix) = check.sources(parts.sources);
    let mut councils = worked.councils;
    let mut schemes = worked.schemes;
    check.scheme_sources(&mut schemes, worked.scheme_sources, &source_ix);
    // The sources as numbered in order of first use, to their place in `sources`.
    let mut real = vec![0; worked.pending.len()];
    for (id, &first) in &worked.pending {
        real[first as usize] = *source_ix.get(&**id)?;
    }
    if real.iter().enumerate().any(|(i, &r)| r as usize != i) {
        for rating in councils.iter_mut().flat_map(|c| &mut c.ratings) {
            if let Some(source) = &mut rating.source {
                *source = real[*source as usize];
            }
        }
    }
    for (id, places) in worked.unknown {
        for at in places {
            check.warn(
                at,
                format!("council \"{id}\" is named but not in this file; ignored"),
            );
        }
    }
    let summaries = check.summaries(parts.summaries, &schemes, &worked.scheme_ix, &source_ix);
    if !check.problems.is_empty() {
        return None;
    }
    check.unsourced = worked.unsourced;
    check.unsourced_warning();
    check.warnings.sort();
    let dataset = Dataset {
        title: parts.title?.0.into_owned(),
        description: parts.description.map(owned),
        schemes,
        councils,
        summaries,
        sources,
    };
    Some((dataset, check.warnings))
}

/// What the converting thread of [`streamed`] hands back.
struct Converted<'r> {
    schemes: Vec<Scheme>,
    scheme_ix: HashMap<Cow<'r, str>, u16, Fast>,
    /// Each scheme's `source`, resolved once the sources are read.
    scheme_sources: Vec<(usize, Text<'r>, At)>,
    councils: Vec<Council>,
    /// Councils named in others but not in the file, and where they are named.
    unknown: HashMap<Cow<'r, str>, Vec<At>, Fast>,
    /// Each source named by a rating, numbered in order of first use.
    pending: HashMap<Cow<'r, str>, u32, Fast>,
    unsourced: usize,
}

/// The converting thread of [`streamed`]: the schemes, then councils a batch at a time;
/// `None` (and `failed` set, so the parser stops) at the first problem.
fn convert<'r>(
    text: &'r str,
    rx: std::sync::mpsc::Receiver<stream::Part<'r>>,
    failed: &std::sync::atomic::AtomicBool,
) -> Option<Converted<'r>> {
    let mut check = Checker::new(text);
    let fail = || {
        failed.store(true, std::sync::atomic::Ordering::Relaxed);
        None
    };
    let Ok(stream::Part::Schemes(raw)) = rx.recv() else {
        return fail();
    };
    let SchemeTable {
        schemes,
        scheme_ix,
        sources: scheme_sources,
    } = check.schemes(raw);
    if !check.problems.is_empty() {
        return fail();
    }
    let mut councils = Vec::new();
    let mut ids = HashSet::default();
    let mut references = Vec::new();
    // Each named council is looked for while its name is still in cache: among the
    // councils read so far, else kept until its council comes.
    let mut unknown: HashMap<Cow<'r, str>, Vec<At>, Fast> = HashMap::default();
    let mut sources = SourceIds::Pending(HashMap::default());
    {
        let tables = Tables {
            schemes: &schemes,
            scheme_ix: &scheme_ix,
        };
        for part in rx {
            let stream::Part::Councils(batch) = part else {
                return fail();
            };
            for c in &batch {
                check.council_id(c, &mut ids);
                if !unknown.is_empty() {
                    unknown.remove(&*c.id);
                }
            }
            check.councils(batch, &tables, &mut sources, &mut references, &mut councils);
            for (id, at) in references.drain(..) {
                if !ids.contains(&*id) {
                    unknown.entry(id).or_default().push(at);
                }
            }
            if !check.problems.is_empty() {
                return fail();
            }
        }
    }
    let SourceIds::Pending(pending) = sources else {
        return fail();
    };
    Some(Converted {
        schemes,
        scheme_ix,
        scheme_sources,
        councils,
        unknown,
        pending,
        unsourced: check.unsourced,
    })
}

/// The parsing side of [`streamed`]: a dataset read field by field, its schemes and
/// councils sent to the converting thread as they are read.
mod stream {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::mpsc::SyncSender;

    use serde::de::{self, DeserializeSeed, Error as _, MapAccess, SeqAccess, Visitor};

    use crate::data::raw::{RawCouncil, RawScheme, RawSource, RawSummary, Text};

    /// What the parser sends the converting thread: the schemes first, then councils.
    pub(super) enum Part<'r> {
        Schemes(Vec<RawScheme<'r>>),
        Councils(Vec<RawCouncil<'r>>),
    }

    /// The rest of the dataset, kept by the parser.
    #[derive(Default)]
    pub(super) struct Rest<'r> {
        pub title: Option<Text<'r>>,
        pub description: Option<Text<'r>>,
        pub summaries: Vec<RawSummary<'r>>,
        pub sources: Vec<RawSource<'r>>,
    }

    #[derive(serde::Deserialize, Clone, Copy)]
    #[serde(field_identifier, rename_all = "snake_case")]
    enum Field {
        Title,
        Description,
        Schemes,
        Councils,
        Summaries,
        Sources,
    }

    const FIELDS: &[&str] = &[
        "title",
        "description",
        "schemes",
        "councils",
        "summaries",
        "sources",
    ];

    /// Councils sent at a time: few enough to still be in cache when converted.
    const BATCH: usize = 64;

    /// Not an error in the file: this way of reading it gives up.
    const GIVE_UP: &str = "read the thorough way";

    pub(super) struct DatasetSeed<'f, 'r> {
        pub tx: SyncSender<Part<'r>>,
        pub failed: &'f AtomicBool,
    }

    impl<'de> DeserializeSeed<'de> for DatasetSeed<'_, 'de> {
        type Value = Rest<'de>;
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Rest<'de>, D::Error> {
            d.deserialize_struct("Dataset", FIELDS, self)
        }
    }

    impl<'de> Visitor<'de> for DatasetSeed<'_, 'de> {
        type Value = Rest<'de>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a dataset")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Rest<'de>, A::Error> {
            let mut rest = Rest::default();
            let mut seen = [false; FIELDS.len()];
            while let Some(field) = map.next_key::<Field>()? {
                if std::mem::replace(&mut seen[field as usize], true) {
                    return Err(A::Error::custom(GIVE_UP));
                }
                match field {
                    Field::Title => rest.title = Some(map.next_value()?),
                    Field::Description => rest.description = map.next_value()?,
                    Field::Schemes => {
                        let schemes = map.next_value()?;
                        self.tx
                            .send(Part::Schemes(schemes))
                            .map_err(|_| A::Error::custom(GIVE_UP))?;
                    }
                    Field::Councils => {
                        if !seen[Field::Schemes as usize] {
                            return Err(A::Error::custom(GIVE_UP));
                        }
                        map.next_value_seed(Councils {
                            tx: &self.tx,
                            failed: self.failed,
                        })?;
                    }
                    Field::Summaries => rest.summaries = map.next_value()?,
                    Field::Sources => rest.sources = map.next_value()?,
                }
            }
            if !(seen[Field::Title as usize] && seen[Field::Councils as usize]) {
                return Err(A::Error::custom(GIVE_UP));
            }
            Ok(rest)
        }
    }

    struct Councils<'s, 'f, 'r> {
        tx: &'s SyncSender<Part<'r>>,
        failed: &'f AtomicBool,
    }

    impl<'de> DeserializeSeed<'de> for Councils<'_, '_, 'de> {
        type Value = ();
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de> Visitor<'de> for Councils<'_, '_, 'de> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of councils")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut batch = Vec::with_capacity(BATCH);
            let give_up = |_| A::Error::custom(GIVE_UP);
            while let Some(council) = seq.next_element::<RawCouncil<'de>>()? {
                crate::data::progress::parsed(&council.id);
                batch.push(council);
                if batch.len() == BATCH {
                    if self.failed.load(Ordering::Relaxed) {
                        return Err(A::Error::custom(GIVE_UP));
                    }
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    self.tx.send(Part::Councils(full)).map_err(give_up)?;
                }
            }
            if !batch.is_empty() {
                self.tx.send(Part::Councils(batch)).map_err(give_up)?;
            }
            Ok(())
        }
    }
}

/// A RON syntax or shape error in `text` as one positioned sentence; shared by every
/// RON file trajex reads (the dataset, the config).
pub fn syntax_problem(text: &str, error: &ron::error::SpannedError) -> Problem {
    let lines = LineIndex::new(text);
    let (line, col) = (error.span.start.line.max(1), error.span.start.col.max(1));
    match unclosed_string(text, lines.offset(text, line, col)) {
        Some(open) if !matches!(error.code, ron::Error::NoSuchStructField { .. }) => {
            let (l, c) = lines.position(text, open);
            Problem {
                line: l,
                col: c,
                message: "unterminated string: a closing `\"` is missing".to_owned(),
            }
        }
        _ => Problem {
            line,
            col,
            message: syntax_message(&error.code),
        },
    }
}

/// A problem found after parsing, at byte `offset` of `text`.
pub fn problem_at(text: &str, offset: usize, message: String) -> Problem {
    let (line, col) = LineIndex::new(text).position(text, offset);
    Problem { line, col, message }
}

/// Turns RON's error into one sentence a dataset author can act on.
fn syntax_message(code: &ron::Error) -> String {
    use ron::Error as E;
    let outer = |outer: &Option<String>| {
        outer
            .as_deref()
            .map(|o| format!(" in {o}"))
            .unwrap_or_default()
    };
    match code {
        E::NoSuchStructField {
            expected,
            found,
            outer: o,
        } => format!(
            "unknown field `{found}`{}; expected one of: {}",
            outer(o),
            expected.join(", ")
        ),
        E::MissingStructField { field, outer: o } => format!("missing field `{field}`{}", outer(o)),
        E::DuplicateStructField { field, outer: o } => {
            format!("field `{field}` is given twice{}", outer(o))
        }
        E::NoSuchEnumVariant {
            expected, found, ..
        } => {
            format!(
                "unknown name `{found}`; expected one of: {}",
                expected.join(", ")
            )
        }
        E::ExpectedStringEnd => "unterminated string: a closing `\"` is missing".to_owned(),
        E::Eof => "the file ends too early: a closing bracket or quote is missing".to_owned(),
        E::ExceededRecursionLimit => "the file nests too deeply to be a dataset".to_owned(),
        E::ExpectedDifferentStructName { expected, found } => {
            format!("expected `{expected}` here, found `{found}`")
        }
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => format!("syntax error: {}{}", first.to_lowercase(), chars.as_str()),
                None => "syntax error".to_owned(),
            }
        }
    }
}

/// The opening quote of the last string before `offset` that runs across a line
/// break: where a missing closing quote usually is, since RON reads on to the next
/// quote and reports the error far below.
fn unclosed_string(text: &str, offset: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut i, mut found) = (0, None);
    while i < offset.min(bytes.len()) {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if i >= bytes.len() || text[start..i].contains('\n') {
                    found = Some(start);
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// The schemes as converted, with what resolving them still needs.
struct SchemeTable<'r> {
    schemes: Vec<Scheme>,
    scheme_ix: HashMap<Cow<'r, str>, u16, Fast>,
    /// Each scheme's `source`: the scheme, the id, where the scheme is.
    sources: Vec<(usize, Text<'r>, At)>,
}

/// Byte offset to line and column.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    fn offset(&self, text: &str, line: usize, col: usize) -> usize {
        let start = self.starts.get(line - 1).copied().unwrap_or(text.len());
        text[start..]
            .char_indices()
            .nth(col - 1)
            .map_or(text.len(), |(i, _)| start + i)
    }

    fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line, col)
    }
}

/// A place in the file: the byte offset of a borrowed string, when there is one.
#[derive(Clone, Copy, Debug)]
struct At(Option<usize>);

impl At {
    fn or(self, other: At) -> At {
        At(self.0.or(other.0))
    }
}

struct Checker<'t> {
    text: &'t str,
    /// Built at the first problem or warning: most files have none.
    lines: std::cell::OnceCell<LineIndex>,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
    /// Ratings converted so far that name no source.
    unsourced: usize,
}

impl<'t> Checker<'t> {
    fn new(text: &'t str) -> Self {
        Checker {
            text,
            lines: std::cell::OnceCell::new(),
            problems: Vec::new(),
            warnings: Vec::new(),
            unsourced: 0,
        }
    }

    /// Where `s` sits in the source, if it was borrowed from it. RON strings point past
    /// their opening quote; report the quote, where the value starts.
    fn at(&self, s: &Text<'_>) -> At {
        let Cow::Borrowed(s) = &s.0 else {
            return At(None);
        };
        let base = self.text.as_ptr() as usize;
        let p = s.as_ptr() as usize;
        if p >= base && p <= base + self.text.len() {
            let offset = p - base;
            let quoted = offset > 0 && self.text.as_bytes()[offset - 1] == b'"';
            At(Some(if quoted { offset - 1 } else { offset }))
        } else {
            At(None)
        }
    }

    fn problem_at(&self, at: At, message: String) -> Problem {
        let lines = self.lines.get_or_init(|| LineIndex::new(self.text));
        let (line, col) = at.0.map_or((1, 1), |o| lines.position(self.text, o));
        Problem { line, col, message }
    }

    fn error(&mut self, at: At, message: impl Into<String>) {
        let p = self.problem_at(at, message.into());
        self.problems.push(p);
    }

    fn warn(&mut self, at: At, message: impl Into<String>) {
        let p = self.problem_at(at, message.into());
        self.warnings.push(p);
    }

    fn date(&mut self, text: &Text<'_>, at: At) -> Option<Date> {
        match Date::parse(text) {
            Ok(d) => Some(d),
            Err(e) => {
                self.error(at, e.to_string());
                None
            }
        }
    }

    /// Converts councils whose ids are already checked: their ratings resolved against
    /// the schemes and sources, each named council kept in `references` for a warning.
    fn councils<'r>(
        &mut self,
        councils: Vec<RawCouncil<'r>>,
        tables: &Tables<'_, 'r>,
        sources: &mut SourceIds<'_, 'r>,
        references: &mut Vec<(Cow<'r, str>, At)>,
        out: &mut Vec<Council>,
    ) {
        out.reserve(councils.len());
        for c in councils {
            let at = self.at(&c.id);
            let ended = c.ended.as_ref().and_then(|e| {
                let eat = self.at(e).or(at);
                self.date(e, eat)
            });
            let mut ratings = Vec::with_capacity(c.ratings.len());
            let mut seen = Seen::default();
            for r in &c.ratings {
                let rat = self.at(&r.scheme).or(at);
                let Some(&scheme) = tables.scheme_ix.get(&*r.scheme) else {
                    self.error(
                        rat,
                        format!("scheme \"{}\" is not defined in `schemes`", r.scheme),
                    );
                    continue;
                };
                let dat = self.at(&r.date).or(rat);
                let date = self.date(&r.date, dat);
                let def = &tables.schemes[usize::from(scheme)];
                let grade = match (&r.level, r.value, &def.scale) {
                    (Some(_), Some(_), _) => {
                        self.error(rat, "a rating has either a `level` or a `value`, not both");
                        None
                    }
                    (Some(level), None, Scale::Ordinal(levels)) => {
                        match levels.iter().position(|l| l.as_str() == &**level) {
                            Some(rank) => Some(Grade::Level(rank as u8)),
                            None => {
                                let lat = self.at(level).or(rat);
                                let msg = format!(
                                    "level \"{level}\" is not a level of scheme \"{}\" ({})",
                                    def.id,
                                    levels.join(", ")
                                );
                                self.error(lat, msg);
                                None
                            }
                        }
                    }
                    (Some(level), None, Scale::Numeric { .. }) => {
                        let lat = self.at(level).or(rat);
                        let msg = format!(
                            "scheme \"{}\" is numeric: give a `value`, not a `level`",
                            def.id
                        );
                        self.error(lat, msg);
                        None
                    }
                    (None, Some(_), Scale::Ordinal(_)) => {
                        let msg = format!(
                            "scheme \"{}\" has named levels: give a `level`, not a `value`",
                            def.id
                        );
                        self.error(rat, msg);
                        None
                    }
                    (None, Some(v), Scale::Numeric { .. }) if !v.is_finite() => {
                        self.error(rat, format!("value {v} is not a finite number"));
                        None
                    }
                    (None, Some(v), Scale::Numeric { .. }) => Some(Grade::Value(v)),
                    (None, None, _) => Some(Grade::Ungraded),
                };
                let source = match sources {
                    SourceIds::Known(source_ix) => self.source_ref(source_ix, &r.source, rat),
                    SourceIds::Pending(pending) => r.source.as_ref().map(|id| {
                        let next = pending.len() as u32;
                        *pending.entry(id.0.clone()).or_insert(next)
                    }),
                };
                if let Some(date) = date {
                    if let Some(end) = ended
                        && date >= end
                    {
                        let msg = format!(
                            "a rating dated {date} comes on or after the council's end ({end})"
                        );
                        self.error(dat, msg);
                    }
                    if !seen.insert((scheme, date)) {
                        let msg = format!(
                            "council \"{}\" has two ratings in scheme \"{}\" dated {date}",
                            c.id, r.scheme
                        );
                        self.error(dat, msg);
                    }
                    if let Some(grade) = grade {
                        self.unsourced += usize::from(source.is_none());
                        ratings.push(Rating {
                            scheme,
                            date,
                            grade,
                            note: r.note.as_ref().map(|n| n.to_string()),
                            source,
                        });
                    }
                }
            }
            ratings.sort_by(|a, b| a.date.cmp(&b.date).then(a.scheme.cmp(&b.scheme)));
            for id in c.neighbours.iter().chain(&c.succeeded_by) {
                references.push((id.0.clone(), self.at(id).or(at)));
            }
            out.push(Council {
                id: c.id.0.into_owned(),
                name: c.name.0.into_owned(),
                code: c.code.map(owned),
                aliases: c.aliases.into_iter().map(owned).collect(),
                region: c.region.map(owned),
                kind: c.kind.map(owned),
                neighbours: c.neighbours.into_iter().map(owned).collect(),
                succeeded_by: c.succeeded_by.into_iter().map(owned).collect(),
                ended,
                started: None,
                ratings,
            });
        }
    }

    /// The index of source `id`, reporting an unknown one.
    fn source_ref(
        &mut self,
        source_ix: &HashMap<Cow<'_, str>, u32, Fast>,
        id: &Option<Text<'_>>,
        fallback: At,
    ) -> Option<u32> {
        let id = id.as_ref()?;
        let found = source_ix.get(&**id).copied();
        if found.is_none() {
            let at = self.at(id).or(fallback);
            self.error(at, format!("source \"{id}\" is not defined in `sources`"));
        }
        found
    }

    fn dataset<'r>(&mut self, raw: RawDataset<'r>) -> Dataset {
        let mut out = Dataset {
            title: raw.title.0.into_owned(),
            description: raw.description.map(owned),
            ..Dataset::default()
        };

        // Sources first: everything else refers to them.
        let (sources, source_ix) = self.sources(raw.sources);
        out.sources = sources;
        let SchemeTable {
            schemes,
            scheme_ix,
            sources: scheme_sources,
        } = self.schemes(raw.schemes);
        out.schemes = schemes;
        self.scheme_sources(&mut out.schemes, scheme_sources, &source_ix);

        let mut council_ids: HashSet<Cow<'r, str>, Fast> = HashSet::default();
        for c in &raw.councils {
            self.council_id(c, &mut council_ids);
        }
        let tables = Tables {
            schemes: &out.schemes,
            scheme_ix: &scheme_ix,
        };
        let mut councils = raw.councils;
        let mut references = Vec::new();
        if councils.len() < PARALLEL_COUNCILS {
            let mut known = SourceIds::Known(&source_ix);
            self.councils(
                councils,
                &tables,
                &mut known,
                &mut references,
                &mut out.councils,
            );
        } else {
            // Two halves on two threads; problems are sorted at the end either way.
            let second = councils.split_off(councils.len() / 2);
            let text = self.text;
            let (mut rest, mut more, helper) = std::thread::scope(|scope| {
                let tables = &tables;
                let source_ix = &source_ix;
                let other = scope.spawn(move || {
                    let mut helper = Checker::new(text);
                    let mut references = Vec::new();
                    let mut converted = Vec::new();
                    let mut known = SourceIds::Known(source_ix);
                    helper.councils(second, tables, &mut known, &mut references, &mut converted);
                    (converted, references, helper)
                });
                let mut known = SourceIds::Known(source_ix);
                self.councils(
                    councils,
                    tables,
                    &mut known,
                    &mut references,
                    &mut out.councils,
                );
                match other.join() {
                    Ok(done) => done,
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            });
            out.councils.append(&mut rest);
            references.append(&mut more);
            self.problems.extend(helper.problems);
            self.warnings.extend(helper.warnings);
            self.unsourced += helper.unsourced;
        }
        self.references(references, &council_ids);
        out.summaries = self.summaries(raw.summaries, &out.schemes, &scheme_ix, &source_ix);
        self.unsourced_warning();
        out
    }

    /// The sources, and each id's index.
    fn sources<'r>(
        &mut self,
        raw: Vec<RawSource<'r>>,
    ) -> (Vec<Source>, HashMap<Cow<'r, str>, u32, Fast>) {
        let mut sources = Vec::new();
        // Keys borrow from the text (a `Cow` clone copies no string).
        let mut source_ix: HashMap<Cow<'r, str>, u32, Fast> = HashMap::default();
        for s in raw {
            let at = self.at(&s.id);
            if source_ix.contains_key(&*s.id) {
                self.error(at, format!("source id \"{}\" is used twice", s.id));
                continue;
            }
            if s.id.is_empty() {
                self.error(at, "a source id must not be empty");
            }
            let date = s.date.as_ref().and_then(|d| {
                let at = self.at(d).or(at);
                self.date(d, at)
            });
            source_ix.insert(s.id.0.clone(), sources.len() as u32);
            sources.push(Source {
                id: s.id.0.into_owned(),
                title: s.title.0.into_owned(),
                publisher: s.publisher.map(owned),
                date,
                url: s.url.map(owned),
            });
        }

        (sources, source_ix)
    }

    /// The schemes, and each id's index.
    fn schemes<'r>(&mut self, raw: Vec<RawScheme<'r>>) -> SchemeTable<'r> {
        let mut schemes: Vec<Scheme> = Vec::new();
        let mut sources = Vec::new();
        let mut scheme_ix: HashMap<Cow<'r, str>, u16, Fast> = HashMap::default();
        let mut parents = Vec::new();
        for s in raw {
            let at = self.at(&s.id);
            let rounds = self.rounds(&s, at);
            if scheme_ix.contains_key(&*s.id) {
                self.error(at, format!("scheme id \"{}\" is used twice", s.id));
                continue;
            }
            if s.id.is_empty() {
                self.error(at, "a scheme id must not be empty");
            }
            let scale = match s.scale {
                RawScale::Ordinal(levels) => {
                    if levels.is_empty() {
                        self.error(at, format!("scheme \"{}\" has no levels", s.id));
                    }
                    if levels.len() > usize::from(u8::MAX) {
                        self.error(at, format!("scheme \"{}\" has more than 255 levels", s.id));
                    }
                    let mut seen: HashSet<&str> = HashSet::new();
                    for level in &levels {
                        if !seen.insert(&**level) {
                            let lat = self.at(level).or(at);
                            self.error(
                                lat,
                                format!("level \"{level}\" appears twice in scheme \"{}\"", s.id),
                            );
                        }
                    }
                    Scale::Ordinal(levels.into_iter().map(owned).collect())
                }
                RawScale::Numeric { unit, better } => Scale::Numeric {
                    unit: unit.0.into_owned(),
                    better: match better {
                        RawBetter::Higher => Better::Higher,
                        RawBetter::Lower => Better::Lower,
                    },
                },
            };
            let until = s.until.as_ref().and_then(|u| {
                let uat = self.at(u).or(at);
                self.date(u, uat)
            });
            let mut eras = Vec::new();
            for (name, start) in &s.eras {
                let eat = self.at(start).or(at);
                if let Some(start) = self.date(start, eat) {
                    eras.push(Era {
                        name: name.to_string(),
                        start,
                    });
                }
            }
            eras.sort_by_key(|e| e.start);
            if let (Some(&last), Some(end)) = (rounds.last(), until)
                && last >= end
            {
                let rat = s.rounds.last().map_or(at, |r| self.at(r).or(at));
                self.error(
                    rat,
                    format!("round {last} is not before the scheme's end ({end})"),
                );
            }
            if let Some(source) = &s.source {
                sources.push((schemes.len(), source.clone(), at));
            }
            if let Some(parent) = &s.parent {
                parents.push((schemes.len(), parent.to_string(), self.at(parent).or(at)));
            }
            scheme_ix.insert(s.id.0.clone(), schemes.len() as u16);
            schemes.push(Scheme {
                id: s.id.0.into_owned(),
                name: s.name.0.into_owned(),
                body: s.body.0.into_owned(),
                parent: None,
                scale,
                until,
                eras,
                rounds,
                source: None,
                note: s.note.map(owned),
            });
            if schemes.len() > usize::from(u16::MAX) {
                self.error(at, "a dataset may hold at most 65535 schemes");
                break;
            }
        }
        let mut resolved = Vec::new();
        for (child, parent, at) in parents {
            match scheme_ix.get(parent.as_str()) {
                None => self.error(
                    at,
                    format!("parent scheme \"{parent}\" is not defined in `schemes`"),
                ),
                Some(&p) if usize::from(p) == child => {
                    self.error(at, "a scheme cannot be its own parent")
                }
                Some(&p) => {
                    schemes[child].parent = Some(p);
                    resolved.push((p, at));
                }
            }
        }
        for (p, at) in resolved {
            if schemes[usize::from(p)].parent.is_some() {
                let parent = &schemes[usize::from(p)].id;
                self.error(at, format!("parent scheme \"{parent}\" is itself a sub-judgement: only one level of nesting is allowed"));
            }
        }

        SchemeTable {
            schemes,
            scheme_ix,
            sources,
        }
    }

    /// A scheme's rounds: real dates, oldest first.
    fn rounds(&mut self, s: &RawScheme<'_>, at: At) -> Vec<Date> {
        let mut rounds: Vec<Date> = Vec::with_capacity(s.rounds.len());
        for round in &s.rounds {
            let rat = self.at(round).or(at);
            let Some(date) = self.date(round, rat) else {
                continue;
            };
            if let Some(&before) = rounds.last()
                && date <= before
            {
                self.error(
                    rat,
                    format!("round {date} must come after round {before}: list rounds oldest first, each once"),
                );
            }
            rounds.push(date);
        }
        rounds
    }

    /// Resolves each scheme's `source` once the sources are known.
    fn scheme_sources(
        &mut self,
        schemes: &mut [Scheme],
        refs: Vec<(usize, Text<'_>, At)>,
        source_ix: &HashMap<Cow<'_, str>, u32, Fast>,
    ) {
        for (scheme, id, at) in refs {
            schemes[scheme].source = self.source_ref(source_ix, &Some(id), at);
        }
    }

    /// Checks council `c`'s id, adding it to `ids`.
    fn council_id<'r>(&mut self, c: &RawCouncil<'r>, ids: &mut HashSet<Cow<'r, str>, Fast>) {
        let at = self.at(&c.id);
        if c.id.is_empty()
            || !c
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            self.error(
                at,
                format!(
                    "council id \"{}\" must be lowercase letters, digits and `-`",
                    c.id
                ),
            );
        }
        if !ids.insert(c.id.0.clone()) {
            self.error(at, format!("council id \"{}\" is used twice", c.id));
        }
    }

    /// Warns of each council named in another but not in the file.
    fn references(
        &mut self,
        references: Vec<(Cow<'_, str>, At)>,
        ids: &HashSet<Cow<'_, str>, Fast>,
    ) {
        for (id, at) in references {
            if !ids.contains(&*id) {
                self.warn(
                    at,
                    format!("council \"{id}\" is named but not in this file; ignored"),
                );
            }
        }
    }

    /// The national summaries.
    fn summaries(
        &mut self,
        raw: Vec<RawSummary<'_>>,
        schemes: &[Scheme],
        scheme_ix: &HashMap<Cow<'_, str>, u16, Fast>,
        source_ix: &HashMap<Cow<'_, str>, u32, Fast>,
    ) -> Vec<Summary> {
        let mut summaries = Vec::new();
        for s in raw {
            let at = self.at(&s.scheme);
            let Some(&scheme) = scheme_ix.get(&*s.scheme) else {
                self.error(
                    at,
                    format!("scheme \"{}\" is not defined in `schemes`", s.scheme),
                );
                continue;
            };
            let dat = self.at(&s.date).or(at);
            let date = self.date(&s.date, dat);
            let levels = schemes[usize::from(scheme)].levels().to_vec();
            let mut counts = vec![None; levels.len()];
            let mut shares = vec![None; levels.len()];
            let rank_of = |check: &mut Self, level: &Text<'_>| {
                let rank = levels.iter().position(|l| l.as_str() == &**level);
                if rank.is_none() {
                    let lat = check.at(level).or(at);
                    check.error(
                        lat,
                        format!(
                            "level \"{level}\" is not a level of scheme \"{}\"",
                            s.scheme
                        ),
                    );
                }
                rank
            };
            for (level, count) in &s.counts {
                if let Some(rank) = rank_of(self, level) {
                    counts[rank] = Some(*count);
                }
            }
            for (level, share) in &s.shares {
                if let Some(rank) = rank_of(self, level) {
                    if share.is_finite() && (0.0..=100.0).contains(share) {
                        shares[rank] = Some(*share);
                    } else {
                        let lat = self.at(level).or(at);
                        self.error(
                            lat,
                            format!("share {share} is not a percentage from 0 to 100"),
                        );
                    }
                }
            }
            let source = self.source_ref(source_ix, &s.source, at);
            if let Some(date) = date {
                summaries.push(Summary {
                    scheme,
                    date,
                    total: s.total,
                    counts,
                    shares,
                    source,
                    note: s.note.map(owned),
                });
            }
        }

        summaries
    }

    /// The warning for ratings that name no source, if there are any.
    fn unsourced_warning(&mut self) {
        if self.unsourced > 0 {
            self.warnings.push(Problem {
                line: 1,
                col: 1,
                message: format!("{} rating(s) name no source", self.unsourced),
            });
        }
    }
}

/// Councils past which validation runs on two threads.
const PARALLEL_COUNCILS: usize = 2000;

/// What a council's ratings are checked against.
struct Tables<'s, 'r> {
    schemes: &'s [Scheme],
    scheme_ix: &'s HashMap<Cow<'r, str>, u16, Fast>,
}

/// How ratings' sources become indices: looked up in the sources already read, or,
/// while the sources are still to come, numbered in order of first use (resolved
/// once they are read).
enum SourceIds<'s, 'r> {
    Known(&'s HashMap<Cow<'r, str>, u32, Fast>),
    Pending(HashMap<Cow<'r, str>, u32, Fast>),
}

/// A quick hash for the loader's own tables (ids it has just read), where SipHash's
/// guard against chosen keys buys nothing and costs a tenth of a large load.
#[derive(Default)]
struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut w = [0; 8];
            w.copy_from_slice(word);
            self.add(u64::from_le_bytes(w));
        }
        for &b in words.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u16(&mut self, n: u16) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

type Fast = std::hash::BuildHasherDefault<FastHasher>;

/// The (scheme, date) pairs of one council's ratings seen so far: a list for the usual
/// handful, a hash set past that.
#[derive(Default)]
struct Seen {
    few: Vec<(u16, Date)>,
    many: HashSet<(u16, Date), Fast>,
}

impl Seen {
    /// Adds a pair; `false` when it was already there.
    fn insert(&mut self, pair: (u16, Date)) -> bool {
        if !self.many.is_empty() {
            return self.many.insert(pair);
        }
        if self.few.contains(&pair) {
            return false;
        }
        self.few.push(pair);
        if self.few.len() > 32 {
            self.many.extend(self.few.drain(..));
        }
        true
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid dataset in DESIGN's shape; each test breaks one thing in it.
    const GOOD: &str = r#"Dataset(
    title: "t",
    schemes: [
        Scheme(id: "stars", name: "Stars", body: "CSCI", scale: Ordinal(["0 stars", "1 star"]), until: Some("2009-04"), rounds: ["2002-05-30", "2002-11"], source: "r", note: "n"),
        Scheme(id: "caseload", name: "Caseload", body: "Council", scale: Numeric(unit: "children", better: Lower)),
    ],
    councils: [
        Council(id: "th", name: "Tower Hamlets", neighbours: ["nowhere"], ended: "2021-04", ratings: [
            Rating(scheme: "stars", date: "2002-05", level: "1 star", source: "cc"),
            Rating(scheme: "caseload", date: "2017-04", value: 25.0, source: Some("cc")),
        ]),
    ],
    summaries: [Summary(scheme: "stars", date: "2002-05", shares: {"1 star": 40.0}, counts: {"0 stars": 10})],
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

    #[test]
    fn the_fixture_loads_and_warns_about_an_unknown_neighbour() {
        let loaded = parse(GOOD, "x.ron").unwrap();
        assert_eq!(loaded.dataset.rating_count(), 2);
        assert_eq!(
            loaded.warnings,
            ["x.ron:8:63: council \"nowhere\" is named but not in this file; ignored"]
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
                "x.ron:9:61: level \"4 stars\" is not a level of scheme \"stars\"",
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
                "x.ron:13:68: level \"2 stars\" is not a level of scheme \"stars\"",
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
            "x.ron:10:43: council \"th\" has two ratings in scheme \"stars\" dated 2002-05"
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
        let bytes = crate::export::render(&data, &all, crate::export::Format::Ron).unwrap();
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
}
