//! The HTTP types and the backend trait that plug a real HTTP stack into the core.

use crate::TransportError;

/// A fully built request: method, absolute URI, headers and a body held in memory.
pub type HttpRequest = http::Request<Vec<u8>>;

/// A complete response: status, headers and the whole body held in memory.
pub type HttpResponse = http::Response<Vec<u8>>;

/// Sends one [`HttpRequest`] and returns the server's [`HttpResponse`].
///
/// A backend is the only part of hipchat-rs that does I/O. It must:
///
/// * return every answer the server gave as `Ok`, whatever its status: a 404 or a 429 is a
///   response, not a transport error (the core decides what a status means);
/// * never follow redirects (the core returns the `Location` of a 302 to the caller);
/// * return `Err` only when no complete response was received, with a
///   [`TransportErrorKind`](crate::TransportErrorKind) saying why.
///
/// The trait is object safe, so a [`Client`](crate::Client) holds any backend as
/// `Arc<dyn HttpBackend>`. On native targets the future is `Send`; on `wasm32` it is not.
///
/// ```
/// use hipchat_core::{HttpBackend, HttpRequest, HttpResponse, TransportError};
///
/// /// A backend that answers every request with 204 No Content.
/// struct AlwaysNoContent;
///
/// #[cfg_attr(not(target_arch = "wasm32"), hipchat_core::async_trait)]
/// #[cfg_attr(target_arch = "wasm32", hipchat_core::async_trait(?Send))]
/// impl HttpBackend for AlwaysNoContent {
///     async fn send(&self, _request: HttpRequest) -> Result<HttpResponse, TransportError> {
///         Ok(http::Response::builder().status(204).body(Vec::new()).unwrap())
///     }
/// }
/// ```
#[cfg_attr(not(target_arch = "wasm32"), async_trait::async_trait)]
#[cfg_attr(target_arch = "wasm32", async_trait::async_trait(?Send))]
pub trait HttpBackend: MaybeSendSync {
    /// Sends `request` and waits for the complete response.
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;
}

/// `Send + Sync` on native targets, where backends are shared across threads; nothing on `wasm32`,
/// where HTTP handles (browser `fetch`) are tied to one thread. Implemented for every type that
/// qualifies.
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSendSync: Send + Sync {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Send + Sync + ?Sized> MaybeSendSync for T {}

/// `Send + Sync` on native targets, where backends are shared across threads; nothing on `wasm32`,
/// where HTTP handles (browser `fetch`) are tied to one thread. Implemented for every type that
/// qualifies.
#[cfg(target_arch = "wasm32")]
pub trait MaybeSendSync {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSendSync for T {}

#[cfg_attr(not(target_arch = "wasm32"), async_trait::async_trait)]
#[cfg_attr(target_arch = "wasm32", async_trait::async_trait(?Send))]
impl<B: HttpBackend + ?Sized> HttpBackend for &B {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        (**self).send(request).await
    }
}

#[cfg_attr(not(target_arch = "wasm32"), async_trait::async_trait)]
#[cfg_attr(target_arch = "wasm32", async_trait::async_trait(?Send))]
impl<B: HttpBackend + ?Sized> HttpBackend for Box<B> {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        (**self).send(request).await
    }
}

#[cfg_attr(not(target_arch = "wasm32"), async_trait::async_trait)]
#[cfg_attr(target_arch = "wasm32", async_trait::async_trait(?Send))]
impl<B: HttpBackend + ?Sized> HttpBackend for std::sync::Arc<B> {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        (**self).send(request).await
    }
}
