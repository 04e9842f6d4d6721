//! Numbers behind the ETL page's charts: customers and revenue per segment,
//! revenue by hour and by weekday, and the running stock of the busiest
//! (product, store) with its reorder and max levels.

use std::collections::HashMap;

use dataplay_api::etl::{EtlCharts, EtlParams, StockSeries};
use polars_core::prelude::DataFrame;

use crate::base::columns::Table;
use crate::error::Result;

pub fn build(fact: &DataFrame, customers: &DataFrame, inventory: &DataFrame, params: &EtlParams) -> Result<EtlCharts> {
    let f = Table::new("fact_sales", fact);
    let total = f.floats("total_sales")?;
    let mut by_hour = vec![0.0; 24];
    let mut by_weekday = vec![0.0; 7];
    for ((h, w), t) in f.ints("hour")?.iter().zip(f.ints("day_of_week")?).zip(&total) {
        let t = t.unwrap_or(0.0);
        if let Some(h) = h.filter(|h| (0..24).contains(h)) {
            by_hour[h as usize] += t;
        }
        if let Some(w) = w.filter(|w| (0..7).contains(w)) {
            by_weekday[w as usize] += t;
        }
    }

    let c = Table::new("customer_segments", customers);
    let mut segments: Vec<(String, usize, f64)> = params
        .segment_labels
        .iter()
        .map(|l| (l.clone(), 0, 0.0))
        .chain([("—".to_string(), 0, 0.0)])
        .collect();
    for (s, t) in c.strings("customer_segment")?.iter().zip(c.floats("total_sales")?) {
        let slot = s
            .as_deref()
            .and_then(|s| segments.iter().position(|(l, _, _)| l == s))
            .unwrap_or(segments.len() - 1);
        segments[slot].1 += 1;
        segments[slot].2 += t.unwrap_or(0.0);
    }

    let inv = Table::new("fact_inventory_movements", inventory);
    let product = inv.ints("product_id")?;
    let store = inv.ints("store_id")?;
    let mut counts: HashMap<(i64, i64), usize> = HashMap::new();
    for pair in product.iter().zip(&store).filter_map(|(p, s)| p.zip(*s)) {
        *counts.entry(pair).or_default() += 1;
    }
    let busiest = counts
        .into_iter()
        .max_by_key(|&((p, s), n)| (n, std::cmp::Reverse((p, s))));
    let stock = match busiest {
        None => None,
        Some(((p, s), _)) => {
            let at = inv.datetime_ms("movement_date")?;
            let running = inv.floats("running_stock")?;
            let reorder = inv.floats("reorder_level")?;
            let max = inv.floats("max_stock_level")?;
            let rows: Vec<usize> = (0..inv.height())
                .filter(|&i| product[i] == Some(p) && store[i] == Some(s))
                .collect();
            Some(StockSeries {
                product_id: p,
                store_id: s,
                reorder_level: rows.first().and_then(|&i| reorder[i]),
                max_stock_level: rows.first().and_then(|&i| max[i]),
                points: rows.iter().filter_map(|&i| Some((at[i]?, running[i]?))).collect(),
            })
        }
    };
    Ok(EtlCharts {
        segments,
        revenue_by_hour: by_hour,
        revenue_by_weekday: by_weekday,
        stock,
    })
}
