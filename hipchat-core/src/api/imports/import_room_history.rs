use super::fields::import_endpoint;
use crate::RoomRef;

import_endpoint! {
    /// Imports back-dated history into a room. Expected to answer 204 No Content; any 2xx counts
    /// as success.
    ///
    /// **Unconfirmed: no public source shows the verb, path, body or status of this method.** Only
    /// its existence (as "Import room history") and its scope are known. The path above is a
    /// placeholder: replace it with [`ImportRoomHistory::path_override`] once you know the real
    /// one. The JSON body holds only the members you set: `from`, `date` and `message` are guesses
    /// by analogy with the history messages, and [`ImportRoomHistory::field`] sends any other
    /// member. Nothing is checked before sending.
    ///
    /// Scope: `import_data` (confirmed), which HipChat grants only to add-ons it approved (before
    /// that, develop against a HipChat Server); creating the rooms and users to import into also
    /// needs `admin_group`. Imported messages are not pushed to connected clients: they appear
    /// after a restart or when scrolling back.
    ///
    /// Official documentation: <https://www.hipchat.com/docs/apiv2/method/import_room_history>
    /// (the page's exact address is unconfirmed).
    ///
    /// ```
    /// # #[cfg(feature = "mock")] futures_executor::block_on(async {
    /// use hipchat_core::api::imports::ImportRoomHistory;
    /// use hipchat_core::mock::{MockBackend, MockResponse};
    /// use hipchat_core::Client;
    /// use serde_json::json;
    ///
    /// let mock = MockBackend::new();
    /// mock.expect_post("/v2/room/Ops/import/history")
    ///     .json_body(json!({
    ///         "from": "alice@example.com", "date": "2015-06-01T09:30:00+00:00",
    ///         "message": "Deploy started", "message_format": "text"
    ///     }))
    ///     .respond(MockResponse::empty(204));
    /// let client = Client::builder().token("import-token").backend(mock.clone()).build()?;
    /// let import = ImportRoomHistory::new("Ops")
    ///     .from("alice@example.com")
    ///     .date("2015-06-01T09:30:00+00:00")
    ///     .message("Deploy started")
    ///     .field("message_format", "text");
    /// client.send(&import).await?;
    /// mock.assert_done();
    /// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
    /// ```
    pub struct ImportRoomHistory {
        path: "room" / {room_id_or_name: RoomRef} / "import" / "history",
    }

    /// An import into the room with this id or name, with an empty body until setters add to
    /// it.
    fn new;
}
