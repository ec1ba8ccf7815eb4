//! A scripted backend for testing code that uses a [`Client`](crate::Client), with no server,
//! no network and no async runtime.
//!
//! Script the requests you expect and the answers to give; run your code; then check that
//! everything expected happened. A request that matches no expectation fails with a
//! [`TransportError`] whose message shows what was sent, instead of panicking inside a future.
//!
//! ```
//! use hipchat_core::api::rooms::SendRoomNotification;
//! use hipchat_core::mock::{MockBackend, MockResponse};
//! use hipchat_core::{Client, Error};
//! use serde_json::json;
//!
//! /// Application code under test: tells a room that a deploy finished.
//! async fn announce(client: &Client, version: &str) -> Result<(), Error> {
//!     client.send(&SendRoomNotification::new("Ops Team", format!("Deployed {version}"))).await
//! }
//!
//! let mock = MockBackend::new();
//! mock.expect_post("/v2/room/Ops%20Team/notification")
//!     .header("authorization", "Bearer test-token")
//!     .json_body(json!({"message": "Deployed 1.2.3"}))
//!     .respond(MockResponse::empty(204));
//!
//! let client = Client::builder().token("test-token").backend(mock.clone()).build().unwrap();
//! futures_executor::block_on(announce(&client, "1.2.3")).unwrap();
//!
//! mock.assert_done();
//! assert_eq!(mock.requests().len(), 1);
//! ```

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use serde::Serialize;

use crate::{HttpBackend, HttpRequest, HttpResponse, TransportError, TransportErrorKind};

/// A request the mock received, kept for inspection.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// The method.
    pub method: Method,
    /// The full URI.
    pub uri: http::Uri,
    /// The headers.
    pub headers: HeaderMap,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl RecordedRequest {
    fn from_request(request: HttpRequest) -> Self {
        let (parts, body) = request.into_parts();
        RecordedRequest {
            method: parts.method,
            uri: parts.uri,
            headers: parts.headers,
            body,
        }
    }

    /// The percent-encoded path, such as `/v2/room/Ops%20Team/notification`.
    pub fn path(&self) -> &str {
        self.uri.path()
    }

    /// The query parameters, decoded, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        decode_query(self.uri.query())
    }

    /// A header value as text, if present and readable.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The body as text, with invalid UTF-8 replaced.
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// `uri` with the tokens some paths carry replaced: the one after `/oauth/token/` (session
/// methods), after `/addon/link/` (integration links) and after `/installable/`.
fn redact_path_tokens(uri: &str) -> String {
    let mut out = uri.to_owned();
    for marker in ["/oauth/token/", "/addon/link/", "/installable/"] {
        if let Some(start) = out.find(marker).map(|i| i + marker.len()) {
            let end = out[start..]
                .find(['/', '?', '#'])
                .map_or(out.len(), |i| start + i);
            if end > start {
                out.replace_range(start..end, "<redacted>");
            }
        }
    }
    out
}

/// Form fields whose values the mock never prints.
const SECRET_FORM_FIELDS: &[&str] = &["password", "code", "refresh_token", "client_secret"];

impl RecordedRequest {
    /// The body for messages: form bodies with their secret fields redacted, others as text.
    fn body_for_display(&self) -> String {
        let is_form = self
            .header("content-type")
            .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
        let text = if is_form {
            form_urlencoded::parse(&self.body)
                .map(|(k, v)| {
                    let v = if SECRET_FORM_FIELDS.contains(&k.as_ref()) {
                        "<redacted>".into()
                    } else {
                        v
                    };
                    format!("{k}={v}")
                })
                .collect::<Vec<_>>()
                .join("&")
        } else {
            self.body_text()
        };
        text.chars().take(500).collect()
    }

    /// The headers for messages, with `Authorization` redacted.
    fn headers_for_display(&self) -> String {
        self.headers
            .iter()
            .map(|(name, value)| {
                let value = if name == http::header::AUTHORIZATION {
                    let scheme = value
                        .to_str()
                        .ok()
                        .and_then(|v| v.split(' ').next())
                        .unwrap_or("");
                    format!("{scheme} <redacted>")
                } else {
                    String::from_utf8_lossy(value.as_bytes()).into_owned()
                };
                format!("{name}: {value}")
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `METHOD URI with body ...`; secret form fields are redacted.
impl fmt::Display for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}",
            self.method,
            redact_path_tokens(&self.uri.to_string())
        )?;
        if !self.body.is_empty() {
            write!(f, " with body {}", self.body_for_display())?;
        }
        Ok(())
    }
}

