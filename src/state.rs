//! The page's state and every way it can change (a Yew reducer). The engine
//! owns the data; this keeps what the page shows and how to rebuild the
//! engine's workspace if the worker has to be restarted. Everything the
//! engine says arrives as one action, `Action::Engine(Message)`.

use std::collections::BTreeMap;
use std::rc::Rc;

use dataplay_api::cap::CapComparison;
use dataplay_api::etl::EtlReport;
use dataplay_api::lake::{GlueReport, LakeAction, LakeView};
use dataplay_api::{
    Answer, DatasetSummary, LoadOptions, Message, Problem, Progress, Response, RowsWindow, SampleSpec, SourceLoad,
};
use web_sys::File;
use yew::Reducible;

/// Where a loaded dataset came from, kept so it can be loaded again into a
/// new worker after a cancel or a crash.
#[derive(Clone, PartialEq)]
pub enum Restorable {
    /// `key` names its copy in the browser's store; `name` is the file's
    /// own name (the store's copy is named by the key).
    File {
        file: File,
        key: String,
        name: String,
        options: LoadOptions,
    },
    Sample(SampleSpec),
}

#[derive(Clone)]
pub struct Restore {
    pub source: Restorable,
    /// The datasets it produced.
    pub datasets: Vec<String>,
}

/// Counts of what the engine has answered, by kind (see `AppState::runs`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Runs {
    pub etl: u64,
    pub lake: u64,
    pub cap: u64,
    pub grades: u64,
}

impl Runs {
    /// The state's runs that came after this count was taken (a run from
    /// before is `None`): what an exercise or a lesson's step judges.
    pub fn since<'a>(self, state: &'a AppState) -> dataplay_api::exercise::Runs<'a> {
        let now = state.runs;
        dataplay_api::exercise::Runs {
            etl: state.etl.as_deref().filter(|_| now.etl > self.etl),
            lake: state.lake.as_deref().filter(|_| now.lake > self.lake),
            cap: state.cap.as_deref().filter(|_| now.cap > self.cap),
        }
    }
}

/// What the page is waiting for (worded by `words::task`).
#[derive(Clone, Debug, PartialEq)]
pub enum Task {
    /// Loading these files.
    Loading(Vec<String>),
    Generating,
    Rereading(String),
    Etl,
    Lake(LakeTask),
    /// Ingesting this many files into the lake.
    Ingesting(usize),
    Restoring,
}

/// Which Lake & Warehouse action is under way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LakeTask {
    List,
    LoadSample,
    Glue,
    LakeSql,
    WarehouseSql,
}

impl LakeTask {
    pub fn of(action: &LakeAction) -> LakeTask {
        match action {
            LakeAction::List => LakeTask::List,
            LakeAction::LoadSample { .. } | LakeAction::Prepare(_) => LakeTask::LoadSample,
            LakeAction::Glue { .. } => LakeTask::Glue,
            LakeAction::LakeSql { .. } => LakeTask::LakeSql,
            LakeAction::WarehouseSql { .. } => LakeTask::WarehouseSql,
        }
    }
}

/// Where on the page an error is shown: beside the control whose request
/// failed (`Page`: the banner under the top bar, for what belongs to no
/// control — the engine died, a download failed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Page,
    /// The Data page's loaders (upload, samples, read options).
    Data,
    /// The ETL page's run.
    Etl,
    /// The lake's files: the media sample, ingested files.
    LakeFiles,
    LakeGlue,
    LakeSql,
    Warehouse,
}

impl Place {
    /// Its name in the page (`data-place`).
    pub fn key(self) -> &'static str {
        match self {
            Place::Page => "page",
            Place::Data => "data",
            Place::Etl => "etl",
            Place::LakeFiles => "lake-files",
            Place::LakeGlue => "lake-glue",
            Place::LakeSql => "lake-sql",
            Place::Warehouse => "warehouse",
        }
    }
}

impl Task {
    /// Where an error of this request is shown.
    pub fn place(&self) -> Place {
        match self {
            Task::Loading(_) | Task::Generating | Task::Rereading(_) => Place::Data,
            Task::Etl => Place::Etl,
            Task::Lake(LakeTask::List | LakeTask::LoadSample) | Task::Ingesting(_) => Place::LakeFiles,
            Task::Lake(LakeTask::Glue) => Place::LakeGlue,
            Task::Lake(LakeTask::LakeSql) => Place::LakeSql,
            Task::Lake(LakeTask::WarehouseSql) => Place::Warehouse,
            Task::Restoring => Place::Page,
        }
    }
}

/// A Lake & Warehouse action that failed, and why: shown beside the control
/// that started it until the next lake answer.
#[derive(Clone, Debug, PartialEq)]
pub struct LakeFailure {
    pub task: LakeTask,
    pub problem: Problem,
}

impl LakeFailure {
    /// The Glue job that writes the files a warehouse COPY found missing,
    /// when one of the engine's jobs does: the one to run before the script.
    pub fn job_to_run(&self) -> Option<&str> {
        let fault = match &self.problem {
            Problem::Sql { fault, .. } | Problem::Invalid { fault, .. } => fault,
            _ => return None,
        };
        // Read as data: decoding the whole `Fault` would link its
        // deserializer into the page (see `dataplay_api::coded`).
        let data = fault.data();
        (fault.code() == Some("copy_no_files") && data["writer"]["type"] == "glue_job")
            .then(|| data["writer"]["job"].as_str())
            .flatten()
    }
}

/// A long request the user is waiting for.
#[derive(Clone, Debug, PartialEq)]
pub struct Busy {
    pub id: u64,
    pub task: Task,
    /// What the engine last said about it.
    pub progress: Option<Progress>,
    /// True while the workspace is being rebuilt after a restart.
    pub restoring: bool,
}

