//! The four import endpoints, tested side by side since one generator declares them all.

use super::*;
use crate::api::test_support::*;
use crate::model::FilePart;
use crate::{Endpoint, HttpRequest, Path, UserRef};
use serde_json::{Value, json};

const PNG: [u8; 4] = [0x89, b'P', b'N', b'G'];

fn menu() -> FilePart {
    FilePart::new("menu.png", "image/png", PNG.to_vec())
}

fn deploy_log() -> FilePart {
    FilePart::new("deploy \"7\".log", "text/plain", b"all green\n".to_vec())
}

/// Builds the request and checks what every import sends: `POST`, this exact URI, the token.
fn sent(endpoint: impl Endpoint, uri: &str) -> HttpRequest {
    let request = build(&endpoint);
    assert_eq!(request.method(), "POST", "{uri}");
    assert_eq!(request.uri(), uri);
    assert_bearer(&request);
    request
}

/// The boundary of a request that must be `multipart/related`.
fn boundary(request: &HttpRequest) -> String {
    let content_type = request.headers()["content-type"].to_str().unwrap();
    content_type
        .strip_prefix("multipart/related; boundary=")
        .unwrap()
        .to_owned()
}

/// The content of the first part of a multipart body, read as JSON.
fn first_part_json(request: &HttpRequest) -> Value {
    let body = String::from_utf8_lossy(request.body()).into_owned();
    let start = body.find("\r\n\r\n").unwrap() + 4;
    let end = start + body[start..].find("\r\n").unwrap();
    serde_json::from_str(&body[start..end]).unwrap()
}

#[test]
fn history_imports_send_only_the_members_set_as_json() {
    let cases = [
        (
            sent(
                ImportPrivatechatHistory::new("bob smith@example.com"),
                "https://api.hipchat.com/v2/user/bob%20smith%40example.com/import/history",
            ),
            json!({}),
        ),
        (
            sent(
                ImportPrivatechatHistory::new(UserRef::mention("bob"))
                    .from("5")
                    .date("2015-06-01T09:30:00+00:00")
                    .message("Lunch?")
                    .field("to", 6)
                    .field("from", json!({"id": 5})),
                "https://api.hipchat.com/v2/user/%40bob/import/history",
            ),
            json!({
                "from": {"id": 5},
                "date": "2015-06-01T09:30:00+00:00",
                "message": "Lunch?",
                "to": 6
            }),
        ),
        (
            sent(
                ImportRoomHistory::new("Ops Team"),
                "https://api.hipchat.com/v2/room/Ops%20Team/import/history",
            ),
            json!({}),
        ),
        (
            sent(
                ImportRoomHistory::new(2251u64)
                    .from("@alice")
                    .date("2015-06-01T09:30:00.123456+00:00")
                    .message("Deploy <b>started</b>")
                    .field("message_format", "html")
                    .field("mentions", json!([{"id": 5}])),
                "https://api.hipchat.com/v2/room/2251/import/history",
            ),
            json!({
                "from": "@alice",
                "date": "2015-06-01T09:30:00.123456+00:00",
                "message": "Deploy <b>started</b>",
                "message_format": "html",
                "mentions": [{"id": 5}]
            }),
        ),
    ];
    for (request, body) in &cases {
        assert_eq!(&json_body(request), body, "{}", request.uri());
    }
}

#[test]
fn file_imports_send_only_the_file_when_no_member_is_set() {
    let cases = [
        (
            sent(
                ImportPrivatechatFile::new("bob/smith", menu()),
                "https://api.hipchat.com/v2/user/bob%2Fsmith/import/file",
            ),
            "Content-Type: image/png\r\nContent-Disposition: attachment; name=\"file\"; filename=\"menu.png\"",
            &PNG[..],
        ),
        (
            sent(
                ImportRoomFile::new("Ops Team", deploy_log()),
                "https://api.hipchat.com/v2/room/Ops%20Team/import/file",
            ),
            "Content-Type: text/plain\r\nContent-Disposition: attachment; name=\"file\"; filename=\"deploy \\\"7\\\".log\"",
            &b"all green\n"[..],
        ),
    ];
    for (request, headers, bytes) in &cases {
        let boundary = boundary(request);
        let mut expected = format!("--{boundary}\r\n{headers}\r\n\r\n").into_bytes();
        expected.extend_from_slice(bytes);
        expected.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        assert_eq!(request.body(), &expected, "{}", request.uri());
    }
}

