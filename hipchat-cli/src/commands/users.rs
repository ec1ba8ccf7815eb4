//! `hipchat users list`.

use hipchat::api::users::GetAllUsers;
use hipchat::model::User;

use crate::cli::UsersListArgs;

/// The columns of the table.
pub const HEADER: &[&str] = &["ID", "NAME", "MENTION", "EMAIL"];

/// A user as a table row.
pub fn row(user: User) -> Vec<String> {
    let mention = if user.mention_name.is_empty() {
        String::new()
    } else {
        format!("@{}", user.mention_name)
    };
    vec![
        user.id.to_string(),
        user.name,
        mention,
        user.email.unwrap_or_default(),
    ]
}

/// The request for every user the flags ask for, expanded to full profiles: list items
/// carry no e-mail otherwise.
pub fn endpoint(args: &UsersListArgs) -> GetAllUsers {
    let endpoint = GetAllUsers::new()
        .max_results(super::page_size(args.page_size))
        .expand("items");
    let endpoint = super::with_flag(endpoint, args.include_guests, GetAllUsers::include_guests);
    super::with_flag(endpoint, args.include_deleted, GetAllUsers::include_deleted)
}
