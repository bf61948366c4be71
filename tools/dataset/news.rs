//! Ratings named in the news: social services star ratings and their judgements, the
//! children's services assessment, and the comprehensive performance assessment.

use super::*;

impl Builder {
    // -----------------------------------------------------------------------------------
    // Social services star ratings and children's services assessments named in the news
    // -----------------------------------------------------------------------------------

    /// The star ratings files (one shape), read together so each reading of a joined
    /// judgement is used once across them.
    pub(super) fn star_ratings(&mut self, tables: &[&Table]) -> Result<(), String> {
        let mut used = HashSet::new();
        for table in tables {
            for row in table.rows() {
                self.star_row(&row, &mut used).map_err(|e| row.error(&e))?;
            }
        }
        if let Some(unused) = facts()
            .news
            .readings
            .iter()
            .enumerate()
            .find(|(i, _)| !used.contains(i))
        {
            let r = unused.1;
            return Err(format!(
                "the star ratings files have no row for the reading of {} {} \"{}\"",
                r.council, r.date, r.measure
            ));
        }
        Ok(())
    }

    pub(super) fn star_row(
        &mut self,
        row: &Row<'_>,
        used: &mut HashSet<usize>,
    ) -> Result<(), String> {
        let named = row.get("council_as_named")?;
        if let Some((_, _, reason)) = facts()
            .news
            .star_rows_left_out
            .iter()
            .find(|(c, r, _)| *c == named && *r == row.get("rating_round").unwrap_or_default())
        {
            self.left_out(row, reason);
            return Ok(());
        }
        let council = self.council_named(named)?;
        let (date, round_remark) = round_date(row.get("rating_round")?)?;
        let source = self.source_at(row.get("source_url")?)?;
        let file_note = reading_of_note(row.get("note")?)?;
        let measure = row.get("measure")?;
        let value = row.get("value")?;
        let reading = facts()
            .news
            .readings
            .iter()
            .position(|r| r.council == named && r.date == date && r.measure == measure);
        let (parts, remark): (Vec<(&'static str, &'static str)>, &str) = if let Some(i) = reading {
            let r = &facts().news.readings[i];
            if r.value != value {
                return Err(format!(
                    "the reading of {named} {date} \"{measure}\" expects \"{}\", not \"{value}\"",
                    r.value
                ));
            }
            if !used.insert(i) {
                return Err(format!(
                    "two rows match the reading of {named} {date} \"{measure}\""
                ));
            }
            (r.parts.to_vec(), r.remark)
        } else if measure == "overall stars" {
            (vec![("csci-stars", star_level(value)?)], "")
        } else if row
            .get("framework")?
            .starts_with("Ofsted/CSCI Annual Performance Assessment")
        {
            (apa_parts(measure, value)?, "")
        } else {
            return Err(format!(
                "no reading of the judgement \"{measure}\": \"{value}\""
            ));
        };
        // A page that shows no date and whose row explains nothing still says so.
        let undated = if file_note.is_empty()
            && self.sources.get(&source).is_some_and(|s| s.date.is_none())
        {
            "the page shows no date; the round is read from its content"
        } else {
            ""
        };
        let note = note(&[round_remark, file_note, undated, remark]);
        let label = row.get("rating_round")?;
        let placing = facts()
            .news
            .apart_from_rounds
            .iter()
            .find(|(l, _)| *l == label)
            .map_or(Placing::InRound, |(_, why)| Placing::Apart(why));
        for (scheme, level) in parts {
            let rating = Found {
                scheme,
                date: date.clone(),
                grade: Grade::Level(level),
                note: note.clone(),
                source: source.clone(),
            };
            self.rate_placed(&council, rating, placing)?;
        }
        self.carried(row);
        Ok(())
    }

