//! RON syntax errors as positioned problems: one plain sentence for each of RON's
//! errors, the missing quote found where it was left out, and byte offsets turned into
//! lines and columns.

use std::sync::OnceLock;

use super::Problem;
use super::check::{At, Locate, Place};

/// A RON syntax or shape error in `text` as one positioned sentence; shared by every
/// RON file trajex reads (the dataset, the config).
pub fn syntax_problem(text: &str, error: &ron::error::SpannedError) -> Problem {
    let lines = LineIndex::new(text);
    let (line, col) = (error.span.start.line.max(1), error.span.start.col.max(1));
    match unclosed_string(text, lines.offset(text, line, col)) {
        Some(open) if !matches!(error.code, ron::Error::NoSuchStructField { .. }) => {
            let (l, c) = lines.position(text, open);
            Problem::error(
                l,
                c,
                "unterminated string: a closing `\"` is missing".to_owned(),
            )
        }
        _ => Problem::error(line, col, syntax_message(&error.code)),
    }
}

/// A problem found after parsing, at byte `offset` of `text`.
pub fn problem_at(text: &str, offset: usize, message: String) -> Problem {
    let (line, col) = LineIndex::new(text).position(text, offset);
    Problem::error(line, col, message)
}

/// Turns RON's error into one sentence a dataset author can act on.
fn syntax_message(code: &ron::Error) -> String {
    use ron::Error as E;
    let outer = |outer: &Option<String>| {
        outer
            .as_deref()
            .map(|o| format!(" in {o}"))
            .unwrap_or_default()
    };
    match code {
        E::NoSuchStructField {
            expected,
            found,
            outer: o,
        } => format!(
            "unknown field `{found}`{}; expected one of: {}",
            outer(o),
            expected.join(", ")
        ),
        E::MissingStructField { field, outer: o } => format!("missing field `{field}`{}", outer(o)),
        E::DuplicateStructField { field, outer: o } => {
            format!("field `{field}` is given twice{}", outer(o))
        }
        E::NoSuchEnumVariant {
            expected, found, ..
        } => {
            format!(
                "unknown name `{found}`; expected one of: {}",
                expected.join(", ")
            )
        }
        E::ExpectedStringEnd => "unterminated string: a closing `\"` is missing".to_owned(),
        E::Eof => "the file ends too early: a closing bracket or quote is missing".to_owned(),
        E::ExceededRecursionLimit => "the file nests too deeply to be a dataset".to_owned(),
        E::ExpectedDifferentStructName { expected, found } => {
            format!("expected `{expected}` here, found `{found}`")
        }
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => format!("syntax error: {}{}", first.to_lowercase(), chars.as_str()),
                None => "syntax error".to_owned(),
            }
        }
    }
}

/// The opening quote of the last string before `offset` that runs across a line
/// break: where a missing closing quote usually is, since RON reads on to the next
/// quote and reports the error far below.
fn unclosed_string(text: &str, offset: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut i, mut found) = (0, None);
    while i < offset.min(bytes.len()) {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if i >= bytes.len() || text[start..i].contains('\n') {
                    found = Some(start);
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// A RON text, where a place is the byte offset of a string borrowed from it.
pub(super) struct RonText<'t> {
    text: &'t str,
    /// Built at the first problem or warning: most files have none.
    lines: OnceLock<LineIndex>,
}

impl<'t> RonText<'t> {
    pub fn new(text: &'t str) -> Self {
        RonText {
            text,
            lines: OnceLock::new(),
        }
    }
}

impl Locate for RonText<'_> {
    /// RON strings point past their opening quote; the quote is where the value starts.
    fn at(&self, s: &str) -> At {
        let base = self.text.as_ptr() as usize;
        let p = s.as_ptr() as usize;
        if p >= base && p <= base + self.text.len() {
            let offset = p - base;
            let quoted = offset > 0 && self.text.as_bytes()[offset - 1] == b'"';
            At(Some(if quoted { offset - 1 } else { offset }))
        } else {
            At(None)
        }
    }

    fn place(&self, at: At) -> Place {
        let lines = self.lines.get_or_init(|| LineIndex::new(self.text));
        let (line, col) = at.0.map_or((1, 1), |o| lines.position(self.text, o));
        Place {
            line,
            col,
            column: None,
        }
    }
}

/// How far apart [`LineIndex`] keeps its column marks, in bytes: a column is counted
/// from the nearest mark, so placing a problem on a line of any length costs at most
/// this many bytes, and placing N problems on one long line takes time linear in N.
const MARK_EVERY: usize = 1024;

/// Byte offset to line and column.
pub(super) struct LineIndex {
    starts: Vec<usize>,
    /// `(offset, characters from the start of its line to it)`, at each char boundary
    /// at or after every [`MARK_EVERY`]th byte that does not start a line.
    marks: Vec<(usize, usize)>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut marks = Vec::new();
        let (mut line, mut next) = (0, MARK_EVERY);
        while next < text.len() {
            let at = (next..=text.len())
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(text.len());
            while line + 1 < starts.len() && starts[line + 1] <= at {
                line += 1;
            }
            let start = starts[line];
            let (from, counted) = match marks.last() {
                Some(&(offset, chars)) if offset >= start => (offset, chars),
                _ => (start, 0),
            };
            marks.push((at, counted + text[from..at].chars().count()));
            next = at + MARK_EVERY;
        }
        Self { starts, marks }
    }

    fn offset(&self, text: &str, line: usize, col: usize) -> usize {
        let start = self.starts.get(line - 1).copied().unwrap_or(text.len());
        text[start..]
            .char_indices()
            .nth(col - 1)
            .map_or(text.len(), |(i, _)| start + i)
    }

    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let mark = self.marks.partition_point(|&(at, _)| at <= offset);
        let (from, counted) = match mark.checked_sub(1).map(|m| self.marks[m]) {
            Some((at, chars)) if at >= start => (at, chars),
            _ => (start, 0),
        };
        let col = text
            .get(from..offset)
            .map_or(1, |s| counted + s.chars().count() + 1);
        (line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_on_long_lines_count_characters_as_a_plain_count_does() {
        let long = format!("ab\n{}\n\n{}x", "Môn é ".repeat(700), "z".repeat(3000));
        let lines = LineIndex::new(&long);
        assert!(!lines.marks.is_empty());
        for offset in (0..=long.len()).filter(|&o| long.is_char_boundary(o)) {
            let before = &long[..offset];
            let line = 1 + before.matches('\n').count();
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            let col = 1 + long[start..offset].chars().count();
            assert_eq!(lines.position(&long, offset), (line, col), "at {offset}");
        }
    }
}
