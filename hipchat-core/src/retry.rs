//! When to send a request again: only what the server refused (429) or what never reached it
//! (a failed connection), within a bounded number of attempts and a bounded total wait.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::StatusCode;

use crate::{HttpResponse, RateLimits, TransportError, TransportErrorKind};

/// How a [`Client`](crate::Client) retries. The default is [`RetryPolicy::none`]: every
/// answer and failure goes straight back to the caller.
///
/// With retries on, the client waits and sends the same request again when:
///
/// * the server answered **429 Too Many Requests**: it refused the request, so sending it
///   again cannot apply it twice, whatever the method. The wait lasts until the reset time the
///   server gave (`Retry-After`, or `X-FloodControl-Reset` / `X-Ratelimit-Reset` for the limit
///   that ran out); without one it is [`base_wait`](RetryPolicy::base_wait), doubled at each
///   retry;
/// * the connection could not be made ([`TransportErrorKind::Connect`]), if
///   [`retry_connect_errors`](RetryPolicy::retry_connect_errors) is on: the request never
///   left. Timeouts and broken connections are never retried, because the server may have
///   acted on the request.
///
/// A retry whose wait would take the total past [`max_total_wait`](RetryPolicy::max_total_wait)
/// is not made: the caller gets the 429 (with its rate-limit headers) or the transport error.
///
/// ```
/// use std::time::Duration;
/// use hipchat_core::RetryPolicy;
///
/// let policy = RetryPolicy::new().max_retries(3).max_total_wait(Duration::from_secs(120));
/// assert_eq!(policy.get_max_retries(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    max_total_wait: Duration,
    base_wait: Duration,
    retry_connect_errors: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::none()
    }
}

impl RetryPolicy {
    /// No retries at all (the default).
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            max_total_wait: Duration::ZERO,
            base_wait: Duration::from_secs(1),
            retry_connect_errors: false,
        }
    }

    /// A conservative policy: up to 2 retries, at most 60 seconds of waiting in all, 1 second
    /// as the first wait when the server gives no reset time, failed connections retried.
    pub fn new() -> Self {
        RetryPolicy {
            max_retries: 2,
            max_total_wait: Duration::from_secs(60),
            base_wait: Duration::from_secs(1),
            retry_connect_errors: true,
        }
    }

    /// How many times one call may be sent again.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// The longest the client waits, over all retries of one call.
    pub fn max_total_wait(mut self, max_total_wait: Duration) -> Self {
        self.max_total_wait = max_total_wait;
        self
    }

    /// The first wait when the server gives no reset time; doubled at each further retry.
    pub fn base_wait(mut self, base_wait: Duration) -> Self {
        self.base_wait = base_wait;
        self
    }

    /// Whether a failed connection (the request never left) is retried.
    pub fn retry_connect_errors(mut self, retry: bool) -> Self {
        self.retry_connect_errors = retry;
        self
    }

    /// The configured number of retries.
    pub fn get_max_retries(&self) -> u32 {
        self.max_retries
    }

    /// Whether this policy ever retries.
    pub fn is_enabled(&self) -> bool {
        self.max_retries > 0
    }

    /// What to do after `outcome`, the `retries_so_far`-th retry having waited `waited` in all.
    pub(crate) fn decide(
        &self,
        retries_so_far: u32,
        waited: Duration,
        outcome: &Result<HttpResponse, TransportError>,
        now: SystemTime,
    ) -> Option<Duration> {
        if retries_so_far >= self.max_retries {
            return None;
        }
        let backoff = self
            .base_wait
            .saturating_mul(2u32.saturating_pow(retries_so_far));
        let wait = match outcome {
            Ok(response) if response.status() == StatusCode::TOO_MANY_REQUESTS => {
                server_wait(response, now).unwrap_or(backoff)
            }
            Err(e) if e.kind() == TransportErrorKind::Connect && self.retry_connect_errors => {
                backoff
            }
            _ => return None,
        };
        (waited.saturating_add(wait) <= self.max_total_wait).then_some(wait)
    }
}

