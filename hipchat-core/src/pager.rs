//! Paging through collections: a [`Pager`] over any [`Paginated`] endpoint, and with the
//! `stream` feature a `futures_core::Stream` of the items (`Pager::into_stream`).
//!
//! HipChat returns collections one page at a time, in the envelope `{"items", "startIndex",
//! "maxResults", "links": {"self", "prev"?, "next"?}}` ([`Page`]). A [`Pager`] sends the
//! endpoint, hands out the page, and works out the next request:
//!
//! * when the page has a `links.next`, the pager reads its `start-index` and re-sends the
//!   **typed** endpoint with that start index. The URL itself is never requested, so a `next`
//!   pointing at another host never receives the token, and every other query parameter stays
//!   exactly as the caller set it;
//! * when `next` is missing but the page was full (as many items as the page size the server
//!   reported, or as the `max-results` the caller asked for), the pager continues at
//!   `start-index + items`: the server has been seen to drop `next` at `max-results=1000`
//!   although more entries existed;
//! * a short or empty page ends the collection, and so does the caller's
//!   [`limit`](Pager::limit);
//! * when the server does not move forward (its `next` asks for a start index that is not past
//!   the current one, or it answers a later start index with an earlier page), the pager returns
//!   an error instead of asking for the same entries forever; see [`did_not_advance`].
//!
//! The pager only calls [`Client::send`], so it runs on any executor and owns no timer or task.
//!
//! ```
//! # #[cfg(feature = "mock")] futures_executor::block_on(async {
//! use hipchat_core::api::rooms::GetAllRooms;
//! use hipchat_core::mock::{MockBackend, MockResponse};
//! use hipchat_core::pager::Pager;
//! use hipchat_core::Client;
//! use serde_json::json;
//!
//! let mock = MockBackend::new();
//! mock.expect_get("/v2/room").exact_query(&[("max-results", "2")]).respond(MockResponse::json(200, json!({
//!     "items": [{"id": 1, "name": "ops"}, {"id": 2, "name": "dev"}],
//!     "startIndex": 0, "maxResults": 2,
//!     "links": {"next": "https://api.hipchat.com/v2/room?start-index=2&max-results=2"}
//! })));
//! mock.expect_get("/v2/room").exact_query(&[("start-index", "2"), ("max-results", "2")])
//!     .respond(MockResponse::json(200, json!({
//!         "items": [{"id": 3, "name": "qa"}], "startIndex": 2, "maxResults": 2, "links": {}
//!     })));
//! let client = Client::builder().token("token").backend(mock.clone()).build()?;
//!
//! let rooms = Pager::new(client, GetAllRooms::new().max_results(2)).collect_all().await?;
//! let names: Vec<_> = rooms.iter().map(|r| r.name.as_str()).collect();
//! assert_eq!(names, ["ops", "dev", "qa"]);
//! mock.assert_done();
//! # Ok::<(), hipchat_core::Error>(()) }).unwrap();
//! ```

use std::collections::VecDeque;
use std::fmt;

use http::StatusCode;

use crate::api::emoticons::GetAllEmoticons;
use crate::api::prefs_public::GetAutoJoinRooms;
use crate::api::rooms::{
    GetAllMembers, GetAllParticipants, GetAllRooms, GetAllWebhooks, ViewRoomHistory,
};
use crate::api::users::{GetAllUsers, ViewPrivatechatHistory};
use crate::model::{
    EmoticonSummary, Message, Page, PageLinks, RoomSummary, RoomWebhook, User, UserSummary,
};
use crate::{Client, DecodeError, Endpoint, Error, Query};

#[cfg(feature = "stream")]
mod stream;
#[cfg(feature = "stream")]
pub use stream::PagerStream;

/// The `Stream` trait of `futures-core`, re-exported so that code can name it (and call
/// `poll_next`) without depending on `futures-core` itself.
#[cfg(feature = "stream")]
pub use futures_core::Stream;

#[cfg(test)]
mod tests;

