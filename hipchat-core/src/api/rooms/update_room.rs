use http::Method;
use serde::{Serialize, Serializer};

use crate::model::Privacy;
use crate::validate::{char_len, known};
use crate::{Body, Endpoint, Error, InvalidInput, Path, RoomRef, UserRef};

/// `PUT /room/{room_id_or_name}`
///
/// Replaces a room's settings: name, privacy, archive state, guest access, topic and owner.
/// It is a full replacement, so every required field is sent each time (read the room with
/// [`GetRoom`](super::GetRoom) first to keep what should not change). Answers 204 No Content.
///
/// Scope: `admin_room`; a user token also needs owner or admin rights on the room.
///
/// Checked before sending: `name` has 1 to 50 characters, `topic` at most 250 (the limit
/// documented for set_topic, also applied by create_room), `privacy` is `public` or
/// `private`, and the owner is not empty. The owner is sent as `{"id": "..."}`, a numeric id
/// as a string.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/update_room>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::UpdateRoom;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::model::Privacy;
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_put("/v2/room/Ops")
///     .json_body(json!({
///         "name": "Ops", "privacy": "private", "is_archived": false,
///         "is_guest_accessible": false, "topic": "On call: Ada", "owner": {"id": "@ada"}
///     }))
///     .respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// let update = UpdateRoom::new("Ops", "Ops", Privacy::Private, false, false, "On call: Ada", "@ada");
/// client.send(&update).await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UpdateRoom {
    #[serde(skip)]
    room_id_or_name: RoomRef,
    name: String,
    privacy: Privacy,
    is_archived: bool,
    is_guest_accessible: bool,
    topic: String,
    #[serde(serialize_with = "serialize_owner")]
    owner: UserRef,
    #[serde(skip_serializing_if = "Option::is_none")]
    delegate_admin_visibility: Option<bool>,
}

/// The owner goes on the wire as `{"id": "<id, e-mail or @mention>"}`.
fn serialize_owner<S: Serializer>(owner: &UserRef, s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Owner<'a> {
        id: &'a str,
    }
    Owner { id: owner.as_str() }.serialize(s)
}

impl UpdateRoom {
    /// The new settings of the room with this id or name: its `name`, `privacy`, whether it
    /// `is_archived`, whether it `is_guest_accessible`, its `topic` (may be empty) and its
    /// `owner` (a user id, e-mail address or @mention).
    pub fn new(
        room_id_or_name: impl Into<RoomRef>,
        name: impl Into<String>,
        privacy: Privacy,
        is_archived: bool,
        is_guest_accessible: bool,
        topic: impl Into<String>,
        owner: impl Into<UserRef>,
    ) -> Self {
        UpdateRoom {
            room_id_or_name: room_id_or_name.into(),
            name: name.into(),
            privacy,
            is_archived,
            is_guest_accessible,
            topic: topic.into(),
            owner: owner.into(),
            delegate_admin_visibility: None,
        }
    }

    /// Whether delegated room admins can see each other; unset leaves the group's default.
    pub fn delegate_admin_visibility(mut self, visible: bool) -> Self {
        self.delegate_admin_visibility = Some(visible);
        self
    }
}

impl Endpoint for UpdateRoom {
    type Response = ();

    fn method(&self) -> Method {
        Method::PUT
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        Body::json(self).map(Some)
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        char_len("name", &self.name, 1, 50)?;
        known(
            "privacy",
            &self.privacy,
            self.privacy.is_known(),
            Privacy::KNOWN,
        )?;
        char_len("topic", &self.topic, 0, 250)?;
        if self.owner.as_str().is_empty() {
            return Err(InvalidInput::new("owner.id", "must not be empty"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use serde_json::json;

    fn ops() -> UpdateRoom {
        UpdateRoom::new(
            "Ops Team",
            "Ops",
            Privacy::Public,
            false,
            true,
            "Deploys",
            "ada@example.com",
        )
    }

    #[test]
    fn wire_sends_every_required_field() {
        let request = build(&ops());
        assert_eq!(request.method(), "PUT");
        assert_eq!(request.uri(), "https://api.hipchat.com/v2/room/Ops%20Team");
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({
                "name": "Ops", "privacy": "public", "is_archived": false,
                "is_guest_accessible": true, "topic": "Deploys",
                "owner": {"id": "ada@example.com"}
            })
        );

        let full = UpdateRoom::new(7u64, "Ops", Privacy::Private, true, false, "", 5u64)
            .delegate_admin_visibility(false);
        let request = build(&full);
        assert_eq!(request.uri(), "https://api.hipchat.com/v2/room/7");
        assert_eq!(
            json_body(&request),
            json!({
                "name": "Ops", "privacy": "private", "is_archived": true,
                "is_guest_accessible": false, "topic": "", "owner": {"id": "5"},
                "delegate_admin_visibility": false
            })
        );
    }

    #[test]
    fn refuses_bad_names_topics_privacy_and_owner() {
        let with = |name: &str, privacy: Privacy, topic: &str, owner: &str| {
            UpdateRoom::new("ops", name, privacy, false, false, topic, owner)
        };
        assert_eq!(
            build_err(&with("", Privacy::Public, "", "@ada")).field(),
            "name"
        );
        let err = build_err(&with(&"n".repeat(51), Privacy::Public, "", "@ada"));
        assert_eq!(
            (err.field(), err.rule()),
            ("name", "must be 1..=50 characters (got 51)")
        );
        build(&with(
            &"n".repeat(50),
            Privacy::Public,
            &"t".repeat(250),
            "@ada",
        ));
        assert_eq!(
            build_err(&with("Ops", Privacy::Public, &"t".repeat(251), "@ada")).field(),
            "topic"
        );
        assert_eq!(
            build_err(&with("Ops", Privacy::from("secret"), "", "@ada")).field(),
            "privacy"
        );
        assert_eq!(
            build_err(&with("Ops", Privacy::Public, "", "")).field(),
            "owner.id"
        );
    }

    #[test]
    fn decodes_204_and_errors() {
        respond::<UpdateRoom>(204, "").unwrap();
        let body = r#"{"error": {"code": 403, "message": "You must be a room admin to update this room", "type": "Forbidden"}}"#;
        let e = api_error::<UpdateRoom>(403, body);
        assert_eq!(e.status(), 403);
        assert_eq!(e.hipchat_error().unwrap().code, Some(403));
        assert_eq!(api_error::<UpdateRoom>(404, NOT_FOUND).status(), 404);
    }
}
