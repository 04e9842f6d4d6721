//! Parquet: the schema comes with the file, so nothing is inferred.

use std::io::Cursor;

use polars_core::prelude::DataFrame;
use polars_io::parquet::read::ParquetReader;
use polars_io::SerReader;

use crate::error::{EngineError, Result};

pub const MAGIC: &[u8; 4] = b"PAR1";

pub fn read(file: &str, bytes: &[u8]) -> Result<DataFrame> {
    Ok(read_columns(file, bytes, &|_| true)?.0)
}

/// Read only the top-level columns `keep` accepts (at least the first, so
/// the rows are still counted); also the names of the columns not read.
pub fn read_columns(file: &str, bytes: &[u8], keep: &dyn Fn(&str) -> bool) -> Result<(DataFrame, Vec<String>)> {
    if bytes.is_empty() {
        return Err(EngineError::Empty { file: file.to_string() });
    }
    if bytes.len() < 12 || !bytes.starts_with(MAGIC) {
        return Err(EngineError::invalid(
            file,
            "not a Parquet file (it does not start with PAR1)",
        ));
    }
    if !bytes.ends_with(MAGIC) {
        return Err(EngineError::invalid(
            file,
            "the Parquet file is truncated (its footer is missing); was the upload or copy cut short?",
        ));
    }
    let unreadable = |e| EngineError::invalid(file, format!("could not read as Parquet: {e}"));
    let mut reader = ParquetReader::new(Cursor::new(bytes));
    let names: Vec<String> = reader
        .schema()
        .map_err(unreadable)?
        .iter_names()
        .map(|n| n.to_string())
        .collect();
    let (mut kept, skipped): (Vec<String>, Vec<String>) = names.into_iter().partition(|n| keep(n));
    if skipped.is_empty() {
        return Ok((reader.finish().map_err(unreadable)?, skipped));
    }
    let skipped = if kept.is_empty() {
        let mut rest = skipped.into_iter();
        kept.extend(rest.next());
        rest.collect()
    } else {
        skipped
    };
    let frame = reader.with_columns(Some(kept)).finish().map_err(unreadable)?;
    Ok((frame, skipped))
}
