//! The app shell: navigation between the modules, the engine connection and
//! the shared state. Pages get plain props and callbacks.

use std::rc::Rc;

use dataplay_api::cap::CapRequest;
use dataplay_api::etl::EtlParams;
use dataplay_api::lake::LakeAction;
use dataplay_api::{FileFormat, LoadOptions, PipelineExport, Request, Response, SampleSpec, SourceRef};
use wasm_bindgen::prelude::*;
use web_sys::File;
use yew::prelude::*;

use crate::components::error_banner::ErrorBanner;
use crate::components::progress::ProgressBar;
use crate::engine_client::{EngineClient, EngineEvent};
use crate::pages::cap::CapPage;
use crate::pages::data::DataPage;
use crate::pages::etl::EtlPage;
use crate::pages::lake::LakePage;
use crate::pages::modules::{ModulePage, MODULES};
use crate::state::{Action, AppState, Restorable};

/// Files larger than this are refused before reading (override: `?max_file_mb=`).
const DEFAULT_MAX_FILE_MB: u64 = 1_000;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Data,
    Module(usize),
}

impl Route {
    fn from_hash(hash: &str) -> Route {
        let key = hash.trim_start_matches('#').trim_start_matches('/');
        let key = key.split(['?', '/']).next().unwrap_or_default();
        MODULES
            .iter()
            .position(|m| m.key == key)
            .map_or(Route::Data, Route::Module)
    }

    fn hash(self) -> String {
        match self {
            Route::Data => "#/data".into(),
            Route::Module(i) => format!("#/{}", MODULES[i].key),
        }
    }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

fn max_file_bytes() -> u64 {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let mb = web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|p| p.get("max_file_mb"))
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(DEFAULT_MAX_FILE_MB);
    mb.saturating_mul(1_000_000)
}

/// What the pages can ask of the engine.
#[derive(Clone)]
pub struct EngineActions {
    pub load_files: Callback<(Vec<File>, LoadOptions)>,
    pub load_sample: Callback<SampleSpec>,
    pub reload: Callback<(String, LoadOptions)>,
    pub rows: Callback<(String, usize, usize)>,
    pub remove: Callback<String>,
    pub select: Callback<String>,
    pub cancel: Callback<()>,
    pub run_cap: Callback<CapRequest>,
    pub run_etl: Callback<EtlParams>,
    pub select_etl: Callback<String>,
    pub run_lake: Callback<LakeAction>,
    /// Ingest files into the lake (`LakeAction::Ingest`, files posted with it).
    pub ingest: Callback<(Vec<File>, LakeAction)>,
    pub select_lake: Callback<String>,
    /// Download a dataset as a file.
    pub export: Callback<(String, FileFormat)>,
    /// Download a pipeline as code for another engine (PySpark, PostgreSQL).
    pub export_pipeline: Callback<PipelineExport>,
}

impl PartialEq for EngineActions {
    fn eq(&self, other: &Self) -> bool {
        self.load_files == other.load_files && self.rows == other.rows
    }
}

