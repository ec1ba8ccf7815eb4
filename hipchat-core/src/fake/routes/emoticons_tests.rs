//! The emoticon routes driven through the real client.

use crate::fake::tests::api_error;

use futures_executor::block_on;
use http::Method;
use serde_json::Value;

use super::*;
use crate::api::emoticons::{GetAllEmoticons, GetEmoticon};
use crate::fake::tests::call;
use crate::model::{EmoticonType, Scope};

fn shortcuts(fake: &FakeHipChat, list: GetAllEmoticons) -> Vec<String> {
    block_on(fake.client().pager(list).collect_all())
        .unwrap()
        .into_iter()
        .map(|e| e.shortcut)
        .collect()
}

#[test]
fn a_new_group_has_the_global_emoticons() {
    let fake = FakeHipChat::new();
    let all = shortcuts(&fake, GetAllEmoticons::new());
    assert_eq!(all.len(), GLOBALS.len());
    for expected in ["allthethings", "awyeah", "shrug", "thumbsup"] {
        assert!(all.iter().any(|s| s == expected), "{expected} in {all:?}");
    }
    let page = block_on(fake.client().send(&GetAllEmoticons::new())).unwrap();
    let first = &page.items[0];
    assert_eq!(first.shortcut, "allthethings");
    assert_eq!(first.url, "https://hipchat.fake/emoticons/allthethings.png");
    assert_eq!(
        first.links.self_link.as_deref(),
        Some(format!("https://hipchat.fake/v2/emoticon/{}", first.id).as_str())
    );
    // Seeding takes no ids from users and rooms.
    assert_eq!(fake.add_room("Ops"), 2);
}

#[test]
fn group_emoticons_are_added_and_listed_by_type() {
    let fake = FakeHipChat::new();
    let party = fake.add_emoticon("party", "https://example.com/party.gif");
    let parrot = fake.add_emoticon("parrot", "https://example.com/parrot.gif");
    assert_ne!(party, parrot);
    let group = shortcuts(&fake, GetAllEmoticons::new().r#type(EmoticonType::Group));
    assert_eq!(group, ["party", "parrot"]);
    let global = shortcuts(&fake, GetAllEmoticons::new().r#type(EmoticonType::Global));
    assert_eq!(global.len(), GLOBALS.len());
    assert!(!global.contains(&"party".to_owned()));
    let all = shortcuts(&fake, GetAllEmoticons::new().r#type(EmoticonType::All));
    assert_eq!(all.len(), GLOBALS.len() + 2);

    let (status, _, body) = call(
        &fake,
        Method::GET,
        "https://hipchat.fake/v2/emoticon?type=custom",
        Some(FakeHipChat::ADMIN_TOKEN),
        None,
    );
    assert_eq!(status, 400);
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("type") && message.contains("custom"),
        "{message}"
    );
}

#[test]
fn emoticons_page_across_several_pages() {
    let fake = FakeHipChat::new();
    for i in 0..5 {
        fake.add_emoticon(&format!("custom{i}"), "https://example.com/e.png");
    }
    let client = fake.client();
    let first = block_on(client.send(&GetAllEmoticons::new().max_results(4))).unwrap();
    assert_eq!(first.items.len(), 4);
    let next = first.links.next.as_deref().unwrap();
    assert!(
        next.contains("type=all") && next.contains("start-index=4"),
        "{next}"
    );
    let mut pager = client.pager(GetAllEmoticons::new().max_results(4));
    let mut total = 0;
    while let Some(page) = block_on(pager.next_page()).unwrap() {
        total += page.items.len();
    }
    assert_eq!(total, GLOBALS.len() + 5);
    assert_eq!(pager.pages_fetched(), 4);
    let (status, _, _) = call(
        &fake,
        Method::GET,
        "https://hipchat.fake/v2/emoticon?max-results=5000",
        Some(FakeHipChat::ADMIN_TOKEN),
        None,
    );
    assert_eq!(status, 400);
}

#[test]
fn one_emoticon_by_id_or_shortcut() {
    let fake = FakeHipChat::new();
    let party = fake.add_emoticon("party", "https://example.com/party.gif");
    let client = fake.client();
    let by_id = block_on(client.send(&GetEmoticon::new(party))).unwrap();
    assert_eq!(by_id.shortcut, "party");
    assert_eq!(by_id.url, "https://example.com/party.gif");
    assert_eq!(by_id.emoticon_type, Some(EmoticonType::Group));
    assert_eq!((by_id.width, by_id.height), (Some(30), Some(30)));
    assert_eq!(by_id.creator.unwrap().id, FakeHipChat::ADMIN_ID);
    let shrug = block_on(client.send(&GetEmoticon::new("shrug"))).unwrap();
    assert_eq!(shrug.emoticon_type, Some(EmoticonType::Global));
    assert_eq!(shrug.creator, None);
    assert_eq!(shrug.width, Some(41));
    assert_eq!(
        shrug.links.self_link,
        Some(format!("https://hipchat.fake/v2/emoticon/{}", shrug.id))
    );
    let again = block_on(client.send(&GetEmoticon::new(shrug.id))).unwrap();
    assert_eq!(again, shrug);

    let (status, message) = api_error(block_on(client.send(&GetEmoticon::new("nope"))));
    assert_eq!(
        (status, message.as_str()),
        (404, "Emoticon not found: nope")
    );
    assert_eq!(
        api_error(block_on(client.send(&GetEmoticon::new(999u64)))).0,
        404
    );
    let (status, _, body) = call(
        &fake,
        Method::GET,
        "https://hipchat.fake/v2/emoticon/(shrug)",
        Some(FakeHipChat::ADMIN_TOKEN),
        None,
    );
    assert_eq!(status, 404, "{body}");
    assert_eq!(body["error"]["type"], Value::from("Not Found"));
}

#[test]
fn emoticons_need_view_group() {
    let fake = FakeHipChat::new();
    fake.add_token(
        "messages-only",
        FakeHipChat::ADMIN_ID,
        &[Scope::ViewMessages],
    );
    let client = fake.client_with_token("messages-only");
    let (status, message) = api_error(block_on(client.send(&GetAllEmoticons::new())));
    assert_eq!(status, 403);
    assert!(message.contains("view_group"), "{message}");
    assert_eq!(
        api_error(block_on(client.send(&GetEmoticon::new("shrug")))).0,
        403
    );
}

#[test]
#[should_panic(expected = "is taken")]
fn a_shortcut_can_only_be_added_once() {
    let fake = FakeHipChat::new();
    fake.add_emoticon("Shrug", "https://example.com/shrug.png");
}

#[test]
#[should_panic(expected = "without parentheses")]
fn a_shortcut_has_no_parentheses() {
    FakeHipChat::new().add_emoticon("(party)", "https://example.com/party.png");
}
