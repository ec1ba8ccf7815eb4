//! The data the API sends and receives: response models, string enums and request building
//! blocks shared by many endpoints.
//!
//! Decoding is lenient, because HipChat servers of different ages sent different shapes:
//!
//! * unknown members are ignored (or kept, where a map of extras is provided);
//! * members that are not always present are `Option`s or default to empty lists;
//! * every string enum ([`Color`], [`Scope`], ...) has an `Other(String)` variant, so a value
//!   added by a newer server decodes instead of failing;
//! * ids that arrive as numbers or numeric strings both decode to `u64`, and timestamps are
//!   kept as the text the server sent (a unix-seconds number becomes its decimal text).
//!
//! Request types ([`Card`] and its parts) serialize without `null`s: unset optional members
//! are left out, as the API requires.

// Shared with endpoint modules that declare their own response types and enums.
pub(crate) mod de;
pub(crate) mod string_enum;

mod capabilities;
mod card;
mod common;
mod enums;
mod message;
mod oauth;
mod page;
mod room;
mod user;

pub use capabilities::{
    Capabilities, CapabilitiesLinks, CapabilitySet, HipChatApiProvider, OAuth2Provider,
    ScopeDescription, Vendor,
};
pub use card::{
    Activity, Card, CardAttribute, CardAttributeValue, CardDescription, Icon, Thumbnail,
};
pub use common::{CreatedResource, Links};
pub use enums::{
    CardAttributeStyle, CardFormat, CardStyle, Color, GrantType, MessageFormat, MessageType,
    PresenceShow, Privacy, Scope,
};
pub use message::{Message, MessageFile, MessageLink, MessageSender, SentMessage};
pub use oauth::{Session, SessionClient, SessionRoom, Token};
pub use page::{Page, PageLinks};
pub use room::{Room, RoomSummary, StatisticsRef};
pub use user::{Presence, PresenceClient, User, UserGroup, UserSummary};