    /// The two councils named as serving people well in both services in May 2002.
    pub(super) fn serving_well_2002(&mut self, table: &Table) -> Result<(), String> {
        for row in table.rows() {
            let at = |e: String| row.error(&e);
            let council = self
                .council_named(row.get("council_as_printed")?)
                .map_err(at)?;
            let (date, _) = round_date(row.get("round")?).map_err(at)?;
            if row.get("measure")? != "adults and children: serving people well"
                || !row
                    .get("value")?
                    .starts_with("serving their communities well in both")
            {
                return Err(at("not the judgement this reading expects".to_owned()));
            }
            let source = self.source_of_row(&row).map_err(at)?;
            for scheme in [ADULTS_SERVED, CHILDREN_SERVED] {
                let rating = Found {
                    scheme,
                    date: date.clone(),
                    grade: Grade::Level("yes"),
                    note: Some(SERVING_BOTH_NOTE.to_owned()),
                    source: source.clone(),
                };
                self.rate(&council, rating).map_err(at)?;
            }
            self.carried(&row);
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------
    // Comprehensive performance assessment
    // -----------------------------------------------------------------------------------

    pub(super) fn cpa_overall(&mut self, table: &Table) -> Result<(), String> {
        // Rows that give only a change in stars are read once the levels they change from
        // are in.
        let mut changes = Vec::new();
        for row in table.rows() {
            let council = self
                .council_named(row.get("council_as_named")?)
                .map_err(|e| row.error(&e))?;
            let (date, remark) = cpa_date(row.get("cpa_year")?).map_err(|e| row.error(&e))?;
            let source = self
                .source_at(row.get("source_url")?)
                .map_err(|e| row.error(&e))?;
            let file_note = match row.get("note")? {
                // The national count of poor councils is a summary of its own.
                n if n.starts_with("partial: 13 councils") => "",
                "provisional result" => "a provisional result",
                "blog source; lower reliability" => {
                    "from a personal blog, a less reliable source than the others"
                }
                n if n.starts_with("article gives the change only") => "",
                "" => "",
                other => return Err(row.error(&format!("no reading of the note \"{other}\""))),
            };
            let value = row.get("value")?;
            self.carried(&row);
            if let Some(rise) = value
                .strip_prefix("rose by ")
                .and_then(|v| v.strip_suffix(" stars since 2006"))
            {
                changes.push((row.line, council, date, rise.to_owned(), source));
                continue;
            }
            let (scheme, level) = if levels("cpa").contains(&value) {
                ("cpa", value)
            } else {
                (
                    "cpa-stars",
                    cpa_star_level(value).map_err(|e| row.error(&e))?,
                )
            };
            let level = level_at(scheme, rank_in(scheme, level)?)?;
            let rating = Found {
                scheme,
                date,
                grade: Grade::Level(level),
                note: note(&[remark, file_note]),
                source,
            };
            self.rate(&council, rating).map_err(|e| row.error(&e))?;
        }
        for (line, council, date, rise, source) in changes {
            let at = |e: String| format!("{CPA_OVERALL_FILE} line {line}: {e}");
            let rise: usize = rise
                .parse()
                .map_err(|_| at(format!("\"{rise}\" is not a number of stars")))?;
            let before = self
                .councils
                .get(&council)
                .and_then(|c| {
                    c.ratings
                        .iter()
                        .find(|r| *r.scheme == *"cpa-stars" && r.date.starts_with(CPA_2006_DATE))
                })
                .and_then(|r| r.level.as_deref())
                .ok_or_else(|| {
                    at(format!(
                        "{council} has no 2006 star category to add the rise to"
                    ))
                })?;
            let level = level_at(
                "cpa-stars",
                rank_in("cpa-stars", before).map_err(at)? + rise,
            )
            .map_err(at)?;
            let remark = format!(
                "the source gives only a rise of {rise} stars since 2006; the level adds it to the {before} of the 2006 assessment"
            );
            let rating = Found {
                scheme: "cpa-stars",
                date,
                grade: Grade::Level(level),
                note: Some(remark),
                source,
            };
            self.rate(&council, rating).map_err(at)?;
        }
        Ok(())
    }

    /// More CPA categories and scores named in the news (three files of one shape).
    pub(super) fn cpa_named(&mut self, table: &Table) -> Result<(), String> {
        for row in table.rows() {
            let at = |e: String| row.error(&e);
            let measure = row.get("measure")?;
            let value = row.get("value")?;
            if let Some((_, reason)) = facts().news.cpa_no_rating.iter().find(|(v, _)| *v == value)
            {
                self.left_out(&row, reason);
                continue;
            }
            if let Some((_, reason)) = facts()
                .news
                .cpa_left_out_measures
                .iter()
                .find(|(m, _)| *m == measure)
            {
                self.left_out(&row, reason);
                continue;
            }
            let (scheme, level, remark) = match measure {
                "overall CPA star category (0-4)" => {
                    let stars = if value == "1" {
                        "1 star".to_owned()
                    } else {
                        format!("{value} stars")
                    };
                    ("cpa-stars", cpa_star_level(&stars).map_err(at)?, "")
                }
                "overall CPA category (excellent/good/fair/weak/poor)" => {
                    let (word, remark) = match value {
                        "fair (revised from weak)" => ("fair", ""),
                        v => (v, ""),
                    };
                    let level = levels("cpa")
                        .iter()
                        .find(|l| l.to_lowercase() == word)
                        .copied()
                        .ok_or_else(|| at(format!("\"{value}\" is not a CPA category")))?;
                    ("cpa", level, remark)
                }
                "children and young people score (1-4)" | "adult social care score (1-4)" => {
                    let scheme = if measure.starts_with("children") {
                        "cpa-children"
                    } else {
                        "cpa-adult-social-care"
                    };
                    let level = levels(scheme)
                        .iter()
                        .find(|s| **s == value)
                        .copied()
                        .ok_or_else(|| at(format!("\"{value}\" is not a score from 1 to 4")))?;
                    (scheme, level, "")
                }
                m => return Err(at(format!("no reading of the measure \"{m}\""))),
            };
            let council = self
                .council_named_loosely(row.get("council_as_printed")?)
                .map_err(at)?;
            let date = published_in(row.get("round")?)
                .map_err(at)?
                .get(..7)
                .ok_or_else(|| at("a CPA round dated by its year alone".to_owned()))?
                .to_owned();
            let file_note = row.get("note")?;
            let reading = if file_note.is_empty() {
                ""
            } else {
                facts()
                    .news
                    .cpa_note_readings
                    .iter()
                    .find(|(start, contains, _)| {
                        file_note.starts_with(start)
                            && contains.is_none_or(|c| file_note.contains(c))
                    })
                    .map(|(_, _, r)| *r)
                    .ok_or_else(|| at(format!("no reading of the note \"{file_note}\"")))?
            };
            let source = self.source_of_row(&row).map_err(at)?;
            let undated = if reading.is_empty()
                && self.sources.get(&source).is_some_and(|s| s.date.is_none())
            {
                "the page shows no date; the round is read from its content"
            } else {
                ""
            };
            let rating = Found {
                scheme,
                date,
                grade: Grade::Level(level),
                note: note(&[reading, undated, remark]),
                source,
            };
            self.rate(&council, rating).map_err(at)?;
            self.carried(&row);
        }
        Ok(())
    }

    /// The Guardian's CPA tables for 2006 and 2007. Rows the file flags as irregular are
    /// left out, each with the reason the facts give (none of their scores can be placed
    /// in a column with certainty).
    pub(super) fn cpa_scores(&mut self, table: &Table) -> Result<(), String> {
        for row in table.rows() {
            if row.get("parse_status")? != "ok" {
                let (council, year) = (row.get("council_as_printed")?, row.get("cpa_year")?);
                let (_, _, reason) = facts()
                    .news
                    .cpa_score_rows_left_out
                    .iter()
                    .find(|(c, y, _)| *c == council && *y == year)
                    .ok_or_else(|| row.error("an irregular row the facts do not name"))?;
                self.left_out(&row, reason);
                continue;
            }
            let council = self
                .council_named(row.get("council_as_printed")?)
                .map_err(|e| row.error(&e))?;
            let (date, remark) = match row.get("cpa_year")? {
                "2006" => (CPA_2006_DATE, "CPA 2006, published February 2007"),
                "2007" => (CPA_2007_DATE, "CPA 2007, published February 2008"),
                other => return Err(row.error(&format!("unknown CPA year \"{other}\""))),
            };
            let source = self
                .source_at(row.get("source_url")?)
                .map_err(|e| row.error(&e))?;
            for (column, scheme) in [
                ("children_young_people", "cpa-children"),
                ("social_care_adults", "cpa-adult-social-care"),
            ] {
                let level = match row.get(column)? {
                    "N/A" | "n/a" | "" => continue,
                    score => levels(scheme)
                        .iter()
                        .find(|s| **s == score)
                        .ok_or_else(|| {
                            row.error(&format!("\"{score}\" is not a score from 1 to 4"))
                        })?,
                };
                let rating = Found {
                    scheme,
                    date: date.to_owned(),
                    grade: Grade::Level(level),
                    note: Some(remark.to_owned()),
                    source: source.clone(),
                };
                self.rate(&council, rating).map_err(|e| row.error(&e))?;
            }
            self.carried(&row);
        }
        Ok(())
    }
}
// ---------------------------------------------------------------------------------------
// Reading cells
// ---------------------------------------------------------------------------------------

pub(super) fn star_level(value: &str) -> Result<&'static str, String> {
    match value {
        "0" => Ok("0 stars"),
        "1" => Ok("1 star"),
        "2" => Ok("2 stars"),
        "3" => Ok("3 stars"),
        other => Err(format!("\"{other}\" is not a number of stars from 0 to 3")),
    }
}

pub(super) fn cpa_star_level(value: &str) -> Result<&'static str, String> {
    levels("cpa-stars")
        .iter()
        .find(|l| **l == value)
        .copied()
        .ok_or_else(|| format!("\"{value}\" is not a CPA category"))
}

