//! The "Echo" add-on: everything but the process around it.
//!
//! [`App`] answers HTTP requests on a [`tiny_http::Server`], one at a time, on the thread that
//! calls [`App::serve`]:
//!
//! | request | what happens |
//! |---|---|
//! | `GET /atlassian-connect.json` | the capabilities descriptor |
//! | `POST /installed` | an installation: checked, its server learned, a token fetched, the room greeted |
//! | `DELETE /installed/{oauthId}` | an uninstallation: once the token endpoint confirms it, the installation is forgotten |
//! | `POST /webhook/room-message` | a signed `room_message` webhook: answered with an echo |
//! | `GET /glance?signed_request=...` | a signed glance query: answered with glance data (CORS) |
//! | `GET /icon.svg`, `GET /icon@2x.svg` | the glance icon |
//!
//! HTTP calls to HipChat (capabilities, token, notification) go through a [`Client`](hipchat::Client) on the
//! reqwest backend. The server loop is synchronous, so the app owns a small current-thread
//! Tokio runtime and blocks on each call (`Runtime::block_on`): no async server framework is
//! needed, and the requests to HipChat still go through the ordinary async client.
//!
//! Installations live in memory, keyed by OAuth id, behind a [`Mutex`] that is never held
//! while a request to HipChat is in flight. A real add-on keeps them in a database: the OAuth
//! secret is the key to every signed request of that installation.

use std::collections::HashMap;
use std::error::Error as StdError;
use std::io::{Cursor, Read};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use hipchat::addon::descriptor::{Descriptor, Installable};
use hipchat::addon::events::{self, Event, RoomMessageEvent, WebhookReply};
use hipchat::addon::install::{self, Installation};
use hipchat::addon::jwt::{self, Claims};
use hipchat::addon::token::TokenHolder;
use hipchat::api::capabilities::GetCapabilities;
use hipchat::api::oauth_sessions::GenerateToken;
use hipchat::api::rooms::SendRoomNotification;
use hipchat::model::{
    Authentication, Color, ExtensionWebhook, Glance, GlanceData, GlanceStatus, GrantType, IconSet,
    LozengeType, MessageFormat, Scope, WebhookEvent,
};
use hipchat::{BaseUrl, HttpBackend};
use hipchat_reqwest::ReqwestBackend;

/// The add-on's key in the descriptor.
pub const ADDON_KEY: &str = "rs.hipchat.example.echo";
/// Where the descriptor is served.
pub const DESCRIPTOR_PATH: &str = "/atlassian-connect.json";
/// The installation callback (`installable.callbackUrl`); uninstalls arrive below it.
pub const INSTALLED_PATH: &str = "/installed";
/// The `room_message` webhook.
pub const WEBHOOK_PATH: &str = "/webhook/room-message";
/// The glance's `queryUrl`.
pub const GLANCE_PATH: &str = "/glance";
/// The webhook's `pattern`: HipChat only delivers messages that match it.
pub const ECHO_PATTERN: &str = r"^/echo\b";
/// The key of the glance module.
pub const GLANCE_KEY: &str = "echo-glance";
/// How far the clocks of HipChat and the add-on may disagree when checking `exp` and `iat`.
pub const JWT_LEEWAY: Duration = Duration::from_secs(60);
/// The API scopes the add-on asks for, in the descriptor and in its token requests.
pub const SCOPES: [Scope; 2] = [Scope::SendNotification, Scope::ViewRoom];

/// Request bodies larger than this are refused with 413.
const MAX_BODY: usize = 64 * 1024;
/// Echoed text is cut to this many characters, so the reply stays far below HipChat's limit.
const MAX_ECHO: usize = 500;

const ICON_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#205081"/><path d="M5 5h6M5 8h4M5 11h6" stroke="#fff" stroke-width="1.5"/></svg>"##;

/// An error that stops the add-on from starting.
pub type StartError = Box<dyn StdError + Send + Sync>;

/// What the add-on remembers about one installation.
struct Tenant {
    installation: Installation,
    /// The installation's access token, refreshed when it is about to expire.
    tokens: TokenHolder,
}

