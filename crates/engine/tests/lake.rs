//! The Lake & Warehouse module end to end, natively: the media sample
//! ingested into zones, the Glue jobs, SQL over the lake with pruning, and
//! the seed's star schema loaded with schema-on-write.

use dataplay_api::fault::Writer;
use dataplay_api::lake::ConsoleStep;
use dataplay_api::{Fault, LoadOptions};
use dataplay_engine::lake::query::{self, LakeTable};
use dataplay_engine::lake::scan::FileRef;
use dataplay_engine::lake::{glue, media, Lake};
use dataplay_engine::warehouse::console;
use dataplay_engine::warehouse::Warehouse;
use dataplay_engine::Result;
use std::sync::Arc;

fn lake() -> Lake {
    let mut lake = Lake::new();
    media::ingest_sample(&mut lake, 3, 3_000).unwrap();
    lake
}

fn ask(lake: &Lake, table: &str, dataset: &str, sql: &str) -> Result<query::LakeAnswer> {
    let read =
        |f: &FileRef| -> Result<Arc<[u8]>> { Ok(lake.get(&f.path).cloned().unwrap_or_else(|| Arc::from(vec![]))) };
    let tables = vec![LakeTable {
        name: table.into(),
        files: lake.dataset_files(dataset).unwrap(),
    }];
    query::run(&tables, sql, &LoadOptions::default(), &read)
}

#[test]
fn ingest_lays_out_zones_and_partitions() {
    let lake = lake();
    let raw = lake.list("raw/user_interactions");
    assert_eq!(raw.len(), 31, "one file per day of January");
    assert!(raw[0]
        .path
        .starts_with("raw/user_interactions/year=2024/month=01/day=01/"));
    assert!(raw.iter().all(|f| f.bytes > 0));
    assert!(!lake.list("processed/image_analysis/year=2024/month=01").is_empty());
    assert_eq!(
        lake.datasets(),
        vec![
            "processed/image_analysis",
            "raw/user_interactions",
            "raw/video_metadata"
        ]
    );
}

