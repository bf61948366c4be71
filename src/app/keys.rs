//! Key names: parsing `render --keys` strings like `jj/tower<Enter>`.

use ratatui::crossterm::event::KeyEvent;

/// Parses typed characters and `<Name>` keys into key events.
pub fn parse_keys(_spec: &str) -> Result<Vec<KeyEvent>, String> {
    Ok(Vec::new())
}
