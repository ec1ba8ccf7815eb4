use http::Method;
use serde::Serialize;

use crate::{Body, Endpoint, Error, GroupId, Path};

/// `PUT /group/{group_id}/avatar`
///
/// Replaces the group's avatar with the image in `avatar`. Answers 204 No Content.
///
/// Scope: likely `admin_group` (unconfirmed). The body, `{"avatar": ".."}`, comes from a single
/// source; the one client library that calls this method sends the image as a
/// `data:image/png;base64,...` URI. Nothing is checked before sending: the server judges the
/// image.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/update_group_avatar>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::groups::UpdateGroupAvatar;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_put("/v2/group/42/avatar")
///     .json_body(json!({"avatar": "data:image/png;base64,iVBORw0KGgo="}))
///     .respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// client.send(&UpdateGroupAvatar::new(42u64, "data:image/png;base64,iVBORw0KGgo=")).await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UpdateGroupAvatar {
    #[serde(skip)]
    group_id: GroupId,
    avatar: String,
}

impl UpdateGroupAvatar {
    /// Sets the avatar of the group with this id to `avatar`, the image as the server expects
    /// it (a `data:` URI with the base64-encoded image).
    pub fn new(group_id: impl Into<GroupId>, avatar: impl Into<String>) -> Self {
        UpdateGroupAvatar {
            group_id: group_id.into(),
            avatar: avatar.into(),
        }
    }
}

impl Endpoint for UpdateGroupAvatar {
    type Response = ();

    fn method(&self) -> Method {
        Method::PUT
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("group")
            .param("group_id", &self.group_id)
            .lit("avatar")
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        Body::json(self).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use serde_json::json;

    #[test]
    fn wire() {
        let request = build(&UpdateGroupAvatar::new(
            "4/2",
            "data:image/png;base64,iVBORw0KGgo=",
        ));
        assert_eq!(request.method(), "PUT");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/group/4%2F2/avatar"
        );
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"avatar": "data:image/png;base64,iVBORw0KGgo="})
        );
        assert_eq!(
            build_err(&UpdateGroupAvatar::new("", "x")).field(),
            "group_id"
        );
    }

    #[test]
    fn decode_204_and_an_error() {
        respond::<UpdateGroupAvatar>(204, "").unwrap();
        let body = r#"{"error": {"code": 400, "message": "Invalid image", "type": "Bad Request"}}"#;
        let e = api_error::<UpdateGroupAvatar>(400, body);
        assert_eq!(e.status(), 400);
        assert_eq!(e.hipchat_error().unwrap().message, "Invalid image");
    }
}
