//! Exporting councils' timelines to files: every format behind one [`Format`] enum, and
//! one safe way to write the result (a temporary file in the same folder, then a rename).

pub mod csv;
mod font;
mod json;
mod markdown;
mod png;
mod ron;
mod selection;
mod svg;

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::chart::{Chart, Choice};
use crate::data::{Dataset, Date};

pub use ron::{write as write_ron, write_streamed as write_ron_streamed};
pub use svg::{GRID_FROM, MAX_SIDE, MIN_SIDE};

/// The whole of `dataset` but its councils, as the records a RON file holds: what
/// `import` checks a CSV's rows against, with the loader's own checker.
pub(crate) fn catalogue_records(dataset: &Dataset) -> crate::data::raw::RawDataset<'_> {
    ron::raw(dataset, &selection::Selection::whole(dataset), &[])
}

/// A file format an export can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The tidy CSV: one row per rating.
    Csv,
    /// A self-contained JSON document: schemes, councils with ratings, sources.
    Json,
    /// A dataset in trajex's own RON shape, which `trajex check` accepts.
    Ron,
    /// A Markdown report: a table of ratings and the text chart per council.
    Md,
    /// A picture for a report: the councils' strips on a dated time axis, with a legend
    /// and the sources cited.
    Svg,
    /// The SVG picture as a PNG, drawn with the embedded font.
    Png,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Format; 6] = [
        Format::Csv,
        Format::Json,
        Format::Ron,
        Format::Md,
        Format::Svg,
        Format::Png,
    ];

    /// The format a user names (an extension, or `markdown`), case-insensitively.
    pub fn from_name(name: &str) -> Result<Self, ExportError> {
        match name.to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "ron" => Ok(Format::Ron),
            "md" | "markdown" => Ok(Format::Md),
            "svg" => Ok(Format::Svg),
            "png" => Ok(Format::Png),
            _ => Err(ExportError::UnknownFormat {
                name: name.to_owned(),
            }),
        }
    }

    /// The file extension, without a dot; also the name `from_name` accepts.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Ron => "ron",
            Format::Md => "md",
            Format::Svg => "svg",
            Format::Png => "png",
        }
    }

    /// Whether the format is a picture, which has a size in pixels.
    pub fn is_picture(self) -> bool {
        matches!(self, Format::Svg | Format::Png)
    }

    /// Whether the format is binary, which a terminal would show as garbage.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Png)
    }

    /// The names of every format, comma-separated, for messages.
    pub fn names() -> String {
        Self::ALL
            .iter()
            .map(|f| f.extension())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

/// How big a picture export is, in pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PictureSize {
    pub width: u32,
    /// `None`: as tall as the chart needs.
    pub height: Option<u32>,
}

impl Default for PictureSize {
    /// 1000 pixels wide, as tall as the chart needs.
    fn default() -> Self {
        Self {
            width: 1000,
            height: None,
        }
    }
}

/// What an export is made with besides the councils and the format.
#[derive(Clone, Debug)]
pub struct Options {
    /// The size of a picture; other formats have none.
    pub picture: PictureSize,
    /// Which strips a picture shows: by default the explorer's (parent strips,
    /// sub-judgements folded).
    pub choice: Choice,
    /// The date ratings still in force run to in a chart.
    pub today: Date,
    /// Draws a council's chart as text for Markdown; the caller hands in the painter
    /// (`ui::chart::plain`), so exports never reach into the explorer's drawing code.
    /// `None` leaves the text chart out.
    pub text_chart: Option<TextChart>,
}

/// A painter of a chart as plain text, `width` columns wide.
pub type TextChart = fn(&Dataset, &Chart, u16) -> String;

impl Options {
    /// The default picture size and strips, no text chart, and ratings still in force
    /// running to `today`: the caller's date (export reads no clock).
    pub fn new(today: Date) -> Self {
        Self {
            picture: PictureSize::default(),
            choice: Choice::default(),
            today,
            text_chart: None,
        }
    }
}

