//! The Lake & Warehouse module's plain data: what a lake holds, what a
//! query over it scanned, and a Glue-style job as data a user can edit.

use serde::{Deserialize, Serialize};

/// The lake's zones, in the order data moves through them.
pub const ZONES: [&str; 3] = ["raw", "processed", "curated"];

/// One file of the lake.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LakeFile {
    /// `raw/user_interactions/year=2024/month=01/day=20/events.jsonl`
    pub path: String,
    pub bytes: u64,
}

/// What reading one table for a query did (partition pruning).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct TableScan {
    pub table: String,
    /// The filter on partition columns that decided which files to read.
    pub pruned_by: Option<String>,
    pub files_scanned: usize,
    pub files_skipped: usize,
    pub bytes_scanned: u64,
    pub rows: usize,
    /// Columns of the files the query does not name, left unread (Parquet
    /// skips their bytes; text formats are parsed whole).
    #[serde(default)]
    pub columns_skipped: Vec<String>,
}

/// A Glue-style job: read a dataset (JSON/JSONL/Parquet, nested fields
/// flattened to `parent.child`), derive columns, optionally aggregate, and
/// write Parquet into a zone, partitioned by some columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GlueJob {
    pub name: String,
    /// `raw/user_interactions`: a zone and a dataset.
    pub source: String,
    /// Only rows where this SQL condition holds (empty: all).
    #[serde(default)]
    pub filter: String,
    /// `(name, SQL expression)` added to each row, e.g. `engagement_rate`,
    /// `"analytics.likes" / "analytics.views"`.
    #[serde(default)]
    pub derive: Vec<(String, String)>,
    /// Group by these columns (empty: no aggregation, every row is kept).
    #[serde(default)]
    pub group_by: Vec<String>,
    /// `(name, SQL aggregate)`, e.g. `interaction_count`, `COUNT(*)`.
    #[serde(default)]
    pub aggregates: Vec<(String, String)>,
    /// Columns kept when not aggregating (empty: all).
    #[serde(default)]
    pub select: Vec<String>,
    /// `curated/user_behavior`
    pub target: String,
    /// Hive partitions of the output (`key=value` directories).
    #[serde(default)]
    pub partition_by: Vec<String>,
}

impl GlueJob {
    /// The seed's Glue job (section 24), first half: per-video statistics
    /// flattened from the video metadata's `analytics`.
    pub fn seed_video_stats() -> GlueJob {
        GlueJob {
            name: "video_stats".into(),
            source: "raw/video_metadata".into(),
            filter: String::new(),
            derive: vec![
                ("total_views".into(), "\"analytics.views\"".into()),
                ("total_likes".into(), "\"analytics.likes\"".into()),
                ("total_comments".into(), "\"analytics.comments\"".into()),
                (
                    "engagement_rate".into(),
                    "CAST(\"analytics.likes\" AS DOUBLE) / \"analytics.views\"".into(),
                ),
            ],
            group_by: vec![],
            aggregates: vec![],
            select: [
                "video_id",
                "title",
                "duration_seconds",
                "upload_timestamp",
                "category",
                "total_views",
                "total_likes",
                "total_comments",
                "engagement_rate",
            ]
            .map(String::from)
            .to_vec(),
            target: "curated/video_analytics".into(),
            partition_by: vec!["category".into()],
        }
    }

    /// The seed's Glue job, second half: behaviour per user and video.
    pub fn seed_user_behavior() -> GlueJob {
        GlueJob {
            name: "user_behavior".into(),
            source: "raw/user_interactions".into(),
            filter: String::new(),
            derive: vec![],
            group_by: vec!["user_id".into(), "video_id".into()],
            aggregates: vec![
                ("interaction_count".into(), "COUNT(*)".into()),
                ("max_watch_position".into(), "MAX(position_seconds)".into()),
                ("primary_device".into(), "FIRST(\"device_info.type\")".into()),
            ],
            select: vec![],
            target: "curated/user_behavior".into(),
            partition_by: vec![],
        }
    }
}

/// What a Glue-style job did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct GlueReport {
    pub job: String,
    pub rows_in: usize,
    pub rows_out: usize,
    pub columns_out: Vec<String>,
    pub files_written: Vec<LakeFile>,
    /// The SQL the job ran (shown to the user).
    pub sql: String,
}

/// What a COPY or INSERT into a declared warehouse table did (schema-on-write).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct WriteReport {
    pub table: String,
    /// The lake path or `INSERT … SELECT`.
    pub source: String,
    pub files: usize,
    pub rows_in: usize,
    pub accepted: usize,
    pub rejected: usize,
    /// (reason, rows), e.g. (date_id is not a valid INTEGER, 3).
    pub reasons: Vec<(RejectReason, usize)>,
    pub rows_after: usize,
}

/// Why a COPY or INSERT rejected a row (schema-on-write): the column and,
/// where it matters, the type it was declared with (`DECIMAL(5,4)`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum RejectReason {
    /// The value does not convert to the declared type.
    NotValid {
        column: String,
        declared: String,
    },
    NullInNotNull {
        column: String,
    },
    /// Text longer than `VARCHAR(max)`.
    TooLong {
        column: String,
        max: u64,
    },
    /// A number with more digits before the point than `DECIMAL(p,s)` holds.
    DoesNotFit {
        column: String,
        declared: String,
    },
    /// The source has no such column and the column is NOT NULL.
    MissingNotNull {
        column: String,
    },
    /// `column`: the primary key's columns, joined by ", ".
    DuplicateKey {
        column: String,
    },
}

