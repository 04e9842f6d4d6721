//! Data-quality checks on the transformed sales, per day of the run's range
//! (the seed's run is one day; a range is checked day by day). A check with
//! severity `fail` that fails stops the run before anything is loaded.

use dataplay_api::etl::{
    Bound, CheckResult, CheckRule, CheckSpec, CheckStatus, Finding, PerDay, QualityReport, SampleColumn, Severity,
};
use polars_core::prelude::DataFrame;

use super::elt::{number as sql_number, Dialect};
use crate::base::calendar::{format_date, MS_PER_DAY};
use crate::base::columns::Table;
use crate::error::Result;

const SAMPLE: usize = 10;

pub fn run(fact: &DataFrame, checks: &[CheckSpec], (from, to): (i64, i64)) -> Result<QualityReport> {
    let t = Table::new("fact_sales", fact);
    let day: Vec<Option<i64>> = t
        .datetime_ms("transaction_datetime")?
        .into_iter()
        .map(|v| v.map(|ms| ms.div_euclid(MS_PER_DAY)))
        .collect();
    let days = (to - from + 1).max(0) as usize;
    let index = |d: &Option<i64>| d.filter(|d| (from..=to).contains(d)).map(|d| (d - from) as usize);

    let mut results = Vec::with_capacity(checks.len());
    for check in checks {
        let result = match &check.rule {
            CheckRule::MinRowsPerDay { min } => {
                let mut rows = vec![0f64; days];
                for d in &day {
                    if let Some(i) = index(d) {
                        rows[i] += 1.0;
                    }
                }
                per_day(check, &rows, *min, from, PerDay::Rows)
            }
            CheckRule::MinRevenuePerDay { min } => {
                let total = t.floats("total_sales")?;
                let mut revenue = vec![0f64; days];
                for (d, v) in day.iter().zip(&total) {
                    if let Some(i) = index(d) {
                        revenue[i] += v.unwrap_or(0.0);
                    }
                }
                per_day(check, &revenue, *min, from, PerDay::Revenue)
            }
            CheckRule::MaxNulls { columns, max } => nulls(&t, check, columns, *max, &day, (from, to))?,
        };
        results.push(result);
    }
    Ok(QualityReport {
        passed: results.iter().all(|r| r.status != CheckStatus::Fail),
        skipped: false,
        checks: results,
    })
}

fn status(ok: bool, severity: Severity) -> CheckStatus {
    match (ok, severity) {
        (true, _) => CheckStatus::Pass,
        (false, Severity::Warn) => CheckStatus::Warn,
        (false, Severity::Fail) => CheckStatus::Fail,
    }
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:.2}")
    }
}

fn per_day(check: &CheckSpec, values: &[f64], min: f64, from: i64, what: PerDay) -> CheckResult {
    let failing: Vec<(usize, f64)> = values.iter().copied().enumerate().filter(|(_, v)| *v < min).collect();
    let worst = values.iter().copied().enumerate().min_by(|a, b| a.1.total_cmp(&b.1));
    let observed = worst.map_or(0.0, |(_, v)| v);
    let detail = match worst {
        None => Finding::NoDays,
        Some((d, lowest)) if failing.is_empty() => Finding::EveryDayAtLeast {
            what,
            min,
            lowest,
            day: format_date(from + d as i64),
        },
        Some((d, lowest)) => Finding::DaysBelow {
            what,
            below: failing.len(),
            days: values.len(),
            min,
            lowest,
            day: format_date(from + d as i64),
        },
    };
    CheckResult {
        name: check.name.clone(),
        severity: check.severity,
        status: status(failing.is_empty(), check.severity),
        observed,
        expected: Bound::AtLeast { value: min },
        detail,
        sample_columns: vec![
            SampleColumn::Day,
            match what {
                PerDay::Rows => SampleColumn::Rows,
                PerDay::Revenue => SampleColumn::Revenue,
            },
        ],
        sample: failing
            .iter()
            .take(SAMPLE)
            .map(|(d, v)| vec![format_date(from + *d as i64), number(*v)])
            .collect(),
    }
}

