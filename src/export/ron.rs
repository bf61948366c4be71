//! The RON export: a dataset in trajex's own shape, which `trajex check` accepts and
//! which holds the same ratings, built from the serde types in `data::raw`.

use std::borrow::Cow;

use ::ron::extensions::Extensions;
use ::ron::ser::PrettyConfig;

use super::selection::Selection;
use crate::data::Dataset;
use crate::data::model::{Better, Grade, Scale};
use crate::data::raw::{
    RawBetter, RawCouncil, RawDataset, RawRating, RawScale, RawScheme, RawSet, RawSource,
    RawSummary, Text,
};

fn text(s: &str) -> Text<'_> {
    Text(Cow::Borrowed(s))
}

fn owned<'a>(s: String) -> Text<'a> {
    Text(Cow::Owned(s))
}

fn texts(items: &[String]) -> Vec<Text<'_>> {
    items.iter().map(|s| text(s)).collect()
}

/// The RON text for `councils`: their ratings, the schemes those use (and their parents),
/// those schemes' national summaries, and every source any of these cite.
pub fn render(dataset: &Dataset, councils: &[usize]) -> Result<Vec<u8>, String> {
    let used = Selection::of(dataset, councils).with_summaries(dataset);
    Ok(write(&raw(dataset, &used, councils))?.into_bytes())
}

/// The records RON holds for `councils` and what `used` selects of the rest.
pub(super) fn raw<'d>(
    dataset: &'d Dataset,
    used: &Selection,
    councils: &[usize],
) -> RawDataset<'d> {
    let schemes = used
        .schemes
        .iter()
        .map(|&ix| {
            let s = dataset.scheme(ix);
            RawScheme {
                id: text(&s.id),
                name: text(&s.name),
                body: text(&s.body),
                parent: s.parent.map(|p| text(&dataset.scheme(p).id)),
                scale: match &s.scale {
                    Scale::Ordinal(levels) => RawScale::Ordinal(texts(levels)),
                    Scale::Numeric { unit, better } => RawScale::Numeric {
                        unit: text(unit),
                        better: match better {
                            Better::Higher => RawBetter::Higher,
                            Better::Lower => RawBetter::Lower,
                        },
                    },
                },
                until: s.until.map(|d| owned(d.to_string())),
                eras: s
                    .eras
                    .iter()
                    .map(|e| (text(&e.name), owned(e.start.to_string())))
                    .collect(),
                rounds: s.rounds.iter().map(|d| owned(d.to_string())).collect(),
                covered_until: s.covered_until.map(|d| owned(d.to_string())),
                source: s.source.map(|ix| text(&dataset.source(ix).id)),
                note: s.note.as_deref().map(text),
            }
        })
        .collect();
    let councils = councils
        .iter()
        .map(|&i| raw_council(dataset, &dataset.councils[i]))
        .collect();
    let summaries = used
        .summaries
        .iter()
        .map(|&i| {
            let s = &dataset.summaries[i];
            let levels = dataset.scheme(s.scheme).levels();
            RawSummary {
                scheme: text(&dataset.scheme(s.scheme).id),
                date: owned(s.date.to_string()),
                total: s.total,
                counts: levels
                    .iter()
                    .zip(&s.counts)
                    .filter_map(|(level, count)| count.map(|n| (text(level), n)))
                    .collect(),
                shares: levels
                    .iter()
                    .zip(&s.shares)
                    .filter_map(|(level, share)| share.map(|p| (text(level), p)))
                    .collect(),
                sets: s
                    .sets
                    .iter()
                    .map(|set| RawSet {
                        label: text(&set.label),
                        levels: set
                            .ranks
                            .iter()
                            .map(|&r| text(&levels[usize::from(r)]))
                            .collect(),
                        count: set.count,
                        share: set.share,
                    })
                    .collect(),
                unrated: s.unrated,
                source: s.source.map(|ix| text(&dataset.source(ix).id)),
                note: s.note.as_deref().map(text),
            }
        })
        .collect();
    let sources = used
        .sources
        .iter()
        .map(|&ix| {
            let s = dataset.source(ix);
            RawSource {
                id: text(&s.id),
                title: text(&s.title),
                publisher: s.publisher.as_deref().map(text),
                date: s.date.map(|d| owned(d.to_string())),
                url: s.url.as_deref().map(text),
            }
        })
        .collect();
    RawDataset {
        title: text(&dataset.title),
        description: dataset.description.as_deref().map(text),
        schemes,
        councils,
        summaries,
        sources,
    }
}

