//! Imports: back-dated history and files for rooms and private chats.
//!
//! All four methods answer 501. No public source shows their verbs, paths, bodies or status
//! codes (§2.5 of the catalogue: the paths in this table are placeholders), so a fake answer
//! would only confirm guesses; code that imports history should be tested against its own
//! expectations of the wire format (for example with the `mock` backend) instead.

use super::{Access, Route};

/// The routes of this file, in catalogue order.
pub(crate) const ROUTES: &[Route] = &[
    Route {
        id: "imports.import_privatechat_file",
        method: "POST",
        template: "/user/{id_or_email}/import/file",
        access: Access::Scopes(&["import_data"]),
        flood: false,
        handler: None,
    },
    Route {
        id: "imports.import_privatechat_history",
        method: "POST",
        template: "/user/{id_or_email}/import/history",
        access: Access::Scopes(&["import_data"]),
        flood: false,
        handler: None,
    },
    Route {
        id: "imports.import_room_file",
        method: "POST",
        template: "/room/{room_id_or_name}/import/file",
        access: Access::Scopes(&["import_data"]),
        flood: false,
        handler: None,
    },
    Route {
        id: "imports.import_room_history",
        method: "POST",
        template: "/room/{room_id_or_name}/import/history",
        access: Access::Scopes(&["import_data"]),
        flood: false,
        handler: None,
    },
];
