//! The room methods, driven through the real client where it can express the request and
//! through raw requests for what it refuses to send.

use futures_executor::block_on;
use http::Method;
use serde_json::{Value, json};

use crate::api::rooms::{CreateRoom, DeleteRoom, SetTopic, UpdateRoom, UpdateRoomAvatar};
use crate::fake::FakeHipChat;
use crate::fake::state::{Owner, TokenRec};
use crate::model::{Privacy, Scope};
use crate::{Client, Error};

pub(super) use crate::fake::tests::admin;

pub(super) const ADMIN: Option<&str> = Some(FakeHipChat::ADMIN_TOKEN);
pub(super) const BASE: &str = "https://hipchat.fake/v2";

/// Asserts a 400 whose message mentions `needle`.
pub(super) fn assert_400(
    fake: &FakeHipChat,
    method: Method,
    path: &str,
    body: Value,
    needle: &str,
) {
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
pub(super) fn group(scopes: &[Scope]) -> (FakeHipChat, u64, u64) {
    let fake = FakeHipChat::new();
    let alice = fake.add_user("Alice Example", "alice", "alice@example.com");
    let bob = fake.add_user("Bob Example", "bob", "bob@example.com");
    fake.add_token("alice-token", alice, scopes);
    fake.add_token("bob-token", bob, scopes);
    (fake, alice, bob)
}

/// Registers a webhook for `event` on `room` directly in the state; its id.
pub(super) fn hook(fake: &FakeHipChat, room: &str, event: &str) -> u64 {
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
pub(super) fn user_ref(fake: &FakeHipChat, id: u64) -> Value {
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
pub(super) fn room_summary(fake: &FakeHipChat, room: &str) -> Value {
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

pub(super) fn send<E: crate::Endpoint>(
    client: &Client,
    endpoint: &E,
) -> Result<E::Response, Error> {
    block_on(client.send(endpoint))
}

/// Makes `addon-token` a token of the add-on `client_id` holding `admin_room`.
pub(super) fn insert_addon_token(fake: &FakeHipChat, client_id: &str) {
    fake.lock().tokens.insert(
        "addon-token".to_owned(),
        TokenRec {
            owner: Owner::Client(client_id.to_owned()),
            scopes: vec!["admin_room".to_owned()],
            expires: None,
            client_id: Some(client_id.to_owned()),
        },
    );
}

// ----- who the events name as sender -----

#[test]
fn an_addon_changing_the_topic_is_the_sender_as_an_oauth_client() {
    let fake = FakeHipChat::new();
    fake.add_room("Ops");
    hook(&fake, "Ops", "room_topic_change");
    fake.add_oauth_client("client-1", "secret", &[Scope::AdminRoom]);
    insert_addon_token(&fake, "client-1");
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
