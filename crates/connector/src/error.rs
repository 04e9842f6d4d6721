//! The connector's errors. None of them carries a password: URLs are shown
//! redacted (`db::redact`), and database errors are wrapped with what was
//! being done, never with the connection string.

#[derive(Debug, thiserror::Error)]
pub enum ConnectorError {
    #[error("{url}: {message}")]
    Url { url: String, message: String },
    /// The driver's message with the URL's secrets scrubbed out
    /// (`db::scrub`): a driver may quote a key path or a parameter.
    #[error("{url}: could not connect: {message}")]
    Connect { url: String, message: String },
    #[error("{context}: {cause}")]
    Database { context: String, cause: sqlx::Error },
    #[error("{table}.{column}: {message}")]
    Column {
        table: String,
        column: String,
        message: String,
    },
    /// An object store (S3 or a directory) refused or failed: the lake
    /// path asked for (never where the lake is kept), and why.
    #[error("{location}: {message}")]
    Store { location: String, message: String },
    /// A lake path with no file.
    #[error("{location}: not found")]
    NotFound { location: String },
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Engine(#[from] dataplay_engine::EngineError),
}

pub type Result<T> = std::result::Result<T, ConnectorError>;

/// Wrap a database error with what was being done.
pub fn db(context: impl Into<String>) -> impl FnOnce(sqlx::Error) -> ConnectorError {
    let context = context.into();
    move |cause| ConnectorError::Database { context, cause }
}
