//! ISO-8601 date-times the way HipChat reads and writes them, with no date library: history
//! `date` / `end-date` parameters, message dates, webhook timestamps.
//!
//! ```
//! use hipchat_core::datetime::Timestamp;
//!
//! let t = Timestamp::parse("2017-05-20T15:56:46.75+02:00").unwrap();
//! assert_eq!(t.unix_secs(), 1_495_288_606);
//! assert_eq!(t.to_string(), "2017-05-20T13:56:46.750000+00:00");
//! assert_eq!(Timestamp::parse("2017-05-20").unwrap().to_string(), "2017-05-20T00:00:00.000000+00:00");
//! assert!(Timestamp::parse("2017-02-30").is_none());
//! ```

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A point in time with microsecond precision, in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Microseconds since 1970-01-01T00:00:00Z (negative before).
    micros: i64,
}

const MICROS_PER_SEC: i64 = 1_000_000;

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let m = i64::from(month);
    let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date `days` after 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Reads `n` ASCII digits at the start of `s`.
fn digits(s: &str, n: usize) -> Option<(u32, &str)> {
    let head = s.get(..n)?;
    if !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((head.parse().ok()?, &s[n..]))
}

/// `YYYY-MM-DD`, checked, as days since the epoch, and the rest of the text.
fn parse_date(s: &str) -> Option<(i64, &str)> {
    let (year, rest) = digits(s, 4)?;
    let rest = rest.strip_prefix('-')?;
    let (month, rest) = digits(rest, 2)?;
    let rest = rest.strip_prefix('-')?;
    let (day, rest) = digits(rest, 2)?;
    let year = i64::from(year);
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some((days_from_civil(year, month, day), rest))
}

/// `Z`, `±HH`, `±HHMM` or `±HH:MM` as seconds east of UTC; `None` if it is none of them.
fn parse_offset(rest: &str) -> Option<i64> {
    if rest == "Z" || rest == "z" {
        return Some(0);
    }
    let sign = match rest.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (hours, after) = digits(&rest[1..], 2)?;
    let after = after.strip_prefix(':').unwrap_or(after);
    let (minutes, after) = if after.is_empty() {
        (0, after)
    } else {
        digits(after, 2)?
    };
    if !after.is_empty() || hours > 23 || minutes > 59 {
        return None;
    }
    Some(sign * i64::from(hours * 3600 + minutes * 60))
}

impl Timestamp {
    /// The instant `secs` seconds after the Unix epoch.
    pub fn from_unix(secs: i64) -> Timestamp {
        Timestamp {
            micros: secs.saturating_mul(MICROS_PER_SEC),
        }
    }

    /// The instant `micros` microseconds after the Unix epoch.
    pub fn from_unix_micros(micros: i64) -> Timestamp {
        Timestamp { micros }
    }

