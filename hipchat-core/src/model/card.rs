//! Notification cards (`card` of send_room_notification): a builder whose constructor takes the
//! required fields, and client-side checks of the documented limits.

use serde::{Deserialize, Serialize};

use super::{CardAttributeStyle, CardFormat, CardStyle, MessageFormat};
use crate::InvalidInput;

/// A card shown with a room notification.
///
/// [`Card::new`] takes the required fields (`style`, `id`, `title`); everything else is set with
/// chainable setters and left out of the JSON while unset (the server refuses `null`s).
/// Always send a plain `message` with the notification too, for clients that cannot show cards.
///
/// ```
/// use hipchat_core::model::{
///     Activity, Card, CardAttribute, CardAttributeStyle, CardAttributeValue, CardFormat,
///     CardStyle, Thumbnail,
/// };
///
/// let card = Card::new(CardStyle::Application, "build-42", "Build 42")
///     .description("All 1204 tests passed")
///     .format(CardFormat::Medium)
///     .url("https://ci.example.com/build/42")
///     .icon("https://ci.example.com/icon.png")
///     .thumbnail(Thumbnail::new("https://ci.example.com/thumb.png").width(64).height(64))
///     .activity(Activity::new("<b>Build 42</b> passed"))
///     .attribute(
///         CardAttribute::new(CardAttributeValue::new("passed").style(CardAttributeStyle::LozengeSuccess))
///             .label("Status"),
///     );
/// assert!(card.validate().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Card {
    /// The kind of card.
    pub style: CardStyle,
    /// An id that lets HipChat recognise repeated sends of the same card.
    pub id: String,
    /// The title, 1 to 500 characters.
    pub title: String,
    /// The text below the title: plain, or a value with its format (1 to 1000 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<CardDescription>,
    /// How many lines an application card takes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<CardFormat>,
    /// Opened when the card is clicked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The card's icon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<Icon>,
    /// A preview image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<Thumbnail>,
    /// A one-line, collapsible summary shown in the chat stream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<Activity>,
    /// Label/value pairs shown below the card.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<CardAttribute>,
}

impl Card {
    /// A card with its required fields and nothing else.
    pub fn new(style: CardStyle, id: impl Into<String>, title: impl Into<String>) -> Self {
        Card {
            style,
            id: id.into(),
            title: title.into(),
            description: None,
            format: None,
            url: None,
            icon: None,
            thumbnail: None,
            activity: None,
            attributes: Vec::new(),
        }
    }

    /// Sets the description: a plain string, or a [`CardDescription::Formatted`] value.
    pub fn description(mut self, description: impl Into<CardDescription>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the number of lines of an application card.
    pub fn format(mut self, format: CardFormat) -> Self {
        self.format = Some(format);
        self
    }

    /// Sets the URL opened when the card is clicked.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// Sets the icon: a URL, or an [`Icon::Sized`] with a high-resolution variant.
    pub fn icon(mut self, icon: impl Into<Icon>) -> Self {
        self.icon = Some(icon.into());
        self
    }

    /// Sets the preview image.
    pub fn thumbnail(mut self, thumbnail: Thumbnail) -> Self {
        self.thumbnail = Some(thumbnail);
        self
    }

    /// Sets the one-line activity summary.
    pub fn activity(mut self, activity: Activity) -> Self {
        self.activity = Some(activity);
        self
    }

    /// Adds an attribute after the ones already set.
    pub fn attribute(mut self, attribute: CardAttribute) -> Self {
        self.attributes.push(attribute);
        self
    }

    /// Checks the documented limits, counting characters (not bytes). The error names the field
    /// (`card.title`, `card.attributes[2].label`, ...) and the rule it breaks.
    pub fn validate(&self) -> Result<(), InvalidInput> {
        non_empty("card.id", &self.id)?;
        length("card.title", &self.title, 1, 500)?;
        if let Some(description) = &self.description {
            length("card.description", description.value(), 1, 1000)?;
        }
        if let Some(icon) = &self.icon {
            non_empty("card.icon.url", icon.url())?;
        }
        if let Some(thumbnail) = &self.thumbnail {
            length("card.thumbnail.url", &thumbnail.url, 1, 250)?;
            if let Some(url_2x) = &thumbnail.url_2x {
                length("card.thumbnail.url@2x", url_2x, 1, 250)?;
            }
        }
        if let Some(activity) = &self.activity {
            non_empty("card.activity.html", &activity.html)?;
            if let Some(icon) = &activity.icon {
                non_empty("card.activity.icon.url", icon.url())?;
            }
        }
        for (i, attribute) in self.attributes.iter().enumerate() {
            // The indexed field name is only formatted when a rule is broken.
            let at = |e: InvalidInput| {
                InvalidInput::new(format!("card.attributes[{i}].{}", e.field()), e.rule())
            };
            if let Some(label) = &attribute.label {
                length("label", label, 1, 50).map_err(at)?;
            }
            non_empty("value.label", &attribute.value.label).map_err(at)?;
            if let Some(icon) = &attribute.value.icon {
                non_empty("value.icon.url", icon.url()).map_err(at)?;
            }
        }
        Ok(())
    }
}

fn non_empty(field: &str, value: &str) -> Result<(), InvalidInput> {
    if value.is_empty() {
        Err(InvalidInput::new(field, "must not be empty"))
    } else {
        Ok(())
    }
}

fn length(field: &str, value: &str, min: usize, max: usize) -> Result<(), InvalidInput> {
    crate::validate::char_len(field, value, min, max)
}

/// A card's `description`: a plain string, or `{value, format}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CardDescription {
    /// A plain string.
    Text(String),
    /// A value with its format (`html` or `text`).
    Formatted {
        /// The text, 1 to 1000 characters.
        value: String,
        /// How to read it.
        format: MessageFormat,
    },
}

