//! The harnesses the integration tests share: a [`Sandbox`] that runs the real `trajex`
//! binary with temporary home, data, config and cache folders and today fixed at
//! 2026-11-22, the [`Run`] it returns, and a [`Session`] that drives the binary in a
//! pseudo-terminal and reads its screen through vt100.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

// ---- the command line ------------------------------------------------------------------

/// A temporary home for one test: the binary never sees the user's real folders.
pub struct Sandbox {
    root: tempfile::TempDir,
    /// Variables set for every run on top of the folders and the date.
    env: &'static [(&'static str, &'static str)],
    /// Decode stderr lossily instead of failing the test on bytes that are not UTF-8.
    lossy_stderr: bool,
}

/// What a run printed and how it ended: `stdout` is text from [`Sandbox::run`] (which
/// insists on UTF-8) and bytes from [`Sandbox::run_bytes`].
pub struct Run<Out = String> {
    /// The exit code; `None` when a signal ended the run.
    pub code: Option<i32>,
    pub stdout: Out,
    pub stderr: String,
}

impl<Out: AsRef<[u8]>> Run<Out> {
    pub fn ok(self) -> Self {
        assert_eq!(
            self.code,
            Some(0),
            "expected success\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(self.stdout.as_ref()),
            self.stderr
        );
        self
    }

    /// Failed with `code`, without a panic or a Debug dump.
    pub fn fails_with(self, code: i32) -> Self {
        assert_eq!(
            self.code,
            Some(code),
            "stdout: {}\nstderr: {}",
            String::from_utf8_lossy(self.stdout.as_ref()),
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        assert!(
            !self.stderr.contains("Error {") && !self.stderr.contains("Os {"),
            "a Debug dump: {}",
            self.stderr
        );
        self
    }

    /// Said in one `trajex: …` sentence (clap's usage errors aside).
    pub fn one_sentence(self) -> Self {
        assert!(self.stderr.starts_with("trajex: "), "{}", self.stderr);
        assert_eq!(self.stderr.trim_end().lines().count(), 1, "{}", self.stderr);
        self
    }
}

impl Run<Vec<u8>> {
    /// stdout as text, failing the test unless it is UTF-8.
    pub fn stdout_text(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("UTF-8 stdout")
    }
}

impl Sandbox {
    /// Plain output (`NO_COLOR=1`), and stderr must be UTF-8.
    pub fn new() -> Self {
        Self::with(&[("NO_COLOR", "1")], false)
    }

    /// For hostile input: colour is left to the binary and the width fixed at
    /// `COLUMNS=100`, and stderr is decoded lossily, so what came out is the test's to
    /// judge rather than a failure in the harness.
    pub fn for_hostile_input() -> Self {
        Self::with(&[("COLUMNS", "100")], true)
    }

    fn with(env: &'static [(&'static str, &'static str)], lossy_stderr: bool) -> Self {
        let root = tempfile::tempdir().expect("a temporary folder");
        for dir in ["home", "data", "config", "cache", "work"] {
            std::fs::create_dir(root.path().join(dir)).expect("a sandbox folder");
        }
        Self {
            root,
            env,
            lossy_stderr,
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    /// Where commands run: exports without `-o` land here.
    pub fn work(&self) -> PathBuf {
        self.path("work")
    }

    /// Writes `contents` at `rel`, making the folders it needs.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("a folder");
        }
        std::fs::write(&path, contents).expect("a file");
        path
    }

    /// The file at `rel` under the sandbox, as text.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).expect("a UTF-8 file")
    }

