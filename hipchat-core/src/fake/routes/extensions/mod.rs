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

use serde_json::Value;

use super::{Access, Route};

mod check;
mod handlers;
mod schema;

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
        handler: Some(handlers::get_module),
    },
    Route {
        id: "extensions.create_global_action",
        method: "PUT",
        template: "/extension/action/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(handlers::put_module),
    },
    Route {
        id: "extensions.delete_global_action",
        method: "DELETE",
        template: "/extension/action/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(handlers::delete_module),
    },
    Route {
        id: "extensions.get_global_dialog",
        method: "GET",
        template: "/extension/dialog/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(handlers::get_module),
    },
    Route {
        id: "extensions.create_global_dialog",
        method: "PUT",
        template: "/extension/dialog/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(handlers::put_module),
    },
    Route {
        id: "extensions.delete_global_dialog",
        method: "DELETE",
        template: "/extension/dialog/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(handlers::delete_module),
    },
    Route {
        id: "extensions.get_global_external_page",
        method: "GET",
        template: "/extension/externalPage/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(handlers::get_module),
    },
    Route {
        id: "extensions.create_global_external_page",
        method: "PUT",
        template: "/extension/externalPage/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(handlers::put_module),
    },
    Route {
        id: "extensions.delete_global_external_page",
        method: "DELETE",
        template: "/extension/externalPage/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(handlers::delete_module),
    },
    Route {
        id: "extensions.get_global_glance",
        method: "GET",
        template: "/extension/glance/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(handlers::get_module),
    },
    Route {
        id: "extensions.create_global_glance",
        method: "PUT",
        template: "/extension/glance/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(handlers::put_module),
    },
    Route {
        id: "extensions.delete_global_glance",
        method: "DELETE",
        template: "/extension/glance/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(handlers::delete_module),
    },
    Route {
        id: "extensions.get_global_web_panel",
        method: "GET",
        template: "/extension/webPanel/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(handlers::get_module),
    },
    Route {
        id: "extensions.create_global_web_panel",
        method: "PUT",
        template: "/extension/webPanel/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(handlers::put_module),
    },
    Route {
        id: "extensions.delete_global_web_panel",
        method: "DELETE",
        template: "/extension/webPanel/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(handlers::delete_module),
    },
    Route {
        id: "extensions.get_global_webhook",
        method: "GET",
        template: "/extension/webhook/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(handlers::get_module),
    },
    Route {
        id: "extensions.create_global_webhook",
        method: "PUT",
        template: "/extension/webhook/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(handlers::put_module),
    },
    Route {
        id: "extensions.delete_global_webhook",
        method: "DELETE",
        template: "/extension/webhook/{key}",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(handlers::delete_module),
    },
    Route {
        id: "extensions.get_room_action",
        method: "GET",
        template: "/room/{room_id_or_name}/extension/action/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(handlers::get_module),
    },
    Route {
        id: "extensions.create_room_action",
        method: "PUT",
        template: "/room/{room_id_or_name}/extension/action/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(handlers::put_module),
    },
    Route {
        id: "extensions.delete_room_action",
        method: "DELETE",
        template: "/room/{room_id_or_name}/extension/action/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(handlers::delete_module),
    },
    Route {
        id: "extensions.get_room_dialog",
        method: "GET",
        template: "/room/{room_id_or_name}/extension/dialog/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(handlers::get_module),
    },
    Route {
        id: "extensions.create_room_dialog",
        method: "PUT",
        template: "/room/{room_id_or_name}/extension/dialog/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(handlers::put_module),
    },
    Route {
        id: "extensions.delete_room_dialog",
        method: "DELETE",
        template: "/room/{room_id_or_name}/extension/dialog/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(handlers::delete_module),
    },
    Route {
        id: "extensions.get_room_external_page",
        method: "GET",
        template: "/room/{room_id_or_name}/extension/externalPage/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(handlers::get_module),
    },
    Route {
        id: "extensions.create_room_external_page",
        method: "PUT",
        template: "/room/{room_id_or_name}/extension/externalPage/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(handlers::put_module),
    },
    Route {
        id: "extensions.delete_room_external_page",
        method: "DELETE",
        template: "/room/{room_id_or_name}/extension/externalPage/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(handlers::delete_module),
    },
    Route {
        id: "extensions.get_room_glance",
        method: "GET",
        template: "/room/{room_id_or_name}/extension/glance/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(handlers::get_module),
    },
    Route {
        id: "extensions.create_room_glance",
        method: "PUT",
        template: "/room/{room_id_or_name}/extension/glance/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(handlers::put_module),
    },
    Route {
        id: "extensions.delete_room_glance",
        method: "DELETE",
        template: "/room/{room_id_or_name}/extension/glance/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(handlers::delete_module),
    },
    Route {
        id: "extensions.get_room_web_panel",
        method: "GET",
        template: "/room/{room_id_or_name}/extension/webPanel/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(handlers::get_module),
    },
    Route {
        id: "extensions.create_room_web_panel",
        method: "PUT",
        template: "/room/{room_id_or_name}/extension/webPanel/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(handlers::put_module),
    },
    Route {
        id: "extensions.delete_room_web_panel",
        method: "DELETE",
        template: "/room/{room_id_or_name}/extension/webPanel/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(handlers::delete_module),
    },
    Route {
        id: "extensions.get_room_webhook",
        method: "GET",
        template: "/room/{room_id_or_name}/extension/webhook/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(handlers::get_module),
    },
    Route {
        id: "extensions.create_room_webhook",
        method: "PUT",
        template: "/room/{room_id_or_name}/extension/webhook/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(handlers::put_module),
    },
    Route {
        id: "extensions.delete_room_webhook",
        method: "DELETE",
        template: "/room/{room_id_or_name}/extension/webhook/{key}",
        access: Access::Scopes(&["admin_room"]),
        flood: false,
        handler: Some(handlers::delete_module),
    },
];

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
