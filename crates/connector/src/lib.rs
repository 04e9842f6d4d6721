//! dataplay's connector: the engine's pipelines against real databases
//! and object stores.
//! Native only (the playground never links it). It owns talking to
//! PostgreSQL, MySQL/MariaDB and SQLite: reading tables into frames
//! (`frame`), the ETL's source tables with their date ranges pushed down
//! (`source`), and loading the engine's warehouse tables into a real
//! warehouse through staging and a merge in one transaction (`warehouse`),
//! keeping the lake's zones in S3 or a directory (`lake`), and the HTTP
//! API the playground talks to (`serve`).
//! The rules themselves (joins, cleaning, segments, keys) stay in the engine.

pub mod db;
pub mod error;
pub mod frame;
pub mod lake;
pub mod serve;
pub mod source;
pub mod warehouse;

pub use db::{Db, Dialect};
pub use error::{ConnectorError, Result};
