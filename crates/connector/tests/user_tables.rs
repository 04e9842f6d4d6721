//! A load touches the tables it was asked to load and nothing else: a
//! user's permanent tables named like a staging table (`orders_staging`,
//! `fact_sales_staging`, even `dataplay_staging_0`) keep their rows through
//! every load — a file merged as `dataplay db load` does it, the ETL merged
//! as `dataplay etl --warehouse` and `dataplay serve` do it — on the real
//! PostgreSQL and MariaDB of `scripts/services.sh` and on SQLite; and a
//! table or column name the server would cut short is refused before
//! anything is sent.

use std::sync::Arc;

use dataplay_api::connector::EtlRun;
use dataplay_api::etl::EtlParams;
use dataplay_connector::lake::S3Config;
use dataplay_connector::serve::ServeConfig;
use dataplay_connector::{on_pool, warehouse, Db};
use dataplay_engine::etl;
use polars_core::prelude::{Column, DataFrame};

#[path = "support/fixtures.rs"]
mod fixtures;

const TOKEN: &str = "user-tables-token-0123456789abcdef";

fn env(k: &str) -> String {
    std::env::var(k).unwrap_or_else(|_| {
        panic!("{k} is not set: start the test databases with `scripts/services.sh` and `. /tmp/dataplay-services/env` (make test does both)")
    })
}

/// Every warehouse the tests load into: (name, URL).
fn warehouses(dir: &std::path::Path) -> Vec<(&'static str, String)> {
    vec![
        ("sqlite", format!("sqlite:{}", dir.join("wh.db").display())),
        ("postgres", env("DATAPLAY_TEST_PG_WH")),
        ("mariadb", env("DATAPLAY_TEST_MYSQL_WH")),
    ]
}

/// The user's own tables, each holding one row that must survive.
const USER_TABLES: [&str; 6] = [
    "orders_staging",
    "fact_sales_staging",
    "fact_inventory_movements_staging",
    "dim_customers_staging",
    "dataplay_staging_0",
    "dataplay_staging_1",
];

async fn exec(db: &Db, sql: &str) {
    on_pool!(db, p => { sqlx::query(sql).execute(p).await.unwrap_or_else(|e| panic!("{sql}: {e}")); })
}

async fn count(db: &Db, sql: &str) -> i64 {
    on_pool!(db, p => sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await.unwrap_or_else(|e| panic!("{sql}: {e}")))
}

/// How many tables called `name` the database has (any schema it shows).
async fn tables_named(db: &Db, name: &str) -> i64 {
    let sql = match db.dialect() {
        dataplay_connector::Dialect::Sqlite => {
            format!("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{name}'")
        }
        dataplay_connector::Dialect::Postgres => format!(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{name}'"
        ),
        dataplay_connector::Dialect::MySql => format!(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '{name}'"
        ),
    };
    count(db, &sql).await
}

async fn create_user_tables(db: &Db) {
    let q = |n: &str| db.dialect().quote(n);
    for t in USER_TABLES {
        exec(db, &format!("DROP TABLE IF EXISTS {}", q(t))).await;
        exec(db, &format!("CREATE TABLE {} (id INTEGER, note VARCHAR(40))", q(t))).await;
        exec(db, &format!("INSERT INTO {} VALUES (1, 'keep me')", q(t))).await;
    }
}

async fn assert_user_tables_kept(name: &str, db: &Db, after: &str) {
    let q = |n: &str| db.dialect().quote(n);
    for t in USER_TABLES {
        let n = count(
            db,
            &format!("SELECT COUNT(*) FROM {} WHERE {} = 'keep me'", q(t), q("note")),
        )
        .await;
        assert_eq!(n, 1, "{name}: {t} lost its row after {after}");
    }
}

fn orders(rows: i64) -> DataFrame {
    DataFrame::new(vec![
        Column::new("id".into(), (1..=rows).collect::<Vec<i64>>()),
        Column::new(
            "item".into(),
            (1..=rows).map(|i| format!("item {i}")).collect::<Vec<String>>(),
        ),
    ])
    .unwrap()
}

