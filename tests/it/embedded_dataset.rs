//! The embedded dataset is exactly what the builder makes from `../shared/data`, and it
//! carries every row of those files it should: checked row by row against the CSVs.
//!
//! The raw files live outside the repository, in `../shared`: when they are absent the
//! tests that read them are compiled as ignored, with the reason (see `build.rs`), so
//! `cargo test` reports them as ignored rather than passed.

#[path = "../../tools/dataset/mod.rs"]
mod dataset;

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Deserialize;

const EMBEDDED: &str = include_str!("../../assets/councils.ron");

/// The raw data folder beside this checkout; only tests that run when the build found
/// it (`cfg(shared_data)`) call this, so a missing folder is a failure here, not a skip.
fn data_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    assert!(
        dir.is_dir(),
        "{} was there when the tests were built but is gone now: `touch build.rs` to rebuild without it",
        dir.display()
    );
    dir
}

// The dataset shape the README's "The dataset format" describes, written out again here
// so the file is checked against the contract rather than against the app's own reader.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dataset {
    title: String,
    #[allow(dead_code)]
    description: Option<String>,
    schemes: Vec<Scheme>,
    councils: Vec<Council>,
    #[serde(default)]
    summaries: Vec<Summary>,
    #[serde(default)]
    sources: Vec<Source>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scheme {
    id: String,
    #[allow(dead_code)]
    name: String,
    #[allow(dead_code)]
    body: String,
    #[allow(dead_code)]
    parent: Option<String>,
    scale: Scale,
    until: Option<String>,
    #[allow(dead_code)]
    #[serde(default)]
    eras: Vec<(String, String)>,
    #[serde(default)]
    rounds: Vec<String>,
    covered_until: Option<String>,
    source: Option<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
enum Scale {
    Ordinal(Vec<String>),
    #[allow(dead_code)]
    Numeric {
        unit: String,
        better: Better,
    },
}

#[derive(Deserialize)]
enum Better {
    Higher,
    Lower,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Council {
    id: String,
    name: String,
    code: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[allow(dead_code)]
    region: Option<String>,
    #[allow(dead_code)]
    kind: Option<String>,
    #[serde(default)]
    neighbours: Vec<String>,
    #[serde(default)]
    succeeded_by: Vec<String>,
    ended: Option<String>,
    #[serde(default)]
    ratings: Vec<Rating>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rating {
    scheme: String,
    date: String,
    level: Option<String>,
    value: Option<f64>,
    note: Option<String>,
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    scheme: String,
    date: String,
    total: Option<u32>,
    #[serde(default)]
    counts: HashMap<String, u32>,
    #[serde(default)]
    shares: HashMap<String, f64>,
    #[serde(default)]
    sets: Vec<LevelSet>,
    unrated: Option<u32>,
    source: Option<String>,
    note: Option<String>,
}

/// A figure for a set of levels at once ("good or outstanding").
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelSet {
    label: String,
    levels: Vec<String>,
    count: Option<u32>,
    share: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    id: String,
    title: String,
    publisher: Option<String>,
    date: Option<String>,
    url: Option<String>,
}

fn parse(text: &str) -> Dataset {
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    match options.from_str(text) {
        Ok(dataset) => dataset,
        Err(e) => panic!("the embedded dataset does not parse: {e}"),
    }
}

impl Dataset {
    fn council(&self, id: &str) -> &Council {
        self.councils
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no council \"{id}\""))
    }

    fn council_with_code(&self, code: &str) -> &Council {
        self.councils
            .iter()
            .find(|c| c.code.as_deref() == Some(code))
            .unwrap_or_else(|| panic!("no council has code {code}"))
    }

    fn source(&self, id: &str) -> &Source {
        self.sources
            .iter()
            .find(|s| s.id == id)
            .unwrap_or_else(|| panic!("no source \"{id}\""))
    }
}

impl Council {
    fn rating(&self, scheme: &str, date: &str) -> &Rating {
        self.find(scheme, date)
            .unwrap_or_else(|| panic!("{} has no {scheme} rating dated {date}", self.id))
    }

    /// The rating dated `date`, or, for a month, the one rating of that month dated to
    /// its round's day.
    fn find(&self, scheme: &str, date: &str) -> Option<&Rating> {
        let exact = self
            .ratings
            .iter()
            .find(|r| r.scheme == scheme && r.date == date);
        exact.or_else(|| {
            let in_month: Vec<&Rating> = self
                .ratings
                .iter()
                .filter(|r| {
                    r.scheme == scheme
                        && date.len() == 7
                        && r.date.len() == 10
                        && r.date.starts_with(date)
                })
                .collect();
            match in_month.as_slice() {
                [one] => Some(*one),
                _ => None,
            }
        })
    }

    fn level(&self, scheme: &str, date: &str) -> Option<&str> {
        self.rating(scheme, date).level.as_deref()
    }
}

/// Every row of a CSV file, as column name → cell.
fn csv_rows(file: &str) -> Vec<HashMap<String, String>> {
    let path = data_dir().join(file);
    let mut reader = csv::Reader::from_path(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let headers = reader.headers().expect("a header row").clone();
    reader
        .records()
        .map(|r| {
            let record = r.expect("a readable row");
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_owned(), v.trim().to_owned()))
                .collect()
        })
        .collect()
}

/// A name reduced for matching: lowercase, `&` as "and", hyphens as spaces, no punctuation.
fn normalise(name: &str) -> String {
    let spaced = name.replace('&', " and ").replace('-', " ").to_lowercase();
    let kept: String = spaced
        .chars()
        .filter(|c| !matches!(c, ',' | '.' | '\'' | '’'))
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Dataset {
    /// The council a source names, found by its name or one of its aliases in the file
    /// (two source spellings match neither, and are spelled out here).
    fn council_named(&self, name: &str) -> &Council {
        let name = match name {
            "Blackburn and Darwen" => "Blackburn with Darwen",
            "Bath & N E Somerset" => "Bath and North East Somerset",
            other => other,
        };
        let wanted = normalise(name);
        let found: Vec<&Council> = self
            .councils
            .iter()
            .filter(|c| {
                std::iter::once(&c.name)
                    .chain(&c.aliases)
                    .any(|n| normalise(n) == wanted)
            })
            .collect();
        match found.as_slice() {
            [council] => council,
            _ => panic!("{} councils go by the name \"{name}\"", found.len()),
        }
    }

    /// The council a news page names at `date`: by name, or by the place in a formal name
    /// ("Suffolk County Council"); Dorset before April 2019 was Dorset County Council.
    fn council_named_at(&self, name: &str, date: &str) -> &Council {
        let wanted = normalise(name);
        let known = |n: &str| {
            self.councils.iter().any(|c| {
                std::iter::once(&c.name)
                    .chain(&c.aliases)
                    .any(|a| normalise(a) == normalise(n))
            })
        };
        let name = match name {
            "Essex county council" => "Essex".to_owned(),
            "Wakefield Metropolitan District Council" => "Wakefield".to_owned(),
            "Richmond" => "Richmond upon Thames".to_owned(),
            _ if known(name)
                || wanted == "blackburn and darwen"
                || wanted == "bath and n e somerset" =>
            {
                name.to_owned()
            }
            _ => dataset::cqc::cqc_short_name(name),
        };
        let council = self.council_named(&name);
        if council.id == "dorset" && date < "2019-04" {
            self.council("dorset-county-council")
        } else {
            council
        }
    }

    fn scheme(&self, id: &str) -> &Scheme {
        self.schemes
            .iter()
            .find(|s| s.id == id)
            .unwrap_or_else(|| panic!("no scheme \"{id}\""))
    }

    fn source_at(&self, url: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.url.as_deref() == Some(url))
    }
}

/// The one round of `rounds` a date falls in: the round and the date overlap (one holds
/// the other, dates being whole years, months or days).
fn round_of<'a>(rounds: &'a [String], date: &str) -> Option<&'a str> {
    let hits: Vec<&String> = rounds
        .iter()
        .filter(|r| r.starts_with(date) || date.starts_with(r.as_str()))
        .collect();
    match hits.as_slice() {
        [one] => Some(one.as_str()),
        _ => None,
    }
}

impl Council {
    /// The rating in `scheme` in the round `date` falls in.
    fn in_round(&self, data: &Dataset, scheme: &str, date: &str) -> Option<&Rating> {
        let rounds = &data.scheme(scheme).rounds;
        let round =
            round_of(rounds, date).unwrap_or_else(|| panic!("{date} is in no round of {scheme}"));
        self.ratings
            .iter()
            .find(|r| r.scheme == scheme && round_of(rounds, &r.date) == Some(round))
    }

