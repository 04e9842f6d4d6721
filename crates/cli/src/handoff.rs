//! `dataplay export`: a pipeline written out for another engine — the ETL as
//! a PySpark job or a PostgreSQL script, a Glue job as a PySpark job. The
//! engine writes the text (`dataplay_engine::codegen`); this prints it.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use dataplay_api::etl::EtlParams;
use dataplay_api::PipelineExport;

#[derive(clap::Subcommand)]
pub enum ExportCommand {
    /// The retail ETL with these parameters (the page's "Export" gives the
    /// same text; `--params FILE` takes the page's parameters as JSON).
    Etl {
        /// pyspark: a spark-submit job over source files; postgres: one SQL
        /// script run inside the warehouse that holds the source tables.
        #[arg(long = "as", value_enum)]
        target: EtlTarget,
        /// Parameters as JSON (from, to, margin, segment_edges, segment_labels,
        /// movement_mapping, checks, run_checks); the flags below override them.
        #[arg(long, value_name = "FILE")]
        params: Option<PathBuf>,
        /// First day, inclusive (YYYY-MM-DD).
        #[arg(long, required_unless_present = "params")]
        from: Option<String>,
        /// Last day, inclusive (YYYY-MM-DD).
        #[arg(long, required_unless_present = "params")]
        to: Option<String>,
        #[arg(long)]
        margin: Option<f64>,
        /// Checks as JSON (as for `dataplay etl --checks`).
        #[arg(long, value_name = "FILE", conflicts_with = "no_checks")]
        checks: Option<PathBuf>,
        #[arg(long)]
        no_checks: bool,
    },
    /// A Glue job (a built-in media job by name, or a JSON file) as a PySpark
    /// job over a lake root.
    Glue {
        #[arg(long = "job", value_name = "NAME|FILE")]
        job: String,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum EtlTarget {
    Pyspark,
    Postgres,
}

fn read_params(path: &Path) -> Result<EtlParams> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{}: line {}, column {}: {e}", path.display(), e.line(), e.column()))
}

pub fn run(command: ExportCommand, out: Option<&Path>) -> Result<()> {
    let export = match command {
        ExportCommand::Etl {
            target,
            params,
            from,
            to,
            margin,
            checks,
            no_checks,
        } => {
            let mut p = match &params {
                Some(path) => read_params(path)?,
                None => EtlParams::default(),
            };
            if let Some(from) = from {
                p.from = from;
            }
            if let Some(to) = to {
                p.to = to;
            }
            if let Some(margin) = margin {
                p.margin = margin;
            }
            if let Some(path) = checks {
                p.checks = crate::etl::read_checks(&path)?;
            }
            if no_checks {
                p.run_checks = false;
            }
            match target {
                EtlTarget::Pyspark => PipelineExport::EtlPyspark(p),
                EtlTarget::Postgres => PipelineExport::EtlPostgres(p),
            }
        }
        ExportCommand::Glue { job } => PipelineExport::GluePyspark(crate::lake::job(&job)?),
    };
    let text = dataplay_engine::codegen::pipeline(&export)?.text;
    match out {
        Some(path) => std::fs::write(path, text).with_context(|| format!("writing {}", path.display())),
        None => {
            use std::io::Write;
            std::io::stdout()
                .write_all(text.as_bytes())
                .context("writing to stdout")
        }
    }
}
