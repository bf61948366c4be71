//! The default key tables, one per scope, in help order: intent, config name, keys
//! (written as the help shows them) and what each does.

use super::{Binding, Intent};

pub(super) const fn bind(
    intent: Intent,
    name: &'static str,
    keys: &'static [&'static str],
    does: &'static str,
) -> Binding {
    Binding {
        intent,
        name,
        keys,
        does,
    }
}

/// Ctrl-C quits from anywhere.
pub(super) const QUIT_ANYWHERE: Binding = bind(
    Intent::ForceQuit,
    "force-quit",
    &["Ctrl-C"],
    "quit trajex from anywhere",
);

/// Ctrl-Z suspends to the shell from anywhere, as in any terminal program; `fg`
/// brings the explorer back.
pub(super) const SUSPEND_ANYWHERE: Binding = bind(
    Intent::Suspend,
    "suspend",
    &["Ctrl-Z"],
    "suspend to the shell (fg comes back)",
);

pub(super) const MAIN: &[Binding] = &[
    bind(Intent::Up, "up", &["↑", "k"], "move up in the focused pane"),
    bind(
        Intent::Down,
        "down",
        &["↓", "j"],
        "move down in the focused pane",
    ),
    bind(Intent::PageUp, "page-up", &["PgUp"], "move up a page"),
    bind(Intent::PageDown, "page-down", &["PgDn"], "move down a page"),
    bind(Intent::Top, "top", &["g", "Home"], "go to the first row"),
    bind(
        Intent::Bottom,
        "bottom",
        &["G", "End"],
        "go to the last row",
    ),
    bind(
        Intent::NextPane,
        "next-pane",
        &["Tab"],
        "focus the next pane",
    ),
    bind(
        Intent::PrevPane,
        "prev-pane",
        &["Shift-Tab"],
        "focus the previous pane",
    ),
    bind(
        Intent::Filter,
        "filter",
        &["/"],
        "filter: fuzzy, by name, alias or code",
    ),
    bind(
        Intent::Open,
        "open",
        &["Enter"],
        "open the council or event; fold a strip",
    ),
    bind(
        Intent::Pin,
        "pin",
        &["space"],
        "pin or unpin: stays on the chart",
    ),
    bind(
        Intent::Neighbours,
        "neighbours",
        &["N"],
        "pin the statistical neighbours",
    ),
    bind(
        Intent::ClearPins,
        "clear-pins",
        &["x"],
        "unpin every council",
    ),
    bind(
        Intent::Earlier,
        "earlier",
        &["←", "h"],
        "time cursor to the rating date before",
    ),
    bind(
        Intent::Later,
        "later",
        &["→", "l"],
        "time cursor to the rating date after",
    ),
    bind(
        Intent::ZoomIn,
        "zoom-in",
        &["+", "="],
        "zoom in around the cursor",
    ),
    bind(
        Intent::ZoomOut,
        "zoom-out",
        &["-"],
        "zoom the time axis out",
    ),
    bind(
        Intent::ZoomReset,
        "zoom-reset",
        &["0"],
        "show the whole time axis",
    ),
    bind(
        Intent::Sort,
        "sort",
        &["s"],
        "sort: name, latest, improvement, lowest",
    ),
    bind(
        Intent::Region,
        "region",
        &["r"],
        "next region (then all again)",
    ),
    bind(Intent::RegionBack, "region-back", &["R"], "previous region"),
    bind(
        Intent::Context,
        "context",
        &["n"],
        "national context at the cursor's date",
    ),
    bind(
        Intent::Transitions,
        "transitions",
        &["t"],
        "each level against the next rating",
    ),
    bind(
        Intent::Export,
        "export",
        &["e"],
        "export the shown councils",
    ),
    bind(
        Intent::CopyLink,
        "copy-link",
        &["y"],
        "copy the selected event's source link",
    ),
    bind(Intent::Help, "help", &["?"], "show this help"),
    bind(
        Intent::GoTo,
        "go-to",
        &["@"],
        "time cursor to a typed year, month or day",
    ),
    bind(
        Intent::Compare,
        "compare",
        &["c"],
        "compare the shown councils at the cursor",
    ),
    bind(
        Intent::Reset,
        "reset",
        &["Esc"],
        "clear the filter, cursor and message",
    ),
    bind(Intent::Quit, "quit", &["q"], "quit trajex"),
];

