use http::Method;

use super::addon_ui_update::UiUpdateBody;
use crate::model::GlanceUpdate;
use crate::{Body, Endpoint, Error, InvalidInput, Path, RoomRef};

/// `POST /addon/ui/room/{room_id_or_name}`
///
/// Updates the content of the token's add-on glances in one room: everyone in that room sees
/// the new label, status and metadata. Answers 204 No Content (any 2xx is accepted). The API
/// labels this method beta.
///
/// Scope: `view_room` (confirmed). Use an add-on token.
///
/// Checked before sending: each glance `key` has 1 to 40 characters, each a letter, digit, `_`,
/// `-` or `.`.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/room_addon_ui_update>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::integrations::RoomAddonUiUpdate;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::model::{GlanceData, GlanceUpdate};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/addon/ui/room/Ops%20Team")
///     .json_body(json!({"glance": [{"key": "on-call", "content": {"label": {"type": "html", "value": "Alice"}}}]}))
///     .respond(MockResponse::empty(204));
/// let client = Client::builder().token("addon-token").backend(mock.clone()).build()?;
///
/// let update = GlanceUpdate::new("on-call", GlanceData::new("Alice"));
/// client.send(&RoomAddonUiUpdate::new("Ops Team", vec![update])).await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RoomAddonUiUpdate {
    room_id_or_name: RoomRef,
    body: UiUpdateBody,
}

impl RoomAddonUiUpdate {
    /// Shows the given content in these glances, in the room with this id or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>, glance: Vec<GlanceUpdate>) -> Self {
        RoomAddonUiUpdate {
            room_id_or_name: room_id_or_name.into(),
            body: UiUpdateBody::new(glance),
        }
    }
}

impl Endpoint for RoomAddonUiUpdate {
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
    use crate::model::{GlanceData, GlanceStatus, LozengeType};
    use serde_json::json;

    #[test]
    fn wire_minimal_and_full() {
        let request = build(&RoomAddonUiUpdate::new(
            "Ops Team",
            vec![GlanceUpdate::new("on-call", GlanceData::new("Alice"))],
        ));
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/addon/ui/room/Ops%20Team"
        );
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"glance": [{"key": "on-call", "content": {"label": {"type": "html", "value": "Alice"}}}]})
        );
        let full = RoomAddonUiUpdate::new(
            7u64,
            vec![GlanceUpdate::new(
                "on-call",
                GlanceData::new("Alice")
                    .status(GlanceStatus::lozenge("PAGED", LozengeType::Current))
                    .metadata_entry("user", "alice"),
            )],
        );
        let request = build(&full);
        assert_eq!(request.uri().path(), "/v2/addon/ui/room/7");
        assert_eq!(
            json_body(&request),
            json!({"glance": [{"key": "on-call", "content": {
                "label": {"type": "html", "value": "Alice"},
                "status": {"type": "lozenge", "value": {"label": "PAGED", "type": "current"}},
                "metadata": {"user": "alice"}
            }}]})
        );
    }

    #[test]
    fn refuses_bad_input() {
        let bad = RoomAddonUiUpdate::new(
            "ops",
            vec![GlanceUpdate::new("k".repeat(41), GlanceData::new("a"))],
        );
        assert_eq!(build_err(&bad).field(), "glance[0].key");
        let bad = RoomAddonUiUpdate::new("..", vec![]);
        assert_eq!(build_err(&bad).field(), "room_id_or_name");
    }

    #[test]
    fn decodes_204_and_errors() {
        respond::<RoomAddonUiUpdate>(204, "").unwrap();
        let e = api_error::<RoomAddonUiUpdate>(404, NOT_FOUND);
        assert_eq!(e.hipchat_error().unwrap().message, "Room not found");
    }
}