    /// The file at `rel` under the sandbox, as bytes.
    pub fn read_bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// The names in a folder, sorted.
    pub fn listing(&self, rel: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path(rel))
            .expect("a folder")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }

    /// trajex with `args`, in the work folder, with the sandbox's folders and
    /// environment and no stdin.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_trajex"));
        command
            .args(args)
            .current_dir(self.work())
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_CACHE_HOME", self.path("cache"))
            .env("TRAJEX_TODAY", "2026-11-22")
            // A terminal's width the test runner exports would fit every table to it.
            .env_remove("COLUMNS")
            .envs(self.env.iter().copied())
            .stdin(Stdio::null());
        command
    }

    /// Runs trajex; stdout must be UTF-8.
    pub fn run(&self, args: &[&str]) -> Run {
        let run = self.run_bytes(args);
        Run {
            code: run.code,
            stdout: String::from_utf8(run.stdout).expect("UTF-8 stdout"),
            stderr: run.stderr,
        }
    }

    /// Runs trajex, keeping stdout as the bytes it wrote.
    pub fn run_bytes(&self, args: &[&str]) -> Run<Vec<u8>> {
        let output = self.command(args).output().expect("trajex runs");
        let stderr = if self.lossy_stderr {
            String::from_utf8_lossy(&output.stderr).into_owned()
        } else {
            String::from_utf8(output.stderr).expect("UTF-8 stderr")
        };
        Run {
            code: output.status.code(),
            stdout: output.stdout,
            stderr,
        }
    }

    /// [`Sandbox::run`] with `--data` pointing at a file holding `dataset`.
    pub fn run_on(&self, dataset: &str, args: &[&str]) -> Run {
        let data = self.write("given.ron", dataset);
        self.run(&with_data(&data, args))
    }

    /// [`Sandbox::run_bytes`] with `--data` pointing at a file holding `dataset`.
    pub fn run_on_bytes(&self, dataset: &str, args: &[&str]) -> Run<Vec<u8>> {
        let data = self.write("given.ron", dataset);
        self.run_bytes(&with_data(&data, args))
    }
}

/// `--data <data>` followed by `args`.
fn with_data<'a>(data: &'a Path, args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["--data", data.to_str().expect("a UTF-8 path")];
    all.extend_from_slice(args);
    all
}

// ---- the pseudo-terminal ---------------------------------------------------------------

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal has rows and columns")
}

/// What the program asked of the terminal beyond drawing.
#[derive(Default)]
pub struct Requests {
    /// Window titles and icon names it set.
    pub titles: Vec<Vec<u8>>,
}

impl vt100::Callbacks for Requests {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }

    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(name.to_vec());
    }
}

/// A program in a pseudo-terminal, its screen as vt100 parses it.
pub struct Session {
    pub parser: Arc<Mutex<vt100::Parser<Requests>>>,
    /// Every byte the program wrote, for checks the parsed screen cannot make.
    pub raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    /// The thread copying the program's output into the parser; it ends when the
    /// terminal closes, so once it has, the screen holds everything written.
    reader: std::thread::JoinHandle<()>,
    /// Held for the session's life: dropping it hangs up the child.
    master: Box<dyn MasterPty + Send>,
    /// The home (and working) folder.
    home: PathBuf,
    /// The home folder when the session made it; removed when the session ends.
    _own_home: Option<tempfile::TempDir>,
    /// How long a wait lasts before the test fails.
    patience: Duration,
}

/// Polls a screen must hold for before a wait counts it.
const STEADY: u32 = 4;

/// How often a wait looks at the screen again.
const POLL: Duration = Duration::from_millis(10);

impl Session {
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Self {
        Self::start_with(args, cols, rows, &[])
    }

