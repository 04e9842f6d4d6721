//! Engine behaviour a user relies on, as one set of cases run twice: natively
//! (`cargo test`) and compiled to wasm32 in headless Chromium
//! (`make test-wasm`, wasm-bindgen-test). Same cases, same expected results.

use dataplay_api::{FileFormat, LoadOptions, SampleKind, SampleSpec};
use dataplay_engine::{load, samples, write, Workspace};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as case;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
#[cfg(not(target_arch = "wasm32"))]
use core::prelude::v1::test as case;

fn opts() -> LoadOptions {
    LoadOptions::default()
}

fn err(file: &str, bytes: &[u8]) -> String {
    match load::load(file, bytes, &opts()) {
        Ok(l) => panic!("{file} loaded ({} rows) but should not have", l.frame.height()),
        Err(e) => e.to_string(),
    }
}

/// FNV-1a, to compare big outputs across platforms.
fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[case]
fn csv_with_bom_crlf_semicolons_and_quotes() {
    let text = "\u{feff}id;name;price\r\n1;\"Bánh mì; pate\";15000\r\n2;\"Nước mắm \"\"Phú Quốc\"\"\";42000.5\r\n";
    let loaded = load::load("menu.csv", text.as_bytes(), &opts()).unwrap();
    let f = &loaded.frame;
    assert_eq!(f.shape(), (2, 3));
    assert_eq!(f.get_column_names_str(), ["id", "name", "price"]);
    let names = f.column("name").unwrap().str().unwrap().clone();
    assert_eq!(names.get(0), Some("Bánh mì; pate"));
    assert_eq!(names.get(1), Some("Nước mắm \"Phú Quốc\""));
    assert_eq!(f.column("price").unwrap().dtype().to_string(), "f64");
    assert_eq!(loaded.options.delimiter, Some(b';'));
    assert!(
        loaded.notes.contains(&dataplay_api::LoadNote::BomRemoved),
        "{:?}",
        loaded.notes
    );
}

#[case]
fn csv_zip_codes_keep_their_zeros_and_numbers_can_be_forced_to_text() {
    let text = b"zip,fips\n00501,36103\n10001,36061\n";
    let inferred = load::load("zips.csv", text, &opts()).unwrap();
    assert_eq!(
        inferred.frame.column("zip").unwrap().str().unwrap().get(0),
        Some("00501")
    );
    assert_eq!(inferred.frame.column("fips").unwrap().dtype().to_string(), "i64");
    let o = LoadOptions {
        text_columns: vec!["fips".into()],
        ..opts()
    };
    let forced = load::load("zips.csv", text, &o).unwrap();
    assert_eq!(
        forced.frame.column("fips").unwrap().str().unwrap().get(1),
        Some("36061")
    );
}

#[case]
fn csv_without_header_gets_numbered_columns() {
    let o = LoadOptions {
        has_header: false,
        ..opts()
    };
    let loaded = load::load("raw.csv", b"1,a\n2,b\n", &o).unwrap();
    assert_eq!(loaded.frame.shape(), (2, 2));
    assert_eq!(loaded.frame.get_column_names_str(), ["column_1", "column_2"]);
}

#[case]
fn json_nested_kept_as_struct_or_flattened() {
    let text = br#"[{"video_id":"v1","analytics":{"views":100,"likes":7,"extra":{"a":1}}},
                   {"video_id":"v2","analytics":{"views":50,"likes":1,"extra":{"a":2}}}]"#;
    let kept = load::load("videos.json", text, &opts()).unwrap();
    assert_eq!(kept.frame.width(), 2);
    assert!(kept.frame.column("analytics").unwrap().dtype().is_struct());
    let o = LoadOptions {
        flatten: true,
        ..opts()
    };
    let flat = load::load("videos.json", text, &o).unwrap();
    assert_eq!(
        flat.frame.get_column_names_str(),
        ["video_id", "analytics.views", "analytics.likes", "analytics.extra.a"]
    );
    let views = flat.frame.column("analytics.views").unwrap().i64().unwrap().clone();
    assert_eq!(views.get(1), Some(50));
}

#[case]
fn jsonl_reads_one_row_per_line_and_skips_blank_lines() {
    let text = b"{\"user_id\":\"u1\",\"position_seconds\":0}\n\n{\"user_id\":\"u2\",\"position_seconds\":30}\n";
    let loaded = load::load("events.jsonl", text, &opts()).unwrap();
    assert_eq!(loaded.frame.height(), 2);
    assert_eq!(loaded.format, FileFormat::Jsonl);
}

#[case]
fn parquet_round_trip_keeps_types() {
    let mut ws = Workspace::new();
    ws.load_sample(&SampleSpec {
        kind: SampleKind::Retail,
        seed: 7,
        size: 500,
    })
    .unwrap();
    let mut frame = ws.frame("transactions").unwrap().clone();
    let bytes = write::to_bytes(&mut frame, FileFormat::Parquet).unwrap();
    let back = load::load("transactions.parquet", &bytes, &opts()).unwrap().frame;
    assert!(back.equals_missing(&frame));
    assert_eq!(back.column("transaction_date").unwrap().dtype().to_string(), "date");
}

