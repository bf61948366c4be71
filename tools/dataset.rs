//! Builds the embedded dataset (`assets/councils.ron`) from the raw files in `../shared/data`
//! and the seed-article facts recorded below, deterministically: the same files give the
//! same bytes.
//!
//! Everything here is either read from a data file or written down once, with its source,
//! in the tables of this module. Nothing is estimated: a cell the builder cannot read with
//! certainty is an error, so a changed input file is noticed instead of silently misread.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Builds the whole RON text of the dataset from `data_dir` (the `../shared/data` folder).
pub fn build(data_dir: &Path) -> Result<String, String> {
    let mut data = Builder::default();
    let lookup = Table::read(data_dir, LOOKUP_FILE)?;
    data.councils_from_lookup(&lookup)?;
    data.ofsted(&Table::read(data_dir, OFSTED_FILE)?)?;
    data.star_ratings(&Table::read(data_dir, STARS_FILE)?)?;
    data.seed_facts()?;
    data.finish()
}

const LOOKUP_FILE: &str = "english_local_authorities.csv";
const OFSTED_FILE: &str = "ofsted_childrens_services_inspections_2013_2026.csv";
const STARS_FILE: &str = "social_services_star_ratings_named_in_news_2002_2008.csv";

const TITLE: &str = "English councils: social care inspection ratings";
const DESCRIPTION: &str = "How English councils' social care and children's services were rated, \
    2002 to 2026: Ofsted's children's services inspections (SIF and ILACS), social services \
    star ratings (SSI and CSCI) and related figures named in news reports and council papers. \
    Every rating names its source. Contains public sector information licensed under the Open \
    Government Licence v3.0.";

// ---------------------------------------------------------------------------------------
// Schemes
// ---------------------------------------------------------------------------------------

const OFSTED_LEVELS: &[&str] = &[
    "Inadequate",
    "Requires improvement to be good",
    "Good",
    "Outstanding",
];
const STARS: &[&str] = &["0 stars", "1 star", "2 stars", "3 stars"];

/// A rating scheme as the dataset declares it.
struct Scheme {
    id: &'static str,
    name: &'static str,
    body: &'static str,
    parent: Option<&'static str>,
    scale: Scale,
    until: Option<&'static str>,
    eras: &'static [(&'static str, &'static str)],
}

enum Scale {
    Ordinal(&'static [&'static str]),
    /// A measured quantity where a lower value is better.
    NumericLowerBetter(&'static str),
}

/// Every scheme, in the order the file lists them.
const SCHEMES: &[Scheme] = &[
    Scheme {
        id: "ofsted-cs",
        name: "Children's services: overall effectiveness",
        body: "Ofsted",
        parent: None,
        scale: Scale::Ordinal(OFSTED_LEVELS),
        until: None,
        eras: &[("SIF", "2013-11"), ("ILACS", "2018-01")],
    },
    Scheme {
        id: "csci-stars",
        name: "Social services star rating",
        body: "Social Services Inspectorate / Commission for Social Care Inspection",
        parent: None,
        scale: Scale::Ordinal(STARS),
        until: Some("2009-04"),
        eras: &[("SSI", "2002-05"), ("CSCI", "2004-11")],
    },
    Scheme {
        id: "caseload",
        name: "Average caseload per social worker",
        body: "Council",
        parent: None,
        scale: Scale::NumericLowerBetter("children"),
        until: None,
        eras: &[],
    },
];

fn scheme(id: &str) -> Result<&'static Scheme, String> {
    SCHEMES
        .iter()
        .find(|s| s.id == id)
        .ok_or_else(|| format!("scheme \"{id}\" is not declared"))
}

// ---------------------------------------------------------------------------------------
// Councils: names, ids, aliases
// ---------------------------------------------------------------------------------------

/// Lookup names that read better in a shorter form; the lookup's form becomes an alias.
const SHORT_NAMES: &[(&str, &str)] = &[
    ("Bristol, City of", "Bristol"),
    ("Kingston Upon Hull, City of", "Kingston upon Hull"),
];

/// The lookup's `also_known_as` list for BCP holds an item with a comma in it, so it is
/// written out here rather than split.
const ALIAS_OVERRIDES: &[(&str, &[&str])] =
    &[("E06000058", &["BCP", "Bournemouth, Christchurch & Poole"])];

