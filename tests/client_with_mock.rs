//! What a user of `hipchat::Client` sees when the client runs on the scripted
//! `hipchat::mock::MockBackend`: refusals before anything is sent, builder errors, how answers of
//! every kind turn into values or errors, the escape hatches (`send_raw`, `check_access`,
//! `auth_test`), the credentials on the wire, and a small piece of application code tested the
//! way a user would test theirs.
//!
//! The wire format of each endpoint is pinned by the unit tests next to it in `hipchat-core`;
//! the adapters are pinned by `adapter_conformance.rs`. This file is about the `Client` as a
//! whole.

use std::fmt::Debug;

use hipchat::api::capabilities::GetCapabilities;
use hipchat::api::oauth_sessions::GenerateToken;
use hipchat::api::rooms::{
    CreateRoom, GetAllRooms, GetRoom, ReplyToMessage, SendRoomNotification, ViewRoomHistory,
};
use hipchat::mock::{MockBackend, MockResponse};
use hipchat::model::{Card, CardStyle, Color, GrantType, MessageFormat, Privacy, Scope};
use hipchat::{
    Client, ClientBuilder, DEFAULT_USER_AGENT, Endpoint, Error, InvalidInput, TransportErrorKind,
};
use http::StatusCode;
use serde_json::json;

const TOKEN: &str = "s3cr3t-personal-t0ken";
const CLIENT_ID: &str = "addon-client-id";
const CLIENT_SECRET: &str = "addon-client-secret";
/// base64("addon-client-id:addon-client-secret"), computed outside the crate under test.
const BASIC: &str = "Basic YWRkb24tY2xpZW50LWlkOmFkZG9uLWNsaWVudC1zZWNyZXQ=";

/// A client with an access token on `mock`.
fn client(mock: &MockBackend) -> Client {
    Client::builder()
        .token(TOKEN)
        .backend(mock.clone())
        .build()
        .expect("a client with a token builds")
}

/// A client with both an access token and the OAuth client credentials on `mock`.
fn client_with_everything(mock: &MockBackend) -> Client {
    Client::builder()
        .token(TOKEN)
        .oauth_client(CLIENT_ID, CLIENT_SECRET)
        .backend(mock.clone())
        .build()
        .expect("a client with every credential builds")
}

/// Sends `endpoint` through every entry point of a client built from `builder` on a fresh mock,
/// expects the same `InvalidInput` from each, and checks that the backend never saw a request.
async fn refused_before_sending<E>(builder: ClientBuilder, endpoint: &E) -> InvalidInput
where
    E: Endpoint,
    E::Response: Debug,
{
    let mock = MockBackend::new();
    let client = builder
        .backend(mock.clone())
        .build()
        .expect("client builds");

    let from_send = match client.send(endpoint).await {
        Err(Error::InvalidInput(e)) => e,
        other => panic!("send: expected InvalidInput, got {other:?}"),
    };
    match client.send_raw(endpoint).await {
        Err(Error::InvalidInput(e)) => assert_eq!(e, from_send, "send_raw"),
        other => panic!("send_raw: expected InvalidInput, got {other:?}"),
    }
    match client.check_access(endpoint).await {
        Err(Error::InvalidInput(e)) => assert_eq!(e, from_send, "check_access"),
        other => panic!("check_access: expected InvalidInput, got {other:?}"),
    }

    assert!(
        mock.requests().is_empty(),
        "nothing may be sent, but the backend received {:?}",
        mock.requests()
    );
    mock.assert_done();
    from_send
}

fn with_token() -> ClientBuilder {
    Client::builder().token(TOKEN)
}

fn field_and_rule(e: &InvalidInput) -> (&str, &str) {
    (e.field(), e.rule())
}

// ---------------------------------------------------------------------------------------------
// Bad input: refused with the field and the rule, nothing sent.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn notification_message_length_and_colour_are_checked_before_sending() {
    let e = refused_before_sending(with_token(), &SendRoomNotification::new("ops", "")).await;
    assert_eq!(
        field_and_rule(&e),
        ("message", "must be 1..=10000 characters (got 0)")
    );

    let too_long = "x".repeat(10_001);
    let e = refused_before_sending(with_token(), &SendRoomNotification::new("ops", too_long)).await;
    assert_eq!(
        field_and_rule(&e),
        ("message", "must be 1..=10000 characters (got 10001)")
    );

    let pink = SendRoomNotification::new("ops", "hi").color(Color::from("pink"));
    let e = refused_before_sending(with_token(), &pink).await;
    assert_eq!(
        field_and_rule(&e),
        (
            "color",
            r#"must be one of yellow, green, red, purple, gray, random (got "pink")"#
        )
    );
}

