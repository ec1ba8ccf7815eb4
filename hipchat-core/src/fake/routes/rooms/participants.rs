//! The participants of a room: who is in it, and users entering and leaving it with their
//! `room_enter` / `room_exit` events.

use super::actor::sender_item;
use super::{record, user_refs, visible_room};
use crate::RoomRef;
use crate::fake::FakeHipChat;
use crate::fake::events;
use crate::fake::render;
use crate::fake::reply::{Outcome, Reply};
use crate::fake::routes::Ctx;
use crate::fake::state::State;

/// `GET /room/{room}/participant`: the users in the room; with `include-offline=true` a
/// private room's members who are not in it too. Paged.
pub(super) fn get_all_participants(ctx: &mut Ctx<'_>) -> Outcome {
    let id = visible_room(ctx, 0)?;
    let (start, max) = render::page_params(ctx.req)?;
    let include_offline = ctx.req.query_bool("include-offline", false)?;
    let room = record(ctx.state, id)?;
    let mut ids = room.participants.clone();
    if include_offline && room.privacy == "private" {
        ids.extend(room.members.iter().copied());
    }
    let all = user_refs(ctx.base(), ctx.state, ids.into_iter());
    let path = format!("/room/{id}/participant");
    let extra = [("include-offline", include_offline.to_string())];
    Ok(Reply::ok(render::page(
        ctx.base(),
        &path,
        &extra,
        all,
        start,
        max,
    )))
}

/// Adds `user` to the participants of `room` and fires `room_enter` when they were not in it.
fn enter(state: &mut State, base: &str, room: u64, user: u64) {
    let entered = state
        .rooms
        .get_mut(&room)
        .is_some_and(|r| r.participants.insert(user));
    if entered {
        fire(state, base, room, user, "room_enter");
    }
}

/// Removes `user` from the participants of `room` and fires `room_exit` when they were in it.
pub(super) fn exit(state: &mut State, base: &str, room: u64, user: u64) {
    let left = state
        .rooms
        .get_mut(&room)
        .is_some_and(|r| r.participants.remove(&user));
    if left {
        fire(state, base, room, user, "room_exit");
    }
}

/// Fires `event` (`room_enter` or `room_exit`) at `room` with `user` as the sender.
fn fire(state: &mut State, base: &str, room: u64, user: u64, event: &str) {
    let sender = render::user_ref_by_id(base, state, user);
    events::emit(state, base, room, event, sender_item(Some(&sender)), None);
}

impl FakeHipChat {
    /// Makes user `user_id` enter `room`, as opening it in a HipChat client would: the user
    /// becomes a participant (see `GetAllParticipants`) and the room's `room_enter` webhooks
    /// fire with the user as `sender`. Entering a room one is already in changes nothing.
    ///
    /// # Panics
    ///
    /// If there is no such room or user, or the room is private and the user is not a
    /// member: setting that up is a bug in the test.
    pub fn enter_room(&self, room: impl Into<RoomRef>, user_id: u64) {
        let room = room.into();
        let mut state = self.lock();
        let id = state
            .find_room(room.as_str())
            .unwrap_or_else(|| panic!("FakeHipChat::enter_room: no room {room}"));
        assert!(
            state.find_user(&user_id.to_string()).is_some(),
            "FakeHipChat::enter_room: no user {user_id}"
        );
        let allowed = state
            .rooms
            .get(&id)
            .is_some_and(|r| r.privacy != "private" || r.members.contains(&user_id));
        assert!(
            allowed,
            "FakeHipChat::enter_room: user {user_id} is not a member of the private room {room}"
        );
        enter(&mut state, Self::BASE_URL, id, user_id);
    }

    /// Makes user `user_id` leave `room`: the user is no longer a participant and the room's
    /// `room_exit` webhooks fire with the user as `sender`. Leaving a room one is not in
    /// changes nothing.
    ///
    /// # Panics
    ///
    /// If there is no such room.
    pub fn exit_room(&self, room: impl Into<RoomRef>, user_id: u64) {
        let room = room.into();
        let mut state = self.lock();
        let id = state
            .find_room(room.as_str())
            .unwrap_or_else(|| panic!("FakeHipChat::exit_room: no room {room}"));
        exit(&mut state, Self::BASE_URL, id, user_id);
    }
}

#[cfg(test)]
#[path = "participants_tests.rs"]
mod tests;
