//! Whole flows of user code against `hipchat::fake::FakeHipChat`, through the facade: what a
//! bot, a CI notifier or an add-on does, checked on the state the fake is left in.

use std::time::Duration;

use hipchat::api::oauth_sessions::{DeleteSession, GenerateToken, GetSession};
use hipchat::api::rooms::{
    CreateRoom, CreateWebhook, GetAllRooms, SendMessage, SendRoomNotification, SetTopic,
    ViewRoomHistory,
};
use hipchat::api::users::{GetAllUsers, PrivateMessageUser, ViewPrivatechatHistory};
use hipchat::fake::{FakeHipChat, RateLimit};
use hipchat::model::{Card, CardStyle, Color, GrantType, MessageSender, Scope, WebhookEvent};
use hipchat::{Client, Error, RetryPolicy};

/// A deploy notifier as a user would write it: make sure the room exists, then announce.
async fn announce_deploy(client: &Client, room: &str, version: &str) -> Result<(), Error> {
    let rooms = client.pager(GetAllRooms::new()).collect_all().await?;
    if !rooms.iter().any(|r| r.name.eq_ignore_ascii_case(room)) {
        client.send(&CreateRoom::new(room).topic("Deploys")).await?;
    }
    let card = Card::new(
        CardStyle::Application,
        format!("deploy-{version}"),
        format!("Deployed {version}"),
    )
    .description("all checks green");
    client
        .send(
            &SendRoomNotification::new(room, format!("Deployed {version}"))
                .color(Color::Green)
                .from("deploybot")
                .card(card),
        )
        .await
}

#[tokio::test]
async fn a_deploy_notifier_creates_its_room_once_and_webhooks_see_each_notification() {
    let fake = FakeHipChat::new();
    let client = fake.client();

    announce_deploy(&client, "Deploys", "1.4.0").await.unwrap();
    client
        .send(&CreateWebhook::new(
            "Deploys",
            "https://bot.example/hook",
            WebhookEvent::RoomNotification,
        ))
        .await
        .unwrap();
    announce_deploy(&client, "Deploys", "1.4.1").await.unwrap();

    let rooms = fake.rooms();
    assert_eq!(rooms.len(), 1, "the room is created once");
    assert_eq!(rooms[0].topic.as_deref(), Some("Deploys"));

    let history = fake.room_history("Deploys");
    let texts: Vec<&str> = history
        .iter()
        .filter_map(|m| m.message.as_deref())
        .collect();
    assert_eq!(texts, ["Deployed 1.4.0", "Deployed 1.4.1"]);
    assert_eq!(history[1].color, Some(Color::Green));
    assert_eq!(
        history[1].from,
        Some(MessageSender::Label("deploybot".to_owned()))
    );
    assert_eq!(history[1].card.as_ref().unwrap()["title"], "Deployed 1.4.1");

    let deliveries = fake.webhook_deliveries();
    assert_eq!(
        deliveries.len(),
        1,
        "only notifications after the webhook was registered"
    );
    assert_eq!(deliveries[0].url, "https://bot.example/hook");
    assert_eq!(deliveries[0].event, "room_notification");
    assert_eq!(
        deliveries[0].payload["item"]["message"]["message"],
        "Deployed 1.4.1"
    );
    assert_eq!(deliveries[0].payload["item"]["room"]["name"], "Deploys");
}

#[tokio::test]
async fn history_pages_back_in_time_and_date_ranges_cut_it() {
    let fake = FakeHipChat::new();
    fake.add_room("Ops");
    let start = fake.now_unix();
    for i in 0..7 {
        fake.add_notification("Ops", "ci", &format!("build {i}"));
    }
    let client = fake.client();

    let newest_first = client
        .pager(
            ViewRoomHistory::new("Ops")
                .date("2030-01-01")
                .reverse(false)
                .max_results(3),
        )
        .collect_all()
        .await
        .unwrap();
    let texts: Vec<&str> = newest_first
        .iter()
        .filter_map(|m| m.message.as_deref())
        .collect();
    assert_eq!(
        texts,
        [
            "build 6", "build 5", "build 4", "build 3", "build 2", "build 1", "build 0"
        ]
    );
    let history_requests = fake
        .requests()
        .iter()
        .filter(|r| r.contains("/history"))
        .count();
    assert_eq!(history_requests, 3, "three pages of three, three and one");

    // Each recorded message moved the fake's clock by one second: builds 2 to 4 are the
    // messages from start+2 to start+4.
    let at = |secs: i64| hipchat::datetime::Timestamp::from_unix(start + secs).to_string();
    let window = client
        .send(&ViewRoomHistory::new("Ops").end_date(at(2)).date(at(4)))
        .await
        .unwrap();
    let texts: Vec<&str> = window
        .items
        .iter()
        .filter_map(|m| m.message.as_deref())
        .collect();
    assert_eq!(texts, ["build 2", "build 3", "build 4"]);
}

