//! The explorer's state: plain data, no terminal, no I/O. A key becomes an [`Action`]
//! through the keymap of the mode in force ([`App::action_for`]); how actions change
//! the state is in `update`; I/O (writing an export, copying a link, quitting) leaves `update` as an
//! [`Effect`] for the runner, whose result comes back as an [`Action`].

pub mod compare;
mod context;
pub mod field;
pub mod goto;
pub mod help;
pub mod index;
pub mod keymap;
pub mod keys;
pub mod layout;
pub mod record;
pub mod scroll;
mod update;

use std::collections::BTreeSet;
use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use crate::data::context::Report;
use crate::data::model::SchemeIx;
use crate::data::{Dataset, Date};
use crate::export::Format;
use field::TextField;
use index::CouncilIndex;
use keymap::{Intent, Keymap, Scope};
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
    /// The help, scrolled this many lines down.
    Help(usize),
    /// The full record of one rating of the selected council.
    Details(usize),
    /// The selected council's record: codes, aliases, lineage, neighbours.
    Council,
    Export(ExportDialog),
    /// How every council stood in one scheme at one date.
    Context(Box<ContextView>),
    /// Each level of a scheme against the same council's next rating, counted once
    /// when it opened.
    Transitions(Box<crate::data::transitions::Transitions>),
    /// The selected and pinned councils side by side at one date.
    Compare(Box<compare::CompareView>),
    /// Typing a date for the time cursor (or the popup it was opened from).
    GoTo(Box<goto::GoTo>),
}

/// The national context on screen: a scheme at a date, counted once when it opened or
/// moved, nation-wide or region by region.
#[derive(Clone, Debug, PartialEq)]
pub struct ContextView {
    pub scheme: SchemeIx,
    pub date: Date,
    /// The figures, counted once: what `trajex context` prints for the same date.
    pub report: Report,
    /// Region by region, when asked for.
    pub regions: Option<Vec<crate::data::context::RegionDistribution>>,
    /// Lines scrolled off the top when the popup is taller than the screen.
    pub scroll: usize,
}

/// The export dialog: what will be written where, shown before it is.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportDialog {
    pub councils: Vec<usize>,
    pub format: Format,
    pub path: TextField,
    /// A picture shows the strips as on screen (the default), else every strip with
    /// every sub-judgement.
    pub every_strip: bool,
    /// The file exists: the overwrite question is asked (its own key table).
    pub confirm_overwrite: bool,
    /// A popup's table to write (CSV, Markdown or JSON) instead of the councils.
    pub table: Option<TableExport>,
    /// The popup the dialog was opened from, shown again when it closes.
    pub back: Option<Box<Mode>>,
}

/// The formats a popup's table is written in, as `--format` gives them.
pub const TABLE_FORMATS: [Format; 3] = [Format::Csv, Format::Md, Format::Json];

/// A popup's table, as the export dialog writes it: the same columns as the command
/// that prints it (`trajex context --format`, `trajex transitions --format`).
#[derive(Clone, Debug, PartialEq)]
pub enum TableExport {
    /// `trajex context SCHEME --date DATE --format F`.
    Context { scheme: SchemeIx, date: Date },
    /// `trajex transitions SCHEME --format F`.
    Transitions { scheme: SchemeIx },
    /// The compare table: the councils in its order, each scheme read at the date.
    Compare(Box<crate::data::compare::Compare>),
}

impl TableExport {
    /// The file name the dialog proposes, without its extension.
    pub fn stem(&self, dataset: &Dataset) -> String {
        match self {
            TableExport::Context { scheme, date } => {
                format!("context-{}-{date}", dataset.scheme(*scheme).id)
            }
            TableExport::Transitions { scheme } => {
                format!("transitions-{}", dataset.scheme(*scheme).id)
            }
            TableExport::Compare(table) => format!("compare-{}", table.date),
        }
    }

