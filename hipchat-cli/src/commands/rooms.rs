//! `hipchat rooms list`.

use hipchat::api::rooms::GetAllRooms;
use hipchat::model::RoomSummary;

use crate::cli::RoomsListArgs;

/// The columns of the table.
pub const HEADER: &[&str] = &["ID", "NAME", "PRIVACY", "ARCHIVED"];

/// A room as a table row.
pub fn row(room: RoomSummary) -> Vec<String> {
    vec![
        room.id.to_string(),
        room.name,
        room.privacy.map(|p| p.to_string()).unwrap_or_default(),
        room.is_archived
            .map(|a| if a { "yes" } else { "no" }.to_owned())
            .unwrap_or_default(),
    ]
}

/// The request for every room the flags ask for.
pub fn endpoint(args: &RoomsListArgs) -> GetAllRooms {
    let endpoint = GetAllRooms::new().max_results(super::page_size(args.page_size));
    let endpoint = super::with_flag(endpoint, args.include_private, GetAllRooms::include_private);
    super::with_flag(
        endpoint,
        args.include_archived,
        GetAllRooms::include_archived,
    )
}
