//! The CLI against what a careless user or an attacker types: a wildcard
//! CORS origin is a start-up error (it used to panic), dataset names with
//! repeated slashes find the same files and partition columns as the plain
//! name (they used to answer with a column `ear` for `year`), traversal is
//! refused with the reason, and `dataplay db load` never touches a
//! permanent table named like its staging table, on the real PostgreSQL
//! and MariaDB of `scripts/services.sh`.

use std::process::{Command, Output};

use dataplay_connector::{source, warehouse, Db};

fn dataplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dataplay"))
        .args(args)
        .output()
        .expect("dataplay runs")
}

fn text(out: &Output) -> (Option<i32>, String, String) {
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("dataplay-hardening-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_wildcard_or_malformed_origin_is_a_clear_start_up_error() {
    let dir = temp_dir("origin");
    let warehouse = format!("sqlite:{}", dir.join("wh.db").display());
    for origin in ["*", "http://127.0.0.1:8080/app", "not an origin"] {
        let out = Command::new(env!("CARGO_BIN_EXE_dataplay"))
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--warehouse",
                &warehouse,
                "--origin",
                origin,
            ])
            .env("DATAPLAY_TOKEN", "hardening-token-0123456789")
            .output()
            .unwrap();
        let (code, _, err) = text(&out);
        assert_eq!(code, Some(1), "{origin}: exits with an error, not a signal: {err}");
        assert!(
            err.contains("not a valid origin") && !err.contains("panicked"),
            "{origin}: {err}"
        );
    }
}

#[test]
fn repeated_slashes_in_a_dataset_name_give_the_same_answer_and_traversal_is_refused() {
    let dir = temp_dir("slashes");
    let lake = dir.join("lake").to_string_lossy().into_owned();
    let (code, _, err) = text(&dataplay(&[
        "lake", "--lake", &lake, "sample", "--seed", "3", "--events", "300",
    ]));
    assert_eq!(code, Some(0), "{err}");
    let query = "SELECT * FROM v ORDER BY video_id LIMIT 5";
    let answer = |dataset: &str| {
        let table = format!("v={dataset}");
        text(&dataplay(&["lake", "--lake", &lake, "sql", "--table", &table, query]))
    };
    let (code, plain, err) = answer("raw/video_metadata");
    assert_eq!(code, Some(0), "{err}");
    let header = plain.lines().next().unwrap_or_default().to_string();
    assert!(
        header.split(',').any(|c| c == "year") && header.split(',').any(|c| c == "month"),
        "{header}"
    );
    for spelling in [
        "raw///video_metadata",
        "raw/video_metadata/",
        "//raw//video_metadata",
        &format!("raw{}video_metadata", "/".repeat(300)),
    ] {
        let (code, out, err) = answer(spelling);
        assert_eq!(code, Some(0), "{spelling}: {err}");
        assert_eq!(out, plain, "{spelling}");
    }
    for bad in [
        "raw/../raw/video_metadata",
        "raw/%2e%2e/x",
        "../lake/raw/video_metadata",
    ] {
        let (code, _, err) = answer(bad);
        assert_eq!(code, Some(1), "{bad}");
        assert!(err.contains("not a lake path") && err.contains(".."), "{bad}: {err}");
    }
    // Keys in a lake URL are refused, and the refusal does not repeat them.
    let (code, _, err) = text(&dataplay(&[
        "lake",
        "--lake",
        "s3://AKIDHARD:key-secret-9@bucket/p?token=tok-secret",
        "ls",
    ]));
    assert_eq!(code, Some(1));
    assert!(err.contains("AWS_ACCESS_KEY_ID"), "{err}");
    assert!(!err.contains("key-secret-9") && !err.contains("tok-secret"), "{err}");
    let (code, listing, _) = text(&dataplay(&["lake", "--lake", &lake, "ls", "raw///video_metadata//"]));
    assert_eq!(code, Some(0));
    assert!(listing.contains("raw/video_metadata/year="), "{listing}");
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn db_load_never_touches_a_permanent_table_named_like_its_staging() {
    let dir = temp_dir("db-load");
    let csv = dir.join("orders.csv");
    std::fs::write(&csv, "id,item\n1,a\n2,b\n3,c\n").unwrap();
    let csv = csv.to_string_lossy().into_owned();
    let rt = rt();
    for var in ["DATAPLAY_TEST_PG_WH", "DATAPLAY_TEST_MYSQL_WH"] {
        let url = std::env::var(var).unwrap_or_else(|_| panic!("{var} is not set (scripts/services.sh)"));
        let db = rt.block_on(Db::connect(&url)).unwrap();
        let q = |n: &str| db.dialect().quote(n);
        let run = |sql: String| {
            rt.block_on(async {
                dataplay_connector::on_pool!(&db, p => sqlx::query(&sql).execute(p).await.map(|_| ()))
            })
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
        };
        for t in ["orders", "orders_staging", "dataplay_staging_0"] {
            rt.block_on(warehouse::drop_table(&db, t)).unwrap();
        }
        for t in ["orders_staging", "dataplay_staging_0"] {
            run(format!("CREATE TABLE {} (id INTEGER, note VARCHAR(20))", q(t)));
            run(format!("INSERT INTO {} VALUES (1, 'keep me')", q(t)));
        }
        for _ in 0..2 {
            let (code, out, err) = text(&dataplay(&[
                "db", "--db", &url, "load", "--table", "orders", "--key", "id", &csv,
            ]));
            assert_eq!(code, Some(0), "{var}: {err}");
            assert!(out.contains("rows after 3"), "{var}: {out}");
        }
        for t in ["orders_staging", "dataplay_staging_0"] {
            let sql = format!("SELECT COUNT(*) AS n FROM {} WHERE {} = 'keep me'", q(t), q("note"));
            let frame = rt.block_on(source::read(&db, t, &sql, &[])).unwrap();
            let n = frame
                .column("n")
                .unwrap()
                .cast(&polars_core::prelude::DataType::Int64)
                .unwrap();
            assert_eq!(n.i64().unwrap().get(0), Some(1), "{var}: {t} lost its row");
        }
        // A name the server would cut short: refused, nothing created.
        let long = "o".repeat(70);
        let (code, _, err) = text(&dataplay(&[
            "db", "--db", &url, "load", "--table", &long, "--key", "id", &csv,
        ]));
        assert_eq!(code, Some(1), "{var}");
        assert!(err.contains("table name") && err.contains("70"), "{var}: {err}");
        for t in ["orders", "orders_staging", "dataplay_staging_0"] {
            rt.block_on(warehouse::drop_table(&db, t)).unwrap();
        }
        rt.block_on(db.close());
    }
}
