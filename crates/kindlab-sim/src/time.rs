//! Virtual time: milliseconds since `2026-01-01T00:00:00Z` (virtual time 0 = the moment the
//! chapter's HAProxy starts), its formatting and duration parsing.
//!
//! Pure functions only; no wall clock anywhere in the simulator.

/// Virtual milliseconds since `2026-01-01T00:00:00Z`: the simulator's one time type. Signed:
/// the chapter's cluster was created minutes before HAProxy started at 0.
pub type Millis = i64;

/// One second of virtual time.
pub const SECOND: Millis = 1_000;
/// One minute.
pub const MINUTE: Millis = 60 * SECOND;
/// One hour.
pub const HOUR: Millis = 60 * MINUTE;
/// One day.
pub const DAY: Millis = 24 * HOUR;

/// Where the simulated clock stops: a week after HAProxy started. Everything the chapter shows
/// happens within minutes (evictions after 5, a claim bound in seconds); the horizon bounds
/// what any input can cost, since simulating time is the simulator's one expensive thing (a
/// paste of thousands of `sleep 24h`, a saved lab of a thousand one-year waits).
pub const HORIZON: Millis = 7 * DAY;

/// Days from 1970-01-01 to 2026-01-01 (the virtual epoch).
const EPOCH_DAYS_SINCE_1970: i64 = 20_454;

/// A broken-down UTC date-time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// The year (any, negative included: the calendar is proleptic Gregorian).
    pub year: i64,
    /// 1..=12
    pub month: u32,
    /// 1..=31
    pub day: u32,
    /// 0..=23
    pub hour: u32,
    /// 0..=59
    pub minute: u32,
    /// 0..=59
    pub second: u32,
    /// 0..=999
    pub millis: u32,
    /// 0-based day of the year (Jan 1 = 0), as HAProxy's old log date prints it.
    pub day_of_year: u32,
    /// 0 = Sunday.
    pub weekday: u32,
}

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = (z - era * 146_097) as u64; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let y = yoe as i64 + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32; // [1, 12]
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn day_of_year(y: i64, m: u32, d: u32) -> u32 {
    const CUM: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let mut n = CUM[(m - 1) as usize] + d - 1;
    if m > 2 && is_leap(y) {
        n += 1;
    }
    n
}

/// The simulator's one calendar: a virtual instant in ms (since `2026-01-01T00:00:00Z`,
/// negative before it) broken down in UTC, proleptic Gregorian. Hand-written rather than
/// chrono's: it is total over every `i64`, where chrono's `NaiveDateTime` ends at year 262143,
/// so no command (a long run of `sleep 365d`, say) can make a timestamp panic.
pub fn civil(t: Millis) -> DateTime {
    let day = DAY;
    let days = t.div_euclid(day);
    let rem = t.rem_euclid(day);
    let since_1970 = EPOCH_DAYS_SINCE_1970 + days;
    let (year, month, day) = civil_from_days(since_1970);
    DateTime {
        year,
        month,
        day,
        hour: (rem / HOUR) as u32,
        minute: ((rem % HOUR) / MINUTE) as u32,
        second: ((rem % MINUTE) / SECOND) as u32,
        millis: (rem % SECOND) as u32,
        day_of_year: day_of_year(year, month, day),
        // 1970-01-01 was a Thursday
        weekday: (since_1970 + 4).rem_euclid(7) as u32,
    }
}

/// Breaks virtual time down into a UTC date-time ([`civil`]).
pub fn datetime(t: Millis) -> DateTime {
    civil(t)
}

/// RFC 3339 with nanoseconds, as `docker logs -t` prints: `2026-01-01T00:00:04.190000000Z`.
pub fn rfc3339_nanos(t: Millis) -> String {
    let d = datetime(t);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}000000Z",
        d.year, d.month, d.day, d.hour, d.minute, d.second, d.millis
    )
}

/// The wall clock of the virtual day, `00:01:32`, as `date` prints it (UTC).
pub fn clock(t: Millis) -> String {
    let d = datetime(t);
    format!("{:02}:{:02}:{:02}", d.hour, d.minute, d.second)
}