#[case]
fn bad_inputs_name_file_line_and_column() {
    assert_eq!(err("empty.csv", b""), "empty.csv: the file is empty");
    assert_eq!(err("blank.json", b"  \n "), "blank.json: the file is empty");
    let ragged = err("ragged.csv", b"a,b,c\n1,2,3\n4,5,6,7\n");
    assert!(ragged.starts_with("ragged.csv: line 3, column 7:"), "{ragged}");
    let json = err("broken.json", b"[{\"a\": 1},\n {\"a\": 2]");
    assert!(json.starts_with("broken.json: line 2,"), "{json}");
    let jsonl = err("broken.jsonl", b"{\"a\":1}\n{\"a\":2\n");
    assert!(jsonl.starts_with("broken.jsonl: line 2,"), "{jsonl}");
    // Russian in windows-1251 (windows-1252 and -1258 are detected).
    let cyrillic = err("cyrillic.csv", b"\xE8\xEC\xFF\n\xC8\xE2\xE0\xED\n\xCF\xB8\xF2\xF0\n");
    assert!(cyrillic.starts_with("cyrillic.csv: line 1, column 1:"), "{cyrillic}");
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert!(err("noise.csv", &noise).starts_with("noise.csv: "));
    let truncated = {
        let mut frame = samples::retail::tables(1, 100).unwrap().remove(0).1;
        let mut bytes = write::to_bytes(&mut frame, FileFormat::Parquet).unwrap();
        bytes.truncate(bytes.len() / 2);
        bytes
    };
    assert!(err("cut.parquet", &truncated).contains("truncated"));
    assert!(err("fake.parquet", b"id,name\n1,x\n").contains("not a Parquet file"));
    assert!(err("notes.xyz", b"hello").contains("cannot tell the format"));
}

#[case]
fn content_beats_extension_for_parquet() {
    let mut frame = samples::retail::tables(3, 100).unwrap().remove(2).1;
    let bytes = write::to_bytes(&mut frame, FileFormat::Parquet).unwrap();
    let loaded = load::load("products.csv", &bytes, &opts()).unwrap();
    assert_eq!(loaded.format, FileFormat::Parquet);
    assert_eq!(loaded.frame.height(), frame.height());
}

#[case]
fn a_failed_load_keeps_the_previous_table() {
    let mut ws = Workspace::new();
    ws.load_file("orders.csv", b"id,total\n1,10\n2,20\n".to_vec(), &opts())
        .unwrap();
    assert!(ws
        .load_file("orders.csv", b"id,total\n1,10,99\n".to_vec(), &opts())
        .is_err());
    assert_eq!(ws.frame("orders").unwrap().height(), 2);
    // Re-reading with a column as text replaces it; a bad column name does not.
    let s = ws
        .reload(
            "orders",
            &LoadOptions {
                text_columns: vec!["id".into()],
                ..opts()
            },
        )
        .unwrap();
    assert_eq!(s.columns[0].dtype, "str");
    assert!(!s.columns[0].inferred);
    assert!(ws
        .reload(
            "orders",
            &LoadOptions {
                text_columns: vec!["nope".into()],
                ..opts()
            }
        )
        .is_err());
    assert_eq!(ws.summaries()[0].columns[0].dtype, "str");
}

#[case]
fn summaries_count_rows_and_nulls() {
    let mut ws = Workspace::new();
    let s = ws.load_file("n.csv", b"a,b\n1,\n,x\n3,y\n".to_vec(), &opts()).unwrap();
    assert_eq!(s.rows, 3);
    let nulls: Vec<usize> = s.columns.iter().map(|c| c.null_count).collect();
    assert_eq!(nulls, [1, 1]);
    assert!(s.columns.iter().all(|c| c.inferred));
}

#[case]
fn preview_windows_are_clipped_and_show_nulls() {
    let mut ws = Workspace::new();
    ws.load_file("w.csv", b"a,b\n1,x\n2,\n3,z\n".to_vec(), &opts()).unwrap();
    let w = ws.rows("w", 1, 10).unwrap();
    assert_eq!(w.start, 1);
    assert_eq!(
        w.rows,
        vec![vec![Some("2".into()), None], vec![Some("3".into()), Some("z".into())]]
    );
    assert!(ws.rows("w", 99, 10).unwrap().rows.is_empty());
    assert!(ws.rows("missing", 0, 1).is_err());
}