#[test]
fn file_imports_send_the_members_set_as_a_metadata_part() {
    let cases = [
        (
            sent(
                ImportPrivatechatFile::new(5u64, menu())
                    .from("alice@example.com")
                    .date("2015-06-01T09:30:00+00:00")
                    .message("Tonight's \"menu\"")
                    .field("to", "bob@example.com"),
                "https://api.hipchat.com/v2/user/5/import/file",
            ),
            json!({
                "from": "alice@example.com",
                "date": "2015-06-01T09:30:00+00:00",
                "message": "Tonight's \"menu\"",
                "to": "bob@example.com"
            }),
            &PNG[..],
        ),
        (
            sent(
                ImportRoomFile::new(2251u64, deploy_log())
                    .from("alice@example.com")
                    .date("2015-06-01T09:30:00+00:00")
                    .message("the deploy log")
                    .field("size", 10),
                "https://api.hipchat.com/v2/room/2251/import/file",
            ),
            json!({
                "from": "alice@example.com",
                "date": "2015-06-01T09:30:00+00:00",
                "message": "the deploy log",
                "size": 10
            }),
            &b"all green\n"[..],
        ),
    ];
    for (request, metadata, bytes) in &cases {
        assert_eq!(&first_part_json(request), metadata, "{}", request.uri());
        let body = request.body();
        let part = b"Content-Disposition: attachment; name=\"metadata\"";
        assert!(body.windows(part.len()).any(|w| w == part));
        let mut tail = bytes.to_vec();
        tail.extend_from_slice(format!("\r\n--{}--\r\n", boundary(request)).as_bytes());
        assert!(body.ends_with(&tail), "{}", request.uri());
    }
}

#[test]
fn refuses_bad_files_and_path_parameters() {
    let cases = [
        (
            build_err(&ImportPrivatechatFile::new(
                "bob",
                FilePart::new("a\nb.png", "image/png", vec![1]),
            )),
            "file.name",
        ),
        (
            build_err(&ImportPrivatechatFile::new("..", menu())),
            "id_or_email",
        ),
        (
            build_err(&ImportRoomFile::new(
                "Ops",
                FilePart::new("", "text/plain", vec![1]),
            )),
            "file.name",
        ),
        (
            build_err(&ImportRoomFile::new(
                "Ops",
                FilePart::new("a.txt", "text", vec![1]),
            )),
            "file.content_type",
        ),
        (
            build_err(&ImportRoomFile::new(".", deploy_log())),
            "room_id_or_name",
        ),
        (build_err(&ImportPrivatechatHistory::new("")), "id_or_email"),
        (build_err(&ImportRoomHistory::new("..")), "room_id_or_name"),
    ];
    for (err, field) in cases {
        assert_eq!(err.field(), field, "{err:?}");
    }
}

#[test]
fn the_path_can_be_overridden() {
    let room_history = ImportRoomHistory::new("ignored")
        .message("hi")
        .path_override(
            Path::new()
                .lit("import")
                .lit("room")
                .param("room_id_or_name", "Ops/Team"),
        );
    assert_eq!(
        room_history.path().template(),
        "/import/room/{room_id_or_name}"
    );
    let request = sent(
        room_history,
        "https://api.hipchat.com/v2/import/room/Ops%2FTeam",
    );
    assert_eq!(json_body(&request), json!({"message": "hi"}));

    sent(
        ImportPrivatechatHistory::new("bob").path_override(
            Path::new()
                .lit("user")
                .param("id_or_email", "bob")
                .lit("history")
                .lit("import"),
        ),
        "https://api.hipchat.com/v2/user/bob/history/import",
    );
    sent(
        ImportPrivatechatFile::new("bob", menu())
            .path_override(Path::new().lit("import").lit("privatechat").lit("file")),
        "https://api.hipchat.com/v2/import/privatechat/file",
    );
    sent(
        ImportRoomFile::new("Ops", deploy_log()).path_override(
            Path::new()
                .lit("room")
                .param("room_id_or_name", "Ops")
                .lit("import")
                .lit("files"),
        ),
        "https://api.hipchat.com/v2/room/Ops/import/files",
    );
}

#[test]
fn decode_any_2xx_and_errors() {
    respond::<ImportPrivatechatFile>(204, "").unwrap();
    respond::<ImportPrivatechatHistory>(204, "").unwrap();
    respond::<ImportRoomFile>(204, "").unwrap();
    respond::<ImportRoomHistory>(204, "").unwrap();
    respond::<ImportRoomHistory>(201, r#"{"id": 1}"#).unwrap();

    let scopes = r#"{"error": {"code": 403, "message": "This action requires one of the following scopes: [u'import_data']", "type": "Forbidden"}}"#;
    assert_eq!(
        api_error::<ImportPrivatechatFile>(403, scopes).status(),
        403
    );
    let e = api_error::<ImportRoomHistory>(403, scopes);
    assert_eq!(
        e.hipchat_error().unwrap().required_scopes(),
        vec!["import_data".to_owned()]
    );

    let no_user = r#"{"error": {"code": 404, "message": "User not found", "type": "Not Found"}}"#;
    let e = api_error::<ImportPrivatechatHistory>(404, no_user);
    assert_eq!(e.hipchat_error().unwrap().message, "User not found");
    assert_eq!(api_error::<ImportRoomHistory>(404, NOT_FOUND).status(), 404);

    let encoding =
        r#"{"error": {"code": 400, "message": "Unsupported encoding", "type": "Bad Request"}}"#;
    let e = api_error::<ImportRoomFile>(400, encoding);
    assert_eq!(e.hipchat_error().unwrap().message, "Unsupported encoding");
}
