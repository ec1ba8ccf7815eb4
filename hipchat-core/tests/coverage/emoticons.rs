//! The emoticons group's endpoints.

use crate::{Row, row};
use hipchat_core::api::emoticons::*;

pub fn rows() -> Vec<Row> {
    vec![
        row("emoticons.get_all_emoticons", GetAllEmoticons::new()),
        row("emoticons.get_emoticon", GetEmoticon::new("e")),
    ]
}