/// RFC 3339 without fractional seconds: `2026-01-01T00:00:04Z` (kubectl, docker inspect).
pub fn rfc3339_secs(t: Millis) -> String {
    let d = datetime(t);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        d.year, d.month, d.day, d.hour, d.minute, d.second
    )
}

/// HAProxy's pre-2.4 console date: `DDD/hhmmss`, day of year 0-based on 3 digits
/// (`093/191701`). Virtual time 0 gives `000/000000`.
pub fn haproxy_date(t: Millis) -> String {
    let d = datetime(t);
    format!(
        "{:03}/{:02}{:02}{:02}",
        d.day_of_year, d.hour, d.minute, d.second
    )
}

/// Parses a number with an optional fraction (`12`, `1.5`) into (value * 1000) as an integer
/// number of thousandths, so `1.5` -> 1500.
fn parse_thousandths(num: &str) -> Option<u128> {
    if num.is_empty() {
        return None;
    }
    let (int, frac) = match num.split_once('.') {
        Some((i, f)) => (i, f),
        None => (num, ""),
    };
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if !int.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let i: u128 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let mut f: u128 = 0;
    let mut scale = 100;
    for c in frac.chars() {
        f += (c as u8 - b'0') as u128 * scale;
        scale /= 10;
        if scale == 0 {
            break;
        }
    }
    i.checked_mul(1000)?.checked_add(f)
}

fn unit_ms_thousandths(unit: &str) -> Option<u128> {
    // value of one unit, in thousandths of a millisecond (microseconds)
    Some(match unit {
        "us" => 1,
        "ms" => 1_000,
        "s" => 1_000_000,
        "m" => 60_000_000,
        "h" => 3_600_000_000,
        "d" => 86_400_000_000,
        _ => return None,
    })
}

/// Parses a sequence of `<number><unit>` groups (`1h30m`, `500ms`, `1.5s`); `bare` is the unit
/// used when the whole string is a bare number. Result in milliseconds (rounded down).
fn parse_groups(s: &str, bare: &str) -> Option<Millis> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit() || c == '.') {
        let v = parse_thousandths(s)?;
        let total = v.checked_mul(unit_ms_thousandths(bare)?)? / 1_000_000;
        return to_millis(total);
    }
    let mut total: u128 = 0;
    let mut rest = s;
    while !rest.is_empty() {
        let num_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_end == 0 {
            return None;
        }
        let num = &rest[..num_end];
        rest = &rest[num_end..];
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = &rest[..unit_end];
        rest = &rest[unit_end..];
        let v = parse_thousandths(num)?;
        total = total.checked_add(v.checked_mul(unit_ms_thousandths(unit)?)? / 1_000)?;
    }
    to_millis(total / 1_000)
}

/// A parsed number of ms: beyond 64 bits it is no number (the tools reject it); past what a
/// signed clock can hold it is the end of time.
fn to_millis(total: u128) -> Option<Millis> {
    u64::try_from(total)
        .ok()
        .map(|v| Millis::try_from(v).unwrap_or(Millis::MAX))
}

/// Parses a human duration as `sleep`, `docker logs --since` and `kubectl` take it:
/// `45s`, `2m`, `24h`, `500ms`, `1h30m`, `1.5s`, `2d`; a bare number means seconds (`sleep 5`).
pub fn parse_duration(s: &str) -> Option<Millis> {
    parse_groups(s, "s")
}

