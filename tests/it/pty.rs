//! The real binary in a pseudo-terminal: what a person sees and types, and the state
//! the terminal is left in afterwards.

use crate::common::Session;

#[test]
fn filter_to_tower_hamlets_then_q_restores_the_terminal() {
    let mut s = Session::start(&[], 120, 40);
    s.wait_for("Councils 1/");
    assert!(
        s.parser.lock().unwrap().screen().alternate_screen(),
        "the explorer uses the alternate screen"
    );
    s.send("/tower");
    s.wait_for("Councils 1/1 of");
    s.send("\r");
    s.wait_for("Tower Hamlets · London · E09000030");
    let screen = s.screen();
    for text in ["3 stars", "Outstanding", "Inadequate", "Events", "2002-05"] {
        assert!(screen.contains(text), "screen shows {text}:\n{screen}");
    }
    s.send("?");
    s.wait_for("show this help");
    // q closes the help and leaves the explorer running with its filter.
    s.send("q");
    s.wait_gone("show this help");
    s.wait_for("/ tower");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn ctrl_c_quits_from_the_middle_of_a_filter_with_130_as_fzf_does() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_for("Councils 1/");
    s.send("/bir");
    s.wait_for("/ bir");
    s.send("\x03");
    assert_eq!(s.exit_code(), 130, "Ctrl-C is an interrupt: 128 + SIGINT");
    s.assert_restored();
}

#[test]
fn q_quits_with_0_and_ctrl_c_with_130_from_the_main_screen() {
    for (key, code) in [("q", 0), ("\x03", 130)] {
        let mut s = Session::start(&[], 80, 24);
        s.wait_for("Councils 1/");
        s.send(key);
        assert_eq!(s.exit_code(), code, "{key:?}");
        s.assert_restored();
    }
}

/// The signals that end the explorer, as `kill` names them, with the exit code a shell
/// expects of each: 128 + the signal's number.
const ENDING_SIGNALS: [(&str, u32); 4] = [("INT", 130), ("QUIT", 131), ("TERM", 143), ("HUP", 129)];

/// Sends `kill -<signal>` to `pid`.
fn kill(signal: &str, pid: u32) {
    let killed = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success(), "kill -{signal} {pid}");
}

#[test]
fn every_ending_signal_restores_the_terminal_and_exits_128_plus_its_number() {
    for (signal, code) in ENDING_SIGNALS {
        let mut s = Session::start(&[], 100, 30);
        s.wait_for("Councils 1/");
        kill(signal, s.child.process_id().expect("a pid"));
        assert_eq!(s.exit_code(), code, "SIG{signal}");
        s.assert_restored();
        let screen = s.screen();
        assert!(
            !screen.contains("trajex:"),
            "SIG{signal} is no error:\n{screen}"
        );
    }
}

