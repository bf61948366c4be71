//! `trajex list [--region R] [--scheme S] [--at D]`: one line per council with its
//! latest ratings, or with the rating in force at a date and why there is none; with a
//! scheme and a date, the league table (best first, rank band, percentile); with
//! `--went L,L`, the councils whose ratings passed through those levels in order.

use std::io::Write;

use super::table::{Cell, Table, TableFormat};
use super::{CommandError, table};
use crate::data::Date;
use crate::data::league::{Standing, league};
use crate::data::model::{Council, Dataset, SchemeIx};
use crate::data::timeline::{Reading, Timeline, Why, change_label, latest_reads};
use crate::data::went::{LevelError, parse_path, went};
use crate::text::fit;

/// What `list` was asked for.
#[derive(Clone, Copy, Debug, Default)]
pub struct Query<'a> {
    pub region: Option<&'a str>,
    pub scheme: Option<&'a str>,
    pub at: Option<Date>,
    /// Levels, comma-separated, that the councils' ratings passed through in order.
    pub went: Option<&'a str>,
    /// With `went`: the most months the whole path may take.
    pub within: Option<u32>,
    /// A table format instead of aligned text.
    pub format: Option<TableFormat>,
    /// The columns the aligned text fits, cells cut with `…`; `None`: every cell whole.
    pub width: Option<usize>,
}

/// The widest a name, region or grade column grows: longer text is cut with `…`.
/// Control characters in any of them are written out (`\x1b`).
const MAX_COLUMN: usize = 40;

/// Writes a header and one aligned line per council (in dataset order): name, id, region,
/// then the latest rating in each of the [`column_schemes`] (the top-level schemes the
/// councils were rated in that still run today, or all of them when none does); with a
/// scheme, that scheme's latest rating, its date and its change.
/// With `at`, the rating in force on that date instead, or why there is none (with a
/// scheme: the league table). With `went`, the councils that passed through the levels.
pub fn run(dataset: &Dataset, query: Query<'_>, out: &mut dyn Write) -> Result<(), CommandError> {
    let region = query.region.map(|r| find_region(dataset, r)).transpose()?;
    let scheme = query.scheme.map(|s| find_scheme(dataset, s)).transpose()?;
    let format = Emit {
        format: query.format,
        width: query.width,
    };
    if let Some(levels) = query.went {
        let scheme = scheme.ok_or_else(|| {
            CommandError::Usage("--went needs --scheme: the levels are a scheme's".to_owned())
        })?;
        return went_path(dataset, region, scheme, levels, query.within, format, out);
    }
    match (query.at, scheme) {
        (Some(date), Some(scheme)) => {
            return league_table(dataset, region, scheme, date, format, out);
        }
        (Some(date), None) => return at_date(dataset, region, date, format, out),
        _ => {}
    }
    let councils = in_region(dataset, region);
    let mut text = vec![text_identity_header()];
    let mut table = Table::new(&["council_id", "council_name", "region"]);
    match scheme {
        Some(scheme) => {
            let def = dataset.scheme(scheme);
            text[0].extend([
                fit(&def.id, MAX_COLUMN),
                "date".to_owned(),
                "change".to_owned(),
            ]);
            table
                .columns
                .extend(["level", "date", "change"].map(str::to_owned));
            for council in councils {
                let mut line = text_identity(council);
                let mut row = identity(council);
                match council.ratings.iter().rposition(|r| r.scheme == scheme) {
                    Some(i) => {
                        let rating = &council.ratings[i];
                        let change = change_label(dataset, council, i).unwrap_or_default();
                        let level = latest_reads(dataset, rating);
                        line.extend([
                            fit(&level, MAX_COLUMN),
                            rating.date.to_string(),
                            change.clone(),
                        ]);
                        row.extend([
                            Cell::Text(level),
                            Cell::Text(rating.date.to_string()),
                            Cell::Text(change),
                        ]);
                    }
                    None => {
                        line.push("-".to_owned());
                        row.extend([Cell::Empty, Cell::Empty, Cell::Empty]);
                    }
                }
                text.push(line);
                table.rows.push(row);
            }
        }
        None => {
            let columns = column_schemes(dataset, &councils, super::today());
            scheme_heads(dataset, &columns, &mut text[0], &mut table);
            for council in councils {
                let mut line = text_identity(council);
                let mut row = identity(council);
                for &scheme in &columns {
                    let latest = council.ratings.iter().rev().find(|r| r.scheme == scheme);
                    let level = latest.map(|r| latest_reads(dataset, r));
                    line.push(
                        level
                            .as_deref()
                            .map_or("-".to_owned(), |l| fit(l, MAX_COLUMN)),
                    );
                    row.push(level.map_or(Cell::Empty, Cell::Text));
                }
                text.push(line);
                table.rows.push(row);
            }
        }
    }
    emit(out, format, &text, &table)
}

