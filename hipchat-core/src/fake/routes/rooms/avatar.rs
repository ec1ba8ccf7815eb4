//! A room's avatar: the redirect to it, replacing it with a base64 image, removing it.

use base64::Engine;

use super::{record, record_mut, visible_room};
use crate::fake::body::Fields;
use crate::fake::reply::{Outcome, Reply};
use crate::fake::routes::Ctx;

/// `GET /room/{room}/avatar`: 302 to the avatar, 404 when the room has none.
pub(super) fn get_room_avatar(ctx: &mut Ctx<'_>) -> Outcome {
    let id = visible_room(ctx, 0)?;
    let room = record(ctx.state, id)?;
    match &room.avatar_url {
        Some(url) => Ok(Reply::redirect(url.clone())),
        None => Err(Reply::not_found(format!(
            "Room {} has no avatar",
            room.name
        ))),
    }
}

/// `PUT /room/{room}/avatar`: `{avatar}`, the base64-encoded image (required). The room's
/// `avatar_url` becomes a new fake URL. 204.
pub(super) fn update_room_avatar(ctx: &mut Ctx<'_>) -> Outcome {
    let id = visible_room(ctx, 0)?;
    let body = Fields::parse(ctx.req)?;
    let avatar = body.required_str("avatar")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(avatar)
        .map_err(|e| {
            Reply::bad_request(format!("avatar must be base64-encoded image data: {e}"))
        })?;
    if decoded.is_empty() {
        return Err(Reply::bad_request("avatar must not be empty"));
    }
    let room = record_mut(ctx.state, id)?;
    room.version += 1;
    room.avatar_url = Some(format!(
        "https://hipchat.fake/avatars/room/{id}/{:08X}.png",
        room.version
    ));
    Ok(Reply::no_content())
}

/// `DELETE /room/{room}/avatar`: back to no avatar. 204.
pub(super) fn delete_room_avatar(ctx: &mut Ctx<'_>) -> Outcome {
    let id = visible_room(ctx, 0)?;
    let room = record_mut(ctx.state, id)?;
    if room.avatar_url.take().is_some() {
        room.version += 1;
    }
    Ok(Reply::no_content())
}

#[cfg(test)]
#[path = "avatar_tests.rs"]
mod tests;
