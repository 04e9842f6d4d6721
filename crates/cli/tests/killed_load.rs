//! A warehouse load killed mid-way (`kill -9` of `dataplay etl` while it
//! merges the second of its three tables, the first already merged inside
//! the transaction) leaves PostgreSQL and MariaDB exactly as they were; the
//! next complete run then applies. The databases are the ones
//! `scripts/services.sh` starts (make test sources their URLs).

use std::process::{Child, Command, Stdio};

use dataplay_connector::{source, warehouse, Db};
use polars_core::prelude::DataFrame;

#[path = "../../connector/tests/support/locks.rs"]
mod locks;

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

        // Every sales row would change at 30%; kill it while it merges the
        // second table (the first is merged by then, inside the transaction),
        // held there by a lock the test takes on that table's rows.
        let lock = rt.block_on(locks::RowLock::hold(&db, "fact_inventory_movements"));
        let mut child = etl(&sources, &warehouse, "0.3");
        let waited = rt.block_on(locks::until_a_merge_waits(&db, "fact_inventory_movements", || {
            child.try_wait().ok().flatten().is_some()
        }));
        if !waited {
            let out = child.wait_with_output().unwrap();
            panic!(
                "{kind}: the load ended before its merge waited for the lock: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        child.kill().unwrap();
        child.wait().unwrap();
        rt.block_on(lock.release());
        // The server ends the dead session's transaction: wait until it has.
        rt.block_on(locks::until_writers_end(&db, "fact_inventory_movements"));
        rt.block_on(locks::until_writers_end(&db, "fact_sales"));
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
