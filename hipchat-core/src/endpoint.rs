//! What an endpoint is: a method, a path, a query, a body, the credentials it needs and the type
//! its response decodes into.

use http::Method;
use serde::Serialize;

use crate::encode::{encode_path_segment, encode_query_component};
use crate::response::FromResponse;
use crate::{Error, InvalidInput};

/// One HipChat API method. Every struct in [`api`](crate::api) implements it; the
/// [`Client`](crate::Client) turns it into a request with [`build_request`](crate::build_request)
/// and decodes the answer with [`parse_response`](crate::parse_response).
///
/// Implement it yourself for anything the typed layer lacks:
///
/// ```
/// use hipchat_core::{Auth, Endpoint, Path, Query};
/// use http::Method;
///
/// /// `GET /room/{room}/statistics`, decoded as raw JSON.
/// struct RoomStats(String);
///
/// impl Endpoint for RoomStats {
///     type Response = serde_json::Value;
///     fn method(&self) -> Method { Method::GET }
///     fn path(&self) -> Path { Path::new().lit("room").param("room_id_or_name", &self.0).lit("statistics") }
/// }
/// ```
pub trait Endpoint {
    /// What a successful response decodes into: `()` for methods answering 204, a model for JSON
    /// answers, [`Redirect`](crate::Redirect) for methods answering 302.
    type Response: FromResponse;

    /// The HTTP method.
    fn method(&self) -> Method;

    /// The path below the base URL, with its parameters still unencoded.
    fn path(&self) -> Path;

    /// The query parameters, in the order they are sent, with the API's exact wire names.
    fn query(&self) -> Query {
        Query::new()
    }

    /// The request body, if the method takes one.
    fn body(&self) -> Result<Option<Body>, Error> {
        Ok(None)
    }

    /// The credentials the method needs.
    fn auth(&self) -> Auth {
        Auth::Bearer
    }

    /// Checks the documented limits of the fields before anything is built or sent.
    fn validate(&self) -> Result<(), InvalidInput> {
        Ok(())
    }
}

/// The credentials an endpoint needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Auth {
    /// An access token in `Authorization: Bearer ...` (almost every method).
    Bearer,
    /// The OAuth client id and secret as HTTP Basic (the token endpoint).
    ClientBasic,
    /// No credentials at all (public documents such as the capabilities document).
    None,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum PathPart {
    Literal(&'static str),
    Param { name: &'static str, value: String },
}

/// A path below the base URL, made of literal segments and parameters. Each parameter becomes
/// exactly one percent-encoded segment when the request is built.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path {
    parts: Vec<PathPart>,
}

impl Path {
    /// An empty path (the base URL itself).
    pub fn new() -> Self {
        Path::default()
    }

    /// Appends a literal segment such as `room`; it is sent as written.
    pub fn lit(mut self, segment: &'static str) -> Self {
        self.parts.push(PathPart::Literal(segment));
        self
    }

    /// Appends the parameter `name` (its wire name, used in error messages) with `value`.
    pub fn param(mut self, name: &'static str, value: impl AsRef<str>) -> Self {
        self.parts.push(PathPart::Param {
            name,
            value: value.as_ref().to_owned(),
        });
        self
    }

    /// The path with each parameter shown as `{name}`, such as
    /// `/room/{room_id_or_name}/notification`: the route, for logs and metrics.
    pub fn template(&self) -> String {
        let mut out = String::new();
        for part in &self.parts {
            out.push('/');
            match part {
                PathPart::Literal(s) => out.push_str(s),
                PathPart::Param { name, .. } => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            }
        }
        out
    }

    /// The encoded path, starting with `/`; refuses empty, `.` and `..` parameters.
    pub fn encode(&self) -> Result<String, InvalidInput> {
        let mut out = String::new();
        for part in &self.parts {
            out.push('/');
            match part {
                PathPart::Literal(s) => out.push_str(s),
                PathPart::Param { name, value } => out.push_str(&encode_path_segment(name, value)?),
            }
        }
        Ok(out)
    }
}

/// Query parameters in the order they are sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(&'static str, String)>,
}

impl Query {
    /// No parameters.
    pub fn new() -> Self {
        Query::default()
    }

    /// Appends `name=value`.
    pub fn push(mut self, name: &'static str, value: impl ToString) -> Self {
        self.pairs.push((name, value.to_string()));
        self
    }

    /// Appends `name=value` when `value` is set; an unset optional parameter is not sent.
    pub fn push_opt<T: ToString>(self, name: &'static str, value: Option<T>) -> Self {
        match value {
            Some(v) => self.push(name, v),
            None => self,
        }
    }

    /// The parameters, in order.
    pub fn pairs(&self) -> &[(&'static str, String)] {
        &self.pairs
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// `name=value&...`, percent-encoded (a space is `%20`).
    pub fn encode(&self) -> String {
        let mut out = String::new();
        for (i, (name, value)) in self.pairs.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(&encode_query_component(name));
            out.push('=');
            out.push_str(&encode_query_component(value));
        }
        out
    }
}

/// A request body and its content type.
#[derive(Clone, PartialEq, Eq)]
pub struct Body {
    content_type: String,
    bytes: Vec<u8>,
}

impl Body {
    /// A body of `content_type` holding `bytes`.
    pub fn new(content_type: impl Into<String>, bytes: Vec<u8>) -> Self {
        Body {
            content_type: content_type.into(),
            bytes,
        }
    }

    /// `value` serialized as `application/json`.
    pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<Self, Error> {
        let bytes = serde_json::to_vec(value)
            .map_err(|e| Error::invalid_input("body", format!("could not be serialized: {e}")))?;
        Ok(Body::new("application/json", bytes))
    }

    /// `pairs` as `application/x-www-form-urlencoded`, in order.
    pub fn form<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs {
            serializer.append_pair(k, v);
        }
        Body::new(
            "application/x-www-form-urlencoded",
            serializer.finish().into_bytes(),
        )
    }

    /// The `Content-Type` header value.
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes, consuming the body.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// Shows the content type and length only: bodies may carry passwords, refresh tokens or
/// private messages.
impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Body")
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_encodes_each_param_as_one_segment() {
        let path = Path::new()
            .lit("room")
            .param("room_id_or_name", "Ops/Team #1")
            .lit("history")
            .param("message_id", "a b");
        assert_eq!(
            path.encode().unwrap(),
            "/room/Ops%2FTeam%20%231/history/a%20b"
        );
        let bad = Path::new().lit("room").param("room_id_or_name", "..");
        assert_eq!(bad.encode().unwrap_err().field(), "room_id_or_name");
    }

    #[test]
    fn query_keeps_order_and_wire_names() {
        let q = Query::new()
            .push("start-index", 0)
            .push("max-results", 5)
            .push_opt("include_deleted", Some(true))
            .push_opt::<bool>("reverse", None)
            .push("date", "2024-01-01T00:00:00+01:00");
        assert_eq!(
            q.encode(),
            "start-index=0&max-results=5&include_deleted=true&date=2024-01-01T00%3A00%3A00%2B01%3A00"
        );
    }

    #[test]
    fn bodies_are_not_shown_in_debug() {
        let body = Body::form([("grant_type", "password"), ("password", "hunter2")]);
        assert_eq!(body.bytes(), b"grant_type=password&password=hunter2");
        assert!(!format!("{body:?}").contains("hunter2"));
        let json = Body::json(&serde_json::json!({"password": "s3cret"})).unwrap();
        assert!(!format!("{json:?}").contains("s3cret"));
    }
}