/// `dataplay serve`'s routes over `source` and `warehouse`; its base URL.
async fn serve_on(source: &str, warehouse: &str) -> String {
    fixtures::serve_on(ServeConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        token: TOKEN.into(),
        origins: vec!["http://127.0.0.1:8080".into()],
        source_url: Some(source.into()),
        warehouse_url: warehouse.into(),
        lake: None,
        s3: S3Config::default(),
        log: Arc::new(|_: &str| {}),
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn permanent_tables_named_like_staging_survive_every_load() {
    let dir = std::env::temp_dir().join(format!("dataplay-user-tables-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let source = fixtures::retail_source(&dir.join("source.db"), 5, 1_200).await;
    let http = reqwest::Client::new();
    let params = EtlParams {
        from: "2024-01-01".into(),
        to: "2024-03-31".into(),
        run_checks: false,
        ..EtlParams::default()
    };
    for (name, url) in warehouses(&dir) {
        let db = Db::connect(&url).await.unwrap();
        for (t, _) in etl::TARGET_KEYS {
            warehouse::drop_table(&db, t).await.unwrap();
        }
        warehouse::drop_table(&db, "orders").await.unwrap();
        create_user_tables(&db).await;

        // A file merged into `orders` on `id`, as `dataplay db load` does, twice.
        let key = vec!["id".to_string()];
        for round in ["first", "second"] {
            let frame = orders(50);
            let counts = warehouse::load(
                &db,
                &[warehouse::Target {
                    table: "orders",
                    key: &key,
                    frame: &frame,
                }],
            )
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(counts[0].rows_after, 50, "{name}");
            assert_user_tables_kept(name, &db, &format!("the {round} load of orders")).await;
        }

        // The ETL through `dataplay serve`, twice (the second run merges unchanged).
        let base = serve_on(&source, &url).await;
        for round in ["first", "second"] {
            let response = http
                .post(format!("{base}/api/etl"))
                .bearer_auth(TOKEN)
                .json(&params)
                .send()
                .await
                .unwrap();
            let status = response.status();
            let body = response.text().await.unwrap();
            assert_eq!(status, 200, "{name}: {body}");
            let run: EtlRun = serde_json::from_str(&body).unwrap();
            assert_eq!(run.warehouse.len(), 3, "{name}");
            assert_user_tables_kept(name, &db, &format!("the {round} ETL through the API")).await;
        }

        for t in USER_TABLES.iter().chain(&["orders"]) {
            warehouse::drop_table(&db, t).await.unwrap();
        }
        for (t, _) in etl::TARGET_KEYS {
            warehouse::drop_table(&db, t).await.unwrap();
        }
        db.close().await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "current_thread")]
async fn names_the_server_would_cut_short_are_refused_before_anything_is_sent() {
    let dir = std::env::temp_dir().join(format!("dataplay-long-names-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = vec!["id".to_string()];
    for (name, url) in warehouses(&dir) {
        if name == "sqlite" {
            continue; // SQLite keeps names of any length.
        }
        let db = Db::connect(&url).await.unwrap();
        let limit = if name == "postgres" { 63 } else { 64 };
        let longest = "t".repeat(limit);
        let too_long = format!("{longest}x");
        warehouse::drop_table(&db, &longest).await.unwrap();
        let frame = orders(3);
        let err = warehouse::load(
            &db,
            &[warehouse::Target {
                table: &too_long,
                key: &key,
                frame: &frame,
            }],
        )
        .await
        .expect_err("a name over the limit")
        .to_string();
        assert!(err.contains(&limit.to_string()), "{name}: {err}");
        assert_eq!(tables_named(&db, &longest).await, 0, "{name}: nothing was created");

        // A column name over the limit, in a table of a fine name.
        let wide = DataFrame::new(vec![
            Column::new("id".into(), [1i64, 2]),
            Column::new(too_long.as_str().into(), [1i64, 2]),
        ])
        .unwrap();
        let err = warehouse::load(
            &db,
            &[warehouse::Target {
                table: "long_column_names",
                key: &key,
                frame: &wide,
            }],
        )
        .await
        .expect_err("a column name over the limit")
        .to_string();
        assert!(
            err.contains("long_column_names") && err.contains(&limit.to_string()),
            "{name}: {err}"
        );
        assert_eq!(tables_named(&db, "long_column_names").await, 0, "{name}");

        // A target named like the load's own staging tables would be
        // hidden by them: refused.
        let err = warehouse::load(
            &db,
            &[warehouse::Target {
                table: "dataplay_staging_0",
                key: &key,
                frame: &frame,
            }],
        )
        .await
        .expect_err("a staging name")
        .to_string();
        assert!(err.contains("staging"), "{name}: {err}");

        // The longest name the server keeps loads.
        let counts = warehouse::load(
            &db,
            &[warehouse::Target {
                table: &longest,
                key: &key,
                frame: &frame,
            }],
        )
        .await
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(counts[0].rows_after, 3);
        assert_eq!(tables_named(&db, &longest).await, 1, "{name}");
        warehouse::drop_table(&db, &longest).await.unwrap();
        db.close().await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}
