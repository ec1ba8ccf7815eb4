use super::fields::import_endpoint;
use crate::UserRef;

import_endpoint! {
    /// Imports a back-dated file into a user's one-to-one chat history, as a `multipart/related`
    /// body like the share-file methods: an optional JSON `metadata` part, then the file. Expected
    /// to answer 204 No Content; any 2xx counts as success.
    ///
    /// **Unconfirmed: no public source shows the verb, path, body or status of this method.** Only
    /// its existence (as "Import privatechat file") and its scope are known. The path above is a
    /// placeholder: replace it with [`ImportPrivatechatFile::path_override`] once you know the real
    /// one. The metadata part holds only the members you set (it is left out when none is):
    /// `from`, `date` and `message` are guesses by analogy with shared files, and
    /// [`ImportPrivatechatFile::field`] sends any other member.
    ///
    /// Checked before sending: the file has a name and a valid media type.
    ///
    /// Scope: `import_data` (confirmed), which HipChat grants only to add-ons it approved (before
    /// that, develop against a HipChat Server). Imported messages are not pushed to connected
    /// clients.
    ///
    /// Official documentation: <https://www.hipchat.com/docs/apiv2/method/import_privatechat_file>
    /// (the page's exact address is unconfirmed).
    ///
    /// ```
    /// # #[cfg(feature = "mock")] futures_executor::block_on(async {
    /// use hipchat_core::api::imports::ImportPrivatechatFile;
    /// use hipchat_core::mock::{MockBackend, MockResponse};
    /// use hipchat_core::model::FilePart;
    /// use hipchat_core::Client;
    ///
    /// let mock = MockBackend::new();
    /// mock.expect_post("/v2/user/bob%40example.com/import/file").respond(MockResponse::empty(204));
    /// let client = Client::builder().token("import-token").backend(mock.clone()).build()?;
    /// let file = FilePart::new("menu.png", "image/png", vec![0x89, b'P', b'N', b'G']);
    /// client
    ///     .send(&ImportPrivatechatFile::new("bob@example.com", file).message("Tonight's menu"))
    ///     .await?;
    /// let sent = mock.last_request().unwrap();
    /// assert!(sent.body_text().contains("Tonight's menu"));
    /// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
    /// ```
    pub struct ImportPrivatechatFile {
        path: "user" / {id_or_email: UserRef} / "import" / "file",
        file: FilePart,
    }

    /// An import of `file` into the private chats of the user with this id, e-mail or
    /// @mention.
    fn new;
}
