//! The exported PostgreSQL script (`dataplay export etl --as postgres`)
//! with hostile texts in every user field that reaches it — segment labels,
//! movement categories and types, check names and columns, the days —
//! run for real on the test PostgreSQL (`scripts/services.sh`; `make test`
//! starts it and exports its URL), both as one batch and with `psql -f`
//! as its header says. It must load the same tables as a run with plain
//! labels, with the hostile texts as the labels' values; a canary table
//! made before must still be there, and a psql shell escape must not have
//! run. The tests work in a schema of their own.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use dataplay_api::etl::{CheckRule, CheckSpec, EtlParams, Severity};
use dataplay_connector::{warehouse, Db};
use dataplay_engine::codegen::warehouse_sql;
use dataplay_engine::etl::TARGET_KEYS;
use dataplay_engine::samples;
use serde_json::Value;

const SCHEMA: &str = "dataplay_export_injection";

/// Column -> hostile text -> the plain text it stands for.
type Rename = HashMap<&'static str, HashMap<String, String>>;

fn pg_url() -> String {
    std::env::var("DATAPLAY_TEST_PG_SRC").unwrap_or_else(|_| {
        panic!(
            "DATAPLAY_TEST_PG_SRC is not set: start the test databases with `scripts/services.sh` and \
             `. /tmp/dataplay-services/env` (make test does both)"
        )
    })
}

/// The URL with the tests' schema first on the search path.
fn in_schema(url: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}options[search_path]={SCHEMA}")
}

/// The file a payload creates if psql runs it as a shell command.
fn marker() -> PathBuf {
    std::env::temp_dir().join(format!("dataplay-export-injection-{}", std::process::id()))
}

/// Texts that are SQL, plpgsql, psql or Python if pasted as code.
fn payloads() -> Vec<String> {
    let m = marker().display().to_string();
    [
        "O'Brien's \"gold\"",
        "'; DROP TABLE canary; --",
        "$check$; DROP TABLE canary; DO $check$",
        "$$; DROP TABLE canary; $$",
        "$dp$",
        "\"); DROP TABLE canary; --",
        "back\\slash \\' \\\\ \\N \\u0041",
        "ends in a backslash\\",
        "line\nDROP TABLE canary;\n",
        "crlf\r\nDROP TABLE canary;\r\n",
        "\"\"\"; open('/tmp/pwned','w')#",
        "'''",
        "@@NAME@@ @@SQL@@",
        "{} {name} %s %(x)s :'var' :var ${env:HOME}",
        "Khách hàng Vàng",
        "🥇 sep\u{2028}line",
        "-- comment */ /* open",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([format!("\\! touch {m}"), format!("';\n\\! touch {m}\n--")])
    .collect()
}

fn sources() -> Vec<(String, polars_core::prelude::DataFrame)> {
    samples::retail::tables(7, 2_000).unwrap()
}

fn check(name: &str, rule: CheckRule, severity: Severity) -> CheckSpec {
    CheckSpec {
        name: name.to_string(),
        rule,
        severity,
    }
}

/// The ETL over January with `labels` as the segments (default edges),
/// `categories` as the movement categories (the default types), and a
/// passing `fail` check, a passing `warn` check and a failing `warn` check
/// named after each of `names`.
fn params(labels: &[String], categories: &[String], names: &[String]) -> EtlParams {
    let mut p = EtlParams {
        from: "2024-01-01".into(),
        to: "2024-01-31".into(),
        run_checks: true,
        ..EtlParams::default()
    };
    p.segment_labels = labels.to_vec();
    for (m, c) in p.movement_mapping.iter_mut().zip(categories) {
        m.1 = c.clone();
    }
    p.checks = names
        .iter()
        .flat_map(|n| {
            [
                check(n, CheckRule::MinRowsPerDay { min: 0.0 }, Severity::Fail),
                check(
                    n,
                    CheckRule::MaxNulls {
                        columns: vec!["product_id".into(), "transaction_id".into()],
                        max: 0.0,
                    },
                    Severity::Warn,
                ),
                check(n, CheckRule::MinRevenuePerDay { min: 1e300 }, Severity::Warn),
            ]
        })
        .collect();
    p
}

fn plain(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i}")).collect()
}

async fn exec(db: &Db, sql: &str) {
    let Db::Postgres(pool) = db else {
        panic!("PostgreSQL only")
    };
    sqlx::raw_sql(sql).execute(pool).await.unwrap();
}

