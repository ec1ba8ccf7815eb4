//! `POST /addon/ui/user/{user_id_or_email}`: glance content for one user in every room.

use super::ui_update::addon_ui_update;
use crate::UserRef;

addon_ui_update! {
    /// Updates the content of the token's add-on glances for one user, in every room: only that
    /// user sees the new label, status and metadata. Answers 204 No Content (any 2xx is accepted).
    /// The API labels this method beta.
    ///
    /// Scope: `view_group` (single-source). Use an add-on token.
    ///
    /// Checked before sending: each glance `key` has 1 to 40 characters, each a letter, digit, `_`,
    /// `-` or `.`.
    ///
    /// Official documentation: <https://www.hipchat.com/docs/apiv2/method/user_addon_ui_update>
    ///
    /// ```
    /// # #[cfg(feature = "mock")] futures_executor::block_on(async {
    /// use hipchat_core::api::integrations::UserAddonUiUpdate;
    /// use hipchat_core::mock::{MockBackend, MockResponse};
    /// use hipchat_core::model::{GlanceData, GlanceUpdate};
    /// use hipchat_core::Client;
    ///
    /// let mock = MockBackend::new();
    /// mock.expect_post("/v2/addon/ui/user/alice%40example.com").respond(MockResponse::empty(204));
    /// let client = Client::builder().token("addon-token").backend(mock.clone()).build()?;
    ///
    /// let update = GlanceUpdate::new("my-reviews", GlanceData::new("<b>3</b> to review"));
    /// client.send(&UserAddonUiUpdate::new("alice@example.com", vec![update])).await?;
    /// let sent = mock.last_request().unwrap().json().unwrap();
    /// assert_eq!(sent["glance"][0]["content"]["label"]["value"], "<b>3</b> to review");
    /// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
    /// ```
    pub struct UserAddonUiUpdate {
        "user" / user_id_or_email: UserRef,
    }

    /// Shows the given content in these glances, to the user with this id, e-mail or
    /// @mention name.
    fn new;
}
