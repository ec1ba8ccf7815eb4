//! The client's secrets stay secret: its access token, the OAuth client secret, passwords and
//! refresh tokens never show up where they could end up in logs (request URIs, `Debug` output,
//! error messages), and the `Authorization` header never follows a redirect to another server.
//!
//! Most checks run on the mock backend, which records every request; the redirect checks run
//! both real adapters against two local servers.

use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use hipchat::api::capabilities::GetCapabilities;
use hipchat::api::emoticons::{GetAllEmoticons, GetEmoticon};
use hipchat::api::invites::InviteUserToGroup;
use hipchat::api::oauth_sessions::{DeleteSession, GenerateToken, GetSession};
use hipchat::api::rooms::{
    CreateRoom, DeleteRoom, GetAllRooms, GetAllWebhooks, GetRoom, GetRoomAvatar, SendMessage,
    SendRoomNotification, SetTopic, ShareLinkWithRoom, ViewRoomHistory,
};
use hipchat::api::users::{CreateUser, GetAllUsers, GetPhoto, PrivateMessageUser, ViewUser};
use hipchat::mock::{MockBackend, MockResponse};
use hipchat::model::{GrantType, PhotoSize, Scope, Session, Token};
use hipchat::{Client, Endpoint, Error, HttpBackend, TransportErrorKind, build_request};

/// The client's own access token.
const TOKEN: &str = "Cl1entT0ken-7a1b9c";
/// A token looked up or revoked through `GET`/`DELETE /oauth/token/{token}`: it travels in the
/// path by the API's design, so it is deliberately a different value from [`TOKEN`].
const LOOKED_UP: &str = "L00kedUp-5ess10n-e8f7";
const CLIENT_ID: &str = "addon-client-id";
const CLIENT_SECRET: &str = "0authCl1entS3cret-b2c3";
const PASSWORD: &str = "Pa55w0rd-hunter2";
const REFRESH_TOKEN: &str = "R3fresh-T0ken-d4e5";
const AUTH_CODE: &str = "Auth0r1zat10nC0de-99";
/// An access token the server issues, held by the `Token` and `Session` models.
const ISSUED: &str = "1ssuedAcce55T0ken-f6a7";

/// A client with every kind of credential, on `backend`.
fn client_on(backend: impl HttpBackend + 'static) -> Client {
    Client::builder()
        .token(TOKEN)
        .oauth_client(CLIENT_ID, CLIENT_SECRET)
        .backend(backend)
        .build()
        .expect("valid credentials")
}

/// The `Basic ...` credentials of the token endpoint, as the client itself encodes them.
fn basic_credentials() -> String {
    let config = Client::builder()
        .oauth_client(CLIENT_ID, CLIENT_SECRET)
        .build_config()
        .expect("config");
    let request = build_request(&config, &GenerateToken::new(GrantType::ClientCredentials))
        .expect("token request");
    let value = request.headers()["authorization"]
        .to_str()
        .expect("ASCII")
        .to_owned();
    value.strip_prefix("Basic ").expect("HTTP Basic").to_owned()
}

/// Every secret value the tests hand to the crate.
fn secrets() -> Vec<String> {
    let mut all: Vec<String> = [
        TOKEN,
        CLIENT_SECRET,
        PASSWORD,
        REFRESH_TOKEN,
        AUTH_CODE,
        ISSUED,
    ]
    .map(str::to_owned)
    .to_vec();
    all.push(basic_credentials());
    all
}

/// `text` (the rendering of `what`) contains no secret, not even percent- or form-encoded.
#[track_caller]
fn assert_no_secret(what: &str, text: &str) {
    for secret in secrets() {
        // The secrets are made of unreserved characters, so their URL and form encodings are
        // the secrets themselves.
        assert!(
            !text.contains(&secret),
            "{what} shows the secret {secret:?}:\n{text}"
        );
    }
}

/// Both renderings of an error, checked.
#[track_caller]
fn assert_error_hides_secrets(what: &str, err: &Error) {
    assert_no_secret(&format!("Display of {what}"), &err.to_string());
    assert_no_secret(&format!("Debug of {what}"), &format!("{err:?}"));
    assert_no_secret(&format!("pretty Debug of {what}"), &format!("{err:#?}"));
}

