//! The schema of each kind of extension module: its members, whether each is required, and
//! the rule its value follows.

/// How one member of a module is checked.
#[derive(Debug, Clone, Copy)]
pub(super) enum Rule {
    /// 1 to 40 letters, digits, `_`, `-` or `.`.
    Key,
    /// `{value (1–100), i18n (1–40)?}`.
    I18n,
    /// A non-empty string.
    Text,
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// An integer.
    Int,
    /// `{url, "url@2x"}`, both required.
    Icon,
    /// A module key, or `{key, options?}`.
    Target,
    /// An array of simple or composite conditions.
    Conditions,
    /// The `options` of a dialog.
    DialogOptions,
}

/// One member of a module schema.
pub(super) struct Member {
    /// The member's name in the module.
    pub name: &'static str,
    /// Whether the module must have it.
    pub required: bool,
    /// What its value must be.
    pub rule: Rule,
}

const fn req(name: &'static str, rule: Rule) -> Member {
    Member {
        name,
        required: true,
        rule,
    }
}

const fn opt(name: &'static str, rule: Rule) -> Member {
    Member {
        name,
        required: false,
        rule,
    }
}

const AUTHENTICATION: Rule = Rule::Enum(&["jwt", "none"]);

pub(super) const CONDITIONS: &[&str] = &[
    "room_is_public",
    "user_is_admin",
    "user_is_guest",
    "user_is_room_owner",
    "message_matches",
    "message_contains_link",
    "message_sent_by_current_user",
    "card_matches",
    "glance_matches",
];

const ACTION: &[Member] = &[
    req("key", Rule::Key),
    req("name", Rule::I18n),
    req(
        "location",
        Rule::Enum(&["hipchat.message.action", "hipchat.input.action"]),
    ),
    req("target", Rule::Target),
    opt("weight", Rule::Int),
    opt("conditions", Rule::Conditions),
];

const DIALOG: &[Member] = &[
    req("key", Rule::Key),
    req("title", Rule::I18n),
    req("url", Rule::Text),
    opt("authentication", AUTHENTICATION),
    opt("options", Rule::DialogOptions),
];

const EXTERNAL_PAGE: &[Member] = &[
    req("key", Rule::Key),
    opt("name", Rule::I18n),
    req("url", Rule::Text),
];

const GLANCE: &[Member] = &[
    req("key", Rule::Key),
    req("name", Rule::I18n),
    req("icon", Rule::Icon),
    opt("queryUrl", Rule::Text),
    opt("target", Rule::Target),
    opt("weight", Rule::Int),
    opt("conditions", Rule::Conditions),
];

const WEB_PANEL: &[Member] = &[
    req("key", Rule::Key),
    req("name", Rule::I18n),
    req("location", Rule::Enum(&["hipchat.sidebar.right"])),
    req("url", Rule::Text),
    opt("authentication", AUTHENTICATION),
    opt("icon", Rule::Icon),
    opt("weight", Rule::Int),
    opt("conditions", Rule::Conditions),
];

const WEBHOOK: &[Member] = &[
    req("key", Rule::Key),
    req("url", Rule::Text),
    req("event", Rule::Enum(crate::fake::events::EVENTS)),
    opt("name", Rule::Text),
    opt("pattern", Rule::Text),
    opt("authentication", AUTHENTICATION),
];

/// The schema of a kind, by its path segment.
pub(super) fn schema(kind: &str) -> Option<&'static [Member]> {
    match kind {
        "action" => Some(ACTION),
        "dialog" => Some(DIALOG),
        "externalPage" => Some(EXTERNAL_PAGE),
        "glance" => Some(GLANCE),
        "webPanel" => Some(WEB_PANEL),
        "webhook" => Some(WEBHOOK),
        _ => None,
    }
}