    fn level_in_round(&self, data: &Dataset, scheme: &str, date: &str) -> Option<&str> {
        self.in_round(data, scheme, date)
            .unwrap_or_else(|| panic!("{} has no {scheme} rating in the round of {date}", self.id))
            .level
            .as_deref()
    }
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs ../shared/data beside the repo (the project's source data)"
)]
fn embedded_dataset_is_what_the_builder_makes() {
    let dir = data_dir();
    let built = match dataset::build(&dir) {
        Ok((text, _)) => text,
        Err(e) => panic!("the builder fails: {e}"),
    };
    if built != EMBEDDED {
        let line = built
            .lines()
            .zip(EMBEDDED.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| built.lines().count().min(EMBEDDED.lines().count()));
        panic!(
            "assets/councils.ron is stale: run `cargo run --example build_dataset`.\nFirst difference, line {}:\n  built:    {}\n  embedded: {}",
            line + 1,
            built.lines().nth(line).unwrap_or("(end of file)"),
            EMBEDDED.lines().nth(line).unwrap_or("(end of file)")
        );
    }
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs ../shared/data beside the repo (the project's source data)"
)]
fn every_row_of_every_data_file_is_carried_or_left_out_with_its_reason() {
    let dir = data_dir();
    let (_, ledger) = dataset::build(&dir).unwrap_or_else(|e| panic!("the builder fails: {e}"));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("the data folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".csv"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 18, "{files:#?}");
    let data = parse(EMBEDDED);
    let links: std::collections::HashSet<&str> = data
        .sources
        .iter()
        .filter_map(|s| s.url.as_deref())
        .collect();
    let mut rows = 0;
    let mut unaccounted = Vec::new();
    let mut left_out = Vec::new();
    let mut uncited = Vec::new();
    for file in &files {
        let mut reader = csv::Reader::from_path(dir.join(file)).expect("a CSV file");
        let link = reader
            .headers()
            .expect("a header")
            .iter()
            .position(|h| h == "source_url");
        for (i, record) in reader.records().enumerate() {
            let record = record.expect("a CSV record");
            rows += 1;
            // Line 1 is the header, as the builder counts.
            let key = (file.clone(), i + 2);
            match ledger.get(&key) {
                None => unaccounted.push(format!("{file} line {}", i + 2)),
                Some(dataset::Fate::Carried) => {
                    // A row carried with its link: the dataset cites that page, unless
                    // its rating is one another row gives for the same round, kept once.
                    if let Some(url) = link.and_then(|c| record.get(c))
                        && !links.contains(url.trim())
                    {
                        uncited.push(format!("{file} line {}", i + 2));
                    }
                }
                Some(dataset::Fate::LeftOut(reason)) => {
                    assert!(
                        reason.split_whitespace().count() >= 5,
                        "{file} line {}: the reason \"{reason}\" says why",
                        i + 2
                    );
                    left_out.push(format!("{file} line {}: {reason}", i + 2));
                }
            }
        }
    }
    assert!(
        unaccounted.is_empty(),
        "rows neither carried nor left out with a reason:\n{}",
        unaccounted.join("\n")
    );
    assert_eq!(
        ledger.len(),
        rows,
        "the builder accounts for no row the files do not hold"
    );
    // The rows left out, each named in the builder with its reason (see the facts files).
    assert_eq!(left_out.len(), 61, "{left_out:#?}");
    assert_eq!(uncited, Vec::<String>::new());
}

#[test]
fn embedded_dataset_keeps_the_loader_rules() {
    let data = parse(EMBEDDED);
    let schemes: HashMap<&str, &Scheme> = data.schemes.iter().map(|s| (s.id.as_str(), s)).collect();
    let sources: std::collections::HashSet<&str> =
        data.sources.iter().map(|s| s.id.as_str()).collect();
    let ids: std::collections::HashSet<&str> =
        data.councils.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), data.councils.len(), "council ids are unique");
    let date_ok = |d: &str| {
        let parts: Vec<&str> = d.split('-').collect();
        matches!(parts.len(), 1..=3)
            && parts[0].len() == 4
            && parts[1..].iter().all(|p| p.len() == 2)
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    };
    for c in &data.councils {
        assert!(
            c.id.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "bad id {}",
            c.id
        );
        for other in c.neighbours.iter().chain(&c.succeeded_by) {
            assert!(
                ids.contains(other.as_str()),
                "{} names {other}, which is not in the file",
                c.id
            );
        }
        let mut seen = std::collections::HashSet::new();
        for r in &c.ratings {
            let scheme = schemes
                .get(r.scheme.as_str())
                .unwrap_or_else(|| panic!("{}: unknown scheme {}", c.id, r.scheme));
            assert!(date_ok(&r.date), "{}: bad date {}", c.id, r.date);
            assert!(
                seen.insert((&r.scheme, &r.date)),
                "{}: two {} ratings dated {}",
                c.id,
                r.scheme,
                r.date
            );
            let source = r
                .source
                .as_deref()
                .unwrap_or_else(|| panic!("{}: a rating with no source", c.id));
            assert!(
                sources.contains(source),
                "{}: unknown source {source}",
                c.id
            );
            match (&scheme.scale, &r.level, r.value) {
                (Scale::Ordinal(levels), Some(level), None) => {
                    assert!(
                        levels.contains(level),
                        "{}: {level} is not a level of {}",
                        c.id,
                        r.scheme
                    )
                }
                (Scale::Numeric { .. }, None, Some(v)) => assert!(v.is_finite()),
                (_, None, None) => assert!(
                    r.note.is_some(),
                    "{}: an ungraded rating needs a note",
                    c.id
                ),
                _ => panic!(
                    "{}: a {} rating has the wrong kind of grade",
                    c.id, r.scheme
                ),
            }
        }
    }
    for s in &data.schemes {
        assert!(
            s.rounds.windows(2).all(|w| w[0] < w[1]),
            "{}: rounds oldest first",
            s.id
        );
        assert!(s.rounds.iter().all(|r| date_ok(r)), "{}: a bad round", s.id);
        if let Some(until) = &s.until {
            assert!(
                s.rounds.iter().all(|r| r < until),
                "{}: every round before the end",
                s.id
            );
        }
        if let Some(source) = &s.source {
            assert!(
                sources.contains(source.as_str()),
                "{}: unknown source",
                s.id
            );
        }
        if !s.rounds.is_empty() {
            assert!(
                s.source.is_some() || s.note.is_some(),
                "{}: rounds say where they come from",
                s.id
            );
        }
    }
    for c in &data.councils {
        if let Some(ended) = &c.ended {
            assert!(date_ok(ended));
            assert!(
                c.ratings.iter().all(|r| r.date < *ended),
                "{}: a rating after the council ended",
                c.id
            );
        }
    }
    for s in &data.summaries {
        let Some(Scheme {
            scale: Scale::Ordinal(levels),
            ..
        }) = schemes.get(s.scheme.as_str())
        else {
            panic!(
                "a summary names {}, which is not an ordinal scheme",
                s.scheme
            )
        };
        assert!(
            s.counts
                .keys()
                .chain(s.shares.keys())
                .all(|l| levels.contains(l)),
            "a summary counts an unknown level"
        );
        assert!(
            s.shares.values().all(|p| (0.0..=100.0).contains(p)),
            "a share is a per cent"
        );
        assert!(
            sources.contains(s.source.as_deref().unwrap_or("")),
            "a summary names no known source"
        );
        assert!(date_ok(&s.date));
    }
    for s in &data.sources {
        assert!(!s.title.is_empty());
        assert!(
            s.date.as_deref().is_none_or(date_ok),
            "source {} has a bad date",
            s.id
        );
    }
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs ../shared/data beside the repo (the project's source data)"
)]
fn every_current_council_is_there_with_its_statistical_neighbours() {
    let rows = csv_rows("english_local_authorities.csv");
    let data = parse(EMBEDDED);
    let by_dfe: HashMap<&str, &str> = rows
        .iter()
        .map(|r| (r["la_code"].as_str(), r["la_code_new"].as_str()))
        .collect();
    let mut current = 0;
    for row in &rows {
        let Some(council) = data
            .councils
            .iter()
            .find(|c| c.code.as_deref() == Some(row["la_code_new"].as_str()))
        else {
            // Only the three former councils may be missing, and only when nothing rates them.
            assert!(
                ["Cumbria", "Northamptonshire", "Poole"]
                    .contains(&row["local_authority_ons_name"].as_str())
            );
            continue;
        };
        if council.succeeded_by.is_empty() {
            current += 1;
        }
        let expected: Vec<&Council> = row["stat_neighbours"]
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|dfe| data.council_with_code(by_dfe[dfe]))
            .collect();
        let got: Vec<&str> = council.neighbours.iter().map(String::as_str).collect();
        let expected: Vec<&str> = expected.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(got, expected, "neighbours of {}", council.id);
    }
    assert_eq!(current, 153);
    let bristol = data.council("bristol");
    assert_eq!(bristol.name, "Bristol");
    assert!(bristol.aliases.iter().any(|a| a == "Bristol, City of"));
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs ../shared/data beside the repo (the project's source data)"
)]
fn every_ofsted_overall_grade_appears() {
    let rows = csv_rows("ofsted_childrens_services_inspections_2013_2026.csv");
    let data = parse(EMBEDDED);
    let (mut graded, mut ungraded) = (0, 0);
    for row in &rows {
        let council = data.council_with_code(&row["ons_code"]);
        let rating = council.rating("ofsted-cs", &row["publication_date"]);
        let number = row["source_url"].rsplit('/').next().unwrap_or_default();
        let source = data.source(rating.source.as_deref().unwrap_or_default());
        assert_eq!(source.id, format!("ofsted-{number}"));
        assert_eq!(source.url.as_deref(), Some(row["source_url"].as_str()));
        assert_eq!(source.publisher.as_deref(), Some("Ofsted"));
        assert_eq!(
            source.date.as_deref(),
            Some(row["publication_date"].as_str())
        );
        let note = rating.note.as_deref().unwrap_or_default();
        assert!(
            note.contains(&row["inspection_dates_text"]),
            "{}: the note gives the inspection dates",
            council.id
        );
        match row["overall_effectiveness"].as_str() {
            "not_reported_post_april_2026_framework" => {
                ungraded += 1;
                assert_eq!(rating.level, None, "{} {}", council.id, rating.date);
                assert!(
                    note.contains("no overall grade"),
                    "{}: the note says why there is no grade",
                    council.id
                );
            }
            level => {
                graded += 1;
                assert_eq!(
                    rating.level.as_deref(),
                    Some(level),
                    "{} {}",
                    council.id,
                    rating.date
                );
            }
        }
    }
    assert_eq!((graded, ungraded), (477, 11));
    let ofsted_ratings = data
        .councils
        .iter()
        .flat_map(|c| &c.ratings)
        .filter(|r| r.scheme == "ofsted-cs")
        .count();
    let additions = csv_rows(dataset::OFSTED_ADDITIONS_FILE).len();
    assert_eq!(
        ofsted_ratings,
        rows.len() + additions,
        "no Ofsted rating comes from anywhere but the Ofsted file and its additions"
    );
}

