//! The connector against real databases, as a user runs it: the retail
//! sample put into a source database, the ETL's sources read back with the
//! date range pushed down, the pipeline run by the engine, the warehouse
//! tables merged into a warehouse database — re-run idempotent, a failure
//! mid-load rolls every table back, bad credentials and missing tables give
//! clear errors without the password. SQLite always; PostgreSQL and MariaDB
//! from `scripts/services.sh` (`make test` starts them and exports their URLs).

use std::collections::HashMap;

use dataplay_api::etl::{EtlParams, MergeCounts};
use dataplay_connector::{source, warehouse, Db, Dialect};
use dataplay_engine::etl;
use dataplay_engine::samples;
use dataplay_engine::warehouse::Warehouse;
use polars_core::prelude::DataFrame;

#[path = "support/locks.rs"]
mod locks;

/// (name, source URL, warehouse URL) of every database the tests use.
fn databases(dir: &std::path::Path) -> Vec<(&'static str, String, String)> {
    let env = |k: &str| {
        std::env::var(k).unwrap_or_else(|_| {
            panic!("{k} is not set: start the test databases with `scripts/services.sh` and `. /tmp/dataplay-services/env` (make test does both)")
        })
    };
    vec![
        (
            "sqlite",
            format!("sqlite:{}", dir.join("src.db").display()),
            format!("sqlite:{}", dir.join("wh.db").display()),
        ),
        ("postgres", env("DATAPLAY_TEST_PG_SRC"), env("DATAPLAY_TEST_PG_WH")),
        ("mariadb", env("DATAPLAY_TEST_MYSQL_SRC"), env("DATAPLAY_TEST_MYSQL_WH")),
    ]
}

fn sample() -> Vec<(String, DataFrame)> {
    samples::retail::tables(7, 2_000).unwrap()
}

fn params(margin: f64) -> EtlParams {
    EtlParams {
        from: "2024-01-01".into(),
        to: "2024-03-31".into(),
        margin,
        run_checks: false,
        ..EtlParams::default()
    }
}

/// The engine's pipeline on `sources`; the three target tables.
fn pipeline(sources: &HashMap<String, DataFrame>, margin: f64) -> Vec<(String, Vec<String>, DataFrame)> {
    let mut wh = Warehouse::new();
    etl::run(&|n| sources.get(n), &params(margin), &mut wh, &|| 0.0).unwrap();
    etl::TARGET_KEYS
        .iter()
        .map(|(name, key)| {
            let frame = wh.table(name).unwrap().frame.clone();
            (name.to_string(), key.iter().map(|k| k.to_string()).collect(), frame)
        })
        .collect()
}

async fn load(db: &Db, targets: &[(String, Vec<String>, DataFrame)]) -> dataplay_connector::Result<Vec<MergeCounts>> {
    let targets: Vec<warehouse::Target> = targets
        .iter()
        .map(|(table, key, frame)| warehouse::Target { table, key, frame })
        .collect();
    warehouse::load(db, &targets).await
}

async fn drop_targets(db: &Db) {
    for (name, _) in etl::TARGET_KEYS {
        warehouse::drop_table(db, name).await.unwrap();
    }
}

async fn exec(db: &Db, sql: &str) {
    dataplay_connector::on_pool!(db, p => { sqlx::query(sql).execute(p).await.unwrap(); })
}

async fn total_cost(db: &Db) -> f64 {
    let q = |n: &str| db.dialect().quote(n);
    let sql = format!("SELECT SUM({}) AS c FROM {}", q("estimated_cost"), q("fact_sales"));
    let frame = source::read(db, "fact_sales", &sql, &[]).await.unwrap();
    frame.column("c").unwrap().get(0).unwrap().extract::<f64>().unwrap()
}

