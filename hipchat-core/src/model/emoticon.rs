//! Emoticons: the short form found in lists, the full emoticon, and which set to list.

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use super::{Links, UserSummary, de};

string_enum! {
    /// Which emoticons a list holds (`type` query of `GET /emoticon`), and which set an
    /// emoticon belongs to (`type` of [`Emoticon`], `global` or `group` only).
    pub enum EmoticonType {
        /// The emoticons HipChat ships to everyone.
        Global => "global",
        /// The group's own custom emoticons.
        Group => "group",
        /// Both sets (the server's default for lists).
        All => "all",
    }
}

/// An emoticon as listed by `GET /emoticon`: `{id, url, shortcut, links}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EmoticonSummary {
    /// The emoticon id.
    #[serde(deserialize_with = "de::u64_lenient")]
    pub id: u64,
    /// Where the image is.
    #[serde(default)]
    pub url: String,
    /// What to type between parentheses to use it, such as `allthethings`.
    #[serde(default)]
    pub shortcut: String,
    /// Links to the full emoticon.
    #[serde(default)]
    pub links: Links,
}

/// A full emoticon (`GET /emoticon/{emoticon_id_or_key}`).
///
/// `id`, `shortcut`, `url`, `width`, `height` and `links` are well documented; `audio_path`,
/// `type` and `creator` come from a single client library, so they are optional here like the
/// image size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Emoticon {
    /// The emoticon id.
    #[serde(deserialize_with = "de::u64_lenient")]
    pub id: u64,
    /// What to type between parentheses to use it.
    #[serde(default)]
    pub shortcut: String,
    /// Where the image is.
    #[serde(default)]
    pub url: String,
    /// The image width in pixels.
    #[serde(
        default,
        deserialize_with = "de::option_u64_lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub width: Option<u64>,
    /// The image height in pixels.
    #[serde(
        default,
        deserialize_with = "de::option_u64_lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub height: Option<u64>,
    /// The sound played with the emoticon, for the few that have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio_path: Option<String>,
    /// Whether it is a `global` or a `group` emoticon (wire name `type`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub emoticon_type: Option<EmoticonType>,
    /// Who added it; `None` for global emoticons and when the server sent `null`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<UserSummary>,
    /// Links to this emoticon.
    #[serde(default)]
    pub links: Links,
}

crate::response::json_response!(Emoticon);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn type_round_trips_and_keeps_unknown_values() {
        assert_eq!(
            serde_json::to_value(EmoticonType::Group).unwrap(),
            json!("group")
        );
        let other: EmoticonType = serde_json::from_value(json!("seasonal")).unwrap();
        assert_eq!(other, EmoticonType::Other("seasonal".into()));
        assert!(!other.is_known());
        assert_eq!(EmoticonType::KNOWN.len(), 3);
    }

    #[test]
    fn sparse_emoticon_decodes_and_serializes_without_nulls() {
        let emoticon: Emoticon = serde_json::from_value(json!({
            "id": "34", "shortcut": "shipit", "url": "https://example.com/shipit.png",
            "creator": null, "new_field": true
        }))
        .unwrap();
        assert_eq!(emoticon.id, 34);
        assert_eq!((emoticon.width, emoticon.height), (None, None));
        assert_eq!(emoticon.creator, None);
        let back = serde_json::to_value(&emoticon).unwrap();
        assert!(back.get("creator").is_none());
        assert!(back.get("type").is_none());
        assert_eq!(back["shortcut"], json!("shipit"));
    }
}
