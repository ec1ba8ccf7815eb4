//! One request through the fake: find the route, check the token, its scopes and the limits,
//! run the handler, and turn its reply into an HTTP response.

use http::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use serde_json::json;

use super::clock::{self, Micros};
use super::reply::Reply;
use super::request::FakeRequest;
use super::routes::{self, Access, Caller, Ctx, Found, Route};
use super::state::{Owner, State, Window};
use crate::{HttpRequest, HttpResponse};

/// Serves one request against `state`.
pub(crate) fn dispatch(state: &mut State, request: HttpRequest) -> HttpResponse {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let reply = match FakeRequest::parse(request) {
        Ok(req) => serve(state, &req),
        Err(message) => Reply::not_found(message),
    };
    state
        .log
        .push(format!("{method} {path} -> {}", reply.status.as_u16()));
    into_response(reply)
}

fn serve(state: &mut State, req: &FakeRequest) -> Reply {
    let (route, params) = match routes::find(req.method.as_str(), &req.segments) {
        Found::Route(route, params) => (route, params),
        Found::WrongMethod => {
            return Reply::error(
                405,
                format!("Method {} not allowed on {}", req.method, req.raw_path),
            );
        }
        Found::Nothing => return Reply::not_found(format!("No such resource: {}", req.raw_path)),
    };
    let caller = match authenticate(state, req, route) {
        Ok(caller) => caller,
        Err(reply) => return reply,
    };
    let mut limit_headers = Vec::new();
    if let Caller::Token { token, .. } = &caller {
        match rate_limit(state, token) {
            Ok(headers) => limit_headers = headers,
            Err(reply) => return reply,
        }
    }
    let outcome = if req.query_bool("auth_test", false).unwrap_or(false) {
        Ok(Reply::json(
            202,
            json!({"success": {
                "code": 202,
                "type": "Accepted",
                "message": "This auth_token has access to use this method."
            }}),
        ))
    } else {
        run(state, req, route, params, caller)
    };
    let mut reply = outcome.unwrap_or_else(|reply| reply);
    reply.headers.extend(limit_headers);
    reply
}

fn run(
    state: &mut State,
    req: &FakeRequest,
    route: &'static Route,
    params: Vec<String>,
    caller: Caller,
) -> Result<Reply, Reply> {
    let Some(handler) = route.handler else {
        return Err(Reply::error(
            501,
            format!(
                "FakeHipChat does not implement {} ({} {})",
                route.id, route.method, route.template
            ),
        ));
    };
    let mut flood_headers = Vec::new();
    if route.flood {
        flood_headers = flood_control(state, route, &params)?;
    }
    let mut ctx = Ctx {
        state,
        req,
        params,
        caller,
    };
    let mut reply = handler(&mut ctx)?;
    reply.headers.extend(flood_headers);
    Ok(reply)
}

/// The token of the request: `Authorization: Bearer …`, else the `auth_token` query parameter.
fn token_of(req: &FakeRequest) -> Option<String> {
    if let Some(value) = req.header("authorization") {
        let (scheme, rest) = value.split_once(' ')?;
        return scheme
            .eq_ignore_ascii_case("bearer")
            .then(|| rest.trim().to_owned());
    }
    req.query("auth_token").map(str::to_owned)
}

