//! `trajex show COUNCIL`: a council's timeline as text, events oldest first, then the
//! text chart.

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use super::{CommandError, table};
use crate::data::Dataset;
use crate::data::find::find_council;
use crate::data::timeline::change_label;
use crate::ui::text::{fit, visible};

/// The widest a scheme or grade column grows (the longest real scheme name fits): a
/// longer name is cut with `…` so every line stays readable.
const MAX_COLUMN: usize = 72;

/// Writes the council's header, every rating oldest first (with its change on the
/// previous rating in the same scheme, note and source), then its chart `chart_width`
/// columns wide. Control characters in any dataset text are written out (`\x1b`).
pub fn run(
    dataset: &Dataset,
    query: &str,
    chart_width: u16,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let index = find_council(dataset, query)?;
    let council = &dataset.councils[index];
    writeln!(out, "{}", visible(&council.name))?;
    let facts: Vec<String> = [
        Some(format!("id {}", council.id)),
        council.code.as_ref().map(|c| format!("code {c}")),
        council.region.as_ref().map(|r| format!("region {r}")),
        council.kind.as_ref().map(|k| format!("kind {k}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    writeln!(out, "{}", visible(&facts.join(" · ")))?;
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
        writeln!(
            out,
            "{}",
            visible(&format!("succeeded {}", predecessors.join(", ")))
        )?;
    }
    let successors: Vec<String> = council.succeeded_by.iter().map(|s| name_of(s)).collect();
    match (council.ended, successors.is_empty()) {
        (Some(ended), false) => writeln!(
            out,
            "{}",
            visible(&format!(
                "ended {ended}, succeeded by {}",
                successors.join(", ")
            ))
        )?,
        (Some(ended), true) => writeln!(out, "ended {ended}")?,
        (None, false) => writeln!(
            out,
            "{}",
            visible(&format!("succeeded by {}", successors.join(", ")))
        )?,
        (None, true) => {}
    }
    if !council.aliases.is_empty() {
        writeln!(
            out,
            "also known as {}",
            visible(&council.aliases.join(", "))
        )?;
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
    let indent = " ".repeat(date_width + 2);
    for (i, rating) in council.ratings.iter().enumerate() {
        let change = change_label(dataset, council, i).unwrap_or_default();
        let line = format!(
            "{}  {}  {}  {change}",
            table::pad(&rating.date.to_string(), date_width),
            table::pad(&scheme_name(i), scheme_width),
            table::pad(&describe(i), grade_width),
        );
        writeln!(out, "{}", line.trim_end())?;
        if let Some(note) = &rating.note {
            writeln!(out, "{indent}note: {}", visible(note))?;
        }
        if let Some(source) = rating.source.map(|s| dataset.source(s)) {
            let title = visible(&source.title);
            match &source.url {
                Some(url) => writeln!(out, "{indent}source: {title} <{}>", visible(url))?,
                None => writeln!(out, "{indent}source: {title}")?,
            }
        }
    }
    let chart = crate::ui::chart_text(dataset, index, chart_width);
    if !chart.trim().is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", chart.trim_end_matches('\n'))?;
    }
    Ok(())
}
