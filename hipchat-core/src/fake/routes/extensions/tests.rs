//! The route table of the module methods, and the helpers their tests share.

use http::Method;
use serde_json::{Value, json};

use super::ROUTES;
use crate::fake::FakeHipChat;
use crate::fake::routes::oauth::tests::addon_token;
use crate::fake::tests::call;
use crate::model::Scope;

pub(super) const SCOPES: &[Scope] = &[Scope::AdminGroup, Scope::AdminRoom, Scope::ViewRoom];

pub(super) fn path_of(template: &str) -> String {
    template
        .replace("{room_id_or_name}", "Ops")
        .replace("{key}", "k1")
}

pub(super) fn body_for(kind: &str) -> Value {
    match kind {
        "action" => {
            json!({"key": "k1", "name": {"value": "A"}, "location": "hipchat.input.action", "target": "d1"})
        }
        "dialog" => json!({"key": "k1", "title": {"value": "D"}, "url": "https://a.example.com/d"}),
        "externalPage" => json!({"key": "k1", "url": "https://a.example.com/p"}),
        "glance" => {
            json!({"key": "k1", "name": {"value": "G"}, "icon": {"url": "https://a/i.png", "url@2x": "https://a/i2.png"}})
        }
        "webPanel" => {
            json!({"key": "k1", "name": {"value": "W"}, "location": "hipchat.sidebar.right", "url": "https://a.example.com/w"})
        }
        "webhook" => json!({"key": "k1", "url": "https://a.example.com/h", "event": "room_enter"}),
        other => panic!("unknown kind {other}"),
    }
}

#[test]
fn all_36_routes_are_served_with_the_catalogue_statuses() {
    let fake = FakeHipChat::demo();
    let token = addon_token(&fake, "addon", SCOPES);
    assert_eq!(ROUTES.len(), 36);
    // Creates first, then reads, then deletes, then reads again.
    for (method, expected) in [
        ("PUT", 201),
        ("GET", 200),
        ("DELETE", 204),
        ("GET", 404),
        ("DELETE", 404),
    ] {
        for route in ROUTES.iter().filter(|r| r.method == method) {
            let path = path_of(route.template);
            let kind = path.rsplit('/').nth(1).unwrap();
            let body = (method == "PUT").then(|| body_for(kind));
            let uri = format!("https://x.test/v2{path}");
            let method = Method::from_bytes(method.as_bytes()).unwrap();
            let (status, _, answer) = call(&fake, method, &uri, Some(&token), body.clone());
            assert_eq!(status, expected, "{} {uri}: {answer}", route.id);
            if expected == 200 {
                assert_eq!(answer, body_for(kind), "{}", route.id);
            }
        }
    }
}
