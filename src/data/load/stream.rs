//! The streaming fast path: a valid dataset in the usual order loaded while it is
//! parsed, giving way to the thorough path at the first problem of any kind.

use std::borrow::Cow;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender};

use ron::extensions::Extensions;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::de::{self, DeserializeSeed, Error as _, MapAccess, SeqAccess, Visitor};

use super::check::{At, Checker, IN_THE_FILE, SchemeTable, SourceIds, Tables};
use super::syntax::RonText;
use super::{Problem, owned};
use crate::data::model::{Council, Dataset, Scheme};
use crate::data::progress::{Progress, Stage};
use crate::data::raw::{RawCouncil, RawScheme, RawSource, RawSummary, Text};

/// The quick way to load a valid dataset: each batch of councils is converted on a
/// second thread while the parser reads on, so the parsed councils are still in cache
/// when converted and no parsed copy of the whole file is ever held. It takes the
/// usual file only (`schemes` before `councils`, every field once) and gives up, with
/// `None`, at the first problem of any kind: [`validate`] then reads the file again
/// the thorough way, which reports every problem at its position.
pub(super) fn streamed(text: &str, progress: &Arc<Progress>) -> Option<(Dataset, Vec<Problem>)> {
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    let total = text.len() as u64;
    progress.set(Stage::Parsing, 0, total);
    let failed = AtomicBool::new(false);
    let ron = RonText::new(text);
    let (parts, worked) = std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel(16);
        let (failed, ron) = (&failed, &ron);
        let worker = scope.spawn(move || convert(ron, rx, failed));
        let parts = crate::data::progress::while_parsing(text, progress, || {
            options.from_str_seed(text, DatasetSeed { tx, failed })
        });
        let worked = match worker.join() {
            Ok(done) => done,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (parts, worked)
    });
    let (parts, worked) = (parts.ok()?, worked?);
    progress.set(Stage::Validating, total, total);

    let mut check = Checker::new(&ron, &IN_THE_FILE);
    check.warnings = worked.warnings;
    for text in parts.title.iter().chain(&parts.description) {
        let at = check.at(text);
        check.hidden_characters(text, at, "dataset text");
    }
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
    Some((dataset, super::limit_per_kind(check.warnings)))
}

/// What the converting thread of [`streamed`] hands back.
struct Converted<'r> {
    schemes: Vec<Scheme>,
    scheme_ix: FxHashMap<Cow<'r, str>, u16>,
    /// Each scheme's `source`, resolved once the sources are read.
    scheme_sources: Vec<(usize, Text<'r>, At)>,
    councils: Vec<Council>,
    /// Councils named in others but not in the file, and where they are named.
    unknown: FxHashMap<Cow<'r, str>, Vec<At>>,
    /// Each source named by a rating, numbered in order of first use.
    pending: FxHashMap<Cow<'r, str>, u32>,
    unsourced: usize,
    /// The warnings found while converting the schemes and councils.
    warnings: Vec<Problem>,
}

/// The converting thread of [`streamed`]: the schemes, then councils a batch at a time;
/// `None` (and `failed` set, so the parser stops) at the first problem.
fn convert<'r>(
    ron: &RonText<'r>,
    rx: Receiver<Part<'r>>,
    failed: &AtomicBool,
) -> Option<Converted<'r>> {
    let mut check = Checker::new(ron, &IN_THE_FILE);
    let fail = || {
        failed.store(true, Ordering::Relaxed);
        None
    };
    let Ok(Part::Schemes(raw)) = rx.recv() else {
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
    let mut ids = FxHashSet::default();
    let mut references = Vec::new();
    // Each named council is looked for while its name is still in cache: among the
    // councils read so far, else kept until its council comes.
    let mut unknown: FxHashMap<Cow<'r, str>, Vec<At>> = FxHashMap::default();
    let mut sources = SourceIds::Pending(FxHashMap::default());
    {
        let tables = Tables {
            schemes: &schemes,
            scheme_ix: &scheme_ix,
        };
        for part in rx {
            let Part::Councils(batch) = part else {
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
        warnings: check.warnings,
    })
}

// The parsing side: a dataset read field by field, its schemes and councils sent to
// the converting thread as they are read.

/// What the parser sends the converting thread: the schemes first, then councils.
enum Part<'r> {
    Schemes(Vec<RawScheme<'r>>),
    Councils(Vec<RawCouncil<'r>>),
}

/// The rest of the dataset, kept by the parser.
#[derive(Default)]
struct Rest<'r> {
    title: Option<Text<'r>>,
    description: Option<Text<'r>>,
    summaries: Vec<RawSummary<'r>>,
    sources: Vec<RawSource<'r>>,
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

struct DatasetSeed<'f, 'r> {
    tx: SyncSender<Part<'r>>,
    failed: &'f AtomicBool,
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
