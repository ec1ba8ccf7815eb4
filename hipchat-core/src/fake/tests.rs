//! The router's own rules: authentication, scopes, limits, auth_test, unknown routes and
//! unmodelled methods. Each group of endpoints tests its behaviour next to its handlers.

use std::time::Duration;

use futures_executor::block_on;
use http::Method;
use serde_json::Value;

use super::*;
use crate::api::rooms::GetAllRooms;
use crate::{Error, HttpRequest};

/// Sends a raw request and returns the status, the headers and the JSON body (Null if none).
pub(crate) fn call(
    fake: &FakeHipChat,
    method: Method,
    uri: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (u16, http::HeaderMap, Value) {
    let mut builder = http::Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    let body = body
        .map(|b| serde_json::to_vec(&b).unwrap())
        .unwrap_or_default();
    let request: HttpRequest = builder
        .header("content-type", "application/json")
        .body(body)
        .unwrap();
    let response = block_on(fake.send(request)).unwrap();
    let json = if response.body().is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(response.body()).unwrap()
    };
    (response.status().as_u16(), response.headers().clone(), json)
}

/// A raw request with the admin token to `path` below [`FakeHipChat::BASE_URL`]: the status
/// and the JSON body.
pub(crate) fn admin(
    fake: &FakeHipChat,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let uri = format!("{}{path}", FakeHipChat::BASE_URL);
    let (status, _, json) = call(fake, method, &uri, Some(FakeHipChat::ADMIN_TOKEN), body);
    (status, json)
}

