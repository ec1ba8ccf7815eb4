//! Groups API: the group, its avatar and statistics.

mod delete_group_avatar;
mod get_group_avatar;
mod group_statistics;
mod update_group_avatar;
mod view_group;

pub use delete_group_avatar::DeleteGroupAvatar;
pub use get_group_avatar::GetGroupAvatar;
pub use group_statistics::GroupStatistics;
pub use update_group_avatar::UpdateGroupAvatar;
pub use view_group::ViewGroup;
