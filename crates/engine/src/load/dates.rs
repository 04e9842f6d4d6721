//! Dates and datetimes written as text in a CSV become date and datetime
//! columns: `2024-01-31`, `31/01/2024`, `2024-01-31 08:15:00.250`,
//! `2024-01-31T08:15:00Z`, `2024-01-31T08:15:00+07:00` (the shapes polars'
//! `try_parse_dates` knows: year-month-day or day-month-year with `-`, `/`
//! or `.`; a time after `T` or a space, with or without colons and seconds,
//! up to nine fractional digits; an offset makes the column UTC).
//!
//! A column converts only when every value has the shape of its first
//! value; one value that does not parse (`2024-02-30`, `n/a`, a date among
//! datetimes) keeps the whole column as text, so nothing is lost. This
//! replaces polars' own inference, which tries dozens of chrono patterns on
//! every text value of the first 10,000 rows (a second per file here).

use polars_core::prelude::{Column, DataFrame, DataType, Int32Chunked, Int64Chunked, IntoColumn, TimeUnit, TimeZone};

use crate::base::calendar::days_from_civil;
use crate::error::{EngineError, Result};

const NANOS_PER_DAY: i128 = 86_400_000_000_000;

/// Every text column (except `keep_text`) that holds only dates, or only
/// datetimes of one shape, converted; the others as they were.
pub fn parse_text_columns(frame: DataFrame, keep_text: &[String]) -> Result<DataFrame> {
    let mut columns = frame.take_columns();
    for column in &mut columns {
        if column.dtype() != &DataType::String || keep_text.iter().any(|k| k.as_str() == column.name().as_str()) {
            continue;
        }
        if let Some(parsed) = parse_column(column)? {
            *column = parsed;
        }
    }
    DataFrame::new(columns).map_err(|e| EngineError::polars("reading dates", e))
}

fn parse_column(column: &Column) -> Result<Option<Column>> {
    let text = column
        .str()
        .map_err(|e| EngineError::polars(format!("reading {} as text", column.name()), e))?;
    let Some(first) = text.into_iter().flatten().next().and_then(|v| parse(v.as_bytes())) else {
        return Ok(None);
    };
    let shape = first.shape;
    let mut nanos: Vec<Option<i128>> = Vec::with_capacity(text.len());
    let mut sub_micro = false;
    for value in text {
        match value {
            None => nanos.push(None),
            Some(v) => match parse(v.as_bytes()) {
                Some(p) if p.shape == shape => {
                    sub_micro |= p.nanos % 1_000 != 0;
                    nanos.push(Some(p.nanos));
                }
                _ => return Ok(None),
            },
        }
    }
    let name = column.name().clone();
    if !shape.time {
        let days: Option<Vec<Option<i32>>> = nanos
            .iter()
            .map(|n| match n {
                None => Some(None),
                Some(n) => i32::try_from(n.div_euclid(NANOS_PER_DAY)).ok().map(Some),
            })
            .collect();
        return Ok(days.map(|d| Int32Chunked::from_iter(d).with_name(name).into_date().into_column()));
    }
    let (unit, per) = if sub_micro {
        (TimeUnit::Nanoseconds, 1)
    } else {
        (TimeUnit::Microseconds, 1_000)
    };
    let values: Option<Vec<Option<i64>>> = nanos
        .iter()
        .map(|n| match n {
            None => Some(None),
            Some(n) => i64::try_from(n / per).ok().map(Some),
        })
        .collect();
    let zone = shape.zoned.then_some(TimeZone::UTC);
    Ok(values.map(|v| {
        Int64Chunked::from_iter(v)
            .with_name(name)
            .into_datetime(unit, zone)
            .into_column()
    }))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    year_first: bool,
    separator: u8,
    time: bool,
    zoned: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parsed {
    shape: Shape,
    /// Since 1970-01-01 00:00 (UTC when zoned).
    nanos: i128,
}

fn digits(b: &[u8]) -> Option<i64> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
}

