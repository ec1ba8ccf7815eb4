use http::Method;

use crate::api::history::{HistoryRange, history_range_setters};
use crate::api::{Paging, paging_setters};
use crate::model::{Message, Page};
use crate::{Endpoint, InvalidInput, Path, Query, UserRef};

/// `GET /user/{id_or_email}/history`
///
/// Reads the history of the token user's one-to-one chat with another user. It takes the same
/// parameters and answers the same way as room history: without `date` the server returns the
/// latest 75 messages and does not page; with a date it pages backwards from that moment.
///
/// Scope: `view_messages` is likely but unconfirmed.
///
/// Checked before sending: `max-results` is 0 to 1000.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/view_privatechat_history>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::users::ViewPrivatechatHistory;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/user/%40bob/history")
///     .exact_query(&[("date", "2017-05-21T00:00:00Z"), ("reverse", "false")])
///     .respond(MockResponse::json(200, json!({
///         "items": [{"id": "a1", "date": "2017-05-20T13:56:46+00:00", "message": "lunch?", "type": "message",
///                    "from": {"id": 7, "name": "Bob", "mention_name": "bob", "links": {"self": "https://api.hipchat.com/v2/user/7"}}}],
///         "startIndex": 0, "maxResults": 100, "links": {"self": "https://api.hipchat.com/v2/user/7/history"}
///     })));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let page = client
///     .send(&ViewPrivatechatHistory::new("@bob").date("2017-05-21T00:00:00Z").reverse(false))
///     .await?;
/// assert_eq!(page.items[0].message.as_deref(), Some("lunch?"));
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewPrivatechatHistory {
    id_or_email: UserRef,
    paging: Paging,
    history: HistoryRange,
}

impl ViewPrivatechatHistory {
    /// The private chat history with the user with this id, e-mail or @mention name.
    pub fn new(id_or_email: impl Into<UserRef>) -> Self {
        ViewPrivatechatHistory {
            id_or_email: id_or_email.into(),
            paging: Paging::default(),
            history: HistoryRange::default(),
        }
    }

    paging_setters!("messages");

    history_range_setters!(private_chat);
}

impl Endpoint for ViewPrivatechatHistory {
    type Response = Page<Message>;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("user")
            .param("id_or_email", &self.id_or_email)
            .lit("history")
    }

    fn query(&self) -> Query {
        self.history.query(&self.paging)
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        self.paging.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::{MessageSender, MessageType};

    #[test]
    fn wire_keeps_the_mixed_wire_names() {
        let request = build(&ViewPrivatechatHistory::new("bob@example.com"));
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/user/bob%40example.com/history"
        );
        assert_bearer(&request);
        assert!(request.body().is_empty());
        let full = ViewPrivatechatHistory::new(7u64)
            .date("2017-05-20T00:00:00+02:00")
            .timezone("Europe/Paris")
            .start_index(100)
            .max_results(50)
            .reverse(false)
            .include_deleted(true)
            .end_date("2017-05-01T00:00:00Z");
        assert_eq!(
            build(&full).uri(),
            "https://api.hipchat.com/v2/user/7/history?date=2017-05-20T00%3A00%3A00%2B02%3A00&timezone=Europe%2FParis&start-index=100&max-results=50&reverse=false&include_deleted=true&end-date=2017-05-01T00%3A00%3A00Z"
        );
        let err = build_err(&ViewPrivatechatHistory::new(7u64).max_results(1001));
        assert_eq!(
            (err.field(), err.rule()),
            ("max-results", "must be 0..=1000 (got 1001)")
        );
        build(&ViewPrivatechatHistory::new(7u64).max_results(1000));
    }

    #[test]
    fn decode_a_private_chat_page() {
        let body = r#"{
            "items": [
                {"id": "4f0c4d1e-2b8e-4a51-9a6c-0d1f5b1e2a01", "date": "2017-05-20T09:00:00.123456+00:00", "type": "message",
                 "message": "morning!", "mentions": [],
                 "from": {"id": 1, "name": "Alice", "mention_name": "alice", "version": "A1B2C3D4", "links": {"self": "https://api.hipchat.com/v2/user/1"}}},
                {"id": "4f0c4d1e-2b8e-4a51-9a6c-0d1f5b1e2a02", "date": "2017-05-20T09:01:00+00:00", "type": "message",
                 "from": {"id": 7, "name": "Bob", "mention_name": "bob", "links": {"self": "https://api.hipchat.com/v2/user/7"}},
                 "message": "", "file": {"name": "plan.pdf", "size": 20480, "url": "https://files.example/plan.pdf"}}
            ],
            "startIndex": 100, "maxResults": 2,
            "links": {"self": "https://api.hipchat.com/v2/user/7/history", "prev": "https://api.hipchat.com/v2/user/7/history?start-index=98&max-results=2",
                      "next": "https://api.hipchat.com/v2/user/7/history?start-index=102&max-results=2"}
        }"#;
        let page = respond::<ViewPrivatechatHistory>(200, body).unwrap();
        assert_eq!((page.start_index, page.max_results), (100, 2));
        let MessageSender::User(alice) = page.items[0].from.as_ref().unwrap() else {
            panic!("a user sender")
        };
        assert_eq!(alice.version.as_deref(), Some("A1B2C3D4"));
        assert_eq!(page.items[0].message_type, Some(MessageType::Message));
        assert_eq!(page.items[1].file.as_ref().unwrap().name, "plan.pdf");
        assert!(page.links.prev.is_some());
        assert_eq!(
            page.next_link(),
            Some("https://api.hipchat.com/v2/user/7/history?start-index=102&max-results=2")
        );
        let body = r#"{"error": {"code": 404, "message": "User not found", "type": "Not Found"}}"#;
        assert_eq!(api_error::<ViewPrivatechatHistory>(404, body).status(), 404);
    }
}
