use http::Method;
use serde::Serialize;

use crate::model::{CreatedResource, Privacy};
use crate::validate::{char_len, known, opt_char_len};
use crate::{Body, Endpoint, Error, InvalidInput, Path, UserRef};

/// `POST /room`
///
/// Creates a room. Answers 201 with the new room's id and link.
///
/// Scope: `manage_rooms`.
///
/// Checked before sending: `name` has 1 to 50 characters, `topic` at most 250, `privacy` is
/// `public` or `private`.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/create_room>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::CreateRoom;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::model::Privacy;
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/room")
///     .json_body(json!({"name": "Incidents", "privacy": "private"}))
///     .respond(MockResponse::json(201, json!({"id": 99, "links": {"self": "https://api.hipchat.com/v2/room/99"}})));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let created = client.send(&CreateRoom::new("Incidents").privacy(Privacy::Private)).await?;
/// assert_eq!(created.id, 99);
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreateRoom {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    privacy: Option<Privacy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    topic: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    delegate_admin_visibility: Option<bool>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_owner"
    )]
    owner_user_id: Option<UserRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    guest_access: Option<bool>,
}

fn serialize_owner<S: serde::Serializer>(owner: &Option<UserRef>, s: S) -> Result<S::Ok, S::Error> {
    match owner {
        Some(user) => s.serialize_str(user.as_str()),
        None => s.serialize_none(),
    }
}

impl CreateRoom {
    /// A room called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        CreateRoom {
            name: name.into(),
            privacy: None,
            topic: None,
            delegate_admin_visibility: None,
            owner_user_id: None,
            guest_access: None,
        }
    }

    /// Public (the default) or private.
    pub fn privacy(mut self, privacy: Privacy) -> Self {
        self.privacy = Some(privacy);
        self
    }

    /// The room's topic.
    pub fn topic(mut self, topic: impl Into<String>) -> Self {
        self.topic = Some(topic.into());
        self
    }

    /// Whether delegated room admins can see each other; unset means the group's default.
    pub fn delegate_admin_visibility(mut self, visible: bool) -> Self {
        self.delegate_admin_visibility = Some(visible);
        self
    }

    /// The owner, by id, e-mail or @mention; default: the token's user.
    pub fn owner_user_id(mut self, owner: impl Into<UserRef>) -> Self {
        self.owner_user_id = Some(owner.into());
        self
    }

    /// Whether guests may join through a link; default false.
    pub fn guest_access(mut self, guest_access: bool) -> Self {
        self.guest_access = Some(guest_access);
        self
    }
}

impl Endpoint for CreateRoom {
    type Response = CreatedResource;

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        Path::new().lit("room")
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        Body::json(self).map(Some)
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        char_len("name", &self.name, 1, 50)?;
        opt_char_len("topic", self.topic.as_deref(), 0, 250)?;
        if let Some(privacy) = &self.privacy {
            known("privacy", privacy, privacy.is_known(), Privacy::KNOWN)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use serde_json::json;

    #[test]
    fn wire_minimal_and_full() {
        let request = build(&CreateRoom::new("Ops"));
        assert_eq!(request.method(), "POST");
        assert_eq!(request.uri(), "https://api.hipchat.com/v2/room");
        assert_bearer(&request);
        assert_eq!(json_body(&request), json!({"name": "Ops"}));

        let full = CreateRoom::new("Ops")
            .privacy(Privacy::Private)
            .topic("Deploys")
            .delegate_admin_visibility(true)
            .owner_user_id("alice@example.com")
            .guest_access(false);
        assert_eq!(
            json_body(&build(&full)),
            json!({"name": "Ops", "privacy": "private", "topic": "Deploys", "delegate_admin_visibility": true, "owner_user_id": "alice@example.com", "guest_access": false})
        );
    }

    #[test]
    fn refuses_bad_names_topics_and_privacy() {
        assert_eq!(build_err(&CreateRoom::new("")).field(), "name");
        assert_eq!(
            build_err(&CreateRoom::new("n".repeat(51))).rule(),
            "must be 1..=50 characters (got 51)"
        );
        build(&CreateRoom::new("n".repeat(50)));
        assert_eq!(
            build_err(&CreateRoom::new("Ops").topic("t".repeat(251))).field(),
            "topic"
        );
        assert_eq!(
            build_err(&CreateRoom::new("Ops").privacy(Privacy::from("secret"))).field(),
            "privacy"
        );
    }

    #[test]
    fn decode_numeric_and_string_ids() {
        let created = respond::<CreateRoom>(
            201,
            r#"{"id": 2251, "links": {"self": "https://api.hipchat.com/v2/room/2251"}}"#,
        )
        .unwrap();
        assert_eq!(created.id, 2251);
        let created = respond::<CreateRoom>(
            201,
            r#"{"id": "2252", "links": {"self": "https://api.hipchat.com/v2/room/2252"}}"#,
        )
        .unwrap();
        assert_eq!(created.id, 2252);
        let body = r#"{"error": {"code": 400, "message": "Another room exists with that name.", "type": "Bad Request"}}"#;
        assert_eq!(api_error::<CreateRoom>(400, body).status(), 400);
    }
}
