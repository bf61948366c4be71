//! Tables as commands print them: aligned plain-text columns, measured in terminal cells
//! so wide and accented names keep the columns straight, or a [`Table`] of typed cells
//! written as CSV, Markdown or JSON (`--format`) for a spreadsheet, a report or a
//! program.

use std::io::{self, Write};

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

use crate::data::model::format_value;
use crate::export::csv::neutralise;
use crate::text::{fit, visible, wrap};

/// A format `list`, `context` and `transitions` write their tables in instead of
/// aligned text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    /// Comma-separated, a header row first; a cell a spreadsheet would run as a formula
    /// gets a leading `'`, as in the tidy CSV export.
    Csv,
    /// A Markdown table, numbers right-aligned.
    Md,
    /// An array of objects, one per row, keyed by the column names in order.
    Json,
}

impl TableFormat {
    /// The format a user names, case-insensitively: `csv`, `md` (or `markdown`), `json`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "csv" => Some(Self::Csv),
            "md" | "markdown" => Some(Self::Md),
            "json" => Some(Self::Json),
            _ => None,
        }
    }
}

/// One cell of a [`Table`]: text, a count, a figure (a share, a percentile, a median),
/// or nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Count(u64),
    /// Written to one decimal place at most: `17.9`, `27`.
    Figure(f64),
    Empty,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Self {
        Self::Text(text.into())
    }

    /// The cell as CSV and Markdown write it.
    fn plain(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Figure(x) => figure(*x),
            Cell::Empty => String::new(),
        }
    }
}

/// A figure rounded to one decimal place, without a trailing `.0`.
pub fn figure(x: f64) -> String {
    format_value((x * 10.0).round() / 10.0)
}

/// Named columns and rows of cells, one cell per column.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(columns: &[&str]) -> Self {
        Self {
            columns: columns.iter().map(|&c| c.to_owned()).collect(),
            rows: Vec::new(),
        }
    }
}

/// Writes `table` in `format`. Control characters in text cells are written out
/// (`\x1b`) in CSV and Markdown and escaped by JSON: no table drives the terminal.
pub fn write_as(out: &mut dyn Write, format: TableFormat, table: &Table) -> io::Result<()> {
    match format {
        TableFormat::Csv => write_csv(out, table),
        TableFormat::Md => write_md(out, table),
        TableFormat::Json => write_json(out, table),
    }
}

fn write_csv(out: &mut dyn Write, table: &Table) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let text = |cell: &str| neutralise(&visible(cell));
    let fail = |e: ::csv::Error| io::Error::other(e.to_string());
    writer
        .write_record(table.columns.iter().map(|c| text(c)))
        .map_err(fail)?;
    for row in &table.rows {
        writer
            .write_record(row.iter().map(|cell| match cell {
                Cell::Text(t) => text(t),
                other => other.plain(),
            }))
            .map_err(fail)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| io::Error::other(e.to_string()))?;
    out.write_all(&bytes)
}

fn write_md(out: &mut dyn Write, table: &Table) -> io::Result<()> {
    let text = |cell: &str| visible(cell).replace('|', "\\|");
    let numeric: Vec<bool> = (0..table.columns.len())
        .map(|c| {
            table
                .rows
                .iter()
                .any(|r| matches!(r.get(c), Some(Cell::Count(_) | Cell::Figure(_))))
                && table
                    .rows
                    .iter()
                    .all(|r| !matches!(r.get(c), Some(Cell::Text(_))))
        })
        .collect();
    let line = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    writeln!(
        out,
        "{}",
        line(table.columns.iter().map(|c| text(c)).collect())
    )?;
    writeln!(
        out,
        "{}",
        line(
            numeric
                .iter()
                .map(|&n| if n { "---:" } else { "---" }.to_owned())
                .collect()
        )
    )?;
    for row in &table.rows {
        let cells = row
            .iter()
            .map(|cell| match cell {
                Cell::Text(t) => text(t),
                other => other.plain(),
            })
            .collect();
        writeln!(out, "{}", line(cells))?;
    }
    Ok(())
}

fn write_json(out: &mut dyn Write, table: &Table) -> io::Result<()> {
    let value = |cell: &Cell| match cell {
        Cell::Text(t) => serde_json::Value::from(t.as_str()),
        Cell::Count(n) => serde_json::Value::from(*n),
        Cell::Figure(x) => figure(*x)
            .parse::<serde_json::Number>()
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        Cell::Empty => serde_json::Value::Null,
    };
    // Written by hand so each object keeps the columns' order.
    let key = |k: &str| serde_json::to_string(k).map_err(io::Error::other);
    writeln!(out, "[")?;
    for (i, row) in table.rows.iter().enumerate() {
        let mut fields = Vec::with_capacity(row.len());
        for (column, cell) in table.columns.iter().zip(row) {
            let v = serde_json::to_string(&value(cell)).map_err(io::Error::other)?;
            fields.push(format!("{}: {v}", key(column)?));
        }
        let comma = if i + 1 < table.rows.len() { "," } else { "" };
        writeln!(out, "  {{{}}}{comma}", fields.join(", "))?;
    }
    writeln!(out, "]")
}

