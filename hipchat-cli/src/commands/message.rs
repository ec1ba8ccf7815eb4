//! `hipchat message`: a message into a room as the token's user, or a private message.

use std::io::Write;

use hipchat::api::rooms::SendMessage;
use hipchat::api::users::PrivateMessageUser;
use hipchat::model::MessageFormat;

use crate::cli::{FormatArg, MessageArgs};
use crate::config::Settings;
use crate::context::{Auth, Context};
use crate::error::CliError;
use crate::input::message_text;

/// Sends the message. A room message prints the new message's id; a private message prints
/// nothing.
pub async fn run(
    args: MessageArgs,
    settings: Settings,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match args.user {
        Some(user) => {
            let message = message_text(args.message, settings.quiet)?;
            let format = args.format.unwrap_or(FormatArg::Text);
            let private =
                PrivateMessageUser::new(user, message).message_format(MessageFormat::from(format));
            let private = super::with_flag(private, args.notify, PrivateMessageUser::notify);
            super::send(&private, settings, out).await
        }
        None => {
            // Checked here rather than by clap, which skips `requires` for an argument that
            // conflicts with one given (--room).
            if args.notify || args.format.is_some() {
                return Err(CliError::usage(
                    "--notify and --format apply to private messages only: add --user, or use                      `hipchat notify` for a room",
                ));
            }
            let room = super::room(args.room, &settings.defaults)?;
            let message = message_text(args.message, settings.quiet)?;
            let context = Context::connect(settings, Auth::Token).await?;
            if let Some(sent) = context.send(&SendMessage::new(room, message), out).await? {
                writeln!(out, "{}", sent.id).map_err(CliError::output)?;
            }
            context.finish()
        }
    }
}
