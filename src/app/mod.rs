//! The explorer's state and how actions change it: plain data, no terminal, no I/O.
//! I/O (writing an export, quitting) leaves `update` as an [`Effect`] for the runner,
//! whose result comes back as an [`Action`].

pub mod keymap;
pub mod keys;

use std::collections::BTreeSet;
use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

use crate::data::model::SchemeIx;
use crate::data::{Dataset, Date, Timeline, find};
use crate::export::Format;
use keymap::{Command, Keymap};
use keys::Key;

/// The panes focus moves between, in `Tab` order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    List,
    Chart,
    Events,
}

/// What the keyboard is talking to.
#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    Normal,
    /// Typing a filter query into the council list.
    Filter,
    Help,
    /// The full record of one rating of the selected council.
    Details(usize),
    Export(ExportDialog),
}

/// The export dialog: what will be written where, shown before it is.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportDialog {
    pub councils: Vec<usize>,
    pub format: Format,
    pub path: String,
    /// The file exists: the next `y` overwrites it, anything else goes back.
    pub confirm_overwrite: bool,
}

/// Work for the runner: the only way state asks for I/O.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Quit,
    Export { councils: Vec<usize>, format: Format, path: PathBuf, overwrite: bool },
}

/// How an export went, fed back to the app.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportOutcome {
    Written(PathBuf),
    Exists(PathBuf),
    Failed(String),
}

/// Everything that can change the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Key(KeyEvent),
    Resize(u16, u16),
    Exported(ExportOutcome),
}

/// One strip of the chart: a scheme the selected council has, and whether it is a
/// sub-judgement shown under its parent.
#[derive(Clone, Debug)]
pub struct Strip {
    pub timeline: Timeline,
    pub nested: bool,
    /// Sub-judgements folded under this strip (0 for a sub-judgement).
    pub children: usize,
    /// Its sub-judgements are shown below it.
    pub unfolded: bool,
}

/// Everything the explorer shows, as plain data.
pub struct App {
    pub dataset: Dataset,
    pub today: Date,
    pub keymap: Keymap,
    /// Where the export dialog proposes to write.
    pub export_dir: PathBuf,
    pub size: (u16, u16),
    pub focus: Pane,
    pub mode: Mode,
    pub query: String,
    /// Councils shown in the list, by dataset index, in list order.
    pub visible: Vec<usize>,
    /// The selected council, by dataset index.
    pub selected: Option<usize>,
    /// The selected chart strip, by position among the strips shown.
    pub strip: usize,
    /// Parent schemes whose sub-judgements are shown.
    pub unfolded: BTreeSet<SchemeIx>,
    /// The selected event, by index into the council's ratings.
    pub event: usize,
    /// A one-line message for the status bar (an export's result, an error).
    pub status: Option<String>,
}

impl App {
    pub fn new(dataset: Dataset, today: Date) -> Self {
        let mut visible: Vec<usize> = (0..dataset.councils.len()).collect();
        visible.sort_by(|&a, &b| dataset.councils[a].name.cmp(&dataset.councils[b].name));
        let selected = visible.first().copied();
        Self {
            dataset,
            today,
            keymap: Keymap::default(),
            export_dir: PathBuf::from("."),
            size: (120, 40),
            focus: Pane::List,
            mode: Mode::Normal,
            query: String::new(),
            visible,
            selected,
            strip: 0,
            unfolded: BTreeSet::new(),
            event: 0,
            status: None,
        }
    }

    /// The selected council's position in the list.
    pub fn list_position(&self) -> Option<usize> {
        let selected = self.selected?;
        self.visible.iter().position(|&i| i == selected)
    }

    /// The strips the chart shows for the selected council: top-level schemes in
    /// dataset order, each followed by its sub-judgements when unfolded.
    pub fn strips(&self) -> Vec<Strip> {
        let Some(council) = self.selected.map(|i| &self.dataset.councils[i]) else { return Vec::new() };
        let all = Timeline::all(&self.dataset, council);
        let parent_of = |t: &Timeline| self.dataset.scheme(t.scheme).parent;
        let mut strips = Vec::new();
        for top in all.iter().filter(|t| parent_of(t).is_none()) {
            let children: Vec<&Timeline> = all.iter().filter(|t| parent_of(t) == Some(top.scheme)).collect();
            let unfolded = self.unfolded.contains(&top.scheme);
            strips.push(Strip { timeline: top.clone(), nested: false, children: children.len(), unfolded });
            if unfolded {
                strips.extend(children.into_iter().map(|t| Strip { timeline: t.clone(), nested: true, children: 0, unfolded: false }));
            }
        }
        // Sub-judgements whose parent the council has no rating in stand on their own.
        for orphan in all.iter().filter(|t| parent_of(t).is_some_and(|p| all.iter().all(|o| o.scheme != p))) {
            strips.push(Strip { timeline: orphan.clone(), nested: false, children: 0, unfolded: false });
        }
        strips
    }

