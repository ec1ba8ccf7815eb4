use http::Method;

use crate::api::{Paging, paging_setters};
use crate::model::{Page, RoomSummary};
use crate::{Endpoint, InvalidInput, Path, Query, UserRef};

/// `GET /user/{id_or_email}/preference/auto-join`
///
/// Lists the rooms a user joins automatically at login, one page at a time. Items are room
/// references (`{id, name, links}`; the item shape comes from a single source).
///
/// Scope: `view_group` is likely but unconfirmed.
///
/// Checked before sending: `max-results` is 0 to 1000.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/get_auto_join_rooms>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::prefs_public::GetAutoJoinRooms;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/user/%40ada/preference/auto-join")
///     .exact_query(&[("max-results", "10")])
///     .respond(MockResponse::json(200, json!({
///         "items": [{"id": 2251, "name": "Ops", "links": {"self": "https://api.hipchat.com/v2/room/2251"}}],
///         "startIndex": 0, "maxResults": 10, "links": {"self": "https://api.hipchat.com/v2/user/5/preference/auto-join"}
///     })));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let page = client.send(&GetAutoJoinRooms::new("@ada").max_results(10)).await?;
/// assert_eq!(page.items[0].name, "Ops");
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetAutoJoinRooms {
    id_or_email: UserRef,
    paging: Paging,
}

impl GetAutoJoinRooms {
    /// The auto-join rooms of the user with this id, e-mail address or @mention name.
    pub fn new(id_or_email: impl Into<UserRef>) -> Self {
        GetAutoJoinRooms {
            id_or_email: id_or_email.into(),
            paging: Paging::default(),
        }
    }

    paging_setters!("rooms");
}

impl Endpoint for GetAutoJoinRooms {
    type Response = Page<RoomSummary>;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("user")
            .param("id_or_email", &self.id_or_email)
            .lit("preference")
            .lit("auto-join")
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
    fn wire() {
        let request = build(&GetAutoJoinRooms::new("ada@example.com"));
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/user/ada%40example.com/preference/auto-join"
        );
        assert_bearer(&request);
        assert!(request.body().is_empty());
        let all = GetAutoJoinRooms::new(5u64)
            .start_index(20)
            .max_results(1000);
        assert_eq!(
            build(&all).uri(),
            "https://api.hipchat.com/v2/user/5/preference/auto-join?start-index=20&max-results=1000"
        );
        let err = build_err(&GetAutoJoinRooms::new(5u64).max_results(1001));
        assert_eq!(
            (err.field(), err.rule()),
            ("max-results", "must be 0..=1000 (got 1001)")
        );
    }

    #[test]
    fn decode_a_page_of_room_references() {
        let body = r#"{
            "items": [
                {"id": 2251, "name": "Ops Team", "links": {"self": "https://api.hipchat.com/v2/room/2251",
                 "participants": "https://api.hipchat.com/v2/room/2251/participant", "webhooks": "https://api.hipchat.com/v2/room/2251/webhook"}},
                {"id": "2252", "name": "Secret", "links": {"self": "https://api.hipchat.com/v2/room/2252", "members": "https://api.hipchat.com/v2/room/2252/member"}}
            ],
            "startIndex": 0, "maxResults": 100,
            "links": {"self": "https://api.hipchat.com/v2/user/5/preference/auto-join"}
        }"#;
        let page = respond::<GetAutoJoinRooms>(200, body).unwrap();
        assert_eq!(page.items.len(), 2);
        assert_eq!(
            (page.items[0].id, page.items[0].name.as_str()),
            (2251, "Ops Team")
        );
        assert_eq!(page.items[1].id, 2252);
        assert_eq!(
            page.items[1].links.members.as_deref(),
            Some("https://api.hipchat.com/v2/room/2252/member")
        );
        assert_eq!(page.items[0].privacy, None);
        assert_eq!(page.next_link(), None);
        let body = r#"{"error": {"code": 404, "message": "User not found", "type": "Not Found"}}"#;
        assert_eq!(api_error::<GetAutoJoinRooms>(404, body).status(), 404);
    }
}
