//! The loading screen: while a large dataset loads on another thread, a progress bar
//! with the stage and the bytes done, and how to quit.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::theme::Theme;
use crate::data::progress::Stage;
use crate::text::{fit, visible};

/// What the loading screen shows: the dataset's name and how far its load has got.
pub struct Loading<'a> {
    pub name: &'a str,
    /// How to quit, from the loading screen's key table: "q or Ctrl-C quits".
    pub quit: &'a str,
    pub stage: Stage,
    pub done: u64,
    pub total: u64,
    pub theme: Theme,
}

/// Of the whole load, the share before a stage starts and the share the stage takes.
fn span(stage: Stage) -> (f64, f64) {
    match stage {
        Stage::Reading => (0.0, 0.05),
        Stage::Parsing => (0.05, 0.75),
        Stage::Validating => (0.80, 0.12),
        Stage::Cache => (0.0, 0.92),
        Stage::Indexing => (0.92, 0.08),
    }
}

impl Loading<'_> {
    /// The share of the load done, 0 to 1.
    pub fn fraction(&self) -> f64 {
        let (start, width) = span(self.stage);
        let within = if self.total == 0 {
            0.0
        } else {
            (self.done as f64 / self.total as f64).clamp(0.0, 1.0)
        };
        start + width * within
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

impl Widget for Loading<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let width = area.width.min(72);
        let height = area.height.min(7);
        if width < 12 || height < 3 {
            buf.set_string(
                area.x,
                area.y,
                fit(&format!("Loading… {}", self.quit), usize::from(area.width)),
                self.theme.key(),
            );
            return;
        }
        let rect = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + (area.height - height) / 2,
            width,
            height,
        };
        Clear.render(rect, buf);
        let inner_width = usize::from(width.saturating_sub(4));
        let fraction = self.fraction();
        let filled = ((inner_width as f64) * fraction).round() as usize;
        let bar = format!(
            "{}{}",
            "█".repeat(filled.min(inner_width)),
            "░".repeat(inner_width.saturating_sub(filled))
        );
        let mut status = format!("{} {:>3.0}%", self.stage.label(), fraction * 100.0);
        if self.total > 0 && matches!(self.stage, Stage::Reading | Stage::Parsing | Stage::Cache) {
            status.push_str(&format!(
                "  {} of {}",
                megabytes(self.done.min(self.total)),
                megabytes(self.total)
            ));
        }
        let lines = vec![
            Line::raw(format!(" {}", fit(&status, inner_width))),
            Line::styled(format!(" {bar}"), self.theme.key()),
            Line::raw(""),
            Line::styled(
                format!(" {}", fit(self.quit, inner_width)),
                self.theme.dim(),
            ),
        ];
        let title = format!(" Loading {} ", visible(self.name));
        Paragraph::new(lines)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(fit(&title, usize::from(width.saturating_sub(2))))
                    .border_style(self.theme.border(true)),
            )
            .render(
                Rect {
                    x: rect.x,
                    y: rect.y,
                    width: rect.width,
                    height: rect.height,
                },
                buf,
            );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(stage: Stage, done: u64, total: u64) -> String {
        let mut buf = Buffer::empty(Rect::new(0, 0, 80, 12));
        Loading {
            name: "big.ron",
            quit: "q or Ctrl-C quits",
            stage,
            done,
            total,
            theme: Theme::MONO,
        }
        .render(buf.area, &mut buf);
        super::super::buffer_text(&buf)
    }

    #[test]
    fn the_bar_fills_as_parsing_goes_and_says_how_to_quit() {
        let early = screen(Stage::Parsing, 12_000_000, 100_000_000);
        assert!(early.contains("Loading big.ron"), "{early}");
        assert!(
            early.contains("parsing  14%  12.0 MB of 100.0 MB"),
            "{early}"
        );
        assert!(early.contains("q or Ctrl-C quits"), "{early}");
        let late = screen(Stage::Indexing, 0, 0);
        assert!(late.contains("indexing  92%"), "{late}");
        let bars = |s: &str| s.matches('█').count();
        assert!(bars(&late) > bars(&early));
    }
}
