//! Writing frames out as file bytes: CSV (with header; booleans
//! `true`/`false`, empty for null; `2024-01-31 08:05:00.250` datetimes), JSON,
//! JSON Lines and Parquet. Used by exports in the UI, the CLI and the lake.

pub mod csv;

use dataplay_api::{Fault, FileFormat, Subject};
use polars_core::prelude::{Column, DataFrame, NamedFrom, Series};
use polars_io::csv::write::CsvWriter;
use polars_io::json::{JsonFormat, JsonWriter};
use polars_io::parquet::write::ParquetWriter;
use polars_io::SerWriter;
use std::io::Write;

use crate::error::{EngineError, Result};

pub fn to_bytes(frame: &mut DataFrame, format: FileFormat) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write(frame, format, &mut out)?;
    Ok(out)
}

/// `frame` written to `out` as `format` (streamed: a file needs no copy of
/// the whole text in memory).
pub fn write<W: Write>(frame: &mut DataFrame, format: FileFormat, mut out: W) -> Result<()> {
    // CSV has no lists or structs: those cells are written as JSON text.
    let mut flat = match format {
        FileFormat::Csv => nested_as_json(frame)?,
        _ => None,
    };
    let frame = flat.as_mut().unwrap_or(frame);
    if format == FileFormat::Csv && csv::write(frame, &mut out)? {
        return Ok(());
    }
    let result = match format {
        // The types `csv::write` leaves to polars.
        FileFormat::Csv => CsvWriter::new(out)
            .include_header(true)
            // As pandas writes them: a space, and a fraction only when there is one.
            .with_datetime_format(Some("%Y-%m-%d %H:%M:%S%.f".into()))
            .with_time_format(Some("%H:%M:%S%.f".into()))
            .finish(frame),
        FileFormat::Json => JsonWriter::new(out).with_json_format(JsonFormat::Json).finish(frame),
        FileFormat::Jsonl => JsonWriter::new(out)
            .with_json_format(JsonFormat::JsonLines)
            .finish(frame),
        FileFormat::Parquet => ParquetWriter::new(out).finish(frame).map(|_| ()),
    };
    result.map_err(|e| EngineError::polars(format!("writing {}", format.label()), e))
}

/// `frame` with each list, array or struct column replaced by its values as
/// JSON text (`[1,2]`, `{"id":"v1","views":3}`; null stays null), or `None`
/// when it has none.
fn nested_as_json(frame: &DataFrame) -> Result<Option<DataFrame>> {
    let nested: Vec<&Column> = frame.get_columns().iter().filter(|c| c.dtype().is_nested()).collect();
    if nested.is_empty() {
        return Ok(None);
    }
    let mut out = frame.clone();
    for column in nested {
        let name = column.name().clone();
        let fail = |e| EngineError::polars(format!("writing {name} as JSON text"), e);
        let mut one = DataFrame::new(vec![column.clone()]).map_err(fail)?;
        let mut lines = Vec::new();
        JsonWriter::new(&mut lines)
            .with_json_format(JsonFormat::JsonLines)
            .finish(&mut one)
            .map_err(fail)?;
        let mut texts: Vec<Option<String>> = Vec::with_capacity(column.len());
        for line in lines.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
            let row: serde_json::Value = serde_json::from_slice(line).map_err(|e| {
                EngineError::invalid(
                    Subject::Column(name.to_string()),
                    Fault::NestedJson { detail: e.to_string() },
                )
            })?;
            texts.push(match row.get(name.as_str()) {
                None | Some(serde_json::Value::Null) => None,
                Some(v) => Some(v.to_string()),
            });
        }
        out.replace(name.as_str(), Series::new(name.clone(), texts))
            .map_err(fail)?;
    }
    Ok(Some(out))
}
