use http::Method;

use crate::{Endpoint, Path, UserRef};

/// `DELETE /user/{id_or_email}/photo`
///
/// Removes a user's photo. Answers 204 No Content.
///
/// Scope: unconfirmed (no source names one; `admin_group` is the likely one).
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/delete_photo>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::users::DeletePhoto;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
///
/// let mock = MockBackend::new();
/// mock.expect_delete("/v2/user/%40ada/photo").respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// client.send(&DeletePhoto::new("@ada")).await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletePhoto {
    id_or_email: UserRef,
}

impl DeletePhoto {
    /// Removes the photo of the user with this id, e-mail address or @mention name.
    pub fn new(id_or_email: impl Into<UserRef>) -> Self {
        DeletePhoto {
            id_or_email: id_or_email.into(),
        }
    }
}

impl Endpoint for DeletePhoto {
    type Response = ();

    fn method(&self) -> Method {
        Method::DELETE
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("user")
            .param("id_or_email", &self.id_or_email)
            .lit("photo")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;

    #[test]
    fn wire() {
        let request = build(&DeletePhoto::new("ada@example.com"));
        assert_eq!(request.method(), "DELETE");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/user/ada%40example.com/photo"
        );
        assert_bearer(&request);
        assert!(request.body().is_empty());
        assert_eq!(
            build(&DeletePhoto::new(5u32)).uri(),
            "https://api.hipchat.com/v2/user/5/photo"
        );
    }

    #[test]
    fn decode_204_and_errors() {
        respond::<DeletePhoto>(204, "").unwrap();
        let body = r#"{"error": {"code": 400, "message": "Guests cannot be updated", "type": "Bad Request"}}"#;
        assert_eq!(
            api_error::<DeletePhoto>(400, body)
                .hipchat_error()
                .unwrap()
                .message,
            "Guests cannot be updated"
        );
    }
}
