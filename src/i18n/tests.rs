//! The catalogs against each other and against the engine's own English:
//! every message in both languages, with the same arguments; every code the
//! engine can send has a message; English renders as the engine's words.

use std::collections::{BTreeMap, BTreeSet};

use dataplay_api::{Coded, Fault, Problem, Subject};
use fluent_bundle::FluentResource;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::catalog::FILES;
use super::{I18n, Lang};

/// Message id → the variables it uses (with those of the messages it refers to).
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let mut own: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    for (l, name, text) in FILES {
        if l != lang {
            continue;
        }
        let resource = FluentResource::try_new(text.to_string())
            .unwrap_or_else(|(_, errors)| panic!("{}/{name}: {errors:?}", lang.code()));
        for entry in resource.entries() {
            if let Entry::Message(m) = entry {
                let mut found = (BTreeSet::new(), BTreeSet::new());
                if let Some(p) = &m.value {
                    walk(p, &mut found);
                }
                assert!(
                    own.insert(m.id.name.to_string(), found).is_none(),
                    "{} twice",
                    m.id.name
                );
            }
        }
    }
    let resolve = |id: &str| {
        let mut vars = BTreeSet::new();
        let mut todo = vec![id.to_string()];
        let mut seen = BTreeSet::new();
        while let Some(id) = todo.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            let (v, refs) = own
                .get(&id)
                .unwrap_or_else(|| panic!("{}: no message {id}", lang.code()));
            vars.extend(v.iter().cloned());
            todo.extend(refs.iter().cloned());
        }
        vars
    };
    own.keys().map(|id| (id.clone(), resolve(id))).collect()
}

fn walk(pattern: &Pattern<&str>, found: &mut (BTreeSet<String>, BTreeSet<String>)) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, found);
        }
    }
}

fn expression_vars(e: &Expression<&str>, found: &mut (BTreeSet<String>, BTreeSet<String>)) {
    match e {
        Expression::Select { selector, variants } => {
            inline_vars(selector, found);
            for v in variants {
                walk(&v.value, found);
            }
        }
        Expression::Inline(i) => inline_vars(i, found),
    }
}

fn inline_vars(e: &InlineExpression<&str>, found: &mut (BTreeSet<String>, BTreeSet<String>)) {
    match e {
        InlineExpression::VariableReference { id } => {
            found.0.insert(id.name.to_string());
        }
        InlineExpression::MessageReference { id, .. } => {
            found.1.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, found),
        _ => {}
    }
}

#[test]
fn both_languages_have_every_message_with_the_same_arguments() {
    let (en, vi) = (messages(Lang::En), messages(Lang::Vi));
    let missing: Vec<&String> = en.keys().filter(|k| !vi.contains_key(*k)).collect();
    assert!(missing.is_empty(), "not in Vietnamese: {missing:?}");
    let extra: Vec<&String> = vi.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(extra.is_empty(), "only in Vietnamese: {extra:?}");
    for (id, vars) in &en {
        assert_eq!(&vi[id], vars, "{id}: the languages use different arguments");
    }
}

