//! Parquet: the schema comes with the file, so nothing is inferred.

use std::io::Cursor;

use polars_core::prelude::DataFrame;
use polars_io::parquet::read::ParquetReader;
use polars_io::SerReader;

use crate::error::{EngineError, Result};

pub const MAGIC: &[u8; 4] = b"PAR1";

pub fn read(file: &str, bytes: &[u8]) -> Result<DataFrame> {
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
    ParquetReader::new(Cursor::new(bytes))
        .finish()
        .map_err(|e| EngineError::invalid(file, format!("could not read as Parquet: {e}")))
}

/// Write a frame as Parquet (zstd), for exports and tests.
pub fn write(frame: &mut DataFrame) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    polars_io::parquet::write::ParquetWriter::new(&mut out)
        .finish(frame)
        .map_err(|e| EngineError::polars("writing Parquet", e))?;
    Ok(out)
}
