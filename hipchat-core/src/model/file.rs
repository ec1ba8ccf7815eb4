//! A file to upload, held in memory.

use std::fmt;

/// A file for the share-file methods: its name, its media type and its bytes.
///
/// ```
/// use hipchat_core::model::FilePart;
///
/// let part = FilePart::new("build.log", "text/plain", b"all green\n".to_vec());
/// assert_eq!(part.name(), "build.log");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    name: String,
    content_type: String,
    bytes: Vec<u8>,
}

impl FilePart {
    /// A file called `name` (the name shown in HipChat) of media type `content_type`
    /// (such as `image/png`; send no `charset` parameter, which HipChat refuses) holding `bytes`.
    pub fn new(name: impl Into<String>, content_type: impl Into<String>, bytes: Vec<u8>) -> Self {
        FilePart {
            name: name.into(),
            content_type: content_type.into(),
            bytes,
        }
    }

    /// The file name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The media type.
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// The contents.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("name", &self.name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}
