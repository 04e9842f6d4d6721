//! Where the default pace pauses (each fault, each rejected or stale
//! operation, in any panel) and the note that says what happened there,
//! with the button that continues.

use dataplay_api::cap::{CapComparison, CapRun, OpOutcome, OpView};
use yew::prelude::*;

use super::playback::{Clock, ClockAction};
use super::{summary, words};
use crate::i18n::{Args, I18n};

/// An operation the clock pauses at: rejected, or a read of old data.
fn worth_a_pause(o: &OpView) -> bool {
    o.outcome == OpOutcome::Fail || o.stale
}

fn runs(c: &CapComparison) -> impl Iterator<Item = (&'static str, &CapRun)> + '_ {
    [("cp", &c.cp), ("ap", &c.ap)]
        .into_iter()
        .chain(c.quorum.as_ref().map(|q| ("quorum", q)))
}

/// The moments to pause at (unsorted; the clock sorts them).
pub fn stops(c: &CapComparison) -> Vec<f64> {
    let faults = c.faults.iter().map(|f| f.at_ms as f64);
    let ops = runs(c).flat_map(|(_, run)| {
        run.ops
            .iter()
            .filter(|o| worth_a_pause(o))
            .filter_map(|o| o.complete_ms)
            .collect::<Vec<_>>()
    });
    faults.chain(ops).collect()
}

/// "Paused at t = 200 ms: split {us-east, europe} from the rest" and a
/// Continue button, while the clock is paused at an event.
pub fn note(i18n: &I18n, c: &CapComparison, clock: &Clock) -> Html {
    let Some(at) = clock.paused_at else {
        return html! {};
    };
    let faults = c
        .faults
        .iter()
        .filter(|f| f.at_ms as f64 == at)
        .map(|f| summary::describe_faults(i18n, std::slice::from_ref(f), &c.cp.nodes));
    let ops = runs(c).flat_map(|(panel, run)| {
        run.ops
            .iter()
            .filter(|o| worth_a_pause(o) && o.complete_ms == Some(at))
            .map(|o| {
                let args = Args::new()
                    .text("panel", i18n.t(&format!("cap-panel-{panel}")))
                    .text("operation", words::operation(i18n, run, o));
                i18n.t_with("cap-paused-op", &args)
            })
            .collect::<Vec<_>>()
    });
    let events: Vec<String> = faults.chain(ops).collect();
    let go = {
        let clock = clock.clone();
        Callback::from(move |_: MouseEvent| clock.dispatch(ClockAction::Toggle))
    };
    html! {
        <div class="cap-paused" role="status" data-testid="cap-paused">
            <strong>{ i18n.t_with("cap-paused-at", &Args::new().text("ms", i18n.count(at.round()))) }</strong>
            <ul>{ for events.iter().map(|e| html! { <li>{ e }</li> }) }</ul>
            <button onclick={go} data-testid="cap-continue">{ i18n.t("cap-continue") }</button>
        </div>
    }
}
