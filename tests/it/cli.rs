//! The command line as a user meets it: the real `trajex` binary, run in a sandbox whose
//! home, data, config and cache folders are temporary, with today fixed at 2026-11-22.

use std::io::Read;
use std::process::Stdio;

use unicode_width::UnicodeWidthStr;

use crate::common::{Run, Sandbox};

/// The example dataset of the product contract's dataset format, made consistent: every
/// source it names exists, and the aliases and neighbours are real names (the neighbour is
/// absent, so `check` warns).
const DESIGN_EXAMPLE: &str = r#"Dataset(
    title: "English councils: social care inspection ratings",
    description: "The example from the dataset format contract",
    schemes: [
        Scheme(
            id: "csci-stars",
            name: "Social services star rating",
            body: "Commission for Social Care Inspection",
            scale: Ordinal(["0 stars", "1 star", "2 stars", "3 stars"]),   // worst → best
            until: Some("2009-04"),
        ),
        Scheme(
            id: "ofsted-cs",
            name: "Children's services: overall effectiveness",
            body: "Ofsted",
            scale: Ordinal(["Inadequate", "Requires improvement to be good", "Good", "Outstanding"]),
            eras: [("SIF", "2013-11"), ("ILACS", "2018-01")],
        ),
        Scheme(
            id: "ofsted-cs-care-leavers",
            name: "Children's services: care leavers",
            body: "Ofsted",
            parent: Some("ofsted-cs"),
            scale: Ordinal(["Inadequate", "Requires improvement to be good", "Good", "Outstanding"]),
        ),
        Scheme(
            id: "caseload",
            name: "Average caseload per social worker",
            body: "Council",
            scale: Numeric(unit: "children", better: Lower),
        ),
    ],
    councils: [
        Council(
            id: "tower-hamlets",
            name: "Tower Hamlets",
            code: Some("E09000030"),
            aliases: ["London Borough of Tower Hamlets"],
            region: Some("London"),
            kind: Some("London Borough"),
            neighbours: ["newham"],
            succeeded_by: [],
            ratings: [
                Rating(scheme: "csci-stars", date: "2002-05", level: "1 star",
                       note: Some("prospects: promising / excellent"),
                       source: Some("community-care-2004")),
                Rating(scheme: "caseload", date: "2017-04", value: 25.0,
                       note: Some("more than 25"), source: Some("news-2019-ofsted-good")),
            ],
        ),
    ],
    summaries: [
        Summary(scheme: "csci-stars", date: "2004-11", total: 150,
                counts: {"0 stars": 8, "1 star": 40, "3 stars": 20},
                source: Some("csci-2004-headlines")),
    ],
    sources: [
        Source(id: "community-care-2004", title: "Then there were three",
               publisher: "Community Care", date: "2004-11-19",
               url: Some("https://www.communitycare.co.uk/2004/11/19/then-there-were-three/")),
        Source(id: "news-2019-ofsted-good", title: "Tower Hamlets children's services rated good"),
        Source(id: "csci-2004-headlines", title: "Social services performance ratings 2004"),
    ],
)
"#;

/// Three councils with histories that exercise every column: two named alike for an
/// ambiguous query, an ungraded assessment, a numeric scheme and a formula-like note.
const THREE_COUNCILS: &str = r#"Dataset(
    title: "Three councils",
    schemes: [
        Scheme(id: "stars", name: "Star rating", body: "CSCI",
               scale: Ordinal(["0 stars", "1 star", "2 stars", "3 stars"]), until: "2009-04"),
        Scheme(id: "cs", name: "Children's services", body: "Ofsted",
               scale: Ordinal(["Inadequate", "Requires improvement to be good", "Good", "Outstanding"])),
        Scheme(id: "caseload", name: "Caseload", body: "Council",
               scale: Numeric(unit: "children", better: Lower)),
    ],
    councils: [
        Council(id: "north-tyneside", name: "North Tyneside", code: "E08000022", region: "North East", ratings: [
            Rating(scheme: "stars", date: "2002-05", level: "1 star", source: "cc"),
            Rating(scheme: "stars", date: "2004-11", level: "3 stars", source: "cc"),
            Rating(scheme: "cs", date: "2019-07-22", level: "Good", note: "=HYPERLINK(\"x\")", source: "of"),
            Rating(scheme: "cs", date: "2026-05", note: "no overall grade under the 2026 framework"),
        ]),
        Council(id: "north-somerset", name: "North Somerset", region: "South West", ratings: [
            Rating(scheme: "cs", date: "2018", level: "Inadequate"),
            Rating(scheme: "caseload", date: "2018-03", value: 22.5),
        ]),
        Council(id: "york", name: "York", region: "Yorkshire and the Humber", ratings: []),
    ],
    sources: [
        Source(id: "cc", title: "Then there were three", url: "https://example.org/three"),
        Source(id: "of", title: "Inspection report"),
    ],
)
"#;

/// The 1-based line and column where `marker` last occurs in `text`.
fn position_of(text: &str, marker: &str) -> (usize, usize) {
    let offset = text
        .rfind(marker)
        .unwrap_or_else(|| panic!("{marker} is not in the text"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

// ---- check ---------------------------------------------------------------------------

#[test]
fn check_counts_the_embedded_dataset() {
    let run = Sandbox::new().run(&["check"]).ok();
    let line = run.stdout.trim_end();
    let numbers: Vec<usize> = line
        .split(", ")
        .filter_map(|part| part.split(' ').next()?.parse().ok())
        .collect();
    assert_eq!(numbers.len(), 3, "{line}");
    assert!(
        line.ends_with(" schemes") && line.contains(" councils, ") && line.contains(" ratings, "),
        "{line}"
    );
    assert!(
        numbers[0] >= 150,
        "the embedded set covers England's councils: {line}"
    );
}

#[test]
fn check_accepts_designs_example_and_warns_about_an_absent_neighbour() {
    let sandbox = Sandbox::new();
    let path = sandbox.write("example.ron", DESIGN_EXAMPLE);
    let run = sandbox.run(&["check", path.to_str().unwrap()]).ok();
    assert_eq!(run.stdout, "1 council, 2 ratings, 4 schemes\n");
    let (line, col) = position_of(DESIGN_EXAMPLE, "\"newham\"");
    let warning = format!(
        "{}:{line}:{col}: warning: council \"newham\" is named but not in this file",
        path.display()
    );
    assert!(run.stderr.starts_with(&warning), "{}", run.stderr);
}

#[test]
fn check_without_a_path_checks_the_dataset_named_by_data() {
    let run = Sandbox::new().run_on(THREE_COUNCILS, &["check"]).ok();
    assert_eq!(run.stdout, "3 councils, 6 ratings, 3 schemes\n");
}

#[test]
fn check_reports_each_malformed_dataset_at_the_value_at_fault() {
    // (what is wrong, text replaced, replacement, where the report points, what it says)
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (
            "syntax error",
            "name: \"Tower Hamlets\",",
            "name: \"Tower Hamlets\" code",
            "code",
            "syntax error",
        ),
        (
            "unterminated string",
            "title: \"English councils: social care inspection ratings\",",
            "title: \"English councils,",
            "\"English councils,",
            "unterminated string",
        ),
        (
            "unknown field",
            "kind: Some(",
            "kinds: Some(",
            "kinds",
            "unknown field `kinds`",
        ),
        (
            "unknown scheme",
            "scheme: \"caseload\", date",
            "scheme: \"caseloads\", date",
            "\"caseloads\"",
            "scheme \"caseloads\" is not defined",
        ),
        (
            "unknown source",
            "source: Some(\"community-care-2004\")),",
            "source: Some(\"cc-2004\")),",
            "\"cc-2004\"",
            "source \"cc-2004\" is not defined",
        ),
        (
            "level not in scheme",
            "level: \"1 star\"",
            "level: \"4 stars\"",
            "\"4 stars\"",
            "\"4 stars\" is not a level of scheme \"csci-stars\"",
        ),
        (
            "level on a numeric scheme",
            "value: 25.0",
            "level: \"high\"",
            "\"high\"",
            "scheme \"caseload\" is numeric",
        ),
        (
            "value on an ordinal scheme",
            "level: \"1 star\"",
            "value: 1.0",
            "\"csci-stars\", date: \"2002-05\"",
            "scheme \"csci-stars\" has named levels",
        ),
        (
            "bad date",
            "date: \"2002-05\"",
            "date: \"2002-13\"",
            "\"2002-13\"",
            "\"2002-13\" is not a real calendar date",
        ),
        (
            "duplicate id",
            "    ],\n    summaries",
            "        Council(id: \"tower-hamlets\", name: \"Again\"),\n    ],\n    summaries",
            "\"tower-hamlets\"",
            "council id \"tower-hamlets\" is used twice",
        ),
        (
            "two ratings one date",
            "scheme: \"caseload\", date: \"2017-04\", value: 25.0",
            "scheme: \"csci-stars\", date: \"2002-05\", level: \"2 stars\"",
            "\"2002-05\"",
            "has two ratings in scheme \"csci-stars\" dated 2002-05",
        ),
    ];
    for &(what, from, to, at, says) in cases {
        assert!(
            DESIGN_EXAMPLE.contains(from),
            "{what}: the example lacks {from}"
        );
        let text = DESIGN_EXAMPLE.replacen(from, to, 1);
        let sandbox = Sandbox::new();
        let path = sandbox.write("bad.ron", &text);
        let run = sandbox
            .run(&["check", path.to_str().unwrap()])
            .fails_with(1);
        assert!(run.stdout.is_empty(), "{what}: {}", run.stdout);
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "{what}: one problem, one line: {}",
            run.stderr
        );
        let prefix = format!("{}:", path.display());
        let rest = lines[0]
            .strip_prefix(&prefix)
            .unwrap_or_else(|| panic!("{what}: {}", lines[0]));
        let (position, message) = rest
            .split_once(": ")
            .unwrap_or_else(|| panic!("{what}: {}", lines[0]));
        assert!(message.contains(says), "{what}: {message}");
        if what != "syntax error" {
            let (line, col) = position_of(&text, at);
            assert_eq!(position, format!("{line}:{col}"), "{what}: {message}");
        } else {
            assert!(
                position.split(':').all(|n| n.parse::<usize>().is_ok()),
                "{what}: {position}"
            );
        }
    }
}

#[test]
fn check_on_a_missing_file_says_so_in_one_sentence() {
    let run = Sandbox::new()
        .run(&["check", "nowhere.ron"])
        .fails_with(1)
        .one_sentence();
    assert_eq!(
        run.stderr,
        "trajex: cannot read nowhere.ron: no such file or directory\n"
    );
}

#[test]
fn a_bad_dataset_in_the_data_folder_stops_every_command_with_its_position() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "data/trajex/dataset.ron",
        "Dataset(title: \"x\", schemes: [], councils: [], colour: 1)",
    );
    let run = sandbox.run(&["list"]).fails_with(1);
    let path = sandbox.path("data/trajex/dataset.ron");
    assert!(
        run.stderr.starts_with(&format!("{}:1:", path.display())),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("unknown field `colour`"),
        "{}",
        run.stderr
    );
}

