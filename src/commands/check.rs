//! `trajex check [PATH]`: validate a dataset and count what it holds.

use std::io::Write;
use std::path::Path;

use super::{CommandError, note};
use crate::paths::DatasetSource;

/// Validates `path` (else the dataset in use), read from the file and never from the
/// load cache: prints `N councils, M ratings, K schemes`,
/// and each warning to stderr as `PATH:LINE:COL: warning: message`.
pub fn run(
    path: Option<&Path>,
    in_use: &DatasetSource,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let (loaded, name) = match path {
        Some(path) => (
            DatasetSource::Flag(path.to_owned()).load_uncached()?,
            path.display().to_string(),
        ),
        None => (in_use.load_uncached()?, in_use.name()),
    };
    for warning in &loaded.warnings {
        note(&warning.located(&name).to_string());
    }
    let data = &loaded.dataset;
    writeln!(
        out,
        "{}, {}, {}",
        crate::text::count(data.councils.len(), "council", "councils"),
        crate::text::count(data.rating_count(), "rating", "ratings"),
        crate::text::count(data.schemes.len(), "scheme", "schemes")
    )?;
    Ok(())
}
