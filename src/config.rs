//! The optional user config, `<config dir>/config.ron`: theme, export folder, key bindings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use serde::Deserialize;

use crate::app::keymap::Keymap;
use crate::data::load::{Problem, problem_at, syntax_problem};

/// The colour scheme the explorer draws with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum Theme {
    #[default]
    Dark,
    Light,
    /// No colours at all: levels told apart by symbols alone.
    Mono,
}

/// What `config.ron` says; every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename = "Config", deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub theme: Option<Theme>,
    /// Where the explorer's `e` writes exports; a leading `~` means the home folder.
    #[serde(default)]
    pub export_dir: Option<String>,
    /// Key bindings: an action name as the help screen names it → the key names that
    /// trigger it (e.g. `"pin": ["space", "p"]`). The explorer checks the names.
    #[serde(default, deserialize_with = "each_action_once")]
    pub keys: BTreeMap<String, Vec<String>>,
}

/// The start of the message for an action given twice in `keys`; the config reader
/// moves such an error to where the second one is written.
const GIVEN_TWICE: &str = "is given twice in keys";

/// Reads `keys`, refusing an action written twice: a map keeps only the last of them,
/// so the first would be dropped without a word.
fn each_action_once<'de, D>(deserializer: D) -> Result<BTreeMap<String, Vec<String>>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Once;
    impl<'de> serde::de::Visitor<'de> for Once {
        type Value = BTreeMap<String, Vec<String>>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map from action names to lists of keys")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut keys = BTreeMap::new();
            while let Some(action) = map.next_key::<String>()? {
                if keys.contains_key(&action) {
                    return Err(serde::de::Error::custom(format!(
                        "\"{action}\" {GIVEN_TWICE}; give each action one list of keys"
                    )));
                }
                let value = map.next_value()?;
                keys.insert(action, value);
            }
            Ok(keys)
        }
    }
    deserializer.deserialize_map(Once)
}

/// The largest config trajex reads: a config is a theme, a folder and some keys.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Why the config could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("{}", problem.located(path))]
    Invalid { path: String, problem: Problem },
}

impl Config {
    /// Reads the config at `path`; a missing file is the default config.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let shown = path.display().to_string();
        match crate::files::read_text_capped(path, MAX_CONFIG_BYTES, "a config") {
            Ok(text) => Self::parse(&text, &shown),
            Err(e) if e.is_not_found() => Ok(Self::default()),
            Err(e) => Err(ConfigError::Read {
                path: shown,
                reason: e.to_string(),
            }),
        }
    }

    /// Parses config `text` and checks its key bindings; `path` is only used in
    /// messages.
    pub fn parse(text: &str, path: &str) -> Result<Self, ConfigError> {
        let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
        let invalid = |problem| ConfigError::Invalid {
            path: path.to_owned(),
            problem,
        };
        let config: Self = options.from_str(text).map_err(|e| {
            invalid(match &e.code {
                ron::Error::Message(message) if message.contains(GIVEN_TWICE) => {
                    // RON points inside the second name; point at its opening quote.
                    let inside = byte_offset(text, e.span.start.line, e.span.start.col);
                    let open = text[..inside].rfind('"').unwrap_or(inside);
                    problem_at(text, open, message.clone())
                }
                _ => syntax_problem(text, &e),
            })
        })?;
        config.keymap().map_err(|e| {
            let offset = e
                .actions()
                .iter()
                .map(|(action, key)| locate(text, action, *key))
                .max()
                .unwrap_or(0);
            invalid(problem_at(text, offset, e.to_string()))
        })?;
        Ok(config)
    }

    /// The key bindings: the defaults, with the config's changes.
    pub fn keymap(&self) -> Result<Keymap, crate::app::keymap::KeymapError> {
        Keymap::with_overrides(&self.keys)
    }

    /// The export folder the config names, with a leading `~` expanded to `home`.
    pub fn export_dir(&self, home: Option<&Path>) -> Option<PathBuf> {
        Some(expand_home(self.export_dir.as_deref()?, home))
    }
}