// ---- list ----------------------------------------------------------------------------

#[test]
fn list_prints_a_header_and_one_aligned_line_per_council() {
    let run = Sandbox::new().run_on(THREE_COUNCILS, &["list"]).ok();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "council         id              region                    cs          caseload",
            "North Tyneside  north-tyneside  North East                no grade    -",
            "North Somerset  north-somerset  South West                Inadequate  last measured 2018-03: 22.5 children",
            "York            york            Yorkshire and the Humber  -           -",
        ],
        "a measurement is never a value in force: it reads as last measured"
    );
}

#[test]
fn list_with_a_scheme_shows_its_latest_rating_date_and_change() {
    let run = Sandbox::new()
        .run_on(
            THREE_COUNCILS,
            &["list", "--scheme", "stars", "--region", "north east"],
        )
        .ok();
    assert_eq!(
        run.stdout,
        "council         id              region      stars    date     change\n\
         North Tyneside  north-tyneside  North East  3 stars  2004-11  ▲ up 2\n"
    );
}

#[test]
fn list_names_the_valid_regions_and_schemes_when_given_an_unknown_one() {
    let sandbox = Sandbox::new();
    let run = sandbox
        .run_on(THREE_COUNCILS, &["list", "--region", "Atlantis"])
        .fails_with(1)
        .one_sentence();
    assert!(
        run.stderr.contains("\"Atlantis\"")
            && run
                .stderr
                .contains("North East, South West, Yorkshire and the Humber"),
        "{}",
        run.stderr
    );
    let run = sandbox
        .run_on(THREE_COUNCILS, &["list", "--scheme", "ofsted"])
        .fails_with(1)
        .one_sentence();
    assert!(
        run.stderr.contains("\"ofsted\"") && run.stderr.contains("stars, cs, caseload"),
        "{}",
        run.stderr
    );
}

#[test]
fn list_on_the_embedded_set_shows_tower_hamlets_outstanding() {
    let run = Sandbox::new().run(&["list", "--region", "London"]).ok();
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("Tower Hamlets "))
        .expect("a Tower Hamlets line");
    assert!(
        line.contains("tower-hamlets") && line.contains("London") && line.contains("Outstanding"),
        "{line}"
    );
    assert!(
        run.stdout.lines().skip(1).all(|l| l.contains("London")),
        "{}",
        run.stdout
    );
}

// ---- show ----------------------------------------------------------------------------

#[test]
fn show_prints_the_header_then_every_rating_oldest_first_with_changes_notes_and_sources() {
    let run = Sandbox::new()
        .run_on(THREE_COUNCILS, &["show", "e08000022"])
        .ok();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[..12],
        [
            "North Tyneside",
            "id north-tyneside · code E08000022 · region North East",
            "",
            "2002-05     Star rating          1 star",
            "            source: Then there were three <https://example.org/three>",
            "2004-11     Star rating          3 stars   ▲ up 2",
            "            source: Then there were three <https://example.org/three>",
            "2019-07-22  Children's services  Good",
            "            note: =HYPERLINK(\"x\")",
            "            source: Inspection report",
            "2026-05     Children's services  no grade",
            "            note: no overall grade under the 2026 framework",
        ]
    );
}

#[test]
fn show_tower_hamlets_from_the_embedded_set_reads_as_its_history() {
    let run = Sandbox::new().run(&["show", "Tower Hamlets"]).ok();
    assert!(
        run.stdout
            .starts_with("Tower Hamlets\nid tower-hamlets · code E09000030 · region London"),
        "{}",
        run.stdout
    );
    let expected = [
        ("2002-05-30 ", "1 star", ""),
        ("2004-11-18 ", "3 stars", "▲ up 1"),
        ("2017-04-07 ", "Inadequate", ""),
        ("2019-07-22 ", "Good", "▲ up 2"),
        ("2025-01-13 ", "Outstanding", "▲ up 1"),
    ];
    let mut from = 0;
    for (date, level, change) in expected {
        let at = run.stdout[from..]
            .find(&format!("\n{date}"))
            .unwrap_or_else(|| panic!("{date} after the last\n{}", run.stdout));
        from += at + 1;
        let line = run.stdout[from..].lines().next().unwrap();
        assert!(line.contains(level) && line.contains(change), "{line}");
    }
}

#[test]
fn show_finds_a_unitary_council_by_its_former_county_code() {
    let run = Sandbox::new().run(&["show", "E10000002"]).ok();
    assert!(
        run.stdout
            .starts_with("Buckinghamshire\nid buckinghamshire · code E06000060"),
        "{}",
        run.stdout
    );
    let lower = Sandbox::new().run(&["show", "e10000023"]).ok();
    assert!(
        lower.stdout.starts_with("North Yorkshire\n"),
        "{}",
        lower.stdout
    );
}

#[test]
fn show_fits_every_line_in_the_width_asked_for() {
    for width in ["80", "40", "120"] {
        let run = Sandbox::new()
            .run(&["show", "tower-hamlets", "--width", width])
            .ok();
        let widest = run
            .stdout
            .lines()
            .map(UnicodeWidthStr::width)
            .max()
            .unwrap_or(0);
        assert!(
            widest <= width.parse().unwrap(),
            "{width}: a line of {widest}"
        );
        assert!(run.stdout.starts_with("Tower Hamlets\n"), "{}", run.stdout);
    }
    Sandbox::new()
        .run(&["show", "tower-hamlets", "--width", "20"])
        .fails_with(2);
}

#[test]
fn show_an_unknown_council_suggests_the_nearest() {
    let run = Sandbox::new()
        .run_on(THREE_COUNCILS, &["show", "North Tynesyde"])
        .fails_with(1)
        .one_sentence();
    assert_eq!(
        run.stderr,
        "trajex: no council matches \"North Tynesyde\"; did you mean North Tyneside (north-tyneside), North Somerset (north-somerset)?\n"
    );
}

/// The first line `show` prints: the council's name.
fn shown(sandbox: &Sandbox, words: &[&str]) -> String {
    let mut args = vec!["show"];
    args.extend_from_slice(words);
    let run = sandbox.run(&args).ok();
    run.stdout.lines().next().unwrap_or_default().to_owned()
}

#[test]
fn show_finds_a_council_as_the_explorers_filter_does_words_in_any_order_unquoted() {
    let sandbox = Sandbox::new();
    assert_eq!(shown(&sandbox, &["city of bristol"]), "Bristol");
    assert_eq!(shown(&sandbox, &["bham"]), "Birmingham");
    assert_eq!(shown(&sandbox, &["hamlets tower"]), "Tower Hamlets");
    assert_eq!(shown(&sandbox, &["hamlets", "tower"]), "Tower Hamlets");
    assert_eq!(shown(&sandbox, &["tower", "hamlets"]), "Tower Hamlets");
    // Exact names still win over a better fuzzy score elsewhere.
    assert_eq!(shown(&sandbox, &["york"]), "York");
    assert_eq!(shown(&sandbox, &["City", "of", "London"]), "City of London");
    // The explorer's `/` filter lists the same council first for each query.
    for (query, name) in [
        ("city of bristol", "Bristol"),
        ("bham", "Birmingham"),
        ("hamlets tower", "Tower Hamlets"),
    ] {
        let frame = sandbox
            .run(&[
                "render",
                "--size",
                "100x12",
                "--keys",
                &format!("/{query}<Enter>"),
            ])
            .ok()
            .stdout;
        let first = frame.lines().nth(2).unwrap_or_default();
        assert!(first.contains(name), "/{query}: {first}\n{frame}");
    }
}

#[test]
fn show_of_equally_good_matches_lists_them_and_exits_1() {
    let run = Sandbox::new()
        .run(&["show", "kingston"])
        .fails_with(1)
        .one_sentence();
    assert_eq!(
        run.stderr,
        "trajex: \"kingston\" matches several councils: Kingston upon Hull (kingston-upon-hull), Kingston upon Thames (kingston-upon-thames); use one of their ids\n"
    );
}

