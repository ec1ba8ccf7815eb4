//! OAuth access tokens an add-on (or any OAuth client) holds and refreshes.
//!
//! A [`TokenHolder`] remembers how to get a token (a
//! [`GenerateToken`] request), keeps the last one
//! with the instant it expires, and says when a new one is needed. It runs no background task
//! and reads no clock: every method that needs the time takes `now` from the caller.
//!
//! When it cannot get a token, it says whether the token endpoint refused the installation's
//! credentials, which is how HipChat tells an add-on that the installation is gone
//! ([`TokenError::is_installation_gone`]).
//!
//! ```
//! # #[cfg(feature = "mock")] futures_executor::block_on(async {
//! use std::time::{Duration, SystemTime, UNIX_EPOCH};
//! use hipchat_core::addon::token::TokenHolder;
//! use hipchat_core::api::oauth_sessions::GenerateToken;
//! use hipchat_core::mock::{MockBackend, MockResponse};
//! use hipchat_core::model::{GrantType, Scope};
//! use hipchat_core::Client;
//! use serde_json::json;
//!
//! let mock = MockBackend::new();
//! mock.expect_post("/v2/oauth/token").respond(MockResponse::json(200, json!({
//!     "access_token": "tok-1", "token_type": "bearer", "expires_in": 3600,
//!     "scope": "send_notification", "group_id": 1, "group_name": "Example"
//! })));
//! let oauth = Client::builder().oauth_client("oauth-id", "oauth-secret").backend(mock.clone()).build()?;
//!
//! let mut holder = TokenHolder::new(
//!     GenerateToken::new(GrantType::ClientCredentials).scope([Scope::SendNotification]),
//! );
//! let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
//! assert_eq!(holder.access_token(&oauth, now).await?, "tok-1");
//! // Ten minutes later the same token is reused: no second request.
//! assert_eq!(holder.access_token(&oauth, now + Duration::from_secs(600)).await?, "tok-1");
//! mock.assert_done();
//! # Ok::<(), hipchat_core::Error>(()) }).unwrap();
//! ```

use std::error::Error as StdError;
use std::fmt;
use std::time::{Duration, SystemTime};

use http::StatusCode;

use crate::api::oauth_sessions::GenerateToken;
use crate::model::{GrantType, Scope, Token};
use crate::{ApiError, Client, Error, InvalidInput};

/// How long before its expiry a token is already treated as expired, so that a request sent
/// with it does not arrive just after it ran out.
pub const DEFAULT_MARGIN: Duration = Duration::from_secs(60);

/// A token with the instant it expires.
#[derive(Clone, PartialEq, Eq)]
pub struct HeldToken {
    access_token: String,
    refresh_token: Option<String>,
    expires_at: SystemTime,
    scopes: Vec<Scope>,
    group_id: Option<u64>,
    group_name: Option<String>,
}

impl HeldToken {
    /// The token of a token-endpoint answer received at `received_at`; it expires
    /// `expires_in` seconds later.
    pub fn new(token: Token, received_at: SystemTime) -> Self {
        let scopes = token.scopes();
        HeldToken {
            expires_at: received_at + Duration::from_secs(token.expires_in),
            access_token: token.access_token,
            refresh_token: token.refresh_token,
            scopes,
            group_id: token.group_id,
            group_name: token.group_name,
        }
    }

    /// The access token, for `Authorization: Bearer`.
    pub fn access_token(&self) -> &str {
        &self.access_token
    }

    /// The refresh token, in user flows.
    pub fn refresh_token(&self) -> Option<&str> {
        self.refresh_token.as_deref()
    }

    /// When the token expires.
    pub fn expires_at(&self) -> SystemTime {
        self.expires_at
    }

    /// Whether the token is expired at `now`, or will be within `margin`.
    pub fn is_expired(&self, now: SystemTime, margin: Duration) -> bool {
        now + margin >= self.expires_at
    }

    /// The scopes granted.
    pub fn scopes(&self) -> &[Scope] {
        &self.scopes
    }