/// Other names the sources use for a council (kept as aliases so a user can find it by them).
const EXTRA_ALIASES: &[(&str, &str)] = &[
    ("city-of-london", "Corporation of London"),
    ("derby", "Derby City"),
    ("southend-on-sea", "Southend"),
    ("st-helens", "St Helens"),
    ("stockton-on-tees", "Stockton"),
    ("stoke-on-trent", "Stoke"),
];

/// Spellings in the sources that match no council name or alias once normalised.
const SOURCE_SPELLINGS: &[(&str, &str)] = &[
    ("Bath & N E Somerset", "bath-and-north-east-somerset"),
    ("Blackburn and Darwen", "blackburn-with-darwen"),
];

/// Councils in the lookup that no longer exist, with the councils that took over their
/// area. They are kept only when some rating names them.
const DEFUNCT_IN_LOOKUP: &[(&str, &[&str])] = &[
    ("E10000006", &["cumberland", "westmorland-and-furness"]),
    (
        "E10000021",
        &["north-northamptonshire", "west-northamptonshire"],
    ),
    ("E06000029", &["bournemouth-christchurch-and-poole"]),
];

/// The council id for a name: lowercase, `&` as "and", commas, apostrophes and full stops
/// dropped, spaces as `-`.
fn slug(name: &str) -> Result<String, String> {
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
fn normalise(name: &str) -> String {
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

// ---------------------------------------------------------------------------------------
// The dataset being built
// ---------------------------------------------------------------------------------------

struct Council {
    id: String,
    name: String,
    code: Option<String>,
    aliases: Vec<String>,
    region: Option<String>,
    kind: Option<String>,
    neighbours: Vec<String>,
    succeeded_by: Vec<String>,
    /// Kept in the file even without ratings (every current council is).
    current: bool,
    ratings: Vec<Rating>,
}

enum Grade {
    Level(String),
    Value(f64),
    /// An assessment that gave no grade in this scheme.
    None,
}

struct Rating {
    scheme: &'static str,
    date: String,
    grade: Grade,
    note: Option<String>,
    source: String,
}

#[derive(Clone, Copy)]
struct Summary {
    scheme: &'static str,
    date: &'static str,
    total: Option<u32>,
    counts: &'static [(&'static str, u32)],
    source: &'static str,
}

struct Source {
    id: String,
    title: String,
    publisher: Option<String>,
    date: Option<String>,
    url: Option<String>,
}

#[derive(Default)]
struct Builder {
    councils: BTreeMap<String, Council>,
    /// Normalised name or alias → council id.
    names: HashMap<String, String>,
    /// ONS code → council id.
    codes: HashMap<String, String>,
    summaries: Vec<Summary>,
    sources: BTreeMap<String, Source>,
}

