//! Key names, one spelling everywhere: the help screen and footer show a key exactly as
//! the config's `keys` and `render --keys` accept it (`Ctrl-C`, `Shift-Tab`, `Alt-x`,
//! `F5`, `PgDn`, `space`, `↑`). Older spellings (`C-c`, `BackTab`, `Up`) are accepted
//! too. Named keys go in angle brackets in a key string (`jj/tower<Enter>`).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key press, reduced to what bindings compare: the code and whether Ctrl or Alt was
/// held. Shift is part of the character (`G`, `?`); Shift-Tab arrives as its own code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

/// Named keys: every spelling accepted (lowercase), then the code. The first spelling
/// of each code that [`Key::label`] does not cover is the one shown.
const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("shift-tab", KeyCode::BackTab),
    ("backtab", KeyCode::BackTab),
    ("↑", KeyCode::Up),
    ("up", KeyCode::Up),
    ("↓", KeyCode::Down),
    ("down", KeyCode::Down),
    ("←", KeyCode::Left),
    ("left", KeyCode::Left),
    ("→", KeyCode::Right),
    ("right", KeyCode::Right),
    ("pgup", KeyCode::PageUp),
    ("pageup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("space", KeyCode::Char(' ')),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
];

impl Key {
    pub const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            ctrl: false,
            alt: false,
        }
    }

    /// The key a terminal event stands for.
    pub fn from_event(event: KeyEvent) -> Self {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let code = match event.code {
            // Ctrl-Shift-c and Ctrl-c are one key to a terminal.
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            code => code,
        };
        Self {
            code,
            ctrl,
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    pub fn event(self) -> KeyEvent {
        let mut modifiers = KeyModifiers::NONE;
        if self.ctrl {
            modifiers |= KeyModifiers::CONTROL;
        }
        if self.alt {
            modifiers |= KeyModifiers::ALT;
        }
        if self.code == KeyCode::BackTab {
            modifiers |= KeyModifiers::SHIFT;
        }
        KeyEvent::new(self.code, modifiers)
    }

    /// Reads one key name as the help screen writes it: a character (`k`, `?`, `G`), a
    /// named key (`Enter`, `PgDn`, `space`, `↑`; any case), `F1`-`F24`, any of them
    /// after `Ctrl-` or `Alt-` (`Ctrl-C`, `Alt-x`), and `Shift-Tab`.
    pub fn parse(name: &str) -> Option<Self> {
        let lower = name.to_lowercase();
        for (prefix, ctrl) in [
            ("ctrl-", true),
            ("c-", true),
            ("alt-", false),
            ("m-", false),
        ] {
            if lower.starts_with(prefix) && name.len() > prefix.len() {
                let mut key = Self::parse(&name[prefix.len()..])?;
                if ctrl {
                    key.ctrl = true;
                    if let KeyCode::Char(c) = key.code {
                        key.code = KeyCode::Char(c.to_ascii_lowercase());
                    }
                } else {
                    key.alt = true;
                }
                return Some(key);
            }
        }
        let mut chars = name.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && !matches!(c, '↑' | '↓' | '←' | '→')
        {
            return Some(Self::plain(KeyCode::Char(c)));
        }
        if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok())
            && (1..=24).contains(&n)
        {
            return Some(Self::plain(KeyCode::F(n)));
        }
        NAMED
            .iter()
            .find(|(spelling, _)| *spelling == lower)
            .map(|(_, code)| Self::plain(*code))
    }

    /// The name a user reads on the help screen, which [`Key::parse`] reads back:
    /// `k`, `Enter`, `Shift-Tab`, `Ctrl-C`, `Alt-x`, `F5`, `↑`.
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_owned(),
            KeyCode::Char(c) if self.ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::Insert => "Insert".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other}"),
        };
        let alt = if self.alt { "Alt-" } else { "" };
        let ctrl = if self.ctrl { "Ctrl-" } else { "" };
        format!("{ctrl}{alt}{base}")
    }

    /// The character this key types into a text field, if it types one.
    pub fn typed(self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }
}

/// The key names a key string takes, for its error messages.
const KEY_STRING_HELP: &str = "name keys as the help does: <Enter> <Esc> <Tab> <Shift-Tab> <↑> <↓> <←> <→> <PgUp> <PgDn> <Home> <End> <space> <Ctrl-C> <Alt-x> <F5>, and <lt> for a typed <";

