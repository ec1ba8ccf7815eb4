//! Checking a module body against the [schema](super::schema) of its kind; members are named
//! `<kind>.<member>` in messages.

use serde_json::Value;

use super::schema::{CONDITIONS, Rule, schema};
use crate::fake::body::values::{as_array, as_i64, as_str, as_text};
use crate::fake::body::{Fields, check_key, check_len, one_of, wrong_type};
use crate::fake::reply::Reply;

/// Checks a module body of `kind` against its schema.
pub(super) fn check_module(kind: &str, body: &Value) -> Result<(), Reply> {
    let members =
        schema(kind).ok_or_else(|| Reply::not_found(format!("No such module kind: {kind}")))?;
    let names: Vec<&str> = members.iter().map(|m| m.name).collect();
    let module = object(kind, body, &names)?;
    for m in members {
        if let Some(value) = module.member(m.name, m.required)? {
            check_rule(&module.name(m.name), value, m.rule)?;
        }
    }
    if kind == "webhook"
        && module.contains("pattern")
        && module.raw("event").and_then(Value::as_str) != Some("room_message")
    {
        return Err(Reply::bad_request(
            "webhook.pattern is only allowed for the room_message event",
        ));
    }
    Ok(())
}

/// `value` as an object with no members outside `allowed`.
fn object<'v>(path: &str, value: &'v Value, allowed: &[&str]) -> Result<Fields<'v>, Reply> {
    let fields = Fields::of(path, value)?;
    fields.only(allowed)?;
    Ok(fields)
}

fn check_rule(path: &str, value: &Value, rule: Rule) -> Result<(), Reply> {
    match rule {
        Rule::Key => check_key(path, as_str(path, value)?),
        Rule::I18n => check_i18n(path, value),
        Rule::Text => as_text(path, value).map(drop),
        Rule::Enum(known) => one_of(path, as_text(path, value)?, known).map(drop),
        Rule::Int => as_i64(path, value).map(drop),
        Rule::Icon => {
            let icon = object(path, value, &["url", "url@2x"])?;
            icon.required_text("url")?;
            icon.required_text("url@2x")?;
            Ok(())
        }
        Rule::Target => match value {
            Value::String(key) => check_key(path, key),
            Value::Object(_) => {
                let target = object(path, value, &["key", "options"])?;
                check_rule(&target.name("key"), target.required("key")?, Rule::Key)?;
                target.opt_object("options")?;
                Ok(())
            }
            other => Err(wrong_type(path, "a module key or {key, options}", other)),
        },
        Rule::Conditions => check_conditions(path, value, 0),
        Rule::DialogOptions => check_dialog_options(path, value),
    }
}

fn check_i18n(path: &str, value: &Value) -> Result<(), Reply> {
    let text = object(path, value, &["value", "i18n"])?;
    check_len(&text.name("value"), text.required_str("value")?, 1, 100)?;
    if let Some(key) = text.opt_str("i18n")? {
        check_len(&text.name("i18n"), key, 1, 40)?;
    }
    Ok(())
}

fn check_conditions(path: &str, value: &Value, depth: usize) -> Result<(), Reply> {
    if depth > 16 {
        return Err(Reply::bad_request(format!(
            "{path} nests conditions too deeply"
        )));
    }
    for (i, item) in as_array(path, value)?.iter().enumerate() {
        let at = format!("{path}[{i}]");
        let is_composite = item.get("conditions").is_some();
        if is_composite {
            let composite = object(&at, item, &["type", "conditions"])?;
            if let Some(kind) = composite.get("type")? {
                let kind_path = composite.name("type");
                one_of(
                    &kind_path,
                    as_text(&kind_path, kind)?,
                    &["and", "or", "AND", "OR"],
                )?;
            }
            let nested = composite.required("conditions")?;
            if nested.as_array().is_some_and(Vec::is_empty) {
                return Err(Reply::bad_request(format!(
                    "{at}.conditions needs at least one condition"
                )));
            }
            check_conditions(&composite.name("conditions"), nested, depth + 1)?;
        } else {
            let simple = object(&at, item, &["condition", "params", "invert"])?;
            let name_path = simple.name("condition");
            one_of(
                &name_path,
                as_text(&name_path, simple.required("condition")?)?,
                CONDITIONS,
            )?;
            simple.opt_object("params")?;
            simple.opt_bool("invert")?;
        }
    }
    Ok(())
}

fn check_button(path: &str, value: &Value) -> Result<(), Reply> {
    let button = object(path, value, &["name", "key", "enabled"])?;
    check_i18n(&button.name("name"), button.required("name")?)?;
    if let Some(key) = button.get("key")? {
        as_text(&button.name("key"), key)?;
    }
    button.opt_bool("enabled")?;
    Ok(())
}

fn check_dialog_options(path: &str, value: &Value) -> Result<(), Reply> {
    let options = object(
        path,
        value,
        &[
            "style",
            "primaryAction",
            "secondaryActions",
            "size",
            "hint",
            "filter",
        ],
    )?;
    if let Some(style) = options.get("style")? {
        let at = options.name("style");
        one_of(&at, as_text(&at, style)?, &["normal", "warning"])?;
    }
    if let Some(button) = options.get("primaryAction")? {
        check_button(&options.name("primaryAction"), button)?;
    }
    if let Some(buttons) = options.opt_array("secondaryActions")? {
        let at = options.name("secondaryActions");
        if buttons.is_empty() {
            return Err(Reply::bad_request(format!(
                "{at} needs at least one action"
            )));
        }
        for (i, button) in buttons.iter().enumerate() {
            check_button(&format!("{at}[{i}]"), button)?;
        }
    }
    if let Some(size) = options.get("size")? {
        let at = options.name("size");
        match size {
            Value::String(name) => {
                one_of(&at, name, &["small", "medium", "large", "xlarge"])?;
            }
            Value::Object(_) => {
                let dims = object(&at, size, &["width", "height"])?;
                for dim in ["width", "height"] {
                    if let Some(v) = dims.get(dim)? {
                        as_text(&dims.name(dim), v)?;
                    }
                }
            }
            other => return Err(wrong_type(&at, "a size name or {width, height}", other)),
        }
    }
    if let Some(hint) = options.get("hint")? {
        check_i18n(&options.name("hint"), hint)?;
    }
    if let Some(filter) = options.get("filter")? {
        let filter = object(&options.name("filter"), filter, &["placeholder"])?;
        if let Some(placeholder) = filter.get("placeholder")? {
            check_i18n(&filter.name("placeholder"), placeholder)?;
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