/// How a list is written: as a table `format`, else as aligned text fitting `width`.
#[derive(Clone, Copy)]
struct Emit {
    format: Option<TableFormat>,
    width: Option<usize>,
}

/// The aligned text, or the table in `format`.
fn emit(
    out: &mut dyn Write,
    how: Emit,
    text: &[Vec<String>],
    table: &Table,
) -> Result<(), CommandError> {
    match how.format {
        Some(format) => table::write_as(out, format, table)?,
        None => table::write(out, text, how.width)?,
    }
    Ok(())
}

/// The councils in `region` (every council for `None`), in dataset order.
fn in_region<'d>(dataset: &'d Dataset, region: Option<&str>) -> Vec<&'d Council> {
    dataset
        .councils
        .iter()
        .filter(|c| region.is_none_or(|r| c.region.as_deref() == Some(r)))
        .collect()
}

/// `list --at` without a scheme: each council's rating in force on `date` (the last day
/// of the period given) in each top-level scheme running that day (see
/// [`column_schemes`]), or why there is none, in a word or two.
fn at_date(
    dataset: &Dataset,
    region: Option<&str>,
    date: Date,
    format: Emit,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let councils = in_region(dataset, region);
    let columns = column_schemes(dataset, &councils, date);
    let mut text = vec![text_identity_header()];
    let mut table = Table::new(&["council_id", "council_name", "region"]);
    scheme_heads(dataset, &columns, &mut text[0], &mut table);
    for council in councils {
        let mut line = text_identity(council);
        let mut row = identity(council);
        for &s in &columns {
            let cell = match Timeline::standing(dataset, council, s, date) {
                Reading::Holds(segment) => dataset.scheme(s).describe(segment.grade),
                measured @ Reading::LastMeasured(_) => measured.describe(dataset, council, s),
                other => format!("({})", other.why().map_or("", short_why)),
            };
            line.push(fit(&cell, MAX_COLUMN));
            row.push(Cell::Text(cell));
        }
        text.push(line);
        table.rows.push(row);
    }
    emit(out, format, &text, &table)
}

