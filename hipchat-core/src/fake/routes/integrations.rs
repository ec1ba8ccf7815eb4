//! Integrations: add-on UI (glance) updates and integration links.
//!
//! Modelled: the four add-on UI updates (the glance content is checked and stored per target,
//! see [`FakeHipChat::glance_content`]) and creating and deleting integration links.
//! Not modelled (501):
//! - `get_integration_installable_data`: installation records only exist after a real add-on
//!   install flow (HipChat fetching the descriptor and redirecting a browser), which the fake
//!   does not run; seed OAuth clients with `add_oauth_client` instead.
//! - `invoke_integration_link`: HipChat would POST to the add-on's target URL and redirect the
//!   browser where the add-on answers; the fake makes no outgoing requests.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{Access, Caller, Ctx, Route};
use crate::fake::FakeHipChat;
use crate::fake::body::{Fields, check_key};
use crate::fake::clock::{self, Micros};
use crate::fake::reply::{Outcome, Reply};
use crate::fake::state::{Owner, State};
use crate::model::GlanceData;

/// What this group of endpoints remembers: glance content and integration links.
#[derive(Debug, Default)]
pub(crate) struct IntegrationState {
    /// The latest content of each glance, by target, glance key and add-on.
    glances: BTreeMap<(GlanceTarget, String, String), GlanceRec>,
    /// Integration links by token.
    links: BTreeMap<String, LinkRec>,
    /// How many links were made, for their tokens.
    issued_links: u64,
    /// Orders glance updates, so the latest wins when add-ons share a key.
    updates: u64,
}

/// Who sees a glance update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum GlanceTarget {
    Group,
    Room(u64),
    User(u64),
    UserInRoom(u64, u64),
}

#[derive(Debug, Clone)]
struct GlanceRec {
    content: Value,
    seq: u64,
}

#[derive(Debug, Clone)]
struct LinkRec {
    client: String,
    target: String,
    expires: Micros,
}

/// The routes of this file, in catalogue order.
pub(crate) const ROUTES: &[Route] = &[
    Route {
        id: "integrations.get_integration_installable_data",
        method: "GET",
        template: "/addon/{integration_id_or_key}/installable/{token}",
        access: Access::Public,
        flood: false,
        handler: None,
    },
    Route {
        id: "integrations.invoke_integration_link",
        method: "GET",
        template: "/addon/link/{token}",
        access: Access::Public,
        flood: false,
        handler: None,
    },
    Route {
        id: "integrations.delete_integration_link",
        method: "DELETE",
        template: "/addon/link/{token}",
        access: Access::AnyToken,
        flood: false,
        handler: Some(delete_integration_link),
    },
    Route {
        id: "integrations.create_integration_link",
        method: "POST",
        template: "/addon/link",
        access: Access::AnyToken,
        flood: false,
        handler: Some(create_integration_link),
    },
    Route {
        id: "integrations.addon_ui_update",
        method: "POST",
        template: "/addon/ui",
        access: Access::Scopes(&["view_group"]),
        flood: false,
        handler: Some(addon_ui_update),
    },
    Route {
        id: "integrations.room_addon_ui_update",
        method: "POST",
        template: "/addon/ui/room/{room_id_or_name}",
        access: Access::Scopes(&["view_room"]),
        flood: false,
        handler: Some(room_addon_ui_update),
    },
    Route {
        id: "integrations.user_in_room_addon_ui_update",
        method: "POST",
        template: "/addon/ui/room/{room_id_or_name}/user/{user_id_or_email}",
        access: Access::Scopes(&["view_room"]),
        flood: false,
        handler: Some(user_in_room_addon_ui_update),
    },
    Route {
        id: "integrations.user_addon_ui_update",
        method: "POST",
        template: "/addon/ui/user/{user_id_or_email}",
        access: Access::Scopes(&["view_group"]),
        flood: false,
        handler: Some(user_addon_ui_update),
    },
];

const LOZENGE_TYPES: &[&str] = &[
    "default", "success", "error", "current", "new", "complete", "moved",
];

