//! `trajex render [--size WxH] [--keys KEYS]`: one explorer frame as plain text.

use std::io::Write;

use super::CommandError;
use crate::app::App;
use crate::cli::Size;

/// Draws the explorer at `size` after feeding `keys`; bad keys are a usage error.
pub fn run(mut app: App, size: Size, keys: &str, out: &mut dyn Write) -> Result<(), CommandError> {
    let frame = crate::ui::render_command(&mut app, size.width, size.height, keys)
        .map_err(CommandError::Usage)?;
    // The process ends after this frame: freeing a large dataset value by value would
    // cost more than drawing it (a tenth of a warm start at 30,000 councils), and the
    // operating system takes the memory back whole.
    std::mem::forget(app);
    out.write_all(frame.as_bytes())?;
    if !frame.is_empty() && !frame.ends_with('\n') {
        writeln!(out)?;
    }
    Ok(())
}
