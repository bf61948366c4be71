//! `trajex list [--region R] [--scheme S]`: one line per council with its latest ratings.

use std::io::Write;

use super::{CommandError, table};
use crate::data::Date;
use crate::data::model::{Council, Dataset, SchemeIx};
use crate::data::timeline::change_label;
use crate::ui::text::fit;

/// The widest a name, region or grade column grows: longer text is cut with `…`.
/// Control characters in any of them are written out (`\x1b`).
const MAX_COLUMN: usize = 40;

/// Writes a header and one aligned line per council (in dataset order): name, id, region,
/// then the latest rating in each main scheme still running today (in every main scheme
/// when none is); with `scheme`, that scheme's latest rating, its date and its change.
pub fn run(
    dataset: &Dataset,
    region: Option<&str>,
    scheme: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let region = region.map(|r| find_region(dataset, r)).transpose()?;
    let scheme = scheme.map(|s| find_scheme(dataset, s)).transpose()?;
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
