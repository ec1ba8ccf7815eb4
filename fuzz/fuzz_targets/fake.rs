//! Fuzzes the fake HipChat: arbitrary requests (any route of the catalogue or any path, any
//! method, arbitrary path parameters, query pairs, headers and body) against a demo group,
//! several in a row so that one request's effects meet the next.
//!
//! Oracles:
//! * no panic, and the fake always answers;
//! * every status is a valid HTTP status, and every 4xx/5xx carries HipChat's error body whose
//!   `code` is the status;
//! * inspecting the state afterwards (rooms, users, history) works: what the fake stored, its
//!   own models decode.
#![no_main]

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use futures_executor::block_on;
use hipchat_core::fake::FakeHipChat;
use hipchat_core::{HttpBackend, encode_path_segment};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

/// The catalogue's templates, so most inputs reach a real handler.
const TEMPLATES: &[(&str, &str)] = &[
    ("POST", "/room"),
    ("PUT", "/room/{}"),
    ("DELETE", "/room/{}"),
    ("PUT", "/room/{}/topic"),
    ("POST", "/room/{}/notification"),
    ("POST", "/room/{}/message"),
    ("POST", "/room/{}/reply"),
    ("POST", "/room/{}/share/link"),
    ("POST", "/room/{}/share/file"),
    ("GET", "/room/{}/history"),
    ("GET", "/room/{}/history/latest"),
    ("GET", "/room/{}/history/{}"),
    ("PUT", "/room/{}/member/{}"),
    ("DELETE", "/room/{}/member/{}"),
    ("POST", "/room/{}/invite/{}"),
    ("GET", "/room/{}/participant"),
    ("POST", "/room/{}/webhook"),
    ("DELETE", "/room/{}/webhook/{}"),
    ("PUT", "/room/{}/avatar"),
    ("GET", "/room"),
    ("POST", "/user"),
    ("PUT", "/user/{}"),
    ("DELETE", "/user/{}"),
    ("GET", "/user/{}"),
    ("POST", "/user/{}/message"),
    ("GET", "/user/{}/history"),
    ("PUT", "/user/{}/photo"),
    ("GET", "/user"),
    ("GET", "/emoticon"),
    ("GET", "/emoticon/{}"),
    ("POST", "/oauth/token"),
    ("GET", "/oauth/token/{}"),
    ("DELETE", "/oauth/token/{}"),
    ("PUT", "/extension/glance/{}"),
    ("PUT", "/room/{}/extension/webhook/{}"),
    ("POST", "/addon/ui/room/{}"),
    ("POST", "/invite/user"),
    ("PUT", "/group/{}/avatar"),
    ("GET", "/capabilities"),
];

const TOKENS: &[&str] = &[FakeHipChat::ADMIN_TOKEN, "limited", "nobody", ""];
const CONTENT_TYPES: &[&str] = &[
    "application/json",
    "application/x-www-form-urlencoded",
    "text/plain",
    "text/html",
    "multipart/related; boundary=b",
    "",
];

#[derive(Arbitrary, Debug)]
struct Call {
    route: u8,
    /// Replaces the route's method when set.
    method: Option<u8>,
    /// A path of its own instead of a template.
    raw_path: Option<String>,
    params: Vec<String>,
    query: Vec<(String, String)>,
    token: u8,
    basic: Option<(String, String)>,
    content_type: u8,
    body: Vec<u8>,
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"];

fn uri(call: &Call) -> String {
    let path = match &call.raw_path {
        Some(raw) => raw.clone(),
        None => {
            let (_, template) = TEMPLATES[usize::from(call.route) % TEMPLATES.len()];
            let mut params = call.params.iter();
            template
                .split('/')
                .map(|segment| match segment {
                    "{}" => params
                        .next()
                        .and_then(|p| encode_path_segment("p", p).ok())
                        .unwrap_or_else(|| "Ops".to_owned()),
                    other => other.to_owned(),
                })
                .collect::<Vec<_>>()
                .join("/")
        }
    };
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (k, v) in &call.query {
        query.append_pair(k, v);
    }
    format!("https://hipchat.fake/v2{path}?{}", query.finish())
}

fuzz_target!(|calls: Vec<Call>| {
    let fake = FakeHipChat::demo();
    fake.add_token("limited", 2, &[hipchat_core::model::Scope::ViewGroup]);
    for call in calls.iter().take(8) {
        let method = match call.method {
            Some(m) => METHODS[usize::from(m) % METHODS.len()],
            None => TEMPLATES[usize::from(call.route) % TEMPLATES.len()].0,
        };
        let mut builder = http::Request::builder().method(method).uri(uri(call));
        if builder.uri_ref().is_none() {
            continue;
        }
        let token = TOKENS[usize::from(call.token) % TOKENS.len()];
        if let Some((user, password)) = &call.basic {
            let credentials = format!("{user}:{password}");
            builder = builder.header(
                "authorization",
                format!("Basic {}", STANDARD.encode(credentials)),
            );
        } else if !token.is_empty() {
            builder = builder.header("authorization", format!("Bearer {token}"));
        }
        let content_type = CONTENT_TYPES[usize::from(call.content_type) % CONTENT_TYPES.len()];
        if !content_type.is_empty() {
            builder = builder.header("content-type", content_type);
        }
        let Ok(request) = builder.body(call.body.clone()) else {
            continue;
        };
        let response = block_on(fake.send(request)).expect("the fake always answers");
        let status = response.status().as_u16();
        assert!((200..600).contains(&status), "status {status}");
        if status >= 400 {
            let error: serde_json::Value =
                serde_json::from_slice(response.body()).expect("an error answer is JSON");
            assert_eq!(error["error"]["code"], serde_json::json!(status));
            assert!(error["error"]["message"].is_string());
        }
    }
    let _ = fake.rooms();
    let _ = fake.users();
    for room in fake.rooms() {
        let _ = fake.room_history(room.id);
    }
    let _ = fake.webhook_deliveries();
});
