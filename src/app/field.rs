//! A one-line text field (the filter, the export path), edited like a shell line by
//! `tui-input`: the keymap turns keys into editing intents, this applies them.

use tui_input::{Input, InputRequest};

use super::keymap::Intent;

/// The text and where the cursor is in it.
#[derive(Clone, Debug, Default)]
pub struct TextField(Input);

impl PartialEq for TextField {
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value() && self.0.cursor() == other.0.cursor()
    }
}

impl TextField {
    /// A field holding `text`, the cursor at its end.
    pub fn new(text: String) -> Self {
        Self(Input::new(text))
    }

    pub fn value(&self) -> &str {
        self.0.value()
    }

    pub fn is_empty(&self) -> bool {
        self.value().is_empty()
    }

    /// The cursor's column in the text, by display width.
    pub fn cursor_column(&self) -> usize {
        self.0.visual_cursor()
    }

    /// Replaces the text, the cursor at its end.
    pub fn set(&mut self, text: String) {
        *self = Self::new(text);
    }

    pub fn clear(&mut self) {
        self.0.reset();
    }

    /// Types `c` at the cursor.
    pub fn insert(&mut self, c: char) {
        self.0.handle(InputRequest::InsertChar(c));
    }

    /// Applies an editing intent; true when it was one (whether or not it changed
    /// anything), false for an intent that is not about editing.
    pub fn edit(&mut self, intent: Intent) -> bool {
        let request = match intent {
            Intent::CharLeft => InputRequest::GoToPrevChar,
            Intent::CharRight => InputRequest::GoToNextChar,
            Intent::WordLeft => InputRequest::GoToPrevWord,
            Intent::WordRight => InputRequest::GoToNextWord,
            Intent::LineStart => InputRequest::GoToStart,
            Intent::LineEnd => InputRequest::GoToEnd,
            Intent::DeleteBack => InputRequest::DeletePrevChar,
            Intent::DeleteForward => InputRequest::DeleteNextChar,
            Intent::DeleteWord => InputRequest::DeletePrevWord,
            Intent::DeleteToStart => InputRequest::DeleteFromStart,
            _ => return false,
        };
        self.0.handle(request);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str, intents: &[Intent]) -> TextField {
        let mut f = TextField::new(text.to_owned());
        for i in intents {
            assert!(f.edit(*i));
        }
        f
    }

    #[test]
    fn edits_like_a_shell_line() {
        use Intent::*;
        assert_eq!(field("tower ham", &[DeleteWord]).value(), "tower ");
        assert_eq!(
            field("tower ham", &[WordLeft, DeleteToStart]).value(),
            "ham"
        );
        assert_eq!(field("tower", &[LineStart, DeleteForward]).value(), "ower");
        let mut f = field("twr", &[CharLeft, CharLeft]);
        f.insert('o');
        assert_eq!(f.value(), "towr");
        assert_eq!(f.cursor_column(), 2);
        let mut f = field("ab", &[LineStart, LineEnd, DeleteBack]);
        f.insert('c');
        assert_eq!(f.value(), "ac");
        assert!(!f.edit(Quit));
    }
}
