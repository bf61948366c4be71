//! The only module that touches the real terminal: raw mode, the alternate screen, the
//! event loop, signals. Whatever happens (quit, error, panic, SIGTERM, SIGHUP), the
//! terminal is restored.
//!
//! One loop waits on one channel, fed by a thread reading terminal events and a
//! thread receiving signals, so a signal is handled even while no key is pressed.

use std::sync::mpsc;
use std::thread;

use std::io::Write;

use base64::Engine;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{Action, App, Effect, ExportOutcome};
use crate::export;
use crate::ui::View;
use crate::ui::theme::Theme;

/// Where users report a crash.
const REPORT_TO: &str = "the trajex issue tracker (see the README's \"Reporting a problem\")";

/// Set to make the explorer panic at its first key press: how the tests prove that a
/// crash still restores the terminal.
const PANIC_FOR_TESTS: &str = "TRAJEX_PANIC_ON_KEY";

enum Input {
    Terminal(Event),
    ReadFailed(std::io::Error),
    Signal,
}

/// Runs the explorer until the user quits.
pub fn run(mut app: App, theme: Theme) -> anyhow::Result<()> {
    let (tx, rx) = mpsc::channel();
    let mut signals = Signals::new([SIGTERM, SIGHUP])?;
    let signal_tx = tx.clone();
    thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = signal_tx.send(Input::Signal);
        }
    });

    // `init` puts the terminal in raw mode on the alternate screen. Our panic hook
    // replaces the one it installs: it restores the terminal (mouse reporting too),
    // then says in one sentence what happened and where to report it, instead of a
    // backtrace dump.
    let mut terminal = ratatui::try_init()?;
    std::panic::set_hook(Box::new(|info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui::restore();
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "trajex: an internal error stopped the explorer{place}; your terminal has been restored, \
             and a report with the command you ran goes to {REPORT_TO}."
        );
    }));
    if let Err(e) = execute!(std::io::stdout(), EnableMouseCapture) {
        ratatui::restore();
        return Err(e.into());
    }
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
    let result = event_loop(&mut terminal, &mut app, theme, &rx);
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    theme: Theme,
    rx: &mpsc::Receiver<Input>,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    loop {
        terminal.draw(|frame| frame.render_widget(View { app, theme }, frame.area()))?;
        let action = match rx.recv() {
            Ok(Input::Terminal(Event::Key(key))) if key.kind == KeyEventKind::Press => {
                if std::env::var_os(PANIC_FOR_TESTS).is_some() {
                    panic!("{PANIC_FOR_TESTS} is set");
                }
                Action::Key(key)
            }
            Ok(Input::Terminal(Event::Resize(w, h))) => Action::Resize(w, h),
            Ok(Input::Terminal(Event::Mouse(mouse))) => match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => Action::Click(mouse.column, mouse.row),
                MouseEventKind::ScrollUp => Action::Scroll(mouse.column, mouse.row, -1),
                MouseEventKind::ScrollDown => Action::Scroll(mouse.column, mouse.row, 1),
                _ => continue,
            },
            Ok(Input::Terminal(_)) => continue,
            Ok(Input::ReadFailed(e)) => {
                return Err(anyhow::anyhow!(
                    "cannot read from the terminal: {}",
                    crate::io_reason(&e)
                ));
            }
            Ok(Input::Signal) | Err(_) => return Ok(()),
        };
        let mut pending = app.update(action);
        while let Some(effect) = pending.pop() {
            match effect {
                Effect::Quit => return Ok(()),
                Effect::Copy(text) => {
                    // OSC 52: the terminal puts the text on the system clipboard, over SSH too.
                    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
                    let mut out = std::io::stdout();
                    let _ = write!(out, "\x1b]52;c;{encoded}\x07").and_then(|()| out.flush());
                }
                Effect::Export {
                    councils,
                    format,
                    path,
                    overwrite,
                } => {
                    let outcome = if !overwrite && path.exists() {
                        ExportOutcome::Exists(path)
                    } else {
                        match export::write_file(&app.dataset, &councils, format, &path, overwrite)
                        {
                            Ok(()) => ExportOutcome::Written(path),
                            Err(e) => ExportOutcome::Failed(format!("Export failed: {e}")),
                        }
                    };
                    pending.extend(app.update(Action::Exported(outcome)));
                }
            }
        }
    }
}
