//! OAuth access tokens an add-on (or any OAuth client) holds and refreshes.
//!
//! A [`TokenHolder`] remembers how to get a token (a
//! [`GenerateToken`] request), keeps the last one
//! with the instant it expires, and says when a new one is needed. It runs no background task
//! and reads no clock: every method that needs the time takes `now` from the caller.
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

use std::fmt;
use std::time::{Duration, SystemTime};

use crate::api::oauth_sessions::GenerateToken;
use crate::model::{GrantType, Scope, Token};
use crate::{Client, Error, InvalidInput};

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
    /// `oauth_client` (a [`Client`] with the OAuth client id and secret of the installation).
    /// A 401 from the token endpoint means the installation is gone.
    pub async fn access_token(
        &mut self,
        oauth_client: &Client,
        now: SystemTime,
    ) -> Result<&str, Error> {
        if self.needs_token(now) {
            let token = oauth_client.send(&self.next_request()).await?;
            self.store(token, now);
        }
        match &self.token {
            Some(token) => Ok(token.access_token()),
            None => Err(Error::invalid_input("token", "no token is held")),
        }
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
}
