//! The lake kept in a real S3-compatible server (moto, started by
//! `scripts/services.sh`) and in a local directory, driven as a user does:
//! the media sample ingested, Glue jobs run, SQL over raw and curated
//! zones — every answer the same as the engine's in-memory lake gives on
//! the same files, with the same partition pruning; and the errors a
//! missing bucket or a server that is not there give, none showing the key.

use dataplay_api::LoadOptions;
use dataplay_connector::lake::{LakeStore, S3Config};
use dataplay_engine::lake::query::{self, LakeAnswer, LakeTable};
use dataplay_engine::lake::scan::FileRef;
use dataplay_engine::lake::{glue, media, Lake};
use polars_core::prelude::DataFrame;

const SECRET: &str = "dataplay-test-secret-DO-NOT-SHOW";

fn s3_config(endpoint: &str) -> S3Config {
    S3Config {
        endpoint: Some(endpoint.to_string()),
        region: Some("us-east-1".into()),
        access_key_id: Some("dataplay-test".into()),
        secret_access_key: Some(SECRET.into()),
        session_token: None,
    }
}

fn env(k: &str) -> String {
    std::env::var(k).unwrap_or_else(|_| {
        panic!("{k} is not set: start the S3 server with `scripts/services.sh` and `. /tmp/dataplay-services/env` (make test does both)")
    })
}

/// A prefix of its own per run, so runs never see each other's files.
fn unique(name: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{name}-{}-{nanos}", std::process::id())
}

