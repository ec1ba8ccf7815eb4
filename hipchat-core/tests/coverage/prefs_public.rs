//! The prefs_public group's endpoints.

use crate::Row;

pub fn rows() -> Vec<Row> {
    vec![]
}
