//! The compare popup (`c`) and the date field (`@`), drawn from `&App`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::theme::Theme;
use crate::app::App;
use crate::app::compare::{COLUMN_WIDTH, CompareView, NAME_WIDTH, ROW_LINES, box_size, fits};
use crate::app::goto::GoTo;
use crate::app::keymap::{Intent, Scope};
use crate::data::Reading;
use crate::data::model::Grade;
use crate::text::{fit, pad, visible};

/// The compare table: a council per row (its name, then in each scheme column its
/// level, since when, and rank band), best first in the main scheme; the columns and
/// rows that do not fit are scrolled to, and the bottom line says which are shown.
pub fn draw(app: &App, view: &CompareView, area: Rect, buf: &mut Buffer, theme: Theme) {
    let dataset = &app.dataset;
    let table = &view.table;
    let (width, height) = box_size(area.width, area.height, table.schemes.len());
    let (columns, rows) = fits(width, height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y,
        width,
        height,
    };
    let inner = usize::from(width.saturating_sub(2));
    let cell = COLUMN_WIDTH - 2;
    let shown_schemes: Vec<_> = table
        .schemes
        .iter()
        .enumerate()
        .skip(view.column)
        .take(columns)
        .collect();
    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::styled(
        fit(
            &format!(
                " At {}: each scheme's level, since when, rank band",
                table.date
            ),
            inner,
        ),
        theme.title(),
    ));
    let more_left = view.column > 0;
    let more_right = view.column + columns < table.schemes.len();
    lines.push(Line::styled(
        fit(
            &format!(
                " schemes {}-{} of {}{}{}",
                view.column + 1,
                view.column + shown_schemes.len(),
                table.schemes.len(),
                if more_left { "  ← more" } else { "" },
                if more_right { "  more →" } else { "" },
            ),
            inner,
        ),
        theme.dim(),
    ));
    let mut ids = vec![Span::styled(
        format!(" {}", pad("council", NAME_WIDTH)),
        theme.dim(),
    )];
    let mut names = vec![Span::raw(format!(" {}", " ".repeat(NAME_WIDTH)))];
    for &(_, &scheme) in &shown_schemes {
        let def = dataset.scheme(scheme);
        ids.push(Span::styled(
            format!("  {}", pad(&fit(&visible(&def.id), cell), cell)),
            theme.title(),
        ));
        names.push(Span::styled(
            format!("  {}", pad(&fit(&visible(&def.name), cell), cell)),
            theme.dim(),
        ));
    }
    lines.push(Line::from(ids));
    lines.push(Line::from(names));
    for row in table.rows.iter().skip(view.row).take(rows) {
        let council = &dataset.councils[row.council];
        let mark = theme
            .council_mark(&app.list.pins, pin_order(app, row.council), row.council)
            .unwrap_or(("●", theme.title()));
        let mut texts: Vec<Vec<Span>> = vec![
            vec![
                Span::styled(format!(" {} ", mark.0), mark.1),
                Span::raw(pad(
                    &fit(&visible(&council.name), NAME_WIDTH - 2),
                    NAME_WIDTH - 2,
                )),
            ],
            vec![Span::raw(format!(" {}", " ".repeat(NAME_WIDTH)))],
            vec![Span::raw(format!(" {}", " ".repeat(NAME_WIDTH)))],
            vec![Span::raw(format!(" {}", " ".repeat(NAME_WIDTH)))],
        ];
        for &(column, &scheme) in &shown_schemes {
            let standing = row.cells[column];
            let def = dataset.scheme(scheme);
            // A rating in force: its level, since when, rank and percentile; else why
            // there is none, wrapped over the cell's lines.
            let cells: Vec<(String, Style)> = match standing.reading {
                Reading::Holds(s) => {
                    let style = match s.grade {
                        Grade::Level(rank) => theme.level(usize::from(rank), def.levels().len()),
                        _ => Style::default(),
                    };
                    let (rank, percentile) = standing
                        .place
                        .map(|p| (p.rank(), p.percentile_label()))
                        .unwrap_or_default();
                    vec![
                        (def.describe(s.grade), style),
                        (format!("since {}", s.since), theme.dim()),
                        (rank, Style::default()),
                        (percentile, Style::default()),
                    ]
                }
                reading => {
                    let why = visible(&reading.describe(dataset, council, scheme)).into_owned();
                    let mut lines: Vec<(String, Style)> = crate::text::wrap(&why, cell)
                        .into_iter()
                        .map(|l| (l, theme.dim()))
                        .collect();
                    lines.resize(ROW_LINES, (String::new(), theme.dim()));
                    lines
                }
            };
            for (line, (text, style)) in texts.iter_mut().zip(cells) {
                line.push(Span::raw("  "));
                line.push(Span::styled(pad(&fit(&visible(&text), cell), cell), style));
            }
        }
        lines.extend(texts.into_iter().map(Line::from));
    }
    let last = (view.row + rows).min(table.rows.len());
    let keys = |intent| app.keymap.first(Scope::Compare, intent);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(" Compare ")
        .border_style(theme.border(true));
    if table.rows.len() > rows {
        block = block.title_bottom(
            Line::from(format!(
                " councils {}-{last} of {} ",
                view.row + 1,
                table.rows.len()
            ))
            .right_aligned(),
        );
    }
    if more_left || more_right {
        block = block.title_bottom(Line::from(format!(
            " {} {} schemes ",
            keys(Intent::ColumnLeft),
            keys(Intent::ColumnRight)
        )));
    }
    // The box shrinks to what it holds when the table is short.
    let used = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = Rect {
        height: rect.height.min(used),
        ..rect
    };
    Clear.render(rect, buf);
    Paragraph::new(lines).block(block).render(rect, buf);
}

/// A council's place among the councils the chart shows, for its marker.
fn pin_order(app: &App, council: usize) -> usize {
    app.list
        .shown()
        .iter()
        .position(|&c| c == council)
        .unwrap_or(0)
}

/// The date field: a line to type a year, a month or a day into, over the popup it was
/// opened from.
pub fn go_to(go: &GoTo, area: Rect, buf: &mut Buffer, theme: Theme) {
    let width = 44.min(area.width);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + area.height.saturating_sub(5) / 2,
        width,
        height: 4.min(area.height),
    };
    let inner = usize::from(width.saturating_sub(2));
    let field = super::field::spans(&go.field, inner.saturating_sub(7), true, Style::default());
    let lines = vec![
        Line::from(
            [Span::styled(" date  ", theme.dim())]
                .into_iter()
                .chain(field)
                .collect::<Vec<_>>(),
        ),
        Line::styled(
            fit(
                &match go.now {
                    Some(now) => format!(" a year, month or day; now {now}"),
                    None => " a year, month or day: 2024-03-31".to_owned(),
                },
                inner,
            ),
            theme.dim(),
        ),
    ];
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Go to a date ")
                .border_style(theme.border(true)),
        )
        .render(rect, buf);
}
