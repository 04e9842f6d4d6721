//! What a check's feedback says, in the page's language.

use dataplay_api::exercise::{TableVerdict, Unmet};

use super::judge::Feedback;
use crate::i18n::{Args, I18n};

/// A text of a set in the page's language.
pub fn pick(i18n: &I18n, t: &dataplay_api::exercise::Text) -> String {
    if i18n.lang() == crate::i18n::Lang::Vi {
        t.vi.clone()
    } else {
        t.en.clone()
    }
}

pub fn feedback(i18n: &I18n, f: &Feedback) -> Vec<String> {
    match f {
        Feedback::Solved => vec![i18n.t("ex-right")],
        Feedback::Checking => vec![i18n.t("ex-checking")],
        Feedback::Unmet { why } => vec![unmet(i18n, why)],
        Feedback::Table { verdict } => table(i18n, verdict),
    }
}

pub fn unmet(i18n: &I18n, why: &Unmet) -> String {
    let text = |k: &'static str, v: &str| Args::new().text(k, v.to_string());
    let num = |k: &'static str, n: usize| Args::new().text(k, i18n.count(n as f64));
    match why {
        Unmet::NoRun => i18n.t("ex-no-run"),
        Unmet::GateDidNotStop => i18n.t("ex-gate-did-not-stop"),
        Unmet::StoppedByOthers { checks } => i18n.t_with("ex-stopped-by-others", &text("checks", &checks.join(", "))),
        Unmet::CheckPassed { check } => i18n.t_with("ex-check-passed", &text("check", check)),
        Unmet::Stopped => i18n.t("ex-stopped"),
        Unmet::Changed { rows } => i18n.t_with("ex-changed", &num("rows", *rows)),
        Unmet::NoSegment { label } => i18n.t_with("ex-no-segment", &text("label", label)),
        Unmet::SegmentCount { label, got } => {
            i18n.t_with("ex-segment-count", &num("got", *got).text("label", label.clone()))
        }
        Unmet::FilesSkipped { table, got } => {
            i18n.t_with("ex-files-skipped", &num("got", *got).text("table", table.clone()))
        }
        Unmet::NoStaleRead => i18n.t("ex-no-stale-read"),
        Unmet::CpNotLinearizable => i18n.t("ex-cp-not-linearizable"),
        Unmet::ApLinearizable => i18n.t("ex-ap-linearizable"),
        Unmet::NoSplit => i18n.t("ex-no-split"),
        Unmet::NoRejectedWrite => i18n.t("ex-no-rejected-write"),
        Unmet::NoQuorumRun => i18n.t("ex-no-quorum-run"),
        Unmet::NoNodeDown => i18n.t("ex-no-node-down"),
        Unmet::QuorumRejected { writes } => i18n.t_with("ex-quorum-rejected", &num("writes", *writes)),
        Unmet::QuorumNotLinearizable => i18n.t("ex-quorum-not-linearizable"),
        Unmet::NoSiblings => i18n.t("ex-no-siblings"),
        Unmet::NoneUpdated => i18n.t("ex-none-updated"),
        Unmet::NotInWarehouse => i18n.t("ex-not-in-warehouse"),
        Unmet::Segments { got } => i18n.t_with("ex-segments", &num("got", *got)),
        Unmet::Files { prefix, got } => i18n.t_with("ex-files", &num("got", *got).text("prefix", prefix.clone())),
        Unmet::NotQueried { warehouse: false } => i18n.t("ex-not-queried-lake"),
        Unmet::NotQueried { warehouse: true } => i18n.t("ex-not-queried-warehouse"),
        Unmet::NoColumnsSkipped { table } => i18n.t_with("ex-no-columns-skipped", &text("table", table)),
        Unmet::DeclaredTables { got } => i18n.t_with("ex-declared", &num("got", *got)),
        Unmet::NotLoaded { table } => i18n.t_with("ex-not-loaded", &text("table", table)),
        Unmet::NotShown => i18n.t("ex-not-shown"),
        Unmet::OtherScenario { want } => i18n.t_with(
            "ex-other-scenario",
            &text("scenario", &i18n.t(&format!("cap-scenario-{}", want.key()))),
        ),
    }
}

fn table(i18n: &I18n, v: &TableVerdict) -> Vec<String> {
    let num = |k: &'static str, n: usize| Args::new().text(k, i18n.count(n as f64));
    match v {
        TableVerdict::Same => vec![i18n.t("ex-right")],
        TableVerdict::Missing { dataset } => {
            vec![i18n.t_with("ex-table-missing", &Args::new().text("dataset", dataset.clone()))]
        }
        TableVerdict::Columns { missing, unexpected } => {
            let mut out = vec![];
            if *missing > 0 {
                out.push(i18n.t_with("ex-columns-missing", &num("missing", *missing)));
            }
            if !unexpected.is_empty() {
                out.push(i18n.t_with(
                    "ex-columns-unexpected",
                    &Args::new().text("names", unexpected.join(", ")),
                ));
            }
            out
        }
        TableVerdict::Rows {
            expected,
            got,
            first_wrong,
            lacking,
        } => {
            let mut out = vec![];
            if got != expected {
                out.push(i18n.t_with(
                    "ex-table-rows",
                    &num("got", *got).text("expected", i18n.count(*expected as f64)),
                ));
            }
            if let Some((row, values)) = first_wrong {
                out.push(i18n.t_with(
                    "ex-table-first-wrong",
                    &num("row", *row).text("values", values.join(", ")),
                ));
            }
            if *lacking > 0 {
                out.push(i18n.t_with("ex-table-lacking", &num("lacking", *lacking)));
            }
            out
        }
    }
}
