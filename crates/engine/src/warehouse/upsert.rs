//! The MERGE rule as SQL for real databases — used by the connector's load
//! and by the exported PostgreSQL script, so both merge the same way as the
//! in-browser warehouse (`merge`): insert new keys, update rows whose values
//! changed, leave the rest untouched (a re-run writes nothing).

use dataplay_api::fault::NameFault;

/// The column that tells rows repeating a key apart (0, 1, … in row order,
/// as the in-browser merge does); part of every target's primary key in a
/// real database.
pub const OCCURRENCE: &str = "key_occurrence";

/// The SQL dialects a pipeline loads into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqlDialect {
    Postgres,
    MySql,
    Sqlite,
}

impl SqlDialect {
    /// An identifier quoted for this dialect (quotes inside doubled).
    pub fn quote(self, name: &str) -> String {
        match self {
            SqlDialect::MySql => format!("`{}`", name.replace('`', "``")),
            _ => format!("\"{}\"", name.replace('"', "\"\"")),
        }
    }

    /// Is `name` an identifier this dialect's server keeps exactly as
    /// given? PostgreSQL silently truncates names over 63 bytes (so a long
    /// name can become another table's); MySQL/MariaDB refuse names over 64
    /// characters or ending in a space; no server takes an empty name or a
    /// NUL. `Err` says why, for a message naming the identifier.
    pub fn check_identifier(self, name: &str) -> Result<(), NameFault> {
        if name.is_empty() {
            return Err(NameFault::Empty);
        }
        if name.contains('\0') {
            return Err(NameFault::Nul);
        }
        match self {
            SqlDialect::Postgres if name.len() > 63 => Err(NameFault::PostgresTooLong { bytes: name.len() }),
            SqlDialect::MySql if name.chars().count() > 64 => Err(NameFault::MySqlTooLong {
                chars: name.chars().count(),
            }),
            SqlDialect::MySql if name.ends_with(' ') => Err(NameFault::MySqlTrailingSpace),
            _ => Ok(()),
        }
    }

    /// The `n`th (1-based) bind placeholder.
    pub fn placeholder(self, n: usize) -> String {
        match self {
            SqlDialect::Postgres => format!("${n}"),
            SqlDialect::MySql | SqlDialect::Sqlite => "?".into(),
        }
    }

    /// Most bind parameters one statement may carry.
    pub fn max_binds(self) -> usize {
        match self {
            SqlDialect::Postgres | SqlDialect::MySql => 65_535,
            SqlDialect::Sqlite => 32_766,
        }
    }

    /// `a` equals `b`, two nulls counting as equal.
    pub fn null_safe_eq(self, a: &str, b: &str) -> String {
        match self {
            SqlDialect::Postgres => format!("{a} IS NOT DISTINCT FROM {b}"),
            SqlDialect::MySql => format!("{a} <=> {b}"),
            SqlDialect::Sqlite => format!("{a} IS {b}"),
        }
    }

