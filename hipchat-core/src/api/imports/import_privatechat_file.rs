use http::Method;

use super::fields::{ImportFields, import_setters};
use crate::model::FilePart;
use crate::multipart::related;
use crate::{Body, Endpoint, Error, Path, UserRef};

/// `POST /user/{id_or_email}/import/file` (placeholder path, unconfirmed)
///
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
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPrivatechatFile {
    id_or_email: UserRef,
    file: FilePart,
    path_override: Option<Path>,
    fields: ImportFields,
}

impl ImportPrivatechatFile {
    /// An import of `file` into the private chats of the user with this id, e-mail or
    /// @mention.
    pub fn new(id_or_email: impl Into<UserRef>, file: FilePart) -> Self {
        ImportPrivatechatFile {
            id_or_email: id_or_email.into(),
            file,
            path_override: None,
            fields: ImportFields::default(),
        }
    }

    import_setters!();
}

impl Endpoint for ImportPrivatechatFile {
    type Response = ();

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        match &self.path_override {
            Some(path) => path.clone(),
            None => Path::new()
                .lit("user")
                .param("id_or_email", &self.id_or_email)
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
        FilePart::new("menu.png", "image/png", vec![0x89, b'P', b'N', b'G'])
    }

    #[test]
    fn wire_without_and_with_metadata() {
        let request = build(&ImportPrivatechatFile::new("bob/smith", file()));
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/user/bob%2Fsmith/import/file"
        );
        assert_bearer(&request);
        let content_type = request.headers()["content-type"].to_str().unwrap();
        let boundary = content_type
            .strip_prefix("multipart/related; boundary=")
            .unwrap();
        let mut expected = format!(
            "--{boundary}\r\nContent-Type: image/png\r\nContent-Disposition: attachment; name=\"file\"; filename=\"menu.png\"\r\n\r\n"
        )
        .into_bytes();
        expected.extend_from_slice(&[0x89, b'P', b'N', b'G']);
        expected.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        assert_eq!(request.body(), &expected);

        let full = ImportPrivatechatFile::new(5u64, file())
            .from("alice@example.com")
            .date("2015-06-01T09:30:00+00:00")
            .message("Tonight's \"menu\"")
            .field("to", "bob@example.com");
        let request = build(&full);
        assert_eq!(request.uri().path(), "/v2/user/5/import/file");
        let body = String::from_utf8_lossy(request.body()).into_owned();
        let start = body.find("\r\n\r\n").unwrap() + 4;
        let end = start + body[start..].find("\r\n").unwrap();
        let metadata: serde_json::Value = serde_json::from_str(&body[start..end]).unwrap();
        assert_eq!(
            metadata,
            json!({
                "from": "alice@example.com",
                "date": "2015-06-01T09:30:00+00:00",
                "message": "Tonight's \"menu\"",
                "to": "bob@example.com"
            })
        );
    }

    #[test]
    fn refuses_bad_files_and_allows_an_override() {
        let bad = FilePart::new("a\nb.png", "image/png", vec![1]);
        assert_eq!(
            build_err(&ImportPrivatechatFile::new("bob", bad)).field(),
            "file.name"
        );
        assert_eq!(
            build_err(&ImportPrivatechatFile::new("..", file())).field(),
            "id_or_email"
        );
        let moved = ImportPrivatechatFile::new("bob", file())
            .path_override(Path::new().lit("import").lit("privatechat").lit("file"));
        assert_eq!(
            build(&moved).uri(),
            "https://api.hipchat.com/v2/import/privatechat/file"
        );
    }

    #[test]
    fn decode_204_and_errors() {
        respond::<ImportPrivatechatFile>(204, "").unwrap();
        let body = r#"{"error": {"code": 403, "message": "This action requires one of the following scopes: [u'import_data']", "type": "Forbidden"}}"#;
        assert_eq!(api_error::<ImportPrivatechatFile>(403, body).status(), 403);
    }
}
