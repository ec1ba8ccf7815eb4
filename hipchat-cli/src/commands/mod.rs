//! One module per command; [`run`] dispatches.

use std::io::Write;

use hipchat::Endpoint;
use hipchat::pager::Paginated;
use serde::Serialize;

use crate::cli::{Cli, Command, HistoryCommand, RoomsCommand, UsersCommand};
use crate::config::{MessageDefaults, Settings, process_env};
use crate::context::{Auth, Context};
use crate::error::CliError;
use crate::output::{Table, json_line};

mod history;
mod message;
mod notify;
mod rooms;
mod share_file;
mod token;
mod users;

/// The largest page HipChat serves, used unless `--page-size` says otherwise.
const MAX_PAGE_SIZE: u64 = 1000;

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
        Command::Rooms(RoomsCommand::List(args)) => {
            let listing = Listing::new(rooms::endpoint(&args), args.json, rooms::HEADER);
            listing.print(rooms::row, settings, out).await
        }
        Command::Users(UsersCommand::List(args)) => {
            let listing = Listing::new(users::endpoint(&args), args.json, users::HEADER);
            listing.print(users::row, settings, out).await
        }
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

/// `--page-size`, else the largest page.
fn page_size(flag: Option<u64>) -> u64 {
    flag.unwrap_or(MAX_PAGE_SIZE)
}

/// `endpoint` with `set` applied to `value` if there is one; without it, the parameter is
/// left out of the request.
fn with_opt<E, T>(endpoint: E, value: Option<T>, set: impl FnOnce(E, T) -> E) -> E {
    match value {
        Some(value) => set(endpoint, value),
        None => endpoint,
    }
}

/// `endpoint` with the parameter `set` sets turned on when its flag is `given`; left out of
/// the request otherwise.
fn with_flag<E>(endpoint: E, given: bool, set: impl FnOnce(E, bool) -> E) -> E {
    with_opt(endpoint, given.then_some(true), set)
}

/// Sends one request with the token, printing nothing but what `--dry-run` shows.
async fn send<E: Endpoint>(
    endpoint: &E,
    settings: Settings,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let context = Context::connect(settings, Auth::Token).await?;
    context.send(endpoint, out).await?;
    context.finish()
}

/// A `list` command: the collection it pages through and how it prints it (JSON Lines with
/// `--json`, else a table with these columns).
struct Listing<E> {
    endpoint: E,
    json: bool,
    header: &'static [&'static str],
}

impl<E> Listing<E>
where
    E: Paginated,
    E::Item: Serialize,
{
    fn new(endpoint: E, json: bool, header: &'static [&'static str]) -> Self {
        Listing {
            endpoint,
            json,
            header,
        }
    }

    /// Pages through everything and prints it, `row` making a table row of an item.
    async fn print(
        self,
        row: fn(E::Item) -> Vec<String>,
        settings: Settings,
        out: &mut dyn Write,
    ) -> Result<(), CliError> {
        let context = Context::connect(settings, Auth::Token).await?;
        if context.dry_run_first(&self.endpoint, out)? {
            return Ok(());
        }
        let Some(client) = context.client() else {
            return Ok(());
        };
        let mut pager = client.pager(self.endpoint);
        let mut table = Table::new(self.header);
        while let Some(page) = pager.next_page().await? {
            for item in page.items {
                if self.json {
                    json_line(out, &item)?;
                } else {
                    table.row(row(item));
                }
            }
        }
        if !self.json {
            table.write(out)?;
        }
        out.flush().map_err(CliError::output)?;
        context.finish()
    }
}
