use http::Method;

use super::fields::{ImportFields, import_setters};
use crate::{Body, Endpoint, Error, Path, RoomRef};

/// `POST /room/{room_id_or_name}/import/history` (placeholder path, unconfirmed)
///
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
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRoomHistory {
    room_id_or_name: RoomRef,
    path_override: Option<Path>,
    fields: ImportFields,
}

impl ImportRoomHistory {
    /// An import into the room with this id or name, with an empty body until setters add to
    /// it.
    pub fn new(room_id_or_name: impl Into<RoomRef>) -> Self {
        ImportRoomHistory {
            room_id_or_name: room_id_or_name.into(),
            path_override: None,
            fields: ImportFields::default(),
        }
    }

    import_setters!();
}

impl Endpoint for ImportRoomHistory {
    type Response = ();

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        match &self.path_override {
            Some(path) => path.clone(),
            None => Path::new()
                .lit("room")
                .param("room_id_or_name", &self.room_id_or_name)
                .lit("import")
                .lit("history"),
        }
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        Body::json(&self.fields.to_object()).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use serde_json::json;

    #[test]
    fn wire_minimal_and_full() {
        let request = build(&ImportRoomHistory::new("Ops Team"));
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/import/history"
        );
        assert_bearer(&request);
        assert_eq!(json_body(&request), json!({}));

        let full = ImportRoomHistory::new(2251u64)
            .from("@alice")
            .date("2015-06-01T09:30:00.123456+00:00")
            .message("Deploy <b>started</b>")
            .field("message_format", "html")
            .field("mentions", json!([{"id": 5}]));
        let request = build(&full);
        assert_eq!(request.uri().path(), "/v2/room/2251/import/history");
        assert_eq!(
            json_body(&request),
            json!({
                "from": "@alice",
                "date": "2015-06-01T09:30:00.123456+00:00",
                "message": "Deploy <b>started</b>",
                "message_format": "html",
                "mentions": [{"id": 5}]
            })
        );
        assert_eq!(
            build_err(&ImportRoomHistory::new("..")).field(),
            "room_id_or_name"
        );
    }

    #[test]
    fn the_path_can_be_overridden() {
        let endpoint = ImportRoomHistory::new("ignored")
            .message("hi")
            .path_override(
                Path::new()
                    .lit("import")
                    .lit("room")
                    .param("room_id_or_name", "Ops/Team"),
            );
        assert_eq!(endpoint.path().template(), "/import/room/{room_id_or_name}");
        let request = build(&endpoint);
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/import/room/Ops%2FTeam"
        );
        assert_eq!(json_body(&request), json!({"message": "hi"}));
    }

    #[test]
    fn decode_any_2xx_and_errors() {
        respond::<ImportRoomHistory>(204, "").unwrap();
        respond::<ImportRoomHistory>(201, r#"{"id": 1}"#).unwrap();
        let body = r#"{"error": {"code": 403, "message": "This action requires one of the following scopes: [u'import_data']", "type": "Forbidden"}}"#;
        let e = api_error::<ImportRoomHistory>(403, body);
        assert_eq!(
            e.hipchat_error().unwrap().required_scopes(),
            vec!["import_data".to_owned()]
        );
        assert_eq!(api_error::<ImportRoomHistory>(404, NOT_FOUND).status(), 404);
    }
}
