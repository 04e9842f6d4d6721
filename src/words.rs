//! How the page words what the engine reports — problems (errors as data),
//! progress stages, loader notes — and what the page itself is doing
//! (tasks, notices), in the reader's language: each is a catalog message
//! named after its code (`problem-file_at`, `fault-quote_never_closed`,
//! `note-kept_as_text`…) with the data's fields as its arguments.

use dataplay_api::etl::{CheckStatus, EtlMode, EtlReport, Stopped};
use dataplay_api::{LoadNote, Problem, Progress, SampleKind, SampleSpec, Stage};
use serde_json::{json, Value};

use crate::i18n::{Args, I18n};
use crate::state::{LakeTask, Notice, Task};

/// The serde tag of an enum the engine sends (`code`, `note`).
fn tagged(data: &Value, tag: &str) -> String {
    data.get(tag).and_then(Value::as_str).unwrap_or_default().to_string()
}

pub fn problem(i18n: &I18n, p: &Problem) -> String {
    let mut data = serde_json::to_value(p).unwrap_or_default();
    // Sizes read as sizes, in the reader's decimal separator.
    for key in ["size", "limit", "needed"] {
        if let Some(n) = data.get(key).and_then(Value::as_u64) {
            data[key] = json!(i18n.bytes(n));
        }
    }
    if let Some(Value::Object(fault)) = data.get_mut("fault") {
        // `NotUtf8`'s byte, as it is written in a hex editor.
        if let Some(byte) = fault.get("byte").and_then(Value::as_u64) {
            fault.insert("byte".into(), json!(format!("0x{byte:02X}")));
        }
    }
    let id = match p {
        Problem::FileUnreadable { detail: Some(_), .. } => "problem-file_unreadable-detail".to_string(),
        _ => format!("problem-{}", tagged(&data, "code")),
    };
    i18n.t_data(&id, &data)
}

/// Why an ETL run stopped, if it did (the English is
/// `EtlReport::stopped_because`'s, the CLI's): the ETL page's and the
/// connector panel's banner.
pub fn stopped(i18n: &I18n, report: &EtlReport) -> Option<String> {
    let Stopped::QualityGate { mode, checks } = report.failed.as_ref()?;
    let failed: Vec<String> = report
        .quality
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail && checks.contains(&c.name))
        .map(|c| {
            let args = Args::new()
                .text("name", c.name.clone())
                .text("observed", c.observed.to_string())
                .text("expected", c.expected.clone())
                .text("detail", c.detail.clone());
            i18n.t_with("etl-stopped-check", &args)
        })
        .collect();
    let mode = match mode {
        EtlMode::Etl => "etl",
        EtlMode::Elt => "elt",
    };
    let args = Args::new().text("mode", mode).text("checks", failed.join("; "));
    Some(i18n.t_with("etl-stopped", &args))
}

/// A loader's note on a dataset.
pub fn note(i18n: &I18n, n: &LoadNote) -> String {
    let mut data = serde_json::to_value(n).unwrap_or_default();
    if let LoadNote::DelimiterDetected { delimiter } = n {
        data["kind"] = json!(dataplay_api::summary::delimiter_kind(*delimiter));
    }
    i18n.t_data(&format!("note-{}", tagged(&data, "note")), &data)
}

fn sample(i18n: &I18n, spec: &SampleSpec) -> String {
    let id = match spec.kind {
        SampleKind::Retail => "sample-retail",
        SampleKind::Media => "sample-media",
    };
    let args = Args::new()
        .text("seed", spec.seed.to_string())
        .number("size", spec.size as f64);
    i18n.t_with(id, &args)
}

