//! The top bar: the brand, a link per route (the current one marked), and
//! the engine's status with the count of finished requests the tests wait on.

use yew::prelude::*;

use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub route: Route,
    pub ready: bool,
    /// `AppState::finished`.
    pub finished: u64,
}

#[function_component(TopBar)]
pub fn top_bar(props: &Props) -> Html {
    let link = |target: Route| {
        let class = if props.route == target {
            "nav-link active"
        } else {
            "nav-link"
        };
        html! { <a class={class} href={target.hash()}>{ target.title() }</a> }
    };
    html! {
        <header class="topbar">
            <span class="brand">{ "dataplay" }</span>
            <nav>
                { for Route::ALL.into_iter().map(link) }
            </nav>
            <span class={classes!("engine-status", props.ready.then_some("ready"))} data-testid="engine-status" data-finished={props.finished.to_string()}>
                { if props.ready { "engine ready" } else { "engine starting…" } }
            </span>
        </header>
    }
}
