//! `dataplay lake --lake s3://bucket/prefix|DIR …`: the lake's zones kept in
//! an S3-compatible store or a directory — list, ingest, the media sample,
//! Glue jobs and SQL — a thin shell over `dataplay_connector::lake`. S3
//! settings come from the usual `AWS_*` variables; nothing secret is printed.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use dataplay_api::lake::GlueJob;
use dataplay_api::{Fault, FileFormat, LoadOptions};
use dataplay_connector::lake::{LakeStore, S3Config};
use dataplay_engine::lake::{media, Lake};
use dataplay_engine::{write, EngineError};

#[derive(clap::Subcommand)]
pub enum LakeCommand {
    /// List the files under a prefix (a zone, a dataset, a partition) with sizes.
    Ls {
        #[arg(default_value = "")]
        prefix: String,
    },
    /// Ingest files into ZONE/DATASET/year=YYYY/month=MM/day=DD/ as they are.
    Ingest {
        #[arg(long, default_value = "raw")]
        zone: String,
        #[arg(long)]
        dataset: String,
        /// The day the files belong to (YYYY-MM-DD).
        #[arg(long)]
        date: String,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Ingest the media sample (the seed's section 24) into the raw and processed zones.
    Sample {
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[arg(long, default_value_t = 2_000)]
        events: u64,
    },
    /// Run Glue jobs: the built-in media jobs by name (all of them when none
    /// is named) or a job written as JSON (`--job FILE.json`).
    Glue {
        #[arg(long = "job", value_name = "NAME|FILE")]
        jobs: Vec<String>,
    },
    /// SQL over the lake. Every dataset is a table named after it
    /// (`raw/video_metadata` → video_metadata) unless `--table NAME=ZONE/DATASET`
    /// names them; partition directories are columns and prune files.
    Sql {
        #[arg(long = "table", value_name = "NAME=ZONE/DATASET")]
        tables: Vec<String>,
        /// Print on stderr what each table scanned (files scanned / skipped).
        #[arg(long)]
        stats: bool,
        query: String,
    },
    /// Write a file of the lake to stdout.
    Cat { path: String },
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    // Multi-threaded: a query's file reads block on it from this thread.
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")
}

fn day(text: &str) -> Result<(i64, u32, u32)> {
    let d = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .with_context(|| format!("--date {text}: not a day (YYYY-MM-DD)"))?;
    use chrono::Datelike;
    Ok((d.year() as i64, d.month(), d.day()))
}

pub(crate) fn job(spec: &str) -> Result<GlueJob> {
    if let Some(job) = media::glue_jobs().into_iter().find(|j| j.name == spec) {
        return Ok(job);
    }
    let path = PathBuf::from(spec);
    if !path.is_file() {
        let names: Vec<String> = media::glue_jobs().into_iter().map(|j| j.name).collect();
        bail!(
            "--job {spec}: neither a built-in job ({}) nor a JSON file",
            names.join(", ")
        );
    }
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {spec}"))?;
    serde_json::from_str(&text).map_err(|e| {
        // serde_json ends with " at line L column C"; the error says where itself.
        let full = e.to_string();
        let detail = full
            .rsplit_once(" at line ")
            .map_or(full.as_str(), |(d, _)| d)
            .to_string();
        EngineError::at(spec, e.line(), e.column(), Fault::JsonSyntax { detail }).into()
    })
}

fn write_stdout(bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    std::io::stdout().write_all(bytes).context("writing to stdout")
}

/// Run `command` on the lake at `location`; errors say which lake (the
/// connector's own errors name lake paths only).
pub fn run(location: &str, command: LakeCommand) -> Result<()> {
    run_on(location, command).with_context(|| {
        format!(
            "lake {}",
            dataplay_connector::db::redact(location.trim_end_matches('/'))
        )
    })
}

fn run_on(location: &str, command: LakeCommand) -> Result<()> {
    let store = LakeStore::open(location, &S3Config::from_env())?;
    let rt = runtime()?;
    match command {
        LakeCommand::Ls { prefix } => {
            for f in rt.block_on(store.list(&prefix))? {
                println!("{:>12}  {}", f.bytes, f.path);
            }
        }
        LakeCommand::Ingest {
            zone,
            dataset,
            date,
            files,
        } => {
            let day = day(&date)?;
            for file in files {
                let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
                let name = file
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                if FileFormat::from_file_name(&name).is_none() {
                    bail!("{}: not a .csv, .json, .jsonl or .parquet file", file.display());
                }
                let path = rt.block_on(store.ingest(&zone, &dataset, day, &name, &bytes))?;
                println!("{:>12}  {path}", bytes.len());
            }
        }
        LakeCommand::Sample { seed, events } => {
            let mut lake = Lake::new();
            media::ingest_sample(&mut lake, seed, events)?;
            for f in rt.block_on(store.put_all(&lake, ""))? {
                println!("{:>12}  {}", f.bytes, f.path);
            }
        }
        LakeCommand::Glue { jobs } => {
            let jobs = if jobs.is_empty() {
                media::glue_jobs()
            } else {
                jobs.iter().map(|j| job(j)).collect::<Result<_>>()?
            };
            for job in jobs {
                let report = rt
                    .block_on(store.run_glue(&job))
                    .with_context(|| format!("Glue job {}", job.name))?;
                println!(
                    "{}: {} rows in, {} rows out, {} files written to {}",
                    report.job,
                    report.rows_in,
                    report.rows_out,
                    report.files_written.len(),
                    job.target
                );
            }
        }
        LakeCommand::Sql { tables, stats, query } => {
            let tables = if tables.is_empty() {
                rt.block_on(store.tables())?
            } else {
                tables
                    .iter()
                    .map(|t| {
                        t.split_once('=')
                            .filter(|(n, d)| !n.is_empty() && d.contains('/'))
                            .map(|(n, d)| (n.to_string(), d.to_string()))
                            .with_context(|| format!("--table {t}: expected NAME=ZONE/DATASET"))
                    })
                    .collect::<Result<_>>()?
            };
            let answer = store.query(rt.handle(), &tables, &query, &LoadOptions::default())?;
            if stats {
                for s in &answer.scans {
                    eprintln!("{}", crate::sql::describe_scan(s));
                }
            }
            let mut frame = answer.frame;
            write_stdout(&write::to_bytes(&mut frame, FileFormat::Csv)?)?;
        }
        LakeCommand::Cat { path } => {
            write_stdout(&rt.block_on(store.get(&path))?)?;
        }
    }
    Ok(())
}
