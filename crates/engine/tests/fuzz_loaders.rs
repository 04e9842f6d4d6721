//! Property-based fuzzing of the loaders (native): whatever the bytes, a load
//! returns a table or an error — it never panics (a panic in wasm kills the
//! page). Failing inputs are kept by proptest in
//! `fuzz_loaders.proptest-regressions`; hand-made tricky files live in
//! `corpus/` (`ok_*` must load, `bad_*` must be refused, others either),
//! and those too big to commit are made by `corpus/hostile.rs`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "corpus/hostile.rs"]
mod hostile;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use dataplay_api::{Encoding, Fault, FileFormat, LoadOptions};
use dataplay_engine::{load, samples, write, EngineError};
use load::json::MAX_DEPTH;
use proptest::prelude::*;

const NAMES: [&str; 5] = ["f.csv", "f.json", "f.jsonl", "f.parquet", "f.tsv"];

fn any_options() -> impl Strategy<Value = LoadOptions> {
    (
        prop::option::of(prop::sample::select(vec![b',', b';', b'\t', b'|'])),
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(Encoding::ALL.to_vec()),
    )
        .prop_map(|(delimiter, has_header, flatten, encoding)| LoadOptions {
            delimiter,
            has_header,
            flatten,
            encoding,
            ..LoadOptions::default()
        })
}

/// Cases per property: 400, or `DATAPLAY_FUZZ_CASES` for a longer hunt.
fn cases() -> u32 {
    std::env::var("DATAPLAY_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(400)
}

/// Valid files of every format, to be mutated.
fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let mut frame = samples::retail::tables(5, 60).unwrap().remove(1).1;
    let mut out = vec![
        ("items.csv", write::to_bytes(&mut frame, FileFormat::Csv).unwrap()),
        (
            "items.parquet",
            write::to_bytes(&mut frame, FileFormat::Parquet).unwrap(),
        ),
        ("items.jsonl", write::to_bytes(&mut frame, FileFormat::Jsonl).unwrap()),
    ];
    for (name, bytes) in samples::media::files(5, 20) {
        let name: &'static str = Box::leak(name.into_boxed_str());
        out.push((name, bytes));
    }
    out.push(("nested.parquet", nested_parquet()));
    out
}

/// The media sample's videos (nested structs and lists) as Parquet: a footer
/// with groups in it.
fn nested_parquet() -> Vec<u8> {
    let (_, json) = samples::media::files(5, 20).remove(0);
    let mut frame = load::load("v.json", &json, &LoadOptions::default()).unwrap().frame;
    write::to_bytes(&mut frame, FileFormat::Parquet).unwrap()
}

/// Where the metadata of a Parquet file starts (its length is in the 4
/// bytes before the closing `PAR1`).
fn footer_start(bytes: &[u8]) -> usize {
    let n = bytes.len();
    let len = u32::from_le_bytes(bytes[n - 8..n - 4].try_into().unwrap()) as usize;
    n - 8 - len
}

/// Load, and check the outcome: an error names the file. A panic that
/// escapes the loader is a failure of the test; one the loader caught in a
/// reader (`Fault::ReaderFailed`; before the worker unwound, an abort)
/// is returned as `Panicked`, for the caller to judge.
fn load_named(name: &str, bytes: &[u8], options: &LoadOptions) -> Result<load::Loaded, Failure> {
    match catch_unwind(AssertUnwindSafe(|| load::load(name, bytes, options))) {
        Err(_) => panic!("{name}: a panic escaped the loader"),
        Ok(Ok(loaded)) => Ok(loaded),
        Ok(Err(e)) => {
            let caught =
                matches!(&e, EngineError::Invalid { fault, .. } if matches!(**fault, Fault::ReaderFailed { .. }));
            let e = e.to_string();
            assert!(e.starts_with(&format!("{name}: ")), "the error names the file: {e}");
            Err(if caught {
                Failure::Panicked(e)
            } else {
                Failure::Refused(e)
            })
        }
    }
}

