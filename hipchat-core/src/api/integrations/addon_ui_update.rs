//! `POST /addon/ui`: glance content for the whole group.

use super::ui_update::addon_ui_update;

addon_ui_update! {
    /// Updates the content of the token's add-on glances for the whole group: every user in every
    /// room sees the new label, status and metadata. Answers 204 No Content (some Atlassian code
    /// expected 200; any 2xx is accepted). The API labels this method beta.
    ///
    /// Scope: `view_group` (single-source). Use an add-on token.
    ///
    /// Checked before sending: each glance `key` has 1 to 40 characters, each a letter, digit, `_`,
    /// `-` or `.`.
    ///
    /// Official documentation: <https://www.hipchat.com/docs/apiv2/method/addon_ui_update>
    ///
    /// ```
    /// # #[cfg(feature = "mock")] futures_executor::block_on(async {
    /// use hipchat_core::api::integrations::AddonUiUpdate;
    /// use hipchat_core::mock::{MockBackend, MockResponse};
    /// use hipchat_core::model::{GlanceData, GlanceStatus, GlanceUpdate, LozengeType};
    /// use hipchat_core::Client;
    /// use serde_json::json;
    ///
    /// let mock = MockBackend::new();
    /// mock.expect_post("/v2/addon/ui")
    ///     .json_body(json!({"glance": [{"key": "build-status", "content": {
    ///         "label": {"type": "html", "value": "<b>2</b> failing"},
    ///         "status": {"type": "lozenge", "value": {"label": "RED", "type": "error"}}
    ///     }}]}))
    ///     .respond(MockResponse::empty(204));
    /// let client = Client::builder().token("addon-token").backend(mock.clone()).build()?;
    ///
    /// let content = GlanceData::new("<b>2</b> failing").status(GlanceStatus::lozenge("RED", LozengeType::Error));
    /// client.send(&AddonUiUpdate::new(vec![GlanceUpdate::new("build-status", content)])).await?;
    /// mock.assert_done();
    /// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
    /// ```
    pub struct AddonUiUpdate {}

    /// Shows the given content in these glances, for everyone in the group.
    fn new;
}
