//! An in-memory HipChat for testing code that uses a [`Client`], with no server, no network
//! and no async runtime.
//!
//! [`FakeHipChat`] is an [`HttpBackend`] that keeps the state of one group: rooms, users,
//! room and private-chat history, emoticons, webhooks, tokens with scopes and rate limits. It
//! answers the way HipChat did, with HipChat's statuses and error bodies, so code written
//! against a real server runs against it unchanged. Unlike [`mock`](crate::mock), nothing is
//! scripted: you seed state, run your code, and inspect the state it left.
//!
//! ```
//! use hipchat_core::api::rooms::{CreateRoom, SendRoomNotification, ViewRoomHistory};
//! use hipchat_core::fake::FakeHipChat;
//!
//! # futures_executor::block_on(async {
//! let fake = FakeHipChat::new();
//! let client = fake.client();
//!
//! client.send(&CreateRoom::new("Ops")).await?;
//! client.send(&SendRoomNotification::new("Ops", "Deploy done")).await?;
//!
//! let history = client.send(&ViewRoomHistory::new("Ops").date("2030-01-01T00:00:00Z")).await?;
//! assert_eq!(history.items[0].message.as_deref(), Some("Deploy done"));
//! assert_eq!(fake.room_history("Ops").len(), 1);
//! # Ok::<(), hipchat_core::Error>(())
//! # }).unwrap();
//! ```
//!
//! What it models, and how:
//! - Every method of the API has a route. Those the fake does not model answer `501` with a
//!   HipChat error body naming the method, so a gap is never silent.
//! - Tokens: [`FakeHipChat::ADMIN_TOKEN`] acts as the group admin with every scope. Add others
//!   with [`add_token`](FakeHipChat::add_token), [`add_room_token`](FakeHipChat::add_room_token)
//!   and [`add_oauth_client`](FakeHipChat::add_oauth_client). An unknown or expired token gets
//!   `401`, a token without the method's scope gets HipChat's `403` naming the scopes.
//! - Time: the fake has its own clock, starting at 2019-01-01T00:00:00Z. Every message it
//!   records moves the clock one second forward, so messages have distinct, increasing
//!   timestamps; [`advance`](FakeHipChat::advance) and [`set_time`](FakeHipChat::set_time)
//!   move it further. Tokens expire and rate-limit windows reset on this clock.
//! - Limits: 500 requests per 5 minutes per token by default, reported in the
//!   `X-Ratelimit-*` headers and answered with `429` beyond; flood control (messages per
//!   minute per room or chat, `X-FloodControl-*`) is off until
//!   [`set_flood_limit`](FakeHipChat::set_flood_limit) turns it on.
//! - Webhooks: nothing is posted anywhere. Each event a registered webhook would have
//!   received is recorded, see [`webhook_deliveries`](FakeHipChat::webhook_deliveries).
//! - URLs: any base URL whose path has a `v2` segment works; the links in answers use the base
//!   URL of the request.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::DeserializeOwned;

use crate::model::{Message, Room, Scope, User};
use crate::{
    Client, ClientBuilder, HttpBackend, HttpRequest, HttpResponse, RoomRef, Timer, TransportError,
    UserRef,
};

mod body;
mod clock;
mod events;
mod render;
mod reply;
mod request;
mod router;
mod routes;
mod state;

use state::{OAuthClientRec, Owner, Sender, State, TokenRec};

/// The in-memory HipChat. Cheap to clone: clones share one state.
#[derive(Clone)]
pub struct FakeHipChat {
    state: Arc<Mutex<State>>,
}

/// A request rate limit: at most `limit` requests per `window` and per token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    limit: u32,
    window: Duration,
}

impl RateLimit {
    /// At most `limit` requests per `window`, per token.
    pub fn per_window(limit: u32, window: Duration) -> RateLimit {
        RateLimit { limit, window }
    }

    /// HipChat Cloud's limit: 500 requests per 5 minutes.
    pub fn cloud() -> RateLimit {
        RateLimit::per_window(500, Duration::from_secs(300))
    }

    /// HipChat Server's default for user tokens: 100 requests per 5 minutes.
    pub fn server() -> RateLimit {
        RateLimit::per_window(100, Duration::from_secs(300))
    }
}

/// An event the fake would have posted to a webhook.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WebhookDelivery {
    /// The id of the webhook.
    pub webhook_id: u64,
    /// Where HipChat would have posted it.
    pub url: String,
    /// The event name, e.g. `room_message`.
    pub event: String,
    /// The JSON body: `{event, item, webhook_id}`.
    pub payload: serde_json::Value,
}

impl Default for FakeHipChat {
    fn default() -> Self {
        FakeHipChat::new()
    }
}

