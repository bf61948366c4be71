//! The `trajex` binary: parse the command line, run the command, turn the outcome into
//! an exit code (0 ok, 1 data/IO/not found, 2 usage, 130 when Ctrl-C quit the explorer,
//! 128 + N when signal N ended it; the terminal restored by then, nothing printed).
#![forbid(unsafe_code)]

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match trajex::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    match trajex::commands::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(error) => {
            let _ = std::io::stderr().write_all(error.report().as_bytes());
            ExitCode::from(error.exit_code())
        }
    }
}

/// Ends a run that clap answered itself: help and version on stdout (exit 0), a usage
/// error on stderr (exit 2). Help that cannot be written (a full disk, `> /dev/full`)
/// is a failure, said in one sentence, exit 1: clap's own exit would report success.
fn clap_exit(error: &clap::Error) -> ExitCode {
    let printed = error
        .print()
        .and_then(|()| std::io::stdout().flush())
        .and_then(|()| std::io::stderr().flush());
    match printed {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            let _ = writeln!(
                std::io::stderr(),
                "trajex: cannot write the output: {}",
                trajex::io_reason(&e)
            );
            ExitCode::from(1)
        }
        _ => ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2)),
    }
}
