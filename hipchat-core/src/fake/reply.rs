//! What a handler answers: a status, a JSON body or none, and extra headers.

use http::StatusCode;
use serde_json::{Value, json};

/// One answer of the fake, turned into an [`HttpResponse`](crate::HttpResponse) by the router.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub status: StatusCode,
    pub body: Option<Value>,
    pub headers: Vec<(&'static str, String)>,
}

/// Handlers return `Err(reply)` for every HipChat error, so `?` works on lookups.
pub(crate) type Outcome = Result<Reply, Reply>;

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, body: Value) -> Reply {
        Reply {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
            body: Some(body),
            headers: Vec::new(),
        }
    }

    /// `200 OK` with a JSON body.
    pub fn ok(body: Value) -> Reply {
        Reply::json(200, body)
    }

    /// `201 Created` with a JSON body.
    pub fn created(body: Value) -> Reply {
        Reply::json(201, body)
    }

    /// `204 No Content`.
    pub fn no_content() -> Reply {
        Reply {
            status: StatusCode::NO_CONTENT,
            body: None,
            headers: Vec::new(),
        }
    }

    /// `302 Found` to `location`, with no body.
    pub fn redirect(location: impl Into<String>) -> Reply {
        Reply {
            status: StatusCode::FOUND,
            body: None,
            headers: vec![("location", location.into())],
        }
    }

    /// HipChat's error body: `{"error": {"code", "message", "type"}}`.
    pub fn error(status: u16, message: impl Into<String>) -> Reply {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        Reply {
            status,
            body: Some(json!({
                "error": {
                    "code": status.as_u16(),
                    "message": message.into(),
                    "type": status.canonical_reason().unwrap_or("Error"),
                }
            })),
            headers: Vec::new(),
        }
    }

    /// 400 Bad Request.
    pub fn bad_request(message: impl Into<String>) -> Reply {
        Reply::error(400, message)
    }

    /// 404 Not Found.
    pub fn not_found(message: impl Into<String>) -> Reply {
        Reply::error(404, message)
    }

    /// 403 Forbidden.
    pub fn forbidden(message: impl Into<String>) -> Reply {
        Reply::error(403, message)
    }
}
