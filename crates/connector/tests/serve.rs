//! The HTTP API as the playground uses it, over real HTTP: the connector
//! serving a SQLite source and warehouse (the embedded default) and a lake
//! on the S3 server `scripts/services.sh` starts. The token guards every
//! route but health, CORS admits only the playground's origin, the ETL
//! runs and re-runs idempotently, previews and lake queries answer, and
//! neither responses nor log lines carry the token or where things are.

use std::sync::{Arc, Mutex};

use dataplay_api::connector::{EtlRun, Health, LakeFiles, Rows, SqlAnswer};
use dataplay_api::etl::EtlParams;
use dataplay_connector::lake::{LakeStore, S3Config};
use dataplay_connector::serve::{self, ServeConfig};
use dataplay_engine::lake::{media, Lake};

#[path = "support/fixtures.rs"]
mod fixtures;

const TOKEN: &str = "serve-test-token-0123456789abcdef";
const ORIGIN: &str = "http://127.0.0.1:8080";

fn env(k: &str) -> String {
    std::env::var(k).unwrap_or_else(|_| {
        panic!("{k} is not set: start the S3 server with `scripts/services.sh` and `. /tmp/dataplay-services/env` (make test does both)")
    })
}

struct Server {
    base: String,
    log: Arc<Mutex<Vec<String>>>,
    dir: std::path::PathBuf,
    lake: String,
}

