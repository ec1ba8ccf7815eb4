use http::Method;
use serde::Serialize;

use crate::model::IntegrationLink;
use crate::{Body, Endpoint, Error, InvalidInput, Path};

/// `POST /addon/link`
///
/// Creates an integration link: a URL-safe token that, when invoked through
/// `InvokeIntegrationLink`, makes HipChat call the add-on at `target` and redirect the caller
/// where the add-on says. Answers 200 with the allocated link as an [`IntegrationLink`].
///
/// Scope: not documented (unconfirmed); the add-on's token is sent. Both body members are
/// required (confirmed); the unit of `ttl` is not stated, probably seconds. The answer's member
/// names are unconfirmed (probably `token`), so the whole JSON is kept in
/// [`IntegrationLink::raw`].
///
/// Checked before sending: `target` is not empty.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/create_integration_link>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::integrations::CreateIntegrationLink;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/addon/link")
///     .json_body(json!({"target": "https://addon.example.com/link-hit", "ttl": 3600}))
///     .respond(MockResponse::json(200, json!({"token": "l1nk"})));
/// let client = Client::builder().token("addon-token").backend(mock).build()?;
/// let link = client
///     .send(&CreateIntegrationLink::new("https://addon.example.com/link-hit", 3600))
///     .await?;
/// assert_eq!(link.token.as_deref(), Some("l1nk"));
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreateIntegrationLink {
    target: String,
    ttl: u64,
}

impl CreateIntegrationLink {
    /// A link that calls the add-on endpoint `target` when invoked, valid for `ttl` (probably
    /// seconds).
    pub fn new(target: impl Into<String>, ttl: u64) -> Self {
        CreateIntegrationLink {
            target: target.into(),
            ttl,
        }
    }
}

impl Endpoint for CreateIntegrationLink {
    type Response = IntegrationLink;

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        Path::new().lit("addon").lit("link")
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        Body::json(self).map(Some)
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        if self.target.is_empty() {
            return Err(InvalidInput::new(
                "target",
                "is required and must not be empty",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use serde_json::json;

    #[test]
    fn wire() {
        let request = build(&CreateIntegrationLink::new(
            "https://addon.example.com/hit?x=1",
            300,
        ));
        assert_eq!(request.method(), "POST");
        assert_eq!(request.uri(), "https://api.hipchat.com/v2/addon/link");
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"target": "https://addon.example.com/hit?x=1", "ttl": 300})
        );
        assert_eq!(
            json_body(&build(&CreateIntegrationLink::new("/hit", 0))),
            json!({"target": "/hit", "ttl": 0})
        );
    }

    #[test]
    fn refuses_an_empty_target() {
        let err = build_err(&CreateIntegrationLink::new("", 60));
        assert_eq!(err.field(), "target");
    }

    #[test]
    fn decode_the_link_and_an_error() {
        let body = r#"{"token": "3b9f2d1c8a", "links": {"self": "https://api.hipchat.com/v2/addon/link/3b9f2d1c8a"}}"#;
        let link = respond::<CreateIntegrationLink>(200, body).unwrap();
        assert_eq!(link.token.as_deref(), Some("3b9f2d1c8a"));
        assert_eq!(
            link.raw["links"]["self"],
            "https://api.hipchat.com/v2/addon/link/3b9f2d1c8a"
        );
        let unexpected = respond::<CreateIntegrationLink>(200, r#"{"id": "abc"}"#).unwrap();
        assert_eq!(unexpected.token, None);
        assert_eq!(unexpected.raw["id"], "abc");
        let body = r#"{"error": {"code": 400, "message": "Missing required field: ttl", "type": "Bad Request"}}"#;
        let e = api_error::<CreateIntegrationLink>(400, body);
        assert_eq!(e.hipchat_error().unwrap().code, Some(400));
    }
}
