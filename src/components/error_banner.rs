//! The visible list of errors (`data-testid="error"`), newest last, with a
//! dismiss button. Errors never replace what the page shows.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub errors: Vec<String>,
    pub on_dismiss: Callback<()>,
}

#[function_component(ErrorBanner)]
pub fn error_banner(props: &Props) -> Html {
    if props.errors.is_empty() {
        return html! {};
    }
    let i18n = crate::i18n::use_i18n();
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="error-banner" role="alert" data-testid="error">
            <ul>
                { for props.errors.iter().map(|e| html! { <li>{ e }</li> }) }
            </ul>
            <button class="dismiss" onclick={dismiss} data-testid="dismiss-error">{ i18n.t("dismiss") }</button>
        </div>
    }
}
