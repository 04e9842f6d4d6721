//! `transform_sales_data`: clean, add time dimensions and business columns,
//! segment customers by their total sales and join the segment back.

use dataplay_api::etl::{DropReason, EtlParams};
use polars_core::prelude::{
    Column, DataFrame, DataType, Float64Chunked, IdxCa, Int32Chunked, Int64Chunked, IntoSeries, NamedFrom,
    NewChunkedArray, PlHashMap, Series, StringChunked, TimeUnit,
};

use super::drops::{key, Drops};
use super::extract::Extract;
use crate::base::calendar::{self, MS_PER_DAY};
use crate::base::columns::Table;
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

pub fn transform(extract: &Extract, params: &EtlParams, drops: &mut Drops) -> Result<Sales> {
    let t = Table::new("extract_sales", &extract.frame);
    let tid = t.ints("transaction_id")?;
    let pid = t.ints("product_id")?;
    let quantity = t.floats("quantity")?;
    let price = t.floats("unit_price")?;

    // Cleaning, in the seed's order.
    let stage = "transform_sales";
    let mut keep = Vec::with_capacity(tid.len());
    for i in 0..tid.len() {
        let reason = if tid[i].is_none() {
            Some(DropReason::NullKey {
                column: "transaction_id".into(),
            })
        } else if pid[i].is_none() {
            Some(DropReason::NullKey {
                column: "product_id".into(),
            })
        } else if quantity[i].is_none_or(|q| q <= 0.0) {
            Some(DropReason::QuantityNotPositive)
        } else if price[i].is_none_or(|p| p < 0.0) {
            Some(DropReason::PriceNegativeOrMissing)
        } else {
            None
        };
        match reason {
            Some(r) => drops.push(
                "transaction_items",
                extract.source_rows[i] as usize,
                stage,
                r,
                key(&[("transaction_id", tid[i]), ("product_id", pid[i])]),
            ),
            None => keep.push(i as u32),
        }
    }
    let mut fact = extract
        .frame
        .take(&IdxCa::from_vec("idx".into(), keep.clone()))
        .map_err(|e| EngineError::polars("cleaning sales", e))?;

    let t = Table::new("extract_sales", &fact);
    let day = t.days("transaction_date")?;
    let time = t.time_of_day_ms("transaction_time")?;
    let discount = t.floats("discount_amount")?;
    let tax = t.floats("tax_amount")?;
    let customer = t.ints("customer_id")?;
    let tid = t.ints("transaction_id")?;
    let n = fact.height();

    // Each derived column is written once, straight into its polars array,
    // from these per-row rules (no intermediate `Vec<Option<_>>` per column:
    // at 1M rows those copies were most of the stage's memory).
    let stamp = |i: usize| Some(day[i]? * MS_PER_DAY + time[i]?);
    let (mut year, mut month, mut quarter, mut dow, mut hour) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let mut weekend = Vec::with_capacity(n);
    let mut dated = Vec::with_capacity(n);
    for i in 0..n {
        let at = stamp(i);
        let (y, m, w, h) = match at {
            Some(ms) => {
                let d = ms.div_euclid(MS_PER_DAY);
                let (y, m, _) = calendar::civil(d);
                (
                    y as i32,
                    m as i32,
                    calendar::weekday(d) as i32,
                    (ms.rem_euclid(MS_PER_DAY) / 3_600_000) as i32,
                )
            }
            None => (0, 0, 0, 0),
        };
        let ok = at.is_some();
        year.push(y);
        month.push(m);
        quarter.push((m + 2) / 3);
        dow.push(w);
        hour.push(h);
        // pandas: NaN.isin([5, 6]) is False.
        weekend.push(ok && w >= 5);
        dated.push(ok);
    }
    let all_dated = dated.iter().all(|&ok| ok);
    let i32_col = |name: &str, values: Vec<i32>| -> Column {
        let ca = if all_dated {
            Int32Chunked::from_vec(name.into(), values)
        } else {
            Int32Chunked::from_iter_options(
                name.into(),
                values.into_iter().zip(&dated).map(|(v, &ok)| ok.then_some(v)),
            )
        };
        Column::from(ca.into_series())
    };

    let keep_cost = 1.0 - params.margin;
    let q = |i: usize| quantity[keep[i] as usize];
    let p = |i: usize| price[keep[i] as usize];
    let gross = |i: usize| q(i).zip(p(i)).map(|(q, p)| q * p);
    let net = |i: usize| gross(i).zip(discount[i]).map(|(g, d)| g - d);
    let total = |i: usize| net(i).zip(tax[i]).map(|(n, t)| n + t);
    let cost = |i: usize| p(i).map(|p| p * keep_cost);
    let profit = |i: usize| net(i).zip(q(i).zip(cost(i))).map(|(n, (q, c))| n - q * c);
    let f64_col = |name: &str, value: &dyn Fn(usize) -> Option<f64>| -> Column {
        Column::from(Float64Chunked::from_iter_options(name.into(), (0..n).map(value)).into_series())
    };

    // Customer statistics: SUM(total_sales) (missing skipped) and distinct transactions.
    let mut stats: PlHashMap<i64, (f64, Vec<i64>)> = PlHashMap::default();
    for i in 0..n {
        if let Some(c) = customer[i] {
            let entry = stats.entry(c).or_default();
            entry.0 += total(i).unwrap_or(0.0);
            if let Some(t) = tid[i] {
                entry.1.push(t);
            }
        }
    }
    let mut stats: Vec<(i64, (f64, Vec<i64>))> = stats.into_iter().collect();
    stats.sort_unstable_by_key(|(id, _)| *id);
    let mut ids = Vec::with_capacity(stats.len());
    let mut seg_of: PlHashMap<i64, Option<&str>> = PlHashMap::with_capacity_and_hasher(stats.len(), Default::default());
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
    let segments = StringChunked::from_iter_options(
        "customer_segment".into(),
        customer.iter().map(|c| c.and_then(|c| seg_of[&c])),
    );

    let stamp_col = Int64Chunked::from_iter_options("transaction_datetime".into(), (0..n).map(stamp))
        .into_series()
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
        f64_col("gross_sales", &gross),
        f64_col("net_sales", &net),
        f64_col("total_sales", &total),
        f64_col("estimated_cost", &cost),
        f64_col("estimated_profit", &profit),
        Column::from(segments.into_series()),
    ];
    fact = fact
        .hstack(&derived)
        .map_err(|e| EngineError::polars("adding derived columns", e))?;
    let customers = DataFrame::new(vec![
        Column::from(Series::new("customer_id".into(), ids)),
        Column::from(Series::new("total_sales".into(), c_total)),
        Column::from(Series::new("transactions".into(), c_count)),
        Column::from(Series::new("avg_transaction_value".into(), c_avg)),
        Column::from(Series::new("customer_segment".into(), c_seg)),
    ])
    .map_err(|e| EngineError::polars("building customer segments", e))?;
    Ok(Sales { fact, customers })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extract(times: &[Option<&str>]) -> Extract {
        let n = times.len();
        let ints = |name: &str, v: Vec<Option<i64>>| Column::from(Series::new(name.into(), v));
        let floats = |name: &str, v: Vec<Option<f64>>| Column::from(Series::new(name.into(), v));
        let frame = DataFrame::new(vec![
            ints("transaction_id", (1..=n as i64).map(Some).collect()),
            ints("product_id", vec![Some(7); n]),
            ints("customer_id", vec![Some(3); n]),
            floats("quantity", vec![Some(2.0); n]),
            floats("unit_price", vec![Some(1000.0); n]),
            floats("discount_amount", vec![Some(100.0); n]),
            floats("tax_amount", (0..n).map(|i| (i != 1).then_some(50.0)).collect()),
            // 2024-01-06 is a Saturday.
            Column::from(Series::new("transaction_date".into(), vec![Some("2024-01-06"); n])),
            Column::from(Series::new("transaction_time".into(), times.to_vec())),
        ])
        .unwrap();
        Extract {
            frame,
            source_rows: (0..n as u32).collect(),
        }
    }

    fn cells(frame: &DataFrame, name: &str) -> Vec<String> {
        let c = frame
            .column(name)
            .unwrap()
            .as_materialized_series()
            .cast(&DataType::String)
            .unwrap();
        c.str()
            .unwrap()
            .into_iter()
            .map(|v| v.unwrap_or("null").to_string())
            .collect()
    }

    #[test]
    fn a_row_without_a_time_has_no_time_dimensions_and_keeps_its_money() {
        let params = EtlParams::default();
        let out = transform(
            &extract(&[Some("13:05:00"), None, Some("00:00:01")]),
            &params,
            &mut Drops::default(),
        )
        .unwrap();
        let f = &out.fact;
        assert_eq!(cells(f, "year"), ["2024", "null", "2024"]);
        assert_eq!(cells(f, "quarter"), ["1", "null", "1"]);
        assert_eq!(cells(f, "day_of_week"), ["5", "null", "5"]);
        assert_eq!(cells(f, "hour"), ["13", "null", "0"]);
        assert_eq!(cells(f, "is_weekend"), ["true", "false", "true"]);
        assert_eq!(
            cells(f, "transaction_datetime"),
            ["2024-01-06 13:05:00.000", "null", "2024-01-06 00:00:01.000"]
        );
        assert_eq!(cells(f, "gross_sales"), ["2000.0", "2000.0", "2000.0"]);
        assert_eq!(cells(f, "net_sales"), ["1900.0", "1900.0", "1900.0"]);
        // The second row has no tax: no total, and it adds nothing to the customer's sum.
        assert_eq!(cells(f, "total_sales"), ["1950.0", "null", "1950.0"]);
        assert_eq!(cells(f, "estimated_cost"), ["600.0", "600.0", "600.0"]);
        assert_eq!(cells(f, "estimated_profit"), ["700.0", "700.0", "700.0"]);
        assert_eq!(cells(&out.customers, "total_sales"), ["3900.0"]);
        assert_eq!(cells(&out.customers, "transactions"), ["3"]);
        assert_eq!(cells(f, "customer_segment"), ["Bronze", "Bronze", "Bronze"]);
        // With every time present the columns have no nulls at all.
        let out = transform(&extract(&[Some("13:05:00")]), &params, &mut Drops::default()).unwrap();
        assert_eq!(out.fact.column("year").unwrap().null_count(), 0);
    }

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
