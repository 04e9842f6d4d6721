//! Rows of a database query ↔ polars frames. Reading classifies each result
//! column by its database type (integers, floats and decimals, booleans,
//! text, dates, timestamps, times); writing turns each frame column into a
//! typed vector that binds row by row. A type the connector does not know
//! is an error naming the column, never a silent conversion.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use polars_core::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use sqlx::mysql::MySqlRow;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, TypeInfo, ValueRef};

use crate::error::{ConnectorError, Result};

/// What a column holds, the same on every database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Float,
    Bool,
    Text,
    Date,
    Datetime,
    Time,
}

/// The kind of a database type name (`INT4`, `BIGINT UNSIGNED`, `NUMERIC`,
/// `VARCHAR`, `TIMESTAMPTZ` …); `None` for a type the connector cannot read.
pub fn kind_of(type_name: &str) -> Option<Kind> {
    let t = type_name.to_ascii_uppercase();
    let has = |s: &str| t.contains(s);
    Some(if has("BOOL") {
        Kind::Bool
    } else if has("INT") || has("SERIAL") {
        Kind::Int
    } else if has("FLOAT") || has("DOUBLE") || has("REAL") || has("NUMERIC") || has("DECIMAL") {
        Kind::Float
    } else if has("TIMESTAMP") || has("DATETIME") {
        Kind::Datetime
    } else if t == "DATE" {
        Kind::Date
    } else if t.starts_with("TIME") {
        Kind::Time
    } else if has("CHAR") || has("TEXT") || t == "NAME" || t == "ENUM" || has("CLOB") || has("BLOB") {
        // MySQL reports text with a binary collation as BLOB; true binary
        // values then fail to decode as text, with the row named.
        Kind::Text
    } else {
        return None;
    })
}

/// One value read from a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Float(f64),
    Bool(bool),
    Text(String),
    Date(NaiveDate),
    Datetime(NaiveDateTime),
    Time(NaiveTime),
}

fn opt<T>(v: Option<T>, f: impl FnOnce(T) -> Value) -> Value {
    v.map_or(Value::Null, f)
}

/// A row of one driver, read by column kind and the database's type name.
pub trait ReadRow: Row {
    fn value(&self, i: usize, kind: Kind, type_name: &str) -> std::result::Result<Value, sqlx::Error>;
}

impl ReadRow for PgRow {
    fn value(&self, i: usize, kind: Kind, type_name: &str) -> std::result::Result<Value, sqlx::Error> {
        Ok(match (kind, type_name) {
            (Kind::Int, "INT2") => opt(self.try_get::<Option<i16>, _>(i)?, |v| Value::Int(v.into())),
            (Kind::Int, "INT4") => opt(self.try_get::<Option<i32>, _>(i)?, |v| Value::Int(v.into())),
            (Kind::Int, _) => opt(self.try_get::<Option<i64>, _>(i)?, Value::Int),
            (Kind::Float, "FLOAT4") => opt(self.try_get::<Option<f32>, _>(i)?, |v| Value::Float(v.into())),
            (Kind::Float, "NUMERIC") => decimal(self.try_get::<Option<Decimal>, _>(i)?),
            (Kind::Float, _) => opt(self.try_get::<Option<f64>, _>(i)?, Value::Float),
            (Kind::Datetime, "TIMESTAMPTZ") => opt(self.try_get::<Option<DateTime<Utc>>, _>(i)?, |v| {
                Value::Datetime(v.naive_utc())
            }),
            _ => common(self, i, kind)?,
        })
    }
}

impl ReadRow for MySqlRow {
    fn value(&self, i: usize, kind: Kind, type_name: &str) -> std::result::Result<Value, sqlx::Error> {
        Ok(match kind {
            Kind::Int if type_name.contains("UNSIGNED") => match self.try_get::<Option<u64>, _>(i)? {
                None => Value::Null,
                Some(v) => Value::Int(i64::try_from(v).map_err(|e| sqlx::Error::Decode(Box::new(e)))?),
            },
            Kind::Float if type_name == "DECIMAL" => decimal(self.try_get::<Option<Decimal>, _>(i)?),
            // Text with a binary collation comes as BLOB: decoded as UTF-8
            // (invalid bytes are an error naming the row).
            Kind::Text if type_name.contains("BLOB") => {
                opt(self.try_get_unchecked::<Option<String>, _>(i)?, Value::Text)
            }
            Kind::Datetime if type_name == "TIMESTAMP" => opt(self.try_get::<Option<DateTime<Utc>>, _>(i)?, |v| {
                Value::Datetime(v.naive_utc())
            }),
            _ => common(self, i, kind)?,
        })
    }
}

