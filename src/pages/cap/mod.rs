//! The CAP page: one scenario simulated under CP and AP side by side on the
//! same seed and fault schedule. Play through time (pausing at each fault
//! and each rejected or stale operation) or scrub; click a link to cut (or
//! heal) it and a node to crash (or restart) it at that moment — the run
//! replays from its seed with the new fault. Scenario, seed and added
//! faults live in the URL so a trainer can share the exact run; a link the
//! page cannot read says which part, and the rest of it still applies.

mod controls;
mod diagram;
mod paused;
mod playback;
mod run_panel;
mod summary;
mod timeline;
mod url;
pub(crate) mod words;

use std::rc::Rc;

use dataplay_api::cap::{CapComparison, CapRequest, Fault, ScenarioKey, ServiceView, TimedFault};
use yew::prelude::*;

use crate::actions::use_actions;
use crate::i18n::{use_i18n, Args, I18n};
use controls::RequestControls;
use playback::{use_playback, ClockAction, Playback};
use run_panel::RunPanel;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub comparison: Option<Rc<CapComparison>>,
    pub ready: bool,
    /// How long the worker took for the shown comparison: not for the room,
    /// for the benchmark (a data attribute of the page).
    pub elapsed_ms: f64,
    /// The scenario the engine said it does not have, if the last run failed.
    pub failed: Option<String>,
    /// The location's hash: the request it encodes is the one shown.
    pub hash: String,
}

