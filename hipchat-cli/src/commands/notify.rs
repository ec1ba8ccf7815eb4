//! `hipchat notify`: a room notification, with an optional card.

use std::io::Write;

use hipchat::api::rooms::SendRoomNotification;
use hipchat::model::{Card, CardAttribute, CardStyle, Color, MessageFormat};

use crate::cli::{CardArgs, CardStyleArg, FormatArg, NotifyArgs};
use crate::config::{MessageDefaults, Settings};
use crate::context::{Auth, Context};
use crate::error::CliError;
use crate::input::message_text;

/// Sends the notification; prints nothing on success.
pub async fn run(
    args: NotifyArgs,
    settings: Settings,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let room = super::room(args.room.clone(), &settings.defaults)?;
    let message = message_text(args.message.clone(), settings.quiet)?;
    let notification = build(&args, &settings.defaults, room, message)?;
    let context = Context::connect(settings, Auth::Token).await?;
    context.send(&notification, out).await?;
    context.finish()
}

/// The notification the flags and defaults describe.
pub fn build(
    args: &NotifyArgs,
    defaults: &MessageDefaults,
    room: String,
    message: String,
) -> Result<SendRoomNotification, CliError> {
    let color = args
        .color
        .or_else(|| args.level.map(|level| level.color()))
        .or_else(|| defaults.color());
    let format = args.format.or(defaults.format).unwrap_or(FormatArg::Text);
    let notify = if args.notify {
        Some(true)
    } else if args.no_notify {
        Some(false)
    } else {
        defaults.notify
    };
    let mut notification =
        SendRoomNotification::new(room, message).message_format(MessageFormat::from(format));
    if let Some(color) = color {
        notification = notification.color(Color::from(color));
    }
    if let Some(notify) = notify {
        notification = notification.notify(notify);
    }
    if let Some(from) = args.from.clone().or_else(|| defaults.from.clone()) {
        notification = notification.from(from);
    }
    if let Some(card) = card(&args.card)? {
        notification = notification.card(card);
    }
    Ok(notification)
}

/// The card of the `--card-*` flags, if a title was given.
fn card(args: &CardArgs) -> Result<Option<Card>, CliError> {
    let Some(title) = args.card_title.clone() else {
        return Ok(None);
    };
    let style = args.card_style.unwrap_or(CardStyleArg::Application);
    let id = args
        .card_id
        .clone()
        .unwrap_or_else(|| derived_id(args, style));
    let mut card = Card::new(CardStyle::from(style), id, title);
    if let Some(description) = &args.card_description {
        card = card.description(description.clone());
    }
    if let Some(url) = &args.card_url {
        card = card.url(url.clone());
    }
    if let Some(icon) = &args.card_icon {
        card = card.icon(icon.clone());
    }
    if let Some(format) = args.card_format {
        card = card.format(format.into());
    }
    for attribute in &args.card_attribute {
        card = card.attribute(parse_attribute(attribute)?);
    }
    Ok(Some(card))
}

/// `label=value`, or a bare `value` without a label. Only the first `=` splits.
fn parse_attribute(text: &str) -> Result<CardAttribute, CliError> {
    let (label, value) = match text.split_once('=') {
        Some((label, value)) => (Some(label), value),
        None => (None, text),
    };
    if value.is_empty() {
        return Err(CliError::usage(format!(
            "--card-attribute {text:?} has no value: write it as label=value"
        )));
    }
    let attribute = CardAttribute::new(value);
    Ok(match label {
        Some(label) if !label.is_empty() => attribute.label(label),
        _ => attribute,
    })
}

