//! Room and private-chat history, recent messages and single messages.

use futures_executor::block_on;
use http::Method;

use super::super::tests::{BASE, admin, assert_400, delete_message, sender_id, texts, world};
use crate::api::rooms::{GetRoomMessage, ViewRecentRoomHistory, ViewRoomHistory};
use crate::api::users::{
    GetPrivatechatMessage, ViewPrivatechatHistory, ViewRecentPrivatechatHistory,
};
use crate::fake::FakeHipChat;
use crate::fake::tests::api_error;
use crate::fake::tests::call;
use crate::model::Scope;

// ----- get_room_message -----

#[test]
fn one_room_message_is_found_by_id_wrapped_in_message() {
    let (fake, alice, _) = world();
    let id = fake.add_message("Ops", alice, "find me");
    let message = block_on(fake.client().send(&GetRoomMessage::new("Ops", id.as_str()))).unwrap();
    assert_eq!(
        (message.id.as_str(), message.message.as_deref()),
        (id.as_str(), Some("find me"))
    );
    let (status, body) = admin(&fake, Method::GET, &format!("/room/Ops/history/{id}"), None);
    assert_eq!(status, 200);
    assert_eq!(body["message"]["id"], id.as_str());
    assert_eq!(body["message"]["from"]["id"], alice);

    let (status, message) = api_error(block_on(fake.client().send(&GetRoomMessage::new(
        "Ops",
        "00000000-0000-4000-8000-0000000000ff",
    ))));
    assert_eq!(status, 404);
    assert!(
        message.contains("00000000-0000-4000-8000-0000000000ff"),
        "{message}"
    );
    assert_eq!(
        api_error(block_on(
            fake.client()
                .send(&GetRoomMessage::new("Nope", id.as_str()))
        ))
        .0,
        404
    );

    delete_message(&fake, "Ops", &id);
    let hidden = block_on(fake.client().send(&GetRoomMessage::new("Ops", id.as_str())));
    assert_eq!(api_error(hidden).0, 404);
    let shown = block_on(
        fake.client()
            .send(&GetRoomMessage::new("Ops", id.as_str()).include_deleted(true)),
    )
    .unwrap();
    assert!(shown.is_deleted());
    let bad_tz = admin(
        &fake,
        Method::GET,
        &format!("/room/Ops/history/{id}?timezone=%20"),
        None,
    );
    assert_400(bad_tz, &["timezone"]);
    let tz = block_on(
        fake.client().send(
            &GetRoomMessage::new("Ops", id.as_str())
                .timezone("Europe/Paris")
                .include_deleted(true),
        ),
    )
    .unwrap();
    assert!(tz.date.ends_with("+00:00"));
}

// ----- view_room_history -----

/// A fake with `n` messages "m0".."m{n-1}" in "Ops", one second apart from 2019-01-01T00:00:00Z.
fn with_history(n: usize) -> (FakeHipChat, Vec<String>) {
    let (fake, alice, _) = world();
    let ids = (0..n)
        .map(|i| fake.add_message("Ops", alice, &format!("m{i}")))
        .collect();
    (fake, ids)
}

fn numbered(range: impl Iterator<Item = usize>) -> Vec<String> {
    range.map(|i| format!("m{i}")).collect()
}

#[test]
fn history_without_a_date_is_the_latest_75_unpaged() {
    let (fake, _) = with_history(80);
    let page = block_on(fake.client().send(&ViewRoomHistory::new("Ops"))).unwrap();
    assert_eq!(texts(&page.items), numbered(5..80));
    assert_eq!(page.links.next, None);
    let (status, body) = admin(
        &fake,
        Method::GET,
        "/room/Ops/history?date=recent&max-results=10",
        None,
    );
    assert_eq!(status, 200);
    assert_eq!(body["items"].as_array().unwrap().len(), 75);
    assert!(body.get("startIndex").is_none(), "{}", body["links"]);
    assert!(body["links"].get("next").is_none());

    let newest_first = block_on(
        fake.client()
            .send(&ViewRoomHistory::new("Ops").reverse(false)),
    )
    .unwrap();
    assert_eq!(texts(&newest_first.items), numbered((5..80).rev()));
    let paged = block_on(
        fake.client()
            .pager(ViewRoomHistory::new("Ops"))
            .collect_all(),
    )
    .unwrap();
    assert_eq!(paged.len(), 75, "recent history does not page");
}

