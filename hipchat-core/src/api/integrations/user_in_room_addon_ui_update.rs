use http::Method;

use super::addon_ui_update::UiUpdateBody;
use crate::model::GlanceUpdate;
use crate::{Body, Endpoint, Error, InvalidInput, Path, RoomRef, UserRef};

/// `POST /addon/ui/room/{room_id_or_name}/user/{user_id_or_email}`
///
/// Updates the content of the token's add-on glances for one user in one room: only that user,
/// and only in that room, sees the new label, status and metadata. Answers 204 No Content (any
/// 2xx is accepted). The API labels this method beta.
///
/// Scope: unconfirmed; probably `view_room`, like the room update. Use an add-on token.
///
/// Checked before sending: each glance `key` has 1 to 40 characters, each a letter, digit, `_`,
/// `-` or `.`.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/user_in_room_addon_ui_update>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::integrations::UserInRoomAddonUiUpdate;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::model::{GlanceData, GlanceUpdate};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/addon/ui/room/Ops%20Team/user/%40alice")
///     .json_body(json!({"glance": [{"key": "my-tasks", "content": {"label": {"type": "html", "value": "2 tasks"}}}]}))
///     .respond(MockResponse::empty(204));
/// let client = Client::builder().token("addon-token").backend(mock.clone()).build()?;
///
/// let update = GlanceUpdate::new("my-tasks", GlanceData::new("2 tasks"));
/// client.send(&UserInRoomAddonUiUpdate::new("Ops Team", "@alice", vec![update])).await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct UserInRoomAddonUiUpdate {
    room_id_or_name: RoomRef,
    user_id_or_email: UserRef,
    body: UiUpdateBody,
}

impl UserInRoomAddonUiUpdate {
    /// Shows the given content in these glances, to one user (id, e-mail or @mention name) in
    /// one room (id or name).
    pub fn new(
        room_id_or_name: impl Into<RoomRef>,
        user_id_or_email: impl Into<UserRef>,
        glance: Vec<GlanceUpdate>,
    ) -> Self {
        UserInRoomAddonUiUpdate {
            room_id_or_name: room_id_or_name.into(),
            user_id_or_email: user_id_or_email.into(),
            body: UiUpdateBody::new(glance),
        }
    }
}

impl Endpoint for UserInRoomAddonUiUpdate {
    type Response = ();

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("addon")
            .lit("ui")
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("user")
            .param("user_id_or_email", &self.user_id_or_email)
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        self.body.body()
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        self.body.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::{GlanceData, GlanceStatus};
    use serde_json::json;

    #[test]
    fn wire_minimal_and_full() {
        let request = build(&UserInRoomAddonUiUpdate::new(
            "Ops Team",
            "@alice",
            vec![GlanceUpdate::new("my-tasks", GlanceData::new("2 tasks"))],
        ));
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/addon/ui/room/Ops%20Team/user/%40alice"
        );
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"glance": [{"key": "my-tasks", "content": {"label": {"type": "html", "value": "2 tasks"}}}]})
        );
        let full = UserInRoomAddonUiUpdate::new(
            7u64,
            9u64,
            vec![GlanceUpdate::new(
                "my-tasks",
                GlanceData::new("2 tasks")
                    .status(GlanceStatus::icon("https://i/1.png", "https://i/2.png"))
                    .metadata_entry("open", 2),
            )],
        );
        let request = build(&full);
        assert_eq!(request.uri().path(), "/v2/addon/ui/room/7/user/9");
        assert_eq!(
            json_body(&request),
            json!({"glance": [{"key": "my-tasks", "content": {
                "label": {"type": "html", "value": "2 tasks"},
                "status": {"type": "icon", "value": {"url": "https://i/1.png", "url@2x": "https://i/2.png"}},
                "metadata": {"open": 2}
            }}]})
        );
    }

    #[test]
    fn refuses_bad_input() {
        let bad = UserInRoomAddonUiUpdate::new(
            "ops",
            "@alice",
            vec![
                GlanceUpdate::new("a", GlanceData::new("a")),
                GlanceUpdate::new("b", GlanceData::new("b")),
                GlanceUpdate::new("c?", GlanceData::new("c")),
            ],
        );
        assert_eq!(build_err(&bad).field(), "glance[2].key");
        assert_eq!(
            build_err(&UserInRoomAddonUiUpdate::new("ops", "..", vec![])).field(),
            "user_id_or_email"
        );
    }

    #[test]
    fn decodes_204_and_errors() {
        respond::<UserInRoomAddonUiUpdate>(204, "").unwrap();
        let e = api_error::<UserInRoomAddonUiUpdate>(
            403,
            r#"{"error": {"code": 403, "message": "Forbidden", "type": "Forbidden"}}"#,
        );
        assert_eq!(e.status(), 403);
    }
}
