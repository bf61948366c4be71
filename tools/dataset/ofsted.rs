//! Ofsted: every children's services inspection with its sub-judgements, the fixes and
//! additions of the second round of research, and Ofsted's annual rating.

use super::*;

impl Builder {
    // -----------------------------------------------------------------------------------
    // Ofsted: every inspection and every sub-judgement
    // -----------------------------------------------------------------------------------

    pub(super) fn ofsted(&mut self, table: &Table) -> Result<(), String> {
        let mut leavers_from: Option<String> = None;
        for row in table.rows() {
            if row.get("framework")? == "ILACS" && !row.get("ilacs_care_leavers")?.is_empty() {
                let date = row.get("publication_date")?;
                if leavers_from.as_deref().is_none_or(|d| date < d) {
                    leavers_from = Some(date.to_owned());
                }
            }
        }
        self.ilacs_leavers_from = leavers_from;
        let mut last = String::new();
        for row in table.rows() {
            self.ofsted_row(&row).map_err(|e| row.error(&e))?;
            last = last.max(row.get("publication_date")?.to_owned());
            self.carried(&row);
        }
        self.ofsted_coverage(&last)
    }

    /// The Ofsted file holds every full inspection (as the data's README says) up to its
    /// last report: the inspection schemes still running reach to that day.
    fn ofsted_coverage(&mut self, last: &str) -> Result<(), String> {
        check_date(last)?;
        let note = facts().rounds.ofsted_coverage_note.replace("{last}", last);
        for s in &facts().schemes.schemes {
            if s.id != "ofsted-cs" && s.parent != Some("ofsted-cs") {
                continue;
            }
            let life = self
                .lives
                .get_mut(s.id)
                .ok_or_else(|| format!("scheme \"{}\" has no life", s.id))?;
            if life.until.is_none() {
                life.covered_until = Some(last.to_owned());
                life.note = Some(note.clone());
            }
        }
        Ok(())
    }

