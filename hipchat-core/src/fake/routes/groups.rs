//! The group itself, its avatar and statistics, group invites, and the server's capabilities
//! document.

use serde_json::{Value, json};

use super::users::{derive_mention, email_taken, group_owner};
use super::{Access, Ctx, Route};
use crate::fake::body::{Fields, check_email, check_len, decode_image, one_of};
use crate::fake::clock::format_iso;
use crate::fake::render;
use crate::fake::reply::{Outcome, Reply};
use crate::fake::state::ALL_SCOPES;

/// The routes of this file, in catalogue order.
pub(crate) const ROUTES: &[Route] = &[
    Route {
        id: "capabilities.get_capabilities",
        method: "GET",
        template: "/capabilities",
        access: Access::Public,
        flood: false,
        handler: Some(get_capabilities),
    },
    Route {
        id: "capabilities.get_addon_capabilities_schema",
        method: "GET",
        template: "/capabilities/addon/schema",
        access: Access::Public,
        flood: false,
        handler: Some(get_addon_capabilities_schema),
    },
    Route {
        id: "groups.view_group",
        method: "GET",
        template: "/group/{group_id}",
        access: Access::Scopes(&["view_group"]),
        flood: false,
        handler: Some(view_group),
    },
    Route {
        id: "groups.get_group_avatar",
        method: "GET",
        template: "/group/{group_id}/avatar",
        access: Access::Scopes(&["view_group"]),
        flood: false,
        handler: Some(get_group_avatar),
    },
    Route {
        id: "groups.update_group_avatar",
        method: "PUT",
        template: "/group/{group_id}/avatar",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(update_group_avatar),
    },
    Route {
        id: "groups.delete_group_avatar",
        method: "DELETE",
        template: "/group/{group_id}/avatar",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(delete_group_avatar),
    },
    Route {
        id: "groups.group_statistics",
        method: "GET",
        template: "/group/{group_id}/statistics",
        access: Access::Scopes(&["view_group"]),
        flood: false,
        handler: Some(group_statistics),
    },
    Route {
        id: "invites.invite_user_to_group",
        method: "POST",
        template: "/invite/user",
        access: Access::Scopes(&["admin_group"]),
        flood: false,
        handler: Some(invite_user_to_group),
    },
];

/// `scheme://authority` of the base URL (`https://hipchat.fake` of `https://hipchat.fake/v2`).
fn origin(base: &str) -> &str {
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    match base[after_scheme..].find('/') {
        Some(i) => &base[..after_scheme + i],
        None => base,
    }
}

/// Display names and descriptions of the nine scopes.
fn scope_text(scope: &str) -> (&'static str, &'static str) {
    match scope {
        "admin_group" => (
            "Administer Group",
            "Administer the group; the group owner's profile cannot be changed with it",
        ),
        "admin_room" => ("Administer Room", "Administer rooms"),
        "manage_rooms" => ("Manage Rooms", "Create, update and delete rooms"),
        "send_message" => ("Send Message", "Send private one-to-one messages"),
        "send_notification" => ("Send Notification", "Send notifications to rooms"),
        "view_group" => ("View Group", "See users, rooms and other group information"),
        "view_messages" => (
            "View Messages",
            "Read the messages of the rooms and private chats the caller can see",
        ),
        "view_room" => (
            "View Room",
            "See rooms and their participants, not their history",
        ),
        "import_data" => (
            "Import Data",
            "Import users, rooms and chat history; for approved add-ons only",
        ),
        _ => ("", ""),
    }
}

