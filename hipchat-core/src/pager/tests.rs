use super::*;

fn page(len: usize, start_index: u64, max_results: u64) -> Page<u32> {
    Page::new((0..len as u32).collect(), start_index, max_results)
}

#[test]
fn next_step_follows_the_next_link_start_index() {
    let p = page(2, 0, 2).with_next("https://api.hipchat.com/v2/room?max-results=2&start-index=2");
    assert_eq!(next_step(0, Some(2), true, &p), Step::Continue(2));
    // Relative links and fragments are read too.
    let p = page(2, 0, 2).with_next("/v2/room?start-index=7#frag");
    assert_eq!(next_step(0, None, true, &p), Step::Continue(7));
    // A `next` with no readable start index still means more: continue by arithmetic.
    let p = page(3, 4, 10).with_next("https://api.hipchat.com/v2/room?start-index=oops");
    assert_eq!(next_step(4, None, true, &p), Step::Continue(7));
}

#[test]
fn next_step_falls_back_to_arithmetic_only_after_a_full_page() {
    // Full by the page's own maxResults (the max-results=1000 quirk).
    assert_eq!(
        next_step(0, Some(1000), true, &page(1000, 0, 1000)),
        Step::Continue(1000)
    );
    // Full by the requested max-results when the server did not say.
    assert_eq!(
        next_step(5, Some(5), true, &page(5, 5, 0)),
        Step::Continue(10)
    );
    // Short, empty, or unknown page size: stop.
    assert_eq!(next_step(0, Some(5), true, &page(4, 0, 5)), Step::Stop);
    assert_eq!(next_step(0, None, true, &page(0, 0, 5)), Step::Stop);
    assert_eq!(next_step(0, None, true, &page(5, 0, 0)), Step::Stop);
    let empty_with_next = page(0, 0, 5).with_next("https://x/v2/room?start-index=5");
    assert_eq!(next_step(0, None, true, &empty_with_next), Step::Stop);
    // A request that does not page stops after its one page, full or not.
    let p = page(75, 0, 75).with_next("https://x/v2/room/1/history?start-index=75");
    assert_eq!(next_step(0, None, false, &p), Step::Stop);
}

#[test]
fn next_step_refuses_to_go_back_or_stand_still() {
    let same = page(2, 2, 2).with_next("https://x/v2/room?start-index=2&max-results=2");
    let Step::StallAfter(detail) = next_step(2, Some(2), true, &same) else {
        panic!("a `next` at the same start index must stall")
    };
    assert!(detail.contains("start-index 2"), "{detail}");
    let back = page(2, 4, 2).with_next("https://x/v2/room?start-index=0");
    assert!(matches!(
        next_step(4, Some(2), true, &back),
        Step::StallAfter(_)
    ));
    // The server answered start-index 4 with the page at 0: it ignores start-index.
    assert!(matches!(
        next_step(4, Some(2), true, &page(2, 0, 2)),
        Step::Reject(_)
    ));
    // Skipping ahead is the server's business: follow it.
    let ahead = page(2, 6, 2).with_next("https://x/v2/room?start-index=8");
    assert_eq!(next_step(4, Some(2), true, &ahead), Step::Continue(8));
    assert_eq!(
        next_step(4, Some(2), true, &page(2, 6, 2)),
        Step::Continue(8)
    );
}

#[test]
fn history_pages_only_with_a_date() {
    assert!(!ViewRoomHistory::new("ops").is_paged());
    assert!(!ViewRoomHistory::new("ops").date("recent").is_paged());
    assert!(
        ViewRoomHistory::new("ops")
            .date("2017-05-21T00:00:00Z")
            .is_paged()
    );
    assert!(!ViewPrivatechatHistory::new("alice@example.com").is_paged());
    assert!(
        ViewPrivatechatHistory::new(1u64)
            .date("2017-05-21")
            .is_paged()
    );
    assert!(GetAllRooms::new().is_paged());
}

