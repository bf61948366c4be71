//! Which key does what: one table, read by the key handler and by the help screen, so
//! the help can never drift from the real keys. The config can rebind any command.

use std::collections::BTreeMap;

use ratatui::crossterm::event::KeyCode;

use super::keys::Key;

/// Something a key can ask the explorer to do, named as the help screen and the
/// config name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Command {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextPane,
    PrevPane,
    Filter,
    Open,
    Pin,
    Neighbours,
    ClearPins,
    Earlier,
    Later,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Sort,
    Region,
    Context,
    Export,
    CopyLink,
    Help,
    Quit,
}

/// The default bindings, in help-screen order: command, config name, keys, what it does.
pub const DEFAULTS: &[(Command, &str, &[&str], &str)] = &[
    (
        Command::Up,
        "up",
        &["Up", "k"],
        "move up in the focused pane",
    ),
    (
        Command::Down,
        "down",
        &["Down", "j"],
        "move down in the focused pane",
    ),
    (Command::PageUp, "page-up", &["PgUp"], "move up a page"),
    (
        Command::PageDown,
        "page-down",
        &["PgDn"],
        "move down a page",
    ),
    (Command::Top, "top", &["g", "Home"], "go to the first row"),
    (
        Command::Bottom,
        "bottom",
        &["G", "End"],
        "go to the last row",
    ),
    (
        Command::NextPane,
        "next-pane",
        &["Tab"],
        "focus the next pane",
    ),
    (
        Command::PrevPane,
        "prev-pane",
        &["BackTab"],
        "focus the previous pane",
    ),
    (
        Command::Filter,
        "filter",
        &["/"],
        "filter councils: type, Enter keeps, Esc clears",
    ),
    (
        Command::Open,
        "open",
        &["Enter"],
        "council or event details; fold or unfold a strip",
    ),
    (
        Command::Pin,
        "pin",
        &["space"],
        "pin or unpin the council: it stays on the chart",
    ),
    (
        Command::Neighbours,
        "neighbours",
        &["N"],
        "pin the council's statistical neighbours",
    ),
    (
        Command::ClearPins,
        "clear-pins",
        &["x"],
        "unpin every council",
    ),
    (
        Command::Earlier,
        "earlier",
        &["Left", "h"],
        "time cursor to the previous rating date",
    ),
    (
        Command::Later,
        "later",
        &["Right", "l"],
        "time cursor to the next rating date",
    ),
    (
        Command::ZoomIn,
        "zoom-in",
        &["+", "="],
        "zoom the time axis in around the cursor",
    ),
    (
        Command::ZoomOut,
        "zoom-out",
        &["-"],
        "zoom the time axis out",
    ),
    (
        Command::ZoomReset,
        "zoom-reset",
        &["0"],
        "show the whole time axis",
    ),
    (
        Command::Sort,
        "sort",
        &["s"],
        "sort by name, latest, improvement, time at lowest",
    ),
    (
        Command::Region,
        "region",
        &["r"],
        "show one region at a time, cycling",
    ),
    (
        Command::Context,
        "context",
        &["n"],
        "national context of the strip at the cursor's date",
    ),
    (
        Command::Export,
        "export",
        &["e"],
        "export the selected and pinned councils",
    ),
    (
        Command::CopyLink,
        "copy-link",
        &["y"],
        "copy the selected event's source link",
    ),
    (Command::Help, "help", &["?"], "show or hide this help"),
    (Command::Quit, "quit", &["q", "C-c"], "quit"),
];

impl Command {
    pub fn name(self) -> &'static str {
        DEFAULTS.iter().find(|d| d.0 == self).map_or("", |d| d.1)
    }

    pub fn describe(self) -> &'static str {
        DEFAULTS.iter().find(|d| d.0 == self).map_or("", |d| d.3)
    }
}

/// The bindings in force.
#[derive(Clone, Debug)]
pub struct Keymap {
    bindings: Vec<(Command, Vec<Key>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = DEFAULTS
            .iter()
            .map(|(command, _, keys, _)| {
                (
                    *command,
                    keys.iter().filter_map(|k| Key::parse(k)).collect(),
                )
            })
            .collect();
        Self { bindings }
    }
}

/// Why a config's `keys` could not be applied.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeymapError {
    #[error("unknown action \"{0}\" in keys; actions are: {1}")]
    UnknownCommand(String, String),
    #[error("unknown key \"{key}\" for action \"{command}\"")]
    UnknownKey { command: String, key: String },
    #[error("key \"{key}\" is bound to both \"{first}\" and \"{second}\"")]
    Conflict {
        key: String,
        first: String,
        second: String,
    },
}

