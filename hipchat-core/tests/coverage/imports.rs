//! The imports group's endpoints.

use crate::Row;

pub fn rows() -> Vec<Row> {
    vec![]
}
