//! What the engine reports about a loaded dataset.

use serde::{Deserialize, Serialize};

use crate::{FileFormat, LoadOptions};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnSummary {
    pub name: String,
    /// The engine's type name (`i64`, `f64`, `str`, `date`, `struct[3]` …).
    pub dtype: String,
    pub null_count: usize,
    /// True when the type was inferred from the data (CSV/JSON), false when
    /// the file declares it (Parquet) or the user forced it.
    pub inferred: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatasetSummary {
    /// Unique within a workspace; a file's name without its extension.
    pub name: String,
    /// Where it came from: a file name, or the sample that produced it.
    pub source: String,
    pub format: Option<FileFormat>,
    pub rows: usize,
    pub columns: Vec<ColumnSummary>,
    /// The options it was read with (so the UI can offer to change them).
    pub options: LoadOptions,
    /// Size of the input in bytes (0 for generated tables).
    pub bytes: usize,
    /// Things the user should know that are not errors (encoding converted,
    /// delimiter sniffed …).
    pub notes: Vec<String>,
}
