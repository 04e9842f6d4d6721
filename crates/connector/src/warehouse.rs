//! Loading into a real warehouse database, the seed's `load_to_warehouse`
//! done safely: each target table is created if missing (with its primary
//! key), then in ONE transaction for all tables every frame goes into a
//! temporary staging table (multi-row INSERTs, values bound), is counted
//! against the target (new keys, changed rows, unchanged rows) and merged
//! with the dialect's upsert (`ON CONFLICT … DO UPDATE … WHERE changed`,
//! `ON DUPLICATE KEY UPDATE`). A failure anywhere — a bad row, a lost
//! connection, a killed process — rolls every table back; a re-run of the
//! same load updates nothing.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use dataplay_api::etl::MergeCounts;
use polars_core::prelude::DataFrame;
use sqlx::{Column as _, Database, Encode, Executor, IntoArguments, Pool, Type};

use crate::db::{Db, Dialect};
use crate::error::{db, ConnectorError, Result};
use crate::frame::{ColumnData, Kind};
use crate::on_pool;

pub use dataplay_engine::warehouse::upsert::OCCURRENCE;

/// One table to load: its name, the key it is merged on, its rows.
pub struct Target<'a> {
    pub table: &'a str,
    pub key: &'a [String],
    pub frame: &'a DataFrame,
}

/// A target with its columns read out of the frame.
struct Plan<'a> {
    table: &'a str,
    key: &'a [String],
    columns: Vec<(String, ColumnData)>,
    rows: usize,
}

/// The column type for `kind` in `dialect` (`key`: part of the primary key).
fn sql_type(dialect: Dialect, kind: Kind, key: bool) -> &'static str {
    match (dialect, kind) {
        (Dialect::Sqlite, Kind::Int) => "INTEGER",
        (_, Kind::Int) => "BIGINT",
        (Dialect::Postgres, Kind::Float) => "DOUBLE PRECISION",
        (Dialect::MySql, Kind::Float) => "DOUBLE",
        (Dialect::Sqlite, Kind::Float) => "REAL",
        (_, Kind::Bool) => "BOOLEAN",
        (Dialect::MySql, Kind::Text) if key => "VARCHAR(255)",
        (_, Kind::Text) => "TEXT",
        (_, Kind::Date) => "DATE",
        (Dialect::Postgres, Kind::Datetime) => "TIMESTAMP(3)",
        (Dialect::MySql, Kind::Datetime) => "DATETIME(3)",
        (Dialect::Sqlite, Kind::Datetime) => "DATETIME",
        (Dialect::MySql, Kind::Time) => "TIME(6)",
        (_, Kind::Time) => "TIME",
    }
}

/// MySQL's tables hold any Unicode text whatever the server's default charset.
fn table_options(d: Dialect) -> &'static str {
    match d {
        Dialect::MySql => " DEFAULT CHARSET = utf8mb4 COLLATE utf8mb4_bin",
        _ => "",
    }
}

fn column_list(d: Dialect, plan: &Plan) -> String {
    plan.columns
        .iter()
        .map(|(n, _)| d.quote(n))
        .collect::<Vec<_>>()
        .join(", ")
}

fn definitions(d: Dialect, plan: &Plan) -> String {
    plan.columns
        .iter()
        .map(|(n, c)| format!("{} {}", d.quote(n), sql_type(d, c.kind(), plan.key.contains(n))))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How the load's staging tables are named (a target may not be).
const STAGING_PREFIX: &str = "dataplay_staging_";

/// The staging table of the `index`th target: a name of dataplay's own in
/// the session's temporary space only (`pg_temp` on PostgreSQL, `temp` on
/// SQLite, a TEMPORARY table on MySQL), so neither creating nor dropping it
/// can reach a permanent table — not even one called `<table>_staging`.
fn staging(d: Dialect, index: usize) -> String {
    let name = d.quote(&format!("{STAGING_PREFIX}{index}"));
    match d {
        Dialect::Postgres => format!("pg_temp.{name}"),
        Dialect::Sqlite => format!("temp.{name}"),
        Dialect::MySql => name,
    }
}

/// Refuse a table or column name the server would cut short or reject,
/// before anything is sent (a cut name can be another table's).
pub fn check_names<'n>(d: Dialect, table: &str, columns: impl IntoIterator<Item = &'n str>) -> Result<()> {
    d.check_identifier(table)
        .map_err(|why| ConnectorError::Invalid(format!("table name {table:?}: {why}")))?;
    for c in columns {
        d.check_identifier(c).map_err(|why| ConnectorError::Column {
            table: table.into(),
            column: c.into(),
            message: format!("not a column name this database keeps: {why}"),
        })?;
    }
    Ok(())
}

