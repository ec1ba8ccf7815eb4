//! Realistic JSON for the benchmarks: history pages and `expand=items` user pages, generated
//! deterministically so every run decodes the same bytes.
//!
//! The items vary the way real pages do: user messages whose `from` is a user object next to
//! notifications whose `from` is a label, zero to three mentions, links with previews, files,
//! cards, and users with and without presence, groups, roles and optional fields.

use serde_json::{Value, json};

const FIRST: [&str; 16] = [
    "Ada",
    "Grace",
    "Linus",
    "Margaret",
    "Alan",
    "Barbara",
    "Ken",
    "Frances",
    "Dennis",
    "Radia",
    "Edsger",
    "Hedy",
    "Niklaus",
    "Sophie",
    "Tim",
    "Katherine",
];
const LAST: [&str; 12] = [
    "Lovelace", "Hopper", "Torvalds", "Hamilton", "Turing", "Liskov", "Thompson", "Allen",
    "Ritchie", "Perlman", "Dijkstra", "Lamarr",
];
const LABELS: [&str; 6] = [
    "CI",
    "Jenkins",
    "PagerDuty",
    "GitHub",
    "Sentry",
    "Deploy bot",
];
const COLORS: [&str; 6] = ["yellow", "green", "red", "purple", "gray", "random"];
const TITLES: [&str; 5] = ["Engineer", "Designer", "SRE", "Manager", ""];
const ZONES: [&str; 4] = ["Europe/Paris", "America/New_York", "Asia/Tokyo", "UTC"];
const WORDS: [&str; 16] = [
    "deploy", "the", "build", "is", "green", "again", "can", "you", "review", "my", "patch",
    "before", "lunch", "thanks", "rollback", "staging",
];

/// A small deterministic mixer, so that neighbouring items do not look alike.
fn mix(i: usize, salt: u64) -> u64 {
    let mut x = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt;
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^ (x >> 29)
}

fn user_id(i: usize) -> u64 {
    1000 + mix(i, 7) % 400
}

fn user_name(id: u64) -> String {
    format!(
        "{} {}",
        FIRST[(id % 16) as usize],
        LAST[((id / 16) % 12) as usize]
    )
}

fn mention_name(id: u64) -> String {
    format!(
        "{}{}{}",
        FIRST[(id % 16) as usize],
        LAST[((id / 16) % 12) as usize],
        id % 7
    )
}

fn user_summary(id: u64) -> Value {
    json!({
        "id": id,
        "name": user_name(id),
        "mention_name": mention_name(id),
        "version": format!("{:08X}", id * 2654435761 % 0xFFFF_FFFF),
        "links": {"self": format!("https://hipchat.example.com/v2/user/{id}")}
    })
}

fn sentence(i: usize, words: usize) -> String {
    let mut text = String::new();
    for w in 0..words {
        if w > 0 {
            text.push(' ');
        }
        text.push_str(WORDS[(mix(i, w as u64) % 16) as usize]);
    }
    text
}

fn message_id(i: usize) -> String {
    let a = mix(i, 1);
    let b = mix(i, 2);
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        a >> 32,
        a & 0xFFFF,
        (a >> 16) & 0xFFF,
        b & 0xFFF,
        b >> 16 & 0xFFFF_FFFF_FFFF
    )
}

