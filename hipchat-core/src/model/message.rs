//! Chat history messages and the answer to posting one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Color, MessageFormat, MessageType, UserSummary, de};

/// One message of room or private-chat history.
///
/// History mixes user messages, notifications, guest-access and topic events; most fields are
/// therefore optional. Deleted messages (with `include_deleted=true`) come without `message`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Message {
    /// The message id, a UUID.
    #[serde(deserialize_with = "de::string_or_number")]
    pub id: String,
    /// When it was posted, as the server wrote it (ISO-8601, in the requested time zone).
    #[serde(default, deserialize_with = "de::string_or_number")]
    pub date: String,
    /// Who posted it: a user for user messages, a label for notifications, `None` when the
    /// server sent `null` or nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<MessageSender>,
    /// The body; absent for deleted messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The kind of message (wire name `type`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub message_type: Option<MessageType>,
    /// How the body is formatted (notifications).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_format: Option<MessageFormat>,
    /// The background colour (notifications).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<Color>,
    /// The users @mentioned in the message.
    #[serde(
        default,
        deserialize_with = "de::null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub mentions: Vec<UserSummary>,
    /// The shared file, for file messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<MessageFile>,
    /// Previews of the links in the message.
    #[serde(
        default,
        deserialize_with = "de::null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub message_links: Vec<MessageLink>,
    /// The card of a card notification, kept as raw JSON: cards in history come in many shapes.
    /// [`Card`](super::Card) can decode the ones that follow the notification card schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<serde_json::Value>,
    /// What this notification is attached to, as raw JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attach_to: Option<serde_json::Value>,
    /// The integration that sent a notification, as raw JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_sender: Option<serde_json::Value>,
}

impl Message {
    /// Whether the message body is gone (a deleted message).
    pub fn is_deleted(&self) -> bool {
        self.message.is_none()
    }
}

/// The wrapper some servers put around a single message: `{"message": {...}}`.
#[derive(Deserialize)]
struct MessageEnvelope {
    message: Message,
}

/// A single message is answered either wrapped, `{"message": {...}}`, or bare (sources
/// disagree, and servers of different ages may differ): both decode to the [`Message`].
impl crate::FromResponse for Message {
    fn from_response(response: crate::HttpResponse) -> Result<Self, crate::Error> {
        // A bare message has an `id` and a string (or absent) `message`; the wrapper has an
        // object under `message` and no `id`.
        let wrapped = serde_json::from_slice::<serde_json::Value>(response.body())
            .ok()
            .is_some_and(|v| {
                v.get("message").is_some_and(serde_json::Value::is_object) && v.get("id").is_none()
            });
        if wrapped {
            crate::decode_json::<MessageEnvelope>(response).map(|envelope| envelope.message)
        } else {
            crate::decode_json(response)
        }
    }
}

/// The `from` of a history [`Message`]: an object for user messages, a plain label for
/// notifications.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum MessageSender {
    /// A user reference.
    User(UserSummary),
    /// The free-text label of a notification (possibly empty).
    Label(String),
}

/// Decoded by the JSON type of the value (a string is a label, an object a user) rather than
/// by trying each variant, which would buffer every sender of a history page first.
impl<'de> Deserialize<'de> for MessageSender {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SenderVisitor;

        impl<'de> serde::de::Visitor<'de> for SenderVisitor {
            type Value = MessageSender;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a user object or a sender label")
            }

            fn visit_str<E: serde::de::Error>(self, label: &str) -> Result<MessageSender, E> {
                Ok(MessageSender::Label(label.to_owned()))
            }

            fn visit_string<E: serde::de::Error>(self, label: String) -> Result<MessageSender, E> {
                Ok(MessageSender::Label(label))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<MessageSender, A::Error> {
                UserSummary::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(MessageSender::User)
            }
        }

        deserializer.deserialize_any(SenderVisitor)
    }
}

impl MessageSender {
    /// The text to show for the sender: the user's name or the label.
    pub fn display_name(&self) -> &str {
        match self {
            MessageSender::User(user) => &user.name,
            MessageSender::Label(label) => label,
        }
    }

    /// The user, when a user posted the message.
    pub fn user(&self) -> Option<&UserSummary> {
        match self {
            MessageSender::User(user) => Some(user),
            MessageSender::Label(_) => None,
        }
    }
}

/// The file of a file message: `{name, size, url, thumb_url?}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageFile {
    /// The file name.
    #[serde(default)]
    pub name: String,
    /// Its size in bytes.
    #[serde(
        default,
        deserialize_with = "de::option_u64_lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub size: Option<u64>,
    /// Where to download it.
    #[serde(default)]
    pub url: String,
    /// A thumbnail, for images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumb_url: Option<String>,
}

