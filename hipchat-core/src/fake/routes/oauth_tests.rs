use crate::fake::tests::api_error;
use std::time::Duration;

use futures_executor::block_on;
use http::Method;

use crate::Client;
use crate::api::oauth_sessions::{DeleteSession, GenerateToken, GetSession};
use crate::api::rooms::GetAllRooms;
use crate::api::users::CreateUser;
use crate::fake::FakeHipChat;
use crate::fake::tests::call;
use crate::model::{GrantType, Scope};

/// A client authenticating as the OAuth client `id:secret` on the token endpoint.
pub(crate) fn token_client(fake: &FakeHipChat, id: &str, secret: &str) -> Client {
    Client::builder()
        .base_url(FakeHipChat::BASE_URL)
        .oauth_client(id, secret)
        .backend(fake.clone())
        .build()
        .unwrap()
}

/// Registers the add-on `client_id` with `scopes` and gets a client_credentials token for it
/// through `POST /oauth/token`.
pub(crate) fn addon_token(fake: &FakeHipChat, client_id: &str, scopes: &[Scope]) -> String {
    fake.add_oauth_client(client_id, "s3cret", scopes);
    block_on(
        token_client(fake, client_id, "s3cret")
            .send(&GenerateToken::new(GrantType::ClientCredentials)),
    )
    .unwrap()
    .access_token
}

#[test]
fn client_credentials_grant_all_or_a_subset_of_the_client_scopes() {
    let fake = FakeHipChat::new();
    fake.add_oauth_client(
        "addon-1",
        "secret-1",
        &[Scope::SendNotification, Scope::ViewRoom],
    );
    let client = token_client(&fake, "addon-1", "secret-1");

    let all = block_on(client.send(&GenerateToken::new(GrantType::ClientCredentials))).unwrap();
    assert_eq!(all.token_type, "bearer");
    assert_eq!(all.expires_in, 3600);
    assert_eq!(all.scopes(), vec![Scope::SendNotification, Scope::ViewRoom]);
    assert_eq!(all.group_id, Some(1));
    assert_eq!(all.group_name.as_deref(), Some("Fake Group"));
    assert_eq!(all.refresh_token, None);

    let some = block_on(
        client.send(&GenerateToken::new(GrantType::ClientCredentials).scope([Scope::ViewRoom])),
    )
    .unwrap();
    assert_eq!(some.scope, "view_room");
    assert_ne!(some.access_token, all.access_token);

    // The token works on the fake, with exactly its scopes.
    let addon = fake.client_with_token(some.access_token.clone());
    assert!(block_on(addon.send(&GetAllRooms::new())).is_ok());
    let (status, message) = api_error(block_on(addon.send(&CreateUser::new("A", "a@example.com"))));
    assert_eq!(status, 403);
    assert!(message.contains("admin_group"), "{message}");
}

#[test]
fn scopes_outside_the_client_or_unknown_are_400() {
    let fake = FakeHipChat::new();
    fake.add_oauth_client("addon", "pw", &[Scope::ViewRoom]);
    let client = token_client(&fake, "addon", "pw");
    let (status, message) = api_error(block_on(
        client.send(&GenerateToken::new(GrantType::ClientCredentials).scope([Scope::AdminGroup])),
    ));
    assert_eq!(status, 400);
    assert!(message.contains("admin_group"), "{message}");
    let (status, message) = api_error(block_on(
        client.send(&GenerateToken::new(GrantType::ClientCredentials).scope([Scope::from("fly")])),
    ));
    assert_eq!(status, 400);
    assert!(message.contains("Unknown scope"), "{message}");
}

#[test]
fn bad_client_credentials_are_401() {
    let fake = FakeHipChat::new();
    fake.add_oauth_client("addon", "right", &[Scope::ViewRoom]);
    let request = GenerateToken::new(GrantType::ClientCredentials);
    let (status, message) = api_error(block_on(
        token_client(&fake, "addon", "wrong").send(&request),
    ));
    assert_eq!(
        (status, message.as_str()),
        (401, "Invalid OAuth client credentials")
    );
    let (status, _) = api_error(block_on(
        token_client(&fake, "nobody", "right").send(&request),
    ));
    assert_eq!(status, 401);
    // No Basic header at all (a bearer token instead).
    let (status, _, body) = call(
        &fake,
        Method::POST,
        "https://x.test/v2/oauth/token",
        Some(FakeHipChat::ADMIN_TOKEN),
        None,
    );
    assert_eq!(status, 401, "{body}");
}

