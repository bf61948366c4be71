//! `trajex context SCHEME [--date D]`: how councils were spread across a scheme's levels
//! at a date, beside any published national summary for that time.

use std::io::Write;

use super::{CommandError, table};
use crate::data::Date;
use crate::data::context::{Distribution, Spread, describe_summary, published};
use crate::data::model::{Dataset, Grade};
use crate::ui::text::{fit, visible};

/// The widest a level's name grows in the table: a longer one is cut with `…`.
const MAX_LEVEL: usize = 40;

/// How many cells a bar for 100% of the rated councils takes.
const BAR_WIDTH: f64 = 40.0;

/// The day a national figure or a table `--at` a date is read on: the last day of the
/// period given, so `2004-11` takes in the round published on 18 November 2004.
pub fn as_of(date: Date) -> Date {
    Date::from_days(date.last_day())
}

/// The date `--date` names, else today; a malformed one is a usage error.
pub fn date(given: Option<&str>) -> Result<Date, CommandError> {
    match given {
        Some(text) => Date::parse(text).map_err(|e| CommandError::Usage(format!("--date: {e}"))),
        None => Ok(Date::today()),
    }
}

/// Writes the scheme's name and the date, then the councils at each level (best first)
/// with their share of those rated and a bar, or for a numeric scheme the lowest, median
/// and highest value, and how many councils that is of how many; then the published
/// summaries for that round. Where the dataset knows fewer councils than were rated,
/// the published figures come first and the computed ones say whom they cover.
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
    let day = as_of(date);
    let spread = Distribution::at(dataset, scheme, day);
    let published = published(dataset, scheme, day);
    let coverage = spread.coverage(&published);
    if let (true, Some(until)) = (spread.ended, def.until) {
        let last = Date::from_days(until.first_day() - 1);
        writeln!(
            out,
            "  The scheme ended in {until}: no rating holds on {date}. Try --date {last} for its last state."
        )?;
        return Ok(());
    }
    let write_published = |out: &mut dyn Write| -> std::io::Result<()> {
        for summary in &published {
            let line = format!("Published {}", describe_summary(dataset, summary));
            writeln!(out, "{}", visible(&line))?;
        }
        Ok(())
    };
    if coverage.partial {
        write_published(out)?;
        if coverage.known > 0 {
            writeln!(
                out,
                "In this dataset (not a national figure: it covers only the councils the dataset knows):"
            )?;
        }
    }
    let levels = def.levels();
    if coverage.known == 0 && levels.is_empty() {
        writeln!(
            out,
            "  No measurement in force: a figure is not carried past a council's last measurement."
        )?;
    } else if coverage.known > 0 {
        if levels.is_empty() {
            if let Some(values) = Spread::at(dataset, scheme, day) {
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
    }
    let mut rest = vec![coverage.to_string()];
    let mut count = |n: u32, what: &str| {
        if n > 0 {
            rest.push(format!("{n} {what}"));
        }
    };
    count(spread.ungraded, "with no grade given");
    count(spread.unknown, "unknown (not in this dataset)");
    count(spread.not_yet, "not yet rated");
    if coverage.of != spread.existing {
        rest.push(format!("{} in this dataset then", spread.existing));
    }
    let mut summary = rest.join("; ");
    if let Some(first) = summary.get(..1) {
        summary = first.to_uppercase() + &summary[1..];
    }
    writeln!(out, "  {summary}.")?;
    if !coverage.partial {
        write_published(out)?;
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
