//! Every HipChat API v2 method, one struct each, in a module per API group.
//!
//! A struct is named after the method's official documentation slug in PascalCase
//! (`send_room_notification` is [`rooms::SendRoomNotification`]). Its `new(..)` takes the path
//! parameters in path order, then the required body fields; every optional parameter is a
//! chainable setter named after its wire field in snake case.

pub mod capabilities;
pub mod emoticons;
pub mod extensions;
pub mod groups;
#[cfg(feature = "imports")]
pub mod imports;
pub mod integrations;
pub mod invites;
pub mod oauth_sessions;
pub mod prefs_public;
pub mod rooms;
pub mod users;

mod history;
mod paging;
mod share;
pub(crate) use paging::{Paging, paging_setters};

#[cfg(test)]
pub(crate) mod test_support;