#[derive(Debug)]
enum Failure {
    Refused(String),
    Panicked(String),
}

impl Failure {
    fn message(&self) -> &str {
        match self {
            Failure::Refused(e) | Failure::Panicked(e) => e,
        }
    }
}

/// No reader panicked (only Parquet data pages may: polars' page decoders
/// assert on some damaged pages, beyond what the footer and page-header
/// checks can see; `load` catches that as the reader's failure, natively
/// and in the web build, which unwinds).
fn no_panic(name: &str, outcome: &Result<load::Loaded, Failure>) -> Result<(), TestCaseError> {
    if let Err(Failure::Panicked(e)) = outcome {
        prop_assert!(name.ends_with(".parquet"), "{}", e);
    }
    Ok(())
}

/// Nesting of arrays (`true`) and objects (`false`) as one JSON value.
fn nest(kinds: &[bool]) -> String {
    let mut text = String::new();
    for &array in kinds {
        text.push_str(if array { "[" } else { "{\"k\":" });
    }
    text.push('1');
    for &array in kinds.iter().rev() {
        text.push(if array { ']' } else { '}' });
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600), name in prop::sample::select(NAMES.to_vec()), options in any_options()) {
        no_panic(name, &load_named(name, &bytes, &options))?;
    }

    #[test]
    fn text_like_bytes_never_panic(text in "[a-c0-9,;\"\\n\\r\\t{}\\[\\]:. é]{0,300}", name in prop::sample::select(NAMES.to_vec()), options in any_options()) {
        no_panic(name, &load_named(name, text.as_bytes(), &options))?;
    }

    #[test]
    fn mutated_valid_files_never_panic(which in 0usize..7, cut in any::<prop::sample::Index>(), flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8)) {
        let seeds = seeds();
        let (name, mut bytes) = seeds[which % seeds.len()].clone();
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        bytes.truncate(cut.index(bytes.len() + 1));
        no_panic(name, &load_named(name, &bytes, &LoadOptions::default()))?;
    }

    /// Bytes inserted, deleted and overwritten anywhere in a valid file of
    /// every format.
    #[test]
    fn edited_valid_files_never_panic(which in 0usize..7, edits in prop::collection::vec((0u8..3, any::<prop::sample::Index>(), prop::collection::vec(any::<u8>(), 1..12)), 1..6)) {
        let seeds = seeds();
        let (name, mut bytes) = seeds[which % seeds.len()].clone();
        for (kind, at, run) in edits {
            let i = at.index(bytes.len() + 1);
            match kind {
                0 => { bytes.splice(i..i, run); }
                1 => { bytes.drain(i..(i + run.len()).min(bytes.len())); }
                _ => for (j, b) in run.into_iter().enumerate() {
                    if let Some(x) = bytes.get_mut(i + j) { *x = b; }
                },
            }
        }
        no_panic(name, &load_named(name, &bytes, &LoadOptions::default()))?;
    }

    /// The Parquet footer is the reader's map of the file: overwrite bytes
    /// of the metadata, its length, or both, in flat and nested files.
    #[test]
    fn mutated_parquet_footers_never_panic(nested in any::<bool>(), flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..10), length in prop::option::of(any::<u32>()), cut in prop::option::of(any::<prop::sample::Index>())) {
        let seeds = seeds();
        let name = if nested { "nested.parquet" } else { "items.parquet" };
        let mut bytes = seeds.iter().find(|(n, _)| *n == name).unwrap().1.clone();
        let start = footer_start(&bytes);
        let end = bytes.len() - 8;
        for (at, value) in flips {
            let i = start + at.index(end - start);
            bytes[i] = value;
        }
        if let Some(length) = length {
            bytes[end..end + 4].copy_from_slice(&length.to_le_bytes());
        }
        if let Some(cut) = cut {
            // Drop a piece of the metadata, keeping the closing length and PAR1.
            let i = start + cut.index(end - start);
            bytes.drain(i..end.min(i + 16));
        }
        no_panic(name, &load_named(name, &bytes, &LoadOptions::default()))?;
    }

    /// Any footer at all: random metadata between the magic bytes.
    #[test]
    fn random_parquet_footers_never_panic(meta in prop::collection::vec(any::<u8>(), 0..300), claimed in prop::option::of(any::<u32>())) {
        let mut bytes = b"PAR1".to_vec();
        bytes.extend(&meta);
        bytes.extend(claimed.unwrap_or(meta.len() as u32).to_le_bytes());
        bytes.extend(b"PAR1");
        // No row groups can be read from so little: nothing for a page decoder.
        let outcome = load_named("r.parquet", &bytes, &LoadOptions::default());
        prop_assert!(!matches!(outcome, Err(Failure::Panicked(_))), "{:?}", outcome.err());
    }

    /// The Arrow schema polars reads from a footer (a flatbuffer, base64
    /// in the key-value metadata): random bytes, or a valid one of any depth
    /// and fan-out with bytes overwritten.
    #[test]
    fn arrow_schemas_in_footers_never_panic(random in prop::collection::vec(any::<u8>(), 0..200), levels in 0usize..(MAX_DEPTH + 8), fan_out in 1usize..4, flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6)) {
        let outcome = load_named("a.parquet", &hostile::parquet_file(0, 1, Some(&random)), &LoadOptions::default());
        prop_assert!(!matches!(outcome, Err(Failure::Panicked(_))), "{:?}", outcome.err());
        let mut schema = hostile::arrow_schema(levels, fan_out);
        let clean = flips.is_empty();
        for (at, value) in flips {
            let i = at.index(schema.len());
            schema[i] = value;
        }
        let outcome = load_named("b.parquet", &hostile::parquet_file(0, 1, Some(&schema)), &LoadOptions::default());
        prop_assert!(!matches!(outcome, Err(Failure::Panicked(_))), "{:?}", outcome.err());
        if clean {
            // Untouched: read when within both limits, else refused for one.
            let fields = (0..=levels as u32).fold(0u64, |n, l| n.saturating_add((fan_out as u64).saturating_pow(l)));
            let fits = levels < MAX_DEPTH && fields <= 2 * load::parquet::MAX_COLUMNS as u64;
            match &outcome {
                Ok(_) => prop_assert!(fits),
                Err(e) => prop_assert!(!fits && e.message().contains("Arrow schema"), "{}", e.message()),
            }
        }
    }

    /// Nesting of any shape loads exactly when a row is at most MAX_DEPTH
    /// deep (its object is level 1), in JSON and in JSON Lines; deeper, the
    /// error is at the opening bracket one too deep.
    #[test]
    fn json_nesting_is_read_up_to_the_limit(kinds in prop::collection::vec(any::<bool>(), 0..(MAX_DEPTH + 40)), lines in any::<bool>(), flatten in any::<bool>()) {
        let value = nest(&kinds);
        let (name, text, depth, column) = if lines {
            let text = format!("{{\"id\":1}}\n{{\"v\":{value}}}\n");
            ("n.jsonl", text, kinds.len() + 1, 6)
        } else {
            ("n.json", format!("[{{\"v\":{value}}}]"), kinds.len() + 1, 7)
        };
        let options = LoadOptions { flatten, ..LoadOptions::default() };
        let outcome = load_named(name, text.as_bytes(), &options);
        if depth <= MAX_DEPTH {
            prop_assert!(outcome.is_ok(), "{:?}", outcome.err());
        } else {
            let err = outcome.err().map(|e| e.message().to_string()).unwrap_or_default();
            // The column of the opener at depth MAX_DEPTH + 1.
            let before = MAX_DEPTH - (depth - kinds.len());
            let column = column + kinds[..before].iter().map(|&a| if a { 1 } else { 5 }).sum::<usize>();
            let line = if lines { 2 } else { 1 };
            let at = format!("{name}: line {line}, column {column}: ");
            prop_assert!(err.starts_with(&at), "{} (expected {})", err, at);
            prop_assert!(err.contains("levels deep"), "{}", err);
        }
    }

    /// Brackets and quotes in any order, deep or not, closed or not.
    #[test]
    fn bracket_soup_never_panics(parts in prop::collection::vec(prop::sample::select(vec!["[", "]", "{", "}", "{\"a\":", "\"", "\\", "1", ",", "\n", "\"[[{\""]), 0..400), repeat in 1usize..300, name in prop::sample::select(vec!["s.json", "s.jsonl"])) {
        let text = parts.concat().repeat(repeat);
        no_panic(name, &load_named(name, text.as_bytes(), &LoadOptions::default()))?;
    }

    /// No data is lost: any table of text written as CSV reads back equal.
    #[test]
    fn csv_text_round_trips(rows in prop::collection::vec(prop::collection::vec("[^\u{0}\r]{1,12}", 3), 1..20)) {
        let mut writer = csv::WriterBuilder::new().quote_style(csv::QuoteStyle::Always).from_writer(Vec::new());
        writer.write_record(["c0", "c1", "c2"]).unwrap();
        for row in &rows {
            writer.write_record(row).unwrap();
        }
        let bytes = writer.into_inner().unwrap();
        let options = LoadOptions { text_columns: vec!["c0".into(), "c1".into(), "c2".into()], delimiter: Some(b','), ..LoadOptions::default() };
        let loaded = load::load("t.csv", &bytes, &options).unwrap();
        prop_assert_eq!(loaded.frame.height(), rows.len());
        for (c, name) in ["c0", "c1", "c2"].iter().enumerate() {
            let column = loaded.frame.column(name).unwrap().str().unwrap().clone();
            for (r, row) in rows.iter().enumerate() {
                prop_assert_eq!(column.get(r), Some(row[c].as_str()));
            }
        }
    }
}