    pub fn start_with(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Self {
        Self::start_program(env!("CARGO_BIN_EXE_trajex"), args, cols, rows, env)
    }

    /// trajex run by `sh`, which then prints the terminal's settings as `stty` reads
    /// them (see [`Session::tty_flags`]); trajex's pid goes to `trajex.pid` in the home
    /// folder, for signals.
    pub fn start_in_shell(cols: u16, rows: u16, env: &[(&str, &str)]) -> Self {
        let script = format!(
            "'{}' </dev/tty & echo $! > trajex.pid; wait $!; \
             printf 'TTY:'; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(echo|icanon|isig|icrnl|opost)$' | tr '\\n' ' '; echo;",
            env!("CARGO_BIN_EXE_trajex")
        );
        Self::start_program("sh", &["-c", &script], cols, rows, env)
    }

    /// `program` in a `cols`×`rows` terminal with a home folder of its own.
    pub fn start_program(
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Self {
        let home = tempfile::tempdir().unwrap();
        let args = args.iter().map(OsString::from).collect();
        let mut session = Self::spawn(program, args, (cols, rows), env, home.path());
        session._own_home = Some(home);
        session
    }

    /// trajex on `data` in a 120×40 terminal with `home` as its home (and cache) folder,
    /// which outlives the session so that a second one can find the first's cache, and
    /// `env` set; its waits last a minute, for large files.
    pub fn start_on(data: &Path, home: &Path, env: &[(&str, &str)]) -> Self {
        let args = vec![OsString::from("--data"), data.into()];
        let mut session = Self::spawn(env!("CARGO_BIN_EXE_trajex"), args, (120, 40), env, home);
        session.patience = Duration::from_secs(60);
        session
    }

    fn spawn(
        program: &str,
        args: Vec<OsString>,
        (cols, rows): (u16, u16),
        env: &[(&str, &str)],
        home: &Path,
    ) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal opens");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("TRAJEX_TODAY", "2026-11-22");
        cmd.env("HOME", home);
        for var in ["XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"] {
            cmd.env(var, home.join(var));
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(home);
        let child = pty.slave.spawn_command(cmd).expect("trajex starts");
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            nonzero(rows),
            nonzero(cols),
            0,
            Requests::default(),
        )));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (sink, raw_sink) = (Arc::clone(&parser), Arc::clone(&raw));
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
                raw_sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Self {
            parser,
            raw,
            writer,
            child,
            reader,
            master: pty.master,
            home: home.to_path_buf(),
            _own_home: None,
            patience: Duration::from_secs(20),
        }
    }

    /// The home (and working) folder.
    pub fn home(&self) -> &Path {
        &self.home
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`, failing with what it shows instead; the
    /// screens seen on the way are returned, oldest first.
    pub fn wait_for(&self, text: &str) -> Vec<String> {
        let deadline = Instant::now() + self.patience;
        let mut seen = Vec::new();
        let mut steady = 0;
        while Instant::now() < deadline {
            let screen = self.screen();
            // Held for a few polls: a screen caught halfway through a redraw can show
            // (or lack) anything for a moment.
            steady = if screen.contains(text) { steady + 1 } else { 0 };
            if steady >= STEADY {
                seen.push(screen);
                return seen;
            }
            if seen.last() != Some(&screen) {
                seen.push(screen);
            }
            std::thread::sleep(POLL);
        }
        panic!("screen never showed {text:?}; it shows:\n{}", self.screen());
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_gone(&self, text: &str) {
        let deadline = Instant::now() + self.patience;
        let mut steady = 0;
        while Instant::now() < deadline {
            steady = if self.screen().contains(text) {
                0
            } else {
                steady + 1
            };
            if steady >= STEADY {
                return;
            }
            std::thread::sleep(POLL);
        }
        panic!("screen still shows {text:?}:\n{}", self.screen());
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .set_size(nonzero(rows), nonzero(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the process to end and for everything it wrote to reach the screen,
    /// and returns its exit code.
    pub fn exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + self.patience;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                while !self.reader.is_finished() {
                    assert!(
                        Instant::now() < deadline,
                        "the terminal never closed after trajex exited; screen:\n{}",
                        self.screen()
                    );
                    std::thread::sleep(POLL);
                }
                return status.exit_code();
            }
            std::thread::sleep(POLL);
        }
        let _ = self.child.kill();
        panic!("trajex did not exit; screen:\n{}", self.screen());
    }

    /// The pid of trajex started by [`Session::start_in_shell`].
    pub fn trajex_pid(&self) -> u32 {
        let file = self.home.join("trajex.pid");
        let deadline = Instant::now() + self.patience;
        while Instant::now() < deadline {
            if let Some(pid) = std::fs::read_to_string(&file)
                .ok()
                .and_then(|t| t.trim().parse().ok())
            {
                return pid;
            }
            std::thread::sleep(POLL);
        }
        panic!("sh never wrote trajex's pid");
    }

    /// The line settings `stty` found after trajex ended, as `echo` or `-echo` and so on.
    pub fn tty_flags(&self) -> Vec<String> {
        self.wait_for("TTY:");
        let deadline = Instant::now() + self.patience;
        while Instant::now() < deadline {
            let screen = self.screen();
            // Not always at the start of its line: a key typed just before a signal can
            // reach the line discipline after trajex has turned echo back on.
            let line = screen.lines().find_map(|l| l.split_once("TTY:"));
            let flags: Vec<String> = line
                .map_or("", |(_, flags)| flags)
                .split_whitespace()
                .map(str::to_owned)
                .collect();
            if flags.len() == 5 {
                return flags;
            }
            std::thread::sleep(POLL);
        }
        panic!("stty's settings never showed:\n{}", self.screen());
    }

    /// The line discipline is back as the shell left it: typed keys echo, lines are
    /// edited, Ctrl-C interrupts, and line ends are translated.
    pub fn assert_tty_cooked(&self) {
        let flags = self.tty_flags();
        for flag in ["echo", "icanon", "isig", "icrnl", "opost"] {
            assert!(
                flags.iter().any(|f| f == flag),
                "{flag} is off after trajex: {flags:?}\n{}",
                self.screen()
            );
        }
    }

    /// The terminal is as it was: main screen, cursor shown, no mouse reporting.
    pub fn assert_restored(&self) {
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
