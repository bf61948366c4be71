//! Drawing the explorer: one file per pane, all reading `&App`.

use crate::data::Dataset;

/// `trajex render`: the explorer frame after feeding `keys`, as plain text lines.
pub fn render_command(dataset: Dataset, width: u16, height: u16, keys: &str) -> Result<String, String> {
    let _ = (dataset, width, height, keys);
    Ok(String::new())
}

/// A council's timeline charts as plain text, `width` columns wide (for `show` and Markdown).
pub fn chart_text(dataset: &Dataset, council: usize, width: u16) -> String {
    let _ = (dataset, council, width);
    String::new()
}