/// Line editing, shared by the two text fields (as in a shell's line editor).
pub(super) const EDITING: &[Binding] = &[
    bind(Intent::CharLeft, "left", &["←", "Ctrl-B"], "cursor left"),
    bind(Intent::CharRight, "right", &["→", "Ctrl-F"], "cursor right"),
    bind(
        Intent::WordLeft,
        "word-left",
        &["Ctrl-←", "Alt-b"],
        "cursor a word left",
    ),
    bind(
        Intent::WordRight,
        "word-right",
        &["Ctrl-→", "Alt-f"],
        "cursor a word right",
    ),
    bind(
        Intent::LineStart,
        "start",
        &["Home", "Ctrl-A"],
        "cursor to the start",
    ),
    bind(
        Intent::LineEnd,
        "end",
        &["End", "Ctrl-E"],
        "cursor to the end",
    ),
    bind(
        Intent::DeleteBack,
        "delete-back",
        &["Backspace", "Ctrl-H"],
        "delete the character before",
    ),
    bind(
        Intent::DeleteForward,
        "delete",
        &["Delete", "Ctrl-D"],
        "delete the character under the cursor",
    ),
    bind(
        Intent::DeleteWord,
        "delete-word",
        &["Ctrl-W"],
        "delete the word before",
    ),
    bind(
        Intent::DeleteToStart,
        "delete-to-start",
        &["Ctrl-U"],
        "delete to the start",
    ),
];

pub(super) const FILTER: &[Binding] = &[
    bind(
        Intent::Keep,
        "keep",
        &["Enter"],
        "keep the filter, back to the list",
    ),
    bind(Intent::ClearFilter, "clear", &["Esc"], "clear the filter"),
    bind(Intent::Up, "up", &["↑"], "move up the list"),
    bind(Intent::Down, "down", &["↓"], "move down the list"),
];

pub(super) const EXPORT: &[Binding] = &[
    bind(Intent::Write, "write", &["Enter"], "write the file"),
    bind(Intent::NextFormat, "next-format", &["Tab"], "next format"),
    bind(
        Intent::PrevFormat,
        "prev-format",
        &["Shift-Tab"],
        "previous format",
    ),
    bind(
        Intent::ToggleStrips,
        "strips",
        &["Ctrl-T"],
        "picture: strips as on screen, or all",
    ),
    bind(
        Intent::Close,
        "close",
        &["Esc"],
        "cancel, back to the explorer",
    ),
    bind(Intent::Help, "keys", &["F1"], "show this dialog's keys"),
];

pub(super) const OVERWRITE: &[Binding] = &[
    bind(
        Intent::Overwrite,
        "overwrite",
        &["y"],
        "overwrite the existing file",
    ),
    bind(
        Intent::Back,
        "back",
        &["n", "Esc", "q"],
        "back to the export dialog",
    ),
];

/// Scrolling a popup that may not fit the terminal: shared by the records, the
/// transitions and the national context.
pub(super) const SCROLLING: &[Binding] = &[
    bind(Intent::Up, "up", &["↑", "k"], "scroll up"),
    bind(Intent::Down, "down", &["↓", "j"], "scroll down"),
    bind(Intent::PageUp, "page-up", &["PgUp"], "scroll up a page"),
    bind(
        Intent::PageDown,
        "page-down",
        &["PgDn"],
        "scroll down a page",
    ),
    bind(Intent::Top, "top", &["g", "Home"], "scroll to the top"),
    bind(Intent::Bottom, "bottom", &["G", "End"], "scroll to the end"),
];

pub(super) const COUNCIL: &[Binding] = &[
    bind(Intent::Close, "close", &["Esc", "q"], "close the record"),
    bind(Intent::Help, "keys", &["?"], "show this record's keys"),
    bind(Intent::Pin, "pin", &["space"], "pin or unpin this council"),
    bind(
        Intent::Neighbours,
        "neighbours",
        &["N"],
        "pin its statistical neighbours",
    ),
];

