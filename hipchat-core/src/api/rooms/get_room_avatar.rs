use http::Method;

use crate::{Endpoint, Path, Redirect, RoomRef};

/// `GET /room/{room_id_or_name}/avatar`
///
/// Finds a room's avatar image: the server redirects to it, and the redirect is not followed;
/// the answer is the image's URL ([`Redirect::location`]).
///
/// Scope: unconfirmed, likely `view_room`.
///
/// Confidence: only the partial Swagger file describes this method, and it says the answer is
/// `304`; that is most likely a mistake for `302 Found`, as with the group avatar and user
/// photos (unconfirmed). Any 2xx or 3xx answer that carries a `Location` header is accepted;
/// one without it is a [`DecodeError`](crate::DecodeError).
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/get_room_avatar>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::GetRoomAvatar;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/room/ops/avatar")
///     .respond(MockResponse::redirect("https://cdn.example.com/rooms/7/avatar.png"));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let avatar = client.send(&GetRoomAvatar::new("ops")).await?;
/// assert_eq!(avatar.location, "https://cdn.example.com/rooms/7/avatar.png");
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetRoomAvatar {
    room_id_or_name: RoomRef,
}

impl GetRoomAvatar {
    /// The avatar of the room with this id or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>) -> Self {
        GetRoomAvatar {
            room_id_or_name: room_id_or_name.into(),
        }
    }
}

impl Endpoint for GetRoomAvatar {
    type Response = Redirect;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("avatar")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;
    use crate::api::test_support::*;

    #[test]
    fn wire() {
        let request = build(&GetRoomAvatar::new("Ops Team"));
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/avatar"
        );
        assert_bearer(&request);
        assert!(request.body().is_empty());
    }

    fn redirect(status: u16, location: Option<&str>) -> Result<Redirect, Error> {
        let mut response = http::Response::builder().status(status);
        if let Some(location) = location {
            response = response.header("Location", location);
        }
        crate::parse_response::<Redirect>(response.body(Vec::new()).unwrap())
    }

    #[test]
    fn decodes_the_location_without_following_it() {
        let found = redirect(302, Some("https://cdn.example.com/a.png")).unwrap();
        assert_eq!(found.status, 302);
        assert_eq!(found.location, "https://cdn.example.com/a.png");
        // The Swagger file's 304, should a server really send it with a Location.
        assert_eq!(
            redirect(304, Some("https://cdn.example.com/a.png"))
                .unwrap()
                .status,
            304
        );
        assert!(matches!(redirect(304, None), Err(Error::Decode(_))));
        let e = api_error::<GetRoomAvatar>(404, NOT_FOUND);
        assert_eq!(e.hipchat_error().unwrap().message, "Room not found");
    }
}
