//! The room methods, driven through the real client where it can express the request and
//! through raw requests for what it refuses to send.

use crate::fake::tests::api_error;

use futures_executor::block_on;
use http::Method;
use serde_json::{Value, json};

use crate::api::rooms::{
    AddMember, CreateRoom, DeleteRoom, DeleteRoomAvatar, GetAllMembers, GetAllParticipants,
    GetAllRooms, GetRoom, GetRoomAvatar, GetRoomStatistics, InviteUser, RemoveMember, SetTopic,
    UpdateRoom, UpdateRoomAvatar,
};
use crate::fake::FakeHipChat;
use crate::fake::state::{Owner, TokenRec};
use crate::fake::tests::call;
use crate::model::{MessageType, Privacy, RoomRole, Scope};
use crate::{Client, Error};

const ADMIN: Option<&str> = Some(FakeHipChat::ADMIN_TOKEN);
const BASE: &str = "https://hipchat.fake/v2";

/// A raw request with the admin token: status and JSON body.
fn admin(fake: &FakeHipChat, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let (status, _, json) = call(fake, method, &format!("{BASE}{path}"), ADMIN, body);
    (status, json)
}

/// Asserts a 400 whose message mentions `needle`.
fn assert_400(fake: &FakeHipChat, method: Method, path: &str, body: Value, needle: &str) {
    let (status, json) = admin(fake, method, path, Some(body.clone()));
    assert_eq!(status, 400, "{body} -> {json}");
    assert_eq!(json["error"]["type"], "Bad Request");
    let message = json["error"]["message"].as_str().unwrap();
    assert!(
        message.contains(needle),
        "{body}: {message:?} lacks {needle:?}"
    );
}

/// A group with users alice and bob, each with a token holding `scopes`.
fn group(scopes: &[Scope]) -> (FakeHipChat, u64, u64) {
    let fake = FakeHipChat::new();
    let alice = fake.add_user("Alice Example", "alice", "alice@example.com");
    let bob = fake.add_user("Bob Example", "bob", "bob@example.com");
    fake.add_token("alice-token", alice, scopes);
    fake.add_token("bob-token", bob, scopes);
    (fake, alice, bob)
}

/// Registers a webhook for `event` on `room` directly in the state; its id.
fn hook(fake: &FakeHipChat, room: &str, event: &str) -> u64 {
    let (status, json) = admin(
        fake,
        Method::POST,
        &format!("/room/{room}/webhook"),
        Some(json!({"url": format!("https://hooks.example.com/{event}"), "event": event})),
    );
    assert_eq!(status, 201, "{json}");
    json["id"].as_u64().unwrap()
}

/// The user reference the fake renders for `id`.
fn user_ref(fake: &FakeHipChat, id: u64) -> Value {
    let user = fake.user(id).unwrap();
    let version = format!("{:08X}", fake.lock().users[&id].version);
    json!({
        "id": id,
        "name": user.name,
        "mention_name": user.mention_name,
        "version": version,
        "links": {"self": format!("{BASE}/user/{id}")},
    })
}

/// The room summary the fake renders in payloads for `room`.
fn room_summary(fake: &FakeHipChat, room: &str) -> Value {
    let room = fake.room(room).unwrap();
    let id = room.id;
    let mut links = json!({
        "self": format!("{BASE}/room/{id}"),
        "participants": format!("{BASE}/room/{id}/participant"),
        "webhooks": format!("{BASE}/room/{id}/webhook"),
    });
    if room.privacy == Some(Privacy::Private) {
        links["members"] = json!(format!("{BASE}/room/{id}/member"));
    }
    json!({
        "id": id,
        "name": room.name,
        "privacy": room.privacy,
        "is_archived": room.is_archived,
        "version": room.version,
        "links": links,
    })
}

