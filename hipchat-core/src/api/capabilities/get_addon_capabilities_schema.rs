use http::Method;

use crate::model::SchemaDraft;
use crate::validate::known;
use crate::{Endpoint, InvalidInput, Path, Query};

/// `GET /capabilities/addon/schema`
///
/// Reads the JSON Schema that an add-on's capabilities descriptor must follow. The schema is
/// returned as raw JSON ([`serde_json::Value`]), ready for a JSON-Schema validator.
///
/// Scope: none known. Whether the method needs a token at all is unconfirmed (the
/// capabilities document itself needs none), so, to be safe, the client's token is sent as
/// for almost every method: a client built without a token gets [`Error::InvalidInput`]
/// (field `credentials`) and nothing is sent. The default `draft` is undocumented.
///
/// [`Error::InvalidInput`]: crate::Error::InvalidInput
///
/// Checked before sending: `draft` is `v2` or `v4`.
///
/// Official documentation:
/// <https://www.hipchat.com/docs/apiv2/method/get_addon_capabilities_schema>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::capabilities::GetAddonCapabilitiesSchema;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::model::SchemaDraft;
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/capabilities/addon/schema")
///     .exact_query(&[("draft", "v4")])
///     .respond(MockResponse::json(200, json!({
///         "type": "object", "required": ["name", "links", "key", "description"],
///         "properties": {"key": {"type": "string", "maxLength": 40}}
///     })));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let schema = client.send(&GetAddonCapabilitiesSchema::new().draft(SchemaDraft::V4)).await?;
/// assert_eq!(schema["properties"]["key"]["maxLength"], 40);
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GetAddonCapabilitiesSchema {
    draft: Option<SchemaDraft>,
}

impl GetAddonCapabilitiesSchema {
    /// The schema in the server's default draft.
    pub fn new() -> Self {
        GetAddonCapabilitiesSchema::default()
    }

    /// The JSON-Schema draft to express the schema in (`draft`): `v2` or `v4`.
    pub fn draft(mut self, draft: SchemaDraft) -> Self {
        self.draft = Some(draft);
        self
    }
}

impl Endpoint for GetAddonCapabilitiesSchema {
    type Response = serde_json::Value;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new().lit("capabilities").lit("addon").lit("schema")
    }

    fn query(&self) -> Query {
        Query::new().push_opt("draft", self.draft.as_ref())
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        match &self.draft {
            Some(draft) => known("draft", draft, draft.is_known(), SchemaDraft::KNOWN),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;

    const SCHEMA: &str = include_str!("../../../tests/fixtures/addon-capabilities.schema.json");

    #[test]
    fn wire() {
        let request = build(&GetAddonCapabilitiesSchema::new());
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/capabilities/addon/schema"
        );
        assert_bearer(&request);
        assert!(request.body().is_empty());
        assert_eq!(
            build(&GetAddonCapabilitiesSchema::new().draft(SchemaDraft::V2)).uri(),
            "https://api.hipchat.com/v2/capabilities/addon/schema?draft=v2"
        );
        let err = build_err(&GetAddonCapabilitiesSchema::new().draft(SchemaDraft::from("v7")));
        assert_eq!(
            (err.field(), err.rule()),
            ("draft", "must be one of v2, v4 (got \"v7\")")
        );
    }

    #[test]
    fn decode_the_published_schema() {
        let schema = respond::<GetAddonCapabilitiesSchema>(200, SCHEMA).unwrap();
        assert_eq!(schema["type"], "object");
        let required: Vec<&str> = schema["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(required, ["name", "links", "key", "description"]);
        let capabilities = &schema["properties"]["capabilities"]["properties"];
        assert!(capabilities["action"].is_object());
        assert_eq!(
            schema["properties"]["apiVersion"]["pattern"],
            "^\\d+\\:\\d+$"
        );
        // Nothing is lost: the decoded value is the document.
        let original: serde_json::Value = serde_json::from_str(SCHEMA).unwrap();
        assert_eq!(schema, original);
        let body = r#"{"error": {"code": 401, "message": "Invalid OAuth session", "type": "Unauthorized"}}"#;
        assert_eq!(
            api_error::<GetAddonCapabilitiesSchema>(401, body).status(),
            401
        );
    }
}
