//! The handlers of the module routes: reading, creating or replacing, and deleting a module.

use serde_json::{Value, json};

use super::check::check_module;
use super::{MAX_PER_KIND, ModuleKey, ModuleRec};
use crate::fake::FakeHipChat;
use crate::fake::body::check_key;
use crate::fake::reply::{Outcome, Reply};
use crate::fake::routes::{Caller, Ctx};
use crate::fake::state::{Owner, WebhookRec};

/// The add-on, place, kind and key a request addresses, with the add-on checks.
fn address(ctx: &Ctx<'_>) -> Result<ModuleKey, Reply> {
    let segments = &ctx.req.segments;
    let kind = segments
        .len()
        .checked_sub(2)
        .and_then(|i| segments.get(i))
        .cloned()
        .unwrap_or_default();
    let (room, key) = if segments.first().map(String::as_str) == Some("room") {
        (Some(ctx.room_param(0)?), ctx.param(1))
    } else {
        (None, ctx.param(0))
    };
    let client = match &ctx.caller {
        Caller::Token {
            owner: Owner::Client(client),
            ..
        } => client.clone(),
        _ => {
            return Err(Reply::forbidden(
                "Extension modules belong to add-ons: call this method with an add-on token",
            ));
        }
    };
    if let Some(installed) = ctx.state.oauth_clients.get(&client).and_then(|c| c.room) {
        if room != Some(installed) {
            return Err(Reply::forbidden(
                "This add-on is installed in one room and may only manage that room's modules",
            ));
        }
    }
    check_key("key", key)?;
    Ok(ModuleKey {
        client,
        room,
        kind,
        key: key.to_owned(),
    })
}

fn not_found(at: &ModuleKey) -> Reply {
    Reply::not_found(format!("No {} module with the key {}", at.kind, at.key))
}

/// `GET …/extension/<kind>/{key}`: the stored module; 404 for unknown keys.
pub(super) fn get_module(ctx: &mut Ctx<'_>) -> Outcome {
    let at = address(ctx)?;
    let module = ctx
        .state
        .extensions
        .modules
        .get(&at)
        .ok_or_else(|| not_found(&at))?;
    Ok(Reply::ok(module.body.clone()))
}

/// `PUT …/extension/<kind>/{key}`: creates or replaces the module; 201 `{id, links{self}}`.
pub(super) fn put_module(ctx: &mut Ctx<'_>) -> Outcome {
    let at = address(ctx)?;
    let body: Value = ctx.req.json()?;
    check_module(&at.kind, &body)?;
    let body_key = body.get("key").and_then(Value::as_str).unwrap_or_default();
    if body_key != at.key {
        return Err(Reply::bad_request(format!(
            "The key in the body ({body_key}) differs from the key in the path ({})",
            at.key
        )));
    }
    let state = &mut *ctx.state;
    let previous = state.extensions.modules.get(&at).cloned();
    if previous.is_none() {
        let same_kind = state
            .extensions
            .modules
            .keys()
            .filter(|k| k.client == at.client && k.room == at.room && k.kind == at.kind)
            .count();
        if same_kind >= MAX_PER_KIND {
            return Err(Reply::bad_request(format!(
                "An add-on may have at most {MAX_PER_KIND} {} modules here",
                at.kind
            )));
        }
    }
    let mut webhook = None;
    let id = match (at.kind.as_str(), at.room) {
        ("webhook", Some(room)) => {
            let id = previous
                .as_ref()
                .and_then(|p| p.webhook)
                .filter(|id| state.webhooks.contains_key(id))
                .unwrap_or_else(|| state.next_id());
            let member = |name: &str| body.get(name).and_then(Value::as_str).map(str::to_owned);
            state.webhooks.insert(
                id,
                WebhookRec {
                    id,
                    room,
                    name: member("name"),
                    key: Some(at.key.clone()),
                    event: member("event").unwrap_or_default(),
                    pattern: member("pattern"),
                    url: member("url").unwrap_or_default(),
                    authentication: Some(
                        member("authentication").unwrap_or_else(|| "none".to_owned()),
                    ),
                    creator: None,
                    created: state.now,
                },
            );
            webhook = Some(id);
            id
        }
        _ => match &previous {
            Some(p) => p.id,
            None => {
                state.extensions.next_id += 1;
                state.extensions.next_id
            }
        },
    };
    state
        .extensions
        .modules
        .insert(at.clone(), ModuleRec { id, body, webhook });
    let place = match at.room {
        Some(room) => format!("/room/{room}"),
        None => String::new(),
    };
    Ok(Reply::created(json!({
        "id": id,
        "links": {"self": format!("{}{place}/extension/{}/{}", ctx.req.base, at.kind, at.key)},
    })))
}

/// `DELETE …/extension/<kind>/{key}`: removes the module (and its room webhook); 204, or 404
/// for unknown keys.
pub(super) fn delete_module(ctx: &mut Ctx<'_>) -> Outcome {
    let at = address(ctx)?;
    let state = &mut *ctx.state;
    let module = state
        .extensions
        .modules
        .remove(&at)
        .ok_or_else(|| not_found(&at))?;
    if let Some(webhook) = module.webhook {
        state.webhooks.remove(&webhook);
    }
    Ok(Reply::no_content())
}

impl FakeHipChat {
    /// The extension module an add-on created with `PUT /extension/<kind>/{key}` (`room:
    /// None`) or `PUT /room/{room}/extension/<kind>/{key}`, exactly as it was sent. `kind` is
    /// the path segment: `action`, `dialog`, `externalPage`, `glance`, `webPanel` or
    /// `webhook`. When several add-ons use the same key, the one whose client id sorts first
    /// wins.
    pub fn extension_module(&self, kind: &str, room: Option<u64>, key: &str) -> Option<Value> {
        self.lock()
            .extensions
            .modules
            .iter()
            .find(|(k, _)| k.kind == kind && k.room == room && k.key == key)
            .map(|(_, m)| m.body.clone())
    }
}

#[cfg(test)]
#[path = "handlers_tests.rs"]
mod tests;
