//! A run's operations on a timeline, one lane per client that acted, in a
//! box of its own that scrolls and zooms (buttons, a slider, ctrl + wheel
//! or a pinch).

use dataplay_api::cap::{CapRun, OpOutcome, OpView};
use yew::prelude::*;

use super::run_panel::ZOOMS;
use super::words;
use crate::dom;
use crate::i18n::{Args, I18n};

const WIDTH: f64 = 340.0;
const LEFT: f64 = 78.0;
const LANE: f64 = 14.0;

/// Each operation a bar from invocation to completion (to the end if it
/// never completed), coloured by its outcome; the clock is the vertical
/// line. Clicking a bar moves the clock to its completion and highlights
/// it. `zoom` is an index into `ZOOMS`, changed through `on_zoom`.
pub fn timeline(
    i18n: &I18n,
    run: &CapRun,
    t: f64,
    key_name: &str,
    selected: Option<usize>,
    on_pick: &Callback<(f64, usize)>,
    (zoom, on_zoom): (usize, &Callback<usize>),
) -> Html {
    if run.lanes.is_empty() {
        return html! {};
    }
    let scale = ZOOMS.get(zoom).copied().unwrap_or(1.0);
    let width = WIDTH * scale;
    let span = run.duration_ms.max(1.0);
    let x = |ms: f64| LEFT + ms.clamp(0.0, span) / span * (width - LEFT - 4.0);
    let height = run.lanes.len() as f64 * LANE + 4.0;
    let lane_of = |client: usize| run.lanes.iter().position(|l| l.client == client).unwrap_or(0);
    let lanes = run.lanes.iter().enumerate().map(|(i, lane)| {
        let y = i as f64 * LANE;
        let node = run.nodes.get(lane.node).cloned().unwrap_or_default();
        html! {
            <g>
                <text x="2" y={(y + 10.0).to_string()} class="lane-label">{ format!("{node} #{}", lane.client) }</text>
                <line x1={LEFT.to_string()} x2={width.to_string()} y1={(y + 7.0).to_string()} y2={(y + 7.0).to_string()} class="lane" />
            </g>
        }
    });
    let bars = run.ops.iter().enumerate().take(3_000).map(|(i, o)| {
        let end = o.complete_ms.unwrap_or(span);
        let class = classes!(
            "bar",
            if o.in_violation {
                "violation"
            } else if o.stale {
                "stale"
            } else {
                match o.outcome {
                    OpOutcome::Fail => "rejected",
                    OpOutcome::Info => "unknown",
                    OpOutcome::Ok => "ok",
                }
            },
            (selected == Some(i)).then_some("selected"),
        );
        let onclick = on_pick.reform(move |_: MouseEvent| (end, i));
        html! {
            <rect class={class} x={x(o.invoke_ms).to_string()} y={(lane_of(o.client) as f64 * LANE + 2.0).to_string()}
                  width={(x(end) - x(o.invoke_ms)).max(2.0).to_string()} height="10" onclick={onclick}
                  data-op={i.to_string()}>
                <title>{ bar_title(i18n, run, o) }</title>
            </rect>
        }
    });
    let onwheel = {
        let on_zoom = on_zoom.clone();
        Callback::from(move |e: WheelEvent| {
            if e.ctrl_key() {
                e.prevent_default();
                on_zoom.emit(if e.delta_y() < 0.0 {
                    zoom + 1
                } else {
                    zoom.saturating_sub(1)
                });
            }
        })
    };
    let zoom_to = |z: usize| on_zoom.reform(move |_: MouseEvent| z);
    let on_slider = on_zoom.reform(|e: InputEvent| dom::input_value(&e).parse().unwrap_or(0));
    html! {
        <div class="cap-timeline-wrap">
            <div class="cap-zoom" role="group" aria-label={i18n.t("cap-zoom")}>
                <button onclick={zoom_to(zoom.saturating_sub(1))} disabled={zoom == 0} aria-label={i18n.t("cap-zoom-out")} title={i18n.t("cap-zoom-out")} data-testid={format!("{key_name}-zoom-out")}>{ "−" }</button>
                <input type="range" min="0" max={(ZOOMS.len() - 1).to_string()} step="1" value={zoom.to_string()} oninput={on_slider} aria-label={i18n.t("cap-zoom")} />
                <button onclick={zoom_to(zoom + 1)} disabled={zoom + 1 >= ZOOMS.len()} aria-label={i18n.t("cap-zoom-in")} title={i18n.t("cap-zoom-in")} data-testid={format!("{key_name}-zoom-in")}>{ "+" }</button>
                <span class="muted">{ format!("{}×", i18n.number(scale)) }</span>
            </div>
            <div class="cap-timeline-box" onwheel={onwheel} tabindex="0" data-testid={format!("{key_name}-timeline-box")}>
                <svg viewBox={format!("0 0 {width} {height}")} style={format!("width: {}%", scale * 100.0)} class="cap-timeline" data-testid={format!("{key_name}-timeline")}>
                    { for lanes }
                    { for bars }
                    <line class="cursor" x1={x(t).to_string()} x2={x(t).to_string()} y1="0" y2={height.to_string()} />
                </svg>
            </div>
        </div>
    }
}

/// `post_789 read → 1 stale (click to jump; 650–700 ms)`.
fn bar_title(i18n: &I18n, run: &CapRun, o: &OpView) -> String {
    let note = i18n.t(if o.in_violation {
        "cap-bar-violation"
    } else {
        "cap-bar-jump"
    });
    let end = o.complete_ms.unwrap_or(run.duration_ms);
    let args = Args::new()
        .text("key", o.key.clone())
        .text("label", words::action(i18n, &o.action))
        .text("outcome", words::outcome(i18n, o))
        .text("note", note)
        .text("from", i18n.count(o.invoke_ms.round()))
        .text("to", i18n.count(end.round()));
    i18n.t_with("cap-bar", &args)
}
