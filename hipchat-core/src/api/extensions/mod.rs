//! Extensions API: add-on modules (actions, dialogs, external pages, glances, web panels, webhooks) created at run time, for the whole group or one room.

mod macros;

mod action;
mod dialog;
mod external_page;
mod glance;
mod web_panel;
mod webhook;

#[cfg(test)]
mod tests;

pub use action::{
    CreateGlobalAction, CreateRoomAction, DeleteGlobalAction, DeleteRoomAction, GetGlobalAction,
    GetRoomAction,
};
pub use dialog::{
    CreateGlobalDialog, CreateRoomDialog, DeleteGlobalDialog, DeleteRoomDialog, GetGlobalDialog,
    GetRoomDialog,
};
pub use external_page::{
    CreateGlobalExternalPage, CreateRoomExternalPage, DeleteGlobalExternalPage,
    DeleteRoomExternalPage, GetGlobalExternalPage, GetRoomExternalPage,
};
pub use glance::{
    CreateGlobalGlance, CreateRoomGlance, DeleteGlobalGlance, DeleteRoomGlance, GetGlobalGlance,
    GetRoomGlance,
};
pub use web_panel::{
    CreateGlobalWebPanel, CreateRoomWebPanel, DeleteGlobalWebPanel, DeleteRoomWebPanel,
    GetGlobalWebPanel, GetRoomWebPanel,
};
pub use webhook::{
    CreateGlobalWebhook, CreateRoomWebhook, DeleteGlobalWebhook, DeleteRoomWebhook,
    GetGlobalWebhook, GetRoomWebhook,
};
