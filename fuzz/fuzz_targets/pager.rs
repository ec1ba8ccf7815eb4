//! Fuzzes `hipchat_core::pager::Pager` against a `MockBackend` scripted from the input: a
//! sequence of replies (pages with any number of items, any `startIndex` / `maxResults`
//! (numbers, numeric strings, floats, null, junk) and `links.next` URLs pointing forward,
//! backward, at the same index, at other hosts, without a start index...; HipChat errors;
//! transport failures; raw bodies), optionally with the last reply repeated forever, as a
//! server stuck on one answer would.
//!
//! The pager is driven page by page, item by item, with `collect_all`, or as a `Stream`, with
//! an optional `limit` and a budget of retries after errors.
//!
//! Oracles:
//! * no panic, and the pager terminates: it sends at most
//!   `replies + retries + 2` requests (see `request_bound`); a backend wrapper refuses any
//!   request past that bound, so even a looping `collect_all` comes back, and the harness
//!   fails instead of hanging;
//! * after each page, the request the pager plans next asks for a start index strictly greater
//!   than the one just answered (otherwise it would hand out the same entries again);
//! * every request goes to the configured host and the endpoint's path (a `next` link to another
//!   host is never followed);
//! * `next_page` never returns an empty page; no more items than `limit` are handed out;
//! * after `Ok(None)` or a "did not advance" error the pager is done, and calling it again
//!   sends nothing and returns `Ok(None)`.
#![no_main]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use futures_executor::{block_on, block_on_stream};
use hipchat_core::api::rooms::{GetAllRooms, ViewRoomHistory};
use hipchat_core::mock::{MockBackend, MockResponse};
use hipchat_core::pager::{Pager, Paginated, did_not_advance};
use hipchat_core::{
    Client, HttpBackend, HttpRequest, HttpResponse, MaybeSendSync, TransportError,
    TransportErrorKind,
};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

const HOST: &str = "api.hipchat.com";
const MAX_REPLIES: usize = 12;

/// A number as a server might write it.
#[derive(Arbitrary, Debug, Clone)]
enum Num {
    Small(u8),
    Any(u64),
    Max,
    NearMax(u8),
    Text(u64),
    Padded(u16),
    Float(u32),
    Negative(i8),
    Null,
    Absent,
    Junk,
}

impl Num {
    /// The value the pager most likely reads (0 when it reads none), to aim links at.
    fn approx(&self) -> u64 {
        match *self {
            Num::Small(n) => n.into(),
            Num::Any(n) | Num::Text(n) => n,
            Num::Max => u64::MAX,
            Num::NearMax(d) => u64::MAX - u64::from(d),
            Num::Padded(n) => n.into(),
            Num::Float(n) => n.into(),
            Num::Negative(_) | Num::Null | Num::Absent | Num::Junk => 0,
        }
    }

    fn json(&self) -> Option<Value> {
        Some(match *self {
            Num::Small(n) => json!(n),
            Num::Any(n) => json!(n),
            Num::Max => json!(u64::MAX),
            Num::NearMax(d) => json!(u64::MAX - u64::from(d)),
            Num::Text(n) => json!(n.to_string()),
            Num::Padded(n) => json!(format!(" {n} ")),
            Num::Float(n) => json!(f64::from(n)),
            Num::Negative(n) => json!(-1 - i64::from(n.unsigned_abs())),
            Num::Null => Value::Null,
            Num::Absent => return None,
            Num::Junk => json!("lots"),
        })
    }
}

/// A `links.next`, relative to the page's own `startIndex`.
#[derive(Arbitrary, Debug, Clone)]
enum Link {
    Missing,
    Forward(u16),
    Same,
    Backward(u16),
    Absolute(u64),
    Max,
    OtherHost(u16),
    RelativeUrl(u16),
    NoStartIndex,
    PaddedValue(u16),
    Twice(u16, u16),
    EncodedName(u16),
    WithFragment(u16),
    Raw(String),
}

