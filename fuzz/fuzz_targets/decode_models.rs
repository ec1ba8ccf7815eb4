//! Fuzzes response decoding: arbitrary bytes become the body of a response whose status (and
//! headers) the first input byte picks, and the response goes through
//! `hipchat_core::parse_response::<T>` for every type an endpoint answers with.
//!
//! Oracle: no panic, whatever the body, status or headers. Ok and Err are both fine. Every
//! result is also formatted (Display / Debug / error accessors) and every decoded value is
//! serialized again, so panics in those paths are caught too. One differential check: a bare
//! history message that decodes must decode to the same value when wrapped in
//! `{"message": ...}` (get_room_message accepts both shapes).
//!
//! Input layout: `[control byte][body ...]`.
//! * `control & 7` picks the scenario (see `Scenario`),
//! * `control >> 3` picks among junk header values / Location values.
#![no_main]

use std::fmt::Write as _;

use hipchat_core::model::{
    Action, Capabilities, CreatedResource, CreatedUser, Dialog, Emoticon, EmoticonSummary,
    ExtensionCreated, ExtensionWebhook, ExternalPage, Glance, Group, InstallableData,
    IntegrationLink, Message, Page, Room, RoomStatistics, RoomSummary, RoomWebhook, SentMessage,
    Session, Token, User, UserSummary, WebPanel,
};
use hipchat_core::{Error, FromResponse, HttpResponse, Redirect, parse_response};
use http::{HeaderName, HeaderValue, StatusCode};
use libfuzzer_sys::fuzz_target;

/// Header values that servers and proxies get wrong: negative, huge, padded, non-numeric,
/// empty, non-ASCII (valid header bytes that `to_str` refuses).
const JUNK_VALUES: &[&[u8]] = &[
    b"500",
    b"-1",
    b"18446744073709551616",
    b"99999999999999999999999999",
    b" 42 ",
    b"abc",
    b"",
    b"1e3",
    b"0x10",
    b"+7",
    b"1.5",
    b"\x80\xff",
    b"\t0",
    b"4294967296",
    b"0",
    b"18446744073709551615",
];

/// Location values: absolute, relative, empty, spaces, non-ASCII bytes.
const LOCATIONS: &[&[u8]] = &[
    b"https://cdn.example/a.png",
    b"/relative/path",
    b"",
    b"  https://padded.example/  ",
    b"\xe2\x98\x83",
    b"\x80",
    b"javascript:alert(1)",
    b"https://x/\xff",
];

const RATE_HEADERS: &[&str] = &[
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "x-floodcontrol-limit",
    "x-floodcontrol-remaining",
    "x-floodcontrol-reset",
];

fn header_value(bytes: &[u8]) -> HeaderValue {
    HeaderValue::from_bytes(bytes).unwrap_or_else(|_| HeaderValue::from_static("junk"))
}

/// Builds the response for one scenario. Returns it as a closure-free value; it is cloned for
/// each decoded type because `parse_response` takes it by value.
fn make_response(control: u8, body: &[u8]) -> HttpResponse {
    let pick = usize::from(control >> 3);
    let mut response = http::Response::new(body.to_vec());
    let (status, location, junk_rate) = match control & 7 {
        0 => (200, false, false),
        1 => (201, false, false),
        2 => (204, false, false),
        3 => (302, true, false),
        4 => (302, false, false),
        5 => (404, false, false),
        6 => (429, false, true),
        // Any status the http crate can represent, taken from the first two body bytes, with
        // both a Location and junk rate-limit headers.
        _ => {
            let raw = body
                .get(..2)
                .map(|b| u16::from_le_bytes([b[0], b[1]]))
                .unwrap_or(0);
            (100 + raw % 900, true, true)
        }
    };
    *response.status_mut() = StatusCode::from_u16(status).expect("100..=999 is a valid status");
    let headers = response.headers_mut();
    if location {
        headers.insert(
            http::header::LOCATION,
            header_value(LOCATIONS[pick % LOCATIONS.len()]),
        );
    }
    if junk_rate {
        for (i, name) in RATE_HEADERS.iter().enumerate() {
            let value = JUNK_VALUES[(pick + i * 5) % JUNK_VALUES.len()];
            headers.append(HeaderName::from_static(name), header_value(value));
        }
        // A repeated header and one whose value comes from the body itself.
        headers.append(
            HeaderName::from_static("x-ratelimit-limit"),
            HeaderValue::from_static("1"),
        );
        let from_body: Vec<u8> = body.iter().copied().take(24).collect();
        headers.append(
            HeaderName::from_static("x-ratelimit-reset"),
            header_value(&from_body),
        );
    }
    response
}

