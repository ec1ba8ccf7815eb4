//! The add-on capabilities descriptor that HipChat fetches from the add-on.
//!
//! A [`Descriptor`] is the JSON document an add-on serves at its `links.self` URL: who it is
//! (`key`, `name`, `description`, `vendor`), and what it does (`capabilities`: the API scopes
//! it consumes, its installation callbacks, its configuration page, and its webhooks, glances,
//! web panels, actions, dialogs and external pages). The module arrays use the extension types
//! of [`crate::model`] ([`ExtensionWebhook`], [`Glance`], [`WebPanel`], [`Action`],
//! [`Dialog`], [`ExternalPage`]), which are also the bodies of the REST extension methods.
//!
//! Build one with [`Descriptor::builder`], whose [`build`](DescriptorBuilder::build) checks it
//! against the official descriptor schema, or decode one with `serde_json` and check it with
//! [`Descriptor::validate`]. Members this crate does not model are kept in the `other` maps,
//! at every level where the schema allows extra members, and sent back as received.
//!
//! ```
//! use hipchat_core::addon::descriptor::{Descriptor, Installable, keyless_webhook};
//! use hipchat_core::model::{Scope, WebhookEvent};
//!
//! let descriptor = Descriptor::builder(
//!     "com.example.echo",
//!     "Echo",
//!     "Repeats what you say",
//!     "https://echo.example.com/descriptor",
//! )
//! .vendor("Example Inc.", "https://example.com")
//! .scopes([Scope::SendNotification])
//! .installable(
//!     Installable::new()
//!         .allow_global(false)
//!         .callback_url("https://echo.example.com/installed"),
//! )
//! .webhook(keyless_webhook("https://echo.example.com/echo", WebhookEvent::RoomMessage).pattern("^/echo"))
//! .build()?;
//!
//! assert_eq!(
//!     serde_json::to_value(&descriptor).unwrap(),
//!     serde_json::json!({
//!         "key": "com.example.echo",
//!         "name": "Echo",
//!         "description": "Repeats what you say",
//!         "links": {"self": "https://echo.example.com/descriptor"},
//!         "vendor": {"name": "Example Inc.", "url": "https://example.com"},
//!         "capabilities": {
//!             "hipchatApiConsumer": {"scopes": ["send_notification"]},
//!             "installable": {"allowGlobal": false, "callbackUrl": "https://echo.example.com/installed"},
//!             "webhook": [{"url": "https://echo.example.com/echo", "event": "room_message", "pattern": "^/echo"}]
//!         }
//!     })
//! );
//! # Ok::<(), hipchat_core::InvalidInput>(())
//! ```
//!
//! # What is checked
//!
//! [`Descriptor::validate`] (and so [`DescriptorBuilder::build`]) enforces the schema's
//! required members, lengths, patterns and enumerations, and a few rules the schema implies:
//!
//! * `key`, `name`, `description` and `links.self` are not empty; `vendor` has a non-empty
//!   `name` and `url` and no other member;
//! * `apiVersion` matches `^\d+:\d+$` (ASCII digits);
//! * every scope of `hipchatApiConsumer.scopes` is one of the nine scope ids; an object avatar
//!   has a non-empty `url` (and `url@2x`, when given);
//! * `configurable.authentication` is `jwt` or `none`;
//! * every module passes its own `validate` (key 1 to 40 characters of `[a-zA-Z0-9_.-]`,
//!   i18n texts 1 to 100 characters with keys of 1 to 40, enumerations, well-formed
//!   composite conditions), and in addition: module keys are unique within their kind (the
//!   schema calls them unique in the context of the integration); web panel locations, module
//!   `authentication`s, dialog styles and named sizes are known values; built-in conditions are
//!   the ones the schema allows for the module kind (`glance_matches` only in glances, the
//!   message and card conditions only in actions) and composites nest at most two levels; an
//!   external page has no member besides `key`, `name` and `url`;
//! * every URL member that is present is not empty (URLs are not otherwise parsed, so
//!   templates such as `${host}/installed` pass).
//!
//! Errors name the member by its wire path, such as `capabilities.hipchatApiConsumer.scopes[1]`
//! or `capabilities.webhook[0].url`.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::InvalidInput;
use crate::model::{
    Action, Authentication, BuiltinCondition, Condition, Dialog, DialogSize, ExtensionWebhook,
    ExternalPage, Glance, IconSet, OAuth2Provider, Scope, Vendor, WebPanel, WebPanelLocation,
    WebhookEvent,
};
use crate::validate::known;

/// Members this crate does not model, by wire name, kept as received.
pub type OtherMembers = BTreeMap<String, serde_json::Value>;

/// The API version a descriptor without `apiVersion` declares.
pub const DEFAULT_API_VERSION: &str = "1:1";

/// An add-on capabilities descriptor.
///
/// Serializes to exactly the wire document (camel-case names, no `null`s) and decodes any
/// document the schema accepts; unknown top-level members land in [`Descriptor::other`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Descriptor {
    /// The add-on's key, unique in the marketplace (for example `com.example.echo`).
    pub key: String,
    /// The display name.
    pub name: String,
    /// A short description.
    pub description: String,
    /// Where this descriptor and the add-on's home page are.
    pub links: DescriptorLinks,
    /// Who maintains the add-on: `{name, url}`, both required when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<Vendor>,
    /// The HipChat Connect API version used, `major:minor` (wire name `apiVersion`); HipChat
    /// assumes [`DEFAULT_API_VERSION`] when it is absent.
    #[serde(
        rename = "apiVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub api_version: Option<String>,
    /// What the add-on does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capabilities: Option<DescriptorCapabilities>,
    /// Top-level members this crate does not model, kept as received and sent back as they are.
    #[serde(flatten)]
    pub other: OtherMembers,
}

/// The `links` of a descriptor: `{self, homepage}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DescriptorLinks {
    /// The URL of this descriptor (wire name `self`).
    #[serde(rename = "self")]
    pub self_link: String,
    /// The add-on's human-readable home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
    /// Other links, kept as received.
    #[serde(flatten)]
    pub other: OtherMembers,
}

impl DescriptorLinks {
    /// Links with only the descriptor's own URL.
    pub fn new(self_link: impl Into<String>) -> Self {
        DescriptorLinks {
            self_link: self_link.into(),
            homepage: None,
            other: OtherMembers::new(),
        }
    }
}

/// The `capabilities` of a descriptor. Every member is optional; a module array that is
/// present stays present (even when empty) through a round trip.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DescriptorCapabilities {
    /// Use of the HipChat REST API: scopes, sender name and avatar (wire name
    /// `hipchatApiConsumer`).
    #[serde(
        rename = "hipchatApiConsumer",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub hipchat_api_consumer: Option<HipChatApiConsumer>,
    /// Installation callbacks and where the add-on may be installed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installable: Option<Installable>,
    /// A configuration page shown in a dialog.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub configurable: Option<Configurable>,
    /// A configuration page reached from the admin menu (wire name `adminPage`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_page: Option<AdminPage>,
    /// The add-on's own OAuth 2 endpoints (wire name `oauth2Provider`).
    #[serde(
        rename = "oauth2Provider",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub oauth2_provider: Option<OAuth2Provider>,
    /// The add-on's use of OAuth 2 against a remote system (wire name `oauth2Consumer`).
    #[serde(
        rename = "oauth2Consumer",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub oauth2_consumer: Option<OAuth2Consumer>,
    /// Webhooks (their `key` is optional here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook: Option<Vec<ExtensionWebhook>>,
    /// Glances in the sidebar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub glance: Option<Vec<Glance>>,
    /// Web panels (wire name `webPanel`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_panel: Option<Vec<WebPanel>>,
    /// Message and input actions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Vec<Action>>,
    /// Dialogs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dialog: Option<Vec<Dialog>>,
    /// External pages (wire name `externalPage`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_page: Option<Vec<ExternalPage>>,
    /// Capabilities this crate does not model, kept as received and sent back as they are.
    #[serde(flatten)]
    pub other: OtherMembers,
}

impl DescriptorCapabilities {
    /// No capabilities.
    pub fn new() -> Self {
        DescriptorCapabilities::default()
    }
}

/// The `hipchatApiConsumer` capability: the scopes the add-on's tokens need, and how its
/// notifications look.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HipChatApiConsumer {
    /// The scopes the add-on asks for at installation.
    pub scopes: Vec<Scope>,
    /// The sender name of the add-on's notifications (wire name `fromName`).
    #[serde(rename = "fromName", default, skip_serializing_if = "Option::is_none")]
    pub from_name: Option<String>,
    /// The image shown next to the add-on's notifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<Avatar>,
    /// Members this crate does not model, kept as received.
    #[serde(flatten)]
    pub other: OtherMembers,
}

impl HipChatApiConsumer {
    /// A consumer asking for `scopes`.
    pub fn new(scopes: impl IntoIterator<Item = Scope>) -> Self {
        HipChatApiConsumer {
            scopes: scopes.into_iter().collect(),
            from_name: None,
            avatar: None,
            other: OtherMembers::new(),
        }
    }

    /// Sets the sender name.
    pub fn from_name(mut self, from_name: impl Into<String>) -> Self {
        self.from_name = Some(from_name.into());
        self
    }

    /// Sets the avatar: a URL, or an [`AvatarIcon`].
    pub fn avatar(mut self, avatar: impl Into<Avatar>) -> Self {
        self.avatar = Some(avatar.into());
        self
    }
}

/// The avatar of a [`HipChatApiConsumer`]: a plain URL, or `{url, "url@2x"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Avatar {
    /// A single image URL.
    Url(String),
    /// An image with an optional double-resolution version.
    Icon(AvatarIcon),
}