#[function_component(CapPage)]
pub fn cap_page(props: &Props) -> Html {
    let i18n = use_i18n();
    let run = use_actions().run_cap;
    let (request, bad_parts) = url::request_from_hash(&props.hash);
    let clock = use_playback(url::scrub_from_hash(&props.hash));
    // The scrub position is in the link whenever the clock stands still
    // (and the location still shows this run: not over a navigation).
    use_effect_with(
        (clock.time.round(), clock.playing, request.clone()),
        |(time, playing, request)| {
            let here = crate::dom::location_hash();
            if !*playing && url::request_from_hash(&here).0 == *request && here.starts_with("#/cap") {
                crate::dom::replace_hash(&url::hash_at(request, *time));
            }
        },
    );
    // The highlighted operation: (panel, index).
    let selected = use_state(|| None::<(&'static str, usize)>);

    // Run whenever the URL asks for something other than what is shown.
    {
        let shown = props.comparison.as_ref().map(|c| c.request.clone());
        use_effect_with((props.ready, request.clone(), shown), move |(ready, request, shown)| {
            if *ready && shown.as_ref() != Some(request) {
                run.emit(request.clone());
            }
        });
    }
    // A new run: the clock learns its length and where to pause.
    {
        let clock = clock.clone();
        let shown = props.comparison.clone();
        use_effect_with(shown.as_ref().map(|c| Rc::as_ptr(c) as usize), move |_| {
            if let Some(c) = shown {
                clock.dispatch(ClockAction::Load {
                    duration: c.cp.duration_ms,
                    stops: paused::stops(&c),
                });
            }
        });
    }
    let add_fault = {
        let (request, at) = (request.clone(), clock.time);
        Callback::from(move |fault: Fault| {
            let mut next = request.clone();
            next.extra_faults.push(TimedFault {
                at_ms: at.round() as u64,
                fault,
            });
            url::navigate(&next);
        })
    };
    let pick = |panel: &'static str| {
        let (clock, selected) = (clock.clone(), selected.clone());
        Callback::from(move |(t, op): (f64, usize)| {
            clock.dispatch(ClockAction::Seek(t));
            selected.set(Some((panel, op)));
        })
    };
    let chosen = |panel: &str| (*selected).filter(|(p, _)| *p == panel).map(|(_, i)| i);
    let clear_faults = {
        let request = request.clone();
        Callback::from(move |_: MouseEvent| {
            url::navigate(&CapRequest {
                extra_faults: vec![],
                ..request.clone()
            })
        })
    };

    let problems =
        html! { <crate::components::link_problems::LinkProblems bad={bad_parts} testid="cap-url-problems" /> };
    let showing = props.comparison.clone().filter(|c| c.request == request);
    if props.failed.as_ref() == Some(&request.scenario) && showing.is_none() {
        return html! { <section class="cap" data-testid="cap-page">{ problems }{ unknown_scenario(&i18n, &request) }</section> };
    }
    let Some(c) = props.comparison.clone() else {
        return html! { <section class="cap" data-testid="cap-page">{ problems }<p class="muted">{ i18n.t("cap-simulating") }</p></section> };
    };
    let time = clock.time;
    let events = c.cp.events + c.ap.events + c.quorum.as_ref().map_or(0, |q| q.events);
    html! {
        <section class="cap" data-testid="cap-page" data-scenario={c.scenario.key()} data-events={events.to_string()} data-elapsed-ms={props.elapsed_ms.round().to_string()}>
            <crate::components::concept::Concept module={crate::components::concept::Module::Cap} />
            { problems }
            <div class="cap-controls">
                <RequestControls request={request.clone()} />
                <Playback clock={clock.clone()} />
            </div>
            { paused::note(&i18n, &c, &clock) }
            <h1>{ words::scenario_title(&i18n, c.scenario) }</h1>
            <p>{ words::scenario_story(&i18n, c.scenario) }</p>
            <p class="muted">
                { i18n.t_with("cap-fault-schedule", &Args::new().text("faults", summary::describe_faults(&i18n, &c.faults, &c.cp.nodes))) }
                if !request.extra_faults.is_empty() {
                    <button onclick={clear_faults} data-testid="cap-clear-faults">{ i18n.t("cap-clear-faults") }</button>
                }
            </p>
            <div class="cap-side-by-side">
                <RunPanel run={c.cp.clone()} key_name="cp" time={time} on_pick={pick("cp")} selected={chosen("cp")} on_fault={add_fault.clone()} />
                <RunPanel run={c.ap.clone()} key_name="ap" time={time} on_pick={pick("ap")} selected={chosen("ap")} on_fault={add_fault.clone()} />
                if let Some(q) = c.quorum.clone() {
                    <RunPanel run={q} key_name="quorum" time={time} on_pick={pick("quorum")} selected={chosen("quorum")} on_fault={add_fault} />
                }
            </div>
            <h2>{ i18n.t("cap-services-title") }</h2>
            { services(&i18n, &c.services) }
        </section>
    }
}

/// The engine has no scenario of that name: say so, and offer the real ones.
fn unknown_scenario(i18n: &I18n, request: &CapRequest) -> Html {
    html! {
        <div class="cap-error" role="alert" data-testid="cap-unknown-scenario">
            <p>{ i18n.t_with("cap-unknown-scenario", &Args::new().text("scenario", request.scenario.clone())) }</p>
            <ul>
                { for ScenarioKey::ALL.iter().map(|s| {
                    let href = url::hash_for(&CapRequest { scenario: s.key().into(), extra_faults: vec![], ..request.clone() });
                    html! { <li><a href={href} data-testid="cap-scenario-link">{ words::scenario_title(i18n, *s) }</a></li> }
                }) }
            </ul>
        </div>
    }
}

fn services(i18n: &I18n, services: &[ServiceView]) -> Html {
    html! {
        <div class="cap-table-scroll">
            <table class="plain" data-testid="cap-services">
                <thead><tr><th>{ i18n.t("cap-service") }</th><th>{ i18n.t("cap-service-cap") }</th><th>{ i18n.t("cap-service-consistency") }</th><th>{ i18n.t("cap-service-use-case") }</th><th>{ i18n.t("cap-service-simulated-as") }</th></tr></thead>
                <tbody>
                    { for services.iter().map(|s| html! {
                        <tr>
                            <td>{ &s.name }</td>
                            <td>{ words::cap_class(i18n, s.cap) }</td>
                            <td>{ words::consistency(i18n, s.consistency) }</td>
                            <td>{ words::use_cases(i18n, &s.use_cases) }</td>
                            <td>{ words::mode(i18n, &s.modelled_as) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
