//! The client: configuration plus a backend, and the pure function that builds requests.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::{HeaderMap, HeaderValue, StatusCode, Uri};
use serde::Deserialize;

use crate::config::{BaseUrl, ClientConfig, Credentials, DEFAULT_BASE_URL};
use crate::endpoint::{Auth, Endpoint};
use crate::response::{json_response, parse_response};
use crate::{
    Error, HttpBackend, HttpRequest, HttpResponse, InvalidInput, RateLimits, RetryPolicy, Timer,
};

/// Builds the request for `endpoint` under `config`, without sending anything.
///
/// Checks the endpoint's documented limits, encodes the path and query, serializes the body and
/// sets `Accept`, `User-Agent`, `Content-Type` and `Authorization` (Bearer token, or HTTP Basic
/// for the token endpoint). Any problem is an [`Error::InvalidInput`].
pub fn build_request<E: Endpoint + ?Sized>(
    config: &ClientConfig,
    endpoint: &E,
) -> Result<HttpRequest, Error> {
    endpoint.validate()?;
    let mut query = endpoint.query();
    if config.auth_test {
        query = query.push("auth_test", "true");
    }
    let mut uri = format!("{}{}", config.base_url.as_str(), endpoint.path().encode()?);
    if !query.is_empty() {
        uri.push('?');
        uri.push_str(&query.encode());
    }
    let uri: Uri = uri.parse().map_err(|e| {
        // The base URL was checked when the client was built, so what fails here is the URI
        // as a whole: a path parameter or query value too long for one, for instance.
        Error::invalid_input(
            "request_uri",
            format!(
                "could not be formed from the base URL, the path and the query ({} bytes): {e}",
                uri.len()
            ),
        )
    })?;

    let body = endpoint.body()?;
    let mut builder = http::Request::builder()
        .method(endpoint.method())
        .uri(uri)
        .header(ACCEPT, HeaderValue::from_static("application/json"))
        .header(USER_AGENT, config.user_agent.clone());
    if let Some(authorization) = authorization(&config.credentials, endpoint.auth())? {
        builder = builder.header(AUTHORIZATION, authorization);
    }
    let bytes = match body {
        Some(body) => {
            let content_type = HeaderValue::from_str(body.content_type()).map_err(|_| {
                Error::invalid_input("content_type", "must be a valid header value")
            })?;
            builder = builder.header(CONTENT_TYPE, content_type);
            body.into_bytes()
        }
        None => Vec::new(),
    };
    builder
        .body(bytes)
        .map_err(|e| Error::invalid_input("request", format!("could not be built: {e}")))
}

fn authorization(
    credentials: &Credentials,
    auth: Auth,
) -> Result<Option<HeaderValue>, InvalidInput> {
    match auth {
        Auth::None => Ok(None),
        Auth::Bearer => match credentials.bearer_header() {
            Some(header) => header.map(Some),
            None => Err(InvalidInput::new(
                "credentials",
                "this method needs an access token; set one with `ClientBuilder::token`",
            )),
        },
        Auth::ClientBasic => match credentials.basic_header() {
            Some(header) => header.map(Some),
            None => Err(InvalidInput::new(
                "credentials",
                "the token endpoint needs the OAuth client id and secret; set them with `ClientBuilder::oauth_client`",
            )),
        },
    }
}

/// The answer to an `auth_test=true` request that the token may make:
/// `{"success": {"code": 202, "type": "Accepted", "message": "..."}}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AccessGranted {
    /// The status repeated by the server (202).
    #[serde(default)]
    pub code: Option<u16>,
    /// The reason phrase (`Accepted`).
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// The server's explanation.
    #[serde(default)]
    pub message: String,
}

#[derive(Deserialize)]
struct AccessGrantedEnvelope {
    success: AccessGranted,
}
json_response!(AccessGrantedEnvelope);

/// A HipChat API client: a configuration and a backend that does the I/O.
///
/// Cheap to clone (clones share the backend). Several clients for different servers can live in
/// one process.
///
/// ```
/// # #[cfg(feature = "mock")] {
/// use hipchat_core::api::rooms::SendRoomNotification;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::model::Color;
/// use hipchat_core::Client;
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/room/ops/notification").respond(MockResponse::empty(204));
/// let client = Client::builder().token("my-token").backend(mock.clone()).build()?;
/// # futures_executor::block_on(async {
/// client.send(&SendRoomNotification::new("ops", "Deploy done").color(Color::Green)).await?;
/// # Ok::<(), hipchat_core::Error>(()) })?;
/// mock.assert_done();
/// # }
/// # Ok::<(), hipchat_core::Error>(())
/// ```
#[derive(Clone)]
pub struct Client {
    config: Arc<ClientConfig>,
    backend: Arc<dyn HttpBackend>,
    retry: RetryPolicy,
    timer: Option<Arc<dyn Timer>>,
    last_rate_limits: Arc<Mutex<Option<RateLimits>>>,
}

