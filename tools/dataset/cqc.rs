//! CQC's assessments of councils' adult social care (2025).

use super::*;

impl Builder {
    // -----------------------------------------------------------------------------------
    // CQC assessments of adult social care
    // -----------------------------------------------------------------------------------

    pub(super) fn cqc(&mut self, table: &Table) -> Result<(), String> {
        let source = self.source_with_id(CQC_SOURCE)?;
        let mut rated = HashSet::new();
        for row in table.rows() {
            let name = row.get("Authority Name")?;
            if facts().columns.cqc_left_out.contains(&name) {
                continue;
            }
            let council = self
                .council_named(&cqc_short_name(name))
                .map_err(|e| row.error(&e))?;
            if !rated.insert(council.clone()) {
                return Err(row.error(&format!("a second row for {council}")));
            }
            let date = month_of(row.get("Date")?).map_err(|e| row.error(&e))?;
            let overall = row.get("Overall")?;
            let level = levels("cqc-asc")
                .iter()
                .find(|l| **l == overall)
                .ok_or_else(|| row.error(&format!("\"{overall}\" is not a CQC rating")))?;
            let correction = facts()
                .columns
                .cqc_corrections
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, note)| (*note).to_owned());
            let rating = Found {
                scheme: "cqc-asc",
                date: date.clone(),
                grade: Grade::Level(level),
                note: correction,
                source: source.clone(),
            };
            self.rate(&council, rating).map_err(|e| row.error(&e))?;
            for (column, scheme) in &facts().columns.cqc_parts {
                let score = row.get(column)?;
                let level = levels(scheme)
                    .iter()
                    .find(|s| **s == score)
                    .ok_or_else(|| row.error(&format!("\"{score}\" is not a score from 1 to 4")))?;
                let rating = Found {
                    scheme,
                    date: date.clone(),
                    grade: Grade::Level(level),
                    note: None,
                    source: source.clone(),
                };
                self.rate(&council, rating).map_err(|e| row.error(&e))?;
            }
        }
        Ok(())
    }
}
// ---------------------------------------------------------------------------------------
// CQC
// ---------------------------------------------------------------------------------------

/// The council part of a long CQC name ("London Borough of Camden" → "Camden").
pub fn cqc_short_name(long: &str) -> String {
    let mut name = long.trim();
    for prefix in [
        "London Borough of ",
        "Royal Borough of ",
        "Metropolitan Borough of ",
        "Council of the ",
        "City of ",
    ] {
        name = name.strip_prefix(prefix).unwrap_or(name);
    }
    for suffix in [
        " Borough Council",
        " County Council",
        " City Council",
        " Council",
    ] {
        name = name.strip_suffix(suffix).unwrap_or(name);
    }
    name.to_owned()
}

/// "February 2025" → "2025-02".
pub fn month_of(text: &str) -> Result<String, String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let (month, year) = text
        .split_once(' ')
        .ok_or_else(|| format!("\"{text}\" is not a month and year"))?;
    let number = MONTHS
        .iter()
        .position(|m| *m == month)
        .ok_or_else(|| format!("\"{month}\" is not a month"))?
        + 1;
    let date = format!("{year}-{number:02}");
    check_date(&date)?;
    Ok(date)
}
