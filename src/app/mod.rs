//! The app shell: the shared state (the reducer), the engine's actions
//! handed to every page through a context, the top bar, the errors and the
//! progress of a long request, the page the URL hash names, presenter
//! mode and the keyboard shortcuts.

mod engine;
mod language;
mod nav;
pub mod offline;
pub mod persist;
mod presenter;
mod routing;
mod shell;
mod shortcuts;
mod transfer;

use std::rc::Rc;

use yew::prelude::*;

use crate::actions::EngineActions;
use crate::components::error_banner::{Errors, PageErrors};
use crate::components::progress::ProgressBar;
use crate::dom;
use crate::i18n::I18n;
use crate::route::Route;
use crate::state::{Action, AppState, Place};
use shell::{Shell, ShellAction};
use shortcuts::{Command, ShortcutsDialog};

#[function_component(App)]
pub fn app() -> Html {
    use_memo((), |_| dom::recall_links());
    let state = use_reducer(AppState::default);
    let language = language::use_language();
    let hash = routing::use_location_hash();
    let route = Route::from_hash(&hash);
    let actions = engine::use_engine(&state);
    let keeping = persist::use_persistence(&state, &actions);
    let exercises = crate::exercises::use_exercises(&state, &actions, route == Route::Exercises);
    let lessons = crate::lessons::use_lessons(&state, &actions, route == Route::Lessons);
    offline::use_offline(state.ready);
    let shell = use_reducer(|| Shell::new(presenter::initial()));
    presenter::use_presenter_effects(shell.present);
    {
        // The dispatcher is stable: the listener, set once, reaches the
        // current state through it.
        let dispatch = shell.dispatcher();
        shortcuts::use_shortcuts(Callback::from(move |c: Command| {
            match c {
                Command::Go(r) => dom::set_location_hash(&r.link()),
                Command::SearchGlossary if Route::from_hash(&dom::location_hash()) != Route::Glossary => {
                    dom::set_location_hash(&Route::Glossary.hash())
                }
                _ => {}
            }
            dispatch.dispatch(ShellAction::Key(c));
        }));
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
        <ContextProvider<persist::Keeping> context={keeping}>
        <ContextProvider<crate::exercises::Exercises> context={exercises.clone()}>
        <ContextProvider<crate::lessons::Lessons> context={lessons.clone()}>
            <div class="app">
                <nav::TopBar route={route} ready={state.ready} finished={state.finished} on_language={on_language}
                    present={shell.present} on_present={shell_callback(&shell, ShellAction::Present)}
                    on_help={shell_callback(&shell, |_| ShellAction::OpenHelp)} />
                <Errors place={Place::Page} />
                if let Some(busy) = state.busy.clone() {
                    <ProgressBar busy={busy} on_cancel={actions.cancel.clone()} />
                }
                // A started exercise or lesson draws its page afresh from its link.
                <main key={format!("{}-{}", exercises.starts, lessons.starts)}>{ routing::page(route, &state, &hash, shell.search_focus) }</main>
                <crate::lessons::panel::LessonPanel present={shell.present} />
                <crate::exercises::bar::ExerciseBar />
                if shell.help {
                    <ShortcutsDialog on_close={shell_callback(&shell, |_| ShellAction::CloseHelp)} />
                }
            </div>
        </ContextProvider<crate::lessons::Lessons>>
        </ContextProvider<crate::exercises::Exercises>>
        </ContextProvider<persist::Keeping>>
        </ContextProvider<PageErrors>>
        </ContextProvider<EngineActions>>
        </ContextProvider<I18n>>
    }
}

/// A callback that dispatches to the shell's reducer.
fn shell_callback<T: 'static>(shell: &UseReducerHandle<Shell>, f: impl Fn(T) -> ShellAction + 'static) -> Callback<T> {
    let dispatch = shell.dispatcher();
    Callback::from(move |v| dispatch.dispatch(f(v)))
}
