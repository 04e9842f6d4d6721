//! Writing frames out: CSV (with header; booleans `true`/`false`, empty for
//! null; `2024-01-31 08:05:00.250` datetimes), JSON Lines and Parquet. Used by exports in the UI and by the CLI.
//! Pipelines exported for other engines live below: `pyspark` (Spark jobs)
//! and `warehouse_sql` (a PostgreSQL script).

pub mod pyspark;
pub mod warehouse_sql;

use dataplay_api::FileFormat;
use polars_core::prelude::DataFrame;
use polars_io::csv::write::CsvWriter;
use polars_io::json::{JsonFormat, JsonWriter};
use polars_io::SerWriter;

use crate::error::{EngineError, Result};

pub fn to_bytes(frame: &mut DataFrame, format: FileFormat) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let result = match format {
        FileFormat::Csv => CsvWriter::new(&mut out)
            .include_header(true)
            // As pandas writes them: a space, and a fraction only when there is one.
            .with_datetime_format(Some("%Y-%m-%d %H:%M:%S%.f".into()))
            .with_time_format(Some("%H:%M:%S%.f".into()))
            .finish(frame),
        FileFormat::Json => JsonWriter::new(&mut out)
            .with_json_format(JsonFormat::Json)
            .finish(frame),
        FileFormat::Jsonl => JsonWriter::new(&mut out)
            .with_json_format(JsonFormat::JsonLines)
            .finish(frame),
        FileFormat::Parquet => return crate::load::parquet::write(frame),
    };
    result.map_err(|e| EngineError::polars(format!("writing {}", format.label()), e))?;
    Ok(out)
}
