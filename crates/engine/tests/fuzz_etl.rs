//! Property-based fuzzing of the ETL pipeline (native): source tables with
//! cells replaced by junk (text in number columns, impossible dates, huge or
//! negative numbers, blanks) and rows removed either run — with a waterfall
//! that adds up and a warehouse that merges — or fail with a message naming
//! the table; they never panic.
#![cfg(not(target_arch = "wasm32"))]

use dataplay_api::etl::{EtlParams, SOURCE_TABLES};
use dataplay_api::{FileFormat, LoadOptions};
use dataplay_engine::warehouse::Warehouse;
use dataplay_engine::{etl, samples, write, Workspace};
use proptest::prelude::*;

const JUNK: [&str; 10] = [
    "",
    "abc",
    "-1",
    "0",
    "2024-13-45",
    "1e308",
    "NaN",
    "9999999999999999999",
    "2024-02-29 25:61:00",
    "Đặng, \"x\"",
];

/// The sample's six tables as CSV text, split into lines.
fn sources() -> Vec<(&'static str, Vec<String>)> {
    samples::retail::tables(3, 200)
        .unwrap()
        .into_iter()
        .map(|(name, mut frame)| {
            let text = String::from_utf8(write::to_bytes(&mut frame, FileFormat::Csv).unwrap()).unwrap();
            let table = SOURCE_TABLES.iter().find(|t| **t == name).copied().unwrap();
            (table, text.lines().map(str::to_string).collect())
        })
        .collect()
}

#[derive(Debug, Clone)]
enum Edit {
    /// (table, row, column, junk)
    Cell(usize, usize, usize, usize),
    DropRow(usize, usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        (0..6usize, 1..400usize, 0..16usize, 0..JUNK.len()).prop_map(|(t, r, c, j)| Edit::Cell(t, r, c, j)),
        (0..6usize, 1..400usize).prop_map(|(t, r)| Edit::DropRow(t, r)),
    ];
    prop::collection::vec(edit, 1..12)
}

/// Replace one field of a CSV line (fields may be quoted; good enough to
/// place junk at a field boundary for the sample's simple lines).
fn replace_field(line: &str, column: usize, junk: &str) -> String {
    let mut fields: Vec<String> = line.split(',').map(str::to_string).collect();
    let i = column % fields.len();
    fields[i] = if junk.contains([',', '"']) {
        format!("\"{}\"", junk.replace('"', "\"\""))
    } else {
        junk.to_string()
    };
    fields.join(",")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn etl_on_damaged_sources_runs_or_names_the_problem(edits in edits(), margin in 0.0..1.0f64) {
        let mut tables = sources();
        for e in &edits {
            match *e {
                Edit::Cell(t, r, c, j) => {
                    let lines = &mut tables[t].1;
                    let r = r % lines.len().max(2);
                    if r > 0 {
                        lines[r] = replace_field(&lines[r], c, JUNK[j]);
                    }
                }
                Edit::DropRow(t, r) => {
                    let lines = &mut tables[t].1;
                    if lines.len() > 1 {
                        let r = 1 + r % (lines.len() - 1);
                        lines.remove(r);
                    }
                }
            }
        }
        let mut ws = Workspace::new();
        for (name, lines) in &tables {
            let bytes = (lines.join("\n") + "\n").into_bytes();
            // A file the loader refuses is reported by the loader (fuzzed elsewhere).
            let _ = ws.load_file(&format!("{name}.csv"), bytes, &LoadOptions::default());
        }
        let params = EtlParams { margin, run_checks: true, ..EtlParams::default() };
        let mut warehouse = Warehouse::new();
        match etl::run(&|n| ws.frame(n).ok(), &params, &mut warehouse, &|| 0.0) {
            Ok(out) => {
                for s in &out.report.stages {
                    // Filtering stages add up (joins may multiply rows on duplicate keys).
                    if s.name == "extract_customers" || s.name == "transform_sales" {
                        let dropped: usize = s.dropped.iter().map(|(_, n)| n).sum();
                        prop_assert_eq!(s.rows_in, s.rows_out + dropped, "{}", s.name);
                    }
                }
                // With the checks as warnings the same sources load, twice, idempotently.
                let mut lenient = params.clone();
                lenient.checks.iter_mut().for_each(|c| c.severity = dataplay_api::etl::Severity::Warn);
                if let Ok(first) = etl::run(&|n| ws.frame(n).ok(), &lenient, &mut warehouse, &|| 0.0) {
                    prop_assert!(first.report.load.is_some());
                    let again = etl::run(&|n| ws.frame(n).ok(), &lenient, &mut warehouse, &|| 0.0).unwrap();
                    let load = again.report.load.unwrap();
                    prop_assert!(load.tables.iter().all(|t| t.inserted + t.updated == 0), "{:?}", load);
                }
            }
            Err(e) => {
                let msg = e.to_string();
                prop_assert!(
                    SOURCE_TABLES.iter().any(|t| msg.starts_with(t)),
                    "the error names a table: {msg}"
                );
            }
        }
    }
}
