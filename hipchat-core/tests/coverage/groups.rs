//! The groups group's endpoints.

use crate::{Row, row};
use hipchat_core::api::groups::*;

pub fn rows() -> Vec<Row> {
    vec![
        row("groups.view_group", ViewGroup::new(1u64)),
        row("groups.get_group_avatar", GetGroupAvatar::new(1u64)),
        row(
            "groups.update_group_avatar",
            UpdateGroupAvatar::new(1u64, "a"),
        ),
        row("groups.delete_group_avatar", DeleteGroupAvatar::new(1u64)),
        row("groups.group_statistics", GroupStatistics::new(1u64)),
    ]
}
