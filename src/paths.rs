//! Where things live: the data, config and cache folders (`directories`, ProjectDirs
//! "trajex"), which dataset is in use, and where the explorer writes exports.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::config::Config;
use std::sync::Arc;

use crate::data::load::{self, LoadError, Loaded};
use crate::data::progress::Progress;

/// The name shown for the dataset compiled into the binary.
pub const EMBEDDED_NAME: &str = "<embedded>";

/// The folders trajex uses; each is `None` when the system has no home folder.
#[derive(Clone, Debug, Default)]
pub struct Locations {
    pub data_dir: Option<PathBuf>,
    pub config_dir: Option<PathBuf>,
    pub cache_dir: Option<PathBuf>,
    pub home_dir: Option<PathBuf>,
    /// The user's download folder, if the system names one.
    pub download_dir: Option<PathBuf>,
}

impl Locations {
    /// The folders of the current user.
    pub fn discover() -> Self {
        let project = directories::ProjectDirs::from("", "", "trajex");
        let user = directories::UserDirs::new();
        Self {
            data_dir: project.as_ref().map(|p| p.data_dir().to_owned()),
            config_dir: project.as_ref().map(|p| p.config_dir().to_owned()),
            cache_dir: project.as_ref().map(|p| p.cache_dir().to_owned()),
            home_dir: user.as_ref().map(|u| u.home_dir().to_owned()),
            download_dir: user
                .as_ref()
                .and_then(|u| u.download_dir())
                .map(Path::to_owned),
        }
    }

    /// `<data dir>/dataset.ron`: a dataset there replaces the embedded one.
    pub fn dataset_file(&self) -> Option<PathBuf> {
        self.data_dir.as_ref().map(|d| d.join("dataset.ron"))
    }

    /// `<data dir>/state.ron`: what the explorer keeps between runs (the last export's
    /// folder and format).
    pub fn state_file(&self) -> Option<PathBuf> {
        self.data_dir.as_ref().map(|d| d.join("state.ron"))
    }

    /// `<config dir>/config.ron`.
    pub fn config_file(&self) -> Option<PathBuf> {
        self.config_dir.as_ref().map(|d| d.join("config.ron"))
    }

    /// The user's config; the default one when there is no config file.
    pub fn config(&self) -> Result<Config, crate::config::ConfigError> {
        match self.config_file() {
            Some(path) => Config::load(&path),
            None => Ok(Config::default()),
        }
    }
}

/// The `--data` value that picks the embedded dataset whatever else exists. A file of
/// that name is still reachable as `./embedded`.
pub const EMBEDDED_FLAG: &str = "embedded";

/// Where the dataset in use comes from, first found: `--data PATH` (`--data embedded`
/// picks the embedded set), then `<data dir>/dataset.ron`, then the embedded default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatasetSource {
    /// Named with `--data`.
    Flag(PathBuf),
    /// Found at `<data dir>/dataset.ron`.
    DataDir(PathBuf),
    /// Compiled into the binary, for want of another.
    Embedded,
    /// Compiled into the binary, chosen with `--data embedded`.
    EmbeddedByFlag,
}

impl DatasetSource {
    /// Picks the dataset in use.
    pub fn resolve(flag: Option<&Path>, locations: &Locations) -> Self {
        if let Some(path) = flag {
            // The word exactly as typed: `./embedded` and `embedded/` stay paths.
            if path.as_os_str() == EMBEDDED_FLAG {
                return DatasetSource::EmbeddedByFlag;
            }
            return DatasetSource::Flag(path.to_owned());
        }
        match locations.dataset_file() {
            Some(path) if path.is_file() => DatasetSource::DataDir(path),
            _ => DatasetSource::Embedded,
        }
    }

    /// Reads and validates the dataset, through the load cache in the user's cache
    /// folder.
    pub fn load(&self) -> Result<Loaded, LoadError> {
        let cache = Locations::discover().cache_dir;
        self.load_with(cache.as_deref(), &Arc::new(Progress::default()))
    }

    /// Reads and validates the dataset from the file itself, never from the load cache:
    /// what `check` says is about the bytes on disk.
    pub fn load_uncached(&self) -> Result<Loaded, LoadError> {
        self.load_with(None, &Arc::new(Progress::default()))
    }

    /// Reads and validates the dataset, through the load cache in `cache_dir` (none for
    /// `None`), reporting how far it has got to `progress`.
    pub fn load_with(
        &self,
        cache_dir: Option<&Path>,
        progress: &Arc<Progress>,
    ) -> Result<Loaded, LoadError> {
        match self {
            // No cache to key on the file's content: read a chunk at a time, so the
            // whole text is never held (`check` on a large file).
            DatasetSource::Flag(path) | DatasetSource::DataDir(path) if cache_dir.is_none() => {
                load::read_file(path, progress)
            }
            DatasetSource::Flag(path) | DatasetSource::DataDir(path) => {
                crate::data::cache::load_file(path, cache_dir, progress)
            }
            // Compiled in and small: parsing it is quicker than a cache.
            DatasetSource::Embedded | DatasetSource::EmbeddedByFlag => {
                load::parse(crate::data::EMBEDDED, EMBEDDED_NAME)
            }
        }
    }

