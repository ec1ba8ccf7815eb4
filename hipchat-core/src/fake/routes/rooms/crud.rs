//! Creating, listing, reading, updating and deleting rooms, and their statistics.

use serde_json::{Value, json};

use super::actor::{actor, sender_item};
use super::topic::change_topic;
use super::{can_see, record, record_mut, visible_room};
use crate::fake::FakeHipChat;
use crate::fake::body::values::as_bool;
use crate::fake::body::{Fields, check_len, wrong_type};
use crate::fake::clock::format_iso;
use crate::fake::events;
use crate::fake::render;
use crate::fake::reply::{Outcome, Reply};
use crate::fake::routes::Ctx;
use crate::fake::state::{Owner, State};

/// The values `privacy` may take.
const PRIVACY: &[&str] = &["public", "private"];

/// A user named in a body (an id as a number or string, an e-mail or an `@mention`): `400`
/// when no such user exists.
fn user_in_body(state: &State, path: &str, value: &Value) -> Result<u64, Reply> {
    let key = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => return Err(wrong_type(path, "a user id, e-mail or @mention", other)),
    };
    state
        .find_user(&key)
        .ok_or_else(|| Reply::bad_request(format!("{path} names no user of this group: {key}")))
}

/// `400` when another room (not `except`) already has this name, in any case.
fn check_unique(state: &State, name: &str, except: Option<u64>) -> Result<(), Reply> {
    let wanted = name.to_lowercase();
    let taken = state
        .rooms
        .values()
        .any(|r| Some(r.id) != except && r.name.to_lowercase() == wanted);
    if taken {
        Err(Reply::bad_request(format!(
            "Another room exists with that name: {name}"
        )))
    } else {
        Ok(())
    }
}

/// Whether `expand` asks for `what`.
fn expands(ctx: &Ctx<'_>, what: &str) -> bool {
    ctx.req
        .query("expand")
        .is_some_and(|e| e.split(',').any(|part| part.trim() == what))
}

/// `GET /room`: the rooms the caller may see; private ones unless `include-private=false`,
/// archived ones only with `include-archived=true`; `expand=items` gives full rooms. Paged.
pub(super) fn get_all_rooms(ctx: &mut Ctx<'_>) -> Outcome {
    let (start, max) = render::page_params(ctx.req)?;
    let include_private = ctx.req.query_bool("include-private", true)?;
    let include_archived = ctx.req.query_bool("include-archived", false)?;
    let full = expands(ctx, "items");
    let ctx = &*ctx;
    let base = ctx.base();
    let all: Vec<Value> = ctx
        .state
        .rooms
        .values()
        .filter(|r| include_archived || !r.is_archived)
        .filter(|r| include_private || r.privacy == "public")
        .filter(|r| can_see(ctx, r))
        .map(|r| {
            if full {
                render::room_full(base, ctx.state, r)
            } else {
                render::room_summary(base, r)
            }
        })
        .collect();
    let mut extra = vec![
        ("include-private", include_private.to_string()),
        ("include-archived", include_archived.to_string()),
    ];
    if let Some(expand) = ctx.req.query("expand") {
        extra.push(("expand", expand.to_owned()));
    }
    Ok(Reply::ok(render::page(
        base, "/room", &extra, all, start, max,
    )))
}

/// `POST /room`: `name` (1–50, unique), `privacy`, `topic` (≤ 250, nullable),
/// `delegate_admin_visibility` (nullable), `owner_user_id` (default: the caller, or the group
/// admin for a token that is not a user's), `guest_access`. 201 `{id, links{self}}`.
pub(super) fn create_room(ctx: &mut Ctx<'_>) -> Outcome {
    let body = Fields::parse(ctx.req)?;
    let name = body.required_str("name")?;
    check_len("name", name, 1, 50)?;
    let privacy = body.opt_one_of("privacy", PRIVACY)?.unwrap_or("public");
    let topic = body.nullable_str("topic")?.unwrap_or_default();
    check_len("topic", topic, 0, 250)?;
    let delegate = body.nullable_bool("delegate_admin_visibility")?;
    let guest_access = body.opt_bool("guest_access")?.unwrap_or(false);
    let owner = match body.get("owner_user_id")? {
        Some(value) => user_in_body(ctx.state, "owner_user_id", value)?,
        None => ctx.caller_user().unwrap_or(FakeHipChat::ADMIN_ID),
    };
    check_unique(ctx.state, name, None)?;
    let id = ctx.state.insert_room(name, owner);
    let room = record_mut(ctx.state, id)?;
    room.privacy = privacy.to_owned();
    room.topic = topic.to_owned();
    room.delegate_admin_visibility = delegate;
    room.is_guest_accessible = guest_access;
    if privacy == "private" {
        room.members.insert(owner);
    }
    Ok(Reply::created(json!({
        "id": id,
        "links": {"self": format!("{}/room/{id}", ctx.base())},
    })))
}

