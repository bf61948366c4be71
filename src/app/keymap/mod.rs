//! Which key does what, in every mode: one table per [`Scope`], each entry an
//! [`Intent`] with its config name, default keys and what it does. The key handler,
//! the help screen and the footer all read these tables, so none can drift from the
//! keys in force. The config can rebind any action of any scope.

use std::collections::{BTreeMap, HashMap};

use super::keys::Key;
use tables::{
    COMPARE, CONTEXT, COUNCIL, EDITING, EXPORT, FILTER, GO_TO, HELP, LOADING, MAIN, OVERWRITE,
    QUIT_ANYWHERE, RATING, SCROLLING, SUSPEND_ANYWHERE, TRANSITIONS,
};

mod tables;

/// Where the keyboard is: each scope has its own table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Main,
    Filter,
    Export,
    Overwrite,
    Council,
    Rating,
    Context,
    Transitions,
    Compare,
    GoTo,
    Help,
    Loading,
}

impl Scope {
    /// Every scope, in help-screen order.
    pub const ALL: [Scope; 12] = [
        Scope::Main,
        Scope::Filter,
        Scope::Export,
        Scope::Overwrite,
        Scope::Council,
        Scope::Rating,
        Scope::Context,
        Scope::Transitions,
        Scope::Compare,
        Scope::GoTo,
        Scope::Help,
        Scope::Loading,
    ];

