//! Hostile files: escape sequences in any string never reach the terminal raw, long
//! text is cut with an ellipsis, wide text keeps columns aligned, and no file of any
//! content makes any command panic (exit code 101).

use unicode_width::UnicodeWidthStr;

use crate::common::{Run, Sandbox};

/// What clears the screen and retitles the window when printed raw.
const ATTACK: &str = "\x1b[2J\x1b]0;pwned\x07";
/// How the explorer and the commands show it instead.
const SHOWN: &str = "\\x1b[2J\\x1b]0;pwned\\x07";

/// A valid dataset whose every string (and scheme and source id) carries [`ATTACK`].
fn hostile_dataset() -> String {
    let a = ron::to_string(ATTACK).unwrap();
    let tagged = |s: &str| ron::to_string(&format!("{s}{ATTACK}")).unwrap();
    format!(
        r#"Dataset(
    title: {title},
    description: {a},
    schemes: [
        Scheme(id: {sid}, name: {sname}, body: {a},
               scale: Ordinal([{l0}, {l1}]), eras: [({a}, "2010")]),
        Scheme(id: "num", name: {a}, body: {a}, scale: Numeric(unit: {a}, better: Lower)),
    ],
    councils: [
        Council(id: "evil", name: {cname}, code: {a}, aliases: [{a}], region: {a}, kind: {a},
                neighbours: ["absent"], ratings: [
            Rating(scheme: {sid}, date: "2010-01", level: {l0}, note: {a}, source: {src}),
            Rating(scheme: {sid}, date: "2012-01", level: {l1}, note: {a}, source: {src}),
            Rating(scheme: "num", date: "2012-02", value: 3.0, note: {a}, source: {src}),
        ]),
    ],
    summaries: [Summary(scheme: {sid}, date: "2011", total: 1, counts: {{{l0}: 1}}, source: {src})],
    sources: [Source(id: {src}, title: {a}, publisher: {a}, url: {a})],
)
"#,
        title = tagged("Title"),
        sid = tagged("scheme"),
        sname = tagged("Scheme"),
        l0 = tagged("Low"),
        l1 = tagged("High"),
        cname = tagged("Evil"),
        src = tagged("source"),
    )
}

fn has_control(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes)
        .chars()
        .any(|c| c.is_control() && c != '\n')
}

#[test]
fn escape_sequences_in_a_dataset_never_reach_the_terminal_from_any_command() {
    let sandbox = Sandbox::for_hostile_input();
    let data = sandbox.write("evil.ron", hostile_dataset().as_bytes());
    let data = data.to_str().unwrap();
    let scheme = format!("scheme{ATTACK}");
    let (nowhere, region, unknown) = (
        format!("nowhere{ATTACK}"),
        format!("x{ATTACK}"),
        format!("x{ATTACK}"),
    );
    let runs: Vec<(Vec<&str>, i32)> = vec![
        (vec!["render", "--size", "160x50"], 0),
        (
            vec!["render", "--size", "160x50", "--keys", "<Tab><Tab>"],
            0,
        ),
        (
            vec!["render", "--size", "160x50", "--keys", "<Tab><Tab><Enter>"],
            0,
        ),
        (vec!["render", "--size", "160x50", "--keys", "<Tab>n"], 0),
        (vec!["render", "--size", "160x50", "--keys", "e"], 0),
        (vec!["render", "--size", "160x50", "--keys", "?"], 0),
        (vec!["render", "--size", "60x20", "--keys", "<Tab>"], 0),
        (vec!["show", "evil"], 0),
        (vec!["list"], 0),
        (vec!["list", "--scheme", &scheme], 0),
        (vec!["context", &scheme, "--date", "2011"], 0),
        (vec!["context", "num", "--date", "2013"], 0),
        (vec!["check"], 0),
        // Errors that echo what the user or the file said.
        (vec!["show", &nowhere], 1),
        (vec!["list", "--region", &region], 1),
        (vec!["context", &unknown], 1),
    ];
    for (args, code) in runs {
        let args: Vec<&str> = ["--data", data].into_iter().chain(args).collect();
        let run = sandbox.run_bytes(&args);
        assert_eq!(run.code, Some(code), "{args:?}: {}", run.stderr);
        assert!(
            !has_control(&run.stdout),
            "{args:?} printed a control character:\n{}",
            String::from_utf8_lossy(&run.stdout)
        );
        assert!(
            !has_control(run.stderr.as_bytes()),
            "{args:?} wrote a control character to stderr:\n{}",
            run.stderr
        );
    }
    // And the text is there, visibly escaped, where the user reads the name.
    for args in [
        vec!["--data", data, "show", "evil"],
        // Wide enough that no cell is cut (COLUMNS=100 here would cut the name).
        vec!["--data", data, "list", "--width", "400"],
        vec!["--data", data, "render", "--size", "160x50"],
    ] {
        let stdout = String::from_utf8(sandbox.run_bytes(&args).stdout).unwrap();
        assert!(
            stdout.contains(&format!("Evil{SHOWN}")),
            "{args:?}:\n{stdout}"
        );
    }
}

