//! The questions people ask: transitions, league tables, trajectories, regions.

use super::*;

//
// Expected figures are worked out here from the dataset's ratings with rules written
// out plainly (a rating holds until the council's next one; no rating holds for a
// council that had not begun or had ended), never by calling the code under test.

/// The embedded dataset, parsed: the tests read its ratings, not trajex's figures.
pub(super) fn embedded() -> trajex::data::Dataset {
    trajex::data::load::parse(trajex::data::EMBEDDED, "<embedded>")
        .expect("the embedded set loads")
        .dataset
}

/// (year, month, day) of a date as the dataset writes it, a missing part as 1.
pub(super) fn ymd(date: &trajex::data::Date) -> (i32, i32, i32) {
    let text = date.to_string();
    let mut parts = text.split('-').map(|p| p.parse::<i32>().expect("a number"));
    let y = parts.next().expect("a year");
    (y, parts.next().unwrap_or(1), parts.next().unwrap_or(1))
}

/// Complete calendar months from `a` to `b`.
pub(super) fn months(a: &trajex::data::Date, b: &trajex::data::Date) -> i32 {
    let ((y1, m1, d1), (y2, m2, d2)) = (ymd(a), ymd(b));
    (y2 - y1) * 12 + (m2 - m1) - i32::from(d2 < d1)
}

/// The median of `values`, the mean of the middle two for an even count, as trajex
/// prints a figure (one decimal at most, no trailing `.0`).
pub(super) fn median(values: &mut [i32]) -> String {
    values.sort_unstable();
    let n = values.len();
    let m = if n % 2 == 1 {
        f64::from(values[n / 2])
    } else {
        f64::from(values[n / 2 - 1] + values[n / 2]) / 2.0
    };
    if m.fract() == 0.0 {
        format!("{m:.0}")
    } else {
        format!("{m:.1}")
    }
}

/// A share as trajex's tables write it: a percentage to one decimal, no trailing `.0`.
pub(super) fn share(n: usize, of: usize) -> String {
    let x = (n as f64 * 1000.0 / of as f64).round() / 10.0;
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

/// The rows of a CSV (header first), each cell as text.
pub(super) fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a CSV row").iter().map(str::to_owned).collect())
        .collect()
}

/// The level of each council's Ofsted rating in force on `day` (the latest rating on
/// or before it, if graded), for the councils that existed then; `None` for a council
/// that existed with no grade in force.
pub(super) fn ofsted_in_force(
    data: &trajex::data::Dataset,
    day: trajex::data::Date,
) -> Vec<(String, Option<String>)> {
    use trajex::data::Grade;
    let scheme = data.scheme_by_id("ofsted-cs").unwrap();
    let levels = data.scheme(scheme).levels();
    data.councils
        .iter()
        .filter(|c| c.started.is_none_or(|s| s <= day) && c.ended.is_none_or(|e| day < e))
        .map(|c| {
            let latest = c
                .ratings
                .iter()
                .filter(|r| r.scheme == scheme && r.date <= day)
                .max_by_key(|r| r.date);
            let level = latest.and_then(|r| match r.grade {
                Grade::Level(rank) => Some(levels[usize::from(rank)].clone()),
                _ => None,
            });
            (c.id.clone(), level)
        })
        .collect()
}

pub(super) const OFSTED_LEVELS: [&str; 4] = [
    "Outstanding",
    "Good",
    "Requires improvement to be good",
    "Inadequate",
];

