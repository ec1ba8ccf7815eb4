//! Strict percent-encoding of path segments and query values.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::InvalidInput;

/// Everything except the RFC 3986 unreserved characters `A-Z a-z 0-9 - . _ ~`.
const NOT_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes `value` so that it is exactly one path segment.
///
/// Every byte outside the unreserved set is encoded (a space becomes `%20`, never `+`; `/`, `?`,
/// `#`, `%`, `+`, `@` and non-ASCII are encoded). An empty value, `.` and `..` are refused:
/// HTTP stacks that follow the WHATWG URL rules turn `%2E%2E` back into `..` and drop segments,
/// so no encoding of them survives the trip. `field` names the parameter in the error.
pub fn encode_path_segment(field: &str, value: &str) -> Result<String, InvalidInput> {
    match value {
        "" => Err(InvalidInput::new(field, "must not be empty")),
        "." | ".." => Err(InvalidInput::new(
            field,
            format!("must not be `{value}`: such a path segment cannot be sent; address it by id"),
        )),
        _ => Ok(utf8_percent_encode(value, NOT_UNRESERVED).to_string()),
    }
}

/// Percent-encodes a query parameter name or value with the same strict set as path segments.
pub fn encode_query_component(value: &str) -> String {
    utf8_percent_encode(value, NOT_UNRESERVED).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_everything_but_unreserved() {
        let cases = [
            ("ops", "ops"),
            ("Ops Team", "Ops%20Team"),
            ("a/b?c#d", "a%2Fb%3Fc%23d"),
            ("100%+1", "100%25%2B1"),
            ("@alice", "%40alice"),
            ("alice@example.com", "alice%40example.com"),
            ("Zürich ☃", "Z%C3%BCrich%20%E2%98%83"),
            ("a-b.c_d~e", "a-b.c_d~e"),
            ("...", "..."),
            (".hidden", ".hidden"),
        ];
        for (raw, encoded) in cases {
            assert_eq!(
                encode_path_segment("room_id_or_name", raw).unwrap(),
                encoded,
                "{raw}"
            );
        }
    }

    #[test]
    fn refuses_empty_and_dot_segments() {
        for bad in ["", ".", ".."] {
            let err = encode_path_segment("room_id_or_name", bad).unwrap_err();
            assert_eq!(err.field(), "room_id_or_name");
        }
        assert_eq!(
            encode_path_segment("key", "").unwrap_err().rule(),
            "must not be empty"
        );
    }

    #[test]
    fn query_values_use_percent_twenty_for_spaces() {
        assert_eq!(
            encode_query_component("2024-01-01T00:00:00+01:00"),
            "2024-01-01T00%3A00%3A00%2B01%3A00"
        );
        assert_eq!(
            encode_query_component("Europe/Paris time"),
            "Europe%2FParis%20time"
        );
    }
}
