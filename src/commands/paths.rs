//! `trajex paths`: where the dataset, config, exports and cache live.

use std::io::Write;
use std::path::Path;

use super::{CommandError, table};
use crate::paths::{DatasetSource, Locations, export_dir};

/// Prints the dataset in use and why, the data file, the config file, the export folder
/// and the cache folder. A bad config is reported after the list, and fails the command.
pub fn run(
    source: &DatasetSource,
    locations: &Locations,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let config = locations.config();
    let no_home = || "(none: no home folder)".to_owned();
    let file = |path: Option<&Path>| {
        path.map_or_else(no_home, |p| {
            format!(
                "{}{}",
                p.display(),
                if p.exists() { "" } else { " (not found)" }
            )
        })
    };
    let exports = match &config {
        Ok(config) => {
            let (dir, why) = export_dir(config, locations);
            format!("{} ({why})", dir.display())
        }
        Err(_) => "unknown until config.ron is fixed (see below)".to_owned(),
    };
    let rows = [
        ["dataset:", &dataset_line(source)],
        ["data file:", &file(locations.dataset_file().as_deref())],
        ["config file:", &file(locations.config_file().as_deref())],
        ["export dir:", &exports],
        [
            "cache dir:",
            &locations
                .cache_dir
                .as_ref()
                .map_or_else(no_home, |p| p.display().to_string()),
        ],
    ];
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|s| s.to_string()).collect())
        .collect();
    table::write(out, &rows)?;
    config?;
    Ok(())
}

/// The dataset in use and why; a `--data` file that is not there says so.
fn dataset_line(source: &DatasetSource) -> String {
    match source {
        DatasetSource::Flag(path) if !path.exists() => {
            format!("{} ({source}; not found)", source.name())
        }
        _ => format!("{} ({source})", source.name()),
    }
}
