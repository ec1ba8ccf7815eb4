use http::Method;

use crate::model::Room;
use crate::{Endpoint, Path, Query, RoomRef};

/// `GET /room/{room_id_or_name}`
///
/// Gets a room's details: topic, privacy, owner, guest access and links.
///
/// Scope: `view_group` or `view_room`.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/get_room>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::GetRoom;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/room/Ops%20Team").respond(MockResponse::json(200, json!({
///     "id": 7, "name": "Ops Team", "topic": "Deploys", "links": {"self": "https://api.hipchat.com/v2/room/7"}
/// })));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let room = client.send(&GetRoom::new("Ops Team")).await?;
/// assert_eq!(room.topic.as_deref(), Some("Deploys"));
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetRoom {
    room_id_or_name: RoomRef,
    expand: Option<String>,
}

impl GetRoom {
    /// The room with this id or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>) -> Self {
        GetRoom {
            room_id_or_name: room_id_or_name.into(),
            expand: None,
        }
    }

    /// Entities to inline instead of linking, comma-separated (`expand`, such as `participants`).
    pub fn expand(mut self, expand: impl Into<String>) -> Self {
        self.expand = Some(expand.into());
        self
    }
}

impl Endpoint for GetRoom {
    type Response = Room;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
    }

    fn query(&self) -> Query {
        Query::new().push_opt("expand", self.expand.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;

    #[test]
    fn wire() {
        let request = build(&GetRoom::new("Zürich/Ops"));
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Z%C3%BCrich%2FOps"
        );
        assert_bearer(&request);
        assert_eq!(
            build(&GetRoom::new(7u64).expand("participants")).uri(),
            "https://api.hipchat.com/v2/room/7?expand=participants"
        );
    }

    #[test]
    fn decode_a_full_room() {
        let body = r#"{
            "id": 2251, "name": "Ops Team", "xmpp_jid": "1_ops_team@conf.hipchat.com",
            "created": "2013-02-07T20:11:59+00:00", "is_archived": false, "privacy": "public",
            "is_guest_accessible": true, "guest_access_url": "https://www.hipchat.com/gXyZ",
            "topic": "Deploys and incidents", "avatar_url": null, "delegate_admin_visibility": null,
            "version": "WS2KD7SE",
            "owner": {"id": 1, "name": "Alice Admin", "mention_name": "alice", "version": "00000000", "links": {"self": "https://api.hipchat.com/v2/user/1"}},
            "participants": [{"id": 2, "name": "Bob", "mention_name": "bob", "links": {"self": "https://api.hipchat.com/v2/user/2"}}],
            "statistics": {"links": {"self": "https://api.hipchat.com/v2/room/2251/statistics"}},
            "links": {"self": "https://api.hipchat.com/v2/room/2251", "participants": "https://api.hipchat.com/v2/room/2251/participant", "webhooks": "https://api.hipchat.com/v2/room/2251/webhook"},
            "last_active": "2017-05-20T13:56:46+00:00"
        }"#;
        let room = respond::<GetRoom>(200, body).unwrap();
        assert_eq!(room.id, 2251);
        assert_eq!(room.name, "Ops Team");
        assert_eq!(room.is_guest_accessible, Some(true));
        assert_eq!(
            room.guest_access_url.as_deref(),
            Some("https://www.hipchat.com/gXyZ")
        );
        assert_eq!(room.topic.as_deref(), Some("Deploys and incidents"));
        assert_eq!(room.owner.as_ref().unwrap().mention_name, "alice");
        assert_eq!(room.participants[0].name, "Bob");
        assert_eq!(room.delegate_admin_visibility, None);
        let e = api_error::<GetRoom>(404, NOT_FOUND);
        assert_eq!(
            e.hipchat_error().unwrap().error_type.as_deref(),
            Some("Not Found")
        );
    }
}
