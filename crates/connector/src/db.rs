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

/// Query parameters of a connection URL whose values are shown as they
/// are: they say how to connect, not with what. Every other value
/// (`password`, `sslpassword`, `sslkey`/`sslcert`/`sslrootcert` paths,
/// `passfile`, keys and tokens, anything unknown) is masked.
const SHOWN_PARAMETERS: &[&str] = &[
    "sslmode",
    "ssl-mode",
    "connect_timeout",
    "application_name",
    "charset",
    "collation",
    "statement-cache-capacity",
    "timezone",
];

/// The URL as the parser reads it, when that reading keeps the user
/// information where it was written: `postgres://u:12#ab@h/db` parses
/// "successfully" as host `u`, port 12 and a fragment holding the rest of
/// the password, so such URLs go to the cautious fallback instead.
fn parsed(url: &str) -> Option<url::Url> {
    let u = url::Url::parse(url).ok()?;
    let has_userinfo = url.split_once("://").is_some_and(|(_, rest)| rest.contains('@'));
    let userinfo_parsed = !u.username().is_empty() || u.password().is_some();
    if u.fragment().is_some() || (has_userinfo && !userinfo_parsed) {
        return None;
    }
    Some(u)
}

fn shown_parameter(name: &str) -> bool {
    SHOWN_PARAMETERS.contains(&name.to_ascii_lowercase().as_str())
}

/// The URL with its password and every parameter value that could be a
/// secret or a server path replaced by `***` (for messages and logs).
pub fn redact(url: &str) -> String {
    match parsed(url) {
        Some(mut u) => {
            if u.password().is_some() {
                let _ = u.set_password(Some("***"));
            }
            if u.query().is_some() {
                let pairs: Vec<(String, String)> = u
                    .query_pairs()
                    .map(|(k, v)| {
                        let value = if shown_parameter(&k) {
                            v.into_owned()
                        } else {
                            "***".into()
                        };
                        (k.into_owned(), value)
                    })
                    .collect();
                u.query_pairs_mut().clear().extend_pairs(pairs);
            }
            u.to_string()
        }
        None => {
            // Not a URL the parser reads as written: keep the scheme and
            // what follows the last '@' up to any query, drop the rest.
            let scheme = url.split_once("://").map(|(s, _)| s).unwrap_or("");
            let tail = url.rsplit_once('@').map(|(_, t)| t);
            match tail {
                Some(t) => format!("{scheme}://…@{}", t.split(['?', '#']).next().unwrap_or_default()),
                None if url.contains('?') => format!("{}?…", url.split('?').next().unwrap_or_default()),
                None => url.to_string(),
            }
        }
    }
}

/// The values of `url` that `redact` masks — its password and the values
/// of its masked parameters, raw and percent-decoded — longest first.
fn secrets_of(url: &str) -> Vec<String> {
    let mut out = vec![];
    if let Some(u) = parsed(url) {
        if let Some(p) = u.password() {
            out.push(p.to_string());
            out.push(
                url::form_urlencoded::parse(format!("p={p}").as_bytes())
                    .map(|(_, v)| v.into_owned())
                    .collect(),
            );
        }
        for (k, v) in u.query_pairs() {
            if !shown_parameter(&k) {
                out.push(v.into_owned());
            }
        }
        if let Some(q) = u.query() {
            out.extend(
                q.split('&')
                    .filter_map(|p| p.split_once('='))
                    .filter(|(k, _)| !shown_parameter(k))
                    .map(|(_, v)| v.to_string()),
            );
        }
    } else if let Some((head, _)) = url.rsplit_once('@') {
        // user:password (after the scheme): the password is everything
        // after the first ':' of it.
        let userinfo = head.split_once("://").map_or(head, |(_, rest)| rest);
        if let Some((_, password)) = userinfo.split_once(':') {
            out.push(password.to_string());
        }
    }
    out.retain(|s| !s.is_empty());
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out.dedup();
    out
}

/// `text` (a driver's message about `url`) with every secret of the URL —
/// the password, masked parameter values such as key paths — replaced by `***`.
pub fn scrub(text: &str, url: &str) -> String {
    let mut text = text.replace(url, &redact(url));
    for secret in secrets_of(url) {
        text = text.replace(&secret, "***");
    }
    text
}

impl Db {
    /// Connect to the database `url` names; errors name the URL redacted.
    pub async fn connect(url: &str) -> Result<Db> {
        let shown = redact(url);
        let bad = |message: String| ConnectorError::Url {
            url: shown.clone(),
            message: scrub(&message, url),
        };
        let timeout = Duration::from_secs(10);
        let connect_err = |cause: sqlx::Error| ConnectorError::Connect {
            url: shown.clone(),
            message: scrub(&cause.to_string(), url),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_and_secret_parameters_are_masked() {
        let url = "postgres://u:pw-in-userinfo@h:5432/db?password=pw-in-query&sslpassword=keypass\
                   &sslkey=/srv/keys/client.key&sslmode=require&passfile=/home/u/.pgpass";
        let shown = redact(url);
        for secret in [
            "pw-in-userinfo",
            "pw-in-query",
            "keypass",
            "/srv/keys",
            "client.key",
            ".pgpass",
        ] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(
            shown.contains("sslmode=require") && shown.contains("u:***@h:5432/db"),
            "{shown}"
        );
        // A password given only as a parameter (no user:pass@).
        let shown = redact("postgres://u@h/db?password=only-here");
        assert!(
            !shown.contains("only-here") && shown.contains("password=***"),
            "{shown}"
        );
        // Percent-encoded values are masked too.
        let shown = redact("mysql://u@h/db?password=a%20b%2Fc");
        assert!(!shown.contains("a%20b") && !shown.contains("a b"), "{shown}");
        // S3-style keys in a URL.
        let shown = redact("s3://AKIDEXAMPLE:wJalrXUtnFEMI@bucket/prefix?aws_secret_access_key=wJalrX2");
        assert!(
            !shown.contains("wJalrXUtnFEMI") && !shown.contains("wJalrX2"),
            "{shown}"
        );
        // Not a URL at all: what precedes the host and any query go.
        let shown = redact("postgres://u:p@ss@w0rd@h/db?password=x y");
        assert!(!shown.contains("w0rd") && !shown.contains("x y"), "{shown}");
        // A '#' in a password makes the parser read a host and a fragment.
        let shown = redact("postgres://u:123#abc@h/db");
        assert!(!shown.contains("123") && !shown.contains("abc"), "{shown}");
        assert_eq!(shown, "postgres://…@h/db");
    }

    #[test]
    fn scrubbing_leaves_shown_settings_and_finds_decoded_passwords() {
        let url = "postgres://u:p%40ss%20word@h/db?sslmode=require&connect_timeout=10";
        let text = scrub("os error 110 with sslmode require for p@ss word", url);
        assert_eq!(text, "os error 110 with sslmode require for ***");
        let text = scrub("bad u:pw#1@h", "postgres://u:pw#1@h/db");
        assert!(!text.contains("pw#1"), "{text}");
    }

    #[test]
    fn a_drivers_message_loses_the_urls_secrets() {
        let url = "postgres://u@h/db?sslkey=/srv/keys/client.key&password=hunter2";
        let message = format!("error with configuration: could not read /srv/keys/client.key for {url}: hunter2");
        let text = scrub(&message, url);
        assert!(!text.contains("/srv/keys") && !text.contains("hunter2"), "{text}");
        assert!(text.contains("could not read ***"), "{text}");
    }
}