#[test]
fn at_start_index_keeps_every_other_parameter() {
    let rooms = GetAllRooms::new()
        .max_results(50)
        .include_archived(true)
        .expand("items");
    let next = rooms.at_start_index(50);
    assert_eq!(next, rooms.clone().start_index(50));
    assert_eq!(
        (next.requested_start_index(), next.requested_max_results()),
        (50, Some(50))
    );
    assert_eq!(rooms.requested_start_index(), 0);
    let history = ViewRoomHistory::new("ops")
        .date("2017-05-21T00:00:00Z")
        .end_date("2017-05-01T00:00:00Z")
        .reverse(false)
        .at_start_index(100);
    assert_eq!(
        history.query().encode(),
        "date=2017-05-21T00%3A00%3A00Z&start-index=100&reverse=false&end-date=2017-05-01T00%3A00%3A00Z"
    );
}

#[test]
fn the_stall_error_is_recognisable() {
    let error = not_advancing("detail".into());
    assert!(did_not_advance(&error));
    assert_eq!(error.status(), Some(StatusCode::OK));
    assert!(error.to_string().contains("did not advance"), "{error}");
    assert!(!did_not_advance(&Error::invalid_input("x", "y")));
}

#[cfg(feature = "mock")]
mod with_mock {
    use futures_executor::block_on;
    use serde_json::{Value, json};

    use super::super::*;
    use crate::TransportErrorKind;
    use crate::mock::{MockBackend, MockResponse};

    const BASE: &str = "https://api.hipchat.com/v2";

    fn client(mock: &MockBackend) -> Client {
        Client::builder()
            .token("secret-token")
            .backend(mock.clone())
            .build()
            .unwrap()
    }

    fn rooms(ids: std::ops::Range<u64>) -> Vec<Value> {
        ids.map(|id| json!({"id": id, "name": format!("room-{id}")}))
            .collect()
    }

    fn envelope(items: Vec<Value>, start: u64, max: u64, next: Option<&str>) -> MockResponse {
        let mut links = json!({"self": format!("{BASE}/room")});
        if let Some(next) = next {
            links["next"] = json!(next);
        }
        MockResponse::json(
            200,
            json!({"items": items, "startIndex": start, "maxResults": max, "links": links}),
        )
    }

    fn queries(mock: &MockBackend) -> Vec<String> {
        mock.requests()
            .iter()
            .map(|r| r.uri.query().unwrap_or("").to_owned())
            .collect()
    }

    fn ids(items: &[RoomSummary]) -> Vec<u64> {
        items.iter().map(|r| r.id).collect()
    }

    #[test]
    fn follows_next_across_three_pages_with_exact_queries() {
        let mock = MockBackend::new();
        mock.expect_get("/v2/room")
            .exact_query(&[("max-results", "2"), ("include-archived", "true")])
            .respond(envelope(
                rooms(0..2),
                0,
                2,
                Some(&format!(
                    "{BASE}/room?start-index=2&max-results=2&include-archived=true"
                )),
            ));
        // The server's `next` carries other parameters: only its start index is used.
        mock.expect_get("/v2/room")
            .exact_query(&[
                ("start-index", "2"),
                ("max-results", "2"),
                ("include-archived", "true"),
            ])
            .respond(envelope(
                rooms(2..4),
                2,
                2,
                Some(&format!(
                    "{BASE}/room?start-index=4&max-results=500&expand=items"
                )),
            ));
        mock.expect_get("/v2/room")
            .exact_query(&[
                ("start-index", "4"),
                ("max-results", "2"),
                ("include-archived", "true"),
            ])
            .respond(envelope(rooms(4..5), 4, 2, None));

        let endpoint = GetAllRooms::new().max_results(2).include_archived(true);
        let mut pager = Pager::new(client(&mock), endpoint);
        let mut pages = Vec::new();
        while let Some(page) = block_on(pager.next_page()).unwrap() {
            pages.push((page.start_index, ids(&page.items)));
        }
        assert_eq!(pages, [(0, vec![0, 1]), (2, vec![2, 3]), (4, vec![4])]);
        assert_eq!(pager.pages_fetched(), 3);
        assert!(pager.is_done());
        assert!(block_on(pager.next_page()).unwrap().is_none());
        assert_eq!(
            queries(&mock),
            [
                "max-results=2&include-archived=true",
                "start-index=2&max-results=2&include-archived=true",
                "start-index=4&max-results=2&include-archived=true",
            ]
        );
        mock.assert_done();
    }

