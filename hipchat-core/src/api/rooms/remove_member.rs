use http::Method;

use crate::{Endpoint, Path, RoomRef, UserRef};

/// `DELETE /room/{room_id_or_name}/member/{user_id_or_email}`
///
/// Removes a user from the members of a private room. Answers 204 No Content.
///
/// Scope: `admin_room` (single source).
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/remove_member>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::RemoveMember;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
///
/// let mock = MockBackend::new();
/// mock.expect_delete("/v2/room/secret/member/5").respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// client.send(&RemoveMember::new("secret", 5u64)).await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoveMember {
    room_id_or_name: RoomRef,
    user_id_or_email: UserRef,
}

impl RemoveMember {
    /// Removes the user with this id, e-mail address or @mention from the room with this id
    /// or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>, user_id_or_email: impl Into<UserRef>) -> Self {
        RemoveMember {
            room_id_or_name: room_id_or_name.into(),
            user_id_or_email: user_id_or_email.into(),
        }
    }
}

impl Endpoint for RemoveMember {
    type Response = ();

    fn method(&self) -> Method {
        Method::DELETE
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("member")
            .param("user_id_or_email", &self.user_id_or_email)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;

    #[test]
    fn wire() {
        let request = build(&RemoveMember::new(
            "Secret Room",
            "ada lovelace@example.com",
        ));
        assert_eq!(request.method(), "DELETE");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Secret%20Room/member/ada%20lovelace%40example.com"
        );
        assert_bearer(&request);
        assert!(request.body().is_empty());
        assert_eq!(
            build_err(&RemoveMember::new("x", "..")).field(),
            "user_id_or_email"
        );
    }

    #[test]
    fn decodes_204_and_errors() {
        respond::<RemoveMember>(204, "").unwrap();
        let body = r#"{"error": {"code": 404, "message": "User not found", "type": "Not Found"}}"#;
        assert_eq!(
            api_error::<RemoveMember>(404, body)
                .hipchat_error()
                .unwrap()
                .message,
            "User not found"
        );
    }
}
