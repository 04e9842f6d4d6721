//! Progress of a long engine request, with a Cancel that always works (it
//! replaces the worker; the tables already loaded are restored).

use yew::prelude::*;

use crate::i18n::use_i18n;
use crate::state::Busy;
use crate::words;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub busy: Busy,
    pub on_cancel: Callback<()>,
}

#[function_component(ProgressBar)]
pub fn progress_bar(props: &Props) -> Html {
    let i18n = use_i18n();
    let busy = &props.busy;
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let fraction = busy.progress.as_ref().and_then(|p| p.fraction());
    let message = busy
        .progress
        .as_ref()
        .map_or_else(|| words::task(&i18n, &busy.task), |p| words::progress(&i18n, p));
    let bar = match fraction {
        Some(f) => {
            html! { <progress max="1" value={format!("{:.3}", f.clamp(0.0, 1.0))}></progress> }
        }
        None => html! { <progress></progress> },
    };
    html! {
        <div class="progress" data-testid="progress" aria-live="polite">
            { bar }
            <span class="progress-message">{ message }</span>
            if !busy.restoring {
                <button onclick={cancel} data-testid="cancel">{ i18n.t("cancel") }</button>
            }
        </div>
    }
}
