//! The ETL module: the seed's `RetailETLPipeline` (section 23) as stages —
//! extract (joins with SQL semantics), transform sales and inventory, a
//! data-quality gate, and a load into the warehouse through staging and
//! MERGE. One implementation, used by the browser's worker and by
//! `dataplay etl`. Every dropped row is kept with its reason, and every
//! stage's report is timed and kept by the `recorder`.

mod charts;
mod drops;
pub mod elt;
pub mod extract;
mod inventory;
pub mod quality;
mod recorder;
pub mod sales;

use dataplay_api::etl::{DropReason, EtlMode, EtlParams, EtlReport, RanIn, Stopped, SOURCE_TABLES};
use dataplay_api::{Fault, Subject};
use polars_core::prelude::DataFrame;

use crate::base::calendar;
use crate::base::clock::Clock;
use crate::base::columns::Table;
use crate::error::{EngineError, Result};
use crate::sql::Session;
use crate::warehouse::{Staged, Warehouse};
use drops::Drops;
use recorder::{Stage, StageRecorder};

/// The tables a run produced, by stage name (shown and exported by the UI,
/// written by the CLI), and its report.
pub struct EtlOutput {
    pub report: EtlReport,
    pub tables: Vec<(String, DataFrame)>,
}

/// Checks the parameters and returns the range as day numbers.
pub fn validate(params: &EtlParams) -> Result<(i64, i64)> {
    let bad = |fault| EngineError::invalid(Subject::EtlParams, fault);
    let date = |field: &str, value: &str| {
        calendar::parse_date(value).ok_or_else(|| {
            bad(Fault::NotADate {
                field: field.into(),
                value: value.into(),
            })
        })
    };
    let (from, to) = (date("from", &params.from)?, date("to", &params.to)?);
    if from > to {
        return Err(bad(Fault::RangeReversed {
            from: params.from.clone(),
            to: params.to.clone(),
        }));
    }
    if to - from > 366 * 100 {
        return Err(bad(Fault::RangeTooLong { years: 100 }));
    }
    if !(0.0..=1.0).contains(&params.margin) {
        return Err(bad(Fault::MarginRange {
            margin: params.margin.to_string(),
        }));
    }
    let edges = &params.segment_edges;
    if edges.is_empty() || edges.iter().any(|e| !e.is_finite()) || edges.windows(2).any(|w| w[0] >= w[1]) {
        return Err(bad(Fault::SegmentEdges));
    }
    if params.segment_labels.len() != edges.len() {
        return Err(bad(Fault::SegmentLabels {
            edges: edges.len(),
            labels: params.segment_labels.len(),
        }));
    }
    Ok((from, to))
}

/// What the extract and transform stages produced, wherever they ran.
struct Transformed {
    fact_sales: DataFrame,
    customer_segments: DataFrame,
    fact_inventory: DataFrame,
    dim_customers: DataFrame,
    /// Stage tables shown before the facts (extracts; raw tables in ELT).
    before: Vec<(String, DataFrame)>,
    /// Shown after the facts (the dropped rows in ETL).
    after: Vec<(String, DataFrame)>,
}

/// The warehouse tables a run loads, in load order, with the key each is
/// merged on (in the engine's warehouse and in a real one alike).
pub const TARGET_KEYS: [(&str, &[&str]); 3] = [
    ("fact_sales", &["transaction_id", "product_id"]),
    ("fact_inventory_movements", &["movement_id"]),
    ("dim_customers", &["customer_id"]),
];