/// An answer, before it becomes a `tiny_http` response.
struct Reply {
    status: u16,
    content_type: Option<&'static str>,
    /// Whether to allow cross-origin reads (the glance is fetched by HipChat's web client).
    cors: bool,
    body: Vec<u8>,
}

impl Reply {
    fn json(status: u16, body: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type: Some("application/json"),
            cors: false,
            body,
        }
    }

    fn text(status: u16, body: impl Into<String>) -> Reply {
        Reply {
            status,
            content_type: Some("text/plain; charset=utf-8"),
            cors: false,
            body: body.into().into_bytes(),
        }
    }

    fn empty(status: u16) -> Reply {
        Reply {
            status,
            content_type: None,
            cors: false,
            body: Vec::new(),
        }
    }

    fn unauthorized() -> Reply {
        // The reason is logged, not told: the caller gains nothing from it.
        Reply::text(401, "a valid signed request is required\n")
    }

    fn with_cors(mut self) -> Reply {
        self.cors = true;
        self
    }
}

/// The Echo add-on: its descriptor, its installations and its HTTP handlers.
pub struct App {
    base_url: String,
    descriptor: Descriptor,
    installations: Mutex<HashMap<String, Tenant>>,
    backend: Arc<dyn HttpBackend>,
    runtime: tokio::runtime::Runtime,
}

impl App {
    /// An add-on reachable by HipChat at `public_base_url` (such as `https://echo.example.com`;
    /// every URL of the descriptor starts with it).
    ///
    /// The URL must be `https`, or plain `http` to a loopback host (tests, a local HipChat);
    /// `allow_insecure_http` also accepts plain `http` to any other host, for a trusted test
    /// network only: HipChat's signed requests would cross it in clear.
    pub fn new(public_base_url: &str, allow_insecure_http: bool) -> Result<App, StartError> {
        // The default backend never follows redirects and times out after 30 s.
        let backend = Arc::new(ReqwestBackend::try_new()?);
        App::with_backend(public_base_url, allow_insecure_http, backend)
    }

    /// Like [`App::new`], with the backend its calls to HipChat go through: any
    /// [`HttpBackend`] that works inside a Tokio runtime, such as the mock backend in tests.
    pub fn with_backend(
        public_base_url: &str,
        allow_insecure_http: bool,
        backend: Arc<dyn HttpBackend>,
    ) -> Result<App, StartError> {
        let base_url = BaseUrl::parse(public_base_url, allow_insecure_http)
            .map_err(|e| format!("the public base URL: {e}"))?
            .as_str()
            .to_owned();
        let descriptor = build_descriptor(&base_url)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        Ok(App {
            base_url,
            descriptor,
            installations: Mutex::new(HashMap::new()),
            backend,
            runtime,
        })
    }

    /// The descriptor served at [`DESCRIPTOR_PATH`].
    pub fn descriptor(&self) -> &Descriptor {
        &self.descriptor
    }

    /// The URL of the descriptor: what to give HipChat to install the add-on.
    pub fn descriptor_url(&self) -> String {
        format!("{}{DESCRIPTOR_PATH}", self.base_url)
    }

    /// Answers requests from `server`, one at a time, for as long as `keep_running` says so
    /// (it is asked at least every 100 ms).
    pub fn serve(&self, server: &tiny_http::Server, mut keep_running: impl FnMut() -> bool) {
        while keep_running() {
            match server.recv_timeout(Duration::from_millis(100)) {
                Ok(Some(mut request)) => {
                    let response = self.handle(&mut request);
                    if let Err(e) = request.respond(response) {
                        eprintln!("echo: could not send a response: {e}");
                    }
                }
                Ok(None) => {}
                Err(e) => {
                    eprintln!("echo: could not receive a request: {e}");
                    std::thread::sleep(Duration::from_millis(100));
                }
            }
        }
    }