    /// Upsert every row of `staging` into `target` (both already quoted or
    /// otherwise safe SQL names) on `key`: `ON CONFLICT … DO UPDATE … WHERE
    /// changed` (PostgreSQL, SQLite) or `ON DUPLICATE KEY UPDATE` (MySQL,
    /// where an unchanged row is not written either). `columns` (the key's
    /// included) are quoted here.
    pub fn upsert(self, target: &str, staging: &str, columns: &[String], key: &[String]) -> String {
        let q = |c: &String| self.quote(c);
        let cols = columns.iter().map(q).collect::<Vec<_>>().join(", ");
        let non_key: Vec<&String> = columns.iter().filter(|c| !key.contains(c)).collect();
        match self {
            SqlDialect::Postgres | SqlDialect::Sqlite => {
                let (select_tail, excluded) = match self {
                    // SQLite needs a WHERE to tell the upsert from a join.
                    SqlDialect::Sqlite => (" WHERE true", "excluded"),
                    _ => ("", "EXCLUDED"),
                };
                let action = if non_key.is_empty() {
                    "DO NOTHING".to_string()
                } else {
                    let set = non_key
                        .iter()
                        .map(|c| format!("{c} = {excluded}.{c}", c = q(c)))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let same = non_key
                        .iter()
                        .map(|c| self.null_safe_eq(&format!("{target}.{}", q(c)), &format!("{excluded}.{}", q(c))))
                        .collect::<Vec<_>>()
                        .join(" AND ");
                    format!("DO UPDATE SET {set} WHERE NOT ({same})")
                };
                let keys = key.iter().map(q).collect::<Vec<_>>().join(", ");
                format!("INSERT INTO {target} ({cols}) SELECT {cols} FROM {staging}{select_tail} ON CONFLICT ({keys}) {action}")
            }
            SqlDialect::MySql => {
                let set: Vec<String> = if non_key.is_empty() {
                    key.iter().map(|k| format!("{c} = {c}", c = q(k))).collect()
                } else {
                    non_key.iter().map(|c| format!("{c} = VALUES({c})", c = q(c))).collect()
                };
                format!(
                    "INSERT INTO {target} ({cols}) SELECT {cols} FROM {staging} ON DUPLICATE KEY UPDATE {}",
                    set.join(", ")
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn postgres_updates_only_changed_rows() {
        let sql = SqlDialect::Postgres.upsert("\"t\"", "s", &names(&["id", "v"]), &names(&["id"]));
        assert_eq!(
            sql,
            "INSERT INTO \"t\" (\"id\", \"v\") SELECT \"id\", \"v\" FROM s ON CONFLICT (\"id\") \
             DO UPDATE SET \"v\" = EXCLUDED.\"v\" WHERE NOT (\"t\".\"v\" IS NOT DISTINCT FROM EXCLUDED.\"v\")"
        );
    }

    #[test]
    fn a_table_of_keys_only_inserts_or_does_nothing() {
        let cols = names(&["a", "b"]);
        assert!(SqlDialect::Sqlite
            .upsert("t", "s", &cols, &cols)
            .ends_with("FROM s WHERE true ON CONFLICT (\"a\", \"b\") DO NOTHING"));
        assert!(SqlDialect::MySql
            .upsert("t", "s", &cols, &cols)
            .ends_with("ON DUPLICATE KEY UPDATE `a` = `a`, `b` = `b`"));
    }

    #[test]
    fn identifiers_the_server_would_cut_or_refuse_are_refused() {
        let longest = "a".repeat(63);
        assert!(SqlDialect::Postgres.check_identifier(&longest).is_ok());
        let err = SqlDialect::Postgres
            .check_identifier(&format!("{longest}b"))
            .unwrap_err();
        assert_eq!(err, NameFault::PostgresTooLong { bytes: 64 });
        let text = err.to_string();
        assert!(text.contains("64 bytes") && text.contains("63"), "{text}");
        // Bytes, not characters: 32 two-byte letters are 64 bytes.
        assert!(SqlDialect::Postgres.check_identifier(&"ă".repeat(32)).is_err());
        assert!(SqlDialect::MySql.check_identifier(&"ă".repeat(64)).is_ok());
        assert!(SqlDialect::MySql.check_identifier(&"ă".repeat(65)).is_err());
        assert!(SqlDialect::MySql.check_identifier("trailing ").is_err());
        for d in [SqlDialect::Postgres, SqlDialect::MySql, SqlDialect::Sqlite] {
            assert!(d.check_identifier("").is_err());
            assert!(d.check_identifier("a\0b").is_err());
            assert!(
                d.check_identifier("orders; DROP TABLE x").is_ok(),
                "quoted, so any text is a name"
            );
        }
    }

    #[test]
    fn identifiers_are_quoted_with_their_quotes_doubled() {
        assert_eq!(SqlDialect::Postgres.quote("a\"b"), "\"a\"\"b\"");
        assert_eq!(SqlDialect::MySql.quote("a`b"), "`a``b`");
        let sql = SqlDialect::MySql.upsert("t", "s", &names(&["k", "x`y"]), &names(&["k"]));
        assert!(
            sql.ends_with("ON DUPLICATE KEY UPDATE `x``y` = VALUES(`x``y`)"),
            "{sql}"
        );
    }
}
