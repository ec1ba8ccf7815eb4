use http::Method;
use serde::Serialize;

use crate::{Body, Endpoint, Error, Path, RoomRef};

/// `PUT /room/{room_id_or_name}/avatar`
///
/// Replaces a room's avatar image. Answers 204 No Content.
///
/// Scope: unconfirmed, likely `admin_room`.
///
/// Confidence: only the partial Swagger file describes this method. It names a required
/// `avatar` string; that it holds the base64-encoded image, as the user photo update does, is
/// unconfirmed. Nothing is checked before sending: the server judges the image.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/update_room_avatar>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::UpdateRoomAvatar;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_put("/v2/room/ops/avatar")
///     .json_body(json!({"avatar": "iVBORw0KGgo="}))
///     .respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// client.send(&UpdateRoomAvatar::new("ops", "iVBORw0KGgo=")).await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UpdateRoomAvatar {
    #[serde(skip)]
    room_id_or_name: RoomRef,
    avatar: String,
}

impl UpdateRoomAvatar {
    /// Sets the avatar of the room with this id or name to `avatar`, the image data
    /// (presumably base64-encoded).
    pub fn new(room_id_or_name: impl Into<RoomRef>, avatar: impl Into<String>) -> Self {
        UpdateRoomAvatar {
            room_id_or_name: room_id_or_name.into(),
            avatar: avatar.into(),
        }
    }
}

impl Endpoint for UpdateRoomAvatar {
    type Response = ();

    fn method(&self) -> Method {
        Method::PUT
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("avatar")
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
    fn wire() {
        let request = build(&UpdateRoomAvatar::new("Ops Team", "R0lGODlhAQABAAAAACw="));
        assert_eq!(request.method(), "PUT");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/avatar"
        );
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"avatar": "R0lGODlhAQABAAAAACw="})
        );
    }

    #[test]
    fn decodes_204_and_errors() {
        respond::<UpdateRoomAvatar>(204, "").unwrap();
        let body =
            r#"{"error": {"code": 400, "message": "Invalid image data", "type": "Bad Request"}}"#;
        let e = api_error::<UpdateRoomAvatar>(400, body);
        assert_eq!(e.hipchat_error().unwrap().message, "Invalid image data");
    }
}
