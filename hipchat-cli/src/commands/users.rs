//! `hipchat users list`.

use std::io::Write;

use hipchat::api::users::GetAllUsers;

use crate::cli::{UsersCommand, UsersListArgs};
use crate::config::Settings;
use crate::context::{Auth, Context};
use crate::error::CliError;
use crate::output::{Table, json_line};

/// Runs a `users` subcommand.
pub async fn run(
    command: UsersCommand,
    settings: Settings,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match command {
        UsersCommand::List(args) => list(args, settings, out).await,
    }
}

/// Pages through every user; prints a table, or JSON Lines with `--json`.
async fn list(
    args: UsersListArgs,
    settings: Settings,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut endpoint =
        GetAllUsers::new().max_results(args.page_size.unwrap_or(super::MAX_PAGE_SIZE));
    if args.include_guests {
        endpoint = endpoint.include_guests(true);
    }
    if args.include_deleted {
        endpoint = endpoint.include_deleted(true);
    }
    let context = Context::connect(settings, Auth::Token).await?;
    if context.dry_run_first(&endpoint, out)? {
        return Ok(());
    }
    let Some(client) = context.client() else {
        return Ok(());
    };
    let mut pager = client.pager(endpoint);
    let mut table = Table::new(&["ID", "NAME", "MENTION", "EMAIL"]);
    while let Some(page) = pager.next_page().await? {
        for user in page.items {
            if args.json {
                json_line(out, &user)?;
            } else {
                let mention = if user.mention_name.is_empty() {
                    String::new()
                } else {
                    format!("@{}", user.mention_name)
                };
                table.row(vec![
                    user.id.to_string(),
                    user.name,
                    mention,
                    user.email.unwrap_or_default(),
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
