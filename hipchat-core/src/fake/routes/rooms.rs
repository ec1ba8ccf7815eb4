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

use base64::Engine;
use serde_json::{Map, Value, json};

use super::{Access, Caller, Ctx, Route};
use crate::RoomRef;
use crate::fake::FakeHipChat;
use crate::fake::clock::format_iso;
use crate::fake::events;
use crate::fake::render;
use crate::fake::reply::{Outcome, Reply};
use crate::fake::state::{Owner, RoomRec, Sender, State};

pub(crate) const ROUTES: &[Route] = &[
    Route {
        id: "rooms.get_all_rooms",
        method: "GET",
        template: "/room",
        access: Access::Scopes(&["view_group", "view_room"]),
        flood: false,
        handler: Some(get_all_rooms),
    },
    Route {
        id: "rooms.create_room",
        method: "POST",
        template: "/room",
        access: Access::Scopes(&["manage_rooms"]),
        flood: false,
        handler: Some(create_room),
    },
    Route {
        id: "rooms.get_room",
        method: "GET",
        template: "/room/{room_id_or_name}",
        access: Access::Scopes(&["view_group", "view_room"]),
        flood: false,
        handler: Some(get_room),
    },
    Route {
        id: "rooms.update_room",
        method: "PUT",
        template: "/room/{room_id_or_name}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(update_room),
    },
    Route {
        id: "rooms.delete_room",
        method: "DELETE",
        template: "/room/{room_id_or_name}",
        access: Access::Scopes(&["manage_rooms"]),
        flood: false,
        handler: Some(delete_room),
    },
    Route {
        id: "rooms.get_room_avatar",
        method: "GET",
        template: "/room/{room_id_or_name}/avatar",
        access: Access::Scopes(&["view_room"]),
        flood: false,
        handler: Some(get_room_avatar),
    },
    Route {
        id: "rooms.update_room_avatar",
        method: "PUT",
        template: "/room/{room_id_or_name}/avatar",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(update_room_avatar),
    },
    Route {
        id: "rooms.delete_room_avatar",
        method: "DELETE",
        template: "/room/{room_id_or_name}/avatar",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(delete_room_avatar),
    },
    Route {
        id: "rooms.invite_user",
        method: "POST",
        template: "/room/{room_id_or_name}/invite/{user_id_or_email}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(invite_user),
    },
    Route {
        id: "rooms.get_all_members",
        method: "GET",
        template: "/room/{room_id_or_name}/member",
        access: Access::Scopes(&["view_room"]),
        flood: false,
        handler: Some(get_all_members),
    },
    Route {
        id: "rooms.add_member",
        method: "PUT",
        template: "/room/{room_id_or_name}/member/{user_id_or_email}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(add_member),
    },
    Route {
        id: "rooms.remove_member",
        method: "DELETE",
        template: "/room/{room_id_or_name}/member/{user_id_or_email}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(remove_member),
    },
    Route {
        id: "rooms.get_all_participants",
        method: "GET",
        template: "/room/{room_id_or_name}/participant",
        access: Access::Scopes(&["view_room"]),
        flood: false,
        handler: Some(get_all_participants),
    },
    Route {
        id: "rooms.get_room_statistics",
        method: "GET",
        template: "/room/{room_id_or_name}/statistics",
        access: Access::Scopes(&["view_group", "view_room"]),
        flood: false,
        handler: Some(get_room_statistics),
    },
    Route {
        id: "rooms.set_topic",
        method: "PUT",
        template: "/room/{room_id_or_name}/topic",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(set_topic),
    },
];

// ----- helpers (the `pub(super)` ones serve webhooks.rs too) -----

/// The values `privacy` may take.
const PRIVACY: &[&str] = &["public", "private"];

/// The roles add_member's `room_roles` may hold.
const ROOM_ROLES: &[&str] = &["room_admin", "room_member"];

/// Whether the caller may see `room`: any public room; a private one as its owner, a member,
/// a group admin, or with a token holding `admin_room`.
pub(super) fn can_see(ctx: &Ctx<'_>, room: &RoomRec) -> bool {
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

/// A 400 with HipChat's error body.
fn bad(message: String) -> Reply {
    Reply::bad_request(message)
}

/// A required field: `400` when it is missing or `null`.
pub(super) fn required<'a>(body: &'a Map<String, Value>, name: &str) -> Result<&'a Value, Reply> {
    match body.get(name) {
        None => Err(bad(format!("Missing required field '{name}'"))),
        Some(Value::Null) => Err(bad(format!("The field '{name}' must not be null"))),
        Some(value) => Ok(value),
    }
}

