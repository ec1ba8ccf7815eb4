use http::Method;

use crate::api::{Paging, paging_setters};
use crate::model::{Page, User};
use crate::{Endpoint, InvalidInput, Path, Query};

/// `GET /user`
///
/// Lists the group's users, one page at a time. Items carry id, name, mention name and links;
/// with `expand("items")` each item is a full profile, decoded into the same [`User`] type.
///
/// Scope: `view_group` (the catalogue has no source for it; it is the likely one).
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/get_all_users>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::users::GetAllUsers;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/user").query("include-deleted", "true").respond(MockResponse::json(200, json!({
///     "items": [{"id": 1, "name": "Alice", "mention_name": "alice", "links": {"self": "https://api.hipchat.com/v2/user/1"}}],
///     "startIndex": 0, "maxResults": 100, "links": {"self": "https://api.hipchat.com/v2/user"}
/// })));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let page = client.send(&GetAllUsers::new().include_deleted(true)).await?;
/// assert_eq!(page.items[0].mention_name, "alice");
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GetAllUsers {
    paging: Paging,
    include_guests: Option<bool>,
    include_deleted: Option<bool>,
    expand: Option<String>,
}

impl GetAllUsers {
    /// The first page with the server's defaults (100 users, no guests, no deleted users).
    pub fn new() -> Self {
        GetAllUsers::default()
    }

    paging_setters!("users");

    /// Whether active guests are included (`include-guests`, default false).
    pub fn include_guests(mut self, include: bool) -> Self {
        self.include_guests = Some(include);
        self
    }

    /// Whether deleted users are included (`include-deleted`, with a hyphen on this method;
    /// default false).
    pub fn include_deleted(mut self, include: bool) -> Self {
        self.include_deleted = Some(include);
        self
    }

    /// Entities to inline instead of linking (`expand`; `items` returns full profiles).
    pub fn expand(mut self, expand: impl Into<String>) -> Self {
        self.expand = Some(expand.into());
        self
    }
}

impl Endpoint for GetAllUsers {
    type Response = Page<User>;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new().lit("user")
    }

    fn query(&self) -> Query {
        self.paging
            .push_to(Query::new())
            .push_opt("include-guests", self.include_guests)
            .push_opt("include-deleted", self.include_deleted)
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
    fn wire() {
        let request = build(&GetAllUsers::new());
        assert_eq!(request.method(), "GET");
        assert_eq!(request.uri(), "https://api.hipchat.com/v2/user");
        assert_bearer(&request);
        let all = GetAllUsers::new()
            .start_index(0)
            .max_results(50)
            .include_guests(true)
            .include_deleted(true)
            .expand("items");
        assert_eq!(
            build(&all).uri(),
            "https://api.hipchat.com/v2/user?start-index=0&max-results=50&include-guests=true&include-deleted=true&expand=items"
        );
        assert_eq!(
            build_err(&GetAllUsers::new().max_results(1001)).field(),
            "max-results"
        );
    }

    #[test]
    fn decode_summaries_and_expanded_items() {
        let body = r#"{
            "items": [
                {"id": 1, "name": "Alice", "mention_name": "alice", "version": "A1B2C3D4", "links": {"self": "https://api.hipchat.com/v2/user/1"}},
                {"id": 2, "name": "Bob", "mention_name": "bob", "email": "bob@example.com", "title": "SRE", "is_guest": false,
                 "presence": {"status": "On call", "show": "dnd", "is_online": true, "idle": 0},
                 "links": {"self": "https://api.hipchat.com/v2/user/2"}}
            ],
            "startIndex": 0, "maxResults": 2,
            "links": {"self": "https://api.hipchat.com/v2/user", "next": "https://api.hipchat.com/v2/user?start-index=2&max-results=2"}
        }"#;
        let page = respond::<GetAllUsers>(200, body).unwrap();
        assert_eq!(page.items[0].id, 1);
        assert_eq!(page.items[0].email, None);
        assert_eq!(page.items[1].email.as_deref(), Some("bob@example.com"));
        assert!(page.items[1].presence.as_ref().unwrap().is_online);
        assert!(page.links.next.is_some());
        let body = r#"{"error": {"code": 403, "message": "This action requires one of the following scopes: [u'view_group']", "type": "Forbidden"}}"#;
        assert_eq!(
            api_error::<GetAllUsers>(403, body)
                .hipchat_error()
                .unwrap()
                .required_scopes(),
            vec!["view_group"]
        );
    }
}