/// A decoded answer with what else the response said: its status, headers and rate limits.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Detailed<T> {
    /// The decoded answer.
    pub value: T,
    /// The HTTP status (any 2xx; a 3xx for redirect endpoints).
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The rate-limit and flood-control headers, parsed.
    pub rate_limits: RateLimits,
}

impl Client {
    /// Starts building a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client from a finished configuration and a backend.
    ///
    /// The client does not retry; use [`ClientBuilder::retry`] for that.
    pub fn from_parts(config: ClientConfig, backend: Arc<dyn HttpBackend>) -> Self {
        Client {
            config: Arc::new(config),
            backend,
            retry: RetryPolicy::none(),
            timer: None,
            last_rate_limits: Arc::new(Mutex::new(None)),
        }
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The rate-limit and flood-control headers of the last response this client (or a clone
    /// of it) received, success or error; `None` before the first response.
    pub fn last_rate_limits(&self) -> Option<RateLimits> {
        *self
            .last_rate_limits
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The configuration.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// The backend.
    pub fn backend(&self) -> &Arc<dyn HttpBackend> {
        &self.backend
    }

    /// Calls `endpoint` and decodes the answer.
    ///
    /// Errors: [`Error::InvalidInput`] (nothing was sent), [`Error::Transport`] (no response),
    /// [`Error::Api`] (an error status, with HipChat's error object and the raw body),
    /// [`Error::Decode`] (a success whose body did not match).
    ///
    /// With a [`RetryPolicy`], a 429 or a failed connection is retried as the policy says
    /// before anything is returned.
    pub async fn send<E: Endpoint + ?Sized>(&self, endpoint: &E) -> Result<E::Response, Error> {
        let response = self.send_raw(endpoint).await?;
        parse_response::<E::Response>(response)
    }

    /// Like [`send`](Client::send), and also returns the status, headers and rate limits of the
    /// successful response.
    pub async fn send_detailed<E: Endpoint + ?Sized>(
        &self,
        endpoint: &E,
    ) -> Result<Detailed<E::Response>, Error> {
        let response = self.send_raw(endpoint).await?;
        let status = response.status();
        let headers = response.headers().clone();
        let rate_limits = RateLimits::from_headers(&headers);
        let value = parse_response::<E::Response>(response)?;
        Ok(Detailed {
            value,
            status,
            headers,
            rate_limits,
        })
    }

    /// Calls `endpoint` and returns the whole response, whatever its status: the escape hatch
    /// for anything the typed layer lacks. Only invalid input and transport failures are errors.
    pub async fn send_raw<E: Endpoint + ?Sized>(
        &self,
        endpoint: &E,
    ) -> Result<HttpResponse, Error> {
        self.execute(&self.config, endpoint).await
    }

    /// Sends the request, retrying as the policy allows. The request is rebuilt for each
    /// attempt, so its body is always complete.
    async fn execute<E: Endpoint + ?Sized>(
        &self,
        config: &ClientConfig,
        endpoint: &E,
    ) -> Result<HttpResponse, Error> {
        let mut retries = 0u32;
        let mut waited = Duration::ZERO;
        loop {
            let request = build_request(config, endpoint)?;
            let outcome = self.backend.send(request).await;
            if let Ok(response) = &outcome {
                let limits = RateLimits::from_headers(response.headers());
                *self
                    .last_rate_limits
                    .lock()
                    .unwrap_or_else(|p| p.into_inner()) = Some(limits);
            }
            let wait = match &self.timer {
                Some(timer) => self.retry.decide(retries, waited, &outcome, timer.now()),
                None => None,
            };
            match (wait, &self.timer) {
                (Some(wait), Some(timer)) => {
                    timer.sleep(wait).await;
                    waited += wait;
                    retries += 1;
                }
                _ => return Ok(outcome?),
            }
        }
    }

    /// A [`Pager`](crate::pager::Pager) over the collection `endpoint` lists, starting at its
    /// page: `client.pager(GetAllRooms::new()).collect_all().await`.
    pub fn pager<E: crate::pager::Paginated>(&self, endpoint: E) -> crate::pager::Pager<E> {
        crate::pager::Pager::new(self.clone(), endpoint)
    }

    /// Asks the server whether the client's token may call `endpoint`, without performing it
    /// (`auth_test=true`). A token that may gets `Ok` with the server's acknowledgement; one that
    /// may not gets the usual [`Error::Api`] (401 or 403).
    pub async fn check_access<E: Endpoint + ?Sized>(
        &self,
        endpoint: &E,
    ) -> Result<AccessGranted, Error> {
        let mut config = (*self.config).clone();
        config.auth_test = true;
        let response = self.execute(&config, endpoint).await?;
        parse_response::<AccessGrantedEnvelope>(response).map(|e| e.success)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .field("retry", &self.retry)
            .field("timer", &self.timer.as_ref().map(|_| "..."))
            .finish_non_exhaustive()
    }
}

/// Builds a [`Client`]. Only the backend is required; the base URL defaults to HipChat Cloud.
#[derive(Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    allow_insecure_http: bool,
    credentials: Credentials,
    auth_test: bool,
    user_agent: Option<String>,
    backend: Option<Arc<dyn HttpBackend>>,
    retry: RetryPolicy,
    timer: Option<Arc<dyn Timer>>,
}

impl ClientBuilder {
    /// The API base URL, including `/v2` and any path prefix of a HipChat Server
    /// (`https://chat.example.com/v2`). Default: `https://api.hipchat.com/v2`.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Allows a plain `http://` base URL to a host that is not loopback. The token then crosses
    /// the network in clear: only for trusted networks.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// The access token: an add-on, user, personal or room notification token.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.credentials = self.credentials.with_token(token);
        self
    }

    /// The OAuth client id and secret of an add-on installation, for the token endpoint.
    pub fn oauth_client(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.credentials = self.credentials.with_oauth_client(client_id, client_secret);
        self
    }

    /// Replaces all credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = credentials;
        self
    }

