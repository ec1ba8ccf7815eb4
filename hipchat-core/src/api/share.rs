//! What the share methods send. Sharing a link or a file with a room or with a user takes the
//! same body under the same rules; only the path, kept by each endpoint, differs.

use serde::Serialize;

use crate::model::FilePart;
use crate::validate::{char_len, opt_char_len};
use crate::{Body, Error, InvalidInput};

/// `message`, optional on both share methods, at most 1000 characters.
fn check_message(message: Option<&str>) -> Result<(), InvalidInput> {
    opt_char_len("message", message, 0, 1000)
}

/// The JSON body of `share/link`: `link` (10 to 1000 characters) and an optional `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct LinkShare {
    link: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) message: Option<String>,
}

impl LinkShare {
    pub(crate) fn new(link: impl Into<String>) -> Self {
        LinkShare {
            link: link.into(),
            message: None,
        }
    }

    pub(crate) fn body(&self) -> Result<Option<Body>, Error> {
        Body::json(self).map(Some)
    }

    /// That `link` is an absolute URL is left to the server.
    pub(crate) fn validate(&self) -> Result<(), InvalidInput> {
        char_len("link", &self.link, 10, 1000)?;
        check_message(self.message.as_deref())
    }
}

/// The `multipart/related` body of `share/file`: the file and an optional message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileShare {
    file: FilePart,
    pub(crate) message: Option<String>,
}

/// The JSON of the `metadata` part, sent only with a message.
#[derive(Serialize)]
struct Metadata<'a> {
    message: &'a str,
}

impl FileShare {
    pub(crate) fn new(file: FilePart) -> Self {
        FileShare {
            file,
            message: None,
        }
    }

    /// The file's name and media type are checked while the body is built.
    pub(crate) fn body(&self) -> Result<Option<Body>, Error> {
        let metadata = self.message.as_deref().map(|message| Metadata { message });
        crate::multipart::related(metadata.as_ref(), &self.file).map(Some)
    }

    pub(crate) fn validate(&self) -> Result<(), InvalidInput> {
        check_message(self.message.as_deref())
    }
}

/// The boundary a share-file request announces in its `Content-Type`, for tests that spell out
/// the whole body.
#[cfg(test)]
pub(crate) fn boundary(request: &crate::HttpRequest) -> String {
    let content_type = request.headers()["content-type"].to_str().unwrap();
    content_type
        .strip_prefix("multipart/related; boundary=")
        .expect("a multipart/related content type")
        .to_owned()
}
