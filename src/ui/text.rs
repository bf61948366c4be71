//! Fitting text into columns by display width, so wide and accented names keep
//! columns aligned.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` cut to at most `width` columns, ending in `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` fitted and padded with spaces to exactly `width` columns.
pub fn pad(text: &str, width: usize) -> String {
    let fitted = fit(text, width);
    let fill = width.saturating_sub(fitted.width());
    format!("{fitted}{}", " ".repeat(fill))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_and_accented_text_is_measured_by_columns() {
        assert_eq!(pad("Ynys Môn", 10), "Ynys Môn  ");
        assert_eq!(fit("Requires improvement to be good", 12), "Requires im…");
        assert_eq!(pad("東京都庁", 5), "東京…");
        assert_eq!(pad("東京都庁", 5).width(), 5);
    }
}
