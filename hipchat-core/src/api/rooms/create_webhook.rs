use http::Method;
use serde::Serialize;

use crate::model::{CreatedResource, WebhookEvent};
use crate::validate::known;
use crate::{Body, Endpoint, Error, InvalidInput, Path, RoomRef};

/// `POST /room/{room_id_or_name}/webhook`
///
/// **Deprecated by HipChat**: legacy room webhooks were superseded by add-on webhooks; use
/// [`extensions::CreateRoomWebhook`](crate::api::extensions) for new code.
///
/// Registers a legacy webhook: HipChat posts the room's `event`s to `url`. Answers 201 with
/// the new webhook's id and link.
///
/// Scope: `admin_room` (single source).
///
/// Checked before sending: `url` is not empty and `event` is one of the documented room
/// events. `pattern` (a regular expression) only applies to `room_message`; that is left to
/// the server, and so is the fact that some older servers accept fewer events (no
/// `room_created` or `room_file_upload`).
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/create_webhook>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::CreateWebhook;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::model::WebhookEvent;
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/room/ops/webhook")
///     .json_body(json!({"url": "https://bot.example.com/hook", "event": "room_message", "pattern": "^/deploy"}))
///     .respond(MockResponse::json(201, json!({"id": 4711, "links": {"self": "https://api.hipchat.com/v2/room/7/webhook/4711"}})));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let hook = CreateWebhook::new("ops", "https://bot.example.com/hook", WebhookEvent::RoomMessage).pattern("^/deploy");
/// let created = client.send(&hook).await?;
/// assert_eq!(created.id, 4711);
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreateWebhook {
    #[serde(skip)]
    room_id_or_name: RoomRef,
    url: String,
    event: WebhookEvent,
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

impl CreateWebhook {
    /// A webhook of the room with this id or name that posts each `event` to `url`.
    pub fn new(
        room_id_or_name: impl Into<RoomRef>,
        url: impl Into<String>,
        event: impl Into<WebhookEvent>,
    ) -> Self {
        CreateWebhook {
            room_id_or_name: room_id_or_name.into(),
            url: url.into(),
            event: event.into(),
            pattern: None,
            name: None,
        }
    }

    /// A regular expression a message must match to be posted (`room_message` only).
    pub fn pattern(mut self, pattern: impl Into<String>) -> Self {
        self.pattern = Some(pattern.into());
        self
    }

    /// A name for the webhook.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

impl Endpoint for CreateWebhook {
    type Response = CreatedResource;

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("webhook")
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        Body::json(self).map(Some)
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        if self.url.is_empty() {
            return Err(InvalidInput::new("url", "must not be empty"));
        }
        known(
            "event",
            &self.event,
            self.event.is_known(),
            WebhookEvent::KNOWN,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use serde_json::json;

    #[test]
    fn wire_minimal_and_full() {
        let request = build(&CreateWebhook::new(
            "Ops Team",
            "https://bot.example.com/enter",
            WebhookEvent::RoomEnter,
        ));
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/webhook"
        );
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"url": "https://bot.example.com/enter", "event": "room_enter"})
        );

        let full = CreateWebhook::new(7u64, "https://bot.example.com/hook", "room_message")
            .pattern("^/deploy (\\w+)$")
            .name("deploy-bot");
        let request = build(&full);
        assert_eq!(request.uri(), "https://api.hipchat.com/v2/room/7/webhook");
        assert_eq!(
            json_body(&request),
            json!({
                "url": "https://bot.example.com/hook", "event": "room_message",
                "pattern": "^/deploy (\\w+)$", "name": "deploy-bot"
            })
        );
    }

    #[test]
    fn refuses_unknown_events_and_empty_urls() {
        let err = build_err(&CreateWebhook::new(
            "ops",
            "https://x.example.com",
            "room_reaction",
        ));
        assert_eq!(err.field(), "event");
        assert!(err.rule().contains("room_message"), "{}", err.rule());
        assert_eq!(
            build_err(&CreateWebhook::new("ops", "", WebhookEvent::RoomExit)).field(),
            "url"
        );
    }

    #[test]
    fn decodes_the_created_webhook() {
        let created = respond::<CreateWebhook>(
            201,
            r#"{"id": 4711, "links": {"self": "https://api.hipchat.com/v2/room/7/webhook/4711"}}"#,
        )
        .unwrap();
        assert_eq!(created.id, 4711);
        assert_eq!(
            created.links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/room/7/webhook/4711")
        );
        let body = r#"{"error": {"code": 400, "message": "Invalid event: room_reaction", "type": "Bad Request"}}"#;
        assert_eq!(api_error::<CreateWebhook>(400, body).status(), 400);
    }
}
