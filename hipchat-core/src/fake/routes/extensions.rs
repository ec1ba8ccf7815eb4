//! Extension modules (actions, dialogs, external pages, glances, web panels and webhooks) that
//! add-ons create at run time, for the whole group or for one room: 36 methods, one pattern
//! (§2.3 of the catalogue).
//!
//! How the fake models them:
//! - Modules belong to the add-on that created them, so these methods take add-on tokens only
//!   (OAuth `client_credentials` tokens, see `oauth.rs`); a user token gets 403. An add-on
//!   installed in one room may only manage that room's modules.
//! - `PUT` checks the body against the module's schema (required members, types, enums, key
//!   pattern, no unknown members) and requires the body's `key` to equal the path's `key`
//!   (HipChat's behaviour on a mismatch is unknown; the fake refuses it with 400). It answers
//!   201 `{id, links{self}}` on create and on replace; at most 10 modules of one kind per
//!   installation scope, the 11th is 400.
//! - `GET` answers the stored module as it was sent; `GET` and `DELETE` of an unknown key are
//!   404. `DELETE` answers 204.
//! - A room webhook module is also registered as a webhook of the room (listed by
//!   get_all_webhooks, with deliveries recorded like any other webhook); global webhook modules
//!   are stored but receive no deliveries.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::users::{check_enum, check_len};
use super::{Access, Caller, Ctx, Route};
use crate::fake::FakeHipChat;
use crate::fake::reply::{Outcome, Reply};
use crate::fake::state::{Owner, WebhookRec};

/// What this group of endpoints remembers: the modules, by add-on, place, kind and key.
#[derive(Debug, Default)]
pub(crate) struct ExtensionState {
    modules: BTreeMap<ModuleKey, ModuleRec>,
    next_id: u64,
}

/// Where a module lives: the add-on (OAuth client id), the room (`None`: group-wide), the
/// kind (the path segment, e.g. `webPanel`) and the module key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ModuleKey {
    client: String,
    room: Option<u64>,
    kind: String,
    key: String,
}

/// A stored module.
#[derive(Debug, Clone)]
struct ModuleRec {
    /// The id answered on create (the webhook id for room webhooks).
    id: u64,
    /// The module exactly as sent.
    body: Value,
    /// The room webhook registered for a room webhook module.
    webhook: Option<u64>,
}

/// At most this many modules of one kind per add-on and place.
const MAX_PER_KIND: usize = 10;

