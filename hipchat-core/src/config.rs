//! Where requests go and how they are signed: the base URL, the credentials and the options
//! shared by every request of a client.

use std::fmt;
use std::net::IpAddr;

use base64::Engine;
use http::HeaderValue;

use crate::InvalidInput;

/// The base URL of HipChat Cloud's API.
pub const DEFAULT_BASE_URL: &str = "https://api.hipchat.com/v2";

/// The `User-Agent` sent unless the client sets its own.
pub const DEFAULT_USER_AGENT: &str = concat!("hipchat-rs/", env!("CARGO_PKG_VERSION"));

/// A checked base URL such as `https://api.hipchat.com/v2` or
/// `https://chat.example.com/hipchat/v2`, kept without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Parses and checks `url`: `https` (or `http` to a loopback host, or anywhere when
    /// `allow_insecure_http` is set), a host, no user name or password, no query and no
    /// fragment. A trailing slash is dropped.
    pub fn parse(full: &str, allow_insecure_http: bool) -> Result<Self, InvalidInput> {
        let field = "base_url";
        // Error messages quote the URL without what may hold a secret (user info, query,
        // fragment).
        let url = shown(full);
        let url = url.as_str();
        let parsed = url::Url::parse(full.trim()).map_err(|e| {
            InvalidInput::new(
                field,
                format!("must be an absolute http(s) URL: {e} (got {url:?})"),
            )
        })?;
        let host = match parsed.host() {
            Some(host) => host,
            None => {
                return Err(InvalidInput::new(
                    field,
                    format!("must name a host (got {url:?})"),
                ));
            }
        };
        match parsed.scheme() {
            "https" => {}
            "http" => {
                let loopback = match host {
                    url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
                    url::Host::Ipv4(ip) => IpAddr::V4(ip).is_loopback(),
                    url::Host::Ipv6(ip) => IpAddr::V6(ip).is_loopback(),
                };
                if !loopback && !allow_insecure_http {
                    return Err(InvalidInput::new(
                        field,
                        format!(
                            "must use https: plain http would send the token in clear; it is only \
                             allowed for loopback hosts or after `allow_insecure_http(true)` (got {url:?})"
                        ),
                    ));
                }
            }
            other => {
                return Err(InvalidInput::new(
                    field,
                    format!("must use https or http, not `{other}` (got {url:?})"),
                ));
            }
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(InvalidInput::new(
                field,
                "must not carry a user name or password; use the client's credentials",
            ));
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(InvalidInput::new(
                field,
                format!("must not have a query or fragment (got {url:?})"),
            ));
        }
        let text = parsed.as_str().trim_end_matches('/').to_owned();
        Ok(BaseUrl(text))
    }

    /// The URL without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `url` cut before any query or fragment, with user info replaced, for error messages.
fn shown(url: &str) -> String {
    let cut = url.find(['?', '#']).map_or(url, |i| &url[..i]);
    match (cut.find("://"), cut.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}<redacted>@{}", &cut[..scheme_end + 3], &cut[at + 1..])
        }
        _ => cut.to_owned(),
    }
}

/// A secret string whose `Debug` prints `<redacted>`.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(pub(crate) String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// The credentials of a client: an access token for ordinary methods, an OAuth client id and
/// secret for the token endpoint, both or neither. `Debug` never shows a secret.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credentials {
    // Each secret with its `Authorization` value, formed once rather than on every request
    // (or the reason it cannot be one). The values are marked sensitive: their `Debug` hides
    // them.
    token: Option<(Secret, Result<HeaderValue, InvalidInput>)>,
    oauth_client: Option<(String, Secret, Result<HeaderValue, InvalidInput>)>,
}

impl Credentials {
    /// No credentials: only public methods will work.
    pub fn none() -> Self {
        Credentials::default()
    }

    /// An access token (add-on, user, personal or room notification token), sent as
    /// `Authorization: Bearer <token>`.
    pub fn token(token: impl Into<String>) -> Self {
        Credentials::none().with_token(token)
    }

    /// Adds or replaces the access token.
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        let token = token.into();
        let header = sensitive_header(&format!("Bearer {token}")).map_err(|_| {
            InvalidInput::new(
                "token",
                "must be a valid HTTP header value: no control characters such as line breaks",
            )
        });
        self.token = Some((Secret(token), header));
        self
    }

    /// Adds or replaces the OAuth client id and secret, sent as HTTP Basic to the token endpoint.
    pub fn with_oauth_client(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        let (id, secret) = (client_id.into(), client_secret.into());
        let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"));
        let header = sensitive_header(&format!("Basic {encoded}"))
            .map_err(|_| InvalidInput::new("oauth_client", "could not be encoded"));
        self.oauth_client = Some((id, Secret(secret), header));
        self
    }

    /// Whether an access token is set.
    pub fn has_token(&self) -> bool {
        self.token.is_some()
    }

    /// The OAuth client id, if set (the secret is never exposed).
    pub fn oauth_client_id(&self) -> Option<&str> {
        self.oauth_client.as_ref().map(|(id, _, _)| id.as_str())
    }

    pub(crate) fn bearer_header(&self) -> Option<Result<HeaderValue, InvalidInput>> {
        self.token.as_ref().map(|(_, header)| header.clone())
    }

    pub(crate) fn basic_header(&self) -> Option<Result<HeaderValue, InvalidInput>> {
        self.oauth_client
            .as_ref()
            .map(|(_, _, header)| header.clone())
    }
}

