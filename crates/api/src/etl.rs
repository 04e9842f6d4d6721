//! The ETL module's parameters and report: what a user edits before a run
//! and what the engine says about each stage afterwards.

use serde::{Deserialize, Serialize};

/// The source tables the pipeline reads, by name (uploaded files match by
/// their name without extension: `transactions.csv` is `transactions`).
pub const SOURCE_TABLES: [&str; 6] = [
    "transactions",
    "transaction_items",
    "products",
    "inventory_movements",
    "product_inventory",
    "customers",
];

/// The tables a run loads into the warehouse.
pub const TARGET_TABLES: [&str; 3] = ["fact_sales", "fact_inventory_movements", "dim_customers"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EtlParams {
    /// First and last day, inclusive, `YYYY-MM-DD`.
    pub from: String,
    pub to: String,
    /// Gross margin assumed for the cost estimate (the seed's 40%).
    pub margin: f64,
    /// Lower edges of the customer segments; a segment is right-closed
    /// `(edge[i], edge[i+1]]` and the last one is open-ended. Totals at or
    /// below the first edge get no segment.
    pub segment_edges: Vec<f64>,
    pub segment_labels: Vec<String>,
    /// movement_type → movement_category; unknown types stay empty.
    pub movement_mapping: Vec<(String, String)>,
    pub checks: Vec<CheckSpec>,
    /// `false` skips the data-quality gate (`--no-checks`).
    pub run_checks: bool,
    /// Transform before loading (ETL) or load raw and transform inside the
    /// warehouse with SQL (ELT).
    #[serde(default)]
    pub mode: EtlMode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum EtlMode {
    /// Extract and transform in the engine, then load the results.
    #[default]
    Etl,
    /// Load the source tables raw into the warehouse, then transform there with SQL.
    Elt,
}

impl EtlMode {
    pub fn label(self) -> &'static str {
        match self {
            EtlMode::Etl => "ETL",
            EtlMode::Elt => "ELT",
        }
    }
}

impl Default for EtlParams {
    fn default() -> Self {
        EtlParams {
            from: "2024-01-01".into(),
            to: "2024-03-31".into(),
            margin: 0.4,
            segment_edges: vec![0.0, 1_000_000.0, 5_000_000.0, 20_000_000.0],
            segment_labels: ["Bronze", "Silver", "Gold", "Platinum"].map(String::from).to_vec(),
            movement_mapping: [
                ("SALE", "Outbound"),
                ("RETURN", "Inbound"),
                ("RESTOCK", "Inbound"),
                ("ADJUSTMENT", "Adjustment"),
                ("TRANSFER_IN", "Inbound"),
                ("TRANSFER_OUT", "Outbound"),
                ("DAMAGED", "Outbound"),
                ("EXPIRED", "Outbound"),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .to_vec(),
            checks: CheckSpec::seed_defaults(),
            run_checks: true,
            mode: EtlMode::Etl,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A failed check stops the run before anything is loaded.
    #[default]
    Fail,
    /// A failed check is reported and the run goes on.
    Warn,
}

/// A data-quality check on the transformed sales, evaluated per day of the range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckSpec {
    pub name: String,
    #[serde(flatten)]
    pub rule: CheckRule,
    #[serde(default)]
    pub severity: Severity,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum CheckRule {
    /// At least `min` fact_sales rows on every day of the range.
    MinRowsPerDay { min: f64 },
    /// At least `min` of SUM(total_sales) on every day of the range.
    MinRevenuePerDay { min: f64 },
    /// At most `max` rows with a null in any of `columns`.
    MaxNulls { columns: Vec<String>, max: f64 },
}

/// The page's per-day thresholds: a day under this share of the average
/// day's rows (transaction items over the range's days) is a broken extract,
/// not a quiet day (the built-in samples' lowest day is 45–90 % of average).
pub const ROWS_SHARE: f64 = 0.4;
/// …and under this much revenue per row of that minimum (VND; the cheapest
/// list prices of the course's retail chain are a few thousand).
pub const REVENUE_PER_ROW: f64 = 5_000.0;

/// The days of `from`..=`to` (`YYYY-MM-DD`), when both are dates in order.
pub fn days_in_range(from: &str, to: &str) -> Option<usize> {
    fn day(s: &str) -> Option<i64> {
        let mut parts = s.splitn(3, '-').map(|p| p.parse::<i64>().ok());
        let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        // Days from civil (Howard Hinnant's algorithm).
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(era * 146_097 + doe)
    }
    let (a, b) = (day(from)?, day(to)?);
    (b >= a).then(|| (b - a + 1) as usize)
}

impl CheckSpec {
    /// The course's three checks scaled to the data: `items` transaction
    /// items over `days` days (the page's defaults; the CLI keeps the
    /// course's literal numbers). The null check covers the columns the
    /// transform guarantees: customer_id is null for walk-in sales.
    pub fn scaled_defaults(items: usize, days: usize) -> Vec<CheckSpec> {
        let rows = (items as f64 / days.max(1) as f64 * ROWS_SHARE).floor();
        let mut checks = CheckSpec::seed_defaults();
        for c in &mut checks {
            match &mut c.rule {
                CheckRule::MinRowsPerDay { min } => *min = rows,
                CheckRule::MinRevenuePerDay { min } => *min = rows * REVENUE_PER_ROW,
                CheckRule::MaxNulls { columns, .. } => *columns = GUARANTEED.map(String::from).to_vec(),
            }
        }
        checks
    }

    /// The seed's three checks (section 23, `run_data_quality_checks`).
    pub fn seed_defaults() -> Vec<CheckSpec> {
        vec![
            CheckSpec {
                name: "Sales Count Check".into(),
                rule: CheckRule::MinRowsPerDay { min: 1000.0 },
                severity: Severity::Fail,
            },
            CheckSpec {
                name: "Revenue Range Check".into(),
                rule: CheckRule::MinRevenuePerDay { min: 50_000_000.0 },
                severity: Severity::Fail,
            },
            CheckSpec {
                name: "Null Check".into(),
                rule: CheckRule::MaxNulls {
                    columns: vec!["product_id".into(), "customer_id".into()],
                    max: 0.0,
                },
                severity: Severity::Fail,
            },
        ]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckStatus {
    Pass,
    Warn,
    Fail,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckResult {
    pub name: String,
    pub severity: Severity,
    pub status: CheckStatus,
    /// The worst value seen (the lowest day for a minimum, the count for nulls).
    pub observed: f64,
    /// `>= 1000`, `<= 0`.
    pub expected: Bound,
    /// Which day or rows, and why.
    pub detail: Finding,
    /// Columns of `sample`.
    pub sample_columns: Vec<SampleColumn>,
    /// Up to 10 failing days or rows.
    pub sample: Vec<Vec<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_thresholds_follow_the_sample_size() {
        assert_eq!(days_in_range("2024-01-01", "2024-03-31"), Some(91));
        assert_eq!(days_in_range("2024-03-31", "2024-01-01"), None);
        assert_eq!(days_in_range("soon", "2024-01-01"), None);
        for (items, rows) in [(1_000, 4.0), (10_000, 43.0), (100_000, 439.0), (1_000_000, 4395.0)] {
            let checks = CheckSpec::scaled_defaults(items, 91);
            assert_eq!(checks[0].rule, CheckRule::MinRowsPerDay { min: rows }, "{items}");
            assert_eq!(
                checks[1].rule,
                CheckRule::MinRevenuePerDay {
                    min: rows * REVENUE_PER_ROW
                }
            );
            assert!(
                matches!(&checks[2].rule, CheckRule::MaxNulls { columns, .. } if !columns.contains(&"customer_id".to_string()))
            );
        }
    }
}

/// A number as the engine's English writes it: whole numbers without a
/// point, others with up to two decimals.
pub fn figure(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{}", (v * 100.0).round() / 100.0)
    }
}

/// What a check expects of the value it observes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "bound", rename_all = "snake_case")]
pub enum Bound {
    AtLeast { value: f64 },
    AtMost { value: f64 },
}

impl std::fmt::Display for Bound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Bound::AtLeast { value } => write!(f, ">= {}", figure(*value)),
            Bound::AtMost { value } => write!(f, "<= {}", figure(*value)),
        }
    }
}

/// What a per-day check counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PerDay {
    Rows,
    Revenue,
}

/// What a check found, with the numbers and the day behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "finding", rename_all = "snake_case")]
pub enum Finding {
    /// The range has no days.
    NoDays,
    /// Every day reaches `min`; the lowest is `lowest` on `day` (`YYYY-MM-DD`).
    EveryDayAtLeast {
        what: PerDay,
        min: f64,
        lowest: f64,
        day: String,
    },
    /// `below` of `days` days are under `min`; the lowest is `lowest` on `day`.
    DaysBelow {
        what: PerDay,
        below: usize,
        days: usize,
        min: f64,
        lowest: f64,
        day: String,
    },
    NoNulls {
        columns: Vec<String>,
    },
    RowsWithNulls {
        rows: usize,
        columns: Vec<String>,
    },
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Finding::NoDays => f.write_str("the range has no days"),
            Finding::EveryDayAtLeast { min, lowest, day, .. } => write!(
                f,
                "every day has at least {}; the lowest is {} on {day}",
                figure(*min),
                figure(*lowest)
            ),
            Finding::DaysBelow {
                what,
                below,
                days,
                min,
                lowest,
                day,
            } => write!(
                f,
                "{below} of {days} days have {} than {}; the lowest is {} on {day}",
                match what {
                    PerDay::Rows => "fewer rows",
                    PerDay::Revenue => "less revenue",
                },
                figure(*min),
                figure(*lowest)
            ),
            Finding::NoNulls { columns } => write!(f, "no row has a null in {}", columns.join(" or ")),
            Finding::RowsWithNulls { rows, columns } => {
                write!(f, "{rows} rows have a null in {}", columns.join(" or "))
            }
        }
    }
}