fn decode_query(query: Option<&str>) -> Vec<(String, String)> {
    query
        .map(|q| {
            form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default()
}

/// What the mock answers to a matched request.
#[derive(Debug, Clone)]
pub struct MockResponse {
    outcome: Outcome,
}

#[derive(Debug, Clone)]
enum Outcome {
    Response {
        status: StatusCode,
        headers: Vec<(HeaderName, HeaderValue)>,
        body: Vec<u8>,
    },
    Failure {
        kind: TransportErrorKind,
        message: String,
    },
}

impl MockResponse {
    /// A response with `status` and `body`, no headers.
    ///
    /// # Panics
    /// When `status` is not between 100 and 999: a mistake in the test script itself.
    pub fn bytes(status: u16, body: impl Into<Vec<u8>>) -> Self {
        let status = StatusCode::from_u16(status).expect("a status code between 100 and 999");
        MockResponse {
            outcome: Outcome::Response {
                status,
                headers: Vec::new(),
                body: body.into(),
            },
        }
    }

    /// A response with no body, such as `204`.
    pub fn empty(status: u16) -> Self {
        MockResponse::bytes(status, Vec::new())
    }

    /// A JSON response.
    pub fn json(status: u16, body: impl Serialize) -> Self {
        let bytes = serde_json::to_vec(&body).expect("a JSON-serializable mock body");
        MockResponse::bytes(status, bytes).header("content-type", "application/json")
    }

    /// HipChat's error body, `{"error": {"code", "message", "type"}}`, with `status`.
    pub fn hipchat_error(status: u16, message: &str) -> Self {
        let reason = StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("Error");
        MockResponse::json(
            status,
            serde_json::json!({"error": {"code": status, "message": message, "type": reason}}),
        )
    }

    /// A `302 Found` pointing at `location`.
    pub fn redirect(location: &str) -> Self {
        MockResponse::empty(302).header("location", location)
    }

    /// No response at all: the backend fails with a transport error of `kind`.
    pub fn transport_error(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        MockResponse {
            outcome: Outcome::Failure {
                kind,
                message: message.into(),
            },
        }
    }

    /// Adds a response header.
    ///
    /// # Panics
    /// When the name or value is not a valid header: a mistake in the test script itself.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let Outcome::Response { headers, .. } = &mut self.outcome {
            let name = HeaderName::from_bytes(name.as_bytes()).expect("a valid header name");
            let value = HeaderValue::from_str(value).expect("a valid header value");
            headers.push((name, value));
        }
        self
    }

    fn produce(&self) -> Result<HttpResponse, TransportError> {
        match &self.outcome {
            Outcome::Failure { kind, message } => Err(TransportError::new(*kind, message.clone())),
            Outcome::Response {
                status,
                headers,
                body,
            } => {
                let mut response = http::Response::new(body.clone());
                *response.status_mut() = *status;
                for (name, value) in headers {
                    response.headers_mut().append(name.clone(), value.clone());
                }
                Ok(response)
            }
        }
    }
}

#[derive(Debug, Clone)]
enum BodyMatcher {
    Json(serde_json::Value),
    Bytes(Vec<u8>),
}

#[derive(Debug, Clone)]
struct Expectation {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    exact_query: Option<Vec<(String, String)>>,
    headers: Vec<(String, String)>,
    absent_headers: Vec<String>,
    body: Option<BodyMatcher>,
    response: MockResponse,
    times: Option<usize>,
    hits: usize,
}

impl Expectation {
    fn open(&self) -> bool {
        self.times.is_none_or(|t| self.hits < t)
    }

