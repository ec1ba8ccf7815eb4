//! Prefs Public API: a user's public preferences.

mod get_auto_join_rooms;

pub use get_auto_join_rooms::GetAutoJoinRooms;
