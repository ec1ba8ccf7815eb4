//! Room notifications: their fields, bodies, recording and webhooks.

use futures_executor::block_on;
use http::Method;
use serde_json::{Value, json};

use super::super::tests::{ADMIN, admin, assert_400, hook, label, raw, world};
use crate::api::rooms::SendRoomNotification;
use crate::fake::tests::api_error;
use crate::model::{
    Card, CardAttribute, CardAttributeStyle, CardAttributeValue, CardStyle, Color, MessageFormat,
    MessageType, Scope, Thumbnail,
};

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
        &["message", "1 to 10000", "(got 0)"],
    );
    assert_400(
        post(json!({"message": "x".repeat(10_001)})),
        &["message", "(got 10001)"],
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
