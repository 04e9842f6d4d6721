//! The connector's errors. None of them carries a password: URLs are shown
//! redacted (`db::redact`), and database errors are wrapped with what was
//! being done, never with the connection string.

#[derive(Debug, thiserror::Error)]
pub enum ConnectorError {
    #[error("{url}: {message}")]
    Url { url: String, message: String },
    // The cause is shown in the message and not chained as a source:
    // sqlx's errors repeat their own source, so a chain printed it thrice.
    #[error("{url}: could not connect: {cause}")]
    Connect { url: String, cause: sqlx::Error },
    #[error("{context}: {cause}")]
    Database { context: String, cause: sqlx::Error },
    #[error("{table}.{column}: {message}")]
    Column {
        table: String,
        column: String,
        message: String,
    },
    /// An object store (S3 or a directory) refused or failed: where, and why.
    #[error("{location}: {message}")]
    Store { location: String, message: String },
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
