//! Installation and uninstallation payloads.
//!
//! The life of an installation, as HipChat drives it (§3.13 of the API notes):
//!
//! 1. **Install.** HipChat POSTs `{capabilitiesUrl, oauthId, oauthSecret, groupId, roomId?}` to
//!    the descriptor's `installable.callbackUrl` ([`parse_installable`], or
//!    [`Installation::parse`] to keep it), or, for a client-side install, sends the browser to
//!    `installedUrl?installable_url=…&redirect_url=…` ([`parse_client_side`]), and the add-on
//!    fetches the same record once from `installable_url`.
//! 2. **Learn the server.** The add-on fetches `capabilitiesUrl` (a
//!    [`Capabilities`] document) and hands it to [`Installation::learn_capabilities`], which checks
//!    that the document names itself with that URL, records the server's API base URL and token
//!    URL, and returns a [`ClientBuilder`] set up to ask that server for tokens
//!    (`GenerateToken` with the installation's OAuth id and secret). This works the same for
//!    HipChat Cloud and for a HipChat Server.
//! 3. **Re-install.** `updateCallbackUrl` receives `{capabilitiesUrl, oauthId, roomId?}`
//!    ([`parse_update`], [`Installation::apply_update`]).
//! 4. **Uninstall.** HipChat sends `DELETE {callbackUrl}/{oauthId}` ([`uninstalled_oauth_id`]),
//!    after the fact: the credentials no longer work. A client-side uninstall goes to
//!    `uninstalledUrl?installable_url=…&redirect_url=…` ([`parse_client_side`] again).
//!
//! The install POST is not signed: anyone can send one. That is harmless as long as the add-on
//! only uses the credentials it receives against the server the capabilities document names;
//! it must not treat an installation as belonging to a given group before a token request with
//! its credentials has succeeded.
//!
//! Every problem is an [`Error::InvalidInput`] naming the member at fault by its wire name
//! (`oauthId`, `capabilitiesUrl`, `links.self`, ...). Messages never quote the OAuth secret.
//!
//! ```
//! use hipchat_core::addon::install::Installation;
//! use hipchat_core::model::Capabilities;
//!
//! let body = br#"{
//!     "capabilitiesUrl": "https://chat.example.com/v2/capabilities",
//!     "oauthId": "0d5a2c1e-8f32-4b4d-a3c3-2b5f1e3c9f11",
//!     "oauthSecret": "oauth-secret",
//!     "groupId": 1,
//!     "roomId": 2251
//! }"#;
//! let mut installation = Installation::parse(body)?;
//! assert_eq!(installation.room_id, Some(2251));
//!
//! // What the add-on fetched from `capabilitiesUrl`.
//! let capabilities: Capabilities = serde_json::from_str(r#"{
//!     "name": "HipChat", "key": "hipchat",
//!     "links": {"self": "https://chat.example.com/v2/capabilities", "api": "https://chat.example.com/v2"},
//!     "capabilities": {"oauth2Provider": {"tokenUrl": "https://chat.example.com/v2/oauth/token"}}
//! }"#).unwrap();
//! let builder = installation.learn_capabilities(&capabilities)?;
//! assert_eq!(installation.api_url.as_deref(), Some("https://chat.example.com/v2"));
//! let config = builder.build_config()?;
//! assert_eq!(config.base_url().as_str(), "https://chat.example.com/v2");
//! assert_eq!(config.credentials().oauth_client_id(), Some("0d5a2c1e-8f32-4b4d-a3c3-2b5f1e3c9f11"));
//! # Ok::<(), hipchat_core::Error>(())
//! ```

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use percent_encoding::percent_decode_str;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::addon::jwt::{self, Claims, JwtError};
use crate::addon::token::HeldToken;
use crate::api::integrations::GetIntegrationInstallableData;
use crate::model::{Capabilities, InstallableData, de};
use crate::{BaseUrl, Client, ClientBuilder, Error, HttpBackend};

const REDACTED: &str = "<redacted>";

/// Decodes a JSON object body into `T`, naming a missing `required` member or a member of the
/// wrong type by its wire name.
fn decode_body<T: DeserializeOwned>(body: &[u8], required: &[&str]) -> Result<T, Error> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| Error::invalid_input("body", format!("must be JSON: {e}")))?;
    let Value::Object(members) = &value else {
        return Err(Error::invalid_input("body", "must be a JSON object"));
    };
    for name in required {
        if members.get(*name).is_none_or(Value::is_null) {
            return Err(Error::invalid_input(*name, "is required"));
        }
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let field = e.path().to_string();
        // serde may quote the value; never the secret's.
        let rule = if field == "oauthSecret" {
            "must be a string".to_owned()
        } else {
            format!("has the wrong type: {}", e.inner())
        };
        Error::invalid_input(field, rule)
    })
}

/// Checks that `value` is an absolute `https` URL with a host and no user name or password;
/// plain `http` only to a loopback host (`localhost`, `127.0.0.0/8`, `::1`), for local tests.
/// Messages never quote the URL (it may hold a one-time token).
fn check_url(field: &str, value: &str) -> Result<url::Url, Error> {
    let url = url::Url::parse(value)
        .map_err(|e| Error::invalid_input(field, format!("must be an absolute URL: {e}")))?;
    let Some(host) = url.host() else {
        return Err(Error::invalid_input(field, "must name a host"));
    };
    match url.scheme() {
        "https" => {}
        "http" => {
            let loopback = match host {
                url::Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
                url::Host::Ipv4(ip) => IpAddr::V4(ip).is_loopback(),
                url::Host::Ipv6(ip) => IpAddr::V6(ip).is_loopback(),
            };
            if !loopback {
                return Err(Error::invalid_input(
                    field,
                    "must use https (plain http is accepted only for loopback hosts)",
                ));
            }
        }
        _ => return Err(Error::invalid_input(field, "must be an https URL")),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::invalid_input(
            field,
            "must not carry a user name or password",
        ));
    }
    Ok(url)
}

/// Checks an OAuth id: not blank, no control characters, no `/` (it ends the uninstall path).
fn check_oauth_id(oauth_id: &str) -> Result<(), Error> {
    if oauth_id.trim().is_empty() {
        return Err(Error::invalid_input("oauthId", "must not be empty"));
    }
    if oauth_id.chars().any(|c| c.is_control() || c == '/') {
        return Err(Error::invalid_input(
            "oauthId",
            "must not contain control characters or `/`",
        ));
    }
    Ok(())
}

