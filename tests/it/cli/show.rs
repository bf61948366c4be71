//! `trajex show` and finding a council from what was typed; tables fitted to the width.

use super::*;

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
