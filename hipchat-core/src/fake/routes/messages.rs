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

use serde_json::{Map, Value, json};

use super::{Access, Ctx, Route};
use crate::fake::clock::{self, Micros};
use crate::fake::events;
use crate::fake::render;
use crate::fake::reply::{Outcome, Reply};
use crate::fake::request::FakeRequest;
use crate::fake::state::{MessageRec, Sender, State};

#[cfg(test)]
#[path = "messages_tests.rs"]
mod tests;

/// The routes of this file, in catalogue order.
pub(crate) const ROUTES: &[Route] = &[
    Route {
        id: "rooms.get_room_message",
        method: "GET",
        template: "/room/{room_id_or_name}/history/{message_id}",
        access: Access::Scopes(&["view_messages"]),
        flood: false,
        handler: Some(get_room_message),
    },
    Route {
        id: "rooms.view_room_history",
        method: "GET",
        template: "/room/{room_id_or_name}/history",
        access: Access::Scopes(&["view_messages"]),
        flood: false,
        handler: Some(view_room_history),
    },
    Route {
        id: "rooms.view_recent_room_history",
        method: "GET",
        template: "/room/{room_id_or_name}/history/latest",
        access: Access::Scopes(&["view_messages"]),
        flood: false,
        handler: Some(view_recent_room_history),
    },
    Route {
        id: "rooms.send_message",
        method: "POST",
        template: "/room/{room_id_or_name}/message",
        access: Access::Scopes(&["send_message"]),
        flood: true,
        handler: Some(send_message),
    },
    Route {
        id: "rooms.send_room_notification",
        method: "POST",
        template: "/room/{room_id_or_name}/notification",
        access: Access::Scopes(&["send_notification"]),
        flood: true,
        handler: Some(send_room_notification),
    },
    Route {
        id: "rooms.reply_to_message",
        method: "POST",
        template: "/room/{room_id_or_name}/reply",
        access: Access::Scopes(&["send_message"]),
        flood: true,
        handler: Some(reply_to_message),
    },
    Route {
        id: "rooms.share_file_with_room",
        method: "POST",
        template: "/room/{room_id_or_name}/share/file",
        access: Access::Scopes(&["send_message"]),
        flood: true,
        handler: Some(share_file_with_room),
    },
    Route {
        id: "rooms.share_link_with_room",
        method: "POST",
        template: "/room/{room_id_or_name}/share/link",
        access: Access::Scopes(&["send_message"]),
        flood: true,
        handler: Some(share_link_with_room),
    },
    Route {
        id: "users.private_message_user",
        method: "POST",
        template: "/user/{id_or_email}/message",
        access: Access::Scopes(&["send_message"]),
        flood: true,
        handler: Some(private_message_user),
    },
    Route {
        id: "users.share_file_with_user",
        method: "POST",
        template: "/user/{id_or_email}/share/file",
        access: Access::Scopes(&["send_message"]),
        flood: true,
        handler: Some(share_file_with_user),
    },
    Route {
        id: "users.share_link_with_user",
        method: "POST",
        template: "/user/{id_or_email}/share/link",
        access: Access::Scopes(&["send_message"]),
        flood: true,
        handler: Some(share_link_with_user),
    },
    Route {
        id: "users.view_privatechat_history",
        method: "GET",
        template: "/user/{id_or_email}/history",
        access: Access::Scopes(&["view_messages"]),
        flood: false,
        handler: Some(view_privatechat_history),
    },
    Route {
        id: "users.view_recent_privatechat_history",
        method: "GET",
        template: "/user/{id_or_email}/history/latest",
        access: Access::Scopes(&["view_messages"]),
        flood: false,
        handler: Some(view_recent_privatechat_history),
    },
    Route {
        id: "users.get_privatechat_message",
        method: "GET",
        template: "/user/{id_or_email}/history/{message_id}",
        access: Access::Scopes(&["view_messages"]),
        flood: false,
        handler: Some(get_privatechat_message),
    },
];

// ----- reading request fields -----

/// The fields of a JSON (or form) body.
type Fields = Map<String, Value>;

/// 400 with HipChat's error body.
fn bad(message: impl Into<String>) -> Reply {
    Reply::bad_request(message)
}

/// How a JSON value is called in error messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The string `key` of `obj`, called `path` in errors; `None` when absent, 400 on `null` or
/// another type.
fn opt_str<'a>(obj: &'a Fields, key: &str, path: &str) -> Result<Option<&'a str>, Reply> {
    match obj.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(Value::Null) => Err(bad(format!(
            "{path} must not be null: leave the field out instead"
        ))),
        Some(other) => Err(bad(format!("{path} must be a string, not {}", kind(other)))),
    }
}

/// The required string `key` of `obj`; 400 when missing, `null` or not a string.
fn req_str<'a>(obj: &'a Fields, key: &str, path: &str) -> Result<&'a str, Reply> {
    match obj.get(key) {
        None | Some(Value::Null) => Err(bad(format!("{path} is required"))),
        _ => opt_str(obj, key, path).map(Option::unwrap_or_default),
    }
}