#[tokio::test]
async fn limits_at_the_edge_are_accepted_and_sent() {
    // The counterpart of the refusals: exactly 10 000 characters (multi-byte ones, so bytes
    // are not what is counted) and 50-character room names do go out.
    let mock = MockBackend::new();
    let message = "é".repeat(10_000);
    mock.expect_post("/v2/room/ops/notification")
        .json_body(json!({"message": message}))
        .respond(MockResponse::empty(204));
    let name = "n".repeat(50);
    mock.expect_post("/v2/room")
        .json_body(json!({"name": name}))
        .respond(MockResponse::json(
            201,
            json!({"id": 5, "links": {"self": "https://api.hipchat.com/v2/room/5"}}),
        ));
    let client = client(&mock);
    client
        .send(&SendRoomNotification::new("ops", message.as_str()))
        .await
        .expect("10 000 characters are allowed");
    let created = client
        .send(&CreateRoom::new(name.as_str()))
        .await
        .expect("50 characters are allowed");
    assert_eq!(created.id, 5);
    mock.assert_done();
}

#[tokio::test]
async fn room_names_and_room_references_are_checked_before_sending() {
    let e = refused_before_sending(with_token(), &CreateRoom::new("")).await;
    assert_eq!(
        field_and_rule(&e),
        ("name", "must be 1..=50 characters (got 0)")
    );

    let e = refused_before_sending(with_token(), &CreateRoom::new("n".repeat(51))).await;
    assert_eq!(
        field_and_rule(&e),
        ("name", "must be 1..=50 characters (got 51)")
    );

    let e = refused_before_sending(with_token(), &GetRoom::new("..")).await;
    assert_eq!(e.field(), "room_id_or_name");
    assert!(e.rule().contains("`..`"), "{}", e.rule());
    assert!(e.rule().contains("by id"), "{}", e.rule());

    let e = refused_before_sending(with_token(), &SendRoomNotification::new("", "hi")).await;
    assert_eq!(field_and_rule(&e), ("room_id_or_name", "must not be empty"));
}

#[tokio::test]
async fn page_size_is_checked_before_sending() {
    let e = refused_before_sending(with_token(), &GetAllRooms::new().max_results(1001)).await;
    assert_eq!(
        field_and_rule(&e),
        ("max-results", "must be 0..=1000 (got 1001)")
    );
    let e =
        refused_before_sending(with_token(), &ViewRoomHistory::new("ops").max_results(1001)).await;
    assert_eq!(e.field(), "max-results");
}

#[tokio::test]
async fn token_request_without_its_required_fields_is_refused() {
    let builder = Client::builder().oauth_client(CLIENT_ID, CLIENT_SECRET);
    let no_code = GenerateToken::new(GrantType::AuthorizationCode)
        .redirect_url("https://addon.example.com/callback");
    let e = refused_before_sending(builder, &no_code).await;
    assert_eq!(
        field_and_rule(&e),
        ("code", "is required for grant_type authorization_code")
    );
}

#[tokio::test]
async fn credentials_that_do_not_fit_the_endpoint_are_refused() {
    // Only OAuth client credentials: a Bearer method has nothing to send.
    let oauth_only = Client::builder().oauth_client(CLIENT_ID, CLIENT_SECRET);
    let e = refused_before_sending(oauth_only, &GetRoom::new("ops")).await;
    assert_eq!(e.field(), "credentials");
    assert!(e.rule().contains("access token"), "{}", e.rule());

    // No credentials at all.
    let e = refused_before_sending(Client::builder(), &GetRoom::new("ops")).await;
    assert_eq!(e.field(), "credentials");

    // Only a token: the token endpoint needs the client id and secret, and never falls back to
    // the Bearer token.
    let e = refused_before_sending(
        with_token(),
        &GenerateToken::new(GrantType::ClientCredentials),
    )
    .await;
    assert_eq!(e.field(), "credentials");
    assert!(e.rule().contains("client id and secret"), "{}", e.rule());
}

