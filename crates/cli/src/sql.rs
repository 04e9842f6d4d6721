//! `dataplay sql`: name files or Hive-partitioned directories as tables, run
//! a query over them with the engine's lake reader (partition pruning
//! included) and print the result as CSV.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use dataplay_api::lake::TableScan;
use dataplay_api::{Fault, FileFormat, LoadOptions, Subject};
use dataplay_engine::lake::query::{self, LakeTable};
use dataplay_engine::lake::scan::FileRef;
use dataplay_engine::{write, EngineError};

/// `NAME=PATH` as given on the command line.
pub fn parse_table(arg: &str) -> Result<(String, PathBuf)> {
    let Some((name, path)) = arg.split_once('=') else {
        bail!("--table {arg}: expected NAME=PATH");
    };
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        bail!("--table {arg}: a table name is letters, digits and _");
    }
    Ok((name.to_string(), PathBuf::from(path)))
}

/// The data files under `dir`, sorted, with their paths relative to it.
fn walk(dir: &Path, base: &Path, out: &mut Vec<FileRef>) -> Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .collect::<std::io::Result<_>>()
        .with_context(|| format!("reading {}", dir.display()))?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with('.') || name.starts_with('_') {
            continue; // _SUCCESS, .crc and the like
        }
        if path.is_dir() {
            walk(&path, base, out)?;
        } else if FileFormat::from_file_name(&name).is_some() {
            let relative = path
                .strip_prefix(base)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let size = e.metadata().map(|m| m.len()).unwrap_or(0);
            out.push(FileRef::new(&path.to_string_lossy(), &relative, size));
        }
    }
    Ok(())
}

fn table(name: &str, path: &Path) -> Result<LakeTable> {
    let mut files = vec![];
    if path.is_dir() {
        walk(path, path, &mut files)?;
        if files.is_empty() {
            bail!("{}: no .csv, .json, .jsonl or .parquet files in it", path.display());
        }
    } else if path.is_file() {
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        files.push(FileRef::new(&path.to_string_lossy(), &file_name, size));
    } else {
        bail!("{}: no such file or directory (table {name})", path.display());
    }
    Ok(LakeTable {
        name: name.to_string(),
        files,
    })
}

pub fn run(tables: &[String], query_text: &str, stats: bool) -> Result<()> {
    let tables = tables
        .iter()
        .map(|t| parse_table(t).and_then(|(name, path)| table(&name, &path)))
        .collect::<Result<Vec<_>>>()?;
    let read = |f: &FileRef| -> dataplay_engine::Result<Arc<[u8]>> {
        std::fs::read(&f.path).map(Arc::from).map_err(|e| {
            EngineError::invalid(
                Subject::LakePath(f.path.clone()),
                Fault::LakeFetch { detail: e.to_string() },
            )
        })
    };
    let answer = query::run(&tables, query_text, &LoadOptions::default(), &read)?;
    if stats {
        for s in &answer.scans {
            eprintln!("{}", describe_scan(s));
        }
    }
    let mut frame = answer.frame;
    let bytes = write::to_bytes(&mut frame, FileFormat::Csv)?;
    use std::io::Write;
    std::io::stdout().write_all(&bytes).context("writing the result")?;
    Ok(())
}

/// One line on what a table's scan read (for `--stats`).
pub fn describe_scan(s: &TableScan) -> String {
    format!(
        "{}: {} files scanned, {} skipped{} ({} bytes, {} rows){}",
        s.table,
        s.files_scanned,
        s.files_skipped,
        s.pruned_by.as_ref().map(|f| format!(" by {f}")).unwrap_or_default(),
        s.bytes_scanned,
        s.rows,
        if s.columns_skipped.is_empty() {
            String::new()
        } else {
            format!("; columns left out: {}", s.columns_skipped.join(", "))
        }
    )
}