impl RejectReason {
    pub fn column(&self) -> &str {
        match self {
            RejectReason::NotValid { column, .. }
            | RejectReason::NullInNotNull { column }
            | RejectReason::TooLong { column, .. }
            | RejectReason::DoesNotFit { column, .. }
            | RejectReason::MissingNotNull { column }
            | RejectReason::DuplicateKey { column } => column,
        }
    }

    /// What is wrong with the value, without the column (the reject
    /// table's `reason`, as Redshift's STL_LOAD_ERRORS words it).
    pub fn what(&self) -> String {
        match self {
            RejectReason::NotValid { declared, .. } => format!("is not a valid {declared}"),
            RejectReason::NullInNotNull { .. } => "is NULL but the column is NOT NULL".into(),
            RejectReason::TooLong { max, .. } => format!("is longer than VARCHAR({max})"),
            RejectReason::DoesNotFit { declared, .. } => format!("does not fit {declared}"),
            RejectReason::MissingNotNull { .. } => "is missing from the source and NOT NULL".into(),
            RejectReason::DuplicateKey { .. } => "duplicates the primary key of a row already in the table".into(),
        }
    }
}

impl std::fmt::Display for RejectReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.column(), self.what())
    }
}

/// What a declared table's distribution or sort key does, one per key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "explain", rename_all = "snake_case")]
pub enum Explanation {
    DistKey {
        column: String,
    },
    DistAll,
    DistEven,
    DistAuto,
    /// `columns`: the sort key, in order (a filter on the first reads fewest blocks).
    SortKey {
        columns: Vec<String>,
    },
}

impl std::fmt::Display for Explanation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Explanation::DistKey { column: c } => write!(
                f,
                "DISTKEY ({c}): rows with the same {c} are stored on the same slice, so joins and GROUP BY on {c} \
                 run without moving rows between nodes; a skewed {c} makes one slice do most of the work."
            ),
            Explanation::DistAll => f.write_str(
                "DISTSTYLE ALL: every node keeps a full copy — right for small dimensions joined to \
                 large facts, costly for large or often-loaded tables.",
            ),
            Explanation::DistEven => {
                f.write_str("DISTSTYLE EVEN: rows are dealt round-robin; even storage, but joins move rows.")
            }
            Explanation::DistAuto => {
                f.write_str("DISTSTYLE AUTO: the warehouse picks (ALL while small, EVEN as it grows).")
            }
            Explanation::SortKey { columns } => write!(
                f,
                "SORTKEY ({}): rows are kept sorted by these columns, so a filter on {} reads only the blocks whose \
                 min/max can match (zone maps).",
                columns.join(", "),
                columns.first().map(String::as_str).unwrap_or_default()
            ),
        }
    }
}

/// One statement of a warehouse SQL script, as the console reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConsoleStep {
    Declared {
        table: String,
        columns: usize,
        explain: Vec<Explanation>,
    },
    Wrote(WriteReport),
    /// A query; its rows are the console's result table.
    Rows {
        rows: usize,
        columns: Vec<String>,
    },
}

/// What the Lake & Warehouse page asks the engine to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum LakeAction {
    /// Show the lake as it is (and the default jobs).
    List,
    /// Ingest the media sample (the seed's section 24) into the lake.
    LoadSample { seed: u64, events: u64 },
    /// Run a Glue-style job.
    Glue { job: GlueJob },
    /// SQL over the lake (the Athena role); `tables` maps a table name to a
    /// dataset such as `raw/user_interactions`.
    LakeSql { sql: String, tables: Vec<(String, String)> },
    /// A warehouse script (the Redshift role).
    WarehouseSql { sql: String },
    /// An exercise's lake: emptied, the media sample ingested, the named
    /// default jobs run, then the default warehouse script if asked.
    Prepare(crate::exercise::LakeStart),
}

/// Where files posted with an ingest go: `zone/dataset/year=/month=/day=/<file>`,
/// bytes and format kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ingest {
    pub zone: String,
    pub dataset: String,
    /// `YYYY-MM-DD`
    pub day: String,
}

/// A declared warehouse table as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeclaredTable {
    pub name: String,
    /// `name TYPE [NOT NULL]`
    pub columns: Vec<String>,
    pub rows: usize,
    pub rejects: usize,
    /// Estimated bytes held.
    pub bytes: u64,
    pub explain: Vec<Explanation>,
    /// Rows per slice on a 4-slice cluster under the table's distribution.
    pub slices: Vec<usize>,
}

/// The engine's answer to a `LakeAction`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct LakeView {
    pub files: Vec<LakeFile>,
    /// The seed's jobs and the ones the warehouse script needs, as data.
    pub jobs: Vec<GlueJob>,
    /// The seed's warehouse script (star schema, COPY, daily summary).
    pub warehouse_sql: String,
    /// A query over the lake to start from, and the tables it names.
    pub lake_sql: String,
    pub lake_tables: Vec<(String, String)>,
    pub glue: Option<GlueReport>,
    pub scans: Vec<TableScan>,
    pub steps: Vec<ConsoleStep>,
    /// The dataset holding the last query's rows (`sql:lake` or `sql:warehouse`).
    pub result: Option<String>,
    pub result_rows: usize,
    pub millis: f64,
    pub declared: Vec<DeclaredTable>,
}
