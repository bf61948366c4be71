//! `trajex context` and `list --at`: national figures a journalist can print.

use super::*;

/// Four rated councils and one never rated, with counts worked out by hand in the tests.
pub(super) const CONTEXT: &str = r#"Dataset(
    title: "Context fixture",
    schemes: [
        Scheme(id: "cs", name: "Children's services", body: "Ofsted",
               scale: Ordinal(["Inadequate", "Requires improvement to be good", "Good", "Outstanding"])),
        Scheme(id: "stars", name: "Star rating", body: "CSCI",
               scale: Ordinal(["0 stars", "1 star", "2 stars", "3 stars"]), until: "2009-04"),
        Scheme(id: "caseload", name: "Caseload", body: "Council",
               scale: Numeric(unit: "children", better: Lower)),
    ],
    councils: [
        Council(id: "a", name: "A", ratings: [
            Rating(scheme: "cs", date: "2015-01-15", level: "Inadequate"),
            Rating(scheme: "cs", date: "2019-07-22", level: "Good"),
            Rating(scheme: "stars", date: "2004-11-18", level: "3 stars"),
            Rating(scheme: "caseload", date: "2018", value: 22.5),
            Rating(scheme: "caseload", date: "2021", value: 20.0),
        ]),
        Council(id: "b", name: "B", ratings: [
            Rating(scheme: "cs", date: "2016-01-15", level: "Good"),
            Rating(scheme: "cs", date: "2020-01-15", level: "Outstanding"),
            Rating(scheme: "stars", date: "2004-11-18", level: "1 star"),
            Rating(scheme: "caseload", date: "2018", value: 16.0),
            Rating(scheme: "caseload", date: "2021", value: 20.0),
        ]),
        Council(id: "c", name: "C", ratings: [
            Rating(scheme: "cs", date: "2017-01-15", level: "Requires improvement to be good"),
            Rating(scheme: "cs", date: "2026-05", note: "no overall grade under the 2026 framework"),
            Rating(scheme: "stars", date: "2005-12-01", level: "2 stars"),
            Rating(scheme: "caseload", date: "2019", value: 30.0),
            Rating(scheme: "caseload", date: "2021", value: 20.0),
        ]),
        Council(id: "d", name: "D", ratings: [Rating(scheme: "cs", date: "2021-01-15", level: "Good")]),
        Council(id: "e", name: "E"),
    ],
    summaries: [
        Summary(scheme: "stars", date: "2004-11", total: 150,
                counts: {"3 stars": 20, "1 star": 40, "0 stars": 8}, source: "cc"),
    ],
    sources: [Source(id: "cc", title: "Then there were three")],
)
"#;

#[test]
fn context_counts_each_level_best_first_with_shares_and_bars() {
    let sandbox = Sandbox::new();
    let run = sandbox
        .run_on(CONTEXT, &["context", "cs", "--date", "2020-06"])
        .ok();
    assert_eq!(
        run.stdout,
        "Children's services (Ofsted), 2020-06\n\
         \x20 Outstanding                      1  33.4%  █████████████▍\n\
         \x20 Good                             1  33.3%  █████████████▍\n\
         \x20 Requires improvement to be good  1  33.3%  █████████████▍\n\
         \x20 Inadequate                       0   0.0%\n\
         \x20 Known for 3 of 5 councils; 2 not yet rated.\n"
    );
    let today = sandbox.run_on(CONTEXT, &["context", "cs"]).ok();
    assert!(
        today
            .stdout
            .starts_with("Children's services (Ofsted), 2026-11-22\n"),
        "{}",
        today.stdout
    );
    assert!(
        today
            .stdout
            .contains("  Good                             2  66.7%  ██████████████████████████▋\n"),
        "{}",
        today.stdout
    );
    assert!(
        today
            .stdout
            .ends_with("  Known for 3 of 5 councils; 1 with no grade given; 1 not yet rated.\n"),
        "{}",
        today.stdout
    );
}

