//! Progress of a long engine request, with a Cancel that always works (it
//! replaces the worker; the tables already loaded are restored).

use yew::prelude::*;

use crate::state::Busy;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub busy: Busy,
    pub on_cancel: Callback<()>,
}

#[function_component(ProgressBar)]
pub fn progress_bar(props: &Props) -> Html {
    let busy = &props.busy;
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let bar = match busy.fraction {
        Some(f) => {
            html! { <progress max="1" value={format!("{:.3}", f.clamp(0.0, 1.0))}></progress> }
        }
        None => html! { <progress></progress> },
    };
    html! {
        <div class="progress" data-testid="progress" aria-live="polite">
            { bar }
            <span class="progress-message">{ &busy.message }</span>
            if !busy.restoring {
                <button onclick={cancel} data-testid="cancel">{ "Cancel" }</button>
            }
        </div>
    }
}
