//! The engine wiring: one engine client for the app's lifetime, its events
//! dispatched to the reducer, the actions made from both, and the workspace
//! rebuilt in the new worker after a restart (cancel or crash).

use yew::prelude::*;

use crate::actions::EngineActions;
use crate::engine_client::{EngineClient, EngineEvent};
use crate::state::{Action, AppState, Busy};

#[hook]
pub fn use_engine(state: &UseReducerHandle<AppState>) -> EngineActions {
    let actions = {
        let dispatch = state.dispatcher();
        (*use_memo((), move |_| {
            let events = dispatch.clone();
            let client = EngineClient::new(Callback::from(move |event| events.dispatch(action(event))));
            EngineActions::new(client, dispatch)
        }))
        .clone()
    };
    // After a restart (cancel or crash), rebuild the workspace once ready.
    {
        let (actions, state) = (actions.clone(), state.clone());
        let pending = state.busy.as_ref().is_some_and(Busy::is_restore_pending);
        use_effect_with((state.ready, pending), move |(ready, pending)| {
            if *ready && *pending {
                actions.restore(state.restores.iter().map(|r| r.source.clone()).collect());
            }
        });
    }
    actions
}

fn action(event: EngineEvent) -> Action {
    match event {
        EngineEvent::Message(m) => Action::Engine(m),
        EngineEvent::Lost(notice) => Action::Lost(notice),
        EngineEvent::Notice(notice) => Action::Notify(notice),
    }
}
