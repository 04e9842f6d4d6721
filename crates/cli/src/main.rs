//! `dataplay`: the engine on the command line. Each subcommand parses its
//! arguments, calls the engine and prints; no data logic lives here.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use dataplay_api::{FileFormat, LoadOptions, SampleKind, SampleSpec};
use dataplay_engine::cap::checker::{self, Verdict};
use dataplay_engine::cap::history::History;
use dataplay_engine::cap::{scenarios, sim};
use dataplay_engine::samples::{self, Table};
use dataplay_engine::{write, Workspace};

mod db;
mod etl;
mod handoff;
mod lake;
mod serve;
mod sql;

// glibc's malloc hands big buffers back to the kernel and takes fresh zeroed
// pages for the next one; over a million-row pipeline that page clearing was a
// fifth of the run. mimalloc keeps them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "dataplay",
    version,
    about = "dataplay: a data-engineering playground (native CLI)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load files and print each one's rows, columns, types and null counts.
    Inspect {
        files: Vec<PathBuf>,
        /// Read these columns as text (repeatable), e.g. a zip code.
        #[arg(long = "text", value_name = "COLUMN")]
        text_columns: Vec<String>,
        /// Flatten nested JSON objects into `parent.child` columns.
        #[arg(long)]
        flatten: bool,
    },
    /// Print the first rows of a file as CSV.
    Head {
        file: PathBuf,
        #[arg(short = 'n', long, default_value_t = 10)]
        rows: usize,
    },
    /// The CAP simulator and linearizability checker.
    Cap {
        #[command(subcommand)]
        command: CapCommand,
    },
    /// Run the seed's retail ETL pipeline on a directory of source tables
    /// (`transactions.csv`, `transaction_items.parquet`, …) and write
    /// fact_sales.csv, fact_inventory_movements.csv, dim_customers.csv and
    /// quality.json. Exit 1 when a data-quality check fails (nothing is
    /// written but quality.json) or the input is bad.
    ///
    /// --source may be a database URL (postgres://…, mysql://… or
    /// mariadb://…, sqlite:PATH) holding the six tables; --warehouse merges
    /// the three target tables into a database (staging + upsert, one
    /// transaction). URLs can come from the environment so passwords stay
    /// off the command line.
    Etl {
        #[arg(long, value_name = "DIR|URL", env = "DATAPLAY_SOURCE_URL", hide_env_values = true)]
        source: String,
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        #[arg(long, value_name = "URL", env = "DATAPLAY_WAREHOUSE_URL", hide_env_values = true)]
        warehouse: Option<String>,
        /// First day, inclusive (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// Last day, inclusive (YYYY-MM-DD).
        #[arg(long)]
        to: String,
        /// Skip the data-quality gate.
        #[arg(long)]
        no_checks: bool,
        /// Checks as JSON (a list like quality.json's, see README) instead of the seed's three.
        #[arg(long, value_name = "FILE", conflicts_with = "no_checks")]
        checks: Option<PathBuf>,
        /// Gross margin for estimated_cost (the seed's 0.4).
        #[arg(long, default_value_t = 0.4)]
        margin: f64,
        /// etl: transform in the engine, then load; elt: load the sources raw
        /// into the warehouse and transform there with SQL (same tables).
        #[arg(long, value_enum, default_value = "etl")]
        mode: Mode,
    },
    /// Run SQL over files: each `--table NAME=PATH` is a CSV/JSON/JSONL/Parquet
    /// file or a directory of them (Hive `key=value` directories become
    /// columns, and a WHERE on them skips files). Prints CSV with a header.
    Sql {
        #[arg(long = "table", value_name = "NAME=PATH")]
        tables: Vec<String>,
        /// Print on stderr what each table scanned (files scanned / skipped).
        #[arg(long)]
        stats: bool,
        query: String,
    },
    /// The lake kept in an S3-compatible store (s3://bucket/prefix; endpoint
    /// and keys from AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID,
    /// AWS_SECRET_ACCESS_KEY) or a local directory: list, ingest, the media
    /// sample, Glue jobs, SQL.
    Lake {
        #[arg(long, value_name = "s3://BUCKET/PREFIX|DIR", env = "DATAPLAY_LAKE")]
        lake: String,
        #[command(subcommand)]
        command: lake::LakeCommand,
    },
    /// A pipeline for another engine, when data outgrows one machine: the
    /// ETL as a PySpark job or a PostgreSQL script, a Glue job as PySpark.
    Export {
        /// Write here instead of to stdout.
        #[arg(short = 'o', long, value_name = "FILE", global = true)]
        out: Option<PathBuf>,
        #[command(subcommand)]
        command: handoff::ExportCommand,
    },
    /// The connector's HTTP API for the playground: the ETL against the
    /// source and warehouse databases, source previews, the lake. Loopback
    /// by default; every route but /api/health needs the token (from
    /// DATAPLAY_TOKEN, or the token file, created with a random token).
    Serve(serve::Args),
    /// Databases: put the retail sample's source tables into one, or show a table's first rows.
    Db {
        /// postgres://…, mysql://… (mariadb://…) or sqlite:PATH.
        #[arg(long, value_name = "URL", env = "DATAPLAY_DB_URL", hide_env_values = true)]
        db: String,
        #[command(subcommand)]
        command: DbCommand,
    },
    /// Write a built-in sample's tables to a directory.
    Sample {
        #[arg(long, value_enum, default_value = "retail")]
        kind: Kind,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Retail: transaction items; media: interaction events.
        #[arg(long, default_value_t = 10_000)]
        size: usize,
        /// Format of retail tables.
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
}

