//! The three extracts of the seed's `RetailETLPipeline`, with SQL join
//! semantics (inner joins; a null key matches nothing; duplicate keys
//! multiply rows) and a reason for every source row that does not make it.
//!
//! - sales: transactions ⋈ transaction_items ⋈ products, `status = 'completed'`,
//!   transaction_date in [from, to];
//! - inventory: inventory_movements ⋈ product_inventory on (product_id,
//!   store_id), the movement's day in [from, to];
//! - customers: `status = 'active'`.
//!
//! Rows without the key their warehouse table is merged on (movement_id,
//! customer_id) are dropped here, with that reason.

use std::hash::Hash;

use dataplay_api::etl::DropReason;
use dataplay_api::Fault;
use polars_core::prelude::{Column, DataFrame, IdxCa, PlHashMap};

use super::drops::{key, Drops};
use crate::base::calendar::MS_PER_DAY;
use crate::base::columns::{Kind, Table};
use crate::error::{EngineError, Result};

pub const SALES_COLUMNS: [(&str, &str); 16] = [
    ("transactions", "transaction_id"),
    ("transactions", "store_id"),
    ("transactions", "register_id"),
    ("transactions", "cashier_id"),
    ("transactions", "customer_id"),
    ("transactions", "transaction_date"),
    ("transactions", "transaction_time"),
    ("transaction_items", "product_id"),
    ("transaction_items", "quantity"),
    ("transaction_items", "unit_price"),
    ("transaction_items", "discount_amount"),
    ("transaction_items", "tax_amount"),
    ("transaction_items", "line_total"),
    ("products", "product_name"),
    ("products", "category_id"),
    ("products", "brand_id"),
];

pub const INVENTORY_COLUMNS: [(&str, &str); 11] = [
    ("inventory_movements", "movement_id"),
    ("inventory_movements", "product_id"),
    ("inventory_movements", "store_id"),
    ("inventory_movements", "movement_type"),
    ("inventory_movements", "quantity_change"),
    ("inventory_movements", "movement_date"),
    ("inventory_movements", "reason_code"),
    ("inventory_movements", "reference_number"),
    ("product_inventory", "current_stock"),
    ("product_inventory", "reorder_level"),
    ("product_inventory", "max_stock_level"),
];

pub const CUSTOMER_COLUMNS: [&str; 11] = [
    "customer_id",
    "first_name",
    "last_name",
    "email",
    "phone",
    "birth_date",
    "gender",
    "registration_date",
    "loyalty_tier",
    "preferred_store_id",
    "marketing_consent",
];

/// An extract's rows, and for each the source row it came from in the
/// driving table (transaction_items, inventory_movements), for tracing drops.
pub struct Extract {
    pub frame: DataFrame,
    pub source_rows: Vec<u32>,
}

/// Rows by key, duplicates kept in row order (a hash join's build side).
struct Index<K> {
    head: PlHashMap<K, u32>,
    next: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl<K: Hash + Eq + Copy> Index<K> {
    fn build(keys: impl DoubleEndedIterator<Item = Option<K>> + ExactSizeIterator) -> Self {
        let n = keys.len();
        let mut head = PlHashMap::with_capacity_and_hasher(n, Default::default());
        let mut next = vec![NONE; n];
        // Inserting backwards leaves each chain in row order.
        for (row, k) in keys.enumerate().rev() {
            if let Some(k) = k {
                if let Some(prev) = head.insert(k, row as u32) {
                    next[row] = prev;
                }
            }
        }
        Index { head, next }
    }

    fn rows(&self, k: &K) -> impl Iterator<Item = usize> + '_ {
        let mut at = self.head.get(k).copied().unwrap_or(NONE);
        std::iter::from_fn(move || {
            (at != NONE).then(|| {
                let row = at as usize;
                at = self.next[row];
                row
            })
        })
    }
}

fn idx(rows: &[u32]) -> IdxCa {
    IdxCa::from_vec("idx".into(), rows.to_vec())
}

