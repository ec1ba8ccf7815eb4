//! Creating, listing, reading, updating and deleting rooms, and their statistics.

use http::Method;
use serde_json::{Value, json};

use super::super::tests::{
    ADMIN, BASE, admin, assert_400, group, hook, room_summary, send, user_ref,
};
use crate::api::rooms::{
    AddMember, CreateRoom, DeleteRoom, GetAllMembers, GetAllRooms, GetRoom, GetRoomStatistics,
    RemoveMember, UpdateRoom,
};
use crate::fake::FakeHipChat;
use crate::fake::tests::api_error;
use crate::fake::tests::call;
use crate::model::{MessageType, Privacy, RoomRole, Scope};

// ----- create_room -----

#[test]
fn create_room_sets_every_field_and_answers_201_with_id_and_link() {
    let (fake, alice, _) = group(&[]);
    let client = fake.client();
    let created = send(
        &client,
        &CreateRoom::new("Incidents")
            .privacy(Privacy::Private)
            .topic("Sev1 only")
            .delegate_admin_visibility(true)
            .owner_user_id("@alice")
            .guest_access(true),
    )
    .unwrap();
    assert_eq!(
        created.links.self_link.as_deref(),
        Some(format!("{BASE}/room/{}", created.id).as_str())
    );
    let room = fake.room(created.id).unwrap();
    assert_eq!(room.name, "Incidents");
    assert_eq!(room.privacy, Some(Privacy::Private));
    assert_eq!(room.topic.as_deref(), Some("Sev1 only"));
    assert_eq!(room.delegate_admin_visibility, Some(true));
    assert_eq!(room.is_guest_accessible, Some(true));
    assert!(room.guest_access_url.is_some());
    assert_eq!(room.is_archived, Some(false));
    assert_eq!(room.owner.unwrap().id, alice);
    assert_eq!(
        room.links.members,
        Some(format!("{BASE}/room/{}/member", created.id))
    );
    // The owner of a private room is its first member.
    let members = send(&client, &GetAllMembers::new(created.id)).unwrap();
    let ids: Vec<u64> = members.items.iter().map(|u| u.id).collect();
    assert_eq!(ids, vec![alice]);
}

#[test]
fn create_room_defaults_to_a_public_room_owned_by_the_caller() {
    let (fake, alice, _) = group(&[Scope::ManageRooms]);
    let created = send(
        &fake.client_with_token("alice-token"),
        &CreateRoom::new("Lobby"),
    )
    .unwrap();
    let room = fake.room("lobby").unwrap();
    assert_eq!(room.id, created.id);
    assert_eq!(room.privacy, Some(Privacy::Public));
    assert_eq!(room.topic.as_deref(), Some(""));
    assert_eq!(room.is_guest_accessible, Some(false));
    assert_eq!(room.delegate_admin_visibility, None);
    assert_eq!(room.owner.unwrap().id, alice);
    assert_eq!(room.links.members, None);
    assert_eq!(fake.requests(), vec!["POST /v2/room -> 201"]);
}

#[test]
fn create_room_takes_the_owner_by_id_email_or_mention_and_null_for_nullable_fields() {
    let (fake, alice, bob) = group(&[]);
    for (name, owner) in [
        ("a", json!(alice)),
        ("b", json!(bob.to_string())),
        ("c", json!("alice@example.com")),
        ("d", json!("@BOB")),
    ] {
        let body = json!({"name": name, "owner_user_id": owner, "topic": null, "delegate_admin_visibility": null});
        let (status, json) = admin(&fake, Method::POST, "/room", Some(body));
        assert_eq!(status, 201, "{json}");
    }
    let owners: Vec<u64> = fake
        .rooms()
        .iter()
        .map(|r| r.owner.as_ref().unwrap().id)
        .collect();
    assert_eq!(owners, vec![alice, bob, alice, bob]);
    assert!(fake.rooms().iter().all(|r| r.topic.as_deref() == Some("")));
}

