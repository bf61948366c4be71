//! CQC's assessments of councils' adult social care (2025): the October 2025 scrape, the
//! one score CQC's own press release corrects, and six councils' assessments from other
//! pages.

use super::*;

impl Builder {
    // -----------------------------------------------------------------------------------
    // CQC assessments of adult social care
    // -----------------------------------------------------------------------------------

    /// The October 2025 scrape, with the scores `fixes` corrects.
    pub(super) fn cqc(&mut self, table: &Table, fixes: &Table) -> Result<(), String> {
        let source = self.source_with_id(CQC_SOURCE)?;
        let mut rated = HashSet::new();
        let mut applied = HashSet::new();
        for row in table.rows() {
            let name = row.get("Authority Name")?;
            if let Some((_, reason)) = facts()
                .columns
                .cqc_left_out
                .iter()
                .find(|(n, _)| *n == name)
            {
                self.left_out(&row, reason);
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
                let cell = row.get(column)?;
                let fix = fixes.rows().find(|f| {
                    f.get("authority_name").is_ok_and(|n| n == name)
                        && f.get("column").is_ok_and(|c| c == *column)
                });
                let (score, note, cited) = match fix {
                    Some(fix) => {
                        let at = |e: String| fix.error(&e);
                        if fix.get("file_value")? != cell {
                            return Err(at(format!(
                                "{CQC_FILE} gives {name}'s {column} as {cell}, not as this fix says"
                            )));
                        }
                        let correct = fix.get("correct_value")?;
                        let cited = self.source_at(fix.get("source_url")?).map_err(at)?;
                        applied.insert(fix.line);
                        self.carried(&fix);
                        (
                            correct,
                            Some(format!(
                                "CQC's press release gives {correct}; the scrape read {cell}"
                            )),
                            cited,
                        )
                    }
                    None => (cell, None, source.clone()),
                };
                let level = levels(scheme)
                    .iter()
                    .find(|s| **s == score)
                    .ok_or_else(|| row.error(&format!("\"{score}\" is not a score from 1 to 4")))?;
                let rating = Found {
                    scheme,
                    date: date.clone(),
                    grade: Grade::Level(level),
                    note,
                    source: cited,
                };
                self.rate(&council, rating).map_err(|e| row.error(&e))?;
            }
            self.carried(&row);
        }
        if let Some(fix) = fixes.rows().find(|f| !applied.contains(&f.line)) {
            return Err(fix.error("this fix matches no score of the CQC file"));
        }
        self.cqc_coverage()
    }

    /// Six councils' assessments from other pages: the overall rating, and the scores
    /// only where a page gives them, dated as precisely as the page dates them.
    pub(super) fn cqc_additions(&mut self, table: &Table) -> Result<(), String> {
        for row in table.rows() {
            let at = |e: String| row.error(&e);
            let name = row.get("council_name")?;
            let code = row.get("ons_code")?;
            let council = self
                .codes
                .get(code)
                .cloned()
                .ok_or_else(|| at(format!("no council has ONS code {code}")))?;
            if self.council_named(name).map_err(at)? != council {
                return Err(at(format!("{name} is not the council with code {code}")));
            }
            if self.councils[&council]
                .ratings
                .iter()
                .any(|r| *r.scheme == *"cqc-asc")
            {
                return Err(at(format!("{CQC_FILE} already rates {name}")));
            }
            let reading = facts()
                .columns
                .cqc_additions
                .iter()
                .find(|(n, _, _, _)| *n == name)
                .ok_or_else(|| at(format!("no reading of the CQC addition for {name}")))?;
            let (_, source_date, note, score_note) = *reading;
            let source = self
                .source_for(
                    row.get("source_url")?,
                    row.get("source_title")?,
                    "",
                    source_date,
                )
                .map_err(at)?;
            let date = row.get("published")?;
            check_date(date).map_err(at)?;
            let overall = row.get("overall")?;
            let level = levels("cqc-asc")
                .iter()
                .find(|l| **l == overall)
                .ok_or_else(|| at(format!("\"{overall}\" is not a CQC rating")))?;
            let rating = Found {
                scheme: "cqc-asc",
                date: date.to_owned(),
                grade: Grade::Level(level),
                note: non_empty(note),
                source: source.clone(),
            };
            self.rate(&council, rating).map_err(at)?;
            for (i, (_, scheme)) in facts().columns.cqc_parts.iter().enumerate() {
                let score = row.get(&format!("qs{}", i + 1))?;
                if score.is_empty() {
                    continue;
                }
                let level = levels(scheme)
                    .iter()
                    .find(|s| **s == score)
                    .ok_or_else(|| at(format!("\"{score}\" is not a score from 1 to 4")))?;
                let rating = Found {
                    scheme,
                    date: date.to_owned(),
                    grade: Grade::Level(level),
                    note: non_empty(score_note),
                    source: source.clone(),
                };
                self.rate(&council, rating).map_err(at)?;
            }
            self.carried(&row);
        }
        Ok(())
    }

    /// The CQC files hold the reports published up to a month the data's README gives:
    /// the overall rating and its scores reach that far and no further.
    fn cqc_coverage(&mut self) -> Result<(), String> {
        let (until, note) = facts().rounds.cqc_coverage;
        check_date(until)?;
        let ids = std::iter::once("cqc-asc")
            .chain(facts().columns.cqc_parts.iter().map(|(_, scheme)| *scheme));
        for id in ids {
            let life = self
                .lives
                .get_mut(id)
                .ok_or_else(|| format!("scheme \"{id}\" is not declared"))?;
            life.covered_until = Some(until.to_owned());
            life.note = Some(note.to_owned());
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
