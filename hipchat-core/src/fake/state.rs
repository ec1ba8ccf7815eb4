//! Everything the fake remembers about its one group.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use super::clock::{self, Micros};
use super::reply::Reply;
use super::routes::{extensions, integrations};

/// The group the fake serves.
#[derive(Debug, Clone)]
pub(crate) struct GroupRec {
    pub id: u64,
    pub name: String,
    pub domain: String,
    pub avatar_url: Option<String>,
    pub created: Micros,
}

/// A user of the group.
#[derive(Debug, Clone)]
pub(crate) struct UserRec {
    pub id: u64,
    pub name: String,
    pub mention_name: String,
    pub email: String,
    pub title: String,
    pub timezone: String,
    pub is_group_admin: bool,
    pub is_guest: bool,
    pub is_deleted: bool,
    pub password: Option<String>,
    pub photo_url: Option<String>,
    pub created: Micros,
    pub last_active: Option<Micros>,
    pub presence: PresenceRec,
    pub roles: Vec<String>,
    /// The rooms the user joins at login, in order (prefs_public.get_auto_join_rooms).
    pub auto_join: Vec<u64>,
    pub version: u64,
}

/// What `presence` says about a user.
#[derive(Debug, Clone, Default)]
pub(crate) struct PresenceRec {
    pub is_online: bool,
    /// `away`, `chat`, `dnd`, `xa`, or `None` for available.
    pub show: Option<String>,
    pub status: Option<String>,
}

/// A room.
#[derive(Debug, Clone)]
pub(crate) struct RoomRec {
    pub id: u64,
    pub name: String,
    pub topic: String,
    /// `public` or `private`.
    pub privacy: String,
    pub is_archived: bool,
    pub is_guest_accessible: bool,
    pub owner: u64,
    pub created: Micros,
    pub avatar_url: Option<String>,
    pub delegate_admin_visibility: Option<bool>,
    /// Members of a private room (user ids).
    pub members: BTreeSet<u64>,
    /// Users currently in the room.
    pub participants: BTreeSet<u64>,
    /// Members of a private room holding the `room_admin` role (add_member `room_roles`); a
    /// subset of `members`.
    pub admins: BTreeSet<u64>,
    pub version: u64,
    /// The room's history, oldest first.
    pub history: Vec<MessageRec>,
}

/// Who a message is from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Sender {
    /// A user of the group.
    User(u64),
    /// A notification's free-text label.
    Label(String),
}

/// One message of a room or a private chat.
#[derive(Debug, Clone)]
pub(crate) struct MessageRec {
    pub id: String,
    pub date: Micros,
    pub from: Sender,
    /// `message`, `notification`, `guest_access` or `topic`.
    pub message_type: String,
    /// `None` once deleted.
    pub message: Option<String>,
    pub message_format: Option<String>,
    pub color: Option<String>,
    pub mentions: Vec<u64>,
    pub file: Option<Value>,
    pub card: Option<Value>,
    pub attach_to: Option<String>,
    /// The message this one replies to (reply_to_message).
    pub parent_message_id: Option<String>,
}

/// A webhook registered on a room.
#[derive(Debug, Clone)]
pub(crate) struct WebhookRec {
    pub id: u64,
    pub room: u64,
    pub name: Option<String>,
    pub key: Option<String>,
    pub event: String,
    pub pattern: Option<String>,
    pub url: String,
    pub authentication: Option<String>,
    pub creator: Option<u64>,
    pub created: Micros,
}

/// An event the fake would have posted to a webhook.
#[derive(Debug, Clone)]
pub(crate) struct DeliveryRec {
    pub webhook_id: u64,
    pub url: String,
    pub event: String,
    pub payload: Value,
}

/// A custom emoticon.
#[derive(Debug, Clone)]
pub(crate) struct EmoticonRec {
    pub id: u64,
    pub shortcut: String,
    pub url: String,
    /// `global` or `group`.
    pub emoticon_type: String,
    pub width: u32,
    pub height: u32,
    pub creator: Option<u64>,
}

/// Who a token acts as.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Owner {
    /// A user: personal and user tokens.
    User(u64),
    /// A room notification token.
    Room(u64),
    /// An add-on (OAuth client credentials), by client id.
    Client(String),
}

