//! The room webhook methods, through the real client and through raw requests.

use crate::fake::tests::api_error;

use futures_executor::block_on;
use http::Method;
use serde_json::{Value, json};

use crate::api::rooms::{CreateWebhook, DeleteWebhook, GetAllWebhooks, GetWebhook, SetTopic};
use crate::fake::FakeHipChat;
use crate::fake::tests::call;
use crate::model::{Privacy, Scope, WebhookEvent};
use crate::{Client, Error};

const ADMIN: Option<&str> = Some(FakeHipChat::ADMIN_TOKEN);
const BASE: &str = "https://hipchat.fake/v2";

fn send<E: crate::Endpoint>(client: &Client, endpoint: &E) -> Result<E::Response, Error> {
    block_on(client.send(endpoint))
}

fn post_hook(fake: &FakeHipChat, room: &str, body: Value) -> (u16, Value) {
    let (status, _, json) = call(
        fake,
        Method::POST,
        &format!("{BASE}/room/{room}/webhook"),
        ADMIN,
        Some(body),
    );
    (status, json)
}

#[test]
fn create_webhook_answers_201_and_get_webhook_shows_it() {
    let fake = FakeHipChat::new();
    let room = fake.add_room("Ops");
    let client = fake.client();
    let created = send(
        &client,
        &CreateWebhook::new(
            "Ops",
            "https://bot.example.com/hook",
            WebhookEvent::RoomMessage,
        )
        .pattern("^/deploy")
        .name("deploy-bot"),
    )
    .unwrap();
    let link = format!("{BASE}/room/{room}/webhook/{}", created.id);
    assert_eq!(created.links.self_link.as_deref(), Some(link.as_str()));

    let hook = send(&client, &GetWebhook::new("ops", created.id)).unwrap();
    assert_eq!(hook.id, created.id);
    assert_eq!(hook.name.as_deref(), Some("deploy-bot"));
    assert_eq!(hook.event, WebhookEvent::RoomMessage);
    assert_eq!(hook.pattern.as_deref(), Some("^/deploy"));
    assert_eq!(hook.url, "https://bot.example.com/hook");
    assert_eq!(
        hook.created.as_deref(),
        Some("2019-01-01T00:00:00.000000+00:00")
    );
    assert_eq!(hook.creator.unwrap().id, FakeHipChat::ADMIN_ID);
    let room_ref = hook.room.unwrap();
    assert_eq!((room_ref.id, room_ref.name.as_str()), (room, "Ops"));
    assert_eq!(room_ref.privacy, Some(Privacy::Public));
    assert_eq!(hook.links.self_link, Some(link));
    assert_eq!(hook.key, None);
    assert_eq!(hook.authentication, None);
}

#[test]
fn get_all_webhooks_pages_the_webhooks_of_one_room() {
    let fake = FakeHipChat::new();
    let ops = fake.add_room("Ops");
    fake.add_room("Dev");
    let client = fake.client();
    let mut ids = Vec::new();
    for event in [
        WebhookEvent::RoomEnter,
        WebhookEvent::RoomExit,
        WebhookEvent::RoomTopicChange,
    ] {
        ids.push(
            send(
                &client,
                &CreateWebhook::new("Ops", "https://x.example.com/h", event),
            )
            .unwrap()
            .id,
        );
    }
    send(
        &client,
        &CreateWebhook::new("Dev", "https://x.example.com/h", WebhookEvent::RoomEnter),
    )
    .unwrap();

    let page = send(&client, &GetAllWebhooks::new("Ops").max_results(2)).unwrap();
    assert_eq!(
        page.items.iter().map(|h| h.id).collect::<Vec<_>>(),
        ids[..2]
    );
    assert_eq!(page.items[1].event, WebhookEvent::RoomExit);
    assert_eq!(
        page.links.next,
        Some(format!(
            "{BASE}/room/{ops}/webhook?start-index=2&max-results=2"
        ))
    );
    let page = send(&client, &GetAllWebhooks::new(ops).start_index(2)).unwrap();
    assert_eq!(
        page.items.iter().map(|h| h.id).collect::<Vec<_>>(),
        ids[2..]
    );
    assert_eq!(page.links.next, None);
    assert!(page.links.prev.is_some());
    assert_eq!(
        api_error(send(&client, &GetAllWebhooks::new("Nope"))).0,
        404
    );
    let (status, _, _) = call(
        &fake,
        Method::GET,
        &format!("{BASE}/room/Ops/webhook?max-results=1001"),
        ADMIN,
        None,
    );
    assert_eq!(status, 400);
}

