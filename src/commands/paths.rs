//! `trajex paths`: where the dataset, config, exports and cache live, and whether the
//! config loads.

use std::io::Write;
use std::path::Path;

use super::{CommandError, table};
use crate::config::{Config, ConfigError};
use crate::paths::{DatasetSource, EMBEDDED_FLAG, Locations, export_dir};

/// Prints the dataset in use and why, the data file, the config file and whether it
/// loads, the export folder, the state file (the last export's folder and format) and
/// the cache folder. A bad config is also reported after
/// the list, and fails the command.
pub fn run(
    source: &DatasetSource,
    locations: &Locations,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let config = locations.config();
    let no_home = || "(none: no home folder)".to_owned();
    let file = |path: Option<&Path>, in_use: bool| {
        path.map_or_else(no_home, |p| {
            let note = match (p.exists(), in_use) {
                (false, _) => " (not found)",
                (true, false) => " (not in use)",
                (true, true) => "",
            };
            format!("{}{note}", p.display())
        })
    };
    let exports = match &config {
        Ok(config) => {
            let (dir, why) = export_dir(config, locations);
            format!("{} ({why})", dir.display())
        }
        Err(_) => "unknown until config.ron is fixed (see below)".to_owned(),
    };
    let data_file_in_use = matches!(source, DatasetSource::DataDir(_));
    let config_file = locations.config_file();
    let rows = [
        ["dataset:", &dataset_line(source)],
        [
            "data file:",
            &file(locations.dataset_file().as_deref(), data_file_in_use),
        ],
        ["config file:", &file(config_file.as_deref(), true)],
        ["config:", &config_line(&config, config_file.as_deref())],
        ["export dir:", &exports],
        [
            "state file:",
            &file(locations.state_file().as_deref(), true),
        ],
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
    table::write(out, &rows, None)?;
    config?;
    Ok(())
}

/// The dataset in use and why; a `--data` file that is not there says so, and so does
/// `--data embedded` when a file of that name is in the current folder.
fn dataset_line(source: &DatasetSource) -> String {
    match source {
        DatasetSource::Flag(path) if !path.exists() => {
            format!("{} ({source}; not found)", source.name())
        }
        DatasetSource::EmbeddedByFlag if Path::new(EMBEDDED_FLAG).exists() => format!(
            "{} ({source}; --data ./{EMBEDDED_FLAG} reads the file here)",
            source.name()
        ),
        _ => format!("{} ({source})", source.name()),
    }
}

/// Whether the config loads: it does, there is none (the defaults are used), or why
/// it does not.
fn config_line(config: &Result<Config, ConfigError>, file: Option<&Path>) -> String {
    match config {
        Err(e) => format!("does not load: {e}"),
        Ok(_) if file.is_some_and(Path::exists) => "loads".to_owned(),
        Ok(_) => "not found (defaults in use)".to_owned(),
    }
}
