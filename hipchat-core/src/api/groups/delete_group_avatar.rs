use http::Method;

use crate::{Endpoint, GroupId, Path};

/// `DELETE /group/{group_id}/avatar`
///
/// Removes the group's avatar, restoring the default image. Answers 204 No Content.
///
/// Scope: likely `admin_group` (unconfirmed). Only one source documents the method, and one
/// client library marked the group avatar methods as not ready on the server.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/delete_group_avatar>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::groups::DeleteGroupAvatar;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
///
/// let mock = MockBackend::new();
/// mock.expect_delete("/v2/group/42/avatar").respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// client.send(&DeleteGroupAvatar::new(42u64)).await?;
/// assert_eq!(mock.requests().len(), 1);
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteGroupAvatar {
    group_id: GroupId,
}

impl DeleteGroupAvatar {
    /// Removes the avatar of the group with this id.
    pub fn new(group_id: impl Into<GroupId>) -> Self {
        DeleteGroupAvatar {
            group_id: group_id.into(),
        }
    }
}

impl Endpoint for DeleteGroupAvatar {
    type Response = ();

    fn method(&self) -> Method {
        Method::DELETE
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
        let request = build(&DeleteGroupAvatar::new("g#1"));
        assert_eq!(request.method(), "DELETE");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/group/g%231/avatar"
        );
        assert_bearer(&request);
        assert!(request.body().is_empty());
        assert!(request.headers().get("content-type").is_none());
    }

    #[test]
    fn decode_204_and_an_error() {
        respond::<DeleteGroupAvatar>(204, "").unwrap();
        let body = r#"{"error": {"code": 403, "message": "This action requires one of the following scopes: [u'admin_group']", "type": "Forbidden"}}"#;
        let e = api_error::<DeleteGroupAvatar>(403, body);
        assert_eq!(e.status(), 403);
        assert_eq!(
            e.hipchat_error().unwrap().required_scopes(),
            vec!["admin_group".to_owned()]
        );
    }
}
