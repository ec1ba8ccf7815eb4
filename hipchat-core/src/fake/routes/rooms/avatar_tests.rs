//! Room avatars.

use http::Method;
use serde_json::json;

use super::super::tests::{assert_400, send};
use crate::api::rooms::{DeleteRoomAvatar, GetRoomAvatar, UpdateRoomAvatar};
use crate::fake::FakeHipChat;
use crate::fake::tests::api_error;

// ----- avatars -----

#[test]
fn room_avatars_redirect_once_set_and_404_otherwise() {
    let fake = FakeHipChat::new();
    let id = fake.add_room("Ops");
    let client = fake.client();
    let (status, message) = api_error(send(&client, &GetRoomAvatar::new("Ops")));
    assert_eq!((status, message.as_str()), (404, "Room Ops has no avatar"));

    send(&client, &UpdateRoomAvatar::new("Ops", "iVBORw0KGgo=")).unwrap();
    let avatar_url = fake.room(id).unwrap().avatar_url.unwrap();
    let redirect = send(&client, &GetRoomAvatar::new("Ops")).unwrap();
    assert_eq!(redirect.status.as_u16(), 302);
    assert_eq!(redirect.location, avatar_url);
    // A new image gets a new URL.
    send(
        &client,
        &UpdateRoomAvatar::new("Ops", "R0lGODlhAQABAAAAACw="),
    )
    .unwrap();
    assert_ne!(fake.room(id).unwrap().avatar_url.unwrap(), avatar_url);

    send(&client, &DeleteRoomAvatar::new("Ops")).unwrap();
    assert_eq!(fake.room(id).unwrap().avatar_url, None);
    assert_eq!(api_error(send(&client, &GetRoomAvatar::new("Ops"))).0, 404);
    // Deleting when there is none is harmless.
    send(&client, &DeleteRoomAvatar::new("Ops")).unwrap();
    assert_eq!(
        api_error(send(&client, &DeleteRoomAvatar::new("Nope"))).0,
        404
    );
}

#[test]
fn update_room_avatar_wants_base64_image_data() {
    let fake = FakeHipChat::new();
    fake.add_room("Ops");
    let path = "/room/Ops/avatar";
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({}),
        "Missing required field: avatar",
    );
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"avatar": null}),
        "avatar is required and may not be null",
    );
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"avatar": 12}),
        "avatar must be a string, not a number",
    );
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"avatar": "not base64!"}),
        "base64",
    );
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"avatar": ""}),
        "avatar must not be empty",
    );
    assert_eq!(fake.room("Ops").unwrap().avatar_url, None);
}
