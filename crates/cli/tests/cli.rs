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

/// `dataplay lake` on the S3 server `scripts/services.sh` starts and on a
/// directory: the same commands print the same listings and answers, and
/// `dataplay sql` over the directory's files agrees with both.
#[test]
fn lake_on_s3_and_on_a_directory_agree() {
    let var = |k: &str| {
        std::env::var(k)
            .unwrap_or_else(|_| panic!("{k} is not set: run scripts/services.sh and source its env (make test does)"))
    };
    let endpoint = var("DATAPLAY_TEST_S3_ENDPOINT");
    let bucket = var("DATAPLAY_TEST_S3_BUCKET");
    let dir = temp_dir("lake");
    let local = dir.join("lake").to_string_lossy().into_owned();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let s3 = format!("s3://{bucket}/cli-{}-{nanos}", std::process::id());
    let lake = |location: &str, args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_dataplay"))
            .args(["lake", "--lake", location])
            .args(args)
            .env("AWS_ENDPOINT_URL", &endpoint)
            .env("AWS_ACCESS_KEY_ID", "dataplay-test")
            .env("AWS_SECRET_ACCESS_KEY", "cli-secret-not-to-show")
            .env("AWS_REGION", "us-east-1")
            .output()
            .expect("dataplay runs");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!stderr.contains("cli-secret-not-to-show"), "{stderr}");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr,
        )
    };
    let query = "SELECT year, month, day, COUNT(*) AS videos, SUM(analytics.views) AS views FROM video_metadata WHERE day <= 10 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";
    let mut answers = vec![];
    for location in [s3.as_str(), local.as_str()] {
        let (code, out, err) = lake(location, &["sample", "--seed", "5", "--events", "800"]);
        assert_eq!(code, Some(0), "{location}: {err}");
        assert!(out.contains("raw/video_metadata/year=2024/month=01/day="), "{out}");
        let (code, out, err) = lake(location, &["glue"]);
        assert_eq!(code, Some(0), "{location}: {err}");
        assert!(out.contains("files written to curated/video_analytics"), "{out}");
        let (_, listing, _) = lake(location, &["ls", "curated"]);
        assert!(listing.contains("curated/video_analytics/category="), "{listing}");
        let (code, rows, err) = lake(location, &["sql", "--stats", query]);
        assert_eq!(code, Some(0), "{location}: {err}");
        assert!(err.contains("skipped by day <= 10"), "{err}");
        let (code, _, err) = lake(location, &["sql", "SELECT upload_date FROM video_metadata"]);
        assert_eq!(code, Some(1));
        assert!(err.contains("upload_date") && err.contains("upload_timestamp"), "{err}");
        answers.push((listing, rows));
    }
    assert_eq!(answers[0], answers[1], "S3 and the directory differ");
    assert!(answers[0].1.lines().count() > 2, "{}", answers[0].1);
    let table = format!("video_metadata={local}/raw/video_metadata");
    let out = dataplay(&["sql", "--table", &table, query]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), answers[0].1);

    let (code, _, err) = lake(&s3, &["cat", "raw/none/x.csv"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("raw/none/x.csv: not found"), "{err}");
}
