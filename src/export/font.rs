//! The typeface pictures are laid out and drawn with: DejaVu Sans, embedded in the binary
//! (assets/fonts, with its licence), so a PNG comes out the same on every machine and the
//! SVG's labels are measured with the metrics they are drawn with.

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// The family name the SVG asks for; the PNG renderer knows only this family.
pub const FAMILY: &str = "DejaVu Sans";

/// What the SVG's `font-family` lists: DejaVu Sans first, then Verdana (drawn from the
/// same Bitstream Vera design, so nearly the same widths) for viewers without it.
pub const FAMILY_LIST: &str = "'DejaVu Sans', Verdana, sans-serif";

/// DejaVu Sans Book.
pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// DejaVu Sans Bold, for titles.
pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// DejaVu Sans (bold or not) cut down to the glyphs that draw `chars`, the way a
/// browser's or a PDF's embedded font is: a one-council picture uses a few dozen of
/// the font's 6,000 glyphs, so its SVG carries tens of kilobytes of font, not 1.4 MB.
/// Subset by Google's fontations `skera` (a port of HarfBuzz's subsetter): it keeps the
/// tables a viewer needs (`cmap`, metrics, kerning and ligatures for those glyphs), so
/// the text is drawn exactly as with the whole font. The name, copyright and licence
/// entries stay. `None` if the font cannot be subset, and the caller embeds it whole.
pub fn subset(bold: bool, chars: impl IntoIterator<Item = char>) -> Option<Vec<u8>> {
    use read_fonts::collections::IntSet;
    use read_fonts::types::{GlyphId, NameId, Tag};
    use skera::{Plan, SubsetFlags};

    let font = read_fonts::FontRef::new(if bold { BOLD } else { REGULAR }).ok()?;
    let unicodes: IntSet<u32> = chars.into_iter().map(u32::from).collect();
    let mut names = IntSet::<NameId>::empty();
    // Copyright to version, then the licence and its link.
    names.insert_range(NameId::from(0)..=NameId::from(6));
    names.insert(NameId::from(13));
    names.insert(NameId::from(14));
    let mut languages = IntSet::<u16>::empty();
    languages.insert(0x0409);
    let mut scripts = IntSet::<Tag>::empty();
    scripts.invert();
    let features: IntSet<Tag> = skera::DEFAULT_LAYOUT_FEATURES.iter().copied().collect();
    // Hinting is for small sizes on old rasterisers; the picture is scaled freely.
    let plan = Plan::new(
        &IntSet::<GlyphId>::empty(),
        &unicodes,
        &font,
        SubsetFlags::SUBSET_FLAGS_NO_HINTING,
        &IntSet::<Tag>::empty(),
        &scripts,
        &features,
        &names,
        &languages,
    );
    skera::subset_font(&font, &plan).ok()
}

/// The advance width of `text` set in `size`-pixel DejaVu Sans (bold or not), in pixels.
/// Kerning is left out, so the width is never short of what is drawn.
pub fn width(text: &str, size: f32, bold: bool) -> f32 {
    // A rough DejaVu average, should the embedded font ever fail to parse.
    let fallback = size * 0.62;
    let Ok(face) = FontRef::new(if bold { BOLD } else { REGULAR }) else {
        return text.chars().count() as f32 * fallback;
    };
    let charmap = face.charmap();
    let metrics = face.glyph_metrics(Size::new(size), LocationRef::default());
    text.chars()
        .map(|c| {
            let glyph = charmap.map(c).unwrap_or_default();
            metrics.advance_width(glyph).unwrap_or(fallback)
        })
        .sum()
}

/// `text` cut at the end with `…` so it is at most `max` pixels wide.
pub fn ellipsize(text: &str, size: f32, bold: bool, max: f32) -> String {
    if width(text, size, bold) <= max {
        return text.to_owned();
    }
    let mut kept: String = text.to_owned();
    while !kept.is_empty() {
        kept.pop();
        let candidate = format!("{}…", kept.trim_end());
        if width(&candidate, size, bold) <= max {
            return candidate;
        }
    }
    "…".to_owned()
}

/// `text` broken into lines at most `max` pixels wide: at spaces where it can be, inside a
/// word (a long link) where it must be.
pub fn wrap(text: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let joined = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if width(&joined, size, bold) <= max {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // The word alone may still be too wide: cut it where it overflows.
        for c in word.chars() {
            line.push(c);
            if width(&line, size, bold) > max && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::take(&mut line));
                line.push(c);
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_the_text_and_the_size_and_bold_is_wider() {
        let small = width("Tower Hamlets", 10.0, false);
        assert!(small > 50.0 && small < 90.0, "{small}");
        assert!(width("Tower Hamlets", 20.0, false) > 1.9 * small);
        assert!(width("Tower Hamlets", 10.0, true) > small);
        assert_eq!(width("", 10.0, false), 0.0);
    }

    #[test]
    fn ellipsize_cuts_only_what_does_not_fit() {
        assert_eq!(ellipsize("Good", 10.0, false, 100.0), "Good");
        let cut = ellipsize("Requires improvement to be good", 10.0, false, 80.0);
        assert!(
            cut.ends_with('…') && width(&cut, 10.0, false) <= 80.0,
            "{cut}"
        );
    }

    #[test]
    fn wrap_breaks_at_spaces_and_inside_a_word_too_long_for_a_line() {
        let lines = wrap("Requires improvement to be good", 10.0, false, 120.0);
        assert_eq!(lines, ["Requires improvement", "to be good"]);
        let url = "https://files.ofsted.gov.uk/v1/file/50094564/a/very/long/path/indeed";
        let lines = wrap(url, 10.0, false, 100.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert_eq!(lines.concat(), url);
        assert!(
            lines.iter().all(|l| width(l, 10.0, false) <= 100.0),
            "{lines:?}"
        );
    }
}
