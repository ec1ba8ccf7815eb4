//! The extensions group's endpoints.

use crate::{Row, row};
use hipchat_core::api::extensions::*;
use hipchat_core::model::{
    Action, ActionLocation, Dialog, ExtensionWebhook, ExternalPage, Glance, IconSet, WebPanel,
    WebPanelLocation, WebhookEvent,
};

fn action() -> Action {
    Action::new("k", "n", ActionLocation::MessageAction, "t")
}
fn dialog() -> Dialog {
    Dialog::new("k", "t", "u")
}
fn page() -> ExternalPage {
    ExternalPage::new("k", "u")
}
fn glance() -> Glance {
    Glance::new("k", "n", IconSet::new("u", "u2"))
}
fn panel() -> WebPanel {
    WebPanel::new("k", "n", WebPanelLocation::SidebarRight, "u")
}
fn webhook() -> ExtensionWebhook {
    ExtensionWebhook::new("k", "u", WebhookEvent::RoomMessage)
}

pub fn rows() -> Vec<Row> {
    vec![
        row("extensions.get_global_action", GetGlobalAction::new("k")),
        row(
            "extensions.create_global_action",
            CreateGlobalAction::new(action()),
        ),
        row(
            "extensions.delete_global_action",
            DeleteGlobalAction::new("k"),
        ),
        row("extensions.get_global_dialog", GetGlobalDialog::new("k")),
        row(
            "extensions.create_global_dialog",
            CreateGlobalDialog::new(dialog()),
        ),
        row(
            "extensions.delete_global_dialog",
            DeleteGlobalDialog::new("k"),
        ),
        row(
            "extensions.get_global_external_page",
            GetGlobalExternalPage::new("k"),
        ),
        row(
            "extensions.create_global_external_page",
            CreateGlobalExternalPage::new(page()),
        ),
        row(
            "extensions.delete_global_external_page",
            DeleteGlobalExternalPage::new("k"),
        ),
        row("extensions.get_global_glance", GetGlobalGlance::new("k")),
        row(
            "extensions.create_global_glance",
            CreateGlobalGlance::new(glance()),
        ),
        row(
            "extensions.delete_global_glance",
            DeleteGlobalGlance::new("k"),
        ),
        row(
            "extensions.get_global_web_panel",
            GetGlobalWebPanel::new("k"),
        ),
        row(
            "extensions.create_global_web_panel",
            CreateGlobalWebPanel::new(panel()),
        ),
        row(
            "extensions.delete_global_web_panel",
            DeleteGlobalWebPanel::new("k"),
        ),
        row("extensions.get_global_webhook", GetGlobalWebhook::new("k")),
        row(
            "extensions.create_global_webhook",
            CreateGlobalWebhook::new(webhook()),
        ),
        row(
            "extensions.delete_global_webhook",
            DeleteGlobalWebhook::new("k"),
        ),
        row("extensions.get_room_action", GetRoomAction::new("r", "k")),
        row(
            "extensions.create_room_action",
            CreateRoomAction::new("r", action()),
        ),
        row(
            "extensions.delete_room_action",
            DeleteRoomAction::new("r", "k"),
        ),
        row("extensions.get_room_dialog", GetRoomDialog::new("r", "k")),
        row(
            "extensions.create_room_dialog",
            CreateRoomDialog::new("r", dialog()),
        ),
        row(
            "extensions.delete_room_dialog",
            DeleteRoomDialog::new("r", "k"),
        ),
        row(
            "extensions.get_room_external_page",
            GetRoomExternalPage::new("r", "k"),
        ),
        row(
            "extensions.create_room_external_page",
            CreateRoomExternalPage::new("r", page()),
        ),
        row(
            "extensions.delete_room_external_page",
            DeleteRoomExternalPage::new("r", "k"),
        ),
        row("extensions.get_room_glance", GetRoomGlance::new("r", "k")),
        row(
            "extensions.create_room_glance",
            CreateRoomGlance::new("r", glance()),
        ),
        row(
            "extensions.delete_room_glance",
            DeleteRoomGlance::new("r", "k"),
        ),
        row(
            "extensions.get_room_web_panel",
            GetRoomWebPanel::new("r", "k"),
        ),
        row(
            "extensions.create_room_web_panel",
            CreateRoomWebPanel::new("r", panel()),
        ),
        row(
            "extensions.delete_room_web_panel",
            DeleteRoomWebPanel::new("r", "k"),
        ),
        row("extensions.get_room_webhook", GetRoomWebhook::new("r", "k")),
        row(
            "extensions.create_room_webhook",
            CreateRoomWebhook::new("r", webhook()),
        ),
        row(
            "extensions.delete_room_webhook",
            DeleteRoomWebhook::new("r", "k"),
        ),
    ]
}
