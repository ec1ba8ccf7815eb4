use http::Method;

use crate::model::RoomWebhook;
use crate::{Endpoint, Path, RoomRef, WebhookId};

/// `GET /room/{room_id_or_name}/webhook/{webhook_id}`
///
/// **Deprecated by HipChat**: legacy room webhooks were superseded by add-on webhooks; use
/// [`extensions::GetRoomWebhook`](crate::api::extensions) for new code.
///
/// Gets one legacy webhook of a room. Answers 200 with the [`RoomWebhook`], including who
/// created it and its room.
///
/// Scope: unconfirmed, likely `admin_room`.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/get_webhook>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::GetWebhook;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/room/ops/webhook/4711").respond(MockResponse::json(200, json!({
///     "id": 4711, "name": "deploy-bot", "event": "room_message", "url": "https://bot.example.com/hook",
///     "creator": {"id": 5, "name": "Ada Lovelace", "mention_name": "ada", "links": {"self": "https://api.hipchat.com/v2/user/5"}},
///     "links": {"self": "https://api.hipchat.com/v2/room/7/webhook/4711"}
/// })));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let hook = client.send(&GetWebhook::new("ops", 4711u64)).await?;
/// assert_eq!(hook.creator.unwrap().mention_name, "ada");
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetWebhook {
    room_id_or_name: RoomRef,
    webhook_id: WebhookId,
}

impl GetWebhook {
    /// The webhook `webhook_id` of the room with this id or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>, webhook_id: impl Into<WebhookId>) -> Self {
        GetWebhook {
            room_id_or_name: room_id_or_name.into(),
            webhook_id: webhook_id.into(),
        }
    }
}

impl Endpoint for GetWebhook {
    type Response = RoomWebhook;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("webhook")
            .param("webhook_id", &self.webhook_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::WebhookEvent;

    #[test]
    fn wire() {
        let request = build(&GetWebhook::new("Ops Team", 4711u64));
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/webhook/4711"
        );
        assert_bearer(&request);
        assert!(request.body().is_empty());
        assert_eq!(build_err(&GetWebhook::new("ops", "")).field(), "webhook_id");
    }

    #[test]
    fn decodes_the_webhook_with_creator_and_room() {
        let body = r#"{
            "id": 4711, "name": "deploy-bot", "url": "https://bot.example.com/hook", "pattern": "^/deploy",
            "event": "room_message", "created": "2014-02-03T15:21:59+00:00",
            "creator": {"id": 5, "name": "Ada Lovelace", "mention_name": "ada", "links": {"self": "https://api.hipchat.com/v2/user/5"}},
            "room": {"id": 7, "name": "Ops", "links": {"self": "https://api.hipchat.com/v2/room/7"}},
            "links": {"self": "https://api.hipchat.com/v2/room/7/webhook/4711"}
        }"#;
        let hook = respond::<GetWebhook>(200, body).unwrap();
        assert_eq!(hook.id, 4711);
        assert_eq!(hook.name.as_deref(), Some("deploy-bot"));
        assert_eq!(hook.event, WebhookEvent::RoomMessage);
        assert_eq!(hook.pattern.as_deref(), Some("^/deploy"));
        assert_eq!(hook.url, "https://bot.example.com/hook");
        assert_eq!(hook.created.as_deref(), Some("2014-02-03T15:21:59+00:00"));
        assert_eq!(hook.creator.as_ref().unwrap().id, 5);
        assert_eq!(hook.room.as_ref().unwrap().name, "Ops");
        let body =
            r#"{"error": {"code": 404, "message": "Webhook not found", "type": "Not Found"}}"#;
        assert_eq!(
            api_error::<GetWebhook>(404, body)
                .hipchat_error()
                .unwrap()
                .message,
            "Webhook not found"
        );
    }
}
