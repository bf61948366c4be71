//! `trajex context SCHEME [--date D] [--by region]`: how councils were spread across a
//! scheme's levels at a date, beside any published national summary for that time, or
//! region by region.

use std::io::Write;

use super::table::{Cell, Table, TableFormat};
use super::{CommandError, table};
use crate::data::Date;
use crate::data::context::{
    Basis, Distribution, FigureKind, Report, by_region as spread_by_region, top_two_label,
};
use crate::data::model::{Dataset, Grade, SchemeIx};
use crate::text::{fit, visible};

/// The widest a level's name grows in the table: a longer one is cut with `…`.
const MAX_LEVEL: usize = 40;

/// How many cells a bar for 100% of the rated councils takes.
const BAR_WIDTH: f64 = 40.0;

/// How the context is to be written: a table `format`, else text fitting `width`
/// columns (`None`: as wide as it is).
#[derive(Clone, Copy, Debug, Default)]
pub struct Asked {
    pub format: Option<TableFormat>,
    pub width: Option<usize>,
}

/// The date `--date` names, else today; a malformed one is a usage error.
pub fn date(given: Option<&str>) -> Result<Date, CommandError> {
    match given {
        Some(text) => Date::parse(text).map_err(|e| CommandError::Usage(format!("--date: {e}"))),
        None => Ok(super::today()),
    }
}

/// The national context of `scheme` as `context` reads `--date D` (the data layer reads
/// a month or a year on its last day, as it does for the explorer).
fn report(dataset: &Dataset, scheme: SchemeIx, date: Date) -> Report {
    Report::at(dataset, scheme, date)
}

/// Writes the scheme's name and the date, then the [`Report`]: the published
/// summaries for that round first, then the councils at each level (best first) with their share of those
/// rated and a bar, or for a numeric scheme the lowest, median and highest value, and
/// how many councils that is of how many existed, and why the rest have no rating.
pub fn run(
    dataset: &Dataset,
    scheme: &str,
    date: Date,
    asked: Asked,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let Asked { format, width } = asked;
    let scheme = super::list::find_scheme(dataset, scheme)?;
    let report = report(dataset, scheme, date);
    if let Some(format) = format {
        return national_table(&report, format, out);
    }
    let def = dataset.scheme(scheme);
    writeln!(
        out,
        "{}",
        visible(&format!("{} ({}), {date}", def.name, def.body))
    )?;
    if write_no_figures(&report, date, out)? {
        return Ok(());
    }
    let write_published = |out: &mut dyn Write| -> std::io::Result<()> {
        for published in &report.published {
            let line = format!("Published {}", published.describe());
            writeln!(out, "{}", visible(&line))?;
            if let Some(note) = &published.note {
                writeln!(out, "  {}", visible(&format!("note: {note}")))?;
            }
        }
        Ok(())
    };
    write_published(out)?;
    if let Some(heading) = report.heading() {
        writeln!(out, "{heading}:")?;
    }
    if report.levels.is_empty() {
        match report.spread {
            Some(values) => {
                let show = |v: f64| visible(&def.describe(Grade::Value(v))).into_owned();
                writeln!(
                    out,
                    "  min {}, median {}, max {}",
                    show(values.min),
                    show(values.median),
                    show(values.max)
                )?;
            }
            None => writeln!(
                out,
                "  No measurement in force: a figure is not carried past a council's last measurement."
            )?,
        }
    } else if report.has_shares() {
        write_levels(&report, width, out)?;
    }
    writeln!(out, "  {}", report.tally())?;
    if let Some(note) = report.coverage_note() {
        writeln!(out, "  {note}")?;
    }
    Ok(())
}

/// The national context as a table of `figure,level,count,share,known,councils,date,
/// source` ([`Report::figures`]): published rows first, then computed ones, each
/// saying in its own cells what it is and whom it rests on. A numeric scheme's as
/// `figure,statistic,value,known,councils,date`: councils measured, min, median, max.
fn national_table(
    report: &Report,
    format: TableFormat,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    table::write_as(out, format, &national(report))?;
    Ok(())
}