/// Why an export could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("unknown format \"{name}\"; use one of: {}", Format::names())]
    UnknownFormat { name: String },
    #[error("council number {0} is not in the dataset")]
    NoSuchCouncil(usize),
    #[error("cannot build the {format} export: {reason}")]
    Encode { format: Format, reason: String },
    #[error("{} already exists", path.display())]
    Exists { path: PathBuf },
    #[error("cannot write {}: the folder {} does not exist", path.display(), folder.display())]
    MissingFolder { path: PathBuf, folder: PathBuf },
    #[error("cannot write {}: it is a folder", path.display())]
    IsFolder { path: PathBuf },
    #[error("cannot write {}: {reason}", path.display())]
    Write { path: PathBuf, reason: String },
    #[error("cannot write {}: it is {kind}, and only a regular file is ever replaced", path.display())]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error(
        "a picture {width} pixels wide has no room for this chart; make it at least {needed} wide"
    )]
    NarrowPicture { width: u32, needed: u32 },
    #[error(
        "a picture {height} pixels tall has no room for this chart; make it at least {needed} tall, or leave the height out to fit the chart"
    )]
    ShortPicture { height: u32, needed: u32 },
    #[error(
        "this chart would be {height} pixels tall, more than the {max} a picture may be; export fewer councils"
    )]
    TallPicture { height: u32, max: u32 },
}

impl ExportError {
    /// Whether the error is in what was asked for (a picture size that cannot work)
    /// rather than in the data or the file system.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            ExportError::UnknownFormat { .. }
                | ExportError::NarrowPicture { .. }
                | ExportError::ShortPicture { .. }
                | ExportError::TallPicture { .. }
        )
    }
}

/// The export of `councils` (indices into `dataset.councils`, in the order given) as the
/// bytes of a `format` file, with [`Options::new`]: a chart runs ratings still in force
/// to `today` (the data formats, CSV, JSON and RON, draw none).
pub fn render(
    dataset: &Dataset,
    councils: &[usize],
    format: Format,
    today: Date,
) -> Result<Vec<u8>, ExportError> {
    render_with(dataset, councils, format, &Options::new(today))
}

/// `councils` as RON, the format trajex reads a dataset in: what `generate` writes and
/// `import` makes. It draws no chart, so unlike [`render`] it needs no date.
pub fn dataset_ron(dataset: &Dataset, councils: &[usize]) -> Result<Vec<u8>, ExportError> {
    ron::render(dataset, councils).map_err(|reason| ExportError::Encode {
        format: Format::Ron,
        reason,
    })
}

/// [`render`] with every option given: the picture size, the strips, today and the
/// Markdown text chart.
pub fn render_with(
    dataset: &Dataset,
    councils: &[usize],
    format: Format,
    options: &Options,
) -> Result<Vec<u8>, ExportError> {
    if let Some(&missing) = councils.iter().find(|&&i| i >= dataset.councils.len()) {
        return Err(ExportError::NoSuchCouncil(missing));
    }
    let encode = |reason: String| ExportError::Encode { format, reason };
    match format {
        Format::Csv => csv::render(dataset, councils).map_err(encode),
        Format::Json => json::render(dataset, councils).map_err(encode),
        Format::Ron => dataset_ron(dataset, councils),
        Format::Md => Ok(markdown::render(dataset, councils, options)),
        Format::Svg => {
            let chart = Chart::new(dataset, councils, &options.choice, options.today);
            svg::render(dataset, &chart, options.picture, true).map(String::into_bytes)
        }
        Format::Png => {
            // resvg draws with the embedded font from its own font database, so the
            // picture it reads need not carry the font.
            let chart = Chart::new(dataset, councils, &options.choice, options.today);
            let picture = svg::render(dataset, &chart, options.picture, false)?;
            png::render(&picture).map_err(encode)
        }
    }
}

