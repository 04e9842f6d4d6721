//! What the pages can ask of the engine, as callbacks: `EngineActions`,
//! made once from the engine client and the reducer's dispatcher by
//! [`EngineActions::new`], and handed to every page through a Yew context
//! (`use_context::<EngineActions>()`). A request the user waits for is also
//! told to the reducer (`Action::Started`), so the page shows it as busy.

use std::rc::Rc;

use dataplay_api::cap::CapRequest;
use dataplay_api::etl::EtlParams;
use dataplay_api::lake::{Ingest, LakeAction};
use dataplay_api::{Ask, FileFormat, LoadOptions, PipelineExport, SampleSpec, SourceRef};
use web_sys::File;
use yew::{hook, use_context, Callback, UseReducerDispatcher};

use crate::dom;
use crate::engine_client::EngineClient;
use crate::state::{Action, AppState, LakeTask, Restorable, Task};

/// Files larger than this are refused before reading (override: `?max_file_mb=`).
const DEFAULT_MAX_FILE_MB: u64 = 1_000;

type Dispatch = UseReducerDispatcher<AppState>;

/// What the pages can ask of the engine.
#[derive(Clone)]
pub struct EngineActions {
    client: Rc<EngineClient>,
    dispatch: Dispatch,
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

/// Actions are the same when they drive the same engine client: they are
/// made once per client, and the client outlives its workers (a restart
/// replaces the worker, not the client).
impl PartialEq for EngineActions {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.client, &other.client)
    }
}

impl EngineActions {
    pub fn new(client: Rc<EngineClient>, dispatch: Dispatch) -> EngineActions {
        let (c, d) = (&client, &dispatch);
        EngineActions {
            load_files: with(c, d, |c, d, (files, options)| load_files(c, d, files, options)),
            load_sample: with(c, d, |c, d, spec| {
                start_load(c, d, vec![Restorable::Sample(spec)], Task::Generating, false)
            }),
            reload: awaited(c, d, |(dataset, options): (String, LoadOptions)| Awaited {
                task: Task::Rereading(dataset.clone()),
                ask: Ask::Reload { dataset, options },
                files: vec![],
            }),
            rows: send(c, |(dataset, start, len)| Ask::Rows { dataset, start, len }),
            remove: send(c, |dataset| Ask::Remove { dataset }),
            select: select(d, Action::Select),
            cancel: with(c, d, |c, d, ()| {
                d.dispatch(Action::Cancel);
                c.restart();
            }),
            run_cap: send(c, Ask::Cap),
            run_etl: awaited(c, d, |params| Awaited::new(Ask::Etl(params), Task::Etl)),
            select_etl: select(d, Action::SelectEtl),
            run_lake: awaited(c, d, |action| {
                let task = Task::Lake(LakeTask::of(&action));
                Awaited::new(Ask::Lake(action), task)
            }),
            ingest: awaited(c, d, |(files, ingest): (Vec<File>, Ingest)| Awaited {
                task: Task::Ingesting(files.len()),
                ask: Ask::Ingest(ingest),
                files,
            }),
            select_lake: select(d, Action::SelectLake),
            export: send(c, |(dataset, format)| Ask::Export { dataset, format }),
            export_pipeline: send(c, Ask::ExportPipeline),
            client,
            dispatch,
        }
    }

    /// A request nobody waits for (its answer goes to the reducer).
    pub fn send(&self, ask: Ask) {
        self.client.send(ask, &[]);
    }

    /// The lake and warehouse as one file to keep (see `EngineClient::fetch`).
    pub fn save_state(&self) -> js_sys::Promise {
        self.client.fetch(Ask::SaveState, &[])
    }

    /// Put back the lake and warehouse a kept file holds (answered by
    /// `StateLoaded`, which the reducer shows; nobody waits for it).
    pub fn load_state(&self, file: &File) {
        self.client.send(Ask::LoadState, std::slice::from_ref(file));
    }

    /// Load `sources` again into a new engine (after a cancel or a crash).
    pub fn restore(&self, sources: Vec<Restorable>) {
        start_load(&self.client, &self.dispatch, sources, Task::Restoring, true);
    }
}

/// The actions, from the `ContextProvider` the app puts around every page.
#[hook]
pub fn use_actions() -> EngineActions {
    use_context::<EngineActions>().expect("the app provides EngineActions around every page")
}

