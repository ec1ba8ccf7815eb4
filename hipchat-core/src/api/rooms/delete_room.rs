use http::Method;

use crate::{Endpoint, Path, RoomRef};

/// `DELETE /room/{room_id_or_name}`
///
/// Deletes a room and removes its participants. Answers 204 No Content.
///
/// Scope: `manage_rooms`.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/delete_room>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::DeleteRoom;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
///
/// let mock = MockBackend::new();
/// mock.expect_delete("/v2/room/Old%20Project").respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// client.send(&DeleteRoom::new("Old Project")).await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteRoom {
    room_id_or_name: RoomRef,
}

impl DeleteRoom {
    /// Deletes the room with this id or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>) -> Self {
        DeleteRoom {
            room_id_or_name: room_id_or_name.into(),
        }
    }
}

impl Endpoint for DeleteRoom {
    type Response = ();

    fn method(&self) -> Method {
        Method::DELETE
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;

    #[test]
    fn wire() {
        let request = build(&DeleteRoom::new("Ops/Old #2"));
        assert_eq!(request.method(), "DELETE");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%2FOld%20%232"
        );
        assert_bearer(&request);
        assert!(request.body().is_empty());
        assert!(request.headers().get("content-type").is_none());
        assert_eq!(
            build(&DeleteRoom::new(42u64)).uri(),
            "https://api.hipchat.com/v2/room/42"
        );
        assert_eq!(build_err(&DeleteRoom::new("..")).field(), "room_id_or_name");
    }

    #[test]
    fn decodes_204_and_errors() {
        respond::<DeleteRoom>(204, "").unwrap();
        let e = api_error::<DeleteRoom>(404, NOT_FOUND);
        assert_eq!(e.hipchat_error().unwrap().message, "Room not found");
        let body = r#"{"error": {"code": 403, "message": "This action requires one of the following scopes: [u'manage_rooms']", "type": "Forbidden"}}"#;
        assert_eq!(
            api_error::<DeleteRoom>(403, body)
                .hipchat_error()
                .unwrap()
                .required_scopes(),
            ["manage_rooms"]
        );
    }
}