    /// What the table is, as the export dialog names it.
    pub fn describe(&self, dataset: &Dataset) -> String {
        match self {
            TableExport::Context { scheme, date } => format!(
                "national context at {date}: {}",
                dataset.scheme(*scheme).name
            ),
            TableExport::Transitions { scheme } => {
                format!("transitions: {}", dataset.scheme(*scheme).name)
            }
            TableExport::Compare(table) => format!(
                "compare at {}: {}",
                table.date,
                crate::text::count(table.rows.len(), "council", "councils")
            ),
        }
    }
}

/// Work for the runner: the only way state asks for I/O.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Quit,
    /// Stop to the shell (Ctrl-Z), the terminal restored; drawn again on return.
    Suspend,
    Export {
        councils: Vec<usize>,
        format: Format,
        path: PathBuf,
        /// The strips a picture shows.
        strips: crate::chart::Choice,
        overwrite: bool,
    },
    /// Write a popup's table (CSV, Markdown or JSON) to `path`.
    ExportTable {
        table: TableExport,
        format: Format,
        path: PathBuf,
        overwrite: bool,
    },
    /// Keep the export dialog's folder and format for next time (the state file).
    Remember(crate::state::ExportMemory),
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
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
    /// What a key asked for, read from the keymap of the mode in force.
    Intent(Intent),
    /// A character typed into the filter or the export path.
    Type(char),
    Resize(u16, u16),
    Exported(ExportOutcome),
    /// A left click at a column and row.
    Click(u16, u16),
    /// The wheel turned over a column and row: negative is up.
    Scroll(u16, u16, i8),
}

/// The orders the council list can take, in the order `s` cycles them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Name,
    Latest,
    Improvement,
    LongestAtLowest,
}

impl Sort {
    pub fn next(self) -> Self {
        match self {
            Sort::Name => Sort::Latest,
            Sort::Latest => Sort::Improvement,
            Sort::Improvement => Sort::LongestAtLowest,
            Sort::LongestAtLowest => Sort::Name,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Name => "by name",
            Sort::Latest => "by latest rating",
            Sort::Improvement => "by improvement",
            Sort::LongestAtLowest => "by time at the lowest level",
        }
    }
}

pub use crate::chart::Strip;

/// The council list's state: the query, order and region that choose its councils,
/// the councils it holds, the one selected, and the ones pinned beside it on the chart.
#[derive(Clone, Debug, Default)]
pub struct ListState {
    /// The filter query, as typed in [`Mode::Filter`].
    pub query: TextField,
    pub sort: Sort,
    /// Only councils of this region are listed.
    pub region: Option<String>,
    /// Councils shown in the list, by dataset index, in list order.
    pub visible: Vec<usize>,
    /// The selected council, by dataset index.
    pub selected: Option<usize>,
    /// Councils overlaid on the chart, by dataset index, in pinning order.
    pub pins: Vec<usize>,
}

impl ListState {
    /// The selected council's position in the list.
    pub fn position(&self) -> Option<usize> {
        let selected = self.selected?;
        self.visible.iter().position(|&i| i == selected)
    }

    /// The councils the chart draws: the selected one first, then the pinned ones.
    pub fn shown(&self) -> Vec<usize> {
        let mut shown: Vec<usize> = self.selected.into_iter().collect();
        shown.extend(
            self.pins
                .iter()
                .copied()
                .filter(|p| Some(*p) != self.selected),
        );
        shown
    }
}

/// How far the chart's time axis may zoom in: each step halves the span shown.
const MAX_ZOOM: u8 = 6;

/// The chart's state: the strip selected, the strips unfolded, and where and how
/// closely the time axis looks.
#[derive(Clone, Debug, Default)]
pub struct ChartState {
    /// The selected chart strip, by position among the strips shown.
    pub strip: usize,
    /// Parent schemes whose sub-judgements are shown.
    pub unfolded: BTreeSet<SchemeIx>,
    /// The date the time cursor reads every strip at; `None` for no cursor.
    pub cursor: Option<Date>,
    /// Each step halves the time axis's span around the cursor.
    pub zoom: u8,
}

