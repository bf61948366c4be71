//! The only module that touches the real terminal: raw mode, the alternate screen, the
//! event loop, signals. Whatever happens (quit, error, panic, SIGTERM, SIGINT, SIGQUIT,
//! SIGHUP), the terminal is restored: main screen, cursor shown, mouse reporting off,
//! the line settings as they were. A run ended by signal N says so ([`Ending::Signal`])
//! only after the terminal is restored, so that the binary exits with 128 + N as shells
//! expect (130, 131, 143, 129). In raw mode Ctrl-C is a key, not SIGINT (SIGINT comes
//! from `kill`), but a quit by Ctrl-C ends the run as SIGINT would (130), as fzf does.
//! Likewise Ctrl-Z is a key: it (or SIGTSTP) gives the terminal back and
//! stops trajex; SIGCONT (`fg`) takes the terminal again and draws the whole screen.
//! A terminal that goes away (its window closed while SIGHUP is ignored) ends the run
//! as SIGHUP would: crossterm's reader spins on such a terminal without returning, so
//! a watchdog asks the terminal its size now and then and reports when it cannot.
//!
//! One loop waits on one channel, fed by a thread reading terminal events, a thread
//! receiving signals and, while the dataset loads, the loader and a ticker, so a
//! signal is handled even while no key is pressed, and `q` answers while a large file
//! is still loading behind a progress bar.

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Duration;

use std::io::Write;

use base64::Engine;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEvent, KeyEventKind,
    MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use crate::app::keymap::{Intent, Keymap, Scope};
use crate::app::keys::Key;
use crate::app::{Action, App, Effect};
use crate::data::progress::Progress;
use crate::ui::View;
use crate::ui::loading::Loading;
use crate::ui::theme::Theme;

/// Where users report a crash.
const REPORT_TO: &str = "the trajex issue tracker (see the README's \"Reporting a problem\")";

/// Set to make the explorer panic at its first key press: how the tests prove that a
/// crash still restores the terminal.
const PANIC_FOR_TESTS: &str = "TRAJEX_PANIC_ON_KEY";

/// Set to a path to hold the loader until a file exists there: how the tests make sure
/// the progress bar is on screen however fast the machine. Unset, nothing waits.
const HOLD_LOAD_FOR_TESTS: &str = "TRAJEX_HOLD_LOAD";

/// How often the progress bar is redrawn while the dataset loads; the first frame
/// waits this long, so a quick load never flashes a progress bar.
const TICK: Duration = Duration::from_millis(40);

/// The signals that end the explorer, each restoring the terminal first.
const ENDING_SIGNALS: [i32; 4] = [SIGTERM, SIGINT, SIGQUIT, SIGHUP];

/// How often the watchdog checks that the terminal is still there.
const WATCH: Duration = Duration::from_millis(500);

/// How a run of the explorer ended, the terminal restored either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// Signal N ended it.
    Signal(i32),
    /// The terminal went away (its window closed): ended as SIGHUP would end it.
    Lost,
}

enum Input<E> {
    Terminal(Event),
    ReadFailed(std::io::Error),
    /// One of [`ENDING_SIGNALS`] arrived.
    Signal(i32),
    /// SIGTSTP: stop, as Ctrl-Z does.
    Stop,
    /// SIGCONT: trajex runs again after a stop.
    Continued,
    /// The terminal no longer answers.
    Lost,
    /// Time to redraw the progress bar.
    Tick,
    /// The loader is done.
    Loaded(Box<Result<App, E>>),
    /// The loader panicked (the panic hook has said so).
    LoaderFailed,
}

/// Carries out an effect the app asked for, and says how it went.
pub type Perform = fn(&App, Effect) -> Option<Action>;