impl Busy {
    /// The restore the app is about to send (id 0: not sent yet).
    pub fn restore_pending() -> Busy {
        Busy {
            id: 0,
            task: Task::Restoring,
            progress: None,
            restoring: true,
        }
    }

    pub fn is_restore_pending(&self) -> bool {
        self.restoring && self.id == 0
    }
}

/// What the error banner tells the user (worded by `words::notice`).
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// An engine error, as data.
    Problem(Problem),
    /// The user cancelled this; the tables are kept.
    Cancelled(Task),
    RestoreFailed,
    /// The worker died (the browser's reason); it is being restarted.
    EngineDied(String),
    EngineUnavailable(String),
    /// A message from the engine the page could not read.
    Unreadable(String),
    Unreachable(String),
    DownloadFailed {
        file: String,
        why: String,
    },
    /// The file is loaded but the browser would not keep it for the next
    /// visit (`why`: its reason, e.g. `QuotaExceededError`).
    NotKept {
        file: String,
        why: String,
    },
    /// The lake and warehouse could not be kept for the next visit (`why`:
    /// the browser's reason); what was kept before stays.
    StateNotKept {
        why: String,
    },
    /// A workspace file that was not imported; the workspace is as it was.
    /// `damaged`: it is not a workspace file (or a damaged one), `why` says
    /// how; otherwise the browser refused to store it, for reason `why`.
    ImportFailed {
        file: String,
        why: String,
        damaged: bool,
    },
    /// The workspace could not be written to a file (the reason).
    ExportFailed {
        why: String,
    },
    /// A file the workspace had kept is no longer in the browser's store.
    StoredLost {
        file: String,
    },
}

/// A list of datasets, the one selected, and the rows of it on screen: the
/// Data page's tables, the ETL's outputs and the lake's results each have one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Browser {
    pub datasets: Vec<DatasetSummary>,
    pub selected: Option<String>,
    pub window: Option<RowsWindow>,
}

impl Browser {
    pub fn selected_summary(&self) -> Option<&DatasetSummary> {
        let name = self.selected.as_ref()?;
        self.datasets.iter().find(|d| &d.name == name)
    }

    /// Select a dataset; its rows are asked for again.
    pub fn select(&mut self, name: String) {
        if self.selected.as_ref() != Some(&name) {
            self.selected = Some(name);
            self.window = None;
        }
    }

    /// Add a dataset, or replace the one of the same name.
    pub fn upsert(&mut self, summary: DatasetSummary) {
        match self.datasets.iter_mut().find(|d| d.name == summary.name) {
            Some(slot) => *slot = summary,
            None => self.datasets.push(summary),
        }
    }

    /// Rows from the engine, kept if they are of the selected dataset.
    pub fn apply_rows(&mut self, window: &RowsWindow) {
        if self.selected.as_deref() == Some(window.dataset.as_str()) {
            self.window = Some(window.clone());
        }
    }

    /// Drop a dataset; the first one left is selected if it was.
    pub fn remove(&mut self, name: &str) {
        self.datasets.retain(|d| d.name != name);
        if self.selected.as_deref() == Some(name) {
            self.selected = self.datasets.first().map(|d| d.name.clone());
            self.window = None;
        }
    }

    pub fn clear(&mut self) {
        *self = Browser::default();
    }
}

#[derive(Clone, Default)]
pub struct AppState {
    pub ready: bool,
    /// Counts engine restarts: requests sent to an earlier engine are lost.
    pub epoch: u32,
    /// The user's own tables (the Data page).
    pub data: Browser,
    pub busy: Option<Busy>,
    /// What to tell the user, each where it belongs: a new request at a
    /// place replaces that place's errors instead of adding to them.
    pub errors: Vec<(Place, Notice)>,
    /// What the in-flight load will add to `restores` when it succeeds.
    pub pending: Vec<Restorable>,
    pub restores: Vec<Restore>,
    /// The sources of the latest load that failed (with the options they
    /// were read with), so that they can be read again with other options.
    pub failed_sources: Vec<Restorable>,
    /// The CAP page's latest simulation.
    pub cap: Option<Rc<CapComparison>>,
    pub cap_elapsed_ms: f64,
    /// The scenario the CAP page's last request named that the engine does
    /// not have (the page says so beside its controls, not in the banner).
    pub cap_failed: Option<String>,
    /// The ETL page's latest run and the tables it wrote (`etl:…`, `dw:…`),
    /// kept apart from the user's own tables.
    pub etl: Option<Rc<EtlReport>>,
    pub etl_tables: Browser,
    /// The Lake & Warehouse page: the lake and warehouse as the engine last
    /// described them, the tables its queries wrote, and the last timings.
    pub lake: Option<Rc<LakeView>>,
    pub lake_tables: Browser,
    /// (milliseconds, rows) of the last query over the lake and in the warehouse.
    pub lake_query: Option<(f64, usize)>,
    pub warehouse_query: Option<(f64, usize)>,
    /// Each Glue job's last result, by the name of the job sent.
    pub glue_reports: BTreeMap<String, GlueReport>,
    /// The last lake action that failed, until a lake action succeeds.
    pub lake_failure: Option<LakeFailure>,
    /// How many requests have finished (answered, failed or lost with the
    /// engine): the page shows it so that a test waits for its request to
    /// end, not for a time.
    pub finished: u64,
    /// The workspace kept in the browser has been read back (until then
    /// nothing is written to the store).
    pub recovered: bool,
    /// Whether this browser keeps the workspace between visits (`None`
    /// until known).
    pub storage: Option<bool>,
    /// Counts the answers that changed the lake or a warehouse (ingest,
    /// the lake sample, a Glue job, a warehouse script, an ETL run): each
    /// is a new state to keep.
    pub lake_changes: u64,
    /// How many ETL reports, lake views, CAP runs and table verdicts have
    /// arrived: an exercise judges only what came after its start.
    pub runs: Runs,
    /// The last table check of an exercise: its id and the verdict.
    pub graded: Option<Rc<(String, dataplay_api::exercise::TableVerdict)>>,
    /// The last fingerprint asked for (an author's).
    pub fingerprint: Option<Rc<dataplay_api::exercise::TableFingerprint>>,
}

