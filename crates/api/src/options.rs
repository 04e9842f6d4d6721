//! What a user can choose when a file is loaded or a sample is generated.

use serde::{Deserialize, Serialize};

/// The file formats the loaders understand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    Csv,
    /// A JSON document: an array of objects, or one object (one row).
    Json,
    /// JSON Lines / NDJSON: one object per line.
    Jsonl,
    Parquet,
}

impl FileFormat {
    /// The format a file name implies, from its extension (case-insensitive).
    pub fn from_file_name(name: &str) -> Option<FileFormat> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "tsv" | "txt" => Some(FileFormat::Csv),
            "json" => Some(FileFormat::Json),
            "jsonl" | "ndjson" => Some(FileFormat::Jsonl),
            "parquet" | "pq" => Some(FileFormat::Parquet),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FileFormat::Csv => "CSV",
            FileFormat::Json => "JSON",
            FileFormat::Jsonl => "JSONL",
            FileFormat::Parquet => "Parquet",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Csv => "csv",
            FileFormat::Json => "json",
            FileFormat::Jsonl => "jsonl",
            FileFormat::Parquet => "parquet",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            FileFormat::Csv => "text/csv",
            FileFormat::Json => "application/json",
            FileFormat::Jsonl => "application/x-ndjson",
            FileFormat::Parquet => "application/vnd.apache.parquet",
        }
    }
}

/// The text encoding of a CSV/JSON file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// UTF-8, or UTF-16 when the file starts with a UTF-16 byte-order mark.
    #[default]
    Auto,
    Utf8,
    /// Windows-1252 (Western European "ANSI").
    Windows1252,
    /// Windows-1258 (Vietnamese "ANSI").
    Windows1258,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    pub const ALL: [Encoding; 6] = [
        Encoding::Auto,
        Encoding::Utf8,
        Encoding::Windows1252,
        Encoding::Windows1258,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Encoding::Auto => "auto (UTF-8 / BOM)",
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252",
            Encoding::Windows1258 => "Windows-1258 (Vietnamese)",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Encoding::Auto => "auto",
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
        }
    }

    pub fn from_key(key: &str) -> Option<Encoding> {
        Encoding::ALL.into_iter().find(|e| e.key() == key)
    }
}

/// How to read one file. Every field has a sensible default, so a file can be
/// loaded with `LoadOptions::default()`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoadOptions {
    /// Overrides the format implied by the file name.
    pub format: Option<FileFormat>,
    /// CSV field separator; `None` sniffs it from the header line.
    pub delimiter: Option<u8>,
    /// CSV quote character; `None` disables quoting.
    pub quote: Option<u8>,
    /// Whether the first CSV line holds column names.
    pub has_header: bool,
    pub encoding: Encoding,
    /// JSON: flatten nested objects into `parent.child` columns instead of
    /// keeping them as structs.
    pub flatten: bool,
    /// Columns read as text whatever they look like (a zip code such as
    /// `00501` must stay `00501`).
    pub text_columns: Vec<String>,
    /// Parse ISO dates and datetimes in CSV into date/datetime columns.
    pub parse_dates: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            format: None,
            delimiter: None,
            quote: Some(b'"'),
            has_header: true,
            encoding: Encoding::Auto,
            flatten: false,
            text_columns: Vec::new(),
            parse_dates: true,
        }
    }
}

/// Which built-in sample to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SampleKind {
    /// The seed's retail source tables (transactions, transaction_items,
    /// products, inventory_movements, product_inventory, customers).
    Retail,
    /// The seed's media-company files (video metadata JSON, interaction JSONL,
    /// image analysis JSON).
    Media,
}

/// A deterministic sample: the same spec always gives the same tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleSpec {
    pub kind: SampleKind,
    pub seed: u64,
    /// Retail: the number of transaction items (the largest table). Media: the
    /// number of interaction events.
    pub size: usize,
}

impl SampleSpec {
    /// The largest sample a user can ask for (1M transaction items).
    pub const MAX_SIZE: usize = 1_000_000;
    /// The sizes the UI offers.
    pub const SIZES: [usize; 4] = [1_000, 10_000, 100_000, 1_000_000];
}
