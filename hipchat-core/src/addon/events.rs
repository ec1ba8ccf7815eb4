//! Webhook events HipChat sends to an add-on.
//!
//! HipChat POSTs one JSON document per event to the webhook's `url`. Every document has the
//! same envelope, `{event, item, webhook_id, oauth_client_id?}`, and an `item` whose shape
//! depends on `event`. [`parse_event`] reads the envelope, dispatches on `event` and gives a
//! [`Delivery`] whose [`Event`] holds the typed item:
//!
//! | `event` | variant | item |
//! |---|---|---|
//! | `room_message` | [`Event::RoomMessage`] | [`RoomMessageEvent`]: `message`, `room` |
//! | `room_notification` | [`Event::RoomNotification`] | [`RoomNotificationEvent`]: `message` (with a label `from`), `room` |
//! | `room_enter`, `room_exit` | [`Event::RoomEnter`], [`Event::RoomExit`] | [`RoomPresenceEvent`]: `sender`, `room` |
//! | `room_topic_change` | [`Event::RoomTopicChange`] | [`RoomTopicChangeEvent`]: `sender` (a user or an OAuth client), `topic`, `room` |
//! | `room_file_upload` | [`Event::RoomFileUpload`] | [`RoomFileUploadEvent`]: `file`, `sender`, `room`, and the raw item |
//! | `room_archived`, `room_unarchived`, `room_created`, `room_deleted` | [`Event::RoomArchived`], ... | [`RoomLifecycleEvent`]: `room`, `sender`, and the raw item |
//! | anything else | [`Event::Unknown`] | the event name and the raw item |
//!
//! The first five items are documented and checked strictly: a member of the wrong type is an
//! error that names its JSON path. No public source shows the items of `room_file_upload` and
//! of the four room lifecycle events, so those are read best-effort (a member that is missing
//! or has another shape is `None`, never an error) and the whole item stays available as raw
//! JSON.
//!
//! The add-on answers a delivery with `200`/`204` and no body, or with a [`WebhookReply`]: a
//! notification that HipChat then posts to the room.
//!
//! ```
//! use hipchat_core::addon::events::{parse_event, Event, WebhookReply};
//! use hipchat_core::model::Color;
//!
//! let body = br#"{
//!     "event": "room_message",
//!     "item": {
//!         "message": {
//!             "id": "f74a26c3-f54e-499d-b3b6-28fc28c932bb",
//!             "date": "2017-05-20T13:56:46.750428+00:00",
//!             "from": {"id": 4979430, "name": "Ada Lovelace", "mention_name": "AdaL",
//!                      "links": {"self": "https://api.hipchat.com/v2/user/4979430"}},
//!             "message": "/ping",
//!             "mentions": [],
//!             "type": "message"
//!         },
//!         "room": {"id": 3856578, "name": "Ops", "links": {"self": "https://api.hipchat.com/v2/room/3856578"}}
//!     },
//!     "webhook_id": 17775373
//! }"#;
//!
//! let delivery = parse_event(body)?;
//! assert_eq!(delivery.webhook_id, 17775373);
//! let reply = match &delivery.event {
//!     Event::RoomMessage(m) if m.text() == "/ping" => {
//!         let who = m.sender().map_or("someone", |u| u.name.as_str());
//!         Some(WebhookReply::new(format!("pong, {who}")).color(Color::Green))
//!     }
//!     _ => None,
//! };
//! let reply = reply.expect("a ping gets a pong");
//! assert_eq!(reply.to_json()?, br#"{"message":"pong, Ada Lovelace","color":"green"}"#);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use http::StatusCode;
use serde::de::value::MapAccessDeserializer;
use serde::de::{DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{
    Links, Message, MessageFile, MessageSender, RoomSummary, Scope, SessionRoom, UserSummary,
    WebhookEvent, de,
};
use crate::{DecodeError, Error};

mod reply;

pub use reply::WebhookReply;

/// Reads a webhook delivery: the envelope, then the item of its `event`.
///
/// Errors are [`Error::Decode`] carrying a [`DecodeError`] whose
/// [`path`](DecodeError::path) says where the body went wrong (`.` for the document itself,
/// `webhook_id`, `item.message.id`, `item.room`, ...), whose [`body`](DecodeError::body) is
/// the body received, and whose [`status`](DecodeError::status) is always `200 OK`: a webhook
/// body is a request, not a response, and has no status of its own. A body is refused when:
///
/// * it is not one JSON object (not JSON, empty, trailing data): path `.` or where the syntax
///   broke;
/// * `event` is missing or not a string, or `webhook_id` is missing or not an integer (a
///   numeric string is accepted): path `.` for a missing member, else its name;
/// * the item of a documented event (`room_message`, `room_notification`, `room_enter`,
///   `room_exit`, `room_topic_change`) lacks a required member or has one of the wrong type:
///   path `item...`.
///
/// An event this crate does not know is not an error: it becomes [`Event::Unknown`] with its
/// name and raw item. The items of `room_file_upload`, `room_archived`, `room_unarchived`,
/// `room_created` and `room_deleted` never fail either (see the [module](self) docs).
///
/// ```
/// use hipchat_core::addon::events::parse_event;
/// use hipchat_core::Error;
///
/// let body = br#"{"event": "room_enter", "webhook_id": 1, "item": {"room": {"id": 7, "name": "Lobby"}}}"#;
/// let Err(Error::Decode(e)) = parse_event(body) else { panic!("a room_enter needs a sender") };
/// assert_eq!(e.path(), "item");
/// assert_eq!(e.message(), "missing field `sender`");
/// ```
pub fn parse_event(body: &[u8]) -> Result<Delivery, Error> {
    let decode_error = |path: String, source: serde_json::Error| {
        Error::Decode(DecodeError::json(
            StatusCode::OK,
            path,
            source,
            body.to_vec(),
        ))
    };
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let envelope: RawEnvelope = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|e| decode_error(e.path().to_string(), e.into_inner()))?;
    deserializer
        .end()
        .map_err(|e| decode_error(".".to_owned(), e))?;
    envelope
        .into_delivery()
        .map_err(|ItemError { path, source }| decode_error(path, source))
}

