//! The dataset's rules: the raw records converted into the model, every broken rule
//! reported at the value at fault, and what is allowed but worth a look kept as a
//! warning. The records may come from a RON file or a CSV's rows (`import`): a
//! [`Locate`] says where a value sits in the file it came from.
//!
//! The tables here are keyed on ids just read from the file, so they hash with
//! `rustc-hash` (FxHash): SipHash's guard against chosen keys buys nothing for them and
//! cost about a tenth of a large load.

use std::borrow::Cow;
use std::collections::HashSet;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Problem, Severity, owned};
use crate::data::date::Date;
use crate::data::model::{
    Better, Council, Dataset, Era, Grade, LevelSet, Rating, Scale, Scheme, Source, Summary,
};
use crate::data::raw::{
    RawBetter, RawCouncil, RawDataset, RawScale, RawScheme, RawSource, RawSummary, Text,
};

/// The schemes as converted, with what resolving them still needs.
pub(super) struct SchemeTable<'r> {
    pub schemes: Vec<Scheme>,
    pub scheme_ix: FxHashMap<Cow<'r, str>, u16>,
    /// Each scheme's `source`: the scheme, the id, where the scheme is.
    pub sources: Vec<(usize, Text<'r>, At)>,
}

/// A place in the file, numbered as the file's [`Locate`] numbers places (a byte
/// offset in a RON text, a cell of a CSV); `None` for a value not read from the file.
#[derive(Clone, Copy, Debug)]
pub(crate) struct At(pub(crate) Option<usize>);

impl At {
    fn or(self, other: At) -> At {
        At(self.0.or(other.0))
    }
}

/// Where a place is, as a problem reports it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Place {
    pub line: usize,
    pub col: usize,
    /// The CSV column, for a file that has columns.
    pub column: Option<&'static str>,
}

/// How the checker finds where a value it reports was written: the file the raw
/// records were read from (a RON text, a CSV's cells) knows where its strings sit.
pub(crate) trait Locate: Sync {
    /// The place of `s`, when it is a slice of the file's text.
    fn at(&self, s: &str) -> At;

    /// The place of the value of the rating whose scheme is at `scheme`: a number has
    /// no text to point at, so a RON file gives the rating's scheme itself.
    fn value_of(&self, scheme: At) -> At {
        scheme
    }

    /// The line and column of `at`; the file's start when it is unknown.
    fn place(&self, at: At) -> Place;
}

/// How problems name where the schemes and sources a record names are defined.
pub(crate) struct Definitions {
    /// "`schemes`" in a dataset file; the catalogue an import takes them from.
    pub schemes: Cow<'static, str>,
    /// "`sources`" in a dataset file; for an import, the catalogue and the rows that
    /// could have made the source ("… and no row gives its source_url to make one from").
    pub sources: Cow<'static, str>,
    /// Whether a scheme that is not found, and is near no id, lists the schemes there
    /// are (once): a file made for another catalogue misses on every row.
    pub list_schemes: bool,
}

/// A dataset file, which defines its own schemes and sources.
pub(crate) const IN_THE_FILE: Definitions = Definitions {
    schemes: Cow::Borrowed("`schemes`"),
    sources: Cow::Borrowed("`sources`"),
    list_schemes: false,
};

pub(crate) struct Checker<'t, L: Locate> {
    locate: &'t L,
    defined: &'t Definitions,
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
    /// Ratings converted so far that name no source.
    pub unsourced: usize,
    /// Whether a problem has listed the schemes yet.
    schemes_listed: bool,
}

impl<'t, L: Locate> Checker<'t, L> {
    pub fn new(locate: &'t L, defined: &'t Definitions) -> Self {
        Checker {
            locate,
            defined,
            problems: Vec::new(),
            warnings: Vec::new(),
            unsourced: 0,
            schemes_listed: false,
        }
    }

    /// Where `s` was written, if it was borrowed from the file.
    pub fn at(&self, s: &Text<'_>) -> At {
        match &s.0 {
            Cow::Borrowed(s) => self.locate.at(s),
            Cow::Owned(_) => At(None),
        }
    }

