//! Key names, one spelling everywhere: `render --keys`, the config's `keys`, and the
//! help screen. Named keys go in angle brackets in a key string (`jj/tower<Enter>`).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key press, reduced to what bindings compare: the code and whether Ctrl was held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Self {
        Self { code, ctrl: false }
    }

    /// The key a terminal event stands for. Shift is part of the character (`G`, `?`),
    /// so only Ctrl is kept; Shift-Tab arrives as `BackTab`.
    pub fn from_event(event: KeyEvent) -> Self {
        Self {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        }
    }

    pub fn event(self) -> KeyEvent {
        let modifiers = if self.ctrl {
            KeyModifiers::CONTROL
        } else {
            KeyModifiers::NONE
        };
        KeyEvent::new(self.code, modifiers)
    }

    /// Reads one key name: a single character (`k`, `?`), a named key (`Enter`,
    /// `space`, case-insensitive) or `C-x` for Ctrl-x.
    pub fn parse(name: &str) -> Option<Self> {
        if let Some(rest) = name.strip_prefix("C-").or_else(|| name.strip_prefix("c-")) {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) => Some(Self {
                    code: KeyCode::Char(c.to_ascii_lowercase()),
                    ctrl: true,
                }),
                _ => None,
            };
        }
        let mut chars = name.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Some(Self::plain(KeyCode::Char(c)));
        }
        let code = match name.to_ascii_lowercase().as_str() {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" => KeyCode::PageUp,
            "pgdn" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "delete" => KeyCode::Delete,
            _ => return None,
        };
        Some(Self::plain(code))
    }

    /// The name a user reads on the help screen: `k`, `Enter`, `Shift-Tab`, `Ctrl-C`.
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
            other => format!("{other}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// Parses a `render --keys` string: typed characters, plus `<Name>` for named keys.
pub fn parse_keys(spec: &str) -> Result<Vec<KeyEvent>, String> {
    let mut keys = Vec::new();
    let mut rest = spec;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && end > 1
        {
            let name = &rest[1..end];
            let key = Key::parse(name)
                .filter(|_| name.chars().count() > 1)
                .ok_or_else(|| format!("unknown key <{name}> in --keys; named keys are <Enter> <Esc> <Tab> <BackTab> <Up> <Down> <Left> <Right> <PgUp> <PgDn> <Home> <End> <Space> <C-c>"))?;
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
        let keys = parse_keys("jj/tow<Enter><C-c><BackTab><Space>").unwrap();
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
                Key {
                    code: KeyCode::Char('c'),
                    ctrl: true
                },
                Key::plain(KeyCode::BackTab),
                plain(' '),
            ]
        );
    }

    #[test]
    fn an_unknown_named_key_is_an_error_that_lists_the_known_ones() {
        let err = parse_keys("<Return>").unwrap_err();
        assert!(
            err.starts_with("unknown key <Return> in --keys; named keys are <Enter>"),
            "{err}"
        );
    }

    #[test]
    fn a_lone_angle_bracket_is_typed() {
        let keys = parse_keys("<>a<").unwrap();
        assert_eq!(keys.len(), 4);
    }

    #[test]
    fn labels_read_as_a_person_writes_them() {
        assert_eq!(Key::parse("C-c").unwrap().label(), "Ctrl-C");
        assert_eq!(Key::parse("space").unwrap().label(), "space");
        assert_eq!(Key::parse("BackTab").unwrap().label(), "Shift-Tab");
        assert_eq!(Key::parse("G").unwrap().label(), "G");
    }
}