    /// The instant of a [`SystemTime`] (for example `SystemTime::now()`), to the microsecond.
    pub fn from_system_time(time: SystemTime) -> Timestamp {
        let micros = |d: Duration| i64::try_from(d.as_micros()).unwrap_or(i64::MAX);
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => Timestamp::from_unix_micros(micros(after)),
            Err(before) => Timestamp::from_unix_micros(-micros(before.duration())),
        }
    }

    /// Whole seconds since the Unix epoch (rounded down).
    pub fn unix_secs(&self) -> i64 {
        self.micros.div_euclid(MICROS_PER_SEC)
    }

    /// Microseconds since the Unix epoch.
    pub fn unix_micros(&self) -> i64 {
        self.micros
    }

    /// Reads a date or a date-time:
    /// - `YYYY-MM-DD`: the start of that day, UTC;
    /// - `YYYY-MM-DD[T or space]HH:MM[:SS[.fraction]]`, the fraction after `.` or `,` (digits
    ///   past microseconds are dropped), then `Z`, `±HH`, `±HHMM`, `±HH:MM` or nothing (UTC).
    ///
    /// Calendar dates are checked (no 2017-02-30); `None` for anything else.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let (days, rest) = parse_date(text.trim())?;
        let day_start = days.checked_mul(86_400)?;
        if rest.is_empty() {
            return Some(Timestamp::from_unix(day_start));
        }
        let rest = rest.strip_prefix(['T', 't', ' '])?;
        let (hour, rest) = digits(rest, 2)?;
        let rest = rest.strip_prefix(':')?;
        let (minute, mut rest) = digits(rest, 2)?;
        let mut second = 0;
        let mut micros = 0i64;
        if let Some(after) = rest.strip_prefix(':') {
            let (s, after) = digits(after, 2)?;
            second = s;
            rest = after;
            if let Some(after) = rest.strip_prefix(['.', ',']) {
                let len = after.bytes().take_while(u8::is_ascii_digit).count();
                if len == 0 {
                    return None;
                }
                let kept = &after[..len.min(6)];
                micros = i64::from(kept.parse::<u32>().ok()?) * 10i64.pow(6 - kept.len() as u32);
                rest = &after[len..];
            }
        }
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let offset = if rest.is_empty() {
            0
        } else {
            parse_offset(rest)?
        };
        let secs = day_start + i64::from(hour * 3600 + minute * 60 + second) - offset;
        Some(Timestamp::from_unix_micros(
            secs.checked_mul(MICROS_PER_SEC)?.checked_add(micros)?,
        ))
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffff+00:00`, the form HipChat writes message dates in. Also
    /// what [`Display`](fmt::Display) writes.
    pub fn to_iso8601(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.unix_secs();
        let micros = self.micros.rem_euclid(MICROS_PER_SEC);
        let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
        let in_day = secs.rem_euclid(86_400);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{micros:06}+00:00",
            in_day / 3600,
            in_day % 3600 / 60,
            in_day % 60
        )
    }
}

/// The error of [`Timestamp::from_str`]: the text is not an ISO-8601 date or date-time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseTimestampError(String);

impl fmt::Display for ParseTimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not an ISO-8601 date or date-time", self.0)
    }
}

impl std::error::Error for ParseTimestampError {}

impl FromStr for Timestamp {
    type Err = ParseTimestampError;

    fn from_str(text: &str) -> Result<Timestamp, ParseTimestampError> {
        Timestamp::parse(text).ok_or_else(|| ParseTimestampError(text.to_owned()))
    }
}

impl From<SystemTime> for Timestamp {
    fn from(time: SystemTime) -> Timestamp {
        Timestamp::from_system_time(time)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        for days in [-800_000, -1, 0, 1, 10_957, 17_287, 19_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn writes_what_hipchat_writes_and_reads_it_back() {
        let t = Timestamp::from_unix_micros(1_495_288_606_750_428);
        assert_eq!(t.to_string(), "2017-05-20T13:56:46.750428+00:00");
        assert_eq!(Timestamp::parse(&t.to_string()), Some(t));
        assert_eq!(
            Timestamp::from_unix(-1).to_string(),
            "1969-12-31T23:59:59.000000+00:00"
        );
        for micros in [0, 1, -1, 951_782_400_000_000, 4_102_444_799_999_999] {
            let t = Timestamp::from_unix_micros(micros);
            assert_eq!(t.to_iso8601().parse::<Timestamp>(), Ok(t));
        }
    }

    #[test]
    fn reads_offsets_fractions_and_dates() {
        let base = 1_495_288_606;
        for text in [
            "2017-05-20T13:56:46Z",
            "2017-05-20T13:56:46",
            "2017-05-20 13:56:46",
            "2017-05-20T15:56:46+02:00",
            "2017-05-20T08:56:46-0500",
            "2017-05-20T14:56:46+01",
        ] {
            assert_eq!(
                Timestamp::parse(text).map(|t| t.unix_secs()),
                Some(base),
                "{text}"
            );
        }
        assert_eq!(
            Timestamp::parse("2017-05-20T13:56:46,5Z")
                .unwrap()
                .unix_micros(),
            base * MICROS_PER_SEC + 500_000
        );
        assert_eq!(
            Timestamp::parse("2017-05-20T13:56:46.1234567Z")
                .unwrap()
                .unix_micros()
                % MICROS_PER_SEC,
            123_456
        );
        assert_eq!(
            Timestamp::parse("2017-05-20T13:56").unwrap().unix_secs(),
            base - 46
        );
        assert_eq!(
            Timestamp::parse("2016-02-29").unwrap().unix_secs(),
            1_456_704_000
        );
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for bad in [
            "",
            "recent",
            "yesterday",
            "2017-13-01",
            "2017-02-30",
            "2017-05-01T25:00",
            "2017-05-01T12",
            "2017-05-01T12:30:00+2",
            "2017-05-01T12:30:00.",
            "2017-05-01T12:30:00+24:00",
            "17-05-01",
            "2017-05-01x",
            "1495288606",
        ] {
            assert_eq!(Timestamp::parse(bad), None, "{bad:?}");
            assert!(
                bad.parse::<Timestamp>()
                    .unwrap_err()
                    .to_string()
                    .contains("ISO-8601")
            );
        }
    }

    #[test]
    fn system_times_before_and_after_the_epoch() {
        let after = UNIX_EPOCH + Duration::from_micros(1_500_000);
        assert_eq!(Timestamp::from(after).unix_micros(), 1_500_000);
        let before = UNIX_EPOCH - Duration::from_secs(2);
        assert_eq!(Timestamp::from_system_time(before).unix_secs(), -2);
    }
}
