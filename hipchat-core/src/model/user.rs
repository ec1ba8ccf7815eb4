//! Users: the short reference found in lists and other objects, the full profile, and the
//! pieces of the user administration methods (photo sizes, presence updates, the answer to
//! creating a user).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use super::{Links, PresenceShow, de};
use crate::InvalidInput;
use crate::validate::known;

/// A reference to a user, as found in user lists, room participants, message senders and
/// mentions: `{id, name, mention_name, version, links{self}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserSummary {
    /// The user id.
    #[serde(deserialize_with = "de::u64_lenient")]
    pub id: u64,
    /// The display name.
    pub name: String,
    /// The @mention name, without the `@`. Empty if the server left it out.
    #[serde(default)]
    pub mention_name: String,
    /// An opaque version tag of the user record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Links to the full user.
    #[serde(default)]
    pub links: Links,
}

/// A full user profile (`GET /user/{id_or_email}`, or list items with `expand=items`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct User {
    /// The user id.
    #[serde(deserialize_with = "de::u64_lenient")]
    pub id: u64,
    /// The display name.
    pub name: String,
    /// The @mention name, without the `@`. Empty if the server left it out.
    #[serde(default)]
    pub mention_name: String,
    /// The e-mail address (may be hidden from callers without the rights to see it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The user's time zone, a tz-database name such as `Europe/Paris`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// The XMPP/Jabber id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xmpp_jid: Option<String>,
    /// When the account was created, as the server wrote it (ISO-8601).
    #[serde(
        default,
        deserialize_with = "de::option_string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub created: Option<String>,
    /// When the user was last active, as the server wrote it: ISO-8601, or unix seconds (a
    /// number is kept as its decimal text).
    #[serde(
        default,
        deserialize_with = "de::option_string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_active: Option<String>,
    /// Whether the account was deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_deleted: Option<bool>,
    /// Whether the user administers the group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_group_admin: Option<bool>,
    /// Whether the user is a guest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_guest: Option<bool>,
    /// URL of the user's photo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_url: Option<String>,
    /// The user's roles, such as `owner`, `admin` or `user`.
    #[serde(
        default,
        deserialize_with = "de::null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub roles: Vec<String>,
    /// The group the user belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<UserGroup>,
    /// Whether and how the user is online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presence: Option<Presence>,
    /// Links to this user.
    #[serde(default)]
    pub links: Links,
}

impl User {
    /// The short reference to this user.
    pub fn summary(&self) -> UserSummary {
        UserSummary {
            id: self.id,
            name: self.name.clone(),
            mention_name: self.mention_name.clone(),
            version: None,
            links: self.links.clone(),
        }
    }
}

/// The group a [`User`] belongs to: `{id, name, links{self}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserGroup {
    /// The group id.
    #[serde(deserialize_with = "de::u64_lenient")]
    pub id: u64,
    /// The group name.
    #[serde(default)]
    pub name: String,
    /// Links to the group.
    #[serde(default)]
    pub links: Links,
}

/// A user's presence: `{status, idle, show, is_online, client{type, version}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Presence {
    /// The free-text status message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Seconds the user has been idle.
    #[serde(
        default,
        deserialize_with = "de::option_u64_lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub idle: Option<u64>,
    /// Availability (away, chat, dnd, xa); absent when the user is simply available or offline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show: Option<PresenceShow>,
    /// Whether the user is connected. `false` when the server left it out.
    #[serde(default)]
    pub is_online: bool,
    /// The chat client the user is connected with (online users only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<PresenceClient>,
}

/// The chat client of an online user: `{type, version}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PresenceClient {
    /// The client kind, such as `http://hipchat.com/client/mac` (wire name `type`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub client_type: Option<String>,
    /// The client version.
    #[serde(
        default,
        deserialize_with = "de::option_string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub version: Option<String>,
}

string_enum! {
    /// The size of a user photo (`size` in `GET /user/{id_or_email}/photo/{size}`).
    pub enum PhotoSize {
        /// The small version.
        Small => "small",
        /// The large version.
        Big => "big",
    }
}