/// Writes `rows` as columns two spaces apart; the last column is not padded. Control
/// characters in a cell are written out (`\x1b`), never sent to the terminal. With a
/// `limit`, every line fits that many columns: the widest columns give way first,
/// their cells cut with `…` ([`fit`]); a figure (a count, a share, a date, a bar) is
/// never cut, and a row of one cell (a section's heading) is cut to the limit alone.
pub fn write(out: &mut dyn Write, rows: &[Vec<String>], limit: Option<usize>) -> io::Result<()> {
    let rows: Vec<Vec<Cow<str>>> = rows
        .iter()
        .map(|r| r.iter().map(|cell| visible(cell)).collect())
        .collect();
    let widths = fitted_widths(&rows, &[], limit);
    write_fixed(out, &rows, &widths, 0, limit)
}

/// The width of each column of `rows` (and of `heads`, each a column's narrowest
/// width), shrunk to fit `limit` with two spaces between columns ([`shrink`]).
fn fitted_widths(rows: &[Vec<Cow<str>>], heads: &[usize], limit: Option<usize>) -> Vec<usize> {
    let columns = rows
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(heads.len());
    // A heading row of one cell spans the table when it is being fitted.
    let spans = |r: &Vec<Cow<str>>| limit.is_some() && r.len() == 1 && columns > 1;
    let measure = |only_figures: bool| -> Vec<usize> {
        (0..columns)
            .map(|c| {
                rows.iter()
                    .filter(|r| !spans(r))
                    .filter_map(|r| r.get(c))
                    .filter(|cell| !only_figures || is_figure(cell))
                    .map(|cell| cell.width())
                    // A heading can wrap narrower; a figure cannot.
                    .chain(heads.get(c).copied().filter(|_| !only_figures))
                    .max()
                    .unwrap_or(0)
            })
            .collect()
    };
    let natural = measure(false);
    match limit {
        None => natural,
        Some(limit) => {
            let floors: Vec<usize> = measure(true)
                .into_iter()
                .zip(&natural)
                .map(|(figure, &n)| figure.max(n.min(MIN_COLUMN)))
                .collect();
            let widths = shrink(&natural, &floors, limit);
            // Figures too wide for the limit together give way too, as a last
            // resort: a cut cell says so with its `…`, a wrapped row would not line up.
            let lowest: Vec<usize> = natural.iter().map(|&n| n.min(MIN_COLUMN)).collect();
            shrink(&widths, &lowest, limit)
        }
    }
}

/// The narrowest a column of text is cut to when a table must fit: room for a short
/// word and its `…`.
const MIN_COLUMN: usize = 6;

/// Whether a cell is a figure that cutting would falsify: digits with their signs and
/// separators (`27`, `17.9%`, `2019-07-22`, `142 of 153`, `27 17.9%`), a bar, a dash,
/// a place or a percentile (`joint 1st-31st of 151`, `top 18%`), a date a rating held
/// from (`since 2024-01`).
fn is_figure(cell: &str) -> bool {
    let figure_char = |c: char| {
        // Block elements: a bar, full (█) to an eighth (▏).
        c.is_ascii_digit() || " .,%-+/:".contains(c) || ('\u{2588}'..='\u{258f}').contains(&c)
    };
    // `1st`, `31st-40th`: digits with their ordinal endings.
    let ordinal = |w: &str| {
        w.split('-').all(|part| {
            let digits = part.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit())
                && ["st", "nd", "rd", "th"].contains(&&part[digits.len()..])
        })
    };
    let word = |w: &str| {
        ["of", "joint", "top", "bottom", "since", "at"].contains(&w)
            || w.chars().all(figure_char)
            || ordinal(w)
    };
    !cell.trim().is_empty() && cell.split_whitespace().all(word)
}

/// `natural` column widths made to fit `limit` columns, two spaces between columns:
/// the widest column loses a column at a time (the first of equals), none below its
/// floor. When the floors alone are wider than the limit, the floors are given.
fn shrink(natural: &[usize], floors: &[usize], limit: usize) -> Vec<usize> {
    let mut widths = natural.to_vec();
    let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
    while total(&widths) > limit {
        let widest = (0..widths.len())
            .filter(|&c| widths[c] > floors[c])
            .max_by_key(|&c| (widths[c], std::cmp::Reverse(c)));
        match widest {
            Some(c) => widths[c] -= 1,
            None => break,
        }
    }
    widths
}

