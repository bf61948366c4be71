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
            let width = table_width(args.width, args.format)?;
            let query = list::Query {
                width,
                region: args.region.as_deref(),
                scheme: args.scheme.as_deref(),
                at,
                went: args.went.as_deref(),
                within: args.within,
                format: args.format,
            };
            let dataset = load(&source)?;
            list::run(&dataset, query, &mut Fitted::new(&mut out, width)).inspect(|()| {
                if let Some(at) = at {
                    warn_beyond(&dataset, at);
                }
            })
        }
        Command::Show(args) => {
            let width = args.width.unwrap_or_else(chart_width);
            show::run(&load(&source)?, &args.council.join(" "), width, &mut out)
        }
        Command::Export(args) => export::run(&load(&source)?, &args, &mut out),
        Command::Render(args) => {
            let (app, _) = explore::explorer(&source, &locations)?;
            render::run(app, args.size, &args.keys, &mut out)
        }
        Command::Import(args) => import::run(&args, &source, &mut out),
        Command::Context(args) => {
            let date = context::date(args.date.as_deref())?;
            let width = table_width(args.width, args.format)?;
            let dataset = load(&source)?;
            let out = &mut Fitted::new(&mut out, width);
            let asked = context::Asked {
                format: args.format,
                width,
            };
            match args.by {
                Some(crate::cli::By::Region) => {
                    context::by_region(&dataset, &args.scheme, date, asked, out)
                }
                None => context::run(&dataset, &args.scheme, date, asked, out),
            }
            .inspect(|()| {
                // Today is no question asked: only a date given is warned about.
                if args.date.is_some() {
                    warn_beyond(&dataset, date);
                }
            })
        }
        Command::Transitions(args) => {
            let width = table_width(args.width, args.format)?;
            let dataset = load(&source)?;
            transitions::run(&dataset, &args, width, &mut Fitted::new(&mut out, width))
        }
        Command::Generate(args) => generate::run(&args, &mut out),
        Command::Paths => paths::run(&source, &locations, &mut out),
    };
    result?;
    out.flush()?;
    Ok(Outcome::Done)
}

/// A writer that fits each line it is given to a width, when it has one: a line
/// wider is wrapped at spaces ([`crate::text::wrap`]), its later lines indented two
/// more than its first. Tables reach it already fitted ([`table::write`]); this
/// catches the sentences around them.
struct Fitted<'w> {
    out: &'w mut dyn Write,
    width: Option<usize>,
    line: Vec<u8>,
}

impl<'w> Fitted<'w> {
    fn new(out: &'w mut dyn Write, width: Option<usize>) -> Self {
        Self {
            out,
            width,
            line: Vec::new(),
        }
    }

    /// Writes the line held (without its line break) fitted to the width.
    fn emit(&mut self) -> io::Result<()> {
        use unicode_width::UnicodeWidthStr;
        let Some(width) = self.width else {
            self.out.write_all(&self.line)?;
            self.line.clear();
            return Ok(());
        };
        let text = String::from_utf8_lossy(&self.line).into_owned();
        self.line.clear();
        if text.width() <= width {
            return self.out.write_all(text.as_bytes());
        }
        let body = text.trim_start_matches(' ');
        let indent = text.len() - body.len();
        let first = " ".repeat(indent);
        let rest = " ".repeat((indent + 2).min(width / 2));
        let lines = crate::text::wrap(body, width.saturating_sub(rest.len()).max(1));
        for (k, line) in lines.iter().enumerate() {
            if k > 0 {
                self.out.write_all(b"\n")?;
            }
            let lead = if k == 0 { &first } else { &rest };
            write!(self.out, "{lead}{line}")?;
        }
        Ok(())
    }
}

impl Write for Fitted<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.width.is_none() {
            return self.out.write(buf);
        }
        for &b in buf {
            if b == b'\n' {
                self.emit()?;
                self.out.write_all(b"\n")?;
            } else {
                self.line.push(b);
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.line.is_empty() {
            self.emit()?;
        }
        self.out.flush()
    }
}

impl Drop for Fitted<'_> {
    fn drop(&mut self) {
        // A last line without its break still goes out; a failure to write it was
        // the command's to report, which has finished by now.
        let _ = self.flush();
    }
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

/// How wide `show` draws its chart: [`output_width`], else 100 columns.
fn chart_width() -> u16 {
    output_width().map_or(100, |columns| columns.clamp(40, 200))
}

/// The columns the output should fit when no `--width` says: `COLUMNS` when it holds
/// a number (as `ls` and clap read it; a shell sets it but rarely exports it), else
/// the terminal's width when stdout is a terminal; `None` for a file or a pipe.
fn output_width() -> Option<u16> {
    use std::io::IsTerminal;
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&c| c > 0);
    columns.or_else(|| {
        io::stdout()
            .is_terminal()
            .then(ratatui::crossterm::terminal::size)
            .and_then(Result::ok)
            .map(|(columns, _)| columns)
    })
}

/// The columns a text table fits: `--width`, else [`output_width`] (at least 40); none
/// for a `--format` table, which is data and never cut, and a usage error with
/// `--width`.
fn table_width(
    width: Option<u16>,
    format: Option<table::TableFormat>,
) -> Result<Option<usize>, CommandError> {
    match (width, format) {
        (Some(_), Some(_)) => Err(CommandError::Usage(
            "--width fits the text table; a --format table is never cut".to_owned(),
        )),
        (_, Some(_)) => Ok(None),
        (Some(w), None) => Ok(Some(usize::from(w))),
        (None, None) => Ok(output_width().map(|w| usize::from(w.max(40)))),
    }
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