/// The SQL of one load, built from quoted identifiers only (values are bound).
struct Statements {
    create_target: String,
    drop_staging: String,
    create_staging: String,
    inserted: String,
    unchanged: String,
    merge: String,
    count_after: String,
}

fn statements(d: Dialect, plan: &Plan, index: usize) -> Statements {
    let t = d.quote(plan.table);
    let s = staging(d, index);
    let key_match = plan
        .key
        .iter()
        .map(|k| format!("{t}.{k} = s.{k}", k = d.quote(k)))
        .collect::<Vec<_>>()
        .join(" AND ");
    let all_equal = plan
        .columns
        .iter()
        .map(|(n, _)| d.null_safe_eq(&format!("{t}.{}", d.quote(n)), &format!("s.{}", d.quote(n))))
        .collect::<Vec<_>>()
        .join(" AND ");
    let columns: Vec<String> = plan.columns.iter().map(|(n, _)| n.clone()).collect();
    let merge = d.upsert(&t, &s, &columns, plan.key);
    let keys = plan.key.iter().map(|k| d.quote(k)).collect::<Vec<_>>().join(", ");
    Statements {
        create_target: format!(
            "CREATE TABLE IF NOT EXISTS {t} ({}, PRIMARY KEY ({keys})){}",
            definitions(d, plan),
            table_options(d)
        ),
        drop_staging: match d {
            Dialect::MySql => format!("DROP TEMPORARY TABLE IF EXISTS {s}"),
            _ => format!("DROP TABLE IF EXISTS {s}"),
        },
        create_staging: match d {
            Dialect::Postgres => format!("CREATE TEMPORARY TABLE {s} ({}) ON COMMIT DROP", definitions(d, plan)),
            Dialect::MySql => format!(
                "CREATE TEMPORARY TABLE {s} ({}){}",
                definitions(d, plan),
                table_options(d)
            ),
            Dialect::Sqlite => format!("CREATE TABLE {s} ({})", definitions(d, plan)),
        },
        inserted: format!("SELECT COUNT(*) FROM {s} s WHERE NOT EXISTS (SELECT 1 FROM {t} WHERE {key_match})"),
        unchanged: format!("SELECT COUNT(*) FROM {s} s JOIN {t} ON {key_match} WHERE {all_equal}"),
        merge,
        count_after: format!("SELECT COUNT(*) FROM {t}"),
    }
}

fn columns_of(table: &str, frame: &DataFrame) -> Result<Vec<(String, ColumnData)>> {
    frame
        .get_columns()
        .iter()
        .map(|c| Ok((c.name().to_string(), ColumnData::of(table, c)?)))
        .collect()
}

/// Drop `table` if it exists (the name quoted).
pub async fn drop_table(pool: &Db, table: &str) -> Result<()> {
    check_names(pool.dialect(), table, [])?;
    let sql = format!("DROP TABLE IF EXISTS {}", pool.dialect().quote(table));
    on_pool!(pool, p => sqlx::query(&sql).execute(p).await.map(|_| ())).map_err(db(format!("dropping {table}")))
}

/// Replace `table` with `frame` (no key): drop, create, insert — for
/// putting sample source tables into a database. In one transaction where
/// the database has transactional DDL (PostgreSQL, SQLite; MySQL commits
/// at each CREATE/DROP).
pub async fn replace(pool: &Db, table: &str, frame: &DataFrame) -> Result<usize> {
    let d = pool.dialect();
    let plan = Plan {
        table,
        key: &[],
        columns: columns_of(table, frame)?,
        rows: frame.height(),
    };
    check_names(d, table, plan.columns.iter().map(|(n, _)| n.as_str()))?;
    on_pool!(pool, p => replace_with(p, d, &plan).await)?;
    Ok(plan.rows)
}