/// Whether two URLs are the same once parsed (scheme and host case, default port).
fn same_url(a: &str, b: &str) -> bool {
    match (url::Url::parse(a), url::Url::parse(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Parses and validates the body HipChat POSTs to `installable.callbackUrl` (server-side
/// install), also the answer of `installable_url` (client-side install).
///
/// See [`validate_installable`] for the rules. To keep the installation, prefer
/// [`Installation::parse`], which also makes `groupId` non-optional.
pub fn parse_installable(body: &[u8]) -> Result<InstallableData, Error> {
    let data: InstallableData = decode_body(
        body,
        &["capabilitiesUrl", "oauthId", "oauthSecret", "groupId"],
    )?;
    validate_installable(&data)?;
    Ok(data)
}

/// Checks an installation record: `oauthId` not blank (no control characters, no `/`),
/// `oauthSecret` not blank, `capabilitiesUrl` an absolute `https` URL (plain `http` only to a
/// loopback host), and `groupId` present. `roomId` is optional (a global installation).
pub fn validate_installable(data: &InstallableData) -> Result<(), Error> {
    check_url("capabilitiesUrl", &data.capabilities_url)?;
    check_oauth_id(&data.oauth_id)?;
    if data.oauth_secret.trim().is_empty() {
        return Err(Error::invalid_input("oauthSecret", "must not be empty"));
    }
    if data.group_id.is_none() {
        return Err(Error::invalid_input("groupId", "is required"));
    }
    Ok(())
}

/// The body HipChat POSTs to `installable.updateCallbackUrl` when an add-on is installed again:
/// `{capabilitiesUrl, oauthId, roomId?}`. The OAuth id (and secret) stay the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InstallationUpdate {
    /// URL of the installing server's capabilities document.
    pub capabilities_url: String,
    /// The installation's OAuth client id.
    pub oauth_id: String,
    /// The room, for an installation in one room.
    #[serde(
        default,
        deserialize_with = "de::option_u64_lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub room_id: Option<u64>,
}

impl InstallationUpdate {
    /// Checks `oauthId` and `capabilitiesUrl` as [`validate_installable`] does.
    pub fn validate(&self) -> Result<(), Error> {
        check_url("capabilitiesUrl", &self.capabilities_url)?;
        check_oauth_id(&self.oauth_id)
    }
}

/// Parses and validates the body HipChat POSTs to `installable.updateCallbackUrl`.
pub fn parse_update(body: &[u8]) -> Result<InstallationUpdate, Error> {
    let update: InstallationUpdate = decode_body(body, &["capabilitiesUrl", "oauthId"])?;
    update.validate()?;
    Ok(update)
}

/// The path of `url_or_path` (an `http`/`https` URL or a request target), without query or
/// fragment.
fn path_of(url_or_path: &str) -> String {
    match url::Url::parse(url_or_path) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => url.path().to_owned(),
        _ => url_or_path
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .to_owned(),
    }
}

/// The OAuth id of an uninstall request `DELETE {callbackUrl}/{oauthId}`.
///
/// `callback_url` is the descriptor's `installable.callbackUrl` (a full URL) or just its path;
/// `request_target` is the path of the request as the add-on's server sees it, with or without
/// its query, or the full request URL. The request path must be exactly the callback path
/// followed by one more segment; that segment is percent-decoded and checked as an OAuth id.
/// Check the method (`DELETE`) yourself.
///
/// Errors: `request_path` when the request is not under the callback path, `oauthId` when the
/// segment is missing, has further segments, or is not a valid OAuth id.
///
/// ```
/// use hipchat_core::addon::install::uninstalled_oauth_id;
///
/// let id = uninstalled_oauth_id("https://addon.example.com/installable", "/installable/0d5a2c1e")?;
/// assert_eq!(id, "0d5a2c1e");
/// assert!(uninstalled_oauth_id("/installable", "/elsewhere/0d5a2c1e").is_err());
/// # Ok::<(), hipchat_core::Error>(())
/// ```
pub fn uninstalled_oauth_id(callback_url: &str, request_target: &str) -> Result<String, Error> {
    let callback = path_of(callback_url);
    let callback = callback.trim_end_matches('/');
    let request = path_of(request_target);
    let Some(segment) = request
        .strip_prefix(callback)
        .and_then(|rest| rest.strip_prefix('/'))
    else {
        return Err(Error::invalid_input(
            "request_path",
            format!("must be the callback path {callback:?} followed by `/{{oauthId}}`"),
        ));
    };
    if segment.is_empty() {
        return Err(Error::invalid_input(
            "oauthId",
            "is missing from the uninstall path",
        ));
    }
    if segment.contains('/') {
        return Err(Error::invalid_input(
            "oauthId",
            "must be the single path segment after the callback path",
        ));
    }
    let oauth_id = percent_decode_str(segment)
        .decode_utf8()
        .map_err(|_| Error::invalid_input("oauthId", "must be UTF-8 once percent-decoded"))?
        .into_owned();
    check_oauth_id(&oauth_id)?;
    Ok(oauth_id)
}

/// The query of a client-side install or uninstall: HipChat sends the browser to
/// `installedUrl?installable_url=…&redirect_url=…` (or `uninstalledUrl?…`).
///
/// Fetch the installation once from `installable_url` (see
/// [`ClientSideInstall::installable_request`]), then send the browser on to `redirect_url`.
/// Both come from the browser, so anyone can forge them: the installable URL is checked to be
/// an `https` HipChat installable URL, but only fetching it tells whether it is real.
///
/// `Debug` prints `installable_url` as `<redacted>`: it holds a one-time token.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ClientSideInstall {
    /// Where the installation record waits:
    /// `https://HOST/v2/addon/{integration_id_or_key}/installable/{token}`.
    pub installable_url: String,
    /// Where to send the browser afterwards.
    pub redirect_url: String,
}

impl ClientSideInstall {
    /// Splits [`installable_url`](Self::installable_url) into the server's API base URL and
    /// the endpoint that reads the installation record (no credentials needed).
    pub fn installable_request(&self) -> Result<(BaseUrl, GetIntegrationInstallableData), Error> {
        GetIntegrationInstallableData::from_installable_url(&self.installable_url).map_err(|_| {
            // Its own message quotes the URL, one-time token included.
            Error::invalid_input(
                "installable_url",
                "must be an https URL ending in /addon/{integration_id_or_key}/installable/{token}, \
                 without query or fragment",
            )
        })
    }
}

impl fmt::Debug for ClientSideInstall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientSideInstall")
            .field("installable_url", &REDACTED)
            .field("redirect_url", &self.redirect_url)
            .finish()
    }
}

