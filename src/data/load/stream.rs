//! The streaming fast path: a valid dataset in the usual order loaded while the
//! byte-level scanner reads it, giving way to the thorough path at the first problem of any kind.

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::check::{At, Checker, IN_THE_FILE, Locate, Place, SchemeTable, SourceIds, Tables};
use super::fast::{BATCH, Part, Rest, Scanner, Seen, scan};
use super::syntax::RonText;
use super::{MAX_FILE_BYTES, Problem, owned};
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
    finish(&ron, parts, worked)
}

/// The dataset from the converted schemes and councils and the rest of the file: the
/// sources resolved, the summaries checked; `None` at the first problem.
fn finish<L: Locate>(
    locate: &L,
    parts: Rest<'_>,
    worked: Converted<'_>,
) -> Option<(Dataset, Vec<Problem>)> {
    let mut check = Checker::new(locate, &IN_THE_FILE);
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
struct Converter<'c, 'r, L: Locate> {
    check: Checker<'c, L>,
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

impl<'c, 'r, L: Locate> Converter<'c, 'r, L> {
    fn new(ron: &'c L) -> Self {
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

// Straight from the file, a chunk at a time: the whole text is never held.

/// Bytes read from a dataset file at a time (in tests, few: many councils and tokens
/// are cut by a chunk's end).
const CHUNK: usize = if cfg!(test) { 1000 } else { 1 << 20 };

/// The places of a file read a chunk at a time: none. There is no whole text to place
/// a problem in, so any problem or warning at all sends the load to the whole text.
struct Unplaced;

impl Locate for Unplaced {
    fn at(&self, _: &str) -> At {
        At(None)
    }

    fn place(&self, _: At) -> Place {
        Place {
            line: 1,
            col: 1,
            column: None,
        }
    }
}

/// A dataset file read a chunk at a time; `buf` holds what is read and not yet used.
struct Chunks {
    file: std::fs::File,
    buf: Vec<u8>,
    read: u64,
    eof: bool,
}

impl Chunks {
    /// Drops the `used` bytes at the front and reads at least [`CHUNK`] more (or to
    /// the end of the file); `None` past [`MAX_FILE_BYTES`] or on any read error.
    fn refill(&mut self, used: usize) -> Option<()> {
        self.buf.drain(..used);
        let want = self.buf.len() + CHUNK;
        while self.buf.len() < want && !self.eof {
            let have = self.buf.len();
            self.buf.resize(want, 0);
            let n = self.file.read(&mut self.buf[have..]).ok()?;
            self.buf.truncate(have + n);
            self.read += n as u64;
            self.eof = n == 0;
        }
        (self.read <= MAX_FILE_BYTES).then_some(())
    }

    /// Drops the `used` bytes at the front and reads the rest of the file.
    fn read_rest(&mut self, used: usize) -> Option<()> {
        self.buf.drain(..used);
        let n = (&mut self.file)
            .take(MAX_FILE_BYTES + 1 - self.read)
            .read_to_end(&mut self.buf)
            .ok()?;
        self.read += n as u64;
        self.eof = true;
        (self.read <= MAX_FILE_BYTES).then_some(())
    }

    /// The text read so far, up to the last whole character; `None` at bytes that are
    /// not UTF-8.
    fn text(&self) -> Option<&str> {
        match std::str::from_utf8(&self.buf) {
            Ok(text) => Some(text),
            Err(e) if e.error_len().is_none() && !self.eof => {
                std::str::from_utf8(&self.buf[..e.valid_up_to()]).ok()
            }
            Err(_) => None,
        }
    }
}

/// The schemes' table with its own copies of the ids it keys on, to outlive a chunk.
fn owned_table(table: SchemeTable<'_>) -> SchemeTable<'static> {
    SchemeTable {
        schemes: table.schemes,
        scheme_ix: (table.scheme_ix.into_iter())
            .map(|(id, ix)| (Cow::Owned(id.into_owned()), ix))
            .collect(),
        sources: (table.sources.into_iter())
            .map(|(scheme, id, at)| (scheme, Text(Cow::Owned(id.0.into_owned())), at))
            .collect(),
    }
}

/// How far the header read of a chunk got.
enum Header {
    /// The councils' `[` is read, this many bytes in.
    Councils(
        usize,
        Seen,
        Option<String>,
        Option<String>,
        SchemeTable<'static>,
    ),
    /// More text is needed.
    More,
}

/// The streaming fast path straight from the dataset file at `path`, read a chunk at a
/// time, so the whole text is never held: only the dataset is, as it is built. It
/// gives up (`None`) wherever [`streamed`] would, and at any problem or warning (which
/// needs the whole text to be placed), any read error or anything a full read refuses:
/// the caller then reads the file whole.
pub(super) fn from_file(path: &Path, progress: &Progress) -> Option<(Dataset, Vec<Problem>)> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
        return None;
    }
    progress.set(Stage::Parsing, 0, meta.len());
    let mut chunks = Chunks {
        file: std::fs::File::open(path).ok()?,
        buf: Vec::with_capacity(2 * CHUNK),
        read: 0,
        eof: false,
    };
    chunks.refill(0)?;
    // A byte order mark is skipped, as a full read skips it.
    let bom = chunks.buf.starts_with("\u{feff}".as_bytes());
    chunks.refill(if bom { 3 } else { 0 })?;
    let unplaced = Unplaced;
    let mut check = Checker::new(&unplaced, &IN_THE_FILE);

    // The header: the title, the description and the schemes, up to the councils.
    let (mut used, mut seen, title, description, table) = loop {
        let header = {
            let text = chunks.text()?;
            let mut s = Scanner::new(text, 0);
            let (mut seen, mut rest, mut raw) = (Seen::default(), Rest::default(), None);
            let mut take = |part| match part {
                Part::Schemes(schemes) => {
                    raw = Some(schemes);
                    true
                }
                Part::Councils(_) => false,
            };
            match s
                .open("Dataset")
                .and_then(|()| s.fields(&mut seen, &mut rest, &mut take))
            {
                // Summaries or sources before the councils: left to the whole text.
                Some(true) if rest.summaries.is_empty() && rest.sources.is_empty() => {
                    let table = owned_table(check.schemes(raw?));
                    Header::Councils(
                        s.pos,
                        seen,
                        rest.title.map(owned),
                        rest.description.map(owned),
                        table,
                    )
                }
                None if !chunks.eof => Header::More,
                _ => return None,
            }
        };
        match header {
            Header::Councils(used, seen, title, description, table) => {
                break (used, seen, title, description, table);
            }
            Header::More => chunks.refill(0)?,
        }
    };
    if !check.problems.is_empty() {
        return None;
    }

    // The councils, a chunk at a time; a council cut by the chunk's end is read again
    // from its start with the next chunk.
    let mut councils = Vec::new();
    let mut pending: FxHashMap<String, u32> = FxHashMap::default();
    loop {
        chunks.refill(used)?;
        progress.advance(chunks.read);
        let (read_to, closed) = {
            let text = chunks.text()?;
            let mut s = Scanner::new(text, 0);
            let tables = Tables {
                schemes: &table.schemes,
                scheme_ix: &table.scheme_ix,
            };
            let mut sources = SourceIds::Pending(
                pending
                    .drain()
                    .map(|(id, ix)| (Cow::Owned(id), ix))
                    .collect(),
            );
            let (mut ids, mut references) = (FxHashSet::default(), Vec::new());
            let mut batch = Vec::with_capacity(BATCH);
            let mut closed = false;
            loop {
                let mark = s.pos;
                match s.next_council() {
                    Some(Some(council)) => {
                        check.council_id(&council, &mut ids);
                        batch.push(council);
                    }
                    Some(None) => closed = true,
                    None => s.pos = mark,
                }
                if batch.len() == BATCH || s.pos == mark || closed {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    check.councils(full, &tables, &mut sources, &mut references, &mut councils);
                    // Named councils are looked for once all are read.
                    references.clear();
                }
                if s.pos == mark || closed {
                    break;
                }
            }
            let SourceIds::Pending(named) = sources else {
                return None;
            };
            pending = named
                .into_iter()
                .map(|(id, ix)| (id.into_owned(), ix))
                .collect();
            (s.pos, closed)
        };
        if !check.problems.is_empty() || !check.warnings.is_empty() {
            return None;
        }
        if closed {
            used = read_to;
            break;
        }
        if chunks.eof {
            return None;
        }
        used = read_to;
    }

    // Council ids once each, and every council named is in the file (else a warning).
    {
        let ids: FxHashSet<&str> = councils.iter().map(|c| c.id.as_str()).collect();
        let named = councils
            .iter()
            .flat_map(|c| c.neighbours.iter().chain(&c.succeeded_by));
        if ids.len() != councils.len() || named.into_iter().any(|id| !ids.contains(id.as_str())) {
            return None;
        }
    }

    // The rest: summaries and sources, small; read whole.
    chunks.read_rest(used)?;
    progress.set(Stage::Validating, chunks.read, chunks.read);
    let text = chunks.text()?;
    let mut s = Scanner::new(text, 0);
    s.after_councils(&mut seen)?;
    let mut rest = Rest::default();
    if s.fields(&mut seen, &mut rest, &mut |_| false)? {
        return None;
    }
    s.ws()?;
    if s.pos != text.len() || !seen.complete() {
        return None;
    }
    let rest = Rest {
        title: title.map(|t| Text(Cow::Owned(t))).or(rest.title),
        description: description
            .map(|d| Text(Cow::Owned(d)))
            .or(rest.description),
        ..rest
    };
    let worked = Converted {
        schemes: table.schemes,
        scheme_ix: table.scheme_ix,
        scheme_sources: table.sources,
        councils,
        unknown: FxHashMap::default(),
        pending: (pending.into_iter())
            .map(|(id, ix)| (Cow::Owned(id), ix))
            .collect(),
        unsourced: check.unsourced,
        warnings: Vec::new(),
    };
    let (dataset, warnings) = finish(&unplaced, rest, worked)?;
    warnings.is_empty().then_some((dataset, warnings))
}