/// One webhook delivery: the envelope and its event.
///
/// Made by [`parse_event`] (or by deserializing it with any serde format: an error then names
/// the path of the item member at fault in its message). It serializes back to the envelope,
/// `{event, item, webhook_id, oauth_client_id?}`, with the items of lenient events and unknown
/// events written exactly as received.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Delivery {
    /// The event and its item.
    pub event: Event,
    /// The id of the webhook registration that fired.
    pub webhook_id: u64,
    /// The OAuth client id (a UUID) of the add-on installation that registered the webhook;
    /// `None` for webhooks registered otherwise.
    pub oauth_client_id: Option<String>,
}

impl Delivery {
    /// The event name (`event` on the wire); [`WebhookEvent::Other`] for unknown events.
    pub fn name(&self) -> WebhookEvent {
        self.event.name()
    }

    /// The room the event happened in, when the item names one.
    pub fn room(&self) -> Option<&RoomSummary> {
        self.event.room()
    }
}

impl Serialize for Delivery {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = if self.oauth_client_id.is_some() { 4 } else { 3 };
        let mut map = serializer.serialize_map(Some(len))?;
        map.serialize_entry("event", self.name().as_str())?;
        match &self.event {
            Event::RoomMessage(item) => map.serialize_entry("item", item)?,
            Event::RoomNotification(item) => map.serialize_entry("item", item)?,
            Event::RoomEnter(item) | Event::RoomExit(item) => map.serialize_entry("item", item)?,
            Event::RoomTopicChange(item) => map.serialize_entry("item", item)?,
            Event::RoomFileUpload(item) => map.serialize_entry("item", item.raw())?,
            Event::RoomArchived(item)
            | Event::RoomUnarchived(item)
            | Event::RoomCreated(item)
            | Event::RoomDeleted(item) => map.serialize_entry("item", item.raw())?,
            Event::Unknown { item, .. } => map.serialize_entry("item", item)?,
        }
        map.serialize_entry("webhook_id", &self.webhook_id)?;
        if let Some(id) = &self.oauth_client_id {
            map.serialize_entry("oauth_client_id", id)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Delivery {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        RawEnvelope::deserialize(deserializer)?
            .into_delivery()
            .map_err(|ItemError { path, source }| {
                serde::de::Error::custom(format_args!("{path}: {source}"))
            })
    }
}

/// A webhook event with its typed item.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// `room_message`: a user posted a message (matching the webhook's `pattern`, if any).
    RoomMessage(RoomMessageEvent),
    /// `room_notification`: an integration posted a notification.
    RoomNotification(RoomNotificationEvent),
    /// `room_enter`: a user entered the room.
    RoomEnter(RoomPresenceEvent),
    /// `room_exit`: a user left the room.
    RoomExit(RoomPresenceEvent),
    /// `room_topic_change`: the topic changed.
    RoomTopicChange(RoomTopicChangeEvent),
    /// `room_file_upload`: a file was uploaded to the room (item read best-effort).
    RoomFileUpload(RoomFileUploadEvent),
    /// `room_archived`: the room was archived (item read best-effort).
    RoomArchived(RoomLifecycleEvent),
    /// `room_unarchived`: the room was unarchived (item read best-effort).
    RoomUnarchived(RoomLifecycleEvent),
    /// `room_created`: a room was created (item read best-effort).
    RoomCreated(RoomLifecycleEvent),
    /// `room_deleted`: the room was deleted (item read best-effort).
    RoomDeleted(RoomLifecycleEvent),
    /// An event this version of the crate does not know, kept as received.
    Unknown {
        /// The event name (`event` on the wire).
        event: String,
        /// The item, as received (`null` when the delivery had none).
        item: Value,
    },
}

impl Event {
    /// The event name (`event` on the wire); [`WebhookEvent::Other`] for unknown events.
    pub fn name(&self) -> WebhookEvent {
        match self {
            Event::RoomMessage(_) => WebhookEvent::RoomMessage,
            Event::RoomNotification(_) => WebhookEvent::RoomNotification,
            Event::RoomEnter(_) => WebhookEvent::RoomEnter,
            Event::RoomExit(_) => WebhookEvent::RoomExit,
            Event::RoomTopicChange(_) => WebhookEvent::RoomTopicChange,
            Event::RoomFileUpload(_) => WebhookEvent::RoomFileUpload,
            Event::RoomArchived(_) => WebhookEvent::RoomArchived,
            Event::RoomUnarchived(_) => WebhookEvent::RoomUnarchived,
            Event::RoomCreated(_) => WebhookEvent::RoomCreated,
            Event::RoomDeleted(_) => WebhookEvent::RoomDeleted,
            Event::Unknown { event, .. } => WebhookEvent::from(event.as_str()),
        }
    }

    /// The room the event happened in, when the item names one (always, for the documented
    /// events).
    pub fn room(&self) -> Option<&RoomSummary> {
        match self {
            Event::RoomMessage(item) => Some(&item.room),
            Event::RoomNotification(item) => Some(&item.room),
            Event::RoomEnter(item) | Event::RoomExit(item) => Some(&item.room),
            Event::RoomTopicChange(item) => Some(&item.room),
            Event::RoomFileUpload(item) => item.room(),
            Event::RoomArchived(item)
            | Event::RoomUnarchived(item)
            | Event::RoomCreated(item)
            | Event::RoomDeleted(item) => item.room(),
            Event::Unknown { .. } => None,
        }
    }