/// Sends `endpoint` and keeps the error, whatever the response type.
async fn send_for_error<E: Endpoint>(client: &Client, endpoint: E) -> Error {
    match client.send(&endpoint).await {
        Ok(_) => panic!("the unscripted mock answers nothing with success"),
        Err(e) => e,
    }
}

/// A sample of endpoints of every shape (paths with parameters, queries, JSON and form bodies,
/// the token endpoint, the unauthenticated capabilities, the two methods with a token in the
/// path) goes to a mock with nothing scripted: every request is recorded and fails as
/// unmatched. The client's token is in no URI, and in no error message.
#[tokio::test]
async fn token_is_in_no_request_uri_and_no_unmatched_error() {
    let mock = MockBackend::new();
    let client = client_on(mock.clone());

    let mut errors = vec![
        send_for_error(&client, GetRoom::new("Ops Team")).await,
        send_for_error(&client, GetAllRooms::new().max_results(5)).await,
        send_for_error(&client, ViewRoomHistory::new("ops").include_deleted(true)).await,
        send_for_error(&client, SendRoomNotification::new("ops", "deploy done")).await,
        send_for_error(&client, SendMessage::new("ops", "hello")).await,
        send_for_error(&client, SetTopic::new("ops", "Deploys")).await,
        send_for_error(&client, CreateRoom::new("New Room")).await,
        send_for_error(&client, DeleteRoom::new("old")).await,
        send_for_error(&client, GetRoomAvatar::new("ops")).await,
        send_for_error(&client, GetAllWebhooks::new("ops")).await,
        send_for_error(
            &client,
            ShareLinkWithRoom::new("ops", "https://example.com/x"),
        )
        .await,
        send_for_error(&client, GetAllUsers::new()).await,
        send_for_error(&client, ViewUser::new("alice@example.com")).await,
        send_for_error(&client, PrivateMessageUser::new("@alice", "psst")).await,
        send_for_error(&client, GetPhoto::new("@alice", PhotoSize::Big)).await,
        send_for_error(&client, CreateUser::new("Bob", "bob@example.com")).await,
        send_for_error(&client, InviteUserToGroup::new("c@example.com", "Carol")).await,
        send_for_error(&client, GetAllEmoticons::new()).await,
        send_for_error(&client, GetEmoticon::new("shrug")).await,
        send_for_error(&client, GetCapabilities::new()).await,
        send_for_error(
            &client,
            GenerateToken::new(GrantType::ClientCredentials).scope([Scope::SendNotification]),
        )
        .await,
        send_for_error(
            &client,
            GenerateToken::new(GrantType::Password)
                .username("alice@example.com")
                .password(PASSWORD),
        )
        .await,
        send_for_error(
            &client,
            GenerateToken::new(GrantType::RefreshToken).refresh_token(REFRESH_TOKEN),
        )
        .await,
        send_for_error(
            &client,
            GenerateToken::new(GrantType::AuthorizationCode)
                .code(AUTH_CODE)
                .redirect_url("https://addon.example.com/cb"),
        )
        .await,
        send_for_error(&client, GetSession::new(LOOKED_UP)).await,
        send_for_error(&client, DeleteSession::new(LOOKED_UP)).await,
    ];
    // The access check adds `auth_test=true` to the query; the token stays out of it.
    errors.push(
        client
            .check_access(&SendRoomNotification::new("ops", "may I?"))
            .await
            .expect_err("nothing scripted"),
    );

    let requests = mock.requests();
    assert_eq!(requests.len(), errors.len(), "one request per call");
    let mut bearer = 0;
    for request in &requests {
        let uri = request.uri.to_string();
        assert_no_secret(&format!("the URI of {} {uri}", request.method), &uri);
        match request.header("authorization") {
            Some(value) if value.starts_with("Bearer ") => {
                // The token was in play, in its header, and only there.
                assert_eq!(value, format!("Bearer {TOKEN}"), "{uri}");
                bearer += 1;
            }
            Some(value) => assert!(value.starts_with("Basic "), "{uri}: {value}"),
            None => assert_eq!(request.path(), "/v2/capabilities"),
        }
    }
    assert_eq!(
        bearer,
        requests.len() - 5,
        "all but 4 token requests and capabilities"
    );

    // By design the looked-up token is the path; the client's own token is not.
    let sessions: Vec<_> = requests
        .iter()
        .filter(|r| r.path().starts_with("/v2/oauth/token/"))
        .collect();
    assert_eq!(sessions.len(), 2);
    for request in sessions {
        assert_eq!(request.path(), format!("/v2/oauth/token/{LOOKED_UP}"));
    }
    let check = requests.last().expect("the access check");
    assert_eq!(
        check.query_pairs(),
        vec![("auth_test".to_owned(), "true".to_owned())]
    );

    for (err, request) in errors.iter().zip(&requests) {
        let Error::Transport(e) = err else {
            panic!("expected the mock's unmatched-request error, got {err:?}")
        };
        assert_eq!(e.kind(), TransportErrorKind::Other);
        if request.headers.contains_key("authorization") {
            assert!(
                e.message().contains("authorization: Bearer <redacted>")
                    || e.message().contains("authorization: Basic <redacted>"),
                "the Authorization header is shown redacted: {}",
                e.message()
            );
        }
        assert_error_hides_secrets(&format!("{} {}", request.method, request.uri), err);
    }
}

