//! Plain data types shared by the engine, the Web Worker, the UI and the CLI.
//!
//! Nothing here knows about dataframes: these are the options a user sets, the
//! summaries the engine reports and the messages the UI and the worker
//! exchange (serialised as JSON over `postMessage`).

pub mod archive;
pub mod cap;
pub mod coded;
pub mod connector;
pub mod etl;
pub mod exercise;
pub mod fault;
pub mod lake;
pub mod lesson;
mod messages;
mod options;
pub mod problem;
pub mod summary;
pub mod units;

pub use coded::Coded;
pub use fault::{Fault, Subject};
pub use messages::{
    Answer, Ask, FileResult, Message, PipelineExport, Progress, Request, Response, RowsWindow, SourceLoad, SourceRef,
    Stage,
};
pub use options::{Encoding, FileFormat, LoadOptions, SampleKind, SampleSpec};
pub use problem::Problem;
pub use summary::{ColumnSummary, DatasetSummary, LoadNote, Origin};