    /// Answers one request.
    pub fn handle(&self, request: &mut tiny_http::Request) -> tiny_http::Response<Cursor<Vec<u8>>> {
        let method = request.method().as_str().to_owned();
        let target = request.url().to_owned();
        let mut headers = http::HeaderMap::new();
        for header in request.headers() {
            let name = http::HeaderName::from_bytes(header.field.as_str().as_str().as_bytes());
            let value = http::HeaderValue::from_bytes(header.value.as_str().as_bytes());
            if let (Ok(name), Ok(value)) = (name, value) {
                headers.append(name, value);
            }
        }
        let mut body = Vec::new();
        let reply = match request
            .as_reader()
            .take(MAX_BODY as u64 + 1)
            .read_to_end(&mut body)
        {
            Ok(_) if body.len() > MAX_BODY => Reply::text(413, "the body is too large\n"),
            Ok(_) => self.route(&method, &target, &headers, &body),
            Err(e) => Reply::text(400, format!("could not read the body: {e}\n")),
        };
        if reply.status >= 400 {
            eprintln!("echo: {method} {} -> {}", path_of(&target), reply.status);
        }
        to_tiny_http(reply)
    }

    fn route(&self, method: &str, target: &str, headers: &http::HeaderMap, body: &[u8]) -> Reply {
        let path = path_of(target);
        match (method, path) {
            ("GET", DESCRIPTOR_PATH) => self.serve_descriptor(),
            ("POST", INSTALLED_PATH) => self.install(body),
            ("DELETE", p) if p.starts_with(INSTALLED_PATH) => self.uninstall(target),
            ("POST", WEBHOOK_PATH) => self.room_message(target, headers, body),
            ("GET", GLANCE_PATH) => self.glance(target, headers),
            ("GET", "/icon.svg" | "/icon@2x.svg") => Reply {
                status: 200,
                content_type: Some("image/svg+xml"),
                cors: true,
                body: ICON_SVG.as_bytes().to_vec(),
            },
            (_, DESCRIPTOR_PATH | INSTALLED_PATH | WEBHOOK_PATH | GLANCE_PATH) => {
                Reply::text(405, "method not allowed\n")
            }
            _ => Reply::text(404, "not found\n"),
        }
    }

    fn serve_descriptor(&self) -> Reply {
        match serde_json::to_vec_pretty(&self.descriptor) {
            Ok(json) => Reply::json(200, json),
            Err(e) => Reply::text(500, format!("{e}\n")),
        }
    }

    /// `POST /installed`: keep the installation only once its credentials got a token from the
    /// server its capabilities document names.
    fn install(&self, body: &[u8]) -> Reply {
        let installation = match Installation::parse(body) {
            Ok(installation) => installation,
            // The message names the member at fault and never quotes the secret.
            Err(e) => return Reply::text(400, format!("{e}\n")),
        };
        match self.runtime.block_on(self.complete_install(installation)) {
            Ok(tenant) => {
                let installation = &tenant.installation;
                eprintln!(
                    "echo: installed {} (group {}, room {:?})",
                    installation.oauth_id, installation.group_id, installation.room_id
                );
                self.store().insert(installation.oauth_id.clone(), tenant);
                Reply::empty(200)
            }
            Err(e) => {
                eprintln!("echo: installation refused: {e}");
                Reply::text(502, "the installation could not be completed\n")
            }
        }
    }

    async fn complete_install(
        &self,
        mut installation: Installation,
    ) -> Result<Tenant, hipchat::Error> {
        // 1. Learn the installing server from its capabilities document.
        let capabilities = installation
            .capabilities_client_builder()?
            .shared_backend(self.backend.clone())
            .build()?
            .send(&GetCapabilities::new())
            .await?;
        let oauth_client = installation
            .learn_capabilities(&capabilities)?
            .shared_backend(self.backend.clone())
            .build()?;

        // 2. A token for this installation (client_credentials, the descriptor's scopes).
        let mut tenant = Tenant {
            installation,
            tokens: self.token_holder(),
        };
        let token = tenant
            .tokens
            .fresh_token(&oauth_client, SystemTime::now())
            .await?;

        // 3. Say hello in the room it was installed in (a global installation has none).
        if let Some(room_id) = tenant.installation.room_id {
            let api = tenant
                .installation
                .api_client(token, self.backend.clone())?;
            let hello = SendRoomNotification::new(
                room_id,
                "Echo is installed: type /echo followed by anything.",
            )
            .message_format(MessageFormat::Text)
            .color(Color::Green);
            // A greeting that fails does not undo an installation that works.
            if let Err(e) = api.send(&hello).await {
                eprintln!("echo: could not greet room {room_id}: {e}");
            }
        }
        Ok(tenant)
    }

