//! Capabilities API: what a HipChat server offers, readable without a token.

mod get_capabilities;

pub use get_capabilities::GetCapabilities;