fn send<E: crate::Endpoint>(client: &Client, endpoint: &E) -> Result<E::Response, Error> {
    block_on(client.send(endpoint))
}

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
        (json!({}), "Missing required field 'name'"),
        (json!({"name": null}), "'name' must not be null"),
        (json!({"name": 7}), "'name' must be a string"),
        (
            json!({"name": ""}),
            "'name' must be 1 to 50 characters long (got 0)",
        ),
        (json!({"name": "n".repeat(51)}), "(got 51)"),
        (json!({"name": "OPS"}), "Another room exists with that name"),
        (
            json!({"name": "x", "privacy": "secret"}),
            "'privacy' must be one of public, private",
        ),
        (
            json!({"name": "x", "privacy": null}),
            "'privacy' must be left out rather than sent as null",
        ),
        (
            json!({"name": "x", "topic": "t".repeat(251)}),
            "'topic' must be 0 to 250 characters long (got 251)",
        ),
        (json!({"name": "x", "topic": 3}), "'topic' must be a string"),
        (
            json!({"name": "x", "guest_access": "yes"}),
            "'guest_access' must be true or false",
        ),
        (
            json!({"name": "x", "guest_access": null}),
            "'guest_access' must be left out",
        ),
        (
            json!({"name": "x", "delegate_admin_visibility": 1}),
            "'delegate_admin_visibility' must be true or false",
        ),
        (
            json!({"name": "x", "owner_user_id": "@nobody"}),
            "'owner_user_id' names no user of this group: @nobody",
        ),
        (json!({"name": "x", "owner_user_id": 999}), "names no user"),
        (
            json!({"name": "x", "owner_user_id": null}),
            "'owner_user_id' must be left out",
        ),
        (
            json!({"name": "x", "owner_user_id": true}),
            "'owner_user_id' must be a user id, e-mail or @mention",
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
            &format!("Missing required field '{field}'"),
        );
        let mut body = good.clone();
        body[field] = Value::Null;
        assert_400(
            &fake,
            Method::PUT,
            "/room/Ops",
            body,
            &format!("'{field}' must not be null"),
        );
    }
    let cases = [
        (
            json!({"name": ""}),
            "'name' must be 1 to 50 characters long",
        ),
        (json!({"name": "DEV"}), "Another room exists with that name"),
        (
            json!({"privacy": "hidden"}),
            "'privacy' must be one of public, private",
        ),
        (
            json!({"is_archived": "false"}),
            "'is_archived' must be true or false",
        ),
        (
            json!({"is_guest_accessible": 0}),
            "'is_guest_accessible' must be true or false",
        ),
        (
            json!({"topic": "t".repeat(251)}),
            "'topic' must be 0 to 250 characters long",
        ),
        (json!({"owner": "@alice"}), "'owner' must be an object"),
        (json!({"owner": {}}), "Missing required field 'owner.id'"),
        (
            json!({"owner": {"id": "@ghost"}}),
            "'owner.id' names no user",
        ),
        (
            json!({"delegate_admin_visibility": "no"}),
            "'delegate_admin_visibility' must be true or false",
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

// ----- avatars -----

#[test]
fn room_avatars_redirect_once_set_and_404_otherwise() {
    let fake = FakeHipChat::new();
    let id = fake.add_room("Ops");
    let client = fake.client();
    let (status, message) = api_error(send(&client, &GetRoomAvatar::new("Ops")));
    assert_eq!((status, message.as_str()), (404, "Room Ops has no avatar"));

    send(&client, &UpdateRoomAvatar::new("Ops", "iVBORw0KGgo=")).unwrap();
    let avatar_url = fake.room(id).unwrap().avatar_url.unwrap();
    let redirect = send(&client, &GetRoomAvatar::new("Ops")).unwrap();
    assert_eq!(redirect.status.as_u16(), 302);
    assert_eq!(redirect.location, avatar_url);
    // A new image gets a new URL.
    send(
        &client,
        &UpdateRoomAvatar::new("Ops", "R0lGODlhAQABAAAAACw="),
    )
    .unwrap();
    assert_ne!(fake.room(id).unwrap().avatar_url.unwrap(), avatar_url);

    send(&client, &DeleteRoomAvatar::new("Ops")).unwrap();
    assert_eq!(fake.room(id).unwrap().avatar_url, None);
    assert_eq!(api_error(send(&client, &GetRoomAvatar::new("Ops"))).0, 404);
    // Deleting when there is none is harmless.
    send(&client, &DeleteRoomAvatar::new("Ops")).unwrap();
    assert_eq!(
        api_error(send(&client, &DeleteRoomAvatar::new("Nope"))).0,
        404
    );
}

#[test]
fn update_room_avatar_wants_base64_image_data() {
    let fake = FakeHipChat::new();
    fake.add_room("Ops");
    let path = "/room/Ops/avatar";
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({}),
        "Missing required field 'avatar'",
    );
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"avatar": null}),
        "'avatar' must not be null",
    );
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"avatar": 12}),
        "'avatar' must be a string",
    );
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"avatar": "not base64!"}),
        "base64",
    );
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"avatar": ""}),
        "'avatar' must not be empty",
    );
    assert_eq!(fake.room("Ops").unwrap().avatar_url, None);
}

// ----- invite_user -----