#[tokio::test]
async fn scopes_decide_what_a_token_may_do() {
    let fake = FakeHipChat::demo();
    fake.add_token(
        "notifier",
        FakeHipChat::ADMIN_ID,
        &[Scope::SendNotification],
    );
    let notifier = fake.client_with_token("notifier");

    notifier
        .send(&SendRoomNotification::new("Ops", "ok"))
        .await
        .unwrap();
    let err = notifier
        .send(&SendMessage::new("Ops", "hi"))
        .await
        .unwrap_err();
    let Error::Api(api) = err else {
        panic!("{err:?}")
    };
    assert_eq!(api.status().as_u16(), 403);
    assert_eq!(
        api.hipchat_error().unwrap().required_scopes(),
        ["send_message"]
    );
    let err = notifier.send(&GetAllUsers::new()).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(403));

    let err = fake
        .client_with_token("nobody")
        .send(&GetAllRooms::new())
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
}

#[tokio::test]
async fn an_add_on_gets_a_token_uses_it_and_loses_it() {
    let fake = FakeHipChat::demo();
    fake.add_oauth_client(
        "addon-id",
        "addon-secret",
        &[Scope::SendNotification, Scope::AdminRoom],
    );
    let installer = fake
        .builder()
        .oauth_client("addon-id", "addon-secret")
        .build()
        .unwrap();

    let token = installer
        .send(&GenerateToken::new(GrantType::ClientCredentials).scope([Scope::SendNotification]))
        .await
        .unwrap();
    assert_eq!(token.scope, "send_notification");
    assert_eq!(token.expires_in, 3600);

    let addon = fake.client_with_token(token.access_token.clone());
    addon
        .send(&SendRoomNotification::new("Dev", "from the add-on"))
        .await
        .unwrap();
    let err = addon
        .send(&SetTopic::new("Dev", "mine now"))
        .await
        .unwrap_err();
    assert_eq!(
        err.status().map(|s| s.as_u16()),
        Some(403),
        "admin_room was not asked for"
    );

    let session = addon
        .send(&GetSession::new(token.access_token.as_str()))
        .await
        .unwrap();
    assert_eq!(session.scopes, [Scope::SendNotification]);
    addon
        .send(&DeleteSession::new(token.access_token.as_str()))
        .await
        .unwrap();
    let err = addon
        .send(&SendRoomNotification::new("Dev", "again"))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));

    // A fresh token expires after an hour of fake time.
    let token = installer
        .send(&GenerateToken::new(GrantType::ClientCredentials))
        .await
        .unwrap();
    let addon = fake.client_with_token(token.access_token);
    addon
        .send(&SendRoomNotification::new("Dev", "still fine"))
        .await
        .unwrap();
    fake.advance(Duration::from_secs(3600));
    let err = addon
        .send(&SendRoomNotification::new("Dev", "too late"))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
}

#[tokio::test]
async fn private_chats_are_between_the_caller_and_the_user_named() {
    let fake = FakeHipChat::demo();
    let alice = fake.user("@alice").unwrap().id;
    let client = fake.client();
    client
        .send(&PrivateMessageUser::new("@alice", "lunch?\nat noon"))
        .await
        .unwrap();
    let chat = client
        .send(&ViewPrivatechatHistory::new("@alice"))
        .await
        .unwrap();
    let last = chat.items.last().unwrap();
    assert_eq!(last.message.as_deref(), Some("lunch?\nat noon"));
    assert_eq!(
        last.from.as_ref().unwrap().user().unwrap().id,
        FakeHipChat::ADMIN_ID
    );
    assert_eq!(fake.private_history(FakeHipChat::ADMIN_ID, alice).len(), 3);
}

#[tokio::test]
async fn a_retry_policy_waits_out_the_rate_limit_in_fake_time() {
    let fake = FakeHipChat::demo();
    fake.set_rate_limit(Some(RateLimit::per_window(3, Duration::from_secs(300))));
    let patient = fake
        .builder()
        .token(FakeHipChat::ADMIN_TOKEN)
        .retry(RetryPolicy::new().max_total_wait(Duration::from_secs(600)))
        .build()
        .unwrap();
    let start = fake.now_unix();
    for _ in 0..5 {
        patient.send(&GetAllRooms::new()).await.unwrap();
    }
    assert_eq!(
        fake.now_unix() - start,
        300,
        "one wait, to the end of the window"
    );
    let limits = patient.last_rate_limits().unwrap().rate.unwrap();
    assert_eq!((limits.limit, limits.remaining), (Some(3), Some(1)));

    // The limit is per token: a client without retries, on the same token, has one request
    // left in this window.
    let impatient = fake.client();
    impatient.send(&GetAllRooms::new()).await.unwrap();
    let err = impatient.send(&GetAllRooms::new()).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
}
