//! Fitting text into columns by display width, so wide and accented names keep
//! columns aligned.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Whether `c` is a character that text from a file must never send to a terminal
/// as it is: a control character (C0, DEL, C1), a bidi override, embedding, isolate or
/// mark (which reorder what follows them, shifting columns and disguising names), or a
/// zero-width character (which hides inside a name and upsets column counts).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// `text` with every control character written out visibly (`\x1b`, `\n`), and every
/// bidi or zero-width character as `\u{202e}`, so a name or note can never move the
/// cursor, clear the screen, retitle the window or reorder a line, and the reader sees
/// that something odd is there. The one rule for untrusted text on its way to a
/// terminal.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            c if is_hidden(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A whole document bound for a terminal (an export written to stdout when stdout is
/// a terminal): each line shown as [`visible`] shows it, the line breaks kept, so the
/// document reads as itself and nothing in it is obeyed (a CR ending a line stays). Bytes that are not UTF-8 are
/// shown as the replacement character.
pub fn visible_lines(document: &[u8]) -> String {
    let text = String::from_utf8_lossy(document);
    let mut out = String::with_capacity(text.len());
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        // A CR just before the LF is a CSV's line ending, harmless there.
        let (line, crlf) = match line.strip_suffix('\r') {
            Some(line) => (line, true),
            None => (line, false),
        };
        out.push_str(&visible(line));
        if crlf {
            out.push('\r');
        }
    }
    out
}

/// Whether `url` is a web address (`http:` or `https:`, in any case): the only kind
/// made a link in an export or copied to the clipboard. A `javascript:`, `data:` or
/// `file:` address is shown as text, never followed with one click.
pub fn is_web_url(url: &str) -> bool {
    let url = url.trim_start();
    ["http://", "https://"].iter().any(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
    })
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

/// The first of `choices` (longest, most complete first) that fits in `width`
/// columns whole; when none does, the last cut with `…`. So a title gives up whole
/// parts before any is cut, and a cut always shows: "Councils 1/492 of 100000",
/// then "1/492 of 100000", never "Councils 1/492 of 10000".
pub fn fit_first<S: AsRef<str>>(choices: &[S], width: usize) -> String {
    choices
        .iter()
        .map(|c| visible(c.as_ref()))
        .find(|c| c.width() <= width)
        .map(|c| c.into_owned())
        .or_else(|| choices.last().map(|c| fit(c.as_ref(), width)))
        .unwrap_or_default()
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
    fn a_document_for_a_terminal_keeps_its_lines_and_shows_the_rest() {
        assert_eq!(
            visible_lines(b"a,\x1b]52;c;aGk=\x07\nb\r\n\rc\n\xe2\x80\xae\n"),
            "a,\\x1b]52;c;aGk=\\x07\nb\r\n\\rc\n\\u{202e}\n"
        );
    }

    #[test]
    fn only_http_and_https_addresses_are_web_urls() {
        assert!(is_web_url("https://example.org/a"));
        assert!(is_web_url("HTTP://example.org"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("JavaScript://example.org/%0aalert(1)"));
        assert!(!is_web_url("file:///etc/passwd"));
        assert!(!is_web_url("httpx://example.org"));
        assert!(!is_web_url("ht"));
    }

    #[test]
    fn bidi_and_zero_width_characters_are_written_out_not_obeyed() {
        assert_eq!(visible("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(
            visible("\u{200b}\u{200d}\u{200e}\u{2066}\u{2069}\u{2060}\u{feff}"),
            "\\u{200b}\\u{200d}\\u{200e}\\u{2066}\\u{2069}\\u{2060}\\u{feff}"
        );
        assert!(matches!(
            visible("Saint Helens – Merseyside"),
            Cow::Borrowed(_)
        ));
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
    fn a_title_gives_up_whole_parts_first_and_a_cut_ends_in_an_ellipsis() {
        let choices = ["Councils 1/492 of 100000", "1/492 of 100000"];
        assert_eq!(fit_first(&choices, 30), "Councils 1/492 of 100000");
        assert_eq!(fit_first(&choices, 20), "1/492 of 100000");
        assert_eq!(fit_first(&choices, 10), "1/492 of …");
        assert_eq!(fit_first::<&str>(&[], 10), "");
    }

    #[test]
    fn wide_and_accented_text_is_measured_by_columns() {
        assert_eq!(pad("Ynys Môn", 10), "Ynys Môn  ");
        assert_eq!(fit("Requires improvement to be good", 12), "Requires im…");
        assert_eq!(pad("東京都庁", 5), "東京…");
        assert_eq!(pad("東京都庁", 5).width(), 5);
    }
}
