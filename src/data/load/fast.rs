//! The byte-level scanner: RON as trajex writes it (the exporter's and the
//! generator's layout, and files close to it) read straight from the bytes into the
//! same raw records `ron` gives, several times faster. It gives up (`None`) at anything
//! it does not expect (an escape, a block comment, a number it does not write, a field
//! twice, a missing one); the caller then lets `ron` read the whole file, so every
//! error keeps its exact `PATH:LINE:COL` message. Where it accepts a file, it gives what
//! `ron` gives: `tests/it/properties.rs` holds it to that on generated, exported and
//! mutated files.

use std::borrow::Cow;

use ron::extensions::Extensions;
use serde::Deserialize;

use crate::data::raw::{RawCouncil, RawDataset, RawRating, RawScheme, RawSource, RawSummary, Text};

/// What the scanner hands on as it reads: the schemes first, then councils in batches.
pub(super) enum Part<'r> {
    Schemes(Vec<RawScheme<'r>>),
    Councils(Vec<RawCouncil<'r>>),
}

/// The rest of the dataset, kept by the scanner.
#[derive(Default)]
pub(super) struct Rest<'r> {
    pub title: Option<Text<'r>>,
    pub description: Option<Text<'r>>,
    pub summaries: Vec<RawSummary<'r>>,
    pub sources: Vec<RawSource<'r>>,
}

/// Councils handed on at a time: few enough to still be in cache when converted.
pub(super) const BATCH: usize = 64;

/// Reads a whole dataset `text`: each [`Part`] goes to `take` as soon as it is read
/// (`take` answers `false` to stop), `at` hears how many bytes are read after each
/// batch. The schemes must come before the councils, as trajex writes them. `None`
/// where the text holds anything unexpected, or `take` stopped.
pub(super) fn scan<'t>(
    text: &'t str,
    mut take: impl FnMut(Part<'t>) -> bool,
    mut at: impl FnMut(usize),
) -> Option<Rest<'t>> {
    let mut s = Scanner::new(text, 0);
    let mut rest = Rest::default();
    let mut seen = Seen::default();
    s.open("Dataset")?;
    while s.fields(&mut seen, &mut rest, &mut take)? {
        let mut batch = Vec::with_capacity(BATCH);
        while let Some(council) = s.next_council()? {
            batch.push(council);
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                if !take(Part::Councils(full)) {
                    return None;
                }
                at(s.pos);
            }
        }
        if !batch.is_empty() && !take(Part::Councils(batch)) {
            return None;
        }
        s.after_councils(&mut seen)?;
    }
    s.ws()?;
    if s.pos != text.len() || !seen.complete() {
        return None;
    }
    at(s.pos);
    Some(rest)
}

/// The dataset's fields seen so far, and whether its `)` is read.
#[derive(Clone, Copy, Default)]
pub(super) struct Seen {
    title: bool,
    description: bool,
    schemes: bool,
    councils: bool,
    summaries: bool,
    sources: bool,
    closed: bool,
}

impl Seen {
    /// Whether the dataset is closed with what it must hold.
    pub fn complete(&self) -> bool {
        self.closed && self.title && self.councils
    }
}

/// The scanner alone: every record of `text` collected, as `ron` would give them
/// (`None` where the scanner gives up). For the benchmarks and the property test.
pub(super) fn raw(text: &str) -> Option<RawDataset<'_>> {
    let (mut schemes, mut councils) = (Vec::new(), Vec::new());
    let rest = scan(
        text,
        |part| {
            match part {
                Part::Schemes(raw) => schemes = raw,
                Part::Councils(batch) => councils.extend(batch),
            }
            true
        },
        |_| {},
    )?;
    Some(RawDataset {
        title: rest.title?,
        description: rest.description,
        schemes,
        councils,
        summaries: rest.summaries,
        sources: rest.sources,
    })
}

/// Marks a field seen; `None` if it was seen before.
fn flag(seen: &mut bool) -> Option<()> {
    (!std::mem::replace(seen, true)).then_some(())
}

