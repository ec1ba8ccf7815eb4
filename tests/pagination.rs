//! Paging through collections with `hipchat::pager` as a user of the facade does: every
//! paginated endpoint walked through the scripted mock backend, the way the next request is
//! found (`links.next`, or arithmetic when the server drops it), the caller's limit, the
//! protection against a server that does not advance, errors on the way, a pager running on a
//! Tokio task, and (feature `stream`) the pager as a `Stream`.
//!
//! The decision rules themselves are pinned by the unit tests in `hipchat-core/src/pager`.

use std::fmt::Debug;

use hipchat::api::emoticons::GetAllEmoticons;
use hipchat::api::prefs_public::GetAutoJoinRooms;
use hipchat::api::rooms::{
    GetAllMembers, GetAllParticipants, GetAllRooms, GetAllWebhooks, ViewRoomHistory,
};
use hipchat::api::users::{GetAllUsers, ViewPrivatechatHistory};
use hipchat::mock::{MockBackend, MockResponse};
use hipchat::model::Message;
use hipchat::pager::{Pager, Paginated, did_not_advance};
use hipchat::{Client, Error};
use serde_json::{Value, json};

const TOKEN: &str = "pager-test-token";
const BASE: &str = "https://api.hipchat.com/v2";

fn client(mock: &MockBackend) -> Client {
    Client::builder()
        .token(TOKEN)
        .backend(mock.clone())
        .build()
        .expect("a client with a token builds")
}

/// A page of `items` at `start` with page size `max`, and a `next` link when given.
fn page(items: Vec<Value>, start: u64, max: u64, next: Option<String>) -> MockResponse {
    let mut links = json!({"self": format!("{BASE}/whatever")});
    if let Some(next) = next {
        links["next"] = json!(next);
    }
    MockResponse::json(
        200,
        json!({"items": items, "startIndex": start, "maxResults": max, "links": links}),
    )
}

/// An entry that decodes as a room, member, participant, user, webhook or emoticon.
fn entry(id: u64) -> Value {
    json!({"id": id, "name": format!("entry {id}"), "event": "room_message", "shortcut": format!("e{id}")})
}

/// A history message.
fn message(n: u64) -> Value {
    json!({"id": format!("msg-{n}"), "date": "2017-05-20T10:00:00+00:00", "message": format!("text {n}")})
}

/// Scripts three pages of `path` (2 + 2 + 1 entries, page size 2): the first with a `next`
/// link, the second full but without one (the `max-results=1000` quirk), the third short. Every
/// request must carry `fixed` plus its start index. Then walks `endpoint` and checks the items
/// and the requests.
async fn walk<E>(
    endpoint: E,
    path: &str,
    fixed: &[(&str, &str)],
    item: fn(u64) -> Value,
) -> Vec<E::Item>
where
    E: Paginated + Debug,
{
    let mock = MockBackend::new();
    let with_start = |start: Option<&'static str>| {
        let mut query: Vec<(&str, &str)> = Vec::new();
        for &(name, value) in fixed {
            if name == "max-results" {
                if let Some(start) = start {
                    query.push(("start-index", start));
                }
            }
            query.push((name, value));
        }
        query
    };
    mock.expect_get(path)
        .exact_query(&with_start(None))
        .respond(page(
            vec![item(0), item(1)],
            0,
            2,
            Some(format!("{BASE}{}?start-index=2&max-results=2", &path[3..])),
        ));
    mock.expect_get(path)
        .exact_query(&with_start(Some("2")))
        .respond(page(vec![item(2), item(3)], 2, 2, None));
    mock.expect_get(path)
        .exact_query(&with_start(Some("4")))
        .respond(page(vec![item(4)], 4, 2, None));

    let items = Pager::new(client(&mock), endpoint)
        .collect_all()
        .await
        .unwrap_or_else(|e| panic!("walking {path}: {e}"));
    assert_eq!(items.len(), 5, "{path}");
    assert_eq!(mock.requests().len(), 3, "{path}");
    for request in mock.requests() {
        assert_eq!(request.path(), path);
        assert_eq!(
            request.header("authorization"),
            Some(format!("Bearer {TOKEN}").as_str())
        );
    }
    mock.assert_done();
    items
}

