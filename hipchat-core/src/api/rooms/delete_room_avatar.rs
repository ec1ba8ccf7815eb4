use http::Method;

use crate::{Endpoint, Path, RoomRef};

/// `DELETE /room/{room_id_or_name}/avatar`
///
/// Removes a room's avatar image, bringing back the default one. Answers 204 No Content.
///
/// Scope: unconfirmed, likely `admin_room`. Only the partial Swagger file describes this
/// method.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/delete_room_avatar>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::DeleteRoomAvatar;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
///
/// let mock = MockBackend::new();
/// mock.expect_delete("/v2/room/7/avatar").respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// client.send(&DeleteRoomAvatar::new(7u64)).await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteRoomAvatar {
    room_id_or_name: RoomRef,
}

impl DeleteRoomAvatar {
    /// Removes the avatar of the room with this id or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>) -> Self {
        DeleteRoomAvatar {
            room_id_or_name: room_id_or_name.into(),
        }
    }
}

impl Endpoint for DeleteRoomAvatar {
    type Response = ();

    fn method(&self) -> Method {
        Method::DELETE
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("avatar")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;

    #[test]
    fn wire() {
        let request = build(&DeleteRoomAvatar::new("Café Ops"));
        assert_eq!(request.method(), "DELETE");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Caf%C3%A9%20Ops/avatar"
        );
        assert_bearer(&request);
        assert!(request.body().is_empty());
    }

    #[test]
    fn decodes_204_and_errors() {
        respond::<DeleteRoomAvatar>(204, "").unwrap();
        assert_eq!(api_error::<DeleteRoomAvatar>(404, NOT_FOUND).status(), 404);
    }
}