    /// The item exactly as received, for the events read best-effort and unknown events;
    /// `None` for the documented events, whose items are fully typed.
    pub fn raw_item(&self) -> Option<&Value> {
        match self {
            Event::RoomFileUpload(item) => Some(item.raw()),
            Event::RoomArchived(item)
            | Event::RoomUnarchived(item)
            | Event::RoomCreated(item)
            | Event::RoomDeleted(item) => Some(item.raw()),
            Event::Unknown { item, .. } => Some(item),
            _ => None,
        }
    }

    /// Whether this is an event the crate does not know ([`Event::Unknown`]).
    pub fn is_unknown(&self) -> bool {
        matches!(self, Event::Unknown { .. })
    }
}

/// The item of `room_message`: `{message, room}`.
///
/// The message is a history [`Message`] with `type` `message`: `from` is the user who posted
/// it, and `mentions`, `file`, `message_links` and `color` are filled when present.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RoomMessageEvent {
    /// The message.
    pub message: Message,
    /// The room it was posted in.
    pub room: RoomSummary,
}

impl RoomMessageEvent {
    /// The user who posted the message (`None` if the server sent no user object).
    pub fn sender(&self) -> Option<&UserSummary> {
        self.message.from.as_ref().and_then(MessageSender::user)
    }

    /// The message text; empty when the server sent none.
    pub fn text(&self) -> &str {
        self.message.message.as_deref().unwrap_or_default()
    }
}

/// The item of `room_notification`: `{message, room}`.
///
/// The message is a history [`Message`] with `type` `notification`: `from` is the free-text
/// label of the sender (possibly empty), and `message_format` and `color` are set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RoomNotificationEvent {
    /// The notification.
    pub message: Message,
    /// The room it was posted in.
    pub room: RoomSummary,
}

impl RoomNotificationEvent {
    /// The sender's label (the `from` of the notification); empty when there is none.
    pub fn from_label(&self) -> &str {
        self.message
            .from
            .as_ref()
            .map_or("", MessageSender::display_name)
    }

    /// The notification text; empty when the server sent none.
    pub fn text(&self) -> &str {
        self.message.message.as_deref().unwrap_or_default()
    }
}

/// The item of `room_enter` and `room_exit`: `{sender, room}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RoomPresenceEvent {
    /// The user who entered or left.
    pub sender: UserSummary,
    /// The room.
    pub room: RoomSummary,
}

/// The item of `room_topic_change`: `{sender, topic, room}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RoomTopicChangeEvent {
    /// Who changed the topic: a user, or the OAuth client of an add-on or integration.
    pub sender: Sender,
    /// The new topic; empty when it was cleared (or the server sent `null`).
    #[serde(default, deserialize_with = "de::null_as_default")]
    pub topic: String,
    /// The room.
    pub room: RoomSummary,
}

/// Who caused an event: a user, or an OAuth client (an add-on or integration acting through
/// the API).
///
/// Read from the JSON object: one with `allowed_scopes` is a client; otherwise a user
/// reference (a numeric `id` and a `name`) is a user, and any other object with an `id` is a
/// client. Whatever fits neither (a bare label, an object without `id`) is kept as
/// [`Sender::Other`]. It serializes back to the object it was read from.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Sender {
    /// A user.
    User(UserSummary),
    /// An OAuth client.
    Client(ClientSender),
    /// Any other shape, as received.
    Other(Value),
}

impl Sender {
    /// Reads a sender from its JSON value; never fails (see the type docs).
    pub fn from_value(value: Value) -> Self {
        if value.get("allowed_scopes").is_some() {
            return match ClientSender::deserialize(&value) {
                Ok(client) => Sender::Client(client),
                Err(_) => Sender::Other(value),
            };
        }
        if let Ok(user) = UserSummary::deserialize(&value) {
            return Sender::User(user);
        }
        match ClientSender::deserialize(&value) {
            Ok(client) => Sender::Client(client),
            Err(_) => Sender::Other(value),
        }
    }

    /// The user, when a user caused the event.
    pub fn user(&self) -> Option<&UserSummary> {
        match self {
            Sender::User(user) => Some(user),
            _ => None,
        }
    }

    /// The OAuth client, when an add-on or integration caused the event.
    pub fn client(&self) -> Option<&ClientSender> {
        match self {
            Sender::Client(client) => Some(client),
            _ => None,
        }
    }

    /// A name to show: the user's name, the client's name, or for [`Sender::Other`] a bare
    /// string or the object's `name` string. `None` when there is none.
    pub fn display_name(&self) -> Option<&str> {
        match self {
            Sender::User(user) => Some(&user.name),
            Sender::Client(client) => client.name.as_deref(),
            Sender::Other(Value::String(label)) => Some(label),
            Sender::Other(other) => other.get("name").and_then(Value::as_str),
        }
    }
}

impl Serialize for Sender {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Sender::User(user) => user.serialize(serializer),
            Sender::Client(client) => client.serialize(serializer),
            Sender::Other(value) => value.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Sender {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Sender::from_value)
    }
}

/// The OAuth client that caused an event: `{id, name, allowed_scopes, room?, links}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClientSender {
    /// The client id (a UUID).
    #[serde(deserialize_with = "de::string_or_number")]
    pub id: String,
    /// The client's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The most a token of this client may be granted.
    #[serde(default, deserialize_with = "de::null_as_default")]
    pub allowed_scopes: Vec<Scope>,
    /// The room the client is limited to; `None` for group-wide clients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<SessionRoom>,
    /// Links to the full client.
    #[serde(default)]
    pub links: Links,
}