/// The progress bar's line.
pub fn progress(i18n: &I18n, p: &Progress) -> String {
    let counted = p.steps > 1
        || matches!(
            p.stage,
            Stage::Reading { .. } | Stage::Parsing { .. } | Stage::Generating { .. } | Stage::Ingesting { .. }
        );
    let message = match &p.stage {
        Stage::Reading { file } | Stage::Ingesting { file } => {
            i18n.t_with("progress-reading", &Args::new().text("file", file))
        }
        Stage::Parsing { file } => i18n.t_with("progress-parsing", &Args::new().text("file", file)),
        Stage::Generating { sample: spec } => {
            i18n.t_with("progress-generating", &Args::new().text("sample", sample(i18n, spec)))
        }
        Stage::Rereading { dataset } => i18n.t_with("progress-rereading", &Args::new().text("dataset", dataset)),
        Stage::RunningEtl => i18n.t("progress-running_etl"),
        Stage::Lake => i18n.t("progress-lake"),
    };
    if !counted {
        return message;
    }
    let args = Args::new()
        .text("message", message)
        .number("step", p.step as f64)
        .number("steps", p.steps as f64);
    i18n.t_with("progress-step", &args)
}

/// What the page is waiting for, before the engine says more.
pub fn task(i18n: &I18n, t: &Task) -> String {
    match t {
        Task::Loading(files) => i18n.t_with("task-loading", &Args::new().text("files", files.join(", "))),
        Task::Generating => i18n.t("task-generating"),
        Task::Rereading(dataset) => i18n.t_with("task-rereading", &Args::new().text("dataset", dataset)),
        Task::Etl => i18n.t("task-etl"),
        Task::Lake(LakeTask::List) => i18n.t("task-lake-list"),
        Task::Lake(LakeTask::LoadSample) => i18n.t("task-lake-load_sample"),
        Task::Lake(LakeTask::Glue) => i18n.t("task-lake-glue"),
        Task::Lake(LakeTask::LakeSql) => i18n.t("task-lake-lake_sql"),
        Task::Lake(LakeTask::WarehouseSql) => i18n.t("task-lake-warehouse_sql"),
        Task::Ingesting(n) => i18n.t_with("task-ingesting", &Args::new().number("count", *n as f64)),
        Task::Restoring => i18n.t("task-restoring"),
    }
}

pub fn notice(i18n: &I18n, n: &Notice) -> String {
    let why = |id: &str, why: &str| i18n.t_with(id, &Args::new().text("why", why));
    match n {
        Notice::Problem(p) => problem(i18n, p),
        Notice::Cancelled(t) => i18n.t_with("notice-cancelled", &Args::new().text("task", task(i18n, t))),
        Notice::RestoreFailed => i18n.t("notice-restore_failed"),
        Notice::EngineDied(w) => why("notice-engine_died", w),
        Notice::EngineUnavailable(w) => why("notice-engine_unavailable", w),
        Notice::Unreadable(w) => why("notice-unreadable", w),
        Notice::Unreachable(w) => why("notice-unreachable", w),
        Notice::DownloadFailed { file, why } => i18n.t_with(
            "notice-download_failed",
            &Args::new().text("file", file).text("why", why),
        ),
    }
}

#[cfg(test)]
mod tests {
    use dataplay_api::etl::{CheckResult, QualityReport, Severity};

    use dataplay_api::etl::{CheckStatus, EtlMode, EtlReport, Stopped};

    use super::*;
    use crate::i18n::Lang;

    fn check(name: &str, status: CheckStatus) -> CheckResult {
        CheckResult {
            name: name.into(),
            severity: Severity::Fail,
            status,
            observed: 812.5,
            expected: ">= 1000".into(),
            detail: "lowest on 2024-01-03".into(),
            sample_columns: vec![],
            sample: vec![],
        }
    }

    #[test]
    fn the_stop_reads_in_english_as_the_engine_says_it() {
        for mode in [EtlMode::Etl, EtlMode::Elt] {
            let report = EtlReport {
                quality: QualityReport {
                    passed: false,
                    skipped: false,
                    checks: vec![
                        check("A", CheckStatus::Fail),
                        check("B", CheckStatus::Pass),
                        check("C", CheckStatus::Fail),
                    ],
                },
                failed: Some(Stopped::QualityGate {
                    mode,
                    checks: vec!["A".into(), "C".into()],
                }),
                ..Default::default()
            };
            assert_eq!(stopped(&I18n::new(Lang::En), &report), report.stopped_because());
            let vi = stopped(&I18n::new(Lang::Vi), &report).unwrap();
            assert!(vi.starts_with("Kiểm tra chất lượng dữ liệu không đạt — "), "{vi}");
        }
        assert_eq!(stopped(&I18n::new(Lang::En), &EtlReport::default()), None);
    }
}