#[tokio::test]
async fn every_paginated_endpoint_pages_the_same_way() {
    let max = ("max-results", "2");
    let rooms = walk(
        GetAllRooms::new().max_results(2).include_private(false),
        "/v2/room",
        &[max, ("include-private", "false")],
        entry,
    )
    .await;
    assert_eq!(
        rooms.iter().map(|r| r.id).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4]
    );
    walk(
        GetAllMembers::new("Ops Team").max_results(2),
        "/v2/room/Ops%20Team/member",
        &[max],
        entry,
    )
    .await;
    walk(
        GetAllParticipants::new("ops")
            .max_results(2)
            .include_offline(true),
        "/v2/room/ops/participant",
        &[max, ("include-offline", "true")],
        entry,
    )
    .await;
    walk(
        GetAllWebhooks::new(42u64).max_results(2),
        "/v2/room/42/webhook",
        &[max],
        entry,
    )
    .await;
    let users = walk(
        GetAllUsers::new().max_results(2).include_guests(true),
        "/v2/user",
        &[max, ("include-guests", "true")],
        entry,
    )
    .await;
    assert_eq!(users[4].name, "entry 4");
    let emoticons = walk(
        GetAllEmoticons::new().max_results(2),
        "/v2/emoticon",
        &[max],
        entry,
    )
    .await;
    assert_eq!(emoticons[3].shortcut, "e3");
    walk(
        GetAutoJoinRooms::new("alice@example.com").max_results(2),
        "/v2/user/alice%40example.com/preference/auto-join",
        &[max],
        entry,
    )
    .await;
    let history: Vec<Message> = walk(
        ViewRoomHistory::new("ops")
            .date("2017-05-21T00:00:00Z")
            .max_results(2)
            .reverse(false)
            .end_date("2017-05-01T00:00:00Z"),
        "/v2/room/ops/history",
        &[
            ("date", "2017-05-21T00:00:00Z"),
            max,
            ("reverse", "false"),
            ("end-date", "2017-05-01T00:00:00Z"),
        ],
        message,
    )
    .await;
    assert_eq!(history[4].message.as_deref(), Some("text 4"));
    walk(
        ViewPrivatechatHistory::new("@bob")
            .date("2017-05-21T00:00:00Z")
            .timezone("Europe/Paris")
            .max_results(2)
            .reverse(false),
        "/v2/user/%40bob/history",
        &[
            ("date", "2017-05-21T00:00:00Z"),
            ("timezone", "Europe/Paris"),
            max,
            ("reverse", "false"),
        ],
        message,
    )
    .await;
}

#[tokio::test]
async fn only_the_start_index_of_next_is_used_and_its_host_is_never_contacted() {
    let mock = MockBackend::new();
    mock.expect_get("/v2/room").respond(page(
        vec![entry(0)],
        0,
        1,
        Some("https://attacker.example/v2/room?start-index=1&max-results=1000&expand=items".into()),
    ));
    mock.expect_get("/v2/room")
        .exact_query(&[("start-index", "1"), ("max-results", "1")])
        .respond(page(vec![], 1, 1, None));
    let rooms = Pager::new(client(&mock), GetAllRooms::new().max_results(1))
        .collect_all()
        .await
        .unwrap();
    assert_eq!(rooms.len(), 1);
    assert!(
        mock.requests()
            .iter()
            .all(|r| r.uri.host() == Some("api.hipchat.com"))
    );
    mock.assert_done();
}