#[test]
fn invite_user_needs_a_user_token_and_makes_invitees_of_private_rooms_members() {
    let (fake, alice, bob) = group(&[Scope::AdminRoom]);
    fake.add_room("Public");
    let secret = fake.add_private_room("Secret", FakeHipChat::ADMIN_ID, &[]);
    let client = fake.client();
    send(
        &client,
        &InviteUser::new("Public", "@alice").reason("Incident"),
    )
    .unwrap();
    send(&client, &InviteUser::new("Secret", "bob@example.com")).unwrap();
    let members = send(&client, &GetAllMembers::new(secret)).unwrap();
    let ids: Vec<u64> = members.items.iter().map(|u| u.id).collect();
    assert_eq!(ids, vec![FakeHipChat::ADMIN_ID, bob]);
    // No body at all is fine too.
    let (status, _, _) = call(
        &fake,
        Method::POST,
        &format!("{BASE}/room/Secret/invite/{alice}"),
        ADMIN,
        None,
    );
    assert_eq!(status, 204);

    fake.lock().tokens.insert(
        "addon-token".to_owned(),
        TokenRec {
            owner: Owner::Client("addon".to_owned()),
            scopes: vec!["admin_room".to_owned()],
            expires: None,
            client_id: Some("addon".to_owned()),
        },
    );
    let (status, message) = api_error(send(
        &fake.client_with_token("addon-token"),
        &InviteUser::new("Public", "@bob"),
    ));
    assert_eq!(status, 403, "{message}");

    let path = "/room/Public/invite/@bob";
    assert_400(
        &fake,
        Method::POST,
        path,
        json!({"reason": ""}),
        "'reason' must be 1 to 250 characters long",
    );
    assert_400(
        &fake,
        Method::POST,
        path,
        json!({"reason": "r".repeat(251)}),
        "(got 251)",
    );
    assert_400(
        &fake,
        Method::POST,
        path,
        json!({"reason": null}),
        "'reason' must be left out",
    );
    assert_eq!(
        api_error(send(&client, &InviteUser::new("Public", "@ghost"))).0,
        404
    );
    assert_eq!(
        api_error(send(&client, &InviteUser::new("Nope", "@bob"))).0,
        404
    );
}

// ----- members -----

#[test]
fn members_of_private_rooms_are_listed_added_and_removed() {
    let (fake, alice, bob) = group(&[]);
    let id = fake.add_private_room("Secret", alice, &[]);
    let hook_id = hook(&fake, "Secret", "room_exit");
    let client = fake.client();
    send(
        &client,
        &AddMember::new("Secret", "@bob").room_roles([RoomRole::RoomAdmin]),
    )
    .unwrap();
    send(&client, &AddMember::new("Secret", FakeHipChat::ADMIN_ID)).unwrap();
    let page = send(&client, &GetAllMembers::new("Secret").max_results(2)).unwrap();
    assert_eq!(
        page.items.iter().map(|u| u.id).collect::<Vec<_>>(),
        vec![FakeHipChat::ADMIN_ID, alice]
    );
    assert_eq!(page.items[1].mention_name, "alice");
    assert_eq!(
        page.links.next,
        Some(format!(
            "{BASE}/room/{id}/member?start-index=2&max-results=2"
        ))
    );
    let page = send(&client, &GetAllMembers::new("Secret").start_index(2)).unwrap();
    assert_eq!(
        page.items.iter().map(|u| u.id).collect::<Vec<_>>(),
        vec![bob]
    );

    // Removing a member who is in the room makes them leave it.
    fake.enter_room("Secret", bob);
    send(&client, &RemoveMember::new("Secret", "@bob")).unwrap();
    let room = fake.room(id).unwrap();
    assert!(room.participants.is_empty());
    let deliveries = fake.webhook_deliveries();
    assert_eq!(deliveries.len(), 1);
    assert_eq!(
        deliveries[0].payload,
        json!({"event": "room_exit", "webhook_id": hook_id,
            "item": {"sender": user_ref(&fake, bob), "room": room_summary(&fake, "Secret")}})
    );
    let (status, message) = api_error(send(&client, &RemoveMember::new("Secret", "@bob")));
    assert_eq!(status, 404);
    assert!(message.contains("not a member"), "{message}");
    let (status, message) = api_error(send(&client, &RemoveMember::new("Secret", "@alice")));
    assert_eq!(status, 400);
    assert!(message.contains("owner"), "{message}");
    assert_eq!(
        api_error(send(&client, &RemoveMember::new("Secret", "@ghost"))).0,
        404
    );
}

