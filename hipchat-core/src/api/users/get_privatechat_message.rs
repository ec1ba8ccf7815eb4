use http::Method;

use crate::api::history::{HistoryOptions, history_option_setters};
use crate::model::Message;
use crate::{Endpoint, MessageId, Path, Query, UserRef};

/// `GET /user/{id_or_email}/history/{message_id}`
///
/// Fetches one message of the token user's one-to-one chat with another user, by its id.
/// Answers 200 with the [`Message`].
///
/// Scope: `view_messages` is likely but unconfirmed.
///
/// Confidence: the shape of the answer is unconfirmed. It is presumably wrapped like the room
/// variant's, `{"message": {...}}`, but a bare message object is reported too; both are
/// accepted.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/get_privatechat_message>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::users::GetPrivatechatMessage;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/user/%40bob/history/6b6ea4d5")
///     .exact_query(&[("include_deleted", "true")])
///     .respond(MockResponse::json(200, json!({"message": {
///         "id": "6b6ea4d5", "date": "2017-05-20T13:56:46+00:00", "message": "lunch?", "type": "message",
///         "from": {"id": 7, "name": "Bob", "mention_name": "bob", "links": {"self": "https://api.hipchat.com/v2/user/7"}}
///     }})));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let message = client
///     .send(&GetPrivatechatMessage::new("@bob", "6b6ea4d5").include_deleted(true))
///     .await?;
/// assert_eq!(message.message.as_deref(), Some("lunch?"));
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetPrivatechatMessage {
    id_or_email: UserRef,
    message_id: MessageId,
    options: HistoryOptions,
}

impl GetPrivatechatMessage {
    /// The message `message_id` (a UUID) of the private chat with the user with this id, e-mail
    /// or @mention name.
    pub fn new(id_or_email: impl Into<UserRef>, message_id: impl Into<MessageId>) -> Self {
        GetPrivatechatMessage {
            id_or_email: id_or_email.into(),
            message_id: message_id.into(),
            options: HistoryOptions::default(),
        }
    }

    history_option_setters!(private_chat, options);
}

impl Endpoint for GetPrivatechatMessage {
    type Response = Message;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("user")
            .param("id_or_email", &self.id_or_email)
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
    use crate::model::{MessageFormat, MessageType};

    #[test]
    fn wire() {
        let request = build(&GetPrivatechatMessage::new(
            "bob@example.com",
            "4f0c4d1e-2b8e-4a51-9a6c-0d1f5b1e2a01",
        ));
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/user/bob%40example.com/history/4f0c4d1e-2b8e-4a51-9a6c-0d1f5b1e2a01"
        );
        assert_bearer(&request);
        let full = GetPrivatechatMessage::new(7u64, "m 1")
            .timezone("Asia/Tokyo")
            .include_deleted(true);
        assert_eq!(
            build(&full).uri(),
            "https://api.hipchat.com/v2/user/7/history/m%201?timezone=Asia%2FTokyo&include_deleted=true"
        );
        assert_eq!(
            build_err(&GetPrivatechatMessage::new(7u64, "..")).field(),
            "message_id"
        );
    }

    #[test]
    fn decode_wrapped_and_bare_messages() {
        let wrapped = r#"{"message": {
            "id": "4f0c4d1e-2b8e-4a51-9a6c-0d1f5b1e2a01", "date": "2017-05-20T18:56:46.750428+09:00",
            "type": "message", "message": "<b>ok</b>", "message_format": "html",
            "from": {"id": 7, "name": "Bob", "mention_name": "bob", "links": {"self": "https://api.hipchat.com/v2/user/7"}},
            "mentions": []
        }}"#;
        let message = respond::<GetPrivatechatMessage>(200, wrapped).unwrap();
        assert_eq!(message.id, "4f0c4d1e-2b8e-4a51-9a6c-0d1f5b1e2a01");
        assert_eq!(message.date, "2017-05-20T18:56:46.750428+09:00");
        assert_eq!(message.message.as_deref(), Some("<b>ok</b>"));
        assert_eq!(message.message_format, Some(MessageFormat::Html));
        assert_eq!(
            message.from.as_ref().unwrap().user().unwrap().mention_name,
            "bob"
        );

        let bare = r#"{"id": "4f0c4d1e-2b8e-4a51-9a6c-0d1f5b1e2a02", "date": "2017-05-20T10:00:00+00:00",
                       "type": "message", "from": {"id": 1, "name": "Alice", "mention_name": "alice"}}"#;
        let message = respond::<GetPrivatechatMessage>(200, bare).unwrap();
        assert_eq!(message.id, "4f0c4d1e-2b8e-4a51-9a6c-0d1f5b1e2a02");
        assert_eq!(message.message_type, Some(MessageType::Message));
        assert!(message.is_deleted());

        let body =
            r#"{"error": {"code": 404, "message": "Message not found", "type": "Not Found"}}"#;
        assert_eq!(
            api_error::<GetPrivatechatMessage>(404, body)
                .hipchat_error()
                .unwrap()
                .message,
            "Message not found"
        );
    }
}
