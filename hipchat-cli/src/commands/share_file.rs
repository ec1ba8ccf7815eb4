//! `hipchat share-file`: a file shared with a room or a user.

use std::io::Write;

use hipchat::api::rooms::ShareFileWithRoom;
use hipchat::api::users::ShareFileWithUser;

use crate::cli::ShareFileArgs;
use crate::config::Settings;
use crate::error::CliError;

/// Shares the file; prints nothing on success.
pub async fn run(
    args: ShareFileArgs,
    settings: Settings,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let file = hipchat::file_part_from_path(&args.path)
        .map_err(|e| CliError::usage(format!("could not read {}: {e}", args.path.display())))?;
    match args.user {
        Some(user) => {
            let share = ShareFileWithUser::new(user, file);
            let share = super::with_opt(share, args.message, ShareFileWithUser::message);
            super::send(&share, settings, out).await
        }
        None => {
            let room = super::room(args.room, &settings.defaults)?;
            let share = ShareFileWithRoom::new(room, file);
            let share = super::with_opt(share, args.message, ShareFileWithRoom::message);
            super::send(&share, settings, out).await
        }
    }
}
