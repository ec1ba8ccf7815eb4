//! Who acts: the sender of the events a room method fires and the author of the history
//! messages it records.

use serde_json::{Value, json};

use crate::fake::render;
use crate::fake::routes::{Caller, Ctx};
use crate::fake::state::{Owner, Sender};

/// Who acts: the `sender` of webhook payloads and the `from` of history messages.
pub(super) struct Actor {
    /// The sender object of payloads; `None` when the token is neither a user's nor an
    /// add-on's.
    pub json: Option<Value>,
    /// The author of history messages.
    pub from: Sender,
}

/// The caller as an [`Actor`].
pub(super) fn actor(ctx: &Ctx<'_>) -> Actor {
    match &ctx.caller {
        Caller::Token {
            owner: Owner::User(id),
            ..
        } => Actor {
            json: Some(render::user_ref_by_id(ctx.base(), ctx.state, *id)),
            from: Sender::User(*id),
        },
        Caller::Token {
            owner: Owner::Client(client_id),
            scopes,
            ..
        } => {
            let client = ctx.state.oauth_clients.get(client_id);
            let name = client.map_or_else(|| client_id.clone(), |c| c.name.clone());
            let allowed = client.map_or(scopes, |c| &c.scopes);
            Actor {
                json: Some(json!({
                    "id": client_id,
                    "name": name,
                    "allowed_scopes": allowed,
                    "links": {},
                })),
                from: Sender::Label(name),
            }
        }
        _ => Actor {
            json: None,
            from: Sender::Label(String::new()),
        },
    }
}

/// An event item holding only the sender (the room is added by [`events::emit`]).
pub(super) fn sender_item(sender: Option<&Value>) -> Value {
    let mut item = json!({});
    if let Some(sender) = sender {
        item["sender"] = sender.clone();
    }
    item
}
