use http::Method;
use serde::Serialize;

use crate::api::share::LinkShare;
use crate::{Body, Endpoint, Error, InvalidInput, Path, RoomRef};

/// `POST /room/{room_id_or_name}/share/link`
///
/// Shares a link with a room, in the name of the token's user, with an optional message.
/// Answers 204 No Content.
///
/// Scope: `send_message`; user tokens only (single source).
///
/// Checked before sending: `link` has 10 to 1000 characters and `message` at most 1000. That
/// the link is an absolute URL is left to the server.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/share_link_with_room>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::ShareLinkWithRoom;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/room/ops/share/link")
///     .json_body(json!({"link": "https://status.example.com", "message": "Status page"}))
///     .respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
/// client
///     .send(&ShareLinkWithRoom::new("ops", "https://status.example.com").message("Status page"))
///     .await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareLinkWithRoom {
    #[serde(skip)]
    room_id_or_name: RoomRef,
    #[serde(flatten)]
    share: LinkShare,
}

impl ShareLinkWithRoom {
    /// Shares `link` (an absolute URL) with the room with this id or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>, link: impl Into<String>) -> Self {
        ShareLinkWithRoom {
            room_id_or_name: room_id_or_name.into(),
            share: LinkShare::new(link),
        }
    }

    /// A message posted with the link, at most 1000 characters.
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.share.message = Some(message.into());
        self
    }
}

impl Endpoint for ShareLinkWithRoom {
    type Response = ();

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("share")
            .lit("link")
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
    use crate::api::test_support::*;
    use serde_json::json;

    #[test]
    fn wire_minimal_and_full() {
        let request = build(&ShareLinkWithRoom::new(
            "Ops Team",
            "https://example.com/a?b=c",
        ));
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/share/link"
        );
        assert_bearer(&request);
        assert_eq!(
            json_body(&request),
            json!({"link": "https://example.com/a?b=c"})
        );
        let full = ShareLinkWithRoom::new(7u64, "https://example.com/post").message("Worth a read");
        let request = build(&full);
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/7/share/link"
        );
        assert_eq!(
            json_body(&request),
            json!({"link": "https://example.com/post", "message": "Worth a read"})
        );
    }

    #[test]
    fn refuses_short_or_long_links_and_long_messages() {
        let err = build_err(&ShareLinkWithRoom::new("ops", "http://a"));
        assert_eq!(
            (err.field(), err.rule()),
            ("link", "must be 10..=1000 characters (got 8)")
        );
        build(&ShareLinkWithRoom::new("ops", "http://ab/"));
        let long = format!("https://example.com/{}", "x".repeat(981));
        assert_eq!(
            build_err(&ShareLinkWithRoom::new("ops", long)).field(),
            "link"
        );
        let err = build_err(
            &ShareLinkWithRoom::new("ops", "https://example.com").message("m".repeat(1001)),
        );
        assert_eq!(
            (err.field(), err.rule()),
            ("message", "must be 0..=1000 characters (got 1001)")
        );
        build(&ShareLinkWithRoom::new("ops", "https://example.com").message("m".repeat(1000)));
    }

    #[test]
    fn decodes_204_and_errors() {
        respond::<ShareLinkWithRoom>(204, "").unwrap();
        assert_eq!(api_error::<ShareLinkWithRoom>(404, NOT_FOUND).status(), 404);
    }
}