pub(super) const RATING: &[Binding] = &[
    bind(Intent::Close, "close", &["Esc", "q"], "close the record"),
    bind(Intent::Help, "keys", &["?"], "show this record's keys"),
    bind(
        Intent::CopyLink,
        "copy-link",
        &["y"],
        "copy the source link whole",
    ),
];

pub(super) const CONTEXT: &[Binding] = &[
    bind(
        Intent::Earlier,
        "earlier",
        &["←", "h"],
        "the date before, when a rating changed",
    ),
    bind(
        Intent::Later,
        "later",
        &["→", "l"],
        "the date after, when a rating changed",
    ),
    bind(
        Intent::MonthBefore,
        "month-before",
        &["["],
        "the month before",
    ),
    bind(Intent::MonthAfter, "month-after", &["]"], "the month after"),
    bind(Intent::YearBefore, "year-before", &["{"], "the year before"),
    bind(Intent::YearAfter, "year-after", &["}"], "the year after"),
    bind(Intent::GoTo, "go-to", &["@"], "go to a date"),
    bind(
        Intent::ByRegion,
        "regions",
        &["r"],
        "nation-wide or region by region",
    ),
    EXPORT_TABLE,
    bind(
        Intent::Close,
        "close",
        &["Esc", "q", "n"],
        "close the national context",
    ),
    POPUP_KEYS,
];

/// `e` in a popup whose table can be written to a file (context, transitions, compare).
const EXPORT_TABLE: Binding = bind(
    Intent::Export,
    "export",
    &["e"],
    "export this table: csv, md or json",
);

/// `?` in a popup: its own keys over it.
const POPUP_KEYS: Binding = bind(Intent::Help, "keys", &["?"], "show these keys");

pub(super) const TRANSITIONS: &[Binding] = &[
    EXPORT_TABLE,
    bind(
        Intent::Close,
        "close",
        &["Esc", "q", "t"],
        "close the transitions",
    ),
    POPUP_KEYS,
];

pub(super) const COMPARE: &[Binding] = &[
    bind(Intent::Up, "up", &["↑", "k"], "scroll up a council"),
    bind(Intent::Down, "down", &["↓", "j"], "scroll down a council"),
    bind(Intent::PageUp, "page-up", &["PgUp"], "scroll up a page"),
    bind(
        Intent::PageDown,
        "page-down",
        &["PgDn"],
        "scroll down a page",
    ),
    bind(
        Intent::ColumnLeft,
        "column-left",
        &["←", "<"],
        "show the scheme columns to the left",
    ),
    bind(
        Intent::ColumnRight,
        "column-right",
        &["→", ">"],
        "show the scheme columns to the right",
    ),
    bind(
        Intent::Earlier,
        "earlier",
        &["h"],
        "the rating date before, of a shown council",
    ),
    bind(
        Intent::Later,
        "later",
        &["l"],
        "the rating date after, of a shown council",
    ),
    bind(Intent::GoTo, "go-to", &["@"], "go to a date"),
    EXPORT_TABLE,
    bind(
        Intent::Close,
        "close",
        &["Esc", "q", "c"],
        "close the compare table",
    ),
    POPUP_KEYS,
];

/// The date field (`@`): a year, a month or a day.
pub(super) const GO_TO: &[Binding] = &[
    bind(
        Intent::Go,
        "go",
        &["Enter"],
        "move the time cursor to the date",
    ),
    bind(
        Intent::Close,
        "cancel",
        &["Esc"],
        "cancel, the cursor stays",
    ),
];

pub(super) const HELP: &[Binding] = &[
    bind(
        Intent::Close,
        "close",
        &["Esc", "q", "?"],
        "close this help",
    ),
    bind(Intent::Up, "up", &["↑", "k"], "scroll up"),
    bind(Intent::Down, "down", &["↓", "j"], "scroll down"),
    bind(Intent::PageUp, "page-up", &["PgUp"], "scroll up a page"),
    bind(
        Intent::PageDown,
        "page-down",
        &["PgDn", "space"],
        "scroll down a page",
    ),
    bind(Intent::Top, "top", &["g", "Home"], "scroll to the top"),
    bind(Intent::Bottom, "bottom", &["G", "End"], "scroll to the end"),
];

pub(super) const LOADING: &[Binding] =
    &[bind(Intent::Quit, "quit", &["q"], "stop loading and quit")];
