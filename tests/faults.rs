//! Fault injection: the typed `Client` on each real backend against a small HTTP/1.1 server on
//! 127.0.0.1 that misbehaves on purpose.
//!
//! The server is a plain `std::thread` with a `TcpListener`. It reads each request (head, then
//! as many body bytes as `Content-Length` says), records it, and then does what the scenario
//! asks: answers with an error page, cuts the body short, resets the connection, never answers,
//! or dribbles the body out a few bytes at a time. The thread always ends by itself: it accepts
//! a bounded number of connections, every socket has read and write timeouts, and the whole
//! server has a lifetime after which it stops accepting.
//!
//! Each scenario is written once in [`cases`] and run through both adapters by the macro at the
//! bottom; every backend is built with short timeouts ([`CONNECT_TIMEOUT`], [`TIMEOUT`]). What
//! is pinned for each fault: the exact error the caller gets (variant and, for transport
//! failures, kind), how long it took where time matters, and how many requests reached the
//! server, so that a request sent twice would be caught.
//!
//! Where the adapters differ, the difference is pinned per adapter in [`Adapter`] and explained
//! there. Run with `--nocapture` to see each scenario's outcome and timing.

use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use hipchat::{Client, Error, HttpBackend, RetryPolicy, Timer, TransportErrorKind};
use hipchat_isahc::IsahcBackend;
use hipchat_reqwest::ReqwestBackend;

/// How long a backend may take to connect.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
/// How long a backend may take for a whole request, body included.
const TIMEOUT: Duration = Duration::from_secs(2);
/// How long a fault server accepts connections at most, whatever happens in the test.
const SERVER_LIFETIME: Duration = Duration::from_secs(15);
/// How many connections a fault server accepts at most.
const MAX_CONNECTIONS: usize = 4;
/// Read and write timeout of every server-side socket.
const SOCKET_TIMEOUT: Duration = Duration::from_millis(500);

const TOKEN: &str = "fault-suite-token";

/// A backend under test, and what it reports for the faults on which the two adapters differ.
struct Adapter {
    name: &'static str,
    build: fn() -> Arc<dyn HttpBackend>,
    /// The timer that goes with the backend, for the retry scenarios.
    timer: fn() -> Arc<dyn Timer>,
    /// The kind reported when the server closes the connection (FIN) after 10 of the 1000
    /// body bytes it announced.
    cut_body: TransportErrorKind,
    /// The kind reported when the server resets the connection (RST) after 10 of the 1000 body
    /// bytes it announced.
    reset_body: TransportErrorKind,
}

/// reqwest (hyper): both a body cut short by a clean close and a reset mid-body are `Io`.
/// hyper reports `IncompleteBody` (an `UnexpectedEof`) for the first and the OS error
/// `ConnectionReset` (104) for the second; reqwest wraps either as a decode error ("error
/// decoding response body for url (...)"), which the adapter maps to `Io`. Timeouts are
/// `Timeout` whether no byte came ("error sending request") or the body was still arriving
/// ("error decoding response body", with a `TimedOut` source): reqwest's `is_timeout` is
/// checked first.
const REQWEST: Adapter = Adapter {
    name: "reqwest",
    build: || {
        let client = ReqwestBackend::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(TIMEOUT)
            .build()
            .expect("reqwest client");
        Arc::new(ReqwestBackend::from(client))
    },
    timer: || Arc::new(hipchat_reqwest::TokioTimer),
    cut_body: TransportErrorKind::Io,
    reset_body: TransportErrorKind::Io,
};

/// isahc (libcurl): both are `Io` too. curl says "Transferred a partial file" (code 18) for the
/// clean close and "Failure when receiving data from the peer" (code 56) for the reset; the
/// transport error's message carries that cause after isahc's own text. Timeouts are curl's
/// code 28 in both timeout scenarios.
const ISAHC: Adapter = Adapter {
    name: "isahc",
    build: || {
        use hipchat_isahc::isahc::config::Configurable;
        let client = IsahcBackend::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(TIMEOUT)
            .build()
            .expect("isahc client");
        Arc::new(IsahcBackend::from(client))
    },
    timer: || Arc::new(hipchat_isahc::ThreadTimer),
    cut_body: TransportErrorKind::Io,
    reset_body: TransportErrorKind::Io,
};

