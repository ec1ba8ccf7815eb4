//! The one error type of hipchat-rs.

use std::error::Error as StdError;
use std::fmt;

use http::StatusCode;
use serde::Deserialize;

use crate::{RateLimits, TransportError};

/// Everything that can go wrong with a call. Match on the variant and the typed fields, never on
/// message text.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The request was refused before anything was sent: a field broke a documented rule, the
    /// client configuration is wrong, or the credentials do not fit the endpoint.
    InvalidInput(InvalidInput),
    /// No complete response was received.
    Transport(TransportError),
    /// The server answered with a status that is not a success.
    Api(ApiError),
    /// The server answered with a success status, but the body did not have the expected shape.
    Decode(DecodeError),
}

impl Error {
    /// A shortcut for an [`Error::InvalidInput`] about `field` breaking `rule`.
    pub fn invalid_input(field: impl Into<String>, rule: impl Into<String>) -> Self {
        Error::InvalidInput(InvalidInput::new(field, rule))
    }

    /// The HTTP status of the response, for [`Error::Api`] and [`Error::Decode`].
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status()),
            Error::Decode(e) => Some(e.status()),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidInput(e) => fmt::Display::fmt(e, f),
            Error::Transport(e) => fmt::Display::fmt(e, f),
            Error::Api(e) => fmt::Display::fmt(e, f),
            Error::Decode(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            Error::InvalidInput(_) => None,
            Error::Transport(e) => Some(e),
            Error::Api(e) => Some(e),
            Error::Decode(e) => Some(e),
        }
    }
}

impl From<InvalidInput> for Error {
    fn from(e: InvalidInput) -> Self {
        Error::InvalidInput(e)
    }
}

impl From<TransportError> for Error {
    fn from(e: TransportError) -> Self {
        Error::Transport(e)
    }
}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Error::Api(e)
    }
}

impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Self {
        Error::Decode(e)
    }
}

/// A value the caller gave breaks a rule; nothing was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidInput {
    field: String,
    rule: String,
}

impl InvalidInput {
    /// `field` (a wire name such as `message` or `card.title`, or a setting such as `base_url`)
    /// breaks `rule`.
    pub fn new(field: impl Into<String>, rule: impl Into<String>) -> Self {
        InvalidInput {
            field: field.into(),
            rule: rule.into(),
        }
    }

    /// The field or setting at fault.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The rule it breaks, in words.
    pub fn rule(&self) -> &str {
        &self.rule
    }
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid input: `{}` {}", self.field, self.rule)
    }
}

impl StdError for InvalidInput {}

/// The error object HipChat puts in the body of a failed call:
/// `{"error": {"code": 404, "message": "Room not found", "type": "Not Found"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct HipChatError {
    /// The HTTP status repeated by the server, when present.
    #[serde(default)]
    pub code: Option<u16>,
    /// The server's explanation. Its wording changed between releases: show it, never match it.
    #[serde(default)]
    pub message: String,
    /// The reason phrase, such as `Not Found`.
    #[serde(default, rename = "type")]
    pub error_type: Option<String>,
}

#[derive(Deserialize)]
struct HipChatErrorEnvelope {
    error: HipChatError,
}

impl HipChatError {
    /// Reads the error object from a response body, if the body is one.
    pub fn from_body(body: &[u8]) -> Option<Self> {
        serde_json::from_slice::<HipChatErrorEnvelope>(body)
            .ok()
            .map(|e| e.error)
    }

    /// The scopes named by a 403 "This action requires one of the following scopes: [...]"
    /// message, read best-effort; empty when the message names none.
    pub fn required_scopes(&self) -> Vec<String> {
        let Some(start) = self.message.find('[') else {
            return Vec::new();
        };
        let Some(len) = self.message[start..].find(']') else {
            return Vec::new();
        };
        self.message[start + 1..start + len]
            .split(',')
            .map(|s| {
                s.trim()
                    .trim_start_matches('u')
                    .trim_matches(|c| c == '\'' || c == '"')
            })
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// The server answered with a status that is not a success (for redirect endpoints, neither a
/// success nor a redirect).
#[derive(Debug, Clone)]
pub struct ApiError(Box<ApiErrorParts>);

#[derive(Debug, Clone)]
struct ApiErrorParts {
    status: StatusCode,
    error: Option<HipChatError>,
    body: Vec<u8>,
    rate_limits: RateLimits,
}

impl ApiError {
    /// Builds the error from the parts of a response; the HipChat error object is parsed from
    /// `body` when the body holds one.
    pub fn new(status: StatusCode, body: Vec<u8>, rate_limits: RateLimits) -> Self {
        ApiError(Box::new(ApiErrorParts {
            status,
            error: HipChatError::from_body(&body),
            body,
            rate_limits,
        }))
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    /// HipChat's error object, when the body was one.
    pub fn hipchat_error(&self) -> Option<&HipChatError> {
        self.0.error.as_ref()
    }

    /// The raw body, kept whatever it was (JSON, an HTML page from a proxy, nothing).
    pub fn body(&self) -> &[u8] {
        &self.0.body
    }

    /// The raw body as text, with invalid UTF-8 replaced.
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.0.body).into_owned()
    }

    /// The rate-limit and flood-control headers of the response.
    pub fn rate_limits(&self) -> &RateLimits {
        &self.0.rate_limits
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HipChat answered {}", self.0.status)?;
        match &self.0.error {
            Some(e) if !e.message.is_empty() => write!(f, ": {}", e.message),
            Some(_) => Ok(()),
            None if self.0.body.is_empty() => write!(f, " with an empty body"),
            None => {
                let text = self.body_text();
                let excerpt: String = text.chars().take(200).collect();
                write!(f, " with a body that is not a HipChat error: {excerpt:?}")
            }
        }
    }
}

impl StdError for ApiError {}

/// A success response whose body did not match the expected shape.
#[derive(Debug)]
pub struct DecodeError(Box<DecodeErrorParts>);

#[derive(Debug)]
struct DecodeErrorParts {
    not_advancing: bool,
    status: StatusCode,
    path: String,
    message: String,
    source: Option<serde_json::Error>,
    body: Vec<u8>,
}

impl DecodeError {
    /// A JSON body that serde could not decode: the status, the JSON path where decoding
    /// stopped, the serde error and the body.
    pub fn json(
        status: StatusCode,
        path: String,
        source: serde_json::Error,
        body: Vec<u8>,
    ) -> Self {
        DecodeError(Box::new(DecodeErrorParts {
            not_advancing: false,
            status,
            path,
            message: source.to_string(),
            source: Some(source),
            body,
        }))
    }

