//! Panes drawn over the others on demand: help, an event's details, the export dialog.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::help::{Glyph, HelpLine, Look};
use crate::app::keymap::{Intent, Scope};
use crate::app::record::{Tone, Toned};
use crate::app::{App, ContextView, ExportDialog};
use crate::data::context::{Basis, Report, Spread, top_two_label};
use crate::data::model::{Better, Grade, Scale, SchemeIx};
use crate::data::{Date, Reading, Timeline};
use crate::export::Format;
use crate::text::{fit, pad, visible, wrap};

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
    let height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2);
    let rect = centred(area, width, height);
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(
            " {} ",
            fit(title, usize::from(rect.width).saturating_sub(4))
        ))
        .border_style(theme.border(true));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block)
        .render(rect, buf);
}

/// The help's lines, styled: headings as titles, keys as keys.
fn help_lines(lines: Vec<HelpLine>, theme: Theme) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .map(|line| match line {
            HelpLine::Heading(text) => Line::styled(text, theme.title()),
            HelpLine::Key { keys, name, does } => Line::from(vec![
                Span::styled(format!(" {} ", pad(&keys, 17)), theme.key()),
                Span::raw(format!("{} ", pad(name, 16))),
                Span::raw(does),
            ]),
            HelpLine::Under(text) => Line::raw(text),
            HelpLine::Legend { glyph, text } => {
                let marks: Vec<Span> = match glyph {
                    Glyph::Text(text) => vec![Span::styled(text, theme.key())],
                    Glyph::Pins => vec![Span::styled(
                        (0..3).map(|k| theme.pin(k).0).collect::<Vec<_>>().join(" "),
                        theme.key(),
                    )],
                    Glyph::Chart(marks) => marks
                        .into_iter()
                        .map(|(text, look)| chart_mark(text, look, theme))
                        .collect(),
                };
                let used: usize = marks.iter().map(Span::width).sum();
                let mut spans = vec![Span::raw(" ")];
                spans.extend(marks);
                spans.push(Span::raw(" ".repeat(18usize.saturating_sub(used))));
                spans.push(Span::raw(text));
                Line::from(spans)
            }
            HelpLine::Blank => Line::raw(""),
        })
        .collect()
}

/// A chart mark of the legend, styled as the chart styles it.
fn chart_mark(text: String, look: Look, theme: Theme) -> Span<'static> {
    match look {
        Look::Level => Span::styled(text, theme.level(1, 2)),
        Look::Pin => Span::styled(text, theme.pin(0).1),
        Look::PinMarker => Span::styled(theme.pin(0).0, theme.pin(0).1),
        Look::Dim => Span::styled(text, theme.dim()),
        Look::Cursor => Span::styled(text, theme.key()),
        Look::Title => Span::styled(text, theme.title()),
    }
}

/// The keys of the popup in force (`?` in a popup), over it: its own key table.
pub fn keys(app: &App, scope: Scope, area: Rect, buf: &mut Buffer, theme: Theme) {
    let width = 80.min(area.width);
    let inner = usize::from(width.saturating_sub(2));
    let lines = help_lines(crate::app::help::scope_lines(app, scope, inner), theme);
    let above = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let rect = centred(above, width, height);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(" Keys ")
        .border_style(theme.border(true));
    if usize::from(rect.height.saturating_sub(2)) < lines.len() {
        block = block.title_bottom(Line::from(" more in ? on the main screen ").right_aligned());
    }
    Clear.render(rect, buf);
    Paragraph::new(lines).block(block).render(rect, buf);
}

/// The help screen, scrolled `scroll` lines down, with where it is when it does not
/// fit.
pub fn help(app: &App, scroll: usize, area: Rect, buf: &mut Buffer, theme: Theme) {
    let (width, lines, rows) = crate::app::help::extent(app, (area.width, area.height));
    // Above the footer, which shows how to scroll and close.
    let above = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let rect = centred(
        above,
        width,
        u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2),
    );
    let lines = help_lines(lines, theme);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(" Keys ")
        .border_style(theme.border(true));
    if lines.len() > rows {
        let last = (scroll + rows).min(lines.len());
        block = block.title_bottom(
            Line::from(format!(" lines {}-{last} of {} ", scroll + 1, lines.len())).right_aligned(),
        );
    }
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .scroll((scroll.min(usize::from(u16::MAX)) as u16, 0))
        .block(block)
        .render(rect, buf);
}

