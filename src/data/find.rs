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
    fold_each(text, |c, _| out.push(c));
    out
}

/// [`fold`], one character at a time, each with the index of the character of `text`
/// it came from (`None` for a space put between words).
fn fold_each(text: &str, mut emit: impl FnMut(char, Option<usize>)) {
    let mut gap = false;
    let mut started = false;
    let mut push = |c: char, from: usize| {
        if c.is_alphanumeric() {
            if gap && started {
                emit(' ', None);
            }
            gap = false;
            started = true;
            emit(c, Some(from));
        } else {
            gap = true;
        }
    };
    for (at, c) in text.chars().enumerate() {
        if c == '&' {
            for a in " and ".chars() {
                push(a, at);
            }
        } else if c.is_ascii() {
            push(c.to_ascii_lowercase(), at);
        } else {
            for l in c.to_lowercase() {
                push(l, at);
            }
        }
    }
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

/// A live filter query folded as council names are: lowercase words, `&` read as
/// `and`, punctuation dropped, so "St. Helens" and "st helens" are one query.
pub fn filter_key(query: &str) -> String {
    fold(query)
}

/// Words of council names that people write both short and long: a name holding one
/// is also matched with the other, so `saint helens` finds St. Helens and `st albans`
/// would find a Saint Albans.
const ABBREVIATIONS: &[(&str, &str)] = &[("st", "saint")];

/// One form in which the live filter matches a name: the folded text, and for each of
/// its characters the character of the name it came from (`None` for a space between
/// words, or a letter an abbreviation adds).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilterForm {
    pub text: String,
    pub from: Vec<Option<usize>>,
}

/// The forms in which the live filter matches `name`: folded (see [`filter_key`]),
/// then, when it holds a word of `ABBREVIATIONS`, the same with every such word
/// swapped for its other form ("St. Helens": `st helens`, `saint helens`).
pub fn filter_forms(name: &str) -> Vec<FilterForm> {
    let mut folded = FilterForm {
        text: String::with_capacity(name.len()),
        from: Vec::with_capacity(name.len()),
    };
    fold_each(name, |c, from| {
        folded.text.push(c);
        folded.from.push(from);
    });
    let swap = |word: &str| {
        ABBREVIATIONS.iter().find_map(|&(short, long)| {
            (word == short)
                .then_some(long)
                .or((word == long).then_some(short))
        })
    };
    if !folded.text.split(' ').any(|w| swap(w).is_some()) {
        return vec![folded];
    }
    let mut swapped = FilterForm {
        text: String::with_capacity(folded.text.len() + 8),
        from: Vec::with_capacity(folded.from.len() + 8),
    };
    let mut at = 0;
    for (n, word) in folded.text.split(' ').enumerate() {
        let len = word.chars().count();
        if n > 0 {
            swapped.text.push(' ');
            swapped.from.push(None);
            at += 1;
        }
        let from = &folded.from[at..at + len];
        match swap(word) {
            Some(other) => {
                // The other form's letters that spell the word, in order, keep
                // their place in the name (s and t of "saint" for "St").
                let mut left = word.chars().zip(from).peekable();
                for c in other.chars() {
                    let source = match left.peek() {
                        Some(&(w, &source)) if w == c => {
                            left.next();
                            source
                        }
                        _ => None,
                    };
                    swapped.text.push(c);
                    swapped.from.push(source);
                }
            }
            None => {
                swapped.text.push_str(word);
                swapped.from.extend_from_slice(from);
            }
        }
        at += len;
    }
    vec![folded, swapped]
}

/// Every name the live filter matches `council` by, each in all its
/// [`filter_forms`], without repeats: name, aliases and ONS code. (Not the id: it is
/// the name written as a slug, and matching it too would cost every keystroke a third
/// more work for nothing the name does not find.)
pub fn filter_names(council: &Council) -> Vec<String> {
    let mut text = String::new();
    let mut ends = Vec::new();
    filter_names_into(council, &mut text, &mut ends);
    let mut start = 0;
    ends.iter()
        .map(|&end| {
            let name = text[start..end].to_owned();
            start = end;
            name
        })
        .collect()
}

/// [`filter_names`] written one after another into `text`, with where each ends in
/// `ends` (both cleared first), so the index can read every council through the same
/// two buffers.
pub fn filter_names_into(council: &Council, text: &mut String, ends: &mut Vec<usize>) {
    text.clear();
    ends.clear();
    let names = std::iter::once(&council.name)
        .chain(&council.aliases)
        .chain(&council.code);
    for name in names {
        let start = text.len();
        fold_each(name, |c, _| text.push(c));
        let folded = start..text.len();
        let abbreviated = text[folded.clone()]
            .split(' ')
            .any(|word| ABBREVIATIONS.iter().any(|&(s, l)| word == s || word == l));
        keep_if_new(text, ends, start);
        if abbreviated {
            // Rare: the other form, by the way that also maps it back to the name.
            if let Some(other) = filter_forms(name).pop() {
                let start = text.len();
                text.push_str(&other.text);
                keep_if_new(text, ends, start);
            }
        }
    }
}

/// Keeps the name `text[start..]` as one more of `ends`, unless it is empty or one
/// already kept.
fn keep_if_new(text: &mut String, ends: &mut Vec<usize>, start: usize) {
    let name = &text[start..];
    let mut from = 0;
    let seen = ends.iter().any(|&end| {
        let old = &text[from..end];
        from = end;
        old == name
    });
    if seen || name.is_empty() {
        text.truncate(start);
    } else {
        ends.push(text.len());
    }
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
    fn filter_forms_write_abbreviations_both_ways_and_point_back_into_the_name() {
        let forms = filter_forms("St. Helens");
        let texts: Vec<&str> = forms.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["st helens", "saint helens"]);
        // "saint": s and t are the name's S and t; a, i, n were added.
        assert_eq!(
            forms[1].from,
            [
                Some(0),
                None,
                None,
                None,
                Some(1),
                None,
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                Some(9)
            ]
        );
        let forms = filter_forms("Saint-Martin & Môn");
        let texts: Vec<&str> = forms.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["saint martin and môn", "st martin and môn"]);
        // The three letters of "and" all come from the `&`; "môn" from "Môn".
        let and = &forms[0].from[13..16];
        assert_eq!(and, [Some(13); 3]);
        assert_eq!(&forms[0].from[17..], [Some(15), Some(16), Some(17)]);
        // Words that merely hold an abbreviation are left alone.
        assert_eq!(filter_forms("Stockport").len(), 1);
        assert_eq!(filter_forms("").len(), 1);
    }

    #[test]
    fn filter_names_are_every_name_once() {
        let d = data();
        assert_eq!(
            filter_names(&d.councils[1]),
            ["hammersmith and fulham", "e09000013"]
        );
        assert_eq!(
            filter_names(&d.councils[2]),
            ["bristol", "bristol city of", "e06000023"]
        );
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