/// An endpoint that returns one [`Page`] of a collection and can be asked for another page.
///
/// Implemented for every paginated method: [`GetAllRooms`], [`GetAllMembers`],
/// [`GetAllParticipants`], [`GetAllWebhooks`], [`ViewRoomHistory`], [`GetAllUsers`],
/// [`ViewPrivatechatHistory`], [`GetAllEmoticons`] and [`GetAutoJoinRooms`]. The `*/history/latest`
/// methods do not page and do not implement it.
///
/// Implement it for an endpoint of your own that speaks the same `start-index` / `max-results`
/// protocol; only [`at_start_index`](Paginated::at_start_index) is required, the rest reads the
/// endpoint's [`query`](Endpoint::query):
///
/// ```
/// use hipchat_core::model::Page;
/// use hipchat_core::pager::Paginated;
/// use hipchat_core::{Endpoint, Path, Query};
/// use http::Method;
///
/// /// `GET /room/{room}/reactions`, a hypothetical paged collection.
/// #[derive(Clone)]
/// struct Reactions { room: String, start: Option<u64> }
///
/// impl Endpoint for Reactions {
///     type Response = Page<serde_json::Value>;
///     fn method(&self) -> Method { Method::GET }
///     fn path(&self) -> Path { Path::new().lit("room").param("room", &self.room).lit("reactions") }
///     fn query(&self) -> Query { Query::new().push_opt("start-index", self.start) }
/// }
///
/// impl Paginated for Reactions {
///     type Item = serde_json::Value;
///     fn at_start_index(&self, start_index: u64) -> Self {
///         Reactions { start: Some(start_index), ..self.clone() }
///     }
/// }
///
/// let first = Reactions { room: "ops".into(), start: None };
/// assert_eq!(first.requested_start_index(), 0);
/// assert_eq!(first.at_start_index(40).requested_start_index(), 40);
/// assert_eq!(first.requested_max_results(), None);
/// ```
pub trait Paginated: Endpoint<Response = Page<Self::Item>> + Clone {
    /// What the collection holds.
    type Item;

    /// The same request, asking for the page that starts at `start_index`; every other
    /// parameter unchanged.
    fn at_start_index(&self, start_index: u64) -> Self;

    /// The `start-index` this request sends; 0 (the server's default) when it sends none.
    fn requested_start_index(&self) -> u64 {
        query_u64(&self.query(), "start-index").unwrap_or(0)
    }

    /// The `max-results` this request sends, if any.
    fn requested_max_results(&self) -> Option<u64> {
        query_u64(&self.query(), "max-results")
    }

    /// Whether the server pages this request at all. True for every collection; the history
    /// methods answer without a `date` (or with `date=recent`) with the latest 75 messages and
    /// no paging, and then return false, so a pager stops after that one page.
    fn is_paged(&self) -> bool {
        true
    }
}

/// The first value of `name` in `query`, read as a number.
fn query_u64(query: &Query, name: &str) -> Option<u64> {
    query
        .pairs()
        .iter()
        .find(|(key, _)| *key == name)
        .and_then(|(_, value)| value.trim().parse().ok())
}

/// Whether a history request pages: only with a `date` other than `recent`.
fn history_is_paged(query: &Query) -> bool {
    query
        .pairs()
        .iter()
        .any(|(key, value)| *key == "date" && !value.trim().eq_ignore_ascii_case("recent"))
}

macro_rules! paginated {
    ($($endpoint:ty => $item:ty),* $(,)?) => {$(
        impl Paginated for $endpoint {
            type Item = $item;

            fn at_start_index(&self, start_index: u64) -> Self {
                self.clone().start_index(start_index)
            }
        }
    )*};
    (history: $($endpoint:ty),* $(,)?) => {$(
        /// Pages only when a `date` other than `recent` is set: without one the server returns
        /// the latest 75 messages and no paging. Use `reverse(false)` with a date for stable
        /// paging.
        impl Paginated for $endpoint {
            type Item = Message;

            fn at_start_index(&self, start_index: u64) -> Self {
                self.clone().start_index(start_index)
            }

            fn is_paged(&self) -> bool {
                history_is_paged(&self.query())
            }
        }
    )*};
}

paginated!(
    GetAllRooms => RoomSummary,
    GetAllMembers => UserSummary,
    GetAllParticipants => UserSummary,
    GetAllWebhooks => RoomWebhook,
    GetAllUsers => User,
    GetAllEmoticons => EmoticonSummary,
    GetAutoJoinRooms => RoomSummary,
);
paginated!(history: ViewRoomHistory, ViewPrivatechatHistory);

/// The start of the message of every "did not advance" error, see [`did_not_advance`].
const NOT_ADVANCING: &str = "the server did not advance through the collection";

