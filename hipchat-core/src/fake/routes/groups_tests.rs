use futures_executor::block_on;
use http::Method;
use serde_json::json;

use crate::Client;
use crate::api::capabilities::{GetAddonCapabilitiesSchema, GetCapabilities};
use crate::api::groups::{
    DeleteGroupAvatar, GetGroupAvatar, GroupStatistics, UpdateGroupAvatar, ViewGroup,
};
use crate::api::invites::InviteUserToGroup;
use crate::api::users::ViewUser;
use crate::fake::FakeHipChat;
use crate::fake::tests::api_error;
use crate::fake::tests::call;
use crate::model::{PlanType, SchemaDraft, Scope};

const ADMIN: Option<&str> = Some(FakeHipChat::ADMIN_TOKEN);

// ----- capabilities -----

#[test]
fn capabilities_need_no_token_and_point_at_the_request_base() {
    let fake = FakeHipChat::new();
    let anonymous = Client::builder()
        .base_url("https://chat.internal:8443/hipchat/v2")
        .backend(fake.clone())
        .build()
        .unwrap();
    let caps = block_on(anonymous.send(&GetCapabilities::new())).unwrap();
    assert_eq!(caps.key, "hipchat");
    assert_eq!(caps.connect_server_api_version, Some(1));
    assert_eq!(
        caps.links.self_link.as_deref(),
        Some("https://chat.internal:8443/hipchat/v2/capabilities")
    );
    assert_eq!(
        caps.links.api.as_deref(),
        Some("https://chat.internal:8443/hipchat/v2")
    );
    assert_eq!(
        caps.links.homepage.as_deref(),
        Some("https://chat.internal:8443")
    );
    assert_eq!(
        caps.api_url(),
        Some("https://chat.internal:8443/hipchat/v2/")
    );
    let provider = caps.capabilities.hipchat_api_provider.unwrap();
    assert_eq!(provider.available_scopes.len(), 9);
    let admin = &provider.available_scopes["admin_group"];
    assert_eq!(
        (admin.id.clone(), admin.name.as_str()),
        (Scope::AdminGroup, "Administer Group")
    );
    let oauth = caps.capabilities.oauth2_provider.unwrap();
    assert_eq!(
        oauth.token_url.as_deref(),
        Some("https://chat.internal:8443/hipchat/v2/oauth/token")
    );
    assert_eq!(
        oauth.authorization_url.as_deref(),
        Some("https://chat.internal:8443/users/authorize")
    );
    // The answer has the fixture's shape: the same members at the top and under capabilities.
    let fixture: serde_json::Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/hipchat-cloud-capabilities.json"
    ))
    .unwrap();
    let (_, _, body) = call(
        &fake,
        Method::GET,
        "https://x.test/v2/capabilities",
        None,
        None,
    );
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&body), keys(&fixture));
    assert_eq!(keys(&body["capabilities"]), keys(&fixture["capabilities"]));
    assert_eq!(keys(&body["links"]), keys(&fixture["links"]));
    assert_eq!(
        keys(&body["capabilities"]["hipchatApiProvider"]["availableScopes"]),
        keys(&fixture["capabilities"]["hipchatApiProvider"]["availableScopes"])
    );
}

#[test]
fn the_addon_schema_comes_in_two_drafts() {
    let fake = FakeHipChat::new();
    let v4 = block_on(fake.client().send(&GetAddonCapabilitiesSchema::new())).unwrap();
    assert_eq!(v4["$schema"], "http://json-schema.org/draft-04/schema#");
    assert_eq!(
        v4["required"],
        json!(["key", "name", "description", "links"])
    );
    assert!(v4["properties"]["capabilities"]["properties"]["glance"].is_object());
    let v2 = block_on(
        fake.client()
            .send(&GetAddonCapabilitiesSchema::new().draft(SchemaDraft::V2)),
    )
    .unwrap();
    assert_eq!(v2["$schema"], "http://json-schema.org/draft-02/schema#");
    let (status, _, body) = call(
        &fake,
        Method::GET,
        "https://x.test/v2/capabilities/addon/schema?draft=v3",
        None,
        None,
    );
    assert_eq!(status, 400);
    assert!(body["error"]["message"].as_str().unwrap().contains("draft"));
}

// ----- the group -----

#[test]
fn view_group_describes_the_one_group() {
    let fake = FakeHipChat::new();
    let group = block_on(fake.client().send(&ViewGroup::new(1u64))).unwrap();
    assert_eq!((group.id, group.name.as_str()), (1, "Fake Group"));
    assert_eq!(group.domain.as_deref(), Some("example.com"));
    assert_eq!(group.subdomain.as_deref(), Some("fake-group"));
    assert_eq!(
        group.created.as_deref(),
        Some("2019-01-01T00:00:00.000000+00:00")
    );
    assert_eq!(group.plan.unwrap().plan_type, Some(PlanType::Free));
    assert_eq!(group.owner.unwrap().id, FakeHipChat::ADMIN_ID);
    assert_eq!(
        group.links.self_link.as_deref(),
        Some("https://hipchat.fake/v2/group/1")
    );
    assert_eq!(group.avatar_url, None);
    assert_eq!(
        api_error(block_on(fake.client().send(&ViewGroup::new(2u64)))).0,
        404
    );
    let (status, _, _) = call(
        &fake,
        Method::GET,
        "https://x.test/v2/group/abc",
        ADMIN,
        None,
    );
    assert_eq!(status, 404);
    fake.add_token("rooms-only", 1, &[Scope::ViewRoom]);
    assert_eq!(
        api_error(block_on(
            fake.client_with_token("rooms-only")
                .send(&ViewGroup::new(1u64))
        ))
        .0,
        403
    );
}

