use http::Method;

use crate::{Endpoint, GroupId, Path, Redirect};

/// `GET /group/{group_id}/avatar`
///
/// Finds the group's avatar image. Answers 302 with the image URL in `Location`, which is
/// returned as a [`Redirect`] rather than followed.
///
/// Scope: likely `view_group` (unconfirmed). Only one source documents the method, and one
/// client library marked the group avatar methods as not ready on the server.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/get_group_avatar>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::groups::GetGroupAvatar;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/group/42/avatar")
///     .respond(MockResponse::redirect("https://cdn.example.com/groups/42.png"));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let avatar = client.send(&GetGroupAvatar::new(42u64)).await?;
/// assert_eq!(avatar.location, "https://cdn.example.com/groups/42.png");
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetGroupAvatar {
    group_id: GroupId,
}

impl GetGroupAvatar {
    /// The avatar of the group with this id.
    pub fn new(group_id: impl Into<GroupId>) -> Self {
        GetGroupAvatar {
            group_id: group_id.into(),
        }
    }
}

impl Endpoint for GetGroupAvatar {
    type Response = Redirect;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("group")
            .param("group_id", &self.group_id)
            .lit("avatar")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;

    #[test]
    fn wire() {
        let request = build(&GetGroupAvatar::new("g 1"));
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/group/g%201/avatar"
        );
        assert_bearer(&request);
        assert!(request.body().is_empty());
        assert_eq!(
            build(&GetGroupAvatar::new(7u32)).uri().path(),
            "/v2/group/7/avatar"
        );
    }

    #[test]
    fn decode_the_redirect_and_an_error() {
        let response = http::Response::builder()
            .status(302)
            .header("Location", "https://cdn.example.com/groups/42.png")
            .body(Vec::new())
            .unwrap();
        let redirect = crate::parse_response::<Redirect>(response).unwrap();
        assert_eq!(redirect.status, 302);
        assert_eq!(redirect.location, "https://cdn.example.com/groups/42.png");
        // A 302 without a Location header cannot be decoded.
        assert!(matches!(
            respond::<GetGroupAvatar>(302, ""),
            Err(crate::Error::Decode(_))
        ));
        let body = r#"{"error": {"code": 404, "message": "Group not found", "type": "Not Found"}}"#;
        let e = api_error::<GetGroupAvatar>(404, body);
        assert_eq!(e.hipchat_error().unwrap().message, "Group not found");
    }
}
