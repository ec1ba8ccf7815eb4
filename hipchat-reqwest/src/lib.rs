//! A [`reqwest`] backend for hipchat-rs.
//!
//! [`ReqwestBackend`] implements [`hipchat_core::HttpBackend`] on top of a
//! [`reqwest::Client`]. It sends the request the core built (method, URI, headers and body
//! bytes) as it is, reads the whole response into memory and hands it back untouched: a 404 or
//! a 429 is an `Ok` response, and redirects are returned to the caller instead of being followed.
//!
//! # Runtime
//!
//! reqwest runs on [Tokio]: [`HttpBackend::send`] must be awaited inside a Tokio runtime (for
//! example under `#[tokio::main]`), or it panics. Use the `hipchat-isahc` backend to run on
//! another executor.
//!
//! # Configuration
//!
//! [`ReqwestBackend::new`] (and [`Default`]) build a client that never follows redirects, gives
//! up connecting after 10 seconds and gives up on a whole request after 30 seconds. To change
//! anything (a proxy, a custom CA, other timeouts), start from [`ReqwestBackend::builder`] or
//! from your own [`reqwest::Client`] and wrap it with [`From`]. A client of your own should keep
//! redirects disabled ([`reqwest::redirect::Policy::none`]): the core reports a redirect to the
//! caller rather than following it.
//!
//! TLS is whatever the `reqwest` crate was built with; this crate turns on reqwest's `rustls`
//! feature so `https://` works out of the box. Switch TLS through reqwest's own features.
//!
//! # What goes on the wire
//!
//! The request's headers are sent as they are; reqwest adds `Host`, `Content-Length` and, when
//! missing, `Accept: */*`. A `POST`, `PUT` or `PATCH` without a body is sent with
//! `Content-Length: 0`; other methods without a body carry no body framing. The HTTP version is
//! chosen by reqwest. The response's status, version, headers and body bytes come back as
//! received (this crate enables no decompression).
//!
//! # Example
//!
//! ```no_run
//! use hipchat_core::HttpBackend;
//! use hipchat_reqwest::ReqwestBackend;
//!
//! # async fn run() -> Result<(), hipchat_core::TransportError> {
//! let backend = ReqwestBackend::new();
//! let request = http::Request::get("https://api.hipchat.com/v2/emoticon")
//!     .header("Authorization", "Bearer my-token")
//!     .body(Vec::new())
//!     .expect("a valid request");
//! let response = backend.send(request).await?;
//! println!("{} ({} bytes)", response.status(), response.body().len());
//! # Ok(())
//! # }
//! ```
//!
//! [Tokio]: https://tokio.rs

#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::fmt;
use std::time::Duration;

use hipchat_core::{HttpBackend, HttpRequest, HttpResponse, TransportError, TransportErrorKind};

/// The `reqwest` crate this backend is built on, to configure a client with the exact same
/// version.
pub use reqwest;

/// How long the default client waits for a connection to be established.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long the default client waits for a whole request, from connecting to the last byte of
/// the response body.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// An [`HttpBackend`] that sends requests with a [`reqwest::Client`].
///
/// Cloning is cheap: clones share the client's connection pool.
///
/// ```no_run
/// use std::time::Duration;
/// use hipchat_reqwest::ReqwestBackend;
///
/// // The defaults: no redirects, 10 s to connect, 30 s per request.
/// let backend = ReqwestBackend::new();
///
/// // The same defaults with a longer overall timeout.
/// let client = ReqwestBackend::builder()
///     .timeout(Duration::from_secs(120))
///     .build()
///     .expect("TLS backend initialises");
/// let backend = ReqwestBackend::from(client);
/// ```
#[derive(Clone)]
pub struct ReqwestBackend(reqwest::Client);

impl ReqwestBackend {
    /// A backend on a client built from [`ReqwestBackend::builder`].
    ///
    /// # Panics
    ///
    /// Panics if the TLS backend cannot be initialised, like [`reqwest::Client::new`]. Use
    /// [`ReqwestBackend::builder`] and [`From`] to handle that error instead.
    pub fn new() -> Self {
        let client = Self::builder()
            .build()
            .expect("hipchat-reqwest: failed to build the default reqwest client");
        ReqwestBackend(client)
    }

    /// A [`reqwest::ClientBuilder`] with this crate's defaults: redirects not followed,
    /// [`DEFAULT_CONNECT_TIMEOUT`] and [`DEFAULT_TIMEOUT`].
    ///
    /// Adjust it, build it and wrap the client with [`From`].
    pub fn builder() -> reqwest::ClientBuilder {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
            .timeout(DEFAULT_TIMEOUT)
    }

    /// Like [`new`](Self::new), but returns the error instead of panicking when the default
    /// client cannot be built.
    pub fn try_new() -> Result<Self, TransportError> {
        Self::builder()
            .build()
            .map(Self)
            .map_err(|e| TransportError::from_source(TransportErrorKind::Other, e))
    }