/// The item of `room_file_upload`, read best-effort: probably `{file, sender, room}`.
///
/// No public source shows this item, so each member is `None` when it is missing or has
/// another shape, and [`raw`](RoomFileUploadEvent::raw) keeps the item as received. It
/// serializes to that raw item.
#[derive(Debug, Clone, PartialEq)]
pub struct RoomFileUploadEvent {
    file: Option<MessageFile>,
    sender: Option<Sender>,
    room: Option<RoomSummary>,
    raw: Value,
}

impl RoomFileUploadEvent {
    /// Reads the item from its JSON value; never fails.
    pub fn from_value(raw: Value) -> Self {
        RoomFileUploadEvent {
            file: member(&raw, "file"),
            sender: raw.get("sender").cloned().map(Sender::from_value),
            room: member(&raw, "room"),
            raw,
        }
    }

    /// The uploaded file: `{name, size, url, thumb_url?}`.
    pub fn file(&self) -> Option<&MessageFile> {
        self.file.as_ref()
    }

    /// Who uploaded it.
    pub fn sender(&self) -> Option<&Sender> {
        self.sender.as_ref()
    }

    /// The room it was uploaded to.
    pub fn room(&self) -> Option<&RoomSummary> {
        self.room.as_ref()
    }

    /// The item exactly as received.
    pub fn raw(&self) -> &Value {
        &self.raw
    }

    /// The item as received, by value.
    pub fn into_raw(self) -> Value {
        self.raw
    }
}

impl Serialize for RoomFileUploadEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RoomFileUploadEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(RoomFileUploadEvent::from_value)
    }
}

/// The item of `room_archived`, `room_unarchived`, `room_created` and `room_deleted`, read
/// best-effort: probably `{room, sender}`.
///
/// No public source shows these items, so each member is `None` when it is missing or has
/// another shape, and [`raw`](RoomLifecycleEvent::raw) keeps the item as received. It
/// serializes to that raw item.
#[derive(Debug, Clone, PartialEq)]
pub struct RoomLifecycleEvent {
    room: Option<RoomSummary>,
    sender: Option<Sender>,
    raw: Value,
}

impl RoomLifecycleEvent {
    /// Reads the item from its JSON value; never fails.
    pub fn from_value(raw: Value) -> Self {
        RoomLifecycleEvent {
            room: member(&raw, "room"),
            sender: raw.get("sender").cloned().map(Sender::from_value),
            raw,
        }
    }

    /// The room.
    pub fn room(&self) -> Option<&RoomSummary> {
        self.room.as_ref()
    }

    /// Who archived, unarchived, created or deleted it.
    pub fn sender(&self) -> Option<&Sender> {
        self.sender.as_ref()
    }

    /// The item exactly as received.
    pub fn raw(&self) -> &Value {
        &self.raw
    }

    /// The item as received, by value.
    pub fn into_raw(self) -> Value {
        self.raw
    }
}

impl Serialize for RoomLifecycleEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RoomLifecycleEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(RoomLifecycleEvent::from_value)
    }
}

/// The member `name` of `raw` as a `T`, or `None` when it is absent, `null` or of another shape.
fn member<T: DeserializeOwned>(raw: &Value, name: &str) -> Option<T> {
    raw.get(name).and_then(|value| T::deserialize(value).ok())
}

/// The envelope with the item still raw: the item's type depends on `event`, which may come
/// after it in the document.
struct RawEnvelope(EnvelopeFields);

/// The members of the envelope.
#[derive(Deserialize)]
struct EnvelopeFields {
    event: WebhookEvent,
    #[serde(default)]
    item: Value,
    #[serde(deserialize_with = "de::u64_lenient")]
    webhook_id: u64,
    #[serde(default, deserialize_with = "de::option_string_or_number")]
    oauth_client_id: Option<String>,
}

/// Only a JSON object is an envelope (a derived struct would also accept an array).
impl<'de> Deserialize<'de> for RawEnvelope {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectOnly;

        impl<'de> Visitor<'de> for ObjectOnly {
            type Value = RawEnvelope;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a webhook delivery object")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawEnvelope, A::Error> {
                EnvelopeFields::deserialize(MapAccessDeserializer::new(map)).map(RawEnvelope)
            }
        }

        deserializer.deserialize_map(ObjectOnly)
    }
}

/// An item that does not fit its event: the path from the document root and the serde error.
struct ItemError {
    path: String,
    source: serde_json::Error,
}

impl RawEnvelope {
    fn into_delivery(self) -> Result<Delivery, ItemError> {
        let RawEnvelope(EnvelopeFields {
            event,
            item,
            webhook_id,
            oauth_client_id,
        }) = self;
        let event = match event {
            WebhookEvent::RoomMessage => Event::RoomMessage(typed(&item)?),
            WebhookEvent::RoomNotification => Event::RoomNotification(typed(&item)?),
            WebhookEvent::RoomEnter => Event::RoomEnter(typed(&item)?),
            WebhookEvent::RoomExit => Event::RoomExit(typed(&item)?),
            WebhookEvent::RoomTopicChange => Event::RoomTopicChange(typed(&item)?),
            WebhookEvent::RoomFileUpload => {
                Event::RoomFileUpload(RoomFileUploadEvent::from_value(item))
            }
            WebhookEvent::RoomArchived => Event::RoomArchived(RoomLifecycleEvent::from_value(item)),
            WebhookEvent::RoomUnarchived => {
                Event::RoomUnarchived(RoomLifecycleEvent::from_value(item))
            }
            WebhookEvent::RoomCreated => Event::RoomCreated(RoomLifecycleEvent::from_value(item)),
            WebhookEvent::RoomDeleted => Event::RoomDeleted(RoomLifecycleEvent::from_value(item)),
            other => Event::Unknown {
                event: other.as_str().to_owned(),
                item,
            },
        };
        Ok(Delivery {
            event,
            webhook_id,
            oauth_client_id,
        })
    }
}

