//! Emoticons: the global set every group has, the group's own ones, and the two read methods.

use serde_json::{Value, json};

use super::{Access, Ctx, Route};
use crate::fake::FakeHipChat;
use crate::fake::body::one_of;
use crate::fake::render;
use crate::fake::reply::{Outcome, Reply};
use crate::fake::state::{EmoticonRec, State};

#[cfg(test)]
#[path = "emoticons_tests.rs"]
mod tests;

/// The routes of this file, in catalogue order.
pub(crate) const ROUTES: &[Route] = &[
    Route {
        id: "emoticons.get_all_emoticons",
        method: "GET",
        template: "/emoticon",
        access: Access::Scopes(&["view_group"]),
        flood: false,
        handler: Some(get_all_emoticons),
    },
    Route {
        id: "emoticons.get_emoticon",
        method: "GET",
        template: "/emoticon/{emoticon_id_or_key}",
        access: Access::Scopes(&["view_group"]),
        flood: false,
        handler: Some(get_emoticon),
    },
];

/// The global emoticons: shortcut, width, height. Their ids start at [`GLOBAL_IDS`] so that
/// seeding them takes nothing from the id sequence of users, rooms and group emoticons.
const GLOBALS: &[(&str, u32, u32)] = &[
    ("allthethings", 39, 30),
    ("awyeah", 30, 30),
    ("coffee", 30, 30),
    ("facepalm", 30, 30),
    ("failed", 30, 30),
    ("shipit", 30, 30),
    ("shrug", 41, 30),
    ("success", 30, 30),
    ("thumbsdown", 30, 30),
    ("thumbsup", 30, 30),
];

/// The id of the first global emoticon.
const GLOBAL_IDS: u64 = 1_000_001;

/// Where the fake's emoticon images live.
const IMAGE_BASE: &str = "https://hipchat.fake/emoticons";

/// The emoticons a new group starts with: the global set.
pub(crate) fn seed(state: &mut State) {
    for (id, (shortcut, width, height)) in (GLOBAL_IDS..).zip(GLOBALS) {
        state.emoticons.insert(
            id,
            EmoticonRec {
                id,
                shortcut: (*shortcut).to_owned(),
                url: format!("{IMAGE_BASE}/{shortcut}.png"),
                emoticon_type: "global".to_owned(),
                width: *width,
                height: *height,
                creator: None,
            },
        );
    }
}

impl FakeHipChat {
    /// Adds a custom emoticon of the group, added by the admin, shown for `(shortcut)`, with
    /// the image at `url`; returns its id. A new group already has a few global emoticons:
    /// `(allthethings)`, `(awyeah)`, `(coffee)`, `(facepalm)`, `(failed)`, `(shipit)`,
    /// `(shrug)`, `(success)`, `(thumbsdown)` and `(thumbsup)`.
    ///
    /// # Panics
    ///
    /// If `shortcut` is empty, holds anything but letters and digits, or is taken: shortcuts
    /// are unique, and seeding a clash is a bug in the test.
    pub fn add_emoticon(&self, shortcut: &str, url: &str) -> u64 {
        assert!(
            !shortcut.is_empty() && shortcut.chars().all(char::is_alphanumeric),
            "FakeHipChat::add_emoticon: a shortcut is letters and digits, without parentheses (got {shortcut:?})"
        );
        let mut state = self.lock();
        assert!(
            find_by_shortcut(&state, shortcut).is_none(),
            "FakeHipChat::add_emoticon: the shortcut ({shortcut}) is taken"
        );
        let id = state.next_id();
        state.emoticons.insert(
            id,
            EmoticonRec {
                id,
                shortcut: shortcut.to_owned(),
                url: url.to_owned(),
                emoticon_type: "group".to_owned(),
                width: 30,
                height: 30,
                creator: Some(Self::ADMIN_ID),
            },
        );
        id
    }
}

/// The emoticon whose shortcut is `shortcut` (any case).
fn find_by_shortcut(state: &State, shortcut: &str) -> Option<u64> {
    state
        .emoticons
        .values()
        .find(|e| e.shortcut.eq_ignore_ascii_case(shortcut))
        .map(|e| e.id)
}

/// The link to an emoticon.
fn self_link(base: &str, emoticon: &EmoticonRec) -> Value {
    json!({"self": format!("{base}/emoticon/{}", emoticon.id)})
}

/// `GET /emoticon`: `{id, url, shortcut, links}` items, paged, of the `type` asked for
/// (`global`, `group` or `all`, the default).
fn get_all_emoticons(ctx: &mut Ctx<'_>) -> Outcome {
    let (start, max) = render::page_params(ctx.req)?;
    let wanted = match ctx.req.query("type") {
        None => "all",
        Some(kind) => one_of("type", kind, &["global", "group", "all"])?,
    };
    let base = ctx.base();
    let all: Vec<Value> = ctx
        .state
        .emoticons
        .values()
        .filter(|e| wanted == "all" || e.emoticon_type == wanted)
        .map(|e| {
            json!({
                "id": e.id,
                "url": e.url,
                "shortcut": e.shortcut,
                "links": self_link(base, e),
            })
        })
        .collect();
    let extra = [("type", wanted.to_owned())];
    Ok(Reply::ok(render::page(
        base,
        "/emoticon",
        &extra,
        all,
        start,
        max,
    )))
}

/// `GET /emoticon/{id or shortcut}`: the full emoticon.
fn get_emoticon(ctx: &mut Ctx<'_>) -> Outcome {
    let key = ctx.param(0);
    let state = &*ctx.state;
    let id = key
        .parse::<u64>()
        .ok()
        .filter(|id| state.emoticons.contains_key(id))
        .or_else(|| find_by_shortcut(state, key))
        .ok_or_else(|| Reply::not_found(format!("Emoticon not found: {key}")))?;
    let Some(emoticon) = state.emoticons.get(&id) else {
        return Err(Reply::not_found(format!("Emoticon not found: {key}")));
    };
    let base = ctx.base();
    let creator = match emoticon.creator {
        Some(user) => render::user_ref_by_id(base, state, user),
        None => Value::Null,
    };
    Ok(Reply::ok(json!({
        "id": emoticon.id,
        "shortcut": emoticon.shortcut,
        "url": emoticon.url,
        "width": emoticon.width,
        "height": emoticon.height,
        "type": emoticon.emoticon_type,
        "creator": creator,
        "links": self_link(base, emoticon),
    })))
}
