//! The message routes driven through the real client (typed endpoints) and through raw
//! requests for what the client would refuse to send.

use crate::fake::tests::api_error;

use futures_executor::block_on;
use http::Method;
use serde_json::{Value, json};

use super::*;
use crate::HttpBackend;
use crate::api::rooms::{
    GetRoomMessage, ReplyToMessage, SendMessage, SendRoomNotification, ShareFileWithRoom,
    ShareLinkWithRoom, ViewRecentRoomHistory, ViewRoomHistory,
};
use crate::api::users::{
    GetPrivatechatMessage, PrivateMessageUser, ShareFileWithUser, ShareLinkWithUser,
    ViewPrivatechatHistory, ViewRecentPrivatechatHistory,
};
use crate::fake::FakeHipChat;
use crate::fake::state::{Owner, WebhookRec};
use crate::fake::tests::call;
use crate::model::{
    Card, CardAttribute, CardAttributeStyle, CardAttributeValue, CardStyle, Color, FilePart,
    Message, MessageFormat, MessageSender, MessageType, Scope, Thumbnail,
};

const BASE: &str = FakeHipChat::BASE_URL;
const ADMIN: Option<&str> = Some(FakeHipChat::ADMIN_TOKEN);

/// A group with Alice and Bob, the public room "Ops", a token for Alice and an add-on token.
fn world() -> (FakeHipChat, u64, u64) {
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
fn raw(
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

/// A JSON request as the admin.
fn admin(fake: &FakeHipChat, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let (status, _, json) = call(fake, method, &format!("{BASE}{path}"), ADMIN, body);
    (status, json)
}

/// Asserts a 400 with HipChat's error body whose message contains every one of `facts`.
#[track_caller]
fn assert_400(answer: (u16, Value), facts: &[&str]) {
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
fn hook(fake: &FakeHipChat, room: &str, event: &str, pattern: Option<&str>) -> u64 {
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
fn delete_message(fake: &FakeHipChat, room: &str, id: &str) {
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

fn texts(messages: &[Message]) -> Vec<&str> {
    messages
        .iter()
        .map(|m| m.message.as_deref().unwrap_or("<deleted>"))
        .collect()
}

fn label(message: &Message) -> &str {
    match message.from.as_ref().unwrap() {
        MessageSender::Label(label) => label,
        other => panic!("expected a label, got {other:?}"),
    }
}

fn sender_id(message: &Message) -> u64 {
    message.from.as_ref().unwrap().user().unwrap().id
}

// ----- send_room_notification -----

#[test]
fn a_notification_is_recorded_with_every_field_and_answers_204() {
    let (fake, alice, _) = world();
    let card = Card::new(CardStyle::Application, "build-7", "Build #7 passed")
        .description("All tests passed")
        .url("https://ci.example.com/7")
        .thumbnail(Thumbnail::new("https://ci.example.com/t.png").width(64))
        .attribute(
            CardAttribute::new(
                CardAttributeValue::new("passed").style(CardAttributeStyle::LozengeSuccess),
            )
            .label("Status"),
        );
    let notification = SendRoomNotification::new("Ops", "Build #7 passed, thanks @alice")
        .color(Color::Green)
        .message_format(MessageFormat::Text)
        .notify(true)
        .from("CI")
        .card(card.clone());
    block_on(fake.client().send(&notification)).unwrap();
    assert_eq!(fake.requests(), ["POST /v2/room/Ops/notification -> 204"]);

    let history = fake.room_history("Ops");
    assert_eq!(history.len(), 1);
    let message = &history[0];
    assert_eq!(
        message.message.as_deref(),
        Some("Build #7 passed, thanks @alice")
    );
    assert_eq!(message.message_type, Some(MessageType::Notification));
    assert_eq!(label(message), "CI");
    assert_eq!(message.color, Some(Color::Green));
    assert_eq!(message.message_format, Some(MessageFormat::Text));
    assert_eq!(message.mentions.len(), 1);
    assert_eq!(message.mentions[0].id, alice);
    let stored: Card = serde_json::from_value(message.card.clone().unwrap()).unwrap();
    assert_eq!(stored, card);
    assert_eq!(message.date, "2019-01-01T00:00:00.000000+00:00");
}

#[test]
fn a_notification_defaults_to_yellow_html_without_label_or_mentions() {
    let (fake, _, _) = world();
    block_on(
        fake.client()
            .send(&SendRoomNotification::new("ops", "<b>hi</b> @alice")),
    )
    .unwrap();
    let message = &fake.room_history("Ops")[0];
    assert_eq!(message.color, Some(Color::Yellow));
    assert_eq!(message.message_format, Some(MessageFormat::Html));
    assert_eq!(label(message), "");
    assert!(
        message.mentions.is_empty(),
        "HTML gets no @mention processing"
    );
    assert!(message.card.is_none() && message.attach_to.is_none());
}

#[test]
fn a_random_colour_is_a_real_colour_picked_the_same_way_every_run() {
    let pick = || {
        let (fake, _, _) = world();
        for _ in 0..3 {
            let send = SendRoomNotification::new("Ops", "spin").color(Color::Random);
            block_on(fake.client().send(&send)).unwrap();
        }
        fake.room_history("Ops")
            .into_iter()
            .map(|m| m.color.unwrap())
            .collect::<Vec<_>>()
    };
    let first = pick();
    assert_eq!(first, pick());
    for color in &first {
        assert!(color.is_known() && *color != Color::Random, "{color:?}");
    }
}

#[test]
fn notification_fields_are_checked_like_the_server() {
    let (fake, _, _) = world();
    let post = |body: Value| admin(&fake, Method::POST, "/room/Ops/notification", Some(body));
    assert_400(post(json!({})), &["message", "required"]);
    assert_400(
        post(json!({"message": ""})),
        &["message", "1 to 10000", "not 0"],
    );
    assert_400(
        post(json!({"message": "x".repeat(10_001)})),
        &["message", "not 10001"],
    );
    post(json!({"message": "é".repeat(10_000)}));
    assert_400(post(json!({"message": 42})), &["message", "string"]);
    assert_400(
        post(json!({"message": "hi", "color": "pink"})),
        &["color", "pink", "yellow"],
    );
    assert_400(
        post(json!({"message": "hi", "color": null})),
        &["color", "null"],
    );
    assert_400(
        post(json!({"message": "hi", "message_format": "markdown"})),
        &["message_format", "markdown"],
    );
    assert_400(post(json!({"message": "hi", "notify": "yes"})), &["notify"]);
    assert_400(post(json!({"message": "hi", "notify": 1})), &["notify"]);
    assert_400(
        post(json!({"message": "hi", "notify": null})),
        &["notify", "null"],
    );
    assert_400(
        post(json!({"message": "hi", "from": null})),
        &["from", "null"],
    );
    assert_400(
        post(json!({"message": "hi", "from": "x".repeat(65)})),
        &["from", "0 to 64"],
    );
    assert_400(
        post(json!({"message": "hi", "attach_to": null})),
        &["attach_to", "null"],
    );
    assert_400(
        post(json!({"message": "hi", "card": null})),
        &["card", "null"],
    );
    assert_400(
        post(json!({"message": "hi", "card": "card"})),
        &["card", "object"],
    );
    assert_400(post(json!([1, 2])), &["object"]);
    let (status, body) = raw(
        &fake,
        Method::POST,
        "/room/Ops/notification",
        ADMIN,
        Some("application/json"),
        "{not json",
    );
    assert_400((status, body), &["Invalid JSON"]);
    // Strings for notify are accepted, as documented.
    assert_eq!(post(json!({"message": "hi", "notify": "true"})).0, 204);
    assert_eq!(post(json!({"message": "hi", "notify": "FALSE"})).0, 204);
    assert_eq!(
        fake.room_history("Ops").len(),
        3,
        "only the valid ones are recorded"
    );
}

#[test]
fn cards_are_checked_field_by_field() {
    let (fake, _, _) = world();
    let post = |card: Value| {
        admin(
            &fake,
            Method::POST,
            "/room/Ops/notification",
            Some(json!({"message": "fallback", "card": card})),
        )
    };
    let ok = json!({"style": "link", "id": "c1", "title": "Title"});
    let with = |key: &str, value: Value| {
        let mut card = ok.clone();
        card[key] = value;
        card
    };
    assert_eq!(post(ok.clone()).0, 204);
    assert_400(
        post(json!({"id": "c1", "title": "T"})),
        &["card.style", "required"],
    );
    assert_400(
        post(with("style", json!("poster"))),
        &["card.style", "poster", "application"],
    );
    assert_400(
        post(json!({"style": "link", "title": "T"})),
        &["card.id", "required"],
    );
    assert_400(post(with("id", json!(""))), &["card.id", "empty"]);
    assert_400(
        post(json!({"style": "link", "id": "c1"})),
        &["card.title", "required"],
    );
    assert_400(post(with("title", json!(""))), &["card.title", "1 to 500"]);
    assert_400(
        post(with("title", json!("t".repeat(501)))),
        &["card.title", "not 501"],
    );
    assert_400(post(with("url", Value::Null)), &["card.url", "null"]);
    assert_400(
        post(with("description", json!(""))),
        &["card.description", "1 to 1000"],
    );
    assert_400(
        post(with("description", json!({"value": "v"}))),
        &["card.description.format", "required"],
    );
    assert_400(
        post(with("description", json!({"value": "v", "format": "rtf"}))),
        &["card.description.format", "rtf"],
    );
    assert_eq!(
        post(with("description", json!({"value": "v", "format": "text"}))).0,
        204
    );
    assert_400(
        post(with("format", json!("huge"))),
        &["card.format", "compact"],
    );
    assert_400(post(with("icon", Value::Null)), &["card.icon", "null"]);
    assert_400(
        post(with("icon", json!({"url@2x": "x"}))),
        &["card.icon.url", "required"],
    );
    assert_eq!(
        post(with(
            "icon",
            json!({"url": "https://i", "url@2x": "https://j"})
        ))
        .0,
        204
    );
    assert_400(
        post(with("thumbnail", json!({"url": "u".repeat(251)}))),
        &["card.thumbnail.url", "1 to 250"],
    );
    assert_400(
        post(with("thumbnail", json!({"url": "u", "width": -1}))),
        &["card.thumbnail.width", "integer"],
    );
    assert_400(
        post(with("activity", json!({}))),
        &["card.activity.html", "required"],
    );
    assert_400(
        post(with("attributes", json!({}))),
        &["card.attributes", "array"],
    );
    assert_400(
        post(with(
            "attributes",
            json!([{"value": {"label": "ok"}}, {"label": "x"}]),
        )),
        &["card.attributes[1].value", "required"],
    );
    assert_400(
        post(with(
            "attributes",
            json!([{"label": "", "value": {"label": "v"}}]),
        )),
        &["card.attributes[0].label", "1 to 50"],
    );
    assert_400(
        post(with(
            "attributes",
            json!([{"value": {"label": "v", "style": "loud"}}]),
        )),
        &["card.attributes[0].value.style", "lozenge-success"],
    );
    assert_eq!(fake.room_history("Ops").len(), 3);
}

#[test]
fn a_notification_may_come_as_form_fields_or_plain_text_or_html() {
    let (fake, _, _) = world();
    let post = |content_type: &str, body: &str| {
        raw(
            &fake,
            Method::POST,
            "/room/Ops/notification",
            ADMIN,
            Some(content_type),
            body,
        )
    };
    let form = "message=Deploy+%40alice&color=red&notify=true&from=CD&message_format=text";
    assert_eq!(post("application/x-www-form-urlencoded", form).0, 204);
    assert_eq!(post("text/plain; charset=utf-8", "plain @alice").0, 204);
    assert_eq!(post("text/html", "<i>html</i>").0, 204);
    assert_400(
        post("application/x-www-form-urlencoded", "color=red"),
        &["message", "required"],
    );
    assert_400(
        post("application/x-www-form-urlencoded", "message=hi&color=pink"),
        &["color", "pink"],
    );
    assert_400(
        post(
            "application/x-www-form-urlencoded",
            "message=hi&card=%7B%7D",
        ),
        &["card", "application/json"],
    );
    assert_400(post("text/plain", ""), &["message", "1 to 10000"]);
    assert_400(
        post("application/xml", "<m/>"),
        &["Unsupported content type", "application/xml"],
    );

    let history = fake.room_history("Ops");
    assert_eq!(history.len(), 3);
    assert_eq!(history[0].message.as_deref(), Some("Deploy @alice"));
    assert_eq!(history[0].color, Some(Color::Red));
    assert_eq!(label(&history[0]), "CD");
    assert_eq!(history[0].mentions.len(), 1);
    assert_eq!(history[1].message_format, Some(MessageFormat::Text));
    assert_eq!(history[1].color, Some(Color::Yellow));
    assert_eq!(history[1].mentions.len(), 1);
    assert_eq!(history[2].message_format, Some(MessageFormat::Html));
}

#[test]
fn attach_to_names_a_message_of_the_room_or_falls_back() {
    let (fake, alice, _) = world();
    fake.add_room("Dev");
    let target = fake.add_message("Ops", alice, "deploying");
    let elsewhere = fake.add_message("Dev", alice, "elsewhere");
    let client = fake.client();
    block_on(client.send(&SendRoomNotification::new("Ops", "attached").attach_to(&target)))
        .unwrap();
    block_on(client.send(&SendRoomNotification::new("Ops", "loose").attach_to(&elsewhere)))
        .unwrap();
    let history = fake.room_history("Ops");
    assert_eq!(history[1].attach_to, Some(json!(target)));
    assert_eq!(history[2].attach_to, None);
}

#[test]
fn notifications_need_a_known_open_room_the_caller_may_post_in() {
    let (fake, alice, bob) = world();
    let (status, message) = api_error(block_on(
        fake.client()
            .send(&SendRoomNotification::new("Nowhere", "hi")),
    ));
    assert_eq!((status, message.as_str()), (404, "Room not found: Nowhere"));

    fake.add_room_token("room-token", "Ops", &[Scope::SendNotification]);
    let room_client = fake.client_with_token("room-token");
    block_on(room_client.send(&SendRoomNotification::new("Ops", "from the room token"))).unwrap();
    let add_on = fake.client_with_token("addon-token");
    block_on(add_on.send(&SendRoomNotification::new("Ops", "from an add-on"))).unwrap();

    fake.add_private_room("Secret", alice, &[]);
    fake.add_token("bob-token", bob, &[Scope::SendNotification]);
    let bob_client = fake.client_with_token("bob-token");
    let (status, message) = api_error(block_on(
        bob_client.send(&SendRoomNotification::new("Secret", "let me in")),
    ));
    assert_eq!(status, 403);
    assert!(message.contains("Secret"), "{message}");
    let alice_client = fake.client_with_token("alice-token");
    block_on(alice_client.send(&SendRoomNotification::new("Secret", "mine"))).unwrap();
    block_on(
        fake.client()
            .send(&SendRoomNotification::new("Secret", "admin")),
    )
    .unwrap();

    fake.lock()
        .rooms
        .values_mut()
        .find(|r| r.name == "Ops")
        .unwrap()
        .is_archived = true;
    let (status, message) = api_error(block_on(
        fake.client()
            .send(&SendRoomNotification::new("Ops", "anyone?")),
    ));
    assert_eq!(status, 403);
    assert!(message.contains("archived"), "{message}");
    assert_eq!(fake.room_history("Ops").len(), 2);
    assert_eq!(fake.room_history("Secret").len(), 2);
}

#[test]
fn notifications_fire_room_notification_webhooks() {
    let (fake, _, _) = world();
    let id = hook(&fake, "Ops", "room_notification", None);
    hook(&fake, "Ops", "room_message", None);
    block_on(
        fake.client()
            .send(&SendRoomNotification::new("Ops", "Build passed").from("CI")),
    )
    .unwrap();
    let deliveries = fake.webhook_deliveries();
    assert_eq!(deliveries.len(), 1);
    let delivery = &deliveries[0];
    assert_eq!(
        (delivery.webhook_id, delivery.event.as_str()),
        (id, "room_notification")
    );
    let item = &delivery.payload["item"];
    assert_eq!(item["message"]["from"], "CI");
    assert_eq!(item["message"]["message"], "Build passed");
    assert_eq!(item["message"]["type"], "notification");
    assert_eq!(item["message"]["color"], "yellow");
    assert_eq!(item["message"]["message_format"], "html");
    assert_eq!(item["room"]["name"], "Ops");
    assert_eq!(delivery.payload["webhook_id"], id);
}

// ----- send_message -----

#[test]
fn send_message_answers_201_with_the_id_and_timestamp_of_the_new_message() {
    let (fake, alice, bob) = world();
    let sent = block_on(
        fake.client_with_token("alice-token")
            .send(&SendMessage::new(
                "Ops",
                "hi @bob and @BOB, mail bob@example.com, @nobody",
            )),
    )
    .unwrap();
    let history = fake.room_history("Ops");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].id, sent.id);
    assert_eq!(history[0].date, sent.timestamp);
    assert_eq!(sent.timestamp, "2019-01-01T00:00:00.000000+00:00");
    assert_eq!(sender_id(&history[0]), alice);
    assert_eq!(history[0].message_type, Some(MessageType::Message));
    let mentioned: Vec<u64> = history[0].mentions.iter().map(|u| u.id).collect();
    assert_eq!(mentioned, [bob]);
    assert_eq!(
        fake.now_unix(),
        1_546_300_801,
        "recording moved the clock one second"
    );
}

#[test]
fn send_message_is_for_users_with_a_message() {
    let (fake, _, _) = world();
    let (status, message) = api_error(block_on(
        fake.client_with_token("addon-token")
            .send(&SendMessage::new("Ops", "hi")),
    ));
    assert_eq!(
        (status, message.as_str()),
        (403, "This method can only be called with a user token")
    );
    let (status, _) = api_error(block_on(
        fake.client().send(&SendMessage::new("Nope", "hi")),
    ));
    assert_eq!(status, 404);
    fake.add_token("notifier", 1, &[Scope::SendNotification]);
    let (status, message) = api_error(block_on(
        fake.client_with_token("notifier")
            .send(&SendMessage::new("Ops", "hi")),
    ));
    assert_eq!(status, 403);
    assert!(message.contains("send_message"), "{message}");

    let post = |body: Value| admin(&fake, Method::POST, "/room/Ops/message", Some(body));
    assert_400(post(json!({})), &["message", "required"]);
    assert_400(post(json!({"message": ""})), &["message", "1 to 10000"]);
    assert_400(post(json!({"message": null})), &["message", "required"]);
    assert_400(post(json!({"message": ["a"]})), &["message", "string"]);
    assert!(fake.room_history("Ops").is_empty());
}

#[test]
fn room_messages_fire_room_message_webhooks_whose_pattern_matches() {
    let (fake, alice, _) = world();
    let all = hook(&fake, "Ops", "room_message", None);
    let deploys = hook(&fake, "Ops", "room_message", Some("^/deploy"));
    hook(&fake, "Ops", "room_notification", None);
    let client = fake.client_with_token("alice-token");
    block_on(client.send(&SendMessage::new("Ops", "/deploy now @bob"))).unwrap();
    block_on(client.send(&SendMessage::new("Ops", "please /deploy"))).unwrap();

    let deliveries = fake.webhook_deliveries();
    let ids: Vec<u64> = deliveries.iter().map(|d| d.webhook_id).collect();
    assert_eq!(ids, [all, deploys, all]);
    let item = &deliveries[1].payload["item"];
    assert_eq!(deliveries[1].event, "room_message");
    assert_eq!(item["message"]["message"], "/deploy now @bob");
    assert_eq!(item["message"]["from"]["id"], alice);
    assert_eq!(item["message"]["from"]["mention_name"], "alice");
    assert_eq!(item["message"]["type"], "message");
    assert_eq!(item["message"]["mentions"][0]["mention_name"], "bob");
    assert_eq!(item["room"]["name"], "Ops");
    assert_eq!(item["room"]["privacy"], "public");
}

// ----- reply_to_message -----

#[test]
fn a_reply_names_a_message_of_the_same_room() {
    let (fake, alice, bob) = world();
    fake.add_room("Dev");
    let parent = fake.add_message("Ops", bob, "who is on call?");
    let foreign = fake.add_message("Dev", bob, "other room");
    let client = fake.client_with_token("alice-token");
    block_on(client.send(&ReplyToMessage::new("Ops", parent.as_str(), "me, @bob"))).unwrap();
    let history = fake.room_history("Ops");
    assert_eq!(texts(&history), ["who is on call?", "me, @bob"]);
    assert_eq!(sender_id(&history[1]), alice);
    assert_eq!(history[1].mentions[0].id, bob);
    let stored = fake
        .lock()
        .rooms
        .values()
        .find(|r| r.name == "Ops")
        .unwrap()
        .history[1]
        .parent_message_id
        .clone();
    assert_eq!(stored.as_deref(), Some(parent.as_str()));

    let (status, message) = api_error(block_on(client.send(&ReplyToMessage::new(
        "Ops",
        foreign.as_str(),
        "wrong room",
    ))));
    assert_eq!(status, 400);
    assert!(
        message.contains("parentMessageId") && message.contains(&foreign),
        "{message}"
    );
    let post = |body: Value| admin(&fake, Method::POST, "/room/Ops/reply", Some(body));
    assert_400(
        post(json!({"message": "hi"})),
        &["parentMessageId", "required"],
    );
    assert_400(
        post(json!({"parentMessageId": parent, "message": ""})),
        &["message", "1 to 1000"],
    );
    assert_400(
        post(json!({"parentMessageId": parent, "message": "x".repeat(1001)})),
        &["message", "not 1001"],
    );
    assert_400(
        post(json!({"parentMessageId": 7, "message": "hi"})),
        &["parentMessageId", "string"],
    );
    let (status, _) = api_error(block_on(
        fake.client_with_token("addon-token")
            .send(&ReplyToMessage::new("Ops", parent.as_str(), "bot")),
    ));
    assert_eq!(status, 403);
    let (status, _) = api_error(block_on(client.send(&ReplyToMessage::new(
        "Nowhere",
        parent.as_str(),
        "hi",
    ))));
    assert_eq!(status, 404);
    assert_eq!(fake.room_history("Ops").len(), 2);
}

// ----- share_link_with_room -----

#[test]
fn a_shared_link_becomes_a_message_with_the_link() {
    let (fake, alice, _) = world();
    let client = fake.client_with_token("alice-token");
    block_on(
        client.send(
            &ShareLinkWithRoom::new("Ops", "https://status.example.com").message("Status page"),
        ),
    )
    .unwrap();
    block_on(client.send(&ShareLinkWithRoom::new("Ops", "https://example.com/x"))).unwrap();
    let history = fake.room_history("Ops");
    assert_eq!(
        texts(&history),
        [
            "Status page https://status.example.com",
            "https://example.com/x"
        ]
    );
    assert_eq!(sender_id(&history[0]), alice);

    let post = |body: Value| admin(&fake, Method::POST, "/room/Ops/share/link", Some(body));
    assert_400(post(json!({})), &["link", "required"]);
    assert_400(post(json!({"link": "http://a"})), &["link", "10 to 1000"]);
    assert_400(
        post(json!({"link": "not a url at all"})),
        &["link", "absolute URL"],
    );
    assert_400(
        post(json!({"link": "https://example.com", "message": "m".repeat(1001)})),
        &["message", "0 to 1000"],
    );
    assert_400(
        post(json!({"link": "https://example.com", "message": null})),
        &["message", "null"],
    );
    let (status, _) = api_error(block_on(
        fake.client_with_token("addon-token")
            .send(&ShareLinkWithRoom::new("Ops", "https://example.com")),
    ));
    assert_eq!(status, 403);
    assert_eq!(fake.room_history("Ops").len(), 2);
}

// ----- share_file_with_room -----

#[test]
fn a_shared_file_is_parsed_from_the_multipart_body_and_recorded() {
    let (fake, alice, _) = world();
    let message_hook = hook(&fake, "Ops", "room_message", None);
    let upload_hook = hook(&fake, "Ops", "room_file_upload", None);
    let client = fake.client_with_token("alice-token");
    let log = FilePart::new("build \"7\".log", "text/plain", b"all green\n".to_vec());
    block_on(client.send(&ShareFileWithRoom::new("Ops", log).message("Last build, @alice")))
        .unwrap();
    let png = FilePart::new(
        "shot.png",
        "image/png",
        vec![0x89, b'P', b'N', b'G', 0, 1, 2],
    );
    block_on(client.send(&ShareFileWithRoom::new("Ops", png))).unwrap();

    let history = fake.room_history("Ops");
    assert_eq!(texts(&history), ["Last build, @alice", ""]);
    assert_eq!(sender_id(&history[0]), alice);
    assert_eq!(history[0].mentions[0].id, alice);
    let file = history[0].file.as_ref().unwrap();
    assert_eq!(file.name, "build \"7\".log");
    assert_eq!(file.size, Some(10));
    assert!(
        file.url.starts_with("https://hipchat.fake/files/"),
        "{}",
        file.url
    );
    assert!(file.url.ends_with("/build%20%227%22.log"), "{}", file.url);
    assert_eq!(file.thumb_url, None);
    let image = history[1].file.as_ref().unwrap();
    assert_eq!((image.name.as_str(), image.size), ("shot.png", Some(7)));
    assert!(image.thumb_url.is_some());

    let deliveries = fake.webhook_deliveries();
    let events: Vec<(u64, &str)> = deliveries
        .iter()
        .map(|d| (d.webhook_id, d.event.as_str()))
        .collect();
    assert_eq!(
        events,
        [
            (message_hook, "room_message"),
            (upload_hook, "room_file_upload"),
            (message_hook, "room_message"),
            (upload_hook, "room_file_upload"),
        ]
    );
    let upload = &deliveries[1].payload["item"];
    assert_eq!(upload["file"]["name"], "build \"7\".log");
    assert_eq!(upload["file"]["size"], 10);
    assert_eq!(upload["sender"]["id"], alice);
    assert_eq!(upload["room"]["name"], "Ops");
    assert_eq!(
        deliveries[0].payload["item"]["message"]["file"]["name"],
        "build \"7\".log"
    );
}

#[test]
fn multipart_bodies_with_lf_lines_and_base64_files_are_read() {
    let (fake, _, _) = world();
    let body = "preamble\n--b0undary\nContent-Type: application/json\nContent-Disposition: attachment; name=\"metadata\"\n\n{\"message\": \"b64\"}\n--b0undary\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; name=\"file\"; filename=\"data.bin\"\n\naGVs\nbG8=\n--b0undary--\n";
    let (status, body) = raw(
        &fake,
        Method::POST,
        "/room/Ops/share/file",
        ADMIN,
        Some("multipart/related; boundary=\"b0undary\""),
        body,
    );
    assert_eq!(status, 204, "{body}");
    let history = fake.room_history("Ops");
    assert_eq!(history[0].message.as_deref(), Some("b64"));
    let file = history[0].file.as_ref().unwrap();
    assert_eq!((file.name.as_str(), file.size), ("data.bin", Some(5)));
}

#[test]
fn bad_multipart_bodies_get_400() {
    let (fake, _, _) = world();
    let post = |content_type: &str, body: &str| {
        raw(
            &fake,
            Method::POST,
            "/room/Ops/share/file",
            ADMIN,
            Some(content_type),
            body.replace('\n', "\r\n"),
        )
    };
    let related = "multipart/related; boundary=XyZ";
    let file_part = "--XyZ\nContent-Type: text/plain\nContent-Disposition: attachment; name=\"file\"; filename=\"a.txt\"\n\nhello\n";
    assert_eq!(post(related, &format!("{file_part}--XyZ--\n")).0, 204);
    assert_400(
        post("multipart/form-data; boundary=XyZ", file_part),
        &["multipart/related"],
    );
    assert_400(post("application/json", "{}"), &["multipart/related"]);
    assert_400(post("multipart/related", file_part), &["boundary"]);
    assert_400(post(related, "no boundary in here"), &["boundary"]);
    assert_400(post(related, file_part), &["closing boundary"]);
    assert_400(
        post(
            related,
            "--XyZ\nContent-Disposition: attachment; name=\"metadata\"\n\n{\"message\": \"m\"}\n--XyZ--\n",
        ),
        &["\"file\""],
    );
    assert_400(
        post(
            related,
            "--XyZ\nContent-Disposition: attachment; name=\"metadata\"\n\n{\"message\": \n--XyZ--\n",
        ),
        &["metadata", "JSON"],
    );
    let long = format!(
        "--XyZ\nContent-Disposition: attachment; name=\"metadata\"\n\n{{\"message\": \"{}\"}}\n{file_part}--XyZ--\n",
        "m".repeat(1001)
    );
    assert_400(post(related, &long), &["message", "0 to 1000"]);
    assert_400(
        post(
            related,
            "--XyZ\nContent-Type: text/plain; charset=UTF-8\nContent-Disposition: attachment; name=\"file\"; filename=\"a.txt\"\n\nhi\n--XyZ--\n",
        ),
        &["Unsupported encoding"],
    );
    assert_400(
        post(
            related,
            "--XyZ\nContent-Disposition: attachment; name=\"file\"\n\nhi\n--XyZ--\n",
        ),
        &["filename"],
    );
    assert_400(
        post(
            related,
            "--XyZ\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; name=\"file\"; filename=\"a\"\n\n!!!\n--XyZ--\n",
        ),
        &["base64"],
    );
    assert_400(
        post(related, &format!("{file_part}{file_part}--XyZ--\n")),
        &["two file parts"],
    );
    assert_eq!(fake.room_history("Ops").len(), 1);

    let file = FilePart::new("a.txt", "text/plain", b"x".to_vec());
    let (status, _) = api_error(block_on(
        fake.client_with_token("addon-token")
            .send(&ShareFileWithRoom::new("Ops", file.clone())),
    ));
    assert_eq!(status, 403);
    let (status, _) = api_error(block_on(
        fake.client().send(&ShareFileWithRoom::new("Nope", file)),
    ));
    assert_eq!(status, 404);
}

#[test]
fn header_parameters_are_unquoted_and_unescaped() {
    let (value, params) =
        header_params(r#"attachment; flag; name="file"; filename="a \"b\"; c.txt"; size=3"#);
    assert_eq!(value, "attachment");
    assert_eq!(param(&params, "name"), Some("file"));
    assert_eq!(param(&params, "filename"), Some(r#"a "b"; c.txt"#));
    assert_eq!(param(&params, "size"), Some("3"));
    let (value, params) = header_params("Multipart/Related;boundary=abc");
    assert_eq!(
        (value.as_str(), param(&params, "boundary")),
        ("multipart/related", Some("abc"))
    );
}

// ----- get_room_message -----

#[test]
fn one_room_message_is_found_by_id_wrapped_in_message() {
    let (fake, alice, _) = world();
    let id = fake.add_message("Ops", alice, "find me");
    let message = block_on(fake.client().send(&GetRoomMessage::new("Ops", id.as_str()))).unwrap();
    assert_eq!(
        (message.id.as_str(), message.message.as_deref()),
        (id.as_str(), Some("find me"))
    );
    let (status, body) = admin(&fake, Method::GET, &format!("/room/Ops/history/{id}"), None);
    assert_eq!(status, 200);
    assert_eq!(body["message"]["id"], id.as_str());
    assert_eq!(body["message"]["from"]["id"], alice);

    let (status, message) = api_error(block_on(fake.client().send(&GetRoomMessage::new(
        "Ops",
        "00000000-0000-4000-8000-0000000000ff",
    ))));
    assert_eq!(status, 404);
    assert!(
        message.contains("00000000-0000-4000-8000-0000000000ff"),
        "{message}"
    );
    assert_eq!(
        api_error(block_on(
            fake.client()
                .send(&GetRoomMessage::new("Nope", id.as_str()))
        ))
        .0,
        404
    );

    delete_message(&fake, "Ops", &id);
    let hidden = block_on(fake.client().send(&GetRoomMessage::new("Ops", id.as_str())));
    assert_eq!(api_error(hidden).0, 404);
    let shown = block_on(
        fake.client()
            .send(&GetRoomMessage::new("Ops", id.as_str()).include_deleted(true)),
    )
    .unwrap();
    assert!(shown.is_deleted());
    let bad_tz = admin(
        &fake,
        Method::GET,
        &format!("/room/Ops/history/{id}?timezone=%20"),
        None,
    );
    assert_400(bad_tz, &["timezone"]);
    let tz = block_on(
        fake.client().send(
            &GetRoomMessage::new("Ops", id.as_str())
                .timezone("Europe/Paris")
                .include_deleted(true),
        ),
    )
    .unwrap();
    assert!(tz.date.ends_with("+00:00"));
}

// ----- view_room_history -----

/// A fake with `n` messages "m0".."m{n-1}" in "Ops", one second apart from 2019-01-01T00:00:00Z.
fn with_history(n: usize) -> (FakeHipChat, Vec<String>) {
    let (fake, alice, _) = world();
    let ids = (0..n)
        .map(|i| fake.add_message("Ops", alice, &format!("m{i}")))
        .collect();
    (fake, ids)
}

fn numbered(range: impl Iterator<Item = usize>) -> Vec<String> {
    range.map(|i| format!("m{i}")).collect()
}

#[test]
fn history_without_a_date_is_the_latest_75_unpaged() {
    let (fake, _) = with_history(80);
    let page = block_on(fake.client().send(&ViewRoomHistory::new("Ops"))).unwrap();
    assert_eq!(texts(&page.items), numbered(5..80));
    assert_eq!(page.links.next, None);
    let (status, body) = admin(
        &fake,
        Method::GET,
        "/room/Ops/history?date=recent&max-results=10",
        None,
    );
    assert_eq!(status, 200);
    assert_eq!(body["items"].as_array().unwrap().len(), 75);
    assert!(body.get("startIndex").is_none(), "{}", body["links"]);
    assert!(body["links"].get("next").is_none());

    let newest_first = block_on(
        fake.client()
            .send(&ViewRoomHistory::new("Ops").reverse(false)),
    )
    .unwrap();
    assert_eq!(texts(&newest_first.items), numbered((5..80).rev()));
    let paged = block_on(
        fake.client()
            .pager(ViewRoomHistory::new("Ops"))
            .collect_all(),
    )
    .unwrap();
    assert_eq!(paged.len(), 75, "recent history does not page");
}

#[test]
fn dated_history_pages_newest_first_and_reverses_each_page() {
    let (fake, _) = with_history(250);
    let client = fake.client();
    let date = "2030-01-01T00:00:00Z";
    let newest_first = block_on(
        client
            .pager(
                ViewRoomHistory::new("Ops")
                    .date(date)
                    .reverse(false)
                    .max_results(100),
            )
            .collect_all(),
    )
    .unwrap();
    assert_eq!(texts(&newest_first), numbered((0..250).rev()));

    let first =
        block_on(client.send(&ViewRoomHistory::new("Ops").date(date).max_results(100))).unwrap();
    assert_eq!(texts(&first.items), numbered(150..250));
    assert_eq!((first.start_index, first.max_results), (0, 100));
    let next = first.links.next.as_deref().unwrap();
    assert!(next.starts_with("https://hipchat.fake/v2/room/"), "{next}");
    assert!(
        next.contains("start-index=100") && next.contains("max-results=100"),
        "{next}"
    );
    assert!(
        next.contains("date=2030-01-01T00%3A00%3A00Z") && next.contains("reverse=true"),
        "{next}"
    );

    let third = block_on(
        client.send(
            &ViewRoomHistory::new("Ops")
                .date(date)
                .start_index(200)
                .max_results(100),
        ),
    )
    .unwrap();
    assert_eq!(texts(&third.items), numbered(0..50));
    assert_eq!(third.start_index, 200);
    assert_eq!(third.links.next, None);
    assert!(third.links.prev.is_some());

    let pages = block_on(
        client
            .pager(ViewRoomHistory::new("Ops").date(date).max_results(100))
            .collect_all(),
    )
    .unwrap();
    let mut expected = numbered(150..250);
    expected.extend(numbered(50..150));
    expected.extend(numbered(0..50));
    assert_eq!(texts(&pages), expected, "each page oldest first");
}

#[test]
fn dated_history_selects_between_end_date_and_date() {
    let (fake, _) = with_history(10);
    let client = fake.client();
    // m3 is at 00:00:03 and m6 at 00:00:06.
    let window = ViewRoomHistory::new("Ops")
        .date("2019-01-01T00:00:06Z")
        .end_date("2019-01-01T00:00:03Z");
    let page = block_on(client.send(&window)).unwrap();
    assert_eq!(texts(&page.items), numbered(3..7));
    let page = block_on(client.send(&window.clone().reverse(false))).unwrap();
    assert_eq!(texts(&page.items), numbered((3..7).rev()));
    let offset = ViewRoomHistory::new("Ops").date("2019-01-01T01:00:02+01:00");
    assert_eq!(
        texts(&block_on(client.send(&offset)).unwrap().items),
        numbered(0..3)
    );
    let before = ViewRoomHistory::new("Ops").date("2018-12-31");
    assert!(block_on(client.send(&before)).unwrap().items.is_empty());
    let empty = ViewRoomHistory::new("Ops")
        .date("2019-01-01T00:00:02Z")
        .end_date("2019-01-01T00:00:05Z");
    assert!(block_on(client.send(&empty)).unwrap().items.is_empty());

    let get = |query: &str| {
        admin(
            &fake,
            Method::GET,
            &format!("/room/Ops/history?{query}"),
            None,
        )
    };
    assert_400(get("date=yesterday"), &["date", "ISO-8601", "yesterday"]);
    assert_400(get("date=2019-01-01&end-date=soon"), &["end-date", "soon"]);
    assert_400(get("end-date=2019-01-01"), &["end-date", "recent"]);
    assert_400(get("date=2019-01-01&max-results=1001"), &["max-results"]);
    assert_400(get("date=2019-01-01&start-index=-1"), &["start-index"]);
    assert_400(get("date=2019-01-01&reverse=maybe"), &["reverse"]);
    assert_400(get("include_deleted=1"), &["include_deleted"]);
    assert_400(get("timezone=Not%20a%20zone"), &["timezone"]);
    assert_eq!(get("timezone=America/Argentina/Buenos_Aires").0, 200);
    assert_eq!(admin(&fake, Method::GET, "/room/Nope/history", None).0, 404);
}

#[test]
fn history_leaves_out_deleted_messages_unless_asked() {
    let (fake, ids) = with_history(4);
    delete_message(&fake, "Ops", &ids[1]);
    let client = fake.client();
    let page = block_on(client.send(&ViewRoomHistory::new("Ops"))).unwrap();
    assert_eq!(texts(&page.items), ["m0", "m2", "m3"]);
    let page = block_on(client.send(&ViewRoomHistory::new("Ops").include_deleted(true))).unwrap();
    assert_eq!(texts(&page.items), ["m0", "<deleted>", "m2", "m3"]);
    let dated = ViewRoomHistory::new("Ops")
        .date("2020-01-01")
        .include_deleted(true);
    assert_eq!(block_on(client.send(&dated)).unwrap().items.len(), 4);
}

#[test]
fn private_room_history_is_for_its_members() {
    let (fake, alice, bob) = world();
    fake.add_private_room("Secret", alice, &[]);
    fake.add_message("Secret", alice, "psst");
    fake.add_token("bob-token", bob, &[Scope::ViewMessages]);
    let bob_client = fake.client_with_token("bob-token");
    assert_eq!(
        api_error(block_on(bob_client.send(&ViewRoomHistory::new("Secret")))).0,
        403
    );
    assert_eq!(
        api_error(block_on(
            bob_client.send(&ViewRecentRoomHistory::new("Secret"))
        ))
        .0,
        403
    );
    let alice_client = fake.client_with_token("alice-token");
    let page = block_on(alice_client.send(&ViewRoomHistory::new("Secret"))).unwrap();
    assert_eq!(texts(&page.items), ["psst"]);
}

// ----- view_recent_room_history -----

#[test]
fn latest_history_is_the_newest_messages_oldest_first_not_before_a_message() {
    let (fake, ids) = with_history(100);
    let client = fake.client();
    let latest = block_on(client.send(&ViewRecentRoomHistory::new("Ops"))).unwrap();
    assert_eq!(texts(&latest.items), numbered(25..100));
    assert_eq!((latest.start_index, latest.max_results), (0, 75));
    assert_eq!(latest.links.next, None);
    let five = block_on(client.send(&ViewRecentRoomHistory::new("Ops").max_results(5))).unwrap();
    assert_eq!(texts(&five.items), numbered(95..100));
    let since = ViewRecentRoomHistory::new("Ops").not_before(ids[90].as_str());
    assert_eq!(
        texts(&block_on(client.send(&since)).unwrap().items),
        numbered(90..100)
    );
    let since_few = since.clone().max_results(3);
    assert_eq!(
        texts(&block_on(client.send(&since_few)).unwrap().items),
        numbered(97..100)
    );

    delete_message(&fake, "Ops", &ids[99]);
    let few = ViewRecentRoomHistory::new("Ops").max_results(2);
    assert_eq!(
        texts(&block_on(client.send(&few)).unwrap().items),
        ["m97", "m98"]
    );
    let few = few.include_deleted(true);
    assert_eq!(
        texts(&block_on(client.send(&few)).unwrap().items),
        ["m98", "<deleted>"]
    );

    let (status, body) = admin(&fake, Method::GET, "/room/Ops/history/latest", None);
    assert_eq!(status, 200);
    assert!(body.get("startIndex").is_none());
    let get = |query: &str| {
        admin(
            &fake,
            Method::GET,
            &format!("/room/Ops/history/latest?{query}"),
            None,
        )
    };
    assert_400(get("not-before=nope"), &["not-before", "nope"]);
    assert_400(get("max-results=1001"), &["max-results"]);
    assert_400(get("include_deleted=yes"), &["include_deleted"]);
    assert_400(get("timezone="), &["timezone"]);
    assert_eq!(
        admin(&fake, Method::GET, "/room/Nope/history/latest", None).0,
        404
    );
}

// ----- private chats -----

#[test]
fn private_messages_go_to_the_chat_of_the_caller_and_the_user() {
    let (fake, alice, bob) = world();
    let client = fake.client_with_token("alice-token");
    block_on(client.send(&PrivateMessageUser::new("@bob", "hi @bob").notify(true))).unwrap();
    block_on(
        client.send(
            &PrivateMessageUser::new("bob@example.com", "<b>bold</b> @bob")
                .message_format(MessageFormat::Html),
        ),
    )
    .unwrap();
    block_on(client.send(&PrivateMessageUser::new(bob, "by id"))).unwrap();
    let chat = fake.private_history(bob, alice);
    assert_eq!(texts(&chat), ["hi @bob", "<b>bold</b> @bob", "by id"]);
    assert_eq!(sender_id(&chat[0]), alice);
    assert_eq!(chat[0].mentions[0].id, bob);
    assert!(chat[1].mentions.is_empty());
    assert_eq!(chat[1].message_format, Some(MessageFormat::Html));
    assert!(fake.private_history(FakeHipChat::ADMIN_ID, bob).is_empty());

    let (status, message) = api_error(block_on(
        fake.client_with_token("addon-token")
            .send(&PrivateMessageUser::new("@bob", "bot")),
    ));
    assert_eq!(
        (status, message.as_str()),
        (403, "This method can only be called with a user token")
    );
    assert_eq!(
        api_error(block_on(
            client.send(&PrivateMessageUser::new("@nobody", "hi"))
        ))
        .0,
        404
    );
    let post = |body: Value| admin(&fake, Method::POST, "/user/@bob/message", Some(body));
    assert_400(post(json!({})), &["message", "required"]);
    assert_400(
        post(json!({"message": "x".repeat(10_001)})),
        &["message", "1 to 10000"],
    );
    assert_400(
        post(json!({"message": "hi", "message_format": "rich"})),
        &["message_format", "rich"],
    );
    assert_400(post(json!({"message": "hi", "notify": null})), &["notify"]);
    assert_eq!(fake.private_history(bob, alice).len(), 3);
}

#[test]
fn links_and_files_can_be_shared_with_a_user() {
    let (fake, alice, bob) = world();
    let client = fake.client_with_token("alice-token");
    block_on(
        client.send(&ShareLinkWithUser::new("@bob", "https://example.com/doc").message("read")),
    )
    .unwrap();
    let file = FilePart::new("notes.txt", "text/plain", b"notes".to_vec());
    block_on(client.send(&ShareFileWithUser::new("@bob", file.clone()).message("and these")))
        .unwrap();
    let chat = fake.private_history(alice, bob);
    assert_eq!(texts(&chat), ["read https://example.com/doc", "and these"]);
    let shared = chat[1].file.as_ref().unwrap();
    assert_eq!((shared.name.as_str(), shared.size), ("notes.txt", Some(5)));
    assert!(fake.webhook_deliveries().is_empty());

    let add_on = fake.client_with_token("addon-token");
    assert_eq!(
        api_error(block_on(
            add_on.send(&ShareLinkWithUser::new("@bob", "https://example.com"))
        ))
        .0,
        403
    );
    assert_eq!(
        api_error(block_on(
            add_on.send(&ShareFileWithUser::new("@bob", file.clone()))
        ))
        .0,
        403
    );
    assert_eq!(
        api_error(block_on(
            client.send(&ShareFileWithUser::new("@nobody", file))
        ))
        .0,
        404
    );
    let (status, body) = admin(
        &fake,
        Method::POST,
        "/user/@bob/share/link",
        Some(json!({"link": "mailto:bob@example.com"})),
    );
    assert_400((status, body), &["link"]);
    let (status, body) = raw(
        &fake,
        Method::POST,
        "/user/@bob/share/file",
        ADMIN,
        Some("multipart/related; boundary=q"),
        "--q--\r\n",
    );
    assert_400((status, body), &["\"file\""]);
    assert_eq!(fake.private_history(alice, bob).len(), 2);
}

#[test]
fn private_chat_history_is_the_callers_chat_with_the_user() {
    let (fake, alice, bob) = world();
    let admin_id = FakeHipChat::ADMIN_ID;
    for i in 0..30 {
        let (from, to) = if i % 2 == 0 {
            (alice, bob)
        } else {
            (bob, alice)
        };
        fake.add_private_message(from, to, &format!("m{i}"));
    }
    fake.add_private_message(admin_id, bob, "not in alice's chat");
    let client = fake.client_with_token("alice-token");

    let recent = block_on(client.send(&ViewPrivatechatHistory::new("@bob"))).unwrap();
    assert_eq!(texts(&recent.items), numbered(0..30));
    assert_eq!(sender_id(&recent.items[1]), bob);
    let paged = block_on(
        client
            .pager(
                ViewPrivatechatHistory::new("@bob")
                    .date("2030-01-01T00:00:00Z")
                    .reverse(false)
                    .max_results(7),
            )
            .collect_all(),
    )
    .unwrap();
    assert_eq!(texts(&paged), numbered((0..30).rev()));
    let window = ViewPrivatechatHistory::new(bob)
        .date("2019-01-01T00:00:09Z")
        .end_date("2019-01-01T00:00:08Z");
    assert_eq!(
        texts(&block_on(client.send(&window)).unwrap().items),
        ["m8", "m9"]
    );

    let latest =
        block_on(client.send(&ViewRecentPrivatechatHistory::new("@bob").max_results(3))).unwrap();
    assert_eq!(texts(&latest.items), numbered(27..30));
    let first_id = recent.items[25].id.clone();
    let since = ViewRecentPrivatechatHistory::new("@bob").not_before(first_id.as_str());
    assert_eq!(
        texts(&block_on(client.send(&since)).unwrap().items),
        numbered(25..30)
    );

    let one =
        block_on(client.send(&GetPrivatechatMessage::new("@bob", first_id.as_str()))).unwrap();
    assert_eq!(one.message.as_deref(), Some("m25"));
    let admins = fake.private_history(admin_id, bob)[0].id.clone();
    let elsewhere = block_on(client.send(&GetPrivatechatMessage::new("@bob", admins.as_str())));
    assert_eq!(api_error(elsewhere).0, 404);
    let bob_view = block_on(fake.client().send(&ViewPrivatechatHistory::new("@bob"))).unwrap();
    assert_eq!(texts(&bob_view.items), ["not in alice's chat"]);
    let empty = block_on(fake.client().send(&ViewPrivatechatHistory::new("@alice"))).unwrap();
    assert!(empty.items.is_empty());

    let add_on = fake.client_with_token("addon-token");
    assert_eq!(
        api_error(block_on(add_on.send(&ViewPrivatechatHistory::new("@bob")))).0,
        403
    );
    assert_eq!(
        api_error(block_on(
            add_on.send(&ViewRecentPrivatechatHistory::new("@bob"))
        ))
        .0,
        403
    );
    assert_eq!(
        api_error(block_on(
            add_on.send(&GetPrivatechatMessage::new("@bob", first_id.as_str()))
        ))
        .0,
        403
    );
    assert_eq!(
        api_error(block_on(
            client.send(&ViewPrivatechatHistory::new("@nobody"))
        ))
        .0,
        404
    );
    let get = |query: &str| {
        let (status, _, body) = call(
            &fake,
            Method::GET,
            &format!("{BASE}/user/@bob/history{query}"),
            Some("alice-token"),
            None,
        );
        (status, body)
    };
    assert_400(get("?date=nonsense"), &["date"]);
    assert_400(get("/latest?not-before=nope"), &["not-before"]);
}

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
