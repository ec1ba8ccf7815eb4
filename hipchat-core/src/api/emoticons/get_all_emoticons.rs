use http::Method;

use crate::api::{Paging, paging_setters};
use crate::model::{EmoticonSummary, EmoticonType, Page};
use crate::validate::known;
use crate::{Endpoint, InvalidInput, Path, Query};

/// `GET /emoticon`
///
/// Lists emoticons, one page at a time: HipChat's global ones, the group's own, or both (the
/// server's default). Items carry id, shortcut, image URL and links (the item shape comes from
/// a single source).
///
/// Scope: `view_group`.
///
/// Checked before sending: `max-results` is 0 to 1000 and `type` is `global`, `group` or
/// `all`.
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/get_all_emoticons>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::emoticons::GetAllEmoticons;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::model::EmoticonType;
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/emoticon")
///     .exact_query(&[("type", "group")])
///     .respond(MockResponse::json(200, json!({
///         "items": [{"id": 34, "shortcut": "shipit", "url": "https://example.com/shipit.png",
///                    "links": {"self": "https://api.hipchat.com/v2/emoticon/34"}}],
///         "startIndex": 0, "maxResults": 100, "links": {"self": "https://api.hipchat.com/v2/emoticon"}
///     })));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let page = client.send(&GetAllEmoticons::new().r#type(EmoticonType::Group)).await?;
/// assert_eq!(page.items[0].shortcut, "shipit");
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GetAllEmoticons {
    paging: Paging,
    emoticon_type: Option<EmoticonType>,
}

impl GetAllEmoticons {
    /// The first page with the server's defaults (100 emoticons of every type).
    pub fn new() -> Self {
        GetAllEmoticons::default()
    }

    paging_setters!("emoticons");

    /// Which emoticons to list (`type`): `global`, `group` or `all` (the default). Named after
    /// the wire field, so it is written `r#type` in Rust.
    pub fn r#type(mut self, emoticon_type: EmoticonType) -> Self {
        self.emoticon_type = Some(emoticon_type);
        self
    }
}

impl Endpoint for GetAllEmoticons {
    type Response = Page<EmoticonSummary>;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new().lit("emoticon")
    }

    fn query(&self) -> Query {
        self.paging
            .push_to(Query::new())
            .push_opt("type", self.emoticon_type.as_ref())
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        self.paging.validate()?;
        match &self.emoticon_type {
            Some(t) => known("type", t, t.is_known(), EmoticonType::KNOWN),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;

    #[test]
    fn wire_without_and_with_every_parameter() {
        let request = build(&GetAllEmoticons::new());
        assert_eq!(request.method(), "GET");
        assert_eq!(request.uri(), "https://api.hipchat.com/v2/emoticon");
        assert_bearer(&request);
        assert!(request.body().is_empty());
        let all = GetAllEmoticons::new()
            .start_index(100)
            .max_results(50)
            .r#type(EmoticonType::Global);
        assert_eq!(
            build(&all).uri(),
            "https://api.hipchat.com/v2/emoticon?start-index=100&max-results=50&type=global"
        );
        assert_eq!(
            build(&GetAllEmoticons::new().r#type(EmoticonType::All)).uri(),
            "https://api.hipchat.com/v2/emoticon?type=all"
        );
    }

    #[test]
    fn refuses_unknown_types_and_large_pages() {
        let err = build_err(&GetAllEmoticons::new().r#type(EmoticonType::from("mine")));
        assert_eq!(
            (err.field(), err.rule()),
            ("type", "must be one of global, group, all (got \"mine\")")
        );
        assert_eq!(
            build_err(&GetAllEmoticons::new().max_results(1001)).field(),
            "max-results"
        );
    }

    #[test]
    fn decode_a_page() {
        let body = r#"{
            "items": [
                {"id": 34, "url": "https://dujrsrsgsd3nh.cloudfront.net/img/emoticons/34/shipit.png", "shortcut": "shipit",
                 "links": {"self": "https://api.hipchat.com/v2/emoticon/34"}},
                {"id": "1001", "url": "https://example.com/emoticons/1001/partyparrot.gif", "shortcut": "partyparrot",
                 "links": {"self": "https://api.hipchat.com/v2/emoticon/1001"}}
            ],
            "startIndex": 0, "maxResults": 2,
            "links": {"self": "https://api.hipchat.com/v2/emoticon", "next": "https://api.hipchat.com/v2/emoticon?start-index=2&max-results=2"}
        }"#;
        let page = respond::<GetAllEmoticons>(200, body).unwrap();
        let first = &page.items[0];
        assert_eq!(first.id, 34);
        assert_eq!(first.shortcut, "shipit");
        assert!(first.url.ends_with("/34/shipit.png"));
        assert_eq!(
            first.links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/emoticon/34")
        );
        assert_eq!(page.items[1].id, 1001);
        assert!(page.is_full());
        assert!(page.next_link().is_some());
        let body = r#"{"error": {"code": 403, "message": "This action requires one of the following scopes: [u'view_group']", "type": "Forbidden"}}"#;
        assert_eq!(
            api_error::<GetAllEmoticons>(403, body)
                .hipchat_error()
                .unwrap()
                .required_scopes(),
            vec!["view_group"]
        );
    }
}