impl From<&str> for Avatar {
    fn from(url: &str) -> Self {
        Avatar::Url(url.to_owned())
    }
}

impl From<String> for Avatar {
    fn from(url: String) -> Self {
        Avatar::Url(url)
    }
}

impl From<AvatarIcon> for Avatar {
    fn from(icon: AvatarIcon) -> Self {
        Avatar::Icon(icon)
    }
}

impl From<IconSet> for Avatar {
    fn from(icon: IconSet) -> Self {
        Avatar::Icon(AvatarIcon::new(icon.url).url_2x(icon.url_2x))
    }
}

/// The object form of an [`Avatar`]: `url` is required, `url@2x` is optional (unlike the
/// icons of glances and web panels).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AvatarIcon {
    /// The image URL, not empty.
    pub url: String,
    /// The image for high-density screens (wire name `url@2x`), not empty when given.
    #[serde(rename = "url@2x", default, skip_serializing_if = "Option::is_none")]
    pub url_2x: Option<String>,
    /// Members this crate does not model, kept as received.
    #[serde(flatten)]
    pub other: OtherMembers,
}

impl AvatarIcon {
    /// An avatar image at one resolution.
    pub fn new(url: impl Into<String>) -> Self {
        AvatarIcon {
            url: url.into(),
            url_2x: None,
            other: OtherMembers::new(),
        }
    }

    /// Sets the double-resolution image.
    pub fn url_2x(mut self, url_2x: impl Into<String>) -> Self {
        self.url_2x = Some(url_2x.into());
        self
    }
}

/// The `installable` capability: the installation callbacks, and where the add-on may be
/// installed (both default to true on the server).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Installable {
    /// Whether the add-on may be installed for the whole group (wire name `allowGlobal`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_global: Option<bool>,
    /// Whether the add-on may be installed in a room (wire name `allowRoom`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_room: Option<bool>,
    /// Receives the installation POST (`oauthId`, `oauthSecret`, `capabilitiesUrl`,
    /// `roomId`); the installation succeeds only if it answers 200 (wire name `callbackUrl`).
    /// HipChat sends the uninstallation as a DELETE to this URL followed by the installation's
    /// id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// Receives the update POST (wire name `updateCallbackUrl`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_callback_url: Option<String>,
    /// Where the browser goes after an installation (wire name `installedUrl`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installed_url: Option<String>,
    /// Where the browser goes after an update (wire name `updatedUrl`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_url: Option<String>,
    /// Where the browser goes after an uninstallation (wire name `uninstalledUrl`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uninstalled_url: Option<String>,
    /// Members this crate does not model, kept as received.
    #[serde(flatten)]
    pub other: OtherMembers,
}

impl Installable {
    /// Nothing set: installable anywhere, with no callbacks.
    pub fn new() -> Self {
        Installable::default()
    }

    /// Allows or forbids global installation.
    pub fn allow_global(mut self, allow: bool) -> Self {
        self.allow_global = Some(allow);
        self
    }

    /// Allows or forbids installation in a room.
    pub fn allow_room(mut self, allow: bool) -> Self {
        self.allow_room = Some(allow);
        self
    }

    /// Sets the installation callback.
    pub fn callback_url(mut self, url: impl Into<String>) -> Self {
        self.callback_url = Some(url.into());
        self
    }

    /// Sets the update callback.
    pub fn update_callback_url(mut self, url: impl Into<String>) -> Self {
        self.update_callback_url = Some(url.into());
        self
    }

    /// Sets the page shown after an installation.
    pub fn installed_url(mut self, url: impl Into<String>) -> Self {
        self.installed_url = Some(url.into());
        self
    }

    /// Sets the page shown after an update.
    pub fn updated_url(mut self, url: impl Into<String>) -> Self {
        self.updated_url = Some(url.into());
        self
    }

    /// Sets the page shown after an uninstallation.
    pub fn uninstalled_url(mut self, url: impl Into<String>) -> Self {
        self.uninstalled_url = Some(url.into());
        self
    }
}

/// The `configurable` capability: a configuration page HipChat embeds in a dialog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Configurable {
    /// The page URL.
    pub url: String,
    /// How HipChat authenticates the page request; the server's default is JWT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication: Option<Authentication>,
    /// For a global installation, whether room admins may open the page too (wire name
    /// `allowAccessToRoomAdmins`; the server's default is false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_access_to_room_admins: Option<bool>,
    /// Members this crate does not model, kept as received.
    #[serde(flatten)]
    pub other: OtherMembers,
}

impl Configurable {
    /// A configuration page at `url`.
    pub fn new(url: impl Into<String>) -> Self {
        Configurable {
            url: url.into(),
            authentication: None,
            allow_access_to_room_admins: None,
            other: OtherMembers::new(),
        }
    }

    /// Sets how HipChat authenticates the page request.
    pub fn authentication(mut self, authentication: Authentication) -> Self {
        self.authentication = Some(authentication);
        self
    }

    /// Lets room admins of a global installation open the page.
    pub fn allow_access_to_room_admins(mut self, allow: bool) -> Self {
        self.allow_access_to_room_admins = Some(allow);
        self
    }
}

/// The `adminPage` capability: a configuration page reached from the admin menu.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminPage {
    /// The page URL.
    pub url: String,
    /// Members this crate does not model, kept as received.
    #[serde(flatten)]
    pub other: OtherMembers,
}

impl AdminPage {
    /// An admin page at `url`.
    pub fn new(url: impl Into<String>) -> Self {
        AdminPage {
            url: url.into(),
            other: OtherMembers::new(),
        }
    }
}

/// The `oauth2Consumer` capability: the URLs a remote system may redirect to after issuing an
/// authorization code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OAuth2Consumer {
    /// The allowed redirection URLs (wire name `redirectionUrls`).
    #[serde(rename = "redirectionUrls")]
    pub redirection_urls: Vec<String>,
    /// Members this crate does not model, kept as received.
    #[serde(flatten)]
    pub other: OtherMembers,
}

impl OAuth2Consumer {
    /// A consumer allowing `urls`.
    pub fn new<U: Into<String>>(urls: impl IntoIterator<Item = U>) -> Self {
        OAuth2Consumer {
            redirection_urls: urls.into_iter().map(Into::into).collect(),
            other: OtherMembers::new(),
        }
    }
}

/// A webhook for a descriptor, where the `key` may be left out (the REST extension methods,
/// by contrast, need one: use [`ExtensionWebhook::new`] there).
pub fn keyless_webhook(url: impl Into<String>, event: WebhookEvent) -> ExtensionWebhook {
    let mut webhook = ExtensionWebhook::new(String::new(), url, event);
    webhook.key = None;
    webhook
}

impl Descriptor {
    /// Starts a descriptor with its required members: the add-on `key`, its `name`, its
    /// `description` and the URL the descriptor is served at (`links.self`).
    pub fn builder(
        key: impl Into<String>,
        name: impl Into<String>,
        description: impl Into<String>,
        self_url: impl Into<String>,
    ) -> DescriptorBuilder {
        DescriptorBuilder {
            descriptor: Descriptor {
                key: key.into(),
                name: name.into(),
                description: description.into(),
                links: DescriptorLinks::new(self_url),
                vendor: None,
                api_version: None,
                capabilities: None,
                other: OtherMembers::new(),
            },
        }
    }

    /// The declared API version, or [`DEFAULT_API_VERSION`] when there is none.
    pub fn api_version(&self) -> &str {
        self.api_version.as_deref().unwrap_or(DEFAULT_API_VERSION)
    }

    /// The scopes of `capabilities.hipchatApiConsumer`; empty when the add-on does not use the
    /// API.
    pub fn scopes(&self) -> &[Scope] {
        self.capabilities
            .as_ref()
            .and_then(|caps| caps.hipchat_api_consumer.as_ref())
            .map_or(&[], |consumer| &consumer.scopes)
    }

    /// Checks the descriptor against the schema's required members and limits (see the
    /// [module documentation](self) for the full list). The error names the first member at
    /// fault by its wire path, such as `capabilities.webhook[0].url`.
    pub fn validate(&self) -> Result<(), InvalidInput> {
        required("key", &self.key)?;
        required("name", &self.name)?;
        required("description", &self.description)?;
        required("links.self", &self.links.self_link)?;
        optional_url("links.homepage", self.links.homepage.as_deref())?;
        if let Some(vendor) = &self.vendor {
            required("vendor.name", &vendor.name)?;
            match &vendor.url {
                Some(url) => required("vendor.url", url)?,
                None => return Err(InvalidInput::new("vendor.url", "is required")),
            }
        }
        if let Some(version) = &self.api_version {
            check_api_version(version)?;
        }
        check_not_modeled("", &self.other, TOP_LEVEL_MEMBERS)?;
        if let Some(capabilities) = &self.capabilities {
            capabilities.validate()?;
        }
        Ok(())
    }
}

