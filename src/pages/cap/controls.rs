//! What the run is: scenario, seed, number of data centers, whether AP keeps
//! siblings, and an extra quorum mode. Each change is a new URL (see `url`),
//! which the page then runs.

use dataplay_api::cap::{CapRequest, ScenarioKey};
use yew::prelude::*;

use super::url::navigate;
use super::words;
use crate::dom;
use crate::i18n::{use_i18n, Args};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The request the URL asks for.
    pub request: CapRequest,
}

const QUORUMS: [&str; 5] = ["", "3,2,2", "3,1,1", "3,1,3", "4,2,3"];

#[function_component(RequestControls)]
pub fn request_controls(props: &Props) -> Html {
    let i18n = use_i18n();
    let request = &props.request;
    let change = |f: fn(&CapRequest, &Event) -> Option<CapRequest>| {
        let current = request.clone();
        Callback::from(move |e: Event| {
            if let Some(next) = f(&current, &e) {
                navigate(&next);
            }
        })
    };
    let set_scenario = change(|r, e| {
        Some(CapRequest {
            scenario: dom::select_value(e),
            extra_faults: vec![],
            ..r.clone()
        })
    });
    let set_seed = change(|r, e| {
        let seed = dom::input_value(e).trim().parse().ok()?;
        Some(CapRequest { seed, ..r.clone() })
    });
    let set_nodes = change(|r, e| {
        let nodes = dom::select_value(e).parse().ok().filter(|n| *n != 4);
        Some(CapRequest {
            nodes,
            extra_faults: vec![],
            ..r.clone()
        })
    });
    let toggle_siblings = change(|r, _| {
        Some(CapRequest {
            siblings: !r.siblings,
            ..r.clone()
        })
    });
    let set_quorum = change(|r, e| {
        let v: Vec<usize> = dom::select_value(e).split(',').filter_map(|x| x.parse().ok()).collect();
        let quorum = (v.len() == 3).then(|| (v[0], v[1], v[2]));
        Some(CapRequest { quorum, ..r.clone() })
    });
    let quorum = request
        .quorum
        .map(|(n, r, w)| format!("{n},{r},{w}"))
        .unwrap_or_default();
    html! {
        <>
            <select onchange={set_scenario} data-testid="cap-scenario" aria-label={i18n.t("cap-scenario")}>
                { for ScenarioKey::ALL.iter().map(|s| html! { <option value={s.key()} selected={s.key() == request.scenario}>{ words::scenario_title(&i18n, *s) }</option> }) }
            </select>
            <label>{ i18n.t("cap-seed") }{ " " }<input type="number" value={request.seed.to_string()} onchange={set_seed} data-testid="cap-seed" /></label>
            <label>{ i18n.t("cap-nodes") }{ " " }
                <select onchange={set_nodes} data-testid="cap-nodes">
                    { for (3..=7usize).map(|n| html! { <option value={n.to_string()} selected={request.nodes.unwrap_or(4) == n}>{ n }</option> }) }
                </select>
            </label>
            <label title={i18n.t("cap-siblings-help")}>
                <input type="checkbox" checked={request.siblings} onchange={toggle_siblings} data-testid="cap-siblings" />
                { " " }{ i18n.t("cap-siblings") }{ " " }
            </label>
            <label>{ i18n.t("cap-quorum") }{ " " }
                <select onchange={set_quorum} data-testid="cap-quorum">
                    { for QUORUMS.iter().map(|q| {
                        let label = if q.is_empty() { i18n.t("cap-quorum-none") } else { i18n.t_with("cap-quorum-nrw", &Args::new().text("nrw", *q)) };
                        html! { <option value={*q} selected={quorum == *q}>{ label }</option> }
                    }) }
                </select>
            </label>
        </>
    }
}
