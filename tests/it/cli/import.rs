//! `trajex import`: the tidy CSV back into a dataset.

use super::*;

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
