//! Room webhooks registered over the REST API.

use serde::{Deserialize, Serialize};

use super::{Authentication, Links, RoomSummary, UserSummary, WebhookEvent, de};

/// A webhook of a room, as listed by `GET /room/{room_id_or_name}/webhook` (legacy webhooks
/// and those declared by add-ons) and returned by the deprecated get_webhook:
/// `{id, name, key?, event, pattern, url, authentication?, created?, creator?, room?, links}`.
///
/// Sources disagree on which members are present: only `id`, `event` and `url` are always
/// expected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RoomWebhook {
    /// The webhook id.
    #[serde(deserialize_with = "de::u64_lenient")]
    pub id: u64,
    /// The webhook's name, when it was given one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The module key, for webhooks declared by an add-on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The room event that triggers it.
    pub event: WebhookEvent,
    /// The regular expression a message must match (`room_message` webhooks only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// Where HipChat posts the events.
    #[serde(default)]
    pub url: String,
    /// How deliveries are authenticated (`jwt` or `none`), for add-on webhooks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication: Option<Authentication>,
    /// When it was created, as the server wrote it (ISO-8601 or unix seconds, kept as text).
    #[serde(
        default,
        deserialize_with = "de::option_string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub created: Option<String>,
    /// Who created it (sent by get_webhook).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<UserSummary>,
    /// The room it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<RoomSummary>,
    /// Links to the webhook.
    #[serde(default)]
    pub links: Links,
}

crate::response::json_response!(RoomWebhook);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Page;
    use serde_json::json;

    #[test]
    fn decodes_legacy_and_addon_webhooks() {
        let page: Page<RoomWebhook> = serde_json::from_value(json!({
            "items": [
                {"id": 4711, "name": "deploy-bot", "event": "room_message", "pattern": "^/deploy",
                 "url": "https://bot.example.com/hook",
                 "links": {"self": "https://api.hipchat.com/v2/room/7/webhook/4711"}},
                {"id": "4712", "key": "addon.enter", "event": "room_enter", "url": "https://addon.example.com/enter",
                 "authentication": "jwt", "created": 1496930400,
                 "room": {"id": 7, "name": "Ops", "links": {"self": "https://api.hipchat.com/v2/room/7"}},
                 "links": {"self": "https://api.hipchat.com/v2/room/7/webhook/4712"}}
            ],
            "startIndex": 0, "maxResults": 100,
            "links": {"self": "https://api.hipchat.com/v2/room/7/webhook"}
        }))
        .unwrap();
        let legacy = &page.items[0];
        assert_eq!(legacy.id, 4711);
        assert_eq!(legacy.name.as_deref(), Some("deploy-bot"));
        assert_eq!(legacy.event, WebhookEvent::RoomMessage);
        assert_eq!(legacy.pattern.as_deref(), Some("^/deploy"));
        assert_eq!(legacy.key, None);
        assert_eq!(legacy.room, None);
        let addon = &page.items[1];
        assert_eq!(addon.id, 4712);
        assert_eq!(addon.key.as_deref(), Some("addon.enter"));
        assert_eq!(addon.authentication, Some(Authentication::Jwt));
        assert_eq!(addon.created.as_deref(), Some("1496930400"));
        assert_eq!(addon.room.as_ref().unwrap().name, "Ops");
        assert_eq!(
            addon.links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/room/7/webhook/4712")
        );
    }

    #[test]
    fn unknown_events_are_kept_and_round_trip() {
        let hook: RoomWebhook = serde_json::from_value(json!({
            "id": 1, "event": "room_reaction", "url": "https://x.example.com", "creator": null
        }))
        .unwrap();
        assert_eq!(hook.event, WebhookEvent::Other("room_reaction".into()));
        assert_eq!(hook.creator, None);
        let back = serde_json::to_value(&hook).unwrap();
        assert_eq!(
            back,
            json!({"id": 1, "event": "room_reaction", "url": "https://x.example.com", "links": {}})
        );
        assert!(serde_json::from_value::<RoomWebhook>(json!({"id": 1, "url": "u"})).is_err());
    }
}