#[test]
fn tower_hamlets_facts_from_the_seed_articles_appear() {
    let data = parse(EMBEDDED);
    let th = data.council("tower-hamlets");
    assert_eq!(th.code.as_deref(), Some("E09000030"));

    let then_there_were_three = "communitycare-2004-11-19-then-there-were-three";
    for (date, level, source) in [
        ("2002-05", "1 star", then_there_were_three),
        ("2002-11", "2 stars", then_there_were_three),
        ("2003-11", "2 stars", then_there_were_three),
        ("2004-11", "3 stars", "bbc-2004-11-18-star-ratings"),
    ] {
        let rating = th.rating("csci-stars", date);
        assert_eq!(rating.level.as_deref(), Some(level), "stars in {date}");
        assert_eq!(
            rating.source.as_deref(),
            Some(source),
            "source of the stars in {date}"
        );
    }
    assert!(
        th.rating("csci-stars", "2002-05")
            .note
            .as_deref()
            .unwrap_or_default()
            .contains("promising / excellent")
    );
    let community_care = data.source(then_there_were_three);
    assert_eq!(
        community_care.url.as_deref(),
        Some("https://www.communitycare.co.uk/2004/11/19/then-there-were-three/")
    );
    assert_eq!(community_care.date.as_deref(), Some("2004-11-19"));

    let advertiser = "eastlondonadvertiser-2019-07-tower-hamlets-rated-good";
    let caseload_2017 = th.rating("caseload", "2017-04");
    assert_eq!(caseload_2017.value, Some(25.0));
    assert_eq!(caseload_2017.note.as_deref(), Some("more than 25"));
    assert_eq!(caseload_2017.source.as_deref(), Some(advertiser));
    let caseload_2019 = th.rating("caseload", "2019-05");
    assert_eq!(caseload_2019.value, Some(16.0));
    assert_eq!(caseload_2019.source.as_deref(), Some(advertiser));
    let article = data.source(advertiser);
    assert_eq!(article.date.as_deref(), Some("2019-07"));
    assert_eq!(article.url, None, "no link to the article is on record");

    let summary = data
        .summaries
        .iter()
        .find(|s| {
            s.scheme == "csci-stars"
                && s.date == "2004-11-18"
                && s.source.as_deref() == Some("publicnet-2004-11-19-headlines")
        })
        .expect("the 2004 national picture");
    assert_eq!(summary.counts.get("1 star"), Some(&40));
    assert_eq!(summary.counts.get("0 stars"), Some(&8));
    assert_eq!(
        summary.source.as_deref(),
        Some("publicnet-2004-11-19-headlines")
    );
    let three_stars = data
        .summaries
        .iter()
        .find(|s| {
            s.scheme == "csci-stars" && s.date == "2004-11-18" && s.counts.contains_key("3 stars")
        })
        .expect("the 2004 three-star count");
    assert_eq!(three_stars.counts["3 stars"], 20);

    // Seed 000: the council's own statement of excellent prospects for adults and for
    // children in the November 2004 round.
    for scheme in [
        "csci-stars-adults-prospects",
        "csci-stars-children-prospects",
    ] {
        let rating = th.rating(scheme, "2004-11");
        assert_eq!(rating.level.as_deref(), Some("excellent"), "{scheme}");
        assert!(
            rating
                .note
                .as_deref()
                .unwrap_or_default()
                .contains("council's own statement"),
            "{scheme}"
        );
        let source = data.source(rating.source.as_deref().unwrap_or_default());
        assert_eq!(
            source.url.as_deref(),
            Some("http://news.bbc.co.uk/2/hi/uk_news/4020689.stm")
        );
    }

    for (date, level) in [
        ("2017-04-07", "Inadequate"),
        ("2019-07-22", "Good"),
        ("2025-01-13", "Outstanding"),
    ] {
        assert_eq!(th.rating("ofsted-cs", date).level.as_deref(), Some(level));
    }

    // Seed 001: two indicators from "investigate urgently" (1999-2000) to "very good" the
    // year before the article, at year precision with the doubt in the note.
    for scheme in ["paf-a3", "paf-c26"] {
        let before = th.rating(scheme, "2000");
        assert_eq!(before.level.as_deref(), Some("investigate urgently"));
        assert_eq!(before.source.as_deref(), Some(then_there_were_three));
        let after = th.rating(scheme, "2003");
        assert_eq!(after.level.as_deref(), Some("very good"));
        assert!(
            after
                .note
                .as_deref()
                .unwrap_or_default()
                .contains("not certain")
        );
    }
}

#[test]
fn strings_with_quotes_and_control_characters_survive_the_round_trip() {
    // The builder writes strings by hand, escaping with exactly these forms.
    let text = r#"Dataset(title: "a \"quoted\" \\ back\nslash\u{1}", schemes: [], councils: [])"#;
    let data = parse(text);
    assert_eq!(data.title, "a \"quoted\" \\ back\nslash\u{1}");
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs ../shared/data beside the repo (the project's source data)"
)]
fn every_ofsted_sub_judgement_appears() {
    let rows = csv_rows("ofsted_childrens_services_inspections_2013_2026.csv");
    let data = parse(EMBEDDED);
    let columns = [
        ("sif_help_protection", "ofsted-cs-help-protection"),
        ("sif_looked_after_permanence", "ofsted-cs-in-care"),
        ("sif_adoption", "ofsted-cs-adoption"),
        ("sif_care_leavers", "ofsted-cs-care-leavers"),
        ("sif_leadership", "ofsted-cs-leaders"),
        ("ilacs_impact_of_leaders", "ofsted-cs-leaders"),
        ("ilacs_help_protection", "ofsted-cs-help-protection"),
        ("ilacs_children_in_care", "ofsted-cs-in-care"),
        ("ilacs_care_leavers", "ofsted-cs-care-leavers"),
    ];
    let leavers_from = ilacs_leavers_from(&rows);
    let mut cells = 0;
    let mut not_judged = 0;
    for row in &rows {
        let council = data.council_with_code(&row["ons_code"]);
        let date = &row["publication_date"];
        let overall_source = council.rating("ofsted-cs", date).source.clone();
        for (column, scheme) in columns {
            let cell = &row[column];
            // A later blank is a grade not found (or one the fixes file gives).
            if cell.is_empty()
                && column == "ilacs_care_leavers"
                && row["framework"] == "ILACS"
                && date.as_str() < leavers_from.as_str()
            {
                assert_leavers_not_judged(council, date);
                not_judged += 1;
            }
            if cell.is_empty() {
                continue;
            }
            cells += 1;
            let rating = council.rating(scheme, date);
            assert_eq!(
                rating.level.as_deref(),
                Some(cell.as_str()),
                "{} {scheme} {date}",
                council.id
            );
            assert_eq!(
                rating.source, overall_source,
                "a sub-judgement cites its report"
            );
        }
    }
    // The cells the fixes file fills, and the graded cells of the additions file.
    let fixes = csv_rows(dataset::OFSTED_FIXES_FILE).len();
    let addition_rows = csv_rows(dataset::OFSTED_ADDITIONS_FILE);
    let additions: usize = addition_rows
        .iter()
        .map(|row| columns.iter().filter(|(c, _)| !row[*c].is_empty()).count())
        .sum();
    // ILACS reports in the additions file all came before the first to grade care
    // leavers apart: each has its ungraded care leavers record.
    let additions_not_judged = addition_rows
        .iter()
        .filter(|row| row["framework"] == "ILACS" && row["ilacs_care_leavers"].is_empty())
        .count();
    let carried = data
        .councils
        .iter()
        .flat_map(|c| &c.ratings)
        .filter(|r| r.scheme.starts_with("ofsted-cs-"))
        .count();
    assert_eq!(
        carried,
        cells + fixes + additions + not_judged + additions_not_judged,
        "every Ofsted sub-judgement comes from a cell of the Ofsted files, or is an ILACS \
         report's care leavers judged with children in care"
    );
}

/// The first publication day of an ILACS report that grades care leavers apart.
fn ilacs_leavers_from(rows: &[HashMap<String, String>]) -> String {
    rows.iter()
        .filter(|r| r["framework"] == "ILACS" && !r["ilacs_care_leavers"].is_empty())
        .map(|r| r["publication_date"].clone())
        .min()
        .expect("an ILACS report grading care leavers")
}

/// An ILACS report before the first to grade care leavers apart has an ungraded care
/// leavers record that says why, citing the report.
fn assert_leavers_not_judged(council: &Council, date: &str) {
    let rating = council.rating("ofsted-cs-care-leavers", date);
    assert_eq!(rating.level, None, "{} {date}", council.id);
    assert!(
        rating
            .note
            .as_deref()
            .is_some_and(|n| n.contains("judged them with children in care")),
        "{} {date}: {:?}",
        council.id,
        rating.note
    );
    assert_eq!(rating.source, council.rating("ofsted-cs", date).source);
}

