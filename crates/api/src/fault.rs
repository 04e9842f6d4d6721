//! What exactly is wrong, as data: one `Fault` per rule the engine enforces,
//! with the values the sentence needs (a column, a count, a limit). A
//! [`Problem`](crate::Problem) says where (which file at which line, which
//! table, which SQL statement) and carries one of these.
//!
//! `Display` is the engine's English (the CLI's and the connector's words);
//! the page words each code itself, in the reader's language. Fields named
//! `detail` hold what another library said (polars, the SQL parser, the
//! JSON parser) verbatim: the code around them says what kind of fault it is.

use serde::{Deserialize, Serialize};

use crate::FileFormat;

/// What a fault is about, when it is not a place in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum Subject {
    /// A file being read (uploaded, or in the lake).
    File(String),
    /// A table the engine holds (a loaded dataset, a warehouse table, an
    /// ETL source).
    Table(String),
    /// A path in the lake, as given.
    LakePath(String),
    /// A lake dataset (zone and name).
    LakeDataset(String),
    GlueJob(String),
    /// The quality check of that name.
    Check(String),
    /// The ETL run's parameters.
    EtlParams,
    /// The ELT run's SQL.
    Elt,
    /// The Glue job's SQL translated for Spark.
    GlueSql,
    /// A column of a table (by its name).
    Column(String),
    /// Writing a file for download, in this format.
    Writing(FileFormat),
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Subject::File(name) | Subject::Table(name) | Subject::LakePath(name) | Subject::LakeDataset(name) => {
                f.write_str(name)
            }
            Subject::GlueJob(name) => write!(f, "Glue job {name}"),
            Subject::Check(name) => write!(f, "check {name:?}"),
            Subject::EtlParams => f.write_str("ETL parameters"),
            Subject::Elt => f.write_str("ELT"),
            Subject::GlueSql => f.write_str("Glue job SQL"),
            Subject::Column(name) => write!(f, "column {name}"),
            Subject::Writing(format) => f.write_str(format.label()),
        }
    }
}

/// Which part of a Parquet file a check refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParquetPart {
    Schema,
    ArrowSchema,
}

impl std::fmt::Display for ParquetPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ParquetPart::Schema => "schema",
            ParquetPart::ArrowSchema => "Arrow schema",
        })
    }
}

/// What a value was to be read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    WholeNumber,
    Number,
    Text,
    Date,
    Time,
    DateTime,
    DateOrTime,
}

impl std::fmt::Display for ValueKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ValueKind::WholeNumber => "a whole number",
            ValueKind::Number => "a number",
            ValueKind::Text => "text",
            ValueKind::Date => "a date (YYYY-MM-DD)",
            ValueKind::Time => "a time (HH:MM:SS)",
            ValueKind::DateTime => "a date and time",
            ValueKind::DateOrTime => "a date or time",
        })
    }
}

/// Why a lake path was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum PathFault {
    ControlCharacter,
    LeavesTheLake,
    EncodedSlash,
    NoZone { zones: Vec<String> },
    NoDatasetOrFile,
    EmptySegment,
}

impl std::fmt::Display for PathFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PathFault::ControlCharacter => f.write_str("it holds a control character"),
            PathFault::LeavesTheLake => f.write_str("'.' and '..' segments lead outside the lake"),
            PathFault::EncodedSlash => f.write_str("a backslash or an encoded slash inside a segment"),
            PathFault::NoZone { zones } => write!(f, "it must start with a zone ({})", zones.join(", ")),
            PathFault::NoDatasetOrFile => f.write_str("it needs a dataset and a file name"),
            PathFault::EmptySegment => f.write_str("empty, '.' or '..' segments"),
        }
    }
}

/// Which limit of a database a name breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum NameFault {
    Empty,
    Nul,
    PostgresTooLong { bytes: usize },
    MySqlTooLong { chars: usize },
    MySqlTrailingSpace,
}

