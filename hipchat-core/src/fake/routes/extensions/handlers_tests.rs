//! Creating, reading, replacing and deleting modules, and who may.

use futures_executor::block_on;

use super::super::tests::SCOPES;
use crate::api::extensions::*;
use crate::api::rooms::{GetAllWebhooks, SendRoomNotification};
use crate::fake::FakeHipChat;
use crate::fake::routes::oauth::tests::addon_token;
use crate::fake::tests::api_error;
use crate::model::{
    Action, ActionLocation, Authentication, BuiltinCondition, Condition, Dialog, DialogButton,
    DialogOptions, DialogStyle, ExtensionWebhook, ExternalPage, Glance, IconSet, NamedDialogSize,
    Scope, SimpleCondition, WebPanel, WebPanelLocation, WebhookEvent,
};

fn icon() -> IconSet {
    IconSet::new(
        "https://addon.example.com/i.png",
        "https://addon.example.com/i@2x.png",
    )
}

fn public_rooms_for_admins() -> Condition {
    Condition::and([
        SimpleCondition::new(BuiltinCondition::RoomIsPublic).into(),
        SimpleCondition::new(BuiltinCondition::UserIsAdmin).into(),
    ])
}

/// The path of a route with `Ops` for the room and `k1` for the key.
/// For one kind: create (201), read back (200, the module as sent), replace (201, same id),
/// delete (204), then read and delete again (404), globally and in a room, through the typed
/// endpoints of the client.
macro_rules! round_trip {
    ($fake:expr, $client:expr, $kind:literal, $key:literal, $module:expr, $changed:expr,
     $CreateG:ident, $GetG:ident, $DeleteG:ident, $CreateR:ident, $GetR:ident, $DeleteR:ident) => {{
        let fake: &FakeHipChat = $fake;
        let client = $client;
        let module = $module;
        let key: String = $key.to_owned();

        let created = block_on(client.send(&$CreateG::new(module.clone()))).unwrap();
        let id = created.id.clone().unwrap();
        assert_eq!(
            created.links.self_link.as_deref(),
            Some(format!("https://hipchat.fake/v2/extension/{}/{key}", $kind).as_str())
        );
        assert_eq!(
            block_on(client.send(&$GetG::new(key.as_str()))).unwrap(),
            module
        );
        assert_eq!(
            fake.extension_module($kind, None, &key),
            Some(serde_json::to_value(&module).unwrap())
        );
        let replaced = block_on(client.send(&$CreateG::new($changed))).unwrap();
        assert_eq!(
            replaced.id.as_deref(),
            Some(id.as_str()),
            "replacing keeps the id"
        );
        assert_eq!(
            block_on(client.send(&$GetG::new(key.as_str()))).unwrap(),
            $changed
        );
        block_on(client.send(&$DeleteG::new(key.as_str()))).unwrap();
        assert_eq!(
            api_error(block_on(client.send(&$GetG::new(key.as_str())))).0,
            404
        );
        assert_eq!(
            api_error(block_on(client.send(&$DeleteG::new(key.as_str())))).0,
            404
        );

        let created = block_on(client.send(&$CreateR::new("Ops", module.clone()))).unwrap();
        let ops = fake.room("Ops").unwrap().id;
        assert_eq!(
            created.links.self_link.as_deref(),
            Some(
                format!(
                    "https://hipchat.fake/v2/room/{ops}/extension/{}/{key}",
                    $kind
                )
                .as_str()
            )
        );
        assert_eq!(
            block_on(client.send(&$GetR::new(ops, key.as_str()))).unwrap(),
            module
        );
        // Room modules are separate from global ones and from other rooms'.
        assert_eq!(
            api_error(block_on(client.send(&$GetG::new(key.as_str())))).0,
            404
        );
        assert_eq!(
            api_error(block_on(client.send(&$GetR::new("Dev", key.as_str())))).0,
            404
        );
        assert_eq!(
            api_error(block_on(client.send(&$GetR::new("Nowhere", key.as_str())))).0,
            404
        );
        block_on(client.send(&$DeleteR::new("ops", key.as_str()))).unwrap();
        assert_eq!(
            api_error(block_on(client.send(&$GetR::new("Ops", key.as_str())))).0,
            404
        );
        assert_eq!(
            api_error(block_on(client.send(&$DeleteR::new("Ops", key.as_str())))).0,
            404
        );
    }};
}

