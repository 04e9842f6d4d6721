//! `dataplay`: the engine on the command line. Each subcommand parses its
//! arguments, calls the engine and prints; no data logic lives here.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use dataplay_api::{FileFormat, LoadOptions, SampleKind, SampleSpec};
use dataplay_engine::samples::{self, Table};
use dataplay_engine::{export, Workspace};

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
    match run(Cli::parse()) {
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
    let bytes = export::to_bytes(&mut frame, FileFormat::Csv)?;
    print!("{}", String::from_utf8_lossy(&bytes));
    Ok(())
}

fn write_sample(spec: &SampleSpec, out: &Path, format: FileFormat) -> Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    for table in samples::generate(spec)? {
        let (file_name, bytes) = match table {
            Table::Frame { name, mut frame } => {
                let ext = match format {
                    FileFormat::Csv => "csv",
                    FileFormat::Json => "json",
                    FileFormat::Jsonl => "jsonl",
                    FileFormat::Parquet => "parquet",
                };
                (format!("{name}.{ext}"), export::to_bytes(&mut frame, format)?)
            }
            Table::File { file_name, bytes } => (file_name, bytes),
        };
        let path = out.join(&file_name);
        std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
        println!("{}", path.display());
    }
    Ok(())
}
