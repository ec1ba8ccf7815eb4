//! OAuth sessions: the token endpoint (`POST /oauth/token`, §3.11 of the catalogue) and the
//! session of a token.
//!
//! Tokens are issued to the OAuth clients seeded with
//! [`add_oauth_client`](crate::fake::FakeHipChat::add_oauth_client), which authenticate with
//! HTTP Basic `client_id:secret`. The fake models the `client_credentials` grant (optionally on
//! behalf of a user with `username`) and the `password` grant (for users whose password the
//! fake knows: those made with `POST /user` or given one by `PUT /user/{id}`). It never issues
//! authorization codes or refresh tokens, so those grants always fail with 400; `personal` and
//! `room_notification` tokens are seeded with `add_token` and `add_room_token` instead.

use base64::Engine;
use serde_json::{Value, json};

use super::{Access, Ctx, Route};
use crate::fake::body::Fields;
use crate::fake::clock;
use crate::fake::render;
use crate::fake::reply::{Outcome, Reply};
use crate::fake::state::{ALL_SCOPES, OAuthClientRec, Owner, State, TokenRec};

/// The routes of this file, in catalogue order.
pub(crate) const ROUTES: &[Route] = &[
    Route {
        id: "oauth_sessions.generate_token",
        method: "POST",
        template: "/oauth/token",
        access: Access::Basic,
        flood: false,
        handler: Some(generate_token),
    },
    Route {
        id: "oauth_sessions.get_session",
        method: "GET",
        template: "/oauth/token/{access_token}",
        access: Access::AnyToken,
        flood: false,
        handler: Some(get_session),
    },
    Route {
        id: "oauth_sessions.delete_session",
        method: "DELETE",
        template: "/oauth/token/{access_token}",
        access: Access::AnyToken,
        flood: false,
        handler: Some(delete_session),
    },
];

/// How long an issued token lives, in seconds (the older guide's 1 hour).
const LIFETIME_SECS: i64 = 3600;

const GRANT_TYPES: &[&str] = &[
    "client_credentials",
    "authorization_code",
    "refresh_token",
    "password",
    "personal",
    "room_notification",
];

/// The client id and secret of an `Authorization: Basic` header.
fn basic_credentials(ctx: &Ctx<'_>) -> Option<(String, String)> {
    let value = ctx.req.header("authorization")?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

/// A form field the grant needs: 400 when it is missing or empty.
fn required<'a>(form: &'a Fields<'_>, name: &str, grant: &str) -> Result<&'a str, Reply> {
    match form.opt_str(name)? {
        Some(value) if !value.is_empty() => Ok(value),
        _ => Err(Reply::bad_request(format!(
            "Missing required field: {name} (grant_type {grant})"
        ))),
    }
}

/// The scopes asked for: a space-separated subset of the client's; all of them when omitted
/// or empty.
fn granted_scopes(asked: Option<&str>, client: &OAuthClientRec) -> Result<Vec<String>, Reply> {
    let Some(asked) = asked.filter(|s| !s.trim().is_empty()) else {
        return Ok(client.scopes.clone());
    };
    let mut scopes: Vec<String> = Vec::new();
    for scope in asked.split_whitespace() {
        if !ALL_SCOPES.contains(&scope) {
            return Err(Reply::bad_request(format!(
                "Unknown scope {scope:?}; known scopes: {}",
                ALL_SCOPES.join(", ")
            )));
        }
        if !client.scopes.iter().any(|s| s == scope) {
            return Err(Reply::bad_request(format!(
                "The scope {scope} is not among the scopes of this client ({})",
                client.scopes.join(" ")
            )));
        }
        if !scopes.iter().any(|s| s == scope) {
            scopes.push(scope.to_owned());
        }
    }
    Ok(scopes)
}

/// A fresh access token: deterministic, and never one issued before.
fn new_token(state: &mut State) -> String {
    loop {
        state.issued_tokens += 1;
        let token = format!("fake-oauth-token-{:06}", state.issued_tokens);
        if !state.tokens.contains_key(&token) {
            return token;
        }
    }
}

/// `POST /oauth/token`: form-encoded, with the client id and secret as HTTP Basic. 200
/// `{access_token, token_type, expires_in, scope, group_id, group_name}`; 401 for unknown
/// client credentials, 400 for everything wrong in the form.
fn generate_token(ctx: &mut Ctx<'_>) -> Outcome {
    let Some((client_id, secret)) = basic_credentials(ctx) else {
        return Err(Reply::error(
            401,
            "The token endpoint needs the OAuth client id and secret as HTTP Basic authentication",
        ));
    };
    let client = match ctx.state.oauth_clients.get(&client_id) {
        Some(client) if client.secret == secret => client.clone(),
        _ => return Err(Reply::error(401, "Invalid OAuth client credentials")),
    };
    if let Some(kind) = ctx.req.header("content-type") {
        if !kind
            .to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded")
        {
            return Err(Reply::bad_request(format!(
                "The token endpoint takes an application/x-www-form-urlencoded body, not {kind}"
            )));
        }
    }
    let form = Fields::parse_form(ctx.req);
    let grant = required(&form, "grant_type", "(none)")?;
    if !GRANT_TYPES.contains(&grant) {
        return Err(Reply::bad_request(format!(
            "grant_type must be one of {} (got {grant:?})",
            GRANT_TYPES.join(", ")
        )));
    }
    let scopes = granted_scopes(form.opt_str("scope")?, &client)?;
    let owner = match grant {
        "client_credentials" => match form.opt_str("username")?.filter(|u| !u.is_empty()) {
            None => Owner::Client(client_id.clone()),
            Some(username) => Owner::User(ctx.state.find_user(username).ok_or_else(|| {
                Reply::bad_request(format!("username: no such user {username:?}"))
            })?),
        },
        "password" => {
            let username = required(&form, "username", grant)?;
            let password = required(&form, "password", grant)?;
            let user = ctx
                .state
                .find_user(username)
                .filter(|id| {
                    ctx.state.users.get(id).and_then(|u| u.password.as_deref()) == Some(password)
                })
                .ok_or_else(|| Reply::bad_request("Invalid username or password"))?;
            Owner::User(user)
        }
        "authorization_code" => {
            required(&form, "code", grant)?;
            required(&form, "redirect_url", grant)?;
            return Err(Reply::bad_request(
                "Invalid authorization code (FakeHipChat issues none)",
            ));
        }
        "refresh_token" => {
            required(&form, "refresh_token", grant)?;
            return Err(Reply::bad_request(
                "Invalid refresh token (FakeHipChat issues none)",
            ));
        }
        _ => {
            return Err(Reply::bad_request(format!(
                "FakeHipChat does not issue {grant} tokens; seed them with add_token or add_room_token"
            )));
        }
    };
    let state = &mut *ctx.state;
    let token = new_token(state);
    state.tokens.insert(
        token.clone(),
        TokenRec {
            owner,
            scopes: scopes.clone(),
            expires: Some(state.now + clock::from_secs(LIFETIME_SECS)),
            client_id: Some(client_id),
        },
    );
    Ok(Reply::ok(json!({
        "access_token": token,
        "token_type": "bearer",
        "expires_in": LIFETIME_SECS,
        "scope": scopes.join(" "),
        "group_id": state.group.id,
        "group_name": state.group.name,
    })))
}

/// The live token named by the path, or 404.
fn token_param<'a>(ctx: &'a Ctx<'_>) -> Result<(&'a str, &'a TokenRec), Reply> {
    let token = ctx.param(0);
    ctx.state
        .tokens
        .get_key_value(token)
        .filter(|(_, t)| t.expires.is_none_or(|at| ctx.state.now < at))
        .map(|(k, t)| (k.as_str(), t))
        .ok_or_else(|| Reply::not_found("OAuth session not found"))
}