#[derive(Subcommand)]
enum CapCommand {
    /// Check a register history (Jepsen-style JSON Lines) for linearizability.
    /// Exit 0: linearizable; 1: not (the explanation is printed); 2: bad input;
    /// 3: undecided (the search exceeded its budget).
    Check { history: PathBuf },
    /// Run one of the seed's scenarios (normal, partition-cp, partition-ap,
    /// heal) and print its operations, metrics and the checker's verdict.
    Scenario { name: String },
}

#[derive(Subcommand)]
enum DbCommand {
    /// Replace the six retail source tables with a generated sample.
    Seed {
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[arg(long, default_value_t = 10_000)]
        size: usize,
    },
    /// Merge a file (CSV, JSON, JSONL, Parquet) into a table through a
    /// staging table and an upsert on KEY, in one transaction; the table is
    /// created when missing. Prints what the merge did.
    Load {
        #[arg(long)]
        table: String,
        /// The key columns, comma-separated (rows repeating a key are kept, told apart by key_occurrence).
        #[arg(long, value_delimiter = ',', required = true)]
        key: Vec<String>,
        file: PathBuf,
    },
    /// Print a table's first rows as CSV.
    Preview {
        table: String,
        #[arg(short = 'n', long, default_value_t = 10)]
        rows: u32,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Mode {
    Etl,
    Elt,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Kind {
    Retail,
    Media,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Csv,
    Json,
    Jsonl,
    Parquet,
}

impl From<Format> for FileFormat {
    fn from(f: Format) -> Self {
        match f {
            Format::Csv => FileFormat::Csv,
            Format::Json => FileFormat::Json,
            Format::Jsonl => FileFormat::Jsonl,
            Format::Parquet => FileFormat::Parquet,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Cap {
        command: CapCommand::Check { history },
    } = &cli.command
    {
        return cap_check(history);
    }
    if let Command::Etl {
        source,
        out,
        warehouse,
        from,
        to,
        no_checks,
        checks,
        margin,
        mode,
    } = &cli.command
    {
        let args = etl::Args {
            source,
            out: out.as_deref(),
            warehouse: warehouse.as_deref(),
            from,
            to,
            no_checks: *no_checks,
            checks: checks.as_deref(),
            margin: *margin,
            mode: match mode {
                Mode::Etl => dataplay_api::etl::EtlMode::Etl,
                Mode::Elt => dataplay_api::etl::EtlMode::Elt,
            },
        };
        return match etl::run(&args) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("dataplay: {e:#}");
                ExitCode::FAILURE
            }
        };
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dataplay: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Inspect {
            files,
            text_columns,
            flatten,
        } => {
            let options = LoadOptions {
                text_columns,
                flatten,
                ..LoadOptions::default()
            };
            inspect(&files, &options)
        }
        Command::Head { file, rows } => head(&file, rows),
        Command::Sql { tables, stats, query } => sql::run(&tables, &query, stats),
        Command::Etl { .. } => unreachable!("handled in main"),
        Command::Lake { lake, command } => lake::run(&lake, command),
        Command::Serve(args) => serve::run(args),
        Command::Export { out, command } => handoff::run(command, out.as_deref()),
        Command::Db {
            db: url,
            command: DbCommand::Seed { seed, size },
        } => {
            let spec = SampleSpec {
                kind: SampleKind::Retail,
                seed,
                size,
            };
            let tables: Vec<(String, polars_core::prelude::DataFrame)> = samples::generate(&spec)?
                .into_iter()
                .filter_map(|t| match t {
                    Table::Frame { name, frame } => Some((name, frame)),
                    Table::File { .. } => None,
                })
                .collect();
            db::replace(&url, &tables)
        }
        Command::Db {
            db: url,
            command: DbCommand::Load { table, key, file },
        } => {
            let mut workspace = Workspace::new();
            let name = read_into(&mut workspace, &file, &LoadOptions::default())?;
            let started = std::time::Instant::now();
            let counts = db::load_table(&url, &table, &key, workspace.frame(&name)?)?;
            let secs = started.elapsed().as_secs_f64();
            println!(
                "{}: staged {}, inserted {}, updated {}, unchanged {}, rows after {} ({:.2} s, {:.0} rows/s)",
                counts.table,
                counts.staged,
                counts.inserted,
                counts.updated,
                counts.unchanged,
                counts.rows_after,
                secs,
                counts.staged as f64 / secs.max(1e-9)
            );
            Ok(())
        }
        Command::Db {
            db: url,
            command: DbCommand::Preview { table, rows },
        } => {
            let mut frame = db::preview(&url, &table, rows)?;
            let bytes = write::to_bytes(&mut frame, FileFormat::Csv)?;
            use std::io::Write;
            std::io::stdout().write_all(&bytes).context("writing the rows")
        }
        Command::Cap {
            command: CapCommand::Scenario { name },
        } => cap_scenario(&name),
        Command::Cap {
            command: CapCommand::Check { history },
        } => match cap_check(&history) {
            code if code == ExitCode::SUCCESS => Ok(()),
            _ => anyhow::bail!("history is not linearizable"),
        },
        Command::Sample {
            kind,
            out,
            seed,
            size,
            format,
        } => {
            let kind = match kind {
                Kind::Retail => SampleKind::Retail,
                Kind::Media => SampleKind::Media,
            };
            write_sample(&SampleSpec { kind, seed, size }, &out, format.into())
        }
    }
}

fn read_into(workspace: &mut Workspace, file: &Path, options: &LoadOptions) -> Result<String> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let name = file.to_string_lossy();
    let summary = workspace.load_file(&name, bytes, options)?;
    Ok(summary.name)
}

fn inspect(files: &[PathBuf], options: &LoadOptions) -> Result<()> {
    anyhow::ensure!(!files.is_empty(), "name at least one file");
    let mut workspace = Workspace::new();
    for file in files {
        let name = read_into(&mut workspace, file, options)?;
        let Some(dataset) = workspace.get(&name) else {
            continue;
        };
        let s = &dataset.summary;
        let format = s.format.map_or("generated", FileFormat::label);
        println!("{} ({format}, {} rows, {} columns)", s.source, s.rows, s.columns.len());
        for note in &s.notes {
            println!("  note: {note}");
        }
        for c in &s.columns {
            let how = if c.inferred { "inferred" } else { "declared" };
            println!("  {:<32} {:<16} nulls {:>10}  ({how})", c.name, c.dtype, c.null_count);
        }
    }
    Ok(())
}

fn head(file: &Path, rows: usize) -> Result<()> {
    let mut workspace = Workspace::new();
    let name = read_into(&mut workspace, file, &LoadOptions::default())?;
    let mut frame = workspace.frame(&name)?.head(Some(rows));
    let bytes = write::to_bytes(&mut frame, FileFormat::Csv)?;
    print!("{}", String::from_utf8_lossy(&bytes));
    Ok(())
}

fn write_sample(spec: &SampleSpec, out: &Path, format: FileFormat) -> Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    for table in samples::generate(spec)? {
        let (file_name, bytes) = match table {
            Table::Frame { name, mut frame } => (
                format!("{name}.{}", format.extension()),
                write::to_bytes(&mut frame, format)?,
            ),
            Table::File { file_name, bytes } => (file_name, bytes),
        };
        let path = out.join(&file_name);
        std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
        println!("{}", path.display());
    }
    Ok(())
}

/// `dataplay cap check`: exit codes are the contract (0, 1, 2, 3).
fn cap_check(path: &Path) -> ExitCode {
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("dataplay: {}: not UTF-8 text ({e})", path.display());
                return ExitCode::from(2);
            }
        },
        Err(e) => {
            eprintln!("dataplay: {}: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    let history = match History::from_jsonl(&text) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("dataplay: {}: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    let keys = history.keys().len();
    match checker::check(&history) {
        Verdict::Linearizable => {
            println!("linearizable: {} operations on {keys} key(s)", history.ops.len());
            ExitCode::SUCCESS
        }
        Verdict::NotLinearizable(v) => {
            println!("{}", v.explain(&history));
            ExitCode::from(1)
        }
        Verdict::Unknown { key, explored } => {
            eprintln!("dataplay: undecided: the search on key '{key}' explored {explored} states without an answer");
            ExitCode::from(3)
        }
    }
}

fn cap_scenario(name: &str) -> Result<()> {
    let all: Vec<&str> = scenarios::all().iter().map(|s| s.key.key()).collect();
    let scenario = scenarios::by_key(name)
        .ok_or_else(|| anyhow::anyhow!("no scenario named '{name}' (choose one of: {})", all.join(", ")))?;
    let result = sim::run(&scenario.config);
    let nodes = &scenario.config.topology.nodes;
    println!("{}\n{}\n", scenario.key, scenario.key.story());
    for op in &result.history.ops {
        let node = nodes.get(op.process as usize).map_or("?", String::as_str);
        println!("  {node:<8} {}", op.describe());
    }
    let m = &result.metrics;
    println!(
        "\nrejected writes: {}, stale reads: {}/{}, events: {}, event-log hash: {:016x}",
        m.rejected_writes, m.stale_reads, m.reads, result.events, result.log_hash
    );
    match checker::check(&result.history) {
        Verdict::Linearizable => println!("checker: linearizable"),
        Verdict::NotLinearizable(v) => println!("checker: {}", v.explain(&result.history)),
        Verdict::Unknown { .. } => println!("checker: undecided"),
    }
    Ok(())
}
