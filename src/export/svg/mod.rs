//! The SVG export: a [`Chart`] painted on one dated time axis, as a picture for a report.
//!
//! The chart model says what to show (the strips and their order, labels, value ranges,
//! every council's timeline, every rule with its label); this module only decides where
//! it goes in pixels and how it looks: one strip per scheme (sub-judgements as smaller
//! strips under their parent), level names on the y axis, step lines that hold each
//! rating until the next, markers coloured and shaped by level (or by council when
//! several are overlaid, all named in the legend), rules labelled in lanes that never
//! overlap. Below the chart: the sources cited. More than [`GRID_FROM`] councils become
//! small multiples ([`grid`]).
//!
//! Labels are measured with the embedded font ([`super::font`]) so they never overlap;
//! the SVG carries that font as `@font-face` data, and every text is real `<text>`,
//! XML-escaped.

mod draw;
mod grid;
mod layout;
mod legend;
mod look;
mod sources;
mod writer;

use super::{ExportError, PictureSize};
use crate::chart::Chart;
use crate::data::Dataset;

/// The largest side a picture may have, in pixels: room for any chart, small enough to
/// rasterise (a 5000 x 5000 PNG needs 100 MB while it is drawn).
pub const MAX_SIDE: u32 = 5000;
/// The smallest side a user may ask for.
pub const MIN_SIDE: u32 = 100;
/// More councils than this are drawn as small multiples, not overlaid.
pub const GRID_FROM: usize = 8;

/// The SVG picture of `chart`, `size.width` pixels wide and `size.height` tall (when not
/// given: as tall as the strips need). With `embed_font` the document carries its font.
pub fn render(
    dataset: &Dataset,
    chart: &Chart,
    size: PictureSize,
    embed_font: bool,
) -> Result<String, ExportError> {
    if chart.councils.len() > GRID_FROM {
        return grid::render(dataset, chart, size, embed_font);
    }
    let layout = layout::Layout::new(dataset, chart, size)?;
    let mut svg = writer::Svg::default();
    draw::draw(&mut svg, &layout, dataset, chart);
    let title = format!(
        "{}: ratings over time ({})",
        layout.title.join(" "),
        dataset.title
    );
    Ok(svg.finish(layout.width, layout.height, &title, embed_font))
}

#[cfg(test)]
mod tests {
    use super::layout::Layout;
    use super::look::{COUNCIL_COLOURS, Shape, council_look};
    use super::writer::{clean, n};
    use super::*;
    use crate::chart::Choice;
    use crate::data::Date;
    use crate::export::{OGL, fixture};

    /// Every strip, sub-judgements unfolded.
    fn chart(data: &Dataset, councils: &[usize]) -> Chart {
        Chart::new(data, councils, &Choice::everything(), fixture::today())
    }

    fn render_all(
        data: &Dataset,
        councils: &[usize],
        size: PictureSize,
    ) -> Result<String, ExportError> {
        render(data, &chart(data, councils), size, false)
    }

    fn picture(councils: &[usize]) -> String {
        render_all(&fixture::dataset(), councils, PictureSize::default()).unwrap()
    }

