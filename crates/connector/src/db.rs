//! A connection to one database, whichever kind the URL names
//! (`postgres://`, `mysql://` or `mariadb://`, `sqlite:PATH`), and what
//! differs between their SQL dialects: quoting identifiers, column types,
//! null-safe equality, placeholders, the upsert.

use std::str::FromStr;
use std::time::Duration;

use sqlx::mysql::{MySqlConnectOptions, MySqlPool, MySqlPoolOptions};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};

use crate::error::{ConnectorError, Result};

/// The SQL dialect of a database: quoting, placeholders, the upsert (one
/// definition with the exported scripts, in the engine).
pub use dataplay_engine::warehouse::upsert::SqlDialect as Dialect;

/// A pool of connections to one database.
#[derive(Debug, Clone)]
pub enum Db {
    Postgres(PgPool),
    MySql(MySqlPool),
    Sqlite(SqlitePool),
}

/// Run `$body` with `$pool` bound to the pool, whatever its kind: the body
/// is compiled once per driver, so binds and decodes are each driver's own.
#[macro_export]
macro_rules! on_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Postgres($pool) => $body,
            $crate::db::Db::MySql($pool) => $body,
            $crate::db::Db::Sqlite($pool) => $body,
        }
    };
}

/// The URL with its password replaced by `***` (for messages and logs).
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        Ok(u) => u.to_string(),
        Err(_) => match url.find('@') {
            // Not a URL the parser takes: drop whatever precedes the host.
            Some(at) => format!("…{}", &url[at..]),
            None => url.to_string(),
        },
    }
}

impl Db {
    /// Connect to the database `url` names; errors name the URL redacted.
    pub async fn connect(url: &str) -> Result<Db> {
        let shown = redact(url);
        let bad = |message: String| ConnectorError::Url {
            url: shown.clone(),
            message,
        };
        let timeout = Duration::from_secs(10);
        let connect_err = |cause| ConnectorError::Connect {
            url: shown.clone(),
            cause,
        };
        let scheme = url.split(':').next().unwrap_or_default().to_ascii_lowercase();
        match scheme.as_str() {
            "postgres" | "postgresql" => {
                let options = PgConnectOptions::from_str(url).map_err(|e| bad(e.to_string()))?;
                let pool = PgPoolOptions::new()
                    .max_connections(4)
                    .acquire_timeout(timeout)
                    .connect_with(options)
                    .await
                    .map_err(connect_err)?;
                Ok(Db::Postgres(pool))
            }
            "mysql" | "mariadb" => {
                let url = url.replacen("mariadb:", "mysql:", 1);
                let options = MySqlConnectOptions::from_str(&url).map_err(|e| bad(e.to_string()))?;
                let pool = MySqlPoolOptions::new()
                    .max_connections(4)
                    .acquire_timeout(timeout)
                    .connect_with(options)
                    .await
                    .map_err(connect_err)?;
                Ok(Db::MySql(pool))
            }
            "sqlite" => {
                let options = SqliteConnectOptions::from_str(url)
                    .map_err(|e| bad(e.to_string()))?
                    .create_if_missing(true);
                // One connection: SQLite has one writer, and temporary
                // staging tables belong to a connection.
                let pool = SqlitePoolOptions::new()
                    .max_connections(1)
                    .acquire_timeout(timeout)
                    .connect_with(options)
                    .await
                    .map_err(connect_err)?;
                Ok(Db::Sqlite(pool))
            }
            _ => Err(bad(
                "not a database URL: use postgres://…, mysql://… (or mariadb://…) or sqlite:PATH".into(),
            )),
        }
    }

    pub fn dialect(&self) -> Dialect {
        match self {
            Db::Postgres(_) => Dialect::Postgres,
            Db::MySql(_) => Dialect::MySql,
            Db::Sqlite(_) => Dialect::Sqlite,
        }
    }

    pub async fn close(&self) {
        on_pool!(self, pool => pool.close().await)
    }
}