/// Touches everything an error exposes, so that a panic in a formatter or accessor shows up.
fn exercise_error(error: &Error) {
    let mut sink = String::new();
    let _ = write!(sink, "{error} {error:?}");
    let _ = error.status();
    match error {
        Error::Api(api) => {
            let _ = write!(sink, "{api}");
            let _ = api.body_text();
            let _ = api.rate_limits();
            if let Some(hipchat) = api.hipchat_error() {
                let _ = hipchat.required_scopes();
            }
        }
        Error::Decode(decode) => {
            let _ = write!(sink, "{decode}");
            let _ = (decode.path(), decode.message(), decode.serde_error());
            let _ = decode.body_text();
        }
        _ => {}
    }
    std::hint::black_box(sink);
}

fn decode<T: FromResponse + std::fmt::Debug>(response: &HttpResponse) -> Option<T> {
    match parse_response::<T>(response.clone()) {
        Ok(value) => {
            std::hint::black_box(format!("{value:?}"));
            Some(value)
        }
        Err(error) => {
            exercise_error(&error);
            None
        }
    }
}

/// Decodes, then serializes the decoded value again (serialization must not panic either).
fn decode_and_serialize<T>(response: &HttpResponse) -> Option<T>
where
    T: FromResponse + std::fmt::Debug + serde::Serialize,
{
    let value = decode::<T>(response)?;
    let _ = std::hint::black_box(serde_json::to_vec(&value));
    Some(value)
}

fn check_wrapped_message(response: &HttpResponse, bare: &Message) {
    // Only a JSON object that was read as a bare message is worth wrapping: serde would also
    // accept an array, and a body that was itself the wrapper (an object under `message` and
    // no `id`) is not a bare message.
    let is_bare_object =
        serde_json::from_slice::<serde_json::Value>(response.body()).is_ok_and(|v| {
            v.is_object()
                && !(v.get("message").is_some_and(serde_json::Value::is_object)
                    && v.get("id").is_none())
        });
    if !is_bare_object {
        return;
    }
    let mut wrapped_body = b"{\"message\":".to_vec();
    wrapped_body.extend_from_slice(response.body());
    wrapped_body.push(b'}');
    let mut wrapped = http::Response::new(wrapped_body);
    *wrapped.status_mut() = response.status();
    *wrapped.headers_mut() = response.headers().clone();
    match parse_response::<Message>(wrapped) {
        Ok(message) => assert_eq!(
            &message, bare,
            "a message decodes differently bare and wrapped in {{\"message\": ...}}"
        ),
        Err(e) => panic!("a bare message decodes but the same message wrapped does not: {e}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&control, body)) = data.split_first() else {
        return;
    };
    let response = make_response(control, body);

    // Single resources.
    decode_and_serialize::<Room>(&response);
    decode_and_serialize::<User>(&response);
    decode_and_serialize::<Session>(&response);
    decode_and_serialize::<Token>(&response);
    decode_and_serialize::<Capabilities>(&response);
    decode_and_serialize::<CreatedResource>(&response);
    decode_and_serialize::<CreatedUser>(&response);
    decode_and_serialize::<SentMessage>(&response);
    decode_and_serialize::<RoomStatistics>(&response);
    decode_and_serialize::<RoomWebhook>(&response);
    decode_and_serialize::<Emoticon>(&response);
    decode_and_serialize::<Group>(&response);
    decode_and_serialize::<InstallableData>(&response);
    decode_and_serialize::<IntegrationLink>(&response);
    decode_and_serialize::<ExtensionCreated>(&response);
    decode_and_serialize::<Action>(&response);
    decode_and_serialize::<Dialog>(&response);
    decode_and_serialize::<ExternalPage>(&response);
    decode_and_serialize::<Glance>(&response);
    decode_and_serialize::<WebPanel>(&response);
    decode_and_serialize::<ExtensionWebhook>(&response);
    decode_and_serialize::<serde_json::Value>(&response);
    decode::<Redirect>(&response);
    decode::<()>(&response);

    // A single history message: wrapped or bare.
    if let Some(message) = decode_and_serialize::<Message>(&response) {
        check_wrapped_message(&response, &message);
    }

    // Pages.
    decode_and_serialize::<Page<RoomSummary>>(&response);
    decode_and_serialize::<Page<User>>(&response);
    decode_and_serialize::<Page<UserSummary>>(&response);
    decode_and_serialize::<Page<Message>>(&response);
    decode_and_serialize::<Page<RoomWebhook>>(&response);
    decode_and_serialize::<Page<EmoticonSummary>>(&response);
    if let Some(page) = decode::<Page<serde_json::Value>>(&response) {
        let _ = (page.is_full(), page.next_link(), page.len());
    }
});
