//! The only module that touches the real terminal.

use crate::app::App;

/// Runs the explorer until the user quits. `export_dir` is where `e` writes files.
pub fn run(app: App, export_dir: std::path::PathBuf) -> anyhow::Result<()> {
    let _ = (app, export_dir);
    Ok(())
}