/// The routes of this file, in catalogue order.
pub(crate) const ROUTES: &[Route] = &[
    Route {
        id: "extensions.get_global_action",
        method: "GET",
        template: "/extension/action/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(get_module),
    },
    Route {
        id: "extensions.create_global_action",
        method: "PUT",
        template: "/extension/action/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(put_module),
    },
    Route {
        id: "extensions.delete_global_action",
        method: "DELETE",
        template: "/extension/action/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(delete_module),
    },
    Route {
        id: "extensions.get_global_dialog",
        method: "GET",
        template: "/extension/dialog/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(get_module),
    },
    Route {
        id: "extensions.create_global_dialog",
        method: "PUT",
        template: "/extension/dialog/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(put_module),
    },
    Route {
        id: "extensions.delete_global_dialog",
        method: "DELETE",
        template: "/extension/dialog/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(delete_module),
    },
    Route {
        id: "extensions.get_global_external_page",
        method: "GET",
        template: "/extension/externalPage/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(get_module),
    },
    Route {
        id: "extensions.create_global_external_page",
        method: "PUT",
        template: "/extension/externalPage/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(put_module),
    },
    Route {
        id: "extensions.delete_global_external_page",
        method: "DELETE",
        template: "/extension/externalPage/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(delete_module),
    },
    Route {
        id: "extensions.get_global_glance",
        method: "GET",
        template: "/extension/glance/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(get_module),
    },
    Route {
        id: "extensions.create_global_glance",
        method: "PUT",
        template: "/extension/glance/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(put_module),
    },
    Route {
        id: "extensions.delete_global_glance",
        method: "DELETE",
        template: "/extension/glance/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(delete_module),
    },
    Route {
        id: "extensions.get_global_web_panel",
        method: "GET",
        template: "/extension/webPanel/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(get_module),
    },
    Route {
        id: "extensions.create_global_web_panel",
        method: "PUT",
        template: "/extension/webPanel/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(put_module),
    },
    Route {
        id: "extensions.delete_global_web_panel",
        method: "DELETE",
        template: "/extension/webPanel/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(delete_module),
    },
    Route {
        id: "extensions.get_global_webhook",
        method: "GET",
        template: "/extension/webhook/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(get_module),
    },
    Route {
        id: "extensions.create_global_webhook",
        method: "PUT",
        template: "/extension/webhook/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(put_module),
    },
    Route {
        id: "extensions.delete_global_webhook",
        method: "DELETE",
        template: "/extension/webhook/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(delete_module),
    },
    Route {
        id: "extensions.get_room_action",
        method: "GET",
        template: "/room/{room_id_or_name}/extension/action/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(get_module),
    },
    Route {
        id: "extensions.create_room_action",
        method: "PUT",
        template: "/room/{room_id_or_name}/extension/action/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(put_module),
    },
    Route {
        id: "extensions.delete_room_action",
        method: "DELETE",
        template: "/room/{room_id_or_name}/extension/action/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(delete_module),
    },
    Route {
        id: "extensions.get_room_dialog",
        method: "GET",
        template: "/room/{room_id_or_name}/extension/dialog/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(get_module),
    },
    Route {
        id: "extensions.create_room_dialog",
        method: "PUT",
        template: "/room/{room_id_or_name}/extension/dialog/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(put_module),
    },
    Route {
        id: "extensions.delete_room_dialog",
        method: "DELETE",
        template: "/room/{room_id_or_name}/extension/dialog/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(delete_module),
    },
    Route {
        id: "extensions.get_room_external_page",
        method: "GET",
        template: "/room/{room_id_or_name}/extension/externalPage/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(get_module),
    },
    Route {
        id: "extensions.create_room_external_page",
        method: "PUT",
        template: "/room/{room_id_or_name}/extension/externalPage/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(put_module),
    },
    Route {
        id: "extensions.delete_room_external_page",
        method: "DELETE",
        template: "/room/{room_id_or_name}/extension/externalPage/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(delete_module),
    },
    Route {
        id: "extensions.get_room_glance",
        method: "GET",
        template: "/room/{room_id_or_name}/extension/glance/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(get_module),
    },
    Route {
        id: "extensions.create_room_glance",
        method: "PUT",
        template: "/room/{room_id_or_name}/extension/glance/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(put_module),
    },
    Route {
        id: "extensions.delete_room_glance",
        method: "DELETE",
        template: "/room/{room_id_or_name}/extension/glance/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(delete_module),
    },
    Route {
        id: "extensions.get_room_web_panel",
        method: "GET",
        template: "/room/{room_id_or_name}/extension/webPanel/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(get_module),
    },
    Route {
        id: "extensions.create_room_web_panel",
        method: "PUT",
        template: "/room/{room_id_or_name}/extension/webPanel/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(put_module),
    },
    Route {
        id: "extensions.delete_room_web_panel",
        method: "DELETE",
        template: "/room/{room_id_or_name}/extension/webPanel/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(delete_module),
    },
    Route {
        id: "extensions.get_room_webhook",
        method: "GET",
        template: "/room/{room_id_or_name}/extension/webhook/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(get_module),
    },
    Route {
        id: "extensions.create_room_webhook",
        method: "PUT",
        template: "/room/{room_id_or_name}/extension/webhook/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(put_module),
    },
    Route {
        id: "extensions.delete_room_webhook",
        method: "DELETE",
        template: "/room/{room_id_or_name}/extension/webhook/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(delete_module),
    },
];

// ----- module schemas -----

/// How one member of a module is checked.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// 1 to 40 letters, digits, `_`, `-` or `.`.
    Key,
    /// `{value (1–100), i18n (1–40)?}`.
    I18n,
    /// A non-empty string.
    Text,
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// An integer.
    Int,
    /// `{url, "url@2x"}`, both required.
    Icon,
    /// A module key, or `{key, options?}`.
    Target,
    /// An array of simple or composite conditions.
    Conditions,
    /// The `options` of a dialog.
    DialogOptions,
}

/// One member of a module schema.
struct Member {
    name: &'static str,
    required: bool,
    rule: Rule,
}

const fn req(name: &'static str, rule: Rule) -> Member {
    Member {
        name,
        required: true,
        rule,
    }
}

