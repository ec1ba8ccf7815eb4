//! CPU cost of the sans-I/O core: building a request, decoding pages, encoding a path.
//!
//! Run with `cargo bench --all-features --bench core`. Each decode group measures the typed
//! decode and the `serde_json::Value` baseline on the same bytes in the same run; see
//! BENCHMARKS.md for the figures.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use hipchat::Endpoint;
use hipchat::api::rooms::SendRoomNotification;
use hipchat::model::{
    Activity, Card, CardAttribute, CardAttributeStyle, CardAttributeValue, CardDescription,
    CardFormat, CardStyle, Color, Icon, Message, MessageFormat, Page, Thumbnail, User,
};

#[allow(dead_code)]
#[path = "support/data.rs"]
mod data;

fn full_card_notification() -> SendRoomNotification {
    let card = Card::new(
        CardStyle::Application,
        "build-4711",
        "Build #4711 passed on main",
    )
    .description(CardDescription::formatted(
        "All <b>1 284</b> tests passed in 6 min 12 s; coverage 87.3 % (+0.4)",
        MessageFormat::Html,
    ))
    .format(CardFormat::Medium)
    .url("https://ci.example.com/builds/4711")
    .icon(Icon::sized(
        "https://ci.example.com/icon.png",
        "https://ci.example.com/icon@2x.png",
    ))
    .thumbnail(
        Thumbnail::new("https://ci.example.com/builds/4711/thumb.png")
            .url_2x("https://ci.example.com/builds/4711/thumb@2x.png")
            .width(128)
            .height(96),
    )
    .activity(
        Activity::new("<b>ci</b> built <i>main</i> @ 3f2c9e1")
            .icon("https://ci.example.com/activity.png"),
    )
    .attribute(
        CardAttribute::new(
            CardAttributeValue::new("passed").style(CardAttributeStyle::LozengeSuccess),
        )
        .label("Status"),
    )
    .attribute(
        CardAttribute::new(
            CardAttributeValue::new("3f2c9e1")
                .url("https://git.example.com/commit/3f2c9e1")
                .icon("https://git.example.com/favicon.png"),
        )
        .label("Commit"),
    )
    .attribute(CardAttribute::new("6 min 12 s").label("Duration"));
    SendRoomNotification::new("Ops Team", "Build #4711 passed on main")
        .color(Color::Green)
        .message_format(MessageFormat::Text)
        .notify(true)
        .from("CI")
        .attach_to("6b6ea4d5-57f4-4b0d-8bd5-97b6bd3e4a2c")
        .card(card)
}

fn request_build(c: &mut Criterion) {
    let config = hipchat::Client::builder()
        .token("t")
        .build_config()
        .expect("a valid configuration");
    let endpoint = full_card_notification();
    let request = hipchat::build_request(&config, &endpoint).expect("the request builds");
    assert_eq!(request.uri().path(), "/v2/room/Ops%20Team/notification");
    println!(
        "send_room_notification with a full card: {} body bytes",
        request.body().len()
    );

    let mut group = c.benchmark_group("request_build");
    group.bench_function("send_room_notification_full_card", |b| {
        b.iter(|| hipchat::build_request(black_box(&config), black_box(&endpoint)).unwrap())
    });
    // The same request written by hand with `http` and `serde_json`: serialize the same struct,
    // a fixed URI, the same four headers. No validation, no path encoding.
    let uri = request.uri().to_string();
    let authorization = request.headers()["authorization"].clone();
    let user_agent = request.headers()["user-agent"].clone();
    group.bench_function("hand_written_equivalent", |b| {
        b.iter(|| {
            let body = serde_json::to_vec(black_box(&endpoint)).unwrap();
            http::Request::builder()
                .method(http::Method::POST)
                .uri(black_box(uri.as_str()))
                .header("accept", "application/json")
                .header("user-agent", user_agent.clone())
                .header("authorization", authorization.clone())
                .header("content-type", "application/json")
                .body(body)
                .unwrap()
        })
    });
    group.finish();

    // Where the time of `build_request` goes.
    let mut group = c.benchmark_group("request_build_parts");
    group.bench_function("validate", |b| {
        b.iter(|| black_box(&endpoint).validate().unwrap())
    });
    group.bench_function("body_json", |b| {
        b.iter(|| black_box(&endpoint).body().unwrap())
    });
    group.bench_function("path_encode", |b| {
        b.iter(|| black_box(&endpoint).path().encode().unwrap())
    });
    group.finish();
}