/// The inner width of a popup `width` columns wide in `area`.
fn inner_width(area: Rect, width: u16) -> usize {
    usize::from(width.min(area.width).saturating_sub(2))
}

/// The lines of a record, styled by their tones.
fn toned(lines: Vec<Toned>, theme: Theme) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .map(|parts| {
            Line::from(
                parts
                    .into_iter()
                    .map(|(text, tone)| {
                        let style = match tone {
                            Tone::Plain => Style::default(),
                            Tone::Dim => theme.dim(),
                            Tone::Title => theme.title(),
                            Tone::Key => theme.key(),
                            Tone::Level(rank, of) => theme.level(rank, of),
                        };
                        Span::styled(text, style)
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

/// The open record popup (a rating's, a council's, or the transitions), scrolled
/// `top` rows down, above the footer (which shows how to scroll and close); when it
/// does not fit, its bottom edge says which rows show and that there are more.
pub fn record(
    app: &App,
    mode: &crate::app::Mode,
    top: usize,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let Some((lines, extent)) = crate::app::record::of(app, mode) else {
        return;
    };
    let title = match mode {
        crate::app::Mode::Details(_) => "Rating",
        crate::app::Mode::Council => "Council",
        _ => "Transitions",
    };
    let above = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let height = u16::try_from(extent.shown)
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let rect = centred(above, extent.width, height);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(format!(
            " {} ",
            fit(title, usize::from(rect.width).saturating_sub(4))
        ))
        .border_style(theme.border(true));
    if let Some(hint) = extent.hint(top) {
        block = block.title_bottom(
            Line::from(fit(&hint, usize::from(rect.width).saturating_sub(2))).right_aligned(),
        );
    }
    let top = top.min(extent.last_top());
    Clear.render(rect, buf);
    Paragraph::new(toned(lines, theme))
        .wrap(Wrap { trim: false })
        .scroll((u16::try_from(top).unwrap_or(u16::MAX), 0))
        .block(block)
        .render(rect, buf);
}

/// The export dialog: format, path, and the overwrite question when the file exists.
pub fn export(app: &App, dialog: &ExportDialog, area: Rect, buf: &mut Buffer, theme: Theme) {
    let inner = inner_width(area, 80);
    let names: Vec<&str> = dialog
        .councils
        .iter()
        .map(|&i| app.dataset.councils[i].name.as_str())
        .collect();
    let mut formats = vec![Span::styled(" format    ", theme.dim())];
    let choices: &[Format] = if dialog.table.is_some() {
        &crate::app::TABLE_FORMATS
    } else {
        &Format::ALL
    };
    for &format in choices {
        let name = format.extension();
        if format == dialog.format {
            formats.push(Span::styled(format!("[{name}]"), theme.selected(true)));
        } else {
            formats.push(Span::raw(format!(" {name} ")));
        }
        formats.push(Span::raw(" "));
    }
    let what = match &dialog.table {
        Some(table) => Line::from(vec![
            Span::styled(" table     ", theme.dim()),
            Span::raw(fit(
                &visible(&table.describe(&app.dataset)),
                inner.saturating_sub(11),
            )),
        ]),
        None => Line::from(vec![
            Span::styled(" councils  ", theme.dim()),
            Span::raw(visible(&names.join(", ")).into_owned()),
        ]),
    };
    let mut lines = vec![what, Line::from(formats)];
    if dialog.table.is_none() {
        lines.push(Line::from({
            let choice = |on: bool, name: &str| {
                if on {
                    Span::styled(format!("[{name}]"), theme.selected(true))
                } else {
                    Span::raw(format!(" {name} "))
                }
            };
            vec![
                Span::styled(" strips    ", theme.dim()),
                choice(!dialog.every_strip, "as on screen"),
                Span::raw(" "),
                choice(dialog.every_strip, "every strip"),
                Span::styled(
                    format!(
                        "  {}, svg and png only",
                        app.keymap.first(Scope::Export, Intent::ToggleStrips)
                    ),
                    theme.dim(),
                ),
            ]
        }));
    }
    lines.push(Line::from(
        [Span::styled(" path      ", theme.dim())]
            .into_iter()
            .chain(super::field::spans(
                &dialog.path,
                inner.saturating_sub(12),
                !dialog.confirm_overwrite,
                Style::default(),
            ))
            .collect::<Vec<_>>(),
    ));
    if dialog.confirm_overwrite {
        let key = |intent| app.keymap.first(Scope::Overwrite, intent);
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            fit(
                &format!(
                    " The file exists. Overwrite it? {} overwrites, {} goes back.",
                    key(Intent::Overwrite),
                    key(Intent::Back)
                ),
                inner,
            ),
            theme.key(),
        ));
    }
    frame(area, buf, "Export", lines, 80, theme);
}

/// A popup's title, " Name (Body), at DATE", in `inner` columns: the scheme's name and
/// body give way before the date, which a figure means nothing without.
fn dated_title(def: &crate::data::Scheme, when: &str, inner: usize) -> String {
    let when = format!(", {when}");
    let room = inner.saturating_sub(when.width());
    format!(
        "{}{when}",
        fit(&format!(" {} ({})", def.name, def.body), room)
    )
}

/// National context: the [`Report`] `trajex context` prints, painted: the published
/// figures first, then the
/// councils at each level of the scheme with bars (which shrink before any word goes),
/// each shown council's rank and percentile, and whom the figures rest on; for a
/// numeric scheme, the lowest, median and highest value in force and each shown
/// council's value or why it has none.
pub fn context(app: &App, view: &ContextView, area: Rect, buf: &mut Buffer, theme: Theme) {
    let (scheme, date, report) = (view.scheme, view.date, &view.report);
    let dataset = &app.dataset;
    let def = dataset.scheme(scheme);
    // The most a line may take: the popup's inside at its widest.
    let inner = usize::from(area.width.saturating_sub(2)).max(1);
    // The rows inside the popup at its tallest.
    let tallest = usize::from(area.height.saturating_sub(2)).max(1);
    let title = Line::styled(
        dated_title(def, &format!("at {date}"), inner),
        theme.title(),
    );
    let published: Vec<String> = report
        .published
        .iter()
        .map(|p| format!(" Published {}.", visible(&p.describe())))
        .collect();
    let mut figures: Vec<Line> = Vec::new();
    if let Some(why) = report.why_no_figures() {
        figures.extend(wrapped(&format!(" {why}"), theme.dim(), inner));
    }
    if let Some(heading) = report.heading() {
        figures.extend(wrapped(&format!(" {heading}:"), theme.title(), inner));
    }
    let numeric = report.levels.is_empty();
    if numeric {
        if report.basis == Basis::Counted {
            figures.extend(spread_lines(app, scheme, date, theme));
        }
    } else if report.has_shares() {
        figures.extend(level_lines(app, report, inner, theme));
    }
    let mut tally = wrapped(&format!(" {}", report.tally()), Style::default(), inner);
    if let Some(note) = report.coverage_note() {
        tally.extend(wrapped(&format!(" {note}"), theme.dim(), inner));
    }
    let councils = |room: usize| {
        if numeric {
            reading_lines(app, scheme, date, room, area, theme)
        } else {
            place_lines(app, report, room, inner, theme)
        }
    };
    let shown = app.list.shown().len();
    // What does not fit gives way in turn: the blank lines, then each published
    // figure's wrapping (cut to a row, `…`), then published figures from the last (a
    // line says how many more `trajex context` gives), then the shown councils from
    // the last pinned; the selected council's place, the figures and the tally stay.
    let fit_published = |one_row: bool, kept: usize| -> Vec<Line<'static>> {
        let mut lines: Vec<Line> = published
            .iter()
            .take(kept)
            .flat_map(|text| {
                if one_row {
                    vec![Line::styled(fit(text, inner), theme.key())]
                } else {
                    wrapped(text, theme.key(), inner)
                }
            })
            .collect();
        if kept < published.len() {
            lines.push(Line::styled(
                fit(
                    &format!(
                        " … and {} more published (trajex context {} --date {date})",
                        published.len() - kept,
                        def.id
                    ),
                    inner,
                ),
                theme.dim(),
            ));
        }
        lines
    };
    let rows =
        |lines: &[Line]| -> usize { lines.iter().map(|l| l.width().max(1).div_ceil(inner)).sum() };
    let assemble = |published: Vec<Line<'static>>, places: Vec<Line<'static>>, blanks: bool| {
        let blank = || blanks.then(|| Line::raw(""));
        let mut lines = vec![title.clone()];
        lines.extend(blank());
        lines.extend(published);
        lines.extend(figures.iter().cloned());
        if !places.is_empty() && (report.has_shares() || numeric) {
            lines.extend(blank());
        }
        lines.extend(places);
        lines.extend(blank());
        lines.extend(tally.iter().cloned());
        lines
    };
    let mut steps: Vec<(bool, bool, usize, usize)> = vec![
        (true, false, published.len(), shown),
        (false, false, published.len(), shown),
        (false, true, published.len(), shown),
    ];
    steps.extend((0..published.len()).rev().map(|k| (false, true, k, shown)));
    let mut lines = Vec::new();
    for (blanks, one_row, kept, room) in steps {
        // A room of fewer lines than councils ends with "… and N more".
        let room = if room < shown { room.max(2) } else { room };
        lines = assemble(fit_published(one_row, kept), councils(room), blanks);
        if rows(&lines) <= tallest {
            break;
        }
    }
    let widest = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
    scrolled_frame(
        area,
        buf,
        "National context",
        lines,
        (widest + 3, view.scroll),
        theme,
    );
}

/// A popup like [`frame`] that, when its lines do not fit above the footer, shows
/// them from line `scroll` (stopping at the last) and says which lines it shows.
pub fn scrolled_frame(
    area: Rect,
    buf: &mut Buffer,
    title: &str,
    lines: Vec<Line<'_>>,
    (width, scroll): (u16, usize),
    theme: Theme,
) {
    let inner = usize::from(width.min(area.width).saturating_sub(2)).max(1);
    let rows: usize = lines.iter().map(|l| l.width().max(1).div_ceil(inner)).sum();
    if rows + 2 <= usize::from(area.height) {
        return frame(area, buf, title, lines, width, theme);
    }
    // Above the footer, which says how to scroll and close.
    let above = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let rect = centred(above, width, above.height);
    let shown = usize::from(rect.height.saturating_sub(2)).max(1);
    let scroll = scroll.min(rows.saturating_sub(shown));
    let last = (scroll + shown).min(rows);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .title_bottom(
            Line::from(format!(" lines {}-{last} of {rows} ", scroll + 1)).right_aligned(),
        )
        .border_style(theme.border(true));
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
        .block(block)
        .render(rect, buf);
}

/// `text` as lines of at most `width` cells, broken at spaces, the lines after the
/// first indented under it: so the popup knows its height before drawing.
fn wrapped(text: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    wrap(text.trim_start(), width.saturating_sub(3).max(1))
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let indent = if i == 0 { " " } else { "   " };
            Line::styled(format!("{indent}{line}"), style)
        })
        .collect()
}

