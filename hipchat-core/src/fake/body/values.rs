//! Checks of one JSON value, named by its full path in the messages of their 400s.

use serde_json::Value;

use crate::fake::reply::Reply;

/// How a JSON value's type is called in messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The 400 for `value` at `path` not being `expected` (`"a string"`, `"true or false"`).
pub(crate) fn wrong_type(path: &str, expected: &str, value: &Value) -> Reply {
    Reply::bad_request(format!("{path} must be {expected}, not {}", kind(value)))
}

/// The 400 for a required member that was left out.
pub(crate) fn missing(path: &str) -> Reply {
    Reply::bad_request(format!("Missing required field: {path}"))
}

/// The 400 for `null` sent for a required member.
pub(crate) fn required_null(path: &str) -> Reply {
    Reply::bad_request(format!("{path} is required and may not be null"))
}

/// The 400 for `null` sent for an optional member.
pub(crate) fn optional_null(path: &str) -> Reply {
    Reply::bad_request(format!("{path} may not be null; leave it out instead"))
}

/// The value as a string.
pub(crate) fn as_str<'v>(path: &str, value: &'v Value) -> Result<&'v str, Reply> {
    value
        .as_str()
        .ok_or_else(|| wrong_type(path, "a string", value))
}

/// The value as a non-empty string.
pub(crate) fn as_text<'v>(path: &str, value: &'v Value) -> Result<&'v str, Reply> {
    let text = as_str(path, value)?;
    check_non_empty(path, text)?;
    Ok(text)
}

/// The value as a boolean.
pub(crate) fn as_bool(path: &str, value: &Value) -> Result<bool, Reply> {
    value
        .as_bool()
        .ok_or_else(|| wrong_type(path, "true or false", value))
}

/// The value as a boolean, also spelled as the string `"true"` or `"false"` in any case, as
/// form fields send it.
pub(crate) fn as_loose_bool(path: &str, value: &Value) -> Result<bool, Reply> {
    match value {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(false),
        other => Err(wrong_type(path, "true or false", other)),
    }
}

/// The value as a non-negative integer.
pub(crate) fn as_u64(path: &str, value: &Value) -> Result<u64, Reply> {
    value
        .as_u64()
        .ok_or_else(|| wrong_type(path, "a non-negative integer", value))
}

/// The value as an integer.
pub(crate) fn as_i64(path: &str, value: &Value) -> Result<i64, Reply> {
    value
        .as_i64()
        .ok_or_else(|| wrong_type(path, "an integer", value))
}

/// The value as an array.
pub(crate) fn as_array<'v>(path: &str, value: &'v Value) -> Result<&'v [Value], Reply> {
    value
        .as_array()
        .map(Vec::as_slice)
        .ok_or_else(|| wrong_type(path, "an array", value))
}

/// The value as an array of strings; an item of another type is named `<path>[i]`.
pub(crate) fn as_strings(path: &str, value: &Value) -> Result<Vec<String>, Reply> {
    as_array(path, value)?
        .iter()
        .enumerate()
        .map(|(i, item)| as_str(&format!("{path}[{i}]"), item).map(str::to_owned))
        .collect()
}

/// Refuses text whose length in characters is outside `min..=max`.
pub(crate) fn check_len(path: &str, text: &str, min: usize, max: usize) -> Result<(), Reply> {
    let len = text.chars().count();
    if (min..=max).contains(&len) {
        Ok(())
    } else {
        Err(Reply::bad_request(format!(
            "{path} must be {min} to {max} characters long (got {len})"
        )))
    }
}

/// Refuses empty text.
pub(crate) fn check_non_empty(path: &str, text: &str) -> Result<(), Reply> {
    if text.is_empty() {
        Err(Reply::bad_request(format!("{path} must not be empty")))
    } else {
        Ok(())
    }
}

/// Refuses a value outside a documented set; the set's own spelling of it otherwise.
pub(crate) fn one_of<'s>(path: &str, value: &str, allowed: &[&'s str]) -> Result<&'s str, Reply> {
    allowed
        .iter()
        .copied()
        .find(|a| *a == value)
        .ok_or_else(|| {
            Reply::bad_request(format!(
                "{path} must be one of {} (got {value:?})",
                allowed.join(", ")
            ))
        })
}
