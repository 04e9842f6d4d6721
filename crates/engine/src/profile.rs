//! Describing a frame for the user: its columns, their types and null counts.

use dataplay_api::{ColumnSummary, DatasetSummary, FileFormat, LoadNote, LoadOptions, Origin};
use polars_core::prelude::DataFrame;

/// How a frame came to be, for its summary.
pub struct Provenance<'a> {
    pub source: Origin,
    pub format: Option<FileFormat>,
    pub options: &'a LoadOptions,
    pub bytes: usize,
    pub notes: Vec<LoadNote>,
}

pub fn summarize(name: &str, frame: &DataFrame, from: Provenance<'_>) -> DatasetSummary {
    // Parquet and generated tables declare their types; CSV/JSON infer them
    // unless the user forced the column to text.
    let inferred_format = matches!(
        from.format,
        Some(FileFormat::Csv | FileFormat::Json | FileFormat::Jsonl)
    );
    let columns = frame
        .get_columns()
        .iter()
        .map(|c| {
            let name = c.name().to_string();
            let forced = from.options.text_columns.contains(&name);
            ColumnSummary {
                dtype: c.dtype().to_string(),
                null_count: c.null_count(),
                inferred: inferred_format && !forced,
                name,
            }
        })
        .collect();
    DatasetSummary {
        name: name.to_string(),
        source: from.source,
        format: from.format,
        rows: frame.height(),
        columns,
        options: from.options.clone(),
        bytes: from.bytes,
        notes: from.notes,
    }
}