/// Parses a `render --keys` string: typed characters, plus `<Name>` for any key the
/// help names (`<Enter>`, `<Ctrl-C>`, `<Shift-Tab>`, `<F5>`), and `<lt>` for a typed
/// `<`. A `<` that no `>` closes, and a name no key has, are errors: `<Enter` typed as
/// letters would run the explorer's one-letter keys instead (its `n` opens a popup).
pub fn parse_keys(spec: &str) -> Result<Vec<KeyEvent>, String> {
    let mut keys = Vec::new();
    let mut rest = spec;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let Some(end) = rest.find('>') else {
                return Err(format!(
                    "--keys has a < that no > closes (\"{}\"); {KEY_STRING_HELP}",
                    crate::text::fit(rest, 20)
                ));
            };
            let name = &rest[1..end];
            // `<x>` is just a key name too, unless it is a character one types (`<a>`).
            let key = if name.eq_ignore_ascii_case("lt") {
                Some(Key::plain(KeyCode::Char('<')))
            } else {
                Key::parse(name).filter(|k| name.chars().count() > 1 || k.typed().is_none())
            };
            let key = key.ok_or_else(|| {
                format!(
                    "unknown key <{}> in --keys; {KEY_STRING_HELP}",
                    crate::text::visible(name)
                )
            })?;
            keys.push(key.event());
            rest = &rest[end + 1..];
            continue;
        }
        keys.push(Key::plain(KeyCode::Char(c)).event());
        rest = &rest[c.len_utf8()..];
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_string_mixes_typed_characters_and_named_keys() {
        let keys = parse_keys("jj/tow<Enter><C-c><BackTab><Space><Ctrl-U><↑>").unwrap();
        let codes: Vec<Key> = keys.into_iter().map(Key::from_event).collect();
        let plain = |c| Key::plain(KeyCode::Char(c));
        assert_eq!(
            codes,
            [
                plain('j'),
                plain('j'),
                plain('/'),
                plain('t'),
                plain('o'),
                plain('w'),
                Key::plain(KeyCode::Enter),
                Key::parse("Ctrl-C").unwrap(),
                Key::plain(KeyCode::BackTab),
                plain(' '),
                Key::parse("Ctrl-U").unwrap(),
                Key::plain(KeyCode::Up),
            ]
        );
    }

    #[test]
    fn an_unknown_named_key_is_an_error_that_lists_the_known_ones() {
        let err = parse_keys("<Hyper>").unwrap_err();
        assert!(
            err.starts_with("unknown key <Hyper> in --keys; name keys as the help does: <Enter>"),
            "{err}"
        );
    }

    #[test]
    fn an_unclosed_angle_bracket_is_an_error_and_lt_types_one() {
        for bad in ["<Enter", "ab<", "a<b"] {
            let err = parse_keys(bad).unwrap_err();
            assert!(err.starts_with("--keys has a < that no > closes"), "{err}");
        }
        assert!(parse_keys("<>").unwrap_err().starts_with("unknown key <>"));
        let keys: Vec<Key> = parse_keys("a<lt>b>")
            .unwrap()
            .into_iter()
            .map(Key::from_event)
            .collect();
        let plain = |c| Key::plain(KeyCode::Char(c));
        assert_eq!(keys, [plain('a'), plain('<'), plain('b'), plain('>')]);
    }

    #[test]
    fn every_label_reads_back_as_the_same_key() {
        let mut keys: Vec<Key> = NAMED.iter().map(|(_, code)| Key::plain(*code)).collect();
        keys.extend("aZ?/+-0 ".chars().map(|c| Key::plain(KeyCode::Char(c))));
        keys.extend((1..=12).map(|n| Key::plain(KeyCode::F(n))));
        let modified: Vec<Key> = keys
            .iter()
            .flat_map(|k| {
                [
                    Key { ctrl: true, ..*k },
                    Key { alt: true, ..*k },
                    Key {
                        ctrl: true,
                        alt: true,
                        ..*k
                    },
                ]
            })
            .filter(|k| !matches!(k.code, KeyCode::Char(c) if k.ctrl && c.is_uppercase()))
            .collect();
        for key in keys.into_iter().chain(modified) {
            let label = key.label();
            assert_eq!(Key::parse(&label), Some(key), "{label}");
        }
    }

    #[test]
    fn labels_read_as_a_person_writes_them() {
        let label = |name: &str| Key::parse(name).unwrap().label();
        assert_eq!(label("C-c"), "Ctrl-C");
        assert_eq!(label("ctrl-p"), "Ctrl-P");
        assert_eq!(label("Alt-x"), "Alt-x");
        assert_eq!(label("space"), "space");
        assert_eq!(label("BackTab"), "Shift-Tab");
        assert_eq!(label("shift-tab"), "Shift-Tab");
        assert_eq!(label("pgdn"), "PgDn");
        assert_eq!(label("f5"), "F5");
        assert_eq!(label("Up"), "↑");
        assert_eq!(label("G"), "G");
        assert_eq!(Key::parse("F25"), None);
        assert_eq!(Key::parse("Hyper-Q"), None);
    }

    #[test]
    fn a_terminal_event_is_read_as_its_key() {
        let shifted = KeyEvent::new(KeyCode::Char('C'), KeyModifiers::CONTROL);
        assert_eq!(Key::from_event(shifted), Key::parse("Ctrl-C").unwrap());
        let alt = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT);
        assert_eq!(Key::from_event(alt), Key::parse("Alt-x").unwrap());
        let back = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(back), Key::parse("Shift-Tab").unwrap());
    }
}