#[test]
fn context_sets_the_published_summary_apart_from_the_computed_counts() {
    let run = Sandbox::new()
        .run_on(CONTEXT, &["context", "stars", "--date", "2004-11"])
        .ok();
    assert_eq!(
        run.stdout,
        "Star rating (CSCI), 2004-11\n\
         Published 2004-11 (Then there were three): 3 stars 20, 1 star 40, 0 stars 8, of 150 rated\n\
         Computed (partial): from the 2 councils this dataset knows, not all 5:\n\
         \x20 3 stars  1  50.0%  ████████████████████\n\
         \x20 2 stars  0   0.0%\n\
         \x20 1 star   1  50.0%  ████████████████████\n\
         \x20 0 stars  0   0.0%\n\
         \x20 Known for 2 of 5 councils; 3 not yet rated.\n",
        "the published figures come first when the dataset knows fewer councils than they \
         counted, and N is the 5 councils that existed, not the 150 the source counted"
    );
    let later = Sandbox::new()
        .run_on(CONTEXT, &["context", "stars", "--date", "2006"])
        .ok();
    assert!(
        !later.stdout.contains("Published"),
        "a summary more than a year old is another round: {}",
        later.stdout
    );
}

#[test]
fn context_says_when_a_scheme_had_ended_and_spreads_a_numeric_one() {
    let sandbox = Sandbox::new();
    let run = sandbox
        .run_on(CONTEXT, &["context", "stars", "--date", "2010"])
        .ok();
    assert_eq!(
        run.stdout,
        "Star rating (CSCI), 2010\n  The scheme ended in 2009-04: no rating holds on 2010. Try --date 2009-03-31 for its last state.\n"
    );
    let run = sandbox
        .run_on(CONTEXT, &["context", "caseload", "--date", "2020"])
        .ok();
    assert_eq!(
        run.stdout,
        "Caseload (Council), 2020\n\
         Computed (partial): from the 3 councils this dataset knows, not all 5:\n\
         \x20 min 16 children, median 22.5 children, max 30 children\n\
         \x20 Known for 3 of 5 councils; 2 unknown (not in this dataset).\n"
    );
    let run = sandbox
        .run_on(CONTEXT, &["context", "caseload", "--date", "2022"])
        .ok();
    assert_eq!(
        run.stdout,
        "Caseload (Council), 2022\n\
         \x20 No measurement in force: a figure is not carried past a council's last measurement.\n\
         \x20 Known for 0 of 5 councils; 5 unknown (not in this dataset).\n",
        "a last measurement is not carried on"
    );
}

#[test]
fn context_of_ofsted_on_the_embedded_set_adds_up_and_agrees_with_the_data_layer() {
    use trajex::data::context::Distribution;
    let embedded = trajex::data::load::parse(trajex::data::EMBEDDED, "<embedded>")
        .expect("the embedded set loads")
        .dataset;
    let scheme = embedded.scheme_by_id("ofsted-cs").expect("ofsted-cs");
    let levels = embedded.scheme(scheme).levels().to_vec();
    for date in ["2016-03", "2024-06-30"] {
        let run = Sandbox::new()
            .run(&["context", "ofsted-cs", "--date", date])
            .ok();
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(
            lines[0],
            format!("Children's services: overall effectiveness (Ofsted), {date}")
        );
        // Published figures, with their notes, and the heading over the computed ones
        // come first where a summary is in force.
        let first = lines
            .iter()
            .position(|l| l.starts_with(&format!("  {} ", levels[levels.len() - 1])))
            .expect("the best level's line");
        if first > 1 {
            assert!(lines[1].starts_with("Published "), "{date}: {lines:?}");
            assert!(
                lines[first - 1].starts_with("Computed"),
                "{date}: the computed figures say what they are: {lines:?}"
            );
        }
        let mut counts = Vec::new();
        let mut shares = 0.0;
        for (line, level) in lines[first..first + levels.len()]
            .iter()
            .zip(levels.iter().rev())
        {
            let rest = line
                .strip_prefix(&format!("  {level} "))
                .unwrap_or_else(|| panic!("{level}: {line}"));
            let mut words = rest.split_whitespace();
            counts.push(
                words
                    .next()
                    .and_then(|n| n.parse::<u32>().ok())
                    .expect("a count"),
            );
            shares += words
                .next()
                .and_then(|s| s.trim_end_matches('%').parse::<f64>().ok())
                .expect("a share");
        }
        counts.reverse();
        // A date is read on the last day of its period.
        let day =
            trajex::data::Date::from_days(trajex::data::Date::parse(date).unwrap().last_day());
        let expected = Distribution::at(&embedded, scheme, day);
        assert_eq!(counts, expected.counts, "{date}");
        let rated: u32 = counts.iter().sum();
        assert!(rated > 50, "{date}: only {rated} councils rated");
        assert!(
            (shares - 100.0).abs() < 1e-9,
            "{date}: shares add up to exactly 100.0, not {shares}"
        );
        assert_eq!(
            expected.unknown, 0,
            "{date}: every Ofsted inspection is in the dataset"
        );
        let totals = format!(
            "  Known for {rated} of {} councils; {} not yet rated.",
            expected.existing, expected.not_yet
        );
        assert_eq!(lines[first + levels.len()], totals, "{date}");
    }
}

