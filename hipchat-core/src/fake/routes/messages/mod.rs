//! Messages: room notifications, room messages, replies, shared links and files, private
//! messages, and the history of rooms and private chats.
//!
//! Choices where the catalogue is silent or unconfirmed:
//! - Posting into an archived room answers 403: the request is well formed, the room just does
//!   not take messages any more.
//! - A private room takes messages from, and shows its history to, its owner, its members and
//!   group admins; other user tokens get 403. Add-on and room tokens are not restricted.
//! - `send_message` takes 1 to 10 000 characters, like the other message bodies (the catalogue
//!   found no limit); `reply_to_message` takes 1 to 1000 (single source).
//! - A `parentMessageId` that is not a message of the room is a bad argument (400), not a
//!   missing resource: 404 is kept for the room of the path.
//! - A notification's `from` takes at most 64 characters and `attach_to` at most 36 (both
//!   unconfirmed); an `attach_to` naming no message of the room falls back to a plain
//!   notification, as documented.
//! - `timezone` must look like a tz database name; dates are always written in UTC with an
//!   explicit `+00:00` offset, which names the same instants.
//! - Sharing a file posts a message carrying the file (a `room_message` event) and also fires
//!   `room_file_upload`.
//! - Messaging yourself is allowed: no source says otherwise.

use serde_json::json;

use super::{Access, Ctx, Route};
use crate::fake::events;
use crate::fake::render;
use crate::fake::reply::Reply;
use crate::fake::state::{MessageRec, Sender, State};

mod card;
mod history;
mod multipart;
mod notification;
mod post;
mod share_file;

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

/// The routes of this file, in catalogue order.
pub(crate) const ROUTES: &[Route] = &[
    Route {
        id: "rooms.get_room_message",
        method: "GET",
        template: "/room/{room_id_or_name}/history/{message_id}",
        access: Access::Scopes(&["view_messages"]),
        flood: false,
        handler: Some(history::get_room_message),
    },
    Route {
        id: "rooms.view_room_history",
        method: "GET",
        template: "/room/{room_id_or_name}/history",
        access: Access::Scopes(&["view_messages"]),
        flood: false,
        handler: Some(history::view_room_history),
    },
    Route {
        id: "rooms.view_recent_room_history",
        method: "GET",
        template: "/room/{room_id_or_name}/history/latest",
        access: Access::Scopes(&["view_messages"]),
        flood: false,
        handler: Some(history::view_recent_room_history),
    },
    Route {
        id: "rooms.send_message",
        method: "POST",
        template: "/room/{room_id_or_name}/message",
        access: Access::Scopes(&["send_message"]),
        flood: true,
        handler: Some(post::send_message),
    },
    Route {
        id: "rooms.send_room_notification",
        method: "POST",
        template: "/room/{room_id_or_name}/notification",
        access: Access::Scopes(&["send_notification"]),
        flood: true,
        handler: Some(notification::send_room_notification),
    },
    Route {
        id: "rooms.reply_to_message",
        method: "POST",
        template: "/room/{room_id_or_name}/reply",
        access: Access::Scopes(&["send_message"]),
        flood: true,
        handler: Some(post::reply_to_message),
    },
    Route {
        id: "rooms.share_file_with_room",
        method: "POST",
        template: "/room/{room_id_or_name}/share/file",
        access: Access::Scopes(&["send_message"]),
        flood: true,
        handler: Some(share_file::share_file_with_room),
    },
    Route {
        id: "rooms.share_link_with_room",
        method: "POST",
        template: "/room/{room_id_or_name}/share/link",
        access: Access::Scopes(&["send_message"]),
        flood: true,
        handler: Some(post::share_link_with_room),
    },
    Route {
        id: "users.private_message_user",
        method: "POST",
        template: "/user/{id_or_email}/message",
        access: Access::Scopes(&["send_message"]),
        flood: true,
        handler: Some(post::private_message_user),
    },
    Route {
        id: "users.share_file_with_user",
        method: "POST",
        template: "/user/{id_or_email}/share/file",
        access: Access::Scopes(&["send_message"]),
        flood: true,
        handler: Some(share_file::share_file_with_user),
    },
    Route {
        id: "users.share_link_with_user",
        method: "POST",
        template: "/user/{id_or_email}/share/link",
        access: Access::Scopes(&["send_message"]),
        flood: true,
        handler: Some(post::share_link_with_user),
    },
    Route {
        id: "users.view_privatechat_history",
        method: "GET",
        template: "/user/{id_or_email}/history",
        access: Access::Scopes(&["view_messages"]),
        flood: false,
        handler: Some(history::view_privatechat_history),
    },
    Route {
        id: "users.view_recent_privatechat_history",
        method: "GET",
        template: "/user/{id_or_email}/history/latest",
        access: Access::Scopes(&["view_messages"]),
        flood: false,
        handler: Some(history::view_recent_privatechat_history),
    },
    Route {
        id: "users.get_privatechat_message",
        method: "GET",
        template: "/user/{id_or_email}/history/{message_id}",
        access: Access::Scopes(&["view_messages"]),
        flood: false,
        handler: Some(history::get_privatechat_message),
    },
];

