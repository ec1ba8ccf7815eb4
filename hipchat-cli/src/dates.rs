//! ISO-8601 dates and date-times: reading what the user and the server write, and writing UTC
//! times for the `date` and `end-date` history parameters.

use std::time::{SystemTime, UNIX_EPOCH};

/// An instant: seconds since the Unix epoch and nanoseconds, ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Instant {
    /// Whole seconds since 1970-01-01T00:00:00Z (negative before).
    pub secs: i64,
    /// Nanoseconds within the second.
    pub nanos: u32,
}

/// A bound of the history range, as given by the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    /// What is sent to HipChat.
    pub wire: String,
    /// The instant it stands for.
    pub instant: Instant,
}

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

/// `YYYY-MM-DD`, checked, and the rest of the text.
fn parse_date(s: &str) -> Option<((i64, u32, u32), &str)> {
    let (year, rest) = digits(s, 4)?;
    let rest = rest.strip_prefix('-')?;
    let (month, rest) = digits(rest, 2)?;
    let rest = rest.strip_prefix('-')?;
    let (day, rest) = digits(rest, 2)?;
    let year = i64::from(year);
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(((year, month, day), rest))
}

/// The parsed pieces of a date or date-time.
struct Parsed {
    instant: Instant,
    date_only: bool,
    has_offset: bool,
    date: (i64, u32, u32),
}

/// Reads `YYYY-MM-DD`, or `YYYY-MM-DD[T ]HH:MM[:SS[.fraction]]` with an optional `Z` or
/// `±HH[:MM]` offset (none means UTC).
fn parse(text: &str) -> Option<Parsed> {
    let text = text.trim();
    let (date, rest) = parse_date(text)?;
    let day_secs = days_from_civil(date.0, date.1, date.2) * 86_400;
    if rest.is_empty() {
        return Some(Parsed {
            instant: Instant {
                secs: day_secs,
                nanos: 0,
            },
            date_only: true,
            has_offset: false,
            date,
        });
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let (hour, rest) = digits(rest, 2)?;
    let rest = rest.strip_prefix(':')?;
    let (minute, mut rest) = digits(rest, 2)?;
    let mut second = 0;
    let mut nanos = 0u32;
    if let Some(after) = rest.strip_prefix(':') {
        let (s, after) = digits(after, 2)?;
        second = s;
        rest = after;
        if let Some(after) = rest.strip_prefix(['.', ',']) {
            let len = after.bytes().take_while(u8::is_ascii_digit).count();
            if len == 0 {
                return None;
            }
            let fraction = &after[..len];
            let kept = &fraction[..len.min(9)];
            nanos = kept.parse::<u32>().ok()? * 10u32.pow(9 - kept.len() as u32);
            rest = &after[len..];
        }
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let (offset_secs, has_offset) = match rest {
        "" => (0, false),
        "Z" | "z" => (0, true),
        _ => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (oh, after) = digits(&rest[1..], 2)?;
            let after = after.strip_prefix(':').unwrap_or(after);
            let (om, after) = if after.is_empty() {
                (0, after)
            } else {
                digits(after, 2)?
            };
            if !after.is_empty() || oh > 23 || om > 59 {
                return None;
            }
            (sign * i64::from(oh * 3600 + om * 60), true)
        }
    };
    let secs = day_secs + i64::from(hour * 3600 + minute * 60 + second) - offset_secs;
    Some(Parsed {
        instant: Instant { secs, nanos },
        date_only: false,
        has_offset,
        date,
    })
}

/// The instant of a date or date-time as HipChat writes it (`2017-05-20T13:56:46.000000+00:00`).
pub fn parse_instant(text: &str) -> Option<Instant> {
    parse(text).map(|p| p.instant)
}

/// `YYYY-MM-DDTHH:MM:SSZ` for `secs` since the epoch.
pub fn format_utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let in_day = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        in_day / 3600,
        in_day % 3600 / 60,
        in_day % 60
    )
}

/// The current time, as a bound.
pub fn now() -> Bound {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    Bound {
        wire: format_utc(secs),
        instant: Instant { secs, nanos: 0 },
    }
}

fn invalid(flag: &str, text: &str) -> String {
    format!(
        "{flag} {text:?} is not an ISO-8601 date or date-time (such as 2017-05-01 or \
         2017-05-01T12:30:00Z)"
    )
}

/// The earliest instant of `--since`: a date means the start of that day (UTC).
pub fn since(text: &str) -> Result<Bound, String> {
    let parsed = parse(text).ok_or_else(|| invalid("--since", text))?;
    Ok(bound(text, parsed, false))
}

/// The latest instant of `--until`: a date means the whole of that day (UTC), so the bound is
/// the start of the next day.
pub fn until(text: &str) -> Result<Bound, String> {
    let parsed = parse(text).ok_or_else(|| invalid("--until", text))?;
    Ok(bound(text, parsed, true))
}

fn bound(text: &str, parsed: Parsed, end_of_day: bool) -> Bound {
    if parsed.date_only {
        let (year, month, day) = parsed.date;
        let mut days = days_from_civil(year, month, day);
        if end_of_day {
            days += 1;
        }
        let secs = days * 86_400;
        return Bound {
            wire: format_utc(secs),
            instant: Instant { secs, nanos: 0 },
        };
    }
    let mut wire = text.trim().replacen(' ', "T", 1);
    if !parsed.has_offset {
        wire.push('Z');
    }
    Bound {
        wire,
        instant: parsed.instant,
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
        assert_eq!(format_utc(1_495_288_606), "2017-05-20T13:56:46Z");
    }

    #[test]
    fn reads_what_hipchat_writes() {
        let a = parse_instant("2017-05-20T13:56:46.123456+00:00").unwrap();
        assert_eq!(
            a,
            Instant {
                secs: 1_495_288_606,
                nanos: 123_456_000
            }
        );
        let b = parse_instant("2017-05-20T15:56:46.123456+02:00").unwrap();
        assert_eq!(a, b);
        assert_eq!(
            parse_instant("2017-05-20T13:56:46Z").unwrap().secs,
            1_495_288_606
        );
        assert_eq!(
            parse_instant("2017-05-20T08:56:46-0500").unwrap().secs,
            1_495_288_606
        );
    }

    #[test]
    fn user_bounds() {
        assert_eq!(since("2017-05-01").unwrap().wire, "2017-05-01T00:00:00Z");
        assert_eq!(until("2017-05-31").unwrap().wire, "2017-06-01T00:00:00Z");
        assert_eq!(until("2016-12-31").unwrap().wire, "2017-01-01T00:00:00Z");
        assert_eq!(since("2017-05-01 12:30").unwrap().wire, "2017-05-01T12:30Z");
        assert_eq!(
            since("2017-05-01T12:30:00+02:00").unwrap().wire,
            "2017-05-01T12:30:00+02:00"
        );
        assert!(
            since("2017-05-01T12:30:00+02:00").unwrap().instant
                < since("2017-05-01T12:30:00Z").unwrap().instant
        );
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for bad in [
            "",
            "yesterday",
            "2017-13-01",
            "2017-02-30",
            "2017-05-01T25:00",
            "2017-05-01T12",
            "2017-05-01T12:30:00+2",
            "2017-05-01T12:30:00.",
            "17-05-01",
            "2017-05-01x",
        ] {
            assert!(since(bad).is_err(), "{bad:?}");
        }
        assert!(since("2016-02-29").is_ok());
        assert!(since("2017-05-01T12:30:00,5Z").is_ok());
    }
}
