//! The only module that touches the real terminal: raw mode, the alternate screen, the
//! event loop, signals. Whatever happens (quit, error, panic, SIGTERM, SIGHUP), the
//! terminal is restored.
//!
//! One loop waits on one channel, fed by a thread reading terminal events and a
//! thread receiving signals, so a signal is handled even while no key is pressed.

use std::sync::mpsc;
use std::thread;

use ratatui::crossterm::event::{self, Event, KeyEventKind};
use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{Action, App, Effect, ExportOutcome};
use crate::export;
use crate::ui::View;
use crate::ui::theme::Theme;

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

    // `init` puts the terminal in raw mode on the alternate screen and installs a panic
    // hook that restores it before the panic message prints.
    let mut terminal = ratatui::try_init()?;
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
            Ok(Input::Terminal(Event::Key(key))) if key.kind == KeyEventKind::Press => Action::Key(key),
            Ok(Input::Terminal(Event::Resize(w, h))) => Action::Resize(w, h),
            Ok(Input::Terminal(_)) => continue,
            Ok(Input::ReadFailed(e)) => return Err(anyhow::anyhow!("cannot read from the terminal: {}", crate::io_reason(&e))),
            Ok(Input::Signal) | Err(_) => return Ok(()),
        };
        let mut pending = app.update(action);
        while let Some(effect) = pending.pop() {
            match effect {
                Effect::Quit => return Ok(()),
                Effect::Export { councils, format, path, overwrite } => {
                    let outcome = if !overwrite && path.exists() {
                        ExportOutcome::Exists(path)
                    } else {
                        match export::write_file(&app.dataset, &councils, format, &path, overwrite) {
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
