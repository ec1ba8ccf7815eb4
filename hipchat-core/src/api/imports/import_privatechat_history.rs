use super::fields::import_endpoint;
use crate::UserRef;

import_endpoint! {
    /// Imports back-dated one-to-one chat history of a user. Expected to answer 204 No Content;
    /// any 2xx counts as success.
    ///
    /// **Unconfirmed: no public source shows the verb, path, body or status of this method.** Only
    /// its existence (as "Import privatechat history") and its scope are known. The path above is a
    /// placeholder: replace it with [`ImportPrivatechatHistory::path_override`] once you know the
    /// real one. The JSON body holds only the members you set: `from`, `date` and `message` are
    /// guesses by analogy with the history messages, and [`ImportPrivatechatHistory::field`] sends
    /// any other member (the other party of the chat, for instance). Nothing is checked before
    /// sending.
    ///
    /// Scope: `import_data` (confirmed), which HipChat grants only to add-ons it approved (before
    /// that, develop against a HipChat Server); creating the users to import also needs
    /// `admin_group`. Imported messages are not pushed to connected clients: they appear after a
    /// restart or when scrolling back.
    ///
    /// Official documentation: <https://www.hipchat.com/docs/apiv2/method/import_privatechat_history>
    /// (the page's exact address is unconfirmed).
    ///
    /// ```
    /// # #[cfg(feature = "mock")] futures_executor::block_on(async {
    /// use hipchat_core::api::imports::ImportPrivatechatHistory;
    /// use hipchat_core::mock::{MockBackend, MockResponse};
    /// use hipchat_core::Client;
    /// use serde_json::json;
    ///
    /// let mock = MockBackend::new();
    /// mock.expect_post("/v2/user/bob%40example.com/import/history")
    ///     .json_body(json!({"from": "alice@example.com", "date": "2015-06-01T09:30:00+00:00", "message": "Lunch?"}))
    ///     .respond(MockResponse::empty(204));
    /// let client = Client::builder().token("import-token").backend(mock.clone()).build()?;
    /// let import = ImportPrivatechatHistory::new("bob@example.com")
    ///     .from("alice@example.com")
    ///     .date("2015-06-01T09:30:00+00:00")
    ///     .message("Lunch?");
    /// client.send(&import).await?;
    /// mock.assert_done();
    /// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
    /// ```
    pub struct ImportPrivatechatHistory {
        path: "user" / {id_or_email: UserRef} / "import" / "history",
    }

    /// An import into the private chats of the user with this id, e-mail or @mention, with an
    /// empty body until setters add to it.
    fn new;
}