#[test]
fn context_of_an_unknown_scheme_names_the_valid_ones_and_a_bad_date_is_a_usage_error() {
    let sandbox = Sandbox::new();
    let run = sandbox
        .run_on(CONTEXT, &["context", "ofsted"])
        .fails_with(1)
        .one_sentence();
    assert_eq!(
        run.stderr,
        "trajex: no scheme has the id \"ofsted\"; schemes: cs, stars, caseload\n"
    );
    for date in ["2019-13", "May 2019", "19"] {
        let run = sandbox
            .run_on(CONTEXT, &["context", "cs", "--date", date])
            .fails_with(2)
            .one_sentence();
        assert!(
            run.stderr.starts_with("trajex: --date: ") && run.stderr.contains(date),
            "{}",
            run.stderr
        );
    }
    let run = sandbox.run(&["context", "--help"]).ok();
    assert!(
        run.stdout.contains("trajex context ofsted-cs"),
        "{}",
        run.stdout
    );
}

/// A round of 2004-11-18: one summary states 142 councils rated of the 4 that existed
/// here, a set of levels and the councils not rated; a second source gives the same
/// round's figures a year later. D's result in the round is not in the dataset.
pub(super) const ROUND: &str = r#"Dataset(
    title: "Round fixture",
    schemes: [Scheme(id: "stars", name: "Star rating", body: "CSCI",
                     scale: Ordinal(["0 stars", "1 star", "2 stars", "3 stars"]),
                     rounds: ["2004-11-18", "2005-12-01"])],
    councils: [
        Council(id: "a", name: "A", ratings: [Rating(scheme: "stars", date: "2004-11-18", level: "3 stars")]),
        Council(id: "b", name: "B", ratings: [Rating(scheme: "stars", date: "2004-11-18", level: "1 star")]),
        Council(id: "c", name: "C", ratings: [Rating(scheme: "stars", date: "2004-11-18", level: "1 star")]),
        Council(id: "d", name: "D"),
    ],
    summaries: [
        Summary(scheme: "stars", date: "2004-11-18", total: 142, counts: {"3 stars": 26, "0 stars": 3},
                sets: [(label: "2 or 3 stars", levels: ["2 stars", "3 stars"], share: Some(76.0))],
                unrated: Some(8), source: "bbc"),
        Summary(scheme: "stars", date: "2004-11-18", counts: {"2 stars": 78}, source: "later"),
    ],
    sources: [
        Source(id: "bbc", title: "Social care steadily improving", publisher: "BBC News", date: "2004-11-18"),
        Source(id: "later", title: "Mixed progress", publisher: "BBC News", date: "2005-12-01"),
    ],
)
"#;

