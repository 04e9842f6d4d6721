//! `transform_sales_data`: clean, add time dimensions and business columns,
//! segment customers by their total sales and join the segment back.

use dataplay_api::etl::EtlParams;
use polars_core::prelude::{Column, DataFrame, DataType, IdxCa, NamedFrom, PlHashMap, Series, TimeUnit};

use super::calendar::{self, MS_PER_DAY};
use super::columns::Table;
use super::drops::{key, Drops};
use super::extract::Extract;
use crate::error::{EngineError, Result};

/// The transformed sales (fact_sales) and the per-customer statistics.
pub struct Sales {
    pub fact: DataFrame,
    pub customers: DataFrame,
}

/// The segment of a customer's total: right-closed bins over `edges`, the
/// last open-ended; at or below the first edge (or NaN) there is none.
pub fn segment<'a>(total: f64, edges: &[f64], labels: &'a [String]) -> Option<&'a str> {
    if total.is_nan() {
        return None;
    }
    let bin = edges.iter().rposition(|&e| total > e)?;
    labels.get(bin).map(String::as_str)
}

fn f64_col(name: &str, v: Vec<Option<f64>>) -> Column {
    Column::from(Series::new(name.into(), v))
}

fn i32_col(name: &str, v: Vec<Option<i32>>) -> Column {
    Column::from(Series::new(name.into(), v))
}

