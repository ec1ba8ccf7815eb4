//! `POST /addon/ui/room/{room_id_or_name}`: glance content for everyone in one room.

use super::ui_update::addon_ui_update;
use crate::RoomRef;

addon_ui_update! {
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
    pub struct RoomAddonUiUpdate {
        "room" / room_id_or_name: RoomRef,
    }

    /// Shows the given content in these glances, in the room with this id or name.
    fn new;
}