const fn opt(name: &'static str, rule: Rule) -> Member {
    Member {
        name,
        required: false,
        rule,
    }
}

const AUTHENTICATION: Rule = Rule::Enum(&["jwt", "none"]);

const CONDITIONS: &[&str] = &[
    "room_is_public",
    "user_is_admin",
    "user_is_guest",
    "user_is_room_owner",
    "message_matches",
    "message_contains_link",
    "message_sent_by_current_user",
    "card_matches",
    "glance_matches",
];

const ACTION: &[Member] = &[
    req("key", Rule::Key),
    req("name", Rule::I18n),
    req(
        "location",
        Rule::Enum(&["hipchat.message.action", "hipchat.input.action"]),
    ),
    req("target", Rule::Target),
    opt("weight", Rule::Int),
    opt("conditions", Rule::Conditions),
];

const DIALOG: &[Member] = &[
    req("key", Rule::Key),
    req("title", Rule::I18n),
    req("url", Rule::Text),
    opt("authentication", AUTHENTICATION),
    opt("options", Rule::DialogOptions),
];

const EXTERNAL_PAGE: &[Member] = &[
    req("key", Rule::Key),
    opt("name", Rule::I18n),
    req("url", Rule::Text),
];

const GLANCE: &[Member] = &[
    req("key", Rule::Key),
    req("name", Rule::I18n),
    req("icon", Rule::Icon),
    opt("queryUrl", Rule::Text),
    opt("target", Rule::Target),
    opt("weight", Rule::Int),
    opt("conditions", Rule::Conditions),
];

const WEB_PANEL: &[Member] = &[
    req("key", Rule::Key),
    req("name", Rule::I18n),
    req("location", Rule::Enum(&["hipchat.sidebar.right"])),
    req("url", Rule::Text),
    opt("authentication", AUTHENTICATION),
    opt("icon", Rule::Icon),
    opt("weight", Rule::Int),
    opt("conditions", Rule::Conditions),
];

const WEBHOOK: &[Member] = &[
    req("key", Rule::Key),
    req("url", Rule::Text),
    req("event", Rule::Enum(crate::fake::events::EVENTS)),
    opt("name", Rule::Text),
    opt("pattern", Rule::Text),
    opt("authentication", AUTHENTICATION),
];

/// The schema of a kind, by its path segment.
fn schema(kind: &str) -> Option<&'static [Member]> {
    match kind {
        "action" => Some(ACTION),
        "dialog" => Some(DIALOG),
        "externalPage" => Some(EXTERNAL_PAGE),
        "glance" => Some(GLANCE),
        "webPanel" => Some(WEB_PANEL),
        "webhook" => Some(WEBHOOK),
        _ => None,
    }
}

fn bad(message: String) -> Reply {
    Reply::bad_request(message)
}

/// `value` as an object with no members outside `allowed`.
fn object<'a>(
    field: &str,
    value: &'a Value,
    allowed: &[&str],
) -> Result<&'a Map<String, Value>, Reply> {
    let map = value
        .as_object()
        .ok_or_else(|| bad(format!("{field} must be an object")))?;
    if let Some(extra) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(bad(format!(
            "{field}.{extra} is not allowed (allowed: {})",
            allowed.join(", ")
        )));
    }
    Ok(map)
}

/// A member of `map`: `None` when absent, 400 when `null` or required and absent.
fn member<'a>(
    map: &'a Map<String, Value>,
    field: &str,
    name: &str,
    required: bool,
) -> Result<Option<&'a Value>, Reply> {
    match map.get(name) {
        Some(Value::Null) => Err(bad(format!(
            "{field}.{name} may not be null; leave it out instead"
        ))),
        Some(value) => Ok(Some(value)),
        None if required => Err(bad(format!("Missing required field: {field}.{name}"))),
        None => Ok(None),
    }
}

fn text<'a>(field: &str, value: &'a Value) -> Result<&'a str, Reply> {
    match value.as_str() {
        Some(s) if !s.is_empty() => Ok(s),
        Some(_) => Err(bad(format!("{field} must not be empty"))),
        None => Err(bad(format!("{field} must be a string"))),
    }
}

