use http::Method;

use super::fields::{ImportFields, import_setters};
use crate::model::FilePart;
use crate::multipart::related;
use crate::{Body, Endpoint, Error, Path, RoomRef};

/// `POST /room/{room_id_or_name}/import/file` (placeholder path, unconfirmed)
///
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
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRoomFile {
    room_id_or_name: RoomRef,
    file: FilePart,
    path_override: Option<Path>,
    fields: ImportFields,
}

impl ImportRoomFile {
    /// An import of `file` into the room with this id or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>, file: FilePart) -> Self {
        ImportRoomFile {
            room_id_or_name: room_id_or_name.into(),
            file,
            path_override: None,
            fields: ImportFields::default(),
        }
    }

    import_setters!();
}

impl Endpoint for ImportRoomFile {
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
                .lit("file"),
        }
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        let metadata = self.fields.to_object();
        let metadata = (!metadata.is_empty()).then_some(&metadata);
        related(metadata, &self.file).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use serde_json::json;

    fn file() -> FilePart {
        FilePart::new("deploy \"7\".log", "text/plain", b"all green\n".to_vec())
    }

    fn text(request: &crate::HttpRequest) -> String {
        String::from_utf8(request.body().clone()).unwrap()
    }

    #[test]
    fn wire_without_and_with_metadata() {
        let request = build(&ImportRoomFile::new("Ops Team", file()));
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/import/file"
        );
        assert_bearer(&request);
        let content_type = request.headers()["content-type"].to_str().unwrap();
        let boundary = content_type
            .strip_prefix("multipart/related; boundary=")
            .unwrap();
        assert_eq!(
            text(&request),
            format!(
                "--{boundary}\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; name=\"file\"; filename=\"deploy \\\"7\\\".log\"\r\n\r\nall green\n\r\n--{boundary}--\r\n"
            )
        );

        let full = ImportRoomFile::new(2251u64, file())
            .from("alice@example.com")
            .date("2015-06-01T09:30:00+00:00")
            .message("the deploy log")
            .field("size", 10);
        let request = build(&full);
        assert_eq!(request.uri().path(), "/v2/room/2251/import/file");
        let body = text(&request);
        let start = body.find("\r\n\r\n").unwrap() + 4;
        let end = start + body[start..].find("\r\n").unwrap();
        let metadata: serde_json::Value = serde_json::from_str(&body[start..end]).unwrap();
        assert_eq!(
            metadata,
            json!({
                "from": "alice@example.com",
                "date": "2015-06-01T09:30:00+00:00",
                "message": "the deploy log",
                "size": 10
            })
        );
        assert!(body.contains("Content-Disposition: attachment; name=\"metadata\""));
        assert!(body.contains("all green\n"));
    }

    #[test]
    fn refuses_bad_files_and_paths_and_allows_an_override() {
        let nameless = FilePart::new("", "text/plain", vec![1]);
        assert_eq!(
            build_err(&ImportRoomFile::new("Ops", nameless)).field(),
            "file.name"
        );
        let untyped = FilePart::new("a.txt", "text", vec![1]);
        assert_eq!(
            build_err(&ImportRoomFile::new("Ops", untyped)).field(),
            "file.content_type"
        );
        assert_eq!(
            build_err(&ImportRoomFile::new(".", file())).field(),
            "room_id_or_name"
        );
        let moved = ImportRoomFile::new("Ops", file()).path_override(
            Path::new()
                .lit("room")
                .param("room_id_or_name", "Ops")
                .lit("import")
                .lit("files"),
        );
        assert_eq!(
            build(&moved).uri(),
            "https://api.hipchat.com/v2/room/Ops/import/files"
        );
    }

    #[test]
    fn decode_204_and_errors() {
        respond::<ImportRoomFile>(204, "").unwrap();
        let body =
            r#"{"error": {"code": 400, "message": "Unsupported encoding", "type": "Bad Request"}}"#;
        let e = api_error::<ImportRoomFile>(400, body);
        assert_eq!(e.hipchat_error().unwrap().message, "Unsupported encoding");
    }
}
