use futures_executor::block_on;
use http::Method;
use serde_json::json;

use crate::api::prefs_public::GetAutoJoinRooms;
use crate::api::rooms::GetAllRooms;
use crate::api::users::{
    CreateUser, DeletePhoto, DeleteUser, GetAllUsers, GetPhoto, UpdatePhoto, UpdateUser, ViewUser,
};
use crate::fake::FakeHipChat;
use crate::fake::tests::api_error;
use crate::fake::tests::call;
use crate::model::{PhotoSize, PresenceShow, PresenceUpdate, Scope};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
const ADMIN: Option<&str> = Some(FakeHipChat::ADMIN_TOKEN);

fn message(body: &serde_json::Value) -> &str {
    body["error"]["message"].as_str().unwrap_or_default()
}

// ----- get_all_users -----

#[test]
fn get_all_users_pages_and_filters_guests_and_deleted_users() {
    let fake = FakeHipChat::demo();
    let client = fake.client();
    let page = block_on(client.send(&GetAllUsers::new())).unwrap();
    let names: Vec<&str> = page.items.iter().map(|u| u.mention_name.as_str()).collect();
    assert_eq!(names, vec!["admin", "alice", "bob"]);
    assert_eq!(page.items[1].email, None, "summaries carry no e-mail");
    assert!(page.links.next.is_none());

    let first = block_on(client.send(&GetAllUsers::new().max_results(2))).unwrap();
    assert_eq!(first.items.len(), 2);
    let next = first.links.next.as_deref().unwrap();
    assert!(next.starts_with("https://hipchat.fake/v2/user?"), "{next}");
    assert!(next.contains("start-index=2"), "{next}");

    let bob = fake.user("@bob").unwrap().id;
    block_on(client.send(&DeleteUser::new(bob))).unwrap();
    let guest = fake.add_user("Guest", "guest", "guest@example.com");
    fake.lock().users.get_mut(&guest).unwrap().is_guest = true;
    let ids = |page: crate::model::Page<crate::model::User>| {
        page.items.iter().map(|u| u.id).collect::<Vec<_>>()
    };
    let live = ids(block_on(client.send(&GetAllUsers::new())).unwrap());
    assert!(!live.contains(&bob) && !live.contains(&guest));
    let with_deleted =
        ids(block_on(client.send(&GetAllUsers::new().include_deleted(true))).unwrap());
    assert!(with_deleted.contains(&bob) && !with_deleted.contains(&guest));
    let with_guests = ids(block_on(client.send(&GetAllUsers::new().include_guests(true))).unwrap());
    assert!(with_guests.contains(&guest) && !with_guests.contains(&bob));
}

#[test]
fn get_all_users_expands_items_and_checks_its_query() {
    let fake = FakeHipChat::demo();
    let page = block_on(fake.client().send(&GetAllUsers::new().expand("items"))).unwrap();
    assert_eq!(page.items[1].email.as_deref(), Some("alice@example.com"));
    assert!(page.items[1].presence.is_some());
    let (status, _, body) = call(
        &fake,
        Method::GET,
        "https://x.test/v2/user?include-deleted=maybe",
        ADMIN,
        None,
    );
    assert_eq!(status, 400);
    assert!(message(&body).contains("include-deleted"));
    let (status, _, _) = call(
        &fake,
        Method::GET,
        "https://x.test/v2/user?max-results=1001",
        ADMIN,
        None,
    );
    assert_eq!(status, 400);
    fake.add_token("rooms-only", 1, &[Scope::ViewRoom]);
    let (status, _) = api_error(block_on(
        fake.client_with_token("rooms-only")
            .send(&GetAllUsers::new()),
    ));
    assert_eq!(status, 403);
}

// ----- create_user -----

