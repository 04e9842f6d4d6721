//! One mode's run (CP, AP or quorum) at the clock's time: its diagram, the
//! checker's verdict as of that time (with the operations involved, each a
//! link to the timeline), the measured numbers, the timeline and the
//! operations.

use dataplay_api::cap::{CapRun, CheckVerdict, Fault, OpOutcome, RunMode};
use yew::prelude::*;

use super::diagram::diagram;
use super::timeline::timeline;
use super::words;
use crate::components::term::Term;
use crate::i18n::{use_i18n, Args, I18n};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub run: CapRun,
    pub key_name: &'static str,
    pub time: f64,
    pub on_fault: Callback<Fault>,
    /// Show an operation: move the clock to `.0` and highlight operation `.1`.
    pub on_pick: Callback<(f64, usize)>,
    /// The operation highlighted in this panel.
    pub selected: Option<usize>,
}

/// Zoom steps of the timeline (its width, in widths of the panel).
pub const ZOOMS: [f64; 5] = [1.0, 2.0, 4.0, 8.0, 16.0];

#[function_component(RunPanel)]
pub fn run_panel(props: &Props) -> Html {
    let i18n = use_i18n();
    let zoom = use_state(|| 0usize);
    let on_zoom = {
        let zoom = zoom.clone();
        Callback::from(move |z: usize| zoom.set(z.min(ZOOMS.len() - 1)))
    };
    let (run, key) = (&props.run, props.key_name);
    html! {
        <div class="cap-panel" data-testid={format!("{key}-panel")}>
            <h2><Term id={mode_term(&run.mode)}><>{ words::mode(&i18n, &run.mode) }</></Term></h2>
            { diagram(&i18n, run, props.time, key, &props.on_fault) }
            { verdict(&i18n, run, props.time, key, &props.on_pick) }
            { metrics(&i18n, run, key) }
            { timeline(&i18n, run, props.time, key, props.selected, &props.on_pick, (*zoom, &on_zoom)) }
            { operations(&i18n, run, props.time, props.selected) }
        </div>
    }
}

/// The glossary term a mode's heading explains.
fn mode_term(mode: &RunMode) -> &'static str {
    match mode {
        RunMode::Cp => "cp",
        RunMode::Ap | RunMode::ApSiblings => "ap",
        RunMode::Quorum { .. } => "quorum",
    }
}

/// The verdict as of `t`: a violation shows once the history reached it.
fn verdict(i18n: &I18n, run: &CapRun, t: f64, key: &str, on_pick: &Callback<(f64, usize)>) -> Html {
    let happened = matches!(&run.verdict, CheckVerdict::NotLinearizable { since_ms, .. } if t >= *since_ms);
    let class = match run.verdict.linearizable() {
        Some(false) if happened => "verdict bad",
        Some(true) => "verdict good",
        _ => "verdict",
    };
    let detail = match &run.verdict {
        CheckVerdict::NotLinearizable { key: reg, involved, .. } if happened => html! {
            <>
                <p>{ i18n.t_with("cap-verdict-explain", &Args::new().text("key", reg.clone())) }</p>
                <ul class="cap-involved">
                    { for involved.iter().filter_map(|&i| run.ops.get(i).map(|o| (i, o))).map(|(i, o)| {
                        let at = o.complete_ms.unwrap_or(o.invoke_ms);
                        let onclick = on_pick.reform(move |_: MouseEvent| (at, i));
                        html! { <li><button class="cap-link-button" onclick={onclick} data-testid={format!("{key}-violation-op")}>{ words::operation(i18n, run, o) }</button></li> }
                    }) }
                </ul>
            </>
        },
        CheckVerdict::NotLinearizable { since_ms, .. } => html! {
            <p class="muted">{ i18n.t_with("cap-verdict-later", &Args::new().text("ms", i18n.count(since_ms.round()))) }</p>
        },
        _ => html! {},
    };
    html! {
        <div class={class} data-testid={format!("{key}-verdict")}>
            <strong>{ words::verdict_heading(i18n, &run.verdict, t) }</strong>
            { detail }
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
                format!("{} {}%", r.name, i18n.count((r.availability * 100.0).round()))
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let d = |v: f64| i18n.duration(v);
    html! {
        <table class="plain metrics">
            <tr><td>{ i18n.t("cap-rejected-writes") }</td><td data-testid={format!("{key}-rejected")}>{ run.rejected_writes }</td></tr>
            <tr><td><Term id="stale-read"><>{ i18n.t("cap-stale-reads") }</></Term></td><td data-testid={format!("{key}-stale")}>{ i18n.t_with("cap-stale-of", &Args::new().text("stale", run.stale_reads.to_string()).text("reads", run.reads.to_string())) }</td></tr>
            <tr><td>{ i18n.t("cap-latency-normal") }</td><td>{ format!("{} / {}", d(run.latency_normal_p50_ms), d(run.latency_normal_p99_ms)) }</td></tr>
            <tr><td>{ i18n.t("cap-latency-faults") }</td><td>{ format!("{} / {}", d(run.latency_degraded_p50_ms), d(run.latency_degraded_p99_ms)) }</td></tr>
            <tr><td><Term id="replication-lag"><>{ i18n.t("cap-replication-lag") }</></Term></td><td>{ d(run.replication_lag_mean_ms) }</td></tr>
            <tr><td>{ i18n.t("cap-availability") }</td><td>{ availability }</td></tr>
            <tr><td>{ i18n.t("cap-events-hash") }</td><td>{ format!("{} / {}", i18n.count(run.events as f64), run.log_hash) }</td></tr>
        </table>
    }
}

/// The first 400 operations in a box of their own, those after `t` marked
/// as future.
fn operations(i18n: &I18n, run: &CapRun, t: f64, selected: Option<usize>) -> Html {
    html! {
        <div class="cap-ops-box" tabindex="0">
            <table class="plain ops">
                <thead><tr><th>{ "ms" }</th><th>{ i18n.t("cap-op-at") }</th><th>{ i18n.t("cap-op-key") }</th><th>{ i18n.t("cap-op-operation") }</th><th>{ i18n.t("cap-op-result") }</th></tr></thead>
                <tbody>
                    { for run.ops.iter().take(400).enumerate().map(|(i, o)| {
                        let label = words::action(i18n, &o.action);
                        let class = classes!(
                            "cap-op",
                            (o.invoke_ms > t).then_some("future"),
                            (o.outcome == OpOutcome::Fail).then_some("rejected"),
                            o.stale.then_some("stale"),
                            o.in_violation.then_some("violation"),
                            (selected == Some(i)).then_some("selected"),
                        );
                        html! {
                            <tr class={class} data-testid="cap-op">
                                <td>{ i18n.count(o.invoke_ms.round()) }</td>
                                <td>{ run.nodes.get(o.node).cloned().unwrap_or_default() }</td>
                                <td>{ &o.key }</td>
                                <td class="op-label" title={label.clone()}>{ label }</td>
                                <td>{ words::outcome(i18n, o) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
