//! Add-on extension modules (actions, dialogs, external pages, glances, web panels, webhooks) and glance data.
//!
//! The module types are the objects of the extension methods' `PUT` bodies and of the add-on
//! descriptor's `capabilities` arrays; they serialize to exactly the wire object (no `null`s,
//! camel-case names where the API uses them) and read it back unchanged. Each has a constructor
//! taking its required members, so a module missing one cannot be built, setters for the
//! optional ones, and a `validate` method for the limits the API documents with confidence.
//! Members this crate does not model are kept in the module's `other` map.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Links;
use super::de;
use super::string_enum::string_enum;
use crate::validate::{char_len, known};
use crate::{Error, FromResponse, HttpResponse, InvalidInput};

/// A JSON object of free-form members (condition parameters, target options, glance metadata).
pub type JsonObject = serde_json::Map<String, serde_json::Value>;

/// Checks a module key: 1 to 40 characters, each a letter, digit, `_`, `-` or `.`.
pub(crate) fn check_key(field: &str, key: &str) -> Result<(), InvalidInput> {
    char_len(field, key, 1, 40)?;
    if key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        Ok(())
    } else {
        Err(InvalidInput::new(
            field,
            format!(
                "must match ^[a-zA-Z0-9_\\-\\.]+$: letters, digits, `_`, `-` and `.` only (got {key:?})"
            ),
        ))
    }
}

fn non_empty(field: &str, value: &str) -> Result<(), InvalidInput> {
    if value.is_empty() {
        Err(InvalidInput::new(field, "must not be empty"))
    } else {
        Ok(())
    }
}

fn check_conditions(field: &str, conditions: &[Condition]) -> Result<(), InvalidInput> {
    for (i, condition) in conditions.iter().enumerate() {
        condition.validate(&format!("{field}[{i}]"))?;
    }
    Ok(())
}

string_enum! {
    /// An event a webhook listens to (`event`); the same names are used by the legacy room
    /// webhooks and in webhook deliveries.
    pub enum WebhookEvent {
        /// A room was archived.
        RoomArchived => "room_archived",
        /// A room was created.
        RoomCreated => "room_created",
        /// A room was deleted.
        RoomDeleted => "room_deleted",
        /// A user entered a room.
        RoomEnter => "room_enter",
        /// A user left a room.
        RoomExit => "room_exit",
        /// A file was uploaded to a room.
        RoomFileUpload => "room_file_upload",
        /// A user posted a message (filter it with the webhook's `pattern`).
        RoomMessage => "room_message",
        /// An integration posted a notification.
        RoomNotification => "room_notification",
        /// The room topic changed.
        RoomTopicChange => "room_topic_change",
        /// A room was unarchived.
        RoomUnarchived => "room_unarchived",
    }
}

string_enum! {
    /// How HipChat authenticates its calls to an add-on URL (`authentication`).
    pub enum Authentication {
        /// A signed JWT (the default for dialogs and web panels).
        Jwt => "jwt",
        /// No authentication (the default for webhooks).
        None => "none",
    }
}

string_enum! {
    /// Where an action appears (`location` of an action).
    pub enum ActionLocation {
        /// In the menu of a message.
        MessageAction => "hipchat.message.action",
        /// In the menu of the message input box.
        InputAction => "hipchat.input.action",
    }
}

string_enum! {
    /// Where a web panel appears (`location` of a web panel); the right sidebar is the only
    /// documented place.
    pub enum WebPanelLocation {
        /// The right sidebar.
        SidebarRight => "hipchat.sidebar.right",
    }
}

string_enum! {
    /// The look of a dialog (`options.style`); the default is normal.
    pub enum DialogStyle {
        /// A normal dialog.
        Normal => "normal",
        /// A warning dialog.
        Warning => "warning",
    }
}

string_enum! {
    /// A predefined dialog size (`options.size` given as a name).
    pub enum NamedDialogSize {
        /// Small.
        Small => "small",
        /// Medium.
        Medium => "medium",
        /// Large.
        Large => "large",
        /// Extra large.
        XLarge => "xlarge",
    }
}

string_enum! {
    /// A built-in condition (`condition` of a simple condition).
    pub enum BuiltinCondition {
        /// The room is public (any module).
        RoomIsPublic => "room_is_public",
        /// The user is a group admin (any module).
        UserIsAdmin => "user_is_admin",
        /// The user is a guest (any module).
        UserIsGuest => "user_is_guest",
        /// The user owns the room (any module).
        UserIsRoomOwner => "user_is_room_owner",
        /// The message matches the `params` (actions).
        MessageMatches => "message_matches",
        /// The message contains a link (actions).
        MessageContainsLink => "message_contains_link",
        /// The current user sent the message (actions).
        MessageSentByCurrentUser => "message_sent_by_current_user",
        /// The message's card matches the `params` (actions).
        CardMatches => "card_matches",
        /// The glance's metadata matches the `params` (glances).
        GlanceMatches => "glance_matches",
    }
}

string_enum! {
    /// How a composite condition combines its conditions (`type`). The schema also allows the
    /// upper-case spellings `AND` and `OR`; they are kept as [`ConditionOperator::Other`] and sent
    /// back as received.
    pub enum ConditionOperator {
        /// All conditions must hold.
        And => "and",
        /// One condition must hold.
        Or => "or",
    }
}

string_enum! {
    /// The colour and meaning of a glance status lozenge (`status.value.type`).
    pub enum LozengeType {
        /// Neutral grey.
        Default => "default",
        /// Green.
        Success => "success",
        /// Red.
        Error => "error",
        /// Blue, in progress.
        Current => "current",
        /// New.
        New => "new",
        /// Done.
        Complete => "complete",
        /// Moved.
        Moved => "moved",
    }
}

string_enum! {
    /// The format of a glance label (`label.type`); HTML is the only documented one.
    pub enum GlanceLabelType {
        /// A subset of HTML.
        Html => "html",
    }
}

/// A localizable text: the default `value` and an optional localization key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct I18n {
    /// The default text, 1 to 100 characters.
    pub value: String,
    /// The localization key used to look up a translation, 1 to 40 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub i18n: Option<String>,
}

impl I18n {
    /// A text with no localization key.
    pub fn new(value: impl Into<String>) -> Self {
        I18n {
            value: value.into(),
            i18n: None,
        }
    }

    /// Sets the localization key.
    pub fn i18n(mut self, key: impl Into<String>) -> Self {
        self.i18n = Some(key.into());
        self
    }

    /// Checks the documented limits; errors name `<field>.value` or `<field>.i18n`.
    pub fn validate(&self, field: &str) -> Result<(), InvalidInput> {
        char_len(&format!("{field}.value"), &self.value, 1, 100)?;
        if let Some(key) = &self.i18n {
            char_len(&format!("{field}.i18n"), key, 1, 40)?;
        }
        Ok(())
    }
}

impl From<&str> for I18n {
    fn from(value: &str) -> Self {
        I18n::new(value)
    }
}

impl From<String> for I18n {
    fn from(value: String) -> Self {
        I18n::new(value)
    }
}

/// An icon given at two resolutions: `{url, "url@2x"}`, both required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IconSet {
    /// The icon URL.
    pub url: String,
    /// The double-resolution icon URL (wire name `url@2x`).
    #[serde(rename = "url@2x")]
    pub url_2x: String,
    /// Members this crate does not model, kept as received and sent back as they are.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

impl IconSet {
    /// An icon with its normal and double-resolution URLs.
    pub fn new(url: impl Into<String>, url_2x: impl Into<String>) -> Self {
        IconSet {
            url: url.into(),
            url_2x: url_2x.into(),
            other: BTreeMap::new(),
        }
    }

