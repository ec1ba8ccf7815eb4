use http::Method;

use crate::model::RoomStatistics;
use crate::{Endpoint, Path, RoomRef};

/// `GET /room/{room_id_or_name}/statistics`
///
/// Gets a room's statistics: how many messages were ever sent and when it was last active.
/// Answers 200 with [`RoomStatistics`].
///
/// Scope: `view_group` or `view_room` (single source).
///
/// The documentation calls `last_active` unix time, but ISO-8601 strings were observed; both
/// are read and kept as text.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/get_room_statistics>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::GetRoomStatistics;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/room/ops/statistics").respond(MockResponse::json(200, json!({
///     "messages_sent": 7394, "last_active": "2017-05-20T13:56:46+00:00",
///     "links": {"self": "https://api.hipchat.com/v2/room/7/statistics"}
/// })));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let stats = client.send(&GetRoomStatistics::new("ops")).await?;
/// assert_eq!(stats.messages_sent, 7394);
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetRoomStatistics {
    room_id_or_name: RoomRef,
}

impl GetRoomStatistics {
    /// The statistics of the room with this id or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>) -> Self {
        GetRoomStatistics {
            room_id_or_name: room_id_or_name.into(),
        }
    }
}

impl Endpoint for GetRoomStatistics {
    type Response = RoomStatistics;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("statistics")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;

    #[test]
    fn wire() {
        let request = build(&GetRoomStatistics::new("R&D"));
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/R%26D/statistics"
        );
        assert_bearer(&request);
        assert!(request.body().is_empty());
    }

    #[test]
    fn decodes_string_number_and_null_last_active() {
        let stats = respond::<GetRoomStatistics>(
            200,
            r#"{"messages_sent": 7394, "last_active": "2017-05-20T13:56:46.750428+00:00",
                "links": {"self": "https://api.hipchat.com/v2/room/7/statistics"}}"#,
        )
        .unwrap();
        assert_eq!(stats.messages_sent, 7394);
        assert_eq!(
            stats.last_active.as_deref(),
            Some("2017-05-20T13:56:46.750428+00:00")
        );
        assert_eq!(
            stats.links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/room/7/statistics")
        );
        let stats =
            respond::<GetRoomStatistics>(200, r#"{"messages_sent": 3, "last_active": 1496930400}"#)
                .unwrap();
        assert_eq!(stats.last_active.as_deref(), Some("1496930400"));
        let stats =
            respond::<GetRoomStatistics>(200, r#"{"messages_sent": 0, "last_active": null}"#)
                .unwrap();
        assert_eq!(stats.last_active, None);
        assert_eq!(api_error::<GetRoomStatistics>(404, NOT_FOUND).status(), 404);
    }
}