#[test]
fn transitions_of_ofsted_count_each_grade_against_the_councils_next_in_text_and_csv() {
    use std::collections::HashMap;
    use trajex::data::Grade;
    let data = embedded();
    let scheme = data.scheme_by_id("ofsted-cs").unwrap();
    let def = data.scheme(scheme);
    // The rules below need no rounds and no end to the scheme: check that they hold.
    assert!(def.rounds.is_empty() && def.until.is_none() && def.parent.is_none());
    let levels = def.levels();
    // (from, to) -> months of each pair of grades; and the ratings no grade followed,
    // by `to`: "" still in force, "(no grade followed)" cut short.
    let mut pairs: HashMap<(String, String), Vec<i32>> = HashMap::new();
    let mut no_next: HashMap<(String, String), usize> = HashMap::new();
    let mut graded = 0;
    for council in &data.councils {
        let mut ratings: Vec<_> = council
            .ratings
            .iter()
            .filter(|r| r.scheme == scheme)
            .collect();
        ratings.sort_by_key(|r| r.date);
        for (i, rating) in ratings.iter().enumerate() {
            let Grade::Level(from) = rating.grade else {
                continue;
            };
            graded += 1;
            let from = levels[usize::from(from)].clone();
            // The next rating, if graded, follows; an ungraded one or the council's
            // end cuts this one short; else it is still in force.
            let to = match (ratings.get(i + 1), council.ended) {
                (Some(next), _) => match next.grade {
                    Grade::Level(to) => {
                        pairs
                            .entry((from, levels[usize::from(to)].clone()))
                            .or_default()
                            .push(months(&rating.date, &next.date));
                        continue;
                    }
                    _ => "(no grade followed)",
                },
                (None, Some(_)) => "(no grade followed)",
                (None, None) => "",
            };
            *no_next.entry((from, to.to_owned())).or_default() += 1;
        }
    }
    let expected = |from: &str, to: &str| -> usize {
        if to.is_empty() || to.starts_with('(') {
            no_next
                .get(&(from.to_owned(), to.to_owned()))
                .copied()
                .unwrap_or(0)
        } else {
            pairs
                .get(&(from.to_owned(), to.to_owned()))
                .map_or(0, Vec::len)
        }
    };
    let sandbox = Sandbox::new();
    let csv = sandbox
        .run(&["transitions", "ofsted-cs", "--format", "csv"])
        .ok()
        .stdout;
    let rows = csv_rows(&csv);
    assert_eq!(
        rows[0],
        ["from", "to", "count", "share", "median_months"],
        "{csv}"
    );
    assert_eq!(rows.len(), 1 + 4 * 6, "{csv}");
    let mut total = 0;
    for from in OFSTED_LEVELS {
        let row_total: usize = OFSTED_LEVELS
            .iter()
            .copied()
            .chain(["", "(no grade followed)"])
            .map(|to| expected(from, to))
            .sum();
        for to in OFSTED_LEVELS
            .iter()
            .copied()
            .chain(["", "(no grade followed)"])
        {
            let line = rows
                .iter()
                .find(|r| r[0] == from && r[1] == to)
                .unwrap_or_else(|| panic!("no row {from} -> {to}: {csv}"));
            let n = expected(from, to);
            assert_eq!(line[2], n.to_string(), "{from} -> {to}");
            assert_eq!(line[3], share(n, row_total), "{from} -> {to}");
            let mut gaps = pairs
                .get(&(from.to_owned(), to.to_owned()))
                .cloned()
                .unwrap_or_default();
            let want = if gaps.is_empty() {
                String::new()
            } else {
                median(&mut gaps)
            };
            assert_eq!(line[4], want, "median months {from} -> {to}");
            total += n;
        }
    }
    assert_eq!(total, graded, "every graded rating is counted once");
    assert!(
        expected("Inadequate", "Good") > 0 && expected("Good", "(no grade followed)") > 0,
        "the data has both kinds of pair"
    );

    // The text matrix carries the same counts, best first across and down.
    let text = sandbox.run(&["transitions", "ofsted-cs"]).ok().stdout;
    assert!(
        text.starts_with(
            "Children's services: overall effectiveness (Ofsted): each rating against the same council's next rating in the scheme\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(&format!("\n{graded} graded ratings of ")),
        "{text}"
    );
    let block: Vec<&str> = lines_from(&text, "Ratings", 5)[1..].to_vec();
    for (line, from) in block.iter().zip(OFSTED_LEVELS) {
        let rest = line
            .strip_prefix(&format!("  {from} "))
            .unwrap_or_else(|| panic!("{from}: {text}"));
        let numbers: Vec<usize> = rest
            .split_whitespace()
            .map(|n| n.parse().expect("a count"))
            .collect();
        let mut want: Vec<usize> = OFSTED_LEVELS
            .iter()
            .copied()
            .chain(["", "(no grade followed)"])
            .map(|to| expected(from, to))
            .collect();
        want.push(want.iter().sum());
        assert_eq!(numbers, want, "{from}: {text}");
    }
    assert!(
        text.contains("No grade followed: ")
            && text.contains("ended by a report that gave no grade"),
        "{text}"
    );
}

/// Two schemes with every way a rating can end: a council that ended, an ungraded
/// report, a scheme in rounds with a round missing, and the scheme's end.
pub(super) const TRANSITIONS: &str = r#"Dataset(
    title: "Transitions fixture",
    schemes: [
        Scheme(id: "cs", name: "Children's services", body: "Ofsted",
               scale: Ordinal(["Inadequate", "Requires improvement to be good", "Good", "Outstanding"])),
        Scheme(id: "stars", name: "Star rating", body: "CSCI", scale: Ordinal(["0 stars", "1 star", "2 stars", "3 stars"]),
               until: "2009-04", rounds: ["2002-05", "2002-11", "2003-11", "2004-11"]),
        Scheme(id: "load", name: "Caseload", body: "Council", scale: Numeric(unit: "children", better: Lower)),
        Scheme(id: "gg", name: "Two goods", body: "Council", scale: Ordinal(["Good", "Great"])),
    ],
    councils: [
        Council(id: "a", name: "A", region: "North", ratings: [
            Rating(scheme: "cs", date: "2015-03-10", level: "Inadequate"),
            Rating(scheme: "cs", date: "2017-06-01", level: "Good"),
            Rating(scheme: "cs", date: "2022-01-15", level: "Outstanding"),
            Rating(scheme: "stars", date: "2002-05", level: "1 star"),
            Rating(scheme: "stars", date: "2002-11", level: "2 stars"),
            Rating(scheme: "stars", date: "2004-11", level: "3 stars"),
        ]),
        Council(id: "b", name: "B", region: "South", ended: "2019-04", succeeded_by: ["c"], ratings: [
            Rating(scheme: "cs", date: "2014-05-01", level: "Inadequate"),
            Rating(scheme: "cs", date: "2016-05-01", level: "Requires improvement to be good"),
        ]),
        Council(id: "c", name: "C", region: "South", ratings: [
            Rating(scheme: "cs", date: "2020-02-01", level: "Inadequate"),
            Rating(scheme: "cs", date: "2026-06-01", note: "no overall grade"),
        ]),
    ],
)
"#;

