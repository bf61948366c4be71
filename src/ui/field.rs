//! A text field drawn as a shell draws its line: the text, and the cursor as a
//! reversed cell where the next character goes.

use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use unicode_width::UnicodeWidthChar;

use crate::app::field::TextField;
use crate::text::visible;

/// The field's text as spans, `width` columns at most: while `active`, the cursor cell
/// reversed, the text scrolled so the cursor shows.
pub fn spans(field: &TextField, width: usize, active: bool, style: Style) -> Vec<Span<'static>> {
    let text = visible(field.value()).into_owned();
    if !active {
        return vec![Span::styled(crate::text::fit(&text, width), style)];
    }
    // Control characters are shown escaped, which moves the cursor's column on; a
    // field is typed text, so that is rare, and the cursor then stays at the end.
    let cursor = if text.len() == field.value().len() {
        field.cursor_column()
    } else {
        unicode_width::UnicodeWidthStr::width(text.as_str())
    };
    // Scrolled so the cursor cell fits.
    let skip = (cursor + 1).saturating_sub(width.max(1));
    let (mut before, mut under, mut after) = (String::new(), None, String::new());
    let mut column = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if column >= skip {
            if column < cursor {
                before.push(c);
            } else if under.is_none() && column == cursor {
                under = Some(c);
            } else {
                after.push(c);
            }
        }
        column += w;
    }
    let room = width.saturating_sub(cursor - skip + 1);
    let cursor_style = style.add_modifier(Modifier::REVERSED);
    vec![
        Span::styled(before, style),
        Span::styled(under.unwrap_or(' ').to_string(), cursor_style),
        Span::styled(crate::text::fit(&after, room), style),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::Intent;

    fn shown(field: &TextField, width: usize) -> Vec<String> {
        spans(field, width, true, Style::default())
            .into_iter()
            .map(|s| s.content.into_owned())
            .collect()
    }

    #[test]
    fn the_cursor_is_the_cell_where_the_next_character_goes() {
        let mut field = TextField::new("tower".to_owned());
        assert_eq!(shown(&field, 20), ["tower", " ", ""]);
        field.edit(Intent::CharLeft);
        assert_eq!(shown(&field, 20), ["towe", "r", ""]);
        field.edit(Intent::LineStart);
        assert_eq!(shown(&field, 20), ["", "t", "ower"]);
        let long = TextField::new("/home/someone/exports/tower-hamlets.csv".to_owned());
        assert_eq!(shown(&long, 10), ["mlets.csv", " ", ""]);
    }
}
