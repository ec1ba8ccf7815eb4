use http::Method;

use crate::api::{Paging, paging_setters};
use crate::model::{Page, RoomSummary};
use crate::{Endpoint, InvalidInput, Path, Query};

/// `GET /room`
///
/// Lists the group's rooms, one page at a time; archived rooms are left out unless asked for.
///
/// Scope: `view_group` or `view_room`.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/get_all_rooms>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::GetAllRooms;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/room").exact_query(&[("max-results", "2")]).respond(MockResponse::json(200, json!({
///     "items": [{"id": 1, "name": "Ops", "links": {"self": "https://api.hipchat.com/v2/room/1"}}],
///     "startIndex": 0, "maxResults": 2, "links": {"self": "https://api.hipchat.com/v2/room"}
/// })));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let page = client.send(&GetAllRooms::new().max_results(2)).await?;
/// assert_eq!(page.items[0].name, "Ops");
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GetAllRooms {
    paging: Paging,
    include_private: Option<bool>,
    include_archived: Option<bool>,
    expand: Option<String>,
}

impl GetAllRooms {
    /// The first page with the server's defaults (100 rooms, private included, archived not).
    pub fn new() -> Self {
        GetAllRooms::default()
    }

    paging_setters!("rooms");

    /// Whether private rooms are included (`include-private`, default true).
    pub fn include_private(mut self, include: bool) -> Self {
        self.include_private = Some(include);
        self
    }

    /// Whether archived rooms are included (`include-archived`, default false).
    pub fn include_archived(mut self, include: bool) -> Self {
        self.include_archived = Some(include);
        self
    }

    /// Entities to inline instead of linking, comma-separated (`expand`, such as `items`).
    pub fn expand(mut self, expand: impl Into<String>) -> Self {
        self.expand = Some(expand.into());
        self
    }
}

impl Endpoint for GetAllRooms {
    type Response = Page<RoomSummary>;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new().lit("room")
    }

    fn query(&self) -> Query {
        self.paging
            .push_to(Query::new())
            .push_opt("include-private", self.include_private)
            .push_opt("include-archived", self.include_archived)
            .push_opt("expand", self.expand.as_deref())
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
    fn wire_without_and_with_every_parameter() {
        let request = build(&GetAllRooms::new());
        assert_eq!(request.method(), "GET");
        assert_eq!(request.uri(), "https://api.hipchat.com/v2/room");
        assert_bearer(&request);
        assert!(request.body().is_empty());
        assert!(request.headers().get("content-type").is_none());

        let all = GetAllRooms::new()
            .start_index(100)
            .max_results(1000)
            .include_private(false)
            .include_archived(true)
            .expand("items");
        assert_eq!(
            build(&all).uri(),
            "https://api.hipchat.com/v2/room?start-index=100&max-results=1000&include-private=false&include-archived=true&expand=items"
        );
        let err = build_err(&GetAllRooms::new().max_results(1001));
        assert_eq!(
            (err.field(), err.rule()),
            ("max-results", "must be 0..=1000 (got 1001)")
        );
    }

    #[test]
    fn decode_a_page() {
        let body = r#"{
            "items": [
                {"id": 2251, "name": "Ops Team", "privacy": "public", "is_archived": false, "version": "WS2KD7SE",
                 "links": {"self": "https://api.hipchat.com/v2/room/2251", "participants": "https://api.hipchat.com/v2/room/2251/participant", "webhooks": "https://api.hipchat.com/v2/room/2251/webhook"}},
                {"id": 2252, "name": "Secret", "privacy": "private", "is_archived": false, "version": "0QUZLO8S",
                 "links": {"self": "https://api.hipchat.com/v2/room/2252", "members": "https://api.hipchat.com/v2/room/2252/member"}}
            ],
            "startIndex": 0, "maxResults": 2,
            "links": {"self": "https://api.hipchat.com/v2/room", "next": "https://api.hipchat.com/v2/room?start-index=2&max-results=2"}
        }"#;
        let page = respond::<GetAllRooms>(200, body).unwrap();
        assert_eq!(page.items.len(), 2);
        assert_eq!(page.items[0].id, 2251);
        assert_eq!(page.items[1].name, "Secret");
        assert_eq!(page.items[1].privacy, Some(crate::model::Privacy::Private));
        assert_eq!((page.start_index, page.max_results), (0, 2));
        assert_eq!(
            page.links.next.as_deref(),
            Some("https://api.hipchat.com/v2/room?start-index=2&max-results=2")
        );
        let body = r#"{"error": {"code": 401, "message": "Invalid OAuth session", "type": "Unauthorized"}}"#;
        assert_eq!(
            api_error::<GetAllRooms>(401, body)
                .hipchat_error()
                .unwrap()
                .message,
            "Invalid OAuth session"
        );
    }
}