impl Link {
    fn url(&self, base: u64, path: &str) -> Option<String> {
        let fwd = |d: &u16| base.saturating_add(u64::from(*d));
        let api = format!("https://{HOST}/v2{path}");
        Some(match self {
            Link::Missing => return None,
            Link::Forward(d) => format!("{api}?start-index={}&max-results=5", fwd(d)),
            Link::Same => format!("{api}?start-index={base}"),
            Link::Backward(d) => {
                format!("{api}?start-index={}", base.saturating_sub(u64::from(*d)))
            }
            Link::Absolute(n) => format!("{api}?max-results=5&start-index={n}"),
            Link::Max => format!("{api}?start-index={}", u64::MAX),
            Link::OtherHost(d) => format!("https://evil.example/v2{path}?start-index={}", fwd(d)),
            Link::RelativeUrl(d) => format!("/v2{path}?start-index={}", fwd(d)),
            Link::NoStartIndex => format!("{api}?max-results=5"),
            Link::PaddedValue(d) => format!("{api}?start-index=%20{}%20", fwd(d)),
            Link::Twice(a, b) => format!("{api}?start-index={}&start-index={}", fwd(a), fwd(b)),
            Link::EncodedName(d) => format!("{api}?start%2Dindex={}", fwd(d)),
            Link::WithFragment(d) => format!("{api}?start-index={}#frag", fwd(d)),
            Link::Raw(s) => s.clone(),
        })
    }
}