#[test]
fn context_prints_published_figures_with_their_sources_date_then_the_computed_ones_of_the_councils_that_existed()
 {
    let sandbox = Sandbox::new();
    let run = sandbox
        .run_on(ROUND, &["context", "stars", "--date", "2004-11-30"])
        .ok();
    assert_eq!(
        run.stdout,
        "Star rating (CSCI), 2004-11-30\n\
         Published 2004-11-18 (Social care steadily improving): 3 stars 26, 0 stars 3, 2 or 3 stars 76%, 8 not rated, of 142 rated\n\
         Published 2004-11-18 (Mixed progress; source dated 2005-12-01): 2 stars 78\n\
         Computed (partial): from the 3 councils this dataset knows, not all 4:\n\
         \x20 3 stars  1  33.3%  █████████████▍\n\
         \x20 2 stars  0   0.0%\n\
         \x20 1 star   2  66.7%  ██████████████████████████▋\n\
         \x20 0 stars  0   0.0%\n\
         \x20 Known for 3 of 4 councils; 1 unknown (not in this dataset).\n",
        "the stated 142 is what the source counted, never N; the later source's own date is shown"
    );
    assert_eq!(
        run.stderr,
        "trajex: warning: 2004-11-30 is after the last rating in this dataset (2004-11-18); read as things stood then\n",
        "a date past the dataset's last rating is read with a warning naming that date"
    );
    let csv = sandbox
        .run_on(
            ROUND,
            &[
                "context",
                "stars",
                "--date",
                "2004-11-30",
                "--format",
                "csv",
            ],
        )
        .ok();
    assert_eq!(
        csv.stderr,
        "trajex: warning: 2004-11-30 is after the last rating in this dataset (2004-11-18); read as things stood then\n",
        "nothing that qualifies a figure goes only to stderr: only the warning on the date asked"
    );
    assert_eq!(
        csv.stdout,
        "figure,level,count,share,known,councils,date,source\n\
         published,3 stars,26,,,142,2004-11-18,Social care steadily improving\n\
         published,0 stars,3,,,142,2004-11-18,Social care steadily improving\n\
         published,2 or 3 stars,,76,,142,2004-11-18,Social care steadily improving\n\
         published,not rated,8,,,142,2004-11-18,Social care steadily improving\n\
         published,2 stars,78,,,,2004-11-18,Mixed progress\n\
         computed (partial),3 stars,1,33.3,3,4,2004-11-30,\n\
         computed (partial),2 stars,0,0,3,4,2004-11-30,\n\
         computed (partial),1 star,2,66.7,3,4,2004-11-30,\n\
         computed (partial),0 stars,0,0,3,4,2004-11-30,\n\
         computed (partial),2 stars or better,1,33.3,3,4,2004-11-30,\n\
         computed (partial),unknown,1,,3,4,2004-11-30,\n"
    );
}

#[test]
fn context_gives_a_summarys_note_and_says_how_far_the_dataset_reaches() {
    let data = r#"Dataset(
        title: "Covered fixture",
        schemes: [Scheme(id: "cqc", name: "Adult social care", body: "CQC",
                         scale: Ordinal(["Inadequate", "Requires improvement", "Good", "Outstanding"]),
                         covered_until: "2025-11")],
        councils: [
            Council(id: "a", name: "A", ratings: [Rating(scheme: "cqc", date: "2025-03-01", level: "Good")]),
            Council(id: "b", name: "B", ratings: [Rating(scheme: "cqc", date: "2025-06-01", level: "Requires improvement")]),
        ],
        summaries: [Summary(scheme: "cqc", date: "2025-06-30", total: 2, counts: {"Good": 1},
                            note: "only the councils assessed by then")],
    )"#;
    let run = Sandbox::new()
        .run_on(data, &["context", "cqc", "--date", "2026-01-31"])
        .ok();
    assert_eq!(
        run.stdout,
        "Adult social care (CQC), 2026-01-31\n\
         Published 2025-06-30: Good 1, of 2 rated\n\
         \x20 note: only the councils assessed by then\n\
         Computed from every council that existed (2):\n\
         \x20 Outstanding           0   0.0%\n\
         \x20 Good                  1  50.0%  ████████████████████\n\
         \x20 Requires improvement  1  50.0%  ████████████████████\n\
         \x20 Inadequate            0   0.0%\n\
         \x20 Known for 2 of 2 councils.\n\
         \x20 The dataset holds ratings published up to 2025-11: councils not rated since are unknown.\n"
    );
}

