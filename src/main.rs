//! The `trajex` binary: parse the command line, run the command, turn the outcome into
//! an exit code (0 ok, 1 data/IO/not found, 2 usage, 128 + N when signal N ended the
//! explorer, which has restored the terminal by then and prints nothing).
#![forbid(unsafe_code)]

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = trajex::cli::Cli::parse();
    match trajex::commands::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(error) => {
            let _ = std::io::stderr().write_all(error.report().as_bytes());
            ExitCode::from(error.exit_code())
        }
    }
}