/// The script as one batch on one connection; a failure rolls back.
async fn run_batch(db: &Db, script: &str) -> Result<(), String> {
    let Db::Postgres(pool) = db else {
        panic!("PostgreSQL only")
    };
    let mut conn = pool.acquire().await.unwrap();
    match sqlx::raw_sql(script).execute(&mut *conn).await {
        Ok(_) => Ok(()),
        Err(e) => {
            let _ = sqlx::raw_sql("ROLLBACK").execute(&mut *conn).await;
            Err(e.to_string())
        }
    }
}

/// The script with psql, as its header says (`psql -v ON_ERROR_STOP=1 -f`),
/// in the tests' schema; `None` when there is no psql.
fn run_psql(url: &str, script: &str, dir: &Path) -> Option<Result<(), String>> {
    let psql = ["psql", "/usr/bin/psql"]
        .into_iter()
        .find(|p| std::process::Command::new(p).arg("--version").output().is_ok())?;
    let file = dir.join("etl.sql");
    std::fs::write(&file, script).unwrap();
    let out = std::process::Command::new(psql)
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f"])
        .arg(&file)
        .env("PGOPTIONS", format!("-c search_path={SCHEMA}"))
        .output()
        .unwrap();
    Some(if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    })
}

async fn drop_targets(db: &Db) {
    for (table, _) in TARGET_KEYS {
        exec(db, &format!("DROP TABLE IF EXISTS \"{table}\"")).await;
    }
}

/// Every row of each target in key order, as JSON, with the texts of
/// `rename` (column -> payload -> plain) put back.
async fn targets(db: &Db, rename: &Rename) -> Vec<Vec<Value>> {
    let Db::Postgres(pool) = db else {
        panic!("PostgreSQL only")
    };
    let mut out = vec![];
    for (table, key) in TARGET_KEYS {
        let order: Vec<String> = key
            .iter()
            .chain(&["key_occurrence"])
            .map(|k| format!("t.\"{k}\""))
            .collect();
        let sql = format!(
            "SELECT CAST(row_to_json(t) AS TEXT) FROM \"{table}\" t ORDER BY {}",
            order.join(", ")
        );
        let rows: Vec<String> = sqlx::query_scalar(&sql).fetch_all(pool).await.unwrap();
        let rows: Vec<Value> = rows
            .iter()
            .map(|r| {
                let mut row: Value = serde_json::from_str(r).unwrap();
                for (column, texts) in rename {
                    if let Some(Value::String(s)) = row.get(*column) {
                        if let Some(plain) = texts.get(s) {
                            row[*column] = Value::String(plain.clone());
                        }
                    }
                }
                row
            })
            .collect();
        assert!(!rows.is_empty(), "{table} is empty");
        out.push(rows);
    }
    out
}

/// The texts of a column over every target.
async fn values(db: &Db, table: &str, column: &str) -> Vec<String> {
    let Db::Postgres(pool) = db else {
        panic!("PostgreSQL only")
    };
    let sql = format!("SELECT DISTINCT \"{column}\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL");
    sqlx::query_scalar(&sql).fetch_all(pool).await.unwrap()
}

async fn canary_is_alive(db: &Db) -> bool {
    let Db::Postgres(pool) = db else {
        panic!("PostgreSQL only")
    };
    let sql = format!("SELECT COUNT(*) FROM pg_tables WHERE schemaname = '{SCHEMA}' AND tablename = 'canary'");
    let n: i64 = sqlx::query_scalar(&sql).fetch_one(pool).await.unwrap();
    n == 1
}