#[test]
fn export_takes_council_names_of_several_words_unquoted() {
    let run = Sandbox::new()
        .run(&[
            "export", "tower", "hamlets", "city", "of", "bristol", "newham", "--format", "csv",
            "-o", "-",
        ])
        .ok();
    let mut ids: Vec<&str> = run
        .stdout
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    ids.dedup();
    assert_eq!(ids, ["tower-hamlets", "bristol", "newham"]);
}

/// The widest line of `text`, in terminal columns.
fn widest(text: &str) -> usize {
    text.lines().map(|l| l.width()).max().unwrap_or(0)
}

/// The table commands at 80 and 100 columns, as users with narrow terminals run them.
const TABLE_COMMANDS: [&[&str]; 9] = [
    &["list"],
    &["list", "--scheme", "ofsted-cs"],
    &["list", "--at", "2024-03-31"],
    &["list", "--scheme", "ofsted-cs", "--at", "2024-03-31"],
    &[
        "list",
        "--scheme",
        "ofsted-cs",
        "--went",
        "inadequate,outstanding",
    ],
    &["context", "ofsted-cs"],
    &["context", "csci-stars", "--date", "2004-11"],
    &["context", "ofsted-cs", "--by", "region"],
    &["transitions", "ofsted-cs"],
];

#[test]
fn table_commands_fit_columns_or_width_cutting_cells_with_an_ellipsis() {
    let sandbox = Sandbox::new();
    let mut cut = false;
    for args in TABLE_COMMANDS {
        let whole = sandbox.run(args).ok().stdout;
        assert!(widest(&whole) > 80, "{args:?} is wide without a width");
        for width in [80, 100] {
            let columns = width.to_string();
            let mut command = sandbox.command(args);
            command.env("COLUMNS", &columns);
            let output = command.output().unwrap();
            assert_eq!(output.status.code(), Some(0), "{args:?}");
            let by_env = String::from_utf8(output.stdout).unwrap();
            let mut flagged = args.to_vec();
            flagged.extend(["--width", &columns]);
            let by_flag = sandbox.run(&flagged).ok().stdout;
            assert_eq!(by_env, by_flag, "{args:?}: COLUMNS and --width agree");
            assert!(widest(&by_flag) <= width, "{args:?} at {width}:\n{by_flag}");
            // Sentences may wrap onto more lines; no line is lost.
            assert!(by_flag.lines().count() >= whole.lines().count(), "{args:?}");
            cut |= by_flag.contains('…');
        }
    }
    assert!(cut, "some cell was cut with …");
    let list = Sandbox::new().run(&["list", "--width", "80"]).ok().stdout;
    assert!(list.lines().any(|l| l.starts_with("Barking an…")), "{list}");
    assert_eq!(
        list.lines().count(),
        Sandbox::new().run(&["list"]).ok().stdout.lines().count()
    );
}

#[test]
fn a_table_format_is_never_cut_and_refuses_a_width() {
    let sandbox = Sandbox::new();
    for format in ["csv", "md", "json"] {
        let mut command = sandbox.command(&["list", "--format", format]);
        command.env("COLUMNS", "80");
        let output = command.output().unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(
            text.contains("Barking and Dagenham") && !text.contains('…'),
            "{format}"
        );
        let run = sandbox
            .run(&["list", "--format", format, "--width", "80"])
            .fails_with(2)
            .one_sentence();
        assert!(run.stderr.contains("--width"), "{}", run.stderr);
    }
}

#[test]
fn show_an_ambiguous_council_lists_the_candidates() {
    let run = Sandbox::new()
        .run_on(THREE_COUNCILS, &["show", "north"])
        .fails_with(1)
        .one_sentence();
    assert!(
        run.stderr
            .contains("North Somerset (north-somerset), North Tyneside (north-tyneside)"),
        "{}",
        run.stderr
    );
}

// ---- export --------------------------------------------------------------------------

#[test]
fn export_csv_to_stdout_writes_the_header_and_one_row_per_rating() {
    let run = Sandbox::new()
        .run_on(
            THREE_COUNCILS,
            &[
                "export",
                "north-somerset",
                "north-tyneside",
                "--format",
                "csv",
                "-o",
                "-",
            ],
        )
        .ok();
    assert_eq!(
        run.stdout,
        "council_id,council_name,code,region,scheme_id,scheme_name,date,level,rank,value,note,source_id,source_url,date_start,source_title\n\
         north-somerset,North Somerset,,South West,cs,Children's services,2018,Inadequate,1,,,,,2018-01-01,\n\
         north-somerset,North Somerset,,South West,caseload,Caseload,2018-03,,,22.5,,,,2018-03-01,\n\
         north-tyneside,North Tyneside,E08000022,North East,stars,Star rating,2002-05,1 star,2,,,cc,https://example.org/three,2002-05-01,Then there were three\n\
         north-tyneside,North Tyneside,E08000022,North East,stars,Star rating,2004-11,3 stars,4,,,cc,https://example.org/three,2004-11-01,Then there were three\n\
         north-tyneside,North Tyneside,E08000022,North East,cs,Children's services,2019-07-22,Good,3,,\"'=HYPERLINK(\"\"x\"\")\",of,,2019-07-22,Inspection report\n\
         north-tyneside,North Tyneside,E08000022,North East,cs,Children's services,2026-05,,,,no overall grade under the 2026 framework,,,2026-05-01,\n"
    );
}

#[test]
fn export_ron_gives_a_dataset_that_check_accepts_with_the_same_ratings() {
    let sandbox = Sandbox::new();
    sandbox
        .run_on(
            THREE_COUNCILS,
            &["export", "--all", "--format", "ron", "-o", "all.ron"],
        )
        .ok();
    let run = sandbox.run(&["check", "all.ron"]).ok();
    assert_eq!(run.stdout, "3 councils, 6 ratings, 3 schemes\n");
    let original = sandbox
        .run_on(
            THREE_COUNCILS,
            &["export", "--all", "--format", "csv", "-o", "-"],
        )
        .ok();
    let again = sandbox
        .run(&[
            "--data", "all.ron", "export", "--all", "--format", "csv", "-o", "-",
        ])
        .ok();
    assert_eq!(again.stdout, original.stdout);
}

#[test]
fn export_ron_of_one_embedded_council_loads_on_its_own() {
    let sandbox = Sandbox::new();
    sandbox
        .run(&["export", "tower-hamlets", "--format", "ron"])
        .ok();
    assert_eq!(sandbox.listing("work"), ["tower-hamlets.ron"]);
    let run = sandbox.run(&["check", "tower-hamlets.ron"]).ok();
    assert!(run.stdout.starts_with("1 council, "), "{}", run.stdout);
    let shown = sandbox
        .run(&["--data", "tower-hamlets.ron", "show", "tower-hamlets"])
        .ok();
    assert!(
        shown.stdout.contains("2025-01-13") && shown.stdout.contains("Outstanding"),
        "{}",
        shown.stdout
    );
}

#[test]
fn export_csv_of_tower_hamlets_carries_its_ofsted_history() {
    let run = Sandbox::new()
        .run(&["export", "E09000030", "--format", "csv", "-o", "-"])
        .ok();
    for (date, level, rank) in [
        ("2017-04-07", "Inadequate", "1"),
        ("2019-07-22", "Good", "3"),
        ("2025-01-13", "Outstanding", "4"),
    ] {
        let row = format!(
            "tower-hamlets,Tower Hamlets,E09000030,London,ofsted-cs,Children's services: overall effectiveness,{date},{level},{rank},"
        );
        assert!(run.stdout.contains(&row), "{row}\n{}", run.stdout);
    }
}

#[test]
fn export_json_and_markdown_stand_alone() {
    let sandbox = Sandbox::new();
    let json = sandbox
        .run_on(
            THREE_COUNCILS,
            &[
                "export",
                "york",
                "north-tyneside",
                "--format",
                "json",
                "-o",
                "-",
            ],
        )
        .ok();
    assert!(
        json.stdout.contains("\"title\": \"Three councils\""),
        "{}",
        json.stdout
    );
    assert!(
        json.stdout.contains("\"date\": \"2019-07-22\""),
        "{}",
        json.stdout
    );
    let md = sandbox
        .run_on(
            THREE_COUNCILS,
            &["export", "north-tyneside", "--format", "md", "-o", "-"],
        )
        .ok();
    assert!(md.stdout.contains("## North Tyneside\n"), "{}", md.stdout);
    assert!(md.stdout.contains("| 2004-11 | Star rating | 3 stars | ▲ up 2 |  | [Then there were three](<https://example.org/three>) |"), "{}", md.stdout);
}

#[test]
fn export_without_output_writes_the_council_id_file_here_and_never_overwrites_it() {
    let sandbox = Sandbox::new();
    let run = sandbox
        .run_on(THREE_COUNCILS, &["export", "york", "--format", "json"])
        .ok();
    assert!(run.stderr.contains("york.json"), "{}", run.stderr);
    assert_eq!(sandbox.listing("work"), ["york.json"]);
    let target = sandbox.write("work/york.json", "mine");
    let run = sandbox
        .run_on(THREE_COUNCILS, &["export", "york", "--format", "json"])
        .fails_with(1)
        .one_sentence();
    assert_eq!(
        run.stderr,
        "trajex: york.json already exists; use --force to overwrite it\n"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
    assert_eq!(sandbox.listing("work"), ["york.json"]);
    sandbox
        .run_on(
            THREE_COUNCILS,
            &["export", "york", "--format", "json", "--force"],
        )
        .ok();
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("\"id\": \"york\"")
    );
    assert_eq!(sandbox.listing("work"), ["york.json"]);
}

