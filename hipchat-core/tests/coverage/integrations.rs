//! The integrations group's endpoints.

use crate::{Row, row};
use hipchat_core::api::integrations::*;

pub fn rows() -> Vec<Row> {
    vec![
        row(
            "integrations.get_integration_installable_data",
            GetIntegrationInstallableData::new("k", "t"),
        ),
        row(
            "integrations.invoke_integration_link",
            InvokeIntegrationLink::new("t"),
        ),
        row(
            "integrations.delete_integration_link",
            DeleteIntegrationLink::new("t"),
        ),
        row(
            "integrations.create_integration_link",
            CreateIntegrationLink::new("https://a.example/t", 60),
        ),
    ]
}
