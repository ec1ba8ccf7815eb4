//! Invites API: inviting people to the group.

mod invite_user_to_group;

pub use invite_user_to_group::InviteUserToGroup;