impl Builder {
    fn councils_from_lookup(&mut self, lookup: &Table) -> Result<(), String> {
        // DfE code → council id, for the statistical neighbours (which the lookup gives as
        // DfE codes; its ONS-coded copy carries two retired codes).
        let mut by_dfe: HashMap<String, String> = HashMap::new();
        let mut neighbour_codes: Vec<(String, String)> = Vec::new();
        for row in lookup.rows() {
            let ons_name = row.get("local_authority_ons_name")?;
            let code = row.get("la_code_new")?;
            let name = SHORT_NAMES
                .iter()
                .find(|(long, _)| *long == ons_name)
                .map_or(ons_name, |(_, short)| short);
            let id = slug(name)?;
            let mut aliases: Vec<String> = match ALIAS_OVERRIDES.iter().find(|(c, _)| *c == code) {
                Some((_, list)) => list.iter().map(|s| (*s).to_owned()).collect(),
                None => split_list(row.get("also_known_as")?),
            };
            aliases
                .extend([ons_name, row.get("ltla23nm")?, row.get("utla23nm")?].map(str::to_owned));
            aliases.extend(
                EXTRA_ALIASES
                    .iter()
                    .filter(|(i, _)| *i == id)
                    .map(|(_, a)| (*a).to_owned()),
            );
            let succeeded_by: Vec<String> = DEFUNCT_IN_LOOKUP
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(_, ids)| ids.iter().map(|s| (*s).to_owned()).collect())
                .unwrap_or_default();
            let council = Council {
                id: id.clone(),
                name: name.to_owned(),
                code: non_empty(code),
                aliases: tidy_aliases(name, aliases),
                region: non_empty(row.get("region_name")?),
                kind: non_empty(row.get("ons_la_type")?),
                neighbours: Vec::new(),
                current: succeeded_by.is_empty(),
                succeeded_by,
                ratings: Vec::new(),
            };
            if by_dfe
                .insert(row.get("la_code")?.to_owned(), id.clone())
                .is_some()
            {
                return Err(format!(
                    "{LOOKUP_FILE}: DfE code {} appears twice",
                    row.get("la_code")?
                ));
            }
            neighbour_codes.push((id.clone(), row.get("stat_neighbours")?.to_owned()));
            self.add_council(council)?;
        }
        for (id, codes) in neighbour_codes {
            let mut neighbours = Vec::new();
            for code in codes.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                let neighbour =
                    by_dfe.get(code).ok_or_else(|| format!("{LOOKUP_FILE}: {id} names DfE code {code} as a neighbour, which no council has"))?;
                neighbours.push(neighbour.clone());
            }
            if let Some(council) = self.councils.get_mut(&id) {
                council.neighbours = neighbours;
            }
        }
        for (spelling, id) in SOURCE_SPELLINGS {
            self.names.insert(normalise(spelling), (*id).to_owned());
        }
        Ok(())
    }

    fn add_council(&mut self, council: Council) -> Result<(), String> {
        let id = council.id.clone();
        for name in std::iter::once(&council.name).chain(&council.aliases) {
            if let Some(other) = self.names.insert(normalise(name), id.clone())
                && other != id
            {
                return Err(format!(
                    "the name \"{name}\" would stand for both {other} and {id}"
                ));
            }
        }
        if let Some(code) = &council.code {
            self.codes.insert(code.clone(), id.clone());
        }
        if self.councils.insert(id.clone(), council).is_some() {
            return Err(format!("two councils would have the id \"{id}\""));
        }
        Ok(())
    }

    /// The council a source names, by name or alias.
    fn council_named(&self, name: &str) -> Result<String, String> {
        self.names
            .get(&normalise(name))
            .cloned()
            .ok_or_else(|| format!("no council is named \"{name}\""))
    }

    fn rate(&mut self, council: &str, rating: Rating) -> Result<(), String> {
        let def = scheme(rating.scheme)?;
        match (&def.scale, &rating.grade) {
            (Scale::Ordinal(levels), Grade::Level(level)) if !levels.contains(&level.as_str()) => {
                return Err(format!("\"{level}\" is not a level of {}", def.id));
            }
            (Scale::Ordinal(_), Grade::Value(_))
            | (Scale::NumericLowerBetter(_), Grade::Level(_)) => {
                return Err(format!(
                    "a rating of {council} in {} has the wrong kind of grade",
                    def.id
                ));
            }
            (_, Grade::None) if rating.note.is_none() => {
                return Err(format!(
                    "an ungraded rating of {council} in {} needs a note",
                    def.id
                ));
            }
            _ => {}
        }
        if !self.sources.contains_key(&rating.source) {
            return Err(format!(
                "a rating of {council} names source \"{}\", which is not recorded",
                rating.source
            ));
        }
        let council = self
            .councils
            .get_mut(council)
            .ok_or_else(|| format!("no council has the id \"{council}\""))?;
        if council
            .ratings
            .iter()
            .any(|r| r.scheme == rating.scheme && r.date == rating.date)
        {
            return Err(format!(
                "{} would have two {} ratings dated {}",
                council.id, rating.scheme, rating.date
            ));
        }
        council.ratings.push(rating);
        Ok(())
    }

    fn add_source(&mut self, source: Source) -> Result<(), String> {
        match self.sources.get(&source.id) {
            Some(old) if old.title != source.title || old.url != source.url => Err(format!(
                "source id \"{}\" would stand for two different sources",
                source.id
            )),
            Some(_) => Ok(()),
            None => {
                self.sources.insert(source.id.clone(), source);
                Ok(())
            }
        }
    }

    // -----------------------------------------------------------------------------------
    // Ofsted
    // -----------------------------------------------------------------------------------

    fn ofsted(&mut self, table: &Table) -> Result<(), String> {
        for row in table.rows() {
            let code = row.get("ons_code")?;
            let council = self
                .codes
                .get(code)
                .cloned()
                .ok_or_else(|| row.error(&format!("no council has ONS code {code}")))?;
            let url = row.get("source_url")?;
            let number = url
                .rsplit('/')
                .next()
                .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                .ok_or_else(|| {
                    row.error(&format!(
                        "the report link {url} does not end in a file number"
                    ))
                })?;
            let framework = row.get("framework")?;
            let date = row.get("publication_date")?;
            check_date(date).map_err(|e| row.error(&e))?;
            let council_name = self
                .councils
                .get(&council)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            let title = match framework {
                "SIF" => format!(
                    "{council_name}: inspection of services for children in need of help and protection, children looked after and care leavers (SIF)"
                ),
                "ILACS" => {
                    format!("{council_name}: inspection of children's social care services (ILACS)")
                }
                other => return Err(row.error(&format!("unknown framework \"{other}\""))),
            };
            let source = format!("ofsted-{number}");
            self.add_source(Source {
                id: source.clone(),
                title,
                publisher: Some("Ofsted".to_owned()),
                date: Some(date.to_owned()),
                url: Some(url.to_owned()),
            })?;
            let inspected = format!("inspected {}", row.get("inspection_dates_text")?);
            let (grade, note) = match row.get("overall_effectiveness")? {
                "not_reported_post_april_2026_framework" => (
                    Grade::None,
                    format!(
                        "{inspected}; no overall grade, as the framework used from April 2026 gives none"
                    ),
                ),
                level => (Grade::Level(level.to_owned()), inspected),
            };
            self.rate(
                &council,
                Rating {
                    scheme: "ofsted-cs",
                    date: date.to_owned(),
                    grade,
                    note: Some(note),
                    source,
                },
            )
            .map_err(|e| row.error(&e))?;
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------
    // Social services star ratings named in the news
    // -----------------------------------------------------------------------------------

    fn star_ratings(&mut self, table: &Table) -> Result<(), String> {
        for row in table.rows() {
            // For now only Tower Hamlets' overall stars up to 2004 are carried.
            if row.get("measure")? != "overall stars"
                || row.get("council_as_named")? != "Tower Hamlets"
            {
                continue;
            }
            let council = self
                .council_named(row.get("council_as_named")?)
                .map_err(|e| row.error(&e))?;
            let (date, _) = star_round_date(row.get("rating_round")?).map_err(|e| row.error(&e))?;
            if date.as_str() > "2004-11" {
                continue;
            }
            let level = star_level(row.get("value")?).map_err(|e| row.error(&e))?;
            let source = self.news_source(row.get("source_url")?)?;
            let note = match row.get("note")? {
                "" => None,
                n if n.starts_with("prospects \"promising\" and \"excellent\"") => Some(
                    "prospects: promising / excellent; the source does not say which was for adults and which for children"
                        .to_owned(),
                ),
                n if n.starts_with("\"moved up a grading\"") => {
                    Some("up one grade from one star when the ratings were refreshed".to_owned())
                }
                other => return Err(row.error(&format!("no reading of the note \"{other}\""))),
            };
            self.rate(
                &council,
                Rating {
                    scheme: "csci-stars",
                    date,
                    grade: Grade::Level(level.to_owned()),
                    note,
                    source,
                },
            )
            .map_err(|e| row.error(&e))?;
        }
        Ok(())
    }

    /// Records the source behind a news link, from the table of news sources.
    fn news_source(&mut self, url: &str) -> Result<String, String> {
        let (id, title, publisher, date) = NEWS_SOURCES
            .iter()
            .find(|s| s.0 == url)
            .map(|s| (s.1, s.2, s.3, s.4))
            .ok_or_else(|| format!("no source is recorded for the link {url}"))?;
        self.add_source(Source {
            id: id.to_owned(),
            title: title.to_owned(),
            publisher: Some(publisher.to_owned()),
            date: non_empty(date),
            url: Some(url.to_owned()),
        })?;
        Ok(id.to_owned())
    }

    // -----------------------------------------------------------------------------------
    // Facts from the seed articles (prose, so written down here with their source)
    // -----------------------------------------------------------------------------------

    fn seed_facts(&mut self) -> Result<(), String> {
        for (id, title, publisher, date) in SEED_SOURCES {
            self.add_source(Source {
                id: (*id).to_owned(),
                title: (*title).to_owned(),
                publisher: Some((*publisher).to_owned()),
                date: Some((*date).to_owned()),
                url: None,
            })?;
        }
        // Seed 002: the council's average caseload per social worker.
        for (date, value, note) in [
            ("2017-04", 25.0, Some("more than 25")),
            ("2019-05", 16.0, None),
        ] {
            self.rate(
                "tower-hamlets",
                Rating {
                    scheme: "caseload",
                    date: date.to_owned(),
                    grade: Grade::Value(value),
                    note: note.map(str::to_owned),
                    source: SEED_ELA_2019.to_owned(),
                },
            )?;
        }
        self.summaries.extend(SEED_SUMMARIES.iter().copied());
        Ok(())
    }

    // -----------------------------------------------------------------------------------
    // Output
    // -----------------------------------------------------------------------------------

    fn finish(mut self) -> Result<String, String> {
        // Keep current councils and any former council that some rating names.
        self.councils
            .retain(|_, c| c.current || !c.ratings.is_empty());
        for summary in &self.summaries {
            scheme(summary.scheme)?;
            if !self.sources.contains_key(summary.source) {
                return Err(format!(
                    "a summary names source \"{}\", which is not recorded",
                    summary.source
                ));
            }
        }
        let order: HashMap<&str, usize> =
            SCHEMES.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
        for council in self.councils.values_mut() {
            council.ratings.sort_by(|a, b| {
                order[a.scheme]
                    .cmp(&order[b.scheme])
                    .then_with(|| a.date.cmp(&b.date))
            });
        }
        self.summaries.sort_by(|a, b| {
            order[a.scheme]
                .cmp(&order[b.scheme])
                .then_with(|| a.date.cmp(b.date))
                .then_with(|| a.source.cmp(b.source))
        });
        // Only sources that something cites.
        let cited: BTreeSet<&str> = self
            .councils
            .values()
            .flat_map(|c| c.ratings.iter().map(|r| r.source.as_str()))
            .chain(self.summaries.iter().map(|s| s.source))
            .collect();
        self.sources.retain(|id, _| cited.contains(id.as_str()));
        Ok(write_ron(&self))
    }
}

// ---------------------------------------------------------------------------------------
// Reading cells
// ---------------------------------------------------------------------------------------

/// The date of a star-rating round as the news file labels it, and a remark when the
/// date is not simply the label's month.
fn star_round_date(round: &str) -> Result<(String, Option<&'static str>), String> {
    let month = round
        .get(..7)
        .filter(|m| check_date(m).is_ok() && m.len() == 7);
    match month {
        // The 2005 ratings came out on 1 December 2005; some rows say 2005-11.
        Some("2005-11") => Ok((
            "2005-12".to_owned(),
            Some("2005 round, published 1 December 2005"),
        )),
        Some(m) => Ok((m.to_owned(), None)),
        None => Err(format!("the round \"{round}\" has no month")),
    }
}

fn star_level(value: &str) -> Result<&'static str, String> {
    match value {
        "0" => Ok("0 stars"),
        "1" => Ok("1 star"),
        "2" => Ok("2 stars"),
        "3" => Ok("3 stars"),
        other => Err(format!("\"{other}\" is not a number of stars from 0 to 3")),
    }
}

