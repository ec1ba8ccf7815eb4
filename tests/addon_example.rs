//! Drives the Echo example add-on (`examples/addon`) over loopback, playing HipChat.
//!
//! A mockito server (or the scripted mock backend) stands in for the HipChat server
//! (capabilities document, token endpoint, room notifications); the add-on runs on
//! `127.0.0.1:0` in a thread of its own; the test talks to it with a plain reqwest client and
//! signs its requests the way HipChat does, with `addon::jwt::sign` and the installation's OAuth
//! secret.

#[path = "../examples/addon/app.rs"]
mod app;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use hipchat::addon::descriptor::Descriptor;
use hipchat::addon::jwt::{self, Claims};
use hipchat::mock::{MockBackend, MockResponse};
use hipchat::model::{Authentication, Scope, WebhookEvent};
use hipchat::{HttpBackend, TransportErrorKind};
use hipchat_reqwest::reqwest;
use mockito::Matcher;
use serde_json::{Value, json};

const OAUTH_ID: &str = "5c1a7c2e-3f0b-4e55-9a55-2f6e1b1d7a01";
const OAUTH_SECRET: &str = "Jq8sW2xHn4vC7rT1yL0pZ6aF3dK9mE5b";
/// `Basic` + base64 of `OAUTH_ID:OAUTH_SECRET`, written out so that the test does not share
/// the client's encoder.
const BASIC_AUTH: &str = "Basic NWMxYTdjMmUtM2YwYi00ZTU1LTlhNTUtMmY2ZTFiMWQ3YTAxOkpxOHNXMnhIbjR2QzdyVDF5TDBwWjZhRjNkSzltRTVi";
/// The JOSE header `{"alg":"none","typ":"JWT"}`, base64url.
const ALG_NONE_HEADER: &str = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0";
const GROUP_ID: u64 = 42;
const ROOM_ID: u64 = 2251;
const ACCESS_TOKEN: &str = "echo-access-token-1";
/// What HipChat's token endpoint answers, with 401, once the add-on was uninstalled.
const INSTALLATION_GONE: &str = r#"{"error": {"code": 401, "message": "Invalid OAuth client credentials", "type": "Unauthorized"}}"#;
/// Longest a test may keep the add-on's server up, whatever happens.
const SERVER_LIFETIME: Duration = Duration::from_secs(60);