/// Renders the export and writes it to `path` atomically: the bytes go to a temporary
/// file in the same folder, which is then renamed into place, so a failure never leaves
/// a partial file. An existing file is refused unless `overwrite`. With
/// [`Options::new`]: a chart runs ratings still in force to `today`.
pub fn write_file(
    dataset: &Dataset,
    councils: &[usize],
    format: Format,
    today: Date,
    path: &Path,
    overwrite: bool,
) -> Result<(), ExportError> {
    write_file_with(
        dataset,
        councils,
        format,
        &Options::new(today),
        path,
        overwrite,
    )
}

/// [`write_file`] with every option given (see [`Options`]).
pub fn write_file_with(
    dataset: &Dataset,
    councils: &[usize],
    format: Format,
    options: &Options,
    path: &Path,
    overwrite: bool,
) -> Result<(), ExportError> {
    let bytes = render_with(dataset, councils, format, options)?;
    write_atomically(&bytes, path, overwrite)
}

/// The temporary files being written now: what a signal that ends the run removes.
static PARTS: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// From now on, a SIGINT, SIGTERM, SIGHUP or SIGQUIT that ends the run (as it would
/// anyway: the command line has no other handler) first removes the `.trajex-*.part`
/// files being written, then exits 128 + N as a shell expects. For commands that write
/// files; the explorer's loop has its own handler and finishes a write before it ends.
pub fn remove_parts_on_signal() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let parts = PARTS
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            for part in parts.iter() {
                let _ = std::fs::remove_file(part);
            }
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomically(bytes: &[u8], path: &Path, overwrite: bool) -> Result<(), ExportError> {
    write_atomically_with(path, overwrite, |out| out.write_all(bytes))
}

/// Writes what `fill` writes to `path` through a temporary file in the same folder and
/// a rename, so a failure (or a signal) leaves no partial file.
pub fn write_atomically_with(
    path: &Path,
    overwrite: bool,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), ExportError> {
    let failed = |e: std::io::Error| ExportError::Write {
        path: path.to_owned(),
        reason: crate::io_reason(&e),
    };
    if path.is_dir() {
        return Err(ExportError::IsFolder {
            path: path.to_owned(),
        });
    }
    // What is there already (a symlink followed): only a regular file is replaced, and
    // it keeps its permissions; a named pipe or a device is never written into or
    // swapped for a file.
    let existing = path.metadata().ok();
    if let Some(kind) = existing
        .as_ref()
        .and_then(|m| crate::files::kind(m.file_type()))
    {
        return Err(ExportError::NotAFile {
            path: path.to_owned(),
            kind,
        });
    }
    if !overwrite && path.symlink_metadata().is_ok() {
        return Err(ExportError::Exists {
            path: path.to_owned(),
        });
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    if !folder.exists() {
        return Err(ExportError::MissingFolder {
            path: path.to_owned(),
            folder,
        });
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".trajex-").suffix(".part");
    // A temporary file is private (0600) by default; an export is an ordinary document,
    // so ask for what any new file gets (0666 less the umask).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let file = builder.tempfile_in(&folder).map_err(failed)?;
    let part = file.path().to_owned();
    let parts = || {
        PARTS
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    parts().push(part.clone());
    let written = write_and_rename(file, fill, path, existing.as_ref(), overwrite);
    parts().retain(|p| *p != part);
    written
}

/// Fills the temporary `file`, gives it `existing`'s permissions and renames it to
/// `path`; on failure the temporary file is removed.
fn write_and_rename(
    mut file: tempfile::NamedTempFile,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    path: &Path,
    existing: Option<&std::fs::Metadata>,
    overwrite: bool,
) -> Result<(), ExportError> {
    let failed = |e: std::io::Error| ExportError::Write {
        path: path.to_owned(),
        reason: crate::io_reason(&e),
    };
    if let Some(existing) = existing {
        file.as_file()
            .set_permissions(existing.permissions())
            .map_err(failed)?;
    }
    let mut out = std::io::BufWriter::new(file.as_file_mut());
    fill(&mut out).and_then(|()| out.flush()).map_err(failed)?;
    drop(out);
    file.as_file().sync_all().map_err(failed)?;
    if std::env::var_os("TRAJEX_TEST_HOLD_PART").is_some() {
        // Test only: wait with the temporary file written until stdin closes, so a
        // test can send a signal while it is there.
        let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut Vec::new());
    }
    let persisted = if overwrite {
        file.persist(path)
    } else {
        file.persist_noclobber(path)
    };
    // On failure the temporary file comes back inside the error and is removed on drop.
    persisted.map(drop).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            ExportError::Exists {
                path: path.to_owned(),
            }
        } else {
            failed(e.error)
        }
    })
}

