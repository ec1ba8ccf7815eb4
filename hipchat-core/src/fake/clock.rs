//! The fake's own clock. Time only moves when a test or a recorded message moves it, so every
//! run gives the same timestamps.

use crate::datetime::Timestamp;

/// Microseconds since the Unix epoch.
pub(crate) type Micros = i64;

const MICROS_PER_SEC: i64 = 1_000_000;

/// 2019-01-01T00:00:00Z, where a new fake's clock starts.
pub(crate) const START: Micros = 1_546_300_800 * MICROS_PER_SEC;

/// `2019-01-01T00:00:00.000000+00:00`, the form HipChat used in history.
pub(crate) fn format_iso(t: Micros) -> String {
    Timestamp::from_unix_micros(t).to_string()
}

/// Whole seconds since the epoch.
pub(crate) fn unix_secs(t: Micros) -> i64 {
    t.div_euclid(MICROS_PER_SEC)
}

/// Microseconds of whole seconds.
pub(crate) fn from_secs(secs: i64) -> Micros {
    secs.saturating_mul(MICROS_PER_SEC)
}

/// Reads what clients send as a date: an ISO-8601 date or date-time (see
/// [`Timestamp::parse`]), or unix seconds.
pub(crate) fn parse_iso(text: &str) -> Option<Micros> {
    let text = text.trim();
    if text.len() > 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse::<i64>().ok().map(from_secs);
    }
    Timestamp::parse(text).map(|t| t.unix_micros())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_the_start() {
        assert_eq!(format_iso(START), "2019-01-01T00:00:00.000000+00:00");
    }

    #[test]
    fn parses_dates_date_times_and_unix_seconds() {
        assert_eq!(parse_iso("2019-01-01"), Some(START));
        assert_eq!(parse_iso("2019-01-01T01:00:00+01:00"), Some(START));
        assert_eq!(parse_iso("1546300800"), Some(START));
        for bad in ["", "recent", "2019-13-01", "x-y-z"] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
    }
}
