//! `--dry-run`: the exact HTTP request a command would send, printed instead of sent.

use std::io::Write;

use hipchat::HttpRequest;
use http::header::AUTHORIZATION;

/// Writes `request` as text: the method and full URI on the first line, one `name: value` line
/// per header, an empty line, then the body.
///
/// The `Authorization` value keeps its scheme (`Bearer`, `Basic`) and shows `<redacted>`
/// instead of the credential unless `show_token` is set. A body that is not valid UTF-8 (a
/// binary file in a multipart body) is shown with the invalid bytes replaced by U+FFFD, and
/// the function returns `false` so that the caller can say so.
pub fn write_request(
    out: &mut dyn Write,
    request: &HttpRequest,
    show_token: bool,
) -> std::io::Result<bool> {
    writeln!(out, "{} {}", request.method(), request.uri())?;
    for (name, value) in request.headers() {
        let shown = if name == AUTHORIZATION && !show_token {
            redact(value.as_bytes())
        } else {
            String::from_utf8_lossy(value.as_bytes()).into_owned()
        };
        writeln!(out, "{name}: {shown}")?;
    }
    writeln!(out)?;
    let body = request.body();
    let exact = match std::str::from_utf8(body) {
        Ok(text) => {
            out.write_all(text.as_bytes())?;
            true
        }
        Err(_) => {
            out.write_all(String::from_utf8_lossy(body).as_bytes())?;
            false
        }
    };
    if !body.is_empty() && !body.ends_with(b"\n") {
        writeln!(out)?;
    }
    out.flush()?;
    Ok(exact)
}

/// `Bearer <redacted>`: the scheme stays, the credential goes.
fn redact(value: &[u8]) -> String {
    let text = String::from_utf8_lossy(value);
    match text.split_once(' ') {
        Some((scheme, _)) => format!("{scheme} <redacted>"),
        None => "<redacted>".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(body: &[u8]) -> HttpRequest {
        http::Request::builder()
            .method("POST")
            .uri("https://api.hipchat.com/v2/room/Ops%20Team/notification")
            .header("accept", "application/json")
            .header("authorization", "Bearer s3cret")
            .header("content-type", "application/json")
            .body(body.to_vec())
            .unwrap()
    }

    #[test]
    fn prints_method_uri_headers_and_body_with_the_token_redacted() {
        let mut out = Vec::new();
        let exact = write_request(&mut out, &request(br#"{"message":"hi"}"#), false).unwrap();
        assert!(exact);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "POST https://api.hipchat.com/v2/room/Ops%20Team/notification\n\
             accept: application/json\n\
             authorization: Bearer <redacted>\n\
             content-type: application/json\n\
             \n\
             {\"message\":\"hi\"}\n"
        );
    }

    #[test]
    fn shows_the_token_only_when_asked() {
        let mut out = Vec::new();
        write_request(&mut out, &request(b""), true).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("authorization: Bearer s3cret\n"), "{text}");
        assert!(
            text.ends_with("\n\n"),
            "an empty body adds nothing: {text:?}"
        );
    }

    #[test]
    fn binary_bodies_are_shown_lossily_and_flagged() {
        let mut out = Vec::new();
        let exact = write_request(&mut out, &request(b"--b\r\n\xff\xfe\r\n--b--"), false).unwrap();
        assert!(!exact);
        assert!(String::from_utf8(out).unwrap().contains("\u{fffd}"));
    }
}
