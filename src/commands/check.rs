//! `trajex check [PATH]`: validate a dataset and count what it holds.

use std::io::Write;
use std::path::Path;

use super::{CommandError, note};
use crate::paths::DatasetSource;

/// Validates `path` (else the dataset in use): prints `N councils, M ratings, K schemes`,
/// and each warning to stderr as `PATH:LINE:COL: warning: message`.
pub fn run(
    path: Option<&Path>,
    in_use: &DatasetSource,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let (loaded, name) = match path {
        Some(path) => (
            DatasetSource::Flag(path.to_owned()).load()?,
            path.display().to_string(),
        ),
        None => (in_use.load()?, in_use.name()),
    };
    for warning in &loaded.warnings {
        note(&mark_warning(warning, &name));
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

/// `PATH:LINE:COL: message` → `PATH:LINE:COL: warning: message`, so a warning is not
/// read as a problem.
fn mark_warning(line: &str, path: &str) -> String {
    let split = line
        .strip_prefix(path)
        .and_then(|rest| rest.strip_prefix(':'))
        .and_then(|rest| rest.split_once(": "))
        .filter(|(position, _)| {
            position
                .split(':')
                .all(|n| n.bytes().all(|b| b.is_ascii_digit()))
        });
    match split {
        Some((position, message)) => format!("{path}:{position}: warning: {message}"),
        None => format!("warning: {line}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_is_marked_after_its_position() {
        assert_eq!(
            mark_warning("a:b.ron:8:63: council \"x\" is named: ignored", "a:b.ron"),
            "a:b.ron:8:63: warning: council \"x\" is named: ignored"
        );
        assert_eq!(mark_warning("odd", "x.ron"), "warning: odd");
    }
}