#[tokio::test]
async fn a_short_page_an_empty_page_and_a_limit_all_stop() {
    // Short.
    let mock = MockBackend::new();
    mock.expect_get("/v2/user")
        .respond(page(vec![entry(0)], 0, 100, None));
    let users = Pager::new(client(&mock), GetAllUsers::new())
        .collect_all()
        .await
        .unwrap();
    assert_eq!(users.len(), 1);
    mock.assert_done();

    // Empty, even with a `next` link.
    let mock = MockBackend::new();
    mock.expect_get("/v2/user").respond(page(
        vec![],
        0,
        100,
        Some(format!("{BASE}/user?start-index=100")),
    ));
    let mut pager = Pager::new(client(&mock), GetAllUsers::new());
    assert!(pager.next_page().await.unwrap().is_none());
    assert!(pager.is_done());
    mock.assert_done();

    // Limit: 3 of a collection paged by 2 takes two requests, the second page cut short.
    let mock = MockBackend::new();
    mock.expect_get("/v2/room").respond(page(
        vec![entry(0), entry(1)],
        0,
        2,
        Some(format!("{BASE}/room?start-index=2")),
    ));
    mock.expect_get("/v2/room")
        .query("start-index", "2")
        .respond(page(
            vec![entry(2), entry(3)],
            2,
            2,
            Some(format!("{BASE}/room?start-index=4")),
        ));
    let mut pager = Pager::new(client(&mock), GetAllRooms::new().max_results(2)).limit(3);
    let mut ids = Vec::new();
    while let Some(room) = pager.next_item().await.unwrap() {
        ids.push(room.id);
    }
    assert_eq!(ids, [0, 1, 2]);
    assert_eq!(mock.requests().len(), 2, "no request past the limit");
    mock.assert_done();
}

#[tokio::test]
async fn a_server_that_does_not_advance_gives_an_error_after_a_bounded_number_of_requests() {
    let mock = MockBackend::new();
    mock.expect_get("/v2/room/ops/member")
        .any_times()
        .respond(page(
            vec![entry(0), entry(1)],
            0,
            2,
            Some(format!(
                "{BASE}/room/ops/member?start-index=0&max-results=2"
            )),
        ));
    let error = Pager::new(client(&mock), GetAllMembers::new("ops").max_results(2))
        .collect_all()
        .await
        .unwrap_err();
    assert!(did_not_advance(&error), "{error}");
    assert!(matches!(error, Error::Decode(_)));
    assert_eq!(mock.requests().len(), 1);

    // Same answer whatever the start index, full and without `next`.
    let mock = MockBackend::new();
    mock.expect_get("/v2/room/ops/member")
        .any_times()
        .respond(page(vec![entry(0), entry(1)], 0, 2, None));
    let mut pager = Pager::new(client(&mock), GetAllMembers::new("ops").max_results(2));
    let mut outcome = Vec::new();
    for _ in 0..10 {
        match pager.next_item().await {
            Ok(Some(member)) => outcome.push(Ok(member.id)),
            Ok(None) => break,
            Err(error) => outcome.push(Err(did_not_advance(&error))),
        }
    }
    assert_eq!(outcome, [Ok(0), Ok(1), Err(true)]);
    assert_eq!(mock.requests().len(), 2);
}

#[tokio::test]
async fn an_error_mid_way_surfaces_and_leaves_the_pager_in_place() {
    let mock = MockBackend::new();
    mock.expect_get("/v2/emoticon").respond(page(
        vec![entry(0)],
        0,
        1,
        Some(format!("{BASE}/emoticon?start-index=1")),
    ));
    mock.expect_get("/v2/emoticon")
        .query("start-index", "1")
        .respond(MockResponse::hipchat_error(429, "Rate Limit exceeded"));
    mock.expect_get("/v2/emoticon")
        .query("start-index", "1")
        .respond(page(vec![entry(1)], 1, 1, None));
    mock.expect_get("/v2/emoticon")
        .query("start-index", "2")
        .respond(page(vec![], 2, 1, None));
    let mut pager = Pager::new(client(&mock), GetAllEmoticons::new().max_results(1));
    assert_eq!(pager.next_page().await.unwrap().unwrap().items[0].id, 0);
    let Err(Error::Api(error)) = pager.next_page().await else {
        panic!("the 429 must surface")
    };
    assert_eq!(error.status(), 429);
    // Resume later from where it stopped, here with a fresh pager.
    let resume = pager.next_request().cloned().unwrap();
    assert_eq!(resume.requested_start_index(), 1);
    let rest = Pager::new(client(&mock), resume)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(rest.iter().map(|e| e.id).collect::<Vec<_>>(), [1]);
    mock.assert_done();
}

