use http::Method;

use crate::api::share::FileShare;
use crate::model::FilePart;
use crate::{Body, Endpoint, Error, InvalidInput, Path, UserRef};

/// `POST /user/{id_or_email}/share/file`
///
/// Shares a file with a user in a private chat, in the name of the token's user, with an
/// optional message. The body is `multipart/related`: a JSON `metadata` part `{"message": ..}`
/// (only when a message is set) and the `file` part with its name and media type. Answers 204
/// No Content.
///
/// Scope: `send_message`; user tokens only.
///
/// Checked before sending: `message` has at most 1000 characters; the file has a name and a
/// media type.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/share_file_with_user>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::users::ShareFileWithUser;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::model::FilePart;
/// use hipchat_core::Client;
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/user/%40bob/share/file").respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// let file = FilePart::new("notes.txt", "text/plain", b"see you at 3".to_vec());
/// client.send(&ShareFileWithUser::new("@bob", file).message("the notes")).await?;
/// let sent = mock.last_request().unwrap();
/// assert!(sent.header("content-type").unwrap().starts_with("multipart/related; boundary="));
/// assert!(sent.body_text().contains("{\"message\":\"the notes\"}"));
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareFileWithUser {
    id_or_email: UserRef,
    share: FileShare,
}

impl ShareFileWithUser {
    /// Shares `file` with the user with this id, e-mail or @mention name.
    pub fn new(id_or_email: impl Into<UserRef>, file: FilePart) -> Self {
        ShareFileWithUser {
            id_or_email: id_or_email.into(),
            share: FileShare::new(file),
        }
    }

    /// A message sent with the file (at most 1000 characters).
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.share.message = Some(message.into());
        self
    }
}

impl Endpoint for ShareFileWithUser {
    type Response = ();

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("user")
            .param("id_or_email", &self.id_or_email)
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
    fn wire_with_metadata_and_file_parts() {
        let file = FilePart::new("crash \"1\".log", "text/plain", b"line 1\nline 2".to_vec());
        let request =
            build(&ShareFileWithUser::new("bob@example.com", file).message("the \"crash\" log"));
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/user/bob%40example.com/share/file"
        );
        assert_bearer(&request);
        let b = boundary(&request);
        let expected = format!(
            "--{b}\r\n\
             Content-Type: application/json; charset=UTF-8\r\n\
             Content-Disposition: attachment; name=\"metadata\"\r\n\r\n\
             {{\"message\":\"the \\\"crash\\\" log\"}}\r\n\
             --{b}\r\n\
             Content-Type: text/plain\r\n\
             Content-Disposition: attachment; name=\"file\"; filename=\"crash \\\"1\\\".log\"\r\n\r\n\
             line 1\nline 2\r\n\
             --{b}--\r\n"
        );
        assert_eq!(String::from_utf8(request.body().clone()).unwrap(), expected);
    }

    #[test]
    fn wire_without_a_message_has_only_the_file_part() {
        let png = vec![0x89, b'P', b'N', b'G', 0x00, 0xff];
        let request = build(&ShareFileWithUser::new(
            7u64,
            FilePart::new("a.png", "image/png", png.clone()),
        ));
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/user/7/share/file"
        );
        let b = boundary(&request);
        let mut expected = format!(
            "--{b}\r\nContent-Type: image/png\r\nContent-Disposition: attachment; name=\"file\"; filename=\"a.png\"\r\n\r\n"
        )
        .into_bytes();
        expected.extend_from_slice(&png);
        expected.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
        assert_eq!(request.body(), &expected);
    }

    #[test]
    fn refuses_long_messages_and_bad_files() {
        let file = || FilePart::new("a.txt", "text/plain", b"x".to_vec());
        let err = build_err(&ShareFileWithUser::new(7u64, file()).message("m".repeat(1001)));
        assert_eq!(
            (err.field(), err.rule()),
            ("message", "must be 0..=1000 characters (got 1001)")
        );
        build(&ShareFileWithUser::new(7u64, file()).message(""));
        build(&ShareFileWithUser::new(7u64, file()).message("é".repeat(1000)));
        let nameless = FilePart::new("", "text/plain", b"x".to_vec());
        assert_eq!(
            build_err(&ShareFileWithUser::new(7u64, nameless)).field(),
            "file.name"
        );
        let typeless = FilePart::new("a.txt", "text", b"x".to_vec());
        assert_eq!(
            build_err(&ShareFileWithUser::new(7u64, typeless)).field(),
            "file.content_type"
        );
    }

    #[test]
    fn decode_204_and_errors() {
        respond::<ShareFileWithUser>(204, "").unwrap();
        let body = r#"{"error": {"code": 403, "message": "This method is only accessible by users", "type": "Forbidden"}}"#;
        assert_eq!(api_error::<ShareFileWithUser>(403, body).status(), 403);
    }
}
