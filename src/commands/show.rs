//! `trajex show COUNCIL`: a council's timeline as text, events oldest first, then the
//! text chart.

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use super::{CommandError, table};
use crate::data::Dataset;
use crate::data::find::find_council;
use crate::data::timeline::change_label;
use crate::text::{fit, visible, wrap};

/// The widest a scheme or grade column grows (the longest real scheme name fits): a
/// longer name is cut with `…` so every line stays readable.
const MAX_COLUMN: usize = 72;

/// Writes the council's header, every rating oldest first (with its change on the
/// previous rating in the same scheme, note and source), then its chart; every line
/// fits `width` columns. Control characters in any dataset text are written out
/// (`\x1b`).
pub fn run(
    dataset: &Dataset,
    query: &str,
    width: u16,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let index = find_council(dataset, query)?;
    let council = &dataset.councils[index];
    let columns = usize::from(width);
    // A paragraph wrapped to the width, its later lines under its first one's text.
    let para = |out: &mut dyn Write, lead: &str, text: &str| -> std::io::Result<()> {
        let indent = " ".repeat(lead.width());
        for (k, line) in wrap(&visible(text), columns.saturating_sub(lead.width()))
            .into_iter()
            .enumerate()
        {
            writeln!(out, "{}{line}", if k == 0 { lead } else { &indent })?;
        }
        Ok(())
    };
    para(out, "", &council.name)?;
    let facts: Vec<String> = [
        Some(format!("id {}", council.id)),
        council.code.as_ref().map(|c| format!("code {c}")),
        council.region.as_ref().map(|r| format!("region {r}")),
        council.kind.as_ref().map(|k| format!("kind {k}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    para(out, "", &facts.join(" · "))?;
    let name_of = |id: &str| {
        dataset
            .council_by_id(id)
            .map_or_else(|| id.to_owned(), |i| dataset.councils[i].name.clone())
    };
    let predecessors: Vec<String> = dataset
        .predecessors(council)
        .map(|c| match c.ended {
            Some(ended) => format!("{} (ended {ended})", c.name),
            None => c.name.clone(),
        })
        .collect();
    if !predecessors.is_empty() {
        para(out, "", &format!("succeeded {}", predecessors.join(", ")))?;
    }
    let successors: Vec<String> = council.succeeded_by.iter().map(|s| name_of(s)).collect();
    match (council.ended, successors.is_empty()) {
        (Some(ended), false) => para(
            out,
            "",
            &format!("ended {ended}, succeeded by {}", successors.join(", ")),
        )?,
        (Some(ended), true) => writeln!(out, "ended {ended}")?,
        (None, false) => para(out, "", &format!("succeeded by {}", successors.join(", ")))?,
        (None, true) => {}
    }
    if !council.aliases.is_empty() {
        para(out, "also known as ", &council.aliases.join(", "))?;
    }
    writeln!(out)?;
    if council.ratings.is_empty() {
        writeln!(out, "No ratings recorded.")?;
        return Ok(());
    }

    let describe = |i: usize| {
        let rating = &council.ratings[i];
        fit(
            &dataset.scheme(rating.scheme).describe(rating.grade),
            MAX_COLUMN,
        )
    };
    let scheme_name = |i: usize| fit(&dataset.scheme(council.ratings[i].scheme).name, MAX_COLUMN);
    let date_width = council
        .ratings
        .iter()
        .map(|r| r.date.to_string().len())
        .max()
        .unwrap_or(0);
    let scheme_width = (0..council.ratings.len())
        .map(|i| scheme_name(i).width())
        .max()
        .unwrap_or(0);
    let grade_width = (0..council.ratings.len())
        .map(|i| describe(i).width())
        .max()
        .unwrap_or(0);
    // The scheme column gives way first, so date, level and change stay whole.
    let change_width = (0..council.ratings.len())
        .map(|i| {
            change_label(dataset, council, i)
                .unwrap_or_default()
                .width()
        })
        .max()
        .unwrap_or(0);
    let scheme_width = scheme_width
        .min(columns.saturating_sub(date_width + grade_width + change_width + 6))
        .max(8);
    let indent = " ".repeat(date_width + 2);
    for (i, rating) in council.ratings.iter().enumerate() {
        let change = change_label(dataset, council, i).unwrap_or_default();
        let line = format!(
            "{}  {}  {}  {change}",
            table::pad(&rating.date.to_string(), date_width),
            crate::text::pad(&scheme_name(i), scheme_width),
            table::pad(&describe(i), grade_width),
        );
        writeln!(out, "{}", fit(line.trim_end(), columns))?;
        if let Some(note) = &rating.note {
            para(out, &format!("{indent}note: "), note)?;
        }
        if let Some(source) = rating.source.map(|s| dataset.source(s)) {
            let lead = format!("{indent}source: ");
            let title = visible(&source.title);
            let whole = match &source.url {
                Some(url) => format!("{title} <{}>", visible(url)),
                None => title.to_string(),
            };
            if lead.width() + whole.width() <= columns {
                writeln!(out, "{lead}{whole}")?;
            } else {
                para(out, &lead, &source.title)?;
                // A link is never broken across lines: on its own line, after the
                // indent when it fits, else from the line's start; only a link wider
                // than the whole line is cut with `…` (exports carry it whole).
                if let Some(url) = &source.url {
                    let url = visible(url);
                    let at = if indent.len() + 2 + url.width() <= columns {
                        format!("{indent}  ")
                    } else {
                        String::new()
                    };
                    writeln!(out, "{at}{}", fit(&url, columns))?;
                }
            }
        }
    }
    let chart = crate::ui::chart_text(dataset, index, width, super::today());
    if !chart.trim().is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", chart.trim_end_matches('\n'))?;
    }
    Ok(())
}
