use http::Method;

use crate::model::Session;
use crate::{AccessTokenRef, Endpoint, Path};

/// `GET /oauth/token/{access_token}`
///
/// Describes the session of an access token: its scopes, expiry, client and owner. Any valid
/// token may call it; no scope is needed. The token looked up travels in the path, so it can
/// show up in server logs.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/get_session>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::oauth_sessions::GetSession;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/oauth/token/abc123").respond(MockResponse::json(200, json!({
///     "access_token": "abc123", "expires_in": 3600, "scopes": ["send_notification"],
///     "client": {"id": "c1", "allowed_scopes": ["send_notification"], "room": {"id": 7, "name": "Ops"}},
///     "owner_type": "user"
/// })));
/// let client = Client::builder().token("abc123").backend(mock).build()?;
/// let session = client.send(&GetSession::new("abc123")).await?;
/// assert_eq!(session.client.room.unwrap().id, 7);
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetSession {
    access_token: AccessTokenRef,
}

impl GetSession {
    /// The session of `access_token`.
    pub fn new(access_token: impl Into<AccessTokenRef>) -> Self {
        GetSession {
            access_token: access_token.into(),
        }
    }
}

impl Endpoint for GetSession {
    type Response = Session;

    fn method(&self) -> Method {
        Method::GET
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
    use crate::model::Scope;

    #[test]
    fn wire() {
        let request = build(&GetSession::new("tok/en"));
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/oauth/token/tok%2Fen"
        );
        assert_bearer(&request);
        assert!(!format!("{:?}", GetSession::new("tok/en")).contains("tok/en"));
    }

    #[test]
    fn decode_a_room_scoped_session() {
        let body = r#"{
            "access_token": "abc123", "expires_in": 3599, "scopes": ["send_notification", "view_room"],
            "client": {"id": "5f1c", "name": "Deploy bot", "allowed_scopes": ["send_notification", "view_room"],
                       "room": {"id": 2251, "name": "Ops Team"}, "oauth_client_id": "5f1c"},
            "owner": {"id": 1, "name": "Alice", "mention_name": "alice", "links": {"self": "https://api.hipchat.com/v2/user/1"}},
            "owner_type": "user"
        }"#;
        let session = respond::<GetSession>(200, body).unwrap();
        assert_eq!(session.expires_in, 3599);
        assert_eq!(
            session.scopes,
            vec![Scope::SendNotification, Scope::ViewRoom]
        );
        assert_eq!(session.client.name.as_deref(), Some("Deploy bot"));
        assert_eq!(session.client.room.as_ref().unwrap().name, "Ops Team");
        assert_eq!(session.owner.as_ref().unwrap().id, 1);
        let body = r#"{"error": {"code": 401, "message": "Invalid OAuth session", "type": "Unauthorized"}}"#;
        assert_eq!(api_error::<GetSession>(401, body).status(), 401);
    }
}
