//! The notification an add-on may answer a webhook delivery with.

use http::header::{CONTENT_TYPE, HeaderValue};
use serde::{Deserialize, Serialize};

use crate::InvalidInput;
use crate::model::{Card, Color, MessageFormat};

/// The JSON body an add-on may answer a webhook delivery with; HipChat posts it to the room as
/// a notification from the add-on.
///
/// It has the members of the send_room_notification body that make sense in a reply:
/// `message` (1 to 10 000 characters), and optionally `color`, `message_format`, `notify`,
/// `from` and `card`. Unset members are left out of the JSON. To post nothing, answer `204`
/// (or `200`) with an empty body instead.
///
/// ```
/// use hipchat_core::addon::events::WebhookReply;
/// use hipchat_core::model::{Card, CardStyle, Color, MessageFormat};
///
/// let reply = WebhookReply::new("Deploy <b>#42</b> started")
///     .color(Color::Purple)
///     .message_format(MessageFormat::Html)
///     .notify(true)
///     .card(Card::new(CardStyle::Link, "deploy-42", "Deploy #42").url("https://ci.example.com/42"));
/// let response = reply.to_response()?;
/// assert_eq!(response.status(), 200);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// assert!(response.body().starts_with(br#"{"message":"Deploy <b>#42</b> started","color":"purple""#));
///
/// assert_eq!(WebhookReply::new("").validate().unwrap_err().field(), "message");
/// # Ok::<(), hipchat_core::InvalidInput>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebhookReply {
    /// The notification text, 1 to 10 000 characters; the fallback when a card is sent.
    pub message: String,
    /// The background colour; HipChat's default is yellow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<Color>,
    /// How `message` is rendered: HTML (HipChat's default) or text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_format: Option<MessageFormat>,
    /// Whether the notification alerts the room's users; HipChat's default is false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify: Option<bool>,
    /// A label shown next to the add-on's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// A card shown with the notification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<Card>,
}

impl WebhookReply {
    /// A reply posting `message`.
    pub fn new(message: impl Into<String>) -> Self {
        WebhookReply {
            message: message.into(),
            color: None,
            message_format: None,
            notify: None,
            from: None,
            card: None,
        }
    }

    /// Sets the background colour.
    pub fn color(mut self, color: impl Into<Color>) -> Self {
        self.color = Some(color.into());
        self
    }

    /// Sets how `message` is rendered.
    pub fn message_format(mut self, format: MessageFormat) -> Self {
        self.message_format = Some(format);
        self
    }

    /// Sets whether the notification alerts the room's users.
    pub fn notify(mut self, notify: bool) -> Self {
        self.notify = Some(notify);
        self
    }

    /// Sets the label shown next to the add-on's name.
    pub fn from(mut self, from: impl Into<String>) -> Self {
        self.from = Some(from.into());
        self
    }

    /// Adds a card; `message` stays the fallback for clients that cannot show cards.
    pub fn card(mut self, card: Card) -> Self {
        self.card = Some(card);
        self
    }

    /// Checks the limits of a room notification: `message` has 1 to 10 000 characters,
    /// `color` and `message_format` are known values, and the card has its required members
    /// within their limits. Errors name the member (`message`, `color`, `card.title`, ...).
    pub fn validate(&self) -> Result<(), InvalidInput> {
        crate::validate::notification(
            &self.message,
            self.color.as_ref(),
            self.message_format.as_ref(),
            self.card.as_ref(),
        )
    }

    /// Validates the reply and writes it as compact JSON, members in the order `message`,
    /// `color`, `message_format`, `notify`, `from`, `card`.
    pub fn to_json(&self) -> Result<Vec<u8>, InvalidInput> {
        self.validate()?;
        // Strings, booleans and string enums only: writing them to memory cannot fail, but
        // the error is still reported rather than unwrapped.
        serde_json::to_vec(self).map_err(|e| InvalidInput::new("reply", e.to_string()))
    }

    /// Validates the reply and makes the HTTP answer to the delivery: `200 OK`,
    /// `Content-Type: application/json`, the JSON of [`to_json`](WebhookReply::to_json).
    pub fn to_response(&self) -> Result<http::Response<Vec<u8>>, InvalidInput> {
        let mut response = http::Response::new(self.to_json()?);
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        Ok(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CardAttribute, CardAttributeStyle, CardAttributeValue, CardStyle};
    use serde_json::json;

    #[test]
    fn minimal_reply_is_only_the_message() {
        let reply = WebhookReply::new("pong");
        assert_eq!(reply.to_json().unwrap(), br#"{"message":"pong"}"#);
    }

    #[test]
    fn full_reply_serializes_to_exact_json() {
        let card = Card::new(CardStyle::Application, "build-42", "Build 42")
            .url("https://ci.example.com/42")
            .attribute(
                CardAttribute::new(
                    CardAttributeValue::new("passed").style(CardAttributeStyle::LozengeSuccess),
                )
                .label("Status"),
            );
        let reply = WebhookReply::new("Build <b>42</b> passed")
            .color(Color::Green)
            .message_format(MessageFormat::Html)
            .notify(true)
            .from("CI")
            .card(card);
        let json = String::from_utf8(reply.to_json().unwrap()).unwrap();
        assert_eq!(
            json,
            concat!(
                r#"{"message":"Build <b>42</b> passed","color":"green","message_format":"html","#,
                r#""notify":true,"from":"CI","card":{"style":"application","id":"build-42","#,
                r#""title":"Build 42","url":"https://ci.example.com/42","#,
                r#""attributes":[{"label":"Status","value":{"label":"passed","style":"lozenge-success"}}]}}"#
            )
        );
        // It reads back to the same reply.
        let back: WebhookReply = serde_json::from_str(&json).unwrap();
        assert_eq!(back, reply);
    }

    #[test]
    fn response_carries_status_type_and_body() {
        let reply = WebhookReply::new("hi")
            .notify(false)
            .message_format(MessageFormat::Text);
        let response = reply.to_response().unwrap();
        assert_eq!(response.status(), http::StatusCode::OK);
        assert_eq!(response.headers().len(), 1);
        assert_eq!(response.headers()[CONTENT_TYPE], "application/json");
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(response.body()).unwrap(),
            json!({"message": "hi", "message_format": "text", "notify": false})
        );
    }

    #[test]
    fn invalid_replies_are_refused() {
        let err = WebhookReply::new("").to_json().unwrap_err();
        assert_eq!(
            (err.field(), err.rule()),
            ("message", "must be 1..=10000 characters (got 0)")
        );
        let err = WebhookReply::new("x".repeat(10_001))
            .to_response()
            .unwrap_err();
        assert_eq!(
            (err.field(), err.rule()),
            ("message", "must be 1..=10000 characters (got 10001)")
        );
        // The limit counts characters, not bytes.
        assert!(WebhookReply::new("é".repeat(10_000)).validate().is_ok());
        let err = WebhookReply::new("hi")
            .color("pink")
            .validate()
            .unwrap_err();
        assert_eq!(err.field(), "color");
        let err = WebhookReply::new("hi")
            .message_format(MessageFormat::Other("markdown".into()))
            .validate()
            .unwrap_err();
        assert_eq!(err.field(), "message_format");
        let err = WebhookReply::new("hi")
            .card(Card::new(CardStyle::Link, "id", ""))
            .to_json()
            .unwrap_err();
        assert_eq!(err.field(), "card.title");
    }
}