#[test]
fn transitions_pair_no_grade_with_a_rating_cut_short_and_respect_dates_and_regions() {
    let sandbox = Sandbox::new();
    let pairs = |args: &[&str]| -> Vec<Vec<String>> {
        let mut all = vec!["transitions"];
        all.extend_from_slice(args);
        all.extend(["--format", "csv"]);
        let rows = csv_rows(&sandbox.run_on(TRANSITIONS, &all).ok().stdout);
        rows.into_iter().skip(1).filter(|r| r[2] != "0").collect()
    };
    let row = |from: &str, to: &str, count: &str, share: &str, median: &str| {
        [from, to, count, share, median].map(str::to_owned).to_vec()
    };
    // A: Inadequate -> Good (26 months) -> Outstanding (55), still in force. B:
    // Inadequate -> RI (24), then B ended. C: Inadequate, then an ungraded report.
    assert_eq!(
        pairs(&["cs"]),
        [
            row("Outstanding", "", "1", "100", ""),
            row("Good", "Outstanding", "1", "100", "55"),
            row(
                "Requires improvement to be good",
                "(no grade followed)",
                "1",
                "100",
                ""
            ),
            row("Inadequate", "Good", "1", "33.3", "26"),
            row(
                "Inadequate",
                "Requires improvement to be good",
                "1",
                "33.3",
                "24"
            ),
            row("Inadequate", "(no grade followed)", "1", "33.3", ""),
        ]
    );
    // 1 star (2002-05) -> 2 stars (2002-11); 2 stars is cut short by the 2003 round the
    // dataset lacks, so 2004's 3 stars does not follow it; 3 stars ends with the scheme.
    assert_eq!(
        pairs(&["stars"]),
        [
            row("3 stars", "(no grade followed)", "1", "100", ""),
            row("2 stars", "(no grade followed)", "1", "100", ""),
            row("1 star", "2 stars", "1", "100", "6"),
        ]
    );
    // Dated 2015 to 2016: A's 2015 Inadequate (its next came in 2017) and B's 2016 RI
    // (B ended in 2019): both still in force then.
    assert_eq!(
        pairs(&["cs", "--from", "2015", "--to", "2016"]),
        [
            row("Requires improvement to be good", "", "1", "100", ""),
            row("Inadequate", "", "1", "100", ""),
        ]
    );
    assert_eq!(
        pairs(&["cs", "--region", "north"]),
        [
            row("Outstanding", "", "1", "100", ""),
            row("Good", "Outstanding", "1", "100", "55"),
            row("Inadequate", "Good", "1", "100", "26"),
        ]
    );
    let text = sandbox
        .run_on(TRANSITIONS, &["transitions", "stars"])
        .ok()
        .stdout;
    assert!(
        text.contains("3 graded ratings of 1 council.")
            && text.contains("1 ended with the scheme")
            && text.contains("1 followed by a round whose result this dataset lacks"),
        "{text}"
    );
    // The same figures as JSON and Markdown.
    let json = sandbox
        .run_on(TRANSITIONS, &["transitions", "cs", "--format", "json"])
        .ok()
        .stdout;
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let good = parsed
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["from"] == "Inadequate" && r["to"] == "Good")
        .expect("Inadequate -> Good");
    assert_eq!(
        (
            good["count"].clone(),
            good["share"].clone(),
            good["median_months"].clone()
        ),
        (
            serde_json::json!(1),
            serde_json::json!(33.3),
            serde_json::json!(26)
        )
    );
    let md = sandbox
        .run_on(TRANSITIONS, &["transitions", "cs", "--format", "md"])
        .ok()
        .stdout;
    assert!(
        md.starts_with(
            "| from | to | count | share | median_months |\n| --- | --- | ---: | ---: | ---: |\n"
        ) && md.contains("| Inadequate | Good | 1 | 33.3 | 26 |"),
        "{md}"
    );
}