/// The `presence` of an update_user body: `{status, show}`. Unset members are not sent.
///
/// ```
/// use hipchat_core::model::{PresenceShow, PresenceUpdate};
///
/// let presence = PresenceUpdate::new().status("On call").show(PresenceShow::Dnd);
/// assert_eq!(
///     serde_json::to_value(&presence).unwrap(),
///     serde_json::json!({"status": "On call", "show": "dnd"})
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PresenceUpdate {
    // `Some(None)` is an explicit `null`: the field is nullable on the wire.
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    show: Option<PresenceShow>,
}

impl PresenceUpdate {
    /// A presence update that changes nothing until a setter is called.
    pub fn new() -> Self {
        PresenceUpdate::default()
    }

    /// The free-text status message.
    pub fn status(mut self, status: impl Into<String>) -> Self {
        self.status = Some(Some(status.into()));
        self
    }

    /// Sends `"status": null`, which the API documents as allowed, to remove the status
    /// message.
    pub fn clear_status(mut self) -> Self {
        self.status = Some(None);
        self
    }

    /// The availability: `away`, `chat`, `dnd` or `xa`.
    pub fn show(mut self, show: PresenceShow) -> Self {
        self.show = Some(show);
        self
    }

    /// `show` must be one of the four documented values (reported as `presence.show`).
    pub(crate) fn validate(&self) -> Result<(), InvalidInput> {
        match &self.show {
            Some(show) => known("presence.show", show, show.is_known(), PresenceShow::KNOWN),
            None => Ok(()),
        }
    }
}

/// The `201 Created` answer of create_user: the new user's id and links, and the generated
/// password when the request set none and the server sends it back (that it does is
/// unconfirmed). `Debug` prints the password redacted.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatedUser {
    /// The new user's id.
    #[serde(deserialize_with = "de::u64_lenient")]
    pub id: u64,
    /// Links to the new user.
    #[serde(default)]
    pub links: Links,
    /// The password the server generated, if it returned one.
    #[serde(
        default,
        deserialize_with = "de::option_string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub password: Option<String>,
}

impl fmt::Debug for CreatedUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreatedUser")
            .field("id", &self.id)
            .field("links", &self.links)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