/// The date the builder gives a star-rating round, worked out again from its label.
fn star_round_date(label: &str) -> String {
    let month = label
        .get(..7)
        .filter(|m| m.as_bytes()[4] == b'-' && m.bytes().filter(u8::is_ascii_digit).count() == 6);
    match month {
        // The 2005 ratings came out on 1 December 2005.
        Some("2005-11") => "2005-12".to_owned(),
        Some(month) => month.to_owned(),
        // One article's labels, read as the first two rounds.
        None if label.starts_with("\"2001\"") => "2002-05".to_owned(),
        None if label.starts_with("\"2002\"") => "2002-11".to_owned(),
        None => label[..4].to_owned(),
    }
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs ../shared/data beside the repo (the project's source data)"
)]
fn every_star_rating_named_in_the_news_appears() {
    let main = csv_rows("social_services_star_ratings_named_in_news_2002_2008.csv");
    let more = csv_rows(dataset::STARS_MORE_FILE);
    let rows: Vec<HashMap<String, String>> = main.iter().chain(&more).cloned().collect();
    let data = parse(EMBEDDED);
    let rounds = &data.scheme("csci-stars").rounds;
    let stars: Vec<&HashMap<String, String>> = rows
        .iter()
        .filter(|r| r["measure"] == "overall stars")
        .collect();
    // (council, round) → the links of the rows that rate it.
    let mut named: HashMap<(String, String), Vec<&str>> = HashMap::new();
    for row in &stars {
        let date = star_round_date(&row["rating_round"]);
        let council = data.council_named_at(&row["council_as_named"], &date);
        let round = round_of(rounds, &date).expect("a star round").to_owned();
        named
            .entry((council.id.clone(), round))
            .or_default()
            .push(row["source_url"].as_str());
    }
    for row in &stars {
        let date = star_round_date(&row["rating_round"]);
        let council = data.council_named_at(&row["council_as_named"], &date);
        let stars = match row["value"].as_str() {
            "1" => "1 star".to_owned(),
            n => format!("{n} stars"),
        };
        let rating = council
            .in_round(&data, "csci-stars", &date)
            .unwrap_or_else(|| panic!("{} has no stars in the round of {date}", council.id));
        assert_eq!(
            rating.level.as_deref(),
            Some(stars.as_str()),
            "{} {date}",
            council.id
        );
        let round = round_of(rounds, &date).unwrap().to_owned();
        let links = &named[&(council.id.clone(), round)];
        let source = data.source(rating.source.as_deref().unwrap_or_default());
        assert!(
            links.contains(&source.url.as_deref().unwrap_or_default()),
            "{} {date}: the rating cites a row that names it",
            council.id
        );
        if links.len() == 1
            && (row["note"].contains("undated") || row["source_desc"].contains("not shown"))
        {
            assert!(
                rating.note.is_some(),
                "{} {date}: the note says how the round was worked out",
                council.id
            );
        }
        let apart = rating
            .note
            .as_deref()
            .unwrap_or_default()
            .contains("not part of the round");
        assert!(
            rating.date.len() > 4 || apart,
            "{} {date}: dated to its round",
            council.id
        );
        if date.len() == 4 && links.len() == 1 && !apart {
            // A year alone takes its round's date, and the note says so.
            assert!(
                rating
                    .note
                    .as_deref()
                    .unwrap_or_default()
                    .contains("only the year"),
                "{} {date}",
                council.id
            );
        }
    }
    assert_eq!(stars.len(), 187 + 21);
    let carried = data
        .councils
        .iter()
        .flat_map(|c| &c.ratings)
        .filter(|r| r.scheme == "csci-stars")
        .count();
    assert_eq!(
        carried,
        named.len(),
        "every star rating comes from a row of the news file, each council and round once"
    );
    // Bedfordshire's 2003 and 2004 ratings were each named twice; the month is kept.
    let bedfordshire = data.council("bedfordshire");
    assert!(bedfordshire.find("csci-stars", "2003").is_none());
    assert_eq!(bedfordshire.level("csci-stars", "2003-11"), Some("0 stars"));
    assert_eq!(bedfordshire.level("csci-stars", "2004-11"), Some("0 stars"));
    assert_eq!(
        bedfordshire.level("csci-stars", "2005-12-01"),
        Some("1 star")
    );
}

#[test]
fn joined_judgements_in_the_news_are_split() {
    let data = parse(EMBEDDED);
    // "adults: not serving people well, prospects poor; children: not serving people well, prospects poor"
    let walsall = data.council("walsall");
    for scheme in ["csci-stars-adults-served", "csci-stars-children-served"] {
        assert_eq!(walsall.level(scheme, "2002-05"), Some("no"));
    }
    for scheme in [
        "csci-stars-adults-prospects",
        "csci-stars-children-prospects",
    ] {
        assert_eq!(walsall.level(scheme, "2002-05"), Some("poor"));
    }
    // "excellent; excellent": outcomes, then capacity to improve.
    let bolton = data.council("bolton");
    assert_eq!(
        bolton.level("csci-stars-adults-outcomes", "2007-11"),
        Some("excellent")
    );
    assert_eq!(
        bolton.level("csci-stars-adults-prospects", "2007-11"),
        Some("excellent")
    );
    let essex = data.council("essex");
    assert_eq!(
        essex.level("csci-stars-adults-outcomes", "2007-11"),
        Some("good")
    );
    assert_eq!(
        essex.level("csci-stars-adults-prospects", "2007-11"),
        Some("excellent")
    );
    // A judgement the source gives for adults and children together stays together.
    let durham = data.council("durham");
    assert_eq!(durham.level("csci-stars-served", "2002-05"), Some("some"));
    assert_eq!(
        durham.level("csci-stars-prospects", "2002-05"),
        Some("promising")
    );
    // APA cells: "4 / 3 / 4" for overall, children's social care, capacity to improve.
    let stockton = data.council("stockton-on-tees");
    assert_eq!(
        stockton.level("apa", "2006-11"),
        Some("grade 4: outstanding")
    );
    assert_eq!(
        stockton.level("apa-social-care", "2006-11"),
        Some("grade 3: good")
    );
    assert_eq!(
        stockton.level("apa-capacity", "2006-11"),
        Some("grade 4: outstanding")
    );
    let norfolk = data.council("norfolk");
    assert_eq!(norfolk.level("apa", "2007"), Some("grade 2"));
    assert_eq!(
        norfolk.level("apa-being-healthy", "2007"),
        Some("grade 3: good")
    );
    assert_eq!(
        norfolk.level("apa-economic-wellbeing", "2007"),
        Some("grade 2")
    );
    // "prospects 'rated as good'" is no grade of that judgement, so it is left out.
    let west_sussex = data.council("west-sussex");
    assert!(
        west_sussex
            .find("csci-stars-adults-prospects", "2003-11")
            .is_none()
    );
    assert!(
        west_sussex
            .rating("csci-stars-adults-served", "2003-11")
            .note
            .as_deref()
            .unwrap_or_default()
            .contains("not carried")
    );
}