#[test]
fn create_user_answers_201_with_a_generated_password() {
    let fake = FakeHipChat::new();
    let created = block_on(
        fake.client()
            .send(&CreateUser::new("Grace Hopper", "grace@example.com")),
    )
    .unwrap();
    assert_eq!(
        created.links.self_link.as_deref(),
        Some(format!("https://hipchat.fake/v2/user/{}", created.id).as_str())
    );
    let password = created.password.clone().unwrap();
    let user = fake.user(created.id).unwrap();
    assert_eq!(user.mention_name, "GraceHopper");
    assert_eq!(user.timezone.as_deref(), Some("UTC"));
    assert_eq!(user.is_group_admin, Some(false));
    assert_eq!(user.roles, vec!["user"]);
    assert_eq!(
        fake.lock().users[&created.id].password.as_deref(),
        Some(password.as_str())
    );

    // A second user with the same name gets a free mention name; a given password is not echoed.
    let full = CreateUser::new("Grace Hopper", "grace2@example.com")
        .title("Admiral")
        .is_group_admin(true)
        .timezone("America/New_York")
        .password("s3cret");
    let second = block_on(fake.client().send(&full)).unwrap();
    assert_eq!(second.password, None);
    let user = fake.user(second.id).unwrap();
    assert_eq!(user.mention_name, "GraceHopper2");
    assert_eq!(user.title.as_deref(), Some("Admiral"));
    assert_eq!(user.timezone.as_deref(), Some("America/New_York"));
    assert_eq!(user.is_group_admin, Some(true));
    assert_eq!(user.roles, vec!["admin", "user"]);

    let roles = CreateUser::new("Ops Bot", "bot@example.com")
        .mention_name("opsbot")
        .roles(["user"]);
    let third = block_on(fake.client().send(&roles)).unwrap();
    assert_eq!(fake.user("@opsbot").unwrap().id, third.id);
}

#[test]
fn create_user_refuses_duplicates_and_bad_fields() {
    let fake = FakeHipChat::demo();
    let client = fake.client();
    let (status, text) = api_error(block_on(
        client.send(&CreateUser::new("Other", "ALICE@example.com")),
    ));
    assert_eq!(status, 400);
    assert!(text.contains("already exists"), "{text}");
    let (status, text) = api_error(block_on(
        client.send(&CreateUser::new("Other", "other@example.com").mention_name("alice")),
    ));
    assert_eq!(status, 400);
    assert!(text.contains("mention name"), "{text}");
    let (status, text) = api_error(block_on(
        client.send(&CreateUser::new("Other", "not-an-address")),
    ));
    assert_eq!(status, 400);
    assert!(text.contains("e-mail"), "{text}");
    let (status, _) = api_error(block_on(
        client.send(&CreateUser::new("Other", "o@example.com").mention_name("two words")),
    ));
    assert_eq!(status, 400);
    let (status, _) = api_error(block_on(
        client.send(&CreateUser::new("Other", "o@example.com").timezone("Not a zone")),
    ));
    assert_eq!(status, 400);

    let uri = "https://x.test/v2/user";
    let cases = [
        (json!({"email": "x@example.com"}), "name"),
        (json!({"name": "X"}), "email"),
        (json!({"name": "", "email": "x@example.com"}), "name"),
        (
            json!({"name": "n".repeat(51), "email": "x@example.com"}),
            "name",
        ),
        (json!({"name": 5, "email": "x@example.com"}), "name"),
        (
            json!({"name": "X", "email": "x@example.com", "title": null}),
            "title",
        ),
        (
            json!({"name": "X", "email": "x@example.com", "is_group_admin": "yes"}),
            "is_group_admin",
        ),
        (
            json!({"name": "X", "email": "x@example.com", "roles": "user"}),
            "roles",
        ),
        (
            json!({"name": "X", "email": "x@example.com", "mention_name": "@x"}),
            "mention_name",
        ),
        (
            json!({"name": "X", "email": "x@example.com", "password": ""}),
            "password",
        ),
        (json!(["not", "an", "object"]), "object"),
    ];
    for (body, field) in cases {
        let (status, _, answer) = call(&fake, Method::POST, uri, ADMIN, Some(body.clone()));
        assert_eq!(status, 400, "{body}");
        assert!(message(&answer).contains(field), "{body}: {answer}");
        assert_eq!(answer["error"]["type"], "Bad Request");
    }
    assert_eq!(fake.users().len(), 3, "nothing was created");
    let alice = fake.user("@alice").unwrap().id;
    fake.add_token("alice-view", alice, &[Scope::ViewGroup]);
    let (status, _) = api_error(block_on(
        fake.client_with_token("alice-view")
            .send(&CreateUser::new("X", "x@example.com")),
    ));
    assert_eq!(status, 403);
}

// ----- view_user -----