    /// The prefix of this scope's actions in the config (`"help.close"`); main-screen
    /// actions need none.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Main => "main",
            Scope::Filter => "filter",
            Scope::Export => "export",
            Scope::Overwrite => "overwrite",
            Scope::Council => "council",
            Scope::Rating => "rating",
            Scope::Context => "context",
            Scope::Transitions => "transitions",
            Scope::Compare => "compare",
            Scope::GoTo => "go-to",
            Scope::Help => "help",
            Scope::Loading => "loading",
        }
    }

    /// The heading of this scope's keys on the help screen and in the README.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Main => "Main screen",
            Scope::Filter => "Filter",
            Scope::Export => "Export dialog",
            Scope::Overwrite => "Overwrite question",
            Scope::Council => "Council record",
            Scope::Rating => "Rating record",
            Scope::Context => "National context",
            Scope::Transitions => "Transitions",
            Scope::Compare => "Compare table",
            Scope::GoTo => "Go to a date",
            Scope::Help => "This help",
            Scope::Loading => "Loading screen",
        }
    }

    /// How the user gets here: the main-screen intent whose key opens this scope, and
    /// a phrase with `{}` for that key as bound (the help writes "Filter (after /)",
    /// "Council record (Enter on the list)").
    pub fn opened_by(self) -> Option<(Intent, &'static str)> {
        match self {
            Scope::Filter => Some((Intent::Filter, "after {}")),
            Scope::Export => Some((Intent::Export, "after {}")),
            Scope::Council => Some((Intent::Open, "{} on the list")),
            Scope::Rating => Some((Intent::Open, "{} on an event")),
            Scope::Context => Some((Intent::Context, "after {}")),
            Scope::Transitions => Some((Intent::Transitions, "after {}")),
            Scope::Compare => Some((Intent::Compare, "after {}")),
            Scope::GoTo => Some((Intent::GoTo, "after {}")),
            _ => None,
        }
    }

    /// The intents that leave this scope (or end trajex): a config must leave a key
    /// bound to one of them, or the user could not get out.
    fn exits(self) -> &'static [Intent] {
        match self {
            Scope::Main | Scope::Loading => &[Intent::Quit, Intent::ForceQuit],
            Scope::Filter => &[Intent::Keep, Intent::ClearFilter, Intent::ForceQuit],
            Scope::Overwrite => &[Intent::Back, Intent::ForceQuit],
            _ => &[Intent::Close, Intent::ForceQuit],
        }
    }

    /// What typing does in a scope with a text field; keys not in its table type.
    pub fn typing(self) -> Option<&'static str> {
        match self {
            Scope::Filter => Some("to filter"),
            Scope::Export => Some("to edit the path"),
            Scope::GoTo => Some("a date"),
            _ => None,
        }
    }

    /// This scope's table, in help order: its own entries, the line-editing ones for a
    /// text field, Ctrl-C, which quits from anywhere (whatever `q` is bound to), and
    /// Ctrl-Z, which suspends from anywhere.
    pub fn bindings(self) -> impl Iterator<Item = &'static Binding> {
        let (own, edits): (&[Binding], &[Binding]) = match self {
            Scope::Main => (MAIN, &[]),
            Scope::Filter => (FILTER, EDITING),
            Scope::Export => (EXPORT, EDITING),
            Scope::Overwrite => (OVERWRITE, &[]),
            Scope::Council => (COUNCIL, SCROLLING),
            Scope::Rating => (RATING, SCROLLING),
            Scope::Context => (CONTEXT, SCROLLING),
            Scope::Transitions => (TRANSITIONS, SCROLLING),
            Scope::Compare => (COMPARE, &[]),
            Scope::GoTo => (GO_TO, EDITING),
            Scope::Help => (HELP, &[]),
            Scope::Loading => (LOADING, &[]),
        };
        own.iter()
            .chain(edits)
            .chain([&QUIT_ANYWHERE, &SUSPEND_ANYWHERE])
    }

    /// The footer's hints: the intents each names, its word, and how long it stays as
    /// the width shrinks (0 never goes; higher goes first).
    fn hints(self) -> &'static [Hint] {
        match self {
            Scope::Main => &[
                (&[Intent::Up, Intent::Down], "move", 2),
                (&[Intent::NextPane], "pane", 3),
                (&[Intent::Filter], "filter", 1),
                (&[Intent::Open], "open", 7),
                (&[Intent::Pin], "pin", 4),
                (&[Intent::Neighbours], "neighbours", 9),
                (&[Intent::ClearPins], "unpin all", 10),
                (&[Intent::Earlier, Intent::Later], "time", 5),
                (&[Intent::ZoomIn, Intent::ZoomOut], "zoom", 9),
                (&[Intent::Sort], "sort", 7),
                (&[Intent::Region], "region", 8),
                (&[Intent::Context], "context", 6),
                (&[Intent::Transitions], "transitions", 8),
                (&[Intent::Export], "export", 4),
                (&[Intent::CopyLink], "copy link", 10),
                (&[Intent::Help], "help", 0),
                (&[Intent::Quit], "quit", 0),
            ],
            Scope::Filter => &[
                (&[Intent::Keep], "keep", 0),
                (&[Intent::ClearFilter], "clear", 0),
                (&[Intent::Up, Intent::Down], "move", 2),
                (&[Intent::DeleteToStart], "erase", 4),
                (&[Intent::ForceQuit], "quit", 1),
            ],
            Scope::Export => &[
                (&[Intent::Write], "export", 0),
                (&[Intent::NextFormat], "format", 1),
                (&[Intent::ToggleStrips], "strips", 3),
                (&[Intent::Close], "cancel", 0),
                (&[Intent::DeleteToStart], "erase", 4),
                (&[Intent::Help], "keys", 3),
                (&[Intent::ForceQuit], "quit", 2),
            ],
            Scope::Overwrite => &[
                (&[Intent::Overwrite], "overwrite", 0),
                (&[Intent::Back], "back", 0),
                (&[Intent::ForceQuit], "quit", 1),
            ],
            Scope::Council => &[
                (&[Intent::Close], "close", 0),
                (&[Intent::Up, Intent::Down], "scroll", 1),
                (&[Intent::Pin], "pin", 1),
                (&[Intent::Neighbours], "neighbours", 2),
                (&[Intent::Help], "keys", 2),
                (&[Intent::ForceQuit], "quit", 0),
            ],
            Scope::Rating => &[
                (&[Intent::Close], "close", 0),
                (&[Intent::Up, Intent::Down], "scroll", 1),
                (&[Intent::CopyLink], "copy link", 1),
                (&[Intent::Help], "keys", 2),
                (&[Intent::ForceQuit], "quit", 0),
            ],
            Scope::Context => &[
                (&[Intent::Earlier, Intent::Later], "date", 1),
                (&[Intent::MonthBefore, Intent::MonthAfter], "month", 3),
                (&[Intent::YearBefore, Intent::YearAfter], "year", 4),
                (&[Intent::GoTo], "go to", 2),
                (&[Intent::Up, Intent::Down], "scroll", 4),
                (&[Intent::ByRegion], "regions", 5),
                (&[Intent::Export], "export", 3),
                (&[Intent::Close], "close", 0),
                (&[Intent::Help], "keys", 6),
                (&[Intent::ForceQuit], "quit", 0),
            ],
            Scope::Transitions => &[
                (&[Intent::Export], "export", 1),
                (&[Intent::Close], "close", 0),
                (&[Intent::Up, Intent::Down], "scroll", 1),
                (&[Intent::Help], "keys", 2),
                (&[Intent::ForceQuit], "quit", 0),
            ],
            Scope::Compare => &[
                (&[Intent::Up, Intent::Down], "scroll", 2),
                (&[Intent::ColumnLeft, Intent::ColumnRight], "schemes", 3),
                (&[Intent::Earlier, Intent::Later], "date", 2),
                (&[Intent::GoTo], "go to", 1),
                (&[Intent::Export], "export", 1),
                (&[Intent::Close], "close", 0),
                (&[Intent::Help], "keys", 6),
                (&[Intent::ForceQuit], "quit", 0),
            ],
            Scope::GoTo => &[
                (&[Intent::Go], "go", 0),
                (&[Intent::Close], "cancel", 0),
                (&[Intent::DeleteToStart], "erase", 4),
                (&[Intent::ForceQuit], "quit", 1),
            ],
            Scope::Help => &[
                (&[Intent::Up, Intent::Down], "scroll", 1),
                (&[Intent::PageDown], "page", 2),
                (&[Intent::Close], "close", 0),
                (&[Intent::ForceQuit], "quit", 0),
            ],
            Scope::Loading => &[(&[Intent::Quit, Intent::ForceQuit], "quit", 0)],
        }
    }
}

