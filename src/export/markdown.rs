//! The Markdown export: per council a heading, its code and region, a table of ratings
//! with changes and source links, and the text chart; then a source line.

use std::fmt::Write;

use crate::data::Dataset;
use crate::data::timeline::change_label;

/// How wide the embedded text chart is drawn.
pub const CHART_WIDTH: u16 = 100;

/// The Markdown report for `councils`.
pub fn render(dataset: &Dataset, councils: &[usize], options: &super::Options) -> Vec<u8> {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_report(&mut out, dataset, councils, options);
    out.into_bytes()
}

fn write_report(
    out: &mut String,
    dataset: &Dataset,
    councils: &[usize],
    options: &super::Options,
) -> std::fmt::Result {
    writeln!(out, "# {}", inline(&dataset.title))?;
    for &i in councils {
        let council = &dataset.councils[i];
        writeln!(out)?;
        writeln!(out, "## {}", inline(&council.name))?;
        writeln!(out)?;
        let facts: Vec<String> = [
            council.code.as_deref(),
            council.region.as_deref(),
            council.kind.as_deref(),
        ]
        .into_iter()
        .flatten()
        .map(inline)
        .chain(std::iter::once(format!(
            "id `{}`",
            council.id.replace('`', "")
        )))
        .collect();
        writeln!(out, "{}", facts.join(" · "))?;
        writeln!(out)?;
        if council.ratings.is_empty() {
            writeln!(out, "No ratings recorded.")?;
            continue;
        }
        writeln!(out, "| Date | Scheme | Rating | Change | Note | Source |")?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for (k, rating) in council.ratings.iter().enumerate() {
            let scheme = dataset.scheme(rating.scheme);
            let source = rating.source.map(|s| {
                let source = dataset.source(s);
                match &source.url {
                    Some(url) if crate::text::is_web_url(url) => {
                        format!("[{}](<{}>)", link_text(&source.title), link_target(url))
                    }
                    // A `javascript:` or `file:` address is no link a reader should
                    // follow with one click: it is shown, not linked.
                    Some(url) => format!("{} ({})", inline(&source.title), inline(url)),
                    None => inline(&source.title),
                }
            });
            let cells = [
                rating.date.to_string(),
                inline(&scheme.name),
                inline(&scheme.describe(rating.grade)),
                change_label(dataset, council, k).unwrap_or_default(),
                rating.note.as_deref().map(inline).unwrap_or_default(),
                source.unwrap_or_default(),
            ];
            let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
        // Every strip unfolded: a report has the room.
        let chart = options.text_chart.map_or_else(String::new, |paint| {
            let model = crate::chart::Chart::new(
                dataset,
                &[i],
                &crate::chart::Choice::everything(),
                options.today,
            );
            paint(dataset, &model, CHART_WIDTH)
        });
        if !chart.trim().is_empty() {
            let fence = "`".repeat(longest_backtick_run(&chart).max(2) + 1);
            writeln!(out)?;
            writeln!(out, "{fence}text")?;
            writeln!(out, "{}", chart.trim_end_matches('\n'))?;
            writeln!(out, "{fence}")?;
        }
    }
    writeln!(out)?;
    writeln!(out, "---")?;
    writeln!(out)?;
    let licence = if super::carries_ogl(dataset) {
        format!(" {}", super::OGL)
    } else {
        String::new()
    };
    writeln!(
        out,
        "Data: *{}*, exported with trajex {}. Each rating links to the source it was taken from; \
         reuse is subject to that source's terms.{licence}",
        inline(&dataset.title),
        env!("CARGO_PKG_VERSION")
    )?;
    Ok(())
}

/// Text as one line of Markdown that shows literally: no line breaks, no emphasis or
/// links out of stray `*`, `_`, `[` or `<`.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn link_text(text: &str) -> String {
    inline(text)
}