#[test]
fn every_kind_round_trips_globally_and_per_room() {
    let fake = FakeHipChat::demo();
    let client = fake.client_with_token(addon_token(&fake, "addon", SCOPES));

    let action = Action::new(
        "open-ticket",
        "Open ticket",
        ActionLocation::MessageAction,
        "ticket-dialog",
    )
    .weight(10)
    .condition(public_rooms_for_admins());
    round_trip!(
        &fake,
        &client,
        "action",
        "open-ticket",
        action.clone(),
        action.clone().weight(20),
        CreateGlobalAction,
        GetGlobalAction,
        DeleteGlobalAction,
        CreateRoomAction,
        GetRoomAction,
        DeleteRoomAction
    );

    let options = DialogOptions::new()
        .style(DialogStyle::Warning)
        .primary_action(DialogButton::new("Save").key("save").enabled(true))
        .secondary_action(DialogButton::new("Cancel"))
        .size(NamedDialogSize::Large)
        .hint("Changes are saved at once");
    let dialog = Dialog::new(
        "ticket-dialog",
        "New ticket",
        "https://addon.example.com/dialog",
    )
    .authentication(Authentication::Jwt)
    .options(options);
    round_trip!(
        &fake,
        &client,
        "dialog",
        "ticket-dialog",
        dialog.clone(),
        dialog.clone().authentication(Authentication::None),
        CreateGlobalDialog,
        GetGlobalDialog,
        DeleteGlobalDialog,
        CreateRoomDialog,
        GetRoomDialog,
        DeleteRoomDialog
    );

    let page = ExternalPage::new("report", "https://addon.example.com/report").name("Report");
    round_trip!(
        &fake,
        &client,
        "externalPage",
        "report",
        page.clone(),
        page.clone().name("Weekly report"),
        CreateGlobalExternalPage,
        GetGlobalExternalPage,
        DeleteGlobalExternalPage,
        CreateRoomExternalPage,
        GetRoomExternalPage,
        DeleteRoomExternalPage
    );

    let glance = Glance::new("build-status", "Builds", icon())
        .query_url("https://addon.example.com/glance")
        .target("sidebar");
    round_trip!(
        &fake,
        &client,
        "glance",
        "build-status",
        glance.clone(),
        glance.clone().weight(5),
        CreateGlobalGlance,
        GetGlobalGlance,
        DeleteGlobalGlance,
        CreateRoomGlance,
        GetRoomGlance,
        DeleteRoomGlance
    );

    let panel = WebPanel::new(
        "sidebar",
        "Builds",
        WebPanelLocation::SidebarRight,
        "https://addon.example.com/panel",
    )
    .icon(icon())
    .authentication(Authentication::Jwt);
    round_trip!(
        &fake,
        &client,
        "webPanel",
        "sidebar",
        panel.clone(),
        panel.clone().weight(1),
        CreateGlobalWebPanel,
        GetGlobalWebPanel,
        DeleteGlobalWebPanel,
        CreateRoomWebPanel,
        GetRoomWebPanel,
        DeleteRoomWebPanel
    );

    let hook = ExtensionWebhook::new(
        "deploys",
        "https://addon.example.com/hook",
        WebhookEvent::RoomMessage,
    )
    .pattern("^/deploy")
    .name("Deploy hook");
    round_trip!(
        &fake,
        &client,
        "webhook",
        "deploys",
        hook.clone(),
        hook.clone().name("Renamed"),
        CreateGlobalWebhook,
        GetGlobalWebhook,
        DeleteGlobalWebhook,
        CreateRoomWebhook,
        GetRoomWebhook,
        DeleteRoomWebhook
    );
}

#[test]
fn user_tokens_and_other_addons_do_not_see_the_modules() {
    let fake = FakeHipChat::demo();
    let glance = Glance::new("g1", "G", icon());
    let (status, text) = api_error(block_on(
        fake.client().send(&CreateGlobalGlance::new(glance.clone())),
    ));
    assert_eq!(status, 403);
    assert!(text.contains("add-on"), "{text}");
    let first = fake.client_with_token(addon_token(&fake, "first", SCOPES));
    let second = fake.client_with_token(addon_token(&fake, "second", SCOPES));
    block_on(first.send(&CreateGlobalGlance::new(glance))).unwrap();
    assert_eq!(
        api_error(block_on(second.send(&GetGlobalGlance::new("g1")))).0,
        404
    );
    assert_eq!(
        api_error(block_on(second.send(&DeleteGlobalGlance::new("g1")))).0,
        404
    );
    assert!(block_on(first.send(&GetGlobalGlance::new("g1"))).is_ok());
    // Scopes still apply: admin_group for global modules, admin_room for room ones.
    let room_only = fake.client_with_token(addon_token(&fake, "room-only", &[Scope::AdminRoom]));
    assert_eq!(
        api_error(block_on(room_only.send(&GetGlobalGlance::new("g1")))).0,
        403
    );
    assert_eq!(
        api_error(block_on(room_only.send(&GetRoomGlance::new("Ops", "g1")))).0,
        404
    );
}

