//! The integrations group's add-on UI update endpoints.

use crate::{Row, row};
use hipchat_core::api::integrations::{
    AddonUiUpdate, RoomAddonUiUpdate, UserAddonUiUpdate, UserInRoomAddonUiUpdate,
};

pub fn rows() -> Vec<Row> {
    vec![
        row("integrations.addon_ui_update", AddonUiUpdate::new(vec![])),
        row(
            "integrations.room_addon_ui_update",
            RoomAddonUiUpdate::new("r", vec![]),
        ),
        row(
            "integrations.user_addon_ui_update",
            UserAddonUiUpdate::new("u", vec![]),
        ),
        row(
            "integrations.user_in_room_addon_ui_update",
            UserInRoomAddonUiUpdate::new("r", "u", vec![]),
        ),
    ]
}
