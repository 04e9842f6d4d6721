//! Civil dates and times as plain integers: days since 1970-01-01 and
//! milliseconds since midnight, with the parsing the pipeline needs for
//! dates and times that arrive as text (CSV, JSON).

pub const MS_PER_DAY: i64 = 86_400_000;

/// (year, month 1–12, day 1–31) of a day number: one rule, shared with the page.
pub use dataplay_api::units::civil;

/// The day number of a civil date; `None` for an impossible date.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> Option<i64> {
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Monday = 0 … Sunday = 6 (pandas' `dayofweek`).
pub fn weekday(days: i64) -> u32 {
    // 1970-01-01 was a Thursday (3).
    (days + 3).rem_euclid(7) as u32
}

/// `YYYY-MM-DD` (a time part after it, if any, is ignored).
pub fn parse_date(text: &str) -> Option<i64> {
    let t = text.trim();
    let date = t.get(..10)?;
    let rest = &t[10..];
    if !(rest.is_empty() || rest.starts_with([' ', 'T'])) {
        return None;
    }
    let b = date.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = date[..4].parse().ok()?;
    let m = date[5..7].parse().ok()?;
    let d = date[8..10].parse().ok()?;
    days_from_civil(y, m, d)
}

/// `HH:MM[:SS[.fff]]` → milliseconds since midnight.
pub fn parse_time(text: &str) -> Option<i64> {
    // The common `HH:MM:SS`, without splitting or float parsing.
    if let [h1, h2, b':', m1, m2, b':', s1, s2] = *text.as_bytes() {
        let d = [h1, h2, m1, m2, s1, s2];
        if d.iter().all(u8::is_ascii_digit) {
            let [h, m, s] = [0, 2, 4].map(|i| i64::from(d[i] - b'0') * 10 + i64::from(d[i + 1] - b'0'));
            return (h < 24 && m < 60 && s < 61).then_some(((h * 60 + m) * 60 + s) * 1000);
        }
    }
    let t = text.trim();
    let mut parts = t.splitn(3, ':');
    let h: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let ms = match parts.next() {
        None => 0,
        Some(s) => {
            let secs: f64 = s.parse().ok()?;
            if !(0.0..61.0).contains(&secs) {
                return None;
            }
            (secs * 1000.0).round() as i64
        }
    };
    if !(0..24).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    Some((h * 60 + m) * 60_000 + ms)
}

/// `YYYY-MM-DD[ T]HH:MM[:SS[.fff]][Z]` or a bare date → milliseconds since epoch.
pub fn parse_datetime(text: &str) -> Option<i64> {
    let t = text.trim();
    let day = parse_date(t)?;
    let time = t.get(11..).map(|s| s.trim_end_matches('Z')).unwrap_or("");
    let ms = if time.is_empty() { 0 } else { parse_time(time)? };
    Some(day * MS_PER_DAY + ms)
}

pub fn format_date(days: i64) -> String {
    let (y, m, d) = civil(days);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trips_and_knows_leap_years() {
        for days in -800_000..800_000i64 {
            let (y, m, d) = civil(days);
            assert_eq!(days_from_civil(y, m, d), Some(days));
        }
        assert_eq!(parse_date("2024-02-29"), Some(19_782));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2024-01-01 10:00:00"), Some(19_723));
        assert_eq!(format_date(19_723), "2024-01-01");
    }

    #[test]
    fn weekdays_start_on_monday() {
        assert_eq!(weekday(19_723), 0); // 2024-01-01, a Monday
        assert_eq!(weekday(19_728), 5); // Saturday
        assert_eq!(weekday(0), 3); // 1970-01-01, a Thursday
    }

    #[test]
    fn times_and_datetimes_parse() {
        assert_eq!(parse_time("07:05:09"), Some(25_509_000));
        assert_eq!(parse_time("07:05:09.5"), Some(25_509_500));
        assert_eq!(parse_time(" 07:05:09 "), Some(25_509_000));
        assert_eq!(parse_time("23:59:60"), Some(86_400_000));
        assert_eq!(parse_time("23:60:00"), None);
        assert_eq!(parse_time("2a:00:00"), None);
        assert_eq!(parse_time("23:59"), Some(86_340_000));
        assert_eq!(parse_time("24:00:00"), None);
        assert_eq!(parse_time("ab:cd"), None);
        assert_eq!(
            parse_datetime("2024-01-01T00:00:01.5Z"),
            Some(19_723 * MS_PER_DAY + 1_500)
        );
        assert_eq!(parse_datetime("2024-01-01"), Some(19_723 * MS_PER_DAY));
        assert_eq!(parse_datetime("2024-13-01"), None);
    }
}
