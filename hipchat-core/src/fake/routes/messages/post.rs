//! Messages users post: room messages, replies, shared links, and private messages.

use serde_json::json;

use super::{FORMATS, chat_users, check_can_post, post_private, post_user_message, user_record};
use crate::fake::body::{Fields, check_len};
use crate::fake::clock;
use crate::fake::reply::{Outcome, Reply};
use crate::fake::request::FakeRequest;
use crate::fake::routes::Ctx;
use crate::fake::state::Sender;

// ----- in rooms -----

/// `POST /room/{room}/message`: 201 `{id, timestamp}`.
pub(super) fn send_message(ctx: &mut Ctx<'_>) -> Outcome {
    let req = ctx.req;
    let user = ctx.require_user()?;
    let room = ctx.room_param(0)?;
    let fields = Fields::parse(req)?;
    let text = fields.required_str("message")?;
    check_len("message", text, 1, 10_000)?;
    check_can_post(ctx, room)?;
    let record = user_record(ctx.state, user, text);
    let record = post_user_message(ctx.state, &req.base, room, record);
    Ok(Reply::created(json!({
        "id": record.id,
        "timestamp": clock::format_iso(record.date),
    })))
}

/// `POST /room/{room}/reply`: 204; `parentMessageId` must be a message of the room.
pub(super) fn reply_to_message(ctx: &mut Ctx<'_>) -> Outcome {
    let req = ctx.req;
    let user = ctx.require_user()?;
    let room = ctx.room_param(0)?;
    let fields = Fields::parse(req)?;
    let parent = fields.required_str("parentMessageId")?;
    let text = fields.required_str("message")?;
    check_len("message", text, 1, 1000)?;
    let parent_exists = ctx.state.rooms.get(&room).is_some_and(|r| {
        r.history
            .iter()
            .any(|m| m.id == parent && m.message.is_some())
    });
    if !parent_exists {
        return Err(Reply::bad_request(format!(
            "parentMessageId must be the id of a message of this room; {parent:?} is not one"
        )));
    }
    check_can_post(ctx, room)?;
    let mut record = user_record(ctx.state, user, text);
    record.parent_message_id = Some(parent.to_owned());
    post_user_message(ctx.state, &req.base, room, record);
    Ok(Reply::no_content())
}

/// The checked body of a share-link method: the text of the message it posts.
fn link_share_text(req: &FakeRequest) -> Result<String, Reply> {
    let fields = Fields::parse(req)?;
    let link = fields.required_str("link")?;
    check_len("link", link, 10, 1000)?;
    let absolute = url::Url::parse(link).is_ok_and(|url| url.has_host());
    if !absolute {
        return Err(Reply::bad_request(format!(
            "link must be an absolute URL, not {link:?}"
        )));
    }
    let message = fields.opt_str("message")?.unwrap_or_default();
    check_len("message", message, 0, 1000)?;
    Ok(if message.is_empty() {
        link.to_owned()
    } else {
        format!("{message} {link}")
    })
}

/// `POST /room/{room}/share/link`: 204, a message with the link.
pub(super) fn share_link_with_room(ctx: &mut Ctx<'_>) -> Outcome {
    let req = ctx.req;
    let user = ctx.require_user()?;
    let room = ctx.room_param(0)?;
    let text = link_share_text(req)?;
    check_can_post(ctx, room)?;
    let record = user_record(ctx.state, user, &text);
    post_user_message(ctx.state, &req.base, room, record);
    Ok(Reply::no_content())
}

// ----- in private chats -----

/// `POST /user/{user}/message`: 204, a message in the private chat.
pub(super) fn private_message_user(ctx: &mut Ctx<'_>) -> Outcome {
    let (me, them) = chat_users(ctx)?;
    let fields = Fields::parse(ctx.req)?;
    let text = fields.required_str("message")?;
    check_len("message", text, 1, 10_000)?;
    fields.opt_loose_bool("notify")?;
    let format = fields
        .opt_one_of("message_format", FORMATS)?
        .unwrap_or("text");
    let record = if format == "text" {
        user_record(ctx.state, me, text)
    } else {
        let mut record = ctx
            .state
            .new_message(Sender::User(me), "message", text.to_owned());
        record.message_format = Some(format.to_owned());
        record
    };
    post_private(ctx.state, me, them, record);
    Ok(Reply::no_content())
}

/// `POST /user/{user}/share/link`: 204.
pub(super) fn share_link_with_user(ctx: &mut Ctx<'_>) -> Outcome {
    let (me, them) = chat_users(ctx)?;
    let text = link_share_text(ctx.req)?;
    let record = user_record(ctx.state, me, &text);
    post_private(ctx.state, me, them, record);
    Ok(Reply::no_content())
}

#[cfg(test)]
#[path = "post_tests.rs"]
mod tests;
