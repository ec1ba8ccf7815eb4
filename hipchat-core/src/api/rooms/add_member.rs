use http::Method;
use serde::Serialize;

use crate::model::RoomRole;
use crate::validate::known;
use crate::{Body, Endpoint, Error, InvalidInput, Path, RoomRef, UserRef};

/// `PUT /room/{room_id_or_name}/member/{user_id_or_email}`
///
/// Adds a user to the members of a private room, optionally with room roles. Answers 204 No
/// Content.
///
/// Scope: `admin_room`.
///
/// Checked before sending: every role is `room_admin` or `room_member`. Without roles the
/// body is `{}` and the server makes the user a plain member.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/add_member>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::AddMember;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::model::RoomRole;
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_put("/v2/room/secret/member/ada%40example.com")
///     .json_body(json!({"room_roles": ["room_admin", "room_member"]}))
///     .respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// let add = AddMember::new("secret", "ada@example.com").room_roles([RoomRole::RoomAdmin, RoomRole::RoomMember]);
/// client.send(&add).await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AddMember {
    #[serde(skip)]
    room_id_or_name: RoomRef,
    #[serde(skip)]
    user_id_or_email: UserRef,
    #[serde(skip_serializing_if = "Option::is_none")]
    room_roles: Option<Vec<RoomRole>>,
}

impl AddMember {
    /// Adds the user with this id, e-mail address or @mention to the room with this id or
    /// name.
    pub fn new(room_id_or_name: impl Into<RoomRef>, user_id_or_email: impl Into<UserRef>) -> Self {
        AddMember {
            room_id_or_name: room_id_or_name.into(),
            user_id_or_email: user_id_or_email.into(),
            room_roles: None,
        }
    }

    /// The user's roles in the room (`room_roles`); the server's default is
    /// `[room_member]`.
    pub fn room_roles<R: Into<RoomRole>>(mut self, roles: impl IntoIterator<Item = R>) -> Self {
        self.room_roles = Some(roles.into_iter().map(Into::into).collect());
        self
    }
}

impl Endpoint for AddMember {
    type Response = ();

    fn method(&self) -> Method {
        Method::PUT
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("member")
            .param("user_id_or_email", &self.user_id_or_email)
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        Body::json(self).map(Some)
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        for role in self.room_roles.iter().flatten() {
            known("room_roles", role, role.is_known(), RoomRole::KNOWN)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use serde_json::json;

    #[test]
    fn wire_without_and_with_roles() {
        let request = build(&AddMember::new("Secret Room", "@ada"));
        assert_eq!(request.method(), "PUT");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Secret%20Room/member/%40ada"
        );
        assert_bearer(&request);
        assert_eq!(json_body(&request), json!({}));

        let request = build(&AddMember::new(9u64, 5u64).room_roles(["room_admin"]));
        assert_eq!(request.uri(), "https://api.hipchat.com/v2/room/9/member/5");
        assert_eq!(json_body(&request), json!({"room_roles": ["room_admin"]}));
        let request = build(
            &AddMember::new(9u64, 5u64).room_roles([RoomRole::RoomAdmin, RoomRole::RoomMember]),
        );
        assert_eq!(
            json_body(&request),
            json!({"room_roles": ["room_admin", "room_member"]})
        );
    }

    #[test]
    fn refuses_unknown_roles() {
        let err = build_err(&AddMember::new("x", "@ada").room_roles(["room_member", "owner"]));
        assert_eq!(
            (err.field(), err.rule()),
            (
                "room_roles",
                "must be one of room_admin, room_member (got \"owner\")"
            )
        );
    }

    #[test]
    fn decodes_204_and_errors() {
        respond::<AddMember>(204, "").unwrap();
        let body =
            r#"{"error": {"code": 400, "message": "Room is not private", "type": "Bad Request"}}"#;
        assert_eq!(
            api_error::<AddMember>(400, body)
                .hipchat_error()
                .unwrap()
                .message,
            "Room is not private"
        );
    }
}