#[test]
fn a_tiny_terminal_gets_a_message_then_the_explorer_after_a_resize() {
    let mut s = Session::start(&[], 30, 8);
    s.wait_for("Terminal too small");
    s.resize(120, 40);
    s.wait_for("Councils 1/");
    s.resize(30, 8);
    s.wait_for("Terminal too small: 30x8");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn export_from_the_dialog_writes_the_file_and_names_it() {
    let mut s = Session::start(&[], 120, 40);
    s.wait_for("Councils 1/");
    s.send("/tower\re");
    s.wait_for("tower-hamlets.csv");
    s.send("\r");
    s.wait_for("Exported to");
    let written = s.home().join("Downloads").join("tower-hamlets.csv");
    let fallback = s.home().join("tower-hamlets.csv");
    let text = std::fs::read_to_string(&written)
        .or_else(|_| std::fs::read_to_string(&fallback))
        .expect("the export exists");
    assert!(
        text.starts_with("council_id,council_name,code,region,scheme_id"),
        "{text}"
    );
    assert!(text.contains("tower-hamlets,Tower Hamlets,E09000030"));
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

/// The SGR parameter lists (`ESC [ … m`) in `bytes`.
fn sgr_sequences(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut found = Vec::new();
    let mut rest = &*text;
    while let Some(start) = rest.find("\x1b[") {
        let after = &rest[start + 2..];
        let end = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        if after[end..].starts_with('m') {
            found.push(after[..end].to_owned());
        }
        rest = &after[end..];
    }
    found
}

#[test]
fn no_color_writes_no_colour_and_the_selection_still_shows() {
    let mut s = Session::start_with(&[], 120, 40, &[("NO_COLOR", "1")]);
    s.wait_for("Councils 1/");
    s.send("/tower\r\t");
    s.wait_for("▶▸ Children's services");
    let screen = s.screen();
    assert!(
        screen.contains("▶ Tower Hamlets"),
        "the selected council is marked by a symbol: {screen}"
    );
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    let raw = s.raw.lock().unwrap().clone();
    for sgr in sgr_sequences(&raw) {
        for param in sgr.split(';') {
            let n: u32 = param.parse().unwrap_or(0);
            assert!(
                !(30..=49).contains(&n) && !(90..=107).contains(&n) || n == 39 || n == 49,
                "a colour code ESC[{sgr}m was written under NO_COLOR"
            );
        }
    }
}

#[test]
fn a_panic_in_the_explorer_restores_the_terminal_and_says_where_to_report_it() {
    let mut s = Session::start_with(&[], 100, 30, &[("TRAJEX_PANIC_ON_KEY", "1")]);
    s.wait_for("Councils 1/");
    s.send("j");
    assert_eq!(s.exit_code(), 101, "a panic is still a failure exit");
    s.assert_restored();
    let screen = s.screen();
    assert!(
        screen.contains("trajex: an internal error stopped the explorer"),
        "{screen}"
    );
    assert!(screen.contains("report"), "{screen}");
    assert!(
        !screen.contains("stack backtrace"),
        "no backtrace dump: {screen}"
    );
}

/// Starts trajex under `sh` at 100x30 and waits for its first frame.
fn shell_session() -> Session {
    let s = Session::start_in_shell(100, 30, &[]);
    s.wait_for("Councils 1/");
    s
}

#[test]
fn q_leaves_the_line_settings_as_they_were() {
    let mut s = shell_session();
    s.send("/tow");
    s.wait_for("/ tow");
    s.send("\rq");
    s.assert_tty_cooked();
    s.assert_restored();
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn ctrl_c_leaves_the_line_settings_as_they_were() {
    let mut s = shell_session();
    s.send("?");
    s.wait_for("show this help");
    s.send("\x03");
    s.assert_tty_cooked();
    s.assert_restored();
    assert_eq!(s.exit_code(), 0, "sh goes on after trajex");
}

#[test]
fn every_ending_signal_leaves_the_line_settings_as_they_were() {
    // sh starts trajex in the background, with SIGINT and SIGQUIT ignored: trajex
    // still catches them.
    for (signal, _) in ENDING_SIGNALS {
        let mut s = shell_session();
        s.send("\t");
        kill(signal, s.trajex_pid());
        s.assert_tty_cooked();
        s.assert_restored();
        assert_eq!(s.exit_code(), 0, "sh goes on after trajex (SIG{signal})");
    }
}

#[test]
fn the_explorer_starts_and_quits_cleanly_at_every_size() {
    for (cols, rows) in [
        (40, 10),
        (79, 24),
        (80, 24),
        (132, 43),
        (200, 60),
        (300, 100),
    ] {
        let mut s = Session::start(&[], cols, rows);
        s.wait_for("Councils 1/");
        s.wait_for("↑↓ move");
        s.send("q");
        assert_eq!(s.exit_code(), 0, "at {cols}x{rows}");
        s.assert_restored();
    }
}

#[test]
fn every_mode_answers_its_key_on_the_embedded_dataset() {
    let mut s = Session::start(&[], 120, 40);
    s.wait_for("Councils 1/");
    s.send("/tower");
    s.wait_for("/ tower");
    s.send("\r");
    s.wait_for("Tower Hamlets · London · E09000030");
    s.send(" ");
    s.wait_for("1 pinned");
    s.send("h");
    s.wait_for("│ at 20");
    s.send("+");
    s.wait_for("zoom ×2");
    s.send("0");
    s.wait_gone("zoom ×");
    s.send("n");
    s.wait_for("National context");
    s.send("\x1b");
    s.wait_gone("National context");
    s.send("\t\t\r");
    s.wait_for("┌ Rating ");
    s.send("q");
    s.wait_gone("┌ Rating ");
    s.send("?");
    s.wait_for("show this help");
    s.send("?");
    s.wait_gone("show this help");
    s.send("e");
    s.wait_for("tower-hamlets.csv");
    s.send("\t");
    s.wait_for("tower-hamlets.json");
    s.send("\x1b");
    s.wait_gone("tower-hamlets.json");
    s.send("s");
    s.wait_for("Councils sorted by latest rating.");
    s.send("\x1b");
    s.wait_gone("/ tower");
    s.send("r");
    s.wait_for("Showing councils in ");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn resizing_mid_session_redraws_every_mode() {
    let mut s = Session::start(&[], 120, 40);
    s.wait_for("Councils 1/");
    // Help open.
    s.send("?");
    s.wait_for("show this help");
    s.resize(70, 20);
    s.wait_for("┌ Keys ");
    s.resize(120, 40);
    s.wait_for("show this help");
    s.send("?");
    s.wait_gone("┌ Keys ");
    // The export dialog open.
    s.send("e");
    s.wait_for("┌ Export ");
    s.resize(60, 15);
    s.wait_for("┌ Export ");
    s.send("\x1b");
    s.wait_gone("┌ Export ");
    // Narrow: one pane at a time, Tab walks them; wide again shows them side by side.
    s.resize(70, 30);
    s.wait_for("Councils 1/");
    s.send("\t");
    s.wait_gone("Councils 1/");
    s.resize(120, 40);
    s.wait_for("Councils 1/");
    s.wait_for("┌ Events ");
    // Too small in the middle of a filter, then back: the query is still there.
    s.send("/bir");
    s.wait_for("/ bir");
    s.resize(30, 8);
    s.wait_for("Terminal too small");
    s.resize(100, 30);
    s.wait_for("/ bir");
    s.send("\r");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

/// Where the explorer put an export named `name`: the download folder if the platform
/// has one, else the folder it ran in.
fn exported(s: &Session, name: &str) -> std::path::PathBuf {
    let downloads = s.home().join("Downloads").join(name);
    if downloads.exists() {
        downloads
    } else {
        s.home().join(name)
    }
}

#[test]
fn exporting_over_a_file_asks_first_and_y_overwrites_it() {
    let mut s = Session::start(&[], 120, 40);
    s.wait_for("Councils 1/");
    s.send("/tower\re");
    s.wait_for("tower-hamlets.csv");
    s.send("\r");
    s.wait_for("Exported to");
    let path = exported(&s, "tower-hamlets.csv");
    std::fs::write(&path, "old\n").unwrap();

    s.send("e");
    s.wait_for("tower-hamlets.csv");
    s.send("\r");
    s.wait_for("The file exists. Overwrite it?");
    s.send("n");
    s.wait_gone("The file exists.");
    s.wait_for("┌ Export ");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "old\n",
        "n keeps it"
    );

    s.send("\r");
    s.wait_for("The file exists. Overwrite it?");
    s.send("y");
    s.wait_for("Exported to");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("council_id,council_name,code,region,scheme_id"),
        "y overwrote it: {text}"
    );
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn escape_sequences_in_a_dataset_are_shown_not_obeyed_on_a_real_terminal() {
    let attack = "\x1b[2J\x1b]0;pwned\x07";
    let lit = |s: &str| ron::to_string(s).unwrap();
    let dataset = format!(
        r#"Dataset(title: {t}, schemes: [Scheme(id: "s", name: {n}, body: {n}, scale: Ordinal([{l}]))],
        councils: [Council(id: "evil", name: {c}, region: {n}, ratings: [Rating(scheme: "s", date: "2010", level: {l}, note: {n})])])"#,
        t = lit(&format!("Title{attack}")),
        n = lit(attack),
        l = lit(&format!("Low{attack}")),
        c = lit(&format!("Evil{attack}")),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.ron");
    std::fs::write(&path, dataset).unwrap();
    let mut s = Session::start(&["--data", path.to_str().unwrap()], 160, 40);
    s.wait_for("Councils 1/1");
    s.wait_for("Evil\\x1b[2J\\x1b]0;pwned\\x07");
    s.send("\t\t\r");
    s.wait_for("┌ Rating ");
    let screen = s.screen();
    assert!(screen.contains("Low\\x1b[2J"), "{screen}");
    let titles = s.parser.lock().unwrap().callbacks().titles.clone();
    assert!(titles.is_empty(), "the window was retitled: {titles:?}");
    s.send("qq");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
    let raw = s.raw.lock().unwrap().clone();
    assert!(
        !raw.windows(4).any(|w| w == b"\x1b]0;"),
        "a title sequence reached the terminal"
    );
    assert!(
        !raw.windows(6).any(|w| w == b"pwned\x07"),
        "the dataset's title sequence went out raw"
    );
}

#[test]
fn a_panic_leaves_the_line_settings_as_they_were_and_says_so_once() {
    let mut s = Session::start_in_shell(100, 30, &[("TRAJEX_PANIC_ON_KEY", "1")]);
    s.wait_for("Councils 1/");
    s.send("j");
    s.assert_tty_cooked();
    s.assert_restored();
    let screen = s.screen();
    assert_eq!(
        screen
            .matches("an internal error stopped the explorer")
            .count(),
        1,
        "{screen}"
    );
    assert!(screen.contains("Reporting a problem"), "{screen}");
    assert_eq!(s.exit_code(), 0, "sh goes on after trajex");
}

#[test]
fn a_file_that_is_no_dataset_ends_the_explorer_in_one_message_with_the_terminal_restored() {
    let dir = tempfile::tempdir().unwrap();
    let files: [(&str, Vec<u8>); 4] = [
        ("garbage.ron", (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect()),
        ("nul.ron", vec![0; 4096]),
        ("deep.ron", format!("Dataset(title: {})", "[".repeat(100_000)).into_bytes()),
        (
            "evil.ron",
            "Dataset(title: \"t\", schemes: [], councils: [Council(id: \"\u{1b}]0;pwned\u{7}\", name: \"x\")])"
                .as_bytes()
                .to_vec(),
        ),
    ];
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let mut s = Session::start(&["--data", path.to_str().unwrap()], 100, 30);
        assert_eq!(s.exit_code(), 1, "{name}:\n{}", s.screen());
        s.assert_restored();
        let screen = s.screen();
        assert!(
            screen.contains(name),
            "{name}: the message names the file:\n{screen}"
        );
        assert!(!screen.contains("panicked"), "{name}:\n{screen}");
        let titles = s.parser.lock().unwrap().callbacks().titles.clone();
        assert!(titles.is_empty(), "{name} retitled the window: {titles:?}");
    }
}

/// A dataset whose council name, note and source url carry a clipboard write (OSC 52)
/// and a screen clear (CSI 2J), and whose name carries a bidi override.
fn clipboard_attack_dataset() -> String {
    let osc52 = "\x1b]52;c;cm0gLXJmIH4=\x07";
    let csi = "\x1b[2J";
    let lit = |s: &str| ron::to_string(s).unwrap();
    format!(
        r#"Dataset(title: "t", schemes: [Scheme(id: "s", name: "Stars", body: "B", scale: Ordinal(["Low", "High"]))],
        councils: [Council(id: "evil", name: {c}, ratings: [Rating(scheme: "s", date: "2010", level: "Low", note: {n}, source: "src")])],
        sources: [Source(id: "src", title: {n}, url: {u})])"#,
        c = lit(&format!("Evil{csi}{osc52}\u{202e}Town")),
        n = lit(&format!("note{osc52}{csi}")),
        u = lit(&format!("https://example.org/{osc52}{csi}")),
    )
}

#[test]
fn csv_and_markdown_exports_to_a_terminal_send_no_escape_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.ron");
    std::fs::write(&path, clipboard_attack_dataset()).unwrap();
    let data = path.to_str().unwrap();
    for format in ["csv", "md"] {
        let mut s = Session::start(
            &[
                "--data", data, "export", "evil", "--format", format, "-o", "-",
            ],
            200,
            40,
        );
        assert_eq!(s.exit_code(), 0, "{format}: {}", s.screen());
        let raw = s.raw.lock().unwrap().clone();
        assert!(
            !raw.contains(&0x1b),
            "{format}: an ESC byte reached the terminal: {:?}",
            String::from_utf8_lossy(&raw)
        );
        let text = String::from_utf8_lossy(&raw);
        assert!(!text.contains('\u{202e}'), "{format}: {text}");
        // Shown, not obeyed (Markdown also escapes the `[` and `]`).
        assert!(text.contains("52;c;cm0gLXJmIH4=\\x07"), "{format}: {text}");
        assert!(text.contains("Evil\\x1b"), "{format}: {text}");
        assert!(text.contains("\\u{202e}Town"), "{format}: {text}");
    }
}

#[test]
fn a_dumb_or_unnamed_terminal_is_refused_before_anything_is_drawn() {
    let dumb = Session::start_with(&[], 80, 24, &[("TERM", "dumb")]);
    let unset = Session::start_program(
        "sh",
        &[
            "-c",
            &format!("unset TERM; exec '{}'", env!("CARGO_BIN_EXE_trajex")),
        ],
        80,
        24,
        &[],
    );
    for (what, mut s) in [("TERM=dumb", dumb), ("no TERM", unset)] {
        assert_eq!(s.exit_code(), 1, "{what}");
        let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
        assert!(
            !raw.contains('\x1b'),
            "{what}: nothing but the message reaches the terminal: {raw:?}"
        );
        let screen = s.screen();
        assert!(
            screen.contains("trajex show") && screen.contains("trajex list"),
            "{what}: the refusal points to show and list:\n{screen}"
        );
        assert_eq!(
            screen.trim().lines().count(),
            1,
            "{what}: one line:\n{screen}"
        );
    }
}

/// The line settings as `stty` reads them, printed after `TTY:` as
/// [`Session::tty_flags`] expects.
const PRINT_TTY_FLAGS: &str = "printf 'TTY:'; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(echo|icanon|isig|icrnl|opost)$' | tr '\\n' ' '; echo";

/// trajex under `sh` with job control on (`set -m`), as a login shell runs it: when
/// trajex stops, sh prints `STOPPED:` and the line settings, waits for a line, then
/// brings it back with `fg`; when it ends, sh prints `AFTER:` and its exit code.
fn job_control_session() -> Session {
    let script = format!(
        "set -m; '{}'; echo STOPPED:$?; {PRINT_TTY_FLAGS}; read line; fg >/dev/null; echo AFTER:$?",
        env!("CARGO_BIN_EXE_trajex")
    );
    let s = Session::start_program("sh", &["-c", &script], 100, 30, &[]);
    s.wait_for("Councils 1/");
    s
}

/// The pid of the one process `parent` started.
fn child_of(parent: u32) -> u32 {
    let out = std::process::Command::new("pgrep")
        .args(["-P", &parent.to_string()])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("one child")
}

/// Asserts that trajex, stopped, gave the terminal back, then that `fg` brings it
/// back drawn whole with its state, and that `q` still quits.
fn assert_stopped_then_back_after_fg(s: &mut Session) {
    s.wait_for("STOPPED:");
    assert!(
        s.screen().contains(&format!("STOPPED:{}", 128 + 19)),
        "sh saw trajex stop (SIGSTOP):\n{}",
        s.screen()
    );
    s.assert_restored();
    s.assert_tty_cooked();
    s.send("\r");
    // Back in the foreground: the whole screen drawn again, the filter kept.
    s.wait_for("/ tow");
    s.wait_for("Councils 1/");
    assert!(
        s.parser.lock().unwrap().screen().alternate_screen(),
        "back on the alternate screen"
    );
    s.send("\rq");
    s.wait_for("AFTER:0");
    s.assert_restored();
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_fg_draws_the_explorer_again() {
    let mut s = job_control_session();
    s.send("/tow");
    s.wait_for("/ tow");
    s.send("\x1a");
    assert_stopped_then_back_after_fg(&mut s);
}

#[test]
fn sigtstp_gives_the_terminal_back_and_fg_draws_the_explorer_again() {
    let mut s = job_control_session();
    s.send("/tow");
    s.wait_for("/ tow");
    kill("TSTP", child_of(s.child.process_id().expect("a pid")));
    assert_stopped_then_back_after_fg(&mut s);
}

#[test]
fn a_terminal_that_goes_away_ends_the_explorer_with_129() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;
    use std::time::{Duration, Instant};
    let home = tempfile::tempdir().unwrap();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    // sh ignores SIGHUP, so the hang-up does not end it (nor, through it, trajex): a
    // window closed under `nohup`. sh keeps trajex's exit code in a file.
    let script = format!(
        "trap '' HUP; '{}'; echo $? > status",
        env!("CARGO_BIN_EXE_trajex")
    );
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", &script]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", home.path());
    for var in ["XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"] {
        cmd.env(var, home.path().join(var));
    }
    cmd.cwd(home.path());
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    // Read until the first frame is drawn, then let go of the reading side.
    let mut reader = pty.master.try_clone_reader().unwrap();
    let (drawn_tx, drawn) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (mut seen, mut buf) = (Vec::new(), [0u8; 8192]);
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&seen).contains("Councils 1/") {
                let _ = drawn_tx.send(());
                break;
            }
        }
    });
    drawn
        .recv_timeout(Duration::from_secs(20))
        .expect("the explorer draws its first frame");
    // Closing the master side is what closing the terminal window does.
    drop(pty.master);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "trajex did not end when its terminal went away"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = std::fs::read_to_string(home.path().join("status")).unwrap();
    assert_eq!(status.trim(), "129", "exit code 128 + SIGHUP");
}
