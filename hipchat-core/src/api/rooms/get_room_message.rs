use http::Method;

use crate::api::history::{HistoryOptions, history_option_setters};
use crate::model::Message;
use crate::{Endpoint, MessageId, Path, Query, RoomRef};

/// `GET /room/{room_id_or_name}/history/{message_id}`
///
/// Fetches one message of a room's history by its id. Answers 200 with the [`Message`].
///
/// Scope: unconfirmed, likely `view_messages`.
///
/// Confidence: one source reads the answer as `{"message": {...}}`, another as the bare
/// message object; both shapes are accepted.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/get_room_message>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::GetRoomMessage;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/room/ops/history/6b6ea4d5")
///     .exact_query(&[("timezone", "Europe/Paris")])
///     .respond(MockResponse::json(200, json!({"message": {
///         "id": "6b6ea4d5", "date": "2017-05-20T15:56:46+02:00", "from": "CI",
///         "message": "Deploy done", "type": "notification"
///     }})));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let message = client.send(&GetRoomMessage::new("ops", "6b6ea4d5").timezone("Europe/Paris")).await?;
/// assert_eq!(message.message.as_deref(), Some("Deploy done"));
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetRoomMessage {
    room_id_or_name: RoomRef,
    message_id: MessageId,
    options: HistoryOptions,
}

impl GetRoomMessage {
    /// The message `message_id` (a UUID) of the room with this id or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>, message_id: impl Into<MessageId>) -> Self {
        GetRoomMessage {
            room_id_or_name: room_id_or_name.into(),
            message_id: message_id.into(),
            options: HistoryOptions::default(),
        }
    }

    history_option_setters!(room_message, options);
}

impl Endpoint for GetRoomMessage {
    type Response = Message;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("history")
            .param("message_id", &self.message_id)
    }

    fn query(&self) -> Query {
        self.options.push_to(Query::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::{MessageSender, MessageType};

    #[test]
    fn wire() {
        let request = build(&GetRoomMessage::new(
            "Ops Team",
            "6b6ea4d5-57f4-4b0d-8bd5-97b6bd3e4a2c",
        ));
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/history/6b6ea4d5-57f4-4b0d-8bd5-97b6bd3e4a2c"
        );
        assert_bearer(&request);
        let full = GetRoomMessage::new(7u64, "a/b")
            .timezone("America/New_York")
            .include_deleted(true);
        assert_eq!(
            build(&full).uri(),
            "https://api.hipchat.com/v2/room/7/history/a%2Fb?timezone=America%2FNew_York&include_deleted=true"
        );
        assert_eq!(
            build_err(&GetRoomMessage::new("ops", "")).field(),
            "message_id"
        );
    }

    #[test]
    fn decodes_a_wrapped_and_a_bare_message() {
        let inner = r#"{"id": "6b6ea4d5-57f4-4b0d-8bd5-97b6bd3e4a2c", "date": "2017-05-20T13:56:46.750428+00:00",
            "type": "message", "message": "hello @bob",
            "from": {"id": 1, "name": "Alice", "mention_name": "alice", "links": {"self": "https://api.hipchat.com/v2/user/1"}},
            "mentions": [{"id": 2, "name": "Bob", "mention_name": "bob", "links": {"self": "https://api.hipchat.com/v2/user/2"}}]}"#;
        let wrapped =
            respond::<GetRoomMessage>(200, &format!(r#"{{"message": {inner}}}"#)).unwrap();
        let bare = respond::<GetRoomMessage>(200, inner).unwrap();
        assert_eq!(wrapped, bare);
        assert_eq!(bare.id, "6b6ea4d5-57f4-4b0d-8bd5-97b6bd3e4a2c");
        assert_eq!(bare.date, "2017-05-20T13:56:46.750428+00:00");
        assert_eq!(bare.message_type, Some(MessageType::Message));
        let Some(MessageSender::User(from)) = &bare.from else {
            panic!("a user sender")
        };
        assert_eq!(from.mention_name, "alice");
        assert_eq!(bare.mentions[0].id, 2);

        let body =
            r#"{"error": {"code": 404, "message": "Message not found", "type": "Not Found"}}"#;
        let e = api_error::<GetRoomMessage>(404, body);
        assert_eq!(e.hipchat_error().unwrap().message, "Message not found");
    }
}