#[test]
fn render_at_80x24_with_the_national_context_open_shows_tower_hamlets_rank() {
    let run = Sandbox::new()
        .run(&[
            "render",
            "--size",
            "80x24",
            "--keys",
            "/tower<Enter><Tab><Left>n",
        ])
        .ok();
    assert_eq!(run.stdout.lines().count(), 24, "{}", run.stdout);
    assert!(run.stdout.contains("┌ National context"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("● Tower Hamlets  joint 1st-33rd of 153, top 22% · Outstanding"),
        "the selected council's rank at 80 columns: {}",
        run.stdout
    );
    // The star ratings at 2009-03: a published summary too long for a line wraps, and
    // the popup still ends with whom its figures rest on.
    let stars = Sandbox::new()
        .run(&[
            "render",
            "--size",
            "80x24",
            "--keys",
            "/tower<Enter><Tab><Left>jhhhhhhn",
        ])
        .ok()
        .stdout;
    let popup: Vec<&str> = stars
        .lines()
        .skip_while(|l| !l.contains("┌ National context"))
        .take_while(|l| !l.starts_with('└'))
        .collect();
    let text = popup.join("\n");
    for words in [
        "│ Published 2008-11-26 (",
        "│ Computed (partial): from the ",
        "│ ● Tower Hamlets  ",
        "│ Known for ",
    ] {
        assert!(text.contains(words), "{words:?}: {stars}");
    }
}

/// The rows of a context table in CSV, JSON and Markdown, each as its cells in text.
pub(super) fn context_rows(sandbox: &Sandbox, args: &[&str]) -> [Vec<Vec<String>>; 3] {
    let run = |format: &str| {
        let mut all = args.to_vec();
        all.extend(["--format", format]);
        let run = sandbox.run(&all).ok();
        assert_eq!(run.stderr, "", "{all:?}: nothing only on stderr");
        run.stdout
    };
    let csv = csv_rows(&run("csv"));
    let json_text = run("json");
    let json: serde_json::Value = serde_json::from_str(&json_text).expect("JSON");
    let columns = &csv[0];
    // Each object's keys in the columns' order, as written.
    for line in json_text.lines().filter(|l| l.contains('{')) {
        let at: Vec<usize> = columns
            .iter()
            .map(|c| line.find(&format!("\"{c}\":")).expect("every column a key"))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{line}");
    }
    let mut from_json = vec![columns.clone()];
    for object in json.as_array().expect("an array") {
        let object = object.as_object().expect("an object");
        assert_eq!(object.len(), columns.len());
        from_json.push(
            columns
                .iter()
                .map(|c| match &object[c] {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Null => String::new(),
                    other => other.to_string(),
                })
                .collect(),
        );
    }
    let md = run("md");
    let from_md: Vec<Vec<String>> = md
        .lines()
        .enumerate()
        .filter(|&(i, _)| i != 1)
        .map(|(_, line)| {
            line.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_owned())
                .collect()
        })
        .collect();
    [csv, from_json, from_md]
}

#[test]
fn context_tables_of_the_2004_round_carry_figure_known_councils_date_and_source_in_csv_json_and_markdown()
 {
    let data = embedded();
    let scheme = data.scheme_by_id("csci-stars").unwrap();
    let day = trajex::data::Date::parse("2004-11-18").unwrap();
    let existed = data.councils.iter().filter(|c| c.existed(day)).count();
    assert_eq!(
        existed, 150,
        "the embedded set's councils on 18 November 2004"
    );
    let known = trajex::data::context::Distribution::at(&data, scheme, day).rated();
    assert!(known > 0 && (known as usize) < existed, "{known}");
    let sandbox = Sandbox::new();
    for rows in context_rows(&sandbox, &["context", "csci-stars", "--date", "2004-11-18"]) {
        assert_eq!(
            rows[0],
            [
                "figure", "level", "count", "share", "known", "councils", "date", "source"
            ]
        );
        let published: Vec<&Vec<String>> =
            rows[1..].iter().filter(|r| r[0] == "published").collect();
        assert!(!published.is_empty(), "{rows:?}");
        assert!(
            published
                .iter()
                .all(|r| !r[7].is_empty() && r[4].is_empty()),
            "a published row names its source and claims no councils known: {rows:?}"
        );
        let computed: Vec<&Vec<String>> =
            rows[1..].iter().filter(|r| r[0] != "published").collect();
        assert!(!computed.is_empty(), "{rows:?}");
        for row in &computed {
            assert_eq!(
                row[0], "computed (partial)",
                "the dataset knows only some councils: every computed row says so"
            );
            assert_eq!(row[4], known.to_string(), "{row:?}");
            assert_eq!(row[5], "150", "N is the councils that existed: {row:?}");
            assert_eq!(row[6], "2004-11-18");
            assert_eq!(row[7], "");
        }
        let first_computed = rows
            .iter()
            .position(|r| r[0] != "published" && r[0] != "figure");
        let last_published = rows.iter().rposition(|r| r[0] == "published");
        assert!(last_published < first_computed, "published rows first");
    }
}

