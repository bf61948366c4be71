//! `trajex generate --councils N [--seed S] -o PATH`: a synthetic dataset for scale.

use std::io::Write;
use std::path::Path;

use super::{CommandError, note};
use crate::cli::GenerateArgs;
use crate::export::{self, ExportError};

/// Writes a synthetic dataset of `--councils` councils to `-o` (stdout for `-`), never
/// overwriting a file unless `--force`.
pub fn run(args: &GenerateArgs, out: &mut dyn Write) -> Result<(), CommandError> {
    let councils = usize::try_from(args.councils)
        .map_err(|_| CommandError::Usage("--councils is too large".to_owned()))?;
    let dataset = crate::generate::dataset(councils, args.seed);
    let all: Vec<usize> = (0..dataset.councils.len()).collect();
    let bytes = export::dataset_ron(&dataset, &all).map_err(CommandError::Export)?;
    if args.output == Path::new("-") {
        out.write_all(&bytes)?;
        return Ok(());
    }
    export::write_atomically(&bytes, &args.output, args.force).map_err(|e| match e {
        ExportError::Exists { .. } => {
            CommandError::Failed(format!("{e}; use --force to overwrite it"))
        }
        other => CommandError::Export(other),
    })?;
    note(&format!(
        "wrote {} ({}, {})",
        args.output.display(),
        crate::text::count(
            dataset.councils.len(),
            "synthetic council",
            "synthetic councils"
        ),
        crate::text::count(dataset.rating_count(), "rating", "ratings")
    ));
    Ok(())
}