    #[test]
    fn a_full_page_of_1000_without_next_continues_by_arithmetic() {
        let mock = MockBackend::new();
        mock.expect_get("/v2/room")
            .exact_query(&[("max-results", "1000")])
            .respond(envelope(rooms(0..1000), 0, 1000, None));
        mock.expect_get("/v2/room")
            .exact_query(&[("start-index", "1000"), ("max-results", "1000")])
            .respond(envelope(rooms(1000..1003), 1000, 1000, None));
        let all =
            block_on(Pager::new(client(&mock), GetAllRooms::new().max_results(1000)).collect_all())
                .unwrap();
        assert_eq!(ids(&all), (0..1003).collect::<Vec<_>>());
        mock.assert_done();
    }

    #[test]
    fn the_page_size_the_server_reports_counts_as_full_too() {
        // The caller set no max-results; the server applied 2 and dropped `next`.
        let mock = MockBackend::new();
        mock.expect_get("/v2/user/1/preference/auto-join")
            .exact_query(&[])
            .respond(envelope(rooms(0..2), 0, 2, None));
        mock.expect_get("/v2/user/1/preference/auto-join")
            .exact_query(&[("start-index", "2")])
            .respond(envelope(vec![], 2, 2, None));
        let all =
            block_on(Pager::new(client(&mock), GetAutoJoinRooms::new(1u64)).collect_all()).unwrap();
        assert_eq!(ids(&all), [0, 1]);
        mock.assert_done();
    }

    #[test]
    fn a_short_page_stops() {
        let mock = MockBackend::new();
        mock.expect_get("/v2/room")
            .respond(envelope(rooms(0..3), 0, 5, None));
        let mut pager = Pager::new(client(&mock), GetAllRooms::new().max_results(5));
        let mut seen = Vec::new();
        while let Some(room) = block_on(pager.next_item()).unwrap() {
            seen.push(room.id);
        }
        assert_eq!(seen, [0, 1, 2]);
        assert!(pager.is_done());
        assert!(pager.next_request().is_none());
        assert_eq!(mock.requests().len(), 1);
        mock.assert_done();
    }

    #[test]
    fn an_empty_page_stops_even_with_a_next_link() {
        let mock = MockBackend::new();
        mock.expect_get("/v2/room/ops/member").respond(envelope(
            vec![],
            0,
            100,
            Some(&format!("{BASE}/room/ops/member?start-index=100")),
        ));
        let mut pager = Pager::new(client(&mock), GetAllMembers::new("ops"));
        assert!(block_on(pager.next_page()).unwrap().is_none());
        assert!(block_on(pager.next_item()).unwrap().is_none());
        assert!(pager.is_done());
        assert_eq!(mock.requests().len(), 1);
        mock.assert_done();
    }

    #[test]
    fn the_limit_stops_early_without_an_extra_request() {
        let mock = MockBackend::new();
        mock.expect_get("/v2/room")
            .exact_query(&[("max-results", "2")])
            .respond(envelope(
                rooms(0..2),
                0,
                2,
                Some(&format!("{BASE}/room?start-index=2")),
            ));
        mock.expect_get("/v2/room")
            .exact_query(&[("start-index", "2"), ("max-results", "2")])
            .respond(envelope(
                rooms(2..4),
                2,
                2,
                Some(&format!("{BASE}/room?start-index=4")),
            ));
        let mut pager = Pager::new(client(&mock), GetAllRooms::new().max_results(2)).limit(3);
        let first = block_on(pager.next_page()).unwrap().unwrap();
        assert_eq!(ids(&first.items), [0, 1]);
        let second = block_on(pager.next_page()).unwrap().unwrap();
        assert_eq!(ids(&second.items), [2], "cut at the limit");
        assert!(pager.is_done());
        assert!(pager.next_request().is_none());
        assert!(block_on(pager.next_page()).unwrap().is_none());
        assert_eq!(mock.requests().len(), 2);
        mock.assert_done();

        // A limit that falls on a page boundary sends nothing more either.
        let mock = MockBackend::new();
        mock.expect_get("/v2/room").respond(envelope(
            rooms(0..2),
            0,
            2,
            Some(&format!("{BASE}/room?start-index=2")),
        ));
        let all = block_on(
            Pager::new(client(&mock), GetAllRooms::new().max_results(2))
                .limit(2)
                .collect_all(),
        )
        .unwrap();
        assert_eq!(ids(&all), [0, 1]);
        assert_eq!(mock.requests().len(), 1);

        // A limit of zero sends nothing at all.
        let mock = MockBackend::new();
        let mut pager = Pager::new(client(&mock), GetAllRooms::new()).limit(0);
        assert!(pager.is_done());
        assert!(block_on(pager.next_item()).unwrap().is_none());
        assert!(mock.requests().is_empty());
    }

