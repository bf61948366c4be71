//! The SVG text under construction: elements written with short coordinates and escaped
//! text, and the document around them (size, title, the embedded font).

use std::collections::BTreeSet;
use std::fmt::Write;

use base64::Engine;

use super::super::font;
use super::look::Shape;

/// Text as it may appear in the picture: one line, and no character XML 1.0 cannot
/// carry (control characters become U+FFFD).
pub(super) fn clean(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => ' ',
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// `text` escaped for XML character data and attribute values.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[derive(Clone, Copy)]
pub(super) enum Anchor {
    Start,
    Middle,
    End,
}

/// A coordinate as written: one decimal, and never `-0.0`.
pub(super) fn n(v: f32) -> String {
    let v = (v * 10.0).round() / 10.0;
    if v == 0.0 {
        "0".to_owned()
    } else {
        format!("{v:.1}").trim_end_matches(".0").to_owned()
    }
}

/// The SVG body under construction.
#[derive(Default)]
pub(super) struct Svg {
    body: String,
    /// The class the next text, marker or rectangle is written with.
    class: Option<&'static str>,
    /// The characters written in book and in bold: the embedded fonts carry only these.
    book: BTreeSet<char>,
    bold: BTreeSet<char>,
}

impl Svg {
    /// Marks the next text, marker or rectangle as one of a kind (`strip-title`,
    /// `level`, `rule`, `rating`, `panel`, `gap`), so a reader (or a test) can find what the picture shows.
    pub(super) fn class(&mut self, class: &'static str) -> &mut Self {
        self.class = Some(class);
        self
    }

    fn take_class(&mut self) -> String {
        self.class
            .take()
            .map(|c| format!(r#" class="{c}""#))
            .unwrap_or_default()
    }

    pub(super) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: &str) {
        let class = self.take_class();
        let _ = writeln!(
            self.body,
            r#"<rect{class} x="{}" y="{}" width="{}" height="{}" fill="{fill}"/>"#,
            n(x),
            n(y),
            n(w),
            n(h)
        );
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn line(
        &mut self,
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        stroke: &str,
        width: f32,
        dash: Option<&str>,
    ) {
        let dash = dash
            .map(|d| format!(r#" stroke-dasharray="{d}""#))
            .unwrap_or_default();
        let _ = writeln!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}" stroke-width="{}"{dash}/>"#,
            n(x1),
            n(y1),
            n(x2),
            n(y2),
            n(width)
        );
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn text(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        anchor: Anchor,
        fill: &str,
        text: &str,
    ) {
        let anchor = match anchor {
            Anchor::Start => "",
            Anchor::Middle => r#" text-anchor="middle""#,
            Anchor::End => r#" text-anchor="end""#,
        };
        let weight = if bold { r#" font-weight="bold""# } else { "" };
        let class = self.take_class();
        let used = if bold { &mut self.bold } else { &mut self.book };
        used.extend(clean(text).chars());
        let _ = writeln!(
            self.body,
            r#"<text{class} x="{}" y="{}" font-size="{}"{weight}{anchor} fill="{fill}">{}</text>"#,
            n(x),
            n(y),
            n(size),
            escape(text)
        );
    }

    /// A marker centred on (x, y), `r` pixels from centre to edge, with a white rim so
    /// it stands out from the line it sits on.
    pub(super) fn marker(&mut self, shape: Shape, x: f32, y: f32, r: f32, fill: &str) {
        let class = self.take_class();
        let rim = r##" stroke="#ffffff" stroke-width="1""##;
        let polygon = |points: &[(f32, f32)]| {
            let points: Vec<String> = points
                .iter()
                .map(|(dx, dy)| format!("{},{}", n(x + dx * r), n(y + dy * r)))
                .collect();
            format!(
                r#"<polygon{class} points="{}" fill="{fill}"{rim}/>"#,
                points.join(" ")
            )
        };
        let element = match shape {
            Shape::Circle => format!(
                r#"<circle{class} cx="{}" cy="{}" r="{}" fill="{fill}"{rim}/>"#,
                n(x),
                n(y),
                n(r)
            ),
            Shape::Square => polygon(&[(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)]),
            Shape::Diamond => polygon(&[(0.0, -1.2), (1.2, 0.0), (0.0, 1.2), (-1.2, 0.0)]),
            Shape::TriangleUp => polygon(&[(0.0, -1.2), (1.1, 0.9), (-1.1, 0.9)]),
            Shape::TriangleDown => polygon(&[(0.0, 1.2), (1.1, -0.9), (-1.1, -0.9)]),
            Shape::Plus => polygon(&[
                (-0.35, -1.1),
                (0.35, -1.1),
                (0.35, -0.35),
                (1.1, -0.35),
                (1.1, 0.35),
                (0.35, 0.35),
                (0.35, 1.1),
                (-0.35, 1.1),
                (-0.35, 0.35),
                (-1.1, 0.35),
                (-1.1, -0.35),
                (-0.35, -0.35),
            ]),
            Shape::Cross => polygon(&[
                (-0.95, -0.45),
                (-0.45, -0.95),
                (0.0, -0.5),
                (0.45, -0.95),
                (0.95, -0.45),
                (0.5, 0.0),
                (0.95, 0.45),
                (0.45, 0.95),
                (0.0, 0.5),
                (-0.45, 0.95),
                (-0.95, 0.45),
                (-0.5, 0.0),
            ]),
        };
        self.body.push_str(&element);
        self.body.push('\n');
    }

    /// The whole document, `width` x `height` pixels, titled `title`; with `embed_font`
    /// it carries DejaVu Sans (book and bold, each cut down to the characters drawn in
    /// it) as `@font-face` data, so every viewer draws the text with the font it was
    /// measured with.
    pub(super) fn finish(self, width: f32, height: f32, title: &str, embed_font: bool) -> String {
        let (w, h) = (n(width), n(height));
        let style = if embed_font {
            font_face(&self.book, &self.bold)
        } else {
            String::new()
        };
        format!(
            concat!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" ",
                "font-family=\"{family}\">\n",
                "<title>{title}</title>\n",
                "{style}",
                "{body}",
                "</svg>\n"
            ),
            w = w,
            h = h,
            family = font::FAMILY_LIST,
            title = escape(title),
            style = style,
            body = self.body
        )
    }
}

/// A `<style>` with DejaVu Sans book and bold as base64 `@font-face` data, each
/// subset to the characters `book` and `bold` hold ([`font::subset`]; the whole
/// font where subsetting fails), a weight with no text left out.
fn font_face(book: &BTreeSet<char>, bold: &BTreeSet<char>) -> String {
    let face = |chars: &BTreeSet<char>, bold: bool| {
        if chars.is_empty() {
            return String::new();
        }
        let whole = if bold { font::BOLD } else { font::REGULAR };
        let data = font::subset(bold, chars.iter().copied());
        format!(
            "@font-face{{font-family:'{}';font-weight:{};src:url(data:font/ttf;base64,{}) format('truetype');}}\n",
            font::FAMILY,
            if bold { "bold" } else { "normal" },
            base64::engine::general_purpose::STANDARD.encode(data.as_deref().unwrap_or(whole))
        )
    };
    format!(
        "<defs><style>\n{}{}</style></defs>\n",
        face(book, false),
        face(bold, true)
    )
}
