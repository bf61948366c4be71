//! `trajex` with no command: the explorer, which needs a terminal on both ends.

use std::io::IsTerminal;
use std::sync::Arc;

use super::{CommandError, Outcome};
use crate::app::keymap::Keymap;
use crate::app::{Action, App, Effect, ExportOutcome, TableExport};
use crate::commands::table::TableFormat;
use crate::data::Dataset;
use crate::data::context::Report;
use crate::data::progress::{Progress, Stage};
use crate::export::{self, Format};
use crate::paths::{DatasetSource, Locations, export_dir};
use crate::state::ExportMemory;
use crate::terminal::Ending;
use crate::ui::theme::Theme;

/// Opens the explorer on the dataset in use, after checking that stdin and stdout are
/// terminals and that the config reads; a signal that ends it is the outcome, not an
/// error.
pub fn run(source: &DatasetSource, locations: &Locations) -> Result<Outcome, CommandError> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CommandError::Failed(
            "the explorer needs a terminal; to draw a frame as text use `trajex render`".to_owned(),
        ));
    }
    // Refused before a byte reaches the terminal: a dumb terminal would print the
    // alternate screen and mouse requests as garbage.
    if let Some(why) = no_screen_terminal(std::env::var_os("TERM").as_deref()) {
        return Err(CommandError::Failed(format!(
            "the explorer needs a terminal that can draw a screen ({why}); \
             `trajex show COUNCIL` and `trajex list` print the same as text"
        )));
    }
    let (setup, theme) = setup(locations)?;
    let keymap = setup.keymap.clone();
    // The dataset loads on another thread while the terminal shows a progress bar.
    let (source_in_use, cache) = (source.clone(), locations.cache_dir.clone());
    let load = move |progress: &Arc<Progress>| -> Result<App, CommandError> {
        let dataset = source_in_use.load_with(cache.as_deref(), progress)?.dataset;
        progress.set(Stage::Indexing, 0, 0);
        Ok(setup.app(dataset))
    };
    let ending = crate::terminal::run_loading(source.name(), theme, keymap, load, perform)
        .map_err(|e| CommandError::Failed(format!("{e:#}")))??;
    Ok(match ending {
        Ending::Quit => Outcome::Done,
        Ending::Signal(n) => Outcome::Signal(n),
        // A terminal that went away ends the run as the hang-up it is.
        Ending::Lost => Outcome::Signal(signal_hook::consts::SIGHUP),
    })
}

/// Why a terminal with this `TERM` cannot draw the explorer, if it cannot: unset,
/// empty or `dumb`.
fn no_screen_terminal(term: Option<&std::ffi::OsStr>) -> Option<&'static str> {
    match term.map(|t| t.to_string_lossy()) {
        None => Some("TERM is not set"),
        Some(t) if t.trim().is_empty() => Some("TERM is empty"),
        Some(t) if t == "dumb" => Some("TERM is dumb"),
        Some(_) => None,
    }
}

/// What the config sets up in the explorer, ready for a dataset.
struct Setup {
    keymap: Keymap,
    export_dir: std::path::PathBuf,
    home: Option<std::path::PathBuf>,
    state_file: Option<std::path::PathBuf>,
}

impl Setup {
    fn app(self, dataset: Dataset) -> App {
        let mut app = App::new(dataset, super::today());
        app.keymap = self.keymap;
        app.export_dir = self.export_dir;
        app.home = self.home;
        app.last_export = self.state_file.as_deref().and_then(ExportMemory::load);
        app.state_file = self.state_file;
        app
    }
}

/// Carries out an export or a remembering the explorer asked for, as the terminal's
/// loop does: the action that reports how it went, if any. A file is written through a
/// temporary file and a rename, never over an existing one unless `overwrite`.
pub fn perform(app: &App, effect: Effect) -> Option<Action> {
    if let Effect::Export {
        path, overwrite, ..
    }
    | Effect::ExportTable {
        path, overwrite, ..
    } = &effect
        && !overwrite
        && path.exists()
    {
        return Some(Action::Exported(ExportOutcome::Exists(path.clone())));
    }
    let outcome = match effect {
        Effect::Export {
            councils,
            format,
            path,
            strips,
            overwrite,
        } => {
            let options = export::Options {
                choice: strips,
                text_chart: Some(crate::ui::chart::plain),
                ..export::Options::new(app.today)
            };
            export::write_file_with(&app.dataset, &councils, format, &options, &path, overwrite)
                .map(|()| path)
        }
        Effect::ExportTable {
            table,
            format,
            path,
            overwrite,
        } => {
            let as_table = match format {
                Format::Md => TableFormat::Md,
                Format::Json => TableFormat::Json,
                _ => TableFormat::Csv,
            };
            let dataset = &app.dataset;
            let rows = match table {
                TableExport::Context { scheme, date } => {
                    super::context::national(&Report::at(dataset, scheme, date))
                }
                TableExport::Transitions { scheme } => super::transitions::pairs(
                    dataset,
                    &crate::data::transitions::transitions(dataset, scheme, None, None, None),
                ),
                TableExport::Compare(compare) => super::compare::table(dataset, &compare),
            };
            export::write_atomically_with(&path, overwrite, |out| {
                super::table::write_as(out, as_table, &rows)
            })
            .map(|()| path)
        }
        Effect::Remember(memory) => {
            // Only a convenience: a state file that cannot be written is let go.
            if let Some(file) = &app.state_file {
                let _ = memory.save(file);
            }
            return None;
        }
        Effect::Quit | Effect::Suspend | Effect::Copy(_) => return None,
    };
    Some(Action::Exported(match outcome {
        Ok(path) => ExportOutcome::Written(path),
        Err(e) => ExportOutcome::Failed(format!("Export failed: {e}")),
    }))
}

/// Reads the config: key bindings, export folder and theme.
fn setup(locations: &Locations) -> Result<(Setup, Theme), CommandError> {
    let config = locations.config()?;
    // Checked as the config was read, where an error has a place to point at.
    let keymap = config
        .keymap()
        .map_err(|e| CommandError::Failed(e.to_string()))?;
    let (export_dir, _) = export_dir(&config, locations);
    let theme = Theme::new(config.theme.unwrap_or_default());
    let setup = Setup {
        keymap,
        export_dir,
        home: locations.home_dir.clone(),
        state_file: locations.state_file(),
    };
    Ok((setup, theme))
}

/// The explorer on the dataset in use, set up as the config says: key bindings,
/// export folder and theme. `render` draws the same explorer.
pub fn explorer(
    source: &DatasetSource,
    locations: &Locations,
) -> Result<(App, Theme), CommandError> {
    let (setup, theme) = setup(locations)?;
    let dataset = source.load()?.dataset;
    Ok((setup.app(dataset), theme))
}
