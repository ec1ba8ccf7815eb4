//! Capabilities API: what a HipChat server offers, readable without a token.

mod get_addon_capabilities_schema;
mod get_capabilities;

pub use get_addon_capabilities_schema::GetAddonCapabilitiesSchema;
pub use get_capabilities::GetCapabilities;