/// Writes `rows` in columns of `widths`, each cell cut to its column ([`fit`]), those
/// from column `numbers` on (when it is above 0) right-aligned; a row of one cell in a
/// fitted table is cut to the limit alone.
fn write_fixed(
    out: &mut dyn Write,
    rows: &[Vec<Cow<str>>],
    widths: &[usize],
    numbers: usize,
    limit: Option<usize>,
) -> io::Result<()> {
    for row in rows {
        if let (Some(limit), [only]) = (limit, row.as_slice())
            && widths.len() > 1
        {
            writeln!(out, "{}", fit(only, limit).trim_end())?;
            continue;
        }
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let width = widths[c];
            let cell = fit(cell, width);
            let fill = " ".repeat(width.saturating_sub(cell.width()));
            if numbers > 0 && c >= numbers {
                line.push_str(&fill);
                line.push_str(&cell);
            } else {
                line.push_str(&cell);
                if c + 1 < row.len() {
                    line.push_str(&fill);
                }
            }
            if c + 1 < row.len() {
                line.push_str("  ");
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Writes `header` and `rows` as [`write`](fn@write) does, each header cell wrapped at
/// spaces onto as many lines as it takes to be no wider than `width` (or its longest
/// word), so a table of long level names stays narrow. Columns from `numbers` on are
/// right-aligned. With a `limit`, columns give way as [`write`](fn@write)'s do and a
/// heading is wrapped to its column, a word too long for it broken.
pub fn write_wrapped(
    out: &mut dyn Write,
    header: &[String],
    rows: &[Vec<String>],
    width: usize,
    numbers: usize,
    limit: Option<usize>,
) -> io::Result<()> {
    let rows: Vec<Vec<Cow<str>>> = rows
        .iter()
        .map(|r| r.iter().map(|cell| visible(cell)).collect())
        .collect();
    let header: Vec<Cow<str>> = header.iter().map(|h| visible(h)).collect();
    // Each heading's narrowest column: `width`, or its longest word.
    let heads: Vec<usize> = header
        .iter()
        .map(|h| {
            let longest = h.split(' ').map(|w| w.width()).max().unwrap_or(0);
            wrap(h, width.max(longest))
                .iter()
                .map(|l| l.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let widths = fitted_widths(&rows, &heads, limit);
    let wrapped: Vec<Vec<String>> = header
        .iter()
        .enumerate()
        .map(|(c, h)| {
            let longest = h.split(' ').map(|w| w.width()).max().unwrap_or(0);
            wrap(h, width.max(longest).min(widths[c].max(1)))
        })
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(0);
    let mut all: Vec<Vec<Cow<str>>> = (0..height)
        .map(|line| {
            wrapped
                .iter()
                .map(|w| {
                    // Bottom-aligned, so the last line of each heading sits on the rows.
                    let skip = height - w.len();
                    Cow::Owned(
                        line.checked_sub(skip)
                            .and_then(|l| w.get(l))
                            .cloned()
                            .unwrap_or_default(),
                    )
                })
                .collect()
        })
        .collect();
    all.extend(rows);
    write_fixed(out, &all, &widths, numbers, limit)
}

/// `text` padded with spaces to `width` terminal cells.
pub fn pad(text: &str, width: usize) -> String {
    crate::text::pad(text, width.max(text.width()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut table = Table::new(&["council", "count", "share"]);
        table.rows.push(vec![
            Cell::text("=A | B"),
            Cell::Count(27),
            Cell::Figure(17.8808),
        ]);
        table
            .rows
            .push(vec![Cell::text("C\x1b"), Cell::Count(3), Cell::Empty]);
        table
    }

    fn written(format: TableFormat) -> String {
        let mut out = Vec::new();
        write_as(&mut out, format, &sample()).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_table_writes_as_csv_markdown_and_json_with_the_same_figures() {
        assert_eq!(
            written(TableFormat::Csv),
            "council,count,share\n'=A | B,27,17.9\nC\\x1b,3,\n"
        );
        assert_eq!(
            written(TableFormat::Md),
            "| council | count | share |\n| --- | ---: | ---: |\n| =A \\| B | 27 | 17.9 |\n| C\\x1b | 3 |  |\n"
        );
        let json = written(TableFormat::Json);
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed[0]["count"], 27);
        assert_eq!(parsed[0]["share"], 17.9);
        assert_eq!(parsed[1]["share"], serde_json::Value::Null);
        assert_eq!(parsed[1]["council"], "C\u{1b}");
        assert!(json.find("council").unwrap() < json.find("share").unwrap());
    }

    #[test]
    fn headings_wrap_at_spaces_and_numbers_align_right() {
        let mut out = Vec::new();
        let header = vec![
            "from".to_owned(),
            "Requires improvement to be good".to_owned(),
            "Good".to_owned(),
        ];
        let rows = vec![vec![
            "Inadequate".to_owned(),
            "30".to_owned(),
            "4".to_owned(),
        ]];
        write_wrapped(&mut out, &header, &rows, 12, 1, None).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "               Requires\n            improvement\nfrom         to be good  Good\nInadequate           30     4\n"
        );
    }

    #[test]
    fn columns_line_up_by_display_width() {
        let rows = vec![
            vec!["Ynys Môn".to_owned(), "a".to_owned(), "x".to_owned()],
            vec!["東京".to_owned(), "bb".to_owned(), "".to_owned()],
        ];
        let mut out = Vec::new();
        write(&mut out, &rows, None).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Ynys Môn  a   x\n東京      bb\n"
        );
    }
}
