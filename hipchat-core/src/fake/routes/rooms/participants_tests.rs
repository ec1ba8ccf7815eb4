//! Participants entering and leaving rooms.

use http::Method;
use serde_json::json;

use super::super::tests::{admin, group, hook, room_summary, send, user_ref};
use crate::api::rooms::GetAllParticipants;
use crate::fake::FakeHipChat;
use crate::fake::tests::api_error;

// ----- participants -----

#[test]
fn participants_enter_and_leave_with_webhooks() {
    let (fake, alice, bob) = group(&[]);
    fake.add_room("Ops");
    let enter_hook = hook(&fake, "Ops", "room_enter");
    let exit_hook = hook(&fake, "Ops", "room_exit");
    fake.enter_room("Ops", bob);
    fake.enter_room("ops", alice);
    fake.enter_room("Ops", alice);
    let client = fake.client();
    let page = send(&client, &GetAllParticipants::new("Ops")).unwrap();
    assert_eq!(
        page.items.iter().map(|u| u.id).collect::<Vec<_>>(),
        vec![alice, bob]
    );
    fake.exit_room("Ops", alice);
    fake.exit_room("Ops", alice);
    let page = send(&client, &GetAllParticipants::new("Ops")).unwrap();
    assert_eq!(
        page.items.iter().map(|u| u.id).collect::<Vec<_>>(),
        vec![bob]
    );

    let deliveries = fake.webhook_deliveries();
    let events: Vec<(&str, u64)> = deliveries
        .iter()
        .map(|d| (d.event.as_str(), d.webhook_id))
        .collect();
    assert_eq!(
        events,
        [
            ("room_enter", enter_hook),
            ("room_enter", enter_hook),
            ("room_exit", exit_hook)
        ]
    );
    assert_eq!(
        deliveries[1].payload,
        json!({"event": "room_enter", "webhook_id": enter_hook,
            "item": {"sender": user_ref(&fake, alice), "room": room_summary(&fake, "Ops")}})
    );
    assert_eq!(deliveries[2].payload["item"]["sender"]["id"], alice);
}

#[test]
fn include_offline_adds_the_absent_members_of_private_rooms() {
    let (fake, alice, bob) = group(&[]);
    fake.add_private_room("Secret", alice, &[bob]);
    fake.enter_room("Secret", bob);
    let client = fake.client();
    let online = send(&client, &GetAllParticipants::new("Secret")).unwrap();
    assert_eq!(
        online.items.iter().map(|u| u.id).collect::<Vec<_>>(),
        vec![bob]
    );
    let all = send(
        &client,
        &GetAllParticipants::new("Secret")
            .include_offline(true)
            .max_results(1),
    )
    .unwrap();
    assert_eq!(
        all.items.iter().map(|u| u.id).collect::<Vec<_>>(),
        vec![alice]
    );
    assert!(
        all.links
            .next
            .as_deref()
            .unwrap()
            .contains("include-offline=true")
    );
    let (status, _) = admin(
        &fake,
        Method::GET,
        "/room/Secret/participant?include-offline=1",
        None,
    );
    assert_eq!(status, 400);
    assert_eq!(
        api_error(send(&client, &GetAllParticipants::new("Nope"))).0,
        404
    );
}

#[test]
#[should_panic(expected = "is not a member of the private room")]
fn only_members_enter_private_rooms() {
    let (fake, _, bob) = group(&[]);
    fake.add_private_room("Secret", FakeHipChat::ADMIN_ID, &[]);
    fake.enter_room("Secret", bob);
}

#[test]
#[should_panic(expected = "no room")]
fn entering_a_missing_room_is_a_test_bug() {
    FakeHipChat::new().enter_room("Nope", 1);
}