#[case]
fn retail_sample_has_the_seed_tables_and_columns() {
    let mut ws = Workspace::new();
    let tables = ws
        .load_sample(&SampleSpec {
            kind: SampleKind::Retail,
            seed: 42,
            size: 2_000,
        })
        .unwrap();
    let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "transactions",
            "transaction_items",
            "products",
            "inventory_movements",
            "product_inventory",
            "customers"
        ]
    );
    let cols = |t: &str| {
        ws.frame(t)
            .unwrap()
            .get_column_names_str()
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    };
    for c in [
        "transaction_id",
        "store_id",
        "register_id",
        "cashier_id",
        "customer_id",
        "transaction_date",
        "transaction_time",
        "status",
    ] {
        assert!(cols("transactions").contains(&c.to_string()), "transactions.{c}");
    }
    for c in [
        "product_id",
        "quantity",
        "unit_price",
        "discount_amount",
        "tax_amount",
        "line_total",
    ] {
        assert!(
            cols("transaction_items").contains(&c.to_string()),
            "transaction_items.{c}"
        );
    }
    for c in [
        "movement_id",
        "movement_type",
        "quantity_change",
        "movement_date",
        "reason_code",
        "reference_number",
    ] {
        assert!(
            cols("inventory_movements").contains(&c.to_string()),
            "inventory_movements.{c}"
        );
    }
    for c in ["current_stock", "reorder_level", "max_stock_level"] {
        assert!(
            cols("product_inventory").contains(&c.to_string()),
            "product_inventory.{c}"
        );
    }
    for c in [
        "first_name",
        "email",
        "phone",
        "birth_date",
        "loyalty_tier",
        "preferred_store_id",
        "marketing_consent",
        "status",
    ] {
        assert!(cols("customers").contains(&c.to_string()), "customers.{c}");
    }
    assert_eq!(ws.frame("transaction_items").unwrap().height(), 2_000);
    // The edge cases the ETL must handle are present.
    let items = ws.frame("transaction_items").unwrap();
    assert!(items.column("product_id").unwrap().null_count() > 0);
    assert!(items
        .column("quantity")
        .unwrap()
        .i64()
        .unwrap()
        .into_iter()
        .any(|q| q.is_some_and(|q| q <= 0)));
    let statuses = ws
        .frame("transactions")
        .unwrap()
        .column("status")
        .unwrap()
        .str()
        .unwrap()
        .clone();
    assert!(statuses.into_iter().any(|s| s == Some("cancelled")));
    let kinds = ws
        .frame("inventory_movements")
        .unwrap()
        .column("movement_type")
        .unwrap()
        .str()
        .unwrap()
        .clone();
    assert!(kinds.into_iter().any(|k| k == Some("LOST")));
}

#[case]
fn samples_are_deterministic_and_identical_across_platforms() {
    let render = |seed| {
        let mut out = Vec::new();
        for (name, mut frame) in samples::retail::tables(seed, 3_000).unwrap() {
            out.extend_from_slice(name.as_bytes());
            out.extend(write::to_bytes(&mut frame, FileFormat::Csv).unwrap());
        }
        for (name, bytes) in samples::media::files(seed, 500) {
            out.extend_from_slice(name.as_bytes());
            out.extend(bytes);
        }
        out
    };
    let a = render(42);
    assert_eq!(fingerprint(&a), fingerprint(&render(42)));
    assert_ne!(fingerprint(&a), fingerprint(&render(43)));
    // The same value natively and in wasm: a 32-bit usize or a float
    // difference in the generator would change it.
    assert_eq!(fingerprint(&a), EXPECTED_SAMPLE_FINGERPRINT, "sample output changed");
}

/// Fingerprint of seed 42's retail (3 000 items) and media (500 events)
/// samples as CSV (media JSON keys in the seed's order). Changing the generators or the CSV writer on purpose
/// changes it: update it then.
const EXPECTED_SAMPLE_FINGERPRINT: u64 = 7_424_379_682_310_543_587;

#[case]
fn media_sample_loads_through_the_json_loaders() {
    let mut ws = Workspace::new();
    let tables = ws
        .load_sample(&SampleSpec {
            kind: SampleKind::Media,
            seed: 1,
            size: 1_000,
        })
        .unwrap();
    let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["video_metadata", "user_interactions", "image_analysis"]);
    assert_eq!(ws.frame("user_interactions").unwrap().height(), 1_000);
    let videos = ws.frame("video_metadata").unwrap();
    assert!(videos.column("analytics").unwrap().dtype().is_struct());
    assert!(
        videos.column("upload_date").is_err(),
        "the seed's videos have upload_timestamp only"
    );
}

#[case]
fn cap_runs_replay_identically_across_platforms() {
    use dataplay_engine::cap::checker::{check, Verdict};
    use dataplay_engine::cap::faults::split_then_heal;
    use dataplay_engine::cap::sim::{run, Mode, ReadLevel, SimConfig};
    let mut cfg = SimConfig::new(Mode::Ap, ReadLevel::Eventual, 42);
    cfg.faults = split_then_heal(vec![0, 2], 2_000, 6_000);
    let r = run(&cfg);
    // The same value natively and in wasm: the event log, hashed.
    assert_eq!(
        r.log_hash, EXPECTED_CAP_LOG_HASH,
        "event log changed ({} events)",
        r.events
    );
    assert!(matches!(check(&r.history), Verdict::NotLinearizable(_)));
}

/// Hash of the event log of the run above. Changing the simulator on purpose
/// changes it: update it then.
const EXPECTED_CAP_LOG_HASH: u64 = 929_033_281_827_483_111;