/// CPA rounds are dated by the month their results came out (per the CPA news file).
pub(super) const CPA_2006_DATE: &str = "2007-02";
pub(super) const CPA_2007_DATE: &str = "2008-02";

pub(super) fn cpa_date(label: &str) -> Result<(String, &'static str), String> {
    Ok(match label {
        "2002 (published 12 Dec 2002)" => ("2002-12".to_owned(), ""),
        // A year alone: the rating takes its round's date, and a note says so.
        "2005" => ("2005".to_owned(), ""),
        "2006" => (
            CPA_2006_DATE.to_owned(),
            "the 2006 assessment, whose results came out in February 2007",
        ),
        "2006 (published 22 Feb 2007)" => (CPA_2006_DATE.to_owned(), ""),
        "2007 (published 7 Feb 2008)" => (CPA_2007_DATE.to_owned(), ""),
        other => return Err(format!("unknown CPA round \"{other}\"")),
    })
}

/// The date of a round as the news file labels it, and a remark when the date is not
/// simply the labelled month.
pub(super) fn round_date(label: &str) -> Result<(String, &'static str), String> {
    facts()
        .news
        .rounds
        .iter()
        .find(|(l, _, _)| *l == label)
        .map(|(_, date, remark)| ((*date).to_owned(), *remark))
        .ok_or_else(|| format!("unknown rating round \"{label}\""))
}

