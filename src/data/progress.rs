//! How far a dataset load has got, shared between the thread that loads and the one
//! that draws a progress bar. Parsing reports the bytes read past after each council.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};

use super::raw::Text;

/// The stages of a load, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Reading,
    Parsing,
    Validating,
    /// Reading the load cache instead of parsing.
    Cache,
    /// Working out what the explorer needs (list order, filter text, trajectories).
    Indexing,
}

impl Stage {
    /// What a user reads for the stage.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Parsing => "parsing",
            Stage::Validating => "checking",
            Stage::Cache => "reading the cache",
            Stage::Indexing => "indexing",
        }
    }
}

const STAGES: [Stage; 5] = [
    Stage::Reading,
    Stage::Parsing,
    Stage::Validating,
    Stage::Cache,
    Stage::Indexing,
];

/// A load's progress: its stage, and bytes done of the file's total.
#[derive(Debug, Default)]
pub struct Progress {
    stage: AtomicU8,
    done: AtomicU64,
    total: AtomicU64,
}

impl Progress {
    /// Moves to `stage`, with `done` bytes of `total`.
    pub fn set(&self, stage: Stage, done: u64, total: u64) {
        let at = STAGES.iter().position(|s| *s == stage).unwrap_or(0) as u8;
        self.stage.store(at, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.done.store(done, Ordering::Relaxed);
    }

    /// Bytes done within the current stage.
    pub fn advance(&self, done: u64) {
        self.done.store(done, Ordering::Relaxed);
    }

    /// The stage, bytes done and bytes in all.
    pub fn get(&self) -> (Stage, u64, u64) {
        let stage = STAGES[usize::from(self.stage.load(Ordering::Relaxed)).min(STAGES.len() - 1)];
        (
            stage,
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

thread_local! {
    /// The text being parsed on this thread (its address and length) and where to
    /// report how far parsing has got: serde gives a visitor no other way out.
    static PARSING: RefCell<Option<(usize, usize, Arc<Progress>)>> = const { RefCell::new(None) };
}

/// Reports parsing progress on this thread to `progress` while `parse` runs on `text`.
pub fn while_parsing<T>(text: &str, progress: &Arc<Progress>, parse: impl FnOnce() -> T) -> T {
    PARSING.with(|p| {
        *p.borrow_mut() = Some((text.as_ptr() as usize, text.len(), Arc::clone(progress)))
    });
    let out = parse();
    PARSING.with(|p| *p.borrow_mut() = None);
    out
}

/// Called after each council is parsed: its id, borrowed from the text, says how far
/// into the text parsing is.
pub(super) fn parsed(id: &Text<'_>) {
    let std::borrow::Cow::Borrowed(id) = &id.0 else {
        return;
    };
    PARSING.with(|p| {
        if let Some((base, len, progress)) = &*p.borrow() {
            let at = (id.as_ptr() as usize).wrapping_sub(*base);
            if at <= *len {
                progress.advance(at as u64);
            }
        }
    });
}