/// Decodes a documented item, reporting where it broke as a path under `item`.
fn typed<T: DeserializeOwned>(item: &Value) -> Result<T, ItemError> {
    serde_path_to_error::deserialize(item).map_err(|e| {
        let inner = e.path().to_string();
        let path = match inner.as_str() {
            "." => "item".to_owned(),
            p if p.starts_with('[') => format!("item{p}"),
            p => format!("item.{p}"),
        };
        ItemError {
            path,
            source: e.into_inner(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Color, MessageFormat, MessageType, Privacy};
    use serde_json::json;

    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!("../../tests/fixtures/webhooks/", $name))
        };
    }

    const OAUTH_CLIENT_ID: &str = "5f9c3a0e-7d2b-4c8e-9a51-3e6b1d0f2c47";

    fn decode_error(body: &[u8]) -> DecodeError {
        match parse_event(body) {
            Err(Error::Decode(e)) => e,
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    /// Serializing a delivery and reading it again gives the same delivery.
    fn assert_round_trip(delivery: &Delivery) {
        let json = serde_json::to_vec(delivery).unwrap();
        assert_eq!(&parse_event(&json).unwrap(), delivery);
    }

    fn ops_room(room: &RoomSummary) {
        assert_eq!(room.id, 3856578);
        assert_eq!(room.name, "Ops & Deploys");
        assert_eq!(room.privacy, Some(Privacy::Private));
        assert_eq!(room.is_archived, Some(false));
        assert_eq!(room.version.as_deref(), Some("UDY9AI3A"));
        assert_eq!(
            room.links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/room/3856578")
        );
        assert_eq!(
            room.links.participants.as_deref(),
            Some("https://api.hipchat.com/v2/room/3856578/participant")
        );
        assert_eq!(
            room.links.webhooks.as_deref(),
            Some("https://api.hipchat.com/v2/room/3856578/webhook")
        );
        assert_eq!(
            room.links.members.as_deref(),
            Some("https://api.hipchat.com/v2/room/3856578/member")
        );
    }

    fn ada(user: &UserSummary) {
        assert_eq!(user.id, 4979430);
        assert_eq!(user.name, "Ada Lovelace");
        assert_eq!(user.mention_name, "AdaL");
        assert_eq!(user.version.as_deref(), Some("FPUR1NDI"));
        assert_eq!(
            user.links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/user/4979430")
        );
    }

    fn charles(user: &UserSummary) {
        assert_eq!(user.id, 4979512);
        assert_eq!(user.name, "Charles Babbage");
        assert_eq!(user.mention_name, "CharlesB");
        assert_eq!(user.version.as_deref(), Some("0VQ3XK1S"));
    }

    #[test]
    fn room_message() {
        let delivery = parse_event(fixture!("room_message.json")).unwrap();
        assert_eq!(delivery.webhook_id, 17775373);
        assert_eq!(delivery.oauth_client_id.as_deref(), Some(OAUTH_CLIENT_ID));
        assert_eq!(delivery.name(), WebhookEvent::RoomMessage);
        assert_eq!(delivery.event.raw_item(), None);
        let Event::RoomMessage(item) = &delivery.event else {
            panic!("expected room_message, got {:?}", delivery.event)
        };
        let message = &item.message;
        assert_eq!(message.id, "f74a26c3-f54e-499d-b3b6-28fc28c932bb");
        assert_eq!(message.date, "2017-05-20T13:56:46.750428+00:00");
        assert_eq!(message.message_type, Some(MessageType::Message));
        assert_eq!(
            item.text(),
            "/deploy web-42 @CharlesB see https://ci.example.com/build/42"
        );
        ada(item.sender().unwrap());
        assert_eq!(message.mentions.len(), 1);
        charles(&message.mentions[0]);
        assert_eq!(message.message_links.len(), 1);
        let link = &message.message_links[0];
        assert_eq!(link.link_type.as_deref(), Some("link"));
        assert_eq!(link.url.as_deref(), Some("https://ci.example.com/build/42"));
        assert_eq!(link.preview().unwrap()["title"], json!("Build 42"));
        assert_eq!(message.file, None);
        assert_eq!(message.color, None);
        ops_room(&item.room);
        assert_eq!(delivery.room(), Some(&item.room));
        assert_round_trip(&delivery);
    }

    #[test]
    fn room_message_with_a_file() {
        let delivery = parse_event(fixture!("room_message_file.json")).unwrap();
        let Event::RoomMessage(item) = &delivery.event else {
            panic!("expected room_message, got {:?}", delivery.event)
        };
        charles(item.sender().unwrap());
        assert_eq!(item.text(), "tonight's plan");
        assert!(item.message.mentions.is_empty());
        let file = item.message.file.as_ref().unwrap();
        assert_eq!(file.name, "deploy-plan.png");
        assert_eq!(file.size, Some(48213));
        assert_eq!(
            file.url,
            "https://s3.amazonaws.com/uploads.hipchat.com/1/3856578/Xy7Qm2/deploy-plan.png"
        );
        assert_eq!(
            file.thumb_url.as_deref(),
            Some(
                "https://s3.amazonaws.com/uploads.hipchat.com/1/3856578/Xy7Qm2/deploy-plan_thumb.png"
            )
        );
        ops_room(&item.room);
        assert_round_trip(&delivery);
    }

    #[test]
    fn room_notification() {
        let delivery = parse_event(fixture!("room_notification.json")).unwrap();
        assert_eq!(delivery.webhook_id, 17775380);
        assert_eq!(delivery.name(), WebhookEvent::RoomNotification);
        let Event::RoomNotification(item) = &delivery.event else {
            panic!("expected room_notification, got {:?}", delivery.event)
        };
        assert_eq!(item.from_label(), "CI");
        assert_eq!(
            item.message.from,
            Some(MessageSender::Label("CI".to_owned()))
        );
        assert_eq!(item.message.id, "9b2d4e6f-1a3c-4e5b-8d7f-0a2c4e6b8d1f");
        assert_eq!(item.message.date, "2017-05-20T14:05:30.118905+00:00");
        assert_eq!(item.message.message_type, Some(MessageType::Notification));
        assert_eq!(item.message.message_format, Some(MessageFormat::Html));
        assert_eq!(item.message.color, Some(Color::Green));
        assert_eq!(
            item.text(),
            "<b>Build 42</b> passed on <a href=\"https://ci.example.com/build/42\">master</a>"
        );
        ops_room(&item.room);
        assert_round_trip(&delivery);
    }

    #[test]
    fn notification_with_an_empty_or_null_label() {
        for from in [json!(""), json!(null)] {
            let body = json!({
                "event": "room_notification", "webhook_id": 3,
                "item": {
                    "message": {"id": "n1", "date": "2017-05-20T14:05:30+00:00", "from": from,
                                "message": "hi", "message_format": "text", "color": "yellow",
                                "mentions": [], "type": "notification"},
                    "room": {"id": 1, "name": "r"}
                }
            });
            let delivery = parse_event(body.to_string().as_bytes()).unwrap();
            let Event::RoomNotification(item) = delivery.event else {
                panic!("expected room_notification")
            };
            assert_eq!(item.from_label(), "");
            assert_eq!(item.message.color, Some(Color::Yellow));
        }
    }

    #[test]
    fn room_enter_without_oauth_client_id() {
        let delivery = parse_event(fixture!("room_enter.json")).unwrap();
        assert_eq!(delivery.webhook_id, 17775391);
        assert_eq!(delivery.oauth_client_id, None);
        assert_eq!(delivery.name(), WebhookEvent::RoomEnter);
        let Event::RoomEnter(item) = &delivery.event else {
            panic!("expected room_enter, got {:?}", delivery.event)
        };
        charles(&item.sender);
        assert_eq!(item.room.id, 1093526);
        assert_eq!(item.room.name, "Lobby");
        assert_eq!(item.room.privacy, Some(Privacy::Public));
        assert_eq!(item.room.links.members, None);
        assert_round_trip(&delivery);
        // No oauth_client_id is written back either.
        let json = serde_json::to_value(&delivery).unwrap();
        assert!(json.get("oauth_client_id").is_none());
    }

    #[test]
    fn room_exit() {
        let delivery = parse_event(fixture!("room_exit.json")).unwrap();
        assert_eq!(delivery.webhook_id, 17775392);
        assert_eq!(delivery.oauth_client_id.as_deref(), Some(OAUTH_CLIENT_ID));
        let Event::RoomExit(item) = &delivery.event else {
            panic!("expected room_exit, got {:?}", delivery.event)
        };
        ada(&item.sender);
        assert_eq!(item.room.id, 1093526);
        assert_eq!(delivery.name().as_str(), "room_exit");
        assert_round_trip(&delivery);
    }

    #[test]
    fn room_topic_change_by_a_user() {
        let delivery = parse_event(fixture!("room_topic_change.json")).unwrap();
        assert_eq!(delivery.webhook_id, 17775401);
        let Event::RoomTopicChange(item) = &delivery.event else {
            panic!("expected room_topic_change, got {:?}", delivery.event)
        };
        assert_eq!(item.topic, "Release train: Thursday 18:00 UTC");
        ada(item.sender.user().unwrap());
        assert_eq!(item.sender.client(), None);
        assert_eq!(item.sender.display_name(), Some("Ada Lovelace"));
        ops_room(&item.room);
        assert_round_trip(&delivery);
    }

    #[test]
    fn room_topic_change_by_an_oauth_client() {
        let delivery = parse_event(fixture!("room_topic_change_oauth_client.json")).unwrap();
        let Event::RoomTopicChange(item) = &delivery.event else {
            panic!("expected room_topic_change, got {:?}", delivery.event)
        };
        assert_eq!(item.topic, "Frozen until the release is out");
        assert_eq!(item.sender.user(), None);
        let client = item.sender.client().unwrap();
        assert_eq!(client.id, "a3e1c2d4-6b8f-4a0c-9e2d-7f1b3c5d9e80");
        assert_eq!(client.name.as_deref(), Some("Release Bot"));
        assert_eq!(
            client.allowed_scopes,
            [Scope::SendNotification, Scope::ViewRoom, Scope::AdminRoom]
        );
        let room = client.room.as_ref().unwrap();
        assert_eq!((room.id, room.name.as_str()), (3856578, "Ops & Deploys"));
        assert_eq!(
            client.links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/oauth/client/a3e1c2d4-6b8f-4a0c-9e2d-7f1b3c5d9e80")
        );
        assert_eq!(item.sender.display_name(), Some("Release Bot"));
        assert_eq!(item.room.version.as_deref(), Some("UDY9AI3B"));
        assert_round_trip(&delivery);
    }

    #[test]
    fn senders_of_other_shapes() {
        // A client without allowed_scopes: its id is not a number, so it is not a user.
        let sender = Sender::from_value(json!({"id": "c-1", "name": "Bot"}));
        assert_eq!(sender.client().unwrap().id, "c-1");
        assert!(sender.client().unwrap().allowed_scopes.is_empty());
        // A bare label and an object without id are kept raw.
        let label = Sender::from_value(json!("Jenkins"));
        assert_eq!(label, Sender::Other(json!("Jenkins")));
        assert_eq!(label.display_name(), Some("Jenkins"));
        let named = Sender::from_value(json!({"name": "Someone"}));
        assert_eq!(named, Sender::Other(json!({"name": "Someone"})));
        assert_eq!(named.display_name(), Some("Someone"));
        // allowed_scopes of the wrong shape: raw, not a user.
        let odd = json!({"id": 5, "name": "x", "allowed_scopes": "view_room"});
        assert_eq!(Sender::from_value(odd.clone()), Sender::Other(odd));
        assert_eq!(Sender::from_value(json!(null)).display_name(), None);
        // A topic change whose sender is a bare label still decodes, and the topic may be null.
        let body = json!({
            "event": "room_topic_change", "webhook_id": 9,
            "item": {"sender": "Jenkins", "topic": null, "room": {"id": 1, "name": "r"}}
        });
        let delivery = parse_event(body.to_string().as_bytes()).unwrap();
        let Event::RoomTopicChange(item) = &delivery.event else {
            panic!("expected room_topic_change")
        };
        assert_eq!(item.topic, "");
        assert_eq!(item.sender, Sender::Other(json!("Jenkins")));
        assert_round_trip(&delivery);
    }

    #[test]
    fn room_file_upload_is_read_best_effort_and_kept_raw() {
        let body = fixture!("room_file_upload.json");
        let delivery = parse_event(body).unwrap();
        assert_eq!(delivery.webhook_id, 17775410);
        assert_eq!(delivery.name(), WebhookEvent::RoomFileUpload);
        let Event::RoomFileUpload(item) = &delivery.event else {
            panic!("expected room_file_upload, got {:?}", delivery.event)
        };
        let file = item.file().unwrap();
        assert_eq!(file.name, "incident-2017-05-20.log");
        assert_eq!(file.size, Some(182044));
        assert_eq!(
            file.url,
            "https://s3.amazonaws.com/uploads.hipchat.com/1/3856578/Qm81Zp/incident-2017-05-20.log"
        );
        assert_eq!(file.thumb_url, None);
        charles(item.sender().unwrap().user().unwrap());
        ops_room(item.room().unwrap());
        // The raw item keeps everything, including members this crate does not model.
        let whole: Value = serde_json::from_slice(body).unwrap();
        assert_eq!(item.raw(), &whole["item"]);
        assert_eq!(item.raw()["upload_id"], json!("Qm81Zp"));
        assert_eq!(delivery.event.raw_item(), Some(&whole["item"]));
        assert_eq!(serde_json::to_value(&delivery).unwrap(), whole);
        assert_round_trip(&delivery);
    }

    #[test]
    fn file_upload_of_an_unexpected_shape_still_decodes() {
        let body = json!({
            "event": "room_file_upload", "webhook_id": 5,
            "item": {"file": "deploy.png", "room": {"id": "not a number", "name": "r"},
                     "sender": {"id": 1, "name": "A", "mention_name": "a"}}
        });
        let delivery = parse_event(body.to_string().as_bytes()).unwrap();
        let Event::RoomFileUpload(item) = &delivery.event else {
            panic!("expected room_file_upload")
        };
        assert_eq!(item.file(), None);
        assert_eq!(item.room(), None);
        assert_eq!(delivery.room(), None);
        assert_eq!(item.sender().unwrap().user().unwrap().id, 1);
        assert_eq!(item.raw()["file"], json!("deploy.png"));
        // No item at all: everything is None and the raw item is null.
        let delivery = parse_event(br#"{"event": "room_file_upload", "webhook_id": 5}"#).unwrap();
        let Event::RoomFileUpload(item) = delivery.event else {
            panic!("expected room_file_upload")
        };
        assert_eq!((item.file(), item.sender()), (None, None));
        assert_eq!(item.into_raw(), Value::Null);
    }

    #[test]
    fn room_lifecycle_events() {
        let cases: [(&[u8], WebhookEvent, u64, &str, bool); 4] = [
            (
                fixture!("room_archived.json"),
                WebhookEvent::RoomArchived,
                17775420,
                "7QW2HX5C",
                true,
            ),
            (
                fixture!("room_unarchived.json"),
                WebhookEvent::RoomUnarchived,
                17775421,
                "8RX3JY6D",
                false,
            ),
            (
                fixture!("room_created.json"),
                WebhookEvent::RoomCreated,
                17775422,
                "5PU0FV3A",
                false,
            ),
            (
                fixture!("room_deleted.json"),
                WebhookEvent::RoomDeleted,
                17775423,
                "9SY4KZ7E",
                false,
            ),
        ];
        for (body, name, webhook_id, version, archived) in cases {
            let delivery = parse_event(body).unwrap();
            assert_eq!(delivery.name(), name);
            assert_eq!(delivery.webhook_id, webhook_id);
            assert_eq!(delivery.oauth_client_id.as_deref(), Some(OAUTH_CLIENT_ID));
            let item = match &delivery.event {
                Event::RoomArchived(item) if name == WebhookEvent::RoomArchived => item,
                Event::RoomUnarchived(item) if name == WebhookEvent::RoomUnarchived => item,
                Event::RoomCreated(item) if name == WebhookEvent::RoomCreated => item,
                Event::RoomDeleted(item) if name == WebhookEvent::RoomDeleted => item,
                other => panic!("{name}: wrong variant {other:?}"),
            };
            let room = item.room().unwrap();
            assert_eq!(room.id, 4102233);
            assert_eq!(room.name, "Project Falcon");
            assert_eq!(room.privacy, Some(Privacy::Public));
            assert_eq!(room.is_archived, Some(archived));
            assert_eq!(room.version.as_deref(), Some(version));
            assert_eq!(delivery.room(), Some(room));
            let whole: Value = serde_json::from_slice(body).unwrap();
            assert_eq!(item.raw(), &whole["item"]);
            assert_eq!(serde_json::to_value(&delivery).unwrap(), whole);
            if name == WebhookEvent::RoomDeleted {
                // The fixture of room_deleted carries no sender.
                assert_eq!(item.sender(), None);
            } else {
                ada(item.sender().unwrap().user().unwrap());
            }
            assert_round_trip(&delivery);
        }
    }

    #[test]
    fn unknown_event_is_kept_raw() {
        let body = fixture!("unknown_event.json");
        let delivery = parse_event(body).unwrap();
        assert_eq!(delivery.webhook_id, 17775499);
        assert_eq!(delivery.oauth_client_id.as_deref(), Some(OAUTH_CLIENT_ID));
        assert!(delivery.event.is_unknown());
        assert_eq!(
            delivery.name(),
            WebhookEvent::Other("room_reaction".to_owned())
        );
        assert_eq!(delivery.room(), None);
        let whole: Value = serde_json::from_slice(body).unwrap();
        let Event::Unknown { event, item } = &delivery.event else {
            panic!("expected an unknown event, got {:?}", delivery.event)
        };
        assert_eq!(event, "room_reaction");
        assert_eq!(item, &whole["item"]);
        assert_eq!(item["reaction"], json!("thumbsup"));
        assert_eq!(delivery.event.raw_item(), Some(&whole["item"]));
        assert_eq!(serde_json::to_value(&delivery).unwrap(), whole);
        // An unknown event without an item keeps a null item.
        let delivery = parse_event(br#"{"event": "room_future", "webhook_id": "12"}"#).unwrap();
        assert_eq!(
            delivery.event,
            Event::Unknown {
                event: "room_future".to_owned(),
                item: Value::Null
            }
        );
        assert_eq!(delivery.webhook_id, 12);
    }

    #[test]
    fn envelope_errors_name_their_path() {
        let e = decode_error(b"not json");
        assert_eq!(e.path(), ".");
        assert_eq!(e.status(), StatusCode::OK);
        assert_eq!(e.body(), b"not json");
        assert!(e.serde_error().unwrap().is_syntax());

        let e = decode_error(b"");
        assert_eq!(e.path(), ".");
        assert!(e.serde_error().unwrap().is_eof());

        let e = decode_error(b"[1, 2]");
        assert_eq!(e.path(), ".");
        assert_eq!(
            e.message(),
            "invalid type: sequence, expected a webhook delivery object at line 1 column 0"
        );

        let e = decode_error(br#"{"webhook_id": 1, "item": {}}"#);
        assert_eq!(
            (e.path(), e.message()),
            (".", "missing field `event` at line 1 column 29")
        );

        let e = decode_error(br#"{"event": "room_enter", "item": {}}"#);
        assert_eq!(
            (e.path(), e.message()),
            (".", "missing field `webhook_id` at line 1 column 35")
        );

        let e = decode_error(br#"{"event": 7, "webhook_id": 1}"#);
        assert_eq!(e.path(), "event");
        assert!(e.message().starts_with("invalid type: integer `7`"), "{e}");

        let e = decode_error(br#"{"event": "room_enter", "webhook_id": "abc"}"#);
        assert_eq!(e.path(), "webhook_id");

        let e = decode_error(br#"{"event": "room_enter", "webhook_id": 1, "oauth_client_id": []}"#);
        assert_eq!(e.path(), "oauth_client_id");

        let e = decode_error(br#"{"event": "x", "webhook_id": 1} trailing"#);
        assert_eq!(e.path(), ".");
        assert_eq!(e.message(), "trailing characters at line 1 column 33");
        assert_eq!(
            e.to_string(),
            "could not decode the 200 OK response at `.`: trailing characters at line 1 column 33"
        );
    }

    #[test]
    fn item_errors_name_their_path() {
        // A documented event without its item.
        let e = decode_error(br#"{"event": "room_message", "webhook_id": 1}"#);
        assert_eq!(e.path(), "item");
        assert!(
            e.message()
                .starts_with("invalid type: null, expected struct"),
            "{e}"
        );

        let mut message: Value = serde_json::from_slice(fixture!("room_message.json")).unwrap();
        message["item"]["message"]["mentions"][0]["id"] = json!("charles");
        let e = decode_error(message.to_string().as_bytes());
        assert_eq!(e.path(), "item.message.mentions[0].id");

        let mut message: Value = serde_json::from_slice(fixture!("room_message.json")).unwrap();
        message["item"]["room"]
            .as_object_mut()
            .unwrap()
            .remove("name");
        let e = decode_error(message.to_string().as_bytes());
        assert_eq!(
            (e.path(), e.message()),
            ("item.room", "missing field `name`")
        );

        let e = decode_error(
            br#"{"event": "room_exit", "webhook_id": 1, "item": {"sender": {"id": -4, "name": "x"}, "room": {"id": 1, "name": "r"}}}"#,
        );
        assert_eq!(e.path(), "item.sender.id");

        let e = decode_error(
            br#"{"event": "room_topic_change", "webhook_id": 1, "item": {"sender": "x", "topic": 5, "room": {"id": 1, "name": "r"}}}"#,
        );
        assert_eq!(e.path(), "item.topic");

        let e = decode_error(br#"{"event": "room_notification", "webhook_id": 1, "item": []}"#);
        assert_eq!(e.path(), "item");
    }

    #[test]
    fn deserialize_impl_reports_the_item_path_in_its_message() {
        let delivery: Delivery =
            serde_json::from_slice(fixture!("room_topic_change.json")).unwrap();
        assert_eq!(
            delivery,
            parse_event(fixture!("room_topic_change.json")).unwrap()
        );
        let err = serde_json::from_str::<Delivery>(
            r#"{"event": "room_enter", "webhook_id": 1, "item": {"room": {"id": 1, "name": "r"}}}"#,
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "item: missing field `sender`");
    }
}
