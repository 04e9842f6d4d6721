//! The app shell: the shared state (the reducer), the engine's actions
//! handed to every page through a context, the top bar, the errors and the
//! progress of a long request, the page the URL hash names, presenter
//! mode and the keyboard shortcuts.

mod engine;
mod language;
mod nav;
mod presenter;
mod routing;
mod shortcuts;

use std::rc::Rc;

use yew::prelude::*;

use crate::actions::EngineActions;
use crate::components::error_banner::{Errors, PageErrors};
use crate::components::progress::ProgressBar;
use crate::dom;
use crate::i18n::I18n;
use crate::route::Route;
use crate::state::{Action, AppState, Place};
use shortcuts::{Command, ShortcutsDialog};

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    let language = language::use_language();
    let hash = routing::use_location_hash();
    let route = Route::from_hash(&hash);
    let actions = engine::use_engine(&state);
    let (present, on_present) = presenter::use_presenter();
    let help = use_state(|| false);
    let search_focus = use_state(|| 0u32);
    {
        let (help, search_focus, on_present) = (help.clone(), search_focus.clone(), on_present.clone());
        // The shortcut's listener outlives renders: it reads the mode from here.
        let current = use_mut_ref(|| present);
        *current.borrow_mut() = present;
        let present = current;
        let run = {
            let present = present.clone();
            Callback::from(move |c: Command| match c {
                Command::TogglePresenter => {
                    let to = !*present.borrow();
                    *present.borrow_mut() = to;
                    on_present.emit(to);
                }
                Command::ToggleHelp => help.set(!*help),
                Command::Escape => help.set(false),
                Command::Go(r) => dom::set_location_hash(&r.hash()),
                Command::SearchGlossary => {
                    if Route::from_hash(&dom::location_hash()) != Route::Glossary {
                        dom::set_location_hash(&Route::Glossary.hash());
                    }
                    search_focus.set(*search_focus + 1);
                }
            })
        };
        shortcuts::use_shortcuts(run);
    }
    let errors = PageErrors {
        errors: Rc::new(state.errors.clone()),
        dismiss: {
            let dispatch = state.dispatcher();
            Callback::from(move |place| dispatch.dispatch(Action::DismissErrors(place)))
        },
    };
    let Some(i18n) = language.i18n else {
        return language::waiting(language.failed.as_ref());
    };
    let on_language = language.switch;
    html! {
        <ContextProvider<I18n> context={i18n.clone()}>
        <ContextProvider<EngineActions> context={actions.clone()}>
        <ContextProvider<PageErrors> context={errors}>
            <div class="app">
                <nav::TopBar route={route} ready={state.ready} finished={state.finished} on_language={on_language}
                    present={present} on_present={on_present} on_help={{ let help = help.clone(); Callback::from(move |_| help.set(true)) }} />
                <Errors place={Place::Page} />
                if let Some(busy) = state.busy.clone() {
                    <ProgressBar busy={busy} on_cancel={actions.cancel.clone()} />
                }
                <main>{ routing::page(route, &state, &hash, *search_focus) }</main>
                if *help {
                    <ShortcutsDialog on_close={{ let help = help.clone(); Callback::from(move |_| help.set(false)) }} />
                }
            </div>
        </ContextProvider<PageErrors>>
        </ContextProvider<EngineActions>>
        </ContextProvider<I18n>>
    }
}
