//! Colours and marks. With `NO_COLOR` the mono theme sets no colour at all, and every
//! distinction (selection, focus, level) is carried by symbols and modifiers.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// No colour at all: every distinction by symbols and modifiers.
    pub mono: bool,
    /// Colours chosen to read on a light background.
    pub light: bool,
}

impl Theme {
    pub const DARK: Theme = Theme {
        mono: false,
        light: false,
    };
    pub const LIGHT: Theme = Theme {
        mono: false,
        light: true,
    };
    pub const MONO: Theme = Theme {
        mono: true,
        light: false,
    };

    /// The config's theme, made mono when `NO_COLOR` is set to anything non-empty
    /// (no-color.org).
    pub fn new(configured: crate::config::Theme) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        match configured {
            _ if no_color => Self::MONO,
            crate::config::Theme::Mono => Self::MONO,
            crate::config::Theme::Light => Self::LIGHT,
            crate::config::Theme::Dark => Self::DARK,
        }
    }

    /// The colour of level `rank` of `levels`, worst red to best cyan.
    pub fn level(self, rank: usize, levels: usize) -> Style {
        if self.mono {
            return Style::default();
        }
        const DARK: [Color; 5] = [
            Color::Red,
            Color::LightRed,
            Color::Yellow,
            Color::Green,
            Color::Cyan,
        ];
        // Bright yellow and cyan wash out on white: deeper colours for a light screen.
        const LIGHT: [Color; 5] = [
            Color::Red,
            Color::Magenta,
            Color::Rgb(160, 110, 0),
            Color::Green,
            Color::Blue,
        ];
        let ramp = if self.light { LIGHT } else { DARK };
        let at = if levels <= 1 {
            ramp.len() - 1
        } else {
            (rank * (ramp.len() - 1) + (levels - 1) / 2) / (levels - 1)
        };
        Style::default().fg(ramp[at.min(ramp.len() - 1)])
    }

    /// The marker and colour of a shown council: its pin's when it is pinned and not
    /// the selected one (`k`, its place among the shown, is 0 for the selected one);
    /// `None` for the selected council, which keeps `●`. The list, the chart and the
    /// national context all mark councils through this.
    pub fn council_mark(
        self,
        pins: &[usize],
        k: usize,
        council: usize,
    ) -> Option<(&'static str, Style)> {
        let pin = pins.iter().position(|&p| p == council)?;
        (k > 0).then(|| self.pin(pin))
    }

    /// The marker and colour of the `k`th pinned council on the chart (0 is the first
    /// pin; the selected council keeps `●` and the level colours). Shapes and colours
    /// cycle at different lengths, so neighbouring pins differ in both.
    pub fn pin(self, k: usize) -> (&'static str, Style) {
        // Nine shapes, then letters: 35 markers that differ without colour, for NO_COLOR.
        const MARKS: [&str; 35] = [
            "◆", "▲", "■", "★", "▼", "◇", "△", "□", "☆", "a", "b", "c", "d", "e", "f", "g", "h",
            "i", "j", "k", "m", "n", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "A",
            "B",
        ];
        const COLOURS: [Color; 7] = [
            Color::Magenta,
            Color::LightBlue,
            Color::LightYellow,
            Color::LightMagenta,
            Color::Blue,
            Color::LightGreen,
            Color::White,
        ];
        let style = if self.mono {
            Style::default()
        } else {
            Style::default().fg(COLOURS[k % COLOURS.len()])
        };
        (MARKS[k % MARKS.len()], style)
    }

    pub fn border(self, focused: bool) -> Style {
        match (self.mono, focused) {
            (true, true) => Style::default().add_modifier(Modifier::BOLD),
            (true, false) => Style::default(),
            (false, true) => Style::default().fg(Color::Cyan),
            (false, false) => Style::default().fg(Color::DarkGray),
        }
    }

    /// The selected row: reverse video in colour; in mono, bold and underlined (the
    /// `▶` mark beside it carries it too), since reverse alone can vanish there.
    pub fn selected(self, focused: bool) -> Style {
        match (self.mono, focused) {
            (true, _) => Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            (false, true) => Style::default()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            (false, false) if self.light => Style::default().bg(Color::Gray),
            (false, false) => Style::default().bg(Color::DarkGray),
        }
    }

    pub fn dim(self) -> Style {
        if self.mono {
            Style::default()
        } else {
            Style::default().fg(Color::DarkGray)
        }
    }

    pub fn title(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn key(self) -> Style {
        if self.mono {
            Style::default().add_modifier(Modifier::BOLD)
        } else {
            Style::default().fg(if self.light {
                Color::Blue
            } else {
                Color::Yellow
            })
        }
    }

    pub fn up(self) -> Style {
        if self.mono {
            Style::default()
        } else {
            Style::default().fg(Color::Green)
        }
    }

    pub fn down(self) -> Style {
        if self.mono {
            Style::default()
        } else {
            Style::default().fg(Color::Red)
        }
    }
}