#[test]
fn transitions_refuse_bad_schemes_dates_regions_and_formats_in_one_sentence() {
    let sandbox = Sandbox::new();
    for (args, code, says) in [
        (
            vec!["transitions", "ofsted"],
            1,
            "no scheme has the id \"ofsted\"",
        ),
        (
            vec!["transitions", "load"],
            1,
            "transitions needs a scheme with named levels; load is numeric",
        ),
        (vec!["transitions", "cs", "--region", "Mars"], 1, "\"Mars\""),
        (
            vec!["transitions", "cs", "--from", "2019-13"],
            2,
            "--from: ",
        ),
        (
            vec!["transitions", "cs", "--from", "2020", "--to", "2019"],
            2,
            "--from 2020 is after --to 2019",
        ),
    ] {
        let run = sandbox
            .run_on(TRANSITIONS, &args)
            .fails_with(code)
            .one_sentence();
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
    let run = sandbox
        .run_on(TRANSITIONS, &["transitions", "cs", "--format", "xml"])
        .fails_with(2);
    assert!(run.stderr.contains("csv, md, json"), "{}", run.stderr);
}

#[test]
fn the_league_table_on_31_march_2024_ranks_151_councils_27_of_them_outstanding() {
    let data = embedded();
    let day = trajex::data::Date::parse("2024-03-31").unwrap();
    let in_force = ofsted_in_force(&data, day);
    let rated: Vec<&(String, Option<String>)> =
        in_force.iter().filter(|(_, l)| l.is_some()).collect();
    let at = |level: &str| {
        rated
            .iter()
            .filter(|(_, l)| l.as_deref() == Some(level))
            .count()
    };
    // The issue's figures, and the data's.
    assert_eq!((rated.len(), at("Outstanding")), (151, 27));

    let sandbox = Sandbox::new();
    let csv = sandbox
        .run(&[
            "list",
            "--scheme",
            "ofsted-cs",
            "--at",
            "2024-03-31",
            "--format",
            "csv",
        ])
        .ok()
        .stdout;
    let rows = csv_rows(&csv);
    assert_eq!(
        rows[0],
        [
            "council_id",
            "council_name",
            "region",
            "level",
            "date",
            "rank",
            "percentile",
            "known",
            "councils"
        ]
    );
    let existed = in_force.len().to_string();
    assert!(
        rows[1..].iter().all(|r| r[7] == "151" && r[8] == existed),
        "each row carries the councils rated and the councils that existed: {csv}"
    );
    let listed_rated: Vec<&Vec<String>> = rows[1..].iter().filter(|r| !r[3].is_empty()).collect();
    assert_eq!(listed_rated.len(), 151, "{csv}");
    assert_eq!(
        rows[1..].len(),
        data.councils.len(),
        "every council is listed"
    );
    // Best first: each level's councils together, in the scheme's order, first.
    let order: Vec<&str> = listed_rated.iter().map(|r| r[3].as_str()).collect();
    let mut sorted = order.clone();
    sorted.sort_by_key(|l| OFSTED_LEVELS.iter().position(|x| x == l));
    assert_eq!(order, sorted);
    assert!(
        rows[1..=151].iter().all(|r| !r[3].is_empty()),
        "the rated come before the rest"
    );
    assert_eq!(
        OFSTED_LEVELS.map(at),
        [27, 64, 44, 16],
        "the bands and percentiles below are worked out from these"
    );
    // 27/151 = 17.9% at Outstanding or better; 91/151 = 60.3% at Good or better;
    // (151 - 91)/151 = 39.7% at Requires improvement or worse; 16/151 = 10.6% Inadequate.
    let want = [
        ("joint 1st-27th of 151", "top 18%"),
        ("joint 28th-91st of 151", "top 60%"),
        ("joint 92nd-135th of 151", "bottom 40%"),
        ("joint 136th-151st of 151", "bottom 11%"),
    ];
    for (level, (rank, percentile)) in OFSTED_LEVELS.iter().zip(want) {
        let listed: Vec<&&Vec<String>> = listed_rated.iter().filter(|r| r[3] == *level).collect();
        assert_eq!(listed.len(), at(level), "{level}");
        for row in listed {
            assert_eq!(
                (row[5].as_str(), row[6].as_str()),
                (rank, percentile),
                "{level}: {row:?}"
            );
            let expected = in_force.iter().find(|(id, _)| *id == row[0]).unwrap();
            assert_eq!(expected.1.as_deref(), Some(*level), "{row:?}");
        }
    }
    // The rest say why: not yet rated, or the council had ended.
    let unrated: Vec<&Vec<String>> = rows[1..].iter().filter(|r| r[3].is_empty()).collect();
    assert!(
        unrated
            .iter()
            .all(|r| r[4] == "not yet rated" || r[4].starts_with("no rating: council ended ")),
        "{unrated:?}"
    );
    assert_eq!(
        unrated.iter().filter(|r| r[4] == "not yet rated").count(),
        in_force.len() - 151
    );

    // As text: the band and the percentile beside the level.
    let text = sandbox
        .run(&["list", "--scheme", "ofsted-cs", "--at", "2024-03-31"])
        .ok()
        .stdout;
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].contains("at 2024-03-31") && lines[0].contains("rank"),
        "{text}"
    );
    let bexley = lines.iter().find(|l| l.starts_with("Bexley ")).unwrap();
    assert!(
        bexley.contains("Outstanding") && bexley.ends_with("joint 1st-27th of 151     top 18%"),
        "{bexley}"
    );
    let inadequate = lines
        .iter()
        .find(|l| l.contains(" Inadequate "))
        .expect("an Inadequate council");
    assert!(
        inadequate.ends_with("joint 136th-151st of 151  bottom 11%"),
        "{inadequate}"
    );
    assert!(
        !text.contains("top 100%"),
        "the lowest level is never top 100%: {text}"
    );
    assert!(
        !text.contains("Ranks are among"),
        "every council that existed is rated or not yet rated: the ranks are national"
    );
}

