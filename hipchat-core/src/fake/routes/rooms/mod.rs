//! Rooms: listing, creating, reading, updating and deleting them, their avatar, topic,
//! members, participants and statistics.
//!
//! The rules the fake applies beyond the catalogue's field checks:
//! - Private rooms are visible (listed by `GET /room`, readable by the other methods) to their
//!   owner and members, to group admins, and to tokens holding `admin_room`. Anyone else gets
//!   `403` from the methods that name such a room, and does not see it in lists.
//! - Room names are unique regardless of case: creating or renaming to a taken name is `400`.
//! - update_room with a user token needs the room's owner, a room admin (a member added with
//!   the `room_admin` role) or a group admin; other users get `403`.
//! - Members belong to private rooms only: the member methods answer `400` on a public room.
//! - A topic change (set_topic, update_room) is recorded in the history as a `topic` message
//!   from the caller, and fires `room_topic_change`. Archiving and unarchiving fire
//!   `room_archived` / `room_unarchived`, deleting fires `room_deleted` (before the room and
//!   its webhooks go), and participants entering or leaving fire `room_enter` / `room_exit`.
//!   The `sender` of these events is the caller: a user reference, or for an add-on token
//!   the OAuth client `{id, name, allowed_scopes, links}`.

use serde_json::Value;

use super::{Access, Ctx, Route};
use crate::fake::render;
use crate::fake::reply::Reply;
use crate::fake::state::{RoomRec, State};

mod actor;
mod avatar;
mod crud;
mod members;
mod participants;
mod topic;

pub(crate) const ROUTES: &[Route] = &[
    Route {
        id: "rooms.get_all_rooms",
        method: "GET",
        template: "/room",
        access: Access::Scopes(&["view_group", "view_room"]),
        flood: false,
        handler: Some(crud::get_all_rooms),
    },
    Route {
        id: "rooms.create_room",
        method: "POST",
        template: "/room",
        access: Access::Scopes(&["manage_rooms"]),
        flood: false,
        handler: Some(crud::create_room),
    },
    Route {
        id: "rooms.get_room",
        method: "GET",
        template: "/room/{room_id_or_name}",
        access: Access::Scopes(&["view_group", "view_room"]),
        flood: false,
        handler: Some(crud::get_room),
    },
    Route {
        id: "rooms.update_room",
        method: "PUT",
        template: "/room/{room_id_or_name}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(crud::update_room),
    },
    Route {
        id: "rooms.delete_room",
        method: "DELETE",
        template: "/room/{room_id_or_name}",
        access: Access::Scopes(&["manage_rooms"]),
        flood: false,
        handler: Some(crud::delete_room),
    },
    Route {
        id: "rooms.get_room_avatar",
        method: "GET",
        template: "/room/{room_id_or_name}/avatar",
        access: Access::Scopes(&["view_room"]),
        flood: false,
        handler: Some(avatar::get_room_avatar),
    },
    Route {
        id: "rooms.update_room_avatar",
        method: "PUT",
        template: "/room/{room_id_or_name}/avatar",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(avatar::update_room_avatar),
    },
    Route {
        id: "rooms.delete_room_avatar",
        method: "DELETE",
        template: "/room/{room_id_or_name}/avatar",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(avatar::delete_room_avatar),
    },
    Route {
        id: "rooms.invite_user",
        method: "POST",
        template: "/room/{room_id_or_name}/invite/{user_id_or_email}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(members::invite_user),
    },
    Route {
        id: "rooms.get_all_members",
        method: "GET",
        template: "/room/{room_id_or_name}/member",
        access: Access::Scopes(&["view_room"]),
        flood: false,
        handler: Some(members::get_all_members),
    },
    Route {
        id: "rooms.add_member",
        method: "PUT",
        template: "/room/{room_id_or_name}/member/{user_id_or_email}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(members::add_member),
    },
    Route {
        id: "rooms.remove_member",
        method: "DELETE",
        template: "/room/{room_id_or_name}/member/{user_id_or_email}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(members::remove_member),
    },
    Route {
        id: "rooms.get_all_participants",
        method: "GET",
        template: "/room/{room_id_or_name}/participant",
        access: Access::Scopes(&["view_room"]),
        flood: false,
        handler: Some(participants::get_all_participants),
    },
    Route {
        id: "rooms.get_room_statistics",
        method: "GET",
        template: "/room/{room_id_or_name}/statistics",
        access: Access::Scopes(&["view_group", "view_room"]),
        flood: false,
        handler: Some(crud::get_room_statistics),
    },
    Route {
        id: "rooms.set_topic",
        method: "PUT",
        template: "/room/{room_id_or_name}/topic",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(topic::set_topic),
    },
];

// ----- helpers (`visible_room` serves webhooks.rs too) -----

/// Whether the caller may see `room`: any public room; a private one as its owner, a member,
/// a group admin, or with a token holding `admin_room`.
fn can_see(ctx: &Ctx<'_>, room: &RoomRec) -> bool {
    if room.privacy != "private" || ctx.has_scope("admin_room") {
        return true;
    }
    ctx.caller_user().is_some_and(|user| {
        room.owner == user
            || room.members.contains(&user)
            || ctx.state.users.get(&user).is_some_and(|u| u.is_group_admin)
    })
}

/// The room named by the `i`-th path parameter: `404` when there is none, `403` when it is a
/// private room the caller may not see.
pub(super) fn visible_room(ctx: &Ctx<'_>, i: usize) -> Result<u64, Reply> {
    let id = ctx.room_param(i)?;
    match ctx.state.rooms.get(&id) {
        Some(room) if can_see(ctx, room) => Ok(id),
        Some(room) => Err(Reply::forbidden(format!(
            "You are not a member of the private room {}",
            room.name
        ))),
        None => Err(Reply::not_found(format!(
            "Room not found: {}",
            ctx.param(i)
        ))),
    }
}

/// The room record of an id found by [`visible_room`].
fn record(state: &State, id: u64) -> Result<&RoomRec, Reply> {
    state
        .rooms
        .get(&id)
        .ok_or_else(|| Reply::not_found(format!("Room not found: {id}")))
}

/// The room record of an id found by [`visible_room`], to change it.
fn record_mut(state: &mut State, id: u64) -> Result<&mut RoomRec, Reply> {
    state
        .rooms
        .get_mut(&id)
        .ok_or_else(|| Reply::not_found(format!("Room not found: {id}")))
}

/// User references of `ids`, deleted users left out.
fn user_refs(base: &str, state: &State, ids: impl Iterator<Item = u64>) -> Vec<Value> {
    ids.filter_map(|id| state.users.get(&id))
        .filter(|u| !u.is_deleted)
        .map(|u| render::user_ref(base, u))
        .collect()
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
