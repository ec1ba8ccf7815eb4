use http::Method;

use crate::{Endpoint, Path, UserRef};

/// `DELETE /user/{id_or_email}`
///
/// Deletes a user from the group. Answers 204 No Content.
///
/// Scope: `admin_group`.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/delete_user>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::users::DeleteUser;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
///
/// let mock = MockBackend::new();
/// mock.expect_delete("/v2/user/leaver%40example.com").respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// client.send(&DeleteUser::new("leaver@example.com")).await?;
/// assert_eq!(mock.requests().len(), 1);
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteUser {
    id_or_email: UserRef,
}

impl DeleteUser {
    /// Deletes the user with this id, e-mail address or @mention name.
    pub fn new(id_or_email: impl Into<UserRef>) -> Self {
        DeleteUser {
            id_or_email: id_or_email.into(),
        }
    }
}

impl Endpoint for DeleteUser {
    type Response = ();

    fn method(&self) -> Method {
        Method::DELETE
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("user")
            .param("id_or_email", &self.id_or_email)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;

    #[test]
    fn wire() {
        let request = build(&DeleteUser::new("@old timer"));
        assert_eq!(request.method(), "DELETE");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/user/%40old%20timer"
        );
        assert_bearer(&request);
        assert!(request.body().is_empty());
        assert!(request.headers().get("content-type").is_none());
        assert_eq!(build_err(&DeleteUser::new("")).field(), "id_or_email");
    }

    #[test]
    fn decode_204_and_errors() {
        respond::<DeleteUser>(204, "").unwrap();
        let body = r#"{"error": {"code": 404, "message": "User not found", "type": "Not Found"}}"#;
        assert_eq!(
            api_error::<DeleteUser>(404, body)
                .hipchat_error()
                .unwrap()
                .message,
            "User not found"
        );
    }
}
