//! Fuzzes request building: arbitrary strings as base URLs, tokens, room names, user refs,
//! message ids, messages and query values go into `build_request` for a few endpoints.
//!
//! Oracles:
//! * no panic;
//! * an error is always `Error::InvalidInput` (nothing else can happen before sending);
//! * when a request is built, its path is the base URL's path followed by exactly the
//!   endpoint's segments: the literal ones as written and each parameter as one segment that
//!   percent-decodes back to the value given;
//! * the query decodes back to the values given, in the documented order;
//! * a notification body is JSON carrying the message as given;
//! * an input that is plainly valid (default base URL, simple token, non-empty room that is not
//!   `.` or `..`, message of 1..=10000 characters, max-results ≤ 1000, known colour) is built.
#![no_main]

use hipchat_core::api::rooms::{GetRoom, GetRoomMessage, SendRoomNotification, ViewRoomHistory};
use hipchat_core::api::users::{PrivateMessageUser, ViewUser};
use hipchat_core::model::{Color, MessageFormat};
use hipchat_core::{Client, ClientConfig, Endpoint, Error, HttpRequest, UserRef, build_request};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Base {
    Default,
    /// `https://{host}{path}`
    Https {
        host: String,
        path: String,
    },
    /// Anything at all.
    Raw(String),
}

#[derive(Arbitrary, Debug)]
enum Room {
    Name(String),
    Id(u64),
}

#[derive(Arbitrary, Debug)]
struct Input {
    base: Base,
    allow_insecure_http: bool,
    token: String,
    auth_test: bool,
    room: Room,
    user: String,
    user_as_mention: bool,
    message_id: String,
    message: String,
    expand: Option<String>,
    color: Option<String>,
    from: Option<String>,
    notify: Option<bool>,
    html: bool,
    date: Option<String>,
    timezone: Option<String>,
    end_date: Option<String>,
    start_index: Option<u64>,
    max_results: Option<u64>,
    reverse: Option<bool>,
    include_deleted: Option<bool>,
}

