//! One module per command; [`run`] dispatches.

use std::io::Write;

use crate::cli::{Cli, Command, HistoryCommand};
use crate::config::{MessageDefaults, Settings, process_env};
use crate::error::CliError;

mod history;
mod message;
mod notify;
mod rooms;
mod share_file;
mod token;
mod users;

/// The largest page HipChat serves, used unless `--page-size` says otherwise.
pub const MAX_PAGE_SIZE: u64 = 1000;

/// Resolves the settings and runs the command, writing its output to `out`.
pub async fn run(cli: Cli, out: &mut dyn Write) -> Result<(), CliError> {
    let settings = Settings::resolve(&cli.global, &process_env)?;
    if !settings.quiet {
        for warning in &settings.warnings {
            eprintln!("hipchat: warning: {warning}");
        }
    }
    let (url, retries) = match settings.fake {
        true => ("the in-memory HipChat".to_owned(), settings.retries),
        false => (settings.url.clone(), settings.retries),
    };
    let result = match cli.command {
        Command::Notify(args) => notify::run(args, settings, out).await,
        Command::Message(args) => message::run(args, settings, out).await,
        Command::ShareFile(args) => share_file::run(args, settings, out).await,
        Command::Rooms(command) => rooms::run(command, settings, out).await,
        Command::Users(command) => users::run(command, settings, out).await,
        Command::History(HistoryCommand::Export(args)) => {
            history::export(args, settings, out).await
        }
        Command::Token(args) => token::run(args, settings, out).await,
    };
    result.map_err(|e| e.at_url(&url, retries))
}

/// The room of a command: its flag, else the configured default.
fn room(flag: Option<String>, defaults: &MessageDefaults) -> Result<String, CliError> {
    flag.or_else(|| defaults.room.clone())
        .filter(|room| !room.is_empty())
        .ok_or_else(|| {
            CliError::usage(
                "no room: pass --room, set HIPCHAT_ROOM (or HIPCHAT_ROOM_ID), or put `room = \
                 \"...\"` in the config file",
            )
        })
}