    fn event_count(&self) -> usize {
        self.selected.map_or(0, |i| self.dataset.councils[i].ratings.len())
    }

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
        }
    }

    fn key(&mut self, key: Key) -> Vec<Effect> {
        if key == (Key { code: KeyCode::Char('c'), ctrl: true }) {
            return vec![Effect::Quit];
        }
        match self.mode.clone() {
            Mode::Filter => self.filter_key(key),
            Mode::Export(dialog) => return self.export_key(dialog, key),
            Mode::Help | Mode::Details(_) => {
                let command = self.keymap.command(key);
                if matches!(command, Some(Command::Quit)) && key.code != KeyCode::Esc {
                    return vec![Effect::Quit];
                }
                self.mode = Mode::Normal;
            }
            Mode::Normal => {
                if key.code == KeyCode::Esc {
                    self.status = None;
                    if !self.query.is_empty() {
                        self.set_query(String::new());
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
                self.set_query(String::new());
            }
            Command::Open => self.open(),
            Command::Help => self.mode = Mode::Help,
            Command::Export => self.open_export(),
        }
        Vec::new()
    }

    /// Rows a page move covers in the focused pane.
    fn page_height(&self) -> u16 {
        let layout = crate::ui::layout::Layout::new(Rect::new(0, 0, self.size.0, self.size.1), self);
        let pane = match self.focus {
            Pane::List => layout.list,
            Pane::Chart => Some(layout.chart),
            Pane::Events => layout.events,
        };
        pane.map_or(1, |r| r.height.saturating_sub(3))
    }

    fn step(&mut self, delta: isize) {
        let moved = |current: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            (current as isize).saturating_add(delta).clamp(0, len as isize - 1) as usize
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

    fn select(&mut self, council: Option<usize>) {
        if council != self.selected {
            self.selected = council;
            self.strip = 0;
            self.event = 0;
        }
    }

    fn cycle_focus(&mut self, delta: isize) {
        const ORDER: [Pane; 3] = [Pane::List, Pane::Chart, Pane::Events];
        let layout = crate::ui::layout::Layout::new(Rect::new(0, 0, self.size.0, self.size.1), self);
        let shown: Vec<Pane> = ORDER
            .into_iter()
            .filter(|p| match p {
                Pane::List => layout.list.is_some(),
                Pane::Chart => true,
                Pane::Events => layout.events.is_some(),
            })
            .collect();
        let at = shown.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        self.focus = shown[(at + delta).rem_euclid(shown.len() as isize) as usize];
    }

    fn open(&mut self) {
        match self.focus {
            Pane::List => self.focus = Pane::Chart,
            Pane::Chart => {
                let strips = self.strips();
                if let Some(strip) = strips.get(self.strip).filter(|s| s.children > 0) {
                    let scheme = strip.timeline.scheme;
                    if !self.unfolded.remove(&scheme) {
                        self.unfolded.insert(scheme);
                    }
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
                self.set_query(String::new());
            }
            KeyCode::Backspace => {
                let mut query = self.query.clone();
                query.pop();
                self.set_query(query);
            }
            KeyCode::Up => self.step(-1),
            KeyCode::Down => self.step(1),
            _ => {
                if let Some(c) = keymap::typed_char(key) {
                    let query = format!("{}{c}", self.query);
                    self.set_query(query);
                }
            }
        }
    }

    /// Narrows the list to councils matching `query`, keeping the selection when it
    /// is still visible.
    fn set_query(&mut self, query: String) {
        self.query = query;
        let mut visible: Vec<usize> = (0..self.dataset.councils.len())
            .filter(|&i| find::matches_filter(&self.dataset.councils[i], &self.query))
            .collect();
        visible.sort_by(|&a, &b| self.dataset.councils[a].name.cmp(&self.dataset.councils[b].name));
        self.visible = visible;
        let keep = self.selected.filter(|s| self.visible.contains(s));
        self.select(keep.or_else(|| self.visible.first().copied()));
    }

    fn open_export(&mut self) {
        let Some(council) = self.selected else {
            self.status = Some("No council selected: nothing to export.".to_owned());
            return;
        };
        let councils = vec![council];
        let format = Format::Csv;
        let path = self.export_path(&councils, format);
        self.mode = Mode::Export(ExportDialog { councils, format, path, confirm_overwrite: false });
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
