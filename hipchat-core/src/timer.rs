//! The clock and the wait that retries need. The core owns no timer: the adapters provide one
//! (Tokio's for reqwest, a thread-based one for isahc) and the mock a virtual clock, so retry
//! tests are instant and deterministic.

use std::time::{Duration, SystemTime};

use crate::MaybeSendSync;

/// Tells the time and waits.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use hipchat_core::Timer;
///
/// /// A timer that never waits, for a program that prefers failing fast to sleeping.
/// struct NoWait;
///
/// #[cfg_attr(not(target_arch = "wasm32"), hipchat_core::async_trait)]
/// #[cfg_attr(target_arch = "wasm32", hipchat_core::async_trait(?Send))]
/// impl Timer for NoWait {
///     fn now(&self) -> SystemTime {
///         SystemTime::now()
///     }
///     async fn sleep(&self, _duration: Duration) {}
/// }
/// ```
#[cfg_attr(not(target_arch = "wasm32"), async_trait::async_trait)]
#[cfg_attr(target_arch = "wasm32", async_trait::async_trait(?Send))]
pub trait Timer: MaybeSendSync {
    /// The current time, compared with the Unix times of `X-Ratelimit-Reset` headers.
    fn now(&self) -> SystemTime;

    /// Waits for `duration`.
    async fn sleep(&self, duration: Duration);
}