#[test]
fn context_before_a_schemes_first_round_prints_no_share() {
    let sandbox = Sandbox::new();
    let run = sandbox
        .run(&["context", "cpa", "--date", "2002-12-05"])
        .ok();
    assert!(
        !run.stdout.contains('%'),
        "no share before the first CPA round (12 December 2002): {}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("No round had been published yet: the first came out on 2002-12-12"),
        "{}",
        run.stdout
    );
    let existed = embedded()
        .councils
        .iter()
        .filter(|c| c.existed(trajex::data::Date::parse("2002-12-05").unwrap()))
        .count();
    assert!(
        run.stdout.contains(&format!(
            "Known for 0 of {existed} councils; {existed} not yet rated."
        )),
        "{}",
        run.stdout
    );
    for rows in context_rows(&sandbox, &["context", "cpa", "--date", "2002-12-05"]) {
        assert!(
            rows[1..].iter().all(|r| r[3].is_empty()),
            "no share in any row: {rows:?}"
        );
        assert_eq!(
            rows[1..]
                .iter()
                .map(|r| (r[1].as_str(), r[4].as_str()))
                .collect::<Vec<_>>(),
            [("not yet rated", "0")]
        );
    }
    let after = sandbox
        .run(&["context", "cpa", "--date", "2002-12-12"])
        .ok();
    assert!(after.stdout.contains('%'), "{}", after.stdout);
}

#[test]
fn context_shares_of_ofsted_add_to_exactly_100_at_every_quarter_end_2013_to_2026() {
    let sandbox = Sandbox::new();
    let mut counted = 0;
    for year in 2013..=2026 {
        for end in ["03-31", "06-30", "09-30", "12-31"] {
            let date = format!("{year}-{end}");
            let csv = sandbox
                .run(&["context", "ofsted-cs", "--date", &date, "--format", "csv"])
                .ok()
                .stdout;
            let rows = csv_rows(&csv);
            let tenths: Vec<u32> = rows[1..]
                .iter()
                .filter(|r| r[0].starts_with("computed") && OFSTED_LEVELS.contains(&r[1].as_str()))
                .map(|r| {
                    let (whole, tenth) = r[3].split_once('.').unwrap_or((&r[3], "0"));
                    whole.parse::<u32>().unwrap() * 10 + tenth.parse::<u32>().unwrap()
                })
                .collect();
            if tenths.is_empty() {
                continue;
            }
            assert_eq!(tenths.len(), 4, "{date}: {csv}");
            assert_eq!(
                tenths.iter().sum::<u32>(),
                1000,
                "{date}: the shares add to {:?}: {csv}",
                tenths
            );
            counted += 1;
        }
    }
    assert!(counted >= 50, "only {counted} dates had shares");
}

#[test]
fn list_at_a_date_carries_known_and_councils_columns_and_says_when_ranks_are_partial() {
    let sandbox = Sandbox::new();
    let csv = sandbox
        .run(&[
            "list",
            "--scheme",
            "csci-stars",
            "--at",
            "2004-12",
            "--format",
            "csv",
        ])
        .ok();
    assert_eq!(csv.stderr, "");
    let rows = csv_rows(&csv.stdout);
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
    let rated = rows[1..].iter().filter(|r| !r[3].is_empty()).count();
    let day = trajex::data::Date::parse("2004-12-31").unwrap();
    let existed = embedded()
        .councils
        .iter()
        .filter(|c| c.existed(day))
        .count();
    assert!(rated > 0 && rated < existed, "{rated} of {existed}");
    assert!(
        rows[1..]
            .iter()
            .all(|r| r[7] == rated.to_string() && r[8] == existed.to_string()),
        "{}",
        csv.stdout
    );
    let text = sandbox
        .run(&["list", "--scheme", "csci-stars", "--at", "2004-12"])
        .ok()
        .stdout;
    assert!(
        text.lines().last().is_some_and(|l| l.starts_with(&format!(
            "Ranks are among the {rated} councils whose rating this dataset knows, not all {existed} that existed"
        ))),
        "{text}"
    );
}

/// The lines of `text` from the first containing `title`, `count` of them.
pub(super) fn lines_from<'t>(text: &'t str, title: &str, count: usize) -> Vec<&'t str> {
    text.lines()
        .skip_while(|l| !l.contains(title))
        .take(count)
        .collect()
}