/// Something a key asks for. `update` receives these, never keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Intent {
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
    RegionBack,
    Context,
    Transitions,
    /// The compare table of the selected and pinned councils at the cursor's date.
    Compare,
    /// Open the date field: the time cursor goes to a typed date.
    GoTo,
    /// Move to the date typed in the date field.
    Go,
    /// A popup's date a month (or a year) before or after.
    MonthBefore,
    MonthAfter,
    YearBefore,
    YearAfter,
    /// The compare table's scheme columns, one to the left or right.
    ColumnLeft,
    ColumnRight,
    Export,
    CopyLink,
    Help,
    /// Clear the filter, the time cursor and the message.
    Reset,
    /// Quit from the main screen or the loading screen (`q`).
    Quit,
    /// Quit from anywhere (Ctrl-C), whatever `quit` is bound to.
    ForceQuit,
    /// Suspend to the shell from anywhere (Ctrl-Z), the terminal restored.
    Suspend,
    /// Close the popup, back to where the user was.
    Close,
    /// Keep the filter and return to the list.
    Keep,
    ClearFilter,
    CharLeft,
    CharRight,
    WordLeft,
    WordRight,
    LineStart,
    LineEnd,
    DeleteBack,
    DeleteForward,
    DeleteWord,
    DeleteToStart,
    /// Write the export.
    Write,
    NextFormat,
    PrevFormat,
    /// A picture's strips: as on screen, or every strip.
    ToggleStrips,
    /// The national context nation-wide, or region by region.
    ByRegion,
    Overwrite,
    Back,
}

impl Intent {
    /// Whether two intents do the same, so one key may ask for both: `quit` and
    /// `force-quit` both quit (the config may well write `"quit": ["q", "Ctrl-C"]`).
    fn same_as(self, other: Intent) -> bool {
        let quits = |i| matches!(i, Intent::Quit | Intent::ForceQuit);
        self == other || (quits(self) && quits(other))
    }
}

/// One entry of a scope's table.
#[derive(Debug)]
pub struct Binding {
    pub intent: Intent,
    /// The action's name in the config and on the help screen.
    pub name: &'static str,
    keys: &'static [&'static str],
    /// What it does, for the help screen.
    pub does: &'static str,
}

type Hint = (&'static [Intent], &'static str, u8);

/// The keys in force: each scope's bindings, defaults or as the config set them.
#[derive(Clone, Debug)]
pub struct Keymap {
    keys: BTreeMap<(Scope, Intent), Vec<Key>>,
}

impl Default for Keymap {
    fn default() -> Self {
        let mut keys = BTreeMap::new();
        for scope in Scope::ALL {
            for binding in scope.bindings() {
                let parsed = binding.keys.iter().filter_map(|k| Key::parse(k)).collect();
                keys.insert((scope, binding.intent), parsed);
            }
        }
        Self { keys }
    }
}