    fn validate(&self, field: &str) -> Result<(), InvalidInput> {
        non_empty(&format!("{field}.url"), &self.url)?;
        non_empty(&format!("{field}.url@2x"), &self.url_2x)
    }
}

/// When a module is shown: a built-in condition, or `and`/`or` over nested conditions.
///
/// ```
/// use hipchat_core::model::{BuiltinCondition, Condition, SimpleCondition};
///
/// let shown_to_admins_of_public_rooms = Condition::and([
///     SimpleCondition::new(BuiltinCondition::RoomIsPublic).into(),
///     SimpleCondition::new(BuiltinCondition::UserIsAdmin).into(),
/// ]);
/// assert_eq!(
///     serde_json::to_value(&shown_to_admins_of_public_rooms).unwrap(),
///     serde_json::json!({"type": "and", "conditions": [
///         {"condition": "room_is_public"}, {"condition": "user_is_admin"}
///     ]})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Condition {
    /// `{condition, params, invert}`.
    Simple(SimpleCondition),
    /// `{type, conditions}`.
    Composite(CompositeCondition),
}

impl Condition {
    /// All of `conditions` must hold.
    pub fn and(conditions: impl IntoIterator<Item = Condition>) -> Self {
        Condition::Composite(CompositeCondition::new(ConditionOperator::And, conditions))
    }

    /// One of `conditions` must hold.
    pub fn or(conditions: impl IntoIterator<Item = Condition>) -> Self {
        Condition::Composite(CompositeCondition::new(ConditionOperator::Or, conditions))
    }

    /// Checks that composite conditions are `and` or `or` (any case) with at least one
    /// condition, recursively; errors name `<field>.type` or `<field>.conditions`.
    pub fn validate(&self, field: &str) -> Result<(), InvalidInput> {
        match self {
            Condition::Simple(simple) => {
                non_empty(&format!("{field}.condition"), simple.condition.as_str())
            }
            Condition::Composite(composite) => {
                let operator = composite.operator.as_str().to_ascii_lowercase();
                if operator != "and" && operator != "or" {
                    return Err(InvalidInput::new(
                        format!("{field}.type"),
                        format!("must be and or or (got {:?})", composite.operator.as_str()),
                    ));
                }
                if composite.conditions.is_empty() {
                    return Err(InvalidInput::new(
                        format!("{field}.conditions"),
                        "must hold at least 1 condition",
                    ));
                }
                check_conditions(&format!("{field}.conditions"), &composite.conditions)
            }
        }
    }
}

impl From<SimpleCondition> for Condition {
    fn from(condition: SimpleCondition) -> Self {
        Condition::Simple(condition)
    }
}

impl From<CompositeCondition> for Condition {
    fn from(condition: CompositeCondition) -> Self {
        Condition::Composite(condition)
    }
}

impl From<BuiltinCondition> for Condition {
    fn from(condition: BuiltinCondition) -> Self {
        Condition::Simple(SimpleCondition::new(condition))
    }
}

/// A built-in condition with its parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SimpleCondition {
    /// Which built-in condition.
    pub condition: BuiltinCondition,
    /// Its parameters, such as the `attr` and `eq` of `glance_matches`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<JsonObject>,
    /// Whether the result is inverted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invert: Option<bool>,
}

impl SimpleCondition {
    /// The built-in `condition` with no parameters.
    pub fn new(condition: impl Into<BuiltinCondition>) -> Self {
        SimpleCondition {
            condition: condition.into(),
            params: None,
            invert: None,
        }
    }

    /// Adds the parameter `name` with `value`.
    pub fn param(mut self, name: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.params
            .get_or_insert_with(JsonObject::new)
            .insert(name.into(), value.into());
        self
    }

    /// Inverts (true) or keeps (false) the result.
    pub fn invert(mut self, invert: bool) -> Self {
        self.invert = Some(invert);
        self
    }
}

/// Conditions combined with `and` or `or`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CompositeCondition {
    /// How the conditions combine (wire name `type`).
    #[serde(rename = "type")]
    pub operator: ConditionOperator,
    /// The combined conditions, at least one.
    pub conditions: Vec<Condition>,
}

impl CompositeCondition {
    /// `conditions` combined with `operator`.
    pub fn new(
        operator: ConditionOperator,
        conditions: impl IntoIterator<Item = Condition>,
    ) -> Self {
        CompositeCondition {
            operator,
            conditions: conditions.into_iter().collect(),
        }
    }
}

/// What opens when an action or a glance is used: the key of a dialog, glance, web panel or
/// external page, alone or with options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum ModuleTarget {
    /// Just the module key.
    Key(String),
    /// `{key, options}`.
    WithOptions {
        /// The module key, 1 to 40 characters.
        key: String,
        /// Options that depend on the kind of the target.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        options: Option<JsonObject>,
        /// Members this crate does not model, kept as received and sent back as they are.
        #[serde(flatten)]
        other: BTreeMap<String, serde_json::Value>,
    },
}

impl ModuleTarget {
    /// A target with options.
    pub fn with_options(key: impl Into<String>, options: JsonObject) -> Self {
        ModuleTarget::WithOptions {
            key: key.into(),
            options: Some(options),
            other: BTreeMap::new(),
        }
    }

    /// The target module's key, whatever the form.
    pub fn key(&self) -> &str {
        match self {
            ModuleTarget::Key(key) | ModuleTarget::WithOptions { key, .. } => key,
        }
    }

    fn validate(&self, field: &str) -> Result<(), InvalidInput> {
        match self {
            ModuleTarget::Key(key) => check_key(field, key),
            ModuleTarget::WithOptions { key, .. } => check_key(&format!("{field}.key"), key),
        }
    }
}

impl From<&str> for ModuleTarget {
    fn from(key: &str) -> Self {
        ModuleTarget::Key(key.to_owned())
    }
}

impl From<String> for ModuleTarget {
    fn from(key: String) -> Self {
        ModuleTarget::Key(key)
    }
}

/// An action module: an entry in the menu of a message or of the input box.
///
/// Checked by [`validate`](Action::validate): `key` and the target key have 1 to 40 letters,
/// digits, `_`, `-` or `.`; `name` is a valid [`I18n`]; `location` is a known value; composite
/// conditions are well formed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Action {
    /// The module key, unique within the add-on.
    pub key: String,
    /// The menu entry's text.
    pub name: I18n,
    /// Which menu the entry goes to.
    pub location: ActionLocation,
    /// What opens when the entry is chosen.
    pub target: ModuleTarget,
    /// Order in the menu, lower first; the server's default is 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<i64>,
    /// When the entry is shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// Members this crate does not model, kept as received and sent back as they are.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

impl Action {
    /// An action with its required members.
    pub fn new(
        key: impl Into<String>,
        name: impl Into<I18n>,
        location: ActionLocation,
        target: impl Into<ModuleTarget>,
    ) -> Self {
        Action {
            key: key.into(),
            name: name.into(),
            location,
            target: target.into(),
            weight: None,
            conditions: Vec::new(),
            other: BTreeMap::new(),
        }
    }

    /// Sets the menu order.
    pub fn weight(mut self, weight: i64) -> Self {
        self.weight = Some(weight);
        self
    }

    /// Adds a condition after the ones already set.
    pub fn condition(mut self, condition: impl Into<Condition>) -> Self {
        self.conditions.push(condition.into());
        self
    }