/// `list --scheme S --at D`: the league table. Every council with the rating in force on
/// `date` (the last day of the period given) and the date it held from, or why there is
/// none; the rated best first, with the band of places their level shares and the
/// share of rated councils at their level or better. Places count every council rated
/// that day, whatever `region` shows.
fn league_table(
    dataset: &Dataset,
    region: Option<&str>,
    scheme: SchemeIx,
    date: Date,
    format: Emit,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let def = dataset.scheme(scheme);
    let standings = league(dataset, scheme, date);
    let rated = standings.iter().filter(|s| s.place.is_some()).count() as u64;
    let existing = standings
        .iter()
        .filter(|s| dataset.councils[s.council].existed(date))
        .count() as u64;
    let standings_unknown = standings
        .iter()
        .filter(|s| dataset.councils[s.council].existed(date))
        .filter(|s| s.reading.why().is_some_and(Why::is_unknown))
        .count();
    let mut text = vec![text_identity_header()];
    text[0].extend([
        fit(&def.id, MAX_COLUMN),
        format!("at {date}"),
        "rank".to_owned(),
        "percentile".to_owned(),
    ]);
    let mut table = Table::new(&[
        "council_id",
        "council_name",
        "region",
        "level",
        "date",
        "rank",
        "percentile",
        "known",
        "councils",
    ]);
    for standing in standings {
        let council = &dataset.councils[standing.council];
        if region.is_some_and(|r| council.region.as_deref() != Some(r)) {
            continue;
        }
        let mut line = text_identity(council);
        let mut row = identity(council);
        match (standing.reading, standing.place) {
            (Reading::Holds(segment), Some(place)) => {
                let level = def.describe(segment.grade);
                line.extend([
                    fit(&level, MAX_COLUMN),
                    format!("since {}", segment.since),
                    place.rank(),
                    place.percentile_label(),
                ]);
            }
            (reading, _) => {
                let why = reading.describe(dataset, council, scheme);
                line.extend(["-".to_owned(), why]);
            }
        }
        row.extend(standing_cells(dataset, scheme, &standing));
        row.extend([Cell::Count(rated), Cell::Count(existing)]);
        text.push(line);
        table.rows.push(row);
    }
    emit(out, format, &text, &table)?;
    let unknown = standings_unknown;
    if format.format.is_none() && unknown > 0 {
        writeln!(
            out,
            "Ranks are among the {rated} councils whose rating this dataset knows, not all {existing} that existed: {unknown} unknown."
        )?;
    }
    Ok(())
}

/// A council's standing in `scheme` as the `list --at` table gives it: `level`, then
/// `date` (since when, or why it has no rating), `rank` and `percentile`.
pub(super) fn standing_cells(
    dataset: &Dataset,
    scheme: SchemeIx,
    standing: &Standing,
) -> Vec<Cell> {
    let council = &dataset.councils[standing.council];
    match (standing.reading, standing.place) {
        (Reading::Holds(segment), Some(place)) => vec![
            Cell::Text(dataset.scheme(scheme).describe(segment.grade)),
            Cell::Text(segment.since.to_string()),
            Cell::Text(place.rank()),
            Cell::Text(place.percentile_label()),
        ],
        (reading, _) => vec![
            Cell::Empty,
            Cell::Text(reading.describe(dataset, council, scheme)),
            Cell::Empty,
            Cell::Empty,
        ],
    }
}

/// `list --scheme S --went L,L[,L…] [--within M]`: the councils whose graded ratings
/// passed through the levels in order, the date of each step, and the months the path
/// took.
fn went_path(
    dataset: &Dataset,
    region: Option<&str>,
    scheme: SchemeIx,
    levels: &str,
    within: Option<u32>,
    format: Emit,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let def = dataset.scheme(scheme);
    let ranks = parse_path(def, levels).map_err(|e| match e {
        LevelError::TooFew => CommandError::Usage(format!("--went: {e}")),
        e => CommandError::Failed(e.to_string()),
    })?;
    let mut text = vec![text_identity_header()];
    let mut table = Table::new(&["council_id", "council_name", "region"]);
    let names = def.levels();
    for (k, &rank) in ranks.iter().enumerate() {
        let name = &names[usize::from(rank)];
        // A level named twice gets its place in the path, so JSON keys stay apart.
        let repeated = ranks[..k].contains(&rank);
        let heading = match repeated {
            true => format!("{name} ({})", k + 1),
            false => name.clone(),
        };
        text[0].push(fit(&heading, MAX_COLUMN));
        table.columns.push(heading);
    }
    text[0].push("months".to_owned());
    table.columns.push("months".to_owned());
    for path in went(dataset, scheme, &ranks, within) {
        let council = &dataset.councils[path.council];
        if region.is_some_and(|r| council.region.as_deref() != Some(r)) {
            continue;
        }
        let mut line = text_identity(council);
        let mut row = identity(council);
        for &i in &path.steps {
            let date = council.ratings[i].date.to_string();
            line.push(date.clone());
            row.push(Cell::Text(date));
        }
        line.push(path.months.to_string());
        row.push(Cell::Count(u64::try_from(path.months).unwrap_or(0)));
        text.push(line);
        table.rows.push(row);
    }
    emit(out, format, &text, &table)
}