/// Why a config's `keys` could not be applied. `action` and `key` are as the config
/// wrote them, so the config reader can point at them.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeymapError {
    #[error("unknown action \"{action}\" in keys; {known}")]
    UnknownAction { action: String, known: String },
    #[error(
        "unknown key \"{key}\" for action \"{action}\"; keys are written as the help shows them, e.g. \"Ctrl-P\", \"Shift-Tab\", \"Alt-x\", \"F5\", \"PgDn\", \"space\""
    )]
    UnknownKey { action: String, key: String },
    #[error("key \"{key}\" is bound to both \"{first}\" and \"{action}\" in the {scope}")]
    Clash {
        action: String,
        key: String,
        first: String,
        scope: &'static str,
    },
    #[error("\"{action}\" is given keys twice in the config (also as \"{first}\")")]
    Twice { action: String, first: String },
    #[error(
        "key \"{key}\" for \"{action}\" would stop it being typed in the {scope}; bind a key with Ctrl or Alt, or a named key"
    )]
    Typed {
        action: String,
        key: String,
        scope: &'static str,
    },
    #[error("the {scope} would have no way out: {unbound} unbound; keep a key for one of them")]
    NoWayOut {
        scope: &'static str,
        /// The config's names of the scope's ways out, each unbound.
        actions: Vec<String>,
        /// Those names as the message says them: `"quit" and "force-quit" are both`.
        unbound: String,
    },
}

impl KeymapError {
    /// The action and, when the problem is one key, the key, as the config wrote them.
    pub fn place(&self) -> (&str, Option<&str>) {
        match self {
            KeymapError::UnknownAction { action, .. } | KeymapError::Twice { action, .. } => {
                (action, None)
            }
            KeymapError::UnknownKey { action, key }
            | KeymapError::Clash { action, key, .. }
            | KeymapError::Typed { action, key, .. } => (action, Some(key)),
            KeymapError::NoWayOut { actions, .. } => {
                (actions.last().map_or("", String::as_str), None)
            }
        }
    }

    /// Every action (and key) the problem concerns, as the config wrote them: one,
    /// except for a mode left with no way out, which names each of its ways out.
    pub fn actions(&self) -> Vec<(&str, Option<&str>)> {
        match self {
            KeymapError::NoWayOut { actions, .. } => {
                actions.iter().map(|a| (a.as_str(), None)).collect()
            }
            _ => vec![self.place()],
        }
    }
}

/// A scope's name as the errors say it: "main screen", "help".
fn scope_words(scope: Scope) -> &'static str {
    match scope {
        Scope::Main => "main screen",
        Scope::Filter => "filter",
        Scope::Export => "export dialog",
        Scope::Overwrite => "overwrite question",
        Scope::Council => "council record",
        Scope::Rating => "rating record",
        Scope::Context => "national context",
        Scope::Transitions => "transitions",
        Scope::Compare => "compare table",
        Scope::GoTo => "date field",
        Scope::Help => "help",
        Scope::Loading => "loading screen",
    }
}

/// The config name of an action: bare on the main screen, `scope.action` elsewhere.
pub fn config_name(scope: Scope, binding: &Binding) -> String {
    match scope {
        Scope::Main => binding.name.to_owned(),
        _ => format!("{}.{}", scope.name(), binding.name),
    }
}

/// Reads a config action name: `pin` (main screen), `main.pin` or `help.close`.
fn find_action(name: &str) -> Option<(Scope, Intent)> {
    let (scope, action) = match name.split_once('.') {
        Some((scope, action)) => (Scope::ALL.into_iter().find(|s| s.name() == scope)?, action),
        None => (Scope::Main, name),
    };
    scope
        .bindings()
        .find(|b| b.name == action)
        .map(|b| (scope, b.intent))
}