#[test]
fn a_room_installation_only_manages_its_room() {
    let fake = FakeHipChat::demo();
    let token = addon_token(&fake, "ops-addon", SCOPES);
    let ops = fake.room("Ops").unwrap().id;
    fake.lock().oauth_clients.get_mut("ops-addon").unwrap().room = Some(ops);
    let client = fake.client_with_token(token);
    let glance = Glance::new("g1", "G", icon());
    block_on(client.send(&CreateRoomGlance::new("Ops", glance.clone()))).unwrap();
    assert_eq!(
        api_error(block_on(
            client.send(&CreateRoomGlance::new("Dev", glance.clone()))
        ))
        .0,
        403
    );
    assert_eq!(
        api_error(block_on(client.send(&CreateGlobalGlance::new(glance)))).0,
        403
    );
}

#[test]
fn at_most_ten_modules_of_a_kind_per_place() {
    let fake = FakeHipChat::demo();
    let client = fake.client_with_token(addon_token(&fake, "addon", SCOPES));
    for i in 0..10 {
        block_on(client.send(&CreateRoomGlance::new(
            "Ops",
            Glance::new(format!("g{i}"), "G", icon()),
        )))
        .unwrap();
    }
    let (status, text) = api_error(block_on(client.send(&CreateRoomGlance::new(
        "Ops",
        Glance::new("g10", "G", icon()),
    ))));
    assert_eq!(status, 400);
    assert!(text.contains("at most 10"), "{text}");
    // Replacing an existing one, another room and another kind are fine.
    block_on(client.send(&CreateRoomGlance::new(
        "Ops",
        Glance::new("g3", "Again", icon()),
    )))
    .unwrap();
    block_on(client.send(&CreateRoomGlance::new(
        "Dev",
        Glance::new("g10", "G", icon()),
    )))
    .unwrap();
    block_on(client.send(&CreateGlobalGlance::new(Glance::new("g10", "G", icon())))).unwrap();
}

#[test]
fn room_webhook_modules_are_room_webhooks() {
    let fake = FakeHipChat::demo();
    let client = fake.client_with_token(addon_token(&fake, "addon", SCOPES));
    let hook = ExtensionWebhook::new(
        "notes",
        "https://addon.example.com/notes",
        WebhookEvent::RoomNotification,
    );
    let created = block_on(client.send(&CreateRoomWebhook::new("Ops", hook.clone()))).unwrap();
    let id: u64 = created.id.unwrap().parse().unwrap();
    let webhook = fake.lock().webhooks.get(&id).cloned().unwrap();
    assert_eq!(webhook.key.as_deref(), Some("notes"));
    assert_eq!(webhook.event, "room_notification");
    assert_eq!(webhook.authentication.as_deref(), Some("none"));
    // Listed with the room's webhooks.
    let page = block_on(fake.client().send(&GetAllWebhooks::new("Ops"))).unwrap();
    assert!(page.items.iter().any(|w| w.id == id));
    // Replacing keeps the webhook; deleting removes it.
    let again = block_on(client.send(&CreateRoomWebhook::new("Ops", hook.name("Notes")))).unwrap();
    assert_eq!(again.id.as_deref(), Some(id.to_string().as_str()));
    assert_eq!(fake.lock().webhooks[&id].name.as_deref(), Some("Notes"));
    // It receives the room's events like any webhook, until it is deleted.
    block_on(
        fake.client()
            .send(&SendRoomNotification::new("Ops", "hello")),
    )
    .unwrap();
    block_on(client.send(&DeleteRoomWebhook::new("Ops", "notes"))).unwrap();
    assert!(!fake.lock().webhooks.contains_key(&id));
    block_on(fake.client().send(&SendRoomNotification::new("Ops", "bye"))).unwrap();
    let deliveries = fake.webhook_deliveries();
    assert_eq!(deliveries.len(), 1, "{deliveries:?}");
    assert_eq!(deliveries[0].webhook_id, id);
    assert_eq!(deliveries[0].url, "https://addon.example.com/notes");
    assert_eq!(deliveries[0].payload["item"]["message"]["message"], "hello");
}
