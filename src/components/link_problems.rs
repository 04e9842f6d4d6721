//! The parts of a page's link that could not be read, each named with what
//! the link said (the rest of the link applies).

use yew::prelude::*;

use crate::i18n::{use_i18n, Args};
use crate::link::BadPart;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub bad: Vec<BadPart>,
    /// `cap-url-problems`, `etl-url-problems`.
    pub testid: AttrValue,
}

#[function_component(LinkProblems)]
pub fn link_problems(props: &Props) -> Html {
    let i18n = use_i18n();
    if props.bad.is_empty() {
        return html! {};
    }
    html! {
        <div class="cap-error" role="alert" data-testid={props.testid.clone()}>
            { for props.bad.iter().map(|b| html! {
                <p>{ i18n.t_with("link-bad-part", &Args::new().text("name", b.name).text("value", b.value.clone())) }</p>
            }) }
        </div>
    }
}