/// The marker of the `k`th of the shown councils (`c`): `●` for the selected one,
/// else its pin's marker and colour, as the chart's legend shows them.
fn marker(app: &App, k: usize, c: usize, theme: Theme) -> (&'static str, Style) {
    theme
        .council_mark(&app.list.pins, k, c)
        .unwrap_or(("●", theme.title()))
}

/// An ordinal scheme's levels, best first: each with its bar, count and share (the
/// shares add to 100.0), and the shown councils' markers beside the level each
/// holds. The bars take what the words leave of `inner`, down to nothing.
fn level_lines(app: &App, report: &Report, inner: usize, theme: Theme) -> Vec<Line<'static>> {
    let dataset = &app.dataset;
    let dist = &report.distribution;
    let levels = &report.levels;
    let mut marks: Vec<Vec<Span>> = vec![Vec::new(); levels.len()];
    for (k, &c) in app.list.shown().iter().enumerate() {
        let council = &dataset.councils[c];
        if let Reading::Holds(s) = Timeline::standing(dataset, council, dist.scheme, dist.date)
            && let Grade::Level(rank) = s.grade
        {
            let (mark, style) = marker(app, k, c, theme);
            marks[usize::from(rank)].push(Span::styled(format!(" {mark}"), style));
        }
    }
    let most = dist.counts.iter().copied().max().unwrap_or(0).max(1);
    let label_width = levels.iter().map(|l| l.width()).max().unwrap_or(0).min(32);
    let marks_width = marks
        .iter()
        .map(|m| m.iter().map(Span::width).sum::<usize>())
        .max()
        .unwrap_or(0);
    // " label " + bar + " count share%" + markers: the bar gives way first, then the
    // markers (the lines below name every council), then the level's name.
    let numbers = 13;
    let words = 2 + label_width + 1 + numbers;
    let keep_marks = words + 4 + marks_width <= inner;
    let spare = inner.saturating_sub(words + if keep_marks { marks_width } else { 0 } + 1);
    let bar_width = spare.min(24);
    let label_width = label_width.min(inner.saturating_sub(1 + 1 + numbers + 1 + bar_width).max(4));
    let mut lines = Vec::new();
    for (rank, count, share) in report.level_shares() {
        let bar = "█".repeat((count as usize * bar_width).div_ceil(most as usize));
        let mut spans = vec![
            Span::raw(format!(
                " {} ",
                pad(&fit(&levels[rank], label_width), label_width)
            )),
            Span::styled(pad(&bar, bar_width), theme.level(rank, levels.len())),
            Span::raw(format!(" {count:>5} {share:>5.1}%")),
        ];
        if keep_marks {
            spans.append(&mut marks[rank]);
        }
        lines.push(Line::from(spans));
    }
    lines
}

