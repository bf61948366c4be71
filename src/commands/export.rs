//! `trajex export (COUNCIL...|--all) --format F [-o PATH|-] [--force] [--schemes ID,ID]
//! [--unfold] [--width PX] [--height PX]`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::list::find_scheme;
use super::{CommandError, note};
use crate::chart::Choice;
use crate::cli::ExportArgs;
use crate::data::Dataset;
use crate::data::find::find_councils;
use crate::export::{self, ExportError, Options, PictureSize};

/// Exports the named councils (in the order named, each once) or all of them: to stdout
/// for `-o -`, else to a file, never overwriting one unless `--force`. A picture size
/// given for a format that has none is a usage error, as is one the chart cannot fit.
pub fn run(dataset: &Dataset, args: &ExportArgs, out: &mut dyn Write) -> Result<(), CommandError> {
    if !args.format.is_picture() && (args.width.is_some() || args.height.is_some()) {
        return Err(CommandError::Usage(format!(
            "--width and --height apply to svg and png only, not {}",
            args.format
        )));
    }
    if !args.format.is_picture() && (!args.schemes.is_empty() || args.unfold) {
        return Err(CommandError::Usage(format!(
            "--schemes and --unfold apply to svg and png only, not {}",
            args.format
        )));
    }
    let defaults = PictureSize::default();
    let options = Options {
        picture: PictureSize {
            width: args.width.unwrap_or(defaults.width),
            height: args.height.or(defaults.height),
        },
        choice: choice(dataset, args)?,
        text_chart: Some(crate::ui::chart::plain),
        ..Options::new(super::today())
    };
    let usage = |e: ExportError| {
        if e.is_usage() {
            CommandError::Usage(e.to_string())
        } else {
            CommandError::Export(e)
        }
    };
    let councils = if args.all {
        (0..dataset.councils.len()).collect()
    } else {
        find_councils(dataset, &args.councils)?
    };
    if args.output.as_deref() == Some(Path::new("-")) {
        // As curl does: binary bytes on a terminal are garbage and may upset it.
        if args.format.is_binary() && std::io::stdout().is_terminal() {
            return Err(CommandError::Usage(format!(
                "refusing to write {} to the terminal; use -o FILE, or pipe the output",
                args.format.to_string().to_uppercase()
            )));
        }
        let bytes =
            export::render_with(dataset, &councils, args.format, &options).map_err(usage)?;
        // A file keeps the dataset's text exact; a terminal would obey the escapes in
        // it (clear the screen, set the clipboard, reorder a line), so there it is shown.
        if std::io::stdout().is_terminal() {
            out.write_all(crate::text::visible_lines(&bytes).as_bytes())?;
        } else {
            out.write_all(&bytes)?;
        }
        return Ok(());
    }
    let default_name = || PathBuf::from(export::default_file_name(dataset, &councils, args.format));
    let path = match &args.output {
        // A folder names where the file goes, as with `cp`.
        Some(dir) if dir.is_dir() => dir.join(default_name()),
        Some(path) => path.clone(),
        None => default_name(),
    };
    // A run a signal ends leaves no temporary file behind.
    export::remove_parts_on_signal()?;
    export::write_file_with(dataset, &councils, args.format, &options, &path, args.force).map_err(
        |e| match e {
            ExportError::Exists { .. } => {
                CommandError::Failed(format!("{e}; use --force to overwrite it"))
            }
            other => usage(other),
        },
    )?;
    let ratings: usize = councils
        .iter()
        .map(|&i| dataset.councils[i].ratings.len())
        .sum();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    note(&format!(
        "wrote {} ({}, {})",
        path.display(),
        plural(councils.len(), "council"),
        plural(ratings, "rating")
    ));
    Ok(())
}

/// The strips a picture shows: those `--schemes` names (each unfolded with `--unfold`),
/// else every scheme the councils have, all unfolded with `--unfold`, else folded as in
/// the explorer.
fn choice(dataset: &Dataset, args: &ExportArgs) -> Result<Choice, CommandError> {
    let mut only = Vec::new();
    for id in args.schemes.iter().filter(|id| !id.trim().is_empty()) {
        let scheme = find_scheme(dataset, id)?;
        if !only.contains(&scheme) {
            only.push(scheme);
        }
    }
    Ok(Choice {
        only: (!only.is_empty()).then_some(only),
        unfold_all: args.unfold,
        ..Choice::default()
    })
}
