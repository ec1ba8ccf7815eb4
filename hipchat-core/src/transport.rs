//! Failures to get a response at all.

use std::error::Error as StdError;
use std::fmt;

/// Why a backend could not deliver a complete response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made: refused, unreachable, name resolution or TLS handshake
    /// failure. The request did not reach the server.
    Connect,
    /// The request or the response took longer than the backend's timeout. The server may or
    /// may not have acted on the request.
    Timeout,
    /// The connection broke while the request was sent or the response was read.
    Io,
    /// Any other failure, such as a request the HTTP stack refused to send or a scripted
    /// failure of the mock backend.
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "connect",
            TransportErrorKind::Timeout => "timeout",
            TransportErrorKind::Io => "i/o",
            TransportErrorKind::Other => "other",
        })
    }
}

/// A request got no complete response: the kind of failure, a message and the underlying error.
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Box<dyn StdError + Send + Sync + 'static>>,
}

impl TransportError {
    /// A transport error of `kind` described by `message`.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// A transport error of `kind` caused by `source`. The message is the text of `source` and
    /// of its own sources, joined by `: `, so the root cause (such as "connection refused")
    /// shows in one line.
    pub fn from_source(
        kind: TransportErrorKind,
        source: impl StdError + Send + Sync + 'static,
    ) -> Self {
        TransportError {
            kind,
            message: chain_text(&source),
            source: Some(Box::new(source)),
        }
    }

    /// Attaches the underlying error, keeping the message.
    pub fn with_source(mut self, source: impl StdError + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// What kind of failure this was.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The human-readable description.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// The text of `error` and of each of its sources, skipping a source whose text is already
/// contained in the previous one.
fn chain_text(error: &(dyn StdError + 'static)) -> String {
    let mut text = error.to_string();
    let mut last = text.clone();
    let mut next = error.source();
    while let Some(cause) = next {
        let cause_text = cause.to_string();
        if !cause_text.is_empty() && !last.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        last = cause_text;
        next = cause.source();
    }
    text
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError")
            .field("kind", &self.kind)
            .field("message", &self.message)
            .field("source", &self.source)
            .finish()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} error: {}", self.kind, self.message)
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    #[derive(Debug)]
    struct Outer(io::Error);

    impl fmt::Display for Outer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("error sending request")
        }
    }

    impl StdError for Outer {
        fn source(&self) -> Option<&(dyn StdError + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn the_message_carries_the_root_cause() {
        let refused = io::Error::new(io::ErrorKind::ConnectionRefused, "connection refused");
        let e = TransportError::from_source(TransportErrorKind::Connect, Outer(refused));
        assert_eq!(e.message(), "error sending request: connection refused");
        assert_eq!(
            e.to_string(),
            "connect error: error sending request: connection refused"
        );
        assert!(e.source().is_some());
        let plain = TransportError::from_source(TransportErrorKind::Io, io::Error::other("reset"));
        assert_eq!(plain.message(), "reset");
    }
}