/// Fills `slot`; `None` if it was filled before (a field given twice).
fn once_set<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    match slot {
        Some(_) => None,
        None => {
            *slot = Some(value);
            Some(())
        }
    }
}

/// A cursor over the text; every method gives `None` at what it does not expect.
pub(super) struct Scanner<'t> {
    text: &'t str,
    pub pos: usize,
}

impl<'t> Scanner<'t> {
    pub fn new(text: &'t str, pos: usize) -> Self {
        Scanner { text, pos }
    }

    /// Reads the dataset's fields (its `Dataset(` read before) up to the councils:
    /// `true` with the councils' `[` read, `false` once the dataset's `)` is read. The
    /// schemes go to `take` as soon as they are read.
    pub fn fields(
        &mut self,
        seen: &mut Seen,
        rest: &mut Rest<'t>,
        take: &mut impl FnMut(Part<'t>) -> bool,
    ) -> Option<bool> {
        if seen.closed {
            return Some(false);
        }
        while let Some(field) = self.field()? {
            match field {
                "title" => {
                    flag(&mut seen.title)?;
                    rest.title = Some(self.string()?);
                }
                "description" => {
                    flag(&mut seen.description)?;
                    rest.description = self.opt(Scanner::string)?;
                }
                "schemes" => {
                    flag(&mut seen.schemes)?;
                    let raw: Vec<RawScheme<'t>> = self.by_ron()?;
                    if !take(Part::Schemes(raw)) {
                        return None;
                    }
                }
                "councils" => {
                    if !seen.schemes {
                        return None;
                    }
                    flag(&mut seen.councils)?;
                    self.eat(b'[')?;
                    return Some(true);
                }
                "summaries" => {
                    flag(&mut seen.summaries)?;
                    rest.summaries = self.by_ron()?;
                }
                "sources" => {
                    flag(&mut seen.sources)?;
                    rest.sources = self.by_ron()?;
                }
                _ => return None,
            }
            if !self.comma_or_close()? {
                break;
            }
        }
        seen.closed = true;
        Some(false)
    }

    /// The next council of the councils list, `None` inside once the list's `]` is
    /// read.
    pub fn next_council(&mut self) -> Option<Option<RawCouncil<'t>>> {
        if self.try_eat(b']')? {
            return Some(None);
        }
        let council = self.council()?;
        if !self.try_eat(b',')? {
            // The list must close here; the `]` is read at the next call.
            if self.peek()? != b']' {
                return None;
            }
        }
        Some(Some(council))
    }

    /// After the councils list's `]`: the `,` before more fields, or the dataset's `)`.
    pub fn after_councils(&mut self, seen: &mut Seen) -> Option<()> {
        if !self.comma_or_close()? {
            seen.closed = true;
        }
        Some(())
    }

    /// Skips spaces, tabs, line breaks and `//` comments (a block comment, or any other
    /// space RON allows, is left for `ron`).
    #[inline]
    pub fn ws(&mut self) -> Option<()> {
        let b = self.text.as_bytes();
        loop {
            while let Some(&c) = b.get(self.pos) {
                if matches!(c, b' ' | b'\n' | b'\t' | b'\r') {
                    self.pos += 1;
                } else {
                    break;
                }
            }
            if b.get(self.pos) == Some(&b'/') && b.get(self.pos + 1) == Some(&b'/') {
                // A comment that ends the file without a line break: left for `ron`.
                let n = memchr::memchr(b'\n', &b[self.pos..])?;
                self.pos += n + 1;
            } else {
                return Some(());
            }
        }
    }

    #[inline]
    fn peek(&mut self) -> Option<u8> {
        self.ws()?;
        self.text.as_bytes().get(self.pos).copied()
    }

    /// Whether the next byte is `c`, consumed if it is.
    #[inline]
    fn try_eat(&mut self, c: u8) -> Option<bool> {
        if self.peek()? == c {
            self.pos += 1;
            Some(true)
        } else {
            Some(false)
        }
    }

