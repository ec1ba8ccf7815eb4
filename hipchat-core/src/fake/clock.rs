//! The fake's own clock and the ISO-8601 text it reads and writes. Time only moves when a test
//! or a recorded message moves it, so every run gives the same timestamps.

/// Microseconds since the Unix epoch.
pub(crate) type Micros = i64;

const MICROS_PER_SEC: i64 = 1_000_000;

/// 2019-01-01T00:00:00Z, where a new fake's clock starts.
pub(crate) const START: Micros = 1_546_300_800 * MICROS_PER_SEC;

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `2019-01-01T00:00:00.000000+00:00`, the form HipChat used in history.
pub(crate) fn format_iso(t: Micros) -> String {
    let secs = t.div_euclid(MICROS_PER_SEC);
    let micros = t.rem_euclid(MICROS_PER_SEC);
    let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{micros:06}+00:00",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Whole seconds since the epoch.
pub(crate) fn unix_secs(t: Micros) -> i64 {
    t.div_euclid(MICROS_PER_SEC)
}

/// Microseconds of whole seconds.
pub(crate) fn from_secs(secs: i64) -> Micros {
    secs.saturating_mul(MICROS_PER_SEC)
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Reads what clients send as a date: `YYYY-MM-DD`, or a date-time with `T` or a space, optional
/// fraction, and `Z`, `±HH:MM`, `±HHMM` or no offset (UTC); or unix seconds.
pub(crate) fn parse_iso(text: &str) -> Option<Micros> {
    let text = text.trim();
    if let Some(secs) = digits(text).filter(|_| text.len() > 8) {
        return Some(from_secs(i64::from(secs)));
    }
    let (date, rest) = match text.find(['T', 't', ' ']) {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, ""),
    };
    let mut parts = date.split('-');
    let year = digits(parts.next()?)?;
    let month = digits(parts.next()?)?;
    let day = digits(parts.next()?)?;
    if parts.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut t = from_secs(days_from_civil(i64::from(year), month, day) * 86_400);
    if rest.is_empty() {
        return Some(t);
    }
    let offset_at = rest.find(['Z', 'z', '+', '-']).unwrap_or(rest.len());
    let (clock, offset) = rest.split_at(offset_at);
    let (hms, fraction) = match clock.split_once('.') {
        Some((hms, fraction)) => (hms, Some(fraction)),
        None => (clock, None),
    };
    let mut hms = hms.split(':');
    let hour = digits(hms.next()?)?;
    let minute = digits(hms.next()?)?;
    let second = match hms.next() {
        Some(s) => digits(s)?,
        None => 0,
    };
    if hms.next().is_some() || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    t += from_secs(i64::from(hour * 3600 + minute * 60 + second));
    if let Some(fraction) = fraction {
        digits(fraction)?;
        let padded: String = fraction
            .chars()
            .chain(std::iter::repeat('0'))
            .take(6)
            .collect();
        t += i64::from(padded.parse::<u32>().ok()?);
    }
    match offset {
        "" | "Z" | "z" => {}
        _ => {
            let sign = if offset.starts_with('-') { 1 } else { -1 };
            let body = offset[1..].replace(':', "");
            if body.len() != 4 {
                return None;
            }
            let hours = digits(&body[..2])?;
            let minutes = digits(&body[2..])?;
            t += sign * from_secs(i64::from(hours * 3600 + minutes * 60));
        }
    }
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_the_start() {
        assert_eq!(format_iso(START), "2019-01-01T00:00:00.000000+00:00");
        assert_eq!(
            format_iso(START + 1_500_000 + 86_400 * MICROS_PER_SEC * 59),
            "2019-03-01T00:00:01.500000+00:00"
        );
    }

    #[test]
    fn parses_what_it_formats_and_common_forms() {
        for t in [
            START,
            START + 123_456,
            from_secs(951_782_400),
            from_secs(4_102_444_799),
        ] {
            assert_eq!(parse_iso(&format_iso(t)), Some(t));
        }
        assert_eq!(parse_iso("2019-01-01"), Some(START));
        assert_eq!(parse_iso("2019-01-01T00:00:00Z"), Some(START));
        assert_eq!(parse_iso("2019-01-01T01:00:00+01:00"), Some(START));
        assert_eq!(parse_iso("2018-12-31T23:00-0100"), Some(START));
        assert_eq!(parse_iso("1546300800"), Some(START));
        assert_eq!(parse_iso("2019-01-01T00:00:00.5Z"), Some(START + 500_000));
    }

    #[test]
    fn refuses_garbage() {
        for bad in [
            "",
            "recent",
            "2019-13-01",
            "2019-01-01T25:00:00",
            "2019-01-01T00:00:00+1",
            "x-y-z",
        ] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
    }
}
