//! The checks on one row: its council agrees with the council's first row, its scheme,
//! level, rank and value are the catalogue's, its source can be found.

use std::collections::HashMap;

use super::Reader;
use super::columns::{
    CODE, COUNCIL_ID, COUNCIL_NAME, LEVEL, RANK, REGION, SCHEME_ID, SCHEME_NAME, SOURCE_ID,
    SOURCE_TITLE, SOURCE_URL, VALUE,
};
use super::dataset::FirstRow;
use super::layout::Row;
use crate::data::model::{Council, Dataset, Grade, Scale, SchemeIx, SourceIx};

impl Reader<'_> {
    /// The council a row rates, made from its first row; later rows must agree with it.
    pub(super) fn council(
        &mut self,
        row: &Row<'_>,
        out: &mut Dataset,
        seen: &mut HashMap<String, FirstRow>,
    ) -> Option<usize> {
        let id = row.cell(COUNCIL_ID);
        if id.is_empty()
            || !id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            let message = format!("council id \"{id}\" must be lowercase letters, digits and `-`");
            self.problems.push(row.problem(COUNCIL_ID, message));
            return None;
        }
        let name = row.cell(COUNCIL_NAME);
        if name.is_empty() {
            self.problems
                .push(row.problem(COUNCIL_NAME, format!("council \"{id}\" has no name")));
        }
        let Some(first) = seen.get(id) else {
            seen.insert(
                id.to_owned(),
                FirstRow {
                    council: out.councils.len(),
                    line: row.record.line,
                },
            );
            out.councils.push(Council {
                id: id.to_owned(),
                name: name.to_owned(),
                code: row.optional(CODE),
                region: row.optional(REGION),
                ..Council::default()
            });
            return Some(out.councils.len() - 1);
        };
        let council = &out.councils[first.council];
        for (column, known) in [
            (COUNCIL_NAME, council.name.as_str()),
            (CODE, council.code.as_deref().unwrap_or("")),
            (REGION, council.region.as_deref().unwrap_or("")),
        ] {
            let given = row.cell(column);
            if given != known && !(column == COUNCIL_NAME && given.is_empty()) {
                let message = format!(
                    "council \"{id}\" has \"{given}\" here but \"{known}\" on line {}, its first row",
                    first.line
                );
                self.problems.push(row.problem(column, message));
            }
        }
        Some(first.council)
    }

    /// The scheme a row names, from the catalogue.
    pub(super) fn scheme(
        &mut self,
        row: &Row<'_>,
        schemes: &HashMap<&str, SchemeIx>,
    ) -> Option<SchemeIx> {
        let id = row.cell(SCHEME_ID);
        let Some(&ix) = schemes.get(id) else {
            let nearest = self.nearest_scheme(id);
            let message = format!("scheme \"{id}\" is not in {}{nearest}", self.catalogue_name);
            self.problems.push(row.problem(SCHEME_ID, message));
            return None;
        };
        let known = &self.catalogue.scheme(ix).name;
        let given = row.cell(SCHEME_NAME);
        if !given.is_empty() && given != known {
            let message = format!(
                "\"{given}\" is not the name of scheme \"{id}\" in {}; the dataset keeps \"{known}\"",
                self.catalogue_name
            );
            self.warn(row, SCHEME_NAME, id, message);
        }
        Some(ix)
    }

    /// `; did you mean "x"?` for a near miss, else the ids there are (once per file:
    /// a CSV from another dataset misses on every row).
    fn nearest_scheme(&mut self, id: &str) -> String {
        let ids = self.catalogue.schemes.iter().map(|s| s.id.as_str());
        let best = ids
            .clone()
            .map(|s| (strsim::jaro_winkler(s, id), s))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        match best {
            Some((score, near)) if score > 0.85 => format!("; did you mean \"{near}\"?"),
            _ if self.catalogue.schemes.is_empty() => "; it defines no schemes".to_owned(),
            _ if self.schemes_listed => String::new(),
            _ => {
                self.schemes_listed = true;
                format!("; its schemes are {}", ids.collect::<Vec<_>>().join(", "))
            }
        }
    }

    /// What the row's level, rank and value say on `scheme`'s scale.
    pub(super) fn grade(
        &mut self,
        row: &Row<'_>,
        out: &Dataset,
        scheme: SchemeIx,
    ) -> Option<Grade> {
        let def = out.scheme(scheme);
        let (level, rank, value) = (row.cell(LEVEL), row.cell(RANK), row.cell(VALUE));
        let mut fail = |column: usize, message: String| {
            self.problems.push(row.problem(column, message));
            None
        };
        match &def.scale {
            Scale::Numeric { .. } if !level.is_empty() => fail(
                LEVEL,
                format!(
                    "scheme \"{}\" is numeric: give a value, not a level",
                    def.id
                ),
            ),
            Scale::Ordinal(_) if !value.is_empty() => fail(
                VALUE,
                format!(
                    "scheme \"{}\" has named levels: give a level, not a value",
                    def.id
                ),
            ),
            _ if level.is_empty() && !rank.is_empty() => {
                fail(RANK, "a rank is given but no level".to_owned())
            }
            Scale::Ordinal(levels) if !level.is_empty() => {
                let Some(found) = levels.iter().position(|l| l == level) else {
                    return fail(
                        LEVEL,
                        format!(
                            "\"{level}\" is not a level of scheme \"{}\" ({})",
                            def.id,
                            levels.join(", ")
                        ),
                    );
                };
                if !rank.is_empty() && rank.parse::<usize>().ok() != Some(found + 1) {
                    return fail(
                        RANK,
                        format!(
                            "\"{rank}\" is not the rank of \"{level}\", which is {} (1 = worst)",
                            found + 1
                        ),
                    );
                }
                Some(Grade::Level(found as u8))
            }
            Scale::Numeric { .. } if !value.is_empty() => match value.parse::<f64>() {
                Ok(v) if v.is_finite() => Some(Grade::Value(v)),
                _ => fail(VALUE, format!("\"{value}\" is not a number")),
            },
            _ => Some(Grade::Ungraded),
        }
    }

    /// The source a row cites: `Ok(None)` for none, `Err` when it cannot be found.
    pub(super) fn source(
        &mut self,
        row: &Row<'_>,
        out: &Dataset,
        sources: &HashMap<String, SourceIx>,
    ) -> Result<Option<SourceIx>, ()> {
        let (id, url, title) = (
            row.cell(SOURCE_ID),
            row.cell(SOURCE_URL),
            row.cell(SOURCE_TITLE),
        );
        if id.is_empty() {
            if !url.is_empty() {
                self.problems.push(row.problem(
                    SOURCE_URL,
                    "a URL is given but no source_id to name its source",
                ));
            }
            if !title.is_empty() {
                self.problems.push(row.problem(
                    SOURCE_TITLE,
                    "a title is given but no source_id to name its source",
                ));
            }
            return if url.is_empty() && title.is_empty() {
                Ok(None)
            } else {
                Err(())
            };
        }
        let Some(&ix) = sources.get(id) else {
            // A file without the source_title column is told only of the column it has.
            let columns = if row.layout.fields[SOURCE_TITLE].is_some() {
                "source_url or source_title"
            } else {
                "source_url"
            };
            let message = format!(
                "source \"{id}\" is not in {} and no row gives its {columns} to make one from",
                self.catalogue_name
            );
            self.problems.push(row.problem(SOURCE_ID, message));
            return Err(());
        };
        let known = out.source(ix).url.as_deref().unwrap_or("");
        if (ix as usize) < self.catalogue.sources.len() && !url.is_empty() && url != known {
            let message = format!(
                "\"{url}\" is not the URL of source \"{id}\" in {}; the dataset keeps {}",
                self.catalogue_name,
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    format!("\"{known}\"")
                }
            );
            self.warn(row, SOURCE_URL, id, message);
        }
        let known = &out.source(ix).title;
        if (ix as usize) < self.catalogue.sources.len() && !title.is_empty() && title != known {
            let message = format!(
                "\"{title}\" is not the title of source \"{id}\" in {}; the dataset keeps \"{known}\"",
                self.catalogue_name
            );
            self.warn(row, SOURCE_TITLE, id, message);
        }
        Ok(Some(ix))
    }
}