/// Accepts "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a real month and day.
fn check_date(date: &str) -> Result<(), String> {
    let parts: Vec<&str> = date.split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let ok = match parts.as_slice() {
        [y] => number(y, 4).is_some(),
        [y, m] => number(y, 4).is_some() && number(m, 2).is_some_and(|m| (1..=12).contains(&m)),
        [y, m, d] => {
            number(y, 4).is_some()
                && number(m, 2).is_some_and(|m| (1..=12).contains(&m))
                && number(d, 2).is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("\"{date}\" is not a date"))
    }
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// Splits a bracketed list like "[Kingston Upon Hull, Hull]".
fn split_list(cell: &str) -> Vec<String> {
    let inner = cell.trim().trim_start_matches('[').trim_end_matches(']');
    inner
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Drops aliases equal to the name or to an earlier alias (ignoring case), keeping order.
fn tidy_aliases(name: &str, aliases: Vec<String>) -> Vec<String> {
    let mut seen = BTreeSet::from([name.to_lowercase()]);
    aliases
        .into_iter()
        .filter(|a| !a.trim().is_empty() && seen.insert(a.to_lowercase()))
        .collect()
}

// ---------------------------------------------------------------------------------------
// CSV access
// ---------------------------------------------------------------------------------------

/// A CSV file read whole, with its columns found by header name.
struct Table {
    file: &'static str,
    columns: HashMap<String, usize>,
    records: Vec<csv::StringRecord>,
}

struct Row<'t> {
    table: &'t Table,
    line: usize,
    record: &'t csv::StringRecord,
}

impl Table {
    fn read(dir: &Path, file: &'static str) -> Result<Table, String> {
        let path = dir.join(file);
        let mut reader = csv::Reader::from_path(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let columns = reader
            .headers()
            .map_err(|e| format!("cannot read the header of {file}: {e}"))?
            .iter()
            .enumerate()
            .map(|(i, h)| (h.to_owned(), i))
            .collect();
        let records = reader
            .records()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("cannot read {file}: {e}"))?;
        Ok(Table {
            file,
            columns,
            records,
        })
    }

    fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        // Line 1 is the header.
        self.records.iter().enumerate().map(move |(i, record)| Row {
            table: self,
            line: i + 2,
            record,
        })
    }
}