    /// Whether `scope` was granted.
    pub fn has_scope(&self, scope: &Scope) -> bool {
        self.scopes.contains(scope)
    }

    /// The group the token belongs to.
    pub fn group_id(&self) -> Option<u64> {
        self.group_id
    }

    /// That group's name.
    pub fn group_name(&self) -> Option<&str> {
        self.group_name.as_deref()
    }
}

impl fmt::Debug for HeldToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HeldToken")
            .field("access_token", &"<redacted>")
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "<redacted>"),
            )
            .field("expires_at", &self.expires_at)
            .field("scopes", &self.scopes)
            .field("group_id", &self.group_id)
            .field("group_name", &self.group_name)
            .finish()
    }
}

/// Keeps a token and gets a new one when it is about to expire.
#[derive(Debug, Clone)]
pub struct TokenHolder {
    request: GenerateToken,
    token: Option<HeldToken>,
    margin: Duration,
}

impl TokenHolder {
    /// A holder that gets tokens with `request` (for an add-on,
    /// `GenerateToken::new(GrantType::ClientCredentials).scope(..)`), with
    /// [`DEFAULT_MARGIN`].
    pub fn new(request: GenerateToken) -> Self {
        TokenHolder {
            request,
            token: None,
            margin: DEFAULT_MARGIN,
        }
    }

    /// Treats a token as expired this long before it really is.
    pub fn margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// The token held, if any, expired or not.
    pub fn token(&self) -> Option<&HeldToken> {
        self.token.as_ref()
    }

    /// The token held if it is still good at `now` (outside the margin).
    pub fn valid_token(&self, now: SystemTime) -> Option<&HeldToken> {
        self.token
            .as_ref()
            .filter(|t| !t.is_expired(now, self.margin))
    }

    /// Whether a new token is needed at `now`.
    pub fn needs_token(&self, now: SystemTime) -> bool {
        self.valid_token(now).is_none()
    }

    /// The request to send for a new token: a `refresh_token` grant when the held token came
    /// with a refresh token, otherwise the holder's own request.
    pub fn next_request(&self) -> GenerateToken {
        match self.token.as_ref().and_then(HeldToken::refresh_token) {
            Some(refresh) => GenerateToken::new(GrantType::RefreshToken).refresh_token(refresh),
            None => self.request.clone(),
        }
    }

    /// Stores the answer of the token endpoint, received at `received_at`.
    pub fn store(&mut self, token: Token, received_at: SystemTime) -> &HeldToken {
        self.token.insert(HeldToken::new(token, received_at))
    }

    /// Forgets the token, for instance after a 401 showed it was revoked.
    pub fn clear(&mut self) {
        self.token = None;
    }

    /// A token good at `now`: the held one, or a new one from the token endpoint through
    /// `oauth_client` (a [`Client`] with the OAuth client id and secret of the installation,
    /// such as the one [`Installation::learn_capabilities`] or
    /// [`Installation::client_builder`] gives).
    ///
    /// The token is borrowed from the holder; pass it to [`Installation::api_client`] for a
    /// client that calls the API with it.
    ///
    /// Errors: [`TokenError::InstallationGone`] when the token endpoint answered `401` (the
    /// held token is then forgotten too: it went with the installation), otherwise
    /// [`TokenError::Other`] with the holder unchanged.
    ///
    /// [`Installation::learn_capabilities`]: crate::addon::install::Installation::learn_capabilities
    /// [`Installation::client_builder`]: crate::addon::install::Installation::client_builder
    /// [`Installation::api_client`]: crate::addon::install::Installation::api_client
    pub async fn fresh_token(
        &mut self,
        oauth_client: &Client,
        now: SystemTime,
    ) -> Result<&HeldToken, TokenError> {
        if self.needs_token(now) {
            return match oauth_client.send(&self.next_request()).await {
                Ok(token) => Ok(self.store(token, now)),
                Err(error) => {
                    let error = TokenError::from_token_endpoint(error);
                    if error.is_installation_gone() {
                        self.clear();
                    }
                    Err(error)
                }
            };
        }
        self.token
            .as_ref()
            .ok_or_else(|| TokenError::Other(Error::invalid_input("token", "no token is held")))
    }