/// A link preview attached to a message: `{type, url, <type>: {...}}`, where `type` is one of
/// `image`, `video`, `link`, `twitter_status`, `twitter_user`. The type-specific object and any
/// other member are kept in [`MessageLink::details`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageLink {
    /// The kind of preview (wire name `type`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub link_type: Option<String>,
    /// The linked URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Every other member, by name, exactly as received.
    #[serde(flatten)]
    pub details: BTreeMap<String, serde_json::Value>,
}

impl MessageLink {
    /// The type-specific object (the member named after [`MessageLink::link_type`]).
    pub fn preview(&self) -> Option<&serde_json::Value> {
        self.details.get(self.link_type.as_deref()?)
    }
}

/// The `201` answer of send_message: `{id, timestamp}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SentMessage {
    /// The id (UUID) of the new message.
    #[serde(deserialize_with = "de::string_or_number")]
    pub id: String,
    /// When it was posted, as the server wrote it.
    #[serde(default, deserialize_with = "de::string_or_number")]
    pub timestamp: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Page;
    use serde_json::json;

    fn history_page() -> serde_json::Value {
        json!({
            "items": [
                {
                    "id": "8f3e6c1a-3f5b-4b7e-9d2a-1c2b3d4e5f60",
                    "date": "2017-05-20T13:56:46.750428+00:00",
                    "from": {
                        "id": 5, "name": "Ada Lovelace", "mention_name": "ada", "version": "00000000",
                        "links": {"self": "https://api.hipchat.com/v2/user/5"}
                    },
                    "message": "@bob see https://example.com/build/42",
                    "type": "message",
                    "mentions": [
                        {"id": 7, "name": "Bob", "mention_name": "bob",
                         "links": {"self": "https://api.hipchat.com/v2/user/7"}}
                    ],
                    "message_links": [
                        {"type": "link", "url": "https://example.com/build/42",
                         "link": {"title": "Build 42", "description": "passed",
                                  "faviconUrl": "https://example.com/favicon.ico"}}
                    ]
                },
                {
                    "id": "0a1b2c3d-0000-4000-8000-000000000001",
                    "date": "2017-05-20T13:57:00+00:00",
                    "from": "CI",
                    "message": "<b>Build 42</b> passed",
                    "type": "notification",
                    "message_format": "html",
                    "color": "green",
                    "mentions": [],
                    "card": {"style": "application", "id": "b42", "title": "Build 42"},
                    "notification_sender": {"type": "addon", "id": "abc", "client_id": "xyz"}
                },
                {
                    "id": "0a1b2c3d-0000-4000-8000-000000000002",
                    "date": "2017-05-20T13:58:00+00:00",
                    "from": {"id": 7, "name": "Bob", "mention_name": "bob",
                             "links": {"self": "https://api.hipchat.com/v2/user/7"}},
                    "type": "message",
                    "mentions": []
                },
                {
                    "id": "0a1b2c3d-0000-4000-8000-000000000003",
                    "date": "2017-05-20T13:59:00+00:00",
                    "from": {"id": 7, "name": "Bob", "mention_name": "bob",
                             "links": {"self": "https://api.hipchat.com/v2/user/7"}},
                    "message": "",
                    "type": "message",
                    "file": {
                        "name": "deploy.png",
                        "size": 48213,
                        "url": "https://s3.amazonaws.com/uploads.hipchat.com/1/2001/abc/deploy.png",
                        "thumb_url": "https://s3.amazonaws.com/uploads.hipchat.com/1/2001/abc/deploy_thumb.png"
                    }
                },
                {
                    "id": "0a1b2c3d-0000-4000-8000-000000000004",
                    "date": "2017-05-20T14:00:00+00:00",
                    "from": null,
                    "message": "Welcome, guest",
                    "type": "guest_access"
                }
            ],
            "startIndex": 0,
            "maxResults": 100,
            "links": {"self": "https://api.hipchat.com/v2/room/2001/history"}
        })
    }

    #[test]
    fn decodes_a_mixed_history_page() {
        let page: Page<Message> = serde_json::from_value(history_page()).unwrap();
        assert_eq!(page.len(), 5);
        assert_eq!(page.next_link(), None);

        let user_message = &page.items[0];
        assert_eq!(user_message.message_type, Some(MessageType::Message));
        let sender = user_message.from.as_ref().unwrap();
        assert_eq!(sender.user().unwrap().id, 5);
        assert_eq!(sender.display_name(), "Ada Lovelace");
        assert_eq!(user_message.mentions[0].mention_name, "bob");
        let link = &user_message.message_links[0];
        assert_eq!(link.link_type.as_deref(), Some("link"));
        assert_eq!(link.url.as_deref(), Some("https://example.com/build/42"));
        assert_eq!(link.preview().unwrap()["title"], json!("Build 42"));
        assert_eq!(user_message.date, "2017-05-20T13:56:46.750428+00:00");

        let notification = &page.items[1];
        assert_eq!(
            notification.from,
            Some(MessageSender::Label("CI".to_owned()))
        );
        assert_eq!(notification.from.as_ref().unwrap().user(), None);
        assert_eq!(notification.message_format, Some(MessageFormat::Html));
        assert_eq!(notification.color, Some(Color::Green));
        assert_eq!(notification.card.as_ref().unwrap()["id"], json!("b42"));
        assert!(notification.notification_sender.is_some());

        let deleted = &page.items[2];
        assert!(deleted.is_deleted());
        assert_eq!(deleted.message, None);

        let file_message = &page.items[3];
        let file = file_message.file.as_ref().unwrap();
        assert_eq!(file.name, "deploy.png");
        assert_eq!(file.size, Some(48213));
        assert!(file.url.ends_with("/deploy.png"));
        assert!(file.thumb_url.as_deref().unwrap().ends_with("_thumb.png"));

        let guest = &page.items[4];
        assert_eq!(guest.from, None);
        assert_eq!(guest.message_type, Some(MessageType::GuestAccess));
    }

    #[test]
    fn unknown_type_and_empty_label_are_tolerated() {
        let message: Message = serde_json::from_value(json!({
            "id": "x", "date": "2017-05-20T14:00:00Z", "from": "", "type": "reaction",
            "color": "teal", "mentions": null, "brand_new": {"a": 1}
        }))
        .unwrap();
        assert_eq!(
            message.message_type,
            Some(MessageType::Other("reaction".into()))
        );
        assert_eq!(message.color, Some(Color::Other("teal".into())));
        assert_eq!(message.from.as_ref().unwrap().display_name(), "");
        assert!(message.mentions.is_empty());
    }

    #[test]
    fn message_round_trips_through_serialize() {
        let page: Page<Message> = serde_json::from_value(history_page()).unwrap();
        let json = serde_json::to_value(&page.items[1]).unwrap();
        assert_eq!(json["from"], json!("CI"));
        assert_eq!(json["type"], json!("notification"));
        assert!(json.get("file").is_none());
        let back: Message = serde_json::from_value(json).unwrap();
        assert_eq!(back, page.items[1]);
    }

    #[test]
    fn decodes_sent_message() {
        let sent: SentMessage = serde_json::from_value(json!({
            "id": "c0ffee00-1234-4abc-8def-000000000042",
            "timestamp": "2017-05-20T14:01:02.123456+00:00"
        }))
        .unwrap();
        assert_eq!(sent.id, "c0ffee00-1234-4abc-8def-000000000042");
        assert_eq!(sent.timestamp, "2017-05-20T14:01:02.123456+00:00");
    }

    fn decode(body: serde_json::Value) -> Result<Message, crate::Error> {
        let response = http::Response::builder()
            .status(200)
            .body(serde_json::to_vec(&body).unwrap())
            .unwrap();
        crate::parse_response::<Message>(response)
    }

    #[test]
    fn a_single_message_decodes_wrapped_or_bare() {
        let bare = json!({
            "id": "0a1b2c3d-0000-4000-8000-000000000001", "date": "2017-05-20T13:57:00+00:00",
            "from": "CI", "message": "Build 42 passed", "type": "notification"
        });
        let from_bare = decode(bare.clone()).unwrap();
        assert_eq!(from_bare.id, "0a1b2c3d-0000-4000-8000-000000000001");
        assert_eq!(from_bare.message.as_deref(), Some("Build 42 passed"));
        let from_wrapped = decode(json!({"message": bare})).unwrap();
        assert_eq!(from_wrapped, from_bare);
        // A deleted message (no `message`) is bare too.
        let deleted = decode(json!({"id": "d1", "date": "2017-05-20T13:58:00+00:00"})).unwrap();
        assert!(deleted.is_deleted());
    }

    #[test]
    fn a_broken_single_message_names_the_path() {
        let Err(crate::Error::Decode(e)) = decode(json!({"message": {"date": "x"}})) else {
            panic!("expected a decode error")
        };
        assert_eq!(e.path(), "message");
        let Err(crate::Error::Decode(e)) = decode(json!({"id": "x", "mentions": [{"id": "bob"}]}))
        else {
            panic!("expected a decode error")
        };
        assert_eq!(e.path(), "mentions[0].id");
    }
}