/// Why there is no rating, in a word or two for a table cell.
fn short_why(why: Why) -> &'static str {
    match why {
        Why::NotYet => "not yet rated",
        Why::Ungraded => "no grade",
        Why::Unknown | Why::Changing => "unknown",
        Why::SchemeEnded => "scheme ended",
        Why::CouncilEnded => "council ended",
    }
}

fn text_identity_header() -> Vec<String> {
    ["council", "id", "region"].map(str::to_owned).to_vec()
}

fn text_identity(council: &Council) -> Vec<String> {
    vec![
        fit(&council.name, MAX_COLUMN),
        council.id.clone(),
        council
            .region
            .as_deref()
            .map_or_else(|| "-".to_owned(), |r| fit(r, MAX_COLUMN)),
    ]
}

/// The council's id, name and region as table cells.
pub(super) fn identity(council: &Council) -> Vec<Cell> {
    vec![
        Cell::text(&council.id),
        Cell::text(&council.name),
        council.region.as_deref().map_or(Cell::Empty, Cell::text),
    ]
}

/// A column head per scheme, by id, in the text view and the table alike.
fn scheme_heads(
    dataset: &Dataset,
    columns: &[SchemeIx],
    text: &mut Vec<String>,
    table: &mut Table,
) {
    for &s in columns {
        text.push(fit(&dataset.scheme(s).id, MAX_COLUMN));
        table.columns.push(dataset.scheme(s).id.clone());
    }
}

/// The schemes `list` gives a column each when no `--scheme` is asked for: the top-level
/// schemes (no sub-judgements) that some of `councils` were rated in, in dataset order;
/// those still running on `date` (today, or the day `--at` names), else all of them.
/// Not [`Dataset::main_scheme`]: that is the one scheme a council's row in the
/// explorer, its sorting and its trajectory filters read; these are every column.
fn column_schemes(dataset: &Dataset, councils: &[&Council], date: Date) -> Vec<SchemeIx> {
    let mut used = vec![false; dataset.schemes.len()];
    for rating in councils.iter().flat_map(|c| &c.ratings) {
        used[usize::from(rating.scheme)] = true;
    }
    let top_level: Vec<SchemeIx> = (0..dataset.schemes.len())
        .filter(|&i| used[i] && dataset.schemes[i].parent.is_none())
        .map(|i| i as SchemeIx)
        .collect();
    let running: Vec<SchemeIx> = top_level
        .iter()
        .copied()
        .filter(|&s| !dataset.scheme(s).ended_by(date))
        .collect();
    if running.is_empty() {
        top_level
    } else {
        running
    }
}

/// The region as the dataset spells it, matched case-insensitively.
pub(super) fn find_region<'d>(dataset: &'d Dataset, wanted: &str) -> Result<&'d str, CommandError> {
    let mut regions: Vec<&str> = dataset
        .councils
        .iter()
        .filter_map(|c| c.region.as_deref())
        .collect();
    regions.sort_unstable();
    regions.dedup();
    if let Some(found) = regions
        .iter()
        .find(|r| r.eq_ignore_ascii_case(wanted.trim()))
    {
        return Ok(found);
    }
    Err(CommandError::Failed(if regions.is_empty() {
        format!("no council is in region \"{wanted}\": this dataset names no regions")
    } else {
        format!(
            "no council is in region \"{wanted}\"; regions: {}",
            regions.join(", ")
        )
    }))
}

/// A scheme by its id, matched case-insensitively.
pub(super) fn find_scheme(dataset: &Dataset, wanted: &str) -> Result<SchemeIx, CommandError> {
    let found = dataset
        .schemes
        .iter()
        .position(|s| s.id.eq_ignore_ascii_case(wanted.trim()));
    found.map(|i| i as SchemeIx).ok_or_else(|| {
        let ids: Vec<&str> = dataset.schemes.iter().map(|s| s.id.as_str()).collect();
        CommandError::Failed(format!(
            "no scheme has the id \"{wanted}\"; schemes: {}",
            ids.join(", ")
        ))
    })
}