fn client(adapter: &Adapter, base_url: String) -> Client {
    Client::builder()
        .base_url(base_url)
        .token(TOKEN)
        .shared_backend((adapter.build)())
        .build()
        .expect("a loopback http base URL is accepted")
}

/// A client that retries as `policy` says, on the adapter's own timer.
fn retrying_client(adapter: &Adapter, base_url: String, policy: RetryPolicy) -> Client {
    Client::builder()
        .base_url(base_url)
        .token(TOKEN)
        .shared_backend((adapter.build)())
        .shared_timer((adapter.timer)())
        .retry(policy)
        .build()
        .expect("a retrying client")
}

/// Prints what the caller saw, for the suite's report (`--nocapture`).
fn report<T: std::fmt::Debug>(
    adapter: &Adapter,
    scenario: &str,
    elapsed: Duration,
    result: &Result<T, Error>,
) {
    let outcome = match result {
        Ok(_) => "Ok".to_owned(),
        Err(Error::Transport(e)) => format!(
            "Error::Transport({:?}): {:?}, caused by {:?}",
            e.kind(),
            e.message(),
            root_cause(e)
        ),
        Err(Error::Api(e)) => format!("Error::Api({})", e.status()),
        Err(Error::Decode(e)) => format!("Error::Decode({}) at `{}`", e.status(), e.path()),
        Err(other) => format!("{other:?}"),
    };
    eprintln!(
        "[{:>7}] {scenario:<28} {:>6} ms  {outcome}",
        adapter.name,
        elapsed.as_millis()
    );
}

/// The text of the innermost error in `e`'s source chain.
fn root_cause(e: &dyn std::error::Error) -> String {
    let mut current = e;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

/// The kind of a transport error, or a panic naming what came back instead. Every transport
/// error from a real adapter keeps the HTTP stack's error as its source.
#[track_caller]
fn transport_kind<T: std::fmt::Debug>(result: &Result<T, Error>) -> TransportErrorKind {
    match result {
        Err(Error::Transport(e)) => {
            assert!(std::error::Error::source(e).is_some(), "no source: {e:?}");
            e.kind()
        }
        other => panic!("expected Error::Transport, got {other:?}"),
    }
}

/// A request as the fault server read it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    body_len: usize,
}

/// What the fault server does once it has read a request.
enum Misbehaviour {
    /// Writes these bytes and closes the connection (a complete response, or a response cut
    /// short: a clean close either way).
    Reply(Vec<u8>),
    /// Reads the request head only, leaving the body unread in the kernel's buffer, writes
    /// these bytes and closes: with unread data, Linux resets the connection (RST) instead of
    /// closing it, without needing `SO_LINGER`.
    ReplyThenReset(Vec<u8>),
    /// Never answers; holds the connection until the client hangs up.
    Silence,
    /// Answers the n-th connection with the n-th reply (a complete response, then close);
    /// connections past the last reply get the last one.
    Script(Vec<Vec<u8>>),
    /// Writes `head` at once, then `body` in pieces of `chunk` bytes, pausing before each.
    Trickle {
        head: Vec<u8>,
        body: Vec<u8>,
        chunk: usize,
        pause: Duration,
    },
}