/// `Debug` of everything that holds a secret shows none.
#[test]
fn debug_output_hides_secrets() {
    let builder = Client::builder()
        .token(TOKEN)
        .oauth_client(CLIENT_ID, CLIENT_SECRET)
        .user_agent("security-suite/1");
    assert_no_secret("ClientBuilder", &format!("{builder:?} {builder:#?}"));
    let config = builder.build_config().expect("config");
    assert_no_secret("ClientConfig", &format!("{config:?} {config:#?}"));
    let credentials = config.credentials();
    let shown = format!("{credentials:?} {credentials:#?}");
    assert_no_secret("Credentials", &shown);
    assert!(shown.contains(CLIENT_ID), "the id is not a secret: {shown}");
    let client = builder.backend(MockBackend::new()).build().expect("client");
    assert_no_secret("Client", &format!("{client:?} {client:#?}"));

    let password = GenerateToken::new(GrantType::Password)
        .username("alice@example.com")
        .password(PASSWORD);
    let refresh = GenerateToken::new(GrantType::RefreshToken).refresh_token(REFRESH_TOKEN);
    let code = GenerateToken::new(GrantType::AuthorizationCode)
        .code(AUTH_CODE)
        .redirect_url("https://addon.example.com/cb");
    for request in [&password, &refresh, &code] {
        assert_no_secret("GenerateToken", &format!("{request:?} {request:#?}"));
        let body = request.body().expect("a body").expect("a form");
        assert_no_secret("Body", &format!("{body:?} {body:#?}"));
        // The secrets are in the body's bytes, which is where they belong.
        let text = String::from_utf8(body.bytes().to_vec()).expect("a form is text");
        assert!(
            [PASSWORD, REFRESH_TOKEN, AUTH_CODE]
                .iter()
                .any(|s| text.contains(s)),
            "{text}"
        );

        // The whole built request: the Authorization header is marked sensitive, and the body
        // is bytes.
        let built = build_request(&config, request).expect("request");
        assert!(built.headers()["authorization"].is_sensitive());
        assert_no_secret("HttpRequest", &format!("{built:?} {built:#?}"));
    }
    let json_body = SendMessage::new("ops", "hello")
        .body()
        .expect("a body")
        .expect("JSON");
    let built = build_request(&config, &SendMessage::new("ops", "hello")).expect("request");
    assert!(built.headers()["authorization"].is_sensitive());
    assert_no_secret(
        "a Bearer request",
        &format!("{json_body:?} {built:?} {:?}", built.headers()),
    );

    let token: Token = serde_json::from_value(serde_json::json!({
        "access_token": ISSUED, "token_type": "bearer", "expires_in": 3599,
        "scope": "send_notification", "refresh_token": REFRESH_TOKEN,
        "group_id": 1, "group_name": "Example"
    }))
    .expect("a token");
    assert_no_secret("Token", &format!("{token:?} {token:#?}"));
    let session: Session = serde_json::from_value(serde_json::json!({
        "access_token": ISSUED, "expires_in": 3600, "scopes": ["send_notification"],
        "client": {"id": CLIENT_ID, "allowed_scopes": ["send_notification"]},
        "owner_type": "group"
    }))
    .expect("a session");
    assert_no_secret("Session", &format!("{session:?} {session:#?}"));
    let lookup = GetSession::new(ISSUED);
    let revoke = DeleteSession::new(ISSUED);
    assert_no_secret("GetSession", &format!("{lookup:?}"));
    assert_no_secret("DeleteSession", &format!("{revoke:?}"));
}