    fn matches(&self, request: &RecordedRequest) -> bool {
        if request.method != self.method || request.path() != self.path {
            return false;
        }
        let query = request.query_pairs();
        if let Some(exact) = &self.exact_query {
            if &query != exact {
                return false;
            }
        }
        if !self.query.iter().all(|pair| query.contains(pair)) {
            return false;
        }
        let headers_ok = self.headers.iter().all(|(name, value)| {
            request
                .headers
                .get_all(name.as_str())
                .iter()
                .any(|v| v.to_str().is_ok_and(|v| v == value))
        });
        if !headers_ok
            || self
                .absent_headers
                .iter()
                .any(|h| request.headers.contains_key(h.as_str()))
        {
            return false;
        }
        match &self.body {
            None => true,
            Some(BodyMatcher::Bytes(bytes)) => &request.body == bytes,
            Some(BodyMatcher::Json(value)) => request.json().as_ref() == Some(value),
        }
    }
}

impl fmt::Display for Expectation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)?;
        if let Some(exact) = &self.exact_query {
            write!(f, " query exactly {exact:?}")?;
        }
        if !self.query.is_empty() {
            write!(f, " query {:?}", self.query)?;
        }
        if !self.headers.is_empty() {
            let shown: Vec<(&str, &str)> = self
                .headers
                .iter()
                .map(|(name, value)| {
                    let value = if name == "authorization" {
                        "<redacted>"
                    } else {
                        value.as_str()
                    };
                    (name.as_str(), value)
                })
                .collect();
            write!(f, " headers {shown:?}")?;
        }
        match &self.body {
            Some(BodyMatcher::Json(v)) => write!(f, " json {v}")?,
            Some(BodyMatcher::Bytes(b)) => write!(f, " body {:?}", String::from_utf8_lossy(b))?,
            None => {}
        }
        match self.times {
            Some(t) => write!(f, " (seen {} of {t} times)", self.hits),
            None => write!(f, " (seen {} times, any number allowed)", self.hits),
        }
    }
}

#[derive(Debug, Default)]
struct State {
    expectations: Vec<Expectation>,
    requests: Vec<RecordedRequest>,
    unmatched: Vec<RecordedRequest>,
}

/// The scripted backend. Clones share their script and records, so keep one clone for
/// assertions and give another to the client.
#[derive(Debug, Clone, Default)]
pub struct MockBackend {
    state: Arc<Mutex<State>>,
}

impl MockBackend {
    /// A mock with no expectations.
    pub fn new() -> Self {
        MockBackend::default()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock must not hide the records from the others.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Expects a request with `method` to the percent-encoded `path` (including the base URL's
    /// path, such as `/v2/room/ops/notification`). Finish with [`MockExpectation::respond`].
    pub fn expect(&self, method: Method, path: &str) -> MockExpectation<'_> {
        MockExpectation {
            mock: self,
            expectation: Expectation {
                method,
                path: path.to_owned(),
                query: Vec::new(),
                exact_query: None,
                headers: Vec::new(),
                absent_headers: Vec::new(),
                body: None,
                response: MockResponse::empty(200),
                times: Some(1),
                hits: 0,
            },
        }
    }

    /// [`expect`](MockBackend::expect) a `GET`.
    pub fn expect_get(&self, path: &str) -> MockExpectation<'_> {
        self.expect(Method::GET, path)
    }

