//! Groups: the HipChat group (the organisation) and its subscription plan.

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use super::{Links, UserSummary, de};

/// A HipChat group (`GET /group/{group_id}`): the organisation every user and room belongs to.
///
/// Only one client library documents this shape, so everything except `id` and `name` is
/// optional; an older server that leaves a member out still decodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Group {
    /// The group id.
    #[serde(deserialize_with = "de::u64_lenient")]
    pub id: u64,
    /// The group name.
    #[serde(default)]
    pub name: String,
    /// The Google Apps domain of the group, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// The prefix of the group's HipChat host name (`example` in `example.hipchat.com`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdomain: Option<String>,
    /// When the group was created, as the server wrote it (ISO-8601).
    #[serde(
        default,
        deserialize_with = "de::option_string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub created: Option<String>,
    /// URL of the group's avatar (125 pixels on the longest side).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// The group's subscription plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<GroupPlan>,
    /// The group owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<UserSummary>,
    /// Links to the group.
    #[serde(default)]
    pub links: Links,
}

crate::response::json_response!(Group);

/// The subscription plan of a [`Group`]: `{id, type}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GroupPlan {
    /// The plan id.
    #[serde(
        default,
        deserialize_with = "de::option_u64_lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<u64>,
    /// The kind of plan (wire name `type`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub plan_type: Option<PlanType>,
}

string_enum! {
    /// The kind of a group's plan (`plan.type`).
    ///
    /// The one library that lists these values spells the trial plan `trail`; such a value
    /// decodes as `PlanType::Other("trail")`.
    pub enum PlanType {
        /// The server did not say.
        Unknown => "unknown",
        /// The free plan.
        Free => "free",
        /// A trial of a paid plan.
        Trial => "trial",
        /// HipChat Plus.
        Plus => "plus",
        /// The premium plan.
        Premium => "premium",
        /// The non-profit plan.
        NonProfit => "non_profit",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decodes_a_full_group() {
        let group: Group = serde_json::from_value(json!({
            "id": 1,
            "name": "Analytical Engines",
            "domain": "engines.example.com",
            "subdomain": "engines",
            "created": "2013-11-07T17:57:11+00:00",
            "avatar_url": "https://s3.amazonaws.com/uploads.hipchat.com/groups/1/avatar_125.png",
            "plan": {"id": 3, "type": "premium"},
            "owner": {"id": 5, "name": "Ada Lovelace", "mention_name": "ada",
                      "links": {"self": "https://api.hipchat.com/v2/user/5"}},
            "links": {"self": "https://api.hipchat.com/v2/group/1"}
        }))
        .unwrap();
        assert_eq!(group.id, 1);
        assert_eq!(group.name, "Analytical Engines");
        assert_eq!(group.domain.as_deref(), Some("engines.example.com"));
        assert_eq!(group.subdomain.as_deref(), Some("engines"));
        assert_eq!(group.created.as_deref(), Some("2013-11-07T17:57:11+00:00"));
        let plan = group.plan.as_ref().unwrap();
        assert_eq!(plan.id, Some(3));
        assert_eq!(plan.plan_type, Some(PlanType::Premium));
        assert_eq!(group.owner.as_ref().unwrap().mention_name, "ada");
    }

    #[test]
    fn sparse_group_and_unknown_plan_types() {
        let group: Group =
            serde_json::from_value(json!({"id": "2", "name": "Tiny", "domain": null})).unwrap();
        assert_eq!(group.id, 2);
        assert_eq!((group.domain, group.plan, group.owner), (None, None, None));
        for (wire, expected) in [
            ("non_profit", PlanType::NonProfit),
            ("trial", PlanType::Trial),
            ("trail", PlanType::Other("trail".into())),
            ("unknown", PlanType::Unknown),
        ] {
            let plan: GroupPlan = serde_json::from_value(json!({"id": 1, "type": wire})).unwrap();
            assert_eq!(plan.plan_type, Some(expected));
        }
        // Serializing leaves unset members out.
        let plan: GroupPlan = serde_json::from_value(json!({})).unwrap();
        assert_eq!(serde_json::to_value(plan).unwrap(), json!({}));
    }
}