    /// `DELETE /installed/{oauthId}`. Anyone can send it, so the installation is forgotten only
    /// once HipChat's token endpoint confirms that its credentials are gone.
    fn uninstall(&self, target: &str) -> Reply {
        let callback_url = format!("{}{INSTALLED_PATH}", self.base_url);
        let oauth_id = match install::uninstalled_oauth_id(&callback_url, target) {
            Ok(oauth_id) => oauth_id,
            Err(e) => return Reply::text(400, format!("{e}\n")),
        };
        let installation = self
            .store()
            .get(&oauth_id)
            .map(|tenant| tenant.installation.clone());
        if let Some(installation) = installation {
            match self.runtime.block_on(self.is_gone(&installation)) {
                Ok(true) => {
                    self.store().remove(&oauth_id);
                    eprintln!("echo: uninstalled {oauth_id}");
                }
                Ok(false) => eprintln!("echo: kept {oauth_id}: HipChat still accepts it"),
                Err(e) => eprintln!("echo: kept {oauth_id}: could not ask HipChat: {e}"),
            }
        }
        // The same answer whatever happened: the sender learns nothing.
        Reply::empty(204)
    }

    /// Whether HipChat's token endpoint says that `installation` is gone.
    async fn is_gone(&self, installation: &Installation) -> Result<bool, hipchat::Error> {
        let oauth_client = installation
            .client_builder()?
            .shared_backend(self.backend.clone())
            .build()?;
        // A new holder has no token yet, so the token endpoint is really asked.
        match self
            .token_holder()
            .fresh_token(&oauth_client, SystemTime::now())
            .await
        {
            Ok(_) => Ok(false),
            Err(e) if e.is_installation_gone() => Ok(true),
            Err(e) => Err(e.into()),
        }
    }

    /// Verifies a signed request with the secret of the installation its token names. Every
    /// failure is the same 401 to the caller.
    fn authenticate(&self, target: &str, headers: &http::HeaderMap) -> Result<Claims, Reply> {
        let refuse = |why: &dyn std::fmt::Display| {
            eprintln!("echo: signed request refused: {why}");
            Reply::unauthorized()
        };
        let uri: http::Uri = target.parse().map_err(|_| refuse(&"bad request target"))?;
        let secret_of = |oauth_id: &str| {
            let store = self.store();
            let tenant = store.get(oauth_id)?;
            Some(tenant.installation.oauth_secret.clone())
        };
        // `Authorization: JWT <token>` (webhooks) or `?signed_request=<token>` (glances, pages).
        jwt::verify_request(&uri, headers, secret_of, SystemTime::now(), JWT_LEEWAY)
            .map_err(|e| refuse(&e))
    }

    /// `POST /webhook/room-message`: a message that matched [`ECHO_PATTERN`].
    fn room_message(&self, target: &str, headers: &http::HeaderMap, body: &[u8]) -> Reply {
        let claims = match self.authenticate(target, headers) {
            Ok(claims) => claims,
            Err(reply) => return reply,
        };
        let delivery = match events::parse_event(body) {
            Ok(delivery) => delivery,
            Err(e) => return Reply::text(400, format!("{e}\n")),
        };
        // The body names an installation too; after a verified JWT, it must be the same one.
        if delivery
            .oauth_client_id
            .as_deref()
            .is_some_and(|id| id != claims.iss)
        {
            eprintln!("echo: webhook body names another installation than its JWT");
            return Reply::unauthorized();
        }
        let Event::RoomMessage(message) = &delivery.event else {
            // Not an event this webhook asked for: acknowledge, post nothing.
            return Reply::empty(204);
        };
        match echo_reply(message).to_json() {
            Ok(json) => Reply::json(200, json),
            Err(e) => Reply::text(500, format!("{e}\n")),
        }
    }

