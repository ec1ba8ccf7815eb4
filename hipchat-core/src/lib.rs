//! The sans-I/O core of hipchat-rs, a client for the HipChat REST API v2.
//!
//! This crate describes every API method as a typed [`Endpoint`], builds requests with the pure
//! function [`build_request`], decodes responses with [`parse_response`], and leaves the I/O to
//! an [`HttpBackend`]: `hipchat-reqwest`, `hipchat-isahc`, the scripted `mock` backend
//! (feature `mock`), the in-memory HipChat `fake::FakeHipChat` (feature `fake`), or your own.
//! It has no HTTP stack and no async runtime in its dependencies.
//!
//! Most users depend on the `hipchat` crate, which re-exports this one and adds the backends.
//!
//! ```
//! # #[cfg(feature = "mock")] {
//! use hipchat_core::api::rooms::SendRoomNotification;
//! use hipchat_core::model::{Color, MessageFormat};
//! use hipchat_core::{build_request, Client};
//!
//! let config = Client::builder().token("secret").build_config()?;
//! let notification = SendRoomNotification::new("Ops Team", "<b>Deploy</b> done")
//!     .color(Color::Green)
//!     .message_format(MessageFormat::Html)
//!     .notify(true);
//! let request = build_request(&config, &notification)?;
//! assert_eq!(request.method(), "POST");
//! assert_eq!(request.uri(), "https://api.hipchat.com/v2/room/Ops%20Team/notification");
//! assert_eq!(request.headers()["authorization"], "Bearer secret");
//! # }
//! # Ok::<(), hipchat_core::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod backend;
mod client;
mod config;
mod encode;
mod endpoint;
mod error;
pub(crate) mod multipart;
mod params;
mod rate_limit;
mod response;
mod retry;
mod timer;
mod transport;
pub(crate) mod validate;

#[cfg(feature = "addon")]
pub mod addon;
pub mod api;
pub mod datetime;
#[cfg(feature = "fake")]
pub mod fake;
#[cfg(feature = "mock")]
pub mod mock;
pub mod model;
pub mod pager;

pub use async_trait::async_trait;
pub use backend::{HttpBackend, HttpRequest, HttpResponse, MaybeSendSync};
pub use client::{AccessGranted, Client, ClientBuilder, Detailed, build_request};
pub use config::{BaseUrl, ClientConfig, Credentials, DEFAULT_BASE_URL, DEFAULT_USER_AGENT};
pub use encode::{encode_path_segment, encode_query_component};
pub use endpoint::{Auth, Body, Endpoint, Path, Query};
pub use error::{ApiError, DecodeError, Error, HipChatError, InvalidInput};
pub use params::{
    AccessTokenRef, EmoticonRef, ExtensionKey, GroupId, IntegrationRef, MessageId, PathToken,
    RoomRef, UserRef, WebhookId,
};
pub use rate_limit::{Limit, RateLimits};
pub use response::{FromResponse, Redirect, decode_json, parse_response};
pub use retry::RetryPolicy;
pub use timer::Timer;
pub use transport::{TransportError, TransportErrorKind};