#[test]
fn create_room_refuses_what_the_server_refused() {
    let fake = FakeHipChat::new();
    fake.add_room("Ops");
    let cases = [
        (json!({}), "Missing required field: name"),
        (
            json!({"name": null}),
            "name is required and may not be null",
        ),
        (json!({"name": 7}), "name must be a string, not a number"),
        (
            json!({"name": ""}),
            "name must be 1 to 50 characters long (got 0)",
        ),
        (json!({"name": "n".repeat(51)}), "(got 51)"),
        (json!({"name": "OPS"}), "Another room exists with that name"),
        (
            json!({"name": "x", "privacy": "secret"}),
            "privacy must be one of public, private (got \"secret\")",
        ),
        (
            json!({"name": "x", "privacy": null}),
            "privacy may not be null; leave it out instead",
        ),
        (
            json!({"name": "x", "topic": "t".repeat(251)}),
            "topic must be 0 to 250 characters long (got 251)",
        ),
        (
            json!({"name": "x", "topic": 3}),
            "topic must be a string, not a number",
        ),
        (
            json!({"name": "x", "guest_access": "yes"}),
            "guest_access must be true or false, not a string",
        ),
        (
            json!({"name": "x", "guest_access": null}),
            "guest_access may not be null; leave it out instead",
        ),
        (
            json!({"name": "x", "delegate_admin_visibility": 1}),
            "delegate_admin_visibility must be true or false, not a number",
        ),
        (
            json!({"name": "x", "owner_user_id": "@nobody"}),
            "owner_user_id names no user of this group: @nobody",
        ),
        (json!({"name": "x", "owner_user_id": 999}), "names no user"),
        (
            json!({"name": "x", "owner_user_id": null}),
            "owner_user_id may not be null; leave it out instead",
        ),
        (
            json!({"name": "x", "owner_user_id": true}),
            "owner_user_id must be a user id, e-mail or @mention, not a boolean",
        ),
        (json!(["x"]), "must be a JSON object"),
    ];
    for (body, needle) in cases {
        assert_400(&fake, Method::POST, "/room", body, needle);
    }
    let (status, _, json) = call(&fake, Method::POST, &format!("{BASE}/room"), ADMIN, None);
    assert_eq!(status, 400, "{json}");
    assert_eq!(fake.rooms().len(), 1);
    // 50 characters, counted as characters rather than bytes, are fine.
    let (status, _) = admin(
        &fake,
        Method::POST,
        "/room",
        Some(json!({"name": "é".repeat(50)})),
    );
    assert_eq!(status, 201);
}

#[test]
fn create_room_needs_manage_rooms() {
    let (fake, _, _) = group(&[Scope::AdminRoom, Scope::ViewGroup]);
    let (status, message) = api_error(send(
        &fake.client_with_token("alice-token"),
        &CreateRoom::new("Ops"),
    ));
    assert_eq!(status, 403);
    assert!(message.contains("manage_rooms"), "{message}");
    assert!(fake.rooms().is_empty());
}

// ----- get_all_rooms and get_room -----

#[test]
fn private_rooms_are_listed_for_members_owners_group_admins_and_admin_room_tokens() {
    let (fake, alice, bob) = group(&[Scope::ViewGroup]);
    fake.add_room("Public");
    fake.add_private_room("Secret", FakeHipChat::ADMIN_ID, &[alice]);
    fake.add_private_room("Bobs", bob, &[]);
    fake.add_token("room-admin", bob, &[Scope::AdminRoom, Scope::ViewRoom]);
    let names = |token: &str, request: GetAllRooms| -> Vec<String> {
        send(&fake.client_with_token(token), &request)
            .unwrap()
            .items
            .into_iter()
            .map(|r| r.name)
            .collect()
    };
    assert_eq!(
        names("alice-token", GetAllRooms::new()),
        ["Public", "Secret"]
    );
    assert_eq!(names("bob-token", GetAllRooms::new()), ["Public", "Bobs"]);
    assert_eq!(
        names("room-admin", GetAllRooms::new()),
        ["Public", "Secret", "Bobs"]
    );
    assert_eq!(
        names(FakeHipChat::ADMIN_TOKEN, GetAllRooms::new()),
        ["Public", "Secret", "Bobs"]
    );
    assert_eq!(
        names(
            FakeHipChat::ADMIN_TOKEN,
            GetAllRooms::new().include_private(false)
        ),
        ["Public"]
    );
    // A private room one cannot list cannot be read either.
    let (status, message) = api_error(send(
        &fake.client_with_token("bob-token"),
        &GetRoom::new("Secret"),
    ));
    assert_eq!(status, 403);
    assert!(message.contains("Secret"), "{message}");
    assert_eq!(
        send(
            &fake.client_with_token("alice-token"),
            &GetRoom::new("secret")
        )
        .unwrap()
        .name,
        "Secret"
    );
}