/// The wait a 429 asks for: `Retry-After` seconds, else the reset time of the limit that ran
/// out (flood control first, as it is the narrower one), else of any limit given. `None` when
/// the response names no time in the future.
fn server_wait(response: &HttpResponse, now: SystemTime) -> Option<Duration> {
    if let Some(secs) = response
        .headers()
        .get(http::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        return Some(Duration::from_secs(secs));
    }
    let limits = RateLimits::from_headers(response.headers());
    let exhausted =
        |l: &Option<crate::Limit>| l.filter(|l| l.remaining == Some(0)).and_then(|l| l.reset);
    let reset = exhausted(&limits.flood)
        .or_else(|| exhausted(&limits.rate))
        .or_else(|| limits.flood.and_then(|l| l.reset))
        .or_else(|| limits.rate.and_then(|l| l.reset))?;
    let reset = UNIX_EPOCH.checked_add(Duration::from_secs(reset))?;
    reset.duration_since(now).ok().filter(|d| !d.is_zero())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    fn response(status: u16, headers: &[(&str, &str)]) -> Result<HttpResponse, TransportError> {
        let mut builder = http::Response::builder().status(status);
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        Ok(builder.body(Vec::new()).unwrap())
    }

    #[test]
    fn none_never_retries() {
        let policy = RetryPolicy::none();
        assert_eq!(
            policy.decide(0, Duration::ZERO, &response(429, &[]), at(0)),
            None
        );
        assert!(!policy.is_enabled());
    }

    #[test]
    fn waits_until_the_reset_of_the_exhausted_limit() {
        let policy = RetryPolicy::new();
        let rate = [
            ("X-Ratelimit-Remaining", "0"),
            ("X-Ratelimit-Reset", "1000"),
        ];
        assert_eq!(
            policy.decide(0, Duration::ZERO, &response(429, &rate), at(990)),
            Some(Duration::from_secs(10))
        );
        let both = [
            ("X-Ratelimit-Remaining", "12"),
            ("X-Ratelimit-Reset", "1300"),
            ("X-FloodControl-Remaining", "0"),
            ("X-FloodControl-Reset", "1005"),
        ];
        assert_eq!(
            policy.decide(0, Duration::ZERO, &response(429, &both), at(1000)),
            Some(Duration::from_secs(5))
        );
        let retry_after = [("Retry-After", "7"), ("X-Ratelimit-Reset", "5000")];
        assert_eq!(
            policy.decide(0, Duration::ZERO, &response(429, &retry_after), at(1000)),
            Some(Duration::from_secs(7))
        );
    }

    #[test]
    fn without_a_future_reset_it_backs_off_exponentially() {
        let policy = RetryPolicy::new()
            .max_retries(5)
            .max_total_wait(Duration::from_secs(100));
        let past = [("X-Ratelimit-Remaining", "0"), ("X-Ratelimit-Reset", "10")];
        assert_eq!(
            policy.decide(0, Duration::ZERO, &response(429, &past), at(20)),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            policy.decide(1, Duration::from_secs(1), &response(429, &[]), at(20)),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            policy.decide(3, Duration::from_secs(7), &response(429, &[]), at(20)),
            Some(Duration::from_secs(8))
        );
    }

    #[test]
    fn stops_at_the_retry_count_and_the_total_wait() {
        let policy = RetryPolicy::new()
            .max_retries(2)
            .max_total_wait(Duration::from_secs(30));
        let far = [
            ("X-Ratelimit-Remaining", "0"),
            ("X-Ratelimit-Reset", "1031"),
        ];
        assert_eq!(
            policy.decide(0, Duration::ZERO, &response(429, &far), at(1000)),
            None,
            "31 s > 30 s"
        );
        assert_eq!(
            policy.decide(2, Duration::ZERO, &response(429, &[]), at(0)),
            None
        );
    }

    #[test]
    fn only_429_and_failed_connections_are_retried() {
        let policy = RetryPolicy::new();
        for status in [200, 204, 400, 401, 404, 500, 502, 503] {
            assert_eq!(
                policy.decide(0, Duration::ZERO, &response(status, &[]), at(0)),
                None,
                "{status}"
            );
        }
        let connect = Err(TransportError::new(TransportErrorKind::Connect, "refused"));
        assert_eq!(
            policy.decide(0, Duration::ZERO, &connect, at(0)),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            policy
                .clone()
                .retry_connect_errors(false)
                .decide(0, Duration::ZERO, &connect, at(0)),
            None
        );
        for kind in [
            TransportErrorKind::Timeout,
            TransportErrorKind::Io,
            TransportErrorKind::Other,
        ] {
            let failure = Err(TransportError::new(kind, "x"));
            assert_eq!(
                policy.decide(0, Duration::ZERO, &failure, at(0)),
                None,
                "{kind}"
            );
        }
    }
}
