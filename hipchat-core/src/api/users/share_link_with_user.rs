use http::Method;
use serde::Serialize;

use crate::api::share::LinkShare;
use crate::{Body, Endpoint, Error, InvalidInput, Path, UserRef};

/// `POST /user/{id_or_email}/share/link`
///
/// Shares a link with a user in a private chat, with an optional message. Answers 204 No
/// Content (from a single source; any 2xx is accepted).
///
/// Scope: `send_message` is likely but unconfirmed; user tokens are presumably required, as for
/// the other methods that post as a person.
///
/// Checked before sending: `link` has 10 to 1000 characters and `message` at most 1000.
/// That `link` is an absolute URL is left to the server.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/share_link_with_user>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::users::ShareLinkWithUser;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/user/bob%40example.com/share/link")
///     .json_body(json!({"link": "https://example.com/design.pdf", "message": "the new design"}))
///     .respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// client
///     .send(&ShareLinkWithUser::new("bob@example.com", "https://example.com/design.pdf").message("the new design"))
///     .await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShareLinkWithUser {
    #[serde(skip)]
    id_or_email: UserRef,
    #[serde(flatten)]
    share: LinkShare,
}

impl ShareLinkWithUser {
    /// Shares `link` (an absolute URL) with the user with this id, e-mail or @mention name.
    pub fn new(id_or_email: impl Into<UserRef>, link: impl Into<String>) -> Self {
        ShareLinkWithUser {
            id_or_email: id_or_email.into(),
            share: LinkShare::new(link),
        }
    }

    /// A message sent with the link (at most 1000 characters).
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.share.message = Some(message.into());
        self
    }
}

impl Endpoint for ShareLinkWithUser {
    type Response = ();

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("user")
            .param("id_or_email", &self.id_or_email)
            .lit("share")
            .lit("link")
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        self.share.body()
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        self.share.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use serde_json::json;

    #[test]
    fn wire_minimal_and_full() {
        let request = build(&ShareLinkWithUser::new(
            "@bob smith",
            "https://example.com/a",
        ));
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/user/%40bob%20smith/share/link"
        );
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"link": "https://example.com/a"})
        );
        let full = ShareLinkWithUser::new(7u64, "https://example.com/a").message("have a look");
        assert_eq!(
            json_body(&build(&full)),
            json!({"link": "https://example.com/a", "message": "have a look"})
        );
    }

    #[test]
    fn refuses_short_or_long_links_and_long_messages() {
        let err = build_err(&ShareLinkWithUser::new(7u64, "http://a"));
        assert_eq!(
            (err.field(), err.rule()),
            ("link", "must be 10..=1000 characters (got 8)")
        );
        build(&ShareLinkWithUser::new(7u64, "http://ab/"));
        let long = format!("https://example.com/{}", "x".repeat(981));
        assert_eq!(
            build_err(&ShareLinkWithUser::new(7u64, long)).field(),
            "link"
        );
        let err = build_err(
            &ShareLinkWithUser::new(7u64, "https://example.com/a").message("m".repeat(1001)),
        );
        assert_eq!(err.field(), "message");
        build(&ShareLinkWithUser::new(7u64, "https://example.com/a").message("m".repeat(1000)));
    }

    #[test]
    fn decode_204_and_errors() {
        respond::<ShareLinkWithUser>(204, "").unwrap();
        let body = r#"{"error": {"code": 404, "message": "User not found", "type": "Not Found"}}"#;
        assert_eq!(
            api_error::<ShareLinkWithUser>(404, body)
                .hipchat_error()
                .unwrap()
                .message,
            "User not found"
        );
    }
}