#[test]
fn the_league_table_keeps_national_places_within_a_region_and_writes_json_and_markdown() {
    let sandbox = Sandbox::new();
    let json = sandbox
        .run(&[
            "list",
            "--scheme",
            "ofsted-cs",
            "--at",
            "2025-03",
            "--region",
            "london",
            "--format",
            "json",
        ])
        .ok()
        .stdout;
    let rows: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let rows = rows.as_array().unwrap();
    assert!(rows.iter().all(|r| r["region"] == "London"), "{json}");
    let data = embedded();
    let day = trajex::data::Date::parse("2025-03-31").unwrap();
    let in_force = ofsted_in_force(&data, day);
    let rated = in_force.iter().filter(|(_, l)| l.is_some()).count();
    let outstanding = in_force
        .iter()
        .filter(|(_, l)| l.as_deref() == Some("Outstanding"))
        .count();
    let th = rows
        .iter()
        .find(|r| r["council_id"] == "tower-hamlets")
        .expect("Tower Hamlets");
    assert_eq!(th["level"], "Outstanding");
    assert_eq!(th["date"], "2025-01-13");
    let rank = format!(
        "joint 1st-{} of {rated}",
        trajex::data::league::ordinal(outstanding as u32)
    );
    assert_eq!(th["rank"], rank.as_str());
    let top = (outstanding as f64 * 100.0 / rated as f64).round();
    let percentile = format!("top {top}%");
    assert_eq!(
        th["percentile"],
        percentile.as_str(),
        "among every council rated in England, not only London's"
    );
    assert_eq!(th["known"], rated);
    assert_eq!(th["councils"], in_force.len());
    let md = sandbox
        .run(&[
            "list",
            "--scheme",
            "ofsted-cs",
            "--at",
            "2025-03",
            "--region",
            "london",
            "--format",
            "md",
        ])
        .ok()
        .stdout;
    assert!(
        md.starts_with(
            "| council_id | council_name | region | level | date | rank | percentile | known | councils |\n"
        ),
        "{md}"
    );
    assert!(
        md.contains(&format!(
            "| tower-hamlets | Tower Hamlets | London | Outstanding | 2025-01-13 | {rank} | {percentile} | {rated} | {} |",
            in_force.len()
        )),
        "{md}"
    );
}

