//! Messages between the page (main thread) and the engine (Web Worker).
//!
//! The page sends a [`Request`]: an id and what is asked. The worker posts
//! [`Message`]s: `Ready` once it has started, then, for each request, zero
//! or more `Progress` and exactly one `Done` with the [`Response`] — the
//! worker's handler returns that response rather than posting it, so one
//! final answer per request is a property of its type. Nothing here is a
//! sentence: errors are [`Problem`]s (a code and its parameters) and
//! progress is a [`Stage`] with counts; the page words them.
//!
//! File contents never travel in these messages: the page posts the `File`
//! objects next to the JSON and the worker reads them; an export's bytes
//! travel next to its `Done`.

use serde::{Deserialize, Serialize};

use crate::cap::{CapComparison, CapRequest};
use crate::etl::{EtlParams, EtlReport};
use crate::lake::{GlueJob, Ingest, LakeAction, LakeView};
use crate::problem::Problem;
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

/// A request and the id its answer will carry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub id: u64,
    pub body: Ask,
}

/// What the page asks of the engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Ask {
    /// Load files and/or generate samples, adding their tables to the workspace.
    Load {
        sources: Vec<SourceRef>,
        max_file_bytes: u64,
    },
    /// Re-read one dataset with new options (e.g. a column forced to text).
    Reload {
        dataset: String,
        options: LoadOptions,
    },
    /// Rows `[start, start + len)` of a dataset, as display strings.
    Rows {
        dataset: String,
        start: usize,
        len: usize,
    },
    Remove {
        dataset: String,
    },
    /// Simulate a CAP scenario under CP and AP.
    Cap(CapRequest),
    /// Run the ETL pipeline on the workspace's source tables.
    Etl(EtlParams),
    /// The Lake & Warehouse module: the lake, Glue jobs, SQL over the lake
    /// or the warehouse.
    Lake(LakeAction),
    /// Put the files posted with the request into the lake.
    Ingest(Ingest),
    /// A dataset as a file; answered by `Exported`, with the bytes posted
    /// next to the JSON (not inside it).
    Export {
        dataset: String,
        format: FileFormat,
    },
    /// A pipeline written out for another engine (what `dataplay export`
    /// prints); answered by `Exported` with the text as the file.
    ExportPipeline(PipelineExport),
    /// The lake and the warehouse as one file, for the page to keep:
    /// answered by `Saved`, the bytes posted next to the JSON.
    SaveState,
    /// Replace the lake and the warehouse with the file posted with the
    /// request (one `SaveState` wrote); answered by `StateLoaded`.
    LoadState,
    /// Compare a dataset with an exercise's expected table; answered by
    /// `Graded` with the exercise's id.
    Grade {
        exercise: String,
        dataset: String,
        expected: crate::exercise::TableFingerprint,
    },
    /// A dataset's fingerprint, for an exercise's author.
    Fingerprint {
        dataset: String,
        decimals: u32,
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

/// Everything the worker posts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Message {
    /// The worker has started and can take requests.
    Ready,
    /// A request is under way.
    Progress { id: u64, progress: Progress },
    /// A request's one final answer.
    Done(Response),
}

/// The final answer to the request with the same id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub id: u64,
    pub body: Answer,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    /// One result per source of the request, in its order: the tables it
    /// added or replaced, or why it failed (the others still load).
    Loaded(Vec<SourceLoad>),
    Rows(RowsWindow),
    Removed {
        dataset: String,
    },
    Failed(Problem),
    /// The run's report and the datasets it wrote (`etl:…` stage outputs,
    /// `dw:…` warehouse tables).
    Etl {
        report: Box<EtlReport>,
        datasets: Vec<DatasetSummary>,
    },
    /// The lake and warehouse as they are now, what the action did, and the
    /// datasets it wrote (`sql:…` results, `dw:…` declared tables).
    Lake {
        /// The request's action, echoed (the page times lake and warehouse
        /// queries apart).
        action: Box<LakeAction>,
        view: Box<LakeView>,
        datasets: Vec<DatasetSummary>,
    },
    /// One result per file posted, in order (a file that fails does not
    /// stop the others), and the lake as it is now.
    Ingested {
        files: Vec<FileResult>,
        view: Box<LakeView>,
    },
    /// The file's bytes travel next to this message.
    Exported {
        file_name: String,
        mime: String,
    },
    Graded {
        exercise: String,
        verdict: crate::exercise::TableVerdict,
    },
    Fingerprinted(crate::exercise::TableFingerprint),
    /// The kept state's bytes travel next to this message.
    Saved {
        bytes: u64,
    },
    /// The lake and warehouse are back: the lake as `List` shows it, the
    /// ETL's warehouse tables and the declared ones as datasets.
    StateLoaded {
        view: Box<LakeView>,
        keyed: Vec<DatasetSummary>,
        declared: Vec<DatasetSummary>,
    },
    /// `elapsed_ms`: simulating, checking and summarising the runs, in the worker.
    Cap {
        comparison: Box<CapComparison>,
        elapsed_ms: f64,
    },
}

/// What loading one source of a `Load` (or a `Reload`) gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceLoad {
    /// The source's index in the request.
    pub source: usize,
    /// The tables it produced (none when it failed).
    pub datasets: Vec<DatasetSummary>,
    pub error: Option<Problem>,
}

/// What ingesting one file gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileResult {
    pub file: String,
    pub error: Option<Problem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowsWindow {
    pub dataset: String,
    pub start: usize,
    /// One entry per row; `None` is a null cell.
    pub rows: Vec<Vec<Option<String>>>,
}

/// Where a request is: the stage, which of several sources (`step`, 1-based,
/// of `steps`), and how far through it (`done` of `total`, in the stage's
/// unit: bytes when reading).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub stage: Stage,
    pub step: usize,
    pub steps: usize,
    pub done: Option<u64>,
    pub total: Option<u64>,
}

impl Progress {
    /// A stage with no counts (one step of one).
    pub fn at(stage: Stage) -> Progress {
        Progress {
            stage,
            step: 1,
            steps: 1,
            done: None,
            total: None,
        }
    }

    /// How far through, from 0 to 1, where it is known.
    pub fn fraction(&self) -> Option<f64> {
        match (self.done, self.total) {
            (Some(done), Some(total)) if total > 0 => Some(done as f64 / total as f64),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum Stage {
    /// Reading a file's bytes from the browser.
    Reading {
        file: String,
    },
    /// Parsing a file into a table.
    Parsing {
        file: String,
    },
    /// Generating a built-in sample.
    Generating {
        sample: SampleSpec,
    },
    /// Re-reading a dataset with new options.
    Rereading {
        dataset: String,
    },
    RunningEtl,
    /// Working in the lake and the warehouse.
    Lake,
    /// Putting a file into the lake.
    Ingesting {
        file: String,
    },
}
