//! Room webhooks registered over the REST API (the legacy, deprecated methods, and the list
//! that also shows add-on webhooks). Nothing is ever posted: each event a webhook would have
//! received is recorded, see [`FakeHipChat::webhook_deliveries`](crate::fake::FakeHipChat::webhook_deliveries).

use serde_json::{Value, json};

use super::rooms::visible_room;
use super::{Access, Ctx, Route};
use crate::fake::body::Fields;
use crate::fake::render;
use crate::fake::reply::{Outcome, Reply};
use crate::fake::state::WebhookRec;

pub(crate) const ROUTES: &[Route] = &[
    Route {
        id: "rooms.get_all_webhooks",
        method: "GET",
        template: "/room/{room_id_or_name}/webhook",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(get_all_webhooks),
    },
    Route {
        id: "rooms.create_webhook",
        method: "POST",
        template: "/room/{room_id_or_name}/webhook",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(create_webhook),
    },
    Route {
        id: "rooms.get_webhook",
        method: "GET",
        template: "/room/{room_id_or_name}/webhook/{webhook_id}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(get_webhook),
    },
    Route {
        id: "rooms.delete_webhook",
        method: "DELETE",
        template: "/room/{room_id_or_name}/webhook/{webhook_id}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(delete_webhook),
    },
];

/// The webhook named by the path (`{room}/webhook/{id}`): 404 when the id is not a number, no
/// such webhook exists, or it belongs to another room.
fn webhook_param(ctx: &Ctx<'_>) -> Result<(u64, u64), Reply> {
    let room = visible_room(ctx, 0)?;
    let raw = ctx.param(1);
    raw.parse::<u64>()
        .ok()
        .filter(|id| ctx.state.webhooks.get(id).is_some_and(|h| h.room == room))
        .map(|id| (room, id))
        .ok_or_else(|| Reply::not_found(format!("Webhook not found: {raw}")))
}

/// `GET /room/{room}/webhook`: the room's webhooks by id, legacy and add-on ones. Paged.
fn get_all_webhooks(ctx: &mut Ctx<'_>) -> Outcome {
    let room = visible_room(ctx, 0)?;
    let (start, max) = render::page_params(ctx.req)?;
    let base = ctx.base();
    let all: Vec<Value> = ctx
        .state
        .webhooks
        .values()
        .filter(|hook| hook.room == room)
        .map(|hook| render::webhook(base, ctx.state, hook))
        .collect();
    let path = format!("/room/{room}/webhook");
    Ok(Reply::ok(render::page(base, &path, &[], all, start, max)))
}

/// `POST /room/{room}/webhook`: `url` (required, an absolute http or https URL), `event`
/// (required, one of §3.15), `pattern` (a regular expression, `room_message` only), `name`.
/// 201 `{id, links{self}}`.
fn create_webhook(ctx: &mut Ctx<'_>) -> Outcome {
    let room = visible_room(ctx, 0)?;
    let body = Fields::parse(ctx.req)?;
    let url = body.required_str("url")?;
    match url::Url::parse(url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.has_host() => {}
        _ => {
            return Err(Reply::bad_request(format!(
                "url must be an absolute http or https URL, not {url:?}"
            )));
        }
    }
    let event = body.required_one_of("event", crate::fake::events::EVENTS)?;
    let pattern = match body.opt_str("pattern")? {
        Some(pattern) => {
            if event != "room_message" {
                return Err(Reply::bad_request(format!(
                    "pattern is only allowed for room_message webhooks, not {event}"
                )));
            }
            if let Err(e) = regex_lite::Regex::new(pattern) {
                return Err(Reply::bad_request(format!(
                    "pattern is not a valid regular expression: {e}"
                )));
            }
            Some(pattern.to_owned())
        }
        None => None,
    };
    let name = body.opt_str("name")?.map(str::to_owned);
    let id = ctx.state.next_id();
    let creator = ctx.caller_user();
    let created = ctx.state.now;
    ctx.state.webhooks.insert(
        id,
        WebhookRec {
            id,
            room,
            name,
            key: None,
            event: event.to_owned(),
            pattern,
            url: url.to_owned(),
            authentication: None,
            creator,
            created,
        },
    );
    Ok(Reply::created(json!({
        "id": id,
        "links": {"self": format!("{}/room/{room}/webhook/{id}", ctx.base())},
    })))
}

/// `GET /room/{room}/webhook/{id}`: one webhook of the room.
fn get_webhook(ctx: &mut Ctx<'_>) -> Outcome {
    let (_, id) = webhook_param(ctx)?;
    let hook = ctx
        .state
        .webhooks
        .get(&id)
        .ok_or_else(|| Reply::not_found(format!("Webhook not found: {id}")))?;
    Ok(Reply::ok(render::webhook(ctx.base(), ctx.state, hook)))
}

/// `DELETE /room/{room}/webhook/{id}`: removes the webhook; nothing more is recorded for it.
/// 204.
fn delete_webhook(ctx: &mut Ctx<'_>) -> Outcome {
    let (_, id) = webhook_param(ctx)?;
    ctx.state.webhooks.remove(&id);
    Ok(Reply::no_content())
}

#[cfg(test)]
#[path = "webhooks_tests.rs"]
mod tests;