    pub(super) fn ofsted_row(&mut self, row: &Row<'_>) -> Result<(), String> {
        let code = row.get("ons_code")?;
        let council = self
            .codes
            .get(code)
            .cloned()
            .ok_or_else(|| format!("no council has ONS code {code}"))?;
        let url = row.get("source_url")?;
        let number = url
            .rsplit('/')
            .next()
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| format!("the report link {url} does not end in a file number"))?;
        let framework = row.get("framework")?;
        let date = row.get("publication_date")?;
        let name = self
            .councils
            .get(&council)
            .map(|c| c.name.to_string())
            .unwrap_or_default();
        let title = match framework {
            "SIF" => format!(
                "{name}: inspection of services for children in need of help and protection, children looked after and care leavers (SIF)"
            ),
            "ILACS" => format!("{name}: inspection of children's social care services (ILACS)"),
            other => return Err(format!("unknown framework \"{other}\"")),
        };
        let source = format!("ofsted-{number}");
        self.add_source(Source {
            id: text(source.clone()),
            title: text(title),
            publisher: Some(text(OFSTED)),
            date: Some(text(date)),
            url: Some(text(url)),
        })?;
        let inspected = format!("inspected {}", row.get("inspection_dates_text")?);
        let (grade, overall_note) = match row.get("overall_effectiveness")? {
            "not_reported_post_april_2026_framework" => (
                Grade::None,
                format!(
                    "{inspected}; no overall grade, as the framework used from April 2026 gives none"
                ),
            ),
            level => (Grade::Level(ofsted_level(level)?), inspected),
        };
        let rating = Found {
            scheme: "ofsted-cs",
            date: date.to_owned(),
            grade,
            note: Some(overall_note),
            source: source.clone(),
        };
        self.rate(&council, rating)?;
        self.ofsted_sub_grades(&council, row, framework, date, &source, |_| None)
    }

    /// Sub-grades the Ofsted file left blank that the reports give.
    pub(super) fn ofsted_fixes(&mut self, ofsted: &Table, fixes: &Table) -> Result<(), String> {
        for fix in fixes.rows() {
            let at = |e: String| fix.error(&e);
            let name = fix.get("la_name")?;
            let date = fix.get("publication_date")?;
            let column = fix.get("column")?;
            let found: Vec<Row<'_>> = ofsted
                .rows()
                .filter(|r| {
                    r.get("la_name").is_ok_and(|n| n == name)
                        && r.get("publication_date").is_ok_and(|d| d == date)
                })
                .collect();
            let [report] = found.as_slice() else {
                return Err(at(format!(
                    "{} rows of {OFSTED_FILE} are {name}'s report of {date}",
                    found.len()
                )));
            };
            if !report.get(column)?.is_empty() {
                return Err(at(format!("{OFSTED_FILE} already grades {column}")));
            }
            let url = fix.get("source_url")?;
            if report.get("source_url")? != url {
                return Err(at(format!("{url} is not the report's link")));
            }
            let scheme = framework_parts(report.get("framework")?)
                .map_err(at)?
                .iter()
                .find(|(c, _)| *c == column)
                .map(|(_, s)| *s)
                .ok_or_else(|| at(format!("{column} is no column of this report's framework")))?;
            let council = self
                .codes
                .get(report.get("ons_code")?)
                .cloned()
                .ok_or_else(|| at("the report's council is not in the file".to_owned()))?;
            let number = url.rsplit('/').next().unwrap_or_default();
            let rating = Found {
                scheme,
                date: date.to_owned(),
                grade: Grade::Level(ofsted_level(fix.get("value")?).map_err(at)?),
                note: Some(FIXED_SUBGRADE_NOTE.to_owned()),
                source: format!("ofsted-{number}"),
            };
            self.rate(&council, rating).map_err(at)?;
            self.carried(&fix);
        }
        Ok(())
    }

    /// Inspections of councils that no longer exist, from pages other than Ofsted's.
    pub(super) fn ofsted_additions(&mut self, table: &Table) -> Result<(), String> {
        for row in table.rows() {
            self.ofsted_addition(&row).map_err(|e| row.error(&e))?;
            self.carried(&row);
        }
        Ok(())
    }

    pub(super) fn ofsted_addition(&mut self, row: &Row<'_>) -> Result<(), String> {
        let name = row.get("la_name")?;
        let code = row.get("ons_code")?;
        let council = match self.codes.get(code) {
            Some(id) => id.clone(),
            None => self.council_named(name)?,
        };
        let record = self
            .councils
            .get_mut(&council)
            .ok_or_else(|| format!("no council {council}"))?;
        match &record.code {
            Some(known) if **known != *code => {
                return Err(format!("{council} has code {known}, not {code}"));
            }
            Some(_) => {}
            None => {
                record.code = Some(text(code));
                self.codes.insert(code.to_owned(), council.clone());
            }
        }
        let record = &self.councils[&council];
        if record.region.as_deref() != Some(row.get("region")?) {
            return Err(format!("{council} is not in region {}", row.get("region")?));
        }
        if record.ended.is_none() {
            return Err(format!(
                "{council} is given as ended, but no end is recorded"
            ));
        }
        let framework = row.get("framework")?;
        let date = match row.get("publication_date")? {
            "" => facts()
                .news
                .addition_undated
                .iter()
                .find(|(n, f, _)| *n == name && *f == framework)
                .map(|(_, _, d)| *d)
                .ok_or_else(|| format!("no date is recorded for {name}'s {framework} report"))?,
            d => d,
        };
        let reading = facts()
            .news
            .addition_notes
            .iter()
            .find(|a| a.council == name && a.date == date)
            .ok_or_else(|| format!("no reading of the note on {name} {date}"))?;
        let url = row.get("source_url")?;
        let source = self.source_for(url, reading.title, "", reading.source_date)?;
        framework_parts(framework)?;
        let dates = row.get("inspection_dates_text")?;
        let inspected = if dates.is_empty() {
            String::new()
        } else {
            format!("inspected {dates}")
        };
        let rating = Found {
            scheme: "ofsted-cs",
            date: date.to_owned(),
            grade: Grade::Level(ofsted_level(row.get("overall_effectiveness")?)?),
            note: note(&[&inspected, reading.note]),
            source: source.clone(),
        };
        self.rate(&council, rating)?;
        self.ofsted_sub_grades(&council, row, framework, date, &source, |column| {
            let part_note = reading
                .parts
                .iter()
                .find(|(c, _)| *c == column)
                .map_or(reading.note, |(_, n)| *n);
            note(&[part_note])
        })
    }

    /// The sub-judgements an Ofsted report's row grades, each with the note `note_of`
    /// gives its column; a grade must be in a column of its framework's.
    fn ofsted_sub_grades(
        &mut self,
        council: &str,
        row: &Row<'_>,
        framework: &str,
        date: &str,
        source: &str,
        note_of: impl Fn(&str) -> Option<String>,
    ) -> Result<(), String> {
        for (column, scheme) in facts()
            .columns
            .ofsted_sif_parts
            .iter()
            .chain(&facts().columns.ofsted_ilacs_parts)
        {
            let cell = row.get(column)?;
            if cell.is_empty() {
                continue;
            }
            if !framework_parts(framework)?.iter().any(|(c, _)| c == column) {
                return Err(format!(
                    "a {framework} report has a grade in column {column}"
                ));
            }
            let rating = Found {
                scheme,
                date: date.to_owned(),
                grade: Grade::Level(ofsted_level(cell)?),
                note: note_of(column),
                source: source.to_owned(),
            };
            self.rate(council, rating)?;
        }
        self.ofsted_parts_not_judged(council, row, framework, date, source)
    }

    /// Care leavers in an ILACS report before the first that grades them apart (until
    /// then ILACS judged them with children in care), as an ungraded rating, so a reader
    /// is told "no grade given", not "unknown". A blank in a column a report does have
    /// is a grade not found: nothing is recorded, and it reads unknown. (Adoption, which
    /// ILACS does not judge, is a scheme that ended with SIF.)
    fn ofsted_parts_not_judged(
        &mut self,
        council: &str,
        row: &Row<'_>,
        framework: &str,
        date: &str,
        source: &str,
    ) -> Result<(), String> {
        if framework != "ILACS" {
            return Ok(());
        }
        let apart_from = self.ilacs_leavers_from.as_deref();
        if !row.get("ilacs_care_leavers")?.is_empty() || apart_from.is_none_or(|d| date >= d) {
            return Ok(());
        }
        let rating = Found {
            scheme: "ofsted-cs-care-leavers",
            date: date.to_owned(),
            grade: Grade::None,
            note: Some(
                "no separate care leavers grade: ILACS reports judged them with children in care until the first that graded them apart"
                    .to_owned(),
            ),
            source: source.to_owned(),
        };
        self.rate(council, rating)
    }

    /// Ofsted's annual children's services rating, 2009-11, for the councils news named.
    pub(super) fn ofsted_annual(&mut self, table: &Table) -> Result<(), String> {
        for row in table.rows() {
            let at = |e: String| row.error(&e);
            let council = self
                .council_named_loosely(row.get("council_as_printed")?)
                .map_err(at)?;
            let date = published_in(row.get("round")?).map_err(at)?;
            let value = row.get("value")?;
            let level = value
                .split_once(" (")
                .and_then(|(n, l)| Some((n, l.strip_suffix(')')?)))
                .and_then(|(n, l)| {
                    let rank = levels("ofsted-annual").iter().position(|x| *x == l)?;
                    (n == (rank + 1).to_string()).then_some(levels("ofsted-annual")[rank])
                })
                .ok_or_else(|| at(format!("cannot read the rating \"{value}\"")))?;
            let file_note = row.get("note")?;
            let reading = facts()
                .news
                .annual_notes
                .iter()
                .find(|(start, _)| file_note.starts_with(start))
                .map(|(_, r)| *r)
                .ok_or_else(|| at(format!("no reading of the note \"{file_note}\"")))?;
            let source = self.source_of_row(&row).map_err(at)?;
            let rating = Found {
                scheme: "ofsted-annual",
                date,
                grade: Grade::Level(level),
                note: note(&[reading]),
                source,
            };
            self.rate(&council, rating).map_err(at)?;
            self.carried(&row);
        }
        Ok(())
    }
}
/// The note on a sub-grade the Ofsted file left blank and the report gives.
const FIXED_SUBGRADE_NOTE: &str =
    "read from the report itself; the first Ofsted data file had left this grade blank";

/// The sub-judgement columns of an Ofsted framework's reports, with their schemes.
fn framework_parts(framework: &str) -> Result<&'static [(&'static str, &'static str)], String> {
    match framework {
        "SIF" => Ok(&facts().columns.ofsted_sif_parts),
        "ILACS" => Ok(&facts().columns.ofsted_ilacs_parts),
        other => Err(format!("unknown framework \"{other}\"")),
    }
}

pub(super) fn ofsted_level(cell: &str) -> Result<&'static str, String> {
    levels("ofsted-cs")
        .iter()
        .find(|l| **l == cell)
        .copied()
        .ok_or_else(|| format!("\"{cell}\" is not an Ofsted grade"))
}
