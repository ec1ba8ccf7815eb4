use http::Method;

use crate::api::{Paging, paging_setters};
use crate::model::{Page, RoomWebhook};
use crate::{Endpoint, InvalidInput, Path, Query, RoomRef};

/// `GET /room/{room_id_or_name}/webhook`
///
/// Lists a room's webhooks, both the legacy ones and those declared by add-ons, one page at a
/// time. Answers 200 with a [`Page`] of [`RoomWebhook`]s. Unlike the other legacy webhook
/// methods, this one is not deprecated.
///
/// Scope: `admin_room` (single source); group, room and user tokens may call it.
///
/// Checked before sending: `max-results` is at most 1000.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/get_all_webhooks>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::GetAllWebhooks;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::model::WebhookEvent;
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/room/ops/webhook").respond(MockResponse::json(200, json!({
///     "items": [{"id": 4711, "name": "deploy-bot", "event": "room_message", "pattern": "^/deploy",
///                "url": "https://bot.example.com/hook", "links": {"self": "https://api.hipchat.com/v2/room/7/webhook/4711"}}],
///     "startIndex": 0, "maxResults": 100, "links": {"self": "https://api.hipchat.com/v2/room/7/webhook"}
/// })));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let hooks = client.send(&GetAllWebhooks::new("ops")).await?;
/// assert_eq!(hooks.items[0].event, WebhookEvent::RoomMessage);
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetAllWebhooks {
    room_id_or_name: RoomRef,
    paging: Paging,
}

impl GetAllWebhooks {
    /// The first page of webhooks of the room with this id or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>) -> Self {
        GetAllWebhooks {
            room_id_or_name: room_id_or_name.into(),
            paging: Paging::default(),
        }
    }

    paging_setters!("webhooks");
}

impl Endpoint for GetAllWebhooks {
    type Response = Page<RoomWebhook>;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("webhook")
    }

    fn query(&self) -> Query {
        self.paging.push_to(Query::new())
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        self.paging.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::{Authentication, WebhookEvent};

    #[test]
    fn wire_with_and_without_paging() {
        let request = build(&GetAllWebhooks::new("Ops Team"));
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/webhook"
        );
        assert_bearer(&request);
        assert_eq!(
            build(&GetAllWebhooks::new(7u64).start_index(10).max_results(10)).uri(),
            "https://api.hipchat.com/v2/room/7/webhook?start-index=10&max-results=10"
        );
        let err = build_err(&GetAllWebhooks::new(7u64).max_results(1001));
        assert_eq!(
            (err.field(), err.rule()),
            ("max-results", "must be 0..=1000 (got 1001)")
        );
    }

    #[test]
    fn decodes_legacy_and_addon_webhooks() {
        let body = r#"{
            "items": [
                {"id": 4711, "name": "deploy-bot", "event": "room_message", "pattern": "^/deploy",
                 "url": "https://bot.example.com/hook",
                 "links": {"self": "https://api.hipchat.com/v2/room/7/webhook/4711"}},
                {"id": 4712, "name": "Greeter", "key": "greeter.enter", "event": "room_enter",
                 "url": "https://addon.example.com/enter", "authentication": "jwt",
                 "created": "2017-05-20T13:56:46+00:00",
                 "room": {"id": 7, "name": "Ops", "links": {"self": "https://api.hipchat.com/v2/room/7"}},
                 "links": {"self": "https://api.hipchat.com/v2/room/7/webhook/4712"}}
            ],
            "startIndex": 0, "maxResults": 100,
            "links": {"self": "https://api.hipchat.com/v2/room/7/webhook"}
        }"#;
        let page = respond::<GetAllWebhooks>(200, body).unwrap();
        let legacy = &page.items[0];
        assert_eq!(legacy.id, 4711);
        assert_eq!(legacy.name.as_deref(), Some("deploy-bot"));
        assert_eq!(legacy.event, WebhookEvent::RoomMessage);
        assert_eq!(legacy.pattern.as_deref(), Some("^/deploy"));
        assert_eq!(legacy.url, "https://bot.example.com/hook");
        assert_eq!(legacy.key, None);
        let addon = &page.items[1];
        assert_eq!(addon.key.as_deref(), Some("greeter.enter"));
        assert_eq!(addon.event, WebhookEvent::RoomEnter);
        assert_eq!(addon.authentication, Some(Authentication::Jwt));
        assert_eq!(addon.created.as_deref(), Some("2017-05-20T13:56:46+00:00"));
        assert_eq!(addon.room.as_ref().unwrap().id, 7);
        assert_eq!(
            addon.links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/room/7/webhook/4712")
        );
        assert_eq!(api_error::<GetAllWebhooks>(404, NOT_FOUND).status(), 404);
    }
}