fn not_advancing(detail: String) -> Error {
    Error::Decode(DecodeError::not_advancing(
        StatusCode::OK,
        format!("{NOT_ADVANCING}: {detail}"),
    ))
}

/// Whether `error` is the one a [`Pager`] returns when the server does not move forward
/// through a collection, instead of requesting the same entries again and again.
///
/// That error is an [`Error::Decode`] (the answers were successes whose content made no sense
/// as the next page) for which [`DecodeError::is_not_advancing`] is true, with a message naming
/// the start indexes involved. The pager is finished after it.
pub fn did_not_advance(error: &Error) -> bool {
    matches!(error, Error::Decode(e) if e.is_not_advancing())
}

/// What to do after a page.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    /// The collection is over.
    Stop,
    /// Ask for the page at this start index.
    Continue(u64),
    /// Hand out this page, then fail: the server's `next` does not move forward.
    StallAfter(String),
    /// Fail now: the page is not the one asked for.
    Reject(String),
}

/// Decides the next request after `page`, which answered a request sent with `start-index`
/// `sent` and `max-results` `requested_max`.
fn next_step<T>(sent: u64, requested_max: Option<u64>, paged: bool, page: &Page<T>) -> Step {
    if !paged || page.items.is_empty() {
        return Step::Stop;
    }
    if sent > 0 && page.start_index < sent {
        return Step::Reject(format!(
            "start-index {sent} was asked for, and the page came back at startIndex {}; the \
             server seems to ignore `start-index`",
            page.start_index
        ));
    }
    let base = sent.max(page.start_index);
    // The index after this page by arithmetic; it must move past `sent`, and an index that
    // would overflow cannot (a server claiming `startIndex` near `u64::MAX`).
    let after = || match base.checked_add(page.items.len() as u64) {
        Some(after) if after > sent => Step::Continue(after),
        _ => Step::StallAfter(format!(
            "after the page at start-index {sent} (startIndex {}), the next start index \
             would not be past it",
            page.start_index
        )),
    };
    if let Some(next) = page.links.next.as_deref() {
        return match link_start_index(next) {
            Some(n) if n > sent => Step::Continue(n),
            Some(n) => Step::StallAfter(format!(
                "after the page at start-index {sent}, its `next` link asks for start-index {n} \
                 again ({next})"
            )),
            // A `next` without a readable start index still says that more entries exist.
            None => after(),
        };
    }
    let len = page.items.len() as u64;
    let full = page.is_full() || requested_max.is_some_and(|max| max > 0 && len >= max);
    if full { after() } else { Step::Stop }
}

/// The `start-index` in the query of a `next` link (absolute or relative), if readable.
fn link_start_index(link: &str) -> Option<u64> {
    let query = link.split_once('?')?.1;
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == "start-index")
        .and_then(|(_, value)| value.trim().parse().ok())
}

/// Where the items still buffered in a [`Pager`] came from.
#[derive(Debug, Clone, Default)]
struct Origin {
    /// The index of the first buffered item in the whole collection.
    start_index: u64,
    max_results: u64,
    links: PageLinks,
}

/// Walks a paginated collection page by page or item by item, sending one request per page
/// through a [`Client`].
///
/// Built from a client (cheap to clone) and the endpoint of the first page, with any filters
/// and `max_results` set on it; each later request is the same endpoint at another
/// `start-index` (see [the module docs](self) for how that index is found, and
/// [`Paginated::is_paged`] for history without a date). Nothing is sent until the first call.
///
/// Errors of a request ([`Error::Transport`], [`Error::Api`], [`Error::Decode`]) are returned
/// as they come and leave the pager where it was: calling again sends the same request again.
/// The "did not advance" error ([`did_not_advance`]) finishes the pager.
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::users::GetAllUsers;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::pager::Pager;
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/user").respond(MockResponse::json(200, json!({
///     "items": [{"id": 1, "name": "Alice", "mention_name": "alice"}],
///     "startIndex": 0, "maxResults": 100, "links": {}
/// })));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
///
/// let mut pager = Pager::new(client, GetAllUsers::new());
/// while let Some(user) = pager.next_item().await? {
///     assert_eq!(user.mention_name, "alice");
/// }
/// assert!(pager.is_done());
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
pub struct Pager<E: Paginated> {
    client: Client,
    /// The request for the next page; `None` once the collection is over.
    request: Option<E>,
    /// Items fetched but not handed out yet (by [`Pager::next_item`]).
    buffer: VecDeque<E::Item>,
    origin: Origin,
    /// The most items to hand out, and how many were handed out (or buffered) so far.
    limit: Option<usize>,
    accepted: usize,
    /// An error to return before anything else is sent.
    pending_error: Option<Error>,
    pages: usize,
}