#[test]
fn national_figures_on_the_embedded_set_say_what_they_know() {
    let sandbox = Sandbox::new();
    let count_of = |text: &str, level: &str| -> u32 {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("  {level} ")))
            .unwrap_or_else(|| panic!("no {level} line: {text}"));
        line.split_whitespace()
            .nth(level.split_whitespace().count())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no count: {line}"))
    };
    // 2008: no council had zero stars; the published shares come first.
    let late = sandbox
        .run(&["context", "csci-stars", "--date", "2008-12"])
        .ok()
        .stdout;
    let lines: Vec<&str> = late.lines().collect();
    assert!(
        lines[1].starts_with("Published 2008-11-26") && lines[1].contains("of 150 rated"),
        "{late}"
    );
    assert!(
        lines[2].starts_with("Computed (partial): from the ")
            && lines[2].ends_with(" councils this dataset knows, not all 150:"),
        "{late}"
    );
    assert_eq!(count_of(&late, "0 stars"), 0, "{late}");
    assert!(
        late.contains("Known for ") && late.contains(" of 150 councils"),
        "{late}"
    );
    // November 2004: no more than the 8 zero-star councils published.
    let y2004 = sandbox
        .run(&["context", "csci-stars", "--date", "2004-11-30"])
        .ok()
        .stdout;
    assert!(count_of(&y2004, "0 stars") <= 8, "{y2004}");
    // Ofsted at 31 March 2024: every council that existed, none that had ended.
    let ofsted = sandbox
        .run(&["context", "ofsted-cs", "--date", "2024-03-31"])
        .ok()
        .stdout;
    let counts: Vec<u32> = [
        "Outstanding",
        "Good",
        "Requires improvement to be good",
        "Inadequate",
    ]
    .iter()
    .map(|l| count_of(&ofsted, l))
    .collect();
    assert_eq!(counts, [27, 64, 44, 16], "{ofsted}");
    assert!(ofsted.contains("Known for 151 of 153 councils"), "{ofsted}");
}

#[test]
fn a_rating_is_listed_at_a_date_only_while_it_held_on_the_embedded_set() {
    let sandbox = Sandbox::new();
    let stars = sandbox
        .run(&["list", "--scheme", "csci-stars", "--at", "2006-01"])
        .ok()
        .stdout;
    let hackney = stars
        .lines()
        .find(|l| l.starts_with("Hackney "))
        .expect("a Hackney row");
    assert!(
        !hackney.contains("1 star") && hackney.contains("unknown: no 2005 rating in this dataset"),
        "a May 2002 rating does not hold in 2006: {hackney}"
    );
    let leavers = sandbox
        .run(&[
            "list",
            "--scheme",
            "ofsted-cs-care-leavers",
            "--at",
            "2026-06",
        ])
        .ok()
        .stdout;
    let blackpool = leavers
        .lines()
        .find(|l| l.starts_with("Blackpool "))
        .expect("a Blackpool row");
    assert!(
        blackpool.contains("no grade given since") && !blackpool.contains("Good"),
        "later inspections ended the 2014 grade: {blackpool}"
    );
}

/// The line of `council` in `trajex list --scheme SCHEME --at DATE` on the embedded set.
pub(super) fn listed_at(sandbox: &Sandbox, scheme: &str, date: &str, council: &str) -> String {
    let out = sandbox
        .run(&["list", "--scheme", scheme, "--at", date])
        .ok()
        .stdout;
    out.lines()
        .find(|l| l.starts_with(&format!("{council} ")))
        .unwrap_or_else(|| panic!("no {council} row in {out}"))
        .to_owned()
}

