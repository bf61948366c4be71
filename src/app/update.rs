//! How actions change the explorer's state. Nothing here touches the terminal or a
//! file: I/O goes back to the runner as an [`Effect`].

use std::path::Path;

use ratatui::layout::{Position, Rect};

use super::keymap::{Intent, Scope};
use super::layout::Layout;
use super::{Action, App, Effect, ExportDialog, ExportOutcome, Mode, Pane, TABLE_FORMATS};
use crate::export::Format;

impl App {
    /// Applies one action; returns the I/O it asks for.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Resize(w, h) => {
                self.size = (w, h);
                // A pane the new size folds away cannot keep the focus.
                if self.layout().area(self.focus).is_none() && !self.layout().too_small {
                    self.focus = Pane::Chart;
                }
                Vec::new()
            }
            Action::Exported(outcome) => self.exported(outcome),
            Action::Intent(intent) => {
                let before = std::mem::discriminant(&self.mode);
                let effects = self.intent(intent);
                // A popup opens at its top, its keys hidden.
                if std::mem::discriminant(&self.mode) != before {
                    self.scroll = 0;
                    self.popup_keys = false;
                }
                effects
            }
            Action::Type(c) => {
                self.status = None;
                self.type_char(c);
                Vec::new()
            }
            Action::Click(x, y) => {
                self.status = None;
                self.click(x, y);
                Vec::new()
            }
            Action::Scroll(x, y, delta) => {
                if let Mode::Help(scroll) = self.mode {
                    self.scroll_help(scroll.saturating_add_signed(isize::from(delta) * 3));
                } else if matches!(self.mode, Mode::Context(_) | Mode::Compare(_)) {
                    // The wheel scrolls a scrolling popup as its arrow keys do.
                    let way = if delta < 0 { Intent::Up } else { Intent::Down };
                    for _ in 0..delta.unsigned_abs() * 3 {
                        self.intent(way);
                    }
                } else if super::record::open(self).is_some() {
                    let way = if delta < 0 { Intent::Up } else { Intent::Down };
                    for _ in 0..3 {
                        self.scroll_record(way);
                    }
                } else if self.mode == Mode::Normal
                    && let Some(pane) = self.pane_at(x, y)
                {
                    self.status = None;
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

    /// Carries out what a key asked for in the mode in force. The last message goes
    /// as the user moves on; Ctrl-C (or whatever quits) quits from anywhere.
    fn intent(&mut self, intent: Intent) -> Vec<Effect> {
        if matches!(intent, Intent::Quit | Intent::ForceQuit) {
            return vec![Effect::Quit];
        }
        if intent == Intent::Suspend {
            return vec![Effect::Suspend];
        }
        self.status = None;
        // The popup's keys shown over it: any key hides them; closing only does that.
        if std::mem::take(&mut self.popup_keys) && matches!(intent, Intent::Close | Intent::Help) {
            return Vec::new();
        }
        match self.mode.clone() {
            Mode::Normal => return self.main(intent),
            Mode::Filter => self.filter_intent(intent),
            Mode::Help(scroll) => self.help_intent(scroll, intent),
            Mode::Export(dialog) => return self.export_intent(dialog, intent),
            Mode::Details(index) => match intent {
                Intent::Close => self.mode = Mode::Normal,
                Intent::CopyLink => return self.copy_link(index),
                Intent::Help => self.popup_keys = true,
                _ => {
                    self.scroll_record(intent);
                }
            },
            Mode::Council => match intent {
                Intent::Close => self.mode = Mode::Normal,
                Intent::Pin => self.toggle_pin(),
                Intent::Neighbours => self.pin_neighbours(),
                Intent::Help => self.popup_keys = true,
                _ => {
                    self.scroll_record(intent);
                }
            },
            Mode::Context(view) => self.context_intent(*view, intent),
            Mode::Transitions(table) => match intent {
                Intent::Close => self.mode = Mode::Normal,
                Intent::Export => self.open_table_export(super::TableExport::Transitions {
                    scheme: table.scheme,
                }),
                Intent::Help => self.popup_keys = true,
                _ => {
                    self.scroll_record(intent);
                }
            },
            Mode::Compare(view) => self.compare_intent(*view, intent),
            Mode::GoTo(go) => self.go_to_intent(*go, intent),
        }
        Vec::new()
    }

    /// The main screen's intents.
    fn main(&mut self, intent: Intent) -> Vec<Effect> {
        let page = usize::from(self.page_height()).max(1);
        match intent {
            Intent::Up => self.step(-1),
            Intent::Down => self.step(1),
            Intent::PageUp => self.step(-(page as isize)),
            Intent::PageDown => self.step(page as isize),
            Intent::Top => self.step(isize::MIN),
            Intent::Bottom => self.step(isize::MAX),
            Intent::NextPane => self.cycle_focus(1),
            Intent::PrevPane => self.cycle_focus(-1),
            Intent::Filter => {
                self.focus = Pane::List;
                self.mode = Mode::Filter;
                self.list.query.clear();
                self.refresh_list();
            }
            Intent::Open => self.open(),
            Intent::Help => self.mode = Mode::Help(0),
            Intent::Export => self.open_export(),
            Intent::Pin => self.toggle_pin(),
            Intent::Neighbours => self.pin_neighbours(),
            Intent::ClearPins => {
                let unpinned = crate::text::count(self.list.pins.len(), "council", "councils");
                self.status = Some(format!("Unpinned {unpinned}."));
                self.list.pins.clear();
                self.keep_strip_in_range();
            }
            Intent::Earlier => self.move_cursor(-1),
            Intent::Later => self.move_cursor(1),
            Intent::ZoomIn => self.chart.zoom_in(),
            Intent::ZoomOut => self.chart.zoom_out(),
            Intent::ZoomReset => self.chart.zoom = 0,
            Intent::Sort => {
                self.list.sort = self.list.sort.next();
                self.refresh_list();
                self.status = Some(format!("Councils sorted {}.", self.list.sort.label()));
            }
            Intent::Region => self.cycle_region(1),
            Intent::RegionBack => self.cycle_region(-1),
            Intent::Context => self.open_context(),
            Intent::Transitions => self.open_transitions(),
            Intent::Compare => self.open_compare(),
            Intent::GoTo => self.open_go_to(self.chart.cursor),
            Intent::CopyLink => {
                if self.focus == Pane::Events {
                    return self.copy_link(self.events.selected);
                }
                let tab = self.keymap.first(Scope::Main, Intent::NextPane);
                self.status = Some(format!(
                    "Select an event ({tab} to the events pane) to copy its link."
                ));
            }
            Intent::Reset => {
                self.chart.cursor = None;
                if !self.list.query.is_empty() {
                    self.list.query.clear();
                    self.refresh_list();
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// The filter's intents: keep, clear, move the list, edit the query.
    fn filter_intent(&mut self, intent: Intent) {
        match intent {
            Intent::Keep => self.mode = Mode::Normal,
            Intent::ClearFilter => {
                self.mode = Mode::Normal;
                self.list.query.clear();
                self.refresh_list();
            }
            Intent::Up => self.step(-1),
            Intent::Down => self.step(1),
            _ => {
                let before = self.list.query.value().to_owned();
                if self.list.query.edit(intent) && self.list.query.value() != before {
                    self.refresh_list();
                }
            }
        }
    }

    /// A character typed into the text field of the mode in force.
    fn type_char(&mut self, c: char) {
        match &mut self.mode {
            Mode::Filter => {
                self.list.query.insert(c);
                self.refresh_list();
            }
            Mode::Export(dialog) if !dialog.confirm_overwrite => {
                dialog.path.insert(c);
                follow_extension(dialog);
            }
            Mode::GoTo(go) => go.field.insert(c),
            _ => {}
        }
    }

    /// Scrolls the open record popup (rating, council, transitions) as a scrolling
    /// intent asks, no further than its last row; whether the intent scrolled.
    fn scroll_record(&mut self, intent: Intent) -> bool {
        let to =
            super::record::open(self).and_then(|(_, extent)| extent.scrolled(self.scroll, intent));
        if let Some(top) = to {
            self.scroll = top;
        }
        to.is_some()
    }

    /// The help's intents: close, or scroll.
    fn help_intent(&mut self, scroll: usize, intent: Intent) {
        let (_, _, rows) = super::help::extent(self, self.size);
        let page = rows.saturating_sub(1).max(1);
        let scroll = match intent {
            Intent::Close => {
                self.mode = Mode::Normal;
                return;
            }
            Intent::Up => scroll.saturating_sub(1),
            Intent::Down => scroll + 1,
            Intent::PageUp => scroll.saturating_sub(page),
            Intent::PageDown => scroll + page,
            Intent::Top => 0,
            Intent::Bottom => usize::MAX,
            _ => scroll,
        };
        self.scroll_help(scroll);
    }

    /// Scrolls the help to line `scroll`, stopping at its last line.
    fn scroll_help(&mut self, scroll: usize) {
        let (_, lines, rows) = super::help::extent(self, self.size);
        let lines = lines.len();
        self.mode = Mode::Help(scroll.min(lines.saturating_sub(rows)));
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
                let at = moved(self.list.position().unwrap_or(0), self.list.visible.len());
                self.select(self.list.visible.get(at).copied());
            }
            Pane::Chart => self.chart.strip = moved(self.chart.strip, self.strips().len()),
            Pane::Events => {
                self.events.selected = moved(self.events.selected, self.event_count());
                self.cursor_to_event();
            }
        }
    }

    /// The selected event's date becomes the time cursor's.
    fn cursor_to_event(&mut self) {
        if let Some(rating) = self.selected_event() {
            self.chart.cursor = Some(rating.date);
        }
    }

    fn selected_event(&self) -> Option<&crate::data::model::Rating> {
        let council = &self.dataset.councils[self.list.selected?];
        council.ratings.get(self.events.selected)
    }

    fn event_count(&self) -> usize {
        self.list
            .selected
            .map_or(0, |i| self.dataset.councils[i].ratings.len())
    }

    /// Moves focus through the panes that are on screen once focused, in `Tab` order:
    /// on a narrow screen the list and the chart take turns, on a short one the
    /// events pane is folded away and never focused.
    fn cycle_focus(&mut self, delta: isize) {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        let order: Vec<Pane> = [Pane::List, Pane::Chart, Pane::Events]
            .into_iter()
            .filter(|&pane| Layout::with_focus(area, pane).area(pane).is_some())
            .collect();
        if order.is_empty() {
            return;
        }
        let at = order.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        self.focus = order[(at + delta).rem_euclid(order.len() as isize) as usize];
    }

    fn open(&mut self) {
        match self.focus {
            Pane::List => {
                if self.list.selected.is_some() {
                    self.mode = Mode::Council;
                }
            }
            Pane::Chart => {
                let strips = self.strips();
                if let Some(strip) = strips.get(self.chart.strip).filter(|s| s.children > 0)
                    && !self.chart.unfolded.remove(&strip.scheme)
                {
                    self.chart.unfolded.insert(strip.scheme);
                }
            }
            Pane::Events => {
                if self.events.selected < self.event_count() {
                    self.mode = Mode::Details(self.events.selected);
                }
            }
        }
    }

    fn toggle_pin(&mut self) {
        let Some(council) = self.list.selected else {
            return;
        };
        let name = &self.dataset.councils[council].name;
        if let Some(at) = self.list.pins.iter().position(|&p| p == council) {
            self.list.pins.remove(at);
            self.status = Some(format!("Unpinned {name}."));
            self.keep_strip_in_range();
        } else {
            self.list.pins.push(council);
            self.status = Some(format!("Pinned {name}: it stays on the chart as you move."));
        }
    }

    /// Unpinning can take strips off the chart: the selected one stays among those left.
    fn keep_strip_in_range(&mut self) {
        self.chart.strip = self.chart.strip.min(self.strips().len().saturating_sub(1));
    }

    fn pin_neighbours(&mut self) {
        let Some(council) = self.list.selected else {
            return;
        };
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
        let added = neighbours
            .iter()
            .filter(|n| !self.list.pins.contains(n))
            .count();
        for n in neighbours {
            if !self.list.pins.contains(&n) {
                self.list.pins.push(n);
            }
        }
        let added = crate::text::count(added, "statistical neighbour", "statistical neighbours");
        self.status = Some(format!("Pinned {added} of {name}."));
    }

    /// Moves the time cursor to the previous or next date any shown council was rated.
    /// With no cursor yet, the first press places it: at the selected event's date in
    /// the events pane, else at the latest rating date. It stops at the first and last.
    pub(super) fn move_cursor(&mut self, direction: i8) {
        let mut dates: Vec<_> = self
            .list
            .shown()
            .iter()
            .flat_map(|&c| self.dataset.councils[c].ratings.iter().map(|r| r.date))
            .collect();
        dates.sort();
        dates.dedup();
        let (Some(&first), Some(&last)) = (dates.first(), dates.last()) else {
            self.status = Some("No rating dates to move the time cursor to.".to_owned());
            return;
        };
        let event = self
            .selected_event()
            .filter(|_| self.focus == Pane::Events)
            .map(|r| r.date);
        let next = match self.chart.cursor {
            None => Some(event.unwrap_or(last)),
            Some(at) if direction < 0 => dates.iter().rev().find(|d| **d < at).copied(),
            Some(at) => dates.iter().find(|d| **d > at).copied(),
        };
        match next {
            Some(date) => self.chart.cursor = Some(date),
            // Nothing further that way: the cursor stays, and says why.
            None if direction < 0 => {
                self.status = Some(format!(
                    "No rating date before this one: the first is {first}."
                ));
            }
            None => {
                self.status = Some(format!(
                    "No rating date after this one: the last is {last}."
                ));
            }
        }
    }

    /// Shows one region at a time: `step` 1 goes forward through the regions, then
    /// back to all of them; -1 goes backward.
    fn cycle_region(&mut self, step: isize) {
        let regions = self.regions();
        // Position 0 is every region; region k is position k + 1.
        let positions = regions.len() as isize + 1;
        let at = self
            .list
            .region
            .as_ref()
            .and_then(|current| regions.iter().position(|r| r == current))
            .map_or(0, |i| i as isize + 1);
        let next = (at + step).rem_euclid(positions);
        let next = (next > 0).then(|| regions[next as usize - 1].to_owned());
        self.status = Some(match &next {
            Some(r) => format!("Showing councils in {r}."),
            None => "Showing councils in every region.".to_owned(),
        });
        self.list.region = next;
        self.refresh_list();
    }

    /// National context: of the selected event's scheme at its date in the events pane,
    /// else of the selected strip's scheme at the cursor (or today).
    fn open_context(&mut self) {
        let Some((scheme, date)) = self.scheme_in_view() else {
            self.status =
                Some("No scheme to put in context: select a council with ratings.".to_owned());
            return;
        };
        self.show_context(scheme, date, false);
    }

    /// The scheme the chart is on: the selected event's in the events pane, else the
    /// selected strip's; with the date the cursor (or the event) reads.
    fn scheme_in_view(&self) -> Option<(crate::data::model::SchemeIx, crate::data::Date)> {
        let event = self
            .selected_event()
            .filter(|_| self.focus == Pane::Events)
            .map(|r| (r.scheme, r.date));
        let strips = self.strips();
        let strip = strips
            .get(self.chart.strip.min(strips.len().saturating_sub(1)))
            .map(|s| (s.scheme, self.chart.cursor.unwrap_or(self.today)));
        event.or(strip)
    }

    /// Each level of the scheme in view against the same council's next rating.
    fn open_transitions(&mut self) {
        let Some((scheme, _)) = self.scheme_in_view() else {
            self.status = Some(
                "No scheme to count transitions in: select a council with ratings.".to_owned(),
            );
            return;
        };
        if self.dataset.scheme(scheme).levels().is_empty() {
            self.status = Some(format!(
                "{} is a measurement, not levels: it has no transitions between levels.",
                self.dataset.scheme(scheme).name
            ));
            return;
        }
        self.mode = Mode::Transitions(Box::new(crate::data::transitions::transitions(
            &self.dataset,
            scheme,
            None,
            None,
            None,
        )));
    }

    fn copy_link(&mut self, index: usize) -> Vec<Effect> {
        let url = self
            .list
            .selected
            .and_then(|c| self.dataset.councils[c].ratings.get(index))
            .and_then(|r| r.source)
            .and_then(|s| self.dataset.source(s).url.clone());
        match url {
            // The clipboard takes what a user pastes into a browser or a shell: only a
            // web address, and only one with nothing hidden in it.
            Some(url) if !crate::text::is_web_url(&url) => {
                self.status =
                    Some("Not copied: this source's link is not an http or https address.".into());
                Vec::new()
            }
            Some(url) if url.trim().chars().any(crate::text::is_hidden) => {
                self.status = Some(
                    "Not copied: this source's link holds control or invisible characters.".into(),
                );
                Vec::new()
            }
            Some(url) => {
                let url = url.trim().to_owned();
                // It cannot know whether the terminal took it (tmux drops OSC 52 by default).
                self.status = Some(format!("Sent to the clipboard (OSC 52): {url}"));
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
                    && let Some(row) = super::layout::council_at(self, area, y)
                {
                    self.select(Some(row));
                }
            }
            Pane::Events => {
                if let Some(area) = layout.events
                    && let Some(index) = super::layout::event_at(self, area, y)
                {
                    self.events.selected = index;
                    self.cursor_to_event();
                }
            }
            Pane::Chart => {}
        }
    }

    fn open_export(&mut self) {
        let councils = self.list.shown();
        if councils.is_empty() {
            self.status = Some("No council selected: nothing to export.".to_owned());
            return;
        }
        let (folder, format) = match &self.last_export {
            Some(last) => (last.folder.clone(), last.format),
            None => (self.export_dir.clone(), Format::Csv),
        };
        let name = crate::export::default_file_name(&self.dataset, &councils, format);
        let path = folder.join(name).display().to_string();
        self.mode = Mode::Export(ExportDialog {
            councils,
            format,
            path: super::field::TextField::new(path),
            every_strip: false,
            confirm_overwrite: false,
            table: None,
            back: None,
        });
    }

    /// The export dialog for a popup's table: CSV, Markdown or JSON, in the last
    /// export's folder (and format, when that is one of them); closing it goes back
    /// to the popup.
    pub(super) fn open_table_export(&mut self, table: super::TableExport) {
        let (folder, format) = match &self.last_export {
            Some(last) => (last.folder.clone(), last.format),
            None => (self.export_dir.clone(), Format::Csv),
        };
        let format = if TABLE_FORMATS.contains(&format) {
            format
        } else {
            Format::Csv
        };
        let name = format!("{}.{}", table.stem(&self.dataset), format.extension());
        let path = folder.join(name).display().to_string();
        let back = std::mem::replace(&mut self.mode, Mode::Normal);
        self.mode = Mode::Export(ExportDialog {
            councils: Vec::new(),
            format,
            path: super::field::TextField::new(path),
            every_strip: false,
            confirm_overwrite: false,
            table: Some(table),
            back: Some(Box::new(back)),
        });
    }

    /// The export dialog's intents, and the overwrite question's.
    fn export_intent(&mut self, mut dialog: ExportDialog, intent: Intent) -> Vec<Effect> {
        let mut effects = Vec::new();
        match intent {
            Intent::Overwrite => {
                self.mode = Mode::Normal;
                return vec![self.export_effect(dialog, true)];
            }
            Intent::Back => dialog.confirm_overwrite = false,
            Intent::Close => {
                self.mode = dialog.back.map_or(Mode::Normal, |b| *b);
                return effects;
            }
            Intent::Write if dialog.path.value().trim().is_empty() => {
                self.status = Some("Give a file name to export to.".to_owned());
            }
            Intent::Write => effects.push(self.export_effect(dialog.clone(), false)),
            Intent::ToggleStrips => dialog.every_strip = !dialog.every_strip,
            Intent::Help => self.popup_keys = true,
            Intent::NextFormat | Intent::PrevFormat => {
                let all: &[Format] = if dialog.table.is_some() {
                    &TABLE_FORMATS
                } else {
                    &Format::ALL
                };
                let at = all.iter().position(|f| *f == dialog.format).unwrap_or(0) as isize;
                let step = if intent == Intent::NextFormat { 1 } else { -1 };
                let next = all[(at + step).rem_euclid(all.len() as isize) as usize];
                if let Some(path) = with_extension(dialog.path.value(), next) {
                    dialog.path.set(path);
                }
                dialog.format = next;
            }
            _ => {
                if dialog.path.edit(intent) {
                    follow_extension(&mut dialog);
                }
            }
        }
        self.mode = Mode::Export(dialog);
        effects
    }

    /// The export the dialog describes, its path's leading `~` read as the home folder;
    /// a picture's strips as on screen (folded as they are now) or every one.
    fn export_effect(&self, dialog: ExportDialog, overwrite: bool) -> Effect {
        let path = crate::config::expand_home(dialog.path.value(), self.home.as_deref());
        if let Some(table) = dialog.table {
            return Effect::ExportTable {
                table,
                format: dialog.format,
                path,
                overwrite,
            };
        }
        let strips = if dialog.every_strip {
            crate::chart::Choice::everything()
        } else {
            self.chart.choice()
        };
        Effect::Export {
            councils: dialog.councils,
            format: dialog.format,
            path,
            strips,
            overwrite,
        }
    }

    /// An export's outcome: written (the dialog closes, back to the popup it came
    /// from, and its folder and format are kept for next time), the file exists (the
    /// overwrite question), or failed (said in the status line).
    fn exported(&mut self, outcome: ExportOutcome) -> Vec<Effect> {
        match outcome {
            ExportOutcome::Written(path) => {
                let (back, format) = match std::mem::replace(&mut self.mode, Mode::Normal) {
                    Mode::Export(dialog) => (dialog.back.map(|b| *b), Some(dialog.format)),
                    other => (Some(other), None),
                };
                self.mode = back.unwrap_or(Mode::Normal);
                self.status = Some(format!("Exported to {}", path.display()));
                let folder = path
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .map_or_else(|| std::path::PathBuf::from("."), Path::to_path_buf);
                if let Some(format) = format {
                    let memory = crate::state::ExportMemory { folder, format };
                    self.last_export = Some(memory.clone());
                    return vec![Effect::Remember(memory)];
                }
            }
            ExportOutcome::Exists(_) => {
                if let Mode::Export(dialog) = &mut self.mode {
                    dialog.confirm_overwrite = true;
                }
            }
            ExportOutcome::Failed(message) => self.status = Some(message),
        }
        Vec::new()
    }
}

/// The format a path's extension names, if it names one.
fn format_of(path: &str) -> Option<Format> {
    let extension = Path::new(path).extension()?.to_str()?;
    Format::ALL
        .into_iter()
        .find(|f| f.extension().eq_ignore_ascii_case(extension))
}

/// `path` with its format extension changed to `to`'s; `None` when it has none.
fn with_extension(path: &str, to: Format) -> Option<String> {
    let from = format_of(path)?;
    let stem = &path[..path.len() - from.extension().len()];
    Some(format!("{stem}{}", to.extension()))
}

/// Typing a path whose extension names a format picks that format.
fn follow_extension(dialog: &mut ExportDialog) {
    if let Some(format) = format_of(dialog.path.value())
        && (dialog.table.is_none() || TABLE_FORMATS.contains(&format))
    {
        dialog.format = format;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_and_the_format_follow_each_other() {
        assert_eq!(format_of("~/out/Tower.SVG"), Some(Format::Svg));
        assert_eq!(format_of("report.txt"), None);
        assert_eq!(format_of("a.csv/b"), None);
        assert_eq!(
            with_extension("x/tower-hamlets.csv", Format::Md).as_deref(),
            Some("x/tower-hamlets.md")
        );
        assert_eq!(with_extension("x/notes", Format::Md), None);
    }
}
