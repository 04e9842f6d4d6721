//! The data lake: files kept as they arrived, in zones (raw, processed,
//! curated) under Hive-style partitioned paths (`partition`), read with
//! schema-on-read when queried (`scan`), filtered by partition before any
//! file is read (`prune`), queried with SQL (`query`) and transformed by
//! Glue-style jobs written as data (`glue`); `media` is the seed's media
//! company laid out in it.

pub mod glue;
pub mod media;
pub mod partition;
pub mod project;
pub mod prune;
pub mod query;
pub mod scan;

use std::collections::BTreeMap;
use std::sync::Arc;

use dataplay_api::fault::PathFault;
use dataplay_api::lake::{LakeFile, ZONES};
use dataplay_api::{Fault, Subject};

use crate::error::{EngineError, Result};

/// The lake's files by path. Paths start with a zone.
#[derive(Default, Clone)]
pub struct Lake {
    files: BTreeMap<String, Arc<[u8]>>,
}

/// A lake path or prefix in its one spelling, for every route (the CLI,
/// the connector's API, the page): repeated, leading and trailing slashes
/// collapsed (`raw///video_metadata/` is `raw/video_metadata`; "" is the
/// whole lake). A path that cannot mean a place inside the lake is refused
/// with the reason: a `.` or `..` segment (also percent-encoded, `%2e%2e`),
/// a backslash, a control character.
pub fn normalize_path(path: &str) -> Result<String> {
    let bad = |why| EngineError::invalid(Subject::LakePath(path.escape_debug().to_string()), Fault::LakePath(why));
    if path.chars().any(char::is_control) {
        return Err(bad(PathFault::ControlCharacter));
    }
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    for s in &segments {
        let decoded = s.to_ascii_lowercase().replace("%2e", ".");
        if decoded == "." || decoded == ".." {
            return Err(bad(PathFault::LeavesTheLake));
        }
        if s.contains('\\') || s.to_ascii_lowercase().contains("%5c") || s.to_ascii_lowercase().contains("%2f") {
            return Err(bad(PathFault::EncodedSlash));
        }
    }
    Ok(segments.join("/"))
}

/// A path the lake accepts: a zone, then non-empty segments without `..`.
pub fn check_path(path: &str) -> Result<()> {
    let bad = |why| EngineError::invalid(Subject::LakePath(path.to_string()), Fault::LakePath(why));
    let mut segments = path.split('/');
    let zone = segments.next().unwrap_or_default();
    if !ZONES.contains(&zone) {
        return Err(bad(PathFault::NoZone {
            zones: ZONES.iter().map(|z| z.to_string()).collect(),
        }));
    }
    let rest: Vec<&str> = segments.collect();
    if rest.len() < 2 {
        return Err(bad(PathFault::NoDatasetOrFile));
    }
    if rest
        .iter()
        .any(|s| s.is_empty() || *s == "." || *s == ".." || s.contains('\\'))
    {
        return Err(bad(PathFault::EmptySegment));
    }
    Ok(())
}

