//! Add-on integrations: installable data, integration links, UI updates.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::de;

const REDACTED: &str = "<redacted>";

/// An add-on installation record: the OAuth client HipChat created for one installation, and
/// where the installing server describes itself.
///
/// It is the answer of `GET /addon/{integration_id_or_key}/installable/{token}` (client-side
/// installs) and the same JSON HipChat POSTs to the descriptor's `installable.callbackUrl`
/// (server-side installs), so an add-on can decode either with this type. Wire names are in
/// camel case: `{capabilitiesUrl, oauthId, oauthSecret, groupId, roomId?}`.
///
/// Request a token for the installation with the OAuth id and secret as the client credentials
/// (`ClientBuilder::oauth_client`). `Debug` prints `oauth_secret` as `<redacted>`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InstallableData {
    /// URL of the installing server's capabilities document. Fetch it and check that its
    /// `links.self` is this URL before trusting the installation.
    pub capabilities_url: String,
    /// The installation's OAuth client id.
    pub oauth_id: String,
    /// The installation's OAuth client secret; it also signs the JWTs HipChat sends the add-on.
    pub oauth_secret: String,
    /// The id of the group the add-on was installed in. The only public description of this
    /// answer is cut short before this member, so it is optional here.
    #[serde(
        default,
        deserialize_with = "de::option_u64_lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub group_id: Option<u64>,
    /// The id of the room, for an installation in one room; `None` for a global installation.
    #[serde(
        default,
        deserialize_with = "de::option_u64_lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub room_id: Option<u64>,
}

crate::response::json_response!(InstallableData);

impl fmt::Debug for InstallableData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InstallableData")
            .field("capabilities_url", &self.capabilities_url)
            .field("oauth_id", &self.oauth_id)
            .field("oauth_secret", &REDACTED)
            .field("group_id", &self.group_id)
            .field("room_id", &self.room_id)
            .finish()
    }
}

/// The answer of `POST /addon/link`: the integration link HipChat allocated.
///
/// No public source shows this JSON's member names, so the whole answer is kept in
/// [`IntegrationLink::raw`], and [`IntegrationLink::token`] is a best guess: the `token`
/// member (a string or a number), or the body itself when it is a bare JSON string. When it is
/// `None`, look in `raw`.
///
/// Anyone holding the token can invoke the link without credentials, so `Debug` prints it as
/// `<redacted>` and shows only the names of the other members.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct IntegrationLink {
    /// The link token, for `InvokeIntegrationLink` and `DeleteIntegrationLink`, if the answer
    /// carried it where expected.
    pub token: Option<String>,
    /// The answer exactly as received.
    pub raw: serde_json::Value,
}

impl IntegrationLink {
    fn from_raw(raw: serde_json::Value) -> Self {
        let token = match &raw {
            serde_json::Value::String(token) => Some(token.clone()),
            serde_json::Value::Object(members) => match members.get("token") {
                Some(serde_json::Value::String(token)) => Some(token.clone()),
                Some(serde_json::Value::Number(token)) => Some(token.to_string()),
                _ => None,
            },
            _ => None,
        };
        IntegrationLink { token, raw }
    }
}

impl<'de> Deserialize<'de> for IntegrationLink {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(deserializer).map(IntegrationLink::from_raw)
    }
}

/// Serializes as [`IntegrationLink::raw`], the JSON it was read from.
impl Serialize for IntegrationLink {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}

crate::response::json_response!(IntegrationLink);

impl fmt::Debug for IntegrationLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let members: Vec<&str> = match &self.raw {
            serde_json::Value::Object(members) => members.keys().map(String::as_str).collect(),
            _ => Vec::new(),
        };
        f.debug_struct("IntegrationLink")
            .field("token", &self.token.as_ref().map(|_| REDACTED))
            .field("members", &members)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn installable_data_uses_camel_case_and_hides_the_secret() {
        let data: InstallableData = serde_json::from_value(json!({
            "capabilitiesUrl": "https://api.hipchat.com/v2/capabilities",
            "oauthId": "0d5a2c1e-8f32-4b4d-a3c3-2b5f1e3c9f11",
            "oauthSecret": "s3cr3t-s3cr3t",
            "groupId": 42,
            "roomId": "2251"
        }))
        .unwrap();
        assert_eq!(
            data.capabilities_url,
            "https://api.hipchat.com/v2/capabilities"
        );
        assert_eq!(data.oauth_id, "0d5a2c1e-8f32-4b4d-a3c3-2b5f1e3c9f11");
        assert_eq!(data.oauth_secret, "s3cr3t-s3cr3t");
        assert_eq!((data.group_id, data.room_id), (Some(42), Some(2251)));
        let shown = format!("{data:?}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("0d5a2c1e"), "{shown}");
        let back = serde_json::to_value(&data).unwrap();
        assert_eq!(back["oauthSecret"], "s3cr3t-s3cr3t");
        assert_eq!(back["roomId"], 2251);
    }

    #[test]
    fn installable_data_needs_the_oauth_client() {
        let global: InstallableData = serde_json::from_value(json!({
            "capabilitiesUrl": "https://chat.example.com/v2/capabilities",
            "oauthId": "id", "oauthSecret": "secret"
        }))
        .unwrap();
        assert_eq!((global.group_id, global.room_id), (None, None));
        assert!(
            serde_json::from_value::<InstallableData>(
                json!({"capabilitiesUrl": "x", "oauthId": "id"})
            )
            .is_err()
        );
    }

    #[test]
    fn integration_link_reads_the_token_where_it_can_and_keeps_the_rest() {
        let link: IntegrationLink =
            serde_json::from_value(json!({"token": "l1nk-t0k3n", "ttl": 300})).unwrap();
        assert_eq!(link.token.as_deref(), Some("l1nk-t0k3n"));
        assert_eq!(link.raw["ttl"], 300);
        let shown = format!("{link:?}");
        assert!(
            !shown.contains("l1nk-t0k3n") && shown.contains("ttl"),
            "{shown}"
        );
        assert_eq!(
            serde_json::to_value(&link).unwrap(),
            json!({"token": "l1nk-t0k3n", "ttl": 300})
        );

        let bare: IntegrationLink = serde_json::from_value(json!("bare-token")).unwrap();
        assert_eq!(bare.token.as_deref(), Some("bare-token"));
        let numeric: IntegrationLink = serde_json::from_value(json!({"token": 77})).unwrap();
        assert_eq!(numeric.token.as_deref(), Some("77"));
        let other: IntegrationLink =
            serde_json::from_value(json!({"link_token": "elsewhere"})).unwrap();
        assert_eq!(other.token, None);
        assert_eq!(other.raw["link_token"], "elsewhere");
    }
}
