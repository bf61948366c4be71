//! Regenerates the embedded dataset: `cargo run --example build_dataset -- [DATA_DIR] [OUT]`
//! reads the raw files in DATA_DIR (default `../shared/data`) and writes OUT (default
//! `assets/councils.ron`).

#![forbid(unsafe_code)]

#[path = "../tools/dataset/mod.rs"]
mod dataset;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let data_dir = args
        .next()
        .map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let out = args
        .next()
        .map_or_else(|| PathBuf::from("assets/councils.ron"), PathBuf::from);
    if args.next().is_some() {
        eprintln!("Usage: cargo run --example build_dataset -- [DATA_DIR] [OUT]");
        return ExitCode::from(2);
    }
    match run(&data_dir, &out) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("Error: {message}.");
            ExitCode::FAILURE
        }
    }
}

fn run(data_dir: &std::path::Path, out: &std::path::Path) -> Result<String, String> {
    let (text, ledger) = dataset::build(data_dir)?;
    std::fs::write(out, &text).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let count = |prefix: &str| {
        text.lines()
            .filter(|l| l.trim_start().starts_with(prefix))
            .count()
    };
    let left_out = ledger
        .values()
        .filter(|f| matches!(f, dataset::Fate::LeftOut(_)))
        .count();
    Ok(format!(
        "Wrote {}: {} councils, {} ratings, {} schemes, {} summaries, {} sources\n\
         Read {} rows: {} carried, {left_out} left out, each with the reason the builder gives",
        out.display(),
        count("Council("),
        count("Rating("),
        count("Scheme("),
        count("Summary("),
        count("Source("),
        ledger.len(),
        ledger.len() - left_out
    ))
}
