//! The prefs_public group's endpoints.

use crate::{Row, row};
use hipchat_core::api::prefs_public::*;

pub fn rows() -> Vec<Row> {
    vec![row(
        "prefs_public.get_auto_join_rooms",
        GetAutoJoinRooms::new("u"),
    )]
}
