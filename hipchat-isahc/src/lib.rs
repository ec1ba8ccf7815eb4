//! An [`isahc`] (libcurl) backend for hipchat-rs.
//!
//! [`IsahcBackend`] implements [`hipchat_core::HttpBackend`] on top of an
//! [`isahc::HttpClient`]. It sends the request the core built (method, URI, headers and body
//! bytes), reads the whole response into memory and hands it back untouched: a 404 or a 429 is
//! an `Ok` response, and redirects are returned to the caller instead of being followed.
//!
//! # Runtime
//!
//! isahc drives its transfers on its own background thread, so the future returned by
//! [`HttpBackend::send`] works on any executor: Tokio, async-std, smol, or a plain
//! `futures::executor::block_on`.
//!
//! # Configuration
//!
//! [`IsahcBackend::new`] (and [`Default`]) build a client that never follows redirects, gives up
//! connecting after 10 seconds, gives up on a whole request after 30 seconds, does not send
//! `Expect: 100-continue` and does not ask for compressed responses. To change anything (a
//! proxy, a custom CA, other timeouts), start from [`IsahcBackend::builder`] or from your own
//! [`isahc::HttpClient`] and wrap it with [`From`]. A client of your own should keep the
//! redirect policy at [`isahc::config::RedirectPolicy::None`]: the core reports a redirect to
//! the caller rather than following it.
//!
//! TLS is whatever the `isahc` crate was built with (its `default-tls` feature here); switch
//! it through isahc's own features.
//!
//! # What libcurl adds to a request
//!
//! The request goes out with the headers the core set. libcurl adds the transport headers a
//! request needs (`Host`, `Content-Length`) and, when they are missing, `Accept: */*`, isahc's
//! own `User-Agent` and, for a `POST` with a body, `Content-Type:
//! application/x-www-form-urlencoded`. A header the request already carries is never replaced.
//! A `POST`, `PUT` or `PATCH` without a body is sent with `Content-Length: 0`.
//!
//! # Example
//!
//! ```no_run
//! use hipchat_core::HttpBackend;
//! use hipchat_isahc::IsahcBackend;
//!
//! # async fn run() -> Result<(), hipchat_core::TransportError> {
//! let backend = IsahcBackend::new();
//! let request = http::Request::get("https://api.hipchat.com/v2/emoticon")
//!     .header("Authorization", "Bearer my-token")
//!     .body(Vec::new())
//!     .expect("a valid request");
//! let response = backend.send(request).await?;
//! println!("{} ({} bytes)", response.status(), response.body().len());
//! # Ok(())
//! # }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::fmt;
use std::time::Duration;

use hipchat_core::{HttpBackend, HttpRequest, HttpResponse, TransportError, TransportErrorKind};
use isahc::config::{Configurable, ExpectContinue, RedirectPolicy};
use isahc::error::ErrorKind;
use isahc::{AsyncBody, AsyncReadResponseExt};

/// The `isahc` crate this backend is built on, to configure a client with the exact same
/// version (its options live on [`isahc::config::Configurable`]).
pub use isahc;

/// How long the default client waits for a connection to be established.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long the default client waits for a whole request, from connecting to the last byte of
/// the response body.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// An [`HttpBackend`] that sends requests with an [`isahc::HttpClient`].
///
/// Cloning is cheap: clones share the client and its connections.
///
/// ```no_run
/// use std::time::Duration;
/// use hipchat_isahc::IsahcBackend;
/// use isahc::config::Configurable;
///
/// // The defaults: no redirects, 10 s to connect, 30 s per request.
/// let backend = IsahcBackend::new();
///
/// // The same defaults with a longer overall timeout.
/// let client = IsahcBackend::builder()
///     .timeout(Duration::from_secs(120))
///     .build()
///     .expect("libcurl initialises");
/// let backend = IsahcBackend::from(client);
/// ```
#[derive(Clone)]
pub struct IsahcBackend(isahc::HttpClient);

impl IsahcBackend {
    /// A backend on a client built from [`IsahcBackend::builder`].
    ///
    /// # Panics
    ///
    /// Panics if libcurl or isahc's background agent cannot be initialised. Use
    /// [`IsahcBackend::builder`] and [`From`] to handle that error instead.
    pub fn new() -> Self {
        let client = Self::builder()
            .build()
            .expect("hipchat-isahc: failed to build the default isahc client");
        IsahcBackend(client)
    }

