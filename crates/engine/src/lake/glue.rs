//! Glue-style jobs, defined as data (`dataplay_api::lake::GlueJob`): read a
//! dataset of the lake (nested JSON fields reachable as `parent.child`),
//! derive columns, filter, optionally aggregate, and write Parquet into
//! another zone, partitioned — overwriting the target, as the seed's job does.

use dataplay_api::lake::{GlueJob, GlueReport, LakeFile};
use dataplay_api::{Fault, FileFormat, LoadOptions, Subject};
use polars_core::prelude::*;

use super::partition::hive_path;
use super::project::Projection;
use super::scan::{scan, FileRef};
use super::{check_path, normalize_path, Lake};
use crate::error::{EngineError, Result};
use crate::sql::Session;
use crate::write;

/// `"name"`: an identifier as SQL reads it whatever it contains.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The SQL a job runs over its source (registered as `source`).
pub fn sql(job: &GlueJob) -> String {
    let mut inner = String::from("SELECT *");
    for (name, expr) in &job.derive {
        inner.push_str(&format!(", {expr} AS {}", ident(name)));
    }
    inner.push_str(" FROM source");
    if !job.filter.trim().is_empty() {
        inner.push_str(&format!(" WHERE {}", job.filter));
    }
    if job.group_by.is_empty() {
        let columns = if job.select.is_empty() {
            "*".to_string()
        } else {
            job.select.iter().map(|c| ident(c)).collect::<Vec<_>>().join(", ")
        };
        if job.derive.is_empty() && job.filter.trim().is_empty() {
            return format!("SELECT {columns} FROM source");
        }
        format!("SELECT {columns} FROM ({inner}) AS derived")
    } else {
        let keys = job.group_by.iter().map(|c| ident(c)).collect::<Vec<_>>().join(", ");
        let aggs = job
            .aggregates
            .iter()
            .map(|(n, e)| format!("{e} AS {}", ident(n)))
            .collect::<Vec<_>>()
            .join(", ");
        let from = if job.derive.is_empty() && job.filter.trim().is_empty() {
            "source".to_string()
        } else {
            format!("({inner}) AS derived")
        };
        format!("SELECT {keys}, {aggs} FROM {from} GROUP BY {keys} ORDER BY {keys}")
    }
}

/// Run `job` on `lake`: its target is replaced by the job's Parquet files.
pub fn run(lake: &mut Lake, job: &GlueJob) -> Result<GlueReport> {
    let bad = |fault| EngineError::invalid(Subject::GlueJob(job.name.clone()), fault);
    let files: Vec<FileRef> = lake.dataset_files(&job.source)?;
    if files.is_empty() {
        return Err(bad(Fault::NoFilesUnder {
            source_path: job.source.clone(),
        }));
    }
    if !job.group_by.is_empty() && job.aggregates.is_empty() {
        return Err(bad(Fault::NoAggregate));
    }
    let target = normalize_path(&job.target)?;
    check_path(&format!("{target}/part.parquet"))?;
    let source = {
        // Read before anything is written: the lake is only borrowed here.
        let lake: &Lake = lake;
        let read = |f: &FileRef| lake.read(f);
        let flatten = LoadOptions {
            flatten: true,
            ..LoadOptions::default()
        };
        scan(&job.source, &files, None, &Projection::All, &flatten, &read)?.0
    };
    let rows_in = source.height();
    let mut session = Session::new();
    session.register("source", source);
    let sql = sql(job);
    let out = session.query(&sql)?;
    for p in &job.partition_by {
        if out.column(p).is_err() {
            return Err(bad(Fault::PartitionNotInOutput { column: p.clone() }));
        }
    }
    let groups: Vec<DataFrame> = if job.partition_by.is_empty() {
        vec![out.clone()]
    } else {
        out.partition_by_stable(job.partition_by.iter().map(String::as_str), true)
            .map_err(|e| EngineError::polars(format!("partitioning {}", job.target), e))?
    };
    let target = target.as_str();
    let (zone, dataset) = target.split_once('/').unwrap_or((target, ""));
    let mut written = vec![];
    let mut files_out = vec![];
    for (i, group) in groups.into_iter().enumerate() {
        let mut values = vec![];
        for p in &job.partition_by {
            let v = group
                .column(p)
                .ok()
                .and_then(|c| c.get(0).ok().map(|v| v.str_value().to_string()))
                .unwrap_or_else(|| "__HIVE_DEFAULT_PARTITION__".into());
            values.push((p.as_str(), v));
        }
        let mut data = group.drop_many(job.partition_by.iter().map(String::as_str));
        let bytes = write::to_bytes(&mut data, FileFormat::Parquet)?;
        let path = hive_path(zone, dataset, &values, &format!("part-{i:05}.parquet"));
        written.push(LakeFile {
            path: path.clone(),
            bytes: bytes.len() as u64,
        });
        files_out.push((path, bytes));
    }
    // Every file is ready: replace the target at once.
    lake.remove(target);
    for (path, bytes) in files_out {
        lake.put(&path, bytes)?;
    }
    Ok(GlueReport {
        job: job.name.clone(),
        rows_in,
        rows_out: out.height(),
        columns_out: out.get_column_names().iter().map(|c| c.to_string()).collect(),
        files_written: written,
        sql,
    })
}