    /// The client requests are sent with.
    pub fn client(&self) -> &reqwest::Client {
        &self.0
    }

    /// Unwraps the client.
    pub fn into_inner(self) -> reqwest::Client {
        self.0
    }
}

impl Default for ReqwestBackend {
    /// Same as [`ReqwestBackend::new`], including its panic.
    fn default() -> Self {
        Self::new()
    }
}

impl From<reqwest::Client> for ReqwestBackend {
    fn from(client: reqwest::Client) -> Self {
        ReqwestBackend(client)
    }
}

impl From<ReqwestBackend> for reqwest::Client {
    fn from(backend: ReqwestBackend) -> Self {
        backend.0
    }
}

impl fmt::Debug for ReqwestBackend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ReqwestBackend").field(&self.0).finish()
    }
}

#[hipchat_core::async_trait]
impl HttpBackend for ReqwestBackend {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let request = to_reqwest_request(request)?;
        let mut response = self.0.execute(request).await.map_err(map_error)?;

        let mut builder = http::Response::builder()
            .status(response.status())
            .version(response.version());
        if let Some(headers) = builder.headers_mut() {
            // Moved, not cloned: the body is all that is still read from the response.
            *headers = std::mem::take(response.headers_mut());
        }
        let body = response.bytes().await.map_err(map_error)?;
        builder
            // Takes over the buffer without copying when reqwest holds the only reference.
            .body(Vec::from(body))
            .map_err(|err| TransportError::from_source(TransportErrorKind::Other, err))
    }
}

/// Turns the core's request into a reqwest one, keeping method, URI, headers and body as
/// they are.
///
/// The HTTP version is left to reqwest, which negotiates it per connection.
fn to_reqwest_request(request: HttpRequest) -> Result<reqwest::Request, TransportError> {
    let (parts, body) = request.into_parts();
    // The URI is already percent-encoded; `Url::parse` keeps existing escapes such as `%2F`.
    let url = reqwest::Url::parse(&parts.uri.to_string()).map_err(|err| {
        TransportError::new(
            TransportErrorKind::Other,
            format!("request URI `{}` is not an absolute URL: {err}", parts.uri),
        )
        .with_source(err)
    })?;

    let mut converted = reqwest::Request::new(parts.method, url);
    *converted.headers_mut() = parts.headers;
    if !body.is_empty() {
        *converted.body_mut() = Some(reqwest::Body::from(body));
    } else if matches!(
        *converted.method(),
        http::Method::POST | http::Method::PUT | http::Method::PATCH
    ) {
        // hyper sends no length for an empty body; some servers answer 411 to a POST without
        // one. Other methods without a body carry no body framing at all.
        converted
            .headers_mut()
            .entry(http::header::CONTENT_LENGTH)
            .or_insert(http::HeaderValue::from_static("0"));
    }
    Ok(converted)
}

/// Classifies a reqwest failure into the core's transport error kinds.
fn error_kind(err: &reqwest::Error) -> TransportErrorKind {
    if err.is_timeout() {
        TransportErrorKind::Timeout
    } else if err.is_connect() {
        TransportErrorKind::Connect
    } else if err.is_body() || err.is_decode() || err.is_request() {
        TransportErrorKind::Io
    } else {
        TransportErrorKind::Other
    }
}

