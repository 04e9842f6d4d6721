//! Messages between the UI (main thread) and the engine (Web Worker).
//!
//! Each request carries an id; the worker answers it with exactly one final
//! response carrying the same id (`Loaded`, `Rows`, `Failed` …), after zero or
//! more `Progress` messages. File contents never travel in these messages:
//! the UI posts the `File` objects next to the JSON and the worker reads them.

use serde::{Deserialize, Serialize};

use crate::cap::{CapComparison, CapRequest};
use crate::etl::{EtlParams, EtlReport};
use crate::lake::{GlueJob, LakeAction, LakeView};
use crate::{DatasetSummary, FileFormat, LoadOptions, SampleSpec};

/// Where a dataset's bytes come from; lets the UI re-create a workspace after
/// the worker was restarted (cancel, crash).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SourceRef {
    /// The n-th `File` posted with the request.
    File {
        index: usize,
        name: String,
        options: LoadOptions,
    },
    Sample(SampleSpec),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Load files and/or generate samples, adding their tables to the workspace.
    Load {
        id: u64,
        sources: Vec<SourceRef>,
        max_file_bytes: u64,
    },
    /// Re-read one dataset with new options (e.g. a column forced to text).
    Reload {
        id: u64,
        dataset: String,
        options: LoadOptions,
    },
    /// Rows `[start, start + len)` of a dataset, as display strings.
    Rows {
        id: u64,
        dataset: String,
        start: usize,
        len: usize,
    },
    Remove {
        id: u64,
        dataset: String,
    },
    /// Simulate a CAP scenario under CP and AP.
    Cap {
        id: u64,
        request: CapRequest,
    },
    /// Run the ETL pipeline on the workspace's source tables.
    Etl {
        id: u64,
        params: EtlParams,
    },
    /// The Lake & Warehouse module: ingest, Glue jobs, SQL over the lake or
    /// the warehouse.
    Lake {
        id: u64,
        action: LakeAction,
    },
    /// A dataset as a file; answered by `Exported`, with the bytes posted
    /// next to the JSON (not inside it).
    Export {
        id: u64,
        dataset: String,
        format: FileFormat,
    },
    /// A pipeline written out for another engine (what `dataplay export`
    /// prints); answered by `Exported` with the text as the file.
    ExportPipeline {
        id: u64,
        pipeline: PipelineExport,
    },
}

/// A pipeline as code for another engine, for when the data outgrows one
/// machine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PipelineExport {
    /// The retail ETL as a PySpark job over the source files.
    EtlPyspark(EtlParams),
    /// The retail ETL as one PostgreSQL script, run inside the database that
    /// holds the source tables.
    EtlPostgres(EtlParams),
    /// A Glue-style job as a PySpark job over a lake root.
    GluePyspark(GlueJob),
}

impl Request {
    pub fn id(&self) -> u64 {
        match self {
            Request::Load { id, .. }
            | Request::Reload { id, .. }
            | Request::Rows { id, .. }
            | Request::Remove { id, .. }
            | Request::Cap { id, .. }
            | Request::Etl { id, .. }
            | Request::Lake { id, .. }
            | Request::Export { id, .. }
            | Request::ExportPipeline { id, .. } => *id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowsWindow {
    pub dataset: String,
    pub start: usize,
    /// One entry per row; `None` is a null cell.
    pub rows: Vec<Vec<Option<String>>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// The worker has started and can take requests.
    Ready,
    Progress {
        id: u64,
        message: String,
        fraction: Option<f64>,
    },
    /// Tables added or replaced, and errors for the sources that failed
    /// (a load of several files keeps the good ones).
    Loaded {
        id: u64,
        datasets: Vec<DatasetSummary>,
        errors: Vec<String>,
        /// Indexes of the request's sources that loaded.
        ok_sources: Vec<usize>,
    },
    Rows {
        id: u64,
        window: RowsWindow,
    },
    Removed {
        id: u64,
        dataset: String,
    },
    Failed {
        id: u64,
        error: String,
    },
    /// The run's report and the datasets it wrote (`etl:…` stage outputs,
    /// `dw:…` warehouse tables).
    Etl {
        id: u64,
        report: Box<EtlReport>,
        datasets: Vec<DatasetSummary>,
    },
    /// The lake and warehouse as they are now, what the action did, and the
    /// datasets it wrote (`sql:…` results, `dw:…` declared tables).
    Lake {
        id: u64,
        /// The request's action, echoed (the page times lake and warehouse queries apart).
        action: Box<LakeAction>,
        view: Box<LakeView>,
        datasets: Vec<DatasetSummary>,
    },
    /// The file's bytes travel next to this message.
    Exported {
        id: u64,
        file_name: String,
        mime: String,
    },
    /// `elapsed_ms`: simulating, checking and summarising the runs, in the worker.
    Cap {
        id: u64,
        comparison: Box<CapComparison>,
        elapsed_ms: f64,
    },
}
