//! The JSON shapes the fake answers with, built from its records. Links point at the base URL
//! the client used, so a pager or a test can follow them.

use serde_json::{Map, Value, json};

use super::clock::format_iso;
use super::reply::Reply;
use super::state::{MessageRec, RoomRec, Sender, State, UserRec, WebhookRec};

/// `{id, name, mention_name, version, links{self}}`.
pub(crate) fn user_ref(base: &str, user: &UserRec) -> Value {
    json!({
        "id": user.id,
        "name": user.name,
        "mention_name": user.mention_name,
        "version": format!("{:08X}", user.version),
        "links": {"self": format!("{base}/user/{}", user.id)},
    })
}

/// The user reference of `id`, or a placeholder for a user that no longer exists.
pub(crate) fn user_ref_by_id(base: &str, state: &State, id: u64) -> Value {
    match state.users.get(&id) {
        Some(user) => user_ref(base, user),
        None => json!({
            "id": id,
            "name": "Former user",
            "mention_name": "",
            "links": {"self": format!("{base}/user/{id}")},
        }),
    }
}

/// The `links` of a room.
pub(crate) fn room_links(base: &str, room: &RoomRec) -> Value {
    let own = format!("{base}/room/{}", room.id);
    let mut links = json!({
        "self": own,
        "participants": format!("{own}/participant"),
        "webhooks": format!("{own}/webhook"),
    });
    if room.privacy == "private" {
        links["members"] = json!(format!("{own}/member"));
    }
    links
}

/// `{id, name, privacy, is_archived, version, links}` as listed by `GET /room`.
pub(crate) fn room_summary(base: &str, room: &RoomRec) -> Value {
    json!({
        "id": room.id,
        "name": room.name,
        "privacy": room.privacy,
        "is_archived": room.is_archived,
        "version": format!("{:08X}", room.version),
        "links": room_links(base, room),
    })
}

/// The full room of `GET /room/{id}`.
pub(crate) fn room_full(base: &str, state: &State, room: &RoomRec) -> Value {
    let participants: Vec<Value> = room
        .participants
        .iter()
        .take(50)
        .map(|id| user_ref_by_id(base, state, *id))
        .collect();
    let mut value = json!({
        "id": room.id,
        "name": room.name,
        "xmpp_jid": format!("{}_{}@conf.hipchat.fake", state.group.id, room.name.to_lowercase().replace(' ', "_")),
        "created": format_iso(room.created),
        "is_archived": room.is_archived,
        "privacy": room.privacy,
        "is_guest_accessible": room.is_guest_accessible,
        "topic": room.topic,
        "owner": user_ref_by_id(base, state, room.owner),
        "participants": participants,
        "statistics": {"links": {"self": format!("{base}/room/{}/statistics", room.id)}},
        "version": format!("{:08X}", room.version),
        "links": room_links(base, room),
    });
    if room.is_guest_accessible {
        value["guest_access_url"] = json!(format!("https://hipchat.fake/g{}", room.id));
    }
    if let Some(url) = &room.avatar_url {
        value["avatar_url"] = json!(url);
    }
    if let Some(visible) = room.delegate_admin_visibility {
        value["delegate_admin_visibility"] = json!(visible);
    }
    value
}

/// The full user of `GET /user/{id}`.
pub(crate) fn user_full(base: &str, state: &State, user: &UserRec) -> Value {
    let mut value = json!({
        "id": user.id,
        "name": user.name,
        "mention_name": user.mention_name,
        "email": user.email,
        "title": user.title,
        "timezone": user.timezone,
        "xmpp_jid": format!("{}_{}@chat.hipchat.fake", state.group.id, user.id),
        "created": format_iso(user.created),
        "is_deleted": user.is_deleted,
        "is_group_admin": user.is_group_admin,
        "is_guest": user.is_guest,
        "photo_url": user.photo_url.clone().unwrap_or_else(|| "https://hipchat.fake/img/silhouette_125.png".to_owned()),
        "roles": user.roles,
        "group": {
            "id": state.group.id,
            "name": state.group.name,
            "links": {"self": format!("{base}/group/{}", state.group.id)},
        },
        "version": format!("{:08X}", user.version),
        "links": {"self": format!("{base}/user/{}", user.id)},
    });
    if let Some(last) = user.last_active {
        value["last_active"] = json!(format_iso(last));
    }
    if user.presence.is_online {
        let mut presence = Map::new();
        presence.insert("is_online".into(), json!(true));
        if let Some(show) = &user.presence.show {
            presence.insert("show".into(), json!(show));
        }
        if let Some(status) = &user.presence.status {
            presence.insert("status".into(), json!(status));
        }
        value["presence"] = Value::Object(presence);
    } else {
        value["presence"] = json!({"is_online": false});
    }
    value
}