/// The misbehaving server: one thread, ended by [`FaultServer::finish`] or by its lifetime.
struct FaultServer {
    port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl FaultServer {
    fn start(misbehaviour: Misbehaviour) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("local address").port();
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let seen = Arc::clone(&seen);
            let stop = Arc::clone(&stop);
            thread::spawn(move || serve(listener, &misbehaviour, &seen, &stop))
        };
        FaultServer {
            port,
            seen,
            stop,
            thread: Some(thread),
        }
    }

    fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}/v2", self.port)
    }

    /// Stops accepting (after taking any connection already waiting), waits for the thread and
    /// returns every request it read.
    fn finish(mut self) -> Vec<Seen> {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            thread.join().expect("the fault server thread panicked");
        }
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for FaultServer {
    /// A test that panics before `finish` still lets the thread end promptly.
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn serve(
    listener: TcpListener,
    misbehaviour: &Misbehaviour,
    seen: &Mutex<Vec<Seen>>,
    stop: &AtomicBool,
) {
    let started = Instant::now();
    let mut accepted = 0;
    while accepted < MAX_CONNECTIONS && started.elapsed() < SERVER_LIFETIME {
        match listener.accept() {
            Ok((stream, _)) => {
                handle(stream, misbehaviour, accepted, seen, stop);
                accepted += 1;
            }
            // Only stop once no connection is waiting, so that a retry already on its way
            // is still seen and counted.
            Err(e) if e.kind() == ErrorKind::WouldBlock => {
                if stop.load(Ordering::SeqCst) {
                    return;
                }
                thread::sleep(Duration::from_millis(5));
            }
            Err(_) => return,
        }
    }
}

fn handle(
    mut stream: TcpStream,
    misbehaviour: &Misbehaviour,
    connection: usize,
    seen: &Mutex<Vec<Seen>>,
    stop: &AtomicBool,
) {
    // Fresh sockets from `accept` are blocking on Linux, but do not rely on it.
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(SOCKET_TIMEOUT));
    let _ = stream.set_write_timeout(Some(SOCKET_TIMEOUT));
    let read_body = !matches!(misbehaviour, Misbehaviour::ReplyThenReset(_));
    let Some(request) = read_request(&mut stream, read_body) else {
        return;
    };
    seen.lock().unwrap().push(request);

    match misbehaviour {
        Misbehaviour::Reply(bytes) | Misbehaviour::ReplyThenReset(bytes) => {
            let _ = stream.write_all(bytes);
            let _ = stream.flush();
        }
        Misbehaviour::Script(replies) => {
            if let Some(bytes) = replies.get(connection).or(replies.last()) {
                let _ = stream.write_all(bytes);
                let _ = stream.flush();
            }
        }
        Misbehaviour::Silence => {
            // Read until the client hangs up (it does when its timeout fires), the test is
            // over, or the server's lifetime would be exceeded.
            let deadline = Instant::now() + TIMEOUT * 3;
            let mut buf = [0u8; 1024];
            while Instant::now() < deadline && !stop.load(Ordering::SeqCst) {
                match stream.read(&mut buf) {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                    Err(_) => break,
                }
            }
        }
        Misbehaviour::Trickle {
            head,
            body,
            chunk,
            pause,
        } => {
            if stream.write_all(head).is_err() {
                return;
            }
            for piece in body.chunks(*chunk) {
                thread::sleep(*pause);
                if stop.load(Ordering::SeqCst) || stream.write_all(piece).is_err() {
                    return;
                }
                let _ = stream.flush();
            }
        }
    }
    // Dropping the stream closes it (or resets it, with request bytes left unread).
}

/// Reads a request head and, when `read_body`, the `Content-Length` bytes of its body. When
/// the body is to stay unread, the head is read one byte at a time so that not a byte of the
/// body is taken from the kernel.
fn read_request(stream: &mut TcpStream, read_body: bool) -> Option<Seen> {
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        if let Some(pos) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos + 4;
        }
        if data.len() > 64 * 1024 {
            return None;
        }
        let want = if read_body { buf.len() } else { 1 };
        match stream.read(&mut buf[..want]) {
            Ok(0) | Err(_) => return None,
            Ok(n) => data.extend_from_slice(&buf[..n]),
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let mut request_line = head.lines().next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let path = request_line.next()?.to_owned();
    let content_length = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let mut body_len = data.len() - head_end;
    if read_body {
        while body_len < content_length {
            match stream.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => body_len += n,
            }
        }
    }
    Some(Seen {
        method,
        path,
        body_len,
    })
}

/// A whole response with `Content-Length` and `Connection: close`.
fn response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = head(status, headers, body.len());
    out.extend_from_slice(body);
    out
}

/// A response head announcing a body of `content_length` bytes.
fn head(status: &str, headers: &[(&str, &str)], content_length: usize) -> Vec<u8> {
    let mut text = format!("HTTP/1.1 {status}\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str(&format!(
        "Content-Length: {content_length}\r\nConnection: close\r\n\r\n"
    ));
    text.into_bytes()
}

