//! The command line, as clap derive definitions. Doc comments here are the `--help`
//! text users read, so they write `<council-id>` as a placeholder, not as HTML.
#![allow(rustdoc::invalid_html_tags)]

use std::ffi::OsStr;
use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::error::ErrorKind;
use clap::{Arg, Args, Parser, Subcommand, ValueEnum};

use crate::commands::table::TableFormat;
use crate::export::Format;

/// Explore how English councils' inspection ratings moved over time.
///
/// Without a command, opens the explorer (it needs a terminal).
#[derive(Debug, Parser)]
#[command(
    name = "trajex",
    version,
    after_help = "Examples:\n  trajex                                           open the explorer\n  trajex show \"tower hamlets\"                      a council's ratings as text\n  trajex export tower-hamlets --format csv -o -    its ratings as CSV on stdout\n  trajex --data mine.ron check                     validate your own dataset\n  trajex --data embedded list                      the built-in dataset, whatever else exists\n\nExit codes: 0 ok (q quits the explorer); 1 a data, file or not-found error; 2 a usage error; 130 when Ctrl-C quits the explorer; 128 + N when signal N ends it (the terminal restored first)."
)]
pub struct Cli {
    /// The dataset to use instead of <data dir>/dataset.ron or the built-in one;
    /// `--data embedded` picks the built-in one whatever else exists (`--data ./embedded`
    /// names a file called embedded).
    #[arg(long, global = true, value_name = "PATH")]
    pub data: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a dataset and count what it holds.
    #[command(
        after_help = "Example:\n  trajex check my-councils.ron\n\nPrints \"N councils, M ratings, K schemes\"; each problem is reported as PATH:LINE:COL: message."
    )]
    Check(CheckArgs),
    /// One line per council with its latest ratings; a league table at a date; the
    /// councils whose ratings went through given levels.
    #[command(
        after_help = "Examples:\n  trajex list --region London\n  trajex list --scheme ofsted-cs\n  trajex list --scheme ofsted-cs --at 2024-03-31             the league table that day\n  trajex list --scheme ofsted-cs --went inadequate,outstanding\n  trajex list --scheme ofsted-cs --went inad,good --within 24 --format csv\n\nWithout --scheme, one column per main scheme still running today (every main scheme when none is).\n\nWith --scheme and --at, every council with the rating in force that day (or why none), best first: the band of places its level shares among the councils rated that day (\"joint 28th-91st of 151\"), and its percentile from the nearer end (\"top 18%\": the share of them at its level or better; \"bottom 11%\": at its level or worse). Places count every council rated that day, also with --region. CSV columns: council_id,council_name,region,level,date,rank,percentile,known,councils; known is the councils ranked (those whose rating the dataset knows), councils those that existed that day; level is empty and date says why when no rating is in force.\n\nWith --went, levels are named in any case or by an unambiguous start (inad, req, good, out); the ratings pass through them in order, not necessarily one straight after another; each council's shortest such path is shown, with the date of each step and the complete months it took."
    )]
    List(ListArgs),
    /// A council's ratings as text, oldest first, then a text chart.
    #[command(
        after_help = "Examples:\n  trajex show tower-hamlets\n  trajex show E09000030\n  trajex show tower hamlets         several words, no quotes needed\n  trajex show bham                  fuzzy, as the explorer's / filter: Birmingham\n\nCOUNCIL is matched exactly (id, ONS code, name or alias, any case) first; else by the explorer's fuzzy filter, best match first. When several councils match equally well, or none does, the error lists the nearest ones."
    )]
    Show(ShowArgs),
    /// Write councils' timelines to a file (csv, json, ron, md, svg, png).
    #[command(
        after_help = "Examples:\n  trajex export tower-hamlets --format csv         writes tower-hamlets.csv here\n  trajex export --all --format json -o all.json    writes all.json\n  trajex export hackney newham --format md -o -    prints to stdout\n  trajex export tower-hamlets --format png --width 1200    a picture for a report\n\nsvg and png draw the councils' strips on one time axis (several councils overlaid, each in its own colour and marker), with a legend and the sources cited; sub-judgements are smaller strips under their parent. --width and --height apply to svg and png only: with another format they are a usage error. An existing file is never overwritten unless --force."
    )]
    Export(ExportArgs),
    /// Draw one explorer frame as plain text, after feeding keys.
    #[command(
        after_help = "Example:\n  trajex render --size 100x30 --keys \"/tower<Enter>j\"\n\nKEYS are typed characters plus any key named as the help names it, in angle brackets: <Enter> <Esc> <Tab> <Shift-Tab> <↑> <↓> <←> <→> <PgUp> <PgDn> <Home> <End> <space> <Ctrl-C> <Alt-x> <F5> (<BackTab> <Up> <C-c> work too); <lt> types a <. A < that no > closes, or a name no key has, is a usage error (exit 2)."
    )]
    Render(RenderArgs),
    /// Build a dataset from the tidy CSV that `export --format csv` writes.
    #[command(
        after_help = "Examples:\n  trajex export --all --format csv -o all.csv     a CSV to edit in a spreadsheet\n  trajex import all.csv -o mine.ron               back into a dataset\n  trajex --data mine.ron show \"my council\"        use it\n\nSchemes and sources are found by id in --schemes FROM.ron, else in the dataset in use; a source id found in neither becomes a source titled by its rows' source_title, else by the URL they give. Each problem is reported as FILE.csv:LINE:COL: message, COL counting the file's columns from 1; nothing is written while there is one. An existing file is never overwritten unless --force."
    )]
    Import(ImportArgs),
    /// How councils were spread across a scheme's levels at a date.
    #[command(
        after_help = "Examples:\n  trajex context ofsted-cs                     today\n  trajex context csci-stars --date 2004-11     with the published figures of the time\n  trajex context ofsted-cs --date 2024-03-31 --by region\n\nCounts and shares are computed from each council's rating in force on the date, of the councils that existed then; the shares of the levels add to 100.0. A published national summary for that round comes first, marked as published, with its source; where the dataset knows fewer councils than existed or than the summary counted, the computed figures say they are partial. Before a scheme's first round no share is given. With --by region, one line per region (the councils that name none last) with its counts and the share at the top two levels, then all regions together. CSV columns: figure,level,count,share,known,councils,date,source (figure is published, computed, or computed (partial) when the dataset does not know every council's rating; known is the councils whose rating is known, councils those that existed, or for a published row the total its source states; source is a published row's source). With --by region: figure,region,level,count,share,known,councils,date."
    )]
    Context(ContextArgs),
    /// Each level of a scheme against the same council's next rating in it.
    #[command(
        after_help = "Examples:\n  trajex transitions ofsted-cs\n  trajex transitions ofsted-cs --from 2018 --region London\n  trajex transitions csci-stars --format csv\n\nEach graded rating dated from --from to --to is paired with the council's next rating in the scheme: its level and the complete months between the two. A rating the scheme's end, the council's end, an ungraded report or a round the dataset lacks cut short is paired with no grade (\"no grade followed\"); one still in force on --to (default: every rating in the dataset) has \"no next rating yet\". Shares are of the row. CSV columns: from,to,count,share,median_months; to is empty for no next rating yet and \"(no grade followed)\" for a rating cut short."
    )]
    Transitions(TransitionsArgs),
    /// Write a synthetic dataset of N invented councils, for trying trajex at scale.
    #[command(
        after_help = "Examples:\n  trajex generate --councils 10000 -o big.ron\n  trajex --data big.ron check\n\nThe same --seed gives the same file. Councils get short invented names, no two alike and at most 12 letters (\"Kelmarwen\"), ids and codes that carry their number (synthetic-00042, SYN00042) and regions named \"Synthetic region 3\"; the title says the data is synthetic, and every rating cites a synthetic source with no link. An existing file is never overwritten unless --force."
    )]
    Generate(GenerateArgs),
    /// Show where trajex finds its dataset and config, and where exports go.
    #[command(after_help = "Example:\n  trajex paths")]
    Paths,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The dataset file to validate; default: the dataset in use.
    pub path: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only councils in this region (case-insensitive).
    #[arg(long, value_name = "R")]
    pub region: Option<String>,
    /// Show this scheme's latest rating (its id, e.g. ofsted-cs), with date and change.
    #[arg(long, value_name = "S")]
    pub scheme: Option<String>,
    /// The rating in force on this date (YYYY, YYYY-MM or YYYY-MM-DD: its last day),
    /// or why there is none: unknown, not yet rated, no grade, ended; with --scheme,
    /// the league table.
    #[arg(long, value_name = "D")]
    pub at: Option<String>,
    /// With --scheme: the councils whose ratings passed through these levels in this
    /// order, e.g. inadequate,outstanding.
    #[arg(long, value_name = "L,L", requires = "scheme", conflicts_with = "at")]
    pub went: Option<String>,
    /// With --went: only the councils that made the whole path within this many months.
    #[arg(long, value_name = "MONTHS", requires = "went", value_parser = Plain(parse_months))]
    pub within: Option<u32>,
    /// Write the table as csv, md or json instead of aligned text.
    #[arg(long, short = 'f', value_name = "F", value_parser = Plain(parse_table_format))]
    pub format: Option<TableFormat>,
    /// Columns every line of the text table fits in, 40 to 400, cells cut with `…`;
    /// default: $COLUMNS when set, else the terminal's width; when the output is not a
    /// terminal and $COLUMNS is not set, nothing is cut (a file gets every cell whole).
    /// --format output is never cut.
    #[arg(long, value_name = "N", value_parser = Plain(parse_show_width))]
    pub width: Option<u16>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// An id, ONS code, name or alias, or words of one as the explorer's / filter finds
    /// them (fuzzily, in any order); several words need no quotes.
    #[arg(value_name = "COUNCIL", required = true, num_args = 1..)]
    pub council: Vec<String>,
    /// Columns to fit every line in, 40 to 400; default: $COLUMNS when set, else the
    /// terminal's width (100 when the output is not a terminal).
    #[arg(long, value_parser = Plain(parse_show_width))]
    pub width: Option<u16>,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["councils", "all"]))]