/// Each shown council's place among the councils rated, as `list --at` gives it
/// ("joint 1st-33rd of 153, top 22%"), or why it has none; at most `room` lines, the
/// last saying how many more there are. A line too long loses its end: the level's
/// name, which its marker at the bars also gives.
fn place_lines(
    app: &App,
    report: &Report,
    room: usize,
    inner: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    let dataset = &app.dataset;
    let dist = &report.distribution;
    // The name gives way to the rank, which the popup is for.
    let name_room = |name_width: usize| name_width.min(inner.saturating_sub(4 + 24));
    shown_lines(app, room, inner, name_room, "  ", theme, |council| {
        let reading = Timeline::standing(dataset, council, dist.scheme, dist.date);
        match reading {
            Reading::Holds(s) if report.has_shares() => match s.grade {
                Grade::Level(rank) => {
                    let place = dist.place(usize::from(rank));
                    let text = format!(
                        "{}, {} · {}",
                        place.rank(),
                        place.percentile_label(),
                        dataset.scheme(dist.scheme).describe(s.grade)
                    );
                    (text, Style::default())
                }
                _ => (reading.describe(dataset, council, dist.scheme), theme.dim()),
            },
            _ => (reading.describe(dataset, council, dist.scheme), theme.dim()),
        }
    })
}

