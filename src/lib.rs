//! trajex: explore how English councils' inspection ratings moved over time.
#![forbid(unsafe_code)]

pub mod cli;
pub mod commands;
pub mod config;
pub mod data;
pub mod export;
pub mod generate;
pub mod import;
pub mod paths;

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

pub mod app;
pub mod terminal;
pub mod ui;