/// Runs the explorer on the app `load` makes on another thread (reporting to the
/// progress it is given), drawing a progress bar for `name` while it works and
/// answering the loading screen's keys (`q`, Ctrl-C) and signals meanwhile. A load that fails ends the run with
/// its error, after the terminal is restored. The effects the app asks for (an export,
/// a remembering) are carried out by `perform`, which reports back how each went.
pub fn run_loading<E: Send + 'static>(
    name: String,
    theme: Theme,
    keymap: Keymap,
    load: impl FnOnce(&Arc<Progress>) -> Result<App, E> + Send + 'static,
    perform: Perform,
) -> anyhow::Result<Result<Ending, E>> {
    let (tx, rx) = mpsc::channel::<Input<E>>();
    let mut signals = Signals::new(ENDING_SIGNALS.iter().chain(&[SIGTSTP, SIGCONT]))?;
    let signal_tx = tx.clone();
    thread::spawn(move || {
        for signal in signals.forever() {
            let input = match signal {
                SIGTSTP => Input::Stop,
                SIGCONT => Input::Continued,
                n => Input::Signal(n),
            };
            if signal_tx.send(input).is_err() {
                break;
            }
        }
    });
    let watch_tx = tx.clone();
    thread::spawn(move || {
        loop {
            thread::sleep(WATCH);
            if ratatui::crossterm::terminal::window_size().is_err() {
                let _ = watch_tx.send(Input::Lost);
                break;
            }
        }
    });

    // `init` puts the terminal in raw mode on the alternate screen. Our panic hook
    // replaces the one it installs: it restores the terminal (mouse reporting too),
    // then says in one sentence what happened and where to report it, instead of a
    // backtrace dump.
    let mut terminal = ratatui::try_init()?;
    std::panic::set_hook(Box::new(|info| {
        restore();
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        // Written, not `eprintln!`ed: on a terminal that has gone, that would panic again.
        let _ = writeln!(
            std::io::stderr(),
            "trajex: an internal error stopped the explorer{place}; your terminal has been restored, \
             and a report with the command you ran goes to {REPORT_TO}."
        );
    }));
    if let Err(e) = execute!(std::io::stdout(), EnableMouseCapture) {
        restore();
        return Err(e.into());
    }
    let progress = Arc::new(Progress::default());
    let loading = Arc::new(AtomicBool::new(true));
    let (loader_tx, ticker_tx) = (tx.clone(), tx.clone());
    let (loader_progress, still_loading) = (Arc::clone(&progress), Arc::clone(&loading));
    thread::spawn(move || {
        if let Some(release) = std::env::var_os(HOLD_LOAD_FOR_TESTS) {
            while !std::path::Path::new(&release).exists() {
                thread::sleep(TICK);
            }
        }
        let loaded =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| load(&loader_progress)));
        still_loading.store(false, Ordering::Relaxed);
        let _ = loader_tx.send(match loaded {
            Ok(result) => Input::Loaded(Box::new(result)),
            Err(_) => Input::LoaderFailed,
        });
    });
    let ticking = Arc::clone(&loading);
    thread::spawn(move || {
        while ticking.load(Ordering::Relaxed) {
            thread::sleep(TICK);
            if ticker_tx.send(Input::Tick).is_err() {
                break;
            }
        }
    });
    thread::spawn(move || {
        loop {
            let input = match event::read() {
                Ok(ev) => Input::Terminal(ev),
                Err(e) => Input::ReadFailed(e),
            };
            let failed = matches!(input, Input::ReadFailed(_));
            if tx.send(input).is_err() || failed {
                break;
            }
        }
    });
    let result = match wait_for_load(&mut terminal, &name, theme, &keymap, &progress, &rx) {
        Ok(ControlFlow::Continue(Ok(mut app))) => {
            event_loop(&mut terminal, &mut app, theme, &rx, perform).map(Ok)
        }
        Ok(ControlFlow::Continue(Err(e))) => Ok(Err(e)),
        Ok(ControlFlow::Break(ending)) => Ok(Ok(ending)),
        Err(e) => Err(e),
    };
    restore();
    if matches!(result, Ok(Ok(Ending::Lost))) {
        // Dropped, the terminal would try to show the cursor on the terminal that has
        // gone, and report its failure on that same terminal, which panics.
        std::mem::forget(terminal);
    }
    result
}

/// Gives the terminal back as it was: mouse reporting off, cursor shown, the line
/// settings restored, the main screen. Each step is tried whatever became of the one
/// before, and nothing is reported: on a terminal that has gone, every one fails, and
/// there is nowhere to say so.
fn restore() {
    let mut out = std::io::stdout();
    let _ = execute!(out, DisableMouseCapture, Show);
    let _ = disable_raw_mode();
    let _ = execute!(out, LeaveAlternateScreen);
}

