//! The app shell: navigation between the modules, the engine connection and
//! the shared state. Pages get plain props and callbacks.

use std::rc::Rc;

use dataplay_api::cap::CapRequest;
use dataplay_api::etl::EtlParams;
use dataplay_api::lake::{Ingest, LakeAction};
use dataplay_api::{Ask, FileFormat, LoadOptions, PipelineExport, SampleSpec, SourceRef};
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
use crate::state::{Action, AppState, LakeTask, Notice, Restorable, Task};
use crate::words;

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
    /// Ingest files into the lake (the files, and where they go).
    pub ingest: Callback<(Vec<File>, Ingest)>,
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
    task: Task,
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
        Ask::Load {
            sources: refs,
            max_file_bytes: max,
        },
        &files,
    );
    state.dispatch(Action::Started {
        id,
        task,
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
                EngineEvent::Message(m) => dispatch.dispatch(Action::Engine(m)),
                EngineEvent::Lost(notice) => dispatch.dispatch(Action::Lost(notice)),
                EngineEvent::Notice(notice) => dispatch.dispatch(Action::Notify(notice)),
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
                start_load(&client, &state2, sources, Task::Restoring, true);
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
            start_load(&c, &s, sources, Task::Loading(names), false);
        });
        let c = client.clone();
        let s = state.clone();
        let load_sample = Callback::from(move |spec: SampleSpec| {
            start_load(&c, &s, vec![Restorable::Sample(spec)], Task::Generating, false);
        });
        let c = client.clone();
        let s = state.clone();
        let reload = Callback::from(move |(dataset, options): (String, LoadOptions)| {
            let id = c.send(
                Ask::Reload {
                    dataset: dataset.clone(),
                    options,
                },
                &[],
            );
            s.dispatch(Action::Started {
                id,
                task: Task::Rereading(dataset),
                sources: vec![],
                restoring: false,
            });
        });
        let c = client.clone();
        let rows = Callback::from(move |(dataset, start, len): (String, usize, usize)| {
            c.send(Ask::Rows { dataset, start, len }, &[]);
        });
        let c = client.clone();
        let remove = Callback::from(move |dataset: String| {
            c.send(Ask::Remove { dataset }, &[]);
        });
        let s = state.clone();
        let select = Callback::from(move |name: String| s.dispatch(Action::Select(name)));
        let c = client.clone();
        let s = state.clone();
        let cancel = Callback::from(move |_| {
            let what = s.busy.as_ref().map_or(Task::Restoring, |b| b.task.clone());
            s.dispatch(Action::Lost(Notice::Cancelled(what)));
            c.restart();
        });
        let c = client.clone();
        let run_cap = Callback::from(move |request: CapRequest| {
            c.send(Ask::Cap(request), &[]);
        });
        let c = client.clone();
        let s = state.clone();
        let run_etl = Callback::from(move |params: EtlParams| {
            let id = c.send(Ask::Etl(params), &[]);
            s.dispatch(Action::Started {
                id,
                task: Task::Etl,
                sources: vec![],
                restoring: false,
            });
        });
        let s = state.clone();
        let select_etl = Callback::from(move |name: String| s.dispatch(Action::SelectEtl(name)));
        let c = client.clone();
        let s = state.clone();
        let run_lake = Callback::from(move |action: LakeAction| {
            let task = Task::Lake(LakeTask::of(&action));
            let id = c.send(Ask::Lake(action), &[]);
            s.dispatch(Action::Started {
                id,
                task,
                sources: vec![],
                restoring: false,
            });
        });
        let c = client.clone();
        let s = state.clone();
        let ingest = Callback::from(move |(files, ingest): (Vec<File>, Ingest)| {
            let task = Task::Ingesting(files.len());
            let id = c.send(Ask::Ingest(ingest), &files);
            s.dispatch(Action::Started {
                id,
                task,
                sources: vec![],
                restoring: false,
            });
        });
        let s = state.clone();
        let select_lake = Callback::from(move |name: String| s.dispatch(Action::SelectLake(name)));
        let c = client.clone();
        let export = Callback::from(move |(dataset, format): (String, FileFormat)| {
            c.send(Ask::Export { dataset, format }, &[]);
        });
        let c = client.clone();
        let export_pipeline = Callback::from(move |pipeline: PipelineExport| {
            c.send(Ask::ExportPipeline(pipeline), &[]);
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
            <ErrorBanner errors={state.errors.iter().map(words::notice).collect::<Vec<_>>()} on_dismiss={dismiss} />
            if let Some(busy) = state.busy.clone() {
                <ProgressBar busy={busy} on_cancel={actions.cancel.clone()} />
            }
            <main>
                {
                    match *route {
                        Route::Data => html! {
                            <DataPage
                                datasets={state.data.datasets.clone()}
                                selected={state.data.selected_summary().cloned()}
                                window={state.data.window.clone()}
                                busy={state.busy.is_some()}
                                epoch={state.epoch}
                                engine_usable={state.ready && !state.busy.as_ref().is_some_and(|b| b.restoring)}
                                actions={actions.clone()}
                            />
                        },
                        Route::Module(i) if MODULES[i].key == "etl" => html! {
                            <EtlPage
                                datasets={state.data.datasets.clone()}
                                report={state.etl.clone()}
                                outputs={state.etl_tables.datasets.clone()}
                                selected={state.etl_tables.selected_summary().cloned()}
                                window={state.etl_tables.window.clone()}
                                epoch={state.epoch}
                                busy={state.busy.is_some()}
                                ready={state.ready}
                                actions={actions.clone()}
                            />
                        },
                        Route::Module(i) if MODULES[i].key == "lake" => html! {
                            <LakePage
                                view={state.lake.clone()}
                                outputs={state.lake_tables.datasets.clone()}
                                selected={state.lake_tables.selected_summary().cloned()}
                                window={state.lake_tables.window.clone()}
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
                        Route::Module(i) => html! { <ModulePage module={i} datasets={state.data.datasets.clone()} /> },
                    }
                }
            </main>
        </div>
    }
}