impl ReadRow for SqliteRow {
    fn value(&self, i: usize, kind: Kind, _type_name: &str) -> std::result::Result<Value, sqlx::Error> {
        // SQLite types values, not columns: a NULL is null whatever the column says.
        if self.try_get_raw(i)?.is_null() {
            return Ok(Value::Null);
        }
        common(self, i, kind)
    }
}

fn decimal(v: Option<Decimal>) -> Value {
    opt(v, |d| d.to_f64().map_or(Value::Null, Value::Float))
}

/// The kinds every driver decodes the same way.
fn common<R>(row: &R, i: usize, kind: Kind) -> std::result::Result<Value, sqlx::Error>
where
    R: Row,
    usize: sqlx::ColumnIndex<R>,
    for<'r> Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<f64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<bool>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<NaiveDate>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<NaiveDateTime>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<NaiveTime>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    Ok(match kind {
        Kind::Int => opt(row.try_get::<Option<i64>, _>(i)?, Value::Int),
        Kind::Float => opt(row.try_get::<Option<f64>, _>(i)?, Value::Float),
        Kind::Bool => opt(row.try_get::<Option<bool>, _>(i)?, Value::Bool),
        Kind::Text => opt(row.try_get::<Option<String>, _>(i)?, Value::Text),
        Kind::Date => opt(row.try_get::<Option<NaiveDate>, _>(i)?, Value::Date),
        Kind::Datetime => opt(row.try_get::<Option<NaiveDateTime>, _>(i)?, Value::Datetime),
        Kind::Time => opt(row.try_get::<Option<NaiveTime>, _>(i)?, Value::Time),
    })
}

/// A column of the result as it is read.
struct Builder {
    name: String,
    kind: Kind,
    type_name: String,
    values: Vec<Value>,
}

/// Rows into a frame; `columns` (name, database type name) says the result's
/// columns even when there are no rows. `table` names the source in errors.
pub fn rows_to_frame<R: ReadRow>(table: &str, columns: &[(String, String)], rows: &[R]) -> Result<DataFrame>
where
    usize: sqlx::ColumnIndex<R>,
{
    let mut builders = Vec::with_capacity(columns.len());
    for (i, (name, type_name)) in columns.iter().enumerate() {
        // SQLite's expression columns have no declared type: take the first value's.
        let type_name = if type_name == "NULL" || type_name.is_empty() {
            rows.iter()
                .find_map(|r| {
                    r.try_get_raw(i)
                        .ok()
                        .filter(|v| !v.is_null())
                        .map(|v| v.type_info().name().to_string())
                })
                .unwrap_or_else(|| "TEXT".into())
        } else {
            type_name.clone()
        };
        let kind = kind_of(&type_name).ok_or_else(|| ConnectorError::Column {
            table: table.into(),
            column: name.clone(),
            message: format!(
                "type {type_name} is not one the connector reads; cast it in the query (to text, a number or a date)"
            ),
        })?;
        builders.push(Builder {
            name: name.clone(),
            kind,
            type_name,
            values: Vec::with_capacity(rows.len()),
        });
    }
    for (n, row) in rows.iter().enumerate() {
        for (i, b) in builders.iter_mut().enumerate() {
            let v = row.value(i, b.kind, &b.type_name).map_err(|e| ConnectorError::Column {
                table: table.into(),
                column: b.name.clone(),
                message: format!("row {}: {e}", n + 1),
            })?;
            b.values.push(v);
        }
    }
    let columns = builders
        .into_iter()
        .map(|b| to_column(table, b))
        .collect::<Result<Vec<_>>>()?;
    DataFrame::new(columns).map_err(|e| ConnectorError::Invalid(format!("{table}: {e}")))
}

const EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(d) => d,
    None => panic!("1970-01-01 is a date"),
};