impl Keymap {
    /// The defaults with each action named in `overrides` bound to the given keys
    /// instead (an empty list unbinds it). A key bound twice in one scope, an unknown
    /// action or key, or a plain character bound in a text field is an error.
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> Result<Self, KeymapError> {
        let mut map = Self::default();
        // Each action the config changes, by the name it wrote.
        let mut written: BTreeMap<(Scope, Intent), &String> = BTreeMap::new();
        for (name, keys) in overrides {
            let Some(slot) = find_action(name) else {
                return Err(KeymapError::UnknownAction {
                    action: name.clone(),
                    known: known_actions(name),
                });
            };
            if let Some(first) = written.insert(slot, name) {
                return Err(KeymapError::Twice {
                    action: name.clone(),
                    first: first.clone(),
                });
            }
            let parsed = keys
                .iter()
                .map(|k| {
                    let key = Key::parse(k).ok_or_else(|| KeymapError::UnknownKey {
                        action: name.clone(),
                        key: k.clone(),
                    })?;
                    if slot.0.typing().is_some() && key.typed().is_some() {
                        return Err(KeymapError::Typed {
                            action: name.clone(),
                            key: k.clone(),
                            scope: scope_words(slot.0),
                        });
                    }
                    Ok(key)
                })
                .collect::<Result<Vec<_>, _>>()?;
            map.keys.insert(slot, parsed);
        }
        // Defaults first, so a clash names the action the config changed, as written.
        for scope in Scope::ALL {
            let mut bindings: Vec<&Binding> = scope.bindings().collect();
            bindings.sort_by_key(|b| written.contains_key(&(scope, b.intent)));
            let mut seen: HashMap<Key, &Binding> = HashMap::new();
            for binding in bindings {
                for (k, key) in map.keys[&(scope, binding.intent)].iter().enumerate() {
                    if let Some(first) = seen.insert(*key, binding)
                        && !first.intent.same_as(binding.intent)
                    {
                        let name = written.get(&(scope, binding.intent));
                        let key_written = name
                            .and_then(|n| overrides[*n].get(k).cloned())
                            .unwrap_or_else(|| key.label());
                        return Err(KeymapError::Clash {
                            action: name
                                .map_or_else(|| config_name(scope, binding), |n| n.to_string()),
                            key: key_written,
                            first: config_name(scope, first),
                            scope: scope_words(scope),
                        });
                    }
                }
            }
        }
        for scope in Scope::ALL {
            let exits = scope.exits();
            if exits.iter().all(|i| map.keys(scope, *i).is_empty()) {
                let actions: Vec<String> = exits
                    .iter()
                    .map(|i| match written.get(&(scope, *i)) {
                        Some(name) => (*name).clone(),
                        None => scope
                            .bindings()
                            .find(|b| b.intent == *i)
                            .map_or_else(String::new, |b| config_name(scope, b)),
                    })
                    .collect();
                let quoted: Vec<String> = actions.iter().map(|a| format!("\"{a}\"")).collect();
                let unbound = match quoted.as_slice() {
                    [one] => format!("{one} is"),
                    [a, b] => format!("{a} and {b} are both"),
                    [rest @ .., last] => format!("{} and {last} are all", rest.join(", ")),
                    [] => String::new(),
                };
                return Err(KeymapError::NoWayOut {
                    scope: scope_words(scope),
                    actions,
                    unbound,
                });
            }
        }
        Ok(map)
    }

    /// The intent `key` asks for in `scope`, if any.
    pub fn resolve(&self, key: Key, scope: Scope) -> Option<Intent> {
        scope
            .bindings()
            .map(|b| b.intent)
            .find(|intent| self.keys(scope, *intent).contains(&key))
    }

    /// The keys bound to `intent` in `scope`.
    pub fn keys(&self, scope: Scope, intent: Intent) -> &[Key] {
        self.keys.get(&(scope, intent)).map_or(&[], Vec::as_slice)
    }

    /// The keys bound to `intent` in `scope` as the help writes them, `unbound` for none.
    pub fn label(&self, scope: Scope, intent: Intent) -> String {
        let keys = self.keys(scope, intent);
        if keys.is_empty() {
            "unbound".to_owned()
        } else {
            keys.iter().map(|k| k.label()).collect::<Vec<_>>().join(" ")
        }
    }

    /// The first key bound to `intent`, as a hint writes it.
    pub fn first(&self, scope: Scope, intent: Intent) -> String {
        self.keys(scope, intent)
            .first()
            .map_or_else(|| "unbound".to_owned(), |k| k.label())
    }

    /// The footer's hints for `scope`: keys, word and how long each stays (0 longest;
    /// higher goes first). Unbound intents are left out. Single-character keys run
    /// together (`↑↓`); longer ones are joined with `/` (`Ctrl-P/Ctrl-N`).
    pub fn hints(&self, scope: Scope) -> Vec<(String, &'static str, u8)> {
        scope
            .hints()
            .iter()
            .filter_map(|(intents, word, rank)| {
                let labels: Vec<String> = intents
                    .iter()
                    .filter_map(|i| self.keys(scope, *i).first())
                    .map(|k| k.label())
                    .collect();
                let joiner = if labels.iter().all(|l| l.chars().count() == 1) {
                    ""
                } else {
                    "/"
                };
                (!labels.is_empty()).then(|| (labels.join(joiner), *word, *rank))
            })
            .collect()
    }
}

/// The actions a misspelt name could have meant: those of its scope.
fn known_actions(name: &str) -> String {
    let scope = name
        .split_once('.')
        .and_then(|(s, _)| Scope::ALL.into_iter().find(|x| x.name() == s));
    match scope {
        Some(scope) => format!(
            "the {} has: {}",
            scope_words(scope),
            scope
                .bindings()
                .map(|b| config_name(scope, b))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => format!(
            "main-screen actions are: {}; other modes' are written mode.action, modes being {}",
            Scope::Main
                .bindings()
                .map(|b| b.name)
                .collect::<Vec<_>>()
                .join(", "),
            Scope::ALL[1..]
                .iter()
                .map(|s| s.name())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests;