/// The national context's table, as `--format` writes it and the `n` popup exports it.
pub fn national(report: &Report) -> Table {
    let count = |n: Option<u32>| n.map_or(Cell::Empty, |n| Cell::Count(u64::from(n)));
    if report.levels.is_empty() {
        let mut table = Table::new(&["figure", "statistic", "value", "known", "councils", "date"]);
        let row = |name: &str, value: Cell| {
            vec![
                Cell::text(report.kind().label()),
                Cell::text(name),
                value,
                Cell::Count(u64::from(report.coverage.known)),
                Cell::Count(u64::from(report.coverage.of)),
                Cell::Text(report.date.to_string()),
            ]
        };
        if report.basis == Basis::Counted {
            let values = report.spread;
            table.rows.push(row(
                "councils measured",
                Cell::Count(values.map_or(0, |v| u64::from(v.count))),
            ));
            if let Some(v) = values {
                for (name, x) in [("min", v.min), ("median", v.median), ("max", v.max)] {
                    table.rows.push(row(name, Cell::Figure(x)));
                }
            }
        }
        for (why, n) in report.unrated() {
            table.rows.push(row(why, Cell::Count(u64::from(n))));
        }
        table
    } else {
        let mut table = Table::new(&[
            "figure", "level", "count", "share", "known", "councils", "date", "source",
        ]);
        table.rows = report
            .figures()
            .into_iter()
            .map(|f| {
                vec![
                    Cell::text(f.kind.label()),
                    Cell::Text(f.level),
                    count(f.count),
                    f.share.map_or(Cell::Empty, Cell::Figure),
                    count(f.known),
                    count(f.councils),
                    Cell::Text(f.date.to_string()),
                    f.source.map_or(Cell::Empty, Cell::Text),
                ]
            })
            .collect();
        table
    }
}

/// A region's rows of `figure,region,level,count,share,known,councils,date`: each
/// level best first, the top two levels together ([`top_two_label`]), then the
/// councils with no rating in force, by why, where there are any (they have no share).
fn region_rows(
    kind: FigureKind,
    region: &str,
    spread: &Distribution,
    levels: &[String],
) -> Vec<Vec<Cell>> {
    let row = |level: String, count: u32, share: Option<f64>| {
        vec![
            Cell::text(kind.label()),
            Cell::text(region),
            Cell::Text(level),
            Cell::Count(u64::from(count)),
            share.map_or(Cell::Empty, Cell::Figure),
            Cell::Count(u64::from(spread.rated())),
            Cell::Count(u64::from(spread.existing)),
            Cell::Text(spread.date.to_string()),
        ]
    };
    let mut rows: Vec<Vec<Cell>> = (0..levels.len())
        .rev()
        .map(|rank| {
            row(
                levels[rank].clone(),
                spread.counts[rank],
                Some(spread.share(rank)),
            )
        })
        .collect();
    if let Some(label) = top_two_label(levels) {
        rows.push(row(label, spread.top_two(), Some(spread.top_two_share())));
    }
    for (n, why) in [
        (spread.ungraded, "no grade given"),
        (spread.unknown, "unknown"),
        (spread.not_yet, "not yet rated"),
    ] {
        if n > 0 {
            rows.push(row(why.to_owned(), n, None));
        }
    }
    rows
}

