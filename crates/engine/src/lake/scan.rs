//! Schema-on-read: a dataset's files read when queried, each in its own
//! format, its partition directories added as columns, and the files'
//! schemas united (a column missing from a file is null there; a column
//! whose type differs between files takes the type both fit in, or the
//! error names the file).

use std::sync::Arc;

use dataplay_api::lake::TableScan;
use dataplay_api::{Fault, LoadOptions, Subject};
use polars_core::prelude::*;
use polars_core::utils::try_get_supertype;

use super::partition;
use super::project::Projection;
use crate::error::{EngineError, Result};
use crate::load;
use crate::sql::Session;

/// A file of a dataset: where it is, its path below the dataset (for
/// partitions) and its size.
#[derive(Debug, Clone)]
pub struct FileRef {
    pub path: String,
    pub partitions: Vec<(String, String)>,
    pub bytes: u64,
}

impl FileRef {
    pub fn new(path: &str, relative: &str, bytes: u64) -> Self {
        FileRef {
            path: path.to_string(),
            partitions: partition::parse(relative),
            bytes,
        }
    }
}

/// Reads a file's bytes (from the lake's memory, or from disk natively).
pub type Reader<'a> = &'a dyn Fn(&FileRef) -> Result<Arc<[u8]>>;

/// The partition keys of a dataset's files, in order of first appearance.
pub fn partition_columns(files: &[FileRef]) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for f in files {
        for (k, _) in &f.partitions {
            if !out.contains(k) {
                out.push(k.clone());
            }
        }
    }
    out
}

/// One column per partition key, one row per file.
fn partition_frame(files: &[FileRef], keys: &[String]) -> Result<DataFrame> {
    let mut columns: Vec<Column> = keys
        .iter()
        .map(|k| {
            let values: Vec<Option<String>> = files
                .iter()
                .map(|f| f.partitions.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()))
                .collect();
            partition::column(k, &values)
        })
        .collect();
    let index: Vec<u32> = (0..files.len() as u32).collect();
    columns.push(Column::new("__file".into(), index));
    DataFrame::new(columns).map_err(|e| EngineError::polars("partition columns", e))
}

/// The files whose partitions pass `filter`; all of them when the filter
/// cannot be evaluated on the partition columns alone.
fn pruned(parts: &DataFrame, filter: &str) -> Option<Vec<usize>> {
    let mut session = Session::new();
    session.register("__partitions", parts.clone());
    let kept = session
        .query(&format!("SELECT __file FROM __partitions WHERE {filter}"))
        .ok()?;
    let ca = kept.column("__file").ok()?.u32().ok()?.clone();
    Some(ca.into_no_null_iter().map(|i| i as usize).collect())
}

/// Read `table`'s files (those the partition filter keeps; of each, the
/// columns the projection keeps) into one frame.
pub fn scan(
    table: &str,
    files: &[FileRef],
    filter: Option<&str>,
    projection: &Projection,
    options: &LoadOptions,
    read: Reader,
) -> Result<(DataFrame, TableScan)> {
    if files.is_empty() {
        return Err(EngineError::invalid(
            Subject::LakeDataset(table.to_string()),
            Fault::NoFiles,
        ));
    }
    let keys = partition_columns(files);
    let parts = partition_frame(files, &keys)?;
    let (selected, pruned_by) = match filter.and_then(|f| pruned(&parts, f).map(|s| (s, f))) {
        Some((s, f)) => (s, Some(f.to_string())),
        None => ((0..files.len()).collect(), None),
    };
    let mut frames = Vec::with_capacity(selected.len());
    let mut bytes_scanned = 0;
    let mut columns_skipped: Vec<String> = vec![];
    for &i in &selected {
        let file = &files[i];
        let bytes = read(file)?;
        bytes_scanned += bytes.len() as u64;
        let loaded = load::load_columns(&file.path, &bytes, options, &|c| projection.keeps(c))?;
        for c in loaded.skipped {
            if !columns_skipped.contains(&c) {
                columns_skipped.push(c);
            }
        }
        let mut frame = loaded.frame;
        for key in &keys {
            if frame.column(key).is_ok() {
                continue;
            }
            let value = parts
                .column(key)
                .and_then(|c| {
                    c.slice(i as i64, 1)
                        .as_materialized_series()
                        .clone()
                        .new_from_index(0, frame.height())
                        .cast(c.dtype())
                })
                .map_err(|e| EngineError::polars(format!("{}: partition {key}", file.path), e))?;
            frame
                .with_column(value)
                .map_err(|e| EngineError::polars(format!("{}: partition {key}", file.path), e))?;
        }
        frames.push((file.path.clone(), frame));
    }
    let frame = union(frames)?;
    let report = TableScan {
        table: table.to_string(),
        pruned_by,
        files_scanned: selected.len(),
        files_skipped: files.len() - selected.len(),
        bytes_scanned,
        rows: frame.height(),
        columns_skipped,
    };
    Ok((frame, report))
}

/// Stack frames whose columns may differ: columns in order of first
/// appearance, each with the type all files fit in.
pub fn union(frames: Vec<(String, DataFrame)>) -> Result<DataFrame> {
    let mut schema: Vec<(PlSmallStr, DataType)> = vec![];
    for (path, f) in &frames {
        for c in f.get_columns() {
            match schema.iter_mut().find(|(n, _)| n == c.name()) {
                Some((_, t)) => {
                    *t = try_get_supertype(t, c.dtype()).map_err(|_| {
                        EngineError::invalid(
                            Subject::LakePath(path.clone()),
                            Fault::ColumnTypeChanged {
                                column: c.name().to_string(),
                                here: c.dtype().to_string(),
                                before: t.to_string(),
                            },
                        )
                    })?;
                }
                None => schema.push((c.name().clone(), c.dtype().clone())),
            }
        }
    }
    let mut out: Option<DataFrame> = None;
    for (path, f) in frames {
        let columns = schema
            .iter()
            .map(|(n, t)| match f.column(n) {
                Ok(c) if c.dtype() == t => Ok(c.clone()),
                Ok(c) => c.cast(t),
                Err(_) => Ok(Column::full_null(n.clone(), f.height(), t)),
            })
            .collect::<PolarsResult<Vec<_>>>()
            .map_err(|e| EngineError::polars(format!("{path}: matching the other files' columns"), e))?;
        let df = DataFrame::new(columns).map_err(|e| EngineError::polars(path.clone(), e))?;
        match &mut out {
            Some(o) => {
                o.vstack_mut(&df).map_err(|e| EngineError::polars(path.clone(), e))?;
            }
            None => out = Some(df),
        }
    }
    let mut out = out.unwrap_or_default();
    out.rechunk_mut();
    Ok(out)
}