/// The object `key` of `obj`; `None` when absent, 400 on `null` or another type.
fn opt_object<'a>(obj: &'a Fields, key: &str, path: &str) -> Result<Option<&'a Fields>, Reply> {
    match obj.get(key) {
        None => Ok(None),
        Some(Value::Object(inner)) => Ok(Some(inner)),
        Some(Value::Null) => Err(bad(format!(
            "{path} must not be null: leave the field out instead"
        ))),
        Some(other) => Err(bad(format!(
            "{path} must be an object, not {}",
            kind(other)
        ))),
    }
}

/// A boolean field: `true`/`false`, or the strings `"true"`/`"false"` (any case).
fn opt_bool(obj: &Fields, key: &str) -> Result<Option<bool>, Reply> {
    match obj.get(key) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(Some(true)),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(Some(false)),
        Some(Value::Null) => Err(bad(format!(
            "{key} must not be null: leave the field out instead"
        ))),
        Some(other) => Err(bad(format!("{key} must be true or false, not {other}"))),
    }
}

/// `value` must have `min` to `max` characters.
fn check_len(path: &str, value: &str, min: usize, max: usize) -> Result<(), Reply> {
    let len = value.chars().count();
    if len < min || len > max {
        Err(bad(format!(
            "{path} must be {min} to {max} characters long, not {len}"
        )))
    } else {
        Ok(())
    }
}

/// `value` must not be empty.
fn check_non_empty(path: &str, value: &str) -> Result<(), Reply> {
    if value.is_empty() {
        Err(bad(format!("{path} must not be empty")))
    } else {
        Ok(())
    }
}

/// `value` must be one of `allowed`; the allowed spelling is returned.
fn one_of(path: &str, value: &str, allowed: &[&'static str]) -> Result<&'static str, Reply> {
    allowed
        .iter()
        .copied()
        .find(|a| *a == value)
        .ok_or_else(|| {
            bad(format!(
                "{path} must be one of {}, not {value:?}",
                allowed.join(", ")
            ))
        })
}

/// An optional enum field of a body.
fn opt_enum(
    obj: &Fields,
    key: &str,
    path: &str,
    allowed: &[&'static str],
) -> Result<Option<&'static str>, Reply> {
    opt_str(obj, key, path)?
        .map(|value| one_of(path, value, allowed))
        .transpose()
}

/// The JSON object body of a request.
fn json_fields(req: &FakeRequest) -> Result<Fields, Reply> {
    req.json_object()
}

/// The `timezone` query parameter must look like a tz database name. Dates are written in UTC
/// whatever it says, with an explicit offset, so they name the same instants.
fn check_timezone(req: &FakeRequest) -> Result<(), Reply> {
    let Some(tz) = req.query("timezone") else {
        return Ok(());
    };
    let plausible = tz.len() <= 64
        && tz.starts_with(|c: char| c.is_ascii_alphabetic())
        && tz
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '+' | '-'));
    if plausible {
        Ok(())
    } else {
        Err(bad(format!(
            "timezone must be a tz database name such as UTC or Europe/Paris, not {tz:?}"
        )))
    }
}

/// A date query parameter (`date`, `end-date`).
fn parse_date(name: &str, text: &str) -> Result<Micros, Reply> {
    clock::parse_iso(text).ok_or_else(|| {
        bad(format!(
            "{name} must be an ISO-8601 date-time such as 2019-01-01T00:00:00Z, not {text:?}"
        ))
    })
}

/// The media type of the request, lower case, without parameters; `None` without a header.
fn media_type(req: &FakeRequest) -> Option<String> {
    req.header("content-type").map(|ct| {
        ct.split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
    })
}

// ----- who may post and read where -----

