//! A large dataset in a pseudo-terminal: the explorer shows a progress bar before the
//! councils, answers `q` while the file is still loading (leaving the terminal as it
//! was), and a second start reads the load cache. Timings are the benchmarks' job;
//! these tests assert only on what the screen shows and in what order.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Big enough that a debug build takes a good second to load it, small enough that
/// generating it keeps `cargo test` quick.
const COUNCILS: &str = "20000";

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal has rows and columns")
}

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

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    /// Held for the session's life: dropping it hangs up the child.
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    /// trajex on `data` with `home` as its home (and cache) folder.
    fn start(data: &Path, home: &Path) -> Self {
        let (cols, rows) = (120, 40);
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal opens");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_trajex"));
        cmd.arg("--data");
        cmd.arg(data);
        cmd.env("TERM", "xterm-256color");
        cmd.env("TRAJEX_TODAY", "2026-11-22");
        cmd.env("HOME", home);
        for var in ["XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"] {
            cmd.env(var, home.join(var));
        }
        cmd.cwd(home);
        let child = pty.slave.spawn_command(cmd).expect("trajex starts");
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(rows),
            nonzero(cols),
            0,
        )));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let sink = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Self {
            parser,
            writer,
            child,
            _master: pty.master,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`, failing with what it shows instead; the
    /// screens seen on the way are returned, oldest first.
    fn wait_for(&self, text: &str) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            let screen = self.screen();
            if screen.contains(text) {
                seen.push(screen);
                return seen;
            }
            if seen.last() != Some(&screen) {
                seen.push(screen);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("screen never showed {text:?}; it shows:\n{}", self.screen());
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100)); // let the reader drain
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("trajex did not exit; screen:\n{}", self.screen());
    }

    /// The terminal is as it was: main screen, cursor shown, no mouse reporting.
    fn assert_restored(&self) {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "left on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor left hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting left on"
        );
    }
}

#[test]
fn a_large_file_shows_a_progress_bar_and_q_quits_while_it_loads() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(big_file(), home.path());
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
    let mut s = Session::start(big_file(), home.path());
    let seen = s.wait_for(&format!("Councils 1/{COUNCILS}"));
    assert!(
        seen.iter().any(|screen| screen.contains("Loading")),
        "a progress bar showed first"
    );
    assert!(s.screen().contains("Synthetic council 00001"));
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
    let cached: Vec<_> = std::fs::read_dir(&cache)
        .expect("the cache folder is made")
        .collect();
    assert_eq!(cached.len(), 1, "one cache file");

    let mut again = Session::start(big_file(), home.path());
    let seen = again.wait_for(&format!("Councils 1/{COUNCILS}"));
    assert!(
        seen.iter().all(|screen| !screen.contains("parsing")),
        "the second start does not parse the file"
    );
    again.send("\x03");
    assert_eq!(again.exit_code(), 0);
    again.assert_restored();
}