/// The variant names of `enum <name>` in an api source file, as serde
/// spells them (snake_case).
fn variants(source: &str, name: &str) -> Vec<String> {
    let start = source
        .find(&format!("pub enum {name} {{"))
        .unwrap_or_else(|| panic!("no enum {name}"));
    let body = &source[start..];
    let body = &body[..body.find("\n}\n").unwrap_or(body.len())];
    body.lines()
        .filter(|l| l.starts_with("    ") && !l.starts_with("     "))
        .map(str::trim)
        .filter(|l| l.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(|l| l.split([' ', '{', ',', '(']).next().unwrap_or_default())
        .map(|v| {
            let mut out = String::new();
            for (i, c) in v.chars().enumerate() {
                if c.is_ascii_uppercase() {
                    if i > 0 {
                        out.push('_');
                    }
                    out.push(c.to_ascii_lowercase());
                } else {
                    out.push(c);
                }
            }
            out
        })
        .collect()
}

#[test]
fn every_code_the_engine_sends_has_a_message() {
    let en = messages(Lang::En);
    let fault = include_str!("../../crates/api/src/fault.rs");
    let problem = include_str!("../../crates/api/src/problem.rs");
    let summary = include_str!("../../crates/api/src/summary.rs");
    let mut wanted: Vec<String> = vec![];
    wanted.extend(variants(fault, "Fault").into_iter().map(|v| format!("fault-{v}")));
    wanted.extend(variants(fault, "Subject").into_iter().map(|v| format!("subject-{v}")));
    wanted.extend(variants(problem, "Problem").into_iter().map(|v| format!("problem-{v}")));
    wanted.extend(variants(summary, "LoadNote").into_iter().map(|v| format!("note-{v}")));
    let etl = include_str!("../../crates/api/src/etl.rs");
    let lake = include_str!("../../crates/api/src/lake.rs");
    for (source, name, prefix) in [
        (etl, "Bound", "bound"),
        (etl, "Finding", "finding"),
        (etl, "SampleColumn", "sample-column"),
        (etl, "DropReason", "drop"),
        (lake, "RejectReason", "reject"),
        (lake, "Explanation", "explain"),
    ] {
        let found = variants(source, name);
        assert!(found.len() >= 2, "{name}: {found:?}");
        wanted.extend(found.into_iter().map(|v| format!("{prefix}-{v}")));
    }
    assert!(wanted.len() > 190, "{wanted:?}");
    let missing: Vec<&String> = wanted.iter().filter(|id| !en.contains_key(*id)).collect();
    assert!(missing.is_empty(), "no message for {missing:?}");
}

#[test]
fn english_says_what_the_engine_says() {
    let en = I18n::new(Lang::En);
    let faults = [
        Fault::QuoteNeverClosed,
        Fault::FieldCount { found: 3, expected: 2 },
        Fault::NotUtf8 { byte: 0xE9 },
        Fault::NoColumn {
            column: "x".into(),
            have: vec!["a".into(), "b".into()],
        },
        Fault::CannotReadValue {
            column: "day".into(),
            row: 12_345,
            value: "soon".into(),
            kind: dataplay_api::fault::ValueKind::Date,
        },
        Fault::LakePath(dataplay_api::fault::PathFault::NoZone {
            zones: vec!["raw".into(), "curated".into()],
        }),
        Fault::ReaderFailed {
            format: dataplay_api::FileFormat::Parquet,
            detail: "oops".into(),
        },
        Fault::NulText {
            field: "check_name".into(),
            text: "a".into(),
        },
        Fault::OrderedWindow { function: "LAG".into() },
        Fault::CopyNoFiles {
            table: "fact".into(),
            path: "curated/video_performance".into(),
            writer: dataplay_api::fault::Writer::GlueJob {
                job: "video_performance".into(),
            },
        },
        Fault::CopyNoFiles {
            table: "fact".into(),
            path: "curated/none".into(),
            writer: dataplay_api::fault::Writer::Unknown,
        },
    ];
    for fault in faults {
        let problem = Problem::Invalid {
            subject: Subject::GlueJob("daily".into()),
            fault: Coded::new(&fault),
        };
        let mut engine = format!("Glue job daily: {fault}");
        if let Fault::CannotReadValue { .. } = fault {
            engine = engine.replace("12345", "12,345"); // the page groups large numbers
        }
        assert_eq!(crate::words::problem(&en, &problem), engine);
    }
}

#[test]
fn english_words_the_etl_and_warehouse_results_as_the_engine_does() {
    use dataplay_api::etl::{Bound, DropReason, Finding, PerDay, SampleColumn};
    use dataplay_api::lake::{Explanation, RejectReason};
    let (en, vi) = (I18n::new(Lang::En), I18n::new(Lang::Vi));
    let findings = [
        Finding::NoDays,
        Finding::EveryDayAtLeast {
            what: PerDay::Rows,
            min: 1000.0,
            lowest: 1024.0,
            day: "2024-01-05".into(),
        },
        Finding::DaysBelow {
            what: PerDay::Revenue,
            below: 3,
            days: 91,
            min: 50_000_000.0,
            lowest: 48_123_456.785,
            day: "2024-02-03".into(),
        },
        Finding::NoNulls {
            columns: vec!["product_id".into()],
        },
        Finding::RowsWithNulls {
            rows: 13_500,
            columns: vec!["product_id".into(), "customer_id".into()],
        },
    ];
    for f in &findings {
        assert_eq!(crate::words::finding(&en, f), f.to_string());
        assert_ne!(crate::words::finding(&vi, f), f.to_string());
    }
    for b in [Bound::AtLeast { value: 1000.0 }, Bound::AtMost { value: 0.0 }] {
        assert_eq!(crate::words::bound(&en, &b), b.to_string());
    }
    for c in [SampleColumn::Day, SampleColumn::FactSalesRow, SampleColumn::NullIn] {
        assert_eq!(crate::words::sample_column(&en, c), c.to_string());
    }
    let drops = [
        DropReason::NullKey {
            column: "product_id".into(),
        },
        DropReason::TransactionStatus {
            status: "cancelled".into(),
        },
        DropReason::NoStockRow,
        DropReason::QuantityNotPositive,
        DropReason::FilteredBySql,
    ];
    for d in &drops {
        assert_eq!(crate::words::drop_reason(&en, d), d.to_string());
        assert_ne!(crate::words::drop_reason(&vi, d), d.to_string());
    }
    let rejects = [
        RejectReason::NotValid {
            column: "date_id".into(),
            declared: "INTEGER".into(),
        },
        RejectReason::TooLong {
            column: "video_id".into(),
            max: 50,
        },
        RejectReason::DoesNotFit {
            column: "engagement_score".into(),
            declared: "DECIMAL(5,4)".into(),
        },
        RejectReason::DuplicateKey {
            column: "user_id".into(),
        },
    ];
    for r in &rejects {
        assert_eq!(crate::words::reject_reason(&en, r), r.to_string());
    }
    let explained = [
        Explanation::DistKey {
            column: "video_id".into(),
        },
        Explanation::DistAll,
        Explanation::SortKey {
            columns: vec!["date_id".into(), "video_id".into()],
        },
    ];
    for e in &explained {
        assert_eq!(crate::words::explanation(&en, e), e.to_string());
    }
}

#[test]
fn vietnamese_words_problems_in_vietnamese() {
    let vi = I18n::new(Lang::Vi);
    let p = Problem::FileAt {
        file: "đơn hàng.csv".into(),
        line: 3,
        column: 7,
        fault: Coded::new(&Fault::FieldCount { found: 3, expected: 2 }),
    };
    let text = crate::words::problem(&vi, &p);
    assert!(
        text.contains("đơn hàng.csv") && text.contains('3') && text.contains('7'),
        "{text}"
    );
    assert_ne!(text, crate::words::problem(&I18n::new(Lang::En), &p));
    assert!(!text.contains("fault-") && !text.contains("problem-"), "{text}");
}

#[test]
fn numbers_and_sizes_read_as_each_language_writes_them() {
    let (en, vi) = (I18n::new(Lang::En), I18n::new(Lang::Vi));
    assert_eq!(vi.number(1_234_567.0), "1.234.567");
    assert_eq!(en.number(1_234_567.0), "1,234,567");
    assert_eq!(vi.number(1.5), "1,5");
    assert_eq!(en.number(2024.0), "2024");
    assert_eq!(vi.bytes(1_500_000), "1,5 MB");
    assert_eq!(en.bytes(1_500_000), "1.5 MB");
    // Counts in the page's sentences: English as it always wrote them.
    assert_eq!(en.count(12_345.0), "12345");
    assert_eq!(vi.count(12_345.4), "12.345");
    assert_eq!(en.bytes(1_500_000_000), "1.5 GB");
}

#[test]
fn durations_read_as_each_language_writes_them() {
    let (en, vi) = (I18n::new(Lang::En), I18n::new(Lang::Vi));
    assert_eq!(vi.duration(1500.0), "1,5 s");
    assert_eq!(en.duration(1500.0), "1.5 s");
    assert_eq!(vi.duration(2.54), "2,5 ms");
    assert_eq!(en.duration(849.6), "850 ms");
    assert_eq!(vi.duration(999.4), "999 ms");
    assert_eq!(en.duration(1000.0), "1 s");
    assert_eq!(vi.duration(90_400.0), "90 s");
    assert_eq!(vi.duration(12_345_000.0), "12.345 s");
}

#[test]
fn the_language_follows_the_url_then_the_last_choice_then_the_browser() {
    let browser = vec!["fr-FR".to_string(), "vi-VN".to_string()];
    assert_eq!(Lang::choose(Some("en"), Some("vi"), &browser), Lang::En);
    assert_eq!(Lang::choose(Some("xx"), Some("vi"), &[]), Lang::Vi);
    assert_eq!(Lang::choose(None, None, &browser), Lang::Vi);
    assert_eq!(Lang::choose(None, None, &["de".into()]), Lang::En);
}

/// The CAP page's codes (scenarios, modes, operations, outcomes, message
/// kinds, the services table): each variant has its message in both
/// languages, and English reads as the CLI's `Display`.
#[test]
fn every_cap_code_has_a_message_in_both_languages() {
    use crate::pages::cap::words;
    use dataplay_api::cap::{
        CapClass, CheckVerdict, Consistency, MessageKind, OpAction, OpOutcome, OpView, RunMode, ScenarioKey, UseCase,
    };
    let cap = include_str!("../../crates/api/src/cap.rs");
    let kebab = |v: String| v.replace('_', "-");
    let mut wanted: Vec<String> = vec![];
    for (enumeration, prefixes) in [
        ("ScenarioKey", &["cap-scenario-", "cap-story-"][..]),
        ("RunMode", &["cap-mode-"]),
        ("OpAction", &["cap-op-"]),
        ("OpOutcome", &["cap-outcome-"]),
        ("MessageKind", &["cap-message-"]),
        ("CapClass", &["cap-class-"]),
        ("Consistency", &["cap-consistency-"]),
        ("UseCase", &["cap-use-case-"]),
    ] {
        let found = variants(cap, enumeration);
        assert!(!found.is_empty(), "{enumeration}");
        for v in found {
            wanted.extend(prefixes.iter().map(|p| format!("{p}{}", kebab(v.clone()))));
        }
    }
    for v in variants(cap, "CheckVerdict") {
        wanted.push(
            match v.as_str() {
                "linearizable" => "cap-linearizable",
                "not_linearizable" => "cap-not-linearizable-since",
                "undecided" => "cap-undecided",
                other => panic!("CheckVerdict::{other} has no heading"),
            }
            .to_string(),
        );
    }
    assert!(wanted.len() > 40, "{wanted:?}");
    for lang in [Lang::En, Lang::Vi] {
        let catalog = messages(lang);
        let missing: Vec<&String> = wanted.iter().filter(|id| !catalog.contains_key(*id)).collect();
        assert!(missing.is_empty(), "{}: no message for {missing:?}", lang.code());
    }

    let (en, vi) = (I18n::new(Lang::En), I18n::new(Lang::Vi));
    for s in ScenarioKey::ALL {
        assert_eq!(words::scenario_title(&en, s), s.to_string());
        assert_eq!(words::scenario_story(&en, s), s.story());
        assert_ne!(words::scenario_story(&vi, s), s.story(), "{s:?} in Vietnamese");
    }
    for m in [
        RunMode::Cp,
        RunMode::Ap,
        RunMode::ApSiblings,
        RunMode::Quorum { n: 3, r: 2, w: 2 },
    ] {
        assert_eq!(words::mode(&en, &m), m.to_string());
    }
    let actions = [
        OpAction::Read,
        OpAction::ReadValue { value: "3".into() },
        OpAction::ReadSiblings {
            values: vec!["1".into(), "2".into()],
        },
        OpAction::Write {
            value: r#"{"a":1}"#.into(),
        },
        OpAction::Cas {
            from: "1".into(),
            to: "2".into(),
        },
    ];
    for a in &actions {
        assert_eq!(words::action(&en, a), a.to_string());
    }
    assert_eq!(words::action(&vi, &actions[1]), "đọc → 3");
    for k in [
        MessageKind::Query,
        MessageKind::QueryReply,
        MessageKind::Store,
        MessageKind::StoreAck,
    ] {
        assert_eq!(words::message_kind(&en, k), k.to_string());
    }
    for c in [CapClass::Cp, CapClass::Ap] {
        assert_eq!(words::cap_class(&en, c), c.to_string());
    }
    let consistency = [
        Consistency::EventualStrongOnRequest,
        Consistency::StrongInRegion,
        Consistency::StrongConfigurableReads,
        Consistency::EventualClusterMode,
    ];
    for c in consistency {
        assert_eq!(words::consistency(&en, c), c.to_string());
    }
    let cases = [UseCase::Oltp, UseCase::Financial];
    assert_eq!(words::use_cases(&en, &cases), "OLTP applications, financial systems");
    assert_eq!(words::use_cases(&vi, &cases), "ứng dụng OLTP, hệ thống tài chính");
    let op = |outcome, stale| OpView {
        client: 0,
        node: 0,
        key: "k".into(),
        action: OpAction::Read,
        outcome,
        invoke_ms: 0.0,
        complete_ms: Some(1.0),
        stale,
        in_violation: false,
    };
    for o in [OpOutcome::Ok, OpOutcome::Fail, OpOutcome::Info] {
        assert_eq!(words::outcome(&en, &op(o, false)), o.to_string());
    }
    assert_eq!(words::outcome(&vi, &op(OpOutcome::Ok, true)), "dữ liệu cũ");
    // The verdict as of a time: no violation before it happened.
    let v = CheckVerdict::NotLinearizable {
        key: "k".into(),
        op: 0,
        since_ms: 650.0,
        involved: vec![0],
        placed: 0,
        state: "null".into(),
    };
    assert_eq!(words::verdict_heading(&en, &v, 0.0), "Linearizable so far");
    assert_eq!(words::verdict_heading(&en, &v, 650.0), "Not linearizable since 650 ms");
    assert_eq!(
        words::verdict_heading(&vi, &v, 700.0),
        "Không còn linearizable từ 650 ms"
    );
}
