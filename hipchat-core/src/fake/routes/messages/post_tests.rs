//! Room messages, replies, shared links and private messages.

use futures_executor::block_on;
use http::Method;
use serde_json::{Value, json};

use super::super::tests::{ADMIN, admin, assert_400, hook, raw, sender_id, texts, world};
use crate::api::rooms::{ReplyToMessage, SendMessage, ShareLinkWithRoom};
use crate::api::users::{PrivateMessageUser, ShareFileWithUser, ShareLinkWithUser};
use crate::fake::FakeHipChat;
use crate::fake::tests::api_error;
use crate::model::{FilePart, MessageFormat, MessageType, Scope};

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
        &["message", "(got 1001)"],
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
