//! The envelope of paginated collections.

use serde::{Deserialize, Serialize};

use super::de;

/// One page of a collection:
/// `{"items": [...], "startIndex": 0, "maxResults": 100, "links": {"self", "prev"?, "next"?}}`.
///
/// `*/history/latest` and `date=recent` history answer with the same envelope but without
/// `startIndex` (read as 0) and without paging links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
#[non_exhaustive]
pub struct Page<T> {
    /// The entries of this page.
    #[serde(default = "Vec::new", deserialize_with = "de::null_as_default")]
    pub items: Vec<T>,
    /// Index of the first entry of this page in the whole collection (wire `startIndex`).
    #[serde(rename = "startIndex", default, deserialize_with = "de::u64_lenient")]
    pub start_index: u64,
    /// The page size the server applied (wire `maxResults`); 0 when it did not say.
    #[serde(rename = "maxResults", default, deserialize_with = "de::u64_lenient")]
    pub max_results: u64,
    /// Links to this page and its neighbours.
    #[serde(default)]
    pub links: PageLinks,
}

/// The `links` of a [`Page`]. `prev` and `next` are present only when such a page exists, and
/// already carry the query string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PageLinks {
    /// This page (wire name `self`).
    #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
    pub self_link: Option<String>,
    /// The previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
    /// The next page. The server has been seen to leave it out although more entries existed
    /// (with `max-results=1000`), so a missing `next` after a full page is not proof of the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

impl<T> Page<T> {
    /// A page holding `items`, starting at `start_index`, with `max_results` as the page size
    /// and no links. Handy for building canned responses in tests.
    pub fn new(items: Vec<T>, start_index: u64, max_results: u64) -> Self {
        Page {
            items,
            start_index,
            max_results,
            links: PageLinks::default(),
        }
    }

    /// The same page with `next` set to `url`.
    pub fn with_next(mut self, url: impl Into<String>) -> Self {
        self.links.next = Some(url.into());
        self
    }

    /// The number of entries on this page.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether this page has no entries.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The URL of the next page, when the server gave one.
    pub fn next_link(&self) -> Option<&str> {
        self.links.next.as_deref()
    }

    /// Whether this page filled the page size (`max_results > 0` and as many items), which means
    /// more entries may follow even without a `next` link.
    pub fn is_full(&self) -> bool {
        self.max_results > 0 && self.items.len() as u64 >= self.max_results
    }

    /// The entries, dropping the envelope.
    pub fn into_items(self) -> Vec<T> {
        self.items
    }
}

impl<T> IntoIterator for Page<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a Page<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RoomSummary;
    use serde_json::json;

    #[test]
    fn page_with_next_link() {
        let page: Page<RoomSummary> = serde_json::from_value(json!({
            "items": [
                {"id": 1, "name": "ops", "privacy": "public", "is_archived": false, "version": "AB12",
                 "links": {"self": "https://api.hipchat.com/v2/room/1"}},
                {"id": 2, "name": "dev", "links": {"self": "https://api.hipchat.com/v2/room/2"}}
            ],
            "startIndex": 0,
            "maxResults": 2,
            "links": {
                "self": "https://api.hipchat.com/v2/room",
                "next": "https://api.hipchat.com/v2/room?start-index=2&max-results=2"
            }
        }))
        .unwrap();
        assert_eq!(page.len(), 2);
        assert_eq!(page.start_index, 0);
        assert_eq!(page.max_results, 2);
        assert!(page.is_full());
        assert_eq!(
            page.links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/room")
        );
        assert_eq!(page.links.prev, None);
        assert_eq!(
            page.next_link(),
            Some("https://api.hipchat.com/v2/room?start-index=2&max-results=2")
        );
        let names: Vec<&str> = page.items.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["ops", "dev"]);
    }

    #[test]
    fn last_page_without_next_link() {
        let page: Page<RoomSummary> = serde_json::from_value(json!({
            "items": [{"id": 3, "name": "qa", "links": {"self": "https://api.hipchat.com/v2/room/3"}}],
            "startIndex": 2,
            "maxResults": 2,
            "links": {
                "self": "https://api.hipchat.com/v2/room?start-index=2&max-results=2",
                "prev": "https://api.hipchat.com/v2/room?start-index=0&max-results=2"
            }
        }))
        .unwrap();
        assert_eq!(page.start_index, 2);
        assert_eq!(page.next_link(), None);
        assert!(page.links.prev.is_some());
        assert!(!page.is_full());
        assert_eq!(page.into_items()[0].id, 3);
    }

    #[test]
    fn latest_history_envelope_has_no_start_index() {
        let page: Page<serde_json::Value> = serde_json::from_value(json!({
            "items": [],
            "maxResults": 75,
            "links": {"self": "https://api.hipchat.com/v2/room/1/history/latest"}
        }))
        .unwrap();
        assert_eq!(page.start_index, 0);
        assert_eq!(page.max_results, 75);
        assert!(page.is_empty());

        let bare: Page<u32> = serde_json::from_value(json!({"items": [1, 2]})).unwrap();
        assert_eq!((bare.start_index, bare.max_results), (0, 0));
        assert_eq!(bare.links, PageLinks::default());
        assert_eq!((&bare).into_iter().sum::<u32>(), 3);
    }

    #[test]
    fn built_page_serializes_to_the_wire_envelope() {
        let page = Page::new(vec![1, 2], 0, 2).with_next("https://x/v2/room?start-index=2");
        assert_eq!(
            serde_json::to_value(&page).unwrap(),
            json!({"items": [1, 2], "startIndex": 0, "maxResults": 2,
                   "links": {"next": "https://x/v2/room?start-index=2"}})
        );
    }
}
