//! A first look at hipchat-rs: create a room, notify it, read its history back page by page.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! Without `HIPCHAT_TOKEN`, it runs against [`FakeHipChat`], the in-memory HipChat this crate
//! ships for tests, and prints every request the fake served: no server and no token needed.
//!
//! With `HIPCHAT_TOKEN` set, the same flow talks to a real HipChat through the default backend:
//! `HIPCHAT_URL` picks the server (default `https://api.hipchat.com/v2`) and `HIPCHAT_ROOM` the
//! room. Without `HIPCHAT_ROOM` it creates a room named "hipchat-rs quickstart" (the token then
//! needs the `manage_rooms` scope).

use std::time::SystemTime;

use hipchat::api::rooms::{CreateRoom, GetAllRooms, SendRoomNotification, ViewRoomHistory};
use hipchat::datetime::Timestamp;
use hipchat::fake::FakeHipChat;
use hipchat::model::{Card, CardStyle, Color, MessageSender};
use hipchat::{Client, Error};

/// The room the tour creates when none is named.
const ROOM: &str = "hipchat-rs quickstart";

/// The flow itself: the same code runs against a real server and against the fake.
async fn tour(client: &Client, room: Option<String>) -> Result<(), Error> {
    let rooms = client.send(&GetAllRooms::new().max_results(5)).await?;
    println!("rooms (first {} of the group):", rooms.items.len());
    for r in &rooms.items {
        println!("  #{} {}", r.id, r.name);
    }

    let room = match room {
        Some(room) => room,
        None => {
            let created = client
                .send(&CreateRoom::new(ROOM).topic("Try-outs"))
                .await?;
            println!("created room {ROOM:?} (id {})", created.id);
            ROOM.to_owned()
        }
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
    for step in 1..=4 {
        let text = format!("Step {step} of 4: multi-line\nmessages stay intact");
        client
            .send(&SendRoomNotification::new(room.as_str(), text).from("quickstart"))
            .await?;
    }
    println!("sent 5 notifications to {room:?}");

    // History pages only when it is asked for up to a date; two messages per page here so the
    // pager has something to do.
    let mut pager = client.pager(
        ViewRoomHistory::new(room.as_str())
            .date(Timestamp::from_system_time(SystemTime::now()).to_string())
            .reverse(false)
            .max_results(2),
    );
    println!("history of {room:?}, newest first, two per page:");
    while let Some(page) = pager.next_page().await? {
        println!("  page {}:", pager.pages_fetched());
        for message in &page.items {
            let from = message
                .from
                .as_ref()
                .map(MessageSender::display_name)
                .unwrap_or("(nobody)");
            let text = message.message.as_deref().unwrap_or("(deleted)");
            println!(
                "    [{}] {from}: {}",
                message.date,
                text.replace('\n', " / ")
            );
        }
        if pager.pages_fetched() == 4 {
            println!("  (stopping after four pages)");
            break;
        }
    }
    Ok(())
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
            println!("HIPCHAT_TOKEN is not set: running against the in-memory FakeHipChat\n");
            let fake = FakeHipChat::demo();
            tour(&fake.client(), None).await?;
            println!("\nrequests the fake served:");
            for line in fake.requests() {
                println!("  {line}");
            }
        }
    }
    Ok(())
}