impl<E: Paginated> Pager<E> {
    /// A pager over the collection `endpoint` lists, starting at the page `endpoint` asks for.
    pub fn new(client: Client, endpoint: E) -> Self {
        Pager {
            client,
            request: Some(endpoint),
            buffer: VecDeque::new(),
            origin: Origin::default(),
            limit: None,
            accepted: 0,
            pending_error: None,
            pages: 0,
        }
    }

    /// Hands out at most `max_items` items in all, then stops without sending another request.
    ///
    /// The page size stays what the endpoint asks for: with a small limit, also set a small
    /// `max_results` on the endpoint to fetch no more than needed.
    ///
    /// ```
    /// # #[cfg(feature = "mock")] futures_executor::block_on(async {
    /// use hipchat_core::api::rooms::GetAllRooms;
    /// use hipchat_core::mock::{MockBackend, MockResponse};
    /// use hipchat_core::pager::Pager;
    /// use hipchat_core::Client;
    /// use serde_json::json;
    ///
    /// let mock = MockBackend::new();
    /// mock.expect_get("/v2/room").respond(MockResponse::json(200, json!({
    ///     "items": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}, {"id": 3, "name": "c"}],
    ///     "startIndex": 0, "maxResults": 3,
    ///     "links": {"next": "https://api.hipchat.com/v2/room?start-index=3&max-results=3"}
    /// })));
    /// let client = Client::builder().token("token").backend(mock.clone()).build()?;
    ///
    /// let first_two = Pager::new(client, GetAllRooms::new().max_results(3)).limit(2).collect_all().await?;
    /// assert_eq!(first_two.len(), 2);
    /// assert_eq!(mock.requests().len(), 1);
    /// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
    /// ```
    pub fn limit(mut self, max_items: usize) -> Self {
        self.limit = Some(max_items);
        self
    }

    /// The next page, or `None` when the collection is over. Never returns an empty page.
    ///
    /// When [`next_item`](Pager::next_item) already took part of the current page, this returns
    /// the rest of it (its `start_index` moved past what was taken). With a
    /// [`limit`](Pager::limit), the page holding the last allowed item is cut short.
    ///
    /// ```
    /// # #[cfg(feature = "mock")] futures_executor::block_on(async {
    /// use hipchat_core::api::rooms::ViewRoomHistory;
    /// use hipchat_core::mock::{MockBackend, MockResponse};
    /// use hipchat_core::pager::Pager;
    /// use hipchat_core::Client;
    /// use serde_json::json;
    ///
    /// let message = |id: &str| json!({"id": id, "date": "2017-05-20T10:00:00+00:00", "message": id});
    /// let mock = MockBackend::new();
    /// mock.expect_get("/v2/room/ops/history").query("start-index", "0")
    ///     .respond(MockResponse::json(200, json!({
    ///         "items": [message("m1"), message("m2")], "startIndex": 0, "maxResults": 2, "links": {}
    ///     })));
    /// mock.expect_get("/v2/room/ops/history").query("start-index", "2")
    ///     .respond(MockResponse::json(200, json!({
    ///         "items": [message("m3")], "startIndex": 2, "maxResults": 2, "links": {}
    ///     })));
    /// let client = Client::builder().token("token").backend(mock.clone()).build()?;
    ///
    /// let history = ViewRoomHistory::new("ops")
    ///     .date("2017-05-21T00:00:00Z")
    ///     .reverse(false)
    ///     .start_index(0)
    ///     .max_results(2);
    /// let mut pager = Pager::new(client, history);
    /// let mut sizes = Vec::new();
    /// while let Some(page) = pager.next_page().await? {
    ///     sizes.push(page.items.len());
    /// }
    /// assert_eq!(sizes, [2, 1]);
    /// mock.assert_done();
    /// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
    /// ```
    pub async fn next_page(&mut self) -> Result<Option<Page<E::Item>>, Error> {
        if !self.buffer.is_empty() {
            return Ok(Some(self.take_buffer()));
        }
        self.fetch().await
    }

