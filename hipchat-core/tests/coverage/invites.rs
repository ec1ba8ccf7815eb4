//! The invites group's endpoints.

use crate::{Row, row};
use hipchat_core::api::invites::*;

pub fn rows() -> Vec<Row> {
    vec![row(
        "invites.invite_user_to_group",
        InviteUserToGroup::new("e@example.com", "n"),
    )]
}