#[test]
fn view_user_by_id_email_or_mention_with_presence() {
    let fake = FakeHipChat::demo();
    let alice = fake.user("@alice").unwrap().id;
    fake.set_presence(alice, true, Some("dnd"), Some("Deploying"));
    for key in [
        alice.to_string(),
        "alice@example.com".to_owned(),
        "@alice".to_owned(),
    ] {
        let user = block_on(fake.client().send(&ViewUser::new(key.as_str()))).unwrap();
        assert_eq!(user.id, alice);
        assert_eq!(user.email.as_deref(), Some("alice@example.com"));
        let presence = user.presence.unwrap();
        assert!(presence.is_online);
        assert_eq!(presence.show, Some(PresenceShow::Dnd));
        assert_eq!(presence.status.as_deref(), Some("Deploying"));
        assert_eq!(
            user.last_active.as_deref(),
            Some("2019-01-01T00:00:07.000000+00:00")
        );
        assert_eq!(user.group.unwrap().name, "Fake Group");
    }
    fake.set_presence(alice, false, None, None);
    let user = block_on(fake.client().send(&ViewUser::new("@alice"))).unwrap();
    assert!(!user.presence.unwrap().is_online);

    let (status, text) = api_error(block_on(fake.client().send(&ViewUser::new("@nobody"))));
    assert_eq!(status, 404);
    assert!(text.contains("@nobody"), "{text}");
    assert_eq!(
        api_error(block_on(fake.client().send(&ViewUser::new(999u64)))).0,
        404
    );
}

#[test]
#[should_panic(expected = "no user 99")]
fn set_presence_of_a_missing_user_panics() {
    FakeHipChat::new().set_presence(99, true, None, None);
}

// ----- update_user -----

#[test]
fn update_user_replaces_the_profile_and_presence() {
    let fake = FakeHipChat::demo();
    let alice = fake.user("@alice").unwrap().id;
    let client = fake.client();
    let before = fake.lock().users[&alice].version;
    let update = UpdateUser::new(
        "@alice",
        "Alice Cooper",
        "alice.cooper@example.com",
        "acooper",
    )
    .title("Singer")
    .timezone("Europe/Paris")
    .is_group_admin(true)
    .password("new-pass")
    .presence(
        PresenceUpdate::new()
            .status("On tour")
            .show(PresenceShow::Away),
    );
    block_on(client.send(&update)).unwrap();
    let user = fake.user(alice).unwrap();
    assert_eq!(user.name, "Alice Cooper");
    assert_eq!(user.email.as_deref(), Some("alice.cooper@example.com"));
    assert_eq!(user.mention_name, "acooper");
    assert_eq!(user.title.as_deref(), Some("Singer"));
    assert_eq!(user.timezone.as_deref(), Some("Europe/Paris"));
    assert_eq!(user.is_group_admin, Some(true));
    assert_eq!(user.roles, vec!["admin", "user"]);
    assert!(fake.lock().users[&alice].version > before);
    assert_eq!(
        fake.lock().users[&alice].password.as_deref(),
        Some("new-pass")
    );
    assert!(
        fake.user("@alice").is_none(),
        "the old mention name is gone"
    );

    // Presence shows once the user is online; status null clears the status.
    fake.set_presence(alice, true, Some("away"), Some("On tour"));
    block_on(
        client.send(
            &UpdateUser::new(alice, "Alice Cooper", "alice.cooper@example.com", "acooper")
                .presence(
                    PresenceUpdate::new()
                        .clear_status()
                        .show(PresenceShow::Chat),
                ),
        ),
    )
    .unwrap();
    let user = fake.user(alice).unwrap();
    let presence = user.presence.unwrap();
    assert_eq!(presence.show, Some(PresenceShow::Chat));
    assert_eq!(presence.status, None);
    // A full PUT: omitted title, timezone and admin flag go back to their defaults; the password stays.
    assert_eq!(user.title.as_deref(), Some(""));
    assert_eq!(user.timezone.as_deref(), Some("UTC"));
    assert_eq!(user.is_group_admin, Some(false));
    assert_eq!(
        fake.lock().users[&alice].password.as_deref(),
        Some("new-pass")
    );
}

