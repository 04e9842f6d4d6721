//! The CAP page: one scenario simulated under CP and AP side by side on the
//! same seed and fault schedule. Scrub or play through time; click a link to
//! cut (or heal) it and a node to crash (or restart) it at that moment — the
//! run replays from its seed with the new fault. Scenario, seed and added
//! faults live in the URL so a trainer can share the exact run.

mod controls;
mod diagram;
mod playback;
mod run_panel;
mod summary;
mod timeline;
mod url;

use std::rc::Rc;

use dataplay_api::cap::{CapComparison, CapRequest, Fault, ServiceView, TimedFault};
use yew::prelude::*;

use crate::actions::use_actions;
use crate::i18n::{use_i18n, Args, I18n};
use controls::RequestControls;
use playback::{use_playback, Playback};
use run_panel::RunPanel;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub comparison: Option<Rc<CapComparison>>,
    pub ready: bool,
    /// How long the worker took for the shown comparison.
    pub elapsed_ms: f64,
    /// The location's hash: the request it encodes is the one shown.
    pub hash: String,
}

#[function_component(CapPage)]
pub fn cap_page(props: &Props) -> Html {
    let i18n = use_i18n();
    let run = use_actions().run_cap;
    let request = url::request_from_hash(&props.hash);
    let duration = props.comparison.as_ref().map_or(3_000.0, |c| c.cp.duration_ms);
    let clock = use_playback(duration);

    // Run whenever the URL asks for something other than what is shown.
    {
        let shown = props.comparison.as_ref().map(|c| c.request.clone());
        use_effect_with((props.ready, request.clone(), shown), move |(ready, request, shown)| {
            if *ready && shown.as_ref() != Some(request) {
                run.emit(request.clone());
            }
        });
    }
    let add_fault = {
        let (request, at) = (request.clone(), *clock.time);
        Callback::from(move |fault: Fault| {
            let mut next = request.clone();
            next.extra_faults.push(TimedFault {
                at_ms: at.round() as u64,
                fault,
            });
            url::navigate(&next);
        })
    };
    let seek = {
        let (time, playing) = (clock.time.clone(), clock.playing.clone());
        Callback::from(move |t: f64| {
            playing.set(false);
            time.set(t);
        })
    };
    let clear_faults = {
        let request = request.clone();
        Callback::from(move |_: MouseEvent| {
            url::navigate(&CapRequest {
                extra_faults: vec![],
                ..request.clone()
            })
        })
    };

    let Some(c) = props.comparison.clone() else {
        return html! { <section class="cap" data-testid="cap-page"><p class="muted">{ i18n.t("cap-simulating") }</p></section> };
    };
    let time = *clock.time;
    html! {
        <section class="cap" data-testid="cap-page">
            <crate::components::concept::Concept module={crate::components::concept::Module::Cap} />
            <div class="cap-controls">
                <RequestControls request={request.clone()} scenarios={c.scenarios.clone()} />
                <Playback clock={clock} duration={duration} />
            </div>
            <h1>{ &c.title }</h1>
            <p>{ &c.story }</p>
            <p class="muted">
                { i18n.t_with("cap-fault-schedule", &Args::new().text("faults", summary::describe_faults(&i18n, &c.faults, &c.cp.nodes))) }
                if !request.extra_faults.is_empty() {
                    <button onclick={clear_faults} data-testid="cap-clear-faults">{ i18n.t("cap-clear-faults") }</button>
                }
            </p>
            <div class="cap-side-by-side">
                <RunPanel run={c.cp.clone()} key_name="cp" time={time} on_seek={seek.clone()} on_fault={add_fault.clone()} />
                <RunPanel run={c.ap.clone()} key_name="ap" time={time} on_seek={seek.clone()} on_fault={add_fault.clone()} />
                if let Some(q) = c.quorum.clone() {
                    <RunPanel run={q} key_name="quorum" time={time} on_seek={seek.clone()} on_fault={add_fault} />
                }
            </div>
            <p class="muted" data-testid="cap-speed">{ summary::speed_note(&i18n, &c, props.elapsed_ms) }</p>
            <h2>{ i18n.t("cap-services-title") }</h2>
            { services(&i18n, &c.services) }
        </section>
    }
}

fn services(i18n: &I18n, services: &[ServiceView]) -> Html {
    html! {
        <table class="plain" data-testid="cap-services">
            <thead><tr><th>{ i18n.t("cap-service") }</th><th>{ "CAP" }</th><th>{ i18n.t("cap-service-consistency") }</th><th>{ i18n.t("cap-service-use-case") }</th><th>{ i18n.t("cap-service-simulated-as") }</th></tr></thead>
            <tbody>
                { for services.iter().map(|s| html! {
                    <tr><td>{ &s.name }</td><td>{ &s.cap }</td><td>{ &s.consistency }</td><td>{ &s.use_case }</td><td>{ &s.modelled_as }</td></tr>
                }) }
            </tbody>
        </table>
    }
}