/// The key pattern of §2.3: 1 to 40 of `[a-zA-Z0-9_\-.]`.
pub(crate) fn check_key(field: &str, key: &str) -> Result<(), Reply> {
    check_len(field, key, 1, 40)?;
    if key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        Ok(())
    } else {
        Err(bad(format!(
            "{field} must match ^[a-zA-Z0-9_\\-\\.]+$ (got {key:?})"
        )))
    }
}

fn check_i18n(field: &str, value: &Value) -> Result<(), Reply> {
    let map = object(field, value, &["value", "i18n"])?;
    if let Some(v) = member(map, field, "value", true)? {
        let v = v
            .as_str()
            .ok_or_else(|| bad(format!("{field}.value must be a string")))?;
        check_len(&format!("{field}.value"), v, 1, 100)?;
    }
    if let Some(key) = member(map, field, "i18n", false)? {
        let key = key
            .as_str()
            .ok_or_else(|| bad(format!("{field}.i18n must be a string")))?;
        check_len(&format!("{field}.i18n"), key, 1, 40)?;
    }
    Ok(())
}

fn check_conditions(field: &str, value: &Value, depth: usize) -> Result<(), Reply> {
    if depth > 16 {
        return Err(bad(format!("{field} nests conditions too deeply")));
    }
    let items = value
        .as_array()
        .ok_or_else(|| bad(format!("{field} must be an array")))?;
    for (i, item) in items.iter().enumerate() {
        let at = format!("{field}[{i}]");
        let is_composite = item.get("conditions").is_some();
        if is_composite {
            let map = object(&at, item, &["type", "conditions"])?;
            if let Some(kind) = member(map, &at, "type", false)? {
                check_enum(
                    &format!("{at}.type"),
                    text(&format!("{at}.type"), kind)?,
                    &["and", "or", "AND", "OR"],
                )?;
            }
            if let Some(nested) = member(map, &at, "conditions", true)? {
                if nested.as_array().is_some_and(Vec::is_empty) {
                    return Err(bad(format!("{at}.conditions needs at least one condition")));
                }
                check_conditions(&format!("{at}.conditions"), nested, depth + 1)?;
            }
        } else {
            let map = object(&at, item, &["condition", "params", "invert"])?;
            if let Some(name) = member(map, &at, "condition", true)? {
                check_enum(
                    &format!("{at}.condition"),
                    text(&format!("{at}.condition"), name)?,
                    CONDITIONS,
                )?;
            }
            if let Some(params) = member(map, &at, "params", false)? {
                if !params.is_object() {
                    return Err(bad(format!("{at}.params must be an object")));
                }
            }
            if let Some(invert) = member(map, &at, "invert", false)? {
                if !invert.is_boolean() {
                    return Err(bad(format!("{at}.invert must be true or false")));
                }
            }
        }
    }
    Ok(())
}

fn check_button(field: &str, value: &Value) -> Result<(), Reply> {
    let map = object(field, value, &["name", "key", "enabled"])?;
    if let Some(name) = member(map, field, "name", true)? {
        check_i18n(&format!("{field}.name"), name)?;
    }
    if let Some(key) = member(map, field, "key", false)? {
        text(&format!("{field}.key"), key)?;
    }
    if let Some(enabled) = member(map, field, "enabled", false)? {
        if !enabled.is_boolean() {
            return Err(bad(format!("{field}.enabled must be true or false")));
        }
    }
    Ok(())
}

