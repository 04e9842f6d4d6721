//! `transform_inventory_data`: movement categories by the seed's mapping,
//! running stock per (product, store) in movement order, stockout and
//! overstock flags.

use std::collections::HashMap;

use dataplay_api::etl::EtlParams;
use polars_core::prelude::{Column, DataFrame, IdxCa, NamedFrom, Series};

use super::extract::Extract;
use crate::base::columns::Table;
use crate::error::{EngineError, Result};

pub fn transform(extract: &Extract, params: &EtlParams) -> Result<DataFrame> {
    let t = Table::new("extract_inventory", &extract.frame);
    let product = t.ints("product_id")?;
    let store = t.ints("store_id")?;
    let at = t.datetime_ms("movement_date")?;

    // Sort by (product_id, store_id, movement_date); ties keep extract order.
    let mut order: Vec<u32> = (0..t.height() as u32).collect();
    order.sort_by_key(|&i| {
        let i = i as usize;
        (product[i], store[i], at[i])
    });
    let sorted = extract
        .frame
        .take(&IdxCa::from_vec("idx".into(), order))
        .map_err(|e| EngineError::polars("sorting movements", e))?;

    let t = Table::new("extract_inventory", &sorted);
    let product = t.ints("product_id")?;
    let store = t.ints("store_id")?;
    let kind = t.text("movement_type")?;
    let change = t.floats("quantity_change")?;
    let current = t.floats("current_stock")?;
    let reorder = t.floats("reorder_level")?;
    let max = t.floats("max_stock_level")?;

    let mapping: HashMap<&str, &str> = params
        .movement_mapping
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let category: Vec<Option<&str>> = kind.iter().map(|k| k.and_then(|k| mapping.get(k).copied())).collect();

    // pandas' cumsum skips missing values: the row stays missing, the sum goes on.
    let mut running = Vec::with_capacity(change.len());
    let mut sum = 0.0;
    for i in 0..change.len() {
        if i == 0 || product[i] != product[i - 1] || store[i] != store[i - 1] {
            sum = 0.0;
        }
        running.push(change[i].map(|c| {
            sum += c;
            sum
        }));
    }
    let integer = sorted
        .column("quantity_change")
        .map(|c| c.dtype().is_integer())
        .unwrap_or(false);
    let running = if integer {
        Series::new(
            "running_stock".into(),
            running.iter().map(|v| v.map(|f| f as i64)).collect::<Vec<_>>(),
        )
    } else {
        Series::new("running_stock".into(), running)
    };
    let flag = |name: &str, test: &dyn Fn(f64, f64) -> bool, limit: &[Option<f64>]| {
        let v: Vec<bool> = current
            .iter()
            .zip(limit)
            .map(|(c, l)| c.zip(*l).is_some_and(|(c, l)| test(c, l)))
            .collect();
        Column::from(Series::new(name.into(), v))
    };
    let derived = [
        Column::from(Series::new("movement_category".into(), category)),
        Column::from(running),
        flag("potential_stockout", &|c, l| c <= l, &reorder),
        flag("overstock", &|c, l| c >= l, &max),
    ];
    sorted
        .hstack(&derived)
        .map_err(|e| EngineError::polars("adding inventory columns", e))
}