pub enum Action {
    /// Whatever the engine posted.
    Engine(Message),
    /// The page sent a request the user waits for.
    Started {
        id: u64,
        task: Task,
        sources: Vec<Restorable>,
        restoring: bool,
    },
    /// The worker is gone (crashed, cancelled); it will be restarted.
    Lost(Notice),
    /// The user cancelled what the page waits for; the worker is replaced.
    Cancel,
    /// Something to tell the user that ends nothing.
    Notify(Notice),
    Select(String),
    SelectEtl(String),
    SelectLake(String),
    /// The user closed the errors shown at a place.
    DismissErrors(Place),
    /// The workspace kept from an earlier visit (loaded like a restore).
    Recovered {
        restores: Vec<Restore>,
        available: bool,
    },
}

impl AppState {
    fn is_current(&self, id: u64) -> bool {
        self.busy.as_ref().is_some_and(|b| b.id == id)
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        s.apply(action);
        if self.busy.is_some() && s.busy.is_none() {
            s.finished += 1;
        }
        Rc::new(s)
    }
}

impl AppState {
    fn apply(&mut self, action: Action) {
        match action {
            Action::Engine(Message::Ready) => {
                self.ready = true;
                if !self.restores.is_empty() {
                    // Mark the restore before anything else can ask the
                    // new engine for tables it does not hold yet.
                    self.busy = Some(Busy::restore_pending());
                }
            }
            Action::Engine(Message::Progress { id, progress }) => {
                if let Some(busy) = self.busy.as_mut().filter(|b| b.id == id) {
                    busy.progress = Some(progress);
                }
            }
            Action::Engine(Message::Done(response)) => self.answered(response),
            Action::Started {
                id,
                task,
                sources,
                restoring,
            } => {
                let place = task.place();
                self.errors.retain(|(p, _)| *p != place);
                self.busy = Some(Busy {
                    id,
                    task,
                    progress: None,
                    restoring,
                });
                if !sources.is_empty() && !restoring {
                    // A new load: what failed before is replaced by what fails now.
                    self.failed_sources.clear();
                }
                self.pending = sources;
            }
            Action::Lost(notice) => self.lost(notice),
            Action::Cancel => {
                let what = self.busy.as_ref().map_or(Task::Restoring, |b| b.task.clone());
                self.lost(Notice::Cancelled(what));
            }
            Action::Notify(notice) => self.errors.push((Place::Page, notice)),
            Action::Select(name) => self.data.select(name),
            Action::SelectEtl(name) => self.etl_tables.select(name),
            Action::SelectLake(name) => self.lake_tables.select(name),
            Action::DismissErrors(place) => self.errors.retain(|(p, _)| *p != place),
            Action::Recovered { restores, available } => {
                self.recovered = true;
                self.storage = Some(available);
                if !restores.is_empty() {
                    let loaded_since = std::mem::take(&mut self.restores);
                    self.restores = restores.into_iter().chain(loaded_since).collect();
                    if self.ready && self.busy.is_none() {
                        self.busy = Some(Busy::restore_pending());
                    }
                }
            }
        }
    }

