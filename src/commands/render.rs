//! `trajex render [--size WxH] [--keys KEYS]`: one explorer frame as plain text.

use std::io::Write;

use super::CommandError;
use crate::cli::Size;
use crate::data::Dataset;

/// Draws the explorer at `size` after feeding `keys`; bad keys are a usage error.
pub fn run(
    dataset: Dataset,
    size: Size,
    keys: &str,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let frame = crate::ui::render_command(dataset, size.width, size.height, keys)
        .map_err(CommandError::Usage)?;
    out.write_all(frame.as_bytes())?;
    if !frame.is_empty() && !frame.ends_with('\n') {
        writeln!(out)?;
    }
    Ok(())
}