#[test]
fn former_councils_are_kept_with_their_successors() {
    let data = parse(EMBEDDED);
    for (id, successors, ended) in [
        (
            "bedfordshire",
            &["bedford-borough", "central-bedfordshire"][..],
            Some("2009-04"),
        ),
        (
            "bournemouth",
            &["bournemouth-christchurch-and-poole"][..],
            Some("2019-04"),
        ),
        (
            "cheshire",
            &["cheshire-east", "cheshire-west-and-chester"][..],
            Some("2009-04"),
        ),
        (
            "cumbria",
            &["cumberland", "westmorland-and-furness"][..],
            Some("2023-04"),
        ),
        (
            "northamptonshire",
            &["north-northamptonshire", "west-northamptonshire"][..],
            Some("2021-04"),
        ),
        (
            "poole",
            &["bournemouth-christchurch-and-poole"][..],
            Some("2019-04"),
        ),
        ("dorset-county-council", &["dorset"][..], Some("2019-04")),
    ] {
        let council = data.council(id);
        assert_eq!(council.succeeded_by, successors, "{id}");
        assert_eq!(council.ended.as_deref(), ended, "{id}");
        assert!(
            !council.ratings.is_empty(),
            "{id} is kept because a source rates it"
        );
        if let Some(ended) = ended {
            assert!(
                council.ratings.iter().all(|r| r.date.as_str() < ended),
                "{id} has no rating after it ended"
            );
        }
    }
    assert_eq!(
        data.councils
            .iter()
            .filter(|c| c.succeeded_by.is_empty())
            .count(),
        153
    );
    assert!(
        data.councils
            .iter()
            .all(|c| c.succeeded_by.is_empty() == c.ended.is_none()),
        "a council ends exactly when it has successors"
    );
    // BCP's alias list must not claim the former Bournemouth's name.
    let bcp = data.council("bournemouth-christchurch-and-poole");
    assert!(!bcp.aliases.iter().any(|a| a == "Bournemouth"));
    // Today's Dorset Council holds nothing from before it existed.
    assert!(
        data.council("dorset")
            .ratings
            .iter()
            .all(|r| r.date.as_str() >= "2019-04")
    );
    let dcc = data.council("dorset-county-council");
    assert_eq!(dcc.code.as_deref(), Some("E10000009"));
    assert_eq!(
        dcc.level("ofsted-cs", "2016-05-23"),
        Some("Requires improvement to be good")
    );
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs ../shared/data beside the repo (the project's source data)"
)]
fn every_matched_cqc_assessment_appears() {
    let rows = csv_rows("cqc_adult_social_care_assessments_2025-10.csv");
    let fixes = csv_rows(dataset::CQC_FIXES_FILE);
    let data = parse(EMBEDDED);
    let scores = [
        ("QS1Assess", "cqc-asc-assessing-needs"),
        ("QS2Support", "cqc-asc-supporting-people"),
        ("QS3Equity", "cqc-asc-equity"),
        ("QS4Care", "cqc-asc-care-provision"),
        ("QS5Partner", "cqc-asc-partnerships"),
        ("QS6Safe", "cqc-asc-safe-systems"),
        ("QS7Safeguard", "cqc-asc-safeguarding"),
        ("QS8Govern", "cqc-asc-governance"),
        ("QS9Learn", "cqc-asc-learning"),
    ];
    for row in &rows {
        let council = data.council_named(&dataset::cqc::cqc_short_name(&row["Authority Name"]));
        let date = dataset::cqc::month_of(&row["Date"]).expect("a month and a year");
        assert_eq!(
            council.level("cqc-asc", &date),
            Some(row["Overall"].as_str()),
            "{}",
            council.id
        );
        for (column, scheme) in scores {
            // A score the fixes file corrects is the corrected one.
            let fixed = fixes
                .iter()
                .find(|f| f["authority_name"] == row["Authority Name"] && f["column"] == column)
                .map(|f| {
                    assert_eq!(f["file_value"], row[column]);
                    f["correct_value"].as_str()
                });
            assert_eq!(
                council.level(scheme, &date),
                Some(fixed.unwrap_or(row[column].as_str())),
                "{} {scheme}",
                council.id
            );
        }
    }
    assert_eq!(rows.len(), 72);
    let carried = data
        .councils
        .iter()
        .flat_map(|c| &c.ratings)
        .filter(|r| r.scheme == "cqc-asc")
        .count();
    assert_eq!(
        carried,
        rows.len() + csv_rows(dataset::CQC_ADDITIONS_FILE).len(),
        "no CQC row is left out, as every one matches a council, and the additions rate six more"
    );
    // Warrington's care provision score is the one CQC's press release gives.
    let warrington = data.council("warrington");
    let fixed = warrington.rating("cqc-asc-care-provision", "2025-05");
    assert_eq!(fixed.level.as_deref(), Some("3"));
    assert_eq!(
        data.source(fixed.source.as_deref().unwrap_or_default())
            .date
            .as_deref(),
        Some("2025-05-22")
    );
    let durham = data.council("durham");
    assert!(
        durham
            .rating("cqc-asc", "2024-08")
            .note
            .as_deref()
            .unwrap_or_default()
            .contains("Not Rated")
    );
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs ../shared/data beside the repo (the project's source data)"
)]
fn every_cqc_addition_appears_with_only_the_scores_given() {
    let rows = csv_rows(dataset::CQC_ADDITIONS_FILE);
    let data = parse(EMBEDDED);
    let parts = [
        "cqc-asc-assessing-needs",
        "cqc-asc-supporting-people",
        "cqc-asc-equity",
        "cqc-asc-care-provision",
        "cqc-asc-partnerships",
        "cqc-asc-safe-systems",
        "cqc-asc-safeguarding",
        "cqc-asc-governance",
        "cqc-asc-learning",
    ];
    for row in &rows {
        let council = data.council_with_code(&row["ons_code"]);
        let date = row["published"].as_str();
        let overall = council.rating("cqc-asc", date);
        assert_eq!(overall.level.as_deref(), Some(row["overall"].as_str()));
        let source = data.source(overall.source.as_deref().unwrap_or_default());
        assert_eq!(source.url.as_deref(), Some(row["source_url"].as_str()));
        for (i, scheme) in parts.iter().enumerate() {
            let given = row[&format!("qs{}", i + 1)].as_str();
            if given.is_empty() {
                assert!(
                    council.ratings.iter().all(|r| r.scheme != *scheme),
                    "{} has no {scheme} score",
                    council.id
                );
            } else {
                assert_eq!(
                    council.level(scheme, date),
                    Some(given),
                    "{} {scheme}",
                    council.id
                );
            }
        }
    }
    assert_eq!(rows.len(), 6);
    let kirklees = data.council("kirklees");
    assert_eq!(
        kirklees.level("cqc-asc", "2025-11-21"),
        Some("Requires improvement")
    );
    assert_eq!(
        kirklees
            .ratings
            .iter()
            .filter(|r| r.scheme.starts_with("cqc-asc-"))
            .count(),
        9
    );
    // Barking and Dagenham's page gives the year alone, and the rating keeps it.
    assert!(
        data.council("barking-and-dagenham")
            .find("cqc-asc", "2025")
            .is_some()
    );
    // The CQC files reach November 2025, and the CQC schemes say so.
    for s in data
        .schemes
        .iter()
        .filter(|s| s.id == "cqc-asc" || s.id.starts_with("cqc-asc-"))
    {
        assert_eq!(s.covered_until.as_deref(), Some("2025-11"), "{}", s.id);
        assert!(
            s.note
                .as_deref()
                .unwrap_or_default()
                .contains("November 2025")
        );
    }
    // Ofsted's inspection schemes still running reach the file's last report.
    let last = csv_rows("ofsted_childrens_services_inspections_2013_2026.csv")
        .iter()
        .map(|r| r["publication_date"].clone())
        .max()
        .expect("a report");
    for s in data
        .schemes
        .iter()
        .filter(|s| s.id == "ofsted-cs" || s.parent.as_deref() == Some("ofsted-cs"))
    {
        let expected = s.until.is_none().then_some(last.as_str());
        assert_eq!(s.covered_until.as_deref(), expected, "{}", s.id);
    }
}

#[test]
fn former_county_codes_find_the_unitary_councils() {
    let data = parse(EMBEDDED);
    for (id, code) in [
        ("buckinghamshire", "E10000002"),
        ("north-yorkshire", "E10000023"),
        ("somerset", "E10000027"),
    ] {
        let council = data.council(id);
        assert!(council.aliases.iter().any(|a| a == code), "{id}");
        assert_ne!(council.code.as_deref(), Some(code));
    }
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs ../shared/data beside the repo (the project's source data)"
)]
fn every_readable_cpa_score_appears() {
    let rows = csv_rows("cpa_2006_2007_service_scores_partial.csv");
    let data = parse(EMBEDDED);
    let mut scores = 0;
    for row in rows.iter().filter(|r| r["parse_status"] == "ok") {
        let date = if row["cpa_year"] == "2006" {
            "2007-02"
        } else {
            "2008-02"
        };
        let council = data.council_named_at(&row["council_as_printed"], date);
        for (column, scheme) in [
            ("children_young_people", "cpa-children"),
            ("social_care_adults", "cpa-adult-social-care"),
        ] {
            scores += 1;
            assert_eq!(
                council.level(scheme, date),
                Some(row[column].as_str()),
                "{} {scheme} {date}",
                council.id
            );
        }
    }
    let carried = data
        .councils
        .iter()
        .flat_map(|c| &c.ratings)
        .filter(|r| r.scheme == "cpa-children" || r.scheme == "cpa-adult-social-care")
        .filter(|r| r.date.starts_with("2007-02") || r.date.starts_with("2008-02"))
        .count();
    assert_eq!(
        carried, scores,
        "rows the file flags as irregular are left out"
    );

    let overall = csv_rows("cpa_overall_named_in_news_2002_2007.csv");
    for row in &overall {
        let council = data.council_named_at(&row["council_as_named"], "2009");
        let rated = council
            .ratings
            .iter()
            .filter(|r| r.scheme == "cpa" || r.scheme == "cpa-stars")
            .count();
        assert!(rated > 0, "{} has its CPA category", council.id);
    }
    assert_eq!(
        data.council("north-east-lincolnshire")
            .level("cpa", "2002-12"),
        Some("Poor")
    );
    assert_eq!(
        data.council("sefton").level("cpa-stars", "2008-02"),
        Some("4 stars")
    );
    // Lambeth's 2007 category is given only as a rise of two stars on its 2006 one star.
    let lambeth = data.council("lambeth");
    assert_eq!(lambeth.level("cpa-stars", "2007-02"), Some("1 star"));
    assert_eq!(lambeth.level("cpa-stars", "2008-02"), Some("3 stars"));
    assert!(
        lambeth
            .rating("cpa-stars", "2008-02")
            .note
            .as_deref()
            .unwrap_or_default()
            .contains("rise")
    );
}

#[test]
fn published_national_counts_appear_with_their_sources() {
    let data = parse(EMBEDDED);
    let counts = |scheme: &str, date: &str, source: &str| -> &HashMap<String, u32> {
        let summary = data
            .summaries
            .iter()
            .find(|s| s.scheme == scheme && s.date == date && s.source.as_deref() == Some(source))
            .unwrap_or_else(|| panic!("no {scheme} summary for {date} from {source}"));
        &summary.counts
    };
    let may_2002 = counts(
        "csci-stars",
        "2002-05-30",
        "communitycare-2002-05-29-ten-given-zero-stars",
    );
    assert_eq!((may_2002["3 stars"], may_2002["0 stars"]), (8, 10));
    let nov_2003 = counts(
        "csci-stars",
        "2003-11-13",
        "bbc-3264195-star-ratings-mirror",
    );
    assert_eq!(
        (
            nov_2003["3 stars"],
            nov_2003["2 stars"],
            nov_2003["1 star"],
            nov_2003["0 stars"]
        ),
        (16, 74, 52, 8)
    );
    assert_eq!(
        counts("cpa", "2002-12-12", "bbc-2002-12-12-first-cpa")["Poor"],
        13
    );
    // Two sources that disagree stay two summaries.
    let nov_2004: Vec<&Summary> = data
        .summaries
        .iter()
        .filter(|s| s.scheme == "csci-stars" && s.date == "2004-11-18")
        .collect();
    assert!(
        nov_2004
            .iter()
            .any(|s| s.counts.get("2 stars") == Some(&82))
    );
    assert!(
        nov_2004
            .iter()
            .any(|s| s.counts.get("2 stars") == Some(&78))
    );
    // A share-only figure is a share.
    let final_stars = data
        .summaries
        .iter()
        .find(|s| s.scheme == "csci-stars" && s.date == "2008-11-26")
        .expect("the 2008 shares");
    assert_eq!(final_stars.shares.get("3 stars"), Some(&37.0));
    assert_eq!(final_stars.counts.get("0 stars"), Some(&0));
    assert_eq!(final_stars.total, Some(150));
}

/// Lowercase words of `text`, letters and digits only.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('\u{2019}', "'"))
        .collect()
}