#[test]
fn corpus_files_load_or_fail_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".rs") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let result = load_named(&name, &bytes, &LoadOptions::default());
        // Its damaged page makes polars' decoder assert, which `load`
        // catches (cases.rs checks the same in the browser).
        let caught = name == "bad_data_page.parquet";
        assert_eq!(
            matches!(result, Err(Failure::Panicked(_))),
            caught,
            "{name}: {:?}",
            result.err()
        );
        if name.starts_with("ok_") {
            assert!(result.is_ok(), "{name}: {:?}", result.err());
        } else if name.starts_with("bad_") {
            let err = result.err().unwrap_or_else(|| panic!("{name} should be refused"));
            let err = err.message();
            assert!(err.starts_with(&name), "{name}: the error names the file: {err}");
        }
        seen += 1;
    }
    assert!(seen >= 30, "corpus has {seen} files");
}

/// The generated hostile files, natively (`cases.rs` has them in wasm32).
#[test]
fn generated_hostile_files_load_or_fail_cleanly() {
    use hostile::Expect;
    let files = hostile::files(MAX_DEPTH, load::parquet::MAX_SCHEMA_DEPTH, load::parquet::MAX_COLUMNS);
    for (name, bytes, expect) in files {
        let outcome = load_named(&name, &bytes, &LoadOptions::default());
        match (expect, outcome) {
            (Expect::Rows(rows), Ok(loaded)) => assert_eq!(loaded.frame.height(), rows, "{name}"),
            (Expect::Refused(why), Err(Failure::Refused(e))) => assert!(e.contains(why), "{name}: {e}"),
            (_, Err(e)) => panic!("{name}: {e:?}"),
            (Expect::Refused(_), Ok(_)) => panic!("{name} should be refused"),
        }
    }
}
