//! The JSON export: a document that stands alone, with the scheme definitions, the
//! councils and their ratings (each naming its source inline), and the sources cited.

use serde::Serialize;

use super::selection::Selection;
use crate::data::Dataset;
use crate::data::model::{Better, Grade, Scale};

#[derive(Serialize)]
struct Document<'d> {
    title: &'d str,
    description: Option<&'d str>,
    schemes: Vec<Scheme<'d>>,
    councils: Vec<Council<'d>>,
    sources: Vec<Source<'d>>,
}

#[derive(Serialize)]
struct Scheme<'d> {
    id: &'d str,
    name: &'d str,
    body: &'d str,
    parent: Option<&'d str>,
    /// `ordinal` (with `levels`, worst first) or `numeric` (with `unit` and `better`).
    scale: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    levels: Option<&'d [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    better: Option<&'static str>,
    until: Option<String>,
    eras: Vec<Era<'d>>,
    /// Publication dates of a scheme published in rounds: a rating holds only until
    /// the round after its own.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rounds: Vec<String>,
    /// The id of the source of the rounds and the end.
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'d str>,
}

#[derive(Serialize)]
struct Era<'d> {
    name: &'d str,
    start: String,
}

#[derive(Serialize)]
struct Council<'d> {
    id: &'d str,
    name: &'d str,
    code: Option<&'d str>,
    region: Option<&'d str>,
    kind: Option<&'d str>,
    aliases: &'d [String],
    neighbours: &'d [String],
    succeeded_by: &'d [String],
    /// The council ceased on this date.
    ended: Option<String>,
    ratings: Vec<Rating<'d>>,
}

#[derive(Serialize)]
struct Rating<'d> {
    scheme: &'d str,
    /// At the precision the source gives: `2002`, `2002-05` or `2002-05-30`.
    date: String,
    level: Option<&'d str>,
    /// 1 is the worst level.
    rank: Option<u16>,
    /// A figure, as a number, on a numeric scheme.
    value: Option<f64>,
    note: Option<&'d str>,
    source: Option<SourceRef<'d>>,
}

#[derive(Serialize)]
struct SourceRef<'d> {
    id: &'d str,
    title: &'d str,
    url: Option<&'d str>,
}

#[derive(Serialize)]
struct Source<'d> {
    id: &'d str,
    title: &'d str,
    publisher: Option<&'d str>,
    date: Option<String>,
    url: Option<&'d str>,
}

