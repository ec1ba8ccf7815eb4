//! The route table: every method of the catalogue, with the scope it needs and the handler
//! that serves it. A route without a handler answers 501 naming the method.

use super::reply::{Outcome, Reply};
use super::request::FakeRequest;
use super::state::{Owner, State};

pub(crate) mod emoticons;
pub(crate) mod extensions;
pub(crate) mod groups;
pub(crate) mod imports;
pub(crate) mod integrations;
pub(crate) mod messages;
pub(crate) mod oauth;
pub(crate) mod rooms;
pub(crate) mod users;
pub(crate) mod webhooks;

/// What a caller needs to be let in.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Access {
    /// Nothing: no token is read.
    Public,
    /// Any valid token.
    AnyToken,
    /// HTTP Basic with an OAuth client's id and secret; the handler checks it.
    Basic,
    /// A valid token holding one of these scopes.
    Scopes(&'static [&'static str]),
}

/// Serves one route.
pub(crate) type Handler = fn(&mut Ctx<'_>) -> Outcome;

/// One method of the API.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Route {
    /// The catalogue id, e.g. `rooms.get_room`.
    pub id: &'static str,
    pub method: &'static str,
    /// The path below the base, with `{name}` for each parameter.
    pub template: &'static str,
    pub access: Access,
    /// Whether the method posts a message and so counts against flood control.
    pub flood: bool,
    /// `None`: the fake answers 501.
    pub handler: Option<Handler>,
}

/// Who is calling.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Caller {
    /// No token was needed or read.
    Anonymous,
    /// A token the fake knows.
    Token {
        token: String,
        owner: Owner,
        scopes: Vec<String>,
    },
}

/// Everything a handler works with.
pub(crate) struct Ctx<'a> {
    pub state: &'a mut State,
    pub req: &'a FakeRequest,
    /// The decoded path parameters, in template order.
    pub params: Vec<String>,
    pub caller: Caller,
}

impl Ctx<'_> {
    /// The base URL the client used, for links.
    pub fn base(&self) -> &str {
        &self.req.base
    }

    /// The `i`-th path parameter.
    pub fn param(&self, i: usize) -> &str {
        self.params.get(i).map(String::as_str).unwrap_or("")
    }

    /// The room named by the `i`-th path parameter, or 404.
    pub fn room_param(&self, i: usize) -> Result<u64, Reply> {
        self.state.room_id(self.param(i))
    }

    /// The user named by the `i`-th path parameter, or 404.
    pub fn user_param(&self, i: usize) -> Result<u64, Reply> {
        self.state.user_id(self.param(i))
    }

    /// The user the token acts as, if it is a user's token.
    pub fn caller_user(&self) -> Option<u64> {
        match &self.caller {
            Caller::Token {
                owner: Owner::User(id),
                ..
            } => Some(*id),
            _ => None,
        }
    }

    /// The user the token acts as, or HipChat's 403 for methods only a person may call.
    pub fn require_user(&self) -> Result<u64, Reply> {
        self.caller_user()
            .ok_or_else(|| Reply::forbidden("This method can only be called with a user token"))
    }

    /// Whether the caller's token holds `scope`.
    pub fn has_scope(&self, scope: &str) -> bool {
        matches!(&self.caller, Caller::Token { scopes, .. } if scopes.iter().any(|s| s == scope))
    }
}

/// Every route of every group.
pub(crate) fn all() -> impl Iterator<Item = &'static Route> {
    [
        groups::ROUTES,
        emoticons::ROUTES,
        extensions::ROUTES,
        imports::ROUTES,
        integrations::ROUTES,
        oauth::ROUTES,
        users::ROUTES,
        rooms::ROUTES,
        messages::ROUTES,
        webhooks::ROUTES,
    ]
    .into_iter()
    .flatten()
}

/// Matches `segments` against a template; the parameters on success.
fn match_template(template: &str, segments: &[String]) -> Option<(Vec<String>, usize)> {
    let parts: Vec<&str> = template.split('/').filter(|s| !s.is_empty()).collect();
    if parts.len() != segments.len() {
        return None;
    }
    let mut params = Vec::new();
    let mut literals = 0;
    for (part, segment) in parts.iter().zip(segments) {
        if part.starts_with('{') {
            params.push(segment.clone());
        } else if part == segment {
            literals += 1;
        } else {
            return None;
        }
    }
    Some((params, literals))
}

/// What the path and method select.
pub(crate) enum Found {
    /// A route and its parameters.
    Route(&'static Route, Vec<String>),
    /// The path exists with other methods: 405.
    WrongMethod,
    /// No such path: 404.
    Nothing,
}

/// The route for a request: the matching template with the most literal segments wins, so
/// `/history/latest` beats `/history/{message_id}`.
pub(crate) fn find(method: &str, segments: &[String]) -> Found {
    let mut best: Option<(&'static Route, Vec<String>, usize)> = None;
    let mut path_exists = false;
    for route in all() {
        if let Some((params, literals)) = match_template(route.template, segments) {
            if route.method != method {
                path_exists = true;
                continue;
            }
            if best.as_ref().is_none_or(|(_, _, l)| literals > *l) {
                best = Some((route, params, literals));
            }
        }
    }
    match best {
        Some((route, params, _)) => Found::Route(route, params),
        None if path_exists => Found::WrongMethod,
        None => Found::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(path: &str) -> Vec<String> {
        path.split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn literals_win_over_parameters() {
        let Found::Route(route, params) = find("GET", &segs("/room/Ops/history/latest")) else {
            panic!("no route");
        };
        assert_eq!(route.id, "rooms.view_recent_room_history");
        assert_eq!(params, vec!["Ops"]);
        let Found::Route(route, params) = find("GET", &segs("/room/Ops/history/abc")) else {
            panic!("no route");
        };
        assert_eq!(route.id, "rooms.get_room_message");
        assert_eq!(params, vec!["Ops", "abc"]);
    }

    #[test]
    fn wrong_method_and_unknown_paths() {
        assert!(matches!(
            find("PATCH", &segs("/room/Ops")),
            Found::WrongMethod
        ));
        assert!(matches!(
            find("GET", &segs("/nothing/here")),
            Found::Nothing
        ));
    }

    #[test]
    fn every_route_is_unique() {
        let mut seen = std::collections::HashSet::new();
        for route in all() {
            assert!(seen.insert((route.method, route.template)), "{}", route.id);
        }
        assert_eq!(seen.len(), 103);
    }
}