/// Columns of several tables gathered by row indices, in `spec` order (each
/// table's columns are taken in parallel).
fn gather(parts: &[(Table, &[u32])], spec: &[(&str, &str)]) -> Result<DataFrame> {
    let mut taken: Vec<(&str, Vec<Column>)> = Vec::with_capacity(parts.len());
    for (t, rows) in parts {
        let names: Vec<&str> = spec
            .iter()
            .filter(|(table, _)| *table == t.name)
            .map(|(_, c)| *c)
            .collect();
        // The callers check these columns exist first, naming the table.
        let frame = t
            .frame
            .select(names.iter().copied())
            .and_then(|f| f.take(&idx(rows)))
            .map_err(|e| EngineError::polars(format!("joining {}", t.name), e))?;
        taken.push((t.name, frame.take_columns()));
    }
    let mut columns = Vec::with_capacity(spec.len());
    for (table, column) in spec {
        let (_, cols) = taken
            .iter_mut()
            .find(|(name, _)| name == table)
            .ok_or_else(|| EngineError::table(table, Fault::NotExtracted))?;
        let at = cols.iter().position(|c| c.name().as_str() == *column).ok_or_else(|| {
            EngineError::table(
                table,
                Fault::NoSuchColumn {
                    column: column.to_string(),
                },
            )
        })?;
        columns.push(cols.swap_remove(at));
    }
    DataFrame::new(columns).map_err(|e| EngineError::polars("building the extract", e))
}

fn check_rows(table: &Table) -> Result<()> {
    if table.height() >= NONE as usize {
        return Err(EngineError::table(table.name, Fault::TooManyRows));
    }
    Ok(())
}

/// `extract_pos_data`: completed transactions in [from, to] with their items and products.
pub fn sales(
    transactions: Table,
    items: Table,
    products: Table,
    (from, to): (i64, i64),
    drops: &mut Drops,
) -> Result<Extract> {
    for t in [&transactions, &items, &products] {
        check_rows(t)?;
    }
    for (table, column) in SALES_COLUMNS {
        let t = [transactions, items, products].into_iter().find(|t| t.name == table);
        if let Some(t) = t {
            t.column(column)?;
        }
    }
    // Columns the transform reads as numbers, dates or times: a bad value is
    // reported here, with the source table's row.
    for (t, column, kind) in [
        (&transactions, "customer_id", Kind::Int),
        (&transactions, "transaction_time", Kind::Time),
        (&items, "quantity", Kind::Float),
        (&items, "unit_price", Kind::Float),
        (&items, "discount_amount", Kind::Float),
        (&items, "tax_amount", Kind::Float),
    ] {
        t.check(column, kind)?;
    }
    let tx_id = transactions.ints("transaction_id")?;
    let status = transactions.text("status")?;
    let completed: Vec<bool> = status.iter().map(|s| s == Some("completed")).collect();
    let tx_day = transactions.days("transaction_date")?;
    let tx_index = Index::build(tx_id.iter().copied());
    let product_index = Index::build(products.ints("product_id")?.into_iter());
    let item_tx = items.ints("transaction_id")?;
    let item_product = items.ints("product_id")?;

    let (mut item_rows, mut tx_rows, mut product_rows) = (Vec::new(), Vec::new(), Vec::new());
    let stage = "extract_sales";
    for (i, (tid, pid)) in item_tx.iter().zip(&item_product).enumerate() {
        let k = || key(&[("transaction_id", *tid), ("product_id", *pid)]);
        let Some(tid) = tid else {
            drops.push(
                "transaction_items",
                i,
                stage,
                DropReason::NullKey {
                    column: "transaction_id".into(),
                },
                k(),
            );
            continue;
        };
        let mut why: Option<DropReason> = None;
        let mut qualifying = tx_index.rows(tid).filter(|&t| {
            let completed = completed[t];
            let in_range = tx_day[t].is_some_and(|d| d >= from && d <= to);
            if why.is_none() && !completed {
                why = Some(match status.get(t) {
                    Some(s) => DropReason::TransactionStatus { status: s.to_string() },
                    None => DropReason::TransactionStatusNull,
                });
            } else if why.is_none() && !in_range {
                why = Some(DropReason::TransactionOutsideRange);
            }
            completed && in_range
        });
        let first = qualifying.next();
        let rest: Vec<usize> = qualifying.collect();
        let Some(first) = first else {
            let reason = why.unwrap_or(DropReason::NoSuchTransaction);
            drops.push("transaction_items", i, stage, reason, k());
            continue;
        };
        let Some(pid) = pid else {
            drops.push(
                "transaction_items",
                i,
                stage,
                DropReason::NullKey {
                    column: "product_id".into(),
                },
                k(),
            );
            continue;
        };
        let mut matched = false;
        for t in std::iter::once(first).chain(rest) {
            for p in product_index.rows(pid) {
                matched = true;
                item_rows.push(i as u32);
                tx_rows.push(t as u32);
                product_rows.push(p as u32);
            }
        }
        if !matched {
            drops.push("transaction_items", i, stage, DropReason::NoSuchProduct, k());
        }
    }
    let frame = gather(
        &[(transactions, &tx_rows), (items, &item_rows), (products, &product_rows)],
        &SALES_COLUMNS,
    )?;
    Ok(Extract {
        frame,
        source_rows: item_rows,
    })
}

