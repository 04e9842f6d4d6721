//! How a run's checks and load are shown: each quality check with its
//! status, observation and failing sample rows, and the MERGE counts per
//! warehouse table (or why nothing was loaded).

use dataplay_api::etl::{CheckFix, CheckResult, CheckSpec, CheckStatus, EtlReport};
use yew::prelude::*;

use super::charts::money_in;
use crate::components::merge_counts::MergeCountsTable;
use crate::components::term::Term;
use crate::i18n::{Args, I18n};

/// The checks' results; a failed check offers the change that would make it
/// pass on the same data (`on_fix`: the check's name and the change).
pub fn quality(i18n: &I18n, report: &EtlReport, checks: &[CheckSpec], on_fix: &Callback<(String, CheckFix)>) -> Html {
    let q = &report.quality;
    html! {
        <div class="quality" data-testid="quality">
            <h2><Term id="quality-gate"><>{ i18n.t("etl-gate") }</></Term></h2>
            if q.skipped {
                <p class="muted">{ i18n.t("etl-gate-skipped") }</p>
            }
            { for q.checks.iter().map(|c| {
                let status = match c.status { CheckStatus::Pass => "pass", CheckStatus::Warn => "warn", CheckStatus::Fail => "fail" };
                html! {
                    <div class={classes!("check", status)} data-testid="check">
                        <span class={classes!("badge", status)} data-testid="check-status">{ i18n.t_with("etl-check-status", &Args::new().text("status", status)) }</span>
                        <strong>{ format!(" {} ", c.name) }</strong>
                        <span>{ i18n.t_with("etl-check-observed", &Args::new()
                            .text("observed", money_in(i18n, c.observed))

                            .text("expected", crate::words::bound(i18n, &c.expected))
                            .text("detail", crate::words::finding(i18n, &c.detail))) }</span>
                        { fix_button(i18n, c, checks, on_fix) }
                        if !c.sample.is_empty() && c.status != CheckStatus::Pass {
                            <table class="sample">
                                <tr>{ for c.sample_columns.iter().map(|h| html! { <th>{ crate::words::sample_column(i18n, *h) }</th> }) }</tr>
                                { for c.sample.iter().map(|row| html! { <tr>{ for row.iter().map(|v| html! { <td>{ v }</td> }) }</tr> }) }
                            </table>
                        }
                    </div>
                }
            }) }
        </div>
    }
}

fn fix_button(i18n: &I18n, c: &CheckResult, checks: &[CheckSpec], on_fix: &Callback<(String, CheckFix)>) -> Html {
    let Some(spec) = checks.iter().find(|s| s.name == c.name) else {
        return html! {};
    };
    let Some(fix) = c.fix(spec) else {
        return html! {};
    };
    let label = crate::words::fix(i18n, spec, &fix);
    let applied = spec.fixed(&fix) == *spec;
    let onclick = {
        let (name, on_fix) = (c.name.clone(), on_fix.clone());
        Callback::from(move |_: MouseEvent| on_fix.emit((name.clone(), fix.clone())))
    };
    html! {
        <p class="check-fix">
            <button onclick={onclick} disabled={applied} data-testid="check-fix">{ label }</button>
            { " " }<span class="muted">{ i18n.t(if applied { "etl-fix-applied" } else { "etl-fix-hint" }) }</span>
        </p>
    }
}

pub fn merge(i18n: &I18n, report: &EtlReport) -> Html {
    let Some(load) = &report.load else {
        return html! { <p class="muted" data-testid="merge-none">{ i18n.t("etl-merge-none") }</p> };
    };
    html! {
        <div class="merge" data-testid="merge">
            <h2><Term id="merge"><>{ i18n.t_with("etl-merge-title", &Args::new().text("version", load.version.to_string())) }</></Term></h2>

            <MergeCountsTable tables={load.tables.clone()} testid_prefix="merge-" />
        </div>
    }
}