impl<'t> Row<'t> {
    fn get(&self, column: &str) -> Result<&'t str, String> {
        let index = self
            .table
            .columns
            .get(column)
            .ok_or_else(|| format!("{} has no column \"{column}\"", self.table.file))?;
        self.record
            .get(*index)
            .map(str::trim)
            .ok_or_else(|| self.error(&format!("no value in column \"{column}\"")))
    }

    fn error(&self, message: &str) -> String {
        format!("{} line {}: {message}", self.table.file, self.line)
    }
}

// ---------------------------------------------------------------------------------------
// Sources recorded by hand
// ---------------------------------------------------------------------------------------

/// News and council pages the news file links to: link, id, title, publisher, date ("" if
/// the page shows none). Titles are the pages' headlines where the link carries them, else
/// a short description.
const NEWS_SOURCES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "https://www.communitycare.co.uk/2004/11/19/then-there-were-three/",
        "communitycare-2004-11-19-then-there-were-three",
        "Then there were three",
        "Community Care",
        "2004-11-19",
    ),
    (
        "http://news.bbc.co.uk/2/hi/uk_news/4019635.stm",
        "bbc-2004-11-18-star-ratings",
        "BBC News report on the November 2004 social services star ratings",
        "BBC News",
        "2004-11-18",
    ),
];

