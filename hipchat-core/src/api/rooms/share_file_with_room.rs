use http::Method;

use crate::api::share::FileShare;
use crate::model::FilePart;
use crate::{Body, Endpoint, Error, InvalidInput, Path, RoomRef};

/// `POST /room/{room_id_or_name}/share/file`
///
/// Shares a file with a room, in the name of the token's user, with an optional message. The
/// body is `multipart/related`: a JSON `metadata` part `{"message": ...}` (only when a message
/// is set) and the `file` part with its name and media type, built in memory. Answers 204 No
/// Content.
///
/// Scope: `send_message`; presumably user tokens only, as for the user variant (unconfirmed).
///
/// Checked before sending: `message` has at most 1000 characters, the file name is not empty
/// and the media type is well formed.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/share_file_with_room>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::ShareFileWithRoom;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::model::FilePart;
/// use hipchat_core::Client;
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/room/ops/share/file").respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// let file = FilePart::new("build.log", "text/plain", b"all green\n".to_vec());
/// client.send(&ShareFileWithRoom::new("ops", file).message("Last night's build")).await?;
/// let sent = mock.last_request().unwrap();
/// assert!(sent.header("content-type").unwrap().starts_with("multipart/related; boundary="));
/// assert!(sent.body_text().contains("filename=\"build.log\""));
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareFileWithRoom {
    room_id_or_name: RoomRef,
    share: FileShare,
}

impl ShareFileWithRoom {
    /// Shares `file` with the room with this id or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>, file: FilePart) -> Self {
        ShareFileWithRoom {
            room_id_or_name: room_id_or_name.into(),
            share: FileShare::new(file),
        }
    }

    /// A message posted with the file, at most 1000 characters.
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.share.message = Some(message.into());
        self
    }
}

impl Endpoint for ShareFileWithRoom {
    type Response = ();

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("share")
            .lit("file")
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        self.share.body()
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        self.share.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::share::boundary;
    use crate::api::test_support::*;

    #[test]
    fn wire_with_a_message_has_metadata_and_file_parts() {
        let file = FilePart::new(
            "deploy \"v2\".png",
            "image/png",
            b"\x89PNG\r\n\x1a\n\x00".to_vec(),
        );
        let request = build(&ShareFileWithRoom::new("Ops Team", file).message("Screenshot \"v2\""));
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/share/file"
        );
        assert_bearer(&request);
        let b = boundary(&request);
        let mut expected = format!(
            "--{b}\r\n\
             Content-Type: application/json; charset=UTF-8\r\n\
             Content-Disposition: attachment; name=\"metadata\"\r\n\
             \r\n\
             {{\"message\":\"Screenshot \\\"v2\\\"\"}}\r\n\
             --{b}\r\n\
             Content-Type: image/png\r\n\
             Content-Disposition: attachment; name=\"file\"; filename=\"deploy \\\"v2\\\".png\"\r\n\
             \r\n"
        )
        .into_bytes();
        expected.extend_from_slice(b"\x89PNG\r\n\x1a\n\x00");
        expected.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
        assert_eq!(request.body(), &expected);
    }

    #[test]
    fn wire_without_a_message_has_only_the_file_part() {
        let file = FilePart::new("notes.txt", "text/plain", b"hello".to_vec());
        let request = build(&ShareFileWithRoom::new(7u64, file));
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/7/share/file"
        );
        let b = boundary(&request);
        let expected = format!(
            "--{b}\r\n\
             Content-Type: text/plain\r\n\
             Content-Disposition: attachment; name=\"file\"; filename=\"notes.txt\"\r\n\
             \r\n\
             hello\r\n\
             --{b}--\r\n"
        );
        assert_eq!(request.body(), expected.as_bytes());
    }

    #[test]
    fn refuses_long_messages_and_bad_files() {
        let file = || FilePart::new("a.txt", "text/plain", b"x".to_vec());
        let err = build_err(&ShareFileWithRoom::new("ops", file()).message("m".repeat(1001)));
        assert_eq!(
            (err.field(), err.rule()),
            ("message", "must be 0..=1000 characters (got 1001)")
        );
        build(&ShareFileWithRoom::new("ops", file()).message("é".repeat(1000)));
        build(&ShareFileWithRoom::new("ops", file()).message(""));
        let nameless = FilePart::new("", "text/plain", b"x".to_vec());
        assert_eq!(
            build_err(&ShareFileWithRoom::new("ops", nameless)).field(),
            "file.name"
        );
        let untyped = FilePart::new("a.txt", "plain", b"x".to_vec());
        assert_eq!(
            build_err(&ShareFileWithRoom::new("ops", untyped)).field(),
            "file.content_type"
        );
    }

    #[test]
    fn decodes_204_and_errors() {
        respond::<ShareFileWithRoom>(204, "").unwrap();
        let body =
            r#"{"error": {"code": 400, "message": "Unsupported encoding", "type": "Bad Request"}}"#;
        assert_eq!(
            api_error::<ShareFileWithRoom>(400, body)
                .hipchat_error()
                .unwrap()
                .message,
            "Unsupported encoding"
        );
    }
}
