//! One mode's run (CP, AP or quorum) at the clock's time: its diagram, the
//! checker's verdict, the measured numbers, the timeline and the operations.

use dataplay_api::cap::{CapRun, Fault};
use yew::prelude::*;

use super::diagram::diagram;
use super::timeline::timeline;

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
    let (run, key) = (&props.run, props.key_name);
    let verdict_class = match run.linearizable {
        Some(true) => "verdict good",
        Some(false) => "verdict bad",
        None => "verdict",
    };
    html! {
        <div class="cap-panel" data-testid={format!("{key}-panel")}>
            <h2>{ &run.mode }</h2>
            { diagram(run, props.time, key, &props.on_fault) }
            <div class={verdict_class} data-testid={format!("{key}-verdict")}>
                <strong>{ match run.linearizable { Some(true) => "Linearizable", Some(false) => "Not linearizable", None => "Undecided" } }</strong>
                if run.linearizable == Some(false) { <pre>{ &run.verdict }</pre> }
            </div>
            { metrics(run, key) }
            { timeline(run, props.time, &props.on_seek, key) }
            { operations(run, props.time) }
        </div>
    }
}

fn metrics(run: &CapRun, key: &str) -> Html {
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
            <tr><td>{ "rejected writes" }</td><td data-testid={format!("{key}-rejected")}>{ run.rejected_writes }</td></tr>
            <tr><td>{ "stale reads" }</td><td data-testid={format!("{key}-stale")}>{ format!("{} of {}", run.stale_reads, run.reads) }</td></tr>
            <tr><td>{ "latency p50 / p99, normal" }</td><td>{ format!("{:.0} / {:.0} ms", run.latency_normal_p50_ms, run.latency_normal_p99_ms) }</td></tr>
            <tr><td>{ "latency p50 / p99, during faults" }</td><td>{ format!("{:.0} / {:.0} ms", run.latency_degraded_p50_ms, run.latency_degraded_p99_ms) }</td></tr>
            <tr><td>{ "replication lag (mean)" }</td><td>{ format!("{:.0} ms", run.replication_lag_mean_ms) }</td></tr>
            <tr><td>{ "availability" }</td><td>{ availability }</td></tr>
            <tr><td>{ "events / log hash" }</td><td>{ format!("{} / {}", run.events, run.log_hash) }</td></tr>
        </table>
    }
}

/// The first 400 operations, those after `t` marked as future.
fn operations(run: &CapRun, t: f64) -> Html {
    html! {
        <table class="plain ops">
            <thead><tr><th>{ "ms" }</th><th>{ "at" }</th><th>{ "key" }</th><th>{ "operation" }</th><th>{ "result" }</th></tr></thead>
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
                            <td>{ match (o.outcome.as_str(), o.stale) {
                                ("fail", _) => "rejected",
                                ("info", _) => "unknown",
                                (_, true) => "stale",
                                _ => "ok",
                            } }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}