fn room_ref(state: &State, id: u64) -> Value {
    match state.rooms.get(&id) {
        Some(room) => json!({"id": id, "name": room.name}),
        None => json!({"id": id, "name": ""}),
    }
}

/// `GET /oauth/token/{access_token}`: `{access_token, expires_in, scopes, client, owner,
/// owner_type}`. Tokens seeded without an expiry have no `expires_in`. 404 for unknown or
/// expired tokens.
fn get_session(ctx: &mut Ctx<'_>) -> Outcome {
    let (token, record) = token_param(ctx)?;
    let state = &*ctx.state;
    let base = ctx.base();
    let mut client = match record.client_id.as_ref() {
        Some(id) => {
            let rec = state.oauth_clients.get(id);
            json!({
                "id": id,
                "name": rec.map(|c| c.name.clone()),
                "allowed_scopes": rec.map(|c| c.scopes.clone()).unwrap_or_default(),
                "room": rec.and_then(|c| c.room).map(|r| room_ref(state, r)),
                "oauth_client_id": id,
            })
        }
        None => json!({
            "name": match record.owner {
                Owner::Room(_) => "Room notification token",
                _ => "Personal access token",
            },
            "allowed_scopes": record.scopes,
            "room": null,
        }),
    };
    let (owner, owner_type) = match &record.owner {
        Owner::User(id) => (render::user_ref_by_id(base, state, *id), "user"),
        Owner::Room(room) => {
            client["room"] = room_ref(state, *room);
            let owner = state
                .rooms
                .get(room)
                .map_or(crate::fake::FakeHipChat::ADMIN_ID, |r| r.owner);
            (render::user_ref_by_id(base, state, owner), "user")
        }
        Owner::Client(_) => (
            json!({
                "id": state.group.id,
                "name": state.group.name,
                "links": {"self": format!("{base}/group/{}", state.group.id)},
            }),
            "group",
        ),
    };
    let mut session = json!({
        "access_token": token,
        "scopes": record.scopes,
        "client": client,
        "owner": owner,
        "owner_type": owner_type,
    });
    if let Some(expires) = record.expires {
        session["expires_in"] = json!(clock::unix_secs(expires - state.now));
    }
    Ok(Reply::ok(session))
}

/// `DELETE /oauth/token/{access_token}`: revokes the token; 204, or 404 when unknown.
fn delete_session(ctx: &mut Ctx<'_>) -> Outcome {
    let token = token_param(ctx)?.0.to_owned();
    ctx.state.tokens.remove(&token);
    Ok(Reply::no_content())
}

#[cfg(test)]
#[path = "oauth_tests.rs"]
pub(crate) mod tests;
