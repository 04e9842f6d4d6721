//! Plain data types shared by the engine, the Web Worker, the UI and the CLI.
//!
//! Nothing here knows about dataframes: these are the options a user sets, the
//! summaries the engine reports and the messages the UI and the worker
//! exchange (serialised as JSON over `postMessage`).

pub mod cap;
pub mod connector;
pub mod etl;
pub mod lake;
mod messages;
mod options;
mod summary;

pub use messages::{PipelineExport, Request, Response, RowsWindow, SourceRef};
pub use options::{Encoding, FileFormat, LoadOptions, SampleKind, SampleSpec};
pub use summary::{ColumnSummary, DatasetSummary};
