//! The rate-limit and flood-control headers HipChat sends with every response.

use http::HeaderMap;

/// One limit as the server reported it. Each number is `None` when its header was missing or
/// not a whole number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limit {
    /// Requests allowed in the window.
    pub limit: Option<u64>,
    /// Requests left in the current window.
    pub remaining: Option<u64>,
    /// When the window resets, in Unix seconds.
    pub reset: Option<u64>,
}

impl Limit {
    fn from_headers(headers: &HeaderMap, prefix: &str) -> Option<Limit> {
        let read = |suffix: &str| {
            headers
                .get(format!("{prefix}-{suffix}"))
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        let limit = Limit {
            limit: read("limit"),
            remaining: read("remaining"),
            reset: read("reset"),
        };
        (limit != Limit::default()).then_some(limit)
    }
}

/// What a response said about the caller's limits: the global rate limit
/// (`X-Ratelimit-*`, per token) and flood control (`X-FloodControl-*`, per room or user, on
/// methods that post messages).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimits {
    /// The `X-Ratelimit-Limit`, `-Remaining` and `-Reset` headers, if any were present.
    pub rate: Option<Limit>,
    /// The `X-FloodControl-Limit`, `-Remaining` and `-Reset` headers, if any were present.
    pub flood: Option<Limit>,
}

impl RateLimits {
    /// Reads the headers; names are case-insensitive, and missing or malformed values are
    /// `None`, never an error.
    pub fn from_headers(headers: &HeaderMap) -> Self {
        RateLimits {
            rate: Limit::from_headers(headers, "x-ratelimit"),
            flood: Limit::from_headers(headers, "x-floodcontrol"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, v.parse().unwrap());
        }
        map
    }

    #[test]
    fn parses_both_families() {
        let map = headers(&[
            ("X-Ratelimit-Limit", "500"),
            ("X-Ratelimit-Remaining", "499"),
            ("X-Ratelimit-Reset", "1420040000"),
            ("x-floodcontrol-limit", "30"),
            ("X-FLOODCONTROL-REMAINING", "0"),
        ]);
        let limits = RateLimits::from_headers(&map);
        assert_eq!(
            limits.rate,
            Some(Limit {
                limit: Some(500),
                remaining: Some(499),
                reset: Some(1420040000)
            })
        );
        assert_eq!(
            limits.flood,
            Some(Limit {
                limit: Some(30),
                remaining: Some(0),
                reset: None
            })
        );
    }

    #[test]
    fn missing_or_garbage_headers_are_none() {
        assert_eq!(
            RateLimits::from_headers(&HeaderMap::new()),
            RateLimits::default()
        );
        let map = headers(&[("X-Ratelimit-Limit", "lots"), ("X-Ratelimit-Reset", "-5")]);
        assert_eq!(RateLimits::from_headers(&map), RateLimits::default());
    }
}