/// `GET /capabilities`: the server's capabilities document, its links on the request's base.
fn get_capabilities(ctx: &mut Ctx<'_>) -> Outcome {
    let base = ctx.base();
    let site = origin(base);
    let scopes: serde_json::Map<String, Value> = ALL_SCOPES
        .iter()
        .map(|scope| {
            let (name, description) = scope_text(scope);
            (
                (*scope).to_owned(),
                json!({"id": scope, "name": name, "description": description}),
            )
        })
        .collect();
    Ok(Reply::ok(json!({
        "name": "HipChat",
        "key": "hipchat",
        "description": "FakeHipChat, an in-memory HipChat for tests",
        "vendor": {"name": "hipchat-rs", "url": "https://github.com/hipchat-rs/hipchat-rs"},
        "connect_server_api_version": 1,
        "links": {
            "self": format!("{base}/capabilities"),
            "api": base,
            "homepage": site,
            "subdomain": site,
        },
        "capabilities": {
            "hipchatApiProvider": {
                "url": format!("{base}/"),
                "availableScopes": scopes,
            },
            "oauth2Provider": {
                "authorizationUrl": format!("{site}/users/authorize"),
                "tokenUrl": format!("{base}/oauth/token"),
            },
        },
    })))
}

/// `GET /capabilities/addon/schema`: a small JSON Schema of the add-on descriptor (§3.12 of
/// the catalogue: the required top-level members and the shape of `capabilities`), not
/// HipChat's full schema. `draft` is `v2` or `v4` (the default).
fn get_addon_capabilities_schema(ctx: &mut Ctx<'_>) -> Outcome {
    let draft = ctx.req.query("draft").unwrap_or("v4");
    one_of("draft", draft, &["v2", "v4"])?;
    let meta = if draft == "v2" {
        "http://json-schema.org/draft-02/schema#"
    } else {
        "http://json-schema.org/draft-04/schema#"
    };
    let module_list = json!({"type": "array", "items": {"type": "object"}});
    Ok(Reply::ok(json!({
        "$schema": meta,
        "title": "HipChat add-on descriptor",
        "type": "object",
        "additionalProperties": true,
        "required": ["key", "name", "description", "links"],
        "properties": {
            "key": {"type": "string", "maxLength": 100},
            "name": {"type": "string"},
            "description": {"type": "string"},
            "apiVersion": {"type": "string", "pattern": "^\\d+:\\d+$", "default": "1:1"},
            "vendor": {
                "type": "object",
                "required": ["name", "url"],
                "properties": {"name": {"type": "string"}, "url": {"type": "string"}},
            },
            "links": {
                "type": "object",
                "required": ["self"],
                "properties": {"self": {"type": "string"}, "homepage": {"type": "string"}},
            },
            "capabilities": {
                "type": "object",
                "additionalProperties": true,
                "properties": {
                    "hipchatApiConsumer": {
                        "type": "object",
                        "required": ["scopes"],
                        "properties": {
                            "scopes": {"type": "array", "items": {"enum": ALL_SCOPES}},
                            "fromName": {"type": "string"},
                        },
                    },
                    "installable": {"type": "object"},
                    "configurable": {"type": "object", "required": ["url"]},
                    "webhook": module_list,
                    "glance": module_list,
                    "webPanel": module_list,
                    "action": module_list,
                    "dialog": module_list,
                    "externalPage": module_list,
                },
            },
        },
    })))
}

/// The path's group id must be the fake's group; 404 otherwise.
fn check_group(ctx: &Ctx<'_>) -> Result<u64, Reply> {
    let id = ctx.state.group.id;
    if ctx.param(0).parse::<u64>().ok() == Some(id) {
        Ok(id)
    } else {
        Err(Reply::not_found(format!(
            "Group not found: {}",
            ctx.param(0)
        )))
    }
}

/// `GET /group/{group_id}`: `{id, name, domain, subdomain, created, avatar_url, plan, owner,
/// links}`.
fn view_group(ctx: &mut Ctx<'_>) -> Outcome {
    let id = check_group(ctx)?;
    let base = ctx.base();
    let state = &*ctx.state;
    let group = &state.group;
    let subdomain: String = group
        .name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let mut body = json!({
        "id": id,
        "name": group.name,
        "domain": group.domain,
        "subdomain": subdomain,
        "created": format_iso(group.created),
        "avatar_url": group.avatar_url,
        "plan": {"id": 1, "type": "free"},
        "links": {"self": format!("{base}/group/{id}")},
    });
    if let Some(owner) = group_owner(state) {
        body["owner"] = render::user_ref_by_id(base, state, owner);
    }
    Ok(Reply::ok(body))
}