/// The add-on, serving on its own thread until dropped (or until [`SERVER_LIFETIME`]).
struct RunningAddon {
    base_url: String,
    /// What the app says its descriptor URL is.
    descriptor_url: String,
    /// The descriptor the app built, to compare with the one it serves.
    descriptor: Descriptor,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl RunningAddon {
    /// Starts the add-on with its own reqwest backend.
    fn start() -> RunningAddon {
        RunningAddon::start_with(None)
    }

    /// Starts the add-on; its calls to HipChat go through `backend` when one is given.
    fn start_with(backend: Option<Arc<dyn HttpBackend>>) -> RunningAddon {
        let stop = Arc::new(AtomicBool::new(false));
        let (ready, started) = mpsc::channel();
        let stop_flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let server = tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1:0");
            let address = server.server_addr().to_ip().expect("an IP address");
            let base_url = format!("http://{address}");
            // Created and dropped on this thread: the app owns a Tokio runtime, which must not
            // be dropped inside the test's async context.
            let app = match backend {
                Some(backend) => app::App::with_backend(&base_url, false, backend),
                None => app::App::new(&base_url, false),
            }
            .expect("the add-on starts");
            let served = (base_url, app.descriptor_url(), app.descriptor().clone());
            ready.send(served).expect("the test waits");
            let deadline = Instant::now() + SERVER_LIFETIME;
            app.serve(&server, || {
                !stop_flag.load(Ordering::SeqCst) && Instant::now() < deadline
            });
        });
        let (base_url, descriptor_url, descriptor) = started
            .recv_timeout(Duration::from_secs(10))
            .expect("the add-on is listening");
        RunningAddon {
            base_url,
            descriptor_url,
            descriptor,
            stop,
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}

impl Drop for RunningAddon {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The answer of the add-on to one request.
struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// A plain HTTP client with the reqwest backend's defaults (no redirects, timeouts).
fn http_client() -> reqwest::Client {
    hipchat_reqwest::ReqwestBackend::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("a reqwest client")
}

async fn call(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    headers: &[(&str, String)],
    body: Vec<u8>,
) -> Answer {
    let mut request = client.request(method, url).body(body);
    for (name, value) in headers {
        request = request.header(*name, value.as_str());
    }
    let response = request.send().await.expect("the add-on answers");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.bytes().await.expect("a body").to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

/// A token as HipChat signs it for a user in `ROOM_ID`, issued `age` seconds ago and valid for
/// `lifetime` seconds from then.
fn hipchat_token(iss: &str, secret: &str, age: u64, lifetime: u64) -> String {
    let iat = unix_now() - age;
    let claims = Claims::new(iss, iat, iat + lifetime)
        .with_sub("4979430")
        .with_jti(format!("jti-{iat}-{lifetime}"))
        .with_context(Some(ROOM_ID), Some("Europe/Berlin"));
    jwt::sign(&claims, secret)
}

fn valid_token() -> String {
    hipchat_token(OAUTH_ID, OAUTH_SECRET, 5, 300)
}

/// A `room_message` delivery of `text`, sent by Ada in `ROOM_ID` for `oauth_client_id`.
fn room_message(text: &str, oauth_client_id: &str) -> Vec<u8> {
    json!({
        "event": "room_message",
        "item": {
            "message": {
                "id": "f74a26c3-f54e-499d-b3b6-28fc28c932bb",
                "date": "2026-12-04T09:58:00.750428+00:00",
                "from": {"id": 4979430, "name": "Ada Lovelace", "mention_name": "AdaL",
                         "links": {"self": "https://chat.example.com/v2/user/4979430"}},
                "message": text,
                "mentions": [],
                "type": "message"
            },
            "room": {"id": ROOM_ID, "name": "Ops",
                     "links": {"self": "https://chat.example.com/v2/room/2251"}}
        },
        "webhook_id": 17775373,
        "oauth_client_id": oauth_client_id
    })
    .to_string()
    .into_bytes()
}

async fn post_webhook(
    client: &reqwest::Client,
    addon: &RunningAddon,
    query: &str,
    authorization: Option<String>,
    body: Vec<u8>,
) -> Answer {
    let mut headers = vec![("content-type", "application/json".to_owned())];
    if let Some(authorization) = authorization {
        headers.push(("authorization", authorization));
    }
    let url = addon.url(&format!("{}{query}", app::WEBHOOK_PATH));
    call(client, reqwest::Method::POST, url, &headers, body).await
}

async fn get_glance(client: &reqwest::Client, addon: &RunningAddon, query: &str) -> Answer {
    let url = addon.url(&format!("{}{query}", app::GLANCE_PATH));
    call(client, reqwest::Method::GET, url, &[], Vec::new()).await
}

/// The capabilities document of the mock HipChat at `url`, naming itself with `self_url`.
fn capabilities_document(url: &str, self_url: &str) -> Value {
    json!({
        "name": "HipChat",
        "key": "hipchat",
        "links": {"self": self_url, "api": format!("{url}/v2")},
        "capabilities": {
            "hipchatApiProvider": {"url": format!("{url}/v2"), "availableScopes": {}},
            "oauth2Provider": {
                "authorizationUrl": format!("{url}/users/authorize"),
                "tokenUrl": format!("{url}/v2/oauth/token")
            }
        }
    })
}

fn installation_payload(capabilities_url: &str) -> Vec<u8> {
    json!({
        "capabilitiesUrl": capabilities_url,
        "oauthId": OAUTH_ID,
        "oauthSecret": OAUTH_SECRET,
        "groupId": GROUP_ID,
        "roomId": ROOM_ID
    })
    .to_string()
    .into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn echo_addon_lifecycle_over_loopback() {
    let started = Instant::now();

    // HipChat: capabilities, token endpoint, room notifications.
    let mut hipchat = mockito::Server::new_async().await;
    let hipchat_url = hipchat.url();
    let capabilities_url = format!("{hipchat_url}/v2/capabilities");
    let capabilities = hipchat
        .mock("GET", "/v2/capabilities")
        .with_status(200)
        .with_header("content-type", "application/json")
        .with_body(capabilities_document(&hipchat_url, &capabilities_url).to_string())
        .expect(1)
        .create_async()
        .await;
    let token = hipchat
        .mock("POST", "/v2/oauth/token")
        .match_header("authorization", BASIC_AUTH)
        .match_header(
            "content-type",
            Matcher::Regex("^application/x-www-form-urlencoded".into()),
        )
        .match_body(Matcher::AllOf(vec![
            Matcher::UrlEncoded("grant_type".into(), "client_credentials".into()),
            Matcher::UrlEncoded("scope".into(), "send_notification view_room".into()),
        ]))
        .with_status(200)
        .with_header("content-type", "application/json")
        .with_body(
            json!({
                "access_token": ACCESS_TOKEN, "token_type": "bearer", "expires_in": 3599,
                "scope": "send_notification view_room", "group_id": GROUP_ID,
                "group_name": "Example"
            })
            .to_string(),
        )
        .expect(1)
        .create_async()
        .await;
    let greeting = hipchat
        .mock("POST", "/v2/room/2251/notification")
        .match_header("authorization", format!("Bearer {ACCESS_TOKEN}").as_str())
        .match_body(Matcher::PartialJson(json!({
            "message": "Echo is installed: type /echo followed by anything.",
            "message_format": "text",
            "color": "green"
        })))
        .with_status(204)
        .expect(1)
        .create_async()
        .await;

    let addon = RunningAddon::start();
    let client = http_client();

    // The descriptor.
    let answer = call(
        &client,
        reqwest::Method::GET,
        addon.url(app::DESCRIPTOR_PATH),
        &[],
        Vec::new(),
    )
    .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    let descriptor: Descriptor = serde_json::from_slice(&answer.body).expect("a descriptor");
    descriptor.validate().expect("the descriptor is valid");
    assert_eq!(
        descriptor, addon.descriptor,
        "the served descriptor round-trips"
    );
    assert_eq!(addon.descriptor_url, addon.url("/atlassian-connect.json"));
    assert_eq!(descriptor.key, app::ADDON_KEY);
    assert_eq!(descriptor.links.self_link, addon.url(app::DESCRIPTOR_PATH));
    assert_eq!(
        descriptor.scopes(),
        &[Scope::SendNotification, Scope::ViewRoom]
    );
    let caps = descriptor.capabilities.as_ref().expect("capabilities");
    let installable = caps.installable.as_ref().expect("installable");
    assert_eq!(
        installable.callback_url.as_deref(),
        Some(addon.url("/installed").as_str())
    );
    let webhooks = caps.webhook.as_deref().expect("a webhook");
    assert_eq!(webhooks.len(), 1);
    assert_eq!(webhooks[0].url, addon.url("/webhook/room-message"));
    assert_eq!(webhooks[0].event, WebhookEvent::RoomMessage);
    assert_eq!(webhooks[0].pattern.as_deref(), Some(r"^/echo\b"));
    assert_eq!(webhooks[0].authentication, Some(Authentication::Jwt));
    let glances = caps.glance.as_deref().expect("a glance");
    assert_eq!(glances.len(), 1);
    assert_eq!(glances[0].key, app::GLANCE_KEY);
    assert_eq!(
        glances[0].query_url.as_deref(),
        Some(addon.url("/glance").as_str())
    );

    // Before the installation, HipChat's tokens name an installation the add-on does not know.
    let answer = post_webhook(
        &client,
        &addon,
        "",
        Some(format!("JWT {}", valid_token())),
        room_message("/echo too early", OAUTH_ID),
    )
    .await;
    assert_eq!(answer.status, 401);

    // The installation: capabilities, token and greeting each reach HipChat exactly once.
    let answer = call(
        &client,
        reqwest::Method::POST,
        addon.url("/installed"),
        &[("content-type", "application/json".to_owned())],
        installation_payload(&capabilities_url),
    )
    .await;
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    capabilities.assert_async().await;
    token.assert_async().await;
    greeting.assert_async().await;

    // A signed room_message webhook gets the echo as its reply.
    let answer = post_webhook(
        &client,
        &addon,
        "",
        Some(format!("JWT {}", valid_token())),
        room_message("/echo hello there", OAUTH_ID),
    )
    .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert_eq!(
        answer.json(),
        json!({"message": "Ada Lovelace said: hello there", "color": "gray", "message_format": "text"})
    );

    // The same token in `signed_request` is accepted too.
    let answer = post_webhook(
        &client,
        &addon,
        &format!("?signed_request={}", valid_token()),
        None,
        room_message("/echo", OAUTH_ID),
    )
    .await;
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.json(),
        json!({"message": "Ada Lovelace: type something after /echo", "color": "gray", "message_format": "text"})
    );

    // Every request that is not signed by the installation is refused, with 401.
    let valid = valid_token();
    let (header, payload) = {
        let mut parts = valid.split('.');
        (
            parts.next().unwrap().to_owned(),
            parts.next().unwrap().to_owned(),
        )
    };
    let tampered_payload = {
        // Same header and signature, another payload (valid for a day instead of five minutes).
        let other = hipchat_token(OAUTH_ID, "some-other-secret", 5, 86_400);
        let other_payload = other.split('.').nth(1).unwrap().to_owned();
        let signature = valid.split('.').nth(2).unwrap();
        format!("{header}.{other_payload}.{signature}")
    };
    let refused: [(&str, Option<String>); 8] = [
        (
            "bad signature",
            Some(format!(
                "JWT {}",
                hipchat_token(OAUTH_ID, "not-the-secret", 5, 300)
            )),
        ),
        (
            "payload swapped after signing",
            Some(format!("JWT {tampered_payload}")),
        ),
        (
            "expired an hour ago",
            Some(format!(
                "JWT {}",
                hipchat_token(OAUTH_ID, OAUTH_SECRET, 7_200, 3_600)
            )),
        ),
        (
            "issued in the future",
            Some(format!("JWT {}", {
                let iat = unix_now() + 3_600;
                jwt::sign(&Claims::new(OAUTH_ID, iat, iat + 300), OAUTH_SECRET)
            })),
        ),
        (
            "unknown issuer",
            Some(format!(
                "JWT {}",
                hipchat_token("unknown-oauth-id", OAUTH_SECRET, 5, 300)
            )),
        ),
        (
            "alg none",
            Some(format!("JWT {ALG_NONE_HEADER}.{payload}.")),
        ),
        ("another scheme", Some(format!("Bearer {valid}"))),
        ("no token", None),
    ];
    for (case, authorization) in refused {
        let answer = post_webhook(
            &client,
            &addon,
            "",
            authorization,
            room_message("/echo let me in", OAUTH_ID),
        )
        .await;
        assert_eq!(answer.status, 401, "{case}");
        assert_eq!(answer.header("www-authenticate"), Some("JWT"), "{case}");
        assert!(
            answer
                .header("content-type")
                .is_some_and(|t| t.starts_with("text/plain")),
            "{case}"
        );
    }

    // A valid token with a body naming another installation is refused as well.
    let answer = post_webhook(
        &client,
        &addon,
        "",
        Some(format!("JWT {}", valid_token())),
        room_message("/echo hi", "0d5a2c1e-another-installation"),
    )
    .await;
    assert_eq!(answer.status, 401);

    // A signed request with a body that is not a webhook delivery: 400.
    let answer = post_webhook(
        &client,
        &addon,
        "",
        Some(format!("JWT {}", valid_token())),
        b"{\"event\": \"room_message\"}".to_vec(),
    )
    .await;
    assert_eq!(answer.status, 400);

    // The glance, signed in the query, answers with glance data readable cross-origin.
    let answer = get_glance(
        &client,
        &addon,
        &format!("?signed_request={}", valid_token()),
    )
    .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("access-control-allow-origin"), Some("*"));
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert_eq!(
        answer.json(),
        json!({
            "label": {"type": "html", "value": "Echo is <b>listening</b>"},
            "status": {"type": "lozenge", "value": {"label": "ON", "type": "success"}},
            "metadata": {"room_id": ROOM_ID}
        })
    );
    let answer = get_glance(&client, &addon, "").await;
    assert_eq!(answer.status, 401);
    assert_eq!(answer.header("access-control-allow-origin"), Some("*"));
    let expired = hipchat_token(OAUTH_ID, OAUTH_SECRET, 7_200, 3_600);
    let answer = get_glance(&client, &addon, &format!("?signed_request={expired}")).await;
    assert_eq!(answer.status, 401);

    // Methods and paths the add-on does not serve.
    let answer = call(
        &client,
        reqwest::Method::GET,
        addon.url("/installed"),
        &[],
        Vec::new(),
    )
    .await;
    assert_eq!(answer.status, 405);
    let answer = call(
        &client,
        reqwest::Method::GET,
        addon.url("/nowhere"),
        &[],
        Vec::new(),
    )
    .await;
    assert_eq!(answer.status, 404);
    let answer = call(
        &client,
        reqwest::Method::DELETE,
        addon.url(&format!("/installed/{OAUTH_ID}/extra")),
        &[],
        Vec::new(),
    )
    .await;
    assert_eq!(answer.status, 400);

    // Webhooks and glances never called HipChat.
    capabilities.assert_async().await;
    token.assert_async().await;
    greeting.assert_async().await;

    // The uninstallation, confirmed by the token endpoint, which no longer knows the
    // installation: afterwards the installation's own tokens are refused.
    token.remove_async().await;
    let gone = hipchat
        .mock("POST", "/v2/oauth/token")
        .match_header("authorization", BASIC_AUTH)
        .with_status(401)
        .with_header("content-type", "application/json")
        .with_body(INSTALLATION_GONE)
        .expect(1)
        .create_async()
        .await;
    let answer = call(
        &client,
        reqwest::Method::DELETE,
        addon.url(&format!("/installed/{OAUTH_ID}")),
        &[],
        Vec::new(),
    )
    .await;
    assert_eq!(answer.status, 204);
    let answer = post_webhook(
        &client,
        &addon,
        "",
        Some(format!("JWT {}", valid_token())),
        room_message("/echo still there?", OAUTH_ID),
    )
    .await;
    assert_eq!(answer.status, 401);
    let answer = get_glance(
        &client,
        &addon,
        &format!("?signed_request={}", valid_token()),
    )
    .await;
    assert_eq!(answer.status, 401);

    // The uninstallation asked the token endpoint once; nothing else called HipChat again.
    gone.assert_async().await;
    capabilities.assert_async().await;
    greeting.assert_async().await;

    drop(addon);
    eprintln!("lifecycle test took {:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn installations_that_cannot_be_completed_are_not_kept() {
    // A capabilities document that names another URL than the one it was fetched from.
    let mut hipchat = mockito::Server::new_async().await;
    let hipchat_url = hipchat.url();
    let capabilities_url = format!("{hipchat_url}/v2/capabilities");
    let capabilities = hipchat
        .mock("GET", "/v2/capabilities")
        .with_status(200)
        .with_header("content-type", "application/json")
        .with_body(
            capabilities_document(
                &hipchat_url,
                "https://elsewhere.example.com/v2/capabilities",
            )
            .to_string(),
        )
        .expect(1)
        .create_async()
        .await;
    let token = hipchat
        .mock("POST", "/v2/oauth/token")
        .expect(0)
        .create_async()
        .await;

    let addon = RunningAddon::start();
    let client = http_client();

    let answer = call(
        &client,
        reqwest::Method::POST,
        addon.url("/installed"),
        &[("content-type", "application/json".to_owned())],
        installation_payload(&capabilities_url),
    )
    .await;
    assert_eq!(answer.status, 502);
    capabilities.assert_async().await;
    token.assert_async().await;

    // Nothing was kept: a token signed with the secret sent in that POST is refused.
    let answer = post_webhook(
        &client,
        &addon,
        "",
        Some(format!("JWT {}", valid_token())),
        room_message("/echo hi", OAUTH_ID),
    )
    .await;
    assert_eq!(answer.status, 401);

    // Payloads that are not installations: 400, and HipChat is not called.
    for (case, body) in [
        ("not JSON", b"oauthId=1".to_vec()),
        (
            "no secret",
            json!({"capabilitiesUrl": capabilities_url, "oauthId": OAUTH_ID, "groupId": 1})
                .to_string()
                .into_bytes(),
        ),
        (
            "capabilities over plain http to another host",
            installation_payload("http://chat.example.com/v2/capabilities"),
        ),
    ] {
        let answer = call(
            &client,
            reqwest::Method::POST,
            addon.url("/installed"),
            &[("content-type", "application/json".to_owned())],
            body,
        )
        .await;
        assert_eq!(answer.status, 400, "{case}");
    }
    capabilities.assert_async().await;
}

/// The mock HipChat of the mock-backend tests.
const MOCK_HIPCHAT: &str = "https://chat.example.com";

/// A token for the installation, as the token endpoint grants it.
fn token_granted() -> MockResponse {
    MockResponse::json(
        200,
        json!({
            "access_token": ACCESS_TOKEN, "token_type": "bearer", "expires_in": 3599,
            "scope": "send_notification view_room", "group_id": GROUP_ID,
            "group_name": "Example"
        }),
    )
}

/// Scripts what an installation asks of HipChat: the capabilities document, a token and the
/// greeting.
fn script_installation(mock: &MockBackend) {
    let capabilities_url = format!("{MOCK_HIPCHAT}/v2/capabilities");
    mock.expect_get("/v2/capabilities")
        .no_header("authorization")
        .respond(MockResponse::json(
            200,
            capabilities_document(MOCK_HIPCHAT, &capabilities_url),
        ));
    mock.expect_post("/v2/oauth/token")
        .header("authorization", BASIC_AUTH)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials&scope=send_notification+view_room")
        .respond(token_granted());
    mock.expect_post("/v2/room/2251/notification")
        .header("authorization", &format!("Bearer {ACCESS_TOKEN}"))
        .json_body(json!({
            "message": "Echo is installed: type /echo followed by anything.",
            "message_format": "text",
            "color": "green"
        }))
        .respond(MockResponse::empty(204));
}

/// Installs the add-on (HipChat's side scripted with [`script_installation`]).
async fn install(client: &reqwest::Client, addon: &RunningAddon) {
    let capabilities_url = format!("{MOCK_HIPCHAT}/v2/capabilities");
    let answer = call(
        client,
        reqwest::Method::POST,
        addon.url("/installed"),
        &[("content-type", "application/json".to_owned())],
        installation_payload(&capabilities_url),
    )
    .await;
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
}

async fn uninstall(client: &reqwest::Client, addon: &RunningAddon) -> Answer {
    let url = addon.url(&format!("/installed/{OAUTH_ID}"));
    call(client, reqwest::Method::DELETE, url, &[], Vec::new()).await
}

/// The status of a valid signed webhook: 200 while the add-on knows the installation.
async fn webhook_status(client: &reqwest::Client, addon: &RunningAddon) -> u16 {
    let authorization = Some(format!("JWT {}", valid_token()));
    let body = room_message("/echo anyone there?", OAUTH_ID);
    post_webhook(client, addon, "", authorization, body)
        .await
        .status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn install_against_the_mock_backend() {
    // HipChat played by the scripted mock backend instead of a server: no port, same checks.
    let mock = MockBackend::new();
    script_installation(&mock);

    let addon = RunningAddon::start_with(Some(Arc::new(mock.clone())));
    let client = http_client();
    install(&client, &addon).await;
    mock.assert_done();
    let sent: Vec<String> = mock
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.uri))
        .collect();
    assert_eq!(
        sent,
        [
            "GET https://chat.example.com/v2/capabilities",
            "POST https://chat.example.com/v2/oauth/token",
            "POST https://chat.example.com/v2/room/2251/notification",
        ]
    );

    let answer = post_webhook(
        &client,
        &addon,
        "",
        Some(format!("JWT {}", valid_token())),
        room_message("/echo mocked", OAUTH_ID),
    )
    .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json()["message"], "Ada Lovelace said: mocked");
    assert_eq!(mock.requests().len(), 3, "a webhook calls no API");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uninstalls_are_confirmed_with_the_token_endpoint() {
    let mock = MockBackend::new();
    script_installation(&mock);
    let addon = RunningAddon::start_with(Some(Arc::new(mock.clone())));
    let client = http_client();
    install(&client, &addon).await;
    mock.assert_done();

    // Anyone can send the DELETE. While HipChat still grants the installation a token, the
    // installation is kept.
    mock.expect_post("/v2/oauth/token")
        .header("authorization", BASIC_AUTH)
        .respond(token_granted());
    assert_eq!(uninstall(&client, &addon).await.status, 204);
    mock.assert_done();
    assert_eq!(webhook_status(&client, &addon).await, 200, "forged DELETE");

    // A HipChat that cannot be asked, or that fails, confirms nothing either.
    let unconfirmed = [
        (
            "unreachable",
            MockResponse::transport_error(TransportErrorKind::Connect, "connection refused"),
        ),
        ("server error", MockResponse::hipchat_error(500, "Oops")),
        (
            "rate limited",
            MockResponse::hipchat_error(429, "Slow down"),
        ),
    ];
    for (case, response) in unconfirmed {
        mock.expect_post("/v2/oauth/token").respond(response);
        assert_eq!(uninstall(&client, &addon).await.status, 204, "{case}");
        mock.assert_done();
        assert_eq!(webhook_status(&client, &addon).await, 200, "{case}");
    }

    // The token endpoint no longer knows the installation (401): it is forgotten.
    mock.expect_post("/v2/oauth/token")
        .header("authorization", BASIC_AUTH)
        .respond(MockResponse::hipchat_error(
            401,
            "Invalid OAuth client credentials",
        ));
    assert_eq!(uninstall(&client, &addon).await.status, 204);
    mock.assert_done();
    assert_eq!(webhook_status(&client, &addon).await, 401);

    // A DELETE for an installation the add-on does not know asks HipChat nothing.
    let asked = mock.requests().len();
    assert_eq!(uninstall(&client, &addon).await.status, 204);
    assert_eq!(mock.requests().len(), asked);
}
