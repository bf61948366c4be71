//! How actions change the explorer's state. Nothing here touches the terminal or a
//! file: I/O goes back to the runner as an [`Effect`].

use std::path::PathBuf;

use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Position, Rect};

use super::keymap::{self, Command};
use super::keys::Key;
use super::{Action, App, Effect, ExportDialog, ExportOutcome, Mode, Pane};
use crate::export::Format;
use crate::ui::layout::Layout;

/// How far the axis may zoom in: each step halves the span shown.
const MAX_ZOOM: u8 = 6;

impl App {
    /// Applies one action; returns the I/O it asks for.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Resize(w, h) => {
                self.size = (w, h);
                Vec::new()
            }
            Action::Exported(outcome) => {
                self.exported(outcome);
                Vec::new()
            }
            Action::Key(event) => self.key(Key::from_event(event)),
            Action::Click(x, y) => {
                self.click(x, y);
                Vec::new()
            }
            Action::Scroll(x, y, delta) => {
                if self.mode == Mode::Normal
                    && let Some(pane) = self.pane_at(x, y)
                {
                    self.focus = pane;
                    self.step(isize::from(delta) * 3);
                }
                Vec::new()
            }
        }
    }

    fn layout(&self) -> Layout {
        Layout::new(Rect::new(0, 0, self.size.0, self.size.1), self)
    }

    fn key(&mut self, key: Key) -> Vec<Effect> {
        if key
            == (Key {
                code: KeyCode::Char('c'),
                ctrl: true,
            })
        {
            return vec![Effect::Quit];
        }
        match self.mode.clone() {
            Mode::Filter => self.filter_key(key),
            Mode::Export(dialog) => return self.export_key(dialog, key),
            Mode::Details(index) => {
                let command = self.keymap.command(key);
                match command {
                    Some(Command::Quit) if key.code != KeyCode::Esc => return vec![Effect::Quit],
                    Some(Command::CopyLink) => return self.copy_link(index),
                    _ => self.mode = Mode::Normal,
                }
            }
            Mode::Help | Mode::Context { .. } | Mode::Council => {
                let command = self.keymap.command(key);
                if matches!(command, Some(Command::Quit)) && key.code != KeyCode::Esc {
                    return vec![Effect::Quit];
                }
                self.mode = Mode::Normal;
            }
            Mode::Normal => {
                if key.code == KeyCode::Esc {
                    self.status = None;
                    self.cursor = None;
                    if !self.query.is_empty() {
                        self.query.clear();
                        self.refresh_list();
                    }
                    return Vec::new();
                }
                if let Some(command) = self.keymap.command(key) {
                    return self.command(command);
                }
            }
        }
        Vec::new()
    }

    fn command(&mut self, command: Command) -> Vec<Effect> {
        let page = usize::from(self.page_height()).max(1);
        self.status = None;
        match command {
            Command::Quit => return vec![Effect::Quit],
            Command::Up => self.step(-1),
            Command::Down => self.step(1),
            Command::PageUp => self.step(-(page as isize)),
            Command::PageDown => self.step(page as isize),
            Command::Top => self.step(isize::MIN),
            Command::Bottom => self.step(isize::MAX),
            Command::NextPane => self.cycle_focus(1),
            Command::PrevPane => self.cycle_focus(-1),
            Command::Filter => {
                self.focus = Pane::List;
                self.mode = Mode::Filter;
                self.query.clear();
                self.refresh_list();
            }
            Command::Open => self.open(),
            Command::Help => self.mode = Mode::Help,
            Command::Export => self.open_export(),
            Command::Pin => self.toggle_pin(),
            Command::Neighbours => self.pin_neighbours(),
            Command::ClearPins => {
                self.status = Some(format!("Unpinned {} council(s).", self.pins.len()));
                self.pins.clear();
                self.keep_strip_in_range();
            }
            Command::Earlier => self.move_cursor(-1),
            Command::Later => self.move_cursor(1),
            Command::ZoomIn => self.zoom = (self.zoom + 1).min(MAX_ZOOM),
            Command::ZoomOut => self.zoom = self.zoom.saturating_sub(1),
            Command::ZoomReset => self.zoom = 0,
            Command::Sort => {
                self.sort = self.sort.next();
                self.refresh_list();
                self.status = Some(format!("Councils sorted {}.", self.sort.label()));
            }
            Command::Region => self.next_region(),
            Command::Context => self.open_context(),
            Command::CopyLink => {
                if self.focus == Pane::Events {
                    return self.copy_link(self.event);
                }
                self.status =
                    Some("Select an event (Tab to the events pane) to copy its link.".to_owned());
            }
        }
        Vec::new()
    }

    /// Rows a page move covers in the focused pane.
    fn page_height(&self) -> u16 {
        let layout = self.layout();
        let pane = match self.focus {
            Pane::List => layout.list,
            Pane::Chart => layout.chart,
            Pane::Events => layout.events,
        };
        pane.map_or(1, |r| r.height.saturating_sub(3))
    }

    fn step(&mut self, delta: isize) {
        let moved = |current: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            (current as isize)
                .saturating_add(delta)
                .clamp(0, len as isize - 1) as usize
        };
        match self.focus {
            Pane::List => {
                let at = moved(self.list_position().unwrap_or(0), self.visible.len());
                self.select(self.visible.get(at).copied());
            }
            Pane::Chart => self.strip = moved(self.strip, self.strips().len()),
            Pane::Events => self.event = moved(self.event, self.event_count()),
        }
    }

    fn event_count(&self) -> usize {
        self.selected
            .map_or(0, |i| self.dataset.councils[i].ratings.len())
    }

    /// The panes the current layout shows, in `Tab` order.
    fn panes(&self) -> Vec<Pane> {
        let layout = self.layout();
        [
            (Pane::List, layout.list),
            (Pane::Chart, layout.chart),
            (Pane::Events, layout.events),
        ]
        .into_iter()
        .filter(|(_, area)| area.is_some())
        .map(|(p, _)| p)
        .collect()
    }

    fn cycle_focus(&mut self, delta: isize) {
        const ORDER: [Pane; 3] = [Pane::List, Pane::Chart, Pane::Events];
        // On a narrow screen one pane shows at a time: Tab moves through all three.
        let shown = self.panes();
        let order: Vec<Pane> = if shown.len() <= 1 {
            ORDER.to_vec()
        } else {
            shown
        };
        let at = order.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        self.focus = order[(at + delta).rem_euclid(order.len() as isize) as usize];
    }

    fn open(&mut self) {
        match self.focus {
            Pane::List => {
                if self.selected.is_some() {
                    self.mode = Mode::Council;
                }
            }
            Pane::Chart => {
                let strips = self.strips();
                if let Some(strip) = strips.get(self.strip).filter(|s| s.children > 0)
                    && !self.unfolded.remove(&strip.scheme)
                {
                    self.unfolded.insert(strip.scheme);
                }
            }
            Pane::Events => {
                if self.event < self.event_count() {
                    self.mode = Mode::Details(self.event);
                }
            }
        }
    }

    fn filter_key(&mut self, key: Key) {
        match key.code {
            KeyCode::Enter => self.mode = Mode::Normal,
            KeyCode::Esc => {
                self.mode = Mode::Normal;
                self.query.clear();
                self.refresh_list();
            }
            KeyCode::Backspace => {
                self.query.pop();
                self.refresh_list();
            }
            KeyCode::Up => self.step(-1),
            KeyCode::Down => self.step(1),
            _ => {
                if let Some(c) = keymap::typed_char(key) {
                    self.query.push(c);
                    self.refresh_list();
                }
            }
        }
    }

    fn toggle_pin(&mut self) {
        let Some(council) = self.selected else { return };
        let name = &self.dataset.councils[council].name;
        if let Some(at) = self.pins.iter().position(|&p| p == council) {
            self.pins.remove(at);
            self.status = Some(format!("Unpinned {name}."));
            self.keep_strip_in_range();
        } else {
            self.pins.push(council);
            self.status = Some(format!("Pinned {name}: it stays on the chart as you move."));
        }
    }

    /// Unpinning can take strips off the chart: the selected one stays among those left.
    fn keep_strip_in_range(&mut self) {
        self.strip = self.strip.min(self.strips().len().saturating_sub(1));
    }

    fn pin_neighbours(&mut self) {
        let Some(council) = self.selected else { return };
        let neighbours: Vec<usize> = self.dataset.councils[council]
            .neighbours
            .iter()
            .filter_map(|id| self.dataset.council_by_id(id))
            .collect();
        let name = self.dataset.councils[council].name.clone();
        if neighbours.is_empty() {
            self.status = Some(format!(
                "{name} has no statistical neighbours in this dataset."
            ));
            return;
        }
        let added = neighbours.iter().filter(|n| !self.pins.contains(n)).count();
        for n in neighbours {
            if !self.pins.contains(&n) {
                self.pins.push(n);
            }
        }
        self.status = Some(format!(
            "Pinned {added} statistical neighbour(s) of {name}."
        ));
    }

    /// Moves the time cursor to the previous or next date any shown council was rated.
    fn move_cursor(&mut self, direction: i8) {
        let mut dates: Vec<_> = self
            .shown()
            .iter()
            .flat_map(|&c| self.dataset.councils[c].ratings.iter().map(|r| r.date))
            .collect();
        dates.sort();
        dates.dedup();
        let Some(&last) = dates.last() else { return };
        self.cursor = match (self.cursor, direction < 0) {
            (None, true) => Some(last),
            (None, false) => None,
            (Some(at), true) => dates.iter().rev().find(|d| **d < at).copied().or(Some(at)),
            (Some(at), false) => dates.iter().find(|d| **d > at).copied(),
        };
    }

    fn next_region(&mut self) {
        let regions = self.regions();
        let next = match &self.region {
            None => regions.first().map(|r| r.to_string()),
            Some(current) => {
                let at = regions.iter().position(|r| r == current);
                at.and_then(|i| regions.get(i + 1)).map(|r| r.to_string())
            }
        };
        self.status = Some(match &next {
            Some(r) => format!("Showing councils in {r}."),
            None => "Showing councils in every region.".to_owned(),
        });
        self.region = next;
        self.refresh_list();
    }

    fn open_context(&mut self) {
        let strips = self.strips();
        let Some(strip) = strips.get(self.strip.min(strips.len().saturating_sub(1))) else {
            self.status =
                Some("No scheme to put in context: select a council with ratings.".to_owned());
            return;
        };
        let (scheme, date) = (strip.scheme, self.cursor.unwrap_or(self.today));
        self.context = Some(crate::data::context::Distribution::at(
            &self.dataset,
            scheme,
            date,
        ));
        self.mode = Mode::Context { scheme, date };
    }

    fn copy_link(&mut self, index: usize) -> Vec<Effect> {
        let url = self
            .selected
            .and_then(|c| self.dataset.councils[c].ratings.get(index))
            .and_then(|r| r.source)
            .and_then(|s| self.dataset.source(s).url.clone());
        match url {
            Some(url) => {
                self.status = Some(format!("Copied {url}"));
                vec![Effect::Copy(url)]
            }
            None => {
                self.status = Some("This rating's source has no link to copy.".to_owned());
                Vec::new()
            }
        }
    }

    fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        let layout = self.layout();
        let at = Position { x, y };
        [
            (Pane::List, layout.list),
            (Pane::Chart, layout.chart),
            (Pane::Events, layout.events),
        ]
        .into_iter()
        .find(|(_, area)| area.is_some_and(|a| a.contains(at)))
        .map(|(p, _)| p)
    }

    fn click(&mut self, x: u16, y: u16) {
        if self.mode != Mode::Normal {
            return;
        }
        let Some(pane) = self.pane_at(x, y) else {
            return;
        };
        self.focus = pane;
        let layout = self.layout();
        match pane {
            Pane::List => {
                if let Some(area) = layout.list
                    && let Some(row) = crate::ui::list::council_at(self, area, y)
                {
                    self.select(Some(row));
                }
            }
            Pane::Events => {
                if let Some(area) = layout.events
                    && let Some(index) = crate::ui::events::event_at(self, area, y)
                {
                    self.event = index;
                }
            }
            Pane::Chart => {}
        }
    }

    fn open_export(&mut self) {
        let councils = self.shown();
        if councils.is_empty() {
            self.status = Some("No council selected: nothing to export.".to_owned());
            return;
        }
        let format = Format::Csv;
        let path = self.export_path(&councils, format);
        self.mode = Mode::Export(ExportDialog {
            councils,
            format,
            path,
            confirm_overwrite: false,
        });
    }

    fn export_path(&self, councils: &[usize], format: Format) -> String {
        let name = crate::export::default_file_name(&self.dataset, councils, format);
        self.export_dir.join(name).display().to_string()
    }

    fn export_key(&mut self, mut dialog: ExportDialog, key: Key) -> Vec<Effect> {
        if dialog.confirm_overwrite {
            dialog.confirm_overwrite = false;
            if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                self.mode = Mode::Normal;
                return vec![Effect::Export {
                    councils: dialog.councils,
                    format: dialog.format,
                    path: PathBuf::from(dialog.path),
                    overwrite: true,
                }];
            }
            self.mode = Mode::Export(dialog);
            return Vec::new();
        }
        match key.code {
            KeyCode::Esc => {
                self.mode = Mode::Normal;
                return Vec::new();
            }
            KeyCode::Enter => {
                if dialog.path.trim().is_empty() {
                    self.status = Some("Give a file name to export to.".to_owned());
                } else {
                    return vec![Effect::Export {
                        councils: dialog.councils,
                        format: dialog.format,
                        path: PathBuf::from(dialog.path),
                        overwrite: false,
                    }];
                }
            }
            KeyCode::Tab | KeyCode::BackTab => {
                let all = Format::ALL;
                let at = all.iter().position(|f| *f == dialog.format).unwrap_or(0) as isize;
                let step = if key.code == KeyCode::Tab { 1 } else { -1 };
                let next = all[(at + step).rem_euclid(all.len() as isize) as usize];
                dialog.path = swap_extension(&dialog.path, dialog.format, next);
                dialog.format = next;
            }
            KeyCode::Backspace => {
                dialog.path.pop();
            }
            _ => {
                if let Some(c) = keymap::typed_char(key) {
                    dialog.path.push(c);
                }
            }
        }
        self.mode = Mode::Export(dialog);
        Vec::new()
    }

    fn exported(&mut self, outcome: ExportOutcome) {
        match outcome {
            ExportOutcome::Written(path) => {
                self.mode = Mode::Normal;
                self.status = Some(format!("Exported to {}", path.display()));
            }
            ExportOutcome::Exists(_) => {
                if let Mode::Export(dialog) = &mut self.mode {
                    dialog.confirm_overwrite = true;
                }
            }
            ExportOutcome::Failed(message) => self.status = Some(message),
        }
    }
}

/// The path with its extension changed from `from`'s to `to`'s, when it had `from`'s.
fn swap_extension(path: &str, from: Format, to: Format) -> String {
    match path.strip_suffix(&format!(".{}", from.extension())) {
        Some(stem) => format!("{stem}.{}", to.extension()),
        None => path.to_owned(),
    }
}
