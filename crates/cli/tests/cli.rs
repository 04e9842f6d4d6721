//! The `dataplay` command as scripts use it: output and exit codes.

use std::path::PathBuf;
use std::process::{Command, Output};

fn dataplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dataplay"))
        .args(args)
        .output()
        .expect("dataplay runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dataplay-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn cap_check_exit_codes() {
    let dir = temp_dir("cap");
    let good = write(
        &dir,
        "good.jsonl",
        "{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"value\":1}\n{\"process\":0,\"type\":\"ok\",\"f\":\"write\",\"value\":1}\n{\"process\":1,\"type\":\"invoke\",\"f\":\"read\",\"value\":null}\n{\"process\":1,\"type\":\"ok\",\"f\":\"read\",\"value\":1}\n",
    );
    let out = dataplay(&["cap", "check", &good]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("linearizable: 2 operations"));

    let stale = write(
        &dir,
        "stale.jsonl",
        "{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"value\":1}\n{\"process\":0,\"type\":\"ok\",\"f\":\"write\",\"value\":1}\n{\"process\":1,\"type\":\"invoke\",\"f\":\"read\",\"value\":null}\n{\"process\":1,\"type\":\"ok\",\"f\":\"read\",\"value\":null}\n",
    );
    let out = dataplay(&["cap", "check", &stale]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("not linearizable") && text.contains("process 1 read → null (lines 3–4)"),
        "{text}"
    );

    let bad = write(
        &dir,
        "bad.jsonl",
        "{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"value\":1}\n{oops\n",
    );
    let out = dataplay(&["cap", "check", &bad]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));

    let missing = dir.join("missing.jsonl");
    assert_eq!(
        dataplay(&["cap", "check", &missing.to_string_lossy()]).status.code(),
        Some(2)
    );
}

#[test]
fn cap_scenario_prints_the_verdict() {
    let out = dataplay(&["cap", "scenario", "partition-cp"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("rejected writes: 2") && text.contains("checker: linearizable"),
        "{text}"
    );
    assert!(!dataplay(&["cap", "scenario", "nope"]).status.success());
}

#[test]
fn sample_then_inspect_and_head() {
    let dir = temp_dir("sample");
    let out = dataplay(&[
        "sample",
        "--out",
        &dir.to_string_lossy(),
        "--size",
        "500",
        "--format",
        "parquet",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let items = dir.join("transaction_items.parquet");
    let out = dataplay(&["inspect", &items.to_string_lossy()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("(Parquet, 500 rows, 7 columns)"), "{text}");
    let out = dataplay(&["head", &items.to_string_lossy(), "-n", "2"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(text.starts_with("transaction_id,product_id,quantity,unit_price"));
}

#[test]
fn bad_files_exit_non_zero_with_file_line_and_column() {
    let dir = temp_dir("bad");
    let ragged = write(&dir, "ragged.csv", "a,b\n1,2\n1,2,3\n");
    let out = dataplay(&["inspect", &ragged]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ragged.csv: line 3, column 5"), "{err}");
}