#[test]
fn export_of_several_councils_is_named_trajex_export_and_a_folder_takes_the_default_name() {
    let sandbox = Sandbox::new();
    std::fs::create_dir(sandbox.path("work/out")).unwrap();
    sandbox
        .run_on(
            THREE_COUNCILS,
            &["export", "york", "north-somerset", "--format", "md"],
        )
        .ok();
    sandbox
        .run_on(
            THREE_COUNCILS,
            &["export", "york", "--format", "csv", "-o", "out"],
        )
        .ok();
    assert_eq!(sandbox.listing("work"), ["out", "trajex-export.md"]);
    assert_eq!(sandbox.listing("work/out"), ["york.csv"]);
}

#[test]
fn export_into_a_missing_folder_or_under_a_file_fails_and_leaves_nothing() {
    let sandbox = Sandbox::new();
    let run = sandbox
        .run_on(
            THREE_COUNCILS,
            &[
                "export",
                "york",
                "--format",
                "csv",
                "-o",
                "missing/york.csv",
            ],
        )
        .fails_with(1)
        .one_sentence();
    assert!(
        run.stderr.contains("missing/york.csv") && run.stderr.contains("does not exist"),
        "{}",
        run.stderr
    );
    sandbox.write("work/plain.txt", "a file");
    let run = sandbox
        .run_on(
            THREE_COUNCILS,
            &[
                "export",
                "york",
                "--format",
                "csv",
                "-o",
                "plain.txt/york.csv",
            ],
        )
        .fails_with(1)
        .one_sentence();
    assert!(run.stderr.contains("plain.txt/york.csv"), "{}", run.stderr);
    assert_eq!(sandbox.listing("work"), ["plain.txt"]);
    assert_eq!(
        std::fs::read_to_string(sandbox.path("work/plain.txt")).unwrap(),
        "a file"
    );
}

#[test]
fn export_an_unknown_council_suggests_the_nearest_and_writes_nothing() {
    let sandbox = Sandbox::new();
    let run = sandbox
        .run(&["export", "Tower Hamletz", "--format", "csv"])
        .fails_with(1)
        .one_sentence();
    assert!(
        run.stderr
            .contains("did you mean Tower Hamlets (tower-hamlets)"),
        "{}",
        run.stderr
    );
    assert!(sandbox.listing("work").is_empty());
}

#[test]
fn export_usage_errors_exit_2() {
    let sandbox = Sandbox::new();
    let run = sandbox
        .run(&["export", "tower-hamlets", "--format", "xls"])
        .fails_with(2);
    assert!(
        run.stderr.contains("xls") && run.stderr.contains("csv, json, ron, md"),
        "{}",
        run.stderr
    );
    let run = sandbox
        .run(&["export", "tower-hamlets", "--format", "svg", "--width", "0"])
        .fails_with(2);
    assert!(run.stderr.contains("100 to 5000"), "{}", run.stderr);
    sandbox.run(&["export", "--format", "csv"]).fails_with(2);
    sandbox
        .run(&["export", "tower-hamlets", "--all", "--format", "csv"])
        .fails_with(2);
    sandbox.run(&["export", "tower-hamlets"]).fails_with(2);
    assert!(sandbox.listing("work").is_empty());
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let sandbox = Sandbox::new();
    let mut child = sandbox
        .command(&["export", "--all", "--format", "csv", "-o", "-"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("trajex runs");
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(first.starts_with(b"council_id,"));
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(status.code(), Some(0), "{stderr}");
}

// ---- render, the explorer ------------------------------------------------------------

#[test]
fn render_draws_a_plain_text_frame_of_the_given_size_after_the_keys() {
    let run = Sandbox::new()
        .run(&["render", "--size", "80x24", "--keys", "/tower<Enter>"])
        .ok();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 24, "{}", run.stdout);
    assert!(lines.iter().all(|l| l.width() <= 80), "{}", run.stdout);
    assert!(
        !run.stdout.contains('\u{1b}'),
        "escape codes in {}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Tower Hamlets · London · E09000030"),
        "{}",
        run.stdout
    );
}

#[test]
fn render_with_a_bad_size_or_bad_keys_is_a_usage_error() {
    let sandbox = Sandbox::new();
    for size in ["10", "0x10", "axb", "120x"] {
        let run = sandbox.run(&["render", "--size", size]).fails_with(2);
        assert!(
            run.stderr.contains("WIDTHxHEIGHT"),
            "{size}: {}",
            run.stderr
        );
    }
    let run = sandbox
        .run(&["render", "--keys", "<Bogus>"])
        .fails_with(2)
        .one_sentence();
    assert!(run.stderr.contains("Bogus"), "{}", run.stderr);
    // An unclosed `<` is refused, not typed as letters (whose `n` would open a popup).
    for keys in ["<Enter", "/tower<Ent"] {
        let run = sandbox
            .run(&["render", "--keys", keys])
            .fails_with(2)
            .one_sentence();
        assert!(
            run.stderr
                .starts_with("trajex: --keys has a < that no > closes")
                && run.stderr.contains("<Enter>")
                && run.stdout.is_empty(),
            "{keys}: {}",
            run.stderr
        );
    }
}

#[test]
fn the_explorer_without_a_terminal_points_to_render() {
    let run = Sandbox::new().run(&[]).fails_with(1).one_sentence();
    assert!(
        run.stderr.contains("needs a terminal") && run.stderr.contains("trajex render"),
        "{}",
        run.stderr
    );
}

// ---- paths, config, help -------------------------------------------------------------

#[test]
fn paths_names_every_location_inside_the_users_folders() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["paths"]).ok();
    let expected = [
        "dataset:      <embedded> (built in)".to_owned(),
        format!(
            "data file:    {} (not found)",
            sandbox.path("data/trajex/dataset.ron").display()
        ),
        format!(
            "config file:  {} (not found)",
            sandbox.path("config/trajex/config.ron").display()
        ),
        "config:       not found (defaults in use)".to_owned(),
        format!(
            "export dir:   {} (the current folder)",
            sandbox.work().display()
        ),
        format!(
            "state file:   {} (not found)",
            sandbox.path("data/trajex/state.ron").display()
        ),
        format!("cache dir:    {}", sandbox.path("cache/trajex").display()),
    ];
    assert_eq!(run.stdout.lines().collect::<Vec<_>>(), expected);
}