/// A token the fake accepts.
#[derive(Debug, Clone)]
pub(crate) struct TokenRec {
    pub owner: Owner,
    pub scopes: Vec<String>,
    /// When it stops working; `None` never.
    pub expires: Option<Micros>,
    /// The OAuth client it was issued to, if any.
    pub client_id: Option<String>,
}

/// An OAuth client (an add-on installation) that may ask for tokens.
#[derive(Debug, Clone)]
pub(crate) struct OAuthClientRec {
    pub secret: String,
    pub scopes: Vec<String>,
    pub name: String,
    /// Set for a room-level installation.
    pub room: Option<u64>,
}

/// A rate-limit window of one key (a token, or a room for flood control).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Window {
    pub start: Micros,
    pub used: u32,
}

/// The limits the fake enforces.
#[derive(Debug, Clone)]
pub(crate) struct Limits {
    /// Requests per window and per token; `None` for no limit.
    pub rate: Option<(u32, Micros)>,
    /// Messages per minute and per room or private chat; `None` for no limit.
    pub flood: Option<u32>,
    pub rate_windows: HashMap<String, Window>,
    pub flood_windows: HashMap<String, Window>,
}

/// The whole state of the fake.
#[derive(Debug)]
pub(crate) struct State {
    pub now: Micros,
    /// How far the clock moves when a message is recorded.
    pub message_tick: Micros,
    next_id: u64,
    next_message: u64,
    pub group: GroupRec,
    pub users: BTreeMap<u64, UserRec>,
    pub rooms: BTreeMap<u64, RoomRec>,
    /// One-to-one chats, keyed by the two user ids, lower first; oldest first.
    pub private_chats: BTreeMap<(u64, u64), Vec<MessageRec>>,
    pub webhooks: BTreeMap<u64, WebhookRec>,
    pub deliveries: Vec<DeliveryRec>,
    pub emoticons: BTreeMap<u64, EmoticonRec>,
    pub tokens: HashMap<String, TokenRec>,
    pub oauth_clients: HashMap<String, OAuthClientRec>,
    pub limits: Limits,
    pub extensions: extensions::ExtensionState,
    pub integrations: integrations::IntegrationState,
    /// `"GET /v2/room -> 200"` lines.
    pub log: Vec<String>,
    /// How many access tokens `POST /oauth/token` has issued (it names them after this count).
    pub issued_tokens: u64,
}

/// Every scope, for the admin token.
pub(crate) const ALL_SCOPES: &[&str] = &[
    "admin_group",
    "admin_room",
    "manage_rooms",
    "send_message",
    "send_notification",
    "view_group",
    "view_messages",
    "view_room",
    "import_data",
];

impl State {
    /// A group with one admin user (id 1) holding `admin_token`.
    pub fn new(admin_token: &str) -> State {
        let mut state = State {
            now: clock::START,
            message_tick: clock::from_secs(1),
            next_id: 1,
            next_message: 1,
            group: GroupRec {
                id: 1,
                name: "Fake Group".to_owned(),
                domain: "example.com".to_owned(),
                avatar_url: None,
                created: clock::START,
            },
            users: BTreeMap::new(),
            rooms: BTreeMap::new(),
            private_chats: BTreeMap::new(),
            webhooks: BTreeMap::new(),
            deliveries: Vec::new(),
            emoticons: BTreeMap::new(),
            tokens: HashMap::new(),
            oauth_clients: HashMap::new(),
            limits: Limits {
                rate: Some((500, clock::from_secs(300))),
                flood: None,
                rate_windows: HashMap::new(),
                flood_windows: HashMap::new(),
            },
            extensions: Default::default(),
            integrations: Default::default(),
            log: Vec::new(),
            issued_tokens: 0,
        };
        let admin = state.insert_user("Fake Admin", "admin", "admin@example.com");
        if let Some(user) = state.users.get_mut(&admin) {
            user.is_group_admin = true;
            user.roles = vec!["admin".to_owned(), "owner".to_owned(), "user".to_owned()];
        }
        state.tokens.insert(
            admin_token.to_owned(),
            TokenRec {
                owner: Owner::User(admin),
                scopes: ALL_SCOPES.iter().map(|s| (*s).to_owned()).collect(),
                expires: None,
                client_id: None,
            },
        );
        super::routes::emoticons::seed(&mut state);
        state
    }