#[test]
fn member_methods_refuse_public_rooms_and_bad_roles() {
    let (fake, _, _) = group(&[]);
    fake.add_room("Public");
    fake.add_private_room("Secret", FakeHipChat::ADMIN_ID, &[]);
    let client = fake.client();
    for result in [
        send(&client, &AddMember::new("Public", "@bob")).map(|_| ()),
        send(&client, &RemoveMember::new("Public", "@bob")).map(|_| ()),
        send(&client, &GetAllMembers::new("Public")).map(|_| ()),
    ] {
        let (status, message) = api_error(result);
        assert_eq!(status, 400);
        assert_eq!(
            message,
            "Room Public is public: only private rooms have members"
        );
    }
    let path = "/room/Secret/member/@bob";
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"room_roles": ["room_owner"]}),
        "'room_roles' must be one of room_admin, room_member",
    );
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"room_roles": "room_admin"}),
        "'room_roles' must be a list",
    );
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"room_roles": null}),
        "'room_roles' must be left out",
    );
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"room_roles": [1]}),
        "'room_roles' must be a string",
    );
    assert_eq!(
        admin(&fake, Method::PUT, "/room/Secret/member/@ghost", None).0,
        404
    );
    assert_eq!(
        fake.lock()
            .rooms
            .values()
            .map(|r| r.members.len())
            .sum::<usize>(),
        1
    );
    // An empty body adds a plain member.
    assert_eq!(admin(&fake, Method::PUT, path, None).0, 204);
}

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
        "Missing required field 'topic'",
    );
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"topic": null}),
        "'topic' must not be null",
    );
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"topic": 5}),
        "'topic' must be a string",
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

#[test]
fn an_addon_changing_the_topic_is_the_sender_as_an_oauth_client() {
    let fake = FakeHipChat::new();
    fake.add_room("Ops");
    hook(&fake, "Ops", "room_topic_change");
    fake.add_oauth_client("client-1", "secret", &[Scope::AdminRoom]);
    fake.lock().tokens.insert(
        "addon-token".to_owned(),
        TokenRec {
            owner: Owner::Client("client-1".to_owned()),
            scopes: vec!["admin_room".to_owned()],
            expires: None,
            client_id: Some("client-1".to_owned()),
        },
    );
    send(
        &fake.client_with_token("addon-token"),
        &SetTopic::new("Ops", "Automated"),
    )
    .unwrap();
    let sender = &fake.webhook_deliveries()[0].payload["item"]["sender"];
    assert_eq!(
        *sender,
        json!({"id": "client-1", "name": "client-1 add-on", "allowed_scopes": ["admin_room"], "links": {}})
    );
    let history = fake.room_history("Ops");
    assert_eq!(
        history[0].from.as_ref().map(|f| f.display_name()),
        Some("client-1 add-on")
    );
    assert!(history[0].from.as_ref().unwrap().user().is_none());
}

/// What the fake delivers decodes with the crate's own add-on event types.
#[cfg(feature = "addon")]
#[test]
fn deliveries_decode_as_addon_events() {
    use crate::addon::events::{Event, parse_event};

    let (fake, alice, _) = group(&[]);
    fake.add_room("Ops");
    for event in [
        "room_enter",
        "room_topic_change",
        "room_archived",
        "room_deleted",
    ] {
        hook(&fake, "Ops", event);
    }
    fake.enter_room("Ops", alice);
    let client = fake.client();
    send(&client, &SetTopic::new("Ops", "Go")).unwrap();
    send(
        &client,
        &UpdateRoom::new("Ops", "Ops", Privacy::Public, true, false, "Go", 1u64),
    )
    .unwrap();
    send(&client, &DeleteRoom::new("Ops")).unwrap();
    let deliveries = fake.webhook_deliveries();
    assert_eq!(deliveries.len(), 4);
    for delivery in &deliveries {
        let parsed = parse_event(&serde_json::to_vec(&delivery.payload).unwrap()).unwrap();
        assert_eq!(parsed.webhook_id, delivery.webhook_id);
        assert_eq!(parsed.room().unwrap().name, "Ops");
        match &parsed.event {
            Event::RoomEnter(item) => assert_eq!(item.sender.id, alice),
            Event::RoomTopicChange(item) => {
                assert_eq!(item.topic, "Go");
                assert_eq!(item.sender.user().unwrap().id, FakeHipChat::ADMIN_ID);
            }
            Event::RoomArchived(item) | Event::RoomDeleted(item) => {
                assert_eq!(
                    item.sender().and_then(|s| s.user()).unwrap().id,
                    FakeHipChat::ADMIN_ID
                );
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}

// ----- inspection -----

#[test]
fn rooms_and_room_decode_every_kind_of_room() {
    let (fake, alice, _) = group(&[]);
    let client = fake.client();
    send(
        &client,
        &CreateRoom::new("Guests")
            .guest_access(true)
            .delegate_admin_visibility(false),
    )
    .unwrap();
    send(
        &client,
        &CreateRoom::new("Secret")
            .privacy(Privacy::Private)
            .owner_user_id(alice),
    )
    .unwrap();
    send(&client, &UpdateRoomAvatar::new("Secret", "iVBORw0KGgo=")).unwrap();
    fake.enter_room("Guests", alice);
    let rooms = fake.rooms();
    assert_eq!(rooms.len(), 2);
    assert!(rooms[0].guest_access_url.is_some());
    assert_eq!(rooms[0].participants.len(), 1);
    assert!(rooms[1].avatar_url.is_some());
    assert_eq!(fake.room("SECRET").unwrap(), rooms[1]);
}