impl std::fmt::Display for NameFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NameFault::Empty => f.write_str("an empty name"),
            NameFault::Nul => f.write_str("a name with a NUL character"),
            NameFault::PostgresTooLong { bytes } => {
                write!(f, "{bytes} bytes long: PostgreSQL keeps 63 and would cut it short")
            }
            NameFault::MySqlTooLong { chars } => write!(f, "{chars} characters long: MySQL and MariaDB take 64"),
            NameFault::MySqlTrailingSpace => f.write_str("MySQL and MariaDB refuse a name ending in a space"),
        }
    }
}

/// What writes the files a statement looked for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Writer {
    /// None of the engine's jobs: the files come from elsewhere.
    #[default]
    Unknown,
    /// The Glue job of that name writes them.
    GlueJob { job: String },
}

impl std::fmt::Display for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Writer::Unknown => Ok(()),
            Writer::GlueJob { job } => write!(f, "; the Glue job {job} writes them: run it first"),
        }
    }
}

fn nul_field(field: &str) -> &str {
    match field {
        "segment_label" => "a segment label",
        "movement_type" => "a movement type",
        "movement_category" => "a movement category",
        "check_name" => "a check's name",
        "check_column" => "a check's column",
        other => other,
    }
}

/// One rule the engine enforces, broken. See the module comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Fault {
    // --- Reading files ---------------------------------------------------
    #[error("this quoted field is never closed")]
    QuoteNeverClosed,
    #[error("this row has {found} fields, the first row has {expected}")]
    FieldCount { found: usize, expected: usize },
    /// The CSV reader refused a record.
    #[error("{detail}")]
    CsvRecord { detail: String },
    #[error("could not read as {format}: {detail}", format = format.label())]
    Unreadable { format: FileFormat, detail: String },
    #[error(
        "the {} reader failed on damaged data ({detail}); the file is damaged or was not written as {}",
        format.label(), format.label()
    )]
    ReaderFailed { format: FileFormat, detail: String },
    #[error(
        "this is not a text file (it holds NUL bytes); if it is UTF-16 without a \
         byte-order mark, choose UTF-16 as the encoding"
    )]
    NotText,
    #[error("the bytes here are not valid {encoding}")]
    BadEncoding { encoding: String },
    #[error(
        "byte 0x{byte:02X} is not valid UTF-8; if the file was saved as \
         Windows-1252 or Windows-1258 (Vietnamese), choose that encoding"
    )]
    NotUtf8 { byte: u8 },
    #[error(
        "a row nests arrays and objects more than {limit} levels deep here; dataplay reads at most {limit} levels"
    )]
    NestedTooDeep { limit: usize },
    #[error(
        "the whole number {number} does not fit in 64 bits; write it as a string (\"{number}\") to read it as text"
    )]
    NumberTooBig { number: String },
    /// The JSON parser's message.
    #[error("invalid JSON: {detail}")]
    JsonSyntax { detail: String },
    #[error("element {element} of the top-level array is not an object: each row must be an object")]
    ElementNotObject { element: usize },
    #[error("expected an object or an array of objects at the top level")]
    TopLevelNotObjects,
    #[error("each line must hold one JSON object")]
    LineNotObject,
    #[error("not a Parquet file (it does not start with PAR1)")]
    NotParquet,
    #[error("the Parquet file is truncated (its footer is missing); was the upload or copy cut short?")]
    ParquetTruncated,
    /// What polars said of the footer.
    #[error("could not read the Parquet footer: {detail}")]
    ParquetFooter { detail: String },
    /// The engine's own check of the footer's metadata (bytes and offsets).
    #[error("the Parquet footer is corrupt: {detail}")]
    ParquetFooterCorrupt { detail: String },
    /// The engine's own check of the pages.
    #[error("the Parquet file is corrupt: {detail}")]
    ParquetCorrupt { detail: String },
    #[error("the Parquet file's {part} nests more than {limit} levels deep; dataplay reads at most {limit}")]
    ParquetTooDeep { part: ParquetPart, limit: usize },
    #[error("the Parquet file's {part} has two fields named '{name}' in one group")]
    ParquetDuplicate { part: ParquetPart, name: String },
    #[error("the Parquet file's {part} declares more than {limit} columns; dataplay reads at most {limit}")]
    ParquetTooWide { part: ParquetPart, limit: usize },

    // --- Tables and columns ----------------------------------------------
    #[error("no column named '{column}' (the table has: {})", have.join(", "))]
    NoColumn { column: String, have: Vec<String> },
    #[error("no column named '{column}'")]
    NoSuchColumn { column: String },
    #[error("column '{column}', row {row}: cannot read '{value}' as {kind}")]
    CannotReadValue {
        column: String,
        row: usize,
        value: String,
        kind: ValueKind,
    },
    #[error("column '{column}' cannot be read as {kind}")]
    CannotReadColumn { column: String, kind: ValueKind },
    #[error("more than 4 billion rows")]
    TooManyRows,
    #[error("a column is named '{column}', which ELT reserves")]
    ReservedColumn { column: String },
    #[error("missing: load a file of that name (or the retail sample) first")]
    SourceMissing,
    #[error("not given to the extract")]
    NotExtracted,
    #[error("the SQL did not create {table}")]
    NotCreated { table: String },
    #[error("a key needs 1 to {max} columns")]
    KeyWidth { max: usize },
    #[error("row {row}: the key ({}) has a null", key.join(", "))]
    NullKey { row: usize, key: Vec<String> },
    #[error("the staged columns ({}) differ from the table's ({})", staged.join(", "), table.join(", "))]
    StagedColumns { staged: Vec<String>, table: Vec<String> },
    #[error("column '{column}' is {staged} in staging but {table} in the table")]
    StagedType {
        column: String,
        staged: String,
        table: String,
    },

    // --- ETL parameters ----------------------------------------------------
    #[error("{field} '{value}' is not YYYY-MM-DD")]
    NotADate { field: String, value: String },
    #[error("from {from} is after to {to}")]
    RangeReversed { from: String, to: String },
    #[error("the range is longer than {years} years")]
    RangeTooLong { years: u32 },
    /// `margin` as written (it may be NaN, which JSON cannot hold).
    #[error("margin {margin} is not between 0 and 1")]
    MarginRange { margin: String },
    #[error("segment edges must be finite and increasing")]
    SegmentEdges,
    #[error("{edges} segment edges need {edges} labels, got {labels}")]
    SegmentLabels { edges: usize, labels: usize },
    /// `value` as written (it is not a finite number, which JSON cannot hold).
    #[error("its threshold {value} is not a finite number")]
    Threshold { value: String },
    /// `field`: `segment_label`, `movement_type`, `movement_category`,
    /// `check_name` or `check_column`.
    #[error(
        "{} holds a NUL character, which PostgreSQL cannot store: {text:?}",
        nul_field(field)
    )]
    NulText { field: String, text: String },

    // --- The lake ----------------------------------------------------------
    #[error("not a lake path: {0}")]
    LakePath(PathFault),
    #[error("a dataset is one name of letters, digits, '_', '-' or '.' (no slashes, spaces or other signs)")]
    LakeDatasetName,
    #[error("a dataset name is letters, digits, _ and -")]
    IngestDatasetName,
    #[error("not a file name")]
    NotAFileName,
    #[error("missing from the lake")]
    NotInLake,
    /// A kept or exported workspace that cannot be read back (`detail`: why).
    #[error("not a dataplay workspace file, or a damaged one: {detail}")]
    NotAWorkspace { detail: String },
    /// The object store's (or the file system's) words.
    #[error("{detail}")]
    LakeFetch { detail: String },
    #[error("the dataset has no files")]
    NoFiles,
    #[error("no files under {source_path}")]
    NoFilesUnder { source_path: String },
    #[error("column '{column}' is {here} here but {before} in the files before")]
    ColumnTypeChanged {
        column: String,
        here: String,
        before: String,
    },
    #[error("ingest day '{day}' is not YYYY-MM-DD")]
    IngestDay { day: String },
    #[error("grouping needs at least one aggregate")]
    NoAggregate,
    #[error("partition column '{column}' is not in the output")]
    PartitionNotInOutput { column: String },
    #[error("{field}: not one SQL expression (a comment): {expression}")]
    ExpressionComment { field: String, expression: String },
    /// A field of a Glue job that is not one SQL expression (the parser's words).
    #[error("{field}: not one SQL expression ({detail}): {expression}")]
    NotAnExpression {
        field: String,
        detail: String,
        expression: String,
    },
    /// A lake file the engine could not parse (the JSON parser's words).
    #[error("{detail}")]
    LakeJson { detail: String },

    // --- SQL -----------------------------------------------------------------
    /// What the SQL engine (polars) said.
    #[error("{detail}")]
    SqlEngine { detail: String },
    /// polars refused a step of the engine's own (`step`: the engine's
    /// technical words for it, `detail`: polars').
    #[error("{step}: {detail}")]
    Internal { step: String, detail: String },
    /// A fault of something a statement used (a lake path, a table).
    #[error("{subject}: {fault}")]
    About { subject: Subject, fault: Box<Fault> },
    #[error("CREATE TABLE {table} needs AS SELECT …; the columns come from the query")]
    CreateNeedsSelect { table: String },
    #[error("table {table} already exists (CREATE OR REPLACE TABLE replaces it)")]
    TableExists { table: String },
    #[error("INSERT INTO {table} needs SELECT … or VALUES …")]
    InsertNeedsRows { table: String },
    #[error("no table named {table}")]
    NoTable { table: String },
    #[error(
        "{statement} is not supported; statements: SELECT, CREATE TABLE … AS SELECT, INSERT INTO … SELECT, DROP TABLE"
    )]
    StatementUnsupported { statement: String },
    #[error("INSERT INTO {table}: {expected} target columns but the query gives {given}")]
    InsertWidth {
        table: String,
        expected: usize,
        given: usize,
    },
    #[error("INSERT INTO {table}: the table has {expected} columns, the query gives {given}")]
    InsertTableWidth {
        table: String,
        expected: usize,
        given: usize,
    },
    #[error(
        "INSERT INTO {table}: column {column} is {column_type}, the query gives {given} values that do not convert"
    )]
    InsertCast {
        table: String,
        column: String,
        column_type: String,
        given: String,
    },
    #[error("the script's last statement is not a query")]
    LastNotQuery,
    #[error("the script has no statement")]
    NoStatement,
    #[error("INSERT INTO {table}: no column named {column}")]
    InsertNoColumn { table: String, column: String },
    #[error("STRUCT's fields are named after their columns: write STRUCT(a, b), not typed or `AS` fields")]
    StructFields,
    #[error("STRUCT has two fields named {field}: its fields are named after their columns")]
    StructDuplicate { field: String },
    #[error("POWER takes a base and an exponent: POWER(x, 2)")]
    PowerArguments,
    #[error("DATE_TRUNC takes a unit and a date or timestamp: DATE_TRUNC('day', ts)")]
    DateTruncArguments,
    #[error("{function}: a subquery as argument is not supported")]
    SubqueryArgument { function: String },
    #[error("{function}: DISTINCT or clauses inside a window function are not supported")]
    WindowClauses { function: String },
    #[error("{function}: named or qualified arguments are not supported")]
    NamedArguments { function: String },
    #[error("{function}(p) WITHIN GROUP (ORDER BY x) takes one fraction p")]
    WithinGroupFraction { function: String },
    #[error("{function}: WITHIN GROUP orders by exactly one expression")]
    WithinGroupOrder { function: String },
    #[error("{function} takes a column and a fraction: {function}(x, 0.9)")]
    PercentileArguments { function: String },
    #[error("named windows are not supported")]
    NamedWindow,
    #[error("{function}(…) FILTER over a window is not supported")]
    WindowFilter { function: String },
    #[error(
        "{function}(…) OVER (… ORDER BY …) is not supported; ordered windows support SUM, COUNT and ROW_NUMBER \
         (a window without ORDER BY supports every aggregate)"
    )]
    OrderedWindow { function: String },
    #[error("{function}: only the frames ROWS/RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW are supported")]
    WindowFrame { function: String },
    /// The SQL parser's or tokenizer's words (an unclosed string…).
    #[error("{detail}")]
    SqlParser { detail: String },
    /// A syntax error inside a warehouse script (the parser's words).
    #[error("syntax: {detail}")]
    ScriptSyntax { detail: String },

    // --- The warehouse console ---------------------------------------------
    #[error("COPY needs a table: COPY table FROM 'path'")]
    CopyTable,
    /// `writer`: which of the engine's Glue jobs writes `path`, if one does.
    #[error("COPY {table}: no files under {path} in the lake{writer}")]
    CopyNoFiles {
        table: String,
        path: String,
        #[serde(default)]
        writer: Writer,
    },
    #[error("expected INSERT INTO table SELECT …")]
    ExpectedInsert,
    #[error("INSERT needs SELECT … or VALUES …")]
    InsertNoSource,
    #[error("INSERT INTO {table}: declare it first with CREATE TABLE")]
    InsertUndeclared { table: String },
    /// polars refused the column list (`detail`).
    #[error("INSERT INTO {table}: {detail}")]
    InsertColumns { table: String, detail: String },
    #[error("no declared table {table} (CREATE TABLE it first)")]
    NotDeclared { table: String },
    #[error("COPY table FROM 'path' …")]
    CopySyntax,
    #[error("COPY … FROM needs a quoted path")]
    CopyPath,
    #[error("{table} is an ETL table of the warehouse; pick another name")]
    EtlTableName { table: String },
    #[error("{column}: DECIMAL precision must be 1–38 and scale ≤ precision")]
    DecimalPrecision { column: String },
    #[error("{column}: type {sql_type} is not supported")]
    TypeUnsupported { column: String, sql_type: String },
    #[error("expected ( after DISTKEY/SORTKEY")]
    KeyParenthesis,
    #[error("DISTSTYLE needs a style")]
    DistStyleMissing,
    #[error("DISTKEY needs a column")]
    DistKeyMissing,
    #[error("SORTKEY needs columns")]
    SortKeyMissing,
    #[error("DISTSTYLE is ALL, EVEN, KEY or AUTO")]
    DistStyle,
    #[error("DISTKEY takes one column")]
    DistKeyColumns,
    #[error("expected one CREATE TABLE")]
    OneCreateTable,
    #[error("key column {column} is not a column of {table}")]
    KeyNotColumn { column: String, table: String },
    #[error("DISTKEY column {column} is not a column of {table}")]
    DistKeyNotColumn { column: String, table: String },
    #[error("CREATE TABLE {table} declares no columns")]
    NoColumns { table: String },

    // --- Code for other engines ----------------------------------------------
    #[error("expected one query, got: {sql}")]
    NotOneQuery { sql: String },
    #[error("{function}( is not closed")]
    Unclosed { function: String },
    #[error("{function}(…) OVER (…) has no Spark equivalent here")]
    NoSparkWindow { function: String },
    #[error("a literal Spark cannot be given safely: {literal}")]
    UnsafeLiteral { literal: String },

    // --- Writing ---------------------------------------------------------------
    #[error("a nested value as JSON: {detail}")]
    NestedJson { detail: String },
    #[error("writing: {detail}")]
    WriteFailed { detail: String },
}