/// A column of a check's sample (the page words each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SampleColumn {
    Day,
    Rows,
    Revenue,
    /// The row's number in fact_sales, 1-based.
    FactSalesRow,
    TransactionId,
    ProductId,
    /// The checked columns that are null in the row.
    NullIn,
}

impl std::fmt::Display for SampleColumn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SampleColumn::Day => "day",
            SampleColumn::Rows => "rows",
            SampleColumn::Revenue => "revenue",
            SampleColumn::FactSalesRow => "fact_sales row",
            SampleColumn::TransactionId => "transaction_id",
            SampleColumn::ProductId => "product_id",
            SampleColumn::NullIn => "null in",
        })
    }
}

/// The change to a check's parameters that would make a failed check pass
/// on the same data (the page offers it as one click).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "fix", rename_all = "snake_case")]
pub enum CheckFix {
    /// Set the threshold to `value` (the lowest day seen, or the nulls counted).
    Threshold { value: f64 },
    /// Check only `columns` for nulls: the ones the transform guarantees.
    Columns { columns: Vec<String> },
}

impl CheckResult {
    /// What would make this check pass on the same data, if it did not.
    pub fn fix(&self, spec: &CheckSpec) -> Option<CheckFix> {
        if self.status == CheckStatus::Pass {
            return None;
        }
        match (&spec.rule, &self.detail) {
            (CheckRule::MaxNulls { columns, .. }, _) if columns.iter().any(|c| !GUARANTEED.contains(&c.as_str())) => {
                Some(CheckFix::Columns {
                    columns: columns
                        .iter()
                        .filter(|c| GUARANTEED.contains(&c.as_str()))
                        .cloned()
                        .collect(),
                })
            }
            (_, Finding::DaysBelow { lowest, .. }) => Some(CheckFix::Threshold {
                value: lowest.max(0.0).floor(),
            }),
            (_, Finding::RowsWithNulls { rows, .. }) => Some(CheckFix::Threshold { value: *rows as f64 }),
            _ => None,
        }
    }
}

