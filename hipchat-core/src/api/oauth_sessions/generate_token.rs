use std::fmt;

use http::Method;

use crate::model::{GrantType, Scope, Token};
use crate::{Auth, Body, Endpoint, Error, InvalidInput, Path};

/// `POST /oauth/token`
///
/// Gets an access token. The request is form-encoded and authenticated with the OAuth client id
/// and secret as HTTP Basic (set them with
/// [`ClientBuilder::oauth_client`](crate::ClientBuilder::oauth_client)); no bearer token is sent.
///
/// The fields each grant type needs:
///
/// | grant type | required | optional |
/// |---|---|---|
/// | `client_credentials` (add-on token) | | `scope`, `username` |
/// | `authorization_code` (user token) | `code`, `redirect_url` | `user_id`, `client_name`, `group_id` |
/// | `refresh_token` | `refresh_token` | `user_id`, `client_name`, `group_id`, `scope` |
/// | `password` | `username`, `password` | `scope` |
/// | `personal`, `room_notification` | (not documented) | |
///
/// A missing required field is an [`Error::InvalidInput`] and nothing is sent. A 401 from this
/// endpoint means the add-on installation is gone.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/generate_token>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::oauth_sessions::GenerateToken;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::model::{GrantType, Scope};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/oauth/token")
///     .body("grant_type=client_credentials&scope=send_notification+view_room")
///     .respond(MockResponse::json(200, json!({
///         "access_token": "5b2f...", "token_type": "bearer", "expires_in": 3599,
///         "scope": "send_notification view_room", "group_id": 1, "group_name": "Example"
///     })));
/// let client = Client::builder().oauth_client("oauth-id", "oauth-secret").backend(mock).build()?;
/// let token = client
///     .send(&GenerateToken::new(GrantType::ClientCredentials).scope([Scope::SendNotification, Scope::ViewRoom]))
///     .await?;
/// assert_eq!(token.expires_in, 3599);
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Clone, PartialEq)]
pub struct GenerateToken {
    grant_type: GrantType,
    scope: Option<String>,
    username: Option<String>,
    password: Option<String>,
    code: Option<String>,
    redirect_url: Option<String>,
    refresh_token: Option<String>,
    user_id: Option<String>,
    client_name: Option<String>,
    group_id: Option<String>,
}

impl GenerateToken {
    /// A token request of `grant_type`; add the fields it needs with the setters.
    pub fn new(grant_type: GrantType) -> Self {
        GenerateToken {
            grant_type,
            scope: None,
            username: None,
            password: None,
            code: None,
            redirect_url: None,
            refresh_token: None,
            user_id: None,
            client_name: None,
            group_id: None,
        }
    }

    /// The scopes asked for, sent space-separated; a subset of the add-on's descriptor scopes.
    pub fn scope<I>(mut self, scopes: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Scope>,
    {
        let joined: Vec<String> = scopes
            .into_iter()
            .map(|s| s.into().as_str().to_owned())
            .collect();
        self.scope = Some(joined.join(" "));
        self
    }

    /// `client_credentials`: act on behalf of this user; `password`: the user's name.
    pub fn username(mut self, username: impl Into<String>) -> Self {
        self.username = Some(username.into());
        self
    }

    /// `password`: the user's password.
    pub fn password(mut self, password: impl Into<String>) -> Self {
        self.password = Some(password.into());
        self
    }

    /// `authorization_code`: the code the authorization redirect delivered.
    pub fn code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// `authorization_code`: the redirect URL used in the authorization request.
    pub fn redirect_url(mut self, redirect_url: impl Into<String>) -> Self {
        self.redirect_url = Some(redirect_url.into());
        self
    }

    /// `refresh_token`: the refresh token of an earlier user token.
    pub fn refresh_token(mut self, refresh_token: impl Into<String>) -> Self {
        self.refresh_token = Some(refresh_token.into());
        self
    }

    /// The user the token is for.
    pub fn user_id(mut self, user_id: impl Into<String>) -> Self {
        self.user_id = Some(user_id.into());
        self
    }

    /// A name for the client the token is issued to.
    pub fn client_name(mut self, client_name: impl Into<String>) -> Self {
        self.client_name = Some(client_name.into());
        self
    }

    /// The group the token is for.
    pub fn group_id(mut self, group_id: impl ToString) -> Self {
        self.group_id = Some(group_id.to_string());
        self
    }

    fn require(&self, field: &str, value: &Option<String>) -> Result<(), InvalidInput> {
        match value.as_deref() {
            Some(v) if !v.is_empty() => Ok(()),
            _ => Err(InvalidInput::new(
                field,
                format!("is required for grant_type {}", self.grant_type.as_str()),
            )),
        }
    }
}

impl fmt::Debug for GenerateToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redact = |v: &Option<String>| v.as_ref().map(|_| "<redacted>");
        f.debug_struct("GenerateToken")
            .field("grant_type", &self.grant_type)
            .field("scope", &self.scope)
            .field("username", &self.username)
            .field("password", &redact(&self.password))
            .field("code", &redact(&self.code))
            .field("redirect_url", &self.redirect_url)
            .field("refresh_token", &redact(&self.refresh_token))
            .field("user_id", &self.user_id)
            .field("client_name", &self.client_name)
            .field("group_id", &self.group_id)
            .finish()
    }
}

