//! Errors as data: where it went wrong (a file at a line and column, a
//! table, a statement of a script) and what ([`Fault`], a code and its
//! parameters, carried as [`Coded`] data), never a finished sentence. The page words each one in the
//! reader's language; the CLI and the connector keep the engine's own
//! English (`EngineError`'s `Display`, built from `Fault`'s).
//!
//! Fields named `detail` hold another library's or the operating system's
//! own words (a polars error, an I/O error, a panic message); the code
//! around them says what kind of problem it is.

use serde::{Deserialize, Serialize};

use crate::coded::Coded;
use crate::fault::{Fault, Subject};

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
        fault: Coded<Fault>,
    },
    /// A fault of a file, table, path… that has no single place.
    Invalid {
        subject: Subject,
        fault: Coded<Fault>,
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
        fault: Coded<Fault>,
    },
    /// The SQL parser's words (`detail`) at a place in the script.
    SqlSyntax {
        line: usize,
        column: usize,
        detail: String,
    },
    /// The dataframe library refused an operation the engine asked of it:
    /// `step` is what the engine was doing (its own technical words, as in
    /// a stack trace), `detail` what polars said.
    Internal {
        step: String,
        detail: String,
    },
    /// A CAP run asked for a scenario the engine does not have.
    UnknownScenario {
        scenario: String,
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
            | Problem::Invalid {
                subject: Subject::File(file),
                ..
            }
            | Problem::FileMissing { file }
            | Problem::FileUnreadable { file, .. }
            | Problem::NoFileReader { file } => Some(file),
            _ => None,
        }
    }
}