async fn start() -> Server {
    let dir = std::env::temp_dir().join(format!("dataplay-serve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let wh = format!("sqlite:{}", dir.join("warehouse.db").display());
    let _ = std::fs::remove_file(dir.join("warehouse.db"));
    // The retail sample in the source database.
    let source = fixtures::retail_source(&dir.join("source.db"), 3, 1_500).await;
    // The media sample in a lake on S3.
    let lake = format!("s3://{}/serve-{}", env("DATAPLAY_TEST_S3_BUCKET"), std::process::id());
    let s3 = S3Config {
        endpoint: Some(env("DATAPLAY_TEST_S3_ENDPOINT")),
        access_key_id: Some("serve-test".into()),
        secret_access_key: Some("serve-test-secret-key".into()),
        ..S3Config::default()
    };
    let mut sample = Lake::new();
    media::ingest_sample(&mut sample, 2, 600).unwrap();
    LakeStore::open(&lake, &s3).unwrap().put_all(&sample, "").await.unwrap();

    let log = Arc::new(Mutex::new(vec![]));
    let sink = log.clone();
    let config = ServeConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        token: TOKEN.into(),
        origins: vec![ORIGIN.into()],
        source_url: Some(source),
        warehouse_url: wh,
        lake: Some(lake.clone()),
        s3,
        log: Arc::new(move |line: &str| sink.lock().unwrap().push(line.to_string())),
    };
    let base = fixtures::serve_on(config).await;
    Server { base, log, dir, lake }
}

/// Send, and read the answer as JSON.
async fn json<T: serde::de::DeserializeOwned>(request: reqwest::RequestBuilder) -> T {
    request.send().await.unwrap().json().await.unwrap()
}

fn params() -> EtlParams {
    EtlParams {
        from: "2024-01-01".into(),
        to: "2024-03-31".into(),
        run_checks: false,
        ..EtlParams::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_playground_drives_the_connector_over_http() {
    let server = start().await;
    let http = reqwest::Client::new();
    let url = |p: &str| format!("{}{p}", server.base);
    let authed = |r: reqwest::RequestBuilder| r.bearer_auth(TOKEN);

    // Health: open, and says only what kinds of stores there are.
    let health = http.get(url("/api/health")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let text = health.text().await.unwrap();
    let h: Health = serde_json::from_str(&text).unwrap();
    assert_eq!(
        (h.source.as_deref(), h.warehouse.as_str(), h.lake.as_deref()),
        (Some("sqlite"), "sqlite", Some("s3"))
    );
    assert!(!text.contains(&*server.dir.to_string_lossy()) && !text.contains(&server.lake));

    // The token: required, and a wrong one is refused.
    let preview = "/api/sources/preview?table=transactions&rows=5";
    assert_eq!(http.get(url(preview)).send().await.unwrap().status(), 401);
    let wrong = http
        .get(url(preview))
        .bearer_auth("x".repeat(TOKEN.len()))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    let rows: Rows = json(authed(http.get(url(preview)))).await;
    assert_eq!(rows.rows.len(), 5);
    assert!(
        rows.columns.contains(&"transaction_id".to_string()),
        "{:?}",
        rows.columns
    );

    // A table that is not there; a name that tries to be SQL is an identifier.
    let missing = authed(http.get(url("/api/sources/preview?table=no_such_table")))
        .send()
        .await
        .unwrap();
    assert!(missing.status().is_client_error() || missing.status().is_server_error());
    let body = missing.text().await.unwrap();
    assert!(body.contains("no_such_table"), "{body}");
    let injection = "transactions\"; DROP TABLE transactions; --";
    let r = authed(http.get(url("/api/sources/preview")))
        .query(&[("table", injection)])
        .send()
        .await
        .unwrap();
    assert!(!r.status().is_success());
    let still: Rows = json(authed(http.get(url(preview)))).await;
    assert_eq!(still.rows.len(), 5, "the table survived");

    // The ETL: extract, transform, merge; a re-run changes nothing.
    let first: EtlRun = json(authed(http.post(url("/api/etl")).json(&params()))).await;
    assert!(first.report.failed.is_none());
    assert_eq!(first.warehouse.len(), 3);
    assert!(
        first
            .warehouse
            .iter()
            .all(|t| t.inserted > 0 && t.inserted == t.rows_after),
        "{:?}",
        first.warehouse
    );
    let again: EtlRun = json(authed(http.post(url("/api/etl")).json(&params()))).await;
    assert!(
        again
            .warehouse
            .iter()
            .all(|t| t.inserted == 0 && t.updated == 0 && t.unchanged == t.staged),
        "{:?}",
        again.warehouse
    );
    let bad = authed(
        http.post(url("/api/etl"))
            .json(&serde_json::json!({"from": "2024-13-01", "to": "2024-01-31"})),
    )
    .send()
    .await
    .unwrap();
    assert!(bad.status().is_client_error(), "{}", bad.status());

    // The lake: listed and queried, pruned by partition.
    let files: LakeFiles = json(authed(http.get(url("/api/lake/files?prefix=raw/video_metadata")))).await;
    assert!(
        !files.files.is_empty()
            && files
                .files
                .iter()
                .all(|f| f.path.starts_with("raw/video_metadata/year="))
    );
    let answer = authed(http.post(url("/api/lake/sql")).json(&serde_json::json!({
        "sql": media::LAKE_SQL,
        "tables": media::lake_tables(),
    })))
    .send()
    .await
    .unwrap()
    .text()
    .await
    .unwrap();
    let answer: SqlAnswer = serde_json::from_str(&answer).unwrap_or_else(|e| panic!("{e}: {answer}"));
    assert!(
        !answer.rows.rows.is_empty() && answer.scans[0].files_skipped > 0,
        "{:?}",
        answer.scans
    );
    // A big result comes back as its first `limit` rows and its size.
    let capped: SqlAnswer = authed(http.post(url("/api/lake/sql")).json(&serde_json::json!({
        "sql": "SELECT * FROM user_interactions",
        "limit": 7,
    })))
    .send()
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert_eq!(capped.rows.rows.len(), 7);
    assert!(capped.total_rows > 7, "{}", capped.total_rows);
    let err = authed(
        http.post(url("/api/lake/sql"))
            .json(&serde_json::json!({"sql": "SELECT upload_date FROM video_metadata"})),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(err.status(), 422);
    assert!(err.text().await.unwrap().contains("upload_timestamp"));

    // CORS: the playground's origin is let in, another is not.
    let preflight = |origin: &str| {
        http.request(reqwest::Method::OPTIONS, url("/api/etl"))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "authorization, content-type")
            .send()
    };
    let ok = preflight(ORIGIN).await.unwrap();
    assert_eq!(
        ok.headers()
            .get("access-control-allow-origin")
            .map(|v| v.to_str().unwrap()),
        Some(ORIGIN)
    );
    let evil = preflight("http://evil.example").await.unwrap();
    assert!(evil.headers().get("access-control-allow-origin").is_none());

    // The log: one line per request, no token, no query string, no location.
    let log = server.log.lock().unwrap().clone();
    assert!(log.iter().any(|l| l.starts_with("GET /api/health → 200")), "{log:?}");
    assert!(log.iter().any(|l| l.starts_with("POST /api/etl → 200")), "{log:?}");
    for line in &log {
        assert!(
            !line.contains(TOKEN) && !line.contains('?') && !line.contains("serve-test-secret-key"),
            "{line}"
        );
        assert!(!line.contains(&server.lake), "{line}");
    }
}

#[tokio::test]
async fn a_short_token_or_a_bad_origin_is_refused_at_start() {
    let config = ServeConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        token: "short".into(),
        origins: vec![ORIGIN.into()],
        source_url: None,
        warehouse_url: "sqlite::memory:".into(),
        lake: None,
        s3: S3Config::default(),
        log: Arc::new(|_: &str| {}),
    };
    let err = serve::router(&config).await.unwrap_err().to_string();
    assert!(err.contains("at least 16"), "{err}");
    // A wildcard (tower-http's AllowOrigin::list panicked on it) and
    // anything that is not scheme://host[:port] are start-up errors.
    for bad in [
        "*",
        " * ",
        "http://bad\norigin",
        "127.0.0.1:8080",
        "ftp://127.0.0.1",
        "http://127.0.0.1:8080/path",
        "http://user:pw@127.0.0.1",
        "http://127.0.0.1:8080?q=1",
        "null",
        "",
    ] {
        let config = ServeConfig {
            token: TOKEN.into(),
            origins: vec![ORIGIN.into(), bad.into()],
            ..config.clone()
        };
        let err = serve::router(&config).await.unwrap_err().to_string();
        assert!(err.contains("not a valid origin"), "{bad:?}: {err}");
    }
    let config = ServeConfig {
        token: TOKEN.into(),
        origins: vec![],
        ..config
    };
    let err = serve::router(&config).await.unwrap_err().to_string();
    assert!(err.contains("at least one --origin"), "{err}");
}
