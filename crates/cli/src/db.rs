//! The CLI's database side, a thin shell over `dataplay-connector`: read the
//! ETL's sources from a database URL, load the warehouse tables into one,
//! put a sample into a database, preview a table. Passwords in URLs are
//! never printed (errors show URLs redacted); URLs can come from the
//! environment instead of the command line.

use std::collections::HashMap;

use anyhow::{Context, Result};
use dataplay_api::etl::MergeCounts;
use dataplay_connector::{source, warehouse, Db};
use dataplay_engine::warehouse::Warehouse;
use polars_core::prelude::DataFrame;

/// Is `source` a database URL (rather than a directory)?
pub fn is_url(source: &str) -> bool {
    ["postgres://", "postgresql://", "mysql://", "mariadb://", "sqlite:"]
        .iter()
        .any(|p| source.starts_with(p))
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

fn day(text: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").with_context(|| format!("{text}: not a day (YYYY-MM-DD)"))
}

/// The six source tables from the database at `url`, days `from..=to`.
pub fn extract(url: &str, from: &str, to: &str) -> Result<HashMap<String, DataFrame>> {
    let (from, to) = (day(from)?, day(to)?);
    runtime()?.block_on(async {
        let db = Db::connect(url).await?;
        let tables = source::extract_sources(&db, from, to).await;
        db.close().await;
        Ok(tables?.into_iter().collect())
    })
}

/// Merge the ETL's target tables from the engine's warehouse into the
/// warehouse database at `url`, all or nothing.
pub fn load(url: &str, engine: &Warehouse) -> Result<Vec<MergeCounts>> {
    runtime()?.block_on(async {
        let db = Db::connect(url).await?;
        let report = warehouse::load_etl(&db, engine).await;
        db.close().await;
        Ok(report?)
    })
}

/// Merge one frame into `table` of the database at `url` on `key`.
pub fn load_table(url: &str, table: &str, key: &[String], frame: &DataFrame) -> Result<MergeCounts> {
    runtime()?.block_on(async {
        let db = Db::connect(url).await?;
        let report = warehouse::load(&db, &[warehouse::Target { table, key, frame }]).await;
        db.close().await;
        let mut counts = report?;
        counts.pop().context("the load reported no table")
    })
}

/// Replace each named table in the database at `url` with its frame.
pub fn replace(url: &str, tables: &[(String, DataFrame)]) -> Result<()> {
    runtime()?.block_on(async {
        let db = Db::connect(url).await?;
        for (name, frame) in tables {
            let rows = warehouse::replace(&db, name, frame).await?;
            println!("{name:<22} {rows:>10} rows");
        }
        db.close().await;
        Ok(())
    })
}

/// The first `rows` rows of `table`.
pub fn preview(url: &str, table: &str, rows: u32) -> Result<DataFrame> {
    runtime()?.block_on(async {
        let db = Db::connect(url).await?;
        let frame = source::preview(&db, table, rows).await;
        db.close().await;
        Ok(frame?)
    })
}
