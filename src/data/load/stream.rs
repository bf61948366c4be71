//! The streaming fast path: a valid dataset in the usual order loaded while the
//! byte-level scanner reads it, giving way to the thorough path at the first problem of any kind.

use std::borrow::Cow;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::check::{At, Checker, IN_THE_FILE, SchemeTable, SourceIds, Tables};
use super::fast::{Part, scan};
use super::syntax::RonText;
use super::{Problem, owned};
use crate::data::model::{Council, Dataset, Scheme};
use crate::data::progress::{Progress, Stage};
use crate::data::raw::Text;

/// The quick way to load a valid dataset: the byte-level scanner (`fast.rs`) reads
/// the text and each batch of councils is converted as soon as it is read, while the
/// parsed councils are still in cache, so no parsed copy of the whole file is ever
/// held. It takes the usual file only (`schemes` before `councils`, every field once,
/// RON as trajex writes it) and gives up, with `None`, at the first problem of any
/// kind: [`validate`] then reads the file again the thorough way, which reports every
/// problem at its position.
pub(super) fn streamed(text: &str, progress: &Arc<Progress>) -> Option<(Dataset, Vec<Problem>)> {
    let total = text.len() as u64;
    progress.set(Stage::Parsing, 0, total);
    let ron = RonText::new(text);
    let mut converter = Converter::new(&ron);
    let parts = scan(
        text,
        |part| converter.take(part),
        |at| progress.advance(at as u64),
    );
    let (parts, worked) = (parts?, converter.finish()?);
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

/// What the converter hands back.
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

/// Converts what the scanner reads as it reads it: the schemes, then councils a batch
/// at a time; refuses more (and `finish` gives `None`) from the first problem on.
struct Converter<'c, 'r> {
    check: Checker<'c, RonText<'r>>,
    table: Option<SchemeTable<'r>>,
    councils: Vec<Council>,
    ids: FxHashSet<Cow<'r, str>>,
    references: Vec<(Cow<'r, str>, At)>,
    /// Councils named in others but not read so far, and where they are named: each
    /// is looked for while its name is still in cache.
    unknown: FxHashMap<Cow<'r, str>, Vec<At>>,
    sources: SourceIds<'r, 'r>,
    failed: bool,
}

impl<'c, 'r> Converter<'c, 'r> {
    fn new(ron: &'c RonText<'r>) -> Self {
        Converter {
            check: Checker::new(ron, &IN_THE_FILE),
            table: None,
            councils: Vec::new(),
            ids: FxHashSet::default(),
            references: Vec::new(),
            unknown: FxHashMap::default(),
            sources: SourceIds::Pending(FxHashMap::default()),
            failed: false,
        }
    }

    /// Converts `part`; `false` once anything is wrong.
    fn take(&mut self, part: Part<'r>) -> bool {
        match (part, &self.table) {
            (Part::Schemes(raw), None) => self.table = Some(self.check.schemes(raw)),
            (Part::Councils(batch), Some(table)) => {
                for c in &batch {
                    self.check.council_id(c, &mut self.ids);
                    if !self.unknown.is_empty() {
                        self.unknown.remove(&*c.id);
                    }
                }
                let tables = Tables {
                    schemes: &table.schemes,
                    scheme_ix: &table.scheme_ix,
                };
                self.check.councils(
                    batch,
                    &tables,
                    &mut self.sources,
                    &mut self.references,
                    &mut self.councils,
                );
                for (id, at) in self.references.drain(..) {
                    if !self.ids.contains(&*id) {
                        self.unknown.entry(id).or_default().push(at);
                    }
                }
            }
            _ => self.failed = true,
        }
        self.failed |= !self.check.problems.is_empty();
        !self.failed
    }

    fn finish(self) -> Option<Converted<'r>> {
        let (false, Some(table), SourceIds::Pending(pending)) =
            (self.failed, self.table, self.sources)
        else {
            return None;
        };
        Some(Converted {
            schemes: table.schemes,
            scheme_ix: table.scheme_ix,
            scheme_sources: table.sources,
            councils: self.councils,
            unknown: self.unknown,
            pending,
            unsourced: self.check.unsourced,
            warnings: self.check.warnings,
        })
    }
}