/// An optional field that may be left out but not sent as `null` (HipChat answered `400`).
pub(super) fn optional<'a>(
    body: &'a Map<String, Value>,
    name: &str,
) -> Result<Option<&'a Value>, Reply> {
    match body.get(name) {
        None => Ok(None),
        Some(Value::Null) => Err(bad(format!(
            "The field '{name}' must be left out rather than sent as null"
        ))),
        Some(value) => Ok(Some(value)),
    }
}

/// An optional field whose `null` means "not set" (documented as nullable).
fn nullable<'a>(body: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    body.get(name).filter(|v| !v.is_null())
}

/// The value as a string, or `400`.
pub(super) fn as_str<'a>(name: &str, value: &'a Value) -> Result<&'a str, Reply> {
    value
        .as_str()
        .ok_or_else(|| bad(format!("The field '{name}' must be a string, not {value}")))
}

/// The value as a boolean, or `400`.
pub(super) fn as_bool(name: &str, value: &Value) -> Result<bool, Reply> {
    value.as_bool().ok_or_else(|| {
        bad(format!(
            "The field '{name}' must be true or false, not {value}"
        ))
    })
}

/// `400` unless `value` has `min..=max` characters.
pub(super) fn check_len(name: &str, value: &str, min: usize, max: usize) -> Result<(), Reply> {
    let len = value.chars().count();
    if (min..=max).contains(&len) {
        Ok(())
    } else {
        Err(bad(format!(
            "The field '{name}' must be {min} to {max} characters long (got {len})"
        )))
    }
}

/// `400` unless `value` is one of `allowed`.
pub(super) fn one_of(name: &str, value: &str, allowed: &[&str]) -> Result<(), Reply> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(bad(format!(
            "The field '{name}' must be one of {}, not {value:?}",
            allowed.join(", ")
        )))
    }
}

/// The body as a JSON object, or an empty one when the body is empty (methods whose body is
/// optional).
fn optional_body(ctx: &Ctx<'_>) -> Result<Map<String, Value>, Reply> {
    if ctx.req.body.iter().all(u8::is_ascii_whitespace) {
        Ok(Map::new())
    } else {
        ctx.req.json_object()
    }
}

/// A user named in a body (an id as a number or string, an e-mail or an `@mention`): `400`
/// when no such user exists.
fn user_in_body(state: &State, name: &str, value: &Value) -> Result<u64, Reply> {
    let key = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => {
            return Err(bad(format!(
                "The field '{name}' must be a user id, e-mail or @mention, not {other}"
            )));
        }
    };
    state.find_user(&key).ok_or_else(|| {
        bad(format!(
            "The field '{name}' names no user of this group: {key}"
        ))
    })
}

