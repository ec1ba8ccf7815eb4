//! The pager as a `futures_core::Stream` of items (feature `stream`).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_core::stream::FusedStream;

use super::{Pager, Paginated};
use crate::{Error, MaybeSendSync};

/// The request in flight: it owns the pager and gives it back with the outcome.
#[cfg(not(target_arch = "wasm32"))]
type Fetch<E> = Pin<Box<dyn Future<Output = (Box<Pager<E>>, Result<bool, Error>)> + Send>>;
/// The request in flight: it owns the pager and gives it back with the outcome.
#[cfg(target_arch = "wasm32")]
type Fetch<E> = Pin<Box<dyn Future<Output = (Box<Pager<E>>, Result<bool, Error>)>>>;

enum State<E: Paginated> {
    /// Waiting to be polled, with the items already fetched. Boxed so that moving it in and out
    /// of the request future moves a pointer.
    Idle(Box<Pager<E>>),
    /// A page is on its way.
    Fetching(Fetch<E>),
    /// The collection is over, or an error was yielded.
    Done,
}

/// A [`Pager`] as a [`Stream`] of `Result<item, Error>`, made by [`Pager::into_stream`].
///
/// Items come in collection order; a request is sent only when the items of the previous page
/// are used up. After an error the stream ends (it is fused): create a new pager from
/// [`Pager::next_request`] to resume. It is `Unpin`, so `futures::StreamExt::next` and
/// `futures_executor::block_on_stream` work on it directly.
#[must_use = "a stream does nothing unless polled"]
pub struct PagerStream<E: Paginated> {
    state: State<E>,
}

// The stream never pins its contents: the pager moves in and out of the boxed future by value.
impl<E: Paginated> Unpin for PagerStream<E> {}

impl<E> Pager<E>
where
    E: Paginated + MaybeSendSync + 'static,
    E::Item: MaybeSendSync + 'static,
{
    /// The remaining items as a [`Stream`] (feature `stream`), for use with `StreamExt`
    /// combinators or any executor.
    ///
    /// ```
    /// # #[cfg(feature = "mock")] {
    /// use hipchat_core::api::emoticons::GetAllEmoticons;
    /// use hipchat_core::mock::{MockBackend, MockResponse};
    /// use hipchat_core::pager::Pager;
    /// use hipchat_core::Client;
    /// use serde_json::json;
    ///
    /// let emoticon = |id: u64, shortcut: &str| json!({"id": id, "shortcut": shortcut,
    ///     "url": format!("https://cdn.example/{shortcut}.png")});
    /// let mock = MockBackend::new();
    /// mock.expect_get("/v2/emoticon").respond(MockResponse::json(200, json!({
    ///     "items": [emoticon(1, "yey"), emoticon(2, "boom")], "startIndex": 0, "maxResults": 2,
    ///     "links": {"next": "https://api.hipchat.com/v2/emoticon?start-index=2&max-results=2"}
    /// })));
    /// mock.expect_get("/v2/emoticon").query("start-index", "2").respond(MockResponse::json(200, json!({
    ///     "items": [emoticon(3, "gangnamstyle")], "startIndex": 2, "maxResults": 2, "links": {}
    /// })));
    /// let client = Client::builder().token("token").backend(mock.clone()).build()?;
    ///
    /// let stream = Pager::new(client, GetAllEmoticons::new().max_results(2)).into_stream();
    /// let shortcuts = futures_executor::block_on_stream(stream)
    ///     .map(|emoticon| emoticon.map(|e| e.shortcut))
    ///     .collect::<Result<Vec<_>, _>>()?;
    /// assert_eq!(shortcuts, ["yey", "boom", "gangnamstyle"]);
    /// mock.assert_done();
    /// # }
    /// # Ok::<(), hipchat_core::Error>(())
    /// ```
    pub fn into_stream(self) -> PagerStream<E> {
        PagerStream {
            state: State::Idle(Box::new(self)),
        }
    }
}

impl<E> Stream for PagerStream<E>
where
    E: Paginated + MaybeSendSync + 'static,
    E::Item: MaybeSendSync + 'static,
{
    type Item = Result<E::Item, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            match std::mem::replace(&mut this.state, State::Done) {
                State::Idle(mut pager) => {
                    if let Some(item) = pager.pop_buffered() {
                        this.state = State::Idle(pager);
                        return Poll::Ready(Some(Ok(item)));
                    }
                    if pager.is_done() {
                        return Poll::Ready(None);
                    }
                    this.state = State::Fetching(Box::pin(async move {
                        let outcome = pager.fetch().await.map(|page| match page {
                            Some(page) => {
                                pager.fill(page);
                                true
                            }
                            None => false,
                        });
                        (pager, outcome)
                    }));
                }
                State::Fetching(mut fetch) => match fetch.as_mut().poll(cx) {
                    Poll::Pending => {
                        this.state = State::Fetching(fetch);
                        return Poll::Pending;
                    }
                    // A page arrived (never an empty one): hand out its items.
                    Poll::Ready((pager, Ok(true))) => this.state = State::Idle(pager),
                    Poll::Ready((_, Ok(false))) => return Poll::Ready(None),
                    Poll::Ready((_, Err(error))) => return Poll::Ready(Some(Err(error))),
                },
                State::Done => return Poll::Ready(None),
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match &self.state {
            State::Idle(pager) => (pager.buffer.len(), None),
            State::Fetching(_) => (0, None),
            State::Done => (0, Some(0)),
        }
    }
}

impl<E> FusedStream for PagerStream<E>
where
    E: Paginated + MaybeSendSync + 'static,
    E::Item: MaybeSendSync + 'static,
{
    fn is_terminated(&self) -> bool {
        matches!(self.state, State::Done)
    }
}

impl<E: Paginated> std::fmt::Debug for PagerStream<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = match &self.state {
            State::Idle(_) => "idle",
            State::Fetching(_) => "fetching",
            State::Done => "done",
        };
        f.debug_struct("PagerStream")
            .field("state", &state)
            .finish_non_exhaustive()
    }
}