    /// [`expect`](MockBackend::expect) a `POST`.
    pub fn expect_post(&self, path: &str) -> MockExpectation<'_> {
        self.expect(Method::POST, path)
    }

    /// [`expect`](MockBackend::expect) a `PUT`.
    pub fn expect_put(&self, path: &str) -> MockExpectation<'_> {
        self.expect(Method::PUT, path)
    }

    /// [`expect`](MockBackend::expect) a `DELETE`.
    pub fn expect_delete(&self, path: &str) -> MockExpectation<'_> {
        self.expect(Method::DELETE, path)
    }

    /// Every request received, matched or not, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.clone()
    }

    /// The last request received.
    pub fn last_request(&self) -> Option<RecordedRequest> {
        self.lock().requests.last().cloned()
    }

    /// Checks that every expectation was met as often as scripted and that no request went
    /// unmatched; the error lists what is missing and what was unexpected.
    pub fn verify(&self) -> Result<(), String> {
        let state = self.lock();
        let mut problems = Vec::new();
        for e in &state.expectations {
            if e.times.is_some_and(|t| e.hits < t) {
                problems.push(format!("expected but not received: {e}"));
            }
        }
        for r in &state.unmatched {
            problems.push(format!("received but not expected: {r}"));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("\n"))
        }
    }

    /// Like [`verify`](MockBackend::verify), but panics with the list: for use at the end of a
    /// test.
    #[track_caller]
    pub fn assert_done(&self) {
        if let Err(problems) = self.verify() {
            panic!("the mock backend was not used as scripted:\n{problems}");
        }
    }

    fn answer(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let recorded = RecordedRequest::from_request(request);
        let mut state = self.lock();
        state.requests.push(recorded.clone());
        let found = state
            .expectations
            .iter_mut()
            .find(|e| e.open() && e.matches(&recorded));
        match found {
            Some(expectation) => {
                expectation.hits += 1;
                expectation.response.produce()
            }
            None => {
                let pending: Vec<String> = state
                    .expectations
                    .iter()
                    .filter(|e| e.open())
                    .map(|e| format!("  {e}"))
                    .collect();
                let message = format!(
                    "mock backend: no expectation matches {recorded}\nheaders: {}\nopen expectations:\n{}",
                    recorded.headers_for_display(),
                    if pending.is_empty() {
                        "  (none)".to_owned()
                    } else {
                        pending.join("\n")
                    }
                );
                state.unmatched.push(recorded);
                Err(TransportError::new(TransportErrorKind::Other, message))
            }
        }
    }
}

#[cfg_attr(not(target_arch = "wasm32"), async_trait::async_trait)]
#[cfg_attr(target_arch = "wasm32", async_trait::async_trait(?Send))]
impl HttpBackend for MockBackend {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.answer(request)
    }
}

/// An expectation being scripted; it takes effect when [`respond`](MockExpectation::respond) is
/// called.
#[must_use = "an expectation is only registered by `respond`"]
pub struct MockExpectation<'a> {
    mock: &'a MockBackend,
    expectation: Expectation,
}

impl MockExpectation<'_> {
    /// Requires the query parameter `name` with the decoded `value` (others may be present).
    pub fn query(mut self, name: &str, value: &str) -> Self {
        self.expectation
            .query
            .push((name.to_owned(), value.to_owned()));
        self
    }

    /// Requires exactly these decoded query parameters, in this order, and no others.
    pub fn exact_query(mut self, pairs: &[(&str, &str)]) -> Self {
        self.expectation.exact_query = Some(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        );
        self
    }

    /// Requires the header `name` (case-insensitive) with exactly `value`.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.expectation
            .headers
            .push((name.to_ascii_lowercase(), value.to_owned()));
        self
    }

    /// Requires that the header `name` is absent.
    pub fn no_header(mut self, name: &str) -> Self {
        self.expectation
            .absent_headers
            .push(name.to_ascii_lowercase());
        self
    }

    /// Requires a JSON body equal to `body` (compared as JSON values, so key order and spacing
    /// do not matter).
    pub fn json_body(mut self, body: serde_json::Value) -> Self {
        self.expectation.body = Some(BodyMatcher::Json(body));
        self
    }

    /// Requires exactly these body bytes.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.expectation.body = Some(BodyMatcher::Bytes(body.into()));
        self
    }

    /// Expects the request exactly `n` times (default: once).
    pub fn times(mut self, n: usize) -> Self {
        self.expectation.times = Some(n);
        self
    }

    /// Accepts the request any number of times, including never.
    pub fn any_times(mut self) -> Self {
        self.expectation.times = None;
        self
    }

    /// Registers the expectation with the answer to give.
    pub fn respond(mut self, response: MockResponse) {
        self.expectation.response = response;
        self.mock.lock().expectations.push(self.expectation);
    }
}

/// A clock for retry tests: it starts at a given time, and each `sleep` returns at once after
/// moving the clock forward and recording the wait, so tests run instantly and can assert the
/// exact waits.
///
/// ```
/// use std::time::Duration;
/// use hipchat_core::api::rooms::SendRoomNotification;
/// use hipchat_core::mock::{MockBackend, MockResponse, VirtualClock};
/// use hipchat_core::{Client, RetryPolicy};
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/room/ops/notification")
///     .respond(MockResponse::hipchat_error(429, "Rate Limit exceeded")
///         .header("X-Ratelimit-Remaining", "0")
///         .header("X-Ratelimit-Reset", "1700000030"));
/// mock.expect_post("/v2/room/ops/notification").respond(MockResponse::empty(204));
///
/// let clock = VirtualClock::at_unix(1_700_000_000);
/// let client = Client::builder()
///     .token("t")
///     .backend(mock.clone())
///     .retry(RetryPolicy::new())
///     .timer(clock.clone())
///     .build()
///     .unwrap();
/// futures_executor::block_on(client.send(&SendRoomNotification::new("ops", "hi"))).unwrap();
/// assert_eq!(clock.sleeps(), vec![Duration::from_secs(30)]);
/// mock.assert_done();
/// ```
#[derive(Debug, Clone)]
pub struct VirtualClock {
    state: Arc<Mutex<ClockState>>,
}

