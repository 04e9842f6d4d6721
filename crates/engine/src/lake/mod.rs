//! The data lake: files kept as they arrived, in zones (raw, processed,
//! curated) under Hive-style partitioned paths (`partition`), read with
//! schema-on-read when queried (`scan`), filtered by partition before any
//! file is read (`prune`), queried with SQL (`query`) and transformed by
//! Glue-style jobs written as data (`glue`).

pub mod glue;
pub mod media;
pub mod partition;
pub mod project;
pub mod prune;
pub mod query;
pub mod scan;

use std::collections::BTreeMap;
use std::sync::Arc;

use dataplay_api::lake::{LakeFile, ZONES};

use crate::error::{EngineError, Result};

/// The lake's files by path. Paths start with a zone.
#[derive(Default, Clone)]
pub struct Lake {
    files: BTreeMap<String, Arc<[u8]>>,
}

/// A path the lake accepts: a zone, then non-empty segments without `..`.
pub fn check_path(path: &str) -> Result<()> {
    let bad = |why: &str| EngineError::invalid(path, format!("not a lake path: {why}"));
    let mut segments = path.split('/');
    let zone = segments.next().unwrap_or_default();
    if !ZONES.contains(&zone) {
        return Err(bad(&format!("it must start with a zone ({})", ZONES.join(", "))));
    }
    let rest: Vec<&str> = segments.collect();
    if rest.len() < 2 {
        return Err(bad("it needs a dataset and a file name"));
    }
    if rest
        .iter()
        .any(|s| s.is_empty() || *s == "." || *s == ".." || s.contains('\\'))
    {
        return Err(bad("empty, '.' or '..' segments"));
    }
    Ok(())
}

/// Where ingest puts a file: `zone/dataset/year=YYYY/month=MM/day=DD/<name>`
/// (the seed's layout; only the file's own name is kept of `file`).
pub fn ingest_path(zone: &str, dataset: &str, day: (i64, u32, u32), file: &str) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    partition::hive_path(
        zone,
        dataset,
        &[
            ("year", format!("{:04}", day.0)),
            ("month", format!("{:02}", day.1)),
            ("day", format!("{:02}", day.2)),
        ],
        name,
    )
}

/// The datasets (`zone/dataset`) the given lake paths belong to, sorted, once each.
pub fn datasets_of<'a>(paths: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = paths
        .into_iter()
        .filter_map(|p| {
            let mut s = p.splitn(3, '/');
            Some(format!("{}/{}", s.next()?, s.next()?))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A dataset's files as `scan` reads them: each with its path below the
/// dataset, whose `key=value` directories are its partitions.
pub fn dataset_refs(dataset: &str, files: Vec<LakeFile>) -> Vec<scan::FileRef> {
    let root = dataset.trim_end_matches('/');
    files
        .into_iter()
        .map(|f| scan::FileRef::new(&f.path, f.path[root.len()..].trim_start_matches('/'), f.bytes))
        .collect()
}

impl Lake {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn put(&mut self, path: &str, bytes: impl Into<Arc<[u8]>>) -> Result<()> {
        check_path(path)?;
        self.files.insert(path.to_string(), bytes.into());
        Ok(())
    }

    /// Ingest a file into `zone/dataset/year=YYYY/month=MM/day=DD/` (the
    /// seed's layout), keeping its bytes and format; returns its path.
    pub fn ingest(
        &mut self,
        zone: &str,
        dataset: &str,
        day: (i64, u32, u32),
        file: &str,
        bytes: Vec<u8>,
    ) -> Result<String> {
        let path = ingest_path(zone, dataset, day, file);
        self.put(&path, bytes)?;
        Ok(path)
    }

    /// A file's bytes for a scan (a `Reader`); a file no longer there is an error.
    pub fn read(&self, file: &scan::FileRef) -> Result<Arc<[u8]>> {
        self.get(&file.path)
            .cloned()
            .ok_or_else(|| EngineError::invalid(&file.path, "missing from the lake"))
    }

    pub fn get(&self, path: &str) -> Option<&Arc<[u8]>> {
        self.files.get(path)
    }

    /// Every file under `prefix` (a zone, a dataset or a partition), with sizes.
    pub fn list(&self, prefix: &str) -> Vec<LakeFile> {
        let prefix = prefix.trim_end_matches('/');
        self.files
            .iter()
            .filter(|(p, _)| prefix.is_empty() || *p == prefix || p.starts_with(&format!("{prefix}/")))
            .map(|(p, b)| LakeFile {
                path: p.clone(),
                bytes: b.len() as u64,
            })
            .collect()
    }

    /// Remove every file under `prefix` (a job's `overwrite`).
    pub fn remove(&mut self, prefix: &str) -> usize {
        let prefix = format!("{}/", prefix.trim_end_matches('/'));
        let before = self.files.len();
        self.files.retain(|p, _| !p.starts_with(&prefix));
        before - self.files.len()
    }

    /// The datasets of a zone: `raw/user_interactions`, …
    pub fn datasets(&self) -> Vec<String> {
        datasets_of(self.files.keys().map(String::as_str))
    }

    /// A dataset's files as `scan` reads them (bytes read on demand).
    pub fn dataset_files(&self, dataset: &str) -> Vec<scan::FileRef> {
        dataset_refs(dataset, self.list(dataset.trim_end_matches('/')))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ingest_writes_hive_paths_and_lists_by_prefix() {
        let mut lake = Lake::new();
        let p = lake
            .ingest(
                "raw",
                "user_interactions",
                (2024, 1, 20),
                "in/events.jsonl",
                b"{}\n".to_vec(),
            )
            .unwrap_or_default();
        assert_eq!(p, "raw/user_interactions/year=2024/month=01/day=20/events.jsonl");
        lake.put("curated/video_analytics/part-0.parquet", vec![1u8; 10]).ok();
        assert_eq!(lake.list("raw").len(), 1);
        assert_eq!(lake.list("curated/video_analytics")[0].bytes, 10);
        assert_eq!(
            lake.datasets(),
            vec!["curated/video_analytics", "raw/user_interactions"]
        );
        assert!(lake.put("tmp/x/y.csv", vec![]).is_err());
        assert!(lake.put("raw/../etc/passwd", vec![]).is_err());
        assert_eq!(lake.remove("curated/video_analytics"), 1);
    }
}
