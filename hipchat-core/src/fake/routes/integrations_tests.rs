use std::time::Duration;

use futures_executor::block_on;
use http::Method;
use serde_json::{Value, json};

use crate::api::integrations::{
    AddonUiUpdate, CreateIntegrationLink, DeleteIntegrationLink, GetIntegrationInstallableData,
    InvokeIntegrationLink, RoomAddonUiUpdate, UserAddonUiUpdate, UserInRoomAddonUiUpdate,
};
use crate::fake::FakeHipChat;
use crate::fake::routes::oauth::tests::addon_token;
use crate::fake::tests::api_error;
use crate::fake::tests::call;
use crate::model::{GlanceData, GlanceStatus, GlanceUpdate, LozengeType, Scope};

const SCOPES: &[Scope] = &[Scope::ViewGroup, Scope::ViewRoom];

fn update(key: &str, label: &str) -> Vec<GlanceUpdate> {
    vec![GlanceUpdate::new(key, GlanceData::new(label))]
}

#[test]
fn ui_updates_store_glance_content_per_target() {
    let fake = FakeHipChat::demo();
    let client = fake.client_with_token(addon_token(&fake, "addon", SCOPES));
    let ops = fake.room("Ops").unwrap().id;
    let alice = fake.user("@alice").unwrap().id;

    let content = GlanceData::new("<b>2</b> failing")
        .status(GlanceStatus::lozenge("RED", LozengeType::Error))
        .metadata_entry("failing", 2);
    block_on(client.send(&AddonUiUpdate::new(vec![GlanceUpdate::new(
        "builds",
        content.clone(),
    )])))
    .unwrap();
    block_on(client.send(&RoomAddonUiUpdate::new("Ops", update("builds", "room")))).unwrap();
    block_on(client.send(&UserAddonUiUpdate::new("@alice", update("builds", "user")))).unwrap();
    let icon = GlanceData::new("in room")
        .status(GlanceStatus::icon("https://a/i.png", "https://a/i2.png"));
    block_on(client.send(&UserInRoomAddonUiUpdate::new(
        ops,
        alice,
        vec![GlanceUpdate::new("builds", icon.clone())],
    )))
    .unwrap();

    assert_eq!(fake.glance_content("builds", None, None), Some(content));
    assert_eq!(
        fake.glance_content("builds", Some(ops), None)
            .unwrap()
            .label
            .value,
        "room"
    );
    assert_eq!(
        fake.glance_content("builds", None, Some(alice))
            .unwrap()
            .label
            .value,
        "user"
    );
    assert_eq!(
        fake.glance_content("builds", Some(ops), Some(alice)),
        Some(icon)
    );
    assert_eq!(fake.glance_content("other", None, None), None);

    // A later update wins.
    block_on(client.send(&AddonUiUpdate::new(update("builds", "all green")))).unwrap();
    assert_eq!(
        fake.glance_content("builds", None, None)
            .unwrap()
            .label
            .value,
        "all green"
    );
    // Several glances at once.
    let two = vec![
        GlanceUpdate::new("a", GlanceData::new("A")),
        GlanceUpdate::new("b", GlanceData::new("B")),
    ];
    block_on(client.send(&AddonUiUpdate::new(two))).unwrap();
    assert_eq!(
        fake.glance_content("b", None, None).unwrap().label.value,
        "B"
    );
}

