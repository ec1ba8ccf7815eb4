//! `POST /addon/ui/room/{room_id_or_name}/user/{user_id_or_email}`: glance content for one user
//! in one room.

use super::ui_update::addon_ui_update;
use crate::{RoomRef, UserRef};

addon_ui_update! {
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
    pub struct UserInRoomAddonUiUpdate {
        "room" / room_id_or_name: RoomRef,
        "user" / user_id_or_email: UserRef,
    }

    /// Shows the given content in these glances, to one user (id, e-mail or @mention name) in
    /// one room (id or name).
    fn new;
}
