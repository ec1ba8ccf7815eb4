//! Typed path parameters. Every one of them accepts `&str`, `String` and `u64`, so a caller never
//! has to guess which ids are numbers; the wire value is always one percent-encoded segment.

use std::fmt;

macro_rules! path_param {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// The value as it goes on the wire, before percent-encoding.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                $name(value.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                $name(value)
            }
        }

        impl From<&String> for $name {
            fn from(value: &String) -> Self {
                $name(value.clone())
            }
        }

        impl From<u64> for $name {
            fn from(value: u64) -> Self {
                $name(value.to_string())
            }
        }

        impl From<u32> for $name {
            fn from(value: u32) -> Self {
                $name(value.to_string())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

macro_rules! debug_plain {
    ($($name:ident),*) => {$(
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.0).finish()
            }
        }
    )*};
}

path_param!(
    /// A room, by numeric id or by name (`RoomRef::from(42)`, `RoomRef::from("Ops Team")`).
    RoomRef
);
path_param!(
    /// A user, by numeric id, e-mail address or `@mention` name.
    UserRef
);
path_param!(
    /// A group id.
    GroupId
);
path_param!(
    /// A message id (a UUID).
    MessageId
);
path_param!(
    /// A legacy room webhook id.
    WebhookId
);
path_param!(
    /// An emoticon, by numeric id or by shortcut (without parentheses).
    EmoticonRef
);
path_param!(
    /// The key of an add-on extension module (action, dialog, glance, ...).
    ExtensionKey
);
path_param!(
    /// An add-on integration, by id or key.
    IntegrationRef
);
path_param!(
    /// A one-time token in a path (integration links, installable data). Printed redacted.
    PathToken
);
path_param!(
    /// An OAuth access token addressed in a path (get/delete session). Printed redacted.
    AccessTokenRef
);

debug_plain!(
    RoomRef,
    UserRef,
    GroupId,
    MessageId,
    WebhookId,
    EmoticonRef,
    ExtensionKey,
    IntegrationRef
);

impl fmt::Debug for PathToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PathToken(<redacted>)")
    }
}

impl fmt::Debug for AccessTokenRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessTokenRef(<redacted>)")
    }
}

impl UserRef {
    /// A user by `@mention` name; the `@` is added when missing.
    pub fn mention(name: impl AsRef<str>) -> Self {
        let name = name.as_ref();
        if name.starts_with('@') {
            UserRef(name.to_owned())
        } else {
            UserRef(format!("@{name}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_str_string_and_numbers() {
        assert_eq!(RoomRef::from("ops").as_str(), "ops");
        assert_eq!(RoomRef::from(String::from("ops")).as_str(), "ops");
        assert_eq!(RoomRef::from(42u64).as_str(), "42");
        assert_eq!(UserRef::from(7u32).as_str(), "7");
        assert_eq!(UserRef::mention("alice").as_str(), "@alice");
        assert_eq!(UserRef::mention("@alice").as_str(), "@alice");
    }

    #[test]
    fn tokens_are_redacted_in_debug() {
        let t = AccessTokenRef::from("s3cr3t");
        assert!(!format!("{t:?}").contains("s3cr3t"));
        let t = PathToken::from("s3cr3t");
        assert!(!format!("{t:?}").contains("s3cr3t"));
        assert_eq!(format!("{:?}", RoomRef::from("ops")), "RoomRef(\"ops\")");
    }
}
