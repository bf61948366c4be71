//! Fitting text into columns by display width, so wide and accented names keep
//! columns aligned.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` with every control character written out visibly (`\x1b`, `\n`), so a
/// name or note can never move the cursor, clear the screen or retitle the window,
/// and the reader sees that something odd is there.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` cut to at most `width` columns, ending in `…` when cut; control characters
/// are shown escaped (see [`visible`]).
pub fn fit(text: &str, width: usize) -> String {
    let text = &*visible(text);
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

/// A count with its noun agreeing: `count(1, "council", "councils")` is "1 council".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `text` broken at spaces into lines of at most `width` columns; a word longer than
/// that is cut into pieces.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let last = lines.len() - 1;
        let used = lines[last].width();
        if used > 0 && used + 1 + word.width() <= width {
            lines[last].push(' ');
            lines[last].push_str(word);
            continue;
        }
        if used > 0 {
            lines.push(String::new());
        }
        for c in word.chars() {
            let last = lines.len() - 1;
            if lines[last].width() + c.width().unwrap_or(0) > width {
                lines.push(String::new());
            }
            let last = lines.len() - 1;
            lines[last].push(c);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_written_out_not_obeyed() {
        assert_eq!(
            visible("\x1b[2J\x1b]0;pwned\x07"),
            "\\x1b[2J\\x1b]0;pwned\\x07"
        );
        assert_eq!(visible("a\nb\u{9b}c"), "a\\nb\\x9bc");
        assert!(matches!(visible("Ynys Môn"), Cow::Borrowed(_)));
        assert_eq!(fit("\x1b[31mred", 8), "\\x1b[31…");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_cuts_only_a_word_too_long_for_a_line() {
        assert_eq!(
            wrap("Tower Hamlets children's services", 14),
            ["Tower Hamlets", "children's", "services"]
        );
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
    }

    #[test]
    fn wide_and_accented_text_is_measured_by_columns() {
        assert_eq!(pad("Ynys Môn", 10), "Ynys Môn  ");
        assert_eq!(fit("Requires improvement to be good", 12), "Requires im…");
        assert_eq!(pad("東京都庁", 5), "東京…");
        assert_eq!(pad("東京都庁", 5).width(), 5);
    }
}