/// A message of history (§3.8 of the catalogue).
pub(crate) fn message(base: &str, state: &State, m: &MessageRec) -> Value {
    let mut value = json!({
        "id": m.id,
        "date": format_iso(m.date),
        "type": m.message_type,
        "mentions": m.mentions.iter().map(|id| user_ref_by_id(base, state, *id)).collect::<Vec<_>>(),
    });
    value["from"] = match &m.from {
        Sender::User(id) => user_ref_by_id(base, state, *id),
        Sender::Label(label) => json!(label),
    };
    if let Some(text) = &m.message {
        value["message"] = json!(text);
    }
    if let Some(format) = &m.message_format {
        value["message_format"] = json!(format);
    }
    if let Some(color) = &m.color {
        value["color"] = json!(color);
    }
    if let Some(file) = &m.file {
        value["file"] = file.clone();
    }
    if let Some(card) = &m.card {
        value["card"] = card.clone();
    }
    if let Some(attach_to) = &m.attach_to {
        value["attach_to"] = json!(attach_to);
    }
    value
}

/// A room webhook as listed and returned by get_webhook.
pub(crate) fn webhook(base: &str, state: &State, hook: &WebhookRec) -> Value {
    let mut value = json!({
        "id": hook.id,
        "event": hook.event,
        "url": hook.url,
        "created": format_iso(hook.created),
        "links": {"self": format!("{base}/room/{}/webhook/{}", hook.room, hook.id)},
    });
    if let Some(name) = &hook.name {
        value["name"] = json!(name);
    }
    if let Some(key) = &hook.key {
        value["key"] = json!(key);
    }
    if let Some(pattern) = &hook.pattern {
        value["pattern"] = json!(pattern);
    }
    if let Some(auth) = &hook.authentication {
        value["authentication"] = json!(auth);
    }
    if let Some(creator) = hook.creator {
        value["creator"] = user_ref_by_id(base, state, creator);
    }
    if let Some(room) = state.rooms.get(&hook.room) {
        value["room"] = room_summary(base, room);
    }
    value
}

/// The paging parameters of a collection: `start-index` (default 0) and `max-results`
/// (default 100, at most 1000), checked the way the server did.
pub(crate) fn page_params(req: &super::request::FakeRequest) -> Result<(u64, u64), Reply> {
    let start = req.query_u64("start-index", 0, 0..=u64::from(u32::MAX))?;
    let max = req.query_u64("max-results", 100, 0..=1000)?;
    Ok((start, max))
}

/// The `{items, startIndex, maxResults, links{self, prev?, next?}}` envelope of one page of
/// `all`, with links to `path` (below the base) carrying `extra` query pairs and the paging
/// parameters.
pub(crate) fn page(
    base: &str,
    path: &str,
    extra: &[(&'static str, String)],
    all: Vec<Value>,
    start: u64,
    max: u64,
) -> Value {
    let total = all.len() as u64;
    let items: Vec<Value> = all
        .into_iter()
        .skip(usize::try_from(start).unwrap_or(usize::MAX))
        .take(usize::try_from(max).unwrap_or(usize::MAX))
        .collect();
    let link = |start: u64| {
        let query = extra
            .iter()
            .fold(crate::Query::new(), |q, (name, value)| q.push(name, value))
            .push("start-index", start)
            .push("max-results", max);
        format!("{base}{path}?{}", query.encode())
    };
    let mut links = json!({"self": link(start)});
    if start > 0 && max > 0 {
        links["prev"] = json!(link(start.saturating_sub(max)));
    }
    if max > 0 && start.saturating_add(max) < total {
        links["next"] = json!(link(start + max));
    }
    json!({
        "items": items,
        "startIndex": start,
        "maxResults": max,
        "links": links,
    })
}
