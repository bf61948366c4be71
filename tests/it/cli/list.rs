//! `trajex list`: one line per council.

use super::*;

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
