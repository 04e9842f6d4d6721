//! The built-in exercises (`static/exercises/builtin.json`) against their
//! reference solutions (`tests/exercises/solutions.json`, never shipped):
//! each table check's fingerprint is the one the solution's table has, a
//! wrong attempt does not pass, and each count an ETL task names is the one
//! its solution gives. `DATAPLAY_WRITE_EXERCISES=1` writes them back after
//! a change to the samples or the engine.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use dataplay_api::etl::{CheckSpec, EtlParams};
use dataplay_api::exercise::{Check, EtlPredicate, ExerciseSet, TableVerdict};
use dataplay_api::lake::{LakeAction, LakeView};
use dataplay_engine::grade;
use dataplay_engine::Workspace;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

const CLOCK: &dyn Fn() -> f64 = &|| 0.0;

/// A workspace in the exercise's starting state, and the lake's view.
fn start(begin: &dataplay_api::exercise::Start) -> (Workspace, Option<LakeView>) {
    let mut ws = Workspace::new();
    for spec in &begin.samples {
        ws.load_sample(spec).unwrap();
    }
    let mut view = None;
    if let Some(lake) = &begin.lake {
        // As the page starts it: one request.
        let (v, _) = ws.run_lake(&LakeAction::Prepare(lake.clone()), CLOCK).unwrap();
        view = Some(v);
    }
    (ws, view)
}

fn run_sql(ws: &mut Workspace, view: &LakeView, solution: &Value, sql: &str) -> LakeView {
    let action = match solution["target"].as_str() {
        Some("warehouse") => LakeAction::WarehouseSql { sql: sql.into() },
        _ => LakeAction::LakeSql {
            sql: sql.into(),
            tables: view.lake_tables.clone(),
        },
    };
    ws.run_lake(&action, CLOCK).unwrap_or_else(|e| panic!("{sql}: {e}")).0
}

/// The ETL's parameters as the page has them with these edges and labels.
fn etl_params(ws: &Workspace, solution: &Value) -> EtlParams {
    let mut p = EtlParams::default();
    let split = |key: &str| -> Vec<String> {
        solution[key]
            .as_str()
            .unwrap()
            .split(',')
            .map(|s| s.trim().to_string())
            .collect()
    };
    p.segment_edges = split("edges").iter().map(|e| e.parse().unwrap()).collect();
    p.segment_labels = split("labels");
    let items = ws.frame("transaction_items").unwrap().height();
    p.checks = CheckSpec::scaled_defaults(items, dataplay_api::etl::days_in_range(&p.from, &p.to).unwrap());
    p
}

#[test]
fn the_built_in_exercises_are_solved_by_their_solutions_and_not_by_wrong_attempts() {
    let path = root().join("static/exercises/builtin.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut set = ExerciseSet::read(&text).unwrap();
    let solutions: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/exercises/solutions.json")).unwrap()).unwrap();
    assert!(set.exercises.len() >= 15, "{} exercises", set.exercises.len());
    for concept in ["etl", "lake", "cap"] {
        let n = set
            .exercises
            .iter()
            .filter(|e| serde_json::to_value(e.concept).unwrap() == concept)
            .count();
        assert!(n >= 5, "{concept}: {n}");
    }
    let write = std::env::var_os("DATAPLAY_WRITE_EXERCISES").is_some();
    let mut stale = vec![];
    for ex in &mut set.exercises {
        let solution = &solutions[&ex.id];
        let begin = ex.start.clone();
        match &mut ex.check {
            Check::Table { dataset, expected } => {
                let (mut ws, view) = start(&begin);
                let view = view.expect("a table exercise starts from the lake");
                run_sql(&mut ws, &view, solution, solution["sql"].as_str().unwrap());
                let print = grade::fingerprint(ws.frame(dataset).unwrap(), expected.decimals).unwrap();
                assert!(print.rows > 0 && print.rows <= 5_000, "{}: {} rows", ex.id, print.rows);
                if print != *expected {
                    stale.push(ex.id.clone());
                    *expected = print;
                }
                run_sql(&mut ws, &view, solution, solution["wrong"].as_str().unwrap());
                let verdict = grade::grade(ws.frame(dataset).unwrap(), expected).unwrap();
                assert_ne!(verdict, TableVerdict::Same, "{}: the wrong attempt passes", ex.id);
            }
            Check::Lake { holds } => {
                let (mut ws, view) = start(&begin);
                let view = view.unwrap();
                let after = run_sql(&mut ws, &view, solution, solution["sql"].as_str().unwrap());
                assert_eq!(holds.judge(Some(&after)), Ok(()), "{}", ex.id);
                let after = run_sql(&mut ws, &view, solution, solution["wrong"].as_str().unwrap());
                assert!(
                    holds.judge(Some(&after)).is_err(),
                    "{}: the wrong attempt passes",
                    ex.id
                );
            }
            Check::Etl {
                holds: EtlPredicate::Segment { label, customers },
            } => {
                let (mut ws, _) = start(&begin);
                let params = etl_params(&ws, solution);
                let (report, _) = ws.run_etl(&params, CLOCK).unwrap();
                let got = report.charts.segments.iter().find(|(l, _, _)| l == label).map(|s| s.1);
                let got = got.unwrap_or_else(|| panic!("{}: no {label} segment", ex.id));
                assert!(got > 0, "{}: an empty segment", ex.id);
                if got != *customers {
                    let (old, new) = (
                        if *customers == 0 {
                            "{K}".to_string()
                        } else {
                            customers.to_string()
                        },
                        got.to_string(),
                    );
                    ex.task.vi = ex.task.vi.replace(&old, &new);
                    ex.task.en = ex.task.en.replace(&old, &new);
                    stale.push(ex.id.clone());
                    *customers = got;
                }
                // The page's defaults do not already pass.
                let (report, _) = ws
                    .run_etl(
                        &EtlParams {
                            checks: params.checks.clone(),
                            ..EtlParams::default()
                        },
                        CLOCK,
                    )
                    .unwrap();
                let default = EtlPredicate::Segment {
                    label: label.clone(),
                    customers: got,
                };
                assert!(
                    default.judge(Some(&report)).is_err(),
                    "{}: the defaults already pass",
                    ex.id
                );
            }
            // Judged in the page from its runs (tests/e2e/exercises.test.mjs).
            Check::Etl { .. } | Check::Cap { .. } => {}
        }
    }
    if write && !stale.is_empty() {
        std::fs::write(&path, serde_json::to_string_pretty(&set).unwrap() + "\n").unwrap();
    }
    assert!(
        stale.is_empty() || write,
        "stale expectations in {}: {stale:?} (DATAPLAY_WRITE_EXERCISES=1 writes them)",
        path.display()
    );
}