/// A URL inside `<…>`, where `<`, `>` and line breaks would end it early: those, and
/// every control, bidi or zero-width character (which would reach a terminal or hide in
/// the address), are percent-encoded; surrounding spaces are dropped.
fn link_target(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        if c == '<' || c == '>' || crate::text::is_hidden(c) {
            for byte in c.encode_utf8(&mut [0; 4]).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A table cell: a `|` would end the cell early, so it is escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;

    /// A stand-in for the explorer's text painter: each strip's title and its rules'
    /// labels, one per line (the real painter is checked through `trajex export`).
    fn painter(_: &Dataset, chart: &crate::chart::Chart, _: u16) -> String {
        chart
            .plots
            .iter()
            .flat_map(|p| {
                std::iter::once(p.title.clone()).chain(p.rules.iter().map(|r| r.label.clone()))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn options() -> crate::export::Options {
        crate::export::Options {
            text_chart: Some(painter),
            ..crate::export::Options::new(fixture::today())
        }
    }

    fn report(councils: &[usize]) -> String {
        String::from_utf8(render(&fixture::dataset(), councils, &options())).unwrap()
    }

    #[test]
    fn each_council_has_a_heading_a_facts_line_and_a_table_of_ratings() {
        let text = report(&[0, 1]);
        assert!(text.starts_with("# Test councils\n\n## Tower Hamlets\n\nE09000030 · London · London Borough · id `tower-hamlets`\n\n| Date | Scheme | Rating | Change | Note | Source |\n|---|---|---|---|---|---|\n"), "{text}");
        assert!(
            text.contains("\n## Newham\n\nLondon · id `newham`\n"),
            "{text}"
        );
        assert!(text.contains("| 2004-11 | Social services star rating | 3 stars | ▲ up 2 |  | [Then there were three](<https://www.communitycare.co.uk/2004/11/19/then-there-were-three/>) |"), "{text}");
        assert!(text.contains("| 2026-05 | Children's services: overall effectiveness | no grade |  | no overall grade under the 2026 framework |  |"), "{text}");
    }

    #[test]
    fn a_pipe_in_a_cell_is_escaped_so_the_table_keeps_its_columns() {
        let text = report(&[0]);
        let row = text.lines().find(|l| l.starts_with("| 2002-05 ")).unwrap();
        assert!(row.contains("prospects: promising \\| excellent"), "{row}");
        let unescaped = row.replace("\\|", "");
        assert_eq!(unescaped.matches('|').count(), 7, "{row}");
    }

    #[test]
    fn link_text_and_targets_cannot_break_out_of_the_link() {
        let text = report(&[0]);
        assert!(
            text.contains("[Tower Hamlets \\[inspection\\] 2017](<https://example.org/a (b)>)"),
            "{text}"
        );
        assert_eq!(inline("a *b* _c_\nd"), "a \\*b\\* \\_c\\_ d");
    }

    #[test]
    fn a_link_target_carries_no_control_bidi_or_zero_width_character() {
        assert_eq!(
            link_target("https://e.org/\x1b]52;c;aGk=\x07<\u{202e}>\n"),
            "https://e.org/%1B]52;c;aGk=%07%3C%E2%80%AE%3E"
        );
    }

    #[test]
    fn the_report_ends_with_a_source_line() {
        let text = report(&[1]);
        let last = text.trim_end().lines().last().unwrap();
        assert!(
            last.starts_with("Data: *Test councils*, exported with trajex "),
            "{last}"
        );
        assert!(last.contains("source"), "{last}");
    }

    #[test]
    fn the_source_line_repeats_the_licence_when_the_dataset_carries_it() {
        let mut data = fixture::dataset();
        let plain = String::from_utf8(render(&data, &[1], &options())).unwrap();
        assert!(!plain.contains("Open Government Licence"), "{plain}");
        data.description = Some(format!("Ratings. {}", crate::export::OGL));
        let text = String::from_utf8(render(&data, &[1], &options())).unwrap();
        let last = text.trim_end().lines().last().unwrap();
        assert!(
            last.starts_with("Data: ") && last.ends_with(crate::export::OGL),
            "{last}"
        );
    }

    #[test]
    fn each_council_carries_the_text_chart_of_its_strips() {
        let text = report(&[0]);
        let fence = text.find("```text\n").expect("a text chart");
        let chart = &text[fence..];
        for label in [
            "Social services star rating",
            "ended 2009-04",
            "SIF",
            "ILACS",
            "no grade",
        ] {
            assert!(
                chart.contains(label),
                "{label} missing from the chart:\n{chart}"
            );
        }
    }

    #[test]
    fn a_fence_is_longer_than_any_backtick_run_in_the_chart() {
        assert_eq!(longest_backtick_run("a ``` b `` c"), 3);
        assert_eq!(longest_backtick_run("none"), 0);
    }
}
