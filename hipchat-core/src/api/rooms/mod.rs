//! Rooms API: rooms, their history, messages and notifications.

mod create_room;
mod get_all_rooms;
mod get_room;
mod reply_to_message;
mod send_message;
mod send_room_notification;
mod view_room_history;

pub use create_room::CreateRoom;
pub use get_all_rooms::GetAllRooms;
pub use get_room::GetRoom;
pub use reply_to_message::ReplyToMessage;
pub use send_message::SendMessage;
pub use send_room_notification::SendRoomNotification;
pub use view_room_history::ViewRoomHistory;
