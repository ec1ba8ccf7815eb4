//! Capabilities API: what a HipChat server offers (its capabilities document, readable without
//! a token) and the schema of add-on descriptors.

mod get_addon_capabilities_schema;
mod get_capabilities;

pub use get_addon_capabilities_schema::GetAddonCapabilitiesSchema;
pub use get_capabilities::GetCapabilities;