/// A card id that is the same for the same card content, so that sending the same card again
/// is recognised as such (FNV-1a over the style, title, description and URL).
fn derived_id(args: &CardArgs, style: CardStyleArg) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let parts = [
        format!("{style:?}"),
        args.card_title.clone().unwrap_or_default(),
        args.card_description.clone().unwrap_or_default(),
        args.card_url.clone().unwrap_or_default(),
    ];
    for part in &parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("hipchat-cli-{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, ColorArg, Command, LevelArg};
    use clap::Parser;

    fn args(argv: &[&str]) -> NotifyArgs {
        let mut full = vec!["hipchat", "notify"];
        full.extend_from_slice(argv);
        match Cli::try_parse_from(full).unwrap().command {
            Command::Notify(args) => args,
            other => panic!("{other:?}"),
        }
    }

    fn body(args: &NotifyArgs, defaults: &MessageDefaults) -> serde_json::Value {
        let notification = build(args, defaults, "Ops".into(), "hi".into()).unwrap();
        serde_json::to_value(&notification).unwrap()
    }

    #[test]
    fn flags_beat_defaults_and_the_format_defaults_to_text() {
        let defaults = MessageDefaults {
            from: Some("EnvFrom".into()),
            color: Some(ColorArg::Purple),
            notify: Some(true),
            ..MessageDefaults::default()
        };
        assert_eq!(
            body(&args(&[]), &defaults),
            serde_json::json!({"message": "hi", "color": "purple", "message_format": "text",
                               "notify": true, "from": "EnvFrom"})
        );
        assert_eq!(
            body(
                &args(&["-c", "green", "--no-notify", "-f", "CI", "-m", "html"]),
                &defaults
            ),
            serde_json::json!({"message": "hi", "color": "green", "message_format": "html",
                               "notify": false, "from": "CI"})
        );
        assert_eq!(
            body(&args(&[]), &MessageDefaults::default()),
            serde_json::json!({"message": "hi", "message_format": "text"})
        );
    }

    #[test]
    fn a_level_picks_the_colour_unless_a_colour_flag_is_given() {
        let defaults = MessageDefaults {
            level: Some(LevelArg::Critical),
            color: Some(ColorArg::Green),
            ..MessageDefaults::default()
        };
        assert_eq!(body(&args(&[]), &defaults)["color"], "red");
        assert_eq!(body(&args(&["-l", "ok"]), &defaults)["color"], "green");
        assert_eq!(
            body(&args(&["-c", "purple", "-l", "ok"]), &defaults)["color"],
            "purple"
        );
    }

    #[test]
    fn card_flags_build_a_card() {
        let a = args(&[
            "--card-title",
            "Build 42",
            "--card-description",
            "All tests passed",
            "--card-url",
            "https://ci.example.com/42",
            "--card-icon",
            "https://ci.example.com/icon.png",
            "--card-attribute",
            "Status=passed",
            "--card-attribute",
            "a=b=c",
            "--card-attribute",
            "bare",
        ]);
        let card = &body(&a, &MessageDefaults::default())["card"];
        assert_eq!(card["style"], "application");
        assert_eq!(card["title"], "Build 42");
        assert_eq!(card["description"], "All tests passed");
        assert_eq!(card["url"], "https://ci.example.com/42");
        assert_eq!(card["icon"], "https://ci.example.com/icon.png");
        assert_eq!(
            card["attributes"],
            serde_json::json!([
                {"label": "Status", "value": {"label": "passed"}},
                {"label": "a", "value": {"label": "b=c"}},
                {"value": {"label": "bare"}}
            ])
        );
        let id = card["id"].as_str().unwrap();
        assert!(id.starts_with("hipchat-cli-"), "{id}");
        assert_eq!(
            body(&a, &MessageDefaults::default())["card"]["id"],
            id,
            "the same card gets the same id"
        );
        let with_id = args(&[
            "--card-title",
            "T",
            "--card-id",
            "mine",
            "--card-style",
            "link",
        ]);
        let card = &body(&with_id, &MessageDefaults::default())["card"];
        assert_eq!(card["id"], "mine");
        assert_eq!(card["style"], "link");
    }

    #[test]
    fn attributes_without_a_value_are_refused() {
        assert_eq!(parse_attribute("Status=").unwrap_err().exit_code(), 2);
        assert_eq!(parse_attribute("").unwrap_err().exit_code(), 2);
    }
}