    /// The one final answer to request `id`.
    fn answered(&mut self, Response { id, body }: Response) {
        let current = self.is_current(id);
        let restoring = self.busy.as_ref().is_some_and(|b| b.restoring);
        // Where this request's errors go: beside its control, when the
        // page waits for it.
        let place = self
            .busy
            .as_ref()
            .filter(|_| current)
            .map_or(Place::Page, |b| b.task.place());
        let lake_task = match self.busy.as_ref().map(|b| &b.task) {
            Some(Task::Lake(task)) if current => Some(*task),
            _ => None,
        };
        if current {
            self.busy = None;
        }
        match body {
            Answer::Loaded(results) => self.loaded(results, current, restoring),
            Answer::Rows(window) => {
                for browser in [&mut self.data, &mut self.etl_tables, &mut self.lake_tables] {
                    browser.apply_rows(&window);
                }
            }
            Answer::Removed { dataset } => {
                self.data.remove(&dataset);
                for r in &mut self.restores {
                    r.datasets.retain(|d| d != &dataset);
                }
                self.restores.retain(|r| !r.datasets.is_empty());
            }
            Answer::Failed(Problem::UnknownScenario { scenario }) => self.cap_failed = Some(scenario),
            Answer::Failed(problem) => {
                if current {
                    self.pending.clear();
                }
                self.clear_stale(place);
                match lake_task {
                    // Shown beside the SQL editor, with the job to run when there is one.
                    Some(task @ (LakeTask::LakeSql | LakeTask::WarehouseSql)) => {
                        self.lake_failure = Some(LakeFailure { task, problem });
                    }
                    _ => self.errors.push((place, Notice::Problem(problem))),
                }
            }
            Answer::Etl { report, datasets } => {
                self.lake_changes += 1;
                let tables = &mut self.etl_tables;
                tables.datasets = datasets;
                if tables.selected_summary().is_none() {
                    tables.selected = Some("etl:fact_sales".into());
                }
                tables.window = None;
                self.etl = Some(Rc::new(*report));
                self.runs.etl += 1;
            }
            Answer::Lake { action, view, datasets } => {
                self.lake_failure = None;
                if !matches!(*action, LakeAction::List | LakeAction::LakeSql { .. }) {
                    self.lake_changes += 1;
                }
                if let (LakeAction::Glue { job }, Some(report)) = (&*action, &view.glue) {
                    self.glue_reports.insert(job.name.clone(), report.clone());
                }
                match *action {
                    LakeAction::LakeSql { .. } => self.lake_query = Some((view.millis, view.result_rows)),
                    LakeAction::WarehouseSql { .. } if view.result.is_some() => {
                        self.warehouse_query = Some((view.millis, view.result_rows))
                    }
                    _ => {}
                }
                for d in datasets {
                    self.lake_tables.upsert(d);
                }
                if let Some(result) = &view.result {
                    self.lake_tables.selected = Some(result.clone());
                }
                self.lake_tables.window = None;
                self.lake = Some(Rc::new(*view));
                self.runs.lake += 1;
            }
            Answer::Ingested { files, view } => {
                if files.iter().any(|f| f.error.is_none()) {
                    self.lake_changes += 1;
                }
                let failed = files.into_iter().filter_map(|f| f.error);
                self.errors
                    .extend(failed.map(|p| (Place::LakeFiles, Notice::Problem(p))));
                self.lake_tables.window = None;
                self.lake = Some(Rc::new(*view));
                self.runs.lake += 1;
            }
            // The engine client started the download, or handed the bytes on.
            Answer::Exported { .. } | Answer::Saved { .. } => {}
            Answer::Graded { exercise, verdict } => {
                self.runs.grades += 1;
                self.graded = Some(Rc::new((exercise, verdict)));
            }
            Answer::Fingerprinted(print) => self.fingerprint = Some(Rc::new(print)),
            Answer::StateLoaded { view, keyed, declared } => {
                for d in keyed {
                    self.etl_tables.upsert(d);
                }
                for d in declared {
                    self.lake_tables.upsert(d);
                }
                self.lake = Some(Rc::new(*view));
                self.runs.lake += 1;
            }
            Answer::Cap { comparison, elapsed_ms } => {
                self.cap = Some(Rc::new(*comparison));
                self.runs.cap += 1;
                self.cap_elapsed_ms = elapsed_ms;
                self.cap_failed = None;
            }
        }
    }

    /// A load's (or a reload's, or a restore's) results, source by source.
    fn loaded(&mut self, results: Vec<SourceLoad>, current: bool, restoring: bool) {
        let datasets: Vec<&DatasetSummary> = results.iter().flat_map(|r| &r.datasets).collect();
        // A reload's summary replaces the dataset's options in its restore.
        for summary in &datasets {
            if let Some(Restore {
                source: Restorable::File { options, .. },
                ..
            }) = self.restores.iter_mut().find(|r| r.datasets.contains(&summary.name))
            {
                *options = summary.options.clone();
            }
        }
        let first_new = datasets.first().map(|d| d.name.clone());
        if current && !restoring {
            let pending = std::mem::take(&mut self.pending);
            for result in &results {
                let Some(source) = pending.get(result.source).cloned() else {
                    continue;
                };
                if result.error.is_some() {
                    self.failed_sources.push(source);
                } else {
                    let datasets = result.datasets.iter().map(|d| d.name.clone()).collect();
                    self.restores.push(Restore { source, datasets });
                }
            }
        }
        for result in results {
            for summary in result.datasets {
                self.data.upsert(summary);
            }
            self.errors
                .extend(result.error.map(|p| (Place::Data, Notice::Problem(p))));
        }
        if !restoring || self.data.selected.is_none() {
            if let Some(name) = first_new {
                self.data.selected = Some(name);
                self.data.window = None;
            }
        }
    }

    fn lost(&mut self, notice: Notice) {
        if self.busy.as_ref().is_some_and(|b| b.restoring) {
            // Restoring itself killed the engine: stop trying.
            self.restores.clear();
            self.data.clear();
            self.errors.push((Place::Page, Notice::RestoreFailed));
        }
        self.ready = false;
        self.epoch += 1;
        self.busy = None;
        self.pending.clear();
        self.data.window = None;
        // The ETL's outputs, the lake and the declared tables lived in the old engine.
        self.etl = None;
        self.etl_tables.clear();
        self.lake = None;
        self.lake_tables.clear();
        self.glue_reports.clear();
        self.lake_failure = None;
        self.errors.push((Place::Page, notice));
    }