/// The shown councils, each on a line: its marker as the chart marks it, its name in
/// `name_room(widest name)` columns, `gap`, and what `says` of it, cut to fit `inner`;
/// at most `room` lines, the last saying how many more there are.
fn shown_lines(
    app: &App,
    room: usize,
    inner: usize,
    name_room: impl Fn(usize) -> usize,
    gap: &'static str,
    theme: Theme,
    says: impl Fn(&crate::data::Council) -> (String, Style),
) -> Vec<Line<'static>> {
    let dataset = &app.dataset;
    let shown = app.list.shown();
    let listed = if shown.len() > room {
        room.saturating_sub(1)
    } else {
        shown.len()
    };
    let name_width = shown
        .iter()
        .map(|&c| visible(&dataset.councils[c].name).width())
        .max()
        .unwrap_or(0)
        .min(28);
    let name_room = name_room(name_width);
    let mut lines: Vec<Line> = shown
        .iter()
        .enumerate()
        .take(listed)
        .map(|(k, &c)| {
            let council = &dataset.councils[c];
            let (mark, style) = marker(app, k, c, theme);
            let (text, text_style) = says(council);
            Line::from(vec![
                Span::styled(format!(" {mark} "), style),
                Span::raw(pad(&fit(&council.name, name_room), name_room)),
                Span::raw(gap),
                Span::styled(
                    fit(
                        &text,
                        inner.saturating_sub(name_room + 4 + gap.len()).max(8),
                    ),
                    text_style,
                ),
            ])
        })
        .collect();
    if listed < shown.len() {
        lines.push(Line::styled(
            format!(
                " … and {} more (the chart's legend names them)",
                shown.len() - listed
            ),
            theme.dim(),
        ));
    }
    lines
}

/// A numeric scheme's values in force at `date`, as `trajex context` gives them: the
/// lowest, the median and the highest, and which way is better.
fn spread_lines(app: &App, scheme: SchemeIx, date: Date, theme: Theme) -> Vec<Line<'static>> {
    let def = app.dataset.scheme(scheme);
    let Some(spread) = Spread::at(&app.dataset, scheme, date) else {
        return vec![Line::styled(
            " No measurement in force: a figure is not carried past a council's last measurement.",
            theme.dim(),
        )];
    };
    let mut lines: Vec<Line> = [
        ("min", spread.min),
        ("median", spread.median),
        ("max", spread.max),
    ]
    .into_iter()
    .map(|(name, value)| {
        Line::from(vec![
            Span::styled(format!(" {name:<7}"), theme.dim()),
            Span::raw(visible(&def.describe(Grade::Value(value))).into_owned()),
        ])
    })
    .collect();
    if let Scale::Numeric { better, .. } = &def.scale {
        let way = match better {
            Better::Lower => "Lower",
            Better::Higher => "Higher",
        };
        lines.push(Line::styled(format!(" {way} is better."), theme.dim()));
    }
    lines
}

