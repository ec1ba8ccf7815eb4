//! `hipchat rooms list`.

use std::io::Write;

use hipchat::api::rooms::GetAllRooms;

use crate::cli::{RoomsCommand, RoomsListArgs};
use crate::config::Settings;
use crate::context::{Auth, Context};
use crate::error::CliError;
use crate::output::{Table, json_line};

/// Runs a `rooms` subcommand.
pub async fn run(
    command: RoomsCommand,
    settings: Settings,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match command {
        RoomsCommand::List(args) => list(args, settings, out).await,
    }
}

/// Pages through every room; prints a table, or JSON Lines with `--json`.
async fn list(
    args: RoomsListArgs,
    settings: Settings,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut endpoint =
        GetAllRooms::new().max_results(args.page_size.unwrap_or(super::MAX_PAGE_SIZE));
    if args.include_private {
        endpoint = endpoint.include_private(true);
    }
    if args.include_archived {
        endpoint = endpoint.include_archived(true);
    }
    let context = Context::connect(settings, Auth::Token).await?;
    if context.dry_run_first(&endpoint, out)? {
        return Ok(());
    }
    let Some(client) = context.client() else {
        return Ok(());
    };
    let mut pager = client.pager(endpoint);
    let mut table = Table::new(&["ID", "NAME", "PRIVACY", "ARCHIVED"]);
    while let Some(page) = pager.next_page().await? {
        for room in page.items {
            if args.json {
                json_line(out, &room)?;
            } else {
                table.row(vec![
                    room.id.to_string(),
                    room.name,
                    room.privacy.map(|p| p.to_string()).unwrap_or_default(),
                    room.is_archived
                        .map(|a| if a { "yes" } else { "no" }.to_owned())
                        .unwrap_or_default(),
                ]);
            }
        }
    }
    if !args.json {
        table.write(out)?;
    }
    out.flush().map_err(CliError::output)?;
    context.finish()
}
