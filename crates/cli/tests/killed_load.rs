//! A warehouse load killed mid-way (`kill -9` of `dataplay etl` while it
//! stages the second of its three tables, the first already merged inside
//! the transaction) leaves PostgreSQL and MariaDB exactly as they were; the
//! next complete run then applies. The databases are the ones
//! `scripts/services.sh` starts (make test sources their URLs).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use dataplay_connector::{source, warehouse, Db};
use polars_core::prelude::DataFrame;

fn dataplay() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dataplay"))
}

fn url(k: &str) -> String {
    std::env::var(k)
        .unwrap_or_else(|_| panic!("{k} is not set: run scripts/services.sh and source its env (make test does)"))
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Counts and a sum that change when any table is merged again with a new margin.
fn fingerprint(rt: &tokio::runtime::Runtime, db: &Db) -> DataFrame {
    let sql = "SELECT (SELECT COUNT(*) FROM fact_sales) AS sales, \
               (SELECT FLOOR(SUM(estimated_cost)) FROM fact_sales) AS cost, \
               (SELECT COUNT(*) FROM fact_inventory_movements) AS movements, \
               (SELECT COUNT(*) FROM dim_customers) AS customers";
    rt.block_on(source::read(db, "fingerprint", sql, &[])).unwrap()
}

/// Is a session staging `table` right now?
fn staging(rt: &tokio::runtime::Runtime, db: &Db, kind: &str, table: &str) -> bool {
    let sql = match kind {
        "postgres" => format!(
            "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'INSERT INTO \"{table}_staging\"%'"
        ),
        _ => format!("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE 'INSERT INTO `{table}_staging`%'"),
    };
    let frame = rt.block_on(source::read(db, "activity", &sql, &[])).unwrap();
    frame
        .column("n")
        .ok()
        .and_then(|c| c.cast(&polars_core::prelude::DataType::Int64).ok())
        .and_then(|c| c.i64().ok().and_then(|v| v.get(0)))
        .unwrap_or(0)
        > 0
}

fn etl(source: &str, warehouse: &str, margin: &str) -> Child {
    dataplay()
        .args(["etl", "--source", source, "--warehouse", warehouse])
        .args([
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
            "--no-checks",
            "--margin",
            margin,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dataplay runs")
}

fn finish(child: Child) {
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_load_killed_mid_way_leaves_the_warehouse_as_it_was() {
    let dir = std::env::temp_dir().join(format!("dataplay-killed-{}", std::process::id()));
    let sources = dir.join("sources");
    let sample = dataplay()
        .args(["sample", "--size", "60000", "--out"])
        .arg(&sources)
        .output()
        .unwrap();
    assert!(sample.status.success(), "{}", String::from_utf8_lossy(&sample.stderr));
    let sources = sources.to_string_lossy().into_owned();
    let rt = rt();
    for (kind, warehouse) in [
        ("postgres", url("DATAPLAY_TEST_PG_WH")),
        ("mariadb", url("DATAPLAY_TEST_MYSQL_WH")),
    ] {
        // The shared test warehouse may hold targets of other tests' shapes.
        let db = rt.block_on(Db::connect(&warehouse)).unwrap();
        for table in ["fact_sales", "fact_inventory_movements", "dim_customers"] {
            rt.block_on(warehouse::drop_table(&db, table)).unwrap();
        }
        finish(etl(&sources, &warehouse, "0.4"));
        let before = fingerprint(&rt, &db);

        // Every sales row would change at 30%; kill it while it stages the
        // second table (the first is merged by then, inside the transaction).
        let mut child = etl(&sources, &warehouse, "0.3");
        let started = Instant::now();
        loop {
            if staging(&rt, &db, kind, "fact_inventory_movements") {
                break;
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("{kind}: the load ended ({status}) before it could be killed mid-way");
            }
            assert!(
                started.elapsed() < Duration::from_secs(300),
                "{kind}: never saw the staging insert"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        // The server ends the dead session's transaction: wait until it has.
        let started = Instant::now();
        while staging(&rt, &db, kind, "fact_inventory_movements") {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "{kind}: the killed session lingers"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let after = fingerprint(&rt, &db);
        assert!(
            after.equals_missing(&before),
            "{kind}: killed load changed the warehouse\n{before}\n{after}"
        );

        // A complete run applies the new margin.
        finish(etl(&sources, &warehouse, "0.3"));
        let applied = fingerprint(&rt, &db);
        assert!(
            !applied.equals_missing(&before),
            "{kind}: the complete run changed nothing"
        );
        assert_eq!(
            applied.column("sales").unwrap(),
            before.column("sales").unwrap(),
            "{kind}"
        );
        rt.block_on(db.close());
    }
}
