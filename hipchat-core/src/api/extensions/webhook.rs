//! The six webhook methods: events HipChat POSTs to the add-on.

use super::macros::extension_endpoints;

extension_endpoints! {
    segment: "webhook",
    module: ExtensionWebhook,
    noun: "webhook",
    path_note: "",
    created_note: "this body is documented for webhooks, 201 Created is assumed; any 2xx is accepted, and an empty body gives no id.",
    example: {
        key: "deploys",
        uses: "use hipchat_core::model::{ExtensionWebhook, WebhookEvent};",
        build: r#"ExtensionWebhook::new("deploys", "https://addon.example.com/hook", WebhookEvent::RoomMessage).pattern("^/deploy")"#,
        json: r#"{"key": "deploys", "url": "https://addon.example.com/hook", "event": "room_message", "pattern": "^/deploy"}"#,
        var: "webhook",
        check: r#"assert_eq!(webhook.pattern.as_deref(), Some("^/deploy"));"#,
    },
    global: {
        get: GetGlobalWebhook "get_global_webhook" " (the page's exact address is unconfirmed)",
        create: CreateGlobalWebhook "create_global_webhook" "",
        delete: DeleteGlobalWebhook "delete_global_webhook" " (the page's exact address is unconfirmed)",
        scope: "likely `admin_group` (unconfirmed: no source states the scope of this method; one official page even says webhooks can only be managed per room, which the existence of create_global_webhook contradicts).",
        limit: "at most 10 group-wide webhooks (confirmed).",
    },
    room: {
        get: GetRoomWebhook "get_room_webhook" " (the page's exact address is unconfirmed)",
        create: CreateRoomWebhook "create_room_webhook" " (the page's exact address is unconfirmed)",
        delete: DeleteRoomWebhook "delete_room_webhook" " (the page's exact address is unconfirmed)",
        scope: "`admin_room` (confirmed); group and room add-on clients may call it (single-source).",
        limit: "probably at most 10 webhooks per room (assumed from the documented limits of other kinds).",
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::{Authentication, ExtensionWebhook, WebhookEvent};
    use serde_json::json;

    #[test]
    fn create_sends_minimal_and_full_modules() {
        let minimal = ExtensionWebhook::new(
            "deploys",
            "https://addon.example.com/hook",
            WebhookEvent::RoomEnter,
        );
        let request = build(&CreateRoomWebhook::new("Ops Team", minimal));
        assert_eq!(request.method(), "PUT");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/extension/webhook/deploys"
        );
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"key": "deploys", "url": "https://addon.example.com/hook", "event": "room_enter"})
        );
        let full = ExtensionWebhook::new(
            "deploys",
            "https://addon.example.com/hook",
            WebhookEvent::RoomMessage,
        )
        .name("Deploy commands")
        .pattern("^/deploy")
        .authentication(Authentication::Jwt);
        let request = build(&CreateGlobalWebhook::new(full));
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/extension/webhook/deploys"
        );
        assert_eq!(
            json_body(&request),
            json!({"key": "deploys", "url": "https://addon.example.com/hook", "event": "room_message",
                   "name": "Deploy commands", "pattern": "^/deploy", "authentication": "jwt"})
        );
    }

    #[test]
    fn create_refuses_invalid_modules() {
        let mut keyless = ExtensionWebhook::new("k", "u", WebhookEvent::RoomExit);
        keyless.key = None;
        let err = build_err(&CreateGlobalWebhook::new(keyless));
        assert_eq!(err.field(), "webhook.key");
        assert!(err.rule().contains("required"));
        let bad = ExtensionWebhook::new("k", "u", WebhookEvent::from("room_sneeze"));
        assert_eq!(
            build_err(&CreateRoomWebhook::new("ops", bad)).field(),
            "webhook.event"
        );
        let bad = ExtensionWebhook::new("k", "", WebhookEvent::RoomExit);
        assert_eq!(
            build_err(&CreateRoomWebhook::new("ops", bad)).field(),
            "webhook.url"
        );
    }

    #[test]
    fn decodes_a_stored_room_webhook_with_server_members() {
        // The shape one client models for a stored room webhook.
        let body = r#"{
            "id": 1234,
            "key": "deploys",
            "name": "Deploy commands",
            "url": "https://addon.example.com/hook",
            "pattern": "^/deploy",
            "event": "room_message",
            "authentication": "jwt",
            "created": "2016-03-01T10:00:00+00:00",
            "room": {"id": 7, "name": "Ops Team", "links": {"self": "https://api.hipchat.com/v2/room/7"}}
        }"#;
        let webhook = respond::<GetRoomWebhook>(200, body).unwrap();
        assert_eq!(webhook.key.as_deref(), Some("deploys"));
        assert_eq!(webhook.name.as_deref(), Some("Deploy commands"));
        assert_eq!(webhook.url, "https://addon.example.com/hook");
        assert_eq!(webhook.pattern.as_deref(), Some("^/deploy"));
        assert_eq!(webhook.event, WebhookEvent::RoomMessage);
        assert_eq!(webhook.authentication, Some(Authentication::Jwt));
        assert_eq!(webhook.other["id"], 1234);
        assert_eq!(webhook.other["created"], "2016-03-01T10:00:00+00:00");
        assert_eq!(webhook.other["room"]["name"], "Ops Team");

        let webhook = respond::<GetGlobalWebhook>(
            200,
            r#"{"key": "k", "url": "u", "event": "room_file_upload"}"#,
        )
        .unwrap();
        assert_eq!(webhook.event, WebhookEvent::RoomFileUpload);
        assert!(webhook.other.is_empty());
    }

    #[test]
    fn decodes_create_and_delete_answers() {
        let created = respond::<CreateGlobalWebhook>(
            201,
            r#"{"id": "a8f2", "links": {"self": "https://api.hipchat.com/v2/extension/webhook/deploys"}}"#,
        )
        .unwrap();
        assert_eq!(created.id.as_deref(), Some("a8f2"));
        let created = respond::<CreateRoomWebhook>(201, r#"{"id": 99}"#).unwrap();
        assert_eq!(created.id.as_deref(), Some("99"));
        respond::<DeleteGlobalWebhook>(204, "").unwrap();
        respond::<DeleteRoomWebhook>(204, "").unwrap();
        let forbidden = r#"{"error": {"code": 403, "message": "This action requires one of the following scopes: [u'admin_room']", "type": "Forbidden"}}"#;
        assert_eq!(api_error::<DeleteRoomWebhook>(403, forbidden).status(), 403);
    }
}
