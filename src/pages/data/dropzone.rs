//! Where files come in: dropped on the zone or picked with the button,
//! several at once, read with the options chosen beside it.

use dataplay_api::LoadOptions;
use yew::prelude::*;

use crate::actions::use_actions;
use crate::dom;
use crate::i18n::use_i18n;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub options: LoadOptions,
}

#[function_component(Dropzone)]
pub fn dropzone(props: &Props) -> Html {
    let i18n = use_i18n();
    let load = use_actions().load_files;
    let dragging = use_state(|| false);
    let on_pick = {
        let (load, options) = (load.clone(), props.options.clone());
        Callback::from(move |e: Event| load.emit((dom::take_files(&e), options.clone())))
    };
    let on_drop = {
        let (options, dragging) = (props.options.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            load.emit((dom::dropped_files(&e), options.clone()));
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    html! {
        <div class={classes!("dropzone", dragging.then_some("dragging"))}
             ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave} data-testid="dropzone">
            <p>{ i18n.t("data-drop-files") }{ " " }</p>
            <label class="button">
                { i18n.t("data-choose-files") }

                <input type="file" multiple=true data-testid="file-input"
                       accept=".csv,.tsv,.txt,.json,.jsonl,.ndjson,.parquet,.pq"
                       onchange={on_pick} />
            </label>
        </div>
    }
}