#[test]
#[cfg_attr(
    not(shared_seeds),
    ignore = "needs ../shared/seeds beside the repo (the source texts)"
)]
fn no_sentence_from_a_source_is_copied_into_the_dataset() {
    // The seeds are the full texts we hold; any run of eight words shared with one of
    // them is a copied sentence, not a fact.
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let entries = std::fs::read_dir(&seeds)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", seeds.display()));
    const RUN: usize = 8;
    let mut shingles = std::collections::HashSet::new();
    for entry in entries.flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let w = words(&text.replace('\u{2019}', "'"));
        for run in w.windows(RUN) {
            shingles.insert(run.join(" "));
        }
    }
    let mut copied = Vec::new();
    // The sources, the file's last list, are bibliography: a headline is a source's
    // title, not a copied sentence. Everything else (notes above all) must be in our own
    // words.
    let (before_sources, _) = EMBEDDED
        .split_once("\n    sources: [")
        .expect("the dataset lists its sources last");
    for line in before_sources.lines() {
        let w = words(&line.replace('\u{2019}', "'"));
        if let Some(run) = w
            .windows(RUN)
            .map(|r| r.join(" "))
            .find(|r| shingles.contains(r))
        {
            copied.push(format!("{run:?} in: {}", line.trim()));
        }
    }
    assert!(
        copied.is_empty(),
        "text copied from a seed article:\n{}",
        copied.join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// The second round of research
// ---------------------------------------------------------------------------------------

#[test]
fn every_rating_in_a_scheme_with_rounds_falls_in_one_round() {
    let data = parse(EMBEDDED);
    let mut checked = 0;
    for c in &data.councils {
        for r in &c.ratings {
            let rounds = &data.scheme(&r.scheme).rounds;
            if rounds.is_empty() {
                continue;
            }
            checked += 1;
            assert!(
                round_of(rounds, &r.date).is_some(),
                "{}: the {} rating dated {} falls in no single round",
                c.id,
                r.scheme,
                r.date
            );
        }
    }
    assert!(checked > 500, "{checked}");
}

#[test]
fn no_rating_is_dated_less_precisely_than_its_round() {
    let data = parse(EMBEDDED);
    let mut apart = Vec::new();
    let mut to_the_day = 0;
    for c in &data.councils {
        for r in &c.ratings {
            let rounds = &data.scheme(&r.scheme).rounds;
            let Some(round) = round_of(rounds, &r.date) else {
                continue;
            };
            let note = r.note.as_deref().unwrap_or_default();
            if round.len() > r.date.len() {
                // Only a rating given apart from its period's round keeps its own date,
                // and its note says so.
                assert!(
                    note.contains("not part of the round"),
                    "{} {} {}: dated {round} is its round's day",
                    c.id,
                    r.scheme,
                    r.date
                );
                apart.push((c.id.as_str(), r.scheme.as_str(), r.date.as_str()));
            }
            if note.contains("the day is the round's publication day") {
                assert_eq!(r.date, round, "{} {}", c.id, r.scheme);
                to_the_day += 1;
            }
        }
    }
    // Herefordshire's 2005 judgements came after its own review, not in the round of
    // 1 December 2005.
    assert_eq!(
        apart,
        [
            ("herefordshire", "csci-stars", "2005"),
            ("herefordshire", "csci-stars-adults-served", "2005"),
            ("herefordshire", "csci-stars-adults-prospects", "2005"),
        ]
    );
    assert!(to_the_day > 500, "{to_the_day}");
}

#[test]
fn no_council_has_one_level_twice_in_a_round() {
    let data = parse(EMBEDDED);
    for c in &data.councils {
        let mut seen = std::collections::HashSet::new();
        for r in &c.ratings {
            let rounds = &data.scheme(&r.scheme).rounds;
            let Some(round) = round_of(rounds, &r.date) else {
                continue;
            };
            assert!(
                seen.insert((&r.scheme, round, &r.level)),
                "{}: {} {:?} twice in the round of {round}",
                c.id,
                r.scheme,
                r.level
            );
        }
    }
}

/// The schemes whose rounds each file scheme of `round_dates.csv` dates.
fn round_families(file_scheme: &str, date: &str) -> &'static [&'static str] {
    match file_scheme {
        "social_services_star_ratings" if date.as_bytes() <= b"2005-12-01".as_slice() => &[
            "csci-stars",
            "csci-stars-adults-served",
            "csci-stars-adults-prospects",
            "csci-stars-adults-outcomes",
            "csci-stars-children-served",
            "csci-stars-children-prospects",
            "csci-stars-served",
            "csci-stars-prospects",
        ],
        // Adults served well was last judged in the 2006 round.
        "social_services_star_ratings" if date == "2006-11" => &[
            "csci-stars",
            "csci-stars-adults-served",
            "csci-stars-adults-prospects",
            "csci-stars-adults-outcomes",
        ],
        "social_services_star_ratings" => &[
            "csci-stars",
            "csci-stars-adults-prospects",
            "csci-stars-adults-outcomes",
        ],
        "childrens_services_APA" => &[
            "apa",
            "apa-education",
            "apa-social-care",
            "apa-capacity",
            "apa-being-healthy",
            "apa-staying-safe",
            "apa-enjoying-achieving",
            "apa-positive-contribution",
            "apa-economic-wellbeing",
        ],
        "CPA" if date < "2005" => &["cpa"],
        "CPA" => &["cpa-stars", "cpa-children", "cpa-adult-social-care"],
        "ofsted_annual_childrens_services_rating" => &["ofsted-annual"],
        other => panic!("no schemes for {other}"),
    }
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs ../shared/data beside the repo (the project's source data)"
)]
fn every_round_date_is_a_round_of_its_schemes() {
    let rows = csv_rows(dataset::ROUNDS_FILE);
    let data = parse(EMBEDDED);
    let mut rounds_seen: HashMap<&str, usize> = HashMap::new();
    for row in &rows {
        let file_scheme = row["scheme"].as_str();
        assert!(
            data.source_at(&row["source_url"]).is_some(),
            "{}: the page is a source",
            row["source_url"]
        );
        if row["round_label"] == "ended" {
            let ended = row["publication_date"].as_str();
            match file_scheme {
                "social_services_star_ratings" => {
                    assert_eq!(data.scheme("csci-stars").until.as_deref(), Some(ended));
                }
                "childrens_services_APA" => {
                    // It ended in December 2008, after its last round of 17 December: the
                    // end is the successor's start, and the note says why.
                    let apa = data.scheme("apa");
                    assert_eq!(apa.until.as_deref(), Some("2009-04"));
                    assert!(
                        apa.note
                            .as_deref()
                            .unwrap_or_default()
                            .contains("April 2009")
                    );
                    let source = data.source(apa.source.as_deref().unwrap_or_default());
                    assert_eq!(source.url.as_deref(), Some(row["source_url"].as_str()));
                }
                "CPA" => {
                    let stars = data.scheme("cpa-stars");
                    assert_eq!(stars.until.as_deref(), Some(ended));
                    let source = data.source(stars.source.as_deref().unwrap_or_default());
                    assert_eq!(source.url.as_deref(), Some(row["source_url"].as_str()));
                }
                _ => {
                    let scheme = data.scheme(round_families(file_scheme, ended)[0]);
                    assert_eq!(scheme.until.as_deref(), Some(ended), "{file_scheme}");
                    let source = data.source(scheme.source.as_deref().unwrap_or_default());
                    assert_eq!(source.url.as_deref(), Some(row["source_url"].as_str()));
                }
            }
            continue;
        }
        let date = match (file_scheme, row["publication_date"].as_str()) {
            // The rounds no source dates: the 2006 star round's month is inferred, the
            // 2007 APA keeps its year.
            ("social_services_star_ratings", "") => {
                let stars = data.scheme("csci-stars");
                assert!(
                    stars
                        .note
                        .as_deref()
                        .unwrap_or_default()
                        .contains("inferred")
                );
                "2006-11"
            }
            ("childrens_services_APA", "") => "2007",
            (_, "") => panic!("{file_scheme} {}: no date", row["round_label"]),
            (_, date) => date,
        };
        for id in round_families(file_scheme, date) {
            let scheme = data.scheme(id);
            assert!(
                scheme.rounds.iter().any(|r| r == date),
                "{id} has the round {date}"
            );
            *rounds_seen.entry(id).or_default() += 1;
        }
    }
    // No scheme has a round the file does not give.
    for (id, n) in rounds_seen {
        assert_eq!(data.scheme(id).rounds.len(), n, "{id}");
    }
    // The children's parts end at the first adults-only round.
    for id in [
        "csci-stars-children-served",
        "csci-stars-children-prospects",
        "csci-stars-served",
        "csci-stars-prospects",
    ] {
        assert_eq!(data.scheme(id).until.as_deref(), Some("2006-11"), "{id}");
    }
    assert_eq!(data.scheme("cpa").until.as_deref(), Some("2005-12-15"));
    // The performance indicator bands are yearly.
    for id in ["paf-a3", "paf-c26"] {
        let paf = data.scheme(id);
        assert!(paf.rounds.iter().all(|r| r.len() == 4), "{id}");
        assert!(paf.rounds.contains(&"2000".to_owned()) && paf.rounds.contains(&"2003".to_owned()));
    }
}