/// Parses the query of a client-side install or uninstall request: `query_or_url` is the full
/// URL, the request target (`/installed?…`) or the bare query (with or without `?`).
///
/// Both `installable_url` and `redirect_url` are required, once each; `installable_url` must
/// have the shape [`ClientSideInstall::installable_request`] accepts, and `redirect_url` must be
/// an absolute `https` URL (plain `http` only to a loopback host).
pub fn parse_client_side(query_or_url: &str) -> Result<ClientSideInstall, Error> {
    let mut installable_url = None;
    let mut redirect_url = None;
    for (name, value) in form_urlencoded::parse(jwt::query_part(query_or_url).as_bytes()) {
        let (field, slot) = match name.as_ref() {
            "installable_url" => ("installable_url", &mut installable_url),
            "redirect_url" => ("redirect_url", &mut redirect_url),
            _ => continue,
        };
        if slot.is_some() {
            return Err(Error::invalid_input(field, "must appear only once"));
        }
        *slot = Some(value.into_owned());
    }
    let required = |field: &str, value: Option<String>| {
        value
            .filter(|value| !value.is_empty())
            .ok_or_else(|| Error::invalid_input(field, "is required"))
    };
    let install = ClientSideInstall {
        installable_url: required("installable_url", installable_url)?,
        redirect_url: required("redirect_url", redirect_url)?,
    };
    check_url("installable_url", &install.installable_url)?;
    install.installable_request()?;
    check_url("redirect_url", &install.redirect_url)?;
    Ok(install)
}

/// One installation of the add-on, as the add-on keeps it: the OAuth client HipChat created,
/// where it was installed, and, once learned from the capabilities document, the server's API
/// base URL and token URL.
///
/// Serializes in camel case (`oauthSecret` included, to store it); `Debug` prints the secret as
/// `<redacted>`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Installation {
    /// The installation's OAuth client id; also the `iss` of the JWTs HipChat signs for it.
    pub oauth_id: String,
    /// The installation's OAuth client secret; also the key of those JWTs.
    pub oauth_secret: String,
    /// The group the add-on was installed in.
    pub group_id: u64,
    /// The room, for an installation in one room; `None` for a global installation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room_id: Option<u64>,
    /// URL of the installing server's capabilities document.
    pub capabilities_url: String,
    /// The server's API base URL, without trailing slash, once
    /// [`learn_capabilities`](Self::learn_capabilities) has run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_url: Option<String>,
    /// The server's OAuth token endpoint, once [`learn_capabilities`](Self::learn_capabilities)
    /// has run; always `{api_url}/oauth/token`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_url: Option<String>,
}

impl Installation {
    /// Validates `data` ([`validate_installable`]) and keeps it.
    pub fn from_installable(data: InstallableData) -> Result<Self, Error> {
        validate_installable(&data)?;
        let group_id = data
            .group_id
            .ok_or_else(|| Error::invalid_input("groupId", "is required"))?;
        Ok(Installation {
            oauth_id: data.oauth_id,
            oauth_secret: data.oauth_secret,
            group_id,
            room_id: data.room_id,
            capabilities_url: data.capabilities_url,
            api_url: None,
            token_url: None,
        })
    }

    /// Parses and validates the body HipChat POSTs to `installable.callbackUrl`
    /// ([`parse_installable`]).
    pub fn parse(body: &[u8]) -> Result<Self, Error> {
        Installation::from_installable(parse_installable(body)?)
    }

    /// Applies a re-install ([`InstallationUpdate`]): its `oauthId` must be this installation's.
    /// A new `capabilitiesUrl` replaces the old one and forgets the learned API and token URLs
    /// (learn them again from the new document); a `roomId` replaces the room, its absence
    /// keeps it.
    pub fn apply_update(&mut self, update: &InstallationUpdate) -> Result<(), Error> {
        update.validate()?;
        if update.oauth_id != self.oauth_id {
            return Err(Error::invalid_input(
                "oauthId",
                "must be the OAuth id of the installation being updated",
            ));
        }
        if !same_url(&update.capabilities_url, &self.capabilities_url) {
            self.capabilities_url = update.capabilities_url.clone();
            self.api_url = None;
            self.token_url = None;
        }
        if update.room_id.is_some() {
            self.room_id = update.room_id;
        }
        Ok(())
    }

    /// Learns the installing server from its capabilities document (fetched from
    /// [`capabilities_url`](Self::capabilities_url)) and returns a [`ClientBuilder`] for it
    /// (see [`client_builder`](Self::client_builder)).
    ///
    /// Checks, in order (the field named in the error is in parentheses):
    ///
    /// 1. the document's `links.self` is present and equals `capabilitiesUrl` once both are
    ///    parsed (`links.self`), so a document served from elsewhere is refused;
    /// 2. the API base URL, `capabilities.hipchatApiProvider.url` or else `links.api`, is
    ///    present and acceptable to [`BaseUrl::parse`] without insecure http (that field's
    ///    name);
    /// 3. the token URL `capabilities.oauth2Provider.tokenUrl`, when present, is
    ///    `{api}/oauth/token`, where `GenerateToken` posts (that field's name). When absent,
    ///    `{api}/oauth/token` is assumed.
    ///
    /// On success [`api_url`](Self::api_url) and [`token_url`](Self::token_url) are set; on
    /// error the installation is left unchanged.
    pub fn learn_capabilities(
        &mut self,
        capabilities: &Capabilities,
    ) -> Result<ClientBuilder, Error> {
        let links = &capabilities.links;
        let self_link = links
            .self_link
            .as_deref()
            .filter(|link| !link.is_empty())
            .ok_or_else(|| {
                Error::invalid_input(
                    "links.self",
                    "is required: the document must name the URL it was fetched from",
                )
            })?;
        if !same_url(self_link, &self.capabilities_url) {
            return Err(Error::invalid_input(
                "links.self",
                "must equal the installation's capabilitiesUrl",
            ));
        }

        let provider = capabilities
            .capabilities
            .hipchat_api_provider
            .as_ref()
            .map(|provider| provider.url.as_str())
            .filter(|url| !url.is_empty());
        let (field, api) = match (provider, links.api.as_deref()) {
            (Some(url), _) => ("capabilities.hipchatApiProvider.url", url),
            (None, Some(url)) if !url.is_empty() => ("links.api", url),
            _ => {
                return Err(Error::invalid_input(
                    "links.api",
                    "is required when capabilities.hipchatApiProvider.url is absent",
                ));
            }
        };
        let api = BaseUrl::parse(api, false)
            .map_err(|e| Error::invalid_input(field, e.rule().to_owned()))?;

        let expected_token_url = format!("{api}/oauth/token");
        let given = capabilities
            .capabilities
            .oauth2_provider
            .as_ref()
            .and_then(|provider| provider.token_url.as_deref())
            .filter(|url| !url.is_empty());
        if let Some(given) = given {
            let field = "capabilities.oauth2Provider.tokenUrl";
            check_url(field, given)?;
            if !same_url(given, &expected_token_url) {
                return Err(Error::invalid_input(
                    field,
                    format!(
                        "must be {expected_token_url}, where token requests to this API are sent \
                         (got {given})"
                    ),
                ));
            }
        }

        self.api_url = Some(api.as_str().to_owned());
        self.token_url = Some(expected_token_url);
        self.client_builder()
    }