impl CardDescription {
    /// A description with an explicit format.
    pub fn formatted(value: impl Into<String>, format: MessageFormat) -> Self {
        CardDescription::Formatted {
            value: value.into(),
            format,
        }
    }

    /// The text, whatever the form.
    pub fn value(&self) -> &str {
        match self {
            CardDescription::Text(value) | CardDescription::Formatted { value, .. } => value,
        }
    }
}

impl From<&str> for CardDescription {
    fn from(value: &str) -> Self {
        CardDescription::Text(value.to_owned())
    }
}

impl From<String> for CardDescription {
    fn from(value: String) -> Self {
        CardDescription::Text(value)
    }
}

/// An icon: a URL, or `{url, "url@2x"}` with a high-resolution variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Icon {
    /// Just a URL.
    Url(String),
    /// A URL and, optionally, a double-resolution one.
    Sized {
        /// The icon URL.
        url: String,
        /// The double-resolution icon URL (wire name `url@2x`).
        #[serde(rename = "url@2x", default, skip_serializing_if = "Option::is_none")]
        url_2x: Option<String>,
    },
}

impl Icon {
    /// An icon with a double-resolution variant.
    pub fn sized(url: impl Into<String>, url_2x: impl Into<String>) -> Self {
        Icon::Sized {
            url: url.into(),
            url_2x: Some(url_2x.into()),
        }
    }

    /// The (normal resolution) URL.
    pub fn url(&self) -> &str {
        match self {
            Icon::Url(url) | Icon::Sized { url, .. } => url,
        }
    }
}

impl From<&str> for Icon {
    fn from(url: &str) -> Self {
        Icon::Url(url.to_owned())
    }
}

impl From<String> for Icon {
    fn from(url: String) -> Self {
        Icon::Url(url)
    }
}

/// A card's preview image: `{url, "url@2x", width, height}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Thumbnail {
    /// The image URL, 1 to 250 characters.
    pub url: String,
    /// A double-resolution image URL, 1 to 250 characters (wire name `url@2x`).
    #[serde(rename = "url@2x", default, skip_serializing_if = "Option::is_none")]
    pub url_2x: Option<String>,
    /// Width of the original image, in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Height of the original image, in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
}

impl Thumbnail {
    /// A thumbnail of the image at `url`.
    pub fn new(url: impl Into<String>) -> Self {
        Thumbnail {
            url: url.into(),
            url_2x: None,
            width: None,
            height: None,
        }
    }

    /// Sets the double-resolution image URL.
    pub fn url_2x(mut self, url_2x: impl Into<String>) -> Self {
        self.url_2x = Some(url_2x.into());
        self
    }

    /// Sets the width of the original image.
    pub fn width(mut self, width: u32) -> Self {
        self.width = Some(width);
        self
    }

    /// Sets the height of the original image.
    pub fn height(mut self, height: u32) -> Self {
        self.height = Some(height);
        self
    }
}

/// A card's one-line activity summary: `{html, icon}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Activity {
    /// The summary, in the card HTML subset (a, b, i, strong, span).
    pub html: String,
    /// An icon shown before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<Icon>,
}

impl Activity {
    /// An activity line showing `html`.
    pub fn new(html: impl Into<String>) -> Self {
        Activity {
            html: html.into(),
            icon: None,
        }
    }

    /// Sets the icon.
    pub fn icon(mut self, icon: impl Into<Icon>) -> Self {
        self.icon = Some(icon.into());
        self
    }
}

/// One attribute of a card: an optional label and a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CardAttribute {
    /// The label, 1 to 50 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The value.
    pub value: CardAttributeValue,
}