const SIF_COLUMNS: [(&str, &str); 5] = [
    ("sif_help_protection", "ofsted-cs-help-protection"),
    ("sif_looked_after_permanence", "ofsted-cs-in-care"),
    ("sif_adoption", "ofsted-cs-adoption"),
    ("sif_care_leavers", "ofsted-cs-care-leavers"),
    ("sif_leadership", "ofsted-cs-leaders"),
];
const ILACS_COLUMNS: [(&str, &str); 4] = [
    ("ilacs_impact_of_leaders", "ofsted-cs-leaders"),
    ("ilacs_help_protection", "ofsted-cs-help-protection"),
    ("ilacs_children_in_care", "ofsted-cs-in-care"),
    ("ilacs_care_leavers", "ofsted-cs-care-leavers"),
];

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs ../shared/data beside the repo (the project's source data)"
)]
fn every_ofsted_addition_appears_on_its_former_council() {
    let rows = csv_rows(dataset::OFSTED_ADDITIONS_FILE);
    let data = parse(EMBEDDED);
    for row in &rows {
        let council = data.council_with_code(&row["ons_code"]);
        assert!(council.ended.is_some(), "{} ended", council.id);
        assert!(
            !council.succeeded_by.is_empty(),
            "{} has successors",
            council.id
        );
        for successor in &council.succeeded_by {
            data.council(successor);
        }
        assert_eq!(council.region.as_deref(), Some(row["region"].as_str()));
        // An undated report keeps the year its pages give.
        let date = match (row["la_name"].as_str(), row["publication_date"].as_str()) {
            ("Cumbria" | "Poole", "") => "2017",
            ("Bournemouth", "") => "2014",
            (name, "") => panic!("{name}: no date"),
            (_, date) => date,
        };
        let overall = council.rating("ofsted-cs", date);
        assert_eq!(
            overall.level.as_deref(),
            Some(row["overall_effectiveness"].as_str())
        );
        let source = data.source(overall.source.as_deref().unwrap_or_default());
        assert_eq!(source.url.as_deref(), Some(row["source_url"].as_str()));
        assert!(
            overall.note.is_some(),
            "{} {date}: the note carries the doubts",
            council.id
        );
        let columns: &[(&str, &str)] = if row["framework"] == "SIF" {
            &SIF_COLUMNS
        } else {
            &ILACS_COLUMNS
        };
        for (column, scheme) in columns {
            match row[*column].as_str() {
                // Judged with children in care: an ungraded record says so.
                "" if *column == "ilacs_care_leavers" => assert_leavers_not_judged(council, date),
                // Not found: no rating; the grade is unknown.
                "" => assert!(
                    council.find(scheme, date).is_none(),
                    "{} {scheme}",
                    council.id
                ),
                grade => {
                    let rating = council.rating(scheme, date);
                    assert_eq!(
                        rating.level.as_deref(),
                        Some(grade),
                        "{} {scheme}",
                        council.id
                    );
                    assert_eq!(rating.source, overall.source);
                }
            }
        }
    }
    // The notes carry what the file's notes doubt.
    let bournemouth = data.council("bournemouth");
    assert!(
        bournemouth
            .rating("ofsted-cs-leaders", "2014")
            .note
            .as_deref()
            .unwrap_or_default()
            .contains("not graded one by one")
    );
    assert!(
        data.council("dorset-county-council")
            .rating("ofsted-cs-leaders", "2016-05-23")
            .note
            .as_deref()
            .unwrap_or_default()
            .contains("no page names this grade")
    );
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs ../shared/data beside the repo (the project's source data)"
)]
fn every_ofsted_subgrade_fix_appears() {
    let fixes = csv_rows(dataset::OFSTED_FIXES_FILE);
    let ofsted = csv_rows("ofsted_childrens_services_inspections_2013_2026.csv");
    let data = parse(EMBEDDED);
    assert_eq!(fixes.len(), 18);
    for fix in &fixes {
        let report = ofsted
            .iter()
            .find(|r| {
                r["la_name"] == fix["la_name"] && r["publication_date"] == fix["publication_date"]
            })
            .unwrap_or_else(|| panic!("{} {}: no report", fix["la_name"], fix["publication_date"]));
        let council = data.council_with_code(&report["ons_code"]);
        let scheme = SIF_COLUMNS
            .iter()
            .chain(&ILACS_COLUMNS)
            .find(|(c, _)| *c == fix["column"])
            .map(|(_, s)| *s)
            .expect("a sub-judgement column");
        let rating = council.rating(scheme, &fix["publication_date"]);
        assert_eq!(
            rating.level.as_deref(),
            Some(fix["value"].as_str()),
            "{} {scheme}",
            council.id
        );
        let source = data.source(rating.source.as_deref().unwrap_or_default());
        assert_eq!(source.url.as_deref(), Some(fix["source_url"].as_str()));
    }
}

/// The date after "published " in a round label.
fn published(label: &str) -> String {
    label
        .split_once("published ")
        .map(|(_, d)| d.trim_end_matches(')').to_owned())
        .unwrap_or_else(|| panic!("no date in {label}"))
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs ../shared/data beside the repo (the project's source data)"
)]
fn every_ofsted_annual_rating_appears() {
    let rows = csv_rows(dataset::OFSTED_ANNUAL_FILE);
    let data = parse(EMBEDDED);
    let scheme = data.scheme("ofsted-annual");
    assert_eq!(scheme.rounds, ["2009-12-09", "2010-12-09", "2011-11-07"]);
    assert_eq!(scheme.until.as_deref(), Some("2012-07-18"));
    assert!(
        matches!(&scheme.scale, Scale::Ordinal(l) if l == &["performs poorly", "performs adequately", "performs well", "performs excellently"])
    );
    let mut named = std::collections::HashSet::new();
    for row in &rows {
        let date = published(&row["round"]);
        let council = data.council_named_at(&row["council_as_printed"], &date);
        let level = row["value"]
            .split_once(" (")
            .map(|(_, l)| l.trim_end_matches(')'))
            .expect("a named level");
        assert_eq!(
            council.level_in_round(&data, "ofsted-annual", &date),
            Some(level),
            "{} {date}",
            council.id
        );
        named.insert((council.id.clone(), date.clone()));
        let rating = council.in_round(&data, "ofsted-annual", &date).unwrap();
        let cited = data.source(rating.source.as_deref().unwrap_or_default());
        let listed = rows.iter().any(|r| {
            Some(r["source_url"].as_str()) == cited.url.as_deref()
                && r["council_as_printed"] == row["council_as_printed"]
        });
        assert!(
            listed,
            "{} {date}: the rating cites a row that names it",
            council.id
        );
        if row["note"].contains("Blog") || row["note"].contains("undated") {
            let note = rating.note.as_deref().unwrap_or_default();
            assert!(
                note.contains("blog") || note.contains("no date"),
                "{} {date}: {note}",
                council.id
            );
        }
    }
    let carried = data
        .councils
        .iter()
        .flat_map(|c| &c.ratings)
        .filter(|r| r.scheme == "ofsted-annual")
        .count();
    assert_eq!(
        carried,
        named.len(),
        "each council and round once, from the file alone"
    );
}

/// The scheme and level a CPA news row gives, or none for a judgement no scheme holds.
fn cpa_reading(measure: &str, value: &str) -> Option<(&'static str, String)> {
    match measure {
        "overall CPA star category (0-4)" if value == "N/A" => None,
        "overall CPA star category (0-4)" => Some((
            "cpa-stars",
            if value == "1" {
                "1 star".to_owned()
            } else {
                format!("{value} stars")
            },
        )),
        "overall CPA category (excellent/good/fair/weak/poor)" => {
            let word = value.split(' ').next().unwrap_or_default();
            let mut level = word.to_owned();
            level[..1].make_ascii_uppercase();
            Some(("cpa", level))
        }
        "children and young people score (1-4)" => Some(("cpa-children", value.to_owned())),
        "adult social care score (1-4)" => Some(("cpa-adult-social-care", value.to_owned())),
        // The direction of travel and the early service scores: no scheme holds them.
        _ => None,
    }
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs ../shared/data beside the repo (the project's source data)"
)]
fn every_cpa_row_of_the_second_round_appears() {
    let mut files = Vec::new();
    for file in [
        dataset::CPA_MORE_FILE,
        dataset::CPA_2009_TABLE_FILE,
        dataset::CPA_2009_NEWS_FILE,
    ] {
        let rows = csv_rows(file);
        files.push(rows);
    }
    let data = parse(EMBEDDED);
    let mut carried_rows = 0;
    let mut left_out = 0;
    for row in files.iter().flatten() {
        let date = published(&row["round"]);
        let Some((scheme, level)) = cpa_reading(&row["measure"], &row["value"]) else {
            left_out += 1;
            continue;
        };
        carried_rows += 1;
        let council = data.council_named_at(&row["council_as_printed"], &date);
        assert_eq!(
            council.level_in_round(&data, scheme, &date),
            Some(level.as_str()),
            "{} {scheme} {date}",
            council.id
        );
        let rating = council.in_round(&data, scheme, &date).unwrap();
        let undated = row["note"].contains("ndated") || row["note"].contains("date not shown");
        let blog = row["note"].contains("blog") || row["note"].contains("Blog");
        if (undated || blog)
            && data
                .source(rating.source.as_deref().unwrap_or_default())
                .url
                .as_deref()
                == Some(row["source_url"].as_str())
        {
            let note = rating.note.as_deref().unwrap_or_default();
            assert!(
                note.contains("undated") || note.contains("no date") || note.contains("blog"),
                "{} {scheme} {date}: {note}",
                council.id
            );
        }
    }
    assert_eq!(
        carried_rows + left_out,
        files.iter().map(Vec::len).sum::<usize>()
    );
    // Gloucestershire's "3 star*" is three stars, its mark noted; the Isles of Scilly's
    // N/A is no rating.
    let gloucestershire = data.council("gloucestershire");
    let rating = gloucestershire.rating("cpa-stars", "2009-03");
    assert_eq!(rating.level.as_deref(), Some("3 stars"));
    assert!(
        rating
            .note
            .as_deref()
            .unwrap_or_default()
            .contains("footnote")
    );
    let scilly = data.council("isles-of-scilly");
    assert!(scilly.find("cpa-stars", "2009-03").is_none());
    assert_eq!(scilly.level("cpa-children", "2009-03"), Some("3"));
}

/// What a row of the national figures file counts, as this test reads its words.
enum Counted {
    Level(&'static str),
    Set(&'static [&'static str]),
    Unrated,
}

