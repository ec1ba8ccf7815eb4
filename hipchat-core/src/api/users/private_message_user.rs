use http::Method;
use serde::Serialize;

use crate::model::MessageFormat;
use crate::validate::{char_len, known};
use crate::{Body, Endpoint, Error, InvalidInput, Path, UserRef};

/// `POST /user/{id_or_email}/message`
///
/// Sends a private one-to-one message to a user, in the name of the token's user. Answers 204
/// No Content.
///
/// Scope: `send_message`; user tokens only. Flood control applies.
///
/// Checked before sending: `message` has 1 to 10 000 characters and `message_format` is `html`
/// or `text`.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/private_message_user>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::users::PrivateMessageUser;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::model::MessageFormat;
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/user/bob%40example.com/message")
///     .json_body(json!({"message": "lunch?", "notify": true, "message_format": "text"}))
///     .respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// client
///     .send(&PrivateMessageUser::new("bob@example.com", "lunch?").notify(true).message_format(MessageFormat::Text))
///     .await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrivateMessageUser {
    #[serde(skip)]
    id_or_email: UserRef,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    notify: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_format: Option<MessageFormat>,
}

impl PrivateMessageUser {
    /// A private message `message` to the user with this id, e-mail or @mention name.
    pub fn new(id_or_email: impl Into<UserRef>, message: impl Into<String>) -> Self {
        PrivateMessageUser {
            id_or_email: id_or_email.into(),
            message: message.into(),
            notify: None,
            message_format: None,
        }
    }

    /// Whether the user is alerted (default false).
    pub fn notify(mut self, notify: bool) -> Self {
        self.notify = Some(notify);
        self
    }

    /// How `message` is rendered: `html` or `text`.
    pub fn message_format(mut self, format: MessageFormat) -> Self {
        self.message_format = Some(format);
        self
    }
}

impl Endpoint for PrivateMessageUser {
    type Response = ();

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("user")
            .param("id_or_email", &self.id_or_email)
            .lit("message")
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        Body::json(self).map(Some)
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        char_len("message", &self.message, 1, 10_000)?;
        if let Some(format) = &self.message_format {
            known(
                "message_format",
                format,
                format.is_known(),
                MessageFormat::KNOWN,
            )?;
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
        let request = build(&PrivateMessageUser::new(
            crate::UserRef::mention("bob"),
            "ping",
        ));
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/user/%40bob/message"
        );
        assert_bearer(&request);
        assert_eq!(json_body(&request), json!({"message": "ping"}));
        let full = PrivateMessageUser::new(3u64, "<b>ping</b>")
            .notify(false)
            .message_format(MessageFormat::Html);
        assert_eq!(
            json_body(&build(&full)),
            json!({"message": "<b>ping</b>", "notify": false, "message_format": "html"})
        );
    }

    #[test]
    fn refuses_bad_input() {
        assert_eq!(
            build_err(&PrivateMessageUser::new("bob", "")).field(),
            "message"
        );
        assert_eq!(
            build_err(&PrivateMessageUser::new("bob", "x".repeat(10_001))).field(),
            "message"
        );
        assert_eq!(
            build_err(
                &PrivateMessageUser::new("bob", "x")
                    .message_format(MessageFormat::from("markdown"))
            )
            .field(),
            "message_format"
        );
    }

    #[test]
    fn decode() {
        respond::<PrivateMessageUser>(204, "").unwrap();
        let body = r#"{"error": {"code": 404, "message": "User not found", "type": "Not Found"}}"#;
        assert_eq!(api_error::<PrivateMessageUser>(404, body).status(), 404);
    }
}
