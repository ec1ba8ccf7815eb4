//! Loopback throughput, allocations per request and paging memory.
//!
//! Run with `cargo bench --all-features --bench loopback` (add `-- loopback`, `-- null` or
//! `-- paging` to run one part only). Environment: `LOOPBACK_N` requests per run (default
//! 2000), `LOOPBACK_ROUNDS` interleaved rounds (default 11).
//!
//! A plain binary (`harness = false`) timing with `std::time::Instant`:
//!
//! * **loopback**: a minimal HTTP/1.1 keep-alive server on 127.0.0.1 (started here, answering
//!   every request with `204 No Content`) receives the same notification sent through
//!   `hipchat::Client` on `ReqwestBackend` / `IsahcBackend` and through the very same
//!   `reqwest::Client` / `isahc::HttpClient` used by hand, sequentially and 32 in flight. The
//!   configurations are interleaved round after round; medians and ratios are printed.
//! * **null**: `Client::send` on a backend that answers at once, i.e. the CPU cost of our layer
//!   without any I/O, to compare with the round trip.
//! * **paging**: peak live heap while streaming 100 pages of 1000 history messages item by
//!   item from the mock backend, against `collect_all`.
//!
//! Allocations are counted by a `#[global_allocator]` wrapper around `std::alloc::System`;
//! the server thread opts out, so the counts are the client side's only.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hipchat::api::rooms::{SendRoomNotification, ViewRoomHistory};
use hipchat::mock::{MockBackend, MockResponse};
use hipchat::model::Color;
use hipchat_isahc::isahc::{self, AsyncReadResponseExt};
use hipchat_reqwest::reqwest;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[allow(dead_code)]
#[path = "support/data.rs"]
mod data;

// ---------------------------------------------------------------------------------------------
// Counting allocator

/// Forwards to `System` and counts allocations, bytes requested, live bytes and the peak of
/// live bytes. A thread can opt out (the loopback server does), so that only the client's
/// allocations are counted.
struct Counting;

static ALLOCS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Whether this thread's allocations are counted. Const-initialised, so reading it never
    /// allocates (which would recurse into the allocator).
    static COUNTED: Cell<bool> = const { Cell::new(true) };
}

fn counted() -> bool {
    // During thread teardown the slot may be gone; count in that case.
    COUNTED.try_with(Cell::get).unwrap_or(true)
}

fn grow(size: usize) {
    if counted() {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(size as u64, Relaxed);
    }
    // Live and peak bytes cover every thread (the paging part runs without the server).
    let live = LIVE.fetch_add(size, Relaxed) + size;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every method forwards its arguments unchanged to `System`, which upholds the
// `GlobalAlloc` contract; the bookkeeping only touches atomics and a const thread-local, and
// never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grow(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            grow(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            // A reallocation counts as one allocation of the new size.
            LIVE.fetch_sub(layout.size(), Relaxed);
            grow(new_size);
        }
        new
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[derive(Clone, Copy)]
struct AllocSnapshot {
    allocs: u64,
    bytes: u64,
}

fn alloc_snapshot() -> AllocSnapshot {
    AllocSnapshot {
        allocs: ALLOCS.load(Relaxed),
        bytes: BYTES.load(Relaxed),
    }
}

// ---------------------------------------------------------------------------------------------
// The loopback server

/// Starts a keep-alive HTTP/1.1 server on 127.0.0.1 on its own thread (with a current-thread
/// runtime, so all its work stays on that thread, whose allocations are not counted). Every
/// request gets `204 No Content`. When `capture` holds `Some`, the last request's raw bytes
/// are stored there.
fn start_server(capture: Arc<Mutex<Option<Vec<u8>>>>) -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local address");
    listener
        .set_nonblocking(true)
        .expect("non-blocking listener");
    std::thread::Builder::new()
        .name("loopback-server".into())
        .spawn(move || {
            COUNTED.with(|c| c.set(false));
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("server runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        continue;
                    };
                    let _ = stream.set_nodelay(true);
                    tokio::spawn(serve_connection(stream, capture.clone()));
                }
            });
        })
        .expect("spawn the server thread");
    addr
}

const NO_CONTENT: &[u8] = b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n";