// ---------------------------------------------------------------------------------------------
// Builder errors.
// ---------------------------------------------------------------------------------------------

fn build_error(builder: ClientBuilder) -> InvalidInput {
    match builder.build() {
        Err(Error::InvalidInput(e)) => e,
        Err(other) => panic!("expected InvalidInput, got {other:?}"),
        Ok(client) => panic!("expected InvalidInput, got a client {client:?}"),
    }
}

#[test]
fn a_base_url_that_does_not_parse_is_refused() {
    let e = build_error(
        Client::builder()
            .base_url("not a url")
            .token(TOKEN)
            .backend(MockBackend::new()),
    );
    assert_eq!(e.field(), "base_url");
    assert!(e.rule().contains("not a url"), "{}", e.rule());
}

#[tokio::test]
async fn plain_http_needs_a_loopback_host_or_an_explicit_opt_in() {
    let e = build_error(
        Client::builder()
            .base_url("http://hipchat.example.com/v2")
            .token(TOKEN)
            .backend(MockBackend::new()),
    );
    assert_eq!(e.field(), "base_url");
    assert!(e.rule().contains("https"), "{}", e.rule());
    assert!(e.rule().contains("allow_insecure_http"), "{}", e.rule());

    // With the opt-in the client builds, and requests really go over http to that host.
    let mock = MockBackend::new();
    mock.expect_get("/v2/room/ops")
        .respond(MockResponse::json(200, json!({"id": 1, "name": "ops"})));
    let insecure = Client::builder()
        .base_url("http://hipchat.example.com/v2")
        .allow_insecure_http(true)
        .token(TOKEN)
        .backend(mock.clone())
        .build()
        .expect("opted in");
    insecure.send(&GetRoom::new("ops")).await.expect("room");
    assert_eq!(
        mock.last_request().expect("sent").uri,
        "http://hipchat.example.com/v2/room/ops"
    );
    mock.assert_done();

    for loopback in ["http://127.0.0.1:9/v2", "http://localhost/v2"] {
        let client = Client::builder()
            .base_url(loopback)
            .token(TOKEN)
            .backend(MockBackend::new())
            .build()
            .unwrap_or_else(|e| panic!("{loopback} is loopback: {e}"));
        assert_eq!(client.config().base_url().as_str(), loopback);
    }
}

#[test]
fn a_missing_backend_or_a_bad_user_agent_is_refused() {
    let e = build_error(Client::builder().token(TOKEN));
    assert_eq!(e.field(), "backend");

    let e = build_error(
        Client::builder()
            .token(TOKEN)
            .user_agent("my-bot/1.0\r\nX-Injected: yes")
            .backend(MockBackend::new()),
    );
    assert_eq!(e.field(), "user_agent");
}

#[tokio::test]
async fn a_server_base_url_with_a_path_prefix_and_trailing_slash_is_kept() {
    let mock = MockBackend::new();
    mock.expect_post("/hipchat/v2/room/Ops%20Team/notification")
        .json_body(json!({"message": "Deploy done"}))
        .respond(MockResponse::empty(204));
    let client = Client::builder()
        .base_url("https://chat.example.com/hipchat/v2/")
        .token(TOKEN)
        .backend(mock.clone())
        .build()
        .expect("server URL");
    client
        .send(&SendRoomNotification::new("Ops Team", "Deploy done"))
        .await
        .expect("sent");
    let sent = mock.last_request().expect("one request");
    assert_eq!(
        sent.uri,
        "https://chat.example.com/hipchat/v2/room/Ops%20Team/notification"
    );
    mock.assert_done();
}

// ---------------------------------------------------------------------------------------------
// Answers: success, API errors, decode errors, transport failures.
// ---------------------------------------------------------------------------------------------

