use http::Method;

use crate::api::{Paging, paging_setters};
use crate::model::{Page, UserSummary};
use crate::{Endpoint, InvalidInput, Path, Query, RoomRef};

/// `GET /room/{room_id_or_name}/participant`
///
/// Lists the users currently in a room, one page at a time (with `include-offline`, also the
/// offline members of a private room). Answers 200 with a [`Page`] of user references.
///
/// Scope: `view_room` (single source).
///
/// Checked before sending: `max-results` is at most 1000.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/get_all_participants>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::GetAllParticipants;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/room/ops/participant")
///     .exact_query(&[("include-offline", "true")])
///     .respond(MockResponse::json(200, json!({
///         "items": [{"id": 7, "name": "Bob", "mention_name": "bob", "links": {"self": "https://api.hipchat.com/v2/user/7"}}],
///         "startIndex": 0, "maxResults": 100, "links": {"self": "https://api.hipchat.com/v2/room/ops/participant"}
///     })));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let page = client.send(&GetAllParticipants::new("ops").include_offline(true)).await?;
/// assert_eq!(page.items[0].name, "Bob");
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetAllParticipants {
    room_id_or_name: RoomRef,
    paging: Paging,
    include_offline: Option<bool>,
}

impl GetAllParticipants {
    /// The first page of participants of the room with this id or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>) -> Self {
        GetAllParticipants {
            room_id_or_name: room_id_or_name.into(),
            paging: Paging::default(),
            include_offline: None,
        }
    }

    paging_setters!("participants");

    /// Whether offline members are listed too (`include-offline`, default false; only
    /// meaningful for private rooms).
    pub fn include_offline(mut self, include: bool) -> Self {
        self.include_offline = Some(include);
        self
    }
}

impl Endpoint for GetAllParticipants {
    type Response = Page<UserSummary>;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("participant")
    }

    fn query(&self) -> Query {
        self.paging
            .push_to(Query::new())
            .push_opt("include-offline", self.include_offline)
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
    fn wire_with_and_without_parameters() {
        let request = build(&GetAllParticipants::new("Ops Team"));
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/participant"
        );
        assert_bearer(&request);
        let full = GetAllParticipants::new(7u64)
            .start_index(50)
            .max_results(50)
            .include_offline(false);
        assert_eq!(
            build(&full).uri(),
            "https://api.hipchat.com/v2/room/7/participant?start-index=50&max-results=50&include-offline=false"
        );
        assert_eq!(
            build_err(&GetAllParticipants::new(7u64).max_results(2000)).field(),
            "max-results"
        );
    }

    #[test]
    fn decodes_a_page_of_user_refs() {
        let body = r#"{
            "items": [
                {"id": 7, "name": "Bob", "mention_name": "bob", "version": "6A4B1F2E",
                 "links": {"self": "https://api.hipchat.com/v2/user/7"}}
            ],
            "startIndex": 50, "maxResults": 50,
            "links": {"self": "https://api.hipchat.com/v2/room/7/participant",
                      "prev": "https://api.hipchat.com/v2/room/7/participant?start-index=0&max-results=50"}
        }"#;
        let page = respond::<GetAllParticipants>(200, body).unwrap();
        assert_eq!((page.start_index, page.max_results), (50, 50));
        assert_eq!(page.items[0].mention_name, "bob");
        assert_eq!(page.items[0].version.as_deref(), Some("6A4B1F2E"));
        assert!(page.links.prev.is_some());
        assert_eq!(page.next_link(), None);
        assert_eq!(
            api_error::<GetAllParticipants>(404, NOT_FOUND).status(),
            404
        );
    }
}