impl fmt::Debug for FakeHipChat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        f.debug_struct("FakeHipChat")
            .field("users", &state.users.len())
            .field("rooms", &state.rooms.len())
            .field("requests", &state.log.len())
            .finish_non_exhaustive()
    }
}

fn micros(duration: Duration) -> i64 {
    i64::try_from(duration.as_micros()).unwrap_or(i64::MAX)
}

fn scope_names(scopes: &[Scope]) -> Vec<String> {
    scopes.iter().map(|s| s.as_str().to_owned()).collect()
}

impl FakeHipChat {
    /// The token of the group admin (user [`ADMIN_ID`](Self::ADMIN_ID)), holding every scope.
    pub const ADMIN_TOKEN: &'static str = "fake-admin-token";
    /// The user id of the group admin, who owns the group.
    pub const ADMIN_ID: u64 = 1;
    /// The base URL of [`client`](Self::client). Any URL with a `v2` segment works.
    pub const BASE_URL: &'static str = "https://hipchat.fake/v2";

    /// A group named "Fake Group" with one user, the admin, and no rooms.
    pub fn new() -> FakeHipChat {
        FakeHipChat {
            state: Arc::new(Mutex::new(State::new(Self::ADMIN_TOKEN))),
        }
    }

    /// A group to try things on: rooms "Ops" and "Dev", users Alice (`@alice`) and Bob
    /// (`@bob`), a few messages in both rooms, and a private chat between the admin and Alice.
    pub fn demo() -> FakeHipChat {
        let fake = FakeHipChat::new();
        let alice = fake.add_user("Alice Example", "alice", "alice@example.com");
        let bob = fake.add_user("Bob Example", "bob", "bob@example.com");
        fake.add_room("Ops");
        fake.add_room("Dev");
        fake.add_message("Ops", alice, "Deploying 1.4 to staging");
        fake.add_notification("Ops", "CI", "Build #41 passed");
        fake.add_message("Ops", bob, "Staging looks good");
        fake.add_message("Dev", bob, "Who broke the nightly build?");
        fake.add_notification("Dev", "CI", "Nightly build #7 failed");
        fake.add_private_message(Self::ADMIN_ID, alice, "Can you review the release notes?");
        fake.add_private_message(alice, Self::ADMIN_ID, "Done, two typos fixed.");
        fake
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A handler never panics while holding the lock, but a poisoned lock must not turn
        // every later request into a panic either.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A [`Client`] on this fake with [`BASE_URL`](Self::BASE_URL) and
    /// [`ADMIN_TOKEN`](Self::ADMIN_TOKEN).
    pub fn client(&self) -> Client {
        self.client_with_token(Self::ADMIN_TOKEN)
    }

    /// A [`Client`] on this fake that sends `token`.
    ///
    /// The fake is also the client's [`Timer`]: with a [`RetryPolicy`](crate::RetryPolicy)
    /// added through [`builder`](Self::builder), waiting out a 429 moves the fake's clock
    /// instead of sleeping.
    pub fn client_with_token(&self, token: impl Into<String>) -> Client {
        self.builder()
            .token(token)
            .build()
            .expect("the fake's base URL is valid")
    }

    /// A [`ClientBuilder`] with this fake as backend and timer and
    /// [`BASE_URL`](Self::BASE_URL); add credentials and options, then build.
    ///
    /// ```
    /// use std::time::Duration;
    /// use hipchat_core::api::rooms::GetAllRooms;
    /// use hipchat_core::fake::{FakeHipChat, RateLimit};
    /// use hipchat_core::RetryPolicy;
    ///
    /// let fake = FakeHipChat::new();
    /// fake.set_rate_limit(Some(RateLimit::per_window(1, Duration::from_secs(60))));
    /// let client = fake
    ///     .builder()
    ///     .token(FakeHipChat::ADMIN_TOKEN)
    ///     .retry(RetryPolicy::new())
    ///     .build()?;
    /// let start = fake.now_unix();
    /// futures_executor::block_on(async {
    ///     client.send(&GetAllRooms::new()).await?;
    ///     client.send(&GetAllRooms::new()).await // a 429 first, retried after the window
    /// })?;
    /// assert_eq!(fake.now_unix() - start, 60);
    /// # Ok::<(), hipchat_core::Error>(())
    /// ```
    pub fn builder(&self) -> ClientBuilder {
        Client::builder()
            .base_url(Self::BASE_URL)
            .backend(self.clone())
            .timer(self.clone())
    }

    // ----- seeding -----

    /// Adds a user and returns its id.
    pub fn add_user(&self, name: &str, mention_name: &str, email: &str) -> u64 {
        self.lock().insert_user(name, mention_name, email)
    }

    /// Adds a public room owned by the admin and returns its id.
    pub fn add_room(&self, name: &str) -> u64 {
        self.lock().insert_room(name, Self::ADMIN_ID)
    }

    /// Adds a private room owned by `owner`, with `members` (the owner is always one), and
    /// returns its id.
    pub fn add_private_room(&self, name: &str, owner: u64, members: &[u64]) -> u64 {
        let mut state = self.lock();
        let id = state.insert_room(name, owner);
        if let Some(room) = state.rooms.get_mut(&id) {
            room.privacy = "private".to_owned();
            room.members.insert(owner);
            room.members.extend(members.iter().copied());
        }
        id
    }

    /// Makes `token` a personal token acting as user `user_id` with `scopes`.
    pub fn add_token(&self, token: &str, user_id: u64, scopes: &[Scope]) {
        self.insert_token(token, Owner::User(user_id), scopes, None);
    }

    /// Makes `token` a room notification token of `room`: it may only send notifications to
    /// that room.
    ///
    /// # Panics
    ///
    /// If there is no such room: seeding a token for a missing room is a bug in the test.
    pub fn add_room_token(&self, token: &str, room: impl Into<RoomRef>, scopes: &[Scope]) {
        let room = room.into();
        let id = self
            .lock()
            .find_room(room.as_str())
            .unwrap_or_else(|| panic!("FakeHipChat::add_room_token: no room {room}"));
        self.insert_token(token, Owner::Room(id), scopes, None);
    }

    fn insert_token(&self, token: &str, owner: Owner, scopes: &[Scope], expires: Option<i64>) {
        self.lock().tokens.insert(
            token.to_owned(),
            TokenRec {
                owner,
                scopes: scope_names(scopes),
                expires,
                client_id: None,
            },
        );
    }

    /// Registers an OAuth client (an add-on installation) that may ask `POST /oauth/token`
    /// for tokens with up to `scopes`, authenticating with HTTP Basic `client_id:secret`.
    pub fn add_oauth_client(&self, client_id: &str, secret: &str, scopes: &[Scope]) {
        self.lock().oauth_clients.insert(
            client_id.to_owned(),
            OAuthClientRec {
                secret: secret.to_owned(),
                scopes: scope_names(scopes),
                name: format!("{client_id} add-on"),
                room: None,
            },
        );
    }

    /// Posts `text` into `room` as user `user_id`, as if typed in a HipChat client, and
    /// returns the message id. No webhook fires: seeding is not an event.
    ///
    /// # Panics
    ///
    /// If there is no such room.
    pub fn add_message(&self, room: impl Into<RoomRef>, user_id: u64, text: &str) -> String {
        self.push_room_message(room.into(), Sender::User(user_id), "message", text, None)
    }

    /// Posts a notification with the sender label `from` into `room` and returns its id.
    ///
    /// # Panics
    ///
    /// If there is no such room.
    pub fn add_notification(&self, room: impl Into<RoomRef>, from: &str, text: &str) -> String {
        self.push_room_message(
            room.into(),
            Sender::Label(from.to_owned()),
            "notification",
            text,
            Some("yellow"),
        )
    }

    fn push_room_message(
        &self,
        room: RoomRef,
        from: Sender,
        message_type: &str,
        text: &str,
        color: Option<&str>,
    ) -> String {
        let mut state = self.lock();
        let id = state
            .find_room(room.as_str())
            .unwrap_or_else(|| panic!("FakeHipChat: no room {room}"));
        let mut record = state.new_message(from, message_type, text.to_owned());
        record.message_format = color.map(|_| "html".to_owned());
        record.color = color.map(str::to_owned);
        let message_id = record.id.clone();
        if let Some(room) = state.rooms.get_mut(&id) {
            room.history.push(record);
        }
        message_id
    }

    /// Records a private message from user `from` to user `to` and returns its id.
    pub fn add_private_message(&self, from: u64, to: u64, text: &str) -> String {
        let mut state = self.lock();
        let record = state.new_message(Sender::User(from), "message", text.to_owned());
        let message_id = record.id.clone();
        state
            .private_chats
            .entry(State::chat_key(from, to))
            .or_default()
            .push(record);
        message_id
    }

    /// Sets the request rate limit per token; `None` removes it.
    pub fn set_rate_limit(&self, limit: Option<RateLimit>) {
        let mut state = self.lock();
        state.limits.rate = limit.map(|l| (l.limit, micros(l.window).max(1)));
        state.limits.rate_windows.clear();
    }

    /// Sets flood control: at most `per_minute` messages per minute into one room or private
    /// chat; `None` (the default) turns it off.
    pub fn set_flood_limit(&self, per_minute: Option<u32>) {
        let mut state = self.lock();
        state.limits.flood = per_minute;
        state.limits.flood_windows.clear();
    }

    // ----- the clock -----

    /// The fake's current time, in seconds since the Unix epoch.
    pub fn now_unix(&self) -> i64 {
        clock::unix_secs(self.lock().now)
    }

    /// Sets the fake's clock, in seconds since the Unix epoch.
    pub fn set_time(&self, unix_secs: i64) {
        self.lock().now = clock::from_secs(unix_secs);
    }

    /// Moves the fake's clock forward.
    pub fn advance(&self, by: Duration) {
        let mut state = self.lock();
        state.now = state.now.saturating_add(micros(by));
    }

    // ----- inspection -----

    fn decode<T: DeserializeOwned>(value: serde_json::Value) -> T {
        serde_json::from_value(value).expect("the fake renders what the models decode")
    }

    /// Every room, archived ones included, by id.
    pub fn rooms(&self) -> Vec<Room> {
        let state = self.lock();
        state
            .rooms
            .values()
            .map(|r| Self::decode(render::room_full(Self::BASE_URL, &state, r)))
            .collect()
    }

    /// The room with this id or name.
    pub fn room(&self, room: impl Into<RoomRef>) -> Option<Room> {
        let state = self.lock();
        let id = state.find_room(room.into().as_str())?;
        let record = state.rooms.get(&id)?;
        Some(Self::decode(render::room_full(
            Self::BASE_URL,
            &state,
            record,
        )))
    }

    /// Every user, deleted ones included, by id.
    pub fn users(&self) -> Vec<User> {
        let state = self.lock();
        state
            .users
            .values()
            .map(|u| Self::decode(render::user_full(Self::BASE_URL, &state, u)))
            .collect()
    }

    /// The user with this id, email or `@mention` name (not deleted).
    pub fn user(&self, user: impl Into<UserRef>) -> Option<User> {
        let state = self.lock();
        let id = state.find_user(user.into().as_str())?;
        let record = state.users.get(&id)?;
        Some(Self::decode(render::user_full(
            Self::BASE_URL,
            &state,
            record,
        )))
    }

    /// The history of a room, oldest first, deleted messages included (without a body).
    /// Empty when there is no such room.
    pub fn room_history(&self, room: impl Into<RoomRef>) -> Vec<Message> {
        let state = self.lock();
        let Some(id) = state.find_room(room.into().as_str()) else {
            return Vec::new();
        };
        state.rooms[&id]
            .history
            .iter()
            .map(|m| Self::decode(render::message(Self::BASE_URL, &state, m)))
            .collect()
    }

    /// The private chat between two users, oldest first.
    pub fn private_history(&self, user_a: u64, user_b: u64) -> Vec<Message> {
        let state = self.lock();
        state
            .private_chats
            .get(&State::chat_key(user_a, user_b))
            .map(|chat| {
                chat.iter()
                    .map(|m| Self::decode(render::message(Self::BASE_URL, &state, m)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The events registered webhooks would have received, in order.
    pub fn webhook_deliveries(&self) -> Vec<WebhookDelivery> {
        self.lock()
            .deliveries
            .iter()
            .map(|d| WebhookDelivery {
                webhook_id: d.webhook_id,
                url: d.url.clone(),
                event: d.event.clone(),
                payload: d.payload.clone(),
            })
            .collect()
    }

    /// One line per request served, `"POST /v2/room/Ops/notification -> 204"`.
    pub fn requests(&self) -> Vec<String> {
        self.lock().log.clone()
    }
}

/// The fake's clock as a [`Timer`]: `now` is the fake's time and `sleep` moves it forward at
/// once, so a client retrying against the fake waits in fake time only.
#[cfg_attr(not(target_arch = "wasm32"), async_trait::async_trait)]
#[cfg_attr(target_arch = "wasm32", async_trait::async_trait(?Send))]
impl Timer for FakeHipChat {
    fn now(&self) -> SystemTime {
        let micros = self.lock().now;
        let since_epoch = Duration::from_micros(micros.unsigned_abs());
        if micros >= 0 {
            UNIX_EPOCH + since_epoch
        } else {
            UNIX_EPOCH - since_epoch
        }
    }

    async fn sleep(&self, duration: Duration) {
        self.advance(duration);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), async_trait::async_trait)]
#[cfg_attr(target_arch = "wasm32", async_trait::async_trait(?Send))]
impl HttpBackend for FakeHipChat {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        Ok(router::dispatch(&mut self.lock(), request))
    }
}

#[cfg(test)]
mod tests;