/// Parses an HAProxy time value (`timeout`, `inter`, ...): a bare number means milliseconds;
/// units `us`, `ms`, `s`, `m`, `h`, `d`. Combined groups such as `1m30s` are accepted too.
pub fn parse_haproxy_time(s: &str) -> Option<Millis> {
    parse_groups(s, "ms")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calendar_agrees_with_chrono_over_eight_centuries() {
        use chrono::{Datelike, NaiveDate, TimeDelta, Timelike};
        let epoch = NaiveDate::from_ymd_opt(2026, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let span = 400 * 366 * DAY;
        // every 7.3 days and 13 h 17 min 42.123 s or so: all weekdays, leap days, month ends
        let step = 7 * DAY + 37_062_123;
        let mut t = -span;
        let mut checked = 0;
        while t < span {
            let d = civil(t);
            let c = epoch + TimeDelta::milliseconds(t);
            assert_eq!(
                (d.year, d.month, d.day, d.hour, d.minute, d.second),
                (
                    c.year() as i64,
                    c.month(),
                    c.day(),
                    c.hour(),
                    c.minute(),
                    c.second()
                ),
                "at {t} ms"
            );
            assert_eq!(d.millis, c.nanosecond() / 1_000_000, "at {t} ms");
            assert_eq!(d.day_of_year, c.ordinal0(), "at {t} ms");
            assert_eq!(d.weekday, c.weekday().num_days_from_sunday(), "at {t} ms");
            t += step;
            checked += 1;
        }
        assert!(checked > 30_000, "{checked}");
        // and it never panics, to the ends of its range
        for t in [i64::MIN, i64::MIN + 1, -1, 0, i64::MAX] {
            let _ = civil(t);
        }
    }

    #[test]
    fn epoch_formats() {
        assert_eq!(rfc3339_nanos(0), "2026-01-01T00:00:00.000000000Z");
        assert_eq!(rfc3339_nanos(4_190), "2026-01-01T00:00:04.190000000Z");
        assert_eq!(rfc3339_secs(4_190), "2026-01-01T00:00:04Z");
        assert_eq!(haproxy_date(0), "000/000000");
        assert_eq!(
            haproxy_date(HOUR * 19 + MINUTE * 17 + SECOND + 999),
            "000/191701"
        );
    }

    #[test]
    fn dates_across_months_and_years() {
        // 2026-04-04 is day 93 (0-based) of 2026, as in the chapter's `093/...` prefix.
        let t = 93 * DAY + 19 * HOUR + 17 * MINUTE + SECOND;
        assert_eq!(haproxy_date(t), "093/191701");
        assert_eq!(rfc3339_secs(t), "2026-04-04T19:17:01Z");
        assert_eq!(rfc3339_secs(31 * DAY), "2026-02-01T00:00:00Z");
        assert_eq!(rfc3339_secs(365 * DAY), "2027-01-01T00:00:00Z");
        assert_eq!(haproxy_date(365 * DAY), "000/000000");
        // 2028 is a leap year: 2028-03-01 is day 60.
        let d = datetime((365 + 365 + 31 + 29) * DAY);
        assert_eq!((d.year, d.month, d.day, d.day_of_year), (2028, 3, 1, 60));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("45s"), Some(45_000));
        assert_eq!(parse_duration("2m"), Some(120_000));
        assert_eq!(parse_duration("24h"), Some(86_400_000));
        assert_eq!(parse_duration("500ms"), Some(500));
        assert_eq!(parse_duration("1h30m"), Some(5_400_000));
        assert_eq!(parse_duration("1.5s"), Some(1_500));
        assert_eq!(parse_duration("5"), Some(5_000));
        assert_eq!(parse_duration("0.5"), Some(500));
        assert_eq!(parse_duration(""), None);
        assert_eq!(parse_duration("abc"), None);
        assert_eq!(parse_duration("5x"), None);
        assert_eq!(parse_duration("s"), None);
        assert_eq!(parse_duration("-5s"), None);
    }

    #[test]
    fn haproxy_times() {
        assert_eq!(parse_haproxy_time("5000"), Some(5_000));
        assert_eq!(parse_haproxy_time("5s"), Some(5_000));
        assert_eq!(parse_haproxy_time("1m"), Some(60_000));
        assert_eq!(parse_haproxy_time("100ms"), Some(100));
        assert_eq!(parse_haproxy_time("2000us"), Some(2));
        assert_eq!(parse_haproxy_time("5q"), None);
    }
}
