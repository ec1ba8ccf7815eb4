use http::Method;

use super::fields::{ImportFields, import_setters};
use crate::{Body, Endpoint, Error, Path, UserRef};

/// `POST /user/{id_or_email}/import/history` (placeholder path, unconfirmed)
///
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
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPrivatechatHistory {
    id_or_email: UserRef,
    path_override: Option<Path>,
    fields: ImportFields,
}

impl ImportPrivatechatHistory {
    /// An import into the private chats of the user with this id, e-mail or @mention, with an
    /// empty body until setters add to it.
    pub fn new(id_or_email: impl Into<UserRef>) -> Self {
        ImportPrivatechatHistory {
            id_or_email: id_or_email.into(),
            path_override: None,
            fields: ImportFields::default(),
        }
    }

    import_setters!();
}

impl Endpoint for ImportPrivatechatHistory {
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
        let request = build(&ImportPrivatechatHistory::new("bob smith@example.com"));
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/user/bob%20smith%40example.com/import/history"
        );
        assert_bearer(&request);
        assert_eq!(json_body(&request), json!({}));

        let full = ImportPrivatechatHistory::new(UserRef::mention("bob"))
            .from("5")
            .date("2015-06-01T09:30:00+00:00")
            .message("Lunch?")
            .field("to", 6)
            .field("from", json!({"id": 5}));
        let request = build(&full);
        assert_eq!(request.uri().path(), "/v2/user/%40bob/import/history");
        assert_eq!(
            json_body(&request),
            json!({
                "from": {"id": 5},
                "date": "2015-06-01T09:30:00+00:00",
                "message": "Lunch?",
                "to": 6
            })
        );
        assert_eq!(
            build_err(&ImportPrivatechatHistory::new("")).field(),
            "id_or_email"
        );
    }

    #[test]
    fn the_path_can_be_overridden() {
        let endpoint = ImportPrivatechatHistory::new("bob").path_override(
            Path::new()
                .lit("user")
                .param("id_or_email", "bob")
                .lit("history")
                .lit("import"),
        );
        assert_eq!(
            build(&endpoint).uri(),
            "https://api.hipchat.com/v2/user/bob/history/import"
        );
    }

    #[test]
    fn decode_204_and_errors() {
        respond::<ImportPrivatechatHistory>(204, "").unwrap();
        let body = r#"{"error": {"code": 404, "message": "User not found", "type": "Not Found"}}"#;
        let e = api_error::<ImportPrivatechatHistory>(404, body);
        assert_eq!(e.hipchat_error().unwrap().message, "User not found");
    }
}
