//! dataplay's engine: everything that touches data, in plain Rust. No web or
//! network dependency and no I/O (files arrive as bytes, the lake reads
//! through a closure, the clock is passed in): the same code runs in the
//! CLI, the connector, tests and the browser's Web Worker.
//!
//! The modules in layers, bottom first; each imports only from the layers
//! below its own (`tests/layers.rs` checks it):
//! - the foundation: `error` (the error type) and `base` (civil dates, typed
//!   column access, the seeded RNG, the caller's clock);
//! - `write` (frames → CSV, JSON, Parquet bytes);
//! - `load` (bytes → frames), `sql` (SQL sessions over frames), `profile`
//!   and `preview` (describe and page through a frame), `samples` (the
//!   seed's retail and media data, generated from a seed), `cap` (the CAP
//!   simulation and linearizability checker, apart from the dataframe code);
//! - `lake`: files in zones, schema-on-read, SQL over them, Glue-style jobs;
//! - `warehouse`: keyed tables loaded by MERGE, declared tables, the SQL console;
//! - `etl`: the retail pipeline, in the engine (ETL) or in the warehouse (ELT);
//! - `codegen`: the pipeline and Glue jobs as PySpark and PostgreSQL code;
//! - `workspace`: the tables a user is looking at and the actions over them.

pub mod base;
pub mod cap;
pub mod codegen;
pub mod error;
pub mod etl;
pub mod grade;
pub mod lake;
pub mod load;
pub mod preview;
pub mod profile;
pub mod samples;
pub mod sql;
pub mod warehouse;
pub mod workspace;
pub mod write;

pub use error::{EngineError, Result};
pub use workspace::Workspace;

/// Re-exported so front ends can name frames without depending on polars.
pub use polars_core::frame::DataFrame;