/// Errors of every variant show no secret: refused input, unmatched mock requests (including a
/// password grant, whose body the mock prints), API errors and decode errors.
#[tokio::test]
async fn errors_show_no_secret() {
    // InvalidInput: a token that cannot be a header value is refused without being echoed.
    for bad in [
        format!("{TOKEN}\n"),
        format!("{TOKEN}\r\nX-Injected: 1"),
        format!("\0{TOKEN}"),
    ] {
        let err = Client::builder()
            .token(bad)
            .backend(MockBackend::new())
            .build()
            .expect_err("refused");
        assert!(
            matches!(&err, Error::InvalidInput(e) if e.field() == "token"),
            "{err:?}"
        );
        assert_error_hides_secrets("a refused token", &err);
    }

    let mock = MockBackend::new();
    mock.expect_get("/v2/room/ops")
        .respond(MockResponse::hipchat_error(401, "Invalid OAuth session"));
    mock.expect_get("/v2/room/half")
        .respond(MockResponse::bytes(200, r#"{"id": 7, "name": "#));
    mock.expect_post("/v2/oauth/token")
        .respond(MockResponse::json(
            200,
            serde_json::json!({"access_token": ISSUED, "expires_in": [3599]}),
        ));
    let client = client_on(mock.clone());

    // InvalidInput from an endpoint: a password grant without its password.
    let err = client
        .send(&GenerateToken::new(GrantType::Password).username("alice"))
        .await
        .expect_err("refused");
    assert!(matches!(&err, Error::InvalidInput(e) if e.field() == "password"));
    assert_error_hides_secrets("a refused grant", &err);
    // InvalidInput: the token endpoint on a client that only has a token.
    let token_only = Client::builder()
        .token(TOKEN)
        .backend(mock.clone())
        .build()
        .expect("client");
    let err = token_only
        .send(&GenerateToken::new(GrantType::ClientCredentials))
        .await
        .expect_err("refused");
    assert!(matches!(&err, Error::InvalidInput(e) if e.field() == "credentials"));
    assert_error_hides_secrets("a missing OAuth client", &err);

    // Api.
    let err = client.send(&GetRoom::new("ops")).await.expect_err("401");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_error_hides_secrets("a 401", &err);

    // Decode, with the issued token in the body that failed to decode.
    let err = client
        .send(&GetRoom::new("half"))
        .await
        .expect_err("cut JSON");
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    assert_error_hides_secrets("a decode error", &err);
    let err = client
        .send(
            &GenerateToken::new(GrantType::Password)
                .username("alice")
                .password(PASSWORD),
        )
        .await
        .expect_err("expires_in is not a number");
    let Error::Decode(decode) = &err else {
        panic!("expected Error::Decode, got {err:?}")
    };
    assert_eq!(decode.path(), "expires_in");
    assert_error_hides_secrets("a token that failed to decode", &err);

    // Transport: an unmatched password grant; the mock prints the form with the password and
    // the Basic credentials redacted.
    let err = client
        .send(
            &GenerateToken::new(GrantType::Password)
                .username("alice")
                .password(PASSWORD),
        )
        .await
        .expect_err("not scripted a second time");
    let Error::Transport(transport) = &err else {
        panic!("expected the unmatched-request error, got {err:?}")
    };
    assert!(
        transport.message().contains("password=<redacted>")
            && transport.message().contains("Basic <redacted>"),
        "{}",
        transport.message()
    );
    assert_error_hides_secrets("an unmatched password grant", &err);
    // The mock's own report of what went wrong is redacted the same way.
    let problems = mock.verify().expect_err("one request was not scripted");
    assert!(problems.contains("received but not expected"), "{problems}");
    assert_no_secret("MockBackend::verify", &problems);
}

/// The real adapters' own errors (nothing listens) carry no secret either: their messages name
/// the URL, which holds no token.
#[tokio::test]
async fn real_adapter_errors_show_no_secret() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address").port()
    };
    let backends: [Arc<dyn HttpBackend>; 2] = [
        Arc::new(hipchat_reqwest::ReqwestBackend::new()),
        Arc::new(hipchat_isahc::IsahcBackend::new()),
    ];
    for backend in backends {
        let client = Client::builder()
            .base_url(format!("http://127.0.0.1:{port}/v2"))
            .token(TOKEN)
            .oauth_client(CLIENT_ID, CLIENT_SECRET)
            .shared_backend(backend)
            .build()
            .expect("client");
        assert_no_secret("Client on a real backend", &format!("{client:?}"));
        let err = client
            .send(&SendRoomNotification::new("ops", "hi"))
            .await
            .expect_err("refused");
        assert!(
            matches!(&err, Error::Transport(e) if e.kind() == TransportErrorKind::Connect),
            "{err:?}"
        );
        assert_error_hides_secrets("a refused connection", &err);
        let err = client
            .send(
                &GenerateToken::new(GrantType::Password)
                    .username("alice")
                    .password(PASSWORD),
            )
            .await
            .expect_err("refused");
        assert_error_hides_secrets("a refused token request", &err);
    }
}