/// Whether the caller may see and post in room `id`: anyone in a public room; in a private
/// room its owner, its members, group admins and non-user tokens.
fn check_room_access(ctx: &Ctx<'_>, id: u64) -> Result<(), Reply> {
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
fn check_can_post(ctx: &Ctx<'_>, id: u64) -> Result<(), Reply> {
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
fn chat_users(ctx: &Ctx<'_>) -> Result<(u64, u64), Reply> {
    let me = ctx.require_user()?;
    let them = ctx.user_param(0)?;
    Ok((me, them))
}

// ----- recording messages -----

/// The users `@mention`ed in a text message, in order of first mention.
fn mentions(state: &State, text: &str) -> Vec<u64> {
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
fn user_record(state: &mut State, user: u64, text: &str) -> MessageRec {
    let mentioned = mentions(state, text);
    let mut record = state.new_message(Sender::User(user), "message", text.to_owned());
    record.mentions = mentioned;
    record
}

/// Appends `record` to the history of room `room` and fires `room_message` (and
/// `room_file_upload` for a file) at the room's webhooks.
fn post_user_message(state: &mut State, base: &str, room: u64, record: MessageRec) -> MessageRec {
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
fn post_private(state: &mut State, a: u64, b: u64, record: MessageRec) {
    state
        .private_chats
        .entry(State::chat_key(a, b))
        .or_default()
        .push(record);
}

// ----- room notifications -----

const COLORS: &[&str] = &["yellow", "green", "red", "purple", "gray", "random"];
const FORMATS: &[&str] = &["html", "text"];
const CARD_STYLES: &[&str] = &["file", "image", "application", "link", "media"];
const CARD_FORMATS: &[&str] = &["compact", "medium"];
const ATTRIBUTE_STYLES: &[&str] = &[
    "lozenge-success",
    "lozenge-error",
    "lozenge-current",
    "lozenge-complete",
    "lozenge-moved",
    "lozenge",
];

/// A checked notification body.
struct Notification {
    message: String,
    format: &'static str,
    color: &'static str,
    from: String,
    attach_to: Option<String>,
    card: Option<Value>,
}

impl Notification {
    /// A plain or HTML notification with every default: yellow, no label, no card.
    fn plain(message: String, format: &'static str) -> Notification {
        Notification {
            message,
            format,
            color: "yellow",
            from: String::new(),
            attach_to: None,
            card: None,
        }
    }
}

/// Reads the notification body in any of its forms: JSON, form fields, `text/plain` or
/// `text/html`.
fn notification_body(req: &FakeRequest) -> Result<Notification, Reply> {
    let media = media_type(req);
    match media.as_deref() {
        None | Some("application/json") => notification_fields(&json_fields(req)?),
        Some("application/x-www-form-urlencoded") => {
            let fields: Fields = form_urlencoded::parse(&req.body)
                .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
                .collect();
            if fields.contains_key("card") {
                return Err(bad("card can only be sent in an application/json body"));
            }
            notification_fields(&fields)
        }
        Some(kind @ ("text/plain" | "text/html")) => {
            let text = std::str::from_utf8(&req.body)
                .map_err(|_| bad("The request body is not UTF-8 text"))?;
            check_len("message", text, 1, 10_000)?;
            let format = if kind == "text/plain" { "text" } else { "html" };
            Ok(Notification::plain(text.to_owned(), format))
        }
        Some(other) => Err(bad(format!(
            "Unsupported content type {other:?}: send application/json, \
             application/x-www-form-urlencoded, text/plain or text/html"
        ))),
    }
}

/// Checks the fields of a notification (§3.9).
fn notification_fields(fields: &Fields) -> Result<Notification, Reply> {
    let message = req_str(fields, "message", "message")?;
    check_len("message", message, 1, 10_000)?;
    let format = opt_enum(fields, "message_format", "message_format", FORMATS)?.unwrap_or("html");
    let color = opt_enum(fields, "color", "color", COLORS)?.unwrap_or("yellow");
    opt_bool(fields, "notify")?;
    let from = opt_str(fields, "from", "from")?.unwrap_or_default();
    check_len("from", from, 0, 64)?;
    let attach_to = opt_str(fields, "attach_to", "attach_to")?;
    if let Some(id) = attach_to {
        check_len("attach_to", id, 0, 36)?;
    }
    let card = match fields.get("card") {
        None => None,
        Some(card) => {
            check_card(card)?;
            Some(card.clone())
        }
    };
    Ok(Notification {
        message: message.to_owned(),
        format,
        color,
        from: from.to_owned(),
        attach_to: attach_to.filter(|id| !id.is_empty()).map(str::to_owned),
        card,
    })
}

/// An icon: a URL, or `{url (required), "url@2x"}`.
fn check_icon(icon: &Value, path: &str) -> Result<(), Reply> {
    match icon {
        Value::String(url) => check_non_empty(&format!("{path}.url"), url),
        Value::Object(obj) => {
            let url = req_str(obj, "url", &format!("{path}.url"))?;
            check_non_empty(&format!("{path}.url"), url)?;
            opt_str(obj, "url@2x", &format!("{path}.url@2x"))?;
            Ok(())
        }
        Value::Null => Err(bad(format!(
            "{path} must not be null: leave the field out instead"
        ))),
        other => Err(bad(format!(
            "{path} must be a URL or an object {{url, url@2x}}, not {}",
            kind(other)
        ))),
    }
}

/// An optional icon field of `obj`.
fn check_opt_icon(obj: &Fields, key: &str, path: &str) -> Result<(), Reply> {
    obj.get(key).map_or(Ok(()), |icon| check_icon(icon, path))
}

/// An optional non-negative integer field of `obj`.
fn check_opt_uint(obj: &Fields, key: &str, path: &str) -> Result<(), Reply> {
    match obj.get(key) {
        None => Ok(()),
        Some(Value::Number(n)) if n.as_u64().is_some() => Ok(()),
        Some(Value::Null) => Err(bad(format!(
            "{path} must not be null: leave the field out instead"
        ))),
        Some(other) => Err(bad(format!(
            "{path} must be a non-negative integer, not {other}"
        ))),
    }
}

/// The card rules of §3.9.
fn check_card(card: &Value) -> Result<(), Reply> {
    let card = match card {
        Value::Object(card) => card,
        Value::Null => {
            return Err(bad("card must not be null: leave the field out instead"));
        }
        other => return Err(bad(format!("card must be an object, not {}", kind(other)))),
    };
    one_of(
        "card.style",
        req_str(card, "style", "card.style")?,
        CARD_STYLES,
    )?;
    check_non_empty("card.id", req_str(card, "id", "card.id")?)?;
    check_len("card.title", req_str(card, "title", "card.title")?, 1, 500)?;
    match card.get("description") {
        None => {}
        Some(Value::String(text)) => check_len("card.description", text, 1, 1000)?,
        Some(Value::Object(description)) => {
            let value = req_str(description, "value", "card.description.value")?;
            check_len("card.description.value", value, 1, 1000)?;
            let format = req_str(description, "format", "card.description.format")?;
            one_of("card.description.format", format, FORMATS)?;
        }
        Some(Value::Null) => {
            return Err(bad(
                "card.description must not be null: leave the field out instead",
            ));
        }
        Some(other) => {
            return Err(bad(format!(
                "card.description must be a string or an object {{value, format}}, not {}",
                kind(other)
            )));
        }
    }
    opt_enum(card, "format", "card.format", CARD_FORMATS)?;
    opt_str(card, "url", "card.url")?;
    check_opt_icon(card, "icon", "card.icon")?;
    if let Some(thumbnail) = opt_object(card, "thumbnail", "card.thumbnail")? {
        let url = req_str(thumbnail, "url", "card.thumbnail.url")?;
        check_len("card.thumbnail.url", url, 1, 250)?;
        if let Some(url_2x) = opt_str(thumbnail, "url@2x", "card.thumbnail.url@2x")? {
            check_len("card.thumbnail.url@2x", url_2x, 1, 250)?;
        }
        check_opt_uint(thumbnail, "width", "card.thumbnail.width")?;
        check_opt_uint(thumbnail, "height", "card.thumbnail.height")?;
    }
    if let Some(activity) = opt_object(card, "activity", "card.activity")? {
        check_non_empty(
            "card.activity.html",
            req_str(activity, "html", "card.activity.html")?,
        )?;
        check_opt_icon(activity, "icon", "card.activity.icon")?;
    }
    match card.get("attributes") {
        None => {}
        Some(Value::Array(attributes)) => {
            for (i, attribute) in attributes.iter().enumerate() {
                check_attribute(attribute, &format!("card.attributes[{i}]"))?;
            }
        }
        Some(Value::Null) => {
            return Err(bad(
                "card.attributes must not be null: leave the field out instead",
            ));
        }
        Some(other) => {
            return Err(bad(format!(
                "card.attributes must be an array, not {}",
                kind(other)
            )));
        }
    }
    Ok(())
}

/// One card attribute: `{label (1 to 50), value {label, url, style, icon}}`.
fn check_attribute(attribute: &Value, path: &str) -> Result<(), Reply> {
    let Value::Object(attribute) = attribute else {
        return Err(bad(format!(
            "{path} must be an object {{label, value}}, not {}",
            kind(attribute)
        )));
    };
    if let Some(label) = opt_str(attribute, "label", &format!("{path}.label"))? {
        check_len(&format!("{path}.label"), label, 1, 50)?;
    }
    let value_path = format!("{path}.value");
    let value = opt_object(attribute, "value", &value_path)?
        .ok_or_else(|| bad(format!("{value_path} is required")))?;
    let label_path = format!("{value_path}.label");
    check_non_empty(&label_path, req_str(value, "label", &label_path)?)?;
    opt_str(value, "url", &format!("{value_path}.url"))?;
    opt_enum(
        value,
        "style",
        &format!("{value_path}.style"),
        ATTRIBUTE_STYLES,
    )?;
    check_opt_icon(value, "icon", &format!("{value_path}.icon"))
}

/// `POST /room/{room}/notification`: 204, and a `notification` in the history.
fn send_room_notification(ctx: &mut Ctx<'_>) -> Outcome {
    let req = ctx.req;
    let room = ctx.room_param(0)?;
    let notification = notification_body(req)?;
    check_can_post(ctx, room)?;
    let state = &mut *ctx.state;
    let history_len = state.rooms.get(&room).map_or(0, |r| r.history.len());
    let color = if notification.color == "random" {
        // Deterministic: the room's message count picks the colour.
        COLORS[history_len % (COLORS.len() - 1)]
    } else {
        notification.color
    };
    let attach_to = notification.attach_to.filter(|id| {
        state
            .rooms
            .get(&room)
            .is_some_and(|r| r.history.iter().any(|m| &m.id == id))
    });
    let mentioned = if notification.format == "text" {
        mentions(state, &notification.message)
    } else {
        Vec::new()
    };
    let text = notification.message;
    let mut record = state.new_message(
        Sender::Label(notification.from),
        "notification",
        text.clone(),
    );
    record.message_format = Some(notification.format.to_owned());
    record.color = Some(color.to_owned());
    record.mentions = mentioned;
    record.card = notification.card;
    record.attach_to = attach_to;
    let rendered = render::message(&req.base, state, &record);
    if let Some(target) = state.rooms.get_mut(&room) {
        target.history.push(record);
    }
    events::emit(
        state,
        &req.base,
        room,
        "room_notification",
        json!({"message": rendered}),
        Some(&text),
    );
    Ok(Reply::no_content())
}

// ----- messages, replies and links in rooms -----

/// `POST /room/{room}/message`: 201 `{id, timestamp}`.
fn send_message(ctx: &mut Ctx<'_>) -> Outcome {
    let req = ctx.req;
    let user = ctx.require_user()?;
    let room = ctx.room_param(0)?;
    let fields = json_fields(req)?;
    let text = req_str(&fields, "message", "message")?;
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
fn reply_to_message(ctx: &mut Ctx<'_>) -> Outcome {
    let req = ctx.req;
    let user = ctx.require_user()?;
    let room = ctx.room_param(0)?;
    let fields = json_fields(req)?;
    let parent = req_str(&fields, "parentMessageId", "parentMessageId")?;
    let text = req_str(&fields, "message", "message")?;
    check_len("message", text, 1, 1000)?;
    let parent_exists = ctx.state.rooms.get(&room).is_some_and(|r| {
        r.history
            .iter()
            .any(|m| m.id == parent && m.message.is_some())
    });
    if !parent_exists {
        return Err(bad(format!(
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
    let fields = json_fields(req)?;
    let link = req_str(&fields, "link", "link")?;
    check_len("link", link, 10, 1000)?;
    let absolute = url::Url::parse(link).is_ok_and(|url| url.has_host());
    if !absolute {
        return Err(bad(format!("link must be an absolute URL, not {link:?}")));
    }
    let message = opt_str(&fields, "message", "message")?.unwrap_or_default();
    check_len("message", message, 0, 1000)?;
    Ok(if message.is_empty() {
        link.to_owned()
    } else {
        format!("{message} {link}")
    })
}

/// `POST /room/{room}/share/link`: 204, a message with the link.
fn share_link_with_room(ctx: &mut Ctx<'_>) -> Outcome {
    let req = ctx.req;
    let user = ctx.require_user()?;
    let room = ctx.room_param(0)?;
    let text = link_share_text(req)?;
    check_can_post(ctx, room)?;
    let record = user_record(ctx.state, user, &text);
    post_user_message(ctx.state, &req.base, room, record);
    Ok(Reply::no_content())
}

// ----- shared files (multipart/related, §3.10) -----

/// The file of a share-file request.
#[derive(Debug, PartialEq)]
struct Upload {
    name: String,
    content_type: String,
    bytes: Vec<u8>,
}

/// A checked share-file body: the optional message and the file.
#[derive(Debug, PartialEq)]
struct FileShare {
    message: String,
    upload: Upload,
}

impl FileShare {
    /// The `file` of the message that shares it, stored under the message id.
    fn file_json(&self, message_id: &str) -> Value {
        let name = crate::encode_path_segment("file", &self.upload.name)
            .unwrap_or_else(|_| "file".to_owned());
        let url = format!("https://hipchat.fake/files/{message_id}/{name}");
        let mut file = json!({
            "name": self.upload.name,
            "size": self.upload.bytes.len(),
            "url": url,
        });
        if self.upload.content_type.starts_with("image/") {
            file["thumb_url"] = json!(format!(
                "https://hipchat.fake/files/{message_id}/thumb/{name}"
            ));
        }
        file
    }
}

/// The value and parameters of a header such as `attachment; name="file"; filename="a.txt"`:
/// parameter names in lower case, quoted values unescaped.
fn header_params(value: &str) -> (String, Vec<(String, String)>) {
    let (first, mut rest) = value.split_once(';').unwrap_or((value, ""));
    let mut params = Vec::new();
    loop {
        rest = rest.trim_start_matches([' ', '\t', ';']);
        let Some(eq) = rest.find('=') else { break };
        if let Some(semi) = rest.find(';').filter(|semi| *semi < eq) {
            // A parameter without a value: skip it.
            rest = &rest[semi..];
            continue;
        }
        let name = rest[..eq].trim().to_ascii_lowercase();
        let after = rest[eq + 1..].trim_start();
        let (param, remaining) = if let Some(quoted) = after.strip_prefix('"') {
            let mut text = String::new();
            let mut chars = quoted.char_indices();
            let mut end = quoted.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        if let Some((_, escaped)) = chars.next() {
                            text.push(escaped);
                        }
                    }
                    '"' => {
                        end = i + 1;
                        break;
                    }
                    _ => text.push(c),
                }
            }
            (text, &quoted[end.min(quoted.len())..])
        } else {
            let end = after.find(';').unwrap_or(after.len());
            (after[..end].trim().to_owned(), &after[end..])
        };
        params.push((name, param));
        rest = remaining;
    }
    (first.trim().to_ascii_lowercase(), params)
}

/// The value of parameter `name` among `params`.
fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// One part of a multipart body: its headers (names in lower case) and its bytes.
struct Part<'a> {
    headers: Vec<(String, String)>,
    body: &'a [u8],
}

impl Part<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The boundary announced by a `multipart/related` content type.
fn multipart_boundary(req: &FakeRequest) -> Result<String, Reply> {
    let content_type = req.header("content-type").unwrap_or_default();
    let (media, params) = header_params(content_type);
    if media != "multipart/related" {
        return Err(bad(format!(
            "The body must be multipart/related (with a metadata part and a file part), not {:?}",
            if media.is_empty() {
                "nothing"
            } else {
                media.as_str()
            }
        )));
    }
    match param(&params, "boundary") {
        Some(boundary) if !boundary.is_empty() && boundary.len() <= 70 => Ok(boundary.to_owned()),
        _ => Err(bad(
            "The multipart/related content type needs a boundary parameter of 1 to 70 characters",
        )),
    }
}

/// Where `needle` occurs in `hay` at the start of a line, from `from` on.
fn find_delimiter(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at + needle.len() <= hay.len() {
        let found = hay
            .get(at..)?
            .windows(needle.len())
            .position(|w| w == needle)?
            + at;
        if found == 0 || hay.get(found - 1) == Some(&b'\n') {
            return Some(found);
        }
        at = found + 1;
    }
    None
}

/// Splits a multipart body into its parts. Lines may end in CRLF or LF.
fn split_parts<'a>(body: &'a [u8], boundary: &str) -> Result<Vec<Part<'a>>, Reply> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut at = find_delimiter(body, delimiter, 0)
        .ok_or_else(|| bad("The multipart body does not contain its boundary"))?;
    let mut parts = Vec::new();
    loop {
        let after = at + delimiter.len();
        let rest = body.get(after..).unwrap_or_default();
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        let padding = rest
            .iter()
            .take_while(|b| **b == b' ' || **b == b'\t')
            .count();
        let line_end = match rest.get(padding..) {
            Some([b'\r', b'\n', ..]) => padding + 2,
            Some([b'\n', ..]) => padding + 1,
            _ => return Err(bad("A multipart boundary line has trailing garbage")),
        };
        let start = after + line_end;
        let next = find_delimiter(body, delimiter, start)
            .ok_or_else(|| bad("The multipart body has no closing boundary"))?;
        let mut end = next.saturating_sub(1).max(start);
        if end > start && body.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        parts.push(parse_part(body.get(start..end).unwrap_or_default())?);
        at = next;
    }
}

/// The headers and the body of one part.
fn parse_part(content: &[u8]) -> Result<Part<'_>, Reply> {
    let mut headers = Vec::new();
    let mut at = 0;
    loop {
        let Some(newline) = content
            .get(at..)
            .and_then(|rest| rest.iter().position(|b| *b == b'\n'))
        else {
            return Err(bad(
                "A multipart part has no empty line between its headers and its content",
            ));
        };
        let line = content.get(at..at + newline).unwrap_or_default();
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        at += newline + 1;
        if line.is_empty() {
            break;
        }
        let line = String::from_utf8_lossy(line);
        let Some((name, value)) = line.split_once(':') else {
            return Err(bad(format!("Malformed multipart header line {line:?}")));
        };
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    Ok(Part {
        headers,
        body: content.get(at..).unwrap_or_default(),
    })
}

/// The message of the `metadata` part: `{"message": "..."}`, 0 to 1000 characters.
fn metadata_message(part: &Part<'_>) -> Result<String, Reply> {
    let fields: Fields = match serde_json::from_slice::<Value>(part.body) {
        Ok(Value::Object(fields)) => fields,
        Ok(other) => {
            return Err(bad(format!(
                "The metadata part must be a JSON object, not {}",
                kind(&other)
            )));
        }
        Err(e) => return Err(bad(format!("The metadata part is not valid JSON: {e}"))),
    };
    let message = opt_str(&fields, "message", "message")?.unwrap_or_default();
    check_len("message", message, 0, 1000)?;
    Ok(message.to_owned())
}

/// The file of the `file` part.
fn file_upload(part: &Part<'_>, filename: Option<&str>) -> Result<Upload, Reply> {
    let name = filename
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| bad("The file part needs a filename in its Content-Disposition"))?;
    let content_type = part
        .header("content-type")
        .unwrap_or("application/octet-stream");
    let (media, params) = header_params(content_type);
    if param(&params, "charset").is_some() {
        return Err(bad("Unsupported encoding"));
    }
    let bytes = match part
        .header("content-transfer-encoding")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("binary" | "8bit" | "7bit") => part.body.to_vec(),
        Some("base64") => {
            use base64::Engine as _;
            let compact: Vec<u8> = part
                .body
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            base64::engine::general_purpose::STANDARD
                .decode(compact)
                .map_err(|e| bad(format!("The file part is not valid base64: {e}")))?
        }
        Some(other) => return Err(bad(format!("Unsupported encoding {other:?}"))),
    };
    Ok(Upload {
        name: name.to_owned(),
        content_type: media,
        bytes,
    })
}

/// Reads a share-file body: an optional `metadata` part and the required `file` part.
fn file_share(req: &FakeRequest) -> Result<FileShare, Reply> {
    let boundary = multipart_boundary(req)?;
    let mut message = None;
    let mut upload = None;
    for part in split_parts(&req.body, &boundary)? {
        let (_, params) = header_params(part.header("content-disposition").unwrap_or_default());
        match param(&params, "name") {
            Some("metadata") if message.is_none() => message = Some(metadata_message(&part)?),
            Some("file") if upload.is_none() => {
                upload = Some(file_upload(&part, param(&params, "filename"))?);
            }
            Some(name @ ("metadata" | "file")) => {
                return Err(bad(format!("The multipart body has two {name} parts")));
            }
            _ => {}
        }
    }
    let upload = upload.ok_or_else(|| bad("The multipart body needs a part named \"file\""))?;
    Ok(FileShare {
        message: message.unwrap_or_default(),
        upload,
    })
}

/// A message from `user` sharing `share`.
fn file_record(state: &mut State, user: u64, share: &FileShare) -> MessageRec {
    let mut record = user_record(state, user, &share.message);
    record.file = Some(share.file_json(&record.id));
    record
}

/// `POST /room/{room}/share/file`: 204, a message with the file.
fn share_file_with_room(ctx: &mut Ctx<'_>) -> Outcome {
    let req = ctx.req;
    let user = ctx.require_user()?;
    let room = ctx.room_param(0)?;
    let share = file_share(req)?;
    check_can_post(ctx, room)?;
    let record = file_record(ctx.state, user, &share);
    post_user_message(ctx.state, &req.base, room, record);
    Ok(Reply::no_content())
}

// ----- private chats -----

/// `POST /user/{user}/message`: 204, a message in the private chat.
fn private_message_user(ctx: &mut Ctx<'_>) -> Outcome {
    let (me, them) = chat_users(ctx)?;
    let fields = json_fields(ctx.req)?;
    let text = req_str(&fields, "message", "message")?;
    check_len("message", text, 1, 10_000)?;
    opt_bool(&fields, "notify")?;
    let format = opt_enum(&fields, "message_format", "message_format", FORMATS)?.unwrap_or("text");
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
fn share_link_with_user(ctx: &mut Ctx<'_>) -> Outcome {
    let (me, them) = chat_users(ctx)?;
    let text = link_share_text(ctx.req)?;
    let record = user_record(ctx.state, me, &text);
    post_private(ctx.state, me, them, record);
    Ok(Reply::no_content())
}

/// `POST /user/{user}/share/file`: 204.
fn share_file_with_user(ctx: &mut Ctx<'_>) -> Outcome {
    let (me, them) = chat_users(ctx)?;
    let share = file_share(ctx.req)?;
    let record = file_record(ctx.state, me, &share);
    post_private(ctx.state, me, them, record);
    Ok(Reply::no_content())
}

// ----- history -----

/// How many messages `date=recent` returns.
const RECENT: usize = 75;

/// One history answer over `messages` (oldest first), for `view_*_history`: `date=recent` (the
/// default) gives the latest 75 without paging; a date selects `end-date <= date(m) <= date`,
/// newest first, pages it with `start-index`/`max-results`, and turns each page oldest first
/// when `reverse` is true (the default).
fn history_page(req: &FakeRequest, state: &State, messages: &[MessageRec], path: &str) -> Outcome {
    let (start, max) = render::page_params(req)?;
    let reverse = req.query_bool("reverse", true)?;
    let include_deleted = req.query_bool("include_deleted", false)?;
    check_timezone(req)?;
    let date_text = req.query("date").map(str::trim);
    let date = match date_text {
        None => None,
        Some(text) if text.eq_ignore_ascii_case("recent") => None,
        Some(text) => Some(parse_date("date", text)?),
    };
    let end_text = req.query("end-date");
    let end = end_text.map(|t| parse_date("end-date", t)).transpose()?;
    let base = req.base.as_str();
    let visible = messages
        .iter()
        .filter(|m| include_deleted || m.message.is_some());
    let Some(date) = date else {
        if end.is_some() {
            return Err(bad("end-date needs a date other than recent"));
        }
        let visible: Vec<&MessageRec> = visible.collect();
        let skip = visible.len().saturating_sub(RECENT);
        let mut items: Vec<Value> = visible
            .iter()
            .skip(skip)
            .map(|m| render::message(base, state, m))
            .collect();
        if !reverse {
            items.reverse();
        }
        return Ok(Reply::ok(json!({
            "items": items,
            "maxResults": RECENT,
            "links": {"self": format!("{base}{path}")},
        })));
    };
    let selected: Vec<Value> = visible
        .rev()
        .filter(|m| m.date <= date && end.is_none_or(|end| m.date >= end))
        .map(|m| render::message(base, state, m))
        .collect();
    let mut extra = vec![("date", date_text.unwrap_or_default().to_owned())];
    if let Some(tz) = req.query("timezone") {
        extra.push(("timezone", tz.to_owned()));
    }
    extra.push(("reverse", reverse.to_string()));
    if req.query("include_deleted").is_some() {
        extra.push(("include_deleted", include_deleted.to_string()));
    }
    if let Some(end) = end_text {
        extra.push(("end-date", end.to_owned()));
    }
    let mut body = render::page(base, path, &extra, selected, start, max);
    if reverse {
        if let Some(Value::Array(items)) = body.get_mut("items") {
            items.reverse();
        }
    }
    Ok(Reply::ok(body))
}

/// The `*/history/latest` answer over `messages` (oldest first): the latest `max-results`
/// (default 75), nothing older than the `not-before` message, oldest first, unpaged.
fn recent_page(req: &FakeRequest, state: &State, messages: &[MessageRec], path: &str) -> Outcome {
    let max = req.query_u64("max-results", RECENT as u64, 0..=1000)?;
    let include_deleted = req.query_bool("include_deleted", false)?;
    check_timezone(req)?;
    let from = match req.query("not-before") {
        None => 0,
        Some(id) => messages.iter().position(|m| m.id == id).ok_or_else(|| {
            bad(format!(
                "not-before must be the id of a message of this history; {id:?} is not one"
            ))
        })?,
    };
    let visible: Vec<&MessageRec> = messages
        .iter()
        .skip(from)
        .filter(|m| include_deleted || m.message.is_some())
        .collect();
    let skip = visible
        .len()
        .saturating_sub(usize::try_from(max).unwrap_or(usize::MAX));
    let base = req.base.as_str();
    let items: Vec<Value> = visible
        .iter()
        .skip(skip)
        .map(|m| render::message(base, state, m))
        .collect();
    Ok(Reply::ok(json!({
        "items": items,
        "maxResults": max,
        "links": {"self": format!("{base}{path}")},
    })))
}

/// One message of `messages` by id, wrapped as `{"message": {...}}`; a deleted one only with
/// `include_deleted=true`.
fn one_message(req: &FakeRequest, state: &State, messages: &[MessageRec], id: &str) -> Outcome {
    let include_deleted = req.query_bool("include_deleted", false)?;
    check_timezone(req)?;
    let found = messages
        .iter()
        .find(|m| m.id == id)
        .filter(|m| include_deleted || m.message.is_some())
        .ok_or_else(|| Reply::not_found(format!("Message not found: {id}")))?;
    Ok(Reply::ok(
        json!({"message": render::message(&req.base, state, found)}),
    ))
}

/// The history of room `id` (it exists: the caller looked it up).
fn room_messages(state: &State, id: u64) -> &[MessageRec] {
    state
        .rooms
        .get(&id)
        .map(|r| r.history.as_slice())
        .unwrap_or_default()
}

/// The private chat of `a` and `b`; empty when they never talked.
fn chat_messages(state: &State, a: u64, b: u64) -> &[MessageRec] {
    state
        .private_chats
        .get(&State::chat_key(a, b))
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// `GET /room/{room}/history`.
fn view_room_history(ctx: &mut Ctx<'_>) -> Outcome {
    let room = ctx.room_param(0)?;
    check_room_access(ctx, room)?;
    let state = &*ctx.state;
    let path = format!("/room/{room}/history");
    history_page(ctx.req, state, room_messages(state, room), &path)
}

/// `GET /room/{room}/history/latest`.
fn view_recent_room_history(ctx: &mut Ctx<'_>) -> Outcome {
    let room = ctx.room_param(0)?;
    check_room_access(ctx, room)?;
    let state = &*ctx.state;
    let path = format!("/room/{room}/history/latest");
    recent_page(ctx.req, state, room_messages(state, room), &path)
}

/// `GET /room/{room}/history/{message_id}`.
fn get_room_message(ctx: &mut Ctx<'_>) -> Outcome {
    let room = ctx.room_param(0)?;
    check_room_access(ctx, room)?;
    let state = &*ctx.state;
    one_message(ctx.req, state, room_messages(state, room), ctx.param(1))
}

/// `GET /user/{user}/history`: the caller's chat with the user.
fn view_privatechat_history(ctx: &mut Ctx<'_>) -> Outcome {
    let (me, them) = chat_users(ctx)?;
    let state = &*ctx.state;
    let path = format!("/user/{them}/history");
    history_page(ctx.req, state, chat_messages(state, me, them), &path)
}

/// `GET /user/{user}/history/latest`.
fn view_recent_privatechat_history(ctx: &mut Ctx<'_>) -> Outcome {
    let (me, them) = chat_users(ctx)?;
    let state = &*ctx.state;
    let path = format!("/user/{them}/history/latest");
    recent_page(ctx.req, state, chat_messages(state, me, them), &path)
}

/// `GET /user/{user}/history/{message_id}`.
fn get_privatechat_message(ctx: &mut Ctx<'_>) -> Outcome {
    let (me, them) = chat_users(ctx)?;
    let state = &*ctx.state;
    one_message(ctx.req, state, chat_messages(state, me, them), ctx.param(1))
}