async fn replace_with<DB>(pool: &Pool<DB>, d: Dialect, plan: &Plan<'_>) -> Result<()>
where
    DB: Database,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> <DB as Database>::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> Option<i64>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<f64>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<bool>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<&'q str>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<NaiveDate>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<NaiveDateTime>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<NaiveTime>: Encode<'q, DB> + Type<DB>,
{
    let t = d.quote(plan.table);
    let mut tx = pool.begin().await.map_err(db("starting a transaction"))?;
    sqlx::query(&format!("DROP TABLE IF EXISTS {t}"))
        .execute(&mut *tx)
        .await
        .map_err(db(format!("dropping {}", plan.table)))?;
    sqlx::query(&format!(
        "CREATE TABLE {t} ({}){}",
        definitions(d, plan),
        table_options(d)
    ))
    .execute(&mut *tx)
    .await
    .map_err(db(format!("creating {}", plan.table)))?;
    insert_rows(&mut tx, d, &t, plan).await?;
    tx.commit().await.map_err(db("committing"))
}

/// Load `targets` into the warehouse `pool`, all or nothing.
pub async fn load(pool: &Db, targets: &[Target<'_>]) -> Result<Vec<MergeCounts>> {
    let d = pool.dialect();
    let mut plans = Vec::with_capacity(targets.len());
    let keys: Vec<Vec<String>> = targets
        .iter()
        .map(|t| t.key.iter().cloned().chain([OCCURRENCE.to_string()]).collect())
        .collect();
    for (t, key) in targets.iter().zip(&keys) {
        let mut columns = columns_of(t.table, t.frame)?;
        let occurrences = dataplay_engine::warehouse::merge::occurrences(t.table, t.frame, t.key)?;
        columns.push((
            OCCURRENCE.to_string(),
            ColumnData::Int(occurrences.into_iter().map(Some).collect()),
        ));
        for k in t.key {
            if !columns.iter().any(|(n, _)| n == k) {
                return Err(ConnectorError::Column {
                    table: t.table.into(),
                    column: k.clone(),
                    message: "the key column is not in the load".into(),
                });
            }
        }
        check_names(d, t.table, columns.iter().map(|(n, _)| n.as_str()))?;
        if t.table.starts_with(STAGING_PREFIX) {
            // The session's own staging table would hide it (temporary
            // tables come first in name lookup).
            return Err(ConnectorError::Invalid(format!(
                "table name {:?}: names starting {STAGING_PREFIX} are the load's own staging tables",
                t.table
            )));
        }
        plans.push(Plan {
            table: t.table,
            key,
            columns,
            rows: t.frame.height(),
        });
    }
    on_pool!(pool, p => load_with(p, d, &plans).await)
}

async fn load_with<DB>(pool: &Pool<DB>, d: Dialect, plans: &[Plan<'_>]) -> Result<Vec<MergeCounts>>
where
    DB: Database,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> <DB as Database>::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> Option<i64>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<f64>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<bool>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<&'q str>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<NaiveDate>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<NaiveDateTime>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<NaiveTime>: Encode<'q, DB> + Type<DB>,
    for<'r> i64: sqlx::Decode<'r, DB> + Type<DB>,
    usize: sqlx::ColumnIndex<DB::Row>,
{
    // Targets first, outside the transaction (MySQL commits on DDL), and
    // checked: an existing table must have the load's columns.
    for (i, plan) in plans.iter().enumerate() {
        let s = statements(d, plan, i);
        sqlx::query(&s.create_target)
            .execute(pool)
            .await
            .map_err(db(format!("creating {}", plan.table)))?;
        let probe = format!("SELECT * FROM {} WHERE 1 = 0", d.quote(plan.table));
        let described = pool
            .describe(&probe)
            .await
            .map_err(db(format!("reading {}", plan.table)))?;
        let have: Vec<String> = described.columns().iter().map(|c| c.name().to_string()).collect();
        let want: Vec<String> = plan.columns.iter().map(|(n, _)| n.clone()).collect();
        if !want.iter().all(|w| have.contains(w)) {
            return Err(ConnectorError::Invalid(format!(
                "warehouse table {} has columns [{}], the load has [{}]: drop or rename the old table",
                plan.table,
                have.join(", "),
                want.join(", ")
            )));
        }
    }
    let mut tx = pool.begin().await.map_err(db("starting the load transaction"))?;
    let mut report = Vec::with_capacity(plans.len());
    for (i, plan) in plans.iter().enumerate() {
        let s = statements(d, plan, i);
        let ctx = |what: &str| format!("{} ({what})", plan.table);
        sqlx::query(&s.drop_staging)
            .execute(&mut *tx)
            .await
            .map_err(db(ctx("dropping an old staging table")))?;
        sqlx::query(&s.create_staging)
            .execute(&mut *tx)
            .await
            .map_err(db(ctx("creating the staging table")))?;
        insert_rows(&mut tx, d, &staging(d, i), plan).await?;
        let inserted: i64 = sqlx::query_scalar(&s.inserted)
            .fetch_one(&mut *tx)
            .await
            .map_err(db(ctx("counting new keys")))?;
        let unchanged: i64 = sqlx::query_scalar(&s.unchanged)
            .fetch_one(&mut *tx)
            .await
            .map_err(db(ctx("counting unchanged rows")))?;
        sqlx::query(&s.merge)
            .execute(&mut *tx)
            .await
            .map_err(db(ctx("merging")))?;
        let after: i64 = sqlx::query_scalar(&s.count_after)
            .fetch_one(&mut *tx)
            .await
            .map_err(db(ctx("counting rows")))?;
        sqlx::query(&s.drop_staging)
            .execute(&mut *tx)
            .await
            .map_err(db(ctx("dropping the staging table")))?;
        let (inserted, unchanged) = (inserted as usize, unchanged as usize);
        report.push(MergeCounts {
            table: plan.table.to_string(),
            key: plan.key.to_vec(),
            staged: plan.rows,
            inserted,
            updated: plan.rows.saturating_sub(inserted + unchanged),
            unchanged,
            rows_after: after as usize,
        });
    }
    tx.commit().await.map_err(db("committing the load"))?;
    Ok(report)
}

/// Insert a plan's rows into `into` (a quoted name), many rows per statement.
async fn insert_rows<DB>(tx: &mut sqlx::Transaction<'_, DB>, d: Dialect, into: &str, plan: &Plan<'_>) -> Result<()>
where
    DB: Database,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> <DB as Database>::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> Option<i64>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<f64>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<bool>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<&'q str>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<NaiveDate>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<NaiveDateTime>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<NaiveTime>: Encode<'q, DB> + Type<DB>,
{
    let width = plan.columns.len().max(1);
    let per_statement = (d.max_binds() / width).clamp(1, 1000);
    let head = format!("INSERT INTO {into} ({}) VALUES ", column_list(d, plan));
    let mut start = 0;
    while start < plan.rows {
        let end = (start + per_statement).min(plan.rows);
        let mut sql = String::with_capacity(head.len() + (end - start) * width * 6);
        sql.push_str(&head);
        let mut n = 0;
        for row in start..end {
            sql.push_str(if row == start { "(" } else { ", (" });
            for c in 0..plan.columns.len() {
                n += 1;
                if c > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&d.placeholder(n));
            }
            sql.push(')');
        }
        let mut query = sqlx::query(&sql);
        for row in start..end {
            for (_, column) in &plan.columns {
                query = match column {
                    ColumnData::Int(v) => query.bind(v[row]),
                    ColumnData::Float(v) => query.bind(v[row]),
                    ColumnData::Bool(v) => query.bind(v[row]),
                    ColumnData::Text(v) => query.bind(v[row].as_deref()),
                    ColumnData::Date(v) => query.bind(v[row]),
                    ColumnData::Datetime(v) => query.bind(v[row]),
                    ColumnData::Time(v) => query.bind(v[row]),
                };
            }
        }
        query
            .execute(&mut **tx)
            .await
            .map_err(db(format!("{}: staging rows {}–{}", plan.table, start + 1, end)))?;
        start = end;
    }
    Ok(())
}

/// Load the ETL's target tables (`etl::TARGET_KEYS`) from the engine's
/// warehouse into the warehouse `pool`, all or nothing.
pub async fn load_etl(pool: &Db, engine: &dataplay_engine::warehouse::Warehouse) -> Result<Vec<MergeCounts>> {
    let keys: Vec<(&str, Vec<String>)> = dataplay_engine::etl::TARGET_KEYS
        .iter()
        .map(|(name, key)| (*name, key.iter().map(|k| k.to_string()).collect()))
        .collect();
    let targets = keys
        .iter()
        .map(|(table, key)| {
            let frame = &engine
                .table(table)
                .ok_or_else(|| ConnectorError::Invalid(format!("the ETL run did not produce {table}")))?
                .frame;
            Ok(Target { table, key, frame })
        })
        .collect::<Result<Vec<_>>>()?;
    load(pool, &targets).await
}
