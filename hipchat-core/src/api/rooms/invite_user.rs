use http::Method;
use serde::Serialize;

use crate::{Body, Endpoint, Error, Path, RoomRef, UserRef};

/// `POST /room/{room_id_or_name}/invite/{user_id_or_email}`
///
/// Invites a user to a public room, with an optional reason shown in the invitation. Answers
/// 204 No Content.
///
/// Scope: `admin_room`; user tokens only (both single source).
///
/// Not checked before sending: one source limits `reason` to 1 to 250 characters, which is
/// left to the server. Without a reason the body is `{}`.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/invite_user>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::InviteUser;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/room/ops/invite/%40bob")
///     .json_body(json!({"reason": "Incident review at 3pm"}))
///     .respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// client.send(&InviteUser::new("ops", "@bob").reason("Incident review at 3pm")).await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InviteUser {
    #[serde(skip)]
    room_id_or_name: RoomRef,
    #[serde(skip)]
    user_id_or_email: UserRef,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

impl InviteUser {
    /// Invites the user with this id, e-mail address or @mention to the room with this id or
    /// name.
    pub fn new(room_id_or_name: impl Into<RoomRef>, user_id_or_email: impl Into<UserRef>) -> Self {
        InviteUser {
            room_id_or_name: room_id_or_name.into(),
            user_id_or_email: user_id_or_email.into(),
            reason: None,
        }
    }

    /// Why the user is invited, shown in the invitation.
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }
}

impl Endpoint for InviteUser {
    type Response = ();

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("invite")
            .param("user_id_or_email", &self.user_id_or_email)
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        Body::json(self).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use serde_json::json;

    #[test]
    fn wire_without_and_with_a_reason() {
        let request = build(&InviteUser::new("Ops Team", "bob+ops@example.com"));
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/invite/bob%2Bops%40example.com"
        );
        assert_bearer(&request);
        assert_eq!(json_body(&request), json!({}));

        let request = build(&InviteUser::new(7u64, 42u64).reason("Join the \"war room\""));
        assert_eq!(request.uri(), "https://api.hipchat.com/v2/room/7/invite/42");
        assert_eq!(
            json_body(&request),
            json!({"reason": "Join the \"war room\""})
        );
        assert_eq!(
            build_err(&InviteUser::new("ops", "")).field(),
            "user_id_or_email"
        );
    }

    #[test]
    fn decodes_204_and_errors() {
        respond::<InviteUser>(204, "").unwrap();
        let body = r#"{"error": {"code": 403, "message": "This endpoint can only be used by users", "type": "Forbidden"}}"#;
        assert_eq!(
            api_error::<InviteUser>(403, body)
                .hipchat_error()
                .unwrap()
                .message,
            "This endpoint can only be used by users"
        );
    }
}
