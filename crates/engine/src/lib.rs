//! dataplay's engine: everything that touches data, in plain Rust.
//!
//! Data in, data out: loaders turn bytes into dataframes (`load`), the
//! workspace keeps the tables a user is looking at (`workspace`), `profile`
//! and `preview` describe and page through them, and `samples` generates the
//! seed's retail and media data deterministically. No web or network
//! dependency: the same code runs in the CLI, in tests and in the browser's
//! Web Worker.

pub mod cap;
pub mod error;
pub mod etl;
pub mod export;
pub mod lake;
pub mod load;
pub mod preview;
pub mod profile;
pub mod samples;
pub mod sql;
pub mod warehouse;
pub mod workspace;

pub use error::{EngineError, Result};
pub use workspace::Workspace;

/// Re-exported so front ends can name frames without depending on polars.
pub use polars_core::frame::DataFrame;