/// Pretty-printed JSON for `councils`, ending in a newline.
pub fn render(dataset: &Dataset, councils: &[usize]) -> Result<Vec<u8>, String> {
    let used = Selection::of(dataset, councils);
    let schemes = used
        .schemes
        .iter()
        .map(|&ix| {
            let s = dataset.scheme(ix);
            let (scale, levels, unit, better) = match &s.scale {
                Scale::Ordinal(levels) => ("ordinal", Some(levels.as_slice()), None, None),
                Scale::Numeric { unit, better } => {
                    let better = if *better == Better::Higher {
                        "higher"
                    } else {
                        "lower"
                    };
                    ("numeric", None, Some(unit.as_str()), Some(better))
                }
            };
            Scheme {
                id: &s.id,
                name: &s.name,
                body: &s.body,
                parent: s.parent.map(|p| dataset.scheme(p).id.as_str()),
                scale,
                levels,
                unit,
                better,
                until: s.until.map(|d| d.to_string()),
                eras: s
                    .eras
                    .iter()
                    .map(|e| Era {
                        name: &e.name,
                        start: e.start.to_string(),
                    })
                    .collect(),
                rounds: s.rounds.iter().map(|d| d.to_string()).collect(),
                source: s.source.map(|ix| dataset.source(ix).id.as_str()),
                note: s.note.as_deref(),
            }
        })
        .collect();
    let councils = councils
        .iter()
        .map(|&i| {
            let c = &dataset.councils[i];
            Council {
                id: &c.id,
                name: &c.name,
                code: c.code.as_deref(),
                region: c.region.as_deref(),
                kind: c.kind.as_deref(),
                aliases: &c.aliases,
                neighbours: &c.neighbours,
                succeeded_by: &c.succeeded_by,
                ended: c.ended.map(|d| d.to_string()),
                ratings: c
                    .ratings
                    .iter()
                    .map(|r| {
                        let scheme = dataset.scheme(r.scheme);
                        let (level, rank, value) = match r.grade {
                            Grade::Level(rank) => (
                                scheme.levels().get(usize::from(rank)).map(String::as_str),
                                Some(u16::from(rank) + 1),
                                None,
                            ),
                            Grade::Value(v) => (None, None, Some(v)),
                            Grade::Ungraded => (None, None, None),
                        };
                        Rating {
                            scheme: &scheme.id,
                            date: r.date.to_string(),
                            level,
                            rank,
                            value,
                            note: r.note.as_deref(),
                            source: r.source.map(|s| {
                                let s = dataset.source(s);
                                SourceRef {
                                    id: &s.id,
                                    title: &s.title,
                                    url: s.url.as_deref(),
                                }
                            }),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let sources = used
        .sources
        .iter()
        .map(|&ix| {
            let s = dataset.source(ix);
            Source {
                id: &s.id,
                title: &s.title,
                publisher: s.publisher.as_deref(),
                date: s.date.map(|d| d.to_string()),
                url: s.url.as_deref(),
            }
        })
        .collect();
    let document = Document {
        title: &dataset.title,
        description: dataset.description.as_deref(),
        schemes,
        councils,
        sources,
    };
    let mut bytes = serde_json::to_vec_pretty(&document).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;
    use serde_json::{Value, json};

    fn document(councils: &[usize]) -> Value {
        serde_json::from_slice(&render(&fixture::dataset(), councils).unwrap()).unwrap()
    }

    #[test]
    fn the_document_keeps_the_title_and_only_the_schemes_and_sources_it_uses() {
        let doc = document(&[1]);
        assert_eq!(doc["title"], "Test councils");
        let ids: Vec<&str> = doc["schemes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["ofsted-cs"]);
        assert_eq!(doc["sources"], json!([]));
    }

    #[test]
    fn schemes_carry_levels_parent_end_and_eras() {
        let doc = document(&[0]);
        let schemes = doc["schemes"].as_array().unwrap();
        let ids: Vec<&str> = schemes.iter().map(|s| s["id"].as_str().unwrap()).collect();
        assert_eq!(
            ids,
            [
                "csci-stars",
                "ofsted-cs",
                "ofsted-cs-care-leavers",
                "caseload"
            ]
        );
        assert_eq!(schemes[0]["scale"], "ordinal");
        assert_eq!(
            schemes[0]["levels"],
            json!(["0 stars", "1 star", "2 stars", "3 stars"])
        );
        assert_eq!(schemes[0]["until"], "2009-04");
        assert_eq!(
            schemes[1]["eras"],
            json!([{"name": "SIF", "start": "2013-11"}, {"name": "ILACS", "start": "2018-01"}])
        );
        assert_eq!(schemes[2]["parent"], "ofsted-cs");
        assert_eq!(schemes[3]["scale"], "numeric");
        assert_eq!(schemes[3]["unit"], "children");
        assert_eq!(schemes[3]["better"], "lower");
    }

    #[test]
    fn ratings_carry_date_at_its_precision_level_rank_value_note_and_source() {
        let doc = document(&[0]);
        let council = &doc["councils"][0];
        assert_eq!(council["code"], "E09000030");
        assert_eq!(council["neighbours"], json!(["newham"]));
        let ratings = council["ratings"].as_array().unwrap();
        assert_eq!(
            ratings[0],
            json!({
                "scheme": "csci-stars", "date": "2002-05", "level": "1 star", "rank": 2, "value": null,
                "note": "prospects: promising | excellent",
                "source": {"id": "cc-2004", "title": "Then there were three",
                           "url": "https://www.communitycare.co.uk/2004/11/19/then-there-were-three/"}
            })
        );
        let caseload = ratings.iter().find(|r| r["date"] == "2019").unwrap();
        assert_eq!(caseload["value"], 16.5);
        assert_eq!(caseload["level"], Value::Null);
        let ungraded = ratings.last().unwrap();
        assert_eq!(
            (ungraded["level"].clone(), ungraded["date"].clone()),
            (Value::Null, json!("2026-05"))
        );
        let sources: Vec<&str> = doc["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap())
            .collect();
        assert_eq!(sources, ["cc-2004", "ofsted-2017", "ofsted-2019"]);
        assert_eq!(doc["sources"][0]["publisher"], "Community Care");
        assert_eq!(doc["sources"][0]["date"], "2004-11-19");
    }
}
