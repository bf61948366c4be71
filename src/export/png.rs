//! The PNG export: the SVG picture rasterised by resvg with the embedded DejaVu Sans and
//! no system font, so the same export gives the same pixels on every machine.

use std::sync::Arc;

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

use super::font;

/// The PNG bytes of `svg`, at the pixel size the SVG declares.
pub fn render(svg: &str) -> Result<Vec<u8>, String> {
    let mut options = usvg::Options {
        font_family: font::FAMILY.to_owned(),
        ..usvg::Options::default()
    };
    let fonts = options.fontdb_mut();
    // Every character of the document, markup too: a superset of what its text draws.
    let chars: std::collections::BTreeSet<char> = svg.chars().collect();
    for (bold, whole) in [(false, font::REGULAR), (true, font::BOLD)] {
        let data: Arc<dyn AsRef<[u8]> + Send + Sync> =
            match font::subset(bold, chars.iter().copied()) {
                Some(subset) => Arc::new(subset),
                None => Arc::new(whole),
            };
        fonts.load_font_source(fontdb::Source::Binary(data));
    }
    // Every generic family the SVG could fall back to is the embedded one.
    fonts.set_sans_serif_family(font::FAMILY);
    fonts.set_serif_family(font::FAMILY);
    fonts.set_monospace_family(font::FAMILY);
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let size = tree.size().to_int_size();
    let mut pixmap = Pixmap::new(size.width(), size.height()).ok_or_else(|| {
        format!(
            "a {}x{} picture is too large to draw",
            size.width(),
            size.height()
        )
    })?;
    resvg::render(&tree, Transform::default(), &mut pixmap.as_mut());
    encode(pixmap).map_err(|e| e.to_string())
}

/// The pixels as PNG bytes, deflated at level 1 with each row's best filter: tiny-skia's
/// own `encode_png` deflates at level 6, which took 90 ms of a one-council export
/// for 176 KB; level 1 takes 21 ms for 244 KB (fdeflate's ultra-fast mode, 10 ms,
/// gave 496 KB). The pixels are the same; only the compression differs.
fn encode(pixmap: Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let (width, height) = (pixmap.width(), pixmap.height());
    let rgba = pixmap.take_demultiplied();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_deflate_compression(png::DeflateCompression::Level(1));
    encoder.set_filter(png::Filter::Adaptive);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&rgba)?;
    writer.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_text_with_the_embedded_font_at_the_declared_size() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" font-family="'DejaVu Sans', Verdana, sans-serif"><rect width="120" height="40" fill="#fff"/><text x="4" y="28" font-size="24">Ag</text></svg>"##;
        let png = render(svg).unwrap();
        let pixmap = Pixmap::decode_png(&png).unwrap();
        assert_eq!((pixmap.width(), pixmap.height()), (120, 40));
        let inked = pixmap.pixels().iter().filter(|p| p.red() < 128).count();
        assert!(inked > 50, "the text was not drawn: {inked} dark pixels");
    }

    #[test]
    fn a_malformed_svg_is_an_error_not_a_panic() {
        assert!(render("<svg").is_err());
    }
}