const JSON: (&str, &str) = ("Content-Type", "application/json");

/// The count of requests with `method` among `seen`.
fn count(seen: &[Seen], method: &str) -> usize {
    seen.iter().filter(|s| s.method == method).count()
}

/// Exactly one request arrived, with `method` and `path`.
#[track_caller]
fn assert_one(seen: &[Seen], method: &str, path: &str) {
    assert_eq!(seen.len(), 1, "requests seen: {seen:?}");
    assert_eq!(count(seen, method), 1, "requests seen: {seen:?}");
    assert_eq!(seen[0].path, path, "requests seen: {seen:?}");
}

mod cases {
    use super::*;

    use hipchat::api::rooms::{GetAllRooms, GetRoom, SendMessage, SendRoomNotification};
    use http::StatusCode;

    const ROOM_JSON: &str = r#"{"id": 7, "name": "Ops", "topic": "Deploys", "links": {"self": "https://api.hipchat.com/v2/room/7"}}"#;

    const HTML_500: &str = "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n<body><h1>Internal Server Error</h1><p>The server encountered an internal error.</p></body></html>\n";
    const HTML_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.18.0</center></body>\r\n</html>\r\n";

    /// Nothing listens on the port: `Connect`, at once, and not a timeout.
    pub async fn connection_refused(adapter: &Adapter) {
        let port = {
            let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
            listener.local_addr().expect("address").port()
        };
        let client = client(adapter, format!("http://127.0.0.1:{port}/v2"));
        let started = Instant::now();
        let result = client
            .send(&SendRoomNotification::new("ops", "nobody listens"))
            .await;
        let elapsed = started.elapsed();
        report(adapter, "connection refused", elapsed, &result);
        assert_eq!(transport_kind(&result), TransportErrorKind::Connect);
        assert!(elapsed < CONNECT_TIMEOUT, "took {elapsed:?}");
    }

