//! Integrations API: add-on installation data, integration links and UI updates.

mod create_integration_link;
mod delete_integration_link;
mod get_integration_installable_data;
mod invoke_integration_link;

pub use create_integration_link::CreateIntegrationLink;
pub use delete_integration_link::DeleteIntegrationLink;
pub use get_integration_installable_data::GetIntegrationInstallableData;
pub use invoke_integration_link::InvokeIntegrationLink;

mod addon_ui_update;
mod room_addon_ui_update;
mod ui_update;
mod user_addon_ui_update;
mod user_in_room_addon_ui_update;

pub use addon_ui_update::AddonUiUpdate;
pub use room_addon_ui_update::RoomAddonUiUpdate;
pub use user_addon_ui_update::UserAddonUiUpdate;
pub use user_in_room_addon_ui_update::UserInRoomAddonUiUpdate;
