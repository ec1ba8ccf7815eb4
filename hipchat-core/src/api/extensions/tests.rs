//! Wire tests over all 36 extension endpoints: method, full URI and body.

use super::*;
use crate::api::test_support::*;
use crate::model::{
    Action, ActionLocation, Dialog, ExtensionWebhook, ExternalPage, Glance, IconSet, WebPanel,
    WebPanelLocation, WebhookEvent,
};
use crate::{Endpoint, InvalidInput};
use serde_json::{Value, json};

const BASE: &str = "https://api.hipchat.com/v2";
const ROOM: &str = "https://api.hipchat.com/v2/room/Ops%20Team";

/// What went on the wire: method, URI and JSON body (if any).
type Sent = (String, String, Option<Value>);

/// What was sent, then the expected method, URI and body.
type Case = (Sent, &'static str, String, Option<Value>);

fn wire<E: Endpoint>(endpoint: E) -> Sent {
    let request = build(&endpoint);
    assert_bearer(&request);
    let body = if request.body().is_empty() {
        None
    } else {
        Some(json_body(&request))
    };
    (
        request.method().to_string(),
        request.uri().to_string(),
        body,
    )
}

fn action() -> Action {
    Action::new("a.1", "Act", ActionLocation::MessageAction, "d.1")
}
fn dialog() -> Dialog {
    Dialog::new("d.1", "Dlg", "https://x.example/d")
}
fn page() -> ExternalPage {
    ExternalPage::new("p.1", "https://x.example/p")
}
fn glance() -> Glance {
    Glance::new(
        "g.1",
        "Gl",
        IconSet::new("https://x.example/i", "https://x.example/i2"),
    )
}
fn panel() -> WebPanel {
    WebPanel::new(
        "w.1",
        "Pnl",
        WebPanelLocation::SidebarRight,
        "https://x.example/w",
    )
}
fn webhook() -> ExtensionWebhook {
    ExtensionWebhook::new("h.1", "https://x.example/h", WebhookEvent::RoomEnter)
}

#[test]
fn every_extension_endpoint_sends_its_method_uri_and_body() {
    let action_json = json!({"key": "a.1", "name": {"value": "Act"}, "location": "hipchat.message.action", "target": "d.1"});
    let dialog_json =
        json!({"key": "d.1", "title": {"value": "Dlg"}, "url": "https://x.example/d"});
    let page_json = json!({"key": "p.1", "url": "https://x.example/p"});
    let glance_json = json!({"key": "g.1", "name": {"value": "Gl"}, "icon": {"url": "https://x.example/i", "url@2x": "https://x.example/i2"}});
    let panel_json = json!({"key": "w.1", "name": {"value": "Pnl"}, "location": "hipchat.sidebar.right", "url": "https://x.example/w"});
    let webhook_json = json!({"key": "h.1", "url": "https://x.example/h", "event": "room_enter"});

    let cases: Vec<Case> = vec![
        // Actions.
        (
            wire(GetGlobalAction::new("a.1")),
            "GET",
            format!("{BASE}/extension/action/a.1"),
            None,
        ),
        (
            wire(CreateGlobalAction::new(action())),
            "PUT",
            format!("{BASE}/extension/action/a.1"),
            Some(action_json.clone()),
        ),
        (
            wire(DeleteGlobalAction::new("a.1")),
            "DELETE",
            format!("{BASE}/extension/action/a.1"),
            None,
        ),
        (
            wire(GetRoomAction::new("Ops Team", "a.1")),
            "GET",
            format!("{ROOM}/extension/action/a.1"),
            None,
        ),
        (
            wire(CreateRoomAction::new("Ops Team", action())),
            "PUT",
            format!("{ROOM}/extension/action/a.1"),
            Some(action_json),
        ),
        (
            wire(DeleteRoomAction::new("Ops Team", "a.1")),
            "DELETE",
            format!("{ROOM}/extension/action/a.1"),
            None,
        ),
        // Dialogs.
        (
            wire(GetGlobalDialog::new("d.1")),
            "GET",
            format!("{BASE}/extension/dialog/d.1"),
            None,
        ),
        (
            wire(CreateGlobalDialog::new(dialog())),
            "PUT",
            format!("{BASE}/extension/dialog/d.1"),
            Some(dialog_json.clone()),
        ),
        (
            wire(DeleteGlobalDialog::new("d.1")),
            "DELETE",
            format!("{BASE}/extension/dialog/d.1"),
            None,
        ),
        (
            wire(GetRoomDialog::new("Ops Team", "d.1")),
            "GET",
            format!("{ROOM}/extension/dialog/d.1"),
            None,
        ),
        (
            wire(CreateRoomDialog::new("Ops Team", dialog())),
            "PUT",
            format!("{ROOM}/extension/dialog/d.1"),
            Some(dialog_json),
        ),
        (
            wire(DeleteRoomDialog::new("Ops Team", "d.1")),
            "DELETE",
            format!("{ROOM}/extension/dialog/d.1"),
            None,
        ),
        // External pages.
        (
            wire(GetGlobalExternalPage::new("p.1")),
            "GET",
            format!("{BASE}/extension/externalPage/p.1"),
            None,
        ),
        (
            wire(CreateGlobalExternalPage::new(page())),
            "PUT",
            format!("{BASE}/extension/externalPage/p.1"),
            Some(page_json.clone()),
        ),
        (
            wire(DeleteGlobalExternalPage::new("p.1")),
            "DELETE",
            format!("{BASE}/extension/externalPage/p.1"),
            None,
        ),
        (
            wire(GetRoomExternalPage::new("Ops Team", "p.1")),
            "GET",
            format!("{ROOM}/extension/externalPage/p.1"),
            None,
        ),
        (
            wire(CreateRoomExternalPage::new("Ops Team", page())),
            "PUT",
            format!("{ROOM}/extension/externalPage/p.1"),
            Some(page_json),
        ),
        (
            wire(DeleteRoomExternalPage::new("Ops Team", "p.1")),
            "DELETE",
            format!("{ROOM}/extension/externalPage/p.1"),
            None,
        ),
        // Glances.
        (
            wire(GetGlobalGlance::new("g.1")),
            "GET",
            format!("{BASE}/extension/glance/g.1"),
            None,
        ),
        (
            wire(CreateGlobalGlance::new(glance())),
            "PUT",
            format!("{BASE}/extension/glance/g.1"),
            Some(glance_json.clone()),
        ),
        (
            wire(DeleteGlobalGlance::new("g.1")),
            "DELETE",
            format!("{BASE}/extension/glance/g.1"),
            None,
        ),
        (
            wire(GetRoomGlance::new("Ops Team", "g.1")),
            "GET",
            format!("{ROOM}/extension/glance/g.1"),
            None,
        ),
        (
            wire(CreateRoomGlance::new("Ops Team", glance())),
            "PUT",
            format!("{ROOM}/extension/glance/g.1"),
            Some(glance_json),
        ),
        (
            wire(DeleteRoomGlance::new("Ops Team", "g.1")),
            "DELETE",
            format!("{ROOM}/extension/glance/g.1"),
            None,
        ),
        // Web panels.
        (
            wire(GetGlobalWebPanel::new("w.1")),
            "GET",
            format!("{BASE}/extension/webPanel/w.1"),
            None,
        ),
        (
            wire(CreateGlobalWebPanel::new(panel())),
            "PUT",
            format!("{BASE}/extension/webPanel/w.1"),
            Some(panel_json.clone()),
        ),
        (
            wire(DeleteGlobalWebPanel::new("w.1")),
            "DELETE",
            format!("{BASE}/extension/webPanel/w.1"),
            None,
        ),
        (
            wire(GetRoomWebPanel::new("Ops Team", "w.1")),
            "GET",
            format!("{ROOM}/extension/webPanel/w.1"),
            None,
        ),
        (
            wire(CreateRoomWebPanel::new("Ops Team", panel())),
            "PUT",
            format!("{ROOM}/extension/webPanel/w.1"),
            Some(panel_json),
        ),
        (
            wire(DeleteRoomWebPanel::new("Ops Team", "w.1")),
            "DELETE",
            format!("{ROOM}/extension/webPanel/w.1"),
            None,
        ),
        // Webhooks.
        (
            wire(GetGlobalWebhook::new("h.1")),
            "GET",
            format!("{BASE}/extension/webhook/h.1"),
            None,
        ),
        (
            wire(CreateGlobalWebhook::new(webhook())),
            "PUT",
            format!("{BASE}/extension/webhook/h.1"),
            Some(webhook_json.clone()),
        ),
        (
            wire(DeleteGlobalWebhook::new("h.1")),
            "DELETE",
            format!("{BASE}/extension/webhook/h.1"),
            None,
        ),
        (
            wire(GetRoomWebhook::new("Ops Team", "h.1")),
            "GET",
            format!("{ROOM}/extension/webhook/h.1"),
            None,
        ),
        (
            wire(CreateRoomWebhook::new("Ops Team", webhook())),
            "PUT",
            format!("{ROOM}/extension/webhook/h.1"),
            Some(webhook_json),
        ),
        (
            wire(DeleteRoomWebhook::new("Ops Team", "h.1")),
            "DELETE",
            format!("{ROOM}/extension/webhook/h.1"),
            None,
        ),
    ];
    assert_eq!(cases.len(), 36);
    for ((method, uri, body), want_method, want_uri, want_body) in cases {
        assert_eq!(
            (method.as_str(), uri.as_str()),
            (want_method, want_uri.as_str())
        );
        assert_eq!(body, want_body, "body of {want_method} {want_uri}");
    }
}

#[test]
fn room_ids_and_names_are_one_encoded_segment() {
    let (_, uri, _) = wire(GetRoomGlance::new(42u64, "g"));
    assert_eq!(uri, format!("{BASE}/room/42/extension/glance/g"));
    let (_, uri, _) = wire(DeleteRoomWebhook::new("a/b #1", "h"));
    assert_eq!(uri, format!("{BASE}/room/a%2Fb%20%231/extension/webhook/h"));
    assert_eq!(
        build_err(&GetRoomAction::new("..", "a")).field(),
        "room_id_or_name"
    );
}

/// The key checks of the read and delete methods, which take the key alone.
fn key_errors(key: &str) -> Vec<Option<InvalidInput>> {
    fn check<E: Endpoint>(endpoint: E) -> Option<InvalidInput> {
        endpoint.validate().err()
    }
    vec![
        check(GetGlobalAction::new(key)),
        check(DeleteGlobalAction::new(key)),
        check(GetRoomAction::new("r", key)),
        check(DeleteRoomAction::new("r", key)),
        check(GetGlobalDialog::new(key)),
        check(DeleteGlobalDialog::new(key)),
        check(GetRoomDialog::new("r", key)),
        check(DeleteRoomDialog::new("r", key)),
        check(GetGlobalExternalPage::new(key)),
        check(DeleteGlobalExternalPage::new(key)),
        check(GetRoomExternalPage::new("r", key)),
        check(DeleteRoomExternalPage::new("r", key)),
        check(GetGlobalGlance::new(key)),
        check(DeleteGlobalGlance::new(key)),
        check(GetRoomGlance::new("r", key)),
        check(DeleteRoomGlance::new("r", key)),
        check(GetGlobalWebPanel::new(key)),
        check(DeleteGlobalWebPanel::new(key)),
        check(GetRoomWebPanel::new("r", key)),
        check(DeleteRoomWebPanel::new("r", key)),
        check(GetGlobalWebhook::new(key)),
        check(DeleteGlobalWebhook::new(key)),
        check(GetRoomWebhook::new("r", key)),
        check(DeleteRoomWebhook::new("r", key)),
    ]
}

#[test]
fn read_and_delete_check_the_key() {
    for ok in ["ok-key_1.x", "K", &"k".repeat(40)] {
        assert!(key_errors(ok).iter().all(Option::is_none), "{ok}");
    }
    let long = "k".repeat(41);
    for (bad, rule) in [
        ("", "must be 1..=40 characters (got 0)"),
        (long.as_str(), "must be 1..=40 characters (got 41)"),
    ] {
        for err in key_errors(bad) {
            let err = err.expect("refused");
            assert_eq!((err.field(), err.rule()), ("key", rule));
        }
    }
    for bad in ["bad/key", "two words", "ünï"] {
        for err in key_errors(bad) {
            let err = err.expect("refused");
            assert_eq!(err.field(), "key");
            assert!(err.rule().starts_with("must match"), "{}", err.rule());
        }
    }
    // Nothing is sent: building fails too.
    assert_eq!(build_err(&GetGlobalGlance::new("bad/key")).field(), "key");
}

#[test]
fn create_checks_the_module_key() {
    let ok = Action::new("ok-key_1.x", "A", ActionLocation::InputAction, "t");
    build(&CreateGlobalAction::new(ok));
    for bad in ["", "bad/key", &"k".repeat(41)] {
        let err = build_err(&CreateRoomAction::new(
            "r",
            Action::new(bad, "A", ActionLocation::InputAction, "t"),
        ));
        assert_eq!(err.field(), "action.key", "{bad:?}");
        assert_eq!(
            build_err(&CreateGlobalDialog::new(Dialog::new(bad, "D", "u"))).field(),
            "dialog.key"
        );
        assert_eq!(
            build_err(&CreateGlobalExternalPage::new(ExternalPage::new(bad, "u"))).field(),
            "externalPage.key"
        );
        assert_eq!(
            build_err(&CreateRoomGlance::new(
                "r",
                Glance::new(bad, "G", IconSet::new("u", "v"))
            ))
            .field(),
            "glance.key"
        );
        assert_eq!(
            build_err(&CreateGlobalWebPanel::new(WebPanel::new(
                bad,
                "W",
                WebPanelLocation::SidebarRight,
                "u"
            )))
            .field(),
            "webPanel.key"
        );
        assert_eq!(
            build_err(&CreateRoomWebhook::new(
                "r",
                ExtensionWebhook::new(bad, "u", WebhookEvent::RoomExit)
            ))
            .field(),
            "webhook.key"
        );
    }
}

#[test]
fn path_templates_match_the_catalogue() {
    assert_eq!(
        GetRoomWebPanel::new("r", "k").path().template(),
        "/room/{room_id_or_name}/extension/webPanel/{key}"
    );
    assert_eq!(
        CreateGlobalExternalPage::new(page()).path().template(),
        "/extension/externalPage/{key}"
    );
}
