//! How the page words what the engine reports — problems (errors as data),
//! progress stages, loader notes — and what the page itself is doing
//! (tasks, notices), in the reader's language: each is a catalog message
//! named after its code (`problem-file_at`, `fault-quote_never_closed`,
//! `note-kept_as_text`…) with the data's fields as its arguments.

use dataplay_api::etl::{
    Bound, CheckFix, CheckRule, CheckSpec, CheckStatus, DropReason, EtlMode, EtlReport, Finding, PerDay, SampleColumn,
    Stopped,
};
use dataplay_api::lake::{Explanation, RejectReason};
use dataplay_api::{LoadNote, Origin, Problem, Progress, SampleKind, SampleSpec, Stage};
use serde_json::{json, Value};

use crate::i18n::{Args, I18n, Lang};
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

/// A figure in a check's sentence: as the engine's English writes it
/// (`964`, `48123456.78`), in Vietnamese grouped and with a decimal comma.
pub fn figure(i18n: &I18n, v: f64) -> String {
    let english = dataplay_api::etl::figure(v);
    match i18n.lang() {
        Lang::En => english,
        Lang::Vi if v.fract() == 0.0 => i18n.number(v),
        Lang::Vi => english.replace('.', ","),
    }
}

fn columns(i18n: &I18n, columns: &[String]) -> String {
    columns.join(&format!(" {} ", i18n.t("etl-rule-or")))
}

/// What a check expects (`>= 1000`).
pub fn bound(i18n: &I18n, b: &Bound) -> String {
    let (id, value) = match b {
        Bound::AtLeast { value } => ("bound-at_least", value),
        Bound::AtMost { value } => ("bound-at_most", value),
    };
    i18n.t_with(id, &Args::new().text("value", figure(i18n, *value)))
}

/// What a check found.
pub fn finding(i18n: &I18n, f: &Finding) -> String {
    let what = |w: &PerDay| match w {
        PerDay::Rows => "rows",
        PerDay::Revenue => "revenue",
    };
    match f {
        Finding::NoDays => i18n.t("finding-no_days"),
        Finding::EveryDayAtLeast {
            what: w,
            min,
            lowest,
            day,
        } => i18n.t_with(
            "finding-every_day_at_least",
            &Args::new()
                .text("what", what(w))
                .text("min", figure(i18n, *min))
                .text("lowest", figure(i18n, *lowest))
                .text("day", day.clone()),
        ),
        Finding::DaysBelow {
            what: w,
            below,
            days,
            min,
            lowest,
            day,
        } => i18n.t_with(
            "finding-days_below",
            &Args::new()
                .text("what", what(w))
                .text("below", i18n.count(*below as f64))
                .text("days", i18n.count(*days as f64))
                .text("min", figure(i18n, *min))
                .text("lowest", figure(i18n, *lowest))
                .text("day", day.clone()),
        ),
        Finding::NoNulls { columns: c } => {
            i18n.t_with("finding-no_nulls", &Args::new().text("columns", columns(i18n, c)))
        }
        Finding::RowsWithNulls { rows, columns: c } => i18n.t_with(
            "finding-rows_with_nulls",
            &Args::new()
                .text("rows", i18n.count(*rows as f64))
                .text("columns", columns(i18n, c)),
        ),
    }
}

/// A header of a check's sample table.
pub fn sample_column(i18n: &I18n, c: SampleColumn) -> String {
    let code = serde_json::to_value(c).unwrap_or_default();
    i18n.t(&format!("sample-column-{}", code.as_str().unwrap_or_default()))
}

/// Why rows left a stage.
pub fn drop_reason(i18n: &I18n, r: &DropReason) -> String {
    i18n.t_data(
        &format!("drop-{}", r.code()),
        &serde_json::to_value(r).unwrap_or_default(),
    )
}

/// What a stage does, from its name.
pub fn stage_about(i18n: &I18n, name: &str) -> String {
    i18n.t(&format!("etl-about-{name}"))
}

/// Why a warehouse load rejected rows.
pub fn reject_reason(i18n: &I18n, r: &RejectReason) -> String {
    let data = serde_json::to_value(r).unwrap_or_default();
    i18n.t_data(&format!("reject-{}", tagged(&data, "why")), &data)
}

/// What a declared table's distribution or sort key does.
pub fn explanation(i18n: &I18n, e: &Explanation) -> String {
    let data = serde_json::to_value(e).unwrap_or_default();
    let mut args = Args::new();
    if let Explanation::DistKey { column } = e {
        args = args.text("column", column.clone());
    }
    if let Explanation::SortKey { columns } = e {
        args = args
            .text("columns", columns.join(", "))
            .text("first", columns.first().cloned().unwrap_or_default());
    }
    i18n.t_with(&format!("explain-{}", tagged(&data, "explain")), &args)
}

/// The one-click change a failed check offers, as its button says it.
pub fn fix(i18n: &I18n, spec: &CheckSpec, f: &CheckFix) -> String {
    match f {
        CheckFix::Threshold { value } => {
            let rule = match spec.rule {
                CheckRule::MinRowsPerDay { .. } => "rows",
                CheckRule::MinRevenuePerDay { .. } => "revenue",
                CheckRule::MaxNulls { .. } => "nulls",
            };
            i18n.t_with(
                "etl-fix-threshold",
                &Args::new().text("rule", rule).text("value", figure(i18n, *value)),
            )
        }
        CheckFix::Columns { columns: c } => {
            i18n.t_with("etl-fix-columns", &Args::new().text("columns", columns(i18n, c)))
        }
    }
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
                .text("observed", figure(i18n, c.observed))
                .text("expected", bound(i18n, &c.expected))
                .text("detail", finding(i18n, &c.detail));
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

/// Where a dataset came from: its file, the sample (and the sample's file),
/// or what made it.
pub fn origin(i18n: &I18n, o: &Origin) -> String {
    match o {
        Origin::File { file } => file.clone(),
        Origin::Sample { spec, file: None } => sample(i18n, spec),
        Origin::Sample { spec, file: Some(file) } => format!("{}: {file}", sample(i18n, spec)),
        other => i18n.t(&format!(
            "origin-{}",
            tagged(&serde_json::to_value(other).unwrap_or_default(), "kind")
        )),
    }
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
        Notice::NotKept { file, why } => {
            i18n.t_with("notice-not_kept", &Args::new().text("file", file).text("why", why))
        }
        Notice::ImportFailed { file, why, damaged } => {
            let why = if *damaged {
                i18n.t_with("fault-not_a_workspace", &Args::new().text("detail", why))
            } else {
                why.clone()
            };
            i18n.t_with("notice-import_failed", &Args::new().text("file", file).text("why", why))
        }
        Notice::ExportFailed { why } => i18n.t_with("notice-export_failed", &Args::new().text("why", why)),
        Notice::StateNotKept { why } => i18n.t_with("notice-state_not_kept", &Args::new().text("why", why)),
        Notice::StoredLost { file } => i18n.t_with("notice-stored_lost", &Args::new().text("file", file)),
    }
}

#[cfg(test)]
mod tests {
    use dataplay_api::etl::{CheckResult, QualityReport, Severity};

    use super::*;

    fn check(name: &str, status: CheckStatus) -> CheckResult {
        CheckResult {
            name: name.into(),
            severity: Severity::Fail,
            status,
            observed: 812.5,
            expected: Bound::AtLeast { value: 1000.0 },
            detail: Finding::DaysBelow {
                what: PerDay::Rows,
                below: 3,
                days: 91,
                min: 1000.0,
                lowest: 812.5,
                day: "2024-01-03".into(),
            },
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
