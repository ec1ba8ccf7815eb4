//! Webhook events: what the fake would have posted to each registered webhook, recorded for
//! tests to inspect instead of sent.

use serde_json::{Value, json};

use super::render;
use super::state::{DeliveryRec, State};

/// The events a room webhook may be registered for (catalogue §3.15).
pub(crate) const EVENTS: &[&str] = &[
    "room_archived",
    "room_created",
    "room_deleted",
    "room_enter",
    "room_exit",
    "room_file_upload",
    "room_message",
    "room_notification",
    "room_topic_change",
    "room_unarchived",
];

/// Whether a `room_message` webhook's pattern matches the text. Patterns are regular
/// expressions; one that does not compile matches nothing.
fn pattern_matches(pattern: Option<&str>, text: &str) -> bool {
    match pattern {
        None | Some("") => true,
        Some(pattern) => regex_lite::Regex::new(pattern)
            .map(|re| re.is_match(text))
            .unwrap_or(false),
    }
}

/// Records a delivery of `event` to every webhook of `room` registered for it. `item` is the
/// event's `item` without `room`, which is added here; `text` is what a `room_message`
/// pattern is matched against.
pub(crate) fn emit(
    state: &mut State,
    base: &str,
    room: u64,
    event: &str,
    mut item: Value,
    text: Option<&str>,
) {
    let Some(room_rec) = state.rooms.get(&room) else {
        return;
    };
    item["room"] = render::room_summary(base, room_rec);
    let targets: Vec<(u64, String)> = state
        .webhooks
        .values()
        .filter(|hook| hook.room == room && hook.event == event)
        .filter(|hook| {
            event != "room_message" || pattern_matches(hook.pattern.as_deref(), text.unwrap_or(""))
        })
        .map(|hook| (hook.id, hook.url.clone()))
        .collect();
    for (webhook_id, url) in targets {
        state.deliveries.push(DeliveryRec {
            webhook_id,
            url,
            event: event.to_owned(),
            payload: json!({
                "event": event,
                "item": item.clone(),
                "webhook_id": webhook_id,
            }),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::pattern_matches;

    #[test]
    fn patterns_are_regular_expressions() {
        assert!(pattern_matches(None, "anything"));
        assert!(pattern_matches(Some("^/deploy"), "/deploy now"));
        assert!(!pattern_matches(Some("^/deploy"), "please /deploy"));
        assert!(!pattern_matches(Some("(unclosed"), "(unclosed"));
    }
}