/// The record RON holds for `c`, a council of `dataset` (whose schemes and sources its
/// ratings name).
fn raw_council<'d>(dataset: &'d Dataset, c: &'d crate::data::Council) -> RawCouncil<'d> {
    RawCouncil {
        id: text(&c.id),
        name: text(&c.name),
        code: c.code.as_deref().map(text),
        aliases: texts(&c.aliases),
        region: c.region.as_deref().map(text),
        kind: c.kind.as_deref().map(text),
        neighbours: texts(&c.neighbours),
        succeeded_by: texts(&c.succeeded_by),
        ended: c.ended.map(|d| owned(d.to_string())),
        ratings: c
            .ratings
            .iter()
            .map(|r| {
                let scheme = dataset.scheme(r.scheme);
                RawRating {
                    scheme: text(&scheme.id),
                    date: owned(r.date.to_string()),
                    level: match r.grade {
                        Grade::Level(rank) => {
                            scheme.levels().get(usize::from(rank)).map(|l| text(l))
                        }
                        Grade::Value(_) | Grade::Ungraded => None,
                    },
                    value: match r.grade {
                        Grade::Value(v) => Some(v),
                        Grade::Level(_) | Grade::Ungraded => None,
                    },
                    note: r.note.as_deref().map(text),
                    source: r.source.map(|s| text(&dataset.source(s).id)),
                }
            })
            .collect(),
    }
}

/// The RON text of a dataset's records, as trajex writes every dataset: records nested
/// deeper than a council (its ratings, a scheme's levels and eras) one to a line, as a
/// person would write them, and optional fields bare (no `Some(..)`) or left out.
pub fn write(raw: &RawDataset<'_>) -> Result<String, String> {
    let mut out = pretty(raw, 4)?;
    out.push('\n');
    Ok(out)
}

/// `value` as trajex writes RON, with records nested deeper than `depth` on one line.
fn pretty(value: &impl serde::Serialize, depth: usize) -> Result<String, String> {
    let pretty = PrettyConfig::new()
        .struct_names(true)
        .depth_limit(depth)
        .extensions(Extensions::IMPLICIT_SOME);
    // Implicit `Some` is on by default when trajex reads a dataset, so the file needs
    // no `#![enable(implicit_some)]` line.
    let options = ::ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    let out = options
        .to_string_pretty(value, pretty)
        .map_err(|e| e.to_string())?;
    Ok(plain_apostrophes(&out))
}

/// Writes the dataset `frame` (all its schemes and sources; no summaries) with
/// `councils` in place of its own, a council at a time, exactly as [`write`] would lay
/// the whole out: so a dataset too large to hold can be written. Returns how many
/// councils and ratings went out.
pub fn write_streamed(
    frame: &Dataset,
    councils: impl Iterator<Item = crate::data::Council>,
    out: &mut dyn std::io::Write,
) -> Result<(usize, usize), String> {
    let io = |e: std::io::Error| e.to_string();
    let empty = write(&raw(frame, &Selection::whole(frame), &[]))?;
    // Depth 1 is the dataset, 2 its list of councils: each council's place.
    const PLACE: &str = "\n    councils: [],\n";
    let (head, tail) = empty
        .split_once(PLACE)
        .ok_or("the dataset's frame has no empty list of councils")?;
    write!(out, "{head}\n    councils: [").map_err(io)?;
    let (mut count, mut ratings) = (0, 0);
    for council in councils {
        // A council alone is at depth 1: its ratings, at depth 2, one to a line, as
        // in the whole file; indented to its place.
        for line in pretty(&raw_council(frame, &council), 2)?.lines() {
            write!(out, "\n        {line}").map_err(io)?;
        }
        write!(out, ",").map_err(io)?;
        count += 1;
        ratings += council.ratings.len();
    }
    write!(out, "\n    ],\n{tail}").map_err(io)?;
    Ok((count, ratings))
}