/// Takes the terminal (again): raw mode, the alternate screen, mouse reporting, and
/// the whole screen drawn anew at its current size on the next draw.
fn take(terminal: &mut ratatui::DefaultTerminal) -> std::io::Result<()> {
    enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        Clear(ClearType::All)
    )?;
    // A blank frame makes ratatui's last frame match the cleared screen, so the next
    // draws every cell. (`Terminal::clear` would ask the terminal where its cursor is,
    // which cannot be answered while the reader thread waits on the terminal.)
    terminal.draw(|_| {})?;
    Ok(())
}

/// Ctrl-Z or SIGTSTP: gives the terminal back and stops, as the shell expects of a job;
/// when continued (`fg`), takes the terminal again.
fn suspend(terminal: &mut ratatui::DefaultTerminal) -> std::io::Result<()> {
    restore();
    // SIGSTOP, not SIGTSTP: our own SIGTSTP handler would only bring us back here.
    signal_hook::low_level::raise(SIGSTOP)?;
    take(terminal)
}

/// What became of taking or giving back the terminal: nothing to report, or
/// [`Ending::Lost`] when it failed because the terminal has gone, or the error.
fn lost(done: std::io::Result<()>) -> anyhow::Result<Option<Ending>> {
    match done {
        Ok(()) => Ok(None),
        Err(e) if gone(&e) => Ok(Some(Ending::Lost)),
        Err(e) => Err(e.into()),
    }
}

/// Whether a failure to read the terminal means that it has gone.
fn gone(error: &std::io::Error) -> bool {
    error.kind() == std::io::ErrorKind::UnexpectedEof
        || error.raw_os_error() == Some(5) // EIO
        || ratatui::crossterm::terminal::window_size().is_err()
}

/// Draws the progress bar until the app is loaded; `Break` when the user quits or a
/// signal ends the run first.
fn wait_for_load<E>(
    terminal: &mut ratatui::DefaultTerminal,
    name: &str,
    theme: Theme,
    keymap: &Keymap,
    progress: &Progress,
    rx: &mpsc::Receiver<Input<E>>,
) -> anyhow::Result<ControlFlow<Ending, Result<App, E>>> {
    let quit: Vec<String> = [Intent::Quit, Intent::ForceQuit]
        .iter()
        .flat_map(|i| keymap.keys(Scope::Loading, *i))
        .map(|k| k.label())
        .collect();
    let quit = format!("{} quits", quit.join(" or "));
    loop {
        match rx.recv() {
            Ok(Input::Loaded(result)) => return Ok(ControlFlow::Continue(*result)),
            Ok(Input::LoaderFailed) => {
                return Err(anyhow::anyhow!("the dataset could not be loaded"));
            }
            Ok(Input::Tick | Input::Terminal(Event::Resize(..))) => {
                let (stage, done, total) = progress.get();
                terminal.draw(|frame| {
                    let view = Loading {
                        name,
                        quit: &quit,
                        stage,
                        done,
                        total,
                        theme,
                    };
                    frame.render_widget(view, frame.area())
                })?;
            }
            Ok(Input::Terminal(Event::Key(key))) if key.kind == KeyEventKind::Press => {
                match keymap.resolve(Key::from_event(key), Scope::Loading) {
                    Some(Intent::Quit | Intent::ForceQuit) => {
                        return Ok(ControlFlow::Break(quit_by(key)));
                    }
                    Some(Intent::Suspend) => {
                        if let Some(ending) = lost(suspend(terminal))? {
                            return Ok(ControlFlow::Break(ending));
                        }
                    }
                    _ => {}
                }
            }
            Ok(Input::Terminal(_)) => {}
            Ok(input @ (Input::Stop | Input::Continued)) => {
                let done = match input {
                    Input::Stop => suspend(terminal),
                    _ => take(terminal),
                };
                if let Some(ending) = lost(done)? {
                    return Ok(ControlFlow::Break(ending));
                }
            }
            Ok(Input::Lost) => return Ok(ControlFlow::Break(Ending::Lost)),
            Ok(Input::ReadFailed(e)) if gone(&e) => return Ok(ControlFlow::Break(Ending::Lost)),
            Ok(Input::ReadFailed(e)) => {
                return Err(anyhow::anyhow!(
                    "cannot read from the terminal: {}",
                    crate::io_reason(&e)
                ));
            }
            Ok(Input::Signal(signal)) => return Ok(ControlFlow::Break(Ending::Signal(signal))),
            Err(_) => return Ok(ControlFlow::Break(Ending::Quit)),
        }
    }
}

