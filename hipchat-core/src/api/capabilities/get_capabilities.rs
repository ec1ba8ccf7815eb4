use http::Method;

use crate::model::Capabilities;
use crate::{Auth, Endpoint, Path};

/// `GET /capabilities`
///
/// Reads the server's capabilities document: its API base URL, OAuth endpoints and available
/// scopes. Needs no token, and none is sent; add-ons read it while being installed to learn
/// where the installing server's API is.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/get_capabilities>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::capabilities::GetCapabilities;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/capabilities").no_header("authorization").respond(MockResponse::json(200, json!({
///     "name": "HipChat", "key": "hipchat", "description": "Group chat",
///     "links": {"self": "https://api.hipchat.com/v2/capabilities", "api": "https://api.hipchat.com/v2"}
/// })));
/// let client = Client::builder().backend(mock).build()?;
/// let caps = client.send(&GetCapabilities::new()).await?;
/// assert_eq!(caps.key, "hipchat");
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GetCapabilities {}

impl GetCapabilities {
    /// The capabilities document of the client's server.
    pub fn new() -> Self {
        GetCapabilities {}
    }
}

impl Endpoint for GetCapabilities {
    type Response = Capabilities;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new().lit("capabilities")
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
        let request = build(&GetCapabilities::new());
        assert_eq!(request.method(), "GET");
        assert_eq!(request.uri(), "https://api.hipchat.com/v2/capabilities");
        assert!(request.headers().get("authorization").is_none());
        assert_eq!(request.headers()["accept"], "application/json");
    }

    #[test]
    fn decode_the_published_cloud_document() {
        let caps = respond::<GetCapabilities>(
            200,
            include_str!("../../../tests/fixtures/hipchat-cloud-capabilities.json"),
        )
        .unwrap();
        assert_eq!(caps.key, "hipchat");
        assert_eq!(
            caps.links.api.as_deref(),
            Some("https://api.hipchat.com/v2")
        );
        let oauth = caps.capabilities.oauth2_provider.as_ref().unwrap();
        assert_eq!(
            oauth.token_url.as_deref(),
            Some("https://api.hipchat.com/v2/oauth/token")
        );
        assert_eq!(
            oauth.authorization_url.as_deref(),
            Some("https://www.hipchat.com/users/authorize")
        );
        let api = caps.capabilities.hipchat_api_provider.as_ref().unwrap();
        assert!(api.available_scopes.contains_key("send_notification"));
        assert_eq!(
            api_error::<GetCapabilities>(503, "<html>Service Unavailable</html>").body_text(),
            "<html>Service Unavailable</html>"
        );
    }
}