    /// Sends `auth_test=true` with every request: the server checks the token's access and
    /// performs nothing, answering 202. Typed calls of methods whose response is `()` then
    /// succeed or fail with the access check; for the others use
    /// [`Client::check_access`], which reads the acknowledgement.
    pub fn auth_test(mut self, enabled: bool) -> Self {
        self.auth_test = enabled;
        self
    }

    /// The `User-Agent` header. Default: `hipchat-rs/<version>`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// The backend that sends requests: `ReqwestBackend`, `IsahcBackend`, the mock, or your own.
    pub fn backend(mut self, backend: impl HttpBackend + 'static) -> Self {
        self.backend = Some(Arc::new(backend));
        self
    }

    /// The backend, already shared.
    pub fn shared_backend(mut self, backend: Arc<dyn HttpBackend>) -> Self {
        self.backend = Some(backend);
        self
    }

    /// How calls are retried; default [`RetryPolicy::none`]. Retries need a [`timer`](Self::timer).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The clock and sleep used between retries: `TokioTimer` with reqwest, `ThreadTimer`
    /// with isahc (the facade's `hipchat::builder()` sets the right one), the mock's
    /// `VirtualClock` in tests.
    pub fn timer(mut self, timer: impl Timer + 'static) -> Self {
        self.timer = Some(Arc::new(timer));
        self
    }

    /// The timer, already shared.
    pub fn shared_timer(mut self, timer: Arc<dyn Timer>) -> Self {
        self.timer = Some(timer);
        self
    }

