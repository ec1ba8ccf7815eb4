//! Imports API: back-dated users' and rooms' history and files. The paths of these methods are unconfirmed; see each method.

mod fields;
mod import_privatechat_file;
mod import_privatechat_history;
mod import_room_file;
mod import_room_history;

#[cfg(test)]
mod tests;

pub use import_privatechat_file::ImportPrivatechatFile;
pub use import_privatechat_history::ImportPrivatechatHistory;
pub use import_room_file::ImportRoomFile;
pub use import_room_history::ImportRoomHistory;