/// The attribution the Open Government Licence asks for, which exports repeat when the
/// dataset's description carries it.
pub const OGL: &str =
    "Contains public sector information licensed under the Open Government Licence v3.0.";

/// Whether the dataset's description carries the Open Government Licence attribution.
pub fn carries_ogl(dataset: &Dataset) -> bool {
    let ogl = OGL.trim_end_matches('.');
    dataset
        .description
        .as_deref()
        .is_some_and(|d| d.contains(ogl))
}

/// The file name an export gets when the user names none: `<council-id>.<ext>` for one
/// council, `trajex-export.<ext>` for several (or none). Only `[a-z0-9_-]` survive from
/// the id, so the name can never leave the folder it is written in.
pub fn default_file_name(dataset: &Dataset, councils: &[usize], format: Format) -> String {
    let stem = match councils {
        [one] => dataset
            .councils
            .get(*one)
            .map(|c| sanitize(&c.id))
            .unwrap_or_default(),
        _ => String::new(),
    };
    let stem = if stem.is_empty() {
        "trajex-export".to_owned()
    } else {
        stem
    };
    format!("{stem}.{}", format.extension())
}

fn sanitize(id: &str) -> String {
    let kept: String = id
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    kept.trim_matches('-').to_owned()
}

#[cfg(test)]
pub(crate) mod fixture {
    use crate::data::load::parse;
    use crate::data::{Dataset, Date};

    /// The date the tests' charts run ratings still in force to.
    pub fn today() -> Date {
        Date::parse("2026-11-22").unwrap()
    }

