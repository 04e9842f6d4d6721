//! A run's data centers as a diagram at one moment: the links between them
//! (cut or not), the nodes (up or down) and the messages in flight. A click
//! on a link or a node is a fault at that moment.

use dataplay_api::cap::{CapRun, Fault};
use yew::prelude::*;

use crate::i18n::{Args, I18n};

fn position(i: usize, n: usize) -> (f64, f64) {
    let angle = std::f64::consts::TAU * i as f64 / n.max(1) as f64 - std::f64::consts::FRAC_PI_2 - 0.6;
    (170.0 + 120.0 * angle.cos(), 125.0 + 90.0 * angle.sin())
}

/// The diagram of `run` at time `t`; `key_name` prefixes the test ids.
pub fn diagram(i18n: &I18n, run: &CapRun, t: f64, key_name: &str, on_fault: &Callback<Fault>) -> Html {
    let n = run.nodes.len();
    let net = run.network.iter().rev().find(|s| s.at_ms <= t).or(run.network.first());
    let cut = |a: usize, b: usize| net.is_some_and(|s| s.cut.contains(&(a, b)) || s.cut.contains(&(b, a)));
    let down = |i: usize| net.is_some_and(|s| s.down.contains(&i));
    let links = (0..n).flat_map(|a| (a + 1..n).map(move |b| (a, b))).map(|(a, b)| {
        let ((x1, y1), (x2, y2)) = (position(a, n), position(b, n));
        let is_cut = cut(a, b);
        let fault = if is_cut {
            Fault::HealLink { a, b }
        } else {
            Fault::Cut { a, b, one_way: false }
        };
        let label = i18n.t_with(
            if is_cut { "cap-link-heal" } else { "cap-link-cut" },
            &Args::new()
                .text("a", run.nodes[a].clone())
                .text("b", run.nodes[b].clone()),
        );
        let onkeydown = on_key(on_fault, fault.clone());
        let onclick = on_fault.reform(move |_: MouseEvent| fault.clone());
        html! {
            <line x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()}
                  class={classes!("link", is_cut.then_some("cut"))} onclick={onclick} onkeydown={onkeydown}
                  tabindex="0" role="button" aria-label={label.clone()}
                  data-testid={format!("{}-link-{a}-{b}", key_name)}>
                <title>{ label }</title>
            </line>
        }
    });
    let nodes = (0..n).map(|i| {
        let (x, y) = position(i, n);
        let is_down = down(i);
        let fault = if is_down {
            Fault::Restart { node: i }
        } else {
            Fault::Crash { node: i }
        };
        let label = i18n.t_with(
            if is_down { "cap-node-restart" } else { "cap-node-crash" },
            &Args::new().text("node", run.nodes[i].clone()),
        );
        let onkeydown = on_key(on_fault, fault.clone());
        let onclick = on_fault.reform(move |_: MouseEvent| fault.clone());
        html! {
            <g class={classes!("node", is_down.then_some("down"))} onclick={onclick} onkeydown={onkeydown}
               tabindex="0" role="button" aria-label={label.clone()} data-testid={format!("{}-node-{i}", key_name)}>
                <circle cx={x.to_string()} cy={y.to_string()} r="26" />
                <text x={x.to_string()} y={(y + 4.0).to_string()} text-anchor="middle">{ &run.nodes[i] }</text>
                <title>{ label }</title>
            </g>
        }
    });
    let in_flight = run
        .messages
        .iter()
        .filter(|m| m.sent_ms <= t && t < m.at_ms)
        .take(300)
        .map(|m| {
            let ((x1, y1), (x2, y2)) = (position(m.from, n), position(m.to, n));
            let f = ((t - m.sent_ms) / (m.at_ms - m.sent_ms).max(0.001)).clamp(0.0, 1.0);
            html! {
                <circle class={classes!("msg", m.dropped.then_some("dropped"))} r="4"
                        cx={(x1 + (x2 - x1) * f).to_string()} cy={(y1 + (y2 - y1) * f).to_string()}>
                    <title>{ super::words::message_kind(i18n, m.kind) }</title>
                </circle>
            }
        });
    html! {
        <svg viewBox="0 0 340 250" class="cap-diagram">
            { for links }
            { for in_flight }
            { for nodes }
        </svg>
    }
}

/// Enter or Space on a focused node or link does what a click does.
fn on_key(on_fault: &Callback<Fault>, fault: Fault) -> Callback<KeyboardEvent> {
    let on_fault = on_fault.clone();
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            on_fault.emit(fault.clone());
        }
    })
}
