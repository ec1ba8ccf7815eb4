use http::Method;

use crate::{Endpoint, GroupId, Path};

/// `GET /group/{group_id}/statistics`
///
/// Reads the group's usage statistics. Answers 200 with a JSON object, returned as raw
/// [`serde_json::Value`]: no public source describes its members.
///
/// Scope: likely `view_group` (unconfirmed).
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/group_statistics>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::groups::GroupStatistics;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/group/42/statistics")
///     .respond(MockResponse::json(200, json!({"messages_sent": 1234, "links": {}})));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let stats = client.send(&GroupStatistics::new(42u64)).await?;
/// assert_eq!(stats["messages_sent"], 1234);
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupStatistics {
    group_id: GroupId,
}

impl GroupStatistics {
    /// The statistics of the group with this id.
    pub fn new(group_id: impl Into<GroupId>) -> Self {
        GroupStatistics {
            group_id: group_id.into(),
        }
    }
}

impl Endpoint for GroupStatistics {
    type Response = serde_json::Value;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("group")
            .param("group_id", &self.group_id)
            .lit("statistics")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use serde_json::json;

    #[test]
    fn wire() {
        let request = build(&GroupStatistics::new("42?x"));
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/group/42%3Fx/statistics"
        );
        assert_bearer(&request);
        assert!(request.body().is_empty());
    }

    #[test]
    fn decode_any_object_and_errors() {
        let body = r#"{"messages_sent": 1234, "rooms": {"active": 12}, "links": {"self": "https://api.hipchat.com/v2/group/42/statistics"}}"#;
        let stats = respond::<GroupStatistics>(200, body).unwrap();
        assert_eq!(stats["rooms"]["active"], json!(12));
        assert_eq!(
            stats["links"]["self"],
            "https://api.hipchat.com/v2/group/42/statistics"
        );
        assert!(matches!(
            respond::<GroupStatistics>(200, "<html>"),
            Err(crate::Error::Decode(_))
        ));
        let body = r#"{"error": {"code": 401, "message": "Invalid OAuth session", "type": "Unauthorized"}}"#;
        assert_eq!(api_error::<GroupStatistics>(401, body).status(), 401);
    }
}