#[test]
fn dated_history_pages_newest_first_and_reverses_each_page() {
    let (fake, _) = with_history(250);
    let client = fake.client();
    let date = "2030-01-01T00:00:00Z";
    let newest_first = block_on(
        client
            .pager(
                ViewRoomHistory::new("Ops")
                    .date(date)
                    .reverse(false)
                    .max_results(100),
            )
            .collect_all(),
    )
    .unwrap();
    assert_eq!(texts(&newest_first), numbered((0..250).rev()));

    let first =
        block_on(client.send(&ViewRoomHistory::new("Ops").date(date).max_results(100))).unwrap();
    assert_eq!(texts(&first.items), numbered(150..250));
    assert_eq!((first.start_index, first.max_results), (0, 100));
    let next = first.links.next.as_deref().unwrap();
    assert!(next.starts_with("https://hipchat.fake/v2/room/"), "{next}");
    assert!(
        next.contains("start-index=100") && next.contains("max-results=100"),
        "{next}"
    );
    assert!(
        next.contains("date=2030-01-01T00%3A00%3A00Z") && next.contains("reverse=true"),
        "{next}"
    );

    let third = block_on(
        client.send(
            &ViewRoomHistory::new("Ops")
                .date(date)
                .start_index(200)
                .max_results(100),
        ),
    )
    .unwrap();
    assert_eq!(texts(&third.items), numbered(0..50));
    assert_eq!(third.start_index, 200);
    assert_eq!(third.links.next, None);
    assert!(third.links.prev.is_some());

    let pages = block_on(
        client
            .pager(ViewRoomHistory::new("Ops").date(date).max_results(100))
            .collect_all(),
    )
    .unwrap();
    let mut expected = numbered(150..250);
    expected.extend(numbered(50..150));
    expected.extend(numbered(0..50));
    assert_eq!(texts(&pages), expected, "each page oldest first");
}

#[test]
fn dated_history_selects_between_end_date_and_date() {
    let (fake, _) = with_history(10);
    let client = fake.client();
    // m3 is at 00:00:03 and m6 at 00:00:06.
    let window = ViewRoomHistory::new("Ops")
        .date("2019-01-01T00:00:06Z")
        .end_date("2019-01-01T00:00:03Z");
    let page = block_on(client.send(&window)).unwrap();
    assert_eq!(texts(&page.items), numbered(3..7));
    let page = block_on(client.send(&window.clone().reverse(false))).unwrap();
    assert_eq!(texts(&page.items), numbered((3..7).rev()));
    let offset = ViewRoomHistory::new("Ops").date("2019-01-01T01:00:02+01:00");
    assert_eq!(
        texts(&block_on(client.send(&offset)).unwrap().items),
        numbered(0..3)
    );
    let before = ViewRoomHistory::new("Ops").date("2018-12-31");
    assert!(block_on(client.send(&before)).unwrap().items.is_empty());
    let empty = ViewRoomHistory::new("Ops")
        .date("2019-01-01T00:00:02Z")
        .end_date("2019-01-01T00:00:05Z");
    assert!(block_on(client.send(&empty)).unwrap().items.is_empty());

    let get = |query: &str| {
        admin(
            &fake,
            Method::GET,
            &format!("/room/Ops/history?{query}"),
            None,
        )
    };
    assert_400(get("date=yesterday"), &["date", "ISO-8601", "yesterday"]);
    assert_400(get("date=2019-01-01&end-date=soon"), &["end-date", "soon"]);
    assert_400(get("end-date=2019-01-01"), &["end-date", "recent"]);
    assert_400(get("date=2019-01-01&max-results=1001"), &["max-results"]);
    assert_400(get("date=2019-01-01&start-index=-1"), &["start-index"]);
    assert_400(get("date=2019-01-01&reverse=maybe"), &["reverse"]);
    assert_400(get("include_deleted=1"), &["include_deleted"]);
    assert_400(get("timezone=Not%20a%20zone"), &["timezone"]);
    assert_eq!(get("timezone=America/Argentina/Buenos_Aires").0, 200);
    assert_eq!(admin(&fake, Method::GET, "/room/Nope/history", None).0, 404);
}

