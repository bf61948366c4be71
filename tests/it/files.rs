//! Files as trajex reads them: the load cache never serves an old dataset, and what is
//! no regular file (a named pipe, a device, a folder) is refused in one sentence.

use std::path::Path;

use crate::common::Sandbox;

const DATASET: &str = r#"Dataset(title: "t",
    schemes: [Scheme(id: "cs", name: "CS", body: "Ofsted", scale: Ordinal(["Inadequate", "Good"]))],
    councils: [Council(id: "th", name: "Tower Hamlets", ratings: [
        Rating(scheme: "cs", date: "2017-04-07", level: "Inadequate"),
        Rating(scheme: "cs", date: "2019-07-22", level: "Good"),
    ])])"#;

/// Writes `text` over `path` and puts its modification time back, as `touch -r` does.
fn edit_keeping_the_time(path: &Path, text: &str) {
    let modified = std::fs::metadata(path).unwrap().modified().unwrap();
    assert_eq!(std::fs::metadata(path).unwrap().len(), text.len() as u64);
    std::fs::write(path, text).unwrap();
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    assert_eq!(
        std::fs::metadata(path).unwrap().modified().unwrap(),
        modified
    );
}

#[test]
fn an_edit_of_the_same_size_with_its_time_put_back_is_seen_by_check_show_and_the_explorer() {
    let sandbox = Sandbox::new();
    let data = sandbox.write("d.ron", DATASET);
    let data = data.to_str().unwrap();
    // Fill the cache: show and the explorer both load through it.
    let shown = sandbox
        .run(&["--data", data, "show", "th", "--width", "80"])
        .ok();
    assert!(shown.stdout.contains("Tower Hamlets"), "{}", shown.stdout);
    sandbox
        .run(&["--data", data, "render", "--size", "100x30"])
        .ok();
    assert!(
        !sandbox.listing("cache/trajex").is_empty(),
        "a cache was written"
    );

    // The same length, the time put back: the name changes.
    edit_keeping_the_time(
        Path::new(data),
        &DATASET.replace("Tower Hamlets", "Tower Hamletz"),
    );
    let shown = sandbox
        .run(&["--data", data, "show", "th", "--width", "80"])
        .ok();
    assert!(shown.stdout.contains("Tower Hamletz"), "{}", shown.stdout);
    let frame = sandbox
        .run(&["--data", data, "render", "--size", "100x30"])
        .ok();
    assert!(frame.stdout.contains("Tower Hamletz"), "{}", frame.stdout);

    // The same length, the time put back: a level no longer on the scale.
    edit_keeping_the_time(
        Path::new(data),
        &DATASET.replace("level: \"Good\")", "level: \"Gxxd\")"),
    );
    let run = sandbox.run(&["check", data]).fails_with(1);
    assert!(run.stderr.contains("Gxxd"), "{}", run.stderr);
    let run = sandbox.run(&["--data", data, "check"]).fails_with(1);
    assert!(run.stderr.contains("Gxxd"), "{}", run.stderr);
    sandbox.run(&["--data", data, "show", "th"]).fails_with(1);
}

/// `--data PATH list` and `check PATH` on what is no regular file: exit 1, one sentence
/// naming the file and what it is.
fn refused(sandbox: &Sandbox, path: &str, what: &str) {
    for args in [vec!["--data", path, "list"], vec!["check", path]] {
        let run = sandbox.run(&args).fails_with(1).one_sentence();
        assert_eq!(
            run.stderr.trim_end(),
            format!("trajex: cannot read {path}: it is {what}, not a regular file"),
            "{args:?}"
        );
    }
}

#[test]
fn a_named_pipe_as_the_dataset_is_refused_without_waiting_for_a_writer() {
    let sandbox = Sandbox::new();
    let pipe = sandbox.path("pipe.ron");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    assert!(made.unwrap().success(), "mkfifo");
    refused(&sandbox, pipe.to_str().unwrap(), "a named pipe (FIFO)");
}

#[test]
fn a_device_as_the_dataset_is_refused_before_a_byte_is_read() {
    let sandbox = Sandbox::new();
    for device in ["/dev/zero", "/dev/urandom"] {
        refused(&sandbox, device, "a device");
    }
}

#[test]
fn a_folder_as_the_dataset_is_refused_in_a_sentence() {
    let sandbox = Sandbox::new();
    refused(&sandbox, sandbox.work().to_str().unwrap(), "a folder");
}

#[test]
fn a_symlink_to_a_dataset_is_read() {
    let sandbox = Sandbox::new();
    let data = sandbox.write("d.ron", DATASET);
    let link = sandbox.path("link.ron");
    std::os::unix::fs::symlink(&data, &link).unwrap();
    let run = sandbox.run(&["check", link.to_str().unwrap()]).ok();
    assert_eq!(run.stdout, "1 council, 2 ratings, 1 scheme\n");
}

