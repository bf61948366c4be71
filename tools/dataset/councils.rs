//! Councils: ids from names, the lookup's councils with their aliases and statistical
//! neighbours, and the former councils the lookup lacks.

use super::*;

// ---------------------------------------------------------------------------------------
// Councils: names, ids, aliases, former councils
// ---------------------------------------------------------------------------------------

/// The council id for a name: lowercase, `&` as "and", commas, apostrophes and full stops
/// dropped, spaces as `-`.
pub(super) fn slug(name: &str) -> Result<String, String> {
    let mut out = String::new();
    for c in name.replace('&', " and ").chars() {
        match c {
            ',' | '\'' | '’' | '.' => {}
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            ' ' | '-' => {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
            _ => {
                return Err(format!(
                    "the name \"{name}\" has a character an id cannot carry: {c:?}"
                ));
            }
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        Err(format!("the name \"{name}\" gives an empty id"))
    } else {
        Ok(out)
    }
}

/// A name reduced for matching: lowercase, `&` as "and", hyphens as spaces, no punctuation.
pub(super) fn normalise(name: &str) -> String {
    let mut out = String::new();
    for c in name.replace('&', " and ").chars() {
        match c {
            ',' | '\'' | '’' | '.' => {}
            '-' => out.push(' '),
            c => out.extend(c.to_lowercase()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Builder {
    pub(super) fn councils_from_lookup(&mut self, lookup: &Table) -> Result<(), String> {
        // DfE code → council id, for the statistical neighbours (which the lookup gives as
        // DfE codes; its ONS-coded copy carries two retired codes).
        let mut by_dfe: HashMap<String, String> = HashMap::new();
        let mut neighbour_codes: Vec<(String, String)> = Vec::new();
        for row in lookup.rows() {
            let ons_name = row.get("local_authority_ons_name")?;
            let code = row.get("la_code_new")?;
            let name = facts()
                .councils
                .short_names
                .iter()
                .find(|(long, _)| *long == ons_name)
                .map_or(ons_name, |(_, short)| short);
            let id = slug(name)?;
            let mut aliases: Vec<String> = match facts()
                .councils
                .alias_overrides
                .iter()
                .find(|(c, _)| *c == code)
            {
                Some((_, list)) => list.iter().map(|s| (*s).to_owned()).collect(),
                None => split_list(row.get("also_known_as")?),
            };
            aliases
                .extend([ons_name, row.get("ltla23nm")?, row.get("utla23nm")?].map(str::to_owned));
            aliases.extend(
                facts()
                    .councils
                    .extra_aliases
                    .iter()
                    .filter(|(i, _)| *i == id)
                    .map(|(_, a)| (*a).to_owned()),
            );
            aliases.extend(
                facts()
                    .councils
                    .former_codes
                    .iter()
                    .filter(|f| f.council == id)
                    .map(|f| f.code.to_owned()),
            );
            let defunct = facts()
                .councils
                .defunct_in_lookup
                .iter()
                .find(|(c, _, _)| *c == code);
            let succeeded_by: Vec<String> = defunct
                .map(|(_, ids, _)| ids.iter().map(|s| (*s).to_owned()).collect())
                .unwrap_or_default();
            let ended = defunct.map(|(_, _, ended)| (*ended).to_owned());
            let dfe = row.get("la_code")?;
            if by_dfe.insert(dfe.to_owned(), id.clone()).is_some() {
                return Err(row.error(&format!("DfE code {dfe} appears twice")));
            }
            neighbour_codes.push((id.clone(), row.get("stat_neighbours")?.to_owned()));
            let current = succeeded_by.is_empty();
            self.lookup_lines.push((row.line, id.clone()));
            let council = Council {
                id: text(id),
                name: text(name),
                code: non_empty(code).map(text),
                aliases: texts(tidy_aliases(name, aliases)),
                region: non_empty(row.get("region_name")?).map(text),
                kind: non_empty(row.get("ons_la_type")?).map(text),
                neighbours: Vec::new(),
                succeeded_by: texts(succeeded_by),
                ended: ended.map(text),
                ratings: Vec::new(),
            };
            self.add_council(council, current)?;
        }
        for (id, codes) in neighbour_codes {
            let mut neighbours = Vec::new();
            for code in codes.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                let neighbour = by_dfe
                    .get(code)
                    .ok_or_else(|| format!("{LOOKUP_FILE}: {id} names DfE code {code} as a neighbour, which no council has"))?;
                neighbours.push(neighbour.clone());
            }
            if let Some(council) = self.councils.get_mut(&id) {
                council.neighbours = texts(neighbours);
            }
        }
        for former in &facts().councils.former_codes {
            if !self.councils.contains_key(former.council) {
                return Err(format!(
                    "{LOOKUP_FILE} has no council {} for the former code {}",
                    former.council, former.code
                ));
            }
            if let Some(other) = self.codes.get(former.code) {
                return Err(format!(
                    "the former code {} is {other}'s code in {LOOKUP_FILE}",
                    former.code
                ));
            }
            if former.title.is_empty() || !former.url.starts_with("https://") {
                return Err(format!("the former code {} names no source", former.code));
            }
        }
        for (spelling, id) in &facts().councils.source_spellings {
            self.names.insert(normalise(spelling), (*id).to_owned());
        }
        Ok(())
    }

    pub(super) fn former_councils(&mut self) -> Result<(), String> {
        for former in &facts().councils.former_councils {
            let regions: BTreeSet<Option<String>> = former
                .successors
                .iter()
                .map(|s| {
                    self.councils
                        .get(*s)
                        .and_then(|c| c.region.as_deref().map(str::to_owned))
                })
                .collect();
            let region = match regions.into_iter().collect::<Vec<_>>().as_slice() {
                [Some(region)] => region.clone(),
                _ => {
                    return Err(format!(
                        "the councils that succeeded {} are not all in one known region",
                        former.name
                    ));
                }
            };
            let council = Council {
                id: text(former.id),
                name: text(former.name),
                code: None,
                aliases: Vec::new(),
                region: Some(text(region)),
                kind: Some(text(former.kind)),
                neighbours: Vec::new(),
                succeeded_by: texts(former.successors.iter().copied()),
                ended: former.ended.map(text),
                ratings: Vec::new(),
            };
            self.add_council(council, false)?;
        }
        Ok(())
    }
}
