//! The app shell: the shared state (the reducer), the engine's actions
//! handed to every page through a context, the top bar, the errors and the
//! progress of a long request, and the page the URL hash names.

mod engine;
mod language;
mod nav;
mod routing;

use std::rc::Rc;

use yew::prelude::*;

use crate::actions::EngineActions;
use crate::components::error_banner::{Errors, PageErrors};
use crate::components::progress::ProgressBar;
use crate::i18n::I18n;
use crate::route::Route;
use crate::state::{Action, AppState, Place};

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    let (i18n, on_language) = language::use_language();
    let hash = routing::use_location_hash();
    let route = Route::from_hash(&hash);
    let actions = engine::use_engine(&state);
    let errors = PageErrors {
        errors: Rc::new(state.errors.clone()),
        dismiss: {
            let dispatch = state.dispatcher();
            Callback::from(move |place| dispatch.dispatch(Action::DismissErrors(place)))
        },
    };
    html! {
        <ContextProvider<I18n> context={i18n.clone()}>
        <ContextProvider<EngineActions> context={actions.clone()}>
        <ContextProvider<PageErrors> context={errors}>
            <div class="app">
                <nav::TopBar route={route} ready={state.ready} finished={state.finished} on_language={on_language} />
                <Errors place={Place::Page} />
                if let Some(busy) = state.busy.clone() {
                    <ProgressBar busy={busy} on_cancel={actions.cancel.clone()} />
                }
                <main>{ routing::page(route, &state, &hash) }</main>
            </div>
        </ContextProvider<PageErrors>>
        </ContextProvider<EngineActions>>
        </ContextProvider<I18n>>
    }
}