/// The tests share the source and warehouse databases: one at a time.
static DATABASES: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test(flavor = "current_thread")]
async fn extract_load_rerun_and_rollback_on_every_database() {
    let _one_at_a_time = DATABASES.lock().await;
    let dir = std::env::temp_dir().join(format!("dataplay-connector-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let tables = sample();
    let in_memory: HashMap<String, DataFrame> = tables.iter().cloned().collect();
    let expected = pipeline(&in_memory, 0.4);
    for (name, src_url, wh_url) in databases(&dir) {
        let src = Db::connect(&src_url).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        for (table, frame) in &tables {
            warehouse::replace(&src, table, frame)
                .await
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        // The sources read back give the pipeline the same tables as the files do.
        let from = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let to = chrono::NaiveDate::from_ymd_opt(2024, 3, 31).unwrap();
        let extracted: HashMap<String, DataFrame> = source::extract_sources(&src, from, to)
            .await
            .unwrap()
            .into_iter()
            .collect();
        let got = pipeline(&extracted, 0.4);
        for ((table, _, want), (_, _, have)) in expected.iter().zip(&got) {
            assert!(
                want.equals_missing(have),
                "{name}: {table} differs from the run on the same tables in memory"
            );
        }

        let wh = Db::connect(&wh_url).await.unwrap();
        drop_targets(&wh).await;
        let first = load(&wh, &got).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        for (counts, (table, _, frame)) in first.iter().zip(&got) {
            assert_eq!(
                (counts.inserted, counts.rows_after),
                (frame.height(), frame.height()),
                "{name}: {table}"
            );
        }
        // The same load again changes nothing.
        let again = load(&wh, &got).await.unwrap();
        for c in &again {
            assert_eq!(
                (c.inserted, c.updated, c.unchanged),
                (0, 0, c.staged),
                "{name}: {}",
                c.table
            );
        }
        let cost = total_cost(&wh).await;

        // A new margin updates every sale; but when the last table then
        // fails, the whole load rolls back: the sales keep the old costs.
        let mut changed = pipeline(&extracted, 0.5);
        let refuse = match wh.dialect() {
            Dialect::Sqlite => "CREATE TRIGGER refuse BEFORE UPDATE ON dim_customers WHEN NEW.email = 'refused' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END".to_string(),
            d => format!("ALTER TABLE {} ADD CONSTRAINT refuse CHECK ({} <> 'refused')", d.quote("dim_customers"), d.quote("email")),
        };
        exec(&wh, &refuse).await;
        let customers = &mut changed[2].2;
        let emails = customers.column("email").unwrap().str().unwrap().clone();
        let mut emails: Vec<Option<String>> = emails.into_iter().map(|e| e.map(str::to_string)).collect();
        emails[0] = Some("refused".into());
        customers
            .with_column(polars_core::prelude::Column::new("email".into(), emails))
            .unwrap();
        let err = load(&wh, &changed)
            .await
            .expect_err("the check refuses the load")
            .to_string();
        assert!(err.contains("dim_customers"), "{name}: {err}");
        assert_eq!(total_cost(&wh).await, cost, "{name}: fact_sales rolled back");
        let counts = load(&wh, &got).await.unwrap();
        assert!(
            counts.iter().all(|c| c.unchanged == c.staged),
            "{name}: nothing half-applied"
        );

        // Without the refused row the new margin goes through as updates.
        let updated = load(&wh, &pipeline(&extracted, 0.5)).await.unwrap();
        assert_eq!(
            updated[0].updated, updated[0].staged,
            "{name}: every sale's cost changed"
        );
        assert!(
            total_cost(&wh).await < cost,
            "{name}: a higher margin, a lower estimated cost"
        );
        drop_targets(&wh).await;
        wh.close().await;
        src.close().await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "current_thread")]
async fn bad_credentials_and_missing_tables_are_clear_and_secret_free() {
    let _one_at_a_time = DATABASES.lock().await;
    let dir = std::env::temp_dir().join(format!("dataplay-connector-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, src_url, _) in databases(&dir) {
        if name != "sqlite" {
            let url = url::Url::parse(&src_url).unwrap();
            let password = url.password().unwrap().to_string();
            let mut wrong = url.clone();
            wrong.set_password(Some("not-the-password")).unwrap();
            let err = Db::connect(wrong.as_str())
                .await
                .expect_err("wrong password")
                .to_string();
            assert!(
                err.contains("***") && err.contains("could not connect"),
                "{name}: {err}"
            );
            assert!(
                !err.contains("not-the-password") && !err.contains(&password),
                "{name}: {err}"
            );
        }
        let src = Db::connect(&src_url).await.unwrap();
        for (table, frame) in sample() {
            warehouse::replace(&src, &table, &frame).await.unwrap();
        }
        exec(
            &src,
            &format!("DROP TABLE {}", src.dialect().quote("inventory_movements")),
        )
        .await;
        let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let err = source::extract_sources(&src, day, day)
            .await
            .expect_err("a table is missing")
            .to_string();
        assert!(err.starts_with("reading inventory_movements:"), "{name}: {err}");
        let preview = source::preview(&src, "customers", 5).await.unwrap();
        assert_eq!(preview.height(), 5, "{name}");
        src.close().await;
    }
    let err = Db::connect("oracle://x").await.expect_err("unknown scheme").to_string();
    assert!(err.contains("postgres://"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A TCP proxy to `target` whose connections all drop when `stop` is sent:
/// the database server "going away" mid-statement, as a network or a
/// restart does it, while the real server stays up for the other tests.
async fn proxy(target: String) -> (u16, tokio::sync::watch::Sender<bool>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        loop {
            let Ok((mut client, _)) = listener.accept().await else {
                return;
            };
            let target = target.clone();
            let mut stopped = stopped.clone();
            tokio::spawn(async move {
                let Ok(mut server) = tokio::net::TcpStream::connect(&target).await else {
                    return;
                };
                tokio::select! {
                    _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                    _ = stopped.wait_for(|s| *s) => {}
                }
            });
        }
    });
    (port, stop)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_goes_away_mid_load_is_a_clear_error_and_changes_nothing() {
    let _one_at_a_time = DATABASES.lock().await;
    let env = |k: &str| std::env::var(k).unwrap_or_else(|_| panic!("{k} is not set (scripts/services.sh)"));
    let tables: HashMap<String, DataFrame> = samples::retail::tables(9, 60_000).unwrap().into_iter().collect();
    let sales = pipeline(&tables, 0.4).remove(0).2;
    let key = vec!["transaction_id".to_string(), "product_id".to_string()];
    for (name, var) in [
        ("postgres", "DATAPLAY_TEST_PG_WH"),
        ("mariadb", "DATAPLAY_TEST_MYSQL_WH"),
    ] {
        let url = env(var);
        let parsed = url::Url::parse(&url).unwrap();
        let password = parsed.password().unwrap().to_string();
        let target = format!("{}:{}", parsed.host_str().unwrap(), parsed.port().unwrap());
        let (port, stop) = proxy(target).await;
        let mut via = parsed.clone();
        via.set_port(Some(port)).unwrap();

        let direct = Db::connect(&url).await.unwrap();
        let table = "gone_away_sales";
        exec(
            &direct,
            &format!("DROP TABLE IF EXISTS {}", direct.dialect().quote(table)),
        )
        .await;
        let db = Db::connect(via.as_str()).await.unwrap();
        // Through the proxy, a first load works.
        let first = sales.slice(0, 100);
        let target = [warehouse::Target {
            table,
            key: &key,
            frame: &first,
        }];
        warehouse::load(&db, &target).await.unwrap();

        // The whole table, and the server goes away while its merge waits
        // for a row lock the test holds (so the load is certainly mid-way).
        let lock = locks::RowLock::hold(&direct, table).await;
        let loading = {
            let (db, sales, key) = (db.clone(), sales.clone(), key.clone());
            tokio::spawn(async move {
                let target = [warehouse::Target {
                    table,
                    key: &key,
                    frame: &sales,
                }];
                warehouse::load(&db, &target).await.map(|_| ())
            })
        };
        let waited = locks::until_a_merge_waits(&direct, table, || loading.is_finished()).await;
        if !waited {
            panic!(
                "{name}: the load ended before its merge waited for the lock: {:?}",
                loading.await
            );
        }
        stop.send(true).unwrap();
        let err = loading.await.unwrap().expect_err("the server went away").to_string();
        assert!(err.contains(table), "{name}: {err}");
        assert!(!err.contains(&password), "{name}: {err}");
        lock.release().await;
        locks::until_writers_end(&direct, table).await;

        // The warehouse is as the first load left it.
        let q = |n: &str| direct.dialect().quote(n);
        let count = source::read(&direct, table, &format!("SELECT COUNT(*) AS n FROM {}", q(table)), &[])
            .await
            .unwrap();
        let n = count
            .column("n")
            .unwrap()
            .cast(&polars_core::prelude::DataType::Int64)
            .unwrap();
        assert_eq!(n.i64().unwrap().get(0), Some(100), "{name}");
        exec(&direct, &format!("DROP TABLE {}", q(table))).await;
        direct.close().await;
    }
}

/// Run a script on one connection of a PostgreSQL pool, as `psql -f` would;
/// a failure rolls back what the script began.
async fn run_script(db: &Db, script: &str) -> Result<(), String> {
    let Db::Postgres(pool) = db else {
        panic!("PostgreSQL only")
    };
    let mut conn = pool.acquire().await.unwrap();
    let result = sqlx::raw_sql(script).execute(&mut *conn).await;
    match result {
        Ok(_) => Ok(()),
        Err(e) => {
            let _ = sqlx::raw_sql("ROLLBACK").execute(&mut *conn).await;
            Err(e.to_string())
        }
    }
}

/// Every row of a target table in key order, each value as text (numbers
/// as f64, so an INTEGER and a BIGINT column holding 7 read the same).
async fn rows_of(db: &Db, table: &str, key: &[String]) -> Vec<Vec<Option<String>>> {
    let q = |n: &str| db.dialect().quote(n);
    let (columns, _) = dataplay_engine::etl::elt::target_columns(table);
    let order: Vec<String> = key.iter().map(|k| q(k)).chain([q("key_occurrence")]).collect();
    let sql = format!(
        "SELECT {} FROM {} ORDER BY {}",
        columns.iter().map(|c| q(c)).collect::<Vec<_>>().join(", "),
        q(table),
        order.join(", ")
    );
    let frame = source::read(db, table, &sql, &[]).await.unwrap();
    let columns: Vec<Vec<Option<String>>> = frame
        .get_columns()
        .iter()
        .map(|c| {
            let c = if c.dtype().is_primitive_numeric() {
                c.cast(&polars_core::prelude::DataType::Float64).unwrap()
            } else {
                c.clone()
            };
            (0..c.len())
                .map(|i| {
                    let v = c.get(i).unwrap();
                    (!v.is_null()).then(|| v.str_value().to_string())
                })
                .collect()
        })
        .collect();
    (0..frame.height())
        .map(|i| columns.iter().map(|c| c[i].clone()).collect())
        .collect()
}

/// Where each row of a table sits: an UPDATE or INSERT moves or adds one.
async fn row_versions(db: &Db, table: &str) -> Vec<String> {
    let sql = format!(
        "SELECT CAST(ctid AS TEXT) AS v FROM {} ORDER BY 1",
        db.dialect().quote(table)
    );
    let frame = source::read(db, table, &sql, &[]).await.unwrap();
    let column = frame.column("v").unwrap().str().unwrap().clone();
    column.into_iter().map(|v| v.unwrap_or_default().to_string()).collect()
}

#[tokio::test(flavor = "current_thread")]
async fn the_exported_postgres_script_loads_what_the_connector_loads() {
    use dataplay_engine::codegen::warehouse_sql;
    let _one_at_a_time = DATABASES.lock().await;
    let dir = std::env::temp_dir();
    let (_, src_url, wh_url) = databases(&dir).into_iter().find(|(n, _, _)| *n == "postgres").unwrap();
    let (src, wh) = (
        Db::connect(&src_url).await.unwrap(),
        Db::connect(&wh_url).await.unwrap(),
    );
    let tables = sample();
    for (table, frame) in &tables {
        warehouse::replace(&src, table, frame).await.unwrap();
    }
    let in_memory: HashMap<String, DataFrame> = tables.iter().cloned().collect();
    let keys: Vec<(String, Vec<String>)> = etl::TARGET_KEYS
        .iter()
        .map(|(t, k)| (t.to_string(), k.iter().map(|k| k.to_string()).collect()))
        .collect();

    // The same parameters both ways: the connector loads the engine's tables
    // into the warehouse; the script runs inside the database holding the sources.
    for margin in [0.4, 0.25] {
        drop_targets(&wh).await;
        load(&wh, &pipeline(&in_memory, margin)).await.unwrap();
        if margin == 0.4 {
            drop_targets(&src).await;
        }
        let script = warehouse_sql::etl_script(&params(margin)).unwrap();
        run_script(&src, &script)
            .await
            .unwrap_or_else(|e| panic!("the script failed: {e}"));
        for (table, key) in &keys {
            let (ours, theirs) = (rows_of(&src, table, key).await, rows_of(&wh, table, key).await);
            assert!(!ours.is_empty(), "{table} is empty");
            assert_eq!(ours.len(), theirs.len(), "margin {margin}: {table} row counts differ");
            for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
                assert_eq!(a, b, "margin {margin}: {table} row {i} differs (script vs connector)");
            }
        }
    }

    // A re-run with the same parameters touches no row.
    let script = warehouse_sql::etl_script(&params(0.25)).unwrap();
    let before: Vec<Vec<String>> = {
        let mut v = vec![];
        for (table, _) in &keys {
            v.push(row_versions(&src, table).await);
        }
        v
    };
    run_script(&src, &script).await.unwrap();
    for ((table, _), versions) in keys.iter().zip(&before) {
        assert_eq!(&row_versions(&src, table).await, versions, "a re-run changed {table}");
    }

    // A failing check aborts the whole script: the targets stay as they were.
    let checked = EtlParams {
        run_checks: true,
        margin: 0.5,
        ..params(0.5)
    };
    let err = run_script(&src, &warehouse_sql::etl_script(&checked).unwrap())
        .await
        .expect_err("2,000 items cannot pass the seed's 1,000 rows a day");
    assert!(err.contains("data-quality check"), "{err}");
    assert!(err.contains("Sales Count Check"), "{err}");
    for ((table, _), versions) in keys.iter().zip(&before) {
        assert_eq!(
            &row_versions(&src, table).await,
            versions,
            "a failed run changed {table}"
        );
    }
    // And the session it ran in is usable again (the script left nothing behind).
    run_script(&src, &script).await.unwrap();
    // The targets go: other tests load these databases with other shapes.
    drop_targets(&src).await;
    drop_targets(&wh).await;
}