#[test]
fn a_date_is_read_as_precisely_as_the_sources_allow_on_the_embedded_set() {
    let sandbox = Sandbox::new();
    let at = |scheme: &str, date: &str, council: &str| listed_at(&sandbox, scheme, date, council);
    // The 2004 star ratings came out on 18 November: before then the 2003 rating stood.
    let before = at("csci-stars", "2004-11-10", "Tower Hamlets");
    assert!(
        before.contains("2 stars") && before.contains("since 2003-11-13"),
        "{before}"
    );
    let on = at("csci-stars", "2004-11-18", "Tower Hamlets");
    assert!(
        on.contains("3 stars") && on.contains("since 2004-11-18"),
        "{on}"
    );
    assert!(
        at("csci-stars", "2004-11", "Tower Hamlets").contains("3 stars"),
        "a month reads at its end"
    );
    // The 2008 round came out on 26 November: nothing of it holds on the 10th.
    let hackney = at("csci-stars", "2008-11-10", "Hackney");
    assert!(!hackney.contains("2 stars"), "{hackney}");
    // Cumbria's second SIF report is dated only to 2017: inside 2017 what held is unknown.
    let cumbria = at("ofsted-cs", "2017-06-30", "Cumbria");
    assert!(
        !cumbria.contains("Requires improvement")
            && cumbria.contains("unknown: changed during 2017"),
        "{cumbria}"
    );
    assert!(at("ofsted-cs", "2018-06-30", "Cumbria").contains("Requires improvement"));
    // A graded inspection whose sub-judgement the dataset lacks: unknown.
    let leavers = at("ofsted-cs-care-leavers", "2018-06-30", "Cumbria");
    assert!(
        leavers.contains("unknown") && !leavers.contains("no grade"),
        "{leavers}"
    );
    let help = at(
        "ofsted-cs-help-protection",
        "2016-06-30",
        "Northamptonshire",
    );
    assert!(
        help.contains("unknown") && !help.contains("not yet rated"),
        "{help}"
    );
    // A measurement is never a value in force.
    let caseload = at("caseload", "2018-06-30", "Tower Hamlets");
    assert!(
        caseload.contains("last measured 2017-04: more than 25") && !caseload.contains("since"),
        "{caseload}"
    );
}

#[test]
fn context_says_what_the_dataset_does_not_reach_and_when_a_scheme_ended() {
    let sandbox = Sandbox::new();
    let cqc = sandbox.run(&["context", "cqc-asc"]).ok().stdout;
    assert!(
        cqc.contains("unknown") && cqc.contains("2025-11") && !cqc.contains("not yet rated"),
        "{cqc}"
    );
    let annual = sandbox.run(&["context", "cqc-annual"]).ok().stdout;
    assert!(annual.contains("The scheme ended in 2011"), "{annual}");
    assert!(
        !annual.contains("Published"),
        "no 2010 figure is shown as current: {annual}"
    );
    let later = sandbox
        .run(&["context", "ofsted-cs", "--date", "2030-01-01"])
        .ok();
    assert!(
        later.stderr.starts_with(
            "trajex: warning: 2030-01-01 is after the last rating in this dataset (2026-"
        ),
        "{}",
        later.stderr
    );
}

#[test]
fn former_councils_keep_their_inspections_and_say_when_they_ended() {
    let sandbox = Sandbox::new();
    let northants = sandbox.run(&["show", "northamptonshire"]).ok().stdout;
    assert!(
        northants
            .contains("ended 2021-04, succeeded by North Northamptonshire, West Northamptonshire"),
        "{northants}"
    );
    for year in ["2016-", "2019-"] {
        assert!(
            northants
                .lines()
                .any(|l| l.starts_with(year)
                    && l.contains("Children's services: overall effectiveness")),
            "{year}: {northants}"
        );
    }
    let cumbria = sandbox.run(&["show", "cumbria"]).ok().stdout;
    let inspections = cumbria
        .lines()
        .filter(|l| l.starts_with("20") && l.contains("Children's services: overall effectiveness"))
        .count();
    assert_eq!(inspections, 3, "{cumbria}");
    let successor = sandbox.run(&["show", "cumberland"]).ok().stdout;
    assert!(
        successor.contains("succeeded Cumbria (ended 2023-04)"),
        "{successor}"
    );
}

#[test]
fn the_text_chart_marks_unknown_rounds_unlike_a_level_and_ends_a_measurement() {
    let sandbox = Sandbox::new();
    let hackney = sandbox.run(&["show", "hackney"]).ok().stdout;
    let strip = lines_from(&hackney, "Social services star rating · ", 5).join("\n");
    assert!(strip.contains("unknown") && strip.contains('·'), "{strip}");
    let zero = strip
        .lines()
        .find(|l| l.starts_with("0 stars"))
        .expect("0 stars row");
    assert!(
        !zero.contains('─') && !zero.contains('●'),
        "a gap is not the lowest level: {strip}"
    );
    let th = sandbox.run(&["show", "tower-hamlets"]).ok().stdout;
    let caseload = lines_from(&th, "Average caseload per social worker · ", 4).join("\n");
    let sixteen = caseload
        .lines()
        .find(|l| l.starts_with("16 "))
        .expect("16 row");
    assert!(
        sixteen.trim_end().ends_with('●'),
        "the caseload line stops at its May 2019 measurement: {caseload}"
    );
}