    /// An [`isahc::HttpClientBuilder`] with this crate's defaults: redirects not followed,
    /// [`DEFAULT_CONNECT_TIMEOUT`], [`DEFAULT_TIMEOUT`], no `Expect: 100-continue` and no
    /// automatic decompression.
    ///
    /// Adjust it (the options live on [`isahc::config::Configurable`]), build it and wrap the
    /// client with [`From`].
    pub fn builder() -> isahc::HttpClientBuilder {
        isahc::HttpClient::builder()
            .redirect_policy(RedirectPolicy::None)
            .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
            .timeout(DEFAULT_TIMEOUT)
            // API bodies are small; waiting for a `100 Continue` only adds latency.
            .expect_continue(ExpectContinue::disabled())
            // Keep the request to the headers the core set and the body as the server sent it.
            .automatic_decompression(false)
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
    pub fn client(&self) -> &isahc::HttpClient {
        &self.0
    }

    /// Unwraps the client.
    pub fn into_inner(self) -> isahc::HttpClient {
        self.0
    }
}

impl Default for IsahcBackend {
    /// Same as [`IsahcBackend::new`], including its panic.
    fn default() -> Self {
        Self::new()
    }
}

impl From<isahc::HttpClient> for IsahcBackend {
    fn from(client: isahc::HttpClient) -> Self {
        IsahcBackend(client)
    }
}

impl From<IsahcBackend> for isahc::HttpClient {
    fn from(backend: IsahcBackend) -> Self {
        backend.0
    }
}

impl fmt::Debug for IsahcBackend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("IsahcBackend").field(&self.0).finish()
    }
}

#[hipchat_core::async_trait]
impl HttpBackend for IsahcBackend {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let request = to_isahc_request(request)?;
        let mut response = self
            .0
            .send_async(request)
            .await
            .map_err(|err| TransportError::from_source(error_kind(err.kind()), err))?;

        let body = response.bytes().await.map_err(body_error)?;
        let (parts, _) = response.into_parts();
        Ok(http::Response::from_parts(parts, body))
    }
}

/// Turns the core's request into an isahc one, keeping method, URI, headers and body.
fn to_isahc_request(request: HttpRequest) -> Result<http::Request<AsyncBody>, TransportError> {
    // isahc panics on a header value that is not visible ASCII; refuse it instead.
    if let Some((name, _)) = request.headers().iter().find(|(_, v)| v.to_str().is_err()) {
        return Err(TransportError::new(
            TransportErrorKind::Other,
            format!("header `{name}` has a value libcurl cannot send (not visible ASCII)"),
        ));
    }

    let (mut parts, body) = request.into_parts();
    let body = if body.is_empty() {
        // An empty buffer would make isahc upload a zero-length body, turning a GET into an
        // upload; an empty body is what the request means.
        let needs_length = matches!(
            parts.method,
            http::Method::POST | http::Method::PUT | http::Method::PATCH
        );
        if needs_length && !parts.headers.contains_key(http::header::CONTENT_LENGTH) {
            parts.headers.insert(
                http::header::CONTENT_LENGTH,
                http::HeaderValue::from_static("0"),
            );
        }
        AsyncBody::empty()
    } else {
        AsyncBody::from(body)
    };
    Ok(http::Request::from_parts(parts, body))
}

/// Classifies an isahc failure to get a response into the core's transport error kinds.
fn error_kind(kind: &ErrorKind) -> TransportErrorKind {
    match kind {
        ErrorKind::ConnectionFailed
        | ErrorKind::NameResolution
        | ErrorKind::BadServerCertificate
        | ErrorKind::TlsEngine
        | ErrorKind::InvalidTlsConfiguration => TransportErrorKind::Connect,
        ErrorKind::Timeout => TransportErrorKind::Timeout,
        ErrorKind::Io => TransportErrorKind::Io,
        _ => TransportErrorKind::Other,
    }
}