    /// The access token of [`fresh_token`](Self::fresh_token): the held one when it is good at
    /// `now`, or a new one. Same errors.
    pub async fn access_token(
        &mut self,
        oauth_client: &Client,
        now: SystemTime,
    ) -> Result<&str, TokenError> {
        self.fresh_token(oauth_client, now)
            .await
            .map(HeldToken::access_token)
    }
}

/// Why a [`TokenHolder`] got no token, telling apart the one answer that means the
/// installation is gone.
///
/// HipChat's token endpoint answers `401 Unauthorized` when it no longer accepts the OAuth
/// client id and secret it was sent (OAuth 2's `invalid_client`, RFC 6749 §5.2). For an add-on
/// those are the installation's `oauthId` and `oauthSecret`, and they stop working when the
/// add-on is uninstalled: the add-on should then delete what it keeps for that installation.
/// Every other failure (no answer, a `5xx`, a `429`, a `400` about the request) says nothing
/// about the installation: keep it and try again later.
///
/// The classification holds for answers of the token endpoint only, which is why it lives on
/// this type and not on [`Error`]: a `401` from any other method means that the access token
/// was refused, not that the installation is gone. Code that sends [`GenerateToken`] itself
/// classifies the answer with [`TokenError::from_token_endpoint`].
///
/// Converts into [`Error`] (`?` works in functions returning it). Neither `Display` nor
/// `Debug` shows a token or a secret: the error holds the server's answer, never the request.
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use std::time::SystemTime;
/// use hipchat_core::addon::token::{TokenError, TokenHolder};
/// use hipchat_core::api::oauth_sessions::GenerateToken;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::model::GrantType;
/// use hipchat_core::Client;
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/oauth/token")
///     .respond(MockResponse::hipchat_error(401, "Invalid OAuth client credentials"));
/// let oauth = Client::builder().oauth_client("oauth-id", "oauth-secret").backend(mock).build()?;
///
/// let mut holder = TokenHolder::new(GenerateToken::new(GrantType::ClientCredentials));
/// match holder.access_token(&oauth, SystemTime::now()).await {
///     Err(e) if e.is_installation_gone() => { /* delete the installation */ }
///     Err(e) => return Err(e.into()), // try again later
///     Ok(_token) => { /* call the API */ }
/// }
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum TokenError {
    /// The token endpoint answered `401 Unauthorized`: the installation's credentials no
    /// longer work, because it was uninstalled. Forget the installation.
    InstallationGone(ApiError),
    /// Any other failure of the token request: [`Error::InvalidInput`] (nothing was sent),
    /// [`Error::Transport`] (no answer), [`Error::Api`] with another status, or
    /// [`Error::Decode`]. The installation may well still exist.
    Other(Error),
}

impl TokenError {
    /// Classifies `error`, the result of sending [`GenerateToken`] to the token endpoint: a
    /// `401` answer is [`TokenError::InstallationGone`], anything else [`TokenError::Other`].
    ///
    /// Only meaningful for errors of the token endpoint: a `401` from any other method means
    /// that an access token was refused, which says nothing about the installation.
    pub fn from_token_endpoint(error: Error) -> Self {
        match error {
            Error::Api(answer) if answer.status() == StatusCode::UNAUTHORIZED => {
                TokenError::InstallationGone(answer)
            }
            other => TokenError::Other(other),
        }
    }

    /// Whether the token endpoint said that the installation is gone (it answered `401`).
    pub fn is_installation_gone(&self) -> bool {
        matches!(self, TokenError::InstallationGone(_))
    }

    /// The underlying [`Error`]; an [`InstallationGone`](TokenError::InstallationGone) becomes
    /// the [`Error::Api`] it came from.
    pub fn into_error(self) -> Error {
        match self {
            TokenError::InstallationGone(answer) => Error::Api(answer),
            TokenError::Other(error) => error,
        }
    }
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenError::InstallationGone(answer) => write!(
                f,
                "the installation is gone: the token endpoint refused its OAuth credentials ({answer})"
            ),
            TokenError::Other(error) => write!(f, "could not get an access token: {error}"),
        }
    }
}

