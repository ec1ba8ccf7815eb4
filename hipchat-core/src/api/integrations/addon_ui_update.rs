use http::Method;
use serde::Serialize;

use crate::model::GlanceUpdate;
use crate::{Body, Endpoint, Error, InvalidInput, Path};

/// The body shared by the four add-on UI update methods: `{"glance": [{key, content}, ...]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct UiUpdateBody {
    glance: Vec<GlanceUpdate>,
}

impl UiUpdateBody {
    pub(super) fn new(glance: impl IntoIterator<Item = GlanceUpdate>) -> Self {
        UiUpdateBody {
            glance: glance.into_iter().collect(),
        }
    }

    pub(super) fn body(&self) -> Result<Option<Body>, Error> {
        Body::json(self).map(Some)
    }

    /// Each glance key has 1 to 40 letters, digits, `_`, `-` or `.`; errors name `glance[i].key`.
    pub(super) fn validate(&self) -> Result<(), InvalidInput> {
        for (i, update) in self.glance.iter().enumerate() {
            update.validate(&format!("glance[{i}]"))?;
        }
        Ok(())
    }
}

/// `POST /addon/ui`
///
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
#[derive(Debug, Clone, PartialEq)]
pub struct AddonUiUpdate {
    body: UiUpdateBody,
}

impl AddonUiUpdate {
    /// Shows the given content in these glances, for everyone in the group.
    pub fn new(glance: Vec<GlanceUpdate>) -> Self {
        AddonUiUpdate {
            body: UiUpdateBody::new(glance),
        }
    }
}

impl Endpoint for AddonUiUpdate {
    type Response = ();

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        Path::new().lit("addon").lit("ui")
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
        let request = build(&AddonUiUpdate::new(vec![GlanceUpdate::new(
            "build-status",
            GlanceData::new("ok"),
        )]));
        assert_eq!(request.method(), "POST");
        assert_eq!(request.uri(), "https://api.hipchat.com/v2/addon/ui");
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"glance": [{"key": "build-status", "content": {"label": {"type": "html", "value": "ok"}}}]})
        );

        let full = AddonUiUpdate::new(vec![
            GlanceUpdate::new(
                "build-status",
                GlanceData::new("<b>2</b> failing")
                    .status(GlanceStatus::lozenge("RED", LozengeType::Error))
                    .metadata_entry("failing", 2),
            ),
            GlanceUpdate::new(
                "deploys",
                GlanceData::new("idle").status(GlanceStatus::icon(
                    "https://addon.example.com/i.png",
                    "https://addon.example.com/i@2x.png",
                )),
            ),
        ]);
        assert_eq!(
            json_body(&build(&full)),
            json!({"glance": [
                {"key": "build-status", "content": {
                    "label": {"type": "html", "value": "<b>2</b> failing"},
                    "status": {"type": "lozenge", "value": {"label": "RED", "type": "error"}},
                    "metadata": {"failing": 2}
                }},
                {"key": "deploys", "content": {
                    "label": {"type": "html", "value": "idle"},
                    "status": {"type": "icon", "value": {"url": "https://addon.example.com/i.png", "url@2x": "https://addon.example.com/i@2x.png"}}
                }}
            ]})
        );
        // An empty list is sent as such: the API only requires the member.
        assert_eq!(
            json_body(&build(&AddonUiUpdate::new(Vec::new()))),
            json!({"glance": []})
        );
    }

    #[test]
    fn refuses_bad_glance_keys() {
        let update = AddonUiUpdate::new(vec![
            GlanceUpdate::new("ok", GlanceData::new("a")),
            GlanceUpdate::new("bad/key", GlanceData::new("b")),
        ]);
        let err = build_err(&update);
        assert_eq!(err.field(), "glance[1].key");
        assert!(err.rule().starts_with("must match"));
        let update = AddonUiUpdate::new(vec![GlanceUpdate::new("", GlanceData::new("a"))]);
        assert_eq!(
            build_err(&update).rule(),
            "must be 1..=40 characters (got 0)"
        );
    }

    #[test]
    fn decodes_204_200_and_errors() {
        respond::<AddonUiUpdate>(204, "").unwrap();
        respond::<AddonUiUpdate>(200, "{}").unwrap();
        let unknown =
            r#"{"error": {"code": 400, "message": "Unknown glance key", "type": "Bad Request"}}"#;
        let e = api_error::<AddonUiUpdate>(400, unknown);
        assert_eq!(e.status(), 400);
        assert_eq!(e.hipchat_error().unwrap().message, "Unknown glance key");
    }
}