impl Keymap {
    /// The defaults with each command named in `overrides` bound to the given keys
    /// instead. A key bound to two commands is an error.
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> Result<Self, KeymapError> {
        let mut map = Self::default();
        for (name, keys) in overrides {
            let Some(command) = DEFAULTS.iter().find(|d| d.1 == name).map(|d| d.0) else {
                let all: Vec<&str> = DEFAULTS.iter().map(|d| d.1).collect();
                return Err(KeymapError::UnknownCommand(name.clone(), all.join(", ")));
            };
            let parsed = keys
                .iter()
                .map(|k| {
                    Key::parse(k).ok_or_else(|| KeymapError::UnknownKey {
                        command: name.clone(),
                        key: k.clone(),
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            if let Some(slot) = map.bindings.iter_mut().find(|b| b.0 == command) {
                slot.1 = parsed;
            }
        }
        let mut seen: BTreeMap<Key, Command> = BTreeMap::new();
        for (command, keys) in &map.bindings {
            for key in keys {
                if let Some(first) = seen.insert(*key, *command) {
                    return Err(KeymapError::Conflict {
                        key: key.label(),
                        first: first.name().to_owned(),
                        second: command.name().to_owned(),
                    });
                }
            }
        }
        Ok(map)
    }

    /// The command bound to `key`, if any.
    pub fn command(&self, key: Key) -> Option<Command> {
        self.bindings
            .iter()
            .find(|(_, keys)| keys.contains(&key))
            .map(|(c, _)| *c)
    }

    /// The keys bound to `command`, as labels.
    pub fn labels(&self, command: Command) -> Vec<String> {
        self.bindings
            .iter()
            .find(|b| b.0 == command)
            .map(|b| b.1.iter().map(|k| k.label()).collect())
            .unwrap_or_default()
    }

    /// Every binding, in help order.
    pub fn rows(&self) -> impl Iterator<Item = (Command, Vec<String>)> + '_ {
        self.bindings.iter().map(|(c, _)| (*c, self.labels(*c)))
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.label(), self.ctrl).cmp(&(other.label(), other.ctrl))
    }
}

/// The key a text field reads as typed text rather than a command.
pub fn typed_char(key: Key) -> Option<char> {
    match key.code {
        KeyCode::Char(c) if !key.ctrl => Some(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> Key {
        Key::parse(name).unwrap()
    }

    #[test]
    fn default_keys_map_to_their_commands() {
        let map = Keymap::default();
        let table = [
            ("j", Command::Down),
            ("Down", Command::Down),
            ("k", Command::Up),
            ("Up", Command::Up),
            ("g", Command::Top),
            ("Home", Command::Top),
            ("G", Command::Bottom),
            ("End", Command::Bottom),
            ("PgUp", Command::PageUp),
            ("PgDn", Command::PageDown),
            ("Tab", Command::NextPane),
            ("BackTab", Command::PrevPane),
            ("/", Command::Filter),
            ("Enter", Command::Open),
            ("e", Command::Export),
            ("space", Command::Pin),
            ("N", Command::Neighbours),
            ("x", Command::ClearPins),
            ("Left", Command::Earlier),
            ("h", Command::Earlier),
            ("Right", Command::Later),
            ("l", Command::Later),
            ("+", Command::ZoomIn),
            ("-", Command::ZoomOut),
            ("0", Command::ZoomReset),
            ("s", Command::Sort),
            ("r", Command::Region),
            ("n", Command::Context),
            ("y", Command::CopyLink),
            ("?", Command::Help),
            ("q", Command::Quit),
            ("C-c", Command::Quit),
        ];
        for (name, command) in table {
            assert_eq!(map.command(key(name)), Some(command), "{name}");
        }
        assert_eq!(map.command(key("z")), None);
        assert_eq!(map.command(key("C-j")), None, "Ctrl-j is not j");
    }

    #[test]
    fn every_default_key_is_bound_once() {
        assert!(Keymap::with_overrides(&BTreeMap::new()).is_ok());
    }

    #[test]
    fn an_override_replaces_the_default_keys_of_that_command() {
        let overrides = BTreeMap::from([("down".to_owned(), vec!["J".to_owned()])]);
        let map = Keymap::with_overrides(&overrides).unwrap();
        assert_eq!(map.command(key("J")), Some(Command::Down));
        assert_eq!(map.command(key("j")), None);
        assert_eq!(map.labels(Command::Down), ["J"]);
    }

    #[test]
    fn a_key_bound_twice_or_an_unknown_name_is_an_error() {
        let clash = BTreeMap::from([("help".to_owned(), vec!["q".to_owned()])]);
        assert_eq!(
            Keymap::with_overrides(&clash).unwrap_err().to_string(),
            "key \"q\" is bound to both \"help\" and \"quit\""
        );
        let unknown = BTreeMap::from([("jump".to_owned(), vec!["x".to_owned()])]);
        assert!(
            Keymap::with_overrides(&unknown)
                .unwrap_err()
                .to_string()
                .starts_with("unknown action \"jump\"")
        );
        let bad_key = BTreeMap::from([("quit".to_owned(), vec!["Hyper-Q".to_owned()])]);
        assert_eq!(
            Keymap::with_overrides(&bad_key).unwrap_err().to_string(),
            "unknown key \"Hyper-Q\" for action \"quit\""
        );
    }
}