const SEED_ELA_2019: &str = "eastlondonadvertiser-2019-07-tower-hamlets-rated-good";
const SEED_PUBLICNET_2004: &str = "publicnet-2004-11-19-headlines";

/// Seed articles that carry facts in no data file: id, title, publisher, date. No link to
/// them is on record, so none is given.
const SEED_SOURCES: &[(&str, &str, &str, &str)] = &[
    (
        // Seed 002.
        SEED_ELA_2019,
        "Tower Hamlets' children's service rated Good by Ofsted two year after Inadequate rating",
        "East London Advertiser (Archant)",
        "2019-07",
    ),
    (
        // Seed 003.
        SEED_PUBLICNET_2004,
        "Headlines: November 19th, 2004",
        "publicnet",
        "2004-11-19",
    ),
];

/// National counts the seed articles publish.
const SEED_SUMMARIES: &[Summary] = &[
    // Seed 003: 150 councils rated, 40 of them with one star and 8 with none.
    Summary {
        scheme: "csci-stars",
        date: "2004-11",
        total: Some(150),
        counts: &[("0 stars", 8), ("1 star", 40)],
        source: SEED_PUBLICNET_2004,
    },
    // The same round's three-star count, which seed 003 does not give: BBC News reported
    // 20 three-star councils (the news file's notes cite it; seed 000 says the same).
    Summary {
        scheme: "csci-stars",
        date: "2004-11",
        total: None,
        counts: &[("3 stars", 20)],
        source: "bbc-2004-11-18-star-ratings",
    },
];

// ---------------------------------------------------------------------------------------
// Writing RON
// ---------------------------------------------------------------------------------------

/// A RON string literal.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn quoted_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(quote).collect();
    format!("[{}]", items.join(", "))
}

