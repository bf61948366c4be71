//! What the explorer keeps between runs in `<data dir>/state.ron`: the folder and format
//! of the last export, so the next export dialog starts there. Losing it costs nothing:
//! a missing or unreadable file is ignored, and it is written atomically.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::export::Format;

/// The export dialog's last folder and format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportMemory {
    pub folder: PathBuf,
    pub format: Format,
}

/// The file's shape: `State(export_folder: "…", export_format: "json")`.
#[derive(Serialize, Deserialize)]
#[serde(rename = "State", deny_unknown_fields)]
struct StateFile {
    export_folder: PathBuf,
    export_format: String,
}

impl ExportMemory {
    /// The memory in `path`; `None` when the file is missing, unreadable, no regular
    /// file (a named pipe is never waited on), past 64 KiB or not what trajex wrote (a
    /// corrupt state file is no error: it is only a convenience).
    pub fn load(path: &Path) -> Option<Self> {
        let text = crate::files::read_text_capped(path, 64 * 1024, "a state file").ok()?;
        let file: StateFile = ron::from_str(&text).ok()?;
        let format = Format::from_name(&file.export_format).ok()?;
        Some(Self {
            folder: file.export_folder,
            format,
        })
    }

    /// Writes the memory to `path` (its folder made if need be) through a temporary
    /// file and a rename, so a crash never leaves half a file.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let file = StateFile {
            export_folder: self.folder.clone(),
            export_format: self.format.extension().to_owned(),
        };
        let text =
            ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default().struct_names(true))
                .map_err(|e| e.to_string())?;
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| crate::io_reason(&e))?;
        }
        crate::export::write_atomically(format!("{text}\n").as_bytes(), path, true)
            .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memory_reads_back_and_a_corrupt_or_missing_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data").join("state.ron");
        assert_eq!(ExportMemory::load(&path), None);
        let memory = ExportMemory {
            folder: dir.path().join("out"),
            format: Format::Json,
        };
        memory.save(&path).unwrap();
        assert_eq!(ExportMemory::load(&path), Some(memory));
        std::fs::write(&path, "State(export_folder: 3").unwrap();
        assert_eq!(ExportMemory::load(&path), None);
        std::fs::write(&path, "State(export_folder: \"x\", export_format: \"doc\")").unwrap();
        assert_eq!(ExportMemory::load(&path), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_state_file_that_is_a_named_pipe_is_ignored_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.ron");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to show
        }
        assert_eq!(ExportMemory::load(&path), None);
    }
}
