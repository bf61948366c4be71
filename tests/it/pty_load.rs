//! A large dataset in a pseudo-terminal: the explorer shows a progress bar before the
//! councils, answers `q` and signals while the file is still loading (leaving the
//! terminal as it was), and a second start reads the load cache. The loader is held
//! (`TRAJEX_HOLD_LOAD`) until a test releases it, so the progress bar is certainly on
//! screen however fast the machine; timings are the benchmarks' job, and these tests
//! assert only on what the screen shows and in what order.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::Session;

/// Enough councils that the load has real work to do; the hold, not the size, keeps
/// the progress bar on screen.
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

/// trajex on the big file with its loader held until the returned file is made, and
/// the progress bar already on screen.
fn start_held(home: &Path, release: &str) -> (Session, PathBuf) {
    let release = home.join(release);
    let hold = release.to_str().expect("a UTF-8 path");
    let s = Session::start_on(big_file(), home, &[("TRAJEX_HOLD_LOAD", hold)]);
    let seen = s.wait_for("Loading");
    assert!(
        seen.iter().all(|screen| !screen.contains("Councils")),
        "the progress bar comes before the explorer"
    );
    (s, release)
}

/// Lets a held loader go on.
fn release(file: &Path) {
    std::fs::write(file, "").expect("the release file is made");
}

#[test]
fn a_large_file_shows_a_progress_bar_and_q_quits_while_it_loads() {
    let home = tempfile::tempdir().unwrap();
    let (mut s, _) = start_held(home.path(), "never");
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
    let (mut s, file) = start_held(home.path(), "first");
    release(&file);
    s.wait_for(&format!("Councils 1/{COUNCILS}"));
    let screen = s.screen();
    assert!(screen.contains("Synthetic region"), "{screen}");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
    let cached: Vec<_> = std::fs::read_dir(&cache)
        .expect("the cache folder is made")
        .collect();
    assert_eq!(cached.len(), 1, "one cache file");

    let (mut again, file) = start_held(home.path(), "second");
    release(&file);
    let seen = again.wait_for(&format!("Councils 1/{COUNCILS}"));
    assert!(
        seen.iter().all(|screen| !screen.contains("parsing")),
        "the second start does not parse the file"
    );
    again.send("\x03");
    assert_eq!(again.exit_code(), 130);
    again.assert_restored();
}

#[test]
fn a_signal_while_the_file_loads_restores_the_terminal_and_exits_128_plus_its_number() {
    let home = tempfile::tempdir().unwrap();
    let (mut s, _) = start_held(home.path(), "never");
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
