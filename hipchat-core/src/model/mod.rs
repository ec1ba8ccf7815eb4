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
mod emoticon;
mod enums;
mod extension;
mod file;
mod group;
mod integration;
mod message;
mod oauth;
mod page;
mod room;
mod user;
mod webhook;

pub use capabilities::*;
pub use card::*;
pub use common::*;
pub use emoticon::*;
pub use enums::*;
pub use extension::*;
pub use file::*;
pub use group::*;
pub use integration::*;
pub use message::*;
pub use oauth::*;
pub use page::*;
pub use room::*;
pub use user::*;
pub use webhook::*;
