use http::Method;

use crate::{Endpoint, Path, RoomRef, WebhookId};

/// `DELETE /room/{room_id_or_name}/webhook/{webhook_id}`
///
/// **Deprecated by HipChat**: legacy room webhooks were superseded by add-on webhooks; use
/// [`extensions::DeleteRoomWebhook`](crate::api::extensions) for new code.
///
/// Deletes one legacy webhook of a room. Answers 204 No Content.
///
/// Scope: `admin_room` (single source).
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/delete_webhook>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::DeleteWebhook;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
///
/// let mock = MockBackend::new();
/// mock.expect_delete("/v2/room/ops/webhook/4711").respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// client.send(&DeleteWebhook::new("ops", 4711u64)).await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteWebhook {
    room_id_or_name: RoomRef,
    webhook_id: WebhookId,
}

impl DeleteWebhook {
    /// Deletes the webhook `webhook_id` of the room with this id or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>, webhook_id: impl Into<WebhookId>) -> Self {
        DeleteWebhook {
            room_id_or_name: room_id_or_name.into(),
            webhook_id: webhook_id.into(),
        }
    }
}

impl Endpoint for DeleteWebhook {
    type Response = ();

    fn method(&self) -> Method {
        Method::DELETE
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

    #[test]
    fn wire() {
        let request = build(&DeleteWebhook::new("Ops Team", "4711"));
        assert_eq!(request.method(), "DELETE");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/webhook/4711"
        );
        assert_bearer(&request);
        assert!(request.body().is_empty());
    }

    #[test]
    fn decodes_204_and_errors() {
        respond::<DeleteWebhook>(204, "").unwrap();
        let body =
            r#"{"error": {"code": 404, "message": "Webhook not found", "type": "Not Found"}}"#;
        assert_eq!(api_error::<DeleteWebhook>(404, body).status(), 404);
    }
}