// ---------------------------------------------------------------------------------------------
// Redirects to another server: two local servers, A redirecting to B.

/// A request as a recording server read it.
#[derive(Debug, Clone)]
struct Received {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

type Answer = Box<dyn Fn(&Received) -> Vec<u8> + Send>;

/// A server on 127.0.0.1 that records each request and answers it with `answer`, one
/// connection at a time; it ends when told to, or after at most 8 connections or 15 s.
struct Recorder {
    port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Recorder {
    fn start(answer: Answer) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        listener.set_nonblocking(true).expect("non-blocking");
        let received = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let received = Arc::clone(&received);
            let stop = Arc::clone(&stop);
            thread::spawn(move || {
                let started = Instant::now();
                let mut accepted = 0;
                while accepted < 8 && started.elapsed() < Duration::from_secs(15) {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            accepted += 1;
                            answer_one(stream, &answer, &received);
                        }
                        Err(e) if e.kind() == ErrorKind::WouldBlock => {
                            if stop.load(Ordering::SeqCst) {
                                return;
                            }
                            thread::sleep(Duration::from_millis(5));
                        }
                        Err(_) => return,
                    }
                }
            })
        };
        Recorder {
            port,
            received,
            stop,
            thread: Some(thread),
        }
    }

    /// Stops the server (after any connection already waiting) and returns what it received.
    fn finish(mut self) -> Vec<Received> {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            thread.join().expect("recorder thread");
        }
        self.received.lock().unwrap().clone()
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn answer_one(mut stream: TcpStream, answer: &Answer, received: &Mutex<Vec<Received>>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let _ = stream.set_write_timeout(Some(Duration::from_millis(500)));
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        if let Some(pos) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos + 4;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => data.extend_from_slice(&buf[..n]),
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap_or_default().split(' ');
    let method = request_line.next().unwrap_or_default().to_owned();
    let target = request_line.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let request = Received {
        method,
        target,
        headers,
    };
    let length: usize = request
        .header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body_len = data.len() - head_end;
    while body_len < length {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => body_len += n,
        }
    }
    let response = answer(&request);
    received.lock().unwrap().push(request);
    let _ = stream.write_all(&response);
    let _ = stream.flush();
}

fn redirect_to(status: &str, location: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .into_bytes()
}

