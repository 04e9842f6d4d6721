//! What the engine reports about a loaded dataset.

use serde::{Deserialize, Serialize};

use crate::{FileFormat, LoadOptions, SampleKind, SampleSpec};

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
    /// Where it came from.
    pub source: Origin,
    pub format: Option<FileFormat>,
    pub rows: usize,
    pub columns: Vec<ColumnSummary>,
    /// The options it was read with (so the UI can offer to change them).
    pub options: LoadOptions,
    /// Size of the input in bytes (0 for generated tables).
    pub bytes: usize,
    /// Things the user should know that are not errors (encoding converted,
    /// delimiter sniffed …).
    pub notes: Vec<LoadNote>,
}

/// Where a dataset came from, as data (the page words it; `Display` is
/// the CLI's English).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// A file the user gave, by its name.
    File { file: String },
    /// A built-in sample; `file` for the tables it makes as files (the
    /// media sample's JSON and CSV), read like an upload.
    Sample { spec: SampleSpec, file: Option<String> },
    /// A table an ETL stage wrote.
    EtlStage,
    /// A table of the simulated warehouse.
    WarehouseTable,
    /// The answer of a SQL query over the lake.
    LakeSql,
    /// The answer of a SQL query in the warehouse.
    WarehouseSql,
}

impl Origin {
    /// The file behind the dataset, to read again with other options.
    pub fn file(&self) -> Option<&str> {
        match self {
            Origin::File { file } | Origin::Sample { file: Some(file), .. } => Some(file),
            _ => None,
        }
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::File { file } => f.write_str(file),
            Origin::Sample { spec, file } => {
                match spec.kind {
                    SampleKind::Retail => write!(f, "retail sample (seed {}, {} items)", spec.seed, spec.size)?,
                    SampleKind::Media => write!(f, "media sample (seed {}, {} events)", spec.seed, spec.size)?,
                }
                match file {
                    Some(file) => write!(f, ": {file}"),
                    None => Ok(()),
                }
            }
            Origin::EtlStage => f.write_str("ETL stage output"),
            Origin::WarehouseTable => f.write_str("warehouse table"),
            Origin::LakeSql => f.write_str("SQL over the lake"),
            Origin::WarehouseSql => f.write_str("SQL in the warehouse"),
        }
    }
}

/// What the loader did that the user should know, as data (the page words
/// it; `Display` is the CLI's English).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "note", rename_all = "snake_case")]
pub enum LoadNote {
    BomRemoved,
    /// `encoding`: its WHATWG name (`windows-1258`, `UTF-16LE`).
    DecodedFrom {
        encoding: String,
    },
    /// Not UTF-8: the encoding was guessed from the bytes (`encoding`: its
    /// WHATWG name), and can be chosen by hand if the text reads wrong.
    EncodingDetected {
        encoding: String,
    },
    DelimiterDetected {
        delimiter: char,
    },
    TypesFromEveryRow,
    /// Numbers kept as text so that nothing is lost.
    KeptAsText {
        why: KeptAsText,
        columns: Vec<String>,
    },
    ReadAsJsonLines,
    /// The name said another format than the content.
    ContentIs {
        format: FileFormat,
    },
    /// The Parquet file's Arrow schema declares a type the engine cannot
    /// read, so the types come from the Parquet schema.
    ArrowSchemaSetAside {
        field: String,
        unreadable: ArrowType,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeptAsText {
    LeadingZeros,
    TooLargeFor64Bits,
}

/// An Arrow type polars (as built here) cannot read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ArrowType {
    Dictionary,
    Interval,
    Union,
    FixedSizeList,
    RunEndEncoded,
    ListView,
    Decimal { bits: u32 },
    UnknownTimeZone { zone: String },
}

/// A delimiter's name as a key: `tab`, `semicolon`, `pipe`, or `other`
/// (shown as the character itself).
pub fn delimiter_kind(delimiter: char) -> &'static str {
    match delimiter {
        '\t' => "tab",
        ';' => "semicolon",
        '|' => "pipe",
        _ => "other",
    }
}

impl std::fmt::Display for LoadNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadNote::BomRemoved => f.write_str("UTF-8 byte-order mark removed"),
            LoadNote::DecodedFrom { encoding } => write!(f, "decoded from {encoding}"),
            LoadNote::EncodingDetected { encoding } => {
                write!(
                    f,
                    "not UTF-8: read as {encoding} (detected; choose the encoding if the text looks wrong)"
                )
            }
            LoadNote::DelimiterDetected { delimiter } => match delimiter_kind(*delimiter) {
                "tab" => f.write_str("delimiter detected: tab"),
                "semicolon" => f.write_str("delimiter detected: semicolon (;)"),
                "pipe" => f.write_str("delimiter detected: pipe (|)"),
                _ => write!(f, "delimiter detected: '{delimiter}'"),
            },
            LoadNote::TypesFromEveryRow => f.write_str("column types inferred from every row"),
            LoadNote::KeptAsText { why, columns } => {
                let why = match why {
                    KeptAsText::LeadingZeros => "leading zeros",
                    KeptAsText::TooLargeFor64Bits => "whole numbers too large for 64 bits",
                };
                write!(f, "kept as text ({why}): {}", columns.join(", "))
            }
            LoadNote::ReadAsJsonLines => f.write_str("holds one JSON object per line: read as JSON Lines"),
            LoadNote::ContentIs { format } => write!(f, "the content is {}: read as such", format.label()),
            LoadNote::ArrowSchemaSetAside { field, unreadable } => {
                let what = match unreadable {
                    ArrowType::Dictionary => "is dictionary-encoded (categorical)".to_string(),
                    ArrowType::Interval => "is an interval".into(),
                    ArrowType::Union => "is a union".into(),
                    ArrowType::FixedSizeList => "is a fixed-size list".into(),
                    ArrowType::RunEndEncoded => "is run-end encoded".into(),
                    ArrowType::ListView => "is a list view".into(),
                    ArrowType::Decimal { bits } => format!("is a {bits}-bit decimal"),
                    ArrowType::UnknownTimeZone { zone } => format!("has the unknown time zone '{zone}'"),
                };
                write!(
                    f,
                    "its Arrow schema was set aside (field '{field}' {what}, which dataplay cannot read): \
                     column types come from the Parquet schema"
                )
            }
        }
    }
}