    /// Checks the documented limits; errors name the member (`action.key`, `action.name.value`, ...).
    pub fn validate(&self) -> Result<(), InvalidInput> {
        check_key("action.key", &self.key)?;
        self.name.validate("action.name")?;
        known(
            "action.location",
            &self.location,
            self.location.is_known(),
            ActionLocation::KNOWN,
        )?;
        self.target.validate("action.target")?;
        check_conditions("action.conditions", &self.conditions)
    }
}

/// A dialog module: a modal window showing an add-on page.
///
/// Checked by [`validate`](Dialog::validate): `key` has 1 to 40 letters, digits, `_`, `-` or
/// `.`; the title, hint, filter placeholder and button names are valid [`I18n`]s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Dialog {
    /// The module key, unique within the add-on.
    pub key: String,
    /// The dialog's title.
    pub title: I18n,
    /// The URL of the dialog's content.
    pub url: String,
    /// How HipChat authenticates the content request; the server's default is JWT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication: Option<Authentication>,
    /// Look, buttons and size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<DialogOptions>,
    /// Members this crate does not model, kept as received and sent back as they are.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

impl Dialog {
    /// A dialog with its required members.
    pub fn new(key: impl Into<String>, title: impl Into<I18n>, url: impl Into<String>) -> Self {
        Dialog {
            key: key.into(),
            title: title.into(),
            url: url.into(),
            authentication: None,
            options: None,
            other: BTreeMap::new(),
        }
    }

    /// Sets how HipChat authenticates the content request.
    pub fn authentication(mut self, authentication: Authentication) -> Self {
        self.authentication = Some(authentication);
        self
    }

    /// Sets the options.
    pub fn options(mut self, options: DialogOptions) -> Self {
        self.options = Some(options);
        self
    }

    /// Checks the documented limits; errors name the member (`dialog.key`,
    /// `dialog.options.hint.value`, ...).
    pub fn validate(&self) -> Result<(), InvalidInput> {
        check_key("dialog.key", &self.key)?;
        self.title.validate("dialog.title")?;
        if let Some(options) = &self.options {
            options.validate("dialog.options")?;
        }
        Ok(())
    }
}

/// The `options` of a dialog.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DialogOptions {
    /// Normal (the default) or warning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<DialogStyle>,
    /// The main button (wire name `primaryAction`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_action: Option<DialogButton>,
    /// Further buttons, shown as links (wire name `secondaryActions`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secondary_actions: Vec<DialogButton>,
    /// A predefined or custom size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<DialogSize>,
    /// Text in the dialog's footer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<I18n>,
    /// Adds a filter box to the dialog's header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<DialogFilter>,
}

impl DialogOptions {
    /// No options set.
    pub fn new() -> Self {
        DialogOptions::default()
    }

    /// Sets the style.
    pub fn style(mut self, style: DialogStyle) -> Self {
        self.style = Some(style);
        self
    }

    /// Sets the main button.
    pub fn primary_action(mut self, button: DialogButton) -> Self {
        self.primary_action = Some(button);
        self
    }

    /// Adds a secondary button after the ones already set.
    pub fn secondary_action(mut self, button: DialogButton) -> Self {
        self.secondary_actions.push(button);
        self
    }

    /// Sets the size: a [`NamedDialogSize`] or [`DialogSize::custom`].
    pub fn size(mut self, size: impl Into<DialogSize>) -> Self {
        self.size = Some(size.into());
        self
    }

    /// Sets the footer text.
    pub fn hint(mut self, hint: impl Into<I18n>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the filter box.
    pub fn filter(mut self, filter: DialogFilter) -> Self {
        self.filter = Some(filter);
        self
    }

    fn validate(&self, field: &str) -> Result<(), InvalidInput> {
        if let Some(button) = &self.primary_action {
            button
                .name
                .validate(&format!("{field}.primaryAction.name"))?;
        }
        for (i, button) in self.secondary_actions.iter().enumerate() {
            button
                .name
                .validate(&format!("{field}.secondaryActions[{i}].name"))?;
        }
        if let Some(hint) = &self.hint {
            hint.validate(&format!("{field}.hint"))?;
        }
        if let Some(placeholder) = self.filter.as_ref().and_then(|f| f.placeholder.as_ref()) {
            placeholder.validate(&format!("{field}.filter.placeholder"))?;
        }
        Ok(())
    }
}

/// A dialog button.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DialogButton {
    /// The button's text.
    pub name: I18n,
    /// The key passed to the add-on's event listener; for the primary button the server's
    /// default is `primary-action-selected`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Whether the button can be pressed; the server's default is true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Members this crate does not model, kept as received and sent back as they are.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

impl DialogButton {
    /// A button showing `name`.
    pub fn new(name: impl Into<I18n>) -> Self {
        DialogButton {
            name: name.into(),
            key: None,
            enabled: None,
            other: BTreeMap::new(),
        }
    }

    /// Sets the event key.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Enables or disables the button.
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = Some(enabled);
        self
    }
}

/// A dialog's size: a predefined name or a width and height.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum DialogSize {
    /// `small`, `medium`, `large` or `xlarge`.
    Named(NamedDialogSize),
    /// `{width, height}`.
    Custom {
        /// The width in pixels (`400px`) or percent (`50%`).
        width: String,
        /// The height in pixels (`200px`) or percent (`50%`).
        height: String,
    },
}

impl DialogSize {
    /// A custom size, each side in pixels (`400px`) or percent (`50%`).
    pub fn custom(width: impl Into<String>, height: impl Into<String>) -> Self {
        DialogSize::Custom {
            width: width.into(),
            height: height.into(),
        }
    }
}

impl From<NamedDialogSize> for DialogSize {
    fn from(size: NamedDialogSize) -> Self {
        DialogSize::Named(size)
    }
}

/// The filter box of a dialog.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DialogFilter {
    /// The text shown in the empty box.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<I18n>,
    /// Members this crate does not model, kept as received and sent back as they are.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

impl DialogFilter {
    /// A filter box showing `placeholder` while empty.
    pub fn new(placeholder: impl Into<I18n>) -> Self {
        DialogFilter {
            placeholder: Some(placeholder.into()),
            other: BTreeMap::new(),
        }
    }
}

/// An external page module: a page outside HipChat that actions and glances can open.
///
/// Checked by [`validate`](ExternalPage::validate): `key` has 1 to 40 letters, digits, `_`,
/// `-` or `.`; `name`, if set, is a valid [`I18n`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExternalPage {
    /// The module key, unique within the add-on.
    pub key: String,
    /// The page's name. Optional in the descriptor schema, but one source lists it as required
    /// by the REST method: set it when creating a page over the API.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<I18n>,
    /// The page's URL.
    pub url: String,
    /// Members this crate does not model, kept as received and sent back as they are.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

impl ExternalPage {
    /// An external page with its required members.
    pub fn new(key: impl Into<String>, url: impl Into<String>) -> Self {
        ExternalPage {
            key: key.into(),
            name: None,
            url: url.into(),
            other: BTreeMap::new(),
        }
    }