fn retail_workspace(seed: u64, size: usize) -> Workspace {
    let mut ws = Workspace::new();
    ws.load_sample(&SampleSpec {
        kind: SampleKind::Retail,
        seed,
        size,
    })
    .unwrap();
    ws
}

fn run_etl(
    ws: &Workspace,
    params: &dataplay_api::etl::EtlParams,
    warehouse: &mut dataplay_engine::warehouse::Warehouse,
) -> dataplay_engine::Result<dataplay_engine::etl::EtlOutput> {
    dataplay_engine::etl::run(&|name| ws.frame(name).ok(), params, warehouse, &|| 0.0)
}

#[case]
fn etl_gives_identical_tables_across_platforms_and_reruns_change_nothing() {
    use dataplay_api::etl::EtlParams;
    use dataplay_engine::warehouse::Warehouse;
    let ws = retail_workspace(42, 3_000);
    let params = EtlParams {
        run_checks: false,
        ..EtlParams::default()
    };
    let mut warehouse = Warehouse::new();
    let first = run_etl(&ws, &params, &mut warehouse).unwrap();
    let load = first.report.load.as_ref().unwrap();
    assert!(load.tables.iter().all(|t| t.inserted == t.staged && t.staged > 0));
    let mut bytes = Vec::new();
    for (name, frame) in &first.tables {
        bytes.extend_from_slice(name.as_bytes());
        bytes.extend(write::to_bytes(&mut frame.clone(), FileFormat::Csv).unwrap());
    }
    assert_eq!(fingerprint(&bytes), EXPECTED_ETL_FINGERPRINT, "ETL output changed");

    // The waterfall adds up: rows in = rows out + dropped, per filtering stage.
    for stage in &first.report.stages {
        if stage.name.starts_with("extract") || stage.name == "transform_sales" {
            let dropped: usize = stage.dropped.iter().map(|(_, n)| n).sum();
            assert_eq!(stage.rows_in, stage.rows_out + dropped, "{}", stage.name);
        }
    }

    let again = run_etl(&ws, &params, &mut warehouse).unwrap();
    let load = again.report.load.unwrap();
    assert_eq!(load.version, 1, "an identical re-run is not a new version");
    assert!(load
        .tables
        .iter()
        .all(|t| t.unchanged == t.staged && t.inserted + t.updated == 0));

    // A new margin changes every sales row's cost and profit, nothing else.
    let margin = EtlParams {
        margin: 0.5,
        ..params.clone()
    };
    let load = run_etl(&ws, &margin, &mut warehouse).unwrap().report.load.unwrap();
    let by = |t: &str| load.tables.iter().find(|c| c.table == t).unwrap().clone();
    assert_eq!(by("fact_sales").updated, by("fact_sales").staged);
    assert_eq!(by("dim_customers").updated, 0);
    assert_eq!(load.version, 2);
}

/// The CSV a user gets for each loaded table.
fn loaded_csv(out: &dataplay_engine::etl::EtlOutput, table: &str) -> String {
    let frame = out.tables.iter().find(|(n, _)| n == table).map(|(_, f)| f.clone());
    let bytes = write::to_bytes(&mut frame.unwrap(), FileFormat::Csv).unwrap();
    String::from_utf8(bytes).unwrap()
}

#[case]
fn elt_in_the_warehouse_gives_the_etl_tables() {
    use dataplay_api::etl::{EtlMode, EtlParams, RanIn, TARGET_TABLES};
    use dataplay_engine::warehouse::Warehouse;
    let ws = retail_workspace(42, 3_000);
    let etl = EtlParams {
        run_checks: false,
        ..EtlParams::default()
    };
    let elt = EtlParams {
        mode: EtlMode::Elt,
        ..etl.clone()
    };
    let a = run_etl(&ws, &etl, &mut Warehouse::new()).unwrap();
    let mut warehouse = Warehouse::new();
    let b = run_etl(&ws, &elt, &mut warehouse).unwrap();
    for table in TARGET_TABLES
        .into_iter()
        .chain(["customer_segments", "extract_sales", "extract_inventory"])
    {
        let (x, y) = (loaded_csv(&a, table), loaded_csv(&b, table));
        assert!(x.lines().count() > 10, "{table} is nearly empty");
        assert!(x == y, "{table}: ELT differs from ETL");
    }
    // Where each step ran: raw load and merge in the warehouse, transforms as SQL there.
    let ran: Vec<(&str, RanIn)> = b.report.stages.iter().map(|s| (s.name.as_str(), s.ran_in)).collect();
    assert_eq!(ran[0], ("load_raw", RanIn::Warehouse));
    assert!(ran.contains(&("transform_inventory", RanIn::WarehouseSql)), "{ran:?}");
    let sql = b
        .report
        .stages
        .iter()
        .find_map(|s| s.sql.as_deref().filter(|_| s.name == "transform_inventory"));
    assert!(sql
        .unwrap()
        .contains("SUM(quantity_change) OVER (PARTITION BY product_id, store_id"));
    assert_eq!(warehouse.raw_tables().count(), 6);
    // Merging the same rows again after an ETL run changes nothing.
    let again = run_etl(&ws, &etl, &mut warehouse).unwrap().report.load.unwrap();
    assert!(again.tables.iter().all(|t| t.unchanged == t.staged), "{again:?}");
}