/// The URL is dropped from the error: some paths carry a token (`/oauth/token/{token}`), and
/// the caller knows which request failed.
fn map_error(err: reqwest::Error) -> TransportError {
    TransportError::from_source(error_kind(&err), err.without_url())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{SocketAddr, TcpListener};

    /// An address on 127.0.0.1 where nothing listens.
    fn closed_port() -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind an ephemeral port");
        let addr = listener.local_addr().expect("local address");
        drop(listener);
        addr
    }

    fn get(uri: &str) -> HttpRequest {
        http::Request::get(uri)
            .body(Vec::new())
            .expect("valid request")
    }

    #[test]
    fn default_backend_builds() {
        let backend = ReqwestBackend::default();
        assert!(format!("{backend:?}").starts_with("ReqwestBackend("));
    }

    #[test]
    fn conversion_keeps_method_uri_headers_and_body() {
        let request = http::Request::builder()
            .method("PUT")
            .uri("http://127.0.0.1:9/v2/room/ops%20team%2Fa?b=1&a=2")
            .header("Authorization", "Bearer t")
            .header("X-Multi", "one")
            .header("X-Multi", "two")
            .body(vec![0xff, 0x00, 0x80])
            .expect("valid request");
        let converted = to_reqwest_request(request).expect("converts");
        assert_eq!(converted.method(), http::Method::PUT);
        assert_eq!(
            converted.url().as_str(),
            "http://127.0.0.1:9/v2/room/ops%20team%2Fa?b=1&a=2"
        );
        assert_eq!(converted.headers()["authorization"], "Bearer t");
        let multi: Vec<_> = converted.headers().get_all("x-multi").iter().collect();
        assert_eq!(multi, ["one", "two"]);
        let body = converted.body().and_then(reqwest::Body::as_bytes);
        assert_eq!(body, Some(&[0xff, 0x00, 0x80][..]));
    }

    #[test]
    fn empty_body_is_sent_as_no_body_and_bodiless_post_gets_a_length() {
        let converted = to_reqwest_request(get("http://127.0.0.1:9/")).expect("converts");
        assert!(converted.body().is_none());
        assert!(converted.headers().get("content-length").is_none());

        let post = http::Request::post("http://127.0.0.1:9/")
            .body(Vec::new())
            .expect("valid");
        let converted = to_reqwest_request(post).expect("converts");
        assert!(converted.body().is_none());
        assert_eq!(converted.headers()["content-length"], "0");
    }

    #[test]
    fn relative_uri_is_an_other_error() {
        let err = to_reqwest_request(get("/v2/room")).expect_err("needs an absolute URL");
        assert_eq!(err.kind(), TransportErrorKind::Other);
        assert!(std::error::Error::source(&err).is_some());
    }

    #[tokio::test]
    async fn refused_connection_is_connect() {
        let uri = format!("http://{}/v2/room", closed_port());
        let err = ReqwestBackend::new()
            .send(get(&uri))
            .await
            .expect_err("nothing listens");
        assert_eq!(err.kind(), TransportErrorKind::Connect, "{err:?}");
        assert!(std::error::Error::source(&err).is_some());
    }

    #[tokio::test]
    async fn silent_server_is_timeout() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("local address");
        // Accept the connection and hold it open without ever answering.
        let holder = tokio::spawn(async move {
            let (socket, _) = listener.accept().await.expect("accept");
            tokio::time::sleep(Duration::from_secs(10)).await;
            drop(socket);
        });
        let client = ReqwestBackend::builder()
            .timeout(Duration::from_millis(300))
            .build()
            .expect("client");
        let uri = format!("http://{addr}/v2/room");
        let err = ReqwestBackend::from(client)
            .send(get(&uri))
            .await
            .expect_err("times out");
        assert_eq!(err.kind(), TransportErrorKind::Timeout, "{err:?}");
        holder.abort();
    }

    #[tokio::test]
    async fn connection_closed_before_answer_is_io() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("local address");
        // Read the request head, then hang up without writing a response.
        let closer = tokio::spawn(async move {
            use tokio::io::AsyncReadExt;
            let (mut socket, _) = listener.accept().await.expect("accept");
            let mut buf = [0u8; 1024];
            let _ = socket.read(&mut buf).await;
            drop(socket);
        });
        let uri = format!("http://{addr}/v2/room");
        let err = ReqwestBackend::new()
            .send(get(&uri))
            .await
            .expect_err("no response");
        assert_eq!(err.kind(), TransportErrorKind::Io, "{err:?}");
        closer.await.expect("closer task");
    }

    #[tokio::test]
    async fn truncated_body_is_io() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("local address");
        // Promise 100 bytes, send 5, hang up.
        let server = tokio::spawn(async move {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            let (mut socket, _) = listener.accept().await.expect("accept");
            let mut buf = [0u8; 1024];
            let _ = socket.read(&mut buf).await;
            let head = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhello";
            let _ = socket.write_all(head).await;
        });
        let uri = format!("http://{addr}/v2/room");
        let err = ReqwestBackend::new()
            .send(get(&uri))
            .await
            .expect_err("body cut short");
        assert_eq!(err.kind(), TransportErrorKind::Io, "{err:?}");
        server.await.expect("server task");
    }
}

/// The [`Timer`](hipchat_core::Timer) for clients on this backend: the system clock and
/// Tokio's sleep, so waits between retries run on the same runtime as reqwest.
///
/// ```no_run
/// use hipchat_core::{Client, RetryPolicy};
/// use hipchat_reqwest::{ReqwestBackend, TokioTimer};
///
/// let client = Client::builder()
///     .token("my-token")
///     .backend(ReqwestBackend::new())
///     .retry(RetryPolicy::new())
///     .timer(TokioTimer)
///     .build()?;
/// # Ok::<(), hipchat_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioTimer;

#[hipchat_core::async_trait]
impl hipchat_core::Timer for TokioTimer {
    fn now(&self) -> std::time::SystemTime {
        std::time::SystemTime::now()
    }

    async fn sleep(&self, duration: Duration) {
        tokio::time::sleep(duration).await;
    }
}

#[cfg(test)]
mod timer_tests {
    use super::*;
    use hipchat_core::Timer;

    #[tokio::test]
    async fn sleeps_on_tokio_time() {
        let start = std::time::Instant::now();
        TokioTimer.sleep(Duration::from_millis(50)).await;
        let elapsed = start.elapsed();
        assert!(elapsed >= Duration::from_millis(50), "{elapsed:?}");
        assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    }
}