/// RON's serializer writes `'` as `\'` inside strings ("Children\'s services"), which is
/// valid but reads badly; a bare `'` means the same in a double-quoted string. Every `\`
/// in the output starts an escape inside a string, so escapes are walked in pairs.
fn plain_apostrophes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\'') => out.push('\''),
            Some(escaped) => {
                out.push('\\');
                out.push(escaped);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::parse;
    use crate::export::fixture;

    fn round_trip(councils: &[usize]) -> (String, Dataset) {
        let text = String::from_utf8(render(&fixture::dataset(), councils).unwrap()).unwrap();
        match parse(&text, "export.ron") {
            Ok(loaded) => (text, loaded.dataset),
            Err(e) => panic!("the export does not load:\n{e}\n\n{text}"),
        }
    }

    /// Every rating as a user reads it: council, scheme, date, grade, note, source.
    fn ratings(dataset: &Dataset) -> Vec<String> {
        dataset
            .councils
            .iter()
            .flat_map(|c| {
                c.ratings.iter().map(move |r| {
                    let scheme = dataset.scheme(r.scheme);
                    format!(
                        "{} {} {} {} {:?} {:?}",
                        c.id,
                        scheme.id,
                        r.date,
                        scheme.describe(r.grade),
                        r.note,
                        r.source.map(|s| &dataset.source(s).id)
                    )
                })
            })
            .collect()
    }

    #[test]
    fn an_export_loads_back_with_the_same_ratings() {
        let original = fixture::dataset();
        let (_, back) = round_trip(&[0, 1]);
        assert_eq!(ratings(&back), ratings(&original));
        assert_eq!(back.title, "Test councils");
    }

    #[test]
    fn a_one_council_export_takes_only_the_schemes_summaries_and_sources_it_needs() {
        let (text, back) = round_trip(&[1]);
        let schemes: Vec<&str> = back.schemes.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(schemes, ["ofsted-cs"]);
        assert!(
            back.sources.is_empty() && back.summaries.is_empty(),
            "{text}"
        );
        let (_, back) = round_trip(&[0]);
        let schemes: Vec<&str> = back.schemes.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            schemes,
            [
                "csci-stars",
                "ofsted-cs",
                "ofsted-cs-care-leavers",
                "caseload"
            ]
        );
        assert_eq!(back.summaries.len(), 1);
        assert_eq!(back.summaries[0].counts[3], Some(20));
        let sources: Vec<&str> = back.sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(sources, ["cc-2004", "ofsted-2017", "ofsted-2019"]);
        assert_eq!(back.councils[0].neighbours, ["newham"]);
    }

    #[test]
    fn apostrophes_are_written_plainly_and_other_escapes_kept() {
        let (text, back) = round_trip(&[0]);
        assert!(
            text.contains("name: \"Children's services: overall effectiveness\""),
            "{text}"
        );
        assert!(!text.contains("\\'"), "{text}");
        assert!(text.contains(r#"note: "=HYPERLINK(\"x\")""#), "{text}");
        assert_eq!(
            back.schemes[1].name,
            "Children's services: overall effectiveness"
        );
        assert_eq!(plain_apostrophes(r#"a\\'b\'c\"d"#), r#"a\\'b'c\"d"#);
    }

    #[test]
    fn optional_fields_are_written_bare_and_left_out_when_empty() {
        let (text, _) = round_trip(&[1]);
        assert!(text.starts_with("Dataset("), "{text}");
        assert!(!text.contains("Some("), "{text}");
        assert!(!text.contains("code:"), "{text}");
        assert!(text.contains("region: \"London\""), "{text}");
        assert!(
            text.contains("Rating(scheme: \"ofsted-cs\", date: \"2019\", level: \"Requires improvement to be good\")"),
            "{text}"
        );
    }
}