    /// A fresh id for users, rooms, webhooks and emoticons (one sequence, like a database).
    pub fn next_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// A fresh message id in UUID form, and the timestamp of a new message; moves the clock.
    pub fn next_message_stamp(&mut self) -> (String, Micros) {
        let n = self.next_message;
        self.next_message += 1;
        let date = self.now;
        self.now += self.message_tick;
        (format!("00000000-0000-4000-8000-{n:012x}"), date)
    }

    /// A new message from `from` with only a body, stamped with a fresh id and the clock (which
    /// moves on); the caller fills in the rest and stores it.
    pub fn new_message(&mut self, from: Sender, message_type: &str, text: String) -> MessageRec {
        let (id, date) = self.next_message_stamp();
        MessageRec {
            id,
            date,
            from,
            message_type: message_type.to_owned(),
            message: Some(text),
            message_format: None,
            color: None,
            mentions: Vec::new(),
            file: None,
            card: None,
            attach_to: None,
            parent_message_id: None,
        }
    }

    /// Adds a user with default settings and returns its id.
    pub fn insert_user(&mut self, name: &str, mention_name: &str, email: &str) -> u64 {
        let id = self.next_id();
        self.users.insert(
            id,
            UserRec {
                id,
                name: name.to_owned(),
                mention_name: mention_name.to_owned(),
                email: email.to_owned(),
                title: String::new(),
                timezone: "UTC".to_owned(),
                is_group_admin: false,
                is_guest: false,
                is_deleted: false,
                password: None,
                photo_url: None,
                created: self.now,
                last_active: None,
                presence: PresenceRec::default(),
                roles: vec!["user".to_owned()],
                auto_join: Vec::new(),
                version: 1,
            },
        );
        id
    }

    /// Adds a public room owned by `owner` and returns its id.
    pub fn insert_room(&mut self, name: &str, owner: u64) -> u64 {
        let id = self.next_id();
        self.rooms.insert(
            id,
            RoomRec {
                id,
                name: name.to_owned(),
                topic: String::new(),
                privacy: "public".to_owned(),
                is_archived: false,
                is_guest_accessible: false,
                owner,
                created: self.now,
                avatar_url: None,
                delegate_admin_visibility: None,
                members: BTreeSet::new(),
                participants: BTreeSet::new(),
                admins: BTreeSet::new(),
                version: 1,
                history: Vec::new(),
            },
        );
        id
    }

    /// Finds a room by id or by name (names compare case-insensitively, as HipChat did).
    pub fn find_room(&self, id_or_name: &str) -> Option<u64> {
        if let Ok(id) = id_or_name.parse::<u64>() {
            if self.rooms.contains_key(&id) {
                return Some(id);
            }
        }
        self.rooms
            .values()
            .find(|r| r.name.eq_ignore_ascii_case(id_or_name))
            .map(|r| r.id)
    }

    /// [`State::find_room`], or HipChat's 404.
    pub fn room_id(&self, id_or_name: &str) -> Result<u64, Reply> {
        self.find_room(id_or_name)
            .ok_or_else(|| Reply::not_found(format!("Room not found: {id_or_name}")))
    }

    /// Finds a user by id, email or `@mention_name`; deleted users are not found.
    pub fn find_user(&self, id_email_or_mention: &str) -> Option<u64> {
        let key = id_email_or_mention;
        let found = if let Ok(id) = key.parse::<u64>() {
            self.users.get(&id)
        } else if let Some(mention) = key.strip_prefix('@') {
            self.users
                .values()
                .find(|u| u.mention_name.eq_ignore_ascii_case(mention))
        } else {
            self.users
                .values()
                .find(|u| u.email.eq_ignore_ascii_case(key))
        };
        found.filter(|u| !u.is_deleted).map(|u| u.id)
    }

    /// [`State::find_user`], or HipChat's 404.
    pub fn user_id(&self, id_email_or_mention: &str) -> Result<u64, Reply> {
        self.find_user(id_email_or_mention)
            .ok_or_else(|| Reply::not_found(format!("User not found: {id_email_or_mention}")))
    }

    /// The key of the private chat between two users.
    pub fn chat_key(a: u64, b: u64) -> (u64, u64) {
        (a.min(b), a.max(b))
    }
}