impl ChartState {
    /// The strips as folded on screen: what the chart draws, and what a picture
    /// exported "as on screen" shows.
    pub fn choice(&self) -> crate::chart::Choice {
        crate::chart::Choice {
            unfolded: self.unfolded.clone(),
            ..Default::default()
        }
    }

    /// Halves the span shown, up to the deepest zoom.
    pub fn zoom_in(&mut self) {
        self.zoom = (self.zoom + 1).min(MAX_ZOOM);
    }

    /// Doubles the span shown, never wider than the whole.
    pub fn zoom_out(&mut self) {
        self.zoom = self.zoom.saturating_sub(1);
    }
}

/// The events pane's state.
#[derive(Clone, Debug, Default)]
pub struct EventsState {
    /// The selected event, by index into the selected council's ratings.
    pub selected: usize,
}

/// Everything the explorer shows, as plain data: what the whole explorer shares here,
/// each pane's own state in its field.
pub struct App {
    pub dataset: Dataset,
    pub today: Date,
    pub keymap: Keymap,
    /// Where the export dialog proposes to write.
    pub export_dir: PathBuf,
    /// The home folder a leading `~` in the export path stands for.
    pub home: Option<PathBuf>,
    /// The folder and format of the last export, read from the state file: the export
    /// dialog starts from them.
    pub last_export: Option<crate::state::ExportMemory>,
    /// Where the last export's folder and format are kept between runs; `None` keeps
    /// nothing (tests, `render`).
    pub state_file: Option<PathBuf>,
    pub size: (u16, u16),
    pub focus: Pane,
    pub mode: Mode,
    /// The council list.
    pub list: ListState,
    /// The chart.
    pub chart: ChartState,
    /// The events pane.
    pub events: EventsState,
    /// A one-line message for the status bar (an export's result, an error).
    pub status: Option<String>,
    /// How many rows down the open record popup (rating, council, transitions) is
    /// scrolled; back to 0 whenever the mode changes.
    pub scroll: usize,
    /// The open popup's own keys are shown over it (`?` in a popup).
    pub popup_keys: bool,
    /// Facts about every council the list reads at each keystroke, worked out once.
    pub index: CouncilIndex,
}

impl App {
    pub fn new(dataset: Dataset, today: Date) -> Self {
        let index = CouncilIndex::new(&dataset, today);
        let mut app = Self {
            dataset,
            today,
            keymap: Keymap::default(),
            export_dir: PathBuf::from("."),
            home: None,
            last_export: None,
            state_file: None,
            size: (120, 40),
            focus: Pane::List,
            mode: Mode::Normal,
            list: ListState::default(),
            chart: ChartState::default(),
            events: EventsState::default(),
            status: None,
            scroll: 0,
            popup_keys: false,
            index,
        };
        app.refresh_list();
        app
    }

    /// Whose keys are in force: the mode's scope.
    pub fn scope(&self) -> Scope {
        match &self.mode {
            Mode::Normal => Scope::Main,
            Mode::Filter => Scope::Filter,
            Mode::Help(_) => Scope::Help,
            Mode::Details(_) => Scope::Rating,
            Mode::Council => Scope::Council,
            Mode::Export(dialog) if dialog.confirm_overwrite => Scope::Overwrite,
            Mode::Export(_) => Scope::Export,
            Mode::Context(_) => Scope::Context,
            Mode::Transitions(_) => Scope::Transitions,
            Mode::Compare(_) => Scope::Compare,
            Mode::GoTo(_) => Scope::GoTo,
        }
    }

    /// What a key press asks for in the mode in force: an intent from its table, a
    /// character typed into its text field, or nothing.
    pub fn action_for(&self, event: KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        let scope = self.scope();
        match self.keymap.resolve(key, scope) {
            Some(intent) => Some(Action::Intent(intent)),
            None => key
                .typed()
                .filter(|_| scope.typing().is_some())
                .map(Action::Type),
        }
    }