#[test]
fn get_all_rooms_leaves_archived_rooms_out_unless_asked_and_expands_items() {
    let fake = FakeHipChat::new();
    fake.add_room("Live");
    let old = fake.add_room("Old");
    let body = json!({"name": "Old", "privacy": "public", "is_archived": true,
        "is_guest_accessible": false, "topic": "", "owner": {"id": 1}});
    assert_eq!(
        admin(&fake, Method::PUT, &format!("/room/{old}"), Some(body)).0,
        204
    );
    let client = fake.client();
    let page = send(&client, &GetAllRooms::new()).unwrap();
    assert_eq!(page.items.len(), 1);
    let page = send(&client, &GetAllRooms::new().include_archived(true)).unwrap();
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.items[1].is_archived, Some(true));

    let (status, json) = admin(&fake, Method::GET, "/room?expand=items&max-results=1", None);
    assert_eq!(status, 200);
    assert_eq!(json["items"][0]["xmpp_jid"], "1_live@conf.hipchat.fake");
    assert_eq!(json["items"][0]["owner"]["id"], 1);
    assert_eq!(
        json["links"]["self"],
        format!(
            "{BASE}/room?include-private=true&include-archived=false&expand=items&start-index=0&max-results=1"
        )
    );
    let (status, json) = admin(&fake, Method::GET, "/room?include-archived=maybe", None);
    assert_eq!(status, 400, "{json}");
}

#[test]
fn get_room_answers_the_full_room_and_404_for_unknown_rooms() {
    let fake = FakeHipChat::new();
    let alice = fake.add_user("Alice Example", "alice", "alice@example.com");
    let id = fake.add_room("Ops & Deploys");
    fake.enter_room(id, alice);
    let client = fake.client();
    let room = send(&client, &GetRoom::new("Ops & Deploys")).unwrap();
    assert_eq!(room.id, id);
    assert_eq!(
        room.xmpp_jid.as_deref(),
        Some("1_ops_&_deploys@conf.hipchat.fake")
    );
    assert_eq!(
        room.created.as_deref(),
        Some("2019-01-01T00:00:00.000000+00:00")
    );
    assert_eq!(room.owner.as_ref().unwrap().id, FakeHipChat::ADMIN_ID);
    assert_eq!(room.participants.len(), 1);
    assert_eq!(room.participants[0].mention_name, "alice");
    assert_eq!(
        room.statistics.as_ref().unwrap().links.self_link,
        Some(format!("{BASE}/room/{id}/statistics"))
    );
    assert_eq!(room, fake.room(id).unwrap());
    let (status, message) = api_error(send(&client, &GetRoom::new("Nope")));
    assert_eq!((status, message.as_str()), (404, "Room not found: Nope"));
}

// ----- update_room -----

fn full_update(name: &str, privacy: &str, archived: bool, topic: &str, owner: Value) -> Value {
    json!({"name": name, "privacy": privacy, "is_archived": archived,
        "is_guest_accessible": false, "topic": topic, "owner": {"id": owner}})
}

