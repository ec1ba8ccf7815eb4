//! Invites API: inviting people to the group.