pub struct ExportArgs {
    /// Councils to export: ids, ONS codes, names or aliases, or words of them as the
    /// explorer's / filter finds them; a name of several words needs no quotes
    /// (`export tower hamlets newham`).
    #[arg(value_name = "COUNCIL")]
    pub councils: Vec<String>,
    /// Export every council.
    #[arg(long, conflicts_with = "councils")]
    pub all: bool,
    /// The file format: csv, json, ron, md, svg or png.
    #[arg(long, short = 'f', value_name = "F", value_parser = Plain(parse_format))]
    pub format: Format,
    /// svg and png only: the picture's width in pixels, 100 to 5000.
    #[arg(long, value_name = "PX", value_parser = Plain(parse_side))]
    pub width: Option<u32>,
    /// svg and png only: the picture's height in pixels, 100 to 5000; default: as tall as the chart needs.
    #[arg(long, value_name = "PX", value_parser = Plain(parse_side))]
    pub height: Option<u32>,
    /// svg and png only: the strips to draw, by scheme id; default: every scheme the
    /// councils have, as the explorer shows them.
    #[arg(long, value_name = "ID,ID", value_delimiter = ',')]
    pub schemes: Vec<String>,
    /// svg and png only: show the sub-judgements under the strips drawn (folded by default).
    #[arg(long)]
    pub unfold: bool,
    /// The file to write, or `-` for stdout; default: <council-id>.<ext> here.
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The CSV file, with the header row `export --format csv` writes.
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    /// The dataset file to write, or `-` for stdout.
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: PathBuf,
    /// The dataset whose schemes and sources the CSV names by id; default: the dataset in use.
    #[arg(long, value_name = "FROM.ron")]
    pub schemes: Option<PathBuf>,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ContextArgs {
    /// The scheme's id, e.g. ofsted-cs.
    pub scheme: String,
    /// The date, YYYY, YYYY-MM or YYYY-MM-DD (its last day); default: today.
    #[arg(long, value_name = "D")]
    pub date: Option<String>,
    /// Spread the councils by region.
    #[arg(long, value_name = "WHAT", value_enum)]
    pub by: Option<By>,
    /// Write the table as csv, md or json instead of aligned text.
    #[arg(long, short = 'f', value_name = "F", value_parser = Plain(parse_table_format))]
    pub format: Option<TableFormat>,
    /// Columns every line of the text table fits in, 40 to 400, cells cut with `…`;
    /// default: $COLUMNS when set, else the terminal's width; when the output is not a
    /// terminal and $COLUMNS is not set, nothing is cut (a file gets every cell whole).
    /// --format output is never cut.
    #[arg(long, value_name = "N", value_parser = Plain(parse_show_width))]
    pub width: Option<u16>,
}

/// What `context --by` spreads the councils by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum By {
    Region,
}

