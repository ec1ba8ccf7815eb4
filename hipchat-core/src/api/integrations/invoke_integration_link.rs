use http::Method;

use crate::{Auth, Endpoint, Path, PathToken, Redirect};

/// `GET /addon/link/{token}`
///
/// Follows an integration link. HipChat POSTs the link's OAuth client id and token to the
/// target the add-on registered, the target answers with a location, and HipChat answers this
/// call with a 302 to it; the location is returned as a [`Redirect`], not followed. No other
/// content ever comes back.
///
/// Scope: none; no credentials are sent (confirmed). The method is meant for browsers: calling
/// it from a server still triggers the POST to the add-on. The member names of that exchange
/// are unconfirmed.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/invoke_integration_link>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::integrations::InvokeIntegrationLink;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/addon/link/l1nk")
///     .no_header("authorization")
///     .respond(MockResponse::redirect("https://addon.example.com/landing?id=9"));
/// let client = Client::builder().backend(mock).build()?;
/// let redirect = client.send(&InvokeIntegrationLink::new("l1nk")).await?;
/// assert_eq!(redirect.location, "https://addon.example.com/landing?id=9");
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvokeIntegrationLink {
    token: PathToken,
}

impl InvokeIntegrationLink {
    /// Invokes the link with this token (as returned by `CreateIntegrationLink`).
    pub fn new(token: impl Into<PathToken>) -> Self {
        InvokeIntegrationLink {
            token: token.into(),
        }
    }
}

impl Endpoint for InvokeIntegrationLink {
    type Response = Redirect;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("addon")
            .lit("link")
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
        let endpoint = InvokeIntegrationLink::new("ab+c/d");
        let request = build(&endpoint);
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/addon/link/ab%2Bc%2Fd"
        );
        assert!(request.headers().get("authorization").is_none());
        assert_eq!(request.headers()["accept"], "application/json");
        assert!(request.body().is_empty());
        assert!(!format!("{endpoint:?}").contains("ab+c"));
        assert_eq!(build_err(&InvokeIntegrationLink::new("")).field(), "token");
    }

    #[test]
    fn decode_the_redirect_and_an_error() {
        let response = http::Response::builder()
            .status(302)
            .header("Location", "https://addon.example.com/landing")
            .body(Vec::new())
            .unwrap();
        let redirect =
            crate::parse_response::<<InvokeIntegrationLink as Endpoint>::Response>(response)
                .unwrap();
        assert_eq!(redirect.status, 302);
        assert_eq!(redirect.location, "https://addon.example.com/landing");
        let body = r#"{"error": {"code": 404, "message": "Link not found", "type": "Not Found"}}"#;
        let e = api_error::<InvokeIntegrationLink>(404, body);
        assert_eq!(e.status(), 404);
        assert_eq!(e.hipchat_error().unwrap().message, "Link not found");
    }
}
