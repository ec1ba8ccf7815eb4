use http::Method;

use crate::{AccessTokenRef, Endpoint, Path};

/// `DELETE /oauth/token/{access_token}`
///
/// Revokes an access token. Answers 204 No Content. Any valid token may call it.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/delete_session>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::oauth_sessions::DeleteSession;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
///
/// let mock = MockBackend::new();
/// mock.expect_delete("/v2/oauth/token/old-token").respond(MockResponse::empty(204));
/// let client = Client::builder().token("old-token").backend(mock.clone()).build()?;
/// client.send(&DeleteSession::new("old-token")).await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteSession {
    access_token: AccessTokenRef,
}

impl DeleteSession {
    /// Revokes `access_token`.
    pub fn new(access_token: impl Into<AccessTokenRef>) -> Self {
        DeleteSession {
            access_token: access_token.into(),
        }
    }
}

impl Endpoint for DeleteSession {
    type Response = ();

    fn method(&self) -> Method {
        Method::DELETE
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("oauth")
            .lit("token")
            .param("access_token", &self.access_token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;

    #[test]
    fn wire() {
        let request = build(&DeleteSession::new("abc123"));
        assert_eq!(request.method(), "DELETE");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/oauth/token/abc123"
        );
        assert_bearer(&request);
        assert!(request.body().is_empty());
    }

    #[test]
    fn decode() {
        respond::<DeleteSession>(204, "").unwrap();
        let body = r#"{"error": {"code": 401, "message": "Invalid OAuth session", "type": "Unauthorized"}}"#;
        assert_eq!(
            api_error::<DeleteSession>(401, body)
                .hipchat_error()
                .unwrap()
                .code,
            Some(401)
        );
    }
}