impl DescriptorCapabilities {
    fn validate(&self) -> Result<(), InvalidInput> {
        check_not_modeled("capabilities.", &self.other, CAPABILITY_MEMBERS)?;
        if let Some(consumer) = &self.hipchat_api_consumer {
            consumer.validate("capabilities.hipchatApiConsumer")?;
        }
        if let Some(installable) = &self.installable {
            let field = |name: &str| format!("capabilities.installable.{name}");
            for (name, url) in [
                ("callbackUrl", &installable.callback_url),
                ("updateCallbackUrl", &installable.update_callback_url),
                ("installedUrl", &installable.installed_url),
                ("updatedUrl", &installable.updated_url),
                ("uninstalledUrl", &installable.uninstalled_url),
            ] {
                optional_url(&field(name), url.as_deref())?;
            }
        }
        if let Some(configurable) = &self.configurable {
            required("capabilities.configurable.url", &configurable.url)?;
            check_authentication(
                "capabilities.configurable.authentication",
                configurable.authentication.as_ref(),
            )?;
        }
        if let Some(admin_page) = &self.admin_page {
            required("capabilities.adminPage.url", &admin_page.url)?;
        }
        if let Some(provider) = &self.oauth2_provider {
            optional_url(
                "capabilities.oauth2Provider.authorizationUrl",
                provider.authorization_url.as_deref(),
            )?;
            optional_url(
                "capabilities.oauth2Provider.tokenUrl",
                provider.token_url.as_deref(),
            )?;
        }
        if let Some(consumer) = &self.oauth2_consumer {
            for (i, url) in consumer.redirection_urls.iter().enumerate() {
                required(
                    &format!("capabilities.oauth2Consumer.redirectionUrls[{i}]"),
                    url,
                )?;
            }
        }
        check_modules(
            self.webhook.as_deref(),
            "webhook",
            ExtensionWebhook::validate,
            |w| w.key.as_deref(),
            |_, _| Ok(()),
        )?;
        check_modules(
            self.glance.as_deref(),
            "glance",
            Glance::validate,
            |g| Some(g.key.as_str()),
            |field, g| {
                check_condition_tree(
                    &format!("{field}.conditions"),
                    &g.conditions,
                    GLANCE_CONDITIONS,
                    "a glance",
                    0,
                )
            },
        )?;
        check_modules(
            self.web_panel.as_deref(),
            "webPanel",
            WebPanel::validate,
            |p| Some(p.key.as_str()),
            |field, panel| {
                required(&format!("{field}.url"), &panel.url)?;
                known(
                    &format!("{field}.location"),
                    &panel.location,
                    panel.location.is_known(),
                    WebPanelLocation::KNOWN,
                )?;
                check_authentication(
                    &format!("{field}.authentication"),
                    panel.authentication.as_ref(),
                )?;
                if let Some(icon) = &panel.icon {
                    required(&format!("{field}.icon.url"), &icon.url)?;
                    required(&format!("{field}.icon.url@2x"), &icon.url_2x)?;
                }
                check_condition_tree(
                    &format!("{field}.conditions"),
                    &panel.conditions,
                    COMMON_CONDITIONS,
                    "a web panel",
                    0,
                )
            },
        )?;
        check_modules(
            self.action.as_deref(),
            "action",
            Action::validate,
            |a| Some(a.key.as_str()),
            |field, a| {
                check_condition_tree(
                    &format!("{field}.conditions"),
                    &a.conditions,
                    ACTION_CONDITIONS,
                    "an action",
                    0,
                )
            },
        )?;
        check_modules(
            self.dialog.as_deref(),
            "dialog",
            Dialog::validate,
            |d| Some(d.key.as_str()),
            |field, dialog| {
                required(&format!("{field}.url"), &dialog.url)?;
                check_authentication(
                    &format!("{field}.authentication"),
                    dialog.authentication.as_ref(),
                )?;
                if let Some(options) = &dialog.options {
                    if let Some(style) = &options.style {
                        known(
                            &format!("{field}.options.style"),
                            style,
                            style.is_known(),
                            crate::model::DialogStyle::KNOWN,
                        )?;
                    }
                    if let Some(DialogSize::Named(size)) = &options.size {
                        known(
                            &format!("{field}.options.size"),
                            size,
                            size.is_known(),
                            crate::model::NamedDialogSize::KNOWN,
                        )?;
                    }
                }
                Ok(())
            },
        )?;
        check_modules(
            self.external_page.as_deref(),
            "externalPage",
            ExternalPage::validate,
            |p| Some(p.key.as_str()),
            |field, page| {
                required(&format!("{field}.url"), &page.url)?;
                match page.other.keys().next() {
                    Some(name) => Err(InvalidInput::new(
                        format!("{field}.{name}"),
                        "is not allowed: an external page has only key, name and url",
                    )),
                    None => Ok(()),
                }
            },
        )
    }
}

impl HipChatApiConsumer {
    fn validate(&self, field: &str) -> Result<(), InvalidInput> {
        for (i, scope) in self.scopes.iter().enumerate() {
            known(
                &format!("{field}.scopes[{i}]"),
                scope,
                scope.is_known(),
                Scope::KNOWN,
            )?;
        }
        match &self.avatar {
            None => Ok(()),
            Some(Avatar::Url(url)) => required(&format!("{field}.avatar"), url),
            Some(Avatar::Icon(icon)) => {
                required(&format!("{field}.avatar.url"), &icon.url)?;
                optional_url(&format!("{field}.avatar.url@2x"), icon.url_2x.as_deref())
            }
        }
    }
}

/// The wire names of the modeled top-level members.
const TOP_LEVEL_MEMBERS: &[&str] = &[
    "key",
    "name",
    "description",
    "links",
    "vendor",
    "apiVersion",
    "capabilities",
];

/// The wire names of the modeled capabilities.
const CAPABILITY_MEMBERS: &[&str] = &[
    "hipchatApiConsumer",
    "installable",
    "configurable",
    "adminPage",
    "oauth2Provider",
    "oauth2Consumer",
    "webhook",
    "glance",
    "webPanel",
    "action",
    "dialog",
    "externalPage",
];

/// An `other` map must not hold a member that has its own field: it would be sent twice.
fn check_not_modeled(
    prefix: &str,
    other: &OtherMembers,
    modeled: &[&str],
) -> Result<(), InvalidInput> {
    match other.keys().find(|name| modeled.contains(&name.as_str())) {
        Some(name) => Err(InvalidInput::new(
            format!("{prefix}{name}"),
            "is a modeled member: set its field, not an extra member of the same name",
        )),
        None => Ok(()),
    }
}

/// The built-in conditions every module kind may use.
const COMMON_CONDITIONS: &[BuiltinCondition] = &[
    BuiltinCondition::RoomIsPublic,
    BuiltinCondition::UserIsAdmin,
    BuiltinCondition::UserIsGuest,
    BuiltinCondition::UserIsRoomOwner,
];

/// The built-in conditions of actions.
const ACTION_CONDITIONS: &[BuiltinCondition] = &[
    BuiltinCondition::RoomIsPublic,
    BuiltinCondition::UserIsAdmin,
    BuiltinCondition::UserIsGuest,
    BuiltinCondition::UserIsRoomOwner,
    BuiltinCondition::MessageMatches,
    BuiltinCondition::MessageContainsLink,
    BuiltinCondition::MessageSentByCurrentUser,
    BuiltinCondition::CardMatches,
];

/// The built-in conditions of glances.
const GLANCE_CONDITIONS: &[BuiltinCondition] = &[
    BuiltinCondition::RoomIsPublic,
    BuiltinCondition::UserIsAdmin,
    BuiltinCondition::UserIsGuest,
    BuiltinCondition::UserIsRoomOwner,
    BuiltinCondition::GlanceMatches,
];

/// How deep composite conditions may nest: a composite inside a composite may hold only
/// simple conditions.
const MAX_CONDITION_NESTING: usize = 2;

/// Checks the built-in conditions of a module kind and the nesting depth of composites.
fn check_condition_tree(
    field: &str,
    conditions: &[Condition],
    allowed: &[BuiltinCondition],
    module: &str,
    depth: usize,
) -> Result<(), InvalidInput> {
    for (i, condition) in conditions.iter().enumerate() {
        let here = format!("{field}[{i}]");
        match condition {
            Condition::Simple(simple) => {
                if !allowed.contains(&simple.condition) {
                    let names: Vec<&str> = allowed.iter().map(BuiltinCondition::as_str).collect();
                    return Err(InvalidInput::new(
                        format!("{here}.condition"),
                        format!(
                            "must be one of {} in {module} (got {:?})",
                            names.join(", "),
                            simple.condition.as_str()
                        ),
                    ));
                }
            }
            Condition::Composite(composite) => {
                if depth >= MAX_CONDITION_NESTING {
                    return Err(InvalidInput::new(
                        here,
                        format!(
                            "composite conditions nest at most {MAX_CONDITION_NESTING} levels deep"
                        ),
                    ));
                }
                check_condition_tree(
                    &format!("{here}.conditions"),
                    &composite.conditions,
                    allowed,
                    module,
                    depth + 1,
                )?;
            }
        }
    }
    Ok(())
}

/// Runs a module kind's own `validate` (its error renamed from `<kind>.x` to
/// `capabilities.<kind>[i].x`), the descriptor-only checks `extra`, and the uniqueness of keys.
fn check_modules<T>(
    modules: Option<&[T]>,
    kind: &str,
    validate: impl Fn(&T) -> Result<(), InvalidInput>,
    key: impl Fn(&T) -> Option<&str>,
    extra: impl Fn(&str, &T) -> Result<(), InvalidInput>,
) -> Result<(), InvalidInput> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, module) in modules.unwrap_or_default().iter().enumerate() {
        let field = format!("capabilities.{kind}[{i}]");
        validate(module).map_err(|err| rename_module_error(kind, &field, &err))?;
        extra(&field, module)?;
        if let Some(key) = key(module) {
            if let Some(first) = seen.insert(key, i) {
                return Err(InvalidInput::new(
                    format!("{field}.key"),
                    format!("must be unique: capabilities.{kind}[{first}] has the key {key:?} too"),
                ));
            }
        }
    }
    Ok(())
}

