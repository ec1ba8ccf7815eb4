//! The users group's endpoints.

use crate::{Row, row};
use hipchat_core::api::users::*;
use hipchat_core::model::{FilePart, PhotoSize};

pub fn rows() -> Vec<Row> {
    vec![
        row("users.get_all_users", GetAllUsers::new()),
        row("users.create_user", CreateUser::new("n", "e@example.com")),
        row("users.view_user", ViewUser::new("u")),
        row(
            "users.update_user",
            UpdateUser::new("u", "n", "e@example.com", "m"),
        ),
        row("users.delete_user", DeleteUser::new("u")),
        row("users.get_photo", GetPhoto::new("u", PhotoSize::Small)),
        row("users.update_photo", UpdatePhoto::new("u", "cGhvdG8=")),
        row("users.delete_photo", DeletePhoto::new("u")),
        row(
            "users.private_message_user",
            PrivateMessageUser::new("u", "m"),
        ),
        row(
            "users.share_file_with_user",
            ShareFileWithUser::new("u", FilePart::new("f.txt", "text/plain", b"x".to_vec())),
        ),
        row(
            "users.share_link_with_user",
            ShareLinkWithUser::new("u", "https://example.com/"),
        ),
        row(
            "users.view_privatechat_history",
            ViewPrivatechatHistory::new("u"),
        ),
        row(
            "users.view_recent_privatechat_history",
            ViewRecentPrivatechatHistory::new("u"),
        ),
        row(
            "users.get_privatechat_message",
            GetPrivatechatMessage::new("u", "m"),
        ),
    ]
}