    /// A response that lacks something other than JSON, such as the `Location` header of a
    /// redirect; `what` names the missing or malformed part.
    pub fn other(status: StatusCode, what: impl Into<String>, body: Vec<u8>) -> Self {
        DecodeError(Box::new(DecodeErrorParts {
            not_advancing: false,
            status,
            path: String::new(),
            message: what.into(),
            source: None,
            body,
        }))
    }

    /// A paged collection whose server does not move forward (the next page would start at or
    /// before the current one); `detail` says where. The status is that of the last answer.
    pub fn not_advancing(status: StatusCode, detail: impl Into<String>) -> Self {
        let mut error = DecodeError::other(status, detail, Vec::new());
        error.0.not_advancing = true;
        error
    }

    /// Whether this is the error of a pager whose server did not move forward through a
    /// collection (see [`not_advancing`](DecodeError::not_advancing)).
    pub fn is_not_advancing(&self) -> bool {
        self.0.not_advancing
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    /// Where in the JSON document decoding failed, such as `items[3].id` (`.` for the root);
    /// empty when the failure was not in a JSON body.
    pub fn path(&self) -> &str {
        &self.0.path
    }

    /// What went wrong, in words.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The serde error, when the failure was in a JSON body.
    pub fn serde_error(&self) -> Option<&serde_json::Error> {
        self.0.source.as_ref()
    }

    /// The raw body.
    pub fn body(&self) -> &[u8] {
        &self.0.body
    }

    /// The raw body as text, with invalid UTF-8 replaced.
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.0.body).into_owned()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.path.is_empty() {
            write!(
                f,
                "could not decode the {} response: {}",
                self.0.status, self.0.message
            )
        } else {
            write!(
                f,
                "could not decode the {} response at `{}`: {}",
                self.0.status, self.0.path, self.0.message
            )
        }
    }
}

impl StdError for DecodeError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.0
            .source
            .as_ref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_hipchat_error_object() {
        let body = br#"{"error":{"code":404,"message":"Room not found","type":"Not Found"}}"#;
        let e = ApiError::new(StatusCode::NOT_FOUND, body.to_vec(), RateLimits::default());
        let he = e.hipchat_error().expect("error object");
        assert_eq!(he.code, Some(404));
        assert_eq!(he.message, "Room not found");
        assert_eq!(he.error_type.as_deref(), Some("Not Found"));
        assert_eq!(
            e.to_string(),
            "HipChat answered 404 Not Found: Room not found"
        );
    }

    #[test]
    fn only_a_pager_stall_is_not_advancing() {
        let stall = DecodeError::not_advancing(StatusCode::OK, "next page starts at 0 again");
        assert!(stall.is_not_advancing());
        assert_eq!(stall.message(), "next page starts at 0 again");
        assert!(
            !DecodeError::other(StatusCode::FOUND, "no Location", Vec::new()).is_not_advancing()
        );
    }

    #[test]
    fn keeps_a_body_that_is_not_json() {
        let body = b"<html><body>502 Bad Gateway</body></html>";
        let e = ApiError::new(
            StatusCode::BAD_GATEWAY,
            body.to_vec(),
            RateLimits::default(),
        );
        assert!(e.hipchat_error().is_none());
        assert_eq!(e.body(), body);
        assert!(e.to_string().contains("502 Bad Gateway</body>"), "{e}");
    }

    #[test]
    fn reads_required_scopes_from_a_403_message() {
        let he = HipChatError {
            code: Some(403),
            message:
                "This action requires one of the following scopes: [u'view_group', u'view_room']"
                    .into(),
            error_type: Some("Forbidden".into()),
        };
        assert_eq!(he.required_scopes(), vec!["view_group", "view_room"]);
        let none = HipChatError {
            code: None,
            message: "nope".into(),
            error_type: None,
        };
        assert!(none.required_scopes().is_empty());
    }
}
