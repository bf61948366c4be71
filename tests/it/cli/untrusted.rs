//! Untrusted text from a dataset never reaches the terminal raw.

use super::*;

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
