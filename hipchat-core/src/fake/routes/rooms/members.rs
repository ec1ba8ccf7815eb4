//! The members of private rooms: invitations, the member list, adding and removing members.

use super::participants::exit;
use super::{record, record_mut, user_refs, visible_room};
use crate::fake::body::{Fields, check_len, one_of};
use crate::fake::render;
use crate::fake::reply::{Outcome, Reply};
use crate::fake::routes::Ctx;
use crate::fake::state::RoomRec;

/// The roles add_member's `room_roles` may hold.
const ROOM_ROLES: &[&str] = &["room_admin", "room_member"];

/// `400` for the member methods on a public room.
fn require_private(room: &RoomRec) -> Result<(), Reply> {
    if room.privacy == "private" {
        Ok(())
    } else {
        Err(Reply::bad_request(format!(
            "Room {} is public: only private rooms have members",
            room.name
        )))
    }
}

/// `POST /room/{room}/invite/{user}`: user tokens only; optional `{reason}` (1–250). Inviting
/// to a public room changes nothing the API shows; inviting to a private room makes the user
/// a member. 204.
pub(super) fn invite_user(ctx: &mut Ctx<'_>) -> Outcome {
    ctx.require_user()?;
    let id = visible_room(ctx, 0)?;
    let user = ctx.user_param(1)?;
    let body = Fields::parse_optional(ctx.req)?;
    if let Some(reason) = body.opt_str("reason")? {
        check_len("reason", reason, 1, 250)?;
    }
    let room = record_mut(ctx.state, id)?;
    if room.privacy == "private" {
        room.members.insert(user);
    }
    Ok(Reply::no_content())
}

/// `GET /room/{room}/member`: the members of a private room (400 for a public one). Paged.
pub(super) fn get_all_members(ctx: &mut Ctx<'_>) -> Outcome {
    let id = visible_room(ctx, 0)?;
    let (start, max) = render::page_params(ctx.req)?;
    let room = record(ctx.state, id)?;
    require_private(room)?;
    let all = user_refs(ctx.base(), ctx.state, room.members.iter().copied());
    let path = format!("/room/{id}/member");
    Ok(Reply::ok(render::page(
        ctx.base(),
        &path,
        &[],
        all,
        start,
        max,
    )))
}

/// `PUT /room/{room}/member/{user}`: adds a member to a private room (400 for a public one);
/// optional `{room_roles: ["room_admin" | "room_member"]}`, `room_member` when left out. The
/// roles replace those the member had. 204.
pub(super) fn add_member(ctx: &mut Ctx<'_>) -> Outcome {
    let id = visible_room(ctx, 0)?;
    let user = ctx.user_param(1)?;
    let body = Fields::parse_optional(ctx.req)?;
    let mut room_admin = false;
    for role in body.opt_strings("room_roles")?.unwrap_or_default() {
        room_admin |= one_of("room_roles", &role, ROOM_ROLES)? == "room_admin";
    }
    let room = record_mut(ctx.state, id)?;
    require_private(room)?;
    room.members.insert(user);
    if room_admin {
        room.admins.insert(user);
    } else {
        room.admins.remove(&user);
    }
    Ok(Reply::no_content())
}

/// `DELETE /room/{room}/member/{user}`: removes a member of a private room (400 for a public
/// one or for the owner, 404 for a user who is not a member); a member in the room leaves it
/// (`room_exit`). 204.
pub(super) fn remove_member(ctx: &mut Ctx<'_>) -> Outcome {
    let id = visible_room(ctx, 0)?;
    let user = ctx.user_param(1)?;
    let room = record_mut(ctx.state, id)?;
    require_private(room)?;
    if room.owner == user {
        return Err(Reply::bad_request(format!(
            "The owner of room {} cannot be removed from its members",
            room.name
        )));
    }
    room.admins.remove(&user);
    if !room.members.remove(&user) {
        return Err(Reply::not_found(format!(
            "User {} is not a member of room {}",
            user, room.name
        )));
    }
    let base = ctx.req.base.as_str();
    exit(ctx.state, base, id, user);
    Ok(Reply::no_content())
}

#[cfg(test)]
#[path = "members_tests.rs"]
mod tests;
