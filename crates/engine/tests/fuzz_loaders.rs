//! Property-based fuzzing of the loaders (native): whatever the bytes, a load
//! returns a table or an error — it never panics (a panic in wasm kills the
//! page). Failing inputs are kept by proptest in
//! `fuzz_loaders.proptest-regressions`; hand-made tricky files live in
//! `corpus/` (`ok_*` must load, `bad_*` must be refused, others either).
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use dataplay_api::{Encoding, FileFormat, LoadOptions};
use dataplay_engine::{export, load, samples};
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

/// Valid files of every format, to be mutated.
fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let mut frame = samples::retail::tables(5, 60).unwrap().remove(1).1;
    let mut out = vec![
        ("items.csv", export::to_bytes(&mut frame, FileFormat::Csv).unwrap()),
        (
            "items.parquet",
            export::to_bytes(&mut frame, FileFormat::Parquet).unwrap(),
        ),
        ("items.jsonl", export::to_bytes(&mut frame, FileFormat::Jsonl).unwrap()),
    ];
    for (name, bytes) in samples::media::files(5, 20) {
        let name: &'static str = Box::leak(name.into_boxed_str());
        out.push((name, bytes));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600), name in prop::sample::select(NAMES.to_vec()), options in any_options()) {
        let _ = load::load(name, &bytes, &options);
    }

    #[test]
    fn text_like_bytes_never_panic(text in "[a-c0-9,;\"\\n\\r\\t{}\\[\\]:. é]{0,300}", name in prop::sample::select(NAMES.to_vec()), options in any_options()) {
        let _ = load::load(name, text.as_bytes(), &options);
    }

    #[test]
    fn mutated_valid_files_never_panic(which in 0usize..6, cut in any::<prop::sample::Index>(), flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8)) {
        let seeds = seeds();
        let (name, mut bytes) = seeds[which % seeds.len()].clone();
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        bytes.truncate(cut.index(bytes.len() + 1));
        let _ = load::load(name, &bytes, &LoadOptions::default());
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
        let bytes = std::fs::read(&path).unwrap();
        let result = load::load(&name, &bytes, &LoadOptions::default());
        if name.starts_with("ok_") {
            assert!(result.is_ok(), "{name}: {}", result.err().unwrap());
        } else if name.starts_with("bad_") {
            let err = result
                .err()
                .unwrap_or_else(|| panic!("{name} should be refused"))
                .to_string();
            assert!(err.starts_with(&name), "{name}: the error names the file: {err}");
        }
        seen += 1;
    }
    assert!(seen >= 10, "corpus has {seen} files");
}
