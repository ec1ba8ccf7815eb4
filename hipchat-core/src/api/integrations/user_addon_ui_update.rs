use http::Method;

use super::addon_ui_update::UiUpdateBody;
use crate::model::GlanceUpdate;
use crate::{Body, Endpoint, Error, InvalidInput, Path, UserRef};

/// `POST /addon/ui/user/{user_id_or_email}`
///
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
#[derive(Debug, Clone, PartialEq)]
pub struct UserAddonUiUpdate {
    user_id_or_email: UserRef,
    body: UiUpdateBody,
}

impl UserAddonUiUpdate {
    /// Shows the given content in these glances, to the user with this id, e-mail or
    /// @mention name.
    pub fn new(user_id_or_email: impl Into<UserRef>, glance: Vec<GlanceUpdate>) -> Self {
        UserAddonUiUpdate {
            user_id_or_email: user_id_or_email.into(),
            body: UiUpdateBody::new(glance),
        }
    }
}

impl Endpoint for UserAddonUiUpdate {
    type Response = ();

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("addon")
            .lit("ui")
            .lit("user")
            .param("user_id_or_email", &self.user_id_or_email)
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        self.body.body()
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        self.body.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::{GlanceData, GlanceStatus, LozengeType};
    use serde_json::json;

    #[test]
    fn wire_minimal_and_full() {
        let request = build(&UserAddonUiUpdate::new(
            "alice+ops@example.com",
            vec![GlanceUpdate::new("my-reviews", GlanceData::new("none"))],
        ));
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/addon/ui/user/alice%2Bops%40example.com"
        );
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"glance": [{"key": "my-reviews", "content": {"label": {"type": "html", "value": "none"}}}]})
        );
        let full = UserAddonUiUpdate::new(
            42u64,
            vec![GlanceUpdate::new(
                "my-reviews",
                GlanceData::new("<b>3</b> to review")
                    .status(GlanceStatus::lozenge("NEW", LozengeType::New))
                    .metadata_entry("count", 3),
            )],
        );
        let request = build(&full);
        assert_eq!(request.uri().path(), "/v2/addon/ui/user/42");
        assert_eq!(
            json_body(&request),
            json!({"glance": [{"key": "my-reviews", "content": {
                "label": {"type": "html", "value": "<b>3</b> to review"},
                "status": {"type": "lozenge", "value": {"label": "NEW", "type": "new"}},
                "metadata": {"count": 3}
            }}]})
        );
    }

    #[test]
    fn refuses_bad_input() {
        let bad = UserAddonUiUpdate::new(
            "alice@example.com",
            vec![GlanceUpdate::new("my reviews", GlanceData::new("a"))],
        );
        assert_eq!(build_err(&bad).field(), "glance[0].key");
        assert_eq!(
            build_err(&UserAddonUiUpdate::new("", vec![])).field(),
            "user_id_or_email"
        );
    }

    #[test]
    fn decodes_204_and_errors() {
        respond::<UserAddonUiUpdate>(204, "").unwrap();
        let body = r#"{"error": {"code": 404, "message": "User not found", "type": "Not Found"}}"#;
        assert_eq!(api_error::<UserAddonUiUpdate>(404, body).status(), 404);
    }
}
