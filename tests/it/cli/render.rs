//! `trajex render` and the explorer without a terminal.

use super::*;

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
