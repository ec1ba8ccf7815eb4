//! The history of rooms and private chats: dated and recent pages, the latest messages, and
//! one message by id.

use serde_json::{Value, json};

use super::{chat_users, check_room_access};
use crate::fake::clock::{self, Micros};
use crate::fake::render;
use crate::fake::reply::{Outcome, Reply};
use crate::fake::request::FakeRequest;
use crate::fake::routes::Ctx;
use crate::fake::state::{MessageRec, State};

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
        Err(Reply::bad_request(format!(
            "timezone must be a tz database name such as UTC or Europe/Paris, not {tz:?}"
        )))
    }
}

/// A date query parameter (`date`, `end-date`).
fn parse_date(name: &str, text: &str) -> Result<Micros, Reply> {
    clock::parse_iso(text).ok_or_else(|| {
        Reply::bad_request(format!(
            "{name} must be an ISO-8601 date-time such as 2019-01-01T00:00:00Z, not {text:?}"
        ))
    })
}

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
            return Err(Reply::bad_request(
                "end-date needs a date other than recent",
            ));
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
            Reply::bad_request(format!(
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
pub(super) fn view_room_history(ctx: &mut Ctx<'_>) -> Outcome {
    let room = ctx.room_param(0)?;
    check_room_access(ctx, room)?;
    let state = &*ctx.state;
    let path = format!("/room/{room}/history");
    history_page(ctx.req, state, room_messages(state, room), &path)
}

/// `GET /room/{room}/history/latest`.
pub(super) fn view_recent_room_history(ctx: &mut Ctx<'_>) -> Outcome {
    let room = ctx.room_param(0)?;
    check_room_access(ctx, room)?;
    let state = &*ctx.state;
    let path = format!("/room/{room}/history/latest");
    recent_page(ctx.req, state, room_messages(state, room), &path)
}

/// `GET /room/{room}/history/{message_id}`.
pub(super) fn get_room_message(ctx: &mut Ctx<'_>) -> Outcome {
    let room = ctx.room_param(0)?;
    check_room_access(ctx, room)?;
    let state = &*ctx.state;
    one_message(ctx.req, state, room_messages(state, room), ctx.param(1))
}

/// `GET /user/{user}/history`: the caller's chat with the user.
pub(super) fn view_privatechat_history(ctx: &mut Ctx<'_>) -> Outcome {
    let (me, them) = chat_users(ctx)?;
    let state = &*ctx.state;
    let path = format!("/user/{them}/history");
    history_page(ctx.req, state, chat_messages(state, me, them), &path)
}

/// `GET /user/{user}/history/latest`.
pub(super) fn view_recent_privatechat_history(ctx: &mut Ctx<'_>) -> Outcome {
    let (me, them) = chat_users(ctx)?;
    let state = &*ctx.state;
    let path = format!("/user/{them}/history/latest");
    recent_page(ctx.req, state, chat_messages(state, me, them), &path)
}

/// `GET /user/{user}/history/{message_id}`.
pub(super) fn get_privatechat_message(ctx: &mut Ctx<'_>) -> Outcome {
    let (me, them) = chat_users(ctx)?;
    let state = &*ctx.state;
    one_message(ctx.req, state, chat_messages(state, me, them), ctx.param(1))
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