#[derive(Debug)]
struct ClockState {
    now: std::time::SystemTime,
    sleeps: Vec<std::time::Duration>,
}

impl VirtualClock {
    /// A clock showing `secs` seconds after the Unix epoch.
    pub fn at_unix(secs: u64) -> Self {
        VirtualClock {
            state: Arc::new(Mutex::new(ClockState {
                now: std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs),
                sleeps: Vec::new(),
            })),
        }
    }

    fn lock(&self) -> MutexGuard<'_, ClockState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Moves the clock forward without recording a wait.
    pub fn advance(&self, by: std::time::Duration) {
        self.lock().now += by;
    }

    /// Every wait asked of the clock, in order.
    pub fn sleeps(&self) -> Vec<std::time::Duration> {
        self.lock().sleeps.clone()
    }
}

#[cfg_attr(not(target_arch = "wasm32"), async_trait::async_trait)]
#[cfg_attr(target_arch = "wasm32", async_trait::async_trait(?Send))]
impl crate::Timer for VirtualClock {
    fn now(&self) -> std::time::SystemTime {
        self.lock().now
    }

    async fn sleep(&self, duration: std::time::Duration) {
        let mut state = self.lock();
        state.now += duration;
        state.sleeps.push(duration);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_executor::block_on;

    fn request(method: &str, uri: &str, body: &str) -> HttpRequest {
        http::Request::builder()
            .method(method)
            .uri(uri)
            .header("authorization", "Bearer t")
            .body(body.as_bytes().to_vec())
            .unwrap()
    }

    #[test]
    fn answers_matching_requests_in_order_and_records_them() {
        let mock = MockBackend::new();
        mock.expect_get("/v2/room")
            .query("max-results", "5")
            .respond(MockResponse::json(200, serde_json::json!({"n": 1})));
        mock.expect_get("/v2/room")
            .respond(MockResponse::json(200, serde_json::json!({"n": 2})));
        let first = block_on(mock.send(request(
            "GET",
            "https://x/v2/room?start-index=0&max-results=5",
            "",
        )))
        .unwrap();
        assert_eq!(first.body(), br#"{"n":1}"#);
        let second =
            block_on(mock.send(request("GET", "https://x/v2/room?max-results=5", ""))).unwrap();
        assert_eq!(second.body(), br#"{"n":2}"#);
        mock.assert_done();
        let recorded = mock.requests();
        assert_eq!(
            recorded[0].query_pairs(),
            vec![
                ("start-index".into(), "0".into()),
                ("max-results".into(), "5".into())
            ]
        );
        assert_eq!(recorded[1].header("authorization"), Some("Bearer t"));
    }

    #[test]
    fn unmatched_requests_fail_with_what_was_sent_and_are_reported() {
        let mock = MockBackend::new();
        mock.expect_post("/v2/room/ops/message")
            .json_body(serde_json::json!({"message": "hi"}))
            .respond(MockResponse::empty(201));
        let err = block_on(mock.send(request(
            "POST",
            "https://x/v2/room/ops/message",
            r#"{"message":"bye"}"#,
        )))
        .unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Other);
        assert!(
            err.message()
                .contains(r#"POST https://x/v2/room/ops/message with body {"message":"bye"}"#),
            "{}",
            err.message()
        );
        assert!(
            err.message()
                .contains(r#"POST /v2/room/ops/message json {"message":"hi"}"#),
            "{}",
            err.message()
        );
        let problems = mock.verify().unwrap_err();
        assert!(problems.contains("expected but not received"), "{problems}");
        assert!(problems.contains("received but not expected"), "{problems}");
    }

    #[test]
    fn exact_query_times_headers_and_failures() {
        let mock = MockBackend::new();
        mock.expect_get("/v2/user")
            .exact_query(&[("include-deleted", "true")])
            .times(2)
            .respond(MockResponse::empty(204));
        mock.expect_delete("/v2/user/1")
            .no_header("authorization")
            .respond(MockResponse::transport_error(
                TransportErrorKind::Timeout,
                "too slow",
            ));
        block_on(mock.send(request("GET", "https://x/v2/user?include-deleted=true", ""))).unwrap();
        block_on(mock.send(request("GET", "https://x/v2/user?include-deleted=true", ""))).unwrap();
        assert!(
            block_on(mock.send(request("GET", "https://x/v2/user?include-deleted=true", "")))
                .is_err(),
            "third call is not scripted"
        );
        assert!(block_on(mock.send(request("DELETE", "https://x/v2/user/1", ""))).is_err());
        let bare = http::Request::builder()
            .method("DELETE")
            .uri("https://x/v2/user/1")
            .body(Vec::new())
            .unwrap();
        assert_eq!(
            block_on(mock.send(bare)).unwrap_err().kind(),
            TransportErrorKind::Timeout
        );
    }

    #[test]
    fn unmatched_messages_show_headers_but_no_secrets() {
        let mock = MockBackend::new();
        let request = http::Request::builder()
            .method("POST")
            .uri("https://x/v2/oauth/token")
            .header("authorization", "Basic c2VjcmV0")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(b"grant_type=password&username=alice&password=hunter2".to_vec())
            .unwrap();
        let message = block_on(mock.send(request))
            .unwrap_err()
            .message()
            .to_owned();
        assert!(
            message.contains("with body grant_type=password&username=alice&password=<redacted>"),
            "{message}"
        );
        assert!(
            message.contains("authorization: Basic <redacted>"),
            "{message}"
        );
        assert!(
            message.contains("content-type: application/x-www-form-urlencoded"),
            "{message}"
        );
        assert!(
            !message.contains("hunter2") && !message.contains("c2VjcmV0"),
            "{message}"
        );
    }

    fn retrying_client(
        mock: &MockBackend,
        clock: &VirtualClock,
        policy: crate::RetryPolicy,
    ) -> crate::Client {
        crate::Client::builder()
            .token("t")
            .backend(mock.clone())
            .retry(policy)
            .timer(clock.clone())
            .build()
            .unwrap()
    }

    #[test]
    fn a_429_is_retried_after_the_reset_and_counts_as_one_call() {
        use crate::api::rooms::SendMessage;
        let mock = MockBackend::new();
        let limited = MockResponse::hipchat_error(429, "Flood control")
            .header("X-FloodControl-Remaining", "0")
            .header("X-FloodControl-Reset", "1012");
        mock.expect_post("/v2/room/ops/message")
            .times(2)
            .respond(limited);
        mock.expect_post("/v2/room/ops/message")
            .respond(MockResponse::json(
                201,
                serde_json::json!({"id": "m1", "timestamp": "t"}),
            ));
        let clock = VirtualClock::at_unix(1000);
        let client = retrying_client(&mock, &clock, crate::RetryPolicy::new());
        let sent = block_on(client.send(&SendMessage::new("ops", "hi"))).unwrap();
        assert_eq!(sent.id, "m1");
        // 12 s until the reset, then the second 429 comes at 1012 with the same (now past)
        // reset: the base wait of the second retry, 2 s.
        assert_eq!(
            clock.sleeps(),
            vec![
                std::time::Duration::from_secs(12),
                std::time::Duration::from_secs(2)
            ]
        );
        assert_eq!(mock.requests().len(), 3);
        mock.assert_done();
    }

    #[test]
    fn gives_back_the_429_when_retries_or_patience_run_out() {
        use crate::api::rooms::SendRoomNotification;
        let mock = MockBackend::new();
        let far = MockResponse::hipchat_error(429, "Rate Limit exceeded")
            .header("X-Ratelimit-Remaining", "0")
            .header("X-Ratelimit-Reset", "1100");
        mock.expect_post("/v2/room/ops/notification").respond(far);
        let clock = VirtualClock::at_unix(1000);
        let policy = crate::RetryPolicy::new().max_total_wait(std::time::Duration::from_secs(60));
        let client = retrying_client(&mock, &clock, policy);
        let Err(crate::Error::Api(e)) =
            block_on(client.send(&SendRoomNotification::new("ops", "hi")))
        else {
            panic!("the 429 must come back")
        };
        assert_eq!(e.status(), 429);
        assert_eq!(e.rate_limits().rate.unwrap().reset, Some(1100));
        assert!(
            clock.sleeps().is_empty(),
            "a 100 s wait exceeds the 60 s budget"
        );
        assert_eq!(mock.requests().len(), 1);
        assert_eq!(
            client.last_rate_limits().unwrap().rate.unwrap().remaining,
            Some(0)
        );
    }

    #[test]
    fn connect_failures_are_retried_but_timeouts_never() {
        use crate::api::rooms::SendRoomNotification;
        let mock = MockBackend::new();
        mock.expect_post("/v2/room/ops/notification")
            .respond(MockResponse::transport_error(
                TransportErrorKind::Connect,
                "refused",
            ));
        mock.expect_post("/v2/room/ops/notification")
            .respond(MockResponse::transport_error(
                TransportErrorKind::Timeout,
                "slow",
            ));
        let clock = VirtualClock::at_unix(0);
        let client = retrying_client(&mock, &clock, crate::RetryPolicy::new().max_retries(5));
        let Err(crate::Error::Transport(e)) =
            block_on(client.send(&SendRoomNotification::new("ops", "hi")))
        else {
            panic!("the timeout must come back")
        };
        assert_eq!(e.kind(), TransportErrorKind::Timeout);
        assert_eq!(clock.sleeps(), vec![std::time::Duration::from_secs(1)]);
        assert_eq!(
            mock.requests().len(),
            2,
            "the POST that timed out was not sent again"
        );
        mock.assert_done();
    }

    #[test]
    fn retries_need_a_timer() {
        let Err(crate::Error::InvalidInput(e)) = crate::Client::builder()
            .token("t")
            .backend(MockBackend::new())
            .retry(crate::RetryPolicy::new())
            .build()
        else {
            panic!("a retrying client without a timer must be refused")
        };
        assert_eq!(e.field(), "timer");
    }

    #[test]
    fn messages_hide_tokens_in_paths_and_scripted_authorization() {
        assert_eq!(
            redact_path_tokens("https://x/v2/oauth/token/s3cret?auth_test=true"),
            "https://x/v2/oauth/token/<redacted>?auth_test=true"
        );
        assert_eq!(
            redact_path_tokens("https://x/v2/addon/link/abc"),
            "https://x/v2/addon/link/<redacted>"
        );
        assert_eq!(
            redact_path_tokens("https://x/v2/addon/k/installable/one-time/x"),
            "https://x/v2/addon/k/installable/<redacted>/x"
        );
        assert_eq!(
            redact_path_tokens("https://x/v2/oauth/token"),
            "https://x/v2/oauth/token"
        );
        let mock = MockBackend::new();
        mock.expect_get("/v2/room/ops")
            .header("authorization", "Bearer s3cret")
            .respond(MockResponse::empty(200));
        let err =
            block_on(mock.send(request("GET", "https://x/v2/oauth/token/s3cret", ""))).unwrap_err();
        assert!(!err.message().contains("s3cret"), "{}", err.message());
        assert!(!mock.verify().unwrap_err().contains("s3cret"));
    }

    #[test]
    fn hipchat_error_and_redirect_helpers() {
        let mock = MockBackend::new();
        mock.expect_get("/a")
            .respond(MockResponse::hipchat_error(404, "Room not found"));
        mock.expect_get("/b")
            .respond(MockResponse::redirect("https://cdn/x.png"));
        let a = block_on(mock.send(request("GET", "https://x/a", ""))).unwrap();
        assert_eq!(a.status(), 404);
        let v: serde_json::Value = serde_json::from_slice(a.body()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"error": {"code": 404, "message": "Room not found", "type": "Not Found"}})
        );
        let b = block_on(mock.send(request("GET", "https://x/b", ""))).unwrap();
        assert_eq!(b.headers()["location"], "https://cdn/x.png");
        mock.assert_done();
    }
}
