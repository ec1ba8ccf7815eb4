//! The oauth_sessions group's endpoints.

use crate::{Row, row};
use hipchat_core::api::oauth_sessions::*;
use hipchat_core::model::GrantType;

pub fn rows() -> Vec<Row> {
    vec![
        row(
            "oauth_sessions.generate_token",
            GenerateToken::new(GrantType::ClientCredentials),
        ),
        row("oauth_sessions.get_session", GetSession::new("t")),
        row("oauth_sessions.delete_session", DeleteSession::new("t")),
    ]
}
