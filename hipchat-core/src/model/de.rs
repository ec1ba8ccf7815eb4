//! Lenient deserializers for fields the API did not send consistently, used through
//! `#[serde(deserialize_with = "...")]`.
//!
//! * ids: a JSON number or a numeric string (create_room documents its `id` as either);
//! * timestamps and other text: a JSON string or a number (a unix-seconds `last_active` arrives
//!   either way; a number becomes its decimal text), and `null` where the field is optional;
//! * lists: `null` is read as an empty list.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// An id sent as a number or a numeric string.
pub(crate) fn u64_lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    deserializer.deserialize_any(LenientU64)
}

/// An optional id or count sent as a number, a numeric string, or `null`.
pub(crate) fn option_u64_lenient<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<u64>, D::Error> {
    deserializer.deserialize_option(OptionOf(LenientU64))
}

/// Text (a timestamp, an opaque id) sent as a string or a number.
pub(crate) fn string_or_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    deserializer.deserialize_any(LenientString)
}

/// Optional text sent as a string, a number, or `null`.
pub(crate) fn option_string_or_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    deserializer.deserialize_option(OptionOf(LenientString))
}

/// A value whose `null` means the type's default (an empty list, usually).
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

struct LenientU64;

impl<'de> Visitor<'de> for LenientU64 {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a non-negative integer or a string holding one")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<u64, E> {
        Ok(value)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<u64, E> {
        u64::try_from(value).map_err(|_| E::invalid_value(de::Unexpected::Signed(value), &self))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<u64, E> {
        // Some JSON encoders write whole numbers as `123.0`.
        if value.fract() == 0.0 && value >= 0.0 && value <= u64::MAX as f64 {
            Ok(value as u64)
        } else {
            Err(E::invalid_value(de::Unexpected::Float(value), &self))
        }
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<u64, E> {
        value
            .trim()
            .parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(value), &self))
    }
}

struct LenientString;

impl<'de> Visitor<'de> for LenientString {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a number")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<String, E> {
        Ok(value.to_owned())
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<String, E> {
        Ok(value)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<String, E> {
        Ok(value.to_string())
    }
}

/// Wraps a visitor so that `null` (or a missing value) gives `None`.
struct OptionOf<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for OptionOf<V> {
    type Value = Option<V::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)?;
        f.write_str(" or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self.0).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Sample {
        #[serde(deserialize_with = "u64_lenient")]
        id: u64,
        #[serde(default, deserialize_with = "option_u64_lenient")]
        count: Option<u64>,
        #[serde(default, deserialize_with = "option_string_or_number")]
        when: Option<String>,
        #[serde(default, deserialize_with = "null_as_default")]
        list: Vec<u32>,
    }

    fn sample(json: &str) -> Sample {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn ids_accept_numbers_and_numeric_strings() {
        assert_eq!(sample(r#"{"id": 42}"#).id, 42);
        assert_eq!(sample(r#"{"id": "42"}"#).id, 42);
        assert_eq!(sample(r#"{"id": 42.0}"#).id, 42);
        assert_eq!(sample(r#"{"id": 1, "count": "7"}"#).count, Some(7));
        assert_eq!(sample(r#"{"id": 1, "count": null}"#).count, None);
        assert_eq!(sample(r#"{"id": 1}"#).count, None);
    }

    #[test]
    fn bad_ids_are_rejected() {
        for json in [
            r#"{"id": "abc"}"#,
            r#"{"id": -1}"#,
            r#"{"id": 1.5}"#,
            r#"{"id": true}"#,
        ] {
            assert!(serde_json::from_str::<Sample>(json).is_err(), "{json}");
        }
    }

    #[test]
    fn timestamps_accept_strings_numbers_and_null() {
        assert_eq!(
            sample(r#"{"id": 1, "when": "2017-05-20T13:56:46.750428+00:00"}"#)
                .when
                .as_deref(),
            Some("2017-05-20T13:56:46.750428+00:00")
        );
        assert_eq!(
            sample(r#"{"id": 1, "when": 1496930400}"#).when.as_deref(),
            Some("1496930400")
        );
        assert_eq!(
            sample(r#"{"id": 1, "when": "1496930400"}"#).when.as_deref(),
            Some("1496930400")
        );
        assert_eq!(sample(r#"{"id": 1, "when": null}"#).when, None);
        assert!(serde_json::from_str::<Sample>(r#"{"id": 1, "when": {}}"#).is_err());
    }

    #[test]
    fn null_lists_are_empty() {
        assert!(sample(r#"{"id": 1, "list": null}"#).list.is_empty());
        assert_eq!(sample(r#"{"id": 1, "list": [3]}"#).list, vec![3]);
    }
}
