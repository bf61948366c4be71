//! `trajex context SCHEME [--date D]`: how councils were spread across a scheme's levels
//! at a date, beside any published national summary for that time.

use std::io::Write;

use super::{CommandError, table};
use crate::data::Date;
use crate::data::context::{Distribution, Spread, describe_summary, published};
use crate::data::model::{Dataset, Grade, SchemeIx};
use crate::ui::text::{fit, visible};

/// The widest a level's name grows in the table: a longer one is cut with `…`.
const MAX_LEVEL: usize = 40;

/// How many cells a bar for 100% of the rated councils takes.
const BAR_WIDTH: f64 = 40.0;

/// The date `--date` names, else today; a malformed one is a usage error.
pub fn date(given: Option<&str>) -> Result<Date, CommandError> {
    match given {
        Some(text) => Date::parse(text).map_err(|e| CommandError::Usage(format!("--date: {e}"))),
        None => Ok(Date::today()),
    }
}

/// Writes the scheme's name and the date, then the councils at each level (best first)
/// with their share of those rated and a bar, or for a numeric scheme the lowest, median
/// and highest value; then how many had no grade or no rating yet; then the published
/// summary for that date, if there is one.
pub fn run(
    dataset: &Dataset,
    scheme: &str,
    date: Date,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let scheme = super::list::find_scheme(dataset, scheme)?;
    let def = dataset.scheme(scheme);
    writeln!(
        out,
        "{}",
        visible(&format!("{} ({}), {date}", def.name, def.body))
    )?;
    let spread = Distribution::at(dataset, scheme, date);
    let plural = |n: u32, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if let (true, Some(until)) = (spread.ended, def.until) {
        let last = Date::from_days(until.first_day() - 1);
        writeln!(
            out,
            "  The scheme ended in {until}: no rating holds on {date}. Try --date {last} for its last state."
        )?;
    } else if spread.rated() + spread.ungraded + spread.not_yet == 0 {
        writeln!(
            out,
            "  No council in this dataset has a rating in this scheme."
        )?;
    } else {
        let levels = def.levels();
        if levels.is_empty() {
            if let Some(values) = Spread::at(dataset, scheme, date) {
                let show = |v: f64| visible(&def.describe(Grade::Value(v))).into_owned();
                writeln!(
                    out,
                    "  min {}, median {}, max {}",
                    show(values.min),
                    show(values.median),
                    show(values.max)
                )?;
            }
        } else {
            write_levels(&spread, levels, out)?;
        }
        let rated = if levels.is_empty() {
            format!("{} with a value in force", plural(spread.valued, "council"))
        } else {
            format!("{} rated", plural(spread.rated(), "council"))
        };
        writeln!(
            out,
            "  {rated}; {} with no grade in force; {} not yet rated",
            spread.ungraded, spread.not_yet
        )?;
    }
    for line in published_lines(dataset, scheme, date) {
        writeln!(out, "{}", visible(&line))?;
    }
    Ok(())
}

/// One aligned line per level, best first: name, count, share of the rated, bar.
fn write_levels(
    spread: &Distribution,
    levels: &[String],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let rows: Vec<Vec<String>> = (0..levels.len())
        .rev()
        .map(|rank| {
            let share = spread.share(rank);
            vec![
                format!("  {}", fit(&levels[rank], MAX_LEVEL)),
                spread.counts[rank].to_string(),
                format!("{share:.1}%"),
                bar(share),
            ]
        })
        .collect();
    // Counts and shares read as numbers: right-aligned.
    let width = |c: usize| rows.iter().map(|r| r[c].len()).max().unwrap_or(0);
    let (count_width, share_width) = (width(1), width(2));
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|mut r| {
            r[1] = format!("{:>count_width$}", r[1]);
            r[2] = format!("{:>share_width$}", r[2]);
            r
        })
        .collect();
    table::write(out, &rows)
}

/// A bar `share` percent of [`BAR_WIDTH`] long, to an eighth of a cell.
fn bar(share: f64) -> String {
    const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let eighths = (share.clamp(0.0, 100.0) / 100.0 * BAR_WIDTH * 8.0).round() as usize;
    format!("{}{}", "█".repeat(eighths / 8), EIGHTHS[eighths % 8])
}

/// `Published DATE (SOURCE): LEVEL N, …, of TOTAL councils`, one line per source
/// giving figures for the round in force on `date`.
fn published_lines(dataset: &Dataset, scheme: SchemeIx, date: Date) -> Vec<String> {
    published(dataset, scheme, date)
        .into_iter()
        .map(|summary| format!("Published {}", describe_summary(dataset, summary)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_is_proportional_to_the_share_to_an_eighth_of_a_cell() {
        assert_eq!(bar(0.0), "");
        assert_eq!(bar(100.0), "█".repeat(40));
        assert_eq!(bar(50.0), "█".repeat(20));
        assert_eq!(bar(18.2), "███████▎");
        assert_eq!(bar(1.0), "▍");
    }
}