#[derive(Debug, Args)]
pub struct TransitionsArgs {
    /// The scheme's id, e.g. ofsted-cs.
    pub scheme: String,
    /// Count ratings dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD: its first day).
    #[arg(long, value_name = "D")]
    pub from: Option<String>,
    /// Count ratings dated up to this date (its last day), and what followed them as known then.
    #[arg(long, value_name = "D")]
    pub to: Option<String>,
    /// Only councils in this region (case-insensitive).
    #[arg(long, value_name = "R")]
    pub region: Option<String>,
    /// Write the table as csv, md or json instead of aligned text.
    #[arg(long, short = 'f', value_name = "F", value_parser = Plain(parse_table_format))]
    pub format: Option<TableFormat>,
    /// Columns every line of the text table fits in, 40 to 400, cells cut with `…`;
    /// default: $COLUMNS when set, else the terminal's width; when the output is not a
    /// terminal and $COLUMNS is not set, nothing is cut (a file gets every cell whole).
    /// --format output is never cut.
    #[arg(long, value_name = "N", value_parser = Plain(parse_show_width))]
    pub width: Option<u16>,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// How many councils to invent, 1 to 10,000,000.
    #[arg(long, value_name = "N", value_parser = Plain(parse_councils))]
    pub councils: u64,
    /// The seed: the same seed gives the same file.
    #[arg(long, value_name = "S", default_value_t = 1, value_parser = Plain(parse_seed))]
    pub seed: u64,
    /// The dataset file to write, or `-` for stdout.
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: PathBuf,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The frame size, columns x rows.
    #[arg(long, value_name = "WxH", default_value = "120x40", value_parser = Plain(parse_size))]
    pub size: Size,
    /// Keys to feed before drawing, e.g. "jj/tower<Enter>".
    #[arg(long, value_name = "KEYS", default_value = "")]
    pub keys: String,
}

