//! Errors as data: what went wrong, as a code and its parameters (file,
//! line, column, dataset, sizes…), never a finished sentence. The page
//! words each one in the reader's language; the CLI and the connector keep
//! the engine's own English (`EngineError`'s `Display`).
//!
//! `detail` fields still carry the engine's English description of a fault
//! inside a file or a statement (what the parser or polars said); the
//! codes around them are stable.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    /// The file has no bytes.
    FileEmpty {
        file: String,
    },
    /// Larger than the engine accepts (`limit`, bytes).
    FileTooLarge {
        file: String,
        size: u64,
        limit: u64,
    },
    /// Reading the file would take `needed` more bytes than the engine can get.
    NoRoom {
        file: String,
        size: u64,
        needed: u64,
    },
    /// The name says no format the engine reads.
    UnknownFormat {
        file: String,
    },
    /// A fault at a place in the file (1-based line and column).
    FileAt {
        file: String,
        line: usize,
        column: usize,
        detail: String,
    },
    /// A fault of the file that has no single place.
    FileInvalid {
        file: String,
        detail: String,
    },
    /// A file posted with the request never reached the engine.
    FileMissing {
        file: String,
    },
    /// The browser would not hand over the file's bytes.
    FileUnreadable {
        file: String,
        detail: Option<String>,
    },
    /// This browser cannot read files inside a worker.
    NoFileReader {
        file: String,
    },
    UnknownDataset {
        dataset: String,
    },
    UnknownColumn {
        dataset: String,
        column: String,
    },
    /// Statement `statement` (1-based) of a SQL script, starting at `line`,
    /// `column`, could not run.
    Sql {
        statement: usize,
        line: usize,
        column: usize,
        detail: String,
    },
    SqlSyntax {
        line: usize,
        column: usize,
        detail: String,
    },
    /// The dataframe library refused an operation (`context`: what the
    /// engine was doing).
    Engine {
        context: String,
        detail: String,
    },
    /// A CAP run's request does not make sense (a fault on a node that is
    /// not there…).
    CapRequest {
        detail: String,
    },
    /// Reading or writing bytes failed.
    Io {
        detail: String,
    },
    /// The engine failed inside this request (a damaged file it could not
    /// check, memory); the request is dropped and the tables are kept.
    Crashed {
        detail: String,
    },
    /// The worker could not understand a message from the page.
    BadRequest {
        detail: String,
    },
}

impl Problem {
    /// The file the problem is about, if it is about one.
    pub fn file(&self) -> Option<&str> {
        match self {
            Problem::FileEmpty { file }
            | Problem::FileTooLarge { file, .. }
            | Problem::NoRoom { file, .. }
            | Problem::UnknownFormat { file }
            | Problem::FileAt { file, .. }
            | Problem::FileInvalid { file, .. }
            | Problem::FileMissing { file }
            | Problem::FileUnreadable { file, .. }
            | Problem::NoFileReader { file } => Some(file),
            _ => None,
        }
    }
}
