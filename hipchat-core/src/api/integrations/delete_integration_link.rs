use http::Method;

use crate::{Endpoint, Path, PathToken};

/// `DELETE /addon/link/{token}`
///
/// Revokes an integration link before its lifetime ends. Answers 204 No Content.
///
/// Scope: not documented (unconfirmed); the add-on's token is sent. The method is known from a
/// single source.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/delete_integration_link>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::integrations::DeleteIntegrationLink;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
///
/// let mock = MockBackend::new();
/// mock.expect_delete("/v2/addon/link/l1nk").respond(MockResponse::empty(204));
/// let client = Client::builder().token("addon-token").backend(mock.clone()).build()?;
/// client.send(&DeleteIntegrationLink::new("l1nk")).await?;
/// assert_eq!(mock.requests().len(), 1);
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteIntegrationLink {
    token: PathToken,
}

impl DeleteIntegrationLink {
    /// Revokes the link with this token (as returned by `CreateIntegrationLink`).
    pub fn new(token: impl Into<PathToken>) -> Self {
        DeleteIntegrationLink {
            token: token.into(),
        }
    }
}

impl Endpoint for DeleteIntegrationLink {
    type Response = ();

    fn method(&self) -> Method {
        Method::DELETE
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("addon")
            .lit("link")
            .param("token", &self.token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;

    #[test]
    fn wire() {
        let endpoint = DeleteIntegrationLink::new("t 0k");
        let request = build(&endpoint);
        assert_eq!(request.method(), "DELETE");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/addon/link/t%200k"
        );
        assert_bearer(&request);
        assert!(request.body().is_empty());
        assert!(!format!("{endpoint:?}").contains("t 0k"));
    }

    #[test]
    fn decode_204_and_an_error() {
        respond::<DeleteIntegrationLink>(204, "").unwrap();
        let body = r#"{"error": {"code": 401, "message": "Invalid OAuth session", "type": "Unauthorized"}}"#;
        let e = api_error::<DeleteIntegrationLink>(401, body);
        assert_eq!(e.status(), 401);
        assert_eq!(e.hipchat_error().unwrap().message, "Invalid OAuth session");
    }
}