/// `webhook.url` becomes `<field>.url`; a field without the module prefix is appended whole.
fn rename_module_error(kind: &str, field: &str, err: &InvalidInput) -> InvalidInput {
    let inner = err.field();
    let renamed = match inner.strip_prefix(kind) {
        Some(rest) if rest.is_empty() || rest.starts_with(['.', '[']) => format!("{field}{rest}"),
        _ => format!("{field}.{inner}"),
    };
    InvalidInput::new(renamed, err.rule())
}

fn required(field: &str, value: &str) -> Result<(), InvalidInput> {
    if value.is_empty() {
        Err(InvalidInput::new(
            field,
            "is required and must not be empty",
        ))
    } else {
        Ok(())
    }
}

fn optional_url(field: &str, value: Option<&str>) -> Result<(), InvalidInput> {
    match value {
        Some("") => Err(InvalidInput::new(field, "must not be empty when present")),
        _ => Ok(()),
    }
}

fn check_authentication(
    field: &str,
    authentication: Option<&Authentication>,
) -> Result<(), InvalidInput> {
    match authentication {
        Some(authentication) => known(
            field,
            authentication,
            authentication.is_known(),
            Authentication::KNOWN,
        ),
        None => Ok(()),
    }
}

/// `apiVersion` must match `^\d+:\d+$`, with ASCII digits.
fn check_api_version(version: &str) -> Result<(), InvalidInput> {
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    match version.split_once(':') {
        Some((major, minor)) if digits(major) && digits(minor) => Ok(()),
        _ => Err(InvalidInput::new(
            "apiVersion",
            format!("must match ^\\d+:\\d+$, such as \"1:1\" (got {version:?})"),
        )),
    }
}

/// Builds a [`Descriptor`]; [`build`](DescriptorBuilder::build) validates it.
///
/// Setters of list members (`scope`, `webhook`, `glance`, ...) append; the others replace.
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct DescriptorBuilder {
    descriptor: Descriptor,
}

impl DescriptorBuilder {
    fn capabilities(&mut self) -> &mut DescriptorCapabilities {
        self.descriptor
            .capabilities
            .get_or_insert_with(DescriptorCapabilities::default)
    }

    fn consumer(&mut self) -> &mut HipChatApiConsumer {
        self.capabilities()
            .hipchat_api_consumer
            .get_or_insert_with(|| HipChatApiConsumer::new([]))
    }

    /// Sets the add-on's home page (`links.homepage`).
    pub fn homepage(mut self, url: impl Into<String>) -> Self {
        self.descriptor.links.homepage = Some(url.into());
        self
    }

    /// Sets the vendor's name and home page.
    pub fn vendor(mut self, name: impl Into<String>, url: impl Into<String>) -> Self {
        self.descriptor.vendor = Some(Vendor {
            name: name.into(),
            url: Some(url.into()),
        });
        self
    }