    /// A key press, read through the keymap of the mode in force and applied.
    pub fn press(&mut self, event: KeyEvent) -> Vec<Effect> {
        match self.action_for(event) {
            Some(action) => self.update(action),
            None => Vec::new(),
        }
    }

    /// The strips the chart shows: every top-level scheme a shown council has, in
    /// dataset order, each followed by its sub-judgements when unfolded.
    pub fn strips(&self) -> Vec<Strip> {
        crate::chart::strips(&self.dataset, &self.list.shown(), &self.chart.choice())
    }

    /// The regions councils belong to, sorted.
    pub fn regions(&self) -> Vec<&str> {
        let regions: BTreeSet<&str> = self
            .dataset
            .councils
            .iter()
            .filter_map(|c| c.region.as_deref())
            .collect();
        regions.into_iter().collect()
    }

    /// Rebuilds the list from the query, region and sort. In name order a query lists
    /// its best matches first (see [`CouncilIndex::filter`]); any other sort orders by
    /// its figure, matches that tie keeping their match order. A changed query selects
    /// its best match, wherever the sort puts it; otherwise the selection stays while
    /// it is still listed.
    fn refresh_list(&mut self) {
        let key = crate::data::find::filter_key(self.list.query.value());
        let new_query = !key.is_empty() && self.index.last_query() != Some(key.as_str());
        let mut visible = match self.went_filter() {
            Some(kept) => kept,
            None => self
                .index
                .filter(self.list.query.value(), self.list.region.as_deref()),
        };
        let best = visible.first().copied().filter(|_| new_query);
        if self.list.sort != Sort::Name && self.index.main_scheme.is_some() {
            let trajectories = &self.index.trajectories;
            let metric = |i: &usize| {
                let t = &trajectories[*i];
                match self.list.sort {
                    Sort::Name => 0,
                    Sort::Latest => -t.latest.map_or(-1, i32::from),
                    Sort::Improvement => -t.improvement.map_or(i32::from(i16::MIN), i32::from),
                    Sort::LongestAtLowest => -t.days_at_lowest,
                }
            };
            // Stable: councils that tie stay in match order (name order for no query).
            visible.sort_by_cached_key(metric);
        }
        self.list.visible = visible;
        let keep = best.or_else(|| self.list.selected.filter(|s| self.list.visible.contains(s)));
        self.select(keep.or_else(|| self.list.visible.first().copied()));
    }

    /// A filter written `went:inadequate,outstanding`: the councils whose main rating
    /// passed through those levels in that order (level names as the scheme has them,
    /// or any prefix that names one), in name order; a level it cannot read is said
    /// in the status line. `None` for any other query.
    fn went_filter(&mut self) -> Option<Vec<usize>> {
        let query = self.list.query.value().trim();
        let path = query
            .get(..5)
            .filter(|head| head.eq_ignore_ascii_case("went:"))
            .map(|_| &query[5..])?;
        let scheme = self.index.main_scheme?;
        let levels = match crate::data::went::parse_path(self.dataset.scheme(scheme), path) {
            Ok(levels) => levels,
            Err(e) => {
                self.status = Some(format!("went: {e}"));
                return Some(Vec::new());
            }
        };
        self.status = None;
        let mut kept: Vec<usize> = crate::data::went::went(&self.dataset, scheme, &levels, None)
            .into_iter()
            .map(|p| p.council)
            .filter(|&c| {
                self.list.region.is_none() || self.dataset.councils[c].region == self.list.region
            })
            .collect();
        kept.sort_by_cached_key(|&c| self.dataset.councils[c].name.to_lowercase());
        Some(kept)
    }

    /// Selects a council; another council's chart and events start at their first
    /// strip and first event.
    fn select(&mut self, council: Option<usize>) {
        if council != self.list.selected {
            self.list.selected = council;
            self.chart.strip = 0;
            self.events.selected = 0;
        }
    }
}
