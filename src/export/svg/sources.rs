//! The footer under the chart: what was left out for room, the sources of the ratings
//! shown, the licence line when the dataset carries it, and what the picture is.

use super::super::{OGL, carries_ogl, font};
use super::layout::SOURCE_SIZE;
use super::writer::clean;
use crate::chart::Chart;
use crate::data::Dataset;
use crate::data::model::SourceIx;

/// The indent of a source's second and later lines.
const CONTINUED: f32 = 10.0;

/// The sources the strips `shown` cite, in dataset order: those of the ratings drawn,
/// and those of their schemes.
fn cited(dataset: &Dataset, chart: &Chart, shown: &[usize]) -> Vec<SourceIx> {
    let mut used = vec![false; dataset.sources.len()];
    for &i in shown {
        let plot = &chart.plots[i];
        if let Some(source) = dataset.scheme(plot.strip.scheme).source {
            used[source as usize] = true;
        }
        for series in &plot.series {
            let council = &dataset.councils[chart.councils[series.council]];
            for &r in &series.timeline.ratings {
                if let Some(source) = council.ratings[r].source {
                    used[source as usize] = true;
                }
            }
        }
    }
    (0..used.len())
        .filter(|&i| used[i])
        .map(|i| i as SourceIx)
        .collect()
}

/// Up to this many sources are listed one by one under the chart; more are summed up
/// by publisher, so a picture of many councils is not mostly a list of reports.
const LISTED_SOURCES: usize = 30;

/// The source lines under the chart: what was left out for room, the sources cited, the licence line when the
/// dataset carries it, and what the picture is. Each line comes with its indent: a
/// source that runs over a line goes on indented.
pub(super) fn footer(
    dataset: &Dataset,
    chart: &Chart,
    shown: &[usize],
    left_out: Option<&str>,
    room: f32,
) -> Vec<(f32, String)> {
    let today = chart.today;
    let sources = cited(dataset, chart, shown);
    let mut lines = Vec::new();
    let entries: Vec<String> = sources
        .iter()
        .map(|&ix| {
            let s = dataset.source(ix);
            let mut about: Vec<String> = Vec::new();
            if let Some(p) = &s.publisher {
                about.push(p.clone());
            }
            if let Some(d) = s.date {
                about.push(d.to_string());
            }
            let mut entry = s.title.clone();
            if !about.is_empty() {
                entry.push_str(&format!(" ({})", about.join(", ")));
            }
            if let Some(url) = &s.url {
                entry.push(' ');
                entry.push_str(url);
            }
            entry
        })
        .collect();
    let mut paragraph = |text: &str| {
        let wrapped = font::wrap(&clean(text), SOURCE_SIZE, false, room - CONTINUED);
        for (n, line) in wrapped.into_iter().enumerate() {
            lines.push((if n == 0 { 0.0 } else { CONTINUED }, line));
        }
    };
    if let Some(note) = left_out {
        paragraph(note);
    }
    if entries.is_empty() {
        paragraph("Sources: none cited for these ratings.");
    }
    if entries.len() > LISTED_SOURCES {
        paragraph(&publishers(dataset, &sources));
    } else {
        for (n, entry) in entries.iter().enumerate() {
            paragraph(&if n == 0 {
                format!("Sources: {entry}")
            } else {
                format!("· {entry}")
            });
        }
    }
    if carries_ogl(dataset) {
        paragraph(OGL);
    }
    let data = format!(
        "Data: {}. Drawn by trajex {}; a rating holds until the next one, and one still in force runs to {today}.",
        dataset.title,
        env!("CARGO_PKG_VERSION")
    );
    paragraph(&data);
    lines
}

/// Many sources summed up: how many, from which publishers (most cited first), and
/// where each is listed.
fn publishers(dataset: &Dataset, sources: &[SourceIx]) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut unnamed = 0;
    for &ix in sources {
        match &dataset.source(ix).publisher {
            Some(name) => match counts.iter_mut().find(|(n, _)| n == name) {
                Some((_, count)) => *count += 1,
                None => counts.push((name.clone(), 1)),
            },
            None => unnamed += 1,
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut named: Vec<String> = counts
        .iter()
        .map(|(name, n)| format!("{name} ({n})"))
        .collect();
    if unnamed > 0 {
        named.push(format!("{unnamed} with no publisher named"));
    }
    format!(
        "Sources: {} reports and articles: {}. Each is listed with its link in the csv, json or md export of these councils.",
        sources.len(),
        named.join(", ")
    )
}