impl CardAttribute {
    /// An attribute showing `value` (a [`CardAttributeValue`] or just its text).
    pub fn new(value: impl Into<CardAttributeValue>) -> Self {
        CardAttribute {
            label: None,
            value: value.into(),
        }
    }

    /// Sets the label.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
}

/// The value of a [`CardAttribute`]: `{label, url, style, icon}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CardAttributeValue {
    /// The text shown.
    pub label: String,
    /// Opened when the value is clicked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Shows the value as a lozenge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<CardAttributeStyle>,
    /// An icon shown before the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<Icon>,
}

impl CardAttributeValue {
    /// A value showing `label`.
    pub fn new(label: impl Into<String>) -> Self {
        CardAttributeValue {
            label: label.into(),
            url: None,
            style: None,
            icon: None,
        }
    }

    /// Sets the URL opened on click.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// Sets the lozenge style.
    pub fn style(mut self, style: CardAttributeStyle) -> Self {
        self.style = Some(style);
        self
    }

    /// Sets the icon.
    pub fn icon(mut self, icon: impl Into<Icon>) -> Self {
        self.icon = Some(icon.into());
        self
    }
}

impl From<&str> for CardAttributeValue {
    fn from(label: &str) -> Self {
        CardAttributeValue::new(label)
    }
}