/// How a key that quits ends the run: Ctrl-C as the interrupt it is in a shell (exit
/// 130, as fzf and every command a shell runs), any other key as a plain quit (exit 0).
fn quit_by(key: KeyEvent) -> Ending {
    let key = Key::from_event(key);
    if key.ctrl && !key.alt && key.code == KeyCode::Char('c') {
        Ending::Signal(SIGINT)
    } else {
        Ending::Quit
    }
}

fn event_loop<E>(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    theme: Theme,
    rx: &mpsc::Receiver<Input<E>>,
    perform: Perform,
) -> anyhow::Result<Ending> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    loop {
        if let Err(e) =
            terminal.draw(|frame| frame.render_widget(View { app, theme }, frame.area()))
        {
            return if gone(&e) {
                Ok(Ending::Lost)
            } else {
                Err(e.into())
            };
        }
        let mut ending = Ending::Quit;
        let action = match rx.recv() {
            Ok(Input::Terminal(Event::Key(key))) if key.kind == KeyEventKind::Press => {
                if std::env::var_os(PANIC_FOR_TESTS).is_some() {
                    panic!("{PANIC_FOR_TESTS} is set");
                }
                ending = quit_by(key);
                match app.action_for(key) {
                    Some(action) => action,
                    None => continue,
                }
            }
            Ok(Input::Terminal(Event::Resize(w, h))) => Action::Resize(w, h),
            Ok(Input::Terminal(Event::Mouse(mouse))) => match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => Action::Click(mouse.column, mouse.row),
                MouseEventKind::ScrollUp => Action::Scroll(mouse.column, mouse.row, -1),
                MouseEventKind::ScrollDown => Action::Scroll(mouse.column, mouse.row, 1),
                _ => continue,
            },
            Ok(Input::Terminal(_) | Input::Tick | Input::Loaded(_) | Input::LoaderFailed) => {
                continue;
            }
            Ok(input @ (Input::Stop | Input::Continued)) => {
                let done = match input {
                    Input::Stop => suspend(terminal),
                    _ => take(terminal),
                };
                if let Some(ending) = lost(done)? {
                    return Ok(ending);
                }
                resized(terminal)?
            }
            Ok(Input::Lost) => return Ok(Ending::Lost),
            Ok(Input::ReadFailed(e)) if gone(&e) => return Ok(Ending::Lost),
            Ok(Input::ReadFailed(e)) => {
                return Err(anyhow::anyhow!(
                    "cannot read from the terminal: {}",
                    crate::io_reason(&e)
                ));
            }
            Ok(Input::Signal(signal)) => return Ok(Ending::Signal(signal)),
            Err(_) => return Ok(Ending::Quit),
        };
        let mut pending = app.update(action);
        while let Some(effect) = pending.pop() {
            match effect {
                Effect::Quit => return Ok(ending),
                Effect::Suspend => {
                    if let Some(ending) = lost(suspend(terminal))? {
                        return Ok(ending);
                    }
                    let size = terminal.size()?;
                    pending.extend(app.update(Action::Resize(size.width, size.height)));
                }
                Effect::Copy(text) => {
                    // OSC 52: the terminal puts the text on the system clipboard, over SSH too.
                    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
                    let mut out = std::io::stdout();
                    let _ = write!(out, "\x1b]52;c;{encoded}\x07").and_then(|()| out.flush());
                }
                effect @ (Effect::Export { .. }
                | Effect::ExportTable { .. }
                | Effect::Remember(_)) => {
                    if let Some(action) = perform(app, effect) {
                        pending.extend(app.update(action));
                    }
                }
            }
        }
    }
}

/// The app told the terminal's size, which may have changed while trajex was stopped.
fn resized(terminal: &ratatui::DefaultTerminal) -> std::io::Result<Action> {
    let size = terminal.size()?;
    Ok(Action::Resize(size.width, size.height))
}
