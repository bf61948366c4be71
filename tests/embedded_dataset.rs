//! The embedded dataset is exactly what the builder makes from `../shared/data`, and it
//! carries every row of those files it should: checked row by row against the CSVs.
//!
//! The raw files live outside the repository; when they are absent these tests print a
//! skip message and pass.

#![forbid(unsafe_code)]

#[path = "../tools/dataset.rs"]
mod dataset;

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Deserialize;

const EMBEDDED: &str = include_str!("../assets/councils.ron");

/// The raw data folder, when this checkout has one next to it.
fn data_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} does not exist, so the embedded dataset is not rebuilt",
            dir.display()
        );
        None
    }
}

// The dataset shape of DESIGN section 2, written out again here so the file is checked
// against the contract rather than against the app's own reader.

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
    #[allow(dead_code)]
    until: Option<String>,
    #[allow(dead_code)]
    #[serde(default)]
    eras: Vec<(String, String)>,
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
    source: Option<String>,
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
        self.ratings
            .iter()
            .find(|r| r.scheme == scheme && r.date == date)
            .unwrap_or_else(|| panic!("{} has no {scheme} rating dated {date}", self.id))
    }
}

/// Every row of a CSV file, as column name → cell.
fn csv_rows(file: &str) -> Option<Vec<HashMap<String, String>>> {
    let path = data_dir()?.join(file);
    let mut reader = csv::Reader::from_path(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let headers = reader.headers().expect("a header row").clone();
    let rows = reader
        .records()
        .map(|r| {
            let record = r.expect("a readable row");
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_owned(), v.trim().to_owned()))
                .collect()
        })
        .collect();
    Some(rows)
}

#[test]
fn embedded_dataset_is_what_the_builder_makes() {
    let Some(dir) = data_dir() else { return };
    let built = match dataset::build(&dir) {
        Ok(text) => text,
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
            s.counts.keys().all(|l| levels.contains(l)),
            "a summary counts an unknown level"
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
fn every_current_council_is_there_with_its_statistical_neighbours() {
    let Some(rows) = csv_rows("english_local_authorities.csv") else {
        return;
    };
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
fn every_ofsted_overall_grade_appears() {
    let Some(rows) = csv_rows("ofsted_childrens_services_inspections_2013_2026.csv") else {
        return;
    };
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
    assert_eq!(
        ofsted_ratings,
        rows.len(),
        "no Ofsted rating comes from anywhere else"
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
        .find(|s| s.scheme == "csci-stars" && s.date == "2004-11" && s.total == Some(150))
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
            s.scheme == "csci-stars" && s.date == "2004-11" && s.counts.contains_key("3 stars")
        })
        .expect("the 2004 three-star count");
    assert_eq!(three_stars.counts["3 stars"], 20);

    for (date, level) in [
        ("2017-04-07", "Inadequate"),
        ("2019-07-22", "Good"),
        ("2025-01-13", "Outstanding"),
    ] {
        assert_eq!(th.rating("ofsted-cs", date).level.as_deref(), Some(level));
    }
}

#[test]
fn strings_with_quotes_and_control_characters_survive_the_round_trip() {
    // The builder writes strings by hand, escaping with exactly these forms.
    let text = r#"Dataset(title: "a \"quoted\" \\ back\nslash\u{1}", schemes: [], councils: [])"#;
    let data = parse(text);
    assert_eq!(data.title, "a \"quoted\" \\ back\nslash\u{1}");
}
