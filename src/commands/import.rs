//! `trajex import FILE.csv -o PATH [--schemes FROM.ron] [--force]`: the tidy CSV that
//! `export --format csv` writes, made a dataset again.

use std::io::Write;
use std::path::Path;

use super::{CommandError, note};
use crate::cli::ImportArgs;
use crate::data::load;
use crate::export::{self, ExportError};
use crate::import;
use crate::paths::DatasetSource;

/// Reads the CSV, looks its schemes and sources up in `--schemes` (else the dataset in
/// use), and writes the dataset to `-o` (`-` for stdout) through a temporary file, never
/// overwriting a file unless `--force`. Nothing is written when any row is at fault.
pub fn run(
    args: &ImportArgs,
    in_use: &DatasetSource,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let (catalogue, catalogue_name) = match &args.schemes {
        Some(path) => (load::parse_file(path)?.dataset, path.display().to_string()),
        None => (
            in_use.load()?.dataset,
            if in_use.is_embedded() {
                "the embedded dataset".to_owned()
            } else {
                in_use.name()
            },
        ),
    };
    let shown = args.file.display().to_string();
    let bytes = crate::files::read_capped(&args.file, load::MAX_FILE_BYTES, "a CSV to import")
        .map_err(|e| CommandError::Failed(format!("cannot read {shown}: {e}")))?;
    let imported = import::from_csv(&bytes, &shown, &catalogue, &catalogue_name)?;
    for warning in &imported.warnings {
        note(&warning.located(&shown).to_string());
    }
    let ron = imported.to_ron()?;
    // What `check` will say of the file, read before it is written: a dataset trajex
    // cannot load again is never written.
    let text = String::from_utf8_lossy(&ron);
    let written = load::parse(&text, &args.output.display().to_string()).map_err(|e| {
        CommandError::Failed(format!(
            "the dataset built from {shown} does not load again, a bug in trajex: {e}"
        ))
    })?;
    if args.output == Path::new("-") {
        out.write_all(&ron)?;
        return Ok(());
    }
    // A run a signal ends leaves no temporary file behind.
    export::remove_parts_on_signal()?;
    export::write_atomically(&ron, &args.output, args.force).map_err(|e| match e {
        ExportError::Exists { .. } => {
            CommandError::Failed(format!("{e}; use --force to overwrite it"))
        }
        other => other.into(),
    })?;
    let data = &written.dataset;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    note(&format!(
        "wrote {} ({}, {}, {})",
        args.output.display(),
        plural(data.councils.len(), "council"),
        plural(data.rating_count(), "rating"),
        plural(data.schemes.len(), "scheme")
    ));
    Ok(())
}