/// `GET /group/{group_id}/avatar`: 302 to the avatar, or to the default one.
fn get_group_avatar(ctx: &mut Ctx<'_>) -> Outcome {
    check_group(ctx)?;
    let location = ctx
        .state
        .group
        .avatar_url
        .clone()
        .unwrap_or_else(|| "https://hipchat.fake/img/group_default_125.png".to_owned());
    Ok(Reply::redirect(location))
}

/// `PUT /group/{group_id}/avatar`: `{avatar}`, a base64 image or a `data:image/...;base64,`
/// URI. 204.
fn update_group_avatar(ctx: &mut Ctx<'_>) -> Outcome {
    let id = check_group(ctx)?;
    let body = Fields::parse(ctx.req)?;
    let avatar = body.required_str("avatar")?;
    let bytes = decode_image("avatar", avatar)?;
    // The file name changes with the image, as a CDN address would.
    let digest = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    ctx.state.group.avatar_url = Some(format!(
        "https://hipchat.fake/group/{id}/avatar_{digest:016x}.png"
    ));
    Ok(Reply::no_content())
}

/// `DELETE /group/{group_id}/avatar`: back to the default avatar. 204.
fn delete_group_avatar(ctx: &mut Ctx<'_>) -> Outcome {
    check_group(ctx)?;
    ctx.state.group.avatar_url = None;
    Ok(Reply::no_content())
}

/// `GET /group/{group_id}/statistics`. HipChat's fields are unknown (the client keeps the raw
/// JSON); the fake counts what it holds: `{users, guests, rooms, archived_rooms,
/// messages_sent, links{self}}`.
fn group_statistics(ctx: &mut Ctx<'_>) -> Outcome {
    let id = check_group(ctx)?;
    let state = &*ctx.state;
    let live = state.users.values().filter(|u| !u.is_deleted);
    let guests = live.clone().filter(|u| u.is_guest).count();
    let users = live.count() - guests;
    let archived = state.rooms.values().filter(|r| r.is_archived).count();
    let messages: usize = state.rooms.values().map(|r| r.history.len()).sum::<usize>()
        + state.private_chats.values().map(Vec::len).sum::<usize>();
    Ok(Reply::ok(json!({
        "users": users,
        "guests": guests,
        "rooms": state.rooms.len() - archived,
        "archived_rooms": archived,
        "messages_sent": messages,
        "links": {"self": format!("{}/group/{id}/statistics", ctx.base())},
    })))
}

/// `POST /invite/user`: `{email, name, title?}` adds the invited person as a member who has
/// not signed in yet (no password, never active), and answers 200 with that user's profile.
/// An e-mail address already in use is 400.
fn invite_user_to_group(ctx: &mut Ctx<'_>) -> Outcome {
    let body = Fields::parse(ctx.req)?;
    let email = body.required_str("email")?;
    check_email("email", email)?;
    let name = body.required_str("name")?;
    check_len("name", name, 1, 50)?;
    let title = body.opt_str("title")?;
    let state = &mut *ctx.state;
    if email_taken(state, email, None) {
        return Err(Reply::bad_request(format!(
            "A user with the email {email} already exists"
        )));
    }
    let mention = derive_mention(state, name);
    let id = state.insert_user(name, &mention, email);
    if let (Some(user), Some(title)) = (state.users.get_mut(&id), title) {
        user.title = title.to_owned();
    }
    let user = state
        .users
        .get(&id)
        .ok_or_else(|| Reply::error(500, "the invited user vanished"))?;
    Ok(Reply::ok(render::user_full(&ctx.req.base, state, user)))
}

#[cfg(test)]
#[path = "groups_tests.rs"]
mod tests;
