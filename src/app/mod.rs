//! The app shell: the shared state (the reducer), the engine's actions
//! handed to every page through a context, the top bar, the errors and the
//! progress of a long request, and the page the URL hash names.

mod engine;
mod language;
mod nav;
mod routing;

use yew::prelude::*;

use crate::actions::EngineActions;
use crate::components::error_banner::ErrorBanner;
use crate::components::progress::ProgressBar;
use crate::i18n::I18n;
use crate::route::Route;
use crate::state::{Action, AppState};
use crate::words;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    let (i18n, on_language) = language::use_language();
    let hash = routing::use_location_hash();
    let route = Route::from_hash(&hash);
    let actions = engine::use_engine(&state);
    let dismiss = {
        let dispatch = state.dispatcher();
        Callback::from(move |()| dispatch.dispatch(Action::DismissErrors))
    };
    html! {
        <ContextProvider<I18n> context={i18n.clone()}>
        <ContextProvider<EngineActions> context={actions.clone()}>
            <div class="app">
                <nav::TopBar route={route} ready={state.ready} finished={state.finished} on_language={on_language} />
                <ErrorBanner errors={state.errors.iter().map(|n| words::notice(&i18n, n)).collect::<Vec<_>>()} on_dismiss={dismiss} />
                if let Some(busy) = state.busy.clone() {
                    <ProgressBar busy={busy} on_cancel={actions.cancel.clone()} />
                }
                <main>{ routing::page(route, &state, &hash) }</main>
            </div>
        </ContextProvider<EngineActions>>
        </ContextProvider<I18n>>
    }
}
