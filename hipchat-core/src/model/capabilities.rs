//! The server's capabilities document (`GET /capabilities`): its API base URL, the scopes it
//! knows and its OAuth endpoints; and the JSON-Schema drafts the add-on descriptor schema
//! (`GET /capabilities/addon/schema`) can be asked for in.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use super::{Scope, de};

string_enum! {
    /// The JSON-Schema draft in which the add-on descriptor schema is returned (`draft`).
    pub enum SchemaDraft {
        /// JSON Schema draft 2.
        V2 => "v2",
        /// JSON Schema draft 4.
        V4 => "v4",
    }
}

/// A HipChat server's capabilities document.
///
/// An add-on should take the installing server's API base URL from here
/// ([`Capabilities::api_url`]) rather than hard-code it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Capabilities {
    /// The product name, `HipChat`.
    #[serde(default)]
    pub name: String,
    /// The product key, `hipchat`.
    #[serde(default)]
    pub key: String,
    /// A one-line description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Who makes the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<Vendor>,
    /// The Connect server API version (1).
    #[serde(
        default,
        deserialize_with = "de::option_u64_lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub connect_server_api_version: Option<u64>,
    /// Where the document, the API and the web site are.
    #[serde(default)]
    pub links: CapabilitiesLinks,
    /// What the server provides.
    #[serde(default)]
    pub capabilities: CapabilitySet,
}

impl Capabilities {
    /// The REST API base URL: `capabilities.hipchatApiProvider.url`, else `links.api`.
    pub fn api_url(&self) -> Option<&str> {
        self.capabilities
            .hipchat_api_provider
            .as_ref()
            .map(|provider| provider.url.as_str())
            .filter(|url| !url.is_empty())
            .or(self.links.api.as_deref())
    }
}

/// The `vendor` of a capabilities document: `{name, url}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Vendor {
    /// The vendor's name.
    #[serde(default)]
    pub name: String,
    /// The vendor's web site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The `links` of a capabilities document: `{self, api, homepage, subdomain}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CapabilitiesLinks {
    /// This document (wire name `self`).
    #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
    pub self_link: Option<String>,
    /// The REST API base URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api: Option<String>,
    /// The product home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
    /// The web site of the group's subdomain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdomain: Option<String>,
    /// Any other link, by name, exactly as received.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// The `capabilities` member of a capabilities document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CapabilitySet {
    /// The REST API the server provides (wire name `hipchatApiProvider`).
    #[serde(
        rename = "hipchatApiProvider",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub hipchat_api_provider: Option<HipChatApiProvider>,
    /// The server's OAuth 2 endpoints (wire name `oauth2Provider`).
    #[serde(
        rename = "oauth2Provider",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub oauth2_provider: Option<OAuth2Provider>,
    /// Any other capability, by name, exactly as received.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// The `hipchatApiProvider` capability: the API base URL and the scopes a token may ask for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HipChatApiProvider {
    /// The REST API base URL (advertised with a trailing slash on Cloud).
    #[serde(default)]
    pub url: String,
    /// The scopes the server knows, by scope id (wire name `availableScopes`).
    #[serde(
        rename = "availableScopes",
        default,
        deserialize_with = "de::null_as_default"
    )]
    pub available_scopes: BTreeMap<String, ScopeDescription>,
}

/// One entry of [`HipChatApiProvider::available_scopes`]: `{id, name, description}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScopeDescription {
    /// The scope.
    pub id: Scope,
    /// Its display name, such as `Send Notification`.
    #[serde(default)]
    pub name: String,
    /// What it grants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The `oauth2Provider` capability: where users authorize add-ons and where tokens are issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OAuth2Provider {
    /// The user authorization page (wire name `authorizationUrl`).
    #[serde(
        rename = "authorizationUrl",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub authorization_url: Option<String>,
    /// The token endpoint (wire name `tokenUrl`).
    #[serde(rename = "tokenUrl", default, skip_serializing_if = "Option::is_none")]
    pub token_url: Option<String>,
    /// Members this crate does not model, kept as received and sent back as they are.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CLOUD: &str = include_str!("../../tests/fixtures/hipchat-cloud-capabilities.json");

    #[test]
    fn decodes_the_hipchat_cloud_document() {
        let caps: Capabilities = serde_json::from_str(CLOUD).unwrap();
        assert_eq!(caps.name, "HipChat");
        assert_eq!(caps.key, "hipchat");
        assert_eq!(
            caps.description.as_deref(),
            Some("Group chat and IM built for teams")
        );
        let vendor = caps.vendor.as_ref().unwrap();
        assert_eq!(
            (vendor.name.as_str(), vendor.url.as_deref()),
            ("Atlassian", Some("http://atlassian.com"))
        );
        assert_eq!(caps.connect_server_api_version, Some(1));

        assert_eq!(
            caps.links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/capabilities")
        );
        assert_eq!(
            caps.links.api.as_deref(),
            Some("https://api.hipchat.com/v2")
        );
        assert_eq!(
            caps.links.homepage.as_deref(),
            Some("https://www.hipchat.com")
        );
        assert_eq!(
            caps.links.subdomain.as_deref(),
            Some("https://www.hipchat.com")
        );

        let api = caps.capabilities.hipchat_api_provider.as_ref().unwrap();
        assert_eq!(api.url, "https://api.hipchat.com/v2/");
        assert_eq!(caps.api_url(), Some("https://api.hipchat.com/v2/"));
        assert_eq!(api.available_scopes.len(), 9);
        for (key, scope) in &api.available_scopes {
            assert_eq!(key, scope.id.as_str());
            assert!(scope.id.is_known(), "{key}");
        }
        let notify = &api.available_scopes["send_notification"];
        assert_eq!(notify.id, Scope::SendNotification);
        assert_eq!(notify.name, "Send Notification");
        assert_eq!(
            notify.description.as_deref(),
            Some("Send room notifications")
        );

        let oauth = caps.capabilities.oauth2_provider.as_ref().unwrap();
        assert_eq!(
            oauth.authorization_url.as_deref(),
            Some("https://www.hipchat.com/users/authorize")
        );
        assert_eq!(
            oauth.token_url.as_deref(),
            Some("https://api.hipchat.com/v2/oauth/token")
        );
        assert!(caps.capabilities.other.is_empty());
    }

    #[test]
    fn round_trips_the_cloud_document_unchanged() {
        let caps: Capabilities = serde_json::from_str(CLOUD).unwrap();
        let original: serde_json::Value = serde_json::from_str(CLOUD).unwrap();
        assert_eq!(serde_json::to_value(&caps).unwrap(), original);
    }

    #[test]
    fn keeps_unknown_capabilities_and_falls_back_to_links_api() {
        let caps: Capabilities = serde_json::from_value(json!({
            "name": "HipChat", "key": "hipchat",
            "links": {"self": "https://chat.example.com/v2/capabilities", "api": "https://chat.example.com/v2"},
            "capabilities": {"webhook": [{"event": "room_message"}]}
        }))
        .unwrap();
        assert_eq!(caps.api_url(), Some("https://chat.example.com/v2"));
        assert_eq!(
            caps.capabilities.other["webhook"][0]["event"],
            json!("room_message")
        );
        assert_eq!(caps.capabilities.hipchat_api_provider, None);
    }
}
