//! The capabilities group's endpoints.

use crate::{Row, row};
use hipchat_core::api::capabilities::*;

pub fn rows() -> Vec<Row> {
    vec![
        row("capabilities.get_capabilities", GetCapabilities::new()),
        row(
            "capabilities.get_addon_capabilities_schema",
            GetAddonCapabilitiesSchema::new(),
        ),
    ]
}
