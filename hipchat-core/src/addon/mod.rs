//! Tools for HipChat add-ons (feature `addon`): the capabilities descriptor, installation
//! payloads, signed requests (JWT) from HipChat, webhook events, and OAuth tokens that an
//! add-on keeps and refreshes. Everything here is pure: no I/O, no clock but the one the
//! caller passes in.

pub mod descriptor;
pub mod events;
pub mod install;
pub mod jwt;
pub mod token;
