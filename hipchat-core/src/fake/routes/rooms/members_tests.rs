//! Invitations and the members of private rooms.

use http::Method;
use serde_json::json;

use super::super::tests::{
    ADMIN, BASE, admin, assert_400, group, hook, insert_addon_token, room_summary, send, user_ref,
};
use crate::api::rooms::{AddMember, GetAllMembers, InviteUser, RemoveMember};
use crate::fake::FakeHipChat;
use crate::fake::tests::api_error;
use crate::fake::tests::call;
use crate::model::{RoomRole, Scope};

// ----- invite_user -----

#[test]
fn invite_user_needs_a_user_token_and_makes_invitees_of_private_rooms_members() {
    let (fake, alice, bob) = group(&[Scope::AdminRoom]);
    fake.add_room("Public");
    let secret = fake.add_private_room("Secret", FakeHipChat::ADMIN_ID, &[]);
    let client = fake.client();
    send(
        &client,
        &InviteUser::new("Public", "@alice").reason("Incident"),
    )
    .unwrap();
    send(&client, &InviteUser::new("Secret", "bob@example.com")).unwrap();
    let members = send(&client, &GetAllMembers::new(secret)).unwrap();
    let ids: Vec<u64> = members.items.iter().map(|u| u.id).collect();
    assert_eq!(ids, vec![FakeHipChat::ADMIN_ID, bob]);
    // No body at all is fine too.
    let (status, _, _) = call(
        &fake,
        Method::POST,
        &format!("{BASE}/room/Secret/invite/{alice}"),
        ADMIN,
        None,
    );
    assert_eq!(status, 204);

    insert_addon_token(&fake, "addon");
    let (status, message) = api_error(send(
        &fake.client_with_token("addon-token"),
        &InviteUser::new("Public", "@bob"),
    ));
    assert_eq!(status, 403, "{message}");

    let path = "/room/Public/invite/@bob";
    assert_400(
        &fake,
        Method::POST,
        path,
        json!({"reason": ""}),
        "reason must be 1 to 250 characters long (got 0)",
    );
    assert_400(
        &fake,
        Method::POST,
        path,
        json!({"reason": "r".repeat(251)}),
        "(got 251)",
    );
    assert_400(
        &fake,
        Method::POST,
        path,
        json!({"reason": null}),
        "reason may not be null; leave it out instead",
    );
    assert_eq!(
        api_error(send(&client, &InviteUser::new("Public", "@ghost"))).0,
        404
    );
    assert_eq!(
        api_error(send(&client, &InviteUser::new("Nope", "@bob"))).0,
        404
    );
}

// ----- members -----

#[test]
fn members_of_private_rooms_are_listed_added_and_removed() {
    let (fake, alice, bob) = group(&[]);
    let id = fake.add_private_room("Secret", alice, &[]);
    let hook_id = hook(&fake, "Secret", "room_exit");
    let client = fake.client();
    send(
        &client,
        &AddMember::new("Secret", "@bob").room_roles([RoomRole::RoomAdmin]),
    )
    .unwrap();
    send(&client, &AddMember::new("Secret", FakeHipChat::ADMIN_ID)).unwrap();
    let page = send(&client, &GetAllMembers::new("Secret").max_results(2)).unwrap();
    assert_eq!(
        page.items.iter().map(|u| u.id).collect::<Vec<_>>(),
        vec![FakeHipChat::ADMIN_ID, alice]
    );
    assert_eq!(page.items[1].mention_name, "alice");
    assert_eq!(
        page.links.next,
        Some(format!(
            "{BASE}/room/{id}/member?start-index=2&max-results=2"
        ))
    );
    let page = send(&client, &GetAllMembers::new("Secret").start_index(2)).unwrap();
    assert_eq!(
        page.items.iter().map(|u| u.id).collect::<Vec<_>>(),
        vec![bob]
    );

    // Removing a member who is in the room makes them leave it.
    fake.enter_room("Secret", bob);
    send(&client, &RemoveMember::new("Secret", "@bob")).unwrap();
    let room = fake.room(id).unwrap();
    assert!(room.participants.is_empty());
    let deliveries = fake.webhook_deliveries();
    assert_eq!(deliveries.len(), 1);
    assert_eq!(
        deliveries[0].payload,
        json!({"event": "room_exit", "webhook_id": hook_id,
            "item": {"sender": user_ref(&fake, bob), "room": room_summary(&fake, "Secret")}})
    );
    let (status, message) = api_error(send(&client, &RemoveMember::new("Secret", "@bob")));
    assert_eq!(status, 404);
    assert!(message.contains("not a member"), "{message}");
    let (status, message) = api_error(send(&client, &RemoveMember::new("Secret", "@alice")));
    assert_eq!(status, 400);
    assert!(message.contains("owner"), "{message}");
    assert_eq!(
        api_error(send(&client, &RemoveMember::new("Secret", "@ghost"))).0,
        404
    );
}

#[test]
fn member_methods_refuse_public_rooms_and_bad_roles() {
    let (fake, _, _) = group(&[]);
    fake.add_room("Public");
    fake.add_private_room("Secret", FakeHipChat::ADMIN_ID, &[]);
    let client = fake.client();
    for result in [
        send(&client, &AddMember::new("Public", "@bob")).map(|_| ()),
        send(&client, &RemoveMember::new("Public", "@bob")).map(|_| ()),
        send(&client, &GetAllMembers::new("Public")).map(|_| ()),
    ] {
        let (status, message) = api_error(result);
        assert_eq!(status, 400);
        assert_eq!(
            message,
            "Room Public is public: only private rooms have members"
        );
    }
    let path = "/room/Secret/member/@bob";
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"room_roles": ["room_owner"]}),
        "room_roles must be one of room_admin, room_member (got \"room_owner\")",
    );
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"room_roles": "room_admin"}),
        "room_roles must be an array, not a string",
    );
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"room_roles": null}),
        "room_roles may not be null; leave it out instead",
    );
    assert_400(
        &fake,
        Method::PUT,
        path,
        json!({"room_roles": [1]}),
        "room_roles[0] must be a string, not a number",
    );
    assert_eq!(
        admin(&fake, Method::PUT, "/room/Secret/member/@ghost", None).0,
        404
    );
    assert_eq!(
        fake.lock()
            .rooms
            .values()
            .map(|r| r.members.len())
            .sum::<usize>(),
        1
    );
    // An empty body adds a plain member.
    assert_eq!(admin(&fake, Method::PUT, path, None).0, 204);
}
