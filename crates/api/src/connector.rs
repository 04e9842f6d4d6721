//! What the connector's HTTP API (`dataplay serve`) sends and receives:
//! plain data shared by the server and the playground that calls it.

use serde::{Deserialize, Serialize};

use crate::etl::{EtlReport, MergeCounts};
use crate::lake::{LakeFile, TableScan};

/// `GET /api/health`: that the connector runs and what kinds of stores it
/// has (`postgres`, `mysql`, `sqlite`; `s3`, `directory`) — never where
/// they are or how it signs in.
#[derive(Clone, Serialize, Deserialize, Debug, PartialEq)]
pub struct Health {
    pub service: String,
    pub version: String,
    pub source: Option<String>,
    pub warehouse: String,
    pub lake: Option<String>,
}

/// Rows as JSON: column names and one object per row.
#[derive(Clone, Serialize, Deserialize, Debug, PartialEq)]
pub struct Rows {
    pub columns: Vec<String>,
    pub rows: Vec<serde_json::Value>,
}

/// `POST /api/etl`: what a run did, and what the merge did to each
/// warehouse table (empty when a check stopped the run).
#[derive(Clone, Serialize, Deserialize, Debug, PartialEq)]
pub struct EtlRun {
    pub report: EtlReport,
    pub warehouse: Vec<MergeCounts>,
}

/// `GET /api/lake/files`.
#[derive(Clone, Serialize, Deserialize, Debug, PartialEq)]
pub struct LakeFiles {
    pub files: Vec<LakeFile>,
}

/// `POST /api/lake/sql`: the query and, optionally, its tables (name →
/// `zone/dataset`; every dataset by its name when empty).
#[derive(Clone, Serialize, Deserialize, Debug, PartialEq)]
pub struct SqlRequest {
    pub sql: String,
    #[serde(default)]
    pub tables: Vec<(String, String)>,
    /// At most this many rows in the answer (default 1,000).
    #[serde(default)]
    pub limit: Option<usize>,
}

/// Rows a lake query answers with when the request names no limit.
pub const DEFAULT_ROW_LIMIT: usize = 1_000;

/// The answer to `POST /api/lake/sql`.
#[derive(Clone, Serialize, Deserialize, Debug, PartialEq)]
pub struct SqlAnswer {
    #[serde(flatten)]
    pub rows: Rows,
    /// The result's rows, of which `rows` holds the first `limit`.
    pub total_rows: usize,
    pub scans: Vec<TableScan>,
}

/// Any error: `{"error": "…"}` with a 4xx/5xx status.
#[derive(Clone, Serialize, Deserialize, Debug, PartialEq)]
pub struct ApiError {
    pub error: String,
}