#[test]
fn update_room_replaces_the_settings_and_fires_topic_and_archive_events() {
    let (fake, alice, _) = group(&[]);
    let id = fake.add_room("Ops");
    let topic_hook = hook(&fake, "Ops", "room_topic_change");
    let archive_hook = hook(&fake, "Ops", "room_archived");
    let unarchive_hook = hook(&fake, "Ops", "room_unarchived");
    let client = fake.client();
    send(
        &client,
        &UpdateRoom::new(
            "ops",
            "Operations",
            Privacy::Private,
            true,
            true,
            "On call: Alice",
            "@alice",
        )
        .delegate_admin_visibility(false),
    )
    .unwrap();
    let room = fake.room(id).unwrap();
    assert_eq!(room.name, "Operations");
    assert_eq!(room.privacy, Some(Privacy::Private));
    assert_eq!(room.is_archived, Some(true));
    assert_eq!(room.is_guest_accessible, Some(true));
    assert_eq!(room.topic.as_deref(), Some("On call: Alice"));
    assert_eq!(room.delegate_admin_visibility, Some(false));
    assert_eq!(room.owner.as_ref().unwrap().id, alice);
    assert_ne!(room.version.as_deref(), Some("00000001"));
    // The new owner of a private room is a member.
    let members = send(&client, &GetAllMembers::new(id)).unwrap();
    assert_eq!(
        members.items.iter().map(|u| u.id).collect::<Vec<_>>(),
        vec![alice]
    );
    // The topic change is in the history, from the caller.
    let history = fake.room_history(id);
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].message_type, Some(MessageType::Topic));
    assert_eq!(history[0].message.as_deref(), Some("On call: Alice"));

    let deliveries = fake.webhook_deliveries();
    assert_eq!(deliveries.len(), 2);
    let admin_ref = user_ref(&fake, FakeHipChat::ADMIN_ID);
    let summary = room_summary(&fake, "Operations");
    assert_eq!(deliveries[0].webhook_id, topic_hook);
    assert_eq!(
        deliveries[0].url,
        "https://hooks.example.com/room_topic_change"
    );
    assert_eq!(
        deliveries[0].payload,
        json!({"event": "room_topic_change", "webhook_id": topic_hook,
            "item": {"sender": admin_ref, "topic": "On call: Alice", "room": summary}})
    );
    assert_eq!(
        deliveries[1].payload,
        json!({"event": "room_archived", "webhook_id": archive_hook,
            "item": {"sender": admin_ref, "room": summary}})
    );

    // Unarchiving with the same topic fires only room_unarchived; a null
    // delegate_admin_visibility restores the group default.
    let mut body = full_update(
        "Operations",
        "private",
        false,
        "On call: Alice",
        json!(alice),
    );
    body["delegate_admin_visibility"] = Value::Null;
    assert_eq!(
        admin(&fake, Method::PUT, &format!("/room/{id}"), Some(body)).0,
        204
    );
    let deliveries = fake.webhook_deliveries();
    assert_eq!(deliveries.len(), 3);
    assert_eq!(
        deliveries[2].payload,
        json!({"event": "room_unarchived", "webhook_id": unarchive_hook,
            "item": {"sender": admin_ref, "room": room_summary(&fake, "Operations")}})
    );
    assert_eq!(deliveries[2].payload["item"]["room"]["is_archived"], false);
    let room = fake.room(id).unwrap();
    assert_eq!(room.delegate_admin_visibility, None);
    assert_eq!(room.is_archived, Some(false));
    assert_eq!(fake.room_history(id).len(), 1);
}

