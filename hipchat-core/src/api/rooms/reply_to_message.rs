use http::Method;
use serde::Serialize;

use crate::{Body, Endpoint, Error, MessageId, Path, RoomRef};

/// `POST /room/{room_id_or_name}/reply`
///
/// Replies to a message in a room, in the name of the token's user. Answers 204 No Content.
///
/// Scope: `send_message`; user tokens only.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/reply_to_message>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::ReplyToMessage;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/room/ops/reply")
///     .json_body(json!({"parentMessageId": "6b6ea4d5", "message": "On it"}))
///     .respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// client.send(&ReplyToMessage::new("ops", "6b6ea4d5", "On it")).await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReplyToMessage {
    #[serde(skip)]
    room_id_or_name: RoomRef,
    #[serde(rename = "parentMessageId", serialize_with = "serialize_message_id")]
    parent_message_id: MessageId,
    message: String,
}

fn serialize_message_id<S: serde::Serializer>(id: &MessageId, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(id.as_str())
}

impl ReplyToMessage {
    /// A reply with text `message` to the message `parent_message_id` in the room with this id
    /// or name.
    pub fn new(
        room_id_or_name: impl Into<RoomRef>,
        parent_message_id: impl Into<MessageId>,
        message: impl Into<String>,
    ) -> Self {
        ReplyToMessage {
            room_id_or_name: room_id_or_name.into(),
            parent_message_id: parent_message_id.into(),
            message: message.into(),
        }
    }
}

impl Endpoint for ReplyToMessage {
    type Response = ();

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("reply")
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
    fn wire_uses_the_camel_case_parent_id() {
        let request = build(&ReplyToMessage::new(
            7u64,
            "6b6ea4d5-57f4-4b0d-8bd5-97b6bd3e4a2c",
            "Agreed",
        ));
        assert_eq!(request.method(), "POST");
        assert_eq!(request.uri(), "https://api.hipchat.com/v2/room/7/reply");
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"parentMessageId": "6b6ea4d5-57f4-4b0d-8bd5-97b6bd3e4a2c", "message": "Agreed"})
        );
    }

    #[test]
    fn decode() {
        respond::<ReplyToMessage>(204, "").unwrap();
        assert_eq!(api_error::<ReplyToMessage>(404, NOT_FOUND).status(), 404);
    }
}
