//! The errors shown at one place of the page (`data-testid="error"`,
//! `data-place` its name), newest last, with a dismiss button: beside the
//! control whose request failed, or under the top bar for what belongs to
//! no control. The list comes from the app through [`PageErrors`]. Errors
//! never replace what the page shows.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::use_i18n;
use crate::state::{Notice, Place};
use crate::words;

/// Every error on the page, each with its place, and how to close a
/// place's: the context the app provides.
#[derive(Clone, PartialEq)]
pub struct PageErrors {
    pub errors: Rc<Vec<(Place, Notice)>>,
    pub dismiss: Callback<Place>,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub place: Place,
}

#[function_component(Errors)]
pub fn errors(props: &Props) -> Html {
    let i18n = use_i18n();
    let Some(all) = use_context::<PageErrors>() else {
        return html! {};
    };
    let place = props.place;
    let shown: Vec<String> = all
        .errors
        .iter()
        .filter(|(p, _)| *p == place)
        .map(|(_, n)| words::notice(&i18n, n))
        .collect();
    if shown.is_empty() {
        return html! {};
    }
    let dismiss = all.dismiss.reform(move |_: MouseEvent| place);
    html! {
        <div class="error-banner" role="alert" data-testid="error" data-place={place.key()}>
            <ul>
                { for shown.iter().map(|e| html! { <li>{ e }</li> }) }
            </ul>
            <button class="dismiss" onclick={dismiss} data-testid="dismiss-error">{ i18n.t("dismiss") }</button>
        </div>
    }
}
