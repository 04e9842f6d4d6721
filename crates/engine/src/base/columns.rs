//! Reading a source table's columns as plain typed vectors, whatever type the
//! loader inferred (an uploaded CSV may hold dates as text, ids as floats):
//! a missing column or a value that cannot be read names the table, the
//! column and the row.

use polars_core::prelude::{Column, DataFrame, DataType, StringChunked, TimeUnit};

use dataplay_api::fault::ValueKind;
use dataplay_api::Fault;

use super::calendar::{self, MS_PER_DAY};
use crate::error::{EngineError, Result};

/// A source table under its name, for messages.
#[derive(Clone, Copy)]
pub struct Table<'a> {
    pub name: &'a str,
    pub frame: &'a DataFrame,
}

impl<'a> Table<'a> {
    pub fn new(name: &'a str, frame: &'a DataFrame) -> Self {
        Table { name, frame }
    }

    pub fn height(&self) -> usize {
        self.frame.height()
    }

    pub fn column(&self, name: &str) -> Result<&'a Column> {
        self.frame.column(name).map_err(|_| {
            let have: Vec<&str> = self.frame.get_column_names().iter().map(|c| c.as_str()).collect();
            EngineError::table(
                self.name,
                Fault::NoColumn {
                    column: name.to_string(),
                    have: have.iter().map(|c| c.to_string()).collect(),
                },
            )
        })
    }

    fn cast_error(&self, column: &str, kind: ValueKind, row: Option<usize>, value: Option<String>) -> EngineError {
        let column = column.to_string();
        let fault = match (row, value) {
            (Some(row), Some(value)) => Fault::CannotReadValue {
                column,
                row: row + 1,
                value,
                kind,
            },
            _ => Fault::CannotReadColumn { column, kind },
        };
        EngineError::table(self.name, fault)
    }

    /// The first row whose value became null in a cast although it was not null before.
    fn first_lost(before: &Column, after: &Column) -> Option<(usize, String)> {
        let (b, a) = (before.as_materialized_series(), after.as_materialized_series());
        (0..b.len()).find_map(|i| {
            let was = b.get(i).ok()?;
            let now = a.get(i).ok()?;
            (!was.is_null() && now.is_null()).then(|| (i, was.to_string().trim_matches('"').to_string()))
        })
    }

    fn cast(&self, name: &str, to: &DataType, what: ValueKind) -> Result<Column> {
        let col = self.column(name)?;
        if col.dtype() == to {
            return Ok(col.clone());
        }
        let cast = col.cast(to).map_err(|_| self.cast_error(name, what, None, None))?;
        if cast.null_count() != col.null_count() {
            let (row, value) = Self::first_lost(col, &cast).unzip();
            return Err(self.cast_error(name, what, row, value));
        }
        Ok(cast)
    }

    pub fn ints(&self, name: &str) -> Result<Vec<Option<i64>>> {
        let col = self.column(name)?;
        if col.dtype().is_float() {
            // Ids from a file that had blanks come as floats: keep whole numbers only.
            let floats = self.floats(name)?;
            return floats
                .iter()
                .enumerate()
                .map(|(i, v)| match v {
                    Some(f) if f.fract() != 0.0 || !f.is_finite() => {
                        Err(self.cast_error(name, ValueKind::WholeNumber, Some(i), Some(f.to_string())))
                    }
                    other => Ok(other.map(|f| f as i64)),
                })
                .collect();
        }
        let cast = self.cast(name, &DataType::Int64, ValueKind::WholeNumber)?;
        let ca = cast
            .as_materialized_series()
            .i64()
            .map_err(|_| self.cast_error(name, ValueKind::WholeNumber, None, None))?;
        Ok(options(ca, Some))
    }

    /// Floats; NaN counts as null (pandas treats both as missing).
    pub fn floats(&self, name: &str) -> Result<Vec<Option<f64>>> {
        let cast = self.cast(name, &DataType::Float64, ValueKind::Number)?;
        let ca = cast
            .as_materialized_series()
            .f64()
            .map_err(|_| self.cast_error(name, ValueKind::Number, None, None))?;
        Ok(options(ca, |v| (!v.is_nan()).then_some(v)))
    }

    pub fn strings(&self, name: &str) -> Result<Vec<Option<String>>> {
        Ok(self.text(name)?.into_iter().map(|v| v.map(str::to_string)).collect())
    }

    /// The column as polars text, borrowed row by row without copies.
    pub fn text(&self, name: &str) -> Result<StringChunked> {
        let cast = self.cast(name, &DataType::String, ValueKind::Text)?;
        let ca = cast
            .as_materialized_series()
            .str()
            .map_err(|_| self.cast_error(name, ValueKind::Text, None, None))?;
        Ok(ca.clone())
    }

    /// Days since 1970-01-01, from a date, a datetime (its day) or `YYYY-MM-DD` text.
    pub fn days(&self, name: &str) -> Result<Vec<Option<i64>>> {
        let col = self.column(name)?;
        match col.dtype() {
            DataType::Date => Ok(self.physical_i64(name, col)?),
            DataType::Datetime(unit, _) => {
                let per_day = MS_PER_DAY * ms_factor(*unit);
                Ok(self
                    .physical_i64(name, col)?
                    .into_iter()
                    .map(|v| v.map(|x| x.div_euclid(per_day)))
                    .collect())
            }
            _ => self.parse_text(name, ValueKind::Date, calendar::parse_date),
        }
    }

    /// Milliseconds since midnight, from a time, or `HH:MM:SS` text.
    pub fn time_of_day_ms(&self, name: &str) -> Result<Vec<Option<i64>>> {
        let col = self.column(name)?;
        match col.dtype() {
            DataType::Time => Ok(self
                .physical_i64(name, col)?
                .into_iter()
                .map(|v| v.map(|ns| ns / 1_000_000))
                .collect()),
            DataType::Datetime(unit, _) => {
                let f = ms_factor(*unit);
                Ok(self
                    .physical_i64(name, col)?
                    .into_iter()
                    .map(|v| v.map(|x| x.div_euclid(f).rem_euclid(MS_PER_DAY)))
                    .collect())
            }
            _ => self.parse_text(name, ValueKind::Time, calendar::parse_time),
        }
    }

    /// Milliseconds since epoch, from a datetime, a date or text.
    pub fn datetime_ms(&self, name: &str) -> Result<Vec<Option<i64>>> {
        let col = self.column(name)?;
        match col.dtype() {
            DataType::Datetime(unit, _) => {
                let f = ms_factor(*unit);
                Ok(self
                    .physical_i64(name, col)?
                    .into_iter()
                    .map(|v| v.map(|x| x.div_euclid(f)))
                    .collect())
            }
            DataType::Date => Ok(self
                .physical_i64(name, col)?
                .into_iter()
                .map(|v| v.map(|d| d * MS_PER_DAY))
                .collect()),
            _ => self.parse_text(name, ValueKind::DateTime, calendar::parse_datetime),
        }
    }

    /// Fail now, naming this table's row, if a text column will not read
    /// as `kind` later (the pipeline reads it after joins have renumbered rows).
    /// Columns already of a number or date type cannot fail and are not read.
    pub fn check(&self, name: &str, kind: Kind) -> Result<()> {
        if !matches!(self.column(name)?.dtype(), DataType::String) {
            return Ok(());
        }
        match kind {
            Kind::Int => self.ints(name).map(drop),
            Kind::Float => self.floats(name).map(drop),
            Kind::Date => self.days(name).map(drop),
            Kind::Time => self.time_of_day_ms(name).map(drop),
        }
    }

    fn physical_i64(&self, name: &str, col: &Column) -> Result<Vec<Option<i64>>> {
        let phys = col.to_physical_repr();
        let cast = phys
            .cast(&DataType::Int64)
            .map_err(|_| self.cast_error(name, ValueKind::DateOrTime, None, None))?;
        let ca = cast
            .as_materialized_series()
            .i64()
            .map_err(|_| self.cast_error(name, ValueKind::DateOrTime, None, None))?;
        Ok(options(ca, Some))
    }

    fn parse_text(&self, name: &str, what: ValueKind, parse: fn(&str) -> Option<i64>) -> Result<Vec<Option<i64>>> {
        self.text(name)?
            .into_iter()
            .enumerate()
            .map(|(i, v)| match v {
                None => Ok(None),
                Some(s) => match parse(s) {
                    Some(v) => Ok(Some(v)),
                    None if s.trim().is_empty() => Ok(None),
                    None => Err(self.cast_error(name, what, Some(i), Some(s.to_string()))),
                },
            })
            .collect()
    }
}

/// A primitive column as options, `wrap` applied to each value; without
/// nulls it copies the value buffers directly (much faster than the
/// per-value iterator).
fn options<T, O>(ca: &polars_core::prelude::ChunkedArray<T>, wrap: impl Fn(T::Native) -> Option<O>) -> Vec<Option<O>>
where
    T: polars_core::prelude::PolarsNumericType,
{
    if ca.null_count() == 0 {
        let mut out = Vec::with_capacity(ca.len());
        for array in ca.downcast_iter() {
            out.extend(array.values().iter().map(|v| wrap(*v)));
        }
        out
    } else {
        ca.into_iter().map(|v| v.and_then(&wrap)).collect()
    }
}

/// What a column must read as.
#[derive(Clone, Copy)]
pub enum Kind {
    Int,
    Float,
    Date,
    Time,
}

/// How many of `unit` make a millisecond.
fn ms_factor(unit: TimeUnit) -> i64 {
    match unit {
        TimeUnit::Milliseconds => 1,
        TimeUnit::Microseconds => 1_000,
        TimeUnit::Nanoseconds => 1_000_000,
    }
}