/// Typed decode time over `serde_json::Value` decode time on the same bytes, timed
/// interleaved (rotating order, 31 rounds of 3 decodes each, median per decode) so that a
/// load change on the machine hits all sides alike. Unlike the criterion groups, dropping the
/// decoded value is inside the timing here. Printed next to criterion's figures.
fn interleaved_ratio<T: hipchat::FromResponse>(name: &str, bytes: &[u8], plain: fn(&[u8]) -> T) {
    // 0: typed through parse_response, 1: serde_json::Value, 2: typed through plain serde_json.
    let time = |way: usize| {
        let responses: Vec<_> = (0..3).map(|_| response(bytes.to_vec())).collect();
        let start = std::time::Instant::now();
        for r in responses {
            match way {
                0 => drop(black_box(hipchat::parse_response::<T>(r).unwrap())),
                1 => {
                    let body = r.into_body();
                    drop(black_box(
                        serde_json::from_slice::<serde_json::Value>(&body).unwrap(),
                    ));
                }
                _ => {
                    let body = r.into_body();
                    drop(black_box(plain(&body)));
                }
            }
        }
        start.elapsed().as_secs_f64() / 3.0
    };
    let mut times = [Vec::new(), Vec::new(), Vec::new()];
    for round in 0..31 {
        for k in 0..3 {
            let way = (round + k) % 3;
            times[way].push(time(way));
        }
    }
    let [typed, value, plain] = times.map(|mut v| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    });
    println!(
        "{name}: interleaved medians: typed parse_response {:.3} ms, serde_json::Value {:.3} ms, typed plain serde_json {:.3} ms; typed/Value = {:.2}, plain typed/Value = {:.2}",
        typed * 1e3,
        value * 1e3,
        plain * 1e3,
        typed / value,
        plain / value
    );
}

fn response(body: Vec<u8>) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .header("Content-Type", "application/json")
        .body(body)
        .expect("a valid response")
}

/// The typed decode next to the two baselines, on the same bytes. Setting up the response
/// (cloning the body) and dropping the decoded value happen outside the timed region for all
/// three (`iter_batched`).
fn decode_group<T: hipchat::FromResponse>(
    c: &mut Criterion,
    name: &str,
    bytes: &[u8],
    plain: fn(&[u8]) -> T,
) {
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("typed_parse_response", |b| {
        b.iter_batched(
            || response(bytes.to_vec()),
            |r| hipchat::parse_response::<T>(r).unwrap(),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("baseline_serde_json_value", |b| {
        b.iter_batched(
            || response(bytes.to_vec()),
            |r| {
                let body = r.into_body();
                serde_json::from_slice::<serde_json::Value>(&body).unwrap()
            },
            BatchSize::LargeInput,
        )
    });
    // Diagnostic: the same typed model through plain `serde_json::from_slice`, without the
    // JSON-path error tracking `parse_response` adds.
    group.bench_function("typed_plain_serde_json", |b| {
        b.iter_batched(
            || response(bytes.to_vec()),
            |r| {
                let body = r.into_body();
                plain(&body)
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

fn decode(c: &mut Criterion) {
    let history = data::history_page(0, 1000, true);
    let page: Page<Message> = hipchat::parse_response(response(history.clone())).unwrap();
    assert_eq!(page.items.len(), 1000);
    let users = data::users_page(1000);
    let page: Page<User> = hipchat::parse_response(response(users.clone())).unwrap();
    assert_eq!(page.items.len(), 1000);
    println!(
        "history page: {} bytes; users page: {} bytes",
        history.len(),
        users.len()
    );
    interleaved_ratio::<Page<Message>>("decode_history_1000", &history, |b| {
        serde_json::from_slice(b).unwrap()
    });
    interleaved_ratio::<Page<User>>("decode_users_expand_1000", &users, |b| {
        serde_json::from_slice(b).unwrap()
    });
    decode_group::<Page<Message>>(c, "decode_history_1000", &history, |b| {
        serde_json::from_slice(b).unwrap()
    });
    decode_group::<Page<User>>(c, "decode_users_expand_1000", &users, |b| {
        serde_json::from_slice(b).unwrap()
    });
}

fn path_encoding(c: &mut Criterion) {
    let name = "Équipe d’ingénierie — 東京オフィス ☃ / Release & Ops (Zürich) 🚀 #42 ünïcødé";
    let encoded = hipchat::encode_path_segment("room_id_or_name", name).unwrap();
    println!(
        "room name: {} chars, {} bytes -> {} encoded bytes",
        name.chars().count(),
        name.len(),
        encoded.len()
    );
    let mut group = c.benchmark_group("path_encoding");
    group.throughput(Throughput::Bytes(name.len() as u64));
    group.bench_function("long_unicode_room_name", |b| {
        b.iter(|| hipchat::encode_path_segment("room_id_or_name", black_box(name)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, request_build, decode, path_encoding);
criterion_main!(benches);