/// Where ingest puts a file: `zone/dataset/year=YYYY/month=MM/day=DD/<name>`
/// (the seed's layout; only the file's own name is kept of `file`). A
/// dataset is one name: slashes, `.`/`..` and control characters are refused.
pub fn ingest_path(zone: &str, dataset: &str, day: (i64, u32, u32), file: &str) -> Result<String> {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let one = normalize_path(dataset)?;
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.');
    if one.is_empty() || one.starts_with('.') || !dataset.chars().all(allowed) {
        return Err(EngineError::invalid(
            Subject::LakeDataset(dataset.escape_debug().to_string()),
            Fault::LakeDatasetName,
        ));
    }
    if name.is_empty() || normalize_path(name)?.is_empty() {
        return Err(EngineError::file(file, Fault::NotAFileName));
    }
    Ok(partition::hive_path(
        zone,
        dataset,
        &[
            ("year", format!("{:04}", day.0)),
            ("month", format!("{:02}", day.1)),
            ("day", format!("{:02}", day.2)),
        ],
        name,
    ))
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
/// dataset (`dataset` normalised, `normalize_path`), whose `key=value`
/// directories are its partitions. A file not under the dataset is left out.
pub fn dataset_refs(dataset: &str, files: Vec<LakeFile>) -> Vec<scan::FileRef> {
    let dataset = dataset.trim_end_matches('/');
    let root = format!("{dataset}/");
    files
        .into_iter()
        .filter_map(|f| {
            // A dataset named by one of its files (`COPY … FROM 'raw/x/a.csv'`) is that file.
            let relative = match f.path.strip_prefix(&root) {
                Some(r) => r.to_string(),
                None if f.path == dataset => String::new(),
                None => return None,
            };
            Some(scan::FileRef::new(&f.path, &relative, f.bytes))
        })
        .collect()
}

impl Lake {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn put(&mut self, path: &str, bytes: impl Into<Arc<[u8]>>) -> Result<()> {
        let path = normalize_path(path)?;
        check_path(&path)?;
        self.files.insert(path, bytes.into());
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
        let path = ingest_path(zone, dataset, day, file)?;
        self.put(&path, bytes)?;
        Ok(path)
    }

    /// A file's bytes for a scan (a `Reader`); a file no longer there is an error.
    pub fn read(&self, file: &scan::FileRef) -> Result<Arc<[u8]>> {
        self.get(&file.path)
            .cloned()
            .ok_or_else(|| EngineError::invalid(Subject::LakePath(file.path.clone()), Fault::NotInLake))
    }

    pub fn get(&self, path: &str) -> Option<&Arc<[u8]>> {
        self.files.get(path)
    }

    /// Every file under `prefix` (a zone, a dataset or a partition), with sizes.
    /// A prefix that is not a lake path (`normalize_path`) holds nothing.
    pub fn list(&self, prefix: &str) -> Vec<LakeFile> {
        let Ok(prefix) = normalize_path(prefix) else {
            return vec![];
        };
        let prefix = prefix.as_str();
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
        let prefix = match normalize_path(prefix) {
            Ok(p) if !p.is_empty() => format!("{p}/"),
            _ => return 0,
        };
        let before = self.files.len();
        self.files.retain(|p, _| !p.starts_with(&prefix));
        before - self.files.len()
    }

    /// The datasets of a zone: `raw/user_interactions`, …
    pub fn datasets(&self) -> Vec<String> {
        datasets_of(self.files.keys().map(String::as_str))
    }

    /// A dataset's files as `scan` reads them (bytes read on demand); a
    /// name that is not a lake path is refused with the reason.
    pub fn dataset_files(&self, dataset: &str) -> Result<Vec<scan::FileRef>> {
        let root = normalize_path(dataset)?;
        Ok(dataset_refs(&root, self.list(&root)))
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

    #[test]
    fn paths_have_one_spelling_and_traversal_is_refused() {
        assert_eq!(normalize_path("raw///video_metadata/").unwrap(), "raw/video_metadata");
        assert_eq!(normalize_path("//raw//x//y").unwrap(), "raw/x/y");
        assert_eq!(normalize_path("").unwrap(), "");
        assert_eq!(normalize_path("///").unwrap(), "");
        for bad in [
            "raw/../etc",
            "..",
            "raw/./x",
            "raw/%2e%2e/x",
            "raw/%2E./x",
            "raw/a\\b",
            "raw/a%2fb",
            "raw/\n/x",
            "raw/\0",
        ] {
            let err = normalize_path(bad).expect_err(bad).to_string();
            assert!(err.contains("not a lake path"), "{bad}: {err}");
        }
    }

    #[test]
    fn repeated_slashes_in_a_dataset_name_find_the_same_files_and_partitions() {
        let mut lake = Lake::new();
        lake.put("raw/video_metadata/year=2024/month=01/a.json", vec![1u8])
            .unwrap();
        lake.put("raw///video_metadata//year=2024/month=02//b.json", vec![2u8])
            .unwrap();
        let plain = lake.dataset_files("raw/video_metadata").unwrap();
        assert_eq!(plain.len(), 2);
        for spelling in [
            "raw///video_metadata",
            "/raw/video_metadata/",
            "raw//////////////video_metadata",
        ] {
            let files = lake.dataset_files(spelling).unwrap();
            let partitions: Vec<_> = files.iter().map(|f| f.partitions.clone()).collect();
            let want: Vec<_> = plain.iter().map(|f| f.partitions.clone()).collect();
            assert_eq!(partitions, want, "{spelling}");
            assert_eq!(
                partitions[1],
                [("year".into(), "2024".into()), ("month".into(), "02".into())]
            );
        }
        assert!(lake.dataset_files("raw/../raw/video_metadata").is_err());
        // A dataset name that is a prefix of another's is not that dataset.
        assert!(lake.dataset_files("raw/video").unwrap().is_empty());
        assert_eq!(lake.remove("///"), 0, "the whole lake is never a prefix to remove");
        for dataset in ["a/b", "../x", "", "//", "x\n"] {
            assert!(
                lake.ingest("raw", dataset, (2024, 1, 1), "f.csv", vec![]).is_err(),
                "{dataset:?}"
            );
        }
        assert!(lake.ingest("raw", "ok", (2024, 1, 1), "dir/..", vec![]).is_err());
        assert!(lake.ingest("raw", "a#b", (2024, 1, 1), "f.csv", vec![]).is_err());
        assert!(lake
            .ingest("raw", "dữ_liệu-2024.v1", (2024, 1, 1), "f.csv", vec![])
            .is_ok());
        // A dataset named by one of its files is that file.
        let one = lake
            .dataset_files("raw/video_metadata/year=2024/month=01/a.json")
            .unwrap();
        assert_eq!(one.len(), 1);
    }
}
