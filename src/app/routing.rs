//! Routing: the location's hash, followed as it changes (so a module can be
//! linked to and Back works), and the page its route names, given the parts
//! of the state it shows.

use yew::prelude::*;

use crate::dom;
use crate::glossary::page::GlossaryPage;
use crate::pages::cap::CapPage;
use crate::pages::data::DataPage;
use crate::pages::etl::EtlPage;
use crate::pages::lake::LakePage;
use crate::route::Route;
use crate::state::AppState;

/// The location's hash, as it is now.
#[hook]
pub fn use_location_hash() -> String {
    let hash = use_state(dom::location_hash);
    {
        let hash = hash.clone();
        use_effect_with((), move |_| {
            let listener = dom::on_hash_change(move || hash.set(dom::location_hash()));
            move || drop(listener)
        });
    }
    (*hash).clone()
}

pub fn page(route: Route, state: &AppState, hash: &str, search_focus: u32) -> Html {
    let busy = state.busy.is_some();
    match route {
        Route::Data => html! {
            <DataPage
                data={state.data.clone()}
                failed={state.failed_sources.clone()}
                busy={busy}
                epoch={state.epoch}
                engine_usable={state.ready && !state.busy.as_ref().is_some_and(|b| b.restoring)}
            />
        },
        Route::Etl => html! {
            <EtlPage
                datasets={state.data.datasets.clone()}
                report={state.etl.clone()}
                tables={state.etl_tables.clone()}
                epoch={state.epoch}
                busy={busy}
                ready={state.ready}
            />
        },
        Route::Lake => html! {
            <LakePage
                view={state.lake.clone()}
                tables={state.lake_tables.clone()}
                lake_query={state.lake_query}
                warehouse_query={state.warehouse_query}
                glue_reports={state.glue_reports.clone()}
                failure={state.lake_failure.clone()}
                epoch={state.epoch}
                busy={busy}
                ready={state.ready}
            />
        },
        Route::Lessons => html! {
            <crate::lessons::page::LessonsPage lake_files={state.lake.as_ref().map_or(0, |l| l.files.len())} />
        },
        Route::Exercises => html! {
            <crate::exercises::page::ExercisesPage lake_files={state.lake.as_ref().map_or(0, |l| l.files.len())} />
        },
        Route::Glossary => html! { <GlossaryPage hash={hash.to_string()} focus={search_focus} /> },
        Route::Cap => html! {
            <CapPage hash={hash.to_string()} elapsed_ms={state.cap_elapsed_ms} failed={state.cap_failed.clone()} comparison={state.cap.clone()} ready={state.ready} />
        },
    }
}