/// A frame size in terminal cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub width: u16,
    pub height: u16,
}

/// A value parser whose error is one plain sentence, "--FLAG must be WHAT, not "VALUE"",
/// still a usage error (exit 2): clap would otherwise wrap the reason in "invalid value
/// 'abc' for '--councils <N>': …" and give Rust's own wording for a bad number.
#[derive(Clone, Copy)]
struct Plain<T>(fn(&str) -> Result<T, String>);

impl<T: Clone + Send + Sync + 'static> TypedValueParser for Plain<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        let text = value.to_string_lossy();
        (self.0)(&text).map_err(|what| {
            let flag = arg.map_or_else(
                || "the value".to_owned(),
                |a| match a.get_long() {
                    Some(long) => format!("--{long}"),
                    None => a.get_id().to_string(),
                },
            );
            let mut cmd = cmd.clone();
            clap::Error::raw(
                ErrorKind::ValueValidation,
                format!("{flag} must be {what}, not \"{text}\""),
            )
            .format(&mut cmd)
        })
    }
}

/// A whole number (of `unit`, when it is not empty) from `low` to `high`; the error
/// says what is wanted.
fn whole<T>(text: &str, unit: &str, low: T, high: T) -> Result<T, String>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
{
    text.trim()
        .parse::<T>()
        .ok()
        .filter(|n| (low..=high).contains(n))
        .ok_or_else(|| format!("a whole number{unit} from {low} to {high}"))
}

/// The most councils `generate` invents.
const MAX_COUNCILS: u64 = 10_000_000;

fn parse_councils(text: &str) -> Result<u64, String> {
    whole(text, "", 1, MAX_COUNCILS)
}

fn parse_seed(text: &str) -> Result<u64, String> {
    whole(text, "", 0, u64::MAX)
}

fn parse_show_width(text: &str) -> Result<u16, String> {
    whole(text, " of columns", 40, 400)
}

fn parse_months(text: &str) -> Result<u32, String> {
    whole(text, " of months", 0, u32::MAX)
}

fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name).map_err(|_| format!("one of {}", Format::names()))
}

fn parse_table_format(name: &str) -> Result<TableFormat, String> {
    TableFormat::from_name(name).ok_or_else(|| "one of csv, md, json".to_owned())
}

/// A picture side in pixels, within what can be drawn.
fn parse_side(text: &str) -> Result<u32, String> {
    use crate::export::{MAX_SIDE, MIN_SIDE};
    whole(text, " of pixels", MIN_SIDE, MAX_SIDE)
}

/// The largest frame `render` draws: enough for any screen, small enough to allocate.
const MAX_SIDE: u16 = 1000;

fn parse_size(text: &str) -> Result<Size, String> {
    let shape = || format!("WIDTHxHEIGHT, e.g. 120x40, each a whole number from 1 to {MAX_SIDE}");
    let (w, h) = text.split_once(['x', 'X']).ok_or_else(shape)?;
    match (whole(w, "", 1, MAX_SIDE), whole(h, "", 1, MAX_SIDE)) {
        (Ok(width), Ok(height)) => Ok(Size { width, height }),
        _ => Err(shape()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sizes_are_width_by_height_within_bounds() {
        assert_eq!(
            parse_size("120x40"),
            Ok(Size {
                width: 120,
                height: 40
            })
        );
        assert_eq!(
            parse_size("80X24"),
            Ok(Size {
                width: 80,
                height: 24
            })
        );
        for bad in ["10", "0x10", "10x0", "x", "axb", "99999x10", "-1x5"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn picture_sides_are_pixels_within_bounds() {
        assert_eq!(parse_side("1000"), Ok(1000));
        assert_eq!(parse_side("100"), Ok(100));
        assert_eq!(parse_side("5000"), Ok(5000));
        for bad in ["0", "99", "5001", "-5", "1e3", "wide", ""] {
            assert!(parse_side(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_command_has_an_example_in_its_help() {
        for sub in Cli::command().get_subcommands() {
            let help = sub
                .get_after_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            assert!(
                help.contains("trajex "),
                "{} has no example",
                sub.get_name()
            );
        }
    }
}