/// `extract_inventory_data`: movements on days in [from, to] with their stock row.
pub fn inventory(movements: Table, stock: Table, (from, to): (i64, i64), drops: &mut Drops) -> Result<Extract> {
    check_rows(&movements)?;
    check_rows(&stock)?;
    for (table, column) in INVENTORY_COLUMNS {
        let t = if table == movements.name { movements } else { stock };
        t.column(column)?;
    }
    let stock_keys: Vec<Option<(i64, i64)>> = stock
        .ints("product_id")?
        .into_iter()
        .zip(stock.ints("store_id")?)
        .map(|(p, s)| p.zip(s))
        .collect();
    let stock_index = Index::build(stock_keys.into_iter());
    let product = movements.ints("product_id")?;
    let store = movements.ints("store_id")?;
    let at = movements.datetime_ms("movement_date")?;
    let ids = movements.ints("movement_id")?;
    for (t, column, kind) in [
        (&movements, "quantity_change", Kind::Float),
        (&stock, "current_stock", Kind::Float),
        (&stock, "reorder_level", Kind::Float),
        (&stock, "max_stock_level", Kind::Float),
    ] {
        t.check(column, kind)?;
    }
    let (mut movement_rows, mut stock_rows) = (Vec::new(), Vec::new());
    let stage = "extract_inventory";
    for (i, ((p, s), t)) in product.iter().zip(&store).zip(&at).enumerate() {
        let k = || key(&[("product_id", *p), ("store_id", *s)]);
        if ids[i].is_none() {
            // fact_inventory_movements is keyed by movement_id.
            drops.push(
                "inventory_movements",
                i,
                stage,
                DropReason::NullKey {
                    column: "movement_id".into(),
                },
                k(),
            );
            continue;
        }
        let day = t.map(|ms| ms.div_euclid(MS_PER_DAY));
        if !day.is_some_and(|d| d >= from && d <= to) {
            let reason = if day.is_none() {
                DropReason::MovementDateNull
            } else {
                DropReason::MovementOutsideRange
            };
            drops.push("inventory_movements", i, stage, reason, k());
            continue;
        }
        let Some(pair) = p.zip(*s) else {
            drops.push("inventory_movements", i, stage, DropReason::ProductOrStoreNull, k());
            continue;
        };
        let mut matched = false;
        for r in stock_index.rows(&pair) {
            matched = true;
            movement_rows.push(i as u32);
            stock_rows.push(r as u32);
        }
        if !matched {
            drops.push("inventory_movements", i, stage, DropReason::NoStockRow, k());
        }
    }
    let frame = gather(&[(movements, &movement_rows), (stock, &stock_rows)], &INVENTORY_COLUMNS)?;
    Ok(Extract {
        frame,
        source_rows: movement_rows,
    })
}

/// `extract_customer_data`: active customers, the seed's columns.
pub fn customers(customers: Table, drops: &mut Drops) -> Result<Extract> {
    check_rows(&customers)?;
    for column in CUSTOMER_COLUMNS {
        customers.column(column)?;
    }
    let status = customers.strings("status")?;
    let ids = customers.ints("customer_id")?;
    let mut rows = Vec::new();
    for (i, s) in status.iter().enumerate() {
        if ids[i].is_none() {
            // dim_customers is keyed by customer_id: a row without one cannot be merged.
            drops.push(
                "customers",
                i,
                "extract_customers",
                DropReason::NullKey {
                    column: "customer_id".into(),
                },
                key(&[("customer_id", None)]),
            );
        } else if s.as_deref() == Some("active") {
            rows.push(i as u32);
        } else {
            let reason = match s {
                Some(s) => DropReason::CustomerStatus { status: s.clone() },
                None => DropReason::CustomerStatusNull,
            };
            drops.push(
                "customers",
                i,
                "extract_customers",
                reason,
                key(&[("customer_id", ids[i])]),
            );
        }
    }
    let spec: Vec<(&str, &str)> = CUSTOMER_COLUMNS.iter().map(|c| (customers.name, *c)).collect();
    let frame = gather(&[(customers, &rows)], &spec)?;
    Ok(Extract {
        frame,
        source_rows: rows,
    })
}
