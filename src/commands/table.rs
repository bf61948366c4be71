//! Aligned plain-text columns, measured in terminal cells so wide and accented names
//! keep the columns straight.

use std::io::{self, Write};

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

use crate::ui::text::visible;

/// Writes `rows` as columns two spaces apart; the last column is not padded. Control
/// characters in a cell are written out (`\x1b`), never sent to the terminal.
pub fn write(out: &mut dyn Write, rows: &[Vec<String>]) -> io::Result<()> {
    let rows: Vec<Vec<Cow<str>>> = rows
        .iter()
        .map(|r| r.iter().map(|cell| visible(cell)).collect())
        .collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in &rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < row.len() {
                line.push_str(&" ".repeat(widths[c] - cell.width() + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// `text` padded with spaces to `width` terminal cells.
pub fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_by_display_width() {
        let rows = vec![
            vec!["Ynys Môn".to_owned(), "a".to_owned(), "x".to_owned()],
            vec!["東京".to_owned(), "bb".to_owned(), "".to_owned()],
        ];
        let mut out = Vec::new();
        write(&mut out, &rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Ynys Môn  a   x\n東京      bb\n"
        );
    }
}
