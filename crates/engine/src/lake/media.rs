//! The seed's media company (section 24) end to end: the media sample
//! ingested into the lake's zones as the seed lays it out, the Glue jobs
//! that build the curated datasets, and the warehouse script — the seed's
//! star schema DDL as written, COPY from the curated zone, and the daily
//! summary with INSERT … SELECT … GROUP BY.

use std::collections::BTreeMap;

use dataplay_api::lake::GlueJob;
use dataplay_api::Fault;
use serde_json::Value;

use super::Lake;
use crate::error::{EngineError, Result};
use crate::samples::media;

/// `2024-01-20T10:30:00Z` → (2024, 1, 20).
fn day_of(timestamp: &str) -> Option<(i64, u32, u32)> {
    let y = timestamp.get(0..4)?.parse().ok()?;
    let m = timestamp.get(5..7)?.parse().ok()?;
    let d = timestamp.get(8..10)?.parse().ok()?;
    Some((y, m, d))
}

fn by_day<'a>(values: impl Iterator<Item = &'a Value>, field: &str) -> BTreeMap<(i64, u32, u32), Vec<&'a Value>> {
    let mut out: BTreeMap<(i64, u32, u32), Vec<&Value>> = BTreeMap::new();
    for v in values {
        let day = v
            .get(field)
            .and_then(Value::as_str)
            .and_then(day_of)
            .unwrap_or((1970, 1, 1));
        out.entry(day).or_default().push(v);
    }
    out
}

/// Ingest the media sample: video metadata (JSON) and interactions (JSONL)
/// into `raw/…/year=/month=/day=/` by their day, image analysis (JSON) into
/// `processed/image_analysis/year=/month=/` as the seed does. Returns the paths.
pub fn ingest_sample(lake: &mut Lake, seed: u64, events: u64) -> Result<Vec<String>> {
    let mut paths = vec![];
    for (name, bytes) in media::files(seed, events) {
        let bad = |e: serde_json::Error| EngineError::file(&name, Fault::LakeJson { detail: e.to_string() });
        match name.as_str() {
            "video_metadata.json" => {
                let videos: Vec<Value> = serde_json::from_slice(&bytes).map_err(bad)?;
                for (day, group) in by_day(videos.iter(), "upload_timestamp") {
                    let body = serde_json::to_vec(&group).map_err(bad)?;
                    paths.push(lake.ingest("raw", "video_metadata", day, "videos.json", body)?);
                }
            }
            "user_interactions.jsonl" => {
                let text = String::from_utf8_lossy(&bytes);
                let events: Vec<Value> = text
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(serde_json::from_str)
                    .collect::<std::result::Result<_, _>>()
                    .map_err(bad)?;
                for (day, group) in by_day(events.iter(), "timestamp") {
                    let mut body = String::new();
                    for e in group {
                        body.push_str(&e.to_string());
                        body.push('\n');
                    }
                    paths.push(lake.ingest(
                        "raw",
                        "user_interactions",
                        day,
                        "interactions.jsonl",
                        body.into_bytes(),
                    )?);
                }
            }
            _ => {
                let path = format!("processed/image_analysis/year=2024/month=01/{name}");
                lake.put(&path, bytes)?;
                paths.push(path);
            }
        }
    }
    Ok(paths)
}

/// The Glue jobs: the seed's two, and the three that build what the
/// warehouse script COPYs (dataplay's assumptions where the seed is silent:
/// a view is a `video_play` event, revenue is $2 per 1 000 views).
pub fn glue_jobs() -> Vec<GlueJob> {
    let job = |name: &str, source: &str, target: &str| GlueJob {
        name: name.into(),
        source: source.into(),
        filter: String::new(),
        derive: vec![],
        group_by: vec![],
        aggregates: vec![],
        select: vec![],
        target: target.into(),
        partition_by: vec![],
    };
    let pairs = |v: &[(&str, &str)]| v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    vec![
        GlueJob::seed_video_stats(),
        GlueJob::seed_user_behavior(),
        GlueJob {
            derive: pairs(&[("date_id", "year * 10000 + month * 100 + day")]),
            group_by: vec!["video_id".into(), "date_id".into()],
            aggregates: pairs(&[
                (
                    "views_count",
                    "SUM(CASE WHEN event_type = 'video_play' THEN 1 ELSE 0 END)",
                ),
                ("likes_count", "SUM(CASE WHEN event_type = 'like' THEN 1 ELSE 0 END)"),
                ("shares_count", "SUM(CASE WHEN event_type = 'share' THEN 1 ELSE 0 END)"),
                ("watch_time_minutes", "SUM(position_seconds) / 60"),
                (
                    "engagement_score",
                    "CAST(SUM(CASE WHEN event_type IN ('like', 'share') THEN 1 ELSE 0 END) AS DOUBLE) \
                     / SUM(CASE WHEN event_type = 'video_play' THEN 1 ELSE 0 END)",
                ),
                (
                    "revenue_usd",
                    "SUM(CASE WHEN event_type = 'video_play' THEN 1 ELSE 0 END) * 0.002",
                ),
            ]),
            ..job(
                "video_performance",
                "raw/user_interactions",
                "curated/video_performance",
            )
        },
        GlueJob {
            derive: pairs(&[("upload_date", "CAST(CAST(upload_timestamp AS TIMESTAMP) AS DATE)")]),
            select: [
                "video_id",
                "title",
                "category",
                "duration_seconds",
                "upload_date",
                "creator_id",
            ]
            .map(String::from)
            .to_vec(),
            ..job("dim_videos", "raw/video_metadata", "curated/dim_videos")
        },
        GlueJob {
            group_by: vec!["user_id".into()],
            aggregates: pairs(&[
                ("country", "FIRST(\"location.country\")"),
                ("total_videos_watched", "COUNT(DISTINCT video_id)"),
                ("total_watch_time_hours", "SUM(position_seconds) / 3600.0"),
            ]),
            ..job("dim_users", "raw/user_interactions", "curated/dim_users")
        },
    ]
}

