use std::fmt;

use base64::Engine;
use http::Method;
use serde::Serialize;

use super::checks::required;
use crate::{Body, Endpoint, Error, InvalidInput, Path, UserRef};

/// `PUT /user/{id_or_email}/photo`
///
/// Replaces a user's photo with an image sent base64-encoded in the JSON body
/// (`{"photo": "..."}`). Guests cannot be updated. Answers 204 No Content.
///
/// Scope: unconfirmed (no reliable source; `admin_group` is the likely one).
///
/// Checked before sending: `photo` is not empty. Whether the text is valid base64 and a
/// supported image is left to the server. `Debug` shows the photo's length, not its contents.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/update_photo>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::users::UpdatePhoto;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let png: &[u8] = b"\x89PNG\r\n\x1a\n";
/// let mock = MockBackend::new();
/// mock.expect_put("/v2/user/5/photo")
///     .json_body(json!({"photo": "iVBORw0KGgo="}))
///     .respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// client.send(&UpdatePhoto::from_bytes(5u64, png)).await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct UpdatePhoto {
    #[serde(skip)]
    id_or_email: UserRef,
    photo: String,
}

impl UpdatePhoto {
    /// Sets the photo of the user with this id, e-mail or @mention name to `photo`, an image
    /// already base64-encoded (standard alphabet, with padding).
    pub fn new(id_or_email: impl Into<UserRef>, photo: impl Into<String>) -> Self {
        UpdatePhoto {
            id_or_email: id_or_email.into(),
            photo: photo.into(),
        }
    }

    /// Like [`new`](Self::new), from the image's raw bytes, which are base64-encoded here.
    pub fn from_bytes(id_or_email: impl Into<UserRef>, image: impl AsRef<[u8]>) -> Self {
        let photo = base64::engine::general_purpose::STANDARD.encode(image.as_ref());
        UpdatePhoto::new(id_or_email, photo)
    }
}

impl fmt::Debug for UpdatePhoto {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UpdatePhoto")
            .field("id_or_email", &self.id_or_email)
            .field(
                "photo",
                &format_args!("<{} base64 characters>", self.photo.len()),
            )
            .finish()
    }
}

impl Endpoint for UpdatePhoto {
    type Response = ();

    fn method(&self) -> Method {
        Method::PUT
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("user")
            .param("id_or_email", &self.id_or_email)
            .lit("photo")
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        Body::json(self).map(Some)
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        required("photo", &self.photo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use serde_json::json;

    #[test]
    fn wire_with_encoded_and_raw_images() {
        let request = build(&UpdatePhoto::new("ada@example.com", "R0lGODlhAQABAAAAACw="));
        assert_eq!(request.method(), "PUT");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/user/ada%40example.com/photo"
        );
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"photo": "R0lGODlhAQABAAAAACw="})
        );
        let raw = build(&UpdatePhoto::from_bytes(5u64, [0xffu8, 0xd8, 0xff, 0xe0]));
        assert_eq!(raw.uri(), "https://api.hipchat.com/v2/user/5/photo");
        assert_eq!(json_body(&raw), json!({"photo": "/9j/4A=="}));
        assert_eq!(
            format!("{:?}", UpdatePhoto::new(5u64, "abcd")),
            "UpdatePhoto { id_or_email: UserRef(\"5\"), photo: <4 base64 characters> }"
        );
    }

    #[test]
    fn refuses_an_empty_photo() {
        let err = build_err(&UpdatePhoto::new(5u64, ""));
        assert_eq!(
            (err.field(), err.rule()),
            ("photo", "is required and must not be empty")
        );
        assert_eq!(
            build_err(&UpdatePhoto::from_bytes(5u64, [])).field(),
            "photo"
        );
    }

    #[test]
    fn decode_204_and_errors() {
        respond::<UpdatePhoto>(204, "").unwrap();
        let body =
            r#"{"error": {"code": 400, "message": "Invalid image data", "type": "Bad Request"}}"#;
        assert_eq!(
            api_error::<UpdatePhoto>(400, body)
                .hipchat_error()
                .unwrap()
                .message,
            "Invalid image data"
        );
    }
}
