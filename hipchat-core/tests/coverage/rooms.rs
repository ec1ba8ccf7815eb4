//! The rooms group's endpoints.

use crate::{Row, row};
use hipchat_core::api::rooms::*;
use hipchat_core::model::{FilePart, Privacy, WebhookEvent};

pub fn rows() -> Vec<Row> {
    vec![
        row("rooms.get_all_rooms", GetAllRooms::new()),
        row("rooms.create_room", CreateRoom::new("r")),
        row("rooms.get_room", GetRoom::new("r")),
        row("rooms.view_room_history", ViewRoomHistory::new("r")),
        row("rooms.send_message", SendMessage::new("r", "m")),
        row(
            "rooms.send_room_notification",
            SendRoomNotification::new("r", "m"),
        ),
        row("rooms.reply_to_message", ReplyToMessage::new("r", "p", "m")),
        row(
            "rooms.update_room",
            UpdateRoom::new("r", "n", Privacy::Public, false, false, "t", "u"),
        ),
        row("rooms.delete_room", DeleteRoom::new("r")),
        row("rooms.get_room_avatar", GetRoomAvatar::new("r")),
        row("rooms.update_room_avatar", UpdateRoomAvatar::new("r", "a")),
        row("rooms.delete_room_avatar", DeleteRoomAvatar::new("r")),
        row("rooms.get_room_message", GetRoomMessage::new("r", "m")),
        row(
            "rooms.view_recent_room_history",
            ViewRecentRoomHistory::new("r"),
        ),
        row("rooms.invite_user", InviteUser::new("r", "u")),
        row("rooms.get_all_members", GetAllMembers::new("r")),
        row("rooms.add_member", AddMember::new("r", "u")),
        row("rooms.remove_member", RemoveMember::new("r", "u")),
        row("rooms.get_all_participants", GetAllParticipants::new("r")),
        row(
            "rooms.share_file_with_room",
            ShareFileWithRoom::new("r", FilePart::new("f.txt", "text/plain", Vec::new())),
        ),
        row(
            "rooms.share_link_with_room",
            ShareLinkWithRoom::new("r", "https://l.example"),
        ),
        row("rooms.get_room_statistics", GetRoomStatistics::new("r")),
        row("rooms.set_topic", SetTopic::new("r", "t")),
        row("rooms.get_all_webhooks", GetAllWebhooks::new("r")),
        row(
            "rooms.create_webhook",
            CreateWebhook::new("r", "https://w.example", WebhookEvent::RoomMessage),
        ),
        row("rooms.get_webhook", GetWebhook::new("r", 1u64)),
        row("rooms.delete_webhook", DeleteWebhook::new("r", 1u64)),
    ]
}
