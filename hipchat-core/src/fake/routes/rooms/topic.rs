//! A room's topic: setting it, and the `topic` message and `room_topic_change` event every
//! change records.

use serde_json::json;

use super::actor::{Actor, actor, sender_item};
use super::visible_room;
use crate::fake::body::{Fields, check_len};
use crate::fake::events;
use crate::fake::reply::{Outcome, Reply};
use crate::fake::routes::Ctx;
use crate::fake::state::State;

/// `PUT /room/{room}/topic`: `{topic}` (required, 0–250). 204.
pub(super) fn set_topic(ctx: &mut Ctx<'_>) -> Outcome {
    let id = visible_room(ctx, 0)?;
    let body = Fields::parse(ctx.req)?;
    let topic = body.required_str("topic")?;
    check_len("topic", topic, 0, 250)?;
    let by = actor(ctx);
    let base = ctx.req.base.as_str();
    change_topic(ctx.state, base, id, topic, &by);
    Ok(Reply::no_content())
}

/// Sets the topic of `room`, records the `topic` message and fires `room_topic_change`;
/// nothing happens when the topic is unchanged.
pub(super) fn change_topic(state: &mut State, base: &str, room: u64, topic: &str, by: &Actor) {
    let Some(record) = state.rooms.get(&room) else {
        return;
    };
    if record.topic == topic {
        return;
    }
    let message = state.new_message(by.from.clone(), "topic", topic.to_owned());
    if let Some(record) = state.rooms.get_mut(&room) {
        record.topic = topic.to_owned();
        record.version += 1;
        record.history.push(message);
    }
    let mut item = sender_item(by.json.as_ref());
    item["topic"] = json!(topic);
    events::emit(state, base, room, "room_topic_change", item, None);
}

#[cfg(test)]
#[path = "topic_tests.rs"]
mod tests;
