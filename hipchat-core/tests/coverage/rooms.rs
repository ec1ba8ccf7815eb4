//! The rooms group's endpoints.

use crate::{Row, row};
use hipchat_core::api::rooms::*;

pub fn rows() -> Vec<Row> {
    vec![
        row("rooms.get_all_rooms", GetAllRooms::new()),
        row("rooms.create_room", CreateRoom::new("r")),
        row("rooms.get_room", GetRoom::new("r")),
        row("rooms.view_room_history", ViewRoomHistory::new("r")),
        row("rooms.send_message", SendMessage::new("r", "m")),
        row("rooms.send_room_notification", SendRoomNotification::new("r", "m")),
        row("rooms.reply_to_message", ReplyToMessage::new("r", "p", "m")),
    ]
}
