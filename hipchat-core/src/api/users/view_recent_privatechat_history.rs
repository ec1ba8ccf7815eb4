use http::Method;

use crate::api::history::{HistoryOptions, history_option_setters};
use crate::model::{Message, Page};
use crate::{Endpoint, Path, Query, UserRef};

/// `GET /user/{id_or_email}/history/latest`
///
/// Reads the latest messages of the token user's one-to-one chat with another user, newest
/// last. The answer is a single page without paging (`{items, maxResults, links}`); its items
/// mix message kinds, and `from` may be a user, a plain label or `null`.
///
/// Scope: `view_messages` is likely but unconfirmed.
///
/// Nothing is checked before sending: the range of `max-results` (0 to 1000, default 75) comes
/// from a single source, so it is left to the server.
///
/// Official documentation:
/// <https://www.hipchat.com/docs/apiv2/method/view_recent_privatechat_history>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::users::ViewRecentPrivatechatHistory;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/user/7/history/latest")
///     .exact_query(&[("max-results", "10"), ("not-before", "a1")])
///     .respond(MockResponse::json(200, json!({
///         "items": [{"id": "a2", "date": "2017-05-20T13:57:00+00:00", "message": "on my way", "type": "message",
///                    "from": {"id": 7, "name": "Bob", "mention_name": "bob", "links": {"self": "https://api.hipchat.com/v2/user/7"}}}],
///         "maxResults": 10, "links": {"self": "https://api.hipchat.com/v2/user/7/history/latest"}
///     })));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let latest = client
///     .send(&ViewRecentPrivatechatHistory::new(7u64).max_results(10).not_before("a1"))
///     .await?;
/// assert_eq!(latest.items[0].from.as_ref().unwrap().display_name(), "Bob");
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewRecentPrivatechatHistory {
    id_or_email: UserRef,
    max_results: Option<u64>,
    options: HistoryOptions,
    not_before: Option<String>,
}

impl ViewRecentPrivatechatHistory {
    /// The latest messages of the private chat with the user with this id, e-mail or @mention
    /// name.
    pub fn new(id_or_email: impl Into<UserRef>) -> Self {
        ViewRecentPrivatechatHistory {
            id_or_email: id_or_email.into(),
            max_results: None,
            options: HistoryOptions::default(),
            not_before: None,
        }
    }

    /// How many messages to return (`max-results`; default 75, documented as 0 to 1000 by a
    /// single source and not checked here).
    pub fn max_results(mut self, max_results: u64) -> Self {
        self.max_results = Some(max_results);
        self
    }

    history_option_setters!(private_chat, options);

    /// The id of a message: nothing older than it is returned (`not-before`).
    pub fn not_before(mut self, message_id: impl Into<String>) -> Self {
        self.not_before = Some(message_id.into());
        self
    }
}

impl Endpoint for ViewRecentPrivatechatHistory {
    type Response = Page<Message>;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("user")
            .param("id_or_email", &self.id_or_email)
            .lit("history")
            .lit("latest")
    }

    fn query(&self) -> Query {
        let query = Query::new().push_opt("max-results", self.max_results);
        self.options
            .push_to(query)
            .push_opt("not-before", self.not_before.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::{MessageSender, MessageType};

    #[test]
    fn wire_keeps_the_mixed_wire_names() {
        let request = build(&ViewRecentPrivatechatHistory::new("bob+ops@example.com"));
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/user/bob%2Bops%40example.com/history/latest"
        );
        assert_bearer(&request);
        let full = ViewRecentPrivatechatHistory::new(7u64)
            .max_results(25)
            .timezone("America/New_York")
            .include_deleted(false)
            .not_before("4f0c4d1e-2b8e-4a51-9a6c-0d1f5b1e2a01");
        assert_eq!(
            build(&full).uri(),
            "https://api.hipchat.com/v2/user/7/history/latest?max-results=25&timezone=America%2FNew_York&include_deleted=false&not-before=4f0c4d1e-2b8e-4a51-9a6c-0d1f5b1e2a01"
        );
        // The 0..=1000 range is single-source: left to the server.
        assert_eq!(
            build(&ViewRecentPrivatechatHistory::new(7u64).max_results(5000)).uri(),
            "https://api.hipchat.com/v2/user/7/history/latest?max-results=5000"
        );
    }

    #[test]
    fn decode_mixed_items_without_start_index() {
        let body = r#"{
            "items": [
                {"id": "m1", "date": "2017-05-20T13:56:46.750428+00:00", "type": "message", "message": "hi Bob",
                 "from": {"id": 1, "name": "Alice", "mention_name": "alice", "links": {"self": "https://api.hipchat.com/v2/user/1"}}},
                {"id": "m2", "date": "2017-05-20T13:57:00+00:00", "type": "notification", "message": "Reminder: standup",
                 "from": "Standup bot", "message_format": "text", "color": "yellow"},
                {"id": "m3", "date": "2017-05-20T13:58:00+00:00", "type": "message", "from": null}
            ],
            "maxResults": 75,
            "links": {"self": "https://api.hipchat.com/v2/user/7/history/latest"}
        }"#;
        let page = respond::<ViewRecentPrivatechatHistory>(200, body).unwrap();
        assert_eq!((page.start_index, page.max_results), (0, 75));
        assert_eq!(page.items.len(), 3);
        assert_eq!(page.items[0].from.as_ref().unwrap().user().unwrap().id, 1);
        assert_eq!(
            page.items[1].from,
            Some(MessageSender::Label("Standup bot".into()))
        );
        assert_eq!(page.items[1].message_type, Some(MessageType::Notification));
        assert_eq!(page.items[2].from, None);
        assert!(page.items[2].is_deleted());
        assert_eq!(page.next_link(), None);
        let body = r#"{"error": {"code": 401, "message": "Invalid OAuth session", "type": "Unauthorized"}}"#;
        assert_eq!(
            api_error::<ViewRecentPrivatechatHistory>(401, body)
                .hipchat_error()
                .unwrap()
                .message,
            "Invalid OAuth session"
        );
    }
}