/// A request the page waits for: what to ask, with which files, shown as `task`.
struct Awaited {
    ask: Ask,
    files: Vec<File>,
    task: Task,
}

impl Awaited {
    fn new(ask: Ask, task: Task) -> Awaited {
        Awaited {
            ask,
            files: vec![],
            task,
        }
    }
}

/// A callback that does `f` with the client and the dispatcher.
fn with<T: 'static>(
    client: &Rc<EngineClient>,
    dispatch: &Dispatch,
    f: fn(&Rc<EngineClient>, &Dispatch, T),
) -> Callback<T> {
    let (c, d) = (client.clone(), dispatch.clone());
    Callback::from(move |value| f(&c, &d, value))
}

/// A callback that tells the reducer something the user chose.
fn select(dispatch: &Dispatch, action: fn(String) -> Action) -> Callback<String> {
    let d = dispatch.clone();
    Callback::from(move |name| d.dispatch(action(name)))
}

/// A callback that sends a request nobody waits for.
fn send<T: 'static>(client: &Rc<EngineClient>, ask: fn(T) -> Ask) -> Callback<T> {
    let c = client.clone();
    Callback::from(move |value| {
        c.send(ask(value), &[]);
    })
}

/// A callback that sends a request the page waits for.
fn awaited<T: 'static>(client: &Rc<EngineClient>, dispatch: &Dispatch, make: fn(T) -> Awaited) -> Callback<T> {
    let (c, d) = (client.clone(), dispatch.clone());
    Callback::from(move |value| {
        let Awaited { ask, files, task } = make(value);
        let id = c.send(ask, &files);
        d.dispatch(Action::Started {
            id,
            task,
            sources: vec![],
            restoring: false,
        });
    })
}

fn load_files(client: &EngineClient, dispatch: &Dispatch, files: Vec<File>, options: LoadOptions) {
    if files.is_empty() {
        return;
    }
    let names: Vec<String> = files.iter().map(File::name).collect();
    // Unique across visits: the store keeps files from earlier ones.
    let stamp = js_sys::Date::now() as u64;
    let sources = files
        .into_iter()
        .enumerate()
        .map(|(i, file)| Restorable::File {
            key: format!("f{stamp:x}-{i}"),
            name: file.name(),
            file,
            options: options.clone(),
        })
        .collect();
    start_load(client, dispatch, sources, Task::Loading(names), false);
}

/// Load files and samples; the reducer keeps them to restore the workspace.
fn start_load(client: &EngineClient, dispatch: &Dispatch, sources: Vec<Restorable>, task: Task, restoring: bool) {
    let mut files = Vec::new();
    let refs: Vec<SourceRef> = sources
        .iter()
        .map(|s| match s {
            Restorable::File {
                file, name, options, ..
            } => {
                files.push(file.clone());
                SourceRef::File {
                    index: files.len() - 1,
                    name: name.clone(),
                    options: options.clone(),
                }
            }
            Restorable::Sample(spec) => SourceRef::Sample(*spec),
        })
        .collect();
    let max_file_bytes = max_file_bytes(
        web_sys::UrlSearchParams::new_with_str(&dom::location_search())
            .ok()
            .and_then(|p| p.get("max_file_mb"))
            .as_deref(),
    );
    let id = client.send(
        Ask::Load {
            sources: refs,
            max_file_bytes,
        },
        &files,
    );
    dispatch.dispatch(Action::Started {
        id,
        task,
        sources,
        restoring,
    });
}

/// The largest file the engine is sent, from the `max_file_mb` query
/// parameter (in MB) or the default.
fn max_file_bytes(max_file_mb: Option<&str>) -> u64 {
    max_file_mb
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(DEFAULT_MAX_FILE_MB)
        .saturating_mul(1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_limit_comes_from_the_query_or_the_default() {
        assert_eq!(max_file_bytes(None), 1_000_000_000);
        assert_eq!(max_file_bytes(Some("5")), 5_000_000);
        assert_eq!(max_file_bytes(Some("0")), 0);
        assert_eq!(max_file_bytes(Some("five")), 1_000_000_000);
        assert_eq!(max_file_bytes(Some("-1")), 1_000_000_000);
        assert_eq!(max_file_bytes(Some(&u64::MAX.to_string())), u64::MAX);
    }
}
