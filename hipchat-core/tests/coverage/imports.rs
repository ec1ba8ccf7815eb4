//! The imports group's endpoints.

use crate::{Row, row};
use hipchat_core::api::imports::*;
use hipchat_core::model::FilePart;

pub fn rows() -> Vec<Row> {
    let file = || FilePart::new("f.txt", "text/plain", b"f".to_vec());
    vec![
        row(
            "imports.import_privatechat_file",
            ImportPrivatechatFile::new("u", file()),
        ),
        row(
            "imports.import_privatechat_history",
            ImportPrivatechatHistory::new("u"),
        ),
        row("imports.import_room_file", ImportRoomFile::new("r", file())),
        row("imports.import_room_history", ImportRoomHistory::new("r")),
    ]
}