/// One history item, number `i` of the room's history.
pub fn message(i: usize) -> Value {
    let date = format!(
        "2017-05-{:02}T{:02}:{:02}:{:02}.{:06}+00:00",
        1 + (i / 86_400) % 28,
        (i / 3600) % 24,
        (i / 60) % 60,
        i % 60,
        mix(i, 3) % 1_000_000
    );
    match i % 10 {
        // Notifications from integrations: `from` is a label.
        7 | 8 => {
            let label = LABELS[i % LABELS.len()];
            let mut item = json!({
                "id": message_id(i),
                "date": date,
                "from": label,
                "message": format!("<b>{}</b> build #{} {}", label, i, sentence(i, 6)),
                "type": "notification",
                "message_format": "html",
                "color": COLORS[i % COLORS.len()],
                "mentions": [],
                "notification_sender": {"type": "addon", "id": format!("addon-{}", i % 5), "client_id": format!("{:x}", mix(i, 4))}
            });
            if i % 20 == 7 {
                item["card"] = json!({
                    "style": "application",
                    "id": format!("build-{i}"),
                    "title": format!("Build #{i} passed"),
                    "description": {"value": sentence(i, 12), "format": "text"},
                    "url": format!("https://ci.example.com/builds/{i}"),
                    "attributes": [{"label": "Status", "value": {"label": "passed", "style": "lozenge-success"}}]
                });
            }
            item
        }
        // Users sharing a file.
        9 => {
            let from = user_id(i);
            json!({
                "id": message_id(i),
                "date": date,
                "from": user_summary(from),
                "message": "",
                "type": "message",
                "mentions": [],
                "file": {
                    "name": format!("screenshot-{i}.png"),
                    "size": 10_000 + mix(i, 5) % 500_000,
                    "url": format!("https://hipchat.example.com/files/1/{i}/screenshot-{i}.png"),
                    "thumb_url": format!("https://hipchat.example.com/files/1/{i}/thumb.png")
                }
            })
        }
        // Users talking, with 0 to 3 mentions and sometimes a link.
        _ => {
            let from = user_id(i);
            let mentioned: Vec<u64> = (0..(mix(i, 6) % 4) as usize)
                .map(|m| user_id(i * 31 + m + 1))
                .collect();
            let mut text = String::new();
            for id in &mentioned {
                text.push('@');
                text.push_str(&mention_name(*id));
                text.push(' ');
            }
            text.push_str(&sentence(i, 4 + i % 20));
            let mut item = json!({
                "id": message_id(i),
                "date": date,
                "from": user_summary(from),
                "message": text,
                "type": "message",
                "mentions": mentioned.iter().map(|id| user_summary(*id)).collect::<Vec<_>>()
            });
            if i % 13 == 0 {
                let url = format!("https://wiki.example.com/pages/{i}");
                item["message"] =
                    Value::String(format!("{} {url}", item["message"].as_str().unwrap_or("")));
                item["message_links"] = json!([{
                    "type": "link",
                    "url": url,
                    "link": {"title": format!("Page {i}"), "description": sentence(i, 8), "faviconUrl": "https://wiki.example.com/favicon.ico"}
                }]);
            }
            item
        }
    }
}

/// A `view_room_history` page of `count` messages starting at `start`, with a `next` link
/// when `has_next`.
pub fn history_page(start: usize, count: usize, has_next: bool) -> Vec<u8> {
    let items: Vec<Value> = (start..start + count).map(message).collect();
    let base = "https://hipchat.example.com/v2/room/ops/history?date=2017-06-01T00%3A00%3A00Z";
    let mut links = json!({"self": format!("{base}&start-index={start}&max-results={count}")});
    if has_next {
        links["next"] = json!(format!(
            "{base}&start-index={}&max-results={count}",
            start + count
        ));
    }
    serde_json::to_vec(&json!({
        "items": items,
        "startIndex": start,
        "maxResults": count,
        "links": links
    }))
    .expect("JSON serializes")
}

/// One full user (`get_all_users?expand=items`).
pub fn user(i: usize) -> Value {
    let id = 1000 + i as u64;
    let mut item = json!({
        "id": id,
        "name": user_name(id),
        "mention_name": mention_name(id),
        "email": format!("{}.{}@example.com", FIRST[(id % 16) as usize].to_lowercase(), i),
        "title": TITLES[i % 5],
        "timezone": ZONES[i % 4],
        "xmpp_jid": format!("1_{id}@chat.hipchat.example.com"),
        "created": format!("2014-{:02}-{:02}T09:{:02}:00+00:00", 1 + i % 12, 1 + i % 28, i % 60),
        "last_active": if i % 6 == 0 { Value::Null } else { json!(format!("{}", 1_490_000_000 + mix(i, 8) % 10_000_000)) },
        "is_deleted": false,
        "is_group_admin": i % 17 == 0,
        "is_guest": i % 23 == 0,
        "photo_url": format!("https://hipchat.example.com/files/photos/{id}/125.png"),
        "roles": if i % 17 == 0 { json!(["admin", "user"]) } else { json!(["user"]) },
        "group": {"id": 1, "name": "Example Inc.", "links": {"self": "https://hipchat.example.com/v2/group/1"}},
        "links": {"self": format!("https://hipchat.example.com/v2/user/{id}")}
    });
    match i % 4 {
        0 => item["presence"] = Value::Null,
        1 => {
            item["presence"] = json!({"status": "In a meeting", "idle": mix(i, 9) % 3600, "show": "away", "is_online": true,
                       "client": {"type": "http://hipchat.com/client/mac", "version": "4.29.5"}})
        }
        2 => {
            item["presence"] = json!({"show": "chat", "is_online": true,
                                      "client": {"type": "http://hipchat.com/client/web", "version": 1000 + i}})
        }
        _ => item["presence"] = json!({"is_online": false}),
    }
    item
}

/// A `get_all_users?expand=items` page of `count` users.
pub fn users_page(count: usize) -> Vec<u8> {
    let items: Vec<Value> = (0..count).map(user).collect();
    serde_json::to_vec(&json!({
        "items": items,
        "startIndex": 0,
        "maxResults": count,
        "links": {
            "self": "https://hipchat.example.com/v2/user?expand=items&max-results=1000",
            "next": "https://hipchat.example.com/v2/user?expand=items&start-index=1000&max-results=1000"
        }
    }))
    .expect("JSON serializes")
}