impl CheckSpec {
    /// This check with `fix` applied.
    pub fn fixed(&self, fix: &CheckFix) -> CheckSpec {
        let mut out = self.clone();
        match (&mut out.rule, fix) {
            (CheckRule::MinRowsPerDay { min } | CheckRule::MinRevenuePerDay { min }, CheckFix::Threshold { value }) => {
                *min = *value
            }
            (CheckRule::MaxNulls { max, .. }, CheckFix::Threshold { value }) => *max = *value,
            (CheckRule::MaxNulls { columns, .. }, CheckFix::Columns { columns: keep }) => *columns = keep.clone(),
            _ => {}
        }
        out
    }
}

/// The fact_sales columns the transform guarantees are not null (the
/// course's `dropna(subset=['transaction_id', 'product_id'])`): customer_id
/// is null for walk-in sales, by design.
pub const GUARANTEED: [&str; 2] = ["transaction_id", "product_id"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct QualityReport {
    /// `false` when a check with severity `fail` failed.
    pub passed: bool,
    pub skipped: bool,
    pub checks: Vec<CheckResult>,
}

/// Rows a stage read, kept and dropped, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageReport {
    /// `extract_sales`, `transform_sales`, … (the page words what each does
    /// from its name).
    pub name: String,
    pub ran_in: RanIn,
    /// The statement the warehouse ran (ELT), shown with the stage.
    #[serde(default)]
    pub sql: Option<String>,
    pub rows_in: usize,
    pub rows_out: usize,
    /// (reason, rows) — sums to `rows_in - rows_out` for filtering stages.
    pub dropped: Vec<(DropReason, usize)>,
    pub millis: f64,
    /// The workspace dataset holding the stage's output table.
    pub output: String,
}