    /// Every `<text>`'s content, in document order.
    fn texts(svg: &str) -> Vec<String> {
        let doc = resvg::usvg::roxmltree::Document::parse(svg).expect("well-formed XML");
        doc.descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.text().unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn one_council_shows_its_name_every_level_name_and_the_years() {
        let svg = picture(&[0]);
        let texts = texts(&svg);
        assert_eq!(texts[0], "Tower Hamlets");
        for level in [
            "0 stars",
            "1 star",
            "2 stars",
            "3 stars",
            "Inadequate",
            "Good",
            "Outstanding",
        ] {
            assert!(
                texts.iter().any(|t| t == level),
                "{level} missing from {texts:?}"
            );
        }
        assert!(
            texts.iter().any(|t| t.starts_with("Requires improvement")),
            "{texts:?}"
        );
        for year in 2002..=2026 {
            assert!(
                texts.contains(&year.to_string()),
                "{year} missing from {texts:?}"
            );
        }
        assert!(
            !texts.contains(&"2027".to_owned()),
            "the axis ends with 2026"
        );
    }

    #[test]
    fn eras_scheme_ends_and_ungraded_assessments_are_labelled_rules() {
        let texts = texts(&picture(&[0]));
        for label in ["SIF", "ILACS", "ended 2009-04", "no grade"] {
            assert!(
                texts.iter().any(|t| t == label),
                "{label} missing from {texts:?}"
            );
        }
    }

    #[test]
    fn a_rating_is_drawn_until_the_next_and_never_past_the_scheme_end() {
        let data = fixture::dataset();
        let chart = chart(&data, &[0]);
        let layout = Layout::new(&data, &chart, PictureSize::default()).unwrap();
        let svg = picture(&[0]);
        let end = n(layout.xmap.x(Date::parse("2009-04").unwrap()));
        // Dated to a month, the 3-star rating held for certain from the day after it.
        let three_stars = n(layout.xmap.x(Date::parse("2004-12-01").unwrap()));
        // The 3-star line runs from then to the scheme's end and no further.
        let run = format!(r#"x1="{three_stars}" "#);
        let line = svg
            .lines()
            .find(|l| {
                l.starts_with("<line") && l.contains(&run) && l.contains("stroke-width=\"2.5\"")
            })
            .unwrap();
        assert!(line.contains(&format!(r#"x2="{end}""#)), "{line}");
    }

    #[test]
    fn an_ungraded_assessment_is_a_gap_not_the_lowest_level() {
        let data = fixture::dataset();
        let chart = chart(&data, &[0]);
        let layout = Layout::new(&data, &chart, PictureSize::default()).unwrap();
        let svg = picture(&[0]);
        let gap = n(layout.xmap.x(Date::parse("2026-05").unwrap()));
        // The Good line stops at the ungraded date; nothing starts there but rules.
        let from_gap: Vec<&str> = svg
            .lines()
            .filter(|l| l.starts_with("<line") && l.contains(&format!(r#"x1="{gap}" "#)))
            .collect();
        // One in the strip of the assessment, one in its sub-judgement's, which the
        // same assessment did not grade.
        assert_eq!(from_gap.len(), 2, "{from_gap:?}");
        assert!(
            from_gap
                .iter()
                .all(|l| l.contains("stroke-dasharray=\"1.5 2.5\"")),
            "{from_gap:?}"
        );
        assert!(
            svg.lines().any(
                |l| l.contains(&format!(r#"x2="{gap}""#)) && l.contains("stroke-width=\"2.5\"")
            )
        );
    }

    #[test]
    fn several_councils_each_get_a_colour_and_a_shape_and_are_all_named() {
        let svg = picture(&[0, 1]);
        let texts = texts(&svg);
        assert_eq!(texts[0], "Tower Hamlets and Newham");
        assert!(
            texts.contains(&"Tower Hamlets".to_owned()) && texts.contains(&"Newham".to_owned()),
            "{texts:?}"
        );
        assert!(svg.contains(COUNCIL_COLOURS[0]) && svg.contains(COUNCIL_COLOURS[1]));
        let looks: Vec<(&str, Shape, Option<&str>)> = (0..294)
            .map(council_look)
            .map(|l| (l.colour, l.shape, l.dash))
            .collect();
        for (i, a) in looks.iter().enumerate() {
            assert!(
                !looks[..i].contains(a),
                "council {i} looks like an earlier one"
            );
        }
    }

    #[test]
    fn sources_and_the_data_line_close_the_picture() {
        let texts = texts(&picture(&[0]));
        assert!(
            texts
                .iter()
                .any(|t| t
                    .starts_with("Sources: Then there were three (Community Care, 2004-11-19)")),
            "{texts:?}"
        );
        assert!(
            texts
                .iter()
                .any(|t| t.contains("Tower Hamlets [inspection] 2017")),
            "{texts:?}"
        );
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("Data: Test councils. Drawn by trajex")),
            "{texts:?}"
        );
        assert!(
            !texts.iter().any(|t| t == OGL),
            "the fixture does not carry the licence"
        );
    }

    #[test]
    fn many_sources_are_summed_up_by_publisher() {
        let mut data = fixture::dataset();
        let cited = data.sources[1].clone();
        for k in 0..40 {
            let mut source = cited.clone();
            source.id = format!("extra-{k}");
            source.publisher = Some(
                if k % 4 == 0 {
                    "Community Care"
                } else {
                    "Ofsted"
                }
                .to_owned(),
            );
            data.sources.push(source);
            let rating = data.councils[1].ratings[0].clone();
            data.councils[1].ratings.push(crate::data::Rating {
                date: Date::year(1990 + k as u16),
                source: Some((data.sources.len() - 1) as crate::data::model::SourceIx),
                ..rating
            });
        }
        let svg = render_all(&data, &[0, 1], PictureSize::default()).unwrap();
        let texts = texts(&svg);
        let sources = texts.iter().find(|t| t.starts_with("Sources: ")).unwrap();
        assert!(
            sources.starts_with("Sources: 43 reports and articles: Ofsted (30), Community Care (11), 2 with no publisher named."),
            "{sources}"
        );
    }

    #[test]
    fn the_licence_line_appears_when_the_description_carries_it() {
        let mut data = fixture::dataset();
        data.description = Some(format!("Ratings. {OGL}"));
        let svg = render_all(&data, &[0], PictureSize::default()).unwrap();
        assert!(texts(&svg).iter().any(|t| t == OGL));
    }

    #[test]
    fn text_is_escaped_and_control_characters_replaced() {
        let mut data = fixture::dataset();
        data.councils[0].name = "<script>alert(\"&\")</script>\u{1}\u{7f}".into();
        data.councils[0].region = Some("a ' b".into());
        let svg = render_all(&data, &[0], PictureSize::default()).unwrap();
        assert!(!svg.contains("<script>"));
        assert!(!svg.contains('\u{1}') && !svg.contains('\u{7f}'));
        let texts = texts(&svg);
        assert_eq!(texts[0], "<script>alert(\"&\")</script>\u{FFFD}\u{FFFD}");
        assert!(texts[1].starts_with("a ' b"), "{texts:?}");
        assert_eq!(clean("a\tb\nc\u{0}"), "a b c\u{FFFD}");
    }

    #[test]
    fn a_given_height_stretches_the_rows_and_too_small_a_size_is_refused() {
        let data = fixture::dataset();
        let svg = render_all(
            &data,
            &[0],
            PictureSize {
                width: 900,
                height: Some(700),
            },
        )
        .unwrap();
        assert!(
            svg.contains(r#"width="900" height="700" viewBox="0 0 900 700""#),
            "{}",
            &svg[..300]
        );
        let short = render_all(
            &data,
            &[0],
            PictureSize {
                width: 900,
                height: Some(150),
            },
        )
        .unwrap_err();
        assert!(
            matches!(short, ExportError::ShortPicture { height: 150, needed } if needed > 150),
            "{short}"
        );
        let narrow = render_all(
            &data,
            &[0],
            PictureSize {
                width: 150,
                height: None,
            },
        )
        .unwrap_err();
        assert!(
            matches!(narrow, ExportError::NarrowPicture { width: 150, needed } if needed > 150),
            "{narrow}"
        );
    }

    #[test]
    fn sub_judgements_are_smaller_strips_under_their_parent() {
        let data = fixture::dataset();
        let chart = chart(&data, &[0]);
        let layout = Layout::new(&data, &chart, PictureSize::default()).unwrap();
        let order: Vec<(String, bool)> = layout
            .strips
            .iter()
            .map(|s| (data.scheme(s.plot.strip.scheme).id.clone(), s.nested()))
            .collect();
        assert_eq!(
            order,
            [
                ("csci-stars".into(), false),
                ("ofsted-cs".into(), false),
                ("ofsted-cs-care-leavers".into(), true),
                ("caseload".into(), false)
            ]
        );
    }

    #[test]
    fn rule_labels_never_overlap_each_other_or_the_title() {
        let data = fixture::dataset();
        for width in [400, 700, 1000, 1600] {
            let chart = chart(&data, &[0, 1]);
            let layout = Layout::new(
                &data,
                &chart,
                PictureSize {
                    width,
                    height: None,
                },
            )
            .unwrap();
            for strip in &layout.strips {
                for (i, a) in strip.rules.iter().enumerate() {
                    for b in &strip.rules[..i] {
                        assert!(
                            a.lane != b.lane || a.to <= b.from || b.to <= a.from,
                            "{a:?} overlaps {b:?} at {width}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_council_without_ratings_says_so_and_nothing_overlaps() {
        let mut data = fixture::dataset();
        data.councils[1].ratings.clear();
        let svg = render_all(&data, &[1], PictureSize::default()).unwrap();
        let doc = resvg::usvg::roxmltree::Document::parse(&svg).unwrap();
        let texts: Vec<(f32, String)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| {
                (
                    n.attribute("y").unwrap().parse().unwrap(),
                    n.text().unwrap().to_owned(),
                )
            })
            .collect();
        let said: Vec<&str> = texts.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            said[..3],
            ["Newham", "London — Test councils", "No ratings recorded."]
        );
        for pair in texts.windows(2) {
            assert!(pair[1].0 - pair[0].0 >= 12.0, "{pair:?} overlap");
        }
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        assert_eq!(picture(&[0, 1]), picture(&[0, 1]));
    }

    #[test]
    fn coordinates_are_written_short_and_never_negative_zero() {
        assert_eq!(n(-0.01), "0");
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.345), "12.3");
    }
}