#[test]
fn went_inadequate_outstanding_lists_exactly_the_councils_that_made_that_path() {
    use trajex::data::Grade;
    let data = embedded();
    let scheme = data.scheme_by_id("ofsted-cs").unwrap();
    let levels = data.scheme(scheme).levels();
    // Each council's graded Ofsted ratings, oldest first, as (level, date).
    let path_of = |c: &trajex::data::Council| -> Vec<(String, trajex::data::Date)> {
        let mut graded: Vec<(String, trajex::data::Date)> = c
            .ratings
            .iter()
            .filter(|r| r.scheme == scheme)
            .filter_map(|r| match r.grade {
                Grade::Level(rank) => Some((levels[usize::from(rank)].clone(), r.date)),
                _ => None,
            })
            .collect();
        graded.sort_by_key(|g| g.1);
        graded
    };
    // Inadequate at some rating, Outstanding at a later one; the shortest such span.
    let shortest = |c: &trajex::data::Council| -> Option<i32> {
        let graded = path_of(c);
        let mut best: Option<i32> = None;
        for (i, (a, from)) in graded.iter().enumerate() {
            for (b, to) in &graded[i + 1..] {
                if a == "Inadequate" && b == "Outstanding" {
                    let m = months(from, to);
                    best = Some(best.map_or(m, |x: i32| x.min(m)));
                }
            }
        }
        best
    };
    let expected: Vec<(String, i32)> = data
        .councils
        .iter()
        .filter_map(|c| shortest(c).map(|m| (c.id.clone(), m)))
        .collect();
    assert!(
        expected.iter().any(|(id, _)| id == "tower-hamlets"),
        "{expected:?}"
    );

    let sandbox = Sandbox::new();
    let run = |went: &str, within: Option<&str>| -> Vec<Vec<String>> {
        let mut args = vec![
            "list",
            "--scheme",
            "ofsted-cs",
            "--went",
            went,
            "--format",
            "csv",
        ];
        if let Some(m) = within {
            args.extend(["--within", m]);
        }
        csv_rows(&sandbox.run(&args).ok().stdout)
    };
    let rows = run("inadequate,outstanding", None);
    assert_eq!(
        rows[0],
        [
            "council_id",
            "council_name",
            "region",
            "Inadequate",
            "Outstanding",
            "months"
        ]
    );
    let listed: Vec<(String, i32)> = rows[1..]
        .iter()
        .map(|r| (r[0].clone(), r[5].parse().expect("months")))
        .collect();
    assert_eq!(listed, expected);
    // Each step's date is a rating of that council at that level, in order.
    for row in &rows[1..] {
        let c = &data.councils[data.council_by_id(&row[0]).unwrap()];
        let graded = path_of(c);
        let date_of = |level: &str, text: &str| {
            graded
                .iter()
                .find(|(l, d)| l == level && d.to_string() == text)
                .map(|g| g.1)
                .unwrap_or_else(|| panic!("{row:?}"))
        };
        let (from, to) = (
            date_of("Inadequate", &row[3]),
            date_of("Outstanding", &row[4]),
        );
        assert!(from < to, "{row:?}");
        assert_eq!(months(&from, &to).to_string(), row[5], "{row:?}");
    }
    let th = rows.iter().find(|r| r[0] == "tower-hamlets").unwrap();
    assert_eq!(
        (th[3].as_str(), th[4].as_str()),
        ("2017-04-07", "2025-01-13")
    );

    // Any case, or an unambiguous start of each name, gives the same councils.
    assert_eq!(run("INAD,out", None), rows);
    // --within keeps those that made the path in that many months: by the calendar,
    // the last date no later than the first plus that many months.
    let within: Vec<String> = run("inadequate,outstanding", Some("48"))[1..]
        .iter()
        .map(|r| r[0].clone())
        .collect();
    let want: Vec<String> = rows[1..]
        .iter()
        .filter(|r| {
            let (y1, m1, d1) = {
                let mut p = r[3].split('-').map(|x| x.parse::<i32>().unwrap());
                (p.next().unwrap(), p.next().unwrap(), p.next().unwrap())
            };
            let (y2, m2, d2) = {
                let mut p = r[4].split('-').map(|x| x.parse::<i32>().unwrap());
                (p.next().unwrap(), p.next().unwrap(), p.next().unwrap())
            };
            (y2, m2, d2) <= (y1 + 4, m1, d1)
        })
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(within, want);
    assert!(!want.is_empty() && want.len() < rows.len() - 1, "{want:?}");

    // As text: one column per step, headed by the level.
    let text = sandbox
        .run(&[
            "list",
            "--scheme",
            "ofsted-cs",
            "--went",
            "inadequate,outstanding",
        ])
        .ok()
        .stdout;
    let header = text.lines().next().unwrap();
    assert!(
        header.contains("Inadequate")
            && header.contains("Outstanding")
            && header.ends_with("months"),
        "{text}"
    );
    let line = text
        .lines()
        .find(|l| l.starts_with("Tower Hamlets "))
        .unwrap();
    assert!(line.contains("2017-04-07  2025-01-13"), "{line}");
}

