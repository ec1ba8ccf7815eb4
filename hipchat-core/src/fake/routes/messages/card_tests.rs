//! The card checks of room notifications.

use http::Method;
use serde_json::{Value, json};

use super::super::tests::{admin, assert_400, world};

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
        &["card.title", "(got 501)"],
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
