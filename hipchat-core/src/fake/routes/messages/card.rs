//! The card of a room notification (§3.9): its style, title, description, thumbnail, activity,
//! icons and attributes, checked member by member.

use serde_json::Value;

use super::FORMATS;
use crate::fake::body::{Fields, check_len, check_non_empty, wrong_type};
use crate::fake::reply::Reply;

const CARD_STYLES: &[&str] = &["file", "image", "application", "link", "media"];
const CARD_FORMATS: &[&str] = &["compact", "medium"];
const ATTRIBUTE_STYLES: &[&str] = &[
    "lozenge-success",
    "lozenge-error",
    "lozenge-current",
    "lozenge-complete",
    "lozenge-moved",
    "lozenge",
];

/// The card rules of §3.9.
pub(super) fn check_card(card: &Fields<'_>) -> Result<(), Reply> {
    card.required_one_of("style", CARD_STYLES)?;
    card.required_text("id")?;
    check_len(&card.name("title"), card.required_str("title")?, 1, 500)?;
    match card.get("description")? {
        None => {}
        Some(Value::String(text)) => check_len(&card.name("description"), text, 1, 1000)?,
        Some(description @ Value::Object(_)) => {
            let description = Fields::of(&card.name("description"), description)?;
            let value = description.required_str("value")?;
            check_len(&description.name("value"), value, 1, 1000)?;
            description.required_one_of("format", FORMATS)?;
        }
        Some(other) => {
            return Err(wrong_type(
                &card.name("description"),
                "a string or an object {value, format}",
                other,
            ));
        }
    }
    card.opt_one_of("format", CARD_FORMATS)?;
    card.opt_str("url")?;
    check_opt_icon(card, "icon")?;
    if let Some(thumbnail) = card.opt_object("thumbnail")? {
        check_len(
            &thumbnail.name("url"),
            thumbnail.required_str("url")?,
            1,
            250,
        )?;
        if let Some(url_2x) = thumbnail.opt_str("url@2x")? {
            check_len(&thumbnail.name("url@2x"), url_2x, 1, 250)?;
        }
        thumbnail.opt_u64("width")?;
        thumbnail.opt_u64("height")?;
    }
    if let Some(activity) = card.opt_object("activity")? {
        activity.required_text("html")?;
        check_opt_icon(&activity, "icon")?;
    }
    if let Some(attributes) = card.opt_array("attributes")? {
        for (i, attribute) in attributes.iter().enumerate() {
            let path = format!("{}[{i}]", card.name("attributes"));
            check_attribute(&Fields::of(&path, attribute)?)?;
        }
    }
    Ok(())
}

/// One card attribute: `{label (1 to 50), value {label, url, style, icon}}`.
fn check_attribute(attribute: &Fields<'_>) -> Result<(), Reply> {
    if let Some(label) = attribute.opt_str("label")? {
        check_len(&attribute.name("label"), label, 1, 50)?;
    }
    let value = attribute.required_object("value")?;
    value.required_text("label")?;
    value.opt_str("url")?;
    value.opt_one_of("style", ATTRIBUTE_STYLES)?;
    check_opt_icon(&value, "icon")
}

/// An optional icon member: a URL, or `{url (required), "url@2x"}`.
fn check_opt_icon(fields: &Fields<'_>, name: &str) -> Result<(), Reply> {
    let Some(icon) = fields.get(name)? else {
        return Ok(());
    };
    let path = fields.name(name);
    match icon {
        Value::String(url) => check_non_empty(&format!("{path}.url"), url),
        Value::Object(_) => {
            let icon = Fields::of(&path, icon)?;
            icon.required_text("url")?;
            icon.opt_str("url@2x")?;
            Ok(())
        }
        other => Err(wrong_type(&path, "a URL or an object {url, url@2x}", other)),
    }
}

#[cfg(test)]
#[path = "card_tests.rs"]
mod tests;
