//! The engine's error type: where (the file and, where it can, the line and
//! column; the table; the statement) and what (a [`Fault`], data the page
//! words in its language), so a user can find the problem in their data.
//! `Display` is the CLI's English.

use dataplay_api::units::human_bytes;
use dataplay_api::{Coded, Fault, Problem, Subject};
use polars_core::error::PolarsError;

pub type Result<T, E = EngineError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("{file}: the file is empty")]
    Empty { file: String },

    #[error(
        "{file}: the file is {}, larger than the {} this engine accepts; \
         use a sample of it, or the native `dataplay` CLI",
        human_bytes(*size),
        human_bytes(*limit)
    )]
    TooLarge { file: String, size: u64, limit: u64 },

    #[error(
        "{file}: not enough memory left to read this file of {} (reading takes {} more); \
         remove some tables, use a sample of it, or the native `dataplay` CLI",
        human_bytes(*size),
        human_bytes(*needed)
    )]
    NoRoom { file: String, size: u64, needed: u64 },

    /// A problem at a known place in the file (1-based line and column).
    #[error("{file}: line {line}, column {column}: {fault}")]
    At {
        file: String,
        line: usize,
        column: usize,
        fault: Box<Fault>,
    },

    /// A problem with a file, table, path… that has no single position.
    #[error("{subject}: {fault}")]
    Invalid { subject: Subject, fault: Box<Fault> },

    #[error("{file}: cannot tell the format from the name; name it .csv, .json, .jsonl or .parquet")]
    UnknownFormat { file: String },

    #[error("no dataset named '{0}'")]
    UnknownDataset(String),

    #[error("{dataset}: no column named '{column}'")]
    UnknownColumn { dataset: String, column: String },

    /// A statement of a SQL script that could not run (1-based statement
    /// number; where the statement starts).
    #[error("SQL statement {statement} (line {line}, column {column}): {fault}")]
    Sql {
        statement: usize,
        line: usize,
        column: usize,
        fault: Box<Fault>,
    },

    #[error("SQL syntax error at line {line}, column {column}: {message}")]
    SqlSyntax {
        line: usize,
        column: usize,
        message: String,
    },

    #[error("{context}: {source}")]
    Polars { context: String, source: PolarsError },

    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl EngineError {
    /// A fault of a file as a whole.
    pub fn file(file: &str, fault: Fault) -> Self {
        EngineError::Invalid {
            subject: Subject::File(file.to_string()),
            fault: Box::new(fault),
        }
    }

    /// A fault of a table the engine holds.
    pub fn table(table: &str, fault: Fault) -> Self {
        EngineError::Invalid {
            subject: Subject::Table(table.to_string()),
            fault: Box::new(fault),
        }
    }

    pub fn invalid(subject: Subject, fault: Fault) -> Self {
        EngineError::Invalid {
            subject,
            fault: Box::new(fault),
        }
    }

    pub fn at(file: &str, line: usize, column: usize, fault: Fault) -> Self {
        EngineError::At {
            file: file.to_string(),
            line,
            column,
            fault: Box::new(fault),
        }
    }

    pub fn polars(context: impl Into<String>, source: PolarsError) -> Self {
        EngineError::Polars {
            context: context.into(),
            source,
        }
    }
}

impl EngineError {
    /// This error as the fault of a SQL statement that met it (the
    /// warehouse console's steps): what it was about kept as the subject,
    /// polars' refusals as `Internal`; the rare rest (a file too large…)
    /// in the engine's words.
    pub fn fault(&self) -> Fault {
        match self {
            EngineError::Sql { fault, .. } => Fault::clone(fault),
            EngineError::Invalid { subject, fault } => Fault::About {
                subject: subject.clone(),
                fault: fault.clone(),
            },
            EngineError::SqlSyntax { message, .. } => Fault::ScriptSyntax {
                detail: message.clone(),
            },
            EngineError::Polars { context, source } => Fault::Internal {
                step: context.clone(),
                detail: polars_message(source),
            },
            other => Fault::SqlEngine {
                detail: other.to_string(),
            },
        }
    }

    /// The error as data for the page, which words it (see
    /// `dataplay_api::problem`).
    pub fn problem(&self) -> Problem {
        match self {
            EngineError::Empty { file } => Problem::FileEmpty { file: file.clone() },
            EngineError::TooLarge { file, size, limit } => Problem::FileTooLarge {
                file: file.clone(),
                size: *size,
                limit: *limit,
            },
            EngineError::NoRoom { file, size, needed } => Problem::NoRoom {
                file: file.clone(),
                size: *size,
                needed: *needed,
            },
            EngineError::At {
                file,
                line,
                column,
                fault,
            } => Problem::FileAt {
                file: file.clone(),
                line: *line,
                column: *column,
                fault: Coded::new(&**fault),
            },
            EngineError::Invalid { subject, fault } => Problem::Invalid {
                subject: subject.clone(),
                fault: Coded::new(&**fault),
            },
            EngineError::UnknownFormat { file } => Problem::UnknownFormat { file: file.clone() },
            EngineError::UnknownDataset(dataset) => Problem::UnknownDataset {
                dataset: dataset.clone(),
            },
            EngineError::UnknownColumn { dataset, column } => Problem::UnknownColumn {
                dataset: dataset.clone(),
                column: column.clone(),
            },
            EngineError::Sql {
                statement,
                line,
                column,
                fault,
            } => Problem::Sql {
                statement: *statement,
                line: *line,
                column: *column,
                fault: Coded::new(&**fault),
            },
            EngineError::SqlSyntax { line, column, message } => Problem::SqlSyntax {
                line: *line,
                column: *column,
                detail: message.clone(),
            },
            EngineError::Polars { context, source } => Problem::Internal {
                step: context.clone(),
                detail: source.to_string(),
            },
            EngineError::Io(e) => Problem::Io { detail: e.to_string() },
        }
    }
}

/// polars' message without its backtrace hint and error-kind prefix.
pub fn polars_message(e: &PolarsError) -> String {
    let text = e.to_string();
    let text = text.split("\n\nResolved plan").next().unwrap_or(&text);
    let text = text.split("\n\nThis error occurred").next().unwrap_or(text);
    text.trim().to_string()
}

/// What a caught panic said (`panic!` with a literal or a formatted message).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no reason given".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_file_line_and_column() {
        let e = EngineError::at("orders.csv", 3, 7, Fault::QuoteNeverClosed);
        assert_eq!(
            e.to_string(),
            "orders.csv: line 3, column 7: this quoted field is never closed"
        );
        let p = e.problem();
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["code"], "file_at");
        assert_eq!(json["fault"]["code"], "quote_never_closed");
    }
}