/// Why a row left the pipeline. The `etl:dropped_rows` table's `reason`
/// column holds the code (`no_such_product`), its `detail` column the
/// value behind it (a status, a column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum DropReason {
    /// A key column is null (`column`).
    NullKey {
        column: String,
    },
    /// The transaction's status is not `completed`.
    TransactionStatus {
        status: String,
    },
    TransactionStatusNull,
    TransactionOutsideRange,
    NoSuchTransaction,
    NoSuchProduct,
    MovementDateNull,
    MovementOutsideRange,
    ProductOrStoreNull,
    NoStockRow,
    /// The customer's status is not `active`.
    CustomerStatus {
        status: String,
    },
    CustomerStatusNull,
    QuantityNotPositive,
    PriceNegativeOrMissing,
    /// ELT: removed by the SQL's WHERE and JOIN clauses, which say no more.
    FilteredBySql,
}

impl DropReason {
    /// The code, as the `reason` column of `etl:dropped_rows` holds it.
    pub fn code(&self) -> &'static str {
        match self {
            DropReason::NullKey { .. } => "null_key",
            DropReason::TransactionStatus { .. } => "transaction_status",
            DropReason::TransactionStatusNull => "transaction_status_null",
            DropReason::TransactionOutsideRange => "transaction_outside_range",
            DropReason::NoSuchTransaction => "no_such_transaction",
            DropReason::NoSuchProduct => "no_such_product",
            DropReason::MovementDateNull => "movement_date_null",
            DropReason::MovementOutsideRange => "movement_outside_range",
            DropReason::ProductOrStoreNull => "product_or_store_null",
            DropReason::NoStockRow => "no_stock_row",
            DropReason::CustomerStatus { .. } => "customer_status",
            DropReason::CustomerStatusNull => "customer_status_null",
            DropReason::QuantityNotPositive => "quantity_not_positive",
            DropReason::PriceNegativeOrMissing => "price_negative_or_missing",
            DropReason::FilteredBySql => "filtered_by_sql",
        }
    }

    /// The value behind the reason (a status, a column), for the `detail` column.
    pub fn detail(&self) -> Option<&str> {
        match self {
            DropReason::NullKey { column } => Some(column),
            DropReason::TransactionStatus { status } | DropReason::CustomerStatus { status } => Some(status),
            _ => None,
        }
    }
}

