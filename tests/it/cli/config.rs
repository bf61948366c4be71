//! `trajex paths`, the config, `--data`, help and version.

use super::*;

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