#[test]
fn history_leaves_out_deleted_messages_unless_asked() {
    let (fake, ids) = with_history(4);
    delete_message(&fake, "Ops", &ids[1]);
    let client = fake.client();
    let page = block_on(client.send(&ViewRoomHistory::new("Ops"))).unwrap();
    assert_eq!(texts(&page.items), ["m0", "m2", "m3"]);
    let page = block_on(client.send(&ViewRoomHistory::new("Ops").include_deleted(true))).unwrap();
    assert_eq!(texts(&page.items), ["m0", "<deleted>", "m2", "m3"]);
    let dated = ViewRoomHistory::new("Ops")
        .date("2020-01-01")
        .include_deleted(true);
    assert_eq!(block_on(client.send(&dated)).unwrap().items.len(), 4);
}

#[test]
fn private_room_history_is_for_its_members() {
    let (fake, alice, bob) = world();
    fake.add_private_room("Secret", alice, &[]);
    fake.add_message("Secret", alice, "psst");
    fake.add_token("bob-token", bob, &[Scope::ViewMessages]);
    let bob_client = fake.client_with_token("bob-token");
    assert_eq!(
        api_error(block_on(bob_client.send(&ViewRoomHistory::new("Secret")))).0,
        403
    );
    assert_eq!(
        api_error(block_on(
            bob_client.send(&ViewRecentRoomHistory::new("Secret"))
        ))
        .0,
        403
    );
    let alice_client = fake.client_with_token("alice-token");
    let page = block_on(alice_client.send(&ViewRoomHistory::new("Secret"))).unwrap();
    assert_eq!(texts(&page.items), ["psst"]);
}

// ----- view_recent_room_history -----

#[test]
fn latest_history_is_the_newest_messages_oldest_first_not_before_a_message() {
    let (fake, ids) = with_history(100);
    let client = fake.client();
    let latest = block_on(client.send(&ViewRecentRoomHistory::new("Ops"))).unwrap();
    assert_eq!(texts(&latest.items), numbered(25..100));
    assert_eq!((latest.start_index, latest.max_results), (0, 75));
    assert_eq!(latest.links.next, None);
    let five = block_on(client.send(&ViewRecentRoomHistory::new("Ops").max_results(5))).unwrap();
    assert_eq!(texts(&five.items), numbered(95..100));
    let since = ViewRecentRoomHistory::new("Ops").not_before(ids[90].as_str());
    assert_eq!(
        texts(&block_on(client.send(&since)).unwrap().items),
        numbered(90..100)
    );
    let since_few = since.clone().max_results(3);
    assert_eq!(
        texts(&block_on(client.send(&since_few)).unwrap().items),
        numbered(97..100)
    );

    delete_message(&fake, "Ops", &ids[99]);
    let few = ViewRecentRoomHistory::new("Ops").max_results(2);
    assert_eq!(
        texts(&block_on(client.send(&few)).unwrap().items),
        ["m97", "m98"]
    );
    let few = few.include_deleted(true);
    assert_eq!(
        texts(&block_on(client.send(&few)).unwrap().items),
        ["m98", "<deleted>"]
    );

    let (status, body) = admin(&fake, Method::GET, "/room/Ops/history/latest", None);
    assert_eq!(status, 200);
    assert!(body.get("startIndex").is_none());
    let get = |query: &str| {
        admin(
            &fake,
            Method::GET,
            &format!("/room/Ops/history/latest?{query}"),
            None,
        )
    };
    assert_400(get("not-before=nope"), &["not-before", "nope"]);
    assert_400(get("max-results=1001"), &["max-results"]);
    assert_400(get("include_deleted=yes"), &["include_deleted"]);
    assert_400(get("timezone="), &["timezone"]);
    assert_eq!(
        admin(&fake, Method::GET, "/room/Nope/history/latest", None).0,
        404
    );
}