fn raw_token_request(
    fake: &FakeHipChat,
    content_type: &str,
    body: &str,
) -> (u16, serde_json::Value) {
    use base64::Engine;
    let basic = base64::engine::general_purpose::STANDARD.encode("addon:pw");
    let request = http::Request::builder()
        .method(Method::POST)
        .uri("https://x.test/v2/oauth/token")
        .header("authorization", format!("Basic {basic}"))
        .header("content-type", content_type)
        .body(body.as_bytes().to_vec())
        .unwrap();
    let response = block_on(crate::HttpBackend::send(fake, request)).unwrap();
    let json = serde_json::from_slice(response.body()).unwrap_or(serde_json::Value::Null);
    (response.status().as_u16(), json)
}

#[test]
fn the_form_is_checked() {
    let fake = FakeHipChat::new();
    fake.add_oauth_client("addon", "pw", &[Scope::ViewRoom]);
    let form = "application/x-www-form-urlencoded";
    let (status, body) = raw_token_request(
        &fake,
        "application/json",
        r#"{"grant_type":"client_credentials"}"#,
    );
    assert_eq!(status, 400);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("x-www-form-urlencoded")
    );
    let (status, body) = raw_token_request(&fake, form, "scope=view_room");
    assert_eq!(status, 400);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("grant_type")
    );
    let (status, body) = raw_token_request(&fake, form, "grant_type=magic");
    assert_eq!(status, 400);
    assert!(body["error"]["message"].as_str().unwrap().contains("magic"));
    let (status, body) = raw_token_request(&fake, form, "grant_type=authorization_code&code=abc");
    assert_eq!(status, 400);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("redirect_url"),
        "{body}"
    );
    let (status, _) = raw_token_request(
        &fake,
        form,
        "grant_type=authorization_code&code=abc&redirect_url=https%3A%2F%2Fa",
    );
    assert_eq!(status, 400);
    let (status, _) = raw_token_request(&fake, form, "grant_type=refresh_token&refresh_token=r");
    assert_eq!(status, 400);
    let (status, body) = raw_token_request(&fake, form, "grant_type=personal");
    assert_eq!(status, 400);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("add_token")
    );
    let (status, body) = raw_token_request(
        &fake,
        form,
        "grant_type=client_credentials&scope=view_room+view_room",
    );
    assert_eq!(status, 200);
    assert_eq!(body["scope"], "view_room");
}

#[test]
fn password_grant_for_users_with_a_known_password() {
    let fake = FakeHipChat::new();
    fake.add_oauth_client("app", "pw", &[Scope::ViewGroup, Scope::SendMessage]);
    let created = block_on(
        fake.client()
            .send(&CreateUser::new("Grace", "grace@example.com").password("hunter2")),
    )
    .unwrap();
    let client = token_client(&fake, "app", "pw");
    let token = block_on(
        client.send(
            &GenerateToken::new(GrantType::Password)
                .username("grace@example.com")
                .password("hunter2")
                .scope([Scope::ViewGroup]),
        ),
    )
    .unwrap();
    let session = block_on(
        fake.client()
            .send(&GetSession::new(token.access_token.as_str())),
    )
    .unwrap();
    assert_eq!(session.owner.unwrap().id, created.id);
    assert_eq!(session.owner_type.as_deref(), Some("user"));
    assert_eq!(session.scopes, vec![Scope::ViewGroup]);

    let wrong = GenerateToken::new(GrantType::Password)
        .username("grace@example.com")
        .password("nope");
    let (status, message) = api_error(block_on(client.send(&wrong)));
    assert_eq!(
        (status, message.as_str()),
        (400, "Invalid username or password")
    );
    // Seeded users have no password.
    let alice = fake.add_user("Alice", "alice", "alice@example.com");
    assert!(alice > 1);
    let seeded = GenerateToken::new(GrantType::Password)
        .username("@alice")
        .password("x");
    assert_eq!(api_error(block_on(client.send(&seeded))).0, 400);
}

#[test]
fn client_credentials_on_behalf_of_a_user() {
    let fake = FakeHipChat::new();
    let bob = fake.add_user("Bob", "bob", "bob@example.com");
    fake.add_oauth_client("app", "pw", &[Scope::ViewGroup]);
    let client = token_client(&fake, "app", "pw");
    let token =
        block_on(client.send(&GenerateToken::new(GrantType::ClientCredentials).username("@bob")))
            .unwrap();
    let session = block_on(
        fake.client()
            .send(&GetSession::new(token.access_token.as_str())),
    )
    .unwrap();
    assert_eq!(session.owner.unwrap().id, bob);
    let missing = GenerateToken::new(GrantType::ClientCredentials).username("@nobody");
    assert_eq!(api_error(block_on(client.send(&missing))).0, 400);
}

