//! `trajex export`: every format, file names, never a half-written file.

use super::*;

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