impl Endpoint for GenerateToken {
    type Response = Token;

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        Path::new().lit("oauth").lit("token")
    }

    fn auth(&self) -> Auth {
        Auth::ClientBasic
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        let fields = [
            ("grant_type", Some(self.grant_type.as_str())),
            ("scope", self.scope.as_deref()),
            ("username", self.username.as_deref()),
            ("password", self.password.as_deref()),
            ("code", self.code.as_deref()),
            ("redirect_url", self.redirect_url.as_deref()),
            ("refresh_token", self.refresh_token.as_deref()),
            ("user_id", self.user_id.as_deref()),
            ("client_name", self.client_name.as_deref()),
            ("group_id", self.group_id.as_deref()),
        ];
        Ok(Some(Body::form(
            fields.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))),
        )))
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        match self.grant_type {
            GrantType::AuthorizationCode => {
                self.require("code", &self.code)?;
                self.require("redirect_url", &self.redirect_url)
            }
            GrantType::RefreshToken => self.require("refresh_token", &self.refresh_token),
            GrantType::Password => {
                self.require("username", &self.username)?;
                self.require("password", &self.password)
            }
            GrantType::Other(ref other) => Err(InvalidInput::new(
                "grant_type",
                format!(
                    "must be client_credentials, authorization_code, refresh_token, password, personal or room_notification (got {other:?})"
                ),
            )),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;

    fn form(request: &crate::HttpRequest) -> String {
        assert_eq!(
            request.headers()["content-type"],
            "application/x-www-form-urlencoded"
        );
        String::from_utf8(request.body().clone()).unwrap()
    }

    #[test]
    fn client_credentials_use_basic_auth_and_a_form_body() {
        let request = build(
            &GenerateToken::new(GrantType::ClientCredentials)
                .scope([Scope::SendNotification, Scope::AdminRoom]),
        );
        assert_eq!(request.method(), "POST");
        assert_eq!(request.uri(), "https://api.hipchat.com/v2/oauth/token");
        // base64("client-id:client-secret")
        assert_eq!(
            request.headers()["authorization"],
            "Basic Y2xpZW50LWlkOmNsaWVudC1zZWNyZXQ="
        );
        assert_eq!(
            form(&request),
            "grant_type=client_credentials&scope=send_notification+admin_room"
        );
    }

    #[test]
    fn every_grant_type_sends_its_fields() {
        let code = GenerateToken::new(GrantType::AuthorizationCode)
            .code("c0de")
            .redirect_url("https://addon.example.com/cb?x=1")
            .user_id("5")
            .client_name("my bot")
            .group_id(1);
        assert_eq!(
            form(&build(&code)),
            "grant_type=authorization_code&code=c0de&redirect_url=https%3A%2F%2Faddon.example.com%2Fcb%3Fx%3D1&user_id=5&client_name=my+bot&group_id=1"
        );
        let refresh = GenerateToken::new(GrantType::RefreshToken).refresh_token("r&t");
        assert_eq!(
            form(&build(&refresh)),
            "grant_type=refresh_token&refresh_token=r%26t"
        );
        let password = GenerateToken::new(GrantType::Password)
            .username("alice@example.com")
            .password("p@ss word");
        assert_eq!(
            form(&build(&password)),
            "grant_type=password&username=alice%40example.com&password=p%40ss+word"
        );
        assert_eq!(
            form(&build(&GenerateToken::new(GrantType::Personal))),
            "grant_type=personal"
        );
        assert_eq!(
            form(&build(&GenerateToken::new(GrantType::RoomNotification))),
            "grant_type=room_notification"
        );
        let on_behalf =
            GenerateToken::new(GrantType::ClientCredentials).username("bob@example.com");
        assert_eq!(
            form(&build(&on_behalf)),
            "grant_type=client_credentials&username=bob%40example.com"
        );
    }

    #[test]
    fn missing_fields_are_refused() {
        let err = build_err(&GenerateToken::new(GrantType::AuthorizationCode).code("c"));
        assert_eq!(
            (err.field(), err.rule()),
            (
                "redirect_url",
                "is required for grant_type authorization_code"
            )
        );
        assert_eq!(
            build_err(&GenerateToken::new(GrantType::RefreshToken)).field(),
            "refresh_token"
        );
        assert_eq!(
            build_err(&GenerateToken::new(GrantType::Password).username("a")).field(),
            "password"
        );
        assert_eq!(
            build_err(&GenerateToken::new(GrantType::from("internal"))).field(),
            "grant_type"
        );
    }

    #[test]
    fn needs_client_credentials_and_redacts_secrets() {
        let config = crate::ClientConfig::new(
            crate::BaseUrl::parse("https://api.hipchat.com/v2", false).unwrap(),
            crate::Credentials::token("t"),
        );
        let Err(crate::Error::InvalidInput(e)) =
            crate::build_request(&config, &GenerateToken::new(GrantType::ClientCredentials))
        else {
            panic!("expected InvalidInput")
        };
        assert_eq!(e.field(), "credentials");
        let shown = format!(
            "{:?}",
            GenerateToken::new(GrantType::Password)
                .username("u")
                .password("hunter2")
                .refresh_token("rt-secret")
        );
        assert!(
            !shown.contains("hunter2") && !shown.contains("rt-secret"),
            "{shown}"
        );
    }

    #[test]
    fn decode_token_and_401() {
        let body = r#"{"access_token": "5b2f8f31", "token_type": "bearer", "expires_in": 431999999, "scope": "send_notification view_room", "group_id": 1, "group_name": "Example", "refresh_token": "rt"}"#;
        let token = respond::<GenerateToken>(200, body).unwrap();
        assert_eq!(token.access_token, "5b2f8f31");
        assert_eq!(token.expires_in, 431999999);
        assert_eq!(token.group_id, Some(1));
        assert_eq!(
            token.scopes(),
            vec![Scope::SendNotification, Scope::ViewRoom]
        );
        assert_eq!(token.refresh_token.as_deref(), Some("rt"));
        let body = r#"{"error": {"code": 401, "message": "Invalid client credentials", "type": "Unauthorized"}}"#;
        assert_eq!(api_error::<GenerateToken>(401, body).status(), 401);
    }
}
