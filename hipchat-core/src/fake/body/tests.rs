//! The messages every body reader answers with, and which members each accessor takes.

use serde_json::{Value, json};

use super::*;
use crate::fake::reply::Reply;

/// The message of a 400; panics on any other answer.
fn message<T: std::fmt::Debug>(result: Result<T, Reply>) -> String {
    let reply = result.expect_err("a 400");
    assert_eq!(reply.status.as_u16(), 400);
    reply.body.unwrap()["error"]["message"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Compares each message with the one expected.
#[track_caller]
fn assert_messages(cases: &[(String, &str)]) {
    for (got, want) in cases {
        assert_eq!(got, want);
    }
}

#[test]
fn missing_null_and_wrong_types_name_the_member_by_its_path() {
    let body = json!({"title": null, "id": 7, "style": "x"});
    let card = Fields::of("card", &body).unwrap();
    assert_messages(&[
        (
            message(card.required("url")),
            "Missing required field: card.url",
        ),
        (
            message(card.required("title")),
            "card.title is required and may not be null",
        ),
        (
            message(card.get("title")),
            "card.title may not be null; leave it out instead",
        ),
        (
            message(card.required_str("id")),
            "card.id must be a string, not a number",
        ),
        (
            message(card.opt_bool("style")),
            "card.style must be true or false, not a string",
        ),
    ]);
    assert_eq!(card.get("url").unwrap(), None);
    assert_eq!(card.nullable("title"), None);
    assert_eq!(card.raw("title"), Some(&Value::Null));
    assert_eq!(card.member("url", false).unwrap(), None);
    assert!(card.member("url", true).is_err());
}

#[test]
fn nested_objects_and_arrays_extend_the_path() {
    let body = json!({"thumbnail": {"width": -1}, "roles": ["a", 2], "list": {}});
    let card = Fields::of("card", &body).unwrap();
    let thumbnail = card.opt_object("thumbnail").unwrap().unwrap();
    assert_messages(&[
        (
            message(thumbnail.opt_u64("width")),
            "card.thumbnail.width must be a non-negative integer, not a number",
        ),
        (
            message(card.opt_strings("roles")),
            "card.roles[1] must be a string, not a number",
        ),
        (
            message(card.required_array("list")),
            "card.list must be an array, not an object",
        ),
        (
            message(card.required_object("roles")),
            "card.roles must be an object, not an array",
        ),
        (
            message(Fields::of("glance[0]", &json!(3))),
            "glance[0] must be an object, not a number",
        ),
    ]);
}

#[test]
fn unknown_members_lengths_sets_and_empty_text_are_refused() {
    let body = json!({"key": "k", "extra": 1, "style": "pink", "id": ""});
    let card = Fields::of("card", &body).unwrap();
    assert_messages(&[
        (
            message(card.only(&["key", "style", "id"])),
            "card.extra is not allowed here (allowed: key, style, id)",
        ),
        (
            message(card.opt_one_of("style", &["red", "green"])),
            "card.style must be one of red, green (got \"pink\")",
        ),
        (
            message(card.required_text("id")),
            "card.id must not be empty",
        ),
        (
            message(check_len("name", &"é".repeat(51), 1, 50)),
            "name must be 1 to 50 characters long (got 51)",
        ),
    ]);
    assert_eq!(card.opt_one_of("key", &["k"]).unwrap(), Some("k"));
    assert!(check_len("name", &"é".repeat(50), 1, 50).is_ok());
}

#[test]
fn loose_booleans_also_take_the_words_true_and_false() {
    let body = json!({"a": "TRUE", "b": false, "c": "yes", "d": 1});
    let form = Fields::of("form", &body).unwrap();
    assert_eq!(form.opt_loose_bool("a").unwrap(), Some(true));
    assert_eq!(form.opt_loose_bool("b").unwrap(), Some(false));
    assert_eq!(
        message(form.opt_loose_bool("c")),
        "form.c must be true or false, not a string"
    );
    assert!(form.opt_loose_bool("d").is_err());
    assert!(form.opt_bool("a").is_err());
}