/// The values of `message_format`.
const FORMATS: &[&str] = &["html", "text"];

// ----- who may post and read where -----

/// Whether the caller may see and post in room `id`: anyone in a public room; in a private
/// room its owner, its members, group admins and non-user tokens.
pub(super) fn check_room_access(ctx: &Ctx<'_>, id: u64) -> Result<(), Reply> {
    let Some(room) = ctx.state.rooms.get(&id) else {
        return Err(Reply::not_found(format!("Room not found: {id}")));
    };
    if room.privacy != "private" {
        return Ok(());
    }
    let Some(user) = ctx.caller_user() else {
        return Ok(());
    };
    let admin = ctx.state.users.get(&user).is_some_and(|u| u.is_group_admin);
    if admin || room.owner == user || room.members.contains(&user) {
        Ok(())
    } else {
        Err(Reply::forbidden(format!(
            "Only members of the private room {} may do this",
            room.name
        )))
    }
}

/// Room `id` must take messages from the caller: not archived, and visible to the caller.
pub(super) fn check_can_post(ctx: &Ctx<'_>, id: u64) -> Result<(), Reply> {
    check_room_access(ctx, id)?;
    match ctx.state.rooms.get(&id) {
        Some(room) if room.is_archived => Err(Reply::forbidden(format!(
            "The room {} is archived and takes no messages",
            room.name
        ))),
        _ => Ok(()),
    }
}

/// The caller (a user) and the user of the path, for the private-chat methods.
pub(super) fn chat_users(ctx: &Ctx<'_>) -> Result<(u64, u64), Reply> {
    let me = ctx.require_user()?;
    let them = ctx.user_param(0)?;
    Ok((me, them))
}

// ----- recording messages -----

/// The users `@mention`ed in a text message, in order of first mention.
pub(super) fn mentions(state: &State, text: &str) -> Vec<u64> {
    let mut found = Vec::new();
    let mut previous: Option<char> = None;
    for (i, c) in text.char_indices() {
        let at_word_start = previous.is_none_or(|p| !(p.is_alphanumeric() || p == '_'));
        previous = Some(c);
        if c != '@' || !at_word_start {
            continue;
        }
        let rest = &text[i + 1..];
        let end = rest
            .find(|ch: char| !(ch.is_alphanumeric() || matches!(ch, '_' | '.' | '-')))
            .unwrap_or(rest.len());
        let name = rest[..end].trim_end_matches(['.', '-']);
        if name.is_empty() {
            continue;
        }
        if let Some(user) = state.find_user(&format!("@{name}")) {
            if !found.contains(&user) {
                found.push(user);
            }
        }
    }
    found
}

/// A message from user `user` with text `text` (and mentions resolved).
pub(super) fn user_record(state: &mut State, user: u64, text: &str) -> MessageRec {
    let mentioned = mentions(state, text);
    let mut record = state.new_message(Sender::User(user), "message", text.to_owned());
    record.mentions = mentioned;
    record
}

/// Appends `record` to the history of room `room` and fires `room_message` (and
/// `room_file_upload` for a file) at the room's webhooks.
pub(super) fn post_user_message(
    state: &mut State,
    base: &str,
    room: u64,
    record: MessageRec,
) -> MessageRec {
    if let Some(target) = state.rooms.get_mut(&room) {
        target.history.push(record.clone());
    }
    let rendered = render::message(base, state, &record);
    let text = record.message.clone().unwrap_or_default();
    events::emit(
        state,
        base,
        room,
        "room_message",
        json!({"message": rendered}),
        Some(&text),
    );
    if let (Some(file), Sender::User(user)) = (&record.file, &record.from) {
        let sender = render::user_ref_by_id(base, state, *user);
        events::emit(
            state,
            base,
            room,
            "room_file_upload",
            json!({"file": file, "sender": sender}),
            None,
        );
    }
    record
}

/// Appends `record` to the private chat of `a` and `b`.
pub(super) fn post_private(state: &mut State, a: u64, b: u64, record: MessageRec) {
    state
        .private_chats
        .entry(State::chat_key(a, b))
        .or_default()
        .push(record);
}