    /// The next item, or `None` when the collection is over. Sends a request only when the
    /// items of the previous page are used up.
    pub async fn next_item(&mut self) -> Result<Option<E::Item>, Error> {
        loop {
            if let Some(item) = self.pop_buffered() {
                return Ok(Some(item));
            }
            match self.fetch().await? {
                Some(page) => self.fill(page),
                None => return Ok(None),
            }
        }
    }

    /// Every remaining item, in order; stops at the first error.
    pub async fn collect_all(mut self) -> Result<Vec<E::Item>, Error> {
        let mut items: Vec<E::Item> = self.buffer.drain(..).collect();
        while let Some(page) = self.fetch().await? {
            items.extend(page.items);
        }
        Ok(items)
    }

    /// Whether everything was handed out: no request left to send and nothing buffered.
    pub fn is_done(&self) -> bool {
        self.buffer.is_empty()
            && self.pending_error.is_none()
            && (self.request.is_none() || self.limit_reached())
    }

    /// The request the next page will come from, if one is left: with
    /// [`Pager::new`], a way to resume later where this pager stopped (minus any buffered
    /// items).
    pub fn next_request(&self) -> Option<&E> {
        if self.limit_reached() {
            None
        } else {
            self.request.as_ref()
        }
    }

    /// How many pages were received so far.
    pub fn pages_fetched(&self) -> usize {
        self.pages
    }

    /// The client the pager sends through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    fn limit_reached(&self) -> bool {
        self.limit.is_some_and(|limit| self.accepted >= limit)
    }

    fn pop_buffered(&mut self) -> Option<E::Item> {
        let item = self.buffer.pop_front()?;
        self.origin.start_index = self.origin.start_index.saturating_add(1);
        Some(item)
    }

    fn take_buffer(&mut self) -> Page<E::Item> {
        let origin = std::mem::take(&mut self.origin);
        Page {
            items: self.buffer.drain(..).collect(),
            start_index: origin.start_index,
            max_results: origin.max_results,
            links: origin.links,
        }
    }

    fn fill(&mut self, page: Page<E::Item>) {
        self.origin = Origin {
            start_index: page.start_index,
            max_results: page.max_results,
            links: page.links,
        };
        self.buffer.extend(page.items);
    }

    /// Sends the next request and works out the one after; `None` when the collection is over.
    async fn fetch(&mut self) -> Result<Option<Page<E::Item>>, Error> {
        if let Some(error) = self.pending_error.take() {
            self.request = None;
            return Err(error);
        }
        if self.limit_reached() {
            self.request = None;
            return Ok(None);
        }
        let Some(request) = self.request.take() else {
            return Ok(None);
        };
        let mut page = match self.client.send(&request).await {
            Ok(page) => page,
            Err(error) => {
                // Leave the pager where it was, so that calling again retries this page.
                self.request = Some(request);
                return Err(error);
            }
        };
        self.pages += 1;

        let sent = request.requested_start_index();
        match next_step(
            sent,
            request.requested_max_results(),
            request.is_paged(),
            &page,
        ) {
            Step::Stop => {}
            Step::Continue(start_index) => self.request = Some(request.at_start_index(start_index)),
            Step::StallAfter(detail) => self.pending_error = Some(not_advancing(detail)),
            Step::Reject(detail) => return Err(not_advancing(detail)),
        }
        if page.items.is_empty() {
            return Ok(None);
        }
        if let Some(limit) = self.limit {
            let room = limit.saturating_sub(self.accepted);
            if page.items.len() >= room {
                page.items.truncate(room);
                // The limit ends the walk: nothing else is sent, and a stall after this page
                // no longer matters.
                self.request = None;
                self.pending_error = None;
            }
        }
        self.accepted = self.accepted.saturating_add(page.items.len());
        Ok(Some(page))
    }
}

impl<E: Paginated + fmt::Debug> fmt::Debug for Pager<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pager")
            .field("next_request", &self.next_request())
            .field("buffered", &self.buffer.len())
            .field("limit", &self.limit)
            .field("handed_out", &self.accepted)
            .field("pages_fetched", &self.pages)
            .field("pending_error", &self.pending_error)
            .finish_non_exhaustive()
    }
}