#[test]
fn update_user_refuses_bad_input_guests_clashes_and_the_owner() {
    let fake = FakeHipChat::demo();
    let alice = fake.user("@alice").unwrap().id;
    let client = fake.client();
    let clash = UpdateUser::new(alice, "Alice", "bob@example.com", "alice");
    let (status, text) = api_error(block_on(client.send(&clash)));
    assert_eq!(status, 400);
    assert!(text.contains("already exists"), "{text}");
    let clash = UpdateUser::new(alice, "Alice", "alice@example.com", "BOB");
    assert_eq!(api_error(block_on(client.send(&clash))).0, 400);
    // Keeping one's own e-mail and mention name is fine.
    block_on(client.send(&UpdateUser::new(
        alice,
        "Alice",
        "alice@example.com",
        "alice",
    )))
    .unwrap();

    let uri = format!("https://x.test/v2/user/{alice}");
    let base = json!({"name": "Alice", "email": "alice@example.com", "mention_name": "alice"});
    let with = |key: &str, value: serde_json::Value| {
        let mut body = base.clone();
        if value.is_null() && key.starts_with('-') {
            body.as_object_mut().unwrap().remove(&key[1..]);
        } else {
            body[key] = value;
        }
        body
    };
    let cases = [
        (with("-mention_name", json!(null)), "mention_name"),
        (with("-email", json!(null)), "email"),
        (with("name", json!("")), "name"),
        (with("presence", json!({"show": "busy"})), "presence.show"),
        (with("presence", json!({"show": null})), "presence.show"),
        (with("presence", json!({"status": 5})), "presence.status"),
        (with("presence", json!("away")), "presence"),
        (with("timezone", json!(null)), "timezone"),
    ];
    for (body, field) in cases {
        let (status, _, answer) = call(&fake, Method::PUT, &uri, ADMIN, Some(body.clone()));
        assert_eq!(status, 400, "{body}");
        assert!(message(&answer).contains(field), "{body}: {answer}");
    }

    let guest = fake.add_user("Guest", "guest", "guest@example.com");
    fake.lock().users.get_mut(&guest).unwrap().is_guest = true;
    let (status, text) = api_error(block_on(client.send(&UpdateUser::new(
        guest,
        "G",
        "guest@example.com",
        "guest",
    ))));
    assert_eq!((status, text.as_str()), (400, "Guests cannot be updated"));

    // Someone else's admin_group token may not touch the owner; the owner may.
    fake.add_token("alice-admin", alice, &[Scope::AdminGroup]);
    let owner = UpdateUser::new(1u64, "Boss", "admin@example.com", "admin");
    let (status, _) = api_error(block_on(fake.client_with_token("alice-admin").send(&owner)));
    assert_eq!(status, 403);
    block_on(client.send(&owner)).unwrap();
    let boss = fake.user(1u64).unwrap();
    assert_eq!(boss.name, "Boss");
    assert_eq!(boss.is_group_admin, Some(true), "the owner stays an admin");
    assert!(boss.roles.contains(&"owner".to_owned()));
    assert_eq!(
        api_error(block_on(client.send(&UpdateUser::new(
            "@ghost",
            "G",
            "g@example.com",
            "g"
        ))))
        .0,
        404
    );
}

// ----- delete_user -----

#[test]
fn delete_user_hides_the_user_and_revokes_its_tokens() {
    let fake = FakeHipChat::demo();
    let bob = fake.user("@bob").unwrap().id;
    fake.add_token("bob-token", bob, &[Scope::ViewGroup]);
    assert!(
        block_on(
            fake.client_with_token("bob-token")
                .send(&GetAllRooms::new())
        )
        .is_ok()
    );
    block_on(fake.client().send(&DeleteUser::new("bob@example.com"))).unwrap();
    assert!(fake.user(bob).is_none());
    assert_eq!(
        api_error(block_on(fake.client().send(&ViewUser::new(bob)))).0,
        404
    );
    assert_eq!(
        api_error(block_on(fake.client().send(&DeleteUser::new(bob)))).0,
        404
    );
    assert_eq!(
        api_error(block_on(
            fake.client_with_token("bob-token")
                .send(&GetAllRooms::new())
        ))
        .0,
        401
    );
    let listed = fake.users().into_iter().find(|u| u.id == bob).unwrap();
    assert_eq!(listed.is_deleted, Some(true));
    // The address is free again.
    block_on(
        fake.client()
            .send(&CreateUser::new("New Bob", "bob@example.com").mention_name("bob")),
    )
    .unwrap();

    let (status, text) = api_error(block_on(fake.client().send(&DeleteUser::new(1u64))));
    assert_eq!(status, 403);
    assert!(text.contains("owner"), "{text}");
}

// ----- photos -----