/// The add-on (OAuth client id) behind the caller's token; 403 for other tokens.
fn addon(ctx: &Ctx<'_>, what: &str) -> Result<String, Reply> {
    match &ctx.caller {
        Caller::Token {
            owner: Owner::Client(client),
            ..
        } => Ok(client.clone()),
        _ => Err(Reply::forbidden(format!(
            "{what} belong to add-ons: call this method with an add-on token"
        ))),
    }
}

/// Glance data (§3.16): `{label: {type: "html", value}, status?, metadata?}`.
fn check_glance_data(content: Fields<'_>) -> Result<(), Reply> {
    content.only(&["label", "status", "metadata"])?;
    let label = content.required_object("label")?;
    label.only(&["type", "value"])?;
    label.required_one_of("type", &["html"])?;
    label.required_str("value")?;
    if let Some(status) = content.opt_object("status")? {
        status.only(&["type", "value"])?;
        let kind = status.required_one_of("type", &["lozenge", "icon"])?;
        let value = status.required_object("value")?;
        if kind == "lozenge" {
            value.only(&["label", "type"])?;
            value.required_str("label")?;
            value.required_one_of("type", LOZENGE_TYPES)?;
        } else {
            value.only(&["url", "url@2x"])?;
            value.required_str("url")?;
            value.required_str("url@2x")?;
        }
    }
    content.opt_object("metadata")?;
    Ok(())
}

/// Checks `{"glance": [{key, content}, ...]}` and stores each content for `target`. 204.
fn ui_update(ctx: &mut Ctx<'_>, target: GlanceTarget) -> Outcome {
    let client = addon(ctx, "Glances")?;
    let body = Fields::parse(ctx.req)?;
    let glances = body.required_array("glance")?;
    let mut checked = Vec::with_capacity(glances.len());
    for (i, item) in glances.iter().enumerate() {
        let update = Fields::of(&format!("glance[{i}]"), item)?;
        update.only(&["key", "content"])?;
        let key = update.required_str("key")?.to_owned();
        check_key(&update.name("key"), &key)?;
        check_glance_data(update.required_object("content")?)?;
        checked.push((key, update.required("content")?.clone()));
    }
    let state = &mut ctx.state.integrations;
    for (key, content) in checked {
        state.updates += 1;
        state.glances.insert(
            (target, key, client.clone()),
            GlanceRec {
                content,
                seq: state.updates,
            },
        );
    }
    Ok(Reply::no_content())
}

/// `POST /addon/ui`: glance content for the whole group.
fn addon_ui_update(ctx: &mut Ctx<'_>) -> Outcome {
    ui_update(ctx, GlanceTarget::Group)
}

/// `POST /addon/ui/room/{room_id_or_name}`: glance content for one room.
fn room_addon_ui_update(ctx: &mut Ctx<'_>) -> Outcome {
    let room = ctx.room_param(0)?;
    ui_update(ctx, GlanceTarget::Room(room))
}

/// `POST /addon/ui/user/{user_id_or_email}`: glance content for one user, in every room.
fn user_addon_ui_update(ctx: &mut Ctx<'_>) -> Outcome {
    let user = ctx.user_param(0)?;
    ui_update(ctx, GlanceTarget::User(user))
}

/// `POST /addon/ui/room/{room_id_or_name}/user/{user_id_or_email}`: glance content for one
/// user in one room.
fn user_in_room_addon_ui_update(ctx: &mut Ctx<'_>) -> Outcome {
    let room = ctx.room_param(0)?;
    let user = ctx.user_param(1)?;
    ui_update(ctx, GlanceTarget::UserInRoom(room, user))
}

/// The live link named by the path, or 404.
fn live_link<'a>(state: &'a State, token: &str) -> Option<&'a LinkRec> {
    state
        .integrations
        .links
        .get(token)
        .filter(|link| state.now < link.expires)
}