/// Run the pipeline on the source tables `source(name)` gives, loading into
/// `warehouse` unless a failing check stops it (then the fact and dimension
/// tables are untouched; in ELT the raw tables are loaded first, as in any ELT).
pub fn run<'a>(
    source: &dyn Fn(&str) -> Option<&'a DataFrame>,
    params: &EtlParams,
    warehouse: &mut Warehouse,
    clock: Clock,
) -> Result<EtlOutput> {
    let range = validate(params)?;
    let table = |name: &'static str| -> Result<Table<'a>> {
        source(name)
            .map(|f| Table::new(name, f))
            .ok_or_else(|| EngineError::table(name, Fault::SourceMissing))
    };
    let mut stages = StageRecorder::new(clock);
    let start = clock();
    let t = match params.mode {
        EtlMode::Etl => transform_in_engine(&table, params, range, &mut stages)?,
        EtlMode::Elt => transform_in_warehouse(&table, params, range, warehouse, &mut stages)?,
    };

    let t0 = stages.start();
    let quality = if params.run_checks {
        quality::run(&t.fact_sales, &params.checks, range)?
    } else {
        dataplay_api::etl::QualityReport {
            passed: true,
            skipped: true,
            checks: vec![],
        }
    };
    stages.done(
        t0,
        Stage {
            name: "quality",
            ran_in: RanIn::Engine,
            rows_in: t.fact_sales.height(),
            rows_out: t.fact_sales.height(),
            output: "fact_sales",
            ..Stage::default()
        },
    );

    let charts = charts::build(&t.fact_sales, &t.customer_segments, &t.fact_inventory, params)?;
    let mut report = EtlReport {
        quality,
        charts,
        ..EtlReport::default()
    };
    if !report.quality.passed {
        let checks: Vec<String> = report
            .quality
            .checks
            .iter()
            .filter(|c| c.status == dataplay_api::etl::CheckStatus::Fail)
            .map(|c| c.name.clone())
            .collect();
        report.failed = Some(Stopped::QualityGate {
            mode: params.mode,
            checks,
        });
    } else {
        let t0 = stages.start();
        let frames = [&t.fact_sales, &t.fact_inventory, &t.dim_customers];
        let load = warehouse.load(
            TARGET_KEYS
                .iter()
                .zip(frames)
                .map(|((table, key), frame)| Staged {
                    table: table.to_string(),
                    key: key.iter().map(|k| k.to_string()).collect(),
                    frame: frame.clone(),
                })
                .collect(),
        )?;
        let staged: usize = load.tables.iter().map(|t| t.staged).sum();
        let after: usize = load.tables.iter().map(|t| t.rows_after).sum();
        stages.done(
            t0,
            Stage {
                name: "load",
                ran_in: RanIn::Warehouse,
                rows_in: staged,
                rows_out: after,
                output: "fact_sales",
                ..Stage::default()
            },
        );
        report.load = Some(load);
    }
    report.stages = stages.finish();
    report.total_millis = clock() - start;

    let mut tables = t.before;
    tables.push(("customer_segments".to_string(), t.customer_segments));
    tables.push(("fact_sales".to_string(), t.fact_sales));
    tables.push(("fact_inventory_movements".to_string(), t.fact_inventory));
    tables.push(("dim_customers".to_string(), t.dim_customers));
    tables.extend(t.after);
    Ok(EtlOutput { report, tables })
}

/// ETL: extract and transform in the engine (every dropped row kept with its reason).
fn transform_in_engine<'a>(
    table: &dyn Fn(&'static str) -> Result<Table<'a>>,
    params: &EtlParams,
    range: (i64, i64),
    stages: &mut StageRecorder,
) -> Result<Transformed> {
    let mut drops = Drops::default();

    let t0 = stages.start();
    let items = table("transaction_items")?;
    let sales_extract = extract::sales(table("transactions")?, items, table("products")?, range, &mut drops)?;
    stages.done(
        t0,
        Stage::in_engine("extract_sales", items.height(), &sales_extract.frame, &drops),
    );

    let t0 = stages.start();
    let movements = table("inventory_movements")?;
    let inventory_extract = extract::inventory(movements, table("product_inventory")?, range, &mut drops)?;
    stages.done(
        t0,
        Stage::in_engine(
            "extract_inventory",
            movements.height(),
            &inventory_extract.frame,
            &drops,
        ),
    );

    let t0 = stages.start();
    let people = table("customers")?;
    let customer_extract = extract::customers(people, &mut drops)?;
    stages.done(
        t0,
        Stage::in_engine("extract_customers", people.height(), &customer_extract.frame, &drops),
    );

    let t0 = stages.start();
    let sales = sales::transform(&sales_extract, params, &mut drops)?;
    stages.done(
        t0,
        Stage::in_engine("transform_sales", sales_extract.frame.height(), &sales.fact, &drops),
    );

    let t0 = stages.start();
    let fact_inventory = inventory::transform(&inventory_extract, params)?;
    stages.done(
        t0,
        Stage::in_engine(
            "transform_inventory",
            inventory_extract.frame.height(),
            &fact_inventory,
            &drops,
        ),
    );
    Ok(Transformed {
        fact_sales: sales.fact,
        customer_segments: sales.customers,
        fact_inventory,
        dim_customers: customer_extract.frame,
        before: vec![
            ("extract_sales".to_string(), sales_extract.frame),
            ("extract_inventory".to_string(), inventory_extract.frame),
        ],
        after: vec![("dropped_rows".to_string(), drops.to_frame()?)],
    })
}