fn api_error<T: Debug>(result: Result<T, Error>) -> hipchat::ApiError {
    match result {
        Err(Error::Api(e)) => e,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

fn decode_error<T: Debug>(result: Result<T, Error>) -> hipchat::DecodeError {
    match result {
        Err(Error::Decode(e)) => e,
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

fn transport_error<T: Debug>(result: Result<T, Error>) -> hipchat::TransportError {
    match result {
        Err(Error::Transport(e)) => e,
        other => panic!("expected Error::Transport, got {other:?}"),
    }
}

#[tokio::test]
async fn an_html_page_from_a_proxy_is_an_api_error_that_keeps_the_page() {
    let html = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
    let mock = MockBackend::new();
    mock.expect_get("/v2/room/ops").respond(
        MockResponse::bytes(502, html)
            .header("content-type", "text/html")
            .header("X-Ratelimit-Remaining", "99"),
    );
    let result = client(&mock).send(&GetRoom::new("ops")).await;
    let e = api_error(result);
    assert_eq!(e.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(e.hipchat_error(), None);
    assert_eq!(e.body_text(), html);
    assert_eq!(e.body(), html.as_bytes());
    assert_eq!(e.rate_limits().rate.and_then(|r| r.remaining), Some(99));
    mock.assert_done();
}

#[tokio::test]
async fn a_hipchat_error_body_is_parsed() {
    let mock = MockBackend::new();
    mock.expect_get("/v2/room/ghost")
        .respond(MockResponse::hipchat_error(404, "Room 'ghost' not found"));
    let result = client(&mock).send(&GetRoom::new("ghost")).await;
    let Err(err) = result else {
        panic!("a 404 is not a room")
    };
    assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
    let Error::Api(e) = err else {
        panic!("expected Error::Api, got {err:?}")
    };
    let hipchat = e.hipchat_error().expect("the body is a HipChat error");
    assert_eq!(hipchat.message, "Room 'ghost' not found");
    assert_eq!(hipchat.code, Some(404));
    assert_eq!(hipchat.error_type.as_deref(), Some("Not Found"));
    assert_eq!(
        e.to_string(),
        "HipChat answered 404 Not Found: Room 'ghost' not found"
    );
}

#[tokio::test]
async fn a_429_carries_the_rate_limit_and_flood_control_headers() {
    let mock = MockBackend::new();
    mock.expect_post("/v2/room/ops/notification").respond(
        MockResponse::hipchat_error(429, "You have exceeded the rate limit")
            .header("X-Ratelimit-Limit", "500")
            .header("X-Ratelimit-Remaining", "0")
            .header("X-Ratelimit-Reset", "1700000060")
            .header("X-FloodControl-Limit", "30")
            .header("X-FloodControl-Remaining", "0")
            .header("X-FloodControl-Reset", "1700000030"),
    );
    let result = client(&mock)
        .send(&SendRoomNotification::new("ops", "spam"))
        .await;
    let e = api_error(result);
    assert_eq!(e.status(), StatusCode::TOO_MANY_REQUESTS);
    let rate = e.rate_limits().rate.expect("X-Ratelimit-* parsed");
    assert_eq!(
        (rate.limit, rate.remaining, rate.reset),
        (Some(500), Some(0), Some(1_700_000_060))
    );
    let flood = e.rate_limits().flood.expect("X-FloodControl-* parsed");
    assert_eq!(
        (flood.limit, flood.remaining, flood.reset),
        (Some(30), Some(0), Some(1_700_000_030))
    );
    assert_eq!(
        e.hipchat_error().map(|h| h.message.as_str()),
        Some("You have exceeded the rate limit")
    );
}

#[tokio::test]
async fn an_empty_200_where_a_room_was_expected_is_a_decode_error() {
    let mock = MockBackend::new();
    mock.expect_get("/v2/room/ops")
        .respond(MockResponse::empty(200));
    let result = client(&mock).send(&GetRoom::new("ops")).await;
    let e = decode_error(result);
    assert_eq!(e.status(), StatusCode::OK);
    assert!(e.body().is_empty(), "{:?}", e.body());
    assert!(e.serde_error().is_some_and(|s| s.is_eof()), "{e:?}");
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_that_keeps_the_body() {
    let body = r#"{"id": 7, "name": "Ops", "links": {"self": "https://api.hip"#;
    let mock = MockBackend::new();
    mock.expect_get("/v2/room/7")
        .respond(MockResponse::bytes(200, body).header("content-type", "application/json"));
    let result = client(&mock).send(&GetRoom::new(7u64)).await;
    let Err(err) = result else {
        panic!("truncated JSON is not a room")
    };
    assert_eq!(err.status(), Some(StatusCode::OK));
    let Error::Decode(e) = err else {
        panic!("expected Error::Decode, got {err:?}")
    };
    assert_eq!(e.status(), StatusCode::OK);
    assert_eq!(e.body_text(), body);
    assert!(e.serde_error().is_some_and(|s| s.is_eof()), "{e:?}");
}

#[tokio::test]
async fn a_wrong_type_deep_in_a_page_names_its_json_path() {
    let body = json!({
        "items": [
            {"id": 1, "name": "Ops", "links": {"self": "https://api.hipchat.com/v2/room/1"}},
            {"id": "not-a-number", "name": "Dev", "links": {"self": "https://api.hipchat.com/v2/room/2"}}
        ],
        "startIndex": 0, "maxResults": 2,
        "links": {"self": "https://api.hipchat.com/v2/room"}
    });
    let mock = MockBackend::new();
    mock.expect_get("/v2/room")
        .respond(MockResponse::json(200, &body));
    let result = client(&mock).send(&GetAllRooms::new()).await;
    let e = decode_error(result);
    assert_eq!(e.path(), "items[1].id");
    assert_eq!(e.status(), StatusCode::OK);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(e.body()).unwrap(),
        body
    );
    assert!(e.to_string().contains("`items[1].id`"), "{e}");
}

#[tokio::test]
async fn a_scripted_timeout_is_a_transport_error_of_kind_timeout() {
    let mock = MockBackend::new();
    mock.expect_get("/v2/room/ops")
        .respond(MockResponse::transport_error(
            TransportErrorKind::Timeout,
            "no answer within 30 s",
        ));
    let result = client(&mock).send(&GetRoom::new("ops")).await;
    let Err(err) = result else {
        panic!("a timeout is not a room")
    };
    assert_eq!(err.status(), None);
    let e = transport_error::<()>(Err(err));
    assert_eq!(e.kind(), TransportErrorKind::Timeout);
    assert_eq!(e.message(), "no answer within 30 s");
    mock.assert_done();
}

#[tokio::test]
async fn an_unmatched_request_fails_with_what_was_sent_and_verify_reports_it() {
    let mock = MockBackend::new();
    mock.expect_get("/v2/room/Dev")
        .respond(MockResponse::json(200, json!({"id": 2, "name": "Dev"})));
    let result = client(&mock)
        .send(&GetRoom::new("Ops Team").expand("participants"))
        .await;
    let e = transport_error(result);
    assert_eq!(e.kind(), TransportErrorKind::Other);
    assert!(
        e.message()
            .contains("GET https://api.hipchat.com/v2/room/Ops%20Team?expand=participants"),
        "{}",
        e.message()
    );
    assert!(e.message().contains("GET /v2/room/Dev"), "{}", e.message());

    let problems = mock.verify().expect_err("one unmatched, one missing");
    assert!(
        problems.contains(
            "received but not expected: GET https://api.hipchat.com/v2/room/Ops%20Team?expand=participants"
        ),
        "{problems}"
    );
    assert!(
        problems.contains("expected but not received: GET /v2/room/Dev"),
        "{problems}"
    );
    assert_eq!(mock.requests().len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Escape hatches: send_raw, check_access, auth_test.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn send_raw_returns_an_error_status_as_a_response() {
    let body = json!({"error": {"code": 404, "message": "Room not found", "type": "Not Found"}});
    let mock = MockBackend::new();
    mock.expect_get("/v2/room/ghost")
        .respond(MockResponse::json(404, &body).header("X-Ratelimit-Remaining", "42"));
    let response = client(&mock)
        .send_raw(&GetRoom::new("ghost"))
        .await
        .expect("a 404 is a response for send_raw");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers()["x-ratelimit-remaining"], "42");
    assert_eq!(response.body(), &serde_json::to_vec(&body).unwrap());
    mock.assert_done();
}

#[tokio::test]
async fn check_access_sends_auth_test_and_reads_the_acknowledgement() {
    let mock = MockBackend::new();
    mock.expect_get("/v2/room")
        .exact_query(&[("max-results", "5"), ("auth_test", "true")])
        .header("authorization", &format!("Bearer {TOKEN}"))
        .respond(MockResponse::json(
            202,
            json!({"success": {"code": 202, "type": "Accepted", "message": "This auth_token has access to use this method."}}),
        ));
    mock.expect_post("/v2/room/ops/notification")
        .exact_query(&[("auth_test", "true")])
        .respond(MockResponse::hipchat_error(
            401,
            "Authenticated requests require a token",
        ));
    let client = client(&mock);

    let granted = client
        .check_access(&GetAllRooms::new().max_results(5))
        .await
        .expect("access granted");
    assert_eq!(granted.code, Some(202));
    assert_eq!(granted.kind.as_deref(), Some("Accepted"));
    assert_eq!(
        granted.message,
        "This auth_token has access to use this method."
    );

    let result = client
        .check_access(&SendRoomNotification::new("ops", "hi"))
        .await;
    let e = api_error(result);
    assert_eq!(e.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        e.hipchat_error().map(|h| h.message.as_str()),
        Some("Authenticated requests require a token")
    );

    // The client itself was not switched to auth_test by check_access.
    assert!(!client.config().auth_test());
    mock.assert_done();
}

#[tokio::test]
async fn an_auth_test_client_appends_auth_test_after_the_endpoint_query() {
    let mock = MockBackend::new();
    mock.expect_get("/v2/room")
        .exact_query(&[
            ("start-index", "0"),
            ("max-results", "2"),
            ("include-archived", "true"),
            ("auth_test", "true"),
        ])
        .respond(MockResponse::json(
            202,
            json!({"success": {"code": 202, "type": "Accepted", "message": "ok"}}),
        ));
    mock.expect_post("/v2/room/ops/notification")
        .exact_query(&[("auth_test", "true")])
        .json_body(json!({"message": "would be sent"}))
        .respond(MockResponse::empty(202));
    let client = Client::builder()
        .token(TOKEN)
        .auth_test(true)
        .backend(mock.clone())
        .build()
        .expect("client");

    let raw = client
        .send_raw(
            &GetAllRooms::new()
                .start_index(0)
                .max_results(2)
                .include_archived(true),
        )
        .await
        .expect("raw response");
    assert_eq!(raw.status(), StatusCode::ACCEPTED);
    let sent = mock.last_request().expect("sent");
    assert_eq!(
        sent.uri.query(),
        Some("start-index=0&max-results=2&include-archived=true&auth_test=true")
    );

    // A `()` method under auth_test succeeds with the server's 202.
    client
        .send(&SendRoomNotification::new("ops", "would be sent"))
        .await
        .expect("202 is success");
    mock.assert_done();
}

// ---------------------------------------------------------------------------------------------
// Credentials and identification on the wire.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn each_method_gets_the_credentials_it_needs_and_no_others() {
    let mock = MockBackend::new();
    mock.expect_get("/v2/room/ops")
        .header("authorization", &format!("Bearer {TOKEN}"))
        .respond(MockResponse::json(200, json!({"id": 1, "name": "ops"})));
    mock.expect_post("/v2/oauth/token")
        .header("authorization", BASIC)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials&scope=send_notification")
        .respond(MockResponse::json(
            200,
            json!({"access_token": "fresh-addon-token", "token_type": "bearer", "expires_in": 3599, "scope": "send_notification"}),
        ));
    mock.expect_get("/v2/capabilities")
        .no_header("authorization")
        .respond(MockResponse::json(
            200,
            json!({"name": "HipChat", "key": "hipchat", "links": {"self": "https://api.hipchat.com/v2/capabilities"}}),
        ));
    let client = client_with_everything(&mock);

    client.send(&GetRoom::new("ops")).await.expect("room");
    let token = client
        .send(&GenerateToken::new(GrantType::ClientCredentials).scope([Scope::SendNotification]))
        .await
        .expect("token");
    assert_eq!(token.access_token, "fresh-addon-token");
    assert_eq!(token.expires_in, 3599);
    let caps = client.send(&GetCapabilities::new()).await.expect("caps");
    assert_eq!(caps.key, "hipchat");
    mock.assert_done();

    let sent = mock.requests();
    assert_eq!(sent.len(), 3);
    // Exactly one Authorization header where one is sent: Basic never travels with Bearer.
    let authorizations: Vec<Vec<&str>> = sent
        .iter()
        .map(|r| {
            r.headers
                .get_all("authorization")
                .iter()
                .map(|v| v.to_str().unwrap())
                .collect()
        })
        .collect();
    let bearer = format!("Bearer {TOKEN}");
    assert_eq!(
        authorizations,
        vec![vec![bearer.as_str()], vec![BASIC], vec![]]
    );
    for request in &sent {
        let uri = request.uri.to_string();
        assert!(!uri.contains(TOKEN), "token in the URI {uri}");
        assert!(!uri.contains(CLIENT_SECRET), "secret in the URI {uri}");
        assert!(!request.body_text().contains(CLIENT_SECRET), "{request}");
    }
}

#[test]
fn debug_output_of_a_client_hides_the_secrets() {
    let client = client_with_everything(&MockBackend::new());
    let shown = format!("{client:?}");
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(!shown.contains(CLIENT_SECRET), "{shown}");
    // It does describe the configuration, so the absence above is not an empty printout.
    assert!(shown.contains("https://api.hipchat.com/v2"), "{shown}");
    assert!(shown.contains(CLIENT_ID), "{shown}");

    let builder = with_token().oauth_client(CLIENT_ID, CLIENT_SECRET);
    let shown = format!("{builder:?}");
    assert!(
        !shown.contains(TOKEN) && !shown.contains(CLIENT_SECRET),
        "{shown}"
    );
    assert!(shown.contains(CLIENT_ID), "{shown}");
}

#[tokio::test]
async fn the_user_agent_is_the_crate_default_or_the_one_configured() {
    assert_eq!(
        DEFAULT_USER_AGENT,
        concat!("hipchat-rs/", env!("CARGO_PKG_VERSION"))
    );

    let mock = MockBackend::new();
    mock.expect_get("/v2/room/ops")
        .header("user-agent", DEFAULT_USER_AGENT)
        .header("accept", "application/json")
        .respond(MockResponse::json(200, json!({"id": 1, "name": "ops"})));
    client(&mock)
        .send(&GetRoom::new("ops"))
        .await
        .expect("room");
    mock.assert_done();

    let mock = MockBackend::new();
    mock.expect_get("/v2/room/ops")
        .header("user-agent", "deploy-bot/2.1 (+https://ops.example.com)")
        .respond(MockResponse::json(200, json!({"id": 1, "name": "ops"})));
    let custom = Client::builder()
        .token(TOKEN)
        .user_agent("deploy-bot/2.1 (+https://ops.example.com)")
        .backend(mock.clone())
        .build()
        .expect("client");
    custom.send(&GetRoom::new("ops")).await.expect("room");
    let sent = mock.last_request().expect("sent");
    assert_eq!(sent.headers.get_all("user-agent").iter().count(), 1);
    mock.assert_done();
}

// ---------------------------------------------------------------------------------------------
// A realistic scenario: application code tested on the mock, as a user would.
// ---------------------------------------------------------------------------------------------

/// What the application below reports.
#[derive(Debug, PartialEq, Eq)]
struct IncidentOpened {
    room_id: u64,
    answered_message_id: String,
    answered_sender: String,
}

/// Application code under test: opens a private room for an incident, announces it with a
/// card, reads the room's latest history and thanks whoever spoke last, in a reply thread.
async fn open_incident(
    client: &Client,
    number: u32,
    summary: &str,
) -> Result<IncidentOpened, Error> {
    let created = client
        .send(
            &CreateRoom::new(format!("Incident {number}"))
                .privacy(Privacy::Private)
                .topic(summary),
        )
        .await?;

    let card = Card::new(
        CardStyle::Link,
        format!("incident-{number}"),
        format!("Incident {number}: {summary}"),
    )
    .url(format!("https://status.example.com/incidents/{number}"))
    .description("Opened by the on-call bot");
    client
        .send(
            &SendRoomNotification::new(created.id, format!("Incident {number} opened: {summary}"))
                .color(Color::Red)
                .message_format(MessageFormat::Text)
                .notify(true)
                .from("on-call bot")
                .card(card),
        )
        .await?;

    let history = client
        .send(&ViewRoomHistory::new(created.id).max_results(25))
        .await?;
    let Some(last) = history.items.last() else {
        return Err(Error::invalid_input("history", "is empty"));
    };
    let sender = last
        .from
        .as_ref()
        .map(|from| from.display_name().to_owned())
        .unwrap_or_default();

    client
        .send(&ReplyToMessage::new(
            created.id,
            last.id.as_str(),
            format!("Thanks {sender}, on it."),
        ))
        .await?;

    Ok(IncidentOpened {
        room_id: created.id,
        answered_message_id: last.id.clone(),
        answered_sender: sender,
    })
}

#[tokio::test]
async fn an_incident_is_opened_announced_and_answered() {
    let bearer = format!("Bearer {TOKEN}");
    let mock = MockBackend::new();
    mock.expect_post("/v2/room")
        .header("authorization", &bearer)
        .json_body(json!({
            "name": "Incident 17",
            "privacy": "private",
            "topic": "API latency above 2 s"
        }))
        .respond(MockResponse::json(
            201,
            json!({"id": 4242, "links": {"self": "https://api.hipchat.com/v2/room/4242"}}),
        ));
    mock.expect_post("/v2/room/4242/notification")
        .header("authorization", &bearer)
        .json_body(json!({
            "message": "Incident 17 opened: API latency above 2 s",
            "color": "red",
            "message_format": "text",
            "notify": true,
            "from": "on-call bot",
            "card": {
                "style": "link",
                "id": "incident-17",
                "title": "Incident 17: API latency above 2 s",
                "description": "Opened by the on-call bot",
                "url": "https://status.example.com/incidents/17"
            }
        }))
        .respond(MockResponse::empty(204));
    mock.expect_get("/v2/room/4242/history")
        .exact_query(&[("max-results", "25")])
        .respond(MockResponse::json(
            200,
            json!({
                "items": [
                    {
                        "id": "0f1e2d3c-aaaa-4bbb-8ccc-000000000001",
                        "date": "2024-03-01T09:00:00.000000+00:00",
                        "type": "notification",
                        "from": "on-call bot",
                        "message": "Incident 17 opened: API latency above 2 s",
                        "message_format": "text",
                        "color": "red"
                    },
                    {
                        "id": "0f1e2d3c-aaaa-4bbb-8ccc-000000000002",
                        "date": "2024-03-01T09:01:30.000000+00:00",
                        "type": "message",
                        "from": {
                            "id": 12, "name": "Alice Ops", "mention_name": "alice",
                            "links": {"self": "https://api.hipchat.com/v2/user/12"}
                        },
                        "message": "Looking at the dashboards now",
                        "mentions": []
                    }
                ],
                "startIndex": 0,
                "maxResults": 25,
                "links": {"self": "https://api.hipchat.com/v2/room/4242/history"}
            }),
        ));
    mock.expect_post("/v2/room/4242/reply")
        .header("authorization", &bearer)
        .json_body(json!({
            "parentMessageId": "0f1e2d3c-aaaa-4bbb-8ccc-000000000002",
            "message": "Thanks Alice Ops, on it."
        }))
        .respond(MockResponse::empty(204));

    let outcome = open_incident(&client(&mock), 17, "API latency above 2 s")
        .await
        .expect("the scenario runs as scripted");

    assert_eq!(
        outcome,
        IncidentOpened {
            room_id: 4242,
            answered_message_id: "0f1e2d3c-aaaa-4bbb-8ccc-000000000002".to_owned(),
            answered_sender: "Alice Ops".to_owned(),
        }
    );
    mock.assert_done();
    let order: Vec<String> = mock
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path()))
        .collect();
    assert_eq!(
        order,
        [
            "POST /v2/room",
            "POST /v2/room/4242/notification",
            "GET /v2/room/4242/history",
            "POST /v2/room/4242/reply",
        ]
    );
}

#[tokio::test]
async fn the_incident_scenario_stops_at_the_first_api_error() {
    // The same application code when the room name is taken: nothing after the failed call is
    // sent, and the caller gets the server's reason.
    let mock = MockBackend::new();
    mock.expect_post("/v2/room")
        .respond(MockResponse::hipchat_error(
            400,
            "Another room exists with that name.",
        ));
    let result = open_incident(&client(&mock), 17, "API latency above 2 s").await;
    let e = api_error(result);
    assert_eq!(e.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        e.hipchat_error().map(|h| h.message.as_str()),
        Some("Another room exists with that name.")
    );
    assert_eq!(mock.requests().len(), 1);
    mock.assert_done();
}
