//! The subcommands: one file each, all writing to a `Write` so tests can read what a user
//! sees, and all failing with one [`CommandError`] that knows its exit code.

mod check;
mod compare;
mod context;
pub mod explore;
mod export;
mod generate;
mod import;
mod list;
mod paths;
mod render;
mod show;
pub mod table;
mod transitions;

use std::io::{self, Write};

use crate::cli::{Cli, Command};
use crate::config::ConfigError;
use crate::data::find::FindError;
use crate::data::load::LoadError;
use crate::data::{Dataset, Date};
use crate::export::ExportError;
use crate::import::ImportError;
use crate::paths::{DatasetSource, Locations};

/// Why a command failed, and so which exit code it ends with.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Find(#[from] FindError),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A data, I/O or not-found failure, as one sentence.
    #[error("{0}")]
    Failed(String),
    /// The command line asked for something impossible (exit 2).
    #[error("{0}")]
    Usage(String),
    /// Writing to stdout failed.
    #[error("cannot write the output: {}", crate::io_reason(.0))]
    Output(#[from] io::Error),
}

impl CommandError {
    /// 2 for a usage error, 1 for everything else, 0 for a closed pipe (`| head`):
    /// the reader has what it wanted.
    pub fn exit_code(&self) -> u8 {
        match self {
            CommandError::Usage(_) => 2,
            CommandError::Output(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
            _ => 1,
        }
    }

    /// What the user reads on stderr: positioned `PATH:LINE:COL: message` lines for a bad
    /// dataset or config (as compilers print them), else `trajex: <sentence>`; nothing
    /// for a closed pipe. Text from a file or the command line that a message echoes
    /// has its control characters written out (`\x1b`): an error never drives the
    /// terminal.
    pub fn report(&self) -> String {
        match self {
            CommandError::Output(e) if e.kind() == io::ErrorKind::BrokenPipe => String::new(),
            CommandError::Load(LoadError::Invalid { .. })
            | CommandError::Config(ConfigError::Invalid { .. })
            | CommandError::Import(ImportError::Invalid { .. }) => {
                visible_lines(&format!("{self}\n"))
            }
            _ => visible_lines(&format!("trajex: {self}\n")),
        }
    }
}

/// How a command that did not fail ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It did its work (or the user quit the explorer).
    Done,
    /// Signal N ended the explorer, the terminal restored: nothing to report, but the
    /// exit code tells the shell (128 + N).
    Signal(i32),
}

impl Outcome {
    /// 0, or 128 + N for signal N, as shells report a run a signal ended.
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Done => 0,
            Outcome::Signal(n) => u8::try_from(128 + n).unwrap_or(u8::MAX),
        }
    }
}

/// Runs the command `cli` names, writing its output to stdout.
pub fn run(cli: Cli) -> Result<Outcome, CommandError> {
    let locations = Locations::discover();
    let source = DatasetSource::resolve(cli.data.as_deref(), &locations);
    let Some(command) = cli.command else {
        return explore::run(&source, &locations);
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match command {
        Command::Check(args) => check::run(args.path.as_deref(), &source, &mut out),
        Command::List(args) => {
            let at = args
                .at
                .as_deref()
                .map(|d| {
                    crate::data::Date::parse(d)
                        .map_err(|e| CommandError::Usage(format!("--at: {e}")))
                })
                .transpose()?;
            let query = list::Query {
                region: args.region.as_deref(),
                scheme: args.scheme.as_deref(),
                at,
                went: args.went.as_deref(),
                within: args.within,
                format: args.format,
            };
            let dataset = load(&source)?;
            list::run(&dataset, query, &mut out).inspect(|()| {
                if let Some(at) = at {
                    warn_beyond(&dataset, at);
                }
            })
        }
        Command::Show(args) => {
            let width = args.width.unwrap_or_else(chart_width);
            show::run(&load(&source)?, &args.council, width, &mut out)
        }
        Command::Export(args) => export::run(&load(&source)?, &args, &mut out),
        Command::Render(args) => {
            let (app, _) = explore::explorer(&source, &locations)?;
            render::run(app, args.size, &args.keys, &mut out)
        }
        Command::Import(args) => import::run(&args, &source, &mut out),
        Command::Context(args) => {
            let date = context::date(args.date.as_deref())?;
            let dataset = load(&source)?;
            match args.by {
                Some(crate::cli::By::Region) => {
                    context::by_region(&dataset, &args.scheme, date, args.format, &mut out)
                }
                None => context::run(&dataset, &args.scheme, date, args.format, &mut out),
            }
            .inspect(|()| {
                // Today is no question asked: only a date given is warned about.
                if args.date.is_some() {
                    warn_beyond(&dataset, date);
                }
            })
        }
        Command::Transitions(args) => transitions::run(&load(&source)?, &args, &mut out),
        Command::Generate(args) => generate::run(&args, &mut out),
        Command::Paths => paths::run(&source, &locations, &mut out),
    };
    result?;
    out.flush()?;
    Ok(Outcome::Done)
}

/// Today, from the `TRAJEX_TODAY` variable when set (for reproducible output), else
/// the system clock. The one place trajex reads the date; everything below the
/// commands is handed it.
fn today() -> Date {
    if let Some(date) = std::env::var("TRAJEX_TODAY")
        .ok()
        .and_then(|t| Date::parse(&t).ok())
    {
        return date;
    }
    let now = jiff::Zoned::now().date();
    Date::ymd(now.year() as u16, now.month() as u8, now.day() as u8)
        .unwrap_or(Date::year(now.year() as u16))
}

/// The dataset in use; warnings are for `check` only.
fn load(source: &DatasetSource) -> Result<Dataset, CommandError> {
    Ok(source.load()?.dataset)
}

/// How wide `show` draws its chart: the terminal's width, else 100 columns.
fn chart_width() -> u16 {
    use std::io::IsTerminal;
    let terminal = io::stdout()
        .is_terminal()
        .then(ratatui::crossterm::terminal::size)
        .and_then(Result::ok);
    terminal.map_or(100, |(columns, _)| columns.clamp(40, 200))
}

/// Warns when `date` falls after the dataset's last rating, naming that date: what is
/// read then is how things stood at the last rating the dataset holds.
fn warn_beyond(dataset: &Dataset, date: Date) {
    if let Some(last) = dataset.beyond_data(date) {
        note(&format!(
            "trajex: warning: {date} is after the last rating in this dataset ({last}); read as things stood then"
        ));
    }
}

/// Writes a line to stderr, control characters written out; a closed stderr is no
/// reason to fail a command.
fn note(line: &str) {
    let _ = write!(io::stderr(), "{}", visible_lines(&format!("{line}\n")));
}

/// `text` with the control characters of each line written out, its line breaks kept.
fn visible_lines(text: &str) -> String {
    text.split('\n')
        .map(crate::text::visible)
        .collect::<Vec<_>>()
        .join("\n")
}
