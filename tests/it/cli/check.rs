//! `trajex check`: counts, every malformed dataset at its position.

use super::*;

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