    fn problem_at(&self, at: At, severity: Severity, message: String) -> Problem {
        let Place { line, col, column } = self.locate.place(at);
        Problem {
            line,
            col,
            column: column.map(Cow::Borrowed),
            severity,
            message,
        }
    }

    fn error(&mut self, at: At, message: impl Into<String>) {
        let p = self.problem_at(at, Severity::Error, message.into());
        self.problems.push(p);
    }

    pub fn warn(&mut self, at: At, message: impl Into<String>) {
        let p = self.problem_at(at, Severity::Warning, message.into());
        self.warnings.push(p);
    }

    /// A warning at the first control, bidi or zero-width character in `text` (the
    /// `what` of a record at `fallback`): trajex shows such characters escaped, never
    /// obeys them, but a name that reorders itself or hides a character deserves a look.
    pub fn hidden_characters(&mut self, text: &Text<'_>, fallback: At, what: &str) {
        // Printable ASCII, nearly every string, holds none.
        if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            return;
        }
        let Some((offset, c)) = text
            .char_indices()
            .find(|&(_, c)| crate::text::is_hidden(c))
        else {
            return;
        };
        let at = match &text.0 {
            Cow::Borrowed(s) => self.locate.at(&s[offset..]).or(fallback),
            Cow::Owned(_) => fallback,
        };
        let kind = if c.is_control() {
            "control"
        } else if matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}') {
            "zero-width"
        } else {
            "bidi"
        };
        let count = text.chars().filter(|&c| crate::text::is_hidden(c)).count();
        let more = if count > 1 {
            format!(" (and {} more)", count - 1)
        } else {
            String::new()
        };
        let message = format!(
            "{what} \"{}\" holds the {kind} character U+{:04X}{more}; it is shown escaped, never obeyed",
            crate::text::visible(text),
            u32::from(c)
        );
        self.warn(at, message);
    }

    /// Scheme `id` is not among `schemes`: said so, with the nearest id when one is
    /// near, else (where asked, once) the ids there are.
    fn unknown_scheme(&mut self, id: &str, schemes: &[Scheme]) -> String {
        let ids = schemes.iter().map(|s| s.id.as_str());
        let best = ids
            .clone()
            .map(|s| (strsim::jaro_winkler(s, id), s))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let hint = match best {
            Some((score, near)) if score > 0.85 => format!("; did you mean \"{near}\"?"),
            _ if !self.defined.list_schemes || self.schemes_listed => String::new(),
            None => "; it defines no schemes".to_owned(),
            Some(_) => {
                self.schemes_listed = true;
                format!("; its schemes are {}", ids.collect::<Vec<_>>().join(", "))
            }
        };
        format!(
            "scheme \"{id}\" is not defined in {}{hint}",
            self.defined.schemes
        )
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
    pub fn councils<'r>(
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
            let name_at = self.at(&c.name).or(at);
            self.hidden_characters(&c.name, name_at, "council name");
            for text in c
                .aliases
                .iter()
                .chain(&c.region)
                .chain(&c.kind)
                .chain(&c.code)
            {
                let tat = self.at(text).or(at);
                self.hidden_characters(text, tat, "council text");
            }
            let ended = c.ended.as_ref().and_then(|e| {
                let eat = self.at(e).or(at);
                self.date(e, eat)
            });
            let mut ratings = Vec::with_capacity(c.ratings.len());
            let mut seen = Seen::default();
            for r in &c.ratings {
                let rat = self.at(&r.scheme).or(at);
                let Some(&scheme) = tables.scheme_ix.get(&*r.scheme) else {
                    let message = self.unknown_scheme(&r.scheme, tables.schemes);
                    self.error(rat, message);
                    continue;
                };
                let dat = self.at(&r.date).or(rat);
                if let Some(note) = &r.note {
                    let nat = self.at(note).or(rat);
                    self.hidden_characters(note, nat, "rating note");
                }
                let date = self.date(&r.date, dat);
                let def = &tables.schemes[usize::from(scheme)];
                let grade = match (&r.level, r.value, &def.scale) {
                    (Some(_), Some(_), _) => {
                        let vat = self.locate.value_of(rat);
                        self.error(vat, "a rating has either a `level` or a `value`, not both");
                        None
                    }
                    (Some(level), None, Scale::Ordinal(levels)) => {
                        match levels.iter().position(|l| l.as_str() == &**level) {
                            Some(rank) => Some(Grade::Level(rank as u8)),
                            None => {
                                let lat = self.at(level).or(rat);
                                let msg = format!(
                                    "\"{level}\" is not a level of scheme \"{}\" ({})",
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
                        self.error(self.locate.value_of(rat), msg);
                        None
                    }
                    (None, Some(v), Scale::Numeric { .. }) if !v.is_finite() => {
                        let vat = self.locate.value_of(rat);
                        self.error(vat, format!("value {v} is not a finite number"));
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
                    if let Some(first) = seen.insert((scheme, date), dat) {
                        let other = match first.0 {
                            Some(_) => {
                                format!(" (the other on line {})", self.locate.place(first).line)
                            }
                            None => String::new(),
                        };
                        let msg = format!(
                            "council \"{}\" has two ratings in scheme \"{}\" dated {date}{other}",
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
        source_ix: &FxHashMap<Cow<'_, str>, u32>,
        id: &Option<Text<'_>>,
        fallback: At,
    ) -> Option<u32> {
        let id = id.as_ref()?;
        let found = source_ix.get(&**id).copied();
        if found.is_none() {
            let at = self.at(id).or(fallback);
            let message = format!("source \"{id}\" is not defined in {}", self.defined.sources);
            self.error(at, message);
        }
        found
    }

    pub fn dataset<'r>(&mut self, raw: RawDataset<'r>) -> Dataset {
        for text in std::iter::once(&raw.title).chain(&raw.description) {
            let at = self.at(text);
            self.hidden_characters(text, at, "dataset text");
        }
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

        let mut council_ids: FxHashSet<Cow<'r, str>> = FxHashSet::default();
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
            let (locate, defined) = (self.locate, self.defined);
            let (mut rest, mut more, helper) = std::thread::scope(|scope| {
                let tables = &tables;
                let source_ix = &source_ix;
                let other = scope.spawn(move || {
                    let mut helper = Checker::new(locate, defined);
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
    pub fn sources<'r>(
        &mut self,
        raw: Vec<RawSource<'r>>,
    ) -> (Vec<Source>, FxHashMap<Cow<'r, str>, u32>) {
        let mut sources = Vec::new();
        // Keys borrow from the text (a `Cow` clone copies no string).
        let mut source_ix: FxHashMap<Cow<'r, str>, u32> = FxHashMap::default();
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
            let tat = self.at(&s.title).or(at);
            self.hidden_characters(&s.title, tat, "source title");
            if let Some(publisher) = &s.publisher {
                let pat = self.at(publisher).or(at);
                self.hidden_characters(publisher, pat, "source publisher");
            }
            if let Some(url) = &s.url {
                let uat = self.at(url).or(at);
                self.hidden_characters(url, uat, "source url");
                if !crate::text::is_web_url(url) {
                    self.warn(
                        uat,
                        format!(
                            "source url \"{}\" is not an http or https address; it is shown, never linked or copied",
                            crate::text::visible(url)
                        ),
                    );
                }
            }
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
    pub fn schemes<'r>(&mut self, raw: Vec<RawScheme<'r>>) -> SchemeTable<'r> {
        let mut schemes: Vec<Scheme> = Vec::new();
        let mut sources = Vec::new();
        let mut scheme_ix: FxHashMap<Cow<'r, str>, u16> = FxHashMap::default();
        let mut parents = Vec::new();
        for s in raw {
            let at = self.at(&s.id);
            let rounds = self.rounds(&s, at);
            for text in [&s.name, &s.body] {
                let tat = self.at(text).or(at);
                self.hidden_characters(text, tat, "scheme text");
            }
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
            let covered_until = s.covered_until.as_ref().and_then(|u| {
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
                covered_until,
                source: None,
                note: s.note.map(owned),
                tally: Default::default(),
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
    pub fn scheme_sources(
        &mut self,
        schemes: &mut [Scheme],
        refs: Vec<(usize, Text<'_>, At)>,
        source_ix: &FxHashMap<Cow<'_, str>, u32>,
    ) {
        for (scheme, id, at) in refs {
            schemes[scheme].source = self.source_ref(source_ix, &Some(id), at);
        }
    }

    /// Checks council `c`'s id, adding it to `ids`.
    pub fn council_id<'r>(&mut self, c: &RawCouncil<'r>, ids: &mut FxHashSet<Cow<'r, str>>) {
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
    fn references(&mut self, references: Vec<(Cow<'_, str>, At)>, ids: &FxHashSet<Cow<'_, str>>) {
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
    pub fn summaries(
        &mut self,
        raw: Vec<RawSummary<'_>>,
        schemes: &[Scheme],
        scheme_ix: &FxHashMap<Cow<'_, str>, u16>,
        source_ix: &FxHashMap<Cow<'_, str>, u32>,
    ) -> Vec<Summary> {
        let mut summaries = Vec::new();
        for s in raw {
            let at = self.at(&s.scheme);
            let Some(&scheme) = scheme_ix.get(&*s.scheme) else {
                let message = self.unknown_scheme(&s.scheme, schemes);
                self.error(at, message);
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
                        format!("\"{level}\" is not a level of scheme \"{}\"", s.scheme),
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
            let mut sets = Vec::new();
            for set in &s.sets {
                let mut ranks = Vec::new();
                for level in &set.levels {
                    if let Some(rank) = rank_of(self, level) {
                        ranks.push(rank as u8);
                    }
                }
                ranks.sort_unstable();
                if let Some(share) = set.share
                    && !(share.is_finite() && (0.0..=100.0).contains(&share))
                {
                    let lat = self.at(&set.label).or(at);
                    self.error(
                        lat,
                        format!("share {share} is not a percentage from 0 to 100"),
                    );
                }
                sets.push(LevelSet {
                    label: set.label.to_string(),
                    ranks,
                    count: set.count,
                    share: set.share,
                });
            }
            let source = self.source_ref(source_ix, &s.source, at);
            if let Some(date) = date {
                summaries.push(Summary {
                    scheme,
                    date,
                    total: s.total,
                    counts,
                    shares,
                    sets,
                    unrated: s.unrated,
                    source,
                    note: s.note.map(owned),
                });
            }
        }

        summaries
    }

    /// The warning for ratings that name no source, if there are any.
    pub fn unsourced_warning(&mut self) {
        if self.unsourced > 0 {
            let message = format!("{} rating(s) name no source", self.unsourced);
            self.warn(At(None), message);
        }
    }
}

/// Councils past which validation runs on two threads.
pub(super) const PARALLEL_COUNCILS: usize = 2000;

/// What a council's ratings are checked against.
pub(super) struct Tables<'s, 'r> {
    pub schemes: &'s [Scheme],
    pub scheme_ix: &'s FxHashMap<Cow<'r, str>, u16>,
}

/// How ratings' sources become indices: looked up in the sources already read, or,
/// while the sources are still to come, numbered in order of first use (resolved
/// once they are read).
pub(super) enum SourceIds<'s, 'r> {
    Known(&'s FxHashMap<Cow<'r, str>, u32>),
    Pending(FxHashMap<Cow<'r, str>, u32>),
}

/// The (scheme, date) pairs of one council's ratings seen so far: a list for the usual
/// handful, a hash set past that.
#[derive(Default)]
struct Seen {
    few: Vec<((u16, Date), At)>,
    many: FxHashMap<(u16, Date), At>,
}

impl Seen {
    /// Adds a pair written at `at`; where it was written before, if it was.
    fn insert(&mut self, pair: (u16, Date), at: At) -> Option<At> {
        if !self.many.is_empty() {
            return match self.many.entry(pair) {
                std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(at);
                    None
                }
            };
        }
        if let Some((_, first)) = self.few.iter().find(|(p, _)| *p == pair) {
            return Some(*first);
        }
        self.few.push((pair, at));
        if self.few.len() > 32 {
            self.many.extend(self.few.drain(..));
        }
        None
    }
}
