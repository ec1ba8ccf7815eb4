//! The message routes driven through the real client (typed endpoints) and through raw
//! requests for what the client would refuse to send.

use futures_executor::block_on;
use http::Method;
use serde_json::Value;

use super::*;
use crate::HttpBackend;
use crate::api::rooms::{SendMessage, SendRoomNotification, ViewRoomHistory};
use crate::fake::FakeHipChat;
use crate::fake::state::{Owner, WebhookRec};
use crate::fake::tests::api_error;
use crate::model::{Message, MessageSender, Scope};

pub(super) use crate::fake::tests::admin;

pub(super) const BASE: &str = FakeHipChat::BASE_URL;
pub(super) const ADMIN: Option<&str> = Some(FakeHipChat::ADMIN_TOKEN);

/// A group with Alice and Bob, the public room "Ops", a token for Alice and an add-on token.
pub(super) fn world() -> (FakeHipChat, u64, u64) {
    let fake = FakeHipChat::new();
    let alice = fake.add_user("Alice Example", "alice", "alice@example.com");
    let bob = fake.add_user("Bob Example", "bob", "bob@example.com");
    fake.add_room("Ops");
    let scopes = [
        Scope::SendMessage,
        Scope::SendNotification,
        Scope::ViewMessages,
    ];
    fake.add_token("alice-token", alice, &scopes);
    fake.insert_token(
        "addon-token",
        Owner::Client("addon".to_owned()),
        &scopes,
        None,
    );
    (fake, alice, bob)
}

/// A raw request with any content type and body; the status and the JSON body (Null if none).
pub(super) fn raw(
    fake: &FakeHipChat,
    method: Method,
    path: &str,
    token: Option<&str>,
    content_type: Option<&str>,
    body: impl Into<Vec<u8>>,
) -> (u16, Value) {
    let mut builder = http::Request::builder()
        .method(method)
        .uri(format!("{BASE}{path}"));
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    if let Some(content_type) = content_type {
        builder = builder.header("content-type", content_type);
    }
    let response = block_on(fake.send(builder.body(body.into()).unwrap())).unwrap();
    let json = if response.body().is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(response.body()).unwrap()
    };
    (response.status().as_u16(), json)
}

/// Asserts a 400 with HipChat's error body whose message contains every one of `facts`.
#[track_caller]
pub(super) fn assert_400(answer: (u16, Value), facts: &[&str]) {
    let (status, body) = answer;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["code"], 400, "{body}");
    assert_eq!(body["error"]["type"], "Bad Request", "{body}");
    let message = body["error"]["message"].as_str().unwrap();
    for fact in facts {
        assert!(message.contains(fact), "{message:?} lacks {fact:?}");
    }
}

/// Registers a webhook on `room` directly in the state.
pub(super) fn hook(fake: &FakeHipChat, room: &str, event: &str, pattern: Option<&str>) -> u64 {
    let mut state = fake.lock();
    let room = state.find_room(room).unwrap();
    let id = state.next_id();
    let created = state.now;
    state.webhooks.insert(
        id,
        WebhookRec {
            id,
            room,
            name: None,
            key: None,
            event: event.to_owned(),
            pattern: pattern.map(str::to_owned),
            url: format!("https://hooks.example.com/{id}"),
            authentication: None,
            creator: Some(FakeHipChat::ADMIN_ID),
            created,
        },
    );
    id
}

/// Marks the message `id` of room `room` deleted (its body gone).
pub(super) fn delete_message(fake: &FakeHipChat, room: &str, id: &str) {
    let mut state = fake.lock();
    let room = state.find_room(room).unwrap();
    let record = state
        .rooms
        .get_mut(&room)
        .unwrap()
        .history
        .iter_mut()
        .find(|m| m.id == id)
        .unwrap();
    record.message = None;
}

pub(super) fn texts(messages: &[Message]) -> Vec<&str> {
    messages
        .iter()
        .map(|m| m.message.as_deref().unwrap_or("<deleted>"))
        .collect()
}

pub(super) fn label(message: &Message) -> &str {
    match message.from.as_ref().unwrap() {
        MessageSender::Label(label) => label,
        other => panic!("expected a label, got {other:?}"),
    }
}

pub(super) fn sender_id(message: &Message) -> u64 {
    message.from.as_ref().unwrap().user().unwrap().id
}

// ----- shared by every route -----

#[test]
fn mentions_are_whole_mention_names_of_existing_users() {
    let (fake, alice, bob) = world();
    let state = fake.lock();
    assert_eq!(mentions(&state, "@alice, @bob. @alice"), [alice, bob]);
    assert_eq!(mentions(&state, "mail alice@example.com or @@bob"), [bob]);
    assert!(mentions(&state, "@alicex @ nobody @").is_empty());
}

#[test]
fn the_module_example_flow_works_on_an_added_room() {
    let fake = FakeHipChat::new();
    fake.add_room("Ops");
    let client = fake.client();
    block_on(client.send(&SendRoomNotification::new("Ops", "Deploy done"))).unwrap();
    let history =
        block_on(client.send(&ViewRoomHistory::new("Ops").date("2030-01-01T00:00:00Z"))).unwrap();
    assert_eq!(history.items[0].message.as_deref(), Some("Deploy done"));
    assert_eq!(fake.room_history("Ops").len(), 1);
}

#[test]
fn posting_counts_against_flood_control() {
    let (fake, _, _) = world();
    fake.set_flood_limit(Some(1));
    let client = fake.client_with_token("alice-token");
    block_on(client.send(&SendMessage::new("Ops", "one"))).unwrap();
    assert_eq!(
        api_error(block_on(client.send(&SendMessage::new("Ops", "two")))).0,
        429
    );
    assert_eq!(fake.room_history("Ops").len(), 1);
}