    /// Sets the name.
    pub fn name(mut self, name: impl Into<I18n>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Checks the documented limits; errors name the member (`externalPage.key`, ...).
    pub fn validate(&self) -> Result<(), InvalidInput> {
        check_key("externalPage.key", &self.key)?;
        if let Some(name) = &self.name {
            name.validate("externalPage.name")?;
        }
        Ok(())
    }
}

/// A glance module: a line in the sidebar showing an icon, a label and a status.
///
/// Checked by [`validate`](Glance::validate): `key` and the target key have 1 to 40 letters,
/// digits, `_`, `-` or `.`; `name` is a valid [`I18n`]; both icon URLs are set; composite
/// conditions are well formed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Glance {
    /// The module key, unique within the add-on; UI updates address the glance by it.
    pub key: String,
    /// Shown when there is no `query_url` or it fails.
    pub name: I18n,
    /// The icon on the left of the glance.
    pub icon: IconSet,
    /// The add-on URL HipChat calls (with a signed request) for the glance data (wire name
    /// `queryUrl`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_url: Option<String>,
    /// What opens when the glance is clicked: a web panel, dialog or external page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<ModuleTarget>,
    /// Order in the sidebar, lower first; the server's default is 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<i64>,
    /// When the glance is shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// Members this crate does not model, kept as received and sent back as they are.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

impl Glance {
    /// A glance with its required members.
    pub fn new(key: impl Into<String>, name: impl Into<I18n>, icon: IconSet) -> Self {
        Glance {
            key: key.into(),
            name: name.into(),
            icon,
            query_url: None,
            target: None,
            weight: None,
            conditions: Vec::new(),
            other: BTreeMap::new(),
        }
    }

    /// Sets the URL of the glance data.
    pub fn query_url(mut self, url: impl Into<String>) -> Self {
        self.query_url = Some(url.into());
        self
    }

    /// Sets what opens on click.
    pub fn target(mut self, target: impl Into<ModuleTarget>) -> Self {
        self.target = Some(target.into());
        self
    }

    /// Sets the sidebar order.
    pub fn weight(mut self, weight: i64) -> Self {
        self.weight = Some(weight);
        self
    }

    /// Adds a condition after the ones already set.
    pub fn condition(mut self, condition: impl Into<Condition>) -> Self {
        self.conditions.push(condition.into());
        self
    }

    /// Checks the documented limits; errors name the member (`glance.key`,
    /// `glance.name.value`, `glance.icon.url@2x`, ...).
    pub fn validate(&self) -> Result<(), InvalidInput> {
        check_key("glance.key", &self.key)?;
        self.name.validate("glance.name")?;
        self.icon.validate("glance.icon")?;
        if let Some(target) = &self.target {
            target.validate("glance.target")?;
        }
        check_conditions("glance.conditions", &self.conditions)
    }
}

/// A web panel module: an add-on page shown in the right sidebar.
///
/// Checked by [`validate`](WebPanel::validate): `key` has 1 to 40 letters, digits, `_`, `-` or
/// `.`; `name` is a valid [`I18n`]; composite conditions are well formed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebPanel {
    /// The module key, unique within the add-on.
    pub key: String,
    /// The panel's title.
    pub name: I18n,
    /// Where the panel appears.
    pub location: WebPanelLocation,
    /// The URL of the panel's content.
    pub url: String,
    /// How HipChat authenticates the content request; the server's default is JWT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication: Option<Authentication>,
    /// The icon next to the title (one source lists it as required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<IconSet>,
    /// Order among panels, lower first; the server's default is 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<i64>,
    /// When the panel is available.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// Members this crate does not model, kept as received and sent back as they are.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

impl WebPanel {
    /// A web panel with its required members.
    pub fn new(
        key: impl Into<String>,
        name: impl Into<I18n>,
        location: WebPanelLocation,
        url: impl Into<String>,
    ) -> Self {
        WebPanel {
            key: key.into(),
            name: name.into(),
            location,
            url: url.into(),
            authentication: None,
            icon: None,
            weight: None,
            conditions: Vec::new(),
            other: BTreeMap::new(),
        }
    }

    /// Sets how HipChat authenticates the content request.
    pub fn authentication(mut self, authentication: Authentication) -> Self {
        self.authentication = Some(authentication);
        self
    }

    /// Sets the icon.
    pub fn icon(mut self, icon: IconSet) -> Self {
        self.icon = Some(icon);
        self
    }

    /// Sets the order among panels.
    pub fn weight(mut self, weight: i64) -> Self {
        self.weight = Some(weight);
        self
    }

    /// Adds a condition after the ones already set.
    pub fn condition(mut self, condition: impl Into<Condition>) -> Self {
        self.conditions.push(condition.into());
        self
    }

    /// Checks the documented limits; errors name the member (`webPanel.key`, ...).
    pub fn validate(&self) -> Result<(), InvalidInput> {
        check_key("webPanel.key", &self.key)?;
        self.name.validate("webPanel.name")?;
        check_conditions("webPanel.conditions", &self.conditions)
    }
}

/// A webhook module: HipChat POSTs an event to `url` whenever it happens.
///
/// `key` is optional inside an add-on descriptor but required by the REST methods; the
/// constructor always sets it.
///
/// Checked by [`validate`](ExtensionWebhook::validate): `key`, if set, has 1 to 40 letters,
/// digits, `_`, `-` or `.`; `url` is not empty; `event` and `authentication` are known values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExtensionWebhook {
    /// The module key, unique within the add-on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Where HipChat POSTs the events.
    pub url: String,
    /// The event listened to.
    pub event: WebhookEvent,
    /// A label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A regular expression messages must match (for `room_message` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// How HipChat authenticates its POSTs; the server's default is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication: Option<Authentication>,
    /// Members this crate does not model, kept as received and sent back as they are. A stored
    /// room webhook may carry `id`, `created` and `room` here.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

impl ExtensionWebhook {
    /// A webhook with its required members.
    pub fn new(key: impl Into<String>, url: impl Into<String>, event: WebhookEvent) -> Self {
        ExtensionWebhook {
            key: Some(key.into()),
            url: url.into(),
            event,
            name: None,
            pattern: None,
            authentication: None,
            other: BTreeMap::new(),
        }
    }

    /// Sets the label.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets the message pattern.
    pub fn pattern(mut self, pattern: impl Into<String>) -> Self {
        self.pattern = Some(pattern.into());
        self
    }

    /// Sets how HipChat authenticates its POSTs.
    pub fn authentication(mut self, authentication: Authentication) -> Self {
        self.authentication = Some(authentication);
        self
    }

    /// Checks the documented limits; errors name the member (`webhook.key`, `webhook.event`, ...).
    pub fn validate(&self) -> Result<(), InvalidInput> {
        if let Some(key) = &self.key {
            check_key("webhook.key", key)?;
        }
        non_empty("webhook.url", &self.url)?;
        known(
            "webhook.event",
            &self.event,
            self.event.is_known(),
            WebhookEvent::KNOWN,
        )?;
        if let Some(authentication) = &self.authentication {
            known(
                "webhook.authentication",
                authentication,
                authentication.is_known(),
                Authentication::KNOWN,
            )?;
        }
        Ok(())
    }
}

/// What the extension endpoints need from a module type: its key and its checks.
pub(crate) trait ExtensionModule {
    /// The module's key, which the REST methods require.
    fn rest_key(&self) -> Result<&str, InvalidInput>;

    /// The module's own checks.
    fn check(&self) -> Result<(), InvalidInput>;
}

macro_rules! extension_module {
    ($($ty:ident),* $(,)?) => {$(
        impl ExtensionModule for $ty {
            fn rest_key(&self) -> Result<&str, InvalidInput> {
                Ok(&self.key)
            }

            fn check(&self) -> Result<(), InvalidInput> {
                self.validate()
            }
        }
    )*};
}

extension_module!(Action, Dialog, ExternalPage, Glance, WebPanel);

impl ExtensionModule for ExtensionWebhook {
    fn rest_key(&self) -> Result<&str, InvalidInput> {
        self.key.as_deref().ok_or_else(|| {
            InvalidInput::new(
                "webhook.key",
                "is required when a webhook is created through the REST API",
            )
        })
    }