    #[inline]
    fn eat(&mut self, c: u8) -> Option<()> {
        self.try_eat(c)?.then_some(())
    }

    /// An ASCII identifier (a raw `r#…` or non-ASCII one is left for `ron`).
    #[inline]
    fn ident(&mut self) -> Option<&'t str> {
        self.ws()?;
        let b = self.text.as_bytes();
        let start = self.pos;
        if !b
            .get(start)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
        {
            return None;
        }
        let mut end = start + 1;
        while let Some(&c) = b.get(end) {
            if c.is_ascii_alphanumeric() || c == b'_' {
                end += 1;
            } else if c >= 0x80 {
                return None;
            } else {
                break;
            }
        }
        self.pos = end;
        Some(&self.text[start..end])
    }

    /// `Name(` or `(`: a struct opens.
    #[inline]
    pub fn open(&mut self, name: &str) -> Option<()> {
        if self.peek()? != b'(' && self.ident()? != name {
            return None;
        }
        self.eat(b'(')
    }

    /// The next field's name and its `:`; `None` inside where the struct closes.
    #[inline]
    fn field(&mut self) -> Option<Option<&'t str>> {
        if self.try_eat(b')')? {
            return Some(None);
        }
        let name = self.ident()?;
        self.eat(b':')?;
        Some(Some(name))
    }

    /// After a field: `true` at a `,` (more may follow), `false` at the closing `)`.
    #[inline]
    fn comma_or_close(&mut self) -> Option<bool> {
        match self.peek()? {
            b',' => {
                self.pos += 1;
                Some(true)
            }
            b')' => {
                self.pos += 1;
                Some(false)
            }
            _ => None,
        }
    }

    /// A string with no escapes, borrowed from the text.
    #[inline]
    fn string(&mut self) -> Option<Text<'t>> {
        self.eat(b'"')?;
        let start = self.pos;
        let b = self.text.as_bytes();
        let n = memchr::memchr2(b'"', b'\\', &b[start..])?;
        if b[start + n] != b'"' {
            return None;
        }
        self.pos = start + n + 1;
        Some(Text(Cow::Borrowed(&self.text[start..start + n])))
    }

    /// A number as trajex writes one: `-?D+(.D+)?`, read as `ron` reads it.
    fn float(&mut self) -> Option<f64> {
        self.ws()?;
        let b = self.text.as_bytes();
        let start = self.pos;
        let mut end = start + usize::from(b.get(start) == Some(&b'-'));
        let digits = |mut i: usize| {
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            i
        };
        let whole = digits(end);
        if whole == end {
            return None;
        }
        end = whole;
        if b.get(end) == Some(&b'.') {
            let fraction = digits(end + 1);
            if fraction == end + 1 {
                return None;
            }
            end = fraction;
        }
        if b.get(end).is_some_and(|c| {
            c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'+' | b'-') || *c >= 0x80
        }) {
            return None;
        }
        self.pos = end;
        self.text[start..end].parse().ok()
    }

    /// `None`, `Some(v)` or a bare `v` (RON's `implicit_some`).
    #[inline]
    fn opt<T>(&mut self, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.peek()?.is_ascii_alphabetic() {
            return match self.ident()? {
                "None" => Some(None),
                "Some" => {
                    self.eat(b'(')?;
                    let v = value(self)?;
                    self.eat(b')')?;
                    Some(Some(v))
                }
                _ => None,
            };
        }
        value(self).map(Some)
    }

    /// `[v, v, …]`, a trailing comma allowed.
    #[inline]
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.eat(b'[')?;
        let mut out = Vec::new();
        loop {
            if self.try_eat(b']')? {
                return Some(out);
            }
            out.push(item(self)?);
            if !self.try_eat(b',')? {
                self.eat(b']')?;
                return Some(out);
            }
        }
    }

    /// A council, as `RawCouncil` deserializes it.
    fn council(&mut self) -> Option<RawCouncil<'t>> {
        self.open("Council")?;
        let (mut id, mut name, mut code, mut aliases, mut region, mut kind) =
            (None, None, None, None, None, None);
        let (mut neighbours, mut succeeded_by, mut ended, mut ratings) = (None, None, None, None);
        while let Some(field) = self.field()? {
            match field {
                "id" => once_set(&mut id, self.string()?)?,
                "name" => once_set(&mut name, self.string()?)?,
                "code" => once_set(&mut code, self.opt(Self::string)?)?,
                "aliases" => once_set(&mut aliases, self.list(Self::string)?)?,
                "region" => once_set(&mut region, self.opt(Self::string)?)?,
                "kind" => once_set(&mut kind, self.opt(Self::string)?)?,
                "neighbours" => once_set(&mut neighbours, self.list(Self::string)?)?,
                "succeeded_by" => once_set(&mut succeeded_by, self.list(Self::string)?)?,
                "ended" => once_set(&mut ended, self.opt(Self::string)?)?,
                "ratings" => once_set(&mut ratings, self.list(Self::rating)?)?,
                _ => return None,
            }
            if !self.comma_or_close()? {
                break;
            }
        }
        Some(RawCouncil {
            id: id?,
            name: name?,
            code: code.flatten(),
            aliases: aliases.unwrap_or_default(),
            region: region.flatten(),
            kind: kind.flatten(),
            neighbours: neighbours.unwrap_or_default(),
            succeeded_by: succeeded_by.unwrap_or_default(),
            ended: ended.flatten(),
            ratings: ratings.unwrap_or_default(),
        })
    }

    /// A rating, as `RawRating` deserializes it.
    fn rating(&mut self) -> Option<RawRating<'t>> {
        self.open("Rating")?;
        let (mut scheme, mut date, mut level, mut value, mut note, mut source) =
            (None, None, None, None, None, None);
        while let Some(field) = self.field()? {
            match field {
                "scheme" => once_set(&mut scheme, self.string()?)?,
                "date" => once_set(&mut date, self.string()?)?,
                "level" => once_set(&mut level, self.opt(Self::string)?)?,
                "value" => once_set(&mut value, self.opt(Self::float)?)?,
                "note" => once_set(&mut note, self.opt(Self::string)?)?,
                "source" => once_set(&mut source, self.opt(Self::string)?)?,
                _ => return None,
            }
            if !self.comma_or_close()? {
                break;
            }
        }
        Some(RawRating {
            scheme: scheme?,
            date: date?,
            level: level.flatten(),
            value: value.flatten(),
            note: note.flatten(),
            source: source.flatten(),
        })
    }

    /// The next value read by `ron` itself (the schemes, summaries and sources: few,
    /// and richer in shape). Its strings still borrow from the whole text.
    fn by_ron<T: Deserialize<'t>>(&mut self) -> Option<T> {
        self.ws()?;
        let start = self.pos;
        let end = self.value_end()?;
        let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
        let value = options.from_str(&self.text[start..end]).ok()?;
        self.pos = end;
        Some(value)
    }

    /// Where the value at the cursor ends: the `,` or closing bracket after it, brackets
    /// and strings counted.
    fn value_end(&self) -> Option<usize> {
        let b = self.text.as_bytes();
        let mut depth = 0usize;
        let mut i = self.pos;
        while let Some(&c) = b.get(i) {
            match c {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' if depth == 0 => return Some(i),
                b')' | b']' | b'}' => depth -= 1,
                b',' if depth == 0 => return Some(i),
                b'"' => {
                    i += 1;
                    loop {
                        i += memchr::memchr2(b'"', b'\\', b.get(i..)?)?;
                        if b[i] == b'"' {
                            break;
                        }
                        i += 2;
                    }
                }
                b'/' if b.get(i + 1) == Some(&b'/') => {
                    i += memchr::memchr(b'\n', &b[i..])?;
                }
                // A raw string, a character, a block comment: left for `ron`.
                b'r' if matches!(b.get(i + 1), Some(b'"' | b'#')) => return None,
                b'\'' | b'/' => return None,
                _ => {}
            }
            i += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn councils(text: &str) -> Option<Vec<String>> {
        let mut out = Vec::new();
        scan(
            text,
            |part| {
                if let Part::Councils(batch) = part {
                    out.extend(batch.iter().map(|c| format!("{c:?}")));
                }
                true
            },
            |_| {},
        )?;
        Some(out)
    }

    #[test]
    fn the_scanner_reads_optional_and_bare_values_as_ron_does() {
        let text = r#"Dataset(title: "t", schemes: [], councils: [
            Council(id: "a", name: "A", code: Some("X"), ended: None, ratings: [
                Rating(scheme: "s", date: "2001", value: Some(-2.5), level: None),
                (scheme: "s", date: "2002", value: 3.0, note: "n", ), // trailing
            ]),
        ], )"#;
        let ours = councils(text).unwrap();
        let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
        let theirs: crate::data::raw::RawDataset = options.from_str(text).unwrap();
        let theirs: Vec<String> = theirs.councils.iter().map(|c| format!("{c:?}")).collect();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn where_the_scanner_reads_an_odd_spelling_ron_reads_the_same() {
        let good = r#"Dataset(title: "t", schemes: [], councils: [Council(id: "a", name: "A", code: "X", ratings: [Rating(scheme: "s", date: "d", value: 2.5)])])"#;
        let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
        let mut read = 0;
        for (from, to) in [
            ("Council(", "Council ("),
            ("Council(", "Council\n\t(\r\n"),
            ("Council(", "("),
            ("Rating(", "Rating ("),
            (r#"code: "X""#, r#"code: Some ("X")"#),
            (r#"code: "X""#, r#"code: Some( "X" )"#),
            (r#"code: "X""#, "code: None"),
            (r#"code: "X""#, r#"code: "X" // a comment, then the comma"#),
            ("2.5", "3"),
            ("2.5", "-0"),
            ("2.5", "00.5"),
            ("2.5", "-12.000"),
            ("2.5", "Some(7)"),
            ("2.5", "2.5f64"),
            ("2.5", "2."),
            ("2.5", ".5"),
            ("2.5", "+2.5"),
            ("2.5", "1_0.5"),
            ("Dataset(", "Dataset ("),
            ("])])", "],)],)"),
            ("])])", "])])\n// the end\n"),
            (r#"name: "A""#, r#"name: "Ynys Môn ""#),
        ] {
            assert!(good.contains(from));
            let text = good.replacen(from, to, 1);
            if let Some(ours) = raw(&text) {
                read += 1;
                let theirs: Result<RawDataset, _> = options.from_str(&text);
                match theirs {
                    Ok(theirs) => assert_eq!(format!("{ours:?}"), format!("{theirs:?}"), "{text}"),
                    Err(e) => panic!("ron refuses what the scanner reads ({e}): {text}"),
                }
            }
        }
        assert!(read >= 14, "the scanner read {read}");
    }

    #[test]
    fn the_scanner_gives_up_on_what_it_does_not_write() {
        let good = r#"Dataset(title: "t", schemes: [], councils: [Council(id: "a", name: "A")])"#;
        assert!(councils(good).is_some());
        for (from, to) in [
            (r#""A""#, r#""A\n""#),
            ("Council(", "Councl("),
            (r#"name: "A""#, r#"name: "A", name: "B""#),
            (r#"name: "A""#, r#"nam: "A""#),
            (r#"id: "a", "#, ""),
            ("])", "]) /* end */"),
            ("])", "])x"),
            ("Dataset(", "#![enable(implicit_some)] Dataset("),
            (
                "councils: [",
                "councils: [Council(id: \"b\", name: \"B\", ratings: [Rating(scheme: \"s\", date: \"d\", value: 1e3)]), ",
            ),
        ] {
            assert!(good.contains(from));
            let text = good.replacen(from, to, 1);
            assert!(councils(&text).is_none(), "{text}");
        }
    }
}
