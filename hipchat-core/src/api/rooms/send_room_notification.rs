use http::Method;
use serde::Serialize;

use crate::model::{Card, Color, MessageFormat};
use crate::{Body, Endpoint, Error, InvalidInput, Path, RoomRef};

/// `POST /room/{room_id_or_name}/notification`
///
/// Sends a notification to a room: a coloured message, optionally with a card, shown as coming
/// from the token's add-on or integration. Answers 204 No Content.
///
/// Scope: `send_notification`. Add-on, room notification and user tokens all work. Flood
/// control applies (30 messages a minute per room).
///
/// Checked before sending: `message` has 1 to 10 000 characters, `color` and `message_format`
/// are known values, and the card (if any) has its required fields within their limits.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/send_room_notification>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::rooms::SendRoomNotification;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::model::{Card, CardStyle, Color};
/// use hipchat_core::Client;
///
/// let mock = MockBackend::new();
/// mock.expect_post("/v2/room/ops/notification").respond(MockResponse::empty(204));
/// let client = Client::builder().token("token").backend(mock.clone()).build()?;
///
/// let card = Card::new(CardStyle::Link, "deploy-42", "Deploy #42").url("https://ci.example.com/42");
/// client
///     .send(&SendRoomNotification::new("ops", "Deploy #42 finished").color(Color::Green).notify(true).card(card))
///     .await?;
/// mock.assert_done();
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SendRoomNotification {
    #[serde(skip)]
    room_id_or_name: RoomRef,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<Color>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_format: Option<MessageFormat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notify: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attach_to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    card: Option<Card>,
}

impl SendRoomNotification {
    /// A notification of `message` to the room with this id or name.
    pub fn new(room_id_or_name: impl Into<RoomRef>, message: impl Into<String>) -> Self {
        SendRoomNotification {
            room_id_or_name: room_id_or_name.into(),
            message: message.into(),
            color: None,
            message_format: None,
            notify: None,
            from: None,
            attach_to: None,
            card: None,
        }
    }

    /// The background colour; the server's default is yellow.
    pub fn color(mut self, color: impl Into<Color>) -> Self {
        self.color = Some(color.into());
        self
    }

    /// How `message` is rendered: HTML (the server's default) or text, which gets @mention,
    /// emoticon and link processing. It does not apply to the card.
    pub fn message_format(mut self, format: MessageFormat) -> Self {
        self.message_format = Some(format);
        self
    }

    /// Whether the notification alerts the room's users (sound, pop-up); default false.
    pub fn notify(mut self, notify: bool) -> Self {
        self.notify = Some(notify);
        self
    }

    /// A label shown next to the sender's name.
    pub fn from(mut self, from: impl Into<String>) -> Self {
        self.from = Some(from.into());
        self
    }

    /// The id of a message in the same room to attach this notification to.
    pub fn attach_to(mut self, message_id: impl Into<String>) -> Self {
        self.attach_to = Some(message_id.into());
        self
    }

    /// A card shown with the notification; `message` remains the fallback for clients that
    /// cannot show cards.
    pub fn card(mut self, card: Card) -> Self {
        self.card = Some(card);
        self
    }
}