#[test]
fn the_group_avatar_redirects_updates_and_deletes() {
    let fake = FakeHipChat::new();
    let client = fake.client();
    let before = block_on(client.send(&GetGroupAvatar::new(1u64))).unwrap();
    assert_eq!(before.status, 302);
    assert_eq!(
        before.location,
        "https://hipchat.fake/img/group_default_125.png"
    );

    let png = "iVBORw0KGgoAAAANSUhEUg==";
    block_on(client.send(&UpdateGroupAvatar::new(1u64, png))).unwrap();
    let after = block_on(client.send(&GetGroupAvatar::new(1u64))).unwrap();
    assert_ne!(after.location, before.location);
    let group = block_on(client.send(&ViewGroup::new(1u64))).unwrap();
    assert_eq!(group.avatar_url.as_deref(), Some(after.location.as_str()));
    // A data URI works too, and another image gets another address.
    block_on(client.send(&UpdateGroupAvatar::new(
        1u64,
        "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
    )))
    .unwrap();
    let gif = block_on(client.send(&GetGroupAvatar::new(1u64))).unwrap();
    assert_ne!(gif.location, after.location);

    block_on(client.send(&DeleteGroupAvatar::new(1u64))).unwrap();
    assert_eq!(
        block_on(client.send(&GetGroupAvatar::new(1u64)))
            .unwrap()
            .location,
        before.location
    );
}

#[test]
fn group_avatar_errors() {
    let fake = FakeHipChat::new();
    let client = fake.client();
    let (status, text) = api_error(block_on(
        client.send(&UpdateGroupAvatar::new(1u64, "aGVsbG8=")),
    ));
    assert_eq!(status, 400);
    assert!(text.contains("avatar"), "{text}");
    assert_eq!(
        api_error(block_on(client.send(&UpdateGroupAvatar::new(
            1u64,
            "data:text/plain;base64,aGk="
        ))))
        .0,
        400
    );
    let (status, _, body) = call(
        &fake,
        Method::PUT,
        "https://x.test/v2/group/1/avatar",
        ADMIN,
        Some(json!({"avatar": null})),
    );
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        api_error(block_on(
            client.send(&UpdateGroupAvatar::new(7u64, "iVBORw0KGgo="))
        ))
        .0,
        404
    );
    assert_eq!(
        api_error(block_on(client.send(&DeleteGroupAvatar::new(7u64)))).0,
        404
    );
    assert_eq!(
        api_error(block_on(client.send(&GetGroupAvatar::new(7u64)))).0,
        404
    );
    fake.add_token("viewer", 1, &[Scope::ViewGroup]);
    let viewer = fake.client_with_token("viewer");
    assert_eq!(
        api_error(block_on(viewer.send(&DeleteGroupAvatar::new(1u64)))).0,
        403
    );
}

#[test]
fn group_statistics_count_what_the_fake_holds() {
    let fake = FakeHipChat::demo();
    let stats = block_on(fake.client().send(&GroupStatistics::new(1u64))).unwrap();
    assert_eq!(stats["users"], 3);
    assert_eq!(stats["guests"], 0);
    assert_eq!(stats["rooms"], 2);
    assert_eq!(stats["archived_rooms"], 0);
    assert_eq!(stats["messages_sent"], 7);
    assert_eq!(
        stats["links"]["self"],
        "https://hipchat.fake/v2/group/1/statistics"
    );
    assert_eq!(
        api_error(block_on(fake.client().send(&GroupStatistics::new(9u64)))).0,
        404
    );
}

// ----- invites -----

#[test]
fn invite_user_to_group_adds_a_member_who_has_not_signed_in() {
    let fake = FakeHipChat::demo();
    let answer = block_on(
        fake.client()
            .send(&InviteUserToGroup::new("carol@example.com", "Carol Danvers").title("Pilot")),
    )
    .unwrap();
    let id = answer["id"].as_u64().unwrap();
    assert_eq!(answer["email"], "carol@example.com");
    let user = block_on(fake.client().send(&ViewUser::new("carol@example.com"))).unwrap();
    assert_eq!(user.id, id);
    assert_eq!(user.mention_name, "CarolDanvers");
    assert_eq!(user.title.as_deref(), Some("Pilot"));
    assert_eq!(user.is_guest, Some(false));
    assert_eq!(user.last_active, None);
    assert_eq!(fake.lock().users[&id].password, None);

    let (status, text) = api_error(block_on(
        fake.client()
            .send(&InviteUserToGroup::new("ALICE@example.com", "Alice")),
    ));
    assert_eq!(status, 400);
    assert!(text.contains("already exists"), "{text}");
    let (status, _) = api_error(block_on(
        fake.client().send(&InviteUserToGroup::new("nope", "N")),
    ));
    assert_eq!(status, 400);
    let uri = "https://x.test/v2/invite/user";
    for (body, field) in [
        (json!({"name": "N"}), "email"),
        (json!({"email": "n@example.com"}), "name"),
        (
            json!({"email": "n@example.com", "name": "n".repeat(51)}),
            "name",
        ),
        (
            json!({"email": "n@example.com", "name": "N", "title": null}),
            "title",
        ),
    ] {
        let (status, _, answer) = call(&fake, Method::POST, uri, ADMIN, Some(body.clone()));
        assert_eq!(status, 400, "{body}");
        assert!(
            answer["error"]["message"].as_str().unwrap().contains(field),
            "{answer}"
        );
    }
    fake.add_token("viewer", 1, &[Scope::ViewGroup]);
    let viewer = fake.client_with_token("viewer");
    assert_eq!(
        api_error(block_on(
            viewer.send(&InviteUserToGroup::new("z@example.com", "Z"))
        ))
        .0,
        403
    );
}