#[tokio::test]
async fn history_without_a_date_is_a_single_page() {
    let latest: Vec<Value> = (0..75).map(message).collect();
    let mock = MockBackend::new();
    mock.expect_get("/v2/user/1/history").respond(MockResponse::json(
        200,
        json!({"items": latest, "maxResults": 75, "links": {"self": format!("{BASE}/user/1/history")}}),
    ));
    let messages = Pager::new(client(&mock), ViewPrivatechatHistory::new(1u64))
        .collect_all()
        .await
        .unwrap();
    assert_eq!(messages.len(), 75);
    mock.assert_done();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pager_runs_on_a_spawned_task() {
    let mock = MockBackend::new();
    mock.expect_get("/v2/room").respond(page(
        vec![entry(0), entry(1)],
        0,
        2,
        Some(format!("{BASE}/room?start-index=2")),
    ));
    mock.expect_get("/v2/room")
        .query("start-index", "2")
        .respond(page(vec![entry(2)], 2, 2, None));
    let pager = Pager::new(client(&mock), GetAllRooms::new());
    let rooms = tokio::spawn(pager.collect_all()).await.unwrap().unwrap();
    assert_eq!(rooms.len(), 3);
    mock.assert_done();
}

#[cfg(feature = "stream")]
mod stream {
    use std::future::poll_fn;
    use std::pin::Pin;

    use hipchat::pager::Stream;

    use super::*;

    #[tokio::test]
    async fn the_stream_yields_every_item_in_order_then_ends() {
        let mock = MockBackend::new();
        mock.expect_get("/v2/room/ops/history")
            .exact_query(&[
                ("date", "2017-05-21T00:00:00Z"),
                ("max-results", "2"),
                ("reverse", "false"),
            ])
            .respond(page(
                vec![message(0), message(1)],
                0,
                2,
                Some(format!(
                    "{BASE}/room/ops/history?start-index=2&max-results=2"
                )),
            ));
        mock.expect_get("/v2/room/ops/history")
            .exact_query(&[
                ("date", "2017-05-21T00:00:00Z"),
                ("start-index", "2"),
                ("max-results", "2"),
                ("reverse", "false"),
            ])
            .respond(page(vec![message(2), message(3)], 2, 2, None));
        mock.expect_get("/v2/room/ops/history")
            .query("start-index", "4")
            .respond(page(vec![message(4)], 4, 2, None));
        let history = ViewRoomHistory::new("ops")
            .date("2017-05-21T00:00:00Z")
            .max_results(2)
            .reverse(false);
        let mut stream = Pager::new(client(&mock), history).into_stream();
        let mut ids = Vec::new();
        while let Some(message) = poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await {
            ids.push(message.unwrap().id);
        }
        assert_eq!(ids, ["msg-0", "msg-1", "msg-2", "msg-3", "msg-4"]);
        assert!(
            poll_fn(|cx| Pin::new(&mut stream).poll_next(cx))
                .await
                .is_none()
        );
        mock.assert_done();
    }

    #[tokio::test]
    async fn the_stream_yields_an_error_once_and_stops() {
        let mock = MockBackend::new();
        mock.expect_get("/v2/user")
            .any_times()
            .respond(MockResponse::hipchat_error(401, "Invalid OAuth session"));
        let mut stream = Pager::new(client(&mock), GetAllUsers::new()).into_stream();
        let first = poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await;
        assert!(matches!(first, Some(Err(Error::Api(e))) if e.status() == 401));
        assert!(
            poll_fn(|cx| Pin::new(&mut stream).poll_next(cx))
                .await
                .is_none()
        );
        assert_eq!(mock.requests().len(), 1);
    }
}
