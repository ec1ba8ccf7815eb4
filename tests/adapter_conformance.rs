//! One conformance suite for every HTTP backend adapter, run against a mockito server on
//! 127.0.0.1.
//!
//! Each case in [`cases`] is written once against `&dyn HttpBackend`; the macro at the bottom
//! generates one `#[tokio::test]` per case and per adapter. What the suite pins down:
//! the request arrives as the core built it (method, encoded path, query order, headers, body
//! bytes), every answer the server gives comes back as an `Ok` response with status, headers
//! and body intact (redirects are not followed), and failures to get an answer map to the
//! right [`TransportErrorKind`].

use std::time::Duration;

use hipchat_core::{HttpBackend, HttpRequest, HttpResponse, TransportErrorKind};
use hipchat_isahc::IsahcBackend;
use hipchat_reqwest::ReqwestBackend;

/// How an adapter under test is built.
struct Adapter {
    /// The adapter's default configuration.
    default: fn() -> Box<dyn HttpBackend>,
    /// The default configuration with a short overall request timeout.
    with_timeout: fn(Duration) -> Box<dyn HttpBackend>,
}

const REQWEST: Adapter = Adapter {
    default: || Box::new(ReqwestBackend::new()),
    with_timeout: |timeout| {
        let client = ReqwestBackend::builder()
            .timeout(timeout)
            .build()
            .expect("reqwest client");
        Box::new(ReqwestBackend::from(client))
    },
};

const ISAHC: Adapter = Adapter {
    default: || Box::new(IsahcBackend::new()),
    with_timeout: |timeout| {
        use hipchat_isahc::isahc::config::Configurable;
        let client = IsahcBackend::builder()
            .timeout(timeout)
            .build()
            .expect("isahc client");
        Box::new(IsahcBackend::from(client))
    },
};

fn request(method: &str, uri: &str) -> http::request::Builder {
    http::Request::builder().method(method).uri(uri)
}

async fn send_ok(backend: &dyn HttpBackend, request: HttpRequest) -> HttpResponse {
    let described = format!("{} {}", request.method(), request.uri());
    match backend.send(request).await {
        Ok(response) => response,
        Err(err) => panic!("{described}: expected a response, got {err:?}"),
    }
}

fn header<'a>(response: &'a HttpResponse, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("response has no `{name}` header: {:?}", response.headers()))
        .to_str()
        .expect("ASCII header value")
}

mod cases {
    use super::*;
    use mockito::Matcher;