#[test]
fn queries_prune_partitions_and_name_missing_columns() {
    let lake = lake();
    let all = ask(&lake, "ui", "raw/user_interactions", "SELECT COUNT(*) AS n FROM ui").unwrap();
    let some = ask(
        &lake,
        "ui",
        "raw/user_interactions",
        "SELECT COUNT(*) AS n FROM ui WHERE day <= 7 AND event_type = 'like'",
    )
    .unwrap();
    assert_eq!(all.scans[0].files_scanned, 31);
    assert_eq!((some.scans[0].files_scanned, some.scans[0].files_skipped), (7, 24));
    assert!(some.scans[0].bytes_scanned < all.scans[0].bytes_scanned);
    // The seed's Athena query names upload_date, which the data does not have.
    let e = ask(
        &lake,
        "video_analytics",
        "raw/video_metadata",
        "SELECT DATE_TRUNC('day', upload_date) AS date, COUNT(*) FROM video_analytics GROUP BY 1",
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(e.contains("upload_date") && e.contains("upload_timestamp"), "{e}");
}

#[test]
fn glue_jobs_flatten_aggregate_and_write_partitioned_parquet() {
    let mut lake = lake();
    let stats = glue::run(&mut lake, &dataplay_api::lake::GlueJob::seed_video_stats()).unwrap();
    assert!(stats.columns_out.contains(&"engagement_rate".to_string()));
    assert!(stats.files_written.len() >= 3, "partitioned by category");
    assert!(stats
        .files_written
        .iter()
        .all(|f| f.path.starts_with("curated/video_analytics/category=")));
    let behavior = glue::run(&mut lake, &dataplay_api::lake::GlueJob::seed_user_behavior()).unwrap();
    assert_eq!(
        behavior.columns_out,
        [
            "user_id",
            "video_id",
            "interaction_count",
            "max_watch_position",
            "primary_device"
        ]
    );
    assert!(behavior.rows_out < behavior.rows_in);
    // The curated Parquet reads back with the partition column from the path.
    let a = ask(
        &lake,
        "va",
        "curated/video_analytics",
        "SELECT category, COUNT(*) AS n, AVG(engagement_rate) AS e FROM va GROUP BY category",
    )
    .unwrap();
    assert!(a.frame.height() >= 3);
    // Parquet is read only for the columns a query names; the answer is
    // the same as reading every column (a wildcard reads them all).
    let skipped = &a.scans[0].columns_skipped;
    assert!(skipped.contains(&"video_id".to_string()), "{skipped:?}");
    assert!(!skipped.iter().any(|c| c == "engagement_rate"), "{skipped:?}");
    let whole = ask(
        &lake,
        "va",
        "curated/video_analytics",
        "WITH every AS (SELECT * FROM va) SELECT category, COUNT(*) AS n, AVG(engagement_rate) AS e FROM every GROUP BY category",
    )
    .unwrap();
    assert!(whole.scans[0].columns_skipped.is_empty());
    let order = |f: &polars_core::prelude::DataFrame| f.sort(["category"], Default::default()).unwrap();
    assert!(order(&a.frame).equals_missing(&order(&whole.frame)));
    let count = ask(&lake, "va", "curated/video_analytics", "SELECT COUNT(*) AS n FROM va").unwrap();
    // The files lack `category` (it is in their paths); one column is read to count rows.
    assert_eq!(count.scans[0].columns_skipped.len(), stats.columns_out.len() - 2);
    let n = count
        .frame
        .column("n")
        .unwrap()
        .get(0)
        .unwrap()
        .extract::<i64>()
        .unwrap();
    assert_eq!(n as usize, whole.scans[0].rows);
    // Re-running replaces the target instead of adding to it.
    let again = glue::run(&mut lake, &dataplay_api::lake::GlueJob::seed_video_stats()).unwrap();
    assert_eq!(lake.list("curated/video_analytics").len(), again.files_written.len());
}

#[test]
fn star_schema_loads_with_schema_on_write_and_keeps_rejects() {
    let mut lake = lake();
    for job in media::glue_jobs() {
        glue::run(&mut lake, &job).unwrap_or_else(|e| panic!("{}: {e}", job.name));
    }
    let mut wh = Warehouse::new();
    let out = console::run(&mut wh, &lake, media::WAREHOUSE_SQL).unwrap_or_else(|e| panic!("{e}"));
    let declared = out
        .steps
        .iter()
        .filter(|s| matches!(s, ConsoleStep::Declared { .. }))
        .count();
    assert_eq!(declared, 4);
    let wrote: Vec<_> = out
        .steps
        .iter()
        .filter_map(|s| match s {
            ConsoleStep::Wrote(w) => Some(w.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(wrote.len(), 4);
    for w in &wrote {
        assert_eq!(w.rows_in, w.accepted + w.rejected, "{w:?}: nothing silently lost");
        assert!(w.accepted > 0, "{w:?}");
    }
    let fact = &wrote[0];
    let summary = out.rows.unwrap();
    let days = wh
        .declared("fact_video_performance")
        .unwrap()
        .frame
        .column("date_id")
        .unwrap()
        .n_unique()
        .unwrap();
    assert_eq!(summary.height(), days);
    // The rejects say why, and are queryable as Redshift's stl_load_errors.
    let errors = console::run(
        &mut wh,
        &lake,
        "SELECT \"table\", reason, COUNT(*) AS n FROM stl_load_errors GROUP BY \"table\", reason",
    )
    .unwrap();
    let rejected: usize = wrote.iter().map(|w| w.rejected).sum();
    let listed: i64 = errors.rows.as_ref().map_or(0, |r| {
        r.column("n")
            .unwrap()
            .cast(&polars_core::prelude::DataType::Int64)
            .unwrap()
            .i64()
            .unwrap()
            .into_no_null_iter()
            .sum::<i64>()
    });
    assert_eq!(listed as usize, rejected);
    if fact.rejected > 0 {
        assert!(
            fact.reasons.iter().any(|(r, _)| r.to_string().contains("DECIMAL(5,4)")),
            "{:?}",
            fact.reasons
        );
    }
    // COPY again: the dimension's primary key rejects every row, the fact (no key) appends.
    let again = console::run(
        &mut wh,
        &lake,
        "COPY dim_videos FROM 's3://media-datalake-curated/dim_videos/' FORMAT AS PARQUET",
    )
    .unwrap();
    let ConsoleStep::Wrote(w) = &again.steps[0] else {
        panic!("no write")
    };
    assert_eq!((w.accepted, w.rejected), (0, w.rows_in));
    assert!(w.reasons[0].0.to_string().contains("duplicates the primary key"));
    // SORTKEY keeps the fact ordered by date_id; DISTKEY spreads it over slices.
    let d = wh.declared("fact_video_performance").unwrap();
    let dates: Vec<i32> = d
        .frame
        .column("date_id")
        .unwrap()
        .i32()
        .unwrap()
        .into_no_null_iter()
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]));
    let slices = d.slices(4);
    assert_eq!(slices.iter().sum::<usize>(), d.frame.height());
    assert!(slices.iter().all(|&s| s > 0));
}

#[test]
fn warehouse_console_errors_name_the_statement() {
    let mut wh = Warehouse::new();
    let lake = Lake::new();
    let e = console::run(&mut wh, &lake, "CREATE TABLE t (a INT) DISTKEY (b);")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("statement 1") && e.contains("DISTKEY column b"), "{e}");
    let e = console::run(
        &mut wh,
        &lake,
        "CREATE TABLE t (a INT);\nCOPY t FROM 's3://x-curated/none/'",
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(
        e.contains("statement 2 (line 2") && e.contains("no files under curated/none"),
        "{e}"
    );
    // The default script before the jobs: the fault names the job that writes the path.
    let fault = console::run(&mut Warehouse::new(), &lake, media::WAREHOUSE_SQL)
        .err()
        .map(|e| e.fault());
    assert_eq!(
        fault,
        Some(Fault::CopyNoFiles {
            table: "fact_video_performance".into(),
            path: "curated/video_performance".into(),
            writer: Writer::GlueJob {
                job: "video_performance".into()
            },
        })
    );
    let said = fault.map(|f| f.to_string()).unwrap_or_default();
    assert!(
        said.ends_with("the Glue job video_performance writes them: run it first"),
        "{said}"
    );
    let e = console::run(&mut wh, &lake, "INSERT INTO nope SELECT 1")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("declare it first"), "{e}");
}
