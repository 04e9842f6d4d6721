//! Filling the lake: the media sample (with a chosen number of interaction
//! events), or the user's own files into a zone / dataset for a day.

use dataplay_api::lake::{Ingest as Destination, LakeAction, ZONES};
use yew::prelude::*;

use crate::actions::use_actions;
use crate::dom;
use crate::i18n::use_i18n;

/// The choices of this section, kept by the page.
#[derive(Clone, PartialEq)]
pub struct IngestDraft {
    events: UseStateHandle<u64>,
    zone: UseStateHandle<String>,
    dataset: UseStateHandle<String>,
    day: UseStateHandle<String>,
}

/// The choices a link starts from (the sample's size).
#[hook]
pub fn use_ingest_draft(link: &super::url::Link) -> IngestDraft {
    IngestDraft {
        events: use_state(|| link.events.unwrap_or(super::url::DEFAULT_EVENTS)),
        zone: use_state(|| "raw".to_string()),
        dataset: use_state(|| "uploads".to_string()),
        day: use_state(|| "2024-01-20".to_string()),
    }
}

impl IngestDraft {
    /// Its part of the page's link.
    pub fn write(&self, link: &mut super::url::Link) {
        link.events = Some(*self.events);
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub draft: IngestDraft,
    pub can_run: bool,
}

#[function_component(Ingest)]
pub fn ingest(props: &Props) -> Html {
    let i18n = use_i18n();
    let actions = use_actions();
    let IngestDraft {
        events,
        zone,
        dataset,
        day,
    } = props.draft.clone();
    let load_sample = {
        let (run, events) = (actions.run_lake.clone(), events.clone());
        Callback::from(move |_: MouseEvent| {
            run.emit(LakeAction::LoadSample {
                seed: 42,
                events: *events,
            })
        })
    };
    let on_events = {
        let events = events.clone();
        Callback::from(move |e: Event| {
            if let Ok(v) = dom::select_value(&e).parse() {
                events.set(v);
            }
        })
    };
    let on_files = {
        let (ingest, zone, dataset, day) = (actions.ingest.clone(), zone.clone(), dataset.clone(), day.clone());
        Callback::from(move |e: Event| {
            let files = dom::take_files(&e);
            if !files.is_empty() {
                let to = Destination {
                    zone: (*zone).clone(),
                    dataset: (*dataset).clone(),
                    day: (*day).clone(),
                };
                ingest.emit((files, to));
            }
        })
    };
    let setter = |h: &UseStateHandle<String>, read: fn(&Event) -> String| {
        let h = h.clone();
        Callback::from(move |e: Event| h.set(read(&e)))
    };
    html! {
        <>
            <div class="lake-ingest">
                <label>{ i18n.t("lake-events") }{ " " }
                    <select onchange={on_events} data-testid="lake-events">
                        { for [3_000u64, 20_000, 200_000].iter().map(|n| html! { <option value={n.to_string()} selected={*events == *n}>{ i18n.count(*n as f64) }</option> }) }
                    </select>
                </label>
                <button class="primary" onclick={load_sample} disabled={!props.can_run} data-testid="lake-load-sample">{ i18n.t("lake-load-sample") }</button>
            </div>
            <div class="lake-ingest">
                { i18n.t("lake-ingest-into") }{ " " }
                <select onchange={setter(&zone, dom::select_value)} data-testid="ingest-zone">
                    { for ZONES.iter().map(|z| html! { <option value={*z} selected={*zone == *z}>{ *z }</option> }) }
                </select>
                { " / " }<input class="narrow" value={(*dataset).clone()} onchange={setter(&dataset, dom::input_value)} data-testid="ingest-dataset" />
                { " " }{ i18n.t("lake-ingest-day") }{ " " }<input type="date" value={(*day).clone()} onchange={setter(&day, dom::input_value)} data-testid="ingest-day" />
                { " " }<input type="file" multiple=true onchange={on_files} disabled={!props.can_run} data-testid="ingest-files" />
            </div>
        </>
    }
}
