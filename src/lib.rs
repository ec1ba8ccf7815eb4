//! A complete client for the HipChat REST API v2, for HipChat Server / Data Center, migrations
//! off it, add-ons and bots.
//!
//! This crate re-exports [`hipchat_core`] (every endpoint, model, error and the [`Client`]) and
//! adds HTTP backends chosen with cargo features:
//!
//! | feature | what it adds |
//! |---|---|
//! | `reqwest` (default) | [`ReqwestBackend`], on reqwest and Tokio |
//! | `isahc` | [`IsahcBackend`], on libcurl; runs on any executor |
//! | `mock` | [`mock`], a scripted backend for testing your own code |
//! | `fake` | [`fake`], an in-memory HipChat for testing your own code |
//! | `imports` | `api::imports`, the import methods, whose paths are unconfirmed |
//! | `stream` | `pager::Pager::into_stream`, a `Stream` of the items of a collection |
//! | `addon` | `addon`: descriptors, installations, signed requests, webhook events, tokens |
//!
//! All features are additive; with both backends on, [`DefaultBackend`] is reqwest.
//!
//! ```no_run
//! # #[cfg(feature = "reqwest")]
//! # #[tokio::main]
//! # async fn main() -> Result<(), hipchat::Error> {
//! use hipchat::api::rooms::SendRoomNotification;
//! use hipchat::model::Color;
//!
//! let client = hipchat::client("my-token")?;
//! client.send(&SendRoomNotification::new("Ops", "Deploy done").color(Color::Green)).await?;
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "reqwest"))]
//! # fn main() {}
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub use hipchat_core::*;

mod files;
pub use files::file_part_from_path;

#[cfg(feature = "mock")]
pub use hipchat_core::mock;

#[cfg(feature = "fake")]
pub use hipchat_core::fake;

#[cfg(feature = "reqwest")]
pub use hipchat_reqwest::{ReqwestBackend, TokioTimer};

#[cfg(feature = "isahc")]
pub use hipchat_isahc::{IsahcBackend, ThreadTimer};

/// The backend [`client`] and [`builder`] use: reqwest when its feature is on, isahc otherwise.
#[cfg(feature = "reqwest")]
pub type DefaultBackend = ReqwestBackend;

/// The backend [`client`] and [`builder`] use: reqwest when its feature is on, isahc otherwise.
#[cfg(all(feature = "isahc", not(feature = "reqwest")))]
pub type DefaultBackend = IsahcBackend;

/// The timer that goes with [`DefaultBackend`], used between retries.
#[cfg(feature = "reqwest")]
pub type DefaultTimer = TokioTimer;

/// The timer that goes with [`DefaultBackend`], used between retries.
#[cfg(all(feature = "isahc", not(feature = "reqwest")))]
pub type DefaultTimer = ThreadTimer;

/// A [`ClientBuilder`] already holding a [`DefaultBackend`] with its default settings (no
/// redirects, 10 s to connect, 30 s per request) and its [`DefaultTimer`], so that
/// `.retry(RetryPolicy::new())` works. Add the base URL and credentials, then build.
///
/// ```no_run
/// let client = hipchat::builder()?
///     .base_url("https://hipchat.example.com/v2")
///     .token("my-token")
///     .build()?;
/// # Ok::<(), hipchat::Error>(())
/// ```
#[cfg(any(feature = "reqwest", feature = "isahc"))]
pub fn builder() -> Result<ClientBuilder, Error> {
    let backend = DefaultBackend::try_new()?;
    Ok(Client::builder()
        .backend(backend)
        .timer(DefaultTimer::default()))
}

/// A client for HipChat Cloud (`https://api.hipchat.com/v2`) with an access token, on the
/// [`DefaultBackend`]. Use [`builder`] for a HipChat Server.
#[cfg(any(feature = "reqwest", feature = "isahc"))]
pub fn client(token: impl Into<String>) -> Result<Client, Error> {
    builder()?.token(token).build()
}

/// Compiles the README's Rust examples as doc tests.
#[cfg(all(
    doctest,
    feature = "reqwest",
    feature = "isahc",
    feature = "mock",
    feature = "fake"
))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