/// ELT: load the sources raw into the warehouse, then run the pipeline's SQL there.
fn transform_in_warehouse<'a>(
    table: &dyn Fn(&'static str) -> Result<Table<'a>>,
    params: &EtlParams,
    range: (i64, i64),
    warehouse: &mut Warehouse,
    stages: &mut StageRecorder,
) -> Result<Transformed> {
    let t0 = stages.start();
    let mut raw = Vec::with_capacity(SOURCE_TABLES.len());
    let mut sources = Vec::with_capacity(SOURCE_TABLES.len());
    for name in SOURCE_TABLES {
        let source = table(name)?;
        raw.push((format!("raw_{name}"), elt::raw_table(source)?));
        sources.push((name, source.frame));
    }
    let types = elt::SourceTypes::new(&sources, &raw.iter().map(|(_, f)| f).collect::<Vec<_>>());
    let rows: usize = raw.iter().map(|(_, f)| f.height()).sum();
    warehouse.replace_raw(raw.clone());
    stages.done(
        t0,
        Stage {
            name: "load_raw",
            ran_in: RanIn::Warehouse,
            rows_in: rows,
            rows_out: rows,
            output: "raw_transaction_items",
            ..Stage::default()
        },
    );

    let mut session = Session::new();
    for (name, frame) in &raw {
        session.register(name, frame.clone());
    }
    let height = |session: &Session, name: &str| {
        session
            .table(name)
            .or_else(|| session.table(&format!("raw_{name}")))
            .map_or(0, DataFrame::height)
    };
    for s in elt::stages(params, range, &types, elt::Dialect::Engine) {
        let sql = s.script();
        let t0 = stages.start();
        let rows_in = height(&session, s.input);
        session.execute(&sql)?;
        let rows_out = height(&session, s.output);
        let filtered = rows_in.saturating_sub(rows_out);
        stages.done(
            t0,
            Stage {
                name: s.name,
                ran_in: RanIn::WarehouseSql,
                sql: Some(sql),
                rows_in,
                rows_out,
                dropped: if filtered > 0 {
                    vec![(DropReason::FilteredBySql, filtered)]
                } else {
                    vec![]
                },
                output: s.output,
            },
        );
    }
    let mut take = |name: &str| {
        session
            .take(name)
            .ok_or_else(|| EngineError::invalid(Subject::Elt, Fault::NotCreated { table: name.into() }))
    };
    let extract_sales = elt::shown(&take("extract_sales")?);
    let extract_inventory = elt::shown(&take("extract_inventory")?);
    let mut before = vec![
        ("extract_sales".to_string(), extract_sales),
        ("extract_inventory".to_string(), extract_inventory),
    ];
    before.extend(raw.iter().map(|(name, f)| (name.clone(), elt::shown(f))));
    Ok(Transformed {
        fact_sales: elt::shown(&take("fact_sales")?),
        customer_segments: take("customer_segments")?,
        fact_inventory: elt::shown(&take("fact_inventory_movements")?),
        dim_customers: elt::shown(&take("dim_customers")?),
        before,
        after: vec![],
    })
}
