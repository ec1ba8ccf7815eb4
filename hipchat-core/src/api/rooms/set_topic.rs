use http::Method;
use serde::Serialize;

use crate::validate::char_len;
use crate::{Body, Endpoint, Error, InvalidInput, Path, RoomRef};

/// `PUT /room/{room_id_or_name}/topic`
///
/// Sets a room's topic; an empty topic clears it. Answers 204 No Content.
///
/// Scope: `admin_room`.
///
/// Checked before sending: `topic` has at most 250 characters.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/set_topic>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::SetTopic;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_put("/v2/room/ops/topic")
///     .json_body(json!({"topic": "Release freeze until Monday"}))
///     .respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// client.send(&SetTopic::new("ops", "Release freeze until Monday")).await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetTopic {
    #[serde(skip)]
    room_id_or_name: RoomRef,
    topic: String,
}

impl SetTopic {
    /// Sets the topic of the room with this id or name to `topic`.
    pub fn new(room_id_or_name: impl Into<RoomRef>, topic: impl Into<String>) -> Self {
        SetTopic {
            room_id_or_name: room_id_or_name.into(),
            topic: topic.into(),
        }
    }
}

impl Endpoint for SetTopic {
    type Response = ();

    fn method(&self) -> Method {
        Method::PUT
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("topic")
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        Body::json(self).map(Some)
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        char_len("topic", &self.topic, 0, 250)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use serde_json::json;

    #[test]
    fn wire() {
        let request = build(&SetTopic::new("Ops Team", "Deploys: \"Thursday\""));
        assert_eq!(request.method(), "PUT");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/topic"
        );
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"topic": "Deploys: \"Thursday\""})
        );
        assert_eq!(
            json_body(&build(&SetTopic::new(7u64, ""))),
            json!({"topic": ""})
        );
    }

    #[test]
    fn refuses_long_topics() {
        build(&SetTopic::new("ops", "ü".repeat(250)));
        let err = build_err(&SetTopic::new("ops", "t".repeat(251)));
        assert_eq!(
            (err.field(), err.rule()),
            ("topic", "must be 0..=250 characters (got 251)")
        );
    }

    #[test]
    fn decodes_204_and_errors() {
        respond::<SetTopic>(204, "").unwrap();
        let body = r#"{"error": {"code": 403, "message": "This action requires one of the following scopes: [u'admin_room']", "type": "Forbidden"}}"#;
        assert_eq!(
            api_error::<SetTopic>(403, body)
                .hipchat_error()
                .unwrap()
                .required_scopes(),
            ["admin_room"]
        );
    }
}