#[test]
fn ui_updates_refuse_bad_bodies_targets_and_tokens() {
    let fake = FakeHipChat::demo();
    let token = addon_token(&fake, "addon", SCOPES);
    let client = fake.client_with_token(token.clone());
    assert_eq!(
        api_error(block_on(
            client.send(&RoomAddonUiUpdate::new("Nowhere", update("g", "x")))
        ))
        .0,
        404
    );
    assert_eq!(
        api_error(block_on(
            client.send(&UserAddonUiUpdate::new("@ghost", update("g", "x")))
        ))
        .0,
        404
    );
    assert_eq!(
        api_error(block_on(client.send(&UserInRoomAddonUiUpdate::new(
            "Ops",
            "@ghost",
            update("g", "x")
        ))))
        .0,
        404
    );
    let (status, text) = api_error(block_on(
        fake.client().send(&AddonUiUpdate::new(update("g", "x"))),
    ));
    assert_eq!(status, 403);
    assert!(text.contains("add-on"), "{text}");

    let label = json!({"type": "html", "value": "x"});
    let glance = |content: Value| json!({"glance": [{"key": "g", "content": content}]});
    let cases = [
        (json!({}), "glance"),
        (json!({"glance": {}}), "glance"),
        (json!({"glance": [5]}), "glance[0]"),
        (
            json!({"glance": [{"content": {"label": label}}]}),
            "glance[0].key",
        ),
        (
            json!({"glance": [{"key": "bad key", "content": {"label": label}}]}),
            "glance[0].key",
        ),
        (json!({"glance": [{"key": "g"}]}), "glance[0].content"),
        (glance(json!({})), "glance[0].content.label"),
        (
            glance(json!({"label": {"type": "text", "value": "x"}})),
            "glance[0].content.label.type",
        ),
        (
            glance(json!({"label": {"type": "html"}})),
            "glance[0].content.label.value",
        ),
        (
            glance(
                json!({"label": label, "status": {"type": "lozenge", "value": {"label": "x", "type": "purple"}}}),
            ),
            "status.value.type",
        ),
        (
            glance(json!({"label": label, "status": {"type": "badge", "value": {}}})),
            "status.type",
        ),
        (
            glance(json!({"label": label, "status": {"type": "icon", "value": {"url": "u"}}})),
            "url@2x",
        ),
        (
            glance(json!({"label": label, "metadata": null})),
            "metadata",
        ),
        (glance(json!({"label": label, "extra": 1})), "extra"),
    ];
    for (body, fragment) in cases {
        let (status, _, answer) = call(
            &fake,
            Method::POST,
            "https://x.test/v2/addon/ui",
            Some(&token),
            Some(body.clone()),
        );
        assert_eq!(status, 400, "{body}");
        let message = answer["error"]["message"].as_str().unwrap();
        assert!(message.contains(fragment), "{body}: {message}");
    }
    assert_eq!(
        fake.glance_content("g", None, None),
        None,
        "nothing was stored"
    );
}

#[test]
fn integration_links_are_made_and_deleted_by_their_addon() {
    let fake = FakeHipChat::new();
    let client = fake.client_with_token(addon_token(&fake, "addon", SCOPES));
    let link = block_on(client.send(&CreateIntegrationLink::new(
        "https://addon.example.com/hit",
        60,
    )))
    .unwrap();
    let token = link.token.clone().unwrap();
    assert_eq!(
        fake.integration_link_target(&token).as_deref(),
        Some("https://addon.example.com/hit")
    );
    let other = block_on(client.send(&CreateIntegrationLink::new(
        "https://addon.example.com/hit",
        60,
    )))
    .unwrap();
    assert_ne!(other.token, link.token);

    let stranger = fake.client_with_token(addon_token(&fake, "stranger", SCOPES));
    assert_eq!(
        api_error(block_on(
            stranger.send(&DeleteIntegrationLink::new(token.as_str()))
        ))
        .0,
        404
    );
    block_on(client.send(&DeleteIntegrationLink::new(token.as_str()))).unwrap();
    assert_eq!(fake.integration_link_target(&token), None);
    assert_eq!(
        api_error(block_on(
            client.send(&DeleteIntegrationLink::new(token.as_str()))
        ))
        .0,
        404
    );

    // Links expire after ttl seconds on the fake clock.
    let short = other.token.unwrap();
    fake.advance(Duration::from_secs(60));
    assert_eq!(fake.integration_link_target(&short), None);
    assert_eq!(
        api_error(block_on(
            client.send(&DeleteIntegrationLink::new(short.as_str()))
        ))
        .0,
        404
    );
}

#[test]
fn integration_link_errors() {
    let fake = FakeHipChat::new();
    let token = addon_token(&fake, "addon", SCOPES);
    let uri = "https://x.test/v2/addon/link";
    for (body, fragment) in [
        (json!({"ttl": 60}), "target"),
        (json!({"target": "relative/path", "ttl": 60}), "target"),
        (json!({"target": "https://a.example.com"}), "ttl"),
        (json!({"target": "https://a.example.com", "ttl": 0}), "ttl"),
        (
            json!({"target": "https://a.example.com", "ttl": "60"}),
            "ttl",
        ),
    ] {
        let (status, _, answer) = call(&fake, Method::POST, uri, Some(&token), Some(body.clone()));
        assert_eq!(status, 400, "{body}");
        assert!(
            answer["error"]["message"]
                .as_str()
                .unwrap()
                .contains(fragment),
            "{answer}"
        );
    }
    let (status, _) = api_error(block_on(
        fake.client()
            .send(&CreateIntegrationLink::new("https://a.example.com", 5)),
    ));
    assert_eq!(status, 403);
}

#[test]
fn installable_data_and_link_invocation_are_not_modelled() {
    let fake = FakeHipChat::new();
    let client = fake.client();
    for result in [
        block_on(client.send(&GetIntegrationInstallableData::new("my-addon", "one-time")))
            .map(|_| ()),
        block_on(client.send(&InvokeIntegrationLink::new("abc"))).map(|_| ()),
    ] {
        let (status, text) = api_error(result);
        assert_eq!(status, 501);
        assert!(
            text.starts_with("FakeHipChat does not implement integrations."),
            "{text}"
        );
    }
}
