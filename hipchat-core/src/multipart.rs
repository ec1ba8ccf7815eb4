//! `multipart/related` bodies for the share-file methods: an optional JSON metadata part and a
//! file part, separated by a boundary that appears in neither.

use serde::Serialize;

use crate::model::FilePart;
use crate::{Body, Error, InvalidInput};

/// Builds the body: `metadata` (when given) as an `application/json` part named `metadata`,
/// then `file` as a part named `file` with its file name and media type. Lines end in CRLF.
pub(crate) fn related<M: Serialize>(metadata: Option<&M>, file: &FilePart) -> Result<Body, Error> {
    check_file(file)?;
    let metadata = metadata
        .map(serde_json::to_vec)
        .transpose()
        .map_err(|e| Error::invalid_input("metadata", format!("could not be serialized: {e}")))?;
    let boundary = boundary_for(metadata.as_deref().unwrap_or_default(), file.bytes());

    let mut out = Vec::with_capacity(file.bytes().len() + 512);
    if let Some(metadata) = &metadata {
        out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        out.extend_from_slice(b"Content-Type: application/json; charset=UTF-8\r\n");
        out.extend_from_slice(b"Content-Disposition: attachment; name=\"metadata\"\r\n\r\n");
        out.extend_from_slice(metadata);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
    out.extend_from_slice(format!("Content-Type: {}\r\n", file.content_type()).as_bytes());
    out.extend_from_slice(
        format!(
            "Content-Disposition: attachment; name=\"file\"; filename=\"{}\"\r\n\r\n",
            quote(file.name())
        )
        .as_bytes(),
    );
    out.extend_from_slice(file.bytes());
    out.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    Ok(Body::new(
        format!("multipart/related; boundary={boundary}"),
        out,
    ))
}

fn check_file(file: &FilePart) -> Result<(), InvalidInput> {
    if file.name().trim().is_empty() {
        return Err(InvalidInput::new("file.name", "must not be empty"));
    }
    if file.name().chars().any(char::is_control) {
        return Err(InvalidInput::new(
            "file.name",
            "must not contain control characters",
        ));
    }
    let ct = file.content_type();
    let valid_type = ct.split(';').next().is_some_and(|t| {
        let mut halves = t.trim().splitn(2, '/');
        matches!((halves.next(), halves.next()), (Some(a), Some(b)) if !a.is_empty() && !b.is_empty())
    });
    if !valid_type || ct.chars().any(|c| c.is_control() || !c.is_ascii()) {
        return Err(InvalidInput::new(
            "file.content_type",
            format!("must be a media type such as `image/png` (got {ct:?})"),
        ));
    }
    Ok(())
}

/// Escapes a file name for a quoted header parameter.
fn quote(name: &str) -> String {
    name.replace('\\', "\\\\").replace('"', "\\\"")
}

/// A boundary that occurs in neither part: derived from the contents, so the same input always
/// gives the same body, and changed until it is absent from both.
fn boundary_for(metadata: &[u8], file: &[u8]) -> String {
    // FNV-1a over both parts.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in metadata.iter().chain(file) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let mut attempt = 0u32;
    loop {
        let candidate = format!("hipchat-rs-{hash:016x}-{attempt}");
        let needle = candidate.as_bytes();
        let found = |hay: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
        if !found(metadata) && !found(file) {
            return candidate;
        }
        attempt += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(body: &Body) -> String {
        String::from_utf8_lossy(body.bytes()).into_owned()
    }

    #[test]
    fn builds_metadata_and_file_parts_with_crlf() {
        let file = FilePart::new(
            "report \"Q1\".pdf",
            "application/pdf",
            b"%PDF-1.4 \x00\xff".to_vec(),
        );
        let body = related(Some(&json!({"message": "the \"Q1\" report"})), &file).unwrap();
        let ct = body.content_type().to_owned();
        let boundary = ct
            .strip_prefix("multipart/related; boundary=")
            .expect("boundary parameter");
        let mut expected = format!(
            "--{boundary}\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Disposition: attachment; name=\"metadata\"\r\n\r\n{{\"message\":\"the \\\"Q1\\\" report\"}}\r\n--{boundary}\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; name=\"file\"; filename=\"report \\\"Q1\\\".pdf\"\r\n\r\n"
        )
        .into_bytes();
        expected.extend_from_slice(b"%PDF-1.4 \x00\xff");
        expected.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        assert_eq!(body.bytes(), expected.as_slice());
    }

    #[test]
    fn metadata_part_is_optional_and_output_is_deterministic() {
        let file = FilePart::new("a.txt", "text/plain", b"hello".to_vec());
        let a = related::<serde_json::Value>(None, &file).unwrap();
        let b = related::<serde_json::Value>(None, &file).unwrap();
        assert_eq!(a, b);
        assert!(!text(&a).contains("metadata"));
        assert!(text(&a).contains("filename=\"a.txt\""));
    }

    #[test]
    fn boundary_never_appears_in_the_content() {
        let first = boundary_for(b"", b"x");
        // A file that contains the boundary its contents would otherwise get.
        let mut tricky = Vec::new();
        let mut candidate = first.clone();
        for _ in 0..3 {
            tricky = candidate.clone().into_bytes();
            candidate = boundary_for(b"", &tricky);
            if !tricky
                .windows(candidate.len())
                .any(|w| w == candidate.as_bytes())
            {
                break;
            }
        }
        assert!(
            !tricky
                .windows(candidate.len())
                .any(|w| w == candidate.as_bytes())
        );
    }

    #[test]
    fn refuses_bad_names_and_media_types() {
        let bad = |name: &str, ct: &str| {
            related::<()>(None, &FilePart::new(name, ct, vec![1])).unwrap_err()
        };
        let Error::InvalidInput(e) = bad("", "text/plain") else {
            panic!()
        };
        assert_eq!(e.field(), "file.name");
        let Error::InvalidInput(e) = bad("a\r\nb", "text/plain") else {
            panic!()
        };
        assert_eq!(e.field(), "file.name");
        for ct in ["", "text", "text/plain\r\nX: y", "/plain"] {
            let Error::InvalidInput(e) = bad("a.txt", ct) else {
                panic!()
            };
            assert_eq!(e.field(), "file.content_type", "{ct:?}");
        }
    }
}
