//! The integrations group's add-on UI update endpoints.

use crate::Row;

pub fn rows() -> Vec<Row> {
    vec![]
}
