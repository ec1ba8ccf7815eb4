use http::Method;

use crate::api::{Paging, paging_setters};
use crate::model::{Page, UserSummary};
use crate::{Endpoint, InvalidInput, Path, Query, RoomRef};

/// `GET /room/{room_id_or_name}/member`
///
/// Lists the members of a private room, one page at a time. Answers 200 with a [`Page`] of
/// user references.
///
/// Scope: `view_room` (single source).
///
/// Checked before sending: `max-results` is at most 1000.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/get_all_members>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::GetAllMembers;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/room/secret/member").respond(MockResponse::json(200, json!({
///     "items": [{"id": 5, "name": "Ada Lovelace", "mention_name": "ada", "links": {"self": "https://api.hipchat.com/v2/user/5"}}],
///     "startIndex": 0, "maxResults": 100, "links": {"self": "https://api.hipchat.com/v2/room/secret/member"}
/// })));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let members = client.send(&GetAllMembers::new("secret")).await?;
/// assert_eq!(members.items[0].mention_name, "ada");
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetAllMembers {
    room_id_or_name: RoomRef,
    paging: Paging,
}

impl GetAllMembers {
    /// The first page of members of the room with this id or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>) -> Self {
        GetAllMembers {
            room_id_or_name: room_id_or_name.into(),
            paging: Paging::default(),
        }
    }

    paging_setters!("members");
}

impl Endpoint for GetAllMembers {
    type Response = Page<UserSummary>;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("member")
    }

    fn query(&self) -> Query {
        self.paging.push_to(Query::new())
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        self.paging.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;

    #[test]
    fn wire_with_and_without_paging() {
        let request = build(&GetAllMembers::new("Secret Room"));
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Secret%20Room/member"
        );
        assert_bearer(&request);
        assert_eq!(
            build(&GetAllMembers::new(9u64).start_index(100).max_results(1000)).uri(),
            "https://api.hipchat.com/v2/room/9/member?start-index=100&max-results=1000"
        );
        let err = build_err(&GetAllMembers::new("x").max_results(1001));
        assert_eq!(
            (err.field(), err.rule()),
            ("max-results", "must be 0..=1000 (got 1001)")
        );
    }

    #[test]
    fn decodes_a_page_of_user_refs() {
        let body = r#"{
            "items": [
                {"id": 5, "name": "Ada Lovelace", "mention_name": "ada", "version": "00000000",
                 "links": {"self": "https://api.hipchat.com/v2/user/5"}},
                {"id": "7", "name": "Bob", "mention_name": "bob", "links": {"self": "https://api.hipchat.com/v2/user/7"}}
            ],
            "startIndex": 0, "maxResults": 2,
            "links": {"self": "https://api.hipchat.com/v2/room/9/member",
                      "next": "https://api.hipchat.com/v2/room/9/member?start-index=2&max-results=2"}
        }"#;
        let page = respond::<GetAllMembers>(200, body).unwrap();
        assert_eq!(page.items[0].version.as_deref(), Some("00000000"));
        assert_eq!(page.items[1].id, 7);
        assert_eq!(
            page.items[1].links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/user/7")
        );
        assert_eq!(
            page.next_link(),
            Some("https://api.hipchat.com/v2/room/9/member?start-index=2&max-results=2")
        );
        assert_eq!(api_error::<GetAllMembers>(404, NOT_FOUND).status(), 404);
    }
}