/// One expected path segment.
enum Seg<'a> {
    Lit(&'static str),
    Param(&'a str),
}

fn percent_decode(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8()
        .unwrap_or_else(|e| panic!("segment {segment:?} does not decode to UTF-8: {e}"))
        .into_owned()
}

/// Builds `endpoint`; on success checks the path and returns the request.
fn build_and_check<E: Endpoint>(
    config: &ClientConfig,
    endpoint: &E,
    expected: &[Seg<'_>],
) -> Option<HttpRequest> {
    let request = match build_request(config, endpoint) {
        Ok(request) => request,
        Err(Error::InvalidInput(e)) => {
            std::hint::black_box(format!("{e} {e:?}"));
            return None;
        }
        Err(other) => {
            panic!("build_request failed with something else than InvalidInput: {other:?}")
        }
    };
    let base: http::Uri = config
        .base_url()
        .as_str()
        .parse()
        .expect("a base URL that built a request is a valid URI");
    let base_path = base.path().trim_end_matches('/');
    let path = request.uri().path();
    let rest = path.strip_prefix(base_path).unwrap_or_else(|| {
        panic!("request path {path:?} does not start with the base path {base_path:?}")
    });
    let rest = rest
        .strip_prefix('/')
        .unwrap_or_else(|| panic!("request path {path:?} has nothing after the base path"));
    let segments: Vec<&str> = rest.split('/').collect();
    assert_eq!(
        segments.len(),
        expected.len(),
        "wrong number of path segments in {path:?} (below base {base_path:?})"
    );
    for (got, want) in segments.iter().zip(expected) {
        match want {
            Seg::Lit(lit) => assert_eq!(got, lit, "literal segment changed in {path:?}"),
            Seg::Param(value) => assert_eq!(
                &percent_decode(got),
                value,
                "parameter segment {got:?} of {path:?} does not decode to the value given"
            ),
        }
    }
    Some(request)
}

fn query_pairs(request: &HttpRequest) -> Vec<(String, String)> {
    let Some(query) = request.uri().query() else {
        return Vec::new();
    };
    query
        .split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn base_url(base: &Base) -> Option<String> {
    match base {
        Base::Default => None,
        Base::Https { host, path } => Some(format!("https://{host}{path}")),
        Base::Raw(raw) => Some(raw.clone()),
    }
}

fn plainly_valid(input: &Input, room: &str) -> bool {
    let token_ok = !input.token.is_empty()
        && input
            .token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    matches!(input.base, Base::Default)
        && token_ok
        && !matches!(room, "" | "." | "..")
        && (1..=10_000).contains(&input.message.chars().count())
        && input.max_results.is_none_or(|n| n <= 1000)
}

fuzz_target!(|input: Input| {
    let mut builder = Client::builder()
        .token(input.token.clone())
        .allow_insecure_http(input.allow_insecure_http)
        .auth_test(input.auth_test);
    if let Some(url) = base_url(&input.base) {
        builder = builder.base_url(url);
    }
    let config = match builder.build_config() {
        Ok(config) => config,
        Err(Error::InvalidInput(_)) => return,
        Err(other) => {
            panic!("build_config failed with something else than InvalidInput: {other:?}")
        }
    };
    // `auth_test=true` is appended after the endpoint's own parameters.
    let with_auth_test = |mut pairs: Vec<(String, String)>| {
        if input.auth_test {
            pairs.push(("auth_test".into(), "true".into()));
        }
        pairs
    };

    let room: String = match &input.room {
        Room::Name(name) => name.clone(),
        Room::Id(id) => id.to_string(),
    };
    let room_ref = || -> hipchat_core::RoomRef {
        match &input.room {
            Room::Name(name) => name.as_str().into(),
            Room::Id(id) => (*id).into(),
        }
    };
    let valid = plainly_valid(&input, &room);

    // GET /room/{room}?expand=
    let mut get_room = GetRoom::new(room_ref());
    if let Some(expand) = &input.expand {
        get_room = get_room.expand(expand.as_str());
    }
    let built = build_and_check(&config, &get_room, &[Seg::Lit("room"), Seg::Param(&room)]);
    if let Some(request) = &built {
        let mut want = Vec::new();
        if let Some(expand) = &input.expand {
            want.push(("expand".to_owned(), expand.clone()));
        }
        assert_eq!(query_pairs(request), with_auth_test(want), "GetRoom query");
    }
    assert!(!valid || built.is_some(), "a valid GetRoom was refused");

    // GET /room/{room}/history/{message_id}
    let get_message = GetRoomMessage::new(room_ref(), input.message_id.as_str());
    let built = build_and_check(
        &config,
        &get_message,
        &[
            Seg::Lit("room"),
            Seg::Param(&room),
            Seg::Lit("history"),
            Seg::Param(&input.message_id),
        ],
    );
    assert!(
        !valid || matches!(input.message_id.as_str(), "" | "." | "..") || built.is_some(),
        "a valid GetRoomMessage was refused"
    );

    // POST /room/{room}/notification
    let mut notification = SendRoomNotification::new(room_ref(), input.message.as_str());
    if let Some(color) = &input.color {
        notification = notification.color(Color::from(color.as_str()));
    }
    if let Some(from) = &input.from {
        notification = notification.from(from.as_str());
    }
    if let Some(notify) = input.notify {
        notification = notification.notify(notify);
    }
    if input.html {
        notification = notification.message_format(MessageFormat::Html);
    }
    let built = build_and_check(
        &config,
        &notification,
        &[
            Seg::Lit("room"),
            Seg::Param(&room),
            Seg::Lit("notification"),
        ],
    );
    if let Some(request) = &built {
        let body: serde_json::Value =
            serde_json::from_slice(request.body()).expect("the notification body is JSON");
        assert_eq!(body["message"].as_str(), Some(input.message.as_str()));
        if let Some(from) = &input.from {
            assert_eq!(body["from"].as_str(), Some(from.as_str()));
        }
    }
    let color_known = input
        .color
        .as_deref()
        .is_none_or(|c| Color::from(c).is_known());
    assert!(
        !valid || !color_known || built.is_some(),
        "a valid SendRoomNotification was refused"
    );

    // GET /room/{room}/history?date&timezone&start-index&max-results&reverse&include_deleted&end-date
    let mut history = ViewRoomHistory::new(room_ref());
    if let Some(v) = &input.date {
        history = history.date(v.as_str());
    }
    if let Some(v) = &input.timezone {
        history = history.timezone(v.as_str());
    }
    if let Some(v) = input.start_index {
        history = history.start_index(v);
    }
    if let Some(v) = input.max_results {
        history = history.max_results(v);
    }
    if let Some(v) = input.reverse {
        history = history.reverse(v);
    }
    if let Some(v) = input.include_deleted {
        history = history.include_deleted(v);
    }
    if let Some(v) = &input.end_date {
        history = history.end_date(v.as_str());
    }
    let built = build_and_check(
        &config,
        &history,
        &[Seg::Lit("room"), Seg::Param(&room), Seg::Lit("history")],
    );
    if let Some(request) = &built {
        let mut want: Vec<(String, String)> = Vec::new();
        let mut push = |k: &str, v: Option<String>| {
            if let Some(v) = v {
                want.push((k.to_owned(), v));
            }
        };
        push("date", input.date.clone());
        push("timezone", input.timezone.clone());
        push("start-index", input.start_index.map(|v| v.to_string()));
        push("max-results", input.max_results.map(|v| v.to_string()));
        push("reverse", input.reverse.map(|v| v.to_string()));
        push(
            "include_deleted",
            input.include_deleted.map(|v| v.to_string()),
        );
        push("end-date", input.end_date.clone());
        assert_eq!(
            query_pairs(request),
            with_auth_test(want),
            "ViewRoomHistory query"
        );
    }
    assert!(
        !valid || built.is_some(),
        "a valid ViewRoomHistory was refused"
    );

    // GET /user/{id_or_email}, and POST /user/{id_or_email}/message
    let user_ref = if input.user_as_mention {
        UserRef::mention(&input.user)
    } else {
        UserRef::from(input.user.as_str())
    };
    let user = user_ref.as_str().to_owned();
    let built = build_and_check(
        &config,
        &ViewUser::new(user_ref.clone()),
        &[Seg::Lit("user"), Seg::Param(&user)],
    );
    assert!(
        !plainly_valid(&input, &user) || built.is_some(),
        "a valid ViewUser was refused"
    );
    build_and_check(
        &config,
        &PrivateMessageUser::new(user_ref, input.message.as_str()),
        &[Seg::Lit("user"), Seg::Param(&user), Seg::Lit("message")],
    );
});
