use http::Method;

use crate::api::history::{HistoryOptions, history_option_setters};
use crate::model::{Message, Page};
use crate::{Endpoint, MessageId, Path, Query, RoomRef};

/// `GET /room/{room_id_or_name}/history/latest`
///
/// Reads the latest messages of a room, newest last. Answers 200 with one unpaged
/// [`Page`] of [`Message`]s (no `startIndex`, read as 0, and no `next` link).
///
/// Scope: `view_messages` (single source).
///
/// Not checked before sending: the range of `max-results` (0 to 1000 per one source, capped
/// at 100 by another) is left to the server.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/view_recent_room_history>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::ViewRecentRoomHistory;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/room/ops/history/latest")
///     .exact_query(&[("max-results", "10")])
///     .respond(MockResponse::json(200, json!({
///         "items": [{"id": "a1", "date": "2017-05-20T13:56:46+00:00", "from": "CI", "message": "Build passed", "type": "notification"}],
///         "maxResults": 10, "links": {"self": "https://api.hipchat.com/v2/room/ops/history/latest"}
///     })));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let latest = client.send(&ViewRecentRoomHistory::new("ops").max_results(10)).await?;
/// assert_eq!(latest.items[0].message.as_deref(), Some("Build passed"));
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewRecentRoomHistory {
    room_id_or_name: RoomRef,
    max_results: Option<u64>,
    options: HistoryOptions,
    not_before: Option<MessageId>,
}

impl ViewRecentRoomHistory {
    /// The latest messages of the room with this id or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>) -> Self {
        ViewRecentRoomHistory {
            room_id_or_name: room_id_or_name.into(),
            max_results: None,
            options: HistoryOptions::default(),
            not_before: None,
        }
    }

    /// How many messages to return (`max-results`, default 75). Its upper limit is not
    /// confirmed (1000 per one source) and is left to the server.
    pub fn max_results(mut self, max_results: u64) -> Self {
        self.max_results = Some(max_results);
        self
    }

    /// Return nothing older than the message with this id (`not-before`).
    pub fn not_before(mut self, message_id: impl Into<MessageId>) -> Self {
        self.not_before = Some(message_id.into());
        self
    }

    history_option_setters!(room_history, options);
}

impl Endpoint for ViewRecentRoomHistory {
    type Response = Page<Message>;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("history")
            .lit("latest")
    }

    fn query(&self) -> Query {
        Query::new()
            .push_opt("max-results", self.max_results)
            .push_opt("timezone", self.options.timezone())
            .push_opt(
                "not-before",
                self.not_before.as_ref().map(MessageId::as_str),
            )
            .push_opt("include_deleted", self.options.include_deleted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::{Color, MessageFormat, MessageType};

    #[test]
    fn wire_keeps_the_mixed_wire_names() {
        let request = build(&ViewRecentRoomHistory::new("Ops Team"));
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/history/latest"
        );
        assert_bearer(&request);
        let full = ViewRecentRoomHistory::new(7u64)
            .max_results(5000)
            .timezone("Europe/Paris")
            .not_before("6b6ea4d5-57f4-4b0d-8bd5-97b6bd3e4a2c")
            .include_deleted(false);
        // 5000 is sent as asked: the limit is unconfirmed, so the server decides.
        assert_eq!(
            build(&full).uri(),
            "https://api.hipchat.com/v2/room/7/history/latest?max-results=5000&timezone=Europe%2FParis&not-before=6b6ea4d5-57f4-4b0d-8bd5-97b6bd3e4a2c&include_deleted=false"
        );
    }

    #[test]
    fn decodes_the_envelope_without_start_index() {
        let body = r#"{
            "items": [
                {"id": "m1", "date": "2017-05-20T13:57:00+00:00", "type": "notification", "from": "CI",
                 "message": "Build <b>green</b>", "message_format": "html", "color": "green"},
                {"id": "m2", "date": "2017-05-20T13:58:00+00:00", "type": "message",
                 "from": {"id": 1, "name": "Alice", "mention_name": "alice", "links": {"self": "https://api.hipchat.com/v2/user/1"}},
                 "message": "thanks"}
            ],
            "maxResults": 75,
            "links": {"self": "https://api.hipchat.com/v2/room/ops/history/latest"}
        }"#;
        let page = respond::<ViewRecentRoomHistory>(200, body).unwrap();
        assert_eq!((page.start_index, page.max_results), (0, 75));
        assert_eq!(page.items.len(), 2);
        assert_eq!(page.items[0].color, Some(Color::Green));
        assert_eq!(page.items[0].message_format, Some(MessageFormat::Html));
        assert_eq!(page.items[1].message_type, Some(MessageType::Message));
        assert_eq!(page.items[1].from.as_ref().unwrap().display_name(), "Alice");
        assert_eq!(
            page.links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/room/ops/history/latest")
        );
        assert!(page.links.next.is_none());
        let body = r#"{"error": {"code": 403, "message": "This action requires one of the following scopes: [u'view_messages']", "type": "Forbidden"}}"#;
        assert_eq!(
            api_error::<ViewRecentRoomHistory>(403, body)
                .hipchat_error()
                .unwrap()
                .required_scopes(),
            ["view_messages"]
        );
    }
}
