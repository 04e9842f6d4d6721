//! A run's operations on a timeline, one lane per client.

use dataplay_api::cap::{CapRun, OpView};
use yew::prelude::*;

use crate::i18n::{Args, I18n};

/// One lane per client: each operation a bar from invocation to completion
/// (to the end if it never completed), coloured by its outcome; the clock
/// is the vertical line. Clicking a bar moves the clock to its completion.
pub fn timeline(i18n: &I18n, run: &CapRun, t: f64, on_seek: &Callback<f64>, key_name: &str) -> Html {
    const WIDTH: f64 = 340.0;
    const LEFT: f64 = 78.0;
    const LANE: f64 = 14.0;
    let clients = run.ops.iter().map(|o| o.client + 1).max().unwrap_or(0);
    if clients == 0 {
        return html! {};
    }
    let span = run.duration_ms.max(1.0);
    let x = |ms: f64| LEFT + ms.clamp(0.0, span) / span * (WIDTH - LEFT - 4.0);
    let height = clients as f64 * LANE + 4.0;
    let lanes = (0..clients).map(|c| {
        let node = run.ops.iter().find(|o| o.client == c).map_or(0, |o| o.node);
        let y = c as f64 * LANE;
        html! {
            <g>
                <text x="2" y={(y + 10.0).to_string()} class="lane-label">{ format!("{} #{c}", run.nodes.get(node).cloned().unwrap_or_default()) }</text>
                <line x1={LEFT.to_string()} x2={WIDTH.to_string()} y1={(y + 7.0).to_string()} y2={(y + 7.0).to_string()} class="lane" />
            </g>
        }
    });
    let bars = run.ops.iter().take(3_000).map(|o| {
        let end = o.complete_ms.unwrap_or(span);
        let class = if o.in_violation {
            "bar violation"
        } else if o.stale {
            "bar stale"
        } else {
            match o.outcome.as_str() {
                "fail" => "bar rejected",
                "info" => "bar unknown",
                _ => "bar ok",
            }
        };
        let onclick = on_seek.reform(move |_: MouseEvent| end);
        html! {
            <rect class={class} x={x(o.invoke_ms).to_string()} y={(o.client as f64 * LANE + 2.0).to_string()}
                  width={(x(end) - x(o.invoke_ms)).max(2.0).to_string()} height="10" onclick={onclick}>
                <title>{ bar_title(i18n, o, end) }</title>
            </rect>
        }
    });
    html! {
        <svg viewBox={format!("0 0 {WIDTH} {height}")} class="cap-timeline" data-testid={format!("{key_name}-timeline")}>
            { for lanes }
            { for bars }
            <line class="cursor" x1={x(t).to_string()} x2={x(t).to_string()} y1="0" y2={height.to_string()} />
        </svg>
    }
}

/// `k1 write 3 ok (click to jump; 120–180 ms)`: the key and the operation as
/// the engine labels them, the outcome as it sends it (`ok`, `fail`, `info`)
/// or `stale`.
fn bar_title(i18n: &I18n, o: &OpView, end: f64) -> String {
    let note = i18n.t(if o.in_violation {
        "cap-bar-violation"
    } else {
        "cap-bar-jump"
    });
    let args = Args::new()
        .text("key", o.key.clone())
        .text("label", o.label.clone())
        .text(
            "outcome",
            if o.stale {
                "stale".to_string()
            } else {
                o.outcome.clone()
            },
        )
        .text("note", note)
        .text("from", format!("{:.0}", o.invoke_ms))
        .text("to", format!("{end:.0}"));
    i18n.t_with("cap-bar", &args)
}