/// Fingerprint of the ETL's tables on seed 42's 3 000-item retail sample
/// (changed when dropped_rows took reason codes and a detail column).
const EXPECTED_ETL_FINGERPRINT: u64 = 5_612_748_259_538_751_916;

#[case]
fn etl_failing_check_loads_nothing_and_says_why() {
    use dataplay_api::etl::{EtlParams, Severity};
    use dataplay_engine::warehouse::Warehouse;
    let ws = retail_workspace(42, 3_000);
    let mut warehouse = Warehouse::new();
    let out = run_etl(&ws, &EtlParams::default(), &mut warehouse).unwrap();
    let why = out
        .report
        .stopped_because()
        .expect("the seed's checks fail on 3 000 items");
    assert!(why.contains("Sales Count Check"), "{why}");
    assert!(
        matches!(&out.report.failed, Some(dataplay_api::etl::Stopped::QualityGate { checks, .. }) if checks.iter().any(|c| c == "Sales Count Check"))
    );
    assert!(out.report.load.is_none());
    assert_eq!(warehouse.version(), 0);
    assert!(warehouse.table("fact_sales").is_none());
    // The same checks as warnings: reported, and the run loads.
    let mut params = EtlParams::default();
    for c in &mut params.checks {
        c.severity = Severity::Warn;
    }
    let out = run_etl(&ws, &params, &mut warehouse).unwrap();
    assert!(out.report.failed.is_none() && out.report.quality.passed);
    assert_eq!(warehouse.version(), 1);
    let nulls = &out.report.quality.checks[2];
    assert!(nulls.observed > 0.0 && !nulls.sample.is_empty());
}

#[case]
fn etl_bad_sources_are_named() {
    use dataplay_api::etl::EtlParams;
    use dataplay_engine::warehouse::Warehouse;
    let mut ws = retail_workspace(1, 500);
    ws.remove("customers");
    let params = EtlParams::default();
    let e = run_etl(&ws, &params, &mut Warehouse::new()).err().unwrap().to_string();
    assert!(e.starts_with("customers: missing"), "{e}");

    let mut ws = retail_workspace(1, 500);
    ws.load_file(
        "transactions.csv",
        b"transaction_id,store_id,register_id,cashier_id,customer_id,transaction_date,transaction_time,status\n\
          1,1,1,1,1,2024-01-02,10:00:00,completed\n2,1,1,1,1,yesterday,10:00:00,completed\n"
            .to_vec(),
        &opts(),
    )
    .unwrap();
    let e = run_etl(&ws, &params, &mut Warehouse::new()).err().unwrap().to_string();
    assert!(
        e.contains("transactions: column 'transaction_date', row 2: cannot read 'yesterday'"),
        "{e}"
    );
    let bad = EtlParams {
        from: "2024-02-30".into(),
        ..EtlParams::default()
    };
    let e = run_etl(&ws, &bad, &mut Warehouse::new()).err().unwrap().to_string();
    assert!(e.contains("2024-02-30"), "{e}");
}

#[case]
fn lake_and_warehouse_give_identical_results_across_platforms() {
    use dataplay_api::lake::{LakeAction, LakeView};
    let mut ws = Workspace::new();
    let clock = || 0.0;
    let mut run = |action: LakeAction| -> LakeView { ws.run_lake(&action, &clock).unwrap().0 };
    let view = run(LakeAction::LoadSample { seed: 5, events: 2_000 });
    let (jobs, script, lake_sql, tables) = (view.jobs, view.warehouse_sql, view.lake_sql, view.lake_tables);
    for job in jobs {
        run(LakeAction::Glue { job });
    }
    let lake = run(LakeAction::LakeSql { sql: lake_sql, tables });
    let scan = &lake.scans[0];
    assert!(
        scan.files_scanned > 0 && scan.files_skipped > 0,
        "days after the 15th pruned: {scan:?}"
    );
    let warehouse = run(LakeAction::WarehouseSql { sql: script });
    assert!(warehouse.declared.iter().all(|t| t.rows > 0));
    let mut bytes = Vec::new();
    for name in [
        "sql:lake",
        "sql:warehouse",
        "dw:fact_video_performance",
        "dw:dim_users",
        "dw:stl_load_errors",
    ] {
        bytes.extend_from_slice(name.as_bytes());
        bytes.extend(ws.export(name, FileFormat::Csv).unwrap());
    }
    assert_eq!(
        fingerprint(&bytes),
        EXPECTED_LAKE_FINGERPRINT,
        "lake/warehouse output changed"
    );
}