/// The stores the tests run on: S3 (moto) and a directory.
fn stores() -> Vec<(&'static str, LakeStore)> {
    let s3 = format!("s3://{}/{}", env("DATAPLAY_TEST_S3_BUCKET"), unique("lake"));
    let dir = std::env::temp_dir().join(unique("dataplay-lake"));
    vec![
        (
            "s3",
            LakeStore::open(&s3, &s3_config(&env("DATAPLAY_TEST_S3_ENDPOINT"))).unwrap(),
        ),
        (
            "dir",
            LakeStore::open(&dir.to_string_lossy(), &S3Config::default()).unwrap(),
        ),
    ]
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// The same query on the in-memory lake, as the playground runs it.
fn in_memory(lake: &Lake, tables: &[(String, String)], sql: &str) -> dataplay_engine::Result<LakeAnswer> {
    let tables: Vec<LakeTable> = tables
        .iter()
        .map(|(name, dataset)| LakeTable {
            name: name.clone(),
            files: lake.dataset_files(dataset).unwrap(),
        })
        .collect();
    let read = |f: &FileRef| lake.read(f);
    query::run(&tables, sql, &LoadOptions::default(), &read)
}

fn same(a: &DataFrame, b: &DataFrame, what: &str) {
    assert!(
        a.equals_missing(b),
        "{what}: the store's answer\n{a}\ndiffers from the in-memory lake's\n{b}"
    );
}

#[test]
fn the_lake_in_a_store_answers_as_the_lake_in_memory() {
    let rt = rt();
    let mut memory = Lake::new();
    media::ingest_sample(&mut memory, 11, 1_500).unwrap();
    for job in media::glue_jobs() {
        glue::run(&mut memory, &job).unwrap();
    }
    for (kind, store) in stores() {
        // Ingest: the sample's raw and processed files, paths and sizes kept.
        let mut sample = Lake::new();
        media::ingest_sample(&mut sample, 11, 1_500).unwrap();
        let put = rt.block_on(store.put_all(&sample, "")).unwrap();
        assert!(put.len() > 10, "{kind}: {} files", put.len());
        assert_eq!(rt.block_on(store.list("raw")).unwrap(), sample.list("raw"), "{kind}");
        let days = rt
            .block_on(store.list("raw/video_metadata/year=2024/month=01"))
            .unwrap();
        assert!(
            !days.is_empty() && days.iter().all(|f| f.path.contains("/day=")),
            "{kind}"
        );

        // A file put by hand lands under its Hive path and reads back as written.
        let path = rt
            .block_on(store.ingest(
                "raw",
                "notes",
                (2024, 2, 29),
                "in/a b.csv",
                b"id,text\n1,xin ch\xc3\xa0o\n",
            ))
            .unwrap();
        assert_eq!(path, "raw/notes/year=2024/month=02/day=29/a b.csv");
        assert_eq!(
            &*rt.block_on(store.get(&path)).unwrap(),
            b"id,text\n1,xin ch\xc3\xa0o\n"
        );

        // Glue jobs: a stale file in a target is gone afterwards, the
        // curated zone matches the in-memory run's paths.
        rt.block_on(store.put("curated/video_analytics/old-run.parquet", b"stale"))
            .unwrap();
        for job in media::glue_jobs() {
            let report = rt.block_on(store.run_glue(&job)).unwrap();
            assert!(report.rows_out > 0, "{kind}: {}", job.name);
        }
        let curated: Vec<String> = rt
            .block_on(store.list("curated"))
            .unwrap()
            .into_iter()
            .map(|f| f.path)
            .collect();
        let expected: Vec<String> = memory.list("curated").into_iter().map(|f| f.path).collect();
        assert_eq!(curated, expected, "{kind}");

        // SQL: the seed's Athena query over raw with partition pruning, and
        // a query over a curated dataset named by the listing.
        let tables = media::lake_tables();
        let on_store = store
            .query(rt.handle(), &tables, media::LAKE_SQL, &LoadOptions::default())
            .unwrap();
        let expected = in_memory(&memory, &tables, media::LAKE_SQL).unwrap();
        same(&on_store.frame, &expected.frame, kind);
        let scan = &on_store.scans[0];
        assert!(scan.files_skipped > 0 && scan.files_scanned > 0, "{kind}: {scan:?}");
        assert_eq!(scan.files_skipped, expected.scans[0].files_skipped, "{kind}");

        let named = rt.block_on(store.tables()).unwrap();
        assert!(
            named.contains(&("video_analytics".to_string(), "curated/video_analytics".to_string())),
            "{kind}: {named:?}"
        );
        let sql = "SELECT category, COUNT(*) AS n, SUM(total_views) AS views FROM video_analytics GROUP BY category ORDER BY category";
        let answer = store.query(rt.handle(), &named, sql, &LoadOptions::default()).unwrap();
        same(&answer.frame, &in_memory(&memory, &named, sql).unwrap().frame, kind);

        // Schema-on-read: the seed's `upload_date` is not a column.
        let err = match store.query(
            rt.handle(),
            &tables,
            "SELECT upload_date FROM video_metadata",
            &LoadOptions::default(),
        ) {
            Ok(_) => panic!("{kind}: upload_date was found"),
            Err(e) => e.to_string(),
        };
        assert!(err.contains("upload_date"), "{kind}: {err}");

        // Removing a dataset removes its files and nothing else.
        let removed = rt.block_on(store.remove("raw/notes")).unwrap();
        assert_eq!(removed, 1, "{kind}");
        assert!(rt.block_on(store.list("raw/notes")).unwrap().is_empty());
        assert_eq!(rt.block_on(store.list("raw")).unwrap(), sample.list("raw"), "{kind}");
    }
}

#[test]
fn store_errors_are_clear_and_show_no_secret() {
    let rt = rt();
    let endpoint = env("DATAPLAY_TEST_S3_ENDPOINT");

    // A bucket that does not exist.
    let store = LakeStore::open("s3://no-such-bucket-dataplay/x", &s3_config(&endpoint)).unwrap();
    let err = rt.block_on(store.list("raw")).unwrap_err().to_string();
    // The lake path asked for and why; never the bucket or the endpoint.
    assert_eq!(err, "raw: NoSuchBucket: The specified bucket does not exist");
    assert!(!err.contains(SECRET), "{err}");

    // A file that is not there.
    let store = LakeStore::open(
        &format!("s3://{}/{}", env("DATAPLAY_TEST_S3_BUCKET"), unique("err")),
        &s3_config(&endpoint),
    )
    .unwrap();
    let err = rt.block_on(store.get("raw/x/missing.csv")).unwrap_err().to_string();
    assert_eq!(err, "raw/x/missing.csv: not found");

    // A path outside the zones is refused before anything is sent.
    let err = rt.block_on(store.put("tmp/x/y.csv", b"1")).unwrap_err().to_string();
    assert!(err.contains("not a lake path"), "{err}");

    // A server that is not there (a port nothing listens on).
    let gone = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let store = LakeStore::open("s3://bucket/p", &s3_config(&format!("http://127.0.0.1:{gone}"))).unwrap();
    let started = std::time::Instant::now();
    let err = rt.block_on(store.list("raw")).unwrap_err().to_string();
    assert!(err.starts_with("raw:"), "{err}");
    assert!(!err.contains(SECRET) && !err.contains(&gone.to_string()), "{err}");
    assert!(
        started.elapsed().as_secs() < 60,
        "gave up after {:?}",
        started.elapsed()
    );

    // Keys in the URL are refused: they belong in the environment.
    let err = LakeStore::open("s3://key:secret@bucket/p", &S3Config::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("AWS_ACCESS_KEY_ID") && !err.contains("secret@"), "{err}");
    assert!(!format!("{:?}", s3_config(&endpoint)).contains(SECRET));
}
