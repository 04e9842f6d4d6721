//! Paging through a frame as display strings: the preview table asks for the
//! rows it can show and nothing more, so millions of rows scroll smoothly.

use polars_core::prelude::{AnyValue, DataFrame};

/// At most this many rows per request (a screenful is ~50).
pub const MAX_WINDOW: usize = 1_000;

/// Rows `[start, start + len)` as strings, `None` for null. Out-of-range
/// requests are clipped, never an error.
pub fn window(frame: &DataFrame, start: usize, len: usize) -> Vec<Vec<Option<String>>> {
    let start = start.min(frame.height());
    let len = len.min(MAX_WINDOW).min(frame.height() - start);
    let slice = frame.slice(start as i64, len);
    let columns: Vec<_> = slice
        .get_columns()
        .iter()
        .map(|c| c.as_materialized_series().rechunk())
        .collect();
    (0..len)
        .map(|row| {
            columns
                .iter()
                .map(|series| series.get(row).ok().and_then(|v| display(&v)))
                .collect()
        })
        .collect()
}

/// A cell as the preview shows it; `None` for null.
pub fn display(value: &AnyValue<'_>) -> Option<String> {
    match value {
        AnyValue::Null => None,
        AnyValue::String(s) => Some((*s).to_string()),
        AnyValue::StringOwned(s) => Some(s.to_string()),
        AnyValue::Float64(f) => Some(float(*f)),
        AnyValue::Float32(f) => Some(float(f64::from(*f))),
        other => Some(other.to_string()),
    }
}

fn float(f: f64) -> String {
    if f.is_finite() && f == f.trunc() && f.abs() < 1e15 {
        format!("{f:.1}")
    } else {
        format!("{f}")
    }
}