fn authenticate(state: &State, req: &FakeRequest, route: &Route) -> Result<Caller, Reply> {
    let needed = match route.access {
        Access::Public | Access::Basic => return Ok(Caller::Anonymous),
        Access::AnyToken => None,
        Access::Scopes(scopes) => Some(scopes),
    };
    let token = token_of(req).ok_or_else(|| Reply::error(401, "Invalid OAuth session"))?;
    let record = state
        .tokens
        .get(&token)
        .filter(|t| t.expires.is_none_or(|at| state.now < at))
        .ok_or_else(|| Reply::error(401, "Invalid OAuth session"))?;
    if let Some(scopes) = needed {
        if !scopes
            .iter()
            .any(|s| record.scopes.iter().any(|held| held == s))
        {
            let list: Vec<String> = scopes.iter().map(|s| format!("u'{s}'")).collect();
            return Err(Reply::forbidden(format!(
                "This action requires one of the following scopes: [{}]",
                list.join(", ")
            )));
        }
    }
    if let Owner::Room(room) = record.owner {
        let own_room = route.id == "rooms.send_room_notification"
            && req
                .segments
                .get(1)
                .and_then(|r| state.find_room(r))
                .is_some_and(|r| r == room);
        if !own_room {
            return Err(Reply::forbidden(
                "A room notification token may only send notifications to its own room",
            ));
        }
    }
    Ok(Caller::Token {
        token,
        owner: record.owner.clone(),
        scopes: record.scopes.clone(),
    })
}

/// Counts a use of `key` in its window; `(used, window end)`.
fn count(
    windows: &mut std::collections::HashMap<String, Window>,
    key: &str,
    now: Micros,
    length: Micros,
) -> (u32, Micros) {
    let window = windows.entry(key.to_owned()).or_insert(Window {
        start: now,
        used: 0,
    });
    if now >= window.start + length {
        *window = Window {
            start: now,
            used: 0,
        };
    }
    window.used = window.used.saturating_add(1);
    (window.used, window.start + length)
}

fn limit_headers(
    family: &'static [&'static str; 3],
    limit: u32,
    used: u32,
    reset: Micros,
) -> Vec<(&'static str, String)> {
    vec![
        (family[0], limit.to_string()),
        (family[1], limit.saturating_sub(used).to_string()),
        (family[2], clock::unix_secs(reset).to_string()),
    ]
}

const RATE: &[&str; 3] = &[
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
];
const FLOOD: &[&str; 3] = &[
    "x-floodcontrol-limit",
    "x-floodcontrol-remaining",
    "x-floodcontrol-reset",
];

fn rate_limit(state: &mut State, token: &str) -> Result<Vec<(&'static str, String)>, Reply> {
    let Some((limit, length)) = state.limits.rate else {
        return Ok(Vec::new());
    };
    let (used, reset) = count(&mut state.limits.rate_windows, token, state.now, length);
    let headers = limit_headers(RATE, limit, used, reset);
    if used > limit {
        let mut reply = Reply::error(429, "You have exceeded the rate limit");
        reply.headers = headers;
        reply.headers.push((
            "retry-after",
            clock::unix_secs(reset - state.now).max(1).to_string(),
        ));
        return Err(reply);
    }
    Ok(headers)
}

fn flood_control(
    state: &mut State,
    route: &Route,
    params: &[String],
) -> Result<Vec<(&'static str, String)>, Reply> {
    let Some(limit) = state.limits.flood else {
        return Ok(Vec::new());
    };
    let target = params.first().map(String::as_str).unwrap_or("");
    let key = if route.template.starts_with("/room/") {
        match state.find_room(target) {
            Some(room) => format!("room:{room}"),
            None => return Ok(Vec::new()),
        }
    } else {
        match state.find_user(target) {
            Some(user) => format!("user:{user}"),
            None => return Ok(Vec::new()),
        }
    };
    let (used, reset) = count(
        &mut state.limits.flood_windows,
        &key,
        state.now,
        clock::from_secs(60),
    );
    let headers = limit_headers(FLOOD, limit, used, reset);
    if used > limit {
        let mut reply = Reply::error(
            429,
            "You have exceeded the flood control limit for this room",
        );
        reply.headers = headers;
        return Err(reply);
    }
    Ok(headers)
}

fn into_response(reply: Reply) -> HttpResponse {
    let body = reply
        .body
        .as_ref()
        .map(|b| serde_json::to_vec(b).unwrap_or_default())
        .unwrap_or_default();
    let mut response = HttpResponse::new(body);
    *response.status_mut() = reply.status;
    let headers = response.headers_mut();
    if reply.body.is_some() {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    for (name, value) in reply.headers {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.append(HeaderName::from_static(name), value);
        }
    }
    response
}
