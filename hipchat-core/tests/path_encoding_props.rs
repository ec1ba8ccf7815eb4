//! Properties of path-segment encoding, checked on generated input.
//!
//! Whatever text a caller passes as a path parameter (a room name, a mention name, a token),
//! [`encode_path_segment`] must turn it into exactly one segment that HTTP stacks will neither
//! split, cut short, normalise nor re-interpret, and that decodes back to the very same text.
//! The only values it refuses are the three that no encoding can carry: `""`, `.` and `..`.

use hipchat_core::api::rooms::GetRoom;
use hipchat_core::{Client, ClientConfig, build_request, encode_path_segment};
use percent_encoding::percent_decode_str;
use proptest::prelude::*;

/// RFC 3986 unreserved characters: the only ones allowed to appear unescaped.
fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        _ => None,
    }
}

/// Checks that `encoded` is made only of unreserved characters and `%XX` escapes, and returns
/// the bytes it stands for. Written out by hand so that the test does not trust the crate that
/// did the encoding.
fn strict_decode(encoded: &str) -> Result<Vec<u8>, String> {
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).copied().and_then(hex_value),
                bytes.get(i + 2).copied().and_then(hex_value),
            ) else {
                return Err(format!("`%` at {i} is not followed by two hex digits"));
            };
            out.push(hi << 4 | lo);
            i += 3;
        } else if is_unreserved(b) {
            out.push(b);
            i += 1;
        } else {
            return Err(format!(
                "byte {b:#04x} at {i} is neither unreserved nor escaped"
            ));
        }
    }
    Ok(out)
}

/// Text that is worth throwing at a path encoder: fully arbitrary strings, and strings made
/// mostly of the characters that have a meaning in a URL (`/ ? # % + . &  = ;`, spaces), dots,
/// and a few non-ASCII letters and symbols.
fn segment_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[/?#%+.&=;: ~_@a-zA-Z0-9\\-]{1,24}",
        "[./%]{1,6}",
        "[ éü☃\u{1F600}\u{202E}\u{0}\t\r\n/.?#%]{1,12}",
        "(%[0-9A-Fa-f]{2}|%|\\.\\.|/){1,6}",
    ]
    .prop_filter("the three refused values", |s| {
        !matches!(s.as_str(), "" | "." | "..")
    })
}

fn config() -> ClientConfig {
    Client::builder()
        .token("property-token")
        .build_config()
        .expect("the default base URL and a plain token are valid")
}

proptest! {
    /// Any accepted value becomes one segment of unreserved characters and `%XX` escapes that
    /// decodes back to the input.
    #[test]
    fn encodes_to_one_reversible_segment(value in segment_text()) {
        let encoded = encode_path_segment("room_id_or_name", &value)
            .map_err(|e| TestCaseError::fail(format!("{value:?} refused: {e}")))?;

        for forbidden in ['/', '?', '#', ' '] {
            prop_assert!(
                !encoded.contains(forbidden),
                "{value:?} -> {encoded:?} contains {forbidden:?}"
            );
        }
        prop_assert!(!encoded.is_empty(), "{value:?} encoded to nothing");
        prop_assert!(
            encoded != "." && encoded != "..",
            "{value:?} -> {encoded:?} is a dot segment"
        );

        let decoded = strict_decode(&encoded)
            .map_err(|why| TestCaseError::fail(format!("{value:?} -> {encoded:?}: {why}")))?;
        prop_assert_eq!(&decoded, value.as_bytes(), "hand decoding of {:?}", encoded);

        let library = percent_decode_str(&encoded).decode_utf8()
            .map_err(|e| TestCaseError::fail(format!("{encoded:?} is not UTF-8 once decoded: {e}")))?;
        prop_assert_eq!(library.as_ref(), value.as_str());
    }

    /// Encoding is stable: an encoded segment contains only `%`-escapes and unreserved
    /// characters, so encoding it a second time only escapes its `%` signs.
    #[test]
    fn double_encoding_only_escapes_percent_signs(value in segment_text()) {
        let once = encode_path_segment("p", &value).unwrap();
        let twice = encode_path_segment("p", &once).unwrap();
        prop_assert_eq!(twice, once.replace('%', "%25"));
    }

    /// Through a whole request: `GET /room/{name}` keeps the name in one segment, and nothing
    /// of it leaks into the query or a fragment.
    #[test]
    fn get_room_path_has_exactly_three_segments(value in segment_text()) {
        let request = build_request(&config(), &GetRoom::new(value.clone()))
            .map_err(|e| TestCaseError::fail(format!("{value:?} refused: {e}")))?;
        let uri = request.uri();
        prop_assert_eq!(uri.host(), Some("api.hipchat.com"));
        prop_assert_eq!(uri.query(), None, "{:?} leaked into the query", value);
        prop_assert!(!uri.to_string().contains('#'), "{uri} has a fragment");

        let path = uri.path();
        let segments: Vec<&str> = path
            .strip_prefix('/')
            .expect("an absolute path")
            .split('/')
            .collect();
        prop_assert_eq!(segments.len(), 3, "{:?} -> {}", value, path);
        prop_assert_eq!(segments[0], "v2");
        prop_assert_eq!(segments[1], "room");
        let decoded = strict_decode(segments[2])
            .map_err(|why| TestCaseError::fail(format!("{path}: {why}")))?;
        prop_assert_eq!(decoded, value.as_bytes());
    }
}

/// The three values no encoding survives are refused, naming the field, both by the encoder and
/// when a request is built (so nothing is sent).
#[test]
fn empty_and_dot_segments_are_refused() {
    for bad in ["", ".", ".."] {
        let err = encode_path_segment("room_id_or_name", bad).expect_err(bad);
        assert_eq!(err.field(), "room_id_or_name", "{bad:?}");
        let err = build_request(&config(), &GetRoom::new(bad)).expect_err(bad);
        assert!(
            matches!(&err, hipchat_core::Error::InvalidInput(e) if e.field() == "room_id_or_name"),
            "{bad:?}: {err:?}"
        );
    }
}