impl std::fmt::Display for DropReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DropReason::NullKey { column } => write!(f, "{column} is null"),
            DropReason::TransactionStatus { status } => write!(f, "transaction status is '{status}'"),
            DropReason::TransactionStatusNull => f.write_str("transaction status is null"),
            DropReason::TransactionOutsideRange => f.write_str("transaction date outside the range"),
            DropReason::NoSuchTransaction => f.write_str("no such transaction"),
            DropReason::NoSuchProduct => f.write_str("no such product"),
            DropReason::MovementDateNull => f.write_str("movement_date is null"),
            DropReason::MovementOutsideRange => f.write_str("movement date outside the range"),
            DropReason::ProductOrStoreNull => f.write_str("product_id or store_id is null"),
            DropReason::NoStockRow => f.write_str("no stock row for (product, store)"),
            DropReason::CustomerStatus { status } => write!(f, "customer status is '{status}'"),
            DropReason::CustomerStatusNull => f.write_str("customer status is null"),
            DropReason::QuantityNotPositive => f.write_str("quantity is not > 0 (refund, empty or missing)"),
            DropReason::PriceNegativeOrMissing => f.write_str("unit_price is negative or missing"),
            DropReason::FilteredBySql => f.write_str("removed by the SQL's WHERE and JOIN (per-row reasons: ETL mode)"),
        }
    }
}

/// Where a stage ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RanIn {
    /// In the engine, before the load (ETL's transforms).
    #[default]
    Engine,
    /// In the warehouse (loads and merges).
    Warehouse,
    /// In the warehouse, as SQL (ELT's transforms).
    WarehouseSql,
}

impl std::fmt::Display for RanIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RanIn::Engine => "engine",
            RanIn::Warehouse => "warehouse",
            RanIn::WarehouseSql => "warehouse (SQL)",
        })
    }
}

/// Why a run stopped before it finished.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Stopped {
    /// A check of severity `fail` failed (`checks`: their names, in the
    /// report's order): under ETL nothing was loaded, under ELT the raw
    /// tables were and nothing was merged into the fact and dimension tables.
    QualityGate { mode: EtlMode, checks: Vec<String> },
}

impl EtlReport {
    /// Why the run stopped, in the engine's English (the CLI's words).
    pub fn stopped_because(&self) -> Option<String> {
        let Stopped::QualityGate { mode, checks } = self.failed.as_ref()?;
        let failed: Vec<String> = self
            .quality
            .checks
            .iter()
            .filter(|c| c.status == CheckStatus::Fail && checks.contains(&c.name))
            .map(|c| {
                format!(
                    "{}: got {}, expected {} ({})",
                    c.name,
                    figure(c.observed),
                    c.expected,
                    c.detail
                )
            })
            .collect();
        let nothing = match mode {
            EtlMode::Etl => "nothing was loaded",
            EtlMode::Elt => "nothing was merged into the fact and dimension tables (the raw tables are loaded)",
        };
        Some(format!("Data Quality Check Failed — {nothing}. {}", failed.join("; ")))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergeCounts {
    pub table: String,
    pub key: Vec<String>,
    pub staged: usize,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rows_after: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct LoadReport {
    /// The warehouse version after this load (unchanged when it failed).
    pub version: u64,
    pub tables: Vec<MergeCounts>,
}

/// Revenue and counts for the charts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct EtlCharts {
    /// (segment, customers, revenue); customers without a segment last as "—".
    pub segments: Vec<(String, usize, f64)>,
    /// SUM(total_sales) by hour 0–23.
    pub revenue_by_hour: Vec<f64>,
    /// SUM(total_sales) by day of week, Monday = 0.
    pub revenue_by_weekday: Vec<f64>,
    /// Running stock of the (product, store) with the most movements.
    pub stock: Option<StockSeries>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StockSeries {
    pub product_id: i64,
    pub store_id: i64,
    pub reorder_level: Option<f64>,
    pub max_stock_level: Option<f64>,
    /// (milliseconds since epoch, running stock)
    pub points: Vec<(i64, f64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct EtlReport {
    pub stages: Vec<StageReport>,
    pub quality: QualityReport,
    /// `None` when the run stopped before loading.
    pub load: Option<LoadReport>,
    /// Why the run stopped, when it did.
    pub failed: Option<Stopped>,
    pub charts: EtlCharts,
    pub total_millis: f64,
}