/// `context SCHEME --date D --by region`: one line per region (those naming none last)
/// with each level's count and share, the top two levels' share and how many councils
/// are known; then all regions together, which are the national figures.
pub fn by_region(
    dataset: &Dataset,
    scheme: &str,
    date: Date,
    asked: Asked,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let Asked { format, width } = asked;
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
    let report = Report::at(dataset, scheme, day);
    let national = &report.distribution;
    let regions = spread_by_region(dataset, scheme, day);
    let region_name = |r: &Option<String>| r.clone().unwrap_or_else(|| "(no region)".to_owned());
    if let Some(format) = format {
        let mut table = Table::new(&[
            "figure", "region", "level", "count", "share", "known", "councils", "date",
        ]);
        if report.has_shares() {
            for region in &regions {
                table.rows.extend(region_rows(
                    report.kind(),
                    &region_name(&region.region),
                    &region.distribution,
                    levels,
                ));
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
    if write_no_figures(&report, date, out)? {
        return Ok(());
    }
    for published in &report.published {
        let line = format!("Published {}", published.describe());
        writeln!(out, "{}", visible(&line))?;
    }
    if let Some(caveat) = report.caveat() {
        writeln!(out, "{caveat}, nationally or in any region:")?;
    }
    let mut header = vec!["region".to_owned()];
    header.extend(levels.iter().rev().cloned());
    let top_two = top_two_label(levels);
    let top = top_two.is_some();
    header.extend(top_two);
    header.push("known".to_owned());
    let mut rows: Vec<Vec<String>> = Vec::new();
    let all = [(Some("All regions".to_owned()), national)];
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
    table::write_wrapped(out, &header, &rows, 12, 1, width)?;
    writeln!(
        out,
        "  Shares are of the councils rated in each region; known: councils with a rating in force of those that existed."
    )?;
    Ok(())
}

/// Where there are no figures to count (the scheme had ended, or its first round was
/// not out yet), says why and returns true.
fn write_no_figures(report: &Report, date: Date, out: &mut dyn Write) -> std::io::Result<bool> {
    match report.basis {
        Basis::Ended { until } => {
            let last = Date::from_days(until.first_day() - 1);
            writeln!(
                out,
                "  The scheme ended in {until}: no rating holds on {date}. Try --date {last} for its last state."
            )?;
        }
        Basis::BeforeFirstRound { .. } => {
            if let Some(why) = report.why_no_figures() {
                writeln!(out, "  {why}")?;
            }
            writeln!(out, "  {}", report.tally())?;
        }
        Basis::Counted => return Ok(false),
    }
    Ok(true)
}

/// `27 17.9%`.
fn count_and_share(count: u32, share: f64) -> String {
    format!("{count} {share:.1}%")
}

/// One aligned line per level, best first: name, count, share of the rated, bar.
fn write_levels(report: &Report, limit: Option<usize>, out: &mut dyn Write) -> std::io::Result<()> {
    let rows: Vec<Vec<String>> = report
        .level_shares()
        .into_iter()
        .map(|(rank, count, share)| {
            vec![
                format!("  {}", fit(&report.levels[rank], MAX_LEVEL)),
                count.to_string(),
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
    table::write(out, &rows, limit)
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

#[cfg(test)]
mod explorer_agrees {
    use std::collections::BTreeMap;

    use crate::app::keymap::Intent;
    use crate::app::{Action, Mode, Pane};
    use crate::data::Date;
    use crate::data::model::SchemeIx;
    use crate::ui::{app_after_keys, buffer_text, draw_to_buffer, theme::Theme};

    /// "Known for K of N councils" in `text`, if it says so.
    fn known_for(text: &str) -> Option<String> {
        let at = text.find("Known for ")?;
        let rest = &text[at..];
        let end = rest.find("councils").or_else(|| rest.find("council"))?;
        Some(rest[..end].trim_end().to_owned())
    }

    #[test]
    fn the_n_popup_and_context_know_the_same_councils_on_every_rating_date_and_the_day_before() {
        let dataset = crate::data::load::parse(crate::data::EMBEDDED, "embedded")
            .unwrap()
            .dataset;
        let today = Date::parse("2026-12-07").unwrap();
        // Each (scheme, date) once, with a council rated in the scheme then.
        let mut asked: BTreeMap<(SchemeIx, Date), usize> = BTreeMap::new();
        for (c, council) in dataset.councils.iter().enumerate() {
            for rating in &council.ratings {
                let before = Date::from_days(rating.date.first_day() - 1);
                for date in [rating.date, before] {
                    asked.entry((rating.scheme, date)).or_insert(c);
                }
            }
        }
        let (width, height) = (200, 60);
        let mut app = app_after_keys(dataset.clone(), today, width, height, "").unwrap();
        let parents: Vec<SchemeIx> = dataset.schemes.iter().filter_map(|s| s.parent).collect();
        let mut compared = 0;
        for (&(scheme, date), &council) in &asked {
            let mut cli = Vec::new();
            super::run(
                &dataset,
                &dataset.scheme(scheme).id,
                date,
                super::Asked::default(),
                &mut cli,
            )
            .unwrap();
            let cli = String::from_utf8(cli).unwrap();
            app.mode = Mode::Normal;
            app.focus = Pane::Chart;
            app.list.selected = Some(council);
            app.chart.unfolded = parents.iter().copied().collect();
            app.chart.strip = app
                .strips()
                .iter()
                .position(|s| s.scheme == scheme)
                .expect("the council's strip for the scheme");
            app.chart.cursor = Some(date);
            app.update(Action::Intent(Intent::Context));
            assert!(matches!(app.mode, Mode::Context(_)), "{date}");
            let popup = buffer_text(&draw_to_buffer(&app, width, height, Theme::MONO));
            assert_eq!(
                known_for(&popup),
                known_for(&cli),
                "{} at {date}: the popup\n{popup}\nand the command line\n{cli}",
                dataset.scheme(scheme).id
            );
            compared += usize::from(known_for(&cli).is_some());
        }
        assert!(
            compared > 1000,
            "only {compared} of {} dates had a Known for line",
            asked.len()
        );
    }
}