impl StdError for TokenError {
    // `Display` already quotes the inner error, so the chain continues below it.
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            TokenError::InstallationGone(answer) => answer.source(),
            TokenError::Other(error) => error.source(),
        }
    }
}

impl From<TokenError> for Error {
    fn from(error: TokenError) -> Self {
        error.into_error()
    }
}

/// The address to send a user's browser to so that they authorize the add-on (the OAuth
/// `authorization_code` flow): `authorization_url` is the `authorizationUrl` of the server's
/// capabilities document (`https://www.hipchat.com/users/authorize` on HipChat Cloud). After
/// approval the browser comes back to `redirect_uri` with a `code`, exchanged with
/// `GenerateToken::new(GrantType::AuthorizationCode).code(..).redirect_url(..)`.
///
/// ```
/// use hipchat_core::addon::token::authorization_url;
/// use hipchat_core::model::Scope;
///
/// let url = authorization_url(
///     "https://www.hipchat.com/users/authorize",
///     "client-id",
///     &[Scope::SendMessage, Scope::ViewRoom],
///     "https://addon.example.com/callback",
///     "xyz",
/// )?;
/// assert_eq!(
///     url,
///     "https://www.hipchat.com/users/authorize?response_type=code&client_id=client-id\
///      &scope=send_message+view_room&redirect_uri=https%3A%2F%2Faddon.example.com%2Fcallback&state=xyz"
/// );
/// # Ok::<(), hipchat_core::InvalidInput>(())
/// ```
pub fn authorization_url(
    authorization_url: &str,
    client_id: &str,
    scopes: &[Scope],
    redirect_uri: &str,
    state: &str,
) -> Result<String, InvalidInput> {
    let mut url = url::Url::parse(authorization_url).map_err(|e| {
        InvalidInput::new("authorization_url", format!("must be an absolute URL: {e}"))
    })?;
    if url.scheme() != "https" && url.host_str() != Some("localhost") {
        return Err(InvalidInput::new("authorization_url", "must use https"));
    }
    if client_id.is_empty() {
        return Err(InvalidInput::new("client_id", "must not be empty"));
    }
    let scope: Vec<&str> = scopes.iter().map(Scope::as_str).collect();
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", client_id)
        .append_pair("scope", &scope.join(" "))
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("state", state);
    Ok(url.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    fn token(access: &str, expires_in: u64, refresh: Option<&str>) -> Token {
        let json = serde_json::json!({
            "access_token": access, "token_type": "bearer", "expires_in": expires_in,
            "scope": "send_notification view_room", "group_id": 7, "group_name": "Example",
            "refresh_token": refresh,
        });
        serde_json::from_value(json).unwrap()
    }

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn expiry_is_received_at_plus_expires_in_with_a_margin() {
        let held = HeldToken::new(token("a", 3600, None), at(1000));
        assert_eq!(held.expires_at(), at(4600));
        assert!(!held.is_expired(at(4539), Duration::from_secs(60)));
        assert!(held.is_expired(at(4540), Duration::from_secs(60)));
        assert!(!held.is_expired(at(4599), Duration::ZERO));
        assert!(held.is_expired(at(4600), Duration::ZERO));
        assert_eq!(held.scopes(), &[Scope::SendNotification, Scope::ViewRoom]);
        assert!(held.has_scope(&Scope::ViewRoom) && !held.has_scope(&Scope::AdminGroup));
        assert_eq!(
            (held.group_id(), held.group_name()),
            (Some(7), Some("Example"))
        );
    }

    #[test]
    fn the_holder_asks_for_a_token_only_when_needed() {
        let request =
            GenerateToken::new(GrantType::ClientCredentials).scope([Scope::SendNotification]);
        let mut holder = TokenHolder::new(request.clone()).margin(Duration::from_secs(30));
        assert!(holder.needs_token(at(0)));
        assert_eq!(holder.next_request(), request);
        holder.store(token("a", 100, None), at(0));
        assert_eq!(
            holder.valid_token(at(69)).map(HeldToken::access_token),
            Some("a")
        );
        assert!(holder.needs_token(at(70)));
        assert_eq!(
            holder.next_request(),
            request,
            "no refresh token: the same grant again"
        );
        holder.clear();
        assert!(holder.token().is_none());
    }

    #[test]
    fn user_tokens_are_renewed_with_their_refresh_token() {
        let mut holder = TokenHolder::new(
            GenerateToken::new(GrantType::AuthorizationCode)
                .code("c")
                .redirect_url("https://a.example/cb"),
        );
        holder.store(token("a", 3600, Some("r-1")), at(0));
        assert_eq!(
            holder.next_request(),
            GenerateToken::new(GrantType::RefreshToken).refresh_token("r-1")
        );
    }

    #[test]
    fn debug_hides_both_tokens() {
        let held = HeldToken::new(token("access-secret", 10, Some("refresh-secret")), at(0));
        let shown = format!(
            "{held:?} {:?}",
            TokenHolder::new(GenerateToken::new(GrantType::Personal))
        );
        assert!(
            !shown.contains("access-secret") && !shown.contains("refresh-secret"),
            "{shown}"
        );
    }

    #[test]
    fn authorization_urls_are_checked() {
        assert_eq!(
            authorization_url("not a url", "c", &[], "r", "s")
                .unwrap_err()
                .field(),
            "authorization_url"
        );
        assert_eq!(
            authorization_url("http://evil.example/auth", "c", &[], "r", "s")
                .unwrap_err()
                .field(),
            "authorization_url"
        );
        assert_eq!(
            authorization_url("https://h.example/auth", "", &[], "r", "s")
                .unwrap_err()
                .field(),
            "client_id"
        );
    }

    #[cfg(feature = "mock")]
    #[test]
    fn access_token_fetches_then_reuses_then_refreshes() {
        use crate::mock::{MockBackend, MockResponse};
        let mock = MockBackend::new();
        mock.expect_post("/v2/oauth/token")
            .body("grant_type=client_credentials&scope=send_notification")
            .respond(MockResponse::json(200, serde_json::json!({"access_token": "t1", "expires_in": 100, "scope": "send_notification"})));
        mock.expect_post("/v2/oauth/token")
            .body("grant_type=client_credentials&scope=send_notification")
            .respond(MockResponse::json(200, serde_json::json!({"access_token": "t2", "expires_in": 100, "scope": "send_notification"})));
        let oauth = Client::builder()
            .oauth_client("id", "secret")
            .backend(mock.clone())
            .build()
            .unwrap();
        let mut holder = TokenHolder::new(
            GenerateToken::new(GrantType::ClientCredentials).scope([Scope::SendNotification]),
        )
        .margin(Duration::from_secs(10));
        let mut token_at = |secs| {
            futures_executor::block_on(holder.access_token(&oauth, at(secs)))
                .unwrap()
                .to_owned()
        };
        assert_eq!(token_at(0), "t1");
        assert_eq!(token_at(89), "t1");
        assert_eq!(token_at(90), "t2");
        mock.assert_done();
    }

    #[test]
    fn only_a_401_from_the_token_endpoint_means_the_installation_is_gone() {
        use crate::{RateLimits, TransportError, TransportErrorKind};
        let answer = |status: u16| {
            Error::Api(ApiError::new(
                StatusCode::from_u16(status).unwrap(),
                br#"{"error": {"code": 0, "message": "m", "type": "t"}}"#.to_vec(),
                RateLimits::default(),
            ))
        };
        let gone = TokenError::from_token_endpoint(answer(401));
        assert!(gone.is_installation_gone());
        assert!(matches!(&gone, TokenError::InstallationGone(e) if e.status() == 401));
        assert_eq!(gone.into_error().status(), Some(StatusCode::UNAUTHORIZED));

        let others = [
            answer(400),
            answer(403),
            answer(429),
            answer(500),
            Error::invalid_input("credentials", "missing"),
            Error::Transport(TransportError::new(TransportErrorKind::Timeout, "slow")),
        ];
        for error in others {
            let shown = error.to_string();
            let classified = TokenError::from_token_endpoint(error);
            assert!(!classified.is_installation_gone(), "{shown}");
            assert!(matches!(classified, TokenError::Other(_)), "{shown}");
            // Converting back gives the same error.
            assert_eq!(Error::from(classified).to_string(), shown);
        }
    }

    #[test]
    fn token_errors_read_well() {
        use crate::RateLimits;
        let gone = TokenError::InstallationGone(ApiError::new(
            StatusCode::UNAUTHORIZED,
            br#"{"error": {"code": 401, "message": "Invalid OAuth client credentials", "type": "Unauthorized"}}"#.to_vec(),
            RateLimits::default(),
        ));
        assert_eq!(
            gone.to_string(),
            "the installation is gone: the token endpoint refused its OAuth credentials \
             (HipChat answered 401 Unauthorized: Invalid OAuth client credentials)"
        );
        let other = TokenError::Other(Error::invalid_input("token", "no token is held"));
        assert!(
            other
                .to_string()
                .starts_with("could not get an access token: "),
            "{other}"
        );
        assert!(std::error::Error::source(&gone).is_none());
    }

    #[cfg(feature = "mock")]
    mod with_the_mock {
        use super::*;
        use crate::TransportErrorKind;
        use crate::mock::{MockBackend, MockResponse};

        const OAUTH_SECRET: &str = "oauth-secret-0123456789";

        fn oauth_client(mock: &MockBackend) -> Client {
            Client::builder()
                .oauth_client("oauth-id", OAUTH_SECRET)
                .backend(mock.clone())
                .build()
                .unwrap()
        }

        fn holder() -> TokenHolder {
            TokenHolder::new(
                GenerateToken::new(GrantType::ClientCredentials).scope([Scope::SendNotification]),
            )
        }

        fn granted(access: &str) -> MockResponse {
            MockResponse::json(
                200,
                serde_json::json!({"access_token": access, "expires_in": 100,
                    "scope": "send_notification", "group_id": 7, "group_name": "Example"}),
            )
        }

        #[test]
        fn fresh_token_gives_the_whole_token_and_reuses_it() {
            let mock = MockBackend::new();
            mock.expect_post("/v2/oauth/token").respond(granted("t1"));
            let oauth = oauth_client(&mock);
            let mut holder = holder();
            let token = futures_executor::block_on(holder.fresh_token(&oauth, at(0))).unwrap();
            assert_eq!(token.access_token(), "t1");
            assert_eq!(token.expires_at(), at(100));
            assert_eq!(token.scopes(), &[Scope::SendNotification]);
            assert_eq!(token.group_id(), Some(7));
            let again = futures_executor::block_on(holder.fresh_token(&oauth, at(30))).unwrap();
            assert_eq!(again.access_token(), "t1");
            mock.assert_done();
        }

        #[test]
        fn a_401_says_the_installation_is_gone_and_forgets_the_token() {
            let mock = MockBackend::new();
            mock.expect_post("/v2/oauth/token").respond(granted("t1"));
            mock.expect_post("/v2/oauth/token")
                .respond(MockResponse::hipchat_error(
                    401,
                    "Invalid OAuth client credentials",
                ));
            let oauth = oauth_client(&mock);
            let mut holder = holder();
            futures_executor::block_on(holder.access_token(&oauth, at(0))).unwrap();
            // Expired: a new one is asked for, and refused.
            let error =
                futures_executor::block_on(holder.access_token(&oauth, at(95))).unwrap_err();
            assert!(error.is_installation_gone(), "{error}");
            assert!(holder.token().is_none(), "the revoked token is forgotten");
            let shown = format!("{error} {error:?}");
            assert!(
                !shown.contains(OAUTH_SECRET) && !shown.contains("t1"),
                "{shown}"
            );
            mock.assert_done();
        }

        #[test]
        fn other_failures_leave_the_holder_as_it_was() {
            let failures = [
                MockResponse::hipchat_error(400, "The scope admin_group is not allowed"),
                MockResponse::hipchat_error(403, "Forbidden"),
                MockResponse::hipchat_error(429, "Slow down"),
                MockResponse::empty(502),
                MockResponse::json(200, serde_json::json!({"unexpected": true})),
                MockResponse::transport_error(TransportErrorKind::Connect, "refused"),
            ];
            for failure in failures {
                let mock = MockBackend::new();
                mock.expect_post("/v2/oauth/token").respond(granted("t1"));
                mock.expect_post("/v2/oauth/token").respond(failure);
                let oauth = oauth_client(&mock);
                let mut holder = holder();
                futures_executor::block_on(holder.access_token(&oauth, at(0))).unwrap();
                let error =
                    futures_executor::block_on(holder.access_token(&oauth, at(95))).unwrap_err();
                assert!(!error.is_installation_gone(), "{error}");
                assert!(matches!(error, TokenError::Other(_)), "{error}");
                assert_eq!(
                    holder.token().map(HeldToken::access_token),
                    Some("t1"),
                    "{error}"
                );
                mock.assert_done();
            }
        }

        #[test]
        fn a_client_without_oauth_credentials_sends_nothing() {
            let mock = MockBackend::new();
            let no_credentials = Client::builder().backend(mock.clone()).build().unwrap();
            let error = futures_executor::block_on(holder().access_token(&no_credentials, at(0)))
                .unwrap_err();
            assert!(
                matches!(error, TokenError::Other(Error::InvalidInput(_))),
                "{error}"
            );
            assert!(mock.requests().is_empty());
        }

        #[test]
        fn errors_convert_for_the_question_mark() {
            async fn caller(holder: &mut TokenHolder, oauth: &Client) -> Result<String, Error> {
                Ok(holder.access_token(oauth, at(0)).await?.to_owned())
            }
            let mock = MockBackend::new();
            mock.expect_post("/v2/oauth/token")
                .respond(MockResponse::hipchat_error(401, "gone"));
            let error = futures_executor::block_on(caller(&mut holder(), &oauth_client(&mock)))
                .unwrap_err();
            assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
        }
    }

    #[cfg(feature = "fake")]
    mod with_the_fake {
        use super::*;
        use crate::fake::FakeHipChat;

        fn token_for(fake: &FakeHipChat, id: &str, secret: &str) -> Result<String, TokenError> {
            let oauth = fake.builder().oauth_client(id, secret).build().unwrap();
            let mut holder = TokenHolder::new(
                GenerateToken::new(GrantType::ClientCredentials).scope([Scope::SendNotification]),
            );
            futures_executor::block_on(holder.access_token(&oauth, SystemTime::now()))
                .map(str::to_owned)
        }

        #[test]
        fn an_installation_hipchat_knows_gets_a_token() {
            let fake = FakeHipChat::new();
            fake.add_oauth_client("installed", "its-secret", &[Scope::SendNotification]);
            assert!(token_for(&fake, "installed", "its-secret").is_ok());
        }

        #[test]
        fn an_installation_hipchat_does_not_know_is_gone() {
            let fake = FakeHipChat::new();
            fake.add_oauth_client("installed", "its-secret", &[Scope::SendNotification]);
            for (id, secret) in [("uninstalled", "its-secret"), ("installed", "old-secret")] {
                let error = token_for(&fake, id, secret).unwrap_err();
                assert!(error.is_installation_gone(), "{id}: {error}");
            }
        }

        #[test]
        fn a_refused_request_is_not_a_gone_installation() {
            let fake = FakeHipChat::new();
            // Known, but without the scope asked for: 400.
            fake.add_oauth_client("installed", "its-secret", &[Scope::ViewRoom]);
            let error = token_for(&fake, "installed", "its-secret").unwrap_err();
            assert!(!error.is_installation_gone(), "{error}");
            assert_eq!(error.into_error().status(), Some(StatusCode::BAD_REQUEST));
        }
    }
}
