//! What a link sets on the Lake & Warehouse page
//! (`#/lake?v=1&sql=warehouse&q=…&open=raw/video_metadata`): where the SQL
//! runs, the lake query and the warehouse script when edited, the sample's
//! size, the datasets unfolded in the file tree, each job's JSON as edited,
//! and the result table shown. The page writes it back as they change; old
//! links keep working as keys are added (`v`).

use std::collections::{BTreeMap, BTreeSet};

use crate::link::{self, BadPart};

const VERSION: u32 = 1;
/// Events of the media sample when the link does not say.
pub const DEFAULT_EVENTS: u64 = 20_000;
/// A key `job.<name>` holds that job's JSON as edited.
const JOB: &str = "job.";

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Link {
    /// The SQL runs in the warehouse (not over the lake).
    pub warehouse: bool,
    pub lake_sql: Option<String>,
    pub warehouse_sql: Option<String>,
    pub events: Option<u64>,
    pub open: BTreeSet<String>,
    pub jobs: BTreeMap<String, String>,
    /// The result table shown (`sql:lake`, `dw:dim_users`).
    pub table: Option<String>,
    pub bad: Vec<BadPart>,
}

pub fn read(hash: &str) -> Link {
    let q = link::query(hash);
    let mut out = Link::default();
    let take = |name: &'static str| link::get(&q, name).map(|v| (name, v));
    if let Some((name, v)) = take("v") {
        if v.trim().parse::<u32>().map_or(true, |n| n == 0 || n > VERSION) {
            out.bad.push(BadPart { name, value: v });
        }
    }
    match take("sql") {
        Some((_, v)) if v == "warehouse" => out.warehouse = true,
        Some((_, v)) if v == "lake" => {}
        Some((name, value)) => out.bad.push(BadPart { name, value }),
        None => {}
    }
    out.lake_sql = take("q").map(|(_, v)| v);
    out.warehouse_sql = take("w").map(|(_, v)| v);
    if let Some((name, v)) = take("events") {
        match v.trim().parse::<u64>() {
            Ok(n) if n > 0 => out.events = Some(n),
            _ => out.bad.push(BadPart { name, value: v }),
        }
    }
    if let Some((_, v)) = take("open") {
        out.open = v.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect();
    }
    for (k, v) in &q {
        if let Some(job) = k.strip_prefix(JOB).filter(|j| !j.is_empty()) {
            out.jobs.insert(job.to_string(), v.clone());
        }
    }
    out.table = take("table").map(|(_, v)| v).filter(|t| !t.is_empty());
    out
}

/// The hash for the page as it is (what is at its default is left out).
pub fn hash_for(link: &Link) -> String {
    let mut params: Vec<(String, String)> = vec![("v".into(), VERSION.to_string())];
    if link.warehouse {
        params.push(("sql".into(), "warehouse".into()));
    }
    if let Some(q) = &link.lake_sql {
        params.push(("q".into(), q.clone()));
    }
    if let Some(w) = &link.warehouse_sql {
        params.push(("w".into(), w.clone()));
    }
    if let Some(n) = link.events.filter(|n| *n != DEFAULT_EVENTS) {
        params.push(("events".into(), n.to_string()));
    }
    if !link.open.is_empty() {
        params.push(("open".into(), link.open.iter().cloned().collect::<Vec<_>>().join(",")));
    }
    for (name, json) in &link.jobs {
        params.push((format!("{JOB}{name}"), json.clone()));
    }
    if let Some(t) = &link.table {
        params.push(("table".into(), t.clone()));
    }
    let refs: Vec<(&str, String)> = params.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    link::hash("lake", &refs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_as_it_is_comes_back_from_its_link() {
        let mut jobs = BTreeMap::new();
        jobs.insert(
            "video_stats".to_string(),
            "{\"name\": \"video_stats\", \"filter\": \"a & b\"}".to_string(),
        );
        let page = Link {
            warehouse: true,
            lake_sql: Some("SELECT COUNT(*) FROM user_interactions WHERE day <= 15".into()),
            warehouse_sql: Some("CREATE TABLE t (a INTEGER);\nSELECT 1;".into()),
            events: Some(3_000),
            open: ["raw/user_interactions".to_string(), "curated/x".to_string()].into(),
            jobs,
            table: Some("sql:warehouse".into()),
            bad: vec![],
        };
        let hash = hash_for(&page);
        assert!(hash.starts_with("#/lake?v=1&sql=warehouse&q=SELECT%20COUNT"), "{hash}");
        assert_eq!(read(&hash), page);
        // The defaults are left out: a short link.
        assert_eq!(hash_for(&Link::default()), "#/lake?v=1");
        assert_eq!(read("#/lake"), Link::default());
    }

    #[test]
    fn an_unreadable_part_is_named_and_the_rest_applies() {
        let link = read("#/lake?v=9&sql=cloud&events=-3&q=SELECT+1");
        let bad: Vec<&str> = link.bad.iter().map(|b| b.name).collect();
        assert_eq!(bad, ["v", "sql", "events"]);
        assert_eq!(link.lake_sql.as_deref(), Some("SELECT 1"));
        assert!(!link.warehouse);
    }
}