    /// Two councils, an ended scheme, a sub-judgement, a numeric scheme, an ungraded
    /// assessment and a note that a spreadsheet would run as a formula.
    pub const TEXT: &str = r#"Dataset(
    title: "Test councils",
    schemes: [
        Scheme(id: "csci-stars", name: "Social services star rating", body: "CSCI",
               scale: Ordinal(["0 stars", "1 star", "2 stars", "3 stars"]), until: "2009-04"),
        Scheme(id: "ofsted-cs", name: "Children's services: overall effectiveness", body: "Ofsted",
               scale: Ordinal(["Inadequate", "Requires improvement to be good", "Good", "Outstanding"]),
               eras: [("SIF", "2013-11"), ("ILACS", "2018-01")]),
        Scheme(id: "ofsted-cs-care-leavers", name: "Children's services: care leavers", body: "Ofsted",
               parent: "ofsted-cs",
               scale: Ordinal(["Inadequate", "Requires improvement to be good", "Good", "Outstanding"])),
        Scheme(id: "caseload", name: "Average caseload per social worker", body: "Council",
               scale: Numeric(unit: "children", better: Lower)),
        Scheme(id: "unused", name: "Unused", body: "Nobody", scale: Ordinal(["Bad", "Fine"])),
    ],
    councils: [
        Council(id: "tower-hamlets", name: "Tower Hamlets", code: "E09000030", region: "London",
                kind: "London Borough", neighbours: ["newham"], ratings: [
            Rating(scheme: "csci-stars", date: "2002-05", level: "1 star",
                   note: "prospects: promising | excellent", source: "cc-2004"),
            Rating(scheme: "csci-stars", date: "2004-11", level: "3 stars", source: "cc-2004"),
            Rating(scheme: "ofsted-cs", date: "2017-04-07", level: "Inadequate", source: "ofsted-2017"),
            Rating(scheme: "caseload", date: "2017-04", value: 25.0, note: "=HYPERLINK(\"x\")"),
            Rating(scheme: "ofsted-cs-care-leavers", date: "2019-07-22", level: "Good", source: "ofsted-2019"),
            Rating(scheme: "ofsted-cs", date: "2019-07-22", level: "Good", source: "ofsted-2019"),
            Rating(scheme: "caseload", date: "2019", value: 16.5),
            Rating(scheme: "ofsted-cs", date: "2026-05", note: "no overall grade under the 2026 framework"),
        ]),
        Council(id: "newham", name: "Newham", region: "London", ratings: [
            Rating(scheme: "ofsted-cs", date: "2019", level: "Requires improvement to be good"),
        ]),
    ],
    summaries: [
        Summary(scheme: "csci-stars", date: "2004-11", total: 150, counts: {"3 stars": 20}, source: "cc-2004"),
        Summary(scheme: "unused", date: "2004", total: 1),
    ],
    sources: [
        Source(id: "cc-2004", title: "Then there were three", publisher: "Community Care", date: "2004-11-19",
               url: "https://www.communitycare.co.uk/2004/11/19/then-there-were-three/"),
        Source(id: "ofsted-2017", title: "Tower Hamlets [inspection] 2017", url: "https://example.org/a (b)"),
        Source(id: "ofsted-2019", title: "Tower Hamlets inspection 2019"),
        Source(id: "unused", title: "Never cited"),
    ],
)"#;

    pub fn dataset() -> Dataset {
        match parse(TEXT, "fixture.ron") {
            Ok(loaded) => loaded.dataset,
            Err(e) => panic!("fixture does not load:\n{e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_named_by_their_extension() {
        for format in Format::ALL {
            assert_eq!(Format::from_name(format.extension()).unwrap(), format);
        }
        assert_eq!(Format::from_name("Markdown").unwrap(), Format::Md);
        let err = Format::from_name("xls").unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown format \"xls\"; use one of: csv, json, ron, md, svg, png"
        );
    }

    #[test]
    fn default_file_name_uses_the_council_id_or_a_generic_name() {
        let mut data = fixture::dataset();
        assert_eq!(
            default_file_name(&data, &[0], Format::Csv),
            "tower-hamlets.csv"
        );
        assert_eq!(
            default_file_name(&data, &[0, 1], Format::Md),
            "trajex-export.md"
        );
        data.councils[0].id = "../../etc/passwd".into();
        assert_eq!(
            default_file_name(&data, &[0], Format::Json),
            "etc-passwd.json"
        );
        data.councils[0].id = "/..".into();
        assert_eq!(
            default_file_name(&data, &[0], Format::Ron),
            "trajex-export.ron"
        );
    }

    #[test]
    fn write_file_refuses_an_existing_file_unless_told_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "mine").unwrap();
        let data = fixture::dataset();
        let err = write_file(&data, &[0], Format::Csv, fixture::today(), &path, false).unwrap_err();
        assert!(matches!(err, ExportError::Exists { .. }), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
        write_file(&data, &[0], Format::Csv, fixture::today(), &path, true).unwrap();
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .starts_with("council_id,")
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left behind"
        );
    }

    #[test]
    fn write_file_into_a_missing_folder_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nope").join("out.csv");
        let err = write_file(
            &fixture::dataset(),
            &[0],
            Format::Csv,
            fixture::today(),
            &path,
            false,
        )
        .unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn an_exported_file_is_readable_by_others_like_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        write_file(
            &fixture::dataset(),
            &[0],
            Format::Md,
            fixture::today(),
            &path,
            false,
        )
        .unwrap();
        let plain = dir.path().join("plain.md");
        std::fs::File::create(&plain).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), mode(&plain));
    }
}
