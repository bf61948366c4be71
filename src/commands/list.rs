//! `trajex list [--region R] [--scheme S] [--at D]`: one line per council with its
//! latest ratings, or with the rating in force at a date and why there is none.

use std::io::Write;

use super::{CommandError, table};
use crate::data::Date;
use crate::data::model::{Council, Dataset, SchemeIx};
use crate::data::timeline::{Reading, Timeline, Why, change_label};
use crate::ui::text::fit;

/// The widest a name, region or grade column grows: longer text is cut with `…`.
/// Control characters in any of them are written out (`\x1b`).
const MAX_COLUMN: usize = 40;

/// Writes a header and one aligned line per council (in dataset order): name, id, region,
/// then the latest rating in each main scheme still running today (in every main scheme
/// when none is); with `scheme`, that scheme's latest rating, its date and its change.
/// With `at`, the rating in force on that date instead, or why there is none.
pub fn run(
    dataset: &Dataset,
    region: Option<&str>,
    scheme: Option<&str>,
    at: Option<Date>,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let region = region.map(|r| find_region(dataset, r)).transpose()?;
    let scheme = scheme.map(|s| find_scheme(dataset, s)).transpose()?;
    if let Some(date) = at {
        return at_date(dataset, region, scheme, date, out);
    }
    let councils: Vec<&Council> = dataset
        .councils
        .iter()
        .filter(|c| region.is_none_or(|r| c.region.as_deref() == Some(r)))
        .collect();
    let mut header = vec!["council".to_owned(), "id".to_owned(), "region".to_owned()];
    let mut rows = Vec::with_capacity(councils.len() + 1);
    match scheme {
        Some(scheme) => {
            header.extend([
                fit(&dataset.scheme(scheme).id, MAX_COLUMN),
                "date".to_owned(),
                "change".to_owned(),
            ]);
            rows.push(header);
            for council in councils {
                let mut row = identity(council);
                match council.ratings.iter().rposition(|r| r.scheme == scheme) {
                    Some(i) => {
                        let rating = &council.ratings[i];
                        row.push(fit(
                            &dataset.scheme(scheme).describe(rating.grade),
                            MAX_COLUMN,
                        ));
                        row.push(rating.date.to_string());
                        row.push(change_label(dataset, council, i).unwrap_or_default());
                    }
                    None => row.push("-".to_owned()),
                }
                rows.push(row);
            }
        }
        None => {
            let columns = main_schemes(dataset, &councils, Date::today());
            header.extend(
                columns
                    .iter()
                    .map(|&s| fit(&dataset.scheme(s).id, MAX_COLUMN)),
            );
            rows.push(header);
            for council in councils {
                let mut row = identity(council);
                for &scheme in &columns {
                    let latest = council.ratings.iter().rev().find(|r| r.scheme == scheme);
                    row.push(latest.map_or("-".to_owned(), |r| {
                        fit(&dataset.scheme(scheme).describe(r.grade), MAX_COLUMN)
                    }));
                }
                rows.push(row);
            }
        }
    }
    table::write(out, &rows)?;
    Ok(())
}

/// `list --at`: each council's rating in force on `date` (the last day of the period
/// given), or why there is none; with a scheme, the date it held from or the reason in
/// full.
fn at_date(
    dataset: &Dataset,
    region: Option<&str>,
    scheme: Option<SchemeIx>,
    date: Date,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let day = super::context::as_of(date);
    let councils: Vec<&Council> = dataset
        .councils
        .iter()
        .filter(|c| region.is_none_or(|r| c.region.as_deref() == Some(r)))
        .collect();
    let columns = match scheme {
        Some(s) => vec![s],
        None => main_schemes(dataset, &councils, day),
    };
    let mut header = vec!["council".to_owned(), "id".to_owned(), "region".to_owned()];
    header.extend(
        columns
            .iter()
            .map(|&s| fit(&dataset.scheme(s).id, MAX_COLUMN)),
    );
    if scheme.is_some() {
        header.push(format!("at {date}"));
    }
    let mut rows = vec![header];
    for council in councils {
        let mut row = identity(council);
        for &s in &columns {
            let reading = Timeline::standing(dataset, council, s, day);
            let cell = match reading {
                Reading::Holds(segment) => dataset.scheme(s).describe(segment.grade),
                other => match (scheme, other.why()) {
                    (Some(_), _) => "-".to_owned(),
                    (None, why) => format!("({})", why.map_or("", short_why)),
                },
            };
            row.push(fit(&cell, MAX_COLUMN));
            if scheme.is_some() {
                row.push(match reading {
                    Reading::Holds(segment) => format!("since {}", segment.from),
                    other => other.describe(dataset, council, s),
                });
            }
        }
        rows.push(row);
    }
    table::write(out, &rows)?;
    Ok(())
}

/// Why there is no rating, in a word or two for a table cell.
fn short_why(why: Why) -> &'static str {
    match why {
        Why::NotYet => "not yet rated",
        Why::Ungraded => "no grade",
        Why::Unknown => "unknown",
        Why::SchemeEnded => "scheme ended",
        Why::CouncilEnded => "council ended",
    }
}

fn identity(council: &Council) -> Vec<String> {
    vec![
        fit(&council.name, MAX_COLUMN),
        council.id.clone(),
        council
            .region
            .as_deref()
            .map_or_else(|| "-".to_owned(), |r| fit(r, MAX_COLUMN)),
    ]
}

/// The schemes that are no sub-judgement and that some of `councils` were rated in:
/// those still running on `today`, else all of them.
fn main_schemes(dataset: &Dataset, councils: &[&Council], today: Date) -> Vec<SchemeIx> {
    let mut used = vec![false; dataset.schemes.len()];
    for rating in councils.iter().flat_map(|c| &c.ratings) {
        used[usize::from(rating.scheme)] = true;
    }
    let main: Vec<SchemeIx> = (0..dataset.schemes.len())
        .filter(|&i| used[i] && dataset.schemes[i].parent.is_none())
        .map(|i| i as SchemeIx)
        .collect();
    let running: Vec<SchemeIx> = main
        .iter()
        .copied()
        .filter(|&s| dataset.scheme(s).until.is_none_or(|u| u > today))
        .collect();
    if running.is_empty() { main } else { running }
}

/// The region as the dataset spells it, matched case-insensitively.
fn find_region<'d>(dataset: &'d Dataset, wanted: &str) -> Result<&'d str, CommandError> {
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