    #[test]
    fn a_next_link_repeating_the_start_index_is_an_error_not_a_loop() {
        let mock = MockBackend::new();
        let same = format!("{BASE}/room?start-index=0&max-results=2");
        mock.expect_get("/v2/room")
            .any_times()
            .respond(envelope(rooms(0..2), 0, 2, Some(&same)));
        let mut pager = Pager::new(client(&mock), GetAllRooms::new().max_results(2));
        // The page itself is handed out; the error comes when the pager would go on.
        assert_eq!(block_on(pager.next_item()).unwrap().unwrap().id, 0);
        assert_eq!(block_on(pager.next_item()).unwrap().unwrap().id, 1);
        assert!(!pager.is_done());
        let error = block_on(pager.next_item()).unwrap_err();
        assert!(did_not_advance(&error), "{error}");
        assert!(error.to_string().contains("start-index 0"), "{error}");
        assert!(pager.is_done());
        assert!(block_on(pager.next_item()).unwrap().is_none());
        assert_eq!(mock.requests().len(), 1);

        // collect_all surfaces it as well.
        let mock = MockBackend::new();
        mock.expect_get("/v2/room")
            .any_times()
            .respond(envelope(rooms(0..2), 0, 2, Some(&same)));
        let error =
            block_on(Pager::new(client(&mock), GetAllRooms::new().max_results(2)).collect_all())
                .unwrap_err();
        assert!(did_not_advance(&error));
        assert_eq!(mock.requests().len(), 1);
    }

    #[test]
    fn a_server_that_ignores_start_index_is_an_error_not_a_loop() {
        // Always the first page, full, without `next`.
        let mock = MockBackend::new();
        mock.expect_get("/v2/room")
            .any_times()
            .respond(envelope(rooms(0..2), 0, 2, None));
        let result =
            block_on(Pager::new(client(&mock), GetAllRooms::new().max_results(2)).collect_all());
        let error = result.unwrap_err();
        assert!(did_not_advance(&error), "{error}");
        assert!(error.to_string().contains("start-index 2"), "{error}");
        assert_eq!(
            queries(&mock),
            ["max-results=2", "start-index=2&max-results=2"]
        );
    }