    /// A [`ClientBuilder`] for fetching the installing server's capabilities document: its
    /// base URL is [`capabilities_url`](Self::capabilities_url) without the final
    /// `/capabilities`, so that [`GetCapabilities`](crate::api::capabilities::GetCapabilities)
    /// reads exactly that URL. No credentials are set (the document is public). Add the
    /// backend, build, send `GetCapabilities::new()`, then pass the document to
    /// [`learn_capabilities`](Self::learn_capabilities).
    ///
    /// ```
    /// use hipchat_core::addon::install::Installation;
    ///
    /// let installation = Installation::parse(br#"{"capabilitiesUrl": "https://chat.example.com/v2/capabilities",
    ///     "oauthId": "id", "oauthSecret": "secret", "groupId": 1}"#)?;
    /// let config = installation.capabilities_client_builder()?.build_config()?;
    /// assert_eq!(config.base_url().as_str(), "https://chat.example.com/v2");
    /// # Ok::<(), hipchat_core::Error>(())
    /// ```
    pub fn capabilities_client_builder(&self) -> Result<ClientBuilder, Error> {
        let url = check_url("capabilitiesUrl", &self.capabilities_url)?;
        let base = url.as_str().strip_suffix("/capabilities").ok_or_else(|| {
            Error::invalid_input(
                "capabilitiesUrl",
                "must end in /capabilities to be read with GetCapabilities",
            )
        })?;
        let base = BaseUrl::parse(base, false)
            .map_err(|e| Error::invalid_input("capabilitiesUrl", e.rule().to_owned()))?;
        Ok(Client::builder().base_url(base.as_str()))
    }

    /// A [`ClientBuilder`] for this installation's server: base URL [`api_url`](Self::api_url)
    /// and the OAuth client id and secret (`ClientBuilder::oauth_client`), ready for
    /// `GenerateToken` (grant type `client_credentials`). Add the backend (and, once a token is
    /// issued, `.token(...)`) and build.
    ///
    /// Errors on `api_url` while it is unknown (call
    /// [`learn_capabilities`](Self::learn_capabilities) first) or not a valid base URL.
    pub fn client_builder(&self) -> Result<ClientBuilder, Error> {
        Ok(Client::builder()
            .base_url(self.api_base_url()?.as_str())
            .oauth_client(self.oauth_id.as_str(), self.oauth_secret.as_str()))
    }

    /// [`api_url`](Self::api_url), checked.
    fn api_base_url(&self) -> Result<BaseUrl, Error> {
        let api = self.api_url.as_deref().ok_or_else(|| {
            Error::invalid_input(
                "api_url",
                "is not known yet: pass the capabilities document to `Installation::learn_capabilities`",
            )
        })?;
        BaseUrl::parse(api, false).map_err(|e| Error::invalid_input("api_url", e.rule().to_owned()))
    }

    /// A [`Client`] that calls the API as this installation: base URL
    /// [`api_url`](Self::api_url), `token` (an access token of this installation, such as the
    /// one [`TokenHolder::fresh_token`](crate::addon::token::TokenHolder::fresh_token) gives)
    /// sent as `Authorization: Bearer`, and `backend`.
    ///
    /// The client owns a copy of the token, so the holder is free again as soon as this
    /// returns; build one per token (it is cheap) rather than keeping it past the token's
    /// expiry. It carries no OAuth client secret (getting tokens is the holder's job) and no
    /// retry policy: for one, start from [`client_builder`](Self::client_builder) and add
    /// `.token(token.access_token())`. Its `Debug` output shows neither the token nor the
    /// secret.
    ///
    /// Errors, [`Error::InvalidInput`]: `api_url` while it is unknown or invalid (as
    /// [`client_builder`](Self::client_builder)), `token` when the token cannot form a header.
    ///
    /// ```
    /// # #[cfg(feature = "mock")] futures_executor::block_on(async {
    /// use std::sync::Arc;
    /// use std::time::SystemTime;
    /// use hipchat_core::addon::install::Installation;
    /// use hipchat_core::addon::token::TokenHolder;
    /// use hipchat_core::api::oauth_sessions::GenerateToken;
    /// use hipchat_core::api::rooms::SendRoomNotification;
    /// use hipchat_core::mock::{MockBackend, MockResponse};
    /// use hipchat_core::model::GrantType;
    /// use hipchat_core::HttpBackend;
    /// use serde_json::json;
    ///
    /// let mock = MockBackend::new();
    /// mock.expect_post("/v2/oauth/token").respond(MockResponse::json(200, json!({
    ///     "access_token": "tok-1", "expires_in": 3600, "scope": "send_notification"
    /// })));
    /// mock.expect_post("/v2/room/2251/notification")
    ///     .header("authorization", "Bearer tok-1")
    ///     .respond(MockResponse::empty(204));
    /// let backend: Arc<dyn HttpBackend> = Arc::new(mock.clone());
    ///
    /// let mut installation = Installation::parse(br#"{"capabilitiesUrl": "https://chat.example.com/v2/capabilities",
    ///     "oauthId": "id", "oauthSecret": "secret", "groupId": 1, "roomId": 2251}"#)?;
    /// installation.api_url = Some("https://chat.example.com/v2".into()); // learned earlier
    /// let oauth_client = installation.client_builder()?.shared_backend(backend.clone()).build()?;
    /// let mut tokens = TokenHolder::new(GenerateToken::new(GrantType::ClientCredentials));
    ///
    /// let token = tokens.fresh_token(&oauth_client, SystemTime::now()).await?;
    /// let api = installation.api_client(token, backend.clone())?;
    /// api.send(&SendRoomNotification::new(2251_u64, "Hello")).await?;
    /// mock.assert_done();
    /// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
    /// ```
    pub fn api_client(
        &self,
        token: &HeldToken,
        backend: Arc<dyn HttpBackend>,
    ) -> Result<Client, Error> {
        Client::builder()
            .base_url(self.api_base_url()?.as_str())
            .token(token.access_token())
            .shared_backend(backend)
            .build()
    }

    /// Verifies a JWT HipChat signed for this installation: [`jwt::verify`] with the
    /// installation's secret and its OAuth id as the expected issuer.
    pub fn verify_jwt(
        &self,
        token: &str,
        now: SystemTime,
        leeway: Duration,
    ) -> Result<Claims, JwtError> {
        jwt::verify(token, &self.oauth_secret, &self.oauth_id, now, leeway)
    }
}

