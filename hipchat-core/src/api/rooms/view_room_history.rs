use http::Method;

use crate::api::history::{HistoryRange, history_range_setters};
use crate::api::{Paging, paging_setters};
use crate::model::{Message, Page};
use crate::{Endpoint, InvalidInput, Path, Query, RoomRef};

/// `GET /room/{room_id_or_name}/history`
///
/// Reads a room's message history. Without `date` the server returns the latest 75 messages and
/// does not page; with a date it pages backwards from that moment.
///
/// Scope: `view_messages`.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/view_room_history>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::ViewRoomHistory;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/room/ops/history").respond(MockResponse::json(200, json!({
///     "items": [{"id": "a1", "date": "2017-05-20T13:56:46+00:00", "from": "CI", "message": "Build passed", "type": "notification"}],
///     "startIndex": 0, "maxResults": 100, "links": {"self": "https://api.hipchat.com/v2/room/ops/history"}
/// })));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let page = client.send(&ViewRoomHistory::new("ops").date("2017-05-21T00:00:00Z").reverse(false)).await?;
/// assert_eq!(page.items[0].message.as_deref(), Some("Build passed"));
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewRoomHistory {
    room_id_or_name: RoomRef,
    paging: Paging,
    history: HistoryRange,
}

impl ViewRoomHistory {
    /// The history of the room with this id or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>) -> Self {
        ViewRoomHistory {
            room_id_or_name: room_id_or_name.into(),
            paging: Paging::default(),
            history: HistoryRange::default(),
        }
    }

    paging_setters!("messages");

    history_range_setters!(room_history);
}

impl Endpoint for ViewRoomHistory {
    type Response = Page<Message>;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("history")
    }

    fn query(&self) -> Query {
        self.history.query(&self.paging)
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        self.paging.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::{MessageSender, MessageType};

    #[test]
    fn wire_keeps_the_mixed_wire_names() {
        let request = build(&ViewRoomHistory::new("ops"));
        assert_eq!(request.method(), "GET");
        assert_eq!(request.uri(), "https://api.hipchat.com/v2/room/ops/history");
        assert_bearer(&request);
        let full = ViewRoomHistory::new("ops")
            .date("2017-05-20T00:00:00+02:00")
            .timezone("Europe/Paris")
            .start_index(200)
            .max_results(100)
            .reverse(false)
            .include_deleted(true)
            .end_date("2017-05-01T00:00:00Z");
        assert_eq!(
            build(&full).uri(),
            "https://api.hipchat.com/v2/room/ops/history?date=2017-05-20T00%3A00%3A00%2B02%3A00&timezone=Europe%2FParis&start-index=200&max-results=100&reverse=false&include_deleted=true&end-date=2017-05-01T00%3A00%3A00Z"
        );
        assert_eq!(
            build_err(&ViewRoomHistory::new("ops").max_results(5000)).field(),
            "max-results"
        );
    }

    #[test]
    fn decode_user_notification_deleted_and_file_messages() {
        let body = r#"{
            "items": [
                {"id": "m1", "date": "2017-05-20T13:56:46.750428+00:00", "type": "message", "message": "hello @bob",
                 "from": {"id": 1, "name": "Alice", "mention_name": "alice", "version": "00000000", "links": {"self": "https://api.hipchat.com/v2/user/1"}},
                 "mentions": [{"id": 2, "name": "Bob", "mention_name": "bob", "links": {"self": "https://api.hipchat.com/v2/user/2"}}]},
                {"id": "m2", "date": "2017-05-20T13:57:00+00:00", "type": "notification", "from": "CI", "message": "<b>green</b>",
                 "message_format": "html", "color": "green"},
                {"id": "m3", "date": "2017-05-20T13:58:00+00:00", "type": "message", "from": null},
                {"id": "m4", "date": "2017-05-20T13:59:00+00:00", "type": "message", "message": "",
                 "from": {"id": 1, "name": "Alice", "mention_name": "alice", "links": {"self": "https://api.hipchat.com/v2/user/1"}},
                 "file": {"name": "log.txt", "size": 1024, "url": "https://files.example/log.txt"}}
            ],
            "startIndex": 0, "maxResults": 100,
            "links": {"self": "https://api.hipchat.com/v2/room/ops/history"}
        }"#;
        let page = respond::<ViewRoomHistory>(200, body).unwrap();
        assert_eq!(page.items.len(), 4);
        let MessageSender::User(from) = page.items[0].from.as_ref().unwrap() else {
            panic!("user sender")
        };
        assert_eq!(from.mention_name, "alice");
        assert_eq!(page.items[0].mentions[0].mention_name, "bob");
        assert_eq!(page.items[1].from, Some(MessageSender::Label("CI".into())));
        assert_eq!(page.items[1].message_type, Some(MessageType::Notification));
        assert_eq!(page.items[2].message, None);
        assert_eq!(page.items[2].from, None);
        assert_eq!(page.items[3].file.as_ref().unwrap().size, Some(1024));
        assert!(page.links.next.is_none());
        assert_eq!(api_error::<ViewRoomHistory>(404, NOT_FOUND).status(), 404);
    }
}