#[test]
fn update_room_requires_every_field_of_the_full_replacement() {
    let (fake, _, _) = group(&[]);
    fake.add_room("Ops");
    fake.add_room("Dev");
    let good = full_update("Ops", "public", false, "", json!(1));
    for field in [
        "name",
        "privacy",
        "is_archived",
        "is_guest_accessible",
        "topic",
        "owner",
    ] {
        let mut body = good.clone();
        body.as_object_mut().unwrap().remove(field);
        assert_400(
            &fake,
            Method::PUT,
            "/room/Ops",
            body,
            &format!("Missing required field: {field}"),
        );
        let mut body = good.clone();
        body[field] = Value::Null;
        assert_400(
            &fake,
            Method::PUT,
            "/room/Ops",
            body,
            &format!("{field} is required and may not be null"),
        );
    }
    let cases = [
        (
            json!({"name": ""}),
            "name must be 1 to 50 characters long (got 0)",
        ),
        (json!({"name": "DEV"}), "Another room exists with that name"),
        (
            json!({"privacy": "hidden"}),
            "privacy must be one of public, private (got \"hidden\")",
        ),
        (
            json!({"is_archived": "false"}),
            "is_archived must be true or false, not a string",
        ),
        (
            json!({"is_guest_accessible": 0}),
            "is_guest_accessible must be true or false, not a number",
        ),
        (
            json!({"topic": "t".repeat(251)}),
            "topic must be 0 to 250 characters long (got 251)",
        ),
        (
            json!({"owner": "@alice"}),
            "owner must be an object, not a string",
        ),
        (json!({"owner": {}}), "Missing required field: owner.id"),
        (
            json!({"owner": {"id": "@ghost"}}),
            "owner.id names no user of this group: @ghost",
        ),
        (
            json!({"delegate_admin_visibility": "no"}),
            "delegate_admin_visibility must be true or false, not a string",
        ),
    ];
    for (change, needle) in cases {
        let mut body = good.clone();
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        assert_400(&fake, Method::PUT, "/room/Ops", body, needle);
    }
    // Renaming a room to its own name in another case is fine.
    assert_eq!(
        admin(
            &fake,
            Method::PUT,
            "/room/Ops",
            Some(full_update("OPS", "public", false, "", json!(1)))
        )
        .0,
        204
    );
    assert_eq!(fake.room("ops").unwrap().name, "OPS");
    let (status, _) = admin(&fake, Method::PUT, "/room/Nope", Some(good));
    assert_eq!(status, 404);
}

#[test]
fn update_room_with_a_user_token_needs_the_owner_or_a_group_admin() {
    let (fake, alice, _) = group(&[Scope::AdminRoom]);
    fake.add_room("Ops");
    let update = UpdateRoom::new(
        "Ops",
        "Ops",
        Privacy::Public,
        false,
        false,
        "mine",
        "@alice",
    );
    let (status, message) = api_error(send(&fake.client_with_token("alice-token"), &update));
    assert_eq!(
        (status, message.as_str()),
        (403, "You must be a room admin to update this room")
    );
    assert_eq!(fake.room("Ops").unwrap().topic.as_deref(), Some(""));
    // Once the owner, alice may update it.
    send(&fake.client(), &update).unwrap();
    let update = UpdateRoom::new(
        "Ops",
        "Ops",
        Privacy::Public,
        false,
        false,
        "still mine",
        alice,
    );
    send(&fake.client_with_token("alice-token"), &update).unwrap();
    assert_eq!(
        fake.room("Ops").unwrap().topic.as_deref(),
        Some("still mine")
    );
}

