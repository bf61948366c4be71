//! `trajex context SCHEME [--date D] [--by region]`: how councils were spread across a
//! scheme's levels at a date, beside any published national summary for that time, or
//! region by region.

use std::io::Write;

use super::table::{Cell, Table, TableFormat};
use super::{CommandError, table};
use crate::data::Date;
use crate::data::context::{
    Distribution, Spread, by_region as spread_by_region, describe_summary, published,
};
use crate::data::model::{Dataset, Grade, SchemeIx};
use crate::text::{fit, visible};

/// The widest a level's name grows in the table: a longer one is cut with `…`.
const MAX_LEVEL: usize = 40;

/// How many cells a bar for 100% of the rated councils takes.
const BAR_WIDTH: f64 = 40.0;

/// The date `--date` names, else today; a malformed one is a usage error.
pub fn date(given: Option<&str>) -> Result<Date, CommandError> {
    match given {
        Some(text) => Date::parse(text).map_err(|e| CommandError::Usage(format!("--date: {e}"))),
        None => Ok(super::today()),
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
    format: Option<TableFormat>,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let scheme = super::list::find_scheme(dataset, scheme)?;
    if let Some(format) = format {
        return national_table(dataset, scheme, date, format, out);
    }
    let def = dataset.scheme(scheme);
    writeln!(
        out,
        "{}",
        visible(&format!("{} ({}), {date}", def.name, def.body))
    )?;
    let day = date;
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

/// The national spread as a table (`level,count,share`), levels best first, then the
/// councils with no rating in force by why; a numeric scheme as
/// `statistic,value` (councils measured, min, median, max). What the table cannot say
/// (the scheme had ended; the dataset knows only some councils) goes to stderr.
fn national_table(
    dataset: &Dataset,
    scheme: SchemeIx,
    date: Date,
    format: TableFormat,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let def = dataset.scheme(scheme);
    let day = date;
    let spread = Distribution::at(dataset, scheme, day);
    let coverage = spread.coverage(&published(dataset, scheme, day));
    warn_partial(&spread, coverage, date, def.until);
    let levels = def.levels();
    let table = if levels.is_empty() {
        let mut table = Table::new(&["statistic", "value"]);
        if !spread.ended {
            let values = Spread::at(dataset, scheme, day);
            table.rows.push(vec![
                Cell::text("councils"),
                Cell::Count(values.map_or(0, |v| u64::from(v.count))),
            ]);
            if let Some(v) = values {
                for (name, x) in [("min", v.min), ("median", v.median), ("max", v.max)] {
                    table.rows.push(vec![Cell::text(name), Cell::Figure(x)]);
                }
            }
        }
        table
    } else {
        let mut table = Table::new(&["level", "count", "share"]);
        if !spread.ended {
            table.rows = level_rows(&spread, levels);
        }
        table
    };
    table::write_as(out, format, &table)?;
    Ok(())
}

/// Tells stderr what a table of figures cannot: that the scheme had ended, or that the
/// dataset knows only some councils, so the shares are no national figure.
fn warn_partial(
    spread: &Distribution,
    coverage: crate::data::context::Coverage,
    date: Date,
    until: Option<Date>,
) {
    if let (true, Some(until)) = (spread.ended, until) {
        super::note(&format!(
            "trajex: the scheme ended in {until}: no rating holds on {date}"
        ));
    } else if coverage.partial {
        super::note(&format!(
            "trajex: not a national figure: {coverage}, the councils this dataset knows"
        ));
    }
}

/// A distribution's rows of `level,count,share`: each level best first, the top two
/// levels together ("Good or better"), then the councils with no rating in force, by
/// why, where there are any (they have no share).
fn level_rows(spread: &Distribution, levels: &[String]) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> = (0..levels.len())
        .rev()
        .map(|rank| {
            vec![
                Cell::text(&levels[rank]),
                Cell::Count(u64::from(spread.counts[rank])),
                Cell::Figure(spread.share(rank)),
            ]
        })
        .collect();
    if levels.len() > 2 {
        rows.push(vec![
            Cell::Text(top_two_name(levels)),
            Cell::Count(u64::from(spread.top_two())),
            Cell::Figure(spread.top_two_share()),
        ]);
    }
    for (n, why) in [
        (spread.ungraded, "(no grade given)"),
        (spread.unknown, "(unknown)"),
        (spread.not_yet, "(not yet rated)"),
    ] {
        if n > 0 {
            rows.push(vec![
                Cell::text(why),
                Cell::Count(u64::from(n)),
                Cell::Empty,
            ]);
        }
    }
    rows
}

/// The top two levels as people say it: "Good or better".
fn top_two_name(levels: &[String]) -> String {
    format!("{} or better", levels[levels.len() - 2])
}

/// `context SCHEME --date D --by region`: one line per region (those naming none last)
/// with each level's count and share, the top two levels' share and how many councils
/// are known; then all regions together, which are the national figures.
pub fn by_region(
    dataset: &Dataset,
    scheme: &str,
    date: Date,
    format: Option<TableFormat>,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let scheme = super::list::find_scheme(dataset, scheme)?;
    let def = dataset.scheme(scheme);
    let levels = def.levels();
    if levels.is_empty() {
        return Err(CommandError::Failed(format!(
            "--by region needs a scheme with named levels; {} is numeric",
            def.id
        )));
    }
    let day = date;
    let national = Distribution::at(dataset, scheme, day);
    let published = published(dataset, scheme, day);
    let coverage = national.coverage(&published);
    let regions = spread_by_region(dataset, scheme, day);
    let region_name = |r: &Option<String>| r.clone().unwrap_or_else(|| "(no region)".to_owned());
    if let Some(format) = format {
        warn_partial(&national, coverage, date, def.until);
        let mut table = Table::new(&["region", "level", "count", "share"]);
        if !national.ended {
            for region in &regions {
                for mut row in level_rows(&region.distribution, levels) {
                    row.insert(0, Cell::Text(region_name(&region.region)));
                    table.rows.push(row);
                }
            }
        }
        table::write_as(out, format, &table)?;
        return Ok(());
    }
    writeln!(
        out,
        "{}",
        visible(&format!("{} ({}), {date}, by region", def.name, def.body))
    )?;
    if let (true, Some(until)) = (national.ended, def.until) {
        let last = Date::from_days(until.first_day() - 1);
        writeln!(
            out,
            "  The scheme ended in {until}: no rating holds on {date}. Try --date {last} for its last state."
        )?;
        return Ok(());
    }
    if coverage.partial {
        for summary in &published {
            let line = format!("Published {}", describe_summary(dataset, summary));
            writeln!(out, "{}", visible(&line))?;
        }
        writeln!(
            out,
            "In this dataset (not national or regional figures: they cover only the councils the dataset knows):"
        )?;
    }
    let mut header = vec!["region".to_owned()];
    header.extend(levels.iter().rev().cloned());
    let top = levels.len() > 2;
    if top {
        header.push(top_two_name(levels));
    }
    header.push("known".to_owned());
    let mut rows: Vec<Vec<String>> = Vec::new();
    let all = [(Some("All regions".to_owned()), &national)];
    let lines = regions
        .iter()
        .map(|r| (r.region.clone(), &r.distribution))
        .chain(all.iter().map(|(n, d)| (n.clone(), *d)));
    for (name, spread) in lines {
        let mut row = vec![fit(&region_name(&name), MAX_LEVEL)];
        for rank in (0..levels.len()).rev() {
            row.push(count_and_share(spread.counts[rank], spread.share(rank)));
        }
        if top {
            row.push(count_and_share(spread.top_two(), spread.top_two_share()));
        }
        row.push(format!("{} of {}", spread.rated(), spread.existing));
        rows.push(row);
    }
    // Counts line up within each column, and shares with each other.
    for c in 1..header.len() - 1 {
        let widths = |part: usize| {
            rows.iter()
                .map(|r| r[c].split(' ').nth(part).map_or(0, str::len))
                .max()
                .unwrap_or(0)
        };
        let (count_width, share_width) = (widths(0), widths(1));
        for row in &mut rows {
            let (count, share) = row[c].split_once(' ').unwrap_or((&row[c], ""));
            row[c] = format!("{count:>count_width$} {share:>share_width$}");
        }
    }
    // The national line sits apart from the regions it adds up.
    let total = rows.pop();
    rows.push(vec![String::new()]);
    rows.extend(total);
    table::write_wrapped(out, &header, &rows, 12, 1)?;
    writeln!(
        out,
        "  Shares are of the councils rated in each region; known: councils with a rating in force of those that existed{}.",
        if coverage.of != national.existing {
            format!(" (nationally {coverage})")
        } else {
            String::new()
        }
    )?;
    Ok(())
}

/// `27 17.9%`.
fn count_and_share(count: u32, share: f64) -> String {
    format!("{count} {share:.1}%")
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