    /// The head announces 1000 body bytes, 10 come, then the server closes (FIN).
    pub async fn body_cut_short(adapter: &Adapter) {
        let mut bytes = head("200 OK", &[JSON], 1000);
        bytes.extend_from_slice(br#"{"id": 7, "#);
        let server = FaultServer::start(Misbehaviour::Reply(bytes));
        let client = client(adapter, server.base_url());
        let started = Instant::now();
        let result = client.send(&GetRoom::new("ops")).await;
        let elapsed = started.elapsed();
        report(adapter, "body cut short (FIN)", elapsed, &result);
        assert_eq!(transport_kind(&result), adapter.cut_body);
        assert!(elapsed < TIMEOUT, "took {elapsed:?}");
        assert_one(&server.finish(), "GET", "/v2/room/ops");
    }

    /// The head announces 1000 body bytes, 10 come, then the connection is reset (RST): the
    /// POST must fail, and must have been sent once.
    pub async fn connection_reset_mid_body(adapter: &Adapter) {
        let mut bytes = head("201 Created", &[JSON], 1000);
        bytes.extend_from_slice(br#"{"id": "a"#);
        let server = FaultServer::start(Misbehaviour::ReplyThenReset(bytes));
        let client = client(adapter, server.base_url());
        let started = Instant::now();
        let result = client.send(&SendMessage::new("ops", "hello")).await;
        let elapsed = started.elapsed();
        report(adapter, "connection reset (RST)", elapsed, &result);
        assert_eq!(transport_kind(&result), adapter.reset_body);
        assert!(elapsed < TIMEOUT, "took {elapsed:?}");
        assert_one(&server.finish(), "POST", "/v2/room/ops/message");
    }

    /// The server reads the request and never answers: `Timeout` once the backend's timeout
    /// has passed, and well before twice that; the POST was not sent again.
    pub async fn server_never_answers(adapter: &Adapter) {
        let server = FaultServer::start(Misbehaviour::Silence);
        let client = client(adapter, server.base_url());
        let started = Instant::now();
        let result = client
            .send(&SendRoomNotification::new("ops", "anyone there?"))
            .await;
        let elapsed = started.elapsed();
        report(adapter, "never answers", elapsed, &result);
        assert_eq!(transport_kind(&result), TransportErrorKind::Timeout);
        assert!(
            elapsed >= TIMEOUT - Duration::from_millis(100) && elapsed < TIMEOUT * 2,
            "gave up after {elapsed:?}"
        );
        let seen = server.finish();
        assert_one(&seen, "POST", "/v2/room/ops/notification");
        assert!(seen[0].body_len > 0, "{seen:?}");
    }

    /// 500 with an HTML page, on a POST: `Error::Api` with the status and the page as it came.
    pub async fn internal_error_with_html(adapter: &Adapter) {
        let bytes = response(
            "500 Internal Server Error",
            &[("Content-Type", "text/html; charset=utf-8")],
            HTML_500.as_bytes(),
        );
        let server = FaultServer::start(Misbehaviour::Reply(bytes));
        let client = client(adapter, server.base_url());
        let started = Instant::now();
        let result = client
            .send(&SendRoomNotification::new("ops", "deploy done"))
            .await;
        report(adapter, "500 with HTML", started.elapsed(), &result);
        let Err(Error::Api(e)) = result else {
            panic!("expected Error::Api, got {result:?}")
        };
        assert_eq!(e.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(e.hipchat_error(), None);
        assert_eq!(e.body(), HTML_500.as_bytes());
        assert_eq!(e.body_text(), HTML_500);
        assert!(e.to_string().contains("Internal Server Error"), "{e}");
        assert_one(&server.finish(), "POST", "/v2/room/ops/notification");
    }

    /// 502 with nginx's HTML page: `Error::Api` with the status and the page as it came.
    pub async fn bad_gateway_with_html(adapter: &Adapter) {
        let bytes = response(
            "502 Bad Gateway",
            &[("Content-Type", "text/html"), ("Server", "nginx/1.18.0")],
            HTML_502.as_bytes(),
        );
        let server = FaultServer::start(Misbehaviour::Reply(bytes));
        let client = client(adapter, server.base_url());
        let started = Instant::now();
        let result = client.send(&GetAllRooms::new()).await;
        report(adapter, "502 with HTML", started.elapsed(), &result);
        let Err(Error::Api(e)) = result else {
            panic!("expected Error::Api, got {result:?}")
        };
        assert_eq!(e.status(), StatusCode::BAD_GATEWAY);
        assert_eq!(e.hipchat_error(), None);
        assert_eq!(e.body_text(), HTML_502);
        assert_one(&server.finish(), "GET", "/v2/room");
    }

    /// 429 with both header families: `Error::Api` with every number parsed, and the POST
    /// not retried by anyone.
    pub async fn rate_limited_with_headers(adapter: &Adapter) {
        let body = br#"{"error": {"code": 429, "message": "You have exceeded the rate limit. `See https://www.hipchat.com/docs/apiv2/rate_limiting`", "type": "Too Many Requests"}}"#;
        let bytes = response(
            "429 Too Many Requests",
            &[
                JSON,
                ("X-Ratelimit-Limit", "500"),
                ("X-Ratelimit-Remaining", "0"),
                ("X-Ratelimit-Reset", "1700000300"),
                ("X-FloodControl-Limit", "30"),
                ("X-FloodControl-Remaining", "0"),
                ("X-FloodControl-Reset", "1700000060"),
                ("Retry-After", "60"),
            ],
            body,
        );
        let server = FaultServer::start(Misbehaviour::Reply(bytes));
        let client = client(adapter, server.base_url());
        let started = Instant::now();
        let result = client
            .send(&SendRoomNotification::new("ops", "one too many"))
            .await;
        report(adapter, "429 with limits", started.elapsed(), &result);
        let Err(Error::Api(e)) = result else {
            panic!("expected Error::Api, got {result:?}")
        };
        assert_eq!(e.status(), StatusCode::TOO_MANY_REQUESTS);
        let rate = e.rate_limits().rate.expect("X-Ratelimit-* parsed");
        assert_eq!(
            (rate.limit, rate.remaining, rate.reset),
            (Some(500), Some(0), Some(1_700_000_300))
        );
        let flood = e.rate_limits().flood.expect("X-FloodControl-* parsed");
        assert_eq!(
            (flood.limit, flood.remaining, flood.reset),
            (Some(30), Some(0), Some(1_700_000_060))
        );
        assert_eq!(e.hipchat_error().and_then(|h| h.code), Some(429));
        assert_one(&server.finish(), "POST", "/v2/room/ops/notification");
    }

    /// 429 whose rate-limit headers say how many but not when the window resets, and no
    /// flood-control headers: the missing numbers are `None`, nothing is made up.
    pub async fn rate_limited_without_reset(adapter: &Adapter) {
        let body = br#"{"error": {"code": 429, "message": "Too many requests", "type": "Too Many Requests"}}"#;
        let bytes = response(
            "429 Too Many Requests",
            &[
                JSON,
                ("X-Ratelimit-Limit", "100"),
                ("X-Ratelimit-Remaining", "0"),
            ],
            body,
        );
        let server = FaultServer::start(Misbehaviour::Reply(bytes));
        let client = client(adapter, server.base_url());
        let started = Instant::now();
        let result = client.send(&SendMessage::new("ops", "again")).await;
        report(adapter, "429 without reset", started.elapsed(), &result);
        let Err(Error::Api(e)) = result else {
            panic!("expected Error::Api, got {result:?}")
        };
        assert_eq!(e.status(), StatusCode::TOO_MANY_REQUESTS);
        let rate = e.rate_limits().rate.expect("X-Ratelimit-Limit was sent");
        assert_eq!(
            (rate.limit, rate.remaining, rate.reset),
            (Some(100), Some(0), None)
        );
        assert_eq!(e.rate_limits().flood, None);
        assert_one(&server.finish(), "POST", "/v2/room/ops/message");
    }

    /// A bare 429, no limit headers at all and no body: both families are `None`.
    pub async fn rate_limited_without_any_header(adapter: &Adapter) {
        let bytes = response("429 Too Many Requests", &[], b"");
        let server = FaultServer::start(Misbehaviour::Reply(bytes));
        let client = client(adapter, server.base_url());
        let started = Instant::now();
        let result = client
            .send(&SendRoomNotification::new("ops", "and again"))
            .await;
        report(adapter, "429 bare", started.elapsed(), &result);
        let Err(Error::Api(e)) = result else {
            panic!("expected Error::Api, got {result:?}")
        };
        assert_eq!(e.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(e.rate_limits().rate, None);
        assert_eq!(e.rate_limits().flood, None);
        assert!(e.body().is_empty());
        assert!(e.to_string().contains("empty body"), "{e}");
        assert_one(&server.finish(), "POST", "/v2/room/ops/notification");
    }

    /// 200 whose JSON stops half way (with a truthful `Content-Length`): `Error::Decode` with
    /// the status and the body kept.
    pub async fn truncated_json(adapter: &Adapter) {
        let body = br#"{"id": 7, "name": "Ops", "links": {"self": "https://api.hip"#;
        let server = FaultServer::start(Misbehaviour::Reply(response("200 OK", &[JSON], body)));
        let client = client(adapter, server.base_url());
        let started = Instant::now();
        let result = client.send(&GetRoom::new("ops")).await;
        report(adapter, "truncated JSON", started.elapsed(), &result);
        let Err(Error::Decode(e)) = result else {
            panic!("expected Error::Decode, got {result:?}")
        };
        assert_eq!(e.status(), StatusCode::OK);
        assert_eq!(e.body(), body);
        assert!(e.serde_error().is_some_and(|s| s.is_eof()), "{e:?}");
        assert_one(&server.finish(), "GET", "/v2/room/ops");
    }

    /// An empty 200 where a room was expected: `Error::Decode`, not a default room.
    pub async fn empty_success_body(adapter: &Adapter) {
        let server = FaultServer::start(Misbehaviour::Reply(response("200 OK", &[JSON], b"")));
        let client = client(adapter, server.base_url());
        let started = Instant::now();
        let result = client.send(&GetRoom::new("ops")).await;
        report(adapter, "empty 200", started.elapsed(), &result);
        let Err(Error::Decode(e)) = result else {
            panic!("expected Error::Decode, got {result:?}")
        };
        assert_eq!(e.status(), StatusCode::OK);
        assert!(e.body().is_empty());
        assert_one(&server.finish(), "GET", "/v2/room/ops");
    }

    /// A page of rooms over 10 MB decodes whole.
    pub async fn ten_megabyte_page(adapter: &Adapter) {
        const ROOMS: usize = 60_000;
        let padding = "x".repeat(80);
        let mut body = String::with_capacity(11 * 1024 * 1024);
        body.push_str(r#"{"items": ["#);
        for id in 0..ROOMS {
            if id > 0 {
                body.push(',');
            }
            body.push_str(&format!(
                r#"{{"id": {id}, "name": "room-{id:06}-{padding}", "privacy": "public", "is_archived": false, "links": {{"self": "https://api.hipchat.com/v2/room/{id}"}}}}"#
            ));
        }
        body.push_str(r#"], "startIndex": 0, "maxResults": 60000, "links": {"self": "https://api.hipchat.com/v2/room"}}"#);
        assert!(body.len() > 10 * 1024 * 1024, "only {} bytes", body.len());

        let server = FaultServer::start(Misbehaviour::Reply(response(
            "200 OK",
            &[JSON],
            body.as_bytes(),
        )));
        let client = client(adapter, server.base_url());
        let started = Instant::now();
        let result = client.send(&GetAllRooms::new()).await;
        report(adapter, "10 MB page", started.elapsed(), &result);
        let page = result.expect("the whole page");
        assert_eq!(page.items.len(), ROOMS);
        assert_eq!(page.items[ROOMS - 1].id, (ROOMS - 1) as u64);
        assert!(page.items[ROOMS - 1].name.ends_with(&padding));
        assert_one(&server.finish(), "GET", "/v2/room");
    }

    /// A small body dribbled out 8 bytes every 50 ms (about 0.6 s in all, well inside the
    /// timeout): decoded as if it had come at once.
    pub async fn slow_trickle_within_timeout(adapter: &Adapter) {
        let body = ROOM_JSON.as_bytes().to_vec();
        let server = FaultServer::start(Misbehaviour::Trickle {
            head: head("200 OK", &[JSON], body.len()),
            body,
            chunk: 8,
            pause: Duration::from_millis(50),
        });
        let client = client(adapter, server.base_url());
        let started = Instant::now();
        let result = client.send(&GetRoom::new("ops")).await;
        let elapsed = started.elapsed();
        report(adapter, "trickle within timeout", elapsed, &result);
        let room = result.expect("the room");
        assert_eq!((room.id, room.topic.as_deref()), (7, Some("Deploys")));
        assert!(elapsed >= Duration::from_millis(400), "took {elapsed:?}");
        assert_one(&server.finish(), "GET", "/v2/room/ops");
    }

    /// The same body dribbled out 8 bytes every 400 ms (about 5 s in all): `Timeout` once the
    /// backend's timeout has passed, even though bytes keep coming.
    pub async fn slow_trickle_past_timeout(adapter: &Adapter) {
        let body = ROOM_JSON.as_bytes().to_vec();
        let server = FaultServer::start(Misbehaviour::Trickle {
            head: head("200 OK", &[JSON], body.len()),
            body,
            chunk: 8,
            pause: Duration::from_millis(400),
        });
        let client = client(adapter, server.base_url());
        let started = Instant::now();
        let result = client.send(&GetRoom::new("ops")).await;
        let elapsed = started.elapsed();
        report(adapter, "trickle past timeout", elapsed, &result);
        assert_eq!(transport_kind(&result), TransportErrorKind::Timeout);
        assert!(
            elapsed >= TIMEOUT - Duration::from_millis(100) && elapsed < TIMEOUT * 2,
            "gave up after {elapsed:?}"
        );
        assert_one(&server.finish(), "GET", "/v2/room/ops");
    }

    /// With retries on, a 429 is waited out (its `Retry-After` second) and the notification
    /// is sent again once: the caller gets `Ok`, and exactly two POSTs reached the server.
    pub async fn rate_limited_then_retried(adapter: &Adapter) {
        let limited = response(
            "429 Too Many Requests",
            &[
                JSON,
                ("Retry-After", "1"),
                ("X-FloodControl-Remaining", "0"),
            ],
            br#"{"error": {"code": 429, "message": "Flood control", "type": "Too Many Requests"}}"#,
        );
        let accepted = response("204 No Content", &[], b"");
        let server = FaultServer::start(Misbehaviour::Script(vec![limited, accepted]));
        let client = retrying_client(adapter, server.base_url(), RetryPolicy::new());
        let started = Instant::now();
        let result = client
            .send(&SendRoomNotification::new("ops", "second time lucky"))
            .await;
        let elapsed = started.elapsed();
        report(adapter, "429 then retried", elapsed, &result);
        result.expect("the retry succeeds");
        assert!(
            elapsed >= Duration::from_secs(1) && elapsed < Duration::from_secs(5),
            "waited {elapsed:?} for a one-second Retry-After"
        );
        let seen = server.finish();
        assert_eq!(
            count(&seen, "POST"),
            2,
            "the refused POST was sent once more, no more"
        );
        assert_eq!(seen.len(), 2);
    }

    /// With retries on, a POST that timed out is NOT sent again: the server may have posted it.
    pub async fn timeout_is_never_retried(adapter: &Adapter) {
        let server = FaultServer::start(Misbehaviour::Silence);
        let policy = RetryPolicy::new().max_retries(3);
        let client = retrying_client(adapter, server.base_url(), policy);
        let result = client
            .send(&SendRoomNotification::new("ops", "maybe posted"))
            .await;
        assert_eq!(transport_kind(&result), TransportErrorKind::Timeout);
        assert_one(&server.finish(), "POST", "/v2/room/ops/notification");
    }

    /// With retries on, a reset in the middle of the answer is not retried either.
    pub async fn reset_is_never_retried(adapter: &Adapter) {
        let mut head = head("200 OK", &[JSON], 1000);
        head.extend_from_slice(b"{\"id\": \"m1\"");
        let server = FaultServer::start(Misbehaviour::ReplyThenReset(head));
        let client = retrying_client(
            adapter,
            server.base_url(),
            RetryPolicy::new().max_retries(3),
        );
        let result = client.send(&SendMessage::new("ops", "maybe posted")).await;
        assert_eq!(transport_kind(&result), adapter.reset_body);
        assert_one(&server.finish(), "POST", "/v2/room/ops/message");
    }

    /// A refused connection never reached the server, so it is retried with the backoff of the
    /// policy (50 ms, then 100 ms), then given up as `Connect`.
    pub async fn refused_connection_is_retried_then_given_up(adapter: &Adapter) {
        let port = {
            let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
            listener.local_addr().expect("address").port()
        };
        let policy = RetryPolicy::new()
            .max_retries(2)
            .base_wait(Duration::from_millis(50));
        let client = retrying_client(adapter, format!("http://127.0.0.1:{port}/v2"), policy);
        let started = Instant::now();
        let result = client
            .send(&SendRoomNotification::new("ops", "anyone there?"))
            .await;
        let elapsed = started.elapsed();
        assert_eq!(transport_kind(&result), TransportErrorKind::Connect);
        assert!(
            elapsed >= Duration::from_millis(150),
            "backed off for {elapsed:?}"
        );
        assert!(
            elapsed < Duration::from_secs(5),
            "gave up after {elapsed:?}"
        );
    }
}

/// Generates, for each listed scenario, one test per adapter.
macro_rules! faults {
    ($($case:ident),+ $(,)?) => {
        mod reqwest_backend {
            $(
                #[tokio::test]
                async fn $case() {
                    super::cases::$case(&super::REQWEST).await;
                }
            )+
        }

        mod isahc_backend {
            $(
                #[tokio::test]
                async fn $case() {
                    super::cases::$case(&super::ISAHC).await;
                }
            )+
        }
    };
}

faults!(
    connection_refused,
    body_cut_short,
    connection_reset_mid_body,
    server_never_answers,
    internal_error_with_html,
    bad_gateway_with_html,
    rate_limited_with_headers,
    rate_limited_without_reset,
    rate_limited_without_any_header,
    truncated_json,
    empty_success_body,
    ten_megabyte_page,
    slow_trickle_within_timeout,
    slow_trickle_past_timeout,
    rate_limited_then_retried,
    timeout_is_never_retried,
    reset_is_never_retried,
    refused_connection_is_retried_then_given_up,
);
