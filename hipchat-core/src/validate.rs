//! Checks of the limits the API documents, shared by the endpoints.

use crate::InvalidInput;

/// `value` must have between `min` and `max` characters (Unicode scalar values, as HipChat
/// counts them).
pub(crate) fn char_len(
    field: &str,
    value: &str,
    min: usize,
    max: usize,
) -> Result<(), InvalidInput> {
    let len = value.chars().count();
    if len < min || len > max {
        Err(InvalidInput::new(
            field,
            format!("must be {min}..={max} characters (got {len})"),
        ))
    } else {
        Ok(())
    }
}

/// Like [`char_len`] for an optional field: nothing to check when it is unset.
pub(crate) fn opt_char_len(
    field: &str,
    value: Option<&str>,
    min: usize,
    max: usize,
) -> Result<(), InvalidInput> {
    value.map_or(Ok(()), |v| char_len(field, v, min, max))
}

/// A request must not carry an enum's catch-all variant: an unknown value would only earn a 400.
pub(crate) fn known<E: std::fmt::Display>(
    field: &str,
    value: &E,
    is_known: bool,
    all: &[E],
) -> Result<(), InvalidInput> {
    if is_known {
        Ok(())
    } else {
        let allowed: Vec<String> = all.iter().map(ToString::to_string).collect();
        Err(InvalidInput::new(
            field,
            format!(
                "must be one of {} (got {:?})",
                allowed.join(", "),
                value.to_string()
            ),
        ))
    }
}

/// The rules of a room notification body, shared by `send_room_notification` and webhook
/// replies: `message` has 1 to 10 000 characters, `color` and `message_format` are known
/// values, and the card (if any) is valid.
pub(crate) fn notification(
    message: &str,
    color: Option<&crate::model::Color>,
    format: Option<&crate::model::MessageFormat>,
    card: Option<&crate::model::Card>,
) -> Result<(), InvalidInput> {
    use crate::model::{Color, MessageFormat};
    char_len("message", message, 1, 10_000)?;
    if let Some(color) = color {
        known("color", color, color.is_known(), Color::KNOWN)?;
    }
    if let Some(format) = format {
        known(
            "message_format",
            format,
            format.is_known(),
            MessageFormat::KNOWN,
        )?;
    }
    card.map_or(Ok(()), crate::model::Card::validate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes() {
        char_len("message", "ééé", 1, 3).unwrap();
        let err = char_len("message", "", 1, 10000).unwrap_err();
        assert_eq!(err.rule(), "must be 1..=10000 characters (got 0)");
        assert_eq!(
            char_len("name", &"x".repeat(51), 1, 50).unwrap_err().rule(),
            "must be 1..=50 characters (got 51)"
        );
        opt_char_len("topic", None, 0, 250).unwrap();
        let pink = crate::model::Color::from("pink");
        let err = known("color", &pink, pink.is_known(), crate::model::Color::KNOWN).unwrap_err();
        assert_eq!(
            err.rule(),
            "must be one of yellow, green, red, purple, gray, random (got \"pink\")"
        );
    }
}