/// The status and HipChat error message of a failed call; panics on anything but an API error.
pub(crate) fn api_error<T: fmt::Debug>(result: Result<T, Error>) -> (u16, String) {
    match result {
        Err(Error::Api(api)) => {
            let message = api
                .hipchat_error()
                .map(|e| e.message.clone())
                .unwrap_or_default();
            (api.status().as_u16(), message)
        }
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[test]
fn an_unknown_token_gets_401_and_a_missing_scope_403_naming_the_scopes() {
    let fake = FakeHipChat::new();
    let (status, message) = api_error(block_on(
        fake.client_with_token("nope").send(&GetAllRooms::new()),
    ));
    assert_eq!((status, message.as_str()), (401, "Invalid OAuth session"));

    fake.add_token("weak", FakeHipChat::ADMIN_ID, &[Scope::SendNotification]);
    let result = block_on(fake.client_with_token("weak").send(&GetAllRooms::new()));
    let Err(Error::Api(api)) = result else {
        panic!("{result:?}")
    };
    assert_eq!(api.status().as_u16(), 403);
    assert_eq!(
        api.hipchat_error().unwrap().required_scopes(),
        vec!["view_group", "view_room"]
    );

    fake.add_token("reader", FakeHipChat::ADMIN_ID, &[Scope::ViewRoom]);
    assert!(block_on(fake.client_with_token("reader").send(&GetAllRooms::new())).is_ok());
}

#[test]
fn the_token_may_come_in_the_query() {
    let fake = FakeHipChat::new();
    let (status, _, _) = call(
        &fake,
        Method::GET,
        "https://x.test/v2/room?auth_token=fake-admin-token",
        None,
        None,
    );
    assert_eq!(status, 200);
}

#[test]
fn a_room_token_only_notifies_its_room() {
    let fake = FakeHipChat::new();
    fake.add_room("Ops");
    fake.add_room_token(
        "room-token",
        "Ops",
        &[Scope::SendNotification, Scope::ViewGroup],
    );
    let (status, _, body) = call(
        &fake,
        Method::GET,
        "https://x.test/v2/room",
        Some("room-token"),
        None,
    );
    assert_eq!(status, 403, "{body}");
}

#[test]
fn unmodelled_methods_answer_501_naming_the_method() {
    let fake = FakeHipChat::new();
    let (status, _, body) = call(
        &fake,
        Method::POST,
        "https://x.test/v2/room/1/import/history",
        Some(FakeHipChat::ADMIN_TOKEN),
        Some(serde_json::json!({})),
    );
    assert_eq!(status, 501, "{body}");
    assert_eq!(body["error"]["code"], 501);
    assert_eq!(body["error"]["type"], "Not Implemented");
    assert_eq!(
        body["error"]["message"],
        "FakeHipChat does not implement imports.import_room_history \
         (POST /room/{room_id_or_name}/import/history)"
    );
}

#[test]
fn unknown_paths_are_404_and_wrong_verbs_405() {
    let fake = FakeHipChat::new();
    let admin = Some(FakeHipChat::ADMIN_TOKEN);
    let (status, _, body) = call(&fake, Method::GET, "https://x.test/v2/nothing", admin, None);
    assert_eq!(status, 404);
    assert_eq!(body["error"]["type"], "Not Found");
    let (status, _, _) = call(&fake, Method::PATCH, "https://x.test/v2/room", admin, None);
    assert_eq!(status, 405);
    let (status, _, _) = call(&fake, Method::GET, "https://x.test/api/room", admin, None);
    assert_eq!(status, 404);
}

#[test]
fn auth_test_answers_202_without_acting() {
    let fake = FakeHipChat::new();
    let (status, _, body) = call(
        &fake,
        Method::GET,
        "https://x.test/v2/room?auth_test=true",
        Some(FakeHipChat::ADMIN_TOKEN),
        None,
    );
    assert_eq!(status, 202);
    assert_eq!(body["success"]["code"], 202);
}

#[test]
fn the_rate_limit_answers_429_with_its_headers_until_the_window_resets() {
    let fake = FakeHipChat::new();
    fake.set_rate_limit(Some(RateLimit::per_window(2, Duration::from_secs(60))));
    let admin = Some(FakeHipChat::ADMIN_TOKEN);
    let uri = "https://x.test/v2/room";
    let (status, headers, _) = call(&fake, Method::GET, uri, admin, None);
    assert_eq!(status, 200);
    assert_eq!(headers["x-ratelimit-limit"], "2");
    assert_eq!(headers["x-ratelimit-remaining"], "1");
    let reset = (fake.now_unix() + 60).to_string();
    assert_eq!(headers["x-ratelimit-reset"], reset.as_str());
    assert_eq!(call(&fake, Method::GET, uri, admin, None).0, 200);
    let (status, headers, body) = call(&fake, Method::GET, uri, admin, None);
    assert_eq!(status, 429);
    assert_eq!(headers["x-ratelimit-remaining"], "0");
    assert_eq!(headers["retry-after"], "60");
    assert_eq!(body["error"]["code"], 429);

    let result = block_on(fake.client().send(&GetAllRooms::new()));
    let Err(Error::Api(api)) = result else {
        panic!("{result:?}")
    };
    assert_eq!(api.rate_limits().rate.unwrap().remaining, Some(0));

    fake.advance(Duration::from_secs(60));
    assert_eq!(call(&fake, Method::GET, uri, admin, None).0, 200);
    fake.set_rate_limit(None);
    let (_, headers, _) = call(&fake, Method::GET, uri, admin, None);
    assert!(headers.get("x-ratelimit-limit").is_none());
}

#[test]
fn links_use_the_base_url_of_the_request() {
    let fake = FakeHipChat::new();
    for i in 0..3 {
        fake.add_room(&format!("room {i}"));
    }
    let (_, _, body) = call(
        &fake,
        Method::GET,
        "http://chat.internal:8080/hipchat/v2/room?max-results=2",
        Some(FakeHipChat::ADMIN_TOKEN),
        None,
    );
    assert_eq!(body["items"].as_array().unwrap().len(), 2);
    assert_eq!(
        body["links"]["next"],
        "http://chat.internal:8080/hipchat/v2/room?include-private=true&include-archived=false&start-index=2&max-results=2"
    );
    assert_eq!(
        body["items"][0]["links"]["self"],
        "http://chat.internal:8080/hipchat/v2/room/2"
    );
}

#[test]
fn an_expired_token_is_refused() {
    let fake = FakeHipChat::new();
    fake.insert_token(
        "short",
        Owner::User(1),
        &[Scope::ViewGroup],
        Some(clock::START + clock::from_secs(10)),
    );
    let uri = "https://x.test/v2/room";
    assert_eq!(call(&fake, Method::GET, uri, Some("short"), None).0, 200);
    fake.advance(Duration::from_secs(10));
    assert_eq!(call(&fake, Method::GET, uri, Some("short"), None).0, 401);
}

#[test]
fn requests_are_logged_and_the_demo_is_seeded() {
    let fake = FakeHipChat::demo();
    call(
        &fake,
        Method::GET,
        "https://x.test/v2/room",
        Some(FakeHipChat::ADMIN_TOKEN),
        None,
    );
    assert_eq!(fake.requests(), vec!["GET /v2/room -> 200"]);
    let names: Vec<String> = fake.rooms().into_iter().map(|r| r.name).collect();
    assert_eq!(names, vec!["Ops", "Dev"]);
    let ops = fake.room_history("ops");
    assert_eq!(ops.len(), 3);
    assert_eq!(ops[0].date, "2019-01-01T00:00:00.000000+00:00");
    assert_eq!(ops[1].date, "2019-01-01T00:00:01.000000+00:00");
    assert_eq!(
        fake.private_history(1, fake.user("@alice").unwrap().id)
            .len(),
        2
    );
}
