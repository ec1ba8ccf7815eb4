use http::Method;
use serde::Serialize;

use crate::api::users::checks::required;
use crate::{Body, Endpoint, Error, InvalidInput, Path};

/// `POST /invite/user`
///
/// Invites a person to join the group by e-mail. Answers 200 with a JSON object.
///
/// Scope: `admin_group` is likely but unconfirmed.
///
/// Confidence: the answer's shape is unknown (one client library expects a user object), so it
/// is returned as raw JSON ([`serde_json::Value`]); that it is a 200 comes from a single source.
///
/// Checked before sending: `email` and `name` are not empty.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/invite_user_to_group>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::invites::InviteUserToGroup;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/invite/user")
///     .json_body(json!({"email": "new@example.com", "name": "New Person", "title": "Intern"}))
///     .respond(MockResponse::json(200, json!({"id": 99, "links": {"self": "https://api.hipchat.com/v2/user/99"}})));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let answer = client
///     .send(&InviteUserToGroup::new("new@example.com", "New Person").title("Intern"))
///     .await?;
/// assert_eq!(answer["id"], 99);
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InviteUserToGroup {
    email: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
}

impl InviteUserToGroup {
    /// Invites the person with the e-mail address `email` and the full name `name`.
    pub fn new(email: impl Into<String>, name: impl Into<String>) -> Self {
        InviteUserToGroup {
            email: email.into(),
            name: name.into(),
            title: None,
        }
    }

    /// The person's job title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }
}

impl Endpoint for InviteUserToGroup {
    type Response = serde_json::Value;

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        Path::new().lit("invite").lit("user")
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        Body::json(self).map(Some)
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        required("email", &self.email)?;
        required("name", &self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use serde_json::json;

    #[test]
    fn wire_minimal_and_full() {
        let request = build(&InviteUserToGroup::new("new@example.com", "New Person"));
        assert_eq!(request.method(), "POST");
        assert_eq!(request.uri(), "https://api.hipchat.com/v2/invite/user");
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"email": "new@example.com", "name": "New Person"})
        );
        let full = InviteUserToGroup::new("new@example.com", "New Person").title("Intern");
        assert_eq!(
            json_body(&build(&full)),
            json!({"email": "new@example.com", "name": "New Person", "title": "Intern"})
        );
    }

    #[test]
    fn refuses_missing_email_or_name() {
        let err = build_err(&InviteUserToGroup::new("", "New Person"));
        assert_eq!(
            (err.field(), err.rule()),
            ("email", "is required and must not be empty")
        );
        assert_eq!(
            build_err(&InviteUserToGroup::new("new@example.com", "")).field(),
            "name"
        );
    }

    #[test]
    fn decode_any_json_object_and_errors() {
        let body = r#"{"id": 99, "name": "New Person", "links": {"self": "https://api.hipchat.com/v2/user/99"}}"#;
        let answer = respond::<InviteUserToGroup>(200, body).unwrap();
        assert_eq!(answer["id"], json!(99));
        assert_eq!(
            answer["links"]["self"],
            json!("https://api.hipchat.com/v2/user/99")
        );
        assert!(matches!(
            respond::<InviteUserToGroup>(200, "not json"),
            Err(Error::Decode(_))
        ));
        let body = r#"{"error": {"code": 400, "message": "That user is already in the group", "type": "Bad Request"}}"#;
        assert_eq!(
            api_error::<InviteUserToGroup>(400, body)
                .hipchat_error()
                .unwrap()
                .message,
            "That user is already in the group"
        );
    }
}