    /// The path a user reads in messages: the file, or `<embedded>`.
    pub fn name(&self) -> String {
        match self {
            DatasetSource::Flag(path) | DatasetSource::DataDir(path) => path.display().to_string(),
            DatasetSource::Embedded | DatasetSource::EmbeddedByFlag => EMBEDDED_NAME.to_owned(),
        }
    }

    /// Whether this is the dataset compiled into the binary.
    pub fn is_embedded(&self) -> bool {
        matches!(
            self,
            DatasetSource::Embedded | DatasetSource::EmbeddedByFlag
        )
    }
}

impl fmt::Display for DatasetSource {
    /// Why this dataset is the one in use.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatasetSource::Flag(_) => f.write_str("from --data"),
            DatasetSource::DataDir(_) => f.write_str("from the data folder"),
            DatasetSource::Embedded => f.write_str("built in"),
            DatasetSource::EmbeddedByFlag => f.write_str("built in; chosen by --data embedded"),
        }
    }
}

/// Why the export folder is the one it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportDirSource {
    Config,
    Downloads,
    CurrentDir,
}

impl fmt::Display for ExportDirSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ExportDirSource::Config => "from config.ron",
            ExportDirSource::Downloads => "the download folder",
            ExportDirSource::CurrentDir => "the current folder",
        })
    }
}

/// Where the explorer writes exports: the config's `export_dir`, else the download
/// folder, else the current folder.
pub fn export_dir(config: &Config, locations: &Locations) -> (PathBuf, ExportDirSource) {
    if let Some(dir) = config.export_dir(locations.home_dir.as_deref()) {
        return (dir, ExportDirSource::Config);
    }
    if let Some(dir) = &locations.download_dir {
        return (dir.clone(), ExportDirSource::Downloads);
    }
    // Absolute, so the dialog and the status line say where the file really went.
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    (here, ExportDirSource::CurrentDir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locations(root: &Path) -> Locations {
        Locations {
            data_dir: Some(root.join("data")),
            config_dir: Some(root.join("config")),
            cache_dir: Some(root.join("cache")),
            home_dir: Some(root.to_owned()),
            download_dir: Some(root.join("Downloads")),
        }
    }

    #[test]
    fn the_flag_wins_then_the_data_folder_then_the_embedded_set() {
        let root = tempfile::tempdir().unwrap();
        let here = locations(root.path());
        assert_eq!(DatasetSource::resolve(None, &here), DatasetSource::Embedded);
        std::fs::create_dir(root.path().join("data")).unwrap();
        std::fs::write(root.path().join("data/dataset.ron"), "").unwrap();
        let in_data = root.path().join("data/dataset.ron");
        assert_eq!(
            DatasetSource::resolve(None, &here),
            DatasetSource::DataDir(in_data)
        );
        let flag = Path::new("mine.ron");
        assert_eq!(
            DatasetSource::resolve(Some(flag), &here),
            DatasetSource::Flag(flag.to_owned())
        );
    }

    #[test]
    fn data_embedded_picks_the_embedded_set_over_the_data_folder() {
        let root = tempfile::tempdir().unwrap();
        let here = locations(root.path());
        std::fs::create_dir(root.path().join("data")).unwrap();
        std::fs::write(root.path().join("data/dataset.ron"), "").unwrap();
        let chosen = DatasetSource::resolve(Some(Path::new("embedded")), &here);
        assert_eq!(chosen, DatasetSource::EmbeddedByFlag);
        assert!(chosen.is_embedded());
        assert_eq!(chosen.name(), EMBEDDED_NAME);
        for path in ["./embedded", "embedded/", "Embedded", "data/embedded"] {
            assert_eq!(
                DatasetSource::resolve(Some(Path::new(path)), &here),
                DatasetSource::Flag(PathBuf::from(path)),
                "{path} names a file"
            );
        }
    }

    #[test]
    fn exports_go_to_the_configured_folder_else_downloads_else_here() {
        let root = Path::new("/r");
        let mut here = locations(root);
        let config = Config {
            export_dir: Some("~/out".into()),
            ..Config::default()
        };
        assert_eq!(
            export_dir(&config, &here),
            (PathBuf::from("/r/out"), ExportDirSource::Config)
        );
        assert_eq!(
            export_dir(&Config::default(), &here),
            (PathBuf::from("/r/Downloads"), ExportDirSource::Downloads)
        );
        here.download_dir = None;
        assert_eq!(
            export_dir(&Config::default(), &here),
            (
                std::env::current_dir().unwrap(),
                ExportDirSource::CurrentDir
            )
        );
    }
}