impl From<String> for CardAttributeValue {
    fn from(label: String) -> Self {
        CardAttributeValue::new(label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn full_card() -> Card {
        Card::new(CardStyle::Application, "build-42", "Build 42 of hipchat-rs")
            .description(CardDescription::formatted(
                "<b>1204</b> tests passed",
                MessageFormat::Html,
            ))
            .format(CardFormat::Medium)
            .url("https://ci.example.com/build/42")
            .icon(Icon::sized(
                "https://ci.example.com/icon.png",
                "https://ci.example.com/icon@2x.png",
            ))
            .thumbnail(
                Thumbnail::new("https://ci.example.com/thumb.png")
                    .url_2x("https://ci.example.com/thumb@2x.png")
                    .width(640)
                    .height(480),
            )
            .activity(Activity::new("<b>Build 42</b> passed").icon("https://ci.example.com/ok.png"))
            .attribute(
                CardAttribute::new(
                    CardAttributeValue::new("passed")
                        .url("https://ci.example.com/build/42/tests")
                        .style(CardAttributeStyle::LozengeSuccess)
                        .icon(Icon::Sized {
                            url: "https://ci.example.com/tick.png".into(),
                            url_2x: None,
                        }),
                )
                .label("Status"),
            )
            .attribute(CardAttribute::new("3m 12s"))
    }

    #[test]
    fn full_card_serializes_to_the_exact_wire_json() {
        let expected = json!({
            "style": "application",
            "id": "build-42",
            "title": "Build 42 of hipchat-rs",
            "description": {"value": "<b>1204</b> tests passed", "format": "html"},
            "format": "medium",
            "url": "https://ci.example.com/build/42",
            "icon": {"url": "https://ci.example.com/icon.png", "url@2x": "https://ci.example.com/icon@2x.png"},
            "thumbnail": {
                "url": "https://ci.example.com/thumb.png",
                "url@2x": "https://ci.example.com/thumb@2x.png",
                "width": 640,
                "height": 480
            },
            "activity": {"html": "<b>Build 42</b> passed", "icon": "https://ci.example.com/ok.png"},
            "attributes": [
                {
                    "label": "Status",
                    "value": {
                        "label": "passed",
                        "url": "https://ci.example.com/build/42/tests",
                        "style": "lozenge-success",
                        "icon": {"url": "https://ci.example.com/tick.png"}
                    }
                },
                {"value": {"label": "3m 12s"}}
            ]
        });
        let card = full_card();
        assert_eq!(serde_json::to_value(&card).unwrap(), expected);
        assert_eq!(card.validate(), Ok(()));
        let back: Card = serde_json::from_value(expected).unwrap();
        assert_eq!(back, card);
    }

    #[test]
    fn minimal_card_has_no_nulls_or_empty_members() {
        let card = Card::new(CardStyle::Link, "l1", "A link").description("plain text");
        assert_eq!(
            serde_json::to_value(&card).unwrap(),
            json!({"style": "link", "id": "l1", "title": "A link", "description": "plain text"})
        );
        let text = serde_json::to_string(&card).unwrap();
        assert!(!text.contains("null"), "{text}");
        assert_eq!(card.validate(), Ok(()));
    }

    #[test]
    fn card_from_a_notification_decodes() {
        let card: Card = serde_json::from_value(json!({
            "style": "image", "id": "img", "title": "Screenshot",
            "thumbnail": {"url": "https://x/t.png"}, "icon": "https://x/i.png",
            "description": {"value": "a screenshot", "format": "text"}, "unknown": 1
        }))
        .unwrap();
        assert_eq!(card.style, CardStyle::Image);
        assert_eq!(card.icon.as_ref().map(Icon::url), Some("https://x/i.png"));
        assert_eq!(
            card.description,
            Some(CardDescription::formatted(
                "a screenshot",
                MessageFormat::Text
            ))
        );
        assert_eq!(card.thumbnail.unwrap().url_2x, None);
    }

    fn rejected(card: Card) -> InvalidInput {
        card.validate().expect_err("the card should be rejected")
    }

    fn base() -> Card {
        Card::new(CardStyle::File, "f1", "report.pdf")
    }

    #[test]
    fn validation_rejects_each_broken_rule_naming_the_field() {
        let err = rejected(Card::new(CardStyle::File, "", "t"));
        assert_eq!((err.field(), err.rule()), ("card.id", "must not be empty"));

        let err = rejected(Card::new(CardStyle::File, "f1", ""));
        assert_eq!(
            (err.field(), err.rule()),
            ("card.title", "must be 1..=500 characters (got 0)")
        );

        let err = rejected(Card::new(CardStyle::File, "f1", "x".repeat(501)));
        assert_eq!(
            (err.field(), err.rule()),
            ("card.title", "must be 1..=500 characters (got 501)")
        );

        let err = rejected(base().description("d".repeat(1001)));
        assert_eq!(
            (err.field(), err.rule()),
            ("card.description", "must be 1..=1000 characters (got 1001)")
        );

        let err = rejected(base().description(CardDescription::formatted("", MessageFormat::Html)));
        assert_eq!(
            (err.field(), err.rule()),
            ("card.description", "must be 1..=1000 characters (got 0)")
        );

        let err = rejected(base().thumbnail(Thumbnail::new("")));
        assert_eq!(err.field(), "card.thumbnail.url");

        let err =
            rejected(base().thumbnail(Thumbnail::new(format!("https://x/{}", "a".repeat(250)))));
        assert_eq!(
            (err.field(), err.rule()),
            ("card.thumbnail.url", "must be 1..=250 characters (got 260)")
        );

        let err = rejected(base().thumbnail(Thumbnail::new("https://x/t.png").url_2x("")));
        assert_eq!(
            (err.field(), err.rule()),
            (
                "card.thumbnail.url@2x",
                "must be 1..=250 characters (got 0)"
            )
        );

        let err = rejected(base().icon(""));
        assert_eq!(
            (err.field(), err.rule()),
            ("card.icon.url", "must not be empty")
        );

        let err = rejected(base().icon(Icon::sized("", "https://x/i@2x.png")));
        assert_eq!(err.field(), "card.icon.url");

        let err = rejected(base().activity(Activity::new("")));
        assert_eq!(
            (err.field(), err.rule()),
            ("card.activity.html", "must not be empty")
        );

        let err = rejected(base().activity(Activity::new("ok").icon("")));
        assert_eq!(err.field(), "card.activity.icon.url");

        let err = rejected(
            base()
                .attribute(CardAttribute::new("fine"))
                .attribute(CardAttribute::new("v").label("")),
        );
        assert_eq!(
            (err.field(), err.rule()),
            (
                "card.attributes[1].label",
                "must be 1..=50 characters (got 0)"
            )
        );

        let err = rejected(base().attribute(CardAttribute::new("v").label("l".repeat(51))));
        assert_eq!(
            (err.field(), err.rule()),
            (
                "card.attributes[0].label",
                "must be 1..=50 characters (got 51)"
            )
        );

        let err = rejected(base().attribute(CardAttribute::new("")));
        assert_eq!(
            (err.field(), err.rule()),
            ("card.attributes[0].value.label", "must not be empty")
        );

        let err =
            rejected(base().attribute(CardAttribute::new(CardAttributeValue::new("v").icon(""))));
        assert_eq!(err.field(), "card.attributes[0].value.icon.url");
    }

    #[test]
    fn validation_counts_characters_not_bytes() {
        // 500 two-byte characters: 1000 bytes, still within the 500-character limit.
        let card = Card::new(CardStyle::Media, "m1", "é".repeat(500))
            .attribute(CardAttribute::new("ü").label("ö".repeat(50)));
        assert_eq!(card.validate(), Ok(()));
        let err = rejected(Card::new(CardStyle::Media, "m1", "é".repeat(501)));
        assert_eq!(err.rule(), "must be 1..=500 characters (got 501)");
    }

    #[test]
    fn validation_accepts_limits_exactly() {
        let card = base()
            .description("d".repeat(1000))
            .thumbnail(Thumbnail::new("t".repeat(250)).url_2x("u".repeat(250)))
            .attribute(CardAttribute::new("v").label("l".repeat(50)));
        assert_eq!(card.validate(), Ok(()));
    }
}
