//! Rooms: the short reference found in lists, the full room, its statistics and member roles.

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use super::{Links, Privacy, UserSummary, de};

/// A room as listed by `GET /room` and referenced from other objects:
/// `{id, name, privacy, is_archived, version, links}`. Plain references carry only
/// `id`, `name` and `links`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RoomSummary {
    /// The room id.
    #[serde(deserialize_with = "de::u64_lenient")]
    pub id: u64,
    /// The room name.
    pub name: String,
    /// Whether the room is public or private.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy: Option<Privacy>,
    /// Whether the room is archived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_archived: Option<bool>,
    /// An opaque version tag of the room record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Links to the room and its collections.
    #[serde(default)]
    pub links: Links,
}

/// A full room (`GET /room/{room_id_or_name}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Room {
    /// The room id.
    #[serde(deserialize_with = "de::u64_lenient")]
    pub id: u64,
    /// The room name.
    pub name: String,
    /// The room's XMPP/Jabber id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xmpp_jid: Option<String>,
    /// When the room was created, as the server wrote it (ISO-8601).
    #[serde(
        default,
        deserialize_with = "de::option_string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub created: Option<String>,
    /// Whether the room is archived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_archived: Option<bool>,
    /// Whether the room is public or private.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy: Option<Privacy>,
    /// Whether guests may join through [`Room::guest_access_url`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_guest_accessible: Option<bool>,
    /// The URL guests use to join, when guest access is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guest_access_url: Option<String>,
    /// The room topic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// URL of the room's avatar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// Whether group admins may see this private room; `None` means the group default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegate_admin_visibility: Option<bool>,
    /// An opaque version tag of the room record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The room owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<UserSummary>,
    /// Up to 50 current participants. Deprecated by the API in favour of the participants
    /// link (`GetAllParticipants`); empty when the server left it out.
    #[serde(default, deserialize_with = "de::null_as_default")]
    pub participants: Vec<UserSummary>,
    /// Where the room's statistics are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statistics: Option<StatisticsRef>,
    /// Links to the room and its collections.
    #[serde(default)]
    pub links: Links,
    /// When the room was last active, sent by some older servers (ISO-8601 or unix seconds,
    /// kept as text).
    #[serde(
        default,
        deserialize_with = "de::option_string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_active: Option<String>,
}

impl Room {
    /// The short reference to this room.
    pub fn summary(&self) -> RoomSummary {
        RoomSummary {
            id: self.id,
            name: self.name.clone(),
            privacy: self.privacy.clone(),
            is_archived: self.is_archived,
            version: self.version.clone(),
            links: self.links.clone(),
        }
    }
}

/// The `statistics` member of a [`Room`]: only links, `{links{self}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StatisticsRef {
    /// Links to the statistics.
    #[serde(default)]
    pub links: Links,
}

/// The answer of `GET /room/{room_id_or_name}/statistics`:
/// `{messages_sent, last_active, links}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RoomStatistics {
    /// How many messages were ever sent to the room.
    #[serde(deserialize_with = "de::u64_lenient")]
    pub messages_sent: u64,
    /// When the room was last active, as the server wrote it. The documentation calls it unix
    /// time, but ISO-8601 strings were observed: both are kept as text (a number becomes its
    /// decimal text). `None` when the room never saw activity.
    #[serde(
        default,
        deserialize_with = "de::option_string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_active: Option<String>,
    /// Links to the statistics.
    #[serde(default)]
    pub links: Links,
}

crate::response::json_response!(RoomStatistics);

