use http::Method;
use percent_encoding::percent_decode_str;

use crate::model::InstallableData;
use crate::{Auth, BaseUrl, Endpoint, IntegrationRef, InvalidInput, Path, PathToken};

/// `GET /addon/{integration_id_or_key}/installable/{token}`
///
/// Reads, once, the installation record of a client-side add-on install: the OAuth id and
/// secret HipChat created for the installation, the capabilities URL of the installing server
/// and the group (and room) it was installed in. Answers 200 with [`InstallableData`]; the
/// server deletes the record after the first read.
///
/// Scope: none. No credentials are sent: the one-time token in the path is the proof
/// (unconfirmed, as is the whole method, which only one source lists). Sending the add-on's
/// own bearer token there is avoided on purpose, since the URL usually comes from a browser.
///
/// You rarely build this path yourself: HipChat sends the browser to the descriptor's
/// `installedUrl` (or `updatedUrl`, `uninstalledUrl`) with the whole request URL in the
/// `installable_url` query parameter. [`GetIntegrationInstallableData::from_installable_url`]
/// splits such a URL into the base URL of the server that issued it and this endpoint; send the
/// endpoint with a client built on that base URL. The parameter arrives from a browser, so check
/// its host against the HipChat servers you serve before fetching it; plain `http` is refused
/// except to loopback hosts.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/get_integration_installable_data>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::integrations::GetIntegrationInstallableData;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// // The `installable_url` query parameter of the browser request to `installedUrl`.
/// let installable_url = "https://chat.example.com/v2/addon/my-addon/installable/0neT1me";
/// let (base_url, endpoint) = GetIntegrationInstallableData::from_installable_url(installable_url)?;
/// assert_eq!(base_url.as_str(), "https://chat.example.com/v2");
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/addon/my-addon/installable/0neT1me")
///     .no_header("authorization")
///     .respond(MockResponse::json(200, json!({
///         "capabilitiesUrl": "https://chat.example.com/v2/capabilities",
///         "oauthId": "c1d2", "oauthSecret": "s3cr3t", "groupId": 7, "roomId": 2251
///     })));
/// // No token is needed: the one-time token in the path is the credential.
/// let client = Client::builder().base_url(base_url.as_str()).backend(mock).build()?;
/// let installation = client.send(&endpoint).await?;
/// assert_eq!(installation.oauth_id, "c1d2");
/// assert_eq!(installation.room_id, Some(2251));
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetIntegrationInstallableData {
    integration_id_or_key: IntegrationRef,
    token: PathToken,
}

impl GetIntegrationInstallableData {
    /// The installation record of the add-on with this id or key, behind the one-time `token`.
    pub fn new(
        integration_id_or_key: impl Into<IntegrationRef>,
        token: impl Into<PathToken>,
    ) -> Self {
        GetIntegrationInstallableData {
            integration_id_or_key: integration_id_or_key.into(),
            token: token.into(),
        }
    }

    /// Splits the `installable_url` HipChat hands the add-on, such as
    /// `https://chat.example.com/v2/addon/{integration_id_or_key}/installable/{token}`, into the
    /// base URL it belongs to (everything before `/addon`) and the endpoint.
    ///
    /// Refused with [`InvalidInput`] on `installable_url`: a URL that does not end in
    /// `/addon/{integration_id_or_key}/installable/{token}`, that has a query or fragment, or
    /// whose base URL is not acceptable to [`BaseUrl::parse`] (plain `http` to a non-loopback
    /// host included).
    pub fn from_installable_url(installable_url: &str) -> Result<(BaseUrl, Self), InvalidInput> {
        let field = "installable_url";
        let shape = || {
            InvalidInput::new(
                field,
                format!(
                    "must be a URL ending in /addon/{{integration_id_or_key}}/installable/{{token}} \
                     (got {installable_url:?})"
                ),
            )
        };
        let mut url = url::Url::parse(installable_url.trim()).map_err(|_| shape())?;
        if url.query().is_some() || url.fragment().is_some() {
            return Err(InvalidInput::new(
                field,
                format!("must not have a query or fragment (got {installable_url:?})"),
            ));
        }
        let segments: Vec<String> = url
            .path_segments()
            .ok_or_else(shape)?
            .map(str::to_owned)
            .collect();
        let [prefix @ .., addon, integration, installable, token] = segments.as_slice() else {
            return Err(shape());
        };
        if addon != "addon" || installable != "installable" {
            return Err(shape());
        }
        let decode = |segment: &str| {
            percent_decode_str(segment)
                .decode_utf8()
                .map(|s| s.into_owned())
                .map_err(|_| shape())
        };
        let integration = decode(integration)?;
        let token = decode(token)?;
        if integration.is_empty() || token.is_empty() {
            return Err(shape());
        }
        url.set_path(&prefix.join("/"));
        let base = BaseUrl::parse(url.as_str(), false)
            .map_err(|e| InvalidInput::new(field, e.rule().to_owned()))?;
        Ok((base, GetIntegrationInstallableData::new(integration, token)))
    }
}