#[test]
fn photos_redirect_update_and_delete() {
    let fake = FakeHipChat::demo();
    let client = fake.client();
    let alice = fake.user("@alice").unwrap().id;
    let big = block_on(client.send(&GetPhoto::new("@alice", PhotoSize::Big))).unwrap();
    assert_eq!(big.status, 302);
    assert_eq!(big.location, "https://hipchat.fake/img/silhouette_125.png");
    let small = block_on(client.send(&GetPhoto::new(alice, PhotoSize::Small))).unwrap();
    assert_eq!(small.location, "https://hipchat.fake/img/silhouette_36.png");

    block_on(client.send(&UpdatePhoto::from_bytes(alice, PNG))).unwrap();
    let user = fake.user(alice).unwrap();
    let big = block_on(client.send(&GetPhoto::new(alice, PhotoSize::Big))).unwrap();
    assert_eq!(Some(big.location.clone()), user.photo_url);
    assert!(big.location.ends_with("photo_125.png"), "{}", big.location);
    let small = block_on(client.send(&GetPhoto::new(alice, PhotoSize::Small))).unwrap();
    assert!(
        small.location.ends_with("photo_36.png"),
        "{}",
        small.location
    );

    block_on(client.send(&DeletePhoto::new(alice))).unwrap();
    let big = block_on(client.send(&GetPhoto::new(alice, PhotoSize::Big))).unwrap();
    assert_eq!(big.location, "https://hipchat.fake/img/silhouette_125.png");
}

#[test]
fn photos_refuse_bad_sizes_images_guests_and_unknown_users() {
    let fake = FakeHipChat::demo();
    let admin = ADMIN;
    let (status, _, body) = call(
        &fake,
        Method::GET,
        "https://x.test/v2/user/1/photo/huge",
        admin,
        None,
    );
    assert_eq!(status, 400);
    assert!(message(&body).contains("size"));
    let (status, _) = api_error(block_on(
        fake.client().send(&UpdatePhoto::new(2u64, "not base64!")),
    ));
    assert_eq!(status, 400);
    let (status, text) = api_error(block_on(
        fake.client()
            .send(&UpdatePhoto::from_bytes(2u64, b"plain text")),
    ));
    assert_eq!(status, 400);
    assert!(text.contains("image"), "{text}");
    let (status, _, body) = call(
        &fake,
        Method::PUT,
        "https://x.test/v2/user/2/photo",
        admin,
        Some(json!({})),
    );
    assert_eq!(status, 400);
    assert!(message(&body).contains("photo"));
    let guest = fake.add_user("Guest", "guest", "guest@example.com");
    fake.lock().users.get_mut(&guest).unwrap().is_guest = true;
    let (status, _) = api_error(block_on(
        fake.client().send(&UpdatePhoto::from_bytes(guest, PNG)),
    ));
    assert_eq!(status, 400);
    for result in [
        block_on(fake.client().send(&UpdatePhoto::from_bytes("@ghost", PNG))).map(|_| ()),
        block_on(fake.client().send(&DeletePhoto::new("@ghost"))),
        block_on(fake.client().send(&GetPhoto::new("@ghost", PhotoSize::Big))).map(|_| ()),
    ] {
        assert_eq!(api_error(result).0, 404);
    }
}

// ----- auto-join rooms -----

#[test]
fn auto_join_rooms_are_paged_room_summaries() {
    let fake = FakeHipChat::demo();
    let alice = fake.user("@alice").unwrap().id;
    let extra = fake.add_room("Extra");
    let page = block_on(fake.client().send(&GetAutoJoinRooms::new(alice))).unwrap();
    assert!(page.items.is_empty());
    fake.set_auto_join(alice, ["Dev", "Ops"]);
    fake.set_auto_join(
        alice,
        vec![crate::RoomRef::from("Dev"), "Ops".into(), extra.into()],
    );
    let page = block_on(fake.client().send(&GetAutoJoinRooms::new("@alice"))).unwrap();
    let names: Vec<&str> = page.items.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, vec!["Dev", "Ops", "Extra"]);
    let first = block_on(
        fake.client()
            .send(&GetAutoJoinRooms::new(alice).max_results(2)),
    )
    .unwrap();
    assert_eq!(first.items.len(), 2);
    assert!(
        first
            .links
            .next
            .as_deref()
            .unwrap()
            .contains("start-index=2")
    );
    assert_eq!(
        api_error(block_on(
            fake.client().send(&GetAutoJoinRooms::new("@ghost"))
        ))
        .0,
        404
    );
}