#[test]
fn an_import_csv_or_a_config_that_is_no_regular_file_is_refused_in_a_sentence() {
    let sandbox = Sandbox::new();
    let out = sandbox.path("out.ron");
    let run = sandbox
        .run(&["import", "/dev/zero", "-o", out.to_str().unwrap()])
        .fails_with(1)
        .one_sentence();
    assert!(
        run.stderr
            .contains("cannot read /dev/zero: it is a device, not a regular file"),
        "{}",
        run.stderr
    );
    std::fs::create_dir_all(sandbox.path("config/trajex/config.ron")).unwrap();
    let run = sandbox.run(&["render", "--size", "80x24"]).fails_with(1);
    assert!(
        run.stderr
            .contains("config.ron: it is a folder, not a regular file"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_config_past_its_cap_is_refused_with_the_cap_named() {
    let sandbox = Sandbox::new();
    let config = sandbox.write("config/trajex/config.ron", "");
    std::fs::File::options()
        .write(true)
        .open(&config)
        .unwrap()
        .set_len((1 << 20) + 1)
        .unwrap();
    let run = sandbox.run(&["render", "--size", "80x24"]).fails_with(1);
    assert!(
        run.stderr
            .contains("it is larger than 1 MiB, too large to be a config"),
        "{}",
        run.stderr
    );
}

#[test]
fn export_force_replaces_a_regular_file_keeping_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let data = sandbox.write("d.ron", DATASET);
    let out = sandbox.write("work/out.csv", "mine");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    let (data, out_name) = (data.to_str().unwrap(), out.to_str().unwrap());
    let args = [
        "--data", data, "export", "th", "--format", "csv", "-o", out_name,
    ];
    sandbox.run(&args).fails_with(1).one_sentence();
    sandbox.run(&[&args[..], &["--force"]].concat()).ok();
    assert!(sandbox.read("work/out.csv").starts_with("council_id,"));
    let mode = std::fs::metadata(&out).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    assert_eq!(sandbox.listing("work"), ["out.csv"], "no .part left");
}

#[test]
fn export_force_refuses_a_named_pipe_or_a_folder_in_a_sentence() {
    let sandbox = Sandbox::new();
    let data = sandbox.write("d.ron", DATASET);
    let pipe = sandbox.path("work/pipe.csv");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    assert!(made.unwrap().success(), "mkfifo");
    let data = data.to_str().unwrap();
    let pipe_name = pipe.to_str().unwrap();
    for force in [&[][..], &["--force"][..]] {
        let args = [
            "--data", data, "export", "th", "--format", "csv", "-o", pipe_name,
        ];
        let run = sandbox
            .run(&[&args[..], force].concat())
            .fails_with(1)
            .one_sentence();
        assert_eq!(
            run.stderr.trim_end(),
            format!(
                "trajex: cannot write {pipe_name}: it is a named pipe (FIFO), and only a regular file is ever replaced"
            )
        );
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::metadata(&pipe).unwrap().file_type().is_fifo());
    }
    // A folder named as the output is where the file goes, as with `cp`; a folder
    // where the file would go is refused.
    std::fs::create_dir(sandbox.path("work/th.csv")).unwrap();
    let run = sandbox
        .run(&["--data", data, "export", "th", "--format", "csv", "--force"])
        .fails_with(1)
        .one_sentence();
    assert!(run.stderr.contains("it is a folder"), "{}", run.stderr);
    assert_eq!(
        sandbox.listing("work"),
        ["pipe.csv", "th.csv"],
        "no .part left"
    );
}

#[test]
fn a_signal_that_ends_an_export_leaves_no_temporary_file() {
    let sandbox = Sandbox::new();
    let data = sandbox.write("d.ron", DATASET);
    let data = data.to_str().unwrap();
    for (signal, code) in [("INT", 130), ("TERM", 143), ("HUP", 129), ("QUIT", 131)] {
        let mut child = sandbox
            .command(&[
                "--data", data, "export", "th", "--format", "csv", "-o", "out.csv",
            ])
            .env("TRAJEX_TEST_HOLD_PART", "1")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Held open until the end: `wait` would close it, and the export go on.
        let _stdin = child.stdin.take();
        // The temporary file is there: the export waits on stdin with it written.
        let part = |sandbox: &Sandbox| {
            sandbox
                .listing("work")
                .iter()
                .any(|n| n.starts_with(".trajex-") && n.ends_with(".part"))
        };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while !part(&sandbox) {
            assert!(std::time::Instant::now() < deadline, "no .part appeared");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let sent = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code), "SIG{signal}");
        assert!(
            sandbox.listing("work").is_empty(),
            "SIG{signal}: {:?}",
            sandbox.listing("work")
        );
    }
}

#[test]
fn help_or_version_that_cannot_be_written_fails_in_a_sentence() {
    let sandbox = Sandbox::new();
    for args in [&["--help"][..], &["--version"], &["export", "--help"]] {
        let full = std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = sandbox.command(args).stdout(full).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert_eq!(
            stderr, "trajex: cannot write the output: no space left on device\n",
            "{args:?}"
        );
    }
    // Written where there is room, help still ends well, and a usage error is still 2.
    sandbox.run(&["--help"]).ok();
    sandbox.run(&["--bogus"]).fails_with(2);
}