#[test]
fn a_bad_dataset_that_echoes_hostile_text_in_its_errors_escapes_it() {
    let sandbox = Sandbox::for_hostile_input();
    let text = hostile_dataset().replacen("level: \"Low", &format!("level: \"Nope{ATTACK}"), 1);
    let data = sandbox.write("evil.ron", text.as_bytes());
    let run = sandbox.run_bytes(&["check", data.to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(": \"Nope{SHOWN}")) && run.stderr.contains("is not a level"),
        "{}",
        run.stderr
    );
    assert!(!has_control(run.stderr.as_bytes()), "{}", run.stderr);
}

/// A dataset of councils with long, wide, accented and combining names.
fn awkward_names() -> String {
    let long = "Very Long Name ".repeat(40);
    let names = [
        ("long", long.trim_end().to_owned()),
        ("ynys-mon", "Ynys Môn".to_owned()),
        ("tokyo", "東京都庁".to_owned()),
        ("combining", "Cafe\u{301} Combine\u{301}".to_owned()),
        ("plain", "Plain".to_owned()),
    ];
    let councils: Vec<String> = names
        .iter()
        .map(|(id, name)| {
            format!(
                r#"Council(id: "{id}", name: {}, region: "R", ratings: [Rating(scheme: "s", date: "2010", level: "Good", note: {})])"#,
                ron::to_string(name).unwrap(),
                ron::to_string(&"note ".repeat(300)).unwrap()
            )
        })
        .collect();
    format!(
        r#"Dataset(title: "t", schemes: [Scheme(id: "s", name: "S", body: "B", scale: Ordinal(["Bad", "Good"]))], councils: [{}])"#,
        councils.join(",\n")
    )
}