#[tokio::test(flavor = "current_thread")]
async fn hostile_texts_in_the_postgres_script_are_data_when_it_runs() {
    let url = pg_url();
    let admin = Db::connect(&url).await.unwrap();
    exec(
        &admin,
        &format!("DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}"),
    )
    .await;
    let db = Db::connect(&in_schema(&url)).await.unwrap();
    for (table, frame) in &sources() {
        warehouse::replace(&db, table, frame).await.unwrap();
    }
    exec(&db, "CREATE TABLE canary (x INTEGER); INSERT INTO canary VALUES (1)").await;
    let dir = tempfile_dir();
    let _ = std::fs::remove_file(marker());

    // The tables a run with plain texts loads.
    let (labels, categories) = (plain("segment ", 4), plain("category ", 8));
    let script = warehouse_sql::etl_script(&params(&labels, &categories, &plain("check ", 2))).unwrap();
    run_batch(&db, &script).await.unwrap();
    let expected = targets(&db, &Rename::new()).await;
    let all = payloads();

    // Each hostile text as a label, a category and a check's name, four labels at a time.
    for (round, chunk) in all.chunks(4).enumerate() {
        let mut hostile_labels = labels.clone();
        let mut hostile_categories = categories.clone();
        let mut rename = Rename::new();
        for (i, p) in chunk.iter().enumerate() {
            hostile_labels[i] = p.clone();
            hostile_categories[i] = p.clone();
            let mut put = |column, plain: &String| {
                rename.entry(column).or_default().insert(p.clone(), plain.clone());
            };
            put("customer_segment", &labels[i]);
            put("movement_category", &categories[i]);
        }
        let mut hostile = params(&hostile_labels, &hostile_categories, chunk);
        // Hostile movement types match nothing; the days parse, with anything after a space ignored.
        hostile
            .movement_mapping
            .extend(chunk.iter().map(|p| (p.clone(), p.clone())));
        hostile.from = format!("2024-01-01 \n{}", chunk[0]);
        let script = warehouse_sql::etl_script(&hostile).unwrap();
        let ways: [(&str, bool); 2] = [("one batch", true), ("psql -f", false)];
        for (how, batch) in ways {
            drop_targets(&db).await;
            let ran = if batch {
                Some(run_batch(&db, &script).await)
            } else {
                run_psql(&url, &script, &dir)
            };
            let Some(ran) = ran else {
                eprintln!("no psql here: the script ran as one batch only");
                continue;
            };
            ran.unwrap_or_else(|e| panic!("round {round} ({how}): the script failed: {e}\n{script}"));
            assert!(
                canary_is_alive(&db).await,
                "round {round} ({how}): the canary was dropped"
            );
            assert!(!marker().exists(), "round {round} ({how}): psql ran a shell command");
            let got = targets(&db, &rename).await;
            for ((table, _), (a, b)) in TARGET_KEYS.iter().zip(expected.iter().zip(&got)) {
                assert_eq!(a.len(), b.len(), "round {round} ({how}): {table} row counts differ");
                for (i, (x, y)) in a.iter().zip(b).enumerate() {
                    assert_eq!(x, y, "round {round} ({how}): {table} row {i} differs");
                }
            }
            // The hostile texts are the values, byte for byte.
            let segments = values(&db, "fact_sales", "customer_segment").await;
            let loaded: Vec<&String> = chunk.iter().filter(|p| segments.contains(p)).collect();
            assert!(
                !loaded.is_empty(),
                "round {round}: no hostile label loaded: {segments:?}"
            );
            assert!(segments.iter().all(|s| hostile_labels.contains(s)), "{segments:?}");
            let moved = values(&db, "fact_inventory_movements", "movement_category").await;
            assert!(chunk.iter().any(|p| moved.contains(p)), "round {round}: {moved:?}");
        }
    }

    // A failing `fail` check names itself with the hostile text, and the
    // script changes nothing.
    let before = targets(&db, &Rename::new()).await;
    for name in &all {
        let mut failing = params(&labels, &categories, &[]);
        failing
            .checks
            .push(check(name, CheckRule::MinRowsPerDay { min: 1e9 }, Severity::Fail));
        let err = run_batch(&db, &warehouse_sql::etl_script(&failing).unwrap())
            .await
            .expect_err("a billion rows a day is not there");
        assert!(
            err.contains(&format!("data-quality check {name} failed")),
            "{name:?}: {err}"
        );
        assert!(canary_is_alive(&db).await, "{name:?}: the canary was dropped");
    }
    // A hostile column of a check is a column the table does not have.
    for name in &all {
        let mut nulls = params(&labels, &categories, &[]);
        nulls.checks.push(check(
            "nulls",
            CheckRule::MaxNulls {
                columns: vec![name.clone()],
                max: 0.0,
            },
            Severity::Fail,
        ));
        let err = run_batch(&db, &warehouse_sql::etl_script(&nulls).unwrap())
            .await
            .expect_err("no such column");
        assert!(err.contains("does not exist"), "{name:?}: {err}");
        assert!(canary_is_alive(&db).await, "{name:?}: the canary was dropped");
    }
    assert_eq!(
        targets(&db, &Rename::new()).await,
        before,
        "a failed script changed the targets"
    );
    assert!(!marker().exists());

    exec(&admin, &format!("DROP SCHEMA {SCHEMA} CASCADE")).await;
    let _ = std::fs::remove_dir_all(&dir);
}

fn tempfile_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dataplay-export-injection-dir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