impl Endpoint for GetIntegrationInstallableData {
    type Response = InstallableData;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("addon")
            .param("integration_id_or_key", &self.integration_id_or_key)
            .lit("installable")
            .param("token", &self.token)
    }

    fn auth(&self) -> Auth {
        Auth::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;

    #[test]
    fn wire_sends_no_credentials() {
        let endpoint = GetIntegrationInstallableData::new("com.example.my addon", "t/0k");
        let request = build(&endpoint);
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/addon/com.example.my%20addon/installable/t%2F0k"
        );
        assert!(request.headers().get("authorization").is_none());
        assert_eq!(request.headers()["accept"], "application/json");
        assert!(request.body().is_empty());
        assert!(!format!("{endpoint:?}").contains("t/0k"));
        assert_eq!(
            build_err(&GetIntegrationInstallableData::new("a", "..")).field(),
            "token"
        );
        // A client with no credentials at all can call it.
        let config = crate::ClientConfig::new(
            BaseUrl::parse("https://chat.example.com/v2", false).unwrap(),
            crate::Credentials::none(),
        );
        crate::build_request(&config, &endpoint).unwrap();
    }

    #[test]
    fn splits_an_installable_url() {
        let (base, endpoint) = GetIntegrationInstallableData::from_installable_url(
            "https://chat.example.com:8443/hipchat/v2/addon/my%20addon/installable/a%2Fb",
        )
        .unwrap();
        assert_eq!(base.as_str(), "https://chat.example.com:8443/hipchat/v2");
        assert_eq!(
            endpoint,
            GetIntegrationInstallableData::new("my addon", "a/b")
        );
        let (base, _) = GetIntegrationInstallableData::from_installable_url(
            "https://api.hipchat.com/addon/k/installable/t",
        )
        .unwrap();
        assert_eq!(base.as_str(), "https://api.hipchat.com");
        for bad in [
            "not a url",
            "https://api.hipchat.com/v2/addon/k/installable",
            "https://api.hipchat.com/v2/addon/k/installable/",
            "https://api.hipchat.com/v2/addons/k/installable/t",
            "https://api.hipchat.com/v2/addon/k/installable/t?x=1",
            "https://api.hipchat.com/v2/addon/k/installable/t#frag",
            "http://chat.example.com/v2/addon/k/installable/t",
            "ftp://chat.example.com/v2/addon/k/installable/t",
        ] {
            let err = GetIntegrationInstallableData::from_installable_url(bad).unwrap_err();
            assert_eq!(err.field(), "installable_url", "{bad}");
        }
        GetIntegrationInstallableData::from_installable_url(
            "http://127.0.0.1:8080/v2/addon/k/installable/t",
        )
        .unwrap();
    }

    #[test]
    fn decode_the_installation_and_an_error() {
        let body = r#"{
            "capabilitiesUrl": "https://api.hipchat.com/v2/capabilities",
            "oauthId": "5c1b6f3e-7a0d-4a5f-9b8e-2c4d6e8f0a1b",
            "oauthSecret": "Zm9vYmFyYmF6cXV4",
            "groupId": 42,
            "roomId": 2251
        }"#;
        let data = respond::<GetIntegrationInstallableData>(200, body).unwrap();
        assert_eq!(
            data.capabilities_url,
            "https://api.hipchat.com/v2/capabilities"
        );
        assert_eq!(data.oauth_id, "5c1b6f3e-7a0d-4a5f-9b8e-2c4d6e8f0a1b");
        assert_eq!(data.oauth_secret, "Zm9vYmFyYmF6cXV4");
        assert_eq!((data.group_id, data.room_id), (Some(42), Some(2251)));
        assert!(!format!("{data:?}").contains("Zm9vYmFyYmF6cXV4"));
        let body =
            r#"{"error": {"code": 404, "message": "Installable not found", "type": "Not Found"}}"#;
        let e = api_error::<GetIntegrationInstallableData>(404, body);
        assert_eq!(e.hipchat_error().unwrap().message, "Installable not found");
    }
}
