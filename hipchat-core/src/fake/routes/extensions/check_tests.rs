//! Module bodies checked against the schema of their kind.

use http::Method;
use serde_json::{Value, json};

use super::super::tests::{SCOPES, body_for};
use crate::fake::FakeHipChat;
use crate::fake::routes::oauth::tests::addon_token;
use crate::fake::tests::call;

#[test]
fn bodies_are_checked_against_the_module_schemas() {
    let fake = FakeHipChat::demo();
    let token = addon_token(&fake, "addon", SCOPES);
    let put = |path: &str, body: Value| {
        let (status, _, answer) = call(
            &fake,
            Method::PUT,
            &format!("https://x.test/v2{path}"),
            Some(&token),
            Some(body),
        );
        (
            status,
            answer["error"]["message"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        )
    };
    let with = |kind: &str, key: &str, value: Value| {
        let mut body = body_for(kind);
        if value.is_null() && key.starts_with('-') {
            body.as_object_mut().unwrap().remove(&key[1..]);
        } else {
            body[key] = value;
        }
        (format!("/extension/{kind}/k1"), body)
    };
    let cases = [
        (with("action", "-name", Value::Null), "action.name"),
        (
            with("action", "location", json!("hipchat.nowhere")),
            "action.location",
        ),
        (
            with("action", "target", json!({"options": {}})),
            "action.target.key",
        ),
        (with("action", "target", json!("bad key!")), "action.target"),
        (with("action", "weight", json!("heavy")), "action.weight"),
        (
            with(
                "action",
                "conditions",
                json!([{"condition": "moon_is_full"}]),
            ),
            "action.conditions[0].condition",
        ),
        (
            with(
                "action",
                "conditions",
                json!([{"type": "xor", "conditions": [{"condition": "user_is_admin"}]}]),
            ),
            "action.conditions[0].type",
        ),
        (
            with(
                "action",
                "conditions",
                json!([{"type": "and", "conditions": []}]),
            ),
            "action.conditions[0].conditions",
        ),
        (
            with("action", "name", json!({"value": ""})),
            "action.name.value",
        ),
        (
            with("action", "name", json!({"value": "n".repeat(101)})),
            "action.name.value",
        ),
        (with("action", "name", json!("plain text")), "action.name"),
        (
            with("dialog", "options", json!({"size": "gigantic"})),
            "dialog.options.size",
        ),
        (
            with("dialog", "options", json!({"secondaryActions": []})),
            "dialog.options.secondaryActions",
        ),
        (
            with("dialog", "options", json!({"primaryAction": {"key": "x"}})),
            "dialog.options.primaryAction.name",
        ),
        (
            with("dialog", "authentication", json!("basic")),
            "dialog.authentication",
        ),
        (
            with("externalPage", "-url", Value::Null),
            "externalPage.url",
        ),
        (
            with("glance", "icon", json!({"url": "https://a/i.png"})),
            "glance.icon.url@2x",
        ),
        (with("glance", "queryUrl", Value::Null), "glance.queryUrl"),
        (
            with("webPanel", "location", json!("hipchat.sidebar.left")),
            "webPanel.location",
        ),
        (
            with("webhook", "event", json!("room_party")),
            "webhook.event",
        ),
        (with("webhook", "pattern", json!("^x")), "webhook.pattern"),
        (with("webhook", "surprise", json!(1)), "webhook.surprise"),
        (with("glance", "key", json!("k2")), "differs"),
        (
            ("/extension/glance/bad%20key".to_owned(), body_for("glance")),
            "key",
        ),
        (("/extension/glance/k1".to_owned(), json!([1, 2])), "glance"),
    ];
    for ((path, body), fragment) in cases {
        let (status, message) = put(&path, body.clone());
        assert_eq!(status, 400, "{path} {body}: {message}");
        assert!(message.contains(fragment), "{path} {body}: {message}");
    }
    // Nothing was stored.
    assert_eq!(fake.lock().extensions.modules.len(), 0);
    // A pattern is fine on room_message webhooks; conditions may nest.
    let (status, message) = put(
        "/extension/webhook/k1",
        json!({
            "key": "k1", "url": "https://a/h", "event": "room_message", "pattern": "^/x", "authentication": "jwt"
        }),
    );
    assert_eq!(status, 201, "{message}");
    let nested = json!([{"type": "OR", "conditions": [
        {"condition": "room_is_public", "invert": true, "params": {}},
        {"type": "and", "conditions": [{"condition": "user_is_guest"}]}
    ]}]);
    let (status, message) = put(
        "/extension/action/k1",
        with("action", "conditions", nested).1,
    );
    assert_eq!(status, 201, "{message}");
}
