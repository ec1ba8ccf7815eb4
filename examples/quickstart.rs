//! A first look at hipchat-rs: list rooms, notify one, read its history.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! With `HIPCHAT_TOKEN` set, it talks to a real HipChat through the default backend:
//! `HIPCHAT_URL` picks the server (default `https://api.hipchat.com/v2`) and `HIPCHAT_ROOM` the
//! room (default: the first room listed). Without a token, it runs the same flow against the
//! mock backend and prints every request sent and every answer received, so it works on a
//! machine with no server and no token.

use hipchat::api::rooms::{GetAllRooms, SendRoomNotification, ViewRoomHistory};
use hipchat::mock::{MockBackend, MockResponse};
use hipchat::model::{Card, CardStyle, Color, MessageSender};
use hipchat::{Client, Error};
use serde_json::json;

/// The flow itself: the same code runs against a real server and against the mock.
async fn tour(client: &Client, room: Option<String>) -> Result<(), Error> {
    let rooms = client.send(&GetAllRooms::new().max_results(5)).await?;
    println!("rooms (first {} of the group):", rooms.items.len());
    for r in &rooms.items {
        println!("  #{} {}", r.id, r.name);
    }
    let Some(room) = room.or_else(|| rooms.items.first().map(|r| r.name.clone())) else {
        println!("no room to notify: set HIPCHAT_ROOM");
        return Ok(());
    };

    let card = Card::new(
        CardStyle::Application,
        "hipchat-rs-quickstart",
        "hipchat-rs quickstart",
    )
    .description("Sent by the quickstart example")
    .url("https://www.hipchat.com/docs/apiv2");
    let notification = SendRoomNotification::new(room.as_str(), "Hello from <b>hipchat-rs</b>")
        .color(Color::Green)
        .from("quickstart")
        .card(card);
    client.send(&notification).await?;
    println!("notified room {room:?}");

    let history = client
        .send(&ViewRoomHistory::new(room.as_str()).max_results(3))
        .await?;
    println!("latest messages in {room:?}:");
    for message in &history.items {
        let from = match &message.from {
            Some(MessageSender::User(user)) => user.name.clone(),
            Some(MessageSender::Label(label)) => label.clone(),
            _ => "(nobody)".to_owned(),
        };
        println!(
            "  [{}] {from}: {}",
            message.date,
            message.message.as_deref().unwrap_or("(deleted)")
        );
    }
    Ok(())
}

/// Scripts the answers a HipChat server would give to the tour.
fn scripted_server() -> MockBackend {
    let mock = MockBackend::new();
    mock.expect_get("/v2/room")
        .query("max-results", "5")
        .respond(MockResponse::json(
            200,
            json!({
                "items": [
                    {"id": 2251, "name": "Ops Team", "privacy": "public", "is_archived": false,
                     "links": {"self": "https://api.hipchat.com/v2/room/2251"}},
                    {"id": 2252, "name": "Random", "privacy": "public", "is_archived": false,
                     "links": {"self": "https://api.hipchat.com/v2/room/2252"}}
                ],
                "startIndex": 0, "maxResults": 5,
                "links": {"self": "https://api.hipchat.com/v2/room"}
            }),
        ));
    mock.expect_post("/v2/room/Ops%20Team/notification")
        .respond(MockResponse::empty(204));
    mock.expect_get("/v2/room/Ops%20Team/history").respond(MockResponse::json(
        200,
        json!({
            "items": [
                {"id": "4a1b", "date": "2026-12-04T09:58:00+00:00", "type": "message", "message": "deploying 1.4",
                 "from": {"id": 1, "name": "Alice", "mention_name": "alice", "links": {"self": "https://api.hipchat.com/v2/user/1"}}},
                {"id": "4a1c", "date": "2026-12-04T10:00:00+00:00", "type": "notification", "from": "quickstart",
                 "message": "Hello from <b>hipchat-rs</b>", "message_format": "html", "color": "green"}
            ],
            "startIndex": 0, "maxResults": 3,
            "links": {"self": "https://api.hipchat.com/v2/room/2251/history"}
        }),
    ));
    mock
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let room = std::env::var("HIPCHAT_ROOM").ok().filter(|r| !r.is_empty());
    match std::env::var("HIPCHAT_TOKEN") {
        #[cfg(any(feature = "reqwest", feature = "isahc"))]
        Ok(token) if !token.is_empty() => {
            let url = std::env::var("HIPCHAT_URL")
                .unwrap_or_else(|_| hipchat::DEFAULT_BASE_URL.to_owned());
            println!("talking to {url}");
            let client = hipchat::builder()?.base_url(url).token(token).build()?;
            tour(&client, room).await?;
        }
        #[cfg(not(any(feature = "reqwest", feature = "isahc")))]
        Ok(token) if !token.is_empty() => {
            let _ = (token, room);
            return Err(
                "HIPCHAT_TOKEN is set, but no backend feature (reqwest or isahc) is enabled".into(),
            );
        }
        _ => {
            println!("HIPCHAT_TOKEN is not set: running against the mock backend\n");
            let mock = scripted_server();
            let client = Client::builder()
                .token("demo-token")
                .backend(mock.clone())
                .build()?;
            tour(&client, Some("Ops Team".to_owned())).await?;
            println!("\nrequests sent:");
            for request in mock.requests() {
                println!("  {request}");
            }
            mock.verify()?;
        }
    }
    Ok(())
}