fn to_column(table: &str, b: Builder) -> Result<Column> {
    let name: PlSmallStr = b.name.as_str().into();
    let polars = |e: PolarsError| ConnectorError::Column {
        table: table.into(),
        column: b.name.clone(),
        message: e.to_string(),
    };
    macro_rules! pick {
        ($variant:ident) => {
            b.values
                .iter()
                .map(|v| match v {
                    Value::$variant(x) => Some(x.clone()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
    }
    Ok(match b.kind {
        Kind::Int => Column::new(name, pick!(Int)),
        Kind::Float => Column::new(name, pick!(Float)),
        Kind::Bool => Column::new(name, pick!(Bool)),
        Kind::Text => Column::new(name, pick!(Text)),
        Kind::Date => {
            let days: Vec<Option<i32>> = pick!(Date)
                .into_iter()
                .map(|d| d.map(|d| (d - EPOCH).num_days() as i32))
                .collect();
            Column::new(name, days).cast(&DataType::Date).map_err(polars)?
        }
        Kind::Datetime => {
            let ms: Vec<Option<i64>> = pick!(Datetime)
                .into_iter()
                .map(|d| d.map(|d| d.and_utc().timestamp_millis()))
                .collect();
            Column::new(name, ms)
                .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))
                .map_err(polars)?
        }
        Kind::Time => {
            let ns: Vec<Option<i64>> = pick!(Time)
                .into_iter()
                .map(|t| t.map(|t| (t - NaiveTime::MIN).num_nanoseconds().unwrap_or(0)))
                .collect();
            Column::new(name, ns).cast(&DataType::Time).map_err(polars)?
        }
    })
}

/// A frame column as typed values, for binding row by row.
pub enum ColumnData {
    Int(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
    Bool(Vec<Option<bool>>),
    Text(Vec<Option<String>>),
    Date(Vec<Option<NaiveDate>>),
    Datetime(Vec<Option<NaiveDateTime>>),
    Time(Vec<Option<NaiveTime>>),
}

impl ColumnData {
    pub fn kind(&self) -> Kind {
        match self {
            ColumnData::Int(_) => Kind::Int,
            ColumnData::Float(_) => Kind::Float,
            ColumnData::Bool(_) => Kind::Bool,
            ColumnData::Text(_) => Kind::Text,
            ColumnData::Date(_) => Kind::Date,
            ColumnData::Datetime(_) => Kind::Datetime,
            ColumnData::Time(_) => Kind::Time,
        }
    }

    /// Read a frame column; nested or binary columns are an error naming it.
    pub fn of(table: &str, column: &Column) -> Result<ColumnData> {
        let err = |message: String| ConnectorError::Column {
            table: table.into(),
            column: column.name().to_string(),
            message,
        };
        let polars = |e: PolarsError| err(e.to_string());
        let dtype = column.dtype();
        Ok(match dtype {
            DataType::Boolean => ColumnData::Bool(column.bool().map_err(polars)?.into_iter().collect()),
            DataType::String => ColumnData::Text(
                column
                    .str()
                    .map_err(polars)?
                    .into_iter()
                    .map(|v| v.map(str::to_string))
                    .collect(),
            ),
            DataType::Date => {
                let days = column.to_physical_repr();
                let days = days.i32().map_err(polars)?;
                ColumnData::Date(
                    days.into_iter()
                        .map(|d| d.map(|d| EPOCH + chrono::Duration::days(d.into())))
                        .collect(),
                )
            }
            DataType::Datetime(unit, _) => {
                let per_ms = match unit {
                    TimeUnit::Milliseconds => 1,
                    TimeUnit::Microseconds => 1_000,
                    TimeUnit::Nanoseconds => 1_000_000,
                };
                let raw = column.to_physical_repr();
                let raw = raw.i64().map_err(polars)?;
                ColumnData::Datetime(
                    raw.into_iter()
                        .map(|v| {
                            v.and_then(|v| DateTime::from_timestamp_millis(v.div_euclid(per_ms)).map(|d| d.naive_utc()))
                        })
                        .collect(),
                )
            }
            DataType::Time => {
                let raw = column.to_physical_repr();
                let raw = raw.i64().map_err(polars)?;
                ColumnData::Time(
                    raw.into_iter()
                        .map(|ns| ns.map(|ns| NaiveTime::MIN + chrono::Duration::nanoseconds(ns)))
                        .collect(),
                )
            }
            t if t.is_integer() => {
                let c = column.cast(&DataType::Int64).map_err(polars)?;
                ColumnData::Int(c.i64().map_err(polars)?.into_iter().collect())
            }
            t if t.is_primitive_numeric() || matches!(t, DataType::Decimal(..)) => {
                let c = column.cast(&DataType::Float64).map_err(polars)?;
                ColumnData::Float(c.f64().map_err(polars)?.into_iter().collect())
            }
            other => {
                return Err(err(format!(
                    "{other} columns cannot be stored in a database table; flatten or cast it first"
                )))
            }
        })
    }
}