impl Endpoint for SendRoomNotification {
    type Response = ();

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("room")
            .param("room_id_or_name", &self.room_id_or_name)
            .lit("notification")
    }

    fn body(&self) -> Result<Option<Body>, Error> {
        Body::json(self).map(Some)
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        crate::validate::notification(
            &self.message,
            self.color.as_ref(),
            self.message_format.as_ref(),
            self.card.as_ref(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::{
        Activity, CardAttribute, CardAttributeValue, CardDescription, CardFormat, CardStyle, Icon,
        Thumbnail,
    };
    use serde_json::json;

    #[test]
    fn minimal_request_sends_only_the_message() {
        let request = build(&SendRoomNotification::new("Ops Team", "Deploy done"));
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/room/Ops%20Team/notification"
        );
        assert_bearer(&request);
        assert_eq!(json_body(&request), json!({"message": "Deploy done"}));
    }

    #[test]
    fn full_request_with_card_from_and_attach_to() {
        let card = Card::new(CardStyle::Application, "build-7", "Build #7 passed")
            .description(CardDescription::Formatted {
                value: "All <b>42</b> tests passed".into(),
                format: MessageFormat::Html,
            })
            .format(CardFormat::Medium)
            .url("https://ci.example.com/7")
            .icon(Icon::Sized {
                url: "https://ci.example.com/i.png".into(),
                url_2x: Some("https://ci.example.com/i@2x.png".into()),
            })
            .thumbnail(
                Thumbnail::new("https://ci.example.com/t.png")
                    .width(64)
                    .height(64),
            )
            .activity(Activity::new("<b>ci</b> built #7"))
            .attribute(
                CardAttribute::new(
                    CardAttributeValue::new("passed")
                        .style(crate::model::CardAttributeStyle::LozengeSuccess),
                )
                .label("Status"),
            );
        let notification = SendRoomNotification::new(42u64, "Build #7 passed")
            .color(Color::Green)
            .message_format(MessageFormat::Text)
            .notify(true)
            .from("CI")
            .attach_to("6b6ea4d5-57f4-4b0d-8bd5-97b6bd3e4a2c")
            .card(card);
        let request = build(&notification);
        assert_eq!(request.uri().path(), "/v2/room/42/notification");
        assert_eq!(
            json_body(&request),
            json!({
                "message": "Build #7 passed",
                "color": "green",
                "message_format": "text",
                "notify": true,
                "from": "CI",
                "attach_to": "6b6ea4d5-57f4-4b0d-8bd5-97b6bd3e4a2c",
                "card": {
                    "style": "application",
                    "id": "build-7",
                    "title": "Build #7 passed",
                    "description": {"value": "All <b>42</b> tests passed", "format": "html"},
                    "format": "medium",
                    "url": "https://ci.example.com/7",
                    "icon": {"url": "https://ci.example.com/i.png", "url@2x": "https://ci.example.com/i@2x.png"},
                    "thumbnail": {"url": "https://ci.example.com/t.png", "width": 64, "height": 64},
                    "activity": {"html": "<b>ci</b> built #7"},
                    "attributes": [{"label": "Status", "value": {"label": "passed", "style": "lozenge-success"}}]
                }
            })
        );
    }

    #[test]
    fn refuses_bad_input_before_building() {
        assert_eq!(
            build_err(&SendRoomNotification::new("ops", "")).field(),
            "message"
        );
        let long = "x".repeat(10_001);
        let err = build_err(&SendRoomNotification::new("ops", long));
        assert_eq!(
            (err.field(), err.rule()),
            ("message", "must be 1..=10000 characters (got 10001)")
        );
        build(&SendRoomNotification::new("ops", "é".repeat(10_000)));
        assert_eq!(
            build_err(&SendRoomNotification::new("ops", "hi").color("pink")).field(),
            "color"
        );
        assert_eq!(
            build_err(&SendRoomNotification::new("", "hi")).field(),
            "room_id_or_name"
        );
        assert_eq!(
            build_err(&SendRoomNotification::new("..", "hi")).field(),
            "room_id_or_name"
        );
        let card = Card::new(CardStyle::Link, "id", "");
        assert_eq!(
            build_err(&SendRoomNotification::new("ops", "hi").card(card)).field(),
            "card.title"
        );
    }

    #[test]
    fn decodes_204_and_errors() {
        respond::<SendRoomNotification>(204, "").unwrap();
        let e = api_error::<SendRoomNotification>(404, NOT_FOUND);
        assert_eq!(e.status(), 404);
        assert_eq!(e.hipchat_error().unwrap().message, "Room not found");
        let body = r#"{"error": {"code": 400, "message": "Card style must be one of: file, image, application, link, media", "type": "Bad Request"}}"#;
        assert_eq!(
            api_error::<SendRoomNotification>(400, body)
                .hipchat_error()
                .unwrap()
                .code,
            Some(400)
        );
    }
}
