//! A large dataset in a pseudo-terminal: the explorer shows a progress bar before the
//! councils, answers `q` and signals while the file is still loading (leaving the
//! terminal as it was), and a second start reads the load cache. Timings are the
//! benchmarks' job; these tests assert only on what the screen shows and in what order.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

mod common;
use common::Session;

/// Big enough that a debug build takes a good second to load it, small enough that
/// generating it keeps `cargo test` quick.
const COUNCILS: &str = "20000";

/// The generated dataset, made once for all the tests here.
fn big_file() -> &'static Path {
    static FILE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = FILE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.ron");
        let generated = std::process::Command::new(env!("CARGO_BIN_EXE_trajex"))
            .args(["generate", "--councils", COUNCILS, "-o"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(generated.status.success(), "trajex generate works");
        (dir, path)
    });
    path
}

#[test]
fn a_large_file_shows_a_progress_bar_and_q_quits_while_it_loads() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start_on(big_file(), home.path());
    let seen = s.wait_for("Loading");
    assert!(
        seen.iter().all(|screen| !screen.contains("Councils")),
        "the progress bar comes before the explorer"
    );
    let screen = s.screen();
    assert!(screen.contains("big.ron"), "{screen}");
    assert!(screen.contains("q or Ctrl-C quits"), "{screen}");
    assert!(screen.contains('%'), "{screen}");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
    assert!(
        !s.screen().contains("Councils"),
        "quit before the explorer showed"
    );
}

#[test]
fn the_explorer_follows_the_progress_bar_and_a_second_start_reads_the_cache() {
    let home = tempfile::tempdir().unwrap();
    let cache = home.path().join("XDG_CACHE_HOME").join("trajex");
    let mut s = Session::start_on(big_file(), home.path());
    let seen = s.wait_for(&format!("Councils 1/{COUNCILS}"));
    assert!(
        seen.iter().any(|screen| screen.contains("Loading")),
        "a progress bar showed first"
    );
    let screen = s.screen();
    assert!(screen.contains("Synthetic region"), "{screen}");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
    let cached: Vec<_> = std::fs::read_dir(&cache)
        .expect("the cache folder is made")
        .collect();
    assert_eq!(cached.len(), 1, "one cache file");

    let mut again = Session::start_on(big_file(), home.path());
    let seen = again.wait_for(&format!("Councils 1/{COUNCILS}"));
    assert!(
        seen.iter().all(|screen| !screen.contains("parsing")),
        "the second start does not parse the file"
    );
    again.send("\x03");
    assert_eq!(again.exit_code(), 0);
    again.assert_restored();
}

#[test]
fn a_signal_while_the_file_loads_restores_the_terminal_and_exits_128_plus_its_number() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start_on(big_file(), home.path());
    s.wait_for("Loading");
    let pid = s.child.process_id().expect("a pid");
    let killed = std::process::Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert_eq!(s.exit_code(), 130, "128 + SIGINT");
    s.assert_restored();
    assert!(
        !s.screen().contains("Councils"),
        "ended before the explorer showed"
    );
}