fn nulls(
    t: &Table,
    check: &CheckSpec,
    columns: &[String],
    max: f64,
    day: &[Option<i64>],
    (from, to): (i64, i64),
) -> Result<CheckResult> {
    let mut cols = Vec::with_capacity(columns.len());
    for c in columns {
        cols.push(t.column(c)?.as_materialized_series().is_null());
    }
    let tid = t.ints("transaction_id")?;
    let pid = t.ints("product_id")?;
    let mut count = 0usize;
    let mut sample = Vec::new();
    for i in 0..t.height() {
        if !day[i].is_some_and(|d| (from..=to).contains(&d)) {
            continue;
        }
        let null_in: Vec<&str> = columns
            .iter()
            .zip(&cols)
            .filter(|(_, mask)| mask.get(i).unwrap_or(false))
            .map(|(c, _)| c.as_str())
            .collect();
        if null_in.is_empty() {
            continue;
        }
        count += 1;
        if sample.len() < SAMPLE {
            let show = |v: Option<i64>| v.map_or("∅".to_string(), |v| v.to_string());
            sample.push(vec![
                (i + 1).to_string(),
                show(tid[i]),
                show(pid[i]),
                null_in.join(", "),
            ]);
        }
    }
    let ok = (count as f64) <= max;
    let detail = if count == 0 {
        Finding::NoNulls {
            columns: columns.to_vec(),
        }
    } else {
        Finding::RowsWithNulls {
            rows: count,
            columns: columns.to_vec(),
        }
    };
    Ok(CheckResult {
        name: check.name.clone(),
        severity: check.severity,
        status: status(ok, check.severity),
        observed: count as f64,
        expected: Bound::AtMost { value: max },
        detail,
        sample_columns: vec![
            SampleColumn::FactSalesRow,
            SampleColumn::TransactionId,
            SampleColumn::ProductId,
            SampleColumn::NullIn,
        ],
        sample,
    })
}

/// One check as a query over the fact table `fact` for an exported job: one
/// row, `failing` (days below the minimum, or 1 when more rows than allowed
/// have nulls) and `observed` (the lowest day, or the rows with nulls) —
/// the same numbers `run` reports. The check's columns are quoted
/// identifiers (`dialect.quote`), its days literals: nothing of the check
/// is pasted in as SQL.
pub fn sql(check: &CheckSpec, (from, to): (i64, i64), fact: &str, dialect: Dialect) -> String {
    let (a, b) = (dialect.text(&format_date(from)), dialect.text(&format_date(to)));
    let day = "CAST(f.transaction_datetime AS DATE)";
    let per_day = |value: &str, min: f64| {
        let days = match dialect {
            Dialect::Spark => format!("SELECT explode(sequence(DATE {a}, DATE {b}, INTERVAL 1 DAY)) AS day"),
            _ => {
                format!("SELECT CAST(g AS DATE) AS day FROM generate_series(DATE {a}, DATE {b}, INTERVAL '1 day') AS g")
            }
        };
        format!(
            "SELECT CAST(COUNT(CASE WHEN value < {min} THEN 1 END) AS BIGINT) AS failing, \
             CAST(MIN(value) AS {double}) AS observed\n\
             FROM (SELECT d.day, {value} AS value FROM ({days}) AS d\n\
             \x20     LEFT JOIN {fact} f ON {day} = d.day GROUP BY d.day) AS per_day",
            min = sql_number(min),
            double = dialect.double()
        )
    };
    match &check.rule {
        CheckRule::MinRowsPerDay { min } => per_day("COUNT(f.transaction_datetime)", *min),
        CheckRule::MinRevenuePerDay { min } => per_day("COALESCE(SUM(f.total_sales), 0)", *min),
        CheckRule::MaxNulls { columns, max } => {
            let any_null = if columns.is_empty() {
                "FALSE".to_string()
            } else {
                columns
                    .iter()
                    .map(|c| format!("f.{} IS NULL", dialect.quote(c)))
                    .collect::<Vec<_>>()
                    .join(" OR ")
            };
            let double = dialect.double();
            format!(
                "SELECT CASE WHEN COUNT(*) > {max} THEN 1 ELSE 0 END AS failing, CAST(COUNT(*) AS {double}) AS observed\n\
                 FROM {fact} f WHERE {day} BETWEEN DATE {a} AND DATE {b} AND ({any_null})",
                max = sql_number(*max)
            )
        }
    }
}

/// What a check expects, as `run` words it (`>= 1000`, `<= 0`).
pub fn expected(check: &CheckSpec) -> String {
    match &check.rule {
        CheckRule::MinRowsPerDay { min } | CheckRule::MinRevenuePerDay { min } => {
            format!(">= {} per day", number(*min))
        }
        CheckRule::MaxNulls { max, .. } => format!("<= {}", number(*max)),
    }
}
