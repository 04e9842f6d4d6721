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

impl CheckSpec {
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
    pub expected: String,
    /// One sentence: which day or rows, and why.
    pub detail: String,
    /// Column names of `sample`.
    pub sample_columns: Vec<String>,
    /// Up to 10 failing days or rows.
    pub sample: Vec<Vec<String>>,
}

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
    /// `extract_sales`, `transform_sales`, …
    pub name: String,
    /// What the stage does, in one line.
    pub description: String,
    pub ran_in: RanIn,
    /// The statement the warehouse ran (ELT), shown with the stage.
    #[serde(default)]
    pub sql: Option<String>,
    pub rows_in: usize,
    pub rows_out: usize,
    /// (reason, rows) — sums to `rows_in - rows_out` for filtering stages.
    pub dropped: Vec<(String, usize)>,
    pub millis: f64,
    /// The workspace dataset holding the stage's output table.
    pub output: String,
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
            .map(|c| format!("{}: got {}, expected {} ({})", c.name, c.observed, c.expected, c.detail))
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