    /// Checks the settings and builds only the configuration (no backend needed).
    pub fn build_config(&self) -> Result<ClientConfig, Error> {
        let base_url = BaseUrl::parse(
            self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL),
            self.allow_insecure_http,
        )?;
        // Refuse credentials that cannot form a header now, rather than on every call.
        if let Some(header) = self.credentials.bearer_header() {
            header?;
        }
        if let Some(header) = self.credentials.basic_header() {
            header?;
        }
        let mut config = ClientConfig::new(base_url, self.credentials.clone());
        config.auth_test = self.auth_test;
        if let Some(agent) = &self.user_agent {
            config.user_agent = HeaderValue::from_str(agent).map_err(|_| {
                Error::invalid_input(
                    "user_agent",
                    "must be a valid HTTP header value: no control characters such as line breaks",
                )
            })?;
        }
        Ok(config)
    }

    /// Checks the settings and builds the client. Errors with [`Error::InvalidInput`] on a bad
    /// base URL or user agent, or when no backend was given.
    pub fn build(self) -> Result<Client, Error> {
        let config = self.build_config()?;
        let backend = self.backend.ok_or_else(|| {
            Error::invalid_input(
                "backend",
                "is required: pass one with `ClientBuilder::backend`",
            )
        })?;
        if self.retry.is_enabled() && self.timer.is_none() {
            return Err(Error::invalid_input(
                "timer",
                "is required when retries are on: pass one with `ClientBuilder::timer`",
            ));
        }
        let mut client = Client::from_parts(config, backend);
        client.retry = self.retry;
        client.timer = self.timer;
        Ok(client)
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("credentials", &self.credentials)
            .field("auth_test", &self.auth_test)
            .field("user_agent", &self.user_agent)
            .field("backend", &self.backend.as_ref().map(|_| "..."))
            .field("retry", &self.retry)
            .field("timer", &self.timer.as_ref().map(|_| "..."))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_that_cannot_form_a_header_are_refused_when_building() {
        let Err(Error::InvalidInput(e)) = Client::builder().token("abc\ndef").build_config() else {
            panic!("a token with a line break must be refused")
        };
        assert_eq!(e.field(), "token");
        let Err(Error::InvalidInput(e)) = Client::builder().user_agent("bot\r\n").build_config()
        else {
            panic!("a user agent with a line break must be refused")
        };
        assert_eq!(e.field(), "user_agent");
        Client::builder()
            .token("abc")
            .oauth_client("id", "secret")
            .build_config()
            .unwrap();
    }

    #[test]
    fn a_uri_too_long_for_http_is_refused_naming_the_uri() {
        use crate::api::rooms::GetRoom;
        let config = Client::builder().token("t").build_config().unwrap();
        let Err(Error::InvalidInput(e)) = build_request(&config, &GetRoom::new("r".repeat(70_000)))
        else {
            panic!("a 70 000-character room name cannot form a URI")
        };
        assert_eq!(e.field(), "request_uri");
    }

    #[test]
    fn building_without_a_backend_names_the_backend() {
        let Err(Error::InvalidInput(e)) = Client::builder().token("abc").build() else {
            panic!("a client needs a backend")
        };
        assert_eq!(e.field(), "backend");
    }
}

#[cfg(all(test, feature = "mock"))]
mod detailed_tests {
    use crate::api::rooms::{GetRoom, SendRoomNotification};
    use crate::mock::{MockBackend, MockResponse};
    use crate::{Client, Limit};
    use futures_executor::block_on;

    #[test]
    fn send_detailed_returns_status_headers_and_rate_limits_of_a_success() {
        let mock = MockBackend::new();
        mock.expect_post("/v2/room/ops/notification").respond(
            MockResponse::empty(204)
                .header("X-Ratelimit-Limit", "500")
                .header("X-Ratelimit-Remaining", "498")
                .header("X-Ratelimit-Reset", "1700000300")
                .header("X-FloodControl-Remaining", "29"),
        );
        mock.expect_get("/v2/room/ops").respond(MockResponse::json(
            200,
            serde_json::json!({"id": 1, "name": "ops", "links": {"self": "x"}}),
        ));
        let client = Client::builder()
            .token("t")
            .backend(mock.clone())
            .build()
            .unwrap();
        assert_eq!(client.last_rate_limits(), None);

        let detailed =
            block_on(client.send_detailed(&SendRoomNotification::new("ops", "hi"))).unwrap();
        assert_eq!(detailed.status, 204);
        let rate = Limit {
            limit: Some(500),
            remaining: Some(498),
            reset: Some(1700000300),
        };
        assert_eq!(detailed.rate_limits.rate, Some(rate));
        assert_eq!(detailed.rate_limits.flood.unwrap().remaining, Some(29));
        assert_eq!(detailed.headers["x-ratelimit-limit"], "500");
        assert_eq!(client.clone().last_rate_limits().unwrap().rate, Some(rate));

        let room = block_on(client.send_detailed(&GetRoom::new("ops"))).unwrap();
        assert_eq!(room.value.name, "ops");
        assert_eq!(room.rate_limits.rate, None, "no headers this time");
        assert_eq!(client.last_rate_limits().unwrap().rate, None);
        mock.assert_done();
    }
}
