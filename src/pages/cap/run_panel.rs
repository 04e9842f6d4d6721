//! One mode's run (CP, AP or quorum) at the clock's time: its diagram, the
//! checker's verdict, the measured numbers, the timeline and the operations.

use dataplay_api::cap::{CapRun, Fault};
use yew::prelude::*;

use super::diagram::diagram;
use super::timeline::timeline;
use crate::i18n::{use_i18n, Args, I18n};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub run: CapRun,
    pub key_name: &'static str,
    pub time: f64,
    pub on_fault: Callback<Fault>,
    /// Move the clock (clicking an operation jumps to its completion).
    pub on_seek: Callback<f64>,
}

#[function_component(RunPanel)]
pub fn run_panel(props: &Props) -> Html {
    let i18n = use_i18n();
    let (run, key) = (&props.run, props.key_name);
    let verdict_class = match run.linearizable {
        Some(true) => "verdict good",
        Some(false) => "verdict bad",
        None => "verdict",
    };
    html! {
        <div class="cap-panel" data-testid={format!("{key}-panel")}>
            <h2>{ &run.mode }</h2>
            { diagram(&i18n, run, props.time, key, &props.on_fault) }
            <div class={verdict_class} data-testid={format!("{key}-verdict")}>
                <strong>{ i18n.t(match run.linearizable { Some(true) => "cap-linearizable", Some(false) => "cap-not-linearizable", None => "cap-undecided" }) }</strong>
                if run.linearizable == Some(false) { <pre>{ &run.verdict }</pre> }
            </div>
            { metrics(&i18n, run, key) }
            { timeline(&i18n, run, props.time, &props.on_seek, key) }
            { operations(&i18n, run, props.time) }
        </div>
    }
}

fn metrics(i18n: &I18n, run: &CapRun, key: &str) -> Html {
    let availability = run
        .regions
        .iter()
        .map(|r| {
            if r.ops == 0 {
                format!("{} –", r.name)
            } else {
                format!("{} {:.0}%", r.name, r.availability * 100.0)
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <table class="plain metrics">
            <tr><td>{ i18n.t("cap-rejected-writes") }</td><td data-testid={format!("{key}-rejected")}>{ run.rejected_writes }</td></tr>
            <tr><td>{ i18n.t("cap-stale-reads") }</td><td data-testid={format!("{key}-stale")}>{ i18n.t_with("cap-stale-of", &Args::new().text("stale", run.stale_reads.to_string()).text("reads", run.reads.to_string())) }</td></tr>
            <tr><td>{ i18n.t("cap-latency-normal") }</td><td>{ format!("{:.0} / {:.0} ms", run.latency_normal_p50_ms, run.latency_normal_p99_ms) }</td></tr>
            <tr><td>{ i18n.t("cap-latency-faults") }</td><td>{ format!("{:.0} / {:.0} ms", run.latency_degraded_p50_ms, run.latency_degraded_p99_ms) }</td></tr>
            <tr><td>{ i18n.t("cap-replication-lag") }</td><td>{ format!("{:.0} ms", run.replication_lag_mean_ms) }</td></tr>
            <tr><td>{ i18n.t("cap-availability") }</td><td>{ availability }</td></tr>
            <tr><td>{ i18n.t("cap-events-hash") }</td><td>{ format!("{} / {}", run.events, run.log_hash) }</td></tr>
        </table>
    }
}

/// The first 400 operations, those after `t` marked as future.
fn operations(i18n: &I18n, run: &CapRun, t: f64) -> Html {
    html! {
        <table class="plain ops">
            <thead><tr><th>{ "ms" }</th><th>{ i18n.t("cap-op-at") }</th><th>{ i18n.t("cap-op-key") }</th><th>{ i18n.t("cap-op-operation") }</th><th>{ i18n.t("cap-op-result") }</th></tr></thead>
            <tbody>
                { for run.ops.iter().take(400).map(|o| {
                    let class = classes!(
                        "cap-op",
                        (o.invoke_ms > t).then_some("future"),
                        (o.outcome == "fail").then_some("rejected"),
                        o.stale.then_some("stale"),
                        o.in_violation.then_some("violation"),
                    );
                    html! {
                        <tr class={class} data-testid="cap-op">
                            <td>{ format!("{:.0}", o.invoke_ms) }</td>
                            <td>{ run.nodes.get(o.node).cloned().unwrap_or_default() }</td>
                            <td>{ &o.key }</td>
                            <td class="op-label" title={o.label.clone()}>{ &o.label }</td>
                            <td>{ i18n.t(match (o.outcome.as_str(), o.stale) {
                                ("fail", _) => "cap-result-rejected",
                                ("info", _) => "cap-result-unknown",
                                (_, true) => "cap-result-stale",
                                _ => "cap-result-ok",
                            }) }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}