#[test]
fn room_admins_may_update_a_private_room_until_their_role_is_taken_away() {
    let (fake, _, bob) = group(&[Scope::AdminRoom]);
    fake.add_private_room("Secret", FakeHipChat::ADMIN_ID, &[bob]);
    let client = fake.client();
    let bob_client = fake.client_with_token("bob-token");
    let update = |topic: &str| {
        UpdateRoom::new(
            "Secret",
            "Secret",
            Privacy::Private,
            false,
            false,
            topic,
            1u64,
        )
    };
    assert_eq!(api_error(send(&bob_client, &update("bob was here"))).0, 403);
    send(
        &client,
        &AddMember::new("Secret", bob).room_roles([RoomRole::RoomAdmin]),
    )
    .unwrap();
    send(&bob_client, &update("bob was here")).unwrap();
    assert_eq!(
        fake.room("Secret").unwrap().topic.as_deref(),
        Some("bob was here")
    );
    // Adding again without roles makes bob a plain member.
    send(&client, &AddMember::new("Secret", bob)).unwrap();
    assert_eq!(api_error(send(&bob_client, &update("again"))).0, 403);
    // Removing a member takes the role away too.
    send(
        &client,
        &AddMember::new("Secret", bob).room_roles([RoomRole::RoomAdmin]),
    )
    .unwrap();
    send(&client, &RemoveMember::new("Secret", bob)).unwrap();
    send(
        &client,
        &AddMember::new("Secret", bob).room_roles([RoomRole::RoomMember]),
    )
    .unwrap();
    assert_eq!(api_error(send(&bob_client, &update("again"))).0, 403);
    assert!(fake.lock().rooms.values().all(|r| r.admins.is_empty()));
}

// ----- delete_room -----

#[test]
fn delete_room_fires_room_deleted_then_removes_the_room_its_webhooks_and_tokens() {
    let fake = FakeHipChat::new();
    let id = fake.add_room("Ops");
    fake.add_room("Dev");
    let deleted_hook = hook(&fake, "Ops", "room_deleted");
    let dev_hook = hook(&fake, "Dev", "room_deleted");
    fake.add_room_token("ops-token", "Ops", &[Scope::SendNotification]);
    let summary = room_summary(&fake, "Ops");
    let client = fake.client();
    send(&client, &DeleteRoom::new("Ops")).unwrap();
    assert!(fake.room(id).is_none());
    assert_eq!(fake.rooms().len(), 1);
    let deliveries = fake.webhook_deliveries();
    assert_eq!(deliveries.len(), 1);
    assert_eq!(
        deliveries[0].payload,
        json!({"event": "room_deleted", "webhook_id": deleted_hook,
            "item": {"sender": user_ref(&fake, FakeHipChat::ADMIN_ID), "room": summary}})
    );
    {
        let state = fake.lock();
        assert_eq!(
            state.webhooks.keys().copied().collect::<Vec<_>>(),
            vec![dev_hook]
        );
        assert!(!state.tokens.contains_key("ops-token"));
    }
    let (status, _) = api_error(send(&client, &DeleteRoom::new("Ops")));
    assert_eq!(status, 404);
    // A new room may take the name again.
    send(&client, &CreateRoom::new("Ops")).unwrap();
}

#[test]
fn delete_room_needs_manage_rooms() {
    let (fake, _, _) = group(&[Scope::AdminRoom]);
    fake.add_room("Ops");
    let (status, _) = api_error(send(
        &fake.client_with_token("alice-token"),
        &DeleteRoom::new("Ops"),
    ));
    assert_eq!(status, 403);
    assert!(fake.room("Ops").is_some());
}

// ----- statistics -----

#[test]
fn statistics_count_the_history_and_date_the_last_message() {
    let fake = FakeHipChat::new();
    let id = fake.add_room("Ops");
    let client = fake.client();
    let stats = send(&client, &GetRoomStatistics::new("Ops")).unwrap();
    assert_eq!(stats.messages_sent, 0);
    assert_eq!(stats.last_active, None);
    assert_eq!(
        stats.links.self_link,
        Some(format!("{BASE}/room/{id}/statistics"))
    );
    let (_, json) = admin(&fake, Method::GET, "/room/Ops/statistics", None);
    assert!(json["last_active"].is_null());

    fake.add_message("Ops", 1, "one");
    fake.add_notification("Ops", "CI", "two");
    let stats = send(&client, &GetRoomStatistics::new(id)).unwrap();
    assert_eq!(stats.messages_sent, 2);
    assert_eq!(
        stats.last_active.as_deref(),
        Some("2019-01-01T00:00:01.000000+00:00")
    );
    assert_eq!(
        api_error(send(&client, &GetRoomStatistics::new("Nope"))).0,
        404
    );
}
