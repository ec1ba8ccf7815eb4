//! Room notifications: the body in any of its forms (JSON, form fields, `text/plain` or
//! `text/html`), its checks, and the `notification` it records.

use serde_json::{Value, json};

use super::card::check_card;
use super::{FORMATS, check_can_post, mentions};
use crate::fake::body::{Fields, check_len};
use crate::fake::events;
use crate::fake::render;
use crate::fake::reply::{Outcome, Reply};
use crate::fake::request::FakeRequest;
use crate::fake::routes::Ctx;
use crate::fake::state::Sender;

const COLORS: &[&str] = &["yellow", "green", "red", "purple", "gray", "random"];

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
        None | Some("application/json") => notification_fields(&Fields::parse(req)?),
        Some("application/x-www-form-urlencoded") => {
            let fields = Fields::parse_form(req);
            if fields.contains("card") {
                return Err(Reply::bad_request(
                    "card can only be sent in an application/json body",
                ));
            }
            notification_fields(&fields)
        }
        Some(kind @ ("text/plain" | "text/html")) => {
            let text = std::str::from_utf8(&req.body)
                .map_err(|_| Reply::bad_request("The request body is not UTF-8 text"))?;
            check_len("message", text, 1, 10_000)?;
            let format = if kind == "text/plain" { "text" } else { "html" };
            Ok(Notification::plain(text.to_owned(), format))
        }
        Some(other) => Err(Reply::bad_request(format!(
            "Unsupported content type {other:?}: send application/json, \
             application/x-www-form-urlencoded, text/plain or text/html"
        ))),
    }
}

/// Checks the fields of a notification (§3.9).
fn notification_fields(fields: &Fields<'_>) -> Result<Notification, Reply> {
    let message = fields.required_str("message")?;
    check_len("message", message, 1, 10_000)?;
    let format = fields
        .opt_one_of("message_format", FORMATS)?
        .unwrap_or("html");
    let color = fields.opt_one_of("color", COLORS)?.unwrap_or("yellow");
    fields.opt_loose_bool("notify")?;
    let from = fields.opt_str("from")?.unwrap_or_default();
    check_len("from", from, 0, 64)?;
    let attach_to = fields.opt_str("attach_to")?;
    if let Some(id) = attach_to {
        check_len("attach_to", id, 0, 36)?;
    }
    let card = match fields.get("card")? {
        None => None,
        Some(card) => {
            check_card(&Fields::of(&fields.name("card"), card)?)?;
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

/// `POST /room/{room}/notification`: 204, and a `notification` in the history.
pub(super) fn send_room_notification(ctx: &mut Ctx<'_>) -> Outcome {
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

#[cfg(test)]
#[path = "notification_tests.rs"]
mod tests;
