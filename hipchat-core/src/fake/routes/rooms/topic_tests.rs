//! Setting the topic.

use http::Method;
use serde_json::json;

use super::super::tests::{BASE, admin, assert_400, group, hook, room_summary, send, user_ref};
use crate::api::rooms::SetTopic;
use crate::fake::FakeHipChat;
use crate::fake::tests::call;
use crate::model::{MessageType, Scope};

// ----- set_topic -----

#[test]
fn set_topic_changes_the_topic_records_it_and_fires_room_topic_change() {
    let (fake, alice, _) = group(&[Scope::AdminRoom]);
    let id = fake.add_room("Ops");
    let hook_id = hook(&fake, "Ops", "room_topic_change");
    let alice_client = fake.client_with_token("alice-token");
    send(&alice_client, &SetTopic::new("Ops", "Release day")).unwrap();
    assert_eq!(fake.room(id).unwrap().topic.as_deref(), Some("Release day"));
    let history = fake.room_history("Ops");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].message_type, Some(MessageType::Topic));
    assert_eq!(history[0].message.as_deref(), Some("Release day"));
    assert_eq!(
        history[0]
            .from
            .as_ref()
            .and_then(|f| f.user())
            .map(|u| u.id),
        Some(alice)
    );
    let deliveries = fake.webhook_deliveries();
    assert_eq!(deliveries.len(), 1);
    assert_eq!(deliveries[0].event, "room_topic_change");
    assert_eq!(
        deliveries[0].payload,
        json!({"event": "room_topic_change", "webhook_id": hook_id,
            "item": {"sender": user_ref(&fake, alice), "topic": "Release day",
                "room": room_summary(&fake, "Ops")}})
    );
    // Setting the same topic again changes nothing; clearing it is a change.
    send(&alice_client, &SetTopic::new("Ops", "Release day")).unwrap();
    assert_eq!(fake.webhook_deliveries().len(), 1);
    send(&alice_client, &SetTopic::new("Ops", "")).unwrap();
    assert_eq!(fake.room(id).unwrap().topic.as_deref(), Some(""));
    assert_eq!(fake.webhook_deliveries()[1].payload["item"]["topic"], "");
    assert_eq!(fake.room_history("Ops").len(), 2);
}

#[test]
fn set_topic_refuses_missing_null_long_and_non_string_topics() {
    let fake = FakeHipChat::new();
    fake.add_room("Ops");
    let path = "/room/Ops/topic";
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({}),
        "Missing required field: topic",
    );
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"topic": null}),
        "topic is required and may not be null",
    );
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"topic": 5}),
        "topic must be a string, not a number",
    );
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"topic": "t".repeat(251)}),
        "(got 251)",
    );
    assert_eq!(
        admin(
            &fake,
            Method::PUT,
            path,
            Some(json!({"topic": "t".repeat(250)}))
        )
        .0,
        204
    );
    assert_eq!(
        admin(
            &fake,
            Method::PUT,
            "/room/Nope/topic",
            Some(json!({"topic": "x"}))
        )
        .0,
        404
    );
    let (fake2, _, _) = group(&[Scope::ViewGroup]);
    fake2.add_room("Ops");
    let (status, _, _) = call(
        &fake2,
        Method::PUT,
        &format!("{BASE}{path}"),
        Some("alice-token"),
        Some(json!({"topic": "x"})),
    );
    assert_eq!(status, 403);
}