#[test]
fn went_names_the_levels_when_one_is_unknown_or_ambiguous() {
    let sandbox = Sandbox::new();
    for (args, code, says) in [
        (
            vec!["list", "--scheme", "cs", "--went", "inadequate,brilliant"],
            1,
            "no level of cs is called \"brilliant\"; levels: Inadequate, Requires improvement to be good, Good, Outstanding",
        ),
        (
            vec!["list", "--scheme", "gg", "--went", "g,great"],
            1,
            "\"g\" could be any of Good, Great in gg",
        ),
        (
            vec!["list", "--scheme", "load", "--went", "a,b"],
            1,
            "load has no named levels",
        ),
        (
            vec!["list", "--scheme", "cs", "--went", "good"],
            2,
            "name at least two levels",
        ),
    ] {
        let run = sandbox
            .run_on(TRANSITIONS, &args)
            .fails_with(code)
            .one_sentence();
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
    // Usage: --went needs --scheme, --within needs --went, --went is no --at.
    for args in [
        vec!["list", "--went", "good,great"],
        vec!["list", "--scheme", "cs", "--within", "12"],
        vec!["list", "--scheme", "cs", "--went", "i,g", "--at", "2020"],
    ] {
        sandbox.run_on(TRANSITIONS, &args).fails_with(2);
    }
    // The fixture's shortest path, in a scheme with a level named twice.
    let run = sandbox
        .run_on(
            TRANSITIONS,
            &[
                "list",
                "--scheme",
                "cs",
                "--went",
                "inad,good,out",
                "--format",
                "json",
            ],
        )
        .ok();
    let parsed: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        parsed,
        serde_json::json!([{
            "council_id": "a", "council_name": "A", "region": "North",
            "Inadequate": "2015-03-10", "Good": "2017-06-01", "Outstanding": "2022-01-15",
            "months": 82
        }])
    );
}

#[test]
fn context_by_region_gives_nine_regions_that_add_up_to_the_nation_on_31_march_2024() {
    use std::collections::{BTreeMap, BTreeSet};
    let data = embedded();
    let day = trajex::data::Date::parse("2024-03-31").unwrap();
    let in_force = ofsted_in_force(&data, day);
    let region_of = |id: &str| {
        data.councils[data.council_by_id(id).unwrap()]
            .region
            .clone()
            .unwrap_or_default()
    };
    let mut expected: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (id, level) in &in_force {
        if let Some(level) = level {
            *expected.entry((region_of(id), level.clone())).or_default() += 1;
        }
    }
    let sandbox = Sandbox::new();
    let csv = sandbox
        .run(&[
            "context",
            "ofsted-cs",
            "--date",
            "2024-03-31",
            "--by",
            "region",
            "--format",
            "csv",
        ])
        .ok()
        .stdout;
    let rows = csv_rows(&csv);
    assert_eq!(
        rows[0],
        [
            "figure", "region", "level", "count", "share", "known", "councils", "date"
        ]
    );
    assert!(rows[1..].iter().all(|r| r[0] == "computed"), "{csv}");
    let regions: BTreeSet<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(regions.len(), 9, "{regions:?}");
    let mut national: BTreeMap<&str, usize> = BTreeMap::new();
    for region in &regions {
        let row_of = |level: &str| rows.iter().find(|r| r[1] == *region && r[2] == level);
        let of = |level: &str| -> usize { row_of(level).map_or(0, |r| r[3].parse().unwrap()) };
        let rated: usize = OFSTED_LEVELS.iter().map(|l| of(l)).sum();
        let mut shares = 0.0;
        for level in OFSTED_LEVELS {
            let want = expected
                .get(&(region.to_string(), level.to_owned()))
                .copied()
                .unwrap_or(0);
            assert_eq!(of(level), want, "{region} {level}");
            *national.entry(level).or_default() += want;
            let row = row_of(level).unwrap();
            let printed: f64 = row[4].parse().unwrap();
            assert!(
                (printed - want as f64 * 100.0 / rated as f64).abs() < 0.1,
                "{region} {level}: {row:?}"
            );
            shares += printed;
            assert_eq!(row[5], rated.to_string(), "{region}: known");
        }
        assert!(
            (shares - 100.0).abs() < 1e-9,
            "{region}: shares add to {shares}"
        );
        let top = of("Outstanding") + of("Good");
        assert_eq!(of("Good or better"), top, "{region}");
        let sum: f64 = ["Outstanding", "Good"]
            .iter()
            .map(|l| row_of(l).unwrap()[4].parse::<f64>().unwrap())
            .sum();
        let printed: f64 = row_of("Good or better").unwrap()[4].parse().unwrap();
        assert!(
            (printed - sum).abs() < 1e-9,
            "{region}: the two best levels' share is the sum of theirs as printed"
        );
    }
    // The regions add up to the national figures, which the national table gives too.
    let whole = csv_rows(
        &sandbox
            .run(&[
                "context",
                "ofsted-cs",
                "--date",
                "2024-03-31",
                "--format",
                "csv",
            ])
            .ok()
            .stdout,
    );
    assert_eq!(
        whole[0],
        [
            "figure", "level", "count", "share", "known", "councils", "date", "source"
        ]
    );
    for level in OFSTED_LEVELS {
        let row = whole.iter().find(|r| r[1] == level).unwrap();
        assert_eq!(row[2], national[level].to_string(), "{level}");
    }
    assert_eq!(national["Outstanding"], 27);
    assert_eq!(national.values().sum::<usize>(), 151);

    // As text: a line per region, then all regions, with known of existing.
    let text = sandbox
        .run(&[
            "context",
            "ofsted-cs",
            "--date",
            "2024-03-31",
            "--by",
            "region",
        ])
        .ok()
        .stdout;
    assert!(
        text.starts_with(
            "Children's services: overall effectiveness (Ofsted), 2024-03-31, by region\n"
        ),
        "{text}"
    );
    let all = text
        .lines()
        .find(|l| l.starts_with("All regions "))
        .expect("an all-regions line");
    let existed = in_force.len();
    assert!(
        all.contains("27 17.9%") && all.ends_with(&format!("151 of {existed}")),
        "{all}"
    );
    for region in &regions {
        assert!(
            text.lines().any(|l| l.starts_with(&format!("{region} "))),
            "{region}: {text}"
        );
    }
}