/// One value, or `None` when it is not a date or datetime of a known shape.
fn parse(b: &[u8]) -> Option<Parsed> {
    if b.len() < 10 {
        return None;
    }
    let (year_first, separator) = match (b[4], b[2]) {
        (s @ (b'-' | b'/' | b'.'), _) if b[7] == s => (true, s),
        (_, s @ (b'-' | b'/' | b'.')) if b[5] == s => (false, s),
        _ => return None,
    };
    let (y, m, d) = if year_first {
        (digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?)
    } else {
        (digits(&b[6..10])?, digits(&b[3..5])?, digits(&b[0..2])?)
    };
    let days = days_from_civil(y, u32::try_from(m).ok()?, u32::try_from(d).ok()?)?;
    let rest = &b[10..];
    let mut shape = Shape {
        year_first,
        separator,
        time: false,
        zoned: false,
    };
    if rest.is_empty() {
        return Some(Parsed {
            shape,
            nanos: i128::from(days) * NANOS_PER_DAY,
        });
    }
    if !matches!(rest[0], b'T' | b' ') {
        return None;
    }
    shape.time = true;
    let (of_day, offset) = time_and_offset(&rest[1..])?;
    shape.zoned = offset.is_some();
    Some(Parsed {
        shape,
        nanos: i128::from(days) * NANOS_PER_DAY + of_day - offset.unwrap_or(0),
    })
}

/// `HH:MM[:SS[.f…]]` or `HHMM[SS[.f…]]`, then an optional `Z`, `±HH`,
/// `±HHMM` or `±HH:MM`: (nanoseconds since midnight, offset in nanoseconds).
fn time_and_offset(b: &[u8]) -> Option<(i128, Option<i128>)> {
    let zone_at = b
        .iter()
        .position(|c| matches!(c, b'Z' | b'+' | b'-'))
        .unwrap_or(b.len());
    let (time, zone) = b.split_at(zone_at);
    let (clock, fraction) = match time.iter().position(|c| *c == b'.') {
        Some(dot) => (&time[..dot], Some(&time[dot + 1..])),
        None => (time, None),
    };
    let parts: Vec<&[u8]> = if clock.contains(&b':') {
        clock.split(|c| *c == b':').collect()
    } else {
        clock.chunks(2).collect()
    };
    if parts.len() < 2 || parts.len() > 3 || parts.iter().any(|p| p.len() != 2) {
        return None;
    }
    let h = digits(parts[0])?;
    let m = digits(parts[1])?;
    let s = parts.get(2).map_or(Some(0), |p| digits(p))?;
    if h > 23 || m > 59 || s > 59 || (fraction.is_some() && parts.len() < 3) {
        return None;
    }
    let mut nanos = i128::from((h * 60 + m) * 60 + s) * 1_000_000_000;
    if let Some(f) = fraction {
        if f.is_empty() || f.len() > 9 {
            return None;
        }
        nanos += i128::from(digits(f)?) * 10i128.pow(9 - f.len() as u32);
    }
    let offset = match zone {
        [] => None,
        [b'Z'] => Some(0),
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let (oh, om) = match rest {
                [a, b] => (digits(&[*a, *b])?, 0),
                [a, b, c, d] | [a, b, b':', c, d] => (digits(&[*a, *b])?, digits(&[*c, *d])?),
                _ => return None,
            };
            if oh > 23 || om > 59 {
                return None;
            }
            let o = i128::from(oh * 60 + om) * 60_000_000_000;
            Some(if *sign == b'-' { -o } else { o })
        }
        _ => return None,
    };
    Some((nanos, offset))
}

#[cfg(test)]
mod tests {
    use super::*;
    use polars_core::prelude::{df, AnyValue};

    const DAY: i128 = NANOS_PER_DAY;
    const H: i128 = 3_600_000_000_000;