    /// Sets the Connect API version, `major:minor` such as `1:1`.
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.descriptor.api_version = Some(version.into());
        self
    }

    /// Adds an API scope (`capabilities.hipchatApiConsumer.scopes`).
    pub fn scope(mut self, scope: Scope) -> Self {
        self.consumer().scopes.push(scope);
        self
    }

    /// Adds API scopes.
    pub fn scopes(mut self, scopes: impl IntoIterator<Item = Scope>) -> Self {
        self.consumer().scopes.extend(scopes);
        self
    }

    /// Sets the sender name of the add-on's notifications
    /// (`capabilities.hipchatApiConsumer.fromName`).
    pub fn from_name(mut self, from_name: impl Into<String>) -> Self {
        self.consumer().from_name = Some(from_name.into());
        self
    }

    /// Sets the avatar of the add-on's notifications: a URL, an [`AvatarIcon`] or an
    /// [`IconSet`] (`capabilities.hipchatApiConsumer.avatar`).
    pub fn avatar(mut self, avatar: impl Into<Avatar>) -> Self {
        self.consumer().avatar = Some(avatar.into());
        self
    }

    /// Sets the installation callbacks (`capabilities.installable`).
    pub fn installable(mut self, installable: Installable) -> Self {
        self.capabilities().installable = Some(installable);
        self
    }

    /// Sets the configuration page (`capabilities.configurable`).
    pub fn configurable(mut self, configurable: Configurable) -> Self {
        self.capabilities().configurable = Some(configurable);
        self
    }

    /// Sets the admin page (`capabilities.adminPage`).
    pub fn admin_page(mut self, url: impl Into<String>) -> Self {
        self.capabilities().admin_page = Some(AdminPage::new(url));
        self
    }

    /// Sets the add-on's own OAuth 2 endpoints (`capabilities.oauth2Provider`).
    pub fn oauth2_provider(
        mut self,
        authorization_url: impl Into<String>,
        token_url: impl Into<String>,
    ) -> Self {
        self.capabilities().oauth2_provider = Some(OAuth2Provider {
            authorization_url: Some(authorization_url.into()),
            token_url: Some(token_url.into()),
            other: Default::default(),
        });
        self
    }

    /// Adds a redirection URL to `capabilities.oauth2Consumer.redirectionUrls`.
    pub fn redirection_url(mut self, url: impl Into<String>) -> Self {
        self.capabilities()
            .oauth2_consumer
            .get_or_insert_with(|| OAuth2Consumer::new(Vec::<String>::new()))
            .redirection_urls
            .push(url.into());
        self
    }

    /// Adds a webhook; its key may be left out (see [`keyless_webhook`]).
    pub fn webhook(mut self, webhook: ExtensionWebhook) -> Self {
        self.capabilities()
            .webhook
            .get_or_insert_with(Vec::new)
            .push(webhook);
        self
    }

    /// Adds a glance.
    pub fn glance(mut self, glance: Glance) -> Self {
        self.capabilities()
            .glance
            .get_or_insert_with(Vec::new)
            .push(glance);
        self
    }

    /// Adds a web panel.
    pub fn web_panel(mut self, web_panel: WebPanel) -> Self {
        self.capabilities()
            .web_panel
            .get_or_insert_with(Vec::new)
            .push(web_panel);
        self
    }

    /// Adds an action.
    pub fn action(mut self, action: Action) -> Self {
        self.capabilities()
            .action
            .get_or_insert_with(Vec::new)
            .push(action);
        self
    }

    /// Adds a dialog.
    pub fn dialog(mut self, dialog: Dialog) -> Self {
        self.capabilities()
            .dialog
            .get_or_insert_with(Vec::new)
            .push(dialog);
        self
    }

    /// Adds an external page.
    pub fn external_page(mut self, page: ExternalPage) -> Self {
        self.capabilities()
            .external_page
            .get_or_insert_with(Vec::new)
            .push(page);
        self
    }

    /// Sets a capability this crate does not model, by wire name.
    pub fn capability(
        mut self,
        name: impl Into<String>,
        value: impl Into<serde_json::Value>,
    ) -> Self {
        self.capabilities().other.insert(name.into(), value.into());
        self
    }

    /// Sets a top-level member this crate does not model, by wire name (the schema allows
    /// extra top-level members).
    pub fn member(mut self, name: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.descriptor.other.insert(name.into(), value.into());
        self
    }

    /// Validates the descriptor (see [`Descriptor::validate`]) and returns it.
    pub fn build(self) -> Result<Descriptor, InvalidInput> {
        self.descriptor.validate()?;
        Ok(self.descriptor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        ActionLocation, CompositeCondition, ConditionOperator, DialogButton, DialogFilter,
        DialogOptions, DialogStyle, I18n, ModuleTarget, NamedDialogSize, SimpleCondition,
    };
    use serde_json::{Value, json};

    const EXAMPLE: &str = include_str!("../../tests/fixtures/example-addon-descriptor.json");
    const SCHEMA: &str = include_str!("../../tests/fixtures/addon-capabilities.schema.json");

    const BASE: &str = "https://addon.example.com";

    fn url(path: &str) -> String {
        format!("{BASE}{path}")
    }

    fn decode(value: Value) -> Descriptor {
        serde_json::from_value(value).expect("decodes")
    }

    /// A descriptor using every member the schema defines, built with typed setters only.
    fn full_builder() -> DescriptorBuilder {
        Descriptor::builder(
            "com.example.full",
            "Full",
            "Every capability",
            url("/descriptor"),
        )
        .homepage(url("/"))
        .vendor("Example Inc.", "https://example.com")
        .api_version("1:1")
        .scopes([Scope::SendNotification, Scope::ViewRoom])
        .from_name("Full Bot")
        .avatar(
            AvatarIcon::new("https://cdn.example.com/a.png")
                .url_2x("https://cdn.example.com/a@2x.png"),
        )
        .installable(
            Installable::new()
                .allow_global(true)
                .allow_room(false)
                .callback_url(url("/installed"))
                .update_callback_url(url("/update"))
                .installed_url(url("/welcome"))
                .updated_url(url("/updated"))
                .uninstalled_url(url("/goodbye")),
        )
        .configurable(
            Configurable::new(url("/configure"))
                .authentication(Authentication::Jwt)
                .allow_access_to_room_admins(true),
        )
        .admin_page(url("/admin"))
        .oauth2_provider(url("/authorize"), url("/token"))
        .redirection_url(url("/oauth/callback"))
        .redirection_url(url("/oauth/callback2"))
        .webhook(
            ExtensionWebhook::new("echo", url("/echo"), WebhookEvent::RoomMessage)
                .name("Echo")
                .pattern("^/echo")
                .authentication(Authentication::Jwt),
        )
        .webhook(keyless_webhook(url("/enter"), WebhookEvent::RoomEnter))
        .glance(
            Glance::new(
                "full.glance",
                I18n::new("Status").i18n("status"),
                IconSet::new(
                    "https://cdn.example.com/g.png",
                    "https://cdn.example.com/g@2x.png",
                ),
            )
            .query_url(url("/glance"))
            .target("full.sidebar")
            .weight(10)
            .condition(Condition::or([
                BuiltinCondition::RoomIsPublic.into(),
                SimpleCondition::new(BuiltinCondition::GlanceMatches)
                    .param("attr", "failing")
                    .param("eq", 0)
                    .invert(true)
                    .into(),
            ])),
        )
        .web_panel(
            WebPanel::new(
                "full.sidebar",
                I18n::new("Sidebar").i18n("sidebar"),
                WebPanelLocation::SidebarRight,
                url("/sidebar"),
            )
            .authentication(Authentication::None)
            .icon(IconSet::new(
                "https://cdn.example.com/p.png",
                "https://cdn.example.com/p@2x.png",
            ))
            .weight(20)
            .condition(BuiltinCondition::UserIsRoomOwner),
        )
        .action(
            Action::new(
                "full.action",
                I18n::new("Open").i18n("open"),
                ActionLocation::MessageAction,
                ModuleTarget::with_options(
                    "full.dialog",
                    json!({"size": "small"}).as_object().unwrap().clone(),
                ),
            )
            .weight(30)
            .condition(BuiltinCondition::MessageContainsLink),
        )
        .dialog(
            Dialog::new(
                "full.dialog",
                I18n::new("Dialog").i18n("dialog"),
                url("/dialog"),
            )
            .authentication(Authentication::Jwt)
            .options(
                DialogOptions::new()
                    .style(DialogStyle::Warning)
                    .primary_action(
                        DialogButton::new(I18n::new("OK").i18n("ok"))
                            .key("ok")
                            .enabled(true),
                    )
                    .secondary_action(
                        DialogButton::new(I18n::new("Later").i18n("later"))
                            .key("later")
                            .enabled(false),
                    )
                    .size(NamedDialogSize::Large)
                    .hint(I18n::new("A hint").i18n("hint"))
                    .filter(DialogFilter::new(I18n::new("Filter").i18n("filter"))),
            ),
        )
        .external_page(
            ExternalPage::new("full.page", url("/page")).name(I18n::new("Docs").i18n("docs")),
        )
    }

    fn full() -> Descriptor {
        full_builder()
            .build()
            .expect("the full descriptor is valid")
    }

    fn full_json() -> Value {
        json!({
            "key": "com.example.full",
            "name": "Full",
            "description": "Every capability",
            "links": {"self": "https://addon.example.com/descriptor", "homepage": "https://addon.example.com/"},
            "vendor": {"name": "Example Inc.", "url": "https://example.com"},
            "apiVersion": "1:1",
            "capabilities": {
                "hipchatApiConsumer": {
                    "scopes": ["send_notification", "view_room"],
                    "fromName": "Full Bot",
                    "avatar": {"url": "https://cdn.example.com/a.png", "url@2x": "https://cdn.example.com/a@2x.png"}
                },
                "installable": {
                    "allowGlobal": true,
                    "allowRoom": false,
                    "callbackUrl": "https://addon.example.com/installed",
                    "updateCallbackUrl": "https://addon.example.com/update",
                    "installedUrl": "https://addon.example.com/welcome",
                    "updatedUrl": "https://addon.example.com/updated",
                    "uninstalledUrl": "https://addon.example.com/goodbye"
                },
                "configurable": {
                    "url": "https://addon.example.com/configure",
                    "authentication": "jwt",
                    "allowAccessToRoomAdmins": true
                },
                "adminPage": {"url": "https://addon.example.com/admin"},
                "oauth2Provider": {
                    "authorizationUrl": "https://addon.example.com/authorize",
                    "tokenUrl": "https://addon.example.com/token"
                },
                "oauth2Consumer": {
                    "redirectionUrls": [
                        "https://addon.example.com/oauth/callback",
                        "https://addon.example.com/oauth/callback2"
                    ]
                },
                "webhook": [
                    {
                        "key": "echo",
                        "url": "https://addon.example.com/echo",
                        "event": "room_message",
                        "name": "Echo",
                        "pattern": "^/echo",
                        "authentication": "jwt"
                    },
                    {"url": "https://addon.example.com/enter", "event": "room_enter"}
                ],
                "glance": [{
                    "key": "full.glance",
                    "name": {"value": "Status", "i18n": "status"},
                    "icon": {"url": "https://cdn.example.com/g.png", "url@2x": "https://cdn.example.com/g@2x.png"},
                    "queryUrl": "https://addon.example.com/glance",
                    "target": "full.sidebar",
                    "weight": 10,
                    "conditions": [{"type": "or", "conditions": [
                        {"condition": "room_is_public"},
                        {"condition": "glance_matches", "params": {"attr": "failing", "eq": 0}, "invert": true}
                    ]}]
                }],
                "webPanel": [{
                    "key": "full.sidebar",
                    "name": {"value": "Sidebar", "i18n": "sidebar"},
                    "location": "hipchat.sidebar.right",
                    "url": "https://addon.example.com/sidebar",
                    "authentication": "none",
                    "icon": {"url": "https://cdn.example.com/p.png", "url@2x": "https://cdn.example.com/p@2x.png"},
                    "weight": 20,
                    "conditions": [{"condition": "user_is_room_owner"}]
                }],
                "action": [{
                    "key": "full.action",
                    "name": {"value": "Open", "i18n": "open"},
                    "location": "hipchat.message.action",
                    "target": {"key": "full.dialog", "options": {"size": "small"}},
                    "weight": 30,
                    "conditions": [{"condition": "message_contains_link"}]
                }],
                "dialog": [{
                    "key": "full.dialog",
                    "title": {"value": "Dialog", "i18n": "dialog"},
                    "url": "https://addon.example.com/dialog",
                    "authentication": "jwt",
                    "options": {
                        "style": "warning",
                        "primaryAction": {"name": {"value": "OK", "i18n": "ok"}, "key": "ok", "enabled": true},
                        "secondaryActions": [
                            {"name": {"value": "Later", "i18n": "later"}, "key": "later", "enabled": false}
                        ],
                        "size": "large",
                        "hint": {"value": "A hint", "i18n": "hint"},
                        "filter": {"placeholder": {"value": "Filter", "i18n": "filter"}}
                    }
                }],
                "externalPage": [{
                    "key": "full.page",
                    "name": {"value": "Docs", "i18n": "docs"},
                    "url": "https://addon.example.com/page"
                }]
            }
        })
    }

    #[test]
    fn example_descriptor_round_trip_is_lossless() {
        let wire: Value = serde_json::from_str(EXAMPLE).unwrap();
        let descriptor: Descriptor = serde_json::from_str(EXAMPLE).unwrap();
        assert_eq!(serde_json::to_value(&descriptor).unwrap(), wire);

        // The `${host}` templates are plain strings: they decode and pass validation.
        assert_eq!(descriptor.key, "serverless-hipchat-boilerplate");
        assert_eq!(descriptor.links.self_link, "${host}/descriptor");
        assert_eq!(
            descriptor.links.homepage.as_deref(),
            Some("${staticAssetsHost}/index.html")
        );
        let vendor = descriptor.vendor.as_ref().unwrap();
        assert_eq!(
            (vendor.name.as_str(), vendor.url.as_deref()),
            ("GorillaStack", Some("http://www.gorillastack.com"))
        );
        assert_eq!(descriptor.api_version, None);
        assert_eq!(descriptor.api_version(), "1:1");
        assert_eq!(
            descriptor.scopes(),
            [Scope::SendNotification, Scope::ViewRoom]
        );
        let caps = descriptor.capabilities.as_ref().unwrap();
        let consumer = caps.hipchat_api_consumer.as_ref().unwrap();
        assert_eq!(consumer.from_name.as_deref(), Some("Sample Add-on"));
        assert_eq!(consumer.avatar, None);
        let installable = caps.installable.as_ref().unwrap();
        assert_eq!(
            installable.callback_url.as_deref(),
            Some("${host}/installed")
        );
        assert_eq!(
            installable.uninstalled_url.as_deref(),
            Some("${host}/uninstalled")
        );
        assert_eq!(installable.allow_global, None);
        assert_eq!(
            caps.configurable.as_ref().unwrap().url,
            "${staticAssetsHost}/configure.html"
        );
        let webhooks = caps.webhook.as_deref().unwrap();
        assert_eq!(webhooks.len(), 1);
        assert_eq!(webhooks[0].key, None);
        assert_eq!(webhooks[0].event, WebhookEvent::RoomMessage);
        assert_eq!(webhooks[0].url, "${host}/echo");
        let glance = &caps.glance.as_deref().unwrap()[0];
        assert_eq!(glance.key, "sample.glance");
        assert_eq!(glance.query_url.as_deref(), Some("${host}/glance-data"));
        assert_eq!(glance.target, Some(ModuleTarget::from("sample.sidebar")));
        assert_eq!(
            caps.web_panel.as_deref().unwrap()[0].location,
            WebPanelLocation::SidebarRight
        );
        let dialog = &caps.dialog.as_deref().unwrap()[0];
        assert_eq!(dialog.title, I18n::new("Hello Dialog!"));
        assert_eq!(
            dialog.options.as_ref().unwrap().size,
            Some(DialogSize::custom("400px", "200px"))
        );
        let action = &caps.action.as_deref().unwrap()[0];
        assert_eq!(action.location, ActionLocation::InputAction);
        assert_eq!(action.target.key(), "sample.dialog");
        assert_eq!(caps.external_page, None);
        assert_eq!(caps.admin_page, None);
        // Everything the example holds is modeled.
        assert!(descriptor.other.is_empty());
        assert!(descriptor.links.other.is_empty());
        assert!(caps.other.is_empty());
        assert!(consumer.other.is_empty());
        descriptor.validate().unwrap();
    }

    #[test]
    fn unknown_members_survive_at_every_level() {
        let wire = json!({
            "key": "k", "name": "n", "description": "d",
            "links": {"self": "https://a/d", "marketplace": "https://m/k"},
            "vendor": {"name": "V", "url": "https://v"},
            "apiVersion": "2:10",
            "enabled": true,
            "capabilities": {
                "hipchatApiConsumer": {
                    "scopes": ["import_data", "future_scope"],
                    "avatar": {"url": "https://a/1.png", "shape": "round"},
                    "quota": 5
                },
                "installable": {"allowRoom": true, "extra": [1, 2]},
                "configurable": {"url": "https://a/c", "authentication": "none", "extra": null},
                "adminPage": {"url": "https://a/admin", "title": "Admin"},
                "oauth2Provider": {"tokenUrl": "https://a/t"},
                "oauth2Consumer": {"redirectionUrls": [], "extra": {}},
                "webhook": [],
                "glance": [{
                    "key": "g", "name": {"value": "G"},
                    "icon": {"url": "u", "url@2x": "v"}, "colour": "blue"
                }],
                "futureCapability": {"x": 1}
            }
        });
        let descriptor = decode(wire.clone());
        assert_eq!(serde_json::to_value(&descriptor).unwrap(), wire);
        assert_eq!(descriptor.other["enabled"], json!(true));
        assert_eq!(descriptor.links.other["marketplace"], json!("https://m/k"));
        assert_eq!(descriptor.api_version(), "2:10");
        let caps = descriptor.capabilities.as_ref().unwrap();
        assert_eq!(caps.other["futureCapability"], json!({"x": 1}));
        assert_eq!(caps.webhook.as_deref(), Some(&[][..]));
        let consumer = caps.hipchat_api_consumer.as_ref().unwrap();
        assert_eq!(consumer.scopes[0], Scope::ImportData);
        assert_eq!(consumer.scopes[1], Scope::Other("future_scope".into()));
        assert_eq!(consumer.other["quota"], json!(5));
        let Some(Avatar::Icon(icon)) = &consumer.avatar else {
            panic!("an object avatar")
        };
        assert_eq!(icon.url_2x, None);
        assert_eq!(icon.other["shape"], json!("round"));
        assert_eq!(
            caps.installable.as_ref().unwrap().other["extra"],
            json!([1, 2])
        );
        assert_eq!(
            caps.configurable.as_ref().unwrap().other["extra"],
            Value::Null
        );
        assert_eq!(
            caps.admin_page.as_ref().unwrap().other["title"],
            json!("Admin")
        );
        let provider = caps.oauth2_provider.as_ref().unwrap();
        assert_eq!(
            (
                provider.authorization_url.as_deref(),
                provider.token_url.as_deref()
            ),
            (None, Some("https://a/t"))
        );
        assert_eq!(
            caps.glance.as_deref().unwrap()[0].other["colour"],
            json!("blue")
        );
        // The unknown scope is kept but rejected by validation.
        let err = descriptor.validate().unwrap_err();
        assert_eq!(err.field(), "capabilities.hipchatApiConsumer.scopes[1]");
        assert!(
            err.rule().contains("(got \"future_scope\")"),
            "{}",
            err.rule()
        );
    }

    #[test]
    fn builder_output_is_the_exact_wire_document() {
        let descriptor = full_builder()
            .capability("futureCapability", json!({"enabled": true}))
            .member("futureMember", "kept")
            .build()
            .unwrap();
        let mut expected = full_json();
        expected["futureMember"] = json!("kept");
        expected["capabilities"]["futureCapability"] = json!({"enabled": true});
        assert_eq!(serde_json::to_value(&descriptor).unwrap(), expected);
        // And back.
        assert_eq!(decode(expected), descriptor);
    }

    #[test]
    fn minimal_builder_output() {
        let descriptor = Descriptor::builder("k", "Name", "Does things", "https://a/d")
            .build()
            .unwrap();
        assert_eq!(
            serde_json::to_value(&descriptor).unwrap(),
            json!({"key": "k", "name": "Name", "description": "Does things", "links": {"self": "https://a/d"}})
        );
        assert_eq!(descriptor.scopes(), []);

        // Setting any consumer member creates the consumer, with its required scopes list.
        let named = Descriptor::builder("k", "Name", "Does things", "https://a/d")
            .from_name("Bot")
            .avatar("https://a/bot.png")
            .scope(Scope::SendMessage)
            .build()
            .unwrap();
        assert_eq!(
            serde_json::to_value(&named).unwrap()["capabilities"],
            json!({"hipchatApiConsumer": {
                "scopes": ["send_message"], "fromName": "Bot", "avatar": "https://a/bot.png"
            }})
        );
        let from_icon_set = Descriptor::builder("k", "Name", "Does things", "https://a/d")
            .avatar(IconSet::new("https://a/1.png", "https://a/2.png"))
            .build()
            .unwrap();
        assert_eq!(
            serde_json::to_value(&from_icon_set).unwrap()["capabilities"],
            json!({"hipchatApiConsumer": {
                "scopes": [], "avatar": {"url": "https://a/1.png", "url@2x": "https://a/2.png"}
            }})
        );
    }

    #[test]
    fn decoding_requires_the_schema_required_members() {
        let cases = [
            (
                json!({"name": "n", "description": "d", "links": {"self": "s"}}),
                "key",
            ),
            (
                json!({"key": "k", "description": "d", "links": {"self": "s"}}),
                "name",
            ),
            (
                json!({"key": "k", "name": "n", "links": {"self": "s"}}),
                "description",
            ),
            (
                json!({"key": "k", "name": "n", "description": "d"}),
                "links",
            ),
            (
                json!({"key": "k", "name": "n", "description": "d", "links": {}}),
                "self",
            ),
            (
                json!({"key": "k", "name": "n", "description": "d", "links": {"self": "s"},
                    "capabilities": {"hipchatApiConsumer": {"fromName": "x"}}}),
                "scopes",
            ),
            (
                json!({"key": "k", "name": "n", "description": "d", "links": {"self": "s"},
                    "capabilities": {"configurable": {}}}),
                "url",
            ),
            (
                json!({"key": "k", "name": "n", "description": "d", "links": {"self": "s"},
                    "capabilities": {"oauth2Consumer": {}}}),
                "redirectionUrls",
            ),
        ];
        for (wire, member) in cases {
            let err = serde_json::from_value::<Descriptor>(wire).unwrap_err();
            assert!(
                err.to_string()
                    .contains(&format!("missing field `{member}`")),
                "{member}: {err}"
            );
        }
    }

    fn caps(d: &mut Descriptor) -> &mut DescriptorCapabilities {
        d.capabilities.as_mut().unwrap()
    }

    fn consumer(d: &mut Descriptor) -> &mut HipChatApiConsumer {
        caps(d).hipchat_api_consumer.as_mut().unwrap()
    }

    fn webhook(d: &mut Descriptor) -> &mut Vec<ExtensionWebhook> {
        caps(d).webhook.as_mut().unwrap()
    }

    fn glance(d: &mut Descriptor) -> &mut Glance {
        &mut caps(d).glance.as_mut().unwrap()[0]
    }

    fn panel(d: &mut Descriptor) -> &mut WebPanel {
        &mut caps(d).web_panel.as_mut().unwrap()[0]
    }

    fn action(d: &mut Descriptor) -> &mut Action {
        &mut caps(d).action.as_mut().unwrap()[0]
    }

    fn dialog(d: &mut Descriptor) -> &mut Dialog {
        &mut caps(d).dialog.as_mut().unwrap()[0]
    }

    fn dialog_options(d: &mut Descriptor) -> &mut DialogOptions {
        dialog(d).options.as_mut().unwrap()
    }

    fn page(d: &mut Descriptor) -> &mut ExternalPage {
        &mut caps(d).external_page.as_mut().unwrap()[0]
    }

    #[test]
    fn every_rule_names_the_member_at_fault() {
        type Break = fn(&mut Descriptor);
        let cases: Vec<(Break, &str)> = vec![
            (|d| d.key.clear(), "key"),
            (|d| d.name.clear(), "name"),
            (|d| d.description.clear(), "description"),
            (|d| d.links.self_link.clear(), "links.self"),
            (|d| d.links.homepage = Some(String::new()), "links.homepage"),
            (|d| d.vendor.as_mut().unwrap().name.clear(), "vendor.name"),
            (|d| d.vendor.as_mut().unwrap().url = None, "vendor.url"),
            (
                |d| d.vendor.as_mut().unwrap().url = Some(String::new()),
                "vendor.url",
            ),
            (|d| d.api_version = Some("1".into()), "apiVersion"),
            (
                |d| {
                    d.other.insert("capabilities".into(), json!({}));
                },
                "capabilities",
            ),
            (
                |d| {
                    caps(d).other.insert("webhook".into(), json!([]));
                },
                "capabilities.webhook",
            ),
            (
                |d| consumer(d).scopes.push(Scope::from("admin_everything")),
                "capabilities.hipchatApiConsumer.scopes[2]",
            ),
            (
                |d| consumer(d).avatar = Some(Avatar::from("")),
                "capabilities.hipchatApiConsumer.avatar",
            ),
            (
                |d| consumer(d).avatar = Some(AvatarIcon::new("").into()),
                "capabilities.hipchatApiConsumer.avatar.url",
            ),
            (
                |d| consumer(d).avatar = Some(AvatarIcon::new("u").url_2x("").into()),
                "capabilities.hipchatApiConsumer.avatar.url@2x",
            ),
            (
                |d| caps(d).installable.as_mut().unwrap().callback_url = Some(String::new()),
                "capabilities.installable.callbackUrl",
            ),
            (
                |d| caps(d).installable.as_mut().unwrap().uninstalled_url = Some(String::new()),
                "capabilities.installable.uninstalledUrl",
            ),
            (
                |d| caps(d).configurable.as_mut().unwrap().url.clear(),
                "capabilities.configurable.url",
            ),
            (
                |d| {
                    caps(d).configurable.as_mut().unwrap().authentication =
                        Some(Authentication::from("basic"))
                },
                "capabilities.configurable.authentication",
            ),
            (
                |d| caps(d).admin_page.as_mut().unwrap().url.clear(),
                "capabilities.adminPage.url",
            ),
            (
                |d| caps(d).oauth2_provider.as_mut().unwrap().token_url = Some(String::new()),
                "capabilities.oauth2Provider.tokenUrl",
            ),
            (
                |d| caps(d).oauth2_consumer.as_mut().unwrap().redirection_urls[1].clear(),
                "capabilities.oauth2Consumer.redirectionUrls[1]",
            ),
            (|d| webhook(d)[0].url.clear(), "capabilities.webhook[0].url"),
            (
                |d| webhook(d)[1].event = WebhookEvent::from("room_bump"),
                "capabilities.webhook[1].event",
            ),
            (
                |d| webhook(d)[0].key = Some("a b".into()),
                "capabilities.webhook[0].key",
            ),
            (
                |d| webhook(d)[1].key = Some("echo".into()),
                "capabilities.webhook[1].key",
            ),
            (
                |d| webhook(d)[0].authentication = Some(Authentication::from("basic")),
                "capabilities.webhook[0].authentication",
            ),
            (
                |d| glance(d).key = "g".repeat(41),
                "capabilities.glance[0].key",
            ),
            (
                |d| glance(d).name = I18n::new("n".repeat(101)),
                "capabilities.glance[0].name.value",
            ),
            (
                |d| glance(d).icon.url_2x.clear(),
                "capabilities.glance[0].icon.url@2x",
            ),
            (
                |d| glance(d).target = Some("bad key".into()),
                "capabilities.glance[0].target",
            ),
            (
                |d| glance(d).conditions = vec![BuiltinCondition::MessageMatches.into()],
                "capabilities.glance[0].conditions[0].condition",
            ),
            (
                |d| panel(d).location = WebPanelLocation::from("hipchat.sidebar.left"),
                "capabilities.webPanel[0].location",
            ),
            (
                |d| panel(d).authentication = Some(Authentication::from("oauth")),
                "capabilities.webPanel[0].authentication",
            ),
            (|d| panel(d).url.clear(), "capabilities.webPanel[0].url"),
            (
                |d| panel(d).icon = Some(IconSet::new("", "v")),
                "capabilities.webPanel[0].icon.url",
            ),
            (
                |d| panel(d).name = I18n::new("P").i18n("k".repeat(41)),
                "capabilities.webPanel[0].name.i18n",
            ),
            (
                |d| panel(d).conditions = vec![BuiltinCondition::GlanceMatches.into()],
                "capabilities.webPanel[0].conditions[0].condition",
            ),
            (
                |d| {
                    panel(d).conditions = vec![Condition::and([Condition::or([Condition::and([
                        BuiltinCondition::UserIsAdmin.into(),
                    ])])])]
                },
                "capabilities.webPanel[0].conditions[0].conditions[0].conditions[0]",
            ),
            (
                |d| action(d).location = ActionLocation::from("hipchat.sidebar.right"),
                "capabilities.action[0].location",
            ),
            (
                |d| action(d).target = ModuleTarget::from("full/dialog"),
                "capabilities.action[0].target",
            ),
            (
                |d| action(d).target = ModuleTarget::with_options("", Default::default()),
                "capabilities.action[0].target.key",
            ),
            (
                |d| action(d).name = I18n::new("Open").i18n(""),
                "capabilities.action[0].name.i18n",
            ),
            (
                |d| {
                    action(d).conditions = vec![
                        CompositeCondition::new(
                            ConditionOperator::from("xor"),
                            [BuiltinCondition::UserIsAdmin.into()],
                        )
                        .into(),
                    ]
                },
                "capabilities.action[0].conditions[0].type",
            ),
            (
                |d| action(d).conditions = vec![Condition::or([])],
                "capabilities.action[0].conditions[0].conditions",
            ),
            (
                |d| {
                    action(d).conditions = vec![Condition::and([
                        BuiltinCondition::UserIsAdmin.into(),
                        BuiltinCondition::GlanceMatches.into(),
                    ])]
                },
                "capabilities.action[0].conditions[0].conditions[1].condition",
            ),
            (
                |d| dialog(d).title = I18n::new(""),
                "capabilities.dialog[0].title.value",
            ),
            (|d| dialog(d).url.clear(), "capabilities.dialog[0].url"),
            (
                |d| dialog(d).authentication = Some(Authentication::from("basic")),
                "capabilities.dialog[0].authentication",
            ),
            (
                |d| dialog_options(d).style = Some(DialogStyle::from("error")),
                "capabilities.dialog[0].options.style",
            ),
            (
                |d| dialog_options(d).size = Some(NamedDialogSize::from("huge").into()),
                "capabilities.dialog[0].options.size",
            ),
            (
                |d| dialog_options(d).hint = Some(I18n::new("h".repeat(101))),
                "capabilities.dialog[0].options.hint.value",
            ),
            (
                |d| {
                    let copy = dialog(d).clone();
                    caps(d).dialog.as_mut().unwrap().push(copy);
                },
                "capabilities.dialog[1].key",
            ),
            (|d| page(d).key.clear(), "capabilities.externalPage[0].key"),
            (|d| page(d).url.clear(), "capabilities.externalPage[0].url"),
            (
                |d| page(d).name = Some(I18n::new("")),
                "capabilities.externalPage[0].name.value",
            ),
            (
                |d| {
                    page(d).other.insert("weight".into(), json!(5));
                },
                "capabilities.externalPage[0].weight",
            ),
        ];
        let valid = full();
        valid.validate().unwrap();
        for (breaks, field) in cases {
            let mut broken = valid.clone();
            breaks(&mut broken);
            let err = broken.validate().expect_err(field);
            assert_eq!(err.field(), field, "rule: {}", err.rule());
        }
    }

    #[test]
    fn rules_in_words() {
        let rule = |breaks: fn(&mut Descriptor)| {
            let mut d = full();
            breaks(&mut d);
            d.validate().unwrap_err().rule().to_owned()
        };
        assert_eq!(rule(|d| d.key.clear()), "is required and must not be empty");
        assert_eq!(
            rule(|d| d.api_version = Some("v1".into())),
            "must match ^\\d+:\\d+$, such as \"1:1\" (got \"v1\")"
        );
        assert_eq!(
            rule(|d| webhook(d)[1].key = Some("echo".into())),
            "must be unique: capabilities.webhook[0] has the key \"echo\" too"
        );
        assert_eq!(
            rule(|d| glance(d).conditions = vec![BuiltinCondition::CardMatches.into()]),
            "must be one of room_is_public, user_is_admin, user_is_guest, user_is_room_owner, \
             glance_matches in a glance (got \"card_matches\")"
        );
        assert_eq!(
            rule(|d| glance(d).key = "g".repeat(41)),
            "must be 1..=40 characters (got 41)"
        );
        assert_eq!(
            rule(|d| consumer(d).scopes[0] = Scope::from("admin")),
            "must be one of admin_group, admin_room, manage_rooms, send_message, \
             send_notification, view_group, view_messages, view_room, import_data (got \"admin\")"
        );
    }

    #[test]
    fn build_validates() {
        let base = || Descriptor::builder("k", "n", "d", "https://a/d");
        assert_eq!(
            base().api_version("1.1").build().unwrap_err().field(),
            "apiVersion"
        );
        assert_eq!(
            Descriptor::builder("", "n", "d", "s")
                .build()
                .unwrap_err()
                .field(),
            "key"
        );
        assert_eq!(
            base()
                .scope(Scope::ViewGroup)
                .scope(Scope::from("view_everything"))
                .build()
                .unwrap_err()
                .field(),
            "capabilities.hipchatApiConsumer.scopes[1]"
        );
        assert_eq!(
            base()
                .webhook(keyless_webhook("", WebhookEvent::RoomExit))
                .build()
                .unwrap_err()
                .field(),
            "capabilities.webhook[0].url"
        );
        assert_eq!(
            base()
                .glance(Glance::new("g", "G", IconSet::new("u", "v")))
                .glance(Glance::new("g", "H", IconSet::new("u", "v")))
                .build()
                .unwrap_err()
                .field(),
            "capabilities.glance[1].key"
        );
        assert_eq!(
            base().member("name", "again").build().unwrap_err().field(),
            "name"
        );
        assert_eq!(
            base()
                .capability("adminPage", json!({"url": "u"}))
                .build()
                .unwrap_err()
                .field(),
            "capabilities.adminPage"
        );
        assert_eq!(
            base().redirection_url("").build().unwrap_err().field(),
            "capabilities.oauth2Consumer.redirectionUrls[0]"
        );
        // Keyless webhooks may repeat; keys are unique per kind, not across kinds.
        base()
            .webhook(keyless_webhook("https://a/1", WebhookEvent::RoomEnter))
            .webhook(keyless_webhook("https://a/2", WebhookEvent::RoomExit))
            .glance(Glance::new("same", "G", IconSet::new("u", "v")))
            .web_panel(WebPanel::new(
                "same",
                "P",
                WebPanelLocation::SidebarRight,
                "https://a/p",
            ))
            .build()
            .unwrap();
    }

    #[test]
    fn api_version_pattern() {
        for good in ["1:1", "0:0", "10:234"] {
            check_api_version(good).unwrap();
        }
        for bad in [
            "",
            "1",
            "1:",
            ":1",
            "a:1",
            "1:b",
            "1:1:1",
            " 1:1",
            "1:1\n",
            "\u{661}:1",
            "+1:1",
        ] {
            assert_eq!(
                check_api_version(bad).unwrap_err().field(),
                "apiVersion",
                "{bad:?}"
            );
        }
    }

    #[test]
    fn condition_nesting_and_upper_case_operators() {
        // Two levels of composites are what the schema allows, with either case.
        let two_levels = Condition::Composite(CompositeCondition::new(
            ConditionOperator::from("AND"),
            [
                BuiltinCondition::UserIsAdmin.into(),
                Condition::or([BuiltinCondition::MessageMatches.into()]),
            ],
        ));
        let descriptor = Descriptor::builder("k", "n", "d", "s")
            .action(Action::new("a", "A", ActionLocation::InputAction, "dlg").condition(two_levels))
            .build()
            .unwrap();
        assert_eq!(
            serde_json::to_value(&descriptor).unwrap()["capabilities"]["action"][0]["conditions"],
            json!([{"type": "AND", "conditions": [
                {"condition": "user_is_admin"},
                {"type": "or", "conditions": [{"condition": "message_matches"}]}
            ]}])
        );
    }

    #[test]
    fn avatar_forms_round_trip() {
        let text: Avatar = serde_json::from_value(json!("https://a/1.png")).unwrap();
        assert_eq!(text, Avatar::Url("https://a/1.png".into()));
        let icon: Avatar =
            serde_json::from_value(json!({"url": "https://a/1.png", "url@2x": "https://a/2.png"}))
                .unwrap();
        assert_eq!(
            icon,
            Avatar::from(AvatarIcon::new("https://a/1.png").url_2x("https://a/2.png"))
        );
        assert_eq!(
            serde_json::to_value(&icon).unwrap(),
            json!({"url": "https://a/1.png", "url@2x": "https://a/2.png"})
        );
        assert!(serde_json::from_value::<Avatar>(json!({"url@2x": "x"})).is_err());
        assert!(serde_json::from_value::<Avatar>(json!(7)).is_err());
    }

    /// Every object of the schema that has `properties`, with its JSON pointer in a serialized
    /// descriptor (array items are looked for at index 0).
    fn schema_objects<'a>(schema: &'a Value, pointer: &str, out: &mut Vec<(String, &'a Value)>) {
        let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
            return;
        };
        out.push((pointer.to_owned(), schema));
        for (name, property) in properties {
            match property.get("type").and_then(Value::as_str) {
                Some("object") => schema_objects(property, &format!("{pointer}/{name}"), out),
                Some("array") => {
                    if let Some(items) = property.get("items") {
                        schema_objects(items, &format!("{pointer}/{name}/0"), out);
                    }
                }
                _ => {}
            }
        }
    }

    #[test]
    fn types_follow_the_official_schema() {
        let schema: Value = serde_json::from_str(SCHEMA).unwrap();
        // The modeled member lists are exactly the schema's.
        let names = |value: &Value| -> Vec<String> {
            let mut names: Vec<String> = value["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            names.sort();
            names
        };
        let sorted = |list: &[&str]| -> Vec<String> {
            let mut list: Vec<String> = list.iter().map(|s| s.to_string()).collect();
            list.sort();
            list
        };
        assert_eq!(names(&schema), sorted(TOP_LEVEL_MEMBERS));
        assert_eq!(
            names(&schema["properties"]["capabilities"]),
            sorted(CAPABILITY_MEMBERS)
        );

        let descriptor = full();
        let wire = serde_json::to_value(&descriptor).unwrap();
        let mut objects = Vec::new();
        schema_objects(&schema, "", &mut objects);
        let mut required_checked = Vec::new();
        for (pointer, object) in &objects {
            let serialized = wire
                .pointer(pointer)
                .and_then(Value::as_object)
                .unwrap_or_else(|| panic!("{pointer:?} is serialized as an object"));
            for name in object["properties"].as_object().unwrap().keys() {
                assert!(
                    serialized.contains_key(name),
                    "the schema's {pointer}/{name} is not serialized by the full descriptor"
                );
            }
            for name in object["required"].as_array().into_iter().flatten() {
                let name = name.as_str().unwrap();
                assert!(serialized.contains_key(name), "{pointer}/{name}");
                // Without it, decoding or validation fails.
                let mut without = wire.clone();
                without
                    .pointer_mut(pointer)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .remove(name);
                let accepted = serde_json::from_value::<Descriptor>(without)
                    .ok()
                    .filter(|d| d.validate().is_ok());
                assert!(
                    accepted.is_none(),
                    "a descriptor without the required {pointer}/{name} is accepted"
                );
                required_checked.push(format!("{pointer}/{name}"));
            }
        }
        // The top level and every capability object were visited.
        for required in [
            "/key",
            "/name",
            "/description",
            "/links",
            "/links/self",
            "/vendor/name",
            "/vendor/url",
            "/capabilities/hipchatApiConsumer/scopes",
            "/capabilities/configurable/url",
            "/capabilities/adminPage/url",
            "/capabilities/oauth2Consumer/redirectionUrls",
            "/capabilities/webhook/0/url",
            "/capabilities/webhook/0/event",
            "/capabilities/glance/0/icon",
            "/capabilities/glance/0/icon/url@2x",
            "/capabilities/webPanel/0/location",
            "/capabilities/action/0/target",
            "/capabilities/dialog/0/title",
            "/capabilities/dialog/0/options/primaryAction/name",
            "/capabilities/externalPage/0/key",
        ] {
            assert!(
                required_checked.iter().any(|checked| checked == required),
                "{required} was not checked"
            );
        }
        assert_eq!(required_checked.len(), 44, "{required_checked:#?}");

        // Every schema member decodes into a typed field, none into an `other` map.
        let decoded = decode(wire.clone());
        assert_eq!(decoded, descriptor);
        assert!(decoded.other.is_empty() && decoded.links.other.is_empty());
        let caps = decoded.capabilities.as_ref().unwrap();
        assert!(caps.other.is_empty());
        let consumer = caps.hipchat_api_consumer.as_ref().unwrap();
        assert!(consumer.other.is_empty());
        let Some(Avatar::Icon(icon)) = &consumer.avatar else {
            panic!("an object avatar")
        };
        assert!(icon.other.is_empty());
        assert!(caps.installable.as_ref().unwrap().other.is_empty());
        assert!(caps.configurable.as_ref().unwrap().other.is_empty());
        assert!(caps.admin_page.as_ref().unwrap().other.is_empty());
        assert!(caps.oauth2_consumer.as_ref().unwrap().other.is_empty());
        assert!(caps.webhook.iter().flatten().all(|m| m.other.is_empty()));
        assert!(caps.glance.iter().flatten().all(|m| m.other.is_empty()));
        assert!(caps.web_panel.iter().flatten().all(|m| m.other.is_empty()));
        assert!(caps.action.iter().flatten().all(|m| m.other.is_empty()));
        assert!(caps.dialog.iter().flatten().all(|m| m.other.is_empty()));
        assert!(
            caps.external_page
                .iter()
                .flatten()
                .all(|m| m.other.is_empty())
        );
    }

    #[test]
    fn schema_enumerations_match_the_typed_values() {
        let schema: Value = serde_json::from_str(SCHEMA).unwrap();
        let strings = |value: &Value| -> Vec<String> {
            value
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect()
        };
        let caps = &schema["properties"]["capabilities"]["properties"];
        let mut scopes =
            strings(&caps["hipchatApiConsumer"]["properties"]["scopes"]["items"]["enum"]);
        scopes.sort();
        let mut known: Vec<String> = Scope::KNOWN.iter().map(|s| s.to_string()).collect();
        known.sort();
        assert_eq!(scopes, known);

        let condition_enum = |kind: &str| {
            strings(
                &caps[kind]["items"]["properties"]["conditions"]["items"]["type"][0]["properties"]
                    ["condition"]["enum"],
            )
        };
        let as_strings = |list: &[BuiltinCondition]| -> Vec<String> {
            list.iter().map(|c| c.to_string()).collect()
        };
        assert_eq!(condition_enum("action"), as_strings(ACTION_CONDITIONS));
        assert_eq!(condition_enum("glance"), as_strings(GLANCE_CONDITIONS));
        assert_eq!(condition_enum("webPanel"), as_strings(COMMON_CONDITIONS));
        assert_eq!(
            strings(&caps["configurable"]["properties"]["authentication"]["enum"]),
            ["jwt", "none"]
        );
        assert_eq!(
            strings(&caps["webPanel"]["items"]["properties"]["location"]["enum"]),
            as_strings_of(WebPanelLocation::KNOWN)
        );
        assert_eq!(
            strings(
                &caps["dialog"]["items"]["properties"]["options"]["properties"]["style"]["enum"]
            ),
            as_strings_of(DialogStyle::KNOWN)
        );
        assert_eq!(
            schema["properties"]["apiVersion"]["pattern"],
            json!("^\\d+\\:\\d+$")
        );
    }

    fn as_strings_of<T: ToString>(list: &[T]) -> Vec<String> {
        list.iter().map(ToString::to_string).collect()
    }
}