    /// A failed run leaves no result of an earlier one under its error: the
    /// ETL's report and tables, the last query's result and timing.
    fn clear_stale(&mut self, place: Place) {
        match place {
            Place::Etl => {
                self.etl = None;
                self.etl_tables.clear();
            }
            Place::LakeSql | Place::Warehouse => {
                if place == Place::LakeSql {
                    self.lake_query = None;
                } else {
                    self.warehouse_query = None;
                }
                // The result table is the query's; the tables jobs wrote stay.
                let result = self.lake.as_ref().and_then(|v| v.result.clone());
                if let Some(result) = result {
                    self.lake_tables.remove(&result);
                }
            }
            Place::Page | Place::Data | Place::LakeFiles | Place::LakeGlue => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use dataplay_api::fault::{Fault, Writer};
    use dataplay_api::{Coded, ColumnSummary, FileFormat, SampleKind};

    use super::*;

    fn started(id: u64, sources: Vec<Restorable>) -> Action {
        Action::Started {
            id,
            task: Task::Generating,
            sources,
            restoring: false,
        }
    }

    fn done(id: u64, body: Answer) -> Action {
        Action::Engine(Message::Done(Response { id, body }))
    }

    fn summary(name: &str) -> DatasetSummary {
        DatasetSummary {
            name: name.into(),
            source: dataplay_api::Origin::File {
                file: format!("{name}.csv"),
            },
            format: Some(FileFormat::Csv),
            rows: 3,
            columns: vec![ColumnSummary {
                name: "id".into(),
                dtype: "i64".into(),
                null_count: 0,
                inferred: true,
            }],
            options: LoadOptions::default(),
            bytes: 10,
            notes: vec![],
        }
    }

    fn sample(seed: u64) -> Restorable {
        Restorable::Sample(SampleSpec {
            kind: SampleKind::Retail,
            seed,
            size: 100,
        })
    }

    fn failed(id: u64) -> Action {
        done(id, Answer::Failed(Problem::FileEmpty { file: "bad.csv".into() }))
    }

    fn loaded(id: u64, results: Vec<(usize, Option<&str>)>) -> Action {
        let results = results
            .into_iter()
            .map(|(source, dataset)| SourceLoad {
                source,
                datasets: dataset.map(summary).into_iter().collect(),
                error: dataset.is_none().then(|| Problem::FileEmpty { file: "bad.csv".into() }),
            })
            .collect();
        done(id, Answer::Loaded(results))
    }

    fn seeds(sources: &[Restorable]) -> Vec<u64> {
        sources
            .iter()
            .filter_map(|s| match s {
                Restorable::Sample(spec) => Some(spec.seed),
                Restorable::File { .. } => None,
            })
            .collect()
    }

    #[test]
    fn the_sources_that_failed_are_kept_until_the_next_load() {
        let mut state = Rc::new(AppState::default());
        state = state.reduce(started(1, vec![sample(1), sample(2), sample(3)]));
        state = state.reduce(loaded(1, vec![(0, Some("a")), (1, None), (2, None)]));
        assert_eq!(seeds(&state.failed_sources), [2, 3], "the failed ones, in order");
        assert_eq!(state.restores.len(), 1, "only what loaded is restored");
        // Another request (not a load) leaves them.
        state = state.reduce(Action::Started {
            id: 2,
            task: Task::Etl,
            sources: vec![],
            restoring: false,
        });
        assert_eq!(seeds(&state.failed_sources), [2, 3]);
        // Reading them again: the ones that fail again replace the list.
        state = state.reduce(started(3, vec![sample(2), sample(3)]));
        assert!(state.failed_sources.is_empty(), "a new load starts afresh");
        state = state.reduce(loaded(3, vec![(0, Some("b")), (1, None)]));
        assert_eq!(seeds(&state.failed_sources), [3]);
        // A restore does not touch them.
        state = state.reduce(Action::Started {
            id: 4,
            task: Task::Restoring,
            sources: vec![sample(1)],
            restoring: true,
        });
        assert_eq!(seeds(&state.failed_sources), [3]);
    }

    fn kept(seed: u64) -> Restore {
        Restore {
            source: sample(seed),
            datasets: vec![format!("t{seed}")],
        }
    }

    #[test]
    fn a_workspace_kept_from_the_last_visit_is_restored_once_the_engine_is_ready() {
        // Read back before the engine started: restored when it is ready.
        let mut state = Rc::new(AppState::default());
        state = state.reduce(Action::Recovered {
            restores: vec![kept(1), kept(2)],
            available: true,
        });
        assert!(state.recovered);
        assert_eq!(state.storage, Some(true));
        assert!(state.busy.is_none(), "nothing to send to an engine not started");
        state = state.reduce(Action::Engine(Message::Ready));
        assert!(state.busy.as_ref().is_some_and(Busy::is_restore_pending));
        assert_eq!(state.restores.len(), 2);

        // Read back after: restored at once, before what was loaded meanwhile.
        let mut state = Rc::new(AppState::default());
        state = state.reduce(Action::Engine(Message::Ready));
        state = state.reduce(started(1, vec![sample(9)]));
        state = state.reduce(loaded(1, vec![(0, Some("t9"))]));
        state = state.reduce(Action::Recovered {
            restores: vec![kept(1)],
            available: true,
        });
        assert!(state.busy.as_ref().is_some_and(Busy::is_restore_pending));
        assert_eq!(
            seeds(&state.restores.iter().map(|r| r.source.clone()).collect::<Vec<_>>()),
            [1, 9]
        );

        // Nothing kept (or no storage): nothing to restore.
        let mut state = Rc::new(AppState::default());
        state = state.reduce(Action::Engine(Message::Ready));
        state = state.reduce(Action::Recovered {
            restores: vec![],
            available: false,
        });
        assert!(state.recovered && state.busy.is_none());
        assert_eq!(state.storage, Some(false));
    }

    #[test]
    fn a_request_counts_as_finished_once_when_it_ends_whichever_way() {
        let mut state = Rc::new(AppState::default());
        state = state.reduce(started(1, vec![]));
        let progress = Progress::at(dataplay_api::Stage::RunningEtl);
        state = state.reduce(Action::Engine(Message::Progress {
            id: 1,
            progress: progress.clone(),
        }));
        assert_eq!(state.finished, 0, "progress is not an end");
        assert_eq!(state.busy.as_ref().and_then(|b| b.progress.clone()), Some(progress));
        state = state.reduce(failed(1));
        assert_eq!(state.finished, 1);
        assert_eq!(state.errors.len(), 1);
        // A late answer to an old request ends nothing.
        state = state.reduce(failed(1));
        assert_eq!(state.finished, 1);
        state = state.reduce(started(2, vec![]));
        state = state.reduce(Action::Lost(Notice::EngineDied("out of memory".into())));
        assert_eq!(state.finished, 2, "a lost engine ends its request");
        assert_eq!(state.epoch, 1);
    }

    fn errors_at(state: &AppState, place: Place) -> impl Iterator<Item = &Notice> {
        state.errors.iter().filter(move |(p, _)| *p == place).map(|(_, n)| n)
    }

    fn start(id: u64, task: Task) -> Action {
        Action::Started {
            id,
            task,
            sources: vec![],
            restoring: false,
        }
    }

    #[test]
    fn an_error_shows_beside_its_control_and_the_next_try_replaces_it() {
        let mut state = Rc::new(AppState::default());
        state = state.reduce(start(1, Task::Etl));
        state = state.reduce(failed(1));
        state = state.reduce(start(2, Task::Lake(LakeTask::Glue)));
        state = state.reduce(failed(2));
        let places: Vec<Place> = state.errors.iter().map(|(p, _)| *p).collect();
        assert_eq!(places, [Place::Etl, Place::LakeGlue]);
        assert_eq!(errors_at(&state, Place::Etl).count(), 1);
        assert_eq!(errors_at(&state, Place::Data).count(), 0);
        // Running the ETL again clears its old error, not the job's.
        state = state.reduce(start(3, Task::Etl));
        assert_eq!(errors_at(&state, Place::Etl).count(), 0);
        assert_eq!(errors_at(&state, Place::LakeGlue).count(), 1);
        state = state.reduce(failed(3));
        assert_eq!(errors_at(&state, Place::Etl).count(), 1, "one error, not two");
        // A late failure of a request nobody waits for goes to the banner.
        state = state.reduce(failed(99));
        assert_eq!(errors_at(&state, Place::Page).count(), 1);
        state = state.reduce(Action::DismissErrors(Place::LakeGlue));
        let places: Vec<Place> = state.errors.iter().map(|(p, _)| *p).collect();
        assert_eq!(places, [Place::Etl, Place::Page]);
    }

    #[test]
    fn a_failed_run_clears_the_result_of_the_one_before() {
        let mut state = Rc::new(AppState::default());
        state = state.reduce(start(1, Task::Lake(LakeTask::LakeSql)));
        let view = LakeView {
            result: Some("lake:result".into()),
            result_rows: 3,
            millis: 2.0,
            ..LakeView::default()
        };
        state = state.reduce(done(
            1,
            Answer::Lake {
                action: Box::new(LakeAction::LakeSql {
                    sql: "SELECT 1".into(),
                    tables: vec![],
                }),
                view: Box::new(view),
                datasets: vec![summary("lake:result"), summary("curated:daily")],
            },
        ));
        assert_eq!(state.lake_query, Some((2.0, 3)));
        assert_eq!(state.lake_tables.datasets.len(), 2);
        state = state.reduce(start(2, Task::Lake(LakeTask::LakeSql)));
        state = state.reduce(failed(2));
        assert_eq!(state.lake_query, None, "no timing of the query before");
        let names: Vec<&str> = state.lake_tables.datasets.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(
            names,
            ["curated:daily"],
            "the old result is gone, the job's table stays"
        );
        // A failed ETL leaves no report of the run before.
        state = state.reduce(start(3, Task::Etl));
        state = state.reduce(failed(3));
        assert!(state.etl.is_none() && state.etl_tables.datasets.is_empty());
    }

    #[test]
    fn a_cancel_names_what_was_cancelled_and_ends_it() {
        let mut state = Rc::new(AppState::default());
        state = state.reduce(Action::Engine(Message::Ready));
        state = state.reduce(Action::Started {
            id: 1,
            task: Task::Etl,
            sources: vec![],
            restoring: false,
        });
        state = state.reduce(Action::Cancel);
        assert_eq!(state.errors, [(Place::Page, Notice::Cancelled(Task::Etl))]);
        assert_eq!((state.busy.is_none(), state.ready, state.epoch), (true, false, 1));
        assert_eq!(state.finished, 1);
        // With nothing under way (a restore not sent yet), the restore is what is cancelled.
        state = state.reduce(Action::Cancel);
        assert_eq!(
            state.errors.last(),
            Some(&(Place::Page, Notice::Cancelled(Task::Restoring)))
        );
        assert_eq!((state.epoch, state.finished), (2, 1));
    }

    #[test]
    fn each_source_that_loaded_is_restorable_with_the_tables_it_gave() {
        let mut state = Rc::new(AppState::default());
        state = state.reduce(started(1, vec![sample(1), sample(2), sample(3)]));
        let loaded = |source, names: &[&str], error: Option<Problem>| SourceLoad {
            source,
            datasets: names.iter().map(|n| summary(n)).collect(),
            error,
        };
        state = state.reduce(done(
            1,
            Answer::Loaded(vec![
                loaded(0, &["customers", "products"], None),
                loaded(1, &[], Some(Problem::FileEmpty { file: "bad.csv".into() })),
                loaded(2, &["orders"], None),
            ]),
        ));
        let restores: Vec<Vec<String>> = state.restores.iter().map(|r| r.datasets.clone()).collect();
        assert_eq!(
            restores,
            [vec!["customers".to_string(), "products".into()], vec!["orders".into()]]
        );
        assert_eq!(state.data.datasets.len(), 3);
        assert_eq!(state.data.selected.as_deref(), Some("customers"));
        assert_eq!(
            state.errors,
            [(
                Place::Data,
                Notice::Problem(Problem::FileEmpty { file: "bad.csv".into() })
            )]
        );
        // Removing a table drops it from its restore; a restore left empty goes.
        state = state.reduce(done(
            2,
            Answer::Removed {
                dataset: "orders".into(),
            },
        ));
        assert_eq!(state.restores.len(), 1);
        assert_eq!(state.data.datasets.len(), 2);
    }

    #[test]
    fn rows_reach_the_browser_that_selected_them() {
        let mut state = Rc::new(AppState::default());
        state = state.reduce(done(
            1,
            Answer::Etl {
                report: Box::default(),
                datasets: vec![summary("etl:fact_sales")],
            },
        ));
        assert_eq!(state.etl_tables.selected.as_deref(), Some("etl:fact_sales"));
        let window = RowsWindow {
            dataset: "etl:fact_sales".into(),
            start: 0,
            rows: vec![vec![Some("1".into())]],
        };
        state = state.reduce(done(2, Answer::Rows(window.clone())));
        assert_eq!(state.etl_tables.window, Some(window));
        assert_eq!(state.data.window, None);
        assert_eq!(state.lake_tables.window, None);
    }

    #[test]
    fn the_engine_dying_while_restoring_gives_up_the_tables() {
        let mut state = Rc::new(AppState::default());
        state = state.reduce(started(1, vec![sample(1)]));
        state = state.reduce(done(
            1,
            Answer::Loaded(vec![SourceLoad {
                source: 0,
                datasets: vec![summary("customers")],
                error: None,
            }]),
        ));
        state = state.reduce(Action::Lost(Notice::EngineDied("gone".into())));
        state = state.reduce(Action::Engine(Message::Ready));
        assert!(state.busy.as_ref().is_some_and(Busy::is_restore_pending));
        state = state.reduce(Action::Started {
            id: 2,
            task: Task::Restoring,
            sources: vec![sample(1)],
            restoring: true,
        });
        state = state.reduce(Action::Lost(Notice::EngineDied("gone again".into())));
        assert!(state.restores.is_empty());
        assert!(state.data.datasets.is_empty());
        assert!(state.errors.contains(&(Place::Page, Notice::RestoreFailed)));
    }

    fn lake_started(id: u64, task: LakeTask) -> Action {
        Action::Started {
            id,
            task: Task::Lake(task),
            sources: vec![],
            restoring: false,
        }
    }

    fn glue_done(id: u64, job: &str, rows_out: usize) -> Action {
        let mut sent = dataplay_api::lake::GlueJob::seed_user_behavior();
        sent.name = job.into();
        let report = GlueReport {
            job: job.into(),
            rows_out,
            ..GlueReport::default()
        };
        done(
            id,
            Answer::Lake {
                action: Box::new(LakeAction::Glue { job: sent }),
                view: Box::new(LakeView {
                    glue: Some(report),
                    ..LakeView::default()
                }),
                datasets: vec![],
            },
        )
    }

    #[test]
    fn what_changes_the_lake_or_a_warehouse_is_a_new_state_to_keep_and_a_kept_one_shows() {
        let mut state = Rc::new(AppState::default());
        let lake = |id, action: LakeAction| {
            done(
                id,
                Answer::Lake {
                    action: Box::new(action),
                    view: Box::default(),
                    datasets: vec![],
                },
            )
        };
        state = state.reduce(lake(1, LakeAction::List));
        state = state.reduce(lake(
            2,
            LakeAction::LakeSql {
                sql: "SELECT 1".into(),
                tables: vec![],
            },
        ));
        assert_eq!(state.lake_changes, 0, "reading changes nothing");
        state = state.reduce(glue_done(3, "video_stats", 10));
        state = state.reduce(lake(
            4,
            LakeAction::WarehouseSql {
                sql: "CREATE TABLE t (a INT)".into(),
            },
        ));
        state = state.reduce(lake(5, LakeAction::LoadSample { seed: 1, events: 10 }));
        assert_eq!(state.lake_changes, 3);
        let ingested = |id, error: Option<Problem>| {
            done(
                id,
                Answer::Ingested {
                    files: vec![dataplay_api::FileResult {
                        file: "a.json".into(),
                        error,
                    }],
                    view: Box::default(),
                },
            )
        };
        state = state.reduce(ingested(6, Some(Problem::FileMissing { file: "a.json".into() })));
        assert_eq!(state.lake_changes, 3, "a refused file changes nothing");
        state = state.reduce(ingested(7, None));
        assert_eq!(state.lake_changes, 4);
        state = state.reduce(done(
            8,
            Answer::StateLoaded {
                view: Box::new(LakeView {
                    files: vec![dataplay_api::lake::LakeFile {
                        path: "raw/a/x.json".into(),
                        bytes: 3,
                    }],
                    ..LakeView::default()
                }),
                keyed: vec![summary("dw:fact_sales")],
                declared: vec![summary("dw:dim_users")],
            },
        ));
        assert_eq!(state.lake_changes, 4, "what was kept is not kept again");
        assert_eq!(state.lake.as_ref().map(|l| l.files.len()), Some(1));
        assert!(state.etl_tables.datasets.iter().any(|d| d.name == "dw:fact_sales"));
        assert!(state.lake_tables.datasets.iter().any(|d| d.name == "dw:dim_users"));
    }

    #[test]
    fn each_glue_job_keeps_its_own_last_result() {
        let mut state = Rc::new(AppState::default());
        state = state.reduce(lake_started(1, LakeTask::Glue));
        state = state.reduce(glue_done(1, "video_stats", 10));
        state = state.reduce(lake_started(2, LakeTask::Glue));
        state = state.reduce(glue_done(2, "dim_users", 7));
        state = state.reduce(lake_started(3, LakeTask::Glue));
        state = state.reduce(glue_done(3, "video_stats", 12));
        let rows: Vec<(&str, usize)> = state
            .glue_reports
            .iter()
            .map(|(name, r)| (name.as_str(), r.rows_out))
            .collect();
        assert_eq!(rows, [("dim_users", 7), ("video_stats", 12)]);
        // Other lake answers keep them; a lost engine (and its lake) does not.
        state = state.reduce(lake_started(4, LakeTask::List));
        state = state.reduce(done(
            4,
            Answer::Lake {
                action: Box::new(LakeAction::List),
                view: Box::default(),
                datasets: vec![],
            },
        ));
        assert_eq!(state.glue_reports.len(), 2);
        state = state.reduce(Action::Lost(Notice::EngineDied("gone".into())));
        assert!(state.glue_reports.is_empty());
    }

    #[test]
    fn a_failed_lake_action_is_kept_with_the_job_that_would_mend_it() {
        let missing = Problem::Sql {
            statement: 3,
            line: 14,
            column: 1,
            fault: Coded::new(&Fault::CopyNoFiles {
                table: "fact_video_performance".into(),
                path: "curated/video_performance".into(),
                writer: Writer::GlueJob {
                    job: "video_performance".into(),
                },
            }),
        };
        let mut state = Rc::new(AppState::default());
        state = state.reduce(lake_started(1, LakeTask::WarehouseSql));
        state = state.reduce(done(1, Answer::Failed(missing.clone())));
        let failure = state.lake_failure.clone();
        assert_eq!(failure.as_ref().map(|f| f.task), Some(LakeTask::WarehouseSql));
        assert_eq!(
            failure.as_ref().and_then(LakeFailure::job_to_run),
            Some("video_performance")
        );
        // Running the job answers: the failure is over.
        state = state.reduce(lake_started(2, LakeTask::Glue));
        state = state.reduce(glue_done(2, "video_performance", 5));
        assert_eq!(state.lake_failure, None);
        // A fault without a known writer names no job; a failure of another page is not the lake's.
        let unknown = LakeFailure {
            task: LakeTask::WarehouseSql,
            problem: Problem::Sql {
                statement: 1,
                line: 1,
                column: 1,
                fault: Coded::new(&Fault::CopyNoFiles {
                    table: "t".into(),
                    path: "curated/none".into(),
                    writer: Writer::Unknown,
                }),
            },
        };
        assert_eq!(unknown.job_to_run(), None);
        state = state.reduce(started(3, vec![]));
        state = state.reduce(failed(3));
        assert_eq!(state.lake_failure, None);
    }

    #[test]
    fn a_browser_selects_upserts_and_removes() {
        let mut b = Browser::default();
        b.upsert(summary("a"));
        b.upsert(summary("b"));
        b.select("b".into());
        b.window = Some(RowsWindow {
            dataset: "b".into(),
            start: 0,
            rows: vec![],
        });
        let mut replaced = summary("b");
        replaced.rows = 9;
        b.upsert(replaced);
        assert_eq!(b.datasets.len(), 2);
        assert_eq!(b.selected_summary().map(|d| d.rows), Some(9));
        b.select("b".into());
        assert!(b.window.is_some(), "selecting the selected keeps its rows");
        b.remove("b");
        assert_eq!(b.selected.as_deref(), Some("a"));
        assert_eq!(b.window, None);
    }

    fn cap_run(mode: dataplay_api::cap::RunMode) -> dataplay_api::cap::CapRun {
        dataplay_api::cap::CapRun {
            mode,
            nodes: vec!["us-east".into()],
            duration_ms: 3_000.0,
            network: vec![],
            messages: vec![],
            ops: vec![],
            lanes: vec![],
            verdict: dataplay_api::cap::CheckVerdict::Linearizable,
            regions: vec![],
            rejected_writes: 0,
            stale_reads: 0,
            reads: 0,
            replication_lag_mean_ms: 0.0,
            latency_normal_p50_ms: 0.0,
            latency_normal_p99_ms: 0.0,
            latency_degraded_p50_ms: 0.0,
            latency_degraded_p99_ms: 0.0,
            events: 0,
            log_hash: String::new(),
        }
    }

    #[test]
    fn a_cap_run_of_an_unknown_scenario_fails_on_the_cap_page_only() {
        use dataplay_api::cap::{CapRequest, RunMode, ScenarioKey};
        let mut state = Rc::new(AppState::default());
        state = state.reduce(started(1, vec![sample(1)]));
        // CAP requests are not awaited: their answers carry no current id.
        state = state.reduce(done(
            0,
            Answer::Failed(Problem::UnknownScenario {
                scenario: "nope".into(),
            }),
        ));
        assert_eq!(state.cap_failed.as_deref(), Some("nope"));
        assert!(state.errors.is_empty(), "not in the banner: the CAP page says it");
        assert!(state.busy.is_some(), "the load the page waits for is not touched");
        // The next run that works clears it.
        let comparison = CapComparison {
            request: CapRequest {
                scenario: "normal".into(),
                ..CapRequest::default()
            },
            scenario: ScenarioKey::Normal,
            faults: vec![],
            cp: cap_run(RunMode::Cp),
            ap: cap_run(RunMode::Ap),
            quorum: None,
            services: vec![],
        };
        state = state.reduce(done(
            0,
            Answer::Cap {
                comparison: Box::new(comparison),
                elapsed_ms: 1.0,
            },
        ));
        assert_eq!(state.cap_failed, None);
        assert_eq!(state.cap.as_ref().map(|c| c.scenario), Some(ScenarioKey::Normal));
        // Another failure keeps the run shown (the page decides what to show for its URL).
        state = state.reduce(done(
            0,
            Answer::Failed(Problem::UnknownScenario { scenario: "x".into() }),
        ));
        assert_eq!((state.cap_failed.as_deref(), state.cap.is_some()), (Some("x"), true));
    }
}
