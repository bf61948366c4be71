//! `trajex` with no command: the explorer, which needs a terminal on both ends.

use std::io::IsTerminal;

use super::CommandError;
use crate::app::App;
use crate::app::keymap::Keymap;
use crate::data::Date;
use crate::paths::{DatasetSource, Locations, export_dir};
use crate::ui::theme::Theme;

/// Opens the explorer on the dataset in use, after checking that stdin and stdout are
/// terminals and that the config reads.
pub fn run(source: &DatasetSource, locations: &Locations) -> Result<(), CommandError> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CommandError::Failed(
            "the explorer needs a terminal; to draw a frame as text use `trajex render`".to_owned(),
        ));
    }
    let (app, theme) = explorer(source, locations)?;
    crate::terminal::run(app, theme).map_err(|e| CommandError::Failed(format!("{e:#}")))
}

/// The explorer on the dataset in use, set up as the config says: key bindings,
/// export folder and theme. `render` draws the same explorer.
pub fn explorer(
    source: &DatasetSource,
    locations: &Locations,
) -> Result<(App, Theme), CommandError> {
    let config = locations.config()?;
    let keymap = Keymap::with_overrides(&config.keys).map_err(|e| {
        let path = locations
            .config_file()
            .map_or("the config".to_owned(), |p| p.display().to_string());
        CommandError::Failed(format!("{path}: {e}"))
    })?;
    let dataset = source.load()?.dataset;
    let (exports, _) = export_dir(&config, locations);
    let mut app = App::new(dataset, Date::today());
    app.keymap = keymap;
    app.export_dir = exports;
    Ok((app, Theme::new(config.theme.unwrap_or_default())))
}