/// The byte offset of RON's 1-based `line` and `col` (in characters) in `text`.
fn byte_offset(text: &str, line: usize, col: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[start.min(text.len())..];
    start
        + rest
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

/// Where the config wrote `action` (and `key` in its list) in `keys`, as a byte offset.
fn locate(text: &str, action: &str, key: Option<&str>) -> usize {
    let find_from = |from: usize, needle: &str| {
        text[from..]
            .find(&format!("\"{needle}\""))
            .map_or(from, |i| from + i)
    };
    let keys = text.find("keys").unwrap_or(0);
    let action = find_from(keys, action);
    key.map_or(action, |key| find_from(action + 1, key))
}

/// `path` with a leading `~` (alone or before a separator) read as `home`.
pub fn expand_home(path: &str, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix('~'), home) {
        (Some(""), Some(home)) => home.to_owned(),
        (Some(rest), Some(home)) if rest.starts_with('/') || rest.starts_with('\\') => {
            home.join(&rest[1..])
        }
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_optional() {
        assert_eq!(
            Config::parse("Config()", "c.ron").unwrap(),
            Config::default()
        );
        assert_eq!(Config::parse("()", "c.ron").unwrap(), Config::default());
    }

    #[test]
    fn reads_theme_export_folder_and_keys_bare_or_wrapped_in_some() {
        let text = r#"Config(theme: Mono, export_dir: Some("~/exports"), keys: {"pin": ["space", "p"], "quit": ["q", "Ctrl-C"]})"#;
        let config = Config::parse(text, "c.ron").unwrap();
        assert_eq!(config.theme, Some(Theme::Mono));
        assert_eq!(config.keys["pin"], ["space", "p"]);
        assert_eq!(
            config.export_dir(Some(Path::new("/home/a"))),
            Some(PathBuf::from("/home/a/exports"))
        );
        let bare = Config::parse(r#"Config(export_dir: "/tmp/x")"#, "c.ron").unwrap();
        assert_eq!(bare.export_dir(None), Some(PathBuf::from("/tmp/x")));
    }

    #[test]
    fn an_unknown_field_is_reported_at_its_position() {
        let err =
            Config::parse("Config(\n  theme: Dark,\n  colour: Light,\n)", "c.ron").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("c.ron:3:3: unknown field `colour`"),
            "{err}"
        );
    }

    #[test]
    fn an_unknown_theme_names_the_valid_ones() {
        let err = Config::parse("Config(theme: Pink)", "c.ron")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("c.ron:1:"), "{err}");
        assert!(err.contains("Pink") && err.contains("Dark"), "{err}");
    }

    #[test]
    fn bindings_written_as_the_help_shows_keys_load() {
        let text = r#"Config(keys: {"filter": ["Ctrl-P"], "prev-pane": ["Shift-Tab"], "zoom-reset": ["F5"], "clear-pins": ["Alt-x"], "help.close": ["Esc", "F1"]})"#;
        let config = Config::parse(text, "c.ron").unwrap();
        assert!(config.keymap().is_ok());
    }

    #[test]
    fn a_bad_binding_is_reported_where_the_config_wrote_it() {
        let text = "Config(\n  keys: {\n    \"pin\": [\"space\"],\n    \"help\": [\"F1\", \"q\"],\n  },\n)";
        let err = Config::parse(text, "c.ron").unwrap_err().to_string();
        assert_eq!(
            err,
            "c.ron:4:20: key \"q\" is bound to both \"quit\" and \"help\" in the main screen"
        );
        let unknown = Config::parse("Config(keys: {\"jump\": [\"j\"]})", "c.ron")
            .unwrap_err()
            .to_string();
        assert!(
            unknown.starts_with("c.ron:1:15: unknown action \"jump\""),
            "{unknown}"
        );
        let bad_key = Config::parse("Config(keys: {\"pin\": [\"p\", \"Hyper-P\"]})", "c.ron")
            .unwrap_err()
            .to_string();
        assert!(
            bad_key.starts_with("c.ron:1:28: unknown key \"Hyper-P\""),
            "{bad_key}"
        );
    }

    #[test]
    fn an_action_given_twice_is_refused_where_the_second_is_written() {
        let text = "Config(\n  keys: {\n    \"pin\": [\"p\"],\n    \"pin\": [\"z\"],\n  },\n)";
        let err = Config::parse(text, "c.ron").unwrap_err().to_string();
        assert_eq!(
            err,
            "c.ron:4:5: \"pin\" is given twice in keys; give each action one list of keys"
        );
        let scoped = r#"Config(keys: {"help.close": ["Esc"], "help.close": []})"#;
        let err = Config::parse(scoped, "c.ron").unwrap_err().to_string();
        assert!(
            err.starts_with("c.ron:1:38: \"help.close\" is given twice"),
            "{err}"
        );
    }

    #[test]
    fn a_config_that_leaves_no_way_to_quit_is_refused() {
        let text = "Config(keys: {\n  \"quit\": [],\n  \"force-quit\": [],\n})";
        let err = Config::parse(text, "c.ron").unwrap_err().to_string();
        assert_eq!(
            err,
            "c.ron:3:3: the main screen would have no way out: \"quit\" and \"force-quit\" \
             are both unbound; keep a key for one of them"
        );
        // One way out is enough.
        assert!(Config::parse(r#"Config(keys: {"quit": []})"#, "c.ron").is_ok());
        assert!(
            Config::parse(
                r#"Config(keys: {"force-quit": [], "quit": ["F10"]})"#,
                "c.ron"
            )
            .is_ok()
        );
    }

    #[test]
    fn a_config_that_traps_the_user_in_a_mode_is_refused() {
        let filter =
            r#"Config(keys: {"filter.keep": [], "filter.clear": [], "filter.force-quit": []})"#;
        let err = Config::parse(filter, "c.ron").unwrap_err().to_string();
        assert_eq!(
            err,
            "c.ron:1:54: the filter would have no way out: \"filter.keep\", \"filter.clear\" \
             and \"filter.force-quit\" are all unbound; keep a key for one of them"
        );
        let help = r#"Config(keys: {"help.force-quit": [], "help.close": []})"#;
        let err = Config::parse(help, "c.ron").unwrap_err().to_string();
        assert!(
            err.starts_with("c.ron:1:38: the help would have no way out: \"help.close\" and"),
            "{err}"
        );
        let loading = r#"Config(keys: {"loading.quit": [], "loading.force-quit": []})"#;
        assert!(Config::parse(loading, "c.ron").is_err());
        let overwrite = r#"Config(keys: {"overwrite.back": [], "overwrite.force-quit": []})"#;
        assert!(Config::parse(overwrite, "c.ron").is_err());
        for popup in ["export", "council", "rating", "context", "transitions"] {
            let text =
                format!(r#"Config(keys: {{"{popup}.close": [], "{popup}.force-quit": []}})"#);
            assert!(Config::parse(&text, "c.ron").is_err(), "{popup}");
        }
    }

    #[test]
    fn a_missing_file_is_the_default_config() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            Config::load(&dir.path().join("config.ron")).unwrap(),
            Config::default()
        );
    }
}
