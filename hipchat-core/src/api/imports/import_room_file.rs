use super::fields::import_endpoint;
use crate::RoomRef;

import_endpoint! {
    /// Imports a back-dated file into a room's history, as a `multipart/related` body like the
    /// share-file methods: an optional JSON `metadata` part, then the file. Expected to answer 204
    /// No Content; any 2xx counts as success.
    ///
    /// **Unconfirmed: no public source shows the verb, path, body or status of this method.** Only
    /// its existence (as "Import room file") and its scope are known. The path above is a
    /// placeholder: replace it with [`ImportRoomFile::path_override`] once you know the real one.
    /// The metadata part holds only the members you set (it is left out when none is):
    /// `from`, `date` and `message` are guesses by analogy with shared files, and
    /// [`ImportRoomFile::field`] sends any other member.
    ///
    /// Checked before sending: the file has a name and a valid media type.
    ///
    /// Scope: `import_data` (confirmed), which HipChat grants only to add-ons it approved (before
    /// that, develop against a HipChat Server). Imported messages are not pushed to connected
    /// clients.
    ///
    /// Official documentation: <https://www.hipchat.com/docs/apiv2/method/import_room_file>
    /// (the page's exact address is unconfirmed).
    ///
    /// ```
    /// # #[cfg(feature = "mock")] futures_executor::block_on(async {
    /// use hipchat_core::api::imports::ImportRoomFile;
    /// use hipchat_core::mock::{MockBackend, MockResponse};
    /// use hipchat_core::model::FilePart;
    /// use hipchat_core::Client;
    ///
    /// let mock = MockBackend::new();
    /// mock.expect_post("/v2/room/Ops/import/file").respond(MockResponse::empty(204));
    /// let client = Client::builder().token("import-token").backend(mock.clone()).build()?;
    /// let file = FilePart::new("deploy.log", "text/plain", b"all green\n".to_vec());
    /// client
    ///     .send(&ImportRoomFile::new("Ops", file).from("alice@example.com").date("2015-06-01T09:30:00Z"))
    ///     .await?;
    /// let sent = mock.last_request().unwrap();
    /// assert!(sent.header("content-type").unwrap().starts_with("multipart/related; boundary="));
    /// assert!(sent.body_text().contains("all green"));
    /// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
    /// ```
    pub struct ImportRoomFile {
        path: "room" / {room_id_or_name: RoomRef} / "import" / "file",
        file: FilePart,
    }

    /// An import of `file` into the room with this id or name.
    fn new;
}
