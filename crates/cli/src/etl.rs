//! `dataplay etl`: find the source tables in a directory, run the engine's
//! pipeline, write the warehouse tables as CSV and the quality report.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use dataplay_api::etl::{CheckSpec, EtlMode, EtlParams, SOURCE_TABLES};
use dataplay_api::{FileFormat, LoadOptions};
use dataplay_engine::warehouse::Warehouse;
use dataplay_engine::{etl, write, Workspace};
use polars_core::prelude::DataFrame;

use crate::db;

pub struct Args<'a> {
    /// A directory of files, or a database URL (see `db::is_url`).
    pub source: &'a str,
    /// Where the CSVs and quality.json go (optional with a warehouse).
    pub out: Option<&'a Path>,
    /// A warehouse database to merge the target tables into.
    pub warehouse: Option<&'a str>,
    pub from: &'a str,
    pub to: &'a str,
    pub no_checks: bool,
    pub checks: Option<&'a Path>,
    pub margin: f64,
    pub mode: EtlMode,
}

const EXTENSIONS: [&str; 4] = ["csv", "json", "jsonl", "parquet"];

/// The one file in `dir` named after `table`, whatever its format.
fn find(dir: &Path, table: &str) -> Result<PathBuf> {
    let found: Vec<PathBuf> = EXTENSIONS
        .iter()
        .map(|ext| dir.join(format!("{table}.{ext}")))
        .filter(|p| p.is_file())
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => bail!(
            "{}: no source table '{table}' (expected {table}.csv, .json, .jsonl or .parquet)",
            dir.display()
        ),
        many => bail!(
            "{}: '{table}' is there more than once ({}); keep one",
            dir.display(),
            many.iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

pub(crate) fn read_checks(path: &Path) -> Result<Vec<CheckSpec>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Checks {
        List(Vec<CheckSpec>),
        Object { checks: Vec<CheckSpec> },
    }
    let checks: Checks = serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{}: line {}, column {}: {e}", path.display(), e.line(), e.column()))?;
    Ok(match checks {
        Checks::List(c) | Checks::Object { checks: c } => c,
    })
}

pub fn run(args: &Args) -> Result<ExitCode> {
    let mut params = EtlParams {
        from: args.from.to_string(),
        to: args.to.to_string(),
        margin: args.margin,
        mode: args.mode,
        run_checks: !args.no_checks,
        ..EtlParams::default()
    };
    if let Some(path) = args.checks {
        params.checks = read_checks(path)?;
    }
    etl::validate(&params)?;

    anyhow::ensure!(
        args.out.is_some() || args.warehouse.is_some(),
        "say where the tables go: --out DIR, --warehouse URL, or both"
    );
    let reading = std::time::Instant::now();
    let sources: HashMap<String, DataFrame> = if db::is_url(args.source) {
        db::extract(args.source, args.from, args.to)?
    } else {
        let dir = Path::new(args.source);
        let mut workspace = Workspace::new();
        let mut sources = HashMap::new();
        for table in SOURCE_TABLES {
            let path = find(dir, table)?;
            let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            let name = workspace
                .load_file(&path.to_string_lossy(), bytes, &LoadOptions::default())?
                .name;
            sources.insert(table.to_string(), workspace.frame(&name)?.clone());
        }
        sources
    };
    let read_millis = reading.elapsed().as_secs_f64() * 1000.0;
    let started = std::time::Instant::now();
    let clock = move || started.elapsed().as_secs_f64() * 1000.0;
    let mut warehouse = Warehouse::new();
    let output = etl::run(&|name| sources.get(name), &params, &mut warehouse, &clock)?;
    let report = &output.report;

    let mut quality = serde_json::to_value(&report.quality)?;
    quality["failed"] = serde_json::json!(report.stopped_because());
    if let Some(out) = args.out {
        std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
        let path = out.join("quality.json");
        std::fs::write(&path, serde_json::to_string_pretty(&quality)?)
            .with_context(|| format!("writing {}", path.display()))?;
    }

    for stage in &report.stages {
        println!(
            "{:<22} {:>10} → {:>10} rows  {:>8.1} ms  ({})",
            stage.name, stage.rows_in, stage.rows_out, stage.millis, stage.ran_in
        );
        for (reason, n) in &stage.dropped {
            println!("{:<22}   dropped {n:>10}: {reason}", "");
        }
    }
    for check in &report.quality.checks {
        println!(
            "check {:?}: {} — {} (expected {})",
            check.status, check.name, check.detail, check.expected
        );
    }
    if let Some(why) = report.stopped_because() {
        eprintln!("dataplay: {why}");
        return Ok(ExitCode::FAILURE);
    }
    let targets = etl::TARGET_KEYS
        .iter()
        .map(|(name, _)| {
            let table = warehouse
                .table(name)
                .with_context(|| format!("the load did not produce {name}"))?;
            Ok((*name, &table.frame))
        })
        .collect::<Result<Vec<_>>>()?;
    let writing = std::time::Instant::now();
    if let Some(out) = args.out {
        for (name, frame) in &targets {
            let path = out.join(format!("{name}.csv"));
            let file = std::fs::File::create(&path).with_context(|| format!("creating {}", path.display()))?;
            let mut file = std::io::BufWriter::with_capacity(1 << 20, file);
            write::write(&mut (*frame).clone(), FileFormat::Csv, &mut file)
                .map_err(anyhow::Error::from)
                .and_then(|()| Ok(file.flush()?))
                .with_context(|| format!("writing {}", path.display()))?;
        }
    }
    let write_millis = writing.elapsed().as_secs_f64() * 1000.0;
    if let Some(load) = &report.load {
        for t in &load.tables {
            println!(
                "load {:<26} staged {:>9}  inserted {:>9}  updated {:>9}  unchanged {:>9}",
                t.table, t.staged, t.inserted, t.updated, t.unchanged
            );
        }
    }
    if let Some(url) = args.warehouse {
        for t in db::load(url, &warehouse)? {
            println!(
                "warehouse {:<21} staged {:>9}  inserted {:>9}  updated {:>9}  unchanged {:>9}  rows {:>9}",
                t.table, t.staged, t.inserted, t.updated, t.unchanged, t.rows_after
            );
        }
    }
    println!("read sources in {read_millis:.1} ms; wrote the tables in {write_millis:.1} ms");
    println!("done in {:.1} ms", report.total_millis);
    Ok(ExitCode::SUCCESS)
}