/// Each shown council's value at `date`, or why it has none, marked as the chart
/// marks it; at most `room` lines, the last saying how many more there are.
fn reading_lines(
    app: &App,
    scheme: SchemeIx,
    date: Date,
    room: usize,
    area: Rect,
    theme: Theme,
) -> Vec<Line<'static>> {
    let dataset = &app.dataset;
    let inner = usize::from(area.width.saturating_sub(4));
    shown_lines(
        app,
        room,
        inner,
        |widest| widest,
        " ",
        theme,
        |council| {
            // Standing, as the tally counts: a council the scheme never measured is
            // unknown, not "not yet rated".
            let reading = Timeline::standing(dataset, council, scheme, date);
            let style = match reading {
                Reading::Holds(_) => Style::default(),
                _ => theme.dim(),
            };
            (reading.describe(dataset, council, scheme), style)
        },
    )
}

/// National context region by region: each region's councils at each level, the share
/// at the top two levels, and how many councils each count knows.
pub fn regions(app: &App, view: &ContextView, area: Rect, buf: &mut Buffer, theme: Theme) {
    let (scheme, date) = (view.scheme, view.date);
    let def = app.dataset.scheme(scheme);
    let levels = def.levels();
    let mut lines = vec![
        Line::styled(
            dated_title(
                def,
                &format!("at {date}, by region"),
                inner_width(area, area.width),
            ),
            theme.title(),
        ),
        Line::raw(""),
    ];
    // Partial nationally is partial in every region: said as the nation-wide view says it.
    if let Some(caveat) = view.report.caveat() {
        lines.push(Line::styled(
            format!(" {caveat}, nationally or in any region:"),
            theme.title(),
        ));
    }
    let name_width = view
        .regions
        .iter()
        .flatten()
        .map(|r| r.region.as_deref().unwrap_or("no region").width())
        .max()
        .unwrap_or(9)
        .clamp(9, 26);
    let mut head = format!(" {}", pad("region", name_width));
    for level in levels.iter().rev() {
        head.push_str(&format!(" {:>5}", fit(&initial(level), 5)));
    }
    // The two best levels' share, named as `trajex context --by region` names it.
    let top_two = top_two_label(levels).unwrap_or_else(|| "rated".to_owned());
    let top_width = top_two.width().clamp(7, 16);
    head.push_str(&format!(
        " {}  known",
        pad_left(&fit(&top_two, top_width), top_width)
    ));
    lines.push(Line::styled(head, theme.dim()));
    for region in view.regions.iter().flatten() {
        let d = &region.distribution;
        let mut row = format!(
            " {}",
            pad(region.region.as_deref().unwrap_or("no region"), name_width)
        );
        for count in d.counts.iter().rev() {
            row.push_str(&format!(" {count:>5}"));
        }
        let rated: u32 = d.counts.iter().sum();
        let share = format!("{:.1}%", d.top_two_share());
        row.push_str(&format!(
            " {}  {rated} of {}",
            pad_left(&share, top_width),
            d.existing
        ));
        lines.push(Line::raw(row));
    }
    lines.push(Line::raw(""));
    let key = |intent| app.keymap.first(Scope::Context, intent);
    lines.push(Line::styled(
        format!(
            " {} nation-wide · {} {} the date before and after a change",
            key(Intent::ByRegion),
            key(Intent::Earlier),
            key(Intent::Later)
        ),
        theme.dim(),
    ));
    let widest = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
    scrolled_frame(
        area,
        buf,
        "National context by region",
        lines,
        (widest + 3, view.scroll),
        theme,
    );
}

/// `text` right-aligned in `width` terminal cells.
fn pad_left(text: &str, width: usize) -> String {
    format!("{}{text}", " ".repeat(width.saturating_sub(text.width())))
}

/// A level's name as a column head: its first word, as the list's glyphs read it.
fn initial(level: &str) -> String {
    level.split_whitespace().next().unwrap_or(level).to_owned()
}
