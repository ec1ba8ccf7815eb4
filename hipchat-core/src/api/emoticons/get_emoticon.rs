use http::Method;

use crate::model::Emoticon;
use crate::{EmoticonRef, Endpoint, Path};

/// `GET /emoticon/{emoticon_id_or_key}`
///
/// Gets one emoticon by numeric id or by shortcut (without the parentheses): its image, size
/// and, where the server sends them, its type, creator and sound.
///
/// Scope: `view_group` (from a single source).
///
/// Official documentation: <https://www.hipchat.com/docs/apiv2/method/get_emoticon>
///
/// ```
/// # #[cfg(feature = "mock")] futures_executor::block_on(async {
/// use hipchat_core::api::emoticons::GetEmoticon;
/// use hipchat_core::mock::{MockBackend, MockResponse};
/// use hipchat_core::Client;
/// use serde_json::json;
///
/// let mock = MockBackend::new();
/// mock.expect_get("/v2/emoticon/shipit").respond(MockResponse::json(200, json!({
///     "id": 34, "shortcut": "shipit", "url": "https://example.com/shipit.png", "width": 30, "height": 30,
///     "type": "global", "creator": null, "links": {"self": "https://api.hipchat.com/v2/emoticon/34"}
/// })));
/// let client = Client::builder().token("token").backend(mock).build()?;
/// let emoticon = client.send(&GetEmoticon::new("shipit")).await?;
/// assert_eq!((emoticon.id, emoticon.width), (34, Some(30)));
/// # Ok::<(), hipchat_core::Error>(()) }).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetEmoticon {
    emoticon_id_or_key: EmoticonRef,
}

impl GetEmoticon {
    /// The emoticon with this numeric id or shortcut (such as `shipit`, without parentheses).
    pub fn new(emoticon_id_or_key: impl Into<EmoticonRef>) -> Self {
        GetEmoticon {
            emoticon_id_or_key: emoticon_id_or_key.into(),
        }
    }
}

impl Endpoint for GetEmoticon {
    type Response = Emoticon;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> Path {
        Path::new()
            .lit("emoticon")
            .param("emoticon_id_or_key", &self.emoticon_id_or_key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_support::*;
    use crate::model::EmoticonType;

    #[test]
    fn wire() {
        let request = build(&GetEmoticon::new("(shipit)"));
        assert_eq!(request.method(), "GET");
        assert_eq!(
            request.uri(),
            "https://api.hipchat.com/v2/emoticon/%28shipit%29"
        );
        assert_bearer(&request);
        assert_eq!(
            build(&GetEmoticon::new(34u64)).uri(),
            "https://api.hipchat.com/v2/emoticon/34"
        );
        assert_eq!(
            build_err(&GetEmoticon::new("")).field(),
            "emoticon_id_or_key"
        );
    }

    #[test]
    fn decode_a_group_emoticon_with_its_creator() {
        let body = r#"{
            "id": 1001, "shortcut": "partyparrot", "url": "https://example.com/emoticons/1001/partyparrot.gif",
            "width": 32, "height": "32", "audio_path": "https://example.com/emoticons/1001/squawk.mp3",
            "type": "group",
            "creator": {"id": 5, "name": "Ada Lovelace", "mention_name": "ada", "version": "00000000",
                        "links": {"self": "https://api.hipchat.com/v2/user/5"}},
            "links": {"self": "https://api.hipchat.com/v2/emoticon/1001"}
        }"#;
        let emoticon = respond::<GetEmoticon>(200, body).unwrap();
        assert_eq!(emoticon.id, 1001);
        assert_eq!(emoticon.shortcut, "partyparrot");
        assert!(emoticon.url.ends_with("partyparrot.gif"));
        assert_eq!((emoticon.width, emoticon.height), (Some(32), Some(32)));
        assert_eq!(
            emoticon.audio_path.as_deref(),
            Some("https://example.com/emoticons/1001/squawk.mp3")
        );
        assert_eq!(emoticon.emoticon_type, Some(EmoticonType::Group));
        assert_eq!(emoticon.creator.as_ref().unwrap().mention_name, "ada");
        assert_eq!(
            emoticon.links.self_link.as_deref(),
            Some("https://api.hipchat.com/v2/emoticon/1001")
        );

        let global = r#"{"id": 34, "shortcut": "shipit", "url": "https://example.com/shipit.png",
                         "width": 30, "height": 30, "type": "global", "creator": null,
                         "links": {"self": "https://api.hipchat.com/v2/emoticon/34"}}"#;
        let emoticon = respond::<GetEmoticon>(200, global).unwrap();
        assert_eq!(emoticon.creator, None);
        assert_eq!(emoticon.audio_path, None);
        assert_eq!(emoticon.emoticon_type, Some(EmoticonType::Global));

        let body =
            r#"{"error": {"code": 404, "message": "Emoticon not found", "type": "Not Found"}}"#;
        assert_eq!(
            api_error::<GetEmoticon>(404, body)
                .hipchat_error()
                .unwrap()
                .message,
            "Emoticon not found"
        );
    }
}