/// `400` when another room (not `except`) already has this name, in any case.
fn check_unique(state: &State, name: &str, except: Option<u64>) -> Result<(), Reply> {
    let wanted = name.to_lowercase();
    let taken = state
        .rooms
        .values()
        .any(|r| Some(r.id) != except && r.name.to_lowercase() == wanted);
    if taken {
        Err(bad(format!("Another room exists with that name: {name}")))
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

/// Who acts: the `sender` of webhook payloads and the `from` of history messages.
pub(super) struct Actor {
    /// The sender object of payloads; `None` when the token is neither a user's nor an
    /// add-on's.
    pub json: Option<Value>,
    /// The author of history messages.
    pub from: Sender,
}

/// The caller as an [`Actor`].
pub(super) fn actor(ctx: &Ctx<'_>) -> Actor {
    match &ctx.caller {
        Caller::Token {
            owner: Owner::User(id),
            ..
        } => Actor {
            json: Some(render::user_ref_by_id(ctx.base(), ctx.state, *id)),
            from: Sender::User(*id),
        },
        Caller::Token {
            owner: Owner::Client(client_id),
            scopes,
            ..
        } => {
            let client = ctx.state.oauth_clients.get(client_id);
            let name = client.map_or_else(|| client_id.clone(), |c| c.name.clone());
            let allowed = client.map_or(scopes, |c| &c.scopes);
            Actor {
                json: Some(json!({
                    "id": client_id,
                    "name": name,
                    "allowed_scopes": allowed,
                    "links": {},
                })),
                from: Sender::Label(name),
            }
        }
        _ => Actor {
            json: None,
            from: Sender::Label(String::new()),
        },
    }
}

/// An event item holding only the sender (the room is added by [`events::emit`]).
fn sender_item(sender: Option<&Value>) -> Value {
    let mut item = json!({});
    if let Some(sender) = sender {
        item["sender"] = sender.clone();
    }
    item
}

/// Sets the topic of `room`, records the `topic` message and fires `room_topic_change`;
/// nothing happens when the topic is unchanged.
fn change_topic(state: &mut State, base: &str, room: u64, topic: &str, by: &Actor) {
    let Some(record) = state.rooms.get(&room) else {
        return;
    };
    if record.topic == topic {
        return;
    }
    let message = state.new_message(by.from.clone(), "topic", topic.to_owned());
    if let Some(record) = state.rooms.get_mut(&room) {
        record.topic = topic.to_owned();
        record.version += 1;
        record.history.push(message);
    }
    let mut item = sender_item(by.json.as_ref());
    item["topic"] = json!(topic);
    events::emit(state, base, room, "room_topic_change", item, None);
}

/// Adds `user` to the participants of `room` and fires `room_enter` when they were not in it.
fn enter(state: &mut State, base: &str, room: u64, user: u64) {
    let entered = state
        .rooms
        .get_mut(&room)
        .is_some_and(|r| r.participants.insert(user));
    if entered {
        let sender = render::user_ref_by_id(base, state, user);
        events::emit(
            state,
            base,
            room,
            "room_enter",
            sender_item(Some(&sender)),
            None,
        );
    }
}

/// Removes `user` from the participants of `room` and fires `room_exit` when they were in it.
fn exit(state: &mut State, base: &str, room: u64, user: u64) {
    let left = state
        .rooms
        .get_mut(&room)
        .is_some_and(|r| r.participants.remove(&user));
    if left {
        let sender = render::user_ref_by_id(base, state, user);
        events::emit(
            state,
            base,
            room,
            "room_exit",
            sender_item(Some(&sender)),
            None,
        );
    }
}

/// `400` for the member methods on a public room.
fn require_private(room: &RoomRec) -> Result<(), Reply> {
    if room.privacy == "private" {
        Ok(())
    } else {
        Err(bad(format!(
            "Room {} is public: only private rooms have members",
            room.name
        )))
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

// ----- handlers -----

/// `GET /room`: the rooms the caller may see; private ones unless `include-private=false`,
/// archived ones only with `include-archived=true`; `expand=items` gives full rooms. Paged.
fn get_all_rooms(ctx: &mut Ctx<'_>) -> Outcome {
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
fn create_room(ctx: &mut Ctx<'_>) -> Outcome {
    let body = ctx.req.json_object()?;
    let name = as_str("name", required(&body, "name")?)?;
    check_len("name", name, 1, 50)?;
    let privacy = match optional(&body, "privacy")? {
        Some(value) => {
            let privacy = as_str("privacy", value)?;
            one_of("privacy", privacy, PRIVACY)?;
            privacy
        }
        None => "public",
    };
    let topic = match nullable(&body, "topic") {
        Some(value) => {
            let topic = as_str("topic", value)?;
            check_len("topic", topic, 0, 250)?;
            topic
        }
        None => "",
    };
    let delegate = nullable(&body, "delegate_admin_visibility")
        .map(|v| as_bool("delegate_admin_visibility", v))
        .transpose()?;
    let guest_access = optional(&body, "guest_access")?
        .map(|v| as_bool("guest_access", v))
        .transpose()?
        .unwrap_or(false);
    let owner = match optional(&body, "owner_user_id")? {
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
fn get_room(ctx: &mut Ctx<'_>) -> Outcome {
    let id = visible_room(ctx, 0)?;
    let room = record(ctx.state, id)?;
    Ok(Reply::ok(render::room_full(ctx.base(), ctx.state, room)))
}

/// `PUT /room/{room}`: a full replacement. Required: `name`, `privacy`, `is_archived`,
/// `is_guest_accessible`, `topic`, `owner{id}`; `delegate_admin_visibility` is optional
/// (`null` restores the group default, leaving it out keeps the current value). 204.
fn update_room(ctx: &mut Ctx<'_>) -> Outcome {
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
    let body = ctx.req.json_object()?;
    let name = as_str("name", required(&body, "name")?)?;
    check_len("name", name, 1, 50)?;
    let privacy = as_str("privacy", required(&body, "privacy")?)?;
    one_of("privacy", privacy, PRIVACY)?;
    let is_archived = as_bool("is_archived", required(&body, "is_archived")?)?;
    let is_guest_accessible = as_bool(
        "is_guest_accessible",
        required(&body, "is_guest_accessible")?,
    )?;
    let topic = as_str("topic", required(&body, "topic")?)?;
    check_len("topic", topic, 0, 250)?;
    let owner = match required(&body, "owner")? {
        Value::Object(owner) => match owner.get("id") {
            None | Some(Value::Null) => {
                return Err(bad("Missing required field 'owner.id'".to_owned()));
            }
            Some(value) => user_in_body(ctx.state, "owner.id", value)?,
        },
        other => {
            return Err(bad(format!(
                "The field 'owner' must be an object {{\"id\": ...}}, not {other}"
            )));
        }
    };
    let delegate = match body.get("delegate_admin_visibility") {
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
fn delete_room(ctx: &mut Ctx<'_>) -> Outcome {
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

/// `GET /room/{room}/avatar`: 302 to the avatar, 404 when the room has none.
fn get_room_avatar(ctx: &mut Ctx<'_>) -> Outcome {
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
fn update_room_avatar(ctx: &mut Ctx<'_>) -> Outcome {
    let id = visible_room(ctx, 0)?;
    let body = ctx.req.json_object()?;
    let avatar = as_str("avatar", required(&body, "avatar")?)?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(avatar)
        .map_err(|e| {
            bad(format!(
                "The field 'avatar' must be base64-encoded image data: {e}"
            ))
        })?;
    if decoded.is_empty() {
        return Err(bad("The field 'avatar' must not be empty".to_owned()));
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
fn delete_room_avatar(ctx: &mut Ctx<'_>) -> Outcome {
    let id = visible_room(ctx, 0)?;
    let room = record_mut(ctx.state, id)?;
    if room.avatar_url.take().is_some() {
        room.version += 1;
    }
    Ok(Reply::no_content())
}

/// `POST /room/{room}/invite/{user}`: user tokens only; optional `{reason}` (1–250). Inviting
/// to a public room changes nothing the API shows; inviting to a private room makes the user
/// a member. 204.
fn invite_user(ctx: &mut Ctx<'_>) -> Outcome {
    ctx.require_user()?;
    let id = visible_room(ctx, 0)?;
    let user = ctx.user_param(1)?;
    let body = optional_body(ctx)?;
    if let Some(reason) = optional(&body, "reason")? {
        check_len("reason", as_str("reason", reason)?, 1, 250)?;
    }
    let room = record_mut(ctx.state, id)?;
    if room.privacy == "private" {
        room.members.insert(user);
    }
    Ok(Reply::no_content())
}

/// `GET /room/{room}/member`: the members of a private room (400 for a public one). Paged.
fn get_all_members(ctx: &mut Ctx<'_>) -> Outcome {
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
fn add_member(ctx: &mut Ctx<'_>) -> Outcome {
    let id = visible_room(ctx, 0)?;
    let user = ctx.user_param(1)?;
    let body = optional_body(ctx)?;
    let mut room_admin = false;
    if let Some(roles) = optional(&body, "room_roles")? {
        let Value::Array(roles) = roles else {
            return Err(bad(format!(
                "The field 'room_roles' must be a list of roles, not {roles}"
            )));
        };
        for role in roles {
            let role = as_str("room_roles", role)?;
            one_of("room_roles", role, ROOM_ROLES)?;
            room_admin |= role == "room_admin";
        }
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
fn remove_member(ctx: &mut Ctx<'_>) -> Outcome {
    let id = visible_room(ctx, 0)?;
    let user = ctx.user_param(1)?;
    let room = record_mut(ctx.state, id)?;
    require_private(room)?;
    if room.owner == user {
        return Err(bad(format!(
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

/// `GET /room/{room}/participant`: the users in the room; with `include-offline=true` a
/// private room's members who are not in it too. Paged.
fn get_all_participants(ctx: &mut Ctx<'_>) -> Outcome {
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

/// `GET /room/{room}/statistics`: `messages_sent` (the whole history), `last_active` (the
/// date of the last message, `null` when there is none).
fn get_room_statistics(ctx: &mut Ctx<'_>) -> Outcome {
    let id = visible_room(ctx, 0)?;
    let room = record(ctx.state, id)?;
    Ok(Reply::ok(json!({
        "messages_sent": room.history.len(),
        "last_active": room.history.last().map(|m| format_iso(m.date)),
        "links": {"self": format!("{}/room/{id}/statistics", ctx.base())},
    })))
}

/// `PUT /room/{room}/topic`: `{topic}` (required, 0–250). 204.
fn set_topic(ctx: &mut Ctx<'_>) -> Outcome {
    let id = visible_room(ctx, 0)?;
    let body = ctx.req.json_object()?;
    let topic = as_str("topic", required(&body, "topic")?)?;
    check_len("topic", topic, 0, 250)?;
    let by = actor(ctx);
    let base = ctx.req.base.as_str();
    change_topic(ctx.state, base, id, topic, &by);
    Ok(Reply::no_content())
}

// ----- public helpers -----

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
#[path = "rooms_tests.rs"]
mod tests;