async fn serve_connection(mut stream: tokio::net::TcpStream, capture: Arc<Mutex<Option<Vec<u8>>>>) {
    let mut buf: Vec<u8> = Vec::with_capacity(8192);
    let mut chunk = [0u8; 8192];
    loop {
        // Read until a whole request (head and `Content-Length` body) is buffered.
        let (head_end, body_len) = loop {
            if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break (pos + 4, content_length(&buf[..pos]));
            }
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        while buf.len() < head_end + body_len {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        if let Ok(mut slot) = capture.lock()
            && slot.is_some()
        {
            *slot = Some(buf[..head_end + body_len].to_vec());
        }
        buf.drain(..head_end + body_len);
        if stream.write_all(NO_CONTENT).await.is_err() {
            return;
        }
    }
}

fn content_length(head: &[u8]) -> usize {
    let head = String::from_utf8_lossy(head);
    head.split("\r\n")
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse().ok())
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------------------------
// The four ways of sending the notification

fn notification() -> SendRoomNotification {
    SendRoomNotification::new("ops", "Deploy #42 finished: all green")
        .color(Color::Green)
        .notify(true)
}

/// What the hand-written code sends: the exact URL, headers and body `build_request` makes,
/// prepared once (the cheapest a hand-written caller can be).
struct HandMade {
    url: String,
    headers: http::HeaderMap,
    body: Vec<u8>,
}

impl HandMade {
    fn new(config: &hipchat::ClientConfig) -> Self {
        let request = hipchat::build_request(config, &notification()).expect("request builds");
        HandMade {
            url: request.uri().to_string(),
            headers: request.headers().clone(),
            body: request.body().clone(),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Backend {
    Reqwest,
    Isahc,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Way {
    Ours,
    Hand,
}

#[derive(Clone)]
struct Senders {
    ours_reqwest: hipchat::Client,
    ours_isahc: hipchat::Client,
    reqwest: reqwest::Client,
    reqwest_url: reqwest::Url,
    isahc: isahc::HttpClient,
    hand: Arc<HandMade>,
}

impl Senders {
    async fn send(&self, backend: Backend, way: Way) {
        let endpoint = notification();
        match (backend, way) {
            (Backend::Reqwest, Way::Ours) => self.ours_reqwest.send(&endpoint).await.unwrap(),
            (Backend::Isahc, Way::Ours) => self.ours_isahc.send(&endpoint).await.unwrap(),
            (Backend::Reqwest, Way::Hand) => {
                let response = self
                    .reqwest
                    .post(self.reqwest_url.clone())
                    .headers(self.hand.headers.clone())
                    .body(self.hand.body.clone())
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), 204);
                response.bytes().await.unwrap();
            }
            (Backend::Isahc, Way::Hand) => {
                let mut request = http::Request::post(self.hand.url.as_str())
                    .body(self.hand.body.clone())
                    .unwrap();
                *request.headers_mut() = self.hand.headers.clone();
                let mut response = self.isahc.send_async(request).await.unwrap();
                assert_eq!(response.status(), 204);
                response.bytes().await.unwrap();
            }
        }
    }
}

/// Sends `n` notifications, `in_flight` at a time, and returns the elapsed time.
async fn run(
    senders: &Senders,
    backend: Backend,
    way: Way,
    n: usize,
    in_flight: usize,
) -> Duration {
    let start = Instant::now();
    if in_flight == 1 {
        for _ in 0..n {
            senders.send(backend, way).await;
        }
    } else {
        let mut tasks = tokio::task::JoinSet::new();
        for t in 0..in_flight {
            let senders = senders.clone();
            let share = n / in_flight + usize::from(t < n % in_flight);
            tasks.spawn(async move {
                for _ in 0..share {
                    senders.send(backend, way).await;
                }
            });
        }
        while let Some(done) = tasks.join_next().await {
            done.expect("a sender task");
        }
    }
    start.elapsed()
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The request as the server saw it, with the headers that legitimately differ per stack
/// (`host` is the same; isahc and reqwest may add `accept-encoding`) kept, sorted by name.
fn normalise(raw: &[u8]) -> (String, Vec<String>, Vec<u8>) {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..end]).to_string();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or("").to_owned();
    let mut headers: Vec<String> = lines
        .map(|l| match l.split_once(':') {
            Some((n, v)) => format!("{}: {}", n.to_ascii_lowercase(), v.trim()),
            None => l.to_owned(),
        })
        .collect();
    headers.sort();
    (
        request_line,
        headers,
        raw[(end + 4).min(raw.len())..].to_vec(),
    )
}

fn loopback(runtime: &tokio::runtime::Runtime) {
    let n = env_usize("LOOPBACK_N", 2000);
    let rounds = env_usize("LOOPBACK_ROUNDS", 11);
    let capture = Arc::new(Mutex::new(None));
    let addr = start_server(capture.clone());
    let base = format!("http://{addr}/v2");

    let reqwest_client = hipchat_reqwest::ReqwestBackend::builder()
        .build()
        .expect("reqwest client");
    let isahc_client = hipchat_isahc::IsahcBackend::builder()
        .build()
        .expect("isahc client");
    let builder = || {
        hipchat::Client::builder()
            .base_url(base.clone())
            .allow_insecure_http(true)
            .token("t")
    };
    let config = builder().build_config().expect("config");
    let hand = Arc::new(HandMade::new(&config));
    let senders = Senders {
        ours_reqwest: builder()
            .backend(hipchat_reqwest::ReqwestBackend::from(
                reqwest_client.clone(),
            ))
            .build()
            .expect("client"),
        ours_isahc: builder()
            .backend(hipchat_isahc::IsahcBackend::from(isahc_client.clone()))
            .build()
            .expect("client"),
        reqwest: reqwest_client,
        reqwest_url: reqwest::Url::parse(&hand.url).expect("url"),
        isahc: isahc_client,
        hand: hand.clone(),
    };

    // Check that both ways put the same request on the wire.
    println!("== loopback: {n} notifications per run, {rounds} rounds, server on {addr}");
    for backend in [Backend::Reqwest, Backend::Isahc] {
        let mut seen = Vec::new();
        for way in [Way::Ours, Way::Hand] {
            *capture.lock().unwrap() = Some(Vec::new());
            runtime.block_on(senders.send(backend, way));
            let raw = capture.lock().unwrap().take().unwrap();
            seen.push(normalise(&raw));
        }
        if seen[0] == seen[1] {
            let (line, headers, body) = &seen[0];
            println!(
                "{backend:?}: ours and hand-written send the same request: {line} | {} | {} body bytes",
                headers.join(" | "),
                body.len()
            );
        } else {
            println!(
                "{backend:?}: REQUESTS DIFFER\n  ours: {:?}\n  hand: {:?}",
                seen[0], seen[1]
            );
        }
    }

    let configs: Vec<(Backend, usize)> = vec![
        (Backend::Reqwest, 1),
        (Backend::Reqwest, 32),
        (Backend::Isahc, 1),
        (Backend::Isahc, 32),
    ];
    // Warm-up: connections open, pools and caches filled.
    for &(backend, in_flight) in &configs {
        for way in [Way::Ours, Way::Hand] {
            runtime.block_on(run(&senders, backend, way, n / 4, in_flight));
        }
    }

    // (config index, way) -> per-round µs per request, allocations and bytes per request.
    let mut times = vec![[Vec::new(), Vec::new()]; configs.len()];
    let mut allocs = vec![[Vec::new(), Vec::new()]; configs.len()];
    let mut bytes = vec![[Vec::new(), Vec::new()]; configs.len()];
    for round in 0..rounds {
        for (c, &(backend, in_flight)) in configs.iter().enumerate() {
            // Alternate which way goes first, so neither always follows the other.
            let order = if round % 2 == 0 {
                [Way::Ours, Way::Hand]
            } else {
                [Way::Hand, Way::Ours]
            };
            for way in order {
                let w = usize::from(way == Way::Hand);
                let before = alloc_snapshot();
                let elapsed = runtime.block_on(run(&senders, backend, way, n, in_flight));
                let after = alloc_snapshot();
                times[c][w].push(elapsed.as_secs_f64() * 1e6 / n as f64);
                allocs[c][w].push((after.allocs - before.allocs) as f64 / n as f64);
                bytes[c][w].push((after.bytes - before.bytes) as f64 / n as f64);
            }
        }
    }

    println!(
        "{:<8} {:>9} | {:>10} {:>10} {:>7} | {:>9} {:>9} | {:>8} {:>8} | {:>8} {:>8}",
        "backend",
        "in flight",
        "ours µs/rq",
        "hand µs/rq",
        "ratio",
        "ours rq/s",
        "hand rq/s",
        "ours al",
        "hand al",
        "ours B",
        "hand B"
    );
    for (c, &(backend, in_flight)) in configs.iter().enumerate() {
        // Paired: ours over hand-written within each round, which ran back to back.
        let mut paired: Vec<f64> = times[c][0]
            .iter()
            .zip(&times[c][1])
            .map(|(o, h)| o / h)
            .collect();
        let paired_median = median(&mut paired);
        let paired_range = format!(
            "{:.3}..{:.3}",
            paired.first().copied().unwrap_or(0.0),
            paired.last().copied().unwrap_or(0.0)
        );
        let ours = median(&mut times[c][0].clone());
        let handm = median(&mut times[c][1].clone());
        println!(
            "{:<8} {:>9} | {:>10.2} {:>10.2} {:>7.3} | {:>9.0} {:>9.0} | {:>8.1} {:>8.1} | {:>8.0} {:>8.0}",
            format!("{backend:?}"),
            in_flight,
            ours,
            handm,
            ours / handm,
            1e6 / ours,
            1e6 / handm,
            median(&mut allocs[c][0]),
            median(&mut allocs[c][1]),
            median(&mut bytes[c][0]),
            median(&mut bytes[c][1]),
        );
        let spread = |v: &[f64]| {
            let min = v.iter().copied().fold(f64::INFINITY, f64::min);
            let max = v.iter().copied().fold(0.0, f64::max);
            format!("{min:.2}..{max:.2}")
        };
        println!(
            "         paired per-round ratio: median {paired_median:.3}, range {paired_range}; per-round µs/rq: ours {}, hand {}",
            spread(&times[c][0]),
            spread(&times[c][1])
        );
    }
    println!(
        "ratio = median ours / median hand-written time per request over the rounds; paired = median of the per-round ratios; al = allocations per request, B = bytes allocated per request (client side: runtime + HTTP stack + our layer; server excluded)"
    );
}

// ---------------------------------------------------------------------------------------------
// Our layer without I/O

/// A backend that answers `204` at once: what is left is the client's own work.
struct Instant204;

#[hipchat::async_trait]
impl hipchat::HttpBackend for Instant204 {
    async fn send(
        &self,
        request: hipchat::HttpRequest,
    ) -> Result<hipchat::HttpResponse, hipchat::TransportError> {
        drop(request);
        Ok(http::Response::builder()
            .status(204)
            .body(Vec::new())
            .expect("a valid response"))
    }
}

fn null_backend(runtime: &tokio::runtime::Runtime) {
    let client = hipchat::Client::builder()
        .token("t")
        .backend(Instant204)
        .build()
        .expect("client");
    let n = 200_000;
    let mut per_request = Vec::new();
    let mut allocs = 0.0;
    let mut bytes = 0.0;
    for _ in 0..7 {
        let before = alloc_snapshot();
        let start = Instant::now();
        runtime.block_on(async {
            for _ in 0..n {
                client.send(&notification()).await.unwrap();
            }
        });
        per_request.push(start.elapsed().as_secs_f64() * 1e9 / n as f64);
        let after = alloc_snapshot();
        allocs = (after.allocs - before.allocs) as f64 / n as f64;
        bytes = (after.bytes - before.bytes) as f64 / n as f64;
    }
    println!(
        "== null backend: Client::send of the notification (build endpoint, validate, build request, backend call, rate limits, parse): median {:.0} ns/request, {allocs:.1} allocations, {bytes:.0} bytes per request",
        median(&mut per_request)
    );
}

// ---------------------------------------------------------------------------------------------
// Paging memory

fn paging(runtime: &tokio::runtime::Runtime) {
    const PAGES: usize = 100;
    const PER_PAGE: usize = 1000;
    let script = || {
        let mock = MockBackend::new();
        for p in 0..PAGES {
            let start = p * PER_PAGE;
            mock.expect_get("/v2/room/ops/history")
                .query("start-index", &start.to_string())
                .respond(
                    MockResponse::bytes(200, data::history_page(start, PER_PAGE, p + 1 < PAGES))
                        .header("content-type", "application/json"),
                );
        }
        // A full last page without `next` makes the pager ask once more; the answer is empty.
        mock.expect_get("/v2/room/ops/history")
            .query("start-index", &(PAGES * PER_PAGE).to_string())
            .respond(MockResponse::json(
                200,
                serde_json::json!({"items": [], "startIndex": PAGES * PER_PAGE, "maxResults": PER_PAGE, "links": {}}),
            ));
        let client = hipchat::Client::builder()
            .token("t")
            .backend(mock.clone())
            .build()
            .expect("client");
        (mock, client)
    };
    let endpoint = || {
        ViewRoomHistory::new("ops")
            .date("2017-06-01T00:00:00Z")
            .start_index(0)
            .max_results(PER_PAGE as u64)
    };
    let one_page = data::history_page(0, PER_PAGE, true).len();
    println!(
        "== paging: {PAGES} pages of {PER_PAGE} history messages from the mock backend ({} KiB of JSON per page, scripted before measuring)",
        one_page / 1024
    );

    // Streaming item by item.
    let (mock, client) = script();
    let baseline = LIVE.load(Relaxed);
    PEAK.store(baseline, Relaxed);
    let mut count = 0usize;
    runtime.block_on(async {
        let mut pager = client.pager(endpoint());
        while let Some(message) = pager.next_item().await.expect("a page") {
            count += 1;
            std::hint::black_box(&message);
        }
    });
    let stream_peak = PEAK.load(Relaxed) - baseline;
    mock.assert_done();
    drop((mock, client));
    assert_eq!(count, PAGES * PER_PAGE);

    // Collecting everything.
    let (mock, client) = script();
    let baseline = LIVE.load(Relaxed);
    PEAK.store(baseline, Relaxed);
    let all = runtime
        .block_on(client.pager(endpoint()).collect_all())
        .expect("pages");
    let collect_peak = PEAK.load(Relaxed) - baseline;
    let held = LIVE.load(Relaxed) - baseline;
    assert_eq!(all.len(), PAGES * PER_PAGE);
    drop(all);
    mock.assert_done();

    // One page decoded on its own, for scale.
    let body = data::history_page(0, PER_PAGE, true);
    let baseline = LIVE.load(Relaxed) - body.len();
    PEAK.store(LIVE.load(Relaxed), Relaxed);
    let response = http::Response::builder()
        .status(200)
        .body(body)
        .expect("response");
    let page: hipchat::model::Page<hipchat::model::Message> =
        hipchat::parse_response(response).expect("page");
    let single_peak = PEAK.load(Relaxed) - baseline;
    let page_held = LIVE.load(Relaxed) - baseline;
    drop(page);

    let mib = |b: usize| b as f64 / (1024.0 * 1024.0);
    println!(
        "peak live heap above the scripted mock: streaming with next_item {:.1} MiB; collect_all {:.1} MiB (still holding {:.1} MiB for {} messages); one page decoded alone (its body included) {:.1} MiB, the decoded page alone holds {:.1} MiB",
        mib(stream_peak),
        mib(collect_peak),
        mib(held),
        PAGES * PER_PAGE,
        mib(single_peak),
        mib(page_held)
    );
    println!(
        "streaming peak / one-page peak = {:.2}; collect_all peak / streaming peak = {:.1}",
        stream_peak as f64 / single_peak as f64,
        collect_peak as f64 / stream_peak as f64
    );
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument picks the parts to run.
    let parts: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wants = |part: &str| parts.is_empty() || parts.iter().any(|p| p == part);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("client runtime");
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        println!("load average at start: {}", load.trim());
    }
    if wants("null") {
        null_backend(&runtime);
    }
    if wants("loopback") {
        loopback(&runtime);
    }
    if wants("paging") {
        paging(&runtime);
    }
}
