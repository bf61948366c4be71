//! Finding a council from what a user typed: an id, an ONS code, a name or an alias.

use super::model::{Council, Dataset};

/// Why a council could not be picked.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FindError {
    #[error("no council matches \"{query}\"{}", suggest(candidates))]
    NotFound {
        query: String,
        candidates: Vec<String>,
    },
    #[error("\"{query}\" matches several councils: {}; use one of their ids", candidates.join(", "))]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
}

fn suggest(candidates: &[String]) -> String {
    if candidates.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", candidates.join(", "))
    }
}

/// Lowercase words separated by single spaces, `&` read as `and`, everything that is
/// not a letter or digit a word break: "Hammersmith & Fulham" → "hammersmith and fulham".
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    let mut push = |out: &mut String, c: char| {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    };
    for c in text.chars() {
        if c == '&' {
            for a in " and ".chars() {
                push(&mut out, a);
            }
        } else if c.is_ascii() {
            push(&mut out, c.to_ascii_lowercase());
        } else {
            for l in c.to_lowercase() {
                push(&mut out, l);
            }
        }
    }
    out
}

/// Every name a council goes by, folded for comparison.
fn names(council: &Council) -> impl Iterator<Item = String> + '_ {
    [
        Some(&council.id),
        Some(&council.name),
        council.code.as_ref(),
    ]
    .into_iter()
    .flatten()
    .chain(&council.aliases)
    .map(|n| fold(n))
}

/// The one council `query` names: an exact (case-insensitive) id, code, name or alias,
/// else the only council whose names contain it.
pub fn find_council(dataset: &Dataset, query: &str) -> Result<usize, FindError> {
    let q = fold(query);
    let label = |i: &usize| {
        format!(
            "{} ({})",
            dataset.councils[*i].name, dataset.councils[*i].id
        )
    };
    let exact: Vec<usize> = (0..dataset.councils.len())
        .filter(|&i| names(&dataset.councils[i]).any(|n| n == q))
        .collect();
    let matches = if exact.is_empty() && !q.is_empty() {
        (0..dataset.councils.len())
            .filter(|&i| names(&dataset.councils[i]).any(|n| n.contains(&q)))
            .collect()
    } else {
        exact
    };
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(FindError::NotFound {
            query: query.to_owned(),
            candidates: nearest(dataset, &q),
        }),
        many => Err(FindError::Ambiguous {
            query: query.to_owned(),
            candidates: many.iter().take(8).map(label).collect(),
        }),
    }
}

/// Up to three councils whose names are closest to `q` by edit distance.
fn nearest(dataset: &Dataset, q: &str) -> Vec<String> {
    let mut scored: Vec<(f64, &Council)> = dataset
        .councils
        .iter()
        .map(|c| {
            (
                names(c)
                    .map(|n| strsim::jaro_winkler(&n, q))
                    .fold(0.0, f64::max),
                c,
            )
        })
        .filter(|(score, _)| *score > 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored
        .into_iter()
        .take(3)
        .map(|(_, c)| format!("{} ({})", c.name, c.id))
        .collect()
}

/// Whether `council` matches a live filter query (every word somewhere in its names).
pub fn matches_filter(council: &Council, query: &str) -> bool {
    let q = fold(query);
    q.is_empty() || names(council).any(|n| n.contains(&q))
}

/// A live filter query folded as council names are: lowercase words, `&` read as
/// `and`, punctuation dropped. [`matches_filter`] is `haystack(c).contains(&filter_key(q))`.
pub fn filter_key(query: &str) -> String {
    fold(query)
}

/// Every name of `council`, folded, one per line: a folded query never holds a line
/// break, so it is found in this text exactly when it is found in one of the names.
pub fn haystack(council: &Council) -> String {
    names(council).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::Council;

    fn data() -> Dataset {
        let council = |id: &str, name: &str, code: &str, aliases: &[&str]| Council {
            id: id.into(),
            name: name.into(),
            code: Some(code.into()),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            ..Council::default()
        };
        Dataset {
            councils: vec![
                council("tower-hamlets", "Tower Hamlets", "E09000030", &[]),
                council(
                    "hammersmith-and-fulham",
                    "Hammersmith and Fulham",
                    "E09000013",
                    &["Hammersmith & Fulham"],
                ),
                council("bristol", "Bristol", "E06000023", &["Bristol, City of"]),
                council("north-tyneside", "North Tyneside", "E08000022", &[]),
                council("north-somerset", "North Somerset", "E06000024", &[]),
            ],
            ..Dataset::default()
        }
    }

    #[test]
    fn matches_id_code_name_and_alias_case_insensitively() {
        let d = data();
        assert_eq!(find_council(&d, "tower-hamlets"), Ok(0));
        assert_eq!(find_council(&d, "TOWER HAMLETS"), Ok(0));
        assert_eq!(find_council(&d, "e09000030"), Ok(0));
        assert_eq!(find_council(&d, "Hammersmith & Fulham"), Ok(1));
        assert_eq!(find_council(&d, "bristol, city of"), Ok(2));
        assert_eq!(find_council(&d, "tower"), Ok(0));
    }

    #[test]
    fn folding_keeps_words_drops_punctuation_and_reads_ampersands() {
        assert_eq!(fold("Hammersmith & Fulham"), "hammersmith and fulham");
        assert_eq!(fold("  Bristol, City of  "), "bristol city of");
        assert_eq!(fold("A&B"), "a and b");
        assert_eq!(fold("Ynys Môn"), "ynys môn");
        assert_eq!(fold("--"), "");
        // The same as lowercasing everything, then splitting on what is not a letter
        // or digit (so İ's combining dot breaks a word, as it always did).
        let reference = |text: &str| {
            text.chars()
                .map(|c| {
                    if c == '&' {
                        " and ".to_owned()
                    } else {
                        c.to_lowercase().collect()
                    }
                })
                .collect::<String>()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        for text in [
            "İSTANBUL",
            "Ærø&Å",
            "St. Helens",
            "ÉCOLE  d'été",
            "x&&y",
            "Σίσυφος",
            "E09000030",
        ] {
            assert_eq!(fold(text), reference(text), "{text}");
        }
    }

    #[test]
    fn the_haystack_finds_what_the_filter_finds() {
        let d = data();
        for query in [
            "tower",
            "TOW",
            "hammersmith & f",
            "and ful",
            "city of",
            "e0900",
            "h n",
            "",
            "x",
        ] {
            for c in &d.councils {
                let q = filter_key(query);
                assert_eq!(
                    q.is_empty() || haystack(c).contains(&q),
                    matches_filter(c, query),
                    "{query} on {}",
                    c.id
                );
            }
        }
    }

    #[test]
    fn an_ambiguous_name_lists_the_candidates() {
        let err = find_council(&data(), "north").unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"north\" matches several councils: North Tyneside (north-tyneside), North Somerset (north-somerset); use one of their ids"
        );
    }

    #[test]
    fn an_unknown_name_suggests_the_nearest() {
        let err = find_council(&data(), "Towr Hamlets").unwrap_err();
        assert_eq!(
            err.to_string(),
            "no council matches \"Towr Hamlets\"; did you mean Tower Hamlets (tower-hamlets)?"
        );
    }
}