/// `POST /addon/link`: `{target (absolute URL), ttl (seconds, > 0)}`; 200 `{token}`.
fn create_integration_link(ctx: &mut Ctx<'_>) -> Outcome {
    let client = addon(ctx, "Integration links")?;
    let body = Fields::parse(ctx.req)?;
    let target = body.required_str("target")?;
    if !(target.starts_with("https://") || target.starts_with("http://")) {
        return Err(Reply::bad_request(format!(
            "target must be an absolute http(s) URL (got {target:?})"
        )));
    }
    let ttl = match body.required("ttl")?.as_u64() {
        Some(ttl) if ttl > 0 => ttl,
        _ => return Err(Reply::bad_request("ttl must be a positive integer")),
    };
    let state = &mut *ctx.state;
    state.integrations.issued_links += 1;
    let token = format!("fake-link-{:06}", state.integrations.issued_links);
    let lifetime = clock::from_secs(i64::try_from(ttl).unwrap_or(i64::MAX));
    state.integrations.links.insert(
        token.clone(),
        LinkRec {
            client,
            target: target.to_owned(),
            expires: state.now.saturating_add(lifetime),
        },
    );
    Ok(Reply::ok(json!({"token": token})))
}

/// `DELETE /addon/link/{token}`: 204; 404 for unknown or expired links and for links of
/// another add-on.
fn delete_integration_link(ctx: &mut Ctx<'_>) -> Outcome {
    let client = addon(ctx, "Integration links")?;
    let token = ctx.param(0).to_owned();
    match live_link(ctx.state, &token) {
        Some(link) if link.client == client => {}
        _ => return Err(Reply::not_found(format!("No integration link {token}"))),
    }
    ctx.state.integrations.links.remove(&token);
    Ok(Reply::no_content())
}

impl FakeHipChat {
    /// The latest glance content add-ons sent for glance `key` through the add-on UI update
    /// methods, for exactly this target: the whole group (`room` and `user` both `None`), one
    /// room, one user, or one user in one room. `None` if nothing was sent there.
    ///
    /// ```
    /// use hipchat_core::api::integrations::AddonUiUpdate;
    /// use hipchat_core::api::oauth_sessions::GenerateToken;
    /// use hipchat_core::fake::FakeHipChat;
    /// use hipchat_core::model::{GlanceData, GlanceUpdate, GrantType, Scope};
    /// use hipchat_core::Client;
    ///
    /// # futures_executor::block_on(async {
    /// let fake = FakeHipChat::new();
    /// fake.add_oauth_client("my-addon", "secret", &[Scope::ViewGroup]);
    /// let installation = Client::builder()
    ///     .base_url(FakeHipChat::BASE_URL)
    ///     .oauth_client("my-addon", "secret")
    ///     .backend(fake.clone())
    ///     .build()?;
    /// let token = installation.send(&GenerateToken::new(GrantType::ClientCredentials)).await?;
    ///
    /// let addon = fake.client_with_token(token.access_token);
    /// let update = GlanceUpdate::new("builds", GlanceData::new("<b>2</b> failing"));
    /// addon.send(&AddonUiUpdate::new(vec![update])).await?;
    /// assert_eq!(fake.glance_content("builds", None, None).unwrap().label.value, "<b>2</b> failing");
    /// # Ok::<(), hipchat_core::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn glance_content(
        &self,
        key: &str,
        room: Option<u64>,
        user: Option<u64>,
    ) -> Option<GlanceData> {
        let target = match (room, user) {
            (None, None) => GlanceTarget::Group,
            (Some(room), None) => GlanceTarget::Room(room),
            (None, Some(user)) => GlanceTarget::User(user),
            (Some(room), Some(user)) => GlanceTarget::UserInRoom(room, user),
        };
        let state = self.lock();
        state
            .integrations
            .glances
            .iter()
            .filter(|((t, k, _), _)| *t == target && k == key)
            .max_by_key(|(_, g)| g.seq)
            .and_then(|(_, g)| serde_json::from_value(g.content.clone()).ok())
    }

    /// The target URL of a live integration link made with `POST /addon/link`, by token.
    pub fn integration_link_target(&self, token: &str) -> Option<String> {
        let state = self.lock();
        live_link(&state, token).map(|link| link.target.clone())
    }
}

#[cfg(test)]
#[path = "integrations_tests.rs"]
mod tests;