/// `GET /room/{room}`: the full room.
pub(super) fn get_room(ctx: &mut Ctx<'_>) -> Outcome {
    let id = visible_room(ctx, 0)?;
    let room = record(ctx.state, id)?;
    Ok(Reply::ok(render::room_full(ctx.base(), ctx.state, room)))
}

/// `PUT /room/{room}`: a full replacement. Required: `name`, `privacy`, `is_archived`,
/// `is_guest_accessible`, `topic`, `owner{id}`; `delegate_admin_visibility` is optional
/// (`null` restores the group default, leaving it out keeps the current value). 204.
pub(super) fn update_room(ctx: &mut Ctx<'_>) -> Outcome {
    let id = visible_room(ctx, 0)?;
    if let Some(user) = ctx.caller_user() {
        let room = record(ctx.state, id)?;
        let group_admin = ctx.state.users.get(&user).is_some_and(|u| u.is_group_admin);
        if room.owner != user && !room.admins.contains(&user) && !group_admin {
            return Err(Reply::forbidden(
                "You must be a room admin to update this room",
            ));
        }
    }
    let body = Fields::parse(ctx.req)?;
    let name = body.required_str("name")?;
    check_len("name", name, 1, 50)?;
    let privacy = body.required_one_of("privacy", PRIVACY)?;
    let is_archived = body.required_bool("is_archived")?;
    let is_guest_accessible = body.required_bool("is_guest_accessible")?;
    let topic = body.required_str("topic")?;
    check_len("topic", topic, 0, 250)?;
    let owner_object = body.required_object("owner")?;
    let owner = user_in_body(
        ctx.state,
        &owner_object.name("id"),
        owner_object.required("id")?,
    )?;
    let delegate = match body.raw("delegate_admin_visibility") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(value) => Some(Some(as_bool("delegate_admin_visibility", value)?)),
    };
    check_unique(ctx.state, name, Some(id))?;

    let by = actor(ctx);
    let room = record_mut(ctx.state, id)?;
    let archive_event = match (room.is_archived, is_archived) {
        (false, true) => Some("room_archived"),
        (true, false) => Some("room_unarchived"),
        _ => None,
    };
    room.name = name.to_owned();
    room.privacy = privacy.to_owned();
    room.is_archived = is_archived;
    room.is_guest_accessible = is_guest_accessible;
    room.owner = owner;
    if privacy == "private" {
        room.members.insert(owner);
    }
    if let Some(delegate) = delegate {
        room.delegate_admin_visibility = delegate;
    }
    room.version += 1;
    let base = ctx.req.base.as_str();
    change_topic(ctx.state, base, id, topic, &by);
    if let Some(event) = archive_event {
        events::emit(
            ctx.state,
            base,
            id,
            event,
            sender_item(by.json.as_ref()),
            None,
        );
    }
    Ok(Reply::no_content())
}

/// `DELETE /room/{room}`: fires `room_deleted`, then removes the room, its webhooks and its
/// room notification tokens. 204.
pub(super) fn delete_room(ctx: &mut Ctx<'_>) -> Outcome {
    let id = visible_room(ctx, 0)?;
    let by = actor(ctx);
    let base = ctx.req.base.as_str();
    events::emit(
        ctx.state,
        base,
        id,
        "room_deleted",
        sender_item(by.json.as_ref()),
        None,
    );
    ctx.state.webhooks.retain(|_, hook| hook.room != id);
    ctx.state
        .tokens
        .retain(|_, token| token.owner != Owner::Room(id));
    ctx.state.rooms.remove(&id);
    Ok(Reply::no_content())
}

/// `GET /room/{room}/statistics`: `messages_sent` (the whole history), `last_active` (the
/// date of the last message, `null` when there is none).
pub(super) fn get_room_statistics(ctx: &mut Ctx<'_>) -> Outcome {
    let id = visible_room(ctx, 0)?;
    let room = record(ctx.state, id)?;
    Ok(Reply::ok(json!({
        "messages_sent": room.history.len(),
        "last_active": room.history.last().map(|m| format_iso(m.date)),
        "links": {"self": format!("{}/room/{id}/statistics", ctx.base())},
    })))
}

#[cfg(test)]
#[path = "crud_tests.rs"]
mod tests;