fn sensitive_header(text: &str) -> Result<HeaderValue, http::header::InvalidHeaderValue> {
    let mut value = HeaderValue::from_str(text)?;
    value.set_sensitive(true);
    Ok(value)
}

/// Everything a request needs besides the endpoint: base URL, credentials and options. The pure
/// function [`build_request`](crate::build_request) takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    pub(crate) base_url: BaseUrl,
    pub(crate) credentials: Credentials,
    pub(crate) auth_test: bool,
    pub(crate) user_agent: HeaderValue,
}

impl ClientConfig {
    /// A configuration for `base_url` with `credentials`, the default user agent and no
    /// `auth_test`.
    pub fn new(base_url: BaseUrl, credentials: Credentials) -> Self {
        ClientConfig {
            base_url,
            credentials,
            auth_test: false,
            user_agent: HeaderValue::from_static(DEFAULT_USER_AGENT),
        }
    }

    /// The base URL.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base_url
    }

    /// The credentials.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// Whether every request carries `auth_test=true`.
    pub fn auth_test(&self) -> bool {
        self.auth_test
    }

    /// The `User-Agent` header value.
    pub fn user_agent(&self) -> &HeaderValue {
        &self.user_agent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_cloud_and_server_urls_and_drops_the_trailing_slash() {
        assert_eq!(
            BaseUrl::parse("https://api.hipchat.com/v2/", false)
                .unwrap()
                .as_str(),
            "https://api.hipchat.com/v2"
        );
        assert_eq!(
            BaseUrl::parse("https://chat.example.com/hipchat/v2", false)
                .unwrap()
                .as_str(),
            "https://chat.example.com/hipchat/v2"
        );
        assert_eq!(
            BaseUrl::parse("https://chat.example.com:8443/v2", false)
                .unwrap()
                .as_str(),
            "https://chat.example.com:8443/v2"
        );
    }

    #[test]
    fn plain_http_only_for_loopback_or_opt_in() {
        for ok in [
            "http://127.0.0.1:8080/v2",
            "http://localhost/v2",
            "http://[::1]:9/v2",
            "http://127.8.9.1/v2",
        ] {
            BaseUrl::parse(ok, false).unwrap_or_else(|e| panic!("{ok}: {e}"));
        }
        let err = BaseUrl::parse("http://hipchat.example.com/v2", false).unwrap_err();
        assert_eq!(err.field(), "base_url");
        assert!(err.rule().contains("https"), "{}", err.rule());
        BaseUrl::parse("http://hipchat.example.com/v2", true).unwrap();
    }

    #[test]
    fn refuses_malformed_urls() {
        for bad in [
            "",
            "not a url",
            "api.hipchat.com/v2",
            "ftp://x.example/v2",
            "https://u:p@x.example/v2",
            "https://x.example/v2?a=1",
            "https://x.example/v2#f",
            "file:///tmp",
        ] {
            let err = BaseUrl::parse(bad, false).unwrap_err();
            assert_eq!(err.field(), "base_url", "{bad}");
        }
    }

    #[test]
    fn errors_never_quote_secrets_of_the_url() {
        for bad in [
            "http://example.com/v2?auth_token=SECRET",
            "https://user:SECRET@example.com/v2",
            "ftp://example.com/v2#SECRET",
        ] {
            let err = BaseUrl::parse(bad, false).unwrap_err();
            assert!(!err.rule().contains("SECRET"), "{}", err.rule());
        }
        assert_eq!(
            shown("https://u:p@x.example/v2?a=1"),
            "https://<redacted>@x.example/v2"
        );
    }

    #[test]
    fn debug_never_shows_secrets() {
        let c = Credentials::token("tok-123").with_oauth_client("client-id", "client-secret");
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("tok-123") && !shown.contains("client-secret"),
            "{shown}"
        );
        assert!(shown.contains("client-id"));
    }

    #[test]
    fn basic_header_is_base64_of_id_and_secret() {
        let c = Credentials::none().with_oauth_client("id", "secret");
        assert_eq!(c.basic_header().unwrap().unwrap(), "Basic aWQ6c2VjcmV0");
        assert!(Credentials::token("a\nb").bearer_header().unwrap().is_err());
    }
}