pub(super) fn reading_of_note(file_note: &str) -> Result<&'static str, String> {
    if file_note.is_empty() {
        return Ok("");
    }
    facts()
        .news
        .note_readings
        .iter()
        .find(|(start, contains, _)| {
            file_note.starts_with(start) && contains.is_none_or(|c| file_note.contains(c))
        })
        .map(|(_, _, reading)| *reading)
        .ok_or_else(|| format!("no reading of the note \"{file_note}\""))
}

/// Reads an APA cell: judgement names joined by commas or semicolons against grades joined
/// by " / ", with an optional name for the grade in brackets ("1 (inadequate)").
pub(super) fn apa_parts(
    measure: &str,
    value: &str,
) -> Result<Vec<(&'static str, &'static str)>, String> {
    let measure = measure
        .strip_prefix("all graded areas (")
        .and_then(|m| m.strip_suffix(')'))
        .unwrap_or(measure);
    let names: Vec<&str> = measure.split([',', ';']).map(str::trim).collect();
    let (numbers, named) = match value.split_once(" (") {
        Some((numbers, rest)) => {
            let named = rest
                .strip_suffix(')')
                .ok_or_else(|| format!("cannot read the grades \"{value}\""))?;
            (numbers, Some(named))
        }
        None => (value, None),
    };
    let grades: Vec<usize> = numbers
        .split(" / ")
        .map(|g| match g.trim() {
            "1" => Ok(1),
            "2" => Ok(2),
            "3" => Ok(3),
            "4" => Ok(4),
            other => Err(format!("\"{other}\" is not an APA grade")),
        })
        .collect::<Result<_, _>>()?;
    if grades.len() != names.len() {
        return Err(format!(
            "{} judgements but {} grades in \"{measure}\": \"{value}\"",
            names.len(),
            grades.len()
        ));
    }
    if let Some(named) = named {
        let expected = match named {
            "inadequate" | "lowest grade" => 1,
            "good" => 3,
            "outstanding" => 4,
            other => return Err(format!("\"{other}\" names no APA grade")),
        };
        if grades.iter().any(|g| *g != expected) {
            return Err(format!("the grades \"{value}\" disagree with their name"));
        }
    }
    names
        .iter()
        .zip(grades)
        .map(|(name, grade)| {
            let scheme = facts()
                .news
                .apa_measures
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, s)| *s)
                .ok_or_else(|| format!("unknown APA judgement \"{name}\""))?;
            Ok((scheme, level_at(scheme, grade - 1)?))
        })
        .collect()
}

/// The date a round label gives after "published ": "CPA 2003, published 2003-12-18" →
/// "2003-12-18".
pub(super) fn published_in(label: &str) -> Result<String, String> {
    let date = label
        .split_once("published ")
        .map(|(_, d)| d.trim_end_matches(')').trim())
        .ok_or_else(|| format!("the round \"{label}\" gives no publication date"))?;
    check_date(date)?;
    Ok(date.to_owned())
}

/// The note on the May 2002 councils serving people well in both services.
const SERVING_BOTH_NOTE: &str = "read from a mirror copy of a BBC News page; one of the two councils it names as serving people well for both adults and children";
