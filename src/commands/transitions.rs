//! `trajex transitions SCHEME [--from D] [--to D] [--region R]`: each level of a scheme
//! against the same council's next rating in it, as a matrix of counts, row shares and
//! median months, or as a table of pairs (`--format`).

use std::io::Write;

use super::table::{Cell, Table};
use super::{CommandError, table};
use crate::cli::TransitionsArgs;
use crate::data::Date;
use crate::data::model::Dataset;
use crate::data::transitions::{Row, Transitions, transitions};
use crate::text::{fit, visible};

/// The widest a level's name grows as a row label: a longer one is cut with `…`.
const MAX_LEVEL: usize = 40;

/// How wide a column heading grows before it wraps onto another line.
const HEADING: usize = 12;

/// The `to` of a rating that no grade followed, in a table of pairs.
const NO_GRADE: &str = "(no grade followed)";

/// Writes the transitions of the scheme `args` names.
pub fn run(
    dataset: &Dataset,
    args: &TransitionsArgs,
    width: Option<usize>,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let from = date(args.from.as_deref(), "--from")?;
    let to = date(args.to.as_deref(), "--to")?;
    if let (Some(f), Some(t)) = (from, to)
        && f.first_day() > t.last_day()
    {
        return Err(CommandError::Usage(format!(
            "--from {f} is after --to {t}: no rating is dated between them"
        )));
    }
    let scheme = super::list::find_scheme(dataset, &args.scheme)?;
    let region = args
        .region
        .as_deref()
        .map(|r| super::list::find_region(dataset, r))
        .transpose()?;
    let def = dataset.scheme(scheme);
    if def.levels().is_empty() {
        return Err(CommandError::Failed(format!(
            "transitions needs a scheme with named levels; {} is numeric",
            def.id
        )));
    }
    let found = transitions(dataset, scheme, from, to, region);
    match args.format {
        Some(format) => table::write_as(out, format, &pairs(dataset, &found))?,
        None => matrix(dataset, &found, (from, to), region, width, out)?,
    }
    Ok(())
}

/// The date an option names; a malformed one is a usage error.
fn date(given: Option<&str>, option: &str) -> Result<Option<Date>, CommandError> {
    given
        .map(|text| Date::parse(text).map_err(|e| CommandError::Usage(format!("{option}: {e}"))))
        .transpose()
}

/// One row per pair of levels, best first, then per row the ratings with no next
/// rating yet and those no grade followed: `from,to,count,share,median_months`.
pub fn pairs(dataset: &Dataset, found: &Transitions) -> Table {
    let levels = dataset.scheme(found.scheme).levels();
    let mut table = Table::new(&["from", "to", "count", "share", "median_months"]);
    for (rank, row) in found.rows.iter().enumerate().rev() {
        let mut push = |to: Cell, count: u32, median: Option<f64>| {
            table.rows.push(vec![
                Cell::text(&levels[rank]),
                to,
                Cell::Count(u64::from(count)),
                Cell::Figure(row.share(count)),
                median.map_or(Cell::Empty, Cell::Figure),
            ]);
        };
        for next in (0..levels.len()).rev() {
            push(
                Cell::text(&levels[next]),
                row.count(next),
                row.median_months(next),
            );
        }
        push(Cell::Empty, row.not_yet, None);
        push(Cell::text(NO_GRADE), row.ended(), None);
    }
    table
}

/// The matrix as text: a title, then the counts, the row shares and the median months,
/// each a block with the levels best first down the side and across the top; then what
/// ended the ratings no grade followed.
fn matrix(
    dataset: &Dataset,
    found: &Transitions,
    (from, to): (Option<Date>, Option<Date>),
    region: Option<&str>,
    width: Option<usize>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let def = dataset.scheme(found.scheme);
    let levels = def.levels();
    writeln!(
        out,
        "{}",
        visible(&format!(
            "{} ({}): each rating against the same council's next rating in the scheme",
            def.name, def.body
        ))
    )?;
    let mut scope = format!(
        "{} of {}",
        crate::text::count(found.total() as usize, "graded rating", "graded ratings"),
        crate::text::count(found.councils as usize, "council", "councils")
    );
    if let Some(region) = region {
        scope.push_str(&format!(" in {region}"));
    }
    match (from, to) {
        (Some(f), Some(t)) => scope.push_str(&format!(", dated {f} to {t}")),
        (Some(f), None) => scope.push_str(&format!(", dated {f} or later")),
        (None, Some(t)) => scope.push_str(&format!(", dated up to {t}")),
        (None, None) => {}
    }
    if let Some(t) = to {
        scope.push_str(&format!(", what followed them as known on {t}"));
    }
    writeln!(out, "{}.", visible(&scope))?;
    let mut header = vec!["from \\ next".to_owned()];
    header.extend(levels.iter().rev().cloned());
    header.extend(["no next rating yet", "no grade followed", "all"].map(str::to_owned));
    let ranks: Vec<usize> = (0..levels.len()).rev().collect();
    let label = |rank: usize| format!("  {}", fit(&levels[rank], MAX_LEVEL));
    let mut rows: Vec<Vec<String>> = vec![vec!["Ratings".to_owned()]];
    for &rank in &ranks {
        let row = &found.rows[rank];
        let mut line = vec![label(rank)];
        line.extend(ranks.iter().map(|&next| row.count(next).to_string()));
        line.extend([row.not_yet, row.ended(), row.total()].map(|n| n.to_string()));
        rows.push(line);
    }
    rows.push(vec!["Share of the row".to_owned()]);
    for &rank in &ranks {
        let row = &found.rows[rank];
        let share = |n: u32| match row.total() {
            0 => "-".to_owned(),
            _ => format!("{:.1}%", row.share(n)),
        };
        let mut line = vec![label(rank)];
        line.extend(ranks.iter().map(|&next| share(row.count(next))));
        line.extend([share(row.not_yet), share(row.ended()), share(row.total())]);
        rows.push(line);
    }
    rows.push(vec!["Median months to the next rating".to_owned()]);
    for &rank in &ranks {
        let row = &found.rows[rank];
        let mut line = vec![label(rank)];
        line.extend(ranks.iter().map(|&next| {
            row.median_months(next)
                .map_or("-".to_owned(), super::table::figure)
        }));
        rows.push(line);
    }
    table::write_wrapped(out, &header, &rows, HEADING, 1, width)?;
    let ended = ended_reasons(&found.rows);
    if !ended.is_empty() {
        writeln!(out, "  No grade followed: {}.", ended.join("; "))?;
    }
    writeln!(
        out,
        "  Months are complete calendar months from one rating's date to the next's; a median of an even count is the mean of the middle two."
    )?;
    Ok(())
}

/// What ended the ratings no grade followed, in words, the most common first.
fn ended_reasons(rows: &[Row]) -> Vec<String> {
    let sum = |f: fn(&Row) -> u32| rows.iter().map(f).sum::<u32>();
    let mut reasons = [
        (
            sum(|r| r.ended_by_ungraded),
            "ended by a report that gave no grade",
        ),
        (sum(|r| r.ended_by_council), "ended with the council"),
        (sum(|r| r.ended_by_scheme), "ended with the scheme"),
        (
            sum(|r| r.ended_by_unknown),
            "followed by a round whose result this dataset lacks",
        ),
    ];
    reasons.sort_by_key(|r| std::cmp::Reverse(r.0));
    reasons
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect()
}