#[derive(Arbitrary, Debug, Clone)]
enum Reply {
    Page {
        items: u8,
        start_index: Num,
        max_results: Num,
        next: Link,
        /// One item that does not decode (a decode error for the whole page).
        bad_item: bool,
    },
    /// A HipChat error object with this status (any status, 2xx included).
    Status(u16),
    Transport,
    /// A 200 with these bytes as the body.
    Raw(Vec<u8>),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Target {
    Rooms,
    /// Room history with a `date`: paged.
    HistoryDated,
    /// Room history with `date=recent`: not paged.
    HistoryRecent,
    /// Room history without a date: not paged.
    HistoryUndated,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Mode {
    Pages,
    Items,
    CollectAll,
    Stream,
}

#[derive(Arbitrary, Debug)]
struct Input {
    target: Target,
    mode: Mode,
    start_index: Option<u64>,
    max_results: Option<u16>,
    limit: Option<u8>,
    retries: u8,
    repeat_last: bool,
    replies: Vec<Reply>,
}

/// Forwards to the mock, but refuses (with a transport error) every request past `cap` and
/// remembers that it had to: the harness always finishes, and the check fails.
struct Capped {
    inner: MockBackend,
    cap: usize,
    sent: AtomicUsize,
    exceeded: Arc<AtomicBool>,
}

#[hipchat_core::async_trait]
impl HttpBackend for Capped {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        if self.sent.fetch_add(1, Ordering::SeqCst) >= self.cap {
            self.exceeded.store(true, Ordering::SeqCst);
            return Err(TransportError::new(
                TransportErrorKind::Other,
                "request bound exceeded",
            ));
        }
        self.inner.send(request).await
    }
}

fn item(target: Target, serial: u64, bad: bool) -> Value {
    match (target, bad) {
        (Target::Rooms, false) => json!({"id": serial, "name": format!("room {serial}")}),
        (Target::Rooms, true) => json!({"id": "not a number", "name": 7}),
        (_, false) => json!({"id": format!("m{serial}"), "date": "2017-05-20T10:00:00+00:00"}),
        (_, true) => json!({"date": []}),
    }
}

fn response(target: Target, path: &str, reply: &Reply, serial: &mut u64) -> MockResponse {
    match reply {
        Reply::Page {
            items,
            start_index,
            max_results,
            next,
            bad_item,
        } => {
            let count = usize::from(*items % 33);
            let mut list: Vec<Value> = (0..count)
                .map(|_| {
                    *serial += 1;
                    item(target, *serial, false)
                })
                .collect();
            if *bad_item && !list.is_empty() {
                let last = list.len() - 1;
                list[last] = item(target, 0, true);
            }
            let mut body = serde_json::Map::new();
            body.insert("items".into(), Value::Array(list));
            if let Some(v) = start_index.json() {
                body.insert("startIndex".into(), v);
            }
            if let Some(v) = max_results.json() {
                body.insert("maxResults".into(), v);
            }
            let mut links = serde_json::Map::new();
            links.insert("self".into(), json!(format!("https://{HOST}/v2{path}")));
            if let Some(url) = next.url(start_index.approx(), path) {
                links.insert("next".into(), Value::String(url));
            }
            body.insert("links".into(), Value::Object(links));
            MockResponse::json(200, Value::Object(body))
        }
        Reply::Status(status) => MockResponse::hipchat_error(100 + status % 900, "scripted error"),
        Reply::Transport => {
            MockResponse::transport_error(TransportErrorKind::Timeout, "scripted failure")
        }
        Reply::Raw(bytes) => MockResponse::bytes(200, bytes.clone()),
    }
}

/// The start index a recorded request asked for (0 without one, as the server reads it).
fn sent_start_index(uri: &http::Uri) -> u64 {
    uri.query()
        .map(|q| {
            form_urlencoded::parse(q.as_bytes())
                .find(|(k, _)| k == "start-index")
                .and_then(|(_, v)| v.parse().ok())
                .unwrap_or(0)
        })
        .unwrap_or(0)
}

/// How many requests the pager may send. Each scripted reply is used at most once, except a
/// repeated last one. After the script runs out (not repeating), each call fails with an
/// unmatched-request error, and the driver stops after `retries + 1` errors. A repeated page
/// answers at most two requests before the pager must see that the server does not advance
/// (a second request with the same answer is either asked at the `next` index, which the
/// same `next` does not pass, or past the page's own `startIndex`, which it then contradicts).
/// A repeated error answers at most `retries + 1` requests.
fn request_bound(replies: usize, retries: usize) -> usize {
    replies + retries + 2
}

struct Run<E: Paginated> {
    pager: Pager<E>,
    mock: MockBackend,
    handed_out: usize,
}

impl<E> Run<E>
where
    E: Paginated + MaybeSendSync + 'static,
    E::Item: MaybeSendSync + 'static,
{
    fn requests(&self) -> usize {
        self.mock.requests().len()
    }

    /// After a page: the next planned request must ask for more than the one just answered.
    fn check_advances(&self, before: usize) {
        let requests = self.mock.requests();
        if requests.len() == before {
            return; // served from the buffer, nothing was sent
        }
        let sent = sent_start_index(&requests.last().expect("a request was sent").uri);
        if let Some(next) = self.pager.next_request() {
            let planned = next.requested_start_index();
            assert!(
                planned > sent,
                "after the page at start-index {sent}, the pager plans start-index {planned}: \
                 it would ask for the same entries again"
            );
        }
    }

    /// Checks that a finished pager stays finished and silent.
    fn check_finished(&mut self) {
        assert!(self.pager.is_done(), "the pager ended but is not done");
        let before = self.requests();
        let again = block_on(self.pager.next_page());
        match again {
            Ok(None) => {}
            Ok(Some(page)) => panic!("a finished pager returned a page of {}", page.items.len()),
            Err(e) => panic!("a finished pager returned an error: {e}"),
        }
        assert_eq!(self.requests(), before, "a finished pager sent a request");
    }

    /// Drives the pager; returns when it is finished or the error budget is spent.
    fn drive(mut self, mode: Mode, limit: Option<usize>, retries: usize, call_cap: usize) {
        let mut errors = 0usize;
        match mode {
            Mode::Pages | Mode::Items => {
                // A page holds at most 32 items, and `next_item` hands out one per call.
                for _ in 0..call_cap * 33 {
                    let before = self.requests();
                    let outcome = if matches!(mode, Mode::Pages) {
                        block_on(self.pager.next_page()).map(|page| {
                            page.map(|page| {
                                assert!(!page.items.is_empty(), "next_page returned an empty page");
                                page.items.len()
                            })
                        })
                    } else {
                        block_on(self.pager.next_item()).map(|item| item.map(|_| 1))
                    };
                    assert!(
                        self.requests() <= before + 1,
                        "one call sent more than one request"
                    );
                    match outcome {
                        Ok(Some(n)) => {
                            self.handed_out += n;
                            self.check_advances(before);
                        }
                        Ok(None) => return self.check_finished(),
                        Err(error) => {
                            std::hint::black_box(format!("{error} {error:?}"));
                            if did_not_advance(&error) {
                                return self.check_finished();
                            }
                            errors += 1;
                            if errors > retries {
                                return;
                            }
                        }
                    }
                    if let Some(limit) = limit {
                        assert!(self.handed_out <= limit, "more items than the limit");
                    }
                }
                panic!("the pager was still producing after {call_cap} calls");
            }
            Mode::CollectAll => {
                if let Ok(items) = block_on(self.pager.collect_all()) {
                    self.handed_out = items.len();
                }
            }
            Mode::Stream => {
                for (calls, item) in block_on_stream(self.pager.into_stream()).enumerate() {
                    assert!(calls < call_cap * 33, "the stream did not end");
                    if item.is_ok() {
                        self.handed_out += 1;
                    }
                }
            }
        }
        if let Some(limit) = limit {
            assert!(self.handed_out <= limit, "more items than the limit");
        }
    }
}

fn run<E>(input: &Input, endpoint: E, path: &str)
where
    E: Paginated + MaybeSendSync + 'static,
    E::Item: MaybeSendSync + 'static,
{
    let replies = &input.replies[..input.replies.len().min(MAX_REPLIES)];
    let retries = usize::from(input.retries % 4);
    let limit = input.limit.map(usize::from);
    let bound = request_bound(replies.len(), retries);

    let mock = MockBackend::new();
    let mut serial = 0u64;
    for (i, reply) in replies.iter().enumerate() {
        let expectation = mock.expect_get(&format!("/v2{path}"));
        let response = response(input.target, path, reply, &mut serial);
        if input.repeat_last && i + 1 == replies.len() {
            expectation.any_times().respond(response);
        } else {
            expectation.respond(response);
        }
    }
    let exceeded = Arc::new(AtomicBool::new(false));
    let backend = Capped {
        inner: mock.clone(),
        cap: bound,
        sent: AtomicUsize::new(0),
        exceeded: exceeded.clone(),
    };
    let client = Client::builder()
        .token("fuzz-token")
        .backend(backend)
        .build()
        .expect("a valid client");
    let mut pager = Pager::new(client, endpoint);
    if let Some(limit) = limit {
        pager = pager.limit(limit);
    }
    let run = Run {
        pager,
        mock: mock.clone(),
        handed_out: 0,
    };
    run.drive(input.mode, limit, retries, bound + retries + 8);

    assert!(
        !exceeded.load(Ordering::SeqCst),
        "the pager sent more than {bound} requests for {} scripted replies (repeat_last: {}, \
         retries: {retries}): it does not terminate",
        replies.len(),
        input.repeat_last
    );
    for request in mock.requests() {
        assert_eq!(
            request.uri.host(),
            Some(HOST),
            "a request left the configured host: {}",
            request.uri
        );
        assert_eq!(
            request.path(),
            format!("/v2{path}"),
            "a request changed path"
        );
        assert_eq!(request.header("authorization"), Some("Bearer fuzz-token"));
    }
}

fuzz_target!(|input: Input| {
    match input.target {
        Target::Rooms => {
            let mut endpoint = GetAllRooms::new();
            if let Some(v) = input.start_index {
                endpoint = endpoint.start_index(v);
            }
            if let Some(v) = input.max_results {
                endpoint = endpoint.max_results(v.into());
            }
            run(&input, endpoint, "/room");
        }
        Target::HistoryDated | Target::HistoryRecent | Target::HistoryUndated => {
            let mut endpoint = ViewRoomHistory::new("ops");
            match input.target {
                Target::HistoryDated => endpoint = endpoint.date("2017-05-21T00:00:00Z"),
                Target::HistoryRecent => endpoint = endpoint.date("recent"),
                _ => {}
            }
            if let Some(v) = input.start_index {
                endpoint = endpoint.start_index(v);
            }
            if let Some(v) = input.max_results {
                endpoint = endpoint.max_results(v.into());
            }
            run(&input, endpoint, "/room/ops/history");
        }
    }
});
