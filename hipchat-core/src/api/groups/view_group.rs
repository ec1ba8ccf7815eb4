use http::Method;

use crate::model::Group;
use crate::{Endpoint, GroupId, Path};

/// `GET /group/{group_id}`
///
/// Reads a group: its name, domain, plan, owner and avatar. Answers 200 with a [`Group`].
///
/// Scope: likely `view_group` (unconfirmed). The answer's shape comes from a single client
/// library, so every member but `id` and `name` is optional.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/view_group>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::groups::ViewGroup;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::model::PlanType;
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/group/42").respond(MockResponse::json(200, json!({
///     "id": 42, "name": "Example Inc", "subdomain": "example",
///     "plan": {"id": 1, "type": "plus"},
///     "links": {"self": "https://api.hipchat.com/v2/group/42"}
/// })));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let group = client.send(&ViewGroup::new(42u64)).await?;
/// assert_eq!(group.name, "Example Inc");
/// assert_eq!(group.plan.unwrap().plan_type, Some(PlanType::Plus));
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewGroup {
    group_id: GroupId,
}

impl ViewGroup {
    /// The group with this id.
    pub fn new(group_id: impl Into<GroupId>) -> Self {
        ViewGroup {
            group_id: group_id.into(),
        }
    }
}

impl Endpoint for ViewGroup {
    type Response = Group;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new().lit("group").param("group_id", &self.group_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::PlanType;

    #[test]
    fn wire() {
        let request = build(&ViewGroup::new(42u64));
        assert_eq!(request.method(), "GET");
        assert_eq!(request.uri(), "https://api.hipchat.com/v2/group/42");
        assert_bearer(&request);
        assert!(request.body().is_empty());
        assert_eq!(
            build(&ViewGroup::new("4 2/x")).uri(),
            "https://api.hipchat.com/v2/group/4%202%2Fx"
        );
        assert_eq!(build_err(&ViewGroup::new("..")).field(), "group_id");
    }

    #[test]
    fn decode_a_group_and_an_error() {
        let body = r#"{
            "id": 42, "name": "Example Inc", "domain": "example.com", "subdomain": "example",
            "created": "2014-02-19T19:31:09+00:00",
            "avatar_url": "https://s3.amazonaws.com/uploads.hipchat.com/groups/42/avatar_125.png",
            "plan": {"id": 7, "type": "non_profit"},
            "owner": {"id": 5, "name": "Ada", "mention_name": "ada", "version": "ABCD1234",
                      "links": {"self": "https://api.hipchat.com/v2/user/5"}},
            "links": {"self": "https://api.hipchat.com/v2/group/42"}
        }"#;
        let group = respond::<ViewGroup>(200, body).unwrap();
        assert_eq!((group.id, group.name.as_str()), (42, "Example Inc"));
        assert_eq!(group.domain.as_deref(), Some("example.com"));
        assert_eq!(group.subdomain.as_deref(), Some("example"));
        assert_eq!(group.created.as_deref(), Some("2014-02-19T19:31:09+00:00"));
        assert_eq!(
            group.avatar_url.as_deref(),
            Some("https://s3.amazonaws.com/uploads.hipchat.com/groups/42/avatar_125.png")
        );
        let plan = group.plan.unwrap();
        assert_eq!(
            (plan.id, plan.plan_type),
            (Some(7), Some(PlanType::NonProfit))
        );
        let owner = group.owner.unwrap();
        assert_eq!((owner.id, owner.name.as_str()), (5, "Ada"));
        assert_eq!(
            group.links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/group/42")
        );
        let body = r#"{"error": {"code": 403, "message": "This action requires one of the following scopes: [u'view_group']", "type": "Forbidden"}}"#;
        let e = api_error::<ViewGroup>(403, body);
        assert_eq!(e.status(), 403);
        assert_eq!(e.hipchat_error().unwrap().code, Some(403));
    }
}
