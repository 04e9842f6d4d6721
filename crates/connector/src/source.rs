//! Reading from a database: any query into a frame (`read`), the first rows
//! of a table (`preview`), and the ETL's six source tables with the seed's
//! filters pushed down as bound parameters (`extract_sources`): completed
//! transactions and their items in the date range, movements in the range,
//! active customers, all products and stock levels. The joins and every
//! other rule stay in the engine, which filters again (so a database that
//! holds dates as text or timestamps gives the same answer).

use chrono::NaiveDate;
use polars_core::prelude::DataFrame;
use sqlx::{Column as _, Executor, TypeInfo};

use crate::db::Db;
use crate::error::{db, ConnectorError, Result};
use crate::frame::rows_to_frame;
use crate::on_pool;

/// Run `sql` with `dates` bound in order and read the result; `what` names it in errors.
pub async fn read(pool: &Db, what: &str, sql: &str, dates: &[NaiveDate]) -> Result<DataFrame> {
    on_pool!(pool, p => {
        let mut query = sqlx::query(sql);
        for d in dates {
            query = query.bind(*d);
        }
        let rows = query.fetch_all(p).await.map_err(db(format!("reading {what}")))?;
        let columns: Vec<(String, String)> = match rows.first() {
            Some(r) => sqlx::Row::columns(r)
                .iter()
                .map(|c| (c.name().to_string(), c.type_info().name().to_string()))
                .collect(),
            None => p
                .describe(sql)
                .await
                .map_err(db(format!("reading {what}")))?
                .columns()
                .iter()
                .map(|c| (c.name().to_string(), c.type_info().name().to_string()))
                .collect(),
        };
        rows_to_frame(what, &columns, &rows)
    })
}

/// The first `limit` rows of `table` (quoted; the limit is bound).
pub async fn preview(pool: &Db, table: &str, limit: u32) -> Result<DataFrame> {
    let d = pool.dialect();
    crate::warehouse::check_names(d, table, [])?;
    let sql = format!("SELECT * FROM {} LIMIT {}", d.quote(table), limit.min(10_000));
    read(pool, table, &sql, &[]).await
}

/// The seed's source tables for days `from..=to`, by name.
pub async fn extract_sources(pool: &Db, from: NaiveDate, to: NaiveDate) -> Result<Vec<(String, DataFrame)>> {
    let after = to
        .succ_opt()
        .ok_or_else(|| ConnectorError::Invalid(format!("{to}: no day after it")))?;
    let d = pool.dialect();
    let q = |name: &str| d.quote(name);
    let (p1, p2) = (d.placeholder(1), d.placeholder(2));
    let in_range = |column: &str| format!("{c} >= {p1} AND {c} < {p2}", c = q(column));
    let completed = format!(
        "SELECT * FROM {t} WHERE {range} AND {status} = 'completed'",
        t = q("transactions"),
        range = in_range("transaction_date"),
        status = q("status")
    );
    let items = format!(
        "SELECT * FROM {ti} WHERE {id} IN (SELECT {id} FROM {t} WHERE {range} AND {status} = 'completed')",
        ti = q("transaction_items"),
        id = q("transaction_id"),
        t = q("transactions"),
        range = in_range("transaction_date"),
        status = q("status")
    );
    let movements = format!(
        "SELECT * FROM {} WHERE {}",
        q("inventory_movements"),
        in_range("movement_date")
    );
    let customers = format!("SELECT * FROM {} WHERE {} = 'active'", q("customers"), q("status"));
    let all = |name: &str| format!("SELECT * FROM {}", q(name));
    let range = [from, after];
    let plan: [(&str, String, &[NaiveDate]); 6] = [
        ("transactions", completed, &range),
        ("transaction_items", items, &range),
        ("products", all("products"), &[]),
        ("inventory_movements", movements, &range),
        ("product_inventory", all("product_inventory"), &[]),
        ("customers", customers, &[]),
    ];
    let mut out = Vec::with_capacity(plan.len());
    for (name, sql, binds) in plan {
        out.push((name.to_string(), read(pool, name, &sql, binds).await?));
    }
    Ok(out)
}