    #[test]
    fn history_by_date_range_keeps_its_parameters_on_every_page() {
        let message = |n: u32| {
            json!({"id": format!("m{n}"), "date": format!("2017-05-{:02}T10:00:00+00:00", 20 - n),
                   "message": format!("message {n}"), "type": "message"})
        };
        let mock = MockBackend::new();
        let expected = |start: Option<&'static str>| {
            let mut query = vec![
                ("date", "2017-05-21T00:00:00Z"),
                ("timezone", "Europe/Paris"),
            ];
            if let Some(start) = start {
                query.push(("start-index", start));
            }
            query.extend([
                ("max-results", "2"),
                ("reverse", "false"),
                ("end-date", "2017-05-01T00:00:00Z"),
            ]);
            query
        };
        mock.expect_get("/v2/room/Ops%20Team/history")
            .exact_query(&expected(None))
            .respond(envelope(
                vec![message(1), message(2)],
                0,
                2,
                Some(&format!("{BASE}/room/Ops%20Team/history?start-index=2&max-results=2&date=2017-05-21T00%3A00%3A00Z")),
            ));
        // The quirk on a history page: full, no `next`.
        mock.expect_get("/v2/room/Ops%20Team/history")
            .exact_query(&expected(Some("2")))
            .respond(envelope(vec![message(3), message(4)], 2, 2, None));
        mock.expect_get("/v2/room/Ops%20Team/history")
            .exact_query(&expected(Some("4")))
            .respond(envelope(vec![message(5)], 4, 2, None));
        let history = ViewRoomHistory::new("Ops Team")
            .date("2017-05-21T00:00:00Z")
            .timezone("Europe/Paris")
            .max_results(2)
            .reverse(false)
            .end_date("2017-05-01T00:00:00Z");
        let all = block_on(Pager::new(client(&mock), history).collect_all()).unwrap();
        let ids: Vec<&str> = all.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["m1", "m2", "m3", "m4", "m5"]);
        mock.assert_done();

        // The private-chat history pages the same way.
        let mock = MockBackend::new();
        mock.expect_get("/v2/user/alice%40example.com/history")
            .exact_query(&[
                ("date", "2017-05-21"),
                ("max-results", "1"),
                ("reverse", "false"),
            ])
            .respond(envelope(vec![message(1)], 0, 1, None));
        mock.expect_get("/v2/user/alice%40example.com/history")
            .exact_query(&[
                ("date", "2017-05-21"),
                ("start-index", "1"),
                ("max-results", "1"),
                ("reverse", "false"),
            ])
            .respond(envelope(vec![], 1, 1, None));
        let chat = ViewPrivatechatHistory::new("alice@example.com")
            .date("2017-05-21")
            .max_results(1)
            .reverse(false);
        let all = block_on(Pager::new(client(&mock), chat).collect_all()).unwrap();
        assert_eq!(all.len(), 1);
        mock.assert_done();
    }

    #[test]
    fn history_without_a_date_is_one_page() {
        let items: Vec<Value> = (0..75)
            .map(|n| json!({"id": format!("m{n}"), "date": "2017-05-20T10:00:00+00:00"}))
            .collect();
        let mock = MockBackend::new();
        // The latest 75: a "full" page with no startIndex and no paging.
        mock.expect_get("/v2/room/ops/history")
            .times(2)
            .respond(MockResponse::json(
                200,
                json!({"items": items, "maxResults": 75, "links": {"self": format!("{BASE}/room/ops/history")}}),
            ));
        let all =
            block_on(Pager::new(client(&mock), ViewRoomHistory::new("ops")).collect_all()).unwrap();
        assert_eq!(all.len(), 75);
        let recent = ViewRoomHistory::new("ops").date("recent").start_index(10);
        let all = block_on(Pager::new(client(&mock), recent).collect_all()).unwrap();
        assert_eq!(
            all.len(),
            75,
            "not paged, so its missing startIndex is no error"
        );
        assert_eq!(mock.requests().len(), 2);
        mock.assert_done();
    }

    #[test]
    fn a_next_link_to_another_host_is_never_contacted() {
        let mock = MockBackend::new();
        mock.expect_get("/v2/room/ops/webhook")
            .respond(MockResponse::json(200, json!({
                "items": [{"id": 1, "name": "hook", "event": "room_message", "url": "https://bot.example/hook"}],
                "startIndex": 0, "maxResults": 1,
                "links": {"next": "https://evil.example/steal?start-index=1&max-results=1"}
            })));
        mock.expect_get("/v2/room/ops/webhook")
            .exact_query(&[("start-index", "1"), ("max-results", "1")])
            .respond(envelope(vec![], 1, 1, None));
        let all = block_on(
            Pager::new(client(&mock), GetAllWebhooks::new("ops").max_results(1)).collect_all(),
        )
        .unwrap();
        assert_eq!(all.len(), 1);
        for request in mock.requests() {
            assert_eq!(request.uri.host(), Some("api.hipchat.com"));
            assert_eq!(request.path(), "/v2/room/ops/webhook");
            assert_eq!(request.header("authorization"), Some("Bearer secret-token"));
        }
        assert_eq!(mock.requests().len(), 2);
        mock.assert_done();
    }

    #[test]
    fn errors_mid_way_surface_and_the_same_page_can_be_retried() {
        let mock = MockBackend::new();
        mock.expect_get("/v2/room/ops/participant")
            .exact_query(&[("max-results", "2")])
            .respond(envelope(
                rooms(0..2),
                0,
                2,
                Some(&format!("{BASE}/room/ops/participant?start-index=2")),
            ));
        mock.expect_get("/v2/room/ops/participant")
            .exact_query(&[("start-index", "2"), ("max-results", "2")])
            .respond(MockResponse::hipchat_error(500, "Internal error"));
        mock.expect_get("/v2/room/ops/participant")
            .exact_query(&[("start-index", "2"), ("max-results", "2")])
            .respond(MockResponse::transport_error(
                TransportErrorKind::Timeout,
                "slow",
            ));
        mock.expect_get("/v2/room/ops/participant")
            .exact_query(&[("start-index", "2"), ("max-results", "2")])
            .respond(envelope(rooms(2..3), 2, 2, None));
        let mut pager = Pager::new(client(&mock), GetAllParticipants::new("ops").max_results(2));
        assert_eq!(block_on(pager.next_item()).unwrap().unwrap().id, 0);
        assert_eq!(block_on(pager.next_item()).unwrap().unwrap().id, 1);
        let Err(Error::Api(error)) = block_on(pager.next_item()) else {
            panic!("the 500 must surface")
        };
        assert_eq!(error.status(), 500);
        assert_eq!(pager.next_request().unwrap().requested_start_index(), 2);
        assert!(matches!(
            block_on(pager.next_item()),
            Err(Error::Transport(_))
        ));
        assert_eq!(block_on(pager.next_item()).unwrap().unwrap().id, 2);
        assert!(block_on(pager.next_item()).unwrap().is_none());
        mock.assert_done();

        // collect_all stops at the first error.
        let mock = MockBackend::new();
        mock.expect_get("/v2/emoticon").respond(MockResponse::json(
            200,
            json!({"items": [{"id": 1, "shortcut": "yey"}], "startIndex": 0, "maxResults": 1}),
        ));
        mock.expect_get("/v2/emoticon")
            .query("start-index", "1")
            .respond(MockResponse::json(200, json!({"items": "not a list"})));
        let result = block_on(Pager::new(client(&mock), GetAllEmoticons::new()).collect_all());
        assert!(matches!(result, Err(Error::Decode(_))));
        mock.assert_done();
    }

    #[test]
    fn next_page_after_next_item_returns_the_rest_of_the_page() {
        let mock = MockBackend::new();
        mock.expect_get("/v2/user").respond(MockResponse::json(
            200,
            json!({"items": [{"id": 1, "name": "A"}, {"id": 2, "name": "B"}, {"id": 3, "name": "C"}],
                   "startIndex": 10, "maxResults": 5, "links": {}}),
        ));
        let mut pager = Pager::new(client(&mock), GetAllUsers::new().start_index(10));
        assert_eq!(block_on(pager.next_item()).unwrap().unwrap().id, 1);
        let rest = block_on(pager.next_page()).unwrap().unwrap();
        assert_eq!(rest.start_index, 11);
        assert_eq!(rest.max_results, 5);
        assert_eq!(rest.items.iter().map(|u| u.id).collect::<Vec<_>>(), [2, 3]);
        assert!(block_on(pager.next_page()).unwrap().is_none());
        mock.assert_done();
    }

    #[test]
    fn debug_shows_the_position_not_the_token() {
        let mock = MockBackend::new();
        let pager = Pager::new(client(&mock), GetAllRooms::new().start_index(4)).limit(9);
        let shown = format!("{pager:?}");
        assert!(shown.contains("limit: Some(9)"), "{shown}");
        assert!(shown.contains("start_index: Some(4)"), "{shown}");
        assert!(!shown.contains("secret-token"), "{shown}");
    }

    #[cfg(feature = "stream")]
    mod stream {
        use super::*;
        use futures_core::stream::FusedStream;
        use futures_executor::block_on_stream;

        #[test]
        fn the_stream_yields_every_item_in_order() {
            let mock = MockBackend::new();
            mock.expect_get("/v2/room")
                .exact_query(&[("max-results", "2")])
                .respond(envelope(
                    rooms(0..2),
                    0,
                    2,
                    Some(&format!("{BASE}/room?start-index=2")),
                ));
            mock.expect_get("/v2/room")
                .exact_query(&[("start-index", "2"), ("max-results", "2")])
                .respond(envelope(rooms(2..4), 2, 2, None));
            mock.expect_get("/v2/room")
                .exact_query(&[("start-index", "4"), ("max-results", "2")])
                .respond(envelope(rooms(4..5), 4, 2, None));
            let stream = Pager::new(client(&mock), GetAllRooms::new().max_results(2)).into_stream();
            let seen: Vec<u64> = block_on_stream(stream).map(|r| r.unwrap().id).collect();
            assert_eq!(seen, [0, 1, 2, 3, 4]);
            mock.assert_done();
        }

        #[test]
        fn the_stream_honours_the_limit_and_ends_after_an_error() {
            let mock = MockBackend::new();
            mock.expect_get("/v2/room").respond(envelope(
                rooms(0..2),
                0,
                2,
                Some(&format!("{BASE}/room?start-index=2")),
            ));
            let stream = Pager::new(client(&mock), GetAllRooms::new())
                .limit(1)
                .into_stream();
            let seen: Vec<u64> = block_on_stream(stream).map(|r| r.unwrap().id).collect();
            assert_eq!(seen, [0]);
            assert_eq!(mock.requests().len(), 1);

            let mock = MockBackend::new();
            mock.expect_get("/v2/room").respond(envelope(
                rooms(0..2),
                0,
                2,
                Some(&format!("{BASE}/room?start-index=2")),
            ));
            mock.expect_get("/v2/room")
                .query("start-index", "2")
                .respond(MockResponse::hipchat_error(403, "Forbidden"));
            let mut stream =
                block_on_stream(Pager::new(client(&mock), GetAllRooms::new()).into_stream());
            assert_eq!(stream.next().unwrap().unwrap().id, 0);
            assert_eq!(stream.next().unwrap().unwrap().id, 1);
            assert!(matches!(stream.next(), Some(Err(Error::Api(_)))));
            assert!(stream.next().is_none());
            assert_eq!(mock.requests().len(), 2);
        }

        #[test]
        fn the_stream_is_fused_and_send() {
            fn assert_send<T: Send>(_: &T) {}
            let mock = MockBackend::new();
            mock.expect_get("/v2/room")
                .respond(envelope(vec![], 0, 2, None));
            let mut stream = Pager::new(client(&mock), GetAllRooms::new()).into_stream();
            assert_send(&stream);
            assert!(!stream.is_terminated());
            let waker = std::task::Waker::noop();
            let mut cx = std::task::Context::from_waker(waker);
            let polled = std::pin::Pin::new(&mut stream).poll_next(&mut cx);
            assert!(matches!(polled, std::task::Poll::Ready(None)));
            assert!(stream.is_terminated());
        }
    }
}

/// Found by the `pager` fuzz target: a server claiming `startIndex` = `u64::MAX` made the
/// arithmetic continuation saturate and ask for the same page forever.
#[test]
fn next_step_stalls_instead_of_saturating_at_the_end_of_u64() {
    let huge = page(27, u64::MAX, u64::MAX).with_next("");
    assert!(matches!(
        next_step(0, None, true, &huge),
        Step::StallAfter(_)
    ));
    assert!(matches!(
        next_step(u64::MAX, None, true, &huge),
        Step::StallAfter(_)
    ));
    let near = page(3, u64::MAX - 3, 3);
    assert_eq!(
        next_step(u64::MAX - 3, Some(3), true, &near),
        Step::Continue(u64::MAX)
    );
    let over = page(3, u64::MAX - 2, 3);
    assert!(matches!(
        next_step(u64::MAX - 2, Some(3), true, &over),
        Step::StallAfter(_)
    ));
}