#[test]
fn create_webhook_refuses_what_the_server_refused() {
    let fake = FakeHipChat::new();
    fake.add_room("Ops");
    let good = json!({"url": "https://x.example.com/h", "event": "room_message"});
    let cases = [
        (json!({"url": null}), "url is required and may not be null"),
        (json!({"url": 3}), "url must be a string, not a number"),
        (
            json!({"url": "/relative/path"}),
            "url must be an absolute http or https URL",
        ),
        (
            json!({"url": "ftp://x.example.com/h"}),
            "absolute http or https URL",
        ),
        (json!({"url": "https://"}), "absolute http or https URL"),
        (
            json!({"url": ""}),
            "url must be an absolute http or https URL",
        ),
        (
            json!({"event": "room_reaction"}),
            "event must be one of room_archived, room_created",
        ),
        (
            json!({"event": null}),
            "event is required and may not be null",
        ),
        (
            json!({"event": "room_enter", "pattern": "x"}),
            "pattern is only allowed for room_message webhooks, not room_enter",
        ),
        (
            json!({"pattern": "(unclosed"}),
            "pattern is not a valid regular expression",
        ),
        (
            json!({"pattern": null}),
            "pattern may not be null; leave it out instead",
        ),
        (
            json!({"pattern": 1}),
            "pattern must be a string, not a number",
        ),
        (
            json!({"name": null}),
            "name may not be null; leave it out instead",
        ),
        (
            json!({"name": ["x"]}),
            "name must be a string, not an array",
        ),
    ];
    for (change, needle) in cases {
        let mut body = good.clone();
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        let (status, json) = post_hook(&fake, "Ops", body.clone());
        assert_eq!(status, 400, "{body}: {json}");
        let message = json["error"]["message"].as_str().unwrap();
        assert!(
            message.contains(needle),
            "{body}: {message:?} lacks {needle:?}"
        );
    }
    for missing in ["url", "event"] {
        let mut body = good.clone();
        body.as_object_mut().unwrap().remove(missing);
        let (status, json) = post_hook(&fake, "Ops", body);
        assert_eq!(status, 400);
        assert_eq!(
            json["error"]["message"],
            format!("Missing required field: {missing}")
        );
    }
    assert!(fake.lock().webhooks.is_empty());
    assert_eq!(post_hook(&fake, "Nope", good.clone()).0, 404);
    assert_eq!(post_hook(&fake, "Ops", good).0, 201);
}

#[test]
fn webhooks_need_admin_room() {
    let fake = FakeHipChat::new();
    fake.add_room("Ops");
    fake.add_token(
        "viewer",
        FakeHipChat::ADMIN_ID,
        &[Scope::ViewGroup, Scope::ViewRoom],
    );
    let client = fake.client_with_token("viewer");
    let (status, message) = api_error(send(
        &client,
        &CreateWebhook::new("Ops", "https://x.example.com/h", WebhookEvent::RoomEnter),
    ));
    assert_eq!(status, 403);
    assert!(message.contains("admin_room"), "{message}");
    assert_eq!(api_error(send(&client, &GetAllWebhooks::new("Ops"))).0, 403);
}

#[test]
fn get_and_delete_webhook_find_only_the_rooms_own_webhooks() {
    let fake = FakeHipChat::new();
    fake.add_room("Ops");
    fake.add_room("Dev");
    let client = fake.client();
    let id = send(
        &client,
        &CreateWebhook::new(
            "Ops",
            "https://x.example.com/topic",
            WebhookEvent::RoomTopicChange,
        ),
    )
    .unwrap()
    .id;
    let (status, message) = api_error(send(&client, &GetWebhook::new("Dev", id)));
    assert_eq!((status, message), (404, format!("Webhook not found: {id}")));
    assert_eq!(
        api_error(send(&client, &DeleteWebhook::new("Dev", id))).0,
        404
    );
    assert_eq!(
        api_error(send(&client, &GetWebhook::new("Ops", 999_999u64))).0,
        404
    );
    let (status, _, json) = call(
        &fake,
        Method::GET,
        &format!("{BASE}/room/Ops/webhook/abc"),
        ADMIN,
        None,
    );
    assert_eq!(status, 404);
    assert_eq!(json["error"]["message"], "Webhook not found: abc");

    // The webhook receives events until it is deleted.
    send(&client, &SetTopic::new("Ops", "one")).unwrap();
    assert_eq!(fake.webhook_deliveries().len(), 1);
    assert_eq!(
        fake.webhook_deliveries()[0].url,
        "https://x.example.com/topic"
    );
    send(&client, &DeleteWebhook::new("Ops", id)).unwrap();
    send(&client, &SetTopic::new("Ops", "two")).unwrap();
    assert_eq!(fake.webhook_deliveries().len(), 1);
    assert_eq!(api_error(send(&client, &GetWebhook::new("Ops", id))).0, 404);
    assert_eq!(
        api_error(send(&client, &DeleteWebhook::new("Ops", id))).0,
        404
    );
    assert!(
        send(&client, &GetAllWebhooks::new("Ops"))
            .unwrap()
            .items
            .is_empty()
    );
}

#[test]
fn every_registered_webhook_of_the_event_gets_its_own_delivery() {
    let fake = FakeHipChat::new();
    fake.add_room("Ops");
    let client = fake.client();
    let a = send(
        &client,
        &CreateWebhook::new(
            "Ops",
            "https://a.example.com",
            WebhookEvent::RoomTopicChange,
        ),
    )
    .unwrap()
    .id;
    let b = send(
        &client,
        &CreateWebhook::new(
            "Ops",
            "https://b.example.com",
            WebhookEvent::RoomTopicChange,
        ),
    )
    .unwrap()
    .id;
    send(
        &client,
        &CreateWebhook::new("Ops", "https://c.example.com", WebhookEvent::RoomEnter),
    )
    .unwrap();
    send(&client, &SetTopic::new("Ops", "hello")).unwrap();
    let deliveries = fake.webhook_deliveries();
    let got: Vec<(u64, &str, &Value)> = deliveries
        .iter()
        .map(|d| (d.webhook_id, d.url.as_str(), &d.payload["webhook_id"]))
        .collect();
    assert_eq!(
        got,
        [
            (a, "https://a.example.com", &json!(a)),
            (b, "https://b.example.com", &json!(b))
        ]
    );
}