/// Server A answers every request with a redirect to server B (302 for GET, 307 for POST, 308
/// for DELETE, the last two asking to repeat the method and body). B must receive nothing: the
/// client reports the redirect instead of following it, so the `Authorization` header (the
/// token) only ever reaches A.
async fn cross_host_redirect_is_not_followed(backend: Arc<dyn HttpBackend>) {
    let b = Recorder::start(Box::new(|_| {
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
            .to_vec()
    }));
    let steal = format!("http://127.0.0.1:{}/steal", b.port);
    let a = {
        let steal = steal.clone();
        Recorder::start(Box::new(move |request| match request.method.as_str() {
            "GET" => redirect_to("302 Found", &steal),
            "POST" => redirect_to("307 Temporary Redirect", &steal),
            _ => redirect_to("308 Permanent Redirect", &steal),
        }))
    };
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{}/v2", a.port))
        .token(TOKEN)
        .shared_backend(backend)
        .build()
        .expect("client");

    let result = client.send(&GetRoom::new("ops")).await;
    assert!(
        matches!(&result, Err(Error::Api(e)) if e.status() == 302),
        "{result:?}"
    );
    let result = client
        .send(&SendRoomNotification::new("ops", "secret plans"))
        .await;
    assert!(
        matches!(&result, Err(Error::Api(e)) if e.status() == 307),
        "{result:?}"
    );
    let result = client.send(&DeleteRoom::new("ops")).await;
    assert!(
        matches!(&result, Err(Error::Api(e)) if e.status() == 308),
        "{result:?}"
    );
    // A method whose answer *is* a redirect hands the location back, still without going there.
    let avatar = client
        .send(&GetRoomAvatar::new("ops"))
        .await
        .expect("the avatar's location");
    assert_eq!(avatar.location, steal);

    let at_b = b.finish();
    let at_a = a.finish();
    assert!(at_b.is_empty(), "server B was reached: {at_b:?}");
    assert!(
        at_b.iter().all(|r| r.header("authorization").is_none()),
        "{at_b:?}"
    );
    // A got each request once, with the token, so the check above means something.
    let methods: Vec<&str> = at_a.iter().map(|r| r.method.as_str()).collect();
    assert_eq!(methods, ["GET", "POST", "DELETE", "GET"], "{at_a:?}");
    for request in &at_a {
        assert_eq!(
            request.header("authorization"),
            Some(format!("Bearer {TOKEN}").as_str()),
            "{request:?}"
        );
        assert!(request.target.starts_with("/v2/room/ops"), "{request:?}");
    }
}

mod redirect {
    #[tokio::test]
    async fn reqwest_backend() {
        super::cross_host_redirect_is_not_followed(std::sync::Arc::new(
            hipchat_reqwest::ReqwestBackend::new(),
        ))
        .await;
    }

    #[tokio::test]
    async fn isahc_backend() {
        super::cross_host_redirect_is_not_followed(std::sync::Arc::new(
            hipchat_isahc::IsahcBackend::new(),
        ))
        .await;
    }
}

// ---------------------------------------------------------------------------------------------
// Secrets in diagnostic messages.

/// A test that scripts the `Authorization` header it expects must not see that value printed
/// when another request goes unmatched (the "open expectations" list) or by
/// `MockBackend::verify`.
#[tokio::test]
async fn mock_messages_hide_a_scripted_authorization_header() {
    let mock = MockBackend::new();
    mock.expect_get("/v2/room/ops")
        .header("authorization", &format!("Bearer {TOKEN}"))
        .respond(MockResponse::empty(200));
    let client = client_on(mock.clone());
    let err = client
        .send(&GetRoom::new("another room"))
        .await
        .expect_err("unmatched");
    assert_error_hides_secrets("an unmatched request with a scripted Authorization", &err);
    let problems = mock.verify().expect_err("the expectation was not met");
    assert_no_secret("MockBackend::verify", &problems);
}

/// Revoking or looking up the client's *own* token (as `DeleteSession`'s documentation does)
/// puts it in the path by the API's design. `AccessTokenRef` hides it from `Debug`; the reqwest
/// backend drops the URL from its errors, and the mock redacts such path segments.
#[tokio::test]
async fn own_token_in_the_path_stays_out_of_error_messages() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address").port()
    };
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}/v2"))
        .token(TOKEN)
        .backend(hipchat_reqwest::ReqwestBackend::new())
        .build()
        .expect("client");
    let err = client
        .send(&DeleteSession::new(TOKEN))
        .await
        .expect_err("nothing listens");
    assert_error_hides_secrets("a failed revocation of the own token", &err);

    let err = client_on(MockBackend::new())
        .send(&GetSession::new(TOKEN))
        .await
        .expect_err("unmatched");
    assert_error_hides_secrets("an unmatched lookup of the own token", &err);
}
