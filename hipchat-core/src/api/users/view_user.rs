use http::Method;

use crate::model::User;
use crate::{Endpoint, Path, UserRef};

/// `GET /user/{id_or_email}`
///
/// Gets a user's profile, including presence.
///
/// Scope: `view_group`.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/view_user>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::users::ViewUser;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/user/%40alice").respond(MockResponse::json(200, json!({
///     "id": 1, "name": "Alice", "mention_name": "alice", "email": "alice@example.com",
///     "links": {"self": "https://api.hipchat.com/v2/user/1"}
/// })));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let user = client.send(&ViewUser::new("@alice")).await?;
/// assert_eq!(user.email.as_deref(), Some("alice@example.com"));
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewUser {
    id_or_email: UserRef,
}

impl ViewUser {
    /// The user with this id, e-mail address or @mention name.
    pub fn new(id_or_email: impl Into<UserRef>) -> Self {
        ViewUser {
            id_or_email: id_or_email.into(),
        }
    }
}

impl Endpoint for ViewUser {
    type Response = User;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("user")
            .param("id_or_email", &self.id_or_email)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::PresenceShow;

    #[test]
    fn wire() {
        let request = build(&ViewUser::new("alice+ops@example.com"));
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/user/alice%2Bops%40example.com"
        );
        assert_bearer(&request);
        assert_eq!(
            build(&ViewUser::new(5u64)).uri(),
            "https://api.hipchat.com/v2/user/5"
        );
    }

    #[test]
    fn decode_a_full_profile() {
        let body = r#"{
            "id": 5, "name": "Alice Admin", "mention_name": "alice", "email": "alice@example.com", "title": "Ops lead",
            "timezone": "Europe/Paris", "xmpp_jid": "1_5@chat.hipchat.com", "created": "2013-02-07T20:11:59+00:00",
            "last_active": "1495288606", "is_deleted": false, "is_group_admin": true, "is_guest": false,
            "photo_url": "https://example.com/p.png", "roles": ["owner", "admin", "user"],
            "group": {"id": 1, "name": "Example", "links": {"self": "https://api.hipchat.com/v2/group/1"}},
            "presence": {"status": "Deploying", "idle": 120, "show": "away", "is_online": true,
                         "client": {"type": "http://hipchat.com/client/mac", "version": "4.29.5"}},
            "links": {"self": "https://api.hipchat.com/v2/user/5"}
        }"#;
        let user = respond::<ViewUser>(200, body).unwrap();
        assert_eq!(user.id, 5);
        assert_eq!(user.timezone.as_deref(), Some("Europe/Paris"));
        assert_eq!(user.last_active.as_deref(), Some("1495288606"));
        assert_eq!(user.is_group_admin, Some(true));
        assert_eq!(user.roles, vec!["owner", "admin", "user"]);
        let presence = user.presence.unwrap();
        assert_eq!(presence.show, Some(PresenceShow::Away));
        assert_eq!(presence.idle, Some(120));
        let body = r#"{"error": {"code": 404, "message": "User not found", "type": "Not Found"}}"#;
        assert_eq!(
            api_error::<ViewUser>(404, body)
                .hipchat_error()
                .unwrap()
                .message,
            "User not found"
        );
    }
}