fn start_load(
    client: &EngineClient,
    state: &UseReducerHandle<AppState>,
    sources: Vec<Restorable>,
    label: String,
    restoring: bool,
) {
    let mut files = Vec::new();
    let refs: Vec<SourceRef> = sources
        .iter()
        .map(|s| match s {
            Restorable::File { file, options } => {
                files.push(file.clone());
                SourceRef::File {
                    index: files.len() - 1,
                    name: file.name(),
                    options: options.clone(),
                }
            }
            Restorable::Sample(spec) => SourceRef::Sample(*spec),
        })
        .collect();
    let max = max_file_bytes();
    let id = client.send(
        |id| Request::Load {
            id,
            sources: refs,
            max_file_bytes: max,
        },
        &files,
    );
    state.dispatch(Action::Started {
        id,
        label,
        sources,
        restoring,
    });
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    let route = use_state(|| Route::from_hash(&current_hash()));

    // Follow the URL hash, so a module can be linked to and Back works.
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn FnMut()>::new(move || route.set(Route::from_hash(&current_hash())));
            if let Some(w) = web_sys::window() {
                w.set_onhashchange(Some(listener.as_ref().unchecked_ref()));
            }
            move || drop(listener)
        });
    }

    let client: Rc<EngineClient> = {
        let state = state.clone();
        (*use_memo((), move |_| {
            let dispatch = state.dispatcher();
            EngineClient::new(Callback::from(move |event: EngineEvent| match event {
                EngineEvent::Response(r) => dispatch.dispatch(from_response(r)),
                EngineEvent::Crashed(reason) => dispatch.dispatch(Action::Lost { reason }),
            }))
        }))
        .clone()
    };

    // After a restart (cancel or crash), rebuild the workspace once ready.
    {
        let client = client.clone();
        let state2 = state.clone();
        let pending = state.busy.as_ref().is_some_and(|b| b.is_restore_pending());
        use_effect_with((state.ready, pending), move |(ready, pending)| {
            if *ready && *pending {
                let sources = state2.restores.iter().map(|r| r.source.clone()).collect();
                start_load(&client, &state2, sources, "Restoring your tables".into(), true);
            }
        });
    }

    let actions = {
        let c = client.clone();
        let s = state.clone();
        let load_files = Callback::from(move |(files, options): (Vec<File>, LoadOptions)| {
            if files.is_empty() {
                return;
            }
            let names: Vec<String> = files.iter().map(File::name).collect();
            let sources = files
                .into_iter()
                .map(|file| Restorable::File {
                    file,
                    options: options.clone(),
                })
                .collect();
            start_load(&c, &s, sources, format!("Loading {}", names.join(", ")), false);
        });
        let c = client.clone();
        let s = state.clone();
        let load_sample = Callback::from(move |spec: SampleSpec| {
            start_load(
                &c,
                &s,
                vec![Restorable::Sample(spec)],
                "Generating sample".into(),
                false,
            );
        });
        let c = client.clone();
        let s = state.clone();
        let reload = Callback::from(move |(dataset, options): (String, LoadOptions)| {
            let id = c.send(
                |id| Request::Reload {
                    id,
                    dataset: dataset.clone(),
                    options,
                },
                &[],
            );
            s.dispatch(Action::Started {
                id,
                label: format!("Re-reading {dataset}"),
                sources: vec![],
                restoring: false,
            });
        });
        let c = client.clone();
        let rows = Callback::from(move |(dataset, start, len): (String, usize, usize)| {
            c.send(
                |id| Request::Rows {
                    id,
                    dataset,
                    start,
                    len,
                },
                &[],
            );
        });
        let c = client.clone();
        let remove = Callback::from(move |dataset: String| {
            c.send(|id| Request::Remove { id, dataset }, &[]);
        });
        let s = state.clone();
        let select = Callback::from(move |name: String| s.dispatch(Action::Select(name)));
        let c = client.clone();
        let s = state.clone();
        let cancel = Callback::from(move |_| {
            let what = s.busy.as_ref().map(|b| b.label.clone()).unwrap_or_default();
            s.dispatch(Action::Lost {
                reason: format!("Cancelled: {what}. Your tables are kept."),
            });
            c.restart();
        });
        let c = client.clone();
        let run_cap = Callback::from(move |request: CapRequest| {
            c.send(|id| Request::Cap { id, request }, &[]);
        });
        let c = client.clone();
        let s = state.clone();
        let run_etl = Callback::from(move |params: EtlParams| {
            let id = c.send(|id| Request::Etl { id, params }, &[]);
            s.dispatch(Action::Started {
                id,
                label: "Running the ETL pipeline".into(),
                sources: vec![],
                restoring: false,
            });
        });
        let s = state.clone();
        let select_etl = Callback::from(move |name: String| s.dispatch(Action::SelectEtl(name)));
        let c = client.clone();
        let s = state.clone();
        let run_lake = Callback::from(move |action: LakeAction| {
            let label = match &action {
                LakeAction::List => "Listing the lake",
                LakeAction::LoadSample { .. } => "Loading the media sample into the lake",
                LakeAction::Ingest { .. } => "Ingesting files into the lake",
                LakeAction::Glue { .. } => "Running the Glue job",
                LakeAction::LakeSql { .. } => "Querying the lake",
                LakeAction::WarehouseSql { .. } => "Running the warehouse script",
            };
            let id = c.send(|id| Request::Lake { id, action }, &[]);
            s.dispatch(Action::Started {
                id,
                label: label.into(),
                sources: vec![],
                restoring: false,
            });
        });
        let c = client.clone();
        let s = state.clone();
        let ingest = Callback::from(move |(files, action): (Vec<File>, LakeAction)| {
            let label = format!("Ingesting {} file(s) into the lake", files.len());
            let id = c.send(|id| Request::Lake { id, action }, &files);
            s.dispatch(Action::Started {
                id,
                label,
                sources: vec![],
                restoring: false,
            });
        });
        let s = state.clone();
        let select_lake = Callback::from(move |name: String| s.dispatch(Action::SelectLake(name)));
        let c = client.clone();
        let export = Callback::from(move |(dataset, format): (String, FileFormat)| {
            c.send(|id| Request::Export { id, dataset, format }, &[]);
        });
        let c = client.clone();
        let export_pipeline = Callback::from(move |pipeline: PipelineExport| {
            c.send(|id| Request::ExportPipeline { id, pipeline }, &[]);
        });
        EngineActions {
            run_etl,
            select_etl,
            run_lake,
            ingest,
            select_lake,
            export,
            export_pipeline,
            load_files,
            load_sample,
            reload,
            rows,
            remove,
            select,
            cancel,
            run_cap,
        }
    };

    let nav = |target: Route, label: &str| {
        let class = if *route == target {
            "nav-link active"
        } else {
            "nav-link"
        };
        html! { <a class={class} href={target.hash()}>{ label.to_string() }</a> }
    };
    let dismiss = {
        let s = state.clone();
        Callback::from(move |_| s.dispatch(Action::DismissErrors))
    };

    html! {
        <div class="app">
            <header class="topbar">
                <span class="brand">{ "dataplay" }</span>
                <nav>
                    { nav(Route::Data, "Data") }
                    { for MODULES.iter().enumerate().map(|(i, m)| nav(Route::Module(i), m.title)) }
                </nav>
                <span class={classes!("engine-status", state.ready.then_some("ready"))} data-testid="engine-status" data-finished={state.finished.to_string()}>
                    { if state.ready { "engine ready" } else { "engine starting…" } }
                </span>
            </header>
            <ErrorBanner errors={state.errors.clone()} on_dismiss={dismiss} />
            if let Some(busy) = state.busy.clone() {
                <ProgressBar busy={busy} on_cancel={actions.cancel.clone()} />
            }
            <main>
                {
                    match *route {
                        Route::Data => html! {
                            <DataPage
                                datasets={state.datasets.clone()}
                                selected={state.selected_summary().cloned()}
                                window={state.window.clone()}
                                busy={state.busy.is_some()}
                                epoch={state.epoch}
                                engine_usable={state.ready && !state.busy.as_ref().is_some_and(|b| b.restoring)}
                                actions={actions.clone()}
                            />
                        },
                        Route::Module(i) if MODULES[i].key == "etl" => html! {
                            <EtlPage
                                datasets={state.datasets.clone()}
                                report={state.etl.clone()}
                                outputs={state.etl_datasets.clone()}
                                selected={state.etl_selected_summary().cloned()}
                                window={state.etl_window.clone()}
                                epoch={state.epoch}
                                busy={state.busy.is_some()}
                                ready={state.ready}
                                actions={actions.clone()}
                            />
                        },
                        Route::Module(i) if MODULES[i].key == "lake" => html! {
                            <LakePage
                                view={state.lake.clone()}
                                outputs={state.lake_datasets.clone()}
                                selected={state.lake_selected_summary().cloned()}
                                window={state.lake_window.clone()}
                                lake_query={state.lake_query}
                                warehouse_query={state.warehouse_query}
                                epoch={state.epoch}
                                busy={state.busy.is_some()}
                                ready={state.ready}
                                actions={actions.clone()}
                            />
                        },
                        Route::Module(i) if MODULES[i].key == "cap" => html! {
                            <CapPage elapsed_ms={state.cap_elapsed_ms} comparison={state.cap.clone()} run={actions.run_cap.clone()} ready={state.ready} />
                        },
                        Route::Module(i) => html! { <ModulePage module={i} datasets={state.datasets.clone()} /> },
                    }
                }
            </main>
        </div>
    }
}

fn from_response(response: Response) -> Action {
    match response {
        Response::Ready => Action::Ready,
        Response::Progress { id, message, fraction } => Action::Progress { id, message, fraction },
        Response::Loaded {
            id,
            datasets,
            errors,
            ok_sources,
        } => Action::Loaded {
            id,
            datasets,
            errors,
            ok_sources,
        },
        Response::Rows { window, .. } => Action::Rows(window),
        Response::Removed { dataset, .. } => Action::Removed(dataset),
        Response::Failed { id, error } => Action::Failed { id, error },
        Response::Cap {
            comparison, elapsed_ms, ..
        } => Action::Cap(comparison, elapsed_ms),
        Response::Etl { id, report, datasets } => Action::Etl { id, report, datasets },
        Response::Lake {
            id,
            action,
            view,
            datasets,
        } => Action::Lake {
            id,
            action,
            view,
            datasets,
        },
        // The download was started by the engine client.
        Response::Exported { id, .. } => Action::Progress {
            id,
            message: String::new(),
            fraction: None,
        },
    }
}
