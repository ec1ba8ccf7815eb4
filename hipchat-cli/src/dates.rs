//! The `--since` and `--until` bounds of `history export`, read as [`Timestamp`]s.
//!
//! A date-time is the instant it names. A bare date stands for a whole day (UTC): `--since`
//! starts at its first instant, `--until` takes it in entirely, up to the start of the next day.

use std::time::SystemTime;

use hipchat::datetime::Timestamp;

const MICROS_PER_DAY: i64 = 86_400 * 1_000_000;

/// The current time.
pub fn now() -> Timestamp {
    Timestamp::from_system_time(SystemTime::now())
}

/// The earliest instant of `--since`: a date means the start of that day (UTC).
pub fn since(text: &str) -> Result<Timestamp, String> {
    bound("--since", text, false)
}

/// The latest instant of `--until`: a date means the whole of that day (UTC), so the bound is
/// the start of the next day.
pub fn until(text: &str) -> Result<Timestamp, String> {
    bound("--until", text, true)
}

fn bound(flag: &str, text: &str, whole_day: bool) -> Result<Timestamp, String> {
    let instant = Timestamp::parse(text).ok_or_else(|| {
        format!(
            "{flag} {text:?} is not an ISO-8601 date or date-time (such as 2017-05-01 or \
             2017-05-01T12:30:00Z)"
        )
    })?;
    if whole_day && is_bare_date(text) {
        // Four-digit years keep this far from overflowing.
        return Ok(Timestamp::from_unix_micros(
            instant.unix_micros() + MICROS_PER_DAY,
        ));
    }
    Ok(instant)
}

/// Whether `text`, which [`Timestamp::parse`] reads, is a date without a time: `YYYY-MM-DD`
/// and nothing else, since every time of day adds at least `THH:MM`.
fn is_bare_date(text: &str) -> bool {
    text.trim().len() == "YYYY-MM-DD".len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_date_is_a_whole_day() {
        for (bound, wire) in [
            (since("2017-05-01"), "2017-05-01T00:00:00.000000+00:00"),
            (until("2017-05-31"), "2017-06-01T00:00:00.000000+00:00"),
            (until("2016-12-31"), "2017-01-01T00:00:00.000000+00:00"),
            (until("2016-02-28"), "2016-02-29T00:00:00.000000+00:00"),
            (since(" 2017-05-01 "), "2017-05-01T00:00:00.000000+00:00"),
        ] {
            assert_eq!(bound.unwrap().to_string(), wire);
        }
    }

    #[test]
    fn a_date_time_is_the_instant_it_names_in_utc() {
        for (bound, wire) in [
            (
                since("2017-05-01 12:30"),
                "2017-05-01T12:30:00.000000+00:00",
            ),
            (
                since("2017-05-01T12:30:00+02:00"),
                "2017-05-01T10:30:00.000000+00:00",
            ),
            (
                until("2017-05-20T08:56:46.123456-0500"),
                "2017-05-20T13:56:46.123456+00:00",
            ),
            (
                until("2017-05-31T00:00Z"),
                "2017-05-31T00:00:00.000000+00:00",
            ),
        ] {
            assert_eq!(bound.unwrap().to_string(), wire);
        }
        assert!(
            since("2017-05-01T12:30:00+02:00").unwrap() < since("2017-05-01T12:30:00Z").unwrap()
        );
        assert!(since("2017-05-31").unwrap() < until("2017-05-31").unwrap());
        assert!(now() > until("2017-05-31").unwrap());
    }

    #[test]
    fn refuses_what_is_not_a_date_naming_the_flag() {
        for bad in [
            "",
            "last week",
            "2017-02-30",
            "2017-05-01T25:00",
            "1495288606",
        ] {
            let err = since(bad).unwrap_err();
            assert!(err.starts_with(&format!("--since {bad:?} is not")), "{err}");
            let err = until(bad).unwrap_err();
            assert!(err.starts_with(&format!("--until {bad:?} is not")), "{err}");
        }
        assert!(since("2016-02-29").is_ok());
        assert_eq!(
            since("2017-05-01T12:30:00,5Z").unwrap().unix_micros() % 1_000_000,
            500_000
        );
    }
}