crate::response::json_response!(CreatedUser);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn full_user_json() -> serde_json::Value {
        json!({
            "id": 5,
            "name": "Ada Lovelace",
            "mention_name": "ada",
            "email": "ada@example.com",
            "title": "Engineer",
            "timezone": "Europe/London",
            "xmpp_jid": "1_5@chat.hipchat.com",
            "created": "2013-11-07T17:57:11+00:00",
            "last_active": "1421029691",
            "is_deleted": false,
            "is_group_admin": true,
            "is_guest": false,
            "photo_url": "https://s3.amazonaws.com/uploads.hipchat.com/photos/5/ada_125.jpg",
            "roles": ["owner", "admin", "user"],
            "group": {
                "id": 1,
                "name": "Analytical Engines",
                "links": {"self": "https://api.hipchat.com/v2/group/1"}
            },
            "presence": {
                "status": "Computing",
                "idle": 120,
                "show": "away",
                "is_online": true,
                "client": {"type": "http://hipchat.com/client/linux", "version": "4.0.1"}
            },
            "links": {"self": "https://api.hipchat.com/v2/user/5"}
        })
    }

    #[test]
    fn decodes_a_full_view_user_body() {
        let user: User = serde_json::from_value(full_user_json()).unwrap();
        assert_eq!(user.id, 5);
        assert_eq!(user.mention_name, "ada");
        assert_eq!(user.email.as_deref(), Some("ada@example.com"));
        assert_eq!(user.timezone.as_deref(), Some("Europe/London"));
        assert_eq!(user.last_active.as_deref(), Some("1421029691"));
        assert_eq!(user.is_group_admin, Some(true));
        assert_eq!(user.roles, ["owner", "admin", "user"]);
        let group = user.group.as_ref().unwrap();
        assert_eq!((group.id, group.name.as_str()), (1, "Analytical Engines"));
        let presence = user.presence.as_ref().unwrap();
        assert_eq!(presence.status.as_deref(), Some("Computing"));
        assert_eq!(presence.idle, Some(120));
        assert_eq!(presence.show, Some(PresenceShow::Away));
        assert!(presence.is_online);
        let client = presence.client.as_ref().unwrap();
        assert_eq!(
            client.client_type.as_deref(),
            Some("http://hipchat.com/client/linux")
        );
        assert_eq!(client.version.as_deref(), Some("4.0.1"));
        assert_eq!(
            user.links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/user/5")
        );
        assert_eq!(user.summary().name, "Ada Lovelace");
    }

    #[test]
    fn offline_user_with_numeric_last_active_and_sparse_fields() {
        let user: User = serde_json::from_value(json!({
            "id": "6",
            "name": "Guest",
            "mention_name": "guest",
            "last_active": 1421029691,
            "is_guest": true,
            "roles": null,
            "presence": {"show": null, "is_online": false},
            "brand_new_field": {"anything": 1},
            "links": {"self": "https://api.hipchat.com/v2/user/6"}
        }))
        .unwrap();
        assert_eq!(user.id, 6);
        assert_eq!(user.last_active.as_deref(), Some("1421029691"));
        assert!(user.roles.is_empty());
        assert_eq!(user.email, None);
        let presence = user.presence.unwrap();
        assert!(!presence.is_online);
        assert_eq!(presence.show, None);
        assert_eq!(presence.client, None);
    }

    #[test]
    fn unknown_presence_show_is_kept() {
        let presence: Presence = serde_json::from_value(json!({"show": "mobile"})).unwrap();
        assert_eq!(presence.show, Some(PresenceShow::Other("mobile".into())));
        assert!(!presence.is_online);
    }

    #[test]
    fn user_summary_from_a_list() {
        let user: UserSummary = serde_json::from_value(json!({
            "id": 7, "name": "Bob", "mention_name": "bob", "version": "00000000",
            "links": {"self": "https://api.hipchat.com/v2/user/7"}
        }))
        .unwrap();
        assert_eq!(
            (user.id, user.name.as_str(), user.mention_name.as_str()),
            (7, "Bob", "bob")
        );
        assert_eq!(user.version.as_deref(), Some("00000000"));
    }

    #[test]
    fn created_user_with_and_without_password() {
        let created: CreatedUser = serde_json::from_value(json!({
            "id": "17", "links": {"self": "https://api.hipchat.com/v2/user/17"}, "password": "Zq8-xx1"
        }))
        .unwrap();
        assert_eq!(created.id, 17);
        assert_eq!(created.password.as_deref(), Some("Zq8-xx1"));
        let shown = format!("{created:?}");
        assert!(!shown.contains("Zq8-xx1"), "{shown}");
        assert!(shown.contains("<redacted>"));
        let created: CreatedUser = serde_json::from_value(json!({"id": 18})).unwrap();
        assert_eq!(created.password, None);
        assert!(format!("{created:?}").contains("password: None"));
    }

    #[test]
    fn presence_update_sends_only_what_is_set() {
        assert_eq!(
            serde_json::to_value(PresenceUpdate::new()).unwrap(),
            json!({})
        );
        assert_eq!(
            serde_json::to_value(PresenceUpdate::new().clear_status()).unwrap(),
            json!({"status": null})
        );
        let bad = PresenceUpdate::new().show(PresenceShow::from("busy"));
        assert_eq!(bad.validate().unwrap_err().field(), "presence.show");
        PresenceUpdate::new()
            .show(PresenceShow::Xa)
            .validate()
            .unwrap();
        assert_eq!(PhotoSize::from("big"), PhotoSize::Big);
        assert_eq!(PhotoSize::Small.as_str(), "small");
    }
}