    fn check(&self) -> Result<(), InvalidInput> {
        self.validate()
    }
}

crate::response::json_response!(
    Action,
    Dialog,
    ExternalPage,
    Glance,
    WebPanel,
    ExtensionWebhook
);

/// The answer to creating or replacing an extension module: `{id, links{self}}`.
///
/// Only the webhook methods document this body; for the other kinds it is assumed. An empty
/// body (any 2xx) decodes to a value with no id and no links.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExtensionCreated {
    /// The module's id, as text (the API sends a string or a number).
    #[serde(
        default,
        deserialize_with = "de::option_string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// Links to the module.
    #[serde(default)]
    pub links: Links,
}

impl FromResponse for ExtensionCreated {
    fn from_response(response: HttpResponse) -> Result<Self, Error> {
        if response.body().iter().all(u8::is_ascii_whitespace) {
            Ok(ExtensionCreated::default())
        } else {
            crate::decode_json(response)
        }
    }
}

/// What a glance shows: a label, an optional status and metadata for `glance_matches`
/// conditions. Returned by the add-on's `queryUrl` and sent in add-on UI updates.
///
/// ```
/// use hipchat_core::model::{GlanceData, GlanceStatus, LozengeType};
///
/// let data = GlanceData::new("<b>3</b> open incidents")
///     .status(GlanceStatus::lozenge("ALERT", LozengeType::Error))
///     .metadata_entry("open", 3);
/// assert_eq!(
///     serde_json::to_value(&data).unwrap(),
///     serde_json::json!({
///         "label": {"type": "html", "value": "<b>3</b> open incidents"},
///         "status": {"type": "lozenge", "value": {"label": "ALERT", "type": "error"}},
///         "metadata": {"open": 3}
///     })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GlanceData {
    /// The text shown.
    pub label: GlanceLabel,
    /// A lozenge or an icon shown after the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<GlanceStatus>,
    /// Values that `glance_matches` conditions can test.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonObject>,
}

impl GlanceData {
    /// Glance data showing the HTML `label`.
    pub fn new(label: impl Into<String>) -> Self {
        GlanceData {
            label: GlanceLabel::html(label),
            status: None,
            metadata: None,
        }
    }

    /// Sets the status.
    pub fn status(mut self, status: GlanceStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Replaces the metadata.
    pub fn metadata(mut self, metadata: JsonObject) -> Self {
        self.metadata = Some(metadata);
        self
    }

    /// Adds the metadata member `name` with `value`.
    pub fn metadata_entry(
        mut self,
        name: impl Into<String>,
        value: impl Into<serde_json::Value>,
    ) -> Self {
        self.metadata
            .get_or_insert_with(JsonObject::new)
            .insert(name.into(), value.into());
        self
    }
}

/// The label of a glance: `{type: "html", value}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GlanceLabel {
    /// The format of `value` (wire name `type`).
    #[serde(rename = "type")]
    pub kind: GlanceLabelType,
    /// The text.
    pub value: String,
}

impl GlanceLabel {
    /// An HTML label.
    pub fn html(value: impl Into<String>) -> Self {
        GlanceLabel {
            kind: GlanceLabelType::Html,
            value: value.into(),
        }
    }
}

/// The status of a glance: `{type: "lozenge", value: {label, type}}` or
/// `{type: "icon", value: {url, "url@2x"}}`. A status of another type is kept in
/// [`GlanceStatus::Other`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum GlanceStatus {
    /// A coloured lozenge with a short text.
    Lozenge(Lozenge),
    /// An icon.
    Icon(IconSet),
    /// A status type this version of the crate does not know, kept as received.
    Other {
        /// The wire `type`.
        kind: String,
        /// The wire `value`.
        value: serde_json::Value,
    },
}

impl GlanceStatus {
    /// A lozenge showing `label` in the colour of `kind`.
    pub fn lozenge(label: impl Into<String>, kind: LozengeType) -> Self {
        GlanceStatus::Lozenge(Lozenge::new(label, kind))
    }

    /// An icon with its normal and double-resolution URLs.
    pub fn icon(url: impl Into<String>, url_2x: impl Into<String>) -> Self {
        GlanceStatus::Icon(IconSet::new(url, url_2x))
    }
}

/// A status lozenge: a short text on a coloured background.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Lozenge {
    /// The text.
    pub label: String,
    /// The colour and meaning (wire name `type`).
    #[serde(rename = "type")]
    pub kind: LozengeType,
}

impl Lozenge {
    /// A lozenge showing `label` in the colour of `kind`.
    pub fn new(label: impl Into<String>, kind: LozengeType) -> Self {
        Lozenge {
            label: label.into(),
            kind,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct WireStatus {
    #[serde(rename = "type")]
    kind: String,
    value: serde_json::Value,
}

impl Serialize for GlanceStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error as _;
        let (kind, value) = match self {
            GlanceStatus::Lozenge(lozenge) => (
                "lozenge",
                serde_json::to_value(lozenge).map_err(S::Error::custom)?,
            ),
            GlanceStatus::Icon(icon) => (
                "icon",
                serde_json::to_value(icon).map_err(S::Error::custom)?,
            ),
            GlanceStatus::Other { kind, value } => (kind.as_str(), value.clone()),
        };
        WireStatus {
            kind: kind.to_owned(),
            value,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for GlanceStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let wire = WireStatus::deserialize(deserializer)?;
        match wire.kind.as_str() {
            "lozenge" => serde_json::from_value(wire.value)
                .map(GlanceStatus::Lozenge)
                .map_err(|e| D::Error::custom(format!("lozenge status: {e}"))),
            "icon" => serde_json::from_value(wire.value)
                .map(GlanceStatus::Icon)
                .map_err(|e| D::Error::custom(format!("icon status: {e}"))),
            _ => Ok(GlanceStatus::Other {
                kind: wire.kind,
                value: wire.value,
            }),
        }
    }
}

/// New content for one glance, as sent in add-on UI updates: `{key, content}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GlanceUpdate {
    /// The key of the glance module to update.
    pub key: String,
    /// What the glance shows from now on.
    pub content: GlanceData,
}

impl GlanceUpdate {
    /// Shows `content` in the glance with module key `key`.
    pub fn new(key: impl Into<String>, content: GlanceData) -> Self {
        GlanceUpdate {
            key: key.into(),
            content,
        }
    }