#[test]
fn sessions_describe_addon_personal_and_room_tokens() {
    let fake = FakeHipChat::new();
    fake.add_oauth_client("addon", "pw", &[Scope::SendNotification, Scope::ViewRoom]);
    let token = block_on(
        token_client(&fake, "addon", "pw").send(&GenerateToken::new(GrantType::ClientCredentials)),
    )
    .unwrap();
    fake.advance(Duration::from_secs(600));
    let session = block_on(
        fake.client()
            .send(&GetSession::new(token.access_token.as_str())),
    )
    .unwrap();
    assert_eq!(session.access_token, token.access_token);
    assert_eq!(session.expires_in, 3000);
    assert_eq!(
        session.scopes,
        vec![Scope::SendNotification, Scope::ViewRoom]
    );
    assert_eq!(session.client.id, "addon");
    assert_eq!(session.client.name.as_deref(), Some("addon add-on"));
    assert_eq!(
        session.client.allowed_scopes,
        vec![Scope::SendNotification, Scope::ViewRoom]
    );
    assert_eq!(session.client.room, None);
    assert_eq!(session.client.oauth_client_id.as_deref(), Some("addon"));
    assert_eq!(session.owner_type.as_deref(), Some("group"));
    assert_eq!(session.owner.unwrap().name, "Fake Group");

    // The admin's personal token: a user session without expiry.
    let session = block_on(
        fake.client()
            .send(&GetSession::new(FakeHipChat::ADMIN_TOKEN)),
    )
    .unwrap();
    assert_eq!(session.owner.unwrap().id, FakeHipChat::ADMIN_ID);
    assert_eq!(session.expires_in, 0);
    assert_eq!(session.client.room, None);

    // A room notification token names its room.
    let ops = fake.add_room("Ops");
    fake.add_room_token("room-tok", "Ops", &[Scope::SendNotification]);
    let session = block_on(fake.client().send(&GetSession::new("room-tok"))).unwrap();
    let room = session.client.room.unwrap();
    assert_eq!((room.id, room.name.as_str()), (ops, "Ops"));
    assert_eq!(session.scopes, vec![Scope::SendNotification]);
}

#[test]
fn unknown_and_expired_sessions_are_404() {
    let fake = FakeHipChat::new();
    let (status, _) = api_error(block_on(
        fake.client().send(&GetSession::new("no-such-token")),
    ));
    assert_eq!(status, 404);
    let token = addon_token(&fake, "addon", &[Scope::ViewRoom]);
    let addon = fake.client_with_token(token.clone());
    let session = block_on(addon.send(&GetSession::new(token.as_str()))).unwrap();
    assert_eq!(session.expires_in, 3600);
    fake.advance(Duration::from_secs(3600));
    // The expired token can no longer call anything, and its session is gone.
    assert_eq!(api_error(block_on(addon.send(&GetAllRooms::new()))).0, 401);
    let (status, _) = api_error(block_on(
        fake.client().send(&GetSession::new(token.as_str())),
    ));
    assert_eq!(status, 404);
    // Without a token at all: 401.
    let (status, _, _) = call(
        &fake,
        Method::GET,
        "https://x.test/v2/oauth/token/abc",
        None,
        None,
    );
    assert_eq!(status, 401);
}

#[test]
fn delete_session_revokes_and_tokens_are_never_reissued() {
    let fake = FakeHipChat::new();
    fake.add_oauth_client("addon", "pw", &[Scope::ViewRoom]);
    let issue = || {
        block_on(
            token_client(&fake, "addon", "pw")
                .send(&GenerateToken::new(GrantType::ClientCredentials)),
        )
        .unwrap()
        .access_token
    };
    let first = issue();
    block_on(fake.client().send(&DeleteSession::new(first.as_str()))).unwrap();
    assert_eq!(
        api_error(block_on(
            fake.client_with_token(first.clone())
                .send(&GetAllRooms::new())
        ))
        .0,
        401
    );
    assert_eq!(
        api_error(block_on(
            fake.client().send(&DeleteSession::new(first.as_str()))
        ))
        .0,
        404
    );
    let second = issue();
    assert_ne!(first, second);
    assert_eq!(
        api_error(block_on(
            fake.client_with_token(first).send(&GetAllRooms::new())
        ))
        .0,
        401
    );
    // A token may revoke itself.
    let own = fake.client_with_token(second.clone());
    block_on(own.send(&DeleteSession::new(second.as_str()))).unwrap();
    assert_eq!(api_error(block_on(own.send(&GetAllRooms::new()))).0, 401);
}