impl fmt::Debug for Installation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Installation")
            .field("oauth_id", &self.oauth_id)
            .field("oauth_secret", &REDACTED)
            .field("group_id", &self.group_id)
            .field("room_id", &self.room_id)
            .field("capabilities_url", &self.capabilities_url)
            .field("api_url", &self.api_url)
            .field("token_url", &self.token_url)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_capabilities_document_is_read_from_its_own_url() {
        let installation = |url: &str| Installation {
            capabilities_url: url.to_owned(),
            ..Installation::parse(
                br#"{"capabilitiesUrl": "https://chat.example.com/hipchat/v2/capabilities",
                     "oauthId": "id", "oauthSecret": "secret", "groupId": 1}"#,
            )
            .unwrap()
        };
        let builder = installation("https://chat.example.com/hipchat/v2/capabilities");
        let config = builder
            .capabilities_client_builder()
            .unwrap()
            .build_config()
            .unwrap();
        assert_eq!(
            config.base_url().as_str(),
            "https://chat.example.com/hipchat/v2"
        );
        assert!(!config.credentials().has_token());
        let Err(Error::InvalidInput(e)) =
            installation("https://chat.example.com/v2/caps").capabilities_client_builder()
        else {
            panic!("a URL not ending in /capabilities is refused")
        };
        assert_eq!(e.field(), "capabilitiesUrl");
    }
    use crate::api::oauth_sessions::GenerateToken;
    use crate::build_request;
    use crate::model::GrantType;
    use serde_json::json;

    const CLOUD: &str = include_str!("../../tests/fixtures/hipchat-cloud-capabilities.json");
    const OAUTH_ID: &str = "0d5a2c1e-8f32-4b4d-a3c3-2b5f1e3c9f11";
    const SECRET: &str = "s3cr3t-oauth-secret";

    /// A HipChat Server document, written for these tests.
    fn server_capabilities() -> Value {
        json!({
            "name": "HipChat",
            "key": "hipchat",
            "description": "Group chat and IM built for teams",
            "vendor": {"name": "Atlassian", "url": "http://atlassian.com"},
            "connect_server_api_version": 1,
            "links": {
                "self": "https://chat.example.com/v2/capabilities",
                "api": "https://chat.example.com/v2",
                "homepage": "https://chat.example.com",
                "subdomain": "https://chat.example.com"
            },
            "capabilities": {
                "hipchatApiProvider": {
                    "url": "https://chat.example.com/v2/",
                    "availableScopes": {
                        "send_notification": {"id": "send_notification", "name": "Send Notification"}
                    }
                },
                "oauth2Provider": {
                    "authorizationUrl": "https://chat.example.com/users/authorize",
                    "tokenUrl": "https://chat.example.com/v2/oauth/token"
                }
            }
        })
    }

    fn install_body(capabilities_url: &str) -> Value {
        json!({
            "capabilitiesUrl": capabilities_url,
            "oauthId": OAUTH_ID,
            "oauthSecret": SECRET,
            "groupId": 42,
            "roomId": 2251
        })
    }

    fn parse(body: &Value) -> Result<Installation, Error> {
        Installation::parse(body.to_string().as_bytes())
    }

    fn caps(value: Value) -> Capabilities {
        serde_json::from_value(value).unwrap()
    }

    /// The field and rule of an `InvalidInput`, panicking on anything else.
    fn invalid(result: Result<impl fmt::Debug, Error>) -> (String, String) {
        match result {
            Err(Error::InvalidInput(e)) => (e.field().to_owned(), e.rule().to_owned()),
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[test]
    fn parses_a_server_side_install() {
        let body = install_body("https://api.hipchat.com/v2/capabilities");
        let data = parse_installable(body.to_string().as_bytes()).unwrap();
        assert_eq!(
            data.capabilities_url,
            "https://api.hipchat.com/v2/capabilities"
        );
        assert_eq!(data.oauth_id, OAUTH_ID);
        assert_eq!(data.oauth_secret, SECRET);
        assert_eq!((data.group_id, data.room_id), (Some(42), Some(2251)));

        let installation = parse(&body).unwrap();
        assert_eq!(
            installation,
            Installation {
                oauth_id: OAUTH_ID.into(),
                oauth_secret: SECRET.into(),
                group_id: 42,
                room_id: Some(2251),
                capabilities_url: "https://api.hipchat.com/v2/capabilities".into(),
                api_url: None,
                token_url: None,
            }
        );

        // A global installation, ids as strings, unknown members ignored.
        let global = parse(&json!({
            "capabilitiesUrl": "https://chat.example.com/v2/capabilities",
            "oauthId": OAUTH_ID, "oauthSecret": SECRET, "groupId": "7", "extra": true
        }))
        .unwrap();
        assert_eq!((global.group_id, global.room_id), (7, None));
        // Loopback http, for local tests.
        parse(&install_body("http://127.0.0.1:8080/v2/capabilities")).unwrap();
        parse(&install_body("http://localhost/v2/capabilities")).unwrap();
    }

    #[test]
    fn refuses_install_bodies_naming_the_field() {
        let mut cases: Vec<(Value, &str)> = Vec::new();
        for member in ["capabilitiesUrl", "oauthId", "oauthSecret", "groupId"] {
            let mut body = install_body("https://api.hipchat.com/v2/capabilities");
            body.as_object_mut().unwrap().remove(member);
            cases.push((body.clone(), member));
            body[member] = Value::Null;
            cases.push((body, member));
        }
        for (member, value, field) in [
            ("oauthId", json!(""), "oauthId"),
            ("oauthId", json!("  "), "oauthId"),
            ("oauthId", json!("a/b"), "oauthId"),
            ("oauthId", json!("a\nb"), "oauthId"),
            ("oauthId", json!(12), "oauthId"),
            ("oauthSecret", json!(""), "oauthSecret"),
            ("oauthSecret", json!(" \t"), "oauthSecret"),
            ("oauthSecret", json!(12345), "oauthSecret"),
            ("groupId", json!("abc"), "groupId"),
            ("roomId", json!(-1), "roomId"),
            ("capabilitiesUrl", json!(""), "capabilitiesUrl"),
            (
                "capabilitiesUrl",
                json!("/v2/capabilities"),
                "capabilitiesUrl",
            ),
            (
                "capabilitiesUrl",
                json!("api.hipchat.com/v2/capabilities"),
                "capabilitiesUrl",
            ),
            (
                "capabilitiesUrl",
                json!("http://api.hipchat.com/v2/capabilities"),
                "capabilitiesUrl",
            ),
            (
                "capabilitiesUrl",
                json!("ftp://api.hipchat.com/v2/capabilities"),
                "capabilitiesUrl",
            ),
            (
                "capabilitiesUrl",
                json!("https://u:p@api.hipchat.com/v2"),
                "capabilitiesUrl",
            ),
            (
                "capabilitiesUrl",
                json!("data:text/plain,x"),
                "capabilitiesUrl",
            ),
        ] {
            let mut body = install_body("https://api.hipchat.com/v2/capabilities");
            body[member] = value;
            cases.push((body, field));
        }
        for (body, field) in cases {
            let (got, rule) = invalid(parse(&body));
            assert_eq!(got, field, "{body}: {rule}");
            assert!(!rule.contains(SECRET), "{rule}");
            let (got, _) = invalid(parse_installable(body.to_string().as_bytes()));
            assert_eq!(got, field, "{body}");
        }
        for body in [&b"not json"[..], b"[]", b"\"x\"", b""] {
            assert_eq!(invalid(Installation::parse(body)).0, "body");
        }
        // The messages say what is wrong.
        let mut body = install_body("http://hipchat.example.com/v2/capabilities");
        assert_eq!(
            invalid(parse(&body)),
            (
                "capabilitiesUrl".into(),
                "must use https (plain http is accepted only for loopback hosts)".into()
            )
        );
        body = install_body("https://api.hipchat.com/v2/capabilities");
        body.as_object_mut().unwrap().remove("groupId");
        assert_eq!(
            invalid(parse(&body)),
            ("groupId".into(), "is required".into())
        );
        // `validate_installable` on a record decoded elsewhere: `groupId` is optional there.
        let data: InstallableData = serde_json::from_value(body).unwrap();
        assert_eq!(invalid(validate_installable(&data).map(|_| 0)).0, "groupId");
    }

    #[test]
    fn debug_hides_the_secret_and_serde_keeps_it() {
        let installation = parse(&install_body("https://api.hipchat.com/v2/capabilities")).unwrap();
        let shown = format!("{installation:?}");
        assert!(!shown.contains(SECRET), "{shown}");
        assert!(
            shown.contains(OAUTH_ID) && shown.contains("<redacted>"),
            "{shown}"
        );
        let stored = serde_json::to_value(&installation).unwrap();
        assert_eq!(
            stored,
            json!({
                "oauthId": OAUTH_ID, "oauthSecret": SECRET, "groupId": 42, "roomId": 2251,
                "capabilitiesUrl": "https://api.hipchat.com/v2/capabilities"
            })
        );
        let back: Installation = serde_json::from_value(stored).unwrap();
        assert_eq!(back, installation);
    }

    #[test]
    fn learns_hipchat_cloud_from_the_fixture() {
        let mut installation =
            parse(&install_body("https://api.hipchat.com/v2/capabilities")).unwrap();
        let cloud: Capabilities = serde_json::from_str(CLOUD).unwrap();
        let builder = installation.learn_capabilities(&cloud).unwrap();
        assert_eq!(
            installation.api_url.as_deref(),
            Some("https://api.hipchat.com/v2")
        );
        assert_eq!(
            installation.token_url.as_deref(),
            Some("https://api.hipchat.com/v2/oauth/token")
        );

        let config = builder.build_config().unwrap();
        assert_eq!(config.base_url().as_str(), "https://api.hipchat.com/v2");
        assert_eq!(config.credentials().oauth_client_id(), Some(OAUTH_ID));
        assert!(!config.credentials().has_token());
        let request =
            build_request(&config, &GenerateToken::new(GrantType::ClientCredentials)).unwrap();
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri().to_string(),
            installation.token_url.clone().unwrap()
        );
        let basic = base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            format!("{OAUTH_ID}:{SECRET}"),
        );
        assert_eq!(
            request.headers()["authorization"],
            format!("Basic {basic}").as_str()
        );

        // The stored installation rebuilds the same client.
        let stored: Installation =
            serde_json::from_value(serde_json::to_value(&installation).unwrap()).unwrap();
        assert_eq!(
            stored.client_builder().unwrap().build_config().unwrap(),
            config
        );
    }

    #[test]
    fn learns_a_hipchat_server() {
        let mut installation =
            parse(&install_body("https://chat.example.com/v2/capabilities")).unwrap();
        let config = installation
            .learn_capabilities(&caps(server_capabilities()))
            .unwrap()
            .build_config()
            .unwrap();
        assert_eq!(config.base_url().as_str(), "https://chat.example.com/v2");
        assert_eq!(
            installation.api_url.as_deref(),
            Some("https://chat.example.com/v2")
        );
        assert_eq!(
            installation.token_url.as_deref(),
            Some("https://chat.example.com/v2/oauth/token")
        );
        let request =
            build_request(&config, &GenerateToken::new(GrantType::ClientCredentials)).unwrap();
        assert_eq!(request.uri(), "https://chat.example.com/v2/oauth/token");

        // Under a path prefix, from `links.api` alone, with the token URL assumed; the
        // capabilities URL compared once parsed (host case, default port).
        let mut prefixed = parse(&install_body(
            "https://chat.example.com/hipchat/v2/capabilities",
        ))
        .unwrap();
        let document = json!({
            "links": {
                "self": "https://CHAT.example.com:443/hipchat/v2/capabilities",
                "api": "https://chat.example.com/hipchat/v2/"
            }
        });
        let config = prefixed
            .learn_capabilities(&caps(document))
            .unwrap()
            .build_config()
            .unwrap();
        assert_eq!(
            config.base_url().as_str(),
            "https://chat.example.com/hipchat/v2"
        );
        assert_eq!(
            prefixed.token_url.as_deref(),
            Some("https://chat.example.com/hipchat/v2/oauth/token")
        );
    }

    #[test]
    fn refuses_capabilities_that_do_not_fit() {
        let fresh = || parse(&install_body("https://chat.example.com/v2/capabilities")).unwrap();
        let cases: Vec<(Value, &str, &str)> = vec![
            (
                json!({"links": {"self": "https://evil.example.com/v2/capabilities"}}),
                "links.self",
                "must equal the installation's capabilitiesUrl",
            ),
            (
                json!({"links": {"self": "https://chat.example.com/v2/capabilities/"}}),
                "links.self",
                "must equal the installation's capabilitiesUrl",
            ),
            (
                json!({"links": {"api": "https://chat.example.com/v2"}}),
                "links.self",
                "is required: the document must name the URL it was fetched from",
            ),
            (
                json!({"links": {"self": "https://chat.example.com/v2/capabilities"}}),
                "links.api",
                "is required when capabilities.hipchatApiProvider.url is absent",
            ),
            (
                json!({"links": {"self": "https://chat.example.com/v2/capabilities", "api": "http://chat.example.com/v2"}}),
                "links.api",
                "",
            ),
            (
                json!({
                    "links": {"self": "https://chat.example.com/v2/capabilities", "api": "https://chat.example.com/v2"},
                    "capabilities": {"hipchatApiProvider": {"url": "https://chat.example.com/v2?x=1"}}
                }),
                "capabilities.hipchatApiProvider.url",
                "",
            ),
            (
                json!({
                    "links": {"self": "https://chat.example.com/v2/capabilities", "api": "https://chat.example.com/v2"},
                    "capabilities": {"oauth2Provider": {"tokenUrl": "https://tokens.example.net/oauth/token"}}
                }),
                "capabilities.oauth2Provider.tokenUrl",
                "must be https://chat.example.com/v2/oauth/token, where token requests to this API \
                 are sent (got https://tokens.example.net/oauth/token)",
            ),
            (
                json!({
                    "links": {"self": "https://chat.example.com/v2/capabilities", "api": "https://chat.example.com/v2"},
                    "capabilities": {"oauth2Provider": {"tokenUrl": "http://chat.example.com/v2/oauth/token"}}
                }),
                "capabilities.oauth2Provider.tokenUrl",
                "must use https (plain http is accepted only for loopback hosts)",
            ),
        ];
        for (document, field, rule) in cases {
            let mut installation = fresh();
            let (got_field, got_rule) =
                invalid(installation.learn_capabilities(&caps(document.clone())));
            assert_eq!(got_field, field, "{document}");
            if !rule.is_empty() {
                assert_eq!(got_rule, rule, "{document}");
            }
            // Nothing learned on failure.
            assert_eq!(installation, fresh());
        }
        // The Cloud document does not describe a Server installation.
        let cloud: Capabilities = serde_json::from_str(CLOUD).unwrap();
        assert_eq!(invalid(fresh().learn_capabilities(&cloud)).0, "links.self");
    }

    #[test]
    fn client_builder_needs_the_learned_api_url() {
        let mut installation =
            parse(&install_body("https://api.hipchat.com/v2/capabilities")).unwrap();
        assert_eq!(invalid(installation.client_builder()).0, "api_url");
        installation.api_url = Some("http://hipchat.example.com/v2".into());
        assert_eq!(invalid(installation.client_builder()).0, "api_url");
        installation.api_url = Some("http://127.0.0.1:9/v2".into());
        let config = installation
            .client_builder()
            .unwrap()
            .build_config()
            .unwrap();
        assert_eq!(config.base_url().as_str(), "http://127.0.0.1:9/v2");
    }

    #[test]
    fn parses_and_applies_an_update() {
        let update = parse_update(
            json!({"capabilitiesUrl": "https://chat.example.com/v2/capabilities", "oauthId": OAUTH_ID, "roomId": "99"})
                .to_string()
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(
            update,
            InstallationUpdate {
                capabilities_url: "https://chat.example.com/v2/capabilities".into(),
                oauth_id: OAUTH_ID.into(),
                room_id: Some(99),
            }
        );

        let mut installation =
            parse(&install_body("https://chat.example.com/v2/capabilities")).unwrap();
        installation
            .learn_capabilities(&caps(server_capabilities()))
            .unwrap();
        installation.apply_update(&update).unwrap();
        assert_eq!(installation.room_id, Some(99));
        assert!(
            installation.api_url.is_some(),
            "same document: nothing to relearn"
        );

        let moved = InstallationUpdate {
            capabilities_url: "https://chat2.example.com/v2/capabilities".into(),
            oauth_id: OAUTH_ID.into(),
            room_id: None,
        };
        installation.apply_update(&moved).unwrap();
        assert_eq!(
            installation.capabilities_url,
            "https://chat2.example.com/v2/capabilities"
        );
        assert_eq!(
            (
                installation.api_url.as_deref(),
                installation.token_url.as_deref()
            ),
            (None, None)
        );
        assert_eq!(installation.room_id, Some(99));

        let other = InstallationUpdate {
            oauth_id: "another-id".into(),
            ..moved.clone()
        };
        let before = installation.clone();
        assert_eq!(invalid(installation.apply_update(&other)).0, "oauthId");
        assert_eq!(installation, before);

        for (body, field) in [
            (json!({"oauthId": OAUTH_ID}), "capabilitiesUrl"),
            (
                json!({"capabilitiesUrl": "https://chat.example.com/v2/capabilities"}),
                "oauthId",
            ),
            (
                json!({"capabilitiesUrl": "https://chat.example.com/v2/capabilities", "oauthId": ""}),
                "oauthId",
            ),
            (
                json!({"capabilitiesUrl": "http://chat.example.com/v2/capabilities", "oauthId": "x"}),
                "capabilitiesUrl",
            ),
            (
                json!({"capabilitiesUrl": "https://chat.example.com/v2/capabilities", "oauthId": "x", "roomId": "r"}),
                "roomId",
            ),
        ] {
            assert_eq!(
                invalid(parse_update(body.to_string().as_bytes())).0,
                field,
                "{body}"
            );
        }
    }

    #[test]
    fn extracts_the_oauth_id_of_an_uninstall() {
        for (callback, target, expected) in [
            (
                "https://addon.example.com/installable",
                "/installable/abc-123",
                "abc-123",
            ),
            (
                "https://addon.example.com/installable/",
                "/installable/abc-123",
                "abc-123",
            ),
            ("/installable", "/installable/abc-123?x=1", "abc-123"),
            (
                "/hooks/installed",
                "https://addon.example.com/hooks/installed/abc#f",
                "abc",
            ),
            ("https://addon.example.com/", "/abc", "abc"),
            ("/installable", "/installable/a%20b", "a b"),
            (
                "/installable",
                &format!("/installable/{OAUTH_ID}"),
                OAUTH_ID,
            ),
        ] {
            assert_eq!(
                uninstalled_oauth_id(callback, target).unwrap(),
                expected,
                "{callback} {target}"
            );
        }
        for (callback, target, field) in [
            ("/installable", "/other/abc", "request_path"),
            ("/installable", "/installableabc", "request_path"),
            ("/installable", "/installable", "request_path"),
            ("/installable", "/", "request_path"),
            ("/installable", "/installable/", "oauthId"),
            ("/installable", "/installable/a/b", "oauthId"),
            ("/installable", "/installable/abc/", "oauthId"),
            ("/installable", "/installable/a%2Fb", "oauthId"),
            ("/installable", "/installable/%0A", "oauthId"),
            ("/installable", "/installable/%20", "oauthId"),
            ("/installable", "/installable/%FF", "oauthId"),
        ] {
            assert_eq!(
                invalid(uninstalled_oauth_id(callback, target)).0,
                field,
                "{callback} {target}"
            );
        }
    }

    #[test]
    fn parses_a_client_side_install_query() {
        let installable = "https://chat.example.com/v2/addon/my-addon/installable/0neT1me";
        let redirect = "https://chat.example.com/addons/done?x=1";
        let query = format!(
            "installable_url={}&redirect_url={}",
            crate::encode_query_component(installable),
            crate::encode_query_component(redirect)
        );
        for place in [
            query.clone(),
            format!("?{query}"),
            format!("/installed?theme=dark&{query}"),
            format!("https://addon.example.com/installed?{query}#top"),
        ] {
            let install = parse_client_side(&place).unwrap();
            assert_eq!(install.installable_url, installable, "{place}");
            assert_eq!(install.redirect_url, redirect, "{place}");
        }
        let install = parse_client_side(&query).unwrap();
        let (base, _endpoint) = install.installable_request().unwrap();
        assert_eq!(base.as_str(), "https://chat.example.com/v2");
        let shown = format!("{install:?}");
        assert!(
            !shown.contains("0neT1me") && shown.contains(redirect),
            "{shown}"
        );

        let encoded = |value: &str| crate::encode_query_component(value);
        for (query, field) in [
            (
                format!("redirect_url={}", encoded(redirect)),
                "installable_url",
            ),
            (
                format!("installable_url={}", encoded(installable)),
                "redirect_url",
            ),
            (
                format!("installable_url=&redirect_url={}", encoded(redirect)),
                "installable_url",
            ),
            (
                format!("{query}&installable_url={}", encoded(installable)),
                "installable_url",
            ),
            (
                format!("{query}&redirect_url={}", encoded(redirect)),
                "redirect_url",
            ),
            (
                format!(
                    "installable_url={}&redirect_url={}",
                    encoded("http://chat.example.com/v2/addon/a/installable/t"),
                    encoded(redirect)
                ),
                "installable_url",
            ),
            (
                format!(
                    "installable_url={}&redirect_url={}",
                    encoded("https://chat.example.com/v2/addon/a/other/t"),
                    encoded(redirect)
                ),
                "installable_url",
            ),
            (
                format!(
                    "installable_url={}&redirect_url={}",
                    encoded(installable),
                    encoded("javascript:alert(1)")
                ),
                "redirect_url",
            ),
            (
                format!(
                    "installable_url={}&redirect_url=%2Frelative",
                    encoded(installable)
                ),
                "redirect_url",
            ),
        ] {
            let (got, rule) = invalid(parse_client_side(&query));
            assert_eq!(got, field, "{query}");
            assert!(!rule.contains("0neT1me") && !rule.contains("/t"), "{rule}");
        }
    }

    #[test]
    fn verifies_jwts_of_the_installation() {
        let installation = parse(&install_body("https://api.hipchat.com/v2/capabilities")).unwrap();
        let now = 1_500_000_000;
        let at = std::time::UNIX_EPOCH + Duration::from_secs(now);
        let token = jwt::sign(&Claims::new(OAUTH_ID, now, now + 60).with_sub("7"), SECRET);
        let claims = installation.verify_jwt(&token, at, Duration::ZERO).unwrap();
        assert_eq!(claims.user_id(), Some("7"));

        let foreign = jwt::sign(&Claims::new("another", now, now + 60), SECRET);
        assert!(matches!(
            installation.verify_jwt(&foreign, at, Duration::ZERO),
            Err(JwtError::WrongIssuer { .. })
        ));
        let forged = jwt::sign(&Claims::new(OAUTH_ID, now, now + 60), "guess");
        assert_eq!(
            installation.verify_jwt(&forged, at, Duration::ZERO),
            Err(JwtError::BadSignature)
        );
    }

    fn held_token(access: &str) -> HeldToken {
        let token = serde_json::from_value(json!({
            "access_token": access, "token_type": "bearer", "expires_in": 3600,
            "scope": "send_notification", "group_id": 42, "group_name": "Example"
        }))
        .unwrap();
        HeldToken::new(token, std::time::UNIX_EPOCH)
    }

    fn learned() -> Installation {
        let mut installation =
            parse(&install_body("https://chat.example.com/v2/capabilities")).unwrap();
        installation
            .learn_capabilities(&caps(server_capabilities()))
            .unwrap();
        installation
    }

    /// A backend that must never be called.
    struct Unused;

    #[async_trait::async_trait]
    impl crate::HttpBackend for Unused {
        async fn send(
            &self,
            _: crate::HttpRequest,
        ) -> Result<crate::HttpResponse, crate::TransportError> {
            unreachable!("building a client sends nothing")
        }
    }

    #[test]
    fn api_client_calls_the_installations_server_with_the_token() {
        let api = learned()
            .api_client(&held_token("access-tok-123"), Arc::new(Unused))
            .unwrap();
        let config = api.config();
        assert_eq!(config.base_url().as_str(), "https://chat.example.com/v2");
        assert!(config.credentials().has_token());
        assert_eq!(
            config.credentials().oauth_client_id(),
            None,
            "getting tokens is the holder's job"
        );
        let request = build_request(
            config,
            &crate::api::rooms::SendRoomNotification::new(2251_u64, "hi"),
        )
        .unwrap();
        assert_eq!(
            request.uri(),
            "https://chat.example.com/v2/room/2251/notification"
        );
        assert_eq!(
            request.headers()[http::header::AUTHORIZATION],
            "Bearer access-tok-123"
        );
    }

    #[test]
    fn api_client_hides_the_token_and_the_secret() {
        let api = learned()
            .api_client(&held_token("access-tok-123"), Arc::new(Unused))
            .unwrap();
        let shown = format!("{api:?}");
        assert!(
            !shown.contains("access-tok-123") && !shown.contains(SECRET),
            "{shown}"
        );
    }

    #[test]
    fn api_client_needs_the_api_url_and_a_usable_token() {
        let unlearned = parse(&install_body("https://chat.example.com/v2/capabilities")).unwrap();
        let result = unlearned.api_client(&held_token("t"), Arc::new(Unused));
        assert_eq!(invalid(result).0, "api_url");

        let mut insecure = learned();
        insecure.api_url = Some("http://chat.example.com/v2".into());
        let result = insecure.api_client(&held_token("t"), Arc::new(Unused));
        assert_eq!(invalid(result).0, "api_url");

        let result = learned().api_client(&held_token("bad\ntoken"), Arc::new(Unused));
        let (field, rule) = invalid(result);
        assert_eq!(field, "token");
        assert!(!rule.contains("bad"), "{rule}");
    }

    #[cfg(feature = "mock")]
    #[test]
    fn api_client_sends_through_the_backend() {
        use crate::mock::{MockBackend, MockResponse};
        let mock = MockBackend::new();
        mock.expect_post("/v2/room/2251/notification")
            .header("authorization", "Bearer access-tok-123")
            .respond(MockResponse::empty(204));
        let api = learned()
            .api_client(&held_token("access-tok-123"), Arc::new(mock.clone()))
            .unwrap();
        futures_executor::block_on(api.send(&crate::api::rooms::SendRoomNotification::new(
            2251_u64, "hi",
        )))
        .unwrap();
        mock.assert_done();
    }
}