/// A failure while reading the response body: the response was cut short.
fn body_error(err: std::io::Error) -> TransportError {
    let err = isahc::Error::from(err);
    let kind = match err.kind() {
        ErrorKind::Timeout => TransportErrorKind::Timeout,
        _ => TransportErrorKind::Io,
    };
    TransportError::from_source(kind, err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_executor::block_on;
    use std::io::{Read, Write};
    use std::net::{SocketAddr, TcpListener};
    use std::thread;

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
        let backend = IsahcBackend::default();
        assert!(format!("{backend:?}").starts_with("IsahcBackend("));
    }

    #[test]
    fn error_kinds_map_to_core_kinds() {
        use TransportErrorKind::*;
        let cases = [
            (ErrorKind::ConnectionFailed, Connect),
            (ErrorKind::NameResolution, Connect),
            (ErrorKind::BadServerCertificate, Connect),
            (ErrorKind::TlsEngine, Connect),
            (ErrorKind::InvalidTlsConfiguration, Connect),
            (ErrorKind::Timeout, Timeout),
            (ErrorKind::Io, Io),
            (ErrorKind::ProtocolViolation, Other),
            (ErrorKind::InvalidRequest, Other),
            (ErrorKind::TooManyRedirects, Other),
            (ErrorKind::Unknown, Other),
        ];
        for (isahc_kind, expected) in cases {
            assert_eq!(error_kind(&isahc_kind), expected, "{isahc_kind:?}");
        }
    }

    #[test]
    fn body_timeout_is_timeout_and_other_body_failures_are_io() {
        let timed_out = std::io::Error::from(isahc::Error::from(ErrorKind::Timeout));
        assert_eq!(body_error(timed_out).kind(), TransportErrorKind::Timeout);
        let reset = std::io::Error::from(std::io::ErrorKind::ConnectionReset);
        assert_eq!(body_error(reset).kind(), TransportErrorKind::Io);
    }

    #[test]
    fn empty_body_becomes_no_body_and_bodiless_post_gets_a_length() {
        let converted = to_isahc_request(get("http://127.0.0.1:9/")).expect("converts");
        assert!(converted.body().is_empty());
        assert!(converted.headers().get("content-length").is_none());

        let post = http::Request::post("http://127.0.0.1:9/")
            .body(Vec::new())
            .expect("valid");
        let converted = to_isahc_request(post).expect("converts");
        assert!(converted.body().is_empty());
        assert_eq!(converted.headers()["content-length"], "0");
    }

    #[test]
    fn non_ascii_header_value_is_refused_not_panicking() {
        let request = http::Request::get("http://127.0.0.1:9/")
            .header(
                "X-Name",
                http::HeaderValue::from_bytes(b"caf\xc3\xa9").expect("obs-text"),
            )
            .body(Vec::new())
            .expect("valid request");
        let err = to_isahc_request(request).expect_err("curl cannot send it");
        assert_eq!(err.kind(), TransportErrorKind::Other);
        assert!(err.message().contains("x-name"), "{}", err.message());
    }

    #[test]
    fn refused_connection_is_connect() {
        let uri = format!("http://{}/v2/room", closed_port());
        let err = block_on(IsahcBackend::new().send(get(&uri))).expect_err("nothing listens");
        assert_eq!(err.kind(), TransportErrorKind::Connect, "{err:?}");
        assert!(std::error::Error::source(&err).is_some());
    }

    #[test]
    fn silent_server_is_timeout() {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("local address");
        // Accept the connection and hold it open without ever answering; the thread ends
        // when the test process does.
        thread::spawn(move || {
            let held = listener.accept().map(|(socket, _)| socket);
            thread::sleep(Duration::from_secs(10));
            drop(held);
        });
        let client = IsahcBackend::builder()
            .timeout(Duration::from_millis(300))
            .build()
            .expect("client");
        let uri = format!("http://{addr}/v2/room");
        let err = block_on(IsahcBackend::from(client).send(get(&uri))).expect_err("times out");
        assert_eq!(err.kind(), TransportErrorKind::Timeout, "{err:?}");
    }

    #[test]
    fn truncated_body_is_io() {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("local address");
        // Promise 100 bytes, send 5, hang up.
        let server = thread::spawn(move || {
            let (mut socket, _) = listener.accept().expect("accept");
            let mut buf = [0u8; 1024];
            let _ = socket.read(&mut buf);
            let _ = socket.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhello");
        });
        let uri = format!("http://{addr}/v2/room");
        let err = block_on(IsahcBackend::new().send(get(&uri))).expect_err("body cut short");
        assert_eq!(err.kind(), TransportErrorKind::Io, "{err:?}");
        server.join().expect("server thread");
    }
}

/// The [`Timer`](hipchat_core::Timer) for clients on this backend: the system clock and a
/// sleep driven by a helper thread, so it works on any executor, like isahc itself.
///
/// ```no_run
/// use hipchat_core::{Client, RetryPolicy};
/// use hipchat_isahc::{IsahcBackend, ThreadTimer};
///
/// let client = Client::builder()
///     .token("my-token")
///     .backend(IsahcBackend::new())
///     .retry(RetryPolicy::new())
///     .timer(ThreadTimer)
///     .build()?;
/// # Ok::<(), hipchat_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct ThreadTimer;

#[hipchat_core::async_trait]
impl hipchat_core::Timer for ThreadTimer {
    fn now(&self) -> std::time::SystemTime {
        std::time::SystemTime::now()
    }

    async fn sleep(&self, duration: Duration) {
        futures_timer::Delay::new(duration).await;
    }
}

#[cfg(test)]
mod timer_tests {
    use super::*;
    use hipchat_core::Timer;

    #[test]
    fn sleeps_without_a_runtime() {
        let start = std::time::Instant::now();
        futures_executor::block_on(ThreadTimer.sleep(Duration::from_millis(50)));
        let elapsed = start.elapsed();
        assert!(elapsed >= Duration::from_millis(50), "{elapsed:?}");
        assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    }
}
