//! Finding a council from what a user typed: an id, an ONS code, a name or an alias,
//! exactly, else by the one fuzzy matcher the explorer's `/` filter and every command
//! that takes a COUNCIL share ([`pattern`], [`best_score`], [`ranked`]).

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

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

/// The one council `query` names: an exact (case-insensitive, punctuation-blind) id,
/// code, name or alias; else the best match of the explorer's fuzzy filter ([`ranked`]:
/// every word of the query, in any order, its letters in order, in one of a council's
/// names), unless several councils share the best score (ambiguous: they are listed).
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
        let found = ranked(dataset, query);
        let best = found.first().map(|&(_, score)| score);
        let tied: Vec<usize> = found
            .into_iter()
            .take_while(|&(_, score)| Some(score) == best)
            .map(|(i, _)| i)
            .collect();
        // As fzf breaks ties, the shorter name wins (`bham`: Birmingham, not
        // Buckinghamshire), but only when clearly shorter, every other a quarter
        // longer at least: `kingston` stays a question (upon Hull or upon Thames).
        let length = |i: &usize| dataset.councils[*i].name.chars().count();
        let mut by_length = tied.clone();
        by_length.sort_by_key(length);
        match by_length.as_slice() {
            [first, second, ..] if length(second) * 4 >= length(first) * 5 => vec![*first],
            _ => tied,
        }
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

/// The councils of several words typed unquoted on a command line
/// (`export tower hamlets newham`): from the first word on, the longest run of words
/// that [`find_council`] finds one council by, then the same from the word after it.
/// A word that starts no such run is an error about the words from it to the end
/// (what the user most likely meant as one name), or about that word alone when the
/// words after it name councils of their own. Each council is given once, in the
/// order named.
pub fn find_councils(dataset: &Dataset, words: &[String]) -> Result<Vec<usize>, FindError> {
    let mut found: Vec<usize> = Vec::new();
    let mut start = 0;
    while start < words.len() {
        let hit = (start + 1..=words.len()).rev().find_map(|end| {
            Some((
                end,
                find_council(dataset, &words[start..end].join(" ")).ok()?,
            ))
        });
        match hit {
            Some((end, council)) => {
                if !found.contains(&council) {
                    found.push(council);
                }
                start = end;
            }
            None => {
                let alone =
                    start + 1 < words.len() && find_councils(dataset, &words[start + 1..]).is_ok();
                let end = if alone { start + 1 } else { words.len() };
                return Err(match find_council(dataset, &words[start..end].join(" ")) {
                    Err(e) => e,
                    // Not so: no run from `start` found one council.
                    Ok(_) => FindError::NotFound {
                        query: words[start..end].join(" "),
                        candidates: Vec::new(),
                    },
                });
            }
        }
    }
    Ok(found)
}

/// The matcher's reading of a query folded by [`filter_key`]: one fuzzy atom per word
/// (its letters in order, gaps allowed: `bham` finds Birmingham), case ignored, accents
/// read as plain letters. The explorer's filter and the command line both read a query
/// this way.
pub fn pattern(key: &str) -> Pattern {
    Pattern::new(
        key,
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Fuzzy,
    )
}

/// The best score `pattern` gets against any of `names` (a council's
/// [`filter_names`], as the matcher reads them): every word of the query must match
/// the same name, in any order. `None` when no name holds them all.
pub fn best_score<'a>(
    names: impl IntoIterator<Item = Utf32Str<'a>>,
    pattern: &Pattern,
    matcher: &mut Matcher,
) -> Option<u32> {
    names
        .into_iter()
        .filter_map(|name| pattern.score(name, matcher))
        .max()
}

/// The ASCII letters and digits in `text`, one bit each: a query needing a letter a
/// name lacks cannot match it, which is cheaper to know than to match.
pub fn letters(text: &str) -> u64 {
    text.bytes().fold(0, |set, b| match b {
        b'a'..=b'z' => set | 1 << (b - b'a'),
        b'A'..=b'Z' => set | 1 << (b - b'A'),
        b'0'..=b'9' => set | 1 << (26 + b - b'0'),
        _ => set,
    })
}

/// Every council the fuzzy filter finds for `query`, with its score, best first,
/// equal scores in name order (case-insensitive), as the explorer's list shows them
/// (`app::index` gives the same order from its precomputed index). The empty query
/// finds none.
pub fn ranked(dataset: &Dataset, query: &str) -> Vec<(usize, u32)> {
    let key = filter_key(query);
    let pattern = pattern(&key);
    if pattern.atoms.is_empty() {
        return Vec::new();
    }
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut found: Vec<(u32, String, usize)> = dataset
        .councils
        .iter()
        .enumerate()
        .filter_map(|(i, council)| {
            let names = filter_names(council);
            let wide: Vec<Vec<char>> = names.iter().map(|n| n.chars().collect()).collect();
            let haystacks = names.iter().zip(&wide).map(|(name, chars)| {
                if name.is_ascii() {
                    Utf32Str::Ascii(name.as_bytes())
                } else {
                    Utf32Str::Unicode(chars)
                }
            });
            let score = best_score(haystacks, &pattern, &mut matcher)?;
            Some((u32::MAX - score, council.name.to_lowercase(), i))
        })
        .collect();
    found.sort();
    found
        .into_iter()
        .map(|(score, _, i)| (i, u32::MAX - score))
        .collect()
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
            "\"north\" matches several councils: North Somerset (north-somerset), North Tyneside (north-tyneside); use one of their ids"
        );
    }

    #[test]
    fn an_unknown_name_suggests_the_nearest() {
        let err = find_council(&data(), "Tower Hamletz").unwrap_err();
        assert_eq!(
            err.to_string(),
            "no council matches \"Tower Hamletz\"; did you mean Tower Hamlets (tower-hamlets)?"
        );
    }

    #[test]
    fn the_fuzzy_filter_finds_what_no_name_holds_whole() {
        let d = data();
        assert_eq!(find_council(&d, "hamlets tower"), Ok(0));
        assert_eq!(find_council(&d, "Towr Hamlets"), Ok(0));
        assert_eq!(find_council(&d, "city of bristol"), Ok(2));
        assert_eq!(find_council(&d, "ham ful"), Ok(1));
    }

    #[test]
    fn words_unquoted_name_the_longest_runs_they_can() {
        let d = data();
        let words = |w: &str| w.split(' ').map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(find_councils(&d, &words("tower hamlets")), Ok(vec![0]));
        assert_eq!(
            find_councils(&d, &words("city of bristol tower hamlets bristol")),
            Ok(vec![2, 0])
        );
        assert_eq!(
            find_councils(&d, &words("north tyneside north somerset")),
            Ok(vec![3, 4])
        );
        // A word that names nothing is the error, the rest being councils.
        let err = find_councils(&d, &words("bristol zzz tower")).unwrap_err();
        assert_eq!(err.to_string(), "no council matches \"zzz\"");
        let err = find_councils(&d, &words("bristol north")).unwrap_err();
        assert!(
            err.to_string().starts_with("\"north\" matches several"),
            "{err}"
        );
    }
}
