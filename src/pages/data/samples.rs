//! The built-in samples: retail tables or media JSON, of a chosen size and seed.

use dataplay_api::{SampleKind, SampleSpec};
use yew::prelude::*;

use crate::actions::use_actions;
use crate::dom;
use crate::i18n::use_i18n;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub busy: bool,
}

#[function_component(Samples)]
pub fn samples(props: &Props) -> Html {
    let i18n = use_i18n();
    let load = use_actions().load_sample;
    let sample_size = use_state(|| 10_000usize);
    let seed = use_state(|| 42u64);
    let load_sample = |kind: SampleKind| {
        let (load, size, seed) = (load.clone(), *sample_size, *seed);
        Callback::from(move |_: MouseEvent| load.emit(SampleSpec { kind, seed, size }))
    };
    let set_size = {
        let sample_size = sample_size.clone();
        Callback::from(move |e: Event| sample_size.set(dom::select_value(&e).parse().unwrap_or(10_000)))
    };
    let set_seed = {
        let seed = seed.clone();
        Callback::from(move |e: Event| {
            if let Ok(v) = dom::input_value(&e).trim().parse() {
                seed.set(v);
            }
        })
    };
    html! {
            <fieldset class="samples">
                <legend>{ i18n.t("data-samples") }</legend>
                <label>{ i18n.t("data-sample-size") }{ " " }
                    <select onchange={set_size} data-testid="sample-size">
                        { for SampleSpec::SIZES.iter().map(|n| html! {
                            <option value={n.to_string()} selected={*sample_size == *n}>{ format!("{n}") }</option>
                        }) }
                    </select>
                </label>
                <label>{ i18n.t("data-sample-seed") }{ " " }<input type="number" value={seed.to_string()} onchange={set_seed} data-testid="sample-seed" /></label>
                <button onclick={load_sample(SampleKind::Retail)} disabled={props.busy} data-testid="sample-retail">{ i18n.t("data-sample-retail") }</button>
                <button onclick={load_sample(SampleKind::Media)} disabled={props.busy} data-testid="sample-media">{ i18n.t("data-sample-media") }
    </button>
            </fieldset>
        }
}