    /// GET, POST, PUT and DELETE each arrive with their own method; a request without a body
    /// carries no body framing at all.
    pub async fn methods_arrive_exactly(adapter: &Adapter) {
        let backend = (adapter.default)();
        let mut server = mockito::Server::new_async().await;
        let url = format!("{}/v2/room/ops", server.url());

        for method in ["GET", "DELETE"] {
            let mock = server
                .mock(method, "/v2/room/ops")
                .match_header("content-length", Matcher::Missing)
                .match_header("transfer-encoding", Matcher::Missing)
                .match_body(Matcher::Exact(String::new()))
                .with_status(200)
                .with_body(method)
                .expect(1)
                .create_async()
                .await;
            let req = request(method, &url).body(Vec::new()).unwrap();
            let response = send_ok(&*backend, req).await;
            assert_eq!(response.status(), 200, "{method}");
            assert_eq!(response.body(), method.as_bytes());
            mock.assert_async().await;
        }

        for method in ["POST", "PUT"] {
            let body = format!(r#"{{"method":"{method}"}}"#);
            let mock = server
                .mock(method, "/v2/room/ops")
                .match_header("content-length", body.len().to_string().as_str())
                .match_body(Matcher::Exact(body.clone()))
                .with_status(200)
                .with_body(method)
                .expect(1)
                .create_async()
                .await;
            let req = request(method, &url)
                .header("Content-Type", "application/json")
                .body(body.into_bytes())
                .unwrap();
            let response = send_ok(&*backend, req).await;
            assert_eq!(response.status(), 200, "{method}");
            assert_eq!(response.body(), method.as_bytes());
            mock.assert_async().await;
        }
    }

    /// A POST with an empty body still says how long its (empty) body is.
    pub async fn bodiless_post_sends_zero_length(adapter: &Adapter) {
        let backend = (adapter.default)();
        let mut server = mockito::Server::new_async().await;
        let mock = server
            .mock("POST", "/v2/room/ops/reply")
            .match_header("content-length", "0")
            .match_body(Matcher::Exact(String::new()))
            .with_status(204)
            .expect(1)
            .create_async()
            .await;
        let url = format!("{}/v2/room/ops/reply", server.url());
        let req = request("POST", &url).body(Vec::new()).unwrap();
        let response = send_ok(&*backend, req).await;
        assert_eq!(response.status(), 204);
        mock.assert_async().await;
    }

    /// Percent-encoded path segments arrive as encoded, and the query string arrives with its
    /// parameters in the order they were built.
    pub async fn encoded_path_and_query_arrive_unchanged(adapter: &Adapter) {
        let backend = (adapter.default)();
        let mut server = mockito::Server::new_async().await;
        let path = "/v2/room/ops%20team%2Fa/notification";
        let query = "start-index=0&max-results=5&include_deleted=true";
        let mock = server
            .mock("GET", Matcher::Exact(path.to_owned()))
            .match_query(Matcher::Exact(query.to_owned()))
            .with_status(200)
            .expect(1)
            .create_async()
            .await;
        let url = format!("{}{path}?{query}", server.url());
        let req = request("GET", &url).body(Vec::new()).unwrap();
        let response = send_ok(&*backend, req).await;
        assert_eq!(response.status(), 200);
        mock.assert_async().await;
    }

    /// Every header set on the request arrives once, with its value; repeated headers keep all
    /// their values in order, and the adapter's own defaults never replace ours.
    pub async fn headers_arrive(adapter: &Adapter) {
        let backend = (adapter.default)();
        let mut server = mockito::Server::new_async().await;
        let mock = server
            .mock("POST", "/v2/room/ops/notification")
            .match_header("authorization", "Bearer s3cr3t-token")
            .match_header("content-type", "application/json; charset=utf-8")
            .match_header("user-agent", "hipchat-rs-conformance/0.1")
            .match_header("accept", "application/json")
            .match_header("x-hipchat-custom", "custom value")
            .match_header("x-empty", "")
            .match_request(|req| {
                let values: Vec<&[u8]> = req
                    .header("x-repeated")
                    .iter()
                    .map(|value| value.as_bytes())
                    .collect();
                values == [&b"first"[..], &b"second"[..]]
            })
            .with_status(204)
            .expect(1)
            .create_async()
            .await;
        let url = format!("{}/v2/room/ops/notification", server.url());
        let req = request("POST", &url)
            .header("Authorization", "Bearer s3cr3t-token")
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "hipchat-rs-conformance/0.1")
            .header("Accept", "application/json")
            .header("X-HipChat-Custom", "custom value")
            .header("X-Empty", "")
            .header("X-Repeated", "first")
            .header("X-Repeated", "second")
            .body(br#"{"message":"hi"}"#.to_vec())
            .unwrap();
        let response = send_ok(&*backend, req).await;
        assert_eq!(response.status(), 204);
        mock.assert_async().await;
    }

    /// A JSON body (with non-ASCII text) arrives byte for byte.
    pub async fn json_body_arrives_exactly(adapter: &Adapter) {
        let backend = (adapter.default)();
        let mut server = mockito::Server::new_async().await;
        let body = r#"{"color":"green","message":"Déploiement terminé ✓ <b>ok</b>","message_format":"html","notify":true}"#;
        let mock = server
            .mock("POST", "/v2/room/ops/notification")
            .match_header("content-type", "application/json")
            .match_body(Matcher::Exact(body.to_owned()))
            .with_status(204)
            .expect(1)
            .create_async()
            .await;
        let url = format!("{}/v2/room/ops/notification", server.url());
        let req = request("POST", &url)
            .header("Content-Type", "application/json")
            .body(body.as_bytes().to_vec())
            .unwrap();
        let response = send_ok(&*backend, req).await;
        assert_eq!(response.status(), 204);
        mock.assert_async().await;
    }

    /// A body that is not UTF-8 arrives intact.
    pub async fn binary_body_arrives_intact(adapter: &Adapter) {
        let backend = (adapter.default)();
        let mut server = mockito::Server::new_async().await;
        let mut body: Vec<u8> = (0..=255u8).rev().collect();
        body.extend_from_slice(&[0xc3, 0x28, 0xff, 0xfe, 0x00, 0x00, 0x80]);
        assert!(std::str::from_utf8(&body).is_err());
        let mock = server
            .mock("POST", "/v2/room/ops/share/file")
            .match_header("content-type", "application/octet-stream")
            .match_body(body.clone())
            .with_status(204)
            .expect(1)
            .create_async()
            .await;
        let url = format!("{}/v2/room/ops/share/file", server.url());
        let req = request("POST", &url)
            .header("Content-Type", "application/octet-stream")
            .body(body)
            .unwrap();
        let response = send_ok(&*backend, req).await;
        assert_eq!(response.status(), 204);
        mock.assert_async().await;
    }

    /// A large upload arrives intact and is sent straight away, without `Expect: 100-continue`.
    pub async fn large_body_arrives_without_expect(adapter: &Adapter) {
        let backend = (adapter.default)();
        let mut server = mockito::Server::new_async().await;
        let body: Vec<u8> = (0..2 * 1024 * 1024u32)
            .map(|i| (i.wrapping_mul(31) % 251) as u8)
            .collect();
        let mock = server
            .mock("PUT", "/v2/user/42/photo")
            .match_header("expect", Matcher::Missing)
            .match_header("content-length", body.len().to_string().as_str())
            .match_body(body.clone())
            .with_status(204)
            .expect(1)
            .create_async()
            .await;
        let url = format!("{}/v2/user/42/photo", server.url());
        let req = request("PUT", &url)
            .header("Content-Type", "application/octet-stream")
            .body(body)
            .unwrap();
        let response = send_ok(&*backend, req).await;
        assert_eq!(response.status(), 204);
        mock.assert_async().await;
    }

    /// 201 with a JSON body: status, headers (including a repeated one) and body come back.
    pub async fn created_with_json_body(adapter: &Adapter) {
        let backend = (adapter.default)();
        let mut server = mockito::Server::new_async().await;
        let body = r#"{"id":7,"links":{"self":"https://api.hipchat.com/v2/room/7"}}"#;
        let mock = server
            .mock("POST", "/v2/room")
            .with_status(201)
            .with_header("content-type", "application/json")
            .with_header("location", "https://api.hipchat.com/v2/room/7")
            .with_header("x-repeated", "one")
            .with_header("x-repeated", "two")
            .with_body(body)
            .expect(1)
            .create_async()
            .await;
        let url = format!("{}/v2/room", server.url());
        let req = request("POST", &url)
            .header("Content-Type", "application/json")
            .body(br#"{"name":"ops"}"#.to_vec())
            .unwrap();
        let response = send_ok(&*backend, req).await;
        assert_eq!(response.status(), 201);
        assert_eq!(header(&response, "content-type"), "application/json");
        assert_eq!(
            header(&response, "location"),
            "https://api.hipchat.com/v2/room/7"
        );
        let repeated: Vec<_> = response.headers().get_all("x-repeated").iter().collect();
        assert_eq!(repeated, ["one", "two"]);
        assert_eq!(response.body(), body.as_bytes());
        let json: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
        assert_eq!(json["id"], 7);
        mock.assert_async().await;
    }

    /// 204 comes back with an empty body.
    pub async fn no_content_has_empty_body(adapter: &Adapter) {
        let backend = (adapter.default)();
        let mut server = mockito::Server::new_async().await;
        let mock = server
            .mock("DELETE", "/v2/room/ops")
            .with_status(204)
            .expect(1)
            .create_async()
            .await;
        let url = format!("{}/v2/room/ops", server.url());
        let req = request("DELETE", &url).body(Vec::new()).unwrap();
        let response = send_ok(&*backend, req).await;
        assert_eq!(response.status(), 204);
        assert!(response.body().is_empty(), "{:?}", response.body());
        mock.assert_async().await;
    }

    /// A 302 is returned with its `Location`; the redirect target is never requested.
    pub async fn redirect_is_returned_not_followed(adapter: &Adapter) {
        let backend = (adapter.default)();
        let mut server = mockito::Server::new_async().await;
        let target = format!("{}/v2/elsewhere", server.url());
        let redirect = server
            .mock("GET", "/v2/room/ops/file")
            .with_status(302)
            .with_header("location", &target)
            .expect(1)
            .create_async()
            .await;
        let elsewhere = server
            .mock("GET", "/v2/elsewhere")
            .with_status(200)
            .expect(0)
            .create_async()
            .await;
        let url = format!("{}/v2/room/ops/file", server.url());
        let req = request("GET", &url).body(Vec::new()).unwrap();
        let response = send_ok(&*backend, req).await;
        assert_eq!(response.status(), 302);
        assert_eq!(header(&response, "location"), target);
        redirect.assert_async().await;
        elsewhere.assert_async().await;
    }

    /// A 404 with HipChat's error document is a response, not an error.
    pub async fn not_found_is_a_response(adapter: &Adapter) {
        let backend = (adapter.default)();
        let mut server = mockito::Server::new_async().await;
        let body = r#"{"error":{"code":404,"message":"Room not found","type":"Not Found"}}"#;
        let mock = server
            .mock("GET", "/v2/room/nope")
            .with_status(404)
            .with_header("content-type", "application/json")
            .with_body(body)
            .expect(1)
            .create_async()
            .await;
        let url = format!("{}/v2/room/nope", server.url());
        let req = request("GET", &url).body(Vec::new()).unwrap();
        let response = send_ok(&*backend, req).await;
        assert_eq!(response.status(), 404);
        assert_eq!(header(&response, "content-type"), "application/json");
        assert_eq!(response.body(), body.as_bytes());
        mock.assert_async().await;
    }

    /// A 429 comes back with its rate-limit headers and body.
    pub async fn rate_limited_is_a_response(adapter: &Adapter) {
        let backend = (adapter.default)();
        let mut server = mockito::Server::new_async().await;
        let body = r#"{"error":{"code":429,"message":"You have exceeded the rate limit.","type":"Too Many Requests"}}"#;
        let mock = server
            .mock("POST", "/v2/room/ops/notification")
            .with_status(429)
            .with_header("content-type", "application/json")
            .with_header("x-ratelimit-limit", "100")
            .with_header("x-ratelimit-remaining", "0")
            .with_header("x-ratelimit-reset", "1700000300")
            .with_body(body)
            .expect(1)
            .create_async()
            .await;
        let url = format!("{}/v2/room/ops/notification", server.url());
        let req = request("POST", &url)
            .header("Content-Type", "application/json")
            .body(br#"{"message":"hi"}"#.to_vec())
            .unwrap();
        let response = send_ok(&*backend, req).await;
        assert_eq!(response.status(), 429);
        assert_eq!(header(&response, "x-ratelimit-limit"), "100");
        assert_eq!(header(&response, "x-ratelimit-remaining"), "0");
        assert_eq!(header(&response, "x-ratelimit-reset"), "1700000300");
        assert_eq!(response.body(), body.as_bytes());
        mock.assert_async().await;
    }

    /// Nothing listens on the port: a `Connect` error.
    pub async fn refused_connection_is_connect(adapter: &Adapter) {
        let backend = (adapter.default)();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("local address");
        drop(listener);
        let url = format!("http://{addr}/v2/room");
        let req = request("GET", &url).body(Vec::new()).unwrap();
        let err = backend.send(req).await.expect_err("nothing listens");
        assert_eq!(err.kind(), TransportErrorKind::Connect, "{err:?}");
        assert!(std::error::Error::source(&err).is_some(), "{err:?}");
    }

    /// The server accepts the connection and never answers: a `Timeout` error once the
    /// backend's timeout has passed.
    pub async fn silent_server_is_timeout(adapter: &Adapter) {
        let timeout = Duration::from_millis(400);
        let backend = (adapter.with_timeout)(timeout);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("local address");
        let holder = tokio::spawn(async move {
            let (socket, _) = listener.accept().await.expect("accept");
            tokio::time::sleep(Duration::from_secs(30)).await;
            drop(socket);
        });
        let url = format!("http://{addr}/v2/room");
        let req = request("GET", &url).body(Vec::new()).unwrap();
        let started = std::time::Instant::now();
        let err = backend.send(req).await.expect_err("no answer");
        let elapsed = started.elapsed();
        holder.abort();
        assert_eq!(err.kind(), TransportErrorKind::Timeout, "{err:?}");
        assert!(
            elapsed >= timeout - Duration::from_millis(50) && elapsed < Duration::from_secs(10),
            "gave up after {elapsed:?}"
        );
    }
}

/// Generates, for each listed case, one test per adapter.
macro_rules! conformance {
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

conformance!(
    methods_arrive_exactly,
    bodiless_post_sends_zero_length,
    encoded_path_and_query_arrive_unchanged,
    headers_arrive,
    json_body_arrives_exactly,
    binary_body_arrives_intact,
    large_body_arrives_without_expect,
    created_with_json_body,
    no_content_has_empty_body,
    redirect_is_returned_not_followed,
    not_found_is_a_response,
    rate_limited_is_a_response,
    refused_connection_is_connect,
    silent_server_is_timeout,
);