    fn nanos(text: &str) -> Option<i128> {
        parse(text.as_bytes()).map(|p| p.nanos)
    }

    #[test]
    fn values_of_every_shape_parse() {
        let jan1 = 19_723 * DAY;
        assert_eq!(nanos("2024-01-01"), Some(jan1));
        assert_eq!(nanos("2024/01/01"), Some(jan1));
        assert_eq!(nanos("01.01.2024"), Some(jan1));
        assert_eq!(nanos("31/12/2023"), Some(jan1 - DAY));
        assert_eq!(nanos("2024-01-01 08:15"), Some(jan1 + 8 * H + 15 * 60_000_000_000));
        assert_eq!(nanos("2024-01-01T081500"), nanos("2024-01-01 08:15:00"));
        assert_eq!(nanos("2024-01-01 00:00:00.376"), Some(jan1 + 376_000_000));
        assert_eq!(nanos("2024-01-01 00:00:00.000000001"), Some(jan1 + 1));
        assert_eq!(nanos("2024-01-01T07:00:00+07:00"), Some(jan1));
        assert_eq!(nanos("2024-01-01T07:00:00+0700"), Some(jan1));
        assert_eq!(nanos("2023-12-31T17:00:00-07"), Some(jan1));
        assert_eq!(nanos("2024-01-01T00:00:00Z"), Some(jan1));
        for bad in [
            "2024-02-30",
            "2024-13-01",
            "2024-01-01x",
            "2024-01-01 24:00",
            "2024-01-01 10:00.5",
            "2024-01-01 10:00:00.",
            "2024-01-01 10:00:00.1234567890",
            "2024-01-01T10:00:00+25:00",
            "2024-01/01",
            "20240101",
            "Nguyễn Văn An",
            "",
        ] {
            assert_eq!(nanos(bad), None, "{bad}");
        }
    }

    #[test]
    fn whole_columns_convert_or_stay_text() {
        let frame = df! {
            "day" => [Some("2024-01-01"), None, Some("2024-02-29")],
            "at" => [Some("2024-01-01 00:00:00.376"), Some("2024-01-01 10:00:00"), None],
            "zoned" => [Some("2024-01-01T07:00:00+07:00"), Some("2024-01-01T00:00:00Z"), None],
            "fine" => [Some("2024-01-01 00:00:00.000000001"), None, None],
            "mixed" => [Some("2024-01-01"), Some("2024-01-01 10:00"), None],
            "bad" => [Some("2024-01-01"), Some("2024-02-30"), None],
            "forced" => [Some("2024-01-01"), None, None],
            "name" => [Some("An"), Some("2024-01-01"), None],
        }
        .unwrap_or_default();
        let out = parse_text_columns(frame, &["forced".to_string()]).unwrap_or_default();
        let dtype = |c: &str| out.column(c).map(|c| c.dtype().clone()).ok();
        assert_eq!(dtype("day"), Some(DataType::Date));
        assert_eq!(dtype("at"), Some(DataType::Datetime(TimeUnit::Microseconds, None)));
        assert_eq!(
            dtype("zoned"),
            Some(DataType::Datetime(TimeUnit::Microseconds, Some(TimeZone::UTC)))
        );
        assert_eq!(dtype("fine"), Some(DataType::Datetime(TimeUnit::Nanoseconds, None)));
        for text in ["mixed", "bad", "forced", "name"] {
            assert_eq!(dtype(text), Some(DataType::String), "{text}");
        }
        let day = out
            .column("day")
            .ok()
            .and_then(|c| c.get(2).ok().map(|v| v.into_static()));
        assert_eq!(day, Some(AnyValue::Date(19_782)));
        let zoned = out.column("zoned").ok().map(|c| c.null_count());
        assert_eq!(zoned, Some(1));
        assert_eq!(out.column("day").map(|c| c.null_count()).ok(), Some(1));
    }
}