pub fn transform(extract: &Extract, params: &EtlParams, drops: &mut Drops) -> Result<Sales> {
    let t = Table::new("sales extract", &extract.frame);
    let tid = t.ints("transaction_id")?;
    let pid = t.ints("product_id")?;
    let quantity = t.floats("quantity")?;
    let price = t.floats("unit_price")?;

    // Cleaning, in the seed's order.
    let stage = "transform_sales";
    let mut keep = Vec::with_capacity(tid.len());
    for i in 0..tid.len() {
        let reason = if tid[i].is_none() {
            Some("transaction_id is null")
        } else if pid[i].is_none() {
            Some("product_id is null")
        } else if quantity[i].is_none_or(|q| q <= 0.0) {
            Some("quantity is not > 0 (refund, empty or missing)")
        } else if price[i].is_none_or(|p| p < 0.0) {
            Some("unit_price is negative or missing")
        } else {
            None
        };
        match reason {
            Some(r) => drops.push(
                "transaction_items",
                extract.source_rows[i] as usize,
                stage,
                r.into(),
                key(&[("transaction_id", tid[i]), ("product_id", pid[i])]),
            ),
            None => keep.push(i as u32),
        }
    }
    let mut fact = extract
        .frame
        .take(&IdxCa::from_vec("idx".into(), keep.clone()))
        .map_err(|e| EngineError::polars("cleaning sales", e))?;
    let pick = |v: &[Option<f64>]| keep.iter().map(|&i| v[i as usize]).collect::<Vec<_>>();
    let (quantity, price) = (pick(&quantity), pick(&price));

    let t = Table::new("sales extract", &fact);
    let day = t.days("transaction_date")?;
    let time = t.time_of_day_ms("transaction_time")?;
    let discount = t.floats("discount_amount")?;
    let tax = t.floats("tax_amount")?;
    let customer = t.ints("customer_id")?;
    let tid = t.ints("transaction_id")?;
    let n = fact.height();

    let stamp: Vec<Option<i64>> = day
        .iter()
        .zip(&time)
        .map(|(d, t)| Some(d.as_ref()? * MS_PER_DAY + t.as_ref()?))
        .collect();
    let (mut year, mut month, mut quarter, mut dow, mut hour) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let mut weekend = Vec::with_capacity(n);
    for s in &stamp {
        match s {
            Some(ms) => {
                let d = ms.div_euclid(MS_PER_DAY);
                let (y, m, _) = calendar::civil(d);
                let w = calendar::weekday(d);
                year.push(Some(y as i32));
                month.push(Some(m as i32));
                quarter.push(Some(m.div_ceil(3) as i32));
                dow.push(Some(w as i32));
                hour.push(Some((ms.rem_euclid(MS_PER_DAY) / 3_600_000) as i32));
                weekend.push(w >= 5);
            }
            None => {
                for v in [&mut year, &mut month, &mut quarter, &mut dow, &mut hour] {
                    v.push(None);
                }
                // pandas: NaN.isin([5, 6]) is False.
                weekend.push(false);
            }
        }
    }

    let keep_cost = 1.0 - params.margin;
    let mut gross = Vec::with_capacity(n);
    let mut net = Vec::with_capacity(n);
    let mut total = Vec::with_capacity(n);
    let mut cost = Vec::with_capacity(n);
    let mut profit = Vec::with_capacity(n);
    for i in 0..n {
        let g = quantity[i].zip(price[i]).map(|(q, p)| q * p);
        let ne = g.zip(discount[i]).map(|(g, d)| g - d);
        let to = ne.zip(tax[i]).map(|(n, t)| n + t);
        let c = price[i].map(|p| p * keep_cost);
        let pr = ne.zip(quantity[i].zip(c)).map(|(n, (q, c))| n - q * c);
        gross.push(g);
        net.push(ne);
        total.push(to);
        cost.push(c);
        profit.push(pr);
    }

    // Customer statistics: SUM(total_sales) (missing skipped) and distinct transactions.
    let mut stats: PlHashMap<i64, (f64, Vec<i64>)> = PlHashMap::default();
    for i in 0..n {
        if let Some(c) = customer[i] {
            let entry = stats.entry(c).or_default();
            entry.0 += total[i].unwrap_or(0.0);
            if let Some(t) = tid[i] {
                entry.1.push(t);
            }
        }
    }
    let mut stats: Vec<(i64, (f64, Vec<i64>))> = stats.into_iter().collect();
    stats.sort_unstable_by_key(|(id, _)| *id);
    let mut ids = Vec::with_capacity(stats.len());
    let mut seg_of: PlHashMap<i64, Option<&str>> = PlHashMap::with_capacity_and_hasher(ids.len(), Default::default());
    let (mut c_total, mut c_count, mut c_avg, mut c_seg) = (vec![], vec![], vec![], vec![]);
    for (id, (sum, mut txs)) in stats {
        txs.sort_unstable();
        txs.dedup();
        let count = txs.len() as i64;
        let s = segment(sum, &params.segment_edges, &params.segment_labels);
        seg_of.insert(id, s);
        ids.push(id);
        c_total.push(sum);
        c_count.push(count);
        c_avg.push(if count > 0 { Some(sum / count as f64) } else { None });
        c_seg.push(s);
    }
    let segments: Vec<Option<&str>> = customer.iter().map(|c| c.and_then(|c| seg_of[&c])).collect();

    let stamp_col = Series::new("transaction_datetime".into(), stamp)
        .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))
        .map_err(|e| EngineError::polars("building transaction_datetime", e))?;
    let derived = vec![
        Column::from(stamp_col),
        i32_col("year", year),
        i32_col("month", month),
        i32_col("quarter", quarter),
        i32_col("day_of_week", dow),
        i32_col("hour", hour),
        Column::from(Series::new("is_weekend".into(), weekend)),
        f64_col("gross_sales", gross),
        f64_col("net_sales", net),
        f64_col("total_sales", total),
        f64_col("estimated_cost", cost),
        f64_col("estimated_profit", profit),
        Column::from(Series::new("customer_segment".into(), segments)),
    ];
    fact = fact
        .hstack(&derived)
        .map_err(|e| EngineError::polars("adding derived columns", e))?;
    let customers = DataFrame::new(vec![
        Column::from(Series::new("customer_id".into(), ids)),
        f64_col("total_sales", c_total.into_iter().map(Some).collect()),
        Column::from(Series::new("transactions".into(), c_count)),
        f64_col("avg_transaction_value", c_avg),
        Column::from(Series::new("customer_segment".into(), c_seg)),
    ])
    .map_err(|e| EngineError::polars("building customer segments", e))?;
    Ok(Sales { fact, customers })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_right_closed_and_open_ended() {
        let p = EtlParams::default();
        let seg = |v| segment(v, &p.segment_edges, &p.segment_labels);
        assert_eq!(seg(0.0), None);
        assert_eq!(seg(-5.0), None);
        assert_eq!(seg(f64::NAN), None);
        assert_eq!(seg(0.01), Some("Bronze"));
        assert_eq!(seg(1_000_000.0), Some("Bronze"));
        assert_eq!(seg(1_000_000.5), Some("Silver"));
        assert_eq!(seg(5_000_000.0), Some("Silver"));
        assert_eq!(seg(20_000_000.0), Some("Gold"));
        assert_eq!(seg(20_000_001.0), Some("Platinum"));
        assert_eq!(seg(1e15), Some("Platinum"));
    }
}