    /// Checks the module key (1 to 40 letters, digits, `_`, `-` or `.`); the error names
    /// `<field>.key`.
    pub fn validate(&self, field: &str) -> Result<(), InvalidInput> {
        check_key(&format!("{field}.key"), &self.key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_building_blocks_keep_unknown_members() {
        let icon = json!({"url": "https://a.example/i.png", "url@2x": "https://a.example/i2.png", "dark": "https://a.example/d.png"});
        let decoded: IconSet = serde_json::from_value(icon.clone()).unwrap();
        assert_eq!(decoded.other["dark"], "https://a.example/d.png");
        assert_eq!(serde_json::to_value(&decoded).unwrap(), icon);
        let button = json!({"name": {"value": "Go"}, "key": "go", "tooltip": {"value": "Run"}});
        let decoded: DialogButton = serde_json::from_value(button.clone()).unwrap();
        assert_eq!(serde_json::to_value(&decoded).unwrap(), button);
        let target = json!({"key": "panel", "options": {"size": "large"}, "hint": true});
        let decoded: ModuleTarget = serde_json::from_value(target.clone()).unwrap();
        assert_eq!(serde_json::to_value(&decoded).unwrap(), target);
    }
    use serde_json::{Value, json};

    fn round_trip<T>(value: Value) -> T
    where
        T: Serialize + for<'de> Deserialize<'de>,
    {
        let decoded: T = serde_json::from_value(value.clone()).expect("decodes");
        assert_eq!(
            serde_json::to_value(&decoded).unwrap(),
            value,
            "serializes back unchanged"
        );
        decoded
    }

    #[test]
    fn keys_follow_the_documented_length_and_pattern() {
        check_key("key", "ok-key_1.x").unwrap();
        check_key("key", &"k".repeat(40)).unwrap();
        let err = check_key("key", "").unwrap_err();
        assert_eq!(
            (err.field(), err.rule()),
            ("key", "must be 1..=40 characters (got 0)")
        );
        assert_eq!(
            check_key("key", &"k".repeat(41)).unwrap_err().rule(),
            "must be 1..=40 characters (got 41)"
        );
        for bad in ["bad/key", "with space", "é", "a+b"] {
            let err = check_key("action.key", bad).unwrap_err();
            assert_eq!(err.field(), "action.key");
            assert!(
                err.rule().starts_with("must match"),
                "{bad}: {}",
                err.rule()
            );
        }
    }

    #[test]
    fn i18n_limits_and_conversions() {
        let text = I18n::from("Open").i18n("open.label");
        assert_eq!(
            serde_json::to_value(&text).unwrap(),
            json!({"value": "Open", "i18n": "open.label"})
        );
        assert_eq!(
            serde_json::to_value(I18n::from(String::from("x"))).unwrap(),
            json!({"value": "x"})
        );
        text.validate("glance.name").unwrap();
        I18n::new("é".repeat(100)).validate("n").unwrap();
        assert_eq!(
            I18n::new("").validate("glance.name").unwrap_err().field(),
            "glance.name.value"
        );
        assert_eq!(
            I18n::new("x".repeat(101))
                .validate("glance.name")
                .unwrap_err()
                .rule(),
            "must be 1..=100 characters (got 101)"
        );
        let err = I18n::new("x")
            .i18n("k".repeat(41))
            .validate("action.name")
            .unwrap_err();
        assert_eq!(err.field(), "action.name.i18n");
        assert_eq!(
            I18n::new("x").i18n("").validate("a").unwrap_err().field(),
            "a.i18n"
        );
    }

    #[test]
    fn conditions_simple_and_nested_round_trip() {
        let wire = json!([
            {"condition": "glance_matches", "params": {"metadata": [{"attr": "open", "gt": 0}]}, "invert": true},
            {"type": "OR", "conditions": [
                {"condition": "user_is_admin"},
                {"type": "and", "conditions": [{"condition": "room_is_public"}, {"condition": "a_new_one"}]}
            ]}
        ]);
        let conditions: Vec<Condition> = round_trip(wire);
        let Condition::Simple(simple) = &conditions[0] else {
            panic!("simple first")
        };
        assert_eq!(simple.condition, BuiltinCondition::GlanceMatches);
        assert_eq!(simple.invert, Some(true));
        assert_eq!(
            simple.params.as_ref().unwrap()["metadata"][0]["attr"],
            "open"
        );
        let Condition::Composite(composite) = &conditions[1] else {
            panic!("composite second")
        };
        assert_eq!(composite.operator.as_str(), "OR");
        assert!(!composite.operator.is_known());
        let Condition::Composite(inner) = &composite.conditions[1] else {
            panic!("nested composite")
        };
        assert_eq!(inner.operator, ConditionOperator::And);
        assert_eq!(
            inner.conditions[1],
            Condition::Simple(SimpleCondition::new("a_new_one"))
        );
        for condition in &conditions {
            condition.validate("glance.conditions[0]").unwrap();
        }

        let built = Condition::or([
            BuiltinCondition::UserIsGuest.into(),
            SimpleCondition::new(BuiltinCondition::MessageMatches)
                .param("pattern", "^deploy")
                .invert(false)
                .into(),
        ]);
        assert_eq!(
            serde_json::to_value(&built).unwrap(),
            json!({"type": "or", "conditions": [
                {"condition": "user_is_guest"},
                {"condition": "message_matches", "params": {"pattern": "^deploy"}, "invert": false}
            ]})
        );
    }

    #[test]
    fn malformed_composite_conditions_are_refused() {
        let empty = Condition::and([]);
        assert_eq!(
            empty.validate("action.conditions[0]").unwrap_err().field(),
            "action.conditions[0].conditions"
        );
        let xor = Condition::Composite(CompositeCondition::new(
            ConditionOperator::from("xor"),
            [BuiltinCondition::UserIsAdmin.into()],
        ));
        assert_eq!(
            xor.validate("glance.conditions[1]").unwrap_err().field(),
            "glance.conditions[1].type"
        );
        let nested = Condition::or([Condition::and([])]);
        assert_eq!(
            nested.validate("c").unwrap_err().field(),
            "c.conditions[0].conditions"
        );
        let blank = Condition::Simple(SimpleCondition::new(""));
        assert_eq!(blank.validate("c").unwrap_err().field(), "c.condition");
        let glance = Glance::new("g", "G", IconSet::new("a", "b")).condition(Condition::or([]));
        assert_eq!(
            glance.validate().unwrap_err().field(),
            "glance.conditions[0].conditions"
        );
    }

    #[test]
    fn action_round_trip_and_builder() {
        let wire = json!({
            "key": "sample.action",
            "name": {"value": "Open Hello Dialog!", "i18n": "open.dialog"},
            "location": "hipchat.input.action",
            "target": {"key": "sample.dialog", "options": {"size": "large"}},
            "weight": 50,
            "conditions": [{"condition": "message_contains_link"}],
            "x-extra": {"kept": true}
        });
        let action: Action = round_trip(wire);
        assert_eq!(action.key, "sample.action");
        assert_eq!(action.name.i18n.as_deref(), Some("open.dialog"));
        assert_eq!(action.location, ActionLocation::InputAction);
        assert_eq!(action.target.key(), "sample.dialog");
        assert_eq!(action.weight, Some(50));
        assert_eq!(action.conditions.len(), 1);
        assert_eq!(action.other["x-extra"], json!({"kept": true}));

        let built = Action::new(
            "sample.action",
            "Open",
            ActionLocation::MessageAction,
            ModuleTarget::with_options(
                "sample.dialog",
                json!({"a": 1}).as_object().unwrap().clone(),
            ),
        );
        assert_eq!(
            serde_json::to_value(&built).unwrap(),
            json!({"key": "sample.action", "name": {"value": "Open"}, "location": "hipchat.message.action",
                   "target": {"key": "sample.dialog", "options": {"a": 1}}})
        );
        built.validate().unwrap();
    }

    #[test]
    fn action_validation_names_the_member() {
        let ok = || Action::new("a", "A", ActionLocation::MessageAction, "dialog.1");
        ok().validate().unwrap();
        let bad_key = Action::new("bad/key", "A", ActionLocation::MessageAction, "t");
        assert_eq!(bad_key.validate().unwrap_err().field(), "action.key");
        let bad_name = Action::new("a", "", ActionLocation::MessageAction, "t");
        assert_eq!(
            bad_name.validate().unwrap_err().field(),
            "action.name.value"
        );
        let bad_location = Action::new("a", "A", ActionLocation::from("sidebar"), "t");
        let err = bad_location.validate().unwrap_err();
        assert_eq!(err.field(), "action.location");
        assert!(err.rule().contains("hipchat.message.action"));
        let bad_target = Action::new("a", "A", ActionLocation::MessageAction, "");
        assert_eq!(bad_target.validate().unwrap_err().field(), "action.target");
        let bad_target = Action::new(
            "a",
            "A",
            ActionLocation::MessageAction,
            ModuleTarget::WithOptions {
                key: "x".repeat(41),
                options: None,
                other: BTreeMap::new(),
            },
        );
        assert_eq!(
            bad_target.validate().unwrap_err().field(),
            "action.target.key"
        );
    }

    #[test]
    fn dialog_round_trip_with_every_option() {
        let wire = json!({
            "key": "sample.dialog",
            "title": {"value": "Hello Dialog!"},
            "url": "https://addon.example.com/dialog.html",
            "authentication": "none",
            "options": {
                "style": "warning",
                "primaryAction": {"name": {"value": "Say Hello!"}, "key": "sample.dialog.action", "enabled": true},
                "secondaryActions": [{"name": {"value": "Later", "i18n": "later"}}],
                "size": {"width": "400px", "height": "200px"},
                "hint": {"value": "Be nice"},
                "filter": {"placeholder": {"value": "Search"}}
            }
        });
        let dialog: Dialog = round_trip(wire.clone());
        assert_eq!(dialog.title.value, "Hello Dialog!");
        assert_eq!(dialog.url, "https://addon.example.com/dialog.html");
        assert_eq!(dialog.authentication, Some(Authentication::None));
        let options = dialog.options.as_ref().unwrap();
        assert_eq!(options.style, Some(DialogStyle::Warning));
        let primary = options.primary_action.as_ref().unwrap();
        assert_eq!(
            (primary.key.as_deref(), primary.enabled),
            (Some("sample.dialog.action"), Some(true))
        );
        assert_eq!(options.secondary_actions[0].name.value, "Later");
        assert_eq!(options.size, Some(DialogSize::custom("400px", "200px")));
        assert_eq!(options.hint, Some(I18n::new("Be nice")));
        assert_eq!(
            options.filter.as_ref().unwrap().placeholder,
            Some(I18n::new("Search"))
        );
        assert!(dialog.other.is_empty());

        let built = Dialog::new(
            "sample.dialog",
            "Hello Dialog!",
            "https://addon.example.com/dialog.html",
        )
        .authentication(Authentication::None)
        .options(
            DialogOptions::new()
                .style(DialogStyle::Warning)
                .primary_action(
                    DialogButton::new("Say Hello!")
                        .key("sample.dialog.action")
                        .enabled(true),
                )
                .secondary_action(DialogButton::new(I18n::new("Later").i18n("later")))
                .size(DialogSize::custom("400px", "200px"))
                .hint("Be nice")
                .filter(DialogFilter::new("Search")),
        );
        assert_eq!(built, dialog);
        assert_eq!(serde_json::to_value(&built).unwrap(), wire);

        let named: DialogOptions = round_trip(json!({"size": "xlarge"}));
        assert_eq!(named.size, Some(NamedDialogSize::XLarge.into()));
    }

    #[test]
    fn dialog_validation_reaches_every_text() {
        let base = || Dialog::new("d", "D", "https://x");
        base().validate().unwrap();
        assert_eq!(
            Dialog::new("d", "", "u").validate().unwrap_err().field(),
            "dialog.title.value"
        );
        let cases = [
            (
                DialogOptions::new().primary_action(DialogButton::new("")),
                "dialog.options.primaryAction.name.value",
            ),
            (
                DialogOptions::new()
                    .secondary_action(DialogButton::new("ok"))
                    .secondary_action(DialogButton::new(I18n::new("x").i18n(""))),
                "dialog.options.secondaryActions[1].name.i18n",
            ),
            (
                DialogOptions::new().hint("h".repeat(101)),
                "dialog.options.hint.value",
            ),
            (
                DialogOptions::new().filter(DialogFilter::new("")),
                "dialog.options.filter.placeholder.value",
            ),
        ];
        for (options, field) in cases {
            assert_eq!(
                base().options(options).validate().unwrap_err().field(),
                field
            );
        }
    }

    #[test]
    fn external_page_round_trip() {
        let page: ExternalPage = round_trip(json!({
            "key": "docs", "name": {"value": "Docs"}, "url": "https://addon.example.com/docs"
        }));
        assert_eq!(page.name, Some(I18n::new("Docs")));
        assert_eq!(page.url, "https://addon.example.com/docs");
        let minimal: ExternalPage =
            round_trip(json!({"key": "docs", "url": "https://addon.example.com/docs"}));
        assert_eq!(
            minimal,
            ExternalPage::new("docs", "https://addon.example.com/docs")
        );
        assert_eq!(
            ExternalPage::new("docs", "u")
                .name("")
                .validate()
                .unwrap_err()
                .field(),
            "externalPage.name.value"
        );
        assert_eq!(
            ExternalPage::new("", "u").validate().unwrap_err().field(),
            "externalPage.key"
        );
    }

    #[test]
    fn glance_round_trip_and_validation() {
        let wire = json!({
            "key": "sample.glance",
            "name": {"value": "Hello!"},
            "icon": {"url": "https://cdn.example.com/logo.png", "url@2x": "https://cdn.example.com/logo@2x.png"},
            "queryUrl": "https://addon.example.com/glance-data",
            "target": "sample.sidebar",
            "weight": 10,
            "conditions": [{"condition": "room_is_public", "invert": false}]
        });
        let glance: Glance = round_trip(wire.clone());
        assert_eq!(glance.icon.url_2x, "https://cdn.example.com/logo@2x.png");
        assert_eq!(
            glance.query_url.as_deref(),
            Some("https://addon.example.com/glance-data")
        );
        assert_eq!(glance.target, Some(ModuleTarget::from("sample.sidebar")));
        let built = Glance::new(
            "sample.glance",
            "Hello!",
            IconSet::new(
                "https://cdn.example.com/logo.png",
                "https://cdn.example.com/logo@2x.png",
            ),
        )
        .query_url("https://addon.example.com/glance-data")
        .target("sample.sidebar")
        .weight(10)
        .condition(SimpleCondition::new(BuiltinCondition::RoomIsPublic).invert(false));
        assert_eq!(built, glance);
        built.validate().unwrap();

        let no_2x = Glance::new("g", "G", IconSet::new("u", ""));
        assert_eq!(no_2x.validate().unwrap_err().field(), "glance.icon.url@2x");
        let long_name = Glance::new("g", "n".repeat(101), IconSet::new("u", "v"));
        assert_eq!(
            long_name.validate().unwrap_err().field(),
            "glance.name.value"
        );
        let bad_target = Glance::new("g", "G", IconSet::new("u", "v")).target("a b");
        assert_eq!(bad_target.validate().unwrap_err().field(), "glance.target");
        // The icon needs both resolutions.
        assert!(
            serde_json::from_value::<Glance>(
                json!({"key": "g", "name": {"value": "G"}, "icon": {"url": "u"}})
            )
            .is_err()
        );
    }

    #[test]
    fn web_panel_round_trip_and_validation() {
        let wire = json!({
            "key": "sample.sidebar",
            "name": {"value": "Hello Sidebar!"},
            "location": "hipchat.sidebar.right",
            "url": "https://addon.example.com/sidebar.html",
            "authentication": "jwt",
            "icon": {"url": "https://cdn.example.com/p.png", "url@2x": "https://cdn.example.com/p@2x.png"},
            "weight": 5,
            "conditions": [{"condition": "user_is_room_owner"}]
        });
        let panel: WebPanel = round_trip(wire.clone());
        let built = WebPanel::new(
            "sample.sidebar",
            "Hello Sidebar!",
            WebPanelLocation::SidebarRight,
            "https://addon.example.com/sidebar.html",
        )
        .authentication(Authentication::Jwt)
        .icon(IconSet::new(
            "https://cdn.example.com/p.png",
            "https://cdn.example.com/p@2x.png",
        ))
        .weight(5)
        .condition(BuiltinCondition::UserIsRoomOwner);
        assert_eq!(built, panel);
        assert_eq!(panel.location, WebPanelLocation::SidebarRight);
        built.validate().unwrap();
        let bad = WebPanel::new("p", "", WebPanelLocation::SidebarRight, "u");
        assert_eq!(bad.validate().unwrap_err().field(), "webPanel.name.value");
        let bad = WebPanel::new("p", "P", WebPanelLocation::SidebarRight, "u")
            .condition(Condition::and([]));
        assert_eq!(
            bad.validate().unwrap_err().field(),
            "webPanel.conditions[0].conditions"
        );
    }

    #[test]
    fn webhook_round_trip_with_and_without_key() {
        // A descriptor webhook has no key.
        let from_descriptor: ExtensionWebhook = round_trip(json!({
            "url": "https://addon.example.com/echo", "pattern": "^/echo", "event": "room_message",
            "name": "Echo", "authentication": "jwt"
        }));
        assert_eq!(from_descriptor.key, None);
        assert_eq!(from_descriptor.event, WebhookEvent::RoomMessage);
        assert_eq!(from_descriptor.pattern.as_deref(), Some("^/echo"));
        assert_eq!(from_descriptor.name.as_deref(), Some("Echo"));
        assert_eq!(from_descriptor.authentication, Some(Authentication::Jwt));
        from_descriptor.validate().unwrap();
        assert_eq!(
            from_descriptor.rest_key().unwrap_err().field(),
            "webhook.key"
        );

        let built = ExtensionWebhook::new(
            "echo",
            "https://addon.example.com/echo",
            WebhookEvent::RoomMessage,
        )
        .name("Echo")
        .pattern("^/echo")
        .authentication(Authentication::Jwt);
        assert_eq!(built.rest_key().unwrap(), "echo");
        assert_eq!(built.key.as_deref(), Some("echo"));

        let bad_event = ExtensionWebhook::new("k", "u", WebhookEvent::from("room_bump"));
        assert_eq!(bad_event.validate().unwrap_err().field(), "webhook.event");
        let bad_auth = ExtensionWebhook::new("k", "u", WebhookEvent::RoomEnter)
            .authentication(Authentication::from("basic"));
        assert_eq!(
            bad_auth.validate().unwrap_err().field(),
            "webhook.authentication"
        );
        let no_url = ExtensionWebhook::new("k", "", WebhookEvent::RoomExit);
        assert_eq!(no_url.validate().unwrap_err().field(), "webhook.url");
        let bad_key = ExtensionWebhook::new("k/1", "u", WebhookEvent::RoomExit);
        assert_eq!(bad_key.validate().unwrap_err().field(), "webhook.key");
    }

    #[test]
    fn webhook_events_are_the_ten_documented() {
        let names: Vec<&str> = WebhookEvent::KNOWN
            .iter()
            .map(WebhookEvent::as_str)
            .collect();
        assert_eq!(
            names,
            [
                "room_archived",
                "room_created",
                "room_deleted",
                "room_enter",
                "room_exit",
                "room_file_upload",
                "room_message",
                "room_notification",
                "room_topic_change",
                "room_unarchived"
            ]
        );
        assert_eq!(
            WebhookEvent::from("room_topic_change"),
            WebhookEvent::RoomTopicChange
        );
    }

    #[test]
    fn glance_data_every_status_round_trips() {
        let lozenge: GlanceData = round_trip(json!({
            "label": {"type": "html", "value": "<b>2</b> builds"},
            "status": {"type": "lozenge", "value": {"label": "FAILED", "type": "error"}},
            "metadata": {"failing": 2}
        }));
        assert_eq!(lozenge.label, GlanceLabel::html("<b>2</b> builds"));
        assert_eq!(lozenge.label.kind, GlanceLabelType::Html);
        let Some(GlanceStatus::Lozenge(l)) = &lozenge.status else {
            panic!("a lozenge")
        };
        assert_eq!((l.label.as_str(), &l.kind), ("FAILED", &LozengeType::Error));
        assert_eq!(lozenge.metadata.as_ref().unwrap()["failing"], 2);

        let icon: GlanceData = round_trip(json!({
            "label": {"type": "html", "value": "ok"},
            "status": {"type": "icon", "value": {"url": "https://i/1.png", "url@2x": "https://i/2.png"}}
        }));
        assert_eq!(
            icon.status,
            Some(GlanceStatus::icon("https://i/1.png", "https://i/2.png"))
        );

        let other: GlanceData = round_trip(json!({
            "label": {"type": "html", "value": "ok"},
            "status": {"type": "sparkline", "value": [1, 2, 3]}
        }));
        assert_eq!(
            other.status,
            Some(GlanceStatus::Other {
                kind: "sparkline".into(),
                value: json!([1, 2, 3])
            })
        );

        let new_colour: Lozenge = round_trip(json!({"label": "x", "type": "shiny"}));
        assert_eq!(
            new_colour,
            Lozenge::new("x", LozengeType::Other("shiny".into()))
        );
        assert_eq!(LozengeType::KNOWN.len(), 7);

        let broken = serde_json::from_value::<GlanceData>(json!({
            "label": {"type": "html", "value": "ok"},
            "status": {"type": "lozenge", "value": {"type": "error"}}
        }));
        assert!(broken.unwrap_err().to_string().contains("lozenge status"));

        let built = GlanceData::new("<b>2</b> builds")
            .status(GlanceStatus::lozenge("FAILED", LozengeType::Error))
            .metadata(json!({"failing": 2}).as_object().unwrap().clone());
        assert_eq!(built, lozenge);
    }

    #[test]
    fn glance_update_shape_and_key_check() {
        let update = GlanceUpdate::new("sample.glance", GlanceData::new("hi"));
        assert_eq!(
            serde_json::to_value(&update).unwrap(),
            json!({"key": "sample.glance", "content": {"label": {"type": "html", "value": "hi"}}})
        );
        update.validate("glance[0]").unwrap();
        let bad = GlanceUpdate::new("bad/key", GlanceData::new("hi"));
        assert_eq!(
            bad.validate("glance[3]").unwrap_err().field(),
            "glance[3].key"
        );
        let decoded: GlanceUpdate = round_trip(json!({
            "key": "k", "content": {"label": {"type": "html", "value": "v"}}
        }));
        assert_eq!(decoded.content.label.value, "v");
    }

    fn response(status: u16, body: &str) -> HttpResponse {
        http::Response::builder()
            .status(status)
            .body(body.as_bytes().to_vec())
            .unwrap()
    }

    #[test]
    fn extension_created_accepts_ids_of_both_types_and_an_empty_body() {
        let created: ExtensionCreated = crate::parse_response(response(
            201,
            r#"{"id": 77, "links": {"self": "https://api.hipchat.com/v2/extension/webhook/echo"}}"#,
        ))
        .unwrap();
        assert_eq!(created.id.as_deref(), Some("77"));
        assert_eq!(
            created.links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/extension/webhook/echo")
        );
        let created: ExtensionCreated =
            crate::parse_response(response(201, r#"{"id": "5f2a"}"#)).unwrap();
        assert_eq!(created.id.as_deref(), Some("5f2a"));
        assert_eq!(created.links, Links::default());
        for empty in ["", "  \n"] {
            let created: ExtensionCreated = crate::parse_response(response(204, empty)).unwrap();
            assert_eq!(created, ExtensionCreated::default());
        }
        assert!(matches!(
            crate::parse_response::<ExtensionCreated>(response(201, "<html>")),
            Err(Error::Decode(_))
        ));
    }
}