/// The scheme and what a national figure counts, as this test reads the file's words.
fn summary_reading(row: &HashMap<String, String>) -> (&'static str, Counted) {
    let level = row["level"].to_lowercase();
    let label = row["round_label"].as_str();
    let scheme = match row["scheme"].as_str() {
        "csci-stars" => "csci-stars",
        "csci-serving-children" => "csci-stars-children-served",
        // The one adults figure counts councils serving both adults and children well: a
        // figure of the judgement that does not split them.
        "csci-serving-adults" => "csci-stars-served",
        "csci-prospects-children" => "csci-stars-children-prospects",
        "csci-prospects-adults" => "csci-stars-adults-prospects",
        "apa" if level.starts_with("children's social care") => "apa-social-care",
        "apa" if level.starts_with("capacity") => "apa-capacity",
        "apa" => "apa",
        "ofsted-annual" => "ofsted-annual",
        "cpa" => "cpa",
        "cpa-stars" => "cpa-stars",
        // CQC's 2009 words for the outcome grades of CSCI's 2007-08 assessment.
        "cqc-asc-2008" if label.starts_with("2007-08") => "csci-stars-adults-outcomes",
        "cqc-asc-2008" => "cqc-annual",
        "ofsted-cs" => "ofsted-cs",
        other => panic!("no scheme for {other}"),
    };
    if level.starts_with("not given") || level.starts_with("not published") {
        return (scheme, Counted::Unrated);
    }
    let sets: &[(&str, &str, &[&str])] = &[
        ("csci-stars", "2 or 3 stars", &["2 stars", "3 stars"]),
        (
            "csci-stars-children-prospects",
            "expected to improve",
            &["promising", "excellent"],
        ),
        (
            "csci-stars-adults-prospects",
            "expected to improve",
            &["promising", "excellent"],
        ),
        ("csci-stars-served", "both", &["yes"]),
        ("csci-stars-adults-outcomes", " or ", &["good", "excellent"]),
        (
            "apa-capacity",
            " or ",
            &["grade 3: good", "grade 4: outstanding"],
        ),
        ("apa", " or ", &["grade 3: good", "grade 4: outstanding"]),
        (
            "ofsted-annual",
            " or ",
            &["performs well", "performs excellently"],
        ),
        ("cpa-stars", "1 star or 0", &["0 stars", "1 star"]),
        ("cpa-stars", "3 or 4", &["3 stars", "4 stars"]),
        (
            "cqc-annual",
            " or ",
            &["performing well", "performing excellently"],
        ),
        ("ofsted-cs", "good or outstanding", &["Good", "Outstanding"]),
        (
            "ofsted-cs",
            "requires improvement or inadequate",
            &["Inadequate", "Requires improvement to be good"],
        ),
    ];
    if let Some((_, _, levels)) = sets
        .iter()
        .find(|(s, words, _)| *s == scheme && level.contains(words))
    {
        return (scheme, Counted::Set(levels));
    }
    let words: &[(&str, &str)] = match scheme {
        "csci-stars" | "cpa-stars" => &[
            ("0 stars", "0 stars"),
            ("1 star", "1 star"),
            ("2 stars", "2 stars"),
            ("3 stars", "3 stars"),
            ("4 stars", "4 stars"),
        ],
        "csci-stars-children-served" => &[("not serving", "no")],
        "csci-stars-adults-outcomes" => &[
            ("performing excellently", "excellent"),
            ("performing well", "good"),
        ],
        "apa" | "apa-social-care" => &[
            ("inadequate", "grade 1: inadequate"),
            ("grade 1", "grade 1: inadequate"),
            ("adequate", "grade 2"),
            ("grade 2", "grade 2"),
            ("good", "grade 3: good"),
            ("grade 3", "grade 3: good"),
            ("excellent", "grade 4: outstanding"),
            ("grade 4", "grade 4: outstanding"),
        ],
        "ofsted-annual" => &[
            ("poorly", "performs poorly"),
            ("adequately", "performs adequately"),
            ("well", "performs well"),
            ("excellent", "performs excellently"),
        ],
        "cpa" => &[
            ("excellent", "Excellent"),
            ("good", "Good"),
            ("fair", "Fair"),
            ("weak", "Weak"),
            ("poor", "Poor"),
        ],
        "cqc-annual" => &[
            ("poor", "performing poorly"),
            ("adequate", "performing adequately"),
            ("well", "performing well"),
            ("excellently", "performing excellently"),
        ],
        "ofsted-cs" => &[
            ("inadequate", "Inadequate"),
            ("requires improvement", "Requires improvement to be good"),
            ("good", "Good"),
            ("outstanding", "Outstanding"),
        ],
        _ => &[],
    };
    let level = level.trim_start_matches("children's social care: ");
    let found = words
        .iter()
        .find(|(w, _)| {
            level.starts_with(w)
                || level.contains(&format!("({w}"))
                || level.contains(&format!(" {w}"))
        })
        .map(|(_, l)| *l);
    (
        scheme,
        Counted::Level(found.unwrap_or_else(|| panic!("no reading of {level}"))),
    )
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs ../shared/data beside the repo (the project's source data)"
)]
fn every_national_figure_appears_as_published() {
    let rows = csv_rows(dataset::SUMMARIES_FILE);
    let data = parse(EMBEDDED);
    let sandbox = crate::common::Sandbox::new();
    // `trajex context SCHEME --date DATE --format csv`'s published rows, by scheme and date.
    let mut printed: HashMap<(String, String), Vec<Vec<String>>> = HashMap::new();
    let mut found_rows = 0;
    for row in &rows {
        let (scheme, counted) = summary_reading(row);
        let what = format!(
            "{scheme} {} {} from {}",
            row["round_label"], row["level"], row["source_url"]
        );
        let source = data
            .source_at(&row["source_url"])
            .unwrap_or_else(|| panic!("{what}: no source has its link"));
        // The source carries the source's own date, where the file gives one.
        if !row["source_date"].is_empty() {
            assert_eq!(
                source.date.as_deref(),
                Some(row["source_date"].as_str()),
                "{what}"
            );
        }
        let rounds = &data.scheme(scheme).rounds;
        let in_round = |s: &&Summary| {
            let published = row["publication_date"].as_str();
            rounds.is_empty()
                || published.is_empty()
                || round_of(rounds, published) == Some(s.date.as_str())
        };
        let summaries: Vec<&Summary> = data
            .summaries
            .iter()
            .filter(|s| s.scheme == scheme && s.source.as_deref() == Some(source.id.as_str()))
            .filter(in_round)
            .collect();
        let count: Option<u32> = row["count"].parse().ok();
        let share: Option<f64> = row["share_percent"].parse().ok();
        let total: Option<u32> = row["total_councils"].parse().ok();
        let found = summaries.iter().find(|s| {
            let figure = match &counted {
                Counted::Level(level) => {
                    count.is_none_or(|n| s.counts.get(*level) == Some(&n))
                        && share.is_none_or(|p| s.shares.get(*level) == Some(&p))
                }
                Counted::Set(levels) => s.sets.iter().any(|set| {
                    let mut ours: Vec<&str> = set.levels.iter().map(String::as_str).collect();
                    let mut theirs = levels.to_vec();
                    ours.sort_unstable();
                    theirs.sort_unstable();
                    ours == theirs
                        && !set.label.is_empty()
                        && set.count == count
                        && set.share == share
                }),
                Counted::Unrated => share.is_none() && s.unrated == count,
            };
            figure && total.is_none_or(|t| s.total == Some(t))
        });
        let summary = found.unwrap_or_else(|| panic!("{what}: {count:?} / {share:?}"));
        // And `context` prints it, on a published row naming its source.
        let published = printed
            .entry((scheme.to_owned(), summary.date.clone()))
            .or_insert_with_key(|(id, date)| {
                let out = sandbox
                    .run(&["context", id, "--date", date, "--format", "csv"])
                    .ok()
                    .stdout;
                csv::Reader::from_reader(out.as_bytes())
                    .records()
                    .map(|r| r.expect("a CSV row").iter().map(str::to_owned).collect())
                    .filter(|r: &Vec<String>| r[0] == "published")
                    .collect()
            });
        let label = match &counted {
            Counted::Level(level) => (*level).to_owned(),
            Counted::Set(levels) => summary
                .sets
                .iter()
                .find(|set| {
                    let mut ours: Vec<&str> = set.levels.iter().map(String::as_str).collect();
                    let mut theirs = levels.to_vec();
                    ours.sort_unstable();
                    theirs.sort_unstable();
                    ours == theirs && set.count == count && set.share == share
                })
                .map(|set| set.label.clone())
                .expect("the set"),
            Counted::Unrated => "not rated".to_owned(),
        };
        assert!(
            published.iter().any(|r| {
                r[1] == label
                    && r[7] == source.title
                    && count.is_none_or(|n| r[2] == n.to_string())
                    && share.is_none_or(|p| r[3].parse::<f64>().ok() == Some(p))
            }),
            "{what}: {label} {count:?} / {share:?} is on no published row of context {scheme} --date {}: {published:?}",
            summary.date
        );
        // Rounds' summaries are dated by the round.
        for s in &summaries {
            if !rounds.is_empty() {
                assert!(
                    rounds.contains(&s.date),
                    "{scheme} summary dated {}",
                    s.date
                );
            }
            // A figure is a figure, not a sentence in a note.
            let note = s.note.as_deref().unwrap_or_default();
            assert!(!note.contains("also gives"), "{what}: {note}");
        }
        found_rows += 1;
    }
    assert_eq!(
        found_rows, 149,
        "every row of the file is a figure of a summary"
    );
    // `total` only where the source states it: what it counted, as it states it.
    for s in &data.summaries {
        let Some(total) = s.total else { continue };
        let url = data
            .source(s.source.as_deref().unwrap_or_default())
            .url
            .clone()
            .unwrap_or_default();
        let from_file: Vec<&HashMap<String, String>> =
            rows.iter().filter(|r| r["source_url"] == url).collect();
        if !from_file.is_empty() {
            assert!(
                from_file
                    .iter()
                    .any(|r| r["total_councils"].parse() == Ok(total)),
                "{} {}: a total of {total} the source does not state",
                s.scheme,
                s.date
            );
        }
    }
    // Two sources that disagree stay apart; a hand figure the file lacks is kept.
    assert!(
        data.summaries
            .iter()
            .any(|s| s.source.as_deref() == Some("publicnet-2004-11-19-headlines"))
    );
}