string_enum! {
    /// A member's role in a private room (`room_roles` of add_member).
    pub enum RoomRole {
        /// May administer the room.
        RoomAdmin => "room_admin",
        /// An ordinary member (the server's default).
        RoomMember => "room_member",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decodes_a_full_get_room_body() {
        let room: Room = serde_json::from_value(json!({
            "id": 2001,
            "name": "Ops & Deploys",
            "xmpp_jid": "1_ops_deploys@conf.hipchat.com",
            "created": "2015-03-02T11:21:05+00:00",
            "is_archived": false,
            "privacy": "private",
            "is_guest_accessible": true,
            "guest_access_url": "https://www.hipchat.com/gAbCdEf",
            "topic": "Release train: Thursday",
            "avatar_url": "https://s3.amazonaws.com/uploads.hipchat.com/rooms/2001/avatar.png",
            "delegate_admin_visibility": null,
            "version": "B1C2D3E4",
            "owner": {
                "id": 5, "name": "Ada Lovelace", "mention_name": "ada", "version": "00000000",
                "links": {"self": "https://api.hipchat.com/v2/user/5"}
            },
            "participants": [
                {"id": 5, "name": "Ada Lovelace", "mention_name": "ada",
                 "links": {"self": "https://api.hipchat.com/v2/user/5"}},
                {"id": 7, "name": "Bob", "mention_name": "bob",
                 "links": {"self": "https://api.hipchat.com/v2/user/7"}}
            ],
            "statistics": {"links": {"self": "https://api.hipchat.com/v2/room/2001/statistics"}},
            "links": {
                "self": "https://api.hipchat.com/v2/room/2001",
                "webhooks": "https://api.hipchat.com/v2/room/2001/webhook",
                "members": "https://api.hipchat.com/v2/room/2001/member",
                "participants": "https://api.hipchat.com/v2/room/2001/participant"
            },
            "last_active": 1496930400
        }))
        .unwrap();
        assert_eq!(room.id, 2001);
        assert_eq!(room.name, "Ops & Deploys");
        assert_eq!(room.privacy, Some(Privacy::Private));
        assert_eq!(room.is_archived, Some(false));
        assert_eq!(room.is_guest_accessible, Some(true));
        assert_eq!(
            room.guest_access_url.as_deref(),
            Some("https://www.hipchat.com/gAbCdEf")
        );
        assert_eq!(room.topic.as_deref(), Some("Release train: Thursday"));
        assert_eq!(room.delegate_admin_visibility, None);
        assert_eq!(room.owner.as_ref().unwrap().mention_name, "ada");
        assert_eq!(room.participants.len(), 2);
        assert_eq!(
            room.statistics.as_ref().unwrap().links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/room/2001/statistics")
        );
        assert_eq!(
            room.links.members.as_deref(),
            Some("https://api.hipchat.com/v2/room/2001/member")
        );
        assert_eq!(room.last_active.as_deref(), Some("1496930400"));
        assert_eq!(room.summary().privacy, Some(Privacy::Private));
    }

    #[test]
    fn decodes_a_minimal_room_from_an_old_server() {
        let room: Room = serde_json::from_value(json!({
            "id": 1, "name": "lobby", "participants": null, "some_future_field": [1, 2, 3]
        }))
        .unwrap();
        assert!(room.participants.is_empty());
        assert_eq!(room.owner, None);
        assert_eq!(room.links, Links::default());
    }

    #[test]
    fn room_summary_with_unknown_privacy() {
        let room: RoomSummary = serde_json::from_value(json!({
            "id": 9, "name": "x", "privacy": "secret", "is_archived": true,
            "links": {"self": "https://api.hipchat.com/v2/room/9"}
        }))
        .unwrap();
        assert_eq!(room.privacy, Some(Privacy::Other("secret".into())));
        assert_eq!(
            serde_json::to_value(&room).unwrap()["privacy"],
            json!("secret")
        );
    }

    #[test]
    fn statistics_accept_string_number_and_null_last_active() {
        let stats: RoomStatistics = serde_json::from_value(json!({
            "messages_sent": 7394, "last_active": "2017-05-20T13:56:46+00:00",
            "links": {"self": "https://api.hipchat.com/v2/room/7/statistics"}
        }))
        .unwrap();
        assert_eq!(stats.messages_sent, 7394);
        assert_eq!(
            stats.last_active.as_deref(),
            Some("2017-05-20T13:56:46+00:00")
        );
        assert_eq!(
            stats.links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/room/7/statistics")
        );
        let stats: RoomStatistics =
            serde_json::from_value(json!({"messages_sent": "12", "last_active": 1496930400}))
                .unwrap();
        assert_eq!(stats.messages_sent, 12);
        assert_eq!(stats.last_active.as_deref(), Some("1496930400"));
        let stats: RoomStatistics =
            serde_json::from_value(json!({"messages_sent": 0, "last_active": null})).unwrap();
        assert_eq!(stats.last_active, None);
        assert!(serde_json::from_value::<RoomStatistics>(json!({"last_active": null})).is_err());
    }

    #[test]
    fn room_roles_are_wire_strings() {
        assert_eq!(
            serde_json::to_value([RoomRole::RoomAdmin, RoomRole::RoomMember]).unwrap(),
            json!(["room_admin", "room_member"])
        );
        assert_eq!(
            RoomRole::from("room_owner"),
            RoomRole::Other("room_owner".into())
        );
        assert!(!RoomRole::from("room_owner").is_known());
    }
}
