//! The fake HipChat answers anything a caller can send without panicking: every route of the
//! catalogue, with generated path parameters, query strings and bodies, gets an HTTP answer,
//! and every error answer carries HipChat's error body with the status as its code.
#![cfg(feature = "fake")]

use futures_executor::block_on;
use hipchat_core::HttpBackend;
use hipchat_core::encode_path_segment;
use hipchat_core::fake::FakeHipChat;
use proptest::prelude::*;

#[derive(serde::Deserialize)]
struct CatalogueRow {
    method: String,
    path: String,
}

fn catalogue() -> Vec<CatalogueRow> {
    serde_json::from_str(include_str!("catalogue/endpoints.json")).expect("the catalogue parses")
}

/// Path parameters worth trying: ids that exist in the demo, ones that do not, odd text.
fn parameter() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Ops".to_owned()),
        Just("2".to_owned()),
        Just("@alice".to_owned()),
        Just("alice@example.com".to_owned()),
        Just("00000000-0000-4000-8000-000000000001".to_owned()),
        "[0-9]{1,20}",
        any::<String>(),
    ]
}

/// Bodies worth trying: JSON objects with odd members, JSON of other types, bytes.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let value = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::from),
    ];
    let names = prop_oneof![
        Just("name".to_owned()),
        Just("message".to_owned()),
        Just("topic".to_owned()),
        Just("url".to_owned()),
        Just("event".to_owned()),
        Just("card".to_owned()),
        Just("email".to_owned()),
        Just("privacy".to_owned()),
        any::<String>(),
    ];
    prop_oneof![
        proptest::collection::btree_map(names, value, 0..5)
            .prop_map(|m| serde_json::to_vec(&m).expect("a map serializes")),
        proptest::collection::vec(any::<u8>(), 0..64),
        Just(Vec::new()),
    ]
}

fn query() -> impl Strategy<Value = String> {
    let pair = (
        prop_oneof![
            Just("start-index"),
            Just("max-results"),
            Just("date"),
            Just("end-date"),
            Just("reverse"),
            Just("not-before"),
            Just("include-private"),
            Just("expand"),
            Just("type"),
        ],
        prop_oneof![
            Just("-1".to_owned()),
            Just("1001".to_owned()),
            "[0-9]{1,25}",
            any::<String>()
        ],
    );
    proptest::collection::vec(pair, 0..4).prop_map(|pairs| {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in pairs {
            query.append_pair(name, &value);
        }
        query.finish()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_request_gets_an_answer(
        route in 0usize..103,
        params in proptest::collection::vec(parameter(), 3),
        query in query(),
        body in body(),
        content_type in prop_oneof![
            Just("application/json"),
            Just("application/x-www-form-urlencoded"),
            Just("text/plain"),
            Just("multipart/related; boundary=x"),
        ],
    ) {
        let rows = catalogue();
        let row = &rows[route % rows.len()];
        let mut params = params.into_iter();
        let path: Vec<String> = row
            .path
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    let value = params.next().unwrap_or_default();
                    encode_path_segment("param", &value).unwrap_or_else(|_| "x".to_owned())
                } else {
                    segment.to_owned()
                }
            })
            .collect();
        let uri = format!("https://hipchat.fake/v2{}?{query}", path.join("/"));
        let request = http::Request::builder()
            .method(row.method.as_str())
            .uri(&uri)
            .header("authorization", format!("Bearer {}", FakeHipChat::ADMIN_TOKEN))
            .header("content-type", content_type)
            .body(body)
            .expect("a valid request");
        let fake = FakeHipChat::demo();
        let response = block_on(fake.send(request)).expect("the fake always answers");
        let status = response.status().as_u16();
        prop_assert!((200..600).contains(&status), "{uri}: {status}");
        if status >= 400 {
            let error: serde_json::Value = serde_json::from_slice(response.body())
                .map_err(|e| TestCaseError::fail(format!("{uri}: {status} without JSON: {e}")))?;
            prop_assert_eq!(&error["error"]["code"], &serde_json::json!(status), "{}", uri);
            prop_assert!(error["error"]["message"].is_string(), "{}", uri);
        }
    }
}
