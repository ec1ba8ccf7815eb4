use http::Method;
use serde::Serialize;

use crate::model::SentMessage;
use crate::{Body, Endpoint, Error, Path, RoomRef};

/// `POST /room/{room_id_or_name}/message`
///
/// Posts a message to a room in the name of the token's user. Answers 201 with the new
/// message's id and timestamp.
///
/// Scope: `send_message`; user tokens only (add-on and room tokens are refused). Flood control
/// applies.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/send_message>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::SendMessage;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/room/ops/message").respond(MockResponse::json(
///     201,
///     json!({"id": "1d8bd5c5-83a8-4d2c-9c8f-3a0ec6c1a0a1", "timestamp": "2017-05-20T13:56:46.750428+00:00"}),
/// ));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let sent = client.send(&SendMessage::new("ops", "Hello from Rust")).await?;
/// assert_eq!(sent.id, "1d8bd5c5-83a8-4d2c-9c8f-3a0ec6c1a0a1");
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SendMessage {
    #[serde(skip)]
    room_id_or_name: RoomRef,
    message: String,
}

impl SendMessage {
    /// A message with text `message` to the room with this id or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>, message: impl Into<String>) -> Self {
        SendMessage {
            room_id_or_name: room_id_or_name.into(),
            message: message.into(),
        }
    }
}

impl Endpoint for SendMessage {
    type Response = SentMessage;

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("message")
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
        let request = build(&SendMessage::new("Dev #1", "hi \"there\"\nline two"));
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Dev%20%231/message"
        );
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"message": "hi \"there\"\nline two"})
        );
    }

    #[test]
    fn decode() {
        let sent = respond::<SendMessage>(201, r#"{"id": "5a3f1a3e-2d5a-4c54-9c64-87e1c1d2f0aa", "timestamp": "2017-05-20T13:56:46.750428+00:00"}"#).unwrap();
        assert_eq!(sent.id, "5a3f1a3e-2d5a-4c54-9c64-87e1c1d2f0aa");
        assert_eq!(sent.timestamp, "2017-05-20T13:56:46.750428+00:00");
        let body = r#"{"error": {"code": 403, "message": "This endpoint can only be used by users", "type": "Forbidden"}}"#;
        assert_eq!(api_error::<SendMessage>(403, body).status(), 403);
    }
}
