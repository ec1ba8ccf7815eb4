//! Pieces shared by many responses: entity links and the answer to a create call.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::de;

/// The `links` object of an entity: where to fetch it and its related collections.
///
/// The common members have fields; any other member is kept in [`Links::other`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Links {
    /// The entity itself (wire name `self`).
    #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
    pub self_link: Option<String>,
    /// A room's participants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participants: Option<String>,
    /// A room's webhooks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhooks: Option<String>,
    /// A private room's members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<String>,
    /// Any other link the server sent, by name, exactly as received.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

impl Links {
    /// The URL of the link called `name` (`self` included), if present and a string.
    pub fn get(&self, name: &str) -> Option<&str> {
        match name {
            "self" => self.self_link.as_deref(),
            "participants" => self.participants.as_deref(),
            "webhooks" => self.webhooks.as_deref(),
            "members" => self.members.as_deref(),
            other => self.other.get(other).and_then(serde_json::Value::as_str),
        }
    }
}

/// The `201 Created` answer of create calls (create_room, create_user, create_webhook, ...):
/// the new entity's id and links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatedResource {
    /// The new entity's id. create_room documents it as a string or a number; both are read.
    #[serde(deserialize_with = "de::u64_lenient")]
    pub id: u64,
    /// Links to the new entity.
    #[serde(default)]
    pub links: Links,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn links_keep_known_and_unknown_members() {
        let links: Links = serde_json::from_value(json!({
            "self": "https://api.hipchat.com/v2/room/7",
            "participants": "https://api.hipchat.com/v2/room/7/participant",
            "webhooks": "https://api.hipchat.com/v2/room/7/webhook",
            "statistics": "https://api.hipchat.com/v2/room/7/statistics"
        }))
        .unwrap();
        assert_eq!(
            links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/room/7")
        );
        assert_eq!(links.members, None);
        assert_eq!(
            links.get("statistics"),
            Some("https://api.hipchat.com/v2/room/7/statistics")
        );
        assert_eq!(
            links.get("webhooks"),
            Some("https://api.hipchat.com/v2/room/7/webhook")
        );
        assert_eq!(links.get("nothing"), None);
        // Serializing gives back the same object, unknown member included, no nulls.
        let back = serde_json::to_value(&links).unwrap();
        assert_eq!(
            back["statistics"],
            json!("https://api.hipchat.com/v2/room/7/statistics")
        );
        assert!(back.get("members").is_none());
    }

    #[test]
    fn created_resource_accepts_string_and_number_ids() {
        let from_number: CreatedResource = serde_json::from_value(json!({
            "id": 2001,
            "links": {"self": "https://api.hipchat.com/v2/room/2001"}
        }))
        .unwrap();
        assert_eq!(from_number.id, 2001);
        assert_eq!(
            from_number.links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/room/2001")
        );

        let from_string: CreatedResource =
            serde_json::from_value(json!({"id": "2001", "links": {"self": "x"}, "extra": true}))
                .unwrap();
        assert_eq!(from_string.id, 2001);
    }
}
