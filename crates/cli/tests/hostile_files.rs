//! `dataplay inspect` on hostile files: the engine's corpus
//! (`crates/engine/tests/corpus`) and the big ones it generates
//! (`corpus/hostile.rs`: 100 000 levels of nesting, deep and exponential
//! Parquet and Arrow schemas, a 10 MB line, 10 000 columns). Every run ends
//! by itself within a minute, with an exit code (a stack overflow would be
//! SIGABRT, a crash SIGSEGV), without a panic, and a refusal names the file.

#[path = "../../engine/tests/corpus/hostile.rs"]
mod hostile;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use dataplay_engine::load::{json, parquet};

/// Longest a single `inspect` may take (the slowest, a 10 MB line in a
/// debug build, takes a second or two).
const DEADLINE: Duration = Duration::from_secs(60);

/// Run `dataplay inspect FILE`; fail if it outlives [`DEADLINE`] or ends on
/// a signal.
fn inspect(file: &Path) -> (i32, String, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_dataplay"))
        .arg("inspect")
        .arg(file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dataplay starts");
    let pid = child.id();
    let (send, receive) = mpsc::channel::<std::io::Result<Output>>();
    std::thread::spawn(move || {
        let _ = send.send(child.wait_with_output());
    });
    let output = match receive.recv_timeout(DEADLINE) {
        Ok(output) => output.expect("dataplay's output"),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("{}: dataplay inspect still running after {DEADLINE:?}", file.display());
        }
    };
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let Some(code) = output.status.code() else {
        panic!(
            "{}: dataplay inspect ended on a signal ({:?}), not with an exit code: {stderr}",
            file.display(),
            output.status
        );
    };
    assert!(
        !stderr.contains("panicked"),
        "{}: a panic, even caught, is a bug: {stderr}",
        file.display()
    );
    (code, stdout, stderr)
}

/// A refusal: exit code 1 and one line naming the file, first thing.
fn assert_refused(file: &Path, code: i32, stdout: &str, stderr: &str) {
    assert_eq!(code, 1, "{} should be refused: {stdout}{stderr}", file.display());
    let named = format!("dataplay: {}: ", file.display());
    assert!(
        stderr.starts_with(&named),
        "{}: the message names the file: {stderr}",
        file.display()
    );
    assert!(stdout.is_empty(), "{}: nothing on stdout: {stdout}", file.display());
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../engine/tests/corpus")
}

#[test]
fn every_corpus_file_is_inspected_or_refused_by_name() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x != "rs"))
        .collect();
    files.sort();
    assert!(files.len() >= 60, "the corpus has {} files", files.len());
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let (code, stdout, stderr) = inspect(file);
        if name.starts_with("ok_") {
            assert_eq!(code, 0, "{name} should load: {stderr}");
            assert!(stdout.starts_with(&format!("{} (", file.display())), "{name}: {stdout}");
        } else if name.starts_with("bad_") {
            assert_refused(file, code, &stdout, &stderr);
        } else {
            assert!(code == 0 || code == 1, "{name}: exit {code}: {stderr}");
        }
    }
}

#[test]
fn the_files_that_crashed_readers_are_refused_with_where_and_why() {
    let cases = [
        (
            "bad_deep_arrays.json",
            "line 1, column 66: a row nests arrays and objects more than 64 levels deep here; dataplay reads at most 64 levels",
        ),
        (
            "bad_deep_objects.jsonl",
            "line 1, column 321: a row nests arrays and objects more than 64 levels deep here",
        ),
        (
            "bad_deep_schema.parquet",
            "the Parquet file's schema nests more than 64 levels deep; dataplay reads at most 64",
        ),
        ("bad_lone_quote.csv", "line 3, column 3: this quoted field is never closed"),
        (
            "bad_footer_length.parquet",
            "the Parquet footer is corrupt: it claims 4.3 GB of metadata in a file of 1.5 KB",
        ),
        (
            "bad_duplicate_struct_fields.parquet",
            "the Parquet file's schema has two fields named 'a' in one group",
        ),
    ];
    for (name, message) in cases {
        let file = corpus().join(name);
        let (code, stdout, stderr) = inspect(&file);
        assert_refused(&file, code, &stdout, &stderr);
        let expected = format!("dataplay: {}: {message}", file.display());
        assert!(stderr.starts_with(&expected), "{stderr}\nexpected: {expected}");
    }
    // A pandas categorical as pyarrow writes it: read as text, with a note.
    let file = corpus().join("ok_pyarrow_dictionary.parquet");
    let (code, stdout, stderr) = inspect(&file);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("note: its Arrow schema was set aside"), "{stdout}");
    assert!(stdout.contains("dict ") && stdout.contains(" str "), "{stdout}");
}

#[test]
fn generated_hostile_files_are_inspected_or_refused_by_name() {
    let dir = std::env::temp_dir().join(format!("dataplay-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let files = hostile::files(json::MAX_DEPTH, parquet::MAX_SCHEMA_DEPTH, parquet::MAX_COLUMNS);
    assert!(files.len() >= 20);
    for (name, bytes, expect) in files {
        let file = dir.join(&name);
        std::fs::write(&file, bytes).unwrap();
        let (code, stdout, stderr) = inspect(&file);
        match expect {
            hostile::Expect::Rows(rows) => {
                assert_eq!(code, 0, "{name} should load: {stderr}");
                let shown = format!("{} (", file.display());
                assert!(stdout.starts_with(&shown), "{name}: {stdout}");
                assert!(stdout.contains(&format!(", {rows} rows, ")), "{name}: {stdout}");
            }
            hostile::Expect::Refused(why) => {
                assert_refused(&file, code, &stdout, &stderr);
                assert!(stderr.contains(why), "{name}: {stderr}");
            }
        }
        std::fs::remove_file(&file).unwrap();
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