/// The lake and both warehouses kept as one file come back whole in a new
/// workspace: the same files, the same declared tables and rejects, and the
/// ETL's warehouse, so a re-run there changes nothing. A damaged file is
/// refused with why, and what the workspace held stays.
#[case]
fn the_lake_and_warehouse_kept_as_one_file_come_back_whole() {
    use dataplay_api::etl::EtlParams;
    use dataplay_api::lake::LakeAction;
    let clock = || 0.0;
    let mut ws = retail_workspace(7, 2_000);
    let params = EtlParams {
        run_checks: false,
        ..EtlParams::default()
    };
    ws.run_etl(&params, &clock).unwrap();
    let view = ws
        .run_lake(&LakeAction::LoadSample { seed: 5, events: 1_000 }, &clock)
        .unwrap()
        .0;
    for job in view.jobs.clone() {
        ws.run_lake(&LakeAction::Glue { job }, &clock).unwrap();
    }
    let before = ws
        .run_lake(
            &LakeAction::WarehouseSql {
                sql: view.warehouse_sql.clone(),
            },
            &clock,
        )
        .unwrap()
        .0;
    let kept = ws.save_state().unwrap();

    let mut other = retail_workspace(7, 2_000);
    let (keyed, declared) = other.load_state("workspace.bin", &kept).unwrap();
    assert!(keyed.iter().any(|d| d.name == "dw:fact_sales"), "{keyed:?}");
    assert!(declared.iter().any(|d| d.name == "dw:stl_load_errors"));
    let after = other.run_lake(&LakeAction::List, &clock).unwrap().0;
    assert_eq!(after.files, before.files);
    // The same tables; the memory they take (`bytes`, an estimate) may differ once read back.
    let shape = |v: &dataplay_api::lake::LakeView| {
        v.declared
            .iter()
            .map(|t| (t.name.clone(), t.columns.clone(), t.rows, t.rejects, t.slices.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(&after), shape(&before));
    for name in [
        "dw:fact_video_performance",
        "dw:stl_load_errors",
        "dw:fact_sales",
        "dw:dim_customers",
    ] {
        assert_eq!(
            other.export(name, FileFormat::Csv).unwrap(),
            ws.export(name, FileFormat::Csv).unwrap(),
            "{name}"
        );
    }
    let sql = "SELECT COUNT(*) AS n FROM video_daily_summary".to_string();
    let q = |w: &mut Workspace| {
        w.run_lake(&LakeAction::WarehouseSql { sql: sql.clone() }, &clock)
            .unwrap();
        w.export("sql:warehouse", FileFormat::Csv).unwrap()
    };
    assert_eq!(q(&mut other), q(&mut ws));
    let (report, _) = other.run_etl(&params, &clock).unwrap();
    let load = report.load.unwrap();
    assert!(
        load.tables
            .iter()
            .all(|t| t.unchanged == t.staged && t.inserted + t.updated == 0),
        "{load:?}"
    );

    // Damaged: cut short, or not one at all. Nothing changes.
    for bad in [
        &kept[..kept.len() / 2],
        b"video_id,views\n1,2\n".as_slice(),
        b"".as_slice(),
    ] {
        let err = other.load_state("workspace.bin", bad).unwrap_err().to_string();
        assert!(
            err.contains("workspace.bin") && err.contains("not a dataplay workspace"),
            "{err}"
        );
        assert_eq!(other.run_lake(&LakeAction::List, &clock).unwrap().0.files, before.files);
    }
}

/// Fingerprint of the media sample (seed 5, 2 000 events) through ingest,
/// the Glue jobs, the default lake query and the warehouse script.
const EXPECTED_LAKE_FINGERPRINT: u64 = 3_062_129_580_780_610_987;

#[path = "corpus/hostile.rs"]
mod hostile;

/// Hostile files (100 000 levels of nesting, a Parquet footer of 100 000
/// nested groups or a lying length, a 10 MB line, 10 000 columns): each
/// loads or is refused with a message naming the file — in wasm32 too,
/// where a stack overflow or a panic would kill the page's worker — and
/// the table loaded before stays. What loads at the nesting limits also
/// previews, exports and reads back.
#[case]
fn hostile_files_load_or_are_refused_and_the_tables_stay() {
    use dataplay_engine::load::{json, parquet};
    use hostile::Expect;
    let mut ws = Workspace::new();
    ws.load_file("good.csv", b"id,name\n1,a\n2,b\n".to_vec(), &opts())
        .unwrap();
    for (name, bytes, expect) in hostile::files(json::MAX_DEPTH, parquet::MAX_SCHEMA_DEPTH, parquet::MAX_COLUMNS) {
        let outcome = ws.load_file(&name, bytes, &opts());
        match (expect, outcome) {
            (Expect::Rows(rows), Ok(summary)) => {
                assert_eq!(summary.rows, rows, "{name}");
                let window = ws.rows(&summary.name, 0, 10).unwrap();
                assert_eq!(window.rows.len(), rows.min(10), "{name}");
                for format in [
                    FileFormat::Csv,
                    FileFormat::Json,
                    FileFormat::Jsonl,
                    FileFormat::Parquet,
                ] {
                    if rows == 0 && format == FileFormat::Jsonl {
                        continue; // no rows, no lines: an empty file
                    }
                    let exported = ws.export(&summary.name, format).unwrap();
                    let file = format!("back.{}", format.extension());
                    let back = load::load(&file, &exported, &opts());
                    // CSV writes nested cells as JSON text; the rest keep their types.
                    let back = back.unwrap_or_else(|e| panic!("{name} as {file}: {e}"));
                    assert_eq!(back.frame.height(), rows, "{name} as {file}");
                }
                ws.remove(&summary.name);
            }
            (Expect::Refused(why), Err(e)) => {
                let e = e.to_string();
                assert!(e.starts_with(&format!("{name}: ")) && e.contains(why), "{name}: {e}");
            }
            (_, Ok(_)) => panic!("{name} should have been refused"),
            (_, Err(e)) => panic!("{name} should have loaded: {e}"),
        }
        assert_eq!(ws.frame("good").unwrap().height(), 2, "after {name}");
    }
    // The deepest JSON flattened: one column per leaf, named by its path.
    let flat = LoadOptions {
        flatten: true,
        ..opts()
    };
    let deepest = hostile::deep_objects(json::MAX_DEPTH);
    let loaded = load::load("deepest.json", &deepest, &flat).unwrap();
    let path = vec!["a"; json::MAX_DEPTH].join(".");
    assert_eq!(loaded.frame.get_column_names_str(), [path.as_str()]);
}

/// Committed corpus files that used to crash a reader: deep nesting, a
/// Parquet footer of 1 000 nested groups (polars took minutes, and
/// thousands overflowed its stack), a CSV ending in a lone quote (polars
/// panicked on `[1..0]`), corrupt footers and pages.
#[case]
fn corpus_files_that_crashed_readers_are_refused_with_the_reason() {
    let cases: [(&str, &[u8], &str); 11] = [
        (
            "bad_deep_arrays.json",
            include_bytes!("corpus/bad_deep_arrays.json"),
            "line 1, column 66: a row nests arrays and objects more than 64 levels deep",
        ),
        (
            "bad_deep_objects.jsonl",
            include_bytes!("corpus/bad_deep_objects.jsonl"),
            "line 1, column 321: a row nests arrays and objects more than 64 levels deep",
        ),
        (
            "bad_deep_schema.parquet",
            include_bytes!("corpus/bad_deep_schema.parquet"),
            "the Parquet file's schema nests more than 64 levels deep",
        ),
        (
            "bad_lone_quote.csv",
            include_bytes!("corpus/bad_lone_quote.csv"),
            "line 3, column 3: this quoted field is never closed",
        ),
        (
            "bad_footer_length.parquet",
            include_bytes!("corpus/bad_footer_length.parquet"),
            "the Parquet footer is corrupt: it claims 4.3 GB of metadata in a file of 1.5 KB",
        ),
        (
            "bad_footer_garbage.parquet",
            include_bytes!("corpus/bad_footer_garbage.parquet"),
            "the Parquet footer is corrupt: ",
        ),
        (
            "bad_truncated_footer.parquet",
            include_bytes!("corpus/bad_truncated_footer.parquet"),
            "the Parquet footer is corrupt: ",
        ),
        (
            "bad_huge_int.jsonl",
            include_bytes!("corpus/bad_huge_int.jsonl"),
            "line 1, column 7: the whole number 18446744073709551615 does not fit in 64 bits",
        ),
        // A page header claiming -30 values: polars reserved exabytes for
        // it and the process aborted.
        (
            "bad_page_negative_count.parquet",
            include_bytes!("corpus/bad_page_negative_count.parquet"),
            "the Parquet file is corrupt: a page of column chunk 6 (byte 1114) claims -30 values",
        ),
        (
            "bad_page_encoding.parquet",
            include_bytes!("corpus/bad_page_encoding.parquet"),
            "the Parquet file is corrupt: a page of column chunk 6 (byte 1114) names encoding -49",
        ),
        // A damaged page that polars' decoder asserts on: caught as the
        // reader's failure, natively and in the browser (the web build
        // unwinds; before, this aborted the page's worker).
        (
            "bad_data_page.parquet",
            include_bytes!("corpus/bad_data_page.parquet"),
            "the Parquet reader failed on damaged data (assertion failed: offset + length <= self.length)",
        ),
    ];
    for (name, bytes, expected) in cases {
        let e = err(name, bytes);
        assert!(e.starts_with(&format!("{name}: {expected}")), "{e}");
    }
    let small = load::load("ok_small.parquet", include_bytes!("corpus/ok_small.parquet"), &opts()).unwrap();
    assert_eq!(small.frame.shape(), (3, 3));
}

/// Parquet files pyarrow writes (pandas categoricals, fixed-size lists, a
/// time zone given as an offset) whose Arrow schema polars 0.51 panics on
/// in this build: read from their Parquet schema instead, with a note.
#[case]
fn parquet_with_an_arrow_schema_polars_cannot_read_loads_from_its_parquet_schema() {
    let cases: [(&str, &[u8], &str, &str); 3] = [
        (
            "ok_pyarrow_dictionary.parquet",
            include_bytes!("corpus/ok_pyarrow_dictionary.parquet"),
            "field 'dict' is dictionary-encoded (categorical)",
            "str",
        ),
        (
            "ok_pyarrow_fixed_size_list.parquet",
            include_bytes!("corpus/ok_pyarrow_fixed_size_list.parquet"),
            "field 'fsl' is a fixed-size list",
            "list[i64]",
        ),
        (
            "ok_pyarrow_offset_time_zone.parquet",
            include_bytes!("corpus/ok_pyarrow_offset_time_zone.parquet"),
            "field 'tzoff' has the unknown time zone '+05:30'",
            "datetime[μs, UTC]",
        ),
    ];
    for (name, bytes, why, dtype) in cases {
        let loaded = load::load(name, bytes, &opts()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(loaded.frame.shape(), (3, 1), "{name}");
        assert_eq!(loaded.frame.get_columns()[0].dtype().to_string(), dtype, "{name}");
        let note = format!("its Arrow schema was set aside ({why}, which dataplay cannot read)");
        assert!(
            loaded.notes.iter().any(|n| n.to_string().starts_with(&note)),
            "{:?}",
            loaded.notes
        );
    }
    let dict = load::load(cases[0].0, cases[0].1, &opts()).unwrap().frame;
    let values = dict.column("dict").unwrap().str().unwrap().clone();
    assert_eq!(
        values.into_iter().collect::<Vec<_>>(),
        [Some("a"), Some("b"), Some("a")]
    );
    let twins = err(
        "bad_duplicate_struct_fields.parquet",
        include_bytes!("corpus/bad_duplicate_struct_fields.parquet"),
    );
    assert_eq!(
        twins,
        "bad_duplicate_struct_fields.parquet: the Parquet file's schema has two fields named 'a' in one group"
    );
}

/// In the browser a file is refused before it is read when it is over the
/// limit (never more than the ceiling, whatever the page asks) or when the
/// memory to read it cannot be had; both name the file.
#[case]
fn files_the_engine_cannot_hold_are_refused_before_reading() {
    use dataplay_engine::load::{check_room, check_size, DEFAULT_MAX_FILE_BYTES, MAX_FILE_BYTES_CEILING};
    check_size("ok.csv", DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILE_BYTES).unwrap();
    let e = check_size("big.csv", DEFAULT_MAX_FILE_BYTES + 1, DEFAULT_MAX_FILE_BYTES)
        .err()
        .unwrap()
        .to_string();
    assert!(
        e.starts_with("big.csv: the file is 1.0 GB, larger than the 1.0 GB"),
        "{e}"
    );
    let e = check_size("huge.csv", MAX_FILE_BYTES_CEILING + 1, u64::MAX)
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("larger than the 2.0 GB this engine accepts"), "{e}");
    // 100 MB leaves room; 3 GB needs more than wasm32's 4 GiB (natively,
    // a few exabytes do).
    check_room("fine.csv", 100_000_000).unwrap();
    let size = if cfg!(target_arch = "wasm32") {
        3_000_000_000
    } else {
        u64::MAX / 4
    };
    let e = check_room("huge.csv", size).err().unwrap().to_string();
    assert!(
        e.starts_with("huge.csv: not enough memory left to read this file"),
        "{e}"
    );
}

/// The page's defaults (`CheckSpec::scaled_defaults`) pass on every
/// built-in sample size the ETL page offers from the Data page, and the
/// course's literal checks do not on the smaller ones.
#[case]
fn etl_scaled_checks_pass_on_each_sample_size() {
    use dataplay_api::etl::{CheckFix, CheckSpec, EtlParams};
    use dataplay_engine::warehouse::Warehouse;
    for size in [1_000usize, 10_000, 100_000] {
        let ws = retail_workspace(42, size);
        let params = EtlParams {
            checks: CheckSpec::scaled_defaults(size, 91),
            ..EtlParams::default()
        };
        let out = run_etl(&ws, &params, &mut Warehouse::new()).unwrap();
        assert!(out.report.quality.passed, "{size}: {:?}", out.report.stopped_because());
        assert!(out.report.load.is_some(), "{size}");
        // The course's checks stop it, and each failed check's fix makes it pass.
        let seed = run_etl(&ws, &EtlParams::default(), &mut Warehouse::new()).unwrap();
        assert!(!seed.report.quality.passed, "{size}");
        let mut fixed = EtlParams::default();
        for (spec, result) in fixed.checks.iter_mut().zip(&seed.report.quality.checks) {
            if let Some(fix) = result.fix(spec) {
                if let CheckFix::Columns { columns } = &fix {
                    assert_eq!(columns, &["product_id".to_string()]);
                }
                *spec = spec.fixed(&fix);
            }
        }
        let again = run_etl(&ws, &fixed, &mut Warehouse::new()).unwrap();
        assert!(
            again.report.quality.passed,
            "{size}: {:?}",
            again.report.stopped_because()
        );
    }
}
