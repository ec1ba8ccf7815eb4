//! The users group's endpoints.

use crate::{Row, row};
use hipchat_core::api::users::*;

pub fn rows() -> Vec<Row> {
    vec![
        row("users.get_all_users", GetAllUsers::new()),
        row("users.view_user", ViewUser::new("u")),
        row("users.private_message_user", PrivateMessageUser::new("u", "m")),
    ]
}