/// A query over the lake to start from: the seed's Athena query made to
/// run on the raw video metadata (which has `upload_timestamp`, not
/// `upload_date`, and keeps views in `analytics`).
pub const LAKE_SQL: &str = "SELECT
    DATE_TRUNC('day', CAST(upload_timestamp AS TIMESTAMP)) AS date,
    COUNT(*) AS videos_uploaded,
    SUM(analytics.views) AS daily_views,
    AVG(CAST(analytics.likes AS DOUBLE) / analytics.views) AS avg_engagement,
    PERCENTILE_APPROX(duration_seconds, 0.5) AS median_duration
FROM video_metadata
WHERE year = 2024 AND month = 1 AND day <= 15
GROUP BY 1
ORDER BY date DESC";

/// The lake tables the page registers for SQL: name → dataset.
pub fn lake_tables() -> Vec<(String, String)> {
    [
        ("video_metadata", "raw/video_metadata"),
        ("user_interactions", "raw/user_interactions"),
        ("video_analytics", "curated/video_analytics"),
        ("user_behavior", "curated/user_behavior"),
        ("video_performance", "curated/video_performance"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect()
}

/// The warehouse script: the seed's DDL (Redshift keys and all), the
/// summary table its INSERT writes to, COPY from the curated zone, the
/// daily summary, and a look at it.
pub const WAREHOUSE_SQL: &str = "-- The seed's star schema, as written for Redshift.
CREATE TABLE fact_video_performance (
    video_id VARCHAR(50) NOT NULL,
    date_id INTEGER NOT NULL,
    views_count BIGINT,
    likes_count BIGINT,
    comments_count BIGINT,
    shares_count BIGINT,
    watch_time_minutes BIGINT,
    engagement_score DECIMAL(5,4),
    revenue_usd DECIMAL(12,2)
)
DISTSTYLE KEY
DISTKEY (video_id)
SORTKEY (date_id, video_id);

CREATE TABLE dim_videos (
    video_id VARCHAR(50) PRIMARY KEY,
    title VARCHAR(500),
    description TEXT,
    category VARCHAR(100),
    duration_seconds INTEGER,
    upload_date DATE,
    creator_id VARCHAR(50),
    content_rating VARCHAR(20)
)
DISTSTYLE ALL;

CREATE TABLE dim_users (
    user_id VARCHAR(50) PRIMARY KEY,
    registration_date DATE,
    country VARCHAR(100),
    age_group VARCHAR(20),
    subscription_tier VARCHAR(50),
    total_videos_watched INTEGER,
    total_watch_time_hours DECIMAL(10,2)
)
DISTSTYLE ALL;

-- The seed inserts into video_daily_summary without declaring it.
CREATE TABLE video_daily_summary (
    date_id INTEGER NOT NULL,
    videos_active BIGINT,
    total_views BIGINT,
    total_watch_time BIGINT,
    avg_engagement DECIMAL(5,4)
)
DISTSTYLE ALL
SORTKEY (date_id);

-- Load from the lake's curated zone (schema-on-write: misfits go to stl_load_errors).
COPY fact_video_performance
FROM 's3://media-datalake-curated/video_performance/'
IAM_ROLE 'arn:aws:iam::123456789012:role/RedshiftS3AccessRole'
FORMAT AS PARQUET;

COPY dim_videos FROM 's3://media-datalake-curated/dim_videos/' FORMAT AS PARQUET;
COPY dim_users FROM 's3://media-datalake-curated/dim_users/' FORMAT AS PARQUET;

-- Aggregate for OLAP queries.
INSERT INTO video_daily_summary
SELECT
    date_id,
    COUNT(DISTINCT video_id) as videos_active,
    SUM(views_count) as total_views,
    SUM(watch_time_minutes) as total_watch_time,
    AVG(engagement_score) as avg_engagement
FROM fact_video_performance
GROUP BY date_id;

SELECT * FROM video_daily_summary ORDER BY date_id;
";
