//! `trajex generate --councils N [--seed S] -o PATH`: a synthetic dataset for scale.

use std::io::Write;
use std::path::Path;

use super::{CommandError, note};
use crate::cli::GenerateArgs;
use crate::export::{self, ExportError};

/// Writes a synthetic dataset of `--councils` councils to `-o` (stdout for `-`), never
/// overwriting a file unless `--force`. The councils are made and written one at a
/// time, so a million of them need no more memory than a few.
pub fn run(args: &GenerateArgs, out: &mut dyn Write) -> Result<(), CommandError> {
    let councils = usize::try_from(args.councils)
        .map_err(|_| CommandError::Usage("--councils is too large".to_owned()))?;
    let generator = crate::generate::Generator::new(councils, args.seed);
    let frame = generator.frame().clone();
    let mut written = (0, 0);
    let write = |out: &mut dyn Write| {
        written =
            export::write_ron_streamed(&frame, generator, out).map_err(std::io::Error::other)?;
        Ok(())
    };
    if args.output == Path::new("-") {
        return write(out).map_err(CommandError::from);
    }
    export::write_atomically_with(&args.output, args.force, write).map_err(|e| match e {
        ExportError::Exists { .. } => {
            CommandError::Failed(format!("{e}; use --force to overwrite it"))
        }
        other => CommandError::Export(other),
    })?;
    note(&format!(
        "wrote {} ({}, {})",
        args.output.display(),
        crate::text::count(written.0, "synthetic council", "synthetic councils"),
        crate::text::count(written.1, "rating", "ratings")
    ));
    Ok(())
}
