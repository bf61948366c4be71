//! What an export of some councils takes along from the dataset: the schemes their
//! ratings use (with the parents those fold under) and the sources they and those
//! schemes cite.

use crate::data::Dataset;
use crate::data::model::{SchemeIx, SourceIx};

/// The parts of a dataset an export of some councils refers to, in dataset order.
#[derive(Debug, Default)]
pub struct Selection {
    pub schemes: Vec<SchemeIx>,
    pub sources: Vec<SourceIx>,
    /// Indices into `dataset.summaries`; empty unless [`Selection::with_summaries`].
    pub summaries: Vec<usize>,
}

impl Selection {
    /// The schemes and sources the ratings of `councils` use.
    pub fn of(dataset: &Dataset, councils: &[usize]) -> Self {
        let ratings = councils.iter().flat_map(|&i| &dataset.councils[i].ratings);
        let mut schemes = vec![false; dataset.schemes.len()];
        let mut sources = vec![false; dataset.sources.len()];
        for rating in ratings {
            let scheme = dataset.scheme(rating.scheme);
            schemes[usize::from(rating.scheme)] = true;
            if let Some(parent) = scheme.parent {
                schemes[usize::from(parent)] = true;
            }
            if let Some(source) = rating.source {
                sources[source as usize] = true;
            }
        }
        for (i, scheme) in dataset.schemes.iter().enumerate() {
            if let (true, Some(source)) = (schemes[i], scheme.source) {
                sources[source as usize] = true;
            }
        }
        Self {
            schemes: (0..schemes.len())
                .filter(|&i| schemes[i])
                .map(|i| i as SchemeIx)
                .collect(),
            sources: (0..sources.len())
                .filter(|&i| sources[i])
                .map(|i| i as SourceIx)
                .collect(),
            summaries: Vec::new(),
        }
    }

    /// Every scheme, source and summary of `dataset`.
    pub fn whole(dataset: &Dataset) -> Self {
        Self {
            schemes: (0..dataset.schemes.len()).map(|i| i as SchemeIx).collect(),
            sources: (0..dataset.sources.len()).map(|i| i as SourceIx).collect(),
            summaries: (0..dataset.summaries.len()).collect(),
        }
    }

    /// Adds the national summaries of the selected schemes, and the sources they cite.
    pub fn with_summaries(mut self, dataset: &Dataset) -> Self {
        self.summaries = (0..dataset.summaries.len())
            .filter(|&i| self.schemes.contains(&dataset.summaries[i].scheme))
            .collect();
        for &i in &self.summaries {
            if let Some(source) = dataset.summaries[i].source {
                self.sources.push(source);
            }
        }
        self.sources.sort_unstable();
        self.sources.dedup();
        self
    }
}