fn write_ron(data: &Builder) -> String {
    let mut out = String::new();
    let mut line = |indent: usize, text: &str| {
        out.push_str(&"    ".repeat(indent));
        out.push_str(text);
        out.push('\n');
    };
    line(
        0,
        "// Generated by `cargo run --example build_dataset` (tools/dataset.rs) from ../shared/data",
    );
    line(
        0,
        "// and the seed articles. Do not edit by hand: change the builder and run it again.",
    );
    line(0, "Dataset(");
    line(1, &format!("title: {},", quote(TITLE)));
    line(1, &format!("description: {},", quote(DESCRIPTION)));
    line(1, "schemes: [");
    for s in SCHEMES {
        line(2, "Scheme(");
        line(3, &format!("id: {},", quote(s.id)));
        line(3, &format!("name: {},", quote(s.name)));
        line(3, &format!("body: {},", quote(s.body)));
        if let Some(parent) = s.parent {
            line(3, &format!("parent: {},", quote(parent)));
        }
        match &s.scale {
            Scale::Ordinal(levels) => line(
                3,
                &format!("scale: Ordinal({}),", quoted_list(levels.iter().copied())),
            ),
            Scale::NumericLowerBetter(unit) => line(
                3,
                &format!("scale: Numeric(unit: {}, better: Lower),", quote(unit)),
            ),
        }
        if let Some(until) = s.until {
            line(3, &format!("until: {},", quote(until)));
        }
        if !s.eras.is_empty() {
            let eras: Vec<String> = s
                .eras
                .iter()
                .map(|(name, from)| format!("({}, {})", quote(name), quote(from)))
                .collect();
            line(3, &format!("eras: [{}],", eras.join(", ")));
        }
        line(2, "),");
    }
    line(1, "],");
    line(1, "councils: [");
    for c in data.councils.values() {
        line(2, "Council(");
        line(3, &format!("id: {},", quote(&c.id)));
        line(3, &format!("name: {},", quote(&c.name)));
        if let Some(code) = &c.code {
            line(3, &format!("code: {},", quote(code)));
        }
        if !c.aliases.is_empty() {
            line(
                3,
                &format!(
                    "aliases: {},",
                    quoted_list(c.aliases.iter().map(String::as_str))
                ),
            );
        }
        if let Some(region) = &c.region {
            line(3, &format!("region: {},", quote(region)));
        }
        if let Some(kind) = &c.kind {
            line(3, &format!("kind: {},", quote(kind)));
        }
        if !c.neighbours.is_empty() {
            line(
                3,
                &format!(
                    "neighbours: {},",
                    quoted_list(c.neighbours.iter().map(String::as_str))
                ),
            );
        }
        if !c.succeeded_by.is_empty() {
            line(
                3,
                &format!(
                    "succeeded_by: {},",
                    quoted_list(c.succeeded_by.iter().map(String::as_str))
                ),
            );
        }
        if !c.ratings.is_empty() {
            line(3, "ratings: [");
            for r in &c.ratings {
                let mut fields = vec![
                    format!("scheme: {}", quote(r.scheme)),
                    format!("date: {}", quote(&r.date)),
                ];
                match &r.grade {
                    Grade::Level(level) => fields.push(format!("level: {}", quote(level))),
                    Grade::Value(value) => fields.push(format!("value: {value:?}")),
                    Grade::None => {}
                }
                if let Some(note) = &r.note {
                    fields.push(format!("note: {}", quote(note)));
                }
                fields.push(format!("source: {}", quote(&r.source)));
                line(4, &format!("Rating({}),", fields.join(", ")));
            }
            line(3, "],");
        }
        line(2, "),");
    }
    line(1, "],");
    if !data.summaries.is_empty() {
        line(1, "summaries: [");
        for s in &data.summaries {
            let mut fields = vec![
                format!("scheme: {}", quote(s.scheme)),
                format!("date: {}", quote(s.date)),
            ];
            if let Some(total) = s.total {
                fields.push(format!("total: {total}"));
            }
            let counts: Vec<String> = s
                .counts
                .iter()
                .map(|(level, n)| format!("{}: {n}", quote(level)))
                .collect();
            fields.push(format!("counts: {{{}}}", counts.join(", ")));
            fields.push(format!("source: {}", quote(s.source)));
            line(2, &format!("Summary({}),", fields.join(", ")));
        }
        line(1, "],");
    }
    line(1, "sources: [");
    for s in data.sources.values() {
        let mut fields = vec![
            format!("id: {}", quote(&s.id)),
            format!("title: {}", quote(&s.title)),
        ];
        for (name, value) in [
            ("publisher", &s.publisher),
            ("date", &s.date),
            ("url", &s.url),
        ] {
            if let Some(value) = value {
                fields.push(format!("{name}: {}", quote(value)));
            }
        }
        line(2, &format!("Source({}),", fields.join(", ")));
    }
    line(1, "],");
    line(0, ")");
    out
}