#[test]
fn a_dataset_in_the_data_folder_replaces_the_embedded_one() {
    let sandbox = Sandbox::new();
    let path = sandbox.write("data/trajex/dataset.ron", THREE_COUNCILS);
    let run = sandbox.run(&["paths"]).ok();
    assert!(
        run.stdout.starts_with(&format!(
            "dataset:      {} (from the data folder)\n",
            path.display()
        )),
        "{}",
        run.stdout
    );
    assert_eq!(
        sandbox.run(&["check"]).ok().stdout,
        "3 councils, 6 ratings, 3 schemes\n"
    );
    let flagged = sandbox.write("mine.ron", DESIGN_EXAMPLE);
    let run = sandbox
        .run(&["--data", flagged.to_str().unwrap(), "paths"])
        .ok();
    assert!(
        run.stdout.starts_with(&format!(
            "dataset:      {} (from --data)\n",
            flagged.display()
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn the_config_names_the_export_folder() {
    let sandbox = Sandbox::new();
    sandbox.write("config/trajex/config.ron", "// mine\nConfig(theme: Mono, export_dir: \"~/exports\", keys: {\"pin\": [\"space\", \"p\"]})\n");
    let run = sandbox.run(&["paths"]).ok();
    let line = format!(
        "export dir:   {} (from config.ron)",
        sandbox.path("home/exports").display()
    );
    assert!(run.stdout.contains(&line), "{}", run.stdout);
}

#[test]
fn a_bad_config_is_reported_like_a_bad_dataset() {
    let sandbox = Sandbox::new();
    let path = sandbox.write(
        "config/trajex/config.ron",
        "Config(\n    theme: Dark,\n    colour: Light,\n)\n",
    );
    let run = sandbox.run(&["paths"]).fails_with(1);
    assert!(
        run.stderr
            .starts_with(&format!("{}:3:5: unknown field `colour`", path.display())),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn version_and_every_commands_help_work() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["--version"]).ok();
    assert_eq!(
        run.stdout,
        format!("trajex {}\n", env!("CARGO_PKG_VERSION"))
    );
    for command in [
        "check", "list", "show", "export", "render", "import", "context", "paths",
    ] {
        let run = sandbox.run(&[command, "--help"]).ok();
        assert!(
            run.stdout.contains("Example") && run.stdout.contains("trajex "),
            "{command}: {}",
            run.stdout
        );
    }
    let run = sandbox.run(&["--help"]).ok();
    assert!(run.stdout.contains("--data <PATH>"), "{}", run.stdout);
}

#[test]
fn an_unreadable_data_flag_is_one_sentence() {
    let run = Sandbox::new()
        .run(&["--data", "gone.ron", "list"])
        .fails_with(1)
        .one_sentence();
    assert_eq!(
        run.stderr,
        "trajex: cannot read gone.ron: no such file or directory\n"
    );
}

#[test]
fn the_configs_key_bindings_drive_render_and_a_clash_is_an_error() {
    let sandbox = Sandbox::new();
    let data = sandbox.write("given.ron", THREE_COUNCILS);
    let data = data.to_str().unwrap();
    let selected = |run: &Run| {
        run.stdout
            .lines()
            .find(|l| l.contains('▶'))
            .map(str::to_owned)
            .unwrap_or_default()
    };
    let default = sandbox.run(&["--data", data, "render", "--keys", "j"]).ok();
    sandbox.write(
        "config/trajex/config.ron",
        "Config(keys: {\"down\": [\"J\"]})\n",
    );
    let rebound = sandbox.run(&["--data", data, "render", "--keys", "J"]).ok();
    assert_eq!(
        selected(&rebound),
        selected(&default),
        "J now moves down as j did"
    );
    let unbound = sandbox.run(&["--data", data, "render", "--keys", "j"]).ok();
    assert_ne!(selected(&unbound), selected(&default), "j no longer moves");

    sandbox.write(
        "config/trajex/config.ron",
        "Config(keys: {\"help\": [\"q\"]})\n",
    );
    let run = sandbox.run(&["--data", data, "render"]).fails_with(1);
    // Reported like a dataset error: where, then what, on one line.
    assert!(
        run.stderr.trim_end().ends_with(
            "config.ron:1:24: key \"q\" is bound to both \"quit\" and \"help\" in the main screen"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "{}", run.stderr);
}

#[test]
fn a_config_that_gives_an_action_twice_or_traps_the_user_is_refused_where_it_says_so() {
    let sandbox = Sandbox::new();
    let path = sandbox.write(
        "config/trajex/config.ron",
        "Config(keys: {\n  \"pin\": [\"p\"],\n  \"pin\": [\"z\"],\n})\n",
    );
    let run = sandbox.run(&["render"]).fails_with(1);
    assert_eq!(
        run.stderr.trim_end(),
        format!(
            "{}:3:3: \"pin\" is given twice in keys; give each action one list of keys",
            path.display()
        )
    );
    sandbox.write(
        "config/trajex/config.ron",
        "Config(keys: {\"quit\": [], \"force-quit\": []})\n",
    );
    let run = sandbox.run(&["render"]).fails_with(1);
    assert!(
        run.stderr.trim_end().ends_with(
            "config.ron:1:27: the main screen would have no way out: \"quit\" and \"force-quit\" are both unbound; keep a key for one of them"
        ),
        "{}",
        run.stderr
    );
    sandbox.write(
        "config/trajex/config.ron",
        "Config(keys: {\"filter.keep\": [], \"filter.clear\": [], \"filter.force-quit\": []})\n",
    );
    let run = sandbox.run(&["paths"]).fails_with(1);
    assert!(
        run.stderr.contains("the filter would have no way out"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "{}", run.stderr);
}

// ---- import --------------------------------------------------------------------------

/// Cells a spreadsheet or a CSV reader trips on: a council named like a formula, notes
/// with commas, quotes and line breaks, notes starting `-`, `+`, `@`, a tab or a `'`,
/// values with a fraction or a sign, an ungraded rating, dates at every precision.
const AWKWARD: &str = r#"Dataset(
    title: "Awkward cells",
    schemes: [
        Scheme(id: "stars", name: "Star rating, \"CSCI\"", body: "CSCI",
               scale: Ordinal(["0 stars", "1 star", "2 stars", "3 stars"]), until: "2009-04"),
        Scheme(id: "cs", name: "Children's services", body: "Ofsted",
               scale: Ordinal(["Inadequate", "Requires improvement to be good", "Good", "Outstanding"])),
        Scheme(id: "caseload", name: "Caseload", body: "Council",
               scale: Numeric(unit: "children", better: Lower)),
        Scheme(id: "budget", name: "Budget change", body: "Council",
               scale: Numeric(unit: "%", better: Higher)),
        Scheme(id: "unused", name: "Unused", body: "Nobody", scale: Ordinal(["Bad", "Fine"])),
    ],
    councils: [
        Council(id: "formula", name: "=HYPERLINK(\"x\")", code: "+44", region: "@home", ratings: [
            Rating(scheme: "stars", date: "2002", level: "1 star",
                   note: "commas, \"quotes\", and\na new line", source: "cc"),
            Rating(scheme: "stars", date: "2004-11", level: "3 stars", note: "-5 on last year", source: "cc"),
            Rating(scheme: "cs", date: "2019-07-22", level: "Good", note: "+ better", source: "of"),
            Rating(scheme: "cs", date: "2026-05", note: "@ no overall grade under the 2026 framework"),
            Rating(scheme: "caseload", date: "2017-04", value: 25.5, note: "\tindented"),
            Rating(scheme: "budget", date: "2018", value: -3.5, note: "'=already quoted"),
        ]),
        Council(id: "plain", name: "Plain, Council", region: "North \"East\"", ratings: [
            Rating(scheme: "cs", date: "2018-03", level: "Inadequate", note: "line one\r\nline two"),
        ]),
    ],
    sources: [
        Source(id: "cc", title: "Then there were three", url: "https://example.org/three?a=1,b=2"),
        Source(id: "of", title: "Inspection report"),
    ],
)
"#;

/// Exports `councils` of `data` (a path under work/, or None for the embedded set) to
/// CSV, imports that, and exports the import again: both CSVs.
fn export_import_export(
    sandbox: &Sandbox,
    data: Option<&str>,
    councils: &[&str],
    schemes: Option<&str>,
) -> (String, String) {
    let with_data = |args: &[&str]| -> Vec<String> {
        let mut all: Vec<String> = data
            .map(|d| vec!["--data".to_owned(), d.to_owned()])
            .unwrap_or_default();
        all.extend(args.iter().map(|a| (*a).to_owned()));
        all
    };
    let mut export = vec!["export"];
    export.extend_from_slice(councils);
    export.extend_from_slice(&["--format", "csv", "-o", "first.csv", "--force"]);
    let args = with_data(&export);
    sandbox
        .run(&args.iter().map(String::as_str).collect::<Vec<_>>())
        .ok();
    let mut import = vec!["import", "first.csv", "-o", "back.ron", "--force"];
    if let Some(from) = schemes {
        import.extend_from_slice(&["--schemes", from]);
    }
    let args = with_data(&import);
    let run = sandbox
        .run(&args.iter().map(String::as_str).collect::<Vec<_>>())
        .ok();
    assert!(run.stderr.starts_with("wrote back.ron ("), "{}", run.stderr);
    sandbox.run(&["check", "back.ron"]).ok();
    let mut again = vec!["--data", "back.ron", "export"];
    again.extend_from_slice(councils);
    again.extend_from_slice(&["--format", "csv", "-o", "-"]);
    let again = sandbox.run(&again).ok();
    (sandbox.read("work/first.csv"), again.stdout)
}

#[test]
fn import_of_an_exported_council_exports_again_byte_for_byte() {
    let sandbox = Sandbox::new();
    for council in ["tower-hamlets", "E09000030", "hackney"] {
        let (first, again) = export_import_export(&sandbox, None, &[council], None);
        assert!(first.lines().count() > 3, "{council}: {first}");
        assert_eq!(again, first, "{council}");
    }
}

#[test]
fn import_of_the_whole_embedded_dataset_exports_again_byte_for_byte() {
    let sandbox = Sandbox::new();
    let (first, again) = export_import_export(&sandbox, None, &["--all"], None);
    assert!(first.lines().count() > 1000, "{}", first.lines().count());
    assert_eq!(again, first);
    let run = sandbox.run(&["check", "back.ron"]).ok();
    let embedded = sandbox.run(&["check"]).ok();
    let ratings = |out: &str| out.split(", ").nth(1).map(str::to_owned);
    assert_eq!(
        ratings(&run.stdout),
        ratings(&embedded.stdout),
        "every rating came back"
    );
}

#[test]
fn import_undoes_the_formula_neutralisation_and_keeps_awkward_cells_exactly() {
    let sandbox = Sandbox::new();
    sandbox.write("work/awkward.ron", AWKWARD);
    let (first, again) = export_import_export(
        &sandbox,
        Some("awkward.ron"),
        &["--all"],
        Some("awkward.ron"),
    );
    for cell in [
        r#""'=HYPERLINK(""x"")""#,
        ",'+44,'@home,",
        "\"commas, \"\"quotes\"\", and\na new line\"",
        ",'-5 on last year,",
        ",'+ better,",
        ",'@ no overall grade under the 2026 framework,",
        ",25.5,'\tindented,",
        ",-3.5,''=already quoted,",
        "\"Plain, Council\",,\"North \"\"East\"\"\"",
        "\"line one\r\nline two\"",
        ",2002,1 star,2,",
        ",2026-05,,,,",
        "\"https://example.org/three?a=1,b=2\"",
    ] {
        assert!(
            first.contains(cell),
            "the fixture is not awkward enough: {cell:?}\n{first}"
        );
    }
    assert_eq!(again, first);
    let (one, again) = export_import_export(
        &sandbox,
        Some("awkward.ron"),
        &["formula"],
        Some("awkward.ron"),
    );
    assert_eq!(again, one);

    let shown = sandbox.run(&["--data", "back.ron", "show", "formula"]).ok();
    for line in [
        "=HYPERLINK(\"x\")",
        "id formula · code +44 · region @home",
        "note: -5 on last year",
        "note: '=already quoted",
        // A line break in a note is written out: a note is one line under its rating.
        "note: commas, \"quotes\", and\\na new line",
    ] {
        assert!(shown.stdout.contains(line), "{line}\n{}", shown.stdout);
    }
    let check = sandbox.run(&["check", "back.ron"]).ok();
    assert_eq!(
        check.stdout, "1 council, 6 ratings, 4 schemes\n",
        "only the schemes used come along"
    );
}

#[test]
fn a_council_added_to_an_exported_csv_shows_after_import() {
    let sandbox = Sandbox::new();
    sandbox
        .run(&[
            "export",
            "tower-hamlets",
            "--format",
            "csv",
            "-o",
            "mine.csv",
        ])
        .ok();
    let mut csv = sandbox.read("work/mine.csv");
    csv.push_str(
        "my-town,My Town,E06999999,North West,ofsted-cs,Children's services: overall effectiveness,2024-03-15,Good,3,,added by hand,my-report,https://example.org/my-report,,\n\
         my-town,My Town,E06999999,North West,caseload,,2024,,,17.5,,,,,\n",
    );
    sandbox.write("work/mine.csv", &csv);
    let run = sandbox.run(&["import", "mine.csv", "-o", "mine.ron"]).ok();
    assert!(
        run.stderr.starts_with("wrote mine.ron (2 councils, "),
        "{}",
        run.stderr
    );
    let shown = sandbox.run(&["--data", "mine.ron", "show", "my town"]).ok();
    for text in [
        "My Town\nid my-town · code E06999999 · region North West",
        "2024-03-15  Children's services: overall effectiveness  Good",
        "note: added by hand",
        "source: https://example.org/my-report <https://example.org/my-report>",
        "17.5 children",
    ] {
        assert!(shown.stdout.contains(text), "{text}\n{}", shown.stdout);
    }
    let listed = sandbox.run(&["--data", "mine.ron", "list"]).ok();
    assert!(
        listed.stdout.contains("My Town") && listed.stdout.contains("Tower Hamlets"),
        "{}",
        listed.stdout
    );
}

#[test]
fn import_reports_every_problem_at_its_line_and_column_and_writes_nothing() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "work/bad.csv",
        "council_id,council_name,code,region,scheme_id,scheme_name,date,level,rank,value,note,source_id,source_url\n\
         my-town,My Town,,,ofsted-cs,,2024-03,Great,,,,,\n\
         my-town,My Town,,,ofstedcs,,2024,,,,\"a note\nover two lines\",,\n\
         my-town,Our Town,,,caseload,,May 2024,,,12,,,\n\
         My Town,My Town,,,ofsted-cs,,2024,,,,,nowhere,\n",
    );
    let run = sandbox
        .run(&["import", "bad.csv", "-o", "out.ron"])
        .fails_with(1);
    assert_eq!(
        run.stderr,
        "bad.csv:2:8: in column level, \"Great\" is not a level of scheme \"ofsted-cs\" (Inadequate, Requires improvement to be good, Good, Outstanding)\n\
         bad.csv:3:5: in column scheme_id, scheme \"ofstedcs\" is not defined in the embedded dataset; did you mean \"ofsted-cs\"?\n\
         bad.csv:5:2: in column council_name, council \"my-town\" has \"Our Town\" here but \"My Town\" on line 2, its first row\n\
         bad.csv:5:7: in column date, a date must be written YYYY, YYYY-MM or YYYY-MM-DD, not \"May 2024\"\n\
         bad.csv:6:1: in column council_id, council id \"My Town\" must be lowercase letters, digits and `-`\n\
         bad.csv:6:12: in column source_id, source \"nowhere\" is not defined in the embedded dataset and no row gives its source_url to make one from\n"
    );
    assert_eq!(
        sandbox.listing("work"),
        ["bad.csv"],
        "no output, no temporary file"
    );
}

#[test]
fn import_never_overwrites_without_force_and_writes_stdout_for_a_dash() {
    let sandbox = Sandbox::new();
    sandbox
        .run_on(
            THREE_COUNCILS,
            &["export", "--all", "--format", "csv", "-o", "three.csv"],
        )
        .ok();
    let data = sandbox.path("given.ron");
    let data = data.to_str().unwrap();
    sandbox.write("work/mine.ron", "mine");
    let run = sandbox
        .run(&["import", "three.csv", "-o", "mine.ron", "--schemes", data])
        .fails_with(1)
        .one_sentence();
    assert_eq!(
        run.stderr,
        "trajex: mine.ron already exists; use --force to overwrite it\n"
    );
    assert_eq!(sandbox.read("work/mine.ron"), "mine");
    sandbox
        .run(&[
            "import",
            "three.csv",
            "-o",
            "mine.ron",
            "--schemes",
            data,
            "--force",
        ])
        .ok();
    assert!(
        sandbox
            .read("work/mine.ron")
            .starts_with("Dataset(\n    title: \"Imported from three.csv\"")
    );
    let run = sandbox
        .run(&["--data", data, "import", "three.csv", "-o", "-"])
        .ok();
    assert_eq!(
        run.stdout,
        sandbox.read("work/mine.ron"),
        "--data names the schemes too"
    );
    let run = sandbox
        .run(&["import", "three.csv", "-o", "-"])
        .fails_with(1);
    assert!(
        run.stderr.starts_with("three.csv:2:5: in column scheme_id, scheme \"stars\" is not defined in the embedded dataset; its schemes are ofsted-cs, "),
        "the embedded set lacks the fixture's schemes: {}",
        run.stderr
    );
}

#[test]
fn import_of_a_missing_or_empty_file_or_a_bad_catalogue_says_where() {
    let sandbox = Sandbox::new();
    let run = sandbox
        .run(&["import", "gone.csv", "-o", "x.ron"])
        .fails_with(1)
        .one_sentence();
    assert_eq!(
        run.stderr,
        "trajex: cannot read gone.csv: no such file or directory\n"
    );
    sandbox.write("work/empty.csv", "");
    let run = sandbox
        .run(&["import", "empty.csv", "-o", "x.ron"])
        .fails_with(1);
    assert!(
        run.stderr.starts_with("empty.csv:1:1: the file is empty"),
        "{}",
        run.stderr
    );
    sandbox.write("work/broken.ron", "Dataset(titel: \"x\")");
    let run = sandbox
        .run(&[
            "import",
            "empty.csv",
            "-o",
            "x.ron",
            "--schemes",
            "broken.ron",
        ])
        .fails_with(1);
    assert!(
        run.stderr
            .starts_with("broken.ron:1:9: unknown field `titel`"),
        "{}",
        run.stderr
    );
    assert_eq!(sandbox.listing("work"), ["broken.ron", "empty.csv"]);
}

// ---- context -------------------------------------------------------------------------

/// Four rated councils and one never rated, with counts worked out by hand in the tests.
const CONTEXT: &str = r#"Dataset(
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
const ROUND: &str = r#"Dataset(
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
fn context_rows(sandbox: &Sandbox, args: &[&str]) -> [Vec<Vec<String>>; 3] {
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
fn lines_from<'t>(text: &'t str, title: &str, count: usize) -> Vec<&'t str> {
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
fn listed_at(sandbox: &Sandbox, scheme: &str, date: &str, council: &str) -> String {
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

// ---- --data embedded, the config line of paths, generated names -----------------------

/// What `check` says of the embedded dataset, from a sandbox with nothing else in it.
fn embedded_counts() -> String {
    Sandbox::new().run(&["check"]).ok().stdout
}

#[test]
fn data_embedded_uses_the_embedded_set_even_with_a_dataset_in_the_data_folder() {
    let embedded = embedded_counts();
    let sandbox = Sandbox::new();
    let mine = sandbox.write("data/trajex/dataset.ron", THREE_COUNCILS);
    assert_eq!(
        sandbox.run(&["check"]).ok().stdout,
        "3 councils, 6 ratings, 3 schemes\n"
    );
    assert_eq!(
        sandbox.run(&["--data", "embedded", "check"]).ok().stdout,
        embedded
    );
    let list = sandbox.run(&["--data", "embedded", "list"]).ok().stdout;
    assert!(list.contains("Tower Hamlets"), "{list}");
    let show = sandbox.run(&["show", "tower-hamlets", "--data", "embedded"]);
    assert!(show.ok().stdout.starts_with("Tower Hamlets\n"));
    let csv = sandbox.run(&[
        "--data",
        "embedded",
        "export",
        "tower-hamlets",
        "--format",
        "csv",
        "-o",
        "-",
    ]);
    assert!(csv.ok().stdout.contains("E09000030"));
    let councils: usize = embedded.split(' ').next().unwrap().parse().unwrap();
    let frame = sandbox
        .run(&["--data", "embedded", "render", "--size", "100x30"])
        .ok()
        .stdout;
    assert!(
        frame.contains(&format!("Councils 1/{councils} ")),
        "{frame}"
    );
    let paths = sandbox.run(&["--data", "embedded", "paths"]).ok().stdout;
    let lines: Vec<&str> = paths.lines().collect();
    assert_eq!(
        lines[0],
        "dataset:      <embedded> (built in; chosen by --data embedded)"
    );
    assert_eq!(
        lines[1],
        format!("data file:    {} (not in use)", mine.display())
    );
}

#[test]
fn a_file_called_embedded_is_reached_as_dot_slash_embedded() {
    let embedded = embedded_counts();
    let sandbox = Sandbox::new();
    sandbox.write("work/embedded", THREE_COUNCILS);
    assert_eq!(
        sandbox.run(&["--data", "embedded", "check"]).ok().stdout,
        embedded
    );
    assert_eq!(
        sandbox.run(&["--data", "./embedded", "check"]).ok().stdout,
        "3 councils, 6 ratings, 3 schemes\n"
    );
    let paths = sandbox.run(&["--data", "embedded", "paths"]).ok().stdout;
    assert!(
        paths.starts_with(
            "dataset:      <embedded> (built in; chosen by --data embedded; \
             --data ./embedded reads the file here)\n"
        ),
        "{paths}"
    );
    let help = sandbox.run(&["--help"]).ok().stdout;
    assert!(help.contains("--data ./embedded"), "{help}");
}

#[test]
fn paths_says_whether_the_config_loads_and_why_not() {
    let sandbox = Sandbox::new();
    let config_line = |run: &Run| {
        run.stdout
            .lines()
            .find(|l| l.starts_with("config:"))
            .map(str::to_owned)
            .unwrap_or_default()
    };
    let missing = sandbox.run(&["paths"]).ok();
    assert_eq!(
        config_line(&missing),
        "config:       not found (defaults in use)"
    );

    sandbox.write("config/trajex/config.ron", "Config(theme: Mono)\n");
    let good = sandbox.run(&["paths"]).ok();
    assert_eq!(config_line(&good), "config:       loads");

    let path = sandbox.write(
        "config/trajex/config.ron",
        "Config(\n    theme: Dark,\n    colour: Light,\n)\n",
    );
    let bad = sandbox.run(&["paths"]).fails_with(1);
    let problem = format!("{}:3:5: unknown field `colour`", path.display());
    assert!(
        config_line(&bad).starts_with(&format!("config:       does not load: {problem}")),
        "{}",
        bad.stdout
    );
    assert!(
        bad.stdout
            .contains("export dir:   unknown until config.ron is fixed"),
        "{}",
        bad.stdout
    );
    assert!(bad.stderr.starts_with(&problem), "{}", bad.stderr);
    assert_eq!(bad.stderr.lines().count(), 1, "{}", bad.stderr);
}

#[test]
fn generated_councils_have_short_names_told_apart_in_a_narrow_list() {
    let sandbox = Sandbox::new();
    let run = sandbox
        .run(&["generate", "--councils", "5000", "-o", "gen.ron"])
        .ok();
    assert!(
        run.stderr
            .starts_with("wrote gen.ron (5000 synthetic councils")
    );
    let check = sandbox.run(&["--data", "gen.ron", "check"]).ok();
    assert!(
        check.stdout.starts_with("5000 councils, "),
        "{}",
        check.stdout
    );

    // Every name differs from every other within its first 12 characters.
    let list = sandbox.run(&["--data", "gen.ron", "list"]).ok().stdout;
    let names: Vec<&str> = list
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(names.len(), 5000);
    let firsts: std::collections::HashSet<String> =
        names.iter().map(|n| n.chars().take(12).collect()).collect();
    assert_eq!(
        firsts.len(),
        5000,
        "names alike in their first 12 characters"
    );

    // And the explorer's list at 80 columns shows each name whole, no two alike.
    let frame = sandbox
        .run(&["--data", "gen.ron", "render", "--size", "80x24"])
        .ok()
        .stdout;
    assert!(frame.contains("Synthetic region"), "{frame}");
    let rows: Vec<String> = frame
        .lines()
        .skip(1)
        .filter_map(|l| l.split('│').nth(1))
        .map(|cell| cell.trim_start_matches(['▶', ' ']).to_owned())
        .filter_map(|cell| cell.split_whitespace().next().map(str::to_owned))
        .collect();
    assert!(rows.len() >= 15, "{frame}");
    assert!(
        rows.iter().all(|r| names.contains(&r.as_str())),
        "each row shows a whole name: {frame}"
    );
    let distinct: std::collections::HashSet<&String> = rows.iter().collect();
    assert_eq!(distinct.len(), rows.len(), "{frame}");
}

// ---- the questions people ask: transitions, league tables, trajectories, regions -----
//
// Expected figures are worked out here from the dataset's ratings with rules written
// out plainly (a rating holds until the council's next one; no rating holds for a
// council that had not begun or had ended), never by calling the code under test.

/// The embedded dataset, parsed: the tests read its ratings, not trajex's figures.
fn embedded() -> trajex::data::Dataset {
    trajex::data::load::parse(trajex::data::EMBEDDED, "<embedded>")
        .expect("the embedded set loads")
        .dataset
}

/// (year, month, day) of a date as the dataset writes it, a missing part as 1.
fn ymd(date: &trajex::data::Date) -> (i32, i32, i32) {
    let text = date.to_string();
    let mut parts = text.split('-').map(|p| p.parse::<i32>().expect("a number"));
    let y = parts.next().expect("a year");
    (y, parts.next().unwrap_or(1), parts.next().unwrap_or(1))
}

/// Complete calendar months from `a` to `b`.
fn months(a: &trajex::data::Date, b: &trajex::data::Date) -> i32 {
    let ((y1, m1, d1), (y2, m2, d2)) = (ymd(a), ymd(b));
    (y2 - y1) * 12 + (m2 - m1) - i32::from(d2 < d1)
}

/// The median of `values`, the mean of the middle two for an even count, as trajex
/// prints a figure (one decimal at most, no trailing `.0`).
fn median(values: &mut [i32]) -> String {
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
fn share(n: usize, of: usize) -> String {
    let x = (n as f64 * 1000.0 / of as f64).round() / 10.0;
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

/// The rows of a CSV (header first), each cell as text.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
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
fn ofsted_in_force(
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

const OFSTED_LEVELS: [&str; 4] = [
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
const TRANSITIONS: &str = r#"Dataset(
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
    let readme = include_str!("../../README.md");
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

// ---- import: the date_start and source_title columns -----------------------------------

/// The tidy CSV's header since `date_start` and `source_title` were added.
const CSV_HEADER: &str = "council_id,council_name,code,region,scheme_id,scheme_name,date,level,rank,value,note,source_id,source_url,date_start,source_title";

/// The first day of a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date, worked out from its text.
fn first_day(date: &str) -> String {
    match date.len() {
        4 => format!("{date}-01-01"),
        7 => format!("{date}-01"),
        10 => date.to_owned(),
        _ => panic!("not a date: {date:?}"),
    }
}

#[test]
fn the_whole_embedded_dataset_round_trips_byte_for_byte_with_date_start_and_source_title() {
    let sandbox = Sandbox::new();
    let (first, again) = export_import_export(&sandbox, None, &["--all"], None);
    assert_eq!(first.lines().next(), Some(CSV_HEADER));
    let mut reader = csv::Reader::from_reader(first.as_bytes());
    let (mut rows, mut titled, mut months, mut years) = (0, 0, 0, 0);
    for record in reader.records() {
        let record = record.expect("a CSV row");
        assert_eq!(record.len(), 15, "{record:?}");
        let (date, start) = (&record[6], &record[13]);
        assert_eq!(start, first_day(date), "{record:?}");
        months += usize::from(date.len() == 7);
        years += usize::from(date.len() == 4);
        // A row cites a source exactly when it has a title (every embedded source has one).
        assert_eq!(record[11].is_empty(), record[14].is_empty(), "{record:?}");
        titled += usize::from(!record[14].is_empty());
        rows += 1;
    }
    assert!(rows > 1000 && titled > 1000, "{rows} rows, {titled} titled");
    assert!(months > 0 && years > 0, "{months} months, {years} years");
    assert_eq!(again, first, "export, import, export gives the same bytes");
}

#[test]
fn import_of_an_old_thirteen_column_file_still_works() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "work/old.csv",
        "council_id,council_name,code,region,scheme_id,scheme_name,date,level,rank,value,note,source_id,source_url\n\
         my-town,My Town,,North West,ofsted-cs,,2024-03,Good,3,,,my-report,https://example.org/my-report\n\
         my-town,My Town,,North West,ofsted-cs,,2025,Outstanding,4,,,,\n",
    );
    let run = sandbox.run(&["import", "old.csv", "-o", "old.ron"]).ok();
    assert!(
        run.stderr
            .starts_with("wrote old.ron (1 council, 2 ratings, "),
        "{}",
        run.stderr
    );
    let again = sandbox
        .run(&[
            "--data", "old.ron", "export", "my-town", "--format", "csv", "-o", "-",
        ])
        .ok();
    assert_eq!(
        again.stdout,
        format!(
            "{CSV_HEADER}\n\
             my-town,My Town,,North West,ofsted-cs,Children's services: overall effectiveness,2024-03,Good,3,,,my-report,https://example.org/my-report,2024-03-01,https://example.org/my-report\n\
             my-town,My Town,,North West,ofsted-cs,Children's services: overall effectiveness,2025,Outstanding,4,,,,,2025-01-01,\n"
        ),
        "a source made from a URL alone is titled by it, as before"
    );
}

#[test]
fn import_titles_a_source_the_catalogue_lacks_by_source_title_and_round_trips() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "work/mine.csv",
        format!(
            "{CSV_HEADER}\n\
             my-town,My Town,,North West,ofsted-cs,,2024-03,Good,3,,,my-report,https://example.org/my-report,2024-03-01,\"'=Our own report, 2024\"\n"
        ),
    );
    sandbox.run(&["import", "mine.csv", "-o", "mine.ron"]).ok();
    let shown = sandbox.run(&["--data", "mine.ron", "show", "my-town"]).ok();
    assert!(
        shown
            .stdout
            .contains("source: =Our own report, 2024 <https://example.org/my-report>"),
        "{}",
        shown.stdout
    );
    let again = sandbox
        .run(&[
            "--data", "mine.ron", "export", "my-town", "--format", "csv", "-o", "-",
        ])
        .ok();
    assert!(
        again.stdout.ends_with(
            ",my-report,https://example.org/my-report,2024-03-01,\"'=Our own report, 2024\"\n"
        ),
        "the title comes back, neutralised again:\n{}",
        again.stdout
    );
}

#[test]
fn import_reports_a_date_start_unlike_the_date_as_one_positioned_problem_and_writes_nothing() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "work/shifted.csv",
        format!(
            "{CSV_HEADER}\n\
             my-town,My Town,,,ofsted-cs,,2024-03,Good,3,,,,,2024-03-01,\n\
             my-town,My Town,,,ofsted-cs,,2025,Good,3,,,,,2025-02-01,\n\
             my-town,My Town,,,ofsted-cs,,2026-01-09,Good,3,,,,,,\n"
        ),
    );
    let run = sandbox
        .run(&["import", "shifted.csv", "-o", "out.ron"])
        .fails_with(1);
    assert_eq!(
        run.stderr,
        "shifted.csv:3:14: in column date_start, \"2025-02-01\" is not the first day of the date 2025, which is 2025-01-01\n"
    );
    assert_eq!(sandbox.listing("work"), ["shifted.csv"], "nothing written");
}

#[test]
fn import_of_a_crlf_csv_points_at_the_same_line_and_column_as_lf() {
    let sandbox = Sandbox::new();
    let lf = format!(
        "{CSV_HEADER}\n\
         my-town,My Town,,,ofsted-cs,,2022,Good,,,,,,,\n\
         my-town,My Town,,,ofsted-cs,,2023,Good,,,,,,,\n\
         my-town,My Town,,,ofsted-cs,,2024,Great,,,,,,,\n"
    );
    sandbox.write("work/lf.csv", &lf);
    sandbox.write("work/crlf.csv", lf.replace('\n', "\r\n"));
    let message = ":4:8: in column level, \"Great\" is not a level of scheme \"ofsted-cs\" (Inadequate, Requires improvement to be good, Good, Outstanding)\n";
    for file in ["lf.csv", "crlf.csv"] {
        let run = sandbox
            .run(&["import", file, "-o", "out.ron"])
            .fails_with(1);
        assert_eq!(run.stderr, format!("{file}{message}"));
    }
    assert_eq!(
        sandbox.listing("work"),
        ["crlf.csv", "lf.csv"],
        "nothing written"
    );
}

#[test]
fn a_bad_number_or_name_on_the_command_line_is_one_plain_sentence_and_exit_2() {
    let sandbox = Sandbox::new();
    let cases: [(&[&str], &str); 14] = [
        (
            &["generate", "--councils", "abc", "-o", "x.ron"],
            "--councils must be a whole number from 1 to 10000000, not \"abc\"",
        ),
        (
            &["generate", "--councils", "0", "-o", "x.ron"],
            "--councils must be a whole number from 1 to 10000000, not \"0\"",
        ),
        (
            &["generate", "--councils", "10000001", "-o", "x.ron"],
            "--councils must be a whole number from 1 to 10000000, not \"10000001\"",
        ),
        (
            &[
                "generate",
                "--councils",
                "3",
                "--seed",
                "abc",
                "-o",
                "x.ron",
            ],
            "--seed must be a whole number from 0 to 18446744073709551615, not \"abc\"",
        ),
        (
            &["show", "x", "--width", "abc"],
            "--width must be a whole number of columns from 40 to 400, not \"abc\"",
        ),
        (
            &["show", "x", "--width", "10"],
            "--width must be a whole number of columns from 40 to 400, not \"10\"",
        ),
        (
            &["render", "--size", "10x"],
            "--size must be WIDTHxHEIGHT, e.g. 120x40, each a whole number from 1 to 1000, not \"10x\"",
        ),
        (
            &[
                "list",
                "--scheme",
                "ofsted-cs",
                "--went",
                "good",
                "--within",
                "abc",
            ],
            "--within must be a whole number of months from 0 to 4294967295, not \"abc\"",
        ),
        (
            &["export", "--all", "-f", "svg", "--width", "abc"],
            "--width must be a whole number of pixels from 100 to 5000, not \"abc\"",
        ),
        (
            &["export", "--all", "-f", "svg", "--height", "5"],
            "--height must be a whole number of pixels from 100 to 5000, not \"5\"",
        ),
        (
            &["export", "--all", "-f", "xls"],
            "--format must be one of csv, json, ron, md, svg, png, not \"xls\"",
        ),
        (
            &["list", "-f", "xls"],
            "--format must be one of csv, md, json, not \"xls\"",
        ),
        (
            &["context", "ofsted-cs", "-f", "xls"],
            "--format must be one of csv, md, json, not \"xls\"",
        ),
        (
            &["transitions", "ofsted-cs", "-f", "xls"],
            "--format must be one of csv, md, json, not \"xls\"",
        ),
    ];
    for (args, sentence) in cases {
        let run = sandbox.run(args).fails_with(2);
        let first = run.stderr.lines().next().unwrap_or_default();
        assert_eq!(first, format!("error: {sentence}"), "{args:?}");
        for raw in ["invalid digit", "..=", "invalid value", "is not in"] {
            assert!(!run.stderr.contains(raw), "{args:?}: {}", run.stderr);
        }
    }
    assert_eq!(
        sandbox.listing("work"),
        Vec::<String>::new(),
        "nothing written"
    );
}

#[test]
fn counts_say_one_council_and_two_councils() {
    let sandbox = Sandbox::new();
    let one = sandbox
        .run(&["generate", "--councils", "1", "-o", "one.ron"])
        .ok();
    assert!(
        one.stderr
            .starts_with("wrote one.ron (1 synthetic council, ")
            && one.stderr.ends_with(" ratings)\n"),
        "{}",
        one.stderr
    );
    let checked = sandbox.run(&["--data", "one.ron", "check"]).ok();
    assert!(
        checked.stdout.starts_with("1 council, "),
        "{}",
        checked.stdout
    );
    let two = sandbox
        .run(&["generate", "--councils", "2", "-o", "two.ron"])
        .ok();
    assert!(
        two.stderr
            .starts_with("wrote two.ron (2 synthetic councils, "),
        "{}",
        two.stderr
    );
}

// ---- untrusted text ------------------------------------------------------------------

/// A dataset with a bidi override in a council name, a zero-width space in a note and a
/// `javascript:` source url, each written raw in the file.
const HIDDEN_CHARACTERS: &str = "Dataset(title: \"t\",
    schemes: [Scheme(id: \"s\", name: \"Stars\", body: \"B\", scale: Ordinal([\"Low\", \"High\"]))],
    councils: [Council(id: \"evil\", name: \"Evil\u{202e}nwoT\", ratings: [
        Rating(scheme: \"s\", date: \"2010\", level: \"Low\", note: \"a\u{200b}b\", source: \"js\"),
    ])],
    sources: [Source(id: \"js\", title: \"Click me\", url: \"javascript:alert(1)\")],
)
";

#[test]
fn check_warns_about_bidi_zero_width_and_non_web_links_at_their_place() {
    let sandbox = Sandbox::new();
    let path = sandbox.write("hidden.ron", HIDDEN_CHARACTERS);
    let run = sandbox.run(&["check", path.to_str().unwrap()]).ok();
    let at = |marker: &str| {
        let (line, col) = position_of(HIDDEN_CHARACTERS, marker);
        format!("{}:{line}:{col}: warning: ", path.display())
    };
    for expected in [
        format!(
            "{}council name \"Evil\\u{{202e}}nwoT\" holds the bidi character U+202E; it is shown escaped, never obeyed",
            at("\u{202e}")
        ),
        format!(
            "{}rating note \"a\\u{{200b}}b\" holds the zero-width character U+200B; it is shown escaped, never obeyed",
            at("\u{200b}")
        ),
        format!(
            "{}source url \"javascript:alert(1)\" is not an http or https address; it is shown, never linked or copied",
            at("\"javascript:")
        ),
    ] {
        assert!(
            run.stderr.lines().any(|l| l == expected),
            "{expected}\n{}",
            run.stderr
        );
    }
    assert!(!run.stderr.contains('\u{202e}'), "{}", run.stderr);
}

#[test]
fn a_javascript_source_url_is_no_markdown_link() {
    let run = Sandbox::new()
        .run_on(
            HIDDEN_CHARACTERS,
            &["export", "evil", "--format", "md", "-o", "-"],
        )
        .ok();
    assert!(!run.stdout.contains("](<javascript:"), "{}", run.stdout);
    assert!(!run.stdout.contains("](javascript:"), "{}", run.stdout);
    assert!(
        run.stdout.contains("| Click me (javascript:alert(1)) |"),
        "{}",
        run.stdout
    );
    // Written to a file (not a terminal), the dataset's text stays exact.
    assert!(run.stdout.contains("Evil\u{202e}nwoT"), "{}", run.stdout);
}

#[test]
fn at_80_columns_the_national_context_keeps_its_date_and_gives_way_on_the_schemes_name() {
    // Tower Hamlets' star ratings strip, the cursor back to the 2006-11 round.
    let keys = format!("/tower<Enter><Tab>j{}n", "h".repeat(10));
    let screen = Sandbox::new()
        .run(&["render", "--size", "80x24", "--keys", &keys])
        .ok()
        .stdout;
    let title = screen
        .lines()
        .find(|l| l.contains("Social services star rating"))
        .expect("the popup's title");
    assert!(title.contains("…, at 2006-11"), "{screen}");
    assert!(
        screen.contains("Known for 0 of 150 councils; 150 unknown"),
        "inside the round's month every council is unknown, as context --date 2006-11 says: {screen}"
    );
}
