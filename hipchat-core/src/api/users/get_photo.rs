use http::Method;

use crate::model::PhotoSize;
use crate::validate::known;
use crate::{Endpoint, InvalidInput, Path, Redirect, UserRef};

/// `GET /user/{id_or_email}/photo/{size}`
///
/// Finds a user's photo. The server answers 302 with the image's address, which is returned as
/// a [`Redirect`] and not followed.
///
/// Scope: unconfirmed (no source names one; `view_group` is the likely one). That the answer is
/// a 302 comes from a single source; any 2xx or 3xx with a `Location` header is accepted.
///
/// Checked before sending: `size` is `small` or `big`.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/get_photo>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::users::GetPhoto;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::model::PhotoSize;
/// use hipchat_core::Client;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/user/5/photo/big")
///     .respond(MockResponse::redirect("https://s3.amazonaws.com/uploads.hipchat.com/photos/5/ada_125.jpg"));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let photo = client.send(&GetPhoto::new(5u64, PhotoSize::Big)).await?;
/// assert!(photo.location.ends_with("ada_125.jpg"));
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetPhoto {
    id_or_email: UserRef,
    size: PhotoSize,
}

impl GetPhoto {
    /// The photo of the user with this id, e-mail or @mention name, in `size` (a
    /// [`PhotoSize`], or its wire string `"small"` / `"big"`).
    pub fn new(id_or_email: impl Into<UserRef>, size: impl Into<PhotoSize>) -> Self {
        GetPhoto {
            id_or_email: id_or_email.into(),
            size: size.into(),
        }
    }
}

impl Endpoint for GetPhoto {
    type Response = Redirect;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("user")
            .param("id_or_email", &self.id_or_email)
            .lit("photo")
            .param("size", self.size.as_str())
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        known("size", &self.size, self.size.is_known(), PhotoSize::KNOWN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;

    #[test]
    fn wire() {
        let request = build(&GetPhoto::new("ada@example.com", PhotoSize::Small));
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/user/ada%40example.com/photo/small"
        );
        assert_bearer(&request);
        assert_eq!(
            build(&GetPhoto::new(5u64, "big")).uri(),
            "https://api.hipchat.com/v2/user/5/photo/big"
        );
        let err = build_err(&GetPhoto::new(5u64, "huge"));
        assert_eq!(
            (err.field(), err.rule()),
            ("size", "must be one of small, big (got \"huge\")")
        );
    }

    #[test]
    fn decode_the_redirect_and_errors() {
        let response = http::Response::builder()
            .status(302)
            .header("Location", "https://cdn.example.com/photos/5/big.png")
            .body(Vec::new())
            .unwrap();
        let redirect = crate::parse_response::<<GetPhoto as Endpoint>::Response>(response).unwrap();
        assert_eq!(redirect.status, 302);
        assert_eq!(
            redirect.location,
            "https://cdn.example.com/photos/5/big.png"
        );
        // A 302 without a Location header cannot be decoded.
        assert!(matches!(
            respond::<GetPhoto>(302, ""),
            Err(crate::Error::Decode(_))
        ));
        let body = r#"{"error": {"code": 404, "message": "User not found", "type": "Not Found"}}"#;
        assert_eq!(api_error::<GetPhoto>(404, body).status(), 404);
    }
}
