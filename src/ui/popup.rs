//! Panes drawn over the others on demand: help, an event's details, the export dialog.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use unicode_width::UnicodeWidthStr;

use super::text::{pad, visible};
use super::theme::Theme;
use crate::app::{App, ExportDialog};
use crate::data::context::{Distribution, describe_summary, published};
use crate::data::model::{Grade, SchemeIx};
use crate::data::{Date, Reading, Timeline};
use crate::export::Format;

/// A box of `width` x `height` centred in `area`, shrunk to fit.
fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

fn frame(
    area: Rect,
    buf: &mut Buffer,
    title: &str,
    lines: Vec<Line<'_>>,
    width: u16,
    theme: Theme,
) {
    let inner = usize::from(width.min(area.width).saturating_sub(2)).max(1);
    let rows: usize = lines.iter().map(|l| l.width().max(1).div_ceil(inner)).sum();
    let rect = centred(area, width, rows as u16 + 2);
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .border_style(theme.border(true));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block)
        .render(rect, buf);
}

/// The help screen, generated from the key bindings in force.
pub fn help(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let mut lines: Vec<Line> = app
        .keymap
        .rows()
        .map(|(command, keys)| {
            Line::from(vec![
                Span::styled(format!(" {:<16}", keys.join(" ")), theme.key()),
                Span::raw(command.describe()),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        " While filtering: type to narrow, ↑↓ move, Enter keep, Esc clear.",
        theme.dim(),
    ));
    lines.push(Line::styled(" Any key closes this help.", theme.dim()));
    frame(area, buf, "Keys", lines, 74, theme);
}

/// The selected council's record: what it is called, where it sits, what it came
/// from and became, and its statistical neighbours.
pub fn council(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let Some(index) = app.selected else { return };
    let dataset = &app.dataset;
    let council = &dataset.councils[index];
    let field = |name: &str, value: String| {
        Line::from(vec![
            Span::styled(format!(" {name:<15}"), theme.dim()),
            Span::raw(visible(&value).into_owned()),
        ])
    };
    // A council named by id: its name when the dataset has it, else the id as given.
    let named = |id: &String| match dataset.council_by_id(id) {
        Some(i) => format!("{} ({id})", dataset.councils[i].name),
        None => format!("{id} (not in this dataset)"),
    };
    let mut lines = vec![
        field("name", council.name.clone()),
        field("id", council.id.clone()),
    ];
    for (name, value) in [
        ("ONS code", &council.code),
        ("region", &council.region),
        ("kind", &council.kind),
    ] {
        if let Some(value) = value {
            lines.push(field(name, value.clone()));
        }
    }
    if !council.aliases.is_empty() {
        lines.push(field("also known as", council.aliases.join("; ")));
    }
    let predecessors: Vec<String> = dataset
        .predecessors(council)
        .map(|c| format!("{} ({})", c.name, c.id))
        .collect();
    if !predecessors.is_empty() {
        lines.push(field("succeeded", predecessors.join("; ")));
    }
    if let Some(ended) = council.ended {
        lines.push(field("ended", ended.to_string()));
    }
    if !council.succeeded_by.is_empty() {
        lines.push(field(
            "succeeded by",
            council
                .succeeded_by
                .iter()
                .map(named)
                .collect::<Vec<_>>()
                .join("; "),
        ));
    }
    if !council.neighbours.is_empty() {
        lines.push(field(
            "neighbours",
            council
                .neighbours
                .iter()
                .map(named)
                .collect::<Vec<_>>()
                .join("; "),
        ));
    }
    let schemes = crate::data::Timeline::all(dataset, council).len();
    lines.push(field(
        "ratings",
        format!("{} in {schemes} scheme(s)", council.ratings.len()),
    ));
    lines.push(Line::raw(""));
    let pin = app
        .keymap
        .labels(crate::app::keymap::Command::Pin)
        .first()
        .cloned()
        .unwrap_or_default();
    let neighbours = app
        .keymap
        .labels(crate::app::keymap::Command::Neighbours)
        .first()
        .cloned()
        .unwrap_or_default();
    lines.push(Line::styled(
        format!(" Any key closes; {pin} pins this council, {neighbours} its neighbours."),
        theme.dim(),
    ));
    frame(area, buf, "Council", lines, 90, theme);
}

/// The full record of one rating.
pub fn details(app: &App, index: usize, area: Rect, buf: &mut Buffer, theme: Theme) {
    let Some(council) = app.selected.map(|i| &app.dataset.councils[i]) else {
        return;
    };
    let Some(rating) = council.ratings.get(index) else {
        return;
    };
    let scheme = app.dataset.scheme(rating.scheme);
    let field = |name: &str, value: String| {
        Line::from(vec![
            Span::styled(format!(" {name:<10}"), theme.dim()),
            Span::raw(visible(&value).into_owned()),
        ])
    };
    let mut lines = vec![
        field("council", council.name.clone()),
        field("scheme", format!("{} ({})", scheme.name, scheme.body)),
        field("date", rating.date.to_string()),
        field("rating", scheme.describe(rating.grade)),
    ];
    if let Some(change) = crate::data::timeline::change_label(&app.dataset, council, index) {
        lines.push(field("change", change));
    }
    if let Some(note) = &rating.note {
        lines.push(field("note", note.clone()));
    }
    if let Some(source) = rating.source.map(|s| app.dataset.source(s)) {
        lines.push(field("source", source.title.clone()));
        if let Some(publisher) = &source.publisher {
            lines.push(field("publisher", publisher.clone()));
        }
        if let Some(date) = source.date {
            lines.push(field("published", date.to_string()));
        }
        if let Some(url) = &source.url {
            lines.push(field("link", url.clone()));
        }
    } else {
        lines.push(field("source", "none given".to_owned()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(" Any key closes.", theme.dim()));
    frame(area, buf, "Rating", lines, 90, theme);
}

/// The export dialog: format, path, and the overwrite question when the file exists.
pub fn export(app: &App, dialog: &ExportDialog, area: Rect, buf: &mut Buffer, theme: Theme) {
    let names: Vec<&str> = dialog
        .councils
        .iter()
        .map(|&i| app.dataset.councils[i].name.as_str())
        .collect();
    let mut formats = vec![Span::styled(" format    ", theme.dim())];
    for format in Format::ALL {
        let name = format.extension();
        if format == dialog.format {
            formats.push(Span::styled(format!("[{name}]"), theme.selected(true)));
        } else {
            formats.push(Span::raw(format!(" {name} ")));
        }
        formats.push(Span::raw(" "));
    }
    let mut lines = vec![
        Line::from(vec![
            Span::styled(" councils  ", theme.dim()),
            Span::raw(visible(&names.join(", ")).into_owned()),
        ]),
        Line::from(formats),
        Line::from(vec![
            Span::styled(" path      ", theme.dim()),
            Span::raw(format!("{}█", visible(&dialog.path))),
        ]),
        Line::raw(""),
    ];
    if dialog.confirm_overwrite {
        lines.push(Line::styled(
            " The file exists. Overwrite it? y overwrites, any other key goes back.",
            theme.key(),
        ));
    } else {
        lines.push(Line::styled(
            " Enter export · Tab format · type to edit the path · Esc cancel",
            theme.dim(),
        ));
    }
    frame(area, buf, "Export", lines, 80, theme);
}

/// National context: councils at each level of `scheme` on `date`, with the selected
/// and pinned councils marked, and the published figures beside when there are some.
pub fn context(
    app: &App,
    scheme: SchemeIx,
    date: Date,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let dataset = &app.dataset;
    let def = dataset.scheme(scheme);
    // Counted when the popup opened; counted here only for a state made another way.
    let counted;
    let dist = match &app.context {
        Some(d) if d.scheme == scheme && d.date == date => d,
        _ => {
            counted = Distribution::at(dataset, scheme, date);
            &counted
        }
    };
    let mut lines = vec![
        Line::styled(
            visible(&format!(" {} ({}), at {date}", def.name, def.body)).into_owned(),
            theme.title(),
        ),
        Line::raw(""),
    ];
    let summaries = published(dataset, scheme, date);
    let coverage = dist.coverage(&summaries);
    let published_lines: Vec<Line> = summaries
        .iter()
        .map(|summary| {
            let text = format!(" Published {}.", describe_summary(dataset, summary));
            Line::styled(visible(&text).into_owned(), theme.key())
        })
        .collect();
    // Where the dataset knows less than was published, the published figures first
    // and the computed ones said to be no national figure.
    if coverage.partial {
        lines.extend(published_lines.iter().cloned());
        lines.push(Line::styled(
            format!(" In this dataset ({coverage}; not a national figure):"),
            theme.title(),
        ));
    }
    // Where each shown council stands: its marker at its level's bar.
    let mut marks: Vec<Vec<Span>> = vec![Vec::new(); dist.counts.len()];
    for (k, &c) in app.shown().iter().enumerate() {
        let council = &dataset.councils[c];
        let (mark, style) = match app.pins.iter().position(|&p| p == c) {
            Some(pin) if k > 0 => theme.pin(pin),
            _ => ("●", theme.title()),
        };
        if let Reading::Holds(s) = Timeline::reading(dataset, council, scheme, date)
            && let Grade::Level(rank) = s.grade
        {
            marks[usize::from(rank)].push(Span::styled(
                format!(" {mark} {}", visible(&council.name)),
                style,
            ));
        }
    }
    let most = dist.counts.iter().copied().max().unwrap_or(0).max(1);
    let label_width = def
        .levels()
        .iter()
        .map(|l| l.width())
        .max()
        .unwrap_or(0)
        .min(32);
    // Names beside the bars when they fit; with many pins, the markers alone (the
    // chart's legend names them).
    let room = usize::from(area.width.saturating_sub(4)).saturating_sub(label_width + 2 + 24 + 13);
    if marks
        .iter()
        .any(|m| m.iter().map(Span::width).sum::<usize>() > room)
    {
        for spans in &mut marks {
            for span in spans.iter_mut() {
                let mark = span
                    .content
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_owned();
                span.content = format!(" {mark}").into();
            }
        }
    }
    for rank in (0..dist.counts.len()).rev() {
        let count = dist.counts[rank];
        let bar = "█".repeat((count as usize * 24).div_ceil(most as usize));
        let mut spans = vec![
            Span::raw(format!(" {} ", pad(&def.levels()[rank], label_width))),
            Span::styled(format!("{bar:<24}"), theme.level(rank, dist.counts.len())),
            Span::raw(format!(" {count:>5} {:>5.1}%", dist.share(rank))),
        ];
        spans.append(&mut marks[rank]);
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    let mut tally = format!(" K{}", coverage.to_string().trim_start_matches('k'));
    for (n, what) in [
        (dist.ungraded, "with no grade given"),
        (dist.unknown, "unknown"),
        (dist.not_yet, "not yet rated"),
    ] {
        if n > 0 {
            tally.push_str(&format!("; {n} {what}"));
        }
    }
    lines.push(Line::raw(format!("{tally}.")));
    if dist.ended {
        lines.push(Line::styled(
            " The scheme had ended by this date: no rating holds.",
            theme.dim(),
        ));
    }
    if !coverage.partial && !published_lines.is_empty() {
        lines.push(Line::raw(""));
        lines.extend(published_lines);
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        " ← → on the chart move the date; any key closes.",
        theme.dim(),
    ));
    let widest = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
    frame(area, buf, "National context", lines, widest + 3, theme);
}
