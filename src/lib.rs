//! trajex: explore how English councils' inspection ratings moved over time.
//!
//! Where things live: `data` (the dataset model, dates, loading with positioned errors,
//! the timeline maths every view shares, the load cache); `chart` (the one chart model
//! that the terminal chart, the text chart, the SVG and the PNG all paint); `app` (the explorer's plain
//! state, key bindings and `update`); `ui` (drawing `&App`, one file per pane);
//! `terminal` (the only module that touches the real terminal); `export` and `import`
//! (one file per format); `commands` and `cli` (the command line); `config` and `paths`
//! (the user's folders); `generate` (synthetic datasets for scale).
#![forbid(unsafe_code)]

pub mod app;
pub mod chart;
pub mod cli;
pub mod commands;
pub mod config;
pub mod data;
pub mod export;
pub mod files;
pub mod generate;
pub mod import;
pub mod paths;
pub mod state;
pub mod terminal;
pub mod text;
pub mod ui;

/// An I/O error as the end of a sentence: "No such file or directory", without the
/// "(os error 2)" suffix that means nothing to a user.
pub fn io_reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text);
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}