// ----- private chats -----

#[test]
fn private_chat_history_is_the_callers_chat_with_the_user() {
    let (fake, alice, bob) = world();
    let admin_id = FakeHipChat::ADMIN_ID;
    for i in 0..30 {
        let (from, to) = if i % 2 == 0 {
            (alice, bob)
        } else {
            (bob, alice)
        };
        fake.add_private_message(from, to, &format!("m{i}"));
    }
    fake.add_private_message(admin_id, bob, "not in alice's chat");
    let client = fake.client_with_token("alice-token");

    let recent = block_on(client.send(&ViewPrivatechatHistory::new("@bob"))).unwrap();
    assert_eq!(texts(&recent.items), numbered(0..30));
    assert_eq!(sender_id(&recent.items[1]), bob);
    let paged = block_on(
        client
            .pager(
                ViewPrivatechatHistory::new("@bob")
                    .date("2030-01-01T00:00:00Z")
                    .reverse(false)
                    .max_results(7),
            )
            .collect_all(),
    )
    .unwrap();
    assert_eq!(texts(&paged), numbered((0..30).rev()));
    let window = ViewPrivatechatHistory::new(bob)
        .date("2019-01-01T00:00:09Z")
        .end_date("2019-01-01T00:00:08Z");
    assert_eq!(
        texts(&block_on(client.send(&window)).unwrap().items),
        ["m8", "m9"]
    );

    let latest =
        block_on(client.send(&ViewRecentPrivatechatHistory::new("@bob").max_results(3))).unwrap();
    assert_eq!(texts(&latest.items), numbered(27..30));
    let first_id = recent.items[25].id.clone();
    let since = ViewRecentPrivatechatHistory::new("@bob").not_before(first_id.as_str());
    assert_eq!(
        texts(&block_on(client.send(&since)).unwrap().items),
        numbered(25..30)
    );

    let one =
        block_on(client.send(&GetPrivatechatMessage::new("@bob", first_id.as_str()))).unwrap();
    assert_eq!(one.message.as_deref(), Some("m25"));
    let admins = fake.private_history(admin_id, bob)[0].id.clone();
    let elsewhere = block_on(client.send(&GetPrivatechatMessage::new("@bob", admins.as_str())));
    assert_eq!(api_error(elsewhere).0, 404);
    let bob_view = block_on(fake.client().send(&ViewPrivatechatHistory::new("@bob"))).unwrap();
    assert_eq!(texts(&bob_view.items), ["not in alice's chat"]);
    let empty = block_on(fake.client().send(&ViewPrivatechatHistory::new("@alice"))).unwrap();
    assert!(empty.items.is_empty());

    let add_on = fake.client_with_token("addon-token");
    assert_eq!(
        api_error(block_on(add_on.send(&ViewPrivatechatHistory::new("@bob")))).0,
        403
    );
    assert_eq!(
        api_error(block_on(
            add_on.send(&ViewRecentPrivatechatHistory::new("@bob"))
        ))
        .0,
        403
    );
    assert_eq!(
        api_error(block_on(
            add_on.send(&GetPrivatechatMessage::new("@bob", first_id.as_str()))
        ))
        .0,
        403
    );
    assert_eq!(
        api_error(block_on(
            client.send(&ViewPrivatechatHistory::new("@nobody"))
        ))
        .0,
        404
    );
    let get = |query: &str| {
        let (status, _, body) = call(
            &fake,
            Method::GET,
            &format!("{BASE}/user/@bob/history{query}"),
            Some("alice-token"),
            None,
        );
        (status, body)
    };
    assert_400(get("?date=nonsense"), &["date"]);
    assert_400(get("/latest?not-before=nope"), &["not-before"]);
}