fn check_dialog_options(field: &str, value: &Value) -> Result<(), Reply> {
    let map = object(
        field,
        value,
        &[
            "style",
            "primaryAction",
            "secondaryActions",
            "size",
            "hint",
            "filter",
        ],
    )?;
    if let Some(style) = member(map, field, "style", false)? {
        check_enum(
            &format!("{field}.style"),
            text(&format!("{field}.style"), style)?,
            &["normal", "warning"],
        )?;
    }
    if let Some(button) = member(map, field, "primaryAction", false)? {
        check_button(&format!("{field}.primaryAction"), button)?;
    }
    if let Some(buttons) = member(map, field, "secondaryActions", false)? {
        let at = format!("{field}.secondaryActions");
        match buttons.as_array() {
            Some(items) if !items.is_empty() => {
                for (i, button) in items.iter().enumerate() {
                    check_button(&format!("{at}[{i}]"), button)?;
                }
            }
            Some(_) => return Err(bad(format!("{at} needs at least one action"))),
            None => return Err(bad(format!("{at} must be an array"))),
        }
    }
    if let Some(size) = member(map, field, "size", false)? {
        let at = format!("{field}.size");
        match size {
            Value::String(name) => check_enum(&at, name, &["small", "medium", "large", "xlarge"])?,
            Value::Object(_) => {
                let dims = object(&at, size, &["width", "height"])?;
                for dim in ["width", "height"] {
                    if let Some(v) = member(dims, &at, dim, false)? {
                        text(&format!("{at}.{dim}"), v)?;
                    }
                }
            }
            _ => {
                return Err(bad(format!(
                    "{at} must be a size name or {{width, height}}"
                )));
            }
        }
    }
    if let Some(hint) = member(map, field, "hint", false)? {
        check_i18n(&format!("{field}.hint"), hint)?;
    }
    if let Some(filter) = member(map, field, "filter", false)? {
        let at = format!("{field}.filter");
        let filter = object(&at, filter, &["placeholder"])?;
        if let Some(placeholder) = member(filter, &at, "placeholder", false)? {
            check_i18n(&format!("{at}.placeholder"), placeholder)?;
        }
    }
    Ok(())
}

fn check_rule(field: &str, value: &Value, rule: Rule) -> Result<(), Reply> {
    match rule {
        Rule::Key => {
            let key = value
                .as_str()
                .ok_or_else(|| bad(format!("{field} must be a string")))?;
            check_key(field, key)
        }
        Rule::I18n => check_i18n(field, value),
        Rule::Text => text(field, value).map(drop),
        Rule::Enum(known) => check_enum(field, text(field, value)?, known),
        Rule::Int => match value.as_i64() {
            Some(_) => Ok(()),
            None => Err(bad(format!("{field} must be an integer"))),
        },
        Rule::Icon => {
            let map = object(field, value, &["url", "url@2x"])?;
            for name in ["url", "url@2x"] {
                if let Some(url) = member(map, field, name, true)? {
                    text(&format!("{field}.{name}"), url)?;
                }
            }
            Ok(())
        }
        Rule::Target => match value {
            Value::String(key) => check_key(field, key),
            Value::Object(_) => {
                let map = object(field, value, &["key", "options"])?;
                if let Some(key) = member(map, field, "key", true)? {
                    check_rule(&format!("{field}.key"), key, Rule::Key)?;
                }
                if let Some(options) = member(map, field, "options", false)? {
                    if !options.is_object() {
                        return Err(bad(format!("{field}.options must be an object")));
                    }
                }
                Ok(())
            }
            _ => Err(bad(format!(
                "{field} must be a module key or {{key, options}}"
            ))),
        },
        Rule::Conditions => check_conditions(field, value, 0),
        Rule::DialogOptions => check_dialog_options(field, value),
    }
}

/// Checks a module body of `kind` against its schema; the field names in errors are
/// `<kind>.<member>`.
fn check_module(kind: &str, body: &Value) -> Result<(), Reply> {
    let members =
        schema(kind).ok_or_else(|| Reply::not_found(format!("No such module kind: {kind}")))?;
    let names: Vec<&str> = members.iter().map(|m| m.name).collect();
    let map = object(kind, body, &names)?;
    for m in members {
        if let Some(value) = member(map, kind, m.name, m.required)? {
            check_rule(&format!("{kind}.{}", m.name), value, m.rule)?;
        }
    }
    if kind == "webhook"
        && map.contains_key("pattern")
        && map.get("event").and_then(Value::as_str) != Some("room_message")
    {
        return Err(bad(
            "webhook.pattern is only allowed for the room_message event".to_owned(),
        ));
    }
    Ok(())
}

// ----- handlers -----

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
fn get_module(ctx: &mut Ctx<'_>) -> Outcome {
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
fn put_module(ctx: &mut Ctx<'_>) -> Outcome {
    let at = address(ctx)?;
    let body: Value = ctx.req.json()?;
    check_module(&at.kind, &body)?;
    let body_key = body.get("key").and_then(Value::as_str).unwrap_or_default();
    if body_key != at.key {
        return Err(bad(format!(
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
            return Err(bad(format!(
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
fn delete_module(ctx: &mut Ctx<'_>) -> Outcome {
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
#[path = "extensions_tests.rs"]
mod tests;