#[test]
fn long_names_are_cut_with_an_ellipsis_and_wide_ones_keep_list_columns_aligned() {
    let sandbox = Sandbox::for_hostile_input();
    let data = sandbox.write("names.ron", awkward_names().as_bytes());
    let run = sandbox.run_bytes(&["--data", data.to_str().unwrap(), "list"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let stdout = String::from_utf8(run.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 6, "{stdout}");
    let long = lines.iter().find(|l| l.starts_with("Very Long")).unwrap();
    assert!(long.contains('…'), "the long name is cut: {long}");
    assert!(long.width() < 120, "the long name is cut short: {long}");
    // Every row's id column starts at the same screen column.
    let id_column = |line: &str, id: &str| {
        let at = line
            .find(&format!("  {id}"))
            .unwrap_or_else(|| panic!("{id} in {line}"));
        line[..at + 2].width()
    };
    let ids = ["id", "long", "ynys-mon", "tokyo", "combining", "plain"];
    let columns: Vec<usize> = lines
        .iter()
        .zip(ids)
        .map(|(l, id)| id_column(l, id))
        .collect();
    assert!(
        columns.windows(2).all(|w| w[0] == w[1]),
        "id columns {columns:?}:\n{stdout}"
    );
}

#[test]
fn the_explorer_cuts_long_names_and_notes_and_keeps_its_borders_straight() {
    let sandbox = Sandbox::for_hostile_input();
    let data = sandbox.write("names.ron", awkward_names().as_bytes());
    let run = sandbox.run_bytes(&[
        "--data",
        data.to_str().unwrap(),
        "render",
        "--size",
        "120x30",
        "--keys",
        "<Tab><Tab>",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let frame = String::from_utf8(run.stdout).unwrap();
    for line in frame.lines() {
        assert!(line.width() <= 120, "a row overflows: {line}");
    }
    assert!(frame.contains("Very Long Name Very L… G"), "{frame}");
    let event = frame.lines().find(|l| l.contains("note note")).unwrap();
    assert!(event.contains("… │"), "the note is cut: {event}");
    // Rows that cross the list show its right border at one column.
    let borders: Vec<usize> = frame
        .lines()
        .skip(1)
        .take(25)
        .map(|l| {
            let at = l
                .char_indices()
                .filter(|(_, c)| *c == '│')
                .nth(1)
                .unwrap()
                .0;
            l[..at].width()
        })
        .collect();
    assert!(
        borders.windows(2).all(|w| w[0] == w[1]),
        "{borders:?}\n{frame}"
    );
}

#[test]
fn show_prints_a_long_name_and_note_whole_wrapped_to_the_width() {
    let sandbox = Sandbox::for_hostile_input();
    let data = sandbox.write("names.ron", awkward_names().as_bytes());
    let data = data.to_str().unwrap();
    let run = sandbox.run_bytes(&["--data", data, "show", "long"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let stdout = String::from_utf8(run.stdout).unwrap();
    // Wrapped, nothing cut: with the line breaks read as spaces, every word is there.
    let words = stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    let long = "Very Long Name ".repeat(40);
    assert!(words.starts_with(long.trim_end()), "{stdout}");
    let note = "note ".repeat(300);
    assert!(
        words.contains(&format!("note: {}", note.trim_end())),
        "{stdout}"
    );
    assert!(stdout.lines().all(|l| l.chars().count() <= 100), "{stdout}");
    let run = sandbox.run_bytes(&["--data", data, "show", "tokyo"]);
    assert!(
        String::from_utf8(run.stdout)
            .unwrap()
            .starts_with("東京都庁\n")
    );
}

// ---------------------------------------------------------------------------------
// No file of any content makes any command panic.

/// Files a user might point trajex at by mistake or by malice.
fn hostile_files() -> Vec<(&'static str, Vec<u8>)> {
    let valid = include_str!("../fixtures/councils.ron");
    let mut files: Vec<(&'static str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("nul bytes", vec![0; 4096]),
        (
            "invalid utf-8",
            b"Dataset(title: \"\xff\xfe\xc0\", schemes: [], councils: [])".to_vec(),
        ),
        ("truncated", valid.as_bytes()[..valid.len() / 2].to_vec()),
        (
            "truncated mid-character",
            "Dataset(title: \"Môn".as_bytes()[..17].to_vec(),
        ),
        (
            "random bytes",
            (0..8192u32)
                .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
                .collect(),
        ),
        ("a bare number", b"1e309".to_vec()),
        ("json", br#"{"title": "t", "councils": []}"#.to_vec()),
        (
            "deep nesting",
            format!(
                "Dataset(title: {}\"t\"{}",
                "[".repeat(100_000),
                "]".repeat(100_000)
            )
            .into_bytes(),
        ),
        (
            "deep nesting in a field",
            format!(
                "Dataset(title: \"t\", schemes: [], councils: [], sources: [{}])",
                "Some(".repeat(50_000)
            )
            .into_bytes(),
        ),
    ];
    let numeric = r#"Dataset(title: "t", schemes: [Scheme(id: "n", name: "N", body: "B", scale: Numeric(unit: "u", better: Higher))],
        councils: [Council(id: "c", name: "C", ratings: [Rating(scheme: "n", date: "2010", value: VALUE)])])"#;
    for (name, value) in [
        ("1e309", "1e309"),
        ("-1e309", "-1e309"),
        ("NaN", "NaN"),
        ("inf", "inf"),
        ("huge integer", "340282366920938463463374607431768211456"),
        ("f64::MAX", "1.7976931348623157e308"),
        ("tiny", "5e-324"),
    ] {
        files.push((name, numeric.replace("VALUE", value).into_bytes()));
    }
    let dated = r#"Dataset(title: "t", schemes: [Scheme(id: "s", name: "S", body: "B", scale: Ordinal(["a"]))],
        councils: [Council(id: "c", name: "C", ratings: [Rating(scheme: "s", date: "DATE", level: "a")])],
        summaries: [Summary(scheme: "s", date: "DATE", total: 4294967295, counts: {"a": 4294967295})])"#;
    for (name, date) in [
        ("year 0", "0000"),
        ("year 9999", "9999-12-31"),
        ("year 1", "0001-01-01"),
        ("negative date", "-2010-01"),
        ("absurd date", "99999-99-99"),
        ("February 30th", "2010-02-30"),
        ("leap day", "2000-02-29"),
        ("non-ASCII digits", "２０１０"),
    ] {
        files.push((name, dated.replace("DATE", date).into_bytes()));
    }
    let levels: Vec<String> = (0..10_000).map(|i| format!("\"level {i}\"")).collect();
    files.push((
        "10,000 levels",
        format!(
            r#"Dataset(title: "t", schemes: [Scheme(id: "s", name: "S", body: "B", scale: Ordinal([{}]))],
            councils: [Council(id: "c", name: "C", ratings: [Rating(scheme: "s", date: "2010", level: "level 9999")])])"#,
            levels.join(",")
        )
        .into_bytes(),
    ));
    let many: Vec<String> = (0..255).map(|i| format!("\"l{i}\"")).collect();
    files.push((
        "255 levels, the highest used",
        format!(
            r#"Dataset(title: "t", schemes: [Scheme(id: "s", name: "S", body: "B", scale: Ordinal([{}]))],
            councils: [Council(id: "c", name: "C", ratings: [Rating(scheme: "s", date: "2010", level: "l254"), Rating(scheme: "s", date: "2011", level: "l0")])])"#,
            many.join(",")
        )
        .into_bytes(),
    ));
    // Strips of 255 levels each, in more schemes than a chart's rows can count.
    let levels: Vec<String> = (0..255).map(|i| format!("\"l{i}\"")).collect();
    let schemes: Vec<String> = (0..300)
        .map(|i| {
            format!(
                r#"Scheme(id: "s{i}", name: "S", body: "B", scale: Ordinal([{}]))"#,
                levels.join(",")
            )
        })
        .collect();
    let ratings: Vec<String> = (0..300)
        .map(|i| {
            format!(
                r#"Rating(scheme: "s{i}", date: "2010", level: "l{}")"#,
                i % 255
            )
        })
        .collect();
    files.push((
        "300 schemes of 255 levels, all rated",
        format!(
            r#"Dataset(title: "t", schemes: [{}], councils: [Council(id: "c", name: "C", ratings: [{}])])"#,
            schemes.join(",\n"),
            ratings.join(",\n")
        )
        .into_bytes(),
    ));
    files.push((
        "duplicate everything",
        br#"Dataset(title: "t",
        schemes: [Scheme(id: "s", name: "S", body: "B", scale: Ordinal(["a", "a"]), parent: "s"),
                  Scheme(id: "s", name: "S", body: "B", scale: Ordinal(["a"]), parent: "s")],
        councils: [Council(id: "c", name: "C", neighbours: ["c", "c"], succeeded_by: ["c"],
                           ratings: [Rating(scheme: "s", date: "2010", level: "a", source: "x"),
                                     Rating(scheme: "s", date: "2010", level: "a", source: "x")]),
                   Council(id: "c", name: "C", ratings: [])],
        sources: [Source(id: "x", title: "x"), Source(id: "x", title: "x")])"#
            .to_vec(),
    ));
    files.push((
        "a council that neighbours itself",
        br#"Dataset(title: "t", schemes: [], councils: [Council(id: "c", name: "C", neighbours: ["c"], succeeded_by: ["c"])])"#.to_vec(),
    ));
    files.push((
        "nothing at all",
        br#"Dataset(title: "", schemes: [], councils: [])"#.to_vec(),
    ));
    files.push((
        "a scheme that ends before it starts",
        br#"Dataset(title: "t", schemes: [Scheme(id: "s", name: "S", body: "B", scale: Ordinal(["a", "b"]), until: "0001", eras: [("E", "9999"), ("F", "0001")])],
        councils: [Council(id: "c", name: "C", ratings: [Rating(scheme: "s", date: "9999-12-31", level: "b"), Rating(scheme: "s", date: "0001", level: "a")])])"#
            .to_vec(),
    ));
    files
}

fn assert_no_panic(file: &str, args: &[&str], run: &Run<Vec<u8>>) {
    assert_ne!(
        run.code,
        Some(101),
        "{file}: {args:?} panicked:\n{}",
        run.stderr
    );
    assert!(
        run.code.is_some(),
        "{file}: {args:?} was killed by a signal:\n{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("overflow"),
        "{file}: {args:?}:\n{}",
        run.stderr
    );
    assert!(
        !has_control(run.stderr.as_bytes()),
        "{file}: {args:?} wrote a control character to stderr:\n{}",
        run.stderr
    );
    if run.code != Some(0) {
        assert!(
            !run.stderr.trim().is_empty(),
            "{file}: {args:?} failed silently"
        );
    }
}

#[test]
fn no_file_of_any_content_makes_any_command_panic() {
    let sandbox = Sandbox::for_hostile_input();
    let garbage_csv = sandbox.write(
        "garbage.csv",
        b"council_id,\xff\n\"unclosed,1,2\n,,,,,,,,,,,,,,,,\n",
    );
    let garbage_csv = garbage_csv.to_str().unwrap();
    for (i, (name, bytes)) in hostile_files().iter().enumerate() {
        let path = sandbox.write(&format!("f{i}.ron"), bytes);
        let data = path.to_str().unwrap();
        let out = sandbox.path(&format!("out{i}"));
        let out = out.to_str().unwrap();
        let runs: Vec<Vec<&str>> = vec![
            vec!["check", data],
            vec!["--data", data, "check"],
            vec!["--data", data, "list"],
            vec!["--data", data, "list", "--scheme", "s"],
            vec!["--data", data, "show", "c"],
            vec![
                "--data", data, "export", "--all", "--format", "csv", "-o", "-",
            ],
            vec![
                "--data", data, "export", "--all", "--format", "json", "-o", "-",
            ],
            vec![
                "--data", data, "export", "--all", "--format", "md", "-o", "-",
            ],
            vec![
                "--data", data, "export", "--all", "--format", "svg", "-o", "-",
            ],
            vec![
                "--data", data, "export", "--all", "--format", "ron", "-o", "-",
            ],
            vec!["--data", data, "render", "--size", "100x30"],
            vec![
                "--data",
                data,
                "render",
                "--size",
                "100x30",
                "--keys",
                "<Tab>lll+n",
            ],
            vec![
                "--data",
                data,
                "render",
                "--size",
                "100x30",
                "--keys",
                "<Tab><Tab><Enter>",
            ],
            vec!["--data", data, "context", "s", "--date", "2010"],
            vec!["--data", data, "context", "n", "--date", "2010"],
            vec!["import", garbage_csv, "-o", out, "--schemes", data],
            vec!["import", data, "-o", out],
        ];
        for args in runs {
            let run = sandbox.run_bytes(&args);
            assert_no_panic(name, &args, &run);
        }
    }
}

#[test]
fn a_deeply_nested_file_fails_in_one_sentence_not_a_stack_overflow() {
    let sandbox = Sandbox::for_hostile_input();
    let deep =
        |open: &str, close: &str| format!("{}{}", open.repeat(200_000), close.repeat(200_000));
    let shapes = [
        format!("Dataset(title: {})", deep("[", "]")),
        format!(
            "Dataset(title: \"t\", description: {}\"d\")",
            deep("Some(", ")")
        ),
        format!(
            "Dataset(title: \"t\", schemes: [], councils: {})",
            deep("[", "]")
        ),
        format!(
            "Dataset(title: \"t\", schemes: [], councils: [], summaries: [Summary(scheme: \"s\", date: \"2010\", counts: {})])",
            deep("{\"a\": ", "}")
        ),
        deep("(", ")"),
        deep("Dataset(", ")"),
    ];
    for (i, text) in shapes.iter().enumerate() {
        let path = sandbox.write(&format!("deep{i}.ron"), text.as_bytes());
        let run = sandbox.run_bytes(&["check", path.to_str().unwrap()]);
        assert_eq!(run.code, Some(1), "shape {i}: {}", run.stderr);
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "shape {i}: {}", run.stderr);
        assert!(
            lines[0].starts_with(&format!("{}:1:", path.display())),
            "shape {i} is not positioned: {}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("overflow"),
            "shape {i}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_file_too_big_to_be_a_dataset_is_refused_before_it_is_read() {
    let sandbox = Sandbox::for_hostile_input();
    let path = sandbox.path("huge.ron");
    // Sparse: it claims 8 GiB but takes no disk.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(8 << 30).unwrap();
    drop(file);
    let data = path.to_str().unwrap();
    // Refused by its size alone: "too large" is said before a byte is read, and no
    // clock is asked (a timed test would be flaky on a shared machine).
    for args in [vec!["check", data], vec!["--data", data, "list"]] {
        let run = sandbox.run_bytes(&args);
        assert_eq!(run.code, Some(1), "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("trajex: ") && run.stderr.contains("too large"),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(run.stderr.trim_end().lines().count(), 1, "{}", run.stderr);
    }
}

#[test]
fn no_config_of_any_content_makes_a_command_panic_or_write_a_control_character() {
    let sandbox = Sandbox::for_hostile_input();
    let dir = sandbox.path("config/trajex");
    std::fs::create_dir_all(&dir).unwrap();
    let configs: Vec<(&str, Vec<u8>)> = vec![
        (
            "random bytes",
            (0..2048u32)
                .map(|i| (i.wrapping_mul(2654435761) >> 11) as u8)
                .collect(),
        ),
        ("nul bytes", vec![0; 512]),
        (
            "deep nesting",
            format!("Config(keys: {})", "{".repeat(100_000)).into_bytes(),
        ),
        (
            "an escape as a key",
            b"Config(keys: {\"quit\": [\"\x1b]0;pwned\x07\"]})".to_vec(),
        ),
        (
            "an escape as an action",
            b"Config(keys: {\"\x1b[2J\": [\"q\"]})".to_vec(),
        ),
        (
            "every action on one key",
            b"Config(keys: {\"quit\": [\"j\"], \"down\": [\"j\"]})".to_vec(),
        ),
        (
            "an escape in the export folder",
            b"Config(export_dir: \"\x1b[2J\")".to_vec(),
        ),
        ("an unknown theme", b"Config(theme: Plaid)".to_vec()),
    ];
    for (name, bytes) in configs {
        std::fs::write(dir.join("config.ron"), &bytes).unwrap();
        for args in [
            vec!["render", "--size", "80x24", "--keys", "jjq"],
            vec!["paths"],
        ] {
            let run = sandbox.run_bytes(&args);
            assert_no_panic(name, &args, &run);
            assert!(
                !has_control(&run.stdout),
                "{name}: {args:?} printed a control character"
            );
        }
    }
}