    /// `GET /glance?signed_request=...`: what the glance shows.
    fn glance(&self, target: &str, headers: &http::HeaderMap) -> Reply {
        let claims = match self.authenticate(target, headers) {
            Ok(claims) => claims,
            Err(reply) => return reply.with_cors(),
        };
        let mut data = GlanceData::new("Echo is <b>listening</b>")
            .status(GlanceStatus::lozenge("ON", LozengeType::Success));
        if let Some(room_id) = claims.room_id() {
            data = data.metadata_entry("room_id", room_id);
        }
        match serde_json::to_vec(&data) {
            Ok(json) => Reply::json(200, json).with_cors(),
            Err(e) => Reply::text(500, format!("{e}\n")).with_cors(),
        }
    }

    /// A token holder for one installation: `client_credentials` with the descriptor's scopes.
    fn token_holder(&self) -> TokenHolder {
        TokenHolder::new(
            GenerateToken::new(GrantType::ClientCredentials)
                .scope(self.descriptor.scopes().to_vec()),
        )
    }

    fn store(&self) -> MutexGuard<'_, HashMap<String, Tenant>> {
        // A panic while holding the lock leaves the map itself intact.
        self.installations
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The descriptor: scopes, installation callback, one signed webhook, one glance.
fn build_descriptor(base: &str) -> Result<Descriptor, StartError> {
    let webhook = ExtensionWebhook::new(
        "echo",
        format!("{base}{WEBHOOK_PATH}"),
        WebhookEvent::RoomMessage,
    )
    .name("Echo")
    .pattern(ECHO_PATTERN)
    .authentication(Authentication::Jwt);
    let glance = Glance::new(
        GLANCE_KEY,
        "Echo",
        IconSet::new(format!("{base}/icon.svg"), format!("{base}/icon@2x.svg")),
    )
    .query_url(format!("{base}{GLANCE_PATH}"));
    let descriptor = Descriptor::builder(
        ADDON_KEY,
        "Echo",
        "Repeats what you say after /echo (a hipchat-rs example)",
        format!("{base}{DESCRIPTOR_PATH}"),
    )
    .homepage(base)
    .vendor("hipchat-rs", "https://github.com/hipchat-rs/hipchat-rs")
    .scopes(SCOPES)
    .from_name("Echo")
    .installable(
        Installable::new()
            .allow_room(true)
            .allow_global(true)
            .callback_url(format!("{base}{INSTALLED_PATH}")),
    )
    .webhook(webhook)
    .glance(glance)
    .build()?;
    Ok(descriptor)
}

/// The reply to a `/echo ...` message: the text after `/echo`, as plain text (never HTML: it
/// is whatever a user typed).
fn echo_reply(message: &RoomMessageEvent) -> WebhookReply {
    let who = message
        .sender()
        .map_or("someone", |user| user.name.as_str());
    let said = message.text().trim_start();
    let said = said.strip_prefix("/echo").unwrap_or(said).trim();
    let text = if said.is_empty() {
        format!("{who}: type something after /echo")
    } else {
        let said: String = said.chars().take(MAX_ECHO).collect();
        format!("{who} said: {said}")
    };
    WebhookReply::new(text)
        .message_format(MessageFormat::Text)
        .color(Color::Gray)
}

fn path_of(target: &str) -> &str {
    target.split(['?', '#']).next().unwrap_or("")
}

fn to_tiny_http(reply: Reply) -> tiny_http::Response<Cursor<Vec<u8>>> {
    let mut response = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
    let mut add = |name: &str, value: &str| {
        if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    };
    if let Some(content_type) = reply.content_type {
        add("Content-Type", content_type);
    }
    if reply.cors {
        add("Access-Control-Allow-Origin", "*");
    }
    if reply.status == 401 {
        add("WWW-Authenticate", "JWT");
    }
    response
}