#[test]
fn context_by_region_says_when_the_dataset_knows_only_some_councils_or_a_scheme_is_numeric() {
    let sandbox = Sandbox::new();
    let text = sandbox
        .run(&[
            "context",
            "csci-stars",
            "--date",
            "2008-12",
            "--by",
            "region",
        ])
        .ok()
        .stdout;
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[1].starts_with("Published 2008-11-26")
            && lines[2].starts_with("Computed (partial): from the ")
            && lines[2].ends_with(
                " councils this dataset knows, not all 150, nationally or in any region:"
            ),
        "{text}"
    );
    let run = sandbox
        .run(&[
            "context",
            "csci-stars",
            "--date",
            "2008-12",
            "--by",
            "region",
            "--format",
            "csv",
        ])
        .ok();
    assert_eq!(run.stderr, "", "what qualifies a figure is in the table");
    let rows = csv_rows(&run.stdout);
    assert!(
        rows.len() > 9 && rows[1..].iter().all(|r| r[0] == "computed (partial)"),
        "every row says it is partial: {}",
        run.stdout
    );
    let run = sandbox
        .run_on(TRANSITIONS, &["context", "load", "--by", "region"])
        .fails_with(1)
        .one_sentence();
    assert!(
        run.stderr
            .contains("--by region needs a scheme with named levels"),
        "{}",
        run.stderr
    );
    sandbox
        .run_on(TRANSITIONS, &["context", "cs", "--by", "county"])
        .fails_with(2);
}

#[test]
fn the_readme_questions_show_what_the_commands_print() {
    let readme = include_str!("../../../README.md");
    let section = readme
        .split("## Questions trajex answers")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("a Questions section");
    let sandbox = Sandbox::new();
    let (mut checked, mut lines) = (0, 0);
    let mut command: Option<(String, String)> = None;
    for line in section.lines().chain(["end"]) {
        let shown = line.strip_prefix("    ");
        if let Some(cmd) = shown.and_then(|l| l.strip_prefix("$ trajex ")) {
            // Only the command before any pipe runs; each line shown must be one it prints.
            let base = cmd.split(" | ").next().unwrap();
            let args: Vec<&str> = base.split_whitespace().collect();
            let out = sandbox.run(&args).ok().stdout;
            command = Some((base.to_owned(), out));
            checked += 1;
        } else if let (Some(text), Some((base, out))) = (shown, &command) {
            assert!(
                out.lines().any(|l| l == text),
                "`trajex {base}` no longer prints the README's line:\n{text}\nIt prints:\n{out}"
            );
            lines += 1;
        } else if line.trim().is_empty() {
            // A blank line inside an output block (the regions table has one).
        } else {
            command = None;
        }
    }
    assert!(
        checked >= 8 && lines >= 60,
        "{checked} commands, {lines} lines checked"
    );
}
