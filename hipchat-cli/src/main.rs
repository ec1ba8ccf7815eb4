//! `hipchat`: a command line client for the HipChat REST API v2.
//!
//! Exit codes: 0 success, 1 HipChat answered with an error, 2 usage, configuration or invalid
//! input (nothing was sent), 3 no answer from the server, 4 an unexpected answer or a failure
//! writing output. See `hipchat --help` and the README.
#![forbid(unsafe_code)]

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

mod cli;
mod commands;
mod config;
mod context;
mod dates;
mod dry_run;
mod error;
#[cfg_attr(not(feature = "fake"), path = "fake_unavailable.rs")]
mod fake;
mod input;
mod output;
mod progress;
mod resume;

use error::{CliError, EXIT_OTHER};

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with 0; usage errors to stderr with 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(error::EXIT_USAGE));
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("hipchat: error: could not start the async runtime: {e}");
            return ExitCode::from(EXIT_OTHER);
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = runtime.block_on(commands::run(cli, &mut out));
    let result = result.and_then(|()| out.flush().map_err(CliError::output));
    match result {
        Ok(()) | Err(CliError::BrokenPipe) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hipchat: error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
