//! `trajex` with no command: the explorer, which needs a terminal on both ends.

use std::io::IsTerminal;

use super::CommandError;
use crate::app::App;
use crate::data::Date;
use crate::paths::{DatasetSource, Locations, export_dir};

/// Opens the explorer on the dataset in use, after checking that stdin and stdout are
/// terminals and that the config reads.
pub fn run(source: &DatasetSource, locations: &Locations) -> Result<(), CommandError> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CommandError::Failed(
            "the explorer needs a terminal; to draw a frame as text use `trajex render`".to_owned(),
        ));
    }
    let config = locations.config()?;
    let dataset = source.load()?.dataset;
    let (exports, _) = export_dir(&config, locations);
    let app = App::new(dataset, Date::today());
    crate::terminal::run(app, exports).map_err(|e| CommandError::Failed(format!("{e:#}")))
}
